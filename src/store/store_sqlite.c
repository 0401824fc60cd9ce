/*
 * The SQLite engine: WAL mode, synchronous=FULL so that a committed audit
 * event survives a crash, foreign keys on, and one cached prepared statement
 * per query per connection. Every query binds its parameters.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/migrations_sqlite.h"
#include "store/sqlite_busy.h"
#include "store/sqlite_wal.h"
#include "store/store_engine.h"
#include "store/store_sqlite_queries.h"
#include "util/clock.h"
#include "util/text.h"
#include "util/json_text.h"
#include "util/log.h"

enum stmt_id {
	Q_BEGIN_READ,
	Q_BEGIN_WRITE,
	Q_COMMIT,
	Q_ROLLBACK,
	Q_ORG_CREATE,
	Q_ORG_GET,
	Q_ORG_LIST,
	Q_TEAM_CREATE,
	Q_TEAM_GET,
	Q_TEAM_LIST,
	Q_TEAM_ADD_MEMBER,
	Q_TEAM_MEMBERS,
	Q_USER_CREATE,
	Q_USER_BY_ID,
	Q_USER_BY_NAME,
	Q_USER_JSON,
	Q_USER_LIST,
	Q_USER_TEAMS,
	Q_USER_ACTIVATE,
	Q_USER_COUNT,
	Q_INV_CREATE,
	Q_INV_GET,
	Q_INV_USE,
	Q_SESSION_CREATE,
	Q_SESSION_GET,
	Q_SESSION_TOUCH,
	Q_SESSION_DELETE,
	Q_SESSION_PURGE,
	Q_AUDIT_LAST,
	Q_AUDIT_INSERT,
	Q_AUDIT_QUERY, /* then one per store_audit_key, in its order */
	Q_AUDIT_QUERY_YOUTH,
	Q_AUDIT_QUERY_USER,
	Q_AUDIT_QUERY_BREAK_GLASS,
	Q_AUDIT_QUERY_UNSUCCESSFUL,
	Q_AUDIT_EACH,
	Q_AUDIT_FAIL_USER,
	Q_AUDIT_FAIL_ADDR,
	Q_COUNT
};

#define USER_PUBLIC_COLUMNS "id, username, display_name, role, organisation_id, status, created_at"
#define USER_ALL_COLUMNS                                                                           \
	"id, username, display_name, role, organisation_id, status, password_hash, totp_secret, "  \
	"created_at"
#define AUDIT_COLUMNS                                                                              \
	"id, at, user_id, username, role, responsible_user_id, action, object_type, object_id, "   \
	"youth_id, outcome, client_addr, reason, prev_hash, hash, basis"

/*
 * The audit trail, newest first, filtered (sq_audit_query's parameters).
 * With "?n IS NULL OR ..." a filter the caller leaves out costs nothing,
 * but SQLite then cannot use an index for it, and finding a rare event
 * reads the whole table back from the newest; KEY is the plain condition
 * of the variant (store_audit_key) that an index serves (migrations 1 and
 * 25), the filter's own condition stays as it is. id < ?6 (INT64_MAX when
 * not paging) starts a page at its place in the table or index. A username
 * matches in any case: a failed login is stored as it was typed.
 */
#define AUDIT_QUERY(KEY)                                                                           \
	"SELECT " AUDIT_COLUMNS " FROM audit_events WHERE " KEY " AND (?1 = 0 OR user_id = ?1) "   \
	"AND (?2 = 0 OR youth_id = ?2) AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) "  \
	"AND id < ?6 AND (?7 IS NULL OR lower(username) = lower(?7)) AND (?8 IS NULL OR basis = "  \
	"?8) AND (?9 IS NULL OR outcome = ?9) ORDER BY id DESC LIMIT ?5"

