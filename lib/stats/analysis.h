/* SPDX-License-Identifier: MIT
 *
 * analysis.h - from a benchmark's samples to the estimates, CIs, outlier
 * classes, change verdicts and ratios cbench reports. The engine, `cbench
 * stats` and `cbench ab` call these; lib/stats/ underneath stays pure.
 *
 * Why this design (issue 9, "honest uncertainty"). A result's samples come
 * from several worker processes ("rounds", sample.round) measured at
 * different times. Samples inside one process share its memory layout
 * (ASLR, alignment), CPU frequency state and cache history, so they
 * scatter far less than estimates from different processes do. A CI built
 * from pooled samples, as criterion.rs builds it, describes only the
 * within-process noise: it is far too narrow, and a later run "changes"
 * significantly on unchanged code. The unit of independence is the round:
 *
 *   samples (iters, ns, round) --x = ns/iters--> per-round estimate e_k
 *       e_k = estimator over round k's samples: the lower decile (10th
 *             percentile) of x (default, "low"), the median, the mean, or
 *             the OLS slope through the origin of (iters, ns).
 *
 *   Why the lower decile. On a shared machine interference only ever adds
 *   time: a neighbour on the sibling hyperthread, a burst of memory
 *   traffic from another guest, an interrupt. Measured on this project's
 *   VM, such bursts slowed whole samples and whole rounds by 5-80 %, and
 *   the median or mean of a round followed them; the lower decile of a
 *   round's samples (each sample itself the average of many iterations)
 *   is the time of the code when little interfered, and moved 3-6x less
 *   from process to process (benches/README.md). Chen & Revels, "Robust
 *   benchmarking in noisy environments" (2016) make the same argument for
 *   the minimum; a decile keeps some resistance to a lucky low sample.
 *   Use --estimator mean when the body's own time varies by design (the
 *   average cost is then the quantity of interest).
 *
 *   typical   point = exp of Yuen's 30 % trimmed mean of the logs of the K
 *             per-round estimates (compare.h); CI = Yuen's interval on the
 *             logs (timing noise is multiplicative, a time interval must
 *             stay positive). Trimming drops a round a burst slowed down
 *             (3 of 10 from each end) instead of letting it drag the point
 *             and widen the CI; below 5 rounds nothing is trimmed and this
 *             is the geometric mean with a t-interval. It predicts where
 *             the next process's estimate falls. With K = 1 (one round, or
 *             plain numbers in `cbench stats`) it is the estimator over all
 *             samples with its bootstrap CI, for "low" the distribution-
 *             free order-statistic interval of the decile.
 *   mean, median, std_dev, mad
 *             point from all samples pooled; CI from a two-level bootstrap
 *             when K >= 2 (rounds resampled with replacement, then samples
 *             within each chosen round; bootstrap.h), read at Hesterberg's
 *             expanded percentile levels alpha'/2 = Phi(-sqrt(K/(K-1))
 *             t_{K-1,1-alpha/2}) (Hesterberg 2015, "What teachers should
 *             know about the bootstrap", sec. 4.3) because the percentile
 *             interval is too narrow when only K top-level units vary; a
 *             plain bootstrap at alpha/2 when K = 1.
 *   slope     pooled OLS through the origin, CI from the bootstrap of
 *             (iters, ns) pairs, two-level when K >= 2; r_squared of the
 *             pooled fit. Undefined for flat sampling (CBENCH_RESULT_FLAT),
 *             where every sample runs the same iteration count.
 *   compare   units = per-round estimates when both sides have K >= 2 (the
 *             rounds are independent; samples inside a round are not), else
 *             the individual samples. With rounds, Yuen's trimmed-mean
 *             test on the logs of the units gives p and the change of the
 *             typical time with its CI (Welch df; compare.h); the median's
 *             change uses per-round medians the same way. With samples as
 *             units Welch's t-test on the samples gives p, and
 *             the changes are bootstrap CIs of est(new)/est(base) - 1 from
 *             independent resamples of each side. Verdict: p >= significance
 *             -> no change; else CI lower > +noise -> regressed; CI upper
 *             < -noise -> improved; else within noise.
 *   ratio     rounds of one run are interleaved in time, so round k of two
 *             benchmarks saw the same machine state: pair them (Yuen's
 *             trimmed mean of the log ratios) when both have >= 2 rounds
 *             with matching ids.
 *
 * Everything is deterministic for a given opts->seed, bit for bit, with
 * any number of threads.
 *
 * Files, one job each: analysis_prep.c (samples sorted and grouped by
 * round, the per-round estimator), analysis.c (one result's estimates),
 * analysis_stability.c (the Unstable warnings), analysis_change.c
 * (compare and ratio of two results), analysis_paired.c (paired A/B).
 */
#ifndef CBENCH_STATS_ANALYSIS_H
#define CBENCH_STATS_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "model/result.h"

typedef enum cbench_estimator {
    CBENCH_EST_MEDIAN = 0,
    CBENCH_EST_MEAN,
    CBENCH_EST_SLOPE,
    CBENCH_EST_LOW              /* lower decile: see the Method above */
} cbench_estimator;

typedef struct cbench_analysis_opts {
    unsigned n_resamples;       /* default 100000; >= 2 */
    double confidence;          /* default 0.95; in (0, 1) */
    uint64_t seed;              /* analysis seed */
    double noise_threshold;     /* default 0.01; >= 0 */
    double significance;        /* default 0.05; in (0, 1) */
    cbench_estimator estimator; /* per-round estimator, default low */
    unsigned threads;           /* 0 = auto (<= 2) */
} cbench_analysis_opts;

