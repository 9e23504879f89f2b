/* SPDX-License-Identifier: MIT
 *
 * verdict.c - the words for a change that the machine's drift held back.
 *
 * A comparison with a stored baseline widens its noise threshold by the
 * drift the machine itself showed since then (measure/probe.h): a change no
 * larger than that cannot be told from the machine's. The rule is right,
 * but "within noise (+-4.6 %)" for a change of +33 % [+4.5 % +69.3 %]
 * reads as "nothing happened". At the user's threshold it is a change, and
 * most of its interval lies beyond even the widened one: it most likely
 * happened, only the drift keeps it from being proven, and a drift-free
 * comparison of the two builds (`cbench ab`) settles it. Every report says
 * so the same way.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>

#include "report/report.h"

int cbench_report_held_by_drift(const cbench_change *ch, double user_threshold)
{
    double t = ch->noise_threshold, lo = ch->mean.lower, hi = ch->mean.upper;
    if (ch->verdict != CBENCH_VERDICT_WITHIN_NOISE || !isfinite(user_threshold) ||
        !(t > user_threshold) || !isfinite(lo) || !isfinite(hi))
        return 0;
    /* A change at the user's threshold (significant, and the whole interval
     * beyond it), whose interval lies more than half beyond the widened
     * one: its midpoint does. */
    double mid = 0.5 * (lo + hi);
    return lo > user_threshold && mid > t ? 1 : hi < -user_threshold && mid < -t ? -1 : 0;
}

const char *cbench_report_held_tag(const cbench_change *ch, double user_threshold)
{
    int dir = cbench_report_held_by_drift(ch, user_threshold);
    return dir > 0 ? "probably slower" : dir < 0 ? "probably faster" : NULL;
}

int cbench_report_drift_sentence(char *buf, size_t n, const cbench_change *ch,
                                 const cbench_report_drift *d)
{
    const char *tag = d != NULL && d->settle != NULL
                    ? cbench_report_held_tag(ch, d->noise_threshold) : NULL;
    if (n > 0)
        buf[0] = '\0';
    if (tag == NULL)
        return 0;
    char pt[32];
    snprintf(buf, n, "%c%s (%s), but not proven: the interval lies beyond the noise "
             "threshold of +-%.1f %%, yet not wholly beyond +-%.1f %%, to which the machine's "
             "own drift since the baseline widened it.\nSettle it with: %s",
             toupper((unsigned char)tag[0]), tag + 1,
             cbench_report_fmt_pct(pt, sizeof pt, ch->mean.point), 100 * d->noise_threshold,
             100 * ch->noise_threshold, d->settle);
    return 1;
}