static const char *const stmt_sql[Q_COUNT] = {
    [Q_BEGIN_READ] = "BEGIN DEFERRED",
    [Q_BEGIN_WRITE] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_ORG_CREATE] = "INSERT INTO organisations (name, created_at) VALUES (?1, ?2)",
    [Q_ORG_GET] = "SELECT id, name, created_at FROM organisations WHERE id = ?1",
    [Q_ORG_LIST] = "SELECT id, name, created_at FROM organisations ORDER BY name, id",
    [Q_TEAM_CREATE] = "INSERT INTO teams (organisation_id, name, created_at) VALUES (?1, ?2, ?3)",
    [Q_TEAM_GET] = "SELECT id, name, organisation_id, created_at FROM teams WHERE id = ?1",
    [Q_TEAM_LIST] = "SELECT id, name, organisation_id, created_at FROM teams ORDER BY name, id",
    [Q_TEAM_ADD_MEMBER] =
        "INSERT INTO team_members (team_id, user_id, added_at) VALUES (?1, ?2, ?3)",
    /* Without the young people's own accounts, as the list of users. */
    [Q_TEAM_MEMBERS] = "SELECT u.id, u.username, u.display_name, u.role, u.organisation_id, "
                       "u.status, u.created_at FROM team_members m JOIN users u ON u.id = "
                       "m.user_id WHERE m.team_id = ?1 AND NOT EXISTS (SELECT 1 FROM youths y "
                       "WHERE y.user_id = u.id) ORDER BY u.display_name, u.id",
    [Q_USER_CREATE] = "INSERT INTO users (username, display_name, role, organisation_id, "
                      "status, password_hash, totp_secret, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [Q_USER_BY_ID] = "SELECT " USER_ALL_COLUMNS " FROM users WHERE id = ?1",
    [Q_USER_BY_NAME] = "SELECT " USER_ALL_COLUMNS " FROM users WHERE username = ?1",
    [Q_USER_JSON] = "SELECT " USER_PUBLIC_COLUMNS " FROM users WHERE id = ?1",
    /* Without the young people's own accounts: their name would tell the admin who is in care. */
    [Q_USER_LIST] = "SELECT " USER_PUBLIC_COLUMNS " FROM users WHERE NOT EXISTS (SELECT 1 FROM "
                    "youths y WHERE y.user_id = users.id) ORDER BY username",
    [Q_USER_TEAMS] = "SELECT team_id FROM team_members WHERE user_id = ?1 ORDER BY team_id",
    [Q_USER_ACTIVATE] = "UPDATE users SET password_hash = ?2, totp_secret = ?3, "
                        "status = 'active' WHERE id = ?1 AND status = 'invited'",
    [Q_USER_COUNT] = "SELECT count(*) FROM users",
    [Q_INV_CREATE] = "INSERT INTO invitations (token_hash, user_id, expires_at) "
                     "VALUES (?1, ?2, ?3)",
    [Q_INV_GET] = "SELECT user_id, expires_at, used_at IS NOT NULL FROM invitations "
                  "WHERE token_hash = ?1",
    [Q_INV_USE] = "UPDATE invitations SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
    [Q_SESSION_CREATE] = "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                         "last_seen_at, expires_at, device_browser, device_os) VALUES (?1, ?2, "
                         "?3, ?4, ?5, ?6, ?7, ?8)",
    [Q_SESSION_GET] = "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, "
                      "s.expires_at, u.username, u.display_name, u.role, u.organisation_id, "
                      "u.status, coalesce(s.authenticated_at, s.created_at) AS authenticated_at "
                      "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
    [Q_SESSION_TOUCH] = "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
    [Q_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
    [Q_SESSION_PURGE] = "DELETE FROM sessions WHERE last_seen_at < ?1 OR expires_at <= ?2",
    [Q_AUDIT_LAST] = "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1",
    [Q_AUDIT_INSERT] = "INSERT INTO audit_events (" AUDIT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, "
                       "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [Q_AUDIT_QUERY] = AUDIT_QUERY("1"),
    [Q_AUDIT_QUERY_YOUTH] = AUDIT_QUERY("youth_id = ?2"),
    [Q_AUDIT_QUERY_USER] = AUDIT_QUERY("user_id = ?1"),
    [Q_AUDIT_QUERY_BREAK_GLASS] = AUDIT_QUERY("basis = 'break_glass'"),
    [Q_AUDIT_QUERY_UNSUCCESSFUL] = AUDIT_QUERY("outcome = ?9 AND outcome <> 'success'"),
    [Q_AUDIT_EACH] = "SELECT " AUDIT_COLUMNS " FROM audit_events ORDER BY id",
    [Q_AUDIT_FAIL_USER] = "SELECT count(*), min(at) FROM audit_events "
                          "WHERE action = 'login_failed' AND username = ?1 AND at >= ?2",
    [Q_AUDIT_FAIL_ADDR] = "SELECT count(*), min(at) FROM audit_events "
                          "WHERE action = 'login_failed' AND client_addr = ?1 AND at >= ?2",
};

struct sqlite_conn {
	sqlite3 *db;
	bool reading; /* in a read transaction: statements that write are refused */
	struct sqlite_busy busy;
	sqlite3_stmt *stmts[Q_COUNT];
	sqlite3_stmt *named[SQ_COUNT];
};

static enum store_status sq_each(void *n, enum store_query q, const struct store_arg *args,
                                 size_t nargs, store_row_visit visit, void *ctx);
static enum store_status sq_text(void *n, enum store_query q, const struct store_arg *args,
                                 size_t nargs, bool first_only, struct json_text *out,
                                 store_column_seen seen, void *ctx);
static enum store_status sq_query(void *n, enum store_query q, const struct store_arg *args,
                                  size_t nargs, json_t **rows, bool first_only, int64_t *last_id,
                                  int64_t *changed);

/* SQLite's messages name tables, columns and constraints, never the values. */
static void log_sqlite_error(struct sqlite_conn *c, const char *what)
{
	log_line(LOG_ERROR, "database error", "engine", "sqlite", "during", what, "error",
	         sqlite3_errmsg(c->db), (const char *)NULL);
}

/*
 * A read transaction is read-only: a statement that would write is refused
 * (NULL, an error for the caller) instead of writing inside it and being
 * rolled back unseen with it. (PRAGMA query_only would do the same, but
 * setting it expires every prepared statement of the connection.)
 */
static sqlite3_stmt *unless_writing_in_read(struct sqlite_conn *c, sqlite3_stmt *st)
{
	if (!c->reading || sqlite3_stmt_readonly(st))
		return st;
	log_line(LOG_ERROR, "database error", "engine", "sqlite", "error",
	         "a write inside a read-only transaction", (const char *)NULL);
	return NULL;
}

/* The cached statement for `id`, reset and with its bindings cleared; NULL on error. */
static sqlite3_stmt *prep(struct sqlite_conn *c, enum stmt_id id)
{
	sqlite3_stmt *st = c->stmts[id];
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return unless_writing_in_read(c, st);
	}
	if (sqlite3_prepare_v3(c->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
	    SQLITE_OK) {
		log_sqlite_error(c, "prepare");
		return NULL;
	}
	c->stmts[id] = st;
	return unless_writing_in_read(c, st);
}

static enum store_status status_of(struct sqlite_conn *c, int rc)
{
	if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK)
		return STORE_OK;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		int ext = sqlite3_extended_errcode(c->db);
		if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			return STORE_CONFLICT;
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
			return STORE_NOT_FOUND;
	}
	log_sqlite_error(c, "step");
	return STORE_ERROR;
}

/* Runs a statement that returns no rows. */
static enum store_status exec_stmt(struct sqlite_conn *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	enum store_status s = status_of(c, rc);
	sqlite3_reset(st);
	return s;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static void bind_id_or_null(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static const char *col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? arena_strdup(a, (const char *)t) : NULL;
}

/* Column i of the current row (text valid until the next step or reset). */
static struct store_value column_value(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return (struct store_value){.type = STORE_ARG_INT,
		                            .i = sqlite3_column_int64(st, i)};
	case SQLITE_FLOAT:
		return (struct store_value){.type = STORE_ARG_REAL,
		                            .d = sqlite3_column_double(st, i)};
	case SQLITE_NULL:
		return (struct store_value){.type = STORE_ARG_NULL};
	default:
		return (struct store_value){.type = STORE_ARG_TEXT,
		                            .s = (const char *)sqlite3_column_text(st, i)};
	}
}

static json_t *row_to_json(sqlite3_stmt *st)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		struct store_value v = column_value(st, i);
		json_object_set_new(o, sqlite3_column_name(st, i), store_value_json(&v));
	}
	return o;
}

/* Steps through all rows into a new array; NULL on error. */
static json_t *rows_to_json(struct sqlite_conn *c, sqlite3_stmt *st)
{
	json_t *items = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(items, row_to_json(st));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_sqlite_error(c, "query");
		json_decref(items);
		return NULL;
	}
	return items;
}

static enum store_status list_into(struct sqlite_conn *c, sqlite3_stmt *st, json_t **items)
{
	*items = rows_to_json(c, st);
	return *items ? STORE_OK : STORE_ERROR;
}

static enum store_status one_into(struct sqlite_conn *c, sqlite3_stmt *st, json_t **out)
{
	int rc = sqlite3_step(st);
	enum store_status s = STORE_OK;
	*out = NULL;
	if (rc == SQLITE_ROW)
		*out = row_to_json(st);
	else if (rc == SQLITE_DONE)
		s = STORE_NOT_FOUND;
	else
		s = status_of(c, rc);
	sqlite3_reset(st);
	return s;
}

