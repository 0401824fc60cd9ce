#include "unit.h"

#include "domain/bsn.h"
#include "domain/consent.h"
#include "domain/dates.h"
#include "domain/history_cause.h"
#include "domain/jim_bounds.h"
#include "domain/person_rules.h"
#include "domain/subject_rights.h"

static void eleven_test(void **state)
{
	(void)state;
	/* 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11 */
	assert_true(bsn_valid("111222333"));
	assert_true(bsn_valid("123456782"));
	assert_false(bsn_valid("123456788")); /* sum off by 6 */
	assert_false(bsn_valid("12345678"));
	assert_false(bsn_valid("1234567820"));
	assert_false(bsn_valid("12345678a"));
	assert_false(bsn_valid("000000000"));
	assert_false(bsn_valid(""));
	assert_false(bsn_valid(NULL));
}

static struct date d(int y, int m, int day)
{
	return (struct date){y, m, day};
}

static void dates_and_ages(void **state)
{
	(void)state;
	struct date out;
	assert_true(date_parse("2024-02-29", &out));
	assert_false(date_parse("2025-02-29", &out));
	assert_false(date_parse("2025-04-31", &out));
	assert_false(date_parse("2025-4-1", &out));
	assert_false(date_parse("2025-04-01T00", &out));
	/* The day before and on the 12th and 16th birthday. */
	assert_int_equal(date_age_on(d(2014, 6, 15), d(2026, 6, 14)), 11);
	assert_int_equal(date_age_on(d(2014, 6, 15), d(2026, 6, 15)), 12);
	assert_int_equal(date_age_on(d(2010, 6, 15), d(2026, 6, 14)), 15);
	assert_int_equal(date_age_on(d(2010, 6, 15), d(2026, 6, 15)), 16);
	/* Born on 29 February: a year older on 1 March in other years. */
	assert_int_equal(date_age_on(d(2012, 2, 29), d(2025, 2, 28)), 12);
	assert_int_equal(date_age_on(d(2012, 2, 29), d(2025, 3, 1)), 13);
	assert_int_equal(date_age_on(d(2012, 2, 29), d(2028, 2, 29)), 16);
	assert_int_equal(date_days_between(d(2026, 1, 1), d(2026, 3, 1)), 59);
	assert_int_equal(date_days_between(d(2024, 1, 1), d(2024, 3, 1)), 60);
	struct date x = date_add_days(d(2026, 12, 31), 1);
	assert_int_equal(date_compare(x, d(2027, 1, 1)), 0);
	x = date_add_months(d(2026, 12, 31), 2);
	assert_int_equal(date_compare(x, d(2027, 2, 28)), 0);
	/* Quarter boundaries (the suppressed figures' date filters). */
	assert_true(date_is_quarter_start(d(2026, 1, 1)));
	assert_true(date_is_quarter_start(d(2026, 10, 1)));
	assert_false(date_is_quarter_start(d(2026, 2, 1)));
	assert_false(date_is_quarter_start(d(2026, 4, 2)));
	assert_true(date_is_quarter_end(d(2026, 3, 31)));
	assert_true(date_is_quarter_end(d(2026, 6, 30)));
	assert_true(date_is_quarter_end(d(2026, 12, 31)));
	assert_false(date_is_quarter_end(d(2026, 6, 29)));
	assert_false(date_is_quarter_end(d(2026, 7, 31)));
	assert_false(date_is_quarter_end(d(2024, 2, 29)));
	char buf[11];
	date_format(d(2026, 3, 9), buf);
	assert_string_equal(buf, "2026-03-09");
}

