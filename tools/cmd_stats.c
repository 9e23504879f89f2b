/* SPDX-License-Identifier: MIT
 *
 * cmd_stats.c - `cbench stats`: cbench's statistics engine on any numbers,
 * in the spirit of FreeBSD's ministat.
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

#include <cJSON.h>

#include "cbench.h"
#include "cbench/stats.h"
#include "args.h"
#include "commands.h"
#include "run/flags.h"
#include "model/result.h"
#include "stats/analysis.h"
#include "stats/bootstrap.h"
#include "stats/univariate.h"
#include "store/json_write.h"

#define MAX_PCTS 64

/* 2: fences became an array (as in the baseline), estimates gained
 * "level", numbers print exactly. */
#define STATS_JSON_SCHEMA 2

typedef struct stats_opts {
    cbench_analysis_opts an;
    unsigned column;              /* 1-based */
    double pcts[MAX_PCTS];
    size_t n_pcts;
    int json;
    const char *files[2];
    size_t n_files;
} stats_opts;

/* One analysed data set. */
typedef struct dataset {
    const char *file;             /* as given; "-" is stdin */
    const char *label;            /* for messages: the file or "<stdin>" */
    double *x;
    size_t n;
    double min, max;
    cbench_result res;            /* samples (1, x, round 0) and estimates */
    cbench_estimate pct[MAX_PCTS];
} dataset;

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

/* Why s is not a number the statistics can use, or NULL (*out set).
 * strtod says ERANGE both for a value past DBL_MAX and for one below
 * DBL_MIN, which is subnormal (1e-320 keeps 3 of its 17 digits) or zero:
 * such a value is refused, not rounded, since squares and products of it
 * vanish and the spread would read 0; the message says which, and what
 * to do. */
static const char *number_problem(const char *s, double *out)
{
    static const char *const tiny = "is too small: it underflows (a double keeps full"
        " precision from 2.2e-308 on; scale the data, e.g. to ns)";
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    if (*s == '\0' || *end != '\0')
        return "is not a number";
    if (isnan(*out) || (isinf(*out) && errno != ERANGE))
        return "is not a finite number";          /* "nan", "inf" */
    if (isinf(*out))
        return "is too large: it overflows a double (scale the data)";
    if ((*out != 0 && fabs(*out) < DBL_MIN) || (errno == ERANGE && *out == 0))
        return tiny;
    return NULL;
}

