/* SPDX-License-Identifier: MIT
 *
 * where.c - the one rule for where baselines live, shared by the bench
 * executables and every cbench command, so that inside a build nobody
 * passes a flag: --baseline-dir, else $CBENCH_DIR, else the cbench/
 * directory of the Meson build the running executable belongs to (the
 * top build directory, which `meson test --benchmark` also passes), else
 * ./cbench.
 *
 * "Belongs to" means /proc/self/exe lies under the top build directory of
 * the build that compiled libcbench (CBENCH_MESON_BUILD_ROOT, Meson's
 * global_build_root(): the parent project's when cbench is a subproject).
 * So a bench executable, the cbench tool and `meson devenv -C build cbench`
 * all find BUILD/cbench wherever they are started from, while an installed
 * or copied executable falls back to the working directory, which it then
 * reads but does not create unasked (cbench_store_where.implicit).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cbench_config.h"
#include "store/store.h"

#define DEFAULT_DIR "cbench"

/* BUILD/cbench when this executable lies under the Meson build tree that
 * built it (computed once), else NULL. */
static const char *own_build_dir(void)
{
    static char dir[PATH_MAX + 16];
    static int done;
    if (done)
        return dir[0] ? dir : NULL;
    done = 1;
    char root[PATH_MAX], exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || realpath(CBENCH_MESON_BUILD_ROOT, root) == NULL)
        return NULL;
    exe[n] = '\0';
    size_t k = strlen(root);
    if (strncmp(exe, root, k) != 0 || exe[k] != '/')
        return NULL;
    snprintf(dir, sizeof dir, "%s/%s", CBENCH_MESON_BUILD_ROOT, DEFAULT_DIR);
    return dir;
}

const char *cbench_store_build_dir(void)
{
    return own_build_dir();
}

cbench_store_where cbench_store_locate(const char *flag)
{
    static char why[PATH_MAX + 200];
    const char *env = getenv("CBENCH_DIR");
    const char *own = own_build_dir();
    cbench_store_where w = {flag, "given by --baseline-dir", 0};
    if (flag != NULL)
        return w;
    if (env != NULL && *env)
        return (cbench_store_where){env, "from the environment variable CBENCH_DIR", 0};
    if (own != NULL) {
        snprintf(why, sizeof why, "the cbench/ directory of the Meson build this executable "
                 "belongs to, %s", CBENCH_MESON_BUILD_ROOT);
        return (cbench_store_where){own, why, 0};
    }
    snprintf(why, sizeof why, "the default, in the working directory: this executable is "
             "not inside the Meson build that built cbench (%s), and neither --baseline-dir "
             "nor CBENCH_DIR is set", CBENCH_MESON_BUILD_ROOT);
    return (cbench_store_where){DEFAULT_DIR, why, 1};
}

const char *cbench_store_dir(const char *dir)
{
    return cbench_store_locate(dir).dir;
}

int cbench_store_where_exists(const cbench_store_where *w)
{
    struct stat st;
    return stat(w->dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int cbench_store_where_check(const cbench_store_where *w, char *err, size_t errlen)
{
    if (cbench_store_where_exists(w))
        return 0;
    return cbench__fail(err, errlen, CBENCH_ENOENT, "no baseline directory '%s' (%s); save a "
                        "baseline there first (--save-baseline NAME; under meson test "
                        "--benchmark, -Dsave_baseline=NAME), or name another with "
                        "--baseline-dir DIR or CBENCH_DIR", w->dir, w->why);
}

/* {=================================================================
 * Baseline arguments: a name here or a file anywhere.
 * ================================================================== */

int cbench_store_is_path(const char *arg)
{
    size_t n = strlen(arg);
    return strchr(arg, '/') != NULL || (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}

/* Appends the names dir holds (or that it holds none) to err. */
static void append_available(const char *dir, char *err, size_t errlen)
{
    char **names = NULL;
    size_t n = 0, used = strlen(err);
    if (cbench_store_list(dir, &names, &n, NULL, 0) != 0 || n == 0) {
        snprintf(err + used, errlen - used, " (there are no baselines in '%s'; save one with "
                 "--save-baseline NAME, or pass --baseline-dir)", dir);
        return;
    }
    used += (size_t)snprintf(err + used, errlen - used, " (available in '%s':", dir);
    for (size_t i = 0; i < n && used < errlen; i++)
        used += (size_t)snprintf(err + used, errlen - used, "%s %s", i ? "," : "", names[i]);
    if (used < errlen)
        snprintf(err + used, errlen - used, ")");
    cbench_store_list_free(names, n);
}

int cbench_store_load_arg(const cbench_store_where *w, const char *arg, cbench_run **out,
                          char *err, size_t errlen)
{
    if (cbench_store_is_path(arg))
        return cbench_store_load_file(arg, out, err, errlen);
    int rc = cbench_store_where_check(w, err, errlen);
    if (rc == 0)
        rc = cbench_store_load(w->dir, arg, out, err, errlen);
    if (rc == CBENCH_ENOENT && cbench_store_where_exists(w))
        append_available(w->dir, err, errlen);
    return rc;
}
