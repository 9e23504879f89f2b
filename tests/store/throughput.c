/* SPDX-License-Identifier: MIT
 *
 * throughput.c - a benchmark that declares bytes and elements per
 * iteration reports both (Google Benchmark's bytes_per_second and
 * items_per_second): the state API keeps both, the last kind declared is
 * the headline, and every output carries the other one beside it. A
 * benchmark of one kind writes what it always wrote.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "measure/state.h"
#include "report/report.h"
#include "store/export.h"
#include "store/store.h"

/* 24 bytes and 1 element per iteration, bytes the headline; ~3 ns. */
static cbench_run *both_run(void)
{
    static const char *const names[] = {"scale"};
    cbench_run *run = fx_run("points", names, 1, 3.0);
    cbench_result *r = &run->results[0];
    r->throughput = CBENCH_THROUGHPUT_BYTES;
    r->throughput_per_iter = 24.0;
    r->other_per_iter = 1.0;
    return run;
}

static char *text_of(int (*fn)(FILE *, const cbench_run *), const cbench_run *run)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    CHECK_INT_EQ(fn(f, run), 0);
    fclose(f);
    return buf;
}

static void test_state_keeps_both_kinds(void)
{
    cbench_state b;
    memset(&b, 0, sizeof b);
    cbench_set_bytes(&b, 24);
    cbench_set_elements(&b, 1);
    CHECK_INT_EQ(b.throughput, CBENCH_THROUGHPUT_ELEMENTS);     /* the last one */
    CHECK(b.throughput_per_iter == 1 && b.other_per_iter == 24);
    cbench_set_elements(&b, 2);                    /* again: bytes stay beside it */
    CHECK(b.throughput_per_iter == 2 && b.other_per_iter == 24);

    memset(&b, 0, sizeof b);
    cbench_set_bytes(&b, 8);
    cbench_set_bytes(&b, 16);                      /* one kind twice: no other */
    CHECK(b.throughput_per_iter == 16 && b.other_per_iter == 0);
}

static void test_result_reads_either_kind(void)
{
    cbench_run *run = both_run();
    const cbench_result *r = &run->results[0];
    CHECK(cbench__result_per_iter(r, CBENCH_THROUGHPUT_BYTES) == 24);
    CHECK(cbench__result_per_iter(r, CBENCH_THROUGHPUT_ELEMENTS) == 1);
    CHECK_INT_EQ(cbench__result_other_kind(r), CBENCH_THROUGHPUT_ELEMENTS);
    cbench__run_free(run);
}

static void test_baseline_keeps_both(const char *dir)
{
    char err[512], path[4096];
    cbench_run *run = both_run(), *back = NULL;
    CHECK_INT_EQ(cbench_store_save(dir, "both", run, err, sizeof err), 0);
    CHECK_INT_EQ(cbench_store_load(dir, "both", &back, err, sizeof err), 0);
    if (back != NULL) {
        CHECK_INT_EQ(back->results[0].throughput, CBENCH_THROUGHPUT_BYTES);
        CHECK(back->results[0].throughput_per_iter == 24);
        CHECK(back->results[0].other_per_iter == 1);
    }
    cbench_store_path(dir, "both", path, sizeof path);
    char *file = fx_read(path, NULL);
    CHECK(file != NULL && strstr(file, "\"elements_per_iter\": 1") != NULL);
    free(file);
    cbench__run_free(back);
    cbench__run_free(run);
}

static void test_one_kind_writes_as_before(const char *dir)
{
    char err[512], path[4096];
    cbench_run *run = both_run();
    run->results[0].other_per_iter = 0;
    CHECK_INT_EQ(cbench_store_save(dir, "one", run, err, sizeof err), 0);
    cbench_store_path(dir, "one", path, sizeof path);
    char *file = fx_read(path, NULL);
    CHECK(file != NULL && strstr(file, "_per_iter\": 1") == NULL
          && strstr(file, "elements_per_iter") == NULL && strstr(file, "bytes_per_iter") == NULL);
    free(file);
    cbench__run_free(run);
}

/* A baseline whose throughput says something impossible is refused with
 * the field named, never read as another throughput. */
static void expect_refused(const char *dir, const char *from, const char *to, const char *why)
{
    static int k;
    char err[512], path[4096], name[32];
    snprintf(name, sizeof name, "bad%d", k++);     /* a fresh file each time */
    cbench_run *run = both_run(), *back = NULL;
    CHECK_INT_EQ(cbench_store_save(dir, name, run, err, sizeof err), 0);
    cbench_store_path(dir, name, path, sizeof path);
    size_t len = 0;
    char *file = fx_read(path, &len);
    char *at = file != NULL ? strstr(file, from) : NULL;
    CHECK(at != NULL);
    if (at != NULL) {
        size_t head = (size_t)(at - file), n = strlen(from), m = strlen(to);
        char *edited = malloc(len - n + m + 1);
        memcpy(edited, file, head);
        memcpy(edited + head, to, m);
        memcpy(edited + head + m, at + n, len - head - n + 1);
        CHECK_INT_EQ(fx_write(path, edited, strlen(edited)), 0);
        free(edited);
        err[0] = '\0';
        CHECK(cbench_store_load(dir, name, &back, err, sizeof err) != 0);
        CHECK(strstr(err, why) != NULL);
        if (strstr(err, why) == NULL)
            fprintf(stderr, "  (error was: %s)\n", err);
    }
    free(file);
    cbench__run_free(back);
    cbench__run_free(run);
}

