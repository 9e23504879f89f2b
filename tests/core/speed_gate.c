/* SPDX-License-Identifier: MIT
 *
 * Rounds measured while the core was slow are set aside (runner.c, "The
 * core's state per round"), under a synthetic clock and a synthetic core
 * probe: a "machine" that is either fast (probe 1000, body 100 ns) or slow
 * (probe 1600, body 160 ns), switched per round by the benchmark's setup.
 *
 * - a slow round of five is set aside and replaced: five fast rounds
 *   remain, the estimate is the fast state's, the kept rounds' speed is
 *   stored;
 * - a benchmark slow in every round keeps them all (up to the round
 *   budget), says why, records the slow speed for comparisons, and
 *   extends its interval down to the fast state's time;
 * - --speed-tolerance 0 keeps every round as measured;
 * - a benchmark a slow spell covered for its whole turn gets a second
 *   chance after the other blocks;
 * - a benchmark with its rounds waits for its reference, so the ratio
 *   between them is still measured;
 * - a run that starts on a slow core judges its rounds by the fastest
 *   state its baseline (same host and CPU) saw;
 * - the real probe is only trusted with the real clock.
 */
#include "check.h"
#include "cbench.h"
#include "run/cli.h"
#include "measure/clock.h"
#include "measure/probe.h"
#include "measure/registry.h"
#include "run/runner.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FAST_PROBE 1000.0
#define SLOW_PROBE 1600.0

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now += 25;
}
static const cbench_clock fake = {"fake", fake_clock, 0};

static int slow_now;                   /* the machine's state this round */
static int flicker_left;               /* probes before a slow core turns fast */
static double fake_probe(void)
{
    if (flicker_left > 0 && --flicker_left == 0)
        slow_now = 0;
    return slow_now ? SLOW_PROBE : FAST_PROBE;
}

static void body(cbench_state *b)
{
    uint64_t cost = slow_now ? 160 : 100;
    CBENCH_ITER(b) { fake_now += cost; }
}

/* "bursty": round 1 (0-based) runs slow. "slow": every round. */
static unsigned bursty_rounds, slow_rounds;
static int setup_bursty(cbench_state *b)
{
    (void)b;
    unsigned k = bursty_rounds++;
    slow_now = k == 1;
    return 0;
}
static int setup_slow(cbench_state *b)
{
    (void)b;
    slow_rounds++;
    slow_now = 1;
    return 0;
}

/* "spell": slow through its whole first budget of rounds (six), fast
 * after: a slow spell that outlasts the benchmark's turn. */
static unsigned spell_rounds;
static int setup_spell(cbench_state *b)
{
    (void)b;
    slow_now = spell_rounds++ < 6;
    return 0;
}

/* "pair/ref" (the group's reference) loses round 1 to a slow core;
 * "pair/other" never does, so it has its rounds first. */
static unsigned ref_rounds;
static int setup_ref(cbench_state *b)
{
    (void)b;
    slow_now = ref_rounds++ == 1;
    return 0;
}
static int setup_fast(cbench_state *b)
{
    (void)b;
    slow_now = 0;
    return 0;
}

/* "flicker": every round reaches its samples in a slow spell that ends
 * three probes later (a core that flickers between states every few
 * milliseconds). */
static int setup_flicker(cbench_state *b)
{
    (void)b;
    slow_now = 1;
    flicker_left = 3;
    return 0;
}

static char first_reported[64];        /* the id reported first (as TAP streams it) */

static void collect(const cbench_report_opts *o, const cbench_result *r, size_t i)
{
    (void)o;
    if (i == 1)
        snprintf(first_reported, sizeof first_reported, "%s", r->id);
}
static void notice(const cbench_report_opts *o, const char *m) { (void)o; (void)m; }
static const cbench_reporter quiet = {"quiet", NULL, notice, collect, NULL, NULL};

static unsigned run_rounds = 5;        /* rounds per benchmark of run_with */

