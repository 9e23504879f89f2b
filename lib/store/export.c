/* SPDX-License-Identifier: MIT
 *
 * export.c - baseline JSON, Google Benchmark JSON and CSV exports.
 *
 * The Google Benchmark layout follows its src/json_reporter.cc: a
 * "context" object and a "benchmarks" array whose entries carry name,
 * run_name, run_type, repetitions, threads, iterations, real_time,
 * cpu_time and time_unit; compare.py pairs entries by "name" and only
 * needs time_unit/real_time/cpu_time, and github-action-benchmark reads
 * name, real_time, time_unit, iterations, cpu_time and threads.
 */
#include "store/export.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "core/text.h"
#include "store/json_write.h"
#include "store/store.h"

/* The last step of every export: everything written must have arrived.
 * e is the errno of an earlier failed write (0: none); errno is left at
 * the first failure's. */
static int finish(FILE *f, int e)
{
    if (e == 0 && fflush(f) != 0)
        e = errno;
    if (e == 0 && ferror(f))
        e = EIO;                     /* failed earlier, errno since lost */
    errno = e;
    return e != 0 ? CBENCH_EIO : 0;
}

/* Writes a whole document of len bytes and finishes f. */
static int put_text(FILE *f, const char *text, size_t len)
{
    int e = fwrite(text, 1, len, f) == len ? 0 : errno != 0 ? errno : EIO;
    return finish(f, e);
}

int cbench_export_finish(FILE *f, const char *name, char *err, size_t errlen)
{
    int failed_before = ferror(f) != 0;
    errno = 0;
    if (fflush(f) == 0 && !failed_before)
        return 0;
    /* A write that failed earlier left no errno to tell (stdio keeps only
     * the error flag): say that much rather than guess. */
    if (errno == 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot write %s: a write to it failed",
                            name);
    return cbench__fail(err, errlen, CBENCH_EIO, "cannot write %s: %s", name, strerror(errno));
}

int cbench_export_json(FILE *f, const cbench_run *run)
{
    size_t len;
    char *text = cbench_store_serialize(run, &len);
    if (text == NULL)
        return CBENCH_ENOMEM;
    errno = 0;
    int rc = put_text(f, text, len);
    free(text);
    return rc;
}

/* {==================================================================
 * Google Benchmark JSON.
 * =================================================================== */

typedef struct gb {
    int oom;
    uint64_t *fam, *inst;      /* family/instance index of each result */
} gb;

static void gput(gb *g, cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL || obj == NULL ||
        !(key != NULL ? cJSON_AddItemToObject(obj, key, item)
                      : cJSON_AddItemToArray(obj, item))) {
        cJSON_Delete(item);
        g->oom = 1;
    }
}

/* An exact number; never null (Google's tools do arithmetic on these). */
static cJSON *gnum(double v)
{
    char buf[40];
    if (!isfinite(v))
        v = 0.0;
    cbench_store_format_double(buf, sizeof buf, v);
    return cJSON_CreateRaw(buf);
}


static void gstr(gb *g, cJSON *obj, const char *key, const char *s)
{
    if (s != NULL)
        gput(g, obj, key, cJSON_CreateString(s));
}

static cJSON *gb_context(gb *g, const cbench_context *c)
{
    char seed[32];
    cJSON *o = cJSON_CreateObject();
    const char *bt = c->build_type;
    gstr(g, o, "date", c->date);
    gstr(g, o, "host_name", c->host);
    /* Google writes "release" or "debug" (NDEBUG); map ours onto that. */
    gstr(g, o, "library_build_type",
         bt == NULL ? NULL : (strncmp(bt, "release", 7) == 0 || strcmp(bt, "minsize") == 0
                              ? "release" : "debug"));
    gput(g, o, "json_schema_version", cbench_store_uint_item(1));
    gstr(g, o, "cbench_version", c->version);
    gstr(g, o, "cpu", c->cpu);
    gstr(g, o, "compiler", c->compiler);
    gstr(g, o, "git_commit", c->git_commit);
    snprintf(seed, sizeof seed, "%" PRIu64, c->seed);
    gstr(g, o, "seed", seed);
    return o;
}

