#include "store/sqlite_wal.h"

#include <stddef.h>

#define PASSIVE_FROM_PAGES 1000 /* SQLite's default automatic checkpoint */

/*
 * SQLite's WAL hook: called after each commit, with the write lock released
 * and the number of pages in the log. A failed checkpoint is tried again
 * after the next commit; the commit itself has succeeded either way.
 */
static int after_commit(void *arg, sqlite3 *db, const char *schema, int pages)
{
	(void)arg;
	if (pages >= SQLITE_WAL_RESTART_PAGES)
		(void)sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
	else if (pages >= PASSIVE_FROM_PAGES)
		(void)sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

void sqlite_wal_install(sqlite3 *db)
{
	sqlite3_wal_hook(db, after_commit, NULL);
}
