/* SPDX-License-Identifier: MIT
 *
 * store.c - named baselines in a directory: paths, loading, saving with a
 * lock + re-read + merge + atomic rename, and listing.
 *
 * Concurrency: two bench executables saving into one baseline at the same
 * time serialize on an flock of DIR/NAME.json.lock. Each re-reads the file
 * under the lock, so neither loses the other's benchmarks. Readers take no
 * lock: the file is only ever replaced by rename(), so they see either the
 * old or the new version, complete.
 */
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Baselines larger than this are refused rather than read into memory. */
#define CBENCH_STORE_MAX_FILE ((size_t)1 << 30)

int cbench_store_valid_name(const char *name)
{
    if (name == NULL || name[0] == '\0' || name[0] == '.')
        return 0;
    for (const char *p = name; *p != '\0'; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok)
            return 0;
    }
    return 1;
}

int cbench_store_path(const char *dir, const char *name, char *buf, size_t len)
{
    if (dir == NULL || !cbench_store_valid_name(name))
        return CBENCH_EINVAL;
    int n = snprintf(buf, len, "%s/%s.json", dir, name);
    return (n < 0 || (size_t)n >= len) ? CBENCH_ENOMEM : 0;
}

static int bad_name(const char *name, char *err, size_t errlen)
{
    return cbench__fail(err, errlen, CBENCH_EINVAL,
                "invalid baseline name '%s' (expected letters, digits, '.', '_' or"
                " '-', not starting with '.')", name != NULL ? name : "(null)");
}

int cbench_store_read_fd(int fd, char **buf, size_t *len)
{
    struct stat st;
    size_t cap = 0, n = 0;
    char *b = NULL;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    for (;;) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = ncap <= CBENCH_STORE_MAX_FILE + 1 ? realloc(b, ncap) : NULL;
            if (nb == NULL) {
                free(b);
                errno = ncap > CBENCH_STORE_MAX_FILE + 1 ? EFBIG : ENOMEM;
                return -1;
            }
            b = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(b);
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *buf = b;
    *len = n;
    return 0;
}

int cbench_store_load_file(const char *path, cbench_run **out, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cbench__fail(err, errlen, errno == ENOENT ? CBENCH_ENOENT : CBENCH_EIO,
                    "baseline '%s': cannot open: %s", path, strerror(errno));
    int rc = cbench_store_read_fd(fd, &buf, &len);
    int e = errno;
    close(fd);
    if (rc != 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "baseline '%s': cannot read: %s", path,
                    strerror(e));
    rc = cbench_store_parse(buf, len, path, out, err, errlen);
    free(buf);
    return rc;
}

int cbench_store_load(const char *dir, const char *name, cbench_run **out,
                      char *err, size_t errlen)
{
    char path[4096];
    *out = NULL;
    if (!cbench_store_valid_name(name))
        return bad_name(name, err, errlen);
    if (cbench_store_path(dir, name, path, sizeof path) != 0)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "baseline directory '%s': path too long",
                    dir != NULL ? dir : "(null)");
    int rc = cbench_store_load_file(path, out, err, errlen);
    if (rc == CBENCH_ENOENT)
        cbench__fail(err, errlen, rc, "no baseline '%s' in '%s' (%s does not exist)", name, dir,
             path);
    return rc;
}

/* {==================================================================
 * Saving: lock, re-read, merge, write atomically.
 * =================================================================== */

/* The file at path into *buf (NULL when there is none yet). */
static int read_existing(const char *path, const char *name, char **buf, size_t *len,
                         char *err, size_t errlen)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return 0;
    int rc = fd < 0 ? -1 : cbench_store_read_fd(fd, buf, len);
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (rc != 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot save baseline '%s': cannot read"
                            " '%s': %s", name, path, strerror(e));
    return 0;
}

/* The message of a save refused because the file there cannot be read. */
static int not_usable(const char *name, int rc, char *err, size_t errlen)
{
    char inner[768];
    if (rc == CBENCH_ENOMEM)
        return rc;
    snprintf(inner, sizeof inner, "%s", err != NULL ? err : "");
    return cbench__fail(err, errlen, rc, "cannot save baseline '%s': the existing file is not"
                        " usable, so it was left untouched (move it away to start a new one):"
                        " %s", name, inner);
}

