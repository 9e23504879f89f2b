/* SPDX-License-Identifier: MIT
 *
 * hostile.c - no string a user, a benchmark body or a baseline file hands
 * to cbench can forge its output. Each test feeds hostile strings (a
 * newline followed by a TAP line, " # TODO", ANSI and C1 escapes, a
 * spreadsheet formula, quotes and backslashes, a newline in a gnuplot
 * title) through one output channel: TAP, the pretty terminal report,
 * CSV, HTML and gnuplot scripts. (cbench show, compare and ab, and a real
 * bench executable under --format tap: hostile_e2e.sh.)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "model/text.h"
#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"
#include "report/report.h"
#include "store/export.h"

#define INJECTED "reason\nok 99 - injected"
#define RED "\033[31mred"
#define C1_CSI "\xc2\x9b" "31m"            /* U+009B: CSI on some terminals */
#define RAW_CSI "\x9b" "31m"               /* a lone byte, CSI on 8-bit ones */
#define FORMULA "=cmd|' /C calc'!A0"

/* {=================================================================
 * Helpers.
 * ================================================================== */

typedef struct capture {
    char *text;
    size_t len;
    FILE *f;
} capture;

static FILE *capture_begin(capture *c)
{
    c->text = NULL;
    c->f = open_memstream(&c->text, &c->len);
    return c->f;
}

static char *capture_end(capture *c)
{
    fclose(c->f);
    return c->text;
}

static cbench_result *result(cbench_run *run, const char *id, unsigned flags, const char *error)
{
    cbench_result *r = cbench__run_add(run);
    r->id = strdup(id);
    r->flags = flags;
    r->error = error ? strdup(error) : NULL;
    r->typical = (cbench_estimate){100, 99, 101, 0.5, 0.95};
    return r;
}

/* No byte that a terminal acts on: ESC, a C1 control (U+0080..U+009F in
 * UTF-8) or a lone C1 byte; and no control character but '\n'. */
static int has_terminal_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            return 1;
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return 1;
        if (*p >= 0x80 && *p <= 0x9f && (p == (const unsigned char *)s || p[-1] < 0xc0))
            return 1;
    }
    return 0;
}

/* The number of lines of TAP text s that are test lines ("ok" or "not
 * ok"), and whether any other line is neither a comment nor a plan. */
static size_t tap_tests(const char *s, int *stray)
{
    size_t n = 0;
    *stray = 0;
    for (const char *p = s; *p;) {
        size_t len = strcspn(p, "\n");
        if (strncmp(p, "ok ", 3) == 0 || strncmp(p, "not ok ", 7) == 0)
            n++;
        else if (len > 0 && p[0] != '#' && strncmp(p, "1..", 3) != 0
                 && strncmp(p, "Bail out!", 9) != 0)
            *stray = 1;
        p += len + (p[len] == '\n');
    }
    return n;
}

/* The directive Meson's TAP parser reads on test line s (mtest.py:
 * everything up to the first '#', escaped or not, is the description,
 * then \s*#\s*(SKIP\S*|TODO)\b): "SKIP", "TODO" or "" for none. */
static const char *meson_directive(const char *s)
{
    const char *h = strchr(s, '#');
    if (h == NULL)
        return "";
    for (h++; *h == ' ' || *h == '\t'; h++)
        ;
    if (strncasecmp(h, "skip", 4) == 0)
        return "SKIP";
    if (strncasecmp(h, "todo", 4) == 0 && !(h[4] == '_' || isalnum((unsigned char)h[4])))
        return "TODO";
    return "";
}

/* The directive a TAP 14 parser reads: the first '#' not escaped by a
 * backslash ("\\" is an escaped backslash) starts it. */
static const char *spec_directive(const char *s)
{
    for (const char *p = s; *p && *p != '\n'; p++) {
        if (*p == '\\' && p[1] != '\0') {
            p++;
            continue;
        }
        if (*p == '#')
            return meson_directive(p);
    }
    return "";
}

