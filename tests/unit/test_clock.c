#include "unit.h"

#include <time.h>

#include "util/clock.h"
#include "util/text.h"

static void parses_dates_and_times(void **state)
{
	(void)state;
	int64_t ms;
	assert_true(clock_parse_iso_ms("1970-01-02", &ms));
	assert_int_equal(ms, 86400000);
	assert_true(clock_parse_iso_ms("2026-03-01T09:30:00Z", &ms));
	char out[25];
	clock_format_iso_ms(ms, out);
	assert_string_equal(out, "2026-03-01T09:30:00.000Z");
	assert_true(clock_parse_iso_ms("2024-02-29T23:59:59.999Z", &ms));
	clock_format_iso_ms(ms, out);
	assert_string_equal(out, "2024-02-29T23:59:59.999Z");
}

static void refuses_impossible_dates(void **state)
{
	(void)state;
	int64_t ms;
	const char *bad[] = {"2026-02-29",
	                     "2026-02-30",
	                     "2026-13-01",
	                     "2026-00-10",
	                     "2026-1-1",
	                     "2026-03-01T24:00:00Z",
	                     "2026-03-01T09:30:00",
	                     "2026-03-01T09:30:00+01:00",
	                     "",
	                     "yesterday",
	                     "2026-03-01x"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(clock_parse_iso_ms(bad[i], &ms));
}

static void parses_numbers_strictly(void **state)
{
	(void)state;
	int64_t id;
	long v;
	assert_true(parse_id("42", &id));
	assert_int_equal(id, 42);
	assert_false(parse_id("0", &id));
	assert_false(parse_id("-1", &id));
	assert_false(parse_id("4 2", &id));
	assert_false(parse_id("", &id));
	assert_false(parse_id("9999999999999999999", &id));
	assert_true(parse_long_range("1000", 1, 1000, &v));
	assert_false(parse_long_range("1001", 1, 1000, &v));
	assert_false(parse_long_range("+5", 1, 1000, &v));
	assert_int_equal(utf8_length("Zoë"), 3);
}

/* The monotonic clock counts microseconds and does not run backwards. */
static void compares_texts_that_may_be_missing(void **state)
{
	(void)state;
	assert_true(text_same(NULL, NULL));
	assert_true(text_same("De JIM", "De JIM"));
	assert_false(text_same("De JIM", NULL));
	assert_false(text_same(NULL, ""));
	assert_false(text_same("De JIM", "De jim"));
	assert_false(text_same("", "x"));
}

static void monotonic_clock_counts_microseconds(void **state)
{
	(void)state;
	int64_t before = clock_monotonic_us();
	struct timespec pause = {.tv_nsec = 20 * 1000 * 1000};
	nanosleep(&pause, NULL);
	int64_t after = clock_monotonic_us();
	assert_true(before > 0);
	assert_true(after - before >= 20 * 1000);
	assert_true(after - before < 20 * 1000 * 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parses_dates_and_times),
	    cmocka_unit_test(refuses_impossible_dates),
	    cmocka_unit_test(parses_numbers_strictly),
	    cmocka_unit_test(compares_texts_that_may_be_missing),
	    cmocka_unit_test(monotonic_clock_counts_microseconds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
