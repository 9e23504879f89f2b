/* SPDX-License-Identifier: MIT
 *
 * cmd_stats.c - `cbench stats`: cbench's statistics engine on any numbers,
 * in the spirit of FreeBSD's ministat. This file: the command line, the
 * analysis and the command; reading the numbers is stats_read.c's,
 * printing them stats_print.c's (stats_cmd.h).
 *
 *   cbench stats [OPTIONS] FILE          summary with bootstrap CIs
 *   cbench stats [OPTIONS] BASE NEW      ... and the change NEW vs BASE
 *
 * FILE holds one number per line ('-' reads stdin); --column N takes the
 * N-th whitespace-separated field instead. Blank lines and lines whose
 * first non-blank character is '#' are skipped; anything else that is not
 * a finite number is an error naming the file and line (exit status 2),
 * as is one too large or too small for a double (below 2.2e-308 it
 * underflows: subnormal or zero, it is refused, not rounded).
 * Each data set is analysed as a single round (every number is its own
 * unit) by the same code as benchmark results (lib/stats/analysis.h), with
 * the mean as the typical estimator; two sets are compared by Welch's
 * t-test on the numbers, with bootstrap CIs of the relative change of the
 * mean and of the median. Exit status: 0 (whatever the verdict), 2 for bad
 * usage or input.
 *
 * --json prints one object (undefined values are null):
 *
 *   schema_version      2 (1 wrote fences as an object)
 *   confidence_level    e.g. 0.95
 *   nresamples          bootstrap resamples
 *   seed                the analysis seed, as a decimal string (64 bits)
 *   datasets            array, one object per FILE:
 *     file              the path as given ("-" for stdin)
 *     n, min, max       count and extremes
 *     mean, median, std_dev, mad
 *                       estimates {point, lower, upper, std_err, level}:
 *                       the statistic, its bootstrap percentile CI, its
 *                       standard error and the CI's confidence; std_dev
 *                       is null for n = 1; mad is scaled by 1.4826
 *     percentiles       array of {p, point, lower, upper, std_err, level}
 *     outliers          {low_severe, low_mild, normal, high_mild,
 *                       high_severe, fences: [low severe, low mild, high
 *                       mild, high severe]} (Tukey, 3 and 1.5 IQR)
 *
 * The pieces are the baseline's (lib/store/json_write.h): numbers exact
 * (the shortest decimal that reads back to the same double), estimates
 * and outliers as a baseline stores them, strings escaped so that no
 * control character reaches a terminal.
 *   comparison          null for one FILE; for two:
 *     base, new         the two paths
 *     test              "welch-t on samples"
 *     t, df, p_value    Welch's t of NEW - BASE, its degrees of freedom and
 *                       two-sided p
 *     mean_change, median_change
 *                       relative change NEW / BASE - 1 as {point, lower,
 *                       upper, std_err} (+0.05 = 5 % larger)
 *     significance_level, noise_threshold
 *     verdict           "no change" | "within noise" | "improved" |
 *                       "regressed" (improved = smaller numbers)
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "cbench/stats.h"
#include "args.h"
#include "commands.h"
#include "stats_cmd.h"
#include "run/flags.h"
#include "model/result.h"
#include "stats/analysis.h"
#include "stats/bootstrap.h"
#include "stats/univariate.h"

static const char usage_text[] =
    "usage: cbench stats [OPTIONS] FILE [FILE2]\n"
    "\n"
    "Statistics of numbers (one per line; '-' reads stdin), each with its\n"
    "bootstrap confidence interval, and Tukey outlier classes. With FILE2,\n"
    "also the change FILE2 vs FILE (Welch t-test, p-value, verdict).\n"
    "Blank lines and '#' comments are skipped.\n"
    "\n"
    "  --column N               use the N-th whitespace-separated field (1)\n"
    "  --percentiles LIST       comma-separated, in [0, 100]\n"
    "                           (1,5,25,50,75,95,99)\n"
    "  --nresamples N           bootstrap resamples (100000)\n"
    "  --confidence-level C     confidence of the intervals (0.95)\n"
    "  --seed S                 analysis seed (decimal or 0x hex)\n"
    "  --noise-threshold T      changes within +-T are noise (0.01)\n"
    "  --significance-level A   p-value below which a change counts (0.05)\n"
    "  --json                   machine-readable output (fields: see README)\n"
    "  -h, --help               this help\n";

/* {==================================================================
 * Command line.
 * =================================================================== */

static int bad_value(const char *flag, const char *want, const char *got)
{
    fprintf(stderr, "cbench stats: %s expects %s, got '%s'\n", flag, want, got);
    return 2;
}

