/* SPDX-License-Identifier: MIT
 *
 * gnuplot.c - driving one gnuplot process per chart batch (see gnuplot.h).
 */
#include "plot/gnuplot.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cbench.h"

typedef struct gp_chart {
    char *label;
    size_t first_line;         /* 1-based line of the script it starts at */
} gp_chart;

struct cbench_gp {
    FILE *pipe;
    char out_path[256];        /* gnuplot's stdout + stderr */
    struct sigaction old_pipe;
    size_t lines;              /* lines sent so far */
    gp_chart *charts;
    size_t n_charts, cap_charts;
    int broken;                /* a write failed */
    FILE *copy;                /* $CBENCH_GNUPLOT_SCRIPT: a copy for debugging */
};

int cbench_plot_gp_find(const char *name, char *path, size_t n)
{
    if (name == NULL || *name == '\0')
        name = "gnuplot";
    if (strchr(name, '/') != NULL) {
        snprintf(path, n, "%s", name);
        return access(path, X_OK) == 0 ? 0 : CBENCH_ENOENT;
    }
    const char *dirs = getenv("PATH");
    if (dirs == NULL)
        dirs = "/usr/local/bin:/usr/bin:/bin";
    while (*dirs) {
        size_t len = strcspn(dirs, ":");
        int w = snprintf(path, n, "%.*s/%s", (int)len, len ? dirs : ".", name);
        if (len == 0)
            w = snprintf(path, n, "./%s", name);
        if (w > 0 && (size_t)w < n && access(path, X_OK) == 0)
            return 0;
        dirs += len;
        if (*dirs == ':')
            dirs++;
    }
    return CBENCH_ENOENT;
}

/* Appends s to the shell command in cmd as one single-quoted word. */
static int shell_word(char *cmd, size_t n, const char *s)
{
    size_t k = strlen(cmd);
    if (k + 1 >= n)
        return -1;
    cmd[k++] = '\'';
    for (; *s; s++) {
        const char *piece = *s == '\'' ? "'\\''" : NULL;
        size_t len = piece ? 4 : 1;
        if (k + len + 2 >= n)
            return -1;
        memcpy(cmd + k, piece ? piece : s, len);
        k += len;
    }
    cmd[k++] = '\'';
    cmd[k] = '\0';
    return 0;
}

static int start_process(cbench_gp *gp, const char *path, char *err, size_t errlen)
{
    char cmd[8192] = "exec ";
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 200)
        tmp = "/tmp";
    snprintf(gp->out_path, sizeof gp->out_path, "%s/cbench-gnuplot-XXXXXX", tmp);
    int fd = mkstemp(gp->out_path);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file for gnuplot's messages (%s): %s",
                 gp->out_path, strerror(errno));
        return CBENCH_EIO;
    }
    close(fd);
    if (shell_word(cmd, sizeof cmd, path) != 0
        || strlen(cmd) + strlen(gp->out_path) + 32 >= sizeof cmd) {
        snprintf(err, errlen, "gnuplot path too long: %.100s...", path);
        return CBENCH_EINVAL;
    }
    strcat(cmd, " /dev/stdin >");
    shell_word(cmd, sizeof cmd, gp->out_path);
    strcat(cmd, " 2>&1");
    fflush(NULL);              /* popen's child must not re-flush our buffers */
    gp->pipe = popen(cmd, "w");
    if (gp->pipe == NULL) {
        snprintf(err, errlen, "cannot start gnuplot (%s): %s", path, strerror(errno));
        return CBENCH_EIO;
    }
    return 0;
}

int cbench_plot_gp_open(cbench_gp **out, const char *path, char *err, size_t errlen)
{
    cbench_gp *gp = calloc(1, sizeof *gp);
    if (gp == NULL) {
        snprintf(err, errlen, "out of memory starting gnuplot");
        return CBENCH_ENOMEM;
    }
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &gp->old_pipe);
    int rc = start_process(gp, path, err, errlen);
    if (rc != 0) {
        sigaction(SIGPIPE, &gp->old_pipe, NULL);
        if (gp->out_path[0] && strstr(gp->out_path, "XXXXXX") == NULL)
            unlink(gp->out_path);
        free(gp);
        return rc;
    }
    const char *copy = getenv("CBENCH_GNUPLOT_SCRIPT");
    if (copy != NULL && *copy)
        gp->copy = fopen(copy, "w");
    *out = gp;
    return 0;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))) != NULL; p++)
        n++;
    return n;
}

