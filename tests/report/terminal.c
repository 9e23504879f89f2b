/* SPDX-License-Identifier: MIT
 *
 * terminal.c - what a person reads on the console, as a specification of
 * lib/report/terminal.c: the TAP line of each kind of result (ok, not ok,
 * skip, a regression with and without gating, a change within noise) and
 * the '# ' diagnostics before it; how a name's '#', '\' and newline are
 * escaped so that no name forges a TAP line or directive; the pretty
 * block's time line with its interval and units, its change, ratio,
 * outlier and warning lines; and what is left out when a value is
 * unknown (NaN).
 *
 * Every result is built by hand (no benchmark runs), rendered through the
 * reporters into a memstream, and compared with the exact text a user
 * sees. One test per behaviour, named for it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/report.h"

/* 24 spaces: the id column every continuation line is indented by. */
#define COL "                        "

/* {=================================================================
 * Fixtures: hand-built results and their rendered text.
 * ================================================================== */

/* A finished result "id" whose typical time is [lo, pt, hi] ns; every
 * other estimate is unknown (NaN), as cbench__run_add leaves it. */
static cbench_result *timed(cbench_run *run, const char *id, double lo, double pt, double hi)
{
    cbench_result *r = cbench__run_add(run);
    r->id = cbench__strdup(id);
    r->typical = (cbench_estimate){pt, lo, hi, (hi - lo) / 4, 0.95};
    return r;
}

/* Gives r a change [lo, pt, hi] (fractions) with p-value p, verdict v
 * and noise threshold 0.01 at significance 0.05. */
static void changed(cbench_result *r, double lo, double pt, double hi, double p,
                    cbench_verdict v)
{
    r->has_change = 1;
    r->change.mean = (cbench_estimate){pt, lo, hi, NAN, 0.95};
    cbench__estimate_undef(&r->change.median);
    r->change.p_value = p;
    r->change.df = NAN;
    r->change.significance = 0.05;
    r->change.noise_threshold = 0.01;
    r->change.verdict = v;
}

typedef struct capture {
    char *text;
    size_t len;
    FILE *f;
} capture;

static void capture_open(capture *c)
{
    c->text = NULL;
    c->len = 0;
    c->f = open_memstream(&c->text, &c->len);
    if (c->f == NULL)
        abort();
}

/* Closes the stream and returns what was written (malloc'd). */
static char *capture_close(capture *c)
{
    fclose(c->f);
    return c->text;
}

/* The TAP reporter's output for r as test number index; gate: whether a
 * regression fails the run (--fail-on-regression). */
static char *tap(const cbench_result *r, size_t index, int gate)
{
    capture c;
    capture_open(&c);
    cbench_report_opts o = {.out = c.f, .fail_on_regression = gate};
    cbench_report_tap.result(&o, r, index);
    return capture_close(&c);
}

/* The pretty reporter's output for r. */
static char *pretty(const cbench_result *r, int color, int verbose)
{
    capture c;
    capture_open(&c);
    cbench_report_opts o = {.out = c.f, .color = color, .verbose = verbose};
    cbench_report_pretty.result(&o, r, 1);
    return capture_close(&c);
}

/* The last line of text (its own copy, without the newline): the TAP
 * test line, which the reporter writes after the diagnostics. */
static char *last_line(const char *text)
{
    size_t n = strlen(text);
    if (n > 0 && text[n - 1] == '\n')
        n--;
    size_t start = n;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    return strndup(text + start, n - start);
}

