#ifndef KRING_TEST_UNIT_H
#define KRING_TEST_UNIT_H

/* Shared by the cmocka unit tests: cmocka's includes and a temporary database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "store/store.h"

/* Makes a fresh SQLite file in a new temporary directory; path written to out. */
static inline void unit_temp_db(char out[256])
{
	char dir[] = "/tmp/kring-unit-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	snprintf(out, 256, "%s/test.db", dir);
}

/* Opens and migrates a fresh database. */
static inline struct store *unit_store(char path[256])
{
	unit_temp_db(path);
	struct store *s = store_open(path, 2);
	assert_non_null(s);
	assert_true(store_migrate(s) > 0);
	return s;
}

/* How many organisations the store holds (the tests that write many rows use them). */
static inline size_t unit_org_count(struct store *s)
{
	struct store_conn *c = store_acquire(s);
	json_t *orgs = NULL;
	size_t n = store_org_list(c, &orgs) == STORE_OK ? json_array_size(orgs) : (size_t)-1;
	json_decref(orgs);
	store_release(c);
	return n;
}

static inline void unit_remove_db(const char *path)
{
	char buf[300];
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "%s%s", path, suffix[i]);
		unlink(buf);
	}
	snprintf(buf, sizeof(buf), "%s", path);
	char *slash = strrchr(buf, '/');
	if (slash) {
		*slash = '\0';
		rmdir(buf);
	}
}

#endif
