/* SPDX-License-Identifier: MIT
 *
 * json_fields.c - typed field readers for baseline JSON: error messages
 * with the field's path, numbers (null = NaN, "Infinity"), bounded
 * integers, strings, estimates, and interning of static strings.
 */
#include "store/json_read.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* {==================================================================
 * Error reporting and field paths.
 * =================================================================== */

/* Formats "baseline 'FILE': PATH: message" into the error buffer. */
int cbench_store_bad(cbench_store_jr *r, const char *fmt, ...)
{
    char msg[768];           /* the longest says what an id may be */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->err != NULL && r->errlen > 0)
        snprintf(r->err, r->errlen, "baseline '%s': %s%s%s", r->file,
                 r->path, r->plen > 0 ? ": " : "", msg);
    return CBENCH_EFORMAT;
}

int cbench_store_oom(cbench_store_jr *r)
{
    if (r->err != NULL && r->errlen > 0)
        snprintf(r->err, r->errlen, "baseline '%s': out of memory", r->file);
    return CBENCH_ENOMEM;
}

/* Appends ".key" (or "key" at the top) to the path; returns the old length
 * for cbench_store_pop(). A path that no longer fits is cut, never overflowed. */
size_t cbench_store_push_key(cbench_store_jr *r, const char *key)
{
    size_t old = r->plen;
    int n = snprintf(r->path + r->plen, sizeof r->path - r->plen, "%s%s",
                     r->plen > 0 ? "." : "", key);
    if (n > 0)
        r->plen += (size_t)n < sizeof r->path - r->plen ? (size_t)n
                                                        : sizeof r->path - r->plen - 1;
    return old;
}

size_t cbench_store_push_index(cbench_store_jr *r, size_t i)
{
    size_t old = r->plen;
    int n = snprintf(r->path + r->plen, sizeof r->path - r->plen, "[%zu]", i);
    if (n > 0)
        r->plen += (size_t)n < sizeof r->path - r->plen ? (size_t)n
                                                        : sizeof r->path - r->plen - 1;
    return old;
}

void cbench_store_pop(cbench_store_jr *r, size_t old)
{
    r->plen = old;
    r->path[old] = '\0';
}

/* {==================================================================
 * Static strings: result.h keeps stop_reason and change.test_name as
 * pointers to static text, so loaded names are interned for the life of
 * the process (a bounded table; anything past it reads as "other").
 * =================================================================== */

#define INTERN_MAX 64
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static char *interned[INTERN_MAX];
static size_t n_interned;

static const char *const known_static[] = {
    /* stop reasons (lib/run/runner.c) */
    "precision", "time", "rounds", "round cap", "interrupted",
    "slow machine",
    /* comparison tests (lib/stats/analysis.c, lib/run/instr_mode.c) */
    "welch-t on per-round estimates", "welch-t on samples", "paired t on log ratios",
    "yuen-welch t on per-round estimates", "yuen-welch t on per-round estimates, between-run term",
    "paired yuen t on log ratios",
    "exact count",
    "other",
};

const char *cbench_store_intern(const char *s)
{
    const char *found = NULL;
    for (size_t i = 0; i < sizeof known_static / sizeof known_static[0]; i++)
        if (strcmp(s, known_static[i]) == 0)
            return known_static[i];
    pthread_mutex_lock(&intern_lock);
    for (size_t i = 0; i < n_interned && found == NULL; i++)
        if (strcmp(s, interned[i]) == 0)
            found = interned[i];
    if (found == NULL && n_interned < INTERN_MAX && strlen(s) < 128) {
        char *copy = cbench__strdup(s);
        if (copy != NULL)
            found = interned[n_interned++] = copy;
    }
    pthread_mutex_unlock(&intern_lock);
    return found != NULL ? found : "other";
}

/* {==================================================================
 * Typed field readers. Each takes the containing object and a key,
 * accepts a missing key as "undefined" unless said otherwise.
 * =================================================================== */

/* A number: JSON number, null (NaN) or "Infinity"/"-Infinity". */
int cbench_store_num_value(cbench_store_jr *r, const cJSON *it, double *dst)
{
    if (it == NULL || cJSON_IsNull(it)) {
        *dst = NAN;
        return 0;
    }
    if (cJSON_IsNumber(it)) {
        *dst = it->valuedouble;
        return 0;
    }
    if (cJSON_IsString(it) && strcmp(it->valuestring, "Infinity") == 0) {
        *dst = INFINITY;
        return 0;
    }
    if (cJSON_IsString(it) && strcmp(it->valuestring, "-Infinity") == 0) {
        *dst = -INFINITY;
        return 0;
    }
    return cbench_store_bad(r, "expected a number or null");
}

