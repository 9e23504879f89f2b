/* SPDX-License-Identifier: MIT
 *
 * points_sweep.h - the machine's data-cache sizes and the list of point
 * counts the points suite sweeps: from L1-resident to well past the
 * last-level cache, with about two sizes per octave around each cache
 * boundary and one per octave elsewhere.
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

typedef struct points_caches {
    size_t l1d, l2, l3;     /* bytes; 0 when the level does not exist */
    const char *source;     /* "sysfs", "sysconf" or "default" (static) */
} points_caches;

/* Reads the data/unified cache sizes of cpu0 from 'dir' (normally
 * /sys/devices/system/cpu/cpu0/cache, which holds index<N>/{level,type,
 * size}). Returns 0 when at least L1d was found, -1 otherwise (c is then
 * zeroed). */
int points_caches_from_sysfs(const char *dir, points_caches *c);

/* Fills c from sysfs, else sysconf(_SC_LEVEL*_CACHE_SIZE), else typical
 * defaults (32 KiB, 1 MiB, 32 MiB), and records which in c->source.
 * sysfs comes first: under some hypervisors sysconf reports the host's
 * L3 (320 MiB on this project's VM, where sysfs says 32 MiB). */
void points_caches_detect(points_caches *c);

/* Parses a sysfs cache size such as "32K", "1024K", "8M" or "512".
 * Returns the size in bytes, or 0 when s is not of that form. */
size_t points_parse_cache_size(const char *s);

/* Writes the point counts of the sweep in increasing order to out[] (at
 * most cap) and returns how many. Full sweep: one size per octave from
 * POINTS_SWEEP_MIN to max(POINTS_SWEEP_MAX, 8 x last level), plus sizes
 * whose footprint is C/sqrt2, C and C*sqrt2 for each cache size C; sizes
 * closer than 10 % to a smaller one are dropped. Quick sweep: one size per
 * level, footprint C/4 (resident there), and one at 4x the last level
 * (DRAM). All sizes are multiples of POINTS_SWEEP_ROUND. */
size_t points_sweep(const points_caches *c, int quick, size_t *out,
                    size_t cap);

/* Prints the caches and the sweep on one line each to f, e.g.
 * "points: caches (sysfs): L1d 32 KiB, L2 1 MiB, L3 32 MiB". */
void points_sweep_print(FILE *f, const points_caches *c,
                        const size_t *sizes, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* CBENCH_BENCHES_POINTS_SWEEP_H */
