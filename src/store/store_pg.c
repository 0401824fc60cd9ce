/*
 * The PostgreSQL engine (libpq). Each pooled connection prepares every
 * statement it uses once; parameters travel as text and PostgreSQL infers
 * their types from the query. Results are mapped to JSON by column type.
 * A broken connection is reset on the next use, so the server recovers by
 * itself when the database comes back. Appends to the audit chain take a
 * transaction-scoped advisory lock, so several kring processes keep one
 * chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/migrations_pg.h"
#include "store/store_engine.h"
#include "store/store_pg_queries.h"
#include "util/clock.h"
#include "util/text.h"
#include "util/json_text.h"
#include "util/log.h"

#define PG_BOOLOID       16
#define PG_INT8OID       20
#define PG_INT2OID       21
#define PG_INT4OID       23
#define PG_FLOAT4OID     700
#define PG_FLOAT8OID     701
#define PG_NUMERICOID    1700
#define PG_TEXTOID       25
#define AUDIT_LOCK_KEY   7513
#define MIGRATE_LOCK_KEY 7514
#define MAX_PARAMS       32

/* The typed operations of store_engine, as SQL for this engine. */
enum pg_stmt {
	P_ORG_CREATE,
	P_ORG_GET,
	P_ORG_LIST,
	P_TEAM_CREATE,
	P_TEAM_GET,
	P_TEAM_LIST,
	P_TEAM_ADD_MEMBER,
	P_TEAM_MEMBERS,
	P_USER_CREATE,
	P_USER_BY_ID,
	P_USER_BY_NAME,
	P_USER_JSON,
	P_USER_LIST,
	P_USER_TEAMS,
	P_USER_ACTIVATE,
	P_USER_COUNT,
	P_INV_CREATE,
	P_INV_GET,
	P_INV_USE,
	P_SESSION_CREATE,
	P_SESSION_GET,
	P_SESSION_TOUCH,
	P_SESSION_DELETE,
	P_SESSION_PURGE,
	P_AUDIT_LOCK,
	P_AUDIT_LAST,
	P_AUDIT_INSERT,
	P_AUDIT_QUERY, /* then one per store_audit_key, in its order */
	P_AUDIT_QUERY_YOUTH,
	P_AUDIT_QUERY_USER,
	P_AUDIT_QUERY_BREAK_GLASS,
	P_AUDIT_QUERY_UNSUCCESSFUL,
	P_AUDIT_EACH,
	P_AUDIT_FAIL_USER,
	P_AUDIT_FAIL_ADDR,
	P_COUNT
};

#define USER_PUBLIC "id, username, display_name, role, organisation_id, status, created_at"
#define USER_ALL                                                                                   \
	"id, username, display_name, role, organisation_id, status, password_hash, totp_secret, "  \
	"created_at"
#define AUDIT_COLS                                                                                 \
	"id, at, user_id, username, role, responsible_user_id, action, object_type, object_id, "   \
	"youth_id, outcome, client_addr, reason, prev_hash, hash, basis"

/* The audit trail, filtered: as SQLite's AUDIT_QUERY, whose variants (KEY)
 * let the planner use the index of a filter that is given. */
#define AUDIT_QUERY(KEY)                                                                           \
	"SELECT " AUDIT_COLS " FROM audit_events WHERE " KEY " AND ($1::bigint = 0 OR user_id = "  \
	"$1) AND ($2::bigint = 0 OR youth_id = $2) AND ($3::text IS NULL OR at >= $3) AND "        \
	"($4::text IS NULL OR at < $4) AND id < $6::bigint AND ($7::text IS NULL OR "              \
	"lower(username) = lower($7)) AND ($8::text IS NULL OR basis = $8) AND ($9::text IS NULL " \
	"OR outcome = $9) ORDER BY id DESC LIMIT $5"

