/* SPDX-License-Identifier: MIT
 *
 * scaling.c - the sweeps of a run and their complexity and knees; see
 * scaling.h.
 */
#include "stats/scaling.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* Whether r can be a size of a sweep. */
static int usable(const cbench_result *r)
{
    unsigned out = CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED | CBENCH_RESULT_INSTRUCTIONS;
    return r->has_param && r->param_value >= 1 && !(r->flags & out)
        && isfinite(r->typical.point) && r->typical.point > 0;
}

/* Whether a and b have the same values on every axis after the first
 * (the size). */
static int same_others(const cbench_result *a, const cbench_result *b)
{
    if (a->n_axes != b->n_axes)
        return 0;
    for (unsigned k = 1; k < a->n_axes; k++)
        if (strcmp(a->axes[k].name, b->axes[k].name) != 0 || a->axes[k].value != b->axes[k].value)
            return 0;
    return 1;
}

/* Whether a and b are sizes of one sweep: one benchmark, one combination
 * of its other axes, one thread count. */
static int same_bench(const cbench_result *a, const cbench_result *b)
{
    return strcmp(or_empty(a->group), or_empty(b->group)) == 0
        && strcmp(or_empty(a->name), or_empty(b->name)) == 0
        && same_others(a, b) && a->threads.count == b->threads.count;
}

/* Appends text to buf[0..len) at *at, cut to fit (buf stays terminated). */
static void append(char *buf, size_t len, size_t *at, const char *text)
{
    size_t room = *at < len ? len - *at - 1 : 0, w = strlen(text);
    if (w > room)
        w = room;
    memcpy(buf + *at, text, w);
    *at += w;
    buf[*at] = '\0';
}

void cbench_scaling_combo(const cbench_result *r, char *buf, size_t len)
{
    char part[64];
    size_t at = 0;
    buf[0] = '\0';
    for (unsigned k = 1; k < r->n_axes; k++) {
        snprintf(part, sizeof part, "%s%s=%lld", at ? "/" : "", r->axes[k].name,
                 (long long)r->axes[k].value);
        append(buf, len, &at, part);
    }
    if (r->threads.count > 0) {
        snprintf(part, sizeof part, "%sthreads=%u", at ? " " : "", r->threads.count);
        append(buf, len, &at, part);
    }
}

/* Sorts idx[0..n) by the results' sizes (insertion sort: sweeps are
 * short). Returns 0 when two results share a size. */
static int sort_by_size(const cbench_run *run, size_t *idx, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            int64_t a = run->results[idx[j - 1]].param_value, b = run->results[idx[j]].param_value;
            if (a == b)
                return 0;
            if (a < b)
                break;
            size_t t = idx[j - 1];
            idx[j - 1] = idx[j];
            idx[j] = t;
        }
    return 1;
}

/* Bytes per element when every size moves the same, else NaN. */
static double bytes_per_element(const cbench_run *run, const size_t *idx, size_t n)
{
    double first = NAN;
    for (size_t i = 0; i < n; i++) {
        const cbench_result *r = &run->results[idx[i]];
        if (r->throughput != CBENCH_THROUGHPUT_BYTES || !(r->throughput_per_iter > 0))
            return NAN;
        double b = r->throughput_per_iter / (double)r->param_value;
        if (i == 0)
            first = b;
        else if (fabs(b - first) > 1e-9 * first)
            return NAN;
    }
    return first;
}

/* The product of the factors of the knees below size i: how much more an
 * element costs there than on the first plateau. Only reported knees
 * count, not every boundary of the fit: dividing out every segment's
 * level would flatten any sweep into a perfect line. */
static double plateau_scale(const cbench_knees *k, size_t i)
{
    double f = 1;
    for (size_t j = 0; j < k->n_knees; j++)
        if (i >= k->knees[j].hi)
            f *= k->knees[j].factor.point;
    return f;
}

/* Fits the typical times, divided by their plateau's scale when
 * between_knees, into *out. */
static int fit_complexity(const cbench_run *run, const cbench_scaling *s, int between_knees,
                          cbench_complexity *out)
{
    double *n = malloc(2 * s->n * sizeof *n);
    if (n == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        n[i] = (double)run->results[s->results[i]].param_value;
        n[s->n + i] = run->results[s->results[i]].typical.point
                      / (between_knees ? plateau_scale(&s->knees, i) : 1);
    }
    int rc = cbench_complexity_fit(n, n + s->n, s->n, out);
    free(n);
    return rc;
}

/* The knees of s from its per-round costs per element. */
static int fit_knees(const cbench_run *run, const cbench_analysis_opts *o,
                     const cbench_scalings *all, cbench_scaling *s)
{
    if (s->n > CBENCH_KNEES_MAX_SIZES)
        return CBENCH_EINVAL;
    cbench_knee_size sizes[CBENCH_KNEES_MAX_SIZES];
    size_t got = 0;
    int rc = 0;
    for (; got < s->n && rc == 0; got++) {
        const cbench_result *r = &run->results[s->results[got]];
        double *est = NULL;
        size_t k = 0;
        rc = cbench_analysis_round_estimates(o, r, &est, NULL, &k);
        for (size_t j = 0; rc == 0 && j < k; j++)
            est[j] /= (double)r->param_value;
        sizes[got] = (cbench_knee_size){(double)r->param_value, est, rc == 0 ? k : 0};
    }
    if (rc == 0) {
        cbench_knee_opts ko;
        cbench_knees_opts_default(&ko);
        ko.confidence = o->confidence;
        ko.bytes_per_element = s->bytes_per_element;
        ko.caches = all->caches;
        ko.n_caches = all->n_caches;
        rc = cbench_knees_find(sizes, s->n, &ko, &s->knees);
    }
    for (size_t i = 0; i < got; i++)
        free((void *)sizes[i].t);
    return rc;
}

