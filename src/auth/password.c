#include "auth/password.h"

#include <pthread.h>
#include <string.h>

#include "util/text.h"

static char dummy_hash[PASSWORD_HASH_BYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	if (!password_hash("kring-dummy-password-for-timing", dummy_hash))
		fatal("cannot compute the dummy password hash");
}

bool password_hash(const char *password, char out[PASSWORD_HASH_BYTES])
{
	return crypto_pwhash_str_alg(
	           out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	           crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool password_verify(const char *hash, const char *password)
{
	if (!hash) {
		pthread_once(&dummy_once, make_dummy_hash);
		/* Spend the time; the answer is "no" whatever it says. */
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			return false;
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
