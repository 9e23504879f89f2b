#!/bin/sh
# End-to-end specification of a bench executable's command line: listing,
# filters, usage errors, TAP output, baselines, comparison, regression
# gating, crash isolation, timeouts, interruption and data formats.
# Usage: e2e.sh PATH/TO/e2e-bench
set -u
BENCH="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"

# Listing and filters
"$BENCH" --list > "$DIR/list" 2> "$DIR/list.err"
expect "--list says on stderr how many and how long" has "^e2e-bench: 4 benchmarks, about " "$DIR/list.err"
expect "--list prints every id" test "$(cat "$DIR/list" | tr '\n' ' ')" = "e2e/adds/64 e2e/adds/128 e2e/scaled e2e/misbehave "
"$BENCH" --list adds > "$DIR/l2"; expect "substring filter" test "$(wc -l < "$DIR/l2")" -eq 2
"$BENCH" --list --exact e2e/adds/64 > "$DIR/l3"; expect "--exact filter" test "$(cat "$DIR/l3")" = "e2e/adds/64"
"$BENCH" --list --regex '^e2e/(scaled|mis)' > "$DIR/l4"; expect "--regex filter" test "$(wc -l < "$DIR/l4")" -eq 2

# Usage errors: exit 2, message names the flag and the form
"$BENCH" --sample-size=x 2> "$DIR/err"; rc=$?
expect "bad value exits 2" test $rc -eq 2
expect "bad value names flag and form" has "--sample-size: expected an integer" "$DIR/err"
"$BENCH" --bogus 2> "$DIR/err"; rc=$?
expect "unknown flag exits 2" test $rc -eq 2
expect "unknown flag is named" has "unknown flag '--bogus'" "$DIR/err"
"$BENCH" --help > "$DIR/help"; expect "--help exits 0 and documents flags" has "--save-baseline NAME" "$DIR/help"
"$BENCH" --regex '(' 2> "$DIR/err"; expect "bad regex exits 2" test $? -eq 2
"$BENCH" no-such-bench 2> "$DIR/err"; expect "empty selection exits 2" test $? -eq 2

# A TAP run saving a baseline
"$BENCH" $FAST --format tap --save-baseline main adds > "$DIR/tap" 2> "$DIR/tap.err"; rc=$?
expect "tap run exits 0" test $rc -eq 0
expect "tap plan" has "^1\.\.2$" "$DIR/tap"
expect "tap ok line carries the estimate" has "^ok [12] - e2e/adds/64 time: \[" "$DIR/tap"
expect "no non-TAP line on stdout" test -z "$(grep -v -e '^ok ' -e '^not ok ' -e '^#' -e '^TAP version' -e '^1\.\.' "$DIR/tap")"
expect "baseline file written" test -s "$DIR/bl/main.json"
expect "start-up line: how many and how long" has "^# note: e2e-bench: 2 benchmarks, about [0-9]" "$DIR/tap"
expect "end line: how long they took" has "^# note: e2e-bench: 2 of 2 benchmarks in [0-9].* (estimated " "$DIR/tap"
expect "no progress line in the TAP stream or on stderr" test -z "$(grep -e 'elapsed' "$DIR/tap" "$DIR/tap.err")"
expect "results store the time they took and their plan" has '"wall_s": [0-9]' "$DIR/bl/main.json"
expect "... and their plan" has '"planned_s": [0-9]' "$DIR/bl/main.json"
"$BENCH" $FAST --format tap adds > "$DIR/tap2"
expect "the next run's estimate comes from those times" has "^# note: e2e-bench: 2 benchmarks, about .*, as long as they took the last time" "$DIR/tap2"

