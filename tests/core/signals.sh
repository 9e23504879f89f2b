#!/bin/sh
# Runs that can be stopped: a SIGINT or SIGTERM ends a run within a second
# even while a benchmark body hangs (the worker is killed and reaped, what
# is complete is saved, exit 130), whether the signal goes to the process
# group (Ctrl-C) or to the parent alone; killing the parent leaves no
# worker behind; a hung body with no --timeout is failed by the default
# limit derived from the plan.
# Usage: signals.sh PATH/TO/e2e-bench
set -u
BENCH="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
FAST="--warm-up-time 0.02 --measurement-time 0.05 --rounds 2 --sample-size 10 --nresamples 1000 --charts never --no-interleave --baseline-dir $DIR/bl"
. "$(dirname "$0")/../expect.sh"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# A process that has exited (a zombie has: it waits only to be reaped).
gone() { [ ! -e "/proc/$1/stat" ] || [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" = Z ]; }
# Polls CONDITION every 20 ms for up to MS milliseconds.
within() {
    ms=$1; shift
    t=$(now_ms)
    until "$@"; do
        [ $(($(now_ms) - t)) -gt "$ms" ] && return 1
        sleep 0.02
    done
}
first_child() { pgrep -P "$1" | head -n 1; }
hanging() { grep -q "^ok 1 - e2e/adds/64" "$DIR/out" && [ -n "$(first_child "$pid")" ]; }

# Starts e2e/adds/64 (completes) then e2e/misbehave, which hangs in its
# body ($1: hang sleeps, spin loops), optionally under a wrapper ($2, e.g.
# setsid); returns once the hanging worker runs, with $pid and $child set.
start_hung() {
    rm -f "$DIR/bl/intr.json"
    E2E_MISBEHAVE=$1 $2 "$BENCH" $FAST --format tap --save-baseline intr adds/64 misbehave \
        > "$DIR/out" 2> "$DIR/err" &
    pid=$!
    child=""
    if within 5000 hanging; then child=$(first_child "$pid"); fi
}

# Sends signal $1 to $2 (a pid, or -PGID) and checks the run ends as it must.
stop_with() {
    what="$3"
    if [ -z "$child" ]; then
        bad "$what: the hanging worker started"; kill -KILL "$pid"; wait "$pid"; return
    fi
    t0=$(now_ms)
    kill "-$1" "$2"
    if within 3000 gone "$pid"; then
        took=$(($(now_ms) - t0))
        wait "$pid"; rc=$?
    else
        took=never; rc=none
        kill -KILL "$pid" "$child" 2>/dev/null; wait "$pid"
    fi
    expect "$what: exits 130 (was $rc)" test "$rc" = 130
    expect "$what: within 1 s (took $took ms)" test "$took" != never -a "$took" -le 1000 2>/dev/null
    expect "$what: the worker is gone" within 500 gone "$child"
    expect "$what: the complete result is saved" has '"e2e/adds/64"' "$DIR/bl/intr.json"
    expect "$what: says so" has "interrupted; 1 finished result(s) were saved" "$DIR/err"
}

start_hung hang ""
stop_with INT "$pid" "SIGINT to the parent alone"

start_hung hang ""
stop_with TERM "$pid" "SIGTERM to the parent alone"

# setsid makes the bench lead its own process group, as a shell's job is.
# The body spins: a sleeping one would wake on the signal and could end
# the round itself.
start_hung spin setsid
if [ "$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f3)" = "$pid" ]; then
    stop_with INT "-$pid" "SIGINT to the process group (Ctrl-C)"
else
    bad "setsid did not give the bench its own process group"; kill -KILL "$pid"; wait "$pid"
fi

# A parent killed outright takes its worker with it.
start_hung spin ""
if [ -n "$child" ]; then
    kill -KILL "$pid"; wait "$pid"
    expect "SIGKILL to the parent: the worker dies with it" within 1000 gone "$child"
    gone "$child" || kill -KILL "$child"
else
    bad "SIGKILL to the parent: the hanging worker started"; kill -KILL "$pid"; wait "$pid"
fi

# --no-fork has no worker to kill: the first signal asks, a second ends
# the process at once.
E2E_MISBEHAVE=spin "$BENCH" $FAST --no-fork --format tap misbehave > "$DIR/nofork" 2>&1 &
pid=$!
sleep 0.5
kill -INT "$pid"; sleep 0.2; kill -INT "$pid"
if within 1000 gone "$pid"; then wait "$pid"; rc=$?; else rc=none; kill -KILL "$pid"; wait "$pid"; fi
expect "--no-fork: a second SIGINT ends a hanging body at once (was $rc)" test "$rc" = 130

# No --timeout: the default limit (max(60 s, 10x the planned round), its
# floor lowered to 1 s for the test) fails the hung body and the run goes on.
CBENCH_TEST_TIMEOUT_MIN_S=1 E2E_MISBEHAVE=hang timeout -s KILL 8 "$BENCH" $FAST --format tap \
    misbehave adds/64 > "$DIR/default" 2>&1; rc=$?
expect "default timeout: the run ends by itself, exit 1 (was $rc)" test $rc -eq 1
expect "... the hung body is not ok, saying which limit" \
    has "^not ok [12] - e2e/misbehave .*timed out after 1 s (killed); that is the default limit, --timeout S sets another (0 = none)" "$DIR/default"
expect "... the others still run" has "^ok [12] - e2e/adds/64" "$DIR/default"
CBENCH_TEST_TIMEOUT_MIN_S=1 E2E_MISBEHAVE=hang "$BENCH" $FAST --format tap --timeout 2 \
    misbehave > "$DIR/explicit" 2>&1
expect "--timeout S replaces the default" has "^not ok 1 - e2e/misbehave .*timed out after 2 s (killed)$" "$DIR/explicit"

echo "$fails failure(s)"
[ $fails -eq 0 ]