/* Runs the benchmarks whose id starts with prefix; own_probe is the
 * run's start-up probe, base the baseline it is compared with (or NULL). */
static cbench_run *run_with(double tolerance, double own_probe, const cbench_run *base,
                            const char *prefix)
{
    cbench_instance *all, *inst;
    size_t n_all, n = 0;
    CHECK_INT_EQ(cbench_registry_instances(&all, &n_all, 0), 0);
    inst = calloc(n_all, sizeof *inst);
    for (size_t i = 0; i < n_all; i++)
        if (strncmp(all[i].id, prefix, strlen(prefix)) == 0)
            inst[n++] = all[i];
    cbench_config cfg;
    cbench_config_default(&cfg);
    cfg.warm_up_s = 0.01;
    cfg.measure_s = 0.1;
    cfg.rounds = run_rounds;
    cfg.sample_size = 50;
    cfg.n_resamples = 2000;
    cfg.in_process = 1;
    cfg.counters = "none";
    cfg.seed = 7;
    cfg.speed_tolerance = tolerance;
    bursty_rounds = slow_rounds = spell_rounds = ref_rounds = 0;
    flicker_left = 0;
    cbench_run *run = cbench__run_new();
    run->ctx.probe_cpu_ns = own_probe;
    run->ctx.host = cbench__strdup("vm");
    run->ctx.cpu = cbench__strdup("AMD EPYC");
    cbench_report_opts ro = {.out = stderr};
    cbench_runner_env env = {&cfg, &quiet, &ro, run, base, "unused", NULL, 0, NULL, NULL, NULL, NULL};
    CHECK_INT_EQ(cbench_runner_run(&env, inst, n), 0);
    free(inst);
    free(all);
    return run;
}

/* The start-up probe saw the fast state. */
static cbench_run *run_all(double tolerance)
{
    return run_with(tolerance, FAST_PROBE, NULL, "gate/");
}

/* A baseline of the same two benchmarks, measured on host/cpu with the
 * given start-up probe. */
static cbench_run *baseline(const char *host, double probe)
{
    cbench_run *base = run_all(0);
    free(base->ctx.host);
    base->ctx.host = cbench__strdup(host);
    base->ctx.probe_cpu_ns = probe;
    return base;
}

static const cbench_result *find(const cbench_run *run, const char *id)
{
    const cbench_result *r = cbench__run_find(run, id);
    CHECK(r != NULL);
    return r;
}

static void test_slow_rounds_are_set_aside_and_replaced(void)
{
    cbench_run *run = run_all(0.05);
    const cbench_result *r = find(run, "gate/bursty");
    CHECK_INT_EQ(bursty_rounds, 6);              /* 5 fast + 1 replaced */
    CHECK_INT_EQ(r->n_rounds, 5);
    CHECK_INT_EQ(r->rounds_set_aside, 1);
    CHECK_NEAR(r->speed_ns, FAST_PROBE, 0);
    CHECK(r->typical.point >= 100 && r->typical.point < 101);   /* + clock reads */
    CHECK(r->typical.upper < 101);
    for (size_t i = 0; i < r->n_samples; i++)
        CHECK(r->samples[i].round != 1);
    CHECK_STR_EQ(r->stop_reason, "rounds");
    CHECK(!(r->flags & CBENCH_RESULT_SLOW_CORE));
    cbench__run_free(run);
}