int cbench_plot_gp_send(cbench_gp *gp, const char *label, const char *script, size_t len)
{
    if (gp->n_charts == gp->cap_charts) {
        size_t cap = gp->cap_charts ? gp->cap_charts * 2 : 32;
        gp_chart *c = realloc(gp->charts, cap * sizeof *c);
        if (c == NULL)
            return CBENCH_ENOMEM;
        gp->charts = c;
        gp->cap_charts = cap;
    }
    gp->charts[gp->n_charts].label = strdup(label);
    gp->charts[gp->n_charts++].first_line = gp->lines + 1;
    gp->lines += count_lines(script, len);
    if (gp->copy != NULL)
        fwrite(script, 1, len, gp->copy);
    if (gp->broken || fwrite(script, 1, len, gp->pipe) != len) {
        gp->broken = 1;
        return CBENCH_EIO;
    }
    return 0;
}

/* The label of the chart whose script holds 'line' (1-based), or NULL. */
static const char *chart_at(const cbench_gp *gp, size_t line)
{
    const char *label = NULL;
    for (size_t i = 0; i < gp->n_charts && gp->charts[i].first_line <= line; i++)
        label = gp->charts[i].label;
    return label;
}

/* Reads up to n-1 bytes of gnuplot's output into buf; returns the length. */
static size_t read_output(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    size_t len = 0;
    if (f != NULL) {
        len = fread(buf, 1, n - 1, f);
        fclose(f);
    }
    buf[len] = '\0';
    return len;
}

static void describe_failure(const cbench_gp *gp, int status, const char *out, char *err,
                             size_t errlen)
{
    const char *at = strstr(out, "line ");
    const char *label = at ? chart_at(gp, strtoul(at + 5, NULL, 10)) : NULL;
    char how[64];
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(how, sizeof how, "could not be run (exit 127)");
    else if (WIFEXITED(status))
        snprintf(how, sizeof how, "failed (exit %d)", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(how, sizeof how, "was killed by signal %d", WTERMSIG(status));
    else
        snprintf(how, sizeof how, "printed warnings");
    snprintf(err, errlen, "gnuplot %s%s%s: %.600s", how, label ? " drawing " : "",
             label ? label : "", *out ? out : "(no output)");
    size_t len = strlen(err);
    while (len > 0 && (err[len - 1] == '\n' || err[len - 1] == ' '))
        err[--len] = '\0';
}

int cbench_plot_gp_close(cbench_gp *gp, char *err, size_t errlen)
{
    fputs("\nexit\n", gp->pipe);
    if (gp->copy != NULL)
        fclose(gp->copy);
    int status = pclose(gp->pipe);
    sigaction(SIGPIPE, &gp->old_pipe, NULL);
    char out[2048];
    size_t len = read_output(gp->out_path, out, sizeof out);
    unlink(gp->out_path);
    const char *w = getenv("CBENCH_GNUPLOT_WARNINGS");
    int fatal_warn = w != NULL && strcmp(w, "fatal") == 0 && len > 0;
    int rc = 0;
    if (status == -1) {
        snprintf(err, errlen, "waiting for gnuplot failed: %s", strerror(errno));
        rc = CBENCH_EIO;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || gp->broken || fatal_warn) {
        describe_failure(gp, (WIFEXITED(status) && WEXITSTATUS(status) == 0) ? -1 : status,
                         out, err, errlen);
        rc = CBENCH_EIO;
    }
    for (size_t i = 0; i < gp->n_charts; i++)
        free(gp->charts[i].label);
    free(gp->charts);
    free(gp);
    return rc;
}
