#include "unit.h"

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_query.h"
#include "store/store_sqlite_queries.h"
#include "store/youth_tables.h"
#include "util/json_text.h"

static void migrations_are_idempotent(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	assert_int_equal(store_migrate(s), 0);
	store_close(s);
	s = store_open(path, 1);
	assert_non_null(s);
	assert_int_equal(store_migrate(s), 0);
	store_close(s);
	unit_remove_db(path);
}

static void organisations_teams_and_members(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	int64_t org, team, user;
	assert_int_equal(store_org_create(c, "Jeugdhulp Noord", &org), STORE_OK);
	assert_int_equal(store_org_create(c, "Jeugdhulp Noord", &org), STORE_CONFLICT);
	assert_int_equal(store_team_create(c, org, "Team A", &team), STORE_OK);
	assert_int_equal(store_team_create(c, org, "Team A", &team), STORE_CONFLICT);
	assert_int_equal(store_team_create(c, 999, "Team B", &team), STORE_NOT_FOUND);
	struct store_user u = {.username = "anna",
	                       .display_name = "Anna",
	                       .role = "professional",
	                       .status = "invited"};
	assert_int_equal(store_user_create(c, &u, &user), STORE_OK);
	assert_int_equal(store_user_create(c, &u, &user), STORE_CONFLICT);
	assert_int_equal(store_team_add_member(c, 1, user), STORE_OK);
	assert_int_equal(store_team_add_member(c, 1, user), STORE_CONFLICT);
	assert_int_equal(store_team_add_member(c, 1, 999), STORE_NOT_FOUND);
	json_t *members = NULL;
	assert_int_equal(store_team_members(c, 1, &members), STORE_OK);
	assert_int_equal(json_array_size(members), 1);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(members, 0), "username")), "anna");
	assert_null(json_object_get(json_array_get(members, 0), "password_hash"));
	json_decref(members);
	json_t *user_json = NULL;
	assert_int_equal(store_user_json(c, user, &user_json), STORE_OK);
	assert_int_equal(json_array_size(json_object_get(user_json, "team_ids")), 1);
	json_decref(user_json);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