static const char *const pg_stmt_sql[P_COUNT] = {
    [P_ORG_CREATE] = "INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id",
    [P_ORG_GET] = "SELECT id, name, created_at FROM organisations WHERE id = $1",
    [P_ORG_LIST] = "SELECT id, name, created_at FROM organisations ORDER BY name, id",
    [P_TEAM_CREATE] = "INSERT INTO teams (organisation_id, name, created_at) VALUES ($1, $2, $3) "
                      "RETURNING id",
    [P_TEAM_GET] = "SELECT id, name, organisation_id, created_at FROM teams WHERE id = $1",
    [P_TEAM_LIST] = "SELECT id, name, organisation_id, created_at FROM teams ORDER BY name, id",
    [P_TEAM_ADD_MEMBER] = "INSERT INTO team_members (team_id, user_id, added_at) VALUES ($1, $2, "
                          "$3)",
    /* Without the young people's own accounts, as the list of users. */
    [P_TEAM_MEMBERS] = "SELECT u.id, u.username, u.display_name, u.role, u.organisation_id, "
                       "u.status, u.created_at FROM team_members m JOIN users u ON u.id = "
                       "m.user_id WHERE m.team_id = $1 AND NOT EXISTS (SELECT 1 FROM youths y "
                       "WHERE y.user_id = u.id) ORDER BY u.display_name, u.id",
    [P_USER_CREATE] = "INSERT INTO users (username, display_name, role, organisation_id, status, "
                      "password_hash, totp_secret, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                      "$7, $8) RETURNING id",
    [P_USER_BY_ID] = "SELECT " USER_ALL " FROM users WHERE id = $1",
    [P_USER_BY_NAME] = "SELECT " USER_ALL " FROM users WHERE username = $1",
    [P_USER_JSON] = "SELECT " USER_PUBLIC " FROM users WHERE id = $1",
    /* Without the young people's own accounts: their name would tell the admin who is in care. */
    [P_USER_LIST] = "SELECT " USER_PUBLIC " FROM users WHERE NOT EXISTS (SELECT 1 FROM youths y "
                    "WHERE y.user_id = users.id) ORDER BY username",
    [P_USER_TEAMS] = "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id",
    [P_USER_ACTIVATE] = "UPDATE users SET password_hash = $2, totp_secret = $3, status = "
                        "'active' WHERE id = $1 AND status = 'invited'",
    [P_USER_COUNT] = "SELECT count(*) AS n FROM users",
    [P_INV_CREATE] = "INSERT INTO invitations (token_hash, user_id, expires_at) VALUES ($1, $2, "
                     "$3)",
    [P_INV_GET] = "SELECT user_id, expires_at, (used_at IS NOT NULL) AS used FROM invitations "
                  "WHERE token_hash = $1",
    [P_INV_USE] = "UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
    [P_SESSION_CREATE] = "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                         "last_seen_at, expires_at, device_browser, device_os) VALUES ($1, $2, "
                         "$3, $4, $5, $6, $7, $8)",
    [P_SESSION_GET] = "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, "
                      "s.expires_at, u.username, u.display_name, u.role, u.organisation_id, "
                      "u.status, coalesce(s.authenticated_at, s.created_at) AS authenticated_at "
                      "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    [P_SESSION_TOUCH] = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
    [P_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = $1",
    [P_SESSION_PURGE] = "DELETE FROM sessions WHERE last_seen_at < $1 OR expires_at <= $2",
    [P_AUDIT_LOCK] = "SELECT pg_advisory_xact_lock(7513)",
    [P_AUDIT_LAST] = "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1",
    [P_AUDIT_INSERT] = "INSERT INTO audit_events (" AUDIT_COLS ") VALUES ($1, $2, $3, $4, $5, "
                       "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    [P_AUDIT_QUERY] = AUDIT_QUERY("true"),
    [P_AUDIT_QUERY_YOUTH] = AUDIT_QUERY("youth_id = $2::bigint"),
    [P_AUDIT_QUERY_USER] = AUDIT_QUERY("user_id = $1::bigint"),
    [P_AUDIT_QUERY_BREAK_GLASS] = AUDIT_QUERY("basis = 'break_glass'"),
    [P_AUDIT_QUERY_UNSUCCESSFUL] = AUDIT_QUERY("outcome = $9::text AND outcome <> 'success'"),
    [P_AUDIT_EACH] = "SELECT " AUDIT_COLS " FROM audit_events ORDER BY id",
    [P_AUDIT_FAIL_USER] = "SELECT count(*) AS n, min(at) AS oldest FROM audit_events WHERE "
                          "action = 'login_failed' AND username = $1 AND at >= $2",
    [P_AUDIT_FAIL_ADDR] = "SELECT count(*) AS n, min(at) AS oldest FROM audit_events WHERE "
                          "action = 'login_failed' AND client_addr = $1 AND at >= $2",
};

struct pg_conn {
	PGconn *pg;
	bool prepared_typed[P_COUNT];
	bool prepared_named[SQ_COUNT];
	bool in_tx;
	bool retry; /* the last failure was 40001 or 40P01 */
};

/* Parameters as text, the form libpq sends. */
struct pg_params {
	const char *values[MAX_PARAMS];
	unsigned int types[MAX_PARAMS]; /* OIDs; 0 lets PostgreSQL infer */
	char buf[MAX_PARAMS][32];
	int n;
};

static void params_from(struct pg_params *p, const struct store_arg *args, size_t nargs)
{
	if (nargs > MAX_PARAMS)
		fatal("too many query parameters");
	p->n = (int)nargs;
	for (size_t i = 0; i < nargs; i++) {
		enum store_arg_type t =
		    args[i].type == STORE_ARG_NULL ? args[i].null_as : args[i].type;
		p->types[i] = t == STORE_ARG_INT    ? PG_INT8OID
		              : t == STORE_ARG_TEXT ? PG_TEXTOID
		              : t == STORE_ARG_REAL ? PG_FLOAT8OID
		                                    : 0;
		switch (args[i].type) {
		case STORE_ARG_INT:
			snprintf(p->buf[i], sizeof(p->buf[i]), "%lld", (long long)args[i].i);
			p->values[i] = p->buf[i];
			break;
		case STORE_ARG_REAL:
			snprintf(p->buf[i], sizeof(p->buf[i]), "%.17g", args[i].d);
			p->values[i] = p->buf[i];
			break;
		case STORE_ARG_TEXT:
			p->values[i] = args[i].s;
			break;
		case STORE_ARG_NULL:
			p->values[i] = NULL;
			break;
		}
	}
}

/*
 * Resets a broken connection; false while the database is unreachable. Inside
 * a transaction a broken connection is not reset: its work is gone, so every
 * statement and the COMMIT fail until the caller rolls back.
 */
static bool ensure_connected(struct pg_conn *c)
{
	if (PQstatus(c->pg) == CONNECTION_OK)
		return true;
	if (c->in_tx)
		return false;
	PQreset(c->pg);
	memset(c->prepared_typed, 0, sizeof(c->prepared_typed));
	memset(c->prepared_named, 0, sizeof(c->prepared_named));
	c->in_tx = false;
	return PQstatus(c->pg) == CONNECTION_OK;
}

/*
 * A failed result, by its SQLSTATE, table and constraint only: PostgreSQL's
 * message and detail can quote the values of a row (a check that failed, a
 * key that exists), and those are personal data. A failure without a
 * SQLSTATE came from libpq itself (the connection broke), whose message
 * holds no data: that one is logged.
 */
static void log_pg_result(struct pg_conn *c, const PGresult *res, const char *during)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	log_line(LOG_ERROR, "database error", "engine", "postgresql", "during", during, "sqlstate",
	         state, "table", PQresultErrorField(res, PG_DIAG_TABLE_NAME), "constraint",
	         PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME), "error",
	         state ? NULL : PQerrorMessage(c->pg), (const char *)NULL);
}

