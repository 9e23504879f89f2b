/* SPDX-License-Identifier: MIT
 *
 * plot_report.c - draws real charts with gnuplot (skipped, exit 77, when
 * gnuplot is not installed): every chart kind is produced as well-formed
 * SVG (xmllint --noout when $XMLLINT is set) holding its series titles,
 * for a run without a baseline, with one and with history; hostile names
 * neither break the script nor inject into SVG/HTML or the file system;
 * PNG output; gnuplot failures are reported with gnuplot's own message.
 * Runs with CBENCH_GNUPLOT_WARNINGS=fatal (meson env), so a script that
 * makes gnuplot print any warning fails too.
 */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "plot/gnuplot.h"
#include "plot/plot.h"
#include "synth.h"
#include "testutil.h"

static int xml_checked;

/* tu_path into a static buffer (valid until the next call). */
static const char *tu_path_tmp(const char *dir, const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

/* Appends s to cmd as one single-quoted shell word. */
static void shell_quote(char *cmd, size_t n, const char *s)
{
    size_t k = strlen(cmd);
    cmd[k++] = '\'';
    for (; *s && k + 6 < n; s++) {
        if (*s == '\'') {
            memcpy(cmd + k, "'\\''", 4);
            k += 4;
        } else {
            cmd[k++] = *s;
        }
    }
    cmd[k++] = '\'';
    cmd[k] = '\0';
}

/* Every SVG in dir/charts is well-formed XML (when xmllint is known) and
 * no file name starts with '.'. Returns the number of chart files. */
static int check_chart_files(const char *dir, const char *ext)
{
    char *charts = tu_path(dir, TU_CHARTS);
    DIR *d = opendir(charts);
    int n = 0;
    CHECK(d != NULL);
    const char *xmllint = getenv("XMLLINT");
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n++;
        CHECK(e->d_name[0] != '.');
        const char *dot = strrchr(e->d_name, '.');
        CHECK(dot != NULL && strcmp(dot + 1, ext) == 0);
        if (strcmp(ext, "svg") == 0 && xmllint != NULL && *xmllint) {
            char cmd[8192] = "", *file = tu_path(charts, e->d_name);
            shell_quote(cmd, sizeof cmd, xmllint);
            strcat(cmd, " --noout ");
            shell_quote(cmd, sizeof cmd, file);
            free(file);
            int rc = system(cmd);
            if (rc != 0)
                fprintf(stderr, "not well-formed: %s/%s\n", charts, e->d_name);
            CHECK_INT_EQ(rc, 0);
            xml_checked++;
        }
    }
    if (d != NULL)
        closedir(d);
    free(charts);
    return n;
}

static int draw(const char *dir, const cbench_run *run, const cbench_run *base,
                const cbench_run *const *history, size_t n_history, int png)
{
    cbench_plot_opts o = {.dir = dir, .mode = CBENCH_CHARTS_ALWAYS, .png = png,
                          .notice = stderr};
    cbench_plot_section sec = {TU_RUN_ID, TU_SECTION, NULL, base ? "main" : NULL};
    char err[2048] = "";
    int rc = cbench_plot_report(&o, &sec, run, base, history, n_history, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "cbench_plot_report: %s\n", err);
    return rc;
}

#define HAS(file, text) CHECK(tu_contains(dir, TU_CHARTS "/" file, text))

