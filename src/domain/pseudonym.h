#ifndef KRING_PSEUDONYM_H
#define KRING_PSEUDONYM_H

#include <stddef.h>
#include <stdint.h>

#define PSEUDONYM_KEY_BYTES 32
#define PSEUDONYM_HEX       33

/*
 * A research pseudonym: hex of keyed BLAKE2b-128 over "<kind>:<id>" with a
 * key that lives outside the database. The same id gives the same pseudonym
 * with the same key; without the key it cannot be reversed or recomputed.
 */
void pseudonym_make(const unsigned char key[PSEUDONYM_KEY_BYTES], const char *kind, int64_t id,
                    char out[PSEUDONYM_HEX]);

/*
 * Derives the 32-byte key from the bytes of a key file (at least 32 bytes,
 * hashed so that any length works). False when the file is too short.
 */
int pseudonym_key_from(const unsigned char *bytes, size_t n,
                       unsigned char key[PSEUDONYM_KEY_BYTES]);

#endif
