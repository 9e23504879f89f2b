/* SPDX-License-Identifier: MIT
 *
 * env.c - context of a run and the noise check of the machine.
 */
#include "measure/env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cbench_config.h"

void cbench_env_note(char **notes, const char *line)
{
    size_t old = *notes ? strlen(*notes) : 0, add = strlen(line);
    char *n = realloc(*notes, old + add + 2);
    if (n == NULL)
        return;
    if (old)
        n[old++] = '\n';
    memcpy(n + old, line, add + 1);
    *notes = n;
}

/* First line of a file, without the newline; 0 if unreadable. */
static int read_line(const char *root, const char *path, char *buf, size_t n)
{
    char full[512];
    snprintf(full, sizeof full, "%s%s", root, path);
    FILE *f = fopen(full, "r");
    if (f == NULL)
        return 0;
    int ok = fgets(buf, (int)n, f) != NULL;
    fclose(f);
    if (ok)
        buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

size_t cbench_env_parse_cache_size(const char *s)
{
    char *end;
    if (s == NULL || *s < '0' || *s > '9')
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    size_t mult = 1;
    if (*end == 'K')
        mult = (size_t)1 << 10;
    else if (*end == 'M')
        mult = (size_t)1 << 20;
    else if (*end == 'G')
        mult = (size_t)1 << 30;
    if (mult != 1)
        end++;
    while (*end == '\n' || *end == ' ')
        end++;
    if (*end != '\0' || v == 0 || v > (1ull << 40))
        return 0;
    return (size_t)v * mult;
}

int cbench_env_caches(const char *dir, uint64_t bytes[CBENCH_CACHE_LEVELS])
{
    memset(bytes, 0, CBENCH_CACHE_LEVELS * sizeof *bytes);
    for (int i = 0; i < 16; i++) {
        char path[64], level[32], type[32], size[32];
        snprintf(path, sizeof path, "/index%d/level", i);
        int ok = read_line(dir, path, level, sizeof level);
        snprintf(path, sizeof path, "/index%d/type", i);
        ok = ok && read_line(dir, path, type, sizeof type);
        snprintf(path, sizeof path, "/index%d/size", i);
        ok = ok && read_line(dir, path, size, sizeof size);
        int l = ok ? atoi(level) : 0;
        if (l >= 1 && l <= CBENCH_CACHE_LEVELS && strcmp(type, "Instruction") != 0)
            bytes[l - 1] = cbench_env_parse_cache_size(size);
    }
    if (bytes[0] != 0)
        return 0;
    memset(bytes, 0, CBENCH_CACHE_LEVELS * sizeof *bytes);
    return -1;
}

/* Value of "key : value" from /proc/cpuinfo ("model name", "flags"). */
static int cpuinfo_field(const char *root, const char *key, char *buf, size_t n)
{
    char path[512], linebuf[4096];
    snprintf(path, sizeof path, "%s/proc/cpuinfo", root);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    int found = 0;
    while (!found && fgets(linebuf, sizeof linebuf, f) != NULL) {
        if (strncmp(linebuf, key, strlen(key)) != 0)
            continue;
        char *colon = strchr(linebuf, ':');
        if (colon == NULL)
            continue;
        snprintf(buf, n, "%s", colon + (colon[1] == ' ' ? 2 : 1));
        buf[strcspn(buf, "\n")] = '\0';
        found = 1;
    }
    fclose(f);
    return found;
}

static char *git_commit(void)
{
    FILE *p = popen("git rev-parse --short=12 HEAD 2>/dev/null", "r");
    if (p == NULL)
        return NULL;
    char buf[64] = "";
    char *ok = fgets(buf, sizeof buf, p);
    pclose(p);
    buf[strcspn(buf, "\n")] = '\0';
    return ok && *buf ? cbench__strdup(buf) : NULL;
}

static char *iso_date(void)
{
    char buf[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return cbench__strdup(buf);
}

int cbench_env_context(cbench_context *ctx, int user_code_optimized)
{
    char host[256] = "unknown", cpu[256] = "unknown";
    gethostname(host, sizeof host - 1);
    cpuinfo_field("", "model name", cpu, sizeof cpu);
    ctx->date = iso_date();
    ctx->host = cbench__strdup(host);
    ctx->cpu = cbench__strdup(cpu);
    ctx->compiler = cbench__strdup(CBENCH_COMPILER);
    ctx->flags = cbench__strdup(CBENCH_CFLAGS);
    ctx->version = cbench__strdup(CBENCH_VERSION_STRING);
    ctx->git_commit = git_commit();
    ctx->build_type = cbench__strdup(user_code_optimized ? CBENCH_BUILD_TYPE : "unoptimized");
    (void)cbench_env_caches(CBENCH_ENV_CACHE_DIR, ctx->cache_bytes);
    if (!ctx->date || !ctx->host || !ctx->cpu || !ctx->compiler || !ctx->flags
        || !ctx->version || !ctx->build_type)
        return CBENCH_ENOMEM;
    return 0;
}

static int check_governor(char **notes, const char *root)
{
    char gov[64];
    if (!read_line(root, "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", gov, sizeof gov)
        || strcmp(gov, "performance") == 0)
        return 0;
    char msg[256];
    snprintf(msg, sizeof msg, "CPU frequency governor is '%s', not 'performance': clock "
             "speed drifts between runs; run `sudo cpupower frequency-set -g performance`", gov);
    cbench_env_note(notes, msg);
    return 1;
}

static int check_turbo(char **notes, const char *root)
{
    char v[16];
    int on = (read_line(root, "/sys/devices/system/cpu/intel_pstate/no_turbo", v, sizeof v) && v[0] == '0')
          || (read_line(root, "/sys/devices/system/cpu/cpufreq/boost", v, sizeof v) && v[0] == '1');
    if (on)
        cbench_env_note(notes, "Turbo boost is on: the clock speed depends on temperature and "
                        "load; disable it for stable numbers (echo 1 | sudo tee "
                        "/sys/devices/system/cpu/intel_pstate/no_turbo)");
    return on;
}

static int check_vm(char **notes, const char *root)
{
    char flags[4096];
    if (!cpuinfo_field(root, "flags", flags, sizeof flags) || strstr(flags, " hypervisor") == NULL)
        return 0;
    cbench_env_note(notes, "running in a virtual machine: other guests share the host, so expect "
                    "drift between runs (cbench's rounds measure it); hardware counters may be "
                    "unavailable (use --mode=instructions for exact counts)");
    return 1;
}

static int check_load(char **notes, const char *root)
{
    char buf[128];
    double load;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (!read_line(root, "/proc/loadavg", buf, sizeof buf) || sscanf(buf, "%lf", &load) != 1
        || ncpu < 1 || load < (double)ncpu * 0.75 + 0.25)
        return 0;
    char msg[200];
    snprintf(msg, sizeof msg, "the machine is busy (load average %.2f on %ld CPUs): other "
             "processes steal time from the benchmarks; close them or expect wider intervals",
             load, ncpu);
    cbench_env_note(notes, msg);
    return 1;
}

int cbench_env_check(char **notes, const char *root, int user_code_optimized)
{
    int n = 0;
    if (!user_code_optimized || !CBENCH_OPTIMIZED) {
        cbench_env_note(notes, "THIS IS AN UNOPTIMIZED BUILD: its timings say nothing about "
                        "release code; configure with `meson setup --buildtype=release`");
        n++;
    }
    n += check_governor(notes, root);
    n += check_turbo(notes, root);
    n += check_vm(notes, root);
    n += check_load(notes, root);
    return n;
}
