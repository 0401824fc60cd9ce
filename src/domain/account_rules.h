#ifndef KRING_ACCOUNT_RULES_H
#define KRING_ACCOUNT_RULES_H

#include <stdbool.h>
#include <stdint.h>

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

/*
 * A new password: at least 12 characters (code points), at most 1024 bytes,
 * not the username, and not easy to guess (ASVS 2.1.7): zxcvbn's estimate of
 * the guesses it takes must be at least 2^PASSWORD_MIN_GUESS_BITS (about a
 * billion), against its lists (Debian's zxcvbn-c: the 10,000 most common
 * passwords of breaches, English words, names and film and TV words),
 * keyboard rows, sequences, repetitions and dates, and against the username
 * and a list of words Dutch passwords are commonly built on. NULL when it is fine, else
 * the reason in English (static).
 */
#define PASSWORD_MIN_GUESS_BITS 30.0
const char *account_check_password(const char *password, const char *username);

/* Why a password is refused, or PASSWORD_OK, in the order of the checks. */
enum password_verdict {
	PASSWORD_OK,
	PASSWORD_TOO_LONG,
	PASSWORD_TOO_SHORT,
	PASSWORD_IS_USERNAME,
	PASSWORD_GUESSABLE,
};

/* account_check_password()'s verdict, with zxcvbn's estimate in bits (log2
 * of the guesses; 0 when refused before the estimate: too long or short, or
 * the username). */
struct password_judgement {
	enum password_verdict verdict;
	double bits;
};
struct password_judgement account_judge_password(const char *password, const char *username);

/* The English reason for verdict `v` (static), NULL for PASSWORD_OK. */
const char *account_password_problem(enum password_verdict v);

/* The API's name of verdict `v` ("too_long", "too_short", "username",
 * "guessable"; static), NULL for PASSWORD_OK. */
const char *account_password_verdict_name(enum password_verdict v);

/* At or above this estimate an acceptable password counts as strong on the
 * meter (2^60 guesses: a sentence of a few words); below it as fair. */
#define PASSWORD_STRONG_BITS 60.0

/* 1–100 characters of text without control characters. */
#define ACCOUNT_DISPLAY_NAME_MAX 100 /* characters */
const char *account_check_display_name(const char *name);

/* Organisation and team names: 1–200 characters without control characters. */
#define ACCOUNT_NAME_MAX 200 /* characters */
const char *account_check_name(const char *name);

/*
 * Whether someone of organisation `person_org` may be put in a team of
 * organisation `team_org` (0: none; a team always has one): only in a team of
 * their own organisation. Someone without an organisation is put in no team:
 * every team belongs to an organisation, and an account's organisation is
 * given when it is made and never changes, so such a person is not known to
 * work for any (docs/SECURITY.md G10). Each caller says why in its own way.
 */
enum team_fit {
	TEAM_FITS,
	TEAM_PERSON_WITHOUT_ORGANISATION,
	TEAM_OF_ANOTHER_ORGANISATION,
};
enum team_fit account_team_fit(int64_t person_org, int64_t team_org);

#endif
