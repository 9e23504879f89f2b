/* SPDX-License-Identifier: MIT
 *
 * testutil.h - small file helpers for the plot tests.
 */
#ifndef CBENCH_TESTS_PLOT_TESTUTIL_H
#define CBENCH_TESTS_PLOT_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testfile.h"

/* The section the plot tests write (one run, one executable "t"), and
 * where its charts go inside the report directory. */
#define TU_RUN_ID "test-run"
#define TU_SECTION "t"
#define TU_CHARTS "sections/t/charts"

/* A fresh temporary directory (static buffer per call site's copy). */
static inline char *tu_tmpdir(const char *tag)
{
    const char *root = getenv("CBENCH_BUILD_ROOT");
    char tmpl[1024];
    snprintf(tmpl, sizeof tmpl, "%s/cbench-plot-%s-XXXXXX", root && *root ? root : "/tmp", tag);
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

/* The whole file as a NUL-terminated string (NULL if unreadable). */
static inline char *tu_read(const char *path)
{
    return test_read_file(path);
}

static inline char *tu_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static inline int tu_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* tu_exists / tu_read of dir/name. */
static inline int tu_has(const char *dir, const char *name)
{
    char *p = tu_path(dir, name);
    int yes = tu_exists(p);
    free(p);
    return yes;
}

static inline char *tu_slurp(const char *dir, const char *name)
{
    char *p = tu_path(dir, name), *s = tu_read(p);
    free(p);
    return s;
}

/* Number of entries of dir (without . and ..); -1 if it does not exist. */
static inline int tu_count(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Whether file dir/name contains 'needle'. */
static inline int tu_contains(const char *dir, const char *name, const char *needle)
{
    char *p = tu_path(dir, name), *s = tu_read(p);
    int yes = s != NULL && strstr(s, needle) != NULL;
    if (s == NULL)
        fprintf(stderr, "cannot read %s\n", p);
    else if (!yes)
        fprintf(stderr, "%s lacks \"%s\"\n", p, needle);
    free(s);
    free(p);
    return yes;
}

/* Removes dir and everything in it (kept when CBENCH_TEST_KEEP is set, to
 * look at the output). */
static inline void tu_rmtree(const char *dir)
{
    if (getenv("CBENCH_TEST_KEEP") != NULL)
        return;
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = tu_path(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            tu_rmtree(p);
        else
            unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

#endif /* CBENCH_TESTS_PLOT_TESTUTIL_H */
