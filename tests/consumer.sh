#!/bin/sh
# Proves cbench is usable as a subproject: copies tests/consumer into a
# scratch dir, points subprojects/cbench at this source tree, and runs
# `meson setup` + `meson test --benchmark` there.
# Then stores a baseline with its build (the executable links the
# subproject's shared libcbench, which must be stored with it) and reruns
# that build against the current one with `cbench ab --baseline`.
# Usage: consumer.sh SOURCE_ROOT [CBENCH_TOOL]
set -eu
src="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/tests/consumer" "$tmp/proj"
mkdir -p "$tmp/proj/subprojects"
ln -s "$src" "$tmp/proj/subprojects/cbench"
cd "$tmp/proj"
meson setup build --wrap-mode=nodownload > setup.log 2>&1 || { cat setup.log; exit 1; }
grep -q "Dependency cbench found: YES" setup.log || grep -q "cbench.*found: YES" setup.log \
    || { echo "dependency('cbench') did not resolve"; cat setup.log; exit 1; }
meson test -C build --benchmark > test.log 2>&1 || { cat test.log; exit 1; }
# Meson shows TAP results as "▶ ..." on the console; the raw TAP is in the log.
grep -q "ok [0-9] - floats/sum/1024 time: \[" build/meson-logs/testlog.txt \
    || { echo "no TAP result line"; cat test.log; exit 1; }
echo "consumer project built and ran its benchmark through dependency('cbench')"

tool="${2:-}"
[ -n "$tool" ] || exit 0
meson compile -C build > compile.log 2>&1 || { cat compile.log; exit 1; }
for exe in bench_sum bench_sum_rpath; do
    build/$exe --quick --charts=never --format=tap --save-baseline main > save.log 2>&1 \
        || { cat save.log; exit 1; }
    ls cbench/main.builds/$exe.libs/libcbench.so* > /dev/null 2>&1 \
        || { echo "$exe: the shared libcbench was not stored with its build"; ls -R cbench; exit 1; }
    "$tool" ab --baseline main build/$exe --rounds 2 --max-rounds 2 --no-fail \
        --measurement-time 0.05 --warm-up-time 0.02 > ab.out 2> ab.err \
        || { cat ab.out ab.err; exit 1; }
    grep -q "^floats/sum/1024 " ab.out || { echo "$exe: ab gave no result"; cat ab.out ab.err; exit 1; }
done
# bench_sum (RUNPATH) loads the stored library: no warning; bench_sum_rpath
# (RPATH) cannot, and the last ab said so.
grep -q "RPATH overrides LD_LIBRARY_PATH" ab.err \
    || { echo "no warning that the RPATH build loads today's libcbench"; cat ab.err; exit 1; }
"$tool" ab --baseline main build/bench_sum --rounds 2 --max-rounds 2 --no-fail \
    --measurement-time 0.05 --warm-up-time 0.02 > ab.out 2> ab.err || { cat ab.err; exit 1; }
if grep -q "RPATH" ab.err; then echo "false RPATH warning:"; cat ab.err; exit 1; fi
echo "cbench ab --baseline reran the stored builds (with their shared libcbench)"
