/* SPDX-License-Identifier: MIT
 *
 * save.c - the runner's save path through a whole bench executable
 * (cbench_main_ex on a synthetic clock, rounds in-process): a save that
 * does not happen fails the run (TAP "Bail out!" naming the file and the
 * reason, non-zero exit), whether the file system is full (ENOSPC),
 * read-only (EROFS) or the existing baseline unreadable; a save that fails
 * once is retried with everything still missing; and a run saves once per
 * block of benchmarks, not once per benchmark; an interrupted run does not
 * replace a complete stored result. Failures come from the
 * store's fault hook, so this runs on any machine (tmpfs.sh does it on a
 * real full file system where one can be mounted).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "cbench.h"
#include "check.h"
#include "measure/clock.h"
#include "fixture.h"
#include "store/store.h"

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now += 25;
}
static const cbench_clock fake = {"fake", fake_clock, 0};

static void body(cbench_state *b)
{
    uint64_t k = (uint64_t)cbench_param(b);
    CBENCH_ITER(b) { fake_now += 100 * k; }
}
/* Two benchmarks at two parameters: two blocks (one per parameter). */
static void other(cbench_state *b) { body(b); }
CBENCH(save, body, CBENCH_PARAMS(1, 2))
CBENCH(save, other, CBENCH_PARAMS(1, 2))

/* Ctrl-C during its second round when 'interrupt' is set (rounds run in
 * this process, so SIGINT reaches the run's own handler). */
static int interrupt, setups;
static int stop_in_round_2(cbench_state *b)
{
    (void)b;
    if (interrupt && ++setups == 2)
        raise(SIGINT);
    return 0;
}
CBENCH(intr, body, .setup = stop_in_round_2)

static char *dir;
static char out[1 << 16];

/* {==================================================================
 * Faults.
 * =================================================================== */

static const char *fault_step;      /* the step that fails ... */
static int fault_errno;             /* ... with this errno ... */
static int fault_times;             /* ... this many times (-1: always) */
static int renames;                 /* atomic replaces that happened */

static int fault(const char *step, const char *path)
{
    size_t n = strlen(path);
    if (n < 5 || strcmp(path + n - 5, ".json") != 0)
        return 0;                     /* not a baseline (the stored build) */
    if (fault_step != NULL && strcmp(step, fault_step) == 0 && fault_times != 0) {
        if (fault_times > 0)
            fault_times--;
        return fault_errno;
    }
    renames += strcmp(step, "rename") == 0;
    return 0;
}

static void set_fault(const char *step, int e, int times)
{
    fault_step = step;
    fault_errno = e;
    fault_times = times;
    renames = 0;
}

/* {==================================================================
 * A run of the bench executable, its TAP output in out.
 * =================================================================== */

static int run(const char *name, const char *filter)
{
    char path[4200];
    const char *argv[] = {"save-test", "--format", "tap", "--no-fork", "--rounds", "2",
                          "--warm-up-time", "0.001", "--measurement-time", "0.002",
                          "--sample-size", "10", "--nresamples", "100", "--charts", "never",
                          "--counters", "none", "--baseline-dir", dir,
                          "--save-baseline", name, filter, NULL};
    int argc = (int)(sizeof argv / sizeof argv[0]) - (filter == NULL ? 2 : 1);
    snprintf(path, sizeof path, "%s/tap.txt", dir);
    fflush(stdout);
    int saved = dup(1), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    close(fd);
    int rc = cbench_main_ex(argc, (char **)argv, 1);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    size_t len = 0;
    char *text = fx_read(path, &len);
    snprintf(out, sizeof out, "%s", text != NULL ? text : "");
    free(text);
    return rc;
}

#define CHECK_OUT(needle)                                                   \
    do {                                                                    \
        if (strstr(out, needle) == NULL) {                                  \
            fprintf(stderr, "%s:%d: '%s' not in the output:\n%s\n", __FILE__, \
                    __LINE__, needle, out);                                 \
            check_failures++;                                               \
        }                                                                   \
    } while (0)

