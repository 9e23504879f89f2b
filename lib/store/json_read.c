/* SPDX-License-Identifier: MIT
 *
 * json_read.c - baseline JSON (see json_write.c for the format) into a
 * cbench_run, validating every type and range on the way.
 *
 * Errors are one message naming the file and either the position of a
 * syntax error (line and column, computed from the offset cJSON reports:
 * cJSON itself only gives an error pointer) or the path of a bad field, as
 * in "baseline 'x.json': results[2].samples.ns[5]: expected a number".
 *
 * What is accepted: exactly the values the writer can produce, so every
 * file cbench wrote reads back. Unknown keys are ignored (a later schema-1
 * writer may add some); a missing statistic is undefined (NaN), but "id",
 * "group" and "name" are required and ids must be unique.
 */
#include "store/json_read.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "store/json_write.h"
#include "store/store.h"

/* Reader state: the file's name and the path of the field being read. */
typedef struct jr {
    const char *file;
    char *err;
    size_t errlen;
    char path[256];
    size_t plen;
} jr;

/* {==================================================================
 * Error reporting and field paths.
 * =================================================================== */

static int bad(jr *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Formats "baseline 'FILE': PATH: message" into the error buffer. */
static int bad(jr *r, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->err != NULL && r->errlen > 0)
        snprintf(r->err, r->errlen, "baseline '%s': %s%s%s", r->file,
                 r->path, r->plen > 0 ? ": " : "", msg);
    return CBENCH_EFORMAT;
}

static int oom(jr *r)
{
    if (r->err != NULL && r->errlen > 0)
        snprintf(r->err, r->errlen, "baseline '%s': out of memory", r->file);
    return CBENCH_ENOMEM;
}

/* Appends ".key" (or "key" at the top) to the path; returns the old length
 * for pop(). A path that no longer fits is cut, never overflowed. */
static size_t push_key(jr *r, const char *key)
{
    size_t old = r->plen;
    int n = snprintf(r->path + r->plen, sizeof r->path - r->plen, "%s%s",
                     r->plen > 0 ? "." : "", key);
    if (n > 0)
        r->plen += (size_t)n < sizeof r->path - r->plen ? (size_t)n
                                                        : sizeof r->path - r->plen - 1;
    return old;
}

static size_t push_index(jr *r, size_t i)
{
    size_t old = r->plen;
    int n = snprintf(r->path + r->plen, sizeof r->path - r->plen, "[%zu]", i);
    if (n > 0)
        r->plen += (size_t)n < sizeof r->path - r->plen ? (size_t)n
                                                        : sizeof r->path - r->plen - 1;
    return old;
}

static void pop(jr *r, size_t old)
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
    "precision", "time", "rounds", "other",
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
static int num_value(jr *r, const cJSON *it, double *dst)
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
    return bad(r, "expected a number or null");
}

static int rd_num(jr *r, const cJSON *obj, const char *key, double *dst)
{
    size_t m = push_key(r, key);
    int rc = num_value(r, cJSON_GetObjectItemCaseSensitive(obj, key), dst);
    pop(r, m);
    return rc;
}

/* A non-negative integer no larger than max (missing: 0). */
static int uint_value(jr *r, const cJSON *it, uint64_t max, uint64_t *dst)
{
    *dst = 0;
    if (it == NULL)
        return 0;
    double v = cJSON_IsNumber(it) ? it->valuedouble : -1.0;
    /* 2^64 is exact as a double; max converts to it or just below. */
    if (!(v >= 0.0 && v <= (double)max && v == floor(v)) || v >= 18446744073709551616.0)
        return bad(r, "expected an integer from 0 to %" PRIu64, max);
    *dst = (uint64_t)v;
    return 0;
}

static int rd_uint(jr *r, const cJSON *obj, const char *key, uint64_t max,
                   uint64_t *dst)
{
    size_t m = push_key(r, key);
    int rc = uint_value(r, cJSON_GetObjectItemCaseSensitive(obj, key), max, dst);
    pop(r, m);
    return rc;
}

