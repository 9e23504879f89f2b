/* SPDX-License-Identifier: MIT
 *
 * cbench.h - the public API of cbench, a statistical microbenchmark
 * framework for C.
 *
 * A benchmark is a function that receives a cbench_state and runs its timed
 * work inside CBENCH_ITER:
 *
 *     static void sum_floats(cbench_state *b)
 *     {
 *         float *v = cbench_user_data(b);
 *         size_t n = (size_t)cbench_param(b);
 *         CBENCH_ITER(b) {
 *             float s = 0;
 *             for (size_t i = 0; i < n; i++) s += v[i];
 *             cbench_do_not_optimize(s);
 *         }
 *     }
 *     CBENCH(floats, sum_floats, CBENCH_PARAMS(1024, 65536),
 *            .setup = make_floats, .teardown = free_floats)
 *     CBENCH_MAIN()
 *
 * The engine calls the function once per sample; code before and after
 * CBENCH_ITER is not timed. Everything else (warm-up, iteration counts,
 * worker processes, statistics, baselines, charts) is the engine's job.
 */
#ifndef CBENCH_H
#define CBENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CBENCH_VERSION "0.1.0"

#if defined(__GNUC__) && !defined(CBENCH_STATIC)
#define CBENCH_API __attribute__((visibility("default")))
#else
#define CBENCH_API
#endif

/* {=================================================================
 * Errors: one X-macro list drives the enum and cbench_strerror().
 * ================================================================== */
#define CBENCH_ERRNO_MAP(XX)                                              \
    XX(EINVAL, "invalid argument")                                        \
    XX(ENOMEM, "out of memory")                                           \
    XX(EIO, "input/output error")                                         \
    XX(ENOENT, "no such file or benchmark")                               \
    XX(EFORMAT, "malformed or unsupported file")                          \
    XX(EDOMAIN, "statistic undefined for this input")                     \
    XX(ENOTSUP, "not supported on this machine")                          \
    XX(ECRASH, "benchmark crashed")                                       \
    XX(ETIMEOUT, "benchmark timed out")                                   \
    XX(EINTR, "interrupted")

enum {
    CBENCH_OK = 0,
#define CBENCH__ERR_GEN(name, msg) CBENCH_##name,
    CBENCH__ERR_FIRST = -100,
    CBENCH_ERRNO_MAP(CBENCH__ERR_GEN)
#undef CBENCH__ERR_GEN
    CBENCH__ERR_LAST
};

/* Returns a static description of a negative CBENCH_E* code. */
CBENCH_API const char *cbench_strerror(int err);

/* {=================================================================
 * Optimisation barriers (as Google Benchmark's DoNotOptimize).
 * ================================================================== */

/* Forces the compiler to materialise 'value' (in a register or memory) as
 * if it were read by something it cannot see. */
#if defined(__GNUC__)
#define cbench_do_not_optimize(value) \
    __asm__ __volatile__("" : : "r,m"(value) : "memory")
/* Tells the compiler that all memory may have been read and written. */
static inline void cbench_clobber_memory(void)
{
    __asm__ __volatile__("" : : : "memory");
}
/* Returns p unchanged, but the compiler can no longer see where it came
 * from, nor assume anything about what it points to. */
static inline void *cbench_black_box(void *p)
{
    __asm__ __volatile__("" : "+r"(p) : : "memory");
    return p;
}
#else
CBENCH_API void cbench__escape(const volatile void *p);
#define cbench_do_not_optimize(value) cbench__escape(&(value))
static inline void cbench_clobber_memory(void) { cbench__escape(0); }
static inline void *cbench_black_box(void *p) { cbench__escape(p); return p; }
#endif

/* {=================================================================
 * Registration.
 * ================================================================== */

typedef struct cbench_state cbench_state;      /* one sample's context */
typedef void (*cbench_fn)(cbench_state *b);

