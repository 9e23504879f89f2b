#!/bin/sh
# A save onto a really full file system (a 12 KiB tmpfs) fails the run:
# non-zero exit, TAP "Bail out!" naming the baseline file and the reason,
# and the baseline already there is left as it was. Needs to mount a
# tmpfs (root); skipped (77) where that is refused. tests/store/save.c
# checks the same through the store's fault hook on any machine.
# Usage: tmpfs.sh PATH/TO/e2e-bench
set -u
BENCH="$1"
DIR=$(mktemp -d)
FS="$DIR/fs"
mkdir "$FS"
if ! mount -t tmpfs -o size=12k tmpfs "$FS" 2> /dev/null; then
    rm -rf "$DIR"
    echo "1..0 # SKIP cannot mount a tmpfs here (not root, or no mount namespace)"
    exit 77
fi
trap 'umount "$FS"; rm -rf "$DIR"' EXIT
. "$(dirname "$0")/../expect.sh"
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --counters none --format tap --baseline-dir $FS"

# A baseline saved elsewhere, copied in; then what is left is filled.
"$BENCH" $FAST --baseline-dir "$DIR/saved" --save-baseline base --exact e2e/adds/64 \
    > "$DIR/first" 2>&1; rc=$?
expect "a small baseline to start from" test $rc -eq 0
cp "$DIR/saved/base.json" "$DIR/before.json"
expect "... fits" cp "$DIR/saved/base.json" "$FS/base.json"
dd if=/dev/zero of="$FS/filler" bs=1k count=64 2> /dev/null
"$BENCH" $FAST --save-baseline base adds scaled > "$DIR/tap" 2>&1; rc=$?
expect "a save onto a full file system fails the run" test $rc -eq 1
expect "... with Bail out! naming the baseline" has "^Bail out! cannot save baseline 'base': " "$DIR/tap"
expect "... its file" has "base.json' was left unchanged" "$DIR/tap"
expect "... and the reason" has "No space left on device" "$DIR/tap"
expect "... said when the save failed" has "^# note: cannot save baseline 'base': " "$DIR/tap"
expect "the stored baseline is as it was" cmp "$FS/base.json" "$DIR/before.json"
expect "no temporary file is left" test -z "$(ls -A "$FS" | grep '^\.base\.json\.')"

echo "$fails failure(s)"
[ $fails -eq 0 ]
