#ifndef KRING_STORE_SQLITE_QUERIES_H
#define KRING_STORE_SQLITE_QUERIES_H

#include "store/store_query.h"

/* SQLite's SQL for each named query; every entry is set (a unit test checks). */
extern const char *const sqlite_query_sql[SQ_COUNT];

#endif
