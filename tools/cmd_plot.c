/* SPDX-License-Identifier: MIT
 *
 * cmd_plot.c - `cbench plot NAME...`: the report of a run, from saved
 * baselines, without running any benchmark: the same page a run writes
 * (lib/plot), one section per NAME. The history charts come from the
 * other baselines in the directory, as in a run. With --baseline BASE
 * every NAME is compared with BASE again (the change charts, verdicts
 * and the base's dashed lines). A NAME is looked up as DIR/NAME.json (DIR
 * from --baseline-dir, else $CBENCH_DIR, else ./cbench) unless it is a
 * path (contains '/' or ends in ".json"). Exit status: 0 report written,
 * 2 bad usage, unreadable baseline or failed drawing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench_config.h"
#include "args.h"
#include "commands.h"
#include "run/against.h"
#include "model/result.h"
#include "measure/runid.h"
#include "plot/plot.h"
#include "stats/analysis.h"
#include "store/store.h"

typedef struct plot_args {
    const char *dir;               /* baselines */
    const char *dir_flag;          /* --baseline-dir, or NULL */
    const char *report_dir;        /* NULL: DIR/report */
    const char *base;              /* --baseline */
    const char *gnuplot;
    cbench_charts_mode mode;
    int png, help;
    char **names;                  /* positional, argv slice */
    int n_names;
} plot_args;

static void plot_help(FILE *out)
{
    fprintf(out,
        "usage: cbench plot [OPTIONS] NAME...\n\n"
        "Writes the report of saved baselines without running anything: the page a\n"
        "run writes, one section per NAME, with history charts from the other\n"
        "baselines in the directory.\n\n"
        "  --baseline BASE      compare every NAME with BASE (change charts, verdicts)\n"
        "  --baseline-dir DIR   where baselines live (default $CBENCH_DIR, else ./cbench)\n"
        "  --report-dir DIR     where to write the report (default BASELINE-DIR/report)\n"
        "  --charts=MODE        auto (skip charts without gnuplot), always, never\n"
        "                       (default: " CBENCH_CHARTS_DEFAULT ", from meson -Dcharts)\n"
        "  --png                PNG charts instead of SVG\n"
        "  --gnuplot PATH       the gnuplot to run (default: gnuplot on PATH)\n\n"
        "A NAME containing '/' or ending in .json is read as a file path.\n");
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "cbench plot: %s%s%s%s (see cbench plot --help)\n", msg, arg ? " '" : "",
            arg ? arg : "", arg ? "'" : "");
    return 2;
}

#define flag_value cbench_tool_flag_value

/* Parses one option at argv[*i]; returns 0 or 2 (message printed). */
static int parse_option(plot_args *a, int argc, char **argv, int *i)
{
    const char *v;
    if (strcmp(argv[*i], "--help") == 0 || strcmp(argv[*i], "-h") == 0)
        a->help = 1;
    else if (strcmp(argv[*i], "--png") == 0)
        a->png = 1;
    else if ((v = flag_value(argc, argv, i, "--baseline-dir")) != NULL)
        a->dir = a->dir_flag = v;
    else if ((v = flag_value(argc, argv, i, "--baseline")) != NULL)
        a->base = v;
    else if ((v = flag_value(argc, argv, i, "--report-dir")) != NULL)
        a->report_dir = v;
    else if ((v = flag_value(argc, argv, i, "--gnuplot")) != NULL)
        a->gnuplot = v;
    else if ((v = flag_value(argc, argv, i, "--charts")) != NULL) {
        if (cbench_plot_parse_mode(v, &a->mode) != 0)
            return usage_error("--charts expects auto, always or never, got", v);
    } else
        return usage_error("unknown option (or missing value)", argv[*i]);
    return 0;
}

static int parse_args(plot_args *a, int argc, char **argv)
{
    a->dir = cbench_store_dir(NULL);
    if (cbench_plot_parse_mode(CBENCH_CHARTS_DEFAULT, &a->mode) != 0)   /* -Dcharts */
        a->mode = CBENCH_CHARTS_AUTO;
    a->names = calloc((size_t)argc, sizeof *a->names);
    if (a->names == NULL)
        return usage_error("out of memory", NULL);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (++i < argc)
                a->names[a->n_names++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            int rc = parse_option(a, argc, argv, &i);
            if (rc != 0)
                return rc;
        } else {
            a->names[a->n_names++] = argv[i];
        }
    }
    if (!a->help && a->n_names == 0)
        return usage_error("no baseline NAME given", NULL);
    return 0;
}

