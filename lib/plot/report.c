/* SPDX-License-Identifier: MIT
 *
 * report.c - cbench_plot_report (see plot.h): one section of a run's
 * report, under the report directory's lock: remove the sections of
 * earlier runs, draw this section's charts (draw.h) into its own
 * directory, store the section (sections.h), rewrite index.html from
 * every section of the run (report/html.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "measure/runid.h"
#include "plot/draw.h"
#include "plot/gnuplot.h"
#include "plot/plot.h"
#include "plot/sections.h"
#include "report/units.h"
#include "store/store.h"

size_t cbench_plot_load_history(const char *dir, int instr, int quick, cbench_run **hist,
                                size_t max)
{
    char **names = NULL;
    size_t n = 0, k = 0;
    if (cbench_store_list(dir, &names, &n, NULL, 0) != 0)
        return 0;
    for (size_t i = 0; i < n && k < max; i++) {
        cbench_run *h = NULL;
        if (cbench_runid_history_ok(names[i], instr, quick)
            && cbench_store_load(dir, names[i], &h, NULL, 0) == 0)
            hist[k++] = h;
    }
    cbench_store_list_free(names, n);
    for (size_t i = 1; i < k; i++)            /* insertion sort by date, stable */
        for (size_t j = i; j > 0 && hist[j - 1]->ctx.date && hist[j]->ctx.date
                           && strcmp(hist[j - 1]->ctx.date, hist[j]->ctx.date) > 0; j--) {
            cbench_run *t = hist[j];
            hist[j] = hist[j - 1];
            hist[j - 1] = t;
        }
    return k;
}

static int check_opts(const cbench_plot_opts *o, const cbench_plot_section *s,
                      const cbench_run *run, char *err, size_t errlen)
{
    if (o == NULL || run == NULL || s == NULL)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "plot: no options, section or run given");
    if (o->dir == NULL || *o->dir == '\0')
        return cbench__fail(err, errlen, CBENCH_EINVAL, "plot: no report directory given");
    if (s->run_id == NULL || *s->run_id == '\0' || s->name == NULL || *s->name == '\0')
        return cbench__fail(err, errlen, CBENCH_EINVAL, "plot: the section has no %s",
                            s->name && *s->name ? "run id" : "name");
    for (const char *c = o->dir; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return cbench__fail(err, errlen, CBENCH_EINVAL,
                                "report directory '%s' contains a control character", o->dir);
    if ((unsigned)o->mode > CBENCH_CHARTS_NEVER)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "plot: unknown charts mode %d "
                            "(expected auto, always or never)", (int)o->mode);
    return 0;
}

/* Finds gnuplot for the mode: 1 draw, 0 skip (with notice), <0 error. */
static int want_charts(const cbench_plot_opts *o, char *path, size_t n, char *err, size_t errlen,
                       const char **note)
{
    if (o->mode == CBENCH_CHARTS_NEVER)
        return 0;
    const char *name = o->gnuplot ? o->gnuplot : "gnuplot";
    if (cbench_plot_gp_find(name, path, n) == 0)
        return 1;
    if (o->mode == CBENCH_CHARTS_ALWAYS)
        return cbench__fail(err, errlen, CBENCH_ENOTSUP, "--charts=always: gnuplot not found "
                            "(looked for '%s'%s); install gnuplot (Debian: gnuplot-nox) or use "
                            "--charts=auto", name, strchr(name, '/') ? "" : " on PATH");
    fprintf(o->notice ? o->notice : stderr,
            "cbench: gnuplot not found ('%s'), charts skipped; install gnuplot (Debian: "
            "gnuplot-nox) or pass --charts=never to silence this\n", name);
    *note = "Charts were skipped: gnuplot was not found when this section was written.";
    return 0;
}

/* Takes DIR/.lock exclusively; the descriptor, or -1 with err set. */
static int lock_dir(const char *dir, char *err, size_t errlen)
{
    char *path = cbench_plot_join(dir, ".lock");
    int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        cbench__fail(err, errlen, CBENCH_EIO, "cannot lock report directory '%s': %s", dir,
                     strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    free(path);
    return fd;
}

/* Rewrites dir/index.html from the sections of run_id. */
static int write_index(const char *dir, const char *run_id, char *err, size_t errlen)
{
    cbench_plot_loaded *all = NULL;
    size_t n = 0;
    int rc = cbench_plot_sections_load(dir, run_id, &all, &n);
    cbench_html_section *hs = calloc(n ? n : 1, sizeof *hs);
    if (rc != 0 || hs == NULL)
        rc = cbench__fail(err, errlen, rc == CBENCH_EIO ? CBENCH_EIO : CBENCH_ENOMEM,
                          "cannot read the sections in '%s/" CBENCH_PLOT_SECTIONS "'", dir);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const cbench_plot_loaded *l = &all[i];
        hs[i] = (cbench_html_section){l->name, l->source, l->run, l->base_name, l->base_date,
                                      l->base_host, l->n_history, l->charts, l->n_charts,
                                      l->summary, l->note, l->scope};
    }
    char *index = cbench_plot_join(dir, "index.html");
    if (rc == 0 && index == NULL)
        rc = cbench__fail(err, errlen, CBENCH_ENOMEM, "out of memory");
    if (rc == 0) {
        cbench_html_input in = {hs, n};
        rc = cbench_report_html_write(index, &in, err, errlen);
    }
    free(index);
    free(hs);
    for (size_t i = 0; i < n; i++)
        cbench_plot_loaded_free(&all[i]);
    free(all);
    return rc;
}

