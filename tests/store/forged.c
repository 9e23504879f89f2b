/* SPDX-License-Identifier: MIT
 *
 * forged.c - a baseline edited by hand or forged is refused on load (issue
 * 17, items 8 and 9), with one message naming the file, the field and what
 * is allowed: an id the registry would not make (a newline forged a TAP
 * line, an escape coloured the terminal), a sample no clock measures (every
 * ns at -5 made `cbench compare` report -100 % "improved"), estimates that
 * are not their samples' (an edited sample moved the change by 20 % while
 * the printed estimate stayed).
 */
#include <math.h>

#include "check.h"
#include "fixture.h"
#include "stats/analysis.h"
#include "store/store.h"

#define FILE_NAME "forged.json"
#define PREFIX "baseline '" FILE_NAME "': "

/* Parses text; expects it refused with PREFIX message (message NULL:
 * expects it accepted). */
static void expect_load(const char *text, const char *message)
{
    char err[1024] = "";
    cbench_run *run = NULL;
    int rc = cbench_store_parse(text, strlen(text), FILE_NAME, &run, err, sizeof err);
    if (message == NULL) {
        if (rc != 0)
            fprintf(stderr, "refused: %s\n  %s\n", text, err);
        CHECK_INT_EQ(rc, 0);
        cbench__run_free(run);
        return;
    }
    char want[1024];
    snprintf(want, sizeof want, PREFIX "%s", message);
    CHECK_INT_EQ(rc, CBENCH_EFORMAT);
    CHECK_STR_EQ(err, want);
    CHECK(run == NULL);
}

/* A file holding the one result whose JSON fields are 'fields'. */
static void expect_result(const char *fields, const char *message)
{
    char text[2048];
    snprintf(text, sizeof text, "{\"schema\": 2, \"results\": [{%s}]}", fields);
    expect_load(text, message);
}

#define ID_EXPECTED "; expected GROUP/NAME or GROUP/NAME/PARAM, GROUP and NAME 1 to 100" \
    " bytes of UTF-8 without '/' or control characters, PARAM a decimal 64-bit integer or 1 to 4" \
    " AXIS=VALUE parts (AXIS 1 to 31 bytes without '=', VALUE a decimal 64-bit integer)," \
    " then /threads=N (1..1024) for a thread count"

#define AXES_EXPECTED "results[0].id: not a benchmark id: its parameter is not 1 to 4" \
    " AXIS=VALUE parts as cbench writes them (distinct axes, values decimal 64-bit" \
    " integers)" ID_EXPECTED

static void test_ids_follow_the_registration_rule(void)
{
    expect_result("\"id\": \"g/n\\nok 99 - injected\"",
                  "results[0].id: not a benchmark id: byte 4 is a control character (0x0a)"
                  ID_EXPECTED);
    expect_result("\"id\": \"g/\\u001b[31mred\"",
                  "results[0].id: not a benchmark id: byte 3 is a control character (0x1b)"
                  ID_EXPECTED);
    expect_result("\"id\": \"g\\u007f/n\"",
                  "results[0].id: not a benchmark id: byte 2 is a control character (0x7f)"
                  ID_EXPECTED);
    expect_result("\"id\": \"solo\"",
                  "results[0].id: not a benchmark id: it has 1 part separated by '/' (2 or"
                  " 3 expected, more with AXIS=VALUE parts)" ID_EXPECTED);
    expect_result("\"id\": \"a/b/1/2\"",
                  "results[0].id: not a benchmark id: it has 4 parts separated by '/' (2 or"
                  " 3 expected, more with AXIS=VALUE parts)" ID_EXPECTED);
    expect_result("\"id\": \"/n\"", "results[0].id: not a benchmark id: its group is empty"
                  ID_EXPECTED);
    expect_result("\"id\": \"g/\"", "results[0].id: not a benchmark id: its name is empty"
                  ID_EXPECTED);
    expect_result("\"id\": \"\"", "results[0].id: not a benchmark id: it is empty"
                  ID_EXPECTED);
    expect_result("\"id\": \"g/n/007\"",
                  "results[0].id: not a benchmark id: its parameter is not a decimal 64-bit"
                  " integer as cbench writes one" ID_EXPECTED);
    expect_result("\"id\": \"g/n/9223372036854775808\"",
                  "results[0].id: not a benchmark id: its parameter is not a decimal 64-bit"
                  " integer as cbench writes one" ID_EXPECTED);
    char fields[512], name[128];
    memset(name, 'x', 101);
    name[101] = '\0';
    snprintf(fields, sizeof fields, "\"id\": \"g/%s\"", name);
    expect_result(fields, "results[0].id: not a benchmark id: its name has 101 bytes (at most"
                  " 100)" ID_EXPECTED);
    /* What the registry accepts is accepted. */
    name[100] = '\0';
    snprintf(fields, sizeof fields, "\"id\": \"g/%s\"", name);
    expect_result(fields, NULL);
    expect_result("\"id\": \"mem/\\\"q\\\", # TODO \\u00e9/-9223372036854775808\"", NULL);
}

