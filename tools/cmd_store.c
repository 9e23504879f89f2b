/* SPDX-License-Identifier: MIT
 *
 * cmd_store.c - `cbench compare`, `cbench show` and `cbench list`: work on
 * saved baselines without running anything.
 *
 * A baseline argument is a name (looked up as DIR/NAME.json, DIR by the
 * rule of lib/store/where.c: --baseline-dir, else $CBENCH_DIR, else the
 * cbench/ directory of the Meson build this tool belongs to, else
 * ./cbench) or a path (anything containing '/' or ending in ".json"). A
 * missing DIR is an error naming where it looked and why. Exit status: 0 fine, 1 a finding
 * (compare: a regression beyond the noise threshold), 2 bad usage or input.
 *
 * Every string read from a baseline file (ids, context, warnings, errors,
 * counter names) or a directory (names, builds) is printed as terminal
 * text (model/text.h): a forged file cannot send the terminal an escape
 * sequence or start a line of its own.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "report/units.h"
#include "report/report.h"
#include "run/against.h"
#include "run/flags.h"
#include "model/drift.h"
#include "model/result.h"
#include "model/text.h"
#include "stats/analysis.h"
#include "store/store.h"

/* Options shared by the three subcommands. */
typedef struct store_args {
    const char *cmd;               /* "compare", "show", "list" */
    const char *dir_flag;          /* --baseline-dir, or NULL */
    cbench_store_where where;      /* where named baselines live, and why */
    const char *dir;               /* where.dir */
    double noise, significance;    /* NaN: from the file, else default */
    const char *pos[2];
    int n_pos;
    int help;
    int ignore_drift;              /* compare: no machine-drift widening */
    char settle[700];              /* compare: the drift-free command (settle_command) */
    char settle_why[800];          /* ... quoted, with what it compares */
} store_args;

/* {==================================================================
 * Arguments.
 * =================================================================== */

/* Prints "cbench CMD: MESSAGE 'ARG' (see cbench CMD --help)"; returns 2. */
static int usage_error(const store_args *a, const char *msg, const char *arg)
{
    fprintf(stderr, "cbench %s: %s%s%s%s (see cbench %s --help)\n", a->cmd, msg,
            arg != NULL ? " '" : "", arg != NULL ? arg : "", arg != NULL ? "'" : "", a->cmd);
    return 2;
}

#define flag_value cbench_tool_flag_value

static int parse_option(store_args *a, int argc, char **argv, int *i)
{
    const char *v;
    if ((v = flag_value(argc, argv, i, "--baseline-dir")) != NULL) {
        a->dir_flag = v;
        return 0;
    }
    if (strcmp(a->cmd, "compare") == 0) {
        if (strcmp(argv[*i], "--ignore-drift") == 0) {
            a->ignore_drift = 1;
            return 0;
        }
        if ((v = flag_value(argc, argv, i, "--noise-threshold")) != NULL)
            return cbench_tool_number(a->cmd, "--noise-threshold", v, &a->noise);
        if ((v = flag_value(argc, argv, i, "--significance-level")) != NULL)
            return cbench_tool_number(a->cmd, "--significance-level", v, &a->significance);
    }
    usage_error(a, "unknown option, or one missing its value:", argv[*i]);
    return -1;
}

/* Returns 0, or 2 after printing a message. */
static int parse_args(store_args *a, int argc, char **argv, int want_pos)
{
    a->noise = a->significance = NAN;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            a->help = 1;
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            if (parse_option(a, argc, argv, &i) != 0)
                return 2;
        } else if (a->n_pos < want_pos) {
            a->pos[a->n_pos++] = argv[i];
        } else {
            return usage_error(a, "unexpected argument", argv[i]);
        }
    }
    if (a->n_pos < want_pos)
        return usage_error(a, want_pos == 2 ? "expected two baselines, BASE and NEW"
                                            : "expected a baseline name or file", NULL);
    a->where = cbench_store_locate(a->dir_flag);
    a->dir = a->where.dir;
    return 0;
}

/* {==================================================================
 * Loading a baseline by name or path.
 * =================================================================== */

/* 0 when the baseline directory exists, else 2 after saying where cbench
 * looked and why. */
