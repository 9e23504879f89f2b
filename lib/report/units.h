/* SPDX-License-Identifier: MIT
 *
 * units.h - human units for charts and the report, the colour palette, and
 * the escaping of untrusted names (benchmark ids) into gnuplot strings, HTML
 * text and file names.
 */
#ifndef CBENCH_REPORT_UNITS_H
#define CBENCH_REPORT_UNITS_H

#include <stddef.h>
#include <stdio.h>

#include "cbench.h"

/* A display unit: value_in_unit = value / div. 'name' is static. */
typedef struct cbench_plot_unit {
    double div;
    const char *name;
} cbench_plot_unit;

/* The time unit (ps, ns, µs, ms, s) in which 'ns' reads as 1..999.
 * Non-finite or zero input gives ns. */
cbench_plot_unit cbench_plot_time_unit(double ns);

/* The rate unit for 'per_s' items per second: B/s, KB/s, MB/s, GB/s, TB/s
 * (decimal) for bytes, elem/s, Kelem/s, ... for elements. */
cbench_plot_unit cbench_plot_rate_unit(double per_s, cbench_throughput_kind kind);

/* The one rule for times people read: ns in the unit (ps, ns, µs, ms, s)
 * where it reads 1..999, with 'digits' significant digits (1..17) and no
 * exponent: 12.3456 gives "12.3 ns" at 3 digits, "12.346 ns" at 5. A
 * value that rounds to 1000 takes the next unit (999.96 at 4 digits:
 * "1.000 µs"); below 1 ps it keeps digits - 1 decimals ("0.50 ps" at 3);
 * past 999 s it has more digits. "n/a" when not finite. Returns buf. */
char *cbench_plot_fmt_time_digits(char *buf, size_t n, double ns, int digits);

/* Charts and the HTML report: 3 significant digits, "12.3 µs". The
 * console's cbench_report_fmt_time (report.h) has 5. */
char *cbench_plot_fmt_time(char *buf, size_t n, double ns);

/* Formats a rate as e.g. "1.52 GB/s"; "n/a" for NaN. Returns buf. */
char *cbench_plot_fmt_rate(char *buf, size_t n, double per_s, cbench_throughput_kind kind);

/* Formats a threshold or half-width given as a fraction the way people
 * read it, two significant digits: 0.0416434 -> "±4.2 %", 0.01 -> "±1 %",
 * 0.231 -> "±23 %", 0.005 -> "±0.5 %"; "n/a" for NaN. Returns buf. */
char *cbench_plot_fmt_threshold(char *buf, size_t n, double frac);

/* Formats a parameter value compactly: 1024 -> "1Ki", 1000000 -> "1M",
 * 37 -> "37". Returns buf. */
char *cbench_plot_fmt_param(char *buf, size_t n, long long v);

/* The label of r inside its group: its id without "group/" (the whole
 * id when it does not start so). */
struct cbench_result;
const char *cbench_plot_short_label(const struct cbench_result *r);

/* Number of palette colours, and colour i ("#rrggbb", static). */
#define CBENCH_PLOT_PALETTE 10
const char *cbench_plot_colour(size_t i);

/* FNV-1a hash of s, used to give each benchmark name a stable palette slot. */
size_t cbench_plot_hash(const char *s);

/* Writes s to f as a single-quoted gnuplot string, its body escaped as
 * model/text.h's CBENCH_TEXT_GP: ' is doubled (gnuplot does no backslash,
 * macro (@) or backquote processing inside single quotes); control
 * characters (C0, DEL, C1) become spaces and bytes that are not valid
 * UTF-8 become '?', so the string can neither end the command line nor
 * produce invalid SVG. */
void cbench_plot_gp_string(FILE *f, const char *s);

/* Writes s to f as HTML text (also safe inside a quoted attribute), as
 * model/text.h's CBENCH_TEXT_HTML: & < > " ' are escaped, control
 * characters become spaces, invalid UTF-8 becomes '?'. */
void cbench_plot_html_text(FILE *f, const char *s);

/* Writes into out (n >= 2 bytes) a file-name-safe version of s: letters,
 * digits, '-', '_' and '.' are kept, runs of anything else become one '_',
 * a leading '.' becomes '_', an empty result becomes "bench"; at most
 * n - 1 bytes (callers add suffixes for uniqueness). Returns out. */
char *cbench_plot_safe_name(char *out, size_t n, const char *s);

#endif /* CBENCH_REPORT_UNITS_H */