int cbench_store_rd_num(cbench_store_jr *r, const cJSON *obj, const char *key, double *dst)
{
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_num_value(r, cJSON_GetObjectItemCaseSensitive(obj, key), dst);
    cbench_store_pop(r, m);
    return rc;
}

/* A non-negative integer no larger than max (missing: 0). */
int cbench_store_uint_value(cbench_store_jr *r, const cJSON *it, uint64_t max,
                            uint64_t *dst)
{
    *dst = 0;
    if (it == NULL)
        return 0;
    double v = cJSON_IsNumber(it) ? it->valuedouble : -1.0;
    /* 2^64 is exact as a double; max converts to it or just below. */
    if (!(v >= 0.0 && v <= (double)max && v == floor(v)) || v >= 18446744073709551616.0)
        return cbench_store_bad(r, "expected an integer from 0 to %" PRIu64, max);
    *dst = (uint64_t)v;
    return 0;
}

int cbench_store_rd_uint(cbench_store_jr *r, const cJSON *obj, const char *key,
                         uint64_t max, uint64_t *dst)
{
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_uint_value(r, cJSON_GetObjectItemCaseSensitive(obj, key), max, dst);
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_rd_unsigned(cbench_store_jr *r, const cJSON *obj, const char *key,
                             unsigned *dst)
{
    uint64_t v;
    int rc = cbench_store_rd_uint(r, obj, key, UINT_MAX, &v);
    *dst = (unsigned)v;
    return rc;
}

int cbench_store_rd_bool(cbench_store_jr *r, const cJSON *obj, const char *key, int *dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *dst = cJSON_IsTrue(it);
    if (it == NULL || cJSON_IsBool(it))
        return 0;
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_bad(r, "expected true or false");
    cbench_store_pop(r, m);
    return rc;
}

/* A string or null into a new heap copy (NULL for null/missing). */
int cbench_store_rd_str(cbench_store_jr *r, const cJSON *obj, const char *key,
                        char **dst, int required)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    int rc = 0;
    *dst = NULL;
    if (cJSON_IsString(it)) {
        *dst = cbench__strdup(it->valuestring);
        return *dst == NULL ? cbench_store_oom(r) : 0;
    }
    size_t m = cbench_store_push_key(r, key);
    if (required)
        rc = cbench_store_bad(r, it == NULL ? "missing (a string is required)" : "expected a string");
    else if (it != NULL && !cJSON_IsNull(it))
        rc = cbench_store_bad(r, "expected a string or null");
    cbench_store_pop(r, m);
    return rc;
}

/* A string or null mapped to a static string (see cbench_store_intern). */
int cbench_store_rd_static_str(cbench_store_jr *r, const cJSON *obj, const char *key,
                               const char **dst)
{
    char *s;
    int rc = cbench_store_rd_str(r, obj, key, &s, 0);
    *dst = (rc == 0 && s != NULL) ? cbench_store_intern(s) : NULL;
    free(s);
    return rc;
}

/* An object, or NULL for missing/null; anything else is an error. */
int cbench_store_rd_obj(cbench_store_jr *r, const cJSON *obj, const char *key,
                        const cJSON **dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *dst = cJSON_IsObject(it) ? it : NULL;
    if (it == NULL || cJSON_IsNull(it) || cJSON_IsObject(it))
        return 0;
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_bad(r, "expected an object or null");
    cbench_store_pop(r, m);
    return rc;
}

/* An array, or NULL for missing/null. */
int cbench_store_rd_arr(cbench_store_jr *r, const cJSON *obj, const char *key,
                        const cJSON **dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *dst = cJSON_IsArray(it) ? it : NULL;
    if (it == NULL || cJSON_IsNull(it) || cJSON_IsArray(it))
        return 0;
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_bad(r, "expected an array or null");
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_rd_estimate(cbench_store_jr *r, const cJSON *obj, const char *key,
                             cbench_estimate *e)
{
    const cJSON *o;
    cbench__estimate_undef(e);
    int rc = cbench_store_rd_obj(r, obj, key, &o);
    if (rc != 0 || o == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, key);
    rc = cbench_store_rd_num(r, o, "point", &e->point);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "lower", &e->lower);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "upper", &e->upper);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "std_err", &e->std_err);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "level", &e->level);
    cbench_store_pop(r, m);
    return rc;
}
