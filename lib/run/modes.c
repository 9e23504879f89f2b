/* SPDX-License-Identifier: MIT
 *
 * modes.c - what a bench executable does once set up: list its ids or
 * the baselines, report a stored baseline, or measure (the start-up plan,
 * progress, the runner, the end line, and storing the build with a saved
 * baseline).
 */
#include "run/app.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/clock.h"
#include "measure/probe.h"
#include "model/text.h"
#include "run/forecast.h"
#include "run/progress.h"
#include "run/runner.h"

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
int cbench__app_list_ids(const app *a)
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
int cbench__app_list_baselines(const app *a)
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
int cbench__app_load_and_report(app *a)
{
    char err[512];
    cbench_run *loaded = NULL;
    if (cbench_store_load(a->dir, a->cfg.load_baseline, &loaded, err, sizeof err) != 0) {
        fprintf(stderr, "cbench: --load-baseline %s: ", a->cfg.load_baseline);
        cbench__app_say_error(err);
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

int cbench__app_measure(app *a)
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
    cbench__app_suggest_ab(a);
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
