/* SPDX-License-Identifier: MIT
 *
 * cli.c - a bench executable's flags. Numbers are parsed with strtod /
 * strtoull and an end check (never atof); every error names the flag and
 * the form it expects.
 */
#include "run/cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/flags.h"
#include "cbench.h"
#include "stats/analysis.h"

void cbench_config_default(cbench_config *c)
{
    memset(c, 0, sizeof *c);
    c->warm_up_s = 0.3;
    c->measure_s = 1.0;
    c->sample_size = 100;
    c->rounds = 10;
    c->max_rounds = 20;
    c->target_precision = 0.0;
    c->speed_tolerance = 0.05;
    c->interleave = 1;
    c->counters = "auto";
    c->n_resamples = 100000;
    c->confidence = 0.95;
    c->noise_threshold = 0.01;
    c->significance = 0.05;
    c->worker_fd = -1;
    c->timeout_s = -1;
    c->estimator = CBENCH_EST_LOW;
}

typedef struct parser {
    cbench_config *cfg;
    int argc, i;
    char **argv;
    char *err;
    size_t errlen;
} parser;

static int fail(parser *p, const char *flag, const char *expected, const char *got)
{
    if (got != NULL)
        snprintf(p->err, p->errlen, "%s: expected %s, got '%s'", flag, expected, got);
    else
        snprintf(p->err, p->errlen, "%s: expected %s", flag, expected);
    return CBENCH_EINVAL;
}

static int parse_uint(parser *p, const char *flag, const char *s, unsigned long long lo,
                      unsigned long long hi, const char *expected, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (*s == '-' || *s == '+')
        return fail(p, flag, expected, s);
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
        return fail(p, flag, expected, s);
    *out = v;
    return 0;
}

static int parse_choice(parser *p, const char *flag, const char *s,
                        const char *const *names, int *out)
{
    return cbench_flag_choice(flag, s, names, out, p->err, p->errlen);
}

/* Baseline names become file names: keep them plain. */
static int parse_name(parser *p, const char *flag, const char *s, const char **out)
{
    size_t n = strlen(s);
    int ok = n > 0 && n <= 100 && s[0] != '.';
    for (size_t i = 0; ok && i < n; i++)
        ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
          || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '.';
    if (!ok)
        return fail(p, flag, "a name of letters, digits, '_', '-', '.' (not starting with '.')", s);
    *out = s;
    return 0;
}

/* Flags without a value. Returns 1 if handled. */
static int switch_flag(cbench_config *c, const char *f)
{
    struct { const char *name; int *field; int value; } table[] = {
        {"--help", &c->help, 1}, {"-h", &c->help, 1}, {"--version", &c->version, 1},
        {"--list", &c->list, 1}, {"--list-baselines", &c->list_baselines, 1},
        {"--exact", &c->exact, 1}, {"--regex", &c->regex, 1}, {"--quick", &c->quick, 1},
        {"--baseline-lenient", &c->baseline_lenient, 1},
        {"--fail-on-regression", &c->fail_on_regression, 1},
        {"--no-fail-on-regression", &c->fail_on_regression, 0},
        {"--no-fork", &c->in_process, 1}, {"--isolate", &c->isolate, 1},
        {"--interleave", &c->interleave, 1}, {"--no-interleave", &c->interleave, 0},
        {"--png", &c->png, 1}, {"--verbose", &c->verbose, 1}, {"-v", &c->verbose, 1},
        {"--allocs", &c->allocs, 1},
        {"--bench", NULL, 0},             /* passed by some runners; ignored */
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(f, table[i].name) == 0) {
            if (table[i].field != NULL)
                *table[i].field = table[i].value;
            return 1;
        }
    return 0;
}

