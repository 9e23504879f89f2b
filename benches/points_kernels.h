/* SPDX-License-Identifier: MIT
 *
 * points_kernels.h - the point-update kernels of cbench's flagship suite,
 * as plain C functions shared by the cbench benches (benches/points.c,
 * benches/slowdown.c), the tests (tests/benches/) and the Google Benchmark
 * peer harness (tools/peer/gbench_points.cc), so every harness runs the
 * same machine code.
 *
 * The data: n points, each with a position p and a velocity v (same
 * layout), stored as
 *   AoS       struct {float x, y, z;}            12 B per point
 *   AoS16     struct {float x, y, z, w;} aligned 16 B per point (w = 0)
 *   SoA       three float arrays x[n], y[n], z[n]
 *   AoSoA8    blocks struct {float x[8],  y[8],  z[8];}  (96 B)
 *   AoSoA16   blocks struct {float x[16], y[16], z[16];} (192 B)
 * The work: "all" is p += v*dt on the three components, "x" is
 * p.x += v.x*dt only (where AoS drags y and z through the cache anyway).
 * Every layout performs the same float operation on the same values, so
 * the results are bit-identical across layouts (tests/benches checks it).
 *
 * Reference kernels bound what the machine can do with the same bytes:
 * ref_rmw (one flat float array a[3n] += b[3n]*dt), ref_memcpy (12n bytes
 * from v to p) and ref_memset (24n bytes). They touch the same 24n-byte
 * footprint as the "all" kernels.
 */
#ifndef CBENCH_BENCHES_POINTS_KERNELS_H
#define CBENCH_BENCHES_POINTS_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The time step. A power of two, so v*dt is exact and contracting
 * p + v*dt into an fma gives the same float as the separate multiply and
 * add: results do not depend on -ffp-contract. */
#define POINTS_DT (1.0f / 64.0f)

#if defined(__GNUC__)
#define POINTS_ALIGNED(n) __attribute__((aligned(n)))
#else
#define POINTS_ALIGNED(n)
#endif

typedef struct points_aos { float x, y, z; } points_aos;
typedef struct points_aos16 { float x, y, z, w; } POINTS_ALIGNED(16)
    points_aos16;
typedef struct points_soa { float *x, *y, *z; } points_soa;
typedef struct points_aosoa8 { float x[8], y[8], z[8]; } POINTS_ALIGNED(32)
    points_aosoa8;
typedef struct points_aosoa16 { float x[16], y[16], z[16]; }
    POINTS_ALIGNED(64) points_aosoa16;

typedef enum points_layout {
    POINTS_AOS = 0,
    POINTS_AOS16,
    POINTS_SOA,
    POINTS_AOSOA8,
    POINTS_AOSOA16,
    POINTS_LAYOUT_COUNT
} points_layout;

/* Which component of a point: x, y, z (0, 1, 2). */
enum { POINTS_X = 0, POINTS_Y = 1, POINTS_Z = 2 };

/* Positions and velocities of n points in one layout. The arrays live in
 * one 64-byte-aligned allocation; each array starts on a cache line and
 * the k-th array is shifted by k extra lines, so no two streams are a
 * multiple of 4 KiB apart (4K aliasing would slow SoA for reasons that
 * have nothing to do with the layout). */
typedef struct points_data {
    points_layout layout;
    size_t n;              /* points */
    size_t capacity;       /* points allocated (>= n; whole AoSoA blocks) */
    void *p, *v;           /* AoS, AoS16, AoSoA: the arrays */
    points_soa p_soa, v_soa;   /* SoA: the component arrays */
    void *mem;             /* the allocation (free with points_free) */
    size_t mem_bytes;
    int mapped;            /* mem came from mmap (large sizes), else malloc */
} points_data;

/* Returns the layout's name ("aos", "aos16", "soa", "aosoa8",
 * "aosoa16"), or NULL for a bad value. */
const char *points_layout_name(points_layout layout);

