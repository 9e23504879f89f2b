/* SPDX-License-Identifier: MIT
 *
 * points.c - cbench's flagship suite: updating n 3-float points stored as
 * AoS, AoS padded to 16 B, SoA and AoSoA (blocks of 8 and 16), from
 * L1-resident to far beyond the last-level cache, next to reference
 * kernels that bound what the machine can do with the same bytes.
 *
 * Two groups, so every ratio compares like with like:
 *   points    p += v*dt on x, y and z, plus the references;  AoS reference
 *   points_x  p.x += v.x*dt only;                            AoS reference
 * The sizes come from this machine's caches (points_sweep.c) and are
 * said at start: by default a few sizes, each in one cache regime (inside
 * L1, L2 and the LLC, just past L1 and L2, and one DRAM point of at most
 * 256 MiB), so the suite takes minutes on any machine; --sweep=full runs
 * every half-octave around each boundary; --quick one size per level
 * plus DRAM.
 *
 * Throughput is declared in bytes: the bytes of data the work needs per
 * iteration (24 per point for "all" and the references, 8 for "x"). The
 * engine keeps one throughput kind per benchmark; elements per second are
 * GB/s divided by those 24 or 8 bytes. AoS x-only moves 3x its declared
 * bytes through the caches (y and z share x's lines), which is the point:
 * its GB/s is the useful rate.
 */
#include <cbench.h>

#include <stdlib.h>
#include <string.h>

#include "points_kernels.h"
#include "points_sweep.h"

#define POINTS_SEED 20260101u

typedef struct points_bench {
    const points_kernel *kernel;
    points_data d;
} points_bench;

/* Allocates and fills the data of (kernel, n) outside timing. The
 * kernel comes in as user data; the bench replaces it until teardown. */
static int points_setup(cbench_state *b)
{
    const points_kernel *k = cbench_user_data(b);
    size_t n = (size_t)cbench_param(b);
    points_bench *pb = malloc(sizeof *pb);
    if (pb == NULL)
        return cbench_skip(b, "points: out of memory");
    pb->kernel = k;
    if (points_alloc(&pb->d, k->layout, n, POINTS_SEED) != 0) {
        free(pb);
        return cbench_skip(b, "points: cannot allocate the points");
    }
    cbench_set_bytes(b, k->bytes_per_point * (double)n);
    cbench_set_user_data(b, pb);
    return 0;
}

static void points_teardown(cbench_state *b)
{
    points_bench *pb = cbench_user_data(b);
    cbench_set_user_data(b, (void *)pb->kernel);
    points_free(&pb->d);
    free(pb);
}

/* One body per kernel, each calling its kernel directly. */
#define POINTS_BODY(name)                                                 \
    static void bench_##name(cbench_state *b)                             \
    {                                                                     \
        points_bench *pb = cbench_user_data(b);                           \
        CBENCH_ITER(b) {                                                  \
            points_##name(&pb->d, POINTS_DT);                             \
            cbench_clobber_memory();                                      \
        }                                                                 \
    }

POINTS_BODY(aos_all)
POINTS_BODY(aos16_all)
POINTS_BODY(soa_all)
POINTS_BODY(aosoa8_all)
POINTS_BODY(aosoa16_all)
POINTS_BODY(aos_x)
POINTS_BODY(aos16_x)
POINTS_BODY(soa_x)
POINTS_BODY(aosoa8_x)
POINTS_BODY(aosoa16_x)
POINTS_BODY(ref_rmw)
POINTS_BODY(ref_memcpy)
POINTS_BODY(ref_memset)

static const struct {
    const char *name;
    cbench_fn fn;
} bodies[] = {
    {"aos_all", bench_aos_all},       {"aos16_all", bench_aos16_all},
    {"soa_all", bench_soa_all},       {"aosoa8_all", bench_aosoa8_all},
    {"aosoa16_all", bench_aosoa16_all}, {"aos_x", bench_aos_x},
    {"aos16_x", bench_aos16_x},       {"soa_x", bench_soa_x},
    {"aosoa8_x", bench_aosoa8_x},     {"aosoa16_x", bench_aosoa16_x},
    {"ref_rmw", bench_ref_rmw},       {"ref_memcpy", bench_ref_memcpy},
    {"ref_memset", bench_ref_memset},
};

static cbench_fn body_for(const char *name)
{
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
        if (strcmp(bodies[i].name, name) == 0)
            return bodies[i].fn;
    return NULL;
}

/* The sizes of one sweep as parameter values (the registry copies them). */
static size_t sweep_params(const points_caches *c, points_sweep_kind kind, int64_t *out)
{
    size_t s[POINTS_SWEEP_CAP];
    size_t n = points_sweep(c, kind, s, POINTS_SWEEP_CAP);
    for (size_t i = 0; i < n; i++)
        out[i] = (int64_t)s[i];
    return n;
}

/* Says at start-up which sizes this machine's caches gave each sweep, and
 * why (cbench_main prints the one of the sweep that runs). */
static int add_sweep_notes(const points_caches *c)
{
    static const struct { points_sweep_kind kind; cbench_sweep sweep; } sweeps[] = {
        {POINTS_SWEEP_DEFAULT, CBENCH_SWEEP_DEFAULT},
        {POINTS_SWEEP_FULL, CBENCH_SWEEP_FULL},
        {POINTS_SWEEP_QUICK, CBENCH_SWEEP_QUICK},
    };
    for (size_t i = 0; i < sizeof sweeps / sizeof sweeps[0]; i++) {
        size_t s[POINTS_SWEEP_CAP];
        size_t n = points_sweep(c, sweeps[i].kind, s, POINTS_SWEEP_CAP);
        char text[600];
        points_sweep_describe(text, sizeof text, c, sweeps[i].kind, s, n);
        int rc = cbench_add_note(CBENCH_NOTE_SWEEP(sweeps[i].sweep), "%s", text);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Registers every kernel of the table over the sweeps of this machine.
 * Returns 0, or a negative CBENCH_E* code. */
static int points_register_all(const points_caches *c)
{
    int64_t full[POINTS_SWEEP_CAP], def[POINTS_SWEEP_CAP], quick[POINTS_SWEEP_CAP];
    size_t n_full = sweep_params(c, POINTS_SWEEP_FULL, full);
    size_t n_def = sweep_params(c, POINTS_SWEEP_DEFAULT, def);
    size_t n_quick = sweep_params(c, POINTS_SWEEP_QUICK, quick);
    for (const points_kernel *k = points_kernels; k->name; k++) {
        cbench_options o = {
            .params = full, .n_params = n_full, .param_name = "points",
            .default_params = def, .n_default_params = n_def,
            .quick_params = quick, .n_quick_params = n_quick,
            .setup = points_setup, .teardown = points_teardown,
            .reference = k->layout == POINTS_AOS &&
                         k->work != POINTS_WORK_REF,
            /* the plain float read-modify-write of the same bytes bounds
             * what any layout can reach */
            .bound = strcmp(k->name, "ref_rmw") == 0,
            .user_data = (void *)k,
        };
        const char *group = k->work == POINTS_WORK_X ? "points_x" : "points";
        int rc = cbench_register(group, k->name, body_for(k->name), &o);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int main(int argc, char **argv)
{
    points_caches c;
    points_caches_detect(&c);
    int rc = points_register_all(&c);
    if (rc == 0)
        rc = add_sweep_notes(&c);
    if (rc != 0) {
        fprintf(stderr, "points: cannot register the benchmarks: %s\n",
                cbench_strerror(rc));
        return 1;
    }
    return cbench_main(argc, argv);
}
