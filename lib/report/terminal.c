/* SPDX-License-Identifier: MIT
 *
 * terminal.c - the criterion-like block per benchmark, and the pretty and
 * TAP reporters built on it.
 *
 * Every string that is not our own (ids, skip reasons, failure and
 * warning texts, counter names: from a body or a baseline file) goes
 * through model/text.h, so none can end a line, forge a TAP line or send
 * the terminal an escape sequence.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/text.h"
#include "model/counters.h"
#include "report/units.h"
#include "report/report.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

#define INDENT CBENCH_REPORT_INDENT

static const char *c(int color, const char *code) { return color ? code : ""; }

void cbench_report_block_line(FILE *f, const char *prefix, const char *label)
{
    fprintf(f, "%s%*s%-8s", prefix, INDENT, "", label);
}

#define line cbench_report_block_line

static void print_time_triplet(FILE *f, const cbench_estimate *e)
{
    char lo[32], pt[32], hi[32];
    fprintf(f, "[%s %s %s]", cbench_report_fmt_time(lo, sizeof lo, e->lower),
            cbench_report_fmt_time(pt, sizeof pt, e->point),
            cbench_report_fmt_time(hi, sizeof hi, e->upper));
}

void cbench_report_block_estimate(FILE *f, const char *prefix, const char *label,
                                  const cbench_estimate *e)
{
    if (!isfinite(e->point))
        return;
    line(f, prefix, label);
    print_time_triplet(f, e);
    if (isfinite(e->level))
        fprintf(f, " (%g%% CI)", 100.0 * e->level);
    fputc('\n', f);
}

static void print_rate(FILE *f, const cbench_result *r, const char *prefix, const char *label,
                       double per_iter, cbench_throughput_kind kind)
{
    /* Faster time = higher rate: the interval's ends swap. */
    double ends[3] = {r->typical.upper, r->typical.point, r->typical.lower};
    char buf[3][32];
    for (int i = 0; i < 3; i++)
        cbench_plot_fmt_rate(buf[i], sizeof buf[i], per_iter / (ends[i] * 1e-9), kind);
    line(f, prefix, label);
    fprintf(f, "[%s %s %s]\n", buf[0], buf[1], buf[2]);
}

/* The headline throughput, then the other kind when both were declared. */
static void print_throughput(FILE *f, const cbench_result *r, const char *prefix)
{
    if (r->throughput == CBENCH_THROUGHPUT_NONE || !(r->throughput_per_iter > 0))
        return;
    print_rate(f, r, prefix, "thrpt:", r->throughput_per_iter, r->throughput);
    if (r->other_per_iter > 0)
        print_rate(f, r, prefix, "", r->other_per_iter, cbench__result_other_kind(r));
}

static const char *verdict_sentence(cbench_verdict v)
{
    switch (v) {
    case CBENCH_VERDICT_REGRESSED: return "Performance has regressed.";
    case CBENCH_VERDICT_IMPROVED: return "Performance has improved.";
    case CBENCH_VERDICT_WITHIN_NOISE: return "Change within noise threshold.";
    case CBENCH_VERDICT_NO_CHANGE: return "No change in performance detected.";
    case CBENCH_VERDICT_NONE: break;
    }
    return "";
}

/* Prints text's lines, each indented under the block's labels. */
static void print_lines(FILE *f, const char *prefix, const char *text)
{
    while (*text) {
        size_t k = strcspn(text, "\n");
        fprintf(f, "%s%*s", prefix, INDENT, "");
        cbench_text_fputn(f, CBENCH_TEXT_TERM, text, k);
        fputc('\n', f);
        text += k + (text[k] == '\n');
    }
}

