/* SPDX-License-Identifier: MIT
 *
 * export.c - tests of the exports: Google Benchmark JSON parsed back and
 * checked for what compare.py and github-action-benchmark read, CSV read
 * back with an RFC 4180 parser (hostile names), baseline JSON re-parsed,
 * and write errors reported.
 */
#include <cJSON.h>

#include <errno.h>

#include "check.h"
#include "fixture.h"
#include "store/export.h"
#include "store/store.h"

/* Captures what fn writes for run into a malloc'd string. */
static char *capture(int (*fn)(FILE *, const cbench_run *), const cbench_run *run, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    *rc = fn(f, run);
    fclose(f);
    return buf;
}

static cbench_run *export_run(void)
{
    static const char *const names[] = {"copy", "sum"};
    cbench_run *run = fx_run("mem", names, 2, 3.25);
    cbench_result *e = cbench__run_add(run);
    fx_fill(e, "parse", "json", 4096, 1500.0, 3);
    e->throughput = CBENCH_THROUGHPUT_ELEMENTS;
    e->throughput_per_iter = 10.0;
    e->n_rounds = 1;
    cbench_result *bad = cbench__run_add(run);   /* failed: no estimates */
    bad->id = cbench__strdup("mem/crash");
    bad->group = cbench__strdup("mem");
    bad->name = cbench__strdup("crash");
    bad->flags = CBENCH_RESULT_FAILED;
    bad->error = cbench__strdup("killed by SIGSEGV");
    return run;
}

static const cJSON *find_bench(const cJSON *list, const char *name)
{
    const cJSON *b;
    cJSON_ArrayForEach(b, list) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(b, "name");
        if (cJSON_IsString(n) && strcmp(n->valuestring, name) == 0)
            return b;
    }
    return NULL;
}

static double num_of(const cJSON *o, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(it) ? it->valuedouble : NAN;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

/* Every entry has what compare.py (is_potentially_comparable_benchmark,
 * partition_benchmarks) and github-action-benchmark (googlecpp) read. */
static void check_required_keys(const cJSON *b)
{
    static const char *const strs[] = {"name", "run_name", "run_type", "time_unit"};
    static const char *const nums[] = {"repetitions", "threads", "iterations",
                                       "real_time", "cpu_time", "family_index",
                                       "per_family_instance_index"};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        CHECK(str_of(b, strs[i]) != NULL);
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        CHECK(isfinite(num_of(b, nums[i])));
    CHECK_STR_EQ(str_of(b, "time_unit"), "ns");
    const char *type = str_of(b, "run_type");
    CHECK(type != NULL && (strcmp(type, "iteration") == 0 || strcmp(type, "aggregate") == 0));
    if (type != NULL && strcmp(type, "aggregate") == 0)
        CHECK(str_of(b, "aggregate_name") != NULL);
    else
        CHECK(isfinite(num_of(b, "repetition_index")));
}

/* A user counter "hits" on r with values 1..4 in rounds 0..3. */
static void add_hits(cbench_result *r)
{
    r->user_counters = calloc(1, sizeof *r->user_counters);
    cbench_user_counter *u = &r->user_counters[0];
    r->n_user_counters = 1;
    snprintf(u->name, sizeof u->name, "hits");
    u->flags = CBENCH_COUNTER_PER_ITERATION;
    u->rounds = malloc(4 * sizeof *u->rounds);
    u->round_ids = malloc(4 * sizeof *u->round_ids);
    for (uint32_t i = 0; i < 4; i++) {
        u->rounds[i] = i + 1.0;
        u->round_ids[i] = i;
    }
    u->n_rounds = 4;
    fx_est(&u->value, 2.25, 0.5);
}

/* Round k's time per iteration as Google Benchmark measures a
 * repetition: its total ns over its total iterations. */
static double round_mean(const cbench_result *r, uint32_t k)
{
    double ns = 0, it = 0;
    for (size_t i = 0; i < r->n_samples; i++)
        if (r->samples[i].round == k) {
            ns += r->samples[i].ns;
            it += r->samples[i].iters;
        }
    return ns / it;
}

/* The entries named name, in order; how many. */
static size_t entries(const cJSON *list, const char *name, const cJSON **out, size_t max)
{
    size_t n = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, list)
        if (strcmp(str_of(b, "name"), name) == 0 && n < max)
            out[n++] = b;
    return n;
}

