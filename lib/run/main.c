/* SPDX-License-Identifier: MIT
 *
 * main.c - cbench_main: from argv to an exit status. Picks the mode
 * (list, profile, deterministic, load a baseline, or a normal run), sets
 * up reporting, baselines and exports, and hands the measuring to the
 * runner.
 */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cbench.h"
#include "cbench_config.h"
#include "measure/clock.h"
#include "run/cli.h"
#include "measure/env.h"
#include "run/instr_mode.h"
#include "run/forecast.h"
#include "measure/probe.h"
#include "model/drift.h"
#include "run/progress.h"
#include "measure/registry.h"
#include "measure/runid.h"
#include "run/runner.h"
#include "model/text.h"
#include "perf/counters.h"
#include "plot/plot.h"
#include "report/units.h"
#include "report/scaling.h"
#include "store/export.h"
#include "store/store.h"

#define EXIT_USAGE 2
#define EXIT_INTERRUPTED 130

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* The first SIGINT or SIGTERM stops the run (the worker is killed, what
 * is complete is saved, exit 130); a second one ends the process at once,
 * which is the only way out of a body that hangs under --no-fork. */
static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Everything main sets up, in one place so cleanup is one function. */
typedef struct app {
    cbench_config cfg;
    const char *argv0;
    int optimized;
    cbench_instance *inst;
    size_t n_inst;
    size_t n_full;              /* what the full sweep would select */
    const cbench_reporter *rep;
    cbench_report_opts ropts;
    const char *dir;
    cbench_store_where where;      /* dir, and which rule chose it */
    int keep;                      /* results may be saved into dir */
    char settle[700];              /* the command that settles a drift-held change */
    cbench_run *run, *base;
    const char *base_name;         /* the baseline compared with (NULL: none) */
    const char *save_names[2];
    size_t n_save;
    char auto_compare[32], auto_save[32];  /* this kind of run's automatic baselines */
    int stdout_failed;            /* a write to stdout failed and was said */
} app;

/* {=================================================================
 * Selection
 * ================================================================== */

static int matches(const cbench_config *cfg, const regex_t *re, const char *id)
{
    if (cfg->n_filters == 0)
        return 1;
    for (unsigned i = 0; i < cfg->n_filters; i++) {
        if (cfg->regex ? regexec(&re[i], id, 0, NULL, 0) == 0
            : cfg->exact ? strcmp(id, cfg->filters[i]) == 0
            : strstr(id, cfg->filters[i]) != NULL)
            return 1;
    }
    return 0;
}

static int compile_filters(const cbench_config *cfg, regex_t *re)
{
    for (unsigned i = 0; cfg->regex && i < cfg->n_filters; i++) {
        int rc = regcomp(&re[i], cfg->filters[i], REG_EXTENDED | REG_NOSUB);
        if (rc != 0) {
            char msg[256];
            regerror(rc, &re[i], msg, sizeof msg);
            fprintf(stderr, "cbench: --regex: bad expression '%s': %s\n", cfg->filters[i], msg);
            for (unsigned j = 0; j < i; j++)
                regfree(&re[j]);
            return CBENCH_EINVAL;
        }
    }
    return 0;
}

/* Keeps only the instances of v[0..*n) that match the filters. */
static int keep_matching(const cbench_config *cfg, cbench_instance *v, size_t *n)
{
    regex_t *re = calloc(cfg->n_filters + 1, sizeof *re);
    if (re == NULL || compile_filters(cfg, re) != 0) {
        free(re);
        return CBENCH_EINVAL;
    }
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (matches(cfg, re, v[i].id))
            v[k++] = v[i];
    *n = k;
    for (unsigned i = 0; cfg->regex && i < cfg->n_filters; i++)
        regfree(&re[i]);
    free(re);
    return 0;
}

/* The instances of the sweep that match the filters, and how many the
 * full sweep would have (for the start-up line). An --exact id names one
 * benchmark, so it is found in any sweep -- the full one holds every value
 * of the others (measure/registry.c) --: `--exact points/aos_all/1048576`
 * runs although the default sweep has other sizes, and `cbench ab` passes
 * ids back with --exact after its first round; so is the id a
 * deterministic-mode worker is started for (its parent chose it). */
