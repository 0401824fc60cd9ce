/* kring totp-key rekey: seals every TOTP secret with a new key (auth/totp_key.h). */
#include <stdio.h>
#include <string.h>

#include "auth/totp_key.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "store/store.h"

static const char totp_key_help[] =
    "usage: kring totp-key rekey --db PATH [--totp-key OLD] --new-key NEW\n"
    "\n"
    "Seals every account's TOTP secret with the key of the file NEW: the sealed\n"
    "ones are opened with OLD (the key kring serve runs with now, --totp-key),\n"
    "those still stored as they are are sealed as well. All in one transaction:\n"
    "when a sealed secret does not open with OLD, nothing changes. Stop every\n"
    "kring serve of the database first and start it again with --totp-key NEW.\n"
    "Prints how many secrets were sealed; exit 1 when nothing was changed.\n"
    "\n"
    "  --totp-key OLD   the current key file (none: no secret is sealed yet)\n"
    "  --new-key NEW    the new key file: 32+ random bytes, its owner's only\n";

/* Runs the rekey on the database of the settings; the exit status. */
static int rekey(const struct config *cfg, const char *new_key)
{
	if (cfg->totp_key && !totp_key_load(cfg->totp_key))
		return 1;
	struct store *s = store_open(cfg->db, 1);
	if (!s)
		return 1;
	long resealed = store_migrate(s) >= 0 ? totp_key_rekey(s, new_key) : -1;
	store_close(s);
	totp_key_forget();
	if (resealed < 0) {
		fputs("kring totp-key rekey: nothing was changed (the log line above says why)\n",
		      stderr);
		return 1;
	}
	printf("sealed %ld TOTP secrets with the new key\n", resealed);
	return 0;
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
	if (argc < 1 || strcmp(argv[0], "rekey") != 0) {
		bool help = argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "help"));
		fputs(totp_key_help, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	struct cli_command c;
	int rc =
	    cli_command_start(&c, argc - 1, argv + 1, opts, totp_key_help, "totp-key rekey", true);
	if (rc == CLI_GO) {
		if (!new_key) {
			fputs("kring totp-key rekey: --new-key is required\n", stderr);
			rc = 2;
		} else {
			rc = rekey(&c.cfg, new_key);
		}
	}
	cli_command_free(&c);
	return rc;
}
