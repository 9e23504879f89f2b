/* SPDX-License-Identifier: MIT
 *
 * test_sweep.c - cache-size detection from a fake sysfs tree and the
 * sweep of point counts built from it.
 */
#include "points_sweep.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static void write_file(const char *dir, int index, const char *name,
                       const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/index%d", dir, index);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/index%d/%s", dir, index, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void add_cache(const char *dir, int index, const char *level,
                      const char *type, const char *size)
{
    write_file(dir, index, "level", level);
    write_file(dir, index, "type", type);
    write_file(dir, index, "size", size);
}

static void test_parse_size(void)
{
    CHECK_INT_EQ(points_parse_cache_size("32K\n"), 32768);
    CHECK_INT_EQ(points_parse_cache_size("1024K"), 1 << 20);
    CHECK_INT_EQ(points_parse_cache_size("8M"), 8 << 20);
    CHECK_INT_EQ(points_parse_cache_size("512"), 512);
    CHECK_INT_EQ(points_parse_cache_size(""), 0);
    CHECK_INT_EQ(points_parse_cache_size("K"), 0);
    CHECK_INT_EQ(points_parse_cache_size("32X"), 0);
    CHECK_INT_EQ(points_parse_cache_size("-1K"), 0);
    CHECK_INT_EQ(points_parse_cache_size(NULL), 0);
}

/* A tree like this VM's: L1i and L1d 32K, L2 1M, L3 32M, in an order
 * that is not by level. */
static void test_sysfs_tree(void)
{
    char dir[] = "/tmp/cbench-sweep-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    add_cache(dir, 0, "1\n", "Data\n", "32K\n");
    add_cache(dir, 1, "1\n", "Instruction\n", "64K\n");
    add_cache(dir, 2, "3\n", "Unified\n", "32768K\n");
    add_cache(dir, 3, "2\n", "Unified\n", "1024K\n");
    points_caches c;
    CHECK_INT_EQ(points_caches_from_sysfs(dir, &c), 0);
    CHECK_INT_EQ(c.l1d, 32 << 10);
    CHECK_INT_EQ(c.l2, 1 << 20);
    CHECK_INT_EQ(c.l3, 32 << 20);
    CHECK_STR_EQ(c.source, "sysfs");

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT_EQ(system(cmd), 0);
    CHECK_INT_EQ(points_caches_from_sysfs(dir, &c), -1);
    CHECK_INT_EQ(c.l1d, 0);
}

static void test_detect_this_machine(void)
{
    points_caches c;
    points_caches_detect(&c);
    CHECK(c.l1d >= 4096);
    CHECK(c.source != NULL);
}

/* This VM's caches (sysfs), 24 GiB of memory of which 23 available. */
#define VM_CACHES {32 << 10, 512 << 10, 32 << 20, "test", (size_t)23 << 30}
/* A KVM guest reporting its host's L3 (seen: 480 MiB). */
#define GUEST_CACHES {48 << 10, 2 << 20, (size_t)480 << 20, "test", (size_t)23 << 30}

/* Properties of the full sweep for the VM's caches. */
static void test_full_sweep(void)
{
    points_caches c = VM_CACHES;
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, POINTS_SWEEP_FULL, s, POINTS_SWEEP_CAP);
    CHECK(n >= 15 && n <= 30);
    CHECK(s[n - 1] >= POINTS_SWEEP_MAX);
    for (size_t i = 0; i < n; i++) {
        CHECK_INT_EQ(s[i] % POINTS_SWEEP_ROUND, 0);
        if (i)    /* increasing, an octave apart at most from 1 Ki on */
            CHECK(s[i] > s[i - 1] && (s[i - 1] < POINTS_SWEEP_MIN || s[i] <= 2.2 * s[i - 1]));
    }
    /* Every octave from 1 Ki to 16 Mi points: the same ids on any machine. */
    for (size_t o = POINTS_SWEEP_MIN; o <= POINTS_SWEEP_MAX; o *= 2) {
        int found = 0;
        for (size_t i = 0; i < n; i++)
            found |= s[i] == o;
        CHECK(found);
    }
    /* Every size of the default and quick sweeps is in it. */
    size_t d[POINTS_SWEEP_CAP];
    for (int kind = POINTS_SWEEP_QUICK; kind <= POINTS_SWEEP_DEFAULT; kind++) {
        size_t nd = points_sweep(&c, (points_sweep_kind)kind, d, POINTS_SWEEP_CAP);
        for (size_t j = 0; j < nd; j++) {
            int found = 0;
            for (size_t i = 0; i < n; i++)
                found |= s[i] == d[j];
            CHECK(found);
        }
    }
    /* Each boundary has a size resident in it and one spilling out. */
    const size_t levels[3] = {c.l1d, c.l2, c.l3};
    for (int l = 0; l < 3; l++) {
        int below = 0, above = 0;
        for (size_t i = 0; i < n; i++) {
            double foot = 24.0 * s[i];
            below += foot >= 0.6 * levels[l] && foot < levels[l];
            above += foot > levels[l] && foot <= 1.6 * levels[l];
        }
        CHECK(below >= 1);
        CHECK(above >= 1);
    }
}

