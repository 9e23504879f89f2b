/* SPDX-License-Identifier: MIT
 *
 * merge.c - what a save does to the baseline it joins: results it does
 * not replace keep their fields verbatim (also those this build does not
 * know) and the context they were measured in (date, flags, speed probes);
 * identical contexts are stored once and unused ones dropped; a schema 1
 * file reads as before and merges into schema 2; a partial result of an
 * interrupted run never replaces a complete one; the run's results keep
 * the run's order.
 */
#include <cJSON.h>

#include "check.h"
#include "fixture.h"
#include "store/store.h"

static char *dir;

/* A run of one benchmark "g/NAME" measured on a machine whose probes are
 * probe and 2 probe, on 'date'. */
static cbench_run *one(const char *name, const char *date, double probe)
{
    const char *names[] = {name};
    cbench_run *run = fx_run("g", names, 1, 10.0);
    free(run->ctx.date);
    run->ctx.date = cbench__strdup(date);
    run->ctx.probe_cpu_ns = probe;
    run->ctx.probe_mem_ns = 2 * probe;
    return run;
}

static void save(const char *base, cbench_run *run)
{
    char err[1024];
    CHECK_INT_EQ(cbench_store_save(dir, base, run, err, sizeof err), 0);
    cbench__run_free(run);
}

static cbench_run *load(const char *base)
{
    char err[1024];
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_load(dir, base, &run, err, sizeof err), 0);
    return run;
}

static cJSON *load_json(const char *base)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.json", dir, base);
    char *text = fx_read(path, NULL);
    cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK(root != NULL);
    return root;
}

static void write_json(const char *base, const cJSON *root)
{
    char path[4200], *text = cJSON_PrintUnformatted(root);
    snprintf(path, sizeof path, "%s/%s.json", dir, base);
    CHECK(text != NULL && fx_write(path, text, strlen(text)) == 0);
    cJSON_free(text);
}

static cJSON *result_json(cJSON *root, size_t i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(root, "results"), (int)i);
}

/* {==================================================================
 * Unknown fields.
 * =================================================================== */

/* A field this build does not know (in a result, its context, the top
 * level) survives a save of another benchmark, value for value. */
static void test_unknown_fields_kept(void)
{
    save("extra", one("a", "2026-01-01T00:00:00Z", 100));
    cJSON *root = load_json("extra");
    cJSON *extra = cJSON_Parse("{\"by\": \"a newer cbench\", \"values\": [1, 2.5, null,"
                               " \"x\"], \"big\": 12345678.875}");
    cJSON_AddItemToObject(result_json(root, 0), "extra", extra);
    cJSON_AddStringToObject(cJSON_GetObjectItem(root, "context"), "ci_job", "nightly-42");
    cJSON_AddStringToObject(root, "owner", "perf team");
    write_json("extra", root);
    cJSON *before = cJSON_Duplicate(result_json(root, 0), 1);
    cJSON_Delete(root);

    save("extra", one("b", "2026-02-01T00:00:00Z", 100));
    root = load_json("extra");
    cJSON *kept = result_json(root, 0);
    CHECK_STR_EQ(cJSON_GetObjectItem(kept, "id")->valuestring, "g/a");
    /* The whole object as it was, but for which context it names. */
    cJSON_DeleteItemFromObject(kept, "context");
    cJSON_DeleteItemFromObject(before, "context");
    CHECK(cJSON_Compare(kept, before, 1));
    cJSON *owner = cJSON_GetObjectItem(root, "owner");
    CHECK(cJSON_IsString(owner) && strcmp(owner->valuestring, "perf team") == 0);
    /* The context a's result was measured in is kept, with its own field. */
    cJSON *ctx = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "contexts"), 0);
    CHECK(cJSON_IsString(cJSON_GetObjectItem(ctx, "ci_job")));
    cJSON_Delete(before);
    cJSON_Delete(root);
}

/* Numbers of a kept result read back to the same doubles (cJSON's own
 * printer rounds some in the last digit). */
