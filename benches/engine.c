/* SPDX-License-Identifier: MIT
 *
 * engine.c - benchmarks of cbench's measurement itself (issue 2):
 *
 *   engine/empty      an empty body: what the loop costs (target <= 0.5 ns)
 *   engine/adds/k     k dependent integer adds, k = 1, 2, 4, ..., 1024:
 *                     time must double with k (2k adds = 2.00x) once the
 *                     loop's own cost is small next to the chain
 *
 * Each add is followed by an empty asm that claims to modify x, so the
 * compiler must emit every add, in order, each depending on the last:
 * x += y; x += y; ... cannot be folded into x += k*y. One add has one
 * cycle of latency on current x86 and ARM cores, so adds/k measures k
 * cycles plus a constant.
 */
#include <cbench.h>

#include <stdint.h>

#define ENGINE_ADD1 x += y; __asm__ __volatile__("" : "+r"(x));
#define ENGINE_ADD2 ENGINE_ADD1 ENGINE_ADD1
#define ENGINE_ADD4 ENGINE_ADD2 ENGINE_ADD2
#define ENGINE_ADD8 ENGINE_ADD4 ENGINE_ADD4
#define ENGINE_ADD16 ENGINE_ADD8 ENGINE_ADD8
#define ENGINE_ADD32 ENGINE_ADD16 ENGINE_ADD16
#define ENGINE_ADD64 ENGINE_ADD32 ENGINE_ADD32
#define ENGINE_ADD128 ENGINE_ADD64 ENGINE_ADD64
#define ENGINE_ADD256 ENGINE_ADD128 ENGINE_ADD128
#define ENGINE_ADD512 ENGINE_ADD256 ENGINE_ADD256
#define ENGINE_ADD1024 ENGINE_ADD512 ENGINE_ADD512

static void empty(cbench_state *b)
{
    CBENCH_ITER(b) {
    }
}
CBENCH(engine, empty)

/* adds_k: the chain of k adds, unrolled (no inner loop counter). y is
 * hidden from the compiler so it cannot be a known constant. */
#define ENGINE_ADDS(k)                                                    \
    static void adds_##k(cbench_state *b)                                 \
    {                                                                     \
        uint64_t x = 0, y = 1;                                            \
        __asm__ __volatile__("" : "+r"(y));                               \
        CBENCH_ITER(b) {                                                  \
            ENGINE_ADD##k                                                 \
        }                                                                 \
        cbench_do_not_optimize(x);                                        \
    }

ENGINE_ADDS(1)
ENGINE_ADDS(2)
ENGINE_ADDS(4)
ENGINE_ADDS(8)
ENGINE_ADDS(16)
ENGINE_ADDS(32)
ENGINE_ADDS(64)
ENGINE_ADDS(128)
ENGINE_ADDS(256)
ENGINE_ADDS(512)
ENGINE_ADDS(1024)

/* Only the chains compiled above exist. */
static int adds_check(cbench_state *b)
{
    int64_t k = cbench_param(b);
    if (k < 1 || k > 1024 || (k & (k - 1)) != 0)
        return cbench_skip(b, "engine/adds: k must be 1, 2, 4, ..., 1024");
    return 0;
}

static void adds(cbench_state *b)
{
    switch (cbench_param(b)) {
    case 1: adds_1(b); break;
    case 2: adds_2(b); break;
    case 4: adds_4(b); break;
    case 8: adds_8(b); break;
    case 16: adds_16(b); break;
    case 32: adds_32(b); break;
    case 64: adds_64(b); break;
    case 128: adds_128(b); break;
    case 256: adds_256(b); break;
    case 512: adds_512(b); break;
    default: adds_1024(b); break;    /* 1024: adds_check saw to it */
    }
}
CBENCH(engine, adds,
       CBENCH_PARAMS(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024),
       CBENCH_QUICK_PARAMS(16, 32, 512, 1024),
       .param_name = "adds", .setup = adds_check)

CBENCH_MAIN()