/* The charts every run gets. */
static void check_basic_charts(const char *dir)
{
    HAS("points_aos_1024-pdf.svg", "<text>PDF</text>");
    HAS("points_aos_1024-pdf.svg", "<text>Mean</text>");
    HAS("points_aos_1024-pdf.svg", "<text>Median</text>");
    HAS("points_aos_1024-pdf.svg", "<text>Sample</text>");
    HAS("points_aos_1024-pdf.svg", "<text>Mild outlier</text>");
    HAS("points_aos_1024-pdf.svg", "<text>Severe outlier</text>");
    HAS("points_aos_1024-pdf.svg", "Time per iteration (µs)");
    HAS("hash_xxh64-pdf.svg", "Time per iteration (ns)");
    HAS("points_soa_4194304-regression.svg", "<text>Linear regression</text>");
    HAS("points_soa_4194304-regression.svg", "<text>Confidence interval</text>");
    HAS("points_soa_4194304-regression.svg", "Total sample time (ms)");
    HAS("group-points-violin.svg", "<text>soa_simd/262144</text>");
    HAS("group-points-violin.svg", "<text>aos/1024</text>");
    HAS("group-points-violin.svg", "log scale");
    HAS("group-hash-violin.svg", "<text>murmur3</text>");
    HAS("group-points-lines.svg", "<text>aos</text>");
    HAS("group-points-lines.svg", "<text>soa_simd</text>");
    HAS("group-points-lines.svg", "<text>4Mi</text>");
    HAS("group-points-throughput.svg", "GB/s");
    HAS("group-points-throughput.svg", "<text>soa</text>");
    CHECK(!tu_has(dir, TU_CHARTS "/group-hash-lines.svg"));   /* no parameter */
    /* the summary: every benchmark in a row, grouped, its reference marked */
    HAS("run-summary.svg", "<text>soa_simd/262144</text>");
    HAS("run-summary.svg", "<text>xxh64</text>");
    HAS("run-summary.svg", "<text>hash</text>");
    HAS("run-summary.svg", "<text>reference</text>");
    HAS("run-summary.svg", "Time per iteration, log scale");
    CHECK(tu_contains(dir, "index.html", "src=\"" TU_CHARTS "/run-summary.svg\""));
    CHECK(tu_contains(dir, "index.html", "src=\"" TU_CHARTS "/points_aos_1024-pdf.svg\""));
    CHECK(tu_contains(dir, "index.html", "src=\"" TU_CHARTS "/group-points-throughput.svg\""));
    CHECK(tu_contains(dir, "index.html", "6.2"));   /* aos/1024 throughput ~6.29 GB/s */
    CHECK(tu_contains(dir, "index.html", "L1-dcache-load-misses"));
}

static void test_without_baseline(void)
{
    char *dir = tu_tmpdir("nobase");
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 5);
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 0), 0);
    /* 15 results x (pdf, regression) + points (violin, lines, throughput) + hash violin
     * + the summary */
    CHECK_INT_EQ(check_chart_files(dir, "svg"), 15 * 2 + 3 + 1 + 1);
    check_basic_charts(dir);
    CHECK(!tu_has(dir, TU_CHARTS "/points_aos_1024-both.svg"));
    CHECK(!tu_has(dir, TU_CHARTS "/points_aos_1024-history.svg"));
    char *lines = tu_slurp(dir, TU_CHARTS "/group-points-lines.svg");
    CHECK(lines != NULL && strstr(lines, "(base)") == NULL);
    free(lines);
    /* Drawing again into the same directory works and replaces the files;
     * charts of benchmarks gone since are removed, other files are kept. */
    FILE *f = fopen(tu_path_tmp(dir, TU_CHARTS "/points_gone_1-pdf.svg"), "w");
    fclose(f);
    f = fopen(tu_path_tmp(dir, TU_CHARTS "/notes.txt"), "w");
    fclose(f);
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 0), 0);
    CHECK(!tu_has(dir, TU_CHARTS "/points_gone_1-pdf.svg"));
    CHECK(tu_has(dir, TU_CHARTS "/notes.txt"));
    CHECK_INT_EQ(tu_count(tu_path_tmp(dir, TU_CHARTS)), 15 * 2 + 3 + 1 + 1 + 1);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

