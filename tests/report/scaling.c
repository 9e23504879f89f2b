/* SPDX-License-Identifier: MIT
 *
 * scaling.c - what the console and the HTML report say about the sweeps
 * of tests/scaling_fixture.h's run: the end-of-run summary names each
 * sweep's complexity and its knee with the factor, the sizes, the
 * footprint and the cache level; the sentences of a knee whose level is
 * only the nearest one, or whose footprint is unknown; a family with two
 * axes, one sweep per value of the second; the HTML escapes
 * names; a run without sweeps has no summary.
 */
#include "scaling_fixture.h"
#include "report/html.h"
#include "report/scaling.h"

#include <unistd.h>

static void test_summary(void)
{
    cbench_run *run = scaling_fixture_run();
    char *text = cbench_report_scaling_summary(run, NULL);
    CHECK(text != NULL);
    if (getenv("SCALING_VERBOSE") && text)
        printf("%s\n", text);
    const char *want[] = {
        "how the swept benchmarks scale",
        "\n  g/step: O(n) between its knees (O(n log n) across them), 99",
        " ps × n (RMS 0.", "%) over 8 sizes\n",
        "\n    cost per element ×2 [", "] between 8 Ki and 16 Ki elements "
        "(8 B/element: 64-128 KiB; L2 = 96 KiB)",
        "\n  g/quad: O(n^2), 0.99", " ps × n^2 (RMS ", "%) over 4 sizes; no knee",
        "\n  h/step: O(n), ", "over 4 sizes; no knee",
    };
    for (size_t i = 0; text && i < sizeof want / sizeof want[0]; i++)
        if (strstr(text, want[i]) == NULL) {
            fprintf(stderr, "summary lacks \"%s\"\n", want[i]);
            check_failures++;
        }
    CHECK(text == NULL || strstr(text, "g/few") == NULL);
    free(text);
    /* Nothing swept (one size left): no summary at all. */
    size_t n = run->n_results;
    run->n_results = 1;
    CHECK(cbench_report_scaling_summary(run, NULL) == NULL);
    run->n_results = n;                /* so every result is freed */
    cbench__run_free(run);
}

/* A family with two axes: one line per value of its second axis, named
 * by it, each with its own fit and knee, in the summary and the report. */
static void test_combinations(void)
{
    cbench_run *run = scaling_fixture_axes_run();
    char *text = cbench_report_scaling_summary(run, NULL);
    CHECK(text != NULL);
    if (getenv("SCALING_VERBOSE") && text)
        printf("%s\n", text);
    const char *want[] = {
        "\n  stride/rmw [stride=1]: O(n), ", " ps × n (RMS ", "%) over 8 sizes; no knee\n",
        "\n  stride/rmw [stride=16]: O(n) between its knees", "%) over 8 sizes\n",
        "\n    cost per element ×3", " [", "] between 8 Ki and 16 Ki elements "
        "(4 B/element: 32-64 KiB; L1d = 48 KiB)",
    };
    for (size_t i = 0; text && i < sizeof want / sizeof want[0]; i++)
        if (strstr(text, want[i]) == NULL) {
            fprintf(stderr, "summary lacks \"%s\"\n", want[i]);
            check_failures++;
        }
    CHECK(text == NULL || strstr(text, "stride/rmw:") == NULL);
    CHECK(text == NULL || strstr(text, "[stride=1]") < strstr(text, "[stride=16]"));
    free(text);
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    cbench_html_scaling(f, &s, "stride");
    fclose(f);
    CHECK(strstr(page, "<p class=scaling><b>rmw [stride=1]</b>: O(n), ") != NULL);
    CHECK(strstr(page, "<p class=scaling><b>rmw [stride=16]</b>: O(n) between its knees") != NULL);
    free(page);
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

static void test_knee_sentences(void)
{
    cbench_scaling s = {0};
    cbench_scalings all = {0};
    all.caches[0] = (cbench_knee_cache){"L2", 1048576};
    all.caches[1] = (cbench_knee_cache){"L3", 31457280};
    all.n_caches = 2;
    s.bytes_per_element = 24;
    cbench_knee k = {1, 2, 1398080, 1977216, {2.9, 2.6, 3.2, 0.1, 0.95},
                     1398080.0 * 24, 1977216.0 * 24, 1, 1};
    char buf[300];
    CHECK_STR_EQ(cbench_report_fmt_knee(buf, sizeof buf, &k, &s, &all),
                 "cost per element ×2.9 [2.6, 3.2] between 1.3 Mi and 1.9 Mi elements "
                 "(24 B/element: 32-45 MiB; nearest: L3 = 30 MiB)");
    k.n_lo = 24576;                              /* across units */
    k.bytes_lo = 24576.0 * 24;
    k.cache = -1;
    CHECK_STR_EQ(cbench_report_fmt_knee(buf, sizeof buf, &k, &s, &all),
                 "cost per element ×2.9 [2.6, 3.2] between 24 Ki and 1.9 Mi elements "
                 "(24 B/element: 576 KiB-45 MiB)");
    k.n_lo = 512;
    k.bytes_lo = k.bytes_hi = NAN;               /* no bytes per element */
    CHECK_STR_EQ(cbench_report_fmt_knee(buf, sizeof buf, &k, &s, &all),
                 "cost per element ×2.9 [2.6, 3.2] between 512 and 1.9 Mi elements");
    s.complexity_rc = CBENCH_EDOMAIN;
    CHECK_STR_EQ(cbench_report_fmt_complexity(buf, sizeof buf, &s), "");
}

static void test_html(void)
{
    cbench_run *run = scaling_fixture_run();
    free(run->results[0].name);
    run->results[0].name = strdup("<b>&");        /* the sweep's first result names it */
    for (size_t i = 1; i < 8; i++) {
        free(run->results[i].name);
        run->results[i].name = strdup("<b>&");
    }
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    cbench_html_scaling(f, &s, "g");
    fclose(f);
    CHECK(strstr(page, "<p class=scaling><b>&lt;b&gt;&amp;</b>: O(n) between its knees"
                       " (O(n log n) across them), ") != NULL);
    CHECK(strstr(page, "<br>cost per element ×2 [") != NULL);
    CHECK(strstr(page, "<b>quad</b>") != NULL);
    CHECK(strstr(page, "step</b>") == NULL);     /* h/step is another group's */
    free(page);
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

/* The report's page shows the paragraph under its group's heading. */
static void test_report_page(void)
{
    cbench_run *run = scaling_fixture_run();
    char dir[] = "/tmp/cbench-scaling-XXXXXX", path[64], err[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/index.html", dir);
    cbench_html_section sec = {.name = "fixture", .run = run};
    cbench_html_input in = {&sec, 1};
    CHECK_INT_EQ(cbench_report_html_write(path, &in, err, sizeof err), 0);
    FILE *f = fopen(path, "r");
    char page[1 << 16] = "";
    size_t len = f ? fread(page, 1, sizeof page - 1, f) : 0;
    page[len] = '\0';
    if (f)
        fclose(f);
    const char *g = strstr(page, "<h3>g</h3>"), *p = strstr(page, "<p class=scaling><b>step</b>");
    CHECK(g != NULL && p != NULL && g < p);
    CHECK(strstr(page, "between 8 Ki and 16 Ki elements (8 B/element: 64-128 KiB; L2 = 96 KiB)"));
    remove(path);
    rmdir(dir);
    cbench__run_free(run);
}

int main(void)
{
    test_summary();
    test_combinations();
    test_knee_sentences();
    test_html();
    test_report_page();
    return check_result();
}
