#!/bin/sh
# The README's workflow block, verbatim, in this repository: a fresh build
# directory (-Dquick=true) of this source tree, run from a scratch git
# repository with branches main and my-branch (the same code), so every
# command of the block runs as the README shows it (tests/workflow.sh).
# Usage: readme_workflow.sh SOURCE_ROOT. Exit 77 when it cannot run.
set -u
SRC="$1"
. "$SRC/tests/workflow.sh"
wf_tmpdir meson ninja git python3
PROJ="$tmp"
EXPECT_REGRESSION=0
REGRESSED=
cd "$PROJ"
{
    git init -q -b main . && git -c user.name=test -c user.email=test@example.org \
        commit -q --allow-empty -m main && git branch my-branch
} > git.log 2>&1 || { cat git.log; echo "cannot make a git repository"; exit 1; }
# -Dquick=true, made shorter still: the block runs the whole suite three
# times and ab once more, and quick alone takes minutes on a loaded 2-core
# machine. So each bench executable measures only its benchmarks without
# a parameter, or with one below 1000 or of 4096, or at one thread, or
# stride 1 over 4096 floats (a few each), in two
# rounds, keeping every round; the commands and what they must do are
# the same.
meson setup build "$SRC" -Dquick=true -Dtests=false \
    '-Dbench_flags=--rounds=2,--warm-up-time=0.02,--measurement-time=0.03,--speed-tolerance=0,--regex,^[^/]*/[^/]*$|/[0-9][0-9]?[0-9]?$|/4096$|/threads=1$|=4096/stride=1$' \
    > setup.log 2>&1 \
    || { cat setup.log; echo "meson setup failed"; exit 1; }
run_workflow
[ -x build/tools/cbench ] || { echo "the benchmark command did not build build/tools/cbench"; exit 1; }
echo "the README's workflow ran verbatim in this repository"
