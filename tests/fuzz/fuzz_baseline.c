/* SPDX-License-Identifier: MIT
 *
 * fuzz_baseline.c - libFuzzer target for the baseline loader
 * (cbench_store_parse, i.e. what cbench_store_load_file runs on a file's
 * bytes). Besides "no crash, no leak, no undefined behaviour" it checks:
 *   - a rejected input gets one message naming the file;
 *   - an accepted input serialises to text that parses again and
 *     serialises to the same bytes (whatever cbench reads it can write
 *     and read back: nothing loaded is ever lost on re-save);
 *   - the exports (baseline JSON, Google Benchmark JSON, CSV) succeed;
 *   - a save of another result into it (cbench_store_merge) gives a file
 *     that reads back with every result it had plus the new one.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address
 *        ninja -C build-fuzz tests/store/fuzz-baseline
 * Run:   build-fuzz/tests/store/fuzz-baseline -dict=tests/fuzz/baseline.dict \
 *            CORPUS_DIR tests/fuzz/corpus
 * Without -Dfuzzing the same function runs over tests/fuzz/corpus as a
 * unit test (standalone_main.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"
#include "store/export.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILE_NAME "fuzz.json"

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_baseline: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* Serialise, re-parse, re-serialise: the two texts must be identical. */
static void check_roundtrip(const cbench_run *run)
{
    char err[1024];
    size_t n1 = 0, n2 = 0;
    cbench_run *again = NULL;
    char *t1 = cbench_store_serialize(run, &n1);
    if (t1 == NULL)
        fail("serialize failed", NULL);
    if (cbench_store_parse(t1, n1, "re-read", &again, err, sizeof err) != 0)
        fail("cbench cannot read what it wrote", err);
    char *t2 = cbench_store_serialize(again, &n2);
    if (t2 == NULL || n1 != n2 || memcmp(t1, t2, n1) != 0)
        fail("serialize(parse(serialize(x))) differs from serialize(x)", NULL);
    free(t1);
    free(t2);
    cbench__run_free(again);
}

/* The run a save merges in: one plausible result of its own. */
static cbench_run *saved_run(void)
{
    static cbench_run *run;
    static cbench_sample samples[2] = {{1000, 5000, 0}, {2000, 10000, 1}};
    if (run != NULL)
        return run;
    run = cbench__run_new();
    cbench_result *r = run != NULL ? cbench__run_add(run) : NULL;
    if (r == NULL)
        fail("out of memory", NULL);
    r->id = "fuzz/merged";             /* static storage: never freed */
    r->group = "fuzz";
    r->name = "merged";
    r->samples = samples;
    r->n_samples = 2;
    r->n_rounds = 2;
    /* Not analysed: undefined estimates (a zeroed one would claim 0 ns,
     * which its samples contradict, and the loader refuses that). */
    cbench_estimate *e[] = {&r->typical, &r->mean, &r->median, &r->std_dev, &r->mad,
                            &r->slope, &r->ratio_to_reference};
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        cbench__estimate_undef(e[i]);
    return run;
}

static void check_merge(const uint8_t *data, size_t size, const cbench_run *run)
{
    char err[1024], *out = NULL;
    size_t len = 0;
    cbench_run *back = NULL, *add = saved_run();
    if (cbench_store_merge((const char *)data, size, FILE_NAME, add, &out, &len, NULL, err,
                           sizeof err) != 0)
        fail("a readable file cannot be saved into", err);
    if (cbench_store_parse(out, len, "merged", &back, err, sizeof err) != 0)
        fail("cbench cannot read what a save wrote", err);
    int had = cbench__run_find(run, "fuzz/merged") != NULL;
    if (back->n_results != run->n_results + !had)
        fail("a save lost or duplicated results", NULL);
    for (size_t i = 0; i < run->n_results; i++)
        if (cbench__run_find(back, run->results[i].id) == NULL)
            fail("a save lost a result", run->results[i].id);
    free(out);
    cbench__run_free(back);
}

static void check_exports(const cbench_run *run)
{
    static FILE *sink;
    if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
        return;
    if (cbench_export_json(sink, run) != 0 || cbench_export_gbench(sink, run) != 0 ||
        cbench_export_csv(sink, run) != 0)
        fail("an export failed", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[1024] = "";
    cbench_run *run = NULL;
    int rc = cbench_store_parse((const char *)data, size, FILE_NAME, &run, err, sizeof err);
    if (rc != 0) {
        if (run != NULL)
            fail("error but a run was returned", NULL);
        if (strncmp(err, "baseline '" FILE_NAME "': ", strlen("baseline '" FILE_NAME "': ")) != 0)
            fail("message does not name the file", err);
        if (rc != CBENCH_EFORMAT && rc != CBENCH_ENOMEM)
            fail("unexpected error code", err);
        return 0;
    }
    check_roundtrip(run);
    check_merge(data, size, run);
    check_exports(run);
    cbench__run_free(run);
    return 0;
}
