#ifndef KRING_ACCOUNT_RULES_H
#define KRING_ACCOUNT_RULES_H

#include <stdbool.h>

/*
 * Rules for accounts, without I/O. Each check returns NULL when the value is
 * acceptable, or a static English sentence saying what is wrong.
 */

#define PASSWORD_MIN_LENGTH  12
#define PASSWORD_MAX_BYTES   1024
#define PASSWORD_MAX_TEXT    "1024" /* PASSWORD_MAX_BYTES in words */
#define ACCOUNT_USERNAME_MAX 64     /* bytes: a username is ASCII */

/* 3–64 characters from a-z, 0-9, '.', '_', '-'; starts with a letter or digit. */
#define ACCOUNT_USERNAME_TEXT                                                                      \
	"3 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"
const char *account_check_username(const char *username);

/* At least 12 characters (code points), at most 1024 bytes, not the username. */
const char *account_check_password(const char *password, const char *username);

/* 1–100 characters of text without control characters. */
#define ACCOUNT_DISPLAY_NAME_MAX 100 /* characters */
const char *account_check_display_name(const char *name);

/* Organisation and team names: 1–200 characters without control characters. */
#define ACCOUNT_NAME_MAX 200 /* characters */
const char *account_check_name(const char *name);

#endif
