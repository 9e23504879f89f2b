#!/bin/sh
# The report in a real browser: headless Chromium, offline, loads a report
# of one run of three executables (demo-report) and every image on the page
# must resolve (complete, naturalWidth > 0), every section must render;
# with one chart file removed the same check must fail and name it.
# Skips (77) without Chromium (CBENCH_CHROMIUM, default /usr/bin/chromium)
# or gnuplot.
# Usage: browser.sh PATH/TO/demo-report
set -u
DEMO="$1"
CHROMIUM="${CBENCH_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
    echo "SKIP: no Chromium at $CHROMIUM (Debian: apt-get install chromium)"
    exit 77
fi
if ! command -v gnuplot >/dev/null 2>&1; then
    echo "SKIP: gnuplot not found (the report's charts need it)"
    exit 77
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
. "$(dirname "$0")/../expect.sh"

"$DEMO" "$DIR/report" > /dev/null || { echo "FAIL - demo-report"; exit 1; }
R="$DIR/report"

# The page as written, with every image loaded at once (lazy images below
# the fold would never load in a headless window) and a script that
# reports, after the load event, how many images there are and which did
# not resolve.
cat > "$DIR/check.js" <<'EOF'
<script>
window.addEventListener("load", function () {
  var imgs = document.images, bad = [];
  for (var i = 0; i < imgs.length; i++)
    if (!(imgs[i].complete && imgs[i].naturalWidth > 0))
      bad.push(imgs[i].getAttribute("src"));
  var p = document.createElement("pre");
  p.id = "cbench-check";
  p.textContent = "CBENCH-CHECK images=" + imgs.length + " broken=" + bad.length +
                  (bad.length ? " " + bad.join(" ") : "") + " END";
  document.body.appendChild(p);
});
</script>
EOF
check_page() {  # check_page OUT: loads R/check.html, the DOM after load into OUT
    sed -e 's/ loading=lazy//g' -e "/<\/body>/r $DIR/check.js" "$R/index.html" > "$R/check.html"
    profile=$(mktemp -d)
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$profile" --virtual-time-budget=20000 \
        --dump-dom "file://$R/check.html" > "$1" 2> "$1.err"
    rc=$?
    rm -rf "$profile"
    return $rc
}

expect "chromium loads the page" check_page "$DIR/dom"
n=$(grep -o '<img ' "$R/index.html" | wc -l)
expect "the page has images (summary charts and every chart)" test "$n" -ge 40
expect "every image resolved" has "CBENCH-CHECK images=$n broken=0 END" "$DIR/dom"
expect "both sections rendered" has "<h2>engine</h2>" "$DIR/dom"
expect "... points too" has "<h2>points</h2>" "$DIR/dom"
expect "... and stride, with a chart per axis" has "group-grid-axis2.svg" "$DIR/dom"
expect "the summary's tags rendered" has 'class="tag w">slow core' "$DIR/dom"

# A screenshot of the top of the page is a real PNG.
profile=$(mktemp -d)
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1280,1600 \
    --screenshot="$DIR/shot.png" "file://$R/index.html" > /dev/null 2>&1
rm -rf "$profile"
expect "a screenshot is a PNG" test "$(head -c 4 "$DIR/shot.png" | od -An -c | tr -d ' ')" = '211PNG'

# The check can fail: without one chart file, that image is named broken.
rm "$R/sections/points/charts/run-summary.svg"
check_page "$DIR/dom2"
expect "a missing chart is caught" has "broken=1 sections/points/charts/run-summary.svg END" "$DIR/dom2"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