static void now_iso(char out[static 25])
{
	clock_format_iso_ms(clock_now_ms(), out);
}

/*
 * Process-wide settings, made once before SQLite initialises: no memory
 * statistics (kring never reads them, and keeping them takes a global mutex
 * on every allocation of every connection). If something initialised SQLite
 * earlier the setting is refused and SQLite keeps its default: slower, not
 * wrong.
 */
static void configure_sqlite(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * The connection's settings. Processes that open a new database at the same
 * moment each switch it to WAL, and SQLite may then refuse one of them at
 * once with SQLITE_BUSY, without the busy handler, where waiting could
 * deadlock; the settings are the same whoever applies them first, so they
 * are tried again, for up to 10 s. Returns SQLite's code; *err as
 * sqlite3_exec() sets it.
 */
static int apply_settings(sqlite3 *db, char **err)
{
	static const char *const settings =
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
	    "PRAGMA secure_delete = ON; PRAGMA journal_size_limit = 67108864;";
	for (int tries = 1;; tries++) {
		int rc = sqlite3_exec(db, settings, NULL, NULL, err);
		if ((rc & 0xff) != SQLITE_BUSY || tries == 1000)
			return rc;
		sqlite3_free(*err);
		*err = NULL;
		sqlite3_sleep(10);
	}
}

static void *sq_connect(const char *path)
{
	static pthread_once_t configured = PTHREAD_ONCE_INIT;
	pthread_once(&configured, configure_sqlite);
	struct sqlite_conn *c = calloc(1, sizeof(*c));
	if (!c)
		fatal("out of memory");
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &c->db, flags, NULL) != SQLITE_OK) {
		log_line(LOG_ERROR, "cannot open the database", "path", path, "error",
		         c->db ? sqlite3_errmsg(c->db) : "out of memory", (const char *)NULL);
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	sqlite_busy_install(c->db, &c->busy);
	sqlite3_extended_result_codes(c->db, 1);
	char *err = NULL;
	if (apply_settings(c->db, &err) != SQLITE_OK) {
		log_line(LOG_ERROR, "cannot use the database", "path", path, "error",
		         err ? err : "?", (const char *)NULL);
		sqlite3_free(err);
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	sqlite_wal_install(c->db);
	return c;
}

static void sq_disconnect(void *n)
{
	struct sqlite_conn *c = n;
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(c->stmts[i]);
	for (int i = 0; i < SQ_COUNT; i++)
		sqlite3_finalize(c->named[i]);
	sqlite3_close(c->db);
	free(c);
}

/* SQLite serialises writers itself (waiting in sqlite_busy.c): nothing to retry. */
static bool sq_take_retry(void *n)
{
	(void)n;
	return false;
}

static bool sq_ping(void *n)
{
	struct sqlite_conn *c = n;
	return sqlite3_exec(c->db, "SELECT 1", NULL, NULL, NULL) == SQLITE_OK;
}

/* Whether migration `version` is recorded: 1 yes, 0 no, -1 when the question failed. */
static int migration_applied(struct sqlite_conn *c, int version)
{
	sqlite3_stmt *st = NULL;
	int applied = -1;
	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM schema_migrations WHERE version = ?1",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_int(st, 1, version) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		applied = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return applied;
}

static int record_migration(struct sqlite_conn *c, const struct store_migration *m)
{
	sqlite3_stmt *st = NULL;
	char at[25];
	now_iso(at);
	int rc = sqlite3_prepare_v2(
	    c->db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
	    -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, m->version);
		sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The first column of each table that migration 22 builds anew, as its CREATE TABLE wrote it. */
static const char ID_COLUMN[] = "id INTEGER PRIMARY KEY";
static const char AUTOINCREMENT[] = "AUTOINCREMENT";

/* Runs `sql` (made with sqlite3_mprintf, freed here); *err names `table` when it fails. */
static int exec_owned(sqlite3 *db, char *sql, const char *table, char **err)
{
	if (!sql)
		return SQLITE_NOMEM;
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK && !*err)
		*err = sqlite3_mprintf("%s: %s", table, sqlite3_errmsg(db));
	sqlite3_free(sql);
	return rc;
}

static void free_texts(char **texts)
{
	for (size_t i = 0; texts && texts[i]; i++)
		sqlite3_free(texts[i]);
	free(texts);
}

/* The sqlite_schema texts that `query` (one parameter: the table) gives, in a NULL-ended array. */
static char **schema_texts(sqlite3 *db, const char *query, const char *table)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	char **out = calloc(1, sizeof(*out));
	int step = SQLITE_NOMEM;
	if (out && sqlite3_prepare_v2(db, query, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) == SQLITE_OK) {
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			char **grown = realloc(out, (n + 2) * sizeof(*out));
			if (!grown) {
				step = SQLITE_NOMEM;
				break;
			}
			out = grown;
			out[n + 1] = NULL;
			out[n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
			if (!out[n++]) {
				step = SQLITE_NOMEM;
				break;
			}
		}
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free_texts(out);
		return NULL;
	}
	return out;
}

/*
 * Starts the table's AUTOINCREMENT sequence above its rows, above what it
 * holds already and above t->used (the ids destroyed rows are known to have
 * had): sqlite_sequence may be written like any table.
 */
static int seed_sequence(sqlite3 *db, const struct sqlite_rebuild *t, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf(
	    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0), "
	    "coalesce((SELECT max(id) FROM \"%w\"), 0), coalesce((%s), 0))",
	    t->table, t->used ? t->used : "NULL");
	sqlite3_int64 seq = 0;
	int rc = sql ? sqlite3_prepare_v2(db, sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, t->table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "DELETE FROM sqlite_sequence WHERE name = ?1", -1, &st,
		                        NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, t->table, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    db, "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, t->table, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, seq);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK && !*err)
		*err = sqlite3_mprintf("%s: %s", t->table, sqlite3_errmsg(db));
	return rc;
}

/*
 * Builds t->table anew as INTEGER PRIMARY KEY AUTOINCREMENT, following
 * SQLite's procedure for other schema changes (lang_altertable.html,
 * "otheralter"), inside the migration's transaction and with foreign keys
 * off: the new table from the definition sqlite_schema holds now (every
 * column added since, in its place), with AUTOINCREMENT after the id
 * column; every row copied with its id; the old table dropped and the new
 * one given its name (legacy_alter_table, so that the triggers of other
 * tables that name it are not checked against a table that is briefly
 * missing, nor rewritten); its indexes and triggers made again from their
 * own text. Then seed_sequence. A table that has AUTOINCREMENT already is
 * only seeded. SQLITE_ERROR, with *err set, when the definition does not
 * start with ID_COLUMN.
 */
