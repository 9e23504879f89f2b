/* SPDX-License-Identifier: MIT
 *
 * compare.h - two-sample comparison: is 'b' (new) different from 'a'
 * (base), by how much, and is it worth reporting?
 *
 * Method.
 *   welch     Welch's unequal-variance t-test (Welch 1947), the test on
 *             individual samples when a side has only one round:
 *                 t  = (mean b - mean a) / se,  se^2 = va/na + vb/nb
 *                 df = se^4 / ((va/na)^2/(na-1) + (vb/nb)^2/(nb-1))
 *             (Welch-Satterthwaite), two-sided p from Student's t
 *             (distributions.h). The public cbench_stats_welch() keeps the
 *             test data's sign convention t = (mean a - mean b) / se.
 *             Why Welch and not criterion's bootstrap t-test: on the
 *             per-round estimates the units are few, independent and
 *             close to normal (each is itself a median or mean of many
 *             samples), which is exactly Welch's setting; it needs no
 *             equal-variance assumption, costs nothing, and its error rate
 *             at alpha is exact enough to be checked in the tests.
 *   robust    The units compared are few (per-round estimates, 5-10 per
 *             side) and a round that a noisy neighbour slowed down is an
 *             outlier that drags a mean and inflates its variance alike.
 *             So the location is Yuen's 30 % trimmed mean (Yuen 1974;
 *             Wilcox, "Introduction to Robust Estimation", 4th ed., 4.4.1,
 *             5.3): sort, drop g = floor(0.3 n) values from each end (but
 *             keep at least 3), mean of the h = n - 2g left; its squared
 *             standard error is
 *                 d = (n - 1) s_w^2 / (h (h - 1)),  df = h - 1,
 *             s_w^2 the variance of the winsorized sample (the dropped
 *             values replaced by the nearest kept one). With n < 5 nothing
 *             is trimmed and this is exactly the mean, s^2/n and Welch.
 *             Why 30 % and not Wilcox's usual 20 %: interference only adds
 *             time and hit 20-40 % of the rounds on the VM cbench was
 *             built on; re-analysing real runs (benches/README.md), 30 %
 *             gave smaller run-to-run spread, intervals that held the next
 *             process more often and fewer false verdicts than 20 %.
 *   change    relative change b/a - 1 of the typical value, on the logs:
 *                 D = tmean log b - tmean log a,  se^2 = d_a + d_b,
 *                 df = se^4 / (d_a^2/df_a + d_b^2/df_b)   (Yuen-Welch)
 *                 change = exp(D) - 1, CI = exp(D +- t_{df,(1+c)/2} se) - 1
 *             and p the two-sided t-test of D = 0. Logs make the interval
 *             scale-free and asymmetric the right way (a halving and a
 *             doubling are equally far). When any value is <= 0 the change
 *             falls back to the difference of trimmed means over |tmean a|.
 *   runs      The rounds of one run are forked seconds apart; the machine
 *             drifts on longer time scales too (memory traffic of other
 *             guests, layout), so the next run's estimate moves by more
 *             than the trimmed mean's standard error says. Measured on
 *             cbench's VM (benches/README.md): the spread between runs of
 *             each benchmark matched the spread between the rounds of one
 *             run (DRAM-sized: 5.8-7.1 % against 4.6-5.4 %; cache-sized:
 *             at most as large). So intervals and change tests between
 *             runs add, per run, a between-run variance as large as one
 *             round's, v = (1.4826 MAD)^2 of the (log) round estimates
 *             (robust to a burst-hit round, consistent for normal ones):
 *                 typical: tmean +- t_{h-1} sqrt(d + v)
 *                 change:  se^2 = d_a + v_a + d_b + v_b, Welch df on
 *                          (d_a + v_a) and (d_b + v_b).
 *             More rounds narrow d, never v: a run cannot average away
 *             the state it ran in.
 *   paired    one-sample Yuen on the log ratios log(b_i / a_i) (pairs of
 *             processes already differ by the runs' states: no v).
 *   verdict   p >= significance          -> no change
 *             CI lower > +noise_threshold -> regressed (slower)
 *             CI upper < -noise_threshold -> improved (faster)
 *             otherwise                   -> within noise
 */
#ifndef CBENCH_STATS_COMPARE_H
#define CBENCH_STATS_COMPARE_H

#include <stddef.h>

#include "model/result.h"

/* Welch test of b against a (t > 0 when b's mean is larger). Unchecked
 * finite input, na, nb >= 2. Writes t, df and two-sided p (see
 * cbench_stats_welch for the zero-variance case). */
void cbench_compare_welch(const double *a, size_t na, const double *b,
                          size_t nb, double *t, double *df, double *p);

/* The trimming fraction of every comparison (see Method). */
#define CBENCH_COMPARE_TRIM 0.3

typedef struct cbench_trimmed {
    double mean;                  /* trimmed mean */
    double se2;                   /* its squared standard error (Yuen) */
    double df;                    /* h - 1 */
    double run_var;               /* one value's variance, (1.4826 MAD)^2:
                                     the between-run term (Method, runs) */
} cbench_trimmed;

/* Yuen's trimmed mean of x (n >= 2, finite, unchecked), trimming
 * floor(trim n) values from each end but keeping at least three.
 * 0, CBENCH_EDOMAIN (n < 2 or trim outside [0, 0.5)) or CBENCH_ENOMEM. */
int cbench_compare_trimmed(const double *x, size_t n, double trim, cbench_trimmed *out);

/* Whether every x[i] > 0 (the log scale applies). */
int cbench_compare_all_positive(const double *x, size_t n);

/* cbench_compare_trimmed of x, or of log x when logs, at
 * CBENCH_COMPARE_TRIM; same returns. */
int cbench_compare_trimmed_of(const double *x, size_t n, int logs, cbench_trimmed *t);

/* cbench_compare_change between two runs' per-round estimates, with the
 * between-run term of each (see Method, runs); same contract, and when df
 * is not NULL the test's degrees of freedom (the CI is exp of a t-interval
 * on the logs with that df; NaN when undefined). */
int cbench_compare_change_runs(const double *a, size_t na, const double *b,
                               size_t nb, double confidence, cbench_estimate *est,
                               double *p, double *df);

/* Relative change b/a - 1 with a Yuen-Welch CI at 'confidence' and, when
 * p != NULL, the two-sided p of no change (see Method); na, nb >= 2,
 * finite. 0, or CBENCH_EDOMAIN (est NaN) when undefined. */
int cbench_compare_change(const double *a, size_t na, const double *b,
                          size_t nb, double confidence, cbench_estimate *est,
                          double *p);

/* Paired relative change b/a - 1: Yuen's trimmed-mean interval over the n
 * log-ratios log(b[i]/a[i]) (n >= 2, all > 0); p from the same test. */
int cbench_compare_paired_change(const double *a, const double *b, size_t n,
                                 double confidence, cbench_estimate *est,
                                 double *p);

/* The verdict for a p-value and a relative-change CI (see Method). NaN p,
 * or a significant p with an undefined CI, gives CBENCH_VERDICT_NONE. */
cbench_verdict cbench_compare_verdict(double p, const cbench_estimate *change,
                                      double significance, double noise_threshold);

#endif /* CBENCH_STATS_COMPARE_H */
