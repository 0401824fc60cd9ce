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

#endif
