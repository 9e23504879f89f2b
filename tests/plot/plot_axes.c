/* SPDX-License-Identifier: MIT
 *
 * plot_axes.c - the charts of a benchmark with several parameters (named
 * axes, measure/axes.h), drawn with gnuplot (skipped, exit 77, when
 * gnuplot is not on PATH): a family with two axes gets one chart per
 * axis, x its values, one line per value of the other axis, y the time
 * per element of its element throughput, each listed in the report with
 * a caption naming the axis, the knees of each line's sweep shaded along
 * the first axis (the size); with three axes a line is a combination of
 * the other two, and a thread count names a line of its own; hostile
 * axis names are escaped; a sweep over one plain parameter keeps its
 * charts as they were, and no sweep chart mixes a family's combinations
 * along its first axis.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plot/draw.h"
#include "plot/gnuplot.h"
#include "plot/plot.h"
#include "synth.h"
#include "testutil.h"

#define HAS(file, text) CHECK(tu_contains(dir, TU_CHARTS "/" file, text))
#define LACKS(file, text) CHECK(count_in(dir, TU_CHARTS "/" file, text) == 0)

static int draw(const char *dir, const cbench_run *run)
{
    cbench_plot_opts o = {.dir = dir, .mode = CBENCH_CHARTS_ALWAYS, .notice = stderr};
    cbench_plot_section sec = {TU_RUN_ID, TU_SECTION, NULL, NULL};
    char err[2048] = "";
    int rc = cbench_plot_report(&o, &sec, run, NULL, NULL, 0, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "cbench_plot_report: %s\n", err);
    return rc;
}

/* How often needle occurs in dir/name. */
static int count_in(const char *dir, const char *name, const char *needle)
{
    char *s = tu_slurp(dir, name);
    int n = 0;
    for (const char *p = s; p != NULL && (p = strstr(p, needle)) != NULL; p++)
        n++;
    free(s);
    return n;
}

