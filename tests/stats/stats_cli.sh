#!/bin/sh
# SPDX-License-Identifier: MIT
#
# stats_cli.sh CBENCH - `cbench stats` from the outside: summaries, the
# comparison verdicts, JSON fields (null for undefined values), input
# errors naming the file and line, bad flags naming the flag (exit 2),
# stdin, --column, comments and reproducibility for a seed.
set -u
CBENCH=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# expect_rc RC CMD... : run CMD, keep stdout/stderr in $T/out, $T/err.
expect_rc() {
    want=$1
    shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "exit $got (want $want): $* -- $(cat "$T/err")"
}

# has FILE REGEX WHAT
has() {
    grep -Eq -- "$2" "$1" || fail "$3: /$2/ not in $(basename "$1"): $(head -c 600 "$1")"
}

# 1..11, the testdata's ascending_1_to_11, with a comment and blank lines.
{ echo "# timings"; seq 1 11 | head -5; echo; echo "   "; seq 6 11; } >"$T/asc.txt"
expect_rc 0 "$CBENCH" stats --nresamples 2000 "$T/asc.txt"
has "$T/out" "n = 11" "count skips comments and blank lines"
has "$T/out" "^  mean +6 +\[" "mean of 1..11"
has "$T/out" "^  median +6 +\[" "median of 1..11"
has "$T/out" "^  std dev +3\.31662 " "std dev of 1..11"
has "$T/out" "^  MAD +4\.4478 " "MAD of 1..11"
has "$T/out" "^  p25 +3\.5 " "p25 with linear interpolation"
has "$T/out" "^  min +1$" "min"
has "$T/out" "outliers +0 of 11" "no outliers"

# JSON: documented fields, numbers, and null for what is undefined.
echo 42.5 >"$T/one.txt"
expect_rc 0 "$CBENCH" stats --json --nresamples 100 "$T/one.txt"
has "$T/out" '"schema_version":[[:space:]]*2' "schema_version"
has "$T/out" '"std_dev":[[:space:]]*null' "std dev of one value is null"
has "$T/out" '"comparison":[[:space:]]*null' "no comparison for one file"
has "$T/out" '"n":[[:space:]]*1,' "n"
for f in confidence_level nresamples seed datasets file min max mean median mad \
         percentiles outliers fences low_severe high_severe point lower upper std_err; do
    has "$T/out" "\"$f\":" "JSON field $f"
done

# The JSON is valid (python3 -m json.tool) and written with the
# baseline's pieces (lib/store/json_write.h): fences an array of four
# numbers, estimates with their level, numbers exact (0.30000000000000004
# is not 0.3), a file name that is not UTF-8 still valid JSON.
json_ok() {
    python3 -m json.tool "$1" >/dev/null 2>"$T/json.err" || fail "$2: not valid JSON: $(cat "$T/json.err")"
}
json_ok "$T/out" "stats --json of one number"
printf '0.30000000000000004\n1\n2\n7\n' >"$T/exact.txt"
expect_rc 0 "$CBENCH" stats --json --nresamples 100 "$T/exact.txt"
json_ok "$T/out" "stats --json"
python3 - "$T/out" <<'PY' || fail "stats --json: pieces as in the baseline"
import json, sys
d = json.load(open(sys.argv[1]))["datasets"][0]
fences = d["outliers"]["fences"]
assert isinstance(fences, list) and len(fences) == 4, fences
assert all(isinstance(x, float) or isinstance(x, int) for x in fences), fences
assert fences == sorted(fences), fences
assert d["mean"]["level"] == 0.95, d["mean"]
assert d["percentiles"][0]["level"] == 0.95, d["percentiles"][0]
assert d["percentiles"][0]["p"] == 1, d["percentiles"][0]
assert d["min"] == 0.30000000000000004, d["min"]
PY
bad_name="$T/$(printf 'bad\377\302\233name').txt"
seq 1 5 >"$bad_name"
expect_rc 0 "$CBENCH" stats --json --nresamples 100 "$bad_name" "$T/exact.txt"
json_ok "$T/out" "stats --json of a file name that is not UTF-8"
if LC_ALL=C grep -q "$(printf '\302\233')" "$T/out"; then fail "stats --json: raw C1 byte of a file name"; fi

# Comparison: same data -> no change; +3 % -> regressed; -3 % -> improved.
awk 'BEGIN { for (i = 0; i < 100; i++) print 100 + ((i * 37) % 17) * 0.25 }' >"$T/base.txt"
awk 'BEGIN { for (i = 0; i < 100; i++) print 103 + ((i * 53) % 17) * 0.25 }' >"$T/slow.txt"
awk 'BEGIN { for (i = 0; i < 100; i++) print 97 + ((i * 53) % 17) * 0.25 }' >"$T/fast.txt"
expect_rc 0 "$CBENCH" stats --nresamples 2000 "$T/base.txt" "$T/base.txt"
has "$T/out" "verdict: no change" "identical sets"
expect_rc 0 "$CBENCH" stats --nresamples 2000 "$T/base.txt" "$T/slow.txt"
has "$T/out" "verdict: regressed" "3 % larger numbers"
has "$T/out" "welch-t on samples: t = [0-9]" "t of new - base is positive"
expect_rc 0 "$CBENCH" stats --nresamples 2000 "$T/base.txt" "$T/fast.txt"
has "$T/out" "verdict: improved" "3 % smaller numbers"
expect_rc 0 "$CBENCH" stats --nresamples 2000 --noise-threshold 0.05 "$T/base.txt" "$T/slow.txt"
has "$T/out" "verdict: within noise" "3 % inside a 5 % noise threshold"
expect_rc 0 "$CBENCH" stats --nresamples 2000 --json "$T/base.txt" "$T/slow.txt"
has "$T/out" '"verdict":[[:space:]]*"regressed"' "JSON verdict"
has "$T/out" '"mean_change":' "JSON mean_change"
has "$T/out" '"p_value":' "JSON p_value"
json_ok "$T/out" "stats --json of a comparison"

