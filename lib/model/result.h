/* SPDX-License-Identifier: MIT
 *
 * result.h - cbench's data model: what a run measured and what the analysis
 * made of it. The engine fills cbench_result from worker processes, the
 * statistics fill the estimates, and reports, baselines, exports and plots
 * only read these structs. Every module speaks this one vocabulary.
 *
 * Units: times are nanoseconds (double), per iteration unless the name
 * says otherwise. Undefined values are NaN (never a silent 0).
 */
#ifndef CBENCH_MODEL_RESULT_H
#define CBENCH_MODEL_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "cbench.h"

/* One sample: 'iters' iterations took 'ns' nanoseconds in worker process
 * (round) 'round'. Counters, when measured, live beside it (see below). */
typedef struct cbench_sample {
    double iters;
    double ns;
    uint32_t round;
} cbench_sample;

/* A point estimate with its confidence interval. level is e.g. 0.95.
 * All fields NaN when the statistic is undefined for the data. */
typedef struct cbench_estimate {
    double point, lower, upper, std_err, level;
} cbench_estimate;

/* Tukey fence classes (see lib/stats/outliers.h). */
typedef struct cbench_outliers {
    unsigned low_severe, low_mild, normal, high_mild, high_severe;
    double fences[4];      /* low_severe, low_mild, high_mild, high_severe */
} cbench_outliers;

typedef enum cbench_verdict {
    CBENCH_VERDICT_NONE = 0,       /* nothing to compare against */
    CBENCH_VERDICT_NO_CHANGE,      /* not significant */
    CBENCH_VERDICT_WITHIN_NOISE,   /* significant, but inside the noise threshold */
    CBENCH_VERDICT_IMPROVED,
    CBENCH_VERDICT_REGRESSED
} cbench_verdict;

/* Change of the current result relative to a baseline:
 * relative change = new/base - 1 (so +0.05 is 5 % slower). */
typedef struct cbench_change {
    cbench_estimate mean;          /* relative change of the typical time */
    cbench_estimate median;        /* relative change of the median */
    double p_value;                /* two-sample test, NaN if not run */
    double df;                     /* the t-test's degrees of freedom (the
                                      interval is a t-interval on the logs),
                                      NaN when the CI is a bootstrap's */
    double noise_threshold;
    double significance;
    cbench_verdict verdict;
    const char *test_name;         /* static, e.g. "welch-t on rounds" */
} cbench_change;

/* Hardware/software counters, per iteration. */
#define CBENCH_MAX_COUNTERS 12
typedef struct cbench_counter_value {
    char name[32];                 /* e.g. "instructions", "L1-dcache-load-misses" */
    double per_iter;               /* mean over samples of value/iters */
    double base_per_iter;          /* the baseline's, NaN if none */
    int exact;                     /* 1: deterministic (simulated) count */
} cbench_counter_value;

/* What a multi-threaded benchmark's threads did (options.threads). */
typedef struct cbench_threads_info {
    unsigned count;                /* threads; 0: not multi-threaded */
    unsigned cpus;                 /* CPUs the process could run on */
    int oversubscribed;            /* count > cpus: threads took turns */
    double imbalance;              /* slowest / fastest thread's time in a
                                      sample, median over samples (NaN) */
    double *cpu_ns;                /* count values (NULL when unknown): each
                                      thread's CPU ns per iteration, mean
                                      over samples */
} cbench_threads_info;

/* A user counter (cbench_counter(), CBENCH_COUNTER_* flags): one value
 * per kept round, in ascending round id, and what the analysis made of
 * them (stats/ucount.h). */
typedef struct cbench_user_counter {
    char name[CBENCH_COUNTER_NAME_MAX + 1];
    unsigned flags;                /* CBENCH_COUNTER_* */
    size_t n_rounds;
    double *rounds;                /* malloc'd, n_rounds values */
    uint32_t *round_ids;           /* malloc'd, n_rounds ids */
    cbench_estimate value;         /* trimmed mean over rounds with its CI;
                                      point only for one round */
    double base;                   /* the baseline's value, NaN if none */
    int has_change;
    cbench_change change;          /* relative change of value; the verdict
                                      already follows the counter's
                                      direction (HIGHER_IS_BETTER) */
} cbench_user_counter;

