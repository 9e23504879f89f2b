/* SPDX-License-Identifier: MIT
 *
 * axes.c - named parameters of a benchmark (axes.h).
 */
#include "measure/axes.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"

static int has_value(const int64_t *v, size_t n, int64_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int cbench__full_list(const int64_t *values, size_t n, const int64_t *defaults,
                      size_t n_defaults, const int64_t *quick, size_t n_quick,
                      const int64_t **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (values == NULL || n == 0)
        return 1;
    const int64_t *sub[2] = {defaults, quick};
    size_t n_sub[2] = {defaults ? n_defaults : 0, quick ? n_quick : 0}, k = 0;
    int64_t *v = malloc((n + n_sub[0] + n_sub[1]) * sizeof *v);
    if (v == NULL)
        return 0;
    int ascending = 1;
    for (size_t i = 0; i < n; i++) {
        ascending &= i == 0 || values[i - 1] < values[i];
        v[k++] = values[i];
    }
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < n_sub[s]; i++)
            if (!has_value(v, k, sub[s][i]))
                v[k++] = sub[s][i];
    if (ascending)
        qsort(v, k, sizeof *v, cmp_int64);
    *out = v;
    *n_out = k;
    return 1;
}

int cbench__copy_list(const int64_t *src, size_t n, const int64_t **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (src == NULL || n == 0)
        return 1;
    int64_t *v = malloc(n * sizeof *v);
    if (v == NULL)
        return 0;
    memcpy(v, src, n * sizeof *v);
    *out = v;
    *n_out = n;
    return 1;
}

/* An axis name: 1-31 bytes of the name rule without '=' (it separates the
 * value in ids), and not "threads" (the suffix of a thread count). */
static int valid_axis_name(const char *s)
{
    return cbench__name_valid(s) && strlen(s) <= CBENCH_AXIS_NAME_MAX
        && strchr(s, '=') == NULL && strcmp(s, "threads") != 0;
}

/* Why the axes of o cannot be registered, or NULL. */
static const char *axes_problem(const cbench_options *o)
{
    if (o->axes == NULL)
        return "n_axes > 0 but axes is NULL";
    if (o->n_axes > CBENCH_MAX_AXES)
        return "more than 4 axes (CBENCH_MAX_AXES)";
    if (o->n_params > 0 || o->n_quick_params > 0 || o->n_default_params > 0)
        return "axes and params (CBENCH_PARAMS) are exclusive: give every parameter as "
               "an axis";
    for (size_t i = 0; i < o->n_axes; i++) {
        const cbench_axis *a = &o->axes[i];
        if (!valid_axis_name(a->name))
            return "an axis name must be 1 to 31 bytes without '/', '=' or control "
                   "characters, and not 'threads'";
        if (a->values == NULL || a->n_values == 0)
            return "an axis needs at least one value";
        if ((a->n_quick > 0 && a->quick == NULL) || (a->n_defaults > 0 && a->defaults == NULL))
            return "an axis's n_quick or n_defaults > 0 but its list is NULL";
        for (size_t j = 0; j < i; j++)
            if (strcmp(o->axes[j].name, a->name) == 0)
                return "two axes have the same name";
    }
    return NULL;
}

void cbench__axes_free(cbench_axis *axes, size_t n)
{
    for (size_t i = 0; axes != NULL && i < n; i++) {
        free((void *)axes[i].name);
        free((void *)axes[i].values);
        free((void *)axes[i].quick);
        free((void *)axes[i].defaults);
    }
    free(axes);
}

static int copy_axis(cbench_axis *dst, const cbench_axis *a)
{
    memset(dst, 0, sizeof *dst);
    dst->name = cbench__strdup(a->name);
    return dst->name != NULL
        && cbench__full_list(a->values, a->n_values, a->defaults, a->n_defaults, a->quick,
                             a->n_quick, &dst->values, &dst->n_values)
        && cbench__copy_list(a->quick, a->n_quick, &dst->quick, &dst->n_quick)
        && cbench__copy_list(a->defaults, a->n_defaults, &dst->defaults, &dst->n_defaults);
}

int cbench__axes_copy(const cbench_options *o, cbench_axis **out, const char **why)
{
    *out = NULL;
    if (o->n_axes == 0)
        return 0;
    if ((*why = axes_problem(o)) != NULL)
        return CBENCH_EINVAL;
    cbench_axis *v = calloc(o->n_axes, sizeof *v);
    if (v == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < o->n_axes; i++)
        if (!copy_axis(&v[i], &o->axes[i])) {
            cbench__axes_free(v, i + 1);
            return CBENCH_ENOMEM;
        }
    *out = v;
    return 0;
}

void cbench__axis_list(const cbench_axis *a, int sweep, const int64_t **v, size_t *n)
{
    *v = a->values;
    *n = a->n_values;
    if (sweep == CBENCH_SWEEP_FULL)
        return;
    if (a->n_defaults > 0) {
        *v = a->defaults;
        *n = a->n_defaults;
    }
    if (sweep == CBENCH_SWEEP_QUICK && a->n_quick > 0) {
        *v = a->quick;
        *n = a->n_quick;
    }
}

size_t cbench__axes_combinations(const cbench_axis *axes, size_t n, int sweep)
{
    size_t total = 1;
    for (size_t i = 0; i < n; i++) {
        const int64_t *v;
        size_t m;
        cbench__axis_list(&axes[i], sweep, &v, &m);
        total *= m;
    }
    return total;
}

void cbench__axes_pick(const cbench_axis *axes, size_t n, int sweep, size_t k,
                       int64_t *out)
{
    for (size_t i = n; i-- > 0;) {     /* the last axis varies fastest */
        const int64_t *v;
        size_t m;
        cbench__axis_list(&axes[i], sweep, &v, &m);
        out[i] = v[k % m];
        k /= m;
    }
}

void cbench__axes_format(const cbench_axis *axes, size_t n, const int64_t *values,
                         char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && at < len; i++) {
        int k = snprintf(buf + at, len - at, "%s%s=%" PRId64, i ? "/" : "", axes[i].name,
                         values[i]);
        if (k < 0)
            break;
        at += (size_t)k;
    }
}
