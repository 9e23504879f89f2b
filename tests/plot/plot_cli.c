/* SPDX-License-Identifier: MIT
 *
 * plot_cli.c - `cbench plot` end to end: synthetic runs saved as baselines
 * (lib/store), then the tool ($CBENCH_TOOL) redraws the report from them
 * without running anything: history charts from the earlier names, change
 * charts and verdicts with --baseline, clear errors for a missing name.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "check.h"
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

int main(void)
{
    if (getenv("CBENCH_TOOL") == NULL || getenv("CBENCH_TOOL")[0] == '\0') {
        fprintf(stderr, "SKIP: CBENCH_TOOL not set\n");
        return 77;
    }
    char *dir = tu_tmpdir("cli"), args[4096];
    save(dir, "old", synth_points_run("2026-11-20T09:12:00Z", 1.04, 1.15, 11));
    save(dir, "main", synth_points_run("2026-11-24T18:05:00Z", 1, 1.12, 13));
    save(dir, "new", synth_points_run("2026-11-25T12:30:00Z", 1, 1, 14));

    /* History given out of order: sorted by date; --baseline recompares. */
    snprintf(args, sizeof args, "--baseline-dir '%s' --charts=never --baseline main main old new",
             dir);
    CHECK_INT_EQ(run_tool(args), 0);
    char *report = tu_path(dir, "report");
    CHECK(tu_contains(report, "index.html", "points/soa_simd/4194304"));
    CHECK(tu_contains(report, "index.html", "v-improved"));      /* SoA got 12 % faster */
    CHECK(tu_contains(report, "index.html", "2 saved runs"));
    CHECK_INT_EQ(tu_count(report), 1);                           /* never: no charts */

    char path[4096];
    if (getenv("CBENCH_HAVE_GNUPLOT") && strcmp(getenv("CBENCH_HAVE_GNUPLOT"), "1") == 0) {
        char *out = tu_path(dir, "out");
        snprintf(args, sizeof args, "--baseline-dir '%s' --report-dir '%s' --charts=always "
                 "--baseline main old main new", dir, out);
        CHECK_INT_EQ(run_tool(args), 0);
        CHECK(tu_contains(out, "charts/points_aos_1024-history.svg", "2026-11-20 09:12"));
        CHECK(tu_contains(out, "charts/points_aos_1024-change.svg", "Distribution of the estimate (t, "));
        CHECK(tu_contains(out, "charts/group-points-lines.svg", "soa (base)"));
        CHECK(tu_contains(out, "index.html", "charts/hash_xxh64-both.svg"));
        /* a path instead of a name; report next to it by default */
        snprintf(path, sizeof path, "'%s/new.json'", dir);
        CHECK_INT_EQ(run_tool(path), 0);
        CHECK(tu_contains(report, "index.html", "charts/points_aos_1024-pdf.svg"));
        free(out);
    }
    snprintf(args, sizeof args, "--baseline-dir '%s' nosuch 2>/dev/null", dir);
    CHECK_INT_EQ(run_tool(args), 2);
    snprintf(args, sizeof args, "--baseline-dir '%s' --charts=sometimes new 2>/dev/null", dir);
    CHECK_INT_EQ(run_tool(args), 2);
    free(report);
    tu_rmtree(dir);
    free(dir);
    return check_result();
}