static int rd_unsigned(jr *r, const cJSON *obj, const char *key, unsigned *dst)
{
    uint64_t v;
    int rc = rd_uint(r, obj, key, UINT_MAX, &v);
    *dst = (unsigned)v;
    return rc;
}

static int rd_bool(jr *r, const cJSON *obj, const char *key, int *dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *dst = cJSON_IsTrue(it);
    if (it == NULL || cJSON_IsBool(it))
        return 0;
    size_t m = push_key(r, key);
    int rc = bad(r, "expected true or false");
    pop(r, m);
    return rc;
}

/* A string or null into a new heap copy (NULL for null/missing). */
static int rd_str(jr *r, const cJSON *obj, const char *key, char **dst, int required)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    int rc = 0;
    *dst = NULL;
    if (cJSON_IsString(it)) {
        *dst = cbench__strdup(it->valuestring);
        return *dst == NULL ? oom(r) : 0;
    }
    size_t m = push_key(r, key);
    if (required)
        rc = bad(r, it == NULL ? "missing (a string is required)" : "expected a string");
    else if (it != NULL && !cJSON_IsNull(it))
        rc = bad(r, "expected a string or null");
    pop(r, m);
    return rc;
}

/* A string or null mapped to a static string (see cbench_store_intern). */
static int rd_static_str(jr *r, const cJSON *obj, const char *key, const char **dst)
{
    char *s;
    int rc = rd_str(r, obj, key, &s, 0);
    *dst = (rc == 0 && s != NULL) ? cbench_store_intern(s) : NULL;
    free(s);
    return rc;
}

/* An object, or NULL for missing/null; anything else is an error. */
static int rd_obj(jr *r, const cJSON *obj, const char *key, const cJSON **dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *dst = cJSON_IsObject(it) ? it : NULL;
    if (it == NULL || cJSON_IsNull(it) || cJSON_IsObject(it))
        return 0;
    size_t m = push_key(r, key);
    int rc = bad(r, "expected an object or null");
    pop(r, m);
    return rc;
}

/* An array, or NULL for missing/null. */
static int rd_arr(jr *r, const cJSON *obj, const char *key, const cJSON **dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    *dst = cJSON_IsArray(it) ? it : NULL;
    if (it == NULL || cJSON_IsNull(it) || cJSON_IsArray(it))
        return 0;
    size_t m = push_key(r, key);
    int rc = bad(r, "expected an array or null");
    pop(r, m);
    return rc;
}

static int rd_estimate(jr *r, const cJSON *obj, const char *key, cbench_estimate *e)
{
    const cJSON *o;
    cbench__estimate_undef(e);
    int rc = rd_obj(r, obj, key, &o);
    if (rc != 0 || o == NULL)
        return rc;
    size_t m = push_key(r, key);
    rc = rd_num(r, o, "point", &e->point);
    if (rc == 0) rc = rd_num(r, o, "lower", &e->lower);
    if (rc == 0) rc = rd_num(r, o, "upper", &e->upper);
    if (rc == 0) rc = rd_num(r, o, "std_err", &e->std_err);
    if (rc == 0) rc = rd_num(r, o, "level", &e->level);
    pop(r, m);
    return rc;
}

/* {==================================================================
 * Context.
 * =================================================================== */

/* The seed: a decimal string (the writer's form) or an exact integer. */
static int seed_value(jr *r, const cJSON *it, uint64_t *dst)
{
    *dst = 0;
    if (it == NULL || !cJSON_IsString(it))
        return uint_value(r, it, (uint64_t)CBENCH_STORE_MAX_EXACT_INT, dst);
    const char *s = it->valuestring;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno == ERANGE)
        return bad(r, "expected a decimal integer from 0 to 18446744073709551615");
    *dst = v;
    return 0;
}

