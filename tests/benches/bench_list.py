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
    rc, ids, err = run(os.path.join(d, "points"), "--list")
    check(rc == 0, f"points --list exit {rc}: {err}")
    check(err.strip() == "", f"points --list prints nothing on stderr: {err!r}")
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
        check(sizes == sorted(sizes) and sizes[0] >= 1024
              and sizes[-1] >= 1 << 24, f"{name}: sweep 1Ki..>=16Mi {sizes}")
    sweeps = {tuple(s) for s in kernels.values()}
    check(len(sweeps) == 1, "every kernel runs the same sizes")

    rc, qids, _ = run(os.path.join(d, "points"), "--list", "--quick")
    check(rc == 0 and len(qids) == 13 * len({i.rsplit('/', 1)[1] for i in qids}),
          "points --quick --list: every kernel at the quick sizes")
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
    print(f"bench_list: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