static void print_change(FILE *f, const cbench_result *r, const char *prefix, int color,
                         const cbench_report_drift *drift)
{
    if (!r->has_change)
        return;
    const cbench_change *ch = &r->change;
    char lo[32], pt[32], hi[32];
    line(f, prefix, "change:");
    fprintf(f, "[%s %s %s] (p = %.2f %s %.2f)\n",
            cbench_report_fmt_pct(lo, sizeof lo, ch->mean.lower),
            cbench_report_fmt_pct(pt, sizeof pt, ch->mean.point),
            cbench_report_fmt_pct(hi, sizeof hi, ch->mean.upper),
            ch->p_value, ch->p_value < ch->significance ? "<" : ">=", ch->significance);
    const char *col = ch->verdict == CBENCH_VERDICT_REGRESSED ? RED
                    : ch->verdict == CBENCH_VERDICT_IMPROVED ? GREEN : "";
    /* Mostly beyond the threshold, held back only by the machine's drift:
     * say that it probably changed, and how to settle it. */
    char held[800];
    if (cbench_report_drift_sentence(held, sizeof held, ch, drift)) {
        print_lines(f, prefix, held);
        return;
    }
    /* The threshold may have widened for the machine's drift: say how far. */
    if (ch->verdict == CBENCH_VERDICT_WITHIN_NOISE && isfinite(ch->noise_threshold)) {
        fprintf(f, "%s%*sChange within noise threshold (+-%.1f %%).\n", prefix, INDENT, "",
                100 * ch->noise_threshold);
        return;
    }
    /* Not significant is not the same as no change: say how large a change
     * the interval still allows when that is beyond the threshold. */
    double reach = fmax(-ch->mean.lower, ch->mean.upper);
    if (ch->verdict == CBENCH_VERDICT_NO_CHANGE && isfinite(reach) &&
        isfinite(ch->noise_threshold) && reach > ch->noise_threshold) {
        fprintf(f, "%s%*sNo change in performance detected, but the interval allows one up "
                "to %.1f %%.\n", prefix, INDENT, "", 100 * reach);
        return;
    }
    fprintf(f, "%s%*s%s%s%s\n", prefix, INDENT, "", c(color, col),
            verdict_sentence(ch->verdict), c(color && *col, RESET));
}

static void print_bound(FILE *f, const cbench_result *r, const char *prefix)
{
    if (!isfinite(r->bound_fraction) || r->bound_id == NULL)
        return;
    line(f, prefix, "bound:");
    fprintf(f, "%.1f%% of the throughput of ", 100 * r->bound_fraction);
    cbench_text_fputs(f, CBENCH_TEXT_TERM, r->bound_id);
    fputc('\n', f);
}

static void print_ratio(FILE *f, const cbench_result *r, const char *prefix)
{
    const cbench_estimate *e = &r->ratio_to_reference;
    if (!isfinite(e->point))
        return;
    line(f, prefix, "ratio:");
    fprintf(f, "%.3fx [%.3fx %.3fx] of the group's reference (%.2fx as fast)\n",
            e->point, e->lower, e->upper, 1.0 / e->point);
}

/* One counter: "1.23k instructions/iter (-92.0%)". */
static void print_counter(FILE *f, const cbench_counter_value *cv)
{
    double v = cv->per_iter;
    const char *sfx = "";
    double a = fabs(v);
    if (a >= 1e9) { v /= 1e9; sfx = "G"; }
    else if (a >= 1e6) { v /= 1e6; sfx = "M"; }
    else if (a >= 1e4) { v /= 1e3; sfx = "k"; }
    char name[4 * sizeof cv->name];
    fprintf(f, "%.4g%s %s/iter", v, sfx,
            cbench_text_escape(name, sizeof name, CBENCH_TEXT_TERM, cv->name));
    if (isfinite(cv->base_per_iter) && cv->base_per_iter != 0)
        fprintf(f, " (%+.1f%%)", 100.0 * (cv->per_iter / cv->base_per_iter - 1));
}

static void print_counters(FILE *f, const cbench_result *r, const char *prefix)
{
    for (size_t i = 0; i < r->n_counters; i++) {
        line(f, prefix, i == 0 ? (r->counters[i].exact ? "exact:" : "perf:") : "");
        print_counter(f, &r->counters[i]);
        fputc('\n', f);
    }
    cbench_counter_derived d;
    cbench_counters_derive(r->counters, r->n_counters, 0, &d);
    if (isfinite(d.ipc) || isfinite(d.l1_miss_rate)) {
        line(f, prefix, "");
        if (isfinite(d.ipc))
            fprintf(f, "IPC %.2f  ", d.ipc);
        if (isfinite(d.l1_miss_rate))
            fprintf(f, "L1 miss rate %.2f%%", 100 * d.l1_miss_rate);
        fputc('\n', f);
    }
}

static void print_outliers(FILE *f, const cbench_result *r, const char *prefix)
{
    const cbench_outliers *o = &r->outliers;
    unsigned total = o->low_severe + o->low_mild + o->normal + o->high_mild + o->high_severe;
    unsigned out = total - o->normal;
    if (out == 0 || total == 0)
        return;
    fprintf(f, "%sFound %u outliers among %u measurements (%.2f%%)\n", prefix, out,
            total, 100.0 * out / total);
    const char *names[4] = {"low severe", "low mild", "high mild", "high severe"};
    unsigned counts[4] = {o->low_severe, o->low_mild, o->high_mild, o->high_severe};
    for (int i = 0; i < 4; i++)
        if (counts[i])
            fprintf(f, "%s  %u (%.2f%%) %s\n", prefix, counts[i], 100.0 * counts[i] / total, names[i]);
}

