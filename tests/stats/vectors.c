/* SPDX-License-Identifier: MIT
 *
 * vectors.c - every case of ../shared/testdata/stats_vectors.json (found
 * through $CBENCH_TESTDATA), checked against the library: univariate
 * statistics, percentiles, Tukey fences and classes, the slope through the
 * origin with R^2, and Welch's t. Relative tolerance 1e-9 (1e-6 for
 * large_offset_small_spread); and Welch's df and p against SciPy's
 * (tests/stats/welch_reference.json, its path the first argument). A null
 * expectation means "undefined": the
 * library must answer CBENCH_EDOMAIN and NaN, not a number.
 */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "check.h"
#include "testfile.h"
#include "stats/outliers.h"

static int n_checked;


/* A JSON array of numbers as a malloc'd double array. */
static double *numbers(const cJSON *arr, size_t *n)
{
    *n = (size_t)cJSON_GetArraySize(arr);
    double *v = malloc((*n ? *n : 1) * sizeof *v);
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
        v[i++] = e->valuedouble;
    return v;
}

/* Checks one statistic: (rc, got) against the JSON expectation. */
static void expect(const char *cs, const char *what, int rc, double got,
                   const cJSON *want, double rel)
{
    n_checked++;
    if (want == NULL) {
        fprintf(stderr, "%s/%s: expectation missing from the test data\n", cs, what);
        check_failures++;
        return;
    }
    if (cJSON_IsNull(want)) {
        if (rc != CBENCH_EDOMAIN || !isnan(got)) {
            fprintf(stderr, "%s/%s: expected undefined, got rc=%d value=%.17g\n",
                    cs, what, rc, got);
            check_failures++;
        }
        return;
    }
    double w = want->valuedouble;
    if (rc != 0 || !(got == w || fabs(got - w) <= rel * fmax(fabs(got), fabs(w)))) {
        fprintf(stderr, "%s/%s: expected %.17g, got %.17g (rc=%d, rel %g)\n",
                cs, what, w, got, rc, rel);
        check_failures++;
    }
}

static void check_outliers(const char *cs, const double *x, size_t n,
                           const cJSON *ex, double rel)
{
    static const char *fence_names[] = {"low_severe", "low_mild", "high_mild",
                                        "high_severe"};
    cbench_outliers o;
    int rc = cbench_outliers_classify(x, n, &o);
    const cJSON *fe = cJSON_GetObjectItem(ex, "fences");
    const cJSON *oc = cJSON_GetObjectItem(ex, "outliers");
    char what[64];
    for (int i = 0; i < 4; i++) {
        snprintf(what, sizeof what, "fence %s", fence_names[i]);
        expect(cs, what, rc, o.fences[i], cJSON_GetObjectItem(fe, fence_names[i]), rel);
    }
    unsigned got[5] = {o.low_severe, o.low_mild, o.normal, o.high_mild, o.high_severe};
    const char *names[5] = {"low_severe", "low_mild", "normal", "high_mild", "high_severe"};
    for (int i = 0; i < 5; i++) {
        snprintf(what, sizeof what, "outliers %s", names[i]);
        expect(cs, what, rc, got[i], cJSON_GetObjectItem(oc, names[i]), 0);
    }
}

static void check_univariate(const cJSON *c)
{
    const char *cs = cJSON_GetObjectItem(c, "name")->valuestring;
    const cJSON *ex = cJSON_GetObjectItem(c, "expect");
    double rel = strcmp(cs, "large_offset_small_spread") == 0 ? 1e-6 : 1e-9;
    size_t n;
    double *x = numbers(cJSON_GetObjectItem(c, "data"), &n);
    double v, lo, hi;
    expect(cs, "n", 0, (double)n, cJSON_GetObjectItem(ex, "n"), 0);
    int rc = cbench_stats_mean(x, n, &v);
    expect(cs, "mean", rc, v, cJSON_GetObjectItem(ex, "mean"), rel);
    rc = cbench_stats_stddev(x, n, &v);
    expect(cs, "std_dev", rc, v, cJSON_GetObjectItem(ex, "std_dev"), rel);
    rc = cbench_stats_median(x, n, &v);
    expect(cs, "median", rc, v, cJSON_GetObjectItem(ex, "median"), rel);
    rc = cbench_stats_mad(x, n, &v);
    expect(cs, "mad", rc, v, cJSON_GetObjectItem(ex, "mad"), rel);
    rc = cbench_stats_minmax(x, n, &lo, &hi);
    expect(cs, "min", rc, lo, cJSON_GetObjectItem(ex, "min"), rel);
    expect(cs, "max", rc, hi, cJSON_GetObjectItem(ex, "max"), rel);
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(ex, "percentiles")) {
        char what[32];
        snprintf(what, sizeof what, "percentile %s", p->string);
        rc = cbench_stats_percentile(x, n, strtod(p->string, NULL), &v);
        expect(cs, what, rc, v, p, rel);
    }
    check_outliers(cs, x, n, ex, rel);
    free(x);
}

