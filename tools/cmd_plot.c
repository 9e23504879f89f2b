/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "commands.h"
int cbench_cmd_plot(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cbench plot: not implemented yet\n");
    return 2;
}
