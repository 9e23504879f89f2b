# SPDX-License-Identifier: MIT
#
# flamegraph.awk - folded stacks ("a;b;c COUNT" lines) to a flame graph.
# POSIX awk (mawk ok). Three passes, run by tools/flamegraph:
#
#   awk -v mode=prep  -f flamegraph.awk FOLDED |     merge duplicate stacks,
#   LC_ALL=C sort |                                   separator ';' -> \001 so
#   awk -v mode=svg  -v title=T -f flamegraph.awk     that every frame's stacks
#   awk -v mode=json -f flamegraph.awk                are contiguous once sorted
#   awk -v mode=html -v template=FILE -f flamegraph.awk
#
# svg:  a self-contained interactive SVG (click a frame to zoom, click
#       "Reset Zoom" to go back, hover for details), root at the bottom.
#       Frame widths are proportional to sample counts; nothing external.
# html: the d3-flame-graph page template (fetched by tools/flamegraph) with the json
#       tree and options filled in; ENVIRON["FG_CONTEXT"] is its context text.
# json: the d3-flame-graph tree {"n":name,"l":libtype,"v":self,"c":[...]}
#       (the format of `perf script report flamegraph`), for the HTML template.
#
# Method (flamegraph.pl's "flow"): walk the sorted stacks keeping the
# previous one; frames past the common prefix are closed (emitted with their
# start and end sample offsets) and the new stack's frames opened at x.

BEGIN {
    SEP = sprintf("%c", 1)
    if (width == "") width = 1200
    if (title == "") title = "Flame Graph"
    if (minwidth == "") minwidth = 0.1
    frame_h = 16; pad_x = 10; pad_top = 50; pad_bottom = 30; font = 12; char_w = 7
    for (i = 32; i < 127; i++) ORD[sprintf("%c", i)] = i
    for (i = 1; i < 32; i++) CTRL[sprintf("%c", i)] = 1
    CTRL[sprintf("%c", 127)] = 1
}

# {============ prep: merge duplicates, re-separate ============}

mode == "prep" {
    if (NF < 2 || $NF !~ /^[0-9]+$/) next
    stack = substr($0, 1, length($0) - length($NF) - 1)
    sub(/[ \t]+$/, "", stack)
    if (stack == "") next
    gsub(/;/, SEP, stack)
    merged[stack] += $NF
    next
}

# {============ svg / json: collect the sorted stacks ============}

{
    split($0, kv, "\t")
    n_stacks++
    stacks[n_stacks] = kv[1]
    counts[n_stacks] = kv[2] + 0
    total += kv[2]
}

function esc(s,    out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {       # XML forbids control characters
        c = substr(s, i, 1)
        out = out ((c in CTRL) ? " " : c)
    }
    s = out
    gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
    gsub(/"/, "\\&quot;", s); gsub(/'/, "\\&apos;", s)
    return s
}

function jesc(s,    out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" || c == "\"") out = out "\\" c
        else if (c == "<") out = out "\\u003c"    # no "</script>" inside <script>
        else if (c in CTRL) out = out " "
        else out = out c                 # ASCII, or UTF-8 bytes as they are
    }
    return out
}

# A stable warm colour from the name (flamegraph.pl's "hot" palette).
function color(name,    h, i, r, g, b) {
    h = 0
    for (i = 1; i <= length(name) && i <= 24; i++)
        h = (h * 31 + ORD[substr(name, i, 1)]) % 1000003
    if (name ~ /_\[k\]$/) return sprintf("rgb(%d,%d,%d)", 80 + h % 60, 140 + h % 80, 220)
    r = 205 + h % 50; g = (h / 50) % 230; b = (h / 11500) % 55
    return sprintf("rgb(%d,%d,%d)", r, g, b)
}

function label(name, w,    fit) {
    fit = int((w - 6) / char_w)
    if (fit < 3) return ""
    if (length(name) <= fit) return esc(name)
    return esc(substr(name, 1, fit - 2)) ".."
}

