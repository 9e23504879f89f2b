/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "commands.h"
int cbench_cmd_stats(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cbench stats: not implemented yet\n");
    return 2;
}