static int rd_context_strings(jr *r, const cJSON *o, cbench_context *c)
{
    static const char *const keys[] = {"date", "host", "cpu", "compiler", "flags",
                                       "version", "git_commit", "build_type",
                                       "warnings", "mode"};
    char **dst[] = {&c->date, &c->host, &c->cpu, &c->compiler, &c->flags,
                    &c->version, &c->git_commit, &c->build_type,
                    &c->warnings, &c->mode};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int rc = rd_str(r, o, keys[i], dst[i], 0);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int rd_context(jr *r, const cJSON *root, cbench_context *c)
{
    const cJSON *o;
    uint64_t u;
    c->confidence_level = c->noise_threshold = c->significance = NAN;
    int rc = rd_obj(r, root, "context", &o);
    if (rc != 0 || o == NULL)
        return rc;
    size_t m = push_key(r, "context");
    rc = rd_context_strings(r, o, c);
    if (rc == 0) {
        size_t k = push_key(r, "seed");
        rc = seed_value(r, cJSON_GetObjectItemCaseSensitive(o, "seed"), &c->seed);
        pop(r, k);
    }
    if (rc == 0) rc = rd_num(r, o, "confidence_level", &c->confidence_level);
    u = 0;
    if (rc == 0) rc = rd_uint(r, o, "n_resamples", UINT_MAX, &u);
    c->n_resamples = (unsigned)u;
    if (rc == 0) rc = rd_num(r, o, "noise_threshold", &c->noise_threshold);
    if (rc == 0) rc = rd_num(r, o, "significance", &c->significance);
    pop(r, m);
    return rc;
}

/* {==================================================================
 * One result.
 * =================================================================== */

static int rd_param(jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, "param_value");
    int rc = rd_str(r, o, "param", &res->param, 0);
    if (rc != 0 || it == NULL || cJSON_IsNull(it))
        return rc;
    res->has_param = 1;
    double v = cJSON_IsNumber(it) ? it->valuedouble : NAN;
    if (v == floor(v) && fabs(v) <= (double)CBENCH_STORE_MAX_EXACT_INT) {
        res->param_value = (int64_t)v;
        return 0;
    }
    if (cJSON_IsString(it)) {
        char *end;
        errno = 0;
        long long x = strtoll(it->valuestring, &end, 10);
        if (end != it->valuestring && *end == '\0' && errno != ERANGE) {
            res->param_value = x;
            return 0;
        }
    }
    size_t m = push_key(r, "param_value");
    rc = bad(r, "expected a 64-bit integer or null");
    pop(r, m);
    return rc;
}

static int rd_throughput(jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *t;
    res->throughput = CBENCH_THROUGHPUT_NONE;
    res->throughput_per_iter = NAN;
    int rc = rd_obj(r, o, "throughput", &t);
    if (rc != 0 || t == NULL)
        return rc;
    size_t m = push_key(r, "throughput");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(t, "kind");
    const char *k = cJSON_IsString(kind) ? kind->valuestring : "";
    if (kind == NULL || strcmp(k, "none") == 0)
        res->throughput = CBENCH_THROUGHPUT_NONE;
    else if (strcmp(k, "bytes") == 0)
        res->throughput = CBENCH_THROUGHPUT_BYTES;
    else if (strcmp(k, "elements") == 0)
        res->throughput = CBENCH_THROUGHPUT_ELEMENTS;
    else {
        size_t k2 = push_key(r, "kind");
        rc = bad(r, "expected \"none\", \"bytes\" or \"elements\"");
        pop(r, k2);
    }
    if (rc == 0)
        rc = rd_num(r, t, "per_iter", &res->throughput_per_iter);
    pop(r, m);
    return rc;
}

