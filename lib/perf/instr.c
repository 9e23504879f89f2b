/* SPDX-License-Identifier: MIT
 *
 * instr.c - deterministic mode (see instr.h): callgrind client requests in
 * the benchmark process, and in the parent: the LL geometry from sysfs, the
 * valgrind invocation and the parser of callgrind's output format
 * ("events:" names the columns; each part ends with a "totals:" line whose
 * trailing zero columns may be omitted).
 */
#include "model/result.h"
#include "perf/instr.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cbench_config.h"

#if CBENCH_HAVE_VALGRIND
#include <valgrind/callgrind.h>
#endif

/* Error messages go through the shared cbench__fail (model/result.h). */
#define set_err(err, errlen, ...) ((void)cbench__fail(err, errlen, 0, __VA_ARGS__))

/* {==================================================================
 * Child side: client requests.
 * =================================================================== */

#if CBENCH_HAVE_VALGRIND
/* Whether collection is on: begin/end toggle, so they must not repeat. */
static int instr_collecting;
#endif

int cbench_instr_running_under_valgrind(void)
{
#if CBENCH_HAVE_VALGRIND
    return RUNNING_ON_VALGRIND ? 1 : 0;
#else
    return 0;
#endif
}

void cbench_instr_region_begin(void)
{
#if CBENCH_HAVE_VALGRIND
    if (instr_collecting || !RUNNING_ON_VALGRIND)
        return;
    instr_collecting = 1;
    CALLGRIND_TOGGLE_COLLECT;
#endif
}

void cbench_instr_region_end(void)
{
#if CBENCH_HAVE_VALGRIND
    if (!instr_collecting)
        return;
    CALLGRIND_TOGGLE_COLLECT;
    instr_collecting = 0;
#endif
}

/* {==================================================================
 * Parser of callgrind output.
 * =================================================================== */

void cbench_instr_totals_init(cbench_instr_totals *t)
{
    t->ir = t->dr = t->dw = t->d1mr = t->d1mw = t->dlmr = t->dlmw = NAN;
    t->ok = 0;
}

/* The field of t that callgrind's event 'name' maps to, or NULL. */
static double *field_of(cbench_instr_totals *t, const char *name)
{
    static const char *const names[] = {"Ir", "Dr", "Dw", "D1mr", "D1mw", "DLmr", "DLmw"};
    double *fields[] = {&t->ir, &t->dr, &t->dw, &t->d1mr, &t->d1mw, &t->dlmr, &t->dlmw};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], name) == 0)
            return fields[i];
    return NULL;
}

#define MAX_EVENTS 32

/* Splits the "events:" value into column -> field (NULL for unused). */
static size_t parse_events(char *list, cbench_instr_totals *acc, double *cols[MAX_EVENTS])
{
    size_t n = 0;
    for (char *tok = strtok(list, " \t\r\n"); tok && n < MAX_EVENTS; tok = strtok(NULL, " \t\r\n"))
        cols[n++] = field_of(acc, tok);
    return n;
}

/* Adds one "totals:" line; columns beyond those given are zero. */
static int add_totals(const char *s, double *cols[MAX_EVENTS], size_t n)
{
    double vals[MAX_EVENTS] = {0};
    for (size_t i = 0; i < n; i++) {
        char *end;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '\n' || *s == '\r')
            break;
        vals[i] = strtod(s, &end);
        if (end == s || vals[i] < 0)
            return -1;
        s = end;
    }
    for (size_t i = 0; i < n; i++)
        if (cols[i] != NULL)
            *cols[i] = (isnan(*cols[i]) ? 0 : *cols[i]) + vals[i];
    return 0;
}

