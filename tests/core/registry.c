/* SPDX-License-Identifier: MIT
 *
 * Registration: CBENCH() at file scope registers before main, parameters
 * expand into one instance per value with id group/name/param, --quick
 * uses the quick subset, and bad or duplicate names are rejected.
 */
#include "check.h"
#include "cbench.h"
#include "measure/registry.h"
#include "model/result.h"

#include <stdlib.h>

static void noop(cbench_state *b)
{
    CBENCH_ITER(b) {}
}

static void sized(cbench_state *b)
{
    CBENCH_ITER(b) { cbench_do_not_optimize(b); }
}

CBENCH(grp, noop)
CBENCH(grp, sized, CBENCH_PARAMS(16, 1024, 65536), CBENCH_QUICK_PARAMS(16), .reference = 1)

static void test_static_registration_before_main(void)
{
    CHECK_INT_EQ(cbench_registry_count(), 2);
    const cbench_bench *b = cbench_registry_get(1);
    CHECK_STR_EQ(b->group, "grp");
    CHECK_STR_EQ(b->name, "sized");
    CHECK_INT_EQ(b->opt.n_params, 3);
    CHECK_INT_EQ(b->opt.reference, 1);
    CHECK(cbench_registry_error() == NULL);
}

static void test_instances_and_ids(void)
{
    cbench_instance *v;
    size_t n;
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, 0), 0);
    CHECK_INT_EQ(n, 4);
    CHECK_STR_EQ(v[0].id, "grp/noop");
    CHECK_STR_EQ(v[1].id, "grp/sized/16");
    CHECK_STR_EQ(v[3].id, "grp/sized/65536");
    CHECK_INT_EQ(v[3].param, 65536);
    free(v);
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, CBENCH_SWEEP_QUICK), 0);
    CHECK_INT_EQ(n, 2);
    CHECK_STR_EQ(v[1].id, "grp/sized/16");
    free(v);
}

static void test_runtime_registration_and_errors(void)
{
    cbench_options o = {0};
    CHECK_INT_EQ(cbench_register("rt", "one", noop, &o), 0);
    CHECK_INT_EQ(cbench_register("rt", "with space", noop, NULL), 0);
    CHECK_INT_EQ(cbench_register("rt", "one", noop, NULL), CBENCH_EINVAL);      /* duplicate */
    CHECK(cbench_registry_error() != NULL && strstr(cbench_registry_error(), "twice"));
    CHECK_INT_EQ(cbench_register("rt", "a/b", noop, NULL), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_register("", "x", noop, NULL), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_register("rt", "x", NULL, NULL), CBENCH_EINVAL);
    o.n_params = 2;
    CHECK_INT_EQ(cbench_register("rt", "p", noop, &o), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_registry_count(), 4);
    cbench_registry_reset();
    CHECK_INT_EQ(cbench_registry_count(), 0);
    CHECK(cbench_registry_error() == NULL);
}

static size_t ids_of(cbench_sweep sweep, char out[][512], size_t max)
{
    cbench_instance *v;
    size_t n, k = 0;
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, sweep), 0);
    for (size_t i = 0; i < n && k < max; i++)
        snprintf(out[k++], 512, "%s", v[i].id);
    free(v);
    return k;
}

/* Three tiers of parameters: the full list (--sweep=full), the default
 * subset (a default run), the quick one (--quick); a benchmark without a
 * quick subset runs its default one under --quick, one without a default
 * subset runs every value by default. */