/* One sample column: every element a number (or null) stored via set(). */
static int rd_column(jr *r, const cJSON *s, const char *key, size_t n,
                     cbench_sample *out, int which)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(s, key), *it;
    size_t m = push_key(r, key), i = 0;
    int rc = 0;
    jr quiet = {.file = r->file};          /* num_value without a message */
    cJSON_ArrayForEach(it, a) {
        size_t k = push_index(r, i);
        double v;
        uint64_t u;
        if (which == 2) {
            rc = uint_value(r, it, UINT32_MAX, &u);
            out[i].round = (uint32_t)u;
        } else if (num_value(&quiet, it, &v) == 0) {
            if (which == 0) out[i].iters = v; else out[i].ns = v;
        } else {
            rc = bad(r, "expected a number");
        }
        pop(r, k);
        if (rc != 0)
            break;
        i++;
    }
    (void)n;
    pop(r, m);
    return rc;
}

static int rd_samples(jr *r, const cJSON *o, cbench_result *res)
{
    static const char *const cols[] = {"iters", "ns", "round"};
    const cJSON *s, *a[3];
    int rc = rd_obj(r, o, "samples", &s);
    if (rc != 0 || s == NULL)
        return rc;
    size_t m = push_key(r, "samples");
    for (int i = 0; i < 3 && rc == 0; i++) {
        rc = rd_arr(r, s, cols[i], &a[i]);
        if (rc == 0 && a[i] == NULL)
            rc = bad(r, "missing \"%s\" (an array is required)", cols[i]);
    }
    size_t n = rc == 0 ? (size_t)cJSON_GetArraySize(a[0]) : 0;
    for (int i = 1; i < 3 && rc == 0; i++)
        if ((size_t)cJSON_GetArraySize(a[i]) != n)
            rc = bad(r, "\"%s\" has %d entries but \"iters\" has %zu", cols[i],
                     cJSON_GetArraySize(a[i]), n);
    if (rc == 0 && n > 0) {
        res->samples = calloc(n, sizeof *res->samples);
        if (res->samples == NULL)
            rc = oom(r);
    }
    for (int i = 0; i < 3 && rc == 0 && n > 0; i++)
        rc = rd_column(r, s, cols[i], n, res->samples, i);
    if (rc == 0)
        res->n_samples = n;
    pop(r, m);
    return rc;
}

static int rd_outliers(jr *r, const cJSON *o, cbench_outliers *x)
{
    const cJSON *ob, *f, *it;
    for (size_t i = 0; i < 4; i++)
        x->fences[i] = NAN;
    int rc = rd_obj(r, o, "outliers", &ob);
    if (rc != 0 || ob == NULL)
        return rc;
    size_t m = push_key(r, "outliers");
    rc = rd_unsigned(r, ob, "low_severe", &x->low_severe);
    if (rc == 0) rc = rd_unsigned(r, ob, "low_mild", &x->low_mild);
    if (rc == 0) rc = rd_unsigned(r, ob, "normal", &x->normal);
    if (rc == 0) rc = rd_unsigned(r, ob, "high_mild", &x->high_mild);
    if (rc == 0) rc = rd_unsigned(r, ob, "high_severe", &x->high_severe);
    if (rc == 0) rc = rd_arr(r, ob, "fences", &f);
    if (rc == 0 && f != NULL) {
        size_t k = push_key(r, "fences"), i = 0;
        if (cJSON_GetArraySize(f) != 4)
            rc = bad(r, "expected 4 numbers, found %d entries", cJSON_GetArraySize(f));
        cJSON_ArrayForEach(it, f) {
            if (rc != 0)
                break;
            size_t k2 = push_index(r, i);
            rc = num_value(r, it, &x->fences[i++]);
            pop(r, k2);
        }
        pop(r, k);
    }
    pop(r, m);
    return rc;
}

