/* SPDX-License-Identifier: MIT
 *
 * json_result.c - one benchmark result of baseline JSON into a
 * cbench_result: identity and parameter, throughput, estimates, change,
 * flags, and the order the fields are read and checked in; what the
 * result measured (samples, outliers, counters, threads) is read by
 * json_samples.c (format: json_write.c).
 */
#include "store/json_read.h"

#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/json_write.h"
#include "store/store.h"

/* {==================================================================
 * One result.
 * =================================================================== */

/* A 64-bit integer as json_write.c writes one: a number up to 2^53, else
 * a decimal string. Returns 1, or 0 when it is neither. */
static int int64_value(const cJSON *it, int64_t *out)
{
    double v = cJSON_IsNumber(it) ? it->valuedouble : NAN;
    if (v == floor(v) && fabs(v) <= (double)CBENCH_STORE_MAX_EXACT_INT) {
        *out = (int64_t)v;
        return 1;
    }
    if (cJSON_IsString(it)) {
        char *end;
        errno = 0;
        long long x = strtoll(it->valuestring, &end, 10);
        if (end != it->valuestring && *end == '\0' && errno != ERANGE) {
            *out = x;
            return 1;
        }
    }
    return 0;
}

static int rd_param(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, "param_value");
    int rc = cbench_store_rd_str(r, o, "param", &res->param, 0);
    if (rc != 0 || it == NULL || cJSON_IsNull(it))
        return rc;
    res->has_param = 1;
    if (int64_value(it, &res->param_value))
        return 0;
    size_t m = cbench_store_push_key(r, "param_value");
    rc = cbench_store_bad(r, "expected a 64-bit integer or null");
    cbench_store_pop(r, m);
    return rc;
}

/* "axes": null, or {AXIS: integer...} (optional: files before axes have
 * none, and the id names them anyway; json_check.c compares the two). */
static int rd_axes(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *a, *it;
    int rc = cbench_store_rd_obj(r, o, "axes", &a);
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "axes");
    cJSON_ArrayForEach(it, a) {
        cbench_axis_value *v = &res->axes[res->n_axes];
        if (res->n_axes == CBENCH_MAX_AXES || strlen(it->string) >= sizeof v->name) {
            rc = cbench_store_bad(r, "expected at most %d axes with names of 1 to 31 bytes",
                                  CBENCH_MAX_AXES);
            break;
        }
        if (!int64_value(it, &v->value)) {
            size_t k = cbench_store_push_key(r, it->string);
            rc = cbench_store_bad(r, "expected a 64-bit integer");
            cbench_store_pop(r, k);
            break;
        }
        snprintf(v->name, sizeof v->name, "%s", it->string);
        res->n_axes++;
    }
    cbench_store_pop(r, m);
    return rc;
}

/* The other kind beside the headline one (optional): a positive amount
 * of the kind that is not the headline's ("kind"). */
static int rd_other_throughput(cbench_store_jr *r, const cJSON *t, cbench_result *res)
{
    static const char *const key[] = {"bytes_per_iter", "elements_per_iter"};
    int own = res->throughput == CBENCH_THROUGHPUT_ELEMENTS;   /* index of the headline's */
    res->other_per_iter = 0;
    for (int i = 0; i < 2; i++) {
        if (!cJSON_HasObjectItem(t, key[i])
            || (res->throughput != CBENCH_THROUGHPUT_NONE && i != own))
            continue;
        size_t k = cbench_store_push_key(r, key[i]);
        int rc = cbench_store_bad(r, "not expected with \"kind\": \"%s\" (only the other "
                                  "kind may stand beside the headline's)",
                                  cbench_store_throughput_name(res->throughput));
        cbench_store_pop(r, k);
        return rc;
    }
    const char *other = key[!own];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, other);
    if (v == NULL || cJSON_IsNull(v))
        return 0;
    double x = NAN;
    int rc = cbench_store_rd_num(r, t, other, &x);
    if (rc == 0 && !(x > 0 && isfinite(x))) {
        size_t k = cbench_store_push_key(r, other);
        rc = cbench_store_bad(r, "expected a positive amount per iteration");
        cbench_store_pop(r, k);
    }
    if (rc == 0)
        res->other_per_iter = x;
    return rc;
}