static int select_instances(app *a)
{
    cbench_instance *full = NULL;
    int any = a->cfg.exact || a->cfg.worker_id != NULL;
    int rc = cbench_registry_instances(&a->inst, &a->n_inst,
                                       any ? CBENCH_SWEEP_FULL : (cbench_sweep)a->cfg.sweep);
    if (rc == 0)
        rc = cbench_registry_instances(&full, &a->n_full, CBENCH_SWEEP_FULL);
    if (rc == 0)
        rc = keep_matching(&a->cfg, a->inst, &a->n_inst);
    if (rc == 0)
        rc = keep_matching(&a->cfg, full, &a->n_full);
    free(full);
    return rc;
}

/* {=================================================================
 * Set-up
 * ================================================================== */

/* --quick lowers the defaults the user did not set. */
static void apply_quick(cbench_config *cfg)
{
    cbench_config d;
    cbench_config_default(&d);
    if (!cfg->quick)
        return;
    if (!cfg->sweep_set)
        cfg->sweep = CBENCH_SWEEP_QUICK;
    if (cfg->warm_up_s == d.warm_up_s) cfg->warm_up_s = 0.15;
    if (cfg->measure_s == d.measure_s) cfg->measure_s = 0.3;
    if (cfg->sample_size == d.sample_size) cfg->sample_size = 30;
    if (cfg->rounds == d.rounds) cfg->rounds = 3;
    if (cfg->n_resamples == d.n_resamples) cfg->n_resamples = 20000;
}

static int stdout_is_data(const cbench_config *cfg)
{
    return cfg->format == CBENCH_FORMAT_GBENCH_JSON || cfg->format == CBENCH_FORMAT_CSV
        || cfg->format == CBENCH_FORMAT_JSON || cbench_store_is_stdout(cfg->export_path);
}

/* Reporter: TAP when asked or when stdout is not a terminal (Meson);
 * pretty on a terminal; with a data format on stdout, pretty on stderr. */
static void setup_reporting(app *a)
{
    cbench_config *cfg = &a->cfg;
    FILE *out = stdout_is_data(cfg) ? stderr : stdout;
    int tty = isatty(fileno(out));
    int tap = cfg->format == CBENCH_FORMAT_TAP
           || (cfg->format == CBENCH_FORMAT_AUTO && !tty);
    a->rep = tap ? &cbench_report_tap : &cbench_report_pretty;
    const char *no_color = getenv("NO_COLOR");
    int color = cfg->color == CBENCH_COLOR_ALWAYS
             || (cfg->color == CBENCH_COLOR_AUTO && tty && !(no_color && *no_color));
    a->ropts = (cbench_report_opts){.out = out, .color = color && !tap, .verbose = cfg->verbose,
                                    .fail_on_regression = cfg->fail_on_regression};
    if (tap) {
        fputs("TAP version 13\n", out);
        fflush(out);
    }
}


static int setup_context(app *a)
{
    a->run = cbench__run_new();
    if (a->run == NULL || cbench_env_context(&a->run->ctx, a->optimized) != 0)
        return CBENCH_ENOMEM;
    cbench_context *c = &a->run->ctx;
    if (!a->cfg.seed_set) {
        /* A fresh seed per run, printed and stored, so any analysis can be
         * redone bit for bit with --seed. */
        a->cfg.seed = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL) ^ 0x9e3779b97f4a7c15u;
    }
    c->seed = a->cfg.seed;
    c->confidence_level = a->cfg.confidence;
    c->n_resamples = a->cfg.n_resamples;
    c->noise_threshold = a->cfg.noise_threshold;
    c->significance = a->cfg.significance;
    c->mode = cbench__strdup(a->cfg.mode == CBENCH_MODE_INSTRUCTIONS ? "instructions" : "time");
    if (c->mode == NULL)                 /* else saved as null: read back as time mode */
        return CBENCH_ENOMEM;
    if (a->cfg.mode == CBENCH_MODE_TIME && a->cfg.load_baseline == NULL)
        cbench_probe_machine(&c->probe_cpu_ns, &c->probe_mem_ns);
    cbench_env_check(&c->warnings, "", a->optimized);
    return 0;
}

