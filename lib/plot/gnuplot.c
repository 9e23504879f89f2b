/* SPDX-License-Identifier: MIT
 *
 * gnuplot.c - driving one gnuplot process per chart batch (see gnuplot.h).
 */
#include "plot/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cbench.h"

typedef struct gp_chart {
    char *label;
    size_t first_line;         /* 1-based line of the script it starts at */
} gp_chart;

struct cbench_gp {
    int fd;                    /* the write end of gnuplot's stdin */
    pid_t pid;
    char out_path[256];        /* gnuplot's stdout + stderr */
    struct sigaction old_pipe;
    size_t lines;              /* lines sent so far */
    gp_chart *charts;
    size_t n_charts, cap_charts;
    int broken;                /* a write failed */
    int timed_out;             /* it made no progress in time and was killed */
    double limit_s;            /* seconds without progress allowed, 0: no limit */
    struct timespec progress;  /* when gnuplot last read or wrote something */
    int out_fd;                /* out_path, to see gnuplot's output grow */
    off_t out_size;
    FILE *copy;                /* $CBENCH_GNUPLOT_SCRIPT: a copy for debugging */
};

int cbench_plot_gp_find(const char *name, char *path, size_t n)
{
    if (name == NULL || *name == '\0')
        name = "gnuplot";
    if (strchr(name, '/') != NULL) {
        snprintf(path, n, "%s", name);
        return access(path, X_OK) == 0 ? 0 : CBENCH_ENOENT;
    }
    const char *dirs = getenv("PATH");
    if (dirs == NULL)
        dirs = "/usr/local/bin:/usr/bin:/bin";
    while (*dirs) {
        size_t len = strcspn(dirs, ":");
        int w = snprintf(path, n, "%.*s/%s", (int)len, len ? dirs : ".", name);
        if (len == 0)
            w = snprintf(path, n, "./%s", name);
        if (w > 0 && (size_t)w < n && access(path, X_OK) == 0)
            return 0;
        dirs += len;
        if (*dirs == ':')
            dirs++;
    }
    return CBENCH_ENOENT;
}

/* {=================================================================
 * Time limit. A hung or pathologically slow gnuplot must not hold the
 * run. gnuplot prints a marker after each chart (to its stderr, our
 * temporary file), so its output grows as it works; when it neither reads
 * the script nor writes anything for CBENCH_GNUPLOT_TIMEOUT seconds
 * (default 60, 0 for no limit: a chart takes 15-100 ms here, a batch of
 * 700 ~20 s, so a minute without one finished is no chart at all), it is
 * killed and the charts it had not finished are reported missing, the one
 * it was drawing named. A limit on progress rather than on the whole batch
 * lets a large suite take as long as its charts need.
 * ================================================================== */

#define GP_DEFAULT_LIMIT_S 60.0
#define GP_MARKER "cbench-chart-done"
#define GP_SLICE_MS 50

static double limit_from_env(void)
{
    const char *v = getenv("CBENCH_GNUPLOT_TIMEOUT");
    char *end;
    double s = v != NULL && *v ? strtod(v, &end) : GP_DEFAULT_LIMIT_S;
    if (v != NULL && *v && (*end != '\0' || !(s >= 0) || !isfinite(s)))
        s = GP_DEFAULT_LIMIT_S;   /* a bad value keeps the bound rather than dropping it */
    return s;
}

static void made_progress(cbench_gp *gp)
{
    clock_gettime(CLOCK_MONOTONIC, &gp->progress);
}

/* Milliseconds gnuplot has left to show progress (its output grew since
 * we last looked: that counts), -1 without a limit. */