/* The headline time of a result: typical, else mean; NaN when none. */
static double headline_ns(const cbench_result *r)
{
    return isfinite(r->typical.point) ? r->typical.point : r->mean.point;
}

static uint64_t total_iters(const cbench_result *r)
{
    double s = 0;
    for (size_t i = 0; i < r->n_samples; i++)
        if (isfinite(r->samples[i].iters) && r->samples[i].iters > 0)
            s += r->samples[i].iters;
    return s >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)s;
}

static const char *group_of(const cbench_result *r)
{
    return r->group != NULL ? r->group : "";
}

/* Family = group, numbered in order of first appearance as Google numbers
 * its families; instance = position within the family. Fills fam[] and
 * inst[] (n entries each) in O(n^2) comparisons. */
static void number_families(const cbench_run *run, uint64_t *fam, uint64_t *inst)
{
    uint64_t next = 0;
    for (size_t i = 0; i < run->n_results; i++) {
        size_t j = 0;
        while (j < i && strcmp(group_of(&run->results[j]), group_of(&run->results[i])) != 0)
            j++;
        fam[i] = j < i ? fam[j] : next++;
        inst[i] = 0;
        for (size_t k = j; k < i; k++)
            inst[i] += strcmp(group_of(&run->results[k]), group_of(&run->results[i])) == 0;
    }
}

static void gb_common(gb *g, cJSON *o, const cbench_run *run, size_t k, const char *name,
                      const char *type, uint64_t reps)
{
    const cbench_result *r = &run->results[k];
    gstr(g, o, "name", name);
    gput(g, o, "family_index", cbench_store_uint_item(g->fam[k]));
    gput(g, o, "per_family_instance_index", cbench_store_uint_item(g->inst[k]));
    gstr(g, o, "run_name", r->id);
    gstr(g, o, "run_type", type);
    gput(g, o, "repetitions", cbench_store_uint_item(reps));
    if (strcmp(type, "iteration") == 0)
        gput(g, o, "repetition_index", cbench_store_uint_item(0));
    gput(g, o, "threads", cbench_store_uint_item(r->threads.count ? r->threads.count : 1));
}

/* Iterations and times; throughput too unless the time is a spread. */
static void gb_times(gb *g, cJSON *o, const cbench_result *r, double ns, int rate)
{
    gput(g, o, "iterations", cbench_store_uint_item(total_iters(r)));
    gput(g, o, "real_time", gnum(ns));
    gput(g, o, "cpu_time", gnum(ns));
    gstr(g, o, "time_unit", "ns");
    if (rate && r->throughput != CBENCH_THROUGHPUT_NONE && isfinite(ns) && ns > 0 &&
        isfinite(r->throughput_per_iter))
        gput(g, o, r->throughput == CBENCH_THROUGHPUT_BYTES ? "bytes_per_second"
                                                            : "items_per_second",
             gnum(r->throughput_per_iter * 1e9 / ns));
}

static cJSON *gb_iteration(gb *g, const cbench_run *run, size_t k)
{
    const cbench_result *r = &run->results[k];
    cJSON *o = cJSON_CreateObject();
    double ns = headline_ns(r);
    gb_common(g, o, run, k, r->id, "iteration", 1);
    if (!isfinite(ns) || (r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED))) {
        gput(g, o, "error_occurred", cJSON_CreateBool(1));
        gstr(g, o, "error_message", r->error != NULL ? r->error : "no estimate");
    }
    gb_times(g, o, r, ns, 1);
    for (size_t i = 0; i < r->n_counters && i < CBENCH_MAX_COUNTERS; i++) {
        char name[sizeof r->counters[i].name];
        memcpy(name, r->counters[i].name, sizeof name);
        name[sizeof name - 1] = '\0';
        /* User counters are plain keys in Google's layout; never shadow ours. */
        if (name[0] != '\0' && !cJSON_HasObjectItem(o, name) &&
            isfinite(r->counters[i].per_iter))
            gput(g, o, name, gnum(r->counters[i].per_iter));
    }
    return o;
}

