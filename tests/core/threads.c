/* SPDX-License-Identifier: MIT
 *
 * Multi-threaded benchmarks (options.threads, measure/team.c), as
 * specifications with known answers rather than timings:
 *
 * - ids: each thread count is its own instance "group/name[/param]/threads=N";
 *   CBENCH_CPUS is the CPUs this process may use, repeats run once, a range
 *   doubles and ends at its top; bad counts are registration errors;
 * - every thread runs every sample with the same iteration count, and
 *   cbench_thread_index/count name the thread and the team;
 * - no thread's timed loop starts before every thread reached it (barrier);
 * - setup/teardown run once per round, thread_setup/thread_teardown once
 *   per thread, in that thread, with its own user data;
 * - a sample lasts until the slowest thread ends; the imbalance and the
 *   per-thread CPU times say which thread was slow;
 * - counters are opened in every thread and summed;
 * - a baseline keeps what the threads did, and a file without it loads.
 */
#include "check.h"
#include "cbench.h"
#include "measure/registry.h"
#include "model/result.h"
#include "measure/sampler.h"
#include "measure/state.h"
#include "measure/team.h"
#include "store/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 3

static const cbench_bench *bench(const char *name, cbench_fn fn, const cbench_options *o)
{
    CHECK_INT_EQ(cbench_register("threads", name, fn, o), 0);
    return cbench_registry_get(cbench_registry_count() - 1);
}

static cbench_instance instance(const cbench_bench *b, unsigned threads)
{
    cbench_instance in;
    memset(&in, 0, sizeof in);
    in.bench = b;
    in.threads = threads;
    snprintf(in.id, sizeof in.id, "threads/%s/threads=%u", b->name, threads);
    return in;
}

static void body_nothing(cbench_state *b) { CBENCH_ITER(b) {} }

/* Finds id among the instances. */
static int has_id(const cbench_instance *v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].id, id) == 0)
            return 1;
    return 0;
}

static void test_ids(void)
{
    unsigned cpus = cbench_team_cpus();
    cbench_registry_reset();
    cbench_options o = {CBENCH_THREADS(1, 2, CBENCH_CPUS)};
    bench("list", body_nothing, &o);
    cbench_options p = {CBENCH_PARAMS(64, 128), CBENCH_THREADS(2)};
    bench("param", body_nothing, &p);
    cbench_options r = {CBENCH_THREAD_RANGE(3, 13)};
    bench("range", body_nothing, &r);
    bench("plain", body_nothing, NULL);
    cbench_instance *v;
    size_t n;
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, CBENCH_SWEEP_DEFAULT), 0);
    size_t want_list = cpus > 2 ? 3 : 2;    /* CBENCH_CPUS repeats 1 or 2 */
    CHECK_INT_EQ(n, want_list + 2 + 4 + 1);
    char id[64];
    snprintf(id, sizeof id, "threads/list/threads=%u", cpus);
    CHECK(has_id(v, n, "threads/list/threads=1") && has_id(v, n, "threads/list/threads=2"));
    CHECK(has_id(v, n, id));
    CHECK(has_id(v, n, "threads/param/64/threads=2") && has_id(v, n, "threads/param/128/threads=2"));
    CHECK(has_id(v, n, "threads/range/threads=3") && has_id(v, n, "threads/range/threads=6")
          && has_id(v, n, "threads/range/threads=12") && has_id(v, n, "threads/range/threads=13"));
    CHECK(has_id(v, n, "threads/plain"));                /* no suffix without threads */
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].id, "threads/plain") == 0)
            CHECK_INT_EQ(v[i].threads, 0);
        else if (strcmp(v[i].id, "threads/param/64/threads=2") == 0)
            CHECK(v[i].threads == 2 && v[i].has_param && v[i].param == 64);
    free(v);
    cbench_options bad = {CBENCH_THREADS(2, 0)};
    CHECK_INT_EQ(cbench_register("threads", "bad", body_nothing, &bad), CBENCH_EINVAL);
    CHECK(cbench_registry_error() != NULL && strstr(cbench_registry_error(), "threads") != NULL);
    cbench_registry_reset();
}

