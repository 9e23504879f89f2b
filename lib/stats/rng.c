/* SPDX-License-Identifier: MIT
 *
 * rng.c - xoshiro256** seeded by splitmix64; see rng.h for the method.
 */
#include "stats/rng.h"

#include <math.h>

/* splitmix64 (Steele, Lea & Flood 2014): one step of a Weyl sequence
 * followed by a strong 64-bit finaliser. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void cbench_rng_seed(cbench_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

void cbench_rng_jump(cbench_rng *r)
{
    /* The reference jump polynomial of xoshiro256 (2^128 steps). */
    static const uint64_t jump[4] = {
        UINT64_C(0x180ec6d33cfd0aba), UINT64_C(0xd5a61266f0c9392c),
        UINT64_C(0xa9582618e03fc9aa), UINT64_C(0x39abdc4529b1661c)};
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        for (int b = 0; b < 64; b++) {
            if (jump[i] & (UINT64_C(1) << b)) {
                for (int k = 0; k < 4; k++)
                    t[k] ^= r->s[k];
            }
            (void)cbench_rng_next(r);
        }
    }
    for (int k = 0; k < 4; k++)
        r->s[k] = t[k];
}

void cbench_rng_seed_stream(cbench_rng *r, uint64_t seed, uint64_t stream)
{
    cbench_rng_seed(r, seed);
    for (uint64_t i = 0; i < stream; i++)
        cbench_rng_jump(r);
}

double cbench_rng_normal(cbench_rng *r)
{
    double u, v, s;
    do {
        u = 2.0 * cbench_rng_uniform(r) - 1.0;
        v = 2.0 * cbench_rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

double cbench_rng_lognormal(cbench_rng *r, double mu, double sigma)
{
    return exp(mu + sigma * cbench_rng_normal(r));
}
