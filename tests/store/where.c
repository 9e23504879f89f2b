/* SPDX-License-Identifier: MIT
 *
 * where.c - tests of lib/store/where.c, the one rule for where baselines
 * live: --baseline-dir, else CBENCH_DIR (when not empty), else the cbench/
 * directory of the Meson build the executable belongs to, else ./cbench
 * (which nobody asked for: implicit). A missing directory is an error that
 * names it and the rule that chose it.
 *
 * This test runs from the build tree, so it sees the build's directory;
 * a copy of itself outside the tree (argv[1] == "outside") sees ./cbench.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include "cbench_config.h"
#include "check.h"
#include "fixture.h"
#include "store/store.h"

static void test_flag_then_env(void)
{
    setenv("CBENCH_DIR", "/srv/baselines", 1);
    cbench_store_where w = cbench_store_locate(NULL);
    CHECK_STR_EQ(w.dir, "/srv/baselines");
    CHECK(strstr(w.why, "CBENCH_DIR") != NULL);
    CHECK_INT_EQ(w.implicit, 0);
    w = cbench_store_locate("given");
    CHECK_STR_EQ(w.dir, "given");
    CHECK(strstr(w.why, "--baseline-dir") != NULL);
    CHECK_STR_EQ(cbench_store_dir("given"), "given");
    unsetenv("CBENCH_DIR");
}

/* Inside the build tree, without flag or environment (or an empty one):
 * the build's own directory, as `meson test --benchmark` passes it. */
static void test_inside_the_build(void)
{
    char want[4200];
    snprintf(want, sizeof want, "%s/cbench", CBENCH_MESON_BUILD_ROOT);
    setenv("CBENCH_DIR", "", 1);
    cbench_store_where w = cbench_store_locate(NULL);
    CHECK_STR_EQ(w.dir, want);
    CHECK(strstr(w.why, CBENCH_MESON_BUILD_ROOT) != NULL);
    CHECK_INT_EQ(w.implicit, 0);
    CHECK(cbench_store_build_dir() != NULL && strcmp(cbench_store_build_dir(), want) == 0);
    unsetenv("CBENCH_DIR");
}

/* A missing directory: an error naming it and why it was chosen. */
static void test_missing_directory(const char *tmp)
{
    char gone[4200], err[1400] = "";
    snprintf(gone, sizeof gone, "%s/nothing-here", tmp);
    cbench_store_where w = cbench_store_locate(gone);
    CHECK_INT_EQ(cbench_store_where_exists(&w), 0);
    CHECK_INT_EQ(cbench_store_where_check(&w, err, sizeof err), CBENCH_ENOENT);
    CHECK(strstr(err, gone) != NULL);
    CHECK(strstr(err, "given by --baseline-dir") != NULL);
    w = cbench_store_locate(tmp);
    CHECK_INT_EQ(cbench_store_where_check(&w, err, sizeof err), 0);
}

/* The copy outside the build tree: ./cbench, implicit, and why says so. */
static int outside(void)
{
    unsetenv("CBENCH_DIR");
    cbench_store_where w = cbench_store_locate(NULL);
    CHECK_STR_EQ(w.dir, "cbench");
    CHECK_INT_EQ(w.implicit, 1);
    CHECK(strstr(w.why, "not inside the Meson build") != NULL);
    CHECK(cbench_store_build_dir() == NULL);
    return check_result();
}

static void test_outside_the_build(const char *tmp)
{
    char self[4096], copy[4200];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    CHECK(n > 0);
    self[n > 0 ? n : 0] = '\0';
    snprintf(copy, sizeof copy, "%s/where-copy", tmp);
    size_t len = 0;
    char *data = fx_read(self, &len);
    CHECK(data != NULL && fx_write(copy, data, len) == 0 && chmod(copy, 0755) == 0);
    free(data);
    pid_t pid = fork();
    if (pid == 0) {
        execl(copy, copy, "outside", (char *)NULL);
        _exit(127);
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "outside") == 0)
        return outside();
    char *tmp = fx_tmpdir();
    if (tmp == NULL)
        return 1;
    test_flag_then_env();
    test_inside_the_build();
    test_missing_directory(tmp);
    test_outside_the_build(tmp);
    if (check_failures == 0)
        fx_rmtree(tmp);
    else
        fprintf(stderr, "test files kept in %s\n", tmp);
    free(tmp);
    return check_result();
}
