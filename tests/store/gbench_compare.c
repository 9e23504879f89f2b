/* SPDX-License-Identifier: MIT
 *
 * gbench_compare.c - feeds cbench's Google Benchmark JSON export to Google
 * Benchmark's own tools/compare.py (Debian: libbenchmark-tools, which also
 * needs python3-scipy) and checks that it pairs every benchmark and reports
 * the 20 % slowdown, and that it runs its Mann-Whitney U test: the export
 * writes each of a result's 4 rounds as a repetition, so compare.py prints
 * a "NAME_pvalue" row per benchmark with "U Test, Repetitions: 4 vs 4" and
 * a p-value below 0.05 (4 rounds all slower: 2/C(8,4) = 0.0286).
 * argv[1] is compare.py's path ("" when not found);
 * the test is skipped (77) when compare.py or a python3 with scipy is
 * missing.
 */
#include <sys/wait.h>

#include "check.h"
#include "fixture.h"
#include "store/export.h"

static int write_export(const char *path, double factor)
{
    static const char *const ids[] = {"fast", "slow"};
    cbench_run *run = cbench__run_new();
    fx_context(&run->ctx);
    for (size_t i = 0; i < 2; i++)
        fx_fill(cbench__run_add(run), "g", ids[i], -1, 10.0 * (double)(1 + 4 * i) * factor,
                (unsigned)i + 1);
    FILE *f = fopen(path, "w");
    int rc = f != NULL ? cbench_export_gbench(f, run) : -1;
    if (f != NULL && fclose(f) != 0)
        rc = -1;
    cbench__run_free(run);
    return rc;
}

/* A python3 that can import scipy (compare.py needs it), or NULL. */
static const char *find_python(void)
{
    static const char *const candidates[] = {"/usr/bin/python3", "python3"};
    for (size_t i = 0; i < 2; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "%s -c 'import scipy' >/dev/null 2>&1", candidates[i]);
        if (system(cmd) == 0)
            return candidates[i];
    }
    return NULL;
}

int main(int argc, char **argv)
{
    const char *compare = argc > 1 ? argv[1] : "";
    const char *py = find_python();
    if (compare[0] == '\0' || access(compare, R_OK) != 0 || py == NULL) {
        printf("skipped: needs Google Benchmark's compare.py (libbenchmark-tools) and a"
               " python3 with scipy\n");
        return 77;
    }
    char *dir = fx_tmpdir(), a[4200], b[4200], cmd[9000], line[512];
    snprintf(a, sizeof a, "%s/base.json", dir);
    snprintf(b, sizeof b, "%s/new.json", dir);
    CHECK_INT_EQ(write_export(a, 1.0), 0);
    CHECK_INT_EQ(write_export(b, 1.2), 0);
    snprintf(cmd, sizeof cmd, "%s '%s' --no-color benchmarks '%s' '%s' 2>&1", py, compare, a,
             b);
    FILE *p = popen(cmd, "r");
    int rows = 0, slower = 0, utests = 0, significant = 0, typical = 0;
    while (p != NULL && fgets(line, sizeof line, p) != NULL) {
        fputs(line, stdout);
        if (strncmp(line, "g/fast ", 7) == 0 || strncmp(line, "g/slow ", 7) == 0) {
            rows++;
            slower += strstr(line, "+0.2000") != NULL;
        }
        typical += strncmp(line, "g/fast_typical ", 15) == 0 && strstr(line, "+0.2000");
        if (strncmp(line, "g/fast_pvalue ", 14) == 0 || strncmp(line, "g/slow_pvalue ", 14) == 0) {
            double time_p = 1, cpu_p = 1;
            utests += strstr(line, "U Test, Repetitions: 4 vs 4") != NULL;
            significant += sscanf(line + 14, "%lf %lf", &time_p, &cpu_p) == 2 && time_p < 0.05
                        && cpu_p < 0.05;
        }
    }
    int st = p != NULL ? pclose(p) : -1;
    CHECK(st == 0);
    CHECK_INT_EQ(rows, 8);              /* 4 repetitions each, paired by index */
    CHECK_INT_EQ(slower, 8);
    CHECK_INT_EQ(utests, 2);
    CHECK_INT_EQ(significant, 2);
    CHECK_INT_EQ(typical, 1);           /* cbench's headline, as an aggregate */
    if (check_failures == 0)
        fx_rmtree(dir);
    free(dir);
    return check_result();
}
