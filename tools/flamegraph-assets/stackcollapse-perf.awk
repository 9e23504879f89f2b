# SPDX-License-Identifier: MIT
#
# stackcollapse-perf.awk - folds `perf script -F comm,ip,sym,dso` output
# (one header line per sample, then one "  ADDR SYMBOL (DSO)" line per frame,
# innermost first, then a blank line) into folded stacks:
#     comm;outermost;...;innermost COUNT
# Unknown symbols become "[dso]"; kernel frames get the suffix "_[k]";
# ';' inside names becomes ':' (it separates frames). POSIX awk (mawk ok).

function flush(    s, i) {
    if (comm != "" && n > 0) {
        s = comm
        for (i = n; i >= 1; i--)
            s = s ";" frame[i]
        count[s]++
    }
    comm = ""
    n = 0
}

function basename(p) {
    sub(/.*\//, "", p)
    return p
}

/^[ \t]*$/ { flush(); next }

/^[^ \t]/ {                     # sample header: the command name
    flush()
    comm = $0
    sub(/[ \t]+$/, "", comm)
    gsub(/;/, ":", comm)
    if (comm == "")
        comm = "[unknown]"
    next
}

{                               # a frame: ADDR SYMBOL (DSO)
    line = $0
    sub(/^[ \t]+[0-9a-fA-F]+[ \t]*/, "", line)
    dso = ""
    if (match(line, / \([^()]*\)$/)) {
        dso = substr(line, RSTART + 2, RLENGTH - 3)
        line = substr(line, 1, RSTART - 1)
    }
    sub(/\+0x[0-9a-fA-F]+$/, "", line)
    if (line == "" || line == "[unknown]")
        line = (dso != "" && dso != "[unknown]" && dso != "inlined") ? "[" basename(dso) "]" : "[unknown]"
    if (dso ~ /kernel\.kallsyms|^\[kernel/ || dso ~ /\.ko$/)
        line = line "_[k]"
    gsub(/;/, ":", line)
    frame[++n] = line
}

END {
    flush()
    for (s in count)
        print s, count[s]
}