/* Equal repetition indices; an aggregate has none (NaN). */
static int same_index(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

static void test_gbench(void)
{
    int rc = -1;
    cbench_run *run = export_run();
    add_hits(&run->results[0]);
    for (size_t i = 0; i < run->results[2].n_samples; i++)
        run->results[2].samples[i].round = 0;          /* parse/json: one round */
    char *text = capture(cbench_export_gbench, run, &rc);
    CHECK_INT_EQ(rc, 0);
    cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
    CHECK(root != NULL);
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(root, "context");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "benchmarks"), *b;
    CHECK(cJSON_IsObject(ctx) && cJSON_IsArray(list));
    CHECK_STR_EQ(str_of(ctx, "date"), "2026-11-25T12:00:00Z");
    CHECK_STR_EQ(str_of(ctx, "host_name"), "testhost");
    CHECK_STR_EQ(str_of(ctx, "library_build_type"), "release");
    CHECK_STR_EQ(str_of(ctx, "seed"), "18446744073709551557");
    cJSON_ArrayForEach(b, list)
        check_required_keys(b);
    /* 2 results x (4 repetitions + 4 aggregates) + parse/json (1 round: one
     * repetition, no aggregates) + crash. */
    CHECK_INT_EQ(cJSON_GetArraySize(list), 18);

    /* Each round is a repetition sharing the benchmark's name. */
    const cbench_result *rc0 = &run->results[0];
    const cJSON *rep[8];
    CHECK_INT_EQ(entries(list, "mem/copy", rep, 8), 4);
    double sum = 0;
    for (size_t i = 0; i < 4; i++) {
        CHECK_STR_EQ(str_of(rep[i], "run_type"), "iteration");
        CHECK(num_of(rep[i], "repetition_index") == (double)i);
        CHECK(num_of(rep[i], "repetitions") == 4);
        CHECK(num_of(rep[i], "iterations") == 15000);
        CHECK(num_of(rep[i], "real_time") == round_mean(rc0, (uint32_t)i));
        CHECK(num_of(rep[i], "cpu_time") == num_of(rep[i], "real_time"));
        CHECK(num_of(rep[i], "bytes_per_second") == 4096.0 * 1e9 / num_of(rep[i], "real_time"));
        CHECK(num_of(rep[i], "instructions") == 1234.5);
        CHECK(num_of(rep[i], "family_index") == 0);
        CHECK(num_of(rep[i], "hits") == (double)i + 1);     /* the round's value */
        sum += round_mean(rc0, (uint32_t)i);
    }
    const cJSON *typ = find_bench(list, "mem/copy_typical");
    CHECK(typ != NULL && num_of(typ, "real_time") == 3.25);     /* cbench's headline */
    CHECK(typ != NULL && num_of(typ, "hits") == 2.25);
    CHECK_STR_EQ(typ != NULL ? str_of(typ, "aggregate_name") : NULL, "typical");
    const cJSON *cm = find_bench(list, "mem/copy_mean");
    CHECK(cm != NULL && num_of(cm, "real_time") == sum / 4);  /* over the repetitions */
    CHECK(cm != NULL && num_of(cm, "hits") == 2.5);
    CHECK(cm != NULL && num_of(cm, "iterations") == 60000);
    const cJSON *sum_b = find_bench(list, "mem/sum");
    CHECK(sum_b != NULL && num_of(sum_b, "per_family_instance_index") == 1);
    const cJSON *mean = find_bench(list, "mem/sum_mean");
    CHECK(mean != NULL && num_of(mean, "repetitions") == 4);
    CHECK_STR_EQ(mean != NULL ? str_of(mean, "run_name") : NULL, "mem/sum");
    CHECK_STR_EQ(mean != NULL ? str_of(mean, "aggregate_unit") : NULL, "time");
    const cJSON *sd = find_bench(list, "mem/sum_stddev");
    CHECK(sd != NULL && !cJSON_HasObjectItem(sd, "bytes_per_second"));
    CHECK(sd != NULL && num_of(sd, "real_time") > 0);
    const cJSON *js = find_bench(list, "parse/json/4096");
    CHECK(js != NULL && num_of(js, "family_index") == 1);
    CHECK(js != NULL && num_of(js, "repetitions") == 1);
    CHECK(js != NULL && num_of(js, "items_per_second") ==
          10.0 * 1e9 / round_mean(&run->results[2], 0));
    CHECK(find_bench(list, "parse/json/4096_mean") == NULL);
    const cJSON *crash = find_bench(list, "mem/crash");
    CHECK(crash != NULL && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(crash,
                                                                        "error_occurred")));
    CHECK_STR_EQ(crash != NULL ? str_of(crash, "error_message") : NULL, "killed by SIGSEGV");
    CHECK(crash != NULL && num_of(crash, "real_time") == 0);
    /* compare.py pairs entries by name: an aggregate's name is unique, a
     * benchmark's repetitions share one with distinct indices. */
    cJSON_ArrayForEach(b, list) {
        int same = 0;
        const cJSON *c;
        cJSON_ArrayForEach(c, list)
            same += strcmp(str_of(b, "name"), str_of(c, "name")) == 0 &&
                    same_index(num_of(b, "repetition_index"), num_of(c, "repetition_index"));
        CHECK_INT_EQ(same, 1);
    }
    cJSON_Delete(root);
    free(text);
    cbench__run_free(run);
}