static int parse_double(const char *s, double *out)
{
    return number_problem(s, out) == NULL;
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
 * Reading numbers.
 * =================================================================== */

/* The 'col'-th whitespace-separated field of line (NUL-terminated in
 * place), or NULL when the line has fewer fields. */
static char *field(char *line, unsigned col)
{
    char *save = NULL, *tok = strtok_r(line, " \t\r\n\v\f", &save);
    for (unsigned k = 1; tok != NULL && k < col; k++)
        tok = strtok_r(NULL, " \t\r\n\v\f", &save);
    return tok;
}

static int push(dataset *d, size_t *cap, double v)
{
    if (d->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 256;
        double *x = realloc(d->x, nc * sizeof *x);
        if (x == NULL)
            return -1;
        d->x = x;
        *cap = nc;
    }
    d->x[d->n++] = v;
    return 0;
}

/* Parses one line into d. 0, 1 (skipped), or 2 after printing an error. */
static int read_line(dataset *d, size_t *cap, char *line, size_t lineno, unsigned col)
{
    char *p = line;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (*p == '\0' || *p == '#')
        return 1;
    char *f = field(p, col);
    if (f == NULL) {
        fprintf(stderr, "cbench stats: %s:%zu: expected at least %u field%s, found fewer\n",
                d->label, lineno, col, col == 1 ? "" : "s");
        return 2;
    }
    double v;
    const char *why = number_problem(f, &v);
    if (why != NULL) {
        fprintf(stderr, "cbench stats: %s:%zu: '%s' %s\n", d->label, lineno, f, why);
        return 2;
    }
    if (push(d, cap, v) != 0) {
        fprintf(stderr, "cbench stats: %s: out of memory\n", d->label);
        return 2;
    }
    return 0;
}

static int read_numbers(dataset *d, unsigned col)
{
    int use_stdin = !strcmp(d->file, "-");
    FILE *f = use_stdin ? stdin : fopen(d->file, "r");
    if (f == NULL) {
        fprintf(stderr, "cbench stats: cannot open '%s': %s\n", d->file, strerror(errno));
        return 2;
    }
    char *line = NULL;
    size_t len = 0, cap = 0, lineno = 0;
    int rc = 0;
    while (rc == 0) {
        errno = 0;                      /* -1 is the end, or ENOMEM: not "no numbers" */
        if (getline(&line, &len, f) == -1)
            break;
        int r = read_line(d, &cap, line, ++lineno, col);
        rc = r == 2 ? 2 : 0;
    }
    if (rc == 0 && (ferror(f) || errno == ENOMEM)) {
        fprintf(stderr, "cbench stats: error reading %s: %s\n", d->label, strerror(errno));
        rc = 2;
    }
    free(line);
    if (!use_stdin)
        fclose(f);
    if (rc == 0 && d->n == 0) {
        fprintf(stderr, "cbench stats: %s: no numbers found\n", d->label);
        rc = 2;
    }
    return rc;
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
 * Text output.
 * =================================================================== */

static void print_estimate(const char *name, const cbench_estimate *e)
{
    if (isnan(e->point)) {
        printf("  %-10s %14s\n", name, "undefined");
        return;
    }
    printf("  %-10s %14.6g   [%.6g, %.6g]\n", name, e->point, e->lower, e->upper);
}

static void print_outliers(const dataset *d)
{
    const cbench_outliers *o = &d->res.outliers;
    unsigned total = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
    printf("  outliers   %u of %zu (%.2f%%)", total, d->n, 100.0 * total / (double)d->n);
    const unsigned cnt[4] = {o->low_severe, o->low_mild, o->high_mild, o->high_severe};
    const char *names[4] = {"low severe", "low mild", "high mild", "high severe"};
    const char *sep = ": ";
    for (int i = 0; i < 4; i++)
        if (cnt[i]) {
            printf("%s%u %s", sep, cnt[i], names[i]);
            sep = ", ";
        }
    printf("\n  fences     %.6g  %.6g | %.6g  %.6g\n", o->fences[0], o->fences[1],
           o->fences[2], o->fences[3]);
}

static void print_dataset(const stats_opts *o, const dataset *d)
{
    printf("%s: n = %zu\n", d->label, d->n);
    printf("  %-10s %14s   %.4g%% CI\n", "", "value", 100 * o->an.confidence);
    printf("  %-10s %14.6g\n  %-10s %14.6g\n", "min", d->min, "max", d->max);
    print_estimate("mean", &d->res.mean);
    print_estimate("median", &d->res.median);
    print_estimate("std dev", &d->res.std_dev);
    print_estimate("MAD", &d->res.mad);
    for (size_t k = 0; k < o->n_pcts; k++) {
        char name[32];
        snprintf(name, sizeof name, "p%g", o->pcts[k]);
        print_estimate(name, &d->pct[k]);
    }
    print_outliers(d);
}

static void print_change(const char *name, const cbench_estimate *e)
{
    if (isnan(e->point)) {
        printf("  %-8s undefined\n", name);
        return;
    }
    printf("  %-8s %+8.3f %%   [%+.3f %%, %+.3f %%]\n", name, 100 * e->point,
           100 * e->lower, 100 * e->upper);
}

static void print_comparison(const dataset *a, const dataset *b, double t, double df)
{
    const cbench_change *c = &b->res.change;
    printf("%s vs %s:\n", b->label, a->label);
    print_change("mean", &c->mean);
    print_change("median", &c->median);
    printf("  %s: t = %.4g, df = %.4g, p = %.4g\n", c->test_name, t, df, c->p_value);
    printf("  verdict: %s (significance %g, noise threshold +-%g %%)\n",
           cbench__verdict_name(c->verdict), c->significance, 100 * c->noise_threshold);
}

/* {==================================================================
 * JSON output.
 * =================================================================== */

/* Every piece is the baseline's (store/json_write.h): exact numbers, the
 * same estimate and outlier objects, strings safe on a terminal. */
#define num cbench_store_num_item
#define uint_item cbench_store_uint_item

/* The builder remembers one out-of-memory so call sites stay linear. */
static void put(int *oom, cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL || obj == NULL ||
        !(key != NULL ? cJSON_AddItemToObject(obj, key, item) : cJSON_AddItemToArray(obj, item))) {
        cJSON_Delete(item);
        *oom = 1;
    }
}

static cJSON *percentiles_json(int *oom, const stats_opts *o, const dataset *d)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t k = 0; k < o->n_pcts; k++) {
        cJSON *p = cJSON_CreateObject();
        put(oom, p, "p", num(o->pcts[k]));
        if (p != NULL && cbench_store_add_estimate(p, &d->pct[k]) != 0)
            *oom = 1;
        put(oom, a, NULL, p);
    }
    return a;
}

