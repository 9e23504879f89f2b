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

static int counting;
static uint64_t n_allocs, n_bytes, n_frees;

static inline void tally(size_t bytes)
{
    if (__builtin_expect(__atomic_load_n(&counting, __ATOMIC_RELAXED), 0)) {
        __atomic_fetch_add(&n_allocs, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&n_bytes, (uint64_t)bytes, __ATOMIC_RELAXED);
    }
}

static inline void tally_free(const void *p)
{
    if (__builtin_expect(__atomic_load_n(&counting, __ATOMIC_RELAXED), 0) && p != NULL)
        __atomic_fetch_add(&n_frees, 1, __ATOMIC_RELAXED);
}

void cbench__allocs_count(int start)
{
    if (start) {
        __atomic_store_n(&n_allocs, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&n_bytes, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&n_frees, 0, __ATOMIC_RELAXED);
    }
    __atomic_store_n(&counting, start != 0, __ATOMIC_SEQ_CST);
}

void cbench__allocs_read(cbench_alloc_tally *t)
{
    t->allocs = __atomic_load_n(&n_allocs, __ATOMIC_RELAXED);
    t->bytes = __atomic_load_n(&n_bytes, __ATOMIC_RELAXED);
    t->frees = __atomic_load_n(&n_frees, __ATOMIC_RELAXED);
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