static int parse_double(const char *s, double *out)
{
    return cbench_cmd_stats_number_problem(s, out) == NULL;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (*s == '-' || *s == '\0')
        return 0;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    *out = v;
    return *end == '\0' && errno == 0;
}

static int parse_percentiles(const char *flag, const char *s, stats_opts *o)
{
    char buf[1024];
    if (strlen(s) >= sizeof buf)
        return bad_value(flag, "a shorter list", s);
    strcpy(buf, s);
    o->n_pcts = 0;
    for (char *tok = strtok(buf, ","); tok != NULL; tok = strtok(NULL, ",")) {
        double p;
        if (!parse_double(tok, &p) || p < 0 || p > 100 || o->n_pcts == MAX_PCTS)
            return bad_value(flag, "up to 64 comma-separated numbers in [0, 100]", s);
        o->pcts[o->n_pcts++] = p;
    }
    return o->n_pcts ? 0 : bad_value(flag, "a comma-separated list of numbers", s);
}

/* Applies one option that takes a value. 0, or the exit status 2. */
static int apply_option(stats_opts *o, const char *flag, const char *v)
{
    double d;
    uint64_t u;
    if (!strcmp(flag, "--column")) {
        if (!parse_u64(v, &u) || u < 1 || u > 100000)
            return bad_value(flag, "a column number >= 1", v);
        o->column = (unsigned)u;
    } else if (!strcmp(flag, "--percentiles")) {
        return parse_percentiles(flag, v, o);
    } else if (!strcmp(flag, "--nresamples")) {
        if (cbench_tool_number("stats", flag, v, &d) != 0)
            return 2;
        o->an.n_resamples = (unsigned)d;
    } else if (!strcmp(flag, "--confidence-level")) {
        if (cbench_tool_number("stats", flag, v, &o->an.confidence) != 0)
            return 2;
    } else if (!strcmp(flag, "--seed")) {
        char err[300];
        if (cbench_flag_u64(flag, v, &o->an.seed, err, sizeof err) != 0) {
            fprintf(stderr, "cbench stats: %s\n", err);
            return 2;
        }
    } else if (!strcmp(flag, "--noise-threshold")) {
        if (cbench_tool_number("stats", flag, v, &o->an.noise_threshold) != 0)
            return 2;
    } else if (!strcmp(flag, "--significance-level")) {
        if (cbench_tool_number("stats", flag, v, &o->an.significance) != 0)
            return 2;
    } else {
        fprintf(stderr, "cbench stats: unknown option '%s' (see cbench stats --help)\n", flag);
        return 2;
    }
    return 0;
}

static int takes_value(const char *flag)
{
    static const char *const with_value[] = {"--column", "--percentiles", "--nresamples",
        "--confidence-level", "--seed", "--noise-threshold", "--significance-level", NULL};
    for (size_t i = 0; with_value[i] != NULL; i++)
        if (!strcmp(flag, with_value[i]))
            return 1;
    return 0;
}

static int add_file(stats_opts *o, const char *path)
{
    if (o->n_files == 2) {
        fprintf(stderr, "cbench stats: too many files ('%s'): give one to summarise or "
                "two to compare\n", path);
        return 2;
    }
    o->files[o->n_files++] = path;
    return 0;
}

/* Parses argv into o. Returns -1 to continue, else the exit status. */
static int parse_args(int argc, char **argv, stats_opts *o)
{
    static const double default_pcts[] = {1, 5, 25, 50, 75, 95, 99};
    memset(o, 0, sizeof *o);
    cbench_analysis_opts_default(&o->an);
    o->an.estimator = CBENCH_EST_MEAN;
    o->column = 1;
    o->n_pcts = sizeof default_pcts / sizeof default_pcts[0];
    memcpy(o->pcts, default_pcts, sizeof default_pcts);
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc = 0;
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            rc = add_file(o, a);
        } else if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (strchr(a, '=') != NULL && a[1] == '-') {
            char flag[64];
            size_t len = (size_t)(strchr(a, '=') - a);
            if (len >= sizeof flag)
                len = sizeof flag - 1;
            memcpy(flag, a, len);
            flag[len] = '\0';
            rc = apply_option(o, flag, a + len + 1);
        } else if (takes_value(a)) {
            if (i + 1 >= argc) {
                fprintf(stderr, "cbench stats: option '%s' needs a value\n", a);
                return 2;
            }
            rc = apply_option(o, a, argv[++i]);
        } else {
            rc = apply_option(o, a, "");
        }
        if (rc != 0)
            return rc;
    }
    if (o->n_files == 0) {
        fprintf(stderr, "cbench stats: no input file (use '-' for stdin)\n\n%s", usage_text);
        return 2;
    }
    if (o->n_files == 2 && !strcmp(o->files[0], "-") && !strcmp(o->files[1], "-")) {
        fprintf(stderr, "cbench stats: stdin ('-') can be read only once\n");
        return 2;
    }
    return -1;
}

