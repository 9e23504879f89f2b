/* SPDX-License-Identifier: MIT
 *
 * progress.h - how long a run will take and how far it is, told to the
 * person at the terminal, never into the report stream or a log.
 *
 * Where it goes (cbench_progress_open):
 *   - stderr when it is a terminal: one line redrawn in place;
 *   - under `meson test`, whose children write into pipes (the TAP stream
 *     and the log), the terminal meson itself writes to, when it has one:
 *     whole lines now and then, because meson redraws its own status line
 *     in place every second;
 *   - nowhere otherwise (CI, redirected output), or with CBENCH_NO_PROGRESS.
 *
 * The estimate is the plan (warm-up and measurement time of each
 * benchmark plus a small cost per round), scaled per benchmark by how long
 * it took the last time against its plan when a stored result says so.
 * The time left is the estimate of the work not yet done, scaled by how
 * the run has kept to the estimate so far.
 */
#ifndef CBENCH_RUN_PROGRESS_H
#define CBENCH_RUN_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cbench_progress {
    FILE *tty;                /* NULL: nothing is shown */
    int in_place;             /* 1: redraw one line; 0: whole lines */
    int owned;                /* tty was opened here (closed on close) */
    int drawn;                /* a line in place is on screen */
    char name[64];            /* the executable, e.g. "points" */
    uint64_t t_start_ns;
    uint64_t t_last_line_ns;  /* last whole line (line mode) */
    double estimate_s;        /* the whole run */
    double done_s;            /* the estimate of the work done so far */
} cbench_progress;

/* Picks where progress goes (see above) for the executable argv0. proc is
 * the /proc directory to read the parent from (NULL: "/proc"); tests pass
 * a fake one. Never fails: p->tty stays NULL when there is no terminal. */
void cbench_progress_open(cbench_progress *p, const char *argv0, const char *proc);

/* Opens p on the stream f in the given mode (tests, and --progress). */
void cbench_progress_open_stream(cbench_progress *p, const char *argv0, FILE *f,
                                 int in_place);

/* Starts the clock of a run estimated to take estimate_s seconds. */
void cbench_progress_start(cbench_progress *p, double estimate_s);

/* Records that work worth done_s seconds of the estimate is finished. */
void cbench_progress_advance(cbench_progress *p, double done_s);

/* Seconds left: the estimate of what is not done, scaled by how the run
 * has kept to the estimate so far (elapsed / done) once a tenth is done. */
double cbench_progress_left_s(const cbench_progress *p, double elapsed_s);

/* Shows where the run is: "points: 12/78 points/soa_all/4096 round 3/10 ·
 * 1m05s elapsed · about 2m10s left" (in place at most every call; as a
 * whole line at most every 60 s). */
void cbench_progress_show(cbench_progress *p, size_t done, size_t total, const char *id,
                          unsigned round, unsigned rounds);

/* Prints one whole line (the start and end lines), erasing a line drawn in
 * place first. */
void cbench_progress_say(cbench_progress *p, const char *line);

/* Erases a line drawn in place (before a result is printed on the same
 * terminal). */
void cbench_progress_clear(cbench_progress *p);

void cbench_progress_close(cbench_progress *p);

/* "45 s", "3 min 10 s", "1 h 05 min". */
char *cbench_progress_fmt_duration(char *buf, size_t n, double s);

#endif
