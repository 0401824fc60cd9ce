/* kring user add: creates an active account from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "auth/totp.h"
#include "auth/totp_key.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "domain/account_rules.h"
#include "domain/roles.h"
#include "store/store.h"
#include "util/text.h"

static const char user_help[] =
    "usage: kring user add --db PATH --username U --role ROLE [--display-name NAME]\n"
    "                      [--organisation ID] [--team ID] --password-stdin\n"
    "\n"
    "Creates an active account and prints it as one JSON object on stdout. The\n"
    "password is read from standard input (one line): at least 12 characters, not\n"
    "the username, not easy to guess (as in the web app). For roles that must log in\n"
    "with two factors under --require-totp (default: staff, every role but jim\n"
    "and youth), the object holds \"totp_secret\" in base32 for an authenticator app.\n"
    "\n"
    "  --role ROLE          professional, teamlead, jim, youth, privacy_officer,\n"
    "                       researcher or admin\n"
    "  --display-name NAME  name shown in the app (default: the username)\n"
    "  --organisation ID    organisation the account belongs to\n"
    "  --team ID            team of that organisation to add the account to\n"
    "  --require-totp P     none, staff or all: decides whether totp_secret is printed\n"
    "  --totp-key FILE      the key kring serve seals TOTP secrets with (--totp-key of\n"
    "                       kring serve); without it the secret is stored as it is\n"
    "                       until kring serve, with the key, seals it (within\n"
    "                       its maintenance-interval, a minute by default)\n"
    "\n"
    "Exit status: 0 made; 1 not made: the username is taken, the organisation or\n"
    "team does not exist or does not fit, or the database or the key file failed;\n"
    "2 wrong use (a required option missing, a bad username, role or password).\n";

struct user_args {
	const char *username, *role, *display_name, *organisation, *team;
	bool password_stdin;
};

static bool read_password(char *buf, size_t size)
{
	if (!fgets(buf, (int)size, stdin))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static const char *validate(const struct user_args *a, const char *password, int64_t *org,
                            int64_t *team)
{
	const char *p;
	if ((p = account_check_username(a->username)))
		return p;
	if (!role_from_name(a->role))
		return "unknown role";
	if (account_check_display_name(a->display_name))
		return "display name must be 1 to 100 characters";
	if (a->organisation && !parse_id(a->organisation, org))
		return "--organisation must be an id";
	if (a->team && !parse_id(a->team, team))
		return "--team must be an id";
	if (a->team && !role_works_in_team(role_from_name(a->role)))
		return "only professionals and team leads work in a team";
	return account_check_password(password, a->username);
}

/*
 * True when team `team` exists and an account of organisation `org` (or 0 for
 * none) may be put in it (store_team_fit(), as the API has it); says on
 * stderr why not.
 */
static bool team_fits(struct store_conn *c, int64_t team, int64_t org)
{
	enum team_fit fit;
	enum store_status s = store_team_fit(c, team, org, &fit);
	if (s == STORE_NOT_FOUND)
		fputs("kring user add: no such team\n", stderr);
	else if (s != STORE_OK)
		return false;
	else if (fit == TEAM_PERSON_WITHOUT_ORGANISATION)
		fputs("kring user add: someone without an organisation cannot be put in a team "
		      "(give --organisation)\n",
		      stderr);
	else if (fit == TEAM_OF_ANOTHER_ORGANISATION)
		fputs("kring user add: the team belongs to another organisation\n", stderr);
	else
		return true;
	return false;
}