/* Flags describing a result. */
enum {
    CBENCH_RESULT_UNSTABLE = 1u << 0,   /* see 'warning' */
    CBENCH_RESULT_FAILED = 1u << 1,     /* crashed/timed out; see 'error' */
    CBENCH_RESULT_SKIPPED = 1u << 2,    /* setup skipped it; see 'error' */
    CBENCH_RESULT_FLAT = 1u << 3,       /* flat sampling (no slope) */
    CBENCH_RESULT_INSTRUCTIONS = 1u << 4, /* deterministic mode result */
    CBENCH_RESULT_SLOW_CORE = 1u << 5   /* measured while the core was slow;
                                           see 'warning' */
};

/* What a warning is about, one bit per kind (cbench_result.warn_kinds):
 * every sentence of 'warning' is added with its kind, so a report can show
 * a short tag without reading the prose. Stored by name (result.c). */
enum {
    CBENCH_WARN_UNSTABLE = 1u << 0,     /* per-iteration times vary (MAD) */
    CBENCH_WARN_OUTLIERS = 1u << 1,     /* many severe outliers */
    CBENCH_WARN_ROUNDS = 1u << 2,       /* rounds disagree beyond their noise */
    CBENCH_WARN_SLOW_CORE = 1u << 3,    /* measured in the core's slow state */
    CBENCH_WARN_TOO_SHORT = 1u << 4,    /* about the loop's own cost */
    CBENCH_WARN_FEW_SAMPLES = 1u << 5,  /* iterations too long for the samples */
    CBENCH_WARN_DRIFT = 1u << 6,        /* time changes during sampling */
    CBENCH_WARN_PAGE_FAULTS = 1u << 7,  /* fresh memory in the timed loop */
    CBENCH_WARN_OVERSUBSCRIBED = 1u << 8 /* more threads than CPUs */
};
#define CBENCH_WARN_KINDS 9

/* The value of one axis of a benchmark with several parameters. */
typedef struct cbench_axis_value {
    char name[32];                 /* 1-31 bytes (measure/axes.h) */
    int64_t value;
} cbench_axis_value;

/* The longest parameter part of an id ("points=4096/stride=4"), NUL included. */
#define CBENCH_PARAM_MAX 224

typedef struct cbench_result {
    char *id;                      /* "group/name[/param][/threads=N]" */
    char *group, *name;
    char *param;                   /* NULL when no parameter; with axes
                                      "points=4096/stride=4" */
    int64_t param_value;           /* with axes: the first axis's value */
    int has_param;
    unsigned n_axes;               /* 0: no axes (none or one plain param) */
    cbench_axis_value axes[CBENCH_MAX_AXES];
    cbench_throughput_kind throughput;
    double throughput_per_iter;
    /* The other kind's amount per iteration (elements beside bytes, or
     * bytes beside elements) when the benchmark declared both; 0 when it
     * did not. cbench__result_per_iter reads either kind. */
    double other_per_iter;
    int reference;                 /* the group's reference benchmark */
    /* Multi-threaded: every sample's time runs from the threads' common
     * start to the last one's end, and throughput_per_iter is the total
     * of all threads. */
    cbench_threads_info threads;

    size_t n_samples;
    cbench_sample *samples;
    size_t n_rounds;               /* worker processes that contributed */
    /* The core's speed during the kept rounds (median of their probes,
     * ns per probe unit, measure/probe.h), NaN when not probed; rounds run
     * while the core was slower than its fastest state were set aside
     * (their samples are not in 'samples'). */
    double speed_ns;
    size_t rounds_set_aside;
    /* Seconds the engine spent on this benchmark (its rounds, setup
     * included, and its analysis) against what its plan said (warm-up and
     * measurement time plus a cost per round, run/forecast.h); the next run's
     * time estimate scales by their ratio. NaN when not measured. */
    double wall_s, planned_s;

    /* Estimates of the time per iteration (ns). 'typical' is the headline
     * estimate: its CI accounts for between-process variation. */
    cbench_estimate typical, mean, median, std_dev, mad, slope;
    double r_squared;
    cbench_outliers outliers;
    const char *stop_reason;       /* static: "precision", "time", "rounds" */

    size_t n_counters;
    cbench_counter_value counters[CBENCH_MAX_COUNTERS];

    size_t n_user_counters;
    cbench_user_counter *user_counters;   /* malloc'd */

    int has_change;
    cbench_change change;
    /* Ratio to the group's reference benchmark in the same run
     * (this/reference time), NaN when not applicable. */
    cbench_estimate ratio_to_reference;
    /* This result's throughput as a fraction of its bound's (options.bound)
     * at the same parameter, NaN when none; bound_id names the bound. */
    int bound;
    double bound_fraction;
    char *bound_id;

    size_t context;                /* measured in: 0 the run's context, k its
                                      contexts[k - 1] (cbench_run) */
    unsigned flags;
    unsigned warn_kinds;           /* CBENCH_WARN_* of the sentences in 'warning'
                                      (0 with a warning: read from an older file) */
    char *warning;                 /* NULL or a message saying what to do */
    char *error;                   /* NULL or why it failed/was skipped */
} cbench_result;