static void test_a_benchmark_slow_throughout_keeps_its_rounds_and_says_so(void)
{
    cbench_run *run = run_all(0.05);
    const cbench_result *r = find(run, "gate/slow");
    /* the budget (5 + 30 %, at least 1), then as much again at the end of
     * the run, in case the slow spell has passed */
    CHECK_INT_EQ(slow_rounds, 12);
    CHECK_INT_EQ(r->n_rounds, 12);
    CHECK_INT_EQ(r->rounds_set_aside, 0);
    CHECK_NEAR(r->speed_ns, SLOW_PROBE, 0);
    CHECK(r->typical.point >= 160 && r->typical.point < 161);
    /* ... and its interval reaches down to the fast state's time, where
     * the next run may well land: 160 ns x 1000 / 1600 */
    CHECK(r->typical.lower > 99 && r->typical.lower < 101);
    CHECK(r->flags & CBENCH_RESULT_SLOW_CORE);
    CHECK_STR_EQ(r->stop_reason, "slow machine");
    CHECK(r->warning != NULL && strstr(r->warning, "too many to set aside") != NULL
          && strstr(r->warning, "+60 %") != NULL);
    cbench__run_free(run);
}

/* A process of one round, as `cbench ab` runs one per build and pair,
 * only probes: on a slow core it runs its one round, no more, and
 * records the core's speed for its caller, which sets aside the pair. */
static void test_a_single_round_process_only_probes(void)
{
    run_rounds = 1;
    cbench_run *run = run_all(0.05);
    run_rounds = 5;
    const cbench_result *r = find(run, "gate/slow");
    CHECK_INT_EQ(slow_rounds, 1);
    CHECK_INT_EQ(r->n_rounds, 1);
    CHECK_NEAR(r->speed_ns, SLOW_PROBE, 0);
    cbench__run_free(run);
}

/* A slow spell that ends within the wait before the samples: the round
 * waits for the fast state instead of being set aside and replaced. (A
 * spell longer than the wait, as in every round of gate/slow, still sets
 * the round aside: above.) */
static void test_a_brief_slow_spell_is_waited_out(void)
{
    cbench_run *run = run_with(0.05, FAST_PROBE, NULL, "flicker/");
    const cbench_result *r = find(run, "flicker/x");
    CHECK_INT_EQ(r->n_rounds, 5);
    CHECK_INT_EQ(r->rounds_set_aside, 0);
    CHECK_NEAR(r->speed_ns, FAST_PROBE, 0);
    CHECK(r->typical.point >= 100 && r->typical.point < 101);
    CHECK(!(r->flags & CBENCH_RESULT_SLOW_CORE));
    cbench__run_free(run);
}

/* A slow spell longer than the benchmark's turn: it waits for a second
 * chance after the other blocks and gets its fast rounds then. */
static void test_a_long_spell_gets_a_second_chance(void)
{
    cbench_run *run = run_with(0.05, FAST_PROBE, NULL, "spell/");
    const cbench_result *r = find(run, "spell/x");
    CHECK_INT_EQ(spell_rounds, 11);              /* 6 slow, then 5 fast */
    CHECK_INT_EQ(r->n_rounds, 5);
    CHECK_INT_EQ(r->rounds_set_aside, 6);
    CHECK(r->typical.point >= 100 && r->typical.point < 101);
    CHECK(!(r->flags & CBENCH_RESULT_SLOW_CORE));
    cbench__run_free(run);
}

/* The reference needs a replacement round, the other benchmark does not:
 * the other waits, so its ratio to the reference is still measured. */
static void test_a_ratio_waits_for_the_reference(void)
{
    cbench_run *run = run_with(0.05, FAST_PROBE, NULL, "pair/");
    const cbench_result *ref = find(run, "pair/ref"), *other = find(run, "pair/other");
    CHECK_INT_EQ(ref->rounds_set_aside, 1);
    CHECK_INT_EQ(other->n_rounds, 5);
    CHECK(isfinite(other->ratio_to_reference.point));
    CHECK_NEAR(other->ratio_to_reference.point, 1.0, 0.02);
    CHECK_STR_EQ(first_reported, "pair/ref");   /* reported first, */
    CHECK(&run->results[1] == ref);             /* kept in the order registered */
    cbench__run_free(run);
}

