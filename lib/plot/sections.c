/* SPDX-License-Identifier: MIT
 *
 * sections.c - one report for one run (see plot.h): each executable
 * stores its section and draws only its own charts, then rewrites
 * index.html from every section of the run; sections of an earlier run
 * are removed first, so they are never shown as today's.
 *
 * A section file is the baseline JSON of the section's run (written by
 * lib/store's serializer, read by its parser) with one more top-level key,
 * which the store's reader ignores:
 *   "section": {"run_id", "name", "source", "base_name", "base_date",
 *               "base_host", "note", "scope", "summary_chart": string|null,
 *               "history": integer,
 *               "charts": [{"key", "title", "file": string, "group": bool}]}
 */
#include "plot/sections.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "report/units.h"
#include "store/json_write.h"
#include "store/store.h"


/* {=================================================================
 * Paths.
 * ================================================================== */

char *cbench_plot_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* Removes a section's charts and directories (only files named like
 * charts; a directory someone put other files in stays). */
static void remove_section_dirs(const char *sections, const char *base)
{
    char *dir = cbench_plot_join(sections, base);
    char *charts = dir ? cbench_plot_join(dir, "charts") : NULL;
    if (charts != NULL) {
        cbench_plot_remove_charts(charts);
        rmdir(charts);
        rmdir(dir);
    }
    free(charts);
    free(dir);
}

/* {=================================================================
 * Writing a section.
 * ================================================================== */

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* Adds item (owned) to o under key, or to the array o when key is NULL;
 * 0, or -1 with item freed (a NULL item or o: out of memory), so that a
 * section is never written without one of its fields. */
static int add(cJSON *o, const char *key, cJSON *item)
{
    int ok = item != NULL && o != NULL
          && (key != NULL ? cJSON_AddItemToObject(o, key, item) : cJSON_AddItemToArray(o, item));
    if (!ok)
        cJSON_Delete(item);
    return ok ? 0 : -1;
}

/* o when every add succeeded (bad == 0), else NULL (o freed). */
static cJSON *complete(cJSON *o, int bad)
{
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *chart_json(const cbench_html_chart *c)
{
    cJSON *o = cJSON_CreateObject();
    int bad = add(o, "key", str_or_null(c->key))
            | add(o, "group", cJSON_CreateBool(c->is_group != 0))
            | add(o, "title", str_or_null(c->title))
            | add(o, "file", str_or_null(c->file));
    return complete(o, bad);
}

static cJSON *charts_json(const cbench_plot_drawn *d)
{
    cJSON *a = cJSON_CreateArray();
    int bad = 0;
    for (size_t i = 0; a != NULL && i < d->n_charts && !bad; i++)
        bad = add(a, NULL, chart_json(&d->charts[i]));
    return complete(a, bad);
}

static cJSON *meta_json(const cbench_plot_section_in *in, const cbench_plot_drawn *d)
{
    const cbench_plot_section *s = in->section;
    cJSON *o = cJSON_CreateObject();
    int bad = add(o, "run_id", str_or_null(s->run_id))
            | add(o, "name", str_or_null(s->name))
            | add(o, "source", str_or_null(s->source))
            | add(o, "base_name", str_or_null(in->base ? s->base_name : NULL))
            | add(o, "base_date", str_or_null(in->base ? in->base->ctx.date : NULL))
            | add(o, "base_host", str_or_null(in->base ? in->base->ctx.host : NULL))
            | add(o, "note", str_or_null(in->note))
            | add(o, "scope", str_or_null(in->scope))
            | add(o, "summary_chart", str_or_null(d->summary))
            | add(o, "history", cbench_store_uint_item(in->n_history))
            | add(o, "charts", charts_json(d));
    return complete(o, bad);
}

int cbench_plot_section_write(const char *path, const cbench_plot_section_in *in,
                              const cbench_plot_drawn *d, char *err, size_t errlen)
{
    cJSON *root = cbench_store_run_to_json(in->run);
    int bad = root == NULL || add(root, "section", meta_json(in, d)) != 0;
    size_t len = 0;
    char *text = bad ? NULL : cbench_store_print(root, &len);
    cJSON_Delete(root);
    if (text == NULL)
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "out of memory writing %s", path);
    int rc = cbench_store_write_atomic(path, text, len, err, errlen);
    free(text);
    return rc;
}

