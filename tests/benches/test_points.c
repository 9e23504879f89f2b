/* SPDX-License-Identifier: MIT
 *
 * test_points.c - every layout of the points suite computes the same
 * floats as every other and as a scalar model, for sizes that are and are
 * not multiples of the AoSoA blocks; the references do what they claim.
 *
 * Why exact equality (0 ulp): every kernel performs, for each component of
 * each point, the same two float operations on the same operands
 * (p + v*dt); vectorization changes how many points are processed at once,
 * never the association of an expression. With dt = 1/64, v*dt is exact,
 * so even contraction into an fma cannot change a result.
 */
#include "points_kernels.h"

#include <stdint.h>
#include <string.h>

#include "check.h"

#define SEED 42u

static const size_t sizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33,
                               63, 64, 65, 100, 1000, 1023, 4099};
#define N_SIZES (sizeof sizes / sizeof sizes[0])

static uint32_t bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* The kernel for (layout, work) from the table. */
static const points_kernel *kernel_for(points_layout layout,
                                       points_work work)
{
    for (const points_kernel *k = points_kernels; k->name; k++)
        if (k->layout == layout && k->work == work)
            return k;
    return NULL;
}

/* The scalar model: component c of point i after 'steps' steps. */
static float model(size_t i, int c, int steps, float dt, points_work work)
{
    float p = points_initial(SEED, 0, i, c);
    float v = points_initial(SEED, 1, i, c);
    for (int s = 0; s < steps; s++)
        if (work == POINTS_WORK_ALL || c == POINTS_X)
            p += v * dt;
    return p;
}

/* Counts components of d that differ bit for bit from 'ref' (another
 * layout after the same steps) or, when ref is NULL, from the model. */
static size_t count_mismatches(const points_data *d, const points_data *ref,
                               int steps, float dt, points_work work)
{
    size_t bad = 0;
    for (size_t i = 0; i < d->n; i++)
        for (int c = 0; c < 3; c++) {
            float want = ref ? points_get(ref, 0, i, c)
                             : model(i, c, steps, dt, work);
            if (bits(points_get(d, 0, i, c)) != bits(want))
                bad++;
            if (bits(points_get(d, 1, i, c)) !=
                bits(points_initial(SEED, 1, i, c)))
                bad++;    /* velocities are read-only */
        }
    return bad;
}

static void run_steps(const points_kernel *k, points_data *d, int steps,
                      float dt)
{
    for (int s = 0; s < steps; s++)
        k->run(d, dt);
}

/* Every layout equals the model (dt = 1/64) for every size and work. */
static void test_layouts_match_model(void)
{
    for (int w = POINTS_WORK_ALL; w <= POINTS_WORK_X; w++)
        for (size_t s = 0; s < N_SIZES; s++)
            for (int l = 0; l < POINTS_LAYOUT_COUNT; l++) {
                const points_kernel *k = kernel_for(l, w);
                points_data d;
                CHECK(k != NULL);
                CHECK_INT_EQ(points_alloc(&d, l, sizes[s], SEED), 0);
                if (k == NULL || d.mem == NULL)
                    continue;
                run_steps(k, &d, 5, POINTS_DT);
                size_t bad = count_mismatches(&d, NULL, 5, POINTS_DT, w);
                if (bad)
                    fprintf(stderr, "%s n=%zu: %zu mismatches\n", k->name,
                            sizes[s], bad);
                CHECK_INT_EQ(bad, 0);
                points_free(&d);
            }
}

/* With an inexact dt (0.1f) layouts still agree with each other. */
static void test_layouts_agree_inexact_dt(void)
{
    for (int w = POINTS_WORK_ALL; w <= POINTS_WORK_X; w++)
        for (size_t s = 0; s < N_SIZES; s++) {
            points_data ref;
            CHECK_INT_EQ(points_alloc(&ref, POINTS_AOS, sizes[s], SEED), 0);
            run_steps(kernel_for(POINTS_AOS, w), &ref, 3, 0.1f);
            for (int l = 1; l < POINTS_LAYOUT_COUNT; l++) {
                points_data d;
                CHECK_INT_EQ(points_alloc(&d, l, sizes[s], SEED), 0);
                run_steps(kernel_for(l, w), &d, 3, 0.1f);
                CHECK_INT_EQ(count_mismatches(&d, &ref, 3, 0.1f, w), 0);
                points_free(&d);
            }
            points_free(&ref);
        }
}

