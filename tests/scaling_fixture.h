/* SPDX-License-Identifier: MIT
 *
 * scaling_fixture.h - a run with swept benchmarks whose complexity and
 * knees are known, for the tests of stats/scaling.h and of what the
 * report, the charts and the exports say about them.
 */
#ifndef CBENCH_TESTS_SCALING_FIXTURE_H
#define CBENCH_TESTS_SCALING_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/result.h"
#include "stats/analysis.h"
#include "stats/rng.h"

#define SCALING_FIXTURE_ROUNDS 5
#define SCALING_FIXTURE_PER_ROUND 4

/* Adds group/name/n whose iteration takes ns_per_iter (1 % noise), in
 * SCALING_FIXTURE_ROUNDS rounds, analysed as the engine would;
 * bytes_per_elem > 0 sets the throughput. */
static cbench_result *scaling_fixture_add(cbench_run *run, const char *group,
                                          const char *name, int64_t n, double ns_per_iter,
                                          double bytes_per_elem, cbench_rng *g)
{
    cbench_result *r = cbench__run_add(run);
    char id[128];
    snprintf(id, sizeof id, "%s/%s/%lld", group, name, (long long)n);
    r->id = cbench__strdup(id);
    r->group = cbench__strdup(group);
    r->name = cbench__strdup(name);
    r->param = cbench__strdup(id + strlen(group) + strlen(name) + 2);
    r->has_param = 1;
    r->param_value = n;
    if (bytes_per_elem > 0) {
        r->throughput = CBENCH_THROUGHPUT_BYTES;
        r->throughput_per_iter = bytes_per_elem * (double)n;
    }
    r->n_samples = SCALING_FIXTURE_ROUNDS * SCALING_FIXTURE_PER_ROUND;
    r->samples = calloc(r->n_samples, sizeof *r->samples);
    for (size_t i = 0; i < r->n_samples; i++)
        r->samples[i] = (cbench_sample){100, 100 * ns_per_iter * cbench_rng_lognormal(g, 0, 0.01),
                                        (uint32_t)(i / SCALING_FIXTURE_PER_ROUND)};
    r->flags = CBENCH_RESULT_FLAT;
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 200;
    CHECK_INT_EQ(cbench_analysis_run(&o, r), 0);
    return r;
}

/* "g/step": 8 sizes 1 Ki..128 Ki elements of 8 B, 1 ns per element up to
 * 8 Ki and 2 ns from 16 Ki (a knee over 64-128 KiB of footprint), added
 * largest first; "g/quad": n^2 / 1000 ns on 4 sizes; "g/few": 3 sizes;
 * "h/step": the same name in another group, with a failed and a skipped
 * size among 4 good ones. */
static cbench_run *scaling_fixture_run(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 7);
    cbench_run *run = cbench__run_new();
    run->ctx.confidence_level = 0.95;
    run->ctx.cache_bytes[0] = 32768;
    run->ctx.cache_bytes[1] = 98304;            /* 96 KiB: inside 64-128 KiB */
    for (int e = 17; e >= 10; e--) {
        double n = ldexp(1, e);
        scaling_fixture_add(run, "g", "step", (int64_t)n, n * (e >= 14 ? 2.0 : 1.0), 8, &g);
    }
    for (int e = 4; e <= 7; e++)
        scaling_fixture_add(run, "g", "quad", (int64_t)1 << e, ldexp(1, 2 * e) / 1000, 0, &g);
    for (int e = 4; e <= 6; e++)
        scaling_fixture_add(run, "g", "few", (int64_t)1 << e, 5, 0, &g);
    for (int e = 10; e <= 15; e++) {
        cbench_result *r =
            scaling_fixture_add(run, "h", "step", (int64_t)1 << e, ldexp(1, e), 4, &g);
        if (e == 11)
            r->flags |= CBENCH_RESULT_FAILED;
        if (e == 13)
            r->flags |= CBENCH_RESULT_SKIPPED;
    }
    return run;
}

#endif /* CBENCH_TESTS_SCALING_FIXTURE_H */
