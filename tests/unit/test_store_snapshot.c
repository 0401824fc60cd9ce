/*
 * A read transaction (a GET's snapshot, store_begin(c, false)) on either
 * engine: it keeps the state of its first read while another connection
 * commits, and refuses a write instead of losing it with its rollback;
 * afterwards the connection writes again. In the unit suite on SQLite (a
 * temporary file); on PostgreSQL when KRING_TEST_DB names an empty database
 * (tests/pg/store-snapshot.test.mjs runs it so under scripts/pg-test.sh).
 */
#include "unit.h"

#include "store/store.h"

static size_t org_count(struct store_conn *c)
{
	json_t *items = NULL;
	assert_int_equal(store_org_list(c, &items), STORE_OK);
	size_t n = json_array_size(items);
	json_decref(items);
	return n;
}

static void read_transaction_is_a_read_only_snapshot(void **state)
{
	(void)state;
	const char *url = getenv("KRING_TEST_DB");
	char path[256] = "";
	struct store *s = url ? store_open(url, 2) : unit_store(path);
	assert_non_null(s);
	if (url)
		assert_true(store_migrate(s) > 0);
	struct store_conn *reader = store_acquire(s);
	struct store_conn *writer = store_acquire(s);
	int64_t org;
	assert_int_equal(store_begin(reader, false), STORE_OK);
	assert_int_equal(org_count(reader), 0); /* the snapshot is taken here */
	assert_int_equal(store_org_create(writer, "Na het begin", &org), STORE_OK);
	assert_int_equal(org_count(reader), 0);
	assert_int_equal(store_org_create(reader, "In de momentopname", &org), STORE_ERROR);
	store_rollback(reader);
	assert_int_equal(org_count(reader), 1);
	assert_int_equal(store_org_create(reader, "Daarna", &org), STORE_OK);
	assert_int_equal(org_count(writer), 2);
	store_release(reader);
	store_release(writer);
	store_close(s);
	if (!url)
		unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(read_transaction_is_a_read_only_snapshot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
