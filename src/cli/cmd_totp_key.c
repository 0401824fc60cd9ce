/*
 * kring totp-key: changes the key that seals the TOTP secrets (rekey), or
 * clears the secrets that the key does not open (forget; auth/totp_key.h).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "audit/audit.h"
#include "auth/totp_key.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "store/store.h"
#include "store/store_query.h"
#include "util/arena.h"

static const char totp_key_help[] =
    "usage: kring totp-key rekey --db PATH [--totp-key OLD] --new-key NEW\n"
    "       kring totp-key forget --db PATH [--totp-key KEY]\n"
    "\n"
    "rekey seals every account's TOTP secret with the key of the file NEW: the\n"
    "sealed ones are opened with OLD (the key kring serve runs with now,\n"
    "--totp-key), those still stored as they are are sealed as well. All in one\n"
    "transaction, audited: when a sealed secret does not open with OLD, nothing\n"
    "changes.\n"
    "\n"
    "forget clears the TOTP secrets that KEY does not open (every sealed one\n"
    "without --totp-key): the key they were sealed with is lost, or another key\n"
    "sealed them. Each cleared account is audited; it cannot log in with a code\n"
    "until it is invited again (a new admin: kring user add).\n"
    "\n"
    "Stop every kring serve of the database first and start it again with the\n"
    "key (NEW after a rekey). Prints how many secrets changed; exit 1 when\n"
    "nothing was changed because of an error.\n"
    "\n"
    "  --totp-key KEY   the current key file (none: no secret is sealed yet)\n"
    "  --new-key NEW    rekey: the new key file, 32+ random bytes, its owner's only\n";

/* The rekey's audit event, in its transaction: who ran it is not known, so it names nobody. */
static bool rekey_audited(struct store_conn *c, long resealed, void *arg)
{
	(void)arg;
	struct arena a;
	arena_init(&a);
	struct audit_event ev = {
	    .action = "update",
	    .object_type = "totp_key",
	    .reason = arena_printf(&a,
	                           "kring totp-key rekey (command line): %ld TOTP secrets sealed "
	                           "with a new key",
	                           resealed),
	};
	bool ok = ev.reason && audit_append_in_tx(c, &a, &ev) == STORE_OK;
	arena_free(&a);
	return ok;
}

/* Runs the rekey on the opened store; the exit status. */
static int rekey(struct store *s, const char *new_key)
{
	long resealed = totp_key_rekey(s, new_key, rekey_audited, NULL);
	if (resealed < 0) {
		fputs("kring totp-key rekey: nothing was changed (the log line above says why)\n",
		      stderr);
		return 1;
	}
	printf("sealed %ld TOTP secrets with the new key\n", resealed);
	return 0;
}

/* Clears one account's secret that the key does not open, audited; false when the store fails. */
static bool forget_one(struct store_conn *c, struct arena *a, json_t *row, long *cleared)
{
	const char *stored = json_string_value(json_object_get(row, "totp_secret"));
	char secret[TOTP_SECRET_CHARS + 1];
	enum totp_open_status st =
	    totp_secret_open(stored, json_string_value(json_object_get(row, "username")), secret);
	sodium_memzero(secret, sizeof(secret));
	if (st == TOTP_OPEN_OK)
		return true;
	int64_t id = json_integer_value(json_object_get(row, "id")), changed = 0;
	struct audit_event ev = {
	    .action = "update",
	    .object_type = "user",
	    .object_id = arena_printf(a, "%lld", (long long)id),
	    .reason = "kring totp-key forget (command line): a TOTP secret the key does not open "
	              "was cleared",
	};
	if (store_run(c, SQ_TOTP_CLEAR, STORE_ARGS(SA_INT(id), SA_TEXT(stored)), NULL, &changed) !=
	        STORE_OK ||
	    changed != 1 || audit_append_in_tx(c, a, &ev) != STORE_OK)
		return false;
	(*cleared)++;
	return true;
}

/* Clears the secrets the loaded key does not open, in one transaction; the exit status. */
static int forget(struct store *s)
{
	struct store_conn *c = store_acquire(s);
	struct arena a;
	json_t *rows = NULL, *row;
	size_t i;
	long cleared = 0;
	arena_init(&a);
	bool ok = store_begin(c, true) == STORE_OK &&
	          store_rows(c, SQ_TOTP_SEALED_LIST, NULL, 0, &rows) == STORE_OK;
	json_array_foreach(rows, i, row)
	{
		if (!ok || !(ok = forget_one(c, &a, row, &cleared)))
			break;
	}
	json_decref(rows);
	ok = ok && store_commit(c) == STORE_OK;
	store_release(c); /* rolls back what is not committed */
	arena_free(&a);
	if (!ok) {
		fputs("kring totp-key forget: the database could not be read or changed; nothing "
		      "was changed\n",
		      stderr);
		return 1;
	}
	printf("cleared %ld TOTP secrets that the key does not open\n", cleared);
	return 0;
}

/* Opens the database of the settings and runs the subcommand; the exit status. */
static int run(const struct config *cfg, bool do_forget, const char *new_key)
{
	if (cfg->totp_key && !totp_key_load(cfg->totp_key))
		return 1;
	struct store *s = store_open(cfg->db, 1);
	int rc = 1;
	if (s && store_migrate(s) >= 0)
		rc = do_forget ? forget(s) : rekey(s, new_key);
	store_close(s);
	totp_key_forget();
	return rc;
}

int cmd_totp_key(int argc, char **argv)
{
	const char *new_key = NULL;
	const struct cli_opt opts[] = {
	    {"db", true, CFG_DB, NULL, NULL},
	    {"totp-key", true, CFG_TOTP_KEY, NULL, NULL},
	    {"new-key", true, -1, &new_key, NULL},
	    {0},
	};
	bool do_forget = argc >= 1 && !strcmp(argv[0], "forget");
	if (argc < 1 || (!do_forget && strcmp(argv[0], "rekey") != 0)) {
		bool help = argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "help"));
		fputs(totp_key_help, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	struct cli_command c;
	int rc = cli_command_start(&c, argc - 1, argv + 1, opts, totp_key_help,
	                           do_forget ? "totp-key forget" : "totp-key rekey", true);
	if (rc == CLI_GO) {
		if (do_forget == (new_key != NULL)) {
			fputs(do_forget ? "kring totp-key forget: --new-key belongs to rekey\n"
			                : "kring totp-key rekey: --new-key is required\n",
			      stderr);
			rc = 2;
		} else {
			rc = run(&c.cfg, do_forget, new_key);
		}
	}
	cli_command_free(&c);
	return rc;
}
