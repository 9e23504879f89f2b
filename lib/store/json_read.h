/* SPDX-License-Identifier: MIT
 *
 * json_read.h - reading baseline JSON (json_read.c). The entry point,
 * cbench_store_parse(), is declared in store.h.
 */
#ifndef CBENCH_STORE_JSON_READ_H
#define CBENCH_STORE_JSON_READ_H

/* Returns a static (process-lifetime) copy of s for the fields result.h
 * keeps as static strings (stop_reason, change.test_name). Well-known names
 * map to literals; others are copied into a bounded table, and once it is
 * full they read as "other". Thread-safe. */
const char *cbench_store_intern(const char *s);

#endif /* CBENCH_STORE_JSON_READ_H */
