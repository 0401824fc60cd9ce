#ifndef KRING_MIGRATIONS_PG_H
#define KRING_MIGRATIONS_PG_H

/* The numbered schema migrations of the PostgreSQL engine, oldest first. */
#include "store/migrations_sqlite.h" /* struct store_migration */

extern const struct store_migration pg_migrations[];
extern const int pg_migration_count;

#endif
