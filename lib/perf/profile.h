/* SPDX-License-Identifier: MIT
 *
 * profile.h - let an external `perf record` sample only the benchmark body.
 *
 * tools/flamegraph starts the benchmark under
 *     perf record -D -1 --control fifo:CTL,ACK ...
 * (recording starts disabled) and passes the two fifo paths in the
 * environment as CBENCH_PERF_CTL_FIFO and CBENCH_PERF_ACK_FIFO, as pyperf
 * does. In --profile-time mode the engine calls cbench_profile_enable()
 * right before the timed loop and cbench_profile_disable() right after, so
 * the profile holds the benchmark body and not the harness. Each command is
 * written as "enable\n" / "disable\n" and perf's "ack" is awaited (up to
 * 5 s), so no sample of the body is lost to a race.
 */
#ifndef CBENCH_PERF_PROFILE_H
#define CBENCH_PERF_PROFILE_H

#define CBENCH_PROFILE_CTL_ENV "CBENCH_PERF_CTL_FIFO"
#define CBENCH_PROFILE_ACK_ENV "CBENCH_PERF_ACK_FIFO"

/* Opens the control fifos named in the environment. Returns 1 when perf
 * control is active, 0 when the variables are unset (enable/disable are then
 * no-ops), or CBENCH_EIO when they are set but cannot be opened (no perf
 * listening, not fifos); a second call returns the first result. */
int cbench_profile_ctl_open(void);
/* Ask perf to start / stop recording and wait for its ack. No-ops unless
 * cbench_profile_ctl_open returned 1. */
void cbench_profile_enable(void);
void cbench_profile_disable(void);
/* Closes the fifos (safe to call any time). */
void cbench_profile_ctl_close(void);

#endif /* CBENCH_PERF_PROFILE_H */
