#include "unit.h"

#include <time.h>

#include "api/csv.h"
#include "api/ical.h"
#include "domain/alerts.h"
#include "domain/dates.h"
#include "domain/money.h"

static struct date d(int y, int m, int day)
{
	return (struct date){y, m, day};
}

/* A JIM who started on 1 Jan 2026, evaluated on Wednesday 14 Jan 2026 (ISO week 3). */
static struct alert_input base(void)
{
	static const int quiet[3] = {300, 300, 300};
	return (struct alert_input){.today = d(2026, 1, 14),
	                            .jim_started = d(2026, 1, 1),
	                            .has_activity = true,
	                            .last_activity = d(2026, 1, 13),
	                            .week_minutes = quiet,
	                            .week_count = 3};
}

static size_t run(const struct alert_input *in, struct alert_found *out)
{
	struct alert_settings s = alert_settings_default();
	return alerts_evaluate(in, &s, out, 16);
}

static bool has(const struct alert_found *f, size_t n, enum alert_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].kind == k)
			return true;
	return false;
}

static void quiet_jim_raises_nothing(void **state)
{
	(void)state;
	struct alert_found f[16];
	struct alert_checkin c[] = {{1, {2026, 1, 10}, 4, CONTINUE_YES}};
	struct alert_input in = base();
	in.checkins = c;
	in.checkin_count = 1;
	assert_int_equal(run(&in, f), 0);
}

static void checkin_rules_at_their_boundaries(void **state)
{
	(void)state;
	struct alert_found f[16];
	struct alert_input in = base();
	struct alert_checkin low[] = {{7, {2026, 1, 10}, 2, CONTINUE_YES}};
	struct alert_checkin fine[] = {{7, {2026, 1, 10}, 3, CONTINUE_DOUBT}};
	in.checkins = low;
	in.checkin_count = 1;
	size_t n = run(&in, f);
	assert_true(has(f, n, ALERT_WELLBEING_LOW));
	assert_string_equal(f[0].key, "checkin-7");
	in.checkins = fine;
	assert_int_equal(run(&in, f), 0); /* wellbeing 3 and one doubt: nothing */
	struct alert_checkin no[] = {{8, {2026, 1, 10}, 4, CONTINUE_NO}};
	in.checkins = no;
	n = run(&in, f);
	assert_true(has(f, n, ALERT_WANTS_TO_STOP));
	assert_false(has(f, n, ALERT_WELLBEING_LOW));
	struct alert_checkin doubts[] = {{1, {2025, 12, 27}, 4, CONTINUE_DOUBT},
	                                 {2, {2026, 1, 10}, 4, CONTINUE_DOUBT}};
	in.checkins = doubts;
	in.checkin_count = 2;
	n = run(&in, f);
	assert_true(has(f, n, ALERT_DOUBT_REPEATED));
	struct alert_checkin broken[] = {{1, {2025, 12, 20}, 4, CONTINUE_DOUBT},
	                                 {2, {2025, 12, 27}, 4, CONTINUE_YES},
	                                 {3, {2026, 1, 10}, 4, CONTINUE_DOUBT}};
	in.checkins = broken;
	in.checkin_count = 3;
	assert_false(has(f, run(&in, f), ALERT_DOUBT_REPEATED));
}

static void load_rule(void **state)
{
	(void)state;
	struct alert_found f[16];
	struct alert_input in = base();
	int two_over[3] = {1201, 100, 1201}; /* more than 20 h in 2 of 3 weeks */
	int exactly[3] = {1200, 1200, 1200}; /* exactly 20 h is not more */
	int one_over[3] = {1500, 100, 100};
	in.week_minutes = two_over;
	size_t n = run(&in, f);
	assert_true(has(f, n, ALERT_LOAD_HIGH));
	assert_string_equal(f[0].key, "2026-W03");
	in.week_minutes = exactly;
	assert_false(has(f, run(&in, f), ALERT_LOAD_HIGH));
	in.week_minutes = one_over;
	assert_false(has(f, run(&in, f), ALERT_LOAD_HIGH));
}

