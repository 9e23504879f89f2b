/* SPDX-License-Identifier: MIT
 *
 * runner.c - scheduling a run's benchmarks: rounds interleaved within
 * blocks of benchmarks compared with each other (or back to back), each
 * benchmark finished as soon as its last round is in, a second chance for
 * those a slow spell covered, and the saves after each block. One round
 * is run/rounds.c, the core's state per round run/gate.c, finishing a
 * benchmark run/finish.c.
 */
#include "run/runner_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/probe.h"
#include "stats/analysis.h"

/* {=================================================================
 * Scheduling
 * ================================================================== */

/* Whether s has enough rounds: the minimum, then (with a precision
 * target) until its CI is narrow enough or the round cap is reached. */
static int enough_rounds(cbench_runner *r, slot *s)
{
    const cbench_config *cfg = r->cfg;
    if (s->rounds < cfg->rounds)
        return 0;
    if (r->replace && cbench__gate_fast_rounds(r, s) < cfg->rounds) {
        unsigned budget = cbench_runner_round_budget(cfg) * (s->retried ? 2 : 1);
        if (s->rounds < budget)
            return 0;                     /* replace a slow round */
        if (r->may_defer && !s->retried && !cbench__gate_can_set_aside(r, s)) {
            s->deferred = 1;              /* the spell may pass: try again at the end */
            return 0;
        }
        s->stop_reason = "slow machine";
        return 1;
    }
    if (!(cfg->target_precision > 0)) {
        s->stop_reason = "rounds";
        return 1;
    }
    if (s->rounds >= cfg->max_rounds) {
        s->stop_reason = "round cap";
        return 1;
    }
    cbench_result tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.samples = cbench__gate_kept_samples(r, s, &tmp.n_samples);
    if (tmp.samples == NULL)
        return 0;
    cbench_analysis_opts o;
    cbench_runner_analysis_opts(cfg, &o);
    o.n_resamples = 1000;         /* only the typical (t-interval) matters */
    int rc = cbench_analysis_run(&o, &tmp);
    double half = 0.5 * (tmp.typical.upper - tmp.typical.lower) / tmp.typical.point;
    free(tmp.warning);
    free(tmp.samples);
    if (rc != 0)
        return 0;
    if (half <= cfg->target_precision) {
        s->stop_reason = "precision";
        return 1;
    }
    return 0;
}

/* Finishing order: bounds, then references, then the rest, so each
 * result can be reported against the ones it is measured by. */
static int finish_rank(const slot *s)
{
    const cbench_options *o = &s->inst->bench->opt;
    return o->bound ? 0 : o->reference ? 1 : 2;
}

/* Whether two instances have the same value on every axis, by name. */
static int same_axes(const cbench_instance *x, const cbench_instance *y)
{
    if (x->n_axes != y->n_axes)
        return 0;
    for (size_t i = 0; i < x->n_axes; i++)
        if (x->axis[i] != y->axis[i]
            || strcmp(x->bench->opt.axes[i].name, y->bench->opt.axes[i].name) != 0)
            return 0;
    return 1;
}

/* Interleaving blocks: the benchmarks compared with each other. With a
 * parameter, every benchmark at the same value (AoS and SoA at 4096
 * points), with axes the same value on every axis; without, every
 * benchmark of the group. */
static int same_block(const slot *a, const slot *b)
{
    const cbench_instance *x = a->inst, *y = b->inst;
    if (x->has_param != y->has_param || x->threads != y->threads || !same_axes(x, y))
        return 0;
    return x->has_param ? x->param == y->param
                        : strcmp(x->bench->group, y->bench->group) == 0;
}

/* Whether s must wait for its block's reference to finish first: its
 * ratio to the reference needs the reference's result (rounds set aside
 * can leave the reference needing more rounds than the others). */
static int waits_for_reference(const cbench_runner *r, const slot *s)
{
    if (finish_rank(s) != 2)
        return 0;
    for (size_t i = 0; i < r->n_slots; i++) {
        const slot *t = &r->slots[i];
        if (t != s && t->inst->bench->opt.reference && same_block(t, s)
            && t->result == (size_t)-1)
            return 1;
    }
    return 0;
}

