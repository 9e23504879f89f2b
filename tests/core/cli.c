/* SPDX-License-Identifier: MIT
 *
 * Command-line parsing of bench executables: every flag in both forms
 * (--flag value, --flag=value), filters, and bad input rejected with a
 * message that names the flag and the expected form.
 */
#include "check.h"
#include "run/cli.h"

#include <stdlib.h>

static int parse(cbench_config *c, char *err, size_t n, int argc, char **argv)
{
    cbench_config_default(c);
    return cbench_cli_parse(c, argc, argv, err, n);
}

#define PARSE(...)                                                        \
    (argv_ = (char *[]){"bench", __VA_ARGS__, NULL},                      \
     parse(&c, err, sizeof err, (int)(sizeof((char *[]){"bench", __VA_ARGS__}) / sizeof(char *)), argv_))

static cbench_config c;
static char err[512];
static char **argv_;

static void test_defaults(void)
{
    cbench_config_default(&c);
    CHECK_NEAR(c.warm_up_s, 0.3, 0);
    CHECK_INT_EQ(c.sample_size, 100);
    CHECK_INT_EQ(c.n_resamples, 100000);
    CHECK_NEAR(c.confidence, 0.95, 0);
    CHECK_NEAR(c.noise_threshold, 0.01, 0);
    CHECK_NEAR(c.significance, 0.05, 0);
    CHECK(c.interleave);
}

static void test_values_in_both_forms(void)
{
    CHECK_INT_EQ(PARSE("--warm-up-time", "0.5", "--measurement-time=2", "--sample-size", "50",
                       "--seed=42", "--nresamples", "2000", "--confidence-level=0.99",
                       "--noise-threshold", "2%", "--significance-level=0.01"), 0);
    CHECK_NEAR(c.warm_up_s, 0.5, 0);
    CHECK_NEAR(c.measure_s, 2, 0);
    CHECK_INT_EQ(c.sample_size, 50);
    CHECK_INT_EQ(c.seed, 42);
    CHECK(c.seed_set);
    CHECK_INT_EQ(c.n_resamples, 2000);
    CHECK_NEAR(c.confidence, 0.99, 0);
    CHECK_NEAR(c.noise_threshold, 0.02, 1e-15);
    CHECK_NEAR(c.significance, 0.01, 0);
}

static void test_switches_and_choices(void)
{
    CHECK_INT_EQ(PARSE("--quick", "--exact", "--list", "--fail-on-regression", "--no-interleave",
                       "--format", "tap", "--color=never", "--charts=always", "--mode",
                       "instructions", "--estimator=slope", "-v"), 0);
    CHECK(c.quick && c.exact && c.list && c.fail_on_regression && !c.interleave && c.verbose);
    CHECK_INT_EQ(c.format, CBENCH_FORMAT_TAP);
    CHECK_INT_EQ(c.color, CBENCH_COLOR_NEVER);
    CHECK_INT_EQ(c.charts, 1);
    CHECK_INT_EQ(c.mode, CBENCH_MODE_INSTRUCTIONS);
    CHECK_INT_EQ(c.estimator, 2);
}

static void test_filters_and_baselines(void)
{
    CHECK_INT_EQ(PARSE("points/aos", "--save-baseline", "main", "--baseline=feature-1.2",
                       "soa", "--", "--odd"), 0);
    CHECK_INT_EQ(c.n_filters, 3);
    CHECK_STR_EQ(c.filters[0], "points/aos");
    CHECK_STR_EQ(c.filters[1], "soa");
    CHECK_STR_EQ(c.filters[2], "--odd");
    CHECK_STR_EQ(c.save_baseline, "main");
    CHECK_STR_EQ(c.baseline, "feature-1.2");
    free((void *)c.filters);
}

/* Each bad input fails and the message names the flag and the form. */
static void expect_error(int rc, const char *flag, const char *expected)
{
    CHECK(rc != 0);
    CHECK(strstr(err, flag) != NULL);
    CHECK(strstr(err, expected) != NULL);
    if (rc == 0 || strstr(err, flag) == NULL || strstr(err, expected) == NULL)
        fprintf(stderr, "  message was: %s\n", err);
}

static void test_bad_input(void)
{
    expect_error(PARSE("--sample-size", "abc"), "--sample-size", "an integer");
    expect_error(PARSE("--sample-size=1"), "--sample-size", "from 2 to 1000000");
    expect_error(PARSE("--sample-size=-5"), "--sample-size", "'-5'");
    expect_error(PARSE("--warm-up-time", "1s"), "--warm-up-time", "seconds");
    expect_error(PARSE("--measurement-time=nan"), "--measurement-time", "seconds");
    expect_error(PARSE("--confidence-level=1.5"), "--confidence-level", "0.5 to 0.9999");
    expect_error(PARSE("--format", "xml"), "--format", "pretty|tap");
    expect_error(PARSE("--save-baseline", "../etc"), "--save-baseline", "letters");
    expect_error(PARSE("--seed"), "--seed", "a value");
    expect_error(PARSE("--frobnicate"), "--frobnicate", "unknown flag");
    expect_error(PARSE("--seed=18446744073709551616"), "--seed", "64-bit");
}

int main(void)
{
    test_defaults();
    test_values_in_both_forms();
    test_switches_and_choices();
    test_filters_and_baselines();
    test_bad_input();
    return check_result();
}
