/* SPDX-License-Identifier: MIT
 *
 * gnuplot.h - one gnuplot process fed a batch of chart scripts through a
 * pipe (`gnuplot /dev/stdin`, which reads in blocks; plain stdin is read a
 * byte per syscall). gnuplot's stdout and stderr go to a temporary file so
 * that a failure can be reported with gnuplot's own message and the chart
 * it was drawing. Setting the environment variable CBENCH_GNUPLOT_SCRIPT to
 * a file name saves a copy of the script there (for debugging).
 *
 * gnuplot that neither reads the script nor writes anything (it prints a
 * marker after each chart) for CBENCH_GNUPLOT_TIMEOUT seconds (default 60;
 * 0: no limit) is killed, and close says which chart it was drawing and
 * how many it finished.
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
 * error messages. Returns 0, CBENCH_ENOMEM, or CBENCH_EIO if gnuplot
 * stopped reading or the batch ran out of time (close reports which). */
int cbench_plot_gp_send(cbench_gp *gp, const char *label, const char *script, size_t len);

/* Ends the script, waits for gnuplot (killing it when the batch's time
 * runs out) and frees gp. Returns 0 when gnuplot exited with status 0
 * (and, if the environment variable CBENCH_GNUPLOT_WARNINGS is "fatal",
 * printed nothing); CBENCH_ETIMEOUT when it was stopped, err naming the
 * chart it was drawing, how many it drew and the limit; otherwise
 * CBENCH_EIO with err holding the exit status, the chart being drawn when
 * it failed and gnuplot's first lines of output. *done is how many of the
 * charts sent, in order, were finished: all of them on success. */
int cbench_plot_gp_close(cbench_gp *gp, size_t *done, char *err, size_t errlen);

#endif /* CBENCH_PLOT_GNUPLOT_H */
