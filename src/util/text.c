#include "util/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/log.h"

_Noreturn void fatal(const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	log_line(LOG_FATAL, "stopping on an unrecoverable error", "error", detail,
	         (const char *)NULL);
	abort();
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool parse_long_range(const char *s, long min, long max, long *out)
{
	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	errno = 0;
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_id(const char *s, int64_t *out)
{
	if (!s || !*s || strlen(s) > 18)
		return false;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	long long v = strtoll(s, NULL, 10);
	if (v <= 0)
		return false;
	*out = v;
	return true;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	sodium_bin2hex(out, 2 * n + 1, in, n);
}

void random_hex(size_t n, char *out)
{
	unsigned char raw[64];
	if (n > sizeof(raw))
		fatal("random_hex: %zu bytes is too many", n);
	randombytes_buf(raw, n);
	hex_encode(raw, n, out);
}

bool scanned_to_end(const char *text, int end)
{
	return end >= 0 && text[end] == '\0';
}

bool text_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool str_equal_ct(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
