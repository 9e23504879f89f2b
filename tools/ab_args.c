/* SPDX-License-Identifier: MIT
 *
 * ab_args.c - `cbench ab`: its arguments, and which builds it compares.
 *
 *   cbench ab OLD_EXE NEW_EXE [FILTER...]     two builds side by side
 *   cbench ab --baseline NAME NEW_EXE [...]   OLD: the copy of NEW_EXE
 *                                             stored with baseline NAME
 *   cbench ab --baseline NAME                 every build stored with NAME
 *                                             against today's executable at
 *                                             the path it was stored from
 *
 * The last form needs no path of the project, so the README's workflow
 * reads the same in every project. With --baseline, ab measures what the
 * baseline measured: the benchmarks it holds (unless FILTERs say
 * otherwise), and, for a baseline saved by a --quick run, quick (the
 * quick parameter subset, few short rounds); flags given on the command
 * line win, --no-quick restores the full settings.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ab.h"
#include "args.h"
#include "commands.h"
#include "run/flags.h"
#include "store/store.h"

/* The settings of a quick ab: as short as the --quick run it repeats. */
#define QUICK_ROUNDS 3
#define QUICK_MAX_ROUNDS 4
#define QUICK_MEASURE "0.05"
#define QUICK_WARM_UP "0.02"

/* Which settings the command line gave (a quick baseline leaves them). */
enum { SET_ROUNDS = 1, SET_MAX_ROUNDS = 2, SET_MEASURE = 4, SET_WARM_UP = 8, NO_QUICK = 16 };

static void usage(FILE *f)
{
    fprintf(f,
"usage: cbench ab OLD_EXE NEW_EXE [FILTER...] [options]\n"
"       cbench ab --baseline NAME [NEW_EXE [FILTER...]] [options]\n"
"\n"
"Runs the benchmarks of two builds alternately, one fresh process per build\n"
"and round, and reports the change NEW/OLD - 1 from the paired rounds.\n"
"  --baseline NAME         OLD is the build stored with baseline NAME (saved by\n"
"                          NEW_EXE --save-baseline NAME; matched by file name);\n"
"                          without NEW_EXE, every build stored with NAME against\n"
"                          the executable now at the path it was stored from\n"
"  --baseline-dir DIR      where baselines live (else $CBENCH_DIR, else the\n"
"                          cbench/ directory of this tool's Meson build, else\n"
"                          ./cbench)\n"
"  --rounds N              paired rounds at least (6)\n"
"  --max-rounds N          paired rounds at most, for unsettled benchmarks (30)\n"
"  --max-time S            start no new round after S seconds (900)\n"
"  --measurement-time S    per benchmark and process (0.2)\n"
"  --warm-up-time S        per benchmark and process (0.1)\n"
"  --no-quick              a baseline saved by a --quick run is rerun quick\n"
"                          (--quick, --rounds %d, --max-rounds %d, --measurement-time\n"
"                          %s, --warm-up-time %s unless given); this runs it in full\n"
"  --noise-threshold X     changes smaller than this are noise (0.01)\n"
"  --significance-level A  of the paired t-test (0.05)\n"
"  --speed-tolerance X     set aside a pair when either process's core ran more\n"
"                          than X slower than the fastest state seen (0.05;\n"
"                          0 = keep every pair)\n"
"  --no-fail               exit 0 even when a benchmark regressed\n"
"  --json                  print the table as JSON\n"
"Exit status: 0, 1 when a benchmark regressed beyond the noise threshold,\n"
"2 on bad usage or when a build fails to run.\n",
            QUICK_ROUNDS, QUICK_MAX_ROUNDS, QUICK_MEASURE, QUICK_WARM_UP);
}

/* A baseline saved by a --quick run is rerun quick, except for what the
 * command line set. */
