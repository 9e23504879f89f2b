/* SPDX-License-Identifier: MIT
 *
 * testfile.h - file and shell helpers shared by the tests.
 */
#ifndef CBENCH_TESTS_TESTFILE_H
#define CBENCH_TESTS_TESTFILE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The whole file as a malloc'd NUL-terminated string, NULL if it cannot
 * be opened or memory runs out. */
static inline char *test_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Runs a printf-formatted shell command; returns system()'s status. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline int test_sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

#endif
