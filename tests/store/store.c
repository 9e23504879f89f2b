/* SPDX-License-Identifier: MIT
 *
 * store.c - tests of lib/store: exact round trips, merging, concurrent
 * writers, every kind of bad file (message + file left untouched), and
 * failing writes (unwritable directory, full disk, file size limit).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "check.h"
#include "fixture.h"
#include "store/json_write.h"
#include "store/store.h"

/* {==================================================================
 * Deep comparison.
 * =================================================================== */

/* Same double bit for bit, or both NaN. */
static int same(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return memcmp(&a, &b, sizeof a) == 0;
}

#define CHECK_SAME(a, b)                                                  \
    do {                                                                  \
        if (!same((a), (b))) {                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s same as %s (%.17g vs %.17g)\n", \
                    __FILE__, __LINE__, #a, #b, (double)(a), (double)(b)); \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

static void check_opt_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        CHECK(a == NULL && b == NULL);
    else
        CHECK_STR_EQ(a, b);
}

static void check_est(const cbench_estimate *a, const cbench_estimate *b)
{
    CHECK_SAME(a->point, b->point);
    CHECK_SAME(a->lower, b->lower);
    CHECK_SAME(a->upper, b->upper);
    CHECK_SAME(a->std_err, b->std_err);
    CHECK_SAME(a->level, b->level);
}

static void check_context(const cbench_context *a, const cbench_context *b)
{
    check_opt_str(a->date, b->date);
    check_opt_str(a->host, b->host);
    check_opt_str(a->cpu, b->cpu);
    check_opt_str(a->compiler, b->compiler);
    check_opt_str(a->flags, b->flags);
    check_opt_str(a->version, b->version);
    check_opt_str(a->git_commit, b->git_commit);
    check_opt_str(a->build_type, b->build_type);
    check_opt_str(a->warnings, b->warnings);
    check_opt_str(a->mode, b->mode);
    CHECK(a->seed == b->seed);
    CHECK_SAME(a->confidence_level, b->confidence_level);
    CHECK_INT_EQ(a->n_resamples, b->n_resamples);
    CHECK_SAME(a->noise_threshold, b->noise_threshold);
    CHECK_SAME(a->significance, b->significance);
}

static void check_change(const cbench_result *a, const cbench_result *b)
{
    CHECK_INT_EQ(a->has_change, b->has_change);
    if (!a->has_change || !b->has_change)
        return;
    check_est(&a->change.mean, &b->change.mean);
    check_est(&a->change.median, &b->change.median);
    CHECK_SAME(a->change.p_value, b->change.p_value);
    CHECK_SAME(a->change.df, b->change.df);
    CHECK_SAME(a->change.noise_threshold, b->change.noise_threshold);
    CHECK_SAME(a->change.significance, b->change.significance);
    CHECK_INT_EQ(a->change.verdict, b->change.verdict);
    check_opt_str(a->change.test_name, b->change.test_name);
}

static void check_result_eq(const cbench_result *a, const cbench_result *b)
{
    check_opt_str(a->id, b->id);
    check_opt_str(a->group, b->group);
    check_opt_str(a->name, b->name);
    check_opt_str(a->param, b->param);
    CHECK_INT_EQ(a->has_param, b->has_param);
    if (a->has_param)
        CHECK(a->param_value == b->param_value);
    CHECK_INT_EQ(a->throughput, b->throughput);
    CHECK_SAME(a->throughput_per_iter, b->throughput_per_iter);
    CHECK_INT_EQ(a->reference, b->reference);
    CHECK_INT_EQ(a->bound, b->bound);
    CHECK_INT_EQ(a->n_samples, b->n_samples);
    CHECK_INT_EQ(a->n_rounds, b->n_rounds);
    CHECK_SAME(a->speed_ns, b->speed_ns);
    CHECK_INT_EQ(a->rounds_set_aside, b->rounds_set_aside);
    for (size_t i = 0; i < a->n_samples && i < b->n_samples; i++) {
        CHECK_SAME(a->samples[i].iters, b->samples[i].iters);
        CHECK_SAME(a->samples[i].ns, b->samples[i].ns);
        CHECK_INT_EQ(a->samples[i].round, b->samples[i].round);
    }
    check_est(&a->typical, &b->typical);
    check_est(&a->mean, &b->mean);
    check_est(&a->median, &b->median);
    check_est(&a->std_dev, &b->std_dev);
    check_est(&a->mad, &b->mad);
    check_est(&a->slope, &b->slope);
    CHECK_SAME(a->r_squared, b->r_squared);
    CHECK(memcmp(&a->outliers, &b->outliers, 5 * sizeof(unsigned)) == 0);
    for (size_t i = 0; i < 4; i++)
        CHECK_SAME(a->outliers.fences[i], b->outliers.fences[i]);
    check_opt_str(a->stop_reason, b->stop_reason);
    CHECK_INT_EQ(a->n_counters, b->n_counters);
    for (size_t i = 0; i < a->n_counters && i < b->n_counters; i++) {
        CHECK_STR_EQ(a->counters[i].name, b->counters[i].name);
        CHECK_SAME(a->counters[i].per_iter, b->counters[i].per_iter);
        CHECK_SAME(a->counters[i].base_per_iter, b->counters[i].base_per_iter);
        CHECK_INT_EQ(a->counters[i].exact, b->counters[i].exact);
    }
    check_change(a, b);
    check_est(&a->ratio_to_reference, &b->ratio_to_reference);
    CHECK_INT_EQ(a->flags, b->flags);
    CHECK_INT_EQ(a->warn_kinds, b->warn_kinds);
    check_opt_str(a->warning, b->warning);
    check_opt_str(a->error, b->error);
}

static void check_run_eq(const cbench_run *a, const cbench_run *b)
{
    check_context(&a->ctx, &b->ctx);
    CHECK_INT_EQ(a->n_results, b->n_results);
    for (size_t i = 0; i < a->n_results && i < b->n_results; i++)
        check_result_eq(&a->results[i], &b->results[i]);
}

/* {==================================================================
 * Round trips.
 * =================================================================== */

/* A run with the awkward cases: NaN everywhere, infinities, a huge and a
 * negative parameter, an empty-sample failed result, a name with quotes,
 * a comma and UTF-8. */
static cbench_run *awkward_run(void)
{
    static const char *const names[] = {"copy", "sum"};
    cbench_run *run = fx_run("mem", names, 2, 3.14159);
    fx_fill(cbench__run_add(run), "mem", "big", INT64_MAX, 1e-3, 9);
    cbench_result *neg = cbench__run_add(run);
    fx_fill(neg, "mem", "neg", 0, 123456.789, 10);
    neg->param_value = -(INT64_C(1) << 60);
    free(neg->id);
    neg->id = cbench__strdup("mem/neg/-1152921504606846976");
    free(neg->param);
    neg->param = cbench__strdup("-1152921504606846976");
    neg->has_param = 1;
    neg->typical.upper = INFINITY;
    neg->mean.lower = -INFINITY;
    neg->samples[3].ns = 0.1 + 0.7;
    fx_points(neg);
    neg->change.verdict = CBENCH_VERDICT_WITHIN_NOISE;
    cbench_result *bare = cbench__run_add(run);  /* all NaN, no samples */
    bare->id = cbench__strdup("odd/\"quoted\", name \xc3\xa9");
    bare->group = cbench__strdup("odd");
    bare->name = cbench__strdup("\"quoted\", name \xc3\xa9");
    bare->flags = CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED | CBENCH_RESULT_INSTRUCTIONS
                | CBENCH_RESULT_SLOW_CORE;
    bare->error = cbench__strdup("crashed: SIGSEGV");
    bare->reference = 1;
    bare->bound = 1;
    run->ctx.confidence_level = NAN;
    free(run->ctx.git_commit);
    run->ctx.git_commit = NULL;
    return run;
}

static void test_roundtrip(const char *dir)
{
    char err[1024];
    cbench_run *run = awkward_run(), *back = NULL;
    CHECK_INT_EQ(cbench_store_save(dir, "main", run, err, sizeof err), 0);
    CHECK_INT_EQ(cbench_store_load(dir, "main", &back, err, sizeof err), 0);
    if (back != NULL)
        check_run_eq(run, back);

    /* Serialising what was loaded gives the file byte for byte. */
    char path[4096];
    size_t flen = 0, slen = 0;
    cbench_store_path(dir, "main", path, sizeof path);
    char *file = fx_read(path, &flen);
    char *again = back != NULL ? cbench_store_serialize(back, &slen) : NULL;
    CHECK(file != NULL && again != NULL && flen == slen && memcmp(file, again, flen) == 0);
    CHECK(file != NULL && strstr(file, "\"schema\": 2") != NULL);
    CHECK(file != NULL && strstr(file, "\"seed\": \"18446744073709551557\"") != NULL);
    CHECK(file != NULL && strstr(file, "0.30000000000000004") != NULL);
    CHECK(file != NULL && strstr(file, "\"Infinity\"") != NULL);
    CHECK(file != NULL && strstr(file, "\"-Infinity\"") != NULL);
    CHECK(file != NULL && strstr(file, "\"param_value\": \"9223372036854775807\"") != NULL);
    free(file);
    free(again);
    cbench__run_free(back);
    cbench__run_free(run);
}

static void test_shortest_doubles(void)
{
    const double v[] = {0.95, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, 100.0,
                        -0.0, 2.0 / 3.0, 123456789.125};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char text[128];
        cbench_run *run = cbench__run_new(), *back = NULL;
        run->ctx.significance = v[i];
        char *s = cbench_store_serialize(run, NULL);
        CHECK_INT_EQ(cbench_store_parse(s, strlen(s), "mem", &back, text, sizeof text), 0);
        if (back != NULL)
            CHECK_SAME(back->ctx.significance, v[i]);
        free(s);
        cbench__run_free(back);
        cbench__run_free(run);
    }
}

