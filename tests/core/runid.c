/* SPDX-License-Identifier: MIT
 *
 * runid.c - which run a process belongs to (measure/runid.h), on a fake
 * /proc: the executables one `meson test` starts share the parent's id,
 * a hand invocation has its own, CBENCH_RUN_ID overrides both; command
 * names with spaces and parentheses do not shift the stat fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "measure/runid.h"

static char root[512];

static void put(const char *rel, const char *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *s = path + strlen(root) + 1; *s; s++)      /* mkdir -p the parents */
        if (*s == '/') {
            *s = '\0';
            mkdir(path, 0755);
            *s = '/';
        }
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

/* A process: its cmdline (args separated by '|') and a stat line whose
 * comm is 'comm' and start time 'start'. */
static void proc(long pid, const char *args, const char *comm, unsigned long long start)
{
    char rel[64], buf[1024], stat[1024];
    size_t n = strlen(args);
    memcpy(buf, args, n + 1);
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '|')
            buf[i] = '\0';
    snprintf(rel, sizeof rel, "%ld/cmdline", pid);
    put(rel, buf, n + 1);
    snprintf(stat, sizeof stat, "%ld (%s) S 1 %ld %ld 0 -1 4194560 100 0 0 0 10 5 0 0 20 0 1 0 "
             "%llu 5361664 995 18446744073709551615 1 2 3\n", pid, comm, pid, pid, start);
    snprintf(rel, sizeof rel, "%ld/stat", pid);
    put(rel, stat, strlen(stat));
}

static const char *id(const char *env, long pid, long ppid)
{
    static char buf[CBENCH_RUNID_MAX];
    CHECK_INT_EQ(cbench_runid_from(root, env, pid, ppid, buf, sizeof buf), 0);
    return buf;
}

static void test_meson_parent(void)
{
    proc(100, "/usr/bin/python3|/usr/bin/meson|test|-C|build|--benchmark", "meson", 51442);
    proc(201, "build/benches/engine|--baseline-dir=build/cbench", "engine", 60000);
    proc(202, "build/benches/points", "points", 61000);
    CHECK_STR_EQ(id(NULL, 201, 100), "meson-100-51442-0123abcd");
    CHECK_STR_EQ(id(NULL, 202, 100), "meson-100-51442-0123abcd");     /* the same run */
    CHECK_STR_EQ(id("", 202, 100), "meson-100-51442-0123abcd");       /* empty: unset */
    /* Another invocation: another meson process, or the same pid later. */
    proc(101, "meson|test|-C|build", "meson", 70000);
    CHECK_STR_EQ(id(NULL, 203, 101), "meson-101-70000-0123abcd");
    proc(100, "/usr/bin/python3|/usr/bin/meson|test|--benchmark", "meson", 99999);
    CHECK_STR_EQ(id(NULL, 201, 100), "meson-100-99999-0123abcd");
}

static void test_own_run(void)
{
    proc(300, "-bash", "bash", 1000);
    proc(301, "build/benches/engine|aos", "a (b) c)", 2000);   /* hostile comm */
    CHECK_STR_EQ(id(NULL, 301, 300), "pid-301-2000-0123abcd");
    /* `meson compile`, `meson setup` or a file named test are not meson test */
    proc(302, "/usr/bin/meson|compile|-C|build", "meson", 3000);
    CHECK_STR_EQ(id(NULL, 301, 302), "pid-301-2000-0123abcd");
    proc(303, "/usr/bin/sh|test", "sh", 3000);
    CHECK_STR_EQ(id(NULL, 301, 303), "pid-301-2000-0123abcd");
    /* No such parent, no such process: the pid and the clock. */
    CHECK(strncmp(id(NULL, 999, 998), "pid-999-t", 9) == 0);
}

static void test_env(void)
{
    CHECK_STR_EQ(id("figures-2026", 201, 100), "env-figures-2026");
    CHECK_STR_EQ(id("a b/../$x", 201, 100), "env-a_b_..__x");
    char big[400];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(strlen(id(big, 201, 100)) < CBENCH_RUNID_MAX);
    char small[8];
    CHECK(cbench_runid_from(root, NULL, 1, 1, small, sizeof small) != 0);
}

