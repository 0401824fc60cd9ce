/* kring audit verify: checks the audit hash chain. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/commands.h"
#include "cli/options.h"

static const char audit_help[] =
    "usage: kring audit verify --db PATH\n"
    "\n"
    "Walks the NEN 7513 audit trail and recomputes its BLAKE2b hash chain.\n"
    "Exit 0 and \"audit chain intact: N events\" when every event is as written;\n"
    "exit 1 naming the first event that was changed, removed or inserted\n"
    "outside kring; exit 2 when the database cannot be read.\n";

static int verify(struct cli_parsed *p)
{
	struct config_raw raw = {0};
	struct config cfg;
	struct audit_verification v;
	int rc = 2;
	if (!cli_settings(p, &raw, &cfg))
		goto done;
	if (!cfg.db) {
		fputs("kring audit verify: --db is required\n", stderr);
		goto done;
	}
	struct store *s = store_open(cfg.db, 1);
	if (!s)
		goto done;
	struct store_conn *c = store_acquire(s);
	enum store_status st = audit_verify(c, &v);
	store_release(c);
	store_close(s);
	if (st != STORE_OK) {
		fputs("kring audit verify: cannot read the audit trail\n", stderr);
		goto done;
	}
	if (v.bad_id) {
		fprintf(stderr,
		        "audit chain BROKEN at event %" PRId64 ": %s (%" PRId64
		        " events before it are intact)\n",
		        v.bad_id, v.problem, v.events);
		rc = 1;
		goto done;
	}
	printf("audit chain intact: %" PRId64 " events\n", v.events);
	rc = 0;
done:
	config_raw_free(&raw);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	static const struct cli_opt opts[] = {{"db", true, CFG_DB, NULL, NULL}, {0}};
	struct cli_parsed p = {0};
	int rc = 2;
	if (argc < 1 || strcmp(argv[0], "verify") != 0) {
		bool help = argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "help"));
		fputs(audit_help, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	if (!cli_parse(argc - 1, argv + 1, opts, &p))
		goto done;
	if (p.help) {
		fputs(audit_help, stdout);
		rc = 0;
		goto done;
	}
	rc = verify(&p);
done:
	config_raw_free(&p.flags);
	return rc;
}