/* 200,000 random bit patterns (every exponent, subnormals, signs) print to
 * text that strtod reads back to the same bits. */
static void test_random_doubles(void)
{
    uint64_t x = 0x9E3779B97F4A7C15ull;
    int bad = 0;
    for (int i = 0; i < 200000 && bad < 5; i++) {
        char buf[40];
        double v, back;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v))
            continue;
        cbench_store_format_double(buf, sizeof buf, v);
        back = strtod(buf, NULL);
        if (!same(back, v)) {
            fprintf(stderr, "double %a printed as %s reads back as %a\n", v, buf, back);
            bad++;
        }
    }
    CHECK_INT_EQ(bad, 0);
}

/* {==================================================================
 * Merging and concurrency.
 * =================================================================== */

static void test_merge_subset(const char *dir)
{
    static const char *const all[] = {"a", "b", "c"}, *const sub[] = {"b", "d"};
    char err[1024];
    cbench_run *first = fx_run("g", all, 3, 10.0);
    cbench_run *second = fx_run("g", sub, 2, 77.0), *back = NULL;
    free(second->ctx.host);
    second->ctx.host = cbench__strdup("otherhost");
    CHECK_INT_EQ(cbench_store_save(dir, "merge", first, err, sizeof err), 0);
    CHECK_INT_EQ(cbench_store_save(dir, "merge", second, err, sizeof err), 0);
    CHECK_INT_EQ(cbench_store_load(dir, "merge", &back, err, sizeof err), 0);
    if (back != NULL && back->n_results == 4) {
        check_result_eq(&back->results[0], &first->results[0]);   /* kept */
        check_result_eq(&back->results[1], &second->results[0]);  /* replaced */
        check_result_eq(&back->results[2], &first->results[2]);   /* kept */
        check_result_eq(&back->results[3], &second->results[1]);  /* added */
        CHECK_STR_EQ(back->ctx.host, "otherhost");
    } else {
        CHECK_INT_EQ(back != NULL ? back->n_results : 0, 4);
    }
    cbench__run_free(back);
    cbench__run_free(first);
    cbench__run_free(second);
}

