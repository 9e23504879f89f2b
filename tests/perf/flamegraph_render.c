/* SPDX-License-Identifier: MIT
 *
 * flamegraph_render.c - tools/flamegraph's renderer on known folded input:
 * SVG frame widths proportional to counts, nesting (child inside its parent,
 * one row up), names escaped, duplicates merged, frames never split; the
 * HTML page's embedded d3 tree (parsed with cJSON) in a template of the
 * test's own with d3-flame-graph's placeholders (flamegraph_npm.c uses the
 * real one); the perf-script folding on captured real output. Needs only sh
 * and awk (xmllint when present).
 */
#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "testfile.h"

static char dir[] = "/tmp/cbench-fgtest-XXXXXX";
static char tool[1024], assets[1024];

typedef struct frame {
    char name[64];
    double x, y, w;
    long samples, depth, start;
} frame;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}



/* Parses the one-line frames of our SVG into fr[]; returns the count. */
static size_t parse_frames(const char *svg, frame *fr, size_t max)
{
    size_t n = 0;
    for (const char *p = strstr(svg, "<g class=\"f\""); p && n < max;
         p = strstr(p + 1, "<g class=\"f\"")) {
        frame *f = &fr[n];
        const char *t = strstr(p, "<title>") + 7, *e = strstr(t, " (");
        snprintf(f->name, sizeof f->name, "%.*s", (int)(e - t), t);
        if (sscanf(p, "<g class=\"f\" data-s=\"%ld\" data-n=\"%ld\" data-d=\"%ld\">", &f->start,
                   &f->samples, &f->depth) != 3 ||
            sscanf(strstr(p, "<rect"), "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\"", &f->x, &f->y,
                   &f->w) != 3)
            CHECK(!"unparsable frame");
        n++;
    }
    return n;
}

static const frame *find(const frame *fr, size_t n, const char *name, long depth)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fr[i].name, name) == 0 && fr[i].depth == depth)
            return &fr[i];
    return NULL;
}

static int count_named(const frame *fr, size_t n, const char *name)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += strcmp(fr[i].name, name) == 0;
    return c;
}

static const char folded[] =
    "main;a;b 5\n"
    "main;a 2\n"
    "main;c<x>&\"q\" 3\n"
    "main;a;b 1\n"            /* duplicate of the first: merged */
    "main;a;b!x 1\n"          /* sorts between "a;b" and "a;b;c" naively */
    "main;a;b;c 3\n"
    "other 4\n"
    "not a folded line\n";

static void test_svg(void)
{
    char in[128], out[128];
    frame fr[32];
    snprintf(in, sizeof in, "%s/in.folded", dir);
    snprintf(out, sizeof out, "%s/out.svg", dir);
    write_file(in, folded);
    CHECK_INT_EQ(test_sh("sh %s --render %s >/dev/null", tool, in), 0);
    CHECK(access("flamegraph.svg", R_OK) == 0);                    /* the default output */
    char cmd_out[300];
    snprintf(cmd_out, sizeof cmd_out, "%s -o %s --title 'T<1>'", in, out);
    CHECK_INT_EQ(test_sh("sh %s --render %s >/dev/null", tool, cmd_out), 0);
    char *svg = test_read_file(out);
    CHECK(svg != NULL);
    if (svg == NULL)
        return;
    size_t n = parse_frames(svg, fr, 32);
    /* all, main, other, a, c<x>.., b, b!x, c */
    CHECK_INT_EQ(n, 8);
    const frame *all = find(fr, n, "all", 0), *mainf = find(fr, n, "main", 1);
    const frame *a = find(fr, n, "a", 2), *b = find(fr, n, "b", 3), *c = find(fr, n, "c", 4);
    const frame *other = find(fr, n, "other", 1);
    const frame *esc = find(fr, n, "c&lt;x&gt;&amp;&quot;q&quot;", 2);
    CHECK(all && mainf && a && b && c && other && esc);
    if (!(all && mainf && a && b && c && other && esc))
        return;
    CHECK_INT_EQ(all->samples, 19);
    CHECK_INT_EQ(mainf->samples, 15);
    CHECK_INT_EQ(a->samples, 12);           /* 5 + 1 + 2 + 1 + 3 */
    CHECK_INT_EQ(b->samples, 9);            /* 5 + 1 + 3: one frame, not split */
    CHECK_INT_EQ(count_named(fr, n, "b"), 1);
    CHECK_INT_EQ(c->samples, 3);
    /* Widths proportional to counts: 1200 px wide, 10 px margins. */
    for (size_t i = 0; i < n; i++)
        CHECK_NEAR(fr[i].w, fr[i].samples / 19.0 * 1180, 0.006);
    CHECK_NEAR(all->x, 10, 1e-9);
    /* Nesting: each child lies inside its parent, one row (16 px) higher. */
    const frame *pairs[][2] = {{all, mainf}, {all, other}, {mainf, a}, {mainf, esc},
                               {a, b}, {b, c}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const frame *p = pairs[i][0], *ch = pairs[i][1];
        CHECK(ch->x >= p->x - 0.01 && ch->x + ch->w <= p->x + p->w + 0.01);
        CHECK_NEAR(ch->y, p->y - 16, 1e-9);
    }
    CHECK(other->x >= mainf->x + mainf->w - 0.01);      /* siblings do not overlap */
    CHECK(strstr(svg, "<x>") == NULL);
    CHECK(strstr(svg, ">T&lt;1&gt;</text>") != NULL);
    CHECK(strstr(svg, "<script") != NULL && strstr(svg, "function zoom") != NULL);
    CHECK(strstr(svg, "href=\"http") == NULL && strstr(svg, "src=") == NULL);  /* offline */
    if (system("command -v xmllint >/dev/null 2>&1") == 0)
        CHECK_INT_EQ(test_sh("xmllint --noout %s", out), 0);
    free(svg);
}

