/* SPDX-License-Identifier: MIT
 *
 * scaling.c - finding the sweeps of a run and fitting them: which results
 * make a sweep (one group/name, 4+ sizes, failed and skipped sizes left
 * out), in size order whatever the run's order, the bytes per element
 * from the throughput, the complexity of each, and a knee named by the
 * context's caches; a family with two axes (or thread counts) sweeps its
 * first axis once per combination of the others, named by it; a sweep
 * without samples keeps its complexity. The runs are
 * tests/scaling_fixture.h's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "check.h"
#include "scaling_fixture.h"
#include "stats/scaling.h"
#include "store/store.h"

static void test_sweeps_of_run(void)
{
    cbench_run *run = scaling_fixture_run();
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    CHECK_INT_EQ(s.n, 3);                        /* g/step, g/quad, h/step */
    CHECK_INT_EQ(s.n_caches, 2);                 /* L3 unknown */
    CHECK_STR_EQ(s.caches[1].name, "L2");

    const cbench_scaling *st = cbench_scaling_find(&s, "g", "step");
    CHECK(st != NULL && st == &s.v[0]);
    CHECK(cbench_scaling_find(&s, "g", "few") == NULL);
    if (st != NULL) {
        CHECK_INT_EQ(st->n, 8);
        for (size_t i = 0; i < st->n; i++)         /* ascending size */
            CHECK_INT_EQ(run->results[st->results[i]].param_value, (int64_t)1024 << i);
        CHECK_NEAR(st->bytes_per_element, 8, 1e-12);
        CHECK_INT_EQ(st->complexity_rc, 0);
        CHECK_INT_EQ(st->complexity.best, CBENCH_BIGO_N);
        CHECK_INT_EQ(st->knees_rc, 0);
        CHECK_INT_EQ(st->knees.n_knees, 1);
        const cbench_knee *k = &st->knees.knees[0];
        CHECK_NEAR(k->n_lo, 8192, 0);
        CHECK_NEAR(k->n_hi, 16384, 0);
        CHECK_REL(k->factor.point, 2, 0.02);
        CHECK(k->factor.lower > 1.8 && k->factor.upper < 2.2);
        CHECK_NEAR(k->bytes_lo, 65536, 0);
        CHECK_INT_EQ(k->cache, 1);
        CHECK_INT_EQ(k->cache_near, 0);
    }
    const cbench_scaling *q = cbench_scaling_find(&s, "g", "quad");
    CHECK(q != NULL && q->complexity.best == CBENCH_BIGO_N2);
    CHECK(q != NULL && isnan(q->bytes_per_element));
    CHECK(q != NULL && q->knees_rc == 0 && q->knees.n_knees == 0);
    const cbench_scaling *h = cbench_scaling_find(&s, "h", "step");
    CHECK(h != NULL && h->n == 4);               /* the failed and skipped left out */
    CHECK(h != NULL && h->complexity.best == CBENCH_BIGO_N);
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

/* A family with two axes sweeps its first (the size) once per value of
 * the other: stride/rmw is two sweeps, each with its own fit and knees
 * and named by its stride, in the order of their first results; mixed
 * into one (stride 1 and 16 at each size) it had no sweep at all. */
