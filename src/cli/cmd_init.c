#include <stdio.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "store/store.h"

static const char init_help[] =
    "usage: kring init --db PATH [--config FILE]\n"
    "\n"
    "Creates the database if it does not exist and applies every numbered\n"
    "schema migration it does not have yet. Safe to run again: an up-to-date\n"
    "database is left as it is.\n"
    "\n"
    "  --db PATH       SQLite database file (env KRING_DB)\n"
    "  --config FILE   INI file with settings (env KRING_CONFIG)\n";

int cmd_init(int argc, char **argv)
{
	static const struct cli_opt opts[] = {{"db", true, CFG_DB, NULL, NULL}, {0}};
	struct cli_command c;
	int rc = cli_command_start(&c, argc, argv, opts, init_help, "init", true);
	if (rc != CLI_GO)
		goto done;
	rc = 2;
	struct store *s = store_open(c.cfg.db, 1);
	if (!s)
		goto done;
	int ran = store_migrate(s);
	store_close(s);
	if (ran < 0)
		goto done;
	printf("database ready: %d migration(s) applied\n", ran);
	rc = 0;
done:
	cli_command_free(&c);
	return rc;
}
