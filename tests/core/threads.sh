#!/bin/sh
# End-to-end specification of multi-threaded benchmarks (options.threads)
# through a bench executable's command line: ids and filters, TAP,
# baselines (what the threads did), comparison, ratios to the reference at
# the same thread count, exports (gbench-json's "threads", CSV), the
# oversubscription warning, counters, and cbench ab.
# Usage: threads.sh PATH/TO/threads-bench PATH/TO/cbench
set -u
BENCH="$1"
TOOL="$2"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"
CPUS=$(python3 -c 'import os; print(len(os.sched_getaffinity(0)))')
OVER=$((CPUS + 1))

# Ids: one per thread count, "/threads=N" after everything else
"$BENCH" --list > "$DIR/list" 2>/dev/null
expect "each thread count is its own id" test "$(grep -c '^mt/own_line/threads=[12]$' "$DIR/list")" -eq 2
expect "... after the parameter" has '^mt/sized/64/threads=2$' "$DIR/list"
expect "... and none without threads" has '^mt/plain$' "$DIR/list"
expect "... a count above the CPUs is listed, not dropped" has "^mt/over/threads=$OVER\$" "$DIR/list"
"$BENCH" --list threads=2 > "$DIR/l2" 2>/dev/null
expect "a substring filter selects a thread count" test "$(wc -l < "$DIR/l2")" -eq 3
"$BENCH" --list --exact mt/own_line/threads=2 > "$DIR/l3" 2>/dev/null
expect "--exact names one thread count" test "$(cat "$DIR/l3")" = "mt/own_line/threads=2"

# A TAP run saving a baseline
"$BENCH" $FAST --format tap --counters task-clock --save-baseline main --export "$DIR/run.json" \
    > "$DIR/tap" 2> "$DIR/tap.err"; rc=$?
expect "tap run exits 0" test $rc -eq 0
expect "threaded results are ok lines" has "^ok [0-9]* - mt/own_line/threads=2 time: \[" "$DIR/tap"
expect "the threads are described" has "^# *threads: 2 .*imbalance" "$DIR/tap"
expect "an oversubscribed count is run and warned about" has "Oversubscribed: $OVER threads on $CPUS CPUs" "$DIR/tap"
expect "the baseline keeps what the threads did" python3 - "$DIR/bl/main.json" <<'PY'
import json, sys
d = {r["id"]: r for r in json.load(open(sys.argv[1]))["results"]}
t = d["mt/own_line/threads=2"]["threads"]
ok = t["count"] == 2 and len(t["cpu_ns_per_iter"]) == 2 and t["imbalance"] >= 1
ok = ok and all(c > 0 for c in t["cpu_ns_per_iter"]) and d["mt/plain"]["threads"] is None
# throughput is the threads' total: 1 element per iteration and thread
ok = ok and d["mt/own_line/threads=2"]["throughput"]["per_iter"] == 2
sys.exit(0 if ok else 1)
PY
expect "ratios compare the same thread count" python3 - "$DIR/run.json" <<'PY'
import json, sys
d = {r["id"]: r for r in json.load(open(sys.argv[1]))["results"]}
ok = all(d["mt/shared_line/threads=%d" % n]["ratio_to_reference"]["point"] > 0 for n in (1, 2))
sys.exit(0 if ok else 1)
PY
expect "counters are summed over the threads (task-clock = the threads' CPU times together)" python3 - "$DIR/run.json" <<'PY'
import json, sys
d = {r["id"]: r for r in json.load(open(sys.argv[1]))["results"]}
r = d["mt/sized/64/threads=2"]
tc = [c["per_iter"] for c in r["counters"] if c["name"] == "task-clock"]
cpu = r["threads"]["cpu_ns_per_iter"]
# Summed over both threads, task-clock holds at least their CPU times
# together; one thread's alone would be about half. It may hold more:
# the CPU times start after the start barrier (measure/team.c), while
# task-clock also counts a thread spinning there for a descheduled
# sibling, which on a loaded machine is many times the body's time.
sys.exit(0 if tc and tc[0] > 0.75 * sum(cpu) else 1)
PY

# Compared with the baseline
"$BENCH" $FAST --format tap --baseline main threads=2 > "$DIR/cmp"; rc=$?
expect "compare run exits 0" test $rc -eq 0
expect "change on a threaded ok line" has "^ok [0-9]* - mt/own_line/threads=2 time: .* change: " "$DIR/cmp"

# Exports
"$BENCH" $FAST --format gbench-json own_line > "$DIR/gb.json" 2>/dev/null
expect "gbench-json carries the thread count" python3 - "$DIR/gb.json" <<'PY'
import json, sys
b = [x for x in json.load(open(sys.argv[1]))["benchmarks"] if x["name"] == "mt/own_line/threads=2"]
sys.exit(0 if b and all(x["threads"] == 2 for x in b) else 1)
PY
"$BENCH" $FAST --format csv own_line > "$DIR/out.csv" 2>/dev/null
expect "csv has a threads column" python3 - "$DIR/out.csv" <<'PY'
import csv, sys
rows = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
ok = rows["mt/own_line/threads=2"]["threads"] == "2" and float(rows["mt/own_line/threads=2"]["imbalance"]) >= 1
sys.exit(0 if ok else 1)
PY

# cbench ab pairs threaded benchmarks like any other
"$TOOL" ab --baseline-dir "$DIR/bl" --rounds 2 --max-rounds 2 --no-fail --measurement-time 0.05 \
    --warm-up-time 0.02 "$BENCH" "$BENCH" own_line/threads=2 > "$DIR/ab" 2> "$DIR/ab.err"; rc=$?
expect "ab runs a threaded benchmark (exit 0)" test $rc -eq 0
expect "... and reports it" has "^mt/own_line/threads=2 " "$DIR/ab"
echo "$fails failure(s)"
[ $fails -eq 0 ]
