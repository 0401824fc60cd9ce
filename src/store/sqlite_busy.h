#ifndef KRING_SQLITE_BUSY_H
#define KRING_SQLITE_BUSY_H

#include <stdint.h>

#include <sqlite3.h>

/*
 * Waiting for SQLite's write lock. SQLite's own busy timeout sleeps in
 * growing steps of up to 100 ms between attempts, so a writer that meets a
 * steady stream of short write transactions (the audit committer's, many
 * a second) can sleep for seconds while the lock is free most of the time.
 * Here a waiting connection sleeps until a connection of this process ends
 * a transaction (sqlite_busy_announce()) or 1 ms has passed (for writers in
 * other processes), then SQLite tries again; it gives up after 10 s, as
 * the busy timeout did.
 */
struct sqlite_busy {
	int64_t since_ms; /* when the current wait began (monotonic) */
};

/* Makes `b` (owned by the caller, living as long as db) db's busy handler. */
void sqlite_busy_install(sqlite3 *db, struct sqlite_busy *b);

/* Wakes the connections of this process that wait for the lock; call after a commit or rollback. */
void sqlite_busy_announce(void);

#endif
