#include "auth/totp_key.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "store/store_query.h"
#include "util/log.h"
#include "util/secret_file.h"

#define SEALED_PREFIX     "k1:"
#define SEALED_PREFIX_LEN 3
#define NONCE_BYTES       crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES         crypto_aead_xchacha20poly1305_ietf_ABYTES
/* Separates this key from any other derived from the same file (the research key's). */
#define KEY_CONTEXT "kring-totp-secrets-v1"

#define KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES

static unsigned char totp_key[KEY_BYTES];
static bool totp_key_present;

/* Derives the key of a key file into out; false (logged) when the file is unusable. */
static bool key_from_file(const char *path, unsigned char out[KEY_BYTES])
{
	unsigned char buf[SECRET_FILE_KEY_MAX];
	size_t n;
	enum secret_file_status st = secret_file_read_key(path, buf, &n);
	if (st == SECRET_FILE_OK)
		crypto_generichash(out, KEY_BYTES, buf, n, (const unsigned char *)KEY_CONTEXT,
		                   sizeof(KEY_CONTEXT) - 1);
	sodium_memzero(buf, sizeof(buf));
	secret_file_log_problem(st, "the TOTP key", path);
	return st == SECRET_FILE_OK;
}

bool totp_key_load(const char *path)
{
	totp_key_present = key_from_file(path, totp_key);
	if (!totp_key_present)
		sodium_memzero(totp_key, sizeof(totp_key));
	return totp_key_present;
}

bool totp_key_loaded(void)
{
	return totp_key_present;
}

void totp_key_forget(void)
{
	sodium_memzero(totp_key, sizeof(totp_key));
	totp_key_present = false;
}

bool totp_secret_is_sealed(const char *stored)
{
	return stored && strncmp(stored, SEALED_PREFIX, SEALED_PREFIX_LEN) == 0;
}

/* Seals secret (n bytes) of `username` with `key` into out; false when it cannot. */
static bool seal_with(const unsigned char key[KEY_BYTES], const char *secret, size_t n,
                      const char *username, char out[TOTP_STORED_MAX])
{
	unsigned char box[NONCE_BYTES + TOTP_SECRET_CHARS + TAG_BYTES];
	unsigned long long sealed_len = 0;
	randombytes_buf(box, NONCE_BYTES);
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(
	        box + NONCE_BYTES, &sealed_len, (const unsigned char *)secret, n,
	        (const unsigned char *)username, strlen(username), NULL, box, key) != 0)
		return false;
	memcpy(out, SEALED_PREFIX, sizeof(SEALED_PREFIX)); /* the NUL is overwritten next */
	sodium_bin2base64(out + SEALED_PREFIX_LEN, TOTP_STORED_MAX - SEALED_PREFIX_LEN, box,
	                  NONCE_BYTES + (size_t)sealed_len,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(box, sizeof(box));
	return true;
}

bool totp_secret_seal(const char *secret, const char *username, char out[TOTP_STORED_MAX])
{
	size_t n = strlen(secret);
	out[0] = '\0';
	if (n == 0 || n > TOTP_SECRET_CHARS || totp_secret_is_sealed(secret) || !username)
		return false;
	if (!totp_key_present) {
		memcpy(out, secret, n + 1);
		return true;
	}
	return seal_with(totp_key, secret, n, username, out);
}

/* Opens a sealed secret (after its prefix) of `username` into out; false when the key does not. */
static bool open_sealed(const char *text, const char *username, char out[TOTP_SECRET_CHARS + 1])
{
	unsigned char box[NONCE_BYTES + TOTP_SECRET_CHARS + TAG_BYTES];
	size_t box_len = 0;
	unsigned long long n = 0;
	const char *end = NULL;
	if (!username ||
	    sodium_base642bin(box, sizeof(box), text, strlen(text), NULL, &box_len, &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    *end != '\0' || box_len <= NONCE_BYTES + TAG_BYTES)
		return false;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
	        (unsigned char *)out, &n, NULL, box + NONCE_BYTES, box_len - NONCE_BYTES,
	        (const unsigned char *)username, strlen(username), box, totp_key) != 0)
		return false;
	out[n] = '\0';
	return strlen(out) == n;
}

