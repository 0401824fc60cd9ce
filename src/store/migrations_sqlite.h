#ifndef KRING_MIGRATIONS_SQLITE_H
#define KRING_MIGRATIONS_SQLITE_H

/* The numbered schema migrations of the SQLite engine, oldest first. */
struct store_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct store_migration sqlite_migrations[];
extern const int sqlite_migration_count;

/*
 * A table that migration `version` builds anew, before its SQL runs, as
 * INTEGER PRIMARY KEY AUTOINCREMENT (store_sqlite.c, SQLite's procedure for
 * other schema changes): from then on a new row's id is above every id the
 * table ever held, also after its rows were destroyed. `used` is NULL, or a
 * query of the highest id that rows destroyed before the migration are known
 * to have had; the table's sequence starts above it and above its rows.
 */
struct sqlite_rebuild {
	int version;
	const char *table;
	const char *used;
};

extern const struct sqlite_rebuild sqlite_rebuilds[];
extern const int sqlite_rebuild_count;

#endif
