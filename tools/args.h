/* SPDX-License-Identifier: MIT
 *
 * args.h - the one argv helper the cbench subcommands share.
 */
#ifndef CBENCH_TOOLS_ARGS_H
#define CBENCH_TOOLS_ARGS_H

#include <string.h>

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

#endif
