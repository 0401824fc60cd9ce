#include "unit.h"

#include <sqlite3.h>

#include "store/store_query.h"
#include "store/store_sqlite_queries.h"

/* Every named query has SQLite text, and it prepares against the migrated schema. */
static void every_query_prepares(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	store_close(s);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int q = 0; q < SQ_COUNT; q++) {
		sqlite3_stmt *st = NULL;
		const char *sql = sqlite_sql_for((enum store_query)q);
		if (!sql)
			fail_msg("query %d has no SQL", q);
		int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
		if (rc != SQLITE_OK)
			fail_msg("query %d: %s", q, sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	unit_remove_db(path);
}

static void rows_come_back_as_json(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct store_conn *c = store_acquire(s);
	int64_t org, team, youth, member;
	json_t *row = NULL;
	assert_int_equal(store_org_create(c, "Org", &org), STORE_OK);
	assert_int_equal(store_team_create(c, org, "Team", &team), STORE_OK);
	assert_int_equal(
	    store_run(c, SQ_YOUTH_INSERT,
	              STORE_ARGS(SA_INT(team), SA_TEXT("Zoë"), SA_TEXT("Hooft"),
	                         SA_TEXT("2012-01-01"), SA_TEXT(NULL), SA_TEXT("Utrecht"),
	                         SA_TEXT("voluntary"), SA_TEXT("home"), SA_TEXT("2026-01-01"),
	                         SA_ID(0), SA_TEXT("2026-01-01T00:00:00.000Z")),
	              &youth, NULL),
	    STORE_OK);
	assert_int_equal(store_run(c, SQ_NETWORK_INSERT,
	                           STORE_ARGS(SA_INT(youth), SA_TEXT("Maria"), SA_TEXT("moeder"),
	                                      SA_TEXT(NULL), SA_BOOL(true), SA_TEXT("x")),
	                           &member, NULL),
	                 STORE_OK);
	assert_int_equal(store_row(c, SQ_NETWORK_GET, STORE_ARGS(SA_INT(member)), &row), STORE_OK);
	assert_true(json_is_true(json_object_get(row, "has_custody")));
	assert_true(json_is_null(json_object_get(row, "contact")));
	assert_string_equal(json_string_value(json_object_get(row, "name")), "Maria");
	json_decref(row);
	assert_int_equal(store_row(c, SQ_NETWORK_GET, STORE_ARGS(SA_INT(999)), &row),
	                 STORE_NOT_FOUND);
	/* A foreign key that points nowhere is refused, not stored. */
	assert_int_equal(store_run(c, SQ_NETWORK_INSERT,
	                           STORE_ARGS(SA_INT(999), SA_TEXT("X"), SA_TEXT("oom"),
	                                      SA_TEXT(NULL), SA_BOOL(false), SA_TEXT("x")),
	                           NULL, NULL),
	                 STORE_NOT_FOUND);
	store_release(c);
	store_close(s);
	unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_query_prepares),
	    cmocka_unit_test(rows_come_back_as_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