static const cJSON *child(const cJSON *node, const char *name)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(node, "c"))
        if (strcmp(cJSON_GetObjectItem(c, "n")->valuestring, name) == 0)
            return c;
    return NULL;
}

static double self_of(const cJSON *node)
{
    return node ? cJSON_GetObjectItem(node, "v")->valuedouble : -1;
}

/* The lines of d3-flame-graph's page template that hold its placeholders,
 * around a page of our own (cbench ships none of d3-flame-graph). */
static const char stub_template[] =
    "<!DOCTYPE html>\n<html><head><title>stub</title></head><body><script>\n"
    "      const stacks = [/** @flamegraph_json **/];\n"
    "      const options = [/** @options_json **/];\n"
    "</script></body></html>\n";

static void test_html(void)
{
    char in[128], out[128], args[512], tpl[128];
    snprintf(in, sizeof in, "%s/in.folded", dir);
    snprintf(out, sizeof out, "%s/out.html", dir);
    snprintf(tpl, sizeof tpl, "%s/stub-template.html", dir);
    write_file(tpl, stub_template);
    snprintf(args, sizeof args, "%s -o %s --d3-template %s", in, out, tpl);
    CHECK_INT_EQ(test_sh("FG_CONTEXT='ctx </script>' sh %s --render %s >/dev/null", tool, args), 0);
    char *html = test_read_file(out);
    CHECK(html != NULL);
    if (html == NULL)
        return;
    CHECK(strstr(html, "@flamegraph_json") == NULL && strstr(html, "@options_json") == NULL);
    CHECK(strstr(html, "<title>stub</title>") != NULL);           /* the template we gave */
    CHECK(strstr(html, "ctx \\u003c/script>") != NULL);           /* cannot close <script> */
    char *s = strstr(html, "const stacks = [");
    CHECK(s != NULL);
    if (s) {
        s += strlen("const stacks = [");
        char *e = strstr(s, "];\n");
        *e = '\0';
        cJSON *root = cJSON_Parse(s);
        CHECK(root != NULL);
        const cJSON *m = child(root, "main"), *a = child(m, "a"), *b = child(a, "b");
        CHECK_STR_EQ(cJSON_GetObjectItem(root, "n")->valuestring, "all");
        CHECK(self_of(root) == 0 && self_of(m) == 0);
        CHECK(self_of(a) == 2 && self_of(b) == 6 && self_of(child(b, "c")) == 3);
        CHECK(self_of(child(a, "b!x")) == 1 && self_of(child(root, "other")) == 4);
        CHECK(self_of(child(m, "c<x>&\"q\"")) == 3);
        CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItem(root, "c")), 2);
        cJSON_Delete(root);
    }
    free(html);
    /* The same through the environment. */
    snprintf(args, sizeof args, "%s -o %s/env.html", in, dir);
    CHECK_INT_EQ(test_sh("CBENCH_D3_TEMPLATE=%s sh %s --render %s >/dev/null", tpl, tool, args), 0);
    snprintf(out, sizeof out, "%s/env.html", dir);
    html = test_read_file(out);
    CHECK(html != NULL && strstr(html, "{\"n\":\"other\"") != NULL);
    free(html);
}

