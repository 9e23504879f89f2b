/* SPDX-License-Identifier: MIT
 *
 * ucount.c - user counters in a result (see ucount.h).
 */
#include "model/ucount.h"

#include <ctype.h>
#include <string.h>

int cbench__ucount_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > CBENCH_COUNTER_NAME_MAX || isdigit((unsigned char)name[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)name[i]) && strchr("_-.:", name[i]) == NULL)
            return 0;
    return 1;
}

const cbench_user_counter *cbench__ucount_find(const cbench_result *r, const char *name)
{
    for (size_t i = 0; i < r->n_user_counters; i++)
        if (strcmp(r->user_counters[i].name, name) == 0)
            return &r->user_counters[i];
    return NULL;
}

int cbench__ucount_regressed(const cbench_result *r)
{
    for (size_t i = 0; i < r->n_user_counters; i++)
        if (r->user_counters[i].has_change
            && r->user_counters[i].change.verdict == CBENCH_VERDICT_REGRESSED)
            return 1;
    return 0;
}