/* Saves 'rounds' times a run holding only "<who>/x<i>" (i = round). */
static int writer(const char *dir, const char *who, int rounds)
{
    char err[1024], name[16];
    int bad = 0;
    for (int i = 0; i < rounds; i++) {
        snprintf(name, sizeof name, "x%d", i % 7);
        const char *names[] = {name};
        cbench_run *run = fx_run(who, names, 1, 5.0 + i);
        if (cbench_store_save(dir, "shared", run, err, sizeof err) != 0) {
            fprintf(stderr, "writer %s: %s\n", who, err);
            bad = 1;
        }
        cbench__run_free(run);
    }
    return bad;
}

static void test_concurrent_writers(const char *dir)
{
    enum { ROUNDS = 40 };
    char err[1024];
    pid_t pid[2];
    const char *who[2] = {"alpha", "beta"};
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        if (pid[k] == 0)
            _exit(writer(dir, who[k], ROUNDS));
    }
    for (int k = 0; k < 2; k++) {
        int st = 0;
        CHECK(waitpid(pid[k], &st, 0) == pid[k]);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    cbench_run *back = NULL;
    CHECK_INT_EQ(cbench_store_load(dir, "shared", &back, err, sizeof err), 0);
    CHECK_INT_EQ(back != NULL ? back->n_results : 0, 14);   /* 7 ids from each */
    for (int k = 0; k < 2 && back != NULL; k++)
        for (int i = 0; i < 7; i++) {
            char id[32];
            snprintf(id, sizeof id, "%s/x%d", who[k], i);
            CHECK(cbench__run_find(back, id) != NULL);
        }
    /* The last save of alpha/x(ROUNDS-1 mod 7) wins with its value. */
    cbench_result *last = back ? cbench__run_find(back, "alpha/x4") : NULL;
    CHECK(last != NULL && same(last->typical.point, 5.0 + 39));
    cbench__run_free(back);
    /* No temp file is left behind. */
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL)
        CHECK(strncmp(de->d_name, ".shared.json.", 13) != 0);
    if (d != NULL)
        closedir(d);
}

