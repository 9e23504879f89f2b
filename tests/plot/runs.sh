#!/bin/sh
# One report for one run, and runs with other settings keep to themselves
# (measure/runid.h), driven through a real bench executable:
#  - the executables of one run (CBENCH_RUN_ID, as under one `meson test`)
#    share one index.html, one section each; a new run replaces them;
#  - a --quick run compares with and saves into last-quick and writes its
#    page in report/quick/; a filtered run saves into last-filtered and
#    writes report/filtered/, saying so in one line with the path; neither
#    touches last.json or report/index.html, and the next full run is
#    compared with the previous full run.
# Usage: runs.sh PATH/TO/e2e-bench
set -u
BENCH="$1"
DIR=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT
BL="$DIR/bl"
R="$BL/report"
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --baseline-dir $BL --format tap"
. "$(dirname "$0")/../expect.sh"
hasnt() { ! grep -q -- "$1" "$2"; }
count() { grep -o -- "$1" "$2" | wc -l; }
run() {  # run RUN_ID OUT ARGS...: the bench with CBENCH_RUN_ID (empty: unset)
    id="$1"; out="$2"; shift 2
    if [ -n "$id" ]; then CBENCH_RUN_ID="$id" "$@" > "$out" 2>&1
    else env -u CBENCH_RUN_ID "$@" > "$out" 2>&1; fi
}
E2E_MISBEHAVE=; export E2E_MISBEHAVE

# Two executables of one run: one page, a section each.
cp "$BENCH" "$DIR/e2e-other"
run full-1 "$DIR/o1" "$BENCH" $FAST
run full-1 "$DIR/o2" "$DIR/e2e-other" $FAST
expect "a full run saves last" test -s "$BL/last.json"
expect "the page holds both executables" has "in 2 sections" "$R/index.html"
expect "... each as a section" test "$(count '<h2>e2e-' "$R/index.html")" -eq 2
expect "... dated, naming what measured it" has "measured .* UTC by <code>$DIR/e2e-other</code>" "$R/index.html"
expect "each run says where its report is" has "^# note: report written to $R/index.html$" "$DIR/o2"
cp "$BL/last.json" "$DIR/last.full"
cp "$R/index.html" "$DIR/index.full"

# A quick run: its own baseline and page.
run quick-1 "$DIR/q" "$BENCH" $FAST --quick
expect "quick saves last-quick" test -s "$BL/last-quick.json"
expect "quick writes report/quick/" has "A quick run" "$R/quick/index.html"
expect "... and says so with the path" has "^# note: a quick run: its report is $R/quick/index.html" "$DIR/q"
expect "quick leaves last.json alone" cmp -s "$BL/last.json" "$DIR/last.full"
expect "quick leaves the full report alone" cmp -s "$R/index.html" "$DIR/index.full"
run quick-2 "$DIR/q2" "$BENCH" $FAST --quick
expect "the next quick run compares with last-quick" has "compared with baseline 'last-quick'" "$R/quick/index.html"

# A filtered run: compared with the full run, saved apart, its own page.
run filtered-1 "$DIR/f" "$BENCH" $FAST adds
expect "filtered saves last-filtered" test -s "$BL/last-filtered.json"
expect "filtered writes report/filtered/" has "A filtered run (FILTER adds)" "$R/filtered/index.html"
expect "... in one line with the path" test "$(grep -c "^# note: a filtered run: its report is $R/filtered/index.html (the last full run's report is not replaced)$" "$DIR/f")" -eq 1
expect "filtered compares with the full run" has "compared with baseline 'last'" "$R/filtered/index.html"
expect "filtered leaves last.json alone" cmp -s "$BL/last.json" "$DIR/last.full"
expect "filtered leaves the full report alone" cmp -s "$R/index.html" "$DIR/index.full"

# The next full run: compared with the previous full run, never a quick one.
run full-2 "$DIR/o3" "$BENCH" $FAST
expect "the next full run compares with last" has '"base_name": "last"' "$R/sections/e2e-bench.json"
expect "... of the first full run" has "\"base_date\": \"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["context"]["date"])' "$DIR/last.full")\"" "$R/sections/e2e-bench.json"
expect "a new run replaces the earlier run's sections" has "in 1 section" "$R/index.html"
expect "... files included" test ! -e "$R/sections/e2e-other.json"
# history: last-filtered only (last is this run; last-quick has other settings)
expect "the history never shows a quick run" python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["section"]["history"]
print("history:", h)
sys.exit(0 if h == 1 else 1)' "$R/sections/e2e-bench.json"

# By hand, without CBENCH_RUN_ID: a run of its own.
run "" "$DIR/h" "$BENCH" $FAST
expect "a hand run is a run of its own" has "in 1 section" "$R/index.html"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