static void test_sweeps(void)
{
    cbench_registry_reset();
    cbench_options tiers = {CBENCH_PARAMS(1, 2, 3, 4, 5), CBENCH_DEFAULT_PARAMS(2, 4),
                            CBENCH_QUICK_PARAMS(2)};
    cbench_options no_quick = {CBENCH_PARAMS(10, 20, 30), CBENCH_DEFAULT_PARAMS(30)};
    /* Subset values the full list lacks join it, in order. */
    cbench_options extra = {CBENCH_PARAMS(100, 300), CBENCH_DEFAULT_PARAMS(50, 300),
                            CBENCH_QUICK_PARAMS(200)};
    cbench_options unordered = {CBENCH_PARAMS(9, 3), CBENCH_QUICK_PARAMS(5)};
    cbench_options plain = {CBENCH_PARAMS(7, 8)};
    CHECK_INT_EQ(cbench_register("s", "tiers", noop, &tiers), 0);
    CHECK_INT_EQ(cbench_register("s", "no_quick", noop, &no_quick), 0);
    CHECK_INT_EQ(cbench_register("s", "plain", noop, &plain), 0);
    CHECK_INT_EQ(cbench_register("s", "extra", noop, &extra), 0);
    CHECK_INT_EQ(cbench_register("s", "unordered", noop, &unordered), 0);
    char ids[32][512];
    size_t n = ids_of(CBENCH_SWEEP_FULL, ids, 32);
    CHECK_INT_EQ(n, 17);
    CHECK_STR_EQ(ids[4], "s/tiers/5");
    CHECK_STR_EQ(ids[10], "s/extra/50");
    CHECK_STR_EQ(ids[11], "s/extra/100");
    CHECK_STR_EQ(ids[12], "s/extra/200");
    CHECK_STR_EQ(ids[13], "s/extra/300");
    CHECK_STR_EQ(ids[14], "s/unordered/9");
    CHECK_STR_EQ(ids[15], "s/unordered/3");
    CHECK_STR_EQ(ids[16], "s/unordered/5");
    cbench_registry_reset();
    CHECK_INT_EQ(cbench_register("s", "tiers", noop, &tiers), 0);
    CHECK_INT_EQ(cbench_register("s", "no_quick", noop, &no_quick), 0);
    CHECK_INT_EQ(cbench_register("s", "plain", noop, &plain), 0);
    n = ids_of(CBENCH_SWEEP_DEFAULT, ids, 32);
    CHECK_INT_EQ(n, 5);
    CHECK_STR_EQ(ids[0], "s/tiers/2");
    CHECK_STR_EQ(ids[1], "s/tiers/4");
    CHECK_STR_EQ(ids[2], "s/no_quick/30");
    CHECK_STR_EQ(ids[3], "s/plain/7");
    n = ids_of(CBENCH_SWEEP_QUICK, ids, 32);
    CHECK_INT_EQ(n, 4);
    CHECK_STR_EQ(ids[0], "s/tiers/2");
    CHECK_STR_EQ(ids[1], "s/no_quick/30");
    /* The registry keeps its own copies of the lists. */
    tiers.default_params = NULL;
    CHECK_INT_EQ(cbench_registry_get(0)->opt.default_params[1], 4);
    cbench_registry_reset();
}

/* Axes expand into their product, the first axis slowest, each value
 * named in the id; --quick takes each axis's quick subset, a default run
 * its default subset (else every value), --sweep=full every value. */
static void test_axes_product_and_ids(void)
{
    cbench_registry_reset();
    cbench_options o = {CBENCH_AXES(CBENCH_AXIS("points", 4096, 1 << 20),
                                    CBENCH_AXIS_QUICK("stride", (1, 16), 1, 2, 4, 8, 16))};
    CHECK_INT_EQ(cbench_register("mem", "walk", sized, &o), 0);
    char ids[32][512];
    size_t n = ids_of(CBENCH_SWEEP_DEFAULT, ids, 32);
    CHECK_INT_EQ(n, 10);
    CHECK_STR_EQ(ids[0], "mem/walk/points=4096/stride=1");
    CHECK_STR_EQ(ids[1], "mem/walk/points=4096/stride=2");
    CHECK_STR_EQ(ids[4], "mem/walk/points=4096/stride=16");
    CHECK_STR_EQ(ids[5], "mem/walk/points=1048576/stride=1");
    CHECK_STR_EQ(ids[9], "mem/walk/points=1048576/stride=16");
    n = ids_of(CBENCH_SWEEP_QUICK, ids, 32);
    CHECK_INT_EQ(n, 4);
    CHECK_STR_EQ(ids[0], "mem/walk/points=4096/stride=1");
    CHECK_STR_EQ(ids[1], "mem/walk/points=4096/stride=16");
    CHECK_STR_EQ(ids[3], "mem/walk/points=1048576/stride=16");
    /* The instance carries every value; the param is the first axis's. */
    cbench_instance *v;
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, CBENCH_SWEEP_DEFAULT), 0);
    CHECK_INT_EQ(v[7].n_axes, 2);
    CHECK_INT_EQ(v[7].axis[0], 1 << 20);
    CHECK_INT_EQ(v[7].axis[1], 4);
    CHECK_INT_EQ(v[7].param, 1 << 20);
    CHECK(v[7].has_param);
    free(v);
    cbench_registry_reset();
    /* Default and quick subsets per axis; subset values join the full list. */
    cbench_options t = {CBENCH_AXES(CBENCH_AXIS_SUBSETS("n", (2, 4), (2), 1, 2, 3, 4),
                                    CBENCH_AXIS("k", 7, 8), CBENCH_AXIS_QUICK("z", (9), 5, 9))};
    CHECK_INT_EQ(cbench_register("s", "t", sized, &t), 0);
    CHECK_INT_EQ(ids_of(CBENCH_SWEEP_FULL, ids, 32), 4 * 2 * 2);
    CHECK_STR_EQ(ids[0], "s/t/n=1/k=7/z=5");
    CHECK_STR_EQ(ids[1], "s/t/n=1/k=7/z=9");
    CHECK_STR_EQ(ids[15], "s/t/n=4/k=8/z=9");
    CHECK_INT_EQ(ids_of(CBENCH_SWEEP_DEFAULT, ids, 32), 2 * 2 * 2);
    CHECK_STR_EQ(ids[0], "s/t/n=2/k=7/z=5");
    CHECK_STR_EQ(ids[7], "s/t/n=4/k=8/z=9");
    CHECK_INT_EQ(ids_of(CBENCH_SWEEP_QUICK, ids, 32), 1 * 2 * 1);
    CHECK_STR_EQ(ids[1], "s/t/n=2/k=8/z=9");
    cbench_registry_reset();
}

