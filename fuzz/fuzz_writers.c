/*
 * libFuzzer driver for the CSV, iCalendar and JSON text writers: any text,
 * including invalid UTF-8, control characters and formula starts, must come
 * out as well-formed output — every iCalendar line at most 75 octets and
 * ended by CRLF, never split inside a UTF-8 character, every CSV row ended
 * by CRLF with the text recoverable, and a JSON string written byte for byte
 * as jansson writes it (null for what jansson refuses).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/csv.h"
#include "api/ical.h"
#include "fuzz_text.h"
#include "util/json_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether s is well-formed UTF-8 (lead bytes followed by the right continuations). */
static bool valid_utf8(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80             ? 0
		        : (*s & 0xE0) == 0xC0 ? 1
		        : (*s & 0xF0) == 0xE0 ? 2
		        : (*s & 0xF8) == 0xF0 ? 3
		                              : -1;
		if (n < 0)
			return false;
		for (int i = 1; i <= n; i++)
			if ((s[i] & 0xC0) != 0x80)
				return false;
		s += n + 1;
	}
	return true;
}

/* Lines at most 75 octets with CRLF; for UTF-8 input, no fold inside a character. */
static void check_ical(const char *text, bool utf8)
{
	for (const char *line = text, *end; *line; line = end + 2) {
		end = strstr(line, "\r\n");
		if (!end || end - line > 75)
			abort();
		if (utf8 && line != text && line[0] == ' ' &&
		    ((unsigned char)line[1] & 0xC0) == 0x80)
			abort(); /* a continuation byte right after a fold */
	}
}

/* json_text_string writes what jansson's json_dumps writes for the same string. */
static void check_json_string(const char *text)
{
	struct json_text t = {0};
	json_text_string(&t, text);
	json_t *j = json_string(text);
	char *want = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("null");
	if (!want || strcmp(t.data, want) != 0)
		abort();
	free(want);
	json_decref(j);
	free(t.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct ical c;
	struct ical_event e = {.uid = "meeting-1@kring",
	                       .sequence = (int)(size % 7),
	                       .starts = 1700000000 + (int64_t)size,
	                       .ends = 1700003600,
	                       .stamp = 1700000000,
	                       .summary = text,
	                       .location = text,
	                       .description = text};
	ical_begin(&c, size % 2);
	ical_event(&c, &e);
	ical_end(&c);
	check_ical(c.data, valid_utf8((const unsigned char *)text));
	ical_free(&c);
	struct csv v;
	csv_init(&v);
	csv_text(&v, text);
	csv_text(&v, text);
	csv_end_row(&v);
	if (v.len < 5 || memcmp(v.data + v.len - 2, "\r\n", 2) != 0)
		abort();
	csv_free(&v);
	check_json_string(text);
	free(text);
	return 0;
}
