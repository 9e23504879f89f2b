#!/bin/sh
# allocs.sh - the allocation counters (--allocs; perf/counters.h,
# allocs/allocs.h): exact counts per iteration of the timed region only
# (tests/perf/allocs_bench.c knows them), in the baseline, the TAP report
# and the CSV; a comparison names the counter that doubled; --allocs with
# --counters none; an executable without the interposer says once that it
# cannot count and still runs.
# Usage: allocs.sh ALLOCS_BENCH OTHER_BENCH HAVE_INTERPOSER (1 or 0).
set -u
BENCH="$1"
PLAIN="$2"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
. "$(dirname "$0")/../expect.sh"
if [ "$3" != 1 ]; then
    echo "SKIP: no allocation interposer in this build (sanitizers replace malloc)"
    exit 77
fi
FAST="--warm-up-time 0.01 --measurement-time 0.03 --rounds 2 --charts never --baseline-dir $DIR/bl"

"$BENCH" $FAST --allocs --format json --save-baseline base > "$DIR/run.json" 2> "$DIR/err"
expect "a run with --allocs exits 0" test $? -eq 0
per_iter() {  # per_iter FILE ID COUNTER
    python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    if r["id"] == sys.argv[2]:
        for c in r.get("counters", []):
            if c["name"] == sys.argv[3]:
                print(repr(float(c["per_iter"])))
PY
}
expect "no allocation in a body without any" test "$(per_iter "$DIR/run.json" allocs/none allocs)" = 0.0
expect "one malloc per iteration" test "$(per_iter "$DIR/run.json" allocs/one allocs)" = 1.0
expect "... of 100 bytes" test "$(per_iter "$DIR/run.json" allocs/one alloc-bytes)" = 100.0
expect "... and one free" test "$(per_iter "$DIR/run.json" allocs/one frees)" = 1.0
expect "malloc, calloc and realloc: 3 allocations" test "$(per_iter "$DIR/run.json" allocs/mixed allocs)" = 3.0
expect "... of 16 + 4*8 + 64 bytes" test "$(per_iter "$DIR/run.json" allocs/mixed alloc-bytes)" = 112.0
expect "... and 3 frees (the realloc frees its old block)" test "$(per_iter "$DIR/run.json" allocs/mixed frees)" = 3.0
expect "two threads, one malloc each per iteration: 2, summed" test "$(per_iter "$DIR/run.json" allocs/threaded/threads=2 allocs)" = 2.0
expect "setup's allocation is outside the timed region" test "$(per_iter "$DIR/run.json" allocs/in_setup allocs)" = 0.0
expect "the other counters still run beside them" test -n "$(per_iter "$DIR/run.json" allocs/one task-clock)"
expect "the baseline keeps them" test "$(per_iter "$DIR/bl/base.json" allocs/mixed alloc-bytes)" = 112.0

"$BENCH" $FAST --allocs --counters none --format json allocs/one > "$DIR/only.json" 2>/dev/null
expect "--counters none --allocs: only the allocation counters" python3 -c '
import json, sys
names = [c["name"] for c in json.load(open(sys.argv[1]))["results"][0]["counters"]]
sys.exit(0 if names == ["allocs", "alloc-bytes", "frees"] else 1)' "$DIR/only.json"

"$BENCH" $FAST --counters allocations --format tap allocs/one > "$DIR/tap" 2>&1
expect "TAP shows allocations per iteration" has "1 allocs/iter" "$DIR/tap"
"$BENCH" $FAST --allocs --format csv allocs/mixed > "$DIR/csv" 2>/dev/null
expect "CSV has the counters" has "alloc-bytes" "$DIR/csv"

ALLOCS_TWICE=1 "$BENCH" $FAST --allocs --baseline base --format tap allocs/one > "$DIR/cmp" 2>&1
expect "a comparison shows the doubled allocation count" has "2 allocs/iter (+100" "$DIR/cmp"

"$PLAIN" $FAST --allocs --format tap adds/64 > "$DIR/plain" 2>&1
expect "without the interposer: still runs" has "^ok 1 - e2e/adds/64" "$DIR/plain"
expect "... and says why the allocation counters are missing" \
    has "allocs, alloc-bytes, frees (this executable does not link the allocation interposer: add cbench_allocs_dep" "$DIR/plain"
expect "... once" test "$(grep -c "allocation interposer" "$DIR/plain")" -eq 1
"$BENCH" $FAST --counters allocz allocs/none > /dev/null 2> "$DIR/bad"; rc=$?
expect "an unknown counter exits 2" test $rc -eq 2
expect "... naming allocations among the valid ones" has "allocations" "$DIR/bad"
echo "$fails failure(s)"
[ $fails -eq 0 ]
