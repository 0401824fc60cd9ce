#include "cli/demo.h"

#include <stdio.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "auth/totp.h"
#include "auth/totp_key.h"
#include "store/store_query.h"
#include "util/log.h"

/* The reason of the seed's audit events; it also marks a database as a demo database. */
#define DEMO_REASON "demo data (kring serve --demo)"

static const struct {
	const char *username;
	const char *display_name;
	const char *role;
	bool in_team;
} demo_users[] = {
    {"admin", "Demo Beheerder", "admin", false},
    {"professional", "Demo Hulpverlener", "professional", true},
    {"teamlead", "Demo Gedragswetenschapper", "teamlead", true},
    {"jim", "Demo JIM", "jim", false},
    {"youth", "Demo Jongere", "youth", false},
    {"privacy", "Demo Privacy Officer", "privacy_officer", false},
    {"researcher", "Demo Onderzoeker", "researcher", false},
};

static bool audit_created(struct store_conn *c, struct arena *a, const char *type, int64_t id)
{
	struct audit_event ev = {
	    .action = "create",
	    .object_type = type,
	    .object_id = arena_printf(a, "%lld", (long long)id),
	    .reason = DEMO_REASON,
	};
	return audit_append_in_tx(c, a, &ev) == STORE_OK;
}

static bool seed(struct store_conn *c, struct arena *a)
{
	int64_t org_id, team_id, user_id;
	char hash[PASSWORD_HASH_BYTES], secret[TOTP_SECRET_CHARS + 1], stored[TOTP_STORED_MAX];
	if (!password_hash(DEMO_PASSWORD, hash))
		return false;
	if (store_org_create(c, "Demo Jeugdhulp", &org_id) != STORE_OK ||
	    !audit_created(c, a, "organisation", org_id) ||
	    store_team_create(c, org_id, "Team Noord", &team_id) != STORE_OK ||
	    !audit_created(c, a, "team", team_id))
		return false;
	for (size_t i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		if (!totp_new_secret(secret) ||
		    !totp_secret_seal(secret, demo_users[i].username, stored))
			return false;
		struct store_user u = {
		    .username = demo_users[i].username,
		    .display_name = demo_users[i].display_name,
		    .role = demo_users[i].role,
		    .organisation_id = org_id,
		    .status = "active",
		    .password_hash = hash,
		    .totp_secret = stored,
		};
		if (store_user_create(c, &u, &user_id) != STORE_OK ||
		    !audit_created(c, a, "user", user_id))
			return false;
		if (demo_users[i].in_team && store_team_add_member(c, team_id, user_id) != STORE_OK)
			return false;
	}
	return true;
}

/* 1 when a demo seed started this database, 0 when not, -1 when the store failed. */
static int demo_started(struct store_conn *c)
{
	json_t *row = NULL;
	if (store_row(c, SQ_DEMO_SEEDED, STORE_ARGS(SA_TEXT(DEMO_REASON)), &row) != STORE_OK)
		return -1;
	int seeded = json_integer_value(json_object_get(row, "n")) > 0;
	json_decref(row);
	return seeded;
}

/*
 * Whether a demo seed started this database: among its first events, the
 * seed's creations (by nobody, with the seed's reason; a user's own text,
 * such as a break-the-glass reason, always has a user). Demo mode switches
 * two-factor login off, so it must not start on a real database; false
 * (with the reason logged) when it would.
 */
static bool seeded_by_demo(struct store_conn *c)
{
	int seeded = demo_started(c);
	if (seeded == 0)
		log_line(LOG_ERROR,
		         "this database has accounts that the demo did not make; demo mode (no "
		         "two-factor login) is only for a database that started as a demo",
		         (const char *)NULL);
	return seeded == 1;
}

bool demo_seed(struct store *s)
{
	struct store_conn *c = store_acquire(s);
	struct arena a;
	int64_t count = 0;
	bool ok = false;
	arena_init(&a);
	if (store_user_count(c, &count) != STORE_OK)
		goto done;
	if (count > 0) {
		ok = seeded_by_demo(c);
		goto done;
	}
	if (store_begin(c, true) != STORE_OK)
		goto done;
	if (seed(c, &a))
		ok = store_commit(c) == STORE_OK;
	else
		store_rollback(c);
done:
	store_release(c);
	arena_free(&a);
	return ok;
}

bool demo_refuse_without_demo_mode(struct store *s)
{
	struct store_conn *c = store_acquire(s);
	int seeded = demo_started(c);
	store_release(c);
	if (seeded == 1)
		log_line(
		    LOG_ERROR,
		    "this database was made by the demo: its demo accounts share a published "
		    "password, so it runs only with --demo; for real use, start a new database "
		    "with kring init",
		    (const char *)NULL);
	if (seeded < 0)
		log_line(LOG_ERROR, "could not tell whether the demo made this database",
		         (const char *)NULL);
	return seeded != 0;
}

void demo_banner(const char *url)
{
	fprintf(stderr,
	        "\n"
	        "######################################################################\n"
	        "#  DEMO MODE: synthetic data only, NO two-factor login.              #\n"
	        "#  Never put real personal data in a demo database.                  #\n"
	        "######################################################################\n"
	        "  Open %s and log in with one of these demo accounts\n"
	        "  (password for all: %s):\n",
	        url, DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++)
		fprintf(stderr, "    %-14s %s\n", demo_users[i].username, demo_users[i].role);
	fputc('\n', stderr);
}