/* Prints the environment notes once, and the seed with --verbose. */
static void print_notes(app *a)
{
    const char *w = a->run->ctx.warnings;
    while (w != NULL && *w) {
        const char *nl = strchr(w, '\n');
        size_t n = nl ? (size_t)(nl - w) : strlen(w);
        char line[600];
        snprintf(line, sizeof line, "%.*s", (int)n, w);
        a->rep->notice(&a->ropts, line);
        w = nl ? nl + 1 : NULL;
    }
    if (a->cfg.verbose) {
        char msg[600];
        snprintf(msg, sizeof msg, "analysis seed %llu (rerun the analysis with --seed %llu); "
                 "baselines in %s (%s)", (unsigned long long)a->cfg.seed,
                 (unsigned long long)a->cfg.seed, a->dir, a->where.why);
        a->rep->notice(&a->ropts, msg);
    }
}

/* The automatic baselines of this kind of run (measure/runid.h): a quick or
 * filtered run never becomes a full run's comparison base. */
static void name_auto_baselines(app *a)
{
    int instr = a->cfg.mode == CBENCH_MODE_INSTRUCTIONS, filtered = a->cfg.n_filters > 0;
    cbench_runid_auto_baseline(instr, a->cfg.quick, filtered, 0, a->auto_compare,
                               sizeof a->auto_compare);
    cbench_runid_auto_baseline(instr, a->cfg.quick, filtered, 1, a->auto_save,
                               sizeof a->auto_save);
}

/* The rest of an error line on stderr: a loader's message may quote what
 * a file holds, shown as terminal text (model/text.h). */
static void say_error(const char *err)
{
    cbench_text_fput_lines(stderr, err, " ");
    fputc('\n', stderr);
}

/* The baseline to compare with: --baseline NAME (must exist unless
 * lenient) or the previous run of this kind ("last" for a full run,
 * silently absent the first time). */
static int load_comparison(app *a)
{
    const char *name = a->cfg.baseline ? a->cfg.baseline : a->auto_compare;
    char err[512];
    int rc = cbench_store_load(a->dir, name, &a->base, err, sizeof err);
    a->base_name = rc == 0 ? name : NULL;
    if (rc == 0)
        return 0;
    a->base = NULL;
    if (rc == CBENCH_ENOENT && a->cfg.baseline == NULL)
        return 0;
    if (a->cfg.baseline_lenient) {
        a->rep->notice(&a->ropts, err);
        return 0;
    }
    fprintf(stderr, "cbench: --baseline %s: ", name);
    say_error(err);
    return rc;
}

/* The comparison free of drift, as a command into buf: the build stored
 * with --baseline NAME against today's (`cbench ab --baseline NAME`, with
 * --baseline-dir unless the cbench tool of this build finds the directory
 * by itself; exe: the executable too), else both builds. Returns 1 for the
 * first. */
static int ab_command(const app *a, char *buf, size_t n, const char *exe)
{
    char path[4096], libs[4096], dir[600] = "";
    const char *name = a->cfg.baseline, *own = cbench_store_build_dir();
    if (name == NULL || cbench_store_build_of(a->dir, name, a->argv0, path, sizeof path, libs,
                                              sizeof libs) != 0) {
        snprintf(buf, n, "cbench ab OLD_EXE %s", a->argv0);
        return 0;
    }
    if (own == NULL || strcmp(a->dir, own) != 0)
        snprintf(dir, sizeof dir, " --baseline-dir %s", a->dir);
    snprintf(buf, n, "cbench ab --baseline %s%s%s%s", name, dir, exe ? " " : "", exe ? exe : "");
    return 1;
}

/* Says why, then the comparison free of drift to run instead: the build
 * stored with the baseline (`cbench ab --baseline`) when there is one. */
static void notice_drift_free(const app *a, const char *why)
{
    char cmd[1200], msg[4096];
    if (ab_command(a, cmd, sizeof cmd, a->argv0))
        snprintf(msg, sizeof msg, "%s; for a comparison free of drift, rerun the build stored "
                 "with '%s' against this one: %s", why, a->cfg.baseline, cmd);
    else
        snprintf(msg, sizeof msg, "%s; for a comparison free of drift, run both builds "
                 "alternately: %s (a baseline saved with --save-baseline keeps its build for "
                 "`cbench ab --baseline`)", why, cmd);
    a->rep->notice(&a->ropts, msg);
}

/* Tells the report how to word a change the machine's drift held back
 * (report/report.h): the user's threshold and the command that settles it. */
static void set_settle(app *a)
{
    if (a->base == NULL)
        return;
    ab_command(a, a->settle, sizeof a->settle, NULL);
    a->ropts.drift = (cbench_report_drift){a->cfg.noise_threshold, a->settle};
}

