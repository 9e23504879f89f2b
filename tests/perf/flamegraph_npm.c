/* SPDX-License-Identifier: MIT
 *
 * flamegraph_npm.c - tools/flamegraph's HTML output takes d3-flame-graph's
 * page template from its npm package at use time (cbench ships none of it).
 *
 *   flamegraph_npm fetch    npm fetches d3-flame-graph@4.1.3 into the cache
 *                           (never the source tree), the page embeds the
 *                           stacks, a second run needs no npm, a damaged
 *                           cached copy is refused. Exit 77 when npm is not
 *                           installed or the registry does not answer.
 *   flamegraph_npm no-npm   with npm absent from PATH and nothing cached,
 *                           -o OUT.html fails before recording with one
 *                           message saying what to install, writes nothing;
 *                           the SVG output still works.
 *
 * Runs under a TMPDIR with a space in it. PATH without npm is a directory
 * of links to every other command on PATH.
 */
#include <cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "testfile.h"

static char dir[] = "/tmp/cbench-fgnpm-XXXXXX";
static char tool[1024];
static char env[1024];          /* TMPDIR and XDG_CACHE_HOME for the tool */

static const char folded[] = "main;a;b 5\nmain;a 2\nmain;c 3\nother 4\n";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Makes DIR/nonpm: links to every command on PATH except npm and npx. */
static int make_path_without_npm(void)
{
    int rc = test_sh("mkdir '%s/nonpm' && IFS=: && for d in $PATH; do for f in \"$d\"/*; do"
                     " b=${f##*/}; case $b in npm | npx) continue ;; esac;"
                     " [ -x \"$f\" ] && [ ! -e '%s/nonpm/'\"$b\" ] && ln -s \"$f\" '%s/nonpm/'\"$b\";"
                     " done; done; PATH='%s/nonpm' && ! command -v npm >/dev/null",
                     dir, dir, dir, dir);
    CHECK_INT_EQ(rc, 0);
    return rc;
}

/* Runs tools/flamegraph ARGS under env[] (PATH without npm when no_npm),
 * stderr to DIR/err; returns its status. */
static int run_tool(int no_npm, const char *args)
{
    char path[1100] = "";
    if (no_npm)
        snprintf(path, sizeof path, "PATH='%s/nonpm'", dir);
    return test_sh("env -u CBENCH_D3_TEMPLATE %s %s /bin/sh %s %s 2>'%s/err'", env, path, tool,
                   args, dir);
}

static int err_has(const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/err", dir);
    char *err = test_read_file(path);
    int has = err != NULL && strstr(err, text) != NULL;
    if (!has)
        fprintf(stderr, "stderr lacks \"%s\":\n%s\n", text, err ? err : "(none)");
    free(err);
    return has;
}