static int rebuild_keeping_ids(sqlite3 *db, const struct sqlite_rebuild *t, char **err)
{
	char **def = schema_texts(
	    db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", t->table);
	char **kept = NULL;
	const char *open = def && def[0] ? strchr(def[0], '(') : NULL;
	const char *col = open ? open + 1 : NULL;
	while (col && (*col == ' ' || *col == '\n' || *col == '\t'))
		col++;
	const char *after =
	    col && strncmp(col, ID_COLUMN, strlen(ID_COLUMN)) == 0 ? col + strlen(ID_COLUMN) : NULL;
	while (after && *after == ' ')
		after++;
	int rc = SQLITE_OK;
	if (!def || !def[0]) {
		*err = sqlite3_mprintf("%s: no such table", t->table);
		rc = SQLITE_ERROR;
	} else if (!after ||
	           (*after != ',' && strncmp(after, AUTOINCREMENT, strlen(AUTOINCREMENT)) != 0)) {
		*err = sqlite3_mprintf("%s: the definition does not start with %s", t->table,
		                       ID_COLUMN);
		rc = SQLITE_ERROR;
	} else if (*after == ',') {
		char *fresh = sqlite3_mprintf("%s_keep_ids", t->table);
		kept = schema_texts(db,
		                    "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 AND type IN "
		                    "('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
		                    t->table);
		rc = fresh && kept ? SQLITE_OK : SQLITE_NOMEM;
		if (rc == SQLITE_OK)
			rc = exec_owned(db,
			                sqlite3_mprintf("CREATE TABLE \"%w\" (%.*s %s%s", fresh,
			                                (int)(after - open - 1), open + 1,
			                                AUTOINCREMENT, after),
			                t->table, err);
		if (rc == SQLITE_OK)
			rc = exec_owned(db,
			                sqlite3_mprintf("INSERT INTO \"%w\" SELECT * FROM \"%w\"",
			                                fresh, t->table),
			                t->table, err);
		if (rc == SQLITE_OK)
			rc = exec_owned(db, sqlite3_mprintf("DROP TABLE \"%w\"", t->table),
			                t->table, err);
		if (rc == SQLITE_OK) {
			rc = exec_owned(
			    db,
			    sqlite3_mprintf("PRAGMA legacy_alter_table = ON; ALTER TABLE "
			                    "\"%w\" RENAME TO \"%w\"",
			                    fresh, t->table),
			    t->table, err);
			int off =
			    sqlite3_exec(db, "PRAGMA legacy_alter_table = OFF", NULL, NULL, NULL);
			if (rc == SQLITE_OK)
				rc = off;
		}
		for (size_t i = 0; rc == SQLITE_OK && kept[i]; i++)
			rc = exec_owned(db, sqlite3_mprintf("%s", kept[i]), t->table, err);
		sqlite3_free(fresh);
	}
	if (rc == SQLITE_OK)
		rc = seed_sequence(db, t, err);
	if (rc != SQLITE_OK && !*err)
		*err = sqlite3_mprintf("%s: %s", t->table, sqlite3_errmsg(db));
	free_texts(def);
	free_texts(kept);
	return rc;
}

/* Whether migration `version` builds tables anew (sqlite_rebuilds). */
static bool rebuilds_tables(int version)
{
	for (int i = 0; i < sqlite_rebuild_count; i++)
		if (sqlite_rebuilds[i].version == version)
			return true;
	return false;
}

/*
 * The references that PRAGMA foreign_key_check finds broken, kept in a
 * temporary table of the migration's transaction: a database may hold some
 * from before (a row deleted with the sqlite3 tool, where foreign keys are
 * off by default), which kring runs with and a rebuild leaves as they were.
 */
static const char FK_BROKEN_BEFORE[] =
    "CREATE TEMP TABLE kring_fk_before AS SELECT \"table\" AS child, rowid AS row_id, parent, "
    "fkid FROM pragma_foreign_key_check()";

/*
 * SQLITE_OK when PRAGMA foreign_key_check finds no broken reference besides
 * those of FK_BROKEN_BEFORE (whose table it then drops); else *err names the
 * first new one.
 */
static int foreign_keys_intact(sqlite3 *db, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db,
	    "SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check() EXCEPT "
	    "SELECT child, row_id, parent, fkid FROM temp.kring_fk_before",
	    -1, &st, NULL);
	if (rc == SQLITE_OK) {
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			*err = sqlite3_mprintf("foreign key broken: %s row %lld refers to %s",
			                       (const char *)sqlite3_column_text(st, 0),
			                       (long long)sqlite3_column_int64(st, 1),
			                       (const char *)sqlite3_column_text(st, 2));
			rc = SQLITE_CONSTRAINT;
		} else if (step != SQLITE_DONE)
			rc = step;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "DROP TABLE temp.kring_fk_before", NULL, NULL, err);
	return rc;
}

/*
 * Applies one migration in its own transaction, with its row in
 * schema_migrations, and sets *ran. Whether the migration is recorded is
 * asked again under the transaction's write lock: another process that
 * starts on the same database at the same time may have applied it since
 * the caller looked, and then nothing is done (*ran false, SQLITE_OK). One
 * that builds tables anew does that first, and is committed only when PRAGMA
 * foreign_key_check finds no broken reference that was not there before it
 * (the caller has turned foreign keys off: the procedure needs them off, and
 * the pragma is a no-op inside a transaction).
 */
static int apply_migration(struct sqlite_conn *c, const struct store_migration *m, bool *ran,
                           char **err)
{
	bool rebuild = rebuilds_tables(m->version);
	*ran = false;
	int rc = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, err);
	if (rc != SQLITE_OK)
		return rc;
	int applied = migration_applied(c, m->version);
	if (applied != 0) {
		rc = applied > 0 ? sqlite3_exec(c->db, "COMMIT", NULL, NULL, err) : SQLITE_ERROR;
		goto done;
	}
	if (rebuild)
		rc = sqlite3_exec(c->db, FK_BROKEN_BEFORE, NULL, NULL, err);
	for (int i = 0; rebuild && rc == SQLITE_OK && i < sqlite_rebuild_count; i++)
		if (sqlite_rebuilds[i].version == m->version)
			rc = rebuild_keeping_ids(c->db, &sqlite_rebuilds[i], err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c->db, m->sql, NULL, NULL, err);
	if (rc == SQLITE_OK && rebuild)
		rc = foreign_keys_intact(c->db, err);
	if (rc == SQLITE_OK)
		rc = record_migration(c, m);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c->db, "COMMIT", NULL, NULL, err);
	*ran = rc == SQLITE_OK;
