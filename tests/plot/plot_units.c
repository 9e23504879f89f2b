/* SPDX-License-Identifier: MIT
 *
 * plot_units.c - known-value and property tests of lib/plot's own
 * statistics (quantiles, fences, bandwidth, KDE, bootstrap) and of units,
 * colours and escaping.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plot/density.h"
#include "report/report.h"
#include "report/units.h"
#include "synth.h"

static void test_quantile(void)
{
    double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK_NEAR(cbench_plot_quantile(x, 10, 0.5), 5.5, 1e-12);
    CHECK_NEAR(cbench_plot_quantile(x, 10, 0.25), 3.25, 1e-12);   /* R: quantile(1:10, .25) */
    CHECK_NEAR(cbench_plot_quantile(x, 10, 0.75), 7.75, 1e-12);
    CHECK_NEAR(cbench_plot_quantile(x, 10, 0), 1, 0);
    CHECK_NEAR(cbench_plot_quantile(x, 10, 1), 10, 0);
    CHECK_NEAR(cbench_plot_quantile(x, 1, 0.3), 1, 0);
    CHECK(isnan(cbench_plot_quantile(x, 0, 0.5)));
}

static void test_fences(void)
{
    double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double f[4];
    cbench_plot_fences(x, 10, f);
    CHECK_NEAR(f[0], 3.25 - 3 * 4.5, 1e-12);
    CHECK_NEAR(f[1], 3.25 - 1.5 * 4.5, 1e-12);
    CHECK_NEAR(f[2], 7.75 + 1.5 * 4.5, 1e-12);
    CHECK_NEAR(f[3], 7.75 + 3 * 4.5, 1e-12);
    CHECK_INT_EQ(cbench_plot_tukey_class(5, f), 0);
    CHECK_INT_EQ(cbench_plot_tukey_class(15, f), 1);
    CHECK_INT_EQ(cbench_plot_tukey_class(22, f), 2);
    CHECK_INT_EQ(cbench_plot_tukey_class(-4, f), -1);
    CHECK_INT_EQ(cbench_plot_tukey_class(-11, f), -2);
}

static void test_bandwidth(void)
{
    double c[] = {5, 5, 5, 5};
    CHECK_NEAR(cbench_plot_bandwidth(c, 4), 5e-3, 1e-15);        /* constant: not 0 */
    double z[] = {0, 0};
    CHECK(cbench_plot_bandwidth(z, 2) > 0);
    double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    /* sd = 3.02765, iqr/1.34 = 3.35821 -> 0.9 * 3.02765 * 10^-0.2 */
    CHECK_NEAR(cbench_plot_bandwidth(x, 10), 0.9 * 3.0276503540974917 * pow(10, -0.2), 1e-9);
}

/* A KDE of normal data integrates to ~1 and peaks near the mean. */
static void test_kde(void)
{
    synth_rng g = {42};
    size_t n = 2000;
    double *x = malloc(n * sizeof *x), gx[400], gy[400];
    for (size_t i = 0; i < n; i++)
        x[i] = 10 + 2 * synth_normal(&g);
    cbench_plot_sort(x, n);
    double bw = cbench_plot_bandwidth(x, n);
    cbench_plot_kde(x, n, bw, 0, 20, 400, gx, gy);
    double area = 0, peak = 0, at = 0;
    for (size_t i = 1; i < 400; i++)
        area += (gx[i] - gx[i - 1]) * (gy[i] + gy[i - 1]) / 2;
    for (size_t i = 0; i < 400; i++)
        if (gy[i] > peak) {
            peak = gy[i];
            at = gx[i];
        }
    CHECK_NEAR(area, 1, 0.01);
    CHECK_NEAR(at, 10, 0.5);
    CHECK_NEAR(peak, 1 / (2 * sqrt(2 * M_PI)), 0.03);           /* N(10, 2) peak 0.1995 */
    CHECK_NEAR(gx[0], 0, 0);
    CHECK_NEAR(gx[399], 20, 1e-12);
    free(x);
}

static void test_units(void)
{
    char buf[64];
    CHECK_STR_EQ(cbench_plot_fmt_threshold(buf, sizeof buf, 0.0416434), "±4.2 %");
    CHECK_STR_EQ(cbench_plot_fmt_threshold(buf, sizeof buf, 0.01), "±1 %");
    CHECK_STR_EQ(cbench_plot_fmt_threshold(buf, sizeof buf, 0.231), "±23 %");
    CHECK_STR_EQ(cbench_plot_fmt_threshold(buf, sizeof buf, 0.005), "±0.5 %");
    CHECK_STR_EQ(cbench_plot_fmt_threshold(buf, sizeof buf, 0.0999), "±10 %");
    CHECK_STR_EQ(cbench_plot_fmt_threshold(buf, sizeof buf, NAN), "n/a");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 0.5), "500 ps");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 12.345), "12.3 ns");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 1500), "1.50 µs");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 2.5e6), "2.50 ms");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 3e10), "30.0 s");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, NAN), "n/a");
    CHECK_STR_EQ(cbench_plot_fmt_rate(buf, sizeof buf, 1.52e9, CBENCH_THROUGHPUT_BYTES),
                 "1.52 GB/s");
    CHECK_STR_EQ(cbench_plot_fmt_rate(buf, sizeof buf, 999, CBENCH_THROUGHPUT_BYTES), "999 B/s");
    CHECK_STR_EQ(cbench_plot_fmt_rate(buf, sizeof buf, 2e6, CBENCH_THROUGHPUT_ELEMENTS),
                 "2.00 Melem/s");
    CHECK_STR_EQ(cbench_plot_fmt_param(buf, sizeof buf, 1024), "1Ki");
    CHECK_STR_EQ(cbench_plot_fmt_param(buf, sizeof buf, 4194304), "4Mi");
    CHECK_STR_EQ(cbench_plot_fmt_param(buf, sizeof buf, 1000000), "1M");
    CHECK_STR_EQ(cbench_plot_fmt_param(buf, sizeof buf, 37), "37");
    CHECK_STR_EQ(cbench_plot_time_unit(0).name, "ns");
    CHECK_STR_EQ(cbench_plot_time_unit(999.9).name, "ns");
    CHECK_STR_EQ(cbench_plot_time_unit(1000).name, "µs");
}