/* The defaults above; seed = CBENCH_ANALYSIS_DEFAULT_SEED. */
#define CBENCH_ANALYSIS_DEFAULT_SEED UINT64_C(0x6362656e6368)  /* "cbench" */
void cbench_analysis_opts_default(cbench_analysis_opts *o);

/* The "low" estimator's percentile. */
#define CBENCH_LOW_PERCENTILE 10.0

/* Limits of a stable measurement (see cbench_analysis_run). */
#define CBENCH_UNSTABLE_REL_MAD 0.05        /* MAD / median of x */
#define CBENCH_UNSTABLE_SEVERE_FRAC 0.10    /* severe outliers / n */
#define CBENCH_UNSTABLE_ROUND_RATIO 4.0     /* between / within-round spread */
#define CBENCH_UNSTABLE_ROUND_REL 0.01      /* ... and between-round rel. sd */

/* From r->samples (iters > 0, all finite) fills r->typical, mean, median,
 * std_dev, mad, slope, r_squared and outliers (of x = ns/iters); sets
 * r->n_rounds if it is 0. Undefined estimates are NaN (std_dev for one
 * sample, slope for flat sampling). When the measurement is unstable
 * (relative MAD > 5 %, > 10 % severe outliers, or >= 3 rounds disagreeing
 * by more than 4x what their within-round spread predicts and > 1 %), sets
 * CBENCH_RESULT_UNSTABLE and appends an actionable sentence per cause to
 * r->warning (malloc'd; an existing warning is kept, an identical sentence
 * is not added twice). Returns 0, CBENCH_EINVAL (bad opts, no samples, a
 * non-finite value or iters <= 0) or CBENCH_ENOMEM. */
int cbench_analysis_run(const cbench_analysis_opts *o, cbench_result *r);

/* The pooled points cbench_analysis_run gives r (of x = ns/iters: mean,
 * median, std_dev, mad; slope and r_squared of (iters, ns), NaN for flat
 * sampling; std_dev NaN for one sample), from r->samples alone and without
 * the bootstrap, and the smallest and largest x, between which every
 * per-round estimator and so 'typical' lies. What a loader checks a
 * stored result's estimates against (store/json_check.c). 0,
 * CBENCH_EINVAL (no samples, a non-finite value or iters <= 0) or
 * CBENCH_ENOMEM. */
typedef struct cbench_points {
    double mean, median, std_dev, mad, slope, r_squared, min, max;
} cbench_points;
int cbench_analysis_points(const cbench_result *r, cbench_points *out);

/* Fills cur->change comparing cur against base and sets cur->has_change
 * = 1. change.mean is the relative change of the typical time (per-round
 * estimator), change.median that of the median; relative change = new /
 * base - 1, so +0.05 is 5 % slower. Returns 0, CBENCH_EINVAL (bad input),
 * CBENCH_EDOMAIN (fewer than 2 units on a side; has_change stays 0) or
 * CBENCH_ENOMEM. */
int cbench_analysis_compare(const cbench_analysis_opts *o,
                            const cbench_result *base, cbench_result *cur);

/* cur->ratio_to_reference = cur / ref time (typical estimator) with CI:
 * paired over rounds with the same round id when both have >= 2 rounds
 * and >= 2 ids in common, else unpaired (Welch on log per-round
 * estimates), else (a side with one round) a bootstrap of the estimator
 * ratio. Returns 0 or a negative CBENCH_E* (ratio left NaN). */
int cbench_analysis_ratio(const cbench_analysis_opts *o,
                          const cbench_result *ref, cbench_result *cur);

/* Paired A/B (cbench ab): a[i], b[i] (> 0, finite) are per-round estimates
 * of one benchmark from two builds measured back to back. Fills out:
 * mean = relative change b/a - 1 = exp(tmean log(b/a)) - 1, tmean Yuen's
 * 30 % trimmed mean, with its interval over the n log-ratios; median =
 * exp(median log(b/a)) - 1 with a bootstrap CI; p_value of the trimmed
 * one-sample test on the log ratios;
 * noise_threshold, significance, verdict, test_name. n >= 2, else
 * CBENCH_EDOMAIN. */
int cbench_analysis_paired(const cbench_analysis_opts *o, const double *a,
                           const double *b, size_t n, cbench_change *out);

/* Sequential A/B: cbench ab adds pairs until every benchmark is settled.
 * After n pairs (n >= 2) the comparison is settled when the paired
 * change's interval at the stricter interim level CBENCH_AB_INTERIM_LEVEL
 * lies wholly above +noise_threshold or below -noise_threshold (a change
 * beyond the noise, already certain), or wholly inside +-noise_threshold
 * (no change worth reporting, already certain). The stricter level pays
 * for looking after every pair: the error rate of the final verdict stays
 * at the significance level (tests/stats/compare.c simulates it). Returns
 * 1 settled, 0 not yet, or a negative CBENCH_E* (bad input, or
 * CBENCH_ENOMEM). */
#define CBENCH_AB_INTERIM_LEVEL 0.99
int cbench_analysis_paired_settled(const cbench_analysis_opts *o, const double *a,
                                   const double *b, size_t n);

/* Per-round estimates of r (the opts' estimator over each round's x),
 * in ascending round id. *est and *round_ids (either may be NULL to skip)
 * are malloc'd arrays of *k entries; the caller frees them. Returns 0,
 * CBENCH_EINVAL or CBENCH_ENOMEM. */
int cbench_analysis_round_estimates(const cbench_analysis_opts *o,
                                    const cbench_result *r, double **est,
                                    uint32_t **round_ids, size_t *k);

#endif /* CBENCH_STATS_ANALYSIS_H */
