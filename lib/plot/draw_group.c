/* SPDX-License-Identifier: MIT
 *
 * draw_group.c - the charts of each group of a batch (see draw_job.h):
 * the violins of its benchmarks, its sweep charts (draw_lines.c), the
 * per-axis charts of its benchmarks with several parameters
 * (draw_axes.c) and its thread-scaling chart, under a file base
 * "group-<name>" unique among the results' bases.
 */
#include <stdlib.h>
#include <string.h>

#include "plot/draw_job.h"
#include "report/units.h"

static int same_group(const cbench_result *r, const char *g)
{
    return strcmp(r->group ? r->group : "", g) == 0;
}

static int chart_violin(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const group_ref *g = arg;
    const char **labels = calloc(g->n, sizeof *labels);
    const char **colours = calloc(g->n, sizeof *colours);
    int rc = CBENCH_ENOMEM;
    if (labels != NULL && colours != NULL) {
        for (size_t i = 0; i < g->n; i++) {
            labels[i] = cbench_plot_short_label(g->rs[i]);
            colours[i] = j->colours[cbench_plot_job_index(j, g->rs[i])];
        }
        rc = cbench_plot_chart_violin(f, t, g->name, g->rs, labels, colours, g->n);
    }
    free(labels);
    free(colours);
    return rc;
}

static int chart_threads(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const group_ref *g = arg;
    const char **colours = calloc(g->n ? g->n : 1, sizeof *colours);
    if (colours == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < g->n; i++)
        colours[i] = j->colours[cbench_plot_job_index(j, g->rs[i])];
    int rc = cbench_plot_chart_group_threads(f, t, g->name, g->rs, colours, g->n);
    free(colours);
    return rc;
}

static int draw_group(plot_job *j, const group_ref *g, const char *base)
{
    int rc = cbench_plot_job_draw(j, g->name, 1, base, "violin",
                                  "Distribution of every benchmark (violin)", chart_violin, g);
    if (rc == 0)
        rc = cbench_plot_draw_sweeps(j, g, base);
    if (rc == 0)
        rc = cbench_plot_draw_axes(j, g, base);
    if (rc == 0 && cbench_plot_threads_drawable(g->rs, g->n))
        rc = cbench_plot_job_draw(j, g->name, 1, base, "threads",
                                  "Throughput vs threads (dashed: ideal scaling)", chart_threads,
                                  g);
    return rc;
}

int cbench_plot_draw_groups(plot_job *j)
{
    size_t n = j->run->n_results;
    group_ref g = {NULL, calloc(n ? n : 1, sizeof *g.rs), 0};
    char **taken = calloc(2 * n + 1, sizeof *taken);
    int rc = (g.rs && taken) ? 0 : CBENCH_ENOMEM;
    size_t n_taken = 0;
    for (size_t i = 0; i < n && taken; i++)
        taken[n_taken++] = j->base_names[i];
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *name = j->run->results[i].group ? j->run->results[i].group : "";
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            seen |= same_group(&j->run->results[k], name);
        if (seen)
            continue;
        g.name = name;
        g.n = 0;
        for (size_t k = i; k < n; k++)
            if (same_group(&j->run->results[k], name))
                g.rs[g.n++] = &j->run->results[k];
        char *base = cbench_plot_unique_name(taken, n_taken, "group-", name);
        rc = cbench_plot_job_keep(j, base);
        if (rc == 0) {
            taken[n_taken++] = base;
            rc = draw_group(j, &g, base);
        }
    }
    free(taken);
    free(g.rs);
    return rc;
}