static void test_two_axes(void)
{
    char *dir = tu_tmpdir("axes");
    cbench_run *run = synth_points_run("2026-11-25T12:31:00Z", 1.0, 1.0, 14);
    synth_axes_family(run, "walk", "floats", "stride", 31);
    CHECK_INT_EQ(draw(dir, run), 0);

    /* Along floats: one line per stride, none per floats value. */
    HAS("group-grid-axis1.svg", "<text>stride=1</text>");
    HAS("group-grid-axis1.svg", "<text>stride=4</text>");
    HAS("group-grid-axis1.svg", "<text>stride=16</text>");
    LACKS("group-grid-axis1.svg", "<text>floats=");
    CHECK_INT_EQ(count_in(dir, TU_CHARTS "/group-grid-axis1.svg", "<text>stride="), 3);
    HAS("group-grid-axis1.svg", "<text>grid/walk</text>");
    HAS("group-grid-axis1.svg", "time per element vs floats");
    HAS("group-grid-axis1.svg", "floats, log scale");   /* 1Ki to 4Mi */
    HAS("group-grid-axis1.svg", "<text>4Mi</text>");
    HAS("group-grid-axis1.svg", "Time per element");
    /* Each stride's sweep steps up x3 between 16 Ki and 256 Ki floats: the
     * knee is shaded along floats, the size, as on a sweep chart. */
    HAS("group-grid-axis1.svg", "<text>x3");
    LACKS("group-grid-axis2.svg", "<text>x");
    /* Along stride: one line per floats value. */
    CHECK_INT_EQ(count_in(dir, TU_CHARTS "/group-grid-axis2.svg", "<text>floats="), 4);
    HAS("group-grid-axis2.svg", "<text>floats=1024</text>");
    HAS("group-grid-axis2.svg", "<text>floats=4194304</text>");
    LACKS("group-grid-axis2.svg", "<text>stride=");
    HAS("group-grid-axis2.svg", "time per element vs stride");
    CHECK(!tu_has(dir, TU_CHARTS "/group-grid-axis3.svg"));
    /* The first axis is no "parameter" of a sweep chart. */
    CHECK(!tu_has(dir, TU_CHARTS "/group-grid-lines.svg"));
    CHECK(!tu_has(dir, TU_CHARTS "/group-grid-throughput.svg"));

    /* The report lists them with the group, captions naming the axis. */
    char *index = tu_slurp(dir, "index.html");
    CHECK(index != NULL && strstr(index, "sections/t/charts/group-grid-axis1.svg") != NULL);
    CHECK(index != NULL && strstr(index, "<figcaption>walk: time per element vs floats, one "
                                         "line per stride</figcaption>") != NULL);
    CHECK(index != NULL && strstr(index, "<figcaption>walk: time per element vs stride, one "
                                         "line per floats</figcaption>") != NULL);
    free(index);

    /* The plain sweep beside it keeps its charts and gets no axis chart. */
    HAS("group-points-lines.svg", "<text>soa_simd</text>");
    HAS("group-points-lines.svg", "Parameter, log scale");
    HAS("group-points-throughput.svg", "GB/s");
    CHECK(!tu_has(dir, TU_CHARTS "/group-points-axis1.svg"));
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* An axis spanning one octave or less is drawn on a linear scale; a
 * family without throughput is timed per iteration. */
static void test_linear_axis_and_per_iteration(void)
{
    char *dir = tu_tmpdir("axes-lin");
    cbench_run *run = cbench__run_new();
    synth_context(run, "2026-11-25T12:31:00Z", 7);
    synth_rng g = {7};
    static const long long ways[] = {2, 3, 4};
    for (size_t s = 0; s < 3; s++)
        for (long long b = 1; b <= 2; b++)
            synth_add_axes(run, "grid", "hop", "ways", ways[s], "batch", b,
                           100.0 * (double)ways[s] * (double)b, &g);
    CHECK_INT_EQ(draw(dir, run), 0);
    HAS("group-grid-axis1.svg", "time per iteration vs ways");
    LACKS("group-grid-axis1.svg", "log scale");           /* 2 to 4: one octave */
    HAS("group-grid-axis1.svg", "<text>batch=2</text>");
    HAS("group-grid-axis2.svg", "<text>ways=3</text>");
    char *index = tu_slurp(dir, "index.html");
    CHECK(index != NULL && strstr(index, "hop: time per iteration vs batch") != NULL);
    free(index);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* Three axes: a chart each, one line per combination of the other two;
 * a thread count is part of a line's name, never a point of another. */
static void test_three_axes_and_threads(void)
{
    char *dir = tu_tmpdir("axes-three");
    cbench_run *run = cbench__run_new();
    synth_context(run, "2026-11-25T12:31:00Z", 5);
    synth_rng g = {5};
    for (long long a = 1; a <= 4; a *= 4)
        for (long long b = 1; b <= 2; b++)
            for (long long c = 8; c <= 16; c += 8)
                for (unsigned th = 1; th <= 2; th++) {
                    cbench_result *r = synth_add_axes(run, "grid", "cube", "a", a, "b", b,
                                                      (double)(a * b * c) * 10 * th, &g);
                    char id[256];
                    snprintf(id, sizeof id, "grid/cube/a=%lld/b=%lld/c=%lld/threads=%u", a, b,
                             c, th);
                    free(r->id);
                    r->id = cbench__strdup(id);
                    free(r->param);
                    snprintf(id, sizeof id, "a=%lld/b=%lld/c=%lld", a, b, c);
                    r->param = cbench__strdup(id);
                    r->n_axes = 3;
                    snprintf(r->axes[2].name, sizeof r->axes[2].name, "c");
                    r->axes[2].value = c;
                    r->threads.count = th;
                }
    CHECK_INT_EQ(draw(dir, run), 0);
    /* along a: 2 x 2 combinations of b and c, at 2 thread counts each */
    CHECK_INT_EQ(count_in(dir, TU_CHARTS "/group-grid-axis1.svg", "<text>b="), 8);
    HAS("group-grid-axis1.svg", "<text>b=2/c=16 threads=2</text>");
    HAS("group-grid-axis1.svg", "<text>b=1/c=8 threads=1</text>");
    HAS("group-grid-axis2.svg", "<text>a=4/c=8 threads=2</text>");
    HAS("group-grid-axis3.svg", "<text>a=1/b=2 threads=1</text>");
    LACKS("group-grid-axis3.svg", "<text>c=");
    CHECK(!tu_has(dir, TU_CHARTS "/group-grid-axis4.svg"));
    char *index = tu_slurp(dir, "index.html");
    CHECK(index != NULL && strstr(index, "<figcaption>cube: time per iteration vs c, one line "
                                         "per combination of a, b</figcaption>") != NULL);
    free(index);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* Axis and benchmark names reach gnuplot and the page escaped. */
static void test_hostile_axis_names(void)
{
    char *dir = tu_tmpdir("axes-hostile");
    cbench_run *run = cbench__run_new();
    synth_context(run, "2026-11-25T12:31:00Z", 9);
    synth_axes_family(run, "q'x\"<i>", "$n `echo pwned`", "a'b<b>", 9);
    CHECK_INT_EQ(draw(dir, run), 0);
    /* gnuplot's SVG escapes '<' (quotes are plain text in an element) */
    HAS("group-grid-axis1.svg", "<text>a'b&lt;b>=4</text>");
    HAS("group-grid-axis1.svg", "<text>grid/q'x\"&lt;i></text>");
    HAS("group-grid-axis1.svg", "<text>$n `echo pwned`, log scale</text>");   /* literally */
    HAS("group-grid-axis2.svg", "<text>$n `echo pwned`=1024</text>");
    LACKS("group-grid-axis1.svg", "<i>");
    LACKS("group-grid-axis1.svg", "<b>");
    char *index = tu_slurp(dir, "index.html");
    CHECK(index != NULL && strstr(index, "a'b<b>") == NULL && strstr(index, "<i>") == NULL);
    CHECK(index != NULL && strstr(index, "<figcaption>q&#39;x&quot;&lt;i&gt;: time per element "
                                         "vs $n `echo pwned`, one line per a&#39;b&lt;b&gt;"
                                         "</figcaption>") != NULL);
    free(index);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* Axis charts (and thread-scaling ones) are charts cbench draws: a
 * directory is cleared of them. */
static void test_remove_axis_charts(void)
{
    char *dir = tu_tmpdir("axes-rm");
    static const char *const files[] = {"group-g-axis1.svg", "group-g-axis12.png",
                                        "group-g-axis.svg", "group-g-axisx.svg", "notes.txt",
                                        "group-g-threads.svg"};
    for (size_t i = 0; i < 6; i++) {
        char *p = tu_path(dir, files[i]);
        FILE *f = fopen(p, "w");
        CHECK(f != NULL);
        if (f != NULL)
            fclose(f);
        free(p);
    }
    cbench_plot_remove_charts(dir);
    CHECK(!tu_has(dir, "group-g-axis1.svg"));
    CHECK(!tu_has(dir, "group-g-axis12.png"));
    CHECK(tu_has(dir, "group-g-axis.svg"));        /* not a kind cbench draws */
    CHECK(tu_has(dir, "group-g-axisx.svg"));
    CHECK(tu_has(dir, "notes.txt"));
    CHECK(!tu_has(dir, "group-g-threads.svg"));
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    test_remove_axis_charts();
    char path[4096];
    if (cbench_plot_gp_find(NULL, path, sizeof path) != 0) {
        fprintf(stderr, "SKIP: gnuplot not found on PATH: the charts cannot be drawn\n");
        return check_result() != 0 ? 1 : 77;
    }
    test_two_axes();
    test_linear_axis_and_per_iteration();
    test_three_axes_and_threads();
    test_hostile_axis_names();
    return check_result();
}
