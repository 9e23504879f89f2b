/* SPDX-License-Identifier: MIT
 *
 * plot_threads.c - the thread-scaling chart, read from its gnuplot script
 * (no gnuplot needed), with known answers:
 *
 * - a group is drawable when one benchmark at one parameter has 2 or more
 *   thread counts; single-threaded results and one count are not;
 * - each line holds the aggregate throughput at each count, ascending,
 *   with the interval's ends swapped (a faster time is a higher rate);
 * - its ideal is the first count's rate times threads / first count;
 * - without a declared throughput the rate is iterations of all threads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plot/charts.h"

/* The rows of datablock $name: up to 4 columns each. */
static size_t block(const char *s, const char *name, double rows[][4], size_t cap)
{
    char head[64];
    snprintf(head, sizeof head, "$%s << EOD\n", name);
    const char *p = s ? strstr(s, head) : NULL;
    size_t n = 0;
    if (p == NULL)
        return 0;
    p += strlen(head);
    while (n < cap && strncmp(p, "EOD", 3) != 0) {
        rows[n][2] = rows[n][3] = NAN;       /* rows of 2 columns (ideal) */
        if (sscanf(p, "%lf %lf %lf %lf", &rows[n][0], &rows[n][1], &rows[n][2],
                   &rows[n][3]) < 2)
            break;
        p = strchr(p, '\n');
        if (p == NULL)
            break;
        p++;
        n++;
    }
    return n;
}

static void result(cbench_result *r, const char *name, unsigned threads, double ns,
                   cbench_throughput_kind kind, double per_iter)
{
    memset(r, 0, sizeof *r);
    r->name = (char *)name;
    r->threads.count = threads;
    r->typical = (cbench_estimate){ns, 0.5 * ns, 2 * ns, NAN, 0.95};
    r->throughput = kind;
    r->throughput_per_iter = per_iter;
}

static char *script(const cbench_result *const *rs, size_t n)
{
    const char *colours[8] = {"#111111", "#222222", "#333333", "#444444",
                              "#555555", "#666666", "#777777", "#888888"};
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    cbench_plot_target t = {"/dev/null", 0};
    int rc = cbench_plot_chart_group_threads(f, &t, "g", rs, colours, n);
    fclose(f);
    CHECK_INT_EQ(rc, 0);
    return s;
}

static void test_drawable(void)
{
    cbench_result a, b, c;
    result(&a, "x", 0, 1, CBENCH_THROUGHPUT_NONE, 0);
    result(&b, "x", 2, 1, CBENCH_THROUGHPUT_NONE, 0);
    result(&c, "y", 4, 1, CBENCH_THROUGHPUT_NONE, 0);
    const cbench_result *one[] = {&a, &b, &c};
    CHECK(!cbench_plot_threads_drawable(one, 3));       /* x has one count, y another */
    result(&c, "x", 4, 1, CBENCH_THROUGHPUT_NONE, 0);
    CHECK(cbench_plot_threads_drawable(one, 3));
    c.has_param = 1;                                     /* another parameter: another line */
    c.param_value = 64;
    CHECK(!cbench_plot_threads_drawable(one, 3));
}

/* 2 elements per iteration in all, per thread count: 1 thread at 2 ns
 * (1 G/s), 2 threads at 2 ns per iteration of 4 elements (2 G/s, ideal),
 * 4 threads at 4 ns per 8 elements (2 G/s, half the ideal 4 G/s). The
 * results come out of order: the line is sorted by threads. */
static void test_rates_and_ideal(void)
{
    cbench_result r[3];
    result(&r[0], "x", 4, 4, CBENCH_THROUGHPUT_ELEMENTS, 8);
    result(&r[1], "x", 1, 2, CBENCH_THROUGHPUT_ELEMENTS, 2);
    result(&r[2], "x", 2, 2, CBENCH_THROUGHPUT_ELEMENTS, 4);
    const cbench_result *rs[] = {&r[0], &r[1], &r[2]};
    char *s = script(rs, 3);
    double t[8][4], ideal[8][4];
    size_t n = block(s, "t0", t, 8), m = block(s, "i0", ideal, 8);
    CHECK_INT_EQ(n, 3);
    CHECK_INT_EQ(m, 3);
    if (n == 3 && m == 3) {
        const double threads[3] = {1, 2, 4}, rate[3] = {1, 2, 2}, want[3] = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            CHECK_NEAR(t[i][0], threads[i], 0);
            CHECK_NEAR(t[i][1], rate[i], 1e-9);            /* Gelem/s */
            CHECK_NEAR(t[i][2], rate[i] / 2, 1e-9);        /* from the time's upper end */
            CHECK_NEAR(t[i][3], rate[i] * 2, 1e-9);
            CHECK_NEAR(ideal[i][1], want[i], 1e-9);
        }
    }
    CHECK(s != NULL && strstr(s, "Gelem/s") != NULL);
    CHECK(s != NULL && strstr(s, CBENCH_PLOT_T_IDEAL) != NULL);
    free(s);
}

/* No declared throughput: iterations of all threads per second. */
static void test_iterations(void)
{
    cbench_result r[2];
    result(&r[0], "x", 1, 1, CBENCH_THROUGHPUT_NONE, 0);   /* 1 G iterations/s */
    result(&r[1], "x", 2, 4, CBENCH_THROUGHPUT_NONE, 0);   /* 2 threads: 0.5 G/s */
    const cbench_result *rs[] = {&r[0], &r[1]};
    char *s = script(rs, 2);
    double t[4][4];
    CHECK_INT_EQ(block(s, "t0", t, 4), 2);
    CHECK_NEAR(t[1][1], 0.5, 1e-9);
    CHECK(s != NULL && strstr(s, "Giter/s") != NULL);
    free(s);
}

int main(void)
{
    test_drawable();
    test_rates_and_ideal();
    test_iterations();
    return check_result();
}
