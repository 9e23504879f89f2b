/* SPDX-License-Identifier: MIT
 *
 * outputs.c - what a bench executable writes after its run: the
 * --export file, a --format data format on standard output, and its
 * section of the run's HTML report.
 */
#include "run/app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/runid.h"
#include "plot/plot.h"
#include "store/export.h"

/* {=================================================================
 * After the run: exports and charts.
 * ================================================================== */

/* The run in --export-format as text in *out (free()), length *len;
 * 0, CBENCH_ENOMEM, or CBENCH_EIO (a memory stream that failed). */
static int export_text(const app *a, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (a->cfg.export_format == CBENCH_EXPORT_JSON) {
        *out = cbench_store_serialize(a->run, len);
        return *out != NULL ? 0 : CBENCH_ENOMEM;
    }
    FILE *f = open_memstream(out, len);
    if (f == NULL)
        return CBENCH_ENOMEM;
    int rc = a->cfg.export_format == CBENCH_EXPORT_CSV ? cbench_export_csv(f, a->run)
                                                       : cbench_export_gbench(f, a->run);
    if (fclose(f) != 0 && rc == 0)
        rc = CBENCH_ENOMEM;
    if (rc != 0) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

int cbench__app_write_export(app *a)
{
    if (a->cfg.export_path == NULL)
        return 0;
    size_t len;
    char *text, err[512];
    int rc = export_text(a, &text, &len);
    if (rc == 0)
        rc = cbench_store_write_atomic(a->cfg.export_path, text, len, err, sizeof err);
    else
        snprintf(err, sizeof err, "%s", cbench_strerror(rc));
    free(text);
    if (rc != 0)
        fprintf(stderr, "cbench: --export %s: %s\n", a->cfg.export_path, err);
    return rc;
}

/* --format gbench-json|csv|json on standard output; 0 or 1 (said why). */
int cbench__app_print_data_format(app *a)
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
int cbench__app_draw_charts(app *a)
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
