/* SPDX-License-Identifier: MIT
 *
 * error.c - cbench_strerror, generated from CBENCH_ERRNO_MAP.
 */
#include "cbench.h"

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