static int check_dir(const store_args *a)
{
    char err[1400];
    if (cbench_store_where_check(&a->where, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "cbench %s: %s\n", a->cmd, err);
    return 2;
}

/* Loads a baseline argument; on failure prints one message and returns 2. */
static int load_arg(const store_args *a, const char *arg, cbench_run **out)
{
    char err[2048];
    if (cbench_store_load_arg(&a->where, arg, out, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "cbench %s: %s\n", a->cmd, err);
    return 2;
}

/* {==================================================================
 * Formatting.
 * =================================================================== */

/* The report's formats (lib/report), with "-" for undefined values. */
static const char *fmt_time(char *buf, size_t n, double ns)
{
    if (!isfinite(ns)) {
        snprintf(buf, n, "-");
        return buf;
    }
    return cbench_report_fmt_time(buf, n, ns);
}

static const char *fmt_pct(char *buf, size_t n, double frac)
{
    if (!isfinite(frac)) {
        snprintf(buf, n, "-");
        return buf;
    }
    return cbench_report_fmt_pct(buf, n, frac);
}

/* Prints "  label text" with the text's later lines indented under it. */
static void print_block(const char *label, const char *text)
{
    printf("  %-10s ", label);
    cbench_text_fput_lines(stdout, text, "\n             ");
    putchar('\n');
}

static const char *or_dash(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "-";
}

/* One string of a file, as terminal text in buf, for printf. */
typedef char term_buf[1024];

static const char *tt(term_buf buf, const char *s)
{
    return cbench_text_escape(buf, sizeof(term_buf), CBENCH_TEXT_TERM, s);
}

/* {==================================================================
 * compare.
 * =================================================================== */

typedef struct tally {
    size_t compared, regressed, improved, unchanged, noise, failed, only_base, only_new;
    size_t held;                   /* of those, held back by the machine's drift */
    size_t oom;                    /* comparisons out of memory: the command fails */
    FILE *held_notes;              /* what each of those means (report/verdict.c), */
    char *notes;                   /* written into notes */
    size_t notes_len;
} tally;

static void compare_opts(const store_args *a, const cbench_run *cur, cbench_analysis_opts *o)
{
    cbench_against_opts(&cur->ctx, o);
    if (isfinite(a->noise))
        o->noise_threshold = a->noise;
    if (isfinite(a->significance))
        o->significance = a->significance;
}

/* Says when the machine itself moved between the runs (their speed
 * probes): each benchmark's noise threshold then widens by the drift it
 * saw (compare_one), as a bench executable does against its baseline. */
static void note_drift(const store_args *a, const cbench_run *base, const cbench_run *cur,
                       const cbench_analysis_opts *o)
{
    const cbench_context *n = &cur->ctx, *b = &base->ctx;
    double drift = cbench_probe_drift(n->probe_cpu_ns, n->probe_mem_ns,
                                      b->probe_cpu_ns, b->probe_mem_ns);
    if (a->ignore_drift || !cbench_probe_drift_notable(drift, o->noise_threshold))
        return;
    printf("The machine itself changed speed between the runs (speed probe: core "
           "%+.1f%%, memory %+.1f%%): each benchmark's noise threshold widens by the "
           "drift it saw, shown with its verdict (--ignore-drift to disable; %s avoids "
           "the drift).\n\n", 100 * (n->probe_cpu_ns / b->probe_cpu_ns - 1),
           100 * (n->probe_mem_ns / b->probe_mem_ns - 1), a->settle_why);
}

/* The comparison free of drift, into a->settle: the builds stored with
 * BASE against today's when BASE is a name that kept them, else two
 * builds side by side. */
static void settle_command(store_args *a)
{
    char builds[1024] = "", dir[600] = "";
    if (!cbench_store_is_path(a->pos[0]))
        (void)cbench_store_builds_list(a->dir, a->pos[0], builds, sizeof builds);
    if (a->dir_flag != NULL)
        snprintf(dir, sizeof dir, " --baseline-dir %s", a->dir_flag);
    if (builds[0])
        snprintf(a->settle, sizeof a->settle, "cbench ab --baseline %s%s", a->pos[0], dir);
    else
        snprintf(a->settle, sizeof a->settle, "cbench ab OLD_EXE NEW_EXE");
    snprintf(a->settle_why, sizeof a->settle_why, "`%s`%s", a->settle,
             builds[0] ? ", the builds stored with it against today's," : "");
}

static void print_row(const char *id, int w, const char *base, const char *cur,
                      const char *change, const char *ci, const char *verdict)
{
    term_buf t;
    printf("%-*s  %12s  %12s  %9s  %-21s  %s\n", w, tt(t, id), base, cur, change, ci, verdict);
}

/* Compares one shared benchmark (run/against.h, as the bench executables
 * do) and prints its row; counts the verdict. */
static void compare_one(const store_args *a, const cbench_analysis_opts *o_in,
                        const cbench_run *base_run, const cbench_result *base,
                        const cbench_run *cur_run, const cbench_result *cur_in, int w, tally *t)
{
    char b[32], c[32], ch[32], lo[32], hi[32], ci[80], widened[80], held[800];
    cbench_result cur = *cur_in;           /* shallow: only change and counters are written */
    cbench_analysis_opts o_widened = *o_in, *o = &o_widened;
    const char *verdict;
    double drift = 0;
    int rc = cbench_against(o_in, cbench__result_context(cur_run, cur_in), &cur, base_run, base,
                            a->ignore_drift, &drift);
    o->noise_threshold += drift;
    fmt_time(b, sizeof b, base->typical.point);
    fmt_time(c, sizeof c, cur.typical.point);
    if (rc != 0 || !cur.has_change) {
        t->failed++;
        t->oom += rc == CBENCH_ENOMEM;
        verdict = (base->flags | cur.flags) & CBENCH_RESULT_FAILED ? "failed"
                : rc == CBENCH_EDOMAIN ? "too few samples to compare"
                : rc == CBENCH_ENOMEM ? "out of memory" : "not comparable";
        print_row(base->id, w, b, c, "-", "-", verdict);
        return;
    }
    const cbench_change *x = &cur.change;
    snprintf(ci, sizeof ci, "[%s, %s]", fmt_pct(lo, sizeof lo, x->mean.lower),
             fmt_pct(hi, sizeof hi, x->mean.upper));
    verdict = cbench__verdict_name(x->verdict);
    cbench_report_drift d = {o_in->noise_threshold, a->settle};
    if (cbench_report_drift_sentence(held, sizeof held, x, &d)) {
        /* Its row says "probably slower", the note after the table why. */
        snprintf(widened, sizeof widened, "%s (drift: +-%.1f%%)",
                 cbench_report_held_tag(x, o_in->noise_threshold), 100 * o->noise_threshold);
        verdict = widened;
        t->held++;
        term_buf id;
        fprintf(t->held_notes, "  %s: %.*s\n", tt(id, base->id), (int)strcspn(held, "\n"),
                held);
    } else if (cbench_probe_drift_notable(drift, o_in->noise_threshold) &&
               x->verdict == CBENCH_VERDICT_WITHIN_NOISE) {
        snprintf(widened, sizeof widened, "%s (drift: +-%.1f%%)", verdict,
                 100 * o->noise_threshold);
        verdict = widened;
    }
    t->compared++;
    t->regressed += x->verdict == CBENCH_VERDICT_REGRESSED;
    t->improved += x->verdict == CBENCH_VERDICT_IMPROVED;
    t->noise += x->verdict == CBENCH_VERDICT_WITHIN_NOISE;
    t->unchanged += x->verdict == CBENCH_VERDICT_NO_CHANGE || x->verdict == CBENCH_VERDICT_NONE;
    print_row(base->id, w, b, c, fmt_pct(ch, sizeof ch, x->mean.point), ci, verdict);
}

static int id_width(const cbench_run *x, const cbench_run *y)
{
    size_t w = strlen("benchmark");
    for (size_t i = 0; i < x->n_results; i++)
        w = strlen(x->results[i].id) > w ? strlen(x->results[i].id) : w;
    for (size_t i = 0; i < y->n_results; i++)
        w = strlen(y->results[i].id) > w ? strlen(y->results[i].id) : w;
    return w > 60 ? 60 : (int)w;
}

static void compare_all(const store_args *a, const cbench_analysis_opts *o,
                        const cbench_run *base, const cbench_run *cur, tally *t)
{
    char buf[32];
    int w = id_width(base, cur);
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%g%% CI", 100.0 * o->confidence);
    print_row("benchmark", w, "base", "new", "change", ci_head, "verdict");
    for (size_t i = 0; i < base->n_results; i++) {
        const cbench_result *r = &base->results[i];
        const cbench_result *n = cbench__run_find(cur, r->id);
        if (n != NULL) {
            compare_one(a, o, base, r, cur, n, w, t);
        } else {
            t->only_base++;
            print_row(r->id, w, fmt_time(buf, sizeof buf, r->typical.point), "-", "-", "-",
                      "only in base");
        }
    }
    for (size_t i = 0; i < cur->n_results; i++) {
        const cbench_result *r = &cur->results[i];
        if (cbench__run_find(base, r->id) == NULL) {
            t->only_new++;
            print_row(r->id, w, "-", fmt_time(buf, sizeof buf, r->typical.point), "-", "-",
                      "only in new");
        }
    }
}

static void compare_summary(const store_args *a, const cbench_analysis_opts *o, tally *t)
{
    printf("\n%zu compared: %zu regressed, %zu improved, %zu within noise, %zu no change",
           t->compared, t->regressed, t->improved, t->noise, t->unchanged);
    if (t->failed)
        printf("; %zu not comparable", t->failed);
    if (t->only_base || t->only_new)
        printf("; %zu only in base, %zu only in new", t->only_base, t->only_new);
    printf(" (noise threshold %g%%, significance %g)\n", 100.0 * o->noise_threshold,
           o->significance);
    if (t->held > 0 && fflush(t->held_notes) == 0)
        printf("\n%zu of them held back by the machine's drift:\n%sSettle it with: %s\n",
               t->held, t->notes, a->settle);
}

static void compare_help(void)
{
    printf("usage: cbench compare [OPTIONS] BASE NEW\n\n"
           "Compares every benchmark saved in both baselines: base and new typical\n"
           "time, relative change with its confidence interval, and the verdict.\n"
           "BASE and NEW are baseline names (DIR/NAME.json) or paths to .json files.\n"
           "Exit status: 1 when a benchmark regressed beyond the noise threshold,\n"
           "2 on bad input, 0 otherwise.\n\n"
           "  --baseline-dir DIR         where named baselines live (default $CBENCH_DIR,\n"
           "                             else the cbench/ directory of this tool's Meson\n"
           "                             build, else ./cbench)\n"
           "  --noise-threshold X        changes within +-X (a fraction, e.g. 0.02) are\n"
           "                             noise (default: NEW's setting, else 0.01)\n"
           "  --significance-level X     p-value below which a change is significant\n"
           "                             (default: NEW's setting, else 0.05)\n"
           "  --ignore-drift             do not widen the noise threshold by the machine's\n"
           "                             own drift between the runs (their speed probes)\n");
}

int cbench_cmd_compare(int argc, char **argv)
{
    store_args a = {.cmd = "compare"};
    cbench_run *base = NULL, *cur = NULL;
    cbench_analysis_opts o;
    tally t = {0};
    int rc = parse_args(&a, argc, argv, 2);
    if (rc != 0 || a.help) {
        if (a.help)
            compare_help();
        return rc;
    }
    rc = load_arg(&a, a.pos[0], &base);
    if (rc == 0)
        rc = load_arg(&a, a.pos[1], &cur);
    if (rc == 0) {
        compare_opts(&a, cur, &o);
        settle_command(&a);
        t.held_notes = open_memstream(&t.notes, &t.notes_len);
        if (t.held_notes == NULL) {
            fprintf(stderr, "cbench compare: out of memory\n");
            rc = 2;
        }
    }
    if (rc == 0) {
        term_buf b, c;
        printf("base: %s (%s)\nnew:  %s (%s)\n\n", a.pos[0], tt(b, or_dash(base->ctx.date)),
               a.pos[1], tt(c, or_dash(cur->ctx.date)));
        note_drift(&a, base, cur, &o);
        compare_all(&a, &o, base, cur, &t);
        compare_summary(&a, &o, &t);
        if (t.oom > 0) {
            fprintf(stderr, "cbench compare: out of memory comparing %zu benchmark%s\n",
                    t.oom, t.oom == 1 ? "" : "s");
            rc = 2;
        } else if (t.compared + t.failed == 0) {
            fprintf(stderr, "cbench compare: '%s' and '%s' have no benchmark in common\n",
                    a.pos[0], a.pos[1]);
            rc = 2;
        } else if (t.regressed > 0) {
            fprintf(stderr, "cbench compare: %zu benchmark%s regressed beyond the noise"
                    " threshold (%g%%)\n", t.regressed, t.regressed == 1 ? "" : "s",
                    100.0 * o.noise_threshold);
            rc = 1;
        }
    }
    if (t.held_notes != NULL)
        fclose(t.held_notes);
    free(t.notes);
    cbench__run_free(base);
    cbench__run_free(cur);
    return rc;
}

/* {==================================================================
 * show.
 * =================================================================== */

static void show_context(const char *what, const cbench_run *run)
{
    const cbench_context *c = &run->ctx;
    term_buf a, b;
    printf("baseline %s\n", what);
    printf("  date:      %s\n", tt(a, or_dash(c->date)));
    printf("  host:      %s\n", tt(a, or_dash(c->host)));
    printf("  cpu:       %s\n", tt(a, or_dash(c->cpu)));
    printf("  compiler:  %s %s\n", tt(a, or_dash(c->compiler)), tt(b, c->flags));
    printf("  cbench:    %s (%s build)\n", tt(a, or_dash(c->version)),
           tt(b, or_dash(c->build_type)));
    /* The run asks git in its working directory (under meson test, the
     * build directory), so the commit is the measured project's, which is
     * cbench's only when cbench measures itself. */
    printf("  commit:    %s (git HEAD of the directory the run started in: the project "
           "measured)\n", tt(a, or_dash(c->git_commit)));
    printf("  analysis:  mode %s, seed %llu, %g%% confidence, %u resamples, noise %g%%,"
           " significance %g\n", tt(a, or_dash(c->mode)), (unsigned long long)c->seed,
           100.0 * c->confidence_level, c->n_resamples, 100.0 * c->noise_threshold,
           c->significance);
    if (c->warnings != NULL && c->warnings[0] != '\0')
        print_block("warnings:", c->warnings);
    printf("  results:   %zu\n", run->n_results);
}

/* A result as the bench executables' report shows it (the block of
 * report/terminal.c: time, throughput, threads, change, ratio, counters,
 * user counters, outliers, warning), then what a stored baseline adds,
 * in the block's layout: the other estimates with their intervals, the
 * samples, the core's speed, the run it was measured in, an error. */
static void show_result(const cbench_run *run, const cbench_result *r, int color)
{
    term_buf t[4];
    putchar('\n');
    cbench_report_block(stdout, r, "", color, NULL);
    cbench_report_block_estimate(stdout, "", "mean:", &r->mean);
    cbench_report_block_estimate(stdout, "", "median:", &r->median);
    cbench_report_block_estimate(stdout, "", "stddev:", &r->std_dev);
    cbench_report_block_line(stdout, "", "rounds:");
    printf("%zu samples in %zu round(s)%s%s\n", r->n_samples, r->n_rounds,
           r->stop_reason != NULL ? ", stopped by " : "", tt(t[0], r->stop_reason));
    if (r->speed_ns > 0) {
        cbench_report_block_line(stdout, "", "core:");
        printf("speed probe %.0f ns over the kept rounds; %zu round(s) set aside (core slower "
               "than its fastest state)\n", r->speed_ns, r->rounds_set_aside);
    }
    if (r->context != 0) {                /* saved by an earlier run than the file's */
        const cbench_context *x = cbench__result_context(run, r);
        cbench_report_block_line(stdout, "", "run:");
        printf("%s on %s, %s %s (an earlier run than the baseline's)\n",
               tt(t[0], or_dash(x->date)), tt(t[1], or_dash(x->host)),
               tt(t[2], or_dash(x->compiler)), tt(t[3], x->flags));
    }
    /* The block names the error of a failed or skipped result itself. */
    if (r->error != NULL && !(r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED))) {
        cbench_report_block_line(stdout, "", "error:");
        cbench_text_fputs(stdout, CBENCH_TEXT_TERM, r->error);
        putchar('\n');
    }
}

/* The builds stored with baseline name, each with where it was built and
 * whether its run was quick (what `cbench ab --baseline NAME` reruns).
 * 0, or 2 after a message when they cannot be read (out of memory). */
static int show_builds(const store_args *a, const char *name)
{
    char builds[4096];                 /* too short is CBENCH_ENOMEM too */
    int rc = cbench_store_builds_list(a->dir, name, builds, sizeof builds);
    if (rc == 0 && !builds[0])
        return 0;
    if (rc != 0) {                  /* never shown as "no build stored" */
        fprintf(stderr, "cbench show: %s: the builds stored with it: %s\n", name,
                cbench_strerror(rc));
        return 2;
    }
    printf("  builds:    in %s/%s.builds; `cbench ab --baseline %s` reruns each against "
           "the executable now at its path\n", a->dir, name, name);
    for (char *p = builds; *p != '\0';) {
        size_t k = strcspn(p, ",");
        char exe[256];
        snprintf(exe, sizeof exe, "%.*s", (int)k, p);
        cbench_build_info info;
        term_buf t[2];
        rc = cbench_store_build_info(a->dir, name, exe, &info);
        if (rc == CBENCH_ENOMEM) {
            fprintf(stderr, "cbench show: %s: build %s: %s\n", name, exe, cbench_strerror(rc));
            return 2;
        }
        if (rc == 0)
            printf("             %s, built at %s%s\n", tt(t[0], exe), tt(t[1], info.path),
                   info.quick ? " (a --quick run)" : "");
        else
            printf("             %s (where it was built is not recorded)\n", tt(t[0], exe));
        p += k;
        p += strspn(p, ", ");
    }
    return 0;
}

int cbench_cmd_show(int argc, char **argv)
{
    store_args a = {.cmd = "show"};
    cbench_run *run = NULL;
    char what[4200];
    int rc = parse_args(&a, argc, argv, 1);
    if (rc != 0 || a.help) {
        if (a.help)
            printf("usage: cbench show [--baseline-dir DIR] NAME|FILE.json\n\n"
                   "Prints a saved baseline: its context, then every benchmark as a bench\n"
                   "executable's report shows it (time, change, counters, outliers), with\n"
                   "its other estimates, samples and the core's speed.\n");
        return rc;
    }
    if ((rc = load_arg(&a, a.pos[0], &run)) != 0)
        return rc;
    if (cbench_store_is_path(a.pos[0]))
        snprintf(what, sizeof what, "'%s'", a.pos[0]);
    else
        snprintf(what, sizeof what, "'%s' (%s/%s.json)", a.pos[0], a.dir, a.pos[0]);
    show_context(what, run);
    if (!cbench_store_is_path(a.pos[0]))
        rc = show_builds(&a, a.pos[0]);
    const char *no_color = getenv("NO_COLOR");
    int color = isatty(fileno(stdout)) && !(no_color != NULL && *no_color);
    for (size_t i = 0; rc == 0 && i < run->n_results; i++)
        show_result(run, &run->results[i], color);
    cbench__run_free(run);
    return rc;
}

/* {==================================================================
 * list.
 * =================================================================== */

int cbench_cmd_list(int argc, char **argv)
{
    store_args a = {.cmd = "list"};
    char err[1024], **names = NULL;
    size_t n = 0, bad = 0;
    int rc = parse_args(&a, argc, argv, 0);
    if (rc != 0 || a.help) {
        if (a.help)
            printf("usage: cbench list [--baseline-dir DIR]\n\n"
                   "Lists the saved baselines with their date, number of results and the\n"
                   "executables stored with them (for cbench ab --baseline NAME).\n"
                   "Exit status 1 when a baseline cannot be read, 2 when the baseline\n"
                   "directory does not exist.\n");
        return rc;
    }
    if (check_dir(&a) != 0)
        return 2;
    if (cbench_store_list(a.dir, &names, &n, err, sizeof err) != 0) {
        fprintf(stderr, "cbench list: %s\n", err);
        return 2;
    }
    if (n == 0)
        fprintf(stderr, "cbench list: no baselines in '%s'\n", a.dir);
    else
        printf("%-24s  %-24s  %7s  %s\n", "name", "date", "results",
               "builds stored (for cbench ab --baseline)");
    for (size_t i = 0; i < n; i++) {
        cbench_run *run = NULL;
        term_buf t[3];
        if (cbench_store_load(a.dir, names[i], &run, err, sizeof err) != 0) {
            printf("%-24s  unreadable: %s\n", tt(t[0], names[i]), tt(t[1], err));
            bad++;
            continue;
        }
        char builds[4096];             /* too short is CBENCH_ENOMEM too */
        int brc = cbench_store_builds_list(a.dir, names[i], builds, sizeof builds);
        bad += brc != 0;                /* not "-": none stored */
        printf("%-24s  %-24s  %7zu  %s\n", tt(t[0], names[i]), tt(t[1], or_dash(run->ctx.date)),
               run->n_results, tt(t[2], brc != 0 ? cbench_strerror(brc) : builds[0] ? builds : "-"));
        cbench__run_free(run);
    }
    cbench_store_list_free(names, n);
    return bad > 0 ? 1 : 0;
}
