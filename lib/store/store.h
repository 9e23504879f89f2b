/* SPDX-License-Identifier: MIT
 *
 * store.h - named baselines: one versioned JSON file per name, written
 * atomically and merged under a lock so nothing is ever lost.
 *
 * A baseline NAME lives in DIR/NAME.json. Names match [A-Za-z0-9._-]+ and
 * do not start with '.' (so temp files, which do, never look like one).
 * The file format is documented in json_write.c; cbench_store_parse()
 * accepts exactly what cbench_store_serialize() writes (plus unknown keys,
 * which are ignored) and rejects everything else with one message naming
 * the file and the position (line, column) or the field
 * ("results[2].samples.ns[5]").
 *
 * Errors: every function returns 0 or a negative CBENCH_E* code and, when
 * err is not NULL, writes one complete sentence fragment into err (always
 * NUL-terminated, truncated to errlen). Codes: CBENCH_EINVAL bad name or
 * argument, CBENCH_ENOENT no such baseline, CBENCH_EFORMAT malformed or
 * unsupported file, CBENCH_EIO a system call failed (err has strerror),
 * CBENCH_ENOMEM.
 */
#ifndef CBENCH_STORE_STORE_H
#define CBENCH_STORE_STORE_H

#include <stddef.h>

#include "model/result.h"

/* The schema version this build writes (the newest it reads) and the
 * oldest it reads. */
#define CBENCH_STORE_SCHEMA 2
#define CBENCH_STORE_SCHEMA_OLDEST 1

/* Where baselines live (lib/store/where.c), one rule for the bench
 * executables and the cbench tool: flag (--baseline-dir) when not NULL,
 * else $CBENCH_DIR when set and not empty, else BUILD/cbench when this
 * executable lies under the top directory BUILD of the Meson build that
 * compiled cbench, else "cbench" in the working directory. why says which
 * rule chose dir, for messages; implicit is 1 for the last rule, whose
 * directory nobody asked for (a run does not create it unasked). */
typedef struct cbench_store_where {
    const char *dir;
    const char *why;
    int implicit;
} cbench_store_where;
cbench_store_where cbench_store_locate(const char *flag);

/* BUILD/cbench when this executable lies under the top directory BUILD of
 * the Meson build that compiled cbench (where the cbench tool of that
 * build looks without flags), else NULL. */
const char *cbench_store_build_dir(void);

/* cbench_store_locate(dir).dir */
const char *cbench_store_dir(const char *dir);

/* 1 when w->dir exists as a directory. */
int cbench_store_where_exists(const cbench_store_where *w);

/* 0 when w->dir exists; else CBENCH_ENOENT with err naming the directory,
 * the rule that chose it and how to get one. */
int cbench_store_where_check(const cbench_store_where *w, char *err, size_t errlen);

/* Whether a baseline argument of a command names a file (it contains '/'
 * or ends in ".json") rather than a baseline in the directory. */
int cbench_store_is_path(const char *arg);

/* Loads a baseline argument: a file path, or a name in w's directory
 * (which must exist: cbench_store_where_check). Returns 0, or the load's
 * error with err saying what failed; for a name not found, err goes on
 * with the names the directory holds, or that it holds none and how to
 * save one. */
int cbench_store_load_arg(const cbench_store_where *w, const char *arg, cbench_run **out,
                          char *err, size_t errlen);

/* Returns 1 when name is a valid baseline name, 0 otherwise. */
int cbench_store_valid_name(const char *name);

/* Writes "DIR/NAME.json" into buf. Returns 0, CBENCH_EINVAL for an invalid
 * name (or NULL dir), or CBENCH_ENOMEM when buf (len bytes) is too small. */
int cbench_store_path(const char *dir, const char *name, char *buf, size_t len);

/* Parses a baseline held in buf (len bytes, need not be NUL-terminated).
 * 'name' is how the file is called in messages (e.g. its path). On success
 * *out is a new run the caller frees with cbench__run_free(). On error *out
 * is NULL and the code is CBENCH_EFORMAT (or CBENCH_ENOMEM). */
int cbench_store_parse(const char *buf, size_t len, const char *name,
                       cbench_run **out, char *err, size_t errlen);

/* Reads and parses the baseline file at path. CBENCH_ENOENT when it does
 * not exist. The file is only read, never modified. */
