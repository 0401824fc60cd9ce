#ifndef KRING_TOTP_KEY_H
#define KRING_TOTP_KEY_H

/*
 * TOTP secrets sealed at rest (ASVS 2.8.2, docs/SECURITY.md G5). With a key
 * file (`totp-key`, 32 or more random bytes kept apart from the database)
 * each account's TOTP secret is stored as "k1:" and the base64 (URL-safe,
 * no padding) of a random 24-byte nonce and the secret sealed with
 * XChaCha20-Poly1305 (libsodium's AEAD) under a key derived from the file,
 * with the account's username as associated data. A copy of the database or
 * of a backup then no longer holds the secrets that make the second factor,
 * and someone who can write to the database but has no key cannot move
 * their own sealed secret (whose codes they know) to another account: it
 * opens only for the account it was sealed for (usernames do not change). Without a key file
 * secrets are stored as they are (base32), as before; base32 never holds a ':', so the two forms
 * cannot be confused.
 *
 * The key is one per process: totp_key_load() is called once at start,
 * before any thread that seals or opens secrets; after that the functions
 * only read it and may be called from any thread.
 */

#include <stdbool.h>
#include <stddef.h>

#include "auth/totp.h"
#include "store/store.h"

/* "k1:" + base64 of nonce (24) + MAC (16) + secret (32), and the NUL. */
#define TOTP_STORED_MAX 104

/*
 * Reads the key file (only its owner may read it, as for the research key)
 * and keeps the key derived from it. False, with the reason logged (no key
 * material in it), when the file cannot be read, is open to others or holds
 * fewer than 32 bytes.
 */
bool totp_key_load(const char *path);

/* Whether a key was loaded. */
bool totp_key_loaded(void);

/* Wipes the key from memory; later secrets are stored as they are. */
void totp_key_forget(void);

/* Whether a stored secret is sealed (starts with "k1:"). NULL is not. */
bool totp_secret_is_sealed(const char *stored);

/*
 * The form of the base32 secret of the account `username` to store: sealed
 * with the key when one is loaded, else the secret itself. False when it
 * cannot be sealed (empty, longer than TOTP_SECRET_CHARS, or sealed already).
 */
bool totp_secret_seal(const char *secret, const char *username, char out[TOTP_STORED_MAX]);

enum totp_open_status {
	TOTP_OPEN_OK,
	TOTP_OPEN_NO_KEY,  /* sealed, and no key is loaded */
	TOTP_OPEN_REFUSED, /* sealed, and the key does not open it for this account
	                      (another key, another account's secret, or changed) */
};

/*
 * The base32 secret of the account `username` from its stored form: opened
 * with the key when sealed, copied when not. On a status other than
 * TOTP_OPEN_OK `out` is empty.
 */
enum totp_open_status totp_secret_open(const char *stored, const char *username,
                                       char out[TOTP_SECRET_CHARS + 1]);

/*
 * Makes the TOTP secrets of the database fit the key at start: false (the
 * reason logged) when a sealed secret does not open (no key is loaded, or
 * another one; when only some do not, their number and the way out, `kring
 * totp-key forget`), so that kring does not start with logins that cannot
 * succeed nor seal new secrets with a wrong key. With a key, it then seals
 * every secret still stored as it is (totp_key_seal_stored).
 */
bool totp_key_check_store(struct store *s);

/*
 * Seals every TOTP secret still stored as it is (made before the key was
 * set, or by a command run without it); does nothing without a key. The
 * number sealed, or -1 (logged) on a store error. A secret changed
 * meanwhile is left for the next call.
 */
long totp_key_seal_stored(struct store *s);

/*
 * Runs inside the rekey's transaction once every secret is resealed, before
 * it commits (the caller's audit event goes here); false rolls it back.
 */
typedef bool (*totp_rekey_in_tx)(struct store_conn *c, long resealed, void *arg);

/*
 * Changes the key (kring totp-key rekey): every TOTP secret of the database
 * is opened with the loaded key (or taken as it is when not sealed) and
 * sealed with the key of the file `new_path`, in one transaction that
 * `in_tx(c, resealed, arg)` ends; then the new key is the loaded one. The
 * number of secrets resealed, or -1 with the reason logged and nothing
 * changed: the new key file is unusable, a sealed secret does not open with
 * the loaded key (none loaded, or another), one changed meanwhile, in_tx
 * refused, or the store failed. Meant for a database no kring serve runs
 * on: a running one would go on sealing with the old key.
 */
long totp_key_rekey(struct store *s, const char *new_path, totp_rekey_in_tx in_tx, void *arg);

#endif