/* {-----------------------------------------------------------------
 * Who ran what.
 * ------------------------------------------------------------------ */

static atomic_ullong iters_of[N];
static atomic_uint count_seen_bad, arrivals, early_starts;
static atomic_uint setups, teardowns, thread_setups, thread_teardowns, own_data_bad;
static int own_data[N];

static void body_record(cbench_state *b)
{
    unsigned i = cbench_thread_index(b);
    if (cbench_thread_count(b) != N || i >= N) {
        atomic_fetch_add(&count_seen_bad, 1);
        CBENCH_ITER(b) {}
        return;
    }
    if (cbench_user_data(b) != &own_data[i])
        atomic_fetch_add(&own_data_bad, 1);
    /* The last thread dawdles before its loop: without the barrier the
     * others would start first. */
    unsigned mine = atomic_fetch_add(&arrivals, 1) + 1;
    if (i == N - 1) {
        struct timespec ts = {0, 200000};
        nanosleep(&ts, NULL);
    }
    unsigned all_here = (mine + N - 1) / N * N;    /* this sample's arrivals */
    int first = 1;
    CBENCH_ITER(b) {
        if (first && atomic_load(&arrivals) < all_here)
            atomic_fetch_add(&early_starts, 1);
        first = 0;
        atomic_fetch_add(&iters_of[i], 1);
    }
}

static int setup_count(cbench_state *b) { (void)b; atomic_fetch_add(&setups, 1); return 0; }
static void teardown_count(cbench_state *b) { (void)b; atomic_fetch_add(&teardowns, 1); }

static int thread_setup_own(cbench_state *b)
{
    atomic_fetch_add(&thread_setups, 1);
    cbench_set_user_data(b, &own_data[cbench_thread_index(b)]);
    return 0;
}

static void thread_teardown_own(cbench_state *b)
{
    atomic_fetch_add(&thread_teardowns, 1);
    if (cbench_user_data(b) != &own_data[cbench_thread_index(b)])
        atomic_fetch_add(&own_data_bad, 1);
}

static double total_iters(const cbench_round_out *o)
{
    double s = 0;
    for (size_t i = 0; i < o->n; i++)
        s += o->iters[i];
    return s;
}

static void test_every_thread_runs_every_sample(void)
{
    cbench_registry_reset();
    cbench_options o = {CBENCH_THREADS(N), .setup = setup_count, .teardown = teardown_count,
                        .thread_setup = thread_setup_own, .thread_teardown = thread_teardown_own};
    cbench_instance in = instance(bench("record", body_record, &o), N);
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.warm_up_ns = 5e6;
    rc.measure_ns = 20e6;
    rc.n_samples = 10;
    rc.min_sample_ns = 1e5;
    cbench_round_out out;
    CHECK_INT_EQ(cbench_round_run(&in, &rc, &out), 0);
    CHECK(!out.skipped);
    CHECK(out.n >= 1);
    /* Warm-up iterations are not in out, so compare the threads with each
     * other, and each with at least the measured total. */
    unsigned long long i0 = atomic_load(&iters_of[0]);
    for (int t = 1; t < N; t++)
        CHECK_INT_EQ(atomic_load(&iters_of[t]), i0);
    CHECK((double)i0 >= total_iters(&out));
    CHECK_INT_EQ(atomic_load(&count_seen_bad), 0);
    CHECK_INT_EQ(atomic_load(&early_starts), 0);
    CHECK_INT_EQ(atomic_load(&setups), 1);
    CHECK_INT_EQ(atomic_load(&teardowns), 1);
    CHECK_INT_EQ(atomic_load(&thread_setups), N);
    CHECK_INT_EQ(atomic_load(&thread_teardowns), N);
    CHECK_INT_EQ(atomic_load(&own_data_bad), 0);
    CHECK_INT_EQ(out.thread_row, N + 1);     /* N CPU times, the imbalance */
    cbench_round_out_free(&out);
    cbench_registry_reset();
}

