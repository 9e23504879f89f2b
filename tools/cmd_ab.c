/* SPDX-License-Identifier: MIT
 *
 * cmd_ab.c - `cbench ab OLD_EXE NEW_EXE [FILTER...]`: a drift-free
 * comparison of two builds.
 *
 * A stored baseline was measured minutes or days ago; on a shared machine
 * the drift since then is as large as the effects people look for. `ab`
 * instead runs the two builds alternately, round after round (A B, B A,
 * A B, ... so neither always goes first), each round a fresh process of
 * each build measuring every selected benchmark once. Round r of A and
 * round r of B ran seconds apart under the same conditions, so the change
 * is estimated from the paired per-round log-ratios (Yuen's trimmed-mean
 * test and interval): slow drift cancels out of each pair.
 *
 * Sequential: from --rounds pairs on, a benchmark whose interim interval
 * (99 %) already lies beyond the noise threshold or wholly inside it is
 * settled and leaves the later processes (cbench_analysis_paired_settled);
 * the others get more pairs, up to --max-rounds or --max-time. Easy
 * questions (a 3x slowdown) take a few pairs, a 3 % one about twenty.
 *
 * The core's state: each process records the core's speed during its
 * rounds (cbench_result.speed_ns). A whole process can run while the core
 * is in a slow state (another guest on the sibling hyperthread, a lower
 * clock) that lasts seconds; then one side of its pair measured a
 * different machine. Pairs where either side ran more than
 * --speed-tolerance slower than the fastest state seen in the whole
 * comparison are set aside (unless fewer than two pairs would be left),
 * and the sequential rule simply asks for more pairs.
 *
 * User counters (cbench_counter()) are compared as the time is, over
 * the same pairs, a line each under their benchmark's row (ab_ucount.c).
 *
 * This file: the rounds, the pairs and the table; running one process of
 * a build is ab_run.c's (ab.h), the user counters' rows ab_ucount.c's,
 * reading the options ab_args.c's.
 *
 * --json prints {"results": [row...]}, a row per benchmark compared:
 *   {"id": string, "pairs", "set_aside": integer, "settled": bool,
 *    "a", "b": num (A's and B's geometric mean time over the pairs, ns),
 *    "change", "lower", "upper": num (B / A - 1 and its interval),
 *    "p_value": num, "verdict": string,
 *    "user_counters": [{"name": string, "flags": [string...] (as in a
 *                      baseline), "a", "b": num (each side's value, the
 *                      geometric mean over the pairs when all > 0, else
 *                      the mean), "change", "lower", "upper", "p_value":
 *                      num, "verdict": string|null (null: no change
 *                      computed: fewer than 2 pairs, or a value <= 0;
 *                      a higher-is-better counter that rose improved)}...]}
 * with the baseline's pieces (lib/store/json_write.h): num is an exact
 * number, null for NaN, "Infinity" / "-Infinity".
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>

#include "ab.h"
#include "model/result.h"
#include "model/text.h"
#include "report/report.h"
#include "stats/analysis.h"
#include "store/json_write.h"
#include "store/store.h"

/* Per benchmark: the estimates of A and B by round (NaN: that process
 * gave no result), the core's speed during each (NaN: not recorded),
 * whether more pairs are still needed, and the speed limit its pairs were
 * settled under: later rounds (of other benchmarks) may see a faster core
 * and lower the limit, and must not set aside pairs of a benchmark that no
 * longer runs, leaving it fewer pairs than the ones that settled it. */
typedef struct ab_bench {
    char *id;
    double *est[2], *speed[2];
    int settled;
    double limit;
    ab_ucounts uc;                 /* its user counters by round (ab_ucount.c) */
} ab_bench;

#define nomem cbench_ab_nomem

static ab_bench *find_or_add(ab_bench **v, size_t *n, const char *id)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].id, id) == 0)
            return &(*v)[i];
    ab_bench *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (nv == NULL)
        return NULL;
    *v = nv;
    char *copy = cbench__strdup(id);
    if (copy == NULL)                      /* never an entry without its id */
        return NULL;
    ab_bench *b = &nv[(*n)++];
    memset(b, 0, sizeof *b);
    b->id = copy;
    return b;
}