/* {==================================================================
 * Bad files: one message with file and position, file left untouched.
 * =================================================================== */

typedef struct bad_case {
    const char *what, *content, *message;
    int rc;
} bad_case;

static const bad_case bad_cases[] = {
    {"empty", "", "the file is empty", CBENCH_EFORMAT},
    {"truncated", "{\n  \"schema\": 1,\n  \"results\": [{\"id\": \"a\", \"gr",
     "line 3, column 27: string not closed before the end of file (truncated?)",
     CBENCH_EFORMAT},
    {"truncated after comma", "{\"schema\": 1,\n \"results\": [\n",
     "line 3, column 1: unexpected end of file (truncated?)", CBENCH_EFORMAT},
    {"corrupt", "{\n  \"schema\": 1,\n  \"a\" 1\n}\n",
     "line 3, column 7: not valid JSON at '1?}?'", CBENCH_EFORMAT},
    {"garbage after", "{\"schema\": 1, \"results\": []} x",
     "line 1, column 30: not valid JSON at 'x'", CBENCH_EFORMAT},
    {"nul byte", "{\"schema\": 1,\n\"results\": []}\0",
     "line 2, column 15: unexpected NUL byte (not a text file?)",
     CBENCH_EFORMAT},
    {"future schema", "{\"schema\": 3, \"results\": []}",
     "written by a newer cbench (schema 3; this build reads 1 to 2)",
     CBENCH_EFORMAT},
    {"old schema", "{\"schema\": 0, \"results\": []}",
     "schema 0 is not supported (this build reads 1 to 2)", CBENCH_EFORMAT},
    {"context out of range",
     "{\"schema\": 2, \"contexts\": [{}], \"results\": [{\"id\": \"g/a\", \"context\": 2}]}",
     "results[0].context: 2 names no context (the file has \"context\" and 1 in"
     " \"contexts\")", CBENCH_EFORMAT},
    {"context not an object", "{\"schema\": 2, \"contexts\": [{}, 5], \"results\": []}",
     "contexts[1]: expected an object", CBENCH_EFORMAT},
    {"no schema", "{\"results\": []}",
     "no \"schema\" field: not a cbench baseline, or one written before"
     " schema 1 (re-save it with this cbench)", CBENCH_EFORMAT},
    {"not an object", "[1, 2]",
     "expected a JSON object at the top level", CBENCH_EFORMAT},
    {"wrong type sample",
     "{\"schema\": 1, \"results\": [{\"id\": \"g/a\"},"
     " {\"id\": \"g/b\"}, {\"id\": \"g/c\","
     " \"samples\": {\"iters\": [1,2,3,4,5,6], \"ns\": [1,2,3,4,5,\"6\"],"
     " \"round\": [0,0,0,0,0,0]}}]}",
     "results[2].samples.ns[5]: expected a number", CBENCH_EFORMAT},
    {"wrong type id", "{\"schema\": 1, \"results\": [{\"id\": 7}]}",
     "results[0].id: expected a string", CBENCH_EFORMAT},
    {"missing id", "{\"schema\": 1, \"results\": [{\"group\": \"g\", \"name\": \"n\"}]}",
     "results[0].id: missing (a string is required)", CBENCH_EFORMAT},
    {"null id", "{\"schema\": 1, \"results\": [{\"id\": null}]}",
     "results[0].id: expected a string", CBENCH_EFORMAT},
    {"wrong type group", "{\"schema\": 1, \"results\": [{\"id\": \"g/a\", \"group\": 1}]}",
     "results[0].group: expected a string or null", CBENCH_EFORMAT},
    {"negative count",
     "{\"schema\": 1, \"results\": [{\"id\": \"g/a\","
     " \"outliers\": {\"low_mild\": -1}}]}",
     "results[0].outliers.low_mild: expected an integer from 0 to 4294967295",
     CBENCH_EFORMAT},
    {"unknown flag",
     "{\"schema\": 1, \"results\": [{\"id\": \"g/a\","
     " \"flags\": [\"flat\", \"shiny\"]}]}",
     "results[0].flags[1]: expected one of \"unstable\", \"failed\","
     " \"skipped\", \"flat\", \"instructions\", \"slow-core\"", CBENCH_EFORMAT},
    {"warning kind not a string",
     "{\"schema\": 1, \"results\": [{\"id\": \"g/a\","
     " \"warning_kinds\": [\"drift\", 3]}]}",
     "results[0].warning_kinds[1]: expected a string", CBENCH_EFORMAT},
    {"duplicate id",
     "{\"schema\": 1, \"results\": [{\"id\": \"g/a\"},"
     " {\"id\": \"g/a\"}]}",
     "results[1]: duplicate id 'g/a' (also results[0])", CBENCH_EFORMAT},
    {"ragged samples",
     "{\"schema\": 1, \"results\": [{\"id\": \"g/a\","
     " \"samples\": {\"iters\": [1, 2], \"ns\": [1], \"round\": [0, 0]}}]}",
     "results[0].samples: \"ns\" has 1 entries but \"iters\" has 2",
     CBENCH_EFORMAT},
    {"bad seed", "{\"schema\": 1, \"context\": {\"seed\": \"-5\"}, \"results\": []}",
     "context.seed: expected a decimal integer from 0 to"
     " 18446744073709551615", CBENCH_EFORMAT},
    {"no results", "{\"schema\": 1}", "no \"results\" array",
     CBENCH_EFORMAT},
    {"results not an array", "{\"schema\": 1, \"results\": {}}",
     "results: expected an array", CBENCH_EFORMAT},
    {"schema not an integer", "{\"schema\": \"1\", \"results\": []}",
     "schema: expected an integer", CBENCH_EFORMAT},
};