/* How many lines of TAP text are test lines ("ok" or "not ok"). */
static int test_lines(const char *text)
{
    int n = 0;
    for (const char *p = text; p != NULL && *p; ) {
        n += strncmp(p, "ok", 2) == 0 || strncmp(p, "not ok", 6) == 0;
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    return n;
}

/* The TAP test line of r (malloc'd). */
static char *tap_line(const cbench_result *r, int gate)
{
    char *text = tap(r, 1, gate);
    char *l = last_line(text);
    free(text);
    return l;
}

static int has(const char *text, const char *what)
{
    if (strstr(text, what) != NULL)
        return 1;
    fprintf(stderr, "expected \"%s\" in:\n%s\n", what, text);
    return 0;
}

static int lacks(const char *text, const char *what)
{
    if (strstr(text, what) == NULL)
        return 1;
    fprintf(stderr, "did not expect \"%s\" in:\n%s\n", what, text);
    return 0;
}

/* {=================================================================
 * TAP: the test line.
 * ================================================================== */

static void test_tap_ok_line_gives_the_typical_time_and_interval(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    char *t = tap(r, 7, 0);
    CHECK_STR_EQ(t, "# g/bench                 time:   [99.000 ns 100.00 ns 101.00 ns]\n"
                    "ok 7 - g/bench time: [99.000 ns 100.00 ns 101.00 ns]\n");
    free(t);
    cbench__run_free(run);
}

static void test_tap_failed_benchmark_is_not_ok_with_its_reason(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", NAN, NAN, NAN);
    r->flags |= CBENCH_RESULT_FAILED;
    r->error = cbench__strdup("body returned 3");
    char *t = tap(r, 2, 0);
    CHECK_STR_EQ(t, "# g/bench                 FAILED: body returned 3\n"
                    "not ok 2 - g/bench body returned 3\n");
    free(t);
    cbench__run_free(run);
}

static void test_tap_failed_benchmark_without_a_reason_says_failed(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", NAN, NAN, NAN);
    r->flags |= CBENCH_RESULT_FAILED;
    char *l = tap_line(r, 0);
    CHECK_STR_EQ(l, "not ok 1 - g/bench failed");
    free(l);
    cbench__run_free(run);
}

static void test_tap_skipped_benchmark_is_ok_with_a_skip_directive(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", NAN, NAN, NAN);
    r->flags |= CBENCH_RESULT_SKIPPED;
    r->error = cbench__strdup("no perf counters");
    char *t = tap(r, 3, 1);
    CHECK_STR_EQ(t, "# g/bench                 skipped: no perf counters\n"
                    "ok 3 - g/bench # SKIP no perf counters\n");
    free(t);
    cbench__run_free(run);
}

static void test_tap_regression_is_not_ok_only_when_gating(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    changed(r, 0.03, 0.05, 0.07, 0.001, CBENCH_VERDICT_REGRESSED);
    char *gated = tap_line(r, 1), *not_gated = tap_line(r, 0);
    CHECK_STR_EQ(gated, "not ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns] "
                        "change: +5.00% [+3.00% +7.00%] regressed");
    CHECK_STR_EQ(not_gated, "ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns] "
                            "change: +5.00% [+3.00% +7.00%] regressed");
    free(gated);
    free(not_gated);
    cbench__run_free(run);
}

static void test_tap_improvement_and_within_noise_are_ok_even_when_gating(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    changed(r, -0.07, -0.05, -0.03, 0.001, CBENCH_VERDICT_IMPROVED);
    char *l = tap_line(r, 1);
    CHECK_STR_EQ(l, "ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns] "
                    "change: -5.00% [-7.00% -3.00%] improved");
    free(l);
    changed(r, -0.002, 0.005, 0.012, 0.02, CBENCH_VERDICT_WITHIN_NOISE);
    l = tap_line(r, 1);
    CHECK_STR_EQ(l, "ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns] "
                    "change: +0.50% [-0.20% +1.20%] within noise");
    free(l);
    cbench__run_free(run);
}

static void test_tap_ok_line_flags_unstable_and_slow_core(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    r->flags |= CBENCH_RESULT_UNSTABLE | CBENCH_RESULT_SLOW_CORE;
    char *l = tap_line(r, 0);
    CHECK_STR_EQ(l, "ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns] "
                    "(unstable) (slow core)");
    free(l);
    cbench__run_free(run);
}

static void test_tap_ok_line_shows_throughput_ratio_and_bound_when_known(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/copy", 99, 100, 101);
    r->throughput = CBENCH_THROUGHPUT_BYTES;
    r->throughput_per_iter = 1000;
    r->ratio_to_reference = (cbench_estimate){0.5, 0.45, 0.55, 0.025, 0.95};
    r->bound_fraction = 0.8;
    char *l = tap_line(r, 0);
    CHECK_STR_EQ(l, "ok 1 - g/copy time: [99.000 ns 100.00 ns 101.00 ns] "
                    "thrpt: 10.0 GB/s ratio: 0.500x [0.450x 0.550x] 80% of bound");
    free(l);
    cbench__run_free(run);
}

static void test_tap_ok_line_omits_what_is_unknown(void)
{
    /* NaN ratio and bound, no throughput, no baseline: nothing of theirs. */
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    r->throughput = CBENCH_THROUGHPUT_BYTES;       /* but no bytes per iteration */
    char *l = tap_line(r, 0);
    CHECK_STR_EQ(l, "ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns]");
    free(l);
    /* An unknown time still gives the line its place, read "n/a". */
    cbench_result *u = timed(run, "g/unknown", NAN, NAN, NAN);
    l = tap_line(u, 0);
    CHECK_STR_EQ(l, "ok 1 - g/unknown time: [n/a n/a n/a]");
    free(l);
    cbench__run_free(run);
}

/* {=================================================================
 * TAP: escaping, diagnostics and the other hooks.
 * ================================================================== */

static void test_tap_escapes_hash_backslash_and_newline_in_ids(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/a#b\\c\nok 2 - forged", 99, 100, 101);
    char *t = tap(r, 1, 0);
    /* The test line: '#' -> "\#", '\' -> "\\", newline -> "\n", all on
     * one line; the diagnostics show the name as terminal text. */
    CHECK_STR_EQ(t, "# g/a#b\\c\\nok 2 - forged  time:   [99.000 ns 100.00 ns 101.00 ns]\n"
                    "ok 1 - g/a\\#b\\\\c\\nok 2 - forged time: [99.000 ns 100.00 ns "
                    "101.00 ns]\n");
    CHECK_INT_EQ(test_lines(t), 1);
    free(t);
    cbench__run_free(run);
}

static void test_tap_hash_before_skip_or_todo_cannot_start_a_directive(void)
{
    /* Meson ends a description at the first '#', escaped or not: a '#'
     * that would read as a directive is written "\x23". */
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/x # TODO later", 99, 100, 101);
    char *l = tap_line(r, 0);
    CHECK_STR_EQ(l, "ok 1 - g/x \\x23 TODO later time: [99.000 ns 100.00 ns 101.00 ns]");
    free(l);
    cbench_result *s = timed(run, "g/y", NAN, NAN, NAN);
    s->flags |= CBENCH_RESULT_SKIPPED;
    s->error = cbench__strdup("needs root\nok 9 - # skip");
    char *t = tap(s, 1, 0);
    l = last_line(t);
    CHECK_STR_EQ(l, "ok 1 - g/y # SKIP needs root\\nok 9 - \\x23 skip");
    CHECK_INT_EQ(test_lines(t), 1);
    free(l);
    free(t);
    cbench__run_free(run);
}

static void test_tap_diagnostics_are_the_block_as_comments(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    changed(r, 0.03, 0.05, 0.07, 0.001, CBENCH_VERDICT_REGRESSED);
    r->outliers = (cbench_outliers){0, 0, 97, 2, 1, {0, 0, 0, 0}};
    r->warning = cbench__strdup("Unstable: rounds disagree.");
    char *t = tap(r, 1, 0);
    CHECK_STR_EQ(t, "# g/bench                 time:   [99.000 ns 100.00 ns 101.00 ns]\n"
                    "# " COL "change: [+3.00% +5.00% +7.00%] (p = 0.00 < 0.05)\n"
                    "# " COL "Performance has regressed.\n"
                    "# Found 3 outliers among 100 measurements (3.00%)\n"
                    "#   2 (2.00%) high mild\n"
                    "#   1 (1.00%) high severe\n"
                    "# warning: Unstable: rounds disagree.\n"
                    "ok 1 - g/bench time: [99.000 ns 100.00 ns 101.00 ns] "
                    "change: +5.00% [+3.00% +7.00%] regressed\n");
    free(t);
    cbench__run_free(run);
}

static void test_tap_plan_notes_and_bail_out(void)
{
    capture c;
    capture_open(&c);
    cbench_report_opts o = {.out = c.f};
    cbench_report_tap.begin(&o, 3);
    cbench_report_tap.notice(&o, "two lines\nok 5 - forged");
    cbench_report_tap.end(&o, "3 benchmarks");
    cbench_report_tap.error(&o, "cannot save\nthe baseline");
    char *t = capture_close(&c);
    CHECK_STR_EQ(t, "1..3\n"
                    "# note: two lines\n"
                    "#   ok 5 - forged\n"
                    "# note: 3 benchmarks\n"
                    "Bail out! cannot save the baseline\n");
    free(t);
}

/* {=================================================================
 * Pretty: the block.
 * ================================================================== */

static void test_pretty_time_line_pads_the_id_column_and_ends_with_a_blank_line(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    char *t = pretty(r, 0, 0);
    CHECK_STR_EQ(t, "g/bench                 time:   [99.000 ns 100.00 ns 101.00 ns]\n\n");
    free(t);
    cbench__run_free(run);
}

static void test_pretty_time_gives_each_value_its_own_unit(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/a", 0.5, 999, 1001);
    char *t = pretty(r, 0, 0);
    CHECK(has(t, "time:   [500.00 ps 999.00 ns 1.0010 µs]\n"));
    free(t);
    r->typical = (cbench_estimate){2.5e6, 12345.6, 3e9, 0, 0.95};
    t = pretty(r, 0, 0);
    CHECK(has(t, "time:   [12.346 µs 2.5000 ms 3.0000 s]\n"));
    free(t);
    cbench__run_free(run);
}

static void test_pretty_long_id_puts_the_time_on_the_next_line(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "group/a_rather_long_name", 99, 100, 101);
    char *t = pretty(r, 0, 0);
    CHECK_STR_EQ(t, "group/a_rather_long_name\n"
                    COL "time:   [99.000 ns 100.00 ns 101.00 ns]\n\n");
    free(t);
    cbench__run_free(run);
}