/* {=================================================================
 * Reading sections.
 * ================================================================== */

/* A copy of string field key of o, NULL when there is none; *oom is set
 * when there is one but no memory to copy it. */
static char *str_of(const cJSON *o, const char *key, int *oom)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    char *s = cJSON_IsString(it) ? cbench__strdup(it->valuestring) : NULL;
    *oom |= cJSON_IsString(it) && s == NULL;
    return s;
}

static void read_charts(const cJSON *a, cbench_plot_loaded *s, int *oom)
{
    size_t n = (size_t)cJSON_GetArraySize(a), k = 0;
    s->charts = calloc(n ? n : 1, sizeof *s->charts);
    *oom |= s->charts == NULL;
    const cJSON *it;
    cJSON_ArrayForEach(it, a) {
        if (s->charts == NULL || k == n)
            break;
        cbench_html_chart *c = &s->charts[k];
        c->key = str_of(it, "key", oom);
        c->title = str_of(it, "title", oom);
        c->file = str_of(it, "file", oom);
        c->is_group = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "group"));
        if (c->key != NULL && c->title != NULL && c->file != NULL) {
            k++;
            continue;
        }
        free((char *)c->key);               /* incomplete: not a chart */
        free((char *)c->title);
        free((char *)c->file);
    }
    s->n_charts = k;
}

/* Fills s from the "section" object m; CBENCH_ENOMEM when a field could
 * not be copied (never mistaken for a file without it), else 0. */
static int read_meta(const cJSON *m, cbench_plot_loaded *s)
{
    int oom = 0;
    s->run_id = str_of(m, "run_id", &oom);
    s->name = str_of(m, "name", &oom);
    s->source = str_of(m, "source", &oom);
    s->base_name = str_of(m, "base_name", &oom);
    s->base_date = str_of(m, "base_date", &oom);
    s->base_host = str_of(m, "base_host", &oom);
    s->note = str_of(m, "note", &oom);
    s->scope = str_of(m, "scope", &oom);
    s->summary = str_of(m, "summary_chart", &oom);
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(m, "history");
    s->n_history = cJSON_IsNumber(h) && h->valuedouble >= 0 ? (size_t)h->valuedouble : 0;
    read_charts(cJSON_GetObjectItemCaseSensitive(m, "charts"), s, &oom);
    return oom ? CBENCH_ENOMEM : 0;
}

int cbench_plot_section_read(const char *path, cbench_plot_loaded *s, int with_run)
{
    memset(s, 0, sizeof *s);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *buf = NULL;
    size_t len = 0;
    int rc = fd >= 0 && cbench_store_read_fd(fd, &buf, &len) == 0 ? 0 : CBENCH_EIO;
    if (fd >= 0)
        close(fd);
    errno = 0;
    cJSON *root = rc == 0 ? cJSON_ParseWithLength(buf, len) : NULL;
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "section");
    if (rc == 0 && root == NULL && errno == ENOMEM)   /* not malformed: see json_read.c */
        rc = CBENCH_ENOMEM;
    else if (rc == 0 && !cJSON_IsObject(m))
        rc = CBENCH_EFORMAT;
    if (rc == 0)
        rc = read_meta(m, s);
    if (rc == 0 && (s->run_id == NULL || s->name == NULL))
        rc = CBENCH_EFORMAT;
    cJSON_Delete(root);
    if (rc == 0 && with_run)
        rc = cbench_store_parse(buf, len, path, &s->run, NULL, 0);
    free(buf);
    if (rc != 0)
        cbench_plot_loaded_free(s);
    return rc;
}

