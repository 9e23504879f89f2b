/* SPDX-License-Identifier: MIT
 *
 * args.h - the one argv helper the cbench subcommands share.
 */
#ifndef CBENCH_TOOLS_ARGS_H
#define CBENCH_TOOLS_ARGS_H

#include <stdio.h>
#include <string.h>

#include "run/flags.h"

/* The value of "--flag VALUE" or "--flag=VALUE" at argv[*i] (advancing *i
 * past a separate VALUE), or NULL when argv[*i] is not that flag or the
 * value is missing. */
static inline const char *cbench_tool_flag_value(int argc, char **argv, int *i,
                                                 const char *flag)
{
    size_t n = strlen(flag);
    if (strncmp(argv[*i], flag, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0' || *i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

/* A shared numeric flag (run/flags.h: one range wherever it is given)
 * into *out; 0, or -1 after "cbench CMD: FLAG: expected ..." on stderr. */
static inline int cbench_tool_number(const char *cmd, const char *flag, const char *v,
                                     double *out)
{
    char err[300];
    if (cbench_flag_number(flag, v, out, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "cbench %s: %s\n", cmd, err);
    return -1;
}

#endif
