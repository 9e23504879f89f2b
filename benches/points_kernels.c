/* SPDX-License-Identifier: MIT
 *
 * points_kernels.c - layouts, deterministic data and the kernels of the
 * points suite (see points_kernels.h). Kept free of any harness so the
 * cbench benches, the tests and the Google Benchmark peer harness link the
 * very same object code.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE    /* MAP_ANONYMOUS, MAP_POPULATE */
#endif
#include "points_kernels.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define POINTS_LINE 64

/* {=================================================================
 * Layout geometry and allocation.
 * ================================================================== */

const char *points_layout_name(points_layout layout)
{
    static const char *const names[POINTS_LAYOUT_COUNT] = {
        "aos", "aos16", "soa", "aosoa8", "aosoa16"};
    if ((unsigned)layout >= POINTS_LAYOUT_COUNT)
        return NULL;
    return names[layout];
}

/* Where component c of point i lives in one array, counted in floats:
 * block i / lanes of block_floats floats, component c at c * comp_floats,
 * lane i % lanes. SoA keeps each component in its own array (one float
 * per point per array). */
typedef struct points_geometry {
    size_t lanes, block_floats, comp_floats;
} points_geometry;

static const points_geometry geometries[POINTS_LAYOUT_COUNT] = {
    [POINTS_AOS] = {1, 3, 1},
    [POINTS_AOS16] = {1, 4, 1},
    [POINTS_SOA] = {1, 1, 0},
    [POINTS_AOSOA8] = {8, 24, 8},
    [POINTS_AOSOA16] = {16, 48, 16},
};

_Static_assert(sizeof(points_aos) == 3 * sizeof(float), "AoS is 12 B");
_Static_assert(sizeof(points_aos16) == 4 * sizeof(float), "AoS16 is 16 B");
_Static_assert(sizeof(points_aosoa8) == 24 * sizeof(float), "no padding");
_Static_assert(sizeof(points_aosoa16) == 48 * sizeof(float), "no padding");

static size_t round_up(size_t x, size_t to)
{
    return (x + to - 1) / to * to;
}

/* Lays the arrays out in d->mem: 2 arrays (p, v), or 6 for SoA
 * (px py pz vx vy vz), each on its own cache line, the k-th shifted by k
 * lines. */
static void place_arrays(points_data *d, size_t array_bytes, int n_arrays)
{
    char *base = d->mem;
    char *at[6];
    for (int k = 0; k < n_arrays; k++)
        at[k] = base + (size_t)k * (array_bytes + POINTS_LINE);
    if (d->layout == POINTS_SOA) {
        d->p_soa = (points_soa){(float *)(void *)at[0],
                                (float *)(void *)at[1],
                                (float *)(void *)at[2]};
        d->v_soa = (points_soa){(float *)(void *)at[3],
                                (float *)(void *)at[4],
                                (float *)(void *)at[5]};
    } else {
        d->p = at[0];
        d->v = at[1];
    }
}

/* Large arrays come straight from the kernel with their pages faulted in
 * at once (MAP_POPULATE: 0.13-0.18 s for 256 MiB here, against 0.24-0.29 s
 * touched page by page) and zeroed. Every worker process fills its own,
 * so this is most of the setup of a DRAM-sized benchmark. glibc maps such
 * sizes itself, so the arrays start page-aligned either way. */
#define POINTS_MAP_BYTES ((size_t)32 << 20)