/* Indices of the usable results of the benchmark of result i, or 0 when
 * an earlier result already started it. */
static size_t members(const cbench_run *run, size_t i, size_t *idx)
{
    const cbench_result *r = &run->results[i];
    for (size_t j = 0; j < i; j++)
        if (usable(&run->results[j]) && same_bench(&run->results[j], r))
            return 0;
    size_t n = 0;
    for (size_t j = i; j < run->n_results; j++)
        if (usable(&run->results[j]) && same_bench(&run->results[j], r))
            idx[n++] = j;
    return n;
}

static int add_sweep(cbench_scalings *out, const cbench_run *run, const cbench_analysis_opts *o,
                     size_t *idx, size_t n)
{
    cbench_scaling *v = realloc(out->v, (out->n + 1) * sizeof *v);
    if (v == NULL)
        return CBENCH_ENOMEM;
    out->v = v;
    cbench_scaling *s = &v[out->n];
    memset(s, 0, sizeof *s);
    s->results = malloc(n * sizeof *s->results);
    if (s->results == NULL)
        return CBENCH_ENOMEM;
    memcpy(s->results, idx, n * sizeof *idx);
    out->n++;
    s->group = run->results[idx[0]].group;
    s->name = run->results[idx[0]].name;
    cbench_scaling_combo(&run->results[idx[0]], s->combo, sizeof s->combo);
    s->n = n;
    s->bytes_per_element = bytes_per_element(run, idx, n);
    s->knees_rc = fit_knees(run, o, out, s);
    s->whole_rc = fit_complexity(run, s, 0, &s->whole);
    s->between_knees = s->knees_rc == 0 && s->knees.n_knees > 0;
    s->complexity_rc = s->whole_rc;
    s->complexity = s->whole;
    if (s->between_knees)
        s->complexity_rc = fit_complexity(run, s, 1, &s->complexity);
    return s->complexity_rc == CBENCH_ENOMEM || s->whole_rc == CBENCH_ENOMEM
                   || s->knees_rc == CBENCH_ENOMEM ? CBENCH_ENOMEM : 0;
}

static void caches_of(const cbench_context *c, cbench_scalings *out)
{
    for (unsigned i = 0; i < CBENCH_CACHE_LEVELS; i++)
        if (c->cache_bytes[i] > 0)
            out->caches[out->n_caches++] =
                (cbench_knee_cache){cbench__cache_name(i), (double)c->cache_bytes[i]};
}

int cbench_scaling_fit(const cbench_run *run, const cbench_analysis_opts *o,
                       cbench_scalings *out)
{
    if (out == NULL)
        return CBENCH_EINVAL;
    memset(out, 0, sizeof *out);
    if (run == NULL)
        return CBENCH_EINVAL;
    cbench_analysis_opts d;
    if (o == NULL) {
        cbench_analysis_opts_default(&d);
        if (run->ctx.confidence_level > 0 && run->ctx.confidence_level < 1)
            d.confidence = run->ctx.confidence_level;
        o = &d;
    }
    caches_of(&run->ctx, out);
    size_t *idx = malloc((run->n_results ? run->n_results : 1) * sizeof *idx);
    int rc = idx == NULL ? CBENCH_ENOMEM : 0;
    for (size_t i = 0; i < run->n_results && rc == 0; i++) {
        if (!usable(&run->results[i]))
            continue;
        size_t n = members(run, i, idx);
        if (n >= CBENCH_SCALING_MIN_SIZES && sort_by_size(run, idx, n))
            rc = add_sweep(out, run, o, idx, n);
    }
    free(idx);
    if (rc != 0)
        cbench_scaling_free(out);
    return rc;
}

void cbench_scaling_free(cbench_scalings *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].results);
    free(s->v);
    memset(s, 0, sizeof *s);
}

const cbench_scaling *cbench_scaling_find_combo(const cbench_scalings *s, const char *group,
                                                const char *name, const char *combo)
{
    for (size_t i = 0; s != NULL && i < s->n; i++)
        if (strcmp(or_empty(s->v[i].group), or_empty(group)) == 0
            && strcmp(or_empty(s->v[i].name), or_empty(name)) == 0
            && (combo == NULL || strcmp(s->v[i].combo, combo) == 0))
            return &s->v[i];
    return NULL;
}

const cbench_scaling *cbench_scaling_find(const cbench_scalings *s, const char *group,
                                          const char *name)
{
    return cbench_scaling_find_combo(s, group, name, NULL);
}

char *cbench_scaling_title(char *buf, size_t n, const cbench_scaling *s)
{
    size_t at = 0;
    buf[0] = '\0';
    append(buf, n, &at, or_empty(s->group));
    append(buf, n, &at, "/");
    append(buf, n, &at, or_empty(s->name));
    if (s->combo[0] != '\0') {
        append(buf, n, &at, " [");
        append(buf, n, &at, s->combo);
        append(buf, n, &at, "]");
    }
    return buf;
}
