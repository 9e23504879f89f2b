/* SPDX-License-Identifier: MIT
 *
 * bootstrap_draw.h - drawing one resample (internal to the bootstrap:
 * bootstrap.c calls these once per resample).
 *
 * A resample is recorded as a count per sorted position (cnt[i] = how
 * often x[i] was drawn) plus four running sums of the drawn records; the
 * order statistics are read off the counts later (bootstrap_order.h).
 * rec holds 4 doubles per sorted position i: d = x[i] - center, d^2,
 * iters[i] ns[i] and iters[i]^2 (the slope terms 0 when not wanted).
 */
#ifndef CBENCH_STATS_BOOTSTRAP_DRAW_H
#define CBENCH_STATS_BOOTSTRAP_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "stats/bootstrap.h"
#include "stats/rng.h"

/* The sums of one resample's records and its size m. */
typedef struct cbench_boot_acc {
    double s1, s2, sxy, sxx;
    size_t m;
} cbench_boot_acc;

/* Draws one resample of s (plain when s->n_groups <= 1, else two-level:
 * n_groups groups with replacement, then each chosen group's own values
 * with replacement) from generator r: adds the draws to cnt (n entries,
 * zeroed by the caller) and sets *a. */
void cbench__boot_draw(const cbench_boot_spec *s, const double *rec, cbench_rng *r,
                       uint32_t *cnt, cbench_boot_acc *a);

/* The fast path for the mean of a plain resample of n values: no counts,
 * two independent accumulators; returns center + the mean of the drawn
 * deviations. */
double cbench__boot_mean_only(const double *rec, size_t n, double center, cbench_rng *r);

#endif /* CBENCH_STATS_BOOTSTRAP_DRAW_H */
