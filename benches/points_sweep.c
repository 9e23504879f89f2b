/* SPDX-License-Identifier: MIT
 *
 * points_sweep.c - cache sizes of this machine and the point counts the
 * points suite sweeps (see points_sweep.h).
 *
 * Footprint of n points = 24n bytes (p and v, three floats each). Around
 * each cache size C the sweep adds the sizes whose footprint is
 *
 *      C/sqrt2      C      C*sqrt2          (half-octave steps)
 *   ------|---------|---------|------> footprint (log scale)
 *       resident   edge    spilling
 *
 * on top of one size per octave, so each boundary is crossed in steps of
 * about half an octave and the plateaus in between are not over-sampled.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE    /* sysconf(_SC_LEVEL1_DCACHE_SIZE) */
#endif
#include "points_sweep.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* {=================================================================
 * Cache sizes.
 * ================================================================== */

size_t points_parse_cache_size(const char *s)
{
    char *end;
    if (s == NULL || *s < '0' || *s > '9')
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    size_t mult = 1;
    if (*end == 'K')
        mult = (size_t)1 << 10;
    else if (*end == 'M')
        mult = (size_t)1 << 20;
    else if (*end == 'G')
        mult = (size_t)1 << 30;
    if (mult != 1)
        end++;
    while (*end == '\n' || *end == ' ')
        end++;
    if (*end != '\0' || v == 0 || v > (1ull << 40))
        return 0;
    return (size_t)v * mult;
}

/* Reads the first line of dir/index<i>/<name> into buf. Returns 0 or -1. */
static int read_index_file(const char *dir, int i, const char *name,
                           char *buf, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/index%d/%s", dir, i, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *ok = fgets(buf, (int)size, f);
    fclose(f);
    if (ok == NULL)
        return -1;
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

int points_caches_from_sysfs(const char *dir, points_caches *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < 16; i++) {
        char level[32], type[32], size[32];
        if (read_index_file(dir, i, "level", level, sizeof level) != 0 ||
            read_index_file(dir, i, "type", type, sizeof type) != 0 ||
            read_index_file(dir, i, "size", size, sizeof size) != 0)
            continue;
        if (strcmp(type, "Instruction") == 0)
            continue;
        size_t bytes = points_parse_cache_size(size);
        if (strcmp(level, "1") == 0)
            c->l1d = bytes;
        else if (strcmp(level, "2") == 0)
            c->l2 = bytes;
        else if (strcmp(level, "3") == 0)
            c->l3 = bytes;
    }
    if (c->l1d == 0) {
        memset(c, 0, sizeof *c);
        return -1;
    }
    c->source = "sysfs";
    return 0;
}

static size_t sysconf_size(int name)
{
    long v = sysconf(name);
    return v > 0 ? (size_t)v : 0;
}

void points_caches_detect(points_caches *c)
{
    if (points_caches_from_sysfs("/sys/devices/system/cpu/cpu0/cache",
                                 c) == 0)
        return;
    c->l1d = sysconf_size(_SC_LEVEL1_DCACHE_SIZE);
    c->l2 = sysconf_size(_SC_LEVEL2_CACHE_SIZE);
    c->l3 = sysconf_size(_SC_LEVEL3_CACHE_SIZE);
    c->source = "sysconf";
    if (c->l1d != 0)
        return;
    c->l1d = (size_t)32 << 10;
    c->l2 = (size_t)1 << 20;
    c->l3 = (size_t)32 << 20;
    c->source = "default";
}

/* {=================================================================
 * The sweep.
 * ================================================================== */

/* Points whose footprint is 'bytes', rounded to POINTS_SWEEP_ROUND. */
static size_t points_for_bytes(double bytes)
{
    double n = bytes / POINTS_SWEEP_BYTES_PER_POINT / POINTS_SWEEP_ROUND;
    size_t r = (size_t)(n + 0.5) * POINTS_SWEEP_ROUND;
    return r ? r : POINTS_SWEEP_ROUND;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static size_t last_level(const points_caches *c)
{
    return c->l3 ? c->l3 : c->l2 ? c->l2 : c->l1d;
}

static size_t quick_sweep(const points_caches *c, size_t *cand)
{
    size_t n = 0;
    const size_t levels[3] = {c->l1d, c->l2, c->l3};
    for (int i = 0; i < 3; i++)
        if (levels[i])
            cand[n++] = points_for_bytes(levels[i] / 4.0);
    cand[n++] = points_for_bytes(4.0 * (double)last_level(c));
    return n;
}

static size_t full_sweep(const points_caches *c, size_t *cand, size_t *max)
{
    size_t n = 0;
    *max = POINTS_SWEEP_MAX;
    while (*max < points_for_bytes(8.0 * (double)last_level(c)))
        *max *= 2;
    for (size_t s = POINTS_SWEEP_MIN; s <= *max; s *= 2)
        cand[n++] = s;
    const size_t levels[3] = {c->l1d, c->l2, c->l3};
    for (int i = 0; i < 3; i++) {
        if (levels[i] == 0)
            continue;
        cand[n++] = points_for_bytes(levels[i] / 1.41421356);
        cand[n++] = points_for_bytes((double)levels[i]);
        cand[n++] = points_for_bytes(levels[i] * 1.41421356);
    }
    return n;
}

size_t points_sweep(const points_caches *c, int quick, size_t *out,
                    size_t cap)
{
    size_t cand[POINTS_SWEEP_CAP], max = (size_t)-1;
    size_t n = quick ? quick_sweep(c, cand) : full_sweep(c, cand, &max);
    qsort(cand, n, sizeof cand[0], cmp_size);
    size_t kept = 0;
    for (size_t i = 0; i < n && kept < cap; i++) {
        if (!quick && (cand[i] < POINTS_SWEEP_MIN || cand[i] > max))
            continue;
        /* Drop sizes within 10 % of the previous one: same cache regime. */
        if (kept && (double)cand[i] < 1.1 * (double)out[kept - 1])
            continue;
        out[kept++] = cand[i];
    }
    return kept;
}

/* "32 KiB", "1 MiB", "1.5 MiB". */
static void format_bytes(char *buf, size_t size, double bytes)
{
    const char *unit[] = {"B", "KiB", "MiB", "GiB"};
    int u = 0;
    while (bytes >= 1024 && u < 3) {
        bytes /= 1024;
        u++;
    }
    snprintf(buf, size, "%.4g %s", bytes, unit[u]);
}

void points_sweep_print(FILE *f, const points_caches *c,
                        const size_t *sizes, size_t n)
{
    char l1[32], l2[32], l3[32];
    format_bytes(l1, sizeof l1, (double)c->l1d);
    format_bytes(l2, sizeof l2, (double)c->l2);
    format_bytes(l3, sizeof l3, (double)c->l3);
    fprintf(f, "points: caches (%s): L1d %s, L2 %s, L3 %s\n", c->source,
            l1, c->l2 ? l2 : "none", c->l3 ? l3 : "none");
    fprintf(f, "points: %zu sizes (footprint %d B/point):", n,
            POINTS_SWEEP_BYTES_PER_POINT);
    for (size_t i = 0; i < n; i++)
        fprintf(f, " %zu", sizes[i]);
    fprintf(f, "\n");
}