static int rd_counter(jr *r, const cJSON *c, cbench_counter_value *cv)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
    int rc;
    if (!cJSON_IsObject(c))
        return bad(r, "expected an object");
    if (!cJSON_IsString(name) || strlen(name->valuestring) >= sizeof cv->name) {
        size_t m = push_key(r, "name");
        rc = bad(r, "expected a string of at most %zu bytes", sizeof cv->name - 1);
        pop(r, m);
        return rc;
    }
    memcpy(cv->name, name->valuestring, strlen(name->valuestring) + 1);
    rc = rd_num(r, c, "per_iter", &cv->per_iter);
    if (rc == 0) rc = rd_num(r, c, "base_per_iter", &cv->base_per_iter);
    if (rc == 0) rc = rd_bool(r, c, "exact", &cv->exact);
    return rc;
}

static int rd_counters(jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *a, *it;
    int rc = rd_arr(r, o, "counters", &a);
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = push_key(r, "counters");
    if (cJSON_GetArraySize(a) > CBENCH_MAX_COUNTERS)
        rc = bad(r, "%d counters, at most %d are supported", cJSON_GetArraySize(a),
                 CBENCH_MAX_COUNTERS);
    cJSON_ArrayForEach(it, a) {
        if (rc != 0)
            break;
        size_t k = push_index(r, res->n_counters);
        rc = rd_counter(r, it, &res->counters[res->n_counters]);
        pop(r, k);
        if (rc == 0)
            res->n_counters++;
    }
    pop(r, m);
    return rc;
}

static int rd_verdict(jr *r, const cJSON *ch, cbench_verdict *v)
{
    static const cbench_verdict all[] = {
        CBENCH_VERDICT_NONE, CBENCH_VERDICT_NO_CHANGE, CBENCH_VERDICT_WITHIN_NOISE,
        CBENCH_VERDICT_IMPROVED, CBENCH_VERDICT_REGRESSED};
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(ch, "verdict");
    *v = CBENCH_VERDICT_NONE;
    if (it == NULL)
        return 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (cJSON_IsString(it) && strcmp(it->valuestring, cbench__verdict_name(all[i])) == 0) {
            *v = all[i];
            return 0;
        }
    size_t m = push_key(r, "verdict");
    int rc = bad(r, "expected \"none\", \"no change\", \"within noise\", \"improved\""
                    " or \"regressed\"");
    pop(r, m);
    return rc;
}

static int rd_change(jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *ch;
    cbench_change *c = &res->change;
    int rc = rd_obj(r, o, "change", &ch);
    if (rc != 0 || ch == NULL)
        return rc;
    res->has_change = 1;
    size_t m = push_key(r, "change");
    rc = rd_estimate(r, ch, "mean", &c->mean);
    if (rc == 0) rc = rd_estimate(r, ch, "median", &c->median);
    if (rc == 0) rc = rd_num(r, ch, "p_value", &c->p_value);
    if (rc == 0) rc = rd_num(r, ch, "noise_threshold", &c->noise_threshold);
    if (rc == 0) rc = rd_num(r, ch, "significance", &c->significance);
    if (rc == 0) rc = rd_verdict(r, ch, &c->verdict);
    if (rc == 0) rc = rd_static_str(r, ch, "test_name", &c->test_name);
    pop(r, m);
    return rc;
}

static int rd_flags(jr *r, const cJSON *o, unsigned *flags)
{
    const cJSON *a, *it;
    size_t i = 0;
    int rc = rd_arr(r, o, "flags", &a);
    *flags = 0;
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = push_key(r, "flags");
    cJSON_ArrayForEach(it, a) {
        unsigned bit = CBENCH_STORE_N_FLAGS;
        for (unsigned b = 0; b < CBENCH_STORE_N_FLAGS && cJSON_IsString(it); b++)
            if (strcmp(it->valuestring, cbench_store_flag_names[b]) == 0)
                bit = b;
        if (bit == CBENCH_STORE_N_FLAGS) {
            size_t k = push_index(r, i);
            rc = bad(r, "expected one of \"unstable\", \"failed\", \"skipped\","
                        " \"flat\", \"instructions\"");
            pop(r, k);
            break;
        }
        *flags |= 1u << bit;
        i++;
    }
    pop(r, m);
    return rc;
}