static void test_pretty_unknown_time_reads_n_a(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", NAN, NAN, NAN);
    char *t = pretty(r, 0, 0);
    CHECK_STR_EQ(t, "g/bench                 time:   [n/a n/a n/a]\n\n");
    free(t);
    cbench__run_free(run);
}

static void test_pretty_change_line_gives_interval_p_value_and_verdict(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    changed(r, 0.03, 0.05, 0.07, 0.001, CBENCH_VERDICT_REGRESSED);
    char *t = pretty(r, 0, 0);
    CHECK_STR_EQ(t, "g/bench                 time:   [99.000 ns 100.00 ns 101.00 ns]\n"
                    COL "change: [+3.00% +5.00% +7.00%] (p = 0.00 < 0.05)\n"
                    COL "Performance has regressed.\n\n");
    free(t);
    changed(r, -0.07, -0.05, -0.03, 0.001, CBENCH_VERDICT_IMPROVED);
    t = pretty(r, 0, 0);
    CHECK(has(t, COL "change: [-7.00% -5.00% -3.00%] (p = 0.00 < 0.05)\n"
                 COL "Performance has improved.\n"));
    free(t);
    changed(r, -0.004, 0.001, 0.006, 0.62, CBENCH_VERDICT_NO_CHANGE);
    t = pretty(r, 0, 0);
    CHECK(has(t, COL "change: [-0.40% +0.10% +0.60%] (p = 0.62 >= 0.05)\n"
                 COL "No change in performance detected.\n"));
    free(t);
    cbench__run_free(run);
}