static enum store_status status_of_result(struct pg_conn *c, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return STORE_OK;
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01"))) {
		c->retry = true; /* serialisation failure or deadlock: run it again */
		return STORE_ERROR;
	}
	if (state && !strcmp(state, "23505"))
		return STORE_CONFLICT;
	if (state && !strcmp(state, "23503"))
		return STORE_NOT_FOUND;
	log_pg_result(c, res, "statement");
	return STORE_ERROR;
}

/* Whether a failed result came from a connection that broke (and may be retried). */
static bool connection_lost(struct pg_conn *c, PGresult *res)
{
	return PQresultStatus(res) == PGRES_FATAL_ERROR && PQstatus(c->pg) == CONNECTION_BAD &&
	       !c->in_tx;
}

/*
 * Prepares once per connection, then executes. A connection found broken
 * (the database restarted) is reset and the statement tried once more,
 * outside transactions only. The caller clears the result; NULL while the
 * database is unreachable.
 */
static PGresult *exec_prepared(struct pg_conn *c, const char *name, const char *sql, bool *prepared,
                               const struct pg_params *p)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!ensure_connected(c))
			return NULL;
		if (!*prepared) {
			PGresult *res = PQprepare(c->pg, name, sql, p->n, p->types);
			bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
			bool lost = !ok && connection_lost(c, res);
			if (!ok && !lost)
				log_pg_result(c, res, name);
			PQclear(res);
			if (lost)
				continue;
			if (!ok)
				return NULL;
			*prepared = true;
		}
		PGresult *res = PQexecPrepared(c->pg, name, p->n, p->values, NULL, NULL, 0);
		if (attempt == 0 && connection_lost(c, res)) {
			PQclear(res);
			continue;
		}
		return res;
	}
	return NULL;
}

static PGresult *run_typed(struct pg_conn *c, enum pg_stmt s, const struct store_arg *args,
                           size_t nargs)
{
	struct pg_params p;
	char name[16];
	params_from(&p, args, nargs);
	snprintf(name, sizeof(name), "t%d", (int)s);
	return exec_prepared(c, name, pg_stmt_sql[s], &c->prepared_typed[s], &p);
}

static PGresult *run_named(struct pg_conn *c, enum store_query q, const struct store_arg *args,
                           size_t nargs)
{
	struct pg_params p;
	char name[16];
	if (!pg_query_sql[q])
		fatal("named query %d has no SQL for postgresql", (int)q);
	params_from(&p, args, nargs);
	snprintf(name, sizeof(name), "q%d", (int)q);
	return exec_prepared(c, name, pg_query_sql[q], &c->prepared_named[q], &p);
}

/* A column of a result as JSON answers it (text valid while res lives). */
static struct store_value column_value(PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return (struct store_value){.type = STORE_ARG_NULL};
	const char *v = PQgetvalue(res, row, col);
	switch (PQftype(res, col)) {
	case PG_BOOLOID:
		return (struct store_value){
		    .type = STORE_ARG_INT, .i = v[0] == 't', .boolean = true};
	case PG_INT2OID:
	case PG_INT4OID:
	case PG_INT8OID:
		return (struct store_value){.type = STORE_ARG_INT, .i = strtoll(v, NULL, 10)};
	case PG_FLOAT4OID:
	case PG_FLOAT8OID:
		return (struct store_value){.type = STORE_ARG_REAL, .d = strtod(v, NULL)};
	case PG_NUMERICOID:
		if (strpbrk(v, ".eE"))
			return (struct store_value){.type = STORE_ARG_REAL, .d = strtod(v, NULL)};
		return (struct store_value){.type = STORE_ARG_INT, .i = strtoll(v, NULL, 10)};
	default:
		return (struct store_value){.type = STORE_ARG_TEXT, .s = v};
	}
}

static json_t *value_json(PGresult *res, int row, int col)
{
	struct store_value v = column_value(res, row, col);
	return store_value_json(&v);
}