static void test_detection(void)
{
    static const char a[] = "python3\0-m\0mesonbuild.mesonmain\0test\0";
    static const char b[] = "/opt/meson/meson.py\0test\0";
    static const char c[] = "python3\0mesonbuild.mesonmain\0test\0";
    static const char d[] = "meson\0";
    CHECK(cbench_runid_is_meson_test(a, sizeof a - 1));
    CHECK(cbench_runid_is_meson_test(b, sizeof b - 1));
    CHECK(!cbench_runid_is_meson_test(c, sizeof c - 1));
    CHECK(!cbench_runid_is_meson_test(d, sizeof d - 1));
}

/* The real /proc: a process's id is stable across calls. */
static void test_real(void)
{
    char x[CBENCH_RUNID_MAX], y[CBENCH_RUNID_MAX];
    unsetenv("CBENCH_RUN_ID");
    CHECK_INT_EQ(cbench_runid(x, sizeof x), 0);
    CHECK_INT_EQ(cbench_runid(y, sizeof y), 0);
    CHECK_STR_EQ(x, y);
    CHECK(strncmp(x, "meson-", 6) == 0 || strncmp(x, "pid-", 4) == 0);
    setenv("CBENCH_RUN_ID", "mine", 1);
    CHECK_INT_EQ(cbench_runid(x, sizeof x), 0);
    CHECK_STR_EQ(x, "env-mine");
}

/* The table of runid.h: which automatic baseline a run compares with and
 * saves into, where its report goes, what may join its history. */
static void test_kinds(void)
{
    static const struct {
        int instr, quick, filtered;
        const char *compare, *save, *subdir;
    } t[] = {
        {0, 0, 0, "last", "last", ""},
        {0, 0, 1, "last", "last-filtered", "filtered"},
        {0, 1, 0, "last-quick", "last-quick", "quick"},
        {0, 1, 1, "last-quick", "last-quick-filtered", "quick/filtered"},
        {1, 0, 0, "instr-last", "instr-last", ""},
        {1, 1, 1, "instr-last-quick", "instr-last-quick-filtered", "quick/filtered"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char buf[32];
        cbench_runid_auto_baseline(t[i].instr, t[i].quick, t[i].filtered, 0, buf, sizeof buf);
        CHECK_STR_EQ(buf, t[i].compare);
        cbench_runid_auto_baseline(t[i].instr, t[i].quick, t[i].filtered, 1, buf, sizeof buf);
        CHECK_STR_EQ(buf, t[i].save);
        CHECK_STR_EQ(cbench_runid_report_subdir(t[i].quick, t[i].filtered), t[i].subdir);
    }
    CHECK(cbench_runid_history_ok("main", 0, 0) && cbench_runid_history_ok("main", 1, 1));
    CHECK(cbench_runid_history_ok("last", 0, 0) && cbench_runid_history_ok("last-filtered", 0, 0));
    CHECK(!cbench_runid_history_ok("last-quick", 0, 0));     /* never a full run's history */
    CHECK(!cbench_runid_history_ok("last-quick-filtered", 0, 0));
    CHECK(!cbench_runid_history_ok("last", 0, 1));
    CHECK(!cbench_runid_history_ok("instr-last", 0, 0));
    CHECK(cbench_runid_history_ok("last-quick", 0, 1));
    CHECK(cbench_runid_history_ok("lastly", 0, 1));
}

int main(void)
{
    const char *b = getenv("CBENCH_BUILD_ROOT");
    snprintf(root, sizeof root, "%s/runid-proc-XXXXXX", b && *b ? b : "/tmp");
    if (mkdtemp(root) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    put("sys/kernel/random/boot_id", "0123abcd-89ef-4567-0123-456789abcdef\n", 37);
    test_meson_parent();
    test_own_run();
    test_env();
    test_detection();
    test_real();
    test_kinds();
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_result();
}
