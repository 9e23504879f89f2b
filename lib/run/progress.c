/* SPDX-License-Identifier: MIT
 *
 * progress.c - the time a run will take and how far it is, on a terminal
 * (see progress.h).
 */
#include "run/progress.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "measure/clock.h"
#include "measure/runid.h"
#include "model/text.h"

/* Whole lines under meson: often enough to see it move, rarely enough not
 * to crowd out the results meson prints between them. */
#define LINE_INTERVAL_NS 60000000000ull

static void set_name(cbench_progress *p, const char *argv0)
{
    const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
    snprintf(p->name, sizeof p->name, "%s", slash ? slash + 1 : argv0 ? argv0 : "bench");
}

void cbench_progress_open_stream(cbench_progress *p, const char *argv0, FILE *f,
                                 int in_place)
{
    memset(p, 0, sizeof *p);
    set_name(p, argv0);
    p->tty = f;
    p->in_place = in_place;
}

/* The terminal `meson test` (our parent) writes to, opened for writing;
 * NULL when it has none. meson runs each test in a session of its own, so
 * /dev/tty is not ours to open: the parent's stdout is. */
static FILE *meson_terminal(const char *proc)
{
    long ppid = (long)getppid();
    if (!cbench_runid_runs_meson_test(proc, ppid))
        return NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/%ld/fd/1", proc, ppid);
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_APPEND);
    if (fd < 0)
        return NULL;
    FILE *f = isatty(fd) ? fdopen(fd, "w") : NULL;
    if (f == NULL)
        close(fd);
    return f;
}

void cbench_progress_open(cbench_progress *p, const char *argv0, const char *proc)
{
    cbench_progress_open_stream(p, argv0, NULL, 0);
    const char *off = getenv("CBENCH_NO_PROGRESS");
    if (off != NULL && *off)
        return;
    if (isatty(STDERR_FILENO)) {
        p->tty = stderr;
        p->in_place = 1;
        return;
    }
    p->tty = meson_terminal(proc ? proc : "/proc");
    p->owned = p->tty != NULL;
}

void cbench_progress_start(cbench_progress *p, double estimate_s)
{
    p->t_start_ns = p->t_last_line_ns = cbench_clock_now_ns();
    p->estimate_s = estimate_s > 0 ? estimate_s : 0;
    p->done_s = 0;
}

void cbench_progress_advance(cbench_progress *p, double done_s)
{
    if (done_s > 0)
        p->done_s += done_s;
}

double cbench_progress_left_s(const cbench_progress *p, double elapsed_s)
{
    double todo = p->estimate_s - p->done_s;
    if (todo < 0)
        todo = 0;
    if (p->done_s >= 0.1 * p->estimate_s && p->done_s > 0)
        return todo * elapsed_s / p->done_s;
    double left = p->estimate_s - elapsed_s;       /* too early to scale */
    return left > todo * 0.5 ? left : todo * 0.5;
}

char *cbench_progress_fmt_duration(char *buf, size_t n, double s)
{
    long t = s > 0 ? (long)(s + 0.5) : 0;
    if (t < 60)
        snprintf(buf, n, "%ld s", t);
    else if (t < 3600)
        snprintf(buf, n, "%ld min %02ld s", t / 60, t % 60);
    else
        snprintf(buf, n, "%ld h %02ld min", t / 3600, (t / 60) % 60);
    return buf;
}

void cbench_progress_clear(cbench_progress *p)
{
    if (p->tty != NULL && p->drawn) {
        fputs("\r\033[K", p->tty);
        fflush(p->tty);
        p->drawn = 0;
    }
}

void cbench_progress_say(cbench_progress *p, const char *line)
{
    if (p->tty == NULL)
        return;
    cbench_progress_clear(p);
    /* Under meson the cursor sits on meson's own status line: erase it,
     * print ours; meson redraws its line below within a second. */
    fprintf(p->tty, "%s%s\n", p->in_place ? "" : "\r\033[K", line);
    fflush(p->tty);
}

/* Cuts line to the terminal's width: a line that wraps cannot be redrawn
 * in place. */
static void fit_width(FILE *tty, char *line)
{
    struct winsize ws;
    if (ioctl(fileno(tty), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10
        && strlen(line) >= ws.ws_col)
        line[ws.ws_col - 1] = '\0';
}

void cbench_progress_show(cbench_progress *p, size_t done, size_t total, const char *id,
                          unsigned round, unsigned rounds)
{
    if (p->tty == NULL)
        return;
    uint64_t now = cbench_clock_now_ns();
    if (!p->in_place && now - p->t_last_line_ns < LINE_INTERVAL_NS)
        return;
    double elapsed = (double)(now - p->t_start_ns) * 1e-9;
    char e[32], l[32], line[512];
    cbench_progress_fmt_duration(e, sizeof e, elapsed);
    cbench_progress_fmt_duration(l, sizeof l, cbench_progress_left_s(p, elapsed));
    if (p->in_place) {
        char r[64];
        if (round <= rounds)
            snprintf(r, sizeof r, "round %u/%u", round, rounds);
        else
            snprintf(r, sizeof r, "extra round %u (the core was slow)", round);
        char shown[256];           /* a name may hold any byte but controls */
        snprintf(line, sizeof line, "%s: %zu/%zu done, %s %s, %s elapsed, about %s left",
                 p->name, done, total,
                 cbench_text_escape(shown, sizeof shown, CBENCH_TEXT_TERM, id), r, e, l);
        fit_width(p->tty, line);
        fprintf(p->tty, "\r\033[K%s", line);
        fflush(p->tty);
        p->drawn = 1;
        return;
    }
    p->t_last_line_ns = now;
    snprintf(line, sizeof line, "%s: %zu of %zu benchmarks done, %s elapsed, about %s left",
             p->name, done, total, e, l);
    cbench_progress_say(p, line);
}

void cbench_progress_close(cbench_progress *p)
{
    cbench_progress_clear(p);
    if (p->owned && p->tty != NULL)
        fclose(p->tty);
    p->tty = NULL;
    p->owned = 0;
}
