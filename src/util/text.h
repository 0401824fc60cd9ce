#ifndef KRING_TEXT_H
#define KRING_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Prints "kring: <message>" to stderr and aborts: for broken invariants only. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Number of Unicode code points in valid UTF-8 text (jansson guarantees validity). */
size_t utf8_length(const char *s);

/* Parses a whole decimal string as a positive 64-bit id; false on anything else. */
bool parse_id(const char *s, int64_t *out);

/* Parses a whole decimal string as a non-negative long within [min, max]. */
bool parse_long_range(const char *s, long min, long max, long *out);

/* Lowercase hex of n bytes into out, which must hold 2n+1 bytes. */
void hex_encode(const unsigned char *in, size_t n, char *out);

/* n random bytes (libsodium's randombytes_buf) as lowercase hex into out (2n+1 bytes). */
void random_hex(size_t n, char *out);

/*
 * Whether sscanf() read all of `text`: `end` is what a trailing %n stored,
 * left at -1 when the format stopped matching before it.
 */
bool scanned_to_end(const char *text, int end);

/* Whether two strings, either of which may be NULL, are equal (two NULLs are). */
bool text_same(const char *a, const char *b);

/* Constant-time comparison of two NUL-terminated strings. */
bool str_equal_ct(const char *a, const char *b);

#endif