void cbench_report_block(FILE *f, const cbench_result *r, const char *prefix, int color,
                         const cbench_report_drift *drift)
{
    char id[1024];
    cbench_text_escape(id, sizeof id, CBENCH_TEXT_TERM, r->id);
    int long_id = strlen(id) >= INDENT;
    fprintf(f, "%s%s%-*s%s", prefix, c(color, BOLD), long_id ? 0 : INDENT, id, c(color, RESET));
    if (long_id)
        fprintf(f, "\n%s%*s", prefix, INDENT, "");
    if (r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED)) {
        fprintf(f, "%s%s: ", c(color, r->flags & CBENCH_RESULT_FAILED ? RED : YELLOW),
                r->flags & CBENCH_RESULT_FAILED ? "FAILED" : "skipped");
        cbench_text_fputs(f, CBENCH_TEXT_TERM, r->error);
        fprintf(f, "%s\n", c(color, RESET));
        return;
    }
    if (r->flags & CBENCH_RESULT_INSTRUCTIONS) {
        fprintf(f, "%-8s%.1f instructions/iter (exact, simulated caches)\n", "instr:",
                r->typical.point);
    } else {
        fprintf(f, "%-8s", "time:");
        print_time_triplet(f, &r->typical);
        fputc('\n', f);
    }
    print_throughput(f, r, prefix);
    cbench_report_threads(f, r, prefix, INDENT);
    print_change(f, r, prefix, color, drift);
    print_ratio(f, r, prefix);
    print_bound(f, r, prefix);
    print_counters(f, r, prefix);
    cbench_report_user_counters(f, r, prefix, color);
    print_outliers(f, r, prefix);
    if (r->warning != NULL) {
        fprintf(f, "%s%swarning:%s ", prefix, c(color, YELLOW), c(color, RESET));
        cbench_text_fputs(f, CBENCH_TEXT_TERM, r->warning);
        fputc('\n', f);
    }
}

/* {=================================================================
 * pretty
 * ================================================================== */

static void pretty_notice(const cbench_report_opts *o, const char *msg)
{
    fprintf(o->out, "%snote:%s ", c(o->color, YELLOW), c(o->color, RESET));
    cbench_text_fput_lines(o->out, msg, "\n");
    fputc('\n', o->out);
    fflush(o->out);
}

static void verbose_stats(FILE *f, const cbench_result *r)
{
    char a[32], b[32], d[32], e[32], s[32];
    fprintf(f, "%*smean %s  median %s  std dev %s  MAD %s  slope %s  R² %.4f\n", INDENT, "",
            cbench_report_fmt_time(a, sizeof a, r->mean.point),
            cbench_report_fmt_time(b, sizeof b, r->median.point),
            cbench_report_fmt_time(d, sizeof d, r->std_dev.point),
            cbench_report_fmt_time(e, sizeof e, r->mad.point),
            cbench_report_fmt_time(s, sizeof s, r->slope.point), r->r_squared);
    fprintf(f, "%*s%zu samples in %zu rounds (stopped by ", INDENT, "", r->n_samples,
            r->n_rounds);
    cbench_text_fputs(f, CBENCH_TEXT_TERM, r->stop_reason ? r->stop_reason : "rounds");
    fputs(")\n", f);
}

static void pretty_result(const cbench_report_opts *o, const cbench_result *r, size_t index)
{
    (void)index;
    cbench_report_block(o->out, r, "", o->color, &o->drift);
    if (o->verbose && !(r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED)))
        verbose_stats(o->out, r);
    fputc('\n', o->out);
    fflush(o->out);
}

static void pretty_end(const cbench_report_opts *o, const char *summary)
{
    if (summary != NULL && *summary) {
        cbench_text_fput_lines(o->out, summary, "\n");
        fputc('\n', o->out);
    }
    fflush(o->out);
}

static void pretty_error(const cbench_report_opts *o, const char *msg)
{
    fprintf(o->out, "%serror:%s ", c(o->color, RED), c(o->color, RESET));
    cbench_text_fput_lines(o->out, msg, "\n");
    fputc('\n', o->out);
    fflush(o->out);
}

const cbench_reporter cbench_report_pretty = {
    "pretty", NULL, pretty_notice, pretty_result, pretty_end, pretty_error,
};

/* {=================================================================
 * TAP (Meson): the estimate, CI and change on the ok line, where Meson
 * shows it live; the full block as '#' diagnostics for the log.
 * ================================================================== */

/* The version line must come first, before any note: cbench_main prints
 * it as soon as it knows the output is TAP; begin only gives the plan. */
static void tap_begin(const cbench_report_opts *o, size_t n)
{
    fprintf(o->out, "1..%zu\n", n);
    fflush(o->out);
}

