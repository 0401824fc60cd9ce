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

static void load_rule(const struct alert_input *in, const struct alert_settings *s,
                      struct found_list *l)
{
	int over = 0, year, week;
	char key[40], detail[160];
	for (size_t i = 0; i < in->week_count; i++)
		if (in->week_minutes[i] > s->load_hours_per_week * 60)
			over++;
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