static int alloc_memory(points_data *d, size_t total)
{
    if (total >= POINTS_MAP_BYTES) {
        void *m = mmap(NULL, total, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (m == MAP_FAILED)
            return -1;
        d->mem = m;
        d->mapped = 1;
    } else {
        d->mem = aligned_alloc(POINTS_LINE, total);
        if (d->mem == NULL)
            return -1;
        memset(d->mem, 0, total);
    }
    d->mem_bytes = total;
    return 0;
}

int points_alloc(points_data *d, points_layout layout, size_t n,
                 uint64_t seed)
{
    memset(d, 0, sizeof *d);
    /* 1 << 40 points is far beyond any machine; it keeps sums in range. */
    if (n == 0 || (unsigned)layout >= POINTS_LAYOUT_COUNT ||
        n > ((size_t)1 << 40))
        return -1;
    const points_geometry *g = &geometries[layout];
    int n_arrays = layout == POINTS_SOA ? 6 : 2;
    size_t capacity = round_up(n, g->lanes);
    size_t array_bytes = round_up(capacity / g->lanes * g->block_floats *
                                  sizeof(float), POINTS_LINE);
    size_t total = (size_t)n_arrays * (array_bytes + POINTS_LINE);
    if (alloc_memory(d, total) != 0)
        return -1;
    d->layout = layout;
    d->n = n;
    d->capacity = capacity;
    place_arrays(d, array_bytes, n_arrays);
    points_fill(d, seed);
    return 0;
}

void points_free(points_data *d)
{
    if (d == NULL)
        return;
    if (d->mapped)
        munmap(d->mem, d->mem_bytes);
    else
        free(d->mem);
    memset(d, 0, sizeof *d);
}

/* {=================================================================
 * Deterministic values.
 * ================================================================== */

/* A 32-bit integer hash (Wellons's "lowbias32": a bijection with low
 * bias). Two 32-bit multiplies: filling a DRAM-sized array in every worker
 * process must cost little next to the measurement (splitmix64's 64-bit
 * multiplies made a 1 GiB fill take 2.5-3.4 s per round here). */
static uint32_t hash32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    return x ^ (x >> 16);
}

/* points_initial, inlined where it fills arrays: the library is built
 * position-independent, where an exported function is not inlined (it
 * could be interposed), and a call per value doubled the fill time. */
static inline float initial_value(uint64_t seed, int velocity, size_t i, int c)
{
    uint64_t key = (uint64_t)i * 8u + (uint64_t)c * 2u + (velocity != 0);
    uint32_t s = (uint32_t)(seed ^ (seed >> 32)) * 0x9e3779b9u;
    uint32_t h = hash32((uint32_t)key ^ (uint32_t)(key >> 32) * 0x85ebca6bu ^ s);
    /* 23 random bits as the mantissa of a float in [2, 4), minus 3: a
     * float in [-1, 1), exactly. Built from bits, not converted from an
     * int: cvtsi2ss writes only part of its register, and the chain it
     * made from one value to the next took 3.5 ns per value. */
    uint32_t bits = 0x40000000u | (h >> 9);
    float f;
    memcpy(&f, &bits, sizeof f);
    return (f - 3.0f) * (velocity ? 1.0f : 128.0f);
}

float points_initial(uint64_t seed, int velocity, size_t i, int c)
{
    return initial_value(seed, velocity, i, c);
}

/* Address of component c of point i of the positions or velocities. */
static float *component(const points_data *d, int velocity, size_t i,
                        int c)
{
    if (d->layout == POINTS_SOA) {
        const points_soa *s = velocity ? &d->v_soa : &d->p_soa;
        return (c == 0 ? s->x : c == 1 ? s->y : s->z) + i;
    }
    const points_geometry *g = &geometries[d->layout];
    float *a = velocity ? d->v : d->p;
    return a + i / g->lanes * g->block_floats + (size_t)c * g->comp_floats +
           i % g->lanes;
}

/* Fills one array (positions or velocities) of a non-SoA layout, walking
 * blocks and lanes instead of dividing per value (a 64-bit division per
 * float made filling 16 Mi AoS points take seconds, in every worker). */
static void fill_interleaved(const points_data *d, int velocity,
                             uint64_t seed)
{
    const points_geometry *g = &geometries[d->layout];
    float *block = velocity ? d->v : d->p;
    size_t lane = 0;
    for (size_t i = 0; i < d->n; i++) {
        for (int c = 0; c < 3; c++)
            block[(size_t)c * g->comp_floats + lane] =
                initial_value(seed, velocity, i, c);
        if (++lane == g->lanes) {
            lane = 0;
            block += g->block_floats;
        }
    }
}

