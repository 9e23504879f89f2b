#!/bin/sh
# same_verdict.sh - one pair, one verdict: the bench executable
# (--load-baseline NEW --baseline OLD), `cbench compare OLD NEW` and the
# report (`cbench plot NEW --baseline OLD`) judge a stored pair alike,
# through the one comparison path (lib/run/against.h). The pair: a real
# run and a copy 3x slower, measured (its probes and core speed say)
# while the machine ran 6x slower: beyond the 1 % noise threshold, within
# the drift, so each says "within noise"; none may say "regressed" (the
# report did before it widened the threshold by the drift). The change is
# large, and the rounds long, so that it is significant however noisy the
# rounds are (6 % under ASan, then 40 % at load 7, were "no change":
# p >= 0.05 in all three paths alike, which is not the case tested here).
set -u
BENCH="$1"
TOOL="$2"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
. "$(dirname "$0")/../expect.sh"

"$BENCH" --warm-up-time 0.02 --measurement-time 0.3 --rounds 6 --charts never \
    --noise-threshold 0.01 --baseline-dir "$DIR/bl" --save-baseline old --format tap \
    adds/64 > "$DIR/run" 2>&1
expect "the baseline is saved" test -s "$DIR/bl/old.json"
python3 - "$DIR/bl/old.json" "$DIR/bl/new.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def scale(e, f):
    for k in ("point", "lower", "upper", "std_err"):
        if isinstance(e.get(k), (int, float)):
            e[k] *= f
for c in [d["context"]] + d.get("contexts", []):
    for k in ("probe_cpu_ns", "probe_mem_ns"):
        if isinstance(c.get(k), (int, float)):
            c[k] *= 6.0
for r in d["results"]:
    # Every estimate moves with the samples: a loader refuses others.
    r["samples"]["ns"] = [x * 3.0 for x in r["samples"]["ns"]]
    for k in ("typical", "mean", "median", "std_dev", "mad", "slope"):
        if isinstance(r.get(k), dict):
            scale(r[k], 3.0)
    if isinstance(r.get("speed_ns"), (int, float)):
        r["speed_ns"] *= 6.0
json.dump(d, open(sys.argv[2], "w"))
PY

VERDICTS='within noise|regressed|improved|no change|probably slower|probably faster'
"$TOOL" compare old new --baseline-dir "$DIR/bl" > "$DIR/compare" 2>&1
by_compare=$(grep -E "^e2e/adds/64 " "$DIR/compare" | grep -Eo "$VERDICTS" | head -1)
"$BENCH" --load-baseline new --baseline old --baseline-dir "$DIR/bl" --format tap \
    --charts never > "$DIR/tap" 2>&1
by_bench=$(grep -E "^ok 1 - e2e/adds/64 " "$DIR/tap" | grep -Eo "$VERDICTS" | head -1)
"$TOOL" plot new --baseline old --baseline-dir "$DIR/bl" --report-dir "$DIR/rep" \
    --charts never > /dev/null 2>&1
by_report=$(grep -Eo '<span class="v v-[a-z]*">[^<]*' "$DIR/rep/index.html" | head -1 \
    | sed 's/.*>//')

expect "cbench compare judges the pair within noise" test "$by_compare" = "within noise"
expect "... as the bench executable does" test "$by_bench" = "$by_compare"
expect "... and the report" test "$by_report" = "$by_compare"
[ "$by_compare/$by_bench/$by_report" = "within noise/within noise/within noise" ] \
    || echo "# compare: '$by_compare', bench: '$by_bench', report: '$by_report'"
echo "$fails failure(s)"
[ $fails -eq 0 ]