/* One rule for every time people read (units.h): the unit where the
 * value reads 1..999, N significant digits; the console has 5 (criterion's),
 * charts 3. Rounding up to 1000 takes the next unit, and rounding up to
 * 10 or 100 keeps N digits. */
static void test_time_rule(void)
{
    char buf[64];
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 12.3456), "12.346 ns");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 99.0), "99.000 ns");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 100.0), "100.00 ns");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 1.5e3), "1.5000 µs");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, -2.5e6), "-2.5000 ms");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 0), "0.0000 ns");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 0.25), "250.00 ps");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 3e12), "3000.0 s");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, NAN), "n/a");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, INFINITY), "n/a");
    /* The boundaries: once "10.0000 ns", "100.000 ns" and "1000.00 ns". */
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 9.99996), "10.000 ns");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 99.9996), "100.00 ns");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 999.996), "1.0000 µs");
    CHECK_STR_EQ(cbench_report_fmt_time(buf, sizeof buf, 999.994), "999.99 ns");
    /* ... and the charts' (once "10.00 ns" and "1000 ns"). */
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 9.996), "10.0 ns");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 999.6), "1.00 µs");
    CHECK_STR_EQ(cbench_plot_fmt_time(buf, sizeof buf, 999.4), "999 ns");
    CHECK_STR_EQ(cbench_plot_fmt_time_digits(buf, sizeof buf, 12.3456, 4), "12.35 ns");
}

static void test_colours(void)
{
    CHECK_INT_EQ(cbench_plot_hash("aos"), cbench_plot_hash("aos"));
    CHECK(cbench_plot_hash("aos") != cbench_plot_hash("soa"));
    for (size_t i = 0; i < CBENCH_PLOT_PALETTE; i++) {
        CHECK_INT_EQ(strlen(cbench_plot_colour(i)), 7);
        for (size_t k = 0; k < i; k++)
            CHECK(strcmp(cbench_plot_colour(i), cbench_plot_colour(k)) != 0);
    }
}

/* Runs fn(f, s) into a string (caller frees). */
static char *capture(void (*fn)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f, s);
    fclose(f);
    return buf;
}

static void check_escape(void (*fn)(FILE *, const char *), const char *in, const char *want)
{
    char *got = capture(fn, in);
    CHECK_STR_EQ(got, want);
    free(got);
}

static void test_escaping(void)
{
    check_escape(cbench_plot_gp_string, "plain", "'plain'");
    check_escape(cbench_plot_gp_string, "it's", "'it''s'");
    check_escape(cbench_plot_gp_string, "a\"b\\c$d@e`f`", "'a\"b\\c$d@e`f`'");
    check_escape(cbench_plot_gp_string, "new\nline\r\t", "'new line  '");
    check_escape(cbench_plot_gp_string, "µs \xff\xfe x\xe2\x82", "'µs ?? x?\?'");
    check_escape(cbench_plot_gp_string, "\xed\xa0\x80", "'??\?'");    /* a surrogate */
    check_escape(cbench_plot_gp_string, NULL, "''");
    check_escape(cbench_plot_html_text, "<script>a&b\"c'd</script>",
                 "&lt;script&gt;a&amp;b&quot;c&#39;d&lt;/script&gt;");
    check_escape(cbench_plot_html_text, "ok µ\x01", "ok µ ");
}

static void test_safe_name(void)
{
    char b[32];
    CHECK_STR_EQ(cbench_plot_safe_name(b, sizeof b, "points/aos/1024"), "points_aos_1024");
    CHECK_STR_EQ(cbench_plot_safe_name(b, sizeof b, "../../etc/passwd"), "_._.._etc_passwd");
    CHECK_STR_EQ(cbench_plot_safe_name(b, sizeof b, ".hidden"), "_hidden");
    CHECK_STR_EQ(cbench_plot_safe_name(b, sizeof b, "a b$c\nd"), "a_b_c_d");
    CHECK_STR_EQ(cbench_plot_safe_name(b, sizeof b, ""), "bench");
    CHECK_STR_EQ(cbench_plot_safe_name(b, sizeof b, "\xff\xfe"), "_");
    CHECK_STR_EQ(cbench_plot_safe_name(b, 6, "abcdefgh"), "abcde");
    CHECK(strchr(cbench_plot_safe_name(b, sizeof b, "/a/b/"), '/') == NULL);
}

int main(void)
{
    test_quantile();
    test_fences();
    test_bandwidth();
    test_kde();
    test_units();
    test_time_rule();
    test_colours();
    test_escaping();
    test_safe_name();
    return check_result();
}
