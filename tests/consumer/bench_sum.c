/* SPDX-License-Identifier: MIT
 * A user's benchmark, as the README shows it. */
#include <stdlib.h>

#include <cbench.h>

static int make(cbench_state *b)
{
    size_t n = (size_t)cbench_param(b);
    float *v = malloc(n * sizeof *v);
    if (v == NULL)
        return cbench_skip(b, "out of memory");
    for (size_t i = 0; i < n; i++)
        v[i] = (float)i;
    cbench_set_user_data(b, v);
    cbench_set_bytes(b, (double)(n * sizeof *v));
    return 0;
}

static void drop(cbench_state *b) { free(cbench_user_data(b)); }

static void sum(cbench_state *b)
{
    const float *v = cbench_user_data(b);
    size_t n = (size_t)cbench_param(b);
    CBENCH_ITER(b) {
        float s = 0;
        for (size_t i = 0; i < n; i++)
            s += v[i];
        cbench_do_not_optimize(s);
    }
}
CBENCH(floats, sum, CBENCH_PARAMS(1024, 65536), CBENCH_QUICK_PARAMS(1024),
       .setup = make, .teardown = drop)

CBENCH_MAIN()
