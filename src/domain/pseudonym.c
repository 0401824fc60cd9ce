#include "domain/pseudonym.h"

#include <stdio.h>

#include <sodium.h>

#include "util/text.h"

void pseudonym_make(const unsigned char key[PSEUDONYM_KEY_BYTES], const char *kind, int64_t id,
                    char out[PSEUDONYM_HEX])
{
	char msg[64];
	unsigned char digest[16];
	int n = snprintf(msg, sizeof(msg), "%s:%lld", kind, (long long)id);
	crypto_generichash(digest, sizeof(digest), (const unsigned char *)msg, (size_t)n, key,
	                   PSEUDONYM_KEY_BYTES);
	hex_encode(digest, sizeof(digest), out);
}

int pseudonym_key_from(const unsigned char *bytes, size_t n, unsigned char key[PSEUDONYM_KEY_BYTES])
{
	if (n < PSEUDONYM_KEY_BYTES)
		return 0;
	static const char context[] = "kring-research-key-v1";
	crypto_generichash(key, PSEUDONYM_KEY_BYTES, bytes, n, (const unsigned char *)context,
	                   sizeof(context) - 1);
	return 1;
}
