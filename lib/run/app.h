/* SPDX-License-Identifier: MIT
 *
 * app.h - what a bench executable's main sets up (run/main.c), shared by
 * the files that do its jobs: setting up reporting, the store and the
 * baseline compared with (run/setup.c), the modes that measure, list or
 * report (run/modes.c), and the outputs after a run (run/outputs.c). Not
 * for use outside lib/run/.
 */
#ifndef CBENCH_RUN_APP_H
#define CBENCH_RUN_APP_H

#include <stddef.h>

#include "measure/registry.h"
#include "model/result.h"
#include "report/report.h"
#include "run/config.h"
#include "store/store.h"

#define EXIT_USAGE 2
#define EXIT_INTERRUPTED 130

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

/* run/main.c: the instances the filters select (0, or non-zero said). */
int cbench__app_select_instances(app *a);

/* run/setup.c: before measuring. */
void cbench__app_setup_reporting(app *a);
int cbench__app_setup_context(app *a);
void cbench__app_print_notes(app *a);
void cbench__app_name_auto_baselines(app *a);
void cbench__app_say_error(const char *err);
int cbench__app_check_store(app *a);
int cbench__app_load_comparison(app *a);
void cbench__app_set_settle(app *a);
void cbench__app_note_drift(app *a);
void cbench__app_suggest_ab(app *a);

/* run/modes.c: what a run does. */
int cbench__app_list_ids(const app *a);
int cbench__app_list_baselines(const app *a);
int cbench__app_load_and_report(app *a);
int cbench__app_measure(app *a);

/* run/outputs.c: after the run (0, or non-zero said on stderr). */
int cbench__app_write_export(app *a);
int cbench__app_print_data_format(app *a);
int cbench__app_draw_charts(app *a);

#endif
