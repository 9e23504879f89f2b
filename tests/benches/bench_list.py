#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""bench_list.py BUILD_BENCHES_DIR - the bench executables register what
benches/README.md says, without running any benchmark (--list only)."""
import os
import re
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"bench_list: FAILED: {what}", file=sys.stderr)


def run(exe, *args, env_extra=None):
    env = dict(os.environ)
    env.pop("CBENCH_SLOWDOWN", None)
    env.update(env_extra or {})
    p = subprocess.run([exe, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, env=env)
    return p.returncode, p.stdout.split(), p.stderr


def main():
    d = sys.argv[1]
    points = os.path.join(d, "points")

    def sizes_of(ids):
        kernels = {}
        for i in ids:
            m = re.fullmatch(r"(points|points_x)/([a-z0-9_]+)/([0-9]+)", i)
            check(m is not None, f"id shape: {i}")
            if m:
                kernels.setdefault((m.group(1), m.group(2)), []).append(int(m.group(3)))
        check(len(kernels) == 13, f"13 kernels, got {sorted(kernels)}")
        for (group, name), sizes in kernels.items():
            check((group == "points_x") == name.endswith("_x"),
                  f"{name} is in the group of its work ({group})")
            check(sizes == sorted(sizes), f"{name}: sizes in order {sizes}")
        sweeps = {tuple(s) for s in kernels.values()}
        check(len(sweeps) == 1, "every kernel runs the same sizes")
        return sorted(sweeps.pop()) if len(sweeps) == 1 else []

    # The full sweep: 1 Ki points to >= 16 Mi, every kernel.
    rc, ids, err = run(points, "--list", "--sweep=full")
    check(rc == 0, f"points --list --sweep=full exit {rc}: {err}")
    full = sizes_of(ids)
    check(all(1 << k in full for k in range(10, 25)), f"full sweep: every octave 1Ki..16Mi {full}")
    check(f"points: {len(ids)} benchmarks (full sweep)" in err
          and "full sweep:" in err, f"--list says which sweep runs and why: {err!r}")

    # The default: six sizes, a subset of the full sweep's range; stderr
    # says which sweep and why (the caches), stdout holds only ids.
    rc, ids, err = run(points, "--list")
    check(rc == 0, f"points --list exit {rc}: {err}")
    default = sizes_of(ids)
    check(len(default) == 6, f"default sweep: six sizes ({default})")
    check(set(default) <= set(full), f"the full sweep holds the default one: {full}")
    check(f"points: {len(ids)} benchmarks (default sweep; --sweep=full runs "
          f"{13 * len(full)})" in err, f"the default says what --sweep=full adds: {err!r}")
    check("caches (" in err and "default sweep: 6 sizes" in err and "DRAM point" in err,
          f"the default says where its sizes come from: {err!r}")

    # A guest that reports its host's 480 MiB L3: the default's DRAM point
    # stays within a 256 MiB footprint (24 B/point).
    big = {"CBENCH_POINTS_CACHES": "48K,2M,480M"}
    rc, ids, err = run(points, "--list", env_extra=big)
    guest = sizes_of(ids)
    check(rc == 0 and guest and 24 * guest[-1] <= 256 << 20,
          f"a 480 MiB L3 keeps the default DRAM point within 256 MiB: {guest} {err!r}")
    check("capped at" in err, f"and says it was capped: {err!r}")
    rc, _, err = run(points, "--list", env_extra={"CBENCH_POINTS_CACHES": "lots"})
    check(rc == 0 and "CBENCH_POINTS_CACHES='lots'" in err,
          f"a malformed override is named and ignored: {err!r}")

    # An --exact id is found in any sweep: a power of two of the full
    # sweep, which the default sweep does not run.
    rc, ids, err = run(points, "--list", "--exact", "points_x/aos_x/1048576")
    check(rc == 0 and ids == ["points_x/aos_x/1048576"] and 1048576 not in default,
          f"--exact finds a size of the full sweep: {ids} {err!r}")

    rc, qids, _ = run(points, "--list", "--quick")
    check(rc == 0 and len(qids) == 13 * len({i.rsplit('/', 1)[1] for i in qids}),
          "points --quick --list: every kernel at the quick sizes")
    # ... and ids of any sweep under --quick, which `cbench ab` passes back
    # with --exact after its first round.
    off = [f"points/aos_all/{n}" for n in default if f"points/aos_all/{n}" not in qids]
    rc, got, err = run(points, "--list", "--quick", "--exact", qids[0], *off[:1])
    check(rc == 0 and got == [qids[0]] + off[:1] and off,
          f"--exact finds ids of the quick and default sweeps: {got} {err!r}")
    check(len({i.rsplit('/', 1)[1] for i in qids}) in (3, 4),
          f"quick sizes: one per cache level plus DRAM ({qids[:4]})")

    rc, ids, _ = run(os.path.join(d, "slowdown"), "--list")
    want = [f"slowdown/{k}/{n}" for k in ("aos_all", "soa_all", "aos_x", "soa_x")
            for n in (4096, 1000000)]
    check(rc == 0 and sorted(ids) == sorted(want), f"slowdown ids {ids}")
    rc, _, err = run(os.path.join(d, "slowdown"), "--list",
                     env_extra={"CBENCH_SLOWDOWN": "1.03x"})
    check(rc == 2 and "CBENCH_SLOWDOWN='1.03x'" in err,
          f"a bad CBENCH_SLOWDOWN is refused by name (exit {rc}: {err!r})")
    rc, ids, err = run(os.path.join(d, "slowdown"), "--list",
                       env_extra={"CBENCH_SLOWDOWN": "1.03"})
    check(rc == 0 and len(ids) == 8 and "1.03" in err,
          "CBENCH_SLOWDOWN=1.03 is accepted and announced")

    rc, ids, _ = run(os.path.join(d, "engine"), "--list")
    adds = sorted(int(i.rsplit("/", 1)[1]) for i in ids if i.startswith("engine/adds/"))
    check(rc == 0 and "engine/empty" in ids
          and adds == [1 << k for k in range(11)], f"engine ids {ids}")

    rc, ids, _ = run(os.path.join(d, "analysis"), "--list")
    check(rc == 0 and sorted(ids) == ["analysis/bootstrap_mean/1",
                                      "analysis/bootstrap_mean/2",
                                      "analysis/full"], f"analysis ids {ids}")
    # false_sharing: three layouts at 1, 2 and all the CPUs this process
    # may use (repeats run once), padded64 first (the reference).
    rc, ids, _ = run(os.path.join(d, "false_sharing"), "--list")
    counts = sorted({1, 2, len(os.sched_getaffinity(0))})
    want = [f"false_sharing/{k}/threads={n}" for k in ("padded64", "packed", "padded128")
            for n in counts]
    check(rc == 0 and ids == want, f"false_sharing ids {ids}, want {want}")
    print(f"bench_list: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