static void test_kept_numbers_exact(void)
{
    cbench_run *run = one("a", "2026-01-01T00:00:00Z", 100);
    run->results[0].samples[0].ns = 0.1 + 0.2;
    fx_points(&run->results[0]);                 /* the estimates follow the sample */
    run->results[0].typical.point = 1.0 / 3.0;
    double ns = run->results[0].samples[0].ns;
    save("exact", run);
    save("exact", one("b", "2026-02-01T00:00:00Z", 100));
    cbench_run *back = load("exact");
    CHECK(back != NULL && back->n_results == 2);
    if (back != NULL && back->n_results == 2) {
        CHECK(back->results[0].samples[0].ns == ns);
        CHECK(back->results[0].typical.point == 1.0 / 3.0);
    }
    cbench__run_free(back);
}

/* {==================================================================
 * Contexts.
 * =================================================================== */

/* Each result keeps the date and probes of its own run; the newest run
 * is the file's "context". */
static void test_contexts_per_result(void)
{
    save("ctx", one("a", "2026-01-01T00:00:00Z", 100));
    save("ctx", one("b", "2026-02-01T00:00:00Z", 130));
    cbench_run *run = load("ctx");
    CHECK(run != NULL && run->n_results == 2);
    if (run == NULL || run->n_results != 2)
        return;
    const cbench_context *a = cbench__result_context(run, cbench__run_find(run, "g/a"));
    const cbench_context *b = cbench__result_context(run, cbench__run_find(run, "g/b"));
    CHECK_STR_EQ(a->date, "2026-01-01T00:00:00Z");
    CHECK(a->probe_cpu_ns == 100 && a->probe_mem_ns == 200);
    CHECK_STR_EQ(b->date, "2026-02-01T00:00:00Z");
    CHECK(b->probe_cpu_ns == 130);
    CHECK_STR_EQ(run->ctx.date, "2026-02-01T00:00:00Z");
    CHECK_INT_EQ(run->n_contexts, 1);
    cbench__run_free(run);

    /* Replacing a's result drops the context nothing refers to. */
    save("ctx", one("a", "2026-03-01T00:00:00Z", 90));
    run = load("ctx");
    CHECK(run != NULL && run->n_contexts == 1);
    if (run != NULL) {
        CHECK_STR_EQ(cbench__result_context(run, cbench__run_find(run, "g/a"))->date,
                     "2026-03-01T00:00:00Z");
        CHECK_STR_EQ(cbench__result_context(run, cbench__run_find(run, "g/b"))->date,
                     "2026-02-01T00:00:00Z");
    }
    cbench__run_free(run);
}

/* A run saved block by block writes one context, not one per block. */
static void test_same_context_once(void)
{
    save("blocks", one("a", "2026-01-01T00:00:00Z", 100));
    save("blocks", one("b", "2026-01-01T00:00:00Z", 100));
    save("blocks", one("c", "2026-01-01T00:00:00Z", 100));
    cbench_run *run = load("blocks");
    CHECK(run != NULL && run->n_results == 3 && run->n_contexts == 0);
    for (size_t i = 0; run != NULL && i < run->n_results; i++)
        CHECK_INT_EQ(run->results[i].context, 0);
    cbench__run_free(run);
}

/* A schema 1 file (one context for all) still loads, and saving into it
 * keeps its results with their context. */
static void test_schema1(void)
{
    save("old", one("a", "2025-06-01T00:00:00Z", 80));
    cJSON *root = load_json("old");
    cJSON_ReplaceItemInObject(root, "schema", cJSON_CreateNumber(1));
    cJSON_DeleteItemFromObject(root, "contexts");
    cJSON_DeleteItemFromObject(result_json(root, 0), "context");
    write_json("old", root);
    cJSON_Delete(root);
    cbench_run *run = load("old");
    CHECK(run != NULL && run->n_results == 1 && run->results[0].context == 0);
    CHECK(run != NULL && run->ctx.probe_cpu_ns == 80);
    cbench__run_free(run);

    save("old", one("b", "2026-02-01T00:00:00Z", 100));
    run = load("old");
    CHECK(run != NULL && run->n_results == 2);
    if (run != NULL && run->n_results == 2) {
        const cbench_context *a = cbench__result_context(run, &run->results[0]);
        CHECK_STR_EQ(a->date, "2025-06-01T00:00:00Z");
        CHECK(a->probe_cpu_ns == 80);
        CHECK_STR_EQ(run->ctx.date, "2026-02-01T00:00:00Z");
    }
    cbench__run_free(run);
    root = load_json("old");
    CHECK_INT_EQ(cJSON_GetObjectItem(root, "schema")->valueint, 2);
    cJSON_Delete(root);
}