/* The first test line of TAP text s (its own copy), or "". */
static char *first_test_line(const char *s)
{
    static char line[2048];
    line[0] = '\0';
    for (const char *p = s; *p;) {
        size_t len = strcspn(p, "\n");
        if (strncmp(p, "ok ", 3) == 0 || strncmp(p, "not ok ", 7) == 0) {
            snprintf(line, sizeof line, "%.*s", (int)len, p);
            break;
        }
        p += len + (p[len] == '\n');
    }
    return line;
}

static char *tap_of(const cbench_result *r)
{
    capture c;
    cbench_report_opts o = {.out = capture_begin(&c)};
    cbench_report_tap.result(&o, r, 1);
    return capture_end(&c);
}

/* {=================================================================
 * TAP.
 * ================================================================== */

/* A skip reason with a newline and a TAP line is still one skipped
 * test: the newline is shown as "\n" on the ok line and in the block. */
static void tap_a_skip_reason_cannot_add_a_test_line(void)
{
    cbench_run *run = cbench__run_new();
    char *out = tap_of(result(run, "g/skips", CBENCH_RESULT_SKIPPED, INJECTED));
    int stray;
    CHECK_INT_EQ(tap_tests(out, &stray), 1);
    CHECK(!stray);
    CHECK(strstr(out, "\nok 99") == NULL);
    CHECK_STR_EQ(first_test_line(out), "ok 1 - g/skips # SKIP reason\\nok 99 - injected");
    CHECK_STR_EQ(meson_directive(first_test_line(out)), "SKIP");
    free(out);
    cbench__run_free(run);
}

/* A name or a message holding " # TODO" never turns a failure into a
 * TODO (an expected failure), for a TAP 14 parser or for Meson's. */
static void tap_a_hash_todo_in_a_name_leaves_a_failure_failed(void)
{
    cbench_run *run = cbench__run_new();
    const char *ids[] = {"g/x # TODO", "g/x #TODO later", "g/x #\xc2\xa0todo", "g/a#b"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char *out = tap_of(result(run, ids[i], CBENCH_RESULT_FAILED, "boom # TODO fix"));
        const char *line = first_test_line(out);
        CHECK(strncmp(line, "not ok 1 - ", 11) == 0);
        CHECK_STR_EQ(meson_directive(line), "");
        CHECK_STR_EQ(spec_directive(line), "");
        free(out);
    }
    /* A passing one is not read as skipped. */
    char *out = tap_of(result(run, "g/y # skip me", 0, NULL));
    CHECK_STR_EQ(meson_directive(first_test_line(out)), "");
    free(out);
    cbench__run_free(run);
}

/* '\' and '#' are escaped as TAP 13/14 require: "\\" and "\#". */
static void tap_escapes_backslash_and_hash_in_a_description(void)
{
    cbench_run *run = cbench__run_new();
    char *out = tap_of(result(run, "g/a\\b#c", CBENCH_RESULT_FAILED, "x"));
    CHECK_STR_EQ(first_test_line(out), "not ok 1 - g/a\\\\b\\#c x");
    free(out);
    cbench__run_free(run);
}

/* The block before the ok line stays '#' comments, whatever its id,
 * warning or error holds, and carries no terminal escape. */
static void tap_the_block_stays_comments_without_escapes(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = result(run, "g/" RED C1_CSI RAW_CSI "\nok 98 - id", 0, NULL);
    r->warning = strdup("careful\nok 97 - warning " RED);
    r->bound_id = strdup("g/b\nok 96");
    r->bound_fraction = 0.5;
    char *out = tap_of(r);
    int stray;
    CHECK_INT_EQ(tap_tests(out, &stray), 1);
    CHECK(!stray);
    CHECK(!has_terminal_control(out));
    free(out);
    out = tap_of(result(run, "g/f", CBENCH_RESULT_FAILED, INJECTED " " RED));
    CHECK_INT_EQ(tap_tests(out, &stray), 1);
    CHECK(!stray);
    CHECK(!has_terminal_control(out));
    free(out);
    cbench__run_free(run);
}

