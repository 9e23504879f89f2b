/* SPDX-License-Identifier: MIT
 *
 * plot_sections.c - one report for one run: every executable of a run
 * adds its section to index.html and draws only its own charts; a section
 * of an earlier run is removed before a new run's page is written, so it
 * is never shown as today's; the page says when and by what each section
 * was measured, in that order; the same executable again replaces its
 * section. Charts are checked when gnuplot is installed (else the rest
 * runs with --charts=never).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "plot/gnuplot.h"
#include "plot/plot.h"
#include "synth.h"
#include "testutil.h"

static int have_gnuplot;

static int write_section(const char *dir, const char *run_id, const char *name,
                         const cbench_run *run)
{
    cbench_plot_opts o = {.dir = dir, .mode = have_gnuplot ? CBENCH_CHARTS_ALWAYS
                                                           : CBENCH_CHARTS_NEVER,
                          .notice = stderr};
    char source[64], err[2048] = "";
    snprintf(source, sizeof source, "build/benches/%s", name);
    cbench_plot_section s = {run_id, name, source, NULL};
    int rc = cbench_plot_report(&o, &s, run, NULL, NULL, 0, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "cbench_plot_report: %s\n", err);
    return rc;
}

/* How many times needle occurs in dir/name. */
static int occurrences(const char *dir, const char *name, const char *needle)
{
    char *s = tu_slurp(dir, name);
    int n = 0;
    for (const char *p = s; p != NULL && (p = strstr(p, needle)) != NULL; p++)
        n++;
    free(s);
    return n;
}

/* Whether dir holds a file whose name starts with prefix. */
static int has_prefixed(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d != NULL && (e = readdir(d)) != NULL)
        found |= strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d != NULL)
        closedir(d);
    return found;
}

static int same_file_state(const struct stat *a, const struct stat *b)
{
    return a->st_ino == b->st_ino && a->st_mtim.tv_sec == b->st_mtim.tv_sec
           && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void test_one_run(void)
{
    char *dir = tu_tmpdir("sections");
    cbench_run *engine = synth_points_run("2026-12-03T10:00:00Z", 1, 1, 1);
    cbench_run *points = synth_points_run("2026-12-03T10:05:00Z", 2, 1, 2);
    CHECK_INT_EQ(write_section(dir, "meson-1-100", "engine", engine), 0);
    struct stat before, after;
    const char *chart = "sections/engine/charts/points_aos_1024-pdf.svg";
    char *chart_path = tu_path(dir, chart);
    CHECK(!have_gnuplot || stat(chart_path, &before) == 0);
    CHECK_INT_EQ(write_section(dir, "meson-1-100", "points", points), 0);
    /* Both sections on one page, in the order measured, each dated. */
    CHECK(tu_contains(dir, "index.html", "in 2 sections"));
    CHECK(tu_contains(dir, "index.html", "measured 2026-12-03 10:00 UTC by <code>build/benches/"
                      "engine</code>"));
    CHECK(tu_contains(dir, "index.html", "measured 2026-12-03 10:05 UTC by <code>build/benches/"
                      "points</code>"));
    char *html = tu_slurp(dir, "index.html");
    char *e = html ? strstr(html, "<h2>engine</h2>") : NULL, *p = html ? strstr(html, "<h2>points</h2>") : NULL;
    CHECK(e != NULL && p != NULL && e < p);
    free(html);
    if (have_gnuplot) {
        /* Each section's charts in its own directory; the second did not
         * redraw the first's. */
        CHECK(stat(chart_path, &after) == 0 && same_file_state(&before, &after));
        CHECK(tu_has(dir, "sections/points/charts/points_aos_1024-pdf.svg"));
        CHECK(tu_contains(dir, "index.html", "src=\"sections/engine/charts/points_aos_1024-pdf.svg\""));
        CHECK(tu_contains(dir, "index.html", "src=\"sections/points/charts/points_aos_1024-pdf.svg\""));
    }
    /* The same executable again in the same run replaces its section. */
    cbench_run *again = synth_points_run("2026-12-03T10:09:00Z", 1, 1, 3);
    CHECK_INT_EQ(write_section(dir, "meson-1-100", "engine", again), 0);
    CHECK_INT_EQ(occurrences(dir, "index.html", "<h2>engine</h2>"), 1);
    CHECK(tu_contains(dir, "index.html", "10:09 UTC"));
    CHECK_INT_EQ(occurrences(dir, "index.html", "10:00 UTC"), 0);
    CHECK(!has_prefixed(dir, ".index.html"));           /* no temporary file left */

    /* A new run: the earlier run's sections and charts are gone. */
    cbench_run *next = synth_points_run("2026-12-04T08:00:00Z", 1, 1, 4);
    char *bad = tu_path(dir, "sections/garbage.json");  /* unreadable: removed too */
    FILE *f = fopen(bad, "w");
    fputs("{not json", f);
    fclose(f);
    CHECK_INT_EQ(write_section(dir, "pid-77-500", "slowdown", next), 0);
    CHECK(tu_contains(dir, "index.html", "in 1 section"));
    CHECK(tu_contains(dir, "index.html", "<h2>slowdown</h2>"));
    CHECK_INT_EQ(occurrences(dir, "index.html", "<h2>engine</h2>"), 0);
    CHECK_INT_EQ(occurrences(dir, "index.html", "2026-12-03"), 0);
    CHECK(!tu_has(dir, "sections/engine.json") && !tu_has(dir, "sections/points.json"));
    CHECK(!tu_has(dir, "sections/engine") && !tu_has(dir, "sections/points"));
    CHECK(!tu_has(dir, "sections/garbage.json"));
    free(bad);
    free(chart_path);
    cbench__run_free(engine);
    cbench__run_free(points);
    cbench__run_free(again);
    cbench__run_free(next);
    tu_rmtree(dir);
    free(dir);
}

/* Charts an older cbench drew straight into REPORT/charts/ are removed
 * (only files named like charts). */
static void test_old_layout(void)
{
    char *dir = tu_tmpdir("oldlayout");
    char *charts = tu_path(dir, "charts");
    mkdir(charts, 0755);
    char *old = tu_path(charts, "points_aos_1024-pdf.svg"), *mine = tu_path(charts, "notes.txt");
    FILE *f = fopen(old, "w");
    fclose(f);
    f = fopen(mine, "w");
    fclose(f);
    cbench_run *run = synth_points_run("2026-12-03T10:00:00Z", 1, 1, 1);
    CHECK_INT_EQ(write_section(dir, "r", "engine", run), 0);
    CHECK(!tu_exists(old) && tu_exists(mine));
    cbench__run_free(run);
    free(old);
    free(mine);
    free(charts);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    char path[4096];
    have_gnuplot = cbench_plot_gp_find(NULL, path, sizeof path) == 0;
    if (!have_gnuplot)
        fprintf(stderr, "note: gnuplot not found; sections checked without charts\n");
    test_one_run();
    test_old_layout();
    return check_result();
}
