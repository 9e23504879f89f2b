/* SPDX-License-Identifier: MIT
 *
 * draw_names.c - the names and colours of a batch's charts (see
 * draw_job.h): a unique file base per result (case-insensitively, for
 * file systems that ignore case), a colour per benchmark name, and which
 * files of a charts directory are charts cbench drew (draw.h).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "plot/draw_job.h"
#include "report/units.h"

#define NAME_MAX_LEN 96

/* Whether 'name' is already among the first n bases (ignoring case, for
 * file systems that do). */
static int name_taken(char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] != NULL && strcasecmp(names[i], name) == 0)
            return 1;
    return 0;
}

char *cbench_plot_unique_name(char *const *taken, size_t n, const char *prefix, const char *s)
{
    char safe[NAME_MAX_LEN], full[NAME_MAX_LEN + 24];
    cbench_plot_safe_name(safe, sizeof safe, s);
    snprintf(full, sizeof full, "%s%s", prefix, safe);
    for (unsigned k = 2; name_taken(taken, n, full); k++)
        snprintf(full, sizeof full, "%s%s-%u", prefix, safe, k);
    return strdup(full);
}

/* Colour slots: each distinct benchmark name starts at its hash slot and
 * probes to the next free one, in order of first appearance, so that
 * names in one report never share a colour while there are enough. */
int cbench_plot_job_colours(plot_job *j)
{
    size_t n = j->run->n_results, used = 0;
    j->colours = calloc(n ? n : 1, sizeof *j->colours);
    if (j->colours == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *name = j->run->results[i].name ? j->run->results[i].name : "";
        for (size_t k = 0; k < i && j->colours[i] == NULL; k++)
            if (strcmp(j->run->results[k].name ? j->run->results[k].name : "", name) == 0)
                j->colours[i] = j->colours[k];
        if (j->colours[i] != NULL)
            continue;
        size_t slot = cbench_plot_hash(name) % CBENCH_PLOT_PALETTE;
        for (size_t tries = 0; used < CBENCH_PLOT_PALETTE && tries < CBENCH_PLOT_PALETTE; tries++) {
            int taken = 0;
            for (size_t k = 0; k < i; k++)
                taken |= j->colours[k] == cbench_plot_colour(slot);
            if (!taken)
                break;
            slot = (slot + 1) % CBENCH_PLOT_PALETTE;
        }
        j->colours[i] = cbench_plot_colour(slot);
        used++;
    }
    return 0;
}

int cbench_plot_job_names(plot_job *j)
{
    size_t n = j->run->n_results;
    j->base_names = calloc(n ? n : 1, sizeof *j->base_names);
    if (j->base_names == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *id = j->run->results[i].id ? j->run->results[i].id : "bench";
        j->base_names[i] = cbench_plot_unique_name(j->base_names, i, "", id);
        if (j->base_names[i] == NULL)
            return CBENCH_ENOMEM;
    }
    return 0;
}

/* Whether a file name is one of ours: <base>-<kind>.<svg|png>. */
static int is_chart_file(const char *name)
{
    static const char *kinds[] = {"pdf", "regression", "both", "change", "history",
                                  "violin", "lines", "throughput", "threads", "summary"};
    const char *dash = strrchr(name, '-'), *dot = strrchr(name, '.');
    if (dash == NULL || dot == NULL || dot < dash || name[0] == '.'
        || (strcmp(dot, ".svg") != 0 && strcmp(dot, ".png") != 0))
        return 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if ((size_t)(dot - dash - 1) == strlen(kinds[i])
            && strncmp(dash + 1, kinds[i], strlen(kinds[i])) == 0)
            return 1;
    /* axis1, axis2, ...: the per-axis charts of a group (draw_axes.c) */
    const char *k = dash + 1;
    if (dot - k <= 4 || strncmp(k, "axis", 4) != 0)
        return 0;
    for (k += 4; k < dot; k++)
        if (*k < '0' || *k > '9')
            return 0;
    return 1;
}

void cbench_plot_remove_charts(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_chart_file(e->d_name))
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (p != NULL) {
            snprintf(p, n, "%s/%s", dir, e->d_name);
            unlink(p);
            free(p);
        }
    }
    closedir(d);
}