/* A thread count's suffix follows the axes; the result's param is the
 * axes' part alone. */
static void test_axes_with_threads(void)
{
    cbench_registry_reset();
    cbench_options o = {CBENCH_AXES(CBENCH_AXIS("n", 8), CBENCH_AXIS("k", 1, 2)),
                        CBENCH_THREADS(1, 2)};
    CHECK_INT_EQ(cbench_register("t", "x", sized, &o), 0);
    cbench_instance *v;
    size_t n;
    CHECK_INT_EQ(cbench_registry_instances(&v, &n, CBENCH_SWEEP_DEFAULT), 0);
    CHECK_INT_EQ(n, 4);
    CHECK_STR_EQ(v[0].id, "t/x/n=8/k=1/threads=1");
    CHECK_STR_EQ(v[3].id, "t/x/n=8/k=2/threads=2");
    cbench_result r;
    memset(&r, 0, sizeof r);
    CHECK_INT_EQ(cbench_registry_identity(&v[3], &r), 0);
    CHECK_STR_EQ(r.param, "n=8/k=2");
    CHECK_INT_EQ(r.n_axes, 2);
    CHECK_STR_EQ(r.axes[1].name, "k");
    CHECK_INT_EQ(r.axes[1].value, 2);
    CHECK_INT_EQ(r.threads.count, 2);
    cbench__result_clear(&r);
    free(v);
    cbench_registry_reset();
}

/* Axes and params exclude each other, and a bad axis is refused, the
 * error naming the benchmark; a single parameter's ids are unchanged. */
