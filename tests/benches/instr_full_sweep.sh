#!/bin/sh
# A size of the full sweep that the default sweep does not run, named
# with --exact, runs in deterministic mode too: the worker that valgrind
# starts finds it (it is chosen from every sweep).
# Usage: instr_full_sweep.sh PATH/TO/points [B_SANITIZE]
set -u
command -v valgrind > /dev/null 2>&1 || { echo "no valgrind: skipped"; exit 77; }
case "${2:-none}" in   # valgrind cannot run AddressSanitizer binaries
    *address*) echo "built with AddressSanitizer: skipped (the plain build runs it)"; exit 77 ;;
esac
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
"$1" --list 2> /dev/null | grep -qx 'points_x/aos_x/1024' && { echo "1024 is in the default sweep here: nothing to check"; exit 77; }
"$1" --exact points_x/aos_x/1024 --mode=instructions --charts never --format tap \
     --baseline-dir "$DIR" > "$DIR/out" 2>&1
rc=$?
cat "$DIR/out"
[ $rc -eq 0 ] && grep -q '^ok 1 - points_x/aos_x/1024 instructions: ' "$DIR/out"