static const char *const formats[] = {"auto", "pretty", "tap", "gbench-json", "csv", "json", NULL};
/* In cbench_export_format order (config.h). */
static const char *const export_formats[] = {"json", "gbench-json", "csv", NULL};
static const char *const colors[] = {"auto", "always", "never", NULL};
static const char *const charts[] = {"auto", "always", "never", NULL};
static const char *const modes[] = {"time", "instructions", NULL};
/* In cbench_sweep order: the index is the enum value. */
static const char *const sweeps[] = {"default", "full", "quick", NULL};
/* In cbench_estimator order: the index is the enum value. */
static const char *const estimators[] = {"median", "mean", "slope", "low", NULL};

/* The numeric flags of the shared table (run/flags.h): 0, CBENCH_EINVAL,
 * or 1 when f is not one of them. */
static int number_flag(parser *p, const char *f, const char *v)
{
    cbench_config *c = p->cfg;
    const struct { const char *name; double *d; unsigned *u; } fields[] = {
        {"--warm-up-time", &c->warm_up_s, NULL},
        {"--measurement-time", &c->measure_s, NULL},
        {"--profile-time", &c->profile_time_s, NULL},
        {"--timeout", &c->timeout_s, NULL},
        {"--target-precision", &c->target_precision, NULL},
        {"--speed-tolerance", &c->speed_tolerance, NULL},
        {"--confidence-level", &c->confidence, NULL},
        {"--noise-threshold", &c->noise_threshold, NULL},
        {"--significance-level", &c->significance, NULL},
        {"--sample-size", NULL, &c->sample_size},
        {"--rounds", NULL, &c->rounds},
        {"--max-rounds", NULL, &c->max_rounds},
        {"--nresamples", NULL, &c->n_resamples},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (strcmp(f, fields[i].name) != 0)
            continue;
        double x;
        if (cbench_flag_number(f, v, &x, p->err, p->errlen) != 0)
            return CBENCH_EINVAL;
        if (fields[i].d != NULL)
            *fields[i].d = x;
        else
            *fields[i].u = (unsigned)x;
        return 0;
    }
    return 1;
}

/* Flags taking a value v. Returns 0, CBENCH_EINVAL, or 1 if unknown. */
static int value_flag(parser *p, const char *f, const char *v)
{
    cbench_config *c = p->cfg;
    unsigned long long u;
    int rc, choice;
    if ((rc = number_flag(p, f, v)) != 1)
        return rc;
    if (!strcmp(f, "--seed")) {
        c->seed_set = 1;
        return cbench_flag_u64(f, v, &c->seed, p->err, p->errlen);
    }
    if (!strcmp(f, "--save-baseline")) return parse_name(p, f, v, &c->save_baseline);
    if (!strcmp(f, "--baseline")) return parse_name(p, f, v, &c->baseline);
    if (!strcmp(f, "--load-baseline")) return parse_name(p, f, v, &c->load_baseline);
    if (!strcmp(f, "--baseline-dir")) { c->baseline_dir = v; return 0; }
    if (!strcmp(f, "--export")) { c->export_path = v; return 0; }
    if (!strcmp(f, "--export-format"))
        return parse_choice(p, f, v, export_formats, &c->export_format);
    if (!strcmp(f, "--report-dir")) { c->report_dir = v; return 0; }
    if (!strcmp(f, "--counters")) { c->counters = v; return 0; }
    if (!strcmp(f, "--format")) {
        rc = parse_choice(p, f, v, formats, &choice);
        c->format = (cbench_format)choice;
        return rc;
    }
    if (!strcmp(f, "--color") || !strcmp(f, "--colour")) {
        rc = parse_choice(p, f, v, colors, &choice);
        c->color = (cbench_color)choice;
        return rc;
    }
    if (!strcmp(f, "--charts")) return parse_choice(p, f, v, charts, &c->charts);
    if (!strcmp(f, "--estimator")) return parse_choice(p, f, v, estimators, &c->estimator);
    if (!strcmp(f, "--sweep")) {
        c->sweep_set = 1;
        return parse_choice(p, f, v, sweeps, &c->sweep);
    }
    if (!strcmp(f, "--mode")) {
        rc = parse_choice(p, f, v, modes, &choice);
        c->mode = (cbench_mode)choice;
        return rc;
    }
    if (!strcmp(f, "--worker-fd")) {
        rc = parse_uint(p, f, v, 0, 65535, "a file descriptor", &u);
        c->worker_fd = (int)u;
        return rc;
    }
    if (!strcmp(f, "--worker-iters")) {
        rc = parse_uint(p, f, v, 1, UINT64_MAX, "an iteration count", &u);
        c->worker_iters = u;
        return rc;
    }
    if (!strcmp(f, "--worker")) { c->worker_id = v; return 0; }
    return 1;
}