/* Stores the account with its audit event in one transaction; prints the JSON. */
static int create(struct store *s, const struct config *cfg, const struct user_args *a,
                  const char *hash, int64_t org, int64_t team)
{
	char secret[TOTP_SECRET_CHARS + 1], stored[TOTP_STORED_MAX];
	struct store_conn *c = store_acquire(s);
	struct arena ar;
	int64_t id;
	json_t *user = NULL;
	int rc = 1;
	arena_init(&ar);
	if (!totp_new_secret(secret) || !totp_secret_seal(secret, a->username, stored) ||
	    store_begin(c, true) != STORE_OK)
		goto done;
	struct store_user u = {.username = a->username,
	                       .display_name = a->display_name,
	                       .role = a->role,
	                       .organisation_id = org,
	                       .status = "active",
	                       .password_hash = hash,
	                       .totp_secret = stored};
	enum store_status st = store_user_create(c, &u, &id);
	if (st == STORE_CONFLICT || st == STORE_NOT_FOUND) {
		fprintf(stderr, "kring user add: %s\n",
		        st == STORE_CONFLICT ? "username is taken" : "no such organisation");
		goto done;
	}
	if (st != STORE_OK)
		goto done;
	if (team && !team_fits(c, team, org))
		goto done;
	if (team && store_team_add_member(c, team, id) != STORE_OK) {
		fputs("kring user add: no such team\n", stderr);
		goto done;
	}
	struct audit_event ev = {.action = "create",
	                         .object_type = "user",
	                         .object_id = arena_printf(&ar, "%lld", (long long)id),
	                         .reason = "kring user add (command line)"};
	if (audit_append_in_tx(c, &ar, &ev) != STORE_OK ||
	    store_user_json(c, id, &user) != STORE_OK || store_commit(c) != STORE_OK)
		goto done;
	if (role_needs_totp(role_from_name(a->role), cfg->require_totp))
		json_object_set_new(user, "totp_secret", json_string(secret));
	char *text = json_dumps(user, JSON_COMPACT);
	if (text)
		puts(text);
	free(text);
	rc = 0;
done:
	json_decref(user);
	store_release(c);
	arena_free(&ar);
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

static int user_add(struct cli_parsed *p, struct user_args *a)
{
	struct config_raw raw = {0};
	struct config cfg;
	char password[PASSWORD_MAX_BYTES + 2], hash[PASSWORD_HASH_BYTES];
	int64_t org = 0, team = 0;
	int rc = 2;
	if (!cli_settings(p, &raw, &cfg))
		goto done;
	if (!cfg.db || !a->username || !a->role || !a->password_stdin) {
		fputs(
		    "kring user add: --db, --username, --role and --password-stdin are required\n",
		    stderr);
		goto done;
	}
	if (!a->display_name)
		a->display_name = a->username;
	if (!read_password(password, sizeof(password))) {
		fputs("kring user add: no password on standard input\n", stderr);
		goto done;
	}
	const char *problem = validate(a, password, &org, &team);
	if (problem) {
		fprintf(stderr, "kring user add: %s\n", problem);
		goto done;
	}
	rc = 1; /* from here on a failure is not the caller's wrong use */
	if (!password_hash(password, hash))
		goto done;
	if (cfg.totp_key && !totp_key_load(cfg.totp_key))
		goto done;
	struct store *s = store_open(cfg.db, 1);
	if (!s)
		goto done;
	if (store_migrate(s) >= 0)
		rc = create(s, &cfg, a, hash, org, team);
	store_close(s);
done:
	sodium_memzero(password, sizeof(password));
	totp_key_forget();
	config_raw_free(&raw);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	struct user_args a = {0};
	const struct cli_opt opts[] = {
	    {"db", true, CFG_DB, NULL, NULL},
	    {"require-totp", true, CFG_REQUIRE_TOTP, NULL, NULL},
	    {"totp-key", true, CFG_TOTP_KEY, NULL, NULL},
	    {"username", true, -1, &a.username, NULL},
	    {"role", true, -1, &a.role, NULL},
	    {"display-name", true, -1, &a.display_name, NULL},
	    {"organisation", true, -1, &a.organisation, NULL},
	    {"team", true, -1, &a.team, NULL},
	    {"password-stdin", false, -1, NULL, &a.password_stdin},
	    {0},
	};
	struct cli_parsed p = {0};
	int rc = 2;
	if (argc < 1 || strcmp(argv[0], "add") != 0) {
		if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "help") == 0)) {
			fputs(user_help, stdout);
			return 0;
		}
		fputs(user_help, stderr);
		return 2;
	}
	if (!cli_parse(argc - 1, argv + 1, opts, &p))
		goto done;
	if (p.help) {
		fputs(user_help, stdout);
		rc = 0;
		goto done;
	}
	rc = user_add(&p, &a);
done:
	config_raw_free(&p.flags);
	return rc;
}