static void test_zero_tolerance_keeps_every_round(void)
{
    cbench_run *run = run_all(0);
    const cbench_result *r = find(run, "gate/bursty");
    CHECK_INT_EQ(bursty_rounds, 5);
    CHECK_INT_EQ(r->n_rounds, 5);
    CHECK_INT_EQ(r->rounds_set_aside, 0);
    CHECK(isnan(r->speed_ns));                   /* not probed */
    int has_slow_round = 0;                      /* the slow round counts */
    for (size_t i = 0; i < r->n_samples; i++)
        has_slow_round |= r->samples[i].round == 1;
    CHECK(has_slow_round);
    cbench__run_free(run);
}

/* A run that starts while the core is slow and stays slow: its own probe
 * would make the slow state look normal. The baseline from this machine
 * knows better; one from another machine is not evidence about this one. */
static void test_a_slow_start_is_judged_by_the_baselines_probe(void)
{
    cbench_run *base = baseline("vm", FAST_PROBE);
    cbench_run *run = run_with(0.05, SLOW_PROBE, base, "gate/slow");
    const cbench_result *r = find(run, "gate/slow");
    CHECK_INT_EQ(r->n_rounds, 12);                  /* all slow: two budgets, kept */
    CHECK(r->flags & CBENCH_RESULT_SLOW_CORE);
    cbench__run_free(run);
    cbench__run_free(base);

    base = baseline("elsewhere", FAST_PROBE);
    run = run_with(0.05, SLOW_PROBE, base, "gate/slow");
    r = find(run, "gate/slow");
    CHECK_INT_EQ(r->n_rounds, 5);                   /* judged by its own probe */
    CHECK(!(r->flags & CBENCH_RESULT_SLOW_CORE));
    cbench__run_free(run);
    cbench__run_free(base);
}

static void test_the_real_probe_needs_the_real_clock(void)
{
    cbench__probe_core_set(NULL);
    CHECK(!cbench_probe_core_meaningful());      /* fake clock in use */
    cbench__clock_set(NULL);
    CHECK(cbench_probe_core_meaningful());
    double s = cbench_probe_core();
    CHECK(s > 0 && isfinite(s));
    cbench__clock_set(&fake);
    cbench__probe_core_set(fake_probe);
    CHECK(cbench_probe_core_meaningful());
}

int main(void)
{
    cbench_options bursty = {0}, slow = {0}, spell = {0}, ref = {0}, fast = {0},
                   flicker = {0};
    flicker.setup = setup_flicker;
    bursty.setup = setup_bursty;
    slow.setup = setup_slow;
    spell.setup = setup_spell;
    ref.setup = setup_ref;
    ref.reference = 1;
    fast.setup = setup_fast;
    CHECK_INT_EQ(cbench_register("gate", "bursty", body, &bursty), 0);
    CHECK_INT_EQ(cbench_register("gate", "slow", body, &slow), 0);
    CHECK_INT_EQ(cbench_register("spell", "x", body, &spell), 0);
    CHECK_INT_EQ(cbench_register("flicker", "x", body, &flicker), 0);
    CHECK_INT_EQ(cbench_register("pair", "other", body, &fast), 0);
    CHECK_INT_EQ(cbench_register("pair", "ref", body, &ref), 0);
    cbench__clock_set(&fake);
    cbench__probe_core_set(fake_probe);

    test_slow_rounds_are_set_aside_and_replaced();
    test_a_benchmark_slow_throughout_keeps_its_rounds_and_says_so();
    test_a_single_round_process_only_probes();
    test_zero_tolerance_keeps_every_round();
    test_a_brief_slow_spell_is_waited_out();
    test_a_long_spell_gets_a_second_chance();
    test_a_ratio_waits_for_the_reference();
    test_a_slow_start_is_judged_by_the_baselines_probe();
    test_the_real_probe_needs_the_real_clock();

    cbench__probe_core_set(NULL);
    cbench__clock_set(NULL);
    cbench_registry_reset();
    return check_result();
}
