/* SPDX-License-Identifier: MIT
 *
 * json_read.h - the reader shared by json_read.c (syntax, schema, context),
 * json_result.c (results) and json_fields.c (typed field readers). The
 * entry point, cbench_store_parse(), is declared in store.h.
 *
 * Every reader takes the containing object and a key, accepts a missing
 * key as "undefined" (NaN, 0, NULL) unless it says otherwise, and on a bad
 * value writes one message "baseline 'FILE': PATH: what was expected" and
 * returns CBENCH_EFORMAT (CBENCH_ENOMEM when out of memory).
 */
#ifndef CBENCH_STORE_JSON_READ_H
#define CBENCH_STORE_JSON_READ_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "model/result.h"

/* Reader state: the file's name, the error buffer, and the path of the
 * field being read ("results[2].samples.ns[5]"). */
typedef struct cbench_store_jr {
    const char *file;
    char *err;                     /* NULL: no message wanted */
    size_t errlen;
    char path[256];
    size_t plen;
} cbench_store_jr;

/* Formats "baseline 'FILE': PATH: message"; returns CBENCH_EFORMAT. */
int cbench_store_bad(cbench_store_jr *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "baseline 'FILE': out of memory"; returns CBENCH_ENOMEM. */
int cbench_store_oom(cbench_store_jr *r);

/* Append ".key" or "[i]" to the path; return the old length for pop(). */
size_t cbench_store_push_key(cbench_store_jr *r, const char *key);
size_t cbench_store_push_index(cbench_store_jr *r, size_t i);
void cbench_store_pop(cbench_store_jr *r, size_t old);

/* A number: JSON number, null (NaN) or "Infinity" / "-Infinity". */
int cbench_store_num_value(cbench_store_jr *r, const cJSON *it, double *dst);
/* A non-negative integer <= max (missing: 0). */
int cbench_store_uint_value(cbench_store_jr *r, const cJSON *it, uint64_t max,
                            uint64_t *dst);

int cbench_store_rd_num(cbench_store_jr *r, const cJSON *obj, const char *key,
                        double *dst);
int cbench_store_rd_uint(cbench_store_jr *r, const cJSON *obj, const char *key,
                         uint64_t max, uint64_t *dst);
int cbench_store_rd_unsigned(cbench_store_jr *r, const cJSON *obj, const char *key,
                             unsigned *dst);
int cbench_store_rd_bool(cbench_store_jr *r, const cJSON *obj, const char *key,
                         int *dst);
/* A string or null into a new heap copy (NULL for null/missing); with
 * 'required', null and missing are errors. */
int cbench_store_rd_str(cbench_store_jr *r, const cJSON *obj, const char *key,
                        char **dst, int required);
/* A string or null mapped to a static string (cbench_store_intern). */
int cbench_store_rd_static_str(cbench_store_jr *r, const cJSON *obj,
                               const char *key, const char **dst);
/* An object / array, or *dst = NULL for missing or null. */
int cbench_store_rd_obj(cbench_store_jr *r, const cJSON *obj, const char *key,
                        const cJSON **dst);
int cbench_store_rd_arr(cbench_store_jr *r, const cJSON *obj, const char *key,
                        const cJSON **dst);
/* {point, lower, upper, std_err, level}; missing/null: all NaN. */
int cbench_store_rd_estimate(cbench_store_jr *r, const cJSON *obj, const char *key,
                             cbench_estimate *e);

/* The "change" object of o into *c and *has = 1 (missing or null: left
 * as they are). */
int cbench_store_rd_change(cbench_store_jr *r, const cJSON *o, cbench_change *c, int *has);

/* What a result measured (json_samples.c): "samples" (three columns of
 * one length; missing: none), "outliers" (fences NaN when missing),
 * "counters" (at most CBENCH_MAX_COUNTERS) and "threads" (null: not
 * multi-threaded; a count that must be the id's, ti->count on entry). */
int cbench_store_rd_samples(cbench_store_jr *r, const cJSON *o, cbench_result *res);
int cbench_store_rd_outliers(cbench_store_jr *r, const cJSON *o, cbench_outliers *x);
int cbench_store_rd_counters(cbench_store_jr *r, const cJSON *o, cbench_result *res);
int cbench_store_rd_threads(cbench_store_jr *r, const cJSON *o, cbench_threads_info *ti);

/* The "user_counters" array of o into res (json_ucount.c; missing: none). */
int cbench_store_rd_user_counters(cbench_store_jr *r, const cJSON *o, cbench_result *res);

/* cbench_store_parse, also giving the parsed JSON tree in *tree (when
 * not NULL; cJSON_Delete it), whose "results" array matches run's results
 * one for one: a merge keeps what this build does not read (merge.c). */
int cbench_store_parse_tree(const char *buf, size_t len, const char *name, cbench_run **out,
                            cJSON **tree, char *err, size_t errlen);

/* Reads root's "results" array into run (json_result.c): every result's
 * fields, and ids unique. */
int cbench_store_rd_results(cbench_store_jr *r, const cJSON *root, cbench_run *run);

/* What a loaded result must be beyond its types (json_check.c), each
 * with a message naming the field: the id one the registry makes
 * (cbench__id_problem); group, name and param the id's parts (missing
 * param fields are derived from it); every sample a whole number >= 1 of
 * iterations taking a finite time > 0; the stored estimates those of the
 * samples (cbench_analysis_points). */
int cbench_store_check_id(cbench_store_jr *r, const char *id);
int cbench_store_check_identity(cbench_store_jr *r, cbench_result *res);
int cbench_store_check_samples(cbench_store_jr *r, const cbench_result *res);
int cbench_store_check_estimates(cbench_store_jr *r, const cbench_result *res);

/* Reading memory (load_limit.c): parsing buf takes about
 * cbench_store_parse_estimate(buf, len) bytes (cJSON's nodes, strings and
 * copies; one pass counting values); cbench_store_parse_limit() is what
 * it may take (CBENCH_MAX_LOAD_MIB MiB when set, else half of MemAvailable,
 * else 4 GiB), *why naming which for messages. cbench_store_check_memory()
 * refuses a file estimated beyond 16 MiB and beyond the limit: CBENCH_ENOMEM with a message naming the
 * file, its size, the estimate, the limit and how to raise it. */
size_t cbench_store_parse_estimate(const char *buf, size_t len);
size_t cbench_store_parse_limit(const char **why);
int cbench_store_check_memory(cbench_store_jr *r, const char *buf, size_t len);

/* Returns a static (process-lifetime) copy of s for the fields result.h
 * keeps as static strings (stop_reason, change.test_name). Well-known names
 * map to literals; others are copied into a bounded table, and once it is
 * full they read as "other". Thread-safe. */
const char *cbench_store_intern(const char *s);

#endif /* CBENCH_STORE_JSON_READ_H */