/* Cache levels a context records: L1d, L2, L3 (cbench__cache_name). */
#define CBENCH_CACHE_LEVELS 3

/* The context a run was made in (stored with every baseline). */
typedef struct cbench_context {
    char *date;                    /* ISO 8601 UTC */
    char *host, *cpu, *compiler, *flags, *version, *git_commit;
    char *build_type;              /* "release", "debug", ... */
    char *warnings;                /* environment notes, '\n' separated */
    uint64_t seed;
    double confidence_level;
    unsigned n_resamples;
    double noise_threshold, significance;
    char *mode;                    /* "time" or "instructions" */
    double probe_cpu_ns, probe_mem_ns; /* machine speed probe (measure/probe.h),
                                          NaN when not measured */
    uint64_t cache_bytes[CBENCH_CACHE_LEVELS]; /* data caches of cpu0 (measure/env.h),
                                                  0 when unknown */
} cbench_context;

/* A whole run (or a loaded baseline): context plus results. A baseline
 * merged from several runs keeps each result's own context: result.context
 * is 0 for ctx (the run's, or the last save's) and k for contexts[k - 1]
 * (an earlier save's; cbench__result_context). */
typedef struct cbench_run {
    cbench_context ctx;
    size_t n_results, cap_results;
    cbench_result *results;
    size_t n_contexts;
    cbench_context *contexts;
} cbench_run;

/* {=================================================================
 * Ids. A benchmark's group and name follow one rule, applied where they
 * are registered (measure/registry.c) and where ids are read back from a
 * baseline (store/json_check.c): 1 to CBENCH_NAME_MAX bytes, no '/' (they
 * become the components of ids "group/name[/param]") and no control
 * characters (bytes below 0x20 and 0x7f: ids are printed on TAP lines,
 * terminals and reports, where a newline or an escape could forge output).
 * ================================================================== */

#define CBENCH_NAME_MAX 100
/* What the rule allows, for messages. */
#define CBENCH_NAME_RULE "1 to 100 bytes of UTF-8 without '/' or control characters"
/* What an id looks like, for messages. */
#define CBENCH_ID_RULE "GROUP/NAME or GROUP/NAME/PARAM, GROUP and NAME " CBENCH_NAME_RULE \
    ", PARAM a decimal 64-bit integer or 1 to 4 AXIS=VALUE parts (AXIS 1 to 31 bytes " \
    "without '=', VALUE a decimal 64-bit integer), then /threads=N (1..1024) for a thread count"
/* The largest thread count of a multi-threaded benchmark. */
#define CBENCH_THREADS_MAX 1024