static void time_rules(void **state)
{
	(void)state;
	struct alert_found f[16];
	struct alert_input in = base();
	struct alert_checkin recent[] = {{1, {2026, 1, 10}, 4, CONTINUE_YES}};
	in.checkins = recent;
	in.checkin_count = 1;
	in.last_activity = d(2025, 12, 25); /* 20 days before the 14th: not yet */
	assert_false(has(f, run(&in, f), ALERT_INACTIVE));
	in.last_activity = d(2025, 12, 24); /* 21 days */
	size_t n = run(&in, f);
	assert_true(has(f, n, ALERT_INACTIVE));
	assert_string_equal(f[0].key, "since-2025-12-24");
	in.has_activity = false; /* counted from the start (1 Jan): 13 days */
	assert_false(has(f, run(&in, f), ALERT_INACTIVE));
	/* Check-in overdue: more than 14 + 7 days after the last one. */
	in = base();
	struct alert_checkin old21[] = {{1, {2025, 12, 24}, 4, CONTINUE_YES}};
	struct alert_checkin old22[] = {{1, {2025, 12, 23}, 4, CONTINUE_YES}};
	in.checkins = old21;
	in.checkin_count = 1;
	assert_false(has(f, run(&in, f), ALERT_CHECKIN_OVERDUE));
	in.checkins = old22;
	n = run(&in, f);
	assert_true(has(f, n, ALERT_CHECKIN_OVERDUE));
	struct alert_settings s = alert_settings_default();
	struct date next = alerts_next_checkin(&in, &s);
	assert_int_equal(date_compare(next, d(2026, 1, 6)), 0);
}

/* Every alert the rules write reads back as its figures; other text does not. */
static void alert_facts_round_trip(void **state)
{
	(void)state;
	static const int heavy[3] = {1300, 100, 1300};
	struct alert_checkin low = {.id = 7, .on = d(2026, 1, 2), .wellbeing = 1};
	struct alert_input in = base();
	in.has_activity = false;
	in.today = d(2026, 2, 20);
	in.week_minutes = heavy;
	in.checkins = &low;
	in.checkin_count = 1;
	struct alert_found out[16];
	struct alert_facts f;
	size_t n = run(&in, out);
	assert_int_equal(n, 4); /* wellbeing_low, load_high, inactive, checkin_overdue */
	for (size_t i = 0; i < n; i++)
		assert_true(
		    alert_facts_read(alert_kind_name(out[i].kind), out[i].key, out[i].detail, &f));
	assert_true(alert_facts_read("wellbeing_low", "checkin-7", "wellbeing 1 of 5", &f));
	assert_int_equal(f.wellbeing, 1);
	assert_int_equal(f.hours, -1);
	assert_true(alert_facts_read("load_high", "2026-W08",
	                             "more than 20 hours in 2 of the last 3 weeks", &f));
	assert_int_equal(f.hours, 20);
	assert_int_equal(f.weeks, 2);
	assert_int_equal(f.window, 3);
	assert_true(
	    alert_facts_read("inactive", "since-2026-01-01", "no activity logged for 50 days", &f));
	assert_int_equal(f.days, 50);
	assert_string_equal(f.since, "2026-01-01");
	assert_true(alert_facts_read("checkin_overdue", "due-2026-01-15",
	                             "check-in due since 2026-01-15", &f));
	assert_string_equal(f.due, "2026-01-15");
	assert_true(alert_facts_read("wants_to_stop", "checkin-7", "answered no to going on", &f));
	/* Not in the form kring writes: refused, never read past the text. */
	assert_false(alert_facts_read("wellbeing_low", "checkin-7", "wellbeing 1 of 5 extra", &f));
	assert_false(alert_facts_read("wellbeing_low", "checkin-7", "wellbeing", &f));
	assert_false(alert_facts_read("wellbeing_low", "checkin-7", "", &f));
	assert_false(alert_facts_read("load_high", "x", "more than 20 hours in 2 of the last", &f));
	assert_false(
	    alert_facts_read("inactive", "since-2026-13-01", "no activity logged for 5 days", &f));
	assert_false(
	    alert_facts_read("checkin_overdue", "k", "check-in due since 2026-01-15x", &f));
	assert_false(alert_facts_read("checkin_overdue", "k", "check-in due since tomorrow!", &f));
	assert_false(alert_facts_read("unknown", "k", "d", &f));
	assert_false(alert_facts_read(NULL, "k", "d", &f));
}

