#ifndef KRING_TOKEN_H
#define KRING_TOKEN_H

#include <stdbool.h>

/* 32 random bytes as unpadded base64url: 43 characters. */
#define TOKEN_CHARS      43
#define TOKEN_HASH_CHARS 64

void token_new(char out[TOKEN_CHARS + 1]);

/* BLAKE2b-256 of the token, hex: what the database keeps instead of the token. */
void token_hash(const char *token, char out[TOKEN_HASH_CHARS + 1]);

/* Whether s looks like a token (right length and alphabet); cheap pre-check. */
bool token_well_formed(const char *s);

#endif
