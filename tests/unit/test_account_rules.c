#include "unit.h"

#include "domain/account_rules.h"
#include "domain/roles.h"

static void usernames(void **state)
{
	(void)state;
	assert_null(account_check_username("anna.de-vries_2"));
	assert_null(account_check_username("abc"));
	assert_non_null(account_check_username("ab"));
	assert_non_null(account_check_username("Anna"));
	assert_non_null(account_check_username(".anna"));
	assert_non_null(account_check_username("an na"));
	assert_non_null(account_check_username("anna@example"));
	assert_non_null(account_check_username("zoë"));
	char longname[66];
	memset(longname, 'a', 65);
	longname[65] = '\0';
	assert_non_null(account_check_username(longname));
	longname[64] = '\0';
	assert_null(account_check_username(longname));
}

static void passwords(void **state)
{
	(void)state;
	assert_null(account_check_password("correct horse battery", "anna"));
	assert_non_null(account_check_password("short-pw", "anna"));
	/* Twelve characters are counted as code points, not bytes. */
	assert_non_null(account_check_password("ëüïöäéèàçñø", "anna")); /* 11 chars, 22 bytes */
	assert_null(account_check_password("ëüïöäéèàçñøå", "anna"));    /* 12 chars */
	assert_non_null(account_check_password("anna.devries1", "anna.devries1"));
	assert_non_null(account_check_password("ANNA.DEVRIES1", "anna.devries1"));
}

/* Long enough, but among the first a guesser tries (ASVS 2.1.7), also in Dutch. */
static void guessable_passwords(void **state)
{
	(void)state;
	const char *guessable[] = {
	    "password1234",      "Password1234!",   "123456789012",  "qwertyuiopas",
	    "passwordpassword",  "aaaaaaaaaaaa",    "abcdefghijkl",  "iloveyou2026",
	    "football1234",      "letmein12345",    "welkom123456",  "monkeymonkey",
	    "kringkring12",      "Wachtwoord2026!", "Voetbal2026!!", "Zomer2026zomer",
	    "geheim-wachtwoord",
	};
	for (size_t i = 0; i < sizeof(guessable) / sizeof(guessable[0]); i++) {
		const char *why = account_check_password(guessable[i], "anna");
		if (!why || !strstr(why, "too easy to guess"))
			fail_msg("%s: %s", guessable[i], why ? why : "accepted");
	}
	/* Without a username (the meter on the invitation page) the lists still count. */
	assert_non_null(account_check_password("welkom123456", NULL));
	assert_null(account_check_password("oma van sanne en tim", NULL));
	/* Refused before the estimate: no estimate. */
	struct password_judgement short_one = account_judge_password("welkom", NULL);
	assert_int_equal(short_one.verdict, PASSWORD_TOO_SHORT);
	assert_true(short_one.bits == 0.0);
	assert_string_equal(account_password_verdict_name(PASSWORD_GUESSABLE), "guessable");
	assert_null(account_password_verdict_name(PASSWORD_OK));
	/* The username with a year is as easy as the username. */
	assert_non_null(account_check_password("anna.devries2026", "anna.devries"));
	/* Sentences of a few words, also in Dutch, and the project's own test passwords. */
	const char *fine[] = {
	    "een heel nieuw wachtwoord 1", "mijn nieuwe wachtwoord 2026", "beheer-wachtwoord-2026",
	    "correct horse battery",       "oma van sanne en tim",
	};
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		const char *why = account_check_password(fine[i], "anna");
		if (why)
			fail_msg("%s: %s", fine[i], why);
	}
}

static void names(void **state)
{
	(void)state;
	assert_null(account_check_display_name("Çiğdem Öztürk-de Vries"));
	assert_non_null(account_check_display_name(""));
	assert_non_null(account_check_display_name("   "));
	assert_non_null(account_check_display_name("tab\there"));
	assert_null(account_check_name("<img src=x onerror=alert(1)>"));
}

static void roles_and_totp_policy(void **state)
{
	(void)state;
	assert_int_equal(role_from_name("teamlead"), ROLE_TEAMLEAD);
	assert_int_equal(role_from_name("root"), 0);
	assert_int_equal(role_from_name(NULL), 0);
	assert_string_equal(role_name(ROLE_PRIVACY_OFFICER), "privacy_officer");
	assert_true(role_needs_totp(ROLE_ADMIN, TOTP_STAFF));
	assert_false(role_needs_totp(ROLE_JIM, TOTP_STAFF));
	assert_false(role_needs_totp(ROLE_YOUTH, TOTP_STAFF));
	assert_true(role_needs_totp(ROLE_YOUTH, TOTP_ALL));
	assert_false(role_needs_totp(ROLE_ADMIN, TOTP_NONE));
	assert_true(role_works_in_team(ROLE_PROFESSIONAL));
	assert_true(role_works_in_team(ROLE_TEAMLEAD));
	assert_false(role_works_in_team(ROLE_RESEARCHER));
	assert_false(role_works_in_team(ROLE_ADMIN));
	assert_false(role_works_in_team(ROLE_JIM));
	assert_false(role_works_in_team(0));
	enum totp_policy p;
	assert_true(totp_policy_from_name("all", &p));
	assert_int_equal(p, TOTP_ALL);
	assert_false(totp_policy_from_name("some", &p));
}

/* A team only for someone of its own organisation; without one, for nobody (G10). */
static void teams_of_own_organisation_only(void **state)
{
	(void)state;
	assert_int_equal(account_team_fit(3, 3), TEAM_FITS);
	assert_int_equal(account_team_fit(3, 4), TEAM_OF_ANOTHER_ORGANISATION);
	assert_int_equal(account_team_fit(0, 4), TEAM_PERSON_WITHOUT_ORGANISATION);
	assert_int_equal(account_team_fit(0, 0), TEAM_PERSON_WITHOUT_ORGANISATION);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(usernames),
	    cmocka_unit_test(passwords),
	    cmocka_unit_test(guessable_passwords),
	    cmocka_unit_test(names),
	    cmocka_unit_test(roles_and_totp_policy),
	    cmocka_unit_test(teams_of_own_organisation_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
