/* SPDX-License-Identifier: MIT
 *
 * knees.h - where the cost per element of a size sweep steps up: the
 * cache-level transitions a sweep from L1-resident to DRAM-sized crosses.
 *
 * Input: m sizes n_1 < ... < n_m (elements), each with the per-round
 * estimates of its time per element (K_i >= 2 worker processes).
 *
 * Method.
 *   levels   Per size, Yuen's trimmed mean of the logs of its rounds
 *            (compare.h), the log of the typical time y_i, with the
 *            variance its typical CI uses, s_i^2 = d_i + v_i: the trimmed
 *            mean's squared standard error plus one round's variance (the
 *            sizes were measured in different processes at different
 *            times, as two runs are: compare.h, "runs"). No s_i^2 is
 *            taken below the scatter between neighbouring sizes, the
 *            square of 1.4826 MAD(y_{i+1} - y_i) / sqrt 2 (the MAD about
 *            the median difference, so a ramp's trend does not count, nor
 *            do the few differences a step makes; with at least 6 sizes):
 *            a plateau's cost wanders from size to size (alignment, TLB
 *            reach, the prefetcher) by more than each size's rounds vary.
 *            With 1 % round noise and 5 % between sizes, without this
 *            floor more than half of flat sweeps showed a knee.
 *   fit      A piecewise-constant model of y over the sizes, chosen by
 *            exact optimal partitioning (Jackson et al., "An algorithm for
 *            optimal partitioning of data on an interval", IEEE SPL 2005),
 *            minimising over every segmentation into runs of consecutive
 *            sizes S_1 .. S_J
 *
 *                sum_j  sum_{i in S_j} w_i (y_i - mu_j)^2  +  (J - 1) beta,
 *                w_i = 1 / s_i^2,  mu_j = sum w_i y_i / sum w_i  (over S_j)
 *
 *            in O(m^2) from prefix sums. The penalty per boundary is
 *
 *                beta = z^2,  z = Phi^-1(1 - alpha / (2 (m - 1))),
 *                alpha = 1 - confidence
 *
 *            the square of the normal quantile a single step's likelihood
 *            ratio statistic exceeds, on a flat sweep, with probability
 *            alpha over all m - 1 places it could be (Bonferroni): a
 *            spurious boundary costs more than it explains in all but
 *            about alpha of flat sweeps (tests/stats/knees.c counts them).
 *   steps    Between consecutive segments the level changes by
 *            delta = mu_{j+1} - mu_j. A knee is an upward step: runs of
 *            upward steps whose middle segments hold one size each are
 *            one knee (a transition spread over a few sizes, as a cache
 *            fills over an octave or two), from the last size of the
 *            segment below to the first of the segment above. Its factor
 *            is exp(mu_above - mu_below) with the interval
 *
 *                exp(delta +- t_{df,(1+c)/2} sqrt(1/W_below + 1/W_above))
 *
 *            W the sum of the weights of a segment, df by Welch-
 *            Satterthwaite over the sizes' trimmed-mean df (with the
 *            between-run term in, it is on the safe side: 97-99 % of
 *            95 % intervals held the true factor in the tests). A knee is
 *            reported when
 *              - its factor is at least min_factor (a few % between sizes
 *                is how a plateau wanders; a cache level costs more),
 *              - its interval lies above 1, and
 *              - it is a step, not a ramp: on the sizes of the segments it
 *                joins, its steps fit better than a straight line in log
 *                size, each model paying beta/2 per parameter beyond one
 *                level (a boundary is two, its place and its level; a
 *                slope is one):
 *                    sum of the segments' costs + beta (segments - 1)
 *                      <  weighted RSS of the line + beta / 2
 *                On a smooth ramp a staircase fits too, but a line fits
 *                better.
 *   cache    Given the bytes per element and the caches' capacities, the
 *            footprint range of a knee is [n_lo, n_hi] * bytes per
 *            element; the first cache whose capacity lies in it names
 *            the knee, else the nearest one within a factor of 2 of the
 *            range (caches fill before their nominal capacity: other
 *            data, associativity, a shared last level), marked as near.
 *
 *      log cost |                       ________   DRAM
 *     per elem. |              ________/ x2.9       (steps: a knee spans
 *               |  ___________/ x1.3                 the last size below
 *               |  L1           L2        L3          to the first above)
 *               +------------------------------------> log size
 *
 * Pure: no I/O; deterministic (no resampling).
 */
