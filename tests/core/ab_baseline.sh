#!/bin/sh
# `cbench ab --baseline NAME` without an executable (tools/ab_args.c):
# every build stored with NAME is rerun against today's executable at the
# path it was stored from, measuring what the baseline measured (its
# benchmarks; quick when its run was), and what is missing is named.
# Usage: ab_baseline.sh PATH/TO/e2e-bench PATH/TO/cbench
set -u
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
mkdir "$DIR/b"
cp "$1" "$DIR/b/e2e-bench"
cp "$1" "$DIR/b/e2e-other"
TOOL="$2"
BL="$DIR/bl"
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --format tap --baseline-dir $BL"
AB="--baseline-dir $BL --rounds 2 --max-rounds 2 --no-fail --measurement-time 0.05 --warm-up-time 0.02"
E2E_MISBEHAVE=; export E2E_MISBEHAVE
. "$(dirname "$0")/../expect.sh"

"$DIR/b/e2e-bench" $FAST --quick adds --save-baseline main > "$DIR/s1" 2>&1
"$DIR/b/e2e-other" $FAST scaled --save-baseline main > "$DIR/s2" 2>&1
"$TOOL" ab --baseline main $AB > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "ab --baseline NAME reruns every stored build (exit 0)" test $rc -eq 0
expect "... each against today's at its path, quick when its run was" \
    has "^e2e-bench: the build stored with 'main' against $DIR/b/e2e-bench (quick, as the baseline was measured)$" "$DIR/ab"
expect "... and the other, in full" has "^e2e-other: the build stored with 'main' against $DIR/b/e2e-other$" "$DIR/ab"
# The baseline holds adds/64, adds/128 (e2e-bench) and scaled (e2e-other);
# each build runs those it has, and never misbehave, which nobody measured.
expect "... measuring the baseline's benchmarks, in each build" \
    test "$(grep -c '^e2e/adds/64 ' "$DIR/ab")" -eq 2 -a "$(grep -c '^e2e/scaled ' "$DIR/ab")" -eq 2
expect "... nothing the baseline did not measure" test "$(grep -c '^e2e/misbehave ' "$DIR/ab")" -eq 0
"$TOOL" ab --baseline main $AB --no-quick "$DIR/b/e2e-bench" misbehave > "$DIR/ab" 2> "$DIR/ab.err"
expect "FILTERs choose instead" has "^e2e/misbehave " "$DIR/ab"
"$TOOL" ab --baseline main $AB --no-quick > "$DIR/ab" 2> "$DIR/ab.err"
expect "--no-quick: in full" has "^e2e-bench: the build stored with 'main' against $DIR/b/e2e-bench$" "$DIR/ab"

"$TOOL" ab --baseline main $AB --json > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "--json with two stored builds exits 2, naming them" \
    test $rc -eq 2 -a "$(grep -c "e2e-bench, e2e-other are stored with it" "$DIR/ab.err")" -eq 1

mv "$DIR/b/e2e-other" "$DIR/b/moved"
"$TOOL" ab --baseline main $AB > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "a build no longer at its path: exit 2" test $rc -eq 2
expect "... naming where it was and what to pass" \
    has "e2e-other was built at $DIR/b/e2e-other, which is not an executable now .*cbench ab --baseline main PATH/e2e-other" "$DIR/ab.err"
expect "... after comparing the others" has "^e2e/adds/64 " "$DIR/ab"
rm "$BL/main.builds/.e2e-other.info"
"$TOOL" ab --baseline main $AB > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "a build stored without its path (an older cbench): exit 2, saying so" \
    test $rc -eq 2 -a "$(grep -c "where e2e-other was built is not recorded" "$DIR/ab.err")" -eq 1

"$TOOL" ab --baseline none $AB > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "a baseline without builds: exit 2, naming where it looked" \
    test $rc -eq 2 -a "$(grep -c "no build is stored with it in $BL/none.builds" "$DIR/ab.err")" -eq 1
"$TOOL" ab --baseline main --baseline-dir "$DIR/nothing" > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "a missing baseline directory: exit 2, naming it and why" \
    test $rc -eq 2 -a "$(grep -c "no baseline directory '$DIR/nothing' (given by --baseline-dir)" "$DIR/ab.err")" -eq 1

echo "$fails failure(s)"
[ $fails -eq 0 ]
