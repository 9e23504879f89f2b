/* SPDX-License-Identifier: MIT
 *
 * check.h - tiny assertion helpers for cbench's tests. They print the
 * expression and both operands, count failures instead of aborting (so one
 * run shows every broken property), and do not depend on assert(), so they
 * work in release builds. A test's main() ends with 'return check_result();'.
 */
#ifndef CBENCH_TESTS_CHECK_H
#define CBENCH_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,        \
                    __LINE__, #cond);                                     \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

#define CHECK_INT_EQ(a, b)                                                \
    do {                                                                  \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);   \
        if (check_a_ != check_b_) {                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lld vs %lld)\n", \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_);      \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

#define CHECK_STR_EQ(a, b)                                                \
    do {                                                                  \
        const char *check_a_ = (a), *check_b_ = (b);                      \
        if (check_a_ == NULL || check_b_ == NULL ||                       \
            strcmp(check_a_, check_b_) != 0) {                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (\"%s\" vs \"%s\")\n", \
                    __FILE__, __LINE__, #a, #b,                           \
                    check_a_ ? check_a_ : "(null)",                       \
                    check_b_ ? check_b_ : "(null)");                      \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

/* |a - b| <= tol */
#define CHECK_NEAR(a, b, tol)                                             \
    do {                                                                  \
        double check_a_ = (a), check_b_ = (b), check_t_ = (tol);          \
        if (!(fabs(check_a_ - check_b_) <= check_t_)) {                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s ~= %s (%.17g vs %.17g, tol %g)\n", \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_, check_t_); \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

/* |a - b| <= rel * max(|a|, |b|), or both exactly equal (e.g. 0). */
#define CHECK_REL(a, b, rel)                                              \
    do {                                                                  \
        double check_a_ = (a), check_b_ = (b), check_r_ = (rel);          \
        double check_m_ = fmax(fabs(check_a_), fabs(check_b_));           \
        if (!(check_a_ == check_b_ ||                                     \
              fabs(check_a_ - check_b_) <= check_r_ * check_m_)) {        \
            fprintf(stderr, "%s:%d: CHECK failed: %s ~= %s (%.17g vs %.17g, rel %g)\n", \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_, check_r_); \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

static inline int check_result(void)
{
    if (check_failures)
        fprintf(stderr, "%d check(s) failed\n", check_failures);
    return check_failures ? 1 : 0;
}

#endif /* CBENCH_TESTS_CHECK_H */
