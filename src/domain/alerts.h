#ifndef KRING_ALERTS_H
#define KRING_ALERTS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/dates.h"

/*
 * Watching over the JIM's load (DESIGN.md §1.5): pure rules that turn a
 * JIM's recent check-ins and logged hours into alerts. Each alert has a
 * kind and a key; the caller stores an alert once per (JIM, kind, key), so
 * running the rules again never repeats one.
 */
enum alert_kind {
	ALERT_LOAD_HIGH,
	ALERT_WELLBEING_LOW,
	ALERT_WANTS_TO_STOP,
	ALERT_DOUBT_REPEATED,
	ALERT_INACTIVE,
	ALERT_CHECKIN_OVERDUE,
};

const char *alert_kind_name(enum alert_kind k);

/* Per-organisation thresholds; alert_settings_default() gives the documented ones. */
struct alert_settings {
	int checkin_interval_days;
	int checkin_grace_days;
	int load_hours_per_week;
	int load_weeks_high;
	int load_weeks_window;
	int inactive_days;
};

struct alert_settings alert_settings_default(void);

enum checkin_continue { CONTINUE_YES, CONTINUE_DOUBT, CONTINUE_NO };

struct alert_checkin {
	long long id;
	struct date on;
	int wellbeing;
	enum checkin_continue cont;
};

struct alert_input {
	struct date today;
	struct date jim_started;
	/* Check-ins oldest first. */
	const struct alert_checkin *checkins;
	size_t checkin_count;
	bool has_activity;
	struct date last_activity;
	/* Minutes logged in each of the last load_weeks_window ISO weeks, oldest
	 * first; the last entry is the current week. */
	const int *week_minutes;
	size_t week_count;
};

struct alert_found {
	enum alert_kind kind;
	char key[40];
	char detail[160];
};

/* Writes up to `max` alerts into out and returns how many fired. */
size_t alerts_evaluate(const struct alert_input *in, const struct alert_settings *s,
                       struct alert_found *out, size_t max);

/*
 * The figures of a stored alert, read back from its detail and key (which
 * alerts_evaluate() wrote, in English, for the API and the logs), so that a
 * screen can say them in its own language. Fields that the kind does not
 * have stay -1 or empty. False when the kind is unknown or the detail is
 * not in the form this version writes.
 */
struct alert_facts {
	int wellbeing;  /* wellbeing_low: the check-in's wellbeing, 1-5 */
	int hours;      /* load_high: the hours-per-week threshold */
	int weeks;      /* load_high: weeks over it */
	int window;     /* load_high: out of this many weeks */
	long long days; /* inactive: days without activity when it fired */
	char since[11]; /* inactive: the last activity (or the JIM's start) */
	char due[11];   /* checkin_overdue: the day the check-in was due */
};
bool alert_facts_read(const char *kind, const char *key, const char *detail,
                      struct alert_facts *out);

/*
 * One logged activity corrected (changed or removed): its day and minutes
 * before, and after; `removed` when it was deleted (no day or minutes after).
 */
struct alert_correction {
	struct date old_on, new_on;
	int old_minutes, new_minutes;
	bool removed;
};

/*
 * The weeks a stored load_high alert looked at: s->load_weeks_window ISO
 * weeks ending with the week in its key (the week it fired), from the
 * Monday of the first (*first) to the Sunday of the last (*last). False
 * when the key is not such a week.
 */
bool alert_load_window(const char *key, const struct alert_settings *s, struct date *first,
                       struct date *last);

/*
 * Whether the correction `c` made a stored alert untrue that held just
 * before it. Only load_high and inactive are about hours, so only they can
 * be. load_high: `week_minutes` holds the minutes of each week of its window
 * (alert_load_window(), oldest first) after the correction; it held when
 * enough weeks were over the threshold before, and holds no longer.
 * inactive: the correction moved an activity into the days the alert said
 * had none (after its `since`, up to the day it fired), from outside them.
 * Thresholds are the ones of now, before and after alike.
 */
bool alert_made_untrue(const char *kind, const char *key, const char *detail,
                       const struct alert_correction *c, const int *week_minutes,
                       const struct alert_settings *s);

/* When the next check-in is due (last check-in, or the start, plus the interval). */
struct date alerts_next_checkin(const struct alert_input *in, const struct alert_settings *s);

#endif
