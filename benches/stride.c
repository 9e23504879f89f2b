/* SPDX-License-Identifier: MIT
 *
 * stride.c - the article's other suspect: stride. A read-modify-write of
 * every k-th float of an array (a[i] += 1 for i = 0, k, 2k, ...) moves
 * whole cache lines, whatever k: once k floats span a line (k >= 16 for
 * 64-byte lines) every touched element drags in a line of its own, and
 * the cost per touched element climbs to a line's transfer from wherever
 * the array lives. The axes:
 *
 *   floats   the array's length, from the caches (sysfs of cpu0, as points
 *            reads them; else 32 KiB / 1 MiB / 32 MiB): half of L1d, half
 *            of L2, and a DRAM
 *            size of 4x the LLC capped at 256 MiB (a guest may report its
 *            host's 480 MiB L3, as in benches/points_sweep.c)
 *   stride   k = 1, 2, 4, 8, 16, 32 and 1024: 4, 8, 16, 32, 64, 128 bytes
 *            and 4 KiB, the crossings of a 16-byte vector, a 64-byte line
 *            and a 4 KiB page (every touch another page: the TLB's turn)
 *
 * Throughput is in touched elements, so "time per element" reads straight
 * off the report; the bytes a touch really moves are max(4 B, line) per
 * element once k >= 16. benches/README.md has what this machine shows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "measure/env.h"

static int64_t sizes[3];
static const int64_t strides[] = {1, 2, 4, 8, 16, 32, 1024};

static int64_t cache_or(const uint64_t *bytes, int level, int64_t fallback)
{
    return bytes[level] > 0 ? (int64_t)bytes[level] : fallback;
}

static int make_array(cbench_state *b)
{
    size_t n = (size_t)cbench_param_named(b, "floats");
    float *a = aligned_alloc(4096, (n * sizeof *a + 4095) / 4096 * 4096);
    if (a == NULL)
        return cbench_skip(b, "out of memory for the array");
    memset(a, 0, n * sizeof *a);          /* touched in setup, not while timed */
    cbench_set_user_data(b, a);
    int64_t k = cbench_param_named(b, "stride");
    cbench_set_elements(b, (double)((n + (size_t)k - 1) / (size_t)k));
    return 0;
}

static void free_array(cbench_state *b)
{
    free(cbench_user_data(b));
}

static void rmw(cbench_state *b)
{
    float *a = cbench_user_data(b);
    size_t n = (size_t)cbench_param_named(b, "floats");
    size_t k = (size_t)cbench_param_named(b, "stride");
    CBENCH_ITER(b) {
        for (size_t i = 0; i < n; i += k)
            a[i] += 1.0f;
        cbench_clobber_memory();
    }
}

int main(int argc, char **argv)
{
    uint64_t bytes[CBENCH_CACHE_LEVELS] = {0};
    (void)cbench_env_caches(CBENCH_ENV_CACHE_DIR, bytes);   /* unknown levels stay 0 */
    int64_t l1 = cache_or(bytes, 0, 32 << 10);
    int64_t l2 = cache_or(bytes, 1, 1 << 20);
    int64_t llc = cache_or(bytes, 2, 32 << 20);
    int64_t dram = 4 * llc < (256 << 20) ? 4 * llc : (256 << 20);
    sizes[0] = l1 / 2 / 4;
    sizes[1] = l2 / 2 / 4;
    sizes[2] = dram / 4;
    const int64_t quick_sizes[] = {sizes[0], sizes[2]}, quick_strides[] = {1, 16};
    const cbench_axis axes[] = {
        {.name = "floats", .values = sizes, .n_values = 3, .quick = quick_sizes, .n_quick = 2},
        {.name = "stride", .values = strides, .n_values = sizeof strides / sizeof strides[0],
         .quick = quick_strides, .n_quick = 2},
    };
    cbench_options o = {.axes = axes, .n_axes = 2, .setup = make_array,
                        .teardown = free_array, .throughput = CBENCH_THROUGHPUT_ELEMENTS};
    if (cbench_register("stride", "rmw", rmw, &o) != 0) {
        fprintf(stderr, "stride: cannot register the benchmark\n");
        return 2;
    }
    cbench_add_note(CBENCH_NOTE_ALWAYS, "caches (sysfs) L1d %lld KiB, L2 %lld KiB, "
                    "LLC %lld KiB; arrays of %lld, %lld and %lld floats (the last 4x the LLC, "
                    "at most 256 MiB)", (long long)(l1 >> 10), (long long)(l2 >> 10),
                    (long long)(llc >> 10), (long long)sizes[0], (long long)sizes[1],
                    (long long)sizes[2]);
    return cbench_main_ex(argc, argv, CBENCH__OPTIMIZED);
}