static void test_bad_files(const char *dir)
{
    char path[4096], err[1024], want[8192];
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        size_t len = strlen(c->content) + (strcmp(c->what, "nul byte") == 0);
        cbench_run *run = NULL;
        snprintf(path, sizeof path, "%s/bad%zu.json", dir, i);
        CHECK(fx_write(path, c->content, len) == 0);
        int rc = cbench_store_load_file(path, &run, err, sizeof err);
        snprintf(want, sizeof want, "baseline '%s': %s", path, c->message);
        if (rc != c->rc || strcmp(err, want) != 0)
            fprintf(stderr, "case '%s':\n  got  %d %s\n  want %d %s\n", c->what, rc, err,
                    c->rc, want);
        CHECK_INT_EQ(rc, c->rc);
        CHECK_STR_EQ(err, want);
        CHECK(run == NULL);
        /* Saving into it is refused and leaves it byte for byte. */
        char name[32];
        static const char *const one[] = {"x"};
        cbench_run *r2 = fx_run("g", one, 1, 1.0);
        snprintf(name, sizeof name, "bad%zu", i);
        CHECK_INT_EQ(cbench_store_save(dir, name, r2, err, sizeof err), c->rc);
        CHECK(strstr(err, "left untouched") != NULL);
        size_t after_len = 0;
        char *after = fx_read(path, &after_len);
        CHECK(after != NULL && after_len == len && memcmp(after, c->content, len) == 0);
        free(after);
        cbench__run_free(r2);
    }
}