# Compare against it; a missing baseline is an error unless lenient
"$BENCH" $FAST --format tap --baseline main adds > "$DIR/cmp"; rc=$?
expect "compare run exits 0" test $rc -eq 0
expect "change on the ok line" has "^ok [12] - e2e/adds/64 time: .* change: " "$DIR/cmp"
"$BENCH" $FAST --format tap --baseline nope adds > /dev/null 2> "$DIR/err"; rc=$?
expect "missing baseline exits 2" test $rc -eq 2
expect "missing baseline is named" has "nope" "$DIR/err"
"$BENCH" $FAST --format tap --baseline nope --baseline-lenient adds > "$DIR/len" 2>&1; rc=$?
expect "lenient baseline only warns" test $rc -eq 0
"$BENCH" $FAST --format tap --baseline main scaled > "$DIR/absent" 2>&1; rc=$?
expect "benchmark absent from baseline is a note" has "not in baseline 'main'" "$DIR/absent"
expect "... and not a failure" test $rc -eq 0

# A baseline saved when the machine ran 10x faster (speed probe): said
# once, and a change of that size is no longer called a regression. 10x,
# not 4x: the drift is read from each run's own core speed, which a slow
# spell of the core (1.6x here) during either run moves; 4x then left
# some drifts under the 200 % checked below.
python3 - "$DIR/bl/main.json" "$DIR/bl/fastmachine.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["context"]["probe_cpu_ns"] *= 0.1
d["context"]["probe_mem_ns"] *= 0.1
for r in d["results"]:
    if r.get("speed_ns"):
        r["speed_ns"] *= 0.1
json.dump(d, open(sys.argv[2], "w"))
PY
"$BENCH" $FAST --format tap --baseline fastmachine --export "$DIR/drift.json" adds > "$DIR/drift" 2>&1
expect "machine drift is noticed" has "the machine itself changed speed" "$DIR/drift"
expect "... and said to widen each comparison" has "each comparison's noise threshold widens" "$DIR/drift"
expect "... and widens the noise threshold by the drift" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if all(r["change"]["noise_threshold"] > 2 for r in d["results"] if r["change"]) else 1)' "$DIR/drift.json"

# Regression gating: 10x the work must fail with --fail-on-regression, even
# when the machine drifted (a slow core widens the threshold by up to ~2x)
GATE="--warm-up-time 0.05 --measurement-time 0.3 --rounds 4 --nresamples 1000 --charts never --baseline-dir $DIR/bl"
"$BENCH" $GATE --save-baseline gate scaled > /dev/null 2>&1
E2E_SCALE=10 "$BENCH" $GATE --format tap --baseline gate --fail-on-regression scaled > "$DIR/gate"; rc=$?
expect "regression gate exits 1" test $rc -eq 1
expect "regression is not ok" has "^not ok 1 - e2e/scaled .*regressed" "$DIR/gate"
[ $rc -eq 1 ] || cat "$DIR/gate"          # timing-dependent: show what it said

# Crash isolation: the crash fails its benchmark; the others are reported and saved
E2E_MISBEHAVE=segv "$BENCH" $FAST --format tap --save-baseline crash > "$DIR/crash" 2>&1; rc=$?
expect "crash exits 1" test $rc -eq 1
expect "crash is not ok with the signal" has "^not ok [0-9] - e2e/misbehave .*signal 11" "$DIR/crash"
expect "others still ok" has "^ok [0-9] - e2e/scaled" "$DIR/crash"
expect "others saved" has '"e2e/scaled"' "$DIR/bl/crash.json"
E2E_MISBEHAVE=abort "$BENCH" $FAST --format tap misbehave > "$DIR/abort" 2>&1
expect "abort is reported" has "^not ok 1 - e2e/misbehave .*signal 6" "$DIR/abort"
E2E_MISBEHAVE=hang "$BENCH" $FAST --format tap --timeout 1 misbehave > "$DIR/hang" 2>&1; rc=$?
expect "timeout is not ok" has "^not ok 1 - e2e/misbehave .*timed out after 1 s" "$DIR/hang"

# In-process rounds work too
"$BENCH" $FAST --format tap --no-fork scaled > "$DIR/nofork"; expect "--no-fork runs" test $? -eq 0