static void test_with_baseline_and_history(void)
{
    char *dir = tu_tmpdir("base");
    cbench_run *h1 = synth_points_run("2026-11-20T09:12:00Z", 1.04, 1.15, 11);
    cbench_run *base = synth_points_run("2026-11-24T18:05:00Z", 1, 1.12, 13);
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 14);
    synth_compare(run, base);
    const cbench_run *history[] = {h1, base};
    CHECK_INT_EQ(draw(dir, run, base, history, 2, 0), 0);
    /* The run itself among the saved runs (saved before drawing) and a
     * long history: the run is drawn once, labels are thinned. */
    const cbench_run *long_history[40];
    for (size_t i = 0; i < 38; i++)
        long_history[i] = i % 2 ? h1 : base;
    long_history[38] = run;
    char *dir2 = tu_tmpdir("long");
    CHECK_INT_EQ(draw(dir2, run, base, long_history, 39, 0), 0);
    char *svg = tu_slurp(dir2, TU_CHARTS "/points_soa_1024-history.svg");
    CHECK(svg != NULL && strstr(svg, "2026-11-25 12:30") != NULL);
    size_t labels = 0;
    for (const char *q = svg; q && (q = strstr(q, "<text>2026-")) != NULL; q++)
        labels++;
    CHECK(labels >= 5 && labels <= 9);
    free(svg);
    tu_rmtree(dir2);
    free(dir2);
    CHECK_INT_EQ(check_chart_files(dir, "svg"), 15 * 5 + 3 + 1 + 1);
    check_basic_charts(dir);
    HAS("points_soa_1024-both.svg", "<text>Base PDF</text>");
    HAS("points_soa_1024-both.svg", "<text>New PDF</text>");
    HAS("points_soa_1024-both.svg", "<text>Base mean</text>");
    /* the change chart draws the verdict's own statistic: its t (10 df) */
    HAS("points_soa_1024-change.svg", "<text>Distribution of the estimate (t, 10.0 df)</text>");
    HAS("points_soa_1024-change.svg", "<text>Noise threshold ±2 %</text>");
    HAS("points_soa_1024-change.svg", "<text>Point estimate</text>");
    HAS("points_soa_1024-change.svg", "<text>Confidence interval</text>");
    HAS("points_soa_1024-change.svg", "improved");
    HAS("points_soa_1024-history.svg", "<text>Estimate (CI)</text>");
    HAS("points_soa_1024-history.svg", "<text>This run</text>");
    HAS("points_soa_1024-history.svg", "2026-11-20 09:12");
    HAS("points_soa_1024-history.svg", "2026-11-25 12:30");
    HAS("group-points-lines.svg", "<text>aos (base)</text>");
    HAS("group-points-throughput.svg", "<text>soa_simd (base)</text>");
    HAS("run-summary.svg", "<text>0.327×</text>");             /* soa/1024 vs aos/1024 */
    HAS("run-summary.svg", "<text>vs reference</text>");
    CHECK(tu_contains(dir, "index.html", "class=\"v v-improved\""));
    CHECK(tu_contains(dir, "index.html", "src=\"" TU_CHARTS "/points_soa_1024-change.svg\""));
    CHECK(tu_contains(dir, "index.html", "2 saved runs"));
    cbench__run_free(h1);
    cbench__run_free(base);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* No raw hostile markup anywhere in the report, and gnuplot's backquote
 * substitution never ran. */
static void check_no_injection(const char *dir)
{
    char *charts = tu_path(dir, TU_CHARTS);
    DIR *d = opendir(charts);
    struct dirent *e;
    int svgs = 0;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = tu_path(charts, e->d_name), *s = tu_read(p);
        CHECK(s != NULL && strstr(s, "<script") == NULL && strstr(s, "<img") == NULL);
        svgs += s != NULL && strstr(s, "`echo pwned`") != NULL;
        free(s);
        free(p);
    }
    if (d != NULL)
        closedir(d);
    CHECK(svgs > 0);              /* the literal name was drawn, not executed */
    char *index = tu_slurp(dir, "index.html");
    CHECK(index != NULL);
    if (index != NULL) {
        CHECK(strstr(index, "<script") == NULL);
        CHECK(strstr(index, "<img src=x") == NULL);
        CHECK(strstr(index, "<b>host") == NULL);
        CHECK(strstr(index, "&lt;script&gt;alert(1)") != NULL);
        CHECK(strstr(index, "&lt;img src=x onerror=alert(1)&gt;") != NULL);
        CHECK(strstr(index, "quo&#39;te&quot;s") != NULL);
        CHECK(strstr(index, "\xc2\x9b") == NULL);
    }
    free(index);
    free(charts);
}