static int exists(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
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

/* The page DIR/NAME is d3-flame-graph 4.1.3's, with our stacks in it. */
static void check_page(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *html = test_read_file(path);
    CHECK(html != NULL);
    if (html == NULL)
        return;
    CHECK(strstr(html, "<meta name=\"template_version\" content=\"4.1.3\">") != NULL);
    CHECK(strstr(html, "@flamegraph_json") == NULL && strstr(html, "@options_json") == NULL);
    CHECK(strstr(html, "<script src") == NULL);                   /* opens offline */
    char *s = strstr(html, "const stacks = [");
    CHECK(s != NULL);
    if (s) {
        s += strlen("const stacks = [");
        char *e = strstr(s, "];\n");
        CHECK(e != NULL);
        if (e)
            *e = '\0';
        cJSON *root = cJSON_Parse(s);
        CHECK(root != NULL);
        const cJSON *m = child(root, "main"), *a = child(m, "a");
        CHECK(self_of(a) == 2 && self_of(child(a, "b")) == 5);
        CHECK(self_of(child(m, "c")) == 3 && self_of(child(root, "other")) == 4);
        cJSON_Delete(root);
    }
    free(html);
}

static int registry_answers(void)
{
    if (test_sh("command -v npm >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP: npm is not installed (Debian: apt-get install npm)\n");
        return 0;
    }
    if (test_sh("cd '%s' && npm view d3-flame-graph@4.1.3 version --fetch-retries=0"
                " --fetch-timeout=30000 2>&1 | grep -qx 4.1.3", dir) != 0) {
        fprintf(stderr, "SKIP: the npm registry does not answer 'npm view d3-flame-graph'\n");
        return 0;
    }
    return 1;
}

static int test_fetch(void)
{
    const char *cached = "cache/cbench/d3-flame-graph@4.1.3/d3-flamegraph-base.html";
    char args[512], path[512];
    if (!registry_answers())
        return 77;
    snprintf(args, sizeof args, "--render '%s/in.folded' -o '%s/first.html'", dir, dir);
    CHECK_INT_EQ(run_tool(0, args), 0);
    CHECK(err_has("fetching d3-flame-graph@4.1.3"));
    check_page("first.html");
    snprintf(path, sizeof path, "%s/%s", dir, cached);
    char *tpl = test_read_file(path);
    CHECK(tpl != NULL && strlen(tpl) > 60000 && strstr(tpl, "/** @flamegraph_json **/") != NULL);
    free(tpl);
    CHECK(exists("cache/cbench/d3-flame-graph@4.1.3/LICENSE"));
    CHECK(test_sh("[ -z \"$(ls -A '%s/tmp dir')\" ]", dir) == 0);        /* no leftovers */
    CHECK(test_sh("cd '%s/tools/flamegraph-assets' && ! ls -d d3* LICENSE* package* 2>/dev/null",
                  getenv("CBENCH_SOURCE_ROOT")) == 0);                 /* source tree untouched */

    /* Second run: the cache alone, npm gone. */
    snprintf(args, sizeof args, "--render '%s/in.folded' -o '%s/second.html'", dir, dir);
    CHECK_INT_EQ(run_tool(1, args), 0);
    CHECK(test_sh("cmp -s '%s/first.html' '%s/second.html'", dir, dir) == 0);

    /* A damaged cached copy is not used, and npm replaces it. */
    write_file(path, "<html>/** @flamegraph_json **/</html>\n");
    snprintf(args, sizeof args, "--render '%s/in.folded' -o '%s/damaged.html'", dir, dir);
    CHECK(run_tool(1, args) != 0);
    CHECK(err_has("npm is not installed"));
    CHECK(!exists("damaged.html") && !exists("damaged.html.tmp"));
    CHECK_INT_EQ(run_tool(0, args), 0);
    check_page("damaged.html");
    return check_result();
}

static int test_no_npm(void)
{
    char args[512];
    snprintf(args, sizeof args, "--render '%s/in.folded' -o '%s/out.html'", dir, dir);
    CHECK(run_tool(1, args) != 0);
    CHECK(err_has("d3-flame-graph template not found"));
    CHECK(err_has("apt-get install npm"));
    CHECK(err_has("--d3-template FILE"));
    CHECK(!exists("out.html") && !exists("out.html.tmp"));
    CHECK(!exists("cache/cbench"));
    /* Recording mode stops before perf runs (/bin/true would record nothing). */
    snprintf(args, sizeof args, "-o '%s/rec.html' --no-control /bin/true x", dir);
    CHECK(run_tool(1, args) != 0);
    CHECK(err_has("d3-flame-graph template not found"));
    CHECK(!exists("rec.html"));
    /* The SVG output needs nothing from npm. */
    snprintf(args, sizeof args, "--render '%s/in.folded' -o '%s/out.svg'", dir, dir);
    CHECK_INT_EQ(run_tool(1, args), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/out.svg", dir);
    char *svg = test_read_file(path);
    CHECK(svg != NULL && strstr(svg, "<title>main (") != NULL && strstr(svg, "</svg>") != NULL);
    free(svg);
    return check_result();
}

int main(int argc, char **argv)
{
    const char *root = getenv("CBENCH_SOURCE_ROOT");
    if (argc != 2 || root == NULL || (strcmp(argv[1], "fetch") && strcmp(argv[1], "no-npm"))) {
        fprintf(stderr, "usage: %s fetch|no-npm (run through meson test)\n", argv[0]);
        return 2;
    }
    snprintf(tool, sizeof tool, "%s/tools/flamegraph", root);
    CHECK(mkdtemp(dir) != NULL);
    char in[128];
    snprintf(in, sizeof in, "%s/in.folded", dir);
    write_file(in, folded);
    snprintf(env, sizeof env, "TMPDIR='%s/tmp dir' XDG_CACHE_HOME='%s/cache'", dir, dir);
    int rc = 2;
    if (test_sh("mkdir '%s/tmp dir'", dir) == 0 && make_path_without_npm() == 0)
        rc = strcmp(argv[1], "fetch") == 0 ? test_fetch() : test_no_npm();
    test_sh("rm -rf '%s'", dir);
    return rc;
}
