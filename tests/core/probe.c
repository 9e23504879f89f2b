/* SPDX-License-Identifier: MIT
 *
 * probe.c - the machine speed probe: it measures something, drift is the
 * larger relative move of the probes both runs have, and probing again
 * keeps the faster reading (interference only ever adds time) and leaves
 * a run that never probed alone. No timing claims: values are only
 * required to be plausible.
 */
#include <math.h>

#include "check.h"
#include "measure/probe.h"
#include "model/drift.h"

static void test_probe_measures(void)
{
    double cpu = NAN, mem = NAN;
    cbench_probe_machine(&cpu, &mem);
    CHECK(cpu > 0 && isfinite(cpu));
    CHECK(mem > 0 && isfinite(mem));
}

static void test_drift(void)
{
    CHECK_NEAR(cbench_probe_drift(110, 200, 100, 200), 0.10, 1e-12);
    CHECK_NEAR(cbench_probe_drift(100, 150, 100, 200), 0.25, 1e-12);   /* memory */
    CHECK_NEAR(cbench_probe_drift(90, NAN, 100, 200), 0.10, 1e-12);    /* one side */
    CHECK_NEAR(cbench_probe_drift(NAN, NAN, 100, 200), 0, 0);          /* none */
    CHECK_NEAR(cbench_probe_drift(100, 200, 0, 0), 0, 0);              /* old file */
}

static void test_probe_again_keeps_the_faster(void)
{
    double cpu = 1e15, mem = 1e15;                  /* a "very slow" first probe */
    cbench_probe_again(&cpu, &mem);
    CHECK(cpu < 1e15 && cpu > 0);
    CHECK(mem < 1e15 && mem > 0);
    double fast_cpu = 1e-9, fast_mem = 1e-9;        /* faster than any machine */
    cbench_probe_again(&fast_cpu, &fast_mem);
    CHECK(fast_cpu == 1e-9 && fast_mem == 1e-9);
    double none_cpu = NAN, none_mem = 0;            /* the run did not probe */
    cbench_probe_again(&none_cpu, &none_mem);
    CHECK(isnan(none_cpu) && none_mem == 0);
}

int main(void)
{
    test_probe_measures();
    test_drift();
    test_probe_again_keeps_the_faster();
    return check_result();
}