static int rd_identity(jr *r, const cJSON *o, cbench_result *res)
{
    int rc = rd_str(r, o, "id", &res->id, 1);
    if (rc == 0 && res->id[0] == '\0') {
        size_t m = push_key(r, "id");
        rc = bad(r, "must not be empty");
        pop(r, m);
    }
    if (rc == 0) rc = rd_str(r, o, "group", &res->group, 1);
    if (rc == 0) rc = rd_str(r, o, "name", &res->name, 1);
    if (rc == 0) rc = rd_param(r, o, res);
    return rc;
}

static int rd_estimates(jr *r, const cJSON *o, cbench_result *res)
{
    int rc = rd_estimate(r, o, "typical", &res->typical);
    if (rc == 0) rc = rd_estimate(r, o, "mean", &res->mean);
    if (rc == 0) rc = rd_estimate(r, o, "median", &res->median);
    if (rc == 0) rc = rd_estimate(r, o, "std_dev", &res->std_dev);
    if (rc == 0) rc = rd_estimate(r, o, "mad", &res->mad);
    if (rc == 0) rc = rd_estimate(r, o, "slope", &res->slope);
    if (rc == 0) rc = rd_num(r, o, "r_squared", &res->r_squared);
    if (rc == 0) rc = rd_estimate(r, o, "ratio_to_reference", &res->ratio_to_reference);
    return rc;
}

static int rd_result(jr *r, const cJSON *o, cbench_result *res)
{
    uint64_t u;
    if (!cJSON_IsObject(o))
        return bad(r, "expected an object");
    int rc = rd_identity(r, o, res);
    if (rc == 0) rc = rd_throughput(r, o, res);
    if (rc == 0) rc = rd_bool(r, o, "reference", &res->reference);
    u = 0;
    if (rc == 0) rc = rd_uint(r, o, "n_rounds", SIZE_MAX, &u);
    res->n_rounds = (size_t)u;
    if (rc == 0) rc = rd_samples(r, o, res);
    if (rc == 0) rc = rd_estimates(r, o, res);
    if (rc == 0) rc = rd_outliers(r, o, &res->outliers);
    if (rc == 0) rc = rd_static_str(r, o, "stop_reason", &res->stop_reason);
    if (rc == 0) rc = rd_counters(r, o, res);
    if (rc == 0) rc = rd_change(r, o, res);
    if (rc == 0) rc = rd_flags(r, o, &res->flags);
    if (rc == 0) rc = rd_str(r, o, "warning", &res->warning, 0);
    if (rc == 0) rc = rd_str(r, o, "error", &res->error, 0);
    return rc;
}

