/* SPDX-License-Identifier: MIT
 *
 * header.c - <cbench/stats.h> compiles on its own, first and alone.
 */
#include "cbench/stats.h"

int main(void)
{
    const double x[] = {1, 2, 3};
    double m;
    return cbench_stats_mean(x, 3, &m) == 0 && m == 2 ? 0 : 1;
}
