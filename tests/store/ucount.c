/* SPDX-License-Identifier: MIT
 *
 * User counters in baseline JSON: a save and load give them back exactly
 * (round values, ids, flags, estimate, base, change), a file without
 * them (an older cbench) loads with none, a flag name from a newer
 * cbench is skipped, and a forged name or mismatched round arrays are
 * refused naming the field.
 */
#include "check.h"
#include "fixture.h"
#include "store/store.h"

static void add_counter(cbench_result *r)
{
    r->user_counters = calloc(1, sizeof *r->user_counters);
    cbench_user_counter *u = &r->user_counters[0];
    r->n_user_counters = 1;
    snprintf(u->name, sizeof u->name, "bytes_rate");
    u->flags = CBENCH_COUNTER_RATE | CBENCH_COUNTER_BASE_1024 | CBENCH_COUNTER_HIGHER_IS_BETTER;
    u->n_rounds = 3;
    u->rounds = malloc(3 * sizeof *u->rounds);
    u->round_ids = malloc(3 * sizeof *u->round_ids);
    const double v[] = {1e9 / 3, 0.1 + 0.2, 7};
    const uint32_t id[] = {0, 2, 5};
    memcpy(u->rounds, v, sizeof v);
    memcpy(u->round_ids, id, sizeof id);
    fx_est(&u->value, 2.5, 0.5);
    u->base = 2.25;
    u->has_change = 1;
    fx_est(&u->change.mean, 0.125, 0.01);
    cbench__estimate_undef(&u->change.median);
    u->change.p_value = 0.01;
    u->change.df = 3.5;
    u->change.noise_threshold = 0.01;
    u->change.significance = 0.05;
    u->change.verdict = CBENCH_VERDICT_IMPROVED;
    u->change.test_name = "yuen-welch t on per-round values, between-run term";
}

static void test_roundtrip(void)
{
    static const char *const names[] = {"copy"};
    cbench_run *run = fx_run("mem", names, 1, 3.25), *back = NULL;
    add_counter(&run->results[0]);
    char err[512];
    size_t len = 0;
    char *json = cbench_store_serialize(run, &len);
    CHECK(json != NULL && cbench_store_parse(json, len, "uc", &back, err, sizeof err) == 0);
    const cbench_user_counter *a = &run->results[0].user_counters[0];
    const cbench_user_counter *b = back != NULL && back->results[0].n_user_counters == 1
                                 ? &back->results[0].user_counters[0] : NULL;
    CHECK(b != NULL);
    if (b != NULL) {
        CHECK_STR_EQ(b->name, a->name);
        CHECK_INT_EQ(b->flags, a->flags);
        CHECK_INT_EQ(b->n_rounds, 3);
        for (size_t i = 0; i < 3 && b->n_rounds == 3; i++) {
            CHECK(b->rounds[i] == a->rounds[i]);            /* exact doubles */
            CHECK_INT_EQ(b->round_ids[i], a->round_ids[i]);
        }
        CHECK(b->value.point == 2.5 && b->value.lower == a->value.lower);
        CHECK(b->base == 2.25);
        CHECK(b->has_change && b->change.verdict == CBENCH_VERDICT_IMPROVED);
        CHECK(b->change.mean.point == 0.125 && b->change.df == 3.5);
        CHECK_STR_EQ(b->change.test_name, a->change.test_name);
    }
    /* Serialising what was loaded gives the same text. */
    size_t len2 = 0;
    char *again = back != NULL ? cbench_store_serialize(back, &len2) : NULL;
    CHECK(again != NULL && len2 == len && memcmp(again, json, len) == 0);
    free(again);
    free(json);
    cbench__run_free(back);
    cbench__run_free(run);
}

static void test_older_and_newer_files(void)
{
    char err[512];
    cbench_run *run = NULL;
    const char *old = "{\"schema\": 2, \"results\": [{\"id\": \"g/a\"}]}";
    CHECK_INT_EQ(cbench_store_parse(old, strlen(old), "old", &run, err, sizeof err), 0);
    CHECK(run != NULL && run->results[0].n_user_counters == 0);
    cbench__run_free(run);
    run = NULL;
    const char *newer = "{\"schema\": 2, \"results\": [{\"id\": \"g/a\", \"user_counters\": "
                        "[{\"name\": \"n\", \"flags\": [\"rate\", \"from-the-future\"], "
                        "\"rounds\": {\"value\": [1, 2], \"round\": [0, 1]}}]}]}";
    CHECK_INT_EQ(cbench_store_parse(newer, strlen(newer), "new", &run, err, sizeof err), 0);
    CHECK(run != NULL && run->results[0].n_user_counters == 1
          && run->results[0].user_counters[0].flags == CBENCH_COUNTER_RATE
          && run->results[0].user_counters[0].n_rounds == 2);
    cbench__run_free(run);
}

static void expect_refused(const char *counter, const char *says)
{
    char text[1024], err[512] = "";
    snprintf(text, sizeof text, "{\"schema\": 2, \"results\": [{\"id\": \"g/a\", "
             "\"user_counters\": [%s]}]}", counter);
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), "forged", &run, err, sizeof err),
                 CBENCH_EFORMAT);
    CHECK(run == NULL);
    if (strstr(err, says) == NULL) {
        fprintf(stderr, "error '%s' lacks '%s'\n", err, says);
        check_failures++;
    }
}

static void test_forged_files(void)
{
    expect_refused("{\"name\": \"ok # not\"}",
                   "results[0].user_counters[0].name: expected a counter name");
    expect_refused("{\"name\": \"a\\n# x\"}", "user_counters[0].name: expected a counter name");
    expect_refused("{\"name\": \"n\", \"rounds\": {\"value\": [1, 2], \"round\": [0]}}",
                   "user_counters[0].rounds: \"round\" has 1 entries but \"value\" has 2");
    expect_refused("{\"name\": \"n\"}, {\"name\": \"n\"}",
                   "user_counters[1]: duplicate name 'n'");
    expect_refused("{\"name\": \"n\", \"flags\": [3]}", "user_counters[0].flags[0]: expected");
}

int main(void)
{
    test_roundtrip();
    test_older_and_newer_files();
    test_forged_files();
    return check_result();
}
