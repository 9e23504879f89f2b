/* SPDX-License-Identifier: MIT
 *
 * text.c - escaping of untrusted strings per output channel (see text.h).
 *
 * One walk over the string splits it into pieces: a valid UTF-8 sequence,
 * a printable ASCII character, a control character (C0, DEL or a C1 code
 * point) or a byte that is not valid UTF-8. The channel decides what each
 * piece becomes; the result goes to a FILE or a bounded buffer.
 */
#include "model/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where escaped text goes: f, or else buf (n bytes, len used). */
typedef struct sink {
    FILE *f;
    char *buf;
    size_t n, len;
    int full;
} sink;

/* Appends s whole or, once anything did not fit in buf, nothing more: a
 * cut never splits an escape or a UTF-8 sequence. */
static void put(sink *k, const char *s, size_t len)
{
    if (k->f != NULL) {
        fwrite(s, 1, len, k->f);
        return;
    }
    if (k->full || len >= k->n - k->len) {
        k->full = 1;
        return;
    }
    memcpy(k->buf + k->len, s, len);
    k->len += len;
    k->buf[k->len] = '\0';
}

static void puts_(sink *k, const char *s)
{
    put(k, s, strlen(s));
}

/* "\xHH" for a byte, or "\u00HH" for a code point of the C1 range. */
static void put_hex(sink *k, unsigned v, int wide)
{
    char tmp[16];
    int len = wide ? snprintf(tmp, sizeof tmp, "\\u%04x", v)
                   : snprintf(tmp, sizeof tmp, "\\x%02x", v);
    put(k, tmp, (size_t)len);
}

/* Length of the valid UTF-8 sequence at s (at most avail bytes), or 0 if
 * s does not start one; *cp gets its code point. Rejects overlong forms,
 * surrogates and code points above U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t avail, unsigned *cp)
{
    unsigned c = s[0];
    size_t len;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, *cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, *cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, *cp = c & 0x07;
    else
        return 0;
    if (len > avail)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff))
        || (*cp >= 0xd800 && *cp <= 0xdfff))
        return 0;
    return len;
}

static int is_control(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* {=================================================================
 * The channels.
 * ================================================================== */

/* A control character: visible as an escape on the terminal, TAP and
 * JSON; a space in HTML and gnuplot, where the text is for display. */
static void control(sink *k, cbench_text_channel ch, unsigned cp)
{
    if (ch == CBENCH_TEXT_HTML || ch == CBENCH_TEXT_GP) {
        put(k, " ", 1);
        return;
    }
    if (cp == '\n')
        puts_(k, "\\n");
    else if (cp == '\r')
        puts_(k, "\\r");
    else if (cp == '\t')
        puts_(k, "\\t");
    else
        put_hex(k, cp, cp >= 0x80 || ch == CBENCH_TEXT_JSON);
}

static void bad_byte(sink *k, cbench_text_channel ch, unsigned char b)
{
    if (ch == CBENCH_TEXT_TERM || ch == CBENCH_TEXT_TAP)
        put_hex(k, b, 0);
    else
        put(k, "?", 1);
}

/* Whitespace as Python's str.isspace() sees it (Meson's TAP parser is
 * Python), among the code points that reach the output unescaped. */
