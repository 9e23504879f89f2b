/* SPDX-License-Identifier: MIT
 *
 * complexity.h - the asymptotic complexity of a benchmark swept over a
 * size: which of O(1), O(log n), O(n), O(n log n), O(n^2), O(n^3) its time
 * per iteration follows, and with what coefficient.
 *
 * Method. For every model f, least squares through the origin of the
 * times t_i against f(n_i), i = 1..m, on relative errors, so that every
 * size weighs alike:
 *
 *     minimise  sum ((t_i - c f(n_i)) / t_i)^2
 *     c_f   = sum r_i / sum r_i^2,   r_i = f(n_i) / t_i
 *     rms_f = sqrt(sum (1 - c_f r_i)^2 / m)
 *
 * and the best model is the one with the smallest relative RMS rms_f,
 * models tried in the order above so that a tie goes to the simpler one.
 * log is log2, as Google Benchmark's lgN and NlgN, so the coefficients
 * mean what its BigO rows mean (ns per f(n)).
 *
 *      t |                 x  n^2 ?        rms_f: how far the points lie
 *        |            x  .                 from c_f f(n), each relative
 *        |       x  .   n log n ?          to its own time; smallest wins
 *        |  x x .
 *        +-----------------------> n
 *
 * Why not Google Benchmark's oAuto (src/complexity.cc; nanobench's
 * complexityBigO is the same): it fits absolute times and divides the RMS
 * by the mean time, so the two or three largest sizes decide. A sweep over
 * many octaves whose cost per element steps up once (a linear kernel
 * leaving the LLC: 512 to 11 M points, 3x at the top) came out O(n^2)
 * there, "8.7e-08 ns x n^2, RMS 4.7 %", although it is 1000x off at the
 * small sizes; on relative errors it is O(n) with the step showing as a
 * large RMS (knees.h then locates the step). With multiplicative noise (a
 * few % at every size) the relative fit also tells O(n) from O(n log n),
 * which differ by log(2n)/log(n) per octave, from every octave instead of
 * the top one (tests/stats/complexity.c measures how often).
 */
#ifndef CBENCH_STATS_COMPLEXITY_H
#define CBENCH_STATS_COMPLEXITY_H

#include <stddef.h>

typedef enum cbench_bigo {
    CBENCH_BIGO_1 = 0,
    CBENCH_BIGO_LOGN,
    CBENCH_BIGO_N,
    CBENCH_BIGO_NLOGN,
    CBENCH_BIGO_N2,
    CBENCH_BIGO_N3,
    CBENCH_BIGO_COUNT
} cbench_bigo;

/* The fewest distinct sizes a fit accepts (two points fit every model
 * with one coefficient and a trend, but tell none apart). */
#define CBENCH_COMPLEXITY_MIN_SIZES 3

typedef struct cbench_complexity {
    cbench_bigo best;                    /* smallest rms */
    double coef;                         /* c of the best model (ns per f(n)) */
    double rms;                          /* its relative RMS (0.05 = 5 %) */
    double coefs[CBENCH_BIGO_COUNT];     /* every model's c ... */
    double rmss[CBENCH_BIGO_COUNT];      /* ... and relative RMS */
} cbench_complexity;

/* f(n) of model b (log2 for the logarithms). */
double cbench_bigo_eval(cbench_bigo b, double n);

/* "O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)". */
const char *cbench_bigo_name(cbench_bigo b);

/* Google Benchmark's spelling of the same models in its "big_o" field:
 * "(1)", "lgN", "N", "NlgN", "N^2", "N^3". */
const char *cbench_bigo_gbench(cbench_bigo b);

/* Fits every model to the m pairs (n[i], t[i]) in any order and fills
 * *out with the best (see Method). Returns 0, or
 *   CBENCH_EINVAL   NULL pointers, a size that is not finite or below 1,
 *                   or a time that is NaN, infinite or negative;
 *   CBENCH_EDOMAIN  fewer than CBENCH_COMPLEXITY_MIN_SIZES distinct sizes
 *                   (also when every size is the same), or a time of 0
 *                   (the errors are relative to each time).
 * On error every number of *out is NaN and best is CBENCH_BIGO_COUNT. */
int cbench_complexity_fit(const double *n, const double *t, size_t m,
                          cbench_complexity *out);

#endif /* CBENCH_STATS_COMPLEXITY_H */
