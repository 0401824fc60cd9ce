/*
 * PostgreSQL's plans for the named queries whose speed rests on a partial
 * index: PostgreSQL uses such an index only when it can prove the index's
 * condition from the query's own, so a query that loses its conjunct still
 * answers correctly, only by walking far more rows. Run against an empty
 * database named by KRING_TEST_DB (tests/pg/access-log-plan.test.mjs runs it
 * under scripts/pg-test.sh); sequential scans are switched off so that the
 * plan shows whether the index can be used at all on a table this small.
 * The SQLite counterparts are in test_store_sqlite.c.
 */
#include "unit.h"

#include <stdbool.h>

#include <libpq-fe.h>

#include "store/store_pg_queries.h"
#include "store/store_query.h"

/*
 * PostgreSQL's plan for named query q with the text parameters
 * values[0..n) (NULL is SQL NULL), its lines one a line in plan[size] (cut
 * short when it does not fit). False, with PostgreSQL's message in plan,
 * when EXPLAIN fails. Everything it takes is given back before it returns.
 */
static bool query_plan(PGconn *db, enum store_query q, const char *const *values, int n, char *plan,
                       size_t size)
{
	char sql[8192];
	int len = snprintf(sql, sizeof(sql), "EXPLAIN %s", pg_query_sql[q]);
	assert_true(len > 0 && (size_t)len < sizeof(sql));
	PGresult *res = PQexecParams(db, sql, n, NULL, values, NULL, NULL, 0);
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	size_t used = 0;
	plan[0] = '\0';
	if (!ok)
		snprintf(plan, size, "%s", PQresultErrorMessage(res));
	for (int i = 0; ok && i < PQntuples(res) && used < size - 1; i++) {
		int w = snprintf(plan + used, size - used, "%s\n", PQgetvalue(res, i, 0));
		if (w < 0)
			break;
		used += (size_t)w < size - used ? (size_t)w : size - used - 1;
	}
	PQclear(res);
	return ok;
}

/* Runs one statement; false, with PostgreSQL's message in why[size], when it fails. */
static bool exec_ok(PGconn *db, const char *sql, char *why, size_t size)
{
	PGresult *res = PQexec(db, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		snprintf(why, size, "%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

/*
 * A file's access log (SQ_ACCESS_LOG): the half that keeps the tries from
 * outside the circle apart reads the events of young people's and JIMs'
 * accounts by the partial index audit_events_youth_portal (migration 32),
 * with and without the date range and the left-out user.
 */
static void access_log_tries_are_found_by_index(void **state)
{
	(void)state;
	const char *url = getenv("KRING_TEST_DB");
	if (!url)
		fail_msg("KRING_TEST_DB must name an empty PostgreSQL database");
	struct store *s = store_open(url, 1);
	assert_non_null(s);
	int migrated = store_migrate(s);
	store_close(s);
	assert_true(migrated > 0);
	PGconn *db = PQconnectdb(url);
	char plan[8192];
	bool ok = PQstatus(db) == CONNECTION_OK;
	if (!ok)
		snprintf(plan, sizeof(plan), "cannot connect: %s", PQerrorMessage(db));
	ok = ok && exec_ok(db, "SET enable_seqscan = off", plan, sizeof(plan));
	const char *const open_range[] = {"7", NULL, NULL, NULL};
	const char *const bounded[] = {"7", "2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z", "3"};
	const char *const *cases[] = {open_range, bounded};
	size_t i = 0;
	while (ok && i < sizeof(cases) / sizeof(cases[0])) {
		ok = query_plan(db, SQ_ACCESS_LOG, cases[i], 4, plan, sizeof(plan)) &&
		     strstr(plan, "audit_events_youth_portal") != NULL;
		i += ok;
	}
	PQfinish(db);
	if (!ok)
		fail_msg("case %zu: the tries are not read by their index:\n%s", i, plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(access_log_tries_are_found_by_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
