/* SPDX-License-Identifier: MIT
 *
 * verdicts.c - what the pretty report says about a change: the verdict's
 * sentence, the widened noise threshold, and, for a change that is not
 * significant, how large a change the interval still allows when that is
 * beyond the threshold ("not significant" is not "no change").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/report.h"

/* The report block of a result whose change is [lo, pt, hi] with verdict
 * v at noise threshold t (malloc'd text). */
static char *block(double lo, double pt, double hi, double p, cbench_verdict v, double t)
{
    cbench_run *run = cbench__run_new();
    cbench_result *r = cbench__run_add(run);
    r->id = strdup("g/bench");
    r->typical = (cbench_estimate){100, 99, 101, 0.5, 0.95};
    r->has_change = 1;
    r->change.mean = (cbench_estimate){pt, lo, hi, NAN, 0.95};
    cbench__estimate_undef(&r->change.median);
    r->change.p_value = p;
    r->change.significance = 0.05;
    r->change.noise_threshold = t;
    r->change.verdict = v;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cbench_report_block(f, r, "", 0);
    fclose(f);
    cbench__run_free(run);
    return text;
}

static int says(const char *text, const char *what)
{
    if (strstr(text, what) != NULL)
        return 1;
    fprintf(stderr, "expected \"%s\" in:\n%s\n", what, text);
    return 0;
}

static void test_significant_changes(void)
{
    char *t = block(0.021, 0.03, 0.039, 0.001, CBENCH_VERDICT_REGRESSED, 0.01);
    CHECK(says(t, "Performance has regressed."));
    free(t);
    t = block(-0.039, -0.03, -0.021, 0.001, CBENCH_VERDICT_IMPROVED, 0.01);
    CHECK(says(t, "Performance has improved."));
    free(t);
}

static void test_within_noise_names_the_widened_threshold(void)
{
    char *t = block(0.01, 0.02, 0.03, 0.01, CBENCH_VERDICT_WITHIN_NOISE, 0.035);
    CHECK(says(t, "Change within noise threshold (+-3.5 %)."));
    free(t);
}

static void test_no_change_inside_the_threshold(void)
{
    char *t = block(-0.004, 0.001, 0.006, 0.7, CBENCH_VERDICT_NO_CHANGE, 0.01);
    CHECK(says(t, "No change in performance detected."));
    CHECK(strstr(t, "allows") == NULL);
    free(t);
}

static void test_no_change_with_a_wide_interval_says_how_wide(void)
{
    /* Between two runs on a drifting machine: not significant, but a 33 %
     * regression is as compatible with the data as none. */
    char *t = block(-0.28, 0.02, 0.33, 0.8, CBENCH_VERDICT_NO_CHANGE, 0.01);
    CHECK(says(t, "No change in performance detected, but the interval allows one up to "
                  "33.0 %."));
    free(t);
    /* The larger side counts, whichever it is. */
    t = block(-0.12, -0.05, 0.02, 0.3, CBENCH_VERDICT_NO_CHANGE, 0.01);
    CHECK(says(t, "allows one up to 12.0 %."));
    free(t);
}

int main(void)
{
    test_significant_changes();
    test_within_noise_names_the_widened_threshold();
    test_no_change_inside_the_threshold();
    test_no_change_with_a_wide_interval_says_how_wide();
    return check_result();
}
