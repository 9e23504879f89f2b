/* SPDX-License-Identifier: MIT
 *
 * json_items.c - the pieces of every JSON document cbench writes (the
 * baseline of json_write.c, `cbench stats --json`, `cbench ab --json`):
 * exact numbers, estimates, Tukey outliers, changes, terminal-safe
 * strings. One writer for each, so the documents agree.
 *
 * Numbers: cJSON's own printer is not exact (it accepts %1.15g when the
 * value matches within DBL_EPSILON), so every number is formatted here,
 * the shortest of %.15g/%.16g/%.17g that strtod() reads back to the
 * identical double, and inserted with cJSON_CreateRaw.
 */
#include "store/json_write.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "model/text.h"
#include "store/store.h"

/* Replaces a locale's decimal comma so the text is always JSON. */
static void fix_decimal_point(char *s)
{
    for (; *s != '\0'; s++)
        if (*s == ',')
            *s = '.';
}

int cbench_store_format_double(char *buf, size_t len, double v)
{
    if (isnan(v))
        return snprintf(buf, len, "null");
    if (isinf(v))
        return snprintf(buf, len, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, len, "%.*g", prec, v);
        fix_decimal_point(buf);
        /* Under a decimal-comma locale strtod() stops at the '.', so the
         * check fails and %.17g (always exact) is used: longer, still right. */
        if (strtod(buf, NULL) == v)
            break;
    }
    return n;
}

void cbench_store_put(int *oom, cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL || obj == NULL) {
        cJSON_Delete(item);
        *oom = 1;
        return;
    }
    if (key != NULL ? !cJSON_AddItemToObject(obj, key, item)
                    : !cJSON_AddItemToArray(obj, item)) {
        cJSON_Delete(item);
        *oom = 1;
    }
}

cJSON *cbench_store_num_item(double v)
{
    char buf[40];
    if (isnan(v))
        return cJSON_CreateNull();
    if (isinf(v))
        return cJSON_CreateString(v > 0 ? "Infinity" : "-Infinity");
    cbench_store_format_double(buf, sizeof buf, v);
    return cJSON_CreateRaw(buf);
}

cJSON *cbench_store_uint_item(uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRIu64, v);
    return cJSON_CreateRaw(buf);
}

/* The item, or NULL (freed) after an out of memory while building it. */
static cJSON *checked(int oom, cJSON *item)
{
    if (oom) {
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}

/* Adds the estimate's keys to o (returned). */
static cJSON *estimate_fields(int *oom, cJSON *o, const cbench_estimate *e)
{
    cbench_store_put(oom, o, "point", cbench_store_num_item(e->point));
    cbench_store_put(oom, o, "lower", cbench_store_num_item(e->lower));
    cbench_store_put(oom, o, "upper", cbench_store_num_item(e->upper));
    cbench_store_put(oom, o, "std_err", cbench_store_num_item(e->std_err));
    cbench_store_put(oom, o, "level", cbench_store_num_item(e->level));
    return o;
}

cJSON *cbench_store_estimate_item(const cbench_estimate *e)
{
    int oom = 0;
    cJSON *o = estimate_fields(&oom, cJSON_CreateObject(), e);
    return checked(oom, o);
}

int cbench_store_add_estimate(cJSON *o, const cbench_estimate *e)
{
    int oom = 0;
    estimate_fields(&oom, o, e);
    return oom ? -1 : 0;
}

cJSON *cbench_store_outliers_item(const cbench_outliers *x)
{
    int oom = 0;
    cJSON *o = cJSON_CreateObject(), *fences = cJSON_CreateArray();
    cbench_store_put(&oom, o, "low_severe", cbench_store_uint_item(x->low_severe));
    cbench_store_put(&oom, o, "low_mild", cbench_store_uint_item(x->low_mild));
    cbench_store_put(&oom, o, "normal", cbench_store_uint_item(x->normal));
    cbench_store_put(&oom, o, "high_mild", cbench_store_uint_item(x->high_mild));
    cbench_store_put(&oom, o, "high_severe", cbench_store_uint_item(x->high_severe));
    for (size_t i = 0; i < 4; i++)
        cbench_store_put(&oom, fences, NULL, cbench_store_num_item(x->fences[i]));
    cbench_store_put(&oom, o, "fences", fences);
    return checked(oom, o);
}

cJSON *cbench_store_change_item(int has, const cbench_change *c)
{
    if (!has)
        return cJSON_CreateNull();
    int oom = 0;
    cJSON *o = cJSON_CreateObject();
    cbench_store_put(&oom, o, "mean", cbench_store_estimate_item(&c->mean));
    cbench_store_put(&oom, o, "median", cbench_store_estimate_item(&c->median));
    cbench_store_put(&oom, o, "p_value", cbench_store_num_item(c->p_value));
    cbench_store_put(&oom, o, "noise_threshold", cbench_store_num_item(c->noise_threshold));
    cbench_store_put(&oom, o, "significance", cbench_store_num_item(c->significance));
    cbench_store_put(&oom, o, "verdict", cJSON_CreateString(cbench__verdict_name(c->verdict)));
    cbench_store_put(&oom, o, "test_name", c->test_name != NULL
                     ? cJSON_CreateString(c->test_name) : cJSON_CreateNull());
    cbench_store_put(&oom, o, "df", cbench_store_num_item(c->df));
    return checked(oom, o);
}

cJSON *cbench_store_text_item(const char *s)
{
    if (s == NULL)
        return cJSON_CreateNull();
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f == NULL)
        return NULL;
    int bad = fputc('"', f) == EOF || cbench_text_fputs(f, CBENCH_TEXT_JSON, s) != 0 ||
              fputc('"', f) == EOF;
    cJSON *item = fclose(f) == 0 && !bad ? cJSON_CreateRaw(text) : NULL;
    free(text);
    return item;
}
