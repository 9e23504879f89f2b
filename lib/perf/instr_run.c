/* SPDX-License-Identifier: MIT
 *
 * instr_run.c - the parent side of deterministic mode: run a command under
 * callgrind with the real LL geometry, collect and parse its output files,
 * and turn the totals into exact per-iteration counters (see instr.h).
 */
#include "model/result.h"
#include "perf/instr.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SYSFS_CACHE "/sys/devices/system/cpu/cpu0/cache"
#define MAX_ARGS 256

/* Error messages go through the shared cbench__fail (model/result.h). */
#define set_err(err, errlen, ...) ((void)cbench__fail(err, errlen, 0, __VA_ARGS__))

/* Copies the last few lines of valgrind's log into buf (for errors). */
static void log_tail(const char *dir, char *buf, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/valgrind.log", dir);
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, size > (long)len - 1 ? size - (long)len + 1 : 0, SEEK_SET);
    size_t got = fread(buf, 1, len - 1, f);
    buf[got] = '\0';
    fclose(f);
    while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == ' '))
        buf[--got] = '\0';
}

/* Removes the temp dir's files and the dir itself. */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* Parses every callgrind.out.<pid> in dir into *out. */
static int parse_dir(const char *dir, cbench_instr_totals *out, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0, files = 0;
    if (d == NULL) {
        set_err(err, errlen, "instr: %s: %s", dir, strerror(errno));
        return CBENCH_EIO;
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char path[512];
        if (strncmp(e->d_name, "callgrind.out.", 14) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL) {
            set_err(err, errlen, "instr: cannot read '%s': %s", path, strerror(errno));
            rc = CBENCH_EIO;
            break;
        }
        rc = cbench_instr_parse(f, path, out, err, errlen);
        fclose(f);
        files++;
    }
    closedir(d);
    if (rc == 0 && files == 0) {
        set_err(err, errlen, "instr: callgrind wrote no output file in %s", dir);
        rc = CBENCH_EFORMAT;
    }
    return rc;
}

/* Builds valgrind's argv in args (strings in store). Returns argc or -1. */
static int build_argv(const char *const *argv, const char *dir, const char **args,
                      char store[3][600])
{
    cbench_cache_geometry g;
    int n = 0;
    args[n++] = "valgrind";
    args[n++] = "--tool=callgrind";
    args[n++] = "--collect-atstart=no";
    args[n++] = "--cache-sim=yes";
    if (cbench_instr_ll_geometry(SYSFS_CACHE, &g, NULL, 0) == 0) {
        snprintf(store[0], sizeof store[0], "--LL=%lu,%lu,%lu", g.size, g.assoc, g.line);
        args[n++] = store[0];
    }
    snprintf(store[1], sizeof store[1], "--callgrind-out-file=%s/callgrind.out.%%p", dir);
    snprintf(store[2], sizeof store[2], "--log-file=%s/valgrind.log", dir);
    args[n++] = store[1];
    args[n++] = store[2];
    for (size_t i = 0; argv[i] != NULL; i++) {
        if (n >= MAX_ARGS - 1)
            return -1;
        args[n++] = argv[i];
    }
    args[n] = NULL;
    return n;
}

/* Spawns valgrind and waits. 0, or an error code with err filled. */
static int spawn_wait(const char **args, const char *prog, const char *dir, char *err,
                      size_t errlen)
{
    pid_t pid;
    int status, e;
    char tail[400];
    e = posix_spawnp(&pid, "valgrind", NULL, NULL, (char *const *)args, environ);
    if (e != 0) {
        set_err(err, errlen, "instr: cannot run valgrind: %s (install it: apt install valgrind)",
                strerror(e));
        return e == ENOENT ? CBENCH_ENOTSUP : CBENCH_EIO;
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return CBENCH_EIO;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    log_tail(dir, tail, sizeof tail);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && tail[0] == '\0')
        set_err(err, errlen, "instr: valgrind could not execute '%s' (not found or not "
                "executable)", prog);
    else if (WIFSIGNALED(status))
        set_err(err, errlen, "instr: '%s' killed by signal %d under valgrind; log ends:\n%s",
                prog, WTERMSIG(status), tail);
    else
        set_err(err, errlen, "instr: '%s' under valgrind exited with status %d; log ends:\n%s",
                prog, WEXITSTATUS(status), tail);
    return CBENCH_ECRASH;
}

int cbench_instr_run(const char *const *argv, cbench_instr_totals *out,
                     char *err, size_t errlen)
{
    const char *args[MAX_ARGS];
    char store[3][600], dir[] = "/tmp/cbench-instr-XXXXXX";
    int rc;
    if (argv == NULL || argv[0] == NULL || out == NULL) {
        set_err(err, errlen, "instr: no command to run");
        return CBENCH_EINVAL;
    }
    cbench_instr_totals_init(out);
    if (mkdtemp(dir) == NULL) {
        set_err(err, errlen, "instr: cannot create %s: %s", dir, strerror(errno));
        return CBENCH_EIO;
    }
    if (build_argv(argv, dir, args, store) < 0) {
        set_err(err, errlen, "instr: too many arguments (max %d)", MAX_ARGS - 10);
        rc = CBENCH_EINVAL;
    } else if ((rc = spawn_wait(args, argv[0], dir, err, errlen)) == 0 &&
               (rc = parse_dir(dir, out, err, errlen)) == 0 && !(out->ir > 0)) {
        set_err(err, errlen, "instr: callgrind collected no instructions from '%s': the "
                "program must bracket its measured loop with cbench_instr_region_begin/end",
                argv[0]);
        rc = CBENCH_EFORMAT;
    }
    remove_dir(dir);
    return rc;
}

void cbench_instr_to_counters(const cbench_instr_totals *t, double iters,
                              cbench_result *r)
{
    const char *names[] = {"instructions", "L1-dcache-loads", "L1-dcache-stores",
                           "L1-dcache-load-misses", "L1-dcache-store-misses",
                           "LL-load-misses", "LL-store-misses"};
    const double vals[] = {t->ir, t->dr, t->dw, t->d1mr, t->d1mw, t->dlmr, t->dlmw};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        if (isnan(vals[i]) || !(iters > 0) || r->n_counters >= CBENCH_MAX_COUNTERS)
            continue;
        cbench_counter_value *cv = &r->counters[r->n_counters++];
        memset(cv, 0, sizeof *cv);
        snprintf(cv->name, sizeof cv->name, "%s", names[i]);
        cv->per_iter = vals[i] / iters;
        cv->base_per_iter = NAN;
        cv->exact = 1;
    }
}