static void apply_quick(ab_opts *o, int quick, unsigned set)
{
    o->quick = quick && !(set & NO_QUICK);
    if (!o->quick)
        return;
    if (!(set & SET_ROUNDS))
        o->rounds = QUICK_ROUNDS;
    if (!(set & SET_MAX_ROUNDS))
        o->max_rounds = o->rounds > QUICK_MAX_ROUNDS ? o->rounds : QUICK_MAX_ROUNDS;
    if (!(set & SET_MEASURE))
        o->measure = QUICK_MEASURE;
    if (!(set & SET_WARM_UP))
        o->warm_up = QUICK_WARM_UP;
}

/* --baseline NAME: A is the copy of NEW_EXE's executable stored with
 * that baseline (lib/store/builds.c), run as the baseline was. */
static int stored_build(ab_opts *o, unsigned set)
{
    cbench_store_where w = cbench_store_locate(o->baseline_dir);
    char err[1400];
    if (cbench_store_where_check(&w, err, sizeof err) != 0) {
        fprintf(stderr, "cbench ab: --baseline %s: %s\n", o->baseline, err);
        return -1;
    }
    int rc = cbench_store_build_of(w.dir, o->baseline, o->exe[1], o->stored, sizeof o->stored,
                                   o->libs, sizeof o->libs);
    if (rc == CBENCH_EINVAL)
        fprintf(stderr, "cbench ab: --baseline: '%s' is not a baseline name (letters, "
                "digits, '.', '_', '-')\n", o->baseline);
    else if (rc == CBENCH_ENOENT)
        fprintf(stderr, "cbench ab: --baseline %s: no build of '%s' is stored in %s/%s.builds "
                "(store one with: %s --save-baseline %s --baseline-dir %s)\n", o->baseline,
                o->exe[1], w.dir, o->baseline, o->exe[1], o->baseline, w.dir);
    else if (rc != 0)
        fprintf(stderr, "cbench ab: --baseline %s: path too long\n", o->baseline);
    if (rc != 0)
        return -1;
    cbench_build_info info;
    rc = cbench_store_build_info(w.dir, o->baseline, o->exe[1], &info);
    if (rc == CBENCH_ENOMEM) {      /* else run as not quick, unlike the baseline */
        fprintf(stderr, "cbench ab: --baseline %s: %s\n", o->baseline, cbench_strerror(rc));
        return -1;
    }
    apply_quick(o, rc == 0 && info.quick, set);
    o->exe[0] = o->stored;
    return 0;
}

/* --baseline without FILTERs: the benchmarks the baseline holds, as
 * whole ids (each build runs those it has). When the baseline cannot be
 * read, every benchmark, after saying why. 0, or -1 after a message when
 * out of memory (never a silently shorter or longer list). */
static int baseline_ids(ab_opts *o, const char *dir)
{
    cbench_run *run = NULL;
    char err[1024];
    if (o->n_filters > 0)
        return 0;
    if (cbench_store_load(dir, o->baseline, &run, err, sizeof err) != 0) {
        fprintf(stderr, "cbench ab: note: %s; comparing every benchmark\n", err);
        return 0;
    }
    o->ids = calloc(run->n_results + 1, sizeof *o->ids);
    int oom = o->ids == NULL;
    size_t k = 0;                 /* ids stays NULL-terminated: cbench_cmd_ab frees it */
    for (size_t i = 0; !oom && i < run->n_results; i++)
        if (run->results[i].id != NULL)
            oom = (o->ids[k++] = cbench__strdup(run->results[i].id)) == NULL;
    cbench__run_free(run);
    if (oom) {
        fprintf(stderr, "cbench ab: --baseline %s: %s\n", o->baseline,
                cbench_strerror(CBENCH_ENOMEM));
        return -1;
    }
    o->n_filters = (int)k;
    o->filters = (const char **)o->ids;
    o->exact = o->n_filters > 0;
    return 0;
}