static void tap_notice(const cbench_report_opts *o, const char *msg)
{
    /* Notes may span lines; every line must stay a TAP comment. */
    fputs("# note: ", o->out);
    cbench_text_fput_lines(o->out, msg, "\n#   ");
    fputc('\n', o->out);
    fflush(o->out);
}

/* The rest of the description on the ok line, after the id: no '#' (it
 * would start a directive) and nothing that is not our own. */
static void tap_summary(FILE *f, const cbench_result *r, const cbench_report_drift *drift)
{
    char lo[32], pt[32], hi[32];
    if (r->flags & CBENCH_RESULT_INSTRUCTIONS)
        fprintf(f, "instructions: %.1f/iter (exact)", r->typical.point);
    else
        fprintf(f, "time: [%s %s %s]", cbench_report_fmt_time(lo, sizeof lo, r->typical.lower),
                cbench_report_fmt_time(pt, sizeof pt, r->typical.point),
                cbench_report_fmt_time(hi, sizeof hi, r->typical.upper));
    if (r->throughput != CBENCH_THROUGHPUT_NONE && r->throughput_per_iter > 0) {
        char tp[32];
        fprintf(f, " thrpt: %s", cbench_plot_fmt_rate(tp, sizeof tp,
                r->throughput_per_iter / (r->typical.point * 1e-9), r->throughput));
        if (r->other_per_iter > 0)
            fprintf(f, ", %s", cbench_plot_fmt_rate(tp, sizeof tp,
                    r->other_per_iter / (r->typical.point * 1e-9),
                    cbench__result_other_kind(r)));
    }
    if (isfinite(r->ratio_to_reference.point))
        fprintf(f, " ratio: %.3fx [%.3fx %.3fx]", r->ratio_to_reference.point,
                r->ratio_to_reference.lower, r->ratio_to_reference.upper);
    if (isfinite(r->bound_fraction))
        fprintf(f, " %.0f%% of bound", 100 * r->bound_fraction);
    if (r->has_change)
        fprintf(f, " change: %s [%s %s] %s",
                cbench_report_fmt_pct(pt, sizeof pt, r->change.mean.point),
                cbench_report_fmt_pct(lo, sizeof lo, r->change.mean.lower),
                cbench_report_fmt_pct(hi, sizeof hi, r->change.mean.upper),
                cbench__verdict_name(r->change.verdict));
    const char *held = r->has_change && drift->settle != NULL
                     ? cbench_report_held_tag(&r->change, drift->noise_threshold) : NULL;
    if (held != NULL)
        fprintf(f, " (%s, held back by machine drift)", held);
    cbench_report_user_counters_tap(f, r);
    if (r->flags & CBENCH_RESULT_UNSTABLE)
        fputs(" (unstable)", f);
    if (r->flags & CBENCH_RESULT_SLOW_CORE)
        fputs(" (slow core)", f);
}

/* The id and the reason a result failed or was skipped are escaped as
 * TAP descriptions (model/text.h): no newline, '#' or '\\' of theirs can
 * add a test line or turn a failure into a TODO. */
static void tap_result(const cbench_report_opts *o, const cbench_result *r, size_t index)
{
    FILE *f = o->out;
    cbench_report_block(f, r, "# ", 0, &o->drift);
    int bad = (r->flags & CBENCH_RESULT_SKIPPED) ? 0
            : cbench_report_is_failure(r, o->fail_on_regression);
    fprintf(f, "%s %zu - ", bad ? "not ok" : "ok", index);
    cbench_text_fputs(f, CBENCH_TEXT_TAP, r->id);
    if (r->flags & CBENCH_RESULT_SKIPPED) {
        fputs(" # SKIP ", f);
        cbench_text_fputs(f, CBENCH_TEXT_TAP, r->error);
    } else if (r->flags & CBENCH_RESULT_FAILED) {
        fputc(' ', f);
        cbench_text_fputs(f, CBENCH_TEXT_TAP, r->error ? r->error : "failed");
    } else {
        fputc(' ', f);
        tap_summary(f, r, &o->drift);
    }
    fputc('\n', f);
    fflush(f);
}

static void tap_end(const cbench_report_opts *o, const char *summary)
{
    if (summary != NULL && *summary)
        tap_notice(o, summary);
}

/* One line that makes the TAP consumer fail the test (meson: ERROR). */
static void tap_error(const cbench_report_opts *o, const char *msg)
{
    fputs("Bail out! ", o->out);
    cbench_text_fput_lines(o->out, msg, " ");
    fputc('\n', o->out);
    fflush(o->out);
}

const cbench_reporter cbench_report_tap = {
    "tap", tap_begin, tap_notice, tap_result, tap_end, tap_error,
};
