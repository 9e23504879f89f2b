/* SPDX-License-Identifier: MIT
 *
 * chart_change.c - the change chart: the statistic the verdict uses.
 *
 * The verdict between two runs is Yuen's trimmed-mean test on the logs of
 * the rounds' estimates (stats/compare.h): its interval is
 * exp(D +- t_{df,(1+c)/2} se) - 1. The chart draws that distribution,
 * exp(D + se T) - 1 with T ~ t(df), so the curve, the shaded interval and
 * the verdict agree by construction. D and se are read back from the
 * stored interval (D is its midpoint on the log scale, se its half-width
 * over the quantile), so a chart drawn later from a baseline file shows
 * the same thing. When the interval is not symmetric on the log scale (a
 * bootstrap of samples, when a side had one round) or df is unknown, the
 * curve is the normal through the interval, and the legend says so.
 */
#include <math.h>
#include <stdlib.h>

#include "cbench/stats.h"
#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"

#define CURVE_POINTS 240

typedef struct change_dist {
    double d, se;                  /* on the log scale (logs), else of the change */
    double df;                     /* INFINITY: normal */
    int logs;
} change_dist;

/* The distribution behind the interval of c->mean; CBENCH_EDOMAIN when
 * there is none to draw. */
static int dist_of(const cbench_change *c, change_dist *out)
{
    const cbench_estimate *e = &c->mean;
    if (!(isfinite(e->point) && isfinite(e->lower) && isfinite(e->upper) && e->upper > e->lower
          && e->level > 0 && e->level < 1))
        return CBENCH_EDOMAIN;
    double p = (1 + e->level) / 2;
    out->df = isfinite(c->df) && c->df > 0 ? c->df : INFINITY;
    double q = isfinite(out->df) ? cbench_stats_t_quantile(p, out->df)
                                 : cbench_stats_normal_quantile(p);
    if (!(q > 0))
        return CBENCH_EDOMAIN;
    out->logs = 0;
    if (e->lower > -1) {
        double d = log1p(e->point), lo = log1p(e->lower), hi = log1p(e->upper);
        out->logs = fabs((hi - d) - (d - lo)) <= 1e-6 * (hi - lo);
        if (out->logs) {
            out->d = d;
            out->se = (hi - lo) / (2 * q);
        }
    }
    if (!out->logs) {                  /* the normal that holds the interval */
        out->d = (e->lower + e->upper) / 2;
        out->se = (e->upper - e->lower) / (2 * q);
        out->df = INFINITY;
    }
    return 0;
}

static double t_pdf(double t, double df)
{
    if (!isfinite(df))
        return exp(-t * t / 2) / sqrt(2 * M_PI);
    return exp(lgamma((df + 1) / 2) - lgamma(df / 2) - (df + 1) / 2 * log1p(t * t / df))
           / sqrt(df * M_PI);
}

/* The density of the change at x (in %). */
static double density_at(const change_dist *c, double x)
{
    if (c->logs && x <= -100)
        return 0;
    double u = c->logs ? log1p(x / 100) : x / 100;
    double jacobian = c->logs ? 1 / (100 + x) : 1.0 / 100;
    return t_pdf((u - c->d) / c->se, c->df) / c->se * jacobian;
}

/* The change in % at u on the distribution's own scale. */
static double pct_of(const change_dist *c, double u)
{
    return 100 * (c->logs ? expm1(u) : u);
}

typedef struct curve {
    double x[CURVE_POINTS], y[CURVE_POINTS];
} curve;

/* The curve over the central part of the distribution (and the noise band
 * when it is wider), evenly spaced in %. */
static void curve_of(const change_dist *c, double band, curve *k)
{
    double w = 4.5 * fmax(1.0, isfinite(c->df) ? sqrt(3.0 / fmin(c->df, 3.0)) : 1.0);
    double lo = pct_of(c, c->d - w * c->se), hi = pct_of(c, c->d + w * c->se);
    if (isfinite(band)) {
        lo = fmin(lo, -1.3 * band);
        hi = fmax(hi, 1.3 * band);
    }
    for (size_t i = 0; i < CURVE_POINTS; i++) {
        k->x[i] = lo + (hi - lo) * (double)i / (CURVE_POINTS - 1);
        k->y[i] = density_at(c, k->x[i]);
    }
}