/* Reads one option at argv[*i]; 0, or -1 after a message. */
static int parse_option(int argc, char **argv, int *i, ab_opts *o, unsigned *set)
{
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    double x = 0;
    int rc = 0;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        usage(stdout);
        exit(0);
    }
    if (!strcmp(a, "--json")) {
        o->json = 1;
        return 0;
    }
    if (!strcmp(a, "--no-fail")) {
        o->fail_on_regression = 0;
        return 0;
    }
    if (!strcmp(a, "--no-quick")) {
        *set |= NO_QUICK;
        return 0;
    }
    /* What each option sets: a string, a number, and the bit of *set
     * that says the command line gave it. */
    const struct { const char *name; const char **str; double *num; unsigned bit; } opts[] = {
        {"--baseline", &o->baseline, NULL, 0},
        {"--baseline-dir", &o->baseline_dir, NULL, 0},
        {"--rounds", NULL, &x, SET_ROUNDS},
        {"--max-rounds", NULL, &x, SET_MAX_ROUNDS},
        {"--measurement-time", &o->measure, &x, SET_MEASURE},
        {"--warm-up-time", &o->warm_up, &x, SET_WARM_UP},
        {"--max-time", NULL, &o->max_time, 0},
        {"--noise-threshold", NULL, &o->noise, 0},
        {"--speed-tolerance", NULL, &o->speed_tol, 0},
        {"--significance-level", NULL, &o->significance, 0},
    };
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        if (strcmp(a, opts[k].name) != 0)
            continue;
        if (v == NULL) {
            fprintf(stderr, "cbench ab: %s: expected a value\n", a);
            return -1;
        }
        if (opts[k].num != NULL && (rc = cbench_tool_number("ab", a, v, opts[k].num)) != 0)
            return rc;
        if (opts[k].str != NULL)
            *opts[k].str = v;
        if (opts[k].bit == SET_ROUNDS)
            o->rounds = (unsigned)x;
        if (opts[k].bit == SET_MAX_ROUNDS)
            o->max_rounds = (unsigned)x;
        *set |= opts[k].bit;
        *i += 1;
        return 0;
    }
    fprintf(stderr, "cbench ab: unknown flag '%s' (see --help)\n", a);
    return -1;
}

/* Fills o; with --baseline and NEW_EXE, finds the stored build. *set says
 * which settings the command line gave. Returns 0 or -1 (message printed). */
static int parse_args(int argc, char **argv, ab_opts *o, unsigned *set)
{
    memset(o, 0, sizeof *o);
    o->rounds = 6;
    o->max_rounds = 30;
    o->max_time = 900;
    o->measure = "0.2";
    o->warm_up = "0.1";
    o->noise = 0.01;
    o->significance = 0.05;
    o->speed_tol = 0.05;
    o->fail_on_regression = 1;
    o->filters = o->given = calloc((size_t)argc, sizeof *o->filters);
    if (o->filters == NULL) {
        fprintf(stderr, "cbench ab: %s\n", cbench_strerror(CBENCH_ENOMEM));
        return -1;
    }
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            if (parse_option(argc, argv, &i, o, set) != 0)
                return -1;
        } else if (npos < 2) {
            o->exe[npos++] = argv[i];
        } else {
            o->filters[o->n_filters++] = argv[i];
        }
    }
    /* With --baseline (wherever it stands) only NEW_EXE is a build: a
     * second positional is a filter, and OLD is the stored build. */
    if (o->baseline != NULL && npos == 2) {
        o->filters[o->n_filters++] = o->exe[1];
        npos = 1;
    }
    if (o->baseline != NULL && npos == 1) {
        o->exe[1] = o->exe[0];
        o->exe[0] = NULL;
        npos = 2;
        if (stored_build(o, *set) != 0)
            return -1;
        if (baseline_ids(o, cbench_store_dir(o->baseline_dir)) != 0)
            return -1;
    }
    if (npos < 2 && !(o->baseline != NULL && npos == 0)) {
        usage(stderr);
        return -1;
    }
    if (o->rounds < 2) {       /* a change test needs two pairs */
        fprintf(stderr, "cbench ab: --rounds: expected at least 2 paired rounds, got %u\n",
                o->rounds);
        return -1;
    }
    if (o->max_rounds < o->rounds) {
        if (*set & SET_MAX_ROUNDS) {
            fprintf(stderr, "cbench ab: --max-rounds %u is below --rounds %u\n",
                    o->max_rounds, o->rounds);
            return -1;
        }
        o->max_rounds = o->rounds;
    }
    return 0;
}