/* A huge last level stretches the full sweep to 8x it ... */
static void test_full_sweep_big_llc(void)
{
    points_caches c = GUEST_CACHES;
    c.mem_available = (size_t)64 << 30;
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, POINTS_SWEEP_FULL, s, POINTS_SWEEP_CAP);
    CHECK(24.0 * s[n - 1] >= 8.0 * c.l3);
    CHECK(n <= POINTS_SWEEP_CAP);
    /* ... but never past a quarter of the memory available. */
    c.mem_available = (size_t)4 << 30;
    n = points_sweep(&c, POINTS_SWEEP_FULL, s, POINTS_SWEEP_CAP);
    CHECK(24.0 * s[n - 1] <= 1.0 * ((size_t)1 << 30));
    CHECK(24.0 * s[n - 1] > 0.5 * ((size_t)1 << 30));
}

/* The default sweep: one size inside each level, one just past L1 and
 * one just past L2, and the DRAM point; six sizes on a three-level
 * machine. */
static void test_default_sweep(void)
{
    points_caches c = VM_CACHES;
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, POINTS_SWEEP_DEFAULT, s, POINTS_SWEEP_CAP);
    CHECK_INT_EQ(n, 6);
    if (n != 6)
        return;
    double foot[6];
    for (int i = 0; i < 6; i++)
        foot[i] = 24.0 * s[i];
    CHECK(foot[0] <= c.l1d / 2.0);                                /* in L1 */
    CHECK(foot[1] > c.l1d && foot[1] <= 1.6 * c.l1d);             /* past L1 */
    CHECK(foot[2] > 2.0 * c.l1d && foot[2] <= c.l2 / 2.0);        /* in L2 */
    CHECK(foot[3] > c.l2 && foot[3] <= 1.6 * c.l2);               /* past L2 */
    CHECK(foot[4] > 2.0 * c.l2 && foot[4] <= c.l3 / 2.0);         /* in L3 */
    CHECK_NEAR(foot[5], 4.0 * c.l3, 24.0 * POINTS_SWEEP_ROUND);   /* DRAM */
    /* Every default size is in the full sweep's range, and the default
     * sweep is a third of the full one or less. */
    size_t f[POINTS_SWEEP_CAP];
    size_t nf = points_sweep(&c, POINTS_SWEEP_FULL, f, POINTS_SWEEP_CAP);
    CHECK(3 * n <= nf);
}

/* The reason the default exists: a guest reporting its host's 480 MiB L3
 * must not send the default suite to gigabytes per benchmark. The DRAM
 * point is min(4x LLC, 256 MiB, a quarter of the memory available). */
static void test_default_sweep_guest_llc(void)
{
    points_caches c = GUEST_CACHES;
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, POINTS_SWEEP_DEFAULT, s, POINTS_SWEEP_CAP);
    CHECK_INT_EQ(n, 6);
    CHECK_INT_EQ(points_dram_bytes(&c), POINTS_DRAM_MAX_BYTES);
    /* The L3-resident size is capped too (L3/4 = 120 MiB would not sit in
     * one core's share of the host's L3). */
    CHECK(24.0 * s[n - 2] <= POINTS_LLC_RESIDENT_MAX_BYTES);
    CHECK(24.0 * s[n - 2] > 0.99 * POINTS_LLC_RESIDENT_MAX_BYTES);
    CHECK(24.0 * s[n - 1] <= POINTS_DRAM_MAX_BYTES);
    CHECK(24.0 * s[n - 1] > 0.99 * POINTS_DRAM_MAX_BYTES);
    c.mem_available = (size_t)512 << 20;             /* a small machine */
    CHECK_INT_EQ(points_dram_bytes(&c), (size_t)128 << 20);
    c.mem_available = 0;                             /* unknown: the fixed cap */
    CHECK_INT_EQ(points_dram_bytes(&c), POINTS_DRAM_MAX_BYTES);
    points_caches small = VM_CACHES;                 /* 4x 32 MiB fits */
    CHECK_INT_EQ(points_dram_bytes(&small), (size_t)128 << 20);
}

