/* SPDX-License-Identifier: MIT
 *
 * flags.c - the shared numeric flags and their parser; see flags.h.
 */
#include "run/flags.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"

static const cbench_flag_spec specs[] = {
    {"--noise-threshold", 0, 1, 0, 1, 0, "a fraction from 0 to 1 (e.g. 0.01 or 1%)"},
    {"--significance-level", 0, 0.5, 1, 1, 0, "a level above 0 and at most 0.5 (e.g. 0.05)"},
    {"--confidence-level", 0.5, 0.9999, 0, 1, 0, "a level from 0.5 to 0.9999 (e.g. 0.95)"},
    {"--speed-tolerance", 0, 10, 0, 1, 0, "a fraction like 0.05 or 5% (0 = keep every round)"},
    {"--target-precision", 0, 1, 0, 1, 0, "a fraction like 0.01 or 1% (0 = off)"},
    {"--warm-up-time", 0.001, 3600, 0, 0, 0, "seconds from 0.001 to 3600"},
    {"--measurement-time", 0.001, 3600, 0, 0, 0, "seconds from 0.001 to 3600"},
    {"--profile-time", 0.001, 3600, 0, 0, 0, "seconds from 0.001 to 3600"},
    {"--timeout", 0, 1e6, 0, 0, 0, "seconds (0 = no limit)"},
    {"--max-time", 0, 1e6, 0, 0, 0, "seconds (0 = no limit)"},
    {"--rounds", 1, 1000, 0, 0, 1, "an integer from 1 to 1000"},
    {"--max-rounds", 1, 1000, 0, 0, 1, "an integer from 1 to 1000"},
    {"--sample-size", 2, 1000000, 0, 0, 1, "an integer from 2 to 1000000"},
    {"--nresamples", 100, 100000000, 0, 0, 1, "an integer from 100 to 100000000"},
    {"--column", 1, 100000, 0, 0, 1, "a column number from 1 to 100000"},
};

const cbench_flag_spec *cbench_flag_spec_of(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof specs / sizeof specs[0]; i++)
        if (strcmp(specs[i].name, name) == 0)
            return &specs[i];
    return NULL;
}

static int bad(const char *name, const char *expected, const char *v, char *err, size_t errlen)
{
    if (v == NULL)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "%s: expected %s, got nothing", name,
                            expected);
    return cbench__fail(err, errlen, CBENCH_EINVAL, "%s: expected %s, got '%s'", name,
                        expected, v);
}

static int in_range(const cbench_flag_spec *s, double x)
{
    return (s->lo_open ? x > s->lo : x >= s->lo) && x <= s->hi;
}

int cbench_flag_number(const char *name, const char *v, double *out, char *err, size_t errlen)
{
    const cbench_flag_spec *s = cbench_flag_spec_of(name);
    if (s == NULL)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "%s: not a numeric flag", name);
    if (v == NULL || *v == '\0' || (s->integer && strpbrk(v, ".eE%-+") != NULL))
        return bad(name, s->expected, v, err, errlen);
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (s->percent && end != v && *end == '%') {
        x /= 100;
        end++;
    }
    if (end == v || *end != '\0' || errno != 0 || !isfinite(x) || !in_range(s, x)
        || (s->integer && x != floor(x)))
        return bad(name, s->expected, v, err, errlen);
    *out = x;
    return 0;
}

int cbench_flag_u64(const char *name, const char *v, uint64_t *out, char *err, size_t errlen)
{
    const char *expected = "an unsigned 64-bit integer";
    if (v == NULL || *v < '0' || *v > '9')
        return bad(name, expected, v, err, errlen);
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 0);
    if (end == v || *end != '\0' || errno != 0)
        return bad(name, expected, v, err, errlen);
    *out = x;
    return 0;
}

int cbench_flag_choice(const char *flag, const char *v, const char *const *names, int *out,
                       char *err, size_t errlen)
{
    for (int i = 0; v != NULL && names[i] != NULL; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            return 0;
        }
    char expected[200] = "one of ";
    for (int i = 0; names[i] != NULL; i++) {
        strncat(expected, i ? "|" : "", sizeof expected - strlen(expected) - 1);
        strncat(expected, names[i], sizeof expected - strlen(expected) - 1);
    }
    return bad(flag, expected, v, err, errlen);
}