/* Finishes every slot whose rounds are complete. */
static int finish_ready(cbench_runner *r)
{
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < r->n_slots; i++) {
            slot *s = &r->slots[i];
            if (s->result != (size_t)-1 || s->deferred || finish_rank(s) != pass)
                continue;
            if (!s->done && !enough_rounds(r, s))
                continue;
            s->done = 1;
            if (waits_for_reference(r, s))
                continue;
            int rc = cbench__runner_finish(r, s);
            if (rc != 0)
                return rc;
        }
    return 0;
}

/* A block is done for now when each of its benchmarks is finished, has
 * its rounds (waiting for its reference), or waits for a second chance. */
static int block_done(const cbench_runner *r, const slot *first)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        const slot *s = &r->slots[i];
        if (same_block(s, first) && s->result == (size_t)-1 && !s->done && !s->deferred)
            return 0;
    }
    return 1;
}

/* Probes the machine again (keeping the faster readings) and lets the
 * core's fastest state follow. */
static void reprobe(cbench_runner *r)
{
    cbench_context *c = &r->env->run->ctx;
    cbench_probe_again(&c->probe_cpu_ns, &c->probe_mem_ns);
    r->speed_ref = fmin(r->speed_ref, c->probe_cpu_ns);
}

/* Second chance, after every block: the benchmarks that never saw the
 * fast core within their round budget (a slow spell of several seconds
 * covered them) run another budget of rounds now, interleaved; their
 * earlier slow rounds are set aside if enough fast ones come. */
static int retry_deferred(cbench_runner *r)
{
    int any = 0;
    r->may_defer = 0;
    for (size_t i = 0; i < r->n_slots; i++)
        if (r->slots[i].deferred) {
            r->slots[i].deferred = 0;
            r->slots[i].retried = 1;
            any = 1;
        }
    if (!any)
        return 0;
    reprobe(r);
    for (int open = 1; open;) {
        open = 0;
        for (size_t i = 0; i < r->n_slots; i++) {
            slot *s = &r->slots[i];
            if (s->result != (size_t)-1 || s->done)
                continue;
            int rc = cbench__runner_run_round(r, s);
            if (rc != 0)
                return rc;
            open = 1;
        }
        int rc = finish_ready(r);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Interleaved: within a block, round k visits every unfinished benchmark
 * in turn, so drift during the block hits all of them alike and their
 * rounds pair up in time (ratios to the reference are paired by round).
 * Blocks run one after another, so results stream out block by block. */
static int schedule_interleaved(cbench_runner *r)
{
    for (size_t b = 0; b < r->n_slots; b++) {
        slot *first = &r->slots[b];
        if (first->result != (size_t)-1 || first->done || first->deferred)
            continue;                         /* block already run */
        if (b > 0)
            reprobe(r);
        r->may_defer = r->replace;
        while (!block_done(r, first)) {
            for (size_t i = b; i < r->n_slots; i++) {
                slot *s = &r->slots[i];
                if (!same_block(s, first) || s->done || s->deferred
                    || s->result != (size_t)-1)
                    continue;
                int rc = cbench__runner_run_round(r, s);
                if (rc != 0)
                    return rc;
            }
            int rc = finish_ready(r);
            if (rc != 0)
                return rc;
        }
        cbench_saver_flush(&r->saver, r->env->run);
    }
    return retry_deferred(r);
}

/* Back to back: all rounds of one benchmark, then the next. */
static int schedule_sequential(cbench_runner *r)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        slot *s = &r->slots[i];
        while (!s->done && !enough_rounds(r, s)) {
            int rc = cbench__runner_run_round(r, s);
            if (rc != 0)
                return rc;
        }
        s->done = 1;
        int rc = cbench__runner_finish(r, s);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Interrupted: every benchmark with at least one complete round still
 * gets its (less precise) result reported and saved; the round in flight
 * is abandoned. */
static void finish_interrupted(cbench_runner *r)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        slot *s = &r->slots[i];
        if (s->result != (size_t)-1 || (s->rounds == 0 && !s->failed && !s->skipped))
            continue;
        s->stop_reason = "interrupted";
        s->done = 1;
        if (cbench__runner_finish(r, s) != 0)
            return;
    }
}

