/* Stride walk over 8 MiB (misses in D1 and in a 1 MiB LL), only the walk collected. */
#include <valgrind/callgrind.h>
#include <stdlib.h>
static long walk(const int *a, size_t n) { long s = 0; for (size_t i = 0; i < n; i += 16) s += a[i]; return s; }
int main(void) {
    size_t n = (8u << 20) / sizeof(int);
    int *a = malloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++) a[i] = (int)i;
    CALLGRIND_TOGGLE_COLLECT;
    volatile long s = walk(a, n);
    for (size_t i = 0; i < n; i += 16) a[i] = 1;   /* stores: D1mw, DLmw */
    CALLGRIND_TOGGLE_COLLECT;
    (void)s; free(a); return 0;
}
