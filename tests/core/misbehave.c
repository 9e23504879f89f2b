/* SPDX-License-Identifier: MIT
 *
 * Badly behaved benchmarks through the whole engine (rounds, analysis,
 * warnings) under a synthetic clock: each gets a sensible estimate or a
 * clear warning, never a crash or a silent wrong number.
 *
 * - a body that takes no time: estimate ~0 and a "compiler removed it?"
 *   warning;
 * - a body that takes three minutes per iteration: one flat sample per
 *   round, the right estimate, and a warning to raise the time;
 * - a body that gets faster mid-run (a cache warming): an estimate
 *   between the two speeds and an instability warning;
 * - a body with random timings: the right centre and a warning.
 */
#include "check.h"
#include "cbench.h"
#include "run/cli.h"
#include "measure/clock.h"
#include "measure/registry.h"
#include "run/runner.h"

#include <stdlib.h>

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now += 25;
}
static const cbench_clock fake = {"fake", fake_clock, 0};

static void zero(cbench_state *b)
{
    CBENCH_ITER(b) {}
}

static void minutes(cbench_state *b)
{
    CBENCH_ITER(b) { fake_now += 180000000000ull; }
}

static uint64_t done_iters;
static int reset_warming(cbench_state *b) { (void)b; done_iters = 0; return 0; }
static void warming(cbench_state *b)
{
    CBENCH_ITER(b) { fake_now += done_iters++ < 100000 ? 200 : 100; }
}

/* Every sample runs at a random speed between 50 and 150 ns/iter. */
static unsigned seed = 12345;
static void jittery(cbench_state *b)
{
    uint64_t cost = 50 + (uint64_t)(rand_r(&seed) % 101);
    CBENCH_ITER(b) { fake_now += cost; }
}

static cbench_run *run;
static void collect(const cbench_report_opts *o, const cbench_result *r, size_t i)
{
    (void)o; (void)r; (void)i;
}
static void notice(const cbench_report_opts *o, const char *m) { (void)o; (void)m; }
static const cbench_reporter quiet = {"quiet", NULL, notice, collect, NULL, NULL};

static const cbench_result *find(const char *id)
{
    const cbench_result *r = cbench__run_find(run, id);
    CHECK(r != NULL);
    return r;
}

static int warned(const cbench_result *r, const char *text)
{
    int ok = r->warning != NULL && strstr(r->warning, text) != NULL;
    if (!ok)
        fprintf(stderr, "  %s: warning '%s' lacks '%s'\n", r->id,
                r->warning ? r->warning : "(none)", text);
    return ok;
}

int main(void)
{
    cbench_options warm = {0};
    warm.setup = reset_warming;
    CHECK_INT_EQ(cbench_register("bad", "zero", zero, NULL), 0);
    CHECK_INT_EQ(cbench_register("bad", "minutes", minutes, NULL), 0);
    CHECK_INT_EQ(cbench_register("bad", "warming", warming, &warm), 0);
    CHECK_INT_EQ(cbench_register("bad", "jittery", jittery, NULL), 0);
    cbench_instance *inst;
    size_t n;
    CHECK_INT_EQ(cbench_registry_instances(&inst, &n, 0), 0);

    cbench_config cfg;
    cbench_config_default(&cfg);
    cfg.warm_up_s = 0.01;
    cfg.measure_s = 0.1;
    cfg.rounds = 3;
    cfg.sample_size = 90;
    cfg.n_resamples = 2000;
    cfg.in_process = 1;
    cfg.counters = "none";
    cfg.seed = 7;
    cbench__clock_set(&fake);
    run = cbench__run_new();
    cbench_report_opts ro = {.out = stderr};
    cbench_runner_env env = {&cfg, &quiet, &ro, run, NULL, "unused", NULL, 0, NULL, NULL, NULL, NULL};
    CHECK_INT_EQ(cbench_runner_run(&env, inst, n), 0);
    CHECK_INT_EQ(run->n_results, 4);

    const cbench_result *r = find("bad/zero");
    CHECK(r->typical.point >= 0 && r->typical.point < 0.5);
    CHECK(warned(r, "compiler may have removed it"));

    r = find("bad/minutes");
    CHECK_REL(r->typical.point, 180e9, 1e-6);
    CHECK(r->flags & CBENCH_RESULT_FLAT);
    CHECK_INT_EQ(r->n_samples, 3);                 /* one per round */
    CHECK(warned(r, "raise --measurement-time"));

    r = find("bad/warming");          /* 200 ns/iter, then 100 (+ clock reads) */
    CHECK(r->typical.point >= 100 && r->typical.point <= 201);
    if (!(r->typical.point >= 100 && r->typical.point <= 201))
        fprintf(stderr, "  warming: %g\n", r->typical.point);
    CHECK(r->flags & CBENCH_RESULT_UNSTABLE);
    CHECK(warned(r, "changes during sampling"));

    /* The body's own cost varies: the default estimator reports the lower
     * decile of U(50, 150) = 60 and the warning says how to get the mean. */
    r = find("bad/jittery");
    CHECK_REL(r->typical.point, 60, 0.1);
    CHECK(r->typical.lower <= 60 && r->typical.upper >= 60);
    CHECK(r->flags & CBENCH_RESULT_UNSTABLE);
    CHECK(warned(r, "vary by") && warned(r, "--estimator mean"));

    cbench__clock_set(NULL);
    cbench__run_free(run);
    free(inst);
    cbench_registry_reset();
    return check_result();
}