static cJSON *dataset_json(int *oom, const stats_opts *o, const dataset *d)
{
    cJSON *j = cJSON_CreateObject();
    put(oom, j, "file", cbench_store_text_item(d->file));
    put(oom, j, "n", uint_item(d->n));
    put(oom, j, "min", num(d->min));
    put(oom, j, "max", num(d->max));
    put(oom, j, "mean", cbench_store_estimate_item(&d->res.mean));
    put(oom, j, "median", cbench_store_estimate_item(&d->res.median));
    put(oom, j, "std_dev", isnan(d->res.std_dev.point) ? cJSON_CreateNull()
                                  : cbench_store_estimate_item(&d->res.std_dev));
    put(oom, j, "mad", cbench_store_estimate_item(&d->res.mad));
    put(oom, j, "percentiles", percentiles_json(oom, o, d));
    put(oom, j, "outliers", cbench_store_outliers_item(&d->res.outliers));
    return j;
}

static cJSON *comparison_json(int *oom, const dataset *a, const dataset *b, double t, double df)
{
    const cbench_change *c = &b->res.change;
    cJSON *j = cJSON_CreateObject();
    put(oom, j, "base", cbench_store_text_item(a->file));
    put(oom, j, "new", cbench_store_text_item(b->file));
    put(oom, j, "test", cbench_store_text_item(c->test_name));
    put(oom, j, "t", num(t));
    put(oom, j, "df", num(df));
    put(oom, j, "p_value", num(c->p_value));
    put(oom, j, "mean_change", cbench_store_estimate_item(&c->mean));
    put(oom, j, "median_change", cbench_store_estimate_item(&c->median));
    put(oom, j, "significance_level", num(c->significance));
    put(oom, j, "noise_threshold", num(c->noise_threshold));
    put(oom, j, "verdict", cJSON_CreateString(cbench__verdict_name(c->verdict)));
    return j;
}

static int print_json(const stats_opts *o, const dataset *d, size_t nd, double t, double df)
{
    char seed[32];
    int oom = 0;
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->an.seed);
    cJSON *root = cJSON_CreateObject(), *sets = cJSON_CreateArray();
    put(&oom, root, "schema_version", uint_item(STATS_JSON_SCHEMA));
    put(&oom, root, "confidence_level", num(o->an.confidence));
    put(&oom, root, "nresamples", uint_item(o->an.n_resamples));
    put(&oom, root, "seed", cJSON_CreateString(seed));
    for (size_t i = 0; i < nd; i++)
        put(&oom, sets, NULL, dataset_json(&oom, o, &d[i]));
    put(&oom, root, "datasets", sets);
    put(&oom, root, "comparison",
        nd == 2 ? comparison_json(&oom, &d[0], &d[1], t, df) : cJSON_CreateNull());
    size_t len = 0;
    char *text = oom ? NULL : cbench_store_print(root, &len);
    cJSON_Delete(root);
    if (text == NULL) {
        fprintf(stderr, "cbench stats: out of memory\n");
        return 2;
    }
    fwrite(text, 1, len, stdout);
    free(text);
    return 0;
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
        int r = read_numbers(&d[i], o.column);
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
        rc = print_json(&o, d, o.n_files, t, df);
    } else if (rc < 0) {
        for (size_t i = 0; i < o.n_files; i++) {
            print_dataset(&o, &d[i]);
            printf("\n");
        }
        if (o.n_files == 2)
            print_comparison(&d[0], &d[1], t, df);
        rc = 0;
    }
    for (size_t i = 0; i < o.n_files; i++)
        dataset_free(&d[i]);
    return rc;
}
