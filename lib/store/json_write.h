/* SPDX-License-Identifier: MIT
 *
 * json_write.h - building baseline JSON (json_write.c) from the pieces
 * every JSON document of cbench is made of (json_items.c); shared with the
 * reader (json_read.c), the exporters (export.c) and the tools' --json.
 */
#ifndef CBENCH_STORE_JSON_WRITE_H
#define CBENCH_STORE_JSON_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "model/result.h"

/* Largest integer magnitude a double (JSON number) holds exactly: 2^53. */
#define CBENCH_STORE_MAX_EXACT_INT ((int64_t)1 << 53)

/* Result flag names, indexed by bit number (CBENCH_RESULT_*). */
#define CBENCH_STORE_N_FLAGS 6
extern const char *const cbench_store_flag_names[CBENCH_STORE_N_FLAGS];

/* "none", "bytes" or "elements". */
const char *cbench_store_throughput_name(cbench_throughput_kind k);

/* Formats v as the shortest decimal that reads back to the same double,
 * "null" for NaN, "\"Infinity\"" / "\"-Infinity\"" for infinities (with
 * the quotes). Returns snprintf's result; len >= 32 is always enough. */
int cbench_store_format_double(char *buf, size_t len, double v);

/* v as an exact JSON integer (a raw number item), or NULL on out of
 * memory. */
cJSON *cbench_store_uint_item(uint64_t v);

/* The pieces of the baseline format, for every JSON cbench writes (the
 * baseline, `cbench stats --json`, `cbench ab --json`): a number (exact,
 * null for NaN, "Infinity"), an estimate object {point, lower, upper,
 * std_err, level}, Tukey outliers {low_severe, low_mild, normal,
 * high_mild, high_severe, fences: [4 numbers]} and a change object (null
 * when !has), as the baseline writes them; NULL on out of memory. */
cJSON *cbench_store_num_item(double v);
cJSON *cbench_store_estimate_item(const cbench_estimate *e);
cJSON *cbench_store_outliers_item(const cbench_outliers *o);
cJSON *cbench_store_change_item(int has, const cbench_change *c);

/* Takes ownership of item and adds it to obj under key (to the array obj
 * when key is NULL); a NULL item or obj, or a failed add, frees item and
 * sets *oom, so a builder checks once at the end. */
void cbench_store_put(int *oom, cJSON *obj, const char *key, cJSON *item);

/* Adds an estimate's keys (as cbench_store_estimate_item) to the object
 * o, after the keys it has: {"p": 50, "point": ...}. 0, or -1 on out of
 * memory (o then holds some of them). */
int cbench_store_add_estimate(cJSON *o, const cbench_estimate *e);

/* s as a JSON string (a raw item) escaped as model/text.h's JSON channel:
 * no raw control character (C0, DEL or C1) that a terminal showing the
 * output would obey, "?" for invalid UTF-8 (which cJSON would copy and
 * make the document invalid); NULL s gives null. NULL on out of memory.
 * For what goes to standard output; the baseline keeps strings as they
 * are. */
cJSON *cbench_store_text_item(const char *s);

/* The "user_counters" array of r (json_ucount.c); NULL on out of memory. */
cJSON *cbench_store_ucounters_to_json(const cbench_result *r);

/* Adds the run's "scaling" section to root when the run has a sweep: the
 * complexity and knees of its sweeps (export_scaling.h describes it).
 * Without sweeps root is left as it was, so a baseline file and the
 * serialisation of what was loaded from it stay byte for byte the same.
 * Returns 0 or CBENCH_ENOMEM. */
int cbench_store_add_scaling(cJSON *root, const cbench_run *run);

/* The stored names of the CBENCH_COUNTER_* flags, by bit number. */
#define CBENCH_STORE_N_COUNTER_FLAGS 6
extern const char *const cbench_store_counter_flag_names[CBENCH_STORE_N_COUNTER_FLAGS];

/* The context's keys of cache_bytes[i] ("cache_l1d_bytes", ...). */
extern const char *const cbench_store_cache_keys[CBENCH_CACHE_LEVELS];

/* The run as a cJSON tree in the baseline format (see json_write.c), or
 * NULL on out of memory. Free with cJSON_Delete(). */
cJSON *cbench_store_run_to_json(const cbench_run *run);
/* One context / one result of that tree alone (its "context" index as
 * it is in r), or NULL on out of memory. */
cJSON *cbench_store_context_to_json(const cbench_context *c);
cJSON *cbench_store_result_to_json(const cbench_result *r);

/* Prints root as indented JSON (two spaces per level, "key": value) with a
 * final newline; length in *len (may be NULL). Free with free(); NULL on
 * out of memory. */
char *cbench_store_print(const cJSON *root, size_t *len);

#endif /* CBENCH_STORE_JSON_WRITE_H */