static int rd_throughput(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    const cJSON *t;
    res->throughput = CBENCH_THROUGHPUT_NONE;
    res->throughput_per_iter = NAN;
    int rc = cbench_store_rd_obj(r, o, "throughput", &t);
    if (rc != 0 || t == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, "throughput");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(t, "kind");
    const char *k = cJSON_IsString(kind) ? kind->valuestring : "";
    if (kind == NULL || strcmp(k, "none") == 0)
        res->throughput = CBENCH_THROUGHPUT_NONE;
    else if (strcmp(k, "bytes") == 0)
        res->throughput = CBENCH_THROUGHPUT_BYTES;
    else if (strcmp(k, "elements") == 0)
        res->throughput = CBENCH_THROUGHPUT_ELEMENTS;
    else {
        size_t k2 = cbench_store_push_key(r, "kind");
        rc = cbench_store_bad(r, "expected \"none\", \"bytes\" or \"elements\"");
        cbench_store_pop(r, k2);
    }
    if (rc == 0)
        rc = cbench_store_rd_num(r, t, "per_iter", &res->throughput_per_iter);
    if (rc == 0)
        rc = rd_other_throughput(r, t, res);
    cbench_store_pop(r, m);
    return rc;
}

static int rd_verdict(cbench_store_jr *r, const cJSON *ch, cbench_verdict *v)
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
    size_t m = cbench_store_push_key(r, "verdict");
    int rc = cbench_store_bad(r, "expected \"none\", \"no change\", \"within noise\", \"improved\""
                    " or \"regressed\"");
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_rd_change(cbench_store_jr *r, const cJSON *o, cbench_change *c, int *has)
{
    const cJSON *ch;
    int rc = cbench_store_rd_obj(r, o, "change", &ch);
    if (rc != 0 || ch == NULL)
        return rc;
    *has = 1;
    size_t m = cbench_store_push_key(r, "change");
    rc = cbench_store_rd_estimate(r, ch, "mean", &c->mean);
    if (rc == 0) rc = cbench_store_rd_estimate(r, ch, "median", &c->median);
    if (rc == 0) rc = cbench_store_rd_num(r, ch, "p_value", &c->p_value);
    if (rc == 0) rc = cbench_store_rd_num(r, ch, "df", &c->df);
    if (rc == 0) rc = cbench_store_rd_num(r, ch, "noise_threshold", &c->noise_threshold);
    if (rc == 0) rc = cbench_store_rd_num(r, ch, "significance", &c->significance);
    if (rc == 0) rc = rd_verdict(r, ch, &c->verdict);
    if (rc == 0) rc = cbench_store_rd_static_str(r, ch, "test_name", &c->test_name);
    cbench_store_pop(r, m);
    return rc;
}

/* An array of names at key as bits (name i: bit i) into *bits. A name
 * not among the n is an error saying 'expected' or, when expected is NULL,
 * skipped (a newer writer may add names). */
static int rd_name_bits(cbench_store_jr *r, const cJSON *o, const char *key,
                        const char *(*name_of)(unsigned), unsigned n, const char *expected,
                        unsigned *bits)
{
    const cJSON *a, *it;
    size_t i = 0;
    int rc = cbench_store_rd_arr(r, o, key, &a);
    *bits = 0;
    if (rc != 0 || a == NULL)
        return rc;
    size_t m = cbench_store_push_key(r, key);
    cJSON_ArrayForEach(it, a) {
        unsigned bit = n;
        for (unsigned b = 0; b < n && cJSON_IsString(it); b++)
            if (strcmp(it->valuestring, name_of(b)) == 0)
                bit = b;
        if (bit == n && (expected != NULL || !cJSON_IsString(it))) {
            size_t k = cbench_store_push_index(r, i);
            rc = cbench_store_bad(r, "expected %s", expected ? expected : "a string");
            cbench_store_pop(r, k);
            break;
        }
        *bits |= bit < n ? 1u << bit : 0;
        i++;
    }
    cbench_store_pop(r, m);
    return rc;
}