/* Notes, the end summary and a "Bail out!" keep every line a comment (or
 * the one Bail out line) and carry no escape. */
static void tap_notes_and_bail_out_cannot_add_lines(void)
{
    capture c;
    cbench_report_opts o = {.out = capture_begin(&c)};
    cbench_report_tap.notice(&o, "baseline 'g/" RED "'\nok 99 - injected\r" RAW_CSI);
    cbench_report_tap.end(&o, "summary\nok 98 - injected " C1_CSI);
    cbench_report_tap.error(&o, "cannot save\nok 97 - injected " RED);
    char *out = capture_end(&c);
    int stray;
    CHECK_INT_EQ(tap_tests(out, &stray), 0);
    CHECK(!stray);
    CHECK(!has_terminal_control(out));
    free(out);
}

/* {=================================================================
 * The pretty terminal report.
 * ================================================================== */

static void pretty_prints_no_terminal_escape(void)
{
    cbench_run *run = cbench__run_new();
    capture c;
    cbench_report_opts o = {.out = capture_begin(&c)};
    cbench_result *r = result(run, "g/" RED C1_CSI RAW_CSI, 0, NULL);
    r->warning = strdup("w " RED);
    r->n_counters = 1;
    snprintf(r->counters[0].name, sizeof r->counters[0].name, "c" RED);
    r->counters[0].per_iter = 1;
    r->counters[0].base_per_iter = NAN;
    cbench_report_pretty.result(&o, r, 1);
    cbench_report_pretty.result(&o, result(run, "g/s", CBENCH_RESULT_SKIPPED, INJECTED RED), 2);
    cbench_report_pretty.notice(&o, "note " RED "\nsecond line " RAW_CSI);
    cbench_report_pretty.error(&o, "error " C1_CSI);
    cbench_report_pretty.end(&o, "end " RED);
    char *out = capture_end(&c);
    CHECK(!has_terminal_control(out));
    CHECK(strstr(out, "\\x1b[31mred") != NULL);   /* shown, not acted on */
    CHECK(strstr(out, "\nok 99") == NULL);
    free(out);
    cbench__run_free(run);
}

/* {=================================================================
 * CSV.
 * ================================================================== */

/* Cell k (0-based) of the first data row of CSV text s, unquoted into
 * buf (RFC 4180). */
static const char *csv_cell(const char *s, size_t k, char *buf, size_t n)
{
    const char *p = strchr(s, '\n') + 1;
    size_t col = 0, len = 0;
    int quoted = 0;
    for (; *p; p++) {
        if (quoted && *p == '"' && p[1] == '"')
            p++;
        else if (*p == '"') {
            quoted = !quoted;
            continue;
        } else if (!quoted && (*p == ',' || *p == '\n')) {
            if (col++ == k || *p == '\n')
                break;
            continue;
        }
        if (col == k && len + 1 < n)
            buf[len++] = *p;
    }
    buf[len] = '\0';
    return buf;
}

/* Text cells a spreadsheet would read as formulas begin with a single
 * quote (inside quotes); numbers, negative ones too, stay numbers. */