/* {==================================================================
 * Analysis.
 * =================================================================== */

/* Bootstrap CIs of the requested percentiles (one pass, single round). */
static int percentile_cis(const stats_opts *o, dataset *d)
{
    double *s = cbench_univariate_sorted_copy(d->x, d->n);
    if (s == NULL)
        return CBENCH_ENOMEM;
    cbench_boot_spec spec = {.x = s, .n = d->n, .pcts = o->pcts, .n_pcts = o->n_pcts,
                             .n_resamples = o->an.n_resamples, .seed = o->an.seed,
                             .threads = o->an.threads};
    cbench_boot_dist dist;
    int rc = cbench_boot_run(&spec, &dist);
    double a = (1 - o->an.confidence) / 2;
    for (size_t k = 0; rc == 0 && k < o->n_pcts; k++) {
        cbench_estimate *e = &d->pct[k];
        cbench_boot_ci(dist.pct[k], dist.n_resamples, a, 1 - a, &e->lower, &e->upper,
                       &e->std_err);
        e->point = cbench_univariate_percentile_sorted(s, d->n, o->pcts[k]);
        e->level = o->an.confidence;
    }
    cbench_boot_dist_free(&dist);
    free(s);
    return rc;
}

static int analyse(const stats_opts *o, dataset *d)
{
    cbench_result *r = &d->res;
    memset(r, 0, sizeof *r);
    r->samples = malloc(d->n * sizeof *r->samples);
    if (r->samples == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < d->n; i++)
        r->samples[i] = (cbench_sample){1, d->x[i], 0};
    r->n_samples = d->n;
    r->flags = CBENCH_RESULT_FLAT;          /* no iteration counts, no slope */
    cbench_stats_minmax(d->x, d->n, &d->min, &d->max);
    if ((double)d->n * o->an.n_resamples > 2e9)
        fprintf(stderr, "cbench stats: %s: %zu numbers x %u resamples will take a while; "
                "lower --nresamples to go faster\n", d->label, d->n, o->an.n_resamples);
    int rc = cbench_analysis_run(&o->an, r);
    return rc == 0 ? percentile_cis(o, d) : rc;
}

static void dataset_free(dataset *d)
{
    free(d->x);
    free(d->res.samples);
    free(d->res.warning);
}

/* {==================================================================
 * The command.
 * =================================================================== */

/* Compares d[1] against d[0]; writes Welch's t and df. 0 or exit status. */
static int compare(const stats_opts *o, dataset *d, double *t, double *df)
{
    if (d[0].n < 2 || d[1].n < 2) {
        fprintf(stderr, "cbench stats: comparing needs at least 2 numbers in each file "
                "(%s has %zu, %s has %zu)\n", d[0].label, d[0].n, d[1].label, d[1].n);
        return 2;
    }
    double tt, p;
    cbench_stats_welch(d[1].x, d[1].n, d[0].x, d[0].n, &tt, df, &p);
    *t = tt;                                 /* mean(new) - mean(base) */
    int rc = cbench_analysis_compare(&o->an, &d[0].res, &d[1].res);
    if (rc != 0) {
        fprintf(stderr, "cbench stats: cannot compare %s with %s: %s\n", d[1].label,
                d[0].label, cbench_strerror(rc));
        return 2;
    }
    return 0;
}

int cbench_cmd_stats(int argc, char **argv)
{
    stats_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    dataset d[2];
    memset(d, 0, sizeof d);
    for (size_t i = 0; rc < 0 && i < o.n_files; i++) {
        d[i].file = o.files[i];
        d[i].label = strcmp(d[i].file, "-") ? d[i].file : "<stdin>";
        int r = cbench_cmd_stats_read(&d[i], o.column);
        if (r == 0 && (r = analyse(&o, &d[i])) != 0) {
            fprintf(stderr, "cbench stats: %s: %s\n", d[i].label, cbench_strerror(r));
            r = 2;
        }
        if (r != 0)
            rc = r;
    }
    double t = NAN, df = NAN;
    if (rc < 0 && o.n_files == 2 && (rc = compare(&o, d, &t, &df)) == 0)
        rc = -1;
    if (rc < 0 && o.json) {
        rc = cbench_cmd_stats_print_json(&o, d, o.n_files, t, df);
    } else if (rc < 0) {
        cbench_cmd_stats_print_text(&o, d, o.n_files, t, df);
        rc = 0;
    }
    for (size_t i = 0; i < o.n_files; i++)
        dataset_free(&d[i]);
    return rc;
}
