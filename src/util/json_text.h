#ifndef KRING_JSON_TEXT_H
#define KRING_JSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * JSON written straight into a growing text, for answers that are read far
 * more often than built (the dossier): no tree of jansson values first. It
 * writes exactly the bytes json_dumps(..., JSON_COMPACT) writes for the same
 * values, so that an answer does not depend on which path made it; the unit
 * test and the writers' fuzzer compare the two.
 *
 * `data` is malloc'd and NUL-terminated once anything was written; the
 * caller owns it (free, or hand it on). Out of memory is fatal.
 */
struct json_text {
	char *data;
	size_t len, cap;
};

void json_text_raw(struct json_text *t, const char *s, size_t n);
void json_text_char(struct json_text *t, char ch);

/* A string value, escaped as jansson does; null when s is NULL or not valid UTF-8 (as
 * json_string() refuses it). */
void json_text_string(struct json_text *t, const char *s);
void json_text_int(struct json_text *t, int64_t v);
/* A real as jansson writes it; null when it is not finite (json_real() refuses it). */
void json_text_real(struct json_text *t, double v);
void json_text_bool(struct json_text *t, bool v);
void json_text_null(struct json_text *t);

/* `"key":`, preceded by a comma unless *first (which it clears). */
void json_text_key(struct json_text *t, const char *key, bool *first);

/* Whether s is UTF-8 that jansson accepts as a string (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
bool json_text_valid_utf8(const char *s, size_t n);

#endif
