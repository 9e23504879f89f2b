/* SPDX-License-Identifier: MIT
 *
 * builds.c - the build a baseline was measured with, kept beside it.
 *
 * A stored baseline's numbers were measured minutes or days ago; on a
 * shared machine the drift since then is as large as the effects people
 * hunt, so "3 % slower than main" cannot be told from numbers alone. What
 * can tell it is running the old and the new code alternately (`cbench
 * ab`), but by then the build directory holds only the new code. So
 * `--save-baseline NAME` also keeps a copy of the executable, and of the
 * shared objects it loaded from outside the system's library directories
 * (the project's own libraries, which the next build replaces), in
 * DIR/NAME.builds/; `cbench ab --baseline NAME EXE` runs that copy
 * against EXE. Beside each copy, DIR/NAME.builds/.EXE.info records where
 * the executable was (so `cbench ab --baseline NAME` finds today's build
 * of each stored one without being told) and whether the run was --quick
 * (so the rerun measures what the baseline did): "key=value" lines.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

int cbench_store_builds_path(const char *dir, const char *name, char *buf, size_t len)
{
    if (dir == NULL || !cbench_store_valid_name(name))
        return CBENCH_EINVAL;
    int n = snprintf(buf, len, "%s/%s.builds", dir, name);
    return n < 0 || (size_t)n >= len ? CBENCH_ENOMEM : 0;
}

static int make_executable(int fd, void *ctx)
{
    (void)ctx;
    return fchmod(fd, 0755);
}

/* Copies the file at from (following symbolic links) to to, atomically,
 * with mode 0755. */
static int copy_file(const char *from, const char *to, char *err, size_t errlen)
{
    size_t len = 0;
    char *data = NULL;
    int fd = open(from, O_RDONLY | O_CLOEXEC);
    int rc = fd < 0 ? -1 : cbench_store_read_fd(fd, &data, &len);
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (rc != 0)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot read '%s' to store it: %s",
                            from, strerror(e));
    rc = cbench_store_write_atomic_hooked(to, data, len, make_executable, NULL, err, errlen);
    free(data);
    return rc;
}

/* Whether a loaded object comes with the system (its next version is not
 * this project's change): the loader's own directories. */
static int system_object(const char *path)
{
    static const char *const prefixes[] = {"/lib/", "/lib32/", "/lib64/", "/libx32/",
                                           "/usr/lib/", "/usr/lib32/", "/usr/lib64/",
                                           "/usr/libx32/"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(path, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

typedef struct lib_copy {
    const char *libs_dir;
    char *err;
    size_t errlen;
    int rc, copied;
} lib_copy;

/* dl_iterate_phdr callback. dlpi_name is the path the loader opened, built
 * from the DT_NEEDED name, so its base name is what the loader will look
 * for in the stored copy's directory. The program itself has an empty
 * name, the vDSO one without a '/'. */
static int copy_loaded(struct dl_phdr_info *info, size_t size, void *ctx)
{
    (void)size;
    lib_copy *c = ctx;
    const char *path = info->dlpi_name;
    if (c->rc != 0 || path == NULL || path[0] != '/' || system_object(path))
        return 0;
    if (c->copied == 0)
        c->rc = cbench_store_mkdirs(c->libs_dir, c->err, c->errlen);
    char to[4096];
    const char *base = strrchr(path, '/') + 1;
    if (c->rc == 0 && snprintf(to, sizeof to, "%s/%s", c->libs_dir, base) >= (int)sizeof to)
        c->rc = cbench__fail(c->err, c->errlen, CBENCH_EINVAL, "path too long: '%s/%s'",
                             c->libs_dir, base);
    if (c->rc == 0)
        c->rc = copy_file(path, to, c->err, c->errlen);
    c->copied += c->rc == 0;
    return 0;
}

/* Writes DIR/NAME.builds/.EXE.info for the executable at exe. */
static int save_info(const char *builds, const char *exe, int quick, char *err, size_t errlen)
{
    char path[4400], text[4200];
    const char *base = strrchr(exe, '/') + 1;
    snprintf(path, sizeof path, "%s/.%s.info", builds, base);
    int n = snprintf(text, sizeof text, "path=%s\nquick=%d\n", exe, quick ? 1 : 0);
    if (n < 0 || (size_t)n >= sizeof text)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "path too long: '%s'", exe);
    return cbench_store_write_atomic(path, text, (size_t)n, err, errlen);
}

int cbench_store_save_build(const char *dir, const char *name, int quick, char *err,
                            size_t errlen)
{
    char builds[2048], exe[2048], to[4200];
    if (cbench_store_builds_path(dir, name, builds, sizeof builds) != 0)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "cannot store the build of "
                            "baseline '%s': invalid name or directory", name ? name : "");
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1)
        return cbench__fail(err, errlen, CBENCH_EIO, "cannot store the build of baseline "
                            "'%s': cannot find this executable (/proc/self/exe: %s)", name,
                            n < 0 ? strerror(errno) : "path too long");
    exe[n] = '\0';
    const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
    snprintf(to, sizeof to, "%s/%s", builds, base);
    int rc = cbench_store_mkdirs(builds, err, errlen);
    if (rc == 0)
        rc = copy_file(exe, to, err, errlen);
    if (rc == 0 && exe[0] == '/')
        rc = save_info(builds, exe, quick, err, errlen);
    if (rc != 0)
        return rc;
    char libs[4220];
    snprintf(libs, sizeof libs, "%s.libs", to);
    lib_copy c = {libs, err, errlen, 0, 0};
    dl_iterate_phdr(copy_loaded, &c);
    return c.rc;
}

