/* SPDX-License-Identifier: MIT
 *
 * instr_run.c - deterministic mode for real: run test-instr-loop (argv[1])
 * under callgrind through cbench_instr_run. Instructions per iteration must
 * be an exact integer constant within sane bounds, identical across runs,
 * and scale linearly with N (only the region is collected). Exit 77 when
 * valgrind is not installed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbench_config.h"
#include "check.h"
#include "perf/instr.h"

static const char *helper;

static int run(const char *n, const char *mode, cbench_instr_totals *t, char *err, size_t len)
{
    const char *argv[] = {helper, n, mode, NULL};
    return cbench_instr_run(argv, t, err, len);
}

static int have_valgrind(void)
{
    return system("valgrind --version >/dev/null 2>&1") == 0;
}

int main(int argc, char **argv)
{
    cbench_instr_totals a, b, c, d, e;
    char err[1024] = "";
    const double n = 1000000;
#if defined(__SANITIZE_ADDRESS__)
    /* valgrind cannot run AddressSanitizer binaries (the test program is
     * built like this one): the plain build's run covers this test. */
    fprintf(stderr, "skipped: built with AddressSanitizer\n");
    return 77;
#endif
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH-TO-test-instr-loop\n", argv[0]);
        return 2;
    }
    helper = argv[1];
    if (!CBENCH_HAVE_VALGRIND) {
        fprintf(stderr, "SKIP: built without <valgrind/callgrind.h> (apt install valgrind)\n");
        return 77;
    }
    if (!have_valgrind()) {
        fprintf(stderr, "SKIP: valgrind is not installed\n");
        return 77;
    }
    CHECK_INT_EQ(run("1000000", "plain", &a, err, sizeof err), 0);
    if (err[0])
        fprintf(stderr, "%s\n", err);
    CHECK_INT_EQ(run("1000000", "plain", &b, err, sizeof err), 0);
    CHECK_INT_EQ(run("2000000", "plain", &c, err, sizeof err), 0);
    CHECK_INT_EQ(run("1000000", "double", &d, err, sizeof err), 0);
    fprintf(stderr, "Ir: N=1e6 %.0f, again %.0f, N=2e6 %.0f; D1mr %.0f, DLmr %.0f\n",
            a.ir, b.ir, c.ir, a.d1mr, a.dlmr);
    CHECK(a.ok && b.ok && c.ok && d.ok);
    CHECK(a.ir == b.ir && a.dr == b.dr && a.d1mr == b.d1mr);     /* deterministic */
    /* A second begin/end must not toggle collection off: the loop is still
     * counted, plus the few instructions of the ignored calls. */
    CHECK(d.ir >= a.ir && d.ir < a.ir + 50);
    double per_iter = (c.ir - a.ir) / n, overhead = a.ir - per_iter * n;
    fprintf(stderr, "Ir/iter %.6f, fixed overhead %.0f\n", per_iter, overhead);
    CHECK(per_iter == floor(per_iter) && per_iter >= 3 && per_iter <= 20);
    CHECK(overhead >= 0 && overhead < 200);                      /* only the region */
    CHECK(a.dr >= n && a.dw >= n);                               /* a load + a store each */
    CHECK(a.d1mr < 100 && a.dlmr < 100);                         /* one hot cache line */

    CHECK_INT_EQ(run("1000", "none", &e, err, sizeof err), CBENCH_EFORMAT);
    CHECK(strstr(err, "cbench_instr_region_begin") != NULL);
    CHECK_INT_EQ(run("1000", "fail", &e, err, sizeof err), CBENCH_ECRASH);
    CHECK(strstr(err, "status 3") != NULL);
    const char *missing[] = {"/nonexistent/cbench-no-such-program", NULL};
    CHECK(cbench_instr_run(missing, &e, err, sizeof err) < 0);
    CHECK(strstr(err, "could not execute") != NULL);
    fprintf(stderr, "missing program: %s\n", err);
    return check_result();
}