/* The tail lanes of a partial AoSoA block and AoS16's w lanes are not
 * part of any point: they start at 0 and stay 0. */
static void test_padding_untouched(void)
{
    const points_layout layouts[] = {POINTS_AOS16, POINTS_AOSOA8,
                                     POINTS_AOSOA16};
    for (size_t i = 0; i < 3; i++)
        for (int w = POINTS_WORK_ALL; w <= POINTS_WORK_X; w++) {
            points_data d;
            CHECK_INT_EQ(points_alloc(&d, layouts[i], 37, SEED), 0);
            run_steps(kernel_for(layouts[i], w), &d, 4, POINTS_DT);
            const float *p = d.p;
            size_t floats = d.layout == POINTS_AOS16 ? 4 * d.capacity
                                                     : 3 * d.capacity;
            size_t nonzero = 0, data = 0;
            for (size_t f = 0; f < floats; f++)
                nonzero += p[f] != 0.0f;
            for (size_t pt = 0; pt < d.n; pt++)
                for (int c = 0; c < 3; c++)
                    data += points_get(&d, 0, pt, c) != 0.0f;
            CHECK_INT_EQ(nonzero, data);
            if (d.layout == POINTS_AOS16)
                CHECK(((const points_aos16 *)d.p)[5].w == 0.0f);
            points_free(&d);
        }
}

/* ref_rmw is aos_all on a flat array: identical floats. */
static void test_ref_rmw_equals_aos_all(void)
{
    points_data a, b;
    CHECK_INT_EQ(points_alloc(&a, POINTS_AOS, 1001, SEED), 0);
    CHECK_INT_EQ(points_alloc(&b, POINTS_AOS, 1001, SEED), 0);
    run_steps(points_kernel_find("aos_all"), &a, 3, POINTS_DT);
    run_steps(points_kernel_find("ref_rmw"), &b, 3, POINTS_DT);
    CHECK(memcmp(a.p, b.p, 1001 * sizeof(points_aos)) == 0);
    points_free(&a);
    points_free(&b);
}

static void test_ref_memcpy_memset(void)
{
    points_data d;
    CHECK_INT_EQ(points_alloc(&d, POINTS_AOS, 999, SEED), 0);
    CHECK(memcmp(d.p, d.v, 999 * sizeof(points_aos)) != 0);
    points_kernel_find("ref_memcpy")->run(&d, POINTS_DT);
    CHECK(memcmp(d.p, d.v, 999 * sizeof(points_aos)) == 0);
    points_kernel_find("ref_memset")->run(&d, POINTS_DT);
    size_t nonzero = 0;
    for (size_t i = 0; i < 999; i++)
        for (int c = 0; c < 3; c++)
            nonzero += (points_get(&d, 0, i, c) != 0.0f) +
                       (points_get(&d, 1, i, c) != 0.0f);
    CHECK_INT_EQ(nonzero, 0);
    points_free(&d);
}

/* Arrays start on cache lines, and no two of them are a multiple of
 * 4 KiB apart (no 4K aliasing between streams). */
static void test_array_placement(void)
{
    for (int l = 0; l < POINTS_LAYOUT_COUNT; l++) {
        points_data d;
        CHECK_INT_EQ(points_alloc(&d, l, 4096, SEED), 0);
        uintptr_t at[6];
        int n = 0;
        if (l == POINTS_SOA) {
            const float *a[6] = {d.p_soa.x, d.p_soa.y, d.p_soa.z,
                                 d.v_soa.x, d.v_soa.y, d.v_soa.z};
            for (n = 0; n < 6; n++)
                at[n] = (uintptr_t)a[n];
        } else {
            at[n++] = (uintptr_t)d.p;
            at[n++] = (uintptr_t)d.v;
        }
        for (int i = 0; i < n; i++) {
            CHECK_INT_EQ(at[i] % 64, 0);
            for (int j = 0; j < i; j++)
                CHECK(at[i] % 4096 != at[j] % 4096);
        }
        points_free(&d);
    }
}

