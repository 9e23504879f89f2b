/* SPDX-License-Identifier: MIT
 *
 * units.c - display units, palette and escaping (see units.h).
 */
#include "report/units.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"
#include "model/text.h"

static const cbench_plot_unit time_units[] = {
    {1e-3, "ps"}, {1, "ns"}, {1e3, "µs"}, {1e6, "ms"}, {1e9, "s"}};
#define N_TIME_UNITS (sizeof time_units / sizeof time_units[0])

/* The index in time_units of the unit where ns reads 1..999. */
static size_t time_unit_index(double ns)
{
    double a = fabs(ns);
    if (!isfinite(a) || a == 0)
        return 1;
    size_t i = 0;
    while (i + 1 < N_TIME_UNITS && a >= time_units[i + 1].div)
        i++;
    return i;
}

cbench_plot_unit cbench_plot_time_unit(double ns)
{
    return time_units[time_unit_index(ns)];
}

cbench_plot_unit cbench_plot_rate_unit(double per_s, cbench_throughput_kind kind)
{
    static const char *bytes[] = {"B/s", "KB/s", "MB/s", "GB/s", "TB/s"};
    static const char *elems[] = {"elem/s", "Kelem/s", "Melem/s", "Gelem/s", "Telem/s"};
    const char **names = kind == CBENCH_THROUGHPUT_BYTES ? bytes : elems;
    double a = fabs(per_s), div = 1;
    size_t i = 0;
    while (isfinite(a) && i + 1 < 5 && a >= div * 1e3) {
        div *= 1e3;
        i++;
    }
    return (cbench_plot_unit){div, names[i]};
}

/* The decimal exponent of v once rounded to 'digits' significant digits
 * (9.9996 at 4 digits rounds to 10.00: 1), which printf's %e rounding
 * gives exactly; 0 for zero. */
static int rounded_exponent(double v, int digits)
{
    char e[48];
    snprintf(e, sizeof e, "%.*e", digits - 1, v);
    const char *x = strchr(e, 'e');
    return x != NULL ? atoi(x + 1) : 0;
}

/* Prints v with 'digits' significant digits and no exponent, then the
 * unit. Below 1 it keeps digits - 1 decimals (0.50 ps at 3 digits). */
static void fmt_sig(char *buf, size_t n, double v, int digits, const char *unit)
{
    int e = rounded_exponent(v, digits);
    int prec = digits - 1 - (e > 0 ? e : 0);
    snprintf(buf, n, "%.*f %s", prec > 0 ? prec : 0, v, unit);
}

char *cbench_plot_fmt_time_digits(char *buf, size_t n, double ns, int digits)
{
    if (!isfinite(ns)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    digits = digits < 1 ? 1 : digits > 17 ? 17 : digits;
    size_t i = time_unit_index(ns);
    /* 999.96 ns at 4 digits rounds to 1000: that is 1.000 µs. */
    if (i + 1 < N_TIME_UNITS && rounded_exponent(ns / time_units[i].div, digits) >= 3)
        i++;
    fmt_sig(buf, n, ns / time_units[i].div, digits, time_units[i].name);
    return buf;
}

char *cbench_plot_fmt_time(char *buf, size_t n, double ns)
{
    return cbench_plot_fmt_time_digits(buf, n, ns, 3);
}

char *cbench_plot_fmt_rate(char *buf, size_t n, double per_s, cbench_throughput_kind kind)
{
    if (!isfinite(per_s)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    cbench_plot_unit u = cbench_plot_rate_unit(per_s, kind);
    fmt_sig(buf, n, per_s / u.div, 3, u.name);
    return buf;
}

char *cbench_plot_fmt_threshold(char *buf, size_t n, double frac)
{
    double v = fabs(100 * frac);
    if (!isfinite(v))
        snprintf(buf, n, "n/a");
    else if (v >= 9.95)
        snprintf(buf, n, "±%.0f %%", v);
    else if (v >= 0.995 && fabs(v - round(v)) < 0.05)
        snprintf(buf, n, "±%.0f %%", v);          /* "±1 %", not "±1.0 %" */
    else if (v >= 0.995)
        snprintf(buf, n, "±%.1f %%", v);
    else
        snprintf(buf, n, "±%.2g %%", v);
    return buf;
}

char *cbench_plot_fmt_param(char *buf, size_t n, long long v)
{
    static const char *bin[] = {"", "Ki", "Mi", "Gi", "Ti"};
    static const char *dec[] = {"", "K", "M", "G", "T"};
    long long a = v < 0 ? -v : v;
    int i = 0;
    while (i < 4 && a != 0 && a % 1024 == 0) {
        a /= 1024;
        i++;
    }
    if (i > 0) {
        snprintf(buf, n, "%s%lld%s", v < 0 ? "-" : "", a, bin[i]);
        return buf;
    }
    a = v < 0 ? -v : v;
    while (i < 4 && a != 0 && a % 1000 == 0) {
        a /= 1000;
        i++;
    }
    snprintf(buf, n, "%s%lld%s", v < 0 ? "-" : "", a, dec[i]);
    return buf;
}

const char *cbench_plot_colour(size_t i)
{
    /* Tableau 10 with navy for its grey (grey draws the base in charts). */
    static const char *palette[CBENCH_PLOT_PALETTE] = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#1a237e"};
    return palette[i % CBENCH_PLOT_PALETTE];
}

size_t cbench_plot_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; s != NULL && *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (size_t)(h ^ (h >> 32));
}

/* The escaping itself is model/text.c's, shared by every output. */
void cbench_plot_gp_string(FILE *f, const char *s)
{
    fputc('\'', f);
    cbench_text_fputs(f, CBENCH_TEXT_GP, s);
    fputc('\'', f);
}

void cbench_plot_html_text(FILE *f, const char *s)
{
    cbench_text_fputs(f, CBENCH_TEXT_HTML, s);
}

char *cbench_plot_safe_name(char *out, size_t n, const char *s)
{
    size_t k = 0;
    int gap = 0;
    for (; s != NULL && *s && k + 1 < n; s++) {
        unsigned char c = (unsigned char)*s;
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                   || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (keep) {
            out[k] = (k == 0 && c == '.') ? '_' : (char)c;
            k++;
            gap = 0;
        } else if (!gap) {
            out[k++] = '_';
            gap = 1;
        }
    }
    out[k] = '\0';
    if (k == 0)
        snprintf(out, n, "bench");
    return out;
}

const char *cbench_plot_short_label(const cbench_result *r)
{
    const char *id = r->id ? r->id : "";
    size_t g = r->group ? strlen(r->group) : 0;
    if (g > 0 && strncmp(id, r->group, g) == 0 && id[g] == '/' && id[g + 1] != '\0')
        return id + g + 1;
    return id;
}
