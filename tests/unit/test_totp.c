#include "unit.h"

#include "auth/totp.h"
#include "auth/totp_key.h"

#include <sys/stat.h>

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

/* Writes n bytes of `fill` to a new file of the given mode; its path in out. */
static void key_file(char out[256], unsigned char fill, size_t n, mode_t mode)
{
	char dir[] = "/tmp/kring-unit-key-XXXXXX";
	unsigned char buf[64];
	assert_non_null(mkdtemp(dir));
	snprintf(out, 256, "%s/totp.key", dir);
	memset(buf, fill, sizeof(buf));
	FILE *f = fopen(out, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	fclose(f);
	assert_int_equal(chmod(out, mode), 0);
}

/* Removes a file of key_file() and its directory. */
static void key_file_remove(const char *path)
{
	char dir[256];
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	unlink(path);
	rmdir(dir);
}

/* Without a key a secret is stored as it is and read back as it is. */
static void without_a_key_secrets_stay_as_they_are(void **state)
{
	(void)state;
	char stored[TOTP_STORED_MAX], opened[TOTP_SECRET_CHARS + 1];
	totp_key_forget();
	assert_true(totp_secret_seal(RFC_SECRET, "beheer", stored));
	assert_string_equal(stored, RFC_SECRET);
	assert_false(totp_secret_is_sealed(stored));
	assert_int_equal(totp_secret_open(stored, "beheer", opened), TOTP_OPEN_OK);
	assert_string_equal(opened, RFC_SECRET);
	assert_false(totp_secret_seal("", "beheer", stored));
	assert_false(
	    totp_secret_seal(RFC_SECRET "A", "beheer", stored)); /* longer than kring makes */
}

/*
 * With a key a secret is sealed ("k1:", base64 of nonce, secret and tag),
 * differently each time, and opens only with that key, unchanged and for
 * the account it was sealed for; a sealed secret without a key is
 * TOTP_OPEN_NO_KEY.
 */
static void sealed_secrets_open_only_with_their_key(void **state)
{
	(void)state;
	char path[256], other[256], s1[TOTP_STORED_MAX], s2[TOTP_STORED_MAX];
	char opened[TOTP_SECRET_CHARS + 1];
	key_file(path, 0x5a, 32, 0600);
	key_file(other, 0x5b, 32, 0600);
	assert_true(totp_key_load(path));
	assert_true(totp_key_loaded());
	assert_true(totp_secret_seal(RFC_SECRET, "beheer", s1));
	assert_true(totp_secret_seal(RFC_SECRET, "beheer", s2));
	assert_true(totp_secret_is_sealed(s1));
	assert_int_equal(strlen(s1), 3 + 96);
	assert_null(strstr(s1, RFC_SECRET));
	assert_string_not_equal(s1, s2);
	assert_int_equal(totp_secret_open(s1, "beheer", opened), TOTP_OPEN_OK);
	assert_string_equal(opened, RFC_SECRET);
	assert_int_equal(totp_secret_open(s2, "beheer", opened), TOTP_OPEN_OK);
	assert_string_equal(opened, RFC_SECRET);
	assert_false(totp_secret_seal(s1, "beheer", s2)); /* never sealed twice */
	assert_int_equal(totp_secret_open(s1, "beheer2", opened), TOTP_OPEN_REFUSED);
	assert_string_equal(opened, "");
	assert_int_equal(totp_secret_open(s1, NULL, opened), TOTP_OPEN_REFUSED);
	assert_false(totp_secret_seal(RFC_SECRET, NULL, s2));

	char changed[TOTP_STORED_MAX];
	strcpy(changed, s1);
	changed[20] = changed[20] == 'A' ? 'B' : 'A';
	assert_int_equal(totp_secret_open(changed, "beheer", opened), TOTP_OPEN_REFUSED);
	assert_string_equal(opened, "");
	strcpy(changed, s1);
	changed[40] = '\0'; /* cut short */
	assert_int_equal(totp_secret_open(changed, "beheer", opened), TOTP_OPEN_REFUSED);
	assert_int_equal(totp_secret_open("k1:", "beheer", opened), TOTP_OPEN_REFUSED);
	assert_int_equal(totp_secret_open("k1:!!!!", "beheer", opened), TOTP_OPEN_REFUSED);

	assert_true(totp_key_load(other));
	assert_int_equal(totp_secret_open(s1, "beheer", opened), TOTP_OPEN_REFUSED);
	totp_key_forget();
	assert_false(totp_key_loaded());
	assert_int_equal(totp_secret_open(s1, "beheer", opened), TOTP_OPEN_NO_KEY);
	assert_string_equal(opened, "");
	key_file_remove(path);
	key_file_remove(other);
}

/* A key file others may read, a short one or a missing one is not loaded. */
static void unusable_key_files_are_refused(void **state)
{
	(void)state;
	char path[256];
	totp_key_forget();
	key_file(path, 0x11, 32, 0644);
	assert_false(totp_key_load(path));
	key_file_remove(path);
	key_file(path, 0x11, 31, 0600);
	assert_false(totp_key_load(path));
	key_file_remove(path);
	assert_false(totp_key_load("/tmp/kring-no-such-dir/totp.key"));
	assert_false(totp_key_loaded());
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
	    cmocka_unit_test(without_a_key_secrets_stay_as_they_are),
	    cmocka_unit_test(sealed_secrets_open_only_with_their_key),
	    cmocka_unit_test(unusable_key_files_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
