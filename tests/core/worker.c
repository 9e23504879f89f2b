/* SPDX-License-Identifier: MIT
 *
 * Rounds in child processes: samples come back over the pipe intact, and
 * a child that crashes, exits early or overruns its timeout is reported
 * as failed with the reason, without taking the parent down.
 */
#include "check.h"
#include "cbench.h"
#include "core/registry.h"
#include "core/worker.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static void body_ok(cbench_state *b)
{
    CBENCH_ITER(b) { cbench_clobber_memory(); }
}

static void body_segv(cbench_state *b)
{
    (void)b;
    raise(SIGSEGV);
}

static void body_abort(cbench_state *b)
{
    (void)b;
    abort();
}

static void body_exit(cbench_state *b)
{
    (void)b;
    _exit(3);
}

static void body_hang(cbench_state *b)
{
    CBENCH_ITER(b) { sleep(1); }
}

static int run(const char *name, cbench_fn fn, double timeout, cbench_worker_result *w)
{
    CHECK_INT_EQ(cbench_register("worker", name, fn, NULL), 0);
    cbench_instance in = {cbench_registry_get(cbench_registry_count() - 1), 0, 0, "worker/x"};
    cbench_round_cfg rc = {0};
    rc.warm_up_ns = 2e6;
    rc.measure_ns = 1e7;
    rc.n_samples = 10;
    rc.min_sample_ns = 1e4;
    cbench_worker_cfg wc = {.round = &rc, .timeout_s = timeout, .layout_seed = 7};
    return cbench_worker_run(&in, &wc, w);
}

static void test_samples_come_back(void)
{
    cbench_worker_result w;
    CHECK_INT_EQ(run("ok", body_ok, 0, &w), 0);
    CHECK_INT_EQ(w.out.n, 10);
    for (size_t i = 0; i < w.out.n; i++)
        CHECK(w.out.ns[i] > 0 && w.out.iters[i] >= 1);
    CHECK_NEAR(w.out.iters[9], 10 * w.out.iters[0], 0);
    cbench_round_out_free(&w.out);
}

static void expect_failure(const char *name, cbench_fn fn, double timeout, int status,
                           const char *text)
{
    cbench_worker_result w;
    CHECK_INT_EQ(run(name, fn, timeout, &w), status);
    CHECK(strstr(w.error, text) != NULL);
    if (strstr(w.error, text) == NULL)
        fprintf(stderr, "  %s: error was '%s'\n", name, w.error);
    cbench_round_out_free(&w.out);
}

int main(void)
{
    test_samples_come_back();
    expect_failure("segv", body_segv, 0, CBENCH_ECRASH, "signal 11");
    expect_failure("abort", body_abort, 0, CBENCH_ECRASH, "signal 6");
    expect_failure("exit", body_exit, 0, CBENCH_ECRASH, "status 3");
    expect_failure("hang", body_hang, 0.5, CBENCH_ETIMEOUT, "timed out after 0.5 s");
    cbench_registry_reset();
    return check_result();
}