done:
	if (rc != SQLITE_OK && !*err)
		*err = sqlite3_mprintf("%s", sqlite3_errmsg(c->db));
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/*
 * Applies each migration the database lacks (by its own version, so one taken
 * back by hand runs again), each in its own transaction; foreign keys are off
 * around one that builds tables anew, and on again before the next (or the
 * failure) is reported. Processes that start together on one database may
 * each run this: a migration is applied by exactly one of them
 * (apply_migration), and the others go on. Returns how many this call
 * applied, or -1.
 */
static int sq_migrate(void *n)
{
	struct sqlite_conn *c = n;
	char *err = NULL;
	if (sqlite3_exec(c->db,
	                 "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
	                 "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
	                 NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	int ran = 0;
	for (int i = 0; i < sqlite_migration_count; i++) {
		const struct store_migration *m = &sqlite_migrations[i];
		int applied = migration_applied(c, m->version);
		if (applied < 0)
			goto fail;
		if (applied)
			continue;
		bool fk_off = rebuilds_tables(m->version);
		if (fk_off &&
		    sqlite3_exec(c->db, "PRAGMA foreign_keys = OFF", NULL, NULL, &err) != SQLITE_OK)
			goto fail;
		bool done = false;
		int rc = apply_migration(c, m, &done, &err);
		if (fk_off && sqlite3_exec(c->db, "PRAGMA foreign_keys = ON", NULL, NULL,
		                           err ? NULL : &err) != SQLITE_OK)
			rc = SQLITE_ERROR;
		if (rc != SQLITE_OK)
			goto fail;
		ran += done;
	}
	return ran;
fail:
	log_line(LOG_ERROR, "migration failed", "error", err ? err : sqlite3_errmsg(c->db),
	         (const char *)NULL);
	sqlite3_free(err);
	return -1;
}

static enum store_status run_simple(struct sqlite_conn *c, enum stmt_id id)
{
	sqlite3_stmt *st = prep(c, id);
	return st ? exec_stmt(c, st) : STORE_ERROR;
}

static enum store_status sq_begin(void *n, bool write)
{
	struct sqlite_conn *c = n;
	enum store_status s = run_simple(c, write ? Q_BEGIN_WRITE : Q_BEGIN_READ);
	c->reading = s == STORE_OK && !write;
	return s;
}

/* Ends a read transaction; it held no write lock, so no writer is waiting for it. */
static enum store_status end_reading(struct sqlite_conn *c, enum stmt_id end)
{
	enum store_status s = STORE_OK;
	if (!sqlite3_get_autocommit(c->db))
		s = run_simple(c, end);
	c->reading = false;
	return s;
}

static enum store_status sq_commit(void *n)
{
	struct sqlite_conn *c = n;
	if (c->reading)
		return end_reading(c, Q_COMMIT);
	enum store_status s = run_simple(c, Q_COMMIT);
	sqlite_busy_announce();
	return s;
}

static void sq_rollback(void *n)
{
	struct sqlite_conn *c = n;
	if (c->reading) {
		(void)end_reading(c, Q_ROLLBACK);
		return;
	}
	if (!sqlite3_get_autocommit(c->db))
		(void)run_simple(c, Q_ROLLBACK);
	sqlite_busy_announce();
}

static enum store_status insert_returning_id(struct sqlite_conn *c, sqlite3_stmt *st, int64_t *id)
{
	enum store_status s = exec_stmt(c, st);
	if (s == STORE_OK && id)
		*id = sqlite3_last_insert_rowid(c->db);
	return s;
}

static enum store_status sq_org_create(void *n, const char *name, int64_t *id)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_ORG_CREATE);
	if (!st)
		return STORE_ERROR;
	char at[25];
	now_iso(at);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	return insert_returning_id(c, st, id);
}

static enum store_status get_by_id(struct sqlite_conn *c, enum stmt_id q, int64_t id, json_t **out)
{
	sqlite3_stmt *st = prep(c, q);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return one_into(c, st, out);
}

static enum store_status list_all(struct sqlite_conn *c, enum stmt_id q, json_t **items)
{
	sqlite3_stmt *st = prep(c, q);
	return st ? list_into(c, st, items) : STORE_ERROR;
}

static enum store_status sq_org_get(void *n, int64_t id, json_t **org)
{
	return get_by_id(n, Q_ORG_GET, id, org);
}

static enum store_status sq_org_list(void *n, json_t **items)
{
	return list_all(n, Q_ORG_LIST, items);
}

static enum store_status sq_team_create(void *n, int64_t org_id, const char *name, int64_t *id)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_TEAM_CREATE);
	if (!st)
		return STORE_ERROR;
	char at[25];
	now_iso(at);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	return insert_returning_id(c, st, id);
}

static enum store_status sq_team_get(void *n, int64_t id, json_t **team)
{
	return get_by_id(n, Q_TEAM_GET, id, team);
}

static enum store_status sq_team_list(void *n, json_t **items)
{
	return list_all(n, Q_TEAM_LIST, items);
}

static enum store_status sq_team_add_member(void *n, int64_t team_id, int64_t user_id)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_TEAM_ADD_MEMBER);
	if (!st)
		return STORE_ERROR;
	char at[25];
	now_iso(at);
	sqlite3_bind_int64(st, 1, team_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	return exec_stmt(c, st);
}

static enum store_status sq_team_members(void *n, int64_t team_id, json_t **items)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_TEAM_MEMBERS);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, team_id);
	return list_into(c, st, items);
}

static enum store_status sq_user_create(void *n, const struct store_user *u, int64_t *id)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_USER_CREATE);
	if (!st)
		return STORE_ERROR;
	char at[25];
	now_iso(at);
	sqlite3_bind_text(st, 1, u->username, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, u->display_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, u->role, -1, SQLITE_TRANSIENT);
	bind_id_or_null(st, 4, u->organisation_id);
	sqlite3_bind_text(st, 5, u->status, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 6, u->password_hash);
	bind_text_or_null(st, 7, u->totp_secret);
	sqlite3_bind_text(st, 8, at, -1, SQLITE_TRANSIENT);
	return insert_returning_id(c, st, id);
}

