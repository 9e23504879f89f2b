/* SPDX-License-Identifier: MIT
 *
 * cli.c - tests of `cbench compare`, `cbench show` and `cbench list`: exit
 * codes 0/1/2 and messages. argv[1] is the cbench tool.
 */
#include <fcntl.h>
#include <sys/wait.h>

#include "cbench_config.h"
#include "check.h"
#include "fixture.h"
#include "store/store.h"

static const char *tool;
static char *dir;
static char out[65536], err[65536];

/* Reads a whole file into buf (NUL-terminated, truncated to n - 1). */
static void slurp(const char *path, char *buf, size_t n)
{
    size_t len = 0;
    char *s = fx_read(path, &len);
    snprintf(buf, n, "%s", s != NULL ? s : "");
    free(s);
}

/* Runs `cbench ARGS...` (NULL-terminated) with CBENCH_DIR=env_dir (unset
 * when NULL); stdout/stderr land in out/err. Returns the exit status. */
static int run_tool(const char *env_dir, const char *const *args)
{
    char po[4200], pe[4200];
    const char *argv[32] = {tool};
    size_t n = 1;
    while (args[n - 1] != NULL && n < 31) {
        argv[n] = args[n - 1];
        n++;
    }
    argv[n] = NULL;
    snprintf(po, sizeof po, "%s/stdout.txt", dir);
    snprintf(pe, sizeof pe, "%s/stderr.txt", dir);
    pid_t pid = fork();
    if (pid == 0) {
        int fo = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(99);
        if (env_dir != NULL)
            setenv("CBENCH_DIR", env_dir, 1);
        else
            unsetenv("CBENCH_DIR");
        execv(tool, (char *const *)argv);
        _exit(98);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    slurp(po, out, sizeof out);
    slurp(pe, err, sizeof err);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#define EXPECT(rc_expr, want_rc, stream, needle)                          \
    do {                                                                  \
        int rc_ = (rc_expr);                                              \
        CHECK_INT_EQ(rc_, want_rc);                                       \
        if (strstr(stream, needle) == NULL) {                             \
            fprintf(stderr, "%s:%d: '%s' not in %s:\n%s\n", __FILE__,     \
                    __LINE__, needle, #stream, stream);                   \
            check_failures++;                                             \
        }                                                                 \
    } while (0)

/* Saves a baseline whose benchmarks are 'factor' times slower than 10 ns,
 * 50 ns, ... with different noise per 'seed'. */
static void save(const char *name, const char *const *ids, size_t n, double factor,
                 unsigned seed)
{
    char e[1024];
    cbench_run *run = cbench__run_new();
    fx_context(&run->ctx);
    for (size_t i = 0; i < n; i++)
        fx_fill(cbench__run_add(run), "g", ids[i], -1, 10.0 * (double)(1 + 4 * i) * factor,
                seed * 100 + (unsigned)i);
    CHECK_INT_EQ(cbench_store_save(dir, name, run, e, sizeof e), 0);
    cbench__run_free(run);
}

/* Like save(), with the machine's speed probe in the context. */
static void save_probed(const char *name, const char *const *ids, size_t n, double factor,
                        unsigned seed, double probe, double probe_each)
{
    char e[1024];
    cbench_run *run = cbench__run_new();
    fx_context(&run->ctx);
    run->ctx.probe_cpu_ns = probe;
    run->ctx.probe_mem_ns = 2 * probe;
    for (size_t i = 0; i < n; i++) {
        cbench_result *r = cbench__run_add(run);
        fx_fill(r, "g", ids[i], -1, 10.0 * (double)(1 + 4 * i) * factor,
                seed * 100 + (unsigned)i);
        r->speed_ns = probe_each > 0 ? probe_each : NAN;
    }
    CHECK_INT_EQ(cbench_store_save(dir, name, run, e, sizeof e), 0);
    cbench__run_free(run);
}

/* The machine itself 30 % slower in the new run (its speed probe): a 20 %
 * "regression" is then within the machine's own drift, as the bench
 * executables judge it; --ignore-drift restores the plain test. The
 * drift that counts is each benchmark's own (the core's speed during its
 * rounds), when both runs recorded it. */
static void test_compare_drift(void)
{
    static const char *const ids[] = {"fast", "slow"};
    save_probed("calm", ids, 2, 1.0, 1, 1.0, NAN);
    save_probed("stormy", ids, 2, 1.2, 3, 1.3, NAN);
    EXPECT(run_tool(dir, (const char *[]){"compare", "calm", "stormy", NULL}), 0, out,
           "0 regressed, 0 improved, 2 within noise");
    CHECK(strstr(out, "machine itself changed speed") != NULL
          && strstr(out, "core +30.0%") != NULL && strstr(out, "within noise (drift: +-") != NULL);
    EXPECT(run_tool(dir, (const char *[]){"compare", "--ignore-drift", "calm", "stormy",
                                          NULL}), 1, out, "2 compared: 2 regressed");
    CHECK(strstr(out, "machine itself") == NULL);
    EXPECT(run_tool(dir, (const char *[]){"compare", "calm", "stormy", NULL}), 0, out,
           "`cbench ab OLD_EXE NEW_EXE` avoids the drift");
    /* With a build stored with the base, the notice names the command
     * that reruns it. */
    char path[4300];
    snprintf(path, sizeof path, "%s/calm.builds/bench", dir);
    CHECK(cbench_store_mkdirs(path, NULL, 0) == 0 && rmdir(path) == 0);
    CHECK(fx_write(path, "x", 1) == 0);
    EXPECT(run_tool(dir, (const char *[]){"compare", "calm", "stormy", NULL}), 0, out,
           "`cbench ab --baseline calm`, the builds stored with it against today's, "
           "avoids the drift");

    /* A change mostly beyond the widened threshold, held back only by the
     * drift: the row says "probably slower", a note after the table why
     * and the command that settles it. */
    save_probed("stormy_real", ids, 2, 1.33, 3, 1.3, NAN);
    EXPECT(run_tool(dir, (const char *[]){"compare", "calm", "stormy_real", NULL}), 0, out,
           "probably slower (drift: +-32.0%)");
    CHECK(strstr(out, "0 regressed, 0 improved, 2 within noise") != NULL);
    CHECK(strstr(out, "\n2 of them held back by the machine's drift:\n  g/fast: Probably "
                      "slower (+32.90%), but not proven: the interval lies beyond the noise "
                      "threshold of +-2.0 %, yet not wholly beyond +-32.0 %, to which the "
                      "machine's own drift since the baseline widened it.\n") != NULL);
    CHECK(strstr(out, "\nSettle it with: cbench ab --baseline calm\n") != NULL);

    /* The runs' probes differ, but each benchmark ran at the same core
     * speed in both (and fits in L2, so memory does not count): the 20 %
     * is the code's. */
    save_probed("calm_own", ids, 2, 1.0, 1, 1.0, 5.0);
    save_probed("stormy_own", ids, 2, 1.2, 3, 1.3, 5.0);
    EXPECT(run_tool(dir, (const char *[]){"compare", "calm_own", "stormy_own", NULL}), 1, out,
           "2 compared: 2 regressed");
    /* A baseline whose results come from two runs: the first on the
     * machine as it is today, the second (another benchmark) on a 30 %
     * slower one. Each result is judged against its own run's probe, not
     * the newest: today's 20 % slowdown of "fast" is a regression. */
    static const char *const fast_only[] = {"fast"}, *const other[] = {"other"};
    save_probed("relabel", fast_only, 1, 1.0, 1, 1.0, NAN);
    save_probed("relabel", other, 1, 1.0, 2, 1.3, NAN);
    save_probed("today", fast_only, 1, 1.2, 3, 1.0, NAN);
    EXPECT(run_tool(dir, (const char *[]){"compare", "relabel", "today", NULL}), 1, out,
           "1 compared: 1 regressed");
    /* ... and when a benchmark's own rounds ran on a slower core, that
     * drift widens its threshold even though the runs' probes agree. */
    save_probed("slowcore_own", ids, 2, 1.2, 3, 1.0, 6.5);
    EXPECT(run_tool(dir, (const char *[]){"compare", "calm_own", "slowcore_own", NULL}), 0,
           out, "0 regressed, 0 improved, 2 within noise");
}

static void test_compare(void)
{
    static const char *const ids[] = {"fast", "slow"};
    char path[4200];
    save("base", ids, 2, 1.0, 1);
    save("same", ids, 2, 1.0, 2);
    save("slower", ids, 2, 1.2, 3);
    save("faster", ids, 2, 0.8, 4);

    EXPECT(run_tool(dir, (const char *[]){"compare", "base", "slower", NULL}), 1, out,
           "2 compared: 2 regressed");
    CHECK(strstr(out, "g/fast") != NULL && strstr(out, "g/slow") != NULL);
    CHECK(strstr(out, "+20.") != NULL || strstr(out, "+19.") != NULL);
    CHECK(strstr(err, "2 benchmarks regressed beyond the noise threshold (2%)") != NULL);
    EXPECT(run_tool(dir, (const char *[]){"compare", "base", "same", NULL}), 0, out,
           "2 compared: 0 regressed, 0 improved");
    EXPECT(run_tool(dir, (const char *[]){"compare", "base", "faster", NULL}), 0, out,
           "2 compared: 0 regressed, 2 improved");
    /* A large noise threshold turns the regression into noise. */
    EXPECT(run_tool(dir, (const char *[]){"compare", "--noise-threshold", "0.5", "base",
                                          "slower", NULL}), 0, out,
           "0 regressed, 0 improved, 2 within noise");
    /* Paths instead of names, and --baseline-dir instead of CBENCH_DIR. */
    snprintf(path, sizeof path, "%s/slower.json", dir);
    EXPECT(run_tool(NULL, (const char *[]){"compare", "--baseline-dir", dir, "base", path,
                                           NULL}), 1, out, "2 regressed");
    /* Without either, the directory of the build this tool belongs to. */
    EXPECT(run_tool(NULL, (const char *[]){"compare", "base", "slower", NULL}), 2, err,
           CBENCH_MESON_BUILD_ROOT "/cbench");
}

static void test_compare_sides(void)
{
    static const char *const left[] = {"a", "b"}, *const right[] = {"b", "c"};
    static const char *const other[] = {"x"};
    save("left", left, 2, 1.0, 5);
    save("right", right, 2, 1.0, 6);
    save("other", other, 1, 1.0, 7);
    EXPECT(run_tool(dir, (const char *[]){"compare", "left", "right", NULL}), 0, out,
           "1 only in base, 1 only in new");
    CHECK(strstr(out, "only in base") != NULL && strstr(out, "only in new") != NULL);
    EXPECT(run_tool(dir, (const char *[]){"compare", "left", "other", NULL}), 2, err,
           "have no benchmark in common");
}

static void test_compare_bad_input(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/broken.json", dir);
    CHECK(fx_write(path, "{\"schema\": 1,\n \"results\": [}", 28) == 0);
    EXPECT(run_tool(dir, (const char *[]){"compare", "base", "broken", NULL}), 2, err,
           "broken.json': line 2, column 14: not valid JSON at '}'");
    EXPECT(run_tool(dir, (const char *[]){"compare", "base", "nothere", NULL}), 2, err,
           "no baseline 'nothere' in");
    CHECK(strstr(err, "available in") != NULL && strstr(err, " base,") != NULL);
    EXPECT(run_tool(dir, (const char *[]){"compare", "base", NULL}), 2, err,
           "expected two baselines, BASE and NEW");
    EXPECT(run_tool(dir, (const char *[]){"compare", "--noise-threshold", "lots", "base",
                                          "same", NULL}), 2, err,
           "--noise-threshold: expected a fraction from 0 to 1 (e.g. 0.01 or 1%), got 'lots'");
    EXPECT(run_tool(dir, (const char *[]){"compare", "--significance-level=0", "base",
                                          "same", NULL}), 2, err,
           "--significance-level: expected a level above 0");
    /* the same flag accepts the same values as the bench executables' */
    CHECK(run_tool(dir, (const char *[]){"compare", "--noise-threshold=2%", "base", "same",
                                         NULL}) != 2);
    EXPECT(run_tool(dir, (const char *[]){"compare", "--frobnicate", "base", "same",
                                          NULL}), 2, err, "unknown option");
    EXPECT(run_tool(dir, (const char *[]){"compare", "base", "same", "third", NULL}), 2,
           err, "unexpected argument 'third'");
    EXPECT(run_tool(dir, (const char *[]){"compare", "--help", NULL}), 0, out,
           "usage: cbench compare");
}

/* Each benchmark is the bench executable's block (lib/report/terminal.c),
 * worded as the report words it, then what the baseline adds. */
static void test_show(void)
{
    EXPECT(run_tool(dir, (const char *[]){"show", "base", NULL}), 0, out, "host:      testhost");
    CHECK(strstr(out, "\ng/fast                  time:   [9.9000 ns 10.000 ns 10.100 ns]\n")
          != NULL);
    CHECK(strstr(out, "\nFound 6 outliers among 20 measurements (30.00%)\n"
                      "  1 (5.00%) low severe\n  2 (10.00%) low mild\n") != NULL);
    CHECK(strstr(out, "seed 18446744073709551557") != NULL);
    CHECK(strstr(out, "\n                        thrpt:  [406 GB/s 410 GB/s 414 GB/s]\n")
          != NULL);
    CHECK(strstr(out, "\n                        mean:   [") != NULL);
    CHECK(strstr(out, "\n                        rounds: 20 samples in ") != NULL);
    CHECK(strstr(out, "\n                        core:   speed probe 54150 ns over the kept "
                      "rounds; 3 round(s) set aside") != NULL);
    /* The commit is the measured project's (git in the run's directory),
     * not cbench's own: its line says so, apart from cbench's version. */
    CHECK(strstr(out, "  cbench:    ") != NULL && strstr(out, ", git 0123") == NULL);
    CHECK(strstr(out, "  commit:    0123456789abcdef (git HEAD of the directory the run "
                      "started in: the project measured)\n") != NULL);
    CHECK(strstr(out, "warnings:  cpu governor is 'powersave'\n"
                      "             turbo is on\n") != NULL);
    CHECK(strstr(out, "an earlier run") == NULL);    /* one run: no result of another */
    /* A result saved by an earlier run says which. */
    cbench_run *later = cbench__run_new();
    char e[1024];
    fx_context(&later->ctx);
    free(later->ctx.date);
    later->ctx.date = cbench__strdup("2026-12-01T08:00:00Z");
    fx_fill(cbench__run_add(later), "g", "later", -1, 20.0, 7);
    CHECK_INT_EQ(cbench_store_save(dir, "mixed", later, e, sizeof e), 0);
    free(later->ctx.date);
    later->ctx.date = cbench__strdup("2026-12-02T08:00:00Z");
    free(later->results[0].id);
    later->results[0].id = cbench__strdup("g/latest");
    free(later->results[0].name);
    later->results[0].name = cbench__strdup("latest");
    CHECK_INT_EQ(cbench_store_save(dir, "mixed", later, e, sizeof e), 0);
    cbench__run_free(later);
    EXPECT(run_tool(dir, (const char *[]){"show", "mixed", NULL}), 0, out,
           "  run:    2026-12-01T08:00:00Z on testhost, gcc 12.2.0 -O2"
           " -march=native (an earlier run than the baseline's)\n");
    CHECK(strstr(out, "date:      2026-12-02T08:00:00Z") != NULL);
    const char *at_later = strstr(out, "\ng/later "), *at_latest = strstr(out, "\ng/latest ");
    const char *earlier = strstr(out, "(an earlier run than the baseline's)");
    CHECK(at_later != NULL && at_latest != NULL && earlier != NULL);
    CHECK(at_later < earlier && earlier < at_latest);   /* g/later's, not g/latest's */
    CHECK(strstr(earlier + 1, "(an earlier run") == NULL);
    EXPECT(run_tool(dir, (const char *[]){"show", "nothere", NULL}), 2, err,
           "no baseline 'nothere'");
    EXPECT(run_tool(dir, (const char *[]){"show", NULL}), 2, err,
           "expected a baseline name or file");
}

/* Whether the line starting after the '\n' at p ends with suffix. */
static int line_ends(const char *p, const char *suffix)
{
    const char *end = p != NULL ? strchr(p + 1, '\n') : NULL;
    size_t n = strlen(suffix);
    return end != NULL && (size_t)(end - p) > n && memcmp(end - n, suffix, n) == 0;
}

static void test_list(void)
{
    char sub[4200];
    EXPECT(run_tool(dir, (const char *[]){"list", NULL}), 1, out, "base ");
    CHECK(strstr(out, "2026-11-25T12:00:00Z") != NULL);
    CHECK(strstr(out, "broken                    unreadable: baseline") != NULL);
    char *b = strstr(out, "\nbase "), *s = strstr(out, "\nslower ");
    CHECK(b != NULL && s != NULL && b < s);              /* sorted */
    /* The executables stored with a baseline (for `cbench ab --baseline`),
     * not their shared objects' directory; "-" when none. */
    char path[4300];
    snprintf(path, sizeof path, "%s/base.builds/points.libs", dir);
    CHECK(cbench_store_mkdirs(path, NULL, 0) == 0);
    snprintf(path, sizeof path, "%s/base.builds/slowdown", dir);
    CHECK(fx_write(path, "x", 1) == 0);
    snprintf(path, sizeof path, "%s/base.builds/points", dir);
    CHECK(fx_write(path, "x", 1) == 0);
    EXPECT(run_tool(dir, (const char *[]){"list", NULL}), 1, out, "builds stored");
    b = strstr(out, "\nbase ");
    s = strstr(out, "\nslower ");
    CHECK(line_ends(b, "  points, slowdown"));
    CHECK(line_ends(s, "  -"));
    /* With where each was built when that was recorded (.EXE.info). */
    snprintf(path, sizeof path, "%s/base.builds/.points.info", dir);
    CHECK(fx_write(path, "path=/src/build/benches/points\nquick=1\n", 39) == 0);
    EXPECT(run_tool(dir, (const char *[]){"show", "base", NULL}), 0, out,
           "base.builds; `cbench ab --baseline base` reruns each against the executable now "
           "at its path\n");
    CHECK(strstr(out, "\n             points, built at /src/build/benches/points (a --quick "
                      "run)\n") != NULL);
    CHECK(strstr(out, "\n             slowdown (where it was built is not recorded)\n"));
    /* An empty directory has no baselines; a missing one is an error that
     * names it and the rule that chose it. */
    snprintf(sub, sizeof sub, "%s/empty", dir);
    CHECK(cbench_store_mkdirs(sub, NULL, 0) == 0);
    EXPECT(run_tool(sub, (const char *[]){"list", NULL}), 0, err, "no baselines in");
    EXPECT(run_tool(dir, (const char *[]){"list", "--baseline-dir", sub, NULL}), 0, err,
           "no baselines in");
    snprintf(sub, sizeof sub, "%s/missing", dir);
    EXPECT(run_tool(sub, (const char *[]){"list", NULL}), 2, err, "no baseline directory '");
    CHECK(strstr(err, sub) != NULL && strstr(err, "(from the environment variable CBENCH_DIR)"));
    EXPECT(run_tool(dir, (const char *[]){"show", "--baseline-dir", sub, "base", NULL}), 2, err,
           "(given by --baseline-dir)");
    EXPECT(run_tool(dir, (const char *[]){"compare", "--baseline-dir", sub, "base", "slower",
                                          NULL}), 2, err, "no baseline directory '");
}

/* Impossible samples (every ns at -5 read as -100 % "improved") make
 * compare refuse the file, naming the sample (issue 17, item 9). */
static void test_negative_samples(void)
{
    char sub[4200], path[4300], want[4600];
    snprintf(sub, sizeof sub, "%s/negative", dir);
    CHECK(cbench_store_mkdirs(sub, NULL, 0) == 0);
    snprintf(path, sizeof path, "%s/neg.json", sub);
    const char *text = "{\"schema\": 2, \"results\": [{\"id\": \"g/a\", \"samples\":"
                       " {\"iters\": [1000, 2000], \"ns\": [-5, -5], \"round\": [0, 1]}}]}";
    CHECK(fx_write(path, text, strlen(text)) == 0);
    snprintf(want, sizeof want, "baseline '%s': results[0].samples.ns[0]: -5: expected the"
             " sample's time, a finite number of nanoseconds > 0", path);
    EXPECT(run_tool(sub, (const char *[]){"compare", "neg", "neg", NULL}), 2, err, want);
    CHECK(strstr(out, "improved") == NULL);
}

/* A baseline whose id forges a TAP line and a terminal escape is refused:
 * exit 2, the file, the field and what an id may hold, nothing printed
 * from it (issue 17, item 8). */
static void test_forged_id(void)
{
    char sub[4200], path[4300];
    snprintf(sub, sizeof sub, "%s/forged", dir);
    CHECK(cbench_store_mkdirs(sub, NULL, 0) == 0);
    snprintf(path, sizeof path, "%s/evil.json", sub);
    const char *text = "{\"schema\": 2, \"results\": [{\"id\": \"g/a\"},"
                       " {\"id\": \"g/n\\u001b[31m\\nok 99 - injected\"}]}";
    CHECK(fx_write(path, text, strlen(text)) == 0);
    static const char *const cmds[][4] = {{"show", "evil", NULL}, {"compare", "evil", "evil",
                                                                     NULL}};
    for (size_t i = 0; i < 2; i++) {
        char want[4600];
        snprintf(want, sizeof want, "baseline '%s': results[1].id: not a benchmark id: byte 4"
                 " is a control character (0x1b); expected GROUP/NAME or GROUP/NAME/PARAM,"
                 " GROUP and NAME 1 to 100 bytes of UTF-8 without '/' or control characters, PARAM a"
                 " decimal 64-bit integer", path);
        EXPECT(run_tool(sub, cmds[i]), 2, err, want);
        CHECK(strchr(out, '\033') == NULL && strchr(err, '\033') == NULL);
        CHECK(strstr(out, "ok 99") == NULL && strstr(err, "ok 99") == NULL);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test-store-cli PATH-TO-cbench\n");
        return 2;
    }
    tool = argv[1];
    dir = fx_tmpdir();
    if (dir == NULL)
        return 1;
    test_compare();
    test_compare_sides();
    test_compare_drift();
    test_compare_bad_input();
    test_show();
    test_list();
    test_forged_id();
    test_negative_samples();
    if (check_failures == 0)
        fx_rmtree(dir);
    else
        fprintf(stderr, "test files kept in %s\n", dir);
    free(dir);
    return check_result();
}