/* Kinds of warning: every kind reads back by name; a file without the
 * key (older cbench) has none, and names a newer cbench may add are
 * skipped, not an error. */
static void test_warning_kinds(void)
{
    const char *text = "{\"schema\": 1, \"results\": [{\"id\": \"g/a\", \"warning\": \"w\"},"
                       " {\"id\": \"g/b\", \"warning_kinds\": [\"slow-core\", \"from-the-future\","
                       " \"page-faults\"]}]}";
    char err[256];
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), "kinds", &run, err, sizeof err), 0);
    if (run != NULL && run->n_results == 2) {
        CHECK_INT_EQ(run->results[0].warn_kinds, 0);
        CHECK_INT_EQ(run->results[1].warn_kinds, CBENCH_WARN_SLOW_CORE | CBENCH_WARN_PAGE_FAULTS);
    }
    cbench__run_free(run);
    static const char *const one[] = {"x"};
    run = fx_run("g", one, 1, 1.0);
    run->results[0].warn_kinds = (1u << CBENCH_WARN_KINDS) - 1;
    size_t len = 0;
    char *json = cbench_store_serialize(run, &len);
    cbench_run *back = NULL;
    CHECK(json != NULL && cbench_store_parse(json, len, "all", &back, err, sizeof err) == 0);
    CHECK(back != NULL && back->results[0].warn_kinds == (1u << CBENCH_WARN_KINDS) - 1);
    for (unsigned i = 0; i < CBENCH_WARN_KINDS; i++)
        CHECK(json != NULL && strstr(json, cbench__warn_kind_name(i)) != NULL);
    CHECK(cbench__warn_kind_name(CBENCH_WARN_KINDS) == NULL);
    free(json);
    cbench__run_free(back);
    cbench__run_free(run);
}

/* A result with only an id gets its group, name and parameter from it. */
static void test_minimal_result(void)
{
    const char *text = "{\"schema\": 1, \"results\": [{\"id\": \"grp/nm/64\"},"
                       " {\"id\": \"g/solo\"}]}";
    char err[256];
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), "mini", &run, err, sizeof err), 0);
    if (run != NULL && run->n_results == 2) {
        CHECK_STR_EQ(run->results[0].group, "grp");
        CHECK_STR_EQ(run->results[0].name, "nm");
        CHECK_STR_EQ(run->results[0].param, "64");
        CHECK(run->results[0].param_value == 64);
        CHECK_STR_EQ(run->results[1].group, "g");
        CHECK(run->results[1].param == NULL && !run->results[1].has_param);
        CHECK_STR_EQ(run->results[1].name, "solo");
        CHECK(isnan(run->results[0].typical.point));
        CHECK_INT_EQ(run->results[0].n_samples, 0);
        CHECK_INT_EQ(run->results[0].has_change, 0);
    }
    cbench__run_free(run);
}