void cbench_plot_loaded_free(cbench_plot_loaded *s)
{
    char **str[] = {&s->run_id, &s->name, &s->source, &s->base_name, &s->base_date,
                    &s->base_host, &s->note, &s->summary, &s->scope};
    for (size_t i = 0; i < sizeof str / sizeof str[0]; i++)
        free(*str[i]);
    for (size_t i = 0; s->charts && i < s->n_charts; i++) {
        free((char *)s->charts[i].key);
        free((char *)s->charts[i].title);
        free((char *)s->charts[i].file);
    }
    free(s->charts);
    cbench__run_free(s->run);
    memset(s, 0, sizeof *s);
}

/* Whether a directory entry is a section file: NAME.json, NAME not
 * starting with '.' (the atomic writer's temporary files do). */
static int is_section_file(const char *name, char *base, size_t n)
{
    size_t len = strlen(name);
    if (len <= 5 || name[0] == '.' || strcmp(name + len - 5, ".json") != 0 || len - 5 >= n)
        return 0;
    memcpy(base, name, len - 5);
    base[len - 5] = '\0';
    return 1;
}

int cbench_plot_sections_prune(const char *dir, const char *run_id)
{
    char *sections = cbench_plot_join(dir, CBENCH_PLOT_SECTIONS);
    DIR *d = sections ? opendir(sections) : NULL;
    int removed = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char base[256];
        if (!is_section_file(e->d_name, base, sizeof base))
            continue;
        char *path = cbench_plot_join(sections, e->d_name);
        cbench_plot_loaded s;
        int rc = path != NULL ? cbench_plot_section_read(path, &s, 0) : CBENCH_ENOMEM;
        /* Another run's or malformed: removed; one that could not be read
         * (no memory, an I/O error) may be this run's and stays. */
        int stale = rc == CBENCH_EFORMAT || (rc == 0 && strcmp(s.run_id, run_id) != 0);
        if (stale) {
            cbench_plot_loaded_free(&s);
            unlink(path);
            remove_section_dirs(sections, base);
            removed++;
        } else if (rc == 0) {
            cbench_plot_loaded_free(&s);
        }
        free(path);
    }
    if (d != NULL)
        closedir(d);
    free(sections);
    return removed;
}

/* Orders sections by when they were measured, then by name. */
static int by_date(const void *pa, const void *pb)
{
    const cbench_plot_loaded *a = pa, *b = pb;
    const char *da = a->run->ctx.date ? a->run->ctx.date : "";
    const char *db = b->run->ctx.date ? b->run->ctx.date : "";
    int c = strcmp(da, db);
    return c ? c : strcmp(a->name, b->name);
}

int cbench_plot_sections_load(const char *dir, const char *run_id, cbench_plot_loaded **out,
                              size_t *n_out)
{
    char *sections = cbench_plot_join(dir, CBENCH_PLOT_SECTIONS);
    DIR *d = sections ? opendir(sections) : NULL;
    cbench_plot_loaded *all = NULL;
    size_t n = 0, cap = 0;
    int rc = d ? 0 : CBENCH_EIO;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char base[256];
        if (!is_section_file(e->d_name, base, sizeof base))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            cbench_plot_loaded *p = realloc(all, cap * sizeof *p);
            if (p == NULL) {
                rc = CBENCH_ENOMEM;
                break;
            }
            all = p;
        }
        char *path = cbench_plot_join(sections, e->d_name);
        int src = path != NULL ? cbench_plot_section_read(path, &all[n], 1) : CBENCH_ENOMEM;
        if (src == CBENCH_ENOMEM)           /* else the report lacks it, unsaid */
            rc = CBENCH_ENOMEM;
        else if (src == 0 && strcmp(all[n].run_id, run_id) == 0)
            n++;
        else if (src == 0)
            cbench_plot_loaded_free(&all[n]);
        free(path);
    }
    if (d != NULL)
        closedir(d);
    free(sections);
    if (rc == 0)
        qsort(all, n, sizeof *all, by_date);
    *out = all;
    *n_out = n;
    return rc;
}
