/* SPDX-License-Identifier: MIT
 *
 * export.c - baseline JSON and CSV exports (Google Benchmark JSON:
 * export_gbench.c).
 */
#include "store/export.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
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

int cbench_export_put_text(FILE *f, char *text, size_t len)
{
    if (text == NULL)
        return CBENCH_ENOMEM;
    errno = 0;
    int e = fwrite(text, 1, len, f) == len ? 0 : errno != 0 ? errno : EIO;
    free(text);
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
    return cbench_export_put_text(f, text, len);
}

/* {==================================================================
 * CSV.
 * =================================================================== */

static uint64_t total_iters(const cbench_result *r)
{
    double s = 0;
    for (size_t i = 0; i < r->n_samples; i++)
        if (isfinite(r->samples[i].iters) && r->samples[i].iters > 0)
            s += r->samples[i].iters;
    return s >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)s;
}

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
 * injection (model/text.h): ids, reasons and warnings are not ours. */
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

/* The fixed columns, in order: the first four, then one "axis:NAME" column
 * per distinct axis of the run (none without axes), then the rest
 * (counters follow). */
static const char csv_id_columns[] = "id,group,name,param";
static const char csv_columns[] =
    ",throughput_kind,throughput_per_iter,"
    "typical_ns,typical_lower_ns,typical_upper_ns,mean_ns,mean_lower_ns,mean_upper_ns,"
    "median_ns,median_lower_ns,median_upper_ns,std_dev_ns,mad_ns,slope_ns,r_squared,"
    "ci_level,n_samples,n_rounds,iterations,"
    "outliers_low_severe,outliers_low_mild,outliers_high_mild,outliers_high_severe,"
    "change,change_lower,change_upper,p_value,verdict,ratio_to_reference,"
    "flags,stop_reason,warning,error,threads,imbalance,bytes_per_iter,elements_per_iter";

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

static void csv_id_cells(csv *f, const cbench_result *r)
{
    csv_field(f, r->id);
    csv_str(f, r->group);
    csv_str(f, r->name);
    csv_str(f, r->param);
}

/* r's value of each axis names[0..n), empty where r has no such axis. */
static void csv_axes(csv *f, const cbench_result *r, const char **names, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const cbench_axis_value *a = NULL;
        for (unsigned j = 0; j < r->n_axes && j < CBENCH_MAX_AXES; j++)
            if (strncmp(r->axes[j].name, names[k], sizeof r->axes[j].name) == 0)
                a = &r->axes[j];
        if (a != NULL) {
            char buf[32];
            snprintf(buf, sizeof buf, ",%" PRId64, a->value);
            csv_puts(f, buf);
        } else {
            csv_put(f, ",", 1);
        }
    }
}

static void csv_row(csv *f, const cbench_result *r)
{
    const cbench_change *c = &r->change;
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
    /* Both kinds, whichever is the headline (empty: not declared). */
    double bytes = cbench__result_per_iter(r, CBENCH_THROUGHPUT_BYTES);
    double elements = cbench__result_per_iter(r, CBENCH_THROUGHPUT_ELEMENTS);
    csv_num(f, bytes > 0 ? bytes : NAN);
    csv_num(f, elements > 0 ? elements : NAN);
}

/* Appends name to the distinct names v[0..*n) unless it is there;
 * 0, or -1 on out of memory. */
static int add_name(const char ***v, size_t *n, size_t *cap, const char *name)
{
    for (size_t k = 0; k < *n; k++)
        if (strcmp((*v)[k], name) == 0)
            return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        const char **nv = realloc(*v, c * sizeof *nv);
        if (nv == NULL)
            return -1;
        *v = nv;
        *cap = c;
    }
    (*v)[(*n)++] = name;
    return 0;
}

/* What counter_names() lists. */
enum { NAMES_COUNTERS, NAMES_USER, NAMES_AXES };

static size_t names_in(const cbench_result *r, int kind)
{
    switch (kind) {
    case NAMES_USER: return r->n_user_counters;
    case NAMES_AXES: return r->n_axes < CBENCH_MAX_AXES ? r->n_axes : CBENCH_MAX_AXES;
    default: return r->n_counters < CBENCH_MAX_COUNTERS ? r->n_counters : CBENCH_MAX_COUNTERS;
    }
}