static void test_hostile_names(void)
{
    char *parent = tu_tmpdir("hostile");
    char *dir = tu_path(parent, "report dir 'q' $x");
    cbench_run *run = synth_hostile_run(3);
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 0), 0);
    /* every result: pdf + regression; group: violin + lines (half have params); summary */
    CHECK_INT_EQ(check_chart_files(dir, "svg"), ((int)SYNTH_N_HOSTILE + 4) * 2 + 2 + 1);
    CHECK_INT_EQ(tu_count(parent), 1);             /* nothing escaped the report dir */
    CHECK_INT_EQ(tu_count(dir), 3);                /* index.html, sections/, .lock */
    static const char *const clash[] = {"g_r_p_x_dup", "g_r_p_x_DUP-2", "g_r_p_x_x_y",
                                        "g_r_p_x_x_y-2"};
    for (size_t i = 0; i < 4; i++) {
        char name[128];
        snprintf(name, sizeof name, TU_CHARTS "/%s-pdf.svg", clash[i]);
        CHECK(tu_contains(dir, name, "<svg"));
    }
    HAS("g_r_p_x_quo_te_s-pdf.svg", "quo'te\"s");
    HAS("g_r_p_x_script_alert_1_6000-pdf.svg", "&lt;script>alert(1)");
    HAS("g_r_p_x_back_slash_4000-regression.svg", "back\\slash\\");
    HAS("g_r_p_x_new_nline_r-pdf.svg", "new\\nline\\r");
    HAS("g_r_p_x_.._8000-pdf.svg", "..");
    check_no_injection(dir);
    cbench__run_free(run);
    tu_rmtree(dir);
    tu_rmtree(parent);
    free(dir);
    free(parent);
}

static void test_png(void)
{
    char *dir = tu_tmpdir("png");
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 5);
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 1), 0);
    CHECK_INT_EQ(check_chart_files(dir, "png"), 15 * 2 + 3 + 1 + 1);
    char *png = tu_slurp(dir, TU_CHARTS "/group-points-violin.png");
    CHECK(png != NULL && memcmp(png, "\x89PNG", 4) == 0);
    free(png);
    CHECK(tu_contains(dir, "index.html", "src=\"" TU_CHARTS "/hash_fnv1a-pdf.png\""));
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* Writes an executable fake gnuplot into dir; returns its path. */
static char *fake_gnuplot(const char *dir, const char *body)
{
    char *p = tu_path(dir, "fake-gnuplot");
    FILE *f = fopen(p, "w");
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    chmod(p, 0755);
    return p;
}

static int draw_with(const char *dir, const char *gnuplot, const cbench_run *run, char *err,
                     size_t errlen)
{
    cbench_plot_opts o = {.dir = dir, .mode = CBENCH_CHARTS_AUTO, .gnuplot = gnuplot};
    cbench_plot_section sec = {TU_RUN_ID, TU_SECTION, NULL, NULL};
    return cbench_plot_report(&o, &sec, run, NULL, NULL, 0, err, errlen);
}

static void test_gnuplot_failures(void)
{
    char *dir = tu_tmpdir("fail");
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 5);
    char err[2048] = "";
    char *gp = fake_gnuplot(dir, "cat >/dev/null; echo '\"/dev/stdin\" line 3: boom' >&2; exit 1");
    CHECK_INT_EQ(draw_with(dir, gp, run, err, sizeof err), CBENCH_EIO);
    CHECK(strstr(err, "boom") != NULL && strstr(err, "exit 1") != NULL);
    CHECK(strstr(err, "points_aos_1024-pdf.svg") != NULL);        /* the chart at line 3 */
    free(gp);
    /* A gnuplot that dies without reading: no SIGPIPE death, a clear error. */
    gp = fake_gnuplot(dir, "echo 'dead on arrival' >&2; exit 3");
    CHECK_INT_EQ(draw_with(dir, gp, run, err, sizeof err), CBENCH_EIO);
    CHECK(strstr(err, "dead on arrival") != NULL && strstr(err, "exit 3") != NULL);
    free(gp);
    /* SIGPIPE disposition is restored afterwards. */
    struct sigaction sa;
    sigaction(SIGPIPE, NULL, &sa);
    CHECK(sa.sa_handler == SIG_DFL);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A gnuplot on PATH that finishes the first chart and then hangs is
 * stopped once it does nothing for CBENCH_GNUPLOT_TIMEOUT seconds; the
 * message names the chart it was on, and the page is still written, with
 * the numbers, the reason and no chart that was not drawn. */
