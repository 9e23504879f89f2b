/* SPDX-License-Identifier: MIT
 *
 * flags.c - the shared numeric flags (run/flags.h): a flag accepts the
 * same values wherever it is given; numbers are read whole, finite and in
 * range; fractions may be percentages; whole numbers are whole; every
 * error names the flag, what it expects and what it got.
 */
#include <string.h>

#include "cbench.h"
#include "check.h"
#include "run/flags.h"

static char err[300];

static double value(const char *flag, const char *v)
{
    double x = -1;
    CHECK_INT_EQ(cbench_flag_number(flag, v, &x, err, sizeof err), 0);
    return x;
}

static void rejects(const char *flag, const char *v, const char *expected)
{
    double x = 42;
    CHECK_INT_EQ(cbench_flag_number(flag, v, &x, err, sizeof err), CBENCH_EINVAL);
    CHECK(x == 42);                                  /* untouched */
    CHECK(strstr(err, flag) != NULL && strstr(err, expected) != NULL);
    if (v != NULL)
        CHECK(strstr(err, v) != NULL);
}

int main(void)
{
    /* fractions: plain or as a percentage, the range's edges included */
    CHECK_NEAR(value("--noise-threshold", "0.01"), 0.01, 0);
    CHECK_NEAR(value("--noise-threshold", "1%"), 0.01, 1e-15);
    CHECK_NEAR(value("--noise-threshold", "0"), 0, 0);
    CHECK_NEAR(value("--noise-threshold", "1"), 1, 0);
    CHECK_NEAR(value("--speed-tolerance", "5%"), 0.05, 1e-15);
    rejects("--noise-threshold", "101%", "a fraction from 0 to 1");
    rejects("--noise-threshold", "lots", "a fraction");
    rejects("--noise-threshold", "0.01x", "a fraction");
    rejects("--noise-threshold", "nan", "a fraction");
    rejects("--noise-threshold", "", "a fraction");
    rejects("--noise-threshold", NULL, "got nothing");
    /* an open lower edge */
    rejects("--significance-level", "0", "above 0");
    CHECK_NEAR(value("--significance-level", "1e-9"), 1e-9, 0);
    rejects("--significance-level", "0.6", "at most 0.5");
    /* seconds take no percentage */
    CHECK_NEAR(value("--measurement-time", "0.25"), 0.25, 0);
    rejects("--measurement-time", "10%", "seconds");
    rejects("--warm-up-time", "1s", "seconds");
    /* whole numbers are whole */
    CHECK_NEAR(value("--rounds", "12"), 12, 0);
    rejects("--rounds", "2.5", "an integer from 1 to 1000");
    rejects("--rounds", "1e3", "an integer");
    rejects("--rounds", "-3", "an integer");
    rejects("--nresamples", "99", "from 100");
    /* not a shared flag */
    double x;
    CHECK_INT_EQ(cbench_flag_number("--frobnicate", "1", &x, err, sizeof err), CBENCH_EINVAL);
    CHECK(cbench_flag_spec_of("--frobnicate") == NULL);
    CHECK(cbench_flag_spec_of("--noise-threshold") != NULL);
    /* 64-bit seeds */
    uint64_t u = 0;
    CHECK_INT_EQ(cbench_flag_u64("--seed", "18446744073709551615", &u, err, sizeof err), 0);
    CHECK(u == UINT64_MAX);
    CHECK_INT_EQ(cbench_flag_u64("--seed", "18446744073709551616", &u, err, sizeof err),
                 CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_flag_u64("--seed", "-1", &u, err, sizeof err), CBENCH_EINVAL);
    /* choices list what they accept */
    static const char *const modes[] = {"auto", "always", "never", NULL};
    int c = -1;
    CHECK_INT_EQ(cbench_flag_choice("--charts", "never", modes, &c, err, sizeof err), 0);
    CHECK_INT_EQ(c, 2);
    CHECK_INT_EQ(cbench_flag_choice("--charts", "sometimes", modes, &c, err, sizeof err),
                 CBENCH_EINVAL);
    CHECK(strstr(err, "--charts: expected one of auto|always|never, got 'sometimes'") != NULL);
    return check_result();
}
