/* SPDX-License-Identifier: MIT
 *
 * export_scaling.c - the complexity and knees of swept benchmarks in the
 * exports, on the sweeps of tests/scaling_fixture.h (g/step: O(n) with a
 * x2 knee at 8-16 Ki elements, 64-128 KiB, where L2 = 96 KiB; g/quad:
 * O(n^2); h/step: O(n) over 4 good sizes; g/few: 3 sizes, no sweep):
 *   - cbench's JSON has a "scaling" section: per sweep the fits, the
 *     knees with their cache level, the fit's segments and a fit per
 *     plateau between knees; a loader reads the file as before, and a
 *     save into it drops the section (it would describe replaced results);
 *   - the gbench-json export has Google Benchmark's "_BigO" and "_RMS"
 *     rows after each sweep's last result, one pair per part of the sweep
 *     with knees, and compare.py (argv[1], when installed) still reads it;
 *   - a family with two axes has a sweep per combination of the others in
 *     both, named by it.
 */
#include <cJSON.h>

#include "check.h"
#include "fixture.h"
#include "scaling_fixture.h"
#include "stats/scaling.h"
#include "store/export.h"
#include "store/json_write.h"
#include "store/store.h"

static char *capture(int (*fn)(FILE *, const cbench_run *), const cbench_run *run)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    if (f == NULL)
        return NULL;
    CHECK_INT_EQ(fn(f, run), 0);
    fclose(f);
    return buf;
}

/* The run as cbench's JSON, printed and parsed back (the tree holds its
 * numbers as raw text). */
static cJSON *json_of(const cbench_run *run)
{
    char *text = cbench_store_serialize(run, NULL);
    cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
    CHECK(root != NULL);
    free(text);
    return root;
}

