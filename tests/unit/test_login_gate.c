/*
 * The logins in flight (auth/login_gate.h): each attempt sees the others
 * for its username, its address and its browser, never itself, until they give their
 * claims back.
 */
#include "unit.h"

#include "auth/login_gate.h"

static void an_attempt_alone_sees_no_others(void **state)
{
	(void)state;
	struct login_claim c;
	int by_user = -1, by_addr = -1, by_device = -1;
	login_gate_claim(&c, "anna", "192.0.2.1", 0);
	login_gate_others(&c, &by_user, &by_addr, &by_device);
	assert_int_equal(by_user, 0);
	assert_int_equal(by_addr, 0);
	assert_int_equal(by_device, 0);
	login_gate_release(&c);
}

static void attempts_at_once_see_each_other_until_released(void **state)
{
	(void)state;
	struct login_claim a, b, c;
	int by_user, by_addr, by_device;
	login_gate_claim(&a, "bram", "192.0.2.2", 0);
	login_gate_claim(&b, "bram", "192.0.2.3", 0);
	login_gate_claim(&c, "someone-else", "192.0.2.2", 0);
	/* Two names or addresses in one slot count together (stricter, never looser). */
	int c_shares_name = c.user_slot == a.user_slot, b_shares_addr = b.addr_slot == a.addr_slot;
	assert_int_equal(b.user_slot, a.user_slot);
	assert_int_equal(c.addr_slot, a.addr_slot);
	login_gate_others(&a, &by_user, &by_addr, &by_device);
	assert_int_equal(by_user, 1 + c_shares_name); /* b */
	assert_int_equal(by_addr, 1 + b_shares_addr); /* c */
	login_gate_others(&b, &by_user, &by_addr, &by_device);
	assert_int_equal(by_user, 1 + c_shares_name); /* a */
	assert_int_equal(by_addr, (b.addr_slot == a.addr_slot) * 2);
	login_gate_release(&b);
	login_gate_release(&c);
	login_gate_others(&a, &by_user, &by_addr, &by_device);
	assert_int_equal(by_user, 0);
	assert_int_equal(by_addr, 0);
	login_gate_release(&a);
}

static void without_an_address_only_the_name_counts(void **state)
{
	(void)state;
	struct login_claim a, b;
	int by_user, by_addr, by_device;
	login_gate_claim(&a, "cor", NULL, 0);
	login_gate_claim(&b, "cor", NULL, 0);
	login_gate_others(&a, &by_user, &by_addr, &by_device);
	assert_int_equal(by_user, 1);
	assert_int_equal(by_addr, 0);
	login_gate_release(&a);
	login_gate_release(&b);
	assert_int_equal(a.user_slot, -1);
}

/* Attempts from one browser (api/login_device.h) see each other; others do not count for it. */
static void attempts_from_one_browser_see_each_other(void **state)
{
	(void)state;
	struct login_claim a, b, c;
	int by_user, by_addr, by_device;
	login_gate_claim(&a, "dirk", "192.0.2.4", 7);
	login_gate_claim(&b, "dirk", "192.0.2.5", 7);
	login_gate_claim(&c, "dirk", "192.0.2.6", 0);
	assert_int_equal(c.device_slot, -1);
	login_gate_others(&a, &by_user, &by_addr, &by_device);
	assert_int_equal(by_user, 2);
	assert_int_equal(by_device, 1); /* b, not c */
	login_gate_others(&c, &by_user, &by_addr, &by_device);
	assert_int_equal(by_device, 0);
	login_gate_release(&b);
	login_gate_others(&a, &by_user, &by_addr, &by_device);
	assert_int_equal(by_device, 0);
	login_gate_release(&a);
	login_gate_release(&c);
	assert_int_equal(a.device_slot, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(an_attempt_alone_sees_no_others),
	    cmocka_unit_test(attempts_at_once_see_each_other_until_released),
	    cmocka_unit_test(without_an_address_only_the_name_counts),
	    cmocka_unit_test(attempts_from_one_browser_see_each_other),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