/* Which stored alerts a corrected activity makes untrue (alert_made_untrue). */
static void corrections(void **state)
{
	(void)state;
	struct alert_settings s = alert_settings_default();
	struct date first, last;
	assert_true(alert_load_window("2026-W03", &s, &first, &last));
	assert_int_equal(date_compare(first, d(2025, 12, 29)), 0); /* Monday of week 1 */
	assert_int_equal(date_compare(last, d(2026, 1, 18)), 0);   /* Sunday of week 3 */
	assert_true(alert_load_window("2026-W53", &s, &first, &last));
	assert_false(alert_load_window("2025-W53", &s, &first, &last)); /* 2025 has 52 */
	assert_false(alert_load_window("2026-W03x", &s, &first, &last));
	assert_false(alert_load_window("since-2026-01-01", &s, &first, &last));

	const char *load = "more than 20 hours in 2 of the last 3 weeks";
	/* Week 3 was 22 h, brought down to 11 h: week 2 alone is over. */
	const int down[3] = {0, 1320, 660};
	struct alert_correction c = {.old_on = d(2026, 1, 14),
	                             .new_on = d(2026, 1, 14),
	                             .old_minutes = 720,
	                             .new_minutes = 60};
	assert_true(alert_made_untrue("load_high", "2026-W03", load, &c, down, &s));
	/* 21 h after the change: still two weeks over. */
	const int still[3] = {0, 1320, 1260};
	c.new_minutes = 60;
	c.old_minutes = 120;
	assert_false(alert_made_untrue("load_high", "2026-W03", load, &c, still, &s));
	/* Already untrue before (one week over, with the change undone): not this correction. */
	c.old_minutes = 61;
	assert_false(alert_made_untrue("load_high", "2026-W03", load, &c, down, &s));
	/* Removed from week 3. */
	struct alert_correction gone = {
	    .old_on = d(2026, 1, 13), .old_minutes = 700, .removed = true};
	assert_true(alert_made_untrue("load_high", "2026-W03", load, &gone, down, &s));
	/* Moved out of the window: its minutes count before only. */
	struct alert_correction moved = {.old_on = d(2026, 1, 13),
	                                 .new_on = d(2025, 12, 1),
	                                 .old_minutes = 700,
	                                 .new_minutes = 700};
	assert_true(alert_made_untrue("load_high", "2026-W03", load, &moved, down, &s));
	/* A change outside the window leaves the alert's weeks as they were. */
	moved.old_on = d(2025, 12, 2);
	assert_false(alert_made_untrue("load_high", "2026-W03", load, &moved, down, &s));
	assert_false(alert_made_untrue("load_high", "junk", load, &c, down, &s));
	assert_false(alert_made_untrue("load_high", "2026-W03", load, &c, NULL, &s));

	/* inactive since 1 Jan for 30 days: 2-31 Jan had no activity. */
	const char *quiet = "no activity logged for 30 days";
	struct alert_correction into = {.old_on = d(2026, 1, 1), .new_on = d(2026, 1, 31)};
	assert_true(alert_made_untrue("inactive", "since-2026-01-01", quiet, &into, NULL, &s));
	into.new_on = d(2026, 2, 1); /* after the alert's days */
	assert_false(alert_made_untrue("inactive", "since-2026-01-01", quiet, &into, NULL, &s));
	into.new_on = d(2026, 1, 2);
	into.old_on = d(2026, 1, 20); /* already in them: untrue before */
	assert_false(alert_made_untrue("inactive", "since-2026-01-01", quiet, &into, NULL, &s));
	into.old_on = d(2025, 12, 1);
	into.removed = true; /* removing fills no quiet days */
	assert_false(alert_made_untrue("inactive", "since-2026-01-01", quiet, &into, NULL, &s));
	/* The check-in alerts are not about hours. */
	assert_false(
	    alert_made_untrue("wellbeing_low", "checkin-7", "wellbeing 1 of 5", &c, down, &s));
	assert_false(alert_made_untrue(NULL, "k", "d", &c, down, &s));
}

