/* SPDX-License-Identifier: MIT
 *
 * result.c - allocation and copying for cbench's data model (result.h).
 */
#include "model/result.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cbench__strdup(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

void cbench__estimate_undef(cbench_estimate *e)
{
    e->point = e->lower = e->upper = e->std_err = e->level = NAN;
}

const char *cbench__verdict_name(cbench_verdict v)
{
    switch (v) {
    case CBENCH_VERDICT_NO_CHANGE: return "no change";
    case CBENCH_VERDICT_WITHIN_NOISE: return "within noise";
    case CBENCH_VERDICT_IMPROVED: return "improved";
    case CBENCH_VERDICT_REGRESSED: return "regressed";
    case CBENCH_VERDICT_NONE: break;
    }
    return "none";
}

const char *cbench__cache_name(unsigned i)
{
    static const char *const names[CBENCH_CACHE_LEVELS] = {"L1d", "L2", "L3"};
    return i < CBENCH_CACHE_LEVELS ? names[i] : NULL;
}

cbench_run *cbench__run_new(void)
{
    cbench_run *run = calloc(1, sizeof *run);
    if (run != NULL)
        run->ctx.confidence_level = run->ctx.probe_cpu_ns = run->ctx.probe_mem_ns = NAN;
    return run;
}

void cbench__result_clear_user_counters(cbench_result *r)
{
    for (size_t i = 0; i < r->n_user_counters; i++) {
        free(r->user_counters[i].rounds);
        free(r->user_counters[i].round_ids);
    }
    free(r->user_counters);
    r->user_counters = NULL;
    r->n_user_counters = 0;
}

void cbench__result_clear(cbench_result *r)
{
    cbench__result_clear_user_counters(r);
    free(r->id);
    free(r->group);
    free(r->name);
    free(r->param);
    free(r->samples);
    free(r->warning);
    free(r->error);
    free(r->bound_id);
    free(r->threads.cpu_ns);
    memset(r, 0, sizeof *r);
}

void cbench__context_clear(cbench_context *c)
{
    free(c->date);
    free(c->host);
    free(c->cpu);
    free(c->compiler);
    free(c->flags);
    free(c->version);
    free(c->git_commit);
    free(c->build_type);
    free(c->warnings);
    free(c->mode);
    memset(c, 0, sizeof *c);
}

void cbench__run_free(cbench_run *run)
{
    if (run == NULL)
        return;
    for (size_t i = 0; i < run->n_results; i++)
        cbench__result_clear(&run->results[i]);
    free(run->results);
    cbench__context_clear(&run->ctx);
    for (size_t i = 0; i < run->n_contexts; i++)
        cbench__context_clear(&run->contexts[i]);
    free(run->contexts);
    free(run);
}

int cbench__result_partial(const cbench_result *r)
{
    return r->stop_reason != NULL && strcmp(r->stop_reason, "interrupted") == 0;
}

const cbench_context *cbench__result_context(const cbench_run *run, const cbench_result *r)
{
    return r->context >= 1 && r->context <= run->n_contexts ? &run->contexts[r->context - 1]
                                                            : &run->ctx;
}

cbench_result *cbench__run_add(cbench_run *run)
{
    if (run->n_results == run->cap_results) {
        size_t cap = run->cap_results ? run->cap_results * 2 : 16;
        cbench_result *r = realloc(run->results, cap * sizeof *r);
        if (r == NULL)
            return NULL;
        run->results = r;
        run->cap_results = cap;
    }
    cbench_result *r = &run->results[run->n_results++];
    memset(r, 0, sizeof *r);
    cbench_estimate *all[] = {&r->typical, &r->mean, &r->median, &r->std_dev,
                              &r->mad, &r->slope, &r->ratio_to_reference};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        cbench__estimate_undef(all[i]);
    r->r_squared = NAN;
    r->bound_fraction = NAN;
    r->speed_ns = NAN;
    r->wall_s = r->planned_s = NAN;
    r->threads.imbalance = NAN;
    return r;
}

/* Duplicates one owned string field; returns 0 or -1 on out of memory. */
static int dup_field(char **dst, const char *src)
{
    *dst = cbench__strdup(src);
    return (src != NULL && *dst == NULL) ? -1 : 0;
}