static void test_missing(const char *dir)
{
    char err[1024], want[4096 + 128];
    cbench_run *run = (cbench_run *)1;
    CHECK_INT_EQ(cbench_store_load(dir, "nope", &run, err, sizeof err), CBENCH_ENOENT);
    snprintf(want, sizeof want, "no baseline 'nope' in '%s' (%s/nope.json does not exist)",
             dir, dir);
    CHECK_STR_EQ(err, want);
    CHECK(run == NULL);
    CHECK_INT_EQ(cbench_store_load(dir, "../etc", &run, err, sizeof err), CBENCH_EINVAL);
    CHECK(strstr(err, "invalid baseline name '../etc'") != NULL);
}

/* {==================================================================
 * Names, paths, listing.
 * =================================================================== */

static void test_names(void)
{
    char buf[64];
    CHECK(cbench_store_valid_name("main"));
    CHECK(cbench_store_valid_name("v1.2_rc-3"));
    CHECK(!cbench_store_valid_name(""));
    CHECK(!cbench_store_valid_name(".hidden"));
    CHECK(!cbench_store_valid_name("a/b"));
    CHECK(!cbench_store_valid_name("a b"));
    CHECK(!cbench_store_valid_name(NULL));
    CHECK_INT_EQ(cbench_store_path("d", "x", buf, sizeof buf), 0);
    CHECK_STR_EQ(buf, "d/x.json");
    CHECK_INT_EQ(cbench_store_path("d", "x", buf, 5), CBENCH_ENOMEM);
    CHECK_INT_EQ(cbench_store_path("d", "../x", buf, sizeof buf), CBENCH_EINVAL);
}

static void test_list(const char *root)
{
    char dir[4096], path[4200], err[256];
    char **names = NULL;
    size_t n = 99;
    snprintf(dir, sizeof dir, "%s/listing", root);
    CHECK_INT_EQ(cbench_store_list(dir, &names, &n, err, sizeof err), 0);  /* missing */
    CHECK_INT_EQ(n, 0);
    CHECK_INT_EQ(cbench_store_mkdirs(dir, err, sizeof err), 0);
    const char *files[] = {"zeta.json", "alpha.json", ".alpha.json.ab12cd", "x.json.lock",
                           ".hidden.json", "a b.json", "notes.txt", ".json", "m.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        CHECK(fx_write(path, "{}", 2) == 0);
    }
    CHECK_INT_EQ(cbench_store_list(dir, &names, &n, err, sizeof err), 0);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_STR_EQ(names[0], "alpha");
        CHECK_STR_EQ(names[1], "m");
        CHECK_STR_EQ(names[2], "zeta");
    }
    cbench_store_list_free(names, n);
}

/* {==================================================================
 * Failing writes leave the old file intact.
 * =================================================================== */

static char *save_reference(const char *dir, const char *name, size_t *len)
{
    static const char *const one[] = {"old"};
    char err[1024], path[4096];
    cbench_run *run = fx_run("keep", one, 1, 2.0);
    CHECK_INT_EQ(cbench_store_save(dir, name, run, err, sizeof err), 0);
    cbench__run_free(run);
    cbench_store_path(dir, name, path, sizeof path);
    return fx_read(path, len);
}

static void check_unchanged(const char *dir, const char *name, const char *old, size_t len)
{
    char path[4096];
    size_t now_len = 0;
    cbench_store_path(dir, name, path, sizeof path);
    char *now = fx_read(path, &now_len);
    CHECK(old != NULL && now != NULL && now_len == len && memcmp(now, old, len) == 0);
    free(now);
}

