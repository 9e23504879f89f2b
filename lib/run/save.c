/* SPDX-License-Identifier: MIT
 *
 * save.c - the runner's save path (save.h): finished results into every
 * baseline of the run, block by block, loud when a save does not happen.
 */
#include "run/save.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

void cbench_saver_init(cbench_saver *s, const char *dir, const char *const *names, size_t n,
                       const cbench_reporter *rep, const cbench_report_opts *ro)
{
    memset(s, 0, sizeof *s);
    s->dir = dir;
    s->rep = rep;
    s->ro = ro;
    for (size_t i = 0; i < n && s->n_names < CBENCH_SAVE_MAX_NAMES; i++)
        if (names[i] != NULL)
            s->names[s->n_names++] = names[i];
}

/* The reporter's error (TAP: "Bail out!"), or a notice without one. */
static void say_error(const cbench_saver *s, const char *msg)
{
    if (s->rep->error != NULL)
        s->rep->error(s->ro, msg);
    else
        s->rep->notice(s->ro, msg);
}

int cbench_saver_check(cbench_saver *s)
{
    for (size_t i = 0; i < s->n_names; i++) {
        char err[1024], msg[1200];
        if (cbench_store_check_save(s->dir, s->names[i], err, sizeof err) == 0)
            continue;
        snprintf(msg, sizeof msg, "%s; nothing was measured", err);
        say_error(s, msg);
        return -1;
    }
    return 0;
}

/* A partial result (an interrupted run's) met a complete one: never a
 * silent downgrade. */
static void say_kept(const cbench_saver *s, size_t i, const cbench_store_merge_info *kept)
{
    char msg[900], more[64] = "";
    if (kept->kept > 1)
        snprintf(more, sizeof more, " (and %zu more)", kept->kept - 1);
    snprintf(msg, sizeof msg, "baseline '%s' keeps its complete result of %s%s: this run's was"
             " interrupted before all its rounds, so it does not replace it", s->names[i],
             kept->kept_id, more);
    s->rep->notice(s->ro, msg);
}

static int savable(const cbench_result *r)
{
    return !(r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED));
}

/* The results of run from index 'from' on that are to be saved, as a run
 * sharing run's storage (free only .results). */
static int pending(const cbench_run *run, size_t from, cbench_run *view)
{
    memset(view, 0, sizeof *view);
    view->ctx = run->ctx;
    view->results = malloc((run->n_results - from) * sizeof *view->results);
    if (view->results == NULL)
        return -1;
    for (size_t k = from; k < run->n_results; k++)
        if (savable(&run->results[k]))
            view->results[view->n_results++] = run->results[k];
    view->cap_results = view->n_results;
    return 0;
}

/* Saves the savable results of run from index 'from' on into baseline i:
 * 0 (also when there are none) or an error, said in err; *n is how many
 * it tried to save. */
static int save_from(const cbench_saver *s, size_t i, const cbench_run *run, size_t from,
                     size_t *n, cbench_store_merge_info *kept, char *err, size_t errlen)
{
    cbench_run view;
    *n = 0;
    if (pending(run, from, &view) != 0) {
        snprintf(err, errlen, "cannot save baseline '%s': out of memory", s->names[i]);
        return CBENCH_ENOMEM;
    }
    *n = view.n_results;
    int rc = view.n_results == 0 ? 0
           : cbench_store_save_ex(s->dir, s->names[i], &view, kept, err, errlen);
    free(view.results);
    return rc;
}

/* One baseline: saves what is pending; says a failure once (until a save
 * succeeds again), the last one's message kept for the end. */
static int flush_one(cbench_saver *s, size_t i, const cbench_run *run)
{
    char err[1024];
    size_t n;
    cbench_store_merge_info kept = {0, NULL};
    if (s->done[i] >= run->n_results)
        return 0;
    int rc = save_from(s, i, run, s->done[i], &n, &kept, err, sizeof err);
    if (rc == 0) {
        s->done[i] = run->n_results;
        s->saved[i] += n - kept.kept;
        s->failing[i] = 0;
        if (kept.kept > 0)
            say_kept(s, i, &kept);
    } else {
        char msg[1300];
        snprintf(msg, sizeof msg, "%s; its %zu result(s) are kept for the next save", err, n);
        if (!s->failing[i])
            s->rep->notice(s->ro, msg);
        snprintf(s->err[i], sizeof s->err[i], "%s", err);
        s->failing[i] = 1;
    }
    return rc != 0;
}

size_t cbench_saver_flush(cbench_saver *s, const cbench_run *run)
{
    size_t failed = 0;
    for (size_t i = 0; i < s->n_names; i++)
        failed += (size_t)flush_one(s, i, run);
    return failed;
}

int cbench_saver_finish(cbench_saver *s, const cbench_run *run)
{
    int rc = 0;
    cbench_saver_flush(s, run);
    for (size_t i = 0; i < s->n_names; i++) {
        if (!s->failing[i])
            continue;
        size_t lost = 0;
        for (size_t k = s->done[i]; k < run->n_results; k++)
            lost += (size_t)savable(&run->results[k]);
        char msg[1300];
        snprintf(msg, sizeof msg, "%s; %zu result(s) of this run are not in it", s->err[i],
                 lost);
        say_error(s, msg);
        rc = -1;
    }
    return rc;
}

void cbench_saver_reorder(cbench_saver *s, const cbench_run *run)
{
    for (size_t i = 0; i < s->n_names; i++) {
        char err[1024], msg[1300];
        size_t n;
        cbench_store_merge_info kept = {0, NULL};
        if (s->failing[i] || save_from(s, i, run, 0, &n, &kept, err, sizeof err) == 0)
            continue;
        snprintf(msg, sizeof msg, "baseline '%s' has every result of this run, but not in the"
                 " order they were registered: %s", s->names[i], err);
        s->rep->notice(s->ro, msg);
    }
}

size_t cbench_saver_saved(const cbench_saver *s)
{
    return s->n_names > 0 ? s->saved[0] : 0;
}