/* Deep copy of src's user counters into dst (which has none). */
static int copy_user_counters(cbench_result *dst, const cbench_result *src)
{
    size_t n = src->n_user_counters;
    if (n == 0)
        return 0;
    dst->user_counters = calloc(n, sizeof *dst->user_counters);
    if (dst->user_counters == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const cbench_user_counter *s = &src->user_counters[i];
        cbench_user_counter *d = &dst->user_counters[dst->n_user_counters++];
        *d = *s;
        d->rounds = malloc((s->n_rounds ? s->n_rounds : 1) * sizeof *d->rounds);
        d->round_ids = malloc((s->n_rounds ? s->n_rounds : 1) * sizeof *d->round_ids);
        if (d->rounds == NULL || d->round_ids == NULL)
            return -1;
        if (s->n_rounds > 0) {
            memcpy(d->rounds, s->rounds, s->n_rounds * sizeof *d->rounds);
            memcpy(d->round_ids, s->round_ids, s->n_rounds * sizeof *d->round_ids);
        }
    }
    return 0;
}

int cbench__result_copy(cbench_result *dst, const cbench_result *src)
{
    *dst = *src;
    dst->id = dst->group = dst->name = dst->param = NULL;
    dst->warning = dst->error = dst->bound_id = NULL;
    dst->samples = NULL;
    dst->threads.cpu_ns = NULL;
    int bad = dup_field(&dst->id, src->id) | dup_field(&dst->group, src->group)
            | dup_field(&dst->name, src->name) | dup_field(&dst->param, src->param)
            | dup_field(&dst->warning, src->warning)
            | dup_field(&dst->error, src->error)
            | dup_field(&dst->bound_id, src->bound_id);
    if (!bad && src->n_samples > 0) {
        dst->samples = malloc(src->n_samples * sizeof *src->samples);
        if (dst->samples == NULL)
            bad = 1;
        else
            memcpy(dst->samples, src->samples, src->n_samples * sizeof *src->samples);
    }
    if (!bad && src->threads.cpu_ns != NULL && src->threads.count > 0) {
        size_t k = src->threads.count * sizeof *src->threads.cpu_ns;
        if ((dst->threads.cpu_ns = malloc(k)) == NULL)
            bad = 1;
        else
            memcpy(dst->threads.cpu_ns, src->threads.cpu_ns, k);
    }
    dst->user_counters = NULL;
    dst->n_user_counters = 0;
    if (!bad)
        bad = copy_user_counters(dst, src);
    if (bad) {
        cbench__result_clear(dst);
        return CBENCH_ENOMEM;
    }
    return 0;
}

int cbench__context_copy(cbench_context *dst, const cbench_context *src)
{
    *dst = *src;
    char **d[] = {&dst->date, &dst->host, &dst->cpu, &dst->compiler, &dst->flags,
                  &dst->version, &dst->git_commit, &dst->build_type,
                  &dst->warnings, &dst->mode};
    const char *s[] = {src->date, src->host, src->cpu, src->compiler, src->flags,
                       src->version, src->git_commit, src->build_type,
                       src->warnings, src->mode};
    int bad = 0;
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        bad |= dup_field(d[i], s[i]);
    if (bad) {
        cbench__context_clear(dst);
        return CBENCH_ENOMEM;
    }
    return 0;
}

cbench_result *cbench__run_find(const cbench_run *run, const char *id)
{
    for (size_t i = 0; i < run->n_results; i++)
        if (run->results[i].id != NULL && strcmp(run->results[i].id, id) == 0)
            return &run->results[i];
    return NULL;
}

const char *cbench__warn_kind_name(unsigned i)
{
    static const char *const names[CBENCH_WARN_KINDS] = {
        "unstable", "outliers", "rounds-disagree", "slow-core", "too-short",
        "few-samples", "drift", "page-faults", "oversubscribed"};
    return i < CBENCH_WARN_KINDS ? names[i] : NULL;
}

int cbench__result_warn(cbench_result *r, unsigned kind, const char *sentence)
{
    r->flags |= CBENCH_RESULT_UNSTABLE;
    r->warn_kinds |= kind;
    if (r->warning != NULL && strstr(r->warning, sentence) != NULL)
        return 0;
    size_t old = r->warning ? strlen(r->warning) : 0;
    char *w = realloc(r->warning, old + strlen(sentence) + 2);
    if (w == NULL)
        return CBENCH_ENOMEM;
    if (old > 0)
        w[old++] = ' ';
    strcpy(w + old, sentence);
    r->warning = w;
    return 0;
}

/* {=================================================================
 * Ids (result.h).
 * ================================================================== */