static int ms_left(cbench_gp *gp)
{
    struct stat st;
    if (gp->limit_s <= 0)
        return -1;
    if (fstat(gp->out_fd, &st) == 0 && st.st_size != gp->out_size) {
        gp->out_size = st.st_size;
        made_progress(gp);
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double idle = (double)(now.tv_sec - gp->progress.tv_sec)
                + (double)(now.tv_nsec - gp->progress.tv_nsec) * 1e-9;
    double left = gp->limit_s - idle;
    return left <= 0 ? 0 : left > 1e6 ? 1000000000 : (int)(left * 1000) + 1;
}

/* A wait of at most the time left, in slices that look at the output. */
static int slice(cbench_gp *gp)
{
    int left = ms_left(gp);
    return left < 0 || left > GP_SLICE_MS ? GP_SLICE_MS : left;
}

/* Writes all of data to gnuplot within the time left. 0, or -1 with
 * broken (gnuplot stopped reading) or timed_out set. */
static int write_all(cbench_gp *gp, const char *data, size_t len)
{
    while (len > 0 && !gp->broken && !gp->timed_out) {
        ssize_t n = write(gp->fd, data, len);
        if (n > 0) {
            data += n;
            len -= (size_t)n;
            made_progress(gp);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = {gp->fd, POLLOUT, 0};
            if (ms_left(gp) == 0)
                gp->timed_out = 1;
            else if (poll(&p, 1, slice(gp)) < 0 && errno != EINTR)
                gp->broken = 1;
            continue;
        }
        gp->broken = 1;
    }
    return len == 0 ? 0 : -1;
}

/* Waits for gnuplot within the time left, killing it when it runs out.
 * Returns waitpid's status, or -1. */
static int wait_gnuplot(cbench_gp *gp)
{
    int status = 0;
    for (;;) {
        pid_t r = waitpid(gp->pid, &status, WNOHANG);
        if (r == gp->pid)
            return status;
        if (r < 0 && errno != EINTR)
            return -1;
        if (ms_left(gp) == 0) {
            kill(gp->pid, SIGKILL);
            gp->timed_out = 1;
            while (waitpid(gp->pid, &status, 0) < 0 && errno == EINTR)
                ;
            return status;
        }
        poll(NULL, 0, slice(gp));
    }
}

/* {=================================================================
 * The process.
 * ================================================================== */

/* gnuplot reads the script from a pipe as /dev/stdin (in blocks; plain
 * stdin is read a byte per syscall) and writes everything it says to
 * out_path. Run without a shell, so that gp->pid is gnuplot itself. */
static void exec_gnuplot(const char *path, int in, const char *out_path)
{
    int out = open(out_path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    signal(SIGPIPE, SIG_DFL);         /* ignored only in our process */
    if (out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
        _exit(127);
    execl(path, path, "/dev/stdin", (char *)NULL);
    _exit(127);
}

static int start_process(cbench_gp *gp, const char *path, char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 200)
        tmp = "/tmp";
    snprintf(gp->out_path, sizeof gp->out_path, "%s/cbench-gnuplot-XXXXXX", tmp);
    int p[2];
    gp->out_fd = mkostemp(gp->out_path, O_CLOEXEC);
    if (gp->out_fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file for gnuplot's messages (%s): %s",
                 gp->out_path, strerror(errno));
        return CBENCH_EIO;
    }
    fflush(NULL);              /* the child must not re-flush our buffers */
    if (pipe2(p, O_CLOEXEC) != 0 || (gp->pid = fork()) < 0) {
        snprintf(err, errlen, "cannot start gnuplot (%s): %s", path, strerror(errno));
        return CBENCH_EIO;
    }
    if (gp->pid == 0)
        exec_gnuplot(path, p[0], gp->out_path);
    close(p[0]);
    gp->fd = p[1];
    fcntl(gp->fd, F_SETFL, fcntl(gp->fd, F_GETFL) | O_NONBLOCK);
    made_progress(gp);
    gp->limit_s = limit_from_env();
    return 0;
}

int cbench_plot_gp_open(cbench_gp **out, const char *path, char *err, size_t errlen)
{
    cbench_gp *gp = calloc(1, sizeof *gp);
    if (gp == NULL) {
        snprintf(err, errlen, "out of memory starting gnuplot");
        return CBENCH_ENOMEM;
    }
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &gp->old_pipe);
    int rc = start_process(gp, path, err, errlen);
    if (rc != 0) {
        sigaction(SIGPIPE, &gp->old_pipe, NULL);
        if (gp->out_fd >= 0) {
            close(gp->out_fd);
            unlink(gp->out_path);
        }
        free(gp);
        return rc;
    }
    const char *copy = getenv("CBENCH_GNUPLOT_SCRIPT");
    if (copy != NULL && *copy)
        gp->copy = fopen(copy, "w");
    *out = gp;
    return 0;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))) != NULL; p++)
        n++;
    return n;
}

/* Sends text (a chart's script or a marker), counting its lines. */
static int send_text(cbench_gp *gp, const char *text, size_t len)
{
    gp->lines += count_lines(text, len);
    if (gp->copy != NULL)
        fwrite(text, 1, len, gp->copy);
    return write_all(gp, text, len) == 0 ? 0 : CBENCH_EIO;
}

