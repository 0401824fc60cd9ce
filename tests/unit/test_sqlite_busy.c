#include "unit.h"

#include <pthread.h>

#define WRITERS 4
#define ROUNDS  25

/* Each writer opens write transactions on its own connection while the others hold theirs. */
struct writer {
	struct store *s;
	int failures;
};

static void *write_rounds(void *arg)
{
	struct writer *w = arg;
	struct store_conn *c = store_acquire(w->s);
	for (int i = 0; i < ROUNDS; i++) {
		int64_t id;
		char name[32];
		snprintf(name, sizeof(name), "org-%p-%d", (void *)w, i);
		if (store_begin(c, true) != STORE_OK) {
			w->failures++;
			continue;
		}
		if (store_org_create(c, name, &id) != STORE_OK || store_commit(c) != STORE_OK) {
			store_rollback(c);
			w->failures++;
		}
	}
	store_release(c);
	return NULL;
}

/*
 * Four threads of one process take turns at SQLite's write lock: every one
 * of their 100 transactions waits for the lock in sqlite_busy.c and gets it
 * (none answers SQLITE_BUSY), and every row is there afterwards.
 */
static void writers_wait_for_each_other(void **state)
{
	(void)state;
	char path[256];
	struct store *s = unit_store(path);
	store_close(s);
	s = store_open(path, WRITERS);
	assert_non_null(s);
	pthread_t threads[WRITERS];
	struct writer writers[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		writers[i] = (struct writer){.s = s};
		assert_int_equal(pthread_create(&threads[i], NULL, write_rounds, &writers[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(threads[i], NULL);
		assert_int_equal(writers[i].failures, 0);
	}
	assert_int_equal(unit_org_count(s), WRITERS * ROUNDS);
	store_close(s);
	unit_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(writers_wait_for_each_other),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