/* Says once when the machine itself moved since the baseline was saved:
 * each change test then widens its noise threshold by the drift its
 * benchmark saw (measure/probe.h). */
static void note_drift(app *a)
{
    if (a->base == NULL || a->cfg.load_baseline != NULL)
        return;
    const cbench_context *n = &a->run->ctx, *b = &a->base->ctx;
    double drift = cbench_probe_drift(n->probe_cpu_ns, n->probe_mem_ns,
                                      b->probe_cpu_ns, b->probe_mem_ns);
    if (!cbench_probe_drift_notable(drift, a->cfg.noise_threshold))
        return;
    char why[700];
    snprintf(why, sizeof why, "the machine itself changed speed since the baseline was saved "
             "(speed probe: core %+.1f%%, memory %+.1f%%): each comparison's noise threshold "
             "widens by the drift its benchmark saw (the core's speed during its rounds, and "
             "memory unless its bytes per iteration fit in L2)",
             100 * (n->probe_cpu_ns / b->probe_cpu_ns - 1),
             100 * (n->probe_mem_ns / b->probe_mem_ns - 1));
    notice_drift_free(a, why);
}

/* Reading needs the baseline directory: a missing one is an error naming
 * where cbench looked and why (--baseline-lenient: a notice). Saving
 * creates it, except the working directory's default, which nobody asked
 * for: a run creates that only to save a named baseline, and otherwise
 * says once that its results are not kept. */
static int check_store(app *a)
{
    char err[1400], msg[1600];
    int exists = cbench_store_where_exists(&a->where);
    int reads = a->cfg.load_baseline != NULL || a->cfg.baseline != NULL;
    a->keep = exists || !a->where.implicit || a->cfg.save_baseline != NULL;
    if (reads && !exists) {
        cbench_store_where_check(&a->where, err, sizeof err);
        if (a->cfg.load_baseline == NULL && a->cfg.baseline_lenient) {
            a->rep->notice(&a->ropts, err);
        } else {
            fprintf(stderr, "cbench: --%s %s: %s\n", a->cfg.load_baseline ? "load-baseline"
                    : "baseline", a->cfg.load_baseline ? a->cfg.load_baseline : a->cfg.baseline,
                    err);
            return CBENCH_ENOENT;
        }
    }
    if (exists || !a->where.implicit || a->cfg.load_baseline != NULL)
        return 0;
    if (a->keep)
        snprintf(msg, sizeof msg, "creating the baseline directory '%s' for '%s' (%s)", a->dir,
                 a->cfg.save_baseline, a->where.why);
    else
        snprintf(msg, sizeof msg, "results are not saved and no report is drawn: there is no "
                 "baseline directory '%s' (%s); create it, or pass --baseline-dir DIR", a->dir,
                 a->where.why);
    a->rep->notice(&a->ropts, msg);
    return 0;
}

/* {=================================================================
 * After the run: exports and charts.
 * ================================================================== */

static int write_export(app *a)
{
    if (a->cfg.export_path == NULL)
        return 0;
    size_t len;
    char *json = cbench_store_serialize(a->run, &len);
    char err[512];
    int rc = json ? cbench_store_write_atomic(a->cfg.export_path, json, len, err, sizeof err)
                  : CBENCH_ENOMEM;
    free(json);
    if (rc != 0)
        fprintf(stderr, "cbench: --export %s: %s\n", a->cfg.export_path,
                json ? err : cbench_strerror(rc));
    return rc;
}

/* --format gbench-json|csv|json on standard output; 0 or 1 (said why). */
static int print_data_format(app *a)
{
    int rc;
    switch (a->cfg.format) {
    case CBENCH_FORMAT_GBENCH_JSON: rc = cbench_export_gbench(stdout, a->run); break;
    case CBENCH_FORMAT_CSV: rc = cbench_export_csv(stdout, a->run); break;
    case CBENCH_FORMAT_JSON: rc = cbench_export_json(stdout, a->run); break;
    default: return 0;
    }
    if (rc != 0)
        fprintf(stderr, "cbench: --format: cannot write the results to standard output: %s\n",
                rc == CBENCH_EIO ? strerror(errno) : cbench_strerror(rc));
    a->stdout_failed = rc == CBENCH_EIO;
    return rc != 0;
}

