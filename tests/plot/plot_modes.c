/* SPDX-License-Identifier: MIT
 *
 * plot_modes.c - the charts modes without needing gnuplot: never draws
 * nothing; auto without gnuplot (missing path, or a PATH without it)
 * prints exactly one notice and still writes index.html; always without
 * gnuplot fails with a clear error; bad options are rejected.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plot/plot.h"
#include "synth.h"
#include "testutil.h"

typedef struct outcome {
    int rc;
    char err[1024];
    char *notice;                  /* everything printed to opts.notice */
} outcome;

static outcome report(const char *dir, cbench_charts_mode mode, const char *gnuplot,
                      const cbench_run *run)
{
    outcome out = {0, "", NULL};
    size_t len = 0;
    FILE *notice = open_memstream(&out.notice, &len);
    cbench_plot_opts o = {.dir = dir, .mode = mode, .gnuplot = gnuplot, .notice = notice};
    cbench_plot_section sec = {TU_RUN_ID, TU_SECTION, NULL, NULL};
    out.rc = cbench_plot_report(&o, &sec, run, NULL, NULL, 0, out.err, sizeof out.err);
    fclose(notice);
    return out;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static void test_never(const cbench_run *run)
{
    char *dir = tu_tmpdir("never");
    outcome o = report(dir, CBENCH_CHARTS_NEVER, NULL, run);
    CHECK_INT_EQ(o.rc, 0);
    CHECK_STR_EQ(o.notice, "");
    CHECK(tu_has(dir, "index.html"));
    CHECK(tu_has(dir, "sections/t.json"));              /* the section is kept */
    CHECK(!tu_has(dir, TU_CHARTS));                     /* no charts at all */
    char *html = tu_slurp(dir, "index.html");
    CHECK(html != NULL && strstr(html, "<img") == NULL && strstr(html, "points/aos/1024"));
    CHECK(html != NULL && strstr(html, "<th>Change</th>") == NULL);   /* nothing compared */
    free(html);
    free(o.notice);
    tu_rmtree(dir);
    free(dir);
}

static void check_skipped(const char *dir, const outcome *o)
{
    CHECK_INT_EQ(o->rc, 0);
    CHECK_INT_EQ(count_lines(o->notice), 1);
    CHECK(strstr(o->notice, "gnuplot not found") != NULL);
    CHECK(strstr(o->notice, "charts skipped") != NULL);
    CHECK(tu_contains(dir, "index.html", "Charts were skipped"));
    CHECK(tu_contains(dir, "index.html", "xxh64"));
    CHECK(!tu_has(dir, TU_CHARTS));
}

static void test_auto_missing(const cbench_run *run)
{
    char *dir = tu_tmpdir("auto");
    outcome o = report(dir, CBENCH_CHARTS_AUTO, "/nonexistent/bin/gnuplot", run);
    check_skipped(dir, &o);
    CHECK(strstr(o.notice, "/nonexistent/bin/gnuplot") != NULL);
    free(o.notice);
    tu_rmtree(dir);
    free(dir);

    /* gnuplot looked up on a PATH that lacks it */
    dir = tu_tmpdir("autopath");
    char *empty = tu_path(dir, "bin");
    mkdir(empty, 0755);
    char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("PATH", empty, 1);
    char *report_dir = tu_path(dir, "report");
    o = report(report_dir, CBENCH_CHARTS_AUTO, NULL, run);
    if (old != NULL)
        setenv("PATH", old, 1);
    check_skipped(report_dir, &o);
    free(o.notice);
    free(old);
    free(empty);
    free(report_dir);
    tu_rmtree(dir);
    free(dir);
}

static void test_always_missing(const cbench_run *run)
{
    char *dir = tu_tmpdir("always");
    outcome o = report(dir, CBENCH_CHARTS_ALWAYS, "/nonexistent/bin/gnuplot", run);
    CHECK_INT_EQ(o.rc, CBENCH_ENOTSUP);
    CHECK(strstr(o.err, "gnuplot not found") != NULL);
    CHECK(strstr(o.err, "/nonexistent/bin/gnuplot") != NULL);
    CHECK(strstr(o.err, "--charts=always") != NULL);
    CHECK_STR_EQ(o.notice, "");
    CHECK_INT_EQ(tu_count(dir), 0);                     /* nothing written */
    free(o.notice);
    tu_rmtree(dir);
    free(dir);
}

static void test_bad_options(const cbench_run *run)
{
    char err[256];
    cbench_plot_section sec = {TU_RUN_ID, TU_SECTION, NULL, NULL}, nameless = {TU_RUN_ID, "", NULL, NULL};
    CHECK_INT_EQ(cbench_plot_report(NULL, &sec, run, NULL, NULL, 0, err, sizeof err), CBENCH_EINVAL);
    cbench_plot_opts o = {.dir = NULL, .mode = CBENCH_CHARTS_NEVER};
    CHECK_INT_EQ(cbench_plot_report(&o, &sec, run, NULL, NULL, 0, err, sizeof err), CBENCH_EINVAL);
    CHECK(strstr(err, "directory") != NULL);
    o.dir = "/tmp/bad\ndir";
    CHECK_INT_EQ(cbench_plot_report(&o, &sec, run, NULL, NULL, 0, err, sizeof err), CBENCH_EINVAL);
    CHECK(strstr(err, "control character") != NULL);
    o.dir = "/tmp";
    CHECK_INT_EQ(cbench_plot_report(&o, &nameless, run, NULL, NULL, 0, err, sizeof err),
                 CBENCH_EINVAL);
    CHECK(strstr(err, "name") != NULL);
    CHECK_INT_EQ(cbench_plot_report(&o, NULL, run, NULL, NULL, 0, err, sizeof err), CBENCH_EINVAL);
    o.dir = "/proc/cbench-cannot-exist/report";
    CHECK_INT_EQ(cbench_plot_report(&o, &sec, run, NULL, NULL, 0, err, sizeof err), CBENCH_EIO);
    CHECK(strstr(err, "/proc/cbench-cannot-exist") != NULL);
    cbench_charts_mode m = CBENCH_CHARTS_NEVER;
    CHECK_INT_EQ(cbench_plot_parse_mode("always", &m), 0);
    CHECK_INT_EQ(m, CBENCH_CHARTS_ALWAYS);
    CHECK_INT_EQ(cbench_plot_parse_mode("auto", &m), 0);
    CHECK_INT_EQ(m, CBENCH_CHARTS_AUTO);
    CHECK_INT_EQ(cbench_plot_parse_mode("sometimes", &m), CBENCH_EINVAL);
}

int main(void)
{
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 5);
    test_never(run);
    test_auto_missing(run);
    test_always_missing(run);
    test_bad_options(run);
    cbench__run_free(run);
    return check_result();
}