/* {-----------------------------------------------------------------
 * The slowest thread sets the sample's time.
 * ------------------------------------------------------------------ */

static uint64_t cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Thread 1 works 10x as long per iteration as thread 0 (1 us and 10 us
 * of its own CPU time, so other load on the machine cannot swap them). */
static void body_uneven(cbench_state *b)
{
    uint64_t per = cbench_thread_index(b) == 0 ? 1000 : 10000;
    CBENCH_ITER(b) {
        uint64_t until = cpu_ns() + per;
        while (cpu_ns() < until) {}
    }
}

static void test_slowest_thread_sets_the_time(void)
{
    cbench_registry_reset();
    cbench_options o = {CBENCH_THREADS(2)};
    cbench_instance in = instance(bench("uneven", body_uneven, &o), 2);
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.warm_up_ns = 1e6;
    rc.fixed_iters = 1000;               /* one sample: 1 ms and 10 ms of work */
    cbench_round_out out;
    CHECK_INT_EQ(cbench_round_run(&in, &rc, &out), 0);
    CHECK_INT_EQ(out.n, 1);
    CHECK_INT_EQ(out.thread_row, 3);
    if (out.n == 1 && out.thread_row == 3) {
        CHECK(out.threads[0] >= 1e6 && out.threads[1] >= 1e7);  /* CPU ns per thread */
        CHECK(out.threads[1] > 5 * out.threads[0]);
        /* The slow thread's 10 ms, at least (two clocks: 2 % slack). */
        CHECK(out.ns[0] >= 0.98 * out.threads[1]);
        CHECK(out.threads[2] > 1.5);             /* slowest / fastest, ~10 */
    }
    cbench_round_out_free(&out);
    cbench_registry_reset();
}

/* {-----------------------------------------------------------------
 * Counters: every thread's observers, summed.
 * ------------------------------------------------------------------ */

static atomic_uint opened, closed;

static void one_begin(void *ctx) { (void)ctx; }
static void one_end(void *ctx, double *acc) { (void)ctx; acc[0] += 1; acc[1] += 10; }

static int open_one(void *opener, cbench_region_hooks *h)
{
    (void)opener;
    atomic_fetch_add(&opened, 1);
    h->begin = one_begin;
    h->end = one_end;
    h->n_counters = 2;
    return 0;
}

static void close_one(void *opener, cbench_region_hooks *h)
{
    (void)opener;
    (void)h;
    atomic_fetch_add(&closed, 1);
}

static void test_counters_are_summed(void)
{
    cbench_registry_reset();
    cbench_options o = {CBENCH_THREADS(N)};
    cbench_instance in = instance(bench("count", body_nothing, &o), N);
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.warm_up_ns = 1e6;
    rc.fixed_iters = 100;
    rc.hooks = (cbench_region_hooks){.begin = one_begin, .end = one_end, .n_counters = 2,
                                     .open_thread = open_one, .close_thread = close_one};
    cbench_round_out out;
    CHECK_INT_EQ(cbench_round_run(&in, &rc, &out), 0);
    CHECK_INT_EQ(out.n, 1);
    if (out.n == 1 && out.counters != NULL) {
        CHECK_NEAR(out.counters[0], N, 0);      /* one region per thread */
        CHECK_NEAR(out.counters[1], 10 * N, 0);
    }
    CHECK_INT_EQ(atomic_load(&opened), N - 1);  /* the helpers; thread 0 has rc's */
    CHECK_INT_EQ(atomic_load(&closed), N - 1);
    cbench_round_out_free(&out);
    cbench_registry_reset();
}

/* A thread whose body never enters CBENCH_ITER fails the round instead of
 * leaving the others waiting at the barrier forever. */
static void body_lazy_helper(cbench_state *b)
{
    if (cbench_thread_index(b) == 1)
        return;
    CBENCH_ITER(b) {}
}

/* One round of body in 2 threads, 10 iterations per sample; its status,
 * and the round's message into msg. */