static void test_sweep_per_combination(void)
{
    cbench_run *run = scaling_fixture_axes_run();
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    CHECK_INT_EQ(s.n, 2);
    const cbench_scaling *one = s.n == 2 ? &s.v[0] : NULL, *wide = s.n == 2 ? &s.v[1] : NULL;
    if (one != NULL) {
        CHECK_STR_EQ(one->combo, "stride=1");
        CHECK_INT_EQ(one->n, 8);
        for (size_t i = 0; i < one->n; i++) {
            const cbench_result *r = &run->results[one->results[i]];
            CHECK_INT_EQ(r->param_value, (int64_t)1024 << i);
            CHECK_INT_EQ(r->axes[1].value, 1);
        }
        CHECK_NEAR(one->bytes_per_element, 4, 1e-12);
        CHECK_INT_EQ(one->complexity_rc, 0);
        CHECK_INT_EQ(one->complexity.best, CBENCH_BIGO_N);
        CHECK_REL(one->complexity.coef, 1.0, 0.05);
        CHECK_INT_EQ(one->knees_rc, 0);
        CHECK_INT_EQ(one->knees.n_knees, 0);
    }
    if (wide != NULL) {
        CHECK_STR_EQ(wide->combo, "stride=16");
        CHECK_INT_EQ(wide->n, 8);
        for (size_t i = 0; i < wide->n; i++)
            CHECK_INT_EQ(run->results[wide->results[i]].axes[1].value, 16);
        CHECK_INT_EQ(wide->knees_rc, 0);
        CHECK_INT_EQ(wide->knees.n_knees, 1);
        if (wide->knees.n_knees == 1) {
            const cbench_knee *k = &wide->knees.knees[0];
            CHECK_NEAR(k->n_lo, 8192, 0);
            CHECK_NEAR(k->n_hi, 16384, 0);
            CHECK_REL(k->factor.point, 3, 0.02);
            CHECK_NEAR(k->bytes_lo, 32768, 0);
            CHECK_INT_EQ(k->cache, 0);                 /* L1d = 48 KiB */
            CHECK_INT_EQ(k->cache_near, 0);
        }
        CHECK_INT_EQ(wide->between_knees, 1);
        CHECK_INT_EQ(wide->complexity_rc, 0);
        CHECK_INT_EQ(wide->complexity.best, CBENCH_BIGO_N);
        CHECK_REL(wide->complexity.coef, 1.0, 0.05);
    }
    char title[CBENCH_SCALING_TITLE_MAX];
    if (wide != NULL)
        CHECK_STR_EQ(cbench_scaling_title(title, sizeof title, wide), "stride/rmw [stride=16]");
    CHECK(cbench_scaling_find(&s, "stride", "rmw") == one);   /* the family's first */
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

/* Each thread count is a sweep of its own, named by it; a family of one
 * axis and no threads has no combination, and its title is group/name. */
static void test_sweep_per_thread_count(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 23);
    cbench_run *run = cbench__run_new();
    for (int e = 4; e <= 7; e++)
        for (unsigned t = 1; t <= 2; t++)
            scaling_fixture_add(run, "t", "sum", (int64_t)1 << e, ldexp(1, e) / t, 0, &g)
                ->threads.count = t;
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    CHECK_INT_EQ(s.n, 2);
    char title[CBENCH_SCALING_TITLE_MAX];
    if (s.n == 2) {
        CHECK_STR_EQ(s.v[0].combo, "threads=1");
        CHECK_STR_EQ(cbench_scaling_title(title, sizeof title, &s.v[1]), "t/sum [threads=2]");
        CHECK_INT_EQ(s.v[1].n, 4);
    }
    cbench_scaling_free(&s);
    cbench__run_free(run);
    run = scaling_fixture_run();
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    CHECK(s.n == 3 && s.v[0].combo[0] == '\0');
    CHECK_STR_EQ(cbench_scaling_title(title, sizeof title, &s.v[0]), "g/step");
    CHECK_STR_EQ(cbench_scaling_title(title, 8, &s.v[0]), "g/step");
    CHECK_STR_EQ(cbench_scaling_title(title, 4, &s.v[0]), "g/s");   /* cut, terminated */
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

/* A linear kernel that leaves the LLC at its last size (the points suite's
 * default sweep: 6 sizes, x3.2 per element at 5.3 Mi): over the whole
 * sweep O(n) fits best but poorly (relative RMS 28 %: the step), and the
 * complexity is the one between the knees, O(n) at the first plateau's 1
 * ns per element, closely. */
static void test_complexity_between_knees(void)
{
    static const int64_t sizes[] = {320, 1920, 10944, 61760, 349504, 5592384};
    cbench_rng g;
    cbench_rng_seed(&g, 11);
    cbench_run *run = cbench__run_new();
    run->ctx.confidence_level = 0.95;
    for (size_t i = 0; i < 6; i++)
        scaling_fixture_add(run, "p", "aos", sizes[i], (double)sizes[i] * (i == 5 ? 3.2 : 1.0),
                            24, &g);
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    const cbench_scaling *a = cbench_scaling_find(&s, "p", "aos");
    CHECK(a != NULL);
    if (a != NULL) {
        CHECK_INT_EQ(a->knees.n_knees, 1);
        CHECK_INT_EQ(a->between_knees, 1);
        CHECK_INT_EQ(a->whole_rc, 0);
        CHECK_INT_EQ(a->whole.best, CBENCH_BIGO_N);
        CHECK(a->whole.rms > 0.2);
        CHECK_INT_EQ(a->complexity_rc, 0);
        CHECK_INT_EQ(a->complexity.best, CBENCH_BIGO_N);
        CHECK_REL(a->complexity.coef, 1.0, 0.05);
        CHECK(a->complexity.rms < 0.05);
    }
    const cbench_scaling *st = NULL;
    cbench_scaling_free(&s);
    cbench__run_free(run);
    /* Without knees the two fits are one. */
    run = scaling_fixture_run();
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    st = cbench_scaling_find(&s, "g", "quad");
    CHECK(st != NULL && !st->between_knees && st->whole.best == st->complexity.best);
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

/* Results loaded without samples: the complexity still, the knees not. */
static void test_without_samples(void)
{
    cbench_run *run = scaling_fixture_run();
    for (size_t i = 0; i < run->n_results; i++) {
        free(run->results[i].samples);
        run->results[i].samples = NULL;
        run->results[i].n_samples = 0;
    }
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    CHECK(s.n == 3 && s.v[0].complexity_rc == 0 && s.v[0].knees_rc == CBENCH_EINVAL);
    CHECK(s.v[0].knees.n_knees == 0);
    cbench_scaling_free(&s);
    cbench_scaling_free(NULL);
    CHECK_INT_EQ(cbench_scaling_fit(NULL, NULL, &s), CBENCH_EINVAL);
    CHECK_INT_EQ(s.n, 0);
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, NULL), CBENCH_EINVAL);
    cbench__run_free(run);
}