static const char *name_in(const cbench_result *r, int kind, size_t j)
{
    return kind == NAMES_USER ? r->user_counters[j].name
         : kind == NAMES_AXES ? r->axes[j].name : r->counters[j].name;
}

/* Distinct names of the run's hardware counters, user counters or axes
 * (kind), in order of first appearance; SIZE_MAX on out of memory. */
static size_t counter_names(const cbench_run *run, int kind, const char ***out)
{
    size_t n = 0, cap = 0;
    const char **v = NULL;
    int bad = 0;
    for (size_t i = 0; i < run->n_results && !bad; i++) {
        const cbench_result *r = &run->results[i];
        for (size_t j = 0; j < names_in(r, kind) && !bad; j++)
            bad = add_name(&v, &n, &cap, name_in(r, kind, j));
    }
    if (bad) {
        free(v);
        v = NULL;
        n = SIZE_MAX;
    }
    *out = v;
    return n;
}

/* The columns of each user counter, after the hardware counters'. */
static void csv_user_header(csv *c, const char **names, size_t n)
{
    static const char *const parts[] = {"", ":lower", ":upper", ":change", ":verdict"};
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
            char col[80];
            snprintf(col, sizeof col, "user:%s%s", names[k], parts[i]);
            csv_str(c, col);
        }
}

static void csv_user(csv *f, const cbench_result *r, const char **names, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const cbench_user_counter *u = NULL;
        for (size_t j = 0; j < r->n_user_counters; j++)
            if (strcmp(r->user_counters[j].name, names[k]) == 0)
                u = &r->user_counters[j];
        csv_num(f, u ? u->value.point : NAN);
        csv_num(f, u ? u->value.lower : NAN);
        csv_num(f, u ? u->value.upper : NAN);
        csv_num(f, u && u->has_change ? u->change.mean.point : NAN);
        csv_str(f, u && u->has_change ? cbench__verdict_name(u->change.verdict) : NULL);
    }
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

/* The header line: the id columns, the axes', the fixed ones, the
 * counters' and the user counters'. */
static void csv_header(csv *c, const char **const names[3], const size_t n[3])
{
    csv_puts(c, csv_id_columns);
    for (size_t k = 0; k < n[NAMES_AXES]; k++) {
        char col[48];
        snprintf(col, sizeof col, "axis:%.31s", names[NAMES_AXES][k]);
        csv_str(c, col);
    }
    csv_puts(c, csv_columns);
    for (size_t k = 0; k < n[NAMES_COUNTERS]; k++) {
        char col[64];
        snprintf(col, sizeof col, "counter:%.31s", names[NAMES_COUNTERS][k]);
        csv_str(c, col);
    }
    csv_user_header(c, names[NAMES_USER], n[NAMES_USER]);
    csv_put(c, "\n", 1);
}

int cbench_export_csv(FILE *f, const cbench_run *run)
{
    const char **names[3] = {NULL, NULL, NULL};
    size_t n[3];
    int oom = 0;
    for (int kind = 0; kind < 3; kind++) {
        n[kind] = counter_names(run, kind, &names[kind]);
        oom |= n[kind] == SIZE_MAX;
    }
    csv c = {f, 0};
    errno = 0;
    if (!oom)
        csv_header(&c, names, n);
    for (size_t i = 0; i < run->n_results && c.e == 0 && !oom; i++) {
        const cbench_result *r = &run->results[i];
        csv_id_cells(&c, r);
        csv_axes(&c, r, names[NAMES_AXES], n[NAMES_AXES]);
        csv_row(&c, r);
        csv_counters(&c, r, names[NAMES_COUNTERS], n[NAMES_COUNTERS]);
        csv_user(&c, r, names[NAMES_USER], n[NAMES_USER]);
        csv_put(&c, "\n", 1);
    }
    for (int kind = 0; kind < 3; kind++)
        free(names[kind]);
    return oom ? CBENCH_ENOMEM : finish(f, c.e);
}