static int same_text(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The core's fastest state: this run's start-up probe, or the baseline's
 * when it was measured on the same machine and saw a faster one (a run
 * that starts while the core is slow for seconds would otherwise judge
 * its rounds against that slow state). A baseline's probe is its own
 * run's, so a machine that really got slower stops being compared with
 * its old speed after one run. */
static double fastest_known_state(const cbench_runner_env *env)
{
    const cbench_context *now = &env->run->ctx;
    double ref = now->probe_cpu_ns;
    if (env->base != NULL && same_text(now->host, env->base->ctx.host)
        && same_text(now->cpu, env->base->ctx.cpu) && env->base->ctx.probe_cpu_ns > 0
        && env->base->ctx.probe_cpu_ns < ref)
        ref = env->base->ctx.probe_cpu_ns;
    return ref;
}

/* Puts the results this runner added (from index first on) back in the
 * order the benchmarks were registered: they finish out of it (a block's
 * reference first, a benchmark retried after a slow spell after every
 * block), while the report, the exports and the baselines read as the
 * user wrote them. 1 when the order changed, 0 when not (or out of
 * memory: the results stay as they finished). */
static int put_in_order(cbench_runner *r, size_t first)
{
    cbench_run *run = r->env->run;
    size_t n = run->n_results - first, k = 0, moved = 0;
    cbench_result *sorted = n > 0 ? malloc(n * sizeof *sorted) : NULL;
    if (sorted == NULL)
        return 0;
    for (size_t i = 0; i < r->n_slots; i++) {
        size_t at = r->slots[i].result;
        if (at == (size_t)-1 || at < first || k == n)
            continue;
        moved += at != first + k;
        sorted[k++] = run->results[at];
    }
    if (k == n && moved > 0)            /* one result per slot, as finished */
        memcpy(run->results + first, sorted, n * sizeof *sorted);
    free(sorted);
    return k == n && moved > 0;
}

static void runner_free(cbench_runner *r)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        free(r->slots[i].samples);
        free(r->slots[i].counters);
        free(r->slots[i].threads);
        free(r->slots[i].speed);
        cbench__ucount_acc_free(&r->slots[i].ucount);
    }
    free(r->slots);
    for (size_t i = 0; i < r->n_counter_names; i++)
        free(r->counter_names[i]);
}

int cbench_runner_run(const cbench_runner_env *env, const cbench_instance *inst, size_t n_inst)
{
    cbench_runner r;
    memset(&r, 0, sizeof r);
    r.env = env;
    r.cfg = env->cfg;
    r.slots = calloc(n_inst ? n_inst : 1, sizeof *r.slots);
    if (r.slots == NULL)
        return CBENCH_ENOMEM;
    r.n_slots = n_inst;
    size_t first = env->run->n_results;
    for (size_t i = 0; i < n_inst; i++) {
        r.slots[i].inst = &inst[i];
        r.slots[i].index = i;
        r.slots[i].result = (size_t)-1;
    }
    cbench_clock_probe_run(&r.probe);
    r.speed_ref = fastest_known_state(env);
    r.gate = env->cfg->speed_tolerance > 0 && env->cfg->mode == CBENCH_MODE_TIME
          && r.speed_ref > 0 && cbench_probe_core_meaningful();
    /* A process of one round (what `cbench ab` runs, one per build and
     * pair) only probes: its caller pairs processes in time and sets aside
     * the pairs a slow core ran, and a round replaced here, later, would
     * no longer be paired with the other build's. */
    r.replace = r.gate && env->cfg->rounds > 1;
    cbench_saver_init(&r.saver, env->baseline_dir, env->save_names, env->n_save_names,
                      env->rep, env->ropts);
    if (cbench_saver_check(&r.saver) != 0) {
        runner_free(&r);
        return 1;                 /* nothing measured that could not be kept */
    }
    cbench__runner_probe_counters(&r);
    int rc = env->cfg->interleave ? schedule_interleaved(&r) : schedule_sequential(&r);
    if (rc == CBENCH_EINTR)
        finish_interrupted(&r);
    cbench__runner_clear_progress(&r);
    if (cbench_saver_finish(&r.saver, env->run) != 0)
        r.failures++;
    if (put_in_order(&r, first))
        cbench_saver_reorder(&r.saver, env->run);
    if (env->saved != NULL)
        *env->saved = cbench_saver_saved(&r.saver);
    runner_free(&r);
    return rc != 0 ? rc : r.failures;
}