function emit_svg(depth, name, start, stop,    w, x, y, c) {
    c = stop - start
    w = c / total * (width - 2 * pad_x)
    if (w < minwidth) return
    x = pad_x + start / total * (width - 2 * pad_x)
    y = img_h - pad_bottom - (depth + 1) * frame_h
    printf "<g class=\"f\" data-s=\"%d\" data-n=\"%d\" data-d=\"%d\"><title>%s (%d samples, %.2f%%)</title>", \
        start, c, depth, esc(name), c, 100 * c / total
    printf "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" fill=\"%s\" rx=\"2\"/>", \
        x, y, w, frame_h - 1, color(name)
    printf "<text x=\"%.2f\" y=\"%.1f\">%s</text></g>\n", x + 3, y + frame_h - 4, label(name, w)
}

function svg_header(    max_depth, i, k, parts) {
    max_depth = 0
    for (i = 1; i <= n_stacks; i++) {
        k = split(stacks[i], parts, SEP)
        if (k > max_depth) max_depth = k
    }
    img_h = pad_top + pad_bottom + (max_depth + 1) * frame_h
    printf "<?xml version=\"1.0\" standalone=\"no\"?>\n"
    printf "<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " \
        "viewBox=\"0 0 %d %d\" data-total=\"%d\" data-width=\"%d\" data-pad=\"%d\" onload=\"fg_init(evt)\">\n", \
        width, img_h, width, img_h, total, width, pad_x
    printf "<style>text{font-family:Verdana,sans-serif;font-size:%dpx;fill:#000}" \
        ".f{cursor:pointer}.f:hover rect{stroke:#000;stroke-width:0.5}.faded{opacity:0.5}" \
        "#reset{cursor:pointer}</style>\n", font
    printf "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f8f8f0\"/>\n", width, img_h
    printf "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" style=\"font-size:17px\">%s</text>\n", width / 2, esc(title)
    printf "<text id=\"reset\" x=\"%d\" y=\"24\" visibility=\"hidden\">Reset Zoom</text>\n", pad_x
    printf "<text id=\"details\" x=\"%d\" y=\"%d\"> </text>\n", pad_x, img_h - 10
    svg_script()
}

function svg_script() {
    print "<script type=\"text/ecmascript\"><![CDATA["
    print "var svg, W, P, details, reset;"
    print "function num(g, k) { return parseFloat(g.getAttribute('data-' + k)); }"
    print "function frames() { return svg.getElementsByClassName('f'); }"
    print "function fg_init(evt) {"
    print "  svg = evt.target.ownerDocument.documentElement; W = num(svg, 'width') - 2 * num(svg, 'pad');"
    print "  P = num(svg, 'pad'); details = document.getElementById('details');"
    print "  reset = document.getElementById('reset'); reset.onclick = function () { zoom(null); };"
    print "  var fs = frames();"
    print "  for (var i = 0; i < fs.length; i++) {"
    print "    var t = fs[i].getElementsByTagName('text')[0];"
    print "    fs[i].setAttribute('data-name', fs[i].getElementsByTagName('title')[0].textContent.replace(/ \\([0-9]+ samples.*$/, ''));"
    print "    fs[i].onclick = function () { zoom(this); };"
    print "    fs[i].onmouseover = function () { details.textContent = this.getElementsByTagName('title')[0].textContent; };"
    print "    fs[i].onmouseout = function () { details.textContent = ' '; };"
    print "  }"
    print "}"
    print "function place(g, x, w) {"
    print "  var r = g.getElementsByTagName('rect')[0], t = g.getElementsByTagName('text')[0];"
    print "  var name = g.getAttribute('data-name'), fit = Math.floor((w - 6) / 7);"
    print "  r.setAttribute('x', x.toFixed(2)); r.setAttribute('width', w.toFixed(2)); t.setAttribute('x', (x + 3).toFixed(2));"
    print "  t.textContent = fit < 3 ? '' : (name.length <= fit ? name : name.substring(0, fit - 2) + '..');"
    print "}"
    print "function zoom(z) {"
    print "  var s0 = z ? num(z, 's') : 0, n0 = z ? num(z, 'n') : num(svg, 'total'), d0 = z ? num(z, 'd') : 0;"
    print "  var fs = frames();"
    print "  reset.setAttribute('visibility', z ? 'visible' : 'hidden');"
    print "  for (var i = 0; i < fs.length; i++) {"
    print "    var g = fs[i], s = num(g, 's'), n = num(g, 'n'), d = num(g, 'd');"
    print "    var ancestor = d < d0 && s <= s0 && s + n >= s0 + n0;"
    print "    var inside = d >= d0 && s >= s0 && s + n <= s0 + n0;"
    print "    g.setAttribute('class', ancestor ? 'f faded' : 'f');"
    print "    g.style.display = ancestor || inside ? '' : 'none';"
    print "    if (ancestor) place(g, P, W);"
    print "    else if (inside) place(g, P + (s - s0) / n0 * W, n / n0 * W);"
    print "  }"
    print "}"
    print "]]></script>"
}

