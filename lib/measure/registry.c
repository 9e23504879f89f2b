/* SPDX-License-Identifier: MIT
 *
 * registry.c - registration of benchmarks (static and at run time).
 */
#include "measure/registry.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/axes.h"
#include "model/result.h"
#include "model/text.h"
#include "measure/team.h"

static cbench_bench *benches;
static size_t n_benches, cap_benches;
static char error_text[256];
static const char *first_error;

size_t cbench_registry_count(void) { return n_benches; }

const cbench_bench *cbench_registry_get(size_t i)
{
    return i < n_benches ? &benches[i] : NULL;
}

const char *cbench_registry_error(void) { return first_error; }

void cbench_registry_reset(void)
{
    for (size_t i = 0; i < n_benches; i++) {
        free(benches[i].group);
        free(benches[i].name);
        free((void *)benches[i].opt.params);
        free((void *)benches[i].opt.quick_params);
        free((void *)benches[i].opt.default_params);
        free((void *)benches[i].opt.threads);
        cbench__axes_free((cbench_axis *)benches[i].opt.axes, benches[i].opt.n_axes);
    }
    free(benches);
    benches = NULL;
    n_benches = cap_benches = 0;
    first_error = NULL;
    cbench_registry_forget_notes();
}

/* The names are the ones being refused, so they may hold anything: shown
 * as terminal text (model/text.h), a newline or an escape sequence in a
 * name cannot forge the line that reports it. */
static void set_error(const char *group, const char *name, const char *why)
{
    if (first_error != NULL)
        return;
    char g[200], n[200];
    snprintf(error_text, sizeof error_text, "benchmark '%s/%s': %s",
             group ? cbench_text_escape(g, sizeof g, CBENCH_TEXT_TERM, group) : "(null)",
             name ? cbench_text_escape(n, sizeof n, CBENCH_TEXT_TERM, name) : "(null)", why);
    first_error = error_text;
}

static int exists(const char *group, const char *name)
{
    for (size_t i = 0; i < n_benches; i++)
        if (strcmp(benches[i].group, group) == 0 && strcmp(benches[i].name, name) == 0)
            return 1;
    return 0;
}

static int grow(void)
{
    if (n_benches < cap_benches)
        return 0;
    size_t cap = cap_benches ? 2 * cap_benches : 32;
    cbench_bench *b = realloc(benches, cap * sizeof *b);
    if (b == NULL)
        return CBENCH_ENOMEM;
    benches = b;
    cap_benches = cap;
    return 0;
}

/* The full list: params, plus the values of the default and quick subsets
 * that params lacks, so --sweep=full runs every value a run can use (and
 * a default run's results have a match in a full one). Returns 1, or 0 on
 * out of memory. */
static int full_params(const cbench_options *o, const int64_t **out, size_t *n_out)
{
    return cbench__full_list(o->params, o->n_params, o->default_params, o->n_default_params,
                             o->quick_params, o->n_quick_params, out, n_out);
}

/* {=================================================================
 * Thread counts
 * ================================================================== */


static int resolve_threads(int t, unsigned cpus)
{
    return t == CBENCH_CPUS ? (int)cpus : t;
}

/* Appends t to v[0..*n) unless it is there. */
static void add_count(int *v, size_t *n, int t)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i] == t)
            return;
    v[(*n)++] = t;
}

/* The declared thread counts, CBENCH_CPUS resolved and a range expanded,
 * without repeats, into an owned list. Returns 0, CBENCH_EINVAL (why in
 * *why) or CBENCH_ENOMEM. */
static int thread_list(const cbench_options *o, const int **out, size_t *n_out,
                       const char **why)
{
    *out = NULL;
    *n_out = 0;
    if (o->n_threads == 0)
        return 0;
    if (o->threads == NULL || o->n_threads > 64 || (o->thread_range && o->n_threads != 2)) {
        *why = "threads: a list of 1 to 64 counts (CBENCH_THREADS), or a range of two "
               "(CBENCH_THREAD_RANGE)";
        return CBENCH_EINVAL;
    }
    unsigned cpus = cbench_team_cpus();
    int *v = malloc((o->n_threads + 16) * sizeof *v);
    if (v == NULL)
        return CBENCH_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < o->n_threads; i++) {
        int t = resolve_threads(o->threads[i], cpus);
        if (t < 1 || t > CBENCH_THREADS_MAX) {
            free(v);
            *why = "threads: each count must be 1..1024 or CBENCH_CPUS";
            return CBENCH_EINVAL;
        }
    }
    if (o->thread_range) {
        int lo = resolve_threads(o->threads[0], cpus), hi = resolve_threads(o->threads[1], cpus);
        for (int t = lo; t < hi; t *= 2)
            add_count(v, &n, t);
        add_count(v, &n, hi < lo ? lo : hi);
    } else {
        for (size_t i = 0; i < o->n_threads; i++)
            add_count(v, &n, resolve_threads(o->threads[i], cpus));
    }
    *out = v;
    *n_out = n;
    return 0;
}

