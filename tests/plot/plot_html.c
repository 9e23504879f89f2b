/* SPDX-License-Identifier: MIT
 *
 * plot_html.c - the page people look at (report/html.h), written from
 * synthetic sections: every warning is a short tag in the summary,
 * explained once in the legend, its full text only in the benchmark's
 * own section; the tags come from the warnings' kinds, not their prose
 * (an older file's kindless warning is a plain "warning" tag); columns
 * nothing fills are not shown; "compared with a baseline" only appears
 * when a comparison exists; a threshold the machine's drift widened is
 * shown rounded.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/html.h"
#include "synth.h"
#include "testutil.h"

static char *page(const cbench_html_section *s, size_t n)
{
    char *dir = tu_tmpdir("html"), *path = tu_path(dir, "index.html"), err[512];
    cbench_html_input in = {s, n};
    CHECK_INT_EQ(cbench_report_html_write(path, &in, err, sizeof err), 0);
    char *html = tu_read(path);
    CHECK(html != NULL);
    free(path);
    tu_rmtree(dir);
    free(dir);
    return html;
}

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; p != NULL && (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* The summary table of section k: from its <table class=summary> on. */
static char *table_of(const char *html, size_t k)
{
    char id[32];
    snprintf(id, sizeof id, "<section id=s%zu>", k);
    const char *s = strstr(html, id), *t = s ? strstr(s, "<table class=summary>") : NULL;
    const char *e = t ? strstr(t, "</table>") : NULL;
    if (e == NULL)
        return NULL;
    char *out = malloc((size_t)(e - t) + 1);
    memcpy(out, t, (size_t)(e - t));
    out[e - t] = '\0';
    return out;
}

static void test_tags_and_columns(void)
{
    cbench_run *engine = synth_engine_run("2026-12-03T10:00:00Z", 3);
    cbench_result *old = &engine->results[4];         /* calloc_4k: an older file's warning */
    old->warning = cbench__strdup("Something an older cbench said.");
    cbench_html_section s = {.name = "engine", .source = "build/benches/engine", .run = engine};
    char *html = page(&s, 1);
    char *table = html ? table_of(html, 0) : NULL;
    CHECK(table != NULL);
    if (html != NULL && table != NULL) {
        /* tags in the table, from the kinds */
        CHECK(strstr(table, "<span class=\"tag w\">slow core</span>") != NULL);
        CHECK(strstr(table, "<span class=\"tag w\">too short</span>") != NULL);
        CHECK(strstr(table, "<span class=\"tag w\">drift</span>") != NULL);
        CHECK(strstr(table, "<span class=\"tag w\">unstable</span>") != NULL);
        CHECK(strstr(table, "<span class=\"tag w\">rounds disagree</span>") != NULL);
        CHECK(strstr(table, "<span class=\"tag bad\">failed</span>") != NULL);
        CHECK(strstr(table, "<span class=\"tag w\">warning</span>") != NULL);
        /* ... but not the prose, which is in the benchmark's section once */
        CHECK(strstr(table, "speed probe") == NULL);
        CHECK_INT_EQ(count(html, "speed probe +71 %"), 1);
        CHECK_INT_EQ(count(html, "Something an older cbench said."), 1);
        /* the legend explains each tag used, once */
        CHECK_INT_EQ(count(html, "<dd><span class=\"tag w\">slow core</span>"), 1);
        CHECK_INT_EQ(count(html, "<dd><span class=\"tag w\">drift</span>"), 1);
        CHECK_INT_EQ(count(html, "<dd><span class=\"tag w\">page faults</span>"), 0);  /* unused */
        /* only the columns something fills */
        CHECK(strstr(table, "<th class=num>vs reference</th>") != NULL);
        CHECK(strstr(table, "<th>Notes</th>") != NULL);
        CHECK(strstr(table, "<th class=num>Change</th>") == NULL);
        CHECK(strstr(table, "<th class=num>Throughput</th>") == NULL);
        CHECK(strstr(table, "<th>Counters</th>") == NULL);
        CHECK(strstr(html, "compared with") == NULL);
        CHECK(strstr(html, "measured 2026-12-03 10:00 UTC by <code>build/benches/engine</code>"));
    }
    free(table);
    free(html);
    cbench__run_free(engine);
}

static void test_compared_section(void)
{
    cbench_run *base = synth_points_run("2026-11-24T18:05:00Z", 1, 1.12, 13);
    cbench_run *run = synth_points_run("2026-11-25T12:30:00Z", 1, 1, 14);
    cbench_run *engine = synth_engine_run("2026-11-25T12:29:00Z", 3);
    synth_compare(run, base);
    run->results[0].change.noise_threshold = 0.0416434;   /* widened by drift */
    run->results[0].change.verdict = CBENCH_VERDICT_WITHIN_NOISE;
    cbench_html_section s[2] = {
        {.name = "engine", .run = engine},
        {.name = "points", .source = "build/benches/points", .run = run, .base_name = "main",
         .base_date = "2026-11-24T18:05:00Z", .n_history = 2},
    };
    char *html = page(s, 2);
    char *t0 = html ? table_of(html, 0) : NULL, *t1 = html ? table_of(html, 1) : NULL;
    CHECK(t0 != NULL && t1 != NULL);
    if (html != NULL && t0 != NULL && t1 != NULL) {
        CHECK(strstr(html, "in 2 sections · compared with a baseline") != NULL);
        CHECK(strstr(html, "compared with baseline 'main' of 2026-11-24 18:05 UTC") != NULL);
        CHECK(strstr(t1, "<th class=num>Change</th>") != NULL);
        CHECK(strstr(t1, "<th class=num>Throughput</th>") != NULL);
        CHECK(strstr(t1, "<th>Counters</th>") != NULL);
        CHECK(strstr(t1, "<th>Notes</th>") == NULL);        /* nothing to note */
        CHECK(strstr(t0, "<th class=num>Change</th>") == NULL);   /* per section */
        CHECK(strstr(t1, "±4.2 % drift") != NULL);
        CHECK(strstr(html, "4.16") == NULL);
        CHECK(strstr(t1, "class=\"v v-improved\"") != NULL);
        /* the list of sections, in the order given */
        char *a = strstr(html, "<a href=\"#s0\">engine</a>"), *b = strstr(html, "<a href=\"#s1\">points</a>");
        CHECK(a != NULL && b != NULL && a < b);
    }
    free(t0);
    free(t1);
    free(html);
    cbench__run_free(base);
    cbench__run_free(run);
    cbench__run_free(engine);
}

static void test_bad_input(void)
{
    char err[256];
    cbench_html_input none = {NULL, 0};
    CHECK_INT_EQ(cbench_report_html_write("/tmp/x.html", &none, err, sizeof err), CBENCH_EINVAL);
    cbench_html_section s = {.name = "x"};
    cbench_html_input norun = {&s, 1};
    CHECK_INT_EQ(cbench_report_html_write("/tmp/x.html", &norun, err, sizeof err), CBENCH_EINVAL);
    CHECK(strstr(err, "run") != NULL);
    cbench_run *run = synth_engine_run("2026-12-03T10:00:00Z", 3);
    s.run = run;
    CHECK_INT_EQ(cbench_report_html_write("/proc/no-such-dir/index.html", &norun, err,
                                          sizeof err), CBENCH_EIO);
    CHECK(strstr(err, "/proc/no-such-dir") != NULL);
    cbench__run_free(run);
}

int main(void)
{
    test_tags_and_columns();
    test_compared_section();
    test_bad_input();
    return check_result();
}