function json_open(depth, name,    lib) {
    if (need_comma[depth]) printf ","
    need_comma[depth] = 1
    need_comma[depth + 1] = 0
    self[depth] = 0
    lib = name ~ /_\[k\]$/ ? "kernel" : ""
    printf "{\"n\":\"%s\",\"l\":\"%s\",\"c\":[", jesc(name), lib
}

function json_close(depth) {
    printf "],\"v\":%d}", self[depth]
}

# The flow over the sorted stacks; out is "svg" or "json".
function flow(out,    i, d, n_prev, n_cur, same, x, cur, prev, start) {
    if (out == "json") { need_comma[1] = 0; printf "{\"n\":\"all\",\"l\":\"root\",\"c\":[" }
    n_prev = 0; x = 0
    for (i = 1; i <= n_stacks; i++) {
        n_cur = split(stacks[i], cur, SEP)
        same = 0
        while (same < n_prev && same < n_cur && prev[same + 1] == cur[same + 1]) same++
        for (d = n_prev; d > same; d--) {           # close what differs
            if (out == "svg") emit_svg(d, prev[d], start[d], x)
            else json_close(d)
        }
        for (d = same + 1; d <= n_cur; d++) {       # open the new frames
            start[d] = x
            if (out == "json") json_open(d, cur[d])
        }
        if (out == "json") self[n_cur] += counts[i]
        x += counts[i]
        for (d = 1; d <= n_cur; d++) prev[d] = cur[d]
        n_prev = n_cur
    }
    for (d = n_prev; d >= 1; d--) {
        if (out == "svg") emit_svg(d, prev[d], start[d], x)
        else json_close(d)
    }
    if (out == "svg") emit_svg(0, "all", 0, total)
    else printf "],\"v\":0}"
}

# Copies the d3-flame-graph template, filling its two placeholders.
function html(    line, at, n, tag_j, tag_o) {
    tag_j = "/** @flamegraph_json **/"; tag_o = "/** @options_json **/"
    while ((n = (getline line < template)) > 0) {
        if ((at = index(line, tag_j)) > 0) {
            printf "%s", substr(line, 1, at - 1); flow("json"); print substr(line, at + length(tag_j))
            filled++
        } else if ((at = index(line, tag_o)) > 0) {
            printf "%s{\"colorscheme\":\"blue-green\",\"context\":\"%s\"}%s\n", substr(line, 1, at - 1), \
                jesc(ENVIRON["FG_CONTEXT"]), substr(line, at + length(tag_o))
        } else print line
    }
    if (n < 0 || !filled) {
        print "flamegraph.awk: cannot use template '" template "' (unreadable or no placeholder)" > "/dev/stderr"
        exit 1
    }
}

END {
    if (mode == "prep") {
        for (s in merged) printf "%s\t%d\n", s, merged[s]
        exit 0
    }
    if (total == 0) {
        print "flamegraph.awk: no samples in the input" > "/dev/stderr"
        exit 1
    }
    if (mode == "svg") { svg_header(); flow("svg"); print "</svg>" }
    else if (mode == "json") { flow("json"); print "" }
    else if (mode == "html") html()
    else { print "flamegraph.awk: mode must be prep, svg, json or html" > "/dev/stderr"; exit 2 }
}
