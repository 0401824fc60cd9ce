#ifndef KRING_SQLITE_WAL_H
#define KRING_SQLITE_WAL_H

#include <sqlite3.h>

/*
 * Keeping the write-ahead log short. SQLite copies the log back into the
 * database (a passive checkpoint, after a commit once the log holds 1000
 * pages) but can only start the log over when no reader still reads from
 * it. kring reads all the time, in overlapping transactions, so without
 * help the log grows without end ("checkpoint starvation": 750 MB in two
 * minutes of the mixed benchmark), and with it the disk, the shared-memory
 * index and the time of every read. Once the log holds
 * SQLITE_WAL_RESTART_PAGES pages, the connection that commits runs a
 * checkpoint that waits for the readers of that moment (new ones read the
 * database file) and starts the log over; `journal_size_limit` then cuts
 * the file back.
 */
#define SQLITE_WAL_RESTART_PAGES 8192

/* Installs the checkpoints above on db (in place of SQLite's automatic one). */
void sqlite_wal_install(sqlite3 *db);

#endif