static void gb_aggregates(gb *g, cJSON *list, const cbench_run *run, size_t k)
{
    const cbench_result *r = &run->results[k];
    const char *names[] = {"mean", "median", "stddev"};
    const double ns[] = {r->mean.point, r->median.point, r->std_dev.point};
    for (size_t i = 0; i < 3; i++) {
        if (!isfinite(ns[i]))
            continue;
        size_t n = strlen(r->id) + strlen(names[i]) + 2;
        char *name = malloc(n);
        cJSON *o = cJSON_CreateObject();
        if (name == NULL) {
            cJSON_Delete(o);
            g->oom = 1;
            return;
        }
        snprintf(name, n, "%s_%s", r->id, names[i]);
        gb_common(g, o, run, k, name, "aggregate", r->n_rounds);
        gstr(g, o, "aggregate_name", names[i]);
        gstr(g, o, "aggregate_unit", "time");
        gb_times(g, o, r, ns[i], i < 2);
        free(name);
        gput(g, list, NULL, o);
    }
}

int cbench_export_gbench(FILE *f, const cbench_run *run)
{
    gb g = {0};
    size_t n = run->n_results > 0 ? run->n_results : 1;
    g.fam = calloc(n, sizeof *g.fam);
    g.inst = calloc(n, sizeof *g.inst);
    if (g.fam == NULL || g.inst == NULL) {
        free(g.fam);
        free(g.inst);
        return CBENCH_ENOMEM;
    }
    number_families(run, g.fam, g.inst);
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    gput(&g, root, "context", gb_context(&g, &run->ctx));
    for (size_t k = 0; k < run->n_results && !g.oom; k++) {
        if (run->results[k].id == NULL)
            continue;
        gput(&g, list, NULL, gb_iteration(&g, run, k));
        if (run->results[k].n_rounds >= 2)
            gb_aggregates(&g, list, run, k);
    }
    gput(&g, root, "benchmarks", list);
    size_t len = 0;
    char *text = g.oom ? NULL : cbench_store_print(root, &len);
    cJSON_Delete(root);
    free(g.fam);
    free(g.inst);
    if (text == NULL)
        return CBENCH_ENOMEM;
    errno = 0;
    int rc = put_text(f, text, len);
    free(text);
    return rc;
}

/* {==================================================================
 * CSV.
 * =================================================================== */

/* A CSV stream: every write is checked, and the first failure's errno
 * kept (later writes are skipped: the document is lost anyway). */
typedef struct csv {
    FILE *f;
    int e;
} csv;

static void csv_put(csv *c, const char *s, size_t n)
{
    if (c->e == 0 && n > 0 && fwrite(s, 1, n, c->f) != n)
        c->e = errno != 0 ? errno : EIO;
}

static void csv_puts(csv *c, const char *s)
{
    csv_put(c, s, strlen(s));
}

/* A text cell: quoted as RFC 4180 wants, and guarded against formula
 * injection (core/text.h): ids, reasons and warnings are not ours. */
static void csv_field(csv *c, const char *s)
{
    if (c->e == 0 && cbench_text_fput_csv(c->f, s) != 0)
        c->e = errno != 0 ? errno : EIO;
}

static void csv_num(csv *c, double v)
{
    char buf[40];
    csv_put(c, ",", 1);
    if (isfinite(v)) {
        cbench_store_format_double(buf, sizeof buf, v);
        csv_puts(c, buf);
    }
}

static void csv_uint(csv *c, uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, ",%" PRIu64, v);
    csv_puts(c, buf);
}

static void csv_str(csv *c, const char *s)
{
    csv_put(c, ",", 1);
    csv_field(c, s);
}

/* The fixed columns, in order (counters follow). */
static const char csv_columns[] =
    "id,group,name,param,throughput_kind,throughput_per_iter,"
    "typical_ns,typical_lower_ns,typical_upper_ns,mean_ns,mean_lower_ns,mean_upper_ns,"
    "median_ns,median_lower_ns,median_upper_ns,std_dev_ns,mad_ns,slope_ns,r_squared,"
    "ci_level,n_samples,n_rounds,iterations,"
    "outliers_low_severe,outliers_low_mild,outliers_high_mild,outliers_high_severe,"
    "change,change_lower,change_upper,p_value,verdict,ratio_to_reference,"
    "flags,stop_reason,warning,error,threads,imbalance";

