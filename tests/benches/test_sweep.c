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

/* Properties of the full sweep for the VM's caches. */
static void test_full_sweep(void)
{
    points_caches c = {32 << 10, 1 << 20, 32 << 20, "test"};
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, 0, s, POINTS_SWEEP_CAP);
    CHECK(n >= 15 && n <= 30);
    CHECK_INT_EQ(s[0], POINTS_SWEEP_MIN);
    CHECK(s[n - 1] >= POINTS_SWEEP_MAX);
    for (size_t i = 0; i < n; i++) {
        CHECK_INT_EQ(s[i] % POINTS_SWEEP_ROUND, 0);
        if (i)    /* increasing, at least 10 % apart, about an octave at most */
            CHECK(s[i] >= 1.1 * s[i - 1] && s[i] <= 2.2 * s[i - 1]);
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

/* A huge last level stretches the end to 8x it. */
static void test_sweep_big_llc(void)
{
    points_caches c = {48 << 10, 2 << 20, (size_t)256 << 20, "test"};
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, 0, s, POINTS_SWEEP_CAP);
    CHECK(24.0 * s[n - 1] >= 8.0 * c.l3);
    CHECK(n <= POINTS_SWEEP_CAP);
}

static void test_quick_sweep(void)
{
    points_caches c = {32 << 10, 1 << 20, 32 << 20, "test"};
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(&c, 1, s, POINTS_SWEEP_CAP);
    CHECK_INT_EQ(n, 4);
    CHECK(24 * s[0] <= c.l1d / 2);
    CHECK(24 * s[1] > c.l1d && 24 * s[1] <= c.l2 / 2);
    CHECK(24 * s[2] > c.l2 && 24 * s[2] <= c.l3 / 2);
    CHECK(24.0 * s[3] >= 3.9 * c.l3);
    /* No L3: three sizes, the last beyond L2. */
    c.l3 = 0;
    n = points_sweep(&c, 1, s, POINTS_SWEEP_CAP);
    CHECK_INT_EQ(n, 3);
    CHECK(24.0 * s[2] >= 3.9 * c.l2);
    /* cap is respected */
    CHECK_INT_EQ(points_sweep(&c, 0, s, 5), 5);
}

static void test_print(void)
{
    points_caches c = {32 << 10, 1 << 20, 0, "sysfs"};
    size_t s[2] = {1024, 4096};
    char buf[512] = "";
    FILE *f = fmemopen(buf, sizeof buf, "w");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    points_sweep_print(f, &c, s, 2);
    fclose(f);
    CHECK(strstr(buf, "caches (sysfs): L1d 32 KiB, L2 1 MiB, L3 none")
          != NULL);
    CHECK(strstr(buf, "2 sizes (footprint 24 B/point): 1024 4096\n") != NULL);
}

int main(void)
{
    test_parse_size();
    test_sysfs_tree();
    test_detect_this_machine();
    test_full_sweep();
    test_sweep_big_llc();
    test_quick_sweep();
    test_print();
    return check_result();
}