/* {==================================================================
 * CSV read back with a small RFC 4180 parser.
 * =================================================================== */

typedef struct csv_row {
    char *field[64];
    size_t n;
} csv_row;

/* Parses one record at *p (advancing it); fields are malloc'd. */
static int csv_parse_row(const char **p, csv_row *row)
{
    const char *s = *p;
    row->n = 0;
    if (*s == '\0')
        return 0;
    for (;;) {
        char buf[4096];
        size_t k = 0;
        if (*s == '"') {
            for (s++; *s != '\0'; s++) {
                if (*s == '"' && s[1] == '"')
                    buf[k++] = *s++;
                else if (*s == '"')
                    break;
                else
                    buf[k++] = *s;
            }
            if (*s == '"')
                s++;
        } else {
            while (*s != ',' && *s != '\n' && *s != '\0')
                buf[k++] = *s++;
        }
        buf[k] = '\0';
        if (row->n < 64)
            row->field[row->n++] = cbench__strdup(buf);
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\n')
            s++;
        break;
    }
    *p = s;
    return 1;
}

static void csv_free(csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->field[i]);
}

static void test_csv(void)
{
    static const char *const names[] = {"plain", "has,comma", "has \"quotes\"",
                                        "multi\nline", "cr\r\nlf"};
    cbench_run *run = fx_run("g", names, 5, 2.0);
    int rc = -1;
    char *text = capture(cbench_export_csv, run, &rc);
    CHECK_INT_EQ(rc, 0);
    const char *p = text != NULL ? text : "";
    csv_row header, row;
    CHECK(csv_parse_row(&p, &header));
    CHECK_STR_EQ(header.n > 0 ? header.field[0] : NULL, "id");
    CHECK_STR_EQ(header.n > 0 ? header.field[header.n - 1] : NULL,
                 "counter:L1-dcache-load-misses");
    size_t rows = 0;
    while (csv_parse_row(&p, &row)) {
        CHECK_INT_EQ(row.n, header.n);
        if (rows < 5 && row.n > 6) {
            char id[128];
            snprintf(id, sizeof id, "g/%s", names[rows]);
            CHECK_STR_EQ(row.field[0], id);
            CHECK_STR_EQ(row.field[2], names[rows]);
            CHECK_STR_EQ(row.field[3], "");                  /* no param */
            snprintf(id, sizeof id, "%g", 2.0 * (double)(rows + 1));
            CHECK_STR_EQ(row.field[6], id);                  /* typical_ns */
        }
        csv_free(&row);
        rows++;
    }
    CHECK_INT_EQ(rows, 5);
    CHECK(text != NULL && strstr(text, "\"g/has \"\"quotes\"\"\"") != NULL);
    CHECK(text != NULL && strstr(text, "\"g/has,comma\"") != NULL);
    csv_free(&header);
    free(text);
    cbench__run_free(run);
}

/* Gives r (filled by fx_fill without a parameter) the axes names[i] =
 * values[i] and the id and parameter they make. */
static void give_axes(cbench_result *r, const char *const *names, const int64_t *values,
                      unsigned n)
{
    char param[128] = "", id[256];
    for (unsigned i = 0; i < n; i++) {
        snprintf(r->axes[i].name, sizeof r->axes[i].name, "%s", names[i]);
        r->axes[i].value = values[i];
        snprintf(param + strlen(param), sizeof param - strlen(param), "%s%s=%lld",
                 i ? "/" : "", names[i], (long long)values[i]);
    }
    r->n_axes = n;
    r->has_param = 1;
    r->param_value = values[0];
    free(r->param);
    r->param = cbench__strdup(param);
    snprintf(id, sizeof id, "%s/%s/%s", r->group, r->name, param);
    free(r->id);
    r->id = cbench__strdup(id);
}