# stdin, --column, --percentiles, --opt=value.
{ echo "  # name value"; seq 1 11 | awk '{ print "run" NR, $1, "ns" }'; } >"$T/cols.txt"
expect_rc 0 "$CBENCH" stats --column 2 --percentiles=10,90 --nresamples 500 - <"$T/cols.txt"
has "$T/out" "^<stdin>: n = 11" "stdin label"
has "$T/out" "^  p10 +2 " "p10 of 1..11"
has "$T/out" "^  p90 +10 " "p90 of 1..11"

# Reproducible bit for bit for a seed.
"$CBENCH" stats --json --seed 7 --nresamples 3000 "$T/base.txt" >"$T/r1"
"$CBENCH" stats --json --seed 7 --nresamples 3000 "$T/base.txt" >"$T/r2"
"$CBENCH" stats --json --seed 8 --nresamples 3000 "$T/base.txt" >"$T/r3"
cmp -s "$T/r1" "$T/r2" || fail "same seed, different output"
cmp -s "$T/r1" "$T/r3" && fail "different seeds, identical output"

# Input errors name the file and the line; exit status 2.
printf '1\n2\nabc\n' >"$T/bad.txt"
expect_rc 2 "$CBENCH" stats "$T/bad.txt"
has "$T/err" "bad\.txt:3: 'abc' is not a number" "bad line"
# A number a double cannot hold is named for what it is: 1e-320 is
# subnormal (3 digits left) and 1e-400 underflows to 0; both are refused.
for v in 1e-320 1e-400 -4e-310; do
    printf '1\n%s\n' "$v" >"$T/tiny.txt"
    expect_rc 2 "$CBENCH" stats "$T/tiny.txt"
    has "$T/err" "tiny\.txt:2: '$v' is too small: it underflows" "$v underflows"
done
printf '1\n1e999\n' >"$T/huge.txt"
expect_rc 2 "$CBENCH" stats "$T/huge.txt"
has "$T/err" "huge\.txt:2: '1e999' is too large: it overflows a double" "1e999 overflows"
printf '1\n0\n2.2250738585072014e-308\n' >"$T/edge.txt"
expect_rc 0 "$CBENCH" stats "$T/edge.txt"
printf '1\ninf\n' >"$T/inf.txt"
expect_rc 2 "$CBENCH" stats "$T/inf.txt"
has "$T/err" "inf\.txt:2:" "inf rejected"
expect_rc 2 "$CBENCH" stats --column 4 "$T/cols.txt"
has "$T/err" "cols\.txt:[0-9]+: expected at least 4 fields" "missing column"
printf '# nothing\n\n' >"$T/empty.txt"
expect_rc 2 "$CBENCH" stats "$T/empty.txt"
has "$T/err" "empty\.txt: no numbers" "empty input"
expect_rc 2 "$CBENCH" stats "$T/does-not-exist.txt"
has "$T/err" "cannot open '.*does-not-exist\.txt'" "missing file"
expect_rc 2 "$CBENCH" stats "$T/one.txt" "$T/base.txt"
has "$T/err" "at least 2 numbers" "comparison needs two numbers a side"

# Bad flags name the flag; exit status 2.
expect_rc 2 "$CBENCH" stats --frobnicate "$T/base.txt"
has "$T/err" "unknown option '--frobnicate'" "unknown flag"
expect_rc 2 "$CBENCH" stats --nresamples 1 "$T/base.txt"
has "$T/err" "--nresamples: expected" "nresamples range"
expect_rc 2 "$CBENCH" stats --confidence-level 95 "$T/base.txt"
has "$T/err" "--confidence-level: expected" "confidence range"
expect_rc 2 "$CBENCH" stats --significance-level x "$T/base.txt"
has "$T/err" "--significance-level: expected" "significance value"
expect_rc 2 "$CBENCH" stats --percentiles 5,101 "$T/base.txt"
has "$T/err" "--percentiles expects" "percentile range"
expect_rc 2 "$CBENCH" stats --column 0 "$T/base.txt"
has "$T/err" "--column expects" "column range"
expect_rc 2 "$CBENCH" stats --seed -3 "$T/base.txt"
has "$T/err" "--seed: expected" "seed value"
expect_rc 2 "$CBENCH" stats "$T/base.txt" --noise-threshold
has "$T/err" "'--noise-threshold' needs a value" "missing value"
expect_rc 2 "$CBENCH" stats
has "$T/err" "no input file" "no file"
expect_rc 2 "$CBENCH" stats a b c
has "$T/err" "too many files" "three files"
expect_rc 0 "$CBENCH" stats --help
has "$T/out" "--nresamples" "help lists the flags"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed" >&2
    exit 1
fi
echo "stats_cli: all checks passed"