/* Loads a baseline argument; on failure prints one message and returns 2. */
static int load_arg(const plot_args *a, const char *arg, cbench_run **out)
{
    char err[2048];
    cbench_store_where w = cbench_store_locate(a->dir_flag);
    if (cbench_store_load_arg(&w, arg, out, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "cbench plot: %s\n", err);
    return 2;
}

/* Compares every result of run with the same id in base as the bench
 * executables and `cbench compare` do (run/against.h: the run's own
 * analysis settings, the threshold widened by the machine's drift).
 * Results it cannot compare keep no change (shown without a verdict).
 * 0, or CBENCH_ENOMEM: charts never show "no verdict" for want of memory. */
static int compare_with(cbench_run *run, const cbench_run *base)
{
    cbench_analysis_opts o;
    cbench_against_opts(&run->ctx, &o);
    for (size_t i = 0; i < run->n_results; i++) {
        cbench_result *r = &run->results[i];
        const cbench_result *b = cbench__run_find(base, r->id);
        r->has_change = 0;
        for (size_t k = 0; b == NULL && k < r->n_counters; k++)
            r->counters[k].base_per_iter = NAN;
        if (b != NULL
            && cbench_against(&o, cbench__result_context(run, r), r, base, b, 0, NULL)
               == CBENCH_ENOMEM)
            return CBENCH_ENOMEM;
    }
    return 0;
}

/* The report directory: --report-dir, else next to the baselines. */
static char *report_dir_of(const plot_args *a, const char *last)
{
    if (a->report_dir != NULL)
        return strdup(a->report_dir);
    const char *dir = a->dir;
    size_t n = strlen(dir);
    if (cbench_store_is_path(last)) {
        const char *slash = strrchr(last, '/');
        dir = slash ? last : ".";
        n = slash ? (size_t)(slash - last) : 1;
        if (n == 0)
            n = 1;                       /* "/x.json": the root */
    }
    char *out = malloc(n + 8);
    if (out != NULL)
        snprintf(out, n + 8, "%.*s/report", (int)n, dir);
    return out;
}

/* The section's name: NAME, or the file name of a path without ".json". */
static void section_name(const char *arg, char *buf, size_t n)
{
    const char *slash = strrchr(arg, '/'), *base = slash ? slash + 1 : arg;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".json") == 0)
        len -= 5;
    snprintf(buf, n, "%.*s", (int)len, base);
}

/* What measured it, for the page: the baseline, and the executables
 * stored with it (--save-baseline keeps them) when there are any. */
static void section_source(const plot_args *a, const char *arg, const char *name, char *buf,
                           size_t n)
{
    char builds[512] = "";
    if (!cbench_store_is_path(arg))
        cbench_store_builds_list(a->dir, arg, builds, sizeof builds);
    snprintf(buf, n, "%s '%s'%s%s%s", cbench_store_is_path(arg) ? "baseline file" : "baseline",
             cbench_store_is_path(arg) ? arg : name, *builds ? " (" : "", builds, *builds ? ")" : "");
}

/* One section of the report for NAME (run), with history from the
 * baseline directory. */
static int draw_one(const plot_args *a, const char *dir, const char *run_id, const char *arg,
                    const cbench_run *run, const cbench_run *base)
{
    char name[256], source[1024], err[2048] = "";
    section_name(arg, name, sizeof name);
    section_source(a, arg, name, source, sizeof source);
    int instr = run->ctx.mode != NULL && strcmp(run->ctx.mode, "instructions") == 0;
    int quick = !cbench_store_is_path(arg) && !cbench_runid_history_ok(name, instr, 0);
    cbench_run *hist[30];
    size_t nh = cbench_plot_load_history(a->dir, instr, quick, hist, 30);
    cbench_plot_opts o = {.dir = dir, .mode = a->mode, .png = a->png, .gnuplot = a->gnuplot,
                          .notice = stderr};
    cbench_plot_section s = {run_id, name, source, base ? a->base : NULL};
    int rc = cbench_plot_report(&o, &s, run, base, (const cbench_run *const *)hist, nh, err,
                                sizeof err);
    for (size_t i = 0; i < nh; i++)
        cbench__run_free(hist[i]);
    if (rc != 0)
        fprintf(stderr, "cbench plot: %s: %s\n", arg, err);
    return rc;
}

static int draw(const plot_args *a, cbench_run **runs, size_t n, const cbench_run *base)
{
    char *dir = report_dir_of(a, a->names[a->n_names - 1]), run_id[CBENCH_RUNID_MAX];
    if (dir == NULL)
        return usage_error("out of memory", NULL);
    cbench_runid(run_id, sizeof run_id);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = draw_one(a, dir, run_id, a->names[i], runs[i], base);
    if (rc == 0)
        printf("%s/index.html\n", dir);
    free(dir);
    return rc != 0 ? 2 : 0;
}

int cbench_cmd_plot(int argc, char **argv)
{
    plot_args a = {0};
    int rc = parse_args(&a, argc, argv);
    if (rc != 0 || a.help) {
        if (a.help)
            plot_help(stdout);
        free(a.names);
        return rc;
    }
    size_t n = (size_t)a.n_names;
    cbench_run **runs = calloc(n, sizeof *runs), *base = NULL;
    for (size_t i = 0; runs != NULL && i < n && rc == 0; i++)
        rc = load_arg(&a, a.names[i], &runs[i]);
    if (runs == NULL)
        rc = usage_error("out of memory", NULL);
    if (rc == 0 && a.base != NULL)
        rc = load_arg(&a, a.base, &base);
    for (size_t i = 0; rc == 0 && base != NULL && i < n; i++)
        if (compare_with(runs[i], base) != 0)
            rc = usage_error("out of memory", NULL);
    if (rc == 0)
        rc = draw(&a, runs, n, base);
    for (size_t i = 0; runs != NULL && i < n; i++)
        cbench__run_free(runs[i]);
    free(runs);
    cbench__run_free(base);
    free(a.names);
    return rc;
}