/* The names the printers show are the id's parts, so a forged "name"
 * cannot hide behind a clean id. */
static void test_names_are_the_ids_parts(void)
{
    expect_result("\"id\": \"g/n\", \"name\": \"n\\u001b[2J\"",
                  "results[0].name: is not the name of the id 'g/n' (cbench writes them"
                  " alike)");
    expect_result("\"id\": \"g/n\", \"group\": \"h\"",
                  "results[0].group: is not the group of the id 'g/n' (cbench writes them"
                  " alike)");
    expect_result("\"id\": \"g/n/8\", \"param\": \"9\"",
                  "results[0].param: is not the parameter of the id 'g/n/8' (cbench writes"
                  " them alike)");
    expect_result("\"id\": \"g/n/8\", \"param_value\": 9",
                  "results[0].param_value: is not the parameter of the id 'g/n/8' (cbench"
                  " writes them alike)");
    expect_result("\"id\": \"g/n\", \"param_value\": 9",
                  "results[0].param_value: is not the parameter (it has none) of the id"
                  " 'g/n' (cbench writes them alike)");
    /* A missing parameter is the id's. */
    const char *text = "{\"schema\": 2, \"results\": [{\"id\": \"g/n/-64\"}]}";
    char err[512];
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), FILE_NAME, &run, err, sizeof err), 0);
    if (run != NULL) {
        CHECK_STR_EQ(run->results[0].param, "-64");
        CHECK(run->results[0].has_param && run->results[0].param_value == -64);
    }
    cbench__run_free(run);
}

static void samples_case(const char *iters, const char *ns, const char *message)
{
    char fields[512];
    snprintf(fields, sizeof fields, "\"id\": \"g/n\", \"samples\": {\"iters\": [%s],"
             " \"ns\": [%s], \"round\": [0, 0]}", iters, ns);
    expect_result(fields, message);
}

#define NS_EXPECTED "expected the sample's time, a finite number of nanoseconds > 0"
#define ITERS_EXPECTED "expected a whole number of iterations, at least 1"

static void test_impossible_samples(void)
{
    samples_case("1000, 1000", "-5, -5", "results[0].samples.ns[0]: -5: " NS_EXPECTED);
    samples_case("1000, 1000", "5, 0", "results[0].samples.ns[1]: 0: " NS_EXPECTED);
    samples_case("1000, 1000", "5, null", "results[0].samples.ns[1]: null: " NS_EXPECTED);
    samples_case("1000, 1000", "5, \"Infinity\"",
                 "results[0].samples.ns[1]: inf: " NS_EXPECTED);
    samples_case("0, 1000", "5, 5", "results[0].samples.iters[0]: 0: " ITERS_EXPECTED);
    samples_case("-3, 1000", "5, 5", "results[0].samples.iters[0]: -3: " ITERS_EXPECTED);
    samples_case("1.5, 1000", "5, 5", "results[0].samples.iters[0]: 1.5: " ITERS_EXPECTED);
    samples_case("1000, \"Infinity\"", "5, 5",
                 "results[0].samples.iters[1]: inf: " ITERS_EXPECTED);
    samples_case("1000, 2000", "5, 1e-300", NULL);        /* tiny, but a time */
}