static int add_filter(parser *p, const char *s)
{
    cbench_config *c = p->cfg;
    const char **f = realloc((void *)c->filters, (c->n_filters + 1) * sizeof *f);
    if (f == NULL)
        return CBENCH_ENOMEM;
    f[c->n_filters++] = s;
    c->filters = f;
    return 0;
}

static int parse_one(parser *p)
{
    char *arg = p->argv[p->i];
    if (arg[0] != '-' || arg[1] == '\0')
        return add_filter(p, arg);
    if (switch_flag(p->cfg, arg))
        return 0;
    char flag[64];
    const char *eq = strchr(arg, '=');
    const char *value;
    if (eq != NULL && arg[0] == '-' && arg[1] == '-') {
        size_t n = (size_t)(eq - arg);
        if (n >= sizeof flag)
            n = sizeof flag - 1;
        memcpy(flag, arg, n);
        flag[n] = '\0';
        value = eq + 1;
    } else {
        snprintf(flag, sizeof flag, "%s", arg);
        value = p->i + 1 < p->argc ? p->argv[p->i + 1] : NULL;
    }
    int rc = value_flag(p, flag, value != NULL ? value : "");
    if (rc == 1) {
        snprintf(p->err, p->errlen, "unknown flag '%s' (see --help)", flag);
        return CBENCH_EINVAL;
    }
    if (value == NULL)                    /* known flag, value missing */
        return fail(p, flag, "a value", NULL);
    if (rc == 0 && eq == NULL)
        p->i++;
    return rc;
}

/* --allocs: the counters' list gains "allocations" (perf/counters.h),
 * whichever of --allocs and --counters came first. */
static int with_allocs(cbench_config *c, char *err, size_t errlen)
{
    static char spec[512];
    if (!c->allocs)
        return 0;
    const char *base = c->counters;
    if (base == NULL || *base == '\0' || strcmp(base, "none") == 0)
        base = NULL;
    if ((size_t)snprintf(spec, sizeof spec, "%s%sallocations", base ? base : "",
                         base ? "," : "") >= sizeof spec)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "--counters: the list is too long");
    c->counters = spec;
    return 0;
}

int cbench_cli_parse(cbench_config *cfg, int argc, char **argv, char *err, size_t errlen)
{
    parser p = {cfg, argc, 1, argv, err, errlen};
    for (; p.i < argc; p.i++) {
        if (strcmp(argv[p.i], "--") == 0) {
            for (p.i++; p.i < argc; p.i++)
                if (add_filter(&p, argv[p.i]) != 0)
                    return CBENCH_ENOMEM;
            break;
        }
        int rc = parse_one(&p);
        if (rc != 0)
            return rc;
    }
    return with_allocs(cfg, err, errlen);
}

