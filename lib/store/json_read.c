/* SPDX-License-Identifier: MIT
 *
 * json_read.c - baseline JSON (see json_write.c for the format) into a
 * cbench_run, validating every type and range on the way.
 *
 * Errors are one message naming the file and either the position of a
 * syntax error (line and column, computed from the offset cJSON reports:
 * cJSON itself only gives an error pointer) or the path of a bad field, as
 * in "baseline 'x.json': results[2].samples.ns[5]: expected a number".
 *
 * What is accepted: exactly the values the writer can produce, so every
 * file cbench wrote reads back. Unknown keys are ignored (a later schema-1
 * writer may add some); a missing statistic is undefined (NaN); "id" is
 * required and unique, a missing "group"/"name" is derived from it.
 */
#include "store/json_read.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "store/json_write.h"
#include "store/store.h"

/* {==================================================================
 * Context.
 * =================================================================== */

/* The seed: a decimal string (the writer's form) or an exact integer. */
static int seed_value(cbench_store_jr *r, const cJSON *it, uint64_t *dst)
{
    *dst = 0;
    if (it == NULL || !cJSON_IsString(it))
        return cbench_store_uint_value(r, it, (uint64_t)CBENCH_STORE_MAX_EXACT_INT, dst);
    const char *s = it->valuestring;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno == ERANGE)
        return cbench_store_bad(r, "expected a decimal integer from 0 to 18446744073709551615");
    *dst = v;
    return 0;
}

static int rd_context_strings(cbench_store_jr *r, const cJSON *o, cbench_context *c)
{
    static const char *const keys[] = {"date", "host", "cpu", "compiler", "flags",
                                       "version", "git_commit", "build_type",
                                       "warnings", "mode"};
    char **dst[] = {&c->date, &c->host, &c->cpu, &c->compiler, &c->flags,
                    &c->version, &c->git_commit, &c->build_type,
                    &c->warnings, &c->mode};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int rc = cbench_store_rd_str(r, o, keys[i], dst[i], 0);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The context object o (NULL: every field undefined) into c. */
static int rd_context_fields(cbench_store_jr *r, const cJSON *o, cbench_context *c)
{
    uint64_t u;
    c->confidence_level = c->noise_threshold = c->significance = NAN;
    c->probe_cpu_ns = c->probe_mem_ns = NAN;
    if (o == NULL)
        return 0;
    int rc = rd_context_strings(r, o, c);
    if (rc == 0) {
        size_t k = cbench_store_push_key(r, "seed");
        rc = seed_value(r, cJSON_GetObjectItemCaseSensitive(o, "seed"), &c->seed);
        cbench_store_pop(r, k);
    }
    if (rc == 0) rc = cbench_store_rd_num(r, o, "confidence_level", &c->confidence_level);
    u = 0;
    if (rc == 0) rc = cbench_store_rd_uint(r, o, "n_resamples", UINT_MAX, &u);
    c->n_resamples = (unsigned)u;
    if (rc == 0) rc = cbench_store_rd_num(r, o, "noise_threshold", &c->noise_threshold);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "significance", &c->significance);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "probe_cpu_ns", &c->probe_cpu_ns);
    if (rc == 0) rc = cbench_store_rd_num(r, o, "probe_mem_ns", &c->probe_mem_ns);
    for (unsigned i = 0; i < CBENCH_CACHE_LEVELS && rc == 0; i++)
        rc = cbench_store_rd_uint(r, o, cbench_store_cache_keys[i], UINT64_MAX,
                                  &c->cache_bytes[i]);
    return rc;
}

/* "context" (the last save's run) and "contexts" (earlier saves' runs). */
static int rd_contexts(cbench_store_jr *r, const cJSON *root, cbench_run *run)
{
    const cJSON *o, *a, *it;
    int rc = cbench_store_rd_obj(r, root, "context", &o);
    size_t m = cbench_store_push_key(r, "context");
    if (rc == 0)
        rc = rd_context_fields(r, o, &run->ctx);
    cbench_store_pop(r, m);
    if (rc == 0)
        rc = cbench_store_rd_arr(r, root, "contexts", &a);
    if (rc != 0 || a == NULL)
        return rc;
    size_t n = (size_t)cJSON_GetArraySize(a);
    run->contexts = calloc(n ? n : 1, sizeof *run->contexts);
    if (run->contexts == NULL)
        return cbench_store_oom(r);
    m = cbench_store_push_key(r, "contexts");
    cJSON_ArrayForEach(it, a) {
        size_t k = cbench_store_push_index(r, run->n_contexts);
        rc = cJSON_IsObject(it) ? rd_context_fields(r, it, &run->contexts[run->n_contexts++])
                                : cbench_store_bad(r, "expected an object");
        cbench_store_pop(r, k);
        if (rc != 0)
            break;
    }
    cbench_store_pop(r, m);
    return rc;
}

/* {==================================================================
 * Syntax and schema.
 * =================================================================== */