static void check_bivariate(const cJSON *c)
{
    const char *cs = cJSON_GetObjectItem(c, "name")->valuestring;
    const cJSON *ex = cJSON_GetObjectItem(c, "expect");
    size_t n, m;
    double *x = numbers(cJSON_GetObjectItem(c, "iters"), &n);
    double *y = numbers(cJSON_GetObjectItem(c, "times"), &m);
    CHECK_INT_EQ(n, m);
    double slope, r2;
    int rc = cbench_stats_ols_slope(x, y, n, &slope, &r2);
    expect(cs, "slope", rc, slope, cJSON_GetObjectItem(ex, "slope"), 1e-9);
    expect(cs, "r_squared", rc, r2, cJSON_GetObjectItem(ex, "r_squared"), 1e-9);
    free(x);
    free(y);
}

/* Welch's t of a two-sample case (a, b in c, or in the shared case that
 * c names), with its df and p when the case expects them. */
static void check_two_sample(const cJSON *c, const cJSON *shared)
{
    const char *cs = cJSON_GetObjectItem(c, "name")->valuestring;
    const cJSON *from = c, *name = cJSON_GetObjectItem(c, "shared"), *s;
    cJSON_ArrayForEach(s, shared)
        if (name != NULL && strcmp(cJSON_GetObjectItem(s, "name")->valuestring,
                                   name->valuestring) == 0)
            from = s;
    if (name != NULL && from == c) {
        fprintf(stderr, "%s: shared case '%s' not found\n", cs, name->valuestring);
        check_failures++;
        return;
    }
    size_t na, nb;
    double *a = numbers(cJSON_GetObjectItem(from, "a"), &na);
    double *b = numbers(cJSON_GetObjectItem(from, "b"), &nb);
    double t, df, p;
    int rc = cbench_stats_welch(a, na, b, nb, &t, &df, &p);
    const cJSON *ex = cJSON_GetObjectItem(c, "expect");
    expect(cs, "t", rc, t, cJSON_GetObjectItem(ex, "t"), 1e-9);
    if (cJSON_GetObjectItem(ex, "df"))
        expect(cs, "df", rc, df, cJSON_GetObjectItem(ex, "df"), 1e-9);
    if (cJSON_GetObjectItem(ex, "p"))
        expect(cs, "p", rc, p, cJSON_GetObjectItem(ex, "p"), 1e-9);
    free(a);
    free(b);
}

/* tests/stats/welch_reference.json (SciPy's df and p): returns its cases. */
static size_t check_welch_reference(const char *path, const cJSON *shared)
{
    char *text = test_read_file(path);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    if (root == NULL) {
        fprintf(stderr, "%s: cannot read or parse\n", path);
        check_failures++;
        return 0;
    }
    size_t n = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "cases")) {
        check_two_sample(c, shared);
        n++;
    }
    cJSON_Delete(root);
    return n;
}

int main(int argc, char **argv)
{
    const char *dir = getenv("CBENCH_TESTDATA");
    if (dir == NULL) {
        fprintf(stderr, "CBENCH_TESTDATA is not set (run through meson test)\n");
        return 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/stats_vectors.json", dir);
    char *text = test_read_file(path);
    if (text == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (root == NULL) {
        fprintf(stderr, "%s: malformed JSON\n", path);
        return 1;
    }
    size_t cases[3] = {0, 0, 0};
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "univariate")) {
        check_univariate(c);
        cases[0]++;
    }
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "bivariate")) {
        check_bivariate(c);
        cases[1]++;
    }
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "two_sample")) {
        check_two_sample(c, NULL);
        cases[2]++;
    }
    size_t welch = argc > 1 ? check_welch_reference(argv[1], cJSON_GetObjectItem(root, "two_sample"))
                            : 0;
    /* The files must not silently shrink to nothing. */
    CHECK(cases[0] >= 10 && cases[1] >= 3 && cases[2] >= 2);
    CHECK(welch >= 6);
    printf("checked %d values in %zu univariate, %zu bivariate, %zu + %zu two-sample cases\n",
           n_checked, cases[0], cases[1], cases[2], welch);
    cJSON_Delete(root);
    return check_result();
}