# Interruption: SIGINT saves what is complete and exits 130
E2E_MISBEHAVE=hang "$BENCH" $FAST --format tap --save-baseline intr > "$DIR/intr" 2> "$DIR/intr.err" &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid; rc=$?
expect "interrupt exits 130" test $rc -eq 130
expect "interrupt says what was saved" has "interrupted" "$DIR/intr.err"
expect "finished results saved on interrupt" has '"e2e/adds/64"' "$DIR/bl/intr.json"

# A terminal gets colours and a progress line on stderr; a pipe gets neither
if command -v script > /dev/null 2>&1; then
    env -u NO_COLOR script -qec "\"$BENCH\" $FAST --save-baseline tty adds/64" /dev/null > "$DIR/tty" 2>&1
    expect "terminal: progress line shown" has "e2e-bench: 0/1 done, e2e/adds/64 round 1/2, .* elapsed, about .* left" "$DIR/tty"
    expect "terminal: colours" grep -q "$(printf '\033')\[1m" "$DIR/tty"
    NO_COLOR=1 script -qec "\"$BENCH\" $FAST adds/64" /dev/null > "$DIR/nocolor" 2>&1
    expect "NO_COLOR: no colour" test -z "$(grep "$(printf '\033')\[1m" "$DIR/nocolor")"
fi
"$BENCH" $FAST --format pretty adds/64 > "$DIR/pipe" 2>&1
expect "pipe: no escape codes at all" test -z "$(grep "$(printf '\033')" "$DIR/pipe")"
expect "pipe: pretty report" has "^e2e/adds/64 *time: *\[" "$DIR/pipe"

# Data formats on stdout, report on stderr
"$BENCH" $FAST --format gbench-json adds > "$DIR/gb.json" 2> /dev/null
expect "gbench-json is valid JSON" python3 -m json.tool "$DIR/gb.json" > /dev/null
expect "gbench-json has benchmarks" has '"benchmarks"' "$DIR/gb.json"
"$BENCH" $FAST --format csv adds > "$DIR/out.csv" 2> /dev/null
expect "csv has a header and 2 rows" test "$(wc -l < "$DIR/out.csv")" -eq 3
"$BENCH" $FAST --export "$DIR/x.json" adds > /dev/null 2>&1
expect "--export writes JSON" python3 -m json.tool "$DIR/x.json" > /dev/null
"$BENCH" --load-baseline main --baseline-dir "$DIR/bl" --format tap --charts never > "$DIR/load"
expect "--load-baseline reports without running" has "^ok [12] - e2e/adds/64" "$DIR/load"
"$BENCH" --list-baselines --baseline-dir "$DIR/bl" > "$DIR/lb"
expect "--list-baselines" has "^main$" "$DIR/lb"

# A comparison without a verdict of change whose interval reaches beyond
# the threshold (three rounds: t with 2 degrees of freedom; threshold 0)
# points to the comparison free of drift: the build stored with the
# baseline, or two builds run alternately when none is stored.
WIDE="--rounds 3 --noise-threshold 0 --significance-level 1e-9 --format tap"
"$BENCH" $FAST $WIDE --baseline main adds/64 > "$DIR/wide" 2>&1
expect "a wide interval with a stored build points to ab --baseline" \
    has "^# note: 1 of 1 comparisons with baseline 'main' .*cannot rule one out.*cbench ab --baseline main --baseline-dir $DIR/bl $BENCH" "$DIR/wide"
cp "$DIR/bl/main.json" "$DIR/bl/nobuild.json"
"$BENCH" $FAST $WIDE --baseline nobuild adds/64 > "$DIR/wide" 2>&1
expect "... and without one to ab OLD_EXE NEW_EXE" \
    has "^# note: 1 of 1 comparisons with baseline 'nobuild' .*cbench ab OLD_EXE $BENCH (a baseline saved with --save-baseline keeps its build" "$DIR/wide"

# cbench ab: paired rounds of two builds; B does 3x the work of A. Both
# are wrappers setting E2E_SCALE, so their processes start with
# environments of one size (a longer one moves the stack), and the
# unchanged benchmark is judged against a 3 % threshold: under ASan, with
# another test on the other vCPU, CI saw adds/64 1.5 % apart in every one
# of 3 pairs ("improved", -1.47 % [-1.48 -1.46]) when A ran unwrapped.
CBENCH_TOOL="${2:-}"
if [ -n "$CBENCH_TOOL" ]; then
    printf '#!/bin/sh\nE2E_SCALE=1 exec "%s" "$@"\n' "$BENCH" > "$DIR/fast-build"
    printf '#!/bin/sh\nE2E_SCALE=3 exec "%s" "$@"\n' "$BENCH" > "$DIR/slow-build"
    chmod +x "$DIR/fast-build" "$DIR/slow-build"
    AB="--rounds 4 --max-rounds 6 --measurement-time 0.1 --warm-up-time 0.05"
    "$CBENCH_TOOL" ab "$DIR/fast-build" "$DIR/slow-build" scaled adds/64 $AB --noise-threshold 0.03 \
        > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
    expect "ab exits 1 on a regression" test $rc -eq 1
    expect "ab flags the slower benchmark" has "^e2e/scaled .*regressed" "$DIR/ab"
    expect "ab reports the unchanged one without a verdict of change" \
        grep -Eq "^e2e/adds/64 .*(no change|within noise)" "$DIR/ab"
    grep -Eq "^e2e/adds/64 .*(no change|within noise)" "$DIR/ab" || cat "$DIR/ab"
    "$CBENCH_TOOL" ab "$BENCH" "$DIR/slow-build" scaled $AB --json --no-fail > "$DIR/ab.json" 2>/dev/null
    expect "ab --json is valid JSON" python3 -m json.tool "$DIR/ab.json" > /dev/null
    # ab_row FILE KEY=VALUE...: some row of ab --json has every KEY at VALUE
    # (strings as they are, other values as JSON writes them).
    ab_row() {
        python3 - "$@" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
want = dict(a.split("=", 1) for a in sys.argv[2:])
show = lambda v: v if isinstance(v, str) else json.dumps(v)
sys.exit(0 if any(all(k in r and show(r[k]) == v for k, v in want.items()) for r in rows) else 1)
PY
    }
    expect "ab --json: a row per benchmark with every documented field" python3 - "$DIR/ab.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
keys = {"id", "pairs", "set_aside", "settled", "a", "b", "change", "lower", "upper", "p_value",
        "verdict"}
sys.exit(0 if [r["id"] for r in rows] == ["e2e/scaled"] and all(keys <= set(r) for r in rows)
         else 1)
PY

    # Processes that ran while the core was slow (their results' speed_ns)
    # are set aside: two canned "builds" of identical code, every third
    # process on a core 60 % slower and 50 % slower in time.
    "$BENCH" --format=json --rounds=1 --charts=never --counters=none --exact e2e/adds/64 \
        --measurement-time 0.05 --warm-up-time 0.02 --baseline-dir "$DIR/bl" > "$DIR/template.json"
    cat > "$DIR/canned-build" <<SH
#!/bin/sh
n=\$(cat "$DIR/count" 2>/dev/null || echo 0)
echo \$((n + 1)) > "$DIR/count"
python3 - "$DIR/template.json" "\$n" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
slow = n % 3 == 1
for r in d["results"]:
    r["typical"]["point"] = (150.0 if slow else 100.0) * (1 + 0.001 * ((n * 7) % 5 - 2))
    r["speed_ns"] = 1600.0 if slow else 1000.0
    del r["samples"]        # they no longer back the edited estimate (a loader refuses that)
print(json.dumps(d))
PY
SH
    chmod +x "$DIR/canned-build"
    rm -f "$DIR/count"
    "$CBENCH_TOOL" ab "$DIR/canned-build" "$DIR/canned-build" --rounds 6 --max-rounds 6 \
        --json --no-fail > "$DIR/ab-gate.json" 2>/dev/null
    expect "ab sets aside the pairs with a process on a slow core" \
        ab_row "$DIR/ab-gate.json" pairs=2 set_aside=4 verdict="no change"
    rm -f "$DIR/count"
    "$CBENCH_TOOL" ab "$DIR/canned-build" "$DIR/canned-build" --rounds 6 --max-rounds 6 \
        --speed-tolerance 0 --json --no-fail > "$DIR/ab-nogate.json" 2>/dev/null
    expect "... and keeps them all with --speed-tolerance 0" \
        ab_row "$DIR/ab-nogate.json" pairs=6 set_aside=0
    width() { python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print(r["upper"] - r["lower"])' "$1"; }
    expect "... where they widen the interval tenfold" python3 -c \
        'import sys; sys.exit(0 if float(sys.argv[2]) > 10 * float(sys.argv[1]) else 1)' \
        "$(width "$DIR/ab-gate.json")" "$(width "$DIR/ab-nogate.json")"
    # The sequential rule settles an obvious change at --rounds pairs,
    # before the cap: two canned "builds" reporting 100 and 300 ns (+-0.2 %),
    # so the machine's noise (a 3x slowdown of real code took 4 to more
    # than 6 pairs on a core slow most of the time) does not decide it.
    for v in 100 300; do
        cat > "$DIR/canned-$v" <<SH
#!/bin/sh
n=\$(cat "$DIR/count-$v" 2>/dev/null || echo 0)
echo \$((n + 1)) > "$DIR/count-$v"
python3 - "$DIR/template.json" "\$n" $v <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n, v = int(sys.argv[2]), float(sys.argv[3])
for r in d["results"]:
    r["typical"]["point"] = v * (1 + 0.001 * ((n * 7 + int(v) // 100) % 5 - 2))
    r["speed_ns"] = 1000.0
    del r["samples"]
print(json.dumps(d))
PY
SH
        chmod +x "$DIR/canned-$v"
    done
    "$CBENCH_TOOL" ab "$DIR/canned-100" "$DIR/canned-300" --rounds 4 --max-rounds 6 --json \
        --no-fail > "$DIR/ab-settle.json" 2>/dev/null
    expect "ab settles a 3x slowdown at --rounds pairs, before the round cap" \
        ab_row "$DIR/ab-settle.json" pairs=4 set_aside=0 settled=true verdict=regressed
    # Equal times read back as themselves: the typical time of a side is a
    # geometric mean, and exp(mean(log 3)) is 3.0000000000000004.
    cat > "$DIR/canned-3" <<SH
#!/bin/sh
python3 - "$DIR/template.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    r["typical"]["point"] = 3.0
    r["speed_ns"] = 1000.0
    del r["samples"]
print(json.dumps(d))
PY
SH
    chmod +x "$DIR/canned-3"
    "$CBENCH_TOOL" ab "$DIR/canned-3" "$DIR/canned-3" --rounds 3 --max-rounds 3 --json \
        --no-fail > "$DIR/ab-equal.json" 2>/dev/null
    expect "ab reports equal times as that time, exactly" python3 -c \
        'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; sys.exit(0 if r["a"] == 3.0 and r["b"] == 3.0 else 1)' \
        "$DIR/ab-equal.json"
    # A benchmark settled early keeps the pairs that settled it: later
    # rounds (of a benchmark still open) that see a faster core lower the
    # speed limit, which must not set aside the settled one's pairs. Round
    # by round the core runs at 1000, 1000, 960, 960, then 920 ns; e2e/scaled
    # is 3x, 3x, 2x, 4x slower in B (settled at 4 pairs, regressed), and
    # e2e/adds/64 stays open (+-2 %) until the rounds run out.
    "$BENCH" --format=json --rounds=1 --charts=never --counters=none --exact e2e/adds/64 \
        e2e/scaled --measurement-time 0.05 --warm-up-time 0.02 --baseline-dir "$DIR/bl" > "$DIR/template2.json"
    for side in a b; do
        cat > "$DIR/frozen-$side" <<SH
#!/bin/sh
n=\$(cat "$DIR/count" 2>/dev/null || echo 0)
echo \$((n + 1)) > "$DIR/count"
python3 - "$DIR/template2.json" "\$n" $side "\$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r, side, args = int(sys.argv[2]) // 2, sys.argv[3], sys.argv[4:]
ids = args[args.index("--exact") + 1:] if "--exact" in args else None
speed = [1000.0, 1000.0, 960.0, 960.0][r] if r < 4 else 920.0
ratio = {"e2e/scaled": [3.0, 3.0, 2.0, 4.0, 3.0, 3.0][r],
         "e2e/adds/64": 1 + 0.02 * (-1) ** r}
out = []
for res in d["results"]:
    if ids is not None and res["id"] not in ids:
        continue
    res["typical"]["point"] = 100.0 * (ratio[res["id"]] if side == "b" else 1.0)
    res["speed_ns"] = speed
    del res["samples"]
    out.append(res)
d["results"] = out
print(json.dumps(d))
PY
SH
        chmod +x "$DIR/frozen-$side"
    done
    rm -f "$DIR/count"
    "$CBENCH_TOOL" ab "$DIR/frozen-a" "$DIR/frozen-b" --rounds 4 --max-rounds 6 --json \
        --no-fail > "$DIR/ab-frozen.json" 2>/dev/null
    expect "a settled benchmark keeps the pairs that settled it when the core gets faster" \
        ab_row "$DIR/ab-frozen.json" id=e2e/scaled pairs=4 set_aside=0 settled=true \
            verdict=regressed
    expect "... while the open one's slower pairs are set aside" \
        ab_row "$DIR/ab-frozen.json" id=e2e/adds/64 pairs=4 set_aside=2 settled=false
    "$CBENCH_TOOL" ab "$BENCH" /nonexistent $AB > /dev/null 2> "$DIR/ab.err"; rc=$?
    expect "ab with a missing build exits 2" test $rc -eq 2

    # --save-baseline kept the build; ab reruns it against today's and
    # names what is missing.
    expect "--save-baseline stores the executable" cmp "$BENCH" "$DIR/bl/main.builds/$(basename "$BENCH")"
    "$CBENCH_TOOL" ab --baseline main --baseline-dir "$DIR/bl" "$BENCH" adds/64 $AB \
        --no-fail > "$DIR/ab-stored" 2> "$DIR/ab-stored.err"; rc=$?
    expect "ab --baseline reruns the stored build" has "^e2e/adds/64 " "$DIR/ab-stored"
    expect "... and exits 0" test $rc -eq 0
    "$CBENCH_TOOL" ab --baseline nosuch --baseline-dir "$DIR/bl" "$BENCH" $AB \
        > /dev/null 2> "$DIR/ab-stored.err"; rc=$?
    expect "ab --baseline without a stored build exits 2" test $rc -eq 2
    expect "... naming the baseline and how to store one" \
        has "no build of .* is stored in .*nosuch.builds .*--save-baseline nosuch" "$DIR/ab-stored.err"
    "$CBENCH_TOOL" ab "$BENCH" "$BENCH" --rounds x 2> "$DIR/ab.err"; rc=$?
    expect "ab bad flag exits 2 naming it" has "--rounds: expected" "$DIR/ab.err"
    "$CBENCH_TOOL" ab "$BENCH" "$BENCH" --rounds 5 --max-rounds 3 2> "$DIR/ab.err"; rc=$?
    expect "ab --max-rounds below --rounds exits 2" test $rc -eq 2
    expect "... saying which" has "--max-rounds 3 is below --rounds 5" "$DIR/ab.err"
fi

echo "$fails failure(s)"
[ $fails -eq 0 ]
