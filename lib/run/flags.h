/* SPDX-License-Identifier: MIT
 *
 * flags.h - the one table of the numeric flags the bench executables and
 * the `cbench` commands share, with one strict parser: a flag means the
 * same and accepts the same values wherever it is given.
 *
 * A number is read whole (no trailing text), finite, and within the
 * flag's range; a fraction may be written as a percentage ("1%" is
 * 0.01). An error names the flag, what it expects and what it got.
 */
#ifndef CBENCH_RUN_FLAGS_H
#define CBENCH_RUN_FLAGS_H

#include <stddef.h>
#include <stdint.h>

typedef struct cbench_flag_spec {
    const char *name;          /* "--noise-threshold" */
    double lo, hi;             /* the range, inclusive unless open */
    int lo_open;               /* 1: lo itself is not allowed */
    int percent;               /* 1: "1%" means 0.01 */
    int integer;               /* 1: a whole number (no '%', no '.') */
    const char *expected;      /* for the message: "a fraction from 0 to 1 (e.g. 0.01 or 1%)" */
} cbench_flag_spec;

/* The spec of a shared flag, or NULL. */
const cbench_flag_spec *cbench_flag_spec_of(const char *name);

/* Parses v as the value of the shared flag 'name' into *out. Returns 0,
 * or CBENCH_EINVAL with "NAME: expected ..., got 'V'" in err (also for a
 * NULL v: the value is missing, and for a name not in the table). */
int cbench_flag_number(const char *name, const char *v, double *out, char *err, size_t errlen);

/* The same for an unsigned 64-bit integer (--seed: any). */
int cbench_flag_u64(const char *name, const char *v, uint64_t *out, char *err, size_t errlen);

/* v as the index of one of names[] (NULL-terminated), e.g. the
 * auto|always|never of --charts and --color. Returns 0, or CBENCH_EINVAL
 * with "FLAG: expected one of a|b|c, got 'V'" in err. */
int cbench_flag_choice(const char *flag, const char *v, const char *const *names, int *out,
                       char *err, size_t errlen);

#endif /* CBENCH_RUN_FLAGS_H */
