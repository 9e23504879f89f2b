/* SPDX-License-Identifier: MIT
 *
 * text.h - untrusted strings on text outputs, one escaping per channel.
 *
 * Benchmark ids, skip reasons, failure messages from a body, warnings and
 * everything read back from a baseline file reach the printers as they
 * are. None of them may end a line, start a forged TAP test line or
 * directive, move the terminal's cursor or colour it, start a spreadsheet
 * formula or run a gnuplot command. Every printer writes such a string
 * through one of these functions. Only the C library is used here, so
 * every layer can include it.
 *
 * What each channel does with a byte that is not plain printable text:
 *   TERM  terminal text and TAP comment lines: a control character (C0,
 *         DEL, C1) is shown as \n \r \t, \xHH or \u00HH; a byte that is
 *         not valid UTF-8 as \xHH. Nothing else changes.
 *   TAP   a TAP description or directive reason: as TERM, plus '\' is
 *         written "\\" and '#' "\#" (TAP 13/14). Some consumers (Meson's
 *         parser among them) end the description at the first '#' even
 *         when escaped, so a '#' they would read as a SKIP or TODO
 *         directive is written "\x23" instead.
 *   HTML  text or a quoted attribute: & < > " ' become entities; controls
 *         become spaces, invalid UTF-8 '?'.
 *   GP    the body of a single-quoted gnuplot string: ' is doubled
 *         (gnuplot does no other processing inside single quotes);
 *         controls become spaces (a newline would end the command and
 *         start another, such as system()), invalid UTF-8 '?'.
 *   JSON  the body of a JSON string: " and \ escaped, controls as \n,
 *         \r, \t or \u00HH, invalid UTF-8 '?'.
 */
#ifndef CBENCH_MODEL_TEXT_H
#define CBENCH_MODEL_TEXT_H

#include <stddef.h>
#include <stdio.h>

typedef enum cbench_text_channel {
    CBENCH_TEXT_TERM,
    CBENCH_TEXT_TAP,
    CBENCH_TEXT_HTML,
    CBENCH_TEXT_GP,
    CBENCH_TEXT_JSON,
} cbench_text_channel;

/* Writes s (NULL reads as "") escaped for channel ch to f. Returns 0, or
 * EOF when f is in error. */
int cbench_text_fputs(FILE *f, cbench_text_channel ch, const char *s);

/* The same for the len bytes at s (which need not end in '\0'). */
int cbench_text_fputn(FILE *f, cbench_text_channel ch, const char *s, size_t len);

/* Writes s escaped for ch into buf (n >= 1 bytes, always terminated) and
 * returns buf, for printf's "%-24s". A result that does not fit is cut
 * before the first escape or character that does not fit whole. */
char *cbench_text_escape(char *buf, size_t n, cbench_text_channel ch, const char *s);

/* Writes multi-line text s (notes, warnings: lines our own code joined)
 * to f as TERM text, each line escaped on its own, with sep written in
 * place of every '\n' that another line follows (a final '\n' is
 * dropped): sep "\n#   " keeps every line a TAP comment, " " makes one
 * line. Returns 0, or EOF when f is in error. */
int cbench_text_fput_lines(FILE *f, const char *s, const char *sep);

/* Writes s as one CSV cell (RFC 4180): quoted when it holds a comma,
 * quote, CR or LF, quotes doubled. A text cell that a spreadsheet would
 * read as a formula (it begins with = + - @, tab or CR) is quoted and
 * prefixed with a single quote, as OWASP recommends; a cell that is a
 * plain decimal number ("-3.2", "1e-9") stays as it is. Controls other
 * than tab, CR and LF, and invalid UTF-8, become '?'. NULL writes
 * nothing. Returns 0, or EOF when f is in error. */
int cbench_text_fput_csv(FILE *f, const char *s);

#endif /* CBENCH_MODEL_TEXT_H */
