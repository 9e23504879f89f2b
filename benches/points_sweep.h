/* SPDX-License-Identifier: MIT
 *
 * points_sweep.h - the machine's data-cache sizes and the lists of point
 * counts the points suite sweeps: the full sweep from L1-resident to well
 * past the last-level cache (about two sizes per octave around each cache
 * boundary, one per octave elsewhere), the default one (a few sizes that
 * each sit in one cache regime, so the suite finishes in minutes on any
 * machine) and the quick one (one size per level, for CI).
 */
#ifndef CBENCH_BENCHES_POINTS_SWEEP_H
#define CBENCH_BENCHES_POINTS_SWEEP_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Footprint per point of the "all" kernels and the references: p and v,
 * three floats each. The sweep places sizes by this footprint. */
#define POINTS_SWEEP_BYTES_PER_POINT 24

/* The sweep starts at 1 Ki points and ends at >= 16 Mi points. */
#define POINTS_SWEEP_MIN ((size_t)1 << 10)
#define POINTS_SWEEP_MAX ((size_t)1 << 24)

/* Sizes are multiples of this many points (whole AoSoA16 blocks and
 * cache lines of every SoA array). */
#define POINTS_SWEEP_ROUND 64

/* The most sizes points_sweep() returns. */
#define POINTS_SWEEP_CAP 64

/* The DRAM point of the default and quick sweeps is 4x the last level,
 * but never more than this footprint nor a quarter of the memory
 * available: a guest that reports its host's L3 (480 MiB seen, the whole
 * host's) must not send the default suite to gigabytes per benchmark,
 * filled in every worker process (benches/README.md: at 1 GiB a single
 * benchmark took 67 s). 256 MiB is beyond any one core's share of a
 * last-level cache today (at most 96 MiB per CCD). */
#define POINTS_DRAM_MAX_BYTES ((size_t)256 << 20)

/* The size resident in the L3 is a quarter of it, at most this footprint:
 * an L3 reported as 480 MiB is the host's, of which one core's chiplet
 * may hold only 32 MiB; at L3/4 = 120 MiB the "in L3" size took longer
 * than the DRAM one (benches/README.md). */
#define POINTS_LLC_RESIDENT_MAX_BYTES ((size_t)16 << 20)

typedef struct points_caches {
    size_t l1d, l2, l3;     /* bytes; 0 when the level does not exist */
    const char *source;     /* "sysfs", "sysconf", "default" or the
                               override variable's name (static) */
    size_t mem_available;   /* bytes (MemAvailable); 0 when unknown */
} points_caches;

typedef enum points_sweep_kind {
    POINTS_SWEEP_QUICK = 0,  /* one size per level, footprint C/4, + DRAM */
    POINTS_SWEEP_DEFAULT,    /* inside each level, across L1 and L2, DRAM */
    POINTS_SWEEP_FULL        /* every half-octave around each boundary */
} points_sweep_kind;

/* Reads the data/unified cache sizes of cpu0 from 'dir' (normally
 * /sys/devices/system/cpu/cpu0/cache, which holds index<N>/{level,type,
 * size}). Returns 0 when at least L1d was found, -1 otherwise (c is then
 * zeroed). */
int points_caches_from_sysfs(const char *dir, points_caches *c);

/* Parses an override of the cache sizes, "L1D,L2,L3" in sysfs's form
 * (e.g. "48K,2M,480M"; L3 may be "0" for none). Returns 0, or -1 when s
 * is not of that form (c is then untouched). */
int points_caches_parse(const char *s, points_caches *c);

/* Fills c from the variable CBENCH_POINTS_CACHES when set (to try the
 * sweep of another machine; a malformed value is reported on stderr and
 * ignored), else sysfs, else sysconf(_SC_LEVEL*_CACHE_SIZE), else typical
 * defaults (32 KiB, 1 MiB, 32 MiB), and records which in c->source.
 * sysfs comes before sysconf: under some hypervisors sysconf reports the
 * host's L3 (320 MiB on this project's VM, where sysfs says 32 MiB).
 * Also reads MemAvailable from /proc/meminfo. */
void points_caches_detect(points_caches *c);

/* Footprint in bytes of the DRAM point: min(4 x last level,
 * POINTS_DRAM_MAX_BYTES, mem_available / 4). */
size_t points_dram_bytes(const points_caches *c);

/* Parses a sysfs cache size such as "32K", "1024K", "8M" or "512".
 * Returns the size in bytes, or 0 when s is not of that form. */
size_t points_parse_cache_size(const char *s);

/* Writes the point counts of a sweep in increasing order to out[] (at
 * most cap) and returns how many. All sizes are multiples of
 * POINTS_SWEEP_ROUND; sizes closer than 10 % to a smaller one are dropped.
 * - FULL: one size per octave (a power of two: these are on every
 *   machine) from POINTS_SWEEP_MIN to max(POINTS_SWEEP_MAX, 8 x last
 *   level) -- but no further than a footprint of a quarter of the memory
 *   available --, every size of the DEFAULT and QUICK sweeps, and the
 *   sizes whose footprint is C/sqrt2, C and C*sqrt2 for each cache size C
 *   unless one is within 10 % of a size already there.
 * - DEFAULT: footprints C/4 for each level (resident there; for L3 at most
 *   POINTS_LLC_RESIDENT_MAX_BYTES), C*sqrt2 for L1 and L2 (just spilled
 *   out of them), and the DRAM point.
 * - QUICK: C/4 for each level and the DRAM point. */
size_t points_sweep(const points_caches *c, points_sweep_kind kind,
                    size_t *out, size_t cap);

/* Describes the caches and a sweep in one line, without a newline, e.g.
 * "caches (sysfs): L1d 32 KiB, L2 1 MiB, L3 32 MiB; default sweep: 6
 * sizes, 1344..5592448 points (DRAM point 128 MiB = 4x L3)". */
void points_sweep_describe(char *buf, size_t size, const points_caches *c,
                           points_sweep_kind kind, const size_t *sizes,
                           size_t n);

#ifdef __cplusplus
}
#endif
#endif /* CBENCH_BENCHES_POINTS_SWEEP_H */