/* Where this run's page goes: --report-dir as given, else DIR/report,
 * in its own subdirectory for a quick or filtered run (measure/runid.h). */
static void report_dir(const app *a, char *dir, size_t n)
{
    if (a->cfg.report_dir != NULL)
        snprintf(dir, n, "%s", a->cfg.report_dir);
    else
        snprintf(dir, n, "%s/report%s%s", a->dir,
                 *cbench_runid_report_subdir(a->cfg.quick, a->cfg.n_filters > 0) ? "/" : "",
                 cbench_runid_report_subdir(a->cfg.quick, a->cfg.n_filters > 0));
}

/* The sentence at the top of a quick or filtered run's page (NULL for a
 * full run's). */
static const char *scope_of(const app *a, char *buf, size_t n)
{
    int filtered = a->cfg.n_filters > 0;
    if (!a->cfg.quick && !filtered)
        return NULL;
    size_t k = (size_t)snprintf(buf, n, "%s", a->cfg.quick ? "A quick run (--quick: fewer "
                                "rounds and samples, the quick parameters)" : "A filtered run");
    if (filtered) {
        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, "%s (FILTER", a->cfg.quick ? ", filtered" : "");
        for (unsigned i = 0; i < a->cfg.n_filters && k < n; i++)
            k += (size_t)snprintf(buf + k, n - k, " %s", a->cfg.filters[i]);
        k += (size_t)snprintf(buf + k, k < n ? n - k : 0, ")");
    }
    if (k < n)
        k += (size_t)snprintf(buf + k, n - k, ": compared with baseline '%s', saved as '%s'.",
                              a->auto_compare, a->auto_save);
    if (k < n && a->cfg.report_dir == NULL)
        snprintf(buf + k, n - k, " The last full run's report stays in %s/report/index.html.",
                 a->dir);
    return buf;
}

/* This executable's section of the run's report (lib/plot): its own
 * charts, then index.html from every section of the run. */
static int draw_charts(app *a)
{
    if (a->cfg.charts == CBENCH_CHARTS_NEVER || a->run->n_results == 0)
        return 0;
    char dir[1024], run_id[CBENCH_RUNID_MAX], scope[1024], err[1024];
    report_dir(a, dir, sizeof dir);
    cbench_runid(run_id, sizeof run_id);
    const char *slash = strrchr(a->argv0, '/');
    cbench_plot_section sec = {run_id, slash ? slash + 1 : a->argv0, a->argv0, a->base_name};
    cbench_plot_opts po = {dir, (cbench_charts_mode)a->cfg.charts, a->cfg.png, NULL, stderr,
                           scope_of(a, scope, sizeof scope)};
    cbench_run *hist[30];
    size_t nh = cbench_plot_load_history(a->dir, a->cfg.mode == CBENCH_MODE_INSTRUCTIONS,
                                         a->cfg.quick, hist, 30);
    int rc = cbench_plot_report(&po, &sec, a->run, a->base, (const cbench_run *const *)hist, nh,
                                err, sizeof err);
    for (size_t i = 0; i < nh; i++)
        cbench__run_free(hist[i]);
    if (rc != 0) {
        fprintf(stderr, "cbench: charts: %s\n", err);
    } else {
        char msg[1200];
        if (po.scope == NULL || a->cfg.report_dir != NULL)
            snprintf(msg, sizeof msg, "report written to %s/index.html", dir);
        else
            snprintf(msg, sizeof msg, "a %s run: its report is %s/index.html (the last full "
                     "run's report is not replaced)", a->cfg.quick ? "quick" : "filtered", dir);
        a->rep->notice(&a->ropts, msg);
    }
    return rc;
}

/* {=================================================================
 * Modes
 * ================================================================== */

/* The base name of the executable, for lines that say which one speaks. */
static const char *exe_name(const app *a)
{
    const char *slash = strrchr(a->argv0, '/');
    return slash ? slash + 1 : a->argv0;
}

/* "points: 78 benchmarks (default sweep; --sweep=full runs 234), about
 * 2 min", then the suite's own notes (how it chose its parameters). */