static int run_two_threads(const char *name, cbench_fn body, char *msg, size_t n)
{
    cbench_registry_reset();
    cbench_options o = {CBENCH_THREADS(2)};
    cbench_instance in = instance(bench(name, body, &o), 2);
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.warm_up_ns = 1e6;
    rc.fixed_iters = 10;
    cbench_round_out out;
    int status = cbench_round_run(&in, &rc, &out);
    snprintf(msg, n, "%s", out.message);
    cbench_round_out_free(&out);
    cbench_registry_reset();
    return status;
}

static void test_lazy_thread_is_an_error(void)
{
    char msg[300];
    CHECK_INT_EQ(run_two_threads("lazy", body_lazy_helper, msg, sizeof msg), CBENCH_EINVAL);
}

/* A helper thread that misuses the API (an axis the benchmark does not
 * have) fails the round as thread 0 would, with the reason and the
 * thread named, instead of measuring a body that read 0. */
static void body_helper_misuses_api(cbench_state *b)
{
    if (cbench_thread_index(b) == 1)
        (void)cbench_param_named(b, "nosuch");
    CBENCH_ITER(b) {}
}

static void test_helper_misuse_fails_the_round(void)
{
    char msg[300];
    CHECK_INT_EQ(run_two_threads("misuse", body_helper_misuses_api, msg, sizeof msg),
                 CBENCH_EINVAL);
    CHECK(strstr(msg, "cbench_param_named(\"nosuch\")") != NULL);
    CHECK(strstr(msg, "thread 1") != NULL);
}

/* {-----------------------------------------------------------------
 * Baselines.
 * ------------------------------------------------------------------ */

static void test_baseline_keeps_threads(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = cbench__run_add(run);
    r->id = cbench__strdup("g/n/threads=2");
    r->group = cbench__strdup("g");
    r->name = cbench__strdup("n");
    r->threads.count = 2;
    r->threads.cpus = 1;
    r->threads.oversubscribed = 1;
    r->threads.imbalance = 1.25;
    r->threads.cpu_ns = calloc(2, sizeof(double));
    r->threads.cpu_ns[0] = 3.5;
    r->threads.cpu_ns[1] = 4.5;
    cbench_result *plain = cbench__run_add(run);
    plain->id = cbench__strdup("g/plain");
    size_t len = 0;
    char *json = cbench_store_serialize(run, &len);
    CHECK(json != NULL && strstr(json, "\"threads\"") != NULL);
    cbench_run *back = NULL;
    char err[256] = "";
    CHECK_INT_EQ(cbench_store_parse(json, len, "mem", &back, err, sizeof err), 0);
    if (back != NULL && back->n_results == 2) {
        const cbench_threads_info *t = &back->results[0].threads;
        CHECK_INT_EQ(t->count, 2);
        CHECK_INT_EQ(t->cpus, 1);
        CHECK(t->oversubscribed);
        CHECK_NEAR(t->imbalance, 1.25, 0);
        CHECK(t->cpu_ns != NULL && t->cpu_ns[0] == 3.5 && t->cpu_ns[1] == 4.5);
        CHECK_INT_EQ(back->results[1].threads.count, 0);
        CHECK(back->results[1].threads.cpu_ns == NULL);
    }
    cbench__run_free(back);
    /* A file from before threads (no "threads" key) still loads. */
    for (char *k = json; k != NULL && (k = strstr(k, "\"threads\"")) != NULL;)
        memcpy(k, "\"thread_\"", 9);
    back = NULL;
    CHECK_INT_EQ(cbench_store_parse(json, len, "old", &back, err, sizeof err), 0);
    if (back != NULL && back->n_results == 2)
        CHECK(back->results[0].threads.count == 2             /* the id's */
              && back->results[0].threads.cpu_ns == NULL);
    cbench__run_free(back);
    free(json);
    cbench__run_free(run);
}

int main(void)
{
    test_ids();
    test_every_thread_runs_every_sample();
    test_slowest_thread_sets_the_time();
    test_counters_are_summed();
    test_lazy_thread_is_an_error();
    test_helper_misuse_fails_the_round();
    test_baseline_keeps_threads();
    return check_result();
}
