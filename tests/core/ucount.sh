#!/bin/sh
# End-to-end specification of user counters (cbench_counter()) through a
# real bench executable: known values in the report, TAP, JSON, CSV and
# Google Benchmark JSON; the baseline round trip; a regression of a
# counter (not of the time) fails --fail-on-regression; a bad name fails
# its benchmark with a message; cbench ab shows each side's counters and
# their change.
# Usage: ucount.sh PATH/TO/ucount-bench [PATH/TO/cbench]
set -u
BENCH="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
# --speed-tolerance 0 keeps every round: the checks count the rounds a
# counter's values come from, which the slow-core gate would otherwise
# replace or extend (to 8) while the core is in a slow spell.
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 3 --sample-size 15 --nresamples 1000 --speed-tolerance 0 --charts never --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"

"$BENCH" $FAST --format tap --save-baseline main --exact ucount/counted > "$DIR/tap"; rc=$?
expect "a run with counters exits 0" test $rc -eq 0
expect "the ok line names each counter with its value" \
    has "^ok 1 - ucount/counted time: .* items: 3/iter items_rate: .*/s table: 3Mi" "$DIR/tap"
expect "the block shows each counter's interval" has "^# *user: *items: \[3/iter 3/iter 3/iter\]" "$DIR/tap"
expect "... and says when higher is better" has "items_rate: .*(higher is better)" "$DIR/tap"

# The baseline holds the counters' round values and estimates.
python3 - "$DIR/bl/main.json" > "$DIR/bl.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
for u in r["user_counters"]:
    print(u["name"], " ".join(u["flags"]), repr(u["value"]["point"]), len(u["rounds"]["value"]),
          " ".join(repr(v) for v in u["rounds"]["value"]))
PY
expect "stored: items, exactly 3 in each of 3 rounds" has "^items per-iteration 3 3 3 3 3$" "$DIR/bl.txt"
expect "stored: the rate's flags" has "^items_rate rate higher-is-better " "$DIR/bl.txt"
expect "stored: teardown's table" has "^table base-1024 3145728 3 " "$DIR/bl.txt"

# Compared with itself: no change; then the count grows by half.
"$BENCH" $FAST --format tap --baseline main --fail-on-regression --exact ucount/counted > "$DIR/same"; rc=$?
expect "same counts: no regression, exit 0" test $rc -eq 0
expect "same counts: items 'no change'" has "items: 3/iter +0.00% no change" "$DIR/same"
"$BENCH" $FAST --load-baseline main --format tap > "$DIR/loaded"; rc=$?
expect "a loaded baseline reports its counters" has "^ok 1 - ucount/counted .* items: 3/iter" "$DIR/loaded"
UCOUNT_SCALE=1.5 "$BENCH" $FAST --format tap --baseline main --fail-on-regression --exact ucount/counted > "$DIR/more"; rc=$?
expect "a counter's regression fails --fail-on-regression (exit 1)" test $rc -eq 1
expect "... on a 'not ok' line naming it" has "^not ok 1 - ucount/counted .* items: 4.5/iter +50.00% regressed" "$DIR/more"
expect "... and the block's change" has "items: \[4.5/iter .*change: \[+50.00% +50.00% +50.00%\] .* regressed" "$DIR/more"

# Every data format carries them.
"$BENCH" $FAST --format csv --exact ucount/counted > "$DIR/csv"
expect "CSV: a column per counter" has "user:items,user:items:lower,user:items:upper" "$DIR/csv"
"$BENCH" $FAST --format gbench-json --exact ucount/counted > "$DIR/gb"
python3 - "$DIR/gb" > "$DIR/gb.txt" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    print(b["name"], b["run_type"], b.get("items"), "items_rate" in b, b.get("table"))
PY
expect "gbench-json: counters are keys of each repetition" has "^ucount/counted iteration 3 True 3145728$" "$DIR/gb.txt"
expect "gbench-json: ... and of the aggregates" has "^ucount/counted_mean aggregate 3 True 3145728$" "$DIR/gb.txt"

# Threads: what each reports is summed; AVG_THREADS divides by their number.
"$BENCH" $FAST --format tap --exact ucount/threaded/threads=2 > "$DIR/mt"; rc=$?
expect "a two-thread run with counters exits 0" test $rc -eq 0
expect "two threads' counts are summed, and averaged with AVG_THREADS" \
    has "^ok 1 - ucount/threaded/threads=2 .* sum: 6/iter avg: 3/iter" "$DIR/mt"

# A bad name fails its benchmark and says why.
"$BENCH" $FAST --format tap --exact ucount/bad > "$DIR/bad" 2>&1; rc=$?
expect "a bad counter name fails the run" test $rc -eq 1
expect "... naming the counter and the rule" has "^not ok 1 - ucount/bad .*cbench_counter: bad name 'not ok .*expected 1 to 47 letters" "$DIR/bad"

# cbench ab shows each side's user counters and their change, as the
# report does: B counts 1.5 times A's items (UCOUNT_SCALE), a regression of
# a counter, not of the time, that fails ab as it fails a run.
TOOL="${2:-}"
if [ -n "$TOOL" ]; then
    printf '#!/bin/sh\nUCOUNT_SCALE=1.5 exec "%s" "$@"\n' "$BENCH" > "$DIR/more-items"
    chmod +x "$DIR/more-items"
    AB="--rounds 3 --max-rounds 3 --measurement-time 0.05 --warm-up-time 0.02"
    "$TOOL" ab "$BENCH" "$DIR/more-items" ucount/counted $AB > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
    expect "ab: a counter's regression exits 1" test $rc -eq 1
    expect "ab: a line per counter under its benchmark's row, with the change" \
        has "^  user: items  *3/iter  *4\.5/iter  *+50\.00% \[ *+50\.00%  *+50\.00%\] .* regressed$" "$DIR/ab"
    expect "... a constant one unchanged" has "^  user: table  *3Mi  *3Mi  *+0\.00% .* no change$" "$DIR/ab"
    expect "... and which are higher-is-better" has "^  user: items_rate .*(higher is better)$" "$DIR/ab"
    "$TOOL" ab --json --no-fail "$BENCH" "$DIR/more-items" ucount/counted $AB > "$DIR/ab.json" 2>/dev/null
    expect "ab --json is valid JSON" python3 -m json.tool "$DIR/ab.json" > /dev/null
    expect "ab --json: each row's user counters, A, B and the change" python3 - "$DIR/ab.json" <<'PY'
import json, sys
row = json.load(open(sys.argv[1]))["results"][0]
u = {c["name"]: c for c in row["user_counters"]}
i, t = u["items"], u["table"]
ok = abs(i["a"] - 3) < 1e-9 and abs(i["b"] - 4.5) < 1e-9 and abs(i["change"] - 0.5) < 1e-9
ok = ok and i["verdict"] == "regressed" and i["flags"] == ["per-iteration"]
ok = ok and t["verdict"] == "no change" and t["change"] == 0 and t["b"] == 3 * 1024 * 1024
ok = ok and "higher-is-better" in u["items_rate"]["flags"]
sys.exit(0 if ok else 1)
PY
fi

echo "$fails failure(s)"
[ $fails -eq 0 ]
