#ifndef KRING_STORE_SQLITE_QUERIES_H
#define KRING_STORE_SQLITE_QUERIES_H

#include "store/store_query.h"

/* SQLite's SQL for each named query; every entry is set (a unit test checks). */
extern const char *const sqlite_query_sql[SQ_COUNT];

/* The queries of the JIM-support issue, kept in a table of their own; sqlite_sql_for() picks. */
extern const char *const sqlite_query_sql_jim[SQ_COUNT];

/* And those of the outcomes issue. */
extern const char *const sqlite_query_sql_outcomes[SQ_COUNT];

/* The SQL for q, or NULL when no table has it. */
const char *sqlite_sql_for(enum store_query q);

#endif