/* "line L, column C" of byte offset pos (both 1-based, columns in bytes). */
static void line_col(const char *buf, size_t pos, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        if (buf[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int syntax_error(cbench_store_jr *r, const char *buf, size_t len, size_t pos,
                        const char *what)
{
    size_t line, col;
    char near[24];
    size_t k = 0;
    line_col(buf, pos, &line, &col);
    if (what != NULL)
        return cbench_store_bad(r, "line %zu, column %zu: %s", line, col, what);
    for (size_t i = pos; i < len && k < 16; i++)
        near[k++] = (buf[i] >= 0x20 && buf[i] < 0x7f && buf[i] != '\'') ? buf[i] : '?';
    near[k] = '\0';
    return cbench_store_bad(r, "line %zu, column %zu: not valid JSON at '%s%s'", line, col, near,
               len - pos > 16 ? "..." : "");
}

/* cJSON reports an unterminated string at its first character: if pos is
 * just after a '"' and no unescaped '"' follows, the string runs to EOF. */
static int unterminated_string(const char *buf, size_t len, size_t pos)
{
    if (pos == 0 || pos > len || buf[pos - 1] != '"')
        return 0;
    for (size_t i = pos; i < len; i++) {
        if (buf[i] == '\\')
            i++;
        else if (buf[i] == '"')
            return 0;
    }
    return 1;
}

static int parse_json(cbench_store_jr *r, const char *buf, size_t len, cJSON **root)
{
    const char *nul = memchr(buf, '\0', len);
    *root = NULL;
    if (len == 0)
        return cbench_store_bad(r, "the file is empty");
    if (nul != NULL)
        return syntax_error(r, buf, len, (size_t)(nul - buf),
                            "unexpected NUL byte (not a text file?)");
    int rc = cbench_store_check_memory(r, buf, len);   /* before cJSON allocates */
    if (rc != 0)
        return rc;
    /* cJSON wants a NUL-terminated copy (and the NUL inside the length so
     * that trailing garbage is detected). */
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return cbench_store_oom(r);
    memcpy(copy, buf, len);
    copy[len] = '\0';
    const char *end = NULL;
    errno = 0;
    *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    /* cJSON gives up in the same way when an allocation fails; malloc
     * says so in errno: the file is not to be called malformed then. */
    int oom = *root == NULL && errno == ENOMEM;
    /* The error offset; cJSON points at or before the terminating NUL. */
    uintptr_t at = (uintptr_t)end, base = (uintptr_t)copy;
    size_t pos = (end != NULL && at >= base) ? (size_t)(at - base) : 0;
    free(copy);
    if (*root != NULL)
        return 0;
    if (oom)
        return cbench_store_oom(r);
    if (pos >= len)
        return syntax_error(r, buf, len, len, "unexpected end of file (truncated?)");
    if (unterminated_string(buf, len, pos))
        return syntax_error(r, buf, len, pos - 1,
                            "string not closed before the end of file (truncated?)");
    return syntax_error(r, buf, len, pos, NULL);
}

static int check_schema(cbench_store_jr *r, const cJSON *root)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsObject(root))
        return cbench_store_bad(r, "expected a JSON object at the top level");
    if (s == NULL)
        return cbench_store_bad(r, "no \"schema\" field: not a cbench baseline, or one written"
                      " before schema 1 (re-save it with this cbench)");
    double v = cJSON_IsNumber(s) ? s->valuedouble : NAN;
    if (!(v == floor(v) && v >= -1e9 && v <= 1e9))
        return cbench_store_bad(r, "schema: expected an integer");
    if (v > CBENCH_STORE_SCHEMA)
        return cbench_store_bad(r, "written by a newer cbench (schema %.0f; this build reads"
                                " %d to %d)", v, CBENCH_STORE_SCHEMA_OLDEST, CBENCH_STORE_SCHEMA);
    if (v < CBENCH_STORE_SCHEMA_OLDEST)
        return cbench_store_bad(r, "schema %.0f is not supported (this build reads %d to %d)",
                                v, CBENCH_STORE_SCHEMA_OLDEST, CBENCH_STORE_SCHEMA);
    return 0;
}

int cbench_store_parse_tree(const char *buf, size_t len, const char *name, cbench_run **out,
                            cJSON **tree, char *err, size_t errlen)
{
    cbench_store_jr r = {.file = name != NULL ? name : "(buffer)", .err = err, .errlen = errlen};
    cJSON *root;
    *out = NULL;
    if (tree != NULL)
        *tree = NULL;
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    int rc = parse_json(&r, buf, len, &root);
    if (rc == 0)
        rc = check_schema(&r, root);
    cbench_run *run = rc == 0 ? cbench__run_new() : NULL;
    if (rc == 0 && run == NULL)
        rc = cbench_store_oom(&r);
    if (rc == 0)
        rc = rd_contexts(&r, root, run);
    if (rc == 0)
        rc = cbench_store_rd_results(&r, root, run);
    if (rc != 0 || tree == NULL)
        cJSON_Delete(root);
    if (rc != 0) {
        cbench__run_free(run);
        return rc;
    }
    if (tree != NULL)
        *tree = root;
    *out = run;
    return 0;
}

int cbench_store_parse(const char *buf, size_t len, const char *name,
                       cbench_run **out, char *err, size_t errlen)
{
    return cbench_store_parse_tree(buf, len, name, out, NULL, err, errlen);
}