static void test_gnuplot_timeout(void)
{
    char *dir = tu_tmpdir("hang"), *bin = tu_path(dir, "bin"), err[2048] = "";
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 5);
    mkdir(bin, 0755);
    char *fake = tu_path(bin, "gnuplot"), *old_path = getenv("PATH"), path[8192];
    FILE *f = fopen(fake, "w");
    fprintf(f, "#!/bin/sh\nwhile IFS= read -r l; do case \"$l\" in *cbench-chart-done*)"
               " echo \"$l\" >&2; exec sleep 30;; esac; done\n");
    fclose(f);
    chmod(fake, 0755);
    snprintf(path, sizeof path, "%s:%s", bin, old_path ? old_path : "/usr/bin:/bin");
    char *saved = old_path ? strdup(old_path) : NULL;
    setenv("PATH", path, 1);
    setenv("CBENCH_GNUPLOT_TIMEOUT", "1", 1);
    double t0 = now_s();
    CHECK_INT_EQ(draw_with(dir, NULL, run, err, sizeof err), CBENCH_ETIMEOUT);
    double took = now_s() - t0;
    unsetenv("CBENCH_GNUPLOT_TIMEOUT");
    if (saved != NULL)
        setenv("PATH", saved, 1);
    CHECK(took < 10);                                    /* not the 30 s it sleeps */
    CHECK(strstr(err, "gnuplot did nothing for 1 s drawing sections/") != NULL);
    CHECK(strstr(err, " and was stopped; 1 of ") != NULL);
    CHECK(strstr(err, "CBENCH_GNUPLOT_TIMEOUT") != NULL);
    char *index = tu_slurp(dir, "index.html");
    CHECK(index != NULL && strstr(index, "Charts could not be drawn: gnuplot did nothing") != NULL);
    CHECK(index != NULL && strstr(index, "aos") != NULL);            /* the numbers */
    /* The first chart was drawn (said so), none after it is shown. */
    CHECK(index != NULL && strstr(index, "-pdf.svg\"") != NULL);
    CHECK(index != NULL && strstr(index, "-regression.svg\"") == NULL);
    free(index);
    free(saved);
    free(fake);
    free(bin);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* Results the charts must survive: failed (no samples), one sample,
 * flat sampling (equal iterations, no slope), identical samples, NaN
 * estimates, an elements throughput, a parameter of 0 (no log axis). */
static void test_degenerate(void)
{
    char *dir = tu_tmpdir("degenerate");
    cbench_run *run = cbench__run_new();
    synth_rng g = {9};
    synth_context(run, "2026-11-25T12:30:00Z", 9);
    synth_fail(synth_add(run, "odd", "failed", 0, 0, 10, &g), "crashed with SIGSEGV");
    cbench_result *r = synth_add(run, "odd", "single", 0, 0, 10, &g);
    r->n_samples = 1;
    synth_estimates(r);
    r = synth_add(run, "odd", "flat", 0, 0, 10, &g);
    for (size_t i = 0; i < r->n_samples; i++)
        r->samples[i].iters = 100;
    synth_estimates(r);
    cbench__estimate_undef(&r->slope);
    r = synth_add(run, "odd", "constant", 0, 0, 10, &g);
    for (size_t i = 0; i < r->n_samples; i++)
        r->samples[i].ns = r->samples[i].iters * 7;
    synth_estimates(r);
    memset(r->outliers.fences, 0, sizeof r->outliers.fences);
    cbench__estimate_undef(&r->typical);
    r = synth_add(run, "elems", "sum", 1, 0, 5, &g);
    r->throughput = CBENCH_THROUGHPUT_ELEMENTS;
    r->throughput_per_iter = 1;
    for (long long p = 10; p <= 1000; p *= 10) {
        r = synth_add(run, "elems", "sum", 1, p, 5 + (double)p, &g);
        r->throughput = CBENCH_THROUGHPUT_ELEMENTS;
        r->throughput_per_iter = (double)p;
    }
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 0), 0);
    check_chart_files(dir, "svg");
    CHECK(!tu_has(dir, TU_CHARTS "/odd_failed-pdf.svg"));
    CHECK(!tu_has(dir, TU_CHARTS "/odd_single-pdf.svg"));
    CHECK(tu_has(dir, TU_CHARTS "/odd_flat-pdf.svg"));
    HAS("odd_flat-regression.svg", "<text>Linear regression</text>");
    HAS("odd_constant-pdf.svg", "<text>PDF</text>");
    HAS("group-elems-throughput.svg", "elem/s");
    HAS("group-elems-lines.svg", "<text>sum</text>");
    CHECK(tu_contains(dir, "index.html", "crashed with SIGSEGV"));
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* A sweep whose cost per element triples past 2^15 elements, with the
 * run's L2 at 512 KiB (16 B per element: the knee's footprint range holds
 * it): its lines chart shades the knee and labels it with the factor and
 * the cache; a flat sweep in the same group gets no band. */
