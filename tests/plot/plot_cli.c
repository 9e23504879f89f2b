/* SPDX-License-Identifier: MIT
 *
 * plot_cli.c - `cbench plot` end to end: synthetic runs saved as baselines
 * (lib/store), then the tool ($CBENCH_TOOL) writes the report from them
 * without running anything. Two tests:
 *   test-plot_cli pages    the page: one section per name, verdicts with
 *                          --baseline, history from the other baselines, a
 *                          baseline file's path instead of a name, clear
 *                          errors for a missing name or a bad flag (needs
 *                          no gnuplot: --charts=never)
 *   test-plot_cli charts   the charts --charts=always draws: history,
 *                          change, sweep with the base; exits 77 (skip)
 *                          when gnuplot is not on PATH, where the tool
 *                          looks for it
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "check.h"
#include "plot/gnuplot.h"
#include "store/store.h"
#include "synth.h"
#include "testutil.h"

static int run_tool(const char *args)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' plot %s", getenv("CBENCH_TOOL"), args);
    int rc = system(cmd);
    return rc == -1 ? -1 : WEXITSTATUS(rc);
}

static void save(const char *dir, const char *name, cbench_run *run)
{
    char err[1024] = "";
    int rc = cbench_store_save(dir, name, run, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "save %s: %s\n", name, err);
    CHECK_INT_EQ(rc, 0);
    cbench__run_free(run);
}

/* Three baselines in a new directory: old, main and new (SoA 12 % faster
 * than main). */
static char *baselines(void)
{
    char *dir = tu_tmpdir("cli");
    save(dir, "old", synth_points_run("2026-11-20T09:12:00Z", 1.04, 1.15, 11));
    save(dir, "main", synth_points_run("2026-11-24T18:05:00Z", 1, 1.12, 13));
    save(dir, "new", synth_points_run("2026-11-25T12:30:00Z", 1, 1, 14));
    return dir;
}

static void test_pages(const char *dir)
{
    char args[4096];
    /* One section per NAME; --baseline recompares; the history charts come
     * from the other baselines in the directory, as in a run. */
    snprintf(args, sizeof args, "--baseline-dir '%s' --charts=never --baseline main new", dir);
    CHECK_INT_EQ(run_tool(args), 0);
    char *report = tu_path(dir, "report");
    CHECK(tu_contains(report, "index.html", "soa_simd/4194304"));
    CHECK(tu_contains(report, "index.html", "class=\"v v-improved\""));  /* SoA got 12 % faster */
    CHECK(tu_contains(report, "index.html", "2 saved runs"));    /* old and main */
    CHECK(tu_contains(report, "index.html", "compared with baseline 'main'"));
    CHECK(tu_has(report, "sections/new.json"));
    CHECK(!tu_has(report, "sections/new/charts"));               /* never: no charts */

    /* Two baselines: two sections, each saying when it was measured; the
     * section of the earlier `cbench plot` is gone. */
    snprintf(args, sizeof args, "--baseline-dir '%s' --charts=never old main", dir);
    CHECK_INT_EQ(run_tool(args), 0);
    CHECK(tu_contains(report, "index.html", "in 2 sections"));
    CHECK(tu_contains(report, "index.html", "measured 2026-11-20 09:12 UTC by <code>baseline "
                      "&#39;old&#39;</code>"));
    CHECK(tu_contains(report, "index.html", "measured 2026-11-24 18:05 UTC"));
    CHECK(!tu_has(report, "sections/new.json"));
    char *html = tu_slurp(report, "index.html");
    CHECK(html != NULL && strstr(html, "class=\"v v-improved\"") == NULL);  /* nothing compared now */
    CHECK(html != NULL && strstr(html, "compared with") == NULL);
    free(html);

    /* A path instead of a name; the report goes next to it by default. */
    snprintf(args, sizeof args, "--charts=never '%s/new.json'", dir);
    CHECK_INT_EQ(run_tool(args), 0);
    CHECK(tu_contains(report, "index.html", "baseline file"));
    CHECK(tu_contains(report, "index.html", "soa_simd/4194304"));

    snprintf(args, sizeof args, "--baseline-dir '%s' nosuch 2>/dev/null", dir);
    CHECK_INT_EQ(run_tool(args), 2);
    snprintf(args, sizeof args, "--baseline-dir '%s' --charts=sometimes new 2>/dev/null", dir);
    CHECK_INT_EQ(run_tool(args), 2);
    free(report);
}

static void test_charts(const char *dir)
{
    char args[4096];
    char *out = tu_path(dir, "out"), *report = tu_path(dir, "report");
    snprintf(args, sizeof args, "--baseline-dir '%s' --report-dir '%s' --charts=always "
             "--baseline main new", dir, out);
    CHECK_INT_EQ(run_tool(args), 0);
    CHECK(tu_contains(out, "sections/new/charts/points_aos_1024-history.svg",
                      "2026-11-20 09:12"));
    CHECK(tu_contains(out, "sections/new/charts/points_aos_1024-change.svg",
                      "Distribution of the estimate (t, "));
    CHECK(tu_contains(out, "sections/new/charts/group-points-lines.svg", "soa (base)"));
    CHECK(tu_contains(out, "index.html", "sections/new/charts/hash_xxh64-both.svg"));
    /* a path instead of a name: its charts too (auto finds gnuplot) */
    snprintf(args, sizeof args, "'%s/new.json'", dir);
    CHECK_INT_EQ(run_tool(args), 0);
    CHECK(tu_contains(report, "index.html", "sections/new/charts/points_aos_1024-pdf.svg"));
    CHECK(tu_has(report, "sections/new/charts/points_aos_1024-pdf.svg"));
    free(report);
    free(out);
}

int main(int argc, char **argv)
{
    int charts = argc == 2 && strcmp(argv[1], "charts") == 0;
    if (argc != 2 || (!charts && strcmp(argv[1], "pages") != 0)) {
        fprintf(stderr, "usage: %s pages|charts\n", argv[0]);
        return 2;
    }
    if (getenv("CBENCH_TOOL") == NULL || getenv("CBENCH_TOOL")[0] == '\0') {
        fprintf(stderr, "SKIP: CBENCH_TOOL not set\n");
        return 77;
    }
    char path[4096];
    if (charts && cbench_plot_gp_find(NULL, path, sizeof path) != 0) {
        fprintf(stderr, "SKIP: gnuplot not found on PATH: the chart checks cannot run (the "
                "page checks are test plot_cli)\n");
        return 77;
    }
    char *dir = baselines();
    if (charts)
        test_charts(dir);
    else
        test_pages(dir);
    tu_rmtree(dir);
    free(dir);
    return check_result();
}
