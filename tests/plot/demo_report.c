/* SPDX-License-Identifier: MIT
 *
 * demo_report.c - writes a demo report of one run of two executables
 * from synthetic runs:
 *
 *     build/tests/plot/demo-report DIR [--png]
 *
 * Section "engine": two groups whose results carry warnings of several
 * kinds and one failure. Section "points": an AoS/SoA-like group compared
 * with a base where the SoA variants were 12 % slower (so they show as
 * improved), with three older runs as history. Section "stride": a
 * family with two named axes (floats and stride), drawn once per axis.
 * Open DIR/index.html to see every chart kind; the browser test
 * (browser.sh) loads it.
 */
#include <stdio.h>
#include <string.h>

#include "plot/plot.h"
#include "synth.h"

static int section(const cbench_plot_opts *o, const char *name, const cbench_run *run,
                   const cbench_run *base, const cbench_run *const *history, size_t n)
{
    char source[64], err[2048] = "";
    snprintf(source, sizeof source, "build/benches/%s", name);
    cbench_plot_section s = {"demo", name, source, base ? "main" : NULL};
    int rc = cbench_plot_report(o, &s, run, base, history, n, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "demo-report: %s\n", err);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--png") != 0)) {
        fprintf(stderr, "usage: %s DIR [--png]\n", argv[0]);
        return 2;
    }
    cbench_run *h1 = synth_points_run("2026-11-20T09:12:00Z", 1.04, 1.15, 11);
    cbench_run *h2 = synth_points_run("2026-11-22T14:40:00Z", 1.01, 1.13, 12);
    cbench_run *base = synth_points_run("2026-11-24T18:05:00Z", 1.0, 1.12, 13);
    cbench_run *run = synth_points_run("2026-11-25T12:31:00Z", 1.0, 1.0, 14);
    cbench_run *engine = synth_engine_run("2026-11-25T12:30:00Z", 15);
    synth_compare(run, base);
    const cbench_run *history[] = {h1, h2, base};
    cbench_plot_opts o = {.dir = argv[1], .mode = CBENCH_CHARTS_ALWAYS, .png = argc == 3,
                          .notice = stderr};
    int rc = section(&o, "engine", engine, NULL, NULL, 0);
    if (rc == 0)
        rc = section(&o, "points", run, base, history, 3);
    cbench_run *grid = cbench__run_new();
    synth_context(grid, "2026-11-25T12:32:00Z", 16);
    synth_axes_family(grid, "rmw", "floats", "stride", 16);
    if (rc == 0)
        rc = section(&o, "stride", grid, NULL, NULL, 0);
    if (rc == 0)
        printf("%s/index.html\n", argv[1]);
    cbench__run_free(h1);
    cbench__run_free(h2);
    cbench__run_free(base);
    cbench__run_free(run);
    cbench__run_free(engine);
    cbench__run_free(grid);
    return rc != 0;
}
