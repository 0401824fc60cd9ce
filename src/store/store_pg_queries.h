#ifndef KRING_STORE_PG_QUERIES_H
#define KRING_STORE_PG_QUERIES_H

#include "store/store_query.h"

/* PostgreSQL's SQL for each named query; every entry is set. */
extern const char *const pg_query_sql[SQ_COUNT];

#endif
