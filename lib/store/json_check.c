/* SPDX-License-Identifier: MIT
 *
 * json_check.c - what a result read from a baseline must be, beyond the
 * types json_result.c checks: an id the registry could have made, samples
 * a clock could have measured, and estimates that are its samples'.
 *
 * A baseline is a file anyone can edit, and cbench prints what it reads
 * on TAP lines, terminals and reports, and compares new runs against it.
 * So a loaded result is held to what cbench itself writes: an id with a
 * control character could forge a TAP line or a terminal escape; a sample
 * of -5 ns or 0 iterations made `cbench compare` report -100 % "improved";
 * a sample edited by hand left the printed estimate as it was while the
 * comparison (which reads the samples) moved by 20 %.
 *
 * Why the estimates are checked, not recomputed. The samples are what was
 * measured; the estimates are derived from them. Recomputing them on load
 * would make an edited file print consistent numbers, but numbers nobody
 * measured, and would need the run's bootstrap (seconds per result) for
 * the intervals. A trustworthy tool refuses a file that no longer says
 * what was measured, as git refuses an object whose content does not
 * match its name, and says which field disagrees. The check recomputes
 * the pooled points (mean, median, standard deviation, MAD, slope: exact
 * functions of the samples, cbench_analysis_points) and needs the
 * headline 'typical' to lie between the smallest and largest per-iteration
 * time, where every estimator puts it. An undefined (null) estimate states
 * nothing and is not checked.
 */
#include "store/json_read.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/analysis.h"

/* {==================================================================
 * Identity.
 * =================================================================== */

int cbench_store_check_id(cbench_store_jr *r, const char *id)
{
    char why[160];
    if (cbench__id_problem(id, why, sizeof why) == NULL)
        return 0;
    size_t m = cbench_store_push_key(r, "id");
    int rc = cbench_store_bad(r, "not a benchmark id: %s; expected " CBENCH_ID_RULE, why);
    cbench_store_pop(r, m);
    return rc;
}

/* A field (group, name, param) that is not the id's part [part, part + n). */
static int mismatch(cbench_store_jr *r, const char *key, const char *id, const char *what)
{
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_bad(r, "is not the %s of the id '%s' (cbench writes them alike)",
                              what, id);
    cbench_store_pop(r, m);
    return rc;
}

static int same_part(const char *field, const char *part, size_t n)
{
    return field != NULL && strlen(field) == n && memcmp(field, part, n) == 0;
}

/* The axes of a checked id's parameter part against the "axes" field
 * (read into res; none: an older file), then into res from the id. */
static int check_axes(cbench_store_jr *r, cbench_result *res, const char *part)
{
    cbench_axis_value axes[CBENCH_MAX_AXES];
    unsigned n = 0;
    if (part != NULL)
        (void)cbench__param_axes(part, axes, &n);   /* checked by cbench__id_problem */
    int same = res->n_axes == n;
    for (unsigned i = 0; same && i < n; i++)
        same = strcmp(res->axes[i].name, axes[i].name) == 0
            && res->axes[i].value == axes[i].value;
    if (res->n_axes > 0 && !same)
        return mismatch(r, "axes", res->id, "axes");
    res->n_axes = n;
    memcpy(res->axes, axes, n * sizeof *axes);
    return 0;
}

/* The parameter of a checked id (its third part, or none) against the
 * "param", "param_value" and "axes" fields; a missing one is derived from
 * the id. With axes, the value is the first axis's. */
static int check_param(cbench_store_jr *r, cbench_result *res, const char *part)
{
    int rc = check_axes(r, res, part);
    if (rc != 0)
        return rc;
    if (part == NULL) {
        if (res->param != NULL || res->has_param)
            return mismatch(r, res->param != NULL ? "param" : "param_value", res->id,
                            "parameter (it has none)");
        return 0;
    }
    /* checked by cbench__id_problem */
    int64_t v = res->n_axes > 0 ? res->axes[0].value : (int64_t)strtoll(part, NULL, 10);
    if (res->param != NULL && strcmp(res->param, part) != 0)
        return mismatch(r, "param", res->id, "parameter");
    if (res->has_param && res->param_value != v)
        return mismatch(r, "param_value", res->id, "parameter");
    if (res->param == NULL && (res->param = cbench__strdup(part)) == NULL)
        return cbench_store_oom(r);
    res->has_param = 1;
    res->param_value = v;
    return 0;
}

