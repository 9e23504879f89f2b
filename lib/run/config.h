/* SPDX-License-Identifier: MIT
 *
 * config.h - everything a bench executable's command line can set
 * (lib/run/cli.c fills it; the runner reads it).
 */
#ifndef CBENCH_RUN_CONFIG_H
#define CBENCH_RUN_CONFIG_H

#include <stdint.h>
#include <stdio.h>

/* --export-format, in the order cli.c lists them. */
enum cbench_export_format { CBENCH_EXPORT_JSON = 0, CBENCH_EXPORT_GBENCH_JSON, CBENCH_EXPORT_CSV };

typedef enum cbench_format {
    CBENCH_FORMAT_AUTO = 0,     /* pretty on a terminal, tap otherwise */
    CBENCH_FORMAT_PRETTY,
    CBENCH_FORMAT_TAP,
    CBENCH_FORMAT_GBENCH_JSON,  /* Google Benchmark JSON on stdout */
    CBENCH_FORMAT_CSV,
    CBENCH_FORMAT_JSON          /* cbench's own JSON on stdout */
} cbench_format;

typedef enum cbench_color { CBENCH_COLOR_AUTO = 0, CBENCH_COLOR_ALWAYS, CBENCH_COLOR_NEVER } cbench_color;
typedef enum cbench_mode { CBENCH_MODE_TIME = 0, CBENCH_MODE_INSTRUCTIONS } cbench_mode;

typedef struct cbench_config {
    /* selection */
    const char **filters;       /* argv pointers; NULL-free array */
    unsigned n_filters;
    int exact, regex;
    int list, list_baselines, help, version;

    /* measurement */
    double warm_up_s;           /* total per benchmark, spread over rounds */
    double measure_s;           /* total per benchmark, spread over rounds */
    unsigned sample_size;       /* total samples per benchmark */
    unsigned rounds;            /* worker processes per benchmark */
    unsigned max_rounds;        /* adaptive stopping cap */
    double target_precision;    /* relative CI half-width; 0 = off */
    double speed_tolerance;     /* rounds whose core probe is slower than
                                   the fastest by more are set aside;
                                   0 = keep every round */
    int in_process;             /* --no-fork: rounds run in this process */
    int isolate;                /* --isolate (forking is the default) */
    int interleave;             /* rounds visit every benchmark in turn */
    double timeout_s;           /* per round; 0 = none, < 0 = derived from
                                   the plan (run/forecast.h) */
    int quick;
    int sweep;                  /* cbench_sweep (cbench.h) */
    int sweep_set;              /* --sweep given (else --quick picks quick) */
    double profile_time_s;
    cbench_mode mode;
    const char *counters;       /* "auto", "none" or a list */
    int allocs;                 /* --allocs: "allocations" added to counters */

    /* analysis */
    uint64_t seed;
    int seed_set;
    unsigned n_resamples;
    double confidence;
    double noise_threshold;
    double significance;
    int estimator;              /* cbench_estimator */

    /* baselines, exports, reports */
    const char *save_baseline, *baseline, *load_baseline, *baseline_dir;
    int baseline_lenient;
    int fail_on_regression;
    const char *export_path;
    int export_format;          /* --export-format: an index of export_formats (cli.c) */
    const char *report_dir;
    int charts;                 /* cbench_charts_mode */
    int png;
    cbench_format format;
    cbench_color color;
    int verbose;

    /* internal: a worker child speaks to its parent on this fd */
    int worker_fd;
    const char *worker_id;      /* --worker ID (deterministic mode child) */
    uint64_t worker_iters;
} cbench_config;

void cbench_config_default(cbench_config *cfg);

#endif