/* The length of the well-formed UTF-8 sequence at s (at most n bytes):
 * 1..4, or 0 when it is not one (a stray continuation byte, a truncated
 * or overlong sequence, a surrogate, beyond U+10FFFF). Names become JSON
 * strings, file names and HTML: bytes that are no text break all three
 * (a lone 0x9b, an 8-bit terminal's CSI, made a baseline no JSON reader
 * took). Text, C1 controls included, is the printers' to escape
 * (model/text.h). */
static size_t utf8_length(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t k = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
             : s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
    if (k == 0 || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)   /* overlong, surrogate */
        || (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
        return 0;
    return k;
}

/* What is wrong with the part [s, s + n) of an id, which starts at byte
 * 'at' of it and is called 'what'; NULL when it follows the name rule. */
static const char *part_problem(const char *s, size_t n, size_t at, const char *what,
                                char *why, size_t len)
{
    if (n == 0) {
        snprintf(why, len, "its %s is empty", what);
        return why;
    }
    if (n > CBENCH_NAME_MAX) {
        snprintf(why, len, "its %s has %zu bytes (at most %d)", what, n, CBENCH_NAME_MAX);
        return why;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = utf8_length(s + i, n - i);
        if (c < 0x20 || c == 0x7f) {
            snprintf(why, len, "byte %zu is a control character (0x%02x)", at + i + 1, c);
            return why;
        }
        if (k == 0) {
            snprintf(why, len, "byte %zu is not UTF-8 (0x%02x)", at + i + 1, c);
            return why;
        }
        i += k;
    }
    return NULL;
}

int cbench__name_valid(const char *s)
{
    char why[80];
    return s != NULL && strchr(s, '/') == NULL
        && part_problem(s, strlen(s), 0, "name", why, sizeof why) == NULL;
}

/* Whether [s, s + n) is a decimal 64-bit integer as the registry writes
 * one ("%" PRId64), so one parameter value has one id; *v gets it. */
static int canonical_int(const char *s, size_t n, int64_t *v)
{
    char buf[32], *end, canon[32];
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    long long x = strtoll(buf, &end, 10);
    snprintf(canon, sizeof canon, "%" PRId64, (int64_t)x);
    *v = (int64_t)x;
    return *end == '\0' && errno != ERANGE && strcmp(canon, buf) == 0;
}

/* One "name=value" part [s, s + n) of a parameter into *a. */
static int axis_part(const char *s, size_t n, cbench_axis_value *a)
{
    const char *eq = memchr(s, '=', n);
    size_t k = eq != NULL ? (size_t)(eq - s) : 0;
    if (k == 0 || k >= sizeof a->name)
        return 0;
    memcpy(a->name, s, k);
    a->name[k] = '\0';
    return strcmp(a->name, "threads") != 0 && canonical_int(eq + 1, n - k - 1, &a->value);
}

int cbench__param_axes(const char *param, cbench_axis_value *axes, unsigned *n)
{
    int64_t v;
    *n = 0;
    if (strchr(param, '=') == NULL)
        return canonical_int(param, strlen(param), &v) ? 0 : -1;
    for (const char *s = param;; ) {
        const char *slash = strchr(s, '/');
        size_t len = slash != NULL ? (size_t)(slash - s) : strlen(s);
        if (*n == CBENCH_MAX_AXES || !axis_part(s, len, &axes[*n]))
            return -1;
        for (unsigned i = 0; i < *n; i++)
            if (strcmp(axes[i].name, axes[*n].name) == 0)
                return -1;
        ++*n;
        if (slash == NULL)
            return 0;
        s = slash + 1;
    }
}

int cbench__same_param(const cbench_result *a, const cbench_result *b)
{
    if (a->has_param != b->has_param || a->param_value != b->param_value
        || a->n_axes != b->n_axes)
        return 0;
    for (unsigned i = 0; i < a->n_axes; i++)
        if (a->axes[i].value != b->axes[i].value
            || strcmp(a->axes[i].name, b->axes[i].name) != 0)
            return 0;
    return 1;
}

cbench_throughput_kind cbench__result_other_kind(const cbench_result *r)
{
    switch (r->throughput) {
    case CBENCH_THROUGHPUT_BYTES: return CBENCH_THROUGHPUT_ELEMENTS;
    case CBENCH_THROUGHPUT_ELEMENTS: return CBENCH_THROUGHPUT_BYTES;
    case CBENCH_THROUGHPUT_NONE: break;
    }
    return CBENCH_THROUGHPUT_NONE;
}

double cbench__result_per_iter(const cbench_result *r, cbench_throughput_kind kind)
{
    if (kind == CBENCH_THROUGHPUT_NONE || r->throughput == CBENCH_THROUGHPUT_NONE)
        return 0;
    double v = r->throughput == kind ? r->throughput_per_iter : r->other_per_iter;
    return v > 0 ? v : 0;
}

/* The parameter part (after "group/name/"): no control characters, at
 * most CBENCH_PARAM_MAX - 1 bytes, and an integer or AXIS=VALUE parts. */
static const char *param_problem(const char *s, size_t at, char *why, size_t len)
{
    cbench_axis_value axes[CBENCH_MAX_AXES];
    unsigned n;
    size_t k = strlen(s);
    const char *p = part_problem(s, k > CBENCH_NAME_MAX ? CBENCH_NAME_MAX : k, at,
                                 "parameter", why, len);
    if (p == NULL && k >= CBENCH_PARAM_MAX) {
        snprintf(why, len, "its parameter has %zu bytes (at most %d)", k, CBENCH_PARAM_MAX - 1);
        return why;
    }
    if (p == NULL && k > CBENCH_NAME_MAX)
        p = part_problem(s + CBENCH_NAME_MAX, k - CBENCH_NAME_MAX, at + CBENCH_NAME_MAX,
                         "parameter", why, len);
    if (p == NULL && cbench__param_axes(s, axes, &n) != 0) {
        snprintf(why, len, strchr(s, '=') == NULL
                 ? "its parameter is not a decimal 64-bit integer as cbench writes one"
                 : "its parameter is not 1 to 4 AXIS=VALUE parts as cbench writes them "
                   "(distinct axes, values decimal 64-bit integers)");
        return why;
    }
    return p;
}

unsigned cbench__id_threads(const char *id, size_t *base_len)
{
    const char *last = id != NULL ? strrchr(id, '/') : NULL;
    static const char key[] = "/threads=";
    unsigned n = 0;
    if (base_len != NULL)
        *base_len = id != NULL ? strlen(id) : 0;
    /* "g/threads=2" is a benchmark named "threads=2": a suffix follows a
     * group and a name. */
    if (last == NULL || strncmp(last, key, sizeof key - 1) != 0
        || memchr(id, '/', (size_t)(last - id)) == NULL)
        return 0;
    const char *d = last + sizeof key - 1;
    if (*d < '1' || *d > '9')
        return 0;                         /* empty, or a leading zero */
    for (; *d >= '0' && *d <= '9' && n <= CBENCH_THREADS_MAX; d++)
        n = n * 10 + (unsigned)(*d - '0');
    if (*d != '\0' || n > CBENCH_THREADS_MAX)
        return 0;
    if (base_len != NULL)
        *base_len = (size_t)(last - id);
    return n;
}

const char *cbench__id_problem(const char *id, char *why, size_t len)
{
    if (id == NULL || *id == '\0') {
        snprintf(why, len, "it is empty");
        return why;
    }
    /* A thread count's suffix is checked by cbench__id_threads; the rest
     * follows the rule of ids without one. */
    size_t base;
    if (cbench__id_threads(id, &base) > 0) {
        char head[512];
        if (base >= sizeof head) {
            snprintf(why, len, "it has %zu bytes before its thread count", base);
            return why;
        }
        memcpy(head, id, base);
        head[base] = '\0';
        return cbench__id_problem(head, why, len);
    }
    const char *name = strchr(id, '/');
    const char *param = name != NULL ? strchr(name + 1, '/') : NULL;
    int axes = param != NULL && strchr(param, '=') != NULL;
    if (name == NULL || (param != NULL && !axes && strchr(param + 1, '/') != NULL)) {
        size_t parts = 1;
        for (const char *p = id; *p; p++)
            parts += *p == '/';
        snprintf(why, len, "it has %zu part%s separated by '/' (2 or 3 expected, "
                 "more with AXIS=VALUE parts)", parts, parts == 1 ? "" : "s");
        return why;
    }
    name++;
    size_t name_len = param != NULL ? (size_t)(param - name) : strlen(name);
    const char *p = part_problem(id, (size_t)(name - 1 - id), 0, "group", why, len);
    if (p == NULL)
        p = part_problem(name, name_len, (size_t)(name - id), "name", why, len);
    if (p == NULL && param != NULL)
        p = param_problem(param + 1, (size_t)(param + 1 - id), why, len);
    return p;
}