static void consent_by_age(void **state)
{
	(void)state;
	/* Under 12: custody holders decide. */
	assert_true(consent_satisfied(11, false, true));
	assert_false(consent_satisfied(11, true, false));
	/* 12 to 15: both. */
	assert_false(consent_satisfied(12, false, true));
	assert_false(consent_satisfied(12, true, false));
	assert_true(consent_satisfied(12, true, true));
	assert_true(consent_satisfied(15, true, true));
	assert_false(consent_satisfied(15, true, false));
	/* 16 and over: the young person alone. */
	assert_true(consent_satisfied(16, true, false));
	assert_false(consent_satisfied(16, false, true));
	assert_int_equal(consent_rule_for_age(0), CONSENT_CUSTODY_ONLY);
	assert_int_equal(consent_rule_for_age(23), CONSENT_YOUTH_ONLY);
	assert_int_equal(consent_scope_from_name("share_notes_marked_shared"), SCOPE_SHARE_NOTES);
	assert_int_equal(consent_scope_from_name("share_everything"), 0);
}

static struct jim_assessment approve(void)
{
	return (struct jim_assessment){.adult = true,
	                               .willing_to_cooperate = true,
	                               .child_safe = true,
	                               .own_load_manageable = true,
	                               .decision = JIM_APPROVE};
}

static void lower_bounds(void **state)
{
	(void)state;
	const char *field;
	struct jim_assessment a = approve();
	assert_null(jim_assessment_problem(&a, &field));
	a.is_parent = true;
	assert_non_null(jim_assessment_problem(&a, &field));
	assert_string_equal(field, "is_parent");
	a = approve();
	a.child_safe = false;
	a.reason = "we hebben hier uitgebreid over gesproken";
	assert_non_null(jim_assessment_problem(&a, &field));
	assert_string_equal(field, "child_safe");
	a = approve();
	a.willing_to_cooperate = false;
	assert_non_null(jim_assessment_problem(&a, &field));
	a = approve();
	a.adult = false; /* a minor needs a reason */
	assert_non_null(jim_assessment_problem(&a, &field));
	assert_string_equal(field, "reason");
	a.reason = "zus van 17, zeer betrokken";
	assert_null(jim_assessment_problem(&a, &field));
	a = approve();
	a.decision = JIM_DECLINE;
	a.reason = "te kort";
	assert_non_null(jim_assessment_problem(&a, &field));
	a.reason = "                       "; /* spaces are not a reason */
	assert_non_null(jim_assessment_problem(&a, &field));
	a.reason = "woont te ver weg en heeft geen tijd";
	assert_null(jim_assessment_problem(&a, &field));
	a = approve();
	a.is_parent = true;
	a.decision = JIM_DISCUSS;
	assert_null(jim_assessment_problem(&a, &field));
	/* not yet known: only a decision to discuss may leave a bound open */
	a = approve();
	a.child_safe = JIM_UNKNOWN;
	assert_non_null(jim_assessment_problem(&a, &field));
	assert_string_equal(field, "child_safe");
	a.decision = JIM_DECLINE;
	a.reason = "woont te ver weg en heeft geen tijd";
	assert_non_null(jim_assessment_problem(&a, &field));
	assert_string_equal(field, "child_safe");
	a.decision = JIM_DISCUSS;
	a.is_parent = a.adult = a.willing_to_cooperate = a.own_load_manageable = JIM_UNKNOWN;
	assert_null(jim_assessment_problem(&a, &field));
	/* a decline sent back by the teamlead: a short reason */
	assert_non_null(jim_return_reason_problem(NULL));
	assert_non_null(jim_return_reason_problem("te kort"));
	assert_non_null(jim_return_reason_problem("          nee"));
	assert_null(jim_return_reason_problem("eerst met de oom praten"));
	assert_false(jim_ever_approvable(true, true));
	assert_false(jim_ever_approvable(false, false));
	assert_true(jim_ever_approvable(false, true));
}

