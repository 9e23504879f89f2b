/* SPDX-License-Identifier: MIT
 *
 * scaling.c - the complexity and knees of swept benchmarks as sentences,
 * for the console and the HTML report; see scaling.h.
 */
#include "report/scaling.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/units.h"
#include "report/report.h"

/* "1.3 Mi", "16 Ki", "512": a count with a binary prefix, two significant
 * digits below 10 of the unit. unit is appended ("B" gives "32 MiB"). */
static char *fmt_binary(char *buf, size_t n, double v, const char *unit)
{
    static const char *const pre[] = {"", "Ki", "Mi", "Gi", "Ti"};
    int p = 0;
    while (p < 4 && v >= 1024) {
        v /= 1024;
        p++;
    }
    const char *sep = p > 0 || *unit ? " " : "";
    snprintf(buf, n, v < 10 && v != floor(v) ? "%.2g%s%s%s" : "%.0f%s%s%s", v, sep, pre[p],
             unit);
    return buf;
}

/* The prefix a value of fmt_binary gets (to join a range's units). */
static int binary_power(double v)
{
    int p = 0;
    while (p < 4 && v >= 1024) {
        v /= 1024;
        p++;
    }
    return p;
}

/* "32-45 MiB", or "768 KiB-1.5 MiB" across units. */
static void fmt_bytes_range(char *buf, size_t n, double lo, double hi)
{
    char a[32], b[32];
    fmt_binary(a, sizeof a, lo, "B");
    fmt_binary(b, sizeof b, hi, "B");
    if (binary_power(lo) == binary_power(hi))
        a[strcspn(a, " ")] = '\0';
    snprintf(buf, n, "%s-%s", a, b);
}

char *cbench_report_fmt_complexity(char *buf, size_t n, const cbench_scaling *s)
{
    static const char *const f[] = {"", " × log2 n", " × n", " × n log2 n", " × n^2",
                                    " × n^3"};
    char coef[32];
    buf[0] = '\0';
    if (s->complexity_rc != 0 || (unsigned)s->complexity.best >= CBENCH_BIGO_COUNT)
        return buf;
    double c = s->complexity.coef;
    if (fabs(c) >= 1e-4)                        /* a tenth of a picosecond or more */
        cbench_report_fmt_time(coef, sizeof coef, c);
    else
        snprintf(coef, sizeof coef, "%.3g ns", c);
    char across[48] = "";
    if (s->between_knees && s->whole_rc == 0 && s->whole.best != s->complexity.best)
        snprintf(across, sizeof across, " (%s across them)", cbench_bigo_name(s->whole.best));
    snprintf(buf, n, "%s%s%s, %s%s (RMS %.1f %%)", cbench_bigo_name(s->complexity.best),
             s->between_knees ? " between its knees" : "", across, coef, f[s->complexity.best],
             100 * s->complexity.rms);
    return buf;
}

/* "; L3 = 32 MiB" or "; nearest: L3 = 32 MiB", "" without a level. */
static void fmt_cache(char *buf, size_t n, const cbench_knee *k, const cbench_scalings *all)
{
    char cap[32];
    buf[0] = '\0';
    if (k->cache < 0 || (size_t)k->cache >= all->n_caches)
        return;
    const cbench_knee_cache *c = &all->caches[k->cache];
    snprintf(buf, n, "; %s%s = %s", k->cache_near ? "nearest: " : "", c->name,
             fmt_binary(cap, sizeof cap, c->bytes, "B"));
}

char *cbench_report_fmt_knee(char *buf, size_t n, const cbench_knee *k,
                             const cbench_scaling *s, const cbench_scalings *all)
{
    char lo[32], hi[32], foot[160] = "", range[64], cache[64];
    if (isfinite(k->bytes_lo)) {
        fmt_bytes_range(range, sizeof range, k->bytes_lo, k->bytes_hi);
        fmt_cache(cache, sizeof cache, k, all);
        snprintf(foot, sizeof foot, " (%.3g B/element: %s%s)", s->bytes_per_element, range,
                 cache);
    }
    snprintf(buf, n, "cost per element ×%.3g [%.3g, %.3g] between %s and %s elements%s",
             k->factor.point, k->factor.lower, k->factor.upper,
             fmt_binary(lo, sizeof lo, k->n_lo, ""), fmt_binary(hi, sizeof hi, k->n_hi, ""),
             foot);
    return buf;
}

/* {=================================================================
 * The console's summary.
 * ================================================================== */

static void summary_of(FILE *f, const cbench_scalings *s)
{
    char line[512], title[CBENCH_SCALING_TITLE_MAX];
    fputs("how the swept benchmarks scale (time per iteration against the size n; knees: "
          "where the cost per element steps up):", f);
    for (size_t i = 0; i < s->n; i++) {
        const cbench_scaling *sc = &s->v[i];
        fprintf(f, "\n  %s: %s", cbench_scaling_title(title, sizeof title, sc),
                cbench_report_fmt_complexity(line, sizeof line, sc));
        fprintf(f, "%s%zu sizes", line[0] ? " over " : "", sc->n);
        if (sc->knees_rc == 0 && sc->knees.n_knees == 0)
            fputs("; no knee", f);
        for (size_t k = 0; sc->knees_rc == 0 && k < sc->knees.n_knees; k++)
            fprintf(f, "\n    %s",
                    cbench_report_fmt_knee(line, sizeof line, &sc->knees.knees[k], sc, s));
    }
}

char *cbench_report_scaling_summary(const cbench_run *run, const cbench_analysis_opts *o)
{
    cbench_scalings s;
    if (cbench_scaling_fit(run, o, &s) != 0 || s.n == 0) {
        cbench_scaling_free(&s);
        return NULL;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f != NULL) {
        summary_of(f, &s);
        if (fclose(f) != 0) {
            free(text);
            text = NULL;
        }
    }
    cbench_scaling_free(&s);
    return text;
}

/* {=================================================================
 * HTML.
 * ================================================================== */

void cbench_html_scaling(FILE *f, const cbench_scalings *s, const char *group)
{
    char line[512];
    for (size_t i = 0; s != NULL && i < s->n; i++) {
        const cbench_scaling *sc = &s->v[i];
        if (strcmp(sc->group ? sc->group : "", group ? group : "") != 0)
            continue;
        fputs("<p class=scaling><b>", f);
        cbench_plot_html_text(f, sc->name ? sc->name : "");
        if (sc->combo[0] != '\0') {          /* "rmw [stride=4]" */
            fputs(" [", f);
            cbench_plot_html_text(f, sc->combo);
            fputc(']', f);
        }
        fputs("</b>: ", f);
        cbench_plot_html_text(f, cbench_report_fmt_complexity(line, sizeof line, sc));
        fprintf(f, "%s%zu sizes", line[0] ? " over " : "", sc->n);
        if (sc->knees_rc == 0 && sc->knees.n_knees == 0)
            fputs("; no knee", f);
        for (size_t k = 0; sc->knees_rc == 0 && k < sc->knees.n_knees; k++) {
            fputs("<br>", f);
            cbench_plot_html_text(f, cbench_report_fmt_knee(line, sizeof line,
                                                            &sc->knees.knees[k], sc, s));
        }
        fputs("</p>\n", f);
    }
}
