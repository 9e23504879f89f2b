/* SPDX-License-Identifier: MIT
 *
 * failalloc.c - an LD_PRELOAD shim that fails one allocation, for the
 * out-of-memory walk of the cbench tool (failalloc.sh).
 *
 *   CBENCH_FAIL_ALLOC=N       the Nth allocation of the process (malloc,
 *                             calloc, realloc, reallocarray, the aligned
 *                             ones; strdup, asprintf and cJSON's come
 *                             through malloc) returns NULL with ENOMEM;
 *                             every other one succeeds. 0: none fails.
 *   CBENCH_FAIL_ALLOC_MARK=F  file the shim appends "N\n" to when it
 *                             fails the Nth, and "count C\n" to at exit
 *                             (C allocations in all), so the walk knows
 *                             where to stop.
 *
 * Like lib/allocs/allocs.c it replaces glibc's malloc family and forwards
 * to glibc's own (__libc_malloc, ...), so it needs no dlsym. It works on
 * an executable that does not define malloc itself (the cbench tool does
 * not link cbench_allocs_dep: an executable's own malloc would win over
 * this one), and not under AddressSanitizer, which brings its own. The
 * constructor removes both variables and LD_PRELOAD from the
 * environment: only this process fails, never the ones it starts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

static unsigned long fail_at;            /* 0: never */
static unsigned long calls;
static char mark[4096];

/* Appends text to the mark file: open/write/close allocate nothing. */
static void note(const char *text)
{
    if (mark[0] == '\0')
        return;
    int fd = open(mark, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ssize_t w = write(fd, text, strlen(text));
        (void)w;
        close(fd);
    }
}

/* The decimal digits of v followed by a newline, into buf. */
static const char *decimal(char *buf, size_t n, const char *prefix, unsigned long v)
{
    char digits[24];
    size_t k = 0, p = strlen(prefix);
    do
        digits[k++] = (char)('0' + v % 10);
    while ((v /= 10) > 0 && k < sizeof digits);
    if (p + k + 2 > n)
        return "";
    memcpy(buf, prefix, p);
    while (k > 0)
        buf[p++] = digits[--k];
    buf[p++] = '\n';
    buf[p] = '\0';
    return buf;
}

__attribute__((constructor)) static void failalloc_init(void)
{
    const char *n = getenv("CBENCH_FAIL_ALLOC"), *m = getenv("CBENCH_FAIL_ALLOC_MARK");
    fail_at = n != NULL ? strtoul(n, NULL, 10) : 0;
    if (m != NULL && strlen(m) < sizeof mark)
        memcpy(mark, m, strlen(m) + 1);
    unsetenv("CBENCH_FAIL_ALLOC");
    unsetenv("CBENCH_FAIL_ALLOC_MARK");
    unsetenv("LD_PRELOAD");
}

__attribute__((destructor)) static void failalloc_fini(void)
{
    char buf[64];
    note(decimal(buf, sizeof buf, "count ", __atomic_load_n(&calls, __ATOMIC_RELAXED)));
}

/* Whether this allocation is the one to fail (and says so in the mark). */
static int failing(void)
{
    unsigned long k = __atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
    if (fail_at == 0 || k != fail_at)
        return 0;
    char buf[64];
    note(decimal(buf, sizeof buf, "", k));
    errno = ENOMEM;
    return 1;
}

#define API __attribute__((visibility("default")))

API void *malloc(size_t n)
{
    return failing() ? NULL : __libc_malloc(n);
}

API void *calloc(size_t k, size_t n)
{
    return failing() ? NULL : __libc_calloc(k, n);
}

API void *realloc(void *p, size_t n)
{
    if (p != NULL && n == 0)             /* a free: nothing to fail */
        return __libc_realloc(p, n);
    return failing() ? NULL : __libc_realloc(p, n);
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
    __libc_free(p);
}

API void *memalign(size_t align, size_t n)
{
    return failing() ? NULL : __libc_memalign(align, n);
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
