/* SPDX-License-Identifier: MIT
 *
 * setup.c - a bench executable before it measures: the reporter (TAP,
 * pretty), the run's context and notes, the baseline directory and the
 * baseline compared with, and the notices about the machine's drift that
 * point to the comparison free of it (`cbench ab`).
 */
#include "run/app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "measure/env.h"
#include "measure/probe.h"
#include "measure/runid.h"
#include "model/drift.h"
#include "model/text.h"
#include "report/units.h"

static int stdout_is_data(const cbench_config *cfg)
{
    return cfg->format == CBENCH_FORMAT_GBENCH_JSON || cfg->format == CBENCH_FORMAT_CSV
        || cfg->format == CBENCH_FORMAT_JSON || cbench_store_is_stdout(cfg->export_path);
}

/* Reporter: TAP when asked or when stdout is not a terminal (Meson);
 * pretty on a terminal; with a data format on stdout, pretty on stderr. */
void cbench__app_setup_reporting(app *a)
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


int cbench__app_setup_context(app *a)
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
void cbench__app_print_notes(app *a)
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
void cbench__app_name_auto_baselines(app *a)
{
    int instr = a->cfg.mode == CBENCH_MODE_INSTRUCTIONS, filtered = a->cfg.n_filters > 0;
    cbench_runid_auto_baseline(instr, a->cfg.quick, filtered, 0, a->auto_compare,
                               sizeof a->auto_compare);
    cbench_runid_auto_baseline(instr, a->cfg.quick, filtered, 1, a->auto_save,
                               sizeof a->auto_save);
}

/* The rest of an error line on stderr: a loader's message may quote what
 * a file holds, shown as terminal text (model/text.h). */
void cbench__app_say_error(const char *err)
{
    cbench_text_fput_lines(stderr, err, " ");
    fputc('\n', stderr);
}

/* The baseline to compare with: --baseline NAME (must exist unless
 * lenient) or the previous run of this kind ("last" for a full run,
 * silently absent the first time). */
int cbench__app_load_comparison(app *a)
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
    cbench__app_say_error(err);
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
void cbench__app_set_settle(app *a)
{
    if (a->base == NULL)
        return;
    ab_command(a, a->settle, sizeof a->settle, NULL);
    a->ropts.drift = (cbench_report_drift){a->cfg.noise_threshold, a->settle};
}

/* Says once when the machine itself moved since the baseline was saved:
 * each change test then widens its noise threshold by the drift its
 * benchmark saw (measure/probe.h). */
void cbench__app_note_drift(app *a)
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
int cbench__app_check_store(app *a)
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

/* After a comparison with --baseline NAME, when some results could not
 * rule out a change beyond the user's noise threshold (no verdict of
 * change, yet the interval reaches past it: drift between runs widens
 * intervals and thresholds alike), points once to the comparison that is
 * free of drift: the stored build of NAME against this one when there is
 * one. */
void cbench__app_suggest_ab(app *a)
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
