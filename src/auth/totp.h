#ifndef KRING_TOTP_H
#define KRING_TOTP_H

#include <stdbool.h>
#include <stdint.h>

/* RFC 6238 with liboath: 30-second steps, 6 digits, one step of drift either way. */
#define TOTP_SECRET_CHARS 32

/* Must be called once before any other totp_ function (not thread-safe itself). */
bool totp_init(void);

/* A new random 20-byte secret as base32 (32 characters). */
bool totp_new_secret(char out[TOTP_SECRET_CHARS + 1]);

/* Whether `code` is valid for the base32 secret at time `now` (epoch seconds). */
bool totp_check(const char *secret_base32, const char *code, int64_t now);

/*
 * As totp_check, and on success *step is the 30-second time step the code
 * belongs to (now / 30 ± 1), so that a code can be accepted only once.
 */
bool totp_check_step(const char *secret_base32, const char *code, int64_t now, int64_t *step);

/* The code for time `now`; used by the unit tests and the demo. */
bool totp_code(const char *secret_base32, int64_t now, char out[7]);

#endif
