#!/bin/sh
# End-to-end specification: strings that are not cbench's own (a skip
# reason, benchmark names, and ids, hosts and warnings read back from a
# forged baseline) cannot forge any output. The TAP stream keeps exactly
# its plan and test lines, and Meson's parser reads each test as what it
# is; no output carries a terminal escape (ESC, or C1 CSI in UTF-8 or as
# a lone byte); CSV cells cannot start formulas; the HTML report and
# cbench show, compare and ab show the strings as text.
# Usage: hostile_e2e.sh PATH/TO/hostile-bench PATH/TO/cbench
set -u
BENCH="$1"
CBENCH_TOOL="$2"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"
ESC=$(printf '\033')
CSI=$(printf '\233')                     # 0x9b: also the second byte of U+009B

# No byte a terminal acts on in files $@ (which must exist).
no_escape() {
    for _file; do test -f "$_file" || return 1; done
    ! LC_ALL=C grep -q -e "$ESC" -e "$CSI" "$@"
}
# The lines of TAP file $1 that are not comments.
tap_lines() { LC_ALL=C grep -a -v '^#' "$1"; }
# How many lines of file $2 match extended regex $1 (as text, whatever
# bytes the file holds; -i when $3 is "i").
count() { LC_ALL=C grep -a -E -c${3:-} -- "$1" "$2"; }

# A run: plan, then exactly one line per benchmark.
"$BENCH" $FAST --format tap --save-baseline hostile > "$DIR/tap" 2> "$DIR/tap.err"; rc=$?
expect "the crashing benchmark fails the run" test $rc -eq 1
# (results stream as their blocks finish: which of the last two comes
# third depends on the machine)
expect "the stream is the version, the plan and four test lines" \
    test "$(tap_lines "$DIR/tap" | cut -c1-12 | tr '\n' '|')" = \
    "TAP version |1..4|ok 1 - hosti|not ok 2 - h|ok 3 - hosti|ok 4 - =cmd||" -o \
    "$(tap_lines "$DIR/tap" | cut -c1-12 | tr '\n' '|')" = \
    "TAP version |1..4|ok 1 - hosti|not ok 2 - h|ok 3 - =cmd||ok 4 - hosti|"
expect "the skip reason's newline is shown, not written" \
    has '^ok 1 - hostile/skips # SKIP reason\\nok 99 - injected$' "$DIR/tap"
expect "no forged test line" test "$(count '^ok 99' "$DIR/tap")" -eq 0
expect "a ' # TODO' in a name is no directive, even for Meson's parser" \
    has '^not ok 2 - hostile/fails \\x23 TODO round 1 crashed' "$DIR/tap"
expect "only the skip carries a directive (Meson reads up to the first #)" \
    test "$(count '^(not )?ok [^#]*#[[:space:]]*(skip|todo)' "$DIR/tap" i)" -eq 1
expect "'\\' and C1 escapes are escaped in a description" \
    has '^ok [34] - hostile/\\u009b31m red \\u009b0m "q" back\\\\slash time: ' "$DIR/tap"
expect "no terminal escape in the TAP stream" no_escape "$DIR/tap" "$DIR/tap.err"
"$BENCH" --list > "$DIR/list"
expect "--list shows a name's C1 bytes escaped" no_escape "$DIR/list"

# The same results read back from the baseline.
"$BENCH" $FAST --format tap --load-baseline hostile > "$DIR/load" 2>&1
expect "--load-baseline: plan and two test lines" \
    test "$(tap_lines "$DIR/load" | cut -c1-6 | tr '\n' '|')" = "TAP ve|1..2|ok 1 -|ok 2 -|"
expect "--load-baseline: no terminal escape" no_escape "$DIR/load"

# CSV: text cells that a spreadsheet would run are guarded; numbers stay.
"$BENCH" $FAST --format csv > "$DIR/csv" 2> /dev/null
expect "a formula id starts with a quote, inside quotes" has "^\"'=cmd|' -C calc'!A0/calc\"," "$DIR/csv"
expect "numbers stay unquoted numbers" has "^\"'=cmd|' -C calc'!A0/calc\",\"'=cmd|' -C calc'!A0\",calc,,none,0,[0-9]" "$DIR/csv"
expect "the skip reason stays inside its quotes" has ',"reason$' "$DIR/csv"
expect "no terminal escape in the CSV" no_escape "$DIR/csv"

