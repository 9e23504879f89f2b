/* SPDX-License-Identifier: MIT
 *
 * registry.h - the benchmarks a program registered, and their expansion
 * into instances (one per parameter value, or combination of axis values,
 * and thread count) with ids "group/name[/param][/threads=N]", param
 * "points=4096/stride=4" with axes.
 *
 * The registry is process-global by necessity: CBENCH() registers from
 * constructors that run before main(). It is only written before the run
 * starts.
 */
#ifndef CBENCH_MEASURE_REGISTRY_H
#define CBENCH_MEASURE_REGISTRY_H

#include <stddef.h>

#include "cbench.h"

typedef struct cbench_bench {
    char *group, *name;
    cbench_fn fn;
    cbench_options opt;            /* params and axes point to owned copies */
} cbench_bench;

typedef struct cbench_instance {
    const cbench_bench *bench;
    int has_param;
    int64_t param;                 /* with axes: the first axis's value */
    char id[512];
    unsigned threads;              /* 0: not multi-threaded; else its count */
    size_t n_axes;                 /* axes (options.axes): their values */
    int64_t axis[CBENCH_MAX_AXES];
} cbench_instance;

size_t cbench_registry_count(void);
const cbench_bench *cbench_registry_get(size_t i);
/* The first registration error (static string, e.g. a duplicate id), or
 * NULL. Reported by cbench_main, which then exits 2. */
const char *cbench_registry_error(void);
/* Forgets every registration. For tests. */
void cbench_registry_reset(void);

/* Expands the registry into instances, in registration order and
 * parameter order (the subsets of 'sweep'). *out is malloc'd.
 * Returns 0 or CBENCH_ENOMEM. */
int cbench_registry_instances(cbench_instance **out, size_t *n, cbench_sweep sweep);

/* The notes added with cbench_add_note() for 'sweep', in order, into
 * out[0..max); returns how many. Forgetting them is part of
 * cbench_registry_reset(). */
size_t cbench_registry_notes(cbench_sweep sweep, const char **out, size_t max);
void cbench_registry_forget_notes(void);

/* Fills the identity fields of res (id, group, name, param, reference,
 * bound) from in. Returns 0 or CBENCH_ENOMEM. */
struct cbench_result;
int cbench_registry_identity(const cbench_instance *in, struct cbench_result *res);

#endif