void points_fill(points_data *d, uint64_t seed)
{
    /* AoS16's w lanes, AoSoA tail lanes and line padding stay zero: the
     * memory comes zeroed (points_alloc). */
    for (int velocity = 0; velocity <= 1; velocity++) {
        if (d->layout != POINTS_SOA) {
            fill_interleaved(d, velocity, seed);
            continue;
        }
        const points_soa *s = velocity ? &d->v_soa : &d->p_soa;
        for (size_t i = 0; i < d->n; i++) {
            s->x[i] = initial_value(seed, velocity, i, POINTS_X);
            s->y[i] = initial_value(seed, velocity, i, POINTS_Y);
            s->z[i] = initial_value(seed, velocity, i, POINTS_Z);
        }
    }
}

float points_get(const points_data *d, int velocity, size_t i, int c)
{
    return *component(d, velocity, i, c);
}

/* {=================================================================
 * Kernels. Each public kernel unpacks points_data and calls a loop whose
 * arrays are restrict-qualified *parameters*. Written with restrict
 * block-scope pointers loaded from points_data instead, soa_all stayed
 * scalar with gcc 12 -O3 ("couldn't vectorize loop") and clang 14's cost
 * model declined it (run-time alias checks), and gcc versioned the other
 * loops for aliasing. See benches/README.md, "What the compiler does".
 * ================================================================== */

static void aos_all(points_aos *restrict p, const points_aos *restrict v,
                    size_t n, float dt)
{
    for (size_t i = 0; i < n; i++) {
        p[i].x += v[i].x * dt;
        p[i].y += v[i].y * dt;
        p[i].z += v[i].z * dt;
    }
}

/* The padded layout exists so a point is one aligned 16-byte vector:
 * update the w lane too (0 + 0*dt stays 0). Leaving w alone makes gcc
 * de-interleave and re-interleave with shuffles (about 3x the
 * instructions), because it may not store to w. */
static void aos16_all(points_aos16 *restrict p,
                      const points_aos16 *restrict v, size_t n, float dt)
{
    for (size_t i = 0; i < n; i++) {
        p[i].x += v[i].x * dt;
        p[i].y += v[i].y * dt;
        p[i].z += v[i].z * dt;
        p[i].w += v[i].w * dt;
    }
}

static void soa_all(float *restrict px, float *restrict py,
                    float *restrict pz, const float *restrict vx,
                    const float *restrict vy, const float *restrict vz,
                    size_t n, float dt)
{
    for (size_t i = 0; i < n; i++) {
        px[i] += vx[i] * dt;
        py[i] += vy[i] * dt;
        pz[i] += vz[i] * dt;
    }
}

/* AoSoA: whole blocks, then the first 'tail' lanes of the last block
 * (n need not be a multiple of the block). With a constant lane count the
 * compiler turns each component of a block into whole vectors. */
#define POINTS_AOSOA_LANES_ALL(p, v, lanes, dt)                           \
    for (size_t l = 0; l < (lanes); l++) {                                \
        (p)->x[l] += (v)->x[l] * (dt);                                    \
        (p)->y[l] += (v)->y[l] * (dt);                                    \
        (p)->z[l] += (v)->z[l] * (dt);                                    \
    }

static void aosoa8_all(points_aosoa8 *restrict p,
                       const points_aosoa8 *restrict v, size_t n, float dt)
{
    size_t blocks = n / 8, tail = n % 8;
    for (size_t b = 0; b < blocks; b++)
        POINTS_AOSOA_LANES_ALL(&p[b], &v[b], 8, dt)
    POINTS_AOSOA_LANES_ALL(&p[blocks], &v[blocks], tail, dt)
}

