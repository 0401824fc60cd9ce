#include "domain/alerts.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

const char *alert_kind_name(enum alert_kind k)
{
	static const char *const names[] = {"load_high",      "wellbeing_low", "wants_to_stop",
	                                    "doubt_repeated", "inactive",      "checkin_overdue"};
	return names[k];
}

struct alert_settings alert_settings_default(void)
{
	return (struct alert_settings){.checkin_interval_days = 14,
	                               .checkin_grace_days = 7,
	                               .load_hours_per_week = 20,
	                               .load_weeks_high = 2,
	                               .load_weeks_window = 3,
	                               .inactive_days = 21};
}

/* The English details, written by the rules and read back by alert_facts_read(). */
#define DETAIL_WELLBEING "wellbeing %d of 5"
#define DETAIL_LOAD      "more than %d hours in %d of the last %d weeks"
#define DETAIL_INACTIVE  "no activity logged for %lld days"
#define DETAIL_OVERDUE   "check-in due since %10s"
#define KEY_INACTIVE     "since-%10s"

struct found_list {
	struct alert_found *out;
	size_t max, n;
};

static void add(struct found_list *l, enum alert_kind kind, const char *key, const char *detail)
{
	if (l->n == l->max)
		return;
	struct alert_found *f = &l->out[l->n++];
	f->kind = kind;
	snprintf(f->key, sizeof(f->key), "%s", key);
	snprintf(f->detail, sizeof(f->detail), "%s", detail);
}

static void checkin_rules(const struct alert_input *in, struct found_list *l)
{
	char key[40], detail[160];
	for (size_t i = 0; i < in->checkin_count; i++) {
		const struct alert_checkin *c = &in->checkins[i];
		snprintf(key, sizeof(key), "checkin-%lld", c->id);
		if (c->wellbeing <= 2) {
			snprintf(detail, sizeof(detail), DETAIL_WELLBEING, c->wellbeing);
			add(l, ALERT_WELLBEING_LOW, key, detail);
		}
		if (c->cont == CONTINUE_NO)
			add(l, ALERT_WANTS_TO_STOP, key, "answered no to going on");
		if (i > 0 && c->cont == CONTINUE_DOUBT &&
		    in->checkins[i - 1].cont == CONTINUE_DOUBT)
			add(l, ALERT_DOUBT_REPEATED, key, "doubt in two check-ins in a row");
	}
}

static int weeks_over(const int *minutes, size_t n, const struct alert_settings *s)
{
	int over = 0;
	for (size_t i = 0; i < n; i++)
		if (minutes[i] > s->load_hours_per_week * 60)
			over++;
	return over;
}

static void load_rule(const struct alert_input *in, const struct alert_settings *s,
                      struct found_list *l)
{
	int year, week;
	char key[40], detail[160];
	int over = weeks_over(in->week_minutes, in->week_count, s);
	if (over < s->load_weeks_high)
		return;
	date_iso_week(in->today, &year, &week);
	snprintf(key, sizeof(key), "%04d-W%02d", year, week);
	snprintf(detail, sizeof(detail), DETAIL_LOAD, s->load_hours_per_week, over,
	         (int)in->week_count);
	add(l, ALERT_LOAD_HIGH, key, detail);
}

static void time_rules(const struct alert_input *in, const struct alert_settings *s,
                       struct found_list *l)
{
	char key[40], detail[160], day[11];
	struct date since = in->has_activity ? in->last_activity : in->jim_started;
	int64_t idle = date_days_between(since, in->today);
	if (idle >= s->inactive_days) {
		date_format(since, day);
		snprintf(key, sizeof(key), KEY_INACTIVE, day);
		snprintf(detail, sizeof(detail), DETAIL_INACTIVE, (long long)idle);
		add(l, ALERT_INACTIVE, key, detail);
	}
	struct date last =
	    in->checkin_count ? in->checkins[in->checkin_count - 1].on : in->jim_started;
	int64_t waited = date_days_between(last, in->today);
	if (waited > (int64_t)s->checkin_interval_days + s->checkin_grace_days) {
		date_format(alerts_next_checkin(in, s), day);
		snprintf(key, sizeof(key), "due-%s", day);
		snprintf(detail, sizeof(detail), DETAIL_OVERDUE, day);
		add(l, ALERT_CHECKIN_OVERDUE, key, detail);
	}
}

size_t alerts_evaluate(const struct alert_input *in, const struct alert_settings *s,
                       struct alert_found *out, size_t max)
{
	struct found_list l = {.out = out, .max = max};
	checkin_rules(in, &l);
	load_rule(in, s, &l);
	time_rules(in, s, &l);
	return l.n;
}

