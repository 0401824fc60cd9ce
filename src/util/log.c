#include "util/log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/clock.h"

#define LOG_LINE_MAX  4096
#define LOG_VALUE_MAX 512

struct line {
	char buf[LOG_LINE_MAX];
	size_t len;
};

static void put_char(struct line *l, char ch)
{
	if (l->len + 2 < sizeof(l->buf)) /* room for the newline and NUL */
		l->buf[l->len++] = ch;
}

static void put_text(struct line *l, const char *s)
{
	for (; *s; s++)
		put_char(l, *s);
}

static bool needs_quotes(const char *v)
{
	if (!*v)
		return true;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p <= ' ' || *p == '"' || *p == '=' || *p == '\\' || *p == 0x7f)
			return true;
	return false;
}

/* A value, quoted and escaped when needed, at most LOG_VALUE_MAX bytes of it. */
static void put_value(struct line *l, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	bool quoted = needs_quotes(v);
	if (quoted)
		put_char(l, '"');
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)v; *p && n < LOG_VALUE_MAX; p++, n++) {
		if (*p == '"' || *p == '\\') {
			put_char(l, '\\');
			put_char(l, (char)*p);
		} else if (*p == '\n') {
			put_text(l, "\\n");
		} else if (*p == '\t') {
			put_text(l, "\\t");
		} else if (*p < ' ' || *p == 0x7f) {
			put_text(l, "\\x");
			put_char(l, hex[*p >> 4]);
			put_char(l, hex[*p & 15]);
		} else {
			put_char(l, (char)*p);
		}
	}
	if (quoted)
		put_char(l, '"');
}

static void put_pair(struct line *l, const char *key, const char *value)
{
	put_char(l, ' ');
	put_text(l, key);
	put_char(l, '=');
	put_value(l, value);
}

static const char *level_name(enum log_level level)
{
	switch (level) {
	case LOG_INFO:
		return "info";
	case LOG_WARN:
		return "warn";
	case LOG_ERROR:
		return "error";
	case LOG_FATAL:
		return "fatal";
	}
	return "error";
}

static void vlog_line(enum log_level level, const char *msg, va_list ap)
{
	struct line l = {.len = 0};
	char ts[25];
	clock_format_iso_ms(clock_now_ms(), ts);
	put_text(&l, "ts=");
	put_text(&l, ts);
	put_pair(&l, "level", level_name(level));
	put_pair(&l, "msg", msg);
	for (const char *key = va_arg(ap, const char *); key; key = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);
		if (value)
			put_pair(&l, key, value);
	}
	l.buf[l.len++] = '\n';
	fwrite(l.buf, 1, l.len, stderr);
}

void log_line(enum log_level level, const char *msg, ...)
{
	va_list ap;
	va_start(ap, msg);
	vlog_line(level, msg, ap);
	va_end(ap);
}

void log_error(const char *msg, const char *fmt, ...)
{
	char detail[LOG_VALUE_MAX + 1];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	log_line(LOG_ERROR, msg, "error", detail, (const char *)NULL);
}

void log_library(const char *msg, const char *fmt, va_list ap)
{
	char detail[LOG_VALUE_MAX + 1];
	vsnprintf(detail, sizeof(detail), fmt, ap);
	char *path = strchr(detail, '/');
	if (path)
		*path = '\0';
	size_t n = strlen(detail);
	while (n && (detail[n - 1] == '\n' || detail[n - 1] == ' '))
		detail[--n] = '\0';
	log_line(LOG_WARN, msg, "detail", detail, "cut", path ? "path" : NULL, (const char *)NULL);
}