static enum store_status read_user(struct sqlite_conn *c, sqlite3_stmt *st, struct arena *a,
                                   struct store_user *out)
{
	int rc = sqlite3_step(st);
	enum store_status s = STORE_OK;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->username = col_text(a, st, 1);
		out->display_name = col_text(a, st, 2);
		out->role = col_text(a, st, 3);
		out->organisation_id = sqlite3_column_int64(st, 4);
		out->status = col_text(a, st, 5);
		out->password_hash = col_text(a, st, 6);
		out->totp_secret = col_text(a, st, 7);
		out->created_at = col_text(a, st, 8);
	} else if (rc == SQLITE_DONE) {
		s = STORE_NOT_FOUND;
	} else {
		s = status_of(c, rc);
	}
	sqlite3_reset(st);
	return s;
}

static enum store_status sq_user_by_id(void *n, struct arena *a, int64_t id, struct store_user *out)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_USER_BY_ID);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_user(c, st, a, out);
}

static enum store_status sq_user_by_username(void *n, struct arena *a, const char *username,
                                             struct store_user *out)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_USER_BY_NAME);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_TRANSIENT);
	return read_user(c, st, a, out);
}

/* Adds "team_ids": [...] to a user object. */
static enum store_status add_team_ids(struct sqlite_conn *c, json_t *user)
{
	sqlite3_stmt *st = prep(c, Q_USER_TEAMS);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(user, "id")));
	json_t *ids = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(ids, json_integer(sqlite3_column_int64(st, 0)));
	sqlite3_reset(st);
	json_object_set_new(user, "team_ids", ids);
	return rc == SQLITE_DONE ? STORE_OK : status_of(c, rc);
}

static enum store_status sq_user_json(void *n, int64_t id, json_t **user)
{
	struct sqlite_conn *c = n;
	enum store_status s = get_by_id(c, Q_USER_JSON, id, user);
	if (s == STORE_OK && (s = add_team_ids(c, *user)) != STORE_OK) {
		json_decref(*user);
		*user = NULL;
	}
	return s;
}

static enum store_status sq_user_list(void *n, json_t **items)
{
	struct sqlite_conn *c = n;
	enum store_status s = list_all(c, Q_USER_LIST, items);
	if (s != STORE_OK)
		return s;
	size_t i;
	json_t *u;
	json_array_foreach(*items, i, u)
	{
		if ((s = add_team_ids(c, u)) != STORE_OK) {
			json_decref(*items);
			*items = NULL;
			return s;
		}
	}
	return STORE_OK;
}

static enum store_status sq_user_activate(void *n, int64_t id, const char *hash,
                                          const char *totp_secret)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_USER_ACTIVATE);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 3, totp_secret);
	enum store_status s = exec_stmt(c, st);
	if (s == STORE_OK && sqlite3_changes(c->db) == 0)
		s = STORE_NOT_FOUND;
	return s;
}

static enum store_status sq_user_count(void *n, int64_t *count)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_USER_COUNT);
	if (!st)
		return STORE_ERROR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : status_of(c, rc);
}

static enum store_status sq_invitation_create(void *n, const char *hash, int64_t user_id,
                                              int64_t expires_at)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_INV_CREATE);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, expires_at);
	return exec_stmt(c, st);
}

static enum store_status sq_invitation_get(void *n, const char *hash, struct store_invitation *out)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_INV_GET);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	enum store_status s = STORE_OK;
	if (rc == SQLITE_ROW) {
		out->user_id = sqlite3_column_int64(st, 0);
		out->expires_at = sqlite3_column_int64(st, 1);
		out->used = sqlite3_column_int(st, 2) != 0;
	} else {
		s = rc == SQLITE_DONE ? STORE_NOT_FOUND : status_of(c, rc);
	}
	sqlite3_reset(st);
	return s;
}

static enum store_status sq_invitation_mark_used(void *n, const char *hash, int64_t now)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_INV_USE);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	enum store_status s = exec_stmt(c, st);
	if (s == STORE_OK && sqlite3_changes(c->db) == 0)
		s = STORE_CONFLICT;
	return s;
}

static enum store_status sq_session_create(void *n, const struct store_session *s)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_SESSION_CREATE);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, s->token_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, s->user_id);
	sqlite3_bind_text(st, 3, s->csrf_token, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, s->created_at);
	sqlite3_bind_int64(st, 5, s->last_seen_at);
	sqlite3_bind_int64(st, 6, s->expires_at);
	bind_text_or_null(st, 7, s->device_browser);
	bind_text_or_null(st, 8, s->device_os);
	return exec_stmt(c, st);
}

static enum store_status sq_session_get(void *n, struct arena *a, const char *hash,
                                        struct store_session *out)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_SESSION_GET);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	enum store_status s = STORE_OK;
	if (rc == SQLITE_ROW) {
		out->token_hash = arena_strdup(a, hash);
		out->user_id = sqlite3_column_int64(st, 0);
		out->csrf_token = col_text(a, st, 1);
		out->created_at = sqlite3_column_int64(st, 2);
		out->last_seen_at = sqlite3_column_int64(st, 3);
		out->expires_at = sqlite3_column_int64(st, 4);
		out->user = (struct store_user){
		    .id = out->user_id,
		    .username = col_text(a, st, 5),
		    .display_name = col_text(a, st, 6),
		    .role = col_text(a, st, 7),
		    .organisation_id = sqlite3_column_int64(st, 8),
		    .status = col_text(a, st, 9),
		};
		out->authenticated_at = sqlite3_column_int64(st, 10);
	} else {
		s = rc == SQLITE_DONE ? STORE_NOT_FOUND : status_of(c, rc);
	}
	sqlite3_reset(st);
	return s;
}

static enum store_status sq_session_touch(void *n, const char *hash, int64_t now)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_SESSION_TOUCH);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	return exec_stmt(c, st);
}

static enum store_status sq_session_delete(void *n, const char *hash)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_SESSION_DELETE);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	return exec_stmt(c, st);
}

static enum store_status sq_session_purge(void *n, int64_t idle_before, int64_t now)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_SESSION_PURGE);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, idle_before);
	sqlite3_bind_int64(st, 2, now);
	return exec_stmt(c, st);
}

static enum store_status sq_audit_last(void *n, struct arena *a, int64_t *id, const char **hash)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_AUDIT_LAST);
	if (!st)
		return STORE_ERROR;
	int rc = sqlite3_step(st);
	enum store_status s = STORE_OK;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*hash = col_text(a, st, 1);
	} else if (rc == SQLITE_DONE) {
		s = STORE_NOT_FOUND;
	} else {
		s = status_of(c, rc);
	}
	sqlite3_reset(st);
	return s;
}

