/* SPDX-License-Identifier: MIT
 *
 * load_limit.c - a baseline too large to parse in the memory there is gets
 * an error before cJSON allocates, not the OOM killer (issue 17, item 11:
 * a 6 MB file of short numbers took 260 MB). The limit is lowered with
 * CBENCH_MAX_LOAD_MIB so that a file of a few hundred KB shows it.
 */
#include <stdlib.h>

#include "check.h"
#include "fixture.h"
#include "store/json_read.h"
#include "store/store.h"

/* A valid baseline of no results with n small integers beside them: the
 * worst case per byte (two bytes per cJSON node). */
static char *ints_file(size_t n, size_t *len)
{
    const char *head = "{\"schema\": 2, \"results\": [], \"x\": [";
    size_t h = strlen(head);
    char *s = malloc(h + 2 * n + 3);
    if (s == NULL)
        abort();
    memcpy(s, head, h);
    for (size_t i = 0; i < n; i++) {
        s[h + 2 * i] = '0';
        s[h + 2 * i + 1] = i + 1 < n ? ',' : ']';
    }
    memcpy(s + h + 2 * n, "}", 2);
    *len = h + 2 * n + 1;
    return s;
}

/* One value per ',' '[' '{' outside strings, one chunk per string. */
static void test_estimate_counts_values(void)
{
    const char *s = "{\"a,[{\": [1, 2, {\"b\": \"x\\\",\"}]}";
    size_t len = strlen(s);
    /* 6 values: one to start, then '{' '[' ',' ',' '{' (the root counted
     * twice: an upper bound); 3 strings, the last with an escaped quote. */
    CHECK_INT_EQ(cbench_store_parse_estimate(s, len), 6 * 80 + 3 * 32 + len * 3);
}

static void test_too_large_is_refused(const char *dir)
{
    size_t len;
    char *text = ints_file(300000, &len), err[1024], path[4200], want[4700];
    cbench_run *run = (cbench_run *)1;
    snprintf(path, sizeof path, "%s/big.json", dir);
    CHECK(fx_write(path, text, len) == 0);
    setenv("CBENCH_MAX_LOAD_MIB", "4", 1);
    CHECK_INT_EQ(cbench_store_load_file(path, &run, err, sizeof err), CBENCH_ENOMEM);
    CHECK(run == NULL);
    snprintf(want, sizeof want, "baseline '%s': 586 KiB of JSON would take about 24.6 MiB of"
             " memory to read, more than the limit of 4.0 MiB (CBENCH_MAX_LOAD_MIB); not read."
             " Set CBENCH_MAX_LOAD_MIB to the MiB it may use to read it anyway", path);
    CHECK_STR_EQ(err, want);
    /* A save into it is refused too, and leaves it as it was. */
    static const char *const names[] = {"x"};
    cbench_run *one = fx_run("g", names, 1, 1.0);
    CHECK_INT_EQ(cbench_store_save(dir, "big", one, err, sizeof err), CBENCH_ENOMEM);
    CHECK(strstr(err, "CBENCH_MAX_LOAD_MIB") != NULL);
    size_t after_len = 0;
    char *after = fx_read(path, &after_len);
    CHECK(after != NULL && after_len == len && memcmp(after, text, len) == 0);
    free(after);
    /* With room it reads. */
    setenv("CBENCH_MAX_LOAD_MIB", "64", 1);
    CHECK_INT_EQ(cbench_store_load_file(path, &run, err, sizeof err), 0);
    cbench__run_free(run);
    /* A limit that is not a number refuses, and says so. */
    setenv("CBENCH_MAX_LOAD_MIB", "lots", 1);
    CHECK_INT_EQ(cbench_store_load_file(path, &run, err, sizeof err), CBENCH_ENOMEM);
    CHECK(strstr(err, "(CBENCH_MAX_LOAD_MIB is not a number of MiB, so 0)") != NULL);
    unsetenv("CBENCH_MAX_LOAD_MIB");
    cbench__run_free(one);
    free(text);
}

/* Without the variable the limit is half of what is available; small
 * files are never checked. */
static void test_default_limit(void)
{
    const char *why;
    unsetenv("CBENCH_MAX_LOAD_MIB");
    size_t limit = cbench_store_parse_limit(&why);
    CHECK(limit > 0);
    CHECK(strcmp(why, "half of the memory available now") == 0
          || strcmp(why, "4 GiB: the memory available could not be read") == 0);
    setenv("CBENCH_MAX_LOAD_MIB", "0", 1);
    const char *small = "{\"schema\": 2, \"results\": []}";
    cbench_run *run = NULL;
    CHECK_INT_EQ(cbench_store_parse(small, strlen(small), "small", &run, NULL, 0), 0);
    cbench__run_free(run);
    unsetenv("CBENCH_MAX_LOAD_MIB");
}

int main(void)
{
    char *dir = fx_tmpdir();
    if (dir == NULL)
        return 1;
    test_estimate_counts_values();
    test_too_large_is_refused(dir);
    test_default_limit();
    if (check_failures == 0)
        fx_rmtree(dir);
    free(dir);
    return check_result();
}