/* Allocates n points (n >= 1) in 'layout' and fills them with
 * points_fill(d, seed). Returns 0, or -1 with *d zeroed when n is 0 or
 * too large, or memory runs out. Free with points_free. */
int points_alloc(points_data *d, points_layout layout, size_t n,
                 uint64_t seed);

/* Releases d's memory and zeroes it. NULL-safe, idempotent. */
void points_free(points_data *d);

/* Writes deterministic values: component c of point i depends only on
 * (seed, i, c), never on the layout, so all layouts start equal.
 * Positions are in [-128, 128), velocities in [-1, 1). It writes only the
 * n points' components: AoS16's w lanes and unused tail lanes of AoSoA
 * blocks keep what they hold (0 in memory from points_alloc, which comes
 * zeroed; the kernels keep them 0). */
void points_fill(points_data *d, uint64_t seed);

/* The initial value points_fill gives component c of point i of the
 * positions (velocity == 0) or the velocities (velocity == 1). */
float points_initial(uint64_t seed, int velocity, size_t i, int c);

/* Component c of point i of the positions (velocity == 0) or velocities
 * (velocity == 1). i < d->n, c in 0..2. */
float points_get(const points_data *d, int velocity, size_t i, int c);

/* {=================================================================
 * Kernels. Each takes the data in its own layout (checked by the caller)
 * and dt, and performs one step on all d->n points.
 * ================================================================== */
typedef void (*points_kernel_fn)(const points_data *d, float dt);

void points_aos_all(const points_data *d, float dt);
void points_aos16_all(const points_data *d, float dt);
void points_soa_all(const points_data *d, float dt);
void points_aosoa8_all(const points_data *d, float dt);
void points_aosoa16_all(const points_data *d, float dt);

void points_aos_x(const points_data *d, float dt);
void points_aos16_x(const points_data *d, float dt);
void points_soa_x(const points_data *d, float dt);
void points_aosoa8_x(const points_data *d, float dt);
void points_aosoa16_x(const points_data *d, float dt);

/* References on AoS data (a flat float array of 3n floats per array). */
void points_ref_rmw(const points_data *d, float dt);     /* p[i] += v[i]*dt */
void points_ref_memcpy(const points_data *d, float dt);  /* p = v, 12n B */
void points_ref_memset(const points_data *d, float dt);  /* p = v = 0 */

typedef enum points_work {
    POINTS_WORK_ALL = 0,   /* p += v*dt, three components */
    POINTS_WORK_X,         /* p.x += v.x*dt */
    POINTS_WORK_REF        /* a reference kernel */
} points_work;

/* One kernel of the suite, as the benches register it. */
typedef struct points_kernel {
    const char *name;          /* benchmark name, e.g. "aos_all" */
    points_layout layout;      /* the data it runs on */
    points_work work;
    points_kernel_fn run;
    double bytes_per_point;    /* bytes of data the work needs per point:
                                  24 (p read+written, v read, 3 floats each)
                                  for "all" and references, 8 for "x". */
    const char *what;          /* one-line description */
} points_kernel;

/* The NULL-name-terminated table of all kernels, in report order (AoS
 * first: it is the group's reference). */
extern const points_kernel points_kernels[];

/* The kernel called 'name', or NULL. */
const points_kernel *points_kernel_find(const char *name);

/* {=================================================================
 * Injected slowdown (issue 9's A/A and 3 % tests): the harnesses that
 * honour CBENCH_SLOWDOWN process round(n * factor) points where the
 * benchmark's id says n, in both cbench and Google Benchmark.
 * ================================================================== */

/* Parses a slowdown factor such as "1.03" (s NULL or "" means 1).
 * Returns 0 with *factor set, or -1 when s is not a number in [0.5, 2]. */
int points_parse_slowdown(const char *s, double *factor);

/* round(n * factor), at least 1. */
size_t points_scaled(size_t n, double factor);

#ifdef __cplusplus
}
#endif
#endif /* CBENCH_BENCHES_POINTS_KERNELS_H */
