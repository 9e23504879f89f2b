/* SPDX-License-Identifier: MIT
 *
 * save_cost.c - what saving a suite costs (benches/README.md, "Saving
 * results"): N results of 100 samples each (10 rounds, like a default
 * run) saved into two baselines (--save-baseline NAME and the automatic
 * one), either one save per result (the runner until issue 17) or one
 * per block of B results. Each save locks, re-reads, merges, writes a
 * temp file, fsyncs it, renames it and fsyncs the directory. Prints the
 * wall time of each way. A measuring harness, not a test: its figures
 * depend on the disk.
 *
 *   store-save-cost [N [BLOCKS [DIR]]]     (defaults: 300 18 $TMPDIR)
 */
#include <time.h>

#include "fixture.h"
#include "store/store.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Result i: fx_fill's fields with 100 samples in 10 rounds. */
static void fill(cbench_result *r, size_t i)
{
    char name[32];
    snprintf(name, sizeof name, "kernel%zu", i);
    fx_fill(r, "cost", name, (int64_t)(1024 << (i % 8)), 10.0 + (double)i, (unsigned)i);
    free(r->samples);
    r->n_samples = 100;
    r->samples = calloc(r->n_samples, sizeof *r->samples);
    for (size_t k = 0; r->samples != NULL && k < r->n_samples; k++)
        r->samples[k] = (cbench_sample){1000.0 * (double)(k % 10 + 1),
                                        (10.0 + (double)i) * 1000.0 * (double)(k % 10 + 1)
                                        * (1 + 1e-3 * (double)(k % 7)), (uint32_t)(k / 10)};
}

/* Saves results[from..to) of all into both baselines; returns the saves. */
static int save_range(const char *dir, const cbench_run *all, size_t from, size_t to)
{
    static const char *const names[] = {"cost", "cost-last"};
    cbench_run view = all[0];
    char err[1024];
    view.results = all->results + from;
    view.n_results = view.cap_results = to - from;
    for (size_t k = 0; k < 2; k++)
        if (cbench_store_save(dir, names[k], &view, err, sizeof err) != 0) {
            fprintf(stderr, "store-save-cost: %s\n", err);
            exit(1);
        }
    return 2;
}

/* Saves every result of all, 'per' results at a time; prints the cost. */
static void measure(const char *root, const char *how, const cbench_run *all, size_t per)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/%s", root, how);
    int saves = 0;
    double t0 = now_s();
    for (size_t i = 0; i < all->n_results; i += per)
        saves += save_range(dir, all, i, i + per < all->n_results ? i + per : all->n_results);
    double t = now_s() - t0;
    char path[4300];
    snprintf(path, sizeof path, "%s/cost.json", dir);
    struct stat st;
    printf("%-10s %5d saves  %8.3f s  (%.1f ms per save; final file %.0f KiB)\n", how, saves, t,
           1e3 * t / saves, stat(path, &st) == 0 ? (double)st.st_size / 1024 : 0.0);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 300;
    size_t blocks = argc > 2 ? strtoul(argv[2], NULL, 10) : 18;
    char *root = argc > 3 ? cbench__strdup(argv[3]) : fx_tmpdir();
    if (n == 0 || blocks == 0 || root == NULL) {
        fprintf(stderr, "usage: store-save-cost [N [BLOCKS [DIR]]]\n");
        return 2;
    }
    cbench_run *all = cbench__run_new();
    fx_context(&all->ctx);
    for (size_t i = 0; i < n; i++)
        fill(cbench__run_add(all), i);
    printf("%zu results of 100 samples into 2 baselines, in %s\n", n, root);
    measure(root, "per-result", all, 1);
    measure(root, "per-block", all, (n + blocks - 1) / blocks);
    cbench__run_free(all);
    if (argc <= 3)
        fx_rmtree(root);
    free(root);
    return 0;
}