#ifndef CBENCH_STATS_KNEES_H
#define CBENCH_STATS_KNEES_H

#include <stddef.h>

#include "model/result.h"

/* The most sizes a sweep may have, and the most knees reported (the
 * first ones by size). */
#define CBENCH_KNEES_MAX_SIZES 128
#define CBENCH_KNEES_MAX 32

/* The fewest sizes, and rounds per size, a fit accepts. */
#define CBENCH_KNEES_MIN_SIZES 3
#define CBENCH_KNEES_MIN_ROUNDS 2

/* A step smaller than this factor is not a knee (see Method). */
#define CBENCH_KNEES_MIN_FACTOR 1.10

/* One size of the sweep. */
typedef struct cbench_knee_size {
    double n;                 /* elements, > 0 */
    const double *t;          /* k per-round times per element (ns), > 0 */
    size_t k;                 /* >= CBENCH_KNEES_MIN_ROUNDS */
} cbench_knee_size;

/* A cache level, as plain numbers (the caller reads the machine's). */
typedef struct cbench_knee_cache {
    const char *name;         /* e.g. "L1d", "L2", "L3" */
    double bytes;             /* capacity, > 0 */
} cbench_knee_cache;

typedef struct cbench_knee_opts {
    double confidence;        /* of the factor's interval and alpha; (0, 1) */
    double min_factor;        /* >= 1 */
    /* Footprint of one element in bytes, and the caches; no cache is
     * named when bytes_per_element is not > 0 or n_caches is 0. */
    double bytes_per_element;
    const cbench_knee_cache *caches;
    size_t n_caches;
} cbench_knee_opts;

/* confidence 0.95, min_factor CBENCH_KNEES_MIN_FACTOR, no caches. */
void cbench_knees_opts_default(cbench_knee_opts *o);

/* A run of consecutive sizes at one level of the fit. */
typedef struct cbench_knee_segment {
    size_t first, last;       /* indices of its sizes, inclusive */
    double level;             /* exp(mu): its time per element (ns) */
} cbench_knee_segment;

typedef struct cbench_knee {
    size_t lo, hi;            /* the last size below, the first above */
    double n_lo, n_hi;        /* their sizes (elements) */
    cbench_estimate factor;   /* cost per element above / below, with CI */
    double bytes_lo, bytes_hi; /* footprint range; NaN without bytes/element */
    int cache;                /* index into opts->caches, or -1 */
    int cache_near;           /* 1: the nearest level, outside the range */
} cbench_knee;

typedef struct cbench_knees {
    size_t n_segments;
    cbench_knee_segment segments[CBENCH_KNEES_MAX_SIZES];
    size_t n_knees;
    cbench_knee knees[CBENCH_KNEES_MAX];
} cbench_knees;

/* Fits the sweep sizes[0..m) (ascending n) and fills *out. Returns 0, or
 *   CBENCH_EINVAL   NULL pointers, bad opts, sizes not strictly
 *                   ascending, a size or time that is not finite and > 0,
 *                   more than CBENCH_KNEES_MAX_SIZES sizes, a cache
 *                   without a name or a capacity > 0;
 *   CBENCH_EDOMAIN  fewer than CBENCH_KNEES_MIN_SIZES sizes, or a size
 *                   with fewer than CBENCH_KNEES_MIN_ROUNDS rounds;
 *   CBENCH_ENOMEM.
 * On error *out holds no segments and no knees. */
int cbench_knees_find(const cbench_knee_size *sizes, size_t m,
                      const cbench_knee_opts *o, cbench_knees *out);

#endif /* CBENCH_STATS_KNEES_H */
