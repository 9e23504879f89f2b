/* SPDX-License-Identifier: MIT
 *
 * ucount.c - user counters in the worker (a table per round) and in the
 * parent (the rounds' values per benchmark); see ucount.h.
 */
#include "measure/ucount.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_FLAGS                                                            \
    (CBENCH_COUNTER_RATE | CBENCH_COUNTER_PER_ITERATION |                   \
     CBENCH_COUNTER_ITERATION_INVARIANT | CBENCH_COUNTER_AVG_THREADS |      \
     CBENCH_COUNTER_BASE_1024 | CBENCH_COUNTER_HIGHER_IS_BETTER)

/* {=================================================================
 * In the worker.
 * ================================================================== */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int bad(cbench_ucount_table *t, const char *fmt, ...)
{
    if (t->error[0] == '\0') {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->error, sizeof t->error, fmt, ap);
        va_end(ap);
    }
    return CBENCH_EINVAL;
}

/* Letters, digits and "_-.:", not starting with a digit: safe as a JSON
 * key, a CSV column and in a TAP line (where '#' would start a directive). */

static cbench_ucount_slot *slot_of(cbench_ucount_table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->slot[i].name, name) == 0)
            return &t->slot[i];
    return NULL;
}

int cbench__ucount_record(cbench_ucount_table *t, const char *name, double value,
                          unsigned flags, int whole_round)
{
    if (name == NULL || !cbench__ucount_name_ok(name))
        return bad(t, "cbench_counter: bad name '%.60s': expected 1 to 47 letters, digits or "
                   "_-.: not starting with a digit", name ? name : "(null)");
    if (flags & ~(unsigned)ALL_FLAGS)
        return bad(t, "cbench_counter: '%s': unknown flag bits (expected CBENCH_COUNTER_*)",
                   name);
    if (!isfinite(value))
        return bad(t, "cbench_counter: '%s': the value is not a finite number", name);
    cbench_ucount_slot *s = slot_of(t, name);
    if (s == NULL) {
        if (t->n == CBENCH_MAX_USER_COUNTERS)
            return bad(t, "cbench_counter: '%s': more than 16 counter names in one benchmark",
                       name);
        s = &t->slot[t->n++];
        memset(s, 0, sizeof *s);
        memcpy(s->name, name, strlen(name) + 1);
        s->flags = flags;
    } else if (s->flags != flags) {
        return bad(t, "cbench_counter: '%s': reported with other flags than before", name);
    }
    if (whole_round) {
        s->whole_round = 1;
        s->round_value = value;
    } else {
        s->pending = 1;
        s->value = value;
    }
    return 0;
}

/* The (num, den) pair of value by flags (ucount.h): a rate's seconds are
 * its iterations times the time per iteration, which the parent divides
 * by, so here a rate counts its iterations instead. */
static void pair_of(unsigned flags, double value, double iters, unsigned threads,
                    double *num, double *den)
{
    *num = value;
    *den = 1;
    if (flags & CBENCH_COUNTER_ITERATION_INVARIANT)
        *num *= iters;
    if (flags & CBENCH_COUNTER_AVG_THREADS)
        *num /= threads > 0 ? threads : 1;
    if (flags & CBENCH_COUNTER_PER_ITERATION)
        *den *= iters;
    if (flags & CBENCH_COUNTER_RATE)
        *den *= iters;
}

void cbench__ucount_end_sample(cbench_ucount_table *t, double iters, unsigned threads)
{
    for (size_t i = 0; i < t->n; i++) {
        cbench_ucount_slot *s = &t->slot[i];
        if (!s->pending)
            continue;
        double num, den;
        pair_of(s->flags, s->value, iters, threads, &num, &den);
        s->num += num;
        s->den += den;
        s->samples++;
        s->pending = 0;
    }
}

void cbench__ucount_merge(cbench_ucount_table *t, cbench_ucount_table *from)
{
    if (t->error[0] == '\0' && from->error[0] != '\0')
        memcpy(t->error, from->error, sizeof t->error);
    for (size_t i = 0; i < from->n; i++) {
        cbench_ucount_slot *f = &from->slot[i];
        cbench_ucount_slot *s = slot_of(t, f->name);
        if (s == NULL) {
            /* New here: recorded as this thread's, then summed below. */
            if (cbench__ucount_record(t, f->name, 0, f->flags, 0) != 0)
                continue;
            s = slot_of(t, f->name);
            s->pending = 0;
        } else if (s->flags != f->flags) {
            (void)bad(t, "cbench_counter: '%s': reported with other flags than before", f->name);
            continue;
        }
        if (f->pending) {
            s->value = s->pending ? s->value + f->value : f->value;
            s->pending = 1;
        }
        if (f->whole_round) {
            s->round_value = s->whole_round ? s->round_value + f->round_value : f->round_value;
            s->whole_round = 1;
            f->whole_round = 0;
        }
        f->pending = 0;
    }
}