static enum store_status sq_audit_insert(void *n, const struct store_audit_row *r)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_AUDIT_INSERT);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->at, -1, SQLITE_TRANSIENT);
	bind_id_or_null(st, 3, r->user_id);
	bind_text_or_null(st, 4, r->username);
	bind_text_or_null(st, 5, r->role);
	bind_id_or_null(st, 6, r->responsible_user_id);
	sqlite3_bind_text(st, 7, r->action, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 8, r->object_type);
	bind_text_or_null(st, 9, r->object_id);
	bind_id_or_null(st, 10, r->youth_id);
	sqlite3_bind_text(st, 11, r->outcome, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 12, r->client_addr);
	bind_text_or_null(st, 13, r->reason);
	sqlite3_bind_text(st, 14, r->prev_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 15, r->hash, -1, SQLITE_TRANSIENT);
	bind_text_or_null(st, 16, r->basis);
	return exec_stmt(c, st);
}

/* Q_AUDIT_QUERY + store_audit_key() picks the variant: the statements
 * follow the keys' order. */
_Static_assert(Q_AUDIT_QUERY_YOUTH - Q_AUDIT_QUERY == AUDIT_KEY_YOUTH &&
                   Q_AUDIT_QUERY_USER - Q_AUDIT_QUERY == AUDIT_KEY_USER &&
                   Q_AUDIT_QUERY_BREAK_GLASS - Q_AUDIT_QUERY == AUDIT_KEY_BREAK_GLASS &&
                   Q_AUDIT_QUERY_UNSUCCESSFUL - Q_AUDIT_QUERY == AUDIT_KEY_UNSUCCESSFUL,
               "the audit query variants follow enum store_audit_key");

static enum store_status sq_audit_query(void *n, const struct store_audit_filter *f, json_t **items)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_AUDIT_QUERY + (int)store_audit_key(f));
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, f->user_id);
	sqlite3_bind_int64(st, 2, f->youth_id);
	bind_text_or_null(st, 3, f->from);
	bind_text_or_null(st, 4, f->to);
	sqlite3_bind_int(st, 5, f->limit);
	sqlite3_bind_int64(st, 6, store_audit_before(f));
	bind_text_or_null(st, 7, f->username);
	bind_text_or_null(st, 8, f->basis);
	bind_text_or_null(st, 9, f->outcome);
	return list_into(c, st, items);
}

/*
 * SQLite keeps whatever is written into a column: "3x" or 0.5 in an id
 * column reads back as 3 or 0 and would hash like the original event.
 */
static bool integer_or_null(sqlite3_stmt *st, int col)
{
	int t = sqlite3_column_type(st, col);
	return t == SQLITE_INTEGER || t == SQLITE_NULL;
}

