/* SPDX-License-Identifier: MIT
 *
 * html_ucount.c - user counters in the HTML report, from a synthetic
 * run: a benchmark's article shows each counter's value with its
 * interval, and against a baseline its change with its interval and the
 * verdict; the summary table gets a "User counters" column only when a
 * result has one, with each value and any verdict beyond "no change";
 * a counter's name is escaped like every string that is not cbench's own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plot/testutil.h"
#include "report/html.h"

static void est(cbench_estimate *e, double point, double lower, double upper)
{
    *e = (cbench_estimate){point, lower, upper, (upper - lower) / 4, 0.95};
}

static cbench_result *add(cbench_run *run, const char *name, double ns)
{
    cbench_result *r = cbench__run_add(run);
    char id[64];
    snprintf(id, sizeof id, "u/%s", name);
    r->id = cbench__strdup(id);
    r->group = cbench__strdup("u");
    r->name = cbench__strdup(name);
    est(&r->typical, ns, ns * 0.99, ns * 1.01);
    r->mean = r->median = r->typical;
    r->r_squared = NAN;
    r->ratio_to_reference.point = NAN;
    r->bound_fraction = NAN;
    return r;
}

/* Gives r the user counters of u[0..n) (copied). */
static void give(cbench_result *r, const cbench_user_counter *u, size_t n)
{
    r->user_counters = calloc(n, sizeof *u);
    memcpy(r->user_counters, u, n * sizeof *u);
    r->n_user_counters = n;
}

static cbench_run *counted_run(void)
{
    cbench_run *run = cbench__run_new();
    run->ctx.date = cbench__strdup("2026-12-07T02:00:00Z");
    run->ctx.confidence_level = 0.95;
    run->ctx.noise_threshold = 0.01;
    cbench_user_counter u[3] = {{.name = "items", .flags = CBENCH_COUNTER_PER_ITERATION,
                                 .base = 3.0, .has_change = 1},
                                {.name = "items_rate",
                                 .flags = CBENCH_COUNTER_RATE | CBENCH_COUNTER_HIGHER_IS_BETTER,
                                 .base = NAN},
                                {.name = "<b>x&", .base = 7.0, .has_change = 1}};
    est(&u[0].value, 4.5, 4.4, 4.6);
    est(&u[0].change.mean, 0.5, 0.49, 0.51);
    u[0].change.verdict = CBENCH_VERDICT_REGRESSED;
    est(&u[1].value, 162.9e6, 162.5e6, 163.3e6);
    est(&u[2].value, 7.0, 7.0, 7.0);
    est(&u[2].change.mean, 0.0, -0.001, 0.001);
    u[2].change.verdict = CBENCH_VERDICT_NO_CHANGE;
    give(add(run, "counted", 18.4), u, 3);
    add(run, "plain", 10.0);
    return run;
}

static char *page_of(const cbench_run *run)
{
    cbench_html_section s = {.name = "t", .run = run};
    cbench_html_input in = {&s, 1};
    char *dir = tu_tmpdir("ucount"), *path = tu_path(dir, "index.html"), err[512];
    CHECK_INT_EQ(cbench_report_html_write(path, &in, err, sizeof err), 0);
    char *html = tu_read(path);
    CHECK(html != NULL);
    free(path);
    tu_rmtree(dir);
    free(dir);
    return html != NULL ? html : cbench__strdup("");
}

/* The part of html from the first from to the next to (a copy). */
static char *between(const char *html, const char *from, const char *to)
{
    const char *a = strstr(html, from), *b = a ? strstr(a, to) : NULL;
    if (b == NULL)
        return cbench__strdup("");
    char *out = malloc((size_t)(b - a) + 1);
    memcpy(out, a, (size_t)(b - a));
    out[b - a] = '\0';
    return out;
}

static void test_article(void)
{
    cbench_run *run = counted_run();
    char *html = page_of(run);
    char *art = between(html, "<article id=s0-b0>", "</article>");
    CHECK(strstr(art, "<p class=est>User counters: ") != NULL);
    CHECK(strstr(art, "items <b>4.5/iter</b> <small>[4.4/iter – 4.6/iter]</small> change "
                      "+50.0 % <small>[+49.0, +51.0]</small> "
                      "<span class=\"v v-regressed\">regressed</span>") != NULL);
    CHECK(strstr(art, "items_rate <b>162.9M/s</b> <small>[162.5M/s – 163.3M/s]</small> "
                      "<small>(higher is better)</small>") != NULL);
    CHECK(strstr(art, "<span class=\"v v-same\">no change</span>") != NULL);
    CHECK(strstr(art, "&lt;b&gt;x&amp; <b>7</b>") != NULL);      /* the name, escaped */
    CHECK(strstr(html, "<b>x&") == NULL);
    char *plain = between(html, "<article id=s0-b1>", "</article>");
    CHECK(plain[0] != '\0' && strstr(plain, "User counters") == NULL);
    free(plain);
    free(art);
    free(html);
    cbench__run_free(run);
}

static void test_summary_column(void)
{
    cbench_run *run = counted_run();
    char *html = page_of(run);
    char *table = between(html, "<table class=summary>", "</table>");
    CHECK(strstr(table, "<th>User counters</th>") != NULL);
    CHECK(strstr(table, "<span class=ctr>items <b>4.5/iter</b> +50.0 % "
                        "<span class=\"v v-regressed\">regressed</span></span>") != NULL);
    CHECK(strstr(table, "<span class=ctr>items_rate <b>162.9M/s</b></span>") != NULL);
    CHECK(strstr(table, "no change") == NULL);      /* not worth a badge per row */
    CHECK(strstr(table, "<tr class=grp><th colspan=4>") != NULL);  /* spans it too */
    free(table);
    free(html);
    cbench__run_free(run);
    run = cbench__run_new();                        /* no user counter: no column */
    add(run, "plain", 10.0);
    html = page_of(run);
    CHECK(strstr(html, "User counters") == NULL);
    free(html);
    cbench__run_free(run);
}

int main(void)
{
    test_article();
    test_summary_column();
    return check_result();
}