static const char *flag_name(unsigned i)
{
    return cbench_store_flag_names[i];
}

static int rd_flags(cbench_store_jr *r, const cJSON *o, unsigned *flags)
{
    return rd_name_bits(r, o, "flags", flag_name, CBENCH_STORE_N_FLAGS,
                        "one of \"unstable\", \"failed\", \"skipped\", \"flat\", "
                        "\"instructions\", \"slow-core\"", flags);
}

/* "warning_kinds": names of the kinds of the warning's sentences
 * (result.c). Optional (older files: none); a name this build does not
 * know is skipped, so a newer writer's kinds never make a file unreadable. */
static int rd_warn_kinds(cbench_store_jr *r, const cJSON *o, unsigned *kinds)
{
    return rd_name_bits(r, o, "warning_kinds", cbench__warn_kind_name, CBENCH_WARN_KINDS, NULL,
                        kinds);
}

/* Copies the n bytes at s as a new string; NULL on out of memory. */
static char *strndup_or_null(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* A missing or null group/name is derived from the id ("group/name/..."),
 * so every loaded result has all three (consumers may rely on it). */
static int derive_names(cbench_store_jr *r, cbench_result *res)
{
    const char *slash = strchr(res->id, '/');
    if (res->group == NULL)
        res->group = strndup_or_null(res->id, slash != NULL ? (size_t)(slash - res->id) : 0);
    if (res->name == NULL) {
        const char *n = slash != NULL ? slash + 1 : res->id;
        const char *end = strchr(n, '/');
        res->name = strndup_or_null(n, end != NULL ? (size_t)(end - n) : strlen(n));
    }
    return res->group == NULL || res->name == NULL ? cbench_store_oom(r) : 0;
}

/* The id is checked first: the names are derived from it and must agree
 * with it (json_check.c). */
static int rd_identity(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    int rc = cbench_store_rd_str(r, o, "id", &res->id, 1);
    if (rc == 0) rc = cbench_store_check_id(r, res->id);
    if (rc == 0) rc = cbench_store_rd_str(r, o, "group", &res->group, 0);
    if (rc == 0) rc = cbench_store_rd_str(r, o, "name", &res->name, 0);
    if (rc == 0) rc = derive_names(r, res);
    if (rc == 0) rc = rd_param(r, o, res);
    if (rc == 0) rc = rd_axes(r, o, res);
    if (rc == 0) rc = cbench_store_check_identity(r, res);
    return rc;
}

/* "context": which of the file's contexts (0: "context", k:
 * "contexts"[k - 1]) the result was measured in. */
static int rd_context_index(cbench_store_jr *r, const cJSON *o, const cbench_run *run,
                            cbench_result *res)
{
    uint64_t u = 0;
    int rc = cbench_store_rd_uint(r, o, "context", SIZE_MAX, &u);
    res->context = (size_t)u;
    if (rc == 0 && u > run->n_contexts) {
        size_t m = cbench_store_push_key(r, "context");
        rc = cbench_store_bad(r, "%zu names no context (the file has \"context\" and %zu in"
                              " \"contexts\")", res->context, run->n_contexts);
        cbench_store_pop(r, m);
    }
    return rc;
}

static int rd_estimates(cbench_store_jr *r, const cJSON *o, cbench_result *res)
{
    int rc = cbench_store_rd_estimate(r, o, "typical", &res->typical);
    if (rc == 0) rc = cbench_store_rd_estimate(r, o, "mean", &res->mean);
    if (rc == 0) rc = cbench_store_rd_estimate(r, o, "median", &res->median);
    if (rc == 0) rc = cbench_store_rd_estimate(r, o, "std_dev", &res->std_dev);
    if (rc == 0) rc = cbench_store_rd_estimate(r, o, "mad", &res->mad);
    if (rc == 0) rc = cbench_store_rd_estimate(r, o, "slope", &res->slope);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "r_squared", &res->r_squared);
    if (rc == 0) rc = cbench_store_rd_estimate(r, o, "ratio_to_reference", &res->ratio_to_reference);
    return rc;
}

