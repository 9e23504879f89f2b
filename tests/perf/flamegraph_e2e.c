/* SPDX-License-Identifier: MIT
 *
 * flamegraph_e2e.c - tools/flamegraph for real on test-fg-target (argv[1]):
 * perf records only between the target's cbench_profile_enable/disable
 * (no harness_overhead samples), the stacks are right (fg_body above both
 * leaves, about 2:1 heavy to light), and the SVG (dwarf call graphs) and
 * HTML (frame pointers; a d3-flame-graph template of the test's own, the
 * real one is flamegraph_npm.c's) outputs are complete. Exit 77 when perf
 * is missing or may not record here.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "testfile.h"

static char dir[] = "/tmp/cbench-fge2e-XXXXXX";



/* Sum of the counts of folded lines ("a;b;c COUNT") having 'frame' as a
 * whole frame below the command name. */
static long samples_with(const char *folded, const char *frame)
{
    long total = 0;
    char needle[128], stack[8192];
    snprintf(needle, sizeof needle, ";%s;", frame);
    for (const char *line = folded; *line;) {
        size_t len = strcspn(line, "\n");
        const char *sp = memrchr(line, ' ', len);
        if (sp != NULL && (size_t)(sp - line) + 2 < sizeof stack) {
            snprintf(stack, sizeof stack, "%.*s;", (int)(sp - line), line);
            if (strstr(stack, needle) != NULL)
                total += strtol(sp + 1, NULL, 10);
        }
        line += len + (line[len] == '\n');
    }
    return total;
}

int main(int argc, char **argv)
{
    const char *root = getenv("CBENCH_SOURCE_ROOT");
    char tool[1024];
    if (argc < 2 || root == NULL) {
        fprintf(stderr, "usage: %s PATH-TO-test-fg-target (run through meson test)\n", argv[0]);
        return 2;
    }
    CHECK(mkdtemp(dir) != NULL);
    if (test_sh("perf record -q -e cpu-clock -o %s/probe.data -- true >/dev/null 2>&1", dir) != 0) {
        fprintf(stderr, "SKIP: perf is not installed or may not record here\n");
        test_sh("rm -rf %s", dir);
        return 77;
    }
    snprintf(tool, sizeof tool, "%s/tools/flamegraph", root);

    CHECK_INT_EQ(test_sh("sh %s -o %s/fg.svg --seconds 1 --folded %s/fg.folded %s fg/body",
                    tool, dir, dir, argv[1]), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/fg.folded", dir);
    char *folded = test_read_file(path);
    CHECK(folded != NULL);
    if (folded) {
        long body = samples_with(folded, "fg_body"), heavy = samples_with(folded, "fg_leaf_heavy");
        long light = samples_with(folded, "fg_leaf_light");
        long harness = samples_with(folded, "harness_overhead");
        fprintf(stderr, "dwarf: fg_body %ld, heavy %ld, light %ld, harness %ld samples\n",
                body, heavy, light, harness);
        CHECK(body >= 300);                      /* ~1 s at 999 Hz */
        CHECK(heavy + light >= body * 9 / 10);   /* leaves under their caller */
        CHECK(heavy > light * 13 / 10 && heavy < light * 7 / 2);
        CHECK_INT_EQ(harness, 0);                /* recording was off there */
        free(folded);
    }
    snprintf(path, sizeof path, "%s/fg.svg", dir);
    char *svg = test_read_file(path);
    CHECK(svg != NULL && strstr(svg, "<title>fg_leaf_heavy (") != NULL &&
          strstr(svg, "</svg>") != NULL);
    free(svg);
    if (test_sh("command -v xmllint >/dev/null 2>&1") == 0)
        CHECK_INT_EQ(test_sh("xmllint --noout %s/fg.svg", dir), 0);

    snprintf(path, sizeof path, "%s/template.html", dir);
    FILE *tpl = fopen(path, "w");
    CHECK(tpl != NULL);
    if (tpl) {
        fputs("<html><script>const stacks = [/** @flamegraph_json **/];\n"
              "const options = [/** @options_json **/];</script></html>\n", tpl);
        fclose(tpl);
    }
    CHECK_INT_EQ(test_sh("sh %s -o %s/fg.html --d3-template %s --seconds 1 --call-graph fp %s"
                         " fg/body 2>/dev/null", tool, dir, path, argv[1]), 0);
    snprintf(path, sizeof path, "%s/fg.html", dir);
    char *html = test_read_file(path);
    CHECK(html != NULL && strstr(html, "{\"n\":\"fg_leaf_light\"") != NULL &&
          strstr(html, "@flamegraph_json") == NULL && strstr(html, "harness_overhead") == NULL);
    free(html);
    /* A TMPDIR with a space in it (the control FIFOs live there). */
    CHECK_INT_EQ(test_sh("mkdir '%s/tmp dir' && TMPDIR='%s/tmp dir' sh %s -o %s/sp.svg"
                         " --seconds 0.5 %s fg/body 2>%s/sp.err", dir, dir, tool, dir, argv[1],
                         dir), 0);
    snprintf(path, sizeof path, "%s/sp.svg", dir);
    svg = test_read_file(path);
    CHECK(svg != NULL && strstr(svg, "fg_leaf_heavy") != NULL);
    free(svg);
    /* A target that never enables recording: a clear error, not an empty graph. */
    CHECK(test_sh("CBENCH_FLAMEGRAPH_TEST=1 sh %s -o %s/none.svg --seconds 0.1 /bin/true x 2>/dev/null",
             tool, dir) != 0);
    test_sh("rm -rf %s", dir);
    return check_result();
}