int cbench_register(const char *group, const char *name, cbench_fn fn,
                    const cbench_options *opt)
{
    static const cbench_options none;
    if (!cbench__name_valid(group) || !cbench__name_valid(name) || fn == NULL) {
        set_error(group, name, "group and name must be " CBENCH_NAME_RULE ", and fn set");
        return CBENCH_EINVAL;
    }
    if (opt == NULL)
        opt = &none;
    if (opt->n_params > 0 && opt->params == NULL) {
        set_error(group, name, "n_params > 0 but params is NULL");
        return CBENCH_EINVAL;
    }
    if (exists(group, name)) {
        set_error(group, name, "registered twice");
        return CBENCH_EINVAL;
    }
    const int *threads;
    size_t n_threads;
    const char *why = NULL;
    int trc = thread_list(opt, &threads, &n_threads, &why);
    if (trc == CBENCH_EINVAL)
        set_error(group, name, why);
    if (trc != 0)
        return trc;
    cbench_axis *axes;
    int arc = cbench__axes_copy(opt, &axes, &why);
    if (arc == CBENCH_EINVAL)
        set_error(group, name, why);
    if (arc != 0) {
        free((void *)threads);
        return arc;
    }
    if (grow() != 0) {
        free((void *)threads);
        cbench__axes_free(axes, opt->n_axes);
        return CBENCH_ENOMEM;
    }
    cbench_bench *b = &benches[n_benches];
    memset(b, 0, sizeof *b);
    b->group = cbench__strdup(group);
    b->name = cbench__strdup(name);
    b->fn = fn;
    b->opt = *opt;
    b->opt.threads = threads;
    b->opt.n_threads = n_threads;
    b->opt.thread_range = 0;
    b->opt.axes = axes;
    int ok = full_params(opt, &b->opt.params, &b->opt.n_params)
          && cbench__copy_list(opt->quick_params, opt->n_quick_params, &b->opt.quick_params,
                         &b->opt.n_quick_params)
          && cbench__copy_list(opt->default_params, opt->n_default_params,
                         &b->opt.default_params, &b->opt.n_default_params);
    if (b->group == NULL || b->name == NULL || !ok) {
        free(b->group);
        free(b->name);
        free((void *)b->opt.params);
        free((void *)b->opt.quick_params);
        free((void *)b->opt.default_params);
        free((void *)b->opt.threads);
        cbench__axes_free(axes, opt->n_axes);
        return CBENCH_ENOMEM;
    }
    n_benches++;
    return 0;
}

void cbench__register_static(const char *group, const char *name, cbench_fn fn,
                             const cbench_options *opt, const char *file)
{
    (void)file;
    (void)cbench_register(group, name, fn, opt);
}

/* The parameter list a sweep uses: every value for the full sweep, the
 * default subset (else all) by default, the quick subset (else the
 * default one) for the quick sweep. */
static void param_list(const cbench_bench *b, cbench_sweep sweep, const int64_t **p,
                       size_t *n)
{
    const cbench_options *o = &b->opt;
    *p = o->params;
    *n = o->n_params;
    if (sweep == CBENCH_SWEEP_FULL || o->n_params == 0)
        return;
    if (o->n_default_params > 0) {
        *p = o->default_params;
        *n = o->n_default_params;
    }
    if (sweep == CBENCH_SWEEP_QUICK && o->n_quick_params > 0) {
        *p = o->quick_params;
        *n = o->n_quick_params;
    }
}

/* How many values (or combinations of axis values) 'sweep' runs of b:
 * 0 for a benchmark without parameters. */
static size_t param_count(const cbench_bench *b, cbench_sweep sweep)
{
    if (b->opt.n_axes > 0)
        return cbench__axes_combinations(b->opt.axes, b->opt.n_axes, sweep);
    const int64_t *p;
    size_t np;
    param_list(b, sweep, &p, &np);
    return np;
}

/* Instance k of b's parameters (k < param_count) at 'threads' threads
 * (0: not multi-threaded): its values, and its id
 * "group/name[/param][/threads=N]", the parameter part
 * "points=4096/stride=4" with axes. */
