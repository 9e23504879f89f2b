/* SPDX-License-Identifier: MIT
 *
 * cbench.c - the `cbench` command: works on numbers and stored baselines
 * without running any benchmark (except `ab`, which runs two builds).
 */
#include <stdio.h>
#include <string.h>

#include "cbench.h"
#include "commands.h"
#include "store/export.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"stats", cbench_cmd_stats, "statistics of numbers (one per line), or compare two sets"},
    {"compare", cbench_cmd_compare, "compare two saved baselines (exit 1 on regression)"},
    {"show", cbench_cmd_show, "print a saved baseline"},
    {"list", cbench_cmd_list, "list saved baselines"},
    {"plot", cbench_cmd_plot, "draw charts and the HTML report from saved baselines"},
    {"ab", cbench_cmd_ab, "interleaved, paired A/B comparison of two bench executables"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: cbench COMMAND [ARGS...]   (cbench COMMAND --help for details)\n\n");
    for (const command *c = commands; c->name != NULL; c++)
        fprintf(out, "  %-8s %s\n", c->name, c->summary);
}

/* A command's status, unless what it printed did not arrive (> /dev/full):
 * then a message and 2, since its output is lost. */
static int finish(const char *name, int status)
{
    char err[256];
    if (cbench_export_finish(stdout, "standard output", err, sizeof err) == 0)
        return status;
    fprintf(stderr, "cbench %s: %s\n", name, err);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("cbench %s\n", CBENCH_VERSION);
        return 0;
    }
    for (const command *c = commands; c->name != NULL; c++)
        if (strcmp(argv[1], c->name) == 0)
            return finish(c->name, c->run(argc - 1, argv + 1));
    fprintf(stderr, "cbench: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