/* One build stored with the baseline, by file name: where today's build is
 * (recorded when it was stored) into path. 0, or 2 after a message. */
static int todays_build(const ab_opts *o, const char *dir, const char *exe, char *path,
                        size_t n)
{
    cbench_build_info info;
    int rc = cbench_store_build_info(dir, o->baseline, exe, &info);
    if (rc == CBENCH_ENOMEM) {
        fprintf(stderr, "cbench ab: --baseline %s: %s\n", o->baseline, cbench_strerror(rc));
        return 2;
    }
    if (rc != 0) {
        fprintf(stderr, "cbench ab: --baseline %s: where %s was built is not recorded (it "
                "was stored by an older cbench); name today's build: cbench ab --baseline "
                "%s PATH/%s\n", o->baseline, exe, o->baseline, exe);
        return 2;
    }
    if (access(info.path, X_OK) != 0) {
        fprintf(stderr, "cbench ab: --baseline %s: %s was built at %s, which is not an "
                "executable now (%s); name today's build: cbench ab --baseline %s PATH/%s\n",
                o->baseline, exe, info.path, strerror(errno), o->baseline, exe);
        return 2;
    }
    snprintf(path, n, "%s", info.path);
    return 0;
}

/* --baseline NAME without NEW_EXE: each build stored with NAME against
 * today's at the same path, one table each. The worst status wins. */
static int every_stored_build(ab_opts *args, unsigned set)
{
    cbench_store_where w = cbench_store_locate(args->baseline_dir);
    char list[4096], err[1400];
    if (cbench_store_where_check(&w, err, sizeof err) != 0) {
        fprintf(stderr, "cbench ab: --baseline %s: %s\n", args->baseline, err);
        return 2;
    }
    if (cbench_store_builds_list(w.dir, args->baseline, list, sizeof list) != 0 || !list[0]) {
        fprintf(stderr, "cbench ab: --baseline %s: no build is stored with it in %s/%s.builds "
                "(%s); a run with --save-baseline %s stores its executable there\n",
                args->baseline, w.dir, args->baseline, w.why, args->baseline);
        return 2;
    }
    if (args->json && strchr(list, ',') != NULL) {
        fprintf(stderr, "cbench ab: --baseline %s --json: %s are stored with it, and --json "
                "prints one table; name one: cbench ab --baseline %s EXE --json\n",
                args->baseline, list, args->baseline);
        return 2;
    }
    if (baseline_ids(args, w.dir) != 0)
        return 2;
    int status = 0, first = 1;
    static ab_opts o;                      /* large: its paths */
    for (char *p = list; *p != '\0'; p += strspn(p, ", "), first = 0) {
        char exe[256], path[4096];
        size_t k = strcspn(p, ",");
        snprintf(exe, sizeof exe, "%.*s", (int)k, p);
        p += k;
        int rc = todays_build(args, w.dir, exe, path, sizeof path);
        o = *args;
        o.exe[1] = path;
        if (rc == 0 && stored_build(&o, set) != 0)
            rc = 2;
        if (rc == 0) {
            fprintf(o.json ? stderr : stdout, "%s%s: the build stored with '%s' against %s%s\n",
                    first ? "" : "\n", exe, o.baseline, path,
                    o.quick ? " (quick, as the baseline was measured)" : "");
            fflush(stdout);
            rc = cbench_ab_compare(&o);
        }
        status = rc > status ? rc : status;
    }
    return status;
}

int cbench_cmd_ab(int argc, char **argv)
{
    ab_opts o;
    unsigned set = 0;
    int status = 2;
    if (parse_args(argc, argv, &o, &set) == 0)
        status = o.exe[1] == NULL ? every_stored_build(&o, set) : cbench_ab_compare(&o);
    for (size_t i = 0; o.ids != NULL && o.ids[i] != NULL; i++)
        free(o.ids[i]);
    free(o.ids);
    free(o.given);
    return status;
}