static void test_knee_bands(void)
{
    char *dir = tu_tmpdir("knees");
    cbench_run *run = cbench__run_new();
    synth_rng g = {21};
    synth_context(run, "2026-11-25T12:30:00Z", 21);
    run->ctx.cache_bytes[0] = 48 << 10;
    run->ctx.cache_bytes[1] = 512 << 10;
    for (long long n = 1 << 10; n <= 1 << 20; n <<= 1) {
        double per = n <= (1 << 15) ? 1.0 : 3.0;
        cbench_result *r = synth_add(run, "sweep", "stepped", 1, n, per * (double)n, &g);
        r->throughput = CBENCH_THROUGHPUT_BYTES;
        r->throughput_per_iter = 16.0 * (double)n;
        r = synth_add(run, "sweep", "flat", 1, n, 2.0 * (double)n, &g);
        r->throughput = CBENCH_THROUGHPUT_BYTES;
        r->throughput_per_iter = 16.0 * (double)n;
    }
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 0), 0);
    check_chart_files(dir, "svg");
    char *svg = tu_slurp(dir, TU_CHARTS "/group-sweep-lines.svg");
    CHECK(svg != NULL);
    const char *at = svg ? strstr(svg, "<text>x") : NULL;   /* "x2.9 L2" or "x3 L2" */
    double factor = 0;
    char cache[8] = "";
    CHECK(at != NULL && sscanf(at, "<text>x%lf %7[^<]</text>", &factor, cache) == 2);
    CHECK(factor > 2.7 && factor < 3.3);
    CHECK(strcmp(cache, "L2") == 0);
    CHECK(at == NULL || strstr(at + 1, "<text>x") == NULL);  /* one knee, one label */
    free(svg);
    HAS("group-sweep-throughput.svg", " L2</text>");
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

/* A multi-threaded sweep: each thread count is a line of its own with its
 * own sweep, so its knee is its own: at 1 thread the cost per element
 * triples past 2^13 elements, at 2 threads past 2^16; both are shaded. */
static void test_knee_bands_per_thread_count(void)
{
    char *dir = tu_tmpdir("tknees");
    cbench_run *run = cbench__run_new();
    synth_rng g = {23};
    synth_context(run, "2026-11-25T12:30:00Z", 23);
    for (unsigned th = 1; th <= 2; th++)
        for (long long n = 1 << 10; n <= 1 << 20; n <<= 1) {
            double per = n <= (th == 1 ? 1 << 13 : 1 << 16) ? 1.0 : 3.0;
            cbench_result *r = synth_add(run, "sweep", "par", 1, n, per * (double)n, &g);
            char id[64];
            snprintf(id, sizeof id, "sweep/par/%lld/threads=%u", n, th);
            free(r->id);
            r->id = cbench__strdup(id);
            r->threads.count = th;
        }
    CHECK_INT_EQ(draw(dir, run, NULL, NULL, 0, 0), 0);
    char *svg = tu_slurp(dir, TU_CHARTS "/group-sweep-lines.svg");
    CHECK(svg != NULL);
    int labels = 0;
    for (const char *p = svg; p != NULL && (p = strstr(p, "<text>x")) != NULL; p++)
        labels++;
    CHECK_INT_EQ(labels, 2);                       /* one knee per thread count */
    free(svg);
    cbench__run_free(run);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    char path[4096];
    if (cbench_plot_gp_find(NULL, path, sizeof path) != 0) {
        fprintf(stderr, "SKIP: gnuplot not found on PATH\n");
        return 77;
    }
    test_without_baseline();
    test_with_baseline_and_history();
    test_hostile_names();
    test_png();
    test_degenerate();
    test_knee_bands();
    test_knee_bands_per_thread_count();
    test_gnuplot_failures();
    test_gnuplot_timeout();
    if (getenv("XMLLINT") && *getenv("XMLLINT"))
        CHECK(xml_checked > 100);
    else
        fprintf(stderr, "note: XMLLINT not set, SVGs were not validated\n");
    return check_result();
}
