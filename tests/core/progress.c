/* SPDX-License-Identifier: MIT
 *
 * Progress and the time estimate: a run says how long it will take from
 * its plan (scaled by how long each benchmark took the last time), the
 * time left follows how the run keeps to it, and the lines go to a
 * terminal -- meson's when meson runs the benchmark -- never elsewhere.
 */
#include "check.h"
#include "run/forecast.h"
#include "run/progress.h"
#include "run/runner.h"

#include <stdlib.h>
#include <unistd.h>

/* Not a terminal (this test's stderr is a pipe under meson, and its
 * parent is not meson test): nothing is shown, nothing fails. */
static void test_no_terminal_shows_nothing(void)
{
    if (isatty(2))
        return;
    setenv("CBENCH_NO_PROGRESS", "", 1);
    cbench_progress p;
    cbench_progress_open(&p, "/x/points", "/nonexistent-proc");
    CHECK(p.tty == NULL);
    CHECK_STR_EQ(p.name, "points");
    cbench_progress_start(&p, 10);
    cbench_progress_show(&p, 0, 3, "g/a", 1, 10);
    cbench_progress_say(&p, "points: 3 benchmarks");
    cbench_progress_close(&p);
    setenv("CBENCH_NO_PROGRESS", "1", 1);
    cbench_progress_open(&p, "points", NULL);
    CHECK(p.tty == NULL);                 /* switched off */
    unsetenv("CBENCH_NO_PROGRESS");
}

static void test_time_left(void)
{
    cbench_progress p;
    cbench_progress_open_stream(&p, "b", NULL, 0);
    cbench_progress_start(&p, 100);
    /* Too early to scale: the estimate less the time spent, or half of
     * what is left to do when the run is already late. */
    CHECK_NEAR(cbench_progress_left_s(&p, 10), 90, 1e-9);
    CHECK_NEAR(cbench_progress_left_s(&p, 300), 50, 1e-9);
    /* Half done in twice the time: the other half takes as long again. */
    cbench_progress_advance(&p, 50);
    CHECK_NEAR(cbench_progress_left_s(&p, 100), 100, 1e-9);
    /* On time. */
    CHECK_NEAR(cbench_progress_left_s(&p, 50), 50, 1e-9);
    cbench_progress_advance(&p, 60);               /* more than planned */
    CHECK_NEAR(cbench_progress_left_s(&p, 100), 0, 1e-9);
    cbench_progress_advance(&p, -5);               /* ignored */
    CHECK_NEAR(p.done_s, 110, 1e-9);
}

static void test_durations(void)
{
    char b[32];
    CHECK_STR_EQ(cbench_progress_fmt_duration(b, sizeof b, 0.4), "0 s");
    CHECK_STR_EQ(cbench_progress_fmt_duration(b, sizeof b, 59.4), "59 s");
    CHECK_STR_EQ(cbench_progress_fmt_duration(b, sizeof b, 190), "3 min 10 s");
    CHECK_STR_EQ(cbench_progress_fmt_duration(b, sizeof b, 3900), "1 h 05 min");
    CHECK_STR_EQ(cbench_progress_fmt_duration(b, sizeof b, -3), "0 s");
}

/* Under meson the terminal's bottom line is meson's own status line,
 * redrawn every second: cbench prints whole lines (erasing meson's first),
 * and at most one progress line a minute. */
static void test_lines_for_meson(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cbench_progress p;
    cbench_progress_open_stream(&p, "points", f, 0);
    cbench_progress_start(&p, 120);
    cbench_progress_say(&p, "points: 78 benchmarks, about 2 min");
    cbench_progress_show(&p, 3, 78, "points/aos_all/320", 2, 10);  /* too soon */
    p.t_last_line_ns -= 61000000000ull;
    cbench_progress_show(&p, 3, 78, "points/aos_all/320", 2, 10);
    fflush(f);
    CHECK(strstr(buf, "\r\033[Kpoints: 78 benchmarks, about 2 min\n") == buf);
    CHECK(strstr(buf, "\r\033[Kpoints: 3 of 78 benchmarks done, ") != NULL);
    CHECK(strstr(buf, " left\n") != NULL);
    size_t lines = 0;
    for (char *c = buf; *c; c++)
        lines += *c == '\n';
    CHECK_INT_EQ(lines, 2);
    cbench_progress_close(&p);
    fclose(f);
    free(buf);
}

/* On its own terminal one line is redrawn in place and erased before a
 * result is printed. */
static void test_in_place(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cbench_progress p;
    cbench_progress_open_stream(&p, "engine", f, 1);
    cbench_progress_start(&p, 10);
    cbench_progress_show(&p, 1, 12, "engine/adds/4", 3, 10);
    cbench_progress_show(&p, 1, 12, "engine/adds/4", 12, 10);
    cbench_progress_clear(&p);
    fflush(f);
    CHECK(strstr(buf, "\r\033[Kengine: 1/12 done, engine/adds/4 round 3/10, ") == buf);
    CHECK(strstr(buf, "engine/adds/4 extra round 12 (the core was slow), ") != NULL);
    CHECK(strchr(buf, '\n') == NULL);
    CHECK(len >= 4 && strcmp(buf + len - 4, "\r\033[K") == 0);
    cbench_progress_close(&p);
    fclose(f);
    free(buf);
}

