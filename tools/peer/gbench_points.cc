// SPDX-License-Identifier: MIT
//
// gbench_points.cc - the peer side of issue 9's comparison: the kernels of
// benches/slowdown.c (aos_all, soa_all, aos_x, soa_x at 4,096 and
// 1,000,000 points) under Google Benchmark, at its defaults. The kernels
// are the same object code (benches/points_kernels.c, one static library),
// the data the same (same seed), and CBENCH_SLOWDOWN scales the work the
// same way (round(n * factor) points), so both frameworks measure and
// compare identical things. Built only when libbenchmark-dev is found;
// run by tools/peer-compare, not by the test suite.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "points_kernels.h"

namespace {

const uint64_t kSeed = 20260101u;    // benches/slowdown.c's seed
double slowdown_factor = 1.0;

void RunKernel(benchmark::State &state, points_kernel_fn kernel,
               points_layout layout, double bytes_per_point)
{
    const size_t n = static_cast<size_t>(state.range(0));
    points_data d;
    if (points_alloc(&d, layout, points_scaled(n, slowdown_factor),
                     kSeed) != 0) {
        state.SkipWithError("cannot allocate the points");
        return;
    }
    for (auto _ : state) {
        kernel(&d, POINTS_DT);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(
        static_cast<double>(state.iterations()) * bytes_per_point *
        static_cast<double>(n)));
    points_free(&d);
}

struct Entry {
    const char *name;
    points_kernel_fn kernel;
    points_layout layout;
    double bytes_per_point;
};

const Entry kEntries[] = {
    {"aos_all", points_aos_all, POINTS_AOS, 24},
    {"soa_all", points_soa_all, POINTS_SOA, 24},
    {"aos_x", points_aos_x, POINTS_AOS, 8},
    {"soa_x", points_soa_x, POINTS_SOA, 8},
};

}  // namespace

int main(int argc, char **argv)
{
    const char *s = std::getenv("CBENCH_SLOWDOWN");
    if (points_parse_slowdown(s, &slowdown_factor) != 0) {
        std::fprintf(stderr, "gbench_points: CBENCH_SLOWDOWN='%s': expected "
                     "a factor between 0.5 and 2, such as 1.03\n", s);
        return 2;
    }
    for (const Entry &e : kEntries)
        benchmark::RegisterBenchmark(e.name, RunKernel, e.kernel, e.layout,
                                     e.bytes_per_point)
            ->Arg(4096)
            ->Arg(1000000);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
