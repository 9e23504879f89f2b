/* SPDX-License-Identifier: MIT
 *
 * load_limit.c - how much memory reading a baseline takes, and how much it
 * may take, checked before parsing.
 *
 * The 1 GiB cap on a file's size (store.c) does not bound memory: cJSON
 * keeps a node for every value (a 64-byte struct in a malloc chunk of 80)
 * and a chunk for every string, so a 6 MB baseline of short numbers took
 * 260 MB, and a large enough file was killed by the OOM killer instead of
 * getting an error. Counting the values first is one pass over the bytes,
 * far cheaper than the parse, and predicts its peak within ~5 % (measured
 * on arrays of small integers, of one-key objects and of short strings:
 * 248, 144 and 181 MB for 6.0, 5.6 and 7.5 MB files, estimated 252, 145 and
 * 183 MB).
 *
 * The limit is half of the memory available now (MemAvailable of
 * /proc/meminfo: what can be allocated without swapping, leaving room for
 * everything else), 4 GiB when that cannot be read, or CBENCH_MAX_LOAD_MIB
 * MiB when set (to read a larger file anyway, or, in tests, to refuse a
 * small one). Files estimated at up to 16 MiB are always read.
 */
#include "store/json_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Bytes per value (cJSON node), per string (its own chunk) and per byte of
 * the file (the buffer read, the NUL-terminated copy cJSON parses, and the
 * strings' text). */
#define COST_VALUE 80u
#define COST_STRING 32u
#define COST_BYTE 3u

#define FALLBACK_LIMIT ((size_t)4 << 30)
/* Below this nothing is checked: any process can spare it, and reading
 * /proc/meminfo for every small file (the fuzzer parses thousands a
 * second) would cost more than the parse. */
#define ALWAYS_ALLOWED ((size_t)16 << 20)

size_t cbench_store_parse_estimate(const char *buf, size_t len)
{
    size_t values = 1, strings = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
            continue;
        }
        /* Every value but the first follows a ',' or opens a container. */
        values += c == ',' || c == '[' || c == '{';
        if (c == '"') {
            in_string = 1;
            strings++;
        }
    }
    return values * COST_VALUE + strings * COST_STRING + len * COST_BYTE;
}

/* MemAvailable in bytes, 0 when unknown. */
static size_t mem_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    unsigned long long kib = 0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
            break;
    if (f != NULL)
        fclose(f);
    return (size_t)kib * 1024;
}

size_t cbench_store_parse_limit(const char **why)
{
    const char *env = getenv("CBENCH_MAX_LOAD_MIB");
    if (env != NULL && *env != '\0') {
        char *end;
        errno = 0;
        unsigned long long mib = strtoull(env, &end, 10);
        if (*end == '\0' && errno == 0 && env[0] != '-' && mib <= SIZE_MAX >> 20) {
            *why = "CBENCH_MAX_LOAD_MIB";
            return (size_t)mib << 20;
        }
        *why = "CBENCH_MAX_LOAD_MIB is not a number of MiB, so 0";
        return 0;
    }
    size_t avail = mem_available();
    if (avail == 0) {
        *why = "4 GiB: the memory available could not be read";
        return FALLBACK_LIMIT;
    }
    *why = "half of the memory available now";
    return avail / 2;
}

/* "812 KiB", "6.0 MiB", "3.9 GiB" */
static void fmt_bytes(char *buf, size_t n, size_t bytes)
{
    double b = (double)bytes;
    if (b < 1024.0 * 1024)
        snprintf(buf, n, "%.0f KiB", b / 1024);
    else if (b < 1024.0 * 1024 * 1024)
        snprintf(buf, n, "%.1f MiB", b / (1024.0 * 1024));
    else
        snprintf(buf, n, "%.1f GiB", b / (1024.0 * 1024 * 1024));
}

int cbench_store_check_memory(cbench_store_jr *r, const char *buf, size_t len)
{
    const char *why;
    size_t need = cbench_store_parse_estimate(buf, len);
    if (need <= ALWAYS_ALLOWED)
        return 0;
    size_t limit = cbench_store_parse_limit(&why);
    if (need <= limit)
        return 0;
    char size[32], est[32], lim[32];
    fmt_bytes(size, sizeof size, len);
    fmt_bytes(est, sizeof est, need);
    fmt_bytes(lim, sizeof lim, limit);
    cbench_store_bad(r, "%s of JSON would take about %s of memory to read, more than the limit"
                     " of %s (%s); not read. Set CBENCH_MAX_LOAD_MIB to the MiB it may use to"
                     " read it anyway", size, est, lim, why);
    return CBENCH_ENOMEM;
}