static void make_instance(cbench_instance *in, const cbench_bench *b, cbench_sweep sweep,
                          size_t k, unsigned threads)
{
    char param[CBENCH_PARAM_MAX], tail[32] = "";
    in->bench = b;
    in->threads = threads;
    if (threads > 0)
        snprintf(tail, sizeof tail, "/threads=%u", threads);
    in->has_param = param_count(b, sweep) > 0;
    if (b->opt.n_axes > 0) {
        in->n_axes = b->opt.n_axes;
        cbench__axes_pick(b->opt.axes, b->opt.n_axes, sweep, k, in->axis);
        cbench__axes_format(b->opt.axes, b->opt.n_axes, in->axis, param, sizeof param);
        in->param = in->axis[0];
    } else if (in->has_param) {
        const int64_t *p;
        size_t np;
        param_list(b, sweep, &p, &np);
        in->param = p[k];
        snprintf(param, sizeof param, "%" PRId64, in->param);
    }
    if (in->has_param)
        snprintf(in->id, sizeof in->id, "%s/%s/%s%s", b->group, b->name, param, tail);
    else
        snprintf(in->id, sizeof in->id, "%s/%s%s", b->group, b->name, tail);
}

int cbench_registry_instances(cbench_instance **out, size_t *n, cbench_sweep sweep)
{
    size_t total = 0;
    for (size_t i = 0; i < n_benches; i++) {
        size_t np = param_count(&benches[i], sweep);
        size_t nt = benches[i].opt.n_threads;
        total += (np ? np : 1) * (nt ? nt : 1);
    }
    cbench_instance *v = calloc(total ? total : 1, sizeof *v);
    if (v == NULL)
        return CBENCH_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n_benches; i++) {
        const cbench_bench *b = &benches[i];
        size_t np = param_count(b, sweep), nt = b->opt.n_threads;
        for (size_t p = 0; p < (np ? np : 1); p++)
            for (size_t t = 0; t < (nt ? nt : 1); t++, k++)
                make_instance(&v[k], b, sweep, p, nt ? (unsigned)b->opt.threads[t] : 0);
    }
    *out = v;
    *n = total;
    return 0;
}

/* The axes of in (names and values) into res. */
static void identity_axes(const cbench_instance *in, cbench_result *res)
{
    res->n_axes = (unsigned)in->n_axes;
    for (size_t i = 0; i < in->n_axes; i++) {
        snprintf(res->axes[i].name, sizeof res->axes[i].name, "%s",
                 in->bench->opt.axes[i].name);
        res->axes[i].value = in->axis[i];
    }
}

int cbench_registry_identity(const cbench_instance *in, cbench_result *res)
{
    /* The parameter part of the id (after "group/name/", before "/threads=N"). */
    char param[CBENCH_PARAM_MAX] = "";
    size_t at = strlen(in->bench->group) + strlen(in->bench->name) + 2, base = 0;
    (void)cbench__id_threads(in->id, &base);
    if (in->has_param && base > at)
        snprintf(param, sizeof param, "%.*s", (int)(base - at), in->id + at);
    res->id = cbench__strdup(in->id);
    res->group = cbench__strdup(in->bench->group);
    res->name = cbench__strdup(in->bench->name);
    res->param = in->has_param ? cbench__strdup(param) : NULL;
    res->has_param = in->has_param;
    res->param_value = in->param;
    identity_axes(in, res);
    res->reference = in->bench->opt.reference != 0;
    res->threads.count = in->threads;
    res->bound = in->bench->opt.bound != 0;
    return res->id && res->group && res->name && (!in->has_param || res->param)
        ? 0 : CBENCH_ENOMEM;
}

/* {=================================================================
 * Notes a suite prints at start-up (cbench_add_note).
 * ================================================================== */

#define MAX_NOTES 8
static char *notes[MAX_NOTES];
static unsigned note_sweeps[MAX_NOTES];
static size_t n_notes;

void cbench_registry_forget_notes(void)
{
    for (size_t i = 0; i < n_notes; i++)
        free(notes[i]);
    n_notes = 0;
}

int cbench_add_note(unsigned sweeps, const char *fmt, ...)
{
    if (fmt == NULL || n_notes == MAX_NOTES)
        return CBENCH_EINVAL;
    char buf[1000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = cbench__strdup(buf);
    if (copy == NULL)
        return CBENCH_ENOMEM;
    note_sweeps[n_notes] = sweeps;
    notes[n_notes++] = copy;
    return 0;
}

size_t cbench_registry_notes(cbench_sweep sweep, const char **out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n_notes && k < max; i++)
        if (note_sweeps[i] & CBENCH_NOTE_SWEEP(sweep))
            out[k++] = notes[i];
    return k;
}