static int rd_results(jr *r, const cJSON *root, cbench_run *run)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "results"), *it;
    int rc = 0;
    if (!cJSON_IsArray(a))
        return bad(r, a == NULL ? "no \"results\" array" : "\"results\": expected an array");
    cJSON_ArrayForEach(it, a) {
        size_t i = run->n_results;
        cbench_result *res = cbench__run_add(run);
        if (res == NULL)
            return oom(r);
        size_t m = push_key(r, "results");
        push_index(r, i);
        rc = rd_result(r, it, res);
        for (size_t j = 0; j < i && rc == 0; j++)
            if (strcmp(run->results[j].id, res->id) == 0)
                rc = bad(r, "duplicate id '%s' (also results[%zu])", res->id, j);
        pop(r, m);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* {==================================================================
 * Syntax and schema.
 * =================================================================== */

/* "line L, column C" of byte offset pos (both 1-based, columns in bytes). */
static void line_col(const char *buf, size_t pos, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        if (buf[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int syntax_error(jr *r, const char *buf, size_t len, size_t pos, const char *what)
{
    size_t line, col;
    char near[24];
    size_t k = 0;
    line_col(buf, pos, &line, &col);
    if (what != NULL)
        return bad(r, "line %zu, column %zu: %s", line, col, what);
    for (size_t i = pos; i < len && k < 16; i++)
        near[k++] = (buf[i] >= 0x20 && buf[i] < 0x7f && buf[i] != '\'') ? buf[i] : '?';
    near[k] = '\0';
    return bad(r, "line %zu, column %zu: not valid JSON at '%s%s'", line, col, near,
               len - pos > 16 ? "..." : "");
}

/* cJSON reports an unterminated string at its first character: if pos is
 * just after a '"' and no unescaped '"' follows, the string runs to EOF. */
static int unterminated_string(const char *buf, size_t len, size_t pos)
{
    if (pos == 0 || pos > len || buf[pos - 1] != '"')
        return 0;
    for (size_t i = pos; i < len; i++) {
        if (buf[i] == '\\')
            i++;
        else if (buf[i] == '"')
            return 0;
    }
    return 1;
}

static int parse_json(jr *r, const char *buf, size_t len, cJSON **root)
{
    const char *nul = memchr(buf, '\0', len);
    *root = NULL;
    if (len == 0)
        return bad(r, "the file is empty");
    if (nul != NULL)
        return syntax_error(r, buf, len, (size_t)(nul - buf),
                            "unexpected NUL byte (not a text file?)");
    /* cJSON wants a NUL-terminated copy (and the NUL inside the length so
     * that trailing garbage is detected). */
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return oom(r);
    memcpy(copy, buf, len);
    copy[len] = '\0';
    const char *end = NULL;
    *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    /* The error offset; cJSON points at or before the terminating NUL. */
    uintptr_t at = (uintptr_t)end, base = (uintptr_t)copy;
    size_t pos = (end != NULL && at >= base) ? (size_t)(at - base) : 0;
    free(copy);
    if (*root != NULL)
        return 0;
    if (pos >= len)
        return syntax_error(r, buf, len, len, "unexpected end of file (truncated?)");
    if (unterminated_string(buf, len, pos))
        return syntax_error(r, buf, len, pos - 1,
                            "string not closed before the end of file (truncated?)");
    return syntax_error(r, buf, len, pos, NULL);
}

static int check_schema(jr *r, const cJSON *root)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsObject(root))
        return bad(r, "expected a JSON object at the top level");
    if (s == NULL)
        return bad(r, "no \"schema\" field: not a cbench baseline, or one written"
                      " before schema 1 (re-save it with this cbench)");
    double v = cJSON_IsNumber(s) ? s->valuedouble : NAN;
    if (!(v == floor(v) && v >= -1e9 && v <= 1e9))
        return bad(r, "\"schema\": expected an integer");
    if (v > CBENCH_STORE_SCHEMA)
        return bad(r, "written by a newer cbench (schema %.0f; this build reads %d)",
                   v, CBENCH_STORE_SCHEMA);
    if (v < CBENCH_STORE_SCHEMA)
        return bad(r, "schema %.0f is not supported (this build reads %d)", v,
                   CBENCH_STORE_SCHEMA);
    return 0;
}

int cbench_store_parse(const char *buf, size_t len, const char *name,
                       cbench_run **out, char *err, size_t errlen)
{
    jr r = {.file = name != NULL ? name : "(buffer)", .err = err, .errlen = errlen};
    cJSON *root;
    *out = NULL;
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    int rc = parse_json(&r, buf, len, &root);
    if (rc == 0)
        rc = check_schema(&r, root);
    cbench_run *run = rc == 0 ? cbench__run_new() : NULL;
    if (rc == 0 && run == NULL)
        rc = oom(&r);
    if (rc == 0)
        rc = rd_context(&r, root, &run->ctx);
    if (rc == 0)
        rc = rd_results(&r, root, run);
    cJSON_Delete(root);
    if (rc != 0) {
        cbench__run_free(run);
        return rc;
    }
    *out = run;
    return 0;
}
