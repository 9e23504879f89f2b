/* SPDX-License-Identifier: MIT
 *
 * worker.c - fork a child per round; samples come back over a pipe.
 *
 * Wire format (host endianness, same binary on both ends): a header,
 * then n doubles of iterations, n doubles of ns, n*nc doubles of counters,
 * n*nt doubles of thread rows (multi-threaded benchmarks, measure/team.h).
 * n_user user counter values (cbench_ucount_round).
 */
#include "measure/worker.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cbench.h"
#include "measure/clock.h"

typedef struct wire_header {
    int32_t rc, skipped, flat, throughput;
    double throughput_per_iter, other_per_iter, warm_up_per_iter_ns, speed_ns;
    uint64_t n, nc, nt, n_user;
    char message[256];
} wire_header;

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

static int run_with_hooks(const cbench_instance *inst, const cbench_worker_cfg *cfg,
                          cbench_round_out *out, size_t *nc)
{
    cbench_round_cfg rc = *cfg->round;
    if (cfg->open_hooks != NULL) {
        cfg->open_hooks(cfg->hooks_ctx, &rc.hooks);
        /* A multi-threaded benchmark's other threads open their own. */
        rc.hooks.open_thread = cfg->open_hooks;
        rc.hooks.close_thread = cfg->close_hooks;
        rc.hooks.opener = cfg->hooks_ctx;
    }
    *nc = rc.hooks.n_counters;
    int status = cbench_round_run(inst, &rc, out);
    if (cfg->close_hooks != NULL)
        cfg->close_hooks(cfg->hooks_ctx, &rc.hooks);
    return status;
}

/* The child ends with the run. The signals that stop a run get their
 * default action back: the parent's handler only sets a flag, which a
 * hanging body never looks at, so a Ctrl-C to the process group ends the
 * child at once (the parent, told by the same signal, abandons the
 * round). And the child dies with its parent, so killing the parent
 * leaves nothing running. */
static void child_signals(pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent)      /* it died before prctl took effect */
        _exit(4);
}

/* The child: perturb the heap, run, send, exit without running atexit
 * handlers or flushing the parent's stdio buffers twice. */
static void child_main(const cbench_instance *inst, const cbench_worker_cfg *cfg, int fd,
                       pid_t parent)
{
    child_signals(parent);
    /* A random-sized allocation kept alive shifts every later heap
     * address (and so alignment and cache-set mapping) per round. */
    size_t shift = 64 + (size_t)(cfg->layout_seed % 61) * 64 + (cfg->layout_seed % 7) * 4096;
    volatile char *pad = malloc(shift);
    if (pad != NULL)
        pad[0] = 1;
    cbench_round_out out;
    size_t nc = 0;
    wire_header h;
    memset(&h, 0, sizeof h);
    h.rc = run_with_hooks(inst, cfg, &out, &nc);
    h.skipped = out.skipped;
    h.flat = out.flat;
    h.throughput = out.throughput;
    h.throughput_per_iter = out.throughput_per_iter;
    h.other_per_iter = out.other_per_iter;
    h.warm_up_per_iter_ns = out.warm_up_per_iter_ns;
    h.speed_ns = out.speed_ns;
    h.n = out.n;
    h.nc = nc;
    h.nt = out.thread_row;
    h.n_user = out.n_user;
    memcpy(h.message, out.message, sizeof h.message);
    int bad = write_all(fd, &h, sizeof h)
           || (out.n && write_all(fd, out.iters, out.n * sizeof(double)))
           || (out.n && write_all(fd, out.ns, out.n * sizeof(double)))
           || (out.n && nc && write_all(fd, out.counters, out.n * nc * sizeof(double)))
           || (out.n && h.nt && write_all(fd, out.threads, out.n * h.nt * sizeof(double)))
           || (out.n_user && write_all(fd, out.user, out.n_user * sizeof out.user[0]));
    _exit(bad ? 3 : 0);
}

