/* SPDX-License-Identifier: MIT
 *
 * scaling.h - the complexity and the knees of every benchmark of a run
 * that was swept over a size: what the terminal, the report, the charts
 * and the exports show about sweeps.
 *
 * A sweep is the results of one group/name with a parameter, read as the
 * size n (elements): at least CBENCH_SCALING_MIN_SIZES distinct sizes >= 1,
 * leaving out results that failed, were skipped, have no typical time or
 * count instructions. A benchmark with named axes (cbench.h) has its size
 * on its first axis (param_value), and sweeps once per combination of its
 * other axes' values: "stride/rmw" over floats= and stride= is one sweep
 * per stride, each fitted alone ("stride/rmw [stride=4]"). Each thread
 * count sweeps alone too ("[threads=8]"). For each:
 *   complexity  complexity.h on (n, typical time per iteration); with
 *               knees, on the times divided by the factors of the knees
 *               below each size (between_knees), the plain fit kept as
 *               whole;
 *   knees       knees.h on the per-round estimates (analysis.h, the
 *               lower decile unless the caller's opts say otherwise)
 *               divided by n: the cost per element. The caches are the
 *               run's context's (measure/env.h reads them from sysfs), and
 *               the bytes per element come from the throughput when every
 *               size moves the same bytes per element (cbench_set_bytes):
 *               the footprint a knee is read against.
 * A sweep whose fit is undefined keeps the code it got (e.g. knees of
 * results stored without samples: CBENCH_EINVAL).
 */
#ifndef CBENCH_STATS_SCALING_H
#define CBENCH_STATS_SCALING_H

#include <stddef.h>

#include "model/result.h"
#include "stats/analysis.h"
#include "stats/complexity.h"
#include "stats/knees.h"

/* Fewer sizes than this are not a sweep. */
#define CBENCH_SCALING_MIN_SIZES 4

/* The longest combination of a sweep and its title, NUL included. */
#define CBENCH_SCALING_COMBO_MAX (CBENCH_PARAM_MAX + 24)
#define CBENCH_SCALING_TITLE_MAX (CBENCH_SCALING_COMBO_MAX + 256)

typedef struct cbench_scaling {
    const char *group, *name;      /* borrowed from the run's results */
    /* What tells this sweep from its family's others: the values of the
     * axes after the first, '/'-separated, then the thread count, as the
     * charts name their lines ("stride=4", "stride=4/ways=2 threads=8",
     * "threads=8"); "" for one axis or a plain parameter without threads. */
    char combo[CBENCH_SCALING_COMBO_MAX];
    size_t n;                      /* sizes */
    size_t *results;               /* n indices into run->results, ascending size */
    double bytes_per_element;      /* NaN when not known */
    int complexity_rc;             /* 0 or the fit's error code */
    cbench_complexity complexity;  /* with the knees' steps divided out
                                      when it has knees (between_knees) */
    int between_knees;             /* 1: complexity is of the times divided
                                      by the factors of the knees below each
                                      size: the algorithm's
                                      growth, not the caches' (over the
                                      whole sweep a x3 step at the last of 6
                                      sizes makes a poor fit, or a steeper
                                      one); its coefficient is the first
                                      plateau's */
    int whole_rc;                  /* the plain fit over the whole sweep */
    cbench_complexity whole;       /* (= complexity without knees) */
    int knees_rc;
    cbench_knees knees;            /* knee.cache indexes caches[] below */
} cbench_scaling;

typedef struct cbench_scalings {
    size_t n;
    cbench_scaling *v;             /* in the order of their first result */
    cbench_knee_cache caches[CBENCH_CACHE_LEVELS];
    size_t n_caches;               /* the context's known levels */
} cbench_scalings;

/* Finds and fits every sweep of run. o gives the per-round estimator and
 * the confidence (NULL: the analysis defaults with the run's confidence
 * level). Fills *out (release with cbench_scaling_free; zeroed first).
 * Returns 0, CBENCH_EINVAL (NULL run or out) or CBENCH_ENOMEM; a sweep's
 * own fits fail alone (complexity_rc, knees_rc). */
int cbench_scaling_fit(const cbench_run *run, const cbench_analysis_opts *o,
                       cbench_scalings *out);
void cbench_scaling_free(cbench_scalings *s);              /* NULL-safe */

/* The first sweep of group/name (of its combinations, the first in the
 * run), or NULL. */
const cbench_scaling *cbench_scaling_find(const cbench_scalings *s, const char *group,
                                          const char *name);

/* r's combination, as cbench_scaling.combo names a sweep, into buf. */
void cbench_scaling_combo(const cbench_result *r, char *buf, size_t len);

/* The sweep of group/name for one combination of its other axes and
 * thread count (combo as in cbench_scaling: "stride=4", "" for none;
 * NULL: the first, as cbench_scaling_find), or NULL. */
const cbench_scaling *cbench_scaling_find_combo(const cbench_scalings *s, const char *group,
                                                const char *name, const char *combo);

/* "group/name", or "group/name [combo]" when s has a combination: how the
 * terminal and the exports name a sweep. Cut to fit n (> 0) bytes.
 * Returns buf. */
char *cbench_scaling_title(char *buf, size_t n, const cbench_scaling *s);

#endif /* CBENCH_STATS_SCALING_H */
