/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include "commands.h"
int cbench_cmd_compare(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cbench compare: not implemented yet\n");
    return 2;
}
int cbench_cmd_show(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cbench show: not implemented yet\n");
    return 2;
}
int cbench_cmd_list(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "cbench list: not implemented yet\n");
    return 2;
}
