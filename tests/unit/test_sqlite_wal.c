#include "unit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>

#include "store/sqlite_wal.h"

#define COMMITS       600
#define ROWS_PER_TX   20
#define NAME_BYTES    2000
#define READERS       2
#define WAL_PAGE_SIZE (4096 + 24) /* a frame: the page and its header */

struct readers {
	struct store *s;
	atomic_bool stop;
	int failures;
};

/* Overlapping read transactions, one after the other, until told to stop. */
static void *read_all_the_time(void *arg)
{
	struct readers *rd = arg;
	struct store_conn *c = store_acquire(rd->s);
	while (!atomic_load(&rd->stop)) {
		json_t *org = NULL;
		if (store_begin(c, false) != STORE_OK || store_org_get(c, 1, &org) == STORE_ERROR)
			rd->failures++;
		json_decref(org);
		usleep(500);
		if (store_commit(c) != STORE_OK)
			rd->failures++;
	}
	store_release(c);
	return NULL;
}

static void write_big_rows(struct store *s)
{
	static char name[NAME_BYTES + 32];
	struct store_conn *c = store_acquire(s);
	memset(name, 'x', NAME_BYTES);
	for (int i = 0; i < COMMITS; i++) {
		assert_int_equal(store_begin(c, true), STORE_OK);
		for (int k = 0; k < ROWS_PER_TX; k++) {
			int64_t id;
			snprintf(name + NAME_BYTES, 32, "-%d-%d", i, k);
			assert_int_equal(store_org_create(c, name, &id), STORE_OK);
		}
		assert_int_equal(store_commit(c), STORE_OK);
	}
	store_release(c);
}

/*
 * Readers that never all stop at once would keep SQLite from ever starting
 * the log over. 600 commits of about 25 pages each (15,000 pages, 60 MB)
 * under two such readers: the log must stay near SQLITE_WAL_RESTART_PAGES,
 * and every row must be there.
 */
static void log_stays_short_under_constant_readers(void **state)
{
	(void)state;
	char path[256], wal[300];
	struct store *s = unit_store(path);
	store_close(s);
	s = store_open(path, READERS + 1);
	assert_non_null(s);
	struct readers rd = {.s = s};
	pthread_t threads[READERS];
	for (int i = 0; i < READERS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, read_all_the_time, &rd), 0);
	write_big_rows(s);
	atomic_store(&rd.stop, true);
	for (int i = 0; i < READERS; i++)
		pthread_join(threads[i], NULL);
	assert_int_equal(rd.failures, 0);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	if (st.st_size > (off_t)(SQLITE_WAL_RESTART_PAGES + 1000) * WAL_PAGE_SIZE)
		fail_msg("the log grew to %lld bytes", (long long)st.st_size);
	assert_int_equal(unit_org_count(s), COMMITS * ROWS_PER_TX);
	store_close(s);
	unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(log_stays_short_under_constant_readers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
