#!/bin/sh
# How a swept benchmark scales, from a real bench executable's run
# (scaling_bench.c, 5 sizes): the pretty report and TAP end with its
# complexity and knees; three sizes are no sweep. Which model fits is
# not checked here (a timing; tests/stats/complexity.c checks the fit).
# Usage: scaling_e2e.sh PATH/TO/scaling-bench
set -u
BENCH="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
FAST="--warm-up-time 0.01 --measurement-time 0.02 --rounds 2 --sample-size 10 --nresamples 200 --charts never --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"

"$BENCH" $FAST --format pretty > "$DIR/pretty" 2> "$DIR/pretty.err"
expect "pretty run exits 0" test $? -eq 0
expect "the summary's heading" has "^how the swept benchmarks scale (time per iteration against the size n" "$DIR/pretty"
expect "the sweep's complexity over its 5 sizes" has "^  scaling/adds: O([a-z0-9^ ]*)[^,]*, .* (RMS [0-9.]* %) over 5 sizes" "$DIR/pretty"
expect "three sizes are no sweep" test -z "$(grep 'scaling/few:' "$DIR/pretty")"
expect "the summary comes last" test "$(tail -n 1 "$DIR/pretty" | cut -c1-16)" = "  scaling/adds: " -o \
    -n "$(tail -n 1 "$DIR/pretty" | grep '^    cost per element ')"

"$BENCH" $FAST --format tap > "$DIR/tap" 2> "$DIR/tap.err"
expect "tap run exits 0" test $? -eq 0
expect "TAP: the summary is a note" has "^# note: how the swept benchmarks scale" "$DIR/tap"
expect "TAP: the sweep's line is a comment" has "^#     scaling/adds: O(" "$DIR/tap"
expect "TAP: no non-TAP line on stdout" test -z "$(grep -v -e '^ok ' -e '^not ok ' -e '^#' -e '^TAP version' -e '^1\.\.' "$DIR/tap")"

echo "$fails failure(s)"
[ $fails -eq 0 ]
