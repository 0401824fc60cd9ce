#include "auth/totp.h"

#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <sodium.h>

#define TOTP_STEP   30
#define TOTP_DIGITS 6
#define TOTP_WINDOW 1

bool totp_init(void)
{
	return oath_init() == OATH_OK;
}

bool totp_new_secret(char out[TOTP_SECRET_CHARS + 1])
{
	unsigned char raw[20];
	char *b32 = NULL;
	size_t len = 0;
	randombytes_buf(raw, sizeof(raw));
	int rc = oath_base32_encode((const char *)raw, sizeof(raw), &b32, &len);
	sodium_memzero(raw, sizeof(raw));
	if (rc != OATH_OK || len != TOTP_SECRET_CHARS) {
		free(b32);
		return false;
	}
	memcpy(out, b32, TOTP_SECRET_CHARS);
	out[TOTP_SECRET_CHARS] = '\0';
	free(b32);
	return true;
}

static bool decode_secret(const char *b32, char **raw, size_t *len)
{
	return oath_base32_decode(b32, strlen(b32), raw, len) == OATH_OK;
}

bool totp_check_step(const char *secret_base32, const char *code, int64_t now, int64_t *step)
{
	if (!secret_base32 || !code || strlen(code) != TOTP_DIGITS)
		return false;
	for (const char *p = code; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	char *raw = NULL;
	size_t len = 0;
	int pos = 0;
	if (!decode_secret(secret_base32, &raw, &len))
		return false;
	int rc = oath_totp_validate2(raw, len, (time_t)now, TOTP_STEP, 0, TOTP_WINDOW, &pos, code);
	sodium_memzero(raw, len);
	free(raw);
	if (rc < 0)
		return false;
	*step = now / TOTP_STEP + pos;
	return true;
}

bool totp_check(const char *secret_base32, const char *code, int64_t now)
{
	int64_t step;
	return totp_check_step(secret_base32, code, now, &step);
}

bool totp_code(const char *secret_base32, int64_t now, char out[7])
{
	char *raw = NULL;
	size_t len = 0;
	if (!decode_secret(secret_base32, &raw, &len))
		return false;
	int rc = oath_totp_generate(raw, len, (time_t)now, TOTP_STEP, 0, TOTP_DIGITS, out);
	free(raw);
	return rc == OATH_OK;
}
