#ifndef KRING_DATES_H
#define KRING_DATES_H

#include <stdbool.h>
#include <stdint.h>

/* A calendar date without time or zone. */
struct date {
	int year, month, day;
};

/* Parses exactly "YYYY-MM-DD" and refuses impossible dates (2026-02-30). */
bool date_parse(const char *s, struct date *out);

/* Writes "YYYY-MM-DD" into out (11 bytes). */
void date_format(struct date d, char out[static 11]);

/* Negative, zero or positive as a is before, on or after b. */
int date_compare(struct date a, struct date b);

/* Days from a to b (positive when b is later). */
int64_t date_days_between(struct date a, struct date b);

/* The date `days` days after d (negative: before). */
struct date date_add_days(struct date d, int64_t days);

/* The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
struct date date_add_months(struct date d, int months);

/*
 * Age in whole years on `day` for someone born on `birth`: the number of
 * birthdays passed, a birthday counting from its own day. Someone born on
 * 29 February has their birthday on 1 March in other years.
 */
int date_age_on(struct date birth, struct date day);

/* ISO 8601 week: Monday-based, week 1 holds the year's first Thursday. */
void date_iso_week(struct date d, int *iso_year, int *week);

/* 1 = Monday … 7 = Sunday. */
int date_weekday(struct date d);

/* The Monday of d's ISO week. */
struct date date_week_start(struct date d);

/* True on 1 January, 1 April, 1 July and 1 October. */
bool date_is_quarter_start(struct date d);

/* True on 31 March, 30 June, 30 September and 31 December. */
bool date_is_quarter_end(struct date d);

/* Today's date in the process's local zone (kring sets Europe/Amsterdam). */
struct date date_today(void);

#endif