void cbench_cli_usage(FILE *out, const char *argv0)
{
    /* Several strings: one would pass the 4095 bytes ISO C promises. */
    fprintf(out,
"usage: %s [OPTIONS] [FILTER...]\n"
"\n"
"Runs the benchmarks whose id (group/name[/param][/threads=N]) contains a\n"
"FILTER; a multi-threaded benchmark has one id per thread count (\"threads=2\"\n"
"selects every 2-thread one), each run with its threads started together.\n"
"\n", argv0);
    fprintf(out,
"Selection:\n"
"  --list                 print the benchmark ids, one per line\n"
"  --exact                FILTERs must match whole ids\n"
"  --regex                FILTERs are POSIX extended regular expressions\n"
"Measurement:\n"
"  --warm-up-time S       warm-up per benchmark, spread over rounds (0.3)\n"
"  --measurement-time S   measurement per benchmark, spread over rounds (1)\n"
"  --sample-size N        samples per benchmark (100)\n"
"  --rounds N             worker processes per benchmark (10); each is a fresh\n"
"                         process, so the CI covers between-process variation\n"
"  --target-precision P   add rounds until the CI half-width is below P\n"
"                         (e.g. 1%%), up to --max-rounds (20)\n"
"  --speed-tolerance X    set aside a round when the core ran more than X\n"
"                         slower than its fastest state (speed probe around\n"
"                         each round's samples) and run another (0.05; 0 =\n"
"                         keep every round)\n"
"  --no-interleave        run all rounds of a benchmark back to back\n"
"                         (default: the rounds of benchmarks at the same\n"
"                         parameter, or in the same group, take turns)\n"
"  --no-fork              run rounds in this process (no isolation)\n"
"  --isolate              run every round in a child process (the default)\n"
"  --timeout S            fail a round that runs longer than S seconds, killing\n"
"                         it (default: 60 s, or 10x the planned round when\n"
"                         that is longer; 0 = no limit)\n"
"  --quick                short smoke run (fewer samples and rounds, the quick\n"
"                         parameter subset)\n"
"  --sweep S              default | full | quick: which parameters run; full\n"
"                         runs every value a benchmark lists (e.g. every size\n"
"                         of a cache sweep), default the subset it runs by\n"
"                         default (--list shows the ids)\n"
"  --counters LIST        auto | none | cycles,instructions,... (auto);\n"
"                         allocations (allocs, alloc-bytes, frees) counts the\n"
"                         timed region's malloc/free calls in executables that\n"
"                         link cbench_allocs_dep\n"
"  --allocs               add the allocation counters to --counters\n"
"  --mode M               time | instructions (deterministic, under valgrind)\n"
"  --profile-time S       run the selected benchmark for S seconds, no analysis\n");
    fputs(
"Analysis:\n"
"  --seed N               analysis seed (printed with --verbose, stored)\n"
"  --nresamples N         bootstrap resamples (100000)\n"
"  --confidence-level C   confidence level of intervals (0.95)\n"
"  --noise-threshold X    changes smaller than this are noise (0.01)\n"
"  --significance-level A significance level of the change test (0.05)\n"
"  --estimator E          low | median | mean | slope per round (low: the\n"
"                         lower decile, the time when little interfered)\n"
"Baselines and output:\n"
"  --save-baseline NAME   save results under NAME\n"
"  --baseline NAME        compare against NAME (default: the previous run)\n"
"  --baseline-lenient     only warn when NAME or a benchmark is missing\n"
"  --load-baseline NAME   report a stored baseline without running\n"
"  --list-baselines       list stored baselines\n"
"  --baseline-dir DIR     where baselines live (env CBENCH_DIR; ./cbench)\n"
"  --fail-on-regression   exit 1 when a benchmark's time, or one of its\n"
"                         cbench_counter() counters, regressed beyond the\n"
"                         noise threshold\n"
"  --export FILE          write the full results to FILE (-: standard output)\n"
"  --export-format F      json (cbench's, the default) | gbench-json | csv\n"
"  --format F             auto | pretty | tap | gbench-json | csv | json\n"
"                         (gbench-json: each round is a repetition, so\n"
"                         Google Benchmark's compare.py runs its U test)\n"
"  --report-dir DIR       charts and index.html (default: baseline dir/report)\n"
"  --charts WHEN          auto | always | never\n"
"  --png                  PNG charts instead of SVG\n"
"  --color WHEN           auto | always | never (honours NO_COLOR)\n"
"  -v, --verbose          more detail (seed, clock, plan)\n"
"  -h, --help             this text\n", out);
}