static void test_impossible_throughput_refused(const char *dir)
{
    expect_refused(dir, "\"elements_per_iter\": 1", "\"elements_per_iter\": -1",
                   "elements_per_iter");
    expect_refused(dir, "\"elements_per_iter\": 1", "\"bytes_per_iter\": 1", "bytes_per_iter");
    expect_refused(dir, "\"kind\": \"bytes\"", "\"kind\": \"none\"", "elements_per_iter");
}

static void test_gbench_has_both_rates(void)
{
    cbench_run *run = both_run();
    char *text = text_of(cbench_export_gbench, run);
    cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "benchmarks"), *b;
    int rows = 0;
    cJSON_ArrayForEach(b, list) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(b, "real_time");
        const cJSON *bps = cJSON_GetObjectItemCaseSensitive(b, "bytes_per_second");
        const cJSON *ips = cJSON_GetObjectItemCaseSensitive(b, "items_per_second");
        const cJSON *agg = cJSON_GetObjectItemCaseSensitive(b, "aggregate_name");
        if (cJSON_IsString(agg) && (strcmp(agg->valuestring, "stddev") == 0
                                    || strcmp(agg->valuestring, "cv") == 0))
            continue;                  /* a spread is no time to divide by */
        CHECK(cJSON_IsNumber(t) && cJSON_IsNumber(bps) && cJSON_IsNumber(ips));
        if (cJSON_IsNumber(t) && cJSON_IsNumber(bps) && cJSON_IsNumber(ips)) {
            CHECK_REL(bps->valuedouble, 24 * 1e9 / t->valuedouble, 1e-12);
            CHECK_REL(ips->valuedouble, 1 * 1e9 / t->valuedouble, 1e-12);
        }
        rows++;
    }
    CHECK(rows > 0);
    cJSON_Delete(root);
    free(text);
    cbench__run_free(run);
}

/* The CSV has a column per kind, filled whichever kind is the headline. */
static void test_csv_has_both_columns(void)
{
    cbench_run *run = both_run();
    char *text = text_of(cbench_export_csv, run);
    /* threads 1, no imbalance, then 24 bytes and 1 element (counters follow). */
    CHECK(text != NULL && strstr(text, ",threads,imbalance,bytes_per_iter,elements_per_iter,")
                              != NULL);
    const char *row = text != NULL ? strchr(text, '\n') : NULL;
    CHECK(row != NULL && strstr(row, ",1,,24,1,") != NULL);
    free(text);
    cbench__run_free(run);
}

static char *report_of(const cbench_reporter *rep, const cbench_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cbench_report_opts o;
    memset(&o, 0, sizeof o);
    o.out = f;
    rep->result(&o, r, 1);
    fclose(f);
    return buf;
}

static void test_reports_show_both(void)
{
    cbench_run *run = both_run();
    const cbench_result *r = &run->results[0];
    char *tap = report_of(&cbench_report_tap, r);
    /* 24 B and 1 element in 3 ns: 8 GB/s and 333 Melem/s. */
    CHECK(tap != NULL && strstr(tap, " thrpt: 8") != NULL && strstr(tap, "B/s, 333") != NULL
          && strstr(tap, "elem/s") != NULL);
    char *pretty = report_of(&cbench_report_pretty, r);
    const char *thrpt = pretty != NULL ? strstr(pretty, "thrpt:") : NULL;
    const char *next = thrpt != NULL ? strchr(thrpt, '\n') : NULL;
    CHECK(thrpt != NULL && strstr(thrpt, "B/s") != NULL);
    CHECK(next != NULL && strstr(next, "elem/s") != NULL);  /* the line below */
    if (check_failures)
        fprintf(stderr, "tap:\n%s\npretty:\n%s\n", tap ? tap : "", pretty ? pretty : "");
    free(tap);
    free(pretty);
    cbench__run_free(run);
}

int main(void)
{
    char *dir = fx_tmpdir();
    test_state_keeps_both_kinds();
    test_result_reads_either_kind();
    test_baseline_keeps_both(dir);
    test_one_kind_writes_as_before(dir);
    test_impossible_throughput_refused(dir);
    test_gbench_has_both_rates();
    test_csv_has_both_columns();
    test_reports_show_both();
    fx_rmtree(dir);
    free(dir);
    return check_result();
}
