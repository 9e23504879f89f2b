/* SPDX-License-Identifier: MIT
 *
 * commands.h - subcommands of the `cbench` tool. Each takes the arguments
 * after its name (argv[0] is the subcommand name) and returns the exit
 * status: 0 success, 1 a finding (e.g. a regression), 2 bad usage or input.
 */
#ifndef CBENCH_TOOLS_COMMANDS_H
#define CBENCH_TOOLS_COMMANDS_H

int cbench_cmd_stats(int argc, char **argv);    /* tools/cmd_stats.c */
int cbench_cmd_compare(int argc, char **argv);  /* tools/cmd_compare.c */
int cbench_cmd_show(int argc, char **argv);     /* tools/cmd_store.c */
int cbench_cmd_list(int argc, char **argv);     /* tools/cmd_store.c */
int cbench_cmd_plot(int argc, char **argv);     /* tools/cmd_plot.c */
int cbench_cmd_ab(int argc, char **argv);       /* tools/cmd_ab.c */

#endif
