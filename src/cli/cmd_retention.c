/* kring retention: destroys closed files whose retention period has ended. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "domain/subject_rights.h"
#include "store/destruction.h"
#include "store/store_query.h"
#include "util/arena.h"

static const char retention_help[] =
    "usage: kring retention --db PATH [--dry-run] [--yes]\n"
    "\n"
    "Lists the closed files whose retention period has ended (the trajectory\n"
    "closed more than retention-years ago: 20 by default, 30 under a family\n"
    "supervision order or guardianship) by their pseudonymous id, and destroys\n"
    "them the way an approved destruction request does: every row of the young\n"
    "person goes, their accounts and their JIMs' are disabled and renamed, and\n"
    "the audit trail records each destruction. --dry-run only lists. Otherwise\n"
    "it asks for confirmation on a terminal; elsewhere (the systemd timer) it\n"
    "needs --yes.\n"
    "\n"
    "Exit 0 when done (or nothing was due), 1 when a destruction failed or was\n"
    "not confirmed, 2 on wrong use.\n";

struct due_list {
	struct retention_terms terms;
	struct date today;
	int64_t *ids;
	size_t n, cap;
};

/*
 * Whether a row of SQ_RETENTION_CLOSED or SQ_RETENTION_OF (id, legal_frame,
 * closed_on) is past its retention period on `today`; the end in *end.
 */
static bool row_is_due(const struct store_value *v, const struct retention_terms *terms,
                       struct date today, struct date *end)
{
	struct date closed;
	if (!store_value_date(&v[2], &closed))
		return false; /* open again */
	const char *frame = v[1].type == STORE_ARG_TEXT ? v[1].s : "";
	*end = rights_retention_end(terms, frame, closed);
	return date_compare(*end, today) <= 0;
}

/* SQ_RETENTION_CLOSED: prints and keeps the ones that are due. */
static bool due_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct due_list *d = ctx;
	struct date end;
	char end_text[11];
	(void)ncols;
	if (!row_is_due(v, &d->terms, d->today, &end))
		return true;
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		int64_t *ids = realloc(d->ids, d->cap * sizeof(*ids));
		if (!ids)
			return false;
		d->ids = ids;
	}
	d->ids[d->n++] = v[0].i;
	date_format(end, end_text);
	/* the pseudonymous id and the end of the term only: this goes to the journal */
	printf("young person %" PRId64 ": kept until %s\n", v[0].i, end_text);
	return true;
}

static bool confirmed(size_t n, bool yes)
{
	char line[16];
	if (yes)
		return true;
	if (!isatty(STDIN_FILENO)) {
		fputs("kring retention: not on a terminal: pass --yes to destroy\n", stderr);
		return false;
	}
	printf("Destroy these %zu files for good? Type yes: ", n);
	fflush(stdout);
	return fgets(line, sizeof(line), stdin) && !strcmp(line, "yes\n");
}

struct still_due {
	const struct due_list *d;
	bool due;
};

static bool still_due_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct still_due *sd = ctx;
	struct date end;
	(void)ncols;
	sd->due = row_is_due(v, &sd->d->terms, sd->d->today, &end);
	return true;
}

/*
 * One destruction in its own transaction, with its audit event. The file is
 * looked at again inside the transaction: it may have been reopened or put
 * under a longer term since it was listed (while the operator read the
 * list); then it is kept (*kept set) and nothing changes.
 */
static enum store_status destroy_one(struct store_conn *c, const struct due_list *d, int64_t youth,
                                     const char *today, bool *kept)
{
	struct arena a;
	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, youth);
	struct audit_event ev = {.action = "destroy",
	                         .object_type = "youth",
	                         .object_id = id,
	                         .youth_id = youth,
	                         .reason = "retention period ended"};
	struct still_due sd = {.d = d, .due = false};
	arena_init(&a);
	enum store_status s = store_begin(c, true);
	if (s == STORE_OK)
		s = store_each(c, SQ_RETENTION_OF, STORE_ARGS(SA_INT(youth)), still_due_visit, &sd);
	*kept = s == STORE_OK && !sd.due;
	if (*kept) {
		store_rollback(c);
		arena_free(&a);
		return STORE_OK;
	}
	if (s == STORE_OK)
		s = store_destroy_youth(c, youth, 0, 0, today);
	if (s == STORE_OK)
		s = audit_append_in_tx(c, &a, &ev);
	if (s == STORE_OK)
		s = store_commit(c);
	else
		store_rollback(c);
	arena_free(&a);
	return s;
}

static int retention(const struct config *cfg, bool dry_run, bool yes)
{
	char today[11];
	struct due_list d = {.terms = {cfg->retention_years, cfg->retention_years_ots,
	                               cfg->retention_years_guardianship},
	                     .today = date_today()};
	date_format(d.today, today);
	struct store *s = store_open(cfg->db, 1);
	if (!s)
		return 1;
	struct store_conn *c = store_acquire(s);
	int rc = 1;
	if (store_each(c, SQ_RETENTION_CLOSED, NULL, 0, due_visit, &d) != STORE_OK) {
		fputs("kring retention: cannot read the database (run kring init first?)\n",
		      stderr);
		goto done;
	}
	printf("%zu closed files are past their retention period\n", d.n);
	if (dry_run || d.n == 0 || !confirmed(d.n, yes)) {
		rc = dry_run || d.n == 0 ? 0 : 1;
		goto done;
	}
	size_t destroyed = 0;
	for (size_t i = 0; i < d.n; i++) {
		bool kept = false;
		if (destroy_one(c, &d, d.ids[i], today, &kept) != STORE_OK) {
			fprintf(stderr,
			        "kring retention: could not destroy young person %" PRId64
			        "; %zu destroyed before it\n",
			        d.ids[i], destroyed);
			goto done;
		}
		if (kept)
			printf("young person %" PRId64
			       ": no longer due (reopened or a longer term), kept\n",
			       d.ids[i]);
		else
			destroyed++;
	}
	if (store_scrub(c) != STORE_OK)
		fputs(
		    "kring retention: destroyed, but the database files could not be scrubbed yet; "
		    "the next checkpoint does it\n",
		    stderr);
	printf("destroyed %zu files\n", destroyed);
	rc = 0;
done:
	free(d.ids);
	store_release(c);
	store_close(s);
	return rc;
}

int cmd_retention(int argc, char **argv)
{
	bool dry_run = false, yes = false;
	const struct cli_opt opts[] = {
	    {"db", true, CFG_DB, NULL, NULL},
	    {"dry-run", false, -1, NULL, &dry_run},
	    {"yes", false, -1, NULL, &yes},
	    {"retention-years", true, CFG_RETENTION_YEARS, NULL, NULL},
	    {"retention-years-ots", true, CFG_RETENTION_YEARS_OTS, NULL, NULL},
	    {"retention-years-guardianship", true, CFG_RETENTION_YEARS_GUARDIANSHIP, NULL, NULL},
	    {0}};
	struct cli_command c;
	int rc = cli_command_start(&c, argc, argv, opts, retention_help, "retention", true);
	if (rc == CLI_GO)
		rc = retention(&c.cfg, dry_run, yes);
	cli_command_free(&c);
	return rc;
}
