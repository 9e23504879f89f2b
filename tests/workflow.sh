#!/bin/sh
# Runs the README's workflow block verbatim (extracted from README.md, so
# the README cannot drift from the code) in a project whose build
# directory `build` is configured fresh with -Dquick=true. Sourced by
# tests/readme_workflow.sh (this repository) and tests/consumer.sh (a
# user's project using cbench as a subproject), which call wf_tmpdir and
# then run_workflow after they define:
#   SRC        cbench's source tree (README.md)
#   PROJ       the project directory (a git repo with branches main and
#              my-branch); the block runs there
#   EXPECT_REGRESSION  1 when my-branch is slower than main: then the gate,
#              `cbench ab` and `cbench compare` must each fail naming it
#              (the gate and compare, which judge stored numbers, may
#              instead say it is probably slower, held back by drift)
#   REGRESSED  the benchmark id that must be named then
# Each command must exit 0, except those whose exit 1 means a finding (the
# gated benchmark run, `cbench ab`, `cbench compare`): there 1 is accepted
# only together with a "regressed" verdict in its output, and required
# when EXPECT_REGRESSION is 1. Then what each step leaves is checked.

# wf_tmpdir TOOL...: exits 77 (skip) unless every TOOL is installed, then
# makes $tmp, removed on exit. Baselines go where the README says, so an
# outer CBENCH_DIR must not redirect them.
wf_tmpdir() {
    for p in "$@"; do
        command -v "$p" > /dev/null 2>&1 || { echo "SKIP: $p is not installed"; exit 77; }
    done
    tmp=$(mktemp -d) || { echo "SKIP: no temporary directory"; exit 77; }
    trap 'rm -rf "$tmp"' EXIT
    unset CBENCH_DIR
}

# The ```sh block under "## The workflow", comments and blank lines
# dropped, one command per line.
workflow_block() {
    python3 - "$SRC/README.md" <<'EOF'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
part = text.split('\n## The workflow\n', 1)
if len(part) != 2 or '```sh\n' not in part[1]:
    sys.exit('README.md: no ```sh block under "## The workflow"')
block = part[1].split('```sh\n', 1)[1].split('```', 1)[0]
for line in block.splitlines():
    if line.strip() and not line.lstrip().startswith('#'):
        print(line)
EOF
}

wf_fail() {
    echo "README workflow: $*"
    exit 1
}

# wf_run N COMMAND: runs one command of the block in $PROJ, output in
# $PROJ/wf-N.log; checks its exit status by the rules above.
wf_run() {
    n="$1"; cmd="$2"; log="$PROJ/wf-$n.log"
    t0=$(date +%s)
    (cd "$PROJ" && sh -c "$cmd") > "$log" 2>&1
    rc=$?
    echo "README workflow: [$n] $cmd -> exit $rc ($(( $(date +%s) - t0 )) s)"
    finding=0
    case "$cmd" in
        *"meson test"*--benchmark*) [ "$gated" = 1 ] && finding=1 ;;
        *"cbench ab"*|*"cbench compare"*) finding=1 ;;
    esac
    case "$cmd" in *fail_on_regression=true*) gated=1 ;; esac
    # Meson shows a benchmark's TAP on the console; the verdicts are in its log.
    out="$log"
    case "$cmd" in *"meson test"*) out="$PROJ/build/meson-logs/testlog.txt" ;; esac
    if [ "$finding" = 1 ] && [ "$EXPECT_REGRESSION" = 1 ] && [ $rc -eq 0 ] \
       && [ "${cmd#*cbench ab}" = "$cmd" ] \
       && grep -q "$REGRESSED.*\(probably slower, held back by machine drift\|probably slower (drift\)" "$out"; then
        # From stored numbers, a machine that drifted more than the change
        # holds the verdict back; saying "probably slower" is then right.
        echo "README workflow: [$n] $REGRESSED: probably slower, held back by the machine's drift"
    elif [ "$finding" = 1 ] && [ "$EXPECT_REGRESSION" = 1 ]; then
        [ $rc -eq 1 ] || { cat "$log"; wf_fail "[$n] expected exit 1 for the regression"; }
        grep -q "$REGRESSED.*regressed" "$out" \
            || { cat "$log"; wf_fail "[$n] did not name $REGRESSED as regressed"; }
    elif [ "$finding" = 1 ] && [ $rc -eq 1 ]; then
        grep -q "regressed" "$out" || { cat "$log"; wf_fail "[$n] exit 1 without a regression"; }
    elif [ $rc -ne 0 ]; then
        cat "$log"
        wf_fail "[$n] failed"
    fi
}

# Runs the block and checks what it left.
run_workflow() {
    block=$(workflow_block) || exit 1
    [ -n "$block" ] || wf_fail "empty workflow block"
    gated=0
    i=0
    echo "$block" > "$PROJ/wf-block.txt"
    while IFS= read -r cmd; do
        i=$((i + 1))
        wf_run "$i" "$cmd"
    done < "$PROJ/wf-block.txt"
    b="$PROJ/build/cbench"
    [ -f "$b/main.json" ] && [ -f "$b/my-branch.json" ] \
        || { ls -la "$b"; wf_fail "the baselines main and my-branch were not saved in $b"; }
    ls "$b/main.builds/" | grep -q . || wf_fail "no build was stored with baseline main"
    grep -q "change:" "$PROJ/build/meson-logs/testlog.txt" \
        || wf_fail "the compared runs show no change"
    grep -q "the build stored with 'main' against $PROJ/build/.* (quick, as the baseline was measured)" \
        "$PROJ"/wf-*.log || wf_fail "cbench ab --baseline main did not rerun a stored build, quick"
}