int cbench_instr_parse(FILE *f, const char *name, cbench_instr_totals *acc,
                       char *err, size_t errlen)
{
    char line[4096];
    double *cols[MAX_EVENTS];
    size_t n_cols = 0, lineno = 0;
    int saw_events = 0, saw_ir = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        lineno++;
        if (strncmp(line, "events:", 7) == 0) {
            n_cols = parse_events(line + 7, acc, cols);
            saw_events = 1;
            saw_ir = 0;
            for (size_t i = 0; i < n_cols; i++)
                saw_ir |= cols[i] == &acc->ir;
        } else if (strncmp(line, "totals:", 7) == 0) {
            if (!saw_events) {
                set_err(err, errlen, "%s:%zu: 'totals:' before any 'events:' line", name, lineno);
                return CBENCH_EFORMAT;
            }
            if (add_totals(line + 7, cols, n_cols) < 0) {
                set_err(err, errlen, "%s:%zu: bad number in 'totals:' line", name, lineno);
                return CBENCH_EFORMAT;
            }
            if (saw_ir)
                acc->ok = 1;
        }
    }
    if (!saw_events) {
        set_err(err, errlen, "%s: not callgrind output (no 'events:' line)", name);
        return CBENCH_EFORMAT;
    }
    return 0;
}

/* {==================================================================
 * Last-level cache geometry from sysfs.
 * =================================================================== */

/* Reads one number (with an optional K/M/G suffix) from dir/file. */
static int read_num(const char *dir, const char *file, unsigned long *v)
{
    char path[600], buf[64], *end;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *got = fgets(buf, sizeof buf, f);
    fclose(f);
    if (got == NULL)
        return -1;
    errno = 0;
    *v = strtoul(buf, &end, 10);
    if (end == buf || errno)
        return -1;
    if (*end == 'K')
        *v <<= 10;
    else if (*end == 'M')
        *v <<= 20;
    else if (*end == 'G')
        *v <<= 30;
    return 0;
}

static int read_type(const char *dir, char *type, size_t len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/type", dir);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *got = fgets(type, (int)len, f);
    fclose(f);
    if (got == NULL)
        return -1;
    type[strcspn(type, "\n")] = '\0';
    return 0;
}

/* valgrind simulates only power-of-two set counts. */
static void fit_to_valgrind(cbench_cache_geometry *g)
{
    unsigned long sets = g->size / (g->assoc * g->line), p = 1;
    if ((sets & (sets - 1)) == 0)
        return;
    while (p * 2 <= sets)
        p *= 2;
    g->assoc = (g->size + p * g->line - 1) / (p * g->line);
    g->size = g->assoc * p * g->line;
}

int cbench_instr_ll_geometry(const char *cache_dir, cbench_cache_geometry *g,
                             char *err, size_t errlen)
{
    DIR *d = opendir(cache_dir);
    struct dirent *e;
    int found = 0;
    if (d == NULL) {
        set_err(err, errlen, "%s: %s", cache_dir, strerror(errno));
        return CBENCH_ENOENT;
    }
    while ((e = readdir(d)) != NULL) {
        char dir[512], type[32];
        unsigned long level, size, assoc, line;
        if (strncmp(e->d_name, "index", 5) != 0)
            continue;
        snprintf(dir, sizeof dir, "%s/%s", cache_dir, e->d_name);
        if (read_type(dir, type, sizeof type) < 0 || strcmp(type, "Instruction") == 0)
            continue;
        if (read_num(dir, "level", &level) < 0 || read_num(dir, "size", &size) < 0 ||
            read_num(dir, "ways_of_associativity", &assoc) < 0 ||
            read_num(dir, "coherency_line_size", &line) < 0 || assoc == 0 || line == 0 ||
            size < assoc * line) {
            closedir(d);
            set_err(err, errlen, "%s: unreadable or inconsistent cache description "
                    "(level, size, ways_of_associativity, coherency_line_size)", dir);
            return CBENCH_EFORMAT;
        }
        if (found && (int)level <= g->level)
            continue;
        g->level = (int)level, g->size = size, g->assoc = assoc, g->line = line;
        found = 1;
    }
    closedir(d);
    if (!found) {
        set_err(err, errlen, "%s: no data or unified cache described", cache_dir);
        return CBENCH_ENOENT;
    }
    fit_to_valgrind(g);
    return 0;
}
