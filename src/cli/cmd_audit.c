/* kring audit verify: checks the audit hash chain. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/commands.h"
#include "cli/options.h"

static const char audit_help[] =
    "usage: kring audit verify --db PATH [--expect-head ID:HASH]\n"
    "\n"
    "Walks the NEN 7513 audit trail and recomputes its BLAKE2b hash chain.\n"
    "Exit 0 and \"audit chain intact: N events\" when every event is as written,\n"
    "followed by \"head: ID:HASH\", the last event: write it down outside the\n"
    "database now and then. With --expect-head such a line from before, the\n"
    "chain must still hold that event with that hash, which also catches the\n"
    "newest events deleted (the chain alone cannot). Exit 1 naming the first\n"
    "event that was changed, removed or inserted outside kring, or when the\n"
    "expected head is missing or different; exit 2 when the database cannot be\n"
    "read or ID:HASH is malformed.\n";

/* "ID:HASH" (a positive id, 64 hex digits) into *id and hash; false when malformed. */
static bool parse_head(const char *text, int64_t *id, char hash[65])
{
	char *end;
	errno = 0;
	long long n = text ? strtoll(text, &end, 10) : 0;
	if (!text || errno || n <= 0 || *end != ':' || strlen(end + 1) != 64 ||
	    strspn(end + 1, "0123456789abcdef") != 64)
		return false;
	*id = n;
	memcpy(hash, end + 1, 65);
	return true;
}

/* Exit code for a verified chain and the head the operator expects (NULL: none). */
static int check_head(const struct audit_verification *v, int64_t id, const char *hash)
{
	if (!hash)
		return 0;
	if (!v->mark_hash[0]) {
		fprintf(stderr,
		        "audit trail does not reach the expected head, event %" PRId64
		        ": events were removed\n",
		        id);
		return 1;
	}
	if (strcmp(v->mark_hash, hash) != 0) {
		fprintf(stderr, "audit trail has another event %" PRId64 " than expected\n", id);
		return 1;
	}
	printf("expected head %" PRId64 " present\n", id);
	return 0;
}

static int verify(struct cli_parsed *p, const char *expect_head)
{
	struct config_raw raw = {0};
	struct config cfg;
	struct audit_verification v;
	int64_t head_id = 0;
	char head_hash[65];
	int rc = 2;
	if (!cli_settings(p, &raw, &cfg))
		goto done;
	if (!cfg.db) {
		fputs("kring audit verify: --db is required\n", stderr);
		goto done;
	}
	if (expect_head && !parse_head(expect_head, &head_id, head_hash)) {
		fputs(
		    "kring audit verify: --expect-head takes ID:HASH as printed after \"head:\"\n",
		    stderr);
		goto done;
	}
	struct store *s = store_open(cfg.db, 1);
	if (!s)
		goto done;
	struct store_conn *c = store_acquire(s);
	enum store_status st = audit_verify_marked(c, head_id, &v);
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
	printf("head: %" PRId64 ":%s\n", v.events, v.head_hash);
	rc = check_head(&v, head_id, expect_head ? head_hash : NULL);
done:
	config_raw_free(&raw);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	const char *expect_head = NULL;
	const struct cli_opt opts[] = {
	    {"db", true, CFG_DB, NULL, NULL}, {"expect-head", true, -1, &expect_head, NULL}, {0}};
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
	rc = verify(&p, expect_head);
done:
	config_raw_free(&p.flags);
	return rc;
}