/* The index of column name in header, or -1. */
static int column_of(const csv_row *header, const char *name)
{
    for (size_t i = 0; i < header->n; i++)
        if (strcmp(header->field[i], name) == 0)
            return (int)i;
    return -1;
}

/* A benchmark with named axes gets a column per axis name with its value,
 * right after the id columns; the fixed columns keep their names and
 * order after them, and a result without that axis leaves it empty. An
 * axis name is a header cell like any text: quoted when it needs it. */
static void test_csv_axes(void)
{
    static const char *const ps[] = {"points", "stride"}, *const odd[] = {"a,\"b\""};
    static const int64_t v1[] = {4096, 4}, v2[] = {8192, 1}, v3[] = {7};
    cbench_run *run = cbench__run_new();
    fx_fill(cbench__run_add(run), "stride", "rmw", -1, 10.0, 1);
    give_axes(&run->results[0], ps, v1, 2);
    fx_fill(cbench__run_add(run), "stride", "rmw", -1, 20.0, 2);
    give_axes(&run->results[1], ps, v2, 2);
    fx_fill(cbench__run_add(run), "plain", "one", 64, 30.0, 3);
    fx_fill(cbench__run_add(run), "odd", "x", -1, 40.0, 4);
    give_axes(&run->results[3], odd, v3, 1);
    int rc = -1;
    char *text = capture(cbench_export_csv, run, &rc);
    CHECK_INT_EQ(rc, 0);
    const char *p = text != NULL ? text : "";
    csv_row header, row[4];
    CHECK(csv_parse_row(&p, &header));
    static const char *const first[] = {"id", "group", "name", "param", "axis:points",
                                        "axis:stride", "axis:a,\"b\"", "throughput_kind"};
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++)
        CHECK_STR_EQ(i < header.n ? header.field[i] : NULL, first[i]);
    CHECK(text != NULL && strstr(text, ",\"axis:a,\"\"b\"\"\",") != NULL);
    for (size_t i = 0; i < 4; i++) {
        CHECK(csv_parse_row(&p, &row[i]));
        CHECK_INT_EQ(row[i].n, header.n);
    }
    static const char *const want[4][4] = {{"stride/rmw/points=4096/stride=4", "4096", "4", ""},
                                            {"stride/rmw/points=8192/stride=1", "8192", "1", ""},
                                            {"plain/one/64", "", "", ""},
                                            {"odd/x/a,\"b\"=7", "", "", "7"}};
    int typ = column_of(&header, "typical_ns");
    CHECK_INT_EQ(typ, 9);                         /* 6 without axes, + 3 */
    for (size_t i = 0; i < 4; i++) {
        if (row[i].n < 8)
            continue;
        CHECK_STR_EQ(row[i].field[0], want[i][0]);
        for (size_t a = 0; a < 3; a++)
            CHECK_STR_EQ(row[i].field[4 + a], want[i][1 + a]);
        CHECK_STR_EQ(row[i].field[7], "bytes");   /* throughput_kind, after the axes */
        csv_free(&row[i]);
    }
    csv_free(&header);
    free(text);
    cbench__run_free(run);
}

static void test_json_export(void)
{
    int rc = -1;
    char err[512];
    cbench_run *run = export_run(), *back = NULL;
    char *text = capture(cbench_export_json, run, &rc);
    CHECK_INT_EQ(rc, 0);
    CHECK_INT_EQ(cbench_store_parse(text, strlen(text), "export", &back, err, sizeof err), 0);
    CHECK_INT_EQ(back != NULL ? back->n_results : 0, run->n_results);
    CHECK(back != NULL && back->results[2].param_value == 4096);
    cbench__run_free(back);
    free(text);
    cbench__run_free(run);
}

static void test_write_errors(void)
{
    cbench_run *run = export_run();
    int (*fns[])(FILE *, const cbench_run *) = {cbench_export_json, cbench_export_gbench,
                                               cbench_export_csv};
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen("/dev/full", "w");
        if (f == NULL) {
            fprintf(stderr, "note: no /dev/full, write-error checks skipped\n");
            break;
        }
        errno = 0;
        CHECK_INT_EQ(fns[i](f, run), CBENCH_EIO);
        CHECK_INT_EQ(errno, ENOSPC);             /* the first failure's reason */
        fclose(f);
    }
    cbench__run_free(run);
}

int main(void)
{
    test_gbench();
    test_csv();
    test_csv_axes();
    test_json_export();
    test_write_errors();
    return check_result();
}
