/* SPDX-License-Identifier: MIT
 *
 * ab_ucount.c - the user counters (cbench_counter()) of `cbench ab`: each
 * process reports one value per counter, as a round of the bench
 * executable does; A's and B's values in the pairs the time was compared
 * over are compared as the time is (paired log-ratios, Yuen's trimmed
 * mean: cbench_analysis_paired), the verdict turned round for a counter
 * marked CBENCH_COUNTER_HIGHER_IS_BETTER, as a bench executable's report
 * turns it (lib/report/ucount.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "ab.h"
#include "model/result.h"
#include "report/report.h"
#include "store/json_write.h"

/* The counter of u named name, added (NaN rounds) when new; NULL when out
 * of memory. */
static ab_ucount *find_or_add(ab_ucounts *u, const cbench_user_counter *c, unsigned cap)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->c[i].name, c->name) == 0)
            return &u->c[i];
    ab_ucount *nc = realloc(u->c, (u->n + 1) * sizeof *nc);
    if (nc == NULL)
        return NULL;
    u->c = nc;
    ab_ucount *x = &nc[u->n];
    memset(x, 0, sizeof *x);
    for (int s = 0; s < 2; s++) {
        x->v[s] = malloc((cap ? cap : 1) * sizeof *x->v[s]);
        for (unsigned j = 0; x->v[s] != NULL && j < cap; j++)
            x->v[s][j] = NAN;
    }
    if (x->v[0] == NULL || x->v[1] == NULL) {
        free(x->v[0]);
        free(x->v[1]);
        return NULL;
    }
    snprintf(x->name, sizeof x->name, "%s", c->name);
    x->flags = c->flags;
    u->n++;
    return x;
}

int cbench_ab_ucount_collect(ab_ucounts *u, const cbench_result *res, int side, unsigned r,
                             unsigned cap)
{
    for (size_t i = 0; i < res->n_user_counters; i++) {
        const cbench_user_counter *c = &res->user_counters[i];
        ab_ucount *x = find_or_add(u, c, cap);
        if (x == NULL)
            return -1;
        if (r < cap)
            x->v[side][r] = c->value.point;
    }
    return 0;
}

void cbench_ab_ucount_free(ab_ucounts *u)
{
    for (size_t i = 0; i < u->n; i++) {
        free(u->c[i].v[0]);
        free(u->c[i].v[1]);
    }
    free(u->c);
    u->c = NULL;
    u->n = 0;
}

/* A side's value over the pairs: the geometric mean (as the time's) when
 * every value is > 0, else the mean; a count the same in every pair is
 * that count exactly (exp(log(3)) is not 3). */
static double side_value(const double *x, size_t n)
{
    double s = 0, l = 0;
    int pos = 1, same = 1;
    for (size_t i = 0; i < n; i++) {
        s += x[i];
        pos = pos && x[i] > 0;
        same = same && x[i] == x[0];
        l += pos ? log(x[i]) : 0;
    }
    if (n == 0)
        return NAN;
    return same ? x[0] : pos ? exp(l / (double)n) : s / (double)n;
}

/* A higher-is-better counter that rose improved. */
static cbench_verdict turned(cbench_verdict v, unsigned flags)
{
    if (!(flags & CBENCH_COUNTER_HIGHER_IS_BETTER))
        return v;
    return v == CBENCH_VERDICT_REGRESSED ? CBENCH_VERDICT_IMPROVED
         : v == CBENCH_VERDICT_IMPROVED ? CBENCH_VERDICT_REGRESSED : v;
}

