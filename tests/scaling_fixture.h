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

/* Makes r (scaling_fixture_add's) a benchmark of two axes, its size on
 * the first (size_axis) and other_axis = other: the id becomes
 * "group/name/size_axis=n/other_axis=other". */
static void scaling_fixture_axes(cbench_result *r, const char *size_axis,
                                 const char *other_axis, int64_t other)
{
    char param[96], id[192];
    snprintf(param, sizeof param, "%s=%lld/%s=%lld", size_axis, (long long)r->param_value,
             other_axis, (long long)other);
    snprintf(id, sizeof id, "%s/%s/%s", r->group, r->name, param);
    free(r->id);
    free(r->param);
    r->id = cbench__strdup(id);
    r->param = cbench__strdup(param);
    CHECK_INT_EQ(cbench__param_axes(param, r->axes, &r->n_axes), 0);
    CHECK_INT_EQ(r->n_axes, 2);
}

/* "stride/rmw" over floats (4 B) = 1 Ki..128 Ki and stride = 1 or 16,
 * added as the engine runs them (the first axis slowest): at stride 1 one
 * plateau of 1 ns per element, at stride 16 1 ns up to 8 Ki floats and
 * 3 ns from 16 Ki (32-64 KiB of footprint, around the 48 KiB L1d). */
static cbench_run *scaling_fixture_axes_run(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 19);
    cbench_run *run = cbench__run_new();
    run->ctx.confidence_level = 0.95;
    run->ctx.cache_bytes[0] = 49152;
    for (int e = 10; e <= 17; e++)
        for (int64_t stride = 1; stride <= 16; stride *= 16) {
            double n = ldexp(1, e);
            double per = stride == 16 && e >= 14 ? 3.0 : 1.0;
            cbench_result *r =
                scaling_fixture_add(run, "stride", "rmw", (int64_t)n, n * per, 4, &g);
            scaling_fixture_axes(r, "floats", "stride", stride);
        }
    return run;
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
