/* SPDX-License-Identifier: MIT
 *
 * json_check.c - what a result read from a baseline must be, beyond the
 * types json_result.c checks: an id the registry could have made, samples
 * a clock could have measured, and estimates that are its samples'.
 *
 * A baseline is a file anyone can edit, and cbench prints what it reads
 * on TAP lines, terminals and reports, and compares new runs against it.
 * So a loaded result is held to what cbench itself writes: an id with a
 * control character could forge a TAP line or a terminal escape; a sample
 * of -5 ns or 0 iterations made `cbench compare` report -100 % "improved";
 * a sample edited by hand left the printed estimate as it was while the
 * comparison (which reads the samples) moved by 20 %.
 *
 * Why the estimates are checked, not recomputed. The samples are what was
 * measured; the estimates are derived from them. Recomputing them on load
 * would make an edited file print consistent numbers, but numbers nobody
 * measured, and would need the run's bootstrap (seconds per result) for
 * the intervals. A trustworthy tool refuses a file that no longer says
 * what was measured, as git refuses an object whose content does not
 * match its name, and says which field disagrees. The check recomputes
 * the pooled points (mean, median, standard deviation, MAD, slope: exact
 * functions of the samples, cbench_analysis_points) and needs the
 * headline 'typical' to lie between the smallest and largest per-iteration
 * time, where every estimator puts it. An undefined (null) estimate states
 * nothing and is not checked.
 */
#include "store/json_read.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* {==================================================================
 * Identity.
 * =================================================================== */

int cbench_store_check_id(cbench_store_jr *r, const char *id)
{
    char why[160];
    if (cbench__id_problem(id, why, sizeof why) == NULL)
        return 0;
    size_t m = cbench_store_push_key(r, "id");
    int rc = cbench_store_bad(r, "not a benchmark id: %s; expected " CBENCH_ID_RULE, why);
    cbench_store_pop(r, m);
    return rc;
}

/* A field (group, name, param) that is not the id's part [part, part + n). */
static int mismatch(cbench_store_jr *r, const char *key, const char *id, const char *what)
{
    size_t m = cbench_store_push_key(r, key);
    int rc = cbench_store_bad(r, "is not the %s of the id '%s' (cbench writes them alike)",
                              what, id);
    cbench_store_pop(r, m);
    return rc;
}

static int same_part(const char *field, const char *part, size_t n)
{
    return field != NULL && strlen(field) == n && memcmp(field, part, n) == 0;
}

/* The parameter of a checked id (its third part, or none) against the
 * "param" and "param_value" fields; a missing one is derived from the id. */
static int check_param(cbench_store_jr *r, cbench_result *res, const char *part)
{
    if (part == NULL) {
        if (res->param != NULL || res->has_param)
            return mismatch(r, res->param != NULL ? "param" : "param_value", res->id,
                            "parameter (it has none)");
        return 0;
    }
    int64_t v = (int64_t)strtoll(part, NULL, 10);  /* checked by cbench__id_problem */
    if (res->param != NULL && strcmp(res->param, part) != 0)
        return mismatch(r, "param", res->id, "parameter");
    if (res->has_param && res->param_value != v)
        return mismatch(r, "param_value", res->id, "parameter");
    if (res->param == NULL && (res->param = cbench__strdup(part)) == NULL)
        return cbench_store_oom(r);
    res->has_param = 1;
    res->param_value = v;
    return 0;
}

int cbench_store_check_identity(cbench_store_jr *r, cbench_result *res)
{
    const char *id = res->id, *name = strchr(id, '/') + 1;
    const char *param = strchr(name, '/');
    size_t name_len = param != NULL ? (size_t)(param - name) : strlen(name);
    if (!same_part(res->group, id, (size_t)(name - 1 - id)))
        return mismatch(r, "group", id, "group");
    if (!same_part(res->name, name, name_len))
        return mismatch(r, "name", id, "name");
    return check_param(r, res, param != NULL ? param + 1 : NULL);
}
