/* SPDX-License-Identifier: MIT
 *
 * profile.c - perf record --control fifo client (see profile.h). The fifo
 * descriptors are process-wide state: there is one profiler per process.
 */
#include "perf/profile.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbench.h"

#define ACK_TIMEOUT_MS 5000

static int ctl_fd = -1, ack_fd = -1;
static int opened;            /* 0: not tried; else the result + 2 */

static int open_fifos(const char *ctl, const char *ack)
{
    /* perf keeps both fifos open read-write, so non-blocking opens succeed
     * at once when it listens and fail (ENXIO for the writer) when not. */
    ctl_fd = open(ctl, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    ack_fd = open(ack, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (ctl_fd < 0 || ack_fd < 0) {
        cbench_profile_ctl_close();
        return CBENCH_EIO;
    }
    fcntl(ctl_fd, F_SETFL, fcntl(ctl_fd, F_GETFL) & ~O_NONBLOCK);
    return 1;
}

int cbench_profile_ctl_open(void)
{
    if (opened)
        return opened - 2;
    const char *ctl = getenv(CBENCH_PROFILE_CTL_ENV), *ack = getenv(CBENCH_PROFILE_ACK_ENV);
    int rc = (ctl == NULL || *ctl == '\0' || ack == NULL || *ack == '\0')
                 ? 0 : open_fifos(ctl, ack);
    opened = rc + 2;
    return rc;
}

/* Reads until perf's "ack" (perf writes "ack\n" and a NUL) or timeout. */
static void wait_ack(void)
{
    char buf[64];
    size_t used = 0;
    struct pollfd p = {ack_fd, POLLIN, 0};
    while (used < sizeof buf - 1) {
        int r = poll(&p, 1, ACK_TIMEOUT_MS);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return;
        ssize_t got = read(ack_fd, buf + used, sizeof buf - 1 - used);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got <= 0)
            return;
        used += (size_t)got;
        buf[used] = '\0';
        if (strstr(buf, "ack") != NULL)
            return;
    }
}

static void send_cmd(const char *cmd)
{
    if (ctl_fd < 0)
        return;
    size_t len = strlen(cmd);
    if (write(ctl_fd, cmd, len) != (ssize_t)len)
        return;
    wait_ack();
}

void cbench_profile_enable(void)
{
    send_cmd("enable\n");
}

void cbench_profile_disable(void)
{
    send_cmd("disable\n");
}

void cbench_profile_ctl_close(void)
{
    if (ctl_fd >= 0)
        close(ctl_fd);
    if (ack_fd >= 0)
        close(ack_fd);
    ctl_fd = ack_fd = -1;
}
