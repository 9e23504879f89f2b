/* SPDX-License-Identifier: MIT
 *
 * stats_print.c - what `cbench stats` prints: each data set's summary and
 * the comparison, as text or as one JSON document (fields: cmd_stats.c)
 * built from the baseline's pieces (lib/store/json_write.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cJSON.h>

#include "stats_cmd.h"
#include "store/json_write.h"

/* {==================================================================
 * Text.
 * =================================================================== */

static void print_estimate(const char *name, const cbench_estimate *e)
{
    if (isnan(e->point)) {
        printf("  %-10s %14s\n", name, "undefined");
        return;
    }
    printf("  %-10s %14.6g   [%.6g, %.6g]\n", name, e->point, e->lower, e->upper);
}

static void print_outliers(const dataset *d)
{
    const cbench_outliers *o = &d->res.outliers;
    unsigned total = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
    printf("  outliers   %u of %zu (%.2f%%)", total, d->n, 100.0 * total / (double)d->n);
    const unsigned cnt[4] = {o->low_severe, o->low_mild, o->high_mild, o->high_severe};
    const char *names[4] = {"low severe", "low mild", "high mild", "high severe"};
    const char *sep = ": ";
    for (int i = 0; i < 4; i++)
        if (cnt[i]) {
            printf("%s%u %s", sep, cnt[i], names[i]);
            sep = ", ";
        }
    printf("\n  fences     %.6g  %.6g | %.6g  %.6g\n", o->fences[0], o->fences[1],
           o->fences[2], o->fences[3]);
}

static void print_dataset(const stats_opts *o, const dataset *d)
{
    printf("%s: n = %zu\n", d->label, d->n);
    printf("  %-10s %14s   %.4g%% CI\n", "", "value", 100 * o->an.confidence);
    printf("  %-10s %14.6g\n  %-10s %14.6g\n", "min", d->min, "max", d->max);
    print_estimate("mean", &d->res.mean);
    print_estimate("median", &d->res.median);
    print_estimate("std dev", &d->res.std_dev);
    print_estimate("MAD", &d->res.mad);
    for (size_t k = 0; k < o->n_pcts; k++) {
        char name[32];
        snprintf(name, sizeof name, "p%g", o->pcts[k]);
        print_estimate(name, &d->pct[k]);
    }
    print_outliers(d);
}

static void print_change(const char *name, const cbench_estimate *e)
{
    if (isnan(e->point)) {
        printf("  %-8s undefined\n", name);
        return;
    }
    printf("  %-8s %+8.3f %%   [%+.3f %%, %+.3f %%]\n", name, 100 * e->point,
           100 * e->lower, 100 * e->upper);
}

static void print_comparison(const dataset *a, const dataset *b, double t, double df)
{
    const cbench_change *c = &b->res.change;
    printf("%s vs %s:\n", b->label, a->label);
    print_change("mean", &c->mean);
    print_change("median", &c->median);
    printf("  %s: t = %.4g, df = %.4g, p = %.4g\n", c->test_name, t, df, c->p_value);
    printf("  verdict: %s (significance %g, noise threshold +-%g %%)\n",
           cbench__verdict_name(c->verdict), c->significance, 100 * c->noise_threshold);
}

void cbench_cmd_stats_print_text(const stats_opts *o, const dataset *d, size_t nd, double t,
                                 double df)
{
    for (size_t i = 0; i < nd; i++) {
        print_dataset(o, &d[i]);
        printf("\n");
    }
    if (nd == 2)
        print_comparison(&d[0], &d[1], t, df);
}

/* {==================================================================
 * JSON.
 * =================================================================== */

/* Every piece is the baseline's (store/json_write.h): exact numbers, the
 * same estimate and outlier objects, strings safe on a terminal. */
#define num cbench_store_num_item
#define uint_item cbench_store_uint_item

#define put cbench_store_put

static cJSON *percentiles_json(int *oom, const stats_opts *o, const dataset *d)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t k = 0; k < o->n_pcts; k++) {
        cJSON *p = cJSON_CreateObject();
        put(oom, p, "p", num(o->pcts[k]));
        if (p != NULL && cbench_store_add_estimate(p, &d->pct[k]) != 0)
            *oom = 1;
        put(oom, a, NULL, p);
    }
    return a;
}

static cJSON *dataset_json(int *oom, const stats_opts *o, const dataset *d)
{
    cJSON *j = cJSON_CreateObject();
    put(oom, j, "file", cbench_store_text_item(d->file));
    put(oom, j, "n", uint_item(d->n));
    put(oom, j, "min", num(d->min));
    put(oom, j, "max", num(d->max));
    put(oom, j, "mean", cbench_store_estimate_item(&d->res.mean));
    put(oom, j, "median", cbench_store_estimate_item(&d->res.median));
    put(oom, j, "std_dev", isnan(d->res.std_dev.point) ? cJSON_CreateNull()
                                  : cbench_store_estimate_item(&d->res.std_dev));
    put(oom, j, "mad", cbench_store_estimate_item(&d->res.mad));
    put(oom, j, "percentiles", percentiles_json(oom, o, d));
    put(oom, j, "outliers", cbench_store_outliers_item(&d->res.outliers));
    return j;
}

static cJSON *comparison_json(int *oom, const dataset *a, const dataset *b, double t, double df)
{
    const cbench_change *c = &b->res.change;
    cJSON *j = cJSON_CreateObject();
    put(oom, j, "base", cbench_store_text_item(a->file));
    put(oom, j, "new", cbench_store_text_item(b->file));
    put(oom, j, "test", cbench_store_text_item(c->test_name));
    put(oom, j, "t", num(t));
    put(oom, j, "df", num(df));
    put(oom, j, "p_value", num(c->p_value));
    put(oom, j, "mean_change", cbench_store_estimate_item(&c->mean));
    put(oom, j, "median_change", cbench_store_estimate_item(&c->median));
    put(oom, j, "significance_level", num(c->significance));
    put(oom, j, "noise_threshold", num(c->noise_threshold));
    put(oom, j, "verdict", cJSON_CreateString(cbench__verdict_name(c->verdict)));
    return j;
}

int cbench_cmd_stats_print_json(const stats_opts *o, const dataset *d, size_t nd, double t,
                                double df)
{
    char seed[32];
    int oom = 0;
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->an.seed);
    cJSON *root = cJSON_CreateObject(), *sets = cJSON_CreateArray();
    put(&oom, root, "schema_version", uint_item(STATS_JSON_SCHEMA));
    put(&oom, root, "confidence_level", num(o->an.confidence));
    put(&oom, root, "nresamples", uint_item(o->an.n_resamples));
    put(&oom, root, "seed", cJSON_CreateString(seed));
    for (size_t i = 0; i < nd; i++)
        put(&oom, sets, NULL, dataset_json(&oom, o, &d[i]));
    put(&oom, root, "datasets", sets);
    put(&oom, root, "comparison",
        nd == 2 ? comparison_json(&oom, &d[0], &d[1], t, df) : cJSON_CreateNull());
    size_t len = 0;
    char *text = oom ? NULL : cbench_store_print(root, &len);
    cJSON_Delete(root);
    if (text == NULL) {
        fprintf(stderr, "cbench stats: out of memory\n");
        return 2;
    }
    fwrite(text, 1, len, stdout);
    free(text);
    return 0;
}