static const cJSON *key(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static double num(const cJSON *o, const char *k)
{
    const cJSON *it = key(o, k);
    return cJSON_IsNumber(it) ? it->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *it = key(o, k);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

/* The fit f is model (Google's big_o spelling gb) with coefficient coef
 * (ns per f(n)) to 5 %. */
static void check_fit(const cJSON *f, const char *model, const char *gb, double coef)
{
    CHECK(cJSON_IsObject(f));
    CHECK_STR_EQ(str(f, "model"), model);
    CHECK_STR_EQ(str(f, "big_o"), gb);
    CHECK_REL(num(f, "coefficient_ns"), coef, 0.05);
    CHECK(num(f, "rms") >= 0 && num(f, "rms") < 0.1);
}

static void check_step(const cJSON *st)
{
    CHECK_STR_EQ(str(st, "group"), "g");
    CHECK_STR_EQ(str(st, "name"), "step");
    CHECK(cJSON_IsNull(key(st, "threads")));
    CHECK(cJSON_IsNull(key(st, "combination")));        /* one axis */
    const cJSON *sizes = key(st, "sizes"), *ids = key(st, "ids");
    CHECK_INT_EQ(cJSON_GetArraySize(sizes), 8);
    for (int i = 0; i < cJSON_GetArraySize(sizes); i++) {   /* ascending size */
        char id[32];
        snprintf(id, sizeof id, "g/step/%d", 1024 << i);
        CHECK_NEAR(cJSON_GetArrayItem(sizes, i)->valuedouble, 1024 << i, 0);
        CHECK_STR_EQ(cJSON_GetStringValue(cJSON_GetArrayItem(ids, i)), id);
    }
    CHECK_NEAR(num(st, "bytes_per_element"), 8, 0);
    CHECK(cJSON_IsTrue(key(st, "between_knees")));
    check_fit(key(st, "complexity"), "O(n)", "N", 1.0);   /* the first plateau's cost */
    CHECK(cJSON_IsObject(key(st, "whole")));
    CHECK(cJSON_IsNull(key(st, "knees_error")));
    const cJSON *knees = key(st, "knees"), *k = cJSON_GetArrayItem(knees, 0);
    CHECK_INT_EQ(cJSON_GetArraySize(knees), 1);
    CHECK_NEAR(num(k, "n_lo"), 8192, 0);
    CHECK_NEAR(num(k, "n_hi"), 16384, 0);
    CHECK_REL(num(key(k, "factor"), "point"), 2, 0.02);
    CHECK(num(key(k, "factor"), "lower") > 1.8 && num(key(k, "factor"), "upper") < 2.2);
    CHECK_NEAR(num(k, "bytes_lo"), 65536, 0);
    CHECK_NEAR(num(k, "bytes_hi"), 131072, 0);
    CHECK_STR_EQ(str(k, "cache"), "L2");
    CHECK_NEAR(num(k, "cache_bytes"), 98304, 0);
    CHECK(cJSON_IsFalse(key(k, "cache_near")));
    const cJSON *seg = key(st, "segments");
    CHECK(cJSON_GetArraySize(seg) >= 2);
    CHECK_NEAR(num(cJSON_GetArrayItem(seg, 0), "first_n"), 1024, 0);
    CHECK_REL(num(cJSON_GetArrayItem(seg, 0), "ns_per_element"), 1.0, 0.02);
    const cJSON *pl = key(st, "plateaus"), *lo = cJSON_GetArrayItem(pl, 0),
                *hi = cJSON_GetArrayItem(pl, 1);
    CHECK_INT_EQ(cJSON_GetArraySize(pl), 2);
    CHECK_NEAR(num(lo, "first_n"), 1024, 0);
    CHECK_NEAR(num(lo, "last_n"), 8192, 0);
    CHECK_STR_EQ(str(lo, "label"), "below the L2 knee");
    check_fit(key(lo, "complexity"), "O(n)", "N", 1.0);
    CHECK_NEAR(num(hi, "first_n"), 16384, 0);
    CHECK_NEAR(num(hi, "last_n"), 131072, 0);
    CHECK_STR_EQ(str(hi, "label"), "above the L2 knee");
    check_fit(key(hi, "complexity"), "O(n)", "N", 2.0);
}

static void test_json_section(void)
{
    cbench_run *run = scaling_fixture_run();
    cJSON *root = json_of(run);
    const cJSON *sc = key(root, "scaling");
    CHECK_INT_EQ(cJSON_GetArraySize(sc), 3);     /* g/step, g/quad, h/step; g/few is none */
    check_step(cJSON_GetArrayItem(sc, 0));
    const cJSON *q = cJSON_GetArrayItem(sc, 1), *h = cJSON_GetArrayItem(sc, 2);
    CHECK_STR_EQ(str(q, "name"), "quad");
    check_fit(key(q, "complexity"), "O(n^2)", "N^2", 0.001);
    CHECK(cJSON_IsFalse(key(q, "between_knees")));
    CHECK(cJSON_IsNull(key(q, "bytes_per_element")));
    CHECK_INT_EQ(cJSON_GetArraySize(key(q, "knees")), 0);
    CHECK_INT_EQ(cJSON_GetArraySize(key(q, "plateaus")), 0);
    CHECK_STR_EQ(str(h, "group"), "h");
    CHECK_INT_EQ(cJSON_GetArraySize(key(h, "sizes")), 4);   /* failed, skipped left out */
    check_fit(key(h, "complexity"), "O(n)", "N", 1.0);
    cJSON_Delete(root);
    /* Results without samples: the fits still, the knees not, and why. */
    for (size_t i = 0; i < run->n_results; i++) {
        free(run->results[i].samples);
        run->results[i].samples = NULL;
        run->results[i].n_samples = 0;
    }
    root = json_of(run);
    const cJSON *st = cJSON_GetArrayItem(key(root, "scaling"), 0);
    CHECK(cJSON_IsNull(key(st, "knees")));
    CHECK(str(st, "knees_error") != NULL);
    CHECK(cJSON_IsObject(key(st, "complexity")));
    CHECK_INT_EQ(cJSON_GetArraySize(key(st, "plateaus")), 0);
    cJSON_Delete(root);
    cbench__run_free(run);
    /* A run without sweeps has no section (its serialisation is the
     * baseline file's, byte for byte: tests/store/store.c). */
    static const char *const names[] = {"a", "b"};
    run = fx_run("mem", names, 2, 3.0);
    root = json_of(run);
    CHECK(root != NULL && key(root, "results") != NULL && key(root, "scaling") == NULL);
    cJSON_Delete(root);
    cbench__run_free(run);
}

/* An export with the section loads as a baseline, and a save into such a
 * file drops the section rather than keep it beside results it no longer
 * describes. */
static void test_json_reload(void)
{
    cbench_run *run = scaling_fixture_run(), *back = NULL;
    char *text = capture(cbench_export_json, run), err[512], *merged = NULL;
    size_t len = text != NULL ? strlen(text) : 0, mlen = 0;
    CHECK(text != NULL && strstr(text, "\"scaling\": [") != NULL);
    CHECK_INT_EQ(cbench_store_parse(text, len, "export.json", &back, err, sizeof err), 0);
    CHECK_INT_EQ(back != NULL ? back->n_results : 0, run->n_results);
    CHECK_INT_EQ(cbench_store_merge(text, len, "export.json", back, &merged, &mlen, NULL, err,
                                    sizeof err), 0);
    cJSON *m = merged != NULL ? cJSON_Parse(merged) : NULL;
    CHECK(m != NULL && key(m, "results") != NULL && key(m, "scaling") == NULL);
    cJSON_Delete(m);
    free(merged);
    cbench__run_free(back);
    free(text);
    cbench__run_free(run);
}

static const cJSON *row(const cJSON *list, const char *name, int *at)
{
    int i = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, list) {
        if (str(b, "name") != NULL && strcmp(str(b, "name"), name) == 0) {
            if (at != NULL)
                *at = i;
            return b;
        }
        i++;
    }
    return NULL;
}

/* Row name is Google's BigO row of fit big_o with coefficient coef (to
 * rel, or exactly when rel is 0), followed by its RMS row rms. */
static void check_bigo(const cJSON *list, const char *base, const char *big_o, double coef,
                       double rel, const char *label)
{
    char name[128];
    int at = -1, at_rms = -1;
    snprintf(name, sizeof name, "%s_BigO", base);
    const cJSON *b = row(list, name, &at);
    snprintf(name, sizeof name, "%s_RMS", base);
    const cJSON *r = row(list, name, &at_rms);
    CHECK(b != NULL && r != NULL);
    CHECK_INT_EQ(at_rms, at + 1);
    CHECK_STR_EQ(str(b, "run_name"), base);
    CHECK_STR_EQ(str(b, "run_type"), "aggregate");
    CHECK_STR_EQ(str(b, "aggregate_name"), "BigO");
    CHECK_STR_EQ(str(b, "aggregate_unit"), "time");
    CHECK_STR_EQ(str(b, "big_o"), big_o);
    CHECK_STR_EQ(str(b, "time_unit"), "ns");
    CHECK_REL(num(b, "cpu_coefficient"), coef, rel);
    CHECK_NEAR(num(b, "real_coefficient"), num(b, "cpu_coefficient"), 0);
    CHECK(key(b, "real_time") == NULL && key(b, "cpu_time") == NULL);  /* compare.py skips */
    CHECK_STR_EQ(str(r, "aggregate_name"), "RMS");
    CHECK_STR_EQ(str(r, "aggregate_unit"), "percentage");
    /* A fit over every size of a sweep with a step fits it poorly (its
     * RMS says so); every other fit here is of one plateau at 1 % noise. */
    int across_a_step = label != NULL && strcmp(label, "over every size") == 0;
    CHECK(num(r, "rms") >= 0 && num(r, "rms") < (across_a_step ? 1.0 : 0.2));
    CHECK(key(r, "time_unit") == NULL && key(r, "real_time") == NULL);
    CHECK_NEAR(num(b, "threads"), 1, 0);
    if (label != NULL) {
        CHECK_STR_EQ(str(b, "label"), label);
        CHECK_STR_EQ(str(r, "label"), label);
    }
}

static void test_gbench_rows(void)
{
    cbench_run *run = scaling_fixture_run();
    cbench_scalings s;
    CHECK_INT_EQ(cbench_scaling_fit(run, NULL, &s), 0);
    const cbench_scaling *st = cbench_scaling_find(&s, "g", "step");
    char *text = capture(cbench_export_gbench, run);
    cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
    const cJSON *list = key(root, "benchmarks");
    CHECK(st != NULL && list != NULL);
    if (st != NULL)    /* over every size: Google's fit, exactly cbench's whole one */
    {
        check_bigo(list, "g/step", cbench_bigo_gbench(st->whole.best), st->whole.coef, 1e-15,
                   "over every size");
        CHECK_NEAR(num(row(list, "g/step_RMS", NULL), "rms"), st->whole.rms, 1e-15);
    }
    check_bigo(list, "g/step/between-knees", "N", 1.0, 0.05, "the knees' steps divided out");
    check_bigo(list, "g/step/n=1024-8192", "N", 1.0, 0.05, "below the L2 knee");
    check_bigo(list, "g/step/n=16384-131072", "N", 2.0, 0.05, "above the L2 knee");
    check_bigo(list, "g/quad", "N^2", 0.001, 0.05, NULL);
    check_bigo(list, "h/step", "N", 1.0, 0.05, NULL);
    CHECK(row(list, "g/quad/between-knees_BigO", NULL) == NULL);   /* no knee */
    CHECK(row(list, "g/few_BigO", NULL) == NULL);                  /* no sweep */
    /* After the sweep's last result in the run (g/step/1024: added
     * largest first) and its aggregates, in its family. */
    int at = -1, last = -1, i = 0;
    const cJSON *b, *big = row(list, "g/step_BigO", &at);
    cJSON_ArrayForEach(b, list) {
        if (str(b, "run_name") != NULL && strcmp(str(b, "run_name"), "g/step/1024") == 0)
            last = i;
        i++;
    }
    CHECK(last >= 0 && at == last + 1);
    const cJSON *before = cJSON_GetArrayItem(list, last);
    CHECK_NEAR(num(big, "family_index"), num(before, "family_index"), 0);
    CHECK_NEAR(num(big, "per_family_instance_index"), num(before, "per_family_instance_index"),
               0);
    CHECK_NEAR(num(big, "repetitions"), SCALING_FIXTURE_ROUNDS, 0);
    cJSON_Delete(root);
    free(text);
    cbench_scaling_free(&s);
    cbench__run_free(run);
}

/* A family with two axes: a sweep per value of the second, in cbench's
 * JSON with its combination and in gbench-json as families of their own
 * named like its ids ("stride/rmw/stride=16"), never the two mixed. */
static void test_combinations(void)
{
    cbench_run *run = scaling_fixture_axes_run();
    cJSON *root = json_of(run);
    const cJSON *sc = key(root, "scaling");
    CHECK_INT_EQ(cJSON_GetArraySize(sc), 2);
    const cJSON *one = cJSON_GetArrayItem(sc, 0), *wide = cJSON_GetArrayItem(sc, 1);
    CHECK_STR_EQ(str(one, "combination"), "stride=1");
    CHECK_STR_EQ(str(wide, "combination"), "stride=16");
    CHECK_STR_EQ(str(wide, "name"), "rmw");
    CHECK_STR_EQ(cJSON_GetStringValue(cJSON_GetArrayItem(key(wide, "ids"), 0)),
                 "stride/rmw/floats=1024/stride=16");
    CHECK_INT_EQ(cJSON_GetArraySize(key(wide, "knees")), 1);
    CHECK_INT_EQ(cJSON_GetArraySize(key(one, "knees")), 0);
    cJSON_Delete(root);
    char *text = capture(cbench_export_gbench, run);
    root = text != NULL ? cJSON_Parse(text) : NULL;
    const cJSON *list = key(root, "benchmarks");
    CHECK(list != NULL);
    check_bigo(list, "stride/rmw/stride=1", "N", 1.0, 0.05, NULL);
    check_bigo(list, "stride/rmw/stride=16/between-knees", "N", 1.0, 0.05,
               "the knees' steps divided out");
    check_bigo(list, "stride/rmw/stride=16/n=16384-131072", "N", 3.0, 0.05,
               "above the L1d knee");
    CHECK(row(list, "stride/rmw_BigO", NULL) == NULL);
    cJSON_Delete(root);
    free(text);
    cbench__run_free(run);
}

/* A python3 that can import scipy (compare.py needs it), or NULL. */
static const char *python_with_scipy(void)
{
    static const char *const candidates[] = {"/usr/bin/python3", "python3"};
    for (size_t i = 0; i < 2; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "%s -c 'import scipy' >/dev/null 2>&1", candidates[i]);
        if (system(cmd) == 0)
            return candidates[i];
    }
    return NULL;
}