/* The thread count an id ends with ("/threads=N", N in 1..1024 written as
 * the registry writes it), 0 when it has none; *base_len (may be NULL)
 * receives the length of the id without that suffix. */
unsigned cbench__id_threads(const char *id, size_t *base_len);

/* 1 when s (NUL-terminated, may be NULL) is a valid group or name. */
int cbench__name_valid(const char *s);

/* Whether id is one the registry makes: NULL when it is, else a phrase
 * saying what is wrong ("byte 4 is a control character (0x1b)"), written
 * into why (len bytes) and returned. The id itself is never copied into
 * why, so the phrase is safe to print. */
const char *cbench__id_problem(const char *id, char *why, size_t len);

/* Reads the axes of an id's parameter part ("points=4096/stride=4") into
 * axes[0..*n); a plain parameter ("4096") has none (*n = 0). Returns 0,
 * or -1 when param is neither (ids checked by cbench__id_problem parse). */
int cbench__param_axes(const char *param, cbench_axis_value *axes, unsigned *n);

/* Whether a and b have the same parameter: both none, the same value, or
 * the same value on every axis (the names too). Ratios to a reference,
 * bounds and interleaving blocks pair results this way. */
int cbench__same_param(const cbench_result *a, const cbench_result *b);

/* What r declared per iteration of kind (bytes or elements): its headline
 * throughput or the other one beside it; 0 when it declared none. */
double cbench__result_per_iter(const cbench_result *r, cbench_throughput_kind kind);
/* The kind of r->other_per_iter: bytes beside elements, elements beside
 * bytes (NONE when r declares no throughput). */
cbench_throughput_kind cbench__result_other_kind(const cbench_result *r);

/* Allocation helpers shared by every module (lib/model/result.c). */
cbench_run *cbench__run_new(void);
void cbench__run_free(cbench_run *run);                    /* NULL-safe */
/* Appends a zeroed result; returns it or NULL on out of memory. */
cbench_result *cbench__run_add(cbench_run *run);
void cbench__result_clear(cbench_result *r);               /* frees fields */
/* Frees the user counters of r (n_user_counters = 0). */
void cbench__result_clear_user_counters(cbench_result *r);
/* Deep copy src into dst (dst must be cleared/zeroed). 0 or CBENCH_ENOMEM. */
int cbench__result_copy(cbench_result *dst, const cbench_result *src);
cbench_result *cbench__run_find(const cbench_run *run, const char *id);
/* Whether r is what an interrupted run had of a benchmark (fewer rounds
 * than asked: stop_reason "interrupted"). */
int cbench__result_partial(const cbench_result *r);
/* The context r (a result of run) was measured in. */
const cbench_context *cbench__result_context(const cbench_run *run, const cbench_result *r);
void cbench__context_clear(cbench_context *ctx);
int cbench__context_copy(cbench_context *dst, const cbench_context *src);
/* strdup that returns NULL for NULL. */
char *cbench__strdup(const char *s);
/* Formats a message into err (when err != NULL and errlen > 0) and
 * returns code: the one way modules fill their caller's error buffer. */
int cbench__fail(char *err, size_t errlen, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Appends sentence to r->warning (space-separated) unless it is already
 * there, adds kind (one CBENCH_WARN_*) to r->warn_kinds and marks r
 * unstable. 0 or CBENCH_ENOMEM. */
int cbench__result_warn(cbench_result *r, unsigned kind, const char *sentence);
/* The stored name of warning kind bit i (< CBENCH_WARN_KINDS), e.g.
 * "slow-core"; NULL past the end. */
const char *cbench__warn_kind_name(unsigned i);
/* Sets every estimate field of e to NaN. */
void cbench__estimate_undef(cbench_estimate *e);
const char *cbench__verdict_name(cbench_verdict v);  /* "improved", ... */
/* "L1d", "L2", "L3" for level i < CBENCH_CACHE_LEVELS; NULL past them. */
const char *cbench__cache_name(unsigned i);

#endif /* CBENCH_MODEL_RESULT_H */
