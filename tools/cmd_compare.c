/* SPDX-License-Identifier: MIT
 *
 * cmd_compare.c - `cbench compare BASE NEW`: every benchmark saved in
 * both baselines, compared as the bench executables compare a result with
 * its baseline (run/against.h), with the machine's drift between the runs
 * widening each benchmark's noise threshold; exit status 1 on a
 * regression. Options and loading: store_args.c (store_cmd.h).
 *
 * Every string read from a baseline file is printed as terminal text
 * (model/text.h): a forged file cannot send the terminal an escape
 * sequence or start a line of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "model/drift.h"
#include "run/against.h"
#include "stats/analysis.h"
#include "store_cmd.h"


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
    int rc = cbench_tool_store_args(&a, argc, argv, 2);
    if (rc != 0 || a.help) {
        if (a.help)
            compare_help();
        return rc;
    }
    rc = cbench_tool_store_load(&a, a.pos[0], &base);
    if (rc == 0)
        rc = cbench_tool_store_load(&a, a.pos[1], &cur);
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