static void csv_flags(csv *f, unsigned flags)
{
    char buf[96] = "";
    for (unsigned i = 0; i < CBENCH_STORE_N_FLAGS; i++)
        if (flags & (1u << i)) {
            if (buf[0] != '\0')
                strcat(buf, "|");
            strcat(buf, cbench_store_flag_names[i]);
        }
    csv_str(f, buf);
}

static void csv_row(csv *f, const cbench_result *r)
{
    const cbench_change *c = &r->change;
    csv_field(f, r->id);
    csv_str(f, r->group);
    csv_str(f, r->name);
    csv_str(f, r->param);
    csv_str(f, cbench_store_throughput_name(r->throughput));
    csv_num(f, r->throughput_per_iter);
    const cbench_estimate *e[] = {&r->typical, &r->mean, &r->median};
    for (size_t i = 0; i < 3; i++) {
        csv_num(f, e[i]->point);
        csv_num(f, e[i]->lower);
        csv_num(f, e[i]->upper);
    }
    csv_num(f, r->std_dev.point);
    csv_num(f, r->mad.point);
    csv_num(f, r->slope.point);
    csv_num(f, r->r_squared);
    csv_num(f, r->typical.level);
    csv_uint(f, r->n_samples);
    csv_uint(f, r->n_rounds);
    csv_uint(f, total_iters(r));
    csv_uint(f, r->outliers.low_severe);
    csv_uint(f, r->outliers.low_mild);
    csv_uint(f, r->outliers.high_mild);
    csv_uint(f, r->outliers.high_severe);
    csv_num(f, r->has_change ? c->mean.point : NAN);
    csv_num(f, r->has_change ? c->mean.lower : NAN);
    csv_num(f, r->has_change ? c->mean.upper : NAN);
    csv_num(f, r->has_change ? c->p_value : NAN);
    csv_str(f, r->has_change ? cbench__verdict_name(c->verdict) : NULL);
    csv_num(f, r->ratio_to_reference.point);
    csv_flags(f, r->flags);
    csv_str(f, r->stop_reason);
    csv_str(f, r->warning);
    csv_str(f, r->error);
    csv_uint(f, r->threads.count ? r->threads.count : 1);
    csv_num(f, r->threads.count ? r->threads.imbalance : NAN);
}

/* Distinct counter names of the run, in order of first appearance. */
static size_t counter_names(const cbench_run *run, const char ***out)
{
    size_t n = 0, cap = 0;
    const char **v = NULL;
    for (size_t i = 0; i < run->n_results; i++)
        for (size_t j = 0; j < run->results[i].n_counters && j < CBENCH_MAX_COUNTERS; j++) {
            const char *name = run->results[i].counters[j].name;
            size_t k = 0;
            while (k < n && strncmp(v[k], name, sizeof run->results[i].counters[j].name) != 0)
                k++;
            if (k < n)
                continue;
            if (n == cap) {
                const char **nv = realloc(v, (cap = cap ? cap * 2 : 8) * sizeof *v);
                if (nv == NULL) {
                    free(v);
                    *out = NULL;
                    return SIZE_MAX;
                }
                v = nv;
            }
            v[n++] = name;
        }
    *out = v;
    return n;
}

static void csv_counters(csv *f, const cbench_result *r, const char **names, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        double v = NAN;
        for (size_t j = 0; j < r->n_counters && j < CBENCH_MAX_COUNTERS; j++)
            if (strncmp(r->counters[j].name, names[k], sizeof r->counters[j].name) == 0)
                v = r->counters[j].per_iter;
        csv_num(f, v);
    }
}

int cbench_export_csv(FILE *f, const cbench_run *run)
{
    const char **names;
    size_t n = counter_names(run, &names);
    if (n == SIZE_MAX)
        return CBENCH_ENOMEM;
    csv c = {f, 0};
    errno = 0;
    csv_puts(&c, csv_columns);
    for (size_t k = 0; k < n; k++) {
        char col[64];
        snprintf(col, sizeof col, "counter:%.31s", names[k]);
        csv_str(&c, col);
    }
    csv_put(&c, "\n", 1);
    for (size_t i = 0; i < run->n_results && c.e == 0; i++) {
        csv_row(&c, &run->results[i]);
        csv_counters(&c, &run->results[i], names, n);
        csv_put(&c, "\n", 1);
    }
    free(names);
    return finish(f, c.e);
}