/* cap rounds of NaN (no value yet), or NULL. */
static double *nan_rounds(unsigned cap)
{
    double *x = malloc((cap ? cap : 1) * sizeof *x);
    for (unsigned j = 0; x != NULL && j < cap; j++)
        x[j] = NAN;
    return x;
}

/* The per-round arrays of b, made the first time; 0 or -1. */
static int alloc_rounds(ab_bench *b, unsigned cap)
{
    for (int s = 0; s < 2; s++) {
        if (b->est[s] == NULL)
            b->est[s] = nan_rounds(cap);
        if (b->speed[s] == NULL)
            b->speed[s] = nan_rounds(cap);
        if (b->est[s] == NULL || b->speed[s] == NULL)
            return -1;
    }
    return 0;
}

/* Records round r's estimates of one side; a benchmark first seen now
 * gets NaN for the rounds before. 0, or -1 when out of memory (a round
 * left out would pair what remains differently). */
static int collect(const cbench_run *run, int side, unsigned r, unsigned cap,
                   ab_bench **v, size_t *n)
{
    for (size_t i = 0; i < run->n_results; i++) {
        const cbench_result *res = &run->results[i];
        if (!(res->typical.point > 0) || (res->flags & CBENCH_RESULT_FAILED))
            continue;
        ab_bench *b = find_or_add(v, n, res->id);
        if (b == NULL || alloc_rounds(b, cap) != 0)
            return -1;
        if (r < cap) {
            b->est[side][r] = res->typical.point;
            b->speed[side][r] = res->speed_ns;
        }
        if (cbench_ab_ucount_collect(&b->uc, res, side, r, cap) != 0)
            return -1;
    }
    return 0;
}

/* The core speed above which a process counts as slow: the fastest
 * recorded anywhere in the comparison, plus the tolerance (infinite when
 * nothing was recorded or the tolerance is 0). */
static double speed_limit(const ab_opts *o, const ab_bench *v, size_t n, unsigned rounds)
{
    double fastest = INFINITY;
    for (size_t i = 0; i < n; i++)
        for (int s = 0; s < 2; s++)
            for (unsigned r = 0; v[i].speed[s] != NULL && r < rounds; r++)
                if (v[i].speed[s][r] > 0 && v[i].speed[s][r] < fastest)
                    fastest = v[i].speed[s][r];
    return o->speed_tol > 0 ? fastest * (1 + o->speed_tol) : INFINITY;
}

static int slow(const ab_bench *b, int side, unsigned r, double limit)
{
    return b->speed[side] != NULL && b->speed[side][r] > limit;
}

/* The rounds where both sides have an estimate, compacted into pa, pb
 * (and their round numbers into used, when not NULL); pairs with a side
 * slower than limit are set aside (counted in *aside) unless fewer than
 * two would be left. */