static void test_axes_registration_errors(void)
{
    cbench_registry_reset();
    cbench_options both = {CBENCH_PARAMS(1, 2), CBENCH_AXES(CBENCH_AXIS("k", 1))};
    CHECK_INT_EQ(cbench_register("e", "both", sized, &both), CBENCH_EINVAL);
    CHECK(cbench_registry_error() != NULL
          && strstr(cbench_registry_error(), "benchmark 'e/both'") != NULL
          && strstr(cbench_registry_error(), "exclusive") != NULL);
    cbench_registry_reset();
    cbench_options bad[] = {
        {CBENCH_AXES(CBENCH_AXIS("a=b", 1))},
        {CBENCH_AXES(CBENCH_AXIS("a/b", 1))},
        {CBENCH_AXES(CBENCH_AXIS("", 1))},
        {CBENCH_AXES(CBENCH_AXIS("threads", 1))},
        {CBENCH_AXES(CBENCH_AXIS("k", 1), CBENCH_AXIS("k", 2))},
        {CBENCH_AXES(CBENCH_AXIS("a", 1), CBENCH_AXIS("b", 1), CBENCH_AXIS("c", 1),
                     CBENCH_AXIS("d", 1), CBENCH_AXIS("e", 1))},
        {.axes = NULL, .n_axes = 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char name[16];
        snprintf(name, sizeof name, "bad%zu", i);
        CHECK_INT_EQ(cbench_register("e", name, sized, &bad[i]), CBENCH_EINVAL);
        CHECK(cbench_registry_error() != NULL && strstr(cbench_registry_error(), name) != NULL);
        cbench_registry_reset();
    }
    cbench_axis empty = {.name = "k"};
    cbench_options none = {.axes = &empty, .n_axes = 1};
    CHECK_INT_EQ(cbench_register("e", "none", sized, &none), CBENCH_EINVAL);
    CHECK(cbench_registry_count() == 0);
    cbench_registry_reset();
}

/* Notes are printed for the sweeps they name. */
static void test_notes(void)
{
    CHECK_INT_EQ(cbench_add_note(CBENCH_NOTE_ALWAYS, "sizes from %s", "sysfs"), 0);
    CHECK_INT_EQ(cbench_add_note(CBENCH_NOTE_SWEEP(CBENCH_SWEEP_FULL), "full: %d", 18), 0);
    CHECK_INT_EQ(cbench_add_note(CBENCH_NOTE_ALWAYS, NULL), CBENCH_EINVAL);
    const char *v[8];
    CHECK_INT_EQ(cbench_registry_notes(CBENCH_SWEEP_DEFAULT, v, 8), 1);
    CHECK_STR_EQ(v[0], "sizes from sysfs");
    CHECK_INT_EQ(cbench_registry_notes(CBENCH_SWEEP_FULL, v, 8), 2);
    CHECK_STR_EQ(v[1], "full: 18");
    for (int i = 2; i < 8; i++)
        CHECK_INT_EQ(cbench_add_note(CBENCH_NOTE_ALWAYS, "n%d", i), 0);
    CHECK_INT_EQ(cbench_add_note(CBENCH_NOTE_ALWAYS, "one too many"), CBENCH_EINVAL);
    cbench_registry_reset();
    CHECK_INT_EQ(cbench_registry_notes(CBENCH_SWEEP_FULL, v, 8), 0);
}

/* Names are text: UTF-8 (C1 controls too: the printers escape them),
 * never bytes no JSON reader takes, which a baseline would then hold. */
static void test_names_are_utf8(void)
{
    CHECK(cbench__name_valid("caf\xc3\xa9"));
    CHECK(cbench__name_valid("\xe2\x82\xac and \xf0\x9f\x98\x80"));
    CHECK(cbench__name_valid("\xc2\x9b" "31m"));                   /* U+009B */
    CHECK(!cbench__name_valid("\x9b" "31m"));                      /* a lone byte */
    CHECK(!cbench__name_valid("x\xe2\x82"));                       /* truncated */
    CHECK(!cbench__name_valid("\xc0\xaf"));                        /* overlong '/' */
    CHECK(!cbench__name_valid("\xed\xa0\x80"));                    /* a surrogate */
    CHECK(!cbench__name_valid("\xf4\x90\x80\x80"));                /* past U+10FFFF */
    CHECK_INT_EQ(cbench_register("rt", "\xff", noop, NULL), CBENCH_EINVAL);
    CHECK(cbench_registry_error() != NULL);
    cbench_registry_reset();
    char why[120];
    CHECK(cbench__id_problem("g/\x9b" "x", why, sizeof why) != NULL);
    CHECK(strstr(why, "byte 3 is not UTF-8 (0x9b)") != NULL);
}

/* A refused name is quoted in the error as terminal text: a newline or
 * an escape sequence in it cannot forge the line that reports it. */
static void test_refused_names_are_escaped(void)
{
    CHECK_INT_EQ(cbench_register("rt", "x\nok 1 - forged\x1b[31m", noop, NULL), CBENCH_EINVAL);
    const char *e = cbench_registry_error();
    CHECK(e != NULL && strchr(e, '\n') == NULL && strchr(e, '\x1b') == NULL);
    CHECK(e != NULL && strstr(e, "benchmark 'rt/x") != NULL);
    cbench_registry_reset();
}

int main(void)
{
    test_static_registration_before_main();
    test_instances_and_ids();
    test_runtime_registration_and_errors();
    test_sweeps();
    test_axes_product_and_ids();
    test_axes_registration_errors();
    test_axes_with_threads();
    test_notes();
    test_names_are_utf8();
    test_refused_names_are_escaped();
    return check_result();
}