static void test_initial_values(void)
{
    float lo = 0, hi = 0;
    size_t distinct = 0;
    for (size_t i = 0; i < 10000; i++) {
        float p = points_initial(SEED, 0, i, POINTS_Y);
        float v = points_initial(SEED, 1, i, POINTS_Y);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        CHECK(p >= -128.0f && p < 128.0f);
        distinct += points_initial(SEED + 1, 1, i, POINTS_Y) != v;
    }
    CHECK(lo >= -1.0f && lo < -0.99f);
    CHECK(hi < 1.0f && hi > 0.99f);
    CHECK(distinct > 9990);    /* another seed, other values */
    CHECK(points_initial(SEED, 0, 7, 0) != points_initial(SEED, 0, 7, 1));
}

static void test_bad_input_and_table(void)
{
    points_data d;
    CHECK_INT_EQ(points_alloc(&d, POINTS_AOS, 0, SEED), -1);
    CHECK(d.mem == NULL);
    CHECK_INT_EQ(points_alloc(&d, POINTS_LAYOUT_COUNT, 10, SEED), -1);
    points_free(&d);
    points_free(NULL);
    CHECK(points_layout_name(POINTS_LAYOUT_COUNT) == NULL);
    CHECK_STR_EQ(points_layout_name(POINTS_AOSOA16), "aosoa16");
    CHECK(points_kernel_find("no_such") == NULL);
    CHECK_STR_EQ(points_kernels[0].name, "aos_all");    /* the reference */
    size_t count = 0;
    for (const points_kernel *k = points_kernels; k->name; k++, count++) {
        CHECK(points_kernel_find(k->name) == k);
        CHECK(k->run != NULL && k->what != NULL);
        CHECK(k->bytes_per_point == (k->work == POINTS_WORK_X ? 8 : 24));
    }
    CHECK_INT_EQ(count, 13);
    for (int l = 0; l < POINTS_LAYOUT_COUNT; l++)
        for (int w = POINTS_WORK_ALL; w <= POINTS_WORK_X; w++)
            CHECK(kernel_for(l, w) != NULL);
}

static void test_slowdown_parse(void)
{
    double f = 0;
    CHECK_INT_EQ(points_parse_slowdown(NULL, &f), 0);
    CHECK(f == 1.0);
    CHECK_INT_EQ(points_parse_slowdown("", &f), 0);
    CHECK(f == 1.0);
    CHECK_INT_EQ(points_parse_slowdown("1.03", &f), 0);
    CHECK(f == 1.03);
    CHECK_INT_EQ(points_parse_slowdown("1.03x", &f), -1);
    CHECK_INT_EQ(points_parse_slowdown("abc", &f), -1);
    CHECK_INT_EQ(points_parse_slowdown("3", &f), -1);
    CHECK_INT_EQ(points_parse_slowdown("0.1", &f), -1);
    CHECK_INT_EQ(points_parse_slowdown("nan", &f), -1);
    CHECK_INT_EQ(points_scaled(4096, 1.0), 4096);
    CHECK_INT_EQ(points_scaled(4096, 1.03), 4219);      /* 4218.88 */
    CHECK_INT_EQ(points_scaled(1000000, 1.03), 1030000);
    CHECK_INT_EQ(points_scaled(1, 0.5), 1);
}

int main(void)
{
    test_layouts_match_model();
    test_layouts_agree_inexact_dt();
    test_padding_untouched();
    test_ref_rmw_equals_aos_all();
    test_ref_memcpy_memset();
    test_array_placement();
    test_initial_values();
    test_bad_input_and_table();
    test_slowdown_parse();
    return check_result();
}