/* $ci: the curve between the interval's ends, the ends included. */
static void ci_block(FILE *f, const change_dist *c, const curve *k, double lo, double hi)
{
    fprintf(f, "$ci << EOD\n%.9g %.9g\n", lo, density_at(c, lo));
    for (size_t i = 0; i < CURVE_POINTS; i++)
        if (k->x[i] > lo && k->x[i] < hi)
            fprintf(f, "%.9g %.9g\n", k->x[i], k->y[i]);
    fprintf(f, "%.9g %.9g\nEOD\n", hi, density_at(c, hi));
}

/* The legend's names for the curve and the band. */
static void titles(const change_dist *c, double band, int widened, char *dist, size_t dn,
                   char *noise, size_t nn)
{
    if (isfinite(c->df))
        snprintf(dist, dn, CBENCH_PLOT_T_DIST " (t, %.1f df)", c->df);
    else
        snprintf(dist, dn, CBENCH_PLOT_T_DIST " (normal, approx.)");
    char th[32];
    snprintf(noise, nn, CBENCH_PLOT_T_NOISE " %s%s",
             cbench_plot_fmt_threshold(th, sizeof th, band / 100), widened ? " (widened: drift)" : "");
}

static void change_script(FILE *f, const cbench_result *r, const change_dist *c, double noise,
                          int widened, const char *colour)
{
    double band = isfinite(noise) && noise > 0 ? noise * 100 : NAN;
    double lo = 100 * r->change.mean.lower, hi = 100 * r->change.mean.upper;
    curve k;
    curve_of(c, band, &k);
    double top = cbench_plot_max(k.y, CURVE_POINTS);
    cbench_plot_datablock(f, "dist", (const double *[]){k.x, k.y}, 2, CURVE_POINTS);
    ci_block(f, c, &k, lo, hi);
    cbench_plot_vline(f, "point", 100 * r->change.mean.point, top * 1.05);
    if (isfinite(band))
        fprintf(f, "$noise << EOD\n%.9g 0 %.9g\n%.9g 0 %.9g\nEOD\n", -band, top * 1.25, band,
                top * 1.25);
    cbench_plot_axis_label(f, "x", "Relative change of the typical time", "%");
    cbench_plot_axis_label(f, "y", "Density (a.u.)", NULL);
    fprintf(f, "set yrange [0:%.9g]\nset format y ''\nset format x '%%+g'\n", top * 1.25);
    fputs("set key outside below center horizontal maxrows 2\n", f);   /* long titles */
    char dist[96], noise_title[96];
    titles(c, band, widened, dist, sizeof dist, noise_title, sizeof noise_title);
    int first = 1;
    if (isfinite(band)) {
        cbench_plot_element(f, &first);
        fputs("$noise using 1:2:3 with filledcurves fs transparent solid 0.18 "
              "lc rgb '#888888'", f);
        cbench_plot_title(f, noise_title);
    }
    cbench_plot_element(f, &first);
    fprintf(f, "$ci using 1:2 with filledcurves y=0 fs transparent solid 0.35 lc rgb '%s'",
            colour);
    cbench_plot_title(f, CBENCH_PLOT_T_CI);
    cbench_plot_element(f, &first);
    fprintf(f, "$dist using 1:2 with lines lw 2 lc rgb '%s'", colour);
    cbench_plot_title(f, dist);
    cbench_plot_element(f, &first);
    fputs("$point using 1:2 with lines lw 2 lc rgb '#000000'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_POINT);
    fputc('\n', f);
}

int cbench_plot_chart_change(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                             double noise, int widened, const char *colour)
{
    change_dist c;
    if (!r->has_change || dist_of(&r->change, &c) != 0)
        return CBENCH_EDOMAIN;
    char sub[160];
    snprintf(sub, sizeof sub, "relative change vs base: %s",
             cbench__verdict_name(r->change.verdict));
    cbench_plot_script_begin(f, t, 900, 500, r->id, sub);
    change_script(f, r, &c, noise, widened, colour);
    cbench_plot_script_end(f);
    return 0;
}