static void test_unwritable_dir(const char *root)
{
    char dir[4096], err[1024], notdir[4200];
    static const char *const more[] = {"new"};
    cbench_run *run = fx_run("keep", more, 1, 3.0);

    /* A directory path through a regular file. */
    snprintf(notdir, sizeof notdir, "%s/plainfile", root);
    CHECK(fx_write(notdir, "x", 1) == 0);
    snprintf(dir, sizeof dir, "%s/plainfile/sub", root);
    CHECK_INT_EQ(cbench_store_save(dir, "b", run, err, sizeof err), CBENCH_EIO);
    CHECK(strstr(err, "cannot save baseline 'b': cannot create directory") != NULL);
    CHECK(strstr(err, "Not a directory") != NULL);

    /* A read-only directory. Root ignores permissions, so as root the save
     * runs in a child that drops to user 'nobody' (65534), for whom the
     * 0755 root-owned directory is read-only. */
    snprintf(dir, sizeof dir, "%s/readonly", root);
    size_t len;
    char *old = save_reference(dir, "b", &len);
    int as_root = geteuid() == 0;
    CHECK(chmod(dir, as_root ? 0755 : 0500) == 0);
    CHECK(!as_root || chmod(root, 0755) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        if (as_root && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        int rc = cbench_store_save(dir, "b", run, err, sizeof err);
        if (rc != CBENCH_EIO || strstr(err, "Permission denied") == NULL) {
            fprintf(stderr, "read-only dir: rc %d: %s\n", rc, err);
            _exit(1);
        }
        _exit(0);
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
    if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
        fprintf(stderr, "note: cannot drop to user nobody, read-only check skipped\n");
    else
        CHECK_INT_EQ(WEXITSTATUS(st), 0);
    CHECK(chmod(dir, 0755) == 0);
    CHECK(chmod(root, 0700) == 0);
    check_unchanged(dir, "b", old, len);
    free(old);
    cbench__run_free(run);
}

static int devfull_hook(int fd, void *ctx)
{
    int full = open("/dev/full", O_WRONLY | O_CLOEXEC);
    (void)ctx;
    if (full < 0)
        return 0;                     /* no /dev/full: write succeeds */
    int rc = dup2(full, fd) < 0 ? -1 : 0;
    close(full);
    return rc;
}

static void test_full_disk(const char *dir)
{
    char err[1024], path[4096];
    size_t len;
    char *old = save_reference(dir, "full", &len);
    cbench_store_path(dir, "full", path, sizeof path);
    if (access("/dev/full", W_OK) != 0) {
        fprintf(stderr, "note: no /dev/full, full-disk check skipped\n");
        free(old);
        return;
    }
    int rc = cbench_store_write_atomic_hooked(path, "new content", 11, devfull_hook, NULL,
                                              err, sizeof err);
    CHECK_INT_EQ(rc, CBENCH_EIO);
    CHECK(strstr(err, "No space left on device") != NULL);
    CHECK(strstr(err, "was left unchanged") != NULL);
    CHECK(strstr(err, "/.full.json.") != NULL);      /* names the temp file */
    check_unchanged(dir, "full", old, len);
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL)
        CHECK(strncmp(de->d_name, ".full.json.", 11) != 0);
    if (d != NULL)
        closedir(d);
    free(old);
}

/* RLIMIT_FSIZE makes write() fail with EFBIG part-way, like a full disk
 * with no hook at all (works for root too). Runs in a child. */
static void test_file_size_limit(const char *dir)
{
    size_t len;
    char *old = save_reference(dir, "limit", &len);
    pid_t pid = fork();
    if (pid == 0) {
        static const char *const many[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
        char err[1024];
        struct rlimit rl = {len + 100, len + 100};
        signal(SIGXFSZ, SIG_IGN);
        cbench_run *run = fx_run("big", many, 8, 1.0);
        int ok = setrlimit(RLIMIT_FSIZE, &rl) == 0 &&
                 cbench_store_save(dir, "limit", run, err, sizeof err) == CBENCH_EIO &&
                 strstr(err, "File too large") != NULL;
        if (!ok)
            fprintf(stderr, "size limit: %s\n", err);
        _exit(ok ? 0 : 1);
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    check_unchanged(dir, "limit", old, len);
    free(old);
}

int main(void)
{
    char *dir = fx_tmpdir();
    if (dir == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_names();
    test_shortest_doubles();
    test_random_doubles();
    test_roundtrip(dir);
    test_merge_subset(dir);
    test_concurrent_writers(dir);
    test_bad_files(dir);
    test_minimal_result();
    test_warning_kinds();
    test_missing(dir);
    test_list(dir);
    test_unwritable_dir(dir);
    test_full_disk(dir);
    test_file_size_limit(dir);
    if (check_failures == 0)
        fx_rmtree(dir);
    else
        fprintf(stderr, "test files kept in %s\n", dir);
    free(dir);
    return check_result();
}
