#include "domain/youth_facts.h"

#include <stdlib.h>
#include <string.h>

static const int retention_horizons[2] = {182, 365};

char facts_living_code(const char *living_situation)
{
	if (outcome_is_placement(living_situation, true))
		return 'p';
	if (outcome_is_placement(living_situation, false))
		return 'n';
	return 'h';
}

bool facts_living_append(char *buf, struct date on, char code)
{
	size_t len = strlen(buf);
	if (len + 11 >= FACTS_LIVING_SIZE)
		return false;
	date_format(on, buf + len);
	buf[len + 10] = code;
	buf[len + 11] = '\0';
	return true;
}

/* Reads "YYYY-MM-DD" at s (at least 10 characters must be there). */
static bool date_at(const char *s, struct date *out)
{
	char text[11];
	memcpy(text, s, 10);
	text[10] = '\0';
	return date_parse(text, out);
}

/* Whether s has n characters before its end (strnlen keeps this bounded). */
static bool has_chars(const char *s, size_t n)
{
	return strnlen(s, n) == n;
}

size_t facts_living_decode(const char *text, bool network_is_home, struct living_change *out,
                           size_t max)
{
	size_t n = 0;
	if (!text)
		return 0;
	for (const char *p = text; *p; p += 11) {
		struct date on;
		if (!has_chars(p, 11) || !date_at(p, &on))
			return (size_t)-1;
		char code = p[10];
		if (code != 'p' && code != 'n' && code != 'h')
			return (size_t)-1;
		if (n < max)
			out[n++] = (struct living_change){
			    on, code == 'p' || (code == 'n' && !network_is_home)};
	}
	return n;
}

bool facts_jim_reason_is_early(const char *end_reason)
{
	return end_reason &&
	       (!strcmp(end_reason, "dropped_out") || !strcmp(end_reason, "unsuitable"));
}

bool facts_jim_append(char *buf, const struct facts_jim *jim)
{
	size_t len = strlen(buf), need = (len ? 1 : 0) + 10 + (jim->ended_early ? 11 : 0);
	if (len + need >= FACTS_JIMS_SIZE)
		return false;
	if (len)
		buf[len++] = ',';
	date_format(jim->started, buf + len);
	len += 10;
	if (jim->ended_early) {
		buf[len++] = '>';
		date_format(jim->ended, buf + len);
	}
	return true;
}

int facts_jim_next(const char **cursor, struct facts_jim *out)
{
	const char *p = *cursor;
	if (!p || !*p)
		return 0;
	memset(out, 0, sizeof(*out));
	if (!has_chars(p, 10) || !date_at(p, &out->started))
		return -1;
	p += 10;
	if (*p == '>') {
		if (!has_chars(p + 1, 10) || !date_at(p + 1, &out->ended))
			return -1;
		out->ended_early = true;
		p += 11;
	}
	if (*p == ',') {
		if (p[1] == '\0')
			return -1;
		p++; /* the separator belongs to this period: a leading one is refused */
	} else if (*p != '\0') {
		return -1;
	}
	*cursor = p;
	return 1;
}

void facts_jim_retention(const struct facts_jim *jim, struct date today, long eligible[2],
                         long kept[2])
{
	for (int h = 0; h < 2; h++) {
		struct date horizon = date_add_days(jim->started, retention_horizons[h]);
		if (date_compare(horizon, today) > 0)
			continue;
		eligible[h]++;
		kept[h] += !(jim->ended_early && date_compare(jim->ended, horizon) <= 0);
	}
}

void facts_attendance_start(struct facts_attendance *a, struct date started)
{
	memset(a, 0, sizeof(*a));
	a->nine_months = date_add_months(started, 9);
}

void facts_attendance_add(struct facts_attendance *a, struct date period_from, int share)
{
	if (a->periods++ == 0) {
		a->t0 = share;
		return;
	}
	int64_t distance = llabs(date_days_between(a->nine_months, period_from));
	if (!a->has_t9 || distance < a->best_distance) {
		a->has_t9 = true;
		a->best_distance = distance;
		a->t9 = share;
	}
}
