#!/bin/sh
# Where a bench executable keeps its results when nobody says
# (lib/store/where.c, main.c): a copy of a bench executable outside the
# Meson build tree that built it, run by hand in a directory without
# ./cbench, must not create ./cbench there; reading a baseline from a
# missing directory is an error naming it and why it was chosen.
# Usage: store_dir.sh PATH/TO/e2e-bench
set -u
. "$(dirname "$0")/../expect.sh"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cp "$1" "$DIR/bench"
BENCH="$DIR/bench"
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts auto --format tap"
mkdir "$DIR/work"
cd "$DIR/work"
unset CBENCH_DIR

"$BENCH" $FAST adds/64 > out 2> err; rc=$?
expect "a run without a baseline directory still measures (exit 0)" test $rc -eq 0
expect "... and reports" has "^ok 1 - e2e/adds/64 time:" out
expect "... but creates no ./cbench" test ! -e cbench
expect "... and says once that nothing is kept, and why" \
    test "$(grep -c "results are not saved and no report is drawn: there is no baseline directory 'cbench' (the default, in the working directory: this executable is not inside the Meson build" out)" -eq 1

"$BENCH" $FAST adds/64 --baseline main > out 2> err; rc=$?
expect "--baseline from a missing directory exits 2" test $rc -eq 2
expect "... naming the directory and the rule" has "cbench: --baseline main: no baseline directory 'cbench' (the default, in the working directory" err
expect "... and measures nothing" test ! -s out -o "$(grep -c '^ok' out)" -eq 0
"$BENCH" $FAST adds/64 --baseline main --baseline-lenient > out 2> err; rc=$?
expect "--baseline-lenient: a notice, and the run goes on" test $rc -eq 0
expect "... the notice names the directory" has "^# note: no baseline directory 'cbench'" out
"$BENCH" --list-baselines > out 2> err; rc=$?
expect "--list-baselines from a missing directory exits 2" test $rc -eq 2
expect "... naming it" has "no baseline directory 'cbench'" err
"$BENCH" $FAST --load-baseline main > out 2> err; rc=$?
expect "--load-baseline from a missing directory exits 2" test $rc -eq 2
expect "... naming it" has "no baseline directory 'cbench'" err

"$BENCH" $FAST adds/64 --save-baseline main > out 2> err; rc=$?
expect "--save-baseline creates ./cbench when asked" test $rc -eq 0 -a -f cbench/main.json
expect "... and says where and why" has "^# note: creating the baseline directory 'cbench' for 'main' (the default" out
"$BENCH" $FAST adds/64 > out 2> err; rc=$?
expect "an existing ./cbench is used" test $rc -eq 0 -a -f cbench/last-filtered.json
expect "... without a notice" test "$(grep -c 'baseline directory' out)" -eq 0

# A directory named by --baseline-dir or CBENCH_DIR is created.
"$BENCH" $FAST adds/64 --baseline-dir "$DIR/named" > out 2> err
expect "--baseline-dir is created" test -f "$DIR/named/last-filtered.json"
CBENCH_DIR="$DIR/env" "$BENCH" $FAST adds/64 > out 2> err
expect "CBENCH_DIR is created" test -f "$DIR/env/last-filtered.json"

echo "$fails failure(s)"
[ $fails -eq 0 ]