static int is_space(unsigned cp)
{
    return cp == ' ' || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Whether a parser that ends the description at the first '#', escaped
 * or not, would read the text after this '#' as a SKIP or TODO
 * directive: optional whitespace, then "skip" or "todo" in any case. */
static int directive_follows(const unsigned char *p, const unsigned char *end)
{
    unsigned cp = 0;
    size_t n;
    while (p < end && (n = utf8_len(p, (size_t)(end - p), &cp)) > 0 && is_space(cp))
        p += n;
    if (end - p < 4)
        return 0;
    char w[5] = {0};
    for (int i = 0; i < 4; i++)
        w[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
    return strcmp(w, "skip") == 0 || strcmp(w, "todo") == 0;
}

static void tap_char(sink *k, const unsigned char *p, const unsigned char *end)
{
    if (*p == '\\')
        puts_(k, "\\\\");
    else if (*p == '#')
        puts_(k, directive_follows(p + 1, end) ? "\\x23" : "\\#");
    else
        put(k, (const char *)p, 1);
}

static void html_char(sink *k, char c)
{
    switch (c) {
    case '&': puts_(k, "&amp;"); break;
    case '<': puts_(k, "&lt;"); break;
    case '>': puts_(k, "&gt;"); break;
    case '"': puts_(k, "&quot;"); break;
    case '\'': puts_(k, "&#39;"); break;
    default: put(k, &c, 1);
    }
}

/* A printable ASCII character at p (end: the end of the text). */
static void ascii(sink *k, cbench_text_channel ch, const unsigned char *p,
                  const unsigned char *end)
{
    char c = (char)*p;
    if (ch == CBENCH_TEXT_TAP)
        tap_char(k, p, end);
    else if (ch == CBENCH_TEXT_HTML)
        html_char(k, c);
    else if (ch == CBENCH_TEXT_GP && c == '\'')
        puts_(k, "''");
    else if (ch == CBENCH_TEXT_JSON && (c == '"' || c == '\\'))
        put(k, "\\", 1), put(k, &c, 1);
    else
        put(k, &c, 1);
}

static void walk(sink *k, cbench_text_channel ch, const char *str, size_t len)
{
    const unsigned char *p = (const unsigned char *)str, *end = p + len;
    while (p < end) {
        unsigned cp = 0;
        size_t n = utf8_len(p, (size_t)(end - p), &cp);
        if (n == 0)
            bad_byte(k, ch, *p);
        else if (is_control(cp))
            control(k, ch, cp);
        else if (n == 1)
            ascii(k, ch, p, end);
        else
            put(k, (const char *)p, n);
        p += n > 0 ? n : 1;
    }
}

/* {=================================================================
 * The entry points.
 * ================================================================== */

int cbench_text_fputn(FILE *f, cbench_text_channel ch, const char *s, size_t len)
{
    sink k = {.f = f};
    walk(&k, ch, s != NULL ? s : "", s != NULL ? len : 0);
    return ferror(f) ? EOF : 0;
}

int cbench_text_fputs(FILE *f, cbench_text_channel ch, const char *s)
{
    return cbench_text_fputn(f, ch, s, s != NULL ? strlen(s) : 0);
}

char *cbench_text_escape(char *buf, size_t n, cbench_text_channel ch, const char *s)
{
    sink k = {.buf = buf, .n = n};
    buf[0] = '\0';
    walk(&k, ch, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
    return buf;
}

int cbench_text_fput_lines(FILE *f, const char *s, const char *sep)
{
    for (const char *p = s != NULL ? s : ""; *p;) {
        size_t len = strcspn(p, "\n");
        cbench_text_fputn(f, CBENCH_TEXT_TERM, p, len);
        p += len;
        if (*p == '\n' && *++p != '\0')
            fputs(sep, f);
    }
    return ferror(f) ? EOF : 0;
}

/* {=================================================================
 * CSV.
 * ================================================================== */

/* A plain decimal number, which a spreadsheet reads as a number and
 * never as a formula: [+-] digits [. digits] [e [+-] digits]. */
static int plain_number(const char *s)
{
    size_t i = s[0] == '+' || s[0] == '-', digits = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (s[i] == '.')
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (digits == 0)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        i += 1 + (s[i + 1] == '+' || s[i + 1] == '-');
        if (s[i] < '0' || s[i] > '9')
            return 0;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    }
    return s[i] == '\0';
}

/* The cell's body inside quotes: quotes doubled, tab, CR and LF kept
 * (RFC 4180 data), other controls and invalid UTF-8 '?'. */
static void csv_body(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        unsigned cp = 0;
        size_t n = utf8_len(p, (size_t)(end - p), &cp);
        if (n == 0 || (is_control(cp) && cp != '\t' && cp != '\r' && cp != '\n'))
            fputc('?', f);
        else if (cp == '"')
            fputs("\"\"", f);
        else
            fwrite(p, 1, n, f);
        p += n > 0 ? n : 1;
    }
}

int cbench_text_fput_csv(FILE *f, const char *s)
{
    if (s == NULL)
        return ferror(f) ? EOF : 0;
    int guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && !plain_number(s);
    int quote = guard || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputs(guard ? "\"'" : "\"", f);
    csv_body(f, s);
    if (quote)
        fputc('"', f);
    return ferror(f) ? EOF : 0;
}