/* python3 reads both exports, and Google Benchmark's compare.py pairs the
 * sizes of two swept exports and skips the complexity rows (it compares
 * rows with real_time and cpu_time only). */
static void test_readers(const char *compare)
{
    cbench_run *run = scaling_fixture_run();
    char *dir = fx_tmpdir(), a[4200], b[4200], cmd[9000];
    snprintf(a, sizeof a, "%s/run.gbench.json", dir);
    snprintf(b, sizeof b, "%s/run.json", dir);
    char *gb = capture(cbench_export_gbench, run), *js = capture(cbench_export_json, run);
    CHECK_INT_EQ(fx_write(a, gb != NULL ? gb : "", gb != NULL ? strlen(gb) : 0), 0);
    CHECK_INT_EQ(fx_write(b, js != NULL ? js : "", js != NULL ? strlen(js) : 0), 0);
    snprintf(cmd, sizeof cmd, "python3 -c 'import json,sys; [json.load(open(p)) for p in "
             "sys.argv[1:]]' '%s' '%s'", a, b);
    CHECK_INT_EQ(system(cmd), 0);
    const char *py = python_with_scipy();
    if (compare == NULL || compare[0] == '\0' || access(compare, R_OK) != 0 || py == NULL) {
        printf("note: compare.py or scipy missing: compare.py not run\n");
    } else {
        char line[512];
        int sizes = 0, bigo = 0;
        snprintf(cmd, sizeof cmd, "%s '%s' --no-color benchmarks '%s' '%s' 2>&1", py, compare,
                 a, a);
        FILE *p = popen(cmd, "r");
        while (p != NULL && fgets(line, sizeof line, p) != NULL) {
            fputs(line, stdout);
            sizes += strncmp(line, "g/step/1024 ", 12) == 0;
            bigo += strstr(line, "_BigO") != NULL || strstr(line, "_RMS") != NULL;
        }
        CHECK_INT_EQ(p != NULL ? pclose(p) : -1, 0);
        CHECK_INT_EQ(sizes, SCALING_FIXTURE_ROUNDS);   /* each round, paired */
        CHECK_INT_EQ(bigo, 0);
    }
    if (check_failures == 0)
        fx_rmtree(dir);
    free(dir);
    free(gb);
    free(js);
    cbench__run_free(run);
}

int main(int argc, char **argv)
{
    test_json_section();
    test_json_reload();
    test_gbench_rows();
    test_combinations();
    test_readers(argc > 1 ? argv[1] : NULL);
    return check_result();
}
