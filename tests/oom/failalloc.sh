#!/bin/sh
# Out of memory anywhere: each command below runs again and again with its
# Nth allocation failing, N = 1, 2, ... (failalloc.c, preloaded), until a
# run no longer reaches N. Every such run either ends as the command does
# with no failure (same status, same output: the failure was absorbed) or
# fails visibly: a non-zero status other than the reference's, and a
# message saying memory ran out. Never a signal (a crash), never exit 0 or
# the reference's status with another answer (a forged result).
# Usage: failalloc.sh PATH/TO/failalloc.so PATH/TO/cbench
#        (an empty shim path: a sanitizer build, skipped)
set -u
SHIM="$1"
TOOL="$2"
if [ -z "$SHIM" ]; then
    echo "1..0 # SKIP the shim needs glibc's malloc (a sanitizer build brings its own)"
    exit 77
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
. "$(dirname "$0")/../expect.sh"
MAX=20000                      # allocations per command at most (each is a run)

# {{{ Fixtures: tiny baselines, and two "builds" that print them as a
# bench executable's --format=json would (cbench ab runs them).
sample() {  # sample ID NS: a one-result baseline
    printf '{"schema": 2, "results": [{"id": "%s", "typical": {"point": %s}, "samples": {"iters": [1, 1], "ns": [%s, %s], "round": [0, 0]}}]}\n' \
        "$1" "$2" "$2" "$2"
}
sample g/a 10 > "$DIR/a.json"
sample g/a 12 > "$DIR/b.json"
mkdir -p "$DIR/old" "$DIR/new" "$DIR/bl/base.builds"
printf '#!/bin/sh\nexec cat "%s"\n' "$DIR/a.json" > "$DIR/old/bench"
printf '#!/bin/sh\nexec cat "%s"\n' "$DIR/b.json" > "$DIR/new/bench"
chmod +x "$DIR/old/bench" "$DIR/new/bench"
cp "$DIR/a.json" "$DIR/bl/base.json"
cp "$DIR/b.json" "$DIR/bl/other.json"
cp "$DIR/old/bench" "$DIR/bl/base.builds/bench"
cp "$DIR/old/bench" "$DIR/bl/base.builds/other"   # two: listing them sorts names
printf 'path=%s\nquick=0\n' "$DIR/new/bench" > "$DIR/bl/base.builds/.bench.info"
seq 1 20 > "$DIR/n1"
seq 3 22 > "$DIR/n2"
# }}}

# walk NAME CMD...: the walk over CMD's allocations.
walk() {
    name="$1"; shift
    "$@" > "$DIR/ref.out" 2> "$DIR/ref.err"; ref=$?
    n=1 shown=0 wrong=0 hit=""
    while [ $n -le $MAX ]; do
        : > "$DIR/mark"
        CBENCH_FAIL_ALLOC=$n CBENCH_FAIL_ALLOC_MARK="$DIR/mark" LD_PRELOAD="$SHIM" \
            "$@" > "$DIR/out" 2> "$DIR/err"; rc=$?
        hit=""
        read -r hit < "$DIR/mark"
        [ "$hit" = "$n" ] || break         # N not reached: the walk is over
        why=""
        if [ $rc -ge 128 ]; then
            why="killed by signal $((rc - 128))"
        elif [ $rc -eq $ref ] && cmp -s "$DIR/out" "$DIR/ref.out"; then
            :                              # absorbed: the same answer
        elif [ $rc -eq 0 ] || [ $rc -eq $ref ]; then
            why="exit $rc with another answer"
        elif ! grep -qi "memory" "$DIR/out" "$DIR/err"; then
            why="exit $rc without saying that memory ran out"
        fi
        if [ -n "$why" ]; then
            wrong=$((wrong + 1))
            if [ $shown -lt 3 ]; then
                shown=$((shown + 1))
                echo "# $name, allocation $n failing: $why; stderr: $(head -c 300 "$DIR/err")"
            fi
        fi
        n=$((n + 1))
    done
    expect "$name: the shim fails its allocations" test $n -gt 1
    expect "$name: no crash, no forged answer over $((n - 1)) failing allocations" test $wrong -eq 0
    expect "$name: the run past the last one is the reference" \
        test "${hit%% *}" = count -a $rc -eq $ref
}

walk "cbench compare" "$TOOL" compare "$DIR/a.json" "$DIR/b.json"
walk "cbench show (builds stored)" "$TOOL" show --baseline-dir "$DIR/bl" base
walk "cbench list" "$TOOL" list --baseline-dir "$DIR/bl"
walk "cbench stats --json" "$TOOL" stats --json --nresamples 200 "$DIR/n1" "$DIR/n2"
walk "cbench ab" "$TOOL" ab --rounds 2 --max-rounds 2 "$DIR/old/bench" "$DIR/new/bench"
walk "cbench ab --json" "$TOOL" ab --json --rounds 2 --max-rounds 2 "$DIR/old/bench" "$DIR/new/bench"
walk "cbench ab --baseline" "$TOOL" ab --baseline base --baseline-dir "$DIR/bl" --rounds 2 \
    --max-rounds 2 "$DIR/new/bench"

echo "$fails failure(s)"
[ $fails -eq 0 ]