int cbench_plot_gp_send(cbench_gp *gp, const char *label, const char *script, size_t len)
{
    if (gp->n_charts == gp->cap_charts) {
        size_t cap = gp->cap_charts ? gp->cap_charts * 2 : 32;
        gp_chart *c = realloc(gp->charts, cap * sizeof *c);
        if (c == NULL)
            return CBENCH_ENOMEM;
        gp->charts = c;
        gp->cap_charts = cap;
    }
    char *copy = strdup(label), marker[96];
    if (copy == NULL)
        return CBENCH_ENOMEM;
    gp->charts[gp->n_charts].label = copy;
    gp->charts[gp->n_charts++].first_line = gp->lines + 1;
    /* "set print" alone sends print back to stderr, whatever a chart did. */
    int n = snprintf(marker, sizeof marker, "\nset print\nprint \"" GP_MARKER " %zu\"\n",
                     gp->n_charts);
    int rc = send_text(gp, script, len);
    return rc == 0 ? send_text(gp, marker, (size_t)n) : rc;
}

/* The label of the chart whose script holds 'line' (1-based), or NULL. */
static const char *chart_at(const cbench_gp *gp, size_t line)
{
    const char *label = NULL;
    for (size_t i = 0; i < gp->n_charts && gp->charts[i].first_line <= line; i++)
        label = gp->charts[i].label;
    return label;
}

/* gnuplot's output into buf (n bytes, what fits), without the markers,
 * whose highest number (the charts finished) goes to *done. Returns the
 * length kept. */
static size_t read_output(const char *path, char *buf, size_t n, size_t *done)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    size_t len = 0, m = strlen(GP_MARKER);
    *done = 0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        const char *at = strstr(line, GP_MARKER " ");
        if (at != NULL) {
            size_t k = strtoul(at + m + 1, NULL, 10);
            *done = k > *done ? k : *done;
            continue;
        }
        size_t l = strlen(line);
        if (len + l < n) {
            memcpy(buf + len, line, l);
            len += l;
        }
    }
    if (f != NULL)
        fclose(f);
    buf[len] = '\0';
    return len;
}

static void describe_failure(const cbench_gp *gp, int status, const char *out, char *err,
                             size_t errlen)
{
    const char *at = strstr(out, "line ");
    const char *label = at ? chart_at(gp, strtoul(at + 5, NULL, 10)) : NULL;
    char how[64];
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(how, sizeof how, "could not be run (exit 127)");
    else if (WIFEXITED(status))
        snprintf(how, sizeof how, "failed (exit %d)", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(how, sizeof how, "was killed by signal %d", WTERMSIG(status));
    else
        snprintf(how, sizeof how, "printed warnings");
    snprintf(err, errlen, "gnuplot %s%s%s: %.600s", how, label ? " drawing " : "",
             label ? label : "", *out ? out : "(no output)");
    size_t len = strlen(err);
    while (len > 0 && (err[len - 1] == '\n' || err[len - 1] == ' '))
        err[--len] = '\0';
}

static void describe_timeout(const cbench_gp *gp, size_t done, char *err, size_t errlen)
{
    const char *label = done < gp->n_charts ? gp->charts[done].label : "(after the last chart)";
    snprintf(err, errlen, "gnuplot did nothing for %g s drawing %s and was stopped; %zu of %zu"
             " charts were drawn, the rest are missing (CBENCH_GNUPLOT_TIMEOUT sets the seconds"
             " gnuplot may spend on one chart, 0 for no limit)", gp->limit_s, label, done,
             gp->n_charts);
}

int cbench_plot_gp_close(cbench_gp *gp, size_t *done, char *err, size_t errlen)
{
    send_text(gp, "\nexit\n", 6);
    close(gp->fd);
    if (gp->copy != NULL)
        fclose(gp->copy);
    int status = wait_gnuplot(gp);
    sigaction(SIGPIPE, &gp->old_pipe, NULL);
    char out[2048];
    size_t finished, len = read_output(gp->out_path, out, sizeof out, &finished);
    close(gp->out_fd);
    unlink(gp->out_path);
    const char *w = getenv("CBENCH_GNUPLOT_WARNINGS");
    int fatal_warn = w != NULL && strcmp(w, "fatal") == 0 && len > 0;
    int rc = 0;
    if (gp->timed_out) {
        describe_timeout(gp, finished, err, errlen);
        rc = CBENCH_ETIMEOUT;
    } else if (status == -1) {
        snprintf(err, errlen, "waiting for gnuplot failed: %s", strerror(errno));
        rc = CBENCH_EIO;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || gp->broken || fatal_warn) {
        describe_failure(gp, (WIFEXITED(status) && WEXITSTATUS(status) == 0) ? -1 : status,
                         out, err, errlen);
        rc = CBENCH_EIO;
    }
    *done = rc == 0 ? gp->n_charts : finished;     /* after a failure: what gnuplot said */
    for (size_t i = 0; i < gp->n_charts; i++)
        free(gp->charts[i].label);
    free(gp->charts);
    free(gp);
    return rc;
}
