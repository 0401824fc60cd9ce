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
	struct cli_parsed p = {0};
	struct config_raw raw = {0};
	struct config cfg;
	int rc = 2;
	if (!cli_parse(argc, argv, opts, &p))
		goto done;
	if (p.help) {
		fputs(init_help, stdout);
		rc = 0;
		goto done;
	}
	if (!cli_settings(&p, &raw, &cfg))
		goto done;
	if (!cfg.db) {
		fputs("kring init: --db is required\n", stderr);
		goto done;
	}
	struct store *s = store_open(cfg.db, 1);
	if (!s)
		goto done;
	int ran = store_migrate(s);
	store_close(s);
	if (ran < 0)
		goto done;
	printf("database ready: %d migration(s) applied\n", ran);
	rc = 0;
done:
	config_raw_free(&p.flags);
	config_raw_free(&raw);
	return rc;
}
