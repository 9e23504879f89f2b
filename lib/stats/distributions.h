/* SPDX-License-Identifier: MIT
 *
 * distributions.h - the normal and Student t distributions, for p-values
 * and t-intervals (public wrappers in <cbench/stats.h>).
 *
 * Method:
 *   normal cdf       Phi(x) = erfc(-x / sqrt 2) / 2 (C99 erfc: full relative
 *                    precision in both tails).
 *   normal quantile  Acklam's rational approximation (rel. error 1.15e-9)
 *                    refined by one Halley step on erfc, giving ~1e-15.
 *   t tail           P(|T| > t) = I_x(df/2, 1/2), x = df / (df + t^2), the
 *                    regularized incomplete beta function evaluated by its
 *                    continued fraction with the modified Lentz method
 *                    (Numerical Recipes 3rd ed. 6.4; symmetry
 *                    I_x(a,b) = 1 - I_{1-x}(b,a) where x > (a+1)/(a+b+2)).
 *   t quantile       closed forms for df = 1 and 2; otherwise the root of
 *                    tail(t) = target on a bracket, by Newton steps that
 *                    fall back to bisection when they leave the bracket.
 *                    Working on the tail keeps precision for p near 1.
 *   df = INFINITY, or df > 1e7, uses the normal distribution.
 */
#ifndef CBENCH_STATS_DISTRIBUTIONS_H
#define CBENCH_STATS_DISTRIBUTIONS_H

/* Regularized incomplete beta I_x(a, b), a, b > 0, 0 <= x <= 1. */
double cbench_dist_beta_inc(double a, double b, double x);
/* Two-sided tail P(|T| >= |t|) of Student's t with df degrees of freedom:
 * the two-sided p-value of a t statistic. NaN for NaN input. */
double cbench_dist_t_two_sided(double t, double df);

#endif /* CBENCH_STATS_DISTRIBUTIONS_H */