int cbench_store_load_file(const char *path, cbench_run **out,
                           char *err, size_t errlen);

/* Reads the whole of fd (not a directory, at most 1 GiB) into a new
 * buffer *buf (free()), its length in *len. 0, or -1 with errno (EISDIR,
 * EFBIG, ENOMEM or read's). */
int cbench_store_read_fd(int fd, char **buf, size_t *len);

/* Loads baseline NAME from DIR. CBENCH_ENOENT if absent. */
int cbench_store_load(const char *dir, const char *name, cbench_run **out,
                      char *err, size_t errlen);

/* Saves run under NAME: creates DIR (mkdir -p), takes an exclusive flock on
 * DIR/NAME.json.lock (NAME.json's real file: see cbench_store_resolve),
 * re-reads the existing file, merges run into it (cbench_store_merge),
 * writes DIR/.NAME.json.XXXXXX, fsyncs it, renames it over DIR/NAME.json
 * and fsyncs DIR. Never leaves a partial file: on any error the old file
 * is intact and err says what and where. An existing file that cannot be
 * parsed is not overwritten (CBENCH_EFORMAT): move it away first. */
int cbench_store_save(const char *dir, const char *name, const cbench_run *run,
                      char *err, size_t errlen);

/* What a merge did besides replacing and adding results. */
typedef struct cbench_store_merge_info {
    size_t kept;             /* results of the run not saved: interrupted ones
                                whose complete result the file keeps */
    const char *kept_id;     /* the first of them (points into the run) */
} cbench_store_merge_info;

/* cbench_store_save, saying in *info (may be NULL) what it kept. */
int cbench_store_save_ex(const char *dir, const char *name, const cbench_run *run,
                         cbench_store_merge_info *info, char *err, size_t errlen);

/* The baseline text old (old_len bytes, named file in messages; NULL: no
 * file yet) with run merged in, as new text in *out (free(); length in
 * *out_len): run's results replace those with the same id, except that a
 * partial result (cbench__result_partial) never replaces a complete one;
 * the other results are kept as their JSON, fields this build does not
 * know included; new ones are appended; each result keeps the context it
 * was measured in (json_write.c), run's own becoming "context". 0,
 * CBENCH_EFORMAT (old cannot be read; err says why) or CBENCH_ENOMEM. */
int cbench_store_merge(const char *old, size_t old_len, const char *file, const cbench_run *run,
                       char **out, size_t *out_len, cbench_store_merge_info *info,
                       char *err, size_t errlen);

/* Whether a save of NAME into DIR can happen, without writing it: DIR
 * created, the lock taken (its file made) and the existing file, if any,
 * readable. 0, or the code and message cbench_store_save would give. */
int cbench_store_check_save(const char *dir, const char *name, char *err, size_t errlen);

/* Lists the baselines in DIR (files NAME.json with a valid NAME), sorted by
 * strcmp. A missing DIR is an empty list. On success *names (possibly NULL
 * when *n is 0) is released with cbench_store_list_free(). */
int cbench_store_list(const char *dir, char ***names, size_t *n,
                      char *err, size_t errlen);
void cbench_store_list_free(char **names, size_t n);            /* NULL-safe */

/* Returns the run as baseline JSON text (schema CBENCH_STORE_SCHEMA), NUL
 * terminated, length in *len (may be NULL). Free with free(). NULL on out
 * of memory. Doubles are written so that they read back bit for bit; NaN is
 * written as null and infinities as the strings "Infinity"/"-Infinity". */
char *cbench_store_serialize(const cbench_run *run, size_t *len);

/* {=================================================================
 * Stored builds (lib/store/builds.c): the executable a baseline was
 * measured with, so `cbench ab --baseline NAME` can rerun it later.
 * ================================================================== */

/* Writes "DIR/NAME.builds" into buf; same returns as cbench_store_path. */
int cbench_store_builds_path(const char *dir, const char *name, char *buf, size_t len);

/* Stores the running executable as DIR/NAME.builds/EXE (EXE: its file
 * name) and the shared objects it loaded from outside the system's library
 * directories (/lib, /usr/lib and their 32/64/x32 kin) in
 * DIR/NAME.builds/EXE.libs/ under the names the loader looks for; each
 * file written atomically with mode 0755, replacing an earlier copy. Also
 * records the executable's path and quick (a --quick run) beside it
 * (cbench_build_info).
 * 0, or CBENCH_EINVAL / CBENCH_EIO / CBENCH_ENOMEM with err. */