/* The report is drawn from stored sections: the caches of the context
 * and the samples come back from a save, and so do the same sweeps. A
 * file without a cache field (an older cbench's) knows fewer levels. */
static void test_stored(void)
{
    cbench_run *run = scaling_fixture_run(), *back = NULL;
    size_t len;
    char err[256], *text = cbench_store_serialize(run, &len);
    CHECK(text != NULL);
    CHECK_INT_EQ(cbench_store_parse(text, len, "mem", &back, err, sizeof err), 0);
    CHECK(back != NULL && back->ctx.cache_bytes[1] == 98304 && back->ctx.cache_bytes[2] == 0);
    cbench_scalings a, b;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &a), 0);
    CHECK_INT_EQ(cbench_scaling_fit(back, NULL, &b), 0);
    CHECK(a.n == b.n && b.n_caches == 2 && b.v[0].knees.n_knees == 1);
    CHECK(b.v[0].knees.knees[0].cache == 1);
    CHECK_REL(a.v[0].knees.knees[0].factor.point, b.v[0].knees.knees[0].factor.point, 1e-12);
    cbench_scaling_free(&b);
    cbench__run_free(back);
    char *key = strstr(text, "\"cache_l2_bytes\"");
    CHECK(key != NULL);
    if (key != NULL)
        memcpy(key, "\"cache_xx_bytes\"", 16);            /* an unknown key: ignored */
    CHECK_INT_EQ(cbench_store_parse(text, len, "mem", &back, err, sizeof err), 0);
    CHECK(back != NULL && back->ctx.cache_bytes[1] == 0);
    CHECK_INT_EQ(cbench_scaling_fit(back, NULL, &b), 0);
    CHECK(b.n_caches == 1 && b.v[0].knees.knees[0].cache == 0);   /* L1d, 2x below */
    CHECK(b.v[0].knees.knees[0].cache_near == 1);
    cbench_scaling_free(&a);
    cbench_scaling_free(&b);
    cbench__run_free(back);
    cbench__run_free(run);
    free(text);
}

int main(void)
{
    test_sweeps_of_run();
    test_complexity_between_knees();
    test_sweep_per_combination();
    test_sweep_per_thread_count();
    test_without_samples();
    test_stored();
    return check_result();
}
