/* SPDX-License-Identifier: MIT
 *
 * stats_read.c - the numbers of `cbench stats`: one per line, or the N-th
 * whitespace-separated field, from a file or stdin; blank lines and '#'
 * comments skipped, anything else that is not a finite number a double
 * holds is an error naming the file and line.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats_cmd.h"

/* Why s is not a number the statistics can use, or NULL (*out set).
 * strtod says ERANGE both for a value past DBL_MAX and for one below
 * DBL_MIN, which is subnormal (1e-320 keeps 3 of its 17 digits) or zero:
 * such a value is refused, not rounded, since squares and products of it
 * vanish and the spread would read 0; the message says which, and what
 * to do. */
const char *cbench_cmd_stats_number_problem(const char *s, double *out)
{
    static const char *const tiny = "is too small: it underflows (a double keeps full"
        " precision from 2.2e-308 on; scale the data, e.g. to ns)";
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    if (*s == '\0' || *end != '\0')
        return "is not a number";
    if (isnan(*out) || (isinf(*out) && errno != ERANGE))
        return "is not a finite number";          /* "nan", "inf" */
    if (isinf(*out))
        return "is too large: it overflows a double (scale the data)";
    if ((*out != 0 && fabs(*out) < DBL_MIN) || (errno == ERANGE && *out == 0))
        return tiny;
    return NULL;
}


/* The 'col'-th whitespace-separated field of line (NUL-terminated in
 * place), or NULL when the line has fewer fields. */
static char *field(char *line, unsigned col)
{
    char *save = NULL, *tok = strtok_r(line, " \t\r\n\v\f", &save);
    for (unsigned k = 1; tok != NULL && k < col; k++)
        tok = strtok_r(NULL, " \t\r\n\v\f", &save);
    return tok;
}

static int push(dataset *d, size_t *cap, double v)
{
    if (d->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 256;
        double *x = realloc(d->x, nc * sizeof *x);
        if (x == NULL)
            return -1;
        d->x = x;
        *cap = nc;
    }
    d->x[d->n++] = v;
    return 0;
}

/* Parses one line into d. 0, 1 (skipped), or 2 after printing an error. */
static int read_line(dataset *d, size_t *cap, char *line, size_t lineno, unsigned col)
{
    char *p = line;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '\0' || *p == '#')
        return 1;
    char *f = field(p, col);
    if (f == NULL) {
        fprintf(stderr, "cbench stats: %s:%zu: expected at least %u field%s, found fewer\n",
                d->label, lineno, col, col == 1 ? "" : "s");
        return 2;
    }
    double v;
    const char *why = cbench_cmd_stats_number_problem(f, &v);
    if (why != NULL) {
        fprintf(stderr, "cbench stats: %s:%zu: '%s' %s\n", d->label, lineno, f, why);
        return 2;
    }
    if (push(d, cap, v) != 0) {
        fprintf(stderr, "cbench stats: %s: out of memory\n", d->label);
        return 2;
    }
    return 0;
}

int cbench_cmd_stats_read(dataset *d, unsigned col)
{
    int use_stdin = !strcmp(d->file, "-");
    FILE *f = use_stdin ? stdin : fopen(d->file, "r");
    if (f == NULL) {
        fprintf(stderr, "cbench stats: cannot open '%s': %s\n", d->file, strerror(errno));
        return 2;
    }
    char *line = NULL;
    size_t len = 0, cap = 0, lineno = 0;
    int rc = 0;
    while (rc == 0) {
        errno = 0;                      /* -1 is the end, or ENOMEM: not "no numbers" */
        if (getline(&line, &len, f) == -1)
            break;
        int r = read_line(d, &cap, line, ++lineno, col);
        rc = r == 2 ? 2 : 0;
    }
    if (rc == 0 && (ferror(f) || errno == ENOMEM)) {
        fprintf(stderr, "cbench stats: error reading %s: %s\n", d->label, strerror(errno));
        rc = 2;
    }
    free(line);
    if (!use_stdin)
        fclose(f);
    if (rc == 0 && d->n == 0) {
        fprintf(stderr, "cbench stats: %s: no numbers found\n", d->label);
        rc = 2;
    }
    return rc;
}