/* Setup runs once per (benchmark, parameter) in each worker process before
 * any timing; a non-zero return skips the benchmark with that message
 * (use cbench_skip()). Teardown runs after the last sample. */
typedef int (*cbench_setup_fn)(cbench_state *b);
typedef void (*cbench_teardown_fn)(cbench_state *b);

typedef enum cbench_throughput_kind {
    CBENCH_THROUGHPUT_NONE = 0,
    CBENCH_THROUGHPUT_BYTES,      /* reported as B/s (KB/s, MB/s, GB/s) */
    CBENCH_THROUGHPUT_ELEMENTS    /* reported as elem/s (Kelem/s, ...) */
} cbench_throughput_kind;

typedef enum cbench_sampling_mode {
    CBENCH_SAMPLING_AUTO = 0,     /* linear, flat when the body is long */
    CBENCH_SAMPLING_LINEAR,       /* sample i runs i*d iterations */
    CBENCH_SAMPLING_FLAT          /* every sample runs d iterations */
} cbench_sampling_mode;

/* One named parameter of a benchmark with several (options.axes). The
 * name (1-31 bytes, no '/', '=' or control characters) appears in ids
 * ("stride=4"), charts and baselines. values is the full list; quick and
 * defaults are optional subsets for --quick and for a default run (as
 * CBENCH_QUICK_PARAMS and CBENCH_DEFAULT_PARAMS for a single parameter:
 * an axis without them uses every value). Values of the subsets that
 * 'values' lacks join the full sweep. */
typedef struct cbench_axis {
    const char *name;
    const int64_t *values;
    size_t n_values;
    const int64_t *quick;
    size_t n_quick;
    const int64_t *defaults;
    size_t n_defaults;
} cbench_axis;

/* At most this many axes per benchmark. */
#define CBENCH_MAX_AXES 4

/* Options of one benchmark. Every field may be left zero. */
typedef struct cbench_options {
    const int64_t *params;        /* numeric parameter values (e.g. sizes) */
    size_t n_params;
    const char *param_name;       /* e.g. "points"; shown in charts */
    const int64_t *quick_params;  /* the subset --quick runs (default: the
                                     default subset) */
    size_t n_quick_params;
    const int64_t *default_params; /* the subset a default run uses, when
                                      the full list is too long to run by
                                      default (default: all); --sweep=full
                                      runs every value of params */
    size_t n_default_params;
    /* Named parameters (CBENCH_AXES): the benchmark runs at every
     * combination of their values. Exclusive with params. */
    const struct cbench_axis *axes;
    size_t n_axes;
    cbench_setup_fn setup;
    cbench_teardown_fn teardown;
    /* Throughput per iteration when it does not depend on the parameter;
     * otherwise call cbench_set_bytes()/cbench_set_elements() in setup. */
    cbench_throughput_kind throughput;
    double throughput_per_iter;
    int reference;                /* non-zero: the group's reference; the
                                     others are reported as ratios to it */
    int bound;                    /* non-zero: a throughput bound (e.g. a
                                     plain memory sweep of the same bytes);
                                     benchmarks with the same parameter and
                                     throughput kind report their throughput
                                     as a percentage of it */
    cbench_sampling_mode sampling;
    void *user_data;              /* initial cbench_user_data() */
    /* Thread counts (CBENCH_THREADS, CBENCH_THREAD_RANGE): each count is
     * its own benchmark, id "group/name[/param]/threads=N". Empty: the
     * benchmark runs in one thread, as always, with no "threads=" id. */
    const int *threads;
    size_t n_threads;
    int thread_range;             /* non-zero: threads = {lo, hi}, run
                                     lo, 2lo, 4lo, ... below hi, then hi */
    cbench_setup_fn thread_setup; /* per thread, after setup (optional) */
    cbench_teardown_fn thread_teardown; /* per thread, before teardown */
    int unused_;                  /* lets CBENCH() take no options */
} cbench_options;

