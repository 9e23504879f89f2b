#!/bin/sh
# includes.sh - no file of lib/ includes a header of a higher layer.
#
# lib/LAYERS lists the layers bottom first; a file in lib/L/ may include
# "M/x.h" only when M is L or comes before L in that list. The layers'
# include paths (lib/meson.build) already make such an include fail to
# compile, and their link checks (meson.build here) catch a call upward;
# this reads the sources themselves, so that a build option or a new
# folder cannot quietly widen the rule.
# Every folder of lib/ but include/ must be a layer, and every layer a
# folder, so that a new folder cannot slip outside the rule.
set -u
SRC="$1"
LAYERS="$SRC/lib/LAYERS"
order=$(grep -v '^#' "$LAYERS" | grep -v '^$')
rank() { echo "$order" | grep -nx "$1" | cut -d: -f1; }
bad=0
for d in "$SRC"/lib/*/; do
    l=$(basename "$d")
    [ "$l" = include ] && continue
    if [ -z "$(rank "$l")" ]; then
        echo "lib/$l/ is not a layer: add it to lib/LAYERS, in its place"
        bad=$((bad + 1))
    fi
done
for l in $order; do
    if [ ! -d "$SRC/lib/$l" ]; then
        echo "lib/LAYERS names '$l', but lib/$l/ does not exist"
        bad=$((bad + 1))
    fi
done
for l in $order; do
    mine=$(rank "$l")
    for f in "$SRC/lib/$l"/*.[ch]; do
        [ -e "$f" ] || continue
        # Every quoted include with a folder: "folder/file.h".
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"/]*/' "$f" |
        while IFS= read -r line; do
            inc=$(echo "$line" | sed 's/^[^"]*"\([^"/]*\)\/.*/\1/')
            [ "$inc" = cbench ] && continue       # the public lib/include/cbench/
            theirs=$(rank "$inc")
            if [ -z "$theirs" ]; then
                echo "lib/$l/$(basename "$f"):${line%%:*}: includes from '$inc', which is no layer"
            elif [ "$theirs" -gt "$mine" ]; then
                echo "lib/$l/$(basename "$f"):${line%%:*}: layer '$l' includes from '$inc', a layer above it (lib/LAYERS)"
            fi
        done
    done
done > "${TMPDIR:-/tmp}/cbench-includes.$$"
n=$(wc -l < "${TMPDIR:-/tmp}/cbench-includes.$$")
cat "${TMPDIR:-/tmp}/cbench-includes.$$"
rm -f "${TMPDIR:-/tmp}/cbench-includes.$$"
bad=$((bad + n))
if [ "$bad" -ne 0 ]; then
    echo "$bad include(s) or folder(s) against the layers"
    exit 1
fi
echo "every include of lib/ points down or sideways ($(echo "$order" | wc -l) layers)"
