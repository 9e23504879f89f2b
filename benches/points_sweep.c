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

#include "measure/env.h"

/* {=================================================================
 * Cache sizes.
 * ================================================================== */

/* The parser and the sysfs reader are the framework's (measure/env.h), which
 * records the same sizes in every run's context. */
size_t points_parse_cache_size(const char *s)
{
    return cbench_env_parse_cache_size(s);
}

int points_caches_from_sysfs(const char *dir, points_caches *c)
{
    uint64_t bytes[CBENCH_CACHE_LEVELS];
    memset(c, 0, sizeof *c);
    if (cbench_env_caches(dir, bytes) != 0)
        return -1;
    c->l1d = (size_t)bytes[0];
    c->l2 = (size_t)bytes[1];
    c->l3 = (size_t)bytes[2];
    c->source = "sysfs";
    return 0;
}

int points_caches_parse(const char *s, points_caches *c)
{
    char buf[96], *save = NULL;
    size_t v[3];
    if (s == NULL || strlen(s) >= sizeof buf)
        return -1;
    memcpy(buf, s, strlen(s) + 1);
    char *tok = strtok_r(buf, ",", &save);
    int n = 0;
    for (; tok != NULL && n < 3; tok = strtok_r(NULL, ",", &save), n++) {
        v[n] = strcmp(tok, "0") == 0 && n == 2 ? 0 : points_parse_cache_size(tok);
        if (v[n] == 0 && !(n == 2 && strcmp(tok, "0") == 0))
            return -1;
    }
    if (n != 3 || tok != NULL)
        return -1;
    c->l1d = v[0];
    c->l2 = v[1];
    c->l3 = v[2];
    c->source = "CBENCH_POINTS_CACHES";
    return 0;
}

static size_t sysconf_size(int name)
{
    long v = sysconf(name);
    return v > 0 ? (size_t)v : 0;
}

/* MemAvailable of /proc/meminfo in bytes, 0 when it cannot be read. */
static size_t mem_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    unsigned long long kib = 0;
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
            break;
    fclose(f);
    return (size_t)kib << 10;
}

