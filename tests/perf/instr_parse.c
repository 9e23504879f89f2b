/* SPDX-License-Identifier: MIT
 *
 * instr_parse.c - the callgrind output parser on a real captured file
 * (tests/perf/data, checked against valgrind's own "Collected" line) and on
 * synthetic edge cases; the LL geometry reader on fake sysfs trees; the
 * conversion of totals into exact per-iteration counters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "perf/instr.h"

static int parse_string(const char *text, cbench_instr_totals *t, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    int rc = cbench_instr_parse(f, "<mem>", t, err, errlen);
    fclose(f);
    return rc;
}

static void test_real_capture(void)
{
    char path[1024], err[256] = "";
    cbench_instr_totals t;
    const char *root = getenv("CBENCH_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/tests/perf/data/callgrind.out.stride", root ? root : ".");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    cbench_instr_totals_init(&t);
    CHECK_INT_EQ(cbench_instr_parse(f, path, &t, err, sizeof err), 0);
    fclose(f);
    /* callgrind.log.stride: Collected : 1179655 131072 131074 1 131072 131073 1 131072 131073 */
    CHECK(t.ok == 1);
    CHECK(t.ir == 1179655 && t.dr == 131072 && t.dw == 131074);
    CHECK(t.d1mr == 131072 && t.d1mw == 131073 && t.dlmr == 131072 && t.dlmw == 131073);
}

static void test_parts_and_omitted_columns(void)
{
    const char *two_parts =
        "# callgrind format\nevents: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
        "summary: 999 999\nfn=(1) f\n3 100 20\ntotals: 100 20\n"
        "part: 2\nevents: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
        "totals: 50 5 6 0 1 2 0 3 4\n";
    const char *ir_only = "events: Ir\ntotals: 1234\n";
    const char *reordered = "events: Dr Ir Bc\ntotals: 7 8 9\n";
    char err[256] = "";
    cbench_instr_totals t;
    cbench_instr_totals_init(&t);
    CHECK_INT_EQ(parse_string(two_parts, &t, err, sizeof err), 0);
    CHECK(t.ok && t.ir == 150 && t.dr == 25 && t.dw == 6);
    CHECK(t.d1mr == 1 && t.d1mw == 2 && t.dlmr == 3 && t.dlmw == 4);
    cbench_instr_totals_init(&t);           /* --cache-sim=no: only Ir */
    CHECK_INT_EQ(parse_string(ir_only, &t, err, sizeof err), 0);
    CHECK(t.ok && t.ir == 1234 && isnan(t.dr) && isnan(t.d1mr));
    cbench_instr_totals_init(&t);           /* two processes add up */
    CHECK_INT_EQ(parse_string(reordered, &t, err, sizeof err), 0);
    CHECK_INT_EQ(parse_string(reordered, &t, err, sizeof err), 0);
    CHECK(t.ok && t.ir == 16 && t.dr == 14 && isnan(t.dw));
}

static void test_bad_input(void)
{
    char err[256] = "";
    cbench_instr_totals t;
    cbench_instr_totals_init(&t);
    CHECK_INT_EQ(parse_string("hello\n", &t, err, sizeof err), CBENCH_EFORMAT);
    CHECK(strstr(err, "<mem>: not callgrind output") != NULL);
    CHECK_INT_EQ(parse_string("totals: 1\nevents: Ir\n", &t, err, sizeof err), CBENCH_EFORMAT);
    CHECK(strstr(err, "<mem>:1:") != NULL);
    CHECK_INT_EQ(parse_string("events: Ir\n\ntotals: 12x\n", &t, err, sizeof err), 0);
    CHECK_INT_EQ(parse_string("events: Ir\ntotals: -3\n", &t, err, sizeof err), CBENCH_EFORMAT);
    CHECK(strstr(err, "<mem>:2: bad number") != NULL);
    cbench_instr_totals_init(&t);           /* events without totals: nothing collected */
    CHECK_INT_EQ(parse_string("events: Ir Dr\n", &t, err, sizeof err), 0);
    CHECK(t.ok == 0 && isnan(t.ir));
}

/* {====== fake sysfs ======} */

static char root[] = "/tmp/cbench-sysfs-XXXXXX";