static size_t pairs_of(const ab_bench *b, unsigned rounds, double limit, double *pa,
                       double *pb, unsigned *used, size_t *aside)
{
    size_t k = 0, slow_pairs = 0;
    for (unsigned r = 0; b->est[0] && b->est[1] && r < rounds; r++) {
        if (!isfinite(b->est[0][r]) || !isfinite(b->est[1][r]))
            continue;
        if (slow(b, 0, r, limit) || slow(b, 1, r, limit)) {
            slow_pairs++;
            continue;
        }
        if (used != NULL)
            used[k] = r;
        pa[k] = b->est[0][r];
        pb[k++] = b->est[1][r];
    }
    if (k < 2 && slow_pairs > 0 && isfinite(limit))
        return pairs_of(b, rounds, INFINITY, pa, pb, used, aside);
    if (aside != NULL)
        *aside = slow_pairs;
    return k;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Kept within [min, max]: exp(mean(log x)) of equal times is not
 * always that time (3 came back as 3.0000000000000004 in --json). */
static double geo_mean(const double *x, size_t n)
{
    double s = 0, lo = x[0], hi = x[0];
    for (size_t i = 0; i < n; i++) {
        s += log(x[i]);
        lo = fmin(lo, x[i]);
        hi = fmax(hi, x[i]);
    }
    return fmin(hi, fmax(lo, exp(s / (double)n)));
}

/* One row of --json: the pieces are the baseline's (store/json_write.h),
 * so numbers are exact and an id reaches a terminal escaped. */
static cJSON *json_row(const ab_bench *b, double a_ns, double b_ns, size_t n, size_t aside,
                       const cbench_change *c)
{
    cJSON *o = cJSON_CreateObject();
    struct { const char *key; cJSON *item; } f[] = {
        {"id", cbench_store_text_item(b->id)},
        {"pairs", cbench_store_uint_item(n)},
        {"set_aside", cbench_store_uint_item(aside)},
        {"settled", cJSON_CreateBool(b->settled != 0)},
        {"a", cbench_store_num_item(a_ns)},
        {"b", cbench_store_num_item(b_ns)},
        {"change", cbench_store_num_item(c->mean.point)},
        {"lower", cbench_store_num_item(c->mean.lower)},
        {"upper", cbench_store_num_item(c->mean.upper)},
        {"p_value", cbench_store_num_item(c->p_value)},
        {"verdict", cJSON_CreateString(cbench__verdict_name(c->verdict))},
    };
    int oom = o == NULL;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (oom || f[i].item == NULL || !cJSON_AddItemToObject(o, f[i].key, f[i].item)) {
            cJSON_Delete(f[i].item);
            oom = 1;
        }
    if (oom) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* One benchmark's row: into rows (--json; returned, NULL with *oom set
 * when it cannot be added) or printed in the table (NULL returned). */
static cJSON *print_row(const ab_opts *o, const ab_bench *b, const double *pa,
                        const double *pb, size_t n, size_t aside, const cbench_change *c,
                        cJSON *rows, int *oom)
{
    double a_ns = geo_mean(pa, n), b_ns = geo_mean(pb, n);
    if (o->json) {
        cJSON *row = json_row(b, a_ns, b_ns, n, aside, c);
        if (row == NULL || !cJSON_AddItemToArray(rows, row)) {
            cJSON_Delete(row);
            *oom = 1;
            return NULL;
        }
        return row;
    }
    char ta[32], tb[32], pt[32], lo[32], hi[32];
    cbench_report_fmt_time(ta, sizeof ta, a_ns);
    cbench_report_fmt_time(tb, sizeof tb, b_ns);
    cbench_report_fmt_pct(pt, sizeof pt, c->mean.point);
    cbench_report_fmt_pct(lo, sizeof lo, c->mean.lower);
    cbench_report_fmt_pct(hi, sizeof hi, c->mean.upper);
    char id[1024];                 /* the executables' ids are not ours */
    cbench_text_escape(id, sizeof id, CBENCH_TEXT_TERM, b->id);
    printf("%-32s %12s %12s %9s [%8s %8s] %7.4f %5zu%s %s\n", id, ta, tb, pt, lo, hi,
           c->p_value, n, b->settled ? " " : "*", cbench__verdict_name(c->verdict));
    return NULL;
}

/* Prints {"results": rows} (taking rows); 0, or -1 on out of memory
 * (nothing printed: the caller says so). */
static int print_json(cJSON *rows, int oom)
{
    cJSON *root = cJSON_CreateObject();
    if (root == NULL || rows == NULL || !cJSON_AddItemToObject(root, "results", rows)) {
        cJSON_Delete(rows);
        oom = 1;
    }
    size_t len = 0;
    char *text = oom ? NULL : cbench_store_print(root, &len);
    cJSON_Delete(root);
    if (text == NULL)
        return -1;
    fwrite(text, 1, len, stdout);
    free(text);
    return 0;
}

static int report(const ab_opts *o, ab_bench *v, size_t n, unsigned rounds)
{
    cbench_analysis_opts ao;
    cbench_analysis_opts_default(&ao);
    ao.noise_threshold = o->noise;
    ao.significance = o->significance;
    ao.n_resamples = 10000;
    int regressions = 0, unsettled = 0, oom = 0;
    cJSON *rows = o->json ? cJSON_CreateArray() : NULL;
    double *pa = malloc((rounds + 1) * sizeof *pa), *pb = malloc((rounds + 1) * sizeof *pb);
    unsigned *used = malloc((rounds + 1) * sizeof *used);
    if (pa == NULL || pb == NULL || used == NULL) {
        free(pa);
        free(pb);
        free(used);
        cJSON_Delete(rows);
        return -1;
    }
    if (!o->json)
        printf("%-32s %12s %12s %9s %19s %7s %5s  %s\n", "benchmark", "A (old)", "B (new)",
               "change", "CI", "p", "pairs", "verdict");
    double limit = speed_limit(o, v, n, rounds);
    size_t set_aside = 0;
    for (size_t i = 0; i < n; i++) {
        double li = v[i].settled ? v[i].limit : limit;
        size_t aside = 0, k = pairs_of(&v[i], rounds, li, pa, pb, used, &aside);
        cbench_change c;
        int rc = k < 2 ? CBENCH_EDOMAIN : cbench_analysis_paired(&ao, pa, pb, k, &c);
        if (rc == CBENCH_ENOMEM) {          /* not "too few rounds" */
            regressions = -1;
            break;
        }
        if (rc != 0) {
            char id[1024];
            if (!o->json)
                printf("%-32s only in one build or too few rounds\n",
                       cbench_text_escape(id, sizeof id, CBENCH_TEXT_TERM, v[i].id));
            continue;
        }
        cJSON *row = print_row(o, &v[i], pa, pb, k, aside, &c, rows, &oom);
        set_aside += aside;
        unsettled += !v[i].settled;
        regressions += c.verdict == CBENCH_VERDICT_REGRESSED;
        if ((!o->json || row != NULL) &&
            cbench_ab_ucount_report(&ao, &v[i].uc, used, k, row, &regressions) != 0) {
            regressions = -1;
            break;
        }
    }
    if (regressions < 0)
        cJSON_Delete(rows);                 /* the caller says why */
    else if (o->json && print_json(rows, oom) != 0)
        regressions = -1;
    else if (!o->json && unsettled)
        printf("* not settled when the rounds ran out (--max-rounds %u, --max-time %g s): "
               "the change is smaller than, or as large as, what the noise allows to "
               "resolve here\n", o->max_rounds, o->max_time);
    if (!o->json && set_aside > 0)
        printf("%zu pair%s set aside: a process ran while the core was more than %g %% "
               "slower than its fastest state (speed probe; --speed-tolerance)\n",
               set_aside, set_aside == 1 ? "" : "s", 100 * o->speed_tol);
    free(pa);
    free(pb);
    free(used);
    return regressions;
}

/* Marks the benchmarks whose comparison is settled after 'rounds' pairs;
 * returns how many still need pairs, or (size_t)-1 when out of memory. */
static size_t settle(const ab_opts *o, ab_bench *v, size_t n, unsigned rounds)
{
    cbench_analysis_opts ao;
    cbench_analysis_opts_default(&ao);
    ao.noise_threshold = o->noise;
    double *pa = malloc(rounds * sizeof *pa), *pb = malloc(rounds * sizeof *pb);
    double limit = speed_limit(o, v, n, rounds);
    size_t open = pa != NULL && pb != NULL ? 0 : (size_t)-1;
    for (size_t i = 0; i < n && open != (size_t)-1; i++) {
        if (!v[i].settled && rounds >= 2) {
            size_t aside = 0, k = pairs_of(&v[i], rounds, limit, pa, pb, NULL, &aside);
            if (k == 0 && aside == 0)   /* only one build has it: nothing to pair */
                v[i].settled = 1;
            else if (rounds >= o->rounds && k >= 2) {
                int st = cbench_analysis_paired_settled(&ao, pa, pb, k);
                if (st == CBENCH_ENOMEM) {  /* not "not settled yet" */
                    open = (size_t)-1;
                    break;
                }
                v[i].settled = st == 1;
            }
            v[i].limit = limit;
        }
        open += !v[i].settled;
    }
    free(pa);
    free(pb);
    return open;
}

/* Ids of the unsettled benchmarks (pointers into v). */
static const char **open_ids(const ab_bench *v, size_t n, size_t *k)
{
    const char **ids = malloc((n ? n : 1) * sizeof *ids);
    *k = 0;
    for (size_t i = 0; ids != NULL && i < n; i++)
        if (!v[i].settled)
            ids[(*k)++] = v[i].id;
    return ids;
}

/* One round: a process of each build, the first alternating. 0,
 * AB_FAILED or AB_NOMEM. */
static int run_round(const ab_opts *o, unsigned r, const char *tmpdir, ab_bench **v,
                     size_t *n)
{
    size_t n_ids = 0;
    const char **ids = r > 0 ? open_ids(*v, *n, &n_ids) : NULL;
    int status = r > 0 && ids == NULL ? nomem() : 0;  /* not: every benchmark again */
    for (int k = 0; k < 2 && status == 0; k++) {
        int side = (r % 2) ? 1 - k : k;           /* A B, B A, A B, ... */
        cbench_run *run = NULL;
        status = cbench_ab_run_side(o, side, tmpdir, ids, n_ids, &run);
        if (status == 0 && collect(run, side, r, o->max_rounds, v, n) != 0)
            status = nomem();
        cbench__run_free(run);
    }
    free(ids);
    return status;
}

int cbench_ab_compare(const ab_opts *op)
{
    const ab_opts o = *op;
    char tmpdir[] = "/tmp/cbench-ab-XXXXXX";
    if (mkdtemp(tmpdir) == NULL) {
        fprintf(stderr, "cbench ab: cannot create a temporary directory: %s\n", strerror(errno));
        return 2;
    }
    cbench_ab_check_stored_libs(&o, tmpdir);
    ab_bench *v = NULL;
    size_t n = 0;
    int status = 0;
    unsigned r = 0, n_failed_runs = 0;
    double t0 = now_s();
    for (size_t open = 1; open > 0 && r < o.max_rounds && status == 0; r++) {
        if (r >= o.rounds && now_s() - t0 > o.max_time)
            break;
        if (isatty(2))
            fprintf(stderr, "\rcbench ab: round %u (at least %u, at most %u), %zu benchmark%s "
                    "to settle ", r + 1, o.rounds, o.max_rounds, r ? open : n,
                    (r ? open : n) == 1 ? "" : "s");
        int rc = run_round(&o, r, tmpdir, &v, &n);
        n_failed_runs += rc == AB_FAILED;
        open = rc == 0 ? settle(&o, v, n, r + 1) : 0;
        if (open == (size_t)-1)
            rc = nomem();
        status = rc != 0 ? 2 : 0;
        if (status == 0 && n == 0) {
            fprintf(stderr, "cbench ab: no benchmark matched in both builds\n");
            status = 2;
        }
    }
    if (isatty(2))
        fprintf(stderr, "\n");
    if (status == 0) {
        int regressions = report(&o, v, n, r);
        if (regressions < 0)
            nomem();
        status = regressions < 0 ? 2 : regressions > 0 && o.fail_on_regression ? 1 : 0;
    }
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].est[0]);
        free(v[i].est[1]);
        free(v[i].speed[0]);
        free(v[i].speed[1]);
        cbench_ab_ucount_free(&v[i].uc);
    }
    free(v);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (status == 2 && n_failed_runs > 0)
        fprintf(stderr, "cbench ab: kept %s for the messages of the build that failed\n", tmpdir);
    else if (system(cmd) != 0)
        fprintf(stderr, "cbench ab: could not remove %s\n", tmpdir);
    return status;
}