/* The pieces of one call, so the steps stay short. */
typedef struct job {
    const cbench_plot_opts *o;
    const cbench_plot_section *s;
    const cbench_run *const *history;
    size_t n_history;
    char *dir, *charts_rel, *charts, *file;
    char gnuplot[4096];
} job;

static int paths(job *j)
{
    char base[96];
    cbench_plot_safe_name(base, sizeof base, j->s->name);
    j->dir = cbench__strdup(j->o->dir);
    if (j->dir == NULL)
        return CBENCH_ENOMEM;
    for (size_t len = strlen(j->dir); len > 1 && j->dir[len - 1] == '/';)
        j->dir[--len] = '\0';
    size_t n = strlen(base) + sizeof CBENCH_PLOT_SECTIONS + 16;
    j->charts_rel = malloc(n);
    if (j->charts_rel != NULL)
        snprintf(j->charts_rel, n, CBENCH_PLOT_SECTIONS "/%s/charts", base);
    j->charts = j->charts_rel ? cbench_plot_join(j->dir, j->charts_rel) : NULL;
    char json[128];
    snprintf(json, sizeof json, CBENCH_PLOT_SECTIONS "/%s.json", base);
    j->file = cbench_plot_join(j->dir, json);
    return j->charts && j->file ? 0 : CBENCH_ENOMEM;
}

/* Charts of an older cbench, drawn straight into DIR/charts. */
static void remove_old_layout(const char *dir)
{
    char *old = cbench_plot_join(dir, "charts");
    if (old != NULL) {
        cbench_plot_remove_charts(old);
        rmdir(old);
    }
    free(old);
}

/* Under the lock: prune, draw, store the section, rewrite the page. */
static int write_locked(job *j, const cbench_plot_section_in *in, int draw_charts, char *err,
                        size_t errlen)
{
    cbench_plot_sections_prune(j->dir, j->s->run_id);
    remove_old_layout(j->dir);
    cbench_plot_remove_charts(j->charts);
    cbench_plot_drawn d = {0};
    int rc = 0;
    cbench_plot_section_in with_note = *in;
    char note[1200];
    if (draw_charts && (rc = cbench_store_mkdirs(j->charts, err, errlen)) == 0) {
        cbench_plot_draw_in di = {j->dir, j->charts_rel, j->o->png, j->gnuplot, in->run,
                                  in->base, j->history, j->n_history, j->s->name};
        rc = cbench_plot_draw(&di, &d, err, errlen);
        if (rc != 0) {                    /* the numbers still get their page */
            snprintf(note, sizeof note, "Charts could not be drawn: %s", err);
            with_note.note = note;
        }
    }
    int rc2 = cbench_plot_section_write(j->file, &with_note, &d, rc ? NULL : err, errlen);
    if (rc2 == 0)
        rc2 = write_index(j->dir, j->s->run_id, rc ? NULL : err, errlen);
    cbench_plot_drawn_free(&d);
    return rc ? rc : rc2;
}

int cbench_plot_report(const cbench_plot_opts *o, const cbench_plot_section *s,
                       const cbench_run *run, const cbench_run *base,
                       const cbench_run *const *history, size_t n_history, char *err,
                       size_t errlen)
{
    int rc = check_opts(o, s, run, err, errlen);
    if (rc != 0)
        return rc;
    job j = {.o = o, .s = s, .history = history, .n_history = history ? n_history : 0};
    const char *note = NULL;
    int draw_charts = want_charts(o, j.gnuplot, sizeof j.gnuplot, err, errlen, &note);
    if (draw_charts < 0)
        return draw_charts;
    rc = paths(&j);
    char *sections = rc == 0 ? cbench_plot_join(j.dir, CBENCH_PLOT_SECTIONS) : NULL;
    if (rc != 0 || sections == NULL)
        rc = cbench__fail(err, errlen, CBENCH_ENOMEM, "out of memory writing the report in %s",
                          o->dir);
    else
        rc = cbench_store_mkdirs(sections, err, errlen);
    int fd = rc == 0 ? lock_dir(j.dir, err, errlen) : -1;
    if (rc == 0 && fd < 0)
        rc = CBENCH_EIO;
    size_t earlier = 0;                   /* the saved runs other than this one */
    for (size_t i = 0; history != NULL && i < n_history; i++)
        earlier += !cbench_plot_same_run(history[i], run);
    if (rc == 0) {
        cbench_plot_section_in in = {s, run, base, earlier, note, o->scope};
        rc = write_locked(&j, &in, draw_charts, err, errlen);
    }
    if (fd >= 0)
        close(fd);                        /* releases the lock */
    free(sections);
    free(j.dir);
    free(j.charts_rel);
    free(j.charts);
    free(j.file);
    return rc;
}
