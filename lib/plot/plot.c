/* SPDX-License-Identifier: MIT
 *
 * plot.c - draws every chart of a run in one gnuplot batch (see draw.h):
 * the batch's state (draw_job.h), sending each chart to gnuplot and
 * listing it for the report, the run's summary chart, and what the
 * report keeps when gnuplot fails. Which charts there are is decided in
 * draw_bench.c, draw_group.c and draw_lines.c.
 */
#include "plot/draw.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot/draw_job.h"
#include "plot/plot.h"
#include "plot/sections.h"
#include "report/units.h"

int cbench_plot_parse_mode(const char *s, cbench_charts_mode *mode)
{
    static const char *names[] = {"auto", "always", "never"};
    for (int i = 0; i < 3; i++)
        if (s != NULL && strcmp(s, names[i]) == 0) {
            *mode = (cbench_charts_mode)i;
            return 0;
        }
    return CBENCH_EINVAL;
}

/* {=================================================================
 * The batch's own strings.
 * ================================================================== */

int cbench_plot_job_keep(plot_job *j, char *s)
{
    if (s == NULL)
        return CBENCH_ENOMEM;
    if (j->n_owned == j->cap_owned) {
        size_t cap = j->cap_owned ? 2 * j->cap_owned : 64;
        char **p = realloc(j->owned, cap * sizeof *p);
        if (p == NULL) {
            free(s);
            return CBENCH_ENOMEM;
        }
        j->owned = p;
        j->cap_owned = cap;
    }
    j->owned[j->n_owned++] = s;
    return 0;
}

/* {=================================================================
 * Drawing.
 * ================================================================== */

static int add_chart(plot_job *j, const char *key, int is_group, const char *title,
                     const char *file)
{
    if (j->n_charts == j->cap_charts) {
        size_t cap = j->cap_charts ? 2 * j->cap_charts : 64;
        cbench_html_chart *c = realloc(j->charts, cap * sizeof *c);
        if (c == NULL)
            return CBENCH_ENOMEM;
        j->charts = c;
        j->cap_charts = cap;
    }
    j->charts[j->n_charts++] = (cbench_html_chart){key, is_group, title, file};
    return 0;
}

static int note_sent(plot_job *j, const char *rel)
{
    if (j->n_sent == j->cap_sent) {
        size_t cap = j->cap_sent ? 2 * j->cap_sent : 64;
        const char **p = realloc(j->sent, cap * sizeof *p);
        if (p == NULL)
            return CBENCH_ENOMEM;
        j->sent = p;
        j->cap_sent = cap;
    }
    j->sent[j->n_sent++] = rel;
    return 0;
}

/* After gnuplot failed or was stopped: the charts it did not finish
 * leave the page and their (partial) files are removed, so the report
 * shows what was drawn and no broken image. */
static void drop_undrawn(plot_job *j, size_t done)
{
    for (size_t i = done; i < j->n_sent; i++) {
        char *path = cbench_plot_join(j->in->dir, j->sent[i]);
        if (path != NULL)
            unlink(path);
        free(path);
        if (j->summary == j->sent[i])
            j->summary = NULL;
        size_t k = 0;
        for (size_t c = 0; c < j->n_charts; c++)
            if (j->charts[c].file != j->sent[i])
                j->charts[k++] = j->charts[c];
        j->n_charts = k;
    }
}

int cbench_plot_job_draw(plot_job *j, const char *key, int is_group, const char *base,
                         const char *kind, const char *title, chart_fn fn, const void *arg)
{
    size_t rlen = strlen(j->in->charts) + strlen(base) + strlen(kind) + 8;
    size_t plen = strlen(j->in->dir) + rlen + 2;
    char *rel = malloc(rlen), *path = malloc(plen), *script = NULL;
    size_t len = 0;
    if (rel == NULL || path == NULL) {
        free(rel);
        free(path);
        return CBENCH_ENOMEM;
    }
    snprintf(rel, rlen, "%s/%s-%s.%s", j->in->charts, base, kind, j->in->png ? "png" : "svg");
    snprintf(path, plen, "%s/%s", j->in->dir, rel);
    FILE *f = open_memstream(&script, &len);
    int rc = f ? fn(f, &(cbench_plot_target){path, j->in->png}, j, arg) : CBENCH_ENOMEM;
    if (f != NULL && fclose(f) != 0 && rc == 0)
        rc = CBENCH_ENOMEM;
    if (rc == 0)
        rc = cbench_plot_gp_send(j->gp, rel, script, len);
    free(script);
    free(path);
    if (rc != 0) {
        free(rel);
        return rc == CBENCH_EDOMAIN ? 0 : rc;
    }
    rc = cbench_plot_job_keep(j, rel);
    if (rc == 0)
        rc = note_sent(j, rel);
    if (rc == 0 && key == NULL)
        j->summary = rel;                 /* the summary chart: not in the list */
    else if (rc == 0)
        rc = add_chart(j, key, is_group, title, j->owned[j->n_owned - 1]);
    return rc;
}

