/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "commands.h"
int cbench_cmd_ab(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cbench ab: not implemented yet\n");
    return 2;
}
