/* SPDX-License-Identifier: MIT
 *
 * atomic.c - files that are either the old version or the new one, never
 * a mix: write a temp file in the same directory, fsync it, rename it over
 * the target (atomic on POSIX file systems), then fsync the directory so
 * the rename itself survives a crash.
 *
 * The target is the file the path names after symbolic links: renaming
 * over a link would cut it (a shared baseline behind s2/base.json ->
 * ../shared/team.json would never get the result), so the link is
 * followed and the real file replaced, in its own directory. Anything but
 * a regular file is refused (a FIFO would become a regular file, a temp
 * file beside /dev/null cannot be made), except that "-" and
 * "/dev/stdout" mean standard output, written in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

int (*cbench__store_fault)(const char *step, const char *path);

int cbench__store_faulted(const char *step, const char *path)
{
    int e = cbench__store_fault != NULL ? cbench__store_fault(step, path) : 0;
    if (e != 0)
        errno = e;
    return e != 0;
}

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

/* {==================================================================
 * Where a path really leads.
 * =================================================================== */

int cbench_store_is_stdout(const char *path)
{
    return path != NULL && (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0);
}

/* What a file that is not a regular one is, for messages. */
static const char *kind_of(mode_t m)
{
    return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO (named pipe)"
         : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* Splits path into its directory ("." when none) and base name, in buf
 * (which must hold path). */
static void split(const char *path, char *dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        strcpy(dir, ".");
        *base = path;
        return;
    }
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    memcpy(dir, path, n);
    dir[n] = '\0';
    *base = slash + 1;
}

/* Follows the symbolic links of path's last component into out. The
 * target need not exist: a dangling link names the file to create. */
static int follow_links(const char *path, char *out, size_t len)
{
    struct stat st;
    char link[PATH_MAX], dir[PATH_MAX];
    const char *base;
    if (strlen(path) >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(out, path);
    for (int hops = 0;; hops++) {
        if (lstat(out, &st) != 0)
            return errno == ENOENT ? 0 : -1;
        if (!S_ISLNK(st.st_mode))
            return 0;
        ssize_t n = hops < 40 ? readlink(out, link, sizeof link - 1) : -1;
        if (hops >= 40)
            errno = ELOOP;
        if (n < 0)
            return -1;
        link[n] = '\0';
        split(out, dir, &base);
        int w = link[0] == '/' ? snprintf(out, len, "%s", link)
                               : snprintf(out, len, "%s/%s", dir, link);
        if (w < 0 || (size_t)w >= len) {
            errno = ENAMETOOLONG;
            return -1;
        }
    }
}

int cbench_store_resolve(const char *path, char *out, size_t len, char *err, size_t errlen)
{
    struct stat st;
    char target[PATH_MAX], dir[PATH_MAX], real[PATH_MAX];
    const char *base;
    /* stat() follows every link, /proc's magic ones too (a pipe's). */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return cbench__fail(err, errlen, CBENCH_EINVAL, "cannot write '%s': it is %s, not a"
                            " regular file%s", path, kind_of(st.st_mode),
                            S_ISDIR(st.st_mode) ? "" : " (use - for standard output)");
    if (follow_links(path, target, sizeof target) != 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot write '%s': cannot follow its"
                            " symbolic link: %s", path, strerror(errno));
    split(target, dir, &base);
    if (base[0] == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "cannot write '%s': not a file name",
                            path);
    if (realpath(dir, real) == NULL)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot write '%s': directory '%s': %s",
                            path, dir, strerror(errno));
    int n = snprintf(out, len, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
    if (n < 0 || (size_t)n >= len)
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "cannot write '%s': path too long",
                            path);
    return 0;
}

/* {==================================================================
 * Writing.
 * =================================================================== */

/* Writes all of data to fd (the file 'path', for the fault hook). */
static int write_all(int fd, const void *data, size_t len, const char *path)
{
    const char *p = data;
    if (cbench__store_faulted("write", path))
        return -1;
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
                             cbench_store_fd_hook hook, void *ctx, const char *path)
{
    if (fchmod(fd, mode) != 0)
        return "cannot set the mode of";
    if (hook != NULL && hook(fd, ctx) != 0)
        return "cannot prepare";
    if (write_all(fd, data, len, path) != 0)
        return "cannot write";
    if (cbench__store_faulted("fsync", path) || fsync(fd) != 0)
        return "cannot fsync";
    return NULL;
}

/* Standard output, in place (it may be a pipe or the user's own file). */
static int write_stdout(const void *data, size_t len, char *err, size_t errlen)
{
    if (fflush(stdout) != 0 || write_all(STDOUT_FILENO, data, len, "-") != 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot write standard output: %s",
                            strerror(errno));
    return 0;
}

/* Temp file, fill, rename over path (already resolved), fsync dir. */
static int replace(const char *path, const void *data, size_t len, cbench_store_fd_hook hook,
                   void *ctx, char *err, size_t errlen)
{
    char dir[PATH_MAX], tmp[PATH_MAX + 16];
    const char *base;
    struct stat st;
    split(path, dir, &base);
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base);
    mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644;
    int fd = cbench__store_faulted("create", path) ? -1 : mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot create a temporary file in '%s'"
                            " to write '%s': %s", dir, path, strerror(errno));
    const char *step = fill_temp(fd, data, len, mode, hook, ctx, path);
    int e = errno;
    if (close(fd) != 0 && step == NULL) {
        step = "cannot close";
        e = errno;
    }
    if (step == NULL && (cbench__store_faulted("rename", path) || rename(tmp, path) != 0)) {
        step = "cannot rename";
        e = errno;
    }
    if (step != NULL) {
        unlink(tmp);
        return cbench__fail(err, errlen, CBENCH_EIO, "%s '%s' (writing '%s'): %s; '%s' was"
                            " left unchanged", step, tmp, path, strerror(e), path);
    }
    if (sync_dir(dir) != 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "wrote '%s' but cannot fsync directory"
                            " '%s': %s", path, dir, strerror(errno));
    return 0;
}

int cbench_store_write_atomic_hooked(const char *path, const void *data,
                                     size_t len, cbench_store_fd_hook hook,
                                     void *ctx, char *err, size_t errlen)
{
    char real[PATH_MAX];
    if (cbench_store_is_stdout(path))
        return write_stdout(data, len, err, errlen);
    int rc = cbench_store_resolve(path, real, sizeof real, err, errlen);
    return rc != 0 ? rc : replace(real, data, len, hook, ctx, err, errlen);
}

int cbench_store_write_atomic(const char *path, const void *data, size_t len,
                              char *err, size_t errlen)
{
    return cbench_store_write_atomic_hooked(path, data, len, NULL, NULL, err, errlen);
}
