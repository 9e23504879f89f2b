/* SPDX-License-Identifier: MIT
 *
 * runid.c - the id of the run this process belongs to (see runid.h).
 */
#include "measure/runid.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cbench.h"

/* Reads up to n - 1 bytes of proc/pid/name (pid < 0: proc/name) into buf,
 * NUL-terminated; the byte count, or -1. */
static long read_proc(const char *proc, long pid, const char *name, char *buf, size_t n)
{
    char path[4096];
    if (pid >= 0)
        snprintf(path, sizeof path, "%s/%ld/%s", proc, pid, name);
    else
        snprintf(path, sizeof path, "%s/%s", proc, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t got = 0;
    while (got + 1 < n) {
        ssize_t r = read(fd, buf + got, n - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    return (long)got;
}

/* Field 22 of proc/pid/stat (the start time), counted after the command
 * name, which is in parentheses and may itself hold spaces and ')'. */
static int start_time(const char *proc, long pid, unsigned long long *out)
{
    char stat[1024];
    if (read_proc(proc, pid, "stat", stat, sizeof stat) <= 0)
        return -1;
    const char *p = strrchr(stat, ')');
    if (p == NULL)
        return -1;
    p++;                                   /* field 3 (state) follows */
    for (int field = 3; field < 22; field++) {
        p += strspn(p, " ");
        p += strcspn(p, " ");
    }
    char *end;
    *out = strtoull(p, &end, 10);
    return end == p ? -1 : 0;
}

static const char *base_name(const char *s)
{
    const char *slash = strrchr(s, '/');
    return slash ? slash + 1 : s;
}

int cbench_runid_is_meson_test(const char *args, size_t len)
{
    const char *prev = NULL, *prev2 = NULL;
    for (const char *a = args; a < args + len; a += strlen(a) + 1) {
        if (prev != NULL && strcmp(a, "test") == 0) {
            const char *b = base_name(prev);
            if (strcmp(b, "meson") == 0 || strcmp(b, "meson.py") == 0
                || (strcmp(prev, "mesonbuild.mesonmain") == 0 && prev2 != NULL
                    && strcmp(prev2, "-m") == 0))
                return 1;
        }
        prev2 = prev;
        prev = a;
    }
    return 0;
}

int cbench_runid_runs_meson_test(const char *proc, long pid)
{
    char args[4096];
    long len = read_proc(proc, pid, "cmdline", args, sizeof args);
    return len > 0 && cbench_runid_is_meson_test(args, (size_t)len);
}

/* "-" and the boot id's first 8 characters, or "" without one. */
static void boot_suffix(const char *proc, char *out, size_t n)
{
    char id[64];
    out[0] = '\0';
    if (read_proc(proc, -1, "sys/kernel/random/boot_id", id, sizeof id) >= 8)
        snprintf(out, n, "-%.8s", id);
}

static void from_env(const char *env, char *buf, size_t n)
{
    size_t k = (size_t)snprintf(buf, n, "env-");
    for (const char *s = env; *s && k + 1 < n && k < CBENCH_RUNID_MAX - 1; s++) {
        char c = *s;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                 || c == '.' || c == '_' || c == '-';
        buf[k++] = ok ? c : '_';
    }
    buf[k] = '\0';
}

int cbench_runid_from(const char *proc, const char *env, long pid, long ppid, char *buf,
                      size_t n)
{
    if (buf == NULL || n < CBENCH_RUNID_MAX)
        return CBENCH_EINVAL;
    if (env != NULL && *env) {
        from_env(env, buf, n);
        return 0;
    }
    char boot[16];
    unsigned long long start;
    boot_suffix(proc, boot, sizeof boot);
    if (cbench_runid_runs_meson_test(proc, ppid) && start_time(proc, ppid, &start) == 0) {
        snprintf(buf, n, "meson-%ld-%llu%s", ppid, start, boot);
        return 0;
    }
    if (start_time(proc, pid, &start) == 0)
        snprintf(buf, n, "pid-%ld-%llu%s", pid, start, boot);
    else
        snprintf(buf, n, "pid-%ld-t%lld", pid, (long long)time(NULL));
    return 0;
}

int cbench_runid(char *buf, size_t n)
{
    return cbench_runid_from("/proc", getenv("CBENCH_RUN_ID"), (long)getpid(), (long)getppid(),
                             buf, n);
}

void cbench_runid_auto_baseline(int instr, int quick, int filtered, int saving, char *buf,
                                size_t n)
{
    snprintf(buf, n, "%s%s%s", instr ? "instr-last" : "last", quick ? "-quick" : "",
             saving && filtered ? "-filtered" : "");
}

int cbench_runid_history_ok(const char *name, int instr, int quick)
{
    char buf[32];
    for (int k = 0; k < 8; k++) {
        int i = k & 1, q = (k >> 1) & 1;
        cbench_runid_auto_baseline(i, q, k & 4, 1, buf, sizeof buf);
        if (strcmp(name, buf) == 0)
            return i == (instr != 0) && q == (quick != 0);
    }
    return 1;
}

const char *cbench_runid_report_subdir(int quick, int filtered)
{
    return quick ? (filtered ? "quick/filtered" : "quick") : filtered ? "filtered" : "";
}
