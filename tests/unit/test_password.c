#include "unit.h"

#include "auth/password.h"
#include "auth/token.h"

static void hash_and_verify(void **state)
{
	(void)state;
	char h[PASSWORD_HASH_BYTES];
	assert_true(password_hash("correct horse battery", h));
	assert_non_null(strstr(h, "$argon2id$"));
	assert_true(password_verify(h, "correct horse battery"));
	assert_false(password_verify(h, "correct horse batterY"));
	assert_false(password_verify(h, ""));
}

static void unknown_user_never_verifies(void **state)
{
	(void)state;
	assert_false(password_verify(NULL, "kring-dummy-password-for-timing"));
	assert_false(password_verify(NULL, "anything"));
}

static void tokens(void **state)
{
	(void)state;
	char t1[TOKEN_CHARS + 1], t2[TOKEN_CHARS + 1], h[TOKEN_HASH_CHARS + 1];
	token_new(t1);
	token_new(t2);
	assert_int_equal(strlen(t1), TOKEN_CHARS);
	assert_string_not_equal(t1, t2);
	assert_true(token_well_formed(t1));
	assert_false(token_well_formed("short"));
	char bad[TOKEN_CHARS + 1];
	memcpy(bad, t1, sizeof(bad));
	bad[5] = '/';
	assert_false(token_well_formed(bad));
	token_hash(t1, h);
	assert_int_equal(strlen(h), 64);
	assert_null(strstr(h, t1));
}

int main(void)
{
	assert_true(sodium_init() >= 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hash_and_verify),
	    cmocka_unit_test(unknown_user_never_verifies),
	    cmocka_unit_test(tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
