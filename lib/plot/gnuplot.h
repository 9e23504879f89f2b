/* SPDX-License-Identifier: MIT
 *
 * gnuplot.h - one gnuplot process fed a batch of chart scripts through a
 * pipe (`gnuplot /dev/stdin`, which reads in blocks; plain stdin is read a
 * byte per syscall). gnuplot's stdout and stderr go to a temporary file so
 * that a failure can be reported with gnuplot's own message and the chart
 * it was drawing. Setting the environment variable CBENCH_GNUPLOT_SCRIPT to
 * a file name saves a copy of the script there (for debugging).
 */
#ifndef CBENCH_PLOT_GNUPLOT_H
#define CBENCH_PLOT_GNUPLOT_H

#include <stddef.h>

typedef struct cbench_gp cbench_gp;

/* Finds the gnuplot executable: a 'name' (NULL means "gnuplot") containing
 * '/' is checked as is, otherwise each directory of $PATH is tried. Writes
 * the path into path (n bytes). Returns 0 or CBENCH_ENOENT. */
int cbench_plot_gp_find(const char *name, char *path, size_t n);

/* Starts gnuplot at 'path' (from cbench_plot_gp_find). While the process is
 * open SIGPIPE is ignored (restored by close), so a gnuplot that dies early
 * turns into an error instead of killing us. Returns 0 and *out, or
 * CBENCH_EIO/CBENCH_ENOMEM with err set. */
int cbench_plot_gp_open(cbench_gp **out, const char *path, char *err, size_t errlen);

/* Sends one complete chart script; 'label' (copied) names the chart in
 * error messages. Returns 0, or CBENCH_EIO if gnuplot stopped reading
 * (the cause is reported by close). */
int cbench_plot_gp_send(cbench_gp *gp, const char *label, const char *script, size_t len);

/* Ends the script, waits for gnuplot and frees gp. Returns 0 when gnuplot
 * exited with status 0 (and, if the environment variable
 * CBENCH_GNUPLOT_WARNINGS is "fatal", printed nothing); otherwise
 * CBENCH_EIO with err holding the exit status, the chart being drawn when
 * it failed and gnuplot's first lines of output. */
int cbench_plot_gp_close(cbench_gp *gp, char *err, size_t errlen);

#endif /* CBENCH_PLOT_GNUPLOT_H */