static void aosoa16_all(points_aosoa16 *restrict p,
                        const points_aosoa16 *restrict v, size_t n,
                        float dt)
{
    size_t blocks = n / 16, tail = n % 16;
    for (size_t b = 0; b < blocks; b++)
        POINTS_AOSOA_LANES_ALL(&p[b], &v[b], 16, dt)
    POINTS_AOSOA_LANES_ALL(&p[blocks], &v[blocks], tail, dt)
}

static void aos_x(points_aos *restrict p, const points_aos *restrict v,
                  size_t n, float dt)
{
    for (size_t i = 0; i < n; i++)
        p[i].x += v[i].x * dt;
}

static void aos16_x(points_aos16 *restrict p,
                    const points_aos16 *restrict v, size_t n, float dt)
{
    for (size_t i = 0; i < n; i++)
        p[i].x += v[i].x * dt;
}

static void soa_x(float *restrict px, const float *restrict vx, size_t n,
                  float dt)
{
    for (size_t i = 0; i < n; i++)
        px[i] += vx[i] * dt;
}

#define POINTS_AOSOA_LANES_X(p, v, lanes, dt)                             \
    for (size_t l = 0; l < (lanes); l++)                                  \
        (p)->x[l] += (v)->x[l] * (dt);

static void aosoa8_x(points_aosoa8 *restrict p,
                     const points_aosoa8 *restrict v, size_t n, float dt)
{
    size_t blocks = n / 8, tail = n % 8;
    for (size_t b = 0; b < blocks; b++)
        POINTS_AOSOA_LANES_X(&p[b], &v[b], 8, dt)
    POINTS_AOSOA_LANES_X(&p[blocks], &v[blocks], tail, dt)
}

static void aosoa16_x(points_aosoa16 *restrict p,
                      const points_aosoa16 *restrict v, size_t n, float dt)
{
    size_t blocks = n / 16, tail = n % 16;
    for (size_t b = 0; b < blocks; b++)
        POINTS_AOSOA_LANES_X(&p[b], &v[b], 16, dt)
    POINTS_AOSOA_LANES_X(&p[blocks], &v[blocks], tail, dt)
}

/* The reference read-modify-write: AoS storage is a flat float array of
 * 3n floats, so this is aos_all without the structure. */
static void flat_rmw(float *restrict a, const float *restrict b, size_t m,
                     float dt)
{
    for (size_t i = 0; i < m; i++)
        a[i] += b[i] * dt;
}

void points_aos_all(const points_data *d, float dt)
{
    aos_all(d->p, d->v, d->n, dt);
}

void points_aos16_all(const points_data *d, float dt)
{
    aos16_all(d->p, d->v, d->n, dt);
}

void points_soa_all(const points_data *d, float dt)
{
    soa_all(d->p_soa.x, d->p_soa.y, d->p_soa.z, d->v_soa.x, d->v_soa.y,
            d->v_soa.z, d->n, dt);
}

void points_aosoa8_all(const points_data *d, float dt)
{
    aosoa8_all(d->p, d->v, d->n, dt);
}

void points_aosoa16_all(const points_data *d, float dt)
{
    aosoa16_all(d->p, d->v, d->n, dt);
}

void points_aos_x(const points_data *d, float dt)
{
    aos_x(d->p, d->v, d->n, dt);
}

void points_aos16_x(const points_data *d, float dt)
{
    aos16_x(d->p, d->v, d->n, dt);
}

void points_soa_x(const points_data *d, float dt)
{
    soa_x(d->p_soa.x, d->v_soa.x, d->n, dt);
}

void points_aosoa8_x(const points_data *d, float dt)
{
    aosoa8_x(d->p, d->v, d->n, dt);
}

void points_aosoa16_x(const points_data *d, float dt)
{
    aosoa16_x(d->p, d->v, d->n, dt);
}