static void test_quick_sweep(void)
{
    points_caches c = {32 << 10, 1 << 20, 32 << 20, "test", 0};
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, POINTS_SWEEP_QUICK, s, POINTS_SWEEP_CAP);
    CHECK_INT_EQ(n, 4);
    CHECK(24 * s[0] <= c.l1d / 2);
    CHECK(24 * s[1] > c.l1d && 24 * s[1] <= c.l2 / 2);
    CHECK(24 * s[2] > c.l2 && 24 * s[2] <= c.l3 / 2);
    CHECK(24.0 * s[3] >= 3.9 * c.l3);
    /* No L3: three sizes, the last beyond L2. */
    c.l3 = 0;
    n = points_sweep(&c, POINTS_SWEEP_QUICK, s, POINTS_SWEEP_CAP);
    CHECK_INT_EQ(n, 3);
    CHECK(24.0 * s[2] >= 3.9 * c.l2);
    /* cap is respected */
    CHECK_INT_EQ(points_sweep(&c, POINTS_SWEEP_FULL, s, 5), 5);
    /* The quick DRAM point is capped like the default one. */
    points_caches g = GUEST_CACHES;
    n = points_sweep(&g, POINTS_SWEEP_QUICK, s, POINTS_SWEEP_CAP);
    CHECK(24.0 * s[n - 1] <= POINTS_DRAM_MAX_BYTES);
}

static void test_caches_override(void)
{
    points_caches c = VM_CACHES;
    CHECK_INT_EQ(points_caches_parse("48K,2M,480M", &c), 0);
    CHECK_INT_EQ(c.l1d, 48 << 10);
    CHECK_INT_EQ(c.l2, 2 << 20);
    CHECK_INT_EQ(c.l3, (size_t)480 << 20);
    CHECK_STR_EQ(c.source, "CBENCH_POINTS_CACHES");
    CHECK_INT_EQ(c.mem_available, (size_t)23 << 30);       /* untouched */
    CHECK_INT_EQ(points_caches_parse("32K,1M,0", &c), 0);
    CHECK_INT_EQ(c.l3, 0);
    points_caches before = c;
    const char *bad[] = {"", "32K", "32K,1M", "32K,1M,8M,1G", "32K,,8M", "0,1M,8M",
                         "32X,1M,8M", "32K;1M;8M", NULL};
    for (int i = 0; bad[i]; i++) {
        CHECK_INT_EQ(points_caches_parse(bad[i], &c), -1);
        CHECK_INT_EQ(c.l1d, before.l1d);
    }
    CHECK_INT_EQ(points_caches_parse(NULL, &c), -1);
}

static void test_describe(void)
{
    points_caches c = {32 << 10, 1 << 20, 0, "sysfs", 0};
    size_t s[2] = {1024, 4096};
    char buf[512];
    points_sweep_describe(buf, sizeof buf, &c, POINTS_SWEEP_FULL, s, 2);
    CHECK_STR_EQ(buf, "caches (sysfs): L1d 32 KiB, L2 1 MiB, L3 none; full sweep: 2 "
                      "sizes, 1024..4096 points (24 B/point)");
    points_caches g = GUEST_CACHES;
    points_sweep_describe(buf, sizeof buf, &g, POINTS_SWEEP_DEFAULT, s, 2);
    CHECK(strstr(buf, "L3 480 MiB; default sweep: 2 sizes") != NULL);
    CHECK(strstr(buf, "L3 point 16 MiB (L3/4 capped") != NULL);
    CHECK(strstr(buf, "DRAM point 256 MiB: 4x L3 = 1.875 GiB, capped at 256 MiB") != NULL);
    points_caches v = VM_CACHES;
    points_sweep_describe(buf, sizeof buf, &v, POINTS_SWEEP_QUICK, s, 2);
    CHECK(strstr(buf, "DRAM point 128 MiB = 4x L3") != NULL);
}

int main(void)
{
    test_parse_size();
    test_sysfs_tree();
    test_detect_this_machine();
    test_full_sweep();
    test_full_sweep_big_llc();
    test_default_sweep();
    test_default_sweep_guest_llc();
    test_quick_sweep();
    test_caches_override();
    test_describe();
    return check_result();
}
