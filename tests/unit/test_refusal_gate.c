/*
 * Refused tries at files per account (auth/refusal_gate.h): an account is
 * held off once it reaches the limit, until its window has passed; other
 * accounts go on; a crowd of accounts with a refusal or two cannot push a
 * held-off account out of the table.
 */
#include "unit.h"

#include "auth/refusal_gate.h"

#define WINDOW 600
#define T0     1700000000000LL

static int reset(void **state)
{
	(void)state;
	refusal_gate_reset();
	return 0;
}

static void held_off_at_the_limit_until_the_window_passes(void **state)
{
	(void)state;
	for (int i = 0; i < 4; i++) {
		assert_int_equal(refusal_gate_wait(7, T0 + i, 5, WINDOW), 0);
		refusal_gate_note(7, T0 + i, WINDOW);
	}
	assert_int_equal(refusal_gate_wait(7, T0 + 10, 5, WINDOW), 0);
	refusal_gate_note(7, T0 + 10, WINDOW);
	/* the window began at the first refusal */
	assert_int_equal(refusal_gate_wait(7, T0 + 10, 5, WINDOW), WINDOW);
	assert_int_equal(refusal_gate_wait(7, T0 + 100 * 1000, 5, WINDOW), WINDOW - 100);
	assert_int_equal(refusal_gate_wait(7, T0 + WINDOW * 1000LL - 1, 5, WINDOW), 1);
	assert_int_equal(refusal_gate_wait(7, T0 + WINDOW * 1000LL, 5, WINDOW), 0);
	/* a new window starts from one */
	refusal_gate_note(7, T0 + WINDOW * 1000LL, WINDOW);
	assert_int_equal(refusal_gate_wait(7, T0 + WINDOW * 1000LL, 2, WINDOW), 0);
}

static void another_account_goes_on(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++)
		refusal_gate_note(11, T0, WINDOW);
	assert_true(refusal_gate_wait(11, T0, 3, WINDOW) > 0);
	assert_int_equal(refusal_gate_wait(12, T0, 3, WINDOW), 0);
	assert_int_equal(refusal_gate_wait(11, T0, 4, WINDOW), 0);
}

static void a_crowd_does_not_push_a_held_off_account_out(void **state)
{
	(void)state;
	for (int i = 0; i < 5; i++)
		refusal_gate_note(42, T0, WINDOW);
	for (int64_t u = 1000; u < 30000; u++)
		refusal_gate_note(u, T0 + 1, WINDOW);
	assert_true(refusal_gate_wait(42, T0 + 2, 5, WINDOW) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(held_off_at_the_limit_until_the_window_passes, reset),
	    cmocka_unit_test_setup(another_account_goes_on, reset),
	    cmocka_unit_test_setup(a_crowd_does_not_push_a_held_off_account_out, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
