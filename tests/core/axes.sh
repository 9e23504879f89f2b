#!/bin/sh
# End-to-end specification of benchmarks with named axes: ids name every
# value (first axis slowest) and the filters work on them; a result is
# paired with its reference at the same value of every axis; an unknown
# axis fails its benchmark naming the axes it has; a baseline keeps the
# axes and a later run compares against them.
# Usage: axes.sh PATH/TO/axes-bench
set -u
BENCH="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --counters none --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"

"$BENCH" --list > "$DIR/list" 2>/dev/null
expect "--list prints the product, the first axis slowest" test "$(head -4 "$DIR/list" | tr '\n' ' ')" = \
    "axes/base/n=64/k=1 axes/base/n=64/k=4 axes/base/n=256/k=1 axes/base/n=256/k=4 "
expect "... 4 + 4 + 1 ids" test "$(wc -l < "$DIR/list")" -eq 9
"$BENCH" --list k=4 > "$DIR/l2" 2>/dev/null
expect "a substring filter picks one axis's value" test "$(wc -l < "$DIR/l2")" -eq 4
"$BENCH" --list --exact axes/grid/n=256/k=1 > "$DIR/l3" 2>/dev/null
expect "--exact takes an id with axes" test "$(cat "$DIR/l3")" = "axes/grid/n=256/k=1"
"$BENCH" --list --regex '^axes/grid/n=64/' > "$DIR/l4" 2>/dev/null
expect "--regex matches across the axes" test "$(wc -l < "$DIR/l4")" -eq 2
"$BENCH" --list --quick > "$DIR/l5" 2>/dev/null
expect "--quick takes each axis's quick subset" test "$(grep -c 'k=4$' "$DIR/l5")" -eq 4

# Rounds of 100 ms: the ratios below are timed. A wrong pairing gives 0.5
# or 8 (or less, or more); the band takes 2 within a factor of 2 either
# way, since a core that changes state between two paired rounds moves a
# ratio by up to 1.65x here (two 12 ms rounds left one at 3.3x under ASan).
"$BENCH" $FAST --measurement-time 0.3 --rounds 3 --format=json --save-baseline axes \
    --regex '^axes/(base|grid)/' > "$DIR/run.json" 2> "$DIR/run.err"
expect "a run of the grid succeeds" test $? -eq 0
python3 - "$DIR/run.json" > "$DIR/check" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rs = {r["id"]: r for r in d["results"]}
g = rs["axes/grid/n=256/k=4"]
print("axes", g["axes"] == {"n": 256, "k": 4}, list(g["axes"]) == ["n", "k"])
print("param", g["param"] == "n=256/k=4", g["param_value"] == 256)
ratios = [r["ratio_to_reference"]["point"] for i, r in rs.items() if "/grid/" in i]
print("ratios", len(ratios) == 4 and all(1.0 < x < 4.0 for x in ratios), ratios)
PY
expect "the JSON names the axes in order" grep -q "^axes True True" "$DIR/check"
expect "... param is the id's part, param_value the first axis's" grep -q "^param True True" "$DIR/check"
expect "every ratio pairs the reference at the same n and k (about 2)" grep -q "^ratios True" "$DIR/check"
grep -q "^ratios True" "$DIR/check" || cat "$DIR/check"

"$BENCH" $FAST --format=json --baseline axes --regex '^axes/grid/n=64/' > "$DIR/again.json" 2>/dev/null
python3 - "$DIR/again.json" > "$DIR/cmp" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("compared", all(r.get("change") is not None for r in d["results"]), len(d["results"]))
PY
expect "a later run compares each combination with the baseline's" grep -q "^compared True 2" "$DIR/cmp"

"$BENCH" $FAST --exact axes/wrong/n=64/k=1 > "$DIR/wrong.tap" 2>&1
expect "an unknown axis fails the run" test $? -eq 1
expect "... naming the axes the benchmark has" \
    grep -q "cbench_param_named(\"stride\"): no such axis; it has 'n', 'k'" "$DIR/wrong.tap"
grep -q "no such axis" "$DIR/wrong.tap" || cat "$DIR/wrong.tap"

echo "$fails failure(s)"
[ $fails -eq 0 ]
