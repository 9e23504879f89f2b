/* SPDX-License-Identifier: MIT
 *
 * store_args.c - the options of `cbench compare`, `cbench show` and
 * `cbench list`, and finding and loading the baselines they name
 * (store_cmd.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "store_cmd.h"


/* Prints "cbench CMD: MESSAGE 'ARG' (see cbench CMD --help)"; returns 2. */
static int usage_error(const store_args *a, const char *msg, const char *arg)
{
    fprintf(stderr, "cbench %s: %s%s%s%s (see cbench %s --help)\n", a->cmd, msg,
            arg != NULL ? " '" : "", arg != NULL ? arg : "", arg != NULL ? "'" : "", a->cmd);
    return 2;
}

#define flag_value cbench_tool_flag_value

static int parse_option(store_args *a, int argc, char **argv, int *i)
{
    const char *v;
    if ((v = flag_value(argc, argv, i, "--baseline-dir")) != NULL) {
        a->dir_flag = v;
        return 0;
    }
    if (strcmp(a->cmd, "compare") == 0) {
        if (strcmp(argv[*i], "--ignore-drift") == 0) {
            a->ignore_drift = 1;
            return 0;
        }
        if ((v = flag_value(argc, argv, i, "--noise-threshold")) != NULL)
            return cbench_tool_number(a->cmd, "--noise-threshold", v, &a->noise);
        if ((v = flag_value(argc, argv, i, "--significance-level")) != NULL)
            return cbench_tool_number(a->cmd, "--significance-level", v, &a->significance);
    }
    usage_error(a, "unknown option, or one missing its value:", argv[*i]);
    return -1;
}

int cbench_tool_store_args(store_args *a, int argc, char **argv, int want_pos)
{
    a->noise = a->significance = NAN;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            a->help = 1;
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            if (parse_option(a, argc, argv, &i) != 0)
                return 2;
        } else if (a->n_pos < want_pos) {
            a->pos[a->n_pos++] = argv[i];
        } else {
            return usage_error(a, "unexpected argument", argv[i]);
        }
    }
    if (a->n_pos < want_pos)
        return usage_error(a, want_pos == 2 ? "expected two baselines, BASE and NEW"
                                            : "expected a baseline name or file", NULL);
    a->where = cbench_store_locate(a->dir_flag);
    a->dir = a->where.dir;
    return 0;
}

/* {==================================================================
 * Loading a baseline by name or path.
 * =================================================================== */

int cbench_tool_store_check_dir(const store_args *a)
{
    char err[1400];
    if (cbench_store_where_check(&a->where, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "cbench %s: %s\n", a->cmd, err);
    return 2;
}

int cbench_tool_store_load(const store_args *a, const char *arg, cbench_run **out)
{
    char err[2048];
    if (cbench_store_load_arg(&a->where, arg, out, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "cbench %s: %s\n", a->cmd, err);
    return 2;
}