/* What the parent waits for besides the samples: the deadline (ns, 0 =
 * none) and the stop flag of the run (set by a SIGINT or SIGTERM). Those
 * two signals stay blocked while it waits, except inside ppoll, so one
 * that arrives between looking at the flag and sleeping still wakes it. */
typedef struct watch {
    uint64_t deadline;
    volatile sig_atomic_t *stop;
    sigset_t waiting;             /* the mask inside ppoll */
} watch;

#define WAIT_TIMEOUT (-1)
#define WAIT_STOPPED (-2)

static int wait_readable(int fd, const watch *w)
{
    for (;;) {
        if (w->stop != NULL && *w->stop)
            return WAIT_STOPPED;
        struct timespec ts, *tp = NULL;
        if (w->deadline) {
            uint64_t now = cbench_clock_now_ns();
            if (now >= w->deadline)
                return WAIT_TIMEOUT;
            ts.tv_sec = (time_t)((w->deadline - now) / 1000000000u);
            ts.tv_nsec = (long)((w->deadline - now) % 1000000000u);
            tp = &ts;
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int pr = ppoll(&pfd, 1, tp, &w->waiting);
        if (pr > 0)
            return 0;
        if (pr < 0 && errno != EINTR)
            return 0;             /* let read() report it */
    }
}

/* Reads exactly len bytes unless EOF, an error, the deadline or a stop
 * comes first. Returns bytes read, WAIT_TIMEOUT or WAIT_STOPPED. */
static ssize_t read_watched(int fd, void *buf, size_t len, const watch *w)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        int why = wait_readable(fd, w);
        if (why != 0)
            return why;
        ssize_t k = read(fd, p + got, len - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    return (ssize_t)got;
}

static int wait_status(ssize_t k)
{
    return k == WAIT_STOPPED ? CBENCH_EINTR : CBENCH_ETIMEOUT;
}

static int fail(cbench_worker_result *res, int status, const char *msg)
{
    res->status = status;
    snprintf(res->error, sizeof res->error, "%s", msg);
    return status;
}

static int alloc_out(cbench_round_out *o, size_t n, size_t nc, size_t nt)
{
    o->iters = malloc((n ? n : 1) * sizeof(double));
    o->ns = malloc((n ? n : 1) * sizeof(double));
    o->counters = nc ? malloc(n * nc * sizeof(double) + 1) : NULL;
    o->threads = nt ? malloc(n * nt * sizeof(double) + 1) : NULL;
    o->thread_row = nt;
    o->n = o->cap = o->threads_cap = n;
    return o->iters && o->ns && (!nc || o->counters) && (!nt || o->threads) ? 0 : CBENCH_ENOMEM;
}

static int receive(int fd, const watch *w, cbench_worker_result *res)
{
    wire_header h;
    ssize_t k = read_watched(fd, &h, sizeof h, w);
    if (k < 0)
        return wait_status(k);
    if (k != (ssize_t)sizeof h)
        return CBENCH_ECRASH;
    if (h.n > 100000000u || h.nc > 64 || h.nt > 1100 || h.n_user > CBENCH_MAX_USER_COUNTERS)
        return CBENCH_ECRASH;
    if (alloc_out(&res->out, (size_t)h.n, (size_t)h.nc, (size_t)h.nt) != 0)
        return CBENCH_ENOMEM;
    size_t n = (size_t)h.n, nc = (size_t)h.nc, nt = (size_t)h.nt;
    size_t sizes[5] = {n * sizeof(double), n * sizeof(double), n * nc * sizeof(double),
                       n * nt * sizeof(double), (size_t)h.n_user * sizeof res->out.user[0]};
    void *bufs[5] = {res->out.iters, res->out.ns, res->out.counters, res->out.threads,
                     res->out.user};
    for (int i = 0; i < 5; i++) {
        if (sizes[i] == 0)
            continue;
        k = read_watched(fd, bufs[i], sizes[i], w);
        if (k < 0)
            return wait_status(k);
        if ((size_t)k != sizes[i])
            return CBENCH_ECRASH;
    }
    res->out.skipped = h.skipped;
    res->out.flat = h.flat;
    res->out.throughput = (cbench_throughput_kind)h.throughput;
    res->out.throughput_per_iter = h.throughput_per_iter;
    res->out.other_per_iter = h.other_per_iter;
    res->out.warm_up_per_iter_ns = h.warm_up_per_iter_ns;
    res->out.speed_ns = h.speed_ns;
    res->out.n_user = (size_t)h.n_user;
    memcpy(res->out.message, h.message, sizeof h.message);
    res->out.message[sizeof h.message - 1] = '\0';
    res->n_counters = nc;
    return h.rc;
}

/* Turns the child's exit into a status and message. */
static int reap(pid_t pid, int status, cbench_worker_result *res)
{
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    char msg[200];
    if (status == CBENCH_ETIMEOUT)
        return fail(res, status, "timed out (killed)");
    if (status == CBENCH_EINTR)
        return fail(res, status, "interrupted (killed)");
    if (WIFSIGNALED(ws)) {
        snprintf(msg, sizeof msg, "crashed: killed by signal %d (%s)",
                 WTERMSIG(ws), strsignal(WTERMSIG(ws)));
        return fail(res, CBENCH_ECRASH, msg);
    }
    if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0) {
        snprintf(msg, sizeof msg, "worker exited with status %d", WEXITSTATUS(ws));
        return fail(res, CBENCH_ECRASH, msg);
    }
    if (status == CBENCH_ECRASH)
        return fail(res, status, "worker ended without sending its samples");
    res->status = status;
    return status;
}

