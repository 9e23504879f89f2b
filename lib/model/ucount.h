/* SPDX-License-Identifier: MIT
 *
 * ucount.h - user counters (cbench_counter()) in a result: the rule for
 * their names, and lookups that the store and the reports share
 * (lib/measure/ucount.h carries them from a body to a result).
 */
#ifndef CBENCH_MODEL_UCOUNT_H
#define CBENCH_MODEL_UCOUNT_H

#include "model/result.h"

/* Whether name follows cbench_counter()'s rule (1 to
 * CBENCH_COUNTER_NAME_MAX letters, digits or "_-.:", not starting with a
 * digit): safe as a JSON key, a CSV column and in a TAP line. */
int cbench__ucount_name_ok(const char *name);

/* Whether a user counter of r regressed against the baseline. */
int cbench__ucount_regressed(const cbench_result *r);

/* Looks up counter name in r; NULL when absent. */
const cbench_user_counter *cbench__ucount_find(const cbench_result *r, const char *name);

#endif
