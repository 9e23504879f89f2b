/* SPDX-License-Identifier: MIT
 *
 * profile.c - the perf --control fifo client against a fake perf: a child
 * process that holds both fifos read-write (as perf does), reads commands
 * and acknowledges each with "ack\n\0". The client side runs in re-executed
 * copies of this program (the open result is per process). The real perf is
 * exercised by the flamegraph end-to-end test.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "cbench.h"
#include "perf/profile.h"

/* The fake perf: exits 0 when it received exactly "enable\ndisable\n". */
static int fake_perf(const char *ctl, const char *ack, int ready)
{
    int c = open(ctl, O_RDWR), a = open(ack, O_RDWR);
    char got[64] = "";
    size_t used = 0;
    if (c < 0 || a < 0 || write(ready, "r", 1) != 1)
        return 10;
    while (used < 15) {                       /* strlen("enable\ndisable\n") */
        if (read(c, got + used, 1) != 1)
            return 11;
        if (got[used++] == '\n' && write(a, "ack\n", 5) != 5)
            return 12;
    }
    return strcmp(got, "enable\ndisable\n") == 0 ? 0 : 13;
}

/* Client mode: argv[2] is the expected result of cbench_profile_ctl_open. */
static int client(const char *expect)
{
    int rc = cbench_profile_ctl_open();
    if (rc != atoi(expect))
        return 30;
    cbench_profile_enable();
    cbench_profile_disable();
    cbench_profile_ctl_close();
    return cbench_profile_ctl_open() == rc ? 0 : 31;    /* sticky */
}

static int run_client(const char *ctl, const char *ack, const char *expect)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        setenv(CBENCH_PROFILE_CTL_ENV, ctl, 1);
        setenv(CBENCH_PROFILE_ACK_ENV, ack, 1);
        execl("/proc/self/exe", "test-profile", "--client", expect, (char *)NULL);
        _exit(20);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/cbench-profile-XXXXXX", ctl[64], ack[64], r;
    int pipefd[2], status;
    if (argc == 3 && strcmp(argv[1], "--client") == 0)
        return client(argv[2]);

    unsetenv(CBENCH_PROFILE_CTL_ENV);
    CHECK_INT_EQ(cbench_profile_ctl_open(), 0);     /* variables unset */
    cbench_profile_enable();                        /* no-op, must not hang */
    cbench_profile_disable();

    CHECK(mkdtemp(dir) != NULL);
    snprintf(ctl, sizeof ctl, "%s/ctl", dir);
    snprintf(ack, sizeof ack, "%s/ack", dir);
    CHECK_INT_EQ(mkfifo(ctl, 0600), 0);
    CHECK_INT_EQ(mkfifo(ack, 0600), 0);
    /* Nobody listening on the fifos: an error, not a hang. */
    CHECK_INT_EQ(run_client(ctl, ack, "-97"), 0);
    CHECK_INT_EQ(CBENCH_EIO, -97);

    CHECK_INT_EQ(pipe(pipefd), 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(fake_perf(ctl, ack, pipefd[1]));
    CHECK_INT_EQ(read(pipefd[0], &r, 1), 1);       /* the fake holds the fifos */
    CHECK_INT_EQ(run_client(ctl, ack, "1"), 0);
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
    CHECK_INT_EQ(WEXITSTATUS(status), 0);
    unlink(ctl);
    unlink(ack);
    rmdir(dir);
    return check_result();
}