enum totp_open_status totp_secret_open(const char *stored, const char *username,
                                       char out[TOTP_SECRET_CHARS + 1])
{
	out[0] = '\0';
	if (!totp_secret_is_sealed(stored)) {
		size_t n = stored ? strlen(stored) : 0;
		if (!stored || n > TOTP_SECRET_CHARS)
			return TOTP_OPEN_REFUSED;
		memcpy(out, stored, n + 1);
		return TOTP_OPEN_OK;
	}
	if (!totp_key_present)
		return TOTP_OPEN_NO_KEY;
	if (open_sealed(stored + SEALED_PREFIX_LEN, username, out))
		return TOTP_OPEN_OK;
	sodium_memzero(out, TOTP_SECRET_CHARS + 1);
	return TOTP_OPEN_REFUSED;
}

/* Logs why no sealed secret opens: no key, or another one. */
static void log_no_secret_opens(enum totp_open_status st)
{
	if (st == TOTP_OPEN_NO_KEY)
		log_line(LOG_ERROR,
		         "the TOTP secrets in the database are sealed: start with the TOTP key "
		         "(--totp-key) they were sealed with",
		         (const char *)NULL);
	else
		log_line(
		    LOG_ERROR,
		    "the TOTP key does not open the TOTP secrets in the database: is it the key "
		    "they were sealed with?",
		    (const char *)NULL);
}

/*
 * Whether the key opens every sealed secret of the database: false, logged,
 * when none opens (no key loaded, or another one) or some do not (sealed
 * with another key by a command given that one: `kring totp-key forget`
 * clears them, by number only in the log), so that kring does not start
 * with logins that cannot succeed or seal new secrets with a wrong key.
 */
static bool sealed_secrets_open(struct store_conn *c)
{
	json_t *rows = NULL, *row;
	size_t i, opened = 0;
	enum totp_open_status failed = TOTP_OPEN_OK;
	char secret[TOTP_SECRET_CHARS + 1];
	if (store_rows(c, SQ_TOTP_SEALED_LIST, NULL, 0, &rows) != STORE_OK) {
		log_line(LOG_ERROR, "could not read the TOTP secrets", (const char *)NULL);
		return false;
	}
	json_array_foreach(rows, i, row)
	{
		enum totp_open_status st =
		    totp_secret_open(json_string_value(json_object_get(row, "totp_secret")),
		                     json_string_value(json_object_get(row, "username")), secret);
		if (st == TOTP_OPEN_OK)
			opened++;
		else
			failed = st;
	}
	sodium_memzero(secret, sizeof(secret));
	size_t total = json_array_size(rows);
	json_decref(rows);
	if (opened == total)
		return true;
	if (opened == 0) {
		log_no_secret_opens(failed);
		return false;
	}
	char n[24];
	snprintf(n, sizeof(n), "%zu", total - opened);
	log_line(LOG_ERROR,
	         "TOTP secrets that the TOTP key does not open (sealed with another key): kring "
	         "totp-key forget clears them, and those accounts are invited again",
	         "count", n, (const char *)NULL);
	return false;
}

bool totp_key_check_store(struct store *s)
{
	struct store_conn *c = store_acquire(s);
	if (!c)
		return false;
	bool ok = sealed_secrets_open(c);
	store_release(c);
	return ok && totp_key_seal_stored(s) >= 0;
}

/* Seals one account's secret unless it changed since it was read. */
static enum store_status seal_one(struct store_conn *c, json_t *row, long *sealed)
{
	const char *plain = json_string_value(json_object_get(row, "totp_secret"));
	char stored[TOTP_STORED_MAX];
	int64_t changed = 0;
	const char *username = json_string_value(json_object_get(row, "username"));
	if (!plain || !totp_secret_seal(plain, username, stored))
		return STORE_OK; /* not a secret kring made: left for the login to refuse */
	enum store_status s =
	    store_run(c, SQ_TOTP_SEAL,
	              STORE_ARGS(SA_INT(json_integer_value(json_object_get(row, "id"))),
	                         SA_TEXT(stored), SA_TEXT(plain)),
	              NULL, &changed);
	sodium_memzero(stored, sizeof(stored));
	*sealed += changed;
	return s;
}

