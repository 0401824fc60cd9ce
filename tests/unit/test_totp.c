#include "unit.h"

#include "auth/totp.h"

/* RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1. */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static void rfc6238_vectors(void **state)
{
	(void)state;
	char code[7];
	assert_true(totp_code(RFC_SECRET, 59, code));
	assert_string_equal(code, "287082"); /* 94287082, last six digits */
	assert_true(totp_code(RFC_SECRET, 1111111109, code));
	assert_string_equal(code, "081804");
	assert_true(totp_code(RFC_SECRET, 1234567890, code));
	assert_string_equal(code, "005924");
}

/*
 * "081804" is the code of step 1111111109 / 30 = 37037036 (t is the last
 * second of that step). One step either way is accepted, two are not; the
 * step reported is the code's own, whichever step the clock is in.
 */
static void one_step_of_drift_is_accepted(void **state)
{
	(void)state;
	int64_t t = 1111111109, step = 0;
	const int64_t code_step = 37037036;
	assert_int_equal(t / 30, code_step);
	assert_true(totp_check(RFC_SECRET, "081804", t));
	assert_true(totp_check(RFC_SECRET, "081804", t - 29)); /* the same step */
	assert_int_equal((t - 30) / 30, code_step - 1);
	assert_true(totp_check_step(RFC_SECRET, "081804", t - 30, &step));
	assert_int_equal(step, code_step);
	assert_int_equal((t + 30) / 30, code_step + 1);
	assert_true(totp_check_step(RFC_SECRET, "081804", t + 30, &step));
	assert_int_equal(step, code_step);
	assert_int_equal((t - 60) / 30, code_step - 2);
	assert_false(totp_check(RFC_SECRET, "081804", t - 60));
	assert_int_equal((t + 60) / 30, code_step + 2);
	assert_false(totp_check(RFC_SECRET, "081804", t + 60));
	assert_false(totp_check(RFC_SECRET, "081804", t + 90));
	assert_false(totp_check(RFC_SECRET, "081804", t - 90));
}

static void malformed_codes_are_refused(void **state)
{
	(void)state;
	int64_t t = 1111111109;
	assert_false(totp_check(RFC_SECRET, "81804", t));
	assert_false(totp_check(RFC_SECRET, "0818040", t));
	assert_false(totp_check(RFC_SECRET, "08180a", t));
	assert_false(totp_check(RFC_SECRET, "", t));
	assert_false(totp_check(NULL, "081804", t));
	assert_false(totp_check("!!not base32!!", "081804", t));
}

static void new_secrets_work(void **state)
{
	(void)state;
	char s1[TOTP_SECRET_CHARS + 1], s2[TOTP_SECRET_CHARS + 1], code[7];
	assert_true(totp_new_secret(s1));
	assert_true(totp_new_secret(s2));
	assert_int_equal(strlen(s1), 32);
	assert_string_not_equal(s1, s2);
	assert_true(totp_code(s1, 1700000000, code));
	assert_true(totp_check(s1, code, 1700000000));
}

int main(void)
{
	assert_true(sodium_init() >= 0);
	assert_true(totp_init());
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rfc6238_vectors),
	    cmocka_unit_test(one_step_of_drift_is_accepted),
	    cmocka_unit_test(malformed_codes_are_refused),
	    cmocka_unit_test(new_secrets_work),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