static void test_pretty_without_a_baseline_has_no_change_line(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    char *t = pretty(r, 0, 0);
    CHECK(lacks(t, "change:"));
    CHECK(lacks(t, "Performance"));
    free(t);
    cbench__run_free(run);
}

static void test_pretty_ratio_throughput_and_bound_lines_only_when_known(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/copy", 99, 100, 101);
    char *t = pretty(r, 0, 0);
    CHECK(lacks(t, "ratio:") && lacks(t, "thrpt:") && lacks(t, "bound:"));
    free(t);
    r->throughput = CBENCH_THROUGHPUT_BYTES;
    r->throughput_per_iter = 1000;
    r->ratio_to_reference = (cbench_estimate){0.5, 0.45, 0.55, 0.025, 0.95};
    r->bound_fraction = 0.8;
    r->bound_id = cbench__strdup("g/memcpy");
    t = pretty(r, 0, 0);
    /* A faster time is a higher rate: the interval's ends swap. */
    CHECK_STR_EQ(t, "g/copy                  time:   [99.000 ns 100.00 ns 101.00 ns]\n"
                    COL "thrpt:  [9.90 GB/s 10.0 GB/s 10.1 GB/s]\n"
                    COL "ratio:  0.500x [0.450x 0.550x] of the group's reference "
                    "(2.00x as fast)\n"
                    COL "bound:  80.0% of the throughput of g/memcpy\n\n");
    free(t);
    cbench__run_free(run);
}

static void test_pretty_outliers_are_counted_per_class(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    r->outliers = (cbench_outliers){1, 3, 194, 0, 2, {0, 0, 0, 0}};
    char *t = pretty(r, 0, 0);
    CHECK(has(t, "\nFound 6 outliers among 200 measurements (3.00%)\n"
                 "  1 (0.50%) low severe\n"
                 "  3 (1.50%) low mild\n"
                 "  2 (1.00%) high severe\n"));
    CHECK(lacks(t, "high mild"));
    free(t);
    r->outliers = (cbench_outliers){0, 0, 200, 0, 0, {0, 0, 0, 0}};
    t = pretty(r, 0, 0);
    CHECK(lacks(t, "outliers"));
    free(t);
    cbench__run_free(run);
}