static enum store_status sq_audit_each(void *n, store_audit_visit visit, void *ctx)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep(c, Q_AUDIT_EACH);
	if (!st)
		return STORE_ERROR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* the types first: reading a column converts it */
		bool malformed = sqlite3_column_type(st, 0) != SQLITE_INTEGER ||
		                 !integer_or_null(st, 2) || !integer_or_null(st, 5) ||
		                 !integer_or_null(st, 9);
		struct store_audit_row r = {
		    .id = sqlite3_column_int64(st, 0),
		    .at = (const char *)sqlite3_column_text(st, 1),
		    .user_id = sqlite3_column_int64(st, 2),
		    .username = (const char *)sqlite3_column_text(st, 3),
		    .role = (const char *)sqlite3_column_text(st, 4),
		    .responsible_user_id = sqlite3_column_int64(st, 5),
		    .action = (const char *)sqlite3_column_text(st, 6),
		    .object_type = (const char *)sqlite3_column_text(st, 7),
		    .object_id = (const char *)sqlite3_column_text(st, 8),
		    .youth_id = sqlite3_column_int64(st, 9),
		    .outcome = (const char *)sqlite3_column_text(st, 10),
		    .client_addr = (const char *)sqlite3_column_text(st, 11),
		    .reason = (const char *)sqlite3_column_text(st, 12),
		    .prev_hash = (const char *)sqlite3_column_text(st, 13),
		    .hash = (const char *)sqlite3_column_text(st, 14),
		    .basis = (const char *)sqlite3_column_text(st, 15),
		};
		r.malformed = malformed;
		if (!visit(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : status_of(c, rc);
}

static enum store_status count_since(struct sqlite_conn *c, enum stmt_id q, const char *key,
                                     const char *since, int64_t *count, const char **oldest,
                                     struct arena *a)
{
	sqlite3_stmt *st = prep(c, q);
	if (!st)
		return STORE_ERROR;
	bind_text_or_null(st, 1, key);
	sqlite3_bind_text(st, 2, since, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		*oldest = col_text(a, st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : status_of(c, rc);
}

static enum store_status sq_audit_login_failures(void *n, const char *username,
                                                 const char *client_addr, const char *since,
                                                 int64_t *by_user, int64_t *by_addr,
                                                 const char **oldest_user, const char **oldest_addr,
                                                 struct arena *a)
{
	enum store_status s =
	    count_since(n, Q_AUDIT_FAIL_USER, username, since, by_user, oldest_user, a);
	if (s == STORE_OK)
		s = count_since(n, Q_AUDIT_FAIL_ADDR, client_addr, since, by_addr, oldest_addr, a);
	return s;
}

/* The online backup API, in one step: one read snapshot, so writers go on. */
static enum store_status sq_backup(void *n, const char *path)
{
	struct sqlite_conn *c = n;
	sqlite3 *dest = NULL;
	int rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dest, "main", c->db, "main");
		if (!b) {
			rc = sqlite3_errcode(dest);
		} else {
			while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
			       rc == SQLITE_LOCKED)
				sqlite3_sleep(10);
			int finish = sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = finish;
		}
	}
	if (rc != SQLITE_OK)
		log_line(LOG_ERROR, "backup failed", "path", path, "error",
		         dest ? sqlite3_errmsg(dest) : "cannot open", (const char *)NULL);
	if (sqlite3_close(dest) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	return rc == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

static enum store_status sq_scrub(void *n)
{
	struct sqlite_conn *c = n;
	int log = 0, done = 0;
	int rc = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	return rc == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

static enum store_status sq_check_integrity(void *n)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = NULL;
	enum store_status result = STORE_ERROR;
	if (sqlite3_prepare_v2(c->db, "PRAGMA integrity_check(1)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *verdict = (const char *)sqlite3_column_text(st, 0);
		result = verdict && !strcmp(verdict, "ok") ? STORE_OK : STORE_CONFLICT;
		if (result != STORE_OK)
			log_line(LOG_ERROR, "integrity check failed", "error",
			         verdict ? verdict : "?", (const char *)NULL);
	} else {
		log_line(LOG_ERROR, "integrity check failed", "error", sqlite3_errmsg(c->db),
		         (const char *)NULL);
	}
	sqlite3_finalize(st);
	return result;
}

const struct store_engine store_engine_sqlite = {
    .name = "sqlite",
    .query = sq_query,
    .each = sq_each,
    .text = sq_text,
    .connect = sq_connect,
    .disconnect = sq_disconnect,
    .migrate = sq_migrate,
    .ping = sq_ping,
    .backup = sq_backup,
    .check_integrity = sq_check_integrity,
    .scrub = sq_scrub,
    .take_retry = sq_take_retry,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .org_create = sq_org_create,
    .org_get = sq_org_get,
    .org_list = sq_org_list,
    .team_create = sq_team_create,
    .team_get = sq_team_get,
    .team_list = sq_team_list,
    .team_add_member = sq_team_add_member,
    .team_members = sq_team_members,
    .user_create = sq_user_create,
    .user_by_id = sq_user_by_id,
    .user_by_username = sq_user_by_username,
    .user_json = sq_user_json,
    .user_list = sq_user_list,
    .user_activate = sq_user_activate,
    .user_count = sq_user_count,
    .invitation_create = sq_invitation_create,
    .invitation_get = sq_invitation_get,
    .invitation_mark_used = sq_invitation_mark_used,
    .session_create = sq_session_create,
    .session_get = sq_session_get,
    .session_touch = sq_session_touch,
    .session_delete = sq_session_delete,
    .session_purge = sq_session_purge,
    .audit_last = sq_audit_last,
    .audit_insert = sq_audit_insert,
    .audit_query = sq_audit_query,
    .audit_each = sq_audit_each,
    .audit_login_failures = sq_audit_login_failures,
};

/* ---- named queries (store_query.h) ---- */

static sqlite3_stmt *prep_named(struct sqlite_conn *c, enum store_query q)
{
	sqlite3_stmt *st = c->named[q];
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return unless_writing_in_read(c, st);
	}
	const char *sql = sqlite_sql_for(q);
	if (!sql)
		fatal("named query %d has no SQL for sqlite", (int)q);
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		log_sqlite_error(c, "prepare named query");
		return NULL;
	}
	c->named[q] = st;
	return unless_writing_in_read(c, st);
}

static void bind_args(sqlite3_stmt *st, const struct store_arg *args, size_t nargs)
{
	for (size_t i = 0; i < nargs; i++) {
		int pos = (int)i + 1;
		switch (args[i].type) {
		case STORE_ARG_INT:
			sqlite3_bind_int64(st, pos, args[i].i);
			break;
		case STORE_ARG_TEXT:
			sqlite3_bind_text(st, pos, args[i].s, -1, SQLITE_TRANSIENT);
			break;
		case STORE_ARG_REAL:
			sqlite3_bind_double(st, pos, args[i].d);
			break;
		case STORE_ARG_NULL:
			sqlite3_bind_null(st, pos);
			break;
		}
	}
}

static enum store_status sq_query(void *n, enum store_query q, const struct store_arg *args,
                                  size_t nargs, json_t **rows, bool first_only, int64_t *last_id,
                                  int64_t *changed)
{
	struct sqlite_conn *c = n;
	sqlite3_stmt *st = prep_named(c, q);
	if (!st)
		return STORE_ERROR;
	bind_args(st, args, nargs);
	if (!rows) {
		enum store_status s = exec_stmt(c, st);
		if (s == STORE_OK && last_id)
			*last_id = sqlite3_last_insert_rowid(c->db);
		if (s == STORE_OK && changed)
			*changed = sqlite3_changes(c->db);
		return s;
	}
	json_t *items = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_array_append_new(items, row_to_json(st));
		if (first_only)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		json_decref(items);
		return status_of(c, rc);
	}
	*rows = items;
	return STORE_OK;
}

#define EACH_MAX_COLUMNS 32

/* The current row's columns (text valid until the next step). */
static void column_values(sqlite3_stmt *st, int cols, struct store_value *v)
{
	for (int i = 0; i < cols; i++)
		v[i] = column_value(st, i);
}

/* The named query's statement, bound; NULL on error. */
static sqlite3_stmt *bound_named(struct sqlite_conn *c, enum store_query q,
                                 const struct store_arg *args, size_t nargs)
{
	sqlite3_stmt *st = prep_named(c, q);
	if (st)
		bind_args(st, args, nargs);
	return st;
}

/*
 * The column count of the row just stepped to. Read after a step: the first
 * step of a run may prepare the statement again (after a schema change), and
 * that also frees the column names read before it.
 */
static int row_columns(sqlite3_stmt *st, enum store_query q)
{
	int cols = sqlite3_column_count(st);
	if (cols > EACH_MAX_COLUMNS)
		fatal("named query %d has too many columns", (int)q);
	return cols;
}

static enum store_status sq_each(void *n, enum store_query q, const struct store_arg *args,
                                 size_t nargs, store_row_visit visit, void *ctx)
{
	struct sqlite_conn *c = n;
	struct store_value v[EACH_MAX_COLUMNS];
	int rc;
	sqlite3_stmt *st = bound_named(c, q, args, nargs);
	if (!st)
		return STORE_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int cols = row_columns(st, q);
		column_values(st, cols, v);
		if (!visit(v, (size_t)cols, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : status_of(c, rc);
}

static enum store_status sq_text(void *n, enum store_query q, const struct store_arg *args,
                                 size_t nargs, bool first_only, struct json_text *out,
                                 store_column_seen seen, void *ctx)
{
	struct sqlite_conn *c = n;
	struct store_value v[EACH_MAX_COLUMNS];
	const char *names[EACH_MAX_COLUMNS];
	int cols = 0, rc;
	size_t rows = 0;
	sqlite3_stmt *st = bound_named(c, q, args, nargs);
	if (!st)
		return STORE_ERROR;
	if (!first_only)
		json_text_char(out, '[');
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rows++ == 0) {
			cols = row_columns(st, q);
			for (int i = 0; i < cols; i++)
				names[i] = sqlite3_column_name(st, i);
		} else {
			json_text_char(out, ',');
		}
		column_values(st, cols, v);
		store_text_row(out, names, v, (size_t)cols, seen, ctx);
		if (first_only)
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return status_of(c, rc);
	if (first_only)
		return rows ? STORE_OK : STORE_NOT_FOUND;
	json_text_char(out, ']');
	return STORE_OK;
}