/* A result as the engine makes it: samples analysed. */
static cbench_result *measured(cbench_run *run)
{
    cbench_result *r = cbench__run_add(run);
    fx_fill(r, "g", "n", 8, 10.0, 3);
    r->flags = 0;                                  /* not flat: the slope is checked too */
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.n_resamples = 200;
    CHECK_INT_EQ(cbench_analysis_run(&o, r), 0);
    return r;
}

static void expect_run(const cbench_run *run, const char *message)
{
    char *text = cbench_store_serialize(run, NULL);
    CHECK(text != NULL);
    if (text != NULL)
        expect_load(text, message);
    free(text);
}

/* Expects run refused with a message on the field at (a prefix). */
static void expect_run_at(const cbench_run *run, const char *at)
{
    char *text = cbench_store_serialize(run, NULL), err[1024] = "", want[256];
    cbench_run *back = NULL;
    CHECK(text != NULL);
    int rc = text != NULL ? cbench_store_parse(text, strlen(text), FILE_NAME, &back, err,
                                               sizeof err) : 0;
    snprintf(want, sizeof want, PREFIX "%s", at);
    CHECK_INT_EQ(rc, CBENCH_EFORMAT);
    if (strncmp(err, want, strlen(want)) != 0)
        fprintf(stderr, "'%s' does not start with '%s'\n", err, want);
    CHECK(strncmp(err, want, strlen(want)) == 0);
    free(text);
}

static void test_estimates_are_the_samples(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = measured(run);
    expect_run(run, NULL);
    /* One sample edited by hand: 20 % slower, the estimates as they were. */
    double mean = r->mean.point;
    r->samples[7].ns *= 1.2;
    char want[512];
    cbench_points p;
    CHECK_INT_EQ(cbench_analysis_points(r, &p), 0);
    snprintf(want, sizeof want, "results[0].mean.point: %.17g is not the mean of the"
             " result's samples (%.17g): a sample or the estimate was edited, so the file no"
             " longer says what was measured; restore it or measure again", mean, p.mean);
    expect_run(run, want);
    r->samples[7].ns /= 1.2;
    /* Each point is checked, and an undefined one claims nothing. */
    double median = r->median.point;
    r->median.point *= 1.01;
    snprintf(want, sizeof want, "results[0].median.point: %.17g is not the median of the"
             " result's samples (%.17g): a sample or the estimate was edited, so the file no"
             " longer says what was measured; restore it or measure again",
             r->median.point, median);
    expect_run(run, want);
    r->median.point = NAN;
    expect_run(run, NULL);
    double slope = r->slope.point;
    r->slope.point *= 0.5;
    expect_run_at(run, "results[0].slope.point: ");
    r->slope.point = slope;
    /* The headline lies among the per-iteration times, whatever estimator. */
    double typical = r->typical.point;
    r->typical.point = 2 * p.max;
    expect_run_at(run, "results[0].typical.point: ");
    r->typical.point = typical;
    expect_run(run, NULL);
    cbench__run_free(run);
}

/* A multi-threaded benchmark's id ends with "/threads=N" as the registry
 * writes it; its "threads" object must say the same count. */
