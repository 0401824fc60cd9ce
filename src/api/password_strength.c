/* POST /api/v1/password-strength: how easily a password being chosen is guessed. */
#include "api/api.h"
#include "api/input.h"
#include "domain/account_rules.h"

const struct input_field api_password_strength_body[] = {
    {.name = "password",
     .type = INPUT_STRING,
     .required = true,
     .description = "the password being chosen; kept nowhere, written in no log"},
    {.name = "username",
     .type = INPUT_STRING,
     .description = "the account's username when the page knows it (3 to 64 of a-z, 0-9, '.', "
                    "'_' and '-'): a password built on it is weaker"},
    {0},
};

/* "weak" when refused, else "strong" from PASSWORD_STRONG_BITS, else "fair". */
static const char *strength_name(struct password_judgement j)
{
	if (j.verdict != PASSWORD_OK)
		return "weak";
	return j.bits >= PASSWORD_STRONG_BITS ? "strong" : "fair";
}

/*
 * The meter of the screens where a password is chosen (ASVS 2.1.8): the
 * verdict of the same check that the invitation, the password change and
 * `kring user add` apply (account_judge_password), so that the meter and the
 * refusal agree on what the meter is given (not the current password; the
 * username only when the page knows it). Public, as the invitation page has
 * no session; it takes no database connection, reads and writes nothing, and
 * keeps nothing. Its body is checked against api_password_strength_body
 * before it is called, like every route's.
 */
void api_password_strength(struct request *r)
{
	const char *password = input_string(r, "password", true, NULL);
	if (!password)
		return;
	const char *username = input_string(r, "username", false, account_check_username);
	if (r->status)
		return;
	struct password_judgement j = account_judge_password(password, username);
	http_reply(r, 200,
	           json_pack("{s:b, s:s, s:s?}", "acceptable", j.verdict == PASSWORD_OK, "strength",
	                     strength_name(j), "reason", account_password_verdict_name(j.verdict)));
}
