/* SPDX-License-Identifier: MIT
 *
 * cli.h - strict parsing of a bench executable's command line.
 */
#ifndef CBENCH_RUN_CLI_H
#define CBENCH_RUN_CLI_H

#include <stddef.h>

#include "run/config.h"

/* Parses argv into cfg (which must hold defaults). On error writes one
 * message naming the flag and the expected form into err and returns
 * CBENCH_EINVAL (the caller exits 2). argv strings are borrowed. */
int cbench_cli_parse(cbench_config *cfg, int argc, char **argv, char *err, size_t errlen);

/* The --help text. */
void cbench_cli_usage(FILE *out, const char *argv0);

#endif
