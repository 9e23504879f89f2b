#!/bin/sh
# Where results go when the target is not a plain file or the output
# fails: every export and every command's standard output checked
# (> /dev/full is a failure with a message, never exit 0), and an export
# or a baseline that is a symbolic link, a FIFO, a device or a directory
# (the link is followed and its file replaced, the others refused, - and
# /dev/stdout are standard output).
# Usage: output.sh PATH/TO/e2e-bench PATH/TO/cbench
set -u
BENCH="$1"
TOOL="$2"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
BL="$DIR/bl"
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --counters none"
. "$(dirname "$0")/../expect.sh"
is_json() { python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; }

"$BENCH" $FAST --baseline-dir "$BL" --save-baseline base adds/64 > /dev/null 2>&1
expect "a baseline to work on" test -s "$BL/base.json"
LOAD="--load-baseline base --baseline-dir $BL --charts never"

# {{{ Output that does not arrive fails
if [ -w /dev/full ]; then
    for fmt in csv json gbench-json; do
        "$BENCH" $LOAD --format $fmt > /dev/full 2> "$DIR/err"; rc=$?
        expect "--format $fmt > /dev/full exits non-zero" test $rc -ne 0
        expect "... saying why" has "cannot write the results to standard output: No space left on device" "$DIR/err"
        expect "... once" test "$(grep -c 'No space left' "$DIR/err")" -eq 1
    done
    "$BENCH" $LOAD --format tap > /dev/full 2> "$DIR/err"; rc=$?
    expect "the TAP report > /dev/full exits non-zero" test $rc -ne 0
    expect "... saying so" has "e2e-bench: cannot write standard output" "$DIR/err"
    "$BENCH" --list > /dev/full 2> "$DIR/err"; rc=$?
    expect "--list > /dev/full exits non-zero" test $rc -ne 0
    "$BENCH" $LOAD --export - > /dev/full 2> "$DIR/err"; rc=$?
    expect "--export - > /dev/full exits non-zero" test $rc -ne 0
    expect "... naming the export" has "export -: cannot write standard output: No space left on device" "$DIR/err"
    seq 1 20 > "$DIR/numbers"
    for cmd in "show --baseline-dir $BL base" "list --baseline-dir $BL" \
               "compare --baseline-dir $BL base base" "stats --json $DIR/numbers" \
               "stats $DIR/numbers"; do
        name=${cmd%% *}
        $TOOL $cmd > /dev/full 2> "$DIR/err"; rc=$?
        expect "cbench $cmd > /dev/full exits 2" test $rc -eq 2
        expect "... saying why" has "cbench $name: cannot write standard output: No space left on device" "$DIR/err"
    done
else
    echo "# no writable /dev/full: its checks are skipped"
fi
# }}}

# {{{ Exports to what is not a regular file
mkfifo "$DIR/fifo"
"$BENCH" $LOAD --export "$DIR/fifo" > /dev/null 2> "$DIR/err"; rc=$?
expect "--export to a FIFO exits 1" test $rc -eq 1
expect "... naming it a FIFO" has "fifo': it is a FIFO (named pipe), not a regular file" "$DIR/err"
expect "... which stays a FIFO" test -p "$DIR/fifo"
# A device node of our own (never the system's /dev/null: a writer that
# renamed over it would break the machine).
if mknod "$DIR/null" c 1 3 2> /dev/null; then
    "$BENCH" $LOAD --export "$DIR/null" > /dev/null 2> "$DIR/err"; rc=$?
    expect "--export to a device exits 1" test $rc -eq 1
    expect "... naming it a device" has "null': it is a character device" "$DIR/err"
    expect "... which stays one" test -c "$DIR/null"
    expect "... and no temporary file is made beside it" test -z "$(ls -A "$DIR" | grep '^\.null\.')"
else
    echo "# cannot make a device node here (not root?): the device checks are skipped"
fi
"$BENCH" $LOAD --export "$BL" > /dev/null 2> "$DIR/err"; rc=$?
expect "--export to a directory exits 1" test $rc -eq 1
expect "... naming it a directory" has "it is a directory" "$DIR/err"
"$BENCH" $LOAD --export - > "$DIR/stdout.json" 2> "$DIR/err"; rc=$?
expect "--export - exits 0" test $rc -eq 0
expect "... writes the JSON to standard output" is_json "$DIR/stdout.json"
expect "... with the report on standard error" has "e2e/adds/64" "$DIR/err"
echo "the user's own file" > "$DIR/own.json"
"$BENCH" $LOAD --export /dev/stdout > "$DIR/own.json" 2> /dev/null; rc=$?
expect "--export /dev/stdout exits 0" test $rc -eq 0
expect "... and writes into the file standard output is" is_json "$DIR/own.json"
# }}}