static void describe_plan(const app *a, const cbench_forecast *plan, void (*say)(void *, const char *),
                          void *ctx)
{
    char line[1200];
    cbench_forecast_describe(line, sizeof line, exe_name(a), plan, &a->cfg, a->n_full);
    say(ctx, line);
    const char *notes[8];
    size_t n = cbench_registry_notes((cbench_sweep)a->cfg.sweep, notes, 8);
    for (size_t i = 0; i < n; i++) {
        snprintf(line, sizeof line, "%s: %s", exe_name(a), notes[i]);
        say(ctx, line);
    }
}

static void say_stderr(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

/* The time estimate: each benchmark's plan, scaled by how long it took
 * the last time -- in the baseline compared with, else in the one this
 * kind of run saves into (a filtered run compares with the full run's). */
static int make_forecast(const app *a, cbench_forecast *plan)
{
    cbench_run *compared = NULL, *saved = NULL;
    char err[512];
    const char *base_name = a->cfg.baseline ? a->cfg.baseline : a->auto_compare;
    if (a->base == NULL)                  /* --list: nothing loaded yet */
        (void)cbench_store_load(a->dir, base_name, &compared, err, sizeof err);
    if (strcmp(a->auto_save, base_name) != 0)
        (void)cbench_store_load(a->dir, a->auto_save, &saved, err, sizeof err);
    const cbench_run *history[2] = {a->base ? a->base : compared, saved};
    int rc = cbench_forecast_make(plan, &a->cfg, a->inst, a->n_inst, history, 2,
                                  a->cfg.speed_tolerance > 0 && cbench_probe_core_meaningful());
    cbench__run_free(compared);
    cbench__run_free(saved);
    return rc;
}

/* --list: the ids on stdout; which sweep they are and why on stderr. */
static int list_ids(const app *a)
{
    cbench_forecast plan;
    if (make_forecast(a, &plan) == 0) {
        describe_plan(a, &plan, say_stderr, NULL);
        cbench_forecast_free(&plan);
    }
    for (size_t i = 0; i < a->n_inst; i++) {      /* a name may hold C1 bytes */
        cbench_text_fputs(stdout, CBENCH_TEXT_TERM, a->inst[i].id);
        putchar('\n');
    }
    return 0;
}

/* Baseline names are file names: shown as terminal text (model/text.h). */
static int list_baselines(const app *a)
{
    char **names = NULL, err[1400];
    size_t n = 0;
    if (cbench_store_where_check(&a->where, err, sizeof err) != 0
        || cbench_store_list(a->dir, &names, &n, err, sizeof err) != 0) {
        fprintf(stderr, "cbench: --list-baselines: %s\n", err);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < n; i++) {
        cbench_text_fputs(stdout, CBENCH_TEXT_TERM, names[i]);
        putchar('\n');
    }
    cbench_store_list_free(names, n);
    return 0;
}

/* --load-baseline NAME: report a stored run (compared with --baseline). */
static int load_and_report(app *a)
{
    char err[512];
    cbench_run *loaded = NULL;
    if (cbench_store_load(a->dir, a->cfg.load_baseline, &loaded, err, sizeof err) != 0) {
        fprintf(stderr, "cbench: --load-baseline %s: ", a->cfg.load_baseline);
        say_error(err);
        return EXIT_USAGE;
    }
    cbench__run_free(a->run);
    a->run = loaded;
    cbench_runner_compare_all(&a->cfg, a->run, a->cfg.baseline ? a->base : NULL);
    if (a->rep->begin)
        a->rep->begin(&a->ropts, a->run->n_results);
    int fails = 0;
    for (size_t i = 0; i < a->run->n_results; i++) {
        a->rep->result(&a->ropts, &a->run->results[i], i + 1);
        fails += cbench_report_is_failure(&a->run->results[i], a->cfg.fail_on_regression);
    }
    return fails ? 1 : 0;
}

/* With --save-baseline, keeps this executable beside the results so
 * `cbench ab --baseline NAME` can rerun the old code after the build
 * directory has moved on (lib/store/builds.c). Only when something was
 * measured; a failure loses nothing measured, so it is a notice. */
static void save_build(app *a)
{
    char err[512];
    if (a->cfg.save_baseline == NULL || a->run->n_results == 0)
        return;
    if (cbench_store_save_build(a->dir, a->cfg.save_baseline, a->cfg.quick, err,
                                sizeof err) != 0) {
        char msg[700];
        snprintf(msg, sizeof msg, "the build was not stored with baseline '%s', so "
                 "`cbench ab --baseline %s` cannot rerun it: %s", a->cfg.save_baseline,
                 a->cfg.save_baseline, err);
        a->rep->notice(&a->ropts, msg);
    }
}

/* After a comparison with --baseline NAME, when some results could not
 * rule out a change beyond the user's noise threshold (no verdict of
 * change, yet the interval reaches past it: drift between runs widens
 * intervals and thresholds alike), points once to the comparison that is
 * free of drift: the stored build of NAME against this one when there is
 * one. */
static void suggest_ab(app *a)
{
    if (a->cfg.baseline == NULL || a->base == NULL)
        return;
    size_t wide = 0, n = 0;
    for (size_t i = 0; i < a->run->n_results; i++) {
        const cbench_change *ch = &a->run->results[i].change;
        if (!a->run->results[i].has_change)
            continue;
        n++;
        wide += ch->verdict != CBENCH_VERDICT_REGRESSED &&
                ch->verdict != CBENCH_VERDICT_IMPROVED &&
                fmax(-ch->mean.lower, ch->mean.upper) > a->cfg.noise_threshold;
    }
    if (wide == 0)
        return;
    char why[700], th[32];
    snprintf(why, sizeof why, "%zu of %zu comparisons with baseline '%s' reported no change "
             "beyond the noise threshold (%s) but cannot rule one out: their intervals "
             "reach past it (the machine drifts between runs)", wide, n, a->cfg.baseline,
             cbench_plot_fmt_threshold(th, sizeof th, a->cfg.noise_threshold));
    notice_drift_free(a, why);
}

/* Start-up and end lines go into the report (a TAP comment, or the pretty
 * report) and, when the report is not itself on a terminal, to the
 * terminal that shows progress. */
typedef struct teller {
    app *a;
    cbench_progress *progress;
} teller;

static void say_both(void *ctx, const char *line)
{
    teller *t = ctx;
    t->a->rep->notice(&t->a->ropts, line);
    if (!isatty(fileno(t->a->ropts.out)))
        cbench_progress_say(t->progress, line);
}

/* "points: 78 benchmarks in 3 min 12 s (estimated 2 min 50 s)". */
static void say_done(teller *t, const cbench_forecast *plan, size_t n_done)
{
    char took[32], est[32], line[300];
    double s = (double)(cbench_clock_now_ns() - t->progress->t_start_ns) * 1e-9;
    snprintf(line, sizeof line, "%s: %zu of %zu benchmarks in %s (estimated %s)",
             exe_name(t->a), n_done, plan->n, cbench_progress_fmt_duration(took, sizeof took, s),
             cbench_progress_fmt_duration(est, sizeof est, plan->estimate_total_s));
    say_both(t, line);
}

static int measure(app *a)
{
    if (a->cfg.save_baseline != NULL)
        a->save_names[a->n_save++] = a->cfg.save_baseline;
    if (a->keep)
        a->save_names[a->n_save++] = a->auto_save;
    size_t saved = 0;
    cbench_forecast plan;
    cbench_progress progress;
    if (make_forecast(a, &plan) != 0)
        return 1;
    cbench_progress_open(&progress, a->argv0, NULL);
    teller t = {a, &progress};
    cbench_runner_env env = {
        &a->cfg, a->rep, &a->ropts, a->run, a->base, a->dir,
        a->save_names, a->n_save, &stop_requested, &plan, &progress, &saved,
    };
    if (a->rep->begin)
        a->rep->begin(&a->ropts, a->n_inst);
    describe_plan(a, &plan, say_both, &t);
    cbench_progress_start(&progress, plan.estimate_total_s);
    install_signals();
    int rc = cbench_runner_run(&env, a->inst, a->n_inst);
    say_done(&t, &plan, a->run->n_results);
    cbench_progress_close(&progress);
    cbench_forecast_free(&plan);
    save_build(a);
    suggest_ab(a);
    if (rc == CBENCH_EINTR) {
        fprintf(stderr, "cbench: interrupted; %zu finished result(s) were saved to %s/%s.json\n",
                saved, a->dir, a->save_names[0]);
        return EXIT_INTERRUPTED;
    }
    if (rc < 0) {
        fprintf(stderr, "cbench: %s\n", cbench_strerror(rc));
        return 1;
    }
    return rc > 0 ? 1 : 0;
}

static int run_app(app *a)
{
    if (a->cfg.list)
        return list_ids(a);
    if (a->cfg.list_baselines)
        return list_baselines(a);
    if (a->cfg.worker_id != NULL)
        return cbench_instr_worker(&a->cfg, a->inst, a->n_inst);
    if (a->n_inst == 0 && a->cfg.load_baseline == NULL) {
        fprintf(stderr, "cbench: no benchmark matches the filter (see --list)\n");
        return EXIT_USAGE;
    }
    if (a->cfg.profile_time_s > 0)
        return cbench_instr_profile(&a->cfg, a->inst, a->n_inst);
    setup_reporting(a);
    if (setup_context(a) != 0) {
        fprintf(stderr, "cbench: %s\n", cbench_strerror(CBENCH_ENOMEM));
        return 1;
    }
    print_notes(a);
    if (check_store(a) != 0 || load_comparison(a) != 0)
        return EXIT_USAGE;
    set_settle(a);
    note_drift(a);
    int status;
    if (a->cfg.load_baseline != NULL)
        status = load_and_report(a);
    else if (a->cfg.mode == CBENCH_MODE_INSTRUCTIONS)
        status = cbench_instr_measure(&a->cfg, a->inst, a->n_inst, a->run, a->base,
                                      a->rep, &a->ropts, a->keep ? a->dir : NULL);
    else
        status = measure(a);
    if (write_export(a) != 0 && status == 0)
        status = 1;
    if (print_data_format(a) != 0 && status == 0)
        status = 1;
    if (status != EXIT_INTERRUPTED && (a->keep || a->cfg.report_dir != NULL) &&
        draw_charts(a) != 0 && a->cfg.charts == CBENCH_CHARTS_ALWAYS)
        status = status ? status : 1;
    /* How the swept benchmarks scale: complexity and knees, at the end. */
    cbench_analysis_opts o;
    cbench_runner_analysis_opts(&a->cfg, &o);
    char *scaling = status == EXIT_INTERRUPTED ? NULL : cbench_report_scaling_summary(a->run, &o);
    if (a->rep->end)
        a->rep->end(&a->ropts, scaling);
    free(scaling);
    return status;
}

int cbench_main_ex(int argc, char **argv, int user_code_optimized)
{
    app a;
    memset(&a, 0, sizeof a);
    a.argv0 = argc > 0 ? argv[0] : "bench";
    a.optimized = user_code_optimized;
    cbench_config_default(&a.cfg);
    a.cfg.charts = strcmp(CBENCH_CHARTS_DEFAULT, "never") == 0 ? CBENCH_CHARTS_NEVER
                 : strcmp(CBENCH_CHARTS_DEFAULT, "always") == 0 ? CBENCH_CHARTS_ALWAYS
                 : CBENCH_CHARTS_AUTO;
    char err[512];
    if (cbench_cli_parse(&a.cfg, argc, argv, err, sizeof err) != 0
        || cbench_counters_check(a.cfg.counters, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", a.argv0, err);
        free((void *)a.cfg.filters);
        return EXIT_USAGE;
    }
    int status;
    if (a.cfg.help || a.cfg.version) {
        if (a.cfg.help)
            cbench_cli_usage(stdout, a.argv0);
        else
            printf("cbench %s\n", CBENCH_VERSION);
        status = 0;
    } else if (cbench_registry_error() != NULL) {
        fprintf(stderr, "%s: %s\n", a.argv0, cbench_registry_error());
        status = EXIT_USAGE;
    } else {
        apply_quick(&a.cfg);
        a.where = cbench_store_locate(a.cfg.baseline_dir);
        a.dir = a.where.dir;
        name_auto_baselines(&a);
        status = select_instances(&a) != 0 ? EXIT_USAGE : run_app(&a);
    }
    /* Whatever went to standard output (report, listing, export) must
     * have arrived: > /dev/full is a failure, not a success. */
    if (cbench_export_finish(stdout, "standard output", err, sizeof err) != 0) {
        if (!a.stdout_failed)
            fprintf(stderr, "%s: %s\n", a.argv0, err);
        status = status ? status : 1;
    }
    free(a.inst);
    free((void *)a.cfg.filters);
    cbench__run_free(a.run);
    cbench__run_free(a.base);
    return status;
}

int cbench_main(int argc, char **argv)
{
    return cbench_main_ex(argc, argv, CBENCH_OPTIMIZED);
}
