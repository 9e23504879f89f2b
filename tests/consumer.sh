#!/bin/sh
# Proves cbench is usable as a subproject: copies tests/consumer into a
# scratch dir, points subprojects/cbench at this source tree, and runs
# `meson setup` + `meson test --benchmark` there.
# Usage: consumer.sh SOURCE_ROOT
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
