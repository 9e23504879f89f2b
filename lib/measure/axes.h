/* SPDX-License-Identifier: MIT
 *
 * axes.h - the named parameters of a benchmark (options.axes, cbench.h):
 * their registry copies, the lists a sweep uses and their product.
 *
 * A benchmark with axes expands into one instance per combination of
 * their values, the first axis slowest (as nested loops in axis order),
 * with the parameter part of its id naming each value:
 * "points=4096/stride=4".
 */
#ifndef CBENCH_MEASURE_AXES_H
#define CBENCH_MEASURE_AXES_H

#include <stddef.h>
#include <stdint.h>

#include "cbench.h"

/* The longest axis name (bytes). */
#define CBENCH_AXIS_NAME_MAX 31

/* The full list of a parameter: values, plus the values of the default
 * and quick subsets that values lacks (an ascending list stays
 * ascending), into a malloc'd *out. Returns 1, or 0 on out of memory. */
/* An owned copy of n values (none when src is NULL or n is 0) into *out.
 * Returns 1, or 0 on out of memory (*out is then NULL). */
int cbench__copy_list(const int64_t *src, size_t n, const int64_t **out, size_t *n_out);

int cbench__full_list(const int64_t *values, size_t n, const int64_t *defaults,
                      size_t n_defaults, const int64_t *quick, size_t n_quick,
                      const int64_t **out, size_t *n_out);

/* Checks the axes of o and copies them into *out (malloc'd, n_axes of
 * them; NULL when o has none): owned names, full value lists, owned
 * subsets. Returns 0, CBENCH_EINVAL (why in *why: a static phrase) or
 * CBENCH_ENOMEM. */
int cbench__axes_copy(const cbench_options *o, cbench_axis **out, const char **why);
void cbench__axes_free(cbench_axis *axes, size_t n);

/* The values of axis a that 'sweep' uses (cbench_sweep: the full list,
 * the default subset else all, the quick subset else the default one). */
void cbench__axis_list(const cbench_axis *a, int sweep, const int64_t **v, size_t *n);

/* How many combinations of the axes 'sweep' runs (1 without axes). */
size_t cbench__axes_combinations(const cbench_axis *axes, size_t n, int sweep);

/* The values of combination k (0-based, first axis slowest) into out. */
void cbench__axes_pick(const cbench_axis *axes, size_t n, int sweep, size_t k,
                       int64_t *out);

/* Writes "name=value/name=value" for the axes' names and values into
 * buf (len bytes). */
void cbench__axes_format(const cbench_axis *axes, size_t n, const int64_t *values,
                         char *buf, size_t len);

#endif