# {{{ --export-format: the file holds what --format prints
for fmt in gbench-json csv; do
    "$BENCH" $LOAD --format $fmt > "$DIR/printed.$fmt" 2> /dev/null
    "$BENCH" $LOAD --export "$DIR/exported.$fmt" --export-format $fmt > /dev/null 2> "$DIR/err"; rc=$?
    expect "--export-format $fmt exits 0" test $rc -eq 0
    expect "... and writes what --format $fmt prints" cmp -s "$DIR/printed.$fmt" "$DIR/exported.$fmt"
done
expect "... gbench-json: Google Benchmark's layout" has '"benchmarks"' "$DIR/exported.gbench-json"
expect "... csv: a header line first" has '^id,group,name,param' "$DIR/exported.csv"
"$BENCH" $LOAD --export "$DIR/default.json" > /dev/null 2>&1
expect "--export without it writes cbench's JSON" has '"schema": 2' "$DIR/default.json"
"$BENCH" $LOAD --export "$DIR/bad" --export-format yaml > /dev/null 2> "$DIR/err"; rc=$?
expect "--export-format yaml exits 2" test $rc -eq 2
expect "... naming the flag and the choices" has "export-format.*json.*gbench-json.*csv" "$DIR/err"
expect "... writing nothing" test ! -e "$DIR/bad"
if [ -w /dev/full ]; then
    "$BENCH" $LOAD --export - --export-format csv > /dev/full 2> "$DIR/err"; rc=$?
    expect "--export - --export-format csv > /dev/full exits non-zero" test $rc -ne 0
    expect "... saying why" has "No space left on device" "$DIR/err"
fi
# }}}

# {{{ Symbolic links are followed: the file they lead to is replaced
echo '{}' > "$DIR/real-export.json"
ln -s real-export.json "$DIR/link-export.json"
"$BENCH" $LOAD --export "$DIR/link-export.json" > /dev/null 2>&1
expect "--export through a symbolic link writes its target" is_json "$DIR/real-export.json"
expect "... and the link stays a link" test -L "$DIR/link-export.json"
ln -s new-export.json "$DIR/dangling.json"
"$BENCH" $LOAD --export "$DIR/dangling.json" > /dev/null 2>&1
expect "--export through a dangling link creates its target" is_json "$DIR/new-export.json"
mkdir -p "$DIR/shared" "$DIR/s2"
ln -s ../shared/team.json "$DIR/s2/base.json"
"$BENCH" $FAST --baseline-dir "$DIR/s2" --save-baseline base adds/64 > /dev/null 2>&1
expect "a save into a linked baseline writes the shared file" has '"e2e/adds/64"' "$DIR/shared/team.json"
expect "... the link stays a link" test -L "$DIR/s2/base.json"
expect "... and the lock is the shared file's" test -e "$DIR/shared/team.json.lock"
expect "... not the link's" test ! -e "$DIR/s2/base.json.lock"
"$BENCH" $FAST --baseline-dir "$DIR/shared" --save-baseline team adds/128 > /dev/null 2>&1
"$BENCH" $FAST --baseline-dir "$DIR/s2" --save-baseline base adds/64 > /dev/null 2>&1
expect "saves through both paths merge into one file" python3 -c '
import json, sys
ids = sorted(r["id"] for r in json.load(open(sys.argv[1]))["results"])
sys.exit(0 if ids == ["e2e/adds/128", "e2e/adds/64"] else 1)' "$DIR/shared/team.json"
mkfifo "$DIR/bl/piped.json"
"$BENCH" $FAST --baseline-dir "$BL" --save-baseline piped adds/64 > "$DIR/err" 2>&1; rc=$?
expect "a baseline that is a FIFO is refused" has "piped.json': it is a FIFO" "$DIR/err"
expect "... and stays one" test -p "$DIR/bl/piped.json"
# }}}

echo "$fails failure(s)"
[ $fails -eq 0 ]