static void test_pretty_warning_line_keeps_the_text_on_one_line(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    r->warning = cbench__strdup("Unstable: quiet the machine.\n\033[2J");
    char *t = pretty(r, 0, 0);
    CHECK(has(t, "\nwarning: Unstable: quiet the machine.\\n\\x1b[2J\n\n"));
    free(t);
    cbench__run_free(run);
}

static void test_pretty_skipped_and_failed_say_why_and_nothing_else(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    r->flags |= CBENCH_RESULT_SKIPPED;
    r->error = cbench__strdup("no perf counters");
    char *t = pretty(r, 0, 1);
    CHECK_STR_EQ(t, "g/bench                 skipped: no perf counters\n\n");
    free(t);
    r->flags = CBENCH_RESULT_FAILED;
    free(r->error);
    r->error = cbench__strdup("body returned 3");
    t = pretty(r, 0, 1);
    CHECK_STR_EQ(t, "g/bench                 FAILED: body returned 3\n\n");
    free(t);
    cbench__run_free(run);
}

static void test_pretty_colour_only_when_asked(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/\033[31mred", 99, 100, 101);
    changed(r, 0.03, 0.05, 0.07, 0.001, CBENCH_VERDICT_REGRESSED);
    char *plain = pretty(r, 0, 0), *colour = pretty(r, 1, 0);
    /* The id's own escape is shown, never sent. */
    CHECK(lacks(plain, "\033"));
    CHECK(has(plain, "g/\\x1b[31mred"));
    CHECK(has(colour, "\033[1mg/\\x1b[31mred           \033[0mtime:   ["));
    CHECK(has(colour, COL "\033[31mPerformance has regressed.\033[0m\n"));
    free(plain);
    free(colour);
    cbench__run_free(run);
}

static void test_pretty_verbose_adds_the_pooled_points_and_the_stop_reason(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = timed(run, "g/bench", 99, 100, 101);
    r->mean.point = 100.5;
    r->median.point = 100.25;
    r->std_dev.point = 1.5;
    r->mad.point = 1.25;
    r->r_squared = 0.9876;
    r->n_samples = 100;
    r->n_rounds = 5;
    r->stop_reason = "precision";
    char *t = pretty(r, 0, 1);
    /* The slope is unknown (flat sampling): "n/a", not a number. */
    CHECK_STR_EQ(t, "g/bench                 time:   [99.000 ns 100.00 ns 101.00 ns]\n"
                    COL "mean 100.50 ns  median 100.25 ns  std dev 1.5000 ns  "
                    "MAD 1.2500 ns  slope n/a  R² 0.9876\n"
                    COL "100 samples in 5 rounds (stopped by precision)\n\n");
    free(t);
    cbench__run_free(run);
}

int main(void)
{
    test_tap_ok_line_gives_the_typical_time_and_interval();
    test_tap_failed_benchmark_is_not_ok_with_its_reason();
    test_tap_failed_benchmark_without_a_reason_says_failed();
    test_tap_skipped_benchmark_is_ok_with_a_skip_directive();
    test_tap_regression_is_not_ok_only_when_gating();
    test_tap_improvement_and_within_noise_are_ok_even_when_gating();
    test_tap_ok_line_flags_unstable_and_slow_core();
    test_tap_ok_line_shows_throughput_ratio_and_bound_when_known();
    test_tap_ok_line_omits_what_is_unknown();
    test_tap_escapes_hash_backslash_and_newline_in_ids();
    test_tap_hash_before_skip_or_todo_cannot_start_a_directive();
    test_tap_diagnostics_are_the_block_as_comments();
    test_tap_plan_notes_and_bail_out();
    test_pretty_time_line_pads_the_id_column_and_ends_with_a_blank_line();
    test_pretty_time_gives_each_value_its_own_unit();
    test_pretty_long_id_puts_the_time_on_the_next_line();
    test_pretty_unknown_time_reads_n_a();
    test_pretty_change_line_gives_interval_p_value_and_verdict();
    test_pretty_without_a_baseline_has_no_change_line();
    test_pretty_ratio_throughput_and_bound_lines_only_when_known();
    test_pretty_outliers_are_counted_per_class();
    test_pretty_warning_line_keeps_the_text_on_one_line();
    test_pretty_skipped_and_failed_say_why_and_nothing_else();
    test_pretty_colour_only_when_asked();
    test_pretty_verbose_adds_the_pooled_points_and_the_stop_reason();
    return check_result();
}
