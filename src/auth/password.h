#ifndef KRING_PASSWORD_H
#define KRING_PASSWORD_H

#include <stdbool.h>

#include <sodium.h>

#define PASSWORD_HASH_BYTES crypto_pwhash_STRBYTES

/* Argon2id (libsodium, interactive limits). False only when out of memory. */
bool password_hash(const char *password, char out[PASSWORD_HASH_BYTES]);

/*
 * True when `password` matches `hash`. With hash == NULL it still spends the
 * time of one verification and returns false, so that an unknown username
 * cannot be told from a wrong password by timing.
 */
bool password_verify(const char *hash, const char *password);

#endif
