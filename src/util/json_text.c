#include "util/json_text.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/buffer.h"
#include "util/text.h"

void json_text_raw(struct json_text *t, const char *s, size_t n)
{
	buffer_append(&t->data, &t->len, &t->cap, s, n);
}

void json_text_char(struct json_text *t, char ch)
{
	json_text_raw(t, &ch, 1);
}

/* The length of the UTF-8 sequence that starts with byte b, 0 when no sequence does. */
static size_t sequence_length(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b < 0xC2) /* a continuation byte, or the start of an overlong two-byte form */
		return 0;
	if (b < 0xE0)
		return 2;
	if (b < 0xF0)
		return 3;
	if (b < 0xF5)
		return 4;
	return 0;
}

/* Whether the n-byte sequence at s (n > 1) is a code point written in its shortest form. */
static bool sequence_valid(const unsigned char *s, size_t n)
{
	uint32_t cp = s[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return false;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	static const uint32_t shortest[5] = {0, 0, 0x80, 0x800, 0x10000};
	return cp >= shortest[n] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

bool json_text_valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t len = sequence_length(p[i]);
		if (len == 0 || len > n - i || (len > 1 && !sequence_valid(p + i, len)))
			return false;
		i += len;
	}
	return true;
}

/* The escape for byte c, or NULL when it goes out as it is. */
static const char *escape_of(unsigned char c, char buf[7])
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		if (c >= 0x20)
			return NULL;
		snprintf(buf, 7, "\\u%04X", c);
		return buf;
	}
}

void json_text_string(struct json_text *t, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!s || !json_text_valid_utf8(s, n)) {
		json_text_null(t);
		return;
	}
	json_text_char(t, '"');
	size_t run = 0; /* bytes before i not written yet */
	char buf[7];
	for (size_t i = 0; i < n; i++) {
		const char *esc = escape_of((unsigned char)s[i], buf);
		if (!esc)
			continue;
		json_text_raw(t, s + run, i - run);
		json_text_raw(t, esc, strlen(esc));
		run = i + 1;
	}
	json_text_raw(t, s + run, n - run);
	json_text_char(t, '"');
}

void json_text_int(struct json_text *t, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%" PRId64, v);
	json_text_raw(t, buf, (size_t)n);
}

void json_text_real(struct json_text *t, double v)
{
	json_t *j = isfinite(v) ? json_real(v) : NULL;
	char buf[64];
	size_t n = j ? json_dumpb(j, buf, sizeof(buf), JSON_COMPACT | JSON_ENCODE_ANY) : 0;
	json_decref(j);
	if (n == 0 || n > sizeof(buf))
		json_text_null(t);
	else
		json_text_raw(t, buf, n);
}

void json_text_bool(struct json_text *t, bool v)
{
	if (v)
		json_text_raw(t, "true", 4);
	else
		json_text_raw(t, "false", 5);
}

void json_text_null(struct json_text *t)
{
	json_text_raw(t, "null", 4);
}

void json_text_key(struct json_text *t, const char *key, bool *first)
{
	if (!*first)
		json_text_char(t, ',');
	*first = false;
	json_text_string(t, key);
	json_text_char(t, ':');
}