# HTML report and gnuplot charts of the same names.
"$BENCH" --load-baseline hostile --baseline-dir "$DIR/bl" --charts always \
    --report-dir "$DIR/report" > /dev/null 2>&1
expect "the report is written" test -s "$DIR/report/index.html"
expect "no terminal escape or raw C1 in the report" no_escape "$DIR/report/index.html"
expect "quotes in a name are entities" has '&quot;q&quot; back\\slash' "$DIR/report/index.html"
expect "... not markup" test "$(count '"q"' "$DIR/report/index.html")" -eq 0
if command -v gnuplot > /dev/null; then
    expect "charts are drawn" test -n "$(find "$DIR/report" -name '*.svg')"
    expect "no raw C1 in a chart's titles" no_escape $(find "$DIR/report" -name '*.svg')
fi

# A forged baseline: ESC and a newline with a TAP line in a warning and
# the host (which no loader can refuse: they are free text), and in an id
# with ' # TODO' (which the loader may refuse, with a message that shows
# no escape, or print): either way nothing is forged.
sed -e 's|"warning": "|"warning": "\\u001b]0;title\\u0007\\nok 97 - forged |' \
    -e 's|"warning": null|"warning": "\\u001b]0;title\\u0007\\nok 97 - forged"|' \
    -e 's|"host": "[^"]*"|"host": "\\u001b[2J\\nok 96 - forged"|' \
    "$DIR/bl/hostile.json" > "$DIR/bl/forged.json"
sed -e 's|"id": "=cmd[^"]*"|"id": "=cmd\\u001b[31mred\\nok 98 - forged # TODO/calc"|' \
    "$DIR/bl/forged.json" > "$DIR/bl/forged-id.json"
expect "the forged baseline holds the escapes" has 'u001b\[2J' "$DIR/bl/forged.json"
expect "... and so does the forged id" has 'u001b\[31mred' "$DIR/bl/forged-id.json"
for b in forged forged-id; do
    "$BENCH" $FAST --format tap --load-baseline $b > "$DIR/$b-tap" 2>&1
    "$BENCH" $FAST --format pretty --load-baseline $b > "$DIR/$b-pretty" 2>&1
    "$CBENCH_TOOL" show --baseline-dir "$DIR/bl" $b > "$DIR/$b-show" 2>&1
    "$CBENCH_TOOL" compare --baseline-dir "$DIR/bl" hostile $b > "$DIR/$b-compare" 2>&1
    for f in tap pretty show compare; do
        expect "$b, $f: no terminal escape" no_escape "$DIR/$b-$f"
        expect "$b, $f: no forged line" test "$(count '^(not )?ok 9[6-8]' "$DIR/$b-$f")" -eq 0
    done
    expect "$b, tap: no TODO directive" \
        test "$(count '^(not )?ok [^#]*#[[:space:]]*(skip|todo)' "$DIR/$b-tap" i)" -eq 0
done
expect "forged warnings are shown, escaped" has '^# warning: \\x1b\]0;title\\x07\\nok 97 - forged' "$DIR/forged-tap"
expect "a forged host is shown, escaped" has '^  host:      \\x1b\[2J\\nok 96 - forged$' "$DIR/forged-show"
"$CBENCH_TOOL" list --baseline-dir "$DIR/bl" > "$DIR/list-all" 2>&1
expect "list: no terminal escape" no_escape "$DIR/list-all"

# cbench ab: the table and --json of the same names.
AB="--rounds 2 --max-rounds 2 --measurement-time 0.05 --warm-up-time 0.02"
"$CBENCH_TOOL" ab "$BENCH" "$BENCH" red calc $AB > "$DIR/ab" 2> "$DIR/ab.err"
expect "ab: the table has both rows" test "$(count '^(hostile/|=cmd)' "$DIR/ab")" -eq 2
expect "ab: no terminal escape" no_escape "$DIR/ab" "$DIR/ab.err"
"$CBENCH_TOOL" ab --json "$BENCH" "$BENCH" red calc $AB > "$DIR/ab.json" 2> /dev/null
expect "ab --json: no raw C1 byte" no_escape "$DIR/ab.json"
expect "ab --json: the C1 name is a JSON escape" has 'hostile/\\u009b31m red \\u009b0m \\"q\\" back\\\\slash' "$DIR/ab.json"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