static void put(const char *index, const char *file, const char *value)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, index);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s", root, index, file);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fprintf(f, "%s\n", value);
        fclose(f);
    }
}

static void put_cache(const char *index, const char *level, const char *type, const char *size,
                      const char *ways, const char *line)
{
    put(index, "level", level);
    put(index, "type", type);
    put(index, "size", size);
    put(index, "ways_of_associativity", ways);
    put(index, "coherency_line_size", line);
}

static void clear_root(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'/index*", root);
    CHECK_INT_EQ(system(cmd), 0);
}

static void test_ll_geometry(void)
{
    cbench_cache_geometry g;
    char err[512] = "";
    CHECK(mkdtemp(root) != NULL);
    /* This VM: L1d, L1i 32K 8-way, L2 1M 8-way, L3 32M 16-way, 64 B lines. */
    put_cache("index0", "1", "Data", "32K", "8", "64");
    put_cache("index1", "1", "Instruction", "32K", "8", "64");
    put_cache("index3", "3", "Unified", "32768K", "16", "64");
    put_cache("index2", "2", "Unified", "1024K", "8", "64");
    CHECK_INT_EQ(cbench_instr_ll_geometry(root, &g, err, sizeof err), 0);
    CHECK(g.level == 3 && g.size == 33554432 && g.assoc == 16 && g.line == 64);
    /* 30 MiB 20-way: 24576 sets -> 16384 sets of 30 ways (same size). */
    put_cache("index3", "3", "Unified", "30720K", "20", "64");
    CHECK_INT_EQ(cbench_instr_ll_geometry(root, &g, err, sizeof err), 0);
    CHECK(g.size == 31457280 && g.assoc == 30 && g.line == 64);
    /* 12 MiB 12-way: 16384 sets, already a power of two. */
    put_cache("index3", "3", "Unified", "12M", "12", "64");
    CHECK_INT_EQ(cbench_instr_ll_geometry(root, &g, err, sizeof err), 0);
    CHECK(g.size == 12582912 && g.assoc == 12);
    put_cache("index3", "3", "Unified", "garbage", "12", "64");
    CHECK_INT_EQ(cbench_instr_ll_geometry(root, &g, err, sizeof err), CBENCH_EFORMAT);
    CHECK(strstr(err, "index3") != NULL);
    clear_root();
    put_cache("index1", "1", "Instruction", "32K", "8", "64");
    CHECK_INT_EQ(cbench_instr_ll_geometry(root, &g, err, sizeof err), CBENCH_ENOENT);
    CHECK(strstr(err, "no data or unified cache") != NULL);
    clear_root();
    rmdir(root);
    CHECK_INT_EQ(cbench_instr_ll_geometry(root, &g, err, sizeof err), CBENCH_ENOENT);
    CHECK(strstr(err, root) != NULL);
    /* The real machine, when it describes its caches. */
    if (cbench_instr_ll_geometry("/sys/devices/system/cpu/cpu0/cache", &g, err, sizeof err) == 0) {
        fprintf(stderr, "this machine: L%d %lu B, %lu-way, %lu B lines\n", g.level, g.size,
                g.assoc, g.line);
        CHECK(g.level >= 1 && g.size >= 4096 && g.line >= 16);
    }
}

static void test_to_counters(void)
{
    cbench_instr_totals t;
    cbench_result r;
    memset(&r, 0, sizeof r);
    cbench_instr_totals_init(&t);
    t.ir = 6000, t.dr = 1000, t.d1mr = 250, t.ok = 1;
    cbench_instr_to_counters(&t, 1000, &r);
    CHECK_INT_EQ(r.n_counters, 3);
    CHECK_STR_EQ(r.counters[0].name, "instructions");
    CHECK(r.counters[0].per_iter == 6.0 && r.counters[0].exact == 1);
    CHECK_STR_EQ(r.counters[1].name, "L1-dcache-loads");
    CHECK_STR_EQ(r.counters[2].name, "L1-dcache-load-misses");
    CHECK(r.counters[2].per_iter == 0.25 && isnan(r.counters[2].base_per_iter));
}

int main(void)
{
    test_real_capture();
    test_parts_and_omitted_columns();
    test_bad_input();
    test_ll_geometry();
    test_to_counters();
    return check_result();
}