struct date alerts_next_checkin(const struct alert_input *in, const struct alert_settings *s)
{
	struct date last =
	    in->checkin_count ? in->checkins[in->checkin_count - 1].on : in->jim_started;
	return date_add_days(last, s->checkin_interval_days);
}

/* Whether `text` is exactly a date in YYYY-MM-DD form. */
static bool is_date(const char *text)
{
	struct date d;
	return date_parse(text, &d);
}

bool alert_facts_read(const char *kind, const char *key, const char *detail,
                      struct alert_facts *out)
{
	*out = (struct alert_facts){
	    .wellbeing = -1, .hours = -1, .weeks = -1, .window = -1, .days = -1};
	int end = -1;
	if (!kind || !key || !detail)
		return false;
	if (strcmp(kind, "wellbeing_low") == 0)
		return sscanf(detail, DETAIL_WELLBEING "%n", &out->wellbeing, &end) == 1 &&
		       scanned_to_end(detail, end);
	if (strcmp(kind, "load_high") == 0)
		return sscanf(detail, DETAIL_LOAD "%n", &out->hours, &out->weeks, &out->window,
		              &end) == 3 &&
		       scanned_to_end(detail, end);
	if (strcmp(kind, "inactive") == 0)
		return sscanf(detail, DETAIL_INACTIVE "%n", &out->days, &end) == 1 &&
		       scanned_to_end(detail, end) && sscanf(key, KEY_INACTIVE, out->since) == 1 &&
		       is_date(out->since);
	if (strcmp(kind, "checkin_overdue") == 0)
		return sscanf(detail, DETAIL_OVERDUE "%n", out->due, &end) == 1 &&
		       scanned_to_end(detail, end) && is_date(out->due);
	return strcmp(kind, "wants_to_stop") == 0 || strcmp(kind, "doubt_repeated") == 0;
}

bool alert_load_window(const char *key, const struct alert_settings *s, struct date *first,
                       struct date *last)
{
	int year, week, end = -1, y2, w2;
	if (sscanf(key, "%4d-W%2d%n", &year, &week, &end) != 2 || !scanned_to_end(key, end) ||
	    year < 1 || week < 1 || week > 53 || s->load_weeks_window < 1)
		return false;
	struct date monday =
	    date_add_days(date_week_start((struct date){year, 1, 4}), 7 * (int64_t)(week - 1));
	date_iso_week(monday, &y2, &w2);
	if (y2 != year || w2 != week)
		return false; /* week 53 of a year that has 52 */
	*first = date_add_days(monday, -7 * (int64_t)(s->load_weeks_window - 1));
	*last = date_add_days(monday, 6);
	return true;
}

/* Which week of the window from `first` (`n` weeks) holds day `d`; -1 for none. */
static int64_t week_index(struct date first, size_t n, struct date d)
{
	int64_t days = date_days_between(first, d);
	return days >= 0 && days / 7 < (int64_t)n ? days / 7 : -1;
}

static bool load_made_untrue(const char *key, const struct alert_correction *c, const int *after,
                             const struct alert_settings *s)
{
	struct date first, last;
	if (!alert_load_window(key, s, &first, &last))
		return false;
	size_t n = (size_t)s->load_weeks_window;
	int64_t was = week_index(first, n, c->old_on);
	int64_t now = c->removed ? -1 : week_index(first, n, c->new_on);
	int over_before = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t m = after[i];
		if ((int64_t)i == was)
			m += c->old_minutes;
		if ((int64_t)i == now)
			m -= c->new_minutes;
		if (m > (int64_t)s->load_hours_per_week * 60)
			over_before++;
	}
	return over_before >= s->load_weeks_high && weeks_over(after, n, s) < s->load_weeks_high;
}

/* Whether day `d` is one of the days after `since` up to `since` + `days`. */
static bool in_quiet_days(struct date d, struct date since, long long days)
{
	int64_t k = date_days_between(since, d);
	return k >= 1 && k <= days;
}

static bool inactive_made_untrue(const char *key, const char *detail,
                                 const struct alert_correction *c)
{
	struct alert_facts f;
	struct date since;
	if (c->removed || !alert_facts_read("inactive", key, detail, &f) ||
	    !date_parse(f.since, &since))
		return false;
	return in_quiet_days(c->new_on, since, f.days) && !in_quiet_days(c->old_on, since, f.days);
}

bool alert_made_untrue(const char *kind, const char *key, const char *detail,
                       const struct alert_correction *c, const int *week_minutes,
                       const struct alert_settings *s)
{
	if (!kind || !key || !detail)
		return false;
	if (strcmp(kind, "load_high") == 0)
		return week_minutes && load_made_untrue(key, c, week_minutes, s);
	if (strcmp(kind, "inactive") == 0)
		return inactive_made_untrue(key, detail, c);
	return false;
}