/* Registers benchmark 'group/name' (once per parameter value). The strings
 * and the options are copied. Returns 0, or CBENCH_EINVAL for a missing or
 * malformed name (names may not contain '/'), or CBENCH_ENOMEM. */
CBENCH_API int cbench_register(const char *group, const char *name,
                               cbench_fn fn, const cbench_options *opt);

#define CBENCH__CAT2(a, b) a##b
#define CBENCH__CAT(a, b) CBENCH__CAT2(a, b)

/* CBENCH(group, fn [, option initialisers...]) registers the static
 * function 'static void fn(cbench_state *b)' (defined before or after) as
 * benchmark "group/fn" before main() runs. Options are designated
 * initialisers of cbench_options, e.g. .setup = f, .reference = 1, and
 * CBENCH_PARAMS(...). */
#define CBENCH(...) CBENCH__REG(__VA_ARGS__, .unused_ = 0)
#define CBENCH__REG(group, fn, ...)                                       \
    static void fn(cbench_state *b);                                      \
    static const cbench_options CBENCH__CAT(cbench__opt_##group##_, fn) = \
        { __VA_ARGS__ };                                                  \
    __attribute__((constructor)) static void                              \
    CBENCH__CAT(cbench__reg_##group##_, fn)(void)                         \
    {                                                                     \
        cbench__register_static(#group, #fn, fn,                          \
            &CBENCH__CAT(cbench__opt_##group##_, fn), __FILE__);          \
    }

/* Parameter list for CBENCH(): CBENCH_PARAMS(1024, 4096, 65536). */
#define CBENCH_PARAMS(...)                                                \
    .params = (const int64_t[]){__VA_ARGS__},                             \
    .n_params = sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t)

/* The subset of parameters a --quick (CI smoke) run uses. */
#define CBENCH_QUICK_PARAMS(...)                                          \
    .quick_params = (const int64_t[]){__VA_ARGS__},                       \
    .n_quick_params = sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t)

/* The subset a default run uses; CBENCH_PARAMS is then the full sweep,
 * run with --sweep=full. Values of the default and quick subsets that
 * CBENCH_PARAMS lacks are added to the full sweep (an ascending list
 * stays ascending), so it holds every value any run can use. */
#define CBENCH_DEFAULT_PARAMS(...)                                        \
    .default_params = (const int64_t[]){__VA_ARGS__},                     \
    .n_default_params = sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t)

/* {-----------------------------------------------------------------
 * Multi-threaded benchmarks.
 *
 *     static void add_own(cbench_state *b)
 *     {
 *         long *mine = &counters[cbench_thread_index(b)];
 *         CBENCH_ITER(b) { (*mine)++; cbench_clobber_memory(); }
 *     }
 *     CBENCH(sharing, add_own, CBENCH_THREADS(1, 2, CBENCH_CPUS))
 *
 * Each thread count is its own benchmark and result, with the id suffix
 * "/threads=N" after everything else ("sharing/add_own/threads=2",
 * "points/aos/4096/threads=2"), so substring filters ("threads=2"),
 * --regex and --exact work on it. Inside each worker process the engine
 * starts N threads (the process's own thread is thread 0); setup and
 * teardown run once per process, thread_setup and thread_teardown once
 * per thread (in that thread; a thread may keep its own data with
 * cbench_set_user_data, which then only its own state sees). For every
 * sample, each thread calls the benchmark function with the same
 * iteration count; their timed loops start together at a barrier, and
 * the sample's time is the wall time from the barrier's release to the
 * end of the last thread's loop. So the time per iteration is what one
 * iteration costs while N threads run it at once (flat = perfect
 * scaling), and throughput is reported for all threads together (the
 * declared throughput per iteration times N). Each result also stores
 * every thread's CPU time per iteration and the imbalance (the slowest
 * thread's time over the fastest's, median over samples). Counters are
 * opened in every thread and summed. A count above the CPUs this process
 * may run on is run but reported as oversubscribed (a warning): its
 * threads take turns instead of running at once.
 * ------------------------------------------------------------------ */

/* A thread count meaning "as many as the CPUs this process may run on"
 * (sched_getaffinity, else the online CPUs). Counts that come out equal
 * (1, 2, CBENCH_CPUS on two CPUs) run once. */
#define CBENCH_CPUS (-1)

/* Thread counts for CBENCH(): CBENCH_THREADS(1, 2, 4, CBENCH_CPUS). */
#define CBENCH_THREADS(...)                                               \
    .threads = (const int[]){__VA_ARGS__},                                \
    .n_threads = sizeof((const int[]){__VA_ARGS__}) / sizeof(int)

/* Doubling thread counts lo, 2lo, 4lo, ... up to hi, and hi itself (Google
 * Benchmark's ThreadRange); hi may be CBENCH_CPUS. */
#define CBENCH_THREAD_RANGE(lo, hi)                                       \
    .threads = (const int[]){(lo), (hi)}, .n_threads = 2, .thread_range = 1

/* 1, 2, 4, ... up to the CPUs, and the CPUs themselves. */
#define CBENCH_THREADS_UP_TO_CPUS CBENCH_THREAD_RANGE(1, CBENCH_CPUS)

/* {-----------------------------------------------------------------
 * Several parameters: named axes and their product (Google Benchmark's
 * ArgsProduct with ArgNames).
 *
 *     static void walk(cbench_state *b)
 *     {
 *         size_t n = (size_t)cbench_param_named(b, "points");
 *         size_t k = (size_t)cbench_param_named(b, "stride");
 *         ...
 *     }
 *     CBENCH(mem, walk, CBENCH_AXES(
 *         CBENCH_AXIS("points", 4096, 1 << 20),
 *         CBENCH_AXIS_QUICK("stride", (1, 16), 1, 2, 4, 8, 16)))
 *
 * runs mem/walk at every combination, the first axis slowest:
 * "mem/walk/points=4096/stride=1", ".../points=4096/stride=2", ...,
 * ".../points=1048576/stride=16" (10 benchmarks; --quick runs the 4 with
 * stride 1 or 16). Each value is named in the id, so filters ("stride=4"),
 * --regex ("points=4096/.*") and --exact work on them. A multi-threaded
 * benchmark's "/threads=N" comes after the axes. cbench_param() returns
 * the first axis's value; cbench_param_named() any axis's.
 *
 * A reference (options.reference) and a bound (options.bound) match the
 * benchmarks with the same value on every axis. Axes and params
 * (CBENCH_PARAMS) cannot both be set. The report draws one chart per
 * axis. The scaling analysis (complexity and cache knees) reads the FIRST
 * axis as the size n, so put the size first: it fits one sweep per
 * combination of the other axes' values and per thread count, named by
 * it ("mem/walk [stride=4]").
 * ------------------------------------------------------------------ */

/* Strips the parentheses of a list: CBENCH__LIST((1, 2)) is 1, 2. */
#define CBENCH__LIST(list) CBENCH__LIST_ list
#define CBENCH__LIST_(...) __VA_ARGS__
#define CBENCH__N64(...) (sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t))

/* An axis with its values: CBENCH_AXIS("stride", 1, 2, 4). */
#define CBENCH_AXIS(axis_name, ...)                                       \
    {.name = (axis_name), .values = (const int64_t[]){__VA_ARGS__},       \
     .n_values = CBENCH__N64(__VA_ARGS__)}

/* An axis with the subset --quick runs, in parentheses:
 * CBENCH_AXIS_QUICK("stride", (1, 16), 1, 2, 4, 8, 16). */
#define CBENCH_AXIS_QUICK(axis_name, quick_list, ...)                     \
    {.name = (axis_name), .values = (const int64_t[]){__VA_ARGS__},       \
     .n_values = CBENCH__N64(__VA_ARGS__),                                \
     .quick = (const int64_t[]){CBENCH__LIST(quick_list)},                \
     .n_quick = CBENCH__N64(CBENCH__LIST(quick_list))}

/* An axis with a default subset and a quick one (each in parentheses);
 * the whole list runs with --sweep=full:
 * CBENCH_AXIS_SUBSETS("points", (4096, 65536), (4096), 4096, ..., 1 << 24). */
#define CBENCH_AXIS_SUBSETS(axis_name, default_list, quick_list, ...)     \
    {.name = (axis_name), .values = (const int64_t[]){__VA_ARGS__},       \
     .n_values = CBENCH__N64(__VA_ARGS__),                                \
     .quick = (const int64_t[]){CBENCH__LIST(quick_list)},                \
     .n_quick = CBENCH__N64(CBENCH__LIST(quick_list)),                    \
     .defaults = (const int64_t[]){CBENCH__LIST(default_list)},           \
     .n_defaults = CBENCH__N64(CBENCH__LIST(default_list))}

/* The axes of a benchmark, for CBENCH(): CBENCH_AXES(CBENCH_AXIS(...), ...). */
#define CBENCH_AXES(...)                                                  \
    .axes = (const cbench_axis[]){__VA_ARGS__},                           \
    .n_axes = sizeof((const cbench_axis[]){__VA_ARGS__}) / sizeof(cbench_axis)

/* Which parameters of each benchmark a run uses (--sweep). */
typedef enum cbench_sweep {
    CBENCH_SWEEP_DEFAULT = 0,   /* the default subsets (else every value) */
    CBENCH_SWEEP_FULL,          /* every value (--sweep=full) */
    CBENCH_SWEEP_QUICK          /* the quick subsets, else the default ones
                                   (--quick, --sweep=quick) */
} cbench_sweep;

/* Masks of sweeps for cbench_add_note(). */
#define CBENCH_NOTE_SWEEP(s) (1u << (s))
#define CBENCH_NOTE_ALWAYS 0x7u

/* Adds a line that cbench_main() prints once at start-up, after its own
 * line with the number of benchmarks and the time they will take, when
 * the run's sweep is in 'sweeps' (CBENCH_NOTE_ALWAYS, or e.g.
 * CBENCH_NOTE_SWEEP(CBENCH_SWEEP_FULL)): in the report (TAP diagnostic,
 * pretty), on the terminal, and on stderr with --list. Use it to say how
 * a suite chose its parameters ("sizes from the caches (sysfs): L1d 32
 * KiB, ..."). Call it before cbench_main(); the text is copied (at most 8
 * notes of 1000 bytes). Returns 0, CBENCH_EINVAL (NULL or too many), or
 * CBENCH_ENOMEM. */
CBENCH_API int cbench_add_note(unsigned sweeps, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

CBENCH_API void cbench__register_static(const char *group, const char *name,
                                        cbench_fn fn,
                                        const cbench_options *opt,
                                        const char *file);

/* {=================================================================
 * Inside a benchmark.
 * ================================================================== */

/* CBENCH_ITER(b) { body } runs body the number of times the engine asks for
 * this sample, with the clock (and counters) running only around the loop.
 * Use it exactly once per call of the benchmark function. */
#define CBENCH_ITER(b)                                                    \
    for (uint64_t cbench__n = cbench__iter_begin(b);                      \
         cbench__n != 0 || (cbench__iter_end(b), 0);                      \
         cbench__n = cbench__count_down(cbench__n))

/* The loop counter passes through an empty asm, so the compiler can neither
 * compute the trip count nor delete or merge iterations of an empty or
 * constant body: the loop costs one decrement and branch per iteration. */
static inline uint64_t cbench__count_down(uint64_t n)
{
#if defined(__GNUC__)
    __asm__ __volatile__("" : "+r"(n));
#endif
    return n - 1;
}

CBENCH_API uint64_t cbench__iter_begin(cbench_state *b);
CBENCH_API void cbench__iter_end(cbench_state *b);

/* The number of iterations this sample runs, for bodies that loop by
 * themselves: call cbench_timer_start(), run exactly that many
 * iterations, call cbench_timer_stop(). */
CBENCH_API uint64_t cbench_iterations(const cbench_state *b);
CBENCH_API void cbench_timer_start(cbench_state *b);
CBENCH_API void cbench_timer_stop(cbench_state *b);

/* Batched setup (criterion's iter_batched): for every iteration, setup()
 * prepares a fresh input of input_size bytes outside timing, then
 * routine() consumes it with the clock running. Inputs are prepared in
 * batches so the clock is read once per batch, not per iteration.
 * teardown may be NULL. */
typedef void (*cbench_batch_setup_fn)(void *input, void *ctx);
typedef void (*cbench_batch_routine_fn)(void *input, void *ctx);
CBENCH_API void cbench_iter_batched(cbench_state *b, size_t input_size,
                                    cbench_batch_setup_fn setup,
                                    cbench_batch_routine_fn routine,
                                    cbench_batch_routine_fn teardown,
                                    void *ctx);

/* The current parameter value (0 when the benchmark has none; the first
 * axis's value for a benchmark with axes). */
CBENCH_API int64_t cbench_param(const cbench_state *b);
/* The value of axis 'name' (CBENCH_AXES). An unknown name (or a benchmark
 * without axes) fails the benchmark, with a message naming the axes it
 * has, and returns 0; the body's samples then count for nothing. Valid in
 * setup, the body and teardown. */
CBENCH_API int64_t cbench_param_named(const cbench_state *b, const char *name);
/* Data shared by setup, the body and teardown of one benchmark. */
CBENCH_API void *cbench_user_data(const cbench_state *b);
CBENCH_API void cbench_set_user_data(cbench_state *b, void *data);
/* Declare throughput per iteration (usually in setup). Call both to
 * report bytes and elements together (Google Benchmark's bytes_per_second
 * and items_per_second): the last one called is the headline throughput
 * (the sweep chart's cost per element, a bound's percentage), the other
 * is reported beside it in every output. */
CBENCH_API void cbench_set_bytes(cbench_state *b, double bytes_per_iter);
CBENCH_API void cbench_set_elements(cbench_state *b, double elems_per_iter);
/* {=================================================================
 * User counters (Google Benchmark's state.counters).
 * ================================================================== */

/* Flags of cbench_counter(), or-ed together. With none, the value is
 * taken as it is: the mean over the samples of the values reported. */
enum {
    /* Divided by the timed seconds of the sample: a rate per second
     * (Google Benchmark's kIsRate). */
    CBENCH_COUNTER_RATE = 1u << 0,
    /* Divided by the sample's iterations: a value per iteration
     * (kAvgIterations). */
    CBENCH_COUNTER_PER_ITERATION = 1u << 1,
    /* The value is per iteration: multiplied by the sample's iterations
     * (kIsIterationInvariant; with RATE, kIsIterationInvariantRate:
     * value x iterations / second). */
    CBENCH_COUNTER_ITERATION_INVARIANT = 1u << 2,
    /* Divided by the number of threads that ran the body (kAvgThreads):
     * the values all threads report are summed first. A benchmark that
     * runs on one thread divides by 1. */
    CBENCH_COUNTER_AVG_THREADS = 1u << 3,
    /* Shown with binary prefixes, Ki Mi Gi (kIs1024). */
    CBENCH_COUNTER_BASE_1024 = 1u << 4,
    /* A decrease is the regression. Without it a counter is compared like
     * time: an increase beyond the noise threshold is a regression. Set it
     * for rates and anything else where more is better. */
    CBENCH_COUNTER_HIGHER_IS_BETTER = 1u << 5
};

/* The longest counter name, and how many names one benchmark may use. */
#define CBENCH_COUNTER_NAME_MAX 47
#define CBENCH_MAX_USER_COUNTERS 16

/* Reports counter 'name' (1..CBENCH_COUNTER_NAME_MAX bytes of letters,
 * digits and "_-.:", not starting with a digit) with 'value' (finite).
 *
 * From the body (outside or inside CBENCH_ITER), the value belongs to the
 * sample the call is in; a second call with the same name in the same
 * sample replaces it. Warm-up samples are not counted. Each round's value
 * is the ratio of the sums over its samples: sum(value) / sum(iterations)
 * for CBENCH_COUNTER_PER_ITERATION, the mean of the values without flags;
 * so a count that is exactly 3 per iteration reads exactly 3 whatever the
 * samples' sizes. A rate is the round's amount per iteration over its
 * time per iteration as the headline time estimates it (so it agrees with
 * the time, and a preempted sample does not drag it down).
 *
 * From setup or teardown, the value covers the whole round instead: the
 * flags divide by every iteration since setup (warm-up included, as a
 * tally kept by the benchmark would be), and it replaces any value the
 * samples reported under that name.
 *
 * Like the time, a counter is one value per round (worker process); its
 * estimate is their trimmed mean with a confidence interval, it is stored
 * with baselines and compared with them (CBENCH_COUNTER_HIGHER_IS_BETTER
 * sets the direction; --fail-on-regression fails on a counter's
 * regression too) and written by every report and export. Every call
 * with one name must pass the same flags. A call inside CBENCH_ITER is
 * timed with the body; report from outside it when you can. Returns 0, or
 * CBENCH_EINVAL for a bad name, flags that differ from an earlier call's,
 * a value that is not finite, or a name beyond the
 * CBENCH_MAX_USER_COUNTERS-th: the benchmark then fails with a message
 * saying which. */
CBENCH_API int cbench_counter(cbench_state *b, const char *name, double value,
                              unsigned flags);

/* From setup: skip this benchmark with a reason; returns non-zero so
 * 'return cbench_skip(b, "needs AVX2");' reads naturally. */
CBENCH_API int cbench_skip(cbench_state *b, const char *reason);
/* The benchmark's id, "group/name", "group/name/param" (with axes
 * "group/name/points=4096/stride=4"), with "/threads=N" for a thread
 * count. */
CBENCH_API const char *cbench_id(const cbench_state *b);
/* The calling thread's index, 0 .. cbench_thread_count(b) - 1 (0 outside
 * multi-threaded benchmarks, and in setup/teardown), and the number of
 * threads running the benchmark (1 without threads). Valid in the body,
 * in thread_setup and in thread_teardown. */
CBENCH_API unsigned cbench_thread_index(const cbench_state *b);
CBENCH_API unsigned cbench_thread_count(const cbench_state *b);

/* {=================================================================
 * Running.
 * ================================================================== */

/* Parses argv (see --help), runs the selected benchmarks, reports, saves.
 * Returns the process exit status: 0 success, 1 a benchmark failed or
 * regressed with --fail-on-regression, 2 bad command line, 130 interrupted. */
CBENCH_API int cbench_main(int argc, char **argv);

/* Like cbench_main, also told whether the benchmarks' own translation unit
 * was compiled with optimisation (CBENCH_MAIN passes it), so an -O0 build
 * of the user's code gets a loud warning. */
CBENCH_API int cbench_main_ex(int argc, char **argv, int user_code_optimized);

#ifdef __OPTIMIZE__
#define CBENCH__OPTIMIZED 1
#else
#define CBENCH__OPTIMIZED 0
#endif

#define CBENCH_MAIN()                                                     \
    int main(int argc, char **argv)                                       \
    {                                                                     \
        return cbench_main_ex(argc, argv, CBENCH__OPTIMIZED);             \
    }

#ifdef __cplusplus
}
#endif
#endif /* CBENCH_H */