int cbench_store_save_build(const char *dir, const char *name, int quick, char *err,
                            size_t errlen);

/* What DIR/NAME.builds/.EXE.info says about the stored build of exe
 * (matched by file name): where the executable was when it was stored, and
 * whether that run was --quick. cbench_store_save_build writes it. */
typedef struct cbench_build_info {
    char path[4096];               /* absolute */
    int quick;
} cbench_build_info;

/* 0; CBENCH_ENOENT when nothing was recorded (a build stored by an older
 * cbench), CBENCH_EFORMAT when the record holds no path, CBENCH_EINVAL for
 * a bad name, CBENCH_ENOMEM when out of memory. */
int cbench_store_build_info(const char *dir, const char *name, const char *exe,
                            cbench_build_info *info);

/* The stored build of baseline NAME for the executable exe (matched by
 * file name): its path into path, and the directory of its shared objects
 * into libs ("" when it has none). 0, CBENCH_ENOENT when none is stored,
 * CBENCH_EINVAL for a bad name, CBENCH_ENOMEM when a buffer is too short. */
int cbench_store_build_of(const char *dir, const char *name, const char *exe,
                          char *path, size_t len, char *libs, size_t libs_len);

/* The file names of the executables stored with baseline NAME, sorted,
 * ", "-separated, into buf ("" when none). 0, CBENCH_EINVAL for a bad
 * name, CBENCH_ENOMEM when buf is too short or memory runs out (it then
 * holds what fit). */
int cbench_store_builds_list(const char *dir, const char *name, char *buf, size_t len);

/* {=================================================================
 * Atomic files (lib/store/atomic.c), reusable by plots and reports.
 * ================================================================== */

/* Writes data to path atomically: a temp file .BASE.XXXXXX in the same
 * directory, write, fsync, close, rename over path, fsync the directory.
 * path is first resolved (cbench_store_resolve): a symbolic link is
 * followed and the file it leads to replaced; a FIFO, device, socket or
 * directory is refused (CBENCH_EINVAL). "-" and "/dev/stdout" write to
 * standard output instead, in place. The directory must exist. A new file
 * gets mode 0644 (an existing file's mode is kept). On error the temp
 * file is removed and path is untouched. */
int cbench_store_write_atomic(const char *path, const void *data, size_t len,
                              char *err, size_t errlen);

/* Whether path means standard output for the writers: "-" or
 * "/dev/stdout". */
int cbench_store_is_stdout(const char *path);

/* The file a write to path replaces, into out (len bytes): symbolic links
 * of the last component followed (a dangling one names the file to
 * create), the directory made absolute and free of links, so two paths to
 * one file resolve alike (and lock alike). 0; CBENCH_EINVAL when path is
 * an existing non-regular file (FIFO, device, socket, directory; the
 * message says which) or no file name; CBENCH_EIO when the directory
 * does not exist or a link cannot be read; CBENCH_ENOMEM when out is too
 * short. */
int cbench_store_resolve(const char *path, char *out, size_t len, char *err, size_t errlen);

/* Test hook: when set, called before each step of every atomic write
 * ("create", "write", "fsync", "rename") and of a save ("lock") with the
 * file's path; a non-zero return makes that step fail with that errno, as
 * a full (ENOSPC) or read-only (EROFS) file system would. */
extern int (*cbench__store_fault)(const char *step, const char *path);
/* Whether the hook makes step on path fail (errno then set to its code). */
int cbench__store_faulted(const char *step, const char *path);

/* Test hook: like cbench_store_write_atomic(), but calls hook(fd, ctx) on
 * the temp file's descriptor before writing (a test can dup2 /dev/full onto
 * it to simulate a full disk). A non-zero hook return is an EIO failure. */
typedef int (*cbench_store_fd_hook)(int fd, void *ctx);
int cbench_store_write_atomic_hooked(const char *path, const void *data,
                                     size_t len, cbench_store_fd_hook hook,
                                     void *ctx, char *err, size_t errlen);

/* mkdir -p with mode 0755. Returns 0 or CBENCH_EIO with err naming the
 * component that failed. */
int cbench_store_mkdirs(const char *dir, char *err, size_t errlen);

#endif /* CBENCH_STORE_STORE_H */
