#include "unit.h"

#include <sqlite3.h>

#include "audit/audit.h"

static void append_events(struct store *s, int n)
{
	struct store_conn *c = store_acquire(s);
	struct arena a;
	arena_init(&a);
	for (int i = 0; i < n; i++) {
		struct audit_event ev = {.user_id = 7,
		                         .username = "anna",
		                         .role = "professional",
		                         .action = i % 2 ? "read" : "update",
		                         .object_type = "team",
		                         .object_id = "3",
		                         .client_addr = "127.0.0.1"};
		assert_int_equal(audit_append(c, &a, &ev), STORE_OK);
	}
	arena_free(&a);
	store_release(c);
}

static struct audit_verification verify(struct store *s)
{
	struct audit_verification v;
	struct store_conn *c = store_acquire(s);
	assert_int_equal(audit_verify(c, &v), STORE_OK);
	store_release(c);
	return v;
}

static void raw_sql(const char *path, const char *sql, int expect_rc)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(rc, expect_rc);
}

static void intact_chain_verifies(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	struct audit_verification v = verify(s);
	assert_int_equal(v.events, 0);
	append_events(s, 5);
	v = verify(s);
	assert_int_equal(v.bad_id, 0);
	assert_int_equal(v.events, 5);
	store_close(s);
	unit_remove_db(path);
}

static void triggers_refuse_changes(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	append_events(s, 2);
	raw_sql(path, "UPDATE audit_events SET reason = 'x' WHERE id = 1", SQLITE_CONSTRAINT);
	raw_sql(path, "DELETE FROM audit_events WHERE id = 1", SQLITE_CONSTRAINT);
	assert_int_equal(verify(s).bad_id, 0);
	store_close(s);
	unit_remove_db(path);
}

static void changed_row_is_named(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	append_events(s, 4);
	raw_sql(path,
	        "DROP TRIGGER audit_events_no_update;"
	        "UPDATE audit_events SET object_id = '4' WHERE id = 3",
	        SQLITE_OK);
	struct audit_verification v = verify(s);
	assert_int_equal(v.bad_id, 3);
	assert_int_equal(v.events, 2);
	store_close(s);
	unit_remove_db(path);
}

static void removed_row_is_found(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	append_events(s, 4);
	raw_sql(path, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 2",
	        SQLITE_OK);
	assert_int_equal(verify(s).bad_id, 3);
	store_close(s);
	unit_remove_db(path);
}

static void inserted_row_is_found(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	append_events(s, 2);
	/* A forged event with a plausible-looking hash at the end of the chain. */
	raw_sql(path,
	        "INSERT INTO audit_events (id, at, action, outcome, prev_hash, hash) "
	        "SELECT 3, '2026-01-01T00:00:00.000Z', 'read', 'success', hash, hash "
	        "FROM audit_events WHERE id = 2",
	        SQLITE_OK);
	assert_int_equal(verify(s).bad_id, 3);
	store_close(s);
	unit_remove_db(path);
}

static void hash_covers_every_field(void **state)
{
	(void)state;
	struct store_audit_row r = {.id = 1,
	                            .at = "2026-01-01T00:00:00.000Z",
	                            .user_id = 1,
	                            .username = "a",
	                            .role = "admin",
	                            .action = "read",
	                            .outcome = "success",
	                            .prev_hash = AUDIT_GENESIS_HASH};
	char h1[65], h2[65];
	audit_hash_row(&r, h1);
	r.youth_id = 9;
	audit_hash_row(&r, h2);
	assert_string_not_equal(h1, h2);
	r.youth_id = 0;
	/* Length prefixes keep "ab"+"c" apart from "a"+"bc". */
	r.username = "ab";
	r.role = "c";
	audit_hash_row(&r, h1);
	r.username = "a";
	r.role = "bc";
	audit_hash_row(&r, h2);
	assert_string_not_equal(h1, h2);
}

int main(void)
{
	assert_true(sodium_init() >= 0);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(intact_chain_verifies), cmocka_unit_test(triggers_refuse_changes),
	    cmocka_unit_test(changed_row_is_named),  cmocka_unit_test(removed_row_is_found),
	    cmocka_unit_test(inserted_row_is_found), cmocka_unit_test(hash_covers_every_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
