/* SPDX-License-Identifier: MIT
 *
 * ab_run.c - one process of a build for `cbench ab`: run with the flags
 * that make it measure each selected benchmark once and print its results
 * as baseline JSON, stdout captured and parsed, stderr kept in a file for
 * the message when it fails; and the check that a stored build loads its
 * stored shared objects.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ab.h"
#include "model/result.h"
#include "model/text.h"
#include "store/store.h"

#define nomem cbench_ab_nomem

int cbench_ab_nomem(void)
{
    fprintf(stderr, "cbench ab: out of memory\n");
    return AB_NOMEM;
}

/* Runs argv, capturing stdout (malloc'd, NUL-terminated; NULL when out of
 * memory, with errno ENOMEM); stderr goes to errfile. libs (when not empty) goes first on LD_LIBRARY_PATH, so a
 * stored build loads its stored shared objects; trace asks the loader to
 * list what it would load instead of running (what ldd does). Returns the
 * exit status, or -1 if it could not run. */
static int capture(char *const *argv, char **out, const char *errfile, const char *libs,
                   int trace)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        if (freopen(errfile, "w", stderr) == NULL)
            _exit(126);
        if (libs != NULL && *libs) {
            const char *old = getenv("LD_LIBRARY_PATH");
            size_t n = strlen(libs) + (old ? strlen(old) : 0) + 2;
            char *path = malloc(n);
            if (path == NULL)
                _exit(126);
            snprintf(path, n, "%s%s%s", libs, old && *old ? ":" : "", old && *old ? old : "");
            setenv("LD_LIBRARY_PATH", path, 1);
        }
        if (trace)
            setenv("LD_TRACE_LOADED_OBJECTS", "1", 1);
        execv(argv[0], argv);
        fprintf(stderr, "cannot execute %s: %s\n", argv[0], strerror(errno));
        fflush(stderr);
        _exit(127);
    }
    close(fds[1]);
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    ssize_t k;
    while (buf && (k = read(fds[0], buf + len, cap - len - 1)) > 0) {
        len += (size_t)k;
        if (cap - len < 4096) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) { free(buf); buf = NULL; break; }
            buf = nb;
        }
    }
    close(fds[0]);
    int ws = 0;
    waitpid(pid, &ws, 0);
    if (buf)
        buf[len] = '\0';
    else
        errno = ENOMEM;
    *out = buf;
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

/* The first line of a file (empty when none), for an error message. */
static int first_line(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    buf[0] = '\0';
    if (f != NULL) {
        if (fgets(buf, (int)size, f) == NULL)
            buf[0] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        fclose(f);
    }
    return buf[0] != '\0';
}

/* One process of build `side` measuring once every benchmark that the
 * filters select, or only the unsettled ones (ids, exact) after round 1.
 * 0, AB_FAILED or AB_NOMEM. */
int cbench_ab_run_side(const ab_opts *o, int side, const char *tmpdir,
                       const char *const *ids, size_t n_ids, cbench_run **run)
{
    const char *fixed[] = {o->exe[side], "--format=json", "--rounds=1", "--charts=never",
                           "--nresamples=1000", "--counters=none", "--measurement-time",
                           o->measure, "--warm-up-time", o->warm_up, "--baseline-dir", tmpdir};
    size_t nf = sizeof fixed / sizeof fixed[0], k = nf;
    char **argv = calloc(nf + (size_t)o->n_filters + n_ids + 6, sizeof *argv);
    if (argv == NULL)
        return nomem();
    memcpy(argv, fixed, sizeof fixed);
    if (o->quick)                  /* the quick parameter subset, as the baseline ran */
        argv[k++] = "--quick";
    if (ids == NULL && o->exact)
        argv[k++] = "--exact";
    if (ids != NULL) {
        argv[k++] = "--exact";
        for (size_t i = 0; i < n_ids; i++)
            argv[k++] = (char *)ids[i];
    } else {
        for (int i = 0; i < o->n_filters; i++)
            argv[k++] = (char *)o->filters[i];
    }
    argv[k] = NULL;
    char errfile[512], *out = NULL, err[512];
    snprintf(errfile, sizeof errfile, "%s/stderr-%d.txt", tmpdir, side);
    int rc = capture(argv, &out, errfile, side == 0 ? o->libs : NULL, 0);
    free(argv);
    int prc = -1;
    if (out == NULL && errno == ENOMEM)
        return nomem();                 /* the build did not fail: keep no messages */
    if (out == NULL)
        snprintf(err, sizeof err, "cannot read its output");
    else if (out[strspn(out, " \t\r\n")] == '\0')
        snprintf(err, sizeof err, "it printed nothing");
    else
        prc = cbench_store_parse(out, strlen(out), o->exe[side], run, err, sizeof err);
    free(out);
    if (prc == CBENCH_ENOMEM)
        return nomem();                 /* the build gave results: ours ran out */
    if (prc != 0) {
        char first[300], shown[1200];          /* its messages are not ours */
        int some = first_line(errfile, first, sizeof first);
        fprintf(stderr, "cbench ab: %s (exit status %d) gave no results: %s; its messages are "
                "in %s%s%s\n", o->exe[side], rc, err, errfile, some ? ", the first: " : "",
                cbench_text_escape(shown, sizeof shown, CBENCH_TEXT_TERM, some ? first : ""));
        return AB_FAILED;
    }
    return 0;
}

/* The stored build finds its stored shared objects through
 * LD_LIBRARY_PATH, which an executable's DT_RPATH (unlike DT_RUNPATH)
 * overrides. Asks the loader where each would come from and says so when
 * the old side would load today's library instead: then A is not the old
 * code. */
void cbench_ab_check_stored_libs(const ab_opts *o, const char *tmpdir)
{
    DIR *d = o->libs[0] ? opendir(o->libs) : NULL;
    if (d == NULL)
        return;
    char *argv[] = {(char *)o->stored, NULL}, errfile[512], *out = NULL;
    snprintf(errfile, sizeof errfile, "%s/stderr-ldd.txt", tmpdir);
    capture(argv, &out, errfile, o->libs, 1);
    size_t dl = strlen(o->libs);
    for (struct dirent *e; out != NULL && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char key[300];
        snprintf(key, sizeof key, "\t%s => ", e->d_name);
        const char *at = strstr(out, key);
        if (at == NULL)
            continue;                       /* no longer needed: harmless */
        at += strlen(key);
        if (strncmp(at, o->libs, dl) != 0 || at[dl] != '/')
            fprintf(stderr, "cbench ab: warning: the stored build %s loads %s from %.*s, "
                    "not the copy stored with it (its RPATH overrides LD_LIBRARY_PATH), so "
                    "the OLD side runs today's %s\n", o->stored, e->d_name,
                    (int)strcspn(at, " \n"), at, e->d_name);
    }
    closedir(d);
    free(out);
}