/* {=================================================================
 * References: the same 24n-byte footprint as the "all" kernels.
 * ================================================================== */

void points_ref_rmw(const points_data *d, float dt)
{
    flat_rmw(d->p, d->v, 3 * d->n, dt);
}

void points_ref_memcpy(const points_data *d, float dt)
{
    (void)dt;
    memcpy(d->p, d->v, d->n * sizeof(points_aos));
}

void points_ref_memset(const points_data *d, float dt)
{
    (void)dt;
    memset(d->p, 0, d->n * sizeof(points_aos));
    memset(d->v, 0, d->n * sizeof(points_aos));
}

/* {=================================================================
 * The table.
 * ================================================================== */

const points_kernel points_kernels[] = {
    {"aos_all", POINTS_AOS, POINTS_WORK_ALL, points_aos_all, 24,
     "AoS {x,y,z} 12 B: p += v*dt"},
    {"aos16_all", POINTS_AOS16, POINTS_WORK_ALL, points_aos16_all, 24,
     "AoS padded/aligned to 16 B: p += v*dt"},
    {"soa_all", POINTS_SOA, POINTS_WORK_ALL, points_soa_all, 24,
     "SoA x[], y[], z[]: p += v*dt"},
    {"aosoa8_all", POINTS_AOSOA8, POINTS_WORK_ALL, points_aosoa8_all, 24,
     "AoSoA, blocks of 8: p += v*dt"},
    {"aosoa16_all", POINTS_AOSOA16, POINTS_WORK_ALL, points_aosoa16_all, 24,
     "AoSoA, blocks of 16: p += v*dt"},
    {"aos_x", POINTS_AOS, POINTS_WORK_X, points_aos_x, 8,
     "AoS {x,y,z} 12 B: p.x += v.x*dt"},
    {"aos16_x", POINTS_AOS16, POINTS_WORK_X, points_aos16_x, 8,
     "AoS padded/aligned to 16 B: p.x += v.x*dt"},
    {"soa_x", POINTS_SOA, POINTS_WORK_X, points_soa_x, 8,
     "SoA x[], y[], z[]: p.x += v.x*dt"},
    {"aosoa8_x", POINTS_AOSOA8, POINTS_WORK_X, points_aosoa8_x, 8,
     "AoSoA, blocks of 8: p.x += v.x*dt"},
    {"aosoa16_x", POINTS_AOSOA16, POINTS_WORK_X, points_aosoa16_x, 8,
     "AoSoA, blocks of 16: p.x += v.x*dt"},
    {"ref_rmw", POINTS_AOS, POINTS_WORK_REF, points_ref_rmw, 24,
     "reference: flat float a[3n] += b[3n]*dt"},
    {"ref_memcpy", POINTS_AOS, POINTS_WORK_REF, points_ref_memcpy, 24,
     "reference: memcpy 12n B (reads 12n, writes 12n)"},
    {"ref_memset", POINTS_AOS, POINTS_WORK_REF, points_ref_memset, 24,
     "reference: memset 24n B"},
    {NULL, POINTS_AOS, POINTS_WORK_ALL, NULL, 0, NULL},
};

const points_kernel *points_kernel_find(const char *name)
{
    for (const points_kernel *k = points_kernels; k->name; k++)
        if (strcmp(k->name, name) == 0)
            return k;
    return NULL;
}

/* {=================================================================
 * Injected slowdown.
 * ================================================================== */

int points_parse_slowdown(const char *s, double *factor)
{
    *factor = 1.0;
    if (s == NULL || *s == '\0')
        return 0;
    char *end;
    double f = strtod(s, &end);
    if (end == s || *end != '\0' || !(f >= 0.5 && f <= 2.0))
        return -1;
    *factor = f;
    return 0;
}

size_t points_scaled(size_t n, double factor)
{
    double scaled = (double)n * factor + 0.5;    /* >= 0: truncation rounds */
    return scaled < 1 ? 1 : (size_t)scaled;
}
