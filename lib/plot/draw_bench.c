/* SPDX-License-Identifier: MIT
 *
 * draw_bench.c - the charts of one benchmark in a batch (see
 * draw_job.h): its density and regression, against the base its
 * overlaid densities and the change the verdict tested, and its history
 * across the saved runs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/draw_job.h"
#include "report/html.h"

static int chart_pdf(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    return cbench_plot_chart_pdf(f, t, r, j->colours[cbench_plot_job_index(j, r)]);
}

static int chart_regression(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    return cbench_plot_chart_regression(f, t, r, j->colours[cbench_plot_job_index(j, r)]);
}

static int chart_both(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    const cbench_result *b = cbench__run_find(j->base, r->id);
    return cbench_plot_chart_both_pdf(f, t, r, b, j->colours[cbench_plot_job_index(j, r)]);
}

static int chart_change(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    double run_noise = j->run->ctx.noise_threshold;
    double noise = isfinite(r->change.noise_threshold) ? r->change.noise_threshold : run_noise;
    int widened = isfinite(run_noise) && noise > run_noise * (1 + 1e-9);
    return cbench_plot_chart_change(f, t, r, noise > 0 ? noise : NAN, widened,
                                    j->colours[cbench_plot_job_index(j, r)]);
}

/* A short label for a run: its date as "YYYY-MM-DD HH:MM", or "run N". */
static void run_label(char *buf, size_t n, const cbench_run *run, size_t index)
{
    const char *d = run->ctx.date;
    if (d != NULL && strlen(d) >= 16)
        snprintf(buf, n, "%.10s %.5s", d, d + 11);
    else if (d != NULL && *d)
        snprintf(buf, n, "%s", d);
    else
        snprintf(buf, n, "run %zu", index + 1);
}

int cbench_plot_same_run(const cbench_run *h, const cbench_run *run)
{
    if (h == run)
        return 1;
    const cbench_context *a = &h->ctx, *b = &run->ctx;
    return a->date != NULL && b->date != NULL && strcmp(a->date, b->date) == 0
           && a->seed == b->seed          /* two runs can start in one second */
           && (a->host == NULL) == (b->host == NULL)
           && (a->host == NULL || strcmp(a->host, b->host) == 0);
}

static int chart_history(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    cbench_plot_hpoint *p = calloc(j->n_history + 1, sizeof *p);
    char (*labels)[40] = calloc(j->n_history + 1, sizeof *labels);
    size_t n = 0;
    int rc = CBENCH_ENOMEM;
    if (p != NULL && labels != NULL) {
        for (size_t h = 0; h <= j->n_history; h++) {
            const cbench_run *run = h < j->n_history ? j->history[h] : j->run;
            if (h < j->n_history && cbench_plot_same_run(run, j->run))
                continue;                 /* this run, already saved */
            const cbench_result *hr = run ? cbench__run_find(run, r->id) : NULL;
            if (hr == NULL || !isfinite(cbench_html_headline(hr)->point))
                continue;
            run_label(labels[n], sizeof labels[n], run, h);
            p[n] = (cbench_plot_hpoint){labels[n], *cbench_html_headline(hr)};
            n++;
        }
        rc = cbench_plot_chart_history(f, t, r->id, p, n, j->colours[cbench_plot_job_index(j, r)]);
    }
    free(p);
    free(labels);
    return rc;
}

int cbench_plot_draw_benchmark(plot_job *j, const cbench_result *r)
{
    const char *base = j->base_names[cbench_plot_job_index(j, r)];
    int rc = cbench_plot_job_draw(j, r->id, 0, base, "pdf", "Density of the time per iteration",
                                  chart_pdf, r);
    if (rc == 0)
        rc = cbench_plot_job_draw(j, r->id, 0, base, "regression",
                                  "Time vs iterations (regression)", chart_regression, r);
    if (rc == 0 && j->base != NULL && cbench__run_find(j->base, r->id) != NULL)
        rc = cbench_plot_job_draw(j, r->id, 0, base, "both", "Density: base vs new", chart_both,
                                  r);
    if (rc == 0 && r->has_change)
        rc = cbench_plot_job_draw(j, r->id, 0, base, "change",
                                  "Change vs base, as the verdict tests it", chart_change, r);
    if (rc == 0 && j->n_history > 0)
        rc = cbench_plot_job_draw(j, r->id, 0, base, "history", "History across saved runs",
                                  chart_history, r);
    return rc;
}