static size_t count(const char *needle)
{
    size_t n = 0;
    for (const char *p = out; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static char *baseline(const char *name, size_t *len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s.json", dir, name);
    return fx_read(path, len);
}

static size_t results_in(const char *name)
{
    cbench_run *r = NULL;
    char err[1024];
    size_t n = cbench_store_load(dir, name, &r, err, sizeof err) == 0 ? r->n_results : 0;
    cbench__run_free(r);
    return n;
}

/* {==================================================================
 * The cases.
 * =================================================================== */

/* Once per block: 2 blocks x 2 baselines (NAME and the automatic one),
 * and once more each at the end: the blocks (one per parameter) finish
 * body/1 other/1, then body/2 other/2, and the baselines hold them as
 * registered, like the run. */
static void test_saves_per_block(void)
{
    set_fault(NULL, 0, 0);
    CHECK_INT_EQ(run("blocks", "save/"), 0);
    CHECK_INT_EQ(renames, 2 * 2 + 2);
    CHECK_INT_EQ(results_in("blocks"), 4);
    cbench_run *r = NULL;
    char err[1024];
    CHECK_INT_EQ(cbench_store_load(dir, "blocks", &r, err, sizeof err), 0);
    const char *registered[] = {"save/body/1", "save/body/2", "save/other/1", "save/other/2"};
    for (size_t i = 0; r != NULL && i < 4 && i < r->n_results; i++)
        CHECK_STR_EQ(r->results[i].id, registered[i]);
    cbench__run_free(r);
}

/* A full disk at every write: the run fails, naming file and reason, and
 * the stored baseline is untouched. */
static void test_full_disk(void)
{
    size_t len = 0, len2 = 0;
    set_fault(NULL, 0, 0);
    CHECK_INT_EQ(run("full", "save/body/1"), 0);
    char *before = baseline("full", &len);
    set_fault("write", ENOSPC, -1);
    CHECK(run("full", "save/") != 0);
    CHECK_OUT("Bail out! cannot save baseline 'full': cannot write '");
    CHECK_OUT("/full.json' was left unchanged");
    CHECK_OUT("No space left on device");
    CHECK_OUT("4 result(s) of this run are not in it");
    CHECK_INT_EQ(count("Bail out!"), 2);                 /* full and the automatic one */
    CHECK_INT_EQ(count("# note: cannot save baseline 'full'"), 1);   /* said once */
    char *after = baseline("full", &len2);
    CHECK(before != NULL && after != NULL && len == len2 && memcmp(before, after, len) == 0);
    free(before);
    free(after);
}

/* A read-only file system: known before anything is measured. */
static void test_read_only(void)
{
    set_fault("lock", EROFS, -1);
    CHECK_INT_EQ(run("ro", "save/"), 1);
    CHECK_OUT("Bail out! cannot save baseline 'ro': cannot create lock file '");
    CHECK_OUT("ro.json.lock': Read-only file system; nothing was measured");
    CHECK_INT_EQ(count("\nok "), 0);
}

/* An existing baseline that cannot be read is never overwritten, and the
 * run says so before measuring. */
static void test_unreadable(void)
{
    static const char broken[] = "{\"schema\": 1, \"results\": [";
    char path[4200];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/broken.json", dir);
    CHECK(fx_write(path, broken, strlen(broken)) == 0);
    set_fault(NULL, 0, 0);
    CHECK_INT_EQ(run("broken", "save/"), 1);
    CHECK_OUT("Bail out! cannot save baseline 'broken': the existing file is not usable");
    CHECK_OUT("broken.json': line 1, column 27: unexpected end of file (truncated?)");
    CHECK_INT_EQ(count("\nok "), 0);
    char *after = fx_read(path, &len);
    CHECK(after != NULL && len == strlen(broken) && memcmp(after, broken, len) == 0);
    free(after);
}

/* A save that fails once (the first block's rename) is retried with what
 * it missed: everything arrives and the run passes. */
static void test_retry(void)
{
    set_fault("rename", ENOSPC, 1);
    CHECK_INT_EQ(run("retry", "save/"), 0);
    CHECK_OUT("# note: cannot save baseline 'retry': cannot rename '");
    CHECK_OUT("its 2 result(s) are kept for the next save");
    CHECK_INT_EQ(count("Bail out!"), 0);
    CHECK_INT_EQ(results_in("retry"), 4);
}

/* An interrupted run (1 of 2 rounds) over a complete stored result: the
 * complete one stays, and the run says so. Last: the run's stop flag
 * stays set in this process. */
static void test_interrupted_over_complete(void)
{
    set_fault(NULL, 0, 0);
    CHECK_INT_EQ(run("intr", "intr/"), 0);
    size_t len = 0, len2 = 0;
    char *before = baseline("intr", &len);
    interrupt = 1;
    CHECK_INT_EQ(run("intr", "intr/"), 130);
    CHECK_OUT("# note: baseline 'intr' keeps its complete result of intr/body: this run's was"
              " interrupted before all its rounds, so it does not replace it");
    char *after = baseline("intr", &len2);
    CHECK(before != NULL && after != NULL && len == len2 && memcmp(before, after, len) == 0);
    free(before);
    free(after);
}

int main(void)
{
    dir = fx_tmpdir();
    if (dir == NULL) {
        perror("mkdtemp");
        return 1;
    }
    cbench__clock_set(&fake);
    cbench__store_fault = fault;
    test_saves_per_block();
    test_full_disk();
    test_read_only();
    test_unreadable();
    test_retry();
    test_interrupted_over_complete();
    cbench__store_fault = NULL;
    if (check_failures == 0)
        fx_rmtree(dir);
    return check_result();
}
