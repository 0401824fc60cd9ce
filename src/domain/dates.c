#include "domain/dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_parse(const char *s, struct date *out)
{
	int v[3] = {0, 0, 0};
	static const int widths[3] = {4, 2, 2};
	const char *p = s;
	if (!s || strlen(s) != 10)
		return false;
	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < widths[f]; i++, p++) {
			if (*p < '0' || *p > '9')
				return false;
			v[f] = v[f] * 10 + (*p - '0');
		}
		if (f < 2 && *p++ != '-')
			return false;
	}
	if (v[0] < 1900 || v[0] > 2999 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
	    v[2] > month_days(v[0], v[1]))
		return false;
	*out = (struct date){v[0], v[1], v[2]};
	return true;
}

void date_format(struct date d, char out[static 11])
{
	unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u,
	         dd = (unsigned)d.day % 100u;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, dd);
}

int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 (civil-from-days inverse, proleptic Gregorian). */
static int64_t days_from_civil(struct date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d.month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static struct date civil_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (struct date){(int)(yoe + era * 400 + (m <= 2)), m, d};
}

int64_t date_days_between(struct date a, struct date b)
{
	return days_from_civil(b) - days_from_civil(a);
}

struct date date_add_days(struct date d, int64_t days)
{
	return civil_from_days(days_from_civil(d) + days);
}

struct date date_add_months(struct date d, int months)
{
	int total = d.year * 12 + (d.month - 1) + months;
	struct date out = {total / 12, total % 12 + 1, d.day};
	if (out.day > month_days(out.year, out.month))
		out.day = month_days(out.year, out.month);
	return out;
}

int date_age_on(struct date birth, struct date day)
{
	int age = day.year - birth.year;
	int bm = birth.month, bd = birth.day;
	if (bm == 2 && bd == 29 && !is_leap(day.year)) {
		bm = 3;
		bd = 1;
	}
	if (day.month < bm || (day.month == bm && day.day < bd))
		age--;
	return age;
}

int date_weekday(struct date d)
{
	int64_t days = days_from_civil(d);   /* 1970-01-01 was a Thursday */
	int64_t wd = (days % 7 + 7 + 3) % 7; /* 0 = Monday */
	return (int)wd + 1;
}

bool date_is_quarter_start(struct date d)
{
	return d.day == 1 && d.month % 3 == 1;
}

bool date_is_quarter_end(struct date d)
{
	return date_is_quarter_start(date_add_days(d, 1));
}

struct date date_week_start(struct date d)
{
	return date_add_days(d, -(date_weekday(d) - 1));
}

void date_iso_week(struct date d, int *iso_year, int *week)
{
	struct date thursday = date_add_days(d, 4 - date_weekday(d));
	struct date jan1 = {thursday.year, 1, 1};
	*iso_year = thursday.year;
	*week = (int)(date_days_between(jan1, thursday) / 7) + 1;
}

struct date date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}