static void iso_weeks(void **state)
{
	(void)state;
	int y, w;
	date_iso_week(d(2026, 1, 1), &y, &w); /* a Thursday */
	assert_int_equal(y, 2026);
	assert_int_equal(w, 1);
	date_iso_week(d(2027, 1, 1), &y, &w); /* a Friday: still 2026's week 53 */
	assert_int_equal(y, 2026);
	assert_int_equal(w, 53);
	date_iso_week(d(2024, 12, 30), &y, &w); /* a Monday in 2025's week 1 */
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
	assert_int_equal(date_weekday(d(2026, 11, 29)), 7);
	assert_int_equal(date_compare(date_week_start(d(2026, 11, 29)), d(2026, 11, 23)), 0);
}

static void money(void **state)
{
	(void)state;
	int64_t t;
	char buf[32];
	assert_true(money_km_tenths(12.5, &t));
	assert_int_equal(t, 125);
	assert_false(money_km_tenths(12.55, &t));
	assert_false(money_km_tenths(-1, &t));
	assert_false(money_km_tenths(2000.1, &t));
	assert_true(money_km_tenths(2000, &t));
	assert_true(money_km_tenths(0.1 + 0.2, &t)); /* 0.30000000000000004 is 0.3 */
	assert_int_equal(t, 3);
	assert_int_equal(money_km_amount(125, 23), 288); /* 287.5 rounds up */
	assert_int_equal(money_km_amount(124, 23), 285); /* 285.2 */
	money_format_km(125, buf);
	assert_string_equal(buf, "12,5");
	money_format_km(120, buf);
	assert_string_equal(buf, "12");
	money_format_euro(288, buf);
	assert_string_equal(buf, "2,88");
	money_format_euro(5, buf);
	assert_string_equal(buf, "0,05");
}

static void csv_for_excel(void **state)
{
	(void)state;
	struct csv c;
	csv_init(&c);
	csv_text(&c, "a;b");
	csv_text(&c, "=1+1");
	csv_text(&c, "zeg \"hoi\"");
	csv_raw(&c, "2,88");
	csv_text(&c, NULL);
	csv_end_row(&c);
	assert_string_equal(c.data, "\xEF\xBB\xBF\"a;b\";'=1+1;\"zeg \"\"hoi\"\"\";2,88;\r\n");
	csv_free(&c);
}

static void ical_lines(void **state)
{
	(void)state;
	struct ical c;
	char longloc[200];
	memset(longloc, 'x', sizeof(longloc) - 1);
	longloc[sizeof(longloc) - 1] = '\0';
	memcpy(longloc + 70, "ëëëë", 8); /* two-byte characters at the fold */
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	struct ical_event e = {.uid = "meeting-1@kring",
	                       .sequence = 2,
	                       .starts = 1783846800 /* 2026-07-12T09:00:00Z */,
	                       .ends = 1783850400,
	                       .stamp = 1783846800,
	                       .summary = "Netwerkoverleg Zoë, deel 1; kort",
	                       .location = longloc};
	ical_begin(&c, true);
	ical_event(&c, &e);
	ical_end(&c);
	assert_non_null(strstr(c.data, "DTSTART;TZID=Europe/Amsterdam:20260712T110000\r\n"));
	assert_non_null(strstr(c.data, "DTSTAMP:20260712T090000Z\r\n"));
	assert_non_null(strstr(c.data, "SUMMARY:Netwerkoverleg Zoë\\, deel 1\\; kort\r\n"));
	assert_non_null(strstr(c.data, "SEQUENCE:2\r\n"));
	/* Every line at most 75 octets, never split inside a UTF-8 character. */
	for (char *line = c.data, *end; *line; line = end + 2) {
		end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75);
		if (line != c.data && line[0] == ' ')
			assert_true(((unsigned char)line[1] & 0xC0) != 0x80);
	}
	ical_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quiet_jim_raises_nothing),
	    cmocka_unit_test(checkin_rules_at_their_boundaries),
	    cmocka_unit_test(load_rule),
	    cmocka_unit_test(time_rules),
	    cmocka_unit_test(alert_facts_round_trip),
	    cmocka_unit_test(corrections),
	    cmocka_unit_test(iso_weeks),
	    cmocka_unit_test(money),
	    cmocka_unit_test(csv_for_excel),
	    cmocka_unit_test(ical_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
