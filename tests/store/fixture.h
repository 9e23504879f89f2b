/* SPDX-License-Identifier: MIT
 *
 * fixture.h - runs with every field of the data model filled, temp
 * directories and file helpers, shared by the store tests.
 */
#ifndef CBENCH_TESTS_STORE_FIXTURE_H
#define CBENCH_TESTS_STORE_FIXTURE_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/result.h"
#include "stats/analysis.h"

static inline void fx_est(cbench_estimate *e, double point, double spread)
{
    e->point = point;
    e->lower = point - spread;
    e->upper = point + spread;
    e->std_err = spread / 1.96;
    e->level = 0.95;
}

/* The points of r's estimates are its samples' (a loader refuses others,
 * store/json_check.c; typical need only lie among them); the intervals
 * around them stay as they were. */
static inline void fx_points(cbench_result *r)
{
    cbench_points p;
    if (cbench_analysis_points(r, &p) != 0 || r->typical.point < p.min
        || r->typical.point > p.max)
        abort();
    r->mean.point = p.mean;
    r->median.point = p.median;
    r->std_dev.point = p.std_dev;
    r->mad.point = p.mad;
    r->slope.point = p.slope;
}

/* Fills r as a realistic result: samples i*d iterations at ~t_ns per
 * iteration, a few awkward doubles, counters, a change. Deterministic in
 * 'seed'. */
static inline void fx_fill(cbench_result *r, const char *group, const char *name,
                    int64_t param, double t_ns, unsigned seed)
{
    char id[128], pbuf[32];
    r->group = cbench__strdup(group);
    r->name = cbench__strdup(name);
    if (param >= 0) {
        snprintf(pbuf, sizeof pbuf, "%lld", (long long)param);
        r->param = cbench__strdup(pbuf);
        r->param_value = param;
        r->has_param = 1;
        snprintf(id, sizeof id, "%s/%s/%s", group, name, pbuf);
    } else {
        snprintf(id, sizeof id, "%s/%s", group, name);
    }
    r->id = cbench__strdup(id);
    r->throughput = CBENCH_THROUGHPUT_BYTES;
    r->throughput_per_iter = 4096.0;
    r->n_samples = 20;
    r->n_rounds = 4;
    r->speed_ns = 54150.25;
    r->rounds_set_aside = 3;
    r->samples = calloc(r->n_samples, sizeof *r->samples);
    uint64_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < r->n_samples; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        double noise = 1.0 + ((double)(x >> 11) / 9007199254740992.0 - 0.5) * 0.02;
        r->samples[i].iters = (double)(i % 5 + 1) * 1000.0;
        r->samples[i].ns = r->samples[i].iters * t_ns * noise;  /* ugly doubles */
        r->samples[i].round = (uint32_t)(i / 5);
    }
    fx_est(&r->typical, t_ns, t_ns * 0.01);
    fx_est(&r->mean, t_ns * 1.001, t_ns * 0.012);
    fx_est(&r->median, t_ns * 0.999, t_ns * 0.011);
    fx_est(&r->std_dev, t_ns * 0.01, t_ns * 0.002);
    fx_est(&r->mad, t_ns * 0.008, t_ns * 0.002);
    fx_est(&r->slope, t_ns * 1.0 / 3.0, t_ns * 0.1);
    r->r_squared = 0.1 + 0.2;                  /* 0.30000000000000004 */
    r->outliers = (cbench_outliers){1, 2, 14, 2, 1, {t_ns * 0.9, t_ns * 0.95,
                                                     t_ns * 1.05, t_ns * 1.1}};
    r->stop_reason = "precision";
    r->n_counters = 2;
    snprintf(r->counters[0].name, sizeof r->counters[0].name, "instructions");
    r->counters[0].per_iter = 1234.5;
    r->counters[0].base_per_iter = NAN;
    r->counters[0].exact = 1;
    snprintf(r->counters[1].name, sizeof r->counters[1].name, "L1-dcache-load-misses");
    r->counters[1].per_iter = 1e-300;
    r->counters[1].base_per_iter = 5e-324;     /* smallest subnormal */
    r->has_change = 1;
    fx_est(&r->change.mean, 0.05, 0.01);
    fx_est(&r->change.median, 0.049, 0.012);
    r->change.p_value = 0.001;
    r->change.df = 13.25;
    r->change.noise_threshold = 0.02;
    r->change.significance = 0.05;
    r->change.verdict = CBENCH_VERDICT_REGRESSED;
    r->change.test_name = "welch-t on rounds";
    fx_est(&r->ratio_to_reference, 1.5, 0.1);
    r->flags = CBENCH_RESULT_UNSTABLE | CBENCH_RESULT_FLAT;
    fx_points(r);
    r->warn_kinds = CBENCH_WARN_ROUNDS | CBENCH_WARN_DRIFT;
    r->warning = cbench__strdup("unstable: \"rounds\" disagree\nrun with --rounds 10");
    r->error = NULL;
}

static inline void fx_context(cbench_context *c)
{
    c->date = cbench__strdup("2026-11-25T12:00:00Z");
    c->host = cbench__strdup("testhost");
    c->cpu = cbench__strdup("Test CPU @ 2.60GHz");
    c->compiler = cbench__strdup("gcc 12.2.0");
    c->flags = cbench__strdup("-O2 -march=native");
    c->version = cbench__strdup("0.1.0");
    c->git_commit = cbench__strdup("0123456789abcdef");
    c->build_type = cbench__strdup("release");
    c->warnings = cbench__strdup("cpu governor is 'powersave'\nturbo is on");
    c->seed = 18446744073709551557ull;         /* > 2^53: must stay exact */
    c->confidence_level = 0.95;
    c->n_resamples = 100000;
    c->noise_threshold = 0.02;
    c->significance = 0.05;
    c->mode = cbench__strdup("time");
}

/* A run with results "<group>/<name_i>" for the given names. */
static inline cbench_run *fx_run(const char *group, const char *const *names, size_t n,
                          double t_ns)
{
    cbench_run *run = cbench__run_new();
    fx_context(&run->ctx);
    for (size_t i = 0; i < n; i++)
        fx_fill(cbench__run_add(run), group, names[i], -1, t_ns * (double)(i + 1),
                (unsigned)i + 1);
    return run;
}

/* A fresh empty directory under TMPDIR (or /tmp); caller owns the path. */
static inline char *fx_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/cbench-store-XXXXXX", base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    return d != NULL ? cbench__strdup(d) : NULL;
}

/* Whole file into a malloc'd buffer (NUL-terminated); NULL if unreadable. */
static inline char *fx_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap + 1);
    size_t r;
    while (b != NULL && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(b, (cap *= 2) + 1);
            if (nb == NULL) { free(b); b = NULL; break; }
            b = nb;
        }
    }
    fclose(f);
    if (b != NULL)
        b[n] = '\0';
    if (len != NULL)
        *len = n;
    return b;
}

static inline int fx_write(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t w = fwrite(data, 1, len, f);
    return (fclose(f) == 0 && w == len) ? 0 : -1;
}

/* rm -rf of a directory tree made by the tests (plain files only, one
 * level of subdirectories). */
static inline void fx_rmtree(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", dir);
}

#endif /* CBENCH_TESTS_STORE_FIXTURE_H */
