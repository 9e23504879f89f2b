/* SPDX-License-Identifier: MIT
 *
 * gate.c - the core's state per round: which rounds ran while the core
 * was slower than its fastest state, setting them aside, and what a result
 * measured on a slow core must say.
 */
#include "run/runner_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/univariate.h"

/* {=================================================================
 * The core's state per round
 *
 * On a shared machine the core itself switches between states for
 * seconds at a time (here: a dependent add chain runs 1.6x slower while
 * another guest uses the sibling hyperthread or the clock drops), and a
 * cache-resident body slows with it. Rounds are cheap to repeat, so a
 * round whose speed probe says the core was more than --speed-tolerance
 * slower than the fastest state seen in this process is set aside and
 * another round runs in its place, up to 30 % more rounds. What is left
 * measures the code in one machine state, which is what the next process
 * will see too.
 * ================================================================== */

/* End of the round that starts at v[lo] (a slot's samples come grouped
 * by round). */
size_t cbench__round_end(const cbench_sample *v, size_t n, size_t lo)
{
    size_t hi = lo;
    while (hi < n && v[hi].round == v[lo].round)
        hi++;
    return hi;
}

/* Median of v[0..k), k >= 1 (sorts v). */
double cbench__median_of(double *v, size_t k)
{
    cbench_univariate_sort(v, k);
    return cbench_univariate_percentile_sorted(v, k, 50);
}

void cbench__gate_record_speed(cbench_runner *r, slot *s, unsigned round, double speed)
{
    if (!r->gate || !(speed > 0))
        return;
    if (round >= s->n_speed) {
        size_t n = (size_t)round * 2 + 8;
        double *v = realloc(s->speed, n * sizeof *v);
        if (v == NULL)
            return;                   /* the round counts as fast */
        for (size_t i = s->n_speed; i < n; i++)
            v[i] = NAN;
        s->speed = v;
        s->n_speed = n;
    }
    s->speed[round] = speed;
    if (!(speed >= r->speed_ref))
        r->speed_ref = speed;
}

static int round_slow(const cbench_runner *r, const slot *s, uint32_t round)
{
    return r->gate && round < s->n_speed
        && s->speed[round] > r->speed_ref * (1 + r->cfg->speed_tolerance);
}

/* Rounds of s that delivered samples in the fast state (and, in *all,
 * every round that delivered samples). */
static unsigned fast_rounds_of(const cbench_runner *r, const slot *s, unsigned *all)
{
    unsigned fast = 0, n = 0;
    for (size_t lo = 0; lo < s->n; lo = cbench__round_end(s->samples, s->n, lo)) {
        fast += !round_slow(r, s, s->samples[lo].round);
        n++;
    }
    if (all != NULL)
        *all = n;
    return fast;
}

unsigned cbench__gate_fast_rounds(const cbench_runner *r, const slot *s)
{
    return fast_rounds_of(r, s, NULL);
}

/* Rounds a benchmark may run in all to get cfg->rounds fast ones: 30 %
 * more (at least one), so a contended spell costs at most that much time. */
unsigned cbench_runner_round_budget(const cbench_config *cfg)
{
    unsigned extra = cfg->rounds * 3 / 10 ? cfg->rounds * 3 / 10 : 1;
    unsigned cap = cfg->max_rounds > cfg->rounds ? cfg->max_rounds : cfg->rounds;
    return cfg->rounds + extra < cap ? cfg->rounds + extra : cap;
}

/* Whether the slow rounds can be set aside: enough fast ones remain for
 * an interval (three, or all the rounds asked for when fewer). */
int cbench__gate_can_set_aside(const cbench_runner *r, const slot *s)
{
    unsigned need = r->cfg->rounds < 3 ? r->cfg->rounds : 3;
    return cbench__gate_fast_rounds(r, s) >= need;
}

/* Moves the samples (and counter rows) of kept rounds to the front of s;
 * returns how many rounds were dropped. */
static size_t drop_slow_rounds(const cbench_runner *r, slot *s)
{
    size_t w = 0, dropped = 0;
    for (size_t lo = 0, hi; lo < s->n; lo = hi) {
        hi = cbench__round_end(s->samples, s->n, lo);
        if (round_slow(r, s, s->samples[lo].round)) {
            dropped++;
            continue;
        }
        for (size_t i = lo; i < hi; i++, w++) {
            s->samples[w] = s->samples[i];
            if (s->nc > 0)
                memmove(s->counters + w * s->nc, s->counters + i * s->nc,
                        s->nc * sizeof(double));
            if (s->nt > 0)
                memmove(s->threads + w * s->nt, s->threads + i * s->nt,
                        s->nt * sizeof(double));
        }
    }
    s->n = w;
    return dropped;
}

/* Median core probe over the rounds left in s (NaN when none probed). */
static double kept_speed(const slot *s)
{
    double v[256];
    size_t k = 0;
    for (size_t lo = 0; lo < s->n && k < 256; lo = cbench__round_end(s->samples, s->n, lo)) {
        uint32_t round = s->samples[lo].round;
        if (round < s->n_speed && s->speed[round] > 0)
            v[k++] = s->speed[round];
    }
    return k > 0 ? cbench__median_of(v, k) : NAN;
}

/* A copy of the samples of s that its fast rounds delivered. */
cbench_sample *cbench__gate_kept_samples(const cbench_runner *r, const slot *s, size_t *n)
{
    cbench_sample *v = malloc((s->n ? s->n : 1) * sizeof *v);
    *n = 0;
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < s->n; i++)
        if (!round_slow(r, s, s->samples[i].round))
            v[(*n)++] = s->samples[i];
    return v;
}

/* Sets the slow rounds of s aside when enough fast ones remain, or says
 * why not; records the core's speed over what is kept. */
void cbench__gate_set_aside(const cbench_runner *r, slot *s, cbench_result *res)
{
    if (!r->gate)
        return;                           /* nothing probed: speed_ns stays NaN */
    unsigned all, fast = fast_rounds_of(r, s, &all);
    int set_aside = fast < all && cbench__gate_can_set_aside(r, s);
    if (set_aside) {
        res->rounds_set_aside = drop_slow_rounds(r, s);
        s->rounds -= (unsigned)res->rounds_set_aside;
    }
    res->speed_ns = kept_speed(s);
    if (fast < all && !set_aside) {
        char msg[500];
        snprintf(msg, sizeof msg, "The core ran slower than its fastest state (speed probe "
                 "%+.0f %%) in %u of %u rounds, too many to set aside: this is the slow "
                 "state's time and the next run may differ (the interval's lower end is "
                 "extended to what the fast state would give a core-bound body); rerun when "
                 "the machine is quieter, or raise --speed-tolerance if the core's speed "
                 "varies by design.", 100 * (res->speed_ns / r->speed_ref - 1), all - fast, all);
        (void)cbench__result_warn(res, CBENCH_WARN_SLOW_CORE, msg);
        res->flags |= CBENCH_RESULT_SLOW_CORE;
    }
}

/* A result measured on a slow core: the next run may find the fast state,
 * where a core-bound body takes speed_ref / speed_ns of the time (a body
 * bound by memory, less). The interval's lower end reaches that far, so
 * it still describes what the next run can show. */
void cbench__gate_widen(const cbench_runner *r, cbench_result *res)
{
    double ratio = r->speed_ref / res->speed_ns;
    if ((res->flags & CBENCH_RESULT_SLOW_CORE) && ratio > 0 && ratio < 1)
        res->typical.lower *= ratio;
}