int cbench_store_build_of(const char *dir, const char *name, const char *exe,
                          char *path, size_t len, char *libs, size_t libs_len)
{
    char builds[4096];
    if (cbench_store_builds_path(dir, name, builds, sizeof builds) != 0)
        return CBENCH_EINVAL;
    const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
    int n = snprintf(path, len, "%s/%s", builds, base);
    int m = snprintf(libs, libs_len, "%s/%s.libs", builds, base);
    if (n < 0 || (size_t)n >= len || m < 0 || (size_t)m >= libs_len)
        return CBENCH_ENOMEM;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return CBENCH_ENOENT;
    if (stat(libs, &st) != 0 || !S_ISDIR(st.st_mode))
        libs[0] = '\0';
    return 0;
}

int cbench_store_build_info(const char *dir, const char *name, const char *exe,
                            cbench_build_info *info)
{
    char builds[4096], path[4400];
    memset(info, 0, sizeof *info);
    if (cbench_store_builds_path(dir, name, builds, sizeof builds) != 0)
        return CBENCH_EINVAL;
    const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
    snprintf(path, sizeof path, "%s/.%s.info", builds, base);
    FILE *f = fopen(path, "r");
    if (f == NULL)                  /* fopen allocates: not "nothing recorded" */
        return errno == ENOMEM ? CBENCH_ENOMEM : CBENCH_ENOENT;
    char line[4200];
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "path=", 5) == 0 && strlen(line + 5) < sizeof info->path)
            memcpy(info->path, line + 5, strlen(line + 5) + 1);
        else if (strncmp(line, "quick=", 6) == 0)
            info->quick = strcmp(line + 6, "1") == 0;
    }
    fclose(f);
    return info->path[0] == '/' ? 0 : CBENCH_EFORMAT;
}

/* strcmp for qsort over char *. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cbench_store_builds_list(const char *dir, const char *name, char *buf, size_t len)
{
    char builds[4096];
    if (len == 0)
        return CBENCH_ENOMEM;
    buf[0] = '\0';
    if (cbench_store_builds_path(dir, name, builds, sizeof builds) != 0)
        return CBENCH_EINVAL;
    DIR *d = opendir(builds);
    if (d == NULL)                  /* none stored, unless opendir ran out of memory */
        return errno == ENOMEM ? CBENCH_ENOMEM : 0;
    char *names[256];
    size_t n = 0;
    int rc = 0;
    for (struct dirent *e; n < 256 && (e = readdir(d)) != NULL;) {
        char path[4400];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", builds, e->d_name);
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if ((names[n] = cbench__strdup(e->d_name)) == NULL) {
            rc = CBENCH_ENOMEM;         /* the names so far: never sort a NULL */
            break;
        }
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", names[i]);
        if (k < 0 || (size_t)k >= len - used)
            rc = CBENCH_ENOMEM;
        else
            used += (size_t)k;
        free(names[i]);
    }
    return rc;
}