/* Opens and exclusively flocks DIR/NAME.json.lock; returns the fd or -1. */
static int lock_baseline(const char *path, const char *name, char *err, size_t errlen)
{
    char lock[4096 + 8];
    snprintf(lock, sizeof lock, "%s.lock", path);
    int fd = cbench__store_faulted("lock", path) ? -1 : open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        cbench__fail(err, errlen, CBENCH_EIO, "cannot save baseline '%s': cannot create lock"
             " file '%s': %s", name, lock, strerror(errno));
        return -1;
    }
    int rc;
    while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
        ;
    if (rc != 0) {
        cbench__fail(err, errlen, CBENCH_EIO, "cannot save baseline '%s': cannot lock '%s': %s",
             name, lock, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* Creates DIR, resolves DIR/NAME.json into path (4096 bytes) and locks
 * it: the lock's fd, or -1 with err set. */
static int open_locked(const char *dir, const char *name, char *path, char *err, size_t errlen)
{
    char given[4096], inner[768];
    if (!cbench_store_valid_name(name)) {
        bad_name(name, err, errlen);
        return -1;
    }
    if (cbench_store_path(dir, name, given, sizeof given) != 0) {
        cbench__fail(err, errlen, CBENCH_EINVAL, "cannot save baseline '%s': directory path"
                     " too long", name);
        return -1;
    }
    int rc = cbench_store_mkdirs(dir, inner, sizeof inner);
    if (rc == 0)
        rc = cbench_store_resolve(given, path, 4096, inner, sizeof inner);
    if (rc != 0) {
        cbench__fail(err, errlen, rc, "cannot save baseline '%s': %s", name, inner);
        return -1;
    }
    return lock_baseline(path, name, err, errlen);
}

int cbench_store_check_save(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096], *buf = NULL;
    size_t len = 0;
    cbench_run *cur = NULL;
    int lock = open_locked(dir, name, path, err, errlen);
    if (lock < 0)
        return cbench_store_valid_name(name) ? CBENCH_EIO : CBENCH_EINVAL;
    int rc = read_existing(path, name, &buf, &len, err, errlen);
    if (rc == 0 && buf != NULL && (rc = cbench_store_parse(buf, len, path, &cur, err, errlen)) != 0)
        rc = not_usable(name, rc, err, errlen);
    cbench__run_free(cur);
    free(buf);
    close(lock);
    return rc;
}

int cbench_store_save_ex(const char *dir, const char *name, const cbench_run *run,
                         cbench_store_merge_info *info, char *err, size_t errlen)
{
    char path[4096], inner[768], *old = NULL, *text = NULL;
    size_t old_len = 0, len = 0;
    cbench_store_merge_info mine;
    info = info != NULL ? info : &mine;
    if (run == NULL)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "cannot save baseline '%s': no results",
                            name != NULL ? name : "(null)");
    for (size_t i = 0; i < run->n_results; i++)
        if (run->results[i].id == NULL)
            return cbench__fail(err, errlen, CBENCH_EINVAL, "cannot save baseline '%s': a"
                                " result has no id", name != NULL ? name : "(null)");
    int lock = open_locked(dir, name, path, err, errlen);
    if (lock < 0)
        return cbench_store_valid_name(name) ? CBENCH_EIO : CBENCH_EINVAL;
    int rc = read_existing(path, name, &old, &old_len, err, errlen);
    if (rc == 0 && (rc = cbench_store_merge(old, old_len, path, run, &text, &len, info, err,
                                            errlen)) != 0)
        rc = not_usable(name, rc, err, errlen);
    /* Nothing of run goes in (every result kept a complete one): the file
     * stays as it is, its context still the run that measured it. */
    int unchanged = rc == 0 && old != NULL && info->kept == run->n_results;
    if (rc == 0 && !unchanged
        && (rc = cbench_store_write_atomic(path, text, len, inner, sizeof inner)) != 0)
        cbench__fail(err, errlen, rc, "cannot save baseline '%s': %s", name, inner);
    free(text);
    free(old);
    close(lock);                 /* releases the flock */
    return rc;
}

int cbench_store_save(const char *dir, const char *name, const cbench_run *run,
                      char *err, size_t errlen)
{
    return cbench_store_save_ex(dir, name, run, NULL, err, errlen);
}

/* {==================================================================
 * Listing.
 * =================================================================== */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* If entry is "NAME.json" with a valid NAME, returns a copy of NAME. */
static char *baseline_name(const char *entry, int *oom)
{
    size_t n = strlen(entry);
    *oom = 0;
    if (n <= 5 || strcmp(entry + n - 5, ".json") != 0)
        return NULL;
    char *name = malloc(n - 4);
    if (name == NULL) {
        *oom = 1;
        return NULL;
    }
    memcpy(name, entry, n - 5);
    name[n - 5] = '\0';
    if (!cbench_store_valid_name(name)) {
        free(name);
        return NULL;
    }
    return name;
}

void cbench_store_list_free(char **names, size_t n)
{
    if (names == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int cbench_store_list(const char *dir, char ***names, size_t *n, char *err, size_t errlen)
{
    char **v = NULL;
    size_t cnt = 0, cap = 0;
    int oom = 0;
    struct dirent *de;
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (d == NULL && errno == ENOENT)
        return 0;
    if (d == NULL)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot list baselines in '%s': %s", dir,
                    strerror(errno));
    while (!oom && (de = readdir(d)) != NULL) {
        char *name = baseline_name(de->d_name, &oom);
        if (name == NULL)
            continue;
        if (cnt == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **nv = realloc(v, ncap * sizeof *nv);
            if (nv == NULL) {
                free(name);
                oom = 1;
                break;
            }
            v = nv;
            cap = ncap;
        }
        v[cnt++] = name;
    }
    closedir(d);
    if (oom) {
        cbench_store_list_free(v, cnt);
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "cannot list baselines in '%s': out of"
                    " memory", dir);
    }
    if (cnt > 1)
        qsort(v, cnt, sizeof *v, cmp_names);
    *names = v;
    *n = cnt;
    return 0;
}
