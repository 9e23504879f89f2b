/* SPDX-License-Identifier: MIT
 *
 * cmd_store.c - `cbench show` and `cbench list`: saved baselines, without
 * running anything (`cbench compare`: cmd_compare.c; the options and
 * loading they share: store_args.c, store_cmd.h).
 *
 * A baseline argument is a name (looked up as DIR/NAME.json, DIR by the
 * rule of lib/store/where.c: --baseline-dir, else $CBENCH_DIR, else the
 * cbench/ directory of the Meson build this tool belongs to, else
 * ./cbench) or a path (anything containing '/' or ending in ".json"). A
 * missing DIR is an error naming where it looked and why. Exit status: 0
 * fine, 1 a finding (list: a baseline it cannot read), 2 bad usage or input.
 *
 * Every string read from a baseline file (ids, context, warnings, errors,
 * counter names) or a directory (names, builds) is printed as terminal
 * text (model/text.h): a forged file cannot send the terminal an escape
 * sequence or start a line of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "report/units.h"
#include "store_cmd.h"

/* Prints "  label text" with the text's later lines indented under it. */
static void print_block(const char *label, const char *text)
{
    printf("  %-10s ", label);
    cbench_text_fput_lines(stdout, text, "\n             ");
    putchar('\n');
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
    int rc = cbench_tool_store_args(&a, argc, argv, 1);
    if (rc != 0 || a.help) {
        if (a.help)
            printf("usage: cbench show [--baseline-dir DIR] NAME|FILE.json\n\n"
                   "Prints a saved baseline: its context, then every benchmark as a bench\n"
                   "executable's report shows it (time, change, counters, outliers), with\n"
                   "its other estimates, samples and the core's speed.\n");
        return rc;
    }
    if ((rc = cbench_tool_store_load(&a, a.pos[0], &run)) != 0)
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
    int rc = cbench_tool_store_args(&a, argc, argv, 0);
    if (rc != 0 || a.help) {
        if (a.help)
            printf("usage: cbench list [--baseline-dir DIR]\n\n"
                   "Lists the saved baselines with their date, number of results and the\n"
                   "executables stored with them (for cbench ab --baseline NAME).\n"
                   "Exit status 1 when a baseline cannot be read, 2 when the baseline\n"
                   "directory does not exist.\n");
        return rc;
    }
    if (cbench_tool_store_check_dir(&a) != 0)
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
