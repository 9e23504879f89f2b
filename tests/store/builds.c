/* SPDX-License-Identifier: MIT
 *
 * builds.c - tests of lib/store/builds.c: `--save-baseline NAME` keeps the
 * executable beside the baseline, byte for byte and runnable, replaces an
 * earlier copy atomically, and `cbench ab --baseline NAME EXE` finds it by
 * the executable's file name, recording where it was and whether the run
 * was --quick; bad names and missing builds are errors,
 * and a directory that cannot be written leaves nothing half-written.
 * (Shared objects stored with a build: tests/consumer.sh, whose
 * executables link libcbench.so.)
 */
#include <errno.h>
#include <sys/stat.h>

#include "check.h"
#include "fixture.h"
#include "store/store.h"

/* This test's own executable, the build that gets stored. */
static char self[4096];

static void test_stores_this_executable(const char *dir)
{
    char err[512] = "", path[4096], libs[4096];
    CHECK_INT_EQ(cbench_store_save_build(dir, "main", 0, err, sizeof err), 0);
    CHECK_INT_EQ(cbench_store_build_of(dir, "main", self, path, sizeof path, libs,
                                       sizeof libs), 0);
    const char *base = strrchr(self, '/') + 1;
    char want[4200];
    snprintf(want, sizeof want, "%s/main.builds/%s", dir, base);
    CHECK_STR_EQ(path, want);
    /* Linked statically against cbench: no shared object of the project. */
    CHECK_STR_EQ(libs, "");

    size_t na = 0, nb = 0;
    char *a = fx_read(self, &na), *b = fx_read(path, &nb);
    CHECK(a != NULL && b != NULL && na == nb && na > 0 && memcmp(a, b, na) == 0);
    free(a);
    free(b);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0755);
    CHECK(access(path, X_OK) == 0);
    /* `cbench list` shows it. */
    char names[256];
    CHECK_INT_EQ(cbench_store_builds_list(dir, "main", names, sizeof names), 0);
    CHECK_STR_EQ(names, base);
    CHECK_INT_EQ(cbench_store_builds_list(dir, "none", names, sizeof names), 0);
    CHECK_STR_EQ(names, "");
}

/* Where the executable was and how it ran, for `cbench ab --baseline NAME`
 * without an EXE: it reruns each stored build against the executable now
 * at that path, quick when the baseline was. The record is not a build. */
static void test_records_path_and_quick(const char *dir)
{
    char err[512] = "", names[256];
    cbench_build_info info;
    CHECK_INT_EQ(cbench_store_build_info(dir, "main", self, &info), 0);
    CHECK_STR_EQ(info.path, self);
    CHECK_INT_EQ(info.quick, 0);
    CHECK_INT_EQ(cbench_store_save_build(dir, "quick", 1, err, sizeof err), 0);
    CHECK_INT_EQ(cbench_store_build_info(dir, "quick", strrchr(self, '/') + 1, &info), 0);
    CHECK_STR_EQ(info.path, self);
    CHECK_INT_EQ(info.quick, 1);
    CHECK_INT_EQ(cbench_store_builds_list(dir, "quick", names, sizeof names), 0);
    CHECK_STR_EQ(names, strrchr(self, '/') + 1);
    CHECK_INT_EQ(cbench_store_build_info(dir, "main", "/x/other-bench", &info), CBENCH_ENOENT);
    CHECK_INT_EQ(cbench_store_build_info(dir, "../x", self, &info), CBENCH_EINVAL);
}

static void test_found_by_file_name(const char *dir)
{
    char path[4096], libs[4096];
    /* Any path to an executable of the same name: the build tree moves on,
     * the name stays. */
    const char *base = strrchr(self, '/') + 1;
    char elsewhere[4200];
    snprintf(elsewhere, sizeof elsewhere, "/some/other/build/%s", base);
    CHECK_INT_EQ(cbench_store_build_of(dir, "main", elsewhere, path, sizeof path, libs,
                                       sizeof libs), 0);
    CHECK_INT_EQ(cbench_store_build_of(dir, "main", base, path, sizeof path, libs,
                                       sizeof libs), 0);
    /* Another executable, another baseline, no baseline at all. */
    CHECK_INT_EQ(cbench_store_build_of(dir, "main", "/x/other-bench", path, sizeof path,
                                       libs, sizeof libs), CBENCH_ENOENT);
    CHECK_INT_EQ(cbench_store_build_of(dir, "branch", self, path, sizeof path, libs,
                                       sizeof libs), CBENCH_ENOENT);
    CHECK_INT_EQ(cbench_store_build_of("/nonexistent-dir", "main", self, path, sizeof path,
                                       libs, sizeof libs), CBENCH_ENOENT);
    /* A buffer too short is an error, not a truncated path. */
    char tiny[8];
    CHECK_INT_EQ(cbench_store_build_of(dir, "main", self, tiny, sizeof tiny, libs,
                                       sizeof libs), CBENCH_ENOMEM);
}

static void test_replaces_earlier_copy(const char *dir)
{
    char err[512], path[4096], libs[4096];
    CHECK_INT_EQ(cbench_store_build_of(dir, "main", self, path, sizeof path, libs,
                                       sizeof libs), 0);
    CHECK_INT_EQ(fx_write(path, "stale", 5), 0);
    CHECK_INT_EQ(cbench_store_save_build(dir, "main", 0, err, sizeof err), 0);
    size_t n = 0;
    char *b = fx_read(path, &n);
    struct stat st;
    CHECK(b != NULL && stat(self, &st) == 0 && n == (size_t)st.st_size);
    free(b);
}

static void test_bad_names(const char *dir)
{
    char err[512] = "", path[4096], libs[4096];
    CHECK_INT_EQ(cbench_store_save_build(dir, "../escape", 0, err, sizeof err), CBENCH_EINVAL);
    CHECK(strstr(err, "../escape") != NULL);
    CHECK_INT_EQ(cbench_store_save_build(dir, ".hidden", 0, err, sizeof err), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_store_build_of(dir, "a/b", self, path, sizeof path, libs,
                                       sizeof libs), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_store_build_of(NULL, "main", self, path, sizeof path, libs,
                                       sizeof libs), CBENCH_EINVAL);
}

/* A baseline "directory" that is a file (root writes anywhere, so not a
 * read-only one): a clear error naming it, nothing created. */
static void test_unwritable(const char *dir)
{
    char blocked[4200], err[512] = "";
    snprintf(blocked, sizeof blocked, "%s/blocked", dir);
    CHECK_INT_EQ(fx_write(blocked, "not a directory", 15), 0);
    CHECK_INT_EQ(cbench_store_save_build(blocked, "main", 0, err, sizeof err), CBENCH_EIO);
    CHECK(strstr(err, blocked) != NULL);
    size_t n = 0;
    char *b = fx_read(blocked, &n);
    CHECK(b != NULL && n == 15 && memcmp(b, "not a directory", 15) == 0);
    free(b);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    char *dir = fx_tmpdir();
    if (n <= 0 || dir == NULL) {
        perror("readlink /proc/self/exe or mkdtemp");
        return 1;
    }
    self[n] = '\0';
    test_stores_this_executable(dir);
    test_records_path_and_quick(dir);
    test_found_by_file_name(dir);
    test_replaces_earlier_copy(dir);
    test_bad_names(dir);
    test_unwritable(dir);
    if (check_failures == 0)
        fx_rmtree(dir);
    else
        fprintf(stderr, "test files kept in %s\n", dir);
    free(dir);
    return check_result();
}