static json_t *row_json(PGresult *res, int row)
{
	json_t *o = json_object();
	for (int col = 0; col < PQnfields(res); col++)
		json_object_set_new(o, PQfname(res, col), value_json(res, row, col));
	return o;
}

static json_t *rows_json(PGresult *res, bool first_only)
{
	json_t *items = json_array();
	int n = PQntuples(res);
	for (int row = 0; row < n && (!first_only || row == 0); row++)
		json_array_append_new(items, row_json(res, row));
	return items;
}

/* Runs a typed statement; the rows (new array) when `rows` is given. */
static enum store_status typed(struct pg_conn *c, enum pg_stmt s, const struct store_arg *args,
                               size_t nargs, json_t **rows, int64_t *last_id, int64_t *changed)
{
	PGresult *res = run_typed(c, s, args, nargs);
	if (!res)
		return STORE_ERROR;
	enum store_status st = status_of_result(c, res);
	if (st == STORE_OK) {
		if (rows)
			*rows = rows_json(res, false);
		if (last_id && PQntuples(res) > 0)
			*last_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		if (changed)
			*changed = strtoll(PQcmdTuples(res), NULL, 10);
	}
	PQclear(res);
	return st;
}
#define TYPED(c, s, rows, id, changed, ...) typed(c, s, STORE_ARGS(__VA_ARGS__), rows, id, changed)

/* The first row of a typed statement (new reference) or STORE_NOT_FOUND. */
static enum store_status typed_row(struct pg_conn *c, enum pg_stmt s, const struct store_arg *args,
                                   size_t nargs, json_t **row)
{
	json_t *rows = NULL;
	enum store_status st = typed(c, s, args, nargs, &rows, NULL, NULL);
	*row = NULL;
	if (st != STORE_OK)
		return st;
	if (!json_array_size(rows)) {
		json_decref(rows);
		return STORE_NOT_FOUND;
	}
	*row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return STORE_OK;
}
#define TYPED_ROW(c, s, row, ...) typed_row(c, s, STORE_ARGS(__VA_ARGS__), row)

static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void *pg_connect(const char *url)
{
	struct pg_conn *c = calloc(1, sizeof(*c));
	if (!c)
		fatal("out of memory");
	c->pg = PQconnectdb(url);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		/* The URL may hold a password: name only the reason. */
		log_line(LOG_ERROR, "cannot connect to PostgreSQL", "error", PQerrorMessage(c->pg),
		         (const char *)NULL);
		PQfinish(c->pg);
		free(c);
		return NULL;
	}
	PQsetNoticeProcessor(c->pg, quiet_notice, NULL);
	return c;
}

static void pg_disconnect(void *n)
{
	struct pg_conn *c = n;
	PQfinish(c->pg);
	free(c);
}

static bool exec_simple(struct pg_conn *c, const char *sql)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!ensure_connected(c))
			return false;
		PGresult *res = PQexec(c->pg, sql);
		bool ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
		          PQresultStatus(res) == PGRES_TUPLES_OK;
		bool retry = !ok && attempt == 0 && connection_lost(c, res);
		if (!ok && !retry)
			log_pg_result(c, res, "simple statement");
		PQclear(res);
		if (!retry)
			return ok;
	}
	return false;
}

static bool pg_take_retry(void *n)
{
	struct pg_conn *c = n;
	bool retry = c->retry;
	c->retry = false;
	return retry;
}

static bool pg_ping(void *n)
{
	return exec_simple(n, "SELECT 1");
}

/* Whether migration `version` is recorded: 1 yes, 0 no, -1 when the question failed. */
static int migration_applied(struct pg_conn *c, int version)
{
	char text[16];
	const char *values[1] = {text};
	snprintf(text, sizeof(text), "%d", version);
	PGresult *res =
	    PQexecParams(c->pg, "SELECT count(*) FROM schema_migrations WHERE version = $1", 1,
	                 NULL, values, NULL, NULL, 0);
	int applied = PQresultStatus(res) == PGRES_TUPLES_OK ? atoi(PQgetvalue(res, 0, 0)) > 0 : -1;
	PQclear(res);
	return applied;
}

static bool record_migration(struct pg_conn *c, const struct store_migration *m)
{
	char version[16];
	const char *values[2] = {version, m->name};
	snprintf(version, sizeof(version), "%d", m->version);
	PGresult *res = PQexecParams(c->pg,
	                             "INSERT INTO schema_migrations (version, name, applied_at) "
	                             "VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', "
	                             "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))",
	                             2, NULL, values, NULL, NULL, 0);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	return ok;
}

/* Applies each migration the database lacks (by its own version, so one
 * taken back by hand runs again), under an advisory lock so that processes
 * starting together do not race: whoever waited for the lock asks what is
 * applied only after it has the lock. The transaction is READ COMMITTED
 * whatever default_transaction_isolation the database has, so each question
 * sees what the lock's previous holder committed (a REPEATABLE READ snapshot
 * would be taken before the lock is granted). Returns how many this call
 * applied, or -1. */