static void csv_guards_formulas_and_keeps_numbers(void)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = result(run, FORMULA, CBENCH_RESULT_FAILED, "@SUM(A1:A9)");
    r->group = strdup("+1+2");
    r->name = strdup("\tname");
    r->param = strdup("-3");
    r->warning = strdup("-2+3+cmd|' /C calc'!A0");
    r->has_change = 1;
    r->change.mean = (cbench_estimate){-0.032, -0.05, -0.01, NAN, 0.95};
    r->change.p_value = 0.01;
    capture c;
    CHECK_INT_EQ(cbench_export_csv(capture_begin(&c), run), 0);
    char *out = capture_end(&c), buf[256];
    CHECK_STR_EQ(csv_cell(out, 0, buf, sizeof buf), "'" FORMULA);
    CHECK_STR_EQ(csv_cell(out, 1, buf, sizeof buf), "'+1+2");
    CHECK_STR_EQ(csv_cell(out, 2, buf, sizeof buf), "'\tname");
    CHECK_STR_EQ(csv_cell(out, 3, buf, sizeof buf), "-3");
    CHECK_STR_EQ(csv_cell(out, 27, buf, sizeof buf), "-0.032");       /* change */
    CHECK_STR_EQ(csv_cell(out, 35, buf, sizeof buf), "'-2+3+cmd|' /C calc'!A0");
    CHECK_STR_EQ(csv_cell(out, 36, buf, sizeof buf), "'@SUM(A1:A9)");
    CHECK(strstr(out, ",-0.032,") != NULL);          /* a number, not quoted */
    CHECK(strstr(out, "\"'" FORMULA "\"") != NULL);  /* inside quotes */
    free(out);
    cbench__run_free(run);
}

/* A newline in a cell stays inside its quotes (one row), and ESC never
 * reaches the file. */
static void csv_a_newline_or_escape_cannot_add_a_row(void)
{
    cbench_run *run = cbench__run_new();
    result(run, "g/x", CBENCH_RESULT_SKIPPED, INJECTED "\n=1+1," RED);
    capture c;
    CHECK_INT_EQ(cbench_export_csv(capture_begin(&c), run), 0);
    char *out = capture_end(&c), buf[256];
    CHECK_STR_EQ(csv_cell(out, 36, buf, sizeof buf), INJECTED "\n=1+1,?[31mred");
    CHECK(strchr(out, '\033') == NULL);
    free(out);
    cbench__run_free(run);
}

/* {=================================================================
 * HTML and gnuplot.
 * ================================================================== */

static void html_text_escapes_markup_and_controls(void)
{
    capture c;
    cbench_plot_html_text(capture_begin(&c), "<script>\"'&" RED C1_CSI RAW_CSI "\n");
    char *out = capture_end(&c);
    CHECK_STR_EQ(out, "&lt;script&gt;&quot;&#39;&amp; [31mred 31m?31m ");
    free(out);
}

/* A title with a quote, a backslash and a newline stays one gnuplot
 * string: the next line of the script is ours, not system(). */
static void gnuplot_a_title_cannot_run_a_command(void)
{
    capture c;
    cbench_plot_target t = {"out'\nsystem('touch x').svg", 0};
    cbench_plot_script_begin(capture_begin(&c), &t, 640, 480,
                             "it's \\'\nsystem('touch /tmp/pwned')\n" C1_CSI, "sub\r!ls");
    cbench_plot_axis_label(c.f, "x", "n\nsystem('id')", "s'");
    char *out = capture_end(&c);
    CHECK(strstr(out, "\nsystem") == NULL);
    CHECK(strstr(out, "\n!") == NULL);
    CHECK(strstr(out, "set title 'it''s \\'' system(''touch /tmp/pwned'')  31m' . \"\\n\" . "
                      "'sub !ls'") != NULL);
    CHECK(strstr(out, "set xlabel 'n system(''id'') (s'')'\n") != NULL);
    CHECK(!has_terminal_control(out));
    free(out);
}

int main(void)
{
    tap_a_skip_reason_cannot_add_a_test_line();
    tap_a_hash_todo_in_a_name_leaves_a_failure_failed();
    tap_escapes_backslash_and_hash_in_a_description();
    tap_the_block_stays_comments_without_escapes();
    tap_notes_and_bail_out_cannot_add_lines();
    pretty_prints_no_terminal_escape();
    csv_guards_formulas_and_keeps_numbers();
    csv_a_newline_or_escape_cannot_add_a_row();
    html_text_escapes_markup_and_controls();
    gnuplot_a_title_cannot_run_a_command();
    return check_result();
}
