# expect.sh - the checks of the shell tests (sourced): each prints one
# line "ok - WHAT" or "FAIL - WHAT" and counts the failures in $fails; a
# test ends with: echo "$fails failure(s)"; [ $fails -eq 0 ]
fails=0
ok()   { echo "ok - $1"; }
bad()  { echo "FAIL - $1"; fails=$((fails + 1)); }
expect() {  # expect DESCRIPTION CONDITION...
    d="$1"; shift
    if "$@"; then ok "$d"; else bad "$d"; fi
}
has() { grep -q -- "$1" "$2"; }