static void person_names(void **state)
{
	(void)state;
	assert_null(person_check_name("Zoë 't Hooft"));
	assert_null(person_check_name("Çiğdem Öztürk-de Vries"));
	assert_null(person_check_name("محمد"));
	assert_null(person_check_name("李小龙"));
	assert_null(person_check_name("Jan-Willem van ’t Veld"));
	assert_null(person_check_name("J.P."));
	assert_non_null(person_check_name(""));
	assert_non_null(person_check_name("   "));
	assert_non_null(person_check_name("'-"));
	assert_non_null(person_check_name("R2-D2"));
	assert_non_null(person_check_name("<b>Anna</b>"));
	assert_non_null(person_check_name("Anna\nBob"));
	char name[102];
	memset(name, 'a', 101);
	name[101] = '\0';
	assert_non_null(person_check_name(name));
	name[100] = '\0';
	assert_null(person_check_name(name));
	assert_null(person_check_text("regel een\nregel twee", 100));
	assert_non_null(person_check_text("bel\x07", 100));
}

/* Deadlines (a month; three for destruction, clamped to the month's end) and who may ask. */
static void subject_rights(void **state)
{
	(void)state;
	struct date d = rights_due_on("access", (struct date){2026, 1, 31});
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 28);
	d = rights_due_on("destruction", (struct date){2026, 11, 30});
	assert_int_equal(d.year, 2027);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 28);
	assert_true(rights_kind_known("correction"));
	assert_false(rights_kind_known("erase"));
	assert_false(rights_kind_known(NULL));
	assert_true(rights_requester_known("guardian"));
	assert_false(rights_requester_known("neighbour"));
	assert_null(rights_destruction_requester(12, "youth"));
	assert_null(rights_destruction_requester(16, "representative"));
	assert_non_null(rights_destruction_requester(12, "parent"));
	assert_null(rights_destruction_requester(11, "parent"));
	assert_null(rights_destruction_requester(5, "guardian"));
	assert_non_null(rights_destruction_requester(11, "youth"));
	/* retention: 20 years, OTS and guardianship 30; 29 February ends on 28 February */
	struct retention_terms terms = {20, 30, 30};
	d = rights_retention_end(&terms, "voluntary", (struct date){2004, 2, 29});
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	d = rights_retention_end(&terms, "youth_probation", (struct date){2008, 2, 29});
	assert_int_equal(d.year, 2028);
	d = rights_retention_end(&terms, "ots", (struct date){2000, 2, 29});
	assert_int_equal(d.year, 2030);
	assert_int_equal(d.day, 28);
	d = rights_retention_end(&terms, "guardianship", (struct date){2000, 6, 1});
	assert_int_equal(d.year, 2030);
}

/* The reasons kring writes read back as data; what a person types does not. */
static void history_causes(void **state)
{
	(void)state;
	struct history_cause c;
	assert_true(history_cause_read(HISTORY_OPENED, &c));
	assert_string_equal(c.code, "opened");
	assert_true(history_cause_read(HISTORY_JIM_ACTIVATED, &c));
	assert_string_equal(c.code, "jim_activated");
	assert_true(history_cause_read("JIM ended: dropped_out", &c));
	assert_string_equal(c.code, "jim_ended");
	assert_string_equal(c.value, "dropped_out");
	assert_true(history_cause_read("decision of meeting 12 (placement_averted)", &c));
	assert_string_equal(c.code, "meeting_decision");
	assert_string_equal(c.value, "placement_averted");
	assert_int_equal(c.meeting_id, 12);
	const char *typed[] = {"Uitspraak kinderrechter",
	                       "JIM ended: ",
	                       "JIM ended: Moe",
	                       "JIM ended: dropped_out, zei hij",
	                       "decision of meeting 0 (other)",
	                       "decision of meeting 12 (other) en meer",
	                       "decision of meeting x (other)",
	                       "dossier opened!",
	                       ""};
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		assert_false(history_cause_read(typed[i], &c));
		assert_null(c.code);
	}
	assert_false(history_cause_read(NULL, &c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(eleven_test),    cmocka_unit_test(dates_and_ages),
	    cmocka_unit_test(consent_by_age), cmocka_unit_test(lower_bounds),
	    cmocka_unit_test(person_names),   cmocka_unit_test(subject_rights),
	    cmocka_unit_test(history_causes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
