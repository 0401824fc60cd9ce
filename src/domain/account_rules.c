#include "domain/account_rules.h"

#include <string.h>
#include <strings.h>

#include <zxcvbn.h>

#include "util/text.h"

const char *account_check_username(const char *u)
{
	size_t n = strlen(u);
	if (n < 3 || n > ACCOUNT_USERNAME_MAX)
		return "username must be 3 to 64 characters";
	for (size_t i = 0; i < n; i++) {
		char c = u[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          (i > 0 && (c == '.' || c == '_' || c == '-'));
		if (!ok)
			return "username may hold only a-z, 0-9, '.', '_' and '-', and must start "
			       "with a letter or digit";
	}
	return NULL;
}

/*
 * Words that Dutch passwords are commonly built on, which zxcvbn's English
 * lists do not hold ("Wachtwoord2026!", "Voetbal2026!!"): zxcvbn weighs them
 * as it weighs the username. Words of four letters or more only, so that a
 * sentence of a few words is not marked down for a short word in it.
 */
static const char *const dutch_password_words[] = {
    "wachtwoord", "welkom",   "geheim",    "inloggen", "gebruiker", "hallo",     "liefde",
    "schatje",    "lieverd",  "prinses",   "engeltje", "snoepje",   "knuffel",   "mama",
    "papa",       "broer",    "vriend",    "vriendin", "familie",   "voetbal",   "ajax",
    "feyenoord",  "oranje",   "nederland", "holland",  "amsterdam", "rotterdam", "utrecht",
    "zomer",      "winter",   "lente",     "herfst",   "maandag",   "dinsdag",   "woensdag",
    "donderdag",  "vrijdag",  "zaterdag",  "zondag",   "januari",   "februari",  "maart",
    "april",      "augustus", "september", "oktober",  "november",  "december",  "hond",
    "poes",       "paard",    "konijn",    "school",   "jeugdzorg", "kring",
};
#define DUTCH_WORDS (sizeof(dutch_password_words) / sizeof(dutch_password_words[0]))

struct password_judgement account_judge_password(const char *pw, const char *username)
{
	struct password_judgement j = {.verdict = PASSWORD_OK};
	if (strlen(pw) > PASSWORD_MAX_BYTES) {
		j.verdict = PASSWORD_TOO_LONG;
		return j;
	}
	if (utf8_length(pw) < PASSWORD_MIN_LENGTH) {
		j.verdict = PASSWORD_TOO_SHORT;
		return j;
	}
	if (username && strcasecmp(pw, username) == 0) {
		j.verdict = PASSWORD_IS_USERNAME;
		return j;
	}
	const char *own_words[DUTCH_WORDS + 2];
	own_words[0] = username ? username : "";
	for (size_t i = 0; i < DUTCH_WORDS; i++)
		own_words[i + 1] = dutch_password_words[i];
	own_words[DUTCH_WORDS + 1] = NULL;
	j.bits = ZxcvbnMatch(pw, own_words, NULL);
	if (j.bits < PASSWORD_MIN_GUESS_BITS)
		j.verdict = PASSWORD_GUESSABLE;
	return j;
}

const char *account_password_verdict_name(enum password_verdict v)
{
	switch (v) {
	case PASSWORD_OK:
		return NULL;
	case PASSWORD_TOO_LONG:
		return "too_long";
	case PASSWORD_TOO_SHORT:
		return "too_short";
	case PASSWORD_IS_USERNAME:
		return "username";
	case PASSWORD_GUESSABLE:
		return "guessable";
	}
	return "refused";
}

const char *account_password_problem(enum password_verdict v)
{
	switch (v) {
	case PASSWORD_OK:
		return NULL;
	case PASSWORD_TOO_LONG:
		return "password is longer than " PASSWORD_MAX_TEXT " bytes (UTF-8)";
	case PASSWORD_TOO_SHORT:
		return "password must be at least 12 characters";
	case PASSWORD_IS_USERNAME:
		return "password must not be the username";
	case PASSWORD_GUESSABLE:
		return "password is too easy to guess (a common password, a name or word with "
		       "digits, a keyboard row, a sequence or a repetition): a sentence of a few "
		       "words is safer";
	}
	return "password is not acceptable";
}

const char *account_check_password(const char *pw, const char *username)
{
	return account_password_problem(account_judge_password(pw, username).verdict);
}

static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

static const char *check_text(const char *s, size_t max, const char *too_long)
{
	size_t n = utf8_length(s);
	if (n == 0 || strspn(s, " ") == strlen(s))
		return "must not be empty";
	if (n > max)
		return too_long;
	if (has_control(s))
		return "must not contain control characters";
	return NULL;
}

const char *account_check_display_name(const char *name)
{
	return check_text(name, ACCOUNT_DISPLAY_NAME_MAX, "must be at most 100 characters");
}

const char *account_check_name(const char *name)
{
	return check_text(name, ACCOUNT_NAME_MAX, "must be at most 200 characters");
}

enum team_fit account_team_fit(int64_t person_org, int64_t team_org)
{
	if (!person_org)
		return TEAM_PERSON_WITHOUT_ORGANISATION;
	return person_org == team_org ? TEAM_FITS : TEAM_OF_ANOTHER_ORGANISATION;
}
