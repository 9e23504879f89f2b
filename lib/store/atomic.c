/* SPDX-License-Identifier: MIT
 *
 * atomic.c - files that are either the old version or the new one, never
 * a mix: write a temp file in the same directory, fsync it, rename it over
 * the target (atomic on POSIX file systems), then fsync the directory so
 * the rename itself survives a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

/* Creates one directory; an existing directory is fine. */
static int mkdir_one(const char *path)
{
    struct stat st;
    if (mkdir(path, 0755) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int cbench_store_mkdirs(const char *dir, char *err, size_t errlen)
{
    size_t n = strlen(dir);
    char *p = malloc(n + 1);
    if (p == NULL)
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "out of memory");
    memcpy(p, dir, n + 1);
    int rc = 0;
    /* Create every prefix ending before a '/', then the whole path. */
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (i < n && p[i] != '/')
            continue;
        if (i < n && p[i - 1] == '/')
            continue;                       /* "a//b" */
        char saved = p[i];
        p[i] = '\0';
        if (mkdir_one(p) != 0)
            rc = cbench__fail(err, errlen, CBENCH_EIO, "cannot create directory '%s': %s",
                          p, strerror(errno));
        p[i] = saved;
    }
    free(p);
    return rc;
}

/* Splits path into a malloc'd directory ("." when none) and the base name. */
static char *dir_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        *base = path;
        return cbench__strdup(".");
    }
    *base = slash + 1;
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Makes the rename durable. File systems that cannot fsync a directory
 * (EINVAL) are not an error: the rename has happened either way. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc != 0 && (e == EINVAL || e == ENOTSUP || e == EROFS))
        rc = 0;
    errno = e;
    return rc;
}

/* Writes, syncs and closes the temp file fd; on failure names the step. */
static const char *fill_temp(int fd, const void *data, size_t len, mode_t mode,
                             cbench_store_fd_hook hook, void *ctx)
{
    if (fchmod(fd, mode) != 0)
        return "cannot set the mode of";
    if (hook != NULL && hook(fd, ctx) != 0)
        return "cannot prepare";
    if (write_all(fd, data, len) != 0)
        return "cannot write";
    if (fsync(fd) != 0)
        return "cannot fsync";
    return NULL;
}

int cbench_store_write_atomic_hooked(const char *path, const void *data,
                                     size_t len, cbench_store_fd_hook hook,
                                     void *ctx, char *err, size_t errlen)
{
    const char *base;
    struct stat st;
    char *dir = dir_of(path, &base);
    size_t tn = strlen(path) + 16;
    char *tmp = malloc(tn);
    if (dir == NULL || tmp == NULL || base[0] == '\0') {
        free(dir);
        free(tmp);
        return cbench__fail(err, errlen, base[0] == '\0' ? CBENCH_EINVAL : CBENCH_ENOMEM,
                        "cannot write '%s': %s", path,
                        base[0] == '\0' ? "not a file name" : "out of memory");
    }
    snprintf(tmp, tn, "%s/.%s.XXXXXX", dir, base);
    mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;
    int rc = 0, fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        rc = cbench__fail(err, errlen, CBENCH_EIO,
                      "cannot create a temporary file in '%s' to write '%s': %s",
                      dir, path, strerror(errno));
    } else {
        const char *step = fill_temp(fd, data, len, mode, hook, ctx);
        int e = errno;
        if (close(fd) != 0 && step == NULL) {
            step = "cannot close";
            e = errno;
        }
        if (step == NULL && rename(tmp, path) != 0) {
            step = "cannot rename";
            e = errno;
        }
        if (step != NULL) {
            unlink(tmp);
            rc = cbench__fail(err, errlen, CBENCH_EIO, "%s '%s' (writing '%s'): %s;"
                          " '%s' was left unchanged", step, tmp, path, strerror(e), path);
        } else if (sync_dir(dir) != 0) {
            rc = cbench__fail(err, errlen, CBENCH_EIO, "wrote '%s' but cannot fsync"
                          " directory '%s': %s", path, dir, strerror(errno));
        }
    }
    free(dir);
    free(tmp);
    return rc;
}

int cbench_store_write_atomic(const char *path, const void *data, size_t len,
                              char *err, size_t errlen)
{
    return cbench_store_write_atomic_hooked(path, data, len, NULL, NULL, err, errlen);
}