long totp_key_seal_stored(struct store *s)
{
	if (!totp_key_present)
		return 0;
	struct store_conn *c = store_acquire(s);
	if (!c)
		return -1;
	json_t *rows = NULL;
	long sealed = 0;
	enum store_status st = store_rows(c, SQ_TOTP_PLAIN_LIST, NULL, 0, &rows);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (st != STORE_OK)
			break;
		st = seal_one(c, row, &sealed);
	}
	json_decref(rows);
	store_release(c);
	if (st != STORE_OK) {
		log_line(LOG_ERROR, "could not seal the TOTP secrets", (const char *)NULL);
		return -1;
	}
	if (sealed > 0) {
		char n[24];
		snprintf(n, sizeof(n), "%ld", sealed);
		log_line(LOG_INFO, "sealed TOTP secrets with the TOTP key", "count", n,
		         (const char *)NULL);
	}
	return sealed;
}

enum reseal_result { RESEALED, RESEAL_REFUSED, RESEAL_STORE_FAILED };

/*
 * Reseals one account's secret with `fresh` inside the rekey's transaction:
 * RESEAL_REFUSED when it does not open with the loaded key or changed
 * meanwhile, RESEAL_STORE_FAILED when the store did not take it.
 */
static enum reseal_result reseal_one(struct store_conn *c, json_t *row,
                                     const unsigned char fresh[KEY_BYTES])
{
	const char *stored = json_string_value(json_object_get(row, "totp_secret"));
	const char *username = json_string_value(json_object_get(row, "username"));
	char secret[TOTP_SECRET_CHARS + 1], resealed[TOTP_STORED_MAX];
	int64_t changed = 0;
	enum reseal_result result = RESEAL_REFUSED;
	if (username && totp_secret_open(stored, username, secret) == TOTP_OPEN_OK && secret[0] &&
	    seal_with(fresh, secret, strlen(secret), username, resealed)) {
		if (store_run(c, SQ_TOTP_SEAL,
		              STORE_ARGS(SA_INT(json_integer_value(json_object_get(row, "id"))),
		                         SA_TEXT(resealed), SA_TEXT(stored)),
		              NULL, &changed) != STORE_OK)
			result = RESEAL_STORE_FAILED;
		else if (changed == 1)
			result = RESEALED;
	}
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(resealed, sizeof(resealed));
	return result;
}

/*
 * Every secret resealed with `fresh` in one transaction that in_tx ends;
 * how many, or -1 (logged).
 */
static long reseal_all(struct store_conn *c, const unsigned char fresh[KEY_BYTES],
                       totp_rekey_in_tx in_tx, void *arg)
{
	json_t *rows = NULL;
	long resealed = 0;
	if (store_begin(c, true) != STORE_OK) {
		log_line(LOG_ERROR, "could not read the TOTP secrets", (const char *)NULL);
		return -1;
	}
	enum reseal_result result = store_rows(c, SQ_TOTP_ALL_LIST, NULL, 0, &rows) == STORE_OK
	                                ? RESEALED
	                                : RESEAL_STORE_FAILED;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (result != RESEALED || (result = reseal_one(c, row, fresh)) != RESEALED)
			break;
		resealed++;
	}
	json_decref(rows);
	if (result == RESEALED && !in_tx(c, resealed, arg))
		result = RESEAL_STORE_FAILED;
	if (result == RESEALED && store_commit(c) == STORE_OK)
		return resealed;
	store_rollback(c);
	log_line(LOG_ERROR,
	         result == RESEAL_REFUSED
	             ? "a TOTP secret does not open with the current TOTP key (--totp-key), or "
	               "changed meanwhile: nothing was changed"
	             : "could not read or store the TOTP secrets: nothing was changed",
	         (const char *)NULL);
	return -1;
}

long totp_key_rekey(struct store *s, const char *new_path, totp_rekey_in_tx in_tx, void *arg)
{
	unsigned char fresh[KEY_BYTES];
	if (!key_from_file(new_path, fresh))
		return -1;
	struct store_conn *c = store_acquire(s);
	long resealed = c ? reseal_all(c, fresh, in_tx, arg) : -1;
	store_release(c);
	if (resealed >= 0) {
		memcpy(totp_key, fresh, sizeof(totp_key));
		totp_key_present = true;
	}
	sodium_memzero(fresh, sizeof(fresh));
	return resealed;
}
