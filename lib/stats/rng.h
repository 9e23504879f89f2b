/* SPDX-License-Identifier: MIT
 *
 * rng.h - cbench's seedable pseudo-random number generator.
 *
 * Method: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", 2018; reference code prng.di.unimi.it), 256 bits of
 * state, period 2^256 - 1, seeded by expanding a 64-bit seed with splitmix64
 * (Steele, Lea & Flood 2014) so that no seed gives the all-zero state.
 *
 *     seed --splitmix64 x4--> s[0..3] --next()--> 64 random bits
 *                                |
 *                                +--jump()--> s advanced by 2^128 draws
 *
 * Independent streams for parallel work: stream k = seed, then k jumps
 * (2^128 draws apart, so streams never overlap).
 *
 * Bounded integers in [0, n) use Lemire's multiply-shift with rejection
 * ("Fast random integer generation in an interval", ACM TOMACS 2019): the
 * high half of x*n, redrawing in the rare case that the low half falls
 * below 2^32 mod n. Unbiased, and almost never divides. No modulo bias.
 *
 * No global state: every function works on a caller-owned cbench_rng.
 */
#ifndef CBENCH_STATS_RNG_H
#define CBENCH_STATS_RNG_H

#include <stdint.h>

typedef struct cbench_rng {
    uint64_t s[4];
} cbench_rng;

/* Seeds r from a 64-bit seed (any value, including 0). */
void cbench_rng_seed(cbench_rng *r, uint64_t seed);

/* Seeds r as independent stream 'stream' of 'seed': the seed's state
 * advanced by 'stream' jumps of 2^128 draws. Costs ~stream microseconds. */
void cbench_rng_seed_stream(cbench_rng *r, uint64_t seed, uint64_t stream);

/* Advances r by 2^128 draws. */
void cbench_rng_jump(cbench_rng *r);

static inline uint64_t cbench_rng__rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits (xoshiro256**). */
static inline uint64_t cbench_rng_next(cbench_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = cbench_rng__rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = cbench_rng__rotl(s[3], 45);
    return result;
}

/* Maps 32 random bits x to [0, n) without bias (Lemire); n in [1, 2^32].
 * May draw more bits from r in the rare rejection case. */
static inline uint32_t cbench_rng__lemire32(cbench_rng *r, uint32_t x, uint64_t n)
{
    uint64_t m = (uint64_t)x * n;
    uint32_t l = (uint32_t)m;
    if (l < n) {
        uint32_t t = (uint32_t)((UINT64_C(1) << 32) % n);  /* 2^32 mod n */
        while (l < t) {
            m = (uint64_t)(uint32_t)(cbench_rng_next(r) >> 32) * n;
            l = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

/* An unbiased integer in [0, n), n in [1, 2^32]. */
static inline uint32_t cbench_rng_bounded(cbench_rng *r, uint64_t n)
{
    return cbench_rng__lemire32(r, (uint32_t)(cbench_rng_next(r) >> 32), n);
}

/* Two unbiased integers in [0, n) from one 64-bit draw (both halves of
 * xoshiro256** output are of full quality); n in [1, 2^32]. */
static inline void cbench_rng_bounded2(cbench_rng *r, uint64_t n,
                                       uint32_t *a, uint32_t *b)
{
    uint64_t x = cbench_rng_next(r);
    *a = cbench_rng__lemire32(r, (uint32_t)(x >> 32), n);
    *b = cbench_rng__lemire32(r, (uint32_t)x, n);
}

/* Maps 16 random bits x to [0, n) without bias (Lemire with 16-bit
 * words); n in [1, 2^16]. */
static inline uint32_t cbench_rng__lemire16(cbench_rng *r, uint32_t x, uint32_t n)
{
    uint32_t m = x * n;
    uint32_t l = m & 0xffffu;
    if (l < n) {
        uint32_t t = 65536u % n;
        while (l < t) {
            m = (uint32_t)(cbench_rng_next(r) >> 48) * n;
            l = m & 0xffffu;
        }
    }
    return m >> 16;
}

/* Four unbiased integers in [0, n) from one 64-bit draw, for small n
 * (1 <= n <= 2^16; rejection, rare when n is far below 2^16, keeps them
 * exact). */
static inline void cbench_rng_bounded4(cbench_rng *r, uint32_t n, uint32_t out[4])
{
    uint64_t x = cbench_rng_next(r);
    for (int i = 0; i < 4; i++)
        out[i] = cbench_rng__lemire16(r, (uint32_t)(x >> (16 * i)) & 0xffffu, n);
}

/* A uniform double in [0, 1) with 53 random bits. */
static inline double cbench_rng_uniform(cbench_rng *r)
{
    return (double)(cbench_rng_next(r) >> 11) * 0x1.0p-53;
}

/* A standard normal draw (Marsaglia's polar method; the second value of
 * each pair is discarded so the generator stays stateless). */
double cbench_rng_normal(cbench_rng *r);

/* exp(mu + sigma * Z), Z standard normal: a lognormal draw whose median is
 * exp(mu). */
double cbench_rng_lognormal(cbench_rng *r, double mu, double sigma);

#endif /* CBENCH_STATS_RNG_H */