int cbench_store_check_identity(cbench_store_jr *r, cbench_result *res)
{
    /* A thread count's suffix ends the id; the parts come before it. */
    size_t base;
    res->threads.count = cbench__id_threads(res->id, &base);
    const char *id = res->id, *name = strchr(id, '/') + 1;
    const char *param = memchr(name, '/', base - (size_t)(name - id));
    size_t name_len = param != NULL ? (size_t)(param - name) : base - (size_t)(name - id);
    if (!same_part(res->group, id, (size_t)(name - 1 - id)))
        return mismatch(r, "group", id, "group");
    if (!same_part(res->name, name, name_len))
        return mismatch(r, "name", id, "name");
    if (param == NULL)
        return check_param(r, res, NULL);
    char part[CBENCH_PARAM_MAX];
    size_t n = base - (size_t)(param + 1 - id);
    snprintf(part, sizeof part, "%.*s", (int)n, param + 1);   /* checked: it fits */
    return check_param(r, res, part);
}

/* {==================================================================
 * Samples.
 * =================================================================== */

static int bad_sample(cbench_store_jr *r, const char *key, size_t i, double v,
                      const char *expected)
{
    size_t m = cbench_store_push_key(r, "samples");
    cbench_store_push_key(r, key);
    cbench_store_push_index(r, i);
    int rc = isnan(v) ? cbench_store_bad(r, "null: expected %s", expected)
                      : cbench_store_bad(r, "%.17g: expected %s", v, expected);
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_check_samples(cbench_store_jr *r, const cbench_result *res)
{
    for (size_t i = 0; i < res->n_samples; i++) {
        const cbench_sample *s = &res->samples[i];
        /* A sample times a whole number of iterations, at least one... */
        if (!(s->iters >= 1 && s->iters <= 0x1p53 && s->iters == floor(s->iters)))
            return bad_sample(r, "iters", i, s->iters,
                              "a whole number of iterations, at least 1");
        /* ... and a clock never measures them as no time, negative time
         * or forever (the sampler makes samples far longer than a tick). */
        if (!(s->ns > 0 && isfinite(s->ns) && isfinite(s->ns / s->iters)))
            return bad_sample(r, "ns", i, s->ns,
                              "the sample's time, a finite number of nanoseconds > 0");
    }
    return 0;
}

/* {==================================================================
 * Estimates.
 * =================================================================== */

/* Rounding allowance: another build may sum in another order or contract
 * into FMAs; an edit that matters moves an estimate far more. */
#define CHECK_REL_TOL 1e-9

static int disagrees(cbench_store_jr *r, const char *key, double stored, double fresh,
                     const char *what)
{
    size_t m = cbench_store_push_key(r, key);
    cbench_store_push_key(r, "point");
    int rc = cbench_store_bad(r, "%.17g is not the %s of the result's samples (%.17g): a"
                              " sample or the estimate was edited, so the file no longer says"
                              " what was measured; restore it or measure again",
                              stored, what, fresh);
    cbench_store_pop(r, m);
    return rc;
}

/* A stored point against the one its samples give; scale is the size of
 * the per-iteration times, so that a spread near 0 is judged on it. */
static int check_point(cbench_store_jr *r, const char *key, double stored, double fresh,
                       double scale, const char *what)
{
    if (isnan(stored))
        return 0;                                /* undefined: claims nothing */
    double tol = CHECK_REL_TOL * fmax(fabs(fresh), scale);
    if (isnan(fresh) || !(fabs(stored - fresh) <= tol))
        return disagrees(r, key, stored, fresh, what);
    return 0;
}

static int check_typical(cbench_store_jr *r, double typical, const cbench_points *p)
{
    double lo = p->min * (1 - CHECK_REL_TOL), hi = p->max * (1 + CHECK_REL_TOL);
    if (isnan(typical) || (typical >= lo && typical <= hi))
        return 0;
    size_t m = cbench_store_push_key(r, "typical");
    cbench_store_push_key(r, "point");
    int rc = cbench_store_bad(r, "%.17g lies outside the samples' per-iteration times"
                              " [%.17g, %.17g], where every estimator's value lies: a sample"
                              " or the estimate was edited; restore it or measure again",
                              typical, p->min, p->max);
    cbench_store_pop(r, m);
    return rc;
}

int cbench_store_check_estimates(cbench_store_jr *r, const cbench_result *res)
{
    cbench_points p;
    if (res->n_samples == 0)
        return 0;                     /* failed, skipped, or counted (instructions) */
    int rc = cbench_analysis_points(res, &p);
    if (rc == CBENCH_ENOMEM)
        return cbench_store_oom(r);
    if (rc != 0)
        return cbench_store_bad(r, "samples: cannot be analysed");
    double scale = fabs(p.mean);
    rc = check_point(r, "mean", res->mean.point, p.mean, scale, "mean");
    if (rc == 0) rc = check_point(r, "median", res->median.point, p.median, scale, "median");
    if (rc == 0) rc = check_point(r, "std_dev", res->std_dev.point, p.std_dev, scale,
                                  "standard deviation");
    if (rc == 0) rc = check_point(r, "mad", res->mad.point, p.mad, scale, "MAD");
    if (rc == 0) rc = check_point(r, "slope", res->slope.point, p.slope, scale, "slope");
    if (rc == 0) rc = check_typical(r, res->typical.point, &p);
    return rc;
}