static int pg_migrate(void *n)
{
	struct pg_conn *c = n;
	int ran = 0;
	if (!exec_simple(c, "BEGIN ISOLATION LEVEL READ COMMITTED"))
		goto fail;
	c->in_tx = true; /* a lost connection fails the migration instead of retrying */
	if (!exec_simple(c, "SELECT pg_advisory_xact_lock(7514)") ||
	    !exec_simple(c, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY "
	                    "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
		goto fail;
	for (int i = 0; i < pg_migration_count; i++) {
		const struct store_migration *m = &pg_migrations[i];
		int applied = migration_applied(c, m->version);
		if (applied < 0)
			goto fail;
		if (applied)
			continue;
		if (!exec_simple(c, m->sql) || !record_migration(c, m))
			goto fail;
		ran++;
	}
	if (!exec_simple(c, "COMMIT"))
		goto fail;
	c->in_tx = false;
	return ran;
fail:
	exec_simple(c, "ROLLBACK");
	c->in_tx = false;
	log_line(LOG_ERROR, "migration failed", "engine", "postgresql", (const char *)NULL);
	return -1;
}

static enum store_status pg_begin(void *n, bool write)
{
	struct pg_conn *c = n;
	/* Writes: READ COMMITTED, whatever default_transaction_isolation the
	 * database or role has: they lock what they change and then read what
	 * the lock's previous holder committed (at REPEATABLE READ the second of
	 * two changes of one row fails instead). The audit chain takes its own
	 * lock. Reads: one snapshot for all their statements, as SQLite's. */
	if (!exec_simple(c, write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
	                          : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
		return STORE_ERROR;
	c->in_tx = true;
	return STORE_OK;
}

static void pg_rollback(void *n)
{
	struct pg_conn *c = n;
	if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		exec_simple(c, "ROLLBACK");
	c->in_tx = false;
}

static enum store_status pg_commit(void *n)
{
	struct pg_conn *c = n;
	/* COMMIT of a transaction with a failed statement answers "ROLLBACK", not an error. */
	bool ok = PQtransactionStatus(c->pg) == PQTRANS_INTRANS && exec_simple(c, "COMMIT");
	if (!ok)
		pg_rollback(c);
	c->in_tx = false;
	return ok ? STORE_OK : STORE_ERROR;
}

static char *now_iso(char out[25])
{
	clock_format_iso_ms(clock_now_ms(), out);
	return out;
}

static enum store_status pg_org_create(void *n, const char *name, int64_t *id)
{
	char at[25];
	return TYPED(n, P_ORG_CREATE, NULL, id, NULL, SA_TEXT(name), SA_TEXT(now_iso(at)));
}

static enum store_status pg_org_get(void *n, int64_t id, json_t **org)
{
	return TYPED_ROW(n, P_ORG_GET, org, SA_INT(id));
}

static enum store_status pg_org_list(void *n, json_t **items)
{
	return typed(n, P_ORG_LIST, NULL, 0, items, NULL, NULL);
}

static enum store_status pg_team_create(void *n, int64_t org_id, const char *name, int64_t *id)
{
	char at[25];
	return TYPED(n, P_TEAM_CREATE, NULL, id, NULL, SA_INT(org_id), SA_TEXT(name),
	             SA_TEXT(now_iso(at)));
}

static enum store_status pg_team_get(void *n, int64_t id, json_t **team)
{
	return TYPED_ROW(n, P_TEAM_GET, team, SA_INT(id));
}

static enum store_status pg_team_list(void *n, json_t **items)
{
	return typed(n, P_TEAM_LIST, NULL, 0, items, NULL, NULL);
}

static enum store_status pg_team_add_member(void *n, int64_t team_id, int64_t user_id)
{
	char at[25];
	return TYPED(n, P_TEAM_ADD_MEMBER, NULL, NULL, NULL, SA_INT(team_id), SA_INT(user_id),
	             SA_TEXT(now_iso(at)));
}

static enum store_status pg_team_members(void *n, int64_t team_id, json_t **items)
{
	return TYPED(n, P_TEAM_MEMBERS, items, NULL, NULL, SA_INT(team_id));
}

static enum store_status pg_user_create(void *n, const struct store_user *u, int64_t *id)
{
	char at[25];
	return TYPED(n, P_USER_CREATE, NULL, id, NULL, SA_TEXT(u->username),
	             SA_TEXT(u->display_name), SA_TEXT(u->role), SA_ID(u->organisation_id),
	             SA_TEXT(u->status), SA_TEXT(u->password_hash), SA_TEXT(u->totp_secret),
	             SA_TEXT(now_iso(at)));
}

static const char *text_of(struct arena *a, json_t *row, const char *key)
{
	const char *s = json_string_value(json_object_get(row, key));
	return s ? arena_strdup(a, s) : NULL;
}

static enum store_status user_from(enum store_status st, json_t *row, struct arena *a,
                                   struct store_user *out)
{
	if (st == STORE_OK) {
		out->id = json_integer_value(json_object_get(row, "id"));
		out->username = text_of(a, row, "username");
		out->display_name = text_of(a, row, "display_name");
		out->role = text_of(a, row, "role");
		out->organisation_id = json_integer_value(json_object_get(row, "organisation_id"));
		out->status = text_of(a, row, "status");
		out->password_hash = text_of(a, row, "password_hash");
		out->totp_secret = text_of(a, row, "totp_secret");
		out->created_at = text_of(a, row, "created_at");
	}
	json_decref(row);
	return st;
}

static enum store_status pg_user_by_id(void *n, struct arena *a, int64_t id, struct store_user *out)
{
	json_t *row = NULL;
	enum store_status st = TYPED_ROW(n, P_USER_BY_ID, &row, SA_INT(id));
	return user_from(st, row, a, out);
}

static enum store_status pg_user_by_username(void *n, struct arena *a, const char *username,
                                             struct store_user *out)
{
	json_t *row = NULL;
	enum store_status st = TYPED_ROW(n, P_USER_BY_NAME, &row, SA_TEXT(username));
	return user_from(st, row, a, out);
}

static enum store_status add_team_ids(struct pg_conn *c, json_t *user)
{
	json_t *rows = NULL, *row, *ids = json_array();
	size_t i;
	enum store_status st = TYPED(c, P_USER_TEAMS, &rows, NULL, NULL,
	                             SA_INT(json_integer_value(json_object_get(user, "id"))));
	json_array_foreach(rows, i, row) json_array_append(ids, json_object_get(row, "team_id"));
	json_decref(rows);
	json_object_set_new(user, "team_ids", ids);
	return st;
}

static enum store_status pg_user_json(void *n, int64_t id, json_t **user)
{
	enum store_status st = TYPED_ROW(n, P_USER_JSON, user, SA_INT(id));
	if (st == STORE_OK && (st = add_team_ids(n, *user)) != STORE_OK) {
		json_decref(*user);
		*user = NULL;
	}
	return st;
}

static enum store_status pg_user_list(void *n, json_t **items)
{
	size_t i;
	json_t *u;
	enum store_status st = typed(n, P_USER_LIST, NULL, 0, items, NULL, NULL);
	if (st != STORE_OK)
		return st;
	json_array_foreach(*items, i, u)
	{
		if ((st = add_team_ids(n, u)) != STORE_OK) {
			json_decref(*items);
			*items = NULL;
			return st;
		}
	}
	return STORE_OK;
}

static enum store_status pg_user_activate(void *n, int64_t id, const char *hash,
                                          const char *totp_secret)
{
	int64_t changed = 0;
	enum store_status st = TYPED(n, P_USER_ACTIVATE, NULL, NULL, &changed, SA_INT(id),
	                             SA_TEXT(hash), SA_TEXT(totp_secret));
	return st == STORE_OK && !changed ? STORE_NOT_FOUND : st;
}

static enum store_status pg_user_count(void *n, int64_t *count)
{
	json_t *rows = NULL;
	enum store_status st = typed(n, P_USER_COUNT, NULL, 0, &rows, NULL, NULL);
	if (st == STORE_OK)
		*count = json_integer_value(json_object_get(json_array_get(rows, 0), "n"));
	json_decref(rows);
	return st;
}

static enum store_status pg_invitation_create(void *n, const char *hash, int64_t user_id,
                                              int64_t expires_at)
{
	return TYPED(n, P_INV_CREATE, NULL, NULL, NULL, SA_TEXT(hash), SA_INT(user_id),
	             SA_INT(expires_at));
}

static enum store_status pg_invitation_get(void *n, const char *hash, struct store_invitation *out)
{
	json_t *row = NULL;
	enum store_status st = TYPED_ROW(n, P_INV_GET, &row, SA_TEXT(hash));
	if (st == STORE_OK) {
		out->user_id = json_integer_value(json_object_get(row, "user_id"));
		out->expires_at = json_integer_value(json_object_get(row, "expires_at"));
		out->used = json_is_true(json_object_get(row, "used"));
	}
	json_decref(row);
	return st;
}

static enum store_status pg_invitation_mark_used(void *n, const char *hash, int64_t now)
{
	int64_t changed = 0;
	enum store_status st =
	    TYPED(n, P_INV_USE, NULL, NULL, &changed, SA_TEXT(hash), SA_INT(now));
	return st == STORE_OK && !changed ? STORE_CONFLICT : st;
}

static enum store_status pg_session_create(void *n, const struct store_session *s)
{
	return TYPED(n, P_SESSION_CREATE, NULL, NULL, NULL, SA_TEXT(s->token_hash),
	             SA_INT(s->user_id), SA_TEXT(s->csrf_token), SA_INT(s->created_at),
	             SA_INT(s->last_seen_at), SA_INT(s->expires_at), SA_TEXT(s->device_browser),
	             SA_TEXT(s->device_os));
}

static enum store_status pg_session_get(void *n, struct arena *a, const char *hash,
                                        struct store_session *out)
{
	json_t *row = NULL;
	enum store_status st = TYPED_ROW(n, P_SESSION_GET, &row, SA_TEXT(hash));
	if (st == STORE_OK) {
		out->token_hash = arena_strdup(a, hash);
		out->user_id = json_integer_value(json_object_get(row, "user_id"));
		out->csrf_token = text_of(a, row, "csrf_token");
		out->created_at = json_integer_value(json_object_get(row, "created_at"));
		out->last_seen_at = json_integer_value(json_object_get(row, "last_seen_at"));
		out->expires_at = json_integer_value(json_object_get(row, "expires_at"));
		out->user = (struct store_user){
		    .id = out->user_id,
		    .username = text_of(a, row, "username"),
		    .display_name = text_of(a, row, "display_name"),
		    .role = text_of(a, row, "role"),
		    .organisation_id = json_integer_value(json_object_get(row, "organisation_id")),
		    .status = text_of(a, row, "status"),
		};
		out->authenticated_at =
		    json_integer_value(json_object_get(row, "authenticated_at"));
	}
	json_decref(row);
	return st;
}

static enum store_status pg_session_touch(void *n, const char *hash, int64_t now)
{
	return TYPED(n, P_SESSION_TOUCH, NULL, NULL, NULL, SA_TEXT(hash), SA_INT(now));
}

static enum store_status pg_session_delete(void *n, const char *hash)
{
	return TYPED(n, P_SESSION_DELETE, NULL, NULL, NULL, SA_TEXT(hash));
}

static enum store_status pg_session_purge(void *n, int64_t idle_before, int64_t now)
{
	return TYPED(n, P_SESSION_PURGE, NULL, NULL, NULL, SA_INT(idle_before), SA_INT(now));
}

/* Takes the chain lock for this transaction first: appends are serialised across processes. */
static enum store_status pg_audit_last(void *n, struct arena *a, int64_t *id, const char **hash)
{
	json_t *rows = NULL;
	enum store_status st = typed(n, P_AUDIT_LOCK, NULL, 0, NULL, NULL, NULL);
	if (st == STORE_OK)
		st = typed(n, P_AUDIT_LAST, NULL, 0, &rows, NULL, NULL);
	if (st == STORE_OK) {
		json_t *row = json_array_get(rows, 0);
		if (!row) {
			st = STORE_NOT_FOUND;
		} else {
			*id = json_integer_value(json_object_get(row, "id"));
			*hash = text_of(a, row, "hash");
		}
	}
	json_decref(rows);
	return st;
}

static enum store_status pg_audit_insert(void *n, const struct store_audit_row *r)
{
	return TYPED(n, P_AUDIT_INSERT, NULL, NULL, NULL, SA_INT(r->id), SA_TEXT(r->at),
	             SA_ID(r->user_id), SA_TEXT(r->username), SA_TEXT(r->role),
	             SA_ID(r->responsible_user_id), SA_TEXT(r->action), SA_TEXT(r->object_type),
	             SA_TEXT(r->object_id), SA_ID(r->youth_id), SA_TEXT(r->outcome),
	             SA_TEXT(r->client_addr), SA_TEXT(r->reason), SA_TEXT(r->prev_hash),
	             SA_TEXT(r->hash), SA_TEXT(r->basis));
}

/* P_AUDIT_QUERY + store_audit_key() picks the variant: the statements
 * follow the keys' order. */
_Static_assert(P_AUDIT_QUERY_YOUTH - P_AUDIT_QUERY == AUDIT_KEY_YOUTH &&
                   P_AUDIT_QUERY_USER - P_AUDIT_QUERY == AUDIT_KEY_USER &&
                   P_AUDIT_QUERY_BREAK_GLASS - P_AUDIT_QUERY == AUDIT_KEY_BREAK_GLASS &&
                   P_AUDIT_QUERY_UNSUCCESSFUL - P_AUDIT_QUERY == AUDIT_KEY_UNSUCCESSFUL,
               "the audit query variants follow enum store_audit_key");

static enum store_status pg_audit_query(void *n, const struct store_audit_filter *f, json_t **items)
{
	enum pg_stmt q = P_AUDIT_QUERY + (int)store_audit_key(f);
	return TYPED(n, q, items, NULL, NULL, SA_INT(f->user_id), SA_INT(f->youth_id),
	             SA_TEXT(f->from), SA_TEXT(f->to), SA_INT(f->limit),
	             SA_INT(store_audit_before(f)), SA_TEXT(f->username), SA_TEXT(f->basis),
	             SA_TEXT(f->outcome));
}

static const char *cell(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static int64_t cell_id(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static enum store_status pg_audit_each(void *n, store_audit_visit visit, void *ctx)
{
	struct pg_conn *c = n;
	PGresult *res = run_typed(c, P_AUDIT_EACH, NULL, 0);
	if (!res)
		return STORE_ERROR;
	enum store_status st = status_of_result(c, res);
	for (int i = 0; st == STORE_OK && i < PQntuples(res); i++) {
		struct store_audit_row r = {
		    .id = cell_id(res, i, 0),
		    .at = cell(res, i, 1),
		    .user_id = cell_id(res, i, 2),
		    .username = cell(res, i, 3),
		    .role = cell(res, i, 4),
		    .responsible_user_id = cell_id(res, i, 5),
		    .action = cell(res, i, 6),
		    .object_type = cell(res, i, 7),
		    .object_id = cell(res, i, 8),
		    .youth_id = cell_id(res, i, 9),
		    .outcome = cell(res, i, 10),
		    .client_addr = cell(res, i, 11),
		    .reason = cell(res, i, 12),
		    .prev_hash = cell(res, i, 13),
		    .hash = cell(res, i, 14),
		    .basis = cell(res, i, 15),
		};
		if (!visit(&r, ctx))
			break;
	}
	PQclear(res);
	return st;
}

static enum store_status failures(struct pg_conn *c, enum pg_stmt s, const char *key,
                                  const char *since, int64_t *count, const char **oldest,
                                  struct arena *a)
{
	json_t *row = NULL;
	enum store_status st = TYPED_ROW(c, s, &row, SA_TEXT(key), SA_TEXT(since));
	if (st == STORE_OK) {
		*count = json_integer_value(json_object_get(row, "n"));
		*oldest = text_of(a, row, "oldest");
	}
	json_decref(row);
	return st;
}

static enum store_status pg_audit_login_failures(void *n, const char *username,
                                                 const char *client_addr, const char *since,
                                                 int64_t *by_user, int64_t *by_addr,
                                                 const char **oldest_user, const char **oldest_addr,
                                                 struct arena *a)
{
	enum store_status st =
	    failures(n, P_AUDIT_FAIL_USER, username, since, by_user, oldest_user, a);
	if (st == STORE_OK)
		st = failures(n, P_AUDIT_FAIL_ADDR, client_addr, since, by_addr, oldest_addr, a);
	return st;
}

static enum store_status pg_query(void *n, enum store_query q, const struct store_arg *args,
                                  size_t nargs, json_t **rows, bool first_only, int64_t *last_id,
                                  int64_t *changed)
{
	struct pg_conn *c = n;
	PGresult *res = run_named(c, q, args, nargs);
	if (!res)
		return STORE_ERROR;
	enum store_status st = status_of_result(c, res);
	if (st == STORE_OK) {
		if (rows)
			*rows = rows_json(res, first_only);
		if (last_id && PQntuples(res) > 0 && PQnfields(res) > 0)
			*last_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		if (changed)
			*changed = strtoll(PQcmdTuples(res), NULL, 10);
	}
	PQclear(res);
	return st;
}

static enum store_status pg_each(void *n, enum store_query q, const struct store_arg *args,
                                 size_t nargs, store_row_visit visit, void *ctx)
{
	struct pg_conn *c = n;
	struct store_value v[32];
	PGresult *res = run_named(c, q, args, nargs);
	if (!res)
		return STORE_ERROR;
	enum store_status st = status_of_result(c, res);
	int cols = PQnfields(res);
	if (cols > 32)
		fatal("named query %d has too many columns", (int)q);
	for (int row = 0; st == STORE_OK && row < PQntuples(res); row++) {
		for (int col = 0; col < cols; col++)
			v[col] = column_value(res, row, col);
		if (!visit(v, (size_t)cols, ctx))
			break;
	}
	PQclear(res);
	return st;
}

static enum store_status pg_text(void *n, enum store_query q, const struct store_arg *args,
                                 size_t nargs, bool first_only, struct json_text *out,
                                 store_column_seen seen, void *ctx)
{
	struct pg_conn *c = n;
	struct store_value v[32];
	const char *names[32];
	PGresult *res = run_named(c, q, args, nargs);
	if (!res)
		return STORE_ERROR;
	enum store_status st = status_of_result(c, res);
	int cols = PQnfields(res), rows = PQntuples(res);
	if (cols > 32)
		fatal("named query %d has too many columns", (int)q);
	if (st == STORE_OK && first_only && rows == 0)
		st = STORE_NOT_FOUND;
	if (st == STORE_OK) {
		for (int col = 0; col < cols; col++)
			names[col] = PQfname(res, col);
		if (!first_only)
			json_text_char(out, '[');
		for (int row = 0; row < rows && (!first_only || row == 0); row++) {
			if (row)
				json_text_char(out, ',');
			for (int col = 0; col < cols; col++)
				v[col] = column_value(res, row, col);
			store_text_row(out, names, v, (size_t)cols, seen, ctx);
		}
		if (!first_only)
			json_text_char(out, ']');
	}
	PQclear(res);
	return st;
}

const struct store_engine store_engine_pg = {
    .name = "postgresql",
    .query = pg_query,
    .each = pg_each,
    .text = pg_text,
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .migrate = pg_migrate,
    .ping = pg_ping,
    .take_retry = pg_take_retry,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .org_create = pg_org_create,
    .org_get = pg_org_get,
    .org_list = pg_org_list,
    .team_create = pg_team_create,
    .team_get = pg_team_get,
    .team_list = pg_team_list,
    .team_add_member = pg_team_add_member,
    .team_members = pg_team_members,
    .user_create = pg_user_create,
    .user_by_id = pg_user_by_id,
    .user_by_username = pg_user_by_username,
    .user_json = pg_user_json,
    .user_list = pg_user_list,
    .user_activate = pg_user_activate,
    .user_count = pg_user_count,
    .invitation_create = pg_invitation_create,
    .invitation_get = pg_invitation_get,
    .invitation_mark_used = pg_invitation_mark_used,
    .session_create = pg_session_create,
    .session_get = pg_session_get,
    .session_touch = pg_session_touch,
    .session_delete = pg_session_delete,
    .session_purge = pg_session_purge,
    .audit_last = pg_audit_last,
    .audit_insert = pg_audit_insert,
    .audit_query = pg_audit_query,
    .audit_each = pg_audit_each,
    .audit_login_failures = pg_audit_login_failures,
};
