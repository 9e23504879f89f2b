/* SPDX-License-Identifier: MIT
 *
 * main.c - cbench_main: from argv to an exit status. Parses the command
 * line, selects the benchmarks, picks the mode (list, profile,
 * deterministic, load a baseline, or a normal run) and runs it between
 * its set-up (run/setup.c) and its outputs (run/outputs.c); the modes
 * are run/modes.c.
 */
#include "run/app.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "cbench_config.h"
#include "perf/counters.h"
#include "plot/plot.h"
#include "report/scaling.h"
#include "run/cli.h"
#include "run/instr_mode.h"
#include "run/runner.h"
#include "stats/analysis.h"
#include "store/export.h"

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
int cbench__app_select_instances(app *a)
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

static int run_app(app *a)
{
    if (a->cfg.list)
        return cbench__app_list_ids(a);
    if (a->cfg.list_baselines)
        return cbench__app_list_baselines(a);
    if (a->cfg.worker_id != NULL)
        return cbench_instr_worker(&a->cfg, a->inst, a->n_inst);
    if (a->n_inst == 0 && a->cfg.load_baseline == NULL) {
        fprintf(stderr, "cbench: no benchmark matches the filter (see --list)\n");
        return EXIT_USAGE;
    }
    if (a->cfg.profile_time_s > 0)
        return cbench_instr_profile(&a->cfg, a->inst, a->n_inst);
    cbench__app_setup_reporting(a);
    if (cbench__app_setup_context(a) != 0) {
        fprintf(stderr, "cbench: %s\n", cbench_strerror(CBENCH_ENOMEM));
        return 1;
    }
    cbench__app_print_notes(a);
    if (cbench__app_check_store(a) != 0 || cbench__app_load_comparison(a) != 0)
        return EXIT_USAGE;
    cbench__app_set_settle(a);
    cbench__app_note_drift(a);
    int status;
    if (a->cfg.load_baseline != NULL)
        status = cbench__app_load_and_report(a);
    else if (a->cfg.mode == CBENCH_MODE_INSTRUCTIONS)
        status = cbench_instr_measure(&a->cfg, a->inst, a->n_inst, a->run, a->base,
                                      a->rep, &a->ropts, a->keep ? a->dir : NULL);
    else
        status = cbench__app_measure(a);
    if (cbench__app_write_export(a) != 0 && status == 0)
        status = 1;
    if (cbench__app_print_data_format(a) != 0 && status == 0)
        status = 1;
    if (status != EXIT_INTERRUPTED && (a->keep || a->cfg.report_dir != NULL) &&
        cbench__app_draw_charts(a) != 0 && a->cfg.charts == CBENCH_CHARTS_ALWAYS)
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
        cbench__app_name_auto_baselines(&a);
        status = cbench__app_select_instances(&a) != 0 ? EXIT_USAGE : run_app(&a);
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
