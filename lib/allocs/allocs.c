/* SPDX-License-Identifier: MIT
 *
 * allocs.c - the allocation interposer; see allocs.h.
 */
#include "allocs/allocs.h"

#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* glibc's own allocator, which the replacements forward to. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

/* Per thread: each thread of a multi-threaded benchmark starts and stops
 * its own counters around its own timed loop (measure/team.c), and the
 * engine sums the threads' values; a global tally would be read once per
 * thread. Thread-local in the executable: a plain load, no atomics. */
#define TLS __thread __attribute__((tls_model("initial-exec")))
static TLS int counting;
static TLS uint64_t n_allocs, n_bytes, n_frees;

static inline void tally(size_t bytes)
{
    if (__builtin_expect(counting, 0)) {
        n_allocs++;
        n_bytes += (uint64_t)bytes;
    }
}

static inline void tally_free(const void *p)
{
    if (__builtin_expect(counting, 0) && p != NULL)
        n_frees++;
}

void cbench__allocs_count(int start)
{
    if (start)
        n_allocs = n_bytes = n_frees = 0;
    counting = start != 0;
}

void cbench__allocs_read(cbench_alloc_tally *t)
{
    t->allocs = n_allocs;
    t->bytes = n_bytes;
    t->frees = n_frees;
}

/* The replacements: the full set glibc's manual asks a replacement to
 * provide (malloc_usable_size stays glibc's: the blocks are its own). */
#define API __attribute__((visibility("default")))

API void *malloc(size_t n)
{
    tally(n);
    return __libc_malloc(n);
}

API void *calloc(size_t k, size_t n)
{
    tally(k * n);
    return __libc_calloc(k, n);
}

API void *realloc(void *p, size_t n)
{
    tally(n);
    tally_free(p);
    return __libc_realloc(p, n);
}

API void *reallocarray(void *p, size_t k, size_t n)
{
    size_t bytes;
    if (__builtin_mul_overflow(k, n, &bytes)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, bytes);
}

API void free(void *p)
{
    tally_free(p);
    __libc_free(p);
}

API void *memalign(size_t align, size_t n)
{
    tally(n);
    return __libc_memalign(align, n);
}

API void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

API int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return EINVAL;
    int saved = errno;
    void *p = memalign(align, n);
    if (p == NULL)
        return ENOMEM;
    errno = saved;
    *out = p;
    return 0;
}

API void *valloc(size_t n)
{
    return memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

API void *pvalloc(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return memalign(page, (n + page - 1) / page * page);
}