/* {==================================================================
 * Partial results.
 * =================================================================== */

static cbench_run *interrupted(const char *name, const char *date)
{
    cbench_run *run = one(name, date, 100);
    run->results[0].stop_reason = "interrupted";
    run->results[0].n_rounds = 2;
    run->results[0].typical.point = run->results[0].mean.point;  /* not 10 */
    return run;
}

static void test_partial_never_replaces_complete(void)
{
    char err[1024];
    cbench_store_merge_info info;
    save("part", one("a", "2026-01-01T00:00:00Z", 100));
    cbench_run *p = interrupted("a", "2026-02-01T00:00:00Z");
    CHECK_INT_EQ(cbench_store_save_ex(dir, "part", p, &info, err, sizeof err), 0);
    CHECK_INT_EQ(info.kept, 1);
    CHECK(info.kept_id != NULL && strcmp(info.kept_id, "g/a") == 0);
    cbench__run_free(p);
    cbench_run *run = load("part");
    CHECK(run != NULL && run->n_results == 1);
    if (run != NULL && run->n_results == 1) {
        CHECK_STR_EQ(run->results[0].stop_reason, "precision");      /* the complete one */
        CHECK(run->results[0].typical.point == 10.0);
        CHECK_STR_EQ(cbench__result_context(run, &run->results[0])->date,
                     "2026-01-01T00:00:00Z");
    }
    cbench__run_free(run);

    /* Where there is nothing complete it is saved, marked partial, and a
     * complete one replaces it later. */
    p = interrupted("b", "2026-02-01T00:00:00Z");
    CHECK_INT_EQ(cbench_store_save_ex(dir, "part", p, &info, err, sizeof err), 0);
    CHECK_INT_EQ(info.kept, 0);
    cbench__run_free(p);
    run = load("part");
    cbench_result *b = run != NULL ? cbench__run_find(run, "g/b") : NULL;
    CHECK(b != NULL && cbench__result_partial(b));
    cbench__run_free(run);
    save("part", one("b", "2026-03-01T00:00:00Z", 100));
    run = load("part");
    b = run != NULL ? cbench__run_find(run, "g/b") : NULL;
    CHECK(b != NULL && !cbench__result_partial(b));
    cbench__run_free(run);
}

/* The ids of base's results, joined by spaces, into buf. */
static const char *order_of(const char *base, char *buf, size_t len)
{
    cbench_run *run = load(base);
    buf[0] = 0;
    for (size_t i = 0; run != NULL && i < run->n_results; i++)
        snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? " " : "",
                 run->results[i].id);
    cbench__run_free(run);
    return buf;
}

/* The run's results take the places they had in the run's order (a run
 * puts them in the order registered, run/save.h); others keep theirs and
 * new ones come last. */
static void test_run_order_in_its_places(void)
{
    char buf[256];
    const char *first[] = {"a", "b", "c", "x"}, *again[] = {"c", "a", "new"};
    save("order", fx_run("g", first, 4, 10.0));
    CHECK_STR_EQ(order_of("order", buf, sizeof buf), "g/a g/b g/c g/x");
    save("order", fx_run("g", again, 3, 10.0));
    CHECK_STR_EQ(order_of("order", buf, sizeof buf), "g/c g/b g/a g/x g/new");
}

int main(void)
{
    dir = fx_tmpdir();
    if (dir == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_unknown_fields_kept();
    test_kept_numbers_exact();
    test_contexts_per_result();
    test_same_context_once();
    test_schema1();
    test_partial_never_replaces_complete();
    test_run_order_in_its_places();
    if (check_failures == 0)
        fx_rmtree(dir);
    return check_result();
}