/* {=================================================================
 * The summary chart.
 * ================================================================== */

static int chart_summary(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    size_t n = j->run->n_results;
    cbench_plot_srow *rows = calloc(n ? n : 1, sizeof *rows);
    if (rows == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const cbench_result *r = &j->run->results[i];
        rows[i] = (cbench_plot_srow){cbench_plot_short_label(r), r->group, *cbench_html_headline(r),
                                     r->ratio_to_reference, r->reference, j->colours[i]};
    }
    int rc = cbench_plot_chart_summary(f, t, arg, rows, n);
    free(rows);
    return rc;
}

/* The summary chart's file base: "run", unless a result took it. */
static int draw_summary(plot_job *j, const char *title)
{
    char *base = cbench_plot_unique_name(j->base_names, j->run->n_results, "", "run");
    int rc = cbench_plot_job_keep(j, base);
    if (rc == 0)
        rc = cbench_plot_job_draw(j, NULL, 0, base, "summary", "Summary", chart_summary, title);
    return rc;
}

/* {=================================================================
 * The batch.
 * ================================================================== */

static int draw_all(plot_job *j)
{
    int rc = cbench_plot_gp_open(&j->gp, j->in->gnuplot, j->err, j->errlen);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < j->run->n_results && rc == 0; i++)
        rc = cbench_plot_draw_benchmark(j, &j->run->results[i]);
    if (rc == 0)
        rc = cbench_plot_draw_groups(j);
    if (rc == 0)
        rc = draw_summary(j, j->in->title ? j->in->title : "Summary");
    char gp_err[1024] = "";
    size_t done;
    int rc2 = cbench_plot_gp_close(j->gp, &done, gp_err, sizeof gp_err);
    j->gp = NULL;
    if (rc2 != 0) {
        drop_undrawn(j, done);
        snprintf(j->err, j->errlen, "%s", gp_err);
        return rc2;
    }
    if (rc != 0)
        snprintf(j->err, j->errlen, "drawing charts: %s", cbench_strerror(rc));
    return rc;
}

int cbench_plot_draw(const cbench_plot_draw_in *in, cbench_plot_drawn *out, char *err,
                     size_t errlen)
{
    plot_job j = {.in = in, .run = in->run, .base = in->base, .history = in->history,
                  .n_history = in->history ? in->n_history : 0, .err = err, .errlen = errlen};
    int rc = cbench_plot_job_colours(&j);
    if (rc == 0)
        rc = cbench_plot_job_names(&j);
    if (rc == 0 && cbench_scaling_fit(j.run, NULL, &j.sweeps) == CBENCH_ENOMEM)
        rc = CBENCH_ENOMEM;
    if (rc == 0)
        rc = draw_all(&j);
    else
        snprintf(err, errlen, "out of memory drawing charts");
    for (size_t i = 0; j.base_names && i < j.run->n_results; i++)
        free(j.base_names[i]);
    free(j.base_names);
    free(j.colours);
    free(j.sent);
    cbench_scaling_free(&j.sweeps);
    *out = (cbench_plot_drawn){j.charts, j.n_charts, j.summary, j.owned, j.n_owned};
    return rc;
}

void cbench_plot_drawn_free(cbench_plot_drawn *d)
{
    for (size_t i = 0; i < d->n_owned; i++)
        free(d->owned[i]);
    free(d->owned);
    free(d->charts);
    memset(d, 0, sizeof *d);
}
