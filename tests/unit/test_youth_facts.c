#include "unit.h"

#include "domain/youth_facts.h"

static struct date d(int y, int m, int day)
{
	return (struct date){y, m, day};
}

static void living_round_trip(void **state)
{
	(void)state;
	char buf[FACTS_LIVING_SIZE] = "";
	struct living_change out[4];
	assert_int_equal(facts_living_code("foster_care"), 'p');
	assert_int_equal(facts_living_code("network_foster_care"), 'n');
	assert_int_equal(facts_living_code("home"), 'h');
	assert_int_equal(facts_living_code(NULL), 'h');
	assert_true(facts_living_append(buf, d(2024, 1, 5), 'h'));
	assert_true(facts_living_append(buf, d(2024, 6, 1), 'n'));
	assert_true(facts_living_append(buf, d(2025, 2, 28), 'p'));
	assert_string_equal(buf, "2024-01-05h2024-06-01n2025-02-28p");
	assert_int_equal(facts_living_decode(buf, false, out, 4), 3);
	assert_int_equal(out[1].on.month, 6);
	assert_false(out[0].placement);
	assert_true(out[1].placement);
	assert_true(out[2].placement);
	assert_int_equal(facts_living_decode(buf, true, out, 4), 3);
	assert_false(out[1].placement); /* network placements count as home */
	assert_true(out[2].placement);
	/* more than max: the first max are kept, and nothing is written beyond */
	assert_int_equal(facts_living_decode(buf, false, out, 2), 2);
	assert_int_equal(out[1].on.month, 6);
	assert_int_equal(facts_living_decode("", false, out, 4), 0);
	assert_int_equal(facts_living_decode(NULL, false, out, 4), 0);
}

static void living_full_buffer(void **state)
{
	(void)state;
	char buf[FACTS_LIVING_SIZE] = "";
	int n = 0;
	while (facts_living_append(buf, d(2020, 1, 1 + n % 28), 'h'))
		n++;
	assert_int_equal(n, FACTS_MAX_CHANGES);
	assert_int_equal(strlen(buf), FACTS_MAX_CHANGES * 11);
}

static void living_refuses_damage(void **state)
{
	(void)state;
	struct living_change out[4];
	const char *bad[] = {"2024-01-05",      "2024-01-05x", "2024-02-30h",
	                     "2024-01-05h2024", "x024-01-05h", "2024-01-05hh"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(facts_living_decode(bad[i], false, out, 4), (size_t)-1);
}

static void jims_round_trip(void **state)
{
	(void)state;
	char buf[FACTS_JIMS_SIZE] = "";
	struct facts_jim a = {d(2024, 2, 1), false, {0}},
	                 b = {d(2024, 9, 1), true, d(2024, 10, 15)};
	struct facts_jim got;
	assert_true(facts_jim_reason_is_early("dropped_out"));
	assert_true(facts_jim_reason_is_early("unsuitable"));
	assert_false(facts_jim_reason_is_early("youth_chose_another"));
	assert_false(facts_jim_reason_is_early(NULL));
	assert_true(facts_jim_append(buf, &a));
	assert_true(facts_jim_append(buf, &b));
	assert_string_equal(buf, "2024-02-01,2024-09-01>2024-10-15");
	const char *cursor = buf;
	assert_int_equal(facts_jim_next(&cursor, &got), 1);
	assert_false(got.ended_early);
	assert_int_equal(got.started.month, 2);
	assert_int_equal(facts_jim_next(&cursor, &got), 1);
	assert_true(got.ended_early);
	assert_int_equal(got.ended.day, 15);
	assert_int_equal(facts_jim_next(&cursor, &got), 0);
	const char *bad[] = {"2024-02-01,", "2024-02-01>", "2024-02-01>2024-13-01", "2024-02-01;",
	                     "2024-02",     ",2024-02-01", "2024-02-01,,2024-03-01"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		cursor = bad[i];
		int rc;
		while ((rc = facts_jim_next(&cursor, &got)) == 1)
			;
		assert_int_equal(rc, -1);
	}
}

/*
 * Retention by hand, today 2025-01-01: a JIM from 2024-01-01 that dropped
 * out on 2024-05-01 reached both horizons (day 182 = 2024-07-01, day 365 =
 * 2024-12-31) and was gone at both; one from 2024-06-01, still there, reached
 * only the 6-month horizon (2024-11-30); one from 2024-03-01 that ended early
 * on 2024-12-01 was there at 6 months (2024-08-30) but not at 12 (2025-03-01
 * is after today: not eligible).
 */
static void jim_retention_by_hand(void **state)
{
	(void)state;
	long eligible[2] = {0}, kept[2] = {0};
	struct facts_jim jims[] = {{d(2024, 1, 1), true, d(2024, 5, 1)},
	                           {d(2024, 6, 1), false, {0}},
	                           {d(2024, 3, 1), true, d(2024, 12, 1)}};
	for (size_t i = 0; i < 3; i++)
		facts_jim_retention(&jims[i], d(2025, 1, 1), eligible, kept);
	assert_int_equal(eligible[0], 3);
	assert_int_equal(kept[0], 2);
	assert_int_equal(eligible[1], 1);
	assert_int_equal(kept[1], 0);
}

/* T0 is the first period; T9 the later period nearest to start + 9 months. */
static void attendance_t0_t9(void **state)
{
	(void)state;
	struct facts_attendance a;
	facts_attendance_start(&a, d(2024, 1, 31)); /* nine months: 2024-10-31 */
	facts_attendance_add(&a, d(2024, 2, 1), 50);
	assert_false(a.has_t9);
	facts_attendance_add(&a, d(2024, 10, 1), 70);  /* 30 days off */
	facts_attendance_add(&a, d(2024, 11, 30), 80); /* 30 days off: the earlier stays */
	facts_attendance_add(&a, d(2025, 6, 1), 90);
	assert_int_equal(a.t0, 50);
	assert_true(a.has_t9);
	assert_int_equal(a.t9, 70);
	facts_attendance_add(&a, d(2024, 11, 1), 60); /* 1 day off */
	assert_int_equal(a.t9, 60);
	assert_int_equal(a.periods, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(living_round_trip),     cmocka_unit_test(living_full_buffer),
	    cmocka_unit_test(living_refuses_damage), cmocka_unit_test(jims_round_trip),
	    cmocka_unit_test(jim_retention_by_hand), cmocka_unit_test(attendance_t0_t9),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