static void rollback_discards_writes(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	int64_t org;
	json_t *items = NULL;
	assert_int_equal(store_begin(c, true), STORE_OK);
	assert_int_equal(store_org_create(c, "Tijdelijk", &org), STORE_OK);
	store_rollback(c);
	assert_int_equal(store_org_list(c, &items), STORE_OK);
	assert_int_equal(json_array_size(items), 0);
	json_decref(items);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

static void invitations_are_single_use(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	int64_t user;
	struct store_invitation inv;
	struct store_user u = {
	    .username = "bram", .display_name = "Bram", .role = "jim", .status = "invited"};
	assert_int_equal(store_user_create(c, &u, &user), STORE_OK);
	assert_int_equal(store_invitation_create(c, "h1", user, 100), STORE_OK);
	assert_int_equal(store_invitation_get(c, "h1", &inv), STORE_OK);
	assert_false(inv.used);
	assert_int_equal(inv.expires_at, 100);
	assert_int_equal(store_invitation_mark_used(c, "h1", 50), STORE_OK);
	assert_int_equal(store_invitation_mark_used(c, "h1", 51), STORE_CONFLICT);
	assert_int_equal(store_invitation_get(c, "h1", &inv), STORE_OK);
	assert_true(inv.used);
	assert_int_equal(store_invitation_get(c, "nope", &inv), STORE_NOT_FOUND);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

/*
 * A cached statement written as text after another connection changed the
 * schema: SQLite prepares it again at its first step, which frees the column
 * names read before that step (ASan reports a use after free if they are).
 */
static void text_rows_survive_a_schema_change(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	for (int round = 0; round < 2; round++) {
		struct json_text t = {0};
		assert_int_equal(
		    store_row_text(c, SQ_METRICS_AUDIT_EVENTS, NULL, 0, &t, NULL, NULL), STORE_OK);
		assert_string_equal(t.data, "{\"n\":0}");
		free(t.data);
		struct json_text rows = {0};
		assert_int_equal(
		    store_rows_text(c, SQ_METRICS_AUDIT_EVENTS, NULL, 0, &rows, NULL, NULL),
		    STORE_OK);
		assert_string_equal(rows.data, "[{\"n\":0}]");
		free(rows.data);
		sqlite3 *other = NULL;
		assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
		char sql[64];
		snprintf(sql, sizeof(sql), "CREATE TABLE unit_schema_change_%d (x)", round);
		assert_int_equal(sqlite3_exec(other, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(other);
	}
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

/* The SQLite connections opened while it is registered (an auto extension sees each one). */
static sqlite3 *opened[8];
static int opened_count;

static int record_connection(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
	(void)err;
	(void)api;
	if (opened_count < (int)(sizeof(opened) / sizeof(opened[0])))
		opened[opened_count] = db;
	opened_count++;
	return SQLITE_OK;
}

/* The value of a PRAGMA on one connection, as text, into out. */
static void pragma_text(sqlite3 *db, const char *name, char *out, size_t size)
{
	char sql[64];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof(sql), "PRAGMA %s", name);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/*
 * Every connection of the pool runs in WAL mode with synchronous = FULL (2):
 * a commit, and so an audit event, is on disk before the answer goes out,
 * also after a power cut. synchronous is a setting of each connection, so it
 * is read on the store's own connections.
 */
static void every_connection_is_wal_with_synchronous_full(void **state)
{
	(void)state;
	char path[256], value[32];
	struct store *s = unit_store(path);
	store_close(s);
	opened_count = 0;
	assert_int_equal(sqlite3_auto_extension((void (*)(void))record_connection), SQLITE_OK);
	s = store_open(path, 3);
	sqlite3_reset_auto_extension();
	assert_non_null(s);
	assert_int_equal(opened_count, 3);
	for (int i = 0; i < opened_count; i++) {
		pragma_text(opened[i], "synchronous", value, sizeof(value));
		assert_string_equal(value, "2");
		pragma_text(opened[i], "journal_mode", value, sizeof(value));
		assert_string_equal(value, "wal");
	}
	store_close(s);
	unit_remove_db(path);
}

/*
 * SQLite's plan for named query q on a new database, its steps one a line,
 * in plan[size] (cut short when it does not fit).
 */
static void query_plan(enum store_query q, char *plan, size_t size)
{
	char path[256];
	struct store *s = unit_store(path);
	store_close(s);
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite_sql_for(q));
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	size_t used = 0;
	plan[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW && used < size - 1) {
		int n = snprintf(plan + used, size - used, "%s\n",
		                 (const char *)sqlite3_column_text(st, 3));
		assert_true(n >= 0);
		used += (size_t)n < size - used ? (size_t)n : size - used - 1;
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sqlite3_close(db);
	unit_remove_db(path);
}

/*
 * Every start asks for the young people without name keys (store_migrate):
 * on a large file that question must use its partial index (migration 20),
 * not read the whole youths table.
 */
static void unkeyed_youths_are_found_by_index(void **state)
{
	(void)state;
	char plan[512];
	query_plan(SQ_YOUTH_NAME_KEYS_MISSING, plan, sizeof(plan));
	assert_non_null(strstr(plan, "USING INDEX youths_unkeyed"));
}

/*
 * A file's access log keeps the newest tries from outside the circle apart
 * (SQ_ACCESS_LOG): their half must read the file's events of young people's
 * and JIMs' accounts by their partial index (migration 32), not walk the
 * file's whole history to find that there are few or none.
 */
static void access_log_tries_are_found_by_index(void **state)
{
	(void)state;
	char plan[2048];
	query_plan(SQ_ACCESS_LOG, plan, sizeof(plan));
	if (!strstr(plan, "SEARCH e USING INDEX audit_events_youth_portal (youth_id=?)"))
		fail_msg("the tries are not read by their index:\n%s", plan);
}

/*
 * A destruction deletes the rows of every youth data table (youth_tables.h):
 * each that has an id of its own gives it out once (AUTOINCREMENT, since
 * migration 22), so that a destroyed record's number never names another
 * young person's. A table added later is made so.
 */
static void youth_data_ids_are_never_reused(void **state)
{
	(void)state;
#define TABLE_NAME(table, cond) #table,
	static const char *const tables[] = {YOUTH_DATA_TABLES(TABLE_NAME, "?1")};
#undef TABLE_NAME
	char path[256];
	struct store *s = unit_store(path);
	store_close(s);
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int with_id = 0;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db,
	                       "SELECT sql, EXISTS (SELECT 1 FROM pragma_table_info(?1) "
	                       "WHERE name = 'id') FROM sqlite_schema WHERE type = "
	                       "'table' AND name = ?1",
	                       -1, &st, NULL),
	    SQLITE_OK);
	for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, tables[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (!sqlite3_column_int(st, 1))
			continue;
		with_id++;
		if (!strstr((const char *)sqlite3_column_text(st, 0),
		            "id INTEGER PRIMARY KEY AUTOINCREMENT,"))
			fail_msg("%s: its id is not INTEGER PRIMARY KEY AUTOINCREMENT", tables[i]);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(with_id >= 29);
	unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(migrations_are_idempotent),
	    cmocka_unit_test(organisations_teams_and_members),
	    cmocka_unit_test(rollback_discards_writes),
	    cmocka_unit_test(invitations_are_single_use),
	    cmocka_unit_test(text_rows_survive_a_schema_change),
	    cmocka_unit_test(every_connection_is_wal_with_synchronous_full),
	    cmocka_unit_test(unkeyed_youths_are_found_by_index),
	    cmocka_unit_test(access_log_tries_are_found_by_index),
	    cmocka_unit_test(youth_data_ids_are_never_reused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