static cJSON *json_counter(const ab_ucount *x, double a, double b, const cbench_change *c,
                           int has)
{
    int oom = 0;
    cJSON *o = cJSON_CreateObject(), *flags = cJSON_CreateArray();
    cbench_store_put(&oom, o, "name", cbench_store_text_item(x->name));
    for (unsigned i = 0; i < CBENCH_STORE_N_COUNTER_FLAGS; i++)
        if (x->flags & (1u << i))
            cbench_store_put(&oom, flags, NULL,
                             cJSON_CreateString(cbench_store_counter_flag_names[i]));
    cbench_store_put(&oom, o, "flags", flags);
    cbench_store_put(&oom, o, "a", cbench_store_num_item(a));
    cbench_store_put(&oom, o, "b", cbench_store_num_item(b));
    cbench_store_put(&oom, o, "change", cbench_store_num_item(has ? c->mean.point : NAN));
    cbench_store_put(&oom, o, "lower", cbench_store_num_item(has ? c->mean.lower : NAN));
    cbench_store_put(&oom, o, "upper", cbench_store_num_item(has ? c->mean.upper : NAN));
    cbench_store_put(&oom, o, "p_value", cbench_store_num_item(has ? c->p_value : NAN));
    cbench_store_put(&oom, o, "verdict", has ? cJSON_CreateString(cbench__verdict_name(c->verdict))
                                             : cJSON_CreateNull());
    if (oom) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static void print_counter(const ab_ucount *x, double a, double b, const cbench_change *c,
                          int has)
{
    char label[64], ta[32], tb[32], pt[32], lo[32], hi[32];
    snprintf(label, sizeof label, "  user: %s", x->name);
    cbench_report_fmt_counter(ta, sizeof ta, a, x->flags);
    cbench_report_fmt_counter(tb, sizeof tb, b, x->flags);
    if (!has) {
        printf("%-32s %12s %12s %9s\n", label, ta, tb, "-");
        return;
    }
    printf("%-32s %12s %12s %9s [%8s %8s] %7.4f %5s  %s%s\n", label, ta, tb,
           cbench_report_fmt_pct(pt, sizeof pt, c->mean.point),
           cbench_report_fmt_pct(lo, sizeof lo, c->mean.lower),
           cbench_report_fmt_pct(hi, sizeof hi, c->mean.upper), c->p_value, "",
           cbench__verdict_name(c->verdict),
           x->flags & CBENCH_COUNTER_HIGHER_IS_BETTER ? " (higher is better)" : "");
}

int cbench_ab_ucount_report(const cbench_analysis_opts *ao, const ab_ucounts *u,
                            const unsigned *rounds, size_t n, cJSON *row, int *regressed)
{
    double *pa = malloc((n ? n : 1) * sizeof *pa), *pb = malloc((n ? n : 1) * sizeof *pb);
    cJSON *list = row != NULL ? cJSON_CreateArray() : NULL;
    int rc = pa == NULL || pb == NULL || (row != NULL && list == NULL) ? CBENCH_ENOMEM : 0;
    for (size_t i = 0; rc == 0 && i < u->n; i++) {
        const ab_ucount *x = &u->c[i];
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            if (isfinite(x->v[0][rounds[j]]) && isfinite(x->v[1][rounds[j]])) {
                pa[k] = x->v[0][rounds[j]];
                pb[k++] = x->v[1][rounds[j]];
            }
        cbench_change c;
        int crc = k < 2 ? CBENCH_EDOMAIN : cbench_analysis_paired(ao, pa, pb, k, &c);
        if (crc == CBENCH_ENOMEM) {
            rc = crc;
            break;
        }
        if (crc == 0)
            c.verdict = turned(c.verdict, x->flags);
        *regressed += crc == 0 && c.verdict == CBENCH_VERDICT_REGRESSED;
        double a = side_value(pa, k), b = side_value(pb, k);
        if (row == NULL) {
            print_counter(x, a, b, &c, crc == 0);
            continue;
        }
        cJSON *o = json_counter(x, a, b, &c, crc == 0);
        if (o == NULL || !cJSON_AddItemToArray(list, o)) {
            cJSON_Delete(o);
            rc = CBENCH_ENOMEM;
        }
    }
    if (rc == 0 && row != NULL && cJSON_AddItemToObject(row, "user_counters", list))
        list = NULL;                           /* row owns it */
    else if (rc == 0 && row != NULL)
        rc = CBENCH_ENOMEM;
    cJSON_Delete(list);
    free(pa);
    free(pb);
    return rc;
}