/* Waits for the child's samples, killing it when the round overruns its
 * timeout or the run is stopped. */
static int collect(pid_t pid, int fd, const cbench_worker_cfg *cfg, cbench_worker_result *res)
{
    watch w;
    sigset_t stopping, before;
    memset(&w, 0, sizeof w);
    w.stop = cfg->round->stop;
    sigemptyset(&stopping);
    sigaddset(&stopping, SIGINT);
    sigaddset(&stopping, SIGTERM);
    sigprocmask(SIG_BLOCK, &stopping, &before);
    w.waiting = before;
    sigdelset(&w.waiting, SIGINT);
    sigdelset(&w.waiting, SIGTERM);
    if (cfg->timeout_s > 0)
        w.deadline = cbench_clock_now_ns() + (uint64_t)(cfg->timeout_s * 1e9);
    int status = receive(fd, &w, res);
    if (status == CBENCH_ETIMEOUT || status == CBENCH_EINTR)
        kill(pid, SIGKILL);
    sigprocmask(SIG_SETMASK, &before, NULL);
    return status;
}

static int run_forked(const cbench_instance *inst, const cbench_worker_cfg *cfg,
                      cbench_worker_result *res)
{
    int fds[2];
    if (pipe(fds) != 0)
        return fail(res, CBENCH_EIO, "pipe() failed");
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return fail(res, CBENCH_EIO, "fork() failed");
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(inst, cfg, fds[1], parent);
    }
    close(fds[1]);
    int status = collect(pid, fds[0], cfg, res);
    close(fds[0]);
    reap(pid, status, res);
    if (res->status != 0 && res->error[0] == '\0')   /* the body's own failure */
        snprintf(res->error, sizeof res->error, "%s", res->out.message);
    if (res->status == CBENCH_ETIMEOUT)
        snprintf(res->error, sizeof res->error, "timed out after %g s (killed)", cfg->timeout_s);
    return res->status;
}

int cbench_worker_run(const cbench_instance *inst, const cbench_worker_cfg *cfg,
                      cbench_worker_result *res)
{
    memset(res, 0, sizeof *res);
    if (!cfg->in_process)
        return run_forked(inst, cfg, res);
    res->status = run_with_hooks(inst, cfg, &res->out, &res->n_counters);
    if (res->status == CBENCH_EINVAL && res->out.message[0] == '\0')
        snprintf(res->error, sizeof res->error, "the benchmark never entered CBENCH_ITER or cbench_timer_start");
    else if (res->status != 0)
        snprintf(res->error, sizeof res->error, "%s", res->out.message);
    return res->status;
}
