/* SPDX-License-Identifier: MIT
 *
 * Registration: CBENCH() at file scope registers before main, parameters
 * expand into one instance per value with id group/name/param, --quick
 * uses the quick subset, and bad or duplicate names are rejected.
 */
#include "check.h"
#include "cbench.h"
#include "core/registry.h"

#include <stdlib.h>

static void noop(cbench_state *b)
{
    CBENCH_ITER(b) {}
}

static void sized(cbench_state *b)
{
    CBENCH_ITER(b) { cbench_do_not_optimize(b); }
}

CBENCH(grp, noop)
CBENCH(grp, sized, CBENCH_PARAMS(16, 1024, 65536), CBENCH_QUICK_PARAMS(16), .reference = 1)

static void test_static_registration_before_main(void)
{
    CHECK_INT_EQ(cbench_registry_count(), 2);
    const cbench_bench *b = cbench_registry_get(1);
    CHECK_STR_EQ(b->group, "grp");
    CHECK_STR_EQ(b->name, "sized");
    CHECK_INT_EQ(b->opt.n_params, 3);
    CHECK_INT_EQ(b->opt.reference, 1);
    CHECK(cbench_registry_error() == NULL);
}

static void test_instances_and_ids(void)
{
    cbench_instance *v;
    size_t n;
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, 0), 0);
    CHECK_INT_EQ(n, 4);
    CHECK_STR_EQ(v[0].id, "grp/noop");
    CHECK_STR_EQ(v[1].id, "grp/sized/16");
    CHECK_STR_EQ(v[3].id, "grp/sized/65536");
    CHECK_INT_EQ(v[3].param, 65536);
    free(v);
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, CBENCH_SWEEP_QUICK), 0);
    CHECK_INT_EQ(n, 2);
    CHECK_STR_EQ(v[1].id, "grp/sized/16");
    free(v);
}

static void test_runtime_registration_and_errors(void)
{
    cbench_options o = {0};
    CHECK_INT_EQ(cbench_register("rt", "one", noop, &o), 0);
    CHECK_INT_EQ(cbench_register("rt", "with space", noop, NULL), 0);
    CHECK_INT_EQ(cbench_register("rt", "one", noop, NULL), CBENCH_EINVAL);      /* duplicate */
    CHECK(cbench_registry_error() != NULL && strstr(cbench_registry_error(), "twice"));
    CHECK_INT_EQ(cbench_register("rt", "a/b", noop, NULL), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_register("", "x", noop, NULL), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_register("rt", "x", NULL, NULL), CBENCH_EINVAL);
    o.n_params = 2;
    CHECK_INT_EQ(cbench_register("rt", "p", noop, &o), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_registry_count(), 4);
    cbench_registry_reset();
    CHECK_INT_EQ(cbench_registry_count(), 0);
    CHECK(cbench_registry_error() == NULL);
}

int main(void)
{
    test_static_registration_before_main();
    test_instances_and_ids();
    test_runtime_registration_and_errors();
    return check_result();
}