static int rd_result(cbench_store_jr *r, const cJSON *o, const cbench_run *run,
                     cbench_result *res)
{
    uint64_t u;
    if (!cJSON_IsObject(o))
        return cbench_store_bad(r, "expected an object");
    int rc = rd_identity(r, o, res);
    if (rc == 0) rc = rd_context_index(r, o, run, res);
    if (rc == 0) rc = rd_throughput(r, o, res);
    if (rc == 0) rc = cbench_store_rd_bool(r, o, "reference", &res->reference);
    if (rc == 0) rc = cbench_store_rd_bool(r, o, "bound", &res->bound);
    u = 0;
    if (rc == 0) rc = cbench_store_rd_uint(r, o, "n_rounds", SIZE_MAX, &u);
    res->n_rounds = (size_t)u;
    if (rc == 0) rc = cbench_store_rd_num(r, o, "speed_ns", &res->speed_ns);
    if (rc == 0) rc = cbench_store_rd_uint(r, o, "rounds_set_aside", SIZE_MAX, &u);
    res->rounds_set_aside = (size_t)u;
    if (rc == 0) rc = cbench_store_rd_num(r, o, "wall_s", &res->wall_s);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "planned_s", &res->planned_s);
    if (rc == 0) rc = cbench_store_rd_samples(r, o, res);
    if (rc == 0) rc = cbench_store_check_samples(r, res);
    if (rc == 0) rc = rd_estimates(r, o, res);
    if (rc == 0) rc = cbench_store_rd_outliers(r, o, &res->outliers);
    if (rc == 0) rc = cbench_store_rd_static_str(r, o, "stop_reason", &res->stop_reason);
    if (rc == 0) rc = cbench_store_rd_counters(r, o, res);
    if (rc == 0) rc = cbench_store_rd_change(r, o, &res->change, &res->has_change);
    if (rc == 0) rc = cbench_store_rd_user_counters(r, o, res);
    if (rc == 0) rc = rd_flags(r, o, &res->flags);       /* FLAT decides the slope */
    if (rc == 0) rc = cbench_store_check_estimates(r, res);
    if (rc == 0) rc = cbench_store_rd_threads(r, o, &res->threads);
    if (rc == 0) rc = cbench_store_rd_str(r, o, "warning", &res->warning, 0);
    if (rc == 0) rc = rd_warn_kinds(r, o, &res->warn_kinds);
    if (rc == 0) rc = cbench_store_rd_str(r, o, "error", &res->error, 0);
    return rc;
}

int cbench_store_rd_results(cbench_store_jr *r, const cJSON *root, cbench_run *run)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "results"), *it;
    int rc = 0;
    if (!cJSON_IsArray(a))
        return cbench_store_bad(r, a == NULL ? "no \"results\" array"
                                             : "results: expected an array");
    cJSON_ArrayForEach(it, a) {
        size_t i = run->n_results;
        cbench_result *res = cbench__run_add(run);
        if (res == NULL)
            return cbench_store_oom(r);
        size_t m = cbench_store_push_key(r, "results");
        cbench_store_push_index(r, i);
        rc = rd_result(r, it, run, res);
        for (size_t j = 0; j < i && rc == 0; j++)
            if (strcmp(run->results[j].id, res->id) == 0)
                rc = cbench_store_bad(r, "duplicate id '%s' (also results[%zu])", res->id, j);
        cbench_store_pop(r, m);
        if (rc != 0)
            return rc;
    }
    return 0;
}