void cbench__ucount_drop_pending(cbench_ucount_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        t->slot[i].pending = 0;
}

size_t cbench__ucount_finish(const cbench_ucount_table *t, double iters, unsigned threads,
                             cbench_ucount_round *out)
{
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        const cbench_ucount_slot *s = &t->slot[i];
        double num = s->num, den = s->den;
        if (s->whole_round)
            pair_of(s->flags, s->round_value, iters, threads, &num, &den);
        else if (s->samples == 0)
            continue;                      /* reported in warm-up only */
        cbench_ucount_round *o = &out[k++];
        memset(o, 0, sizeof *o);
        memcpy(o->name, s->name, sizeof o->name);
        o->flags = s->flags;
        o->value = den != 0 ? num / den : NAN;
    }
    return k;
}

/* {=================================================================
 * In the parent.
 * ================================================================== */

static struct cbench_ucount_series *series_of(cbench_ucount_acc *a, const cbench_ucount_round *v)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->series[i].name, v->name) == 0)
            return &a->series[i];
    if (a->n == CBENCH_MAX_USER_COUNTERS)
        return NULL;                       /* the worker never sends more */
    struct cbench_ucount_series *s = &a->series[a->n++];
    memset(s, 0, sizeof *s);
    memcpy(s->name, v->name, sizeof s->name);
    s->name[sizeof s->name - 1] = '\0';
    s->flags = v->flags;
    return s;
}

int cbench__ucount_add_round(cbench_ucount_acc *a, uint32_t round,
                             const cbench_ucount_round *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct cbench_ucount_series *s = series_of(a, &v[i]);
        if (s == NULL || !isfinite(v[i].value))
            continue;
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 16;
            double *nv = realloc(s->value, cap * sizeof *nv);
            if (nv == NULL)
                return CBENCH_ENOMEM;
            s->value = nv;
            uint32_t *nr = realloc(s->round, cap * sizeof *nr);
            if (nr == NULL)
                return CBENCH_ENOMEM;
            s->round = nr;
            s->cap = cap;
        }
        s->value[s->n] = v[i].value;
        s->round[s->n++] = round;
    }
    return 0;
}

/* Whether r's samples came from round id (its kept rounds). */
static int kept(const cbench_result *r, uint32_t id)
{
    for (size_t i = 0; i < r->n_samples; i++)
        if (r->samples[i].round == id)
            return 1;
    return 0;
}

static int fill_one(const struct cbench_ucount_series *s, const cbench_result *r,
                    cbench_user_counter *u)
{
    memset(u, 0, sizeof *u);
    memcpy(u->name, s->name, sizeof u->name);
    u->flags = s->flags;
    cbench__estimate_undef(&u->value);
    cbench__estimate_undef(&u->change.mean);
    cbench__estimate_undef(&u->change.median);
    u->change.p_value = u->change.df = NAN;
    u->base = NAN;
    u->rounds = malloc((s->n ? s->n : 1) * sizeof *u->rounds);
    u->round_ids = malloc((s->n ? s->n : 1) * sizeof *u->round_ids);
    if (u->rounds == NULL || u->round_ids == NULL)
        return CBENCH_ENOMEM;
    /* Rounds arrive in ascending id (the runner numbers them in order). */
    for (size_t i = 0; i < s->n; i++)
        if (kept(r, s->round[i])) {
            u->rounds[u->n_rounds] = s->value[i];
            u->round_ids[u->n_rounds++] = s->round[i];
        }
    return 0;
}

int cbench__ucount_fill(const cbench_ucount_acc *a, cbench_result *r)
{
    cbench__result_clear_user_counters(r);
    if (a->n == 0)
        return 0;
    r->user_counters = calloc(a->n, sizeof *r->user_counters);
    if (r->user_counters == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < a->n; i++) {
        int rc = fill_one(&a->series[i], r, &r->user_counters[r->n_user_counters++]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

void cbench__ucount_acc_free(cbench_ucount_acc *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->series[i].value);
        free(a->series[i].round);
    }
    memset(a, 0, sizeof *a);
}