static void test_thread_counts(void)
{
    expect_result("\"id\": \"g/n/threads=2\"", NULL);
    expect_result("\"id\": \"g/threads=2\"", NULL);    /* a benchmark of that name */
    expect_result("\"id\": \"g/n/64/threads=1024\"", NULL);
    /* Not a thread count, and not an axis either ("threads" is no axis name). */
    expect_result("\"id\": \"g/n/threads=02\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/64/threads=1025\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/threads=2\", \"threads\": {\"count\": 3}",
                  "results[0].threads: count 3 is not the thread count of the id (2)");
    expect_result("\"id\": \"g/n\", \"threads\": {\"count\": 2}",
                  "results[0].threads: count 2 is not the thread count of the id (0)");
    /* A missing "threads" object is the id's count (a file before them). */
    const char *text = "{\"schema\": 2, \"results\": [{\"id\": \"g/n/8/threads=4\"}]}";
    char err[512];
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), FILE_NAME, &run, err, sizeof err), 0);
    if (run != NULL) {
        CHECK_INT_EQ(run->results[0].threads.count, 4);
        CHECK(run->results[0].has_param && run->results[0].param_value == 8);
        CHECK_STR_EQ(run->results[0].name, "n");
    }
    cbench__run_free(run);
}

/* A benchmark with axes has the id g/n/AXIS=VALUE/...: each part names an
 * axis once with a value written as cbench writes one; a thread count's
 * suffix follows them. */
static void test_axis_ids(void)
{
    expect_result("\"id\": \"g/n/points=4096/stride=4\"", NULL);
    expect_result("\"id\": \"g/n/a=1/b=2/c=3/d=-4\"", NULL);
    expect_result("\"id\": \"g/n/points=4096/stride=4/threads=2\"", NULL);
    expect_result("\"id\": \"g/n/points=4096/stride=04\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/points=1/points=2\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/points=1/2\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/=1\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/a=1/b=2/c=3/d=4/e=5\"", AXES_EXPECTED);
    expect_result("\"id\": \"g/n/threads=2/k=1\"", AXES_EXPECTED);
}

/* The "axes" field, when there, is the id's; an older file has none and
 * gets them from the id. */
static void test_axes_are_the_ids(void)
{
    expect_result("\"id\": \"g/n/points=8/stride=4\", \"axes\": {\"points\": 8, \"stride\": 4}",
                  NULL);
    expect_result("\"id\": \"g/n/points=8/stride=4\", \"axes\": {\"points\": 8, \"stride\": 5}",
                  "results[0].axes: is not the axes of the id 'g/n/points=8/stride=4' (cbench"
                  " writes them alike)");
    expect_result("\"id\": \"g/n/8\", \"axes\": {\"points\": 8}",
                  "results[0].axes: is not the axes of the id 'g/n/8' (cbench writes them"
                  " alike)");
    expect_result("\"id\": \"g/n/points=8/stride=4\", \"param_value\": 4",
                  "results[0].param_value: is not the parameter of the id"
                  " 'g/n/points=8/stride=4' (cbench writes them alike)");
    const char *text = "{\"schema\": 2, \"results\": [{\"id\": \"g/n/points=8/stride=4/threads=2\"}]}";
    char err[512];
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), FILE_NAME, &run, err, sizeof err), 0);
    if (run != NULL) {
        const cbench_result *r = &run->results[0];
        CHECK_STR_EQ(r->param, "points=8/stride=4");
        CHECK(r->has_param && r->param_value == 8);
        CHECK_INT_EQ(r->n_axes, 2);
        CHECK_STR_EQ(r->axes[1].name, "stride");
        CHECK_INT_EQ(r->axes[1].value, 4);
        CHECK_INT_EQ(r->threads.count, 2);
    }
    cbench__run_free(run);
}

int main(void)
{
    test_thread_counts();
    test_ids_follow_the_registration_rule();
    test_names_are_the_ids_parts();
    test_impossible_samples();
    test_estimates_are_the_samples();
    test_axis_ids();
    test_axes_are_the_ids();
    return check_result();
}
