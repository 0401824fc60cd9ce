#include "api/ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buffer.h"
#include "util/text.h"

#define FOLD_OCTETS 75

static void put(struct ical *c, const char *s, size_t n)
{
	buffer_append(&c->data, &c->len, &c->cap, s, n);
}

/* Writes one content line, folded: CRLF plus a space before each continuation. */
static void line(struct ical *c, const char *text)
{
	size_t n = strlen(text), start = 0, limit = FOLD_OCTETS;
	while (n - start > limit) {
		size_t cut = start + limit;
		while (cut > start && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;    /* never split a UTF-8 character */
		if (cut == start) /* not UTF-8 at all: split where the limit falls */
			cut = start + limit;
		put(c, text + start, cut - start);
		put(c, "\r\n ", 3);
		start = cut;
		limit = FOLD_OCTETS - 1; /* the leading space counts */
	}
	put(c, text + start, n - start);
	put(c, "\r\n", 2);
}

/* "NAME:" + value escaped as TEXT (backslash, ';', ',', newline). */
static void text_line(struct ical *c, const char *name, const char *value)
{
	size_t n = strlen(name), vn = value ? strlen(value) : 0;
	char *buf = malloc(n + 2 * vn + 2);
	if (!buf)
		fatal("out of memory");
	char *o = buf;
	memcpy(o, name, n);
	o += n;
	*o++ = ':';
	for (size_t i = 0; i < vn; i++) {
		char ch = value[i];
		if (ch == '\r')
			continue;
		if (ch == '\\' || ch == ';' || ch == ',') {
			*o++ = '\\';
			*o++ = ch;
		} else if (ch == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else {
			*o++ = ch;
		}
	}
	*o = '\0';
	line(c, buf);
	free(buf);
}

void ical_begin(struct ical *c, bool request)
{
	memset(c, 0, sizeof(*c));
	line(c, "BEGIN:VCALENDAR");
	line(c, "VERSION:2.0");
	line(c, "PRODID:-//kring//kring 0.1//NL");
	line(c, "CALSCALE:GREGORIAN");
	if (request)
		line(c, "METHOD:REQUEST");
	line(c, "BEGIN:VTIMEZONE");
	line(c, "TZID:Europe/Amsterdam");
	line(c, "BEGIN:DAYLIGHT");
	line(c, "TZOFFSETFROM:+0100");
	line(c, "TZOFFSETTO:+0200");
	line(c, "TZNAME:CEST");
	line(c, "DTSTART:19700329T020000");
	line(c, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
	line(c, "END:DAYLIGHT");
	line(c, "BEGIN:STANDARD");
	line(c, "TZOFFSETFROM:+0200");
	line(c, "TZOFFSETTO:+0100");
	line(c, "TZNAME:CET");
	line(c, "DTSTART:19701025T030000");
	line(c, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
	line(c, "END:STANDARD");
	line(c, "END:VTIMEZONE");
}

static void local_time(int64_t t, char out[20])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(out, 20, "%Y%m%dT%H%M%S", &tm);
}

void ical_event(struct ical *c, const struct ical_event *e)
{
	char buf[128], when[20];
	time_t stamp = (time_t)e->stamp;
	struct tm tm;
	line(c, "BEGIN:VEVENT");
	text_line(c, "UID", e->uid);
	gmtime_r(&stamp, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, sizeof(buf), "DTSTAMP:%s", when);
	line(c, buf);
	snprintf(buf, sizeof(buf), "SEQUENCE:%d", e->sequence);
	line(c, buf);
	local_time(e->starts, when);
	snprintf(buf, sizeof(buf), "DTSTART;TZID=Europe/Amsterdam:%s", when);
	line(c, buf);
	local_time(e->ends, when);
	snprintf(buf, sizeof(buf), "DTEND;TZID=Europe/Amsterdam:%s", when);
	line(c, buf);
	text_line(c, "SUMMARY", e->summary);
	if (e->location)
		text_line(c, "LOCATION", e->location);
	if (e->description)
		text_line(c, "DESCRIPTION", e->description);
	line(c, "ORGANIZER;CN=kring:mailto:noreply@kring.invalid");
	line(c, e->cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
	line(c, "END:VEVENT");
}

void ical_end(struct ical *c)
{
	line(c, "END:VCALENDAR");
}

void ical_free(struct ical *c)
{
	free(c->data);
	memset(c, 0, sizeof(*c));
}
