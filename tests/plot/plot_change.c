/* SPDX-License-Identifier: MIT
 *
 * plot_change.c - the change chart shows the statistic the verdict uses:
 * for a comparison made by the engine's own analysis (Yuen's trimmed mean
 * on the rounds' logs), the chart's shaded interval is the verdict's
 * interval, its point the verdict's point, and the drawn curve holds the
 * verdict's confidence level between the interval's ends — so it is the
 * distribution behind that interval, not another estimator's. Reads the
 * gnuplot script (no gnuplot needed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plot/charts.h"
#include "stats/analysis.h"
#include "synth.h"

/* The rows of datablock $name in script s: xs/ys (at most cap), count. */
static size_t block(const char *s, const char *name, double *xs, double *ys, size_t cap)
{
    char head[64];
    snprintf(head, sizeof head, "$%s << EOD\n", name);
    const char *p = strstr(s, head);
    size_t n = 0;
    if (p == NULL)
        return 0;
    p += strlen(head);
    while (n < cap && strncmp(p, "EOD", 3) != 0) {
        char *end;
        xs[n] = strtod(p, &end);
        ys[n] = strtod(end, &end);
        p = strchr(end, '\n');
        if (p == NULL)
            break;
        p++;
        n++;
    }
    return n;
}

static char *script_of(const cbench_result *r, double noise)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    cbench_plot_target t = {"/dev/null", 0};
    int rc = cbench_plot_chart_change(f, &t, r, noise, 0, "#1f77b4");
    fclose(f);
    if (rc != 0) {
        free(s);
        return NULL;
    }
    return s;
}

/* Trapezoid integral of the curve from lo to hi. */
static double mass(const double *x, const double *y, size_t n, double lo, double hi)
{
    double m = 0;
    for (size_t i = 1; i < n; i++) {
        double a = fmax(x[i - 1], lo), b = fmin(x[i], hi);
        if (b > a)
            m += (b - a) * (y[i - 1] + y[i]) / 2;
    }
    return m;
}

/* A 6 % slower run of 10 rounds, compared the way the engine compares. */
static void test_engine_comparison(void)
{
    synth_rng g = {21};
    cbench_run *base = cbench__run_new(), *run = cbench__run_new();
    cbench_result *b = synth_add(base, "g", "x", 0, 0, 100, &g);
    cbench_result *r = synth_add(run, "g", "x", 0, 0, 106, &g);
    for (size_t i = 0; i < b->n_samples; i++)           /* 10 rounds of 6 samples */
        b->samples[i].round = r->samples[i].round = (uint32_t)(i % 10);
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 500;
    CHECK_INT_EQ(cbench_analysis_run(&o, b), 0);
    CHECK_INT_EQ(cbench_analysis_run(&o, r), 0);
    CHECK_INT_EQ(cbench_analysis_compare(&o, b, r), 0);
    CHECK(isfinite(r->change.df));
    char *s = script_of(r, 0.02);
    CHECK(s != NULL);
    if (s != NULL) {
        static double x[400], y[400], cx[400], cy[400], px[4], py[4];
        size_t n = block(s, "dist", x, y, 400), nc = block(s, "ci", cx, cy, 400);
        CHECK(n >= 100 && nc >= 3);
        const cbench_estimate *e = &r->change.mean;
        CHECK_NEAR(cx[0], 100 * e->lower, 1e-6);         /* the shaded part: the CI */
        CHECK_NEAR(cx[nc - 1], 100 * e->upper, 1e-6);
        CHECK_INT_EQ(block(s, "point", px, py, 4), 2);
        CHECK_NEAR(px[0], 100 * e->point, 1e-6);
        double inside = mass(x, y, n, 100 * e->lower, 100 * e->upper);
        double all = mass(x, y, n, -INFINITY, INFINITY);
        printf("change %+.2f %% [%+.2f %+.2f], df %.2f: curve mass %.4f inside the CI of "
               "%.0f %%, %.4f drawn\n", 100 * e->point, 100 * e->lower, 100 * e->upper,
               r->change.df, inside, 100 * e->level, all);
        CHECK_NEAR(inside, e->level, 0.005);
        CHECK(all > 0.99 && all < 1.001);
        char want[96];
        snprintf(want, sizeof want, "(t, %.1f df)", r->change.df);
        CHECK(strstr(s, want) != NULL);
        CHECK(strstr(s, "Noise threshold ±2 %") != NULL);
    }
    free(s);
    cbench__run_free(base);
    cbench__run_free(run);
}

/* Without a df (a bootstrap interval): the normal through the interval,
 * said in the legend; an exact count (empty interval) has no chart. */
static void test_without_df(void)
{
    cbench_result r;
    memset(&r, 0, sizeof r);
    r.id = "g/x";
    r.has_change = 1;
    r.change.mean = (cbench_estimate){0.10, 0.04, 0.18, NAN, 0.95};
    r.change.df = NAN;
    r.change.verdict = CBENCH_VERDICT_REGRESSED;
    char *s = script_of(&r, NAN);
    CHECK(s != NULL && strstr(s, "(normal, approx.)") != NULL);
    CHECK(s != NULL && strstr(s, "Noise threshold") == NULL);
    if (s != NULL) {
        static double x[400], y[400];
        size_t n = block(s, "dist", x, y, 400);
        CHECK_NEAR(mass(x, y, n, 4, 18), 0.95, 0.005);
    }
    free(s);
    r.change.mean = (cbench_estimate){0.05, 0.05, 0.05, 0, 1};
    CHECK(script_of(&r, 0.01) == NULL);
    r.has_change = 0;
    r.change.mean = (cbench_estimate){0.10, 0.04, 0.18, NAN, 0.95};
    CHECK(script_of(&r, 0.01) == NULL);
}

int main(void)
{
    test_engine_comparison();
    test_without_df();
    return check_result();
}
