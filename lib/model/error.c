/* SPDX-License-Identifier: MIT
 *
 * error.c - cbench_strerror, generated from CBENCH_ERRNO_MAP.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cbench.h"
#include "model/result.h"

int cbench__fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err != NULL && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *cbench_strerror(int err)
{
    switch (err) {
    case CBENCH_OK: return "success";
#define CBENCH__STRERROR_GEN(name, msg) case CBENCH_##name: return msg;
    CBENCH_ERRNO_MAP(CBENCH__STRERROR_GEN)
#undef CBENCH__STRERROR_GEN
    default: return "unknown error";
    }
}
