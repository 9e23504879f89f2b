/* SPDX-License-Identifier: MIT
 *
 * units.c - display units, palette and escaping (see units.h).
 */
#include "report/units.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "model/result.h"
#include "model/text.h"

cbench_plot_unit cbench_plot_time_unit(double ns)
{
    static const cbench_plot_unit units[] = {
        {1e-3, "ps"}, {1, "ns"}, {1e3, "µs"}, {1e6, "ms"}, {1e9, "s"}};
    double a = fabs(ns);
    if (!isfinite(a) || a == 0)
        return units[1];
    size_t i = 0;
    while (i + 1 < sizeof units / sizeof units[0] && a >= units[i + 1].div)
        i++;
    return units[i];
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

/* Prints v with 3 significant digits (no exponent for 1..999). */
static void fmt3(char *buf, size_t n, double v, const char *unit)
{
    double a = fabs(v);
    int prec = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    snprintf(buf, n, "%.*f %s", prec, v, unit);
}

char *cbench_plot_fmt_time(char *buf, size_t n, double ns)
{
    if (!isfinite(ns)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    cbench_plot_unit u = cbench_plot_time_unit(ns);
    fmt3(buf, n, ns / u.div, u.name);
    return buf;
}

char *cbench_plot_fmt_rate(char *buf, size_t n, double per_s, cbench_throughput_kind kind)
{
    if (!isfinite(per_s)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    cbench_plot_unit u = cbench_plot_rate_unit(per_s, kind);
    fmt3(buf, n, per_s / u.div, u.name);
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
