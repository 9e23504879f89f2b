/* SPDX-License-Identifier: MIT
 *
 * Rounds in child processes: samples come back over the pipe intact, and
 * a child that crashes, exits early or overruns its timeout is reported
 * as failed with the reason, without taking the parent down; a stop (the
 * run's SIGINT handler setting its flag) kills a hanging child at once,
 * and the child does not inherit that handler.
 */
#include "check.h"
#include "cbench.h"
#include "measure/registry.h"
#include "measure/worker.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_flag;
static void on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

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

/* Ctrl-C reaches the child too: with the parent's flag-only handler it
 * would carry on forever. */
static void body_interrupted(cbench_state *b)
{
    (void)b;
    raise(SIGINT);
    for (;;)
        pause();
}

static int run(const char *name, cbench_fn fn, double timeout, cbench_worker_result *w)
{
    CHECK_INT_EQ(cbench_register("worker", name, fn, NULL), 0);
    cbench_instance in = {.bench = cbench_registry_get(cbench_registry_count() - 1),
                          .id = "worker/x"};
    cbench_round_cfg rc = {0};
    rc.warm_up_ns = 2e6;
    rc.measure_ns = 1e7;
    rc.n_samples = 10;
    rc.min_sample_ns = 1e4;
    rc.stop = &stop_flag;
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

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* The run's handler (main.c's: it sets the flag only), and a helper
 * process that sends this one SIGINT after 0.2 s while a body hangs with
 * no timeout: the round ends within a second of it, the child reaped. */
static void test_stop_kills_a_hanging_round(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    stop_flag = 0;
    pid_t parent = getpid(), killer = fork();
    if (killer == 0) {
        usleep(200000);
        kill(parent, SIGINT);
        _exit(0);
    }
    cbench_worker_result w;
    double t0 = now_s();
    CHECK_INT_EQ(run("interrupt", body_hang, 0, &w), CBENCH_EINTR);
    double took = now_s() - t0;
    CHECK(took < 1.2);
    if (took >= 1.2)
        fprintf(stderr, "  the stopped round took %.2f s\n", took);
    CHECK(strstr(w.error, "interrupted") != NULL);
    cbench_round_out_free(&w.out);
    CHECK_INT_EQ(waitpid(killer, NULL, 0), killer);
    CHECK(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD);   /* nothing left */
    stop_flag = 0;
}

int main(void)
{
    test_samples_come_back();
    expect_failure("segv", body_segv, 0, CBENCH_ECRASH, "signal 11");
    expect_failure("abort", body_abort, 0, CBENCH_ECRASH, "signal 6");
    expect_failure("exit", body_exit, 0, CBENCH_ECRASH, "status 3");
    expect_failure("hang", body_hang, 0.5, CBENCH_ETIMEOUT, "timed out after 0.5 s");
    test_stop_kills_a_hanging_round();
    /* the handler from the test above is installed; the child has SIGINT's
     * default action and dies of it */
    expect_failure("sigint", body_interrupted, 3, CBENCH_ECRASH, "signal 2");
    cbench_registry_reset();
    return check_result();
}