static cbench_instance inst[3];

static void make_instances(void)
{
    static const cbench_bench b = {.group = "g", .name = "a"};
    for (int i = 0; i < 3; i++) {
        inst[i].bench = &b;
        inst[i].has_param = 1;
        inst[i].param = i + 1;
        snprintf(inst[i].id, sizeof inst[i].id, "g/a/%d", i + 1);
    }
}

/* The plan: warm-up and measurement time plus 5 ms a round and 30 ms of
 * analysis per benchmark; a stored result's wall/plan ratio scales its
 * benchmark's estimate. */
static void test_forecast(void)
{
    cbench_config cfg;
    cbench_config_default(&cfg);
    CHECK_NEAR(cbench_forecast_one_s(&cfg), 0.3 + 1.0 + 10 * 0.005 + 0.03, 1e-12);
    make_instances();
    cbench_forecast f;
    CHECK_INT_EQ(cbench_forecast_make(&f, &cfg, inst, 3, NULL, 0, 1), 0);
    CHECK_INT_EQ(f.n, 3);
    CHECK_INT_EQ(f.n_known, 0);
    CHECK_NEAR(f.estimate_total_s, 3 * 1.38, 1e-9);
    CHECK_NEAR(f.slow_factor, 2.6, 1e-12);      /* 13 rounds, twice */
    char line[300];
    cbench_forecast_describe(line, sizeof line, "points", &f, &cfg, 9);
    CHECK_STR_EQ(line, "points: 3 benchmarks (default sweep; --sweep=full runs 9), "
                       "about 4 s of measuring, plus setup (up to 11 s if the core is "
                       "often slow)");
    cbench_forecast_free(&f);

    cbench_run *h = cbench__run_new();
    cbench_result *r = cbench__run_add(h);
    r->id = cbench__strdup("g/a/2");
    r->wall_s = 6.0;
    r->planned_s = 2.0;                           /* took 3x its plan */
    r = cbench__run_add(h);
    r->id = cbench__strdup("g/a/3");
    r->wall_s = 1000.0;                           /* 500x: not a run like this */
    r->planned_s = 2.0;
    CHECK_INT_EQ(cbench_forecast_make(&f, &cfg, inst, 3, (const cbench_run *const *)&h, 1, 0), 0);
    CHECK_INT_EQ(f.n_known, 1);
    CHECK_NEAR(f.estimate_s[1], 3 * 1.38, 1e-9);
    CHECK_NEAR(f.estimate_s[2], 1.38, 1e-9);
    CHECK_NEAR(f.slow_factor, 1.0, 0);
    cbench_forecast_describe(line, sizeof line, "points", &f, &cfg, 3);
    CHECK_STR_EQ(line, "points: 3 benchmarks, about 7 s");
    cbench_forecast_free(&f);
    r->wall_s = 4.0;                              /* now every one is known */
    r = cbench__run_add(h);
    r->id = cbench__strdup("g/a/1");
    r->wall_s = 1.0;
    r->planned_s = 1.0;
    CHECK_INT_EQ(cbench_forecast_make(&f, &cfg, inst, 3, (const cbench_run *const *)&h, 1, 1), 0);
    cfg.sweep = CBENCH_SWEEP_QUICK;
    cbench_forecast_describe(line, sizeof line, "points", &f, &cfg, 3);
    CHECK_STR_EQ(line, "points: 3 benchmarks (quick sweep), about 8 s, as long as they "
                       "took the last time");
    cbench_forecast_free(&f);
    cbench__run_free(h);
}

/* A round's time limit: --timeout when given (0 = none), else 60 s or
 * ten times the planned round (its warm-up and measurement plus 5 ms),
 * whichever is longer. */
static void test_round_timeout(void)
{
    cbench_config cfg;
    cbench_config_default(&cfg);
    CHECK_NEAR(cbench_forecast_round_timeout_s(&cfg), 60, 0);      /* 10 x 0.135 s */
    cfg.measure_s = 100;
    cfg.rounds = 2;
    CHECK_NEAR(cbench_forecast_round_timeout_s(&cfg), 10 * ((100 + 0.3) / 2 + 0.005), 1e-9);
    cfg.timeout_s = 0;
    CHECK_NEAR(cbench_forecast_round_timeout_s(&cfg), 0, 0);
    cfg.timeout_s = 2.5;
    CHECK_NEAR(cbench_forecast_round_timeout_s(&cfg), 2.5, 0);
}

int main(void)
{
    test_round_timeout();
    test_no_terminal_shows_nothing();
    test_time_left();
    test_durations();
    test_lines_for_meson();
    test_in_place();
    test_forecast();
    return check_result();
}