/* --d3-template FILE that is missing or no template: an error naming the
 * file, and no output at all. */
static void test_bad_template(void)
{
    char args[400], err[128];
    const char *tpl[] = {"missing.html", "in.folded"};
    snprintf(err, sizeof err, "%s/tpl.err", dir);
    for (size_t i = 0; i < sizeof tpl / sizeof tpl[0]; i++) {
        snprintf(args, sizeof args, "%s/in.folded -o %s/bad.html --d3-template %s/%s", dir, dir,
                 dir, tpl[i]);
        CHECK(test_sh("sh %s --render %s 2>%s", tool, args, err) != 0);
        char *msg = test_read_file(err);
        CHECK(msg != NULL && strstr(msg, "--d3-template") != NULL && strstr(msg, tpl[i]) != NULL);
        free(msg);
        CHECK(test_sh("ls %s/bad.html* >/dev/null 2>&1", dir) != 0);
    }
}

static void test_errors(void)
{
    char in[128], args[300];
    snprintf(in, sizeof in, "%s/empty.folded", dir);
    write_file(in, "nothing here\n");
    snprintf(args, sizeof args, "%s -o %s/x.svg", in, dir);
    CHECK(test_sh("sh %s --render %s 2>/dev/null", tool, args) != 0);
    snprintf(args, sizeof args, "%s/in.folded -o %s/x.png", dir, dir);
    CHECK(test_sh("sh %s --render %s 2>/dev/null", tool, args) != 0);
    CHECK(test_sh("sh %s --bogus 2>/dev/null", tool) != 0);
}

static void test_stackcollapse(void)
{
    char out[128], cmd[300];
    const char *root = getenv("CBENCH_SOURCE_ROOT");
    snprintf(out, sizeof out, "%s/collapsed", dir);
    snprintf(cmd, sizeof cmd, "%s/tests/perf/data/perf-script.txt > %s", root, out);
    CHECK_INT_EQ(test_sh("awk -f %s/stackcollapse-perf.awk %s", assets, cmd), 0);
    snprintf(cmd, sizeof cmd, "LC_ALL=C sort -o %s %s", out, out);
    CHECK_INT_EQ(system(cmd), 0);
    char *got = test_read_file(out);
    CHECK_STR_EQ(got,
        "test-fg-target;_start;__libc_start_main_impl;__libc_start_call_main;main;spin 2\n"
        "test-fg-target;_start;__libc_start_main_impl;__libc_start_call_main;main;spin;"
        "asm_sysvec_apic_timer_interrupt_[k];sysvec_apic_timer_interrupt_[k];__irq_exit_rcu_[k];"
        "handle_softirqs_[k];tmigr_handle_remote_[k];timer_expire_remote_[k];__run_timers_[k];"
        "call_timer_fn_[k];blk_stat_timer_fn_[k] 1\n"
        "tstrip;[tstrip] 1\n"
        "tstrip;[unknown];handle_amd 1\n");
    free(got);
}

int main(void)
{
    const char *root = getenv("CBENCH_SOURCE_ROOT");
    if (root == NULL) {
        fprintf(stderr, "CBENCH_SOURCE_ROOT is not set (run through meson test)\n");
        return 2;
    }
    snprintf(tool, sizeof tool, "%s/tools/flamegraph", root);
    snprintf(assets, sizeof assets, "%s/tools/flamegraph-assets", root);
    CHECK(mkdtemp(dir) != NULL);
    CHECK_INT_EQ(chdir(dir), 0);               /* the default output lands here */
    test_svg();
    test_html();
    test_bad_template();
    test_errors();
    test_stackcollapse();
    test_sh("rm -rf %s", dir);
    return check_result();
}