static void detect_caches(points_caches *c)
{
    const char *over = getenv("CBENCH_POINTS_CACHES");
    if (over != NULL && *over) {
        if (points_caches_parse(over, c) == 0)
            return;
        fprintf(stderr, "points: CBENCH_POINTS_CACHES='%s' is not of the form "
                "L1D,L2,L3 (e.g. 48K,2M,480M): ignored\n", over);
    }
    if (points_caches_from_sysfs(CBENCH_ENV_CACHE_DIR, c) == 0)
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

void points_caches_detect(points_caches *c)
{
    memset(c, 0, sizeof *c);
    detect_caches(c);
    c->mem_available = mem_available();
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

/* The same, but never past 'bytes' (for sizes that are capped). */
static size_t points_at_most(double bytes)
{
    size_t n = points_for_bytes(bytes);
    if (n > POINTS_SWEEP_ROUND && (double)n * POINTS_SWEEP_BYTES_PER_POINT > bytes)
        n -= POINTS_SWEEP_ROUND;
    return n;
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

size_t points_dram_bytes(const points_caches *c)
{
    double bytes = 4.0 * (double)last_level(c);
    if (bytes > (double)POINTS_DRAM_MAX_BYTES)
        bytes = (double)POINTS_DRAM_MAX_BYTES;
    if (c->mem_available > 0 && bytes > c->mem_available / 4.0)
        bytes = c->mem_available / 4.0;
    return (size_t)bytes;
}

/* Footprint C/4 of each level: resident there, whatever the line size
 * and associativity; for the L3 at most POINTS_LLC_RESIDENT_MAX_BYTES. */
static size_t resident_sizes(const points_caches *c, size_t *cand)
{
    size_t n = 0;
    const size_t levels[3] = {c->l1d, c->l2, c->l3};
    for (int i = 0; i < 3; i++) {
        double bytes = levels[i] / 4.0;
        if (levels[i] == 0)
            continue;
        if (i == 2 && bytes > (double)POINTS_LLC_RESIDENT_MAX_BYTES)
            cand[n++] = points_at_most((double)POINTS_LLC_RESIDENT_MAX_BYTES);
        else
            cand[n++] = points_for_bytes(bytes);
    }
    return n;
}

static size_t quick_sweep(const points_caches *c, size_t *cand)
{
    size_t n = resident_sizes(c, cand);
    cand[n++] = points_at_most((double)points_dram_bytes(c));
    return n;
}

/* The default: resident in each level, just spilled out of L1 and L2
 * (footprint C*sqrt2: the boundaries where layouts part ways), DRAM. */
static size_t default_sweep(const points_caches *c, size_t *cand)
{
    size_t n = quick_sweep(c, cand);
    if (c->l2)
        cand[n++] = points_for_bytes(c->l1d * 1.41421356);
    if (c->l2 && c->l3)
        cand[n++] = points_for_bytes(c->l2 * 1.41421356);
    return n;
}

static size_t full_sweep(const points_caches *c, size_t *cand, size_t *max)
{
    size_t n = 0;
    *max = POINTS_SWEEP_MAX;
    while (*max < points_for_bytes(8.0 * (double)last_level(c)))
        *max *= 2;
    /* ... but a quarter of the memory at most, whatever the caches say. */
    if (c->mem_available > 0)
        while (*max > POINTS_SWEEP_MIN
               && (double)*max * POINTS_SWEEP_BYTES_PER_POINT > c->mem_available / 4.0)
            *max /= 2;
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

/* Whether a and b are within 10 % of each other: the same cache regime. */
static int close_sizes(size_t a, size_t b)
{
    double lo = (double)(a < b ? a : b), hi = (double)(a < b ? b : a);
    return hi < 1.1 * lo;
}

static int is_octave(size_t s)
{
    return (s & (s - 1)) == 0;
}

/* Inserts s into the sorted out[0..*n) unless a kept size is close to it. */
static void keep_unless_close(size_t *out, size_t *n, size_t cap, size_t s)
{
    for (size_t i = 0; i < *n; i++)
        if (close_sizes(out[i], s))
            return;
    if (*n == cap)
        return;
    size_t i = *n;
    for (; i > 0 && out[i - 1] > s; i--)
        out[i] = out[i - 1];
    out[i] = s;
    (*n)++;
}

/* Inserts s into the sorted out[0..*n) unless it is there already. */
static void keep(size_t *out, size_t *n, size_t cap, size_t s)
{
    for (size_t i = 0; i < *n; i++)
        if (out[i] == s)
            return;
    if (*n == cap)
        return;
    size_t i = *n;
    for (; i > 0 && out[i - 1] > s; i--)
        out[i] = out[i - 1];
    out[i] = s;
    (*n)++;
}

/* The full sweep: the octaves, so its ids are the same on every machine
 * (points/aos_all/1048576 always exists), every size of the default and
 * quick sweeps, so their results have a match in it, and the sizes around
 * each cache boundary, unless one is close to a size already kept. */
static size_t full_sizes(const points_caches *c, size_t *out, size_t cap)
{
    size_t cand[POINTS_SWEEP_CAP], sub[POINTS_SWEEP_CAP], max, kept = 0;
    size_t n = full_sweep(c, cand, &max);
    for (size_t i = 0; i < n; i++)
        if (is_octave(cand[i]) && cand[i] >= POINTS_SWEEP_MIN && cand[i] <= max)
            keep(out, &kept, cap, cand[i]);
    size_t n_sub = default_sweep(c, sub);
    n_sub += quick_sweep(c, sub + n_sub);
    for (size_t i = 0; i < n_sub; i++)
        keep(out, &kept, cap, sub[i]);
    qsort(cand, n, sizeof cand[0], cmp_size);
    for (size_t i = 0; i < n; i++)
        if (!is_octave(cand[i]) && cand[i] >= POINTS_SWEEP_MIN && cand[i] <= max)
            keep_unless_close(out, &kept, cap, cand[i]);
    return kept;
}

size_t points_sweep(const points_caches *c, points_sweep_kind kind,
                    size_t *out, size_t cap)
{
    if (kind == POINTS_SWEEP_FULL)
        return full_sizes(c, out, cap);
    size_t cand[POINTS_SWEEP_CAP];
    size_t n = kind == POINTS_SWEEP_DEFAULT ? default_sweep(c, cand) : quick_sweep(c, cand);
    qsort(cand, n, sizeof cand[0], cmp_size);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        keep_unless_close(out, &kept, cap, cand[i]);   /* same cache regime */
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

/* How the DRAM point was chosen: "4x L3", or the cap that bound it. */
static void describe_dram(char *buf, size_t size, const points_caches *c)
{
    char llc[32], cap[32];
    double want = 4.0 * (double)last_level(c);
    size_t got = points_dram_bytes(c);
    const char *level = c->l3 ? "L3" : c->l2 ? "L2" : "L1d";
    format_bytes(cap, sizeof cap, (double)got);
    format_bytes(llc, sizeof llc, want);
    if ((double)got >= want)
        snprintf(buf, size, "DRAM point %s = 4x %s", cap, level);
    else if (got == POINTS_DRAM_MAX_BYTES)
        snprintf(buf, size, "DRAM point %s: 4x %s = %s, capped at %s", cap, level,
                 llc, cap);
    else
        snprintf(buf, size, "DRAM point %s: 4x %s = %s, capped at a quarter of the "
                 "available memory", cap, level, llc);
}

void points_sweep_describe(char *buf, size_t size, const points_caches *c,
                           points_sweep_kind kind, const size_t *sizes,
                           size_t n)
{
    static const char *const names[] = {"quick", "default", "full"};
    char l1[32], l2[32], l3[32], dram[240] = "";
    format_bytes(l1, sizeof l1, (double)c->l1d);
    format_bytes(l2, sizeof l2, (double)c->l2);
    format_bytes(l3, sizeof l3, (double)c->l3);
    if (kind != POINTS_SWEEP_FULL) {
        size_t k = (size_t)snprintf(dram, sizeof dram, "; ");
        if (c->l3 / 4 > POINTS_LLC_RESIDENT_MAX_BYTES)
            k += (size_t)snprintf(dram + k, sizeof dram - k, "L3 point 16 MiB (L3/4 "
                                  "capped: a core's share of the L3 may be far less "
                                  "than the L3 reported); ");
        describe_dram(dram + k, sizeof dram - k, c);
    }
    snprintf(buf, size, "caches (%s): L1d %s, L2 %s, L3 %s; %s sweep: %zu sizes, "
             "%zu..%zu points (%d B/point)%s", c->source, l1, c->l2 ? l2 : "none",
             c->l3 ? l3 : "none", names[kind], n, n ? sizes[0] : 0,
             n ? sizes[n - 1] : 0, POINTS_SWEEP_BYTES_PER_POINT, dram);
}
