#include "unit.h"

#include "http/router.h"

static enum route_match match(struct arena *a, const char *method, const char *path,
                              const struct route **rt, const char *params[HTTP_MAX_PARAMS], int *np,
                              const char **allow)
{
	return router_match(kring_routes, kring_route_count, method, path, a, rt, params, np,
	                    allow);
}

static void captures_ids(void **state)
{
	(void)state;
	struct arena a;
	const struct route *rt = NULL;
	const char *params[HTTP_MAX_PARAMS], *allow = NULL;
	int np = 0;
	arena_init(&a);
	assert_int_equal(match(&a, "GET", "/api/v1/teams/42/members", &rt, params, &np, &allow),
	                 ROUTE_MATCHED);
	assert_string_equal(rt->pattern, "/api/v1/teams/{id}/members");
	assert_int_equal(np, 1);
	assert_string_equal(params[0], "42");
	arena_free(&a);
}

static void rejects_bad_paths(void **state)
{
	(void)state;
	struct arena a;
	const struct route *rt = NULL;
	const char *params[HTTP_MAX_PARAMS], *allow = NULL;
	int np;
	const char *bad[] = {"/api/v1/teams/abc/members",
	                     "/api/v1/teams/0/members",
	                     "/api/v1/teams/-1/members",
	                     "/api/v1/teams/1/members/",
	                     "/api/v1//teams",
	                     "/api/v1/teams/99999999999999999999/members",
	                     "api/v1/teams",
	                     "/api/v1/nothing",
	                     "/api/v1/teams/1/../1/members"};
	arena_init(&a);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(match(&a, "GET", bad[i], &rt, params, &np, &allow),
		                 ROUTE_NOT_FOUND);
	arena_free(&a);
}

static void wrong_method_lists_allowed(void **state)
{
	(void)state;
	struct arena a;
	const struct route *rt = NULL;
	const char *params[HTTP_MAX_PARAMS], *allow = NULL;
	int np;
	arena_init(&a);
	assert_int_equal(match(&a, "PUT", "/api/v1/organisations", &rt, params, &np, &allow),
	                 ROUTE_WRONG_METHOD);
	assert_string_equal(allow, "GET, POST");
	assert_int_equal(match(&a, "GET", "/api/v1/session", &rt, params, &np, &allow),
	                 ROUTE_WRONG_METHOD);
	assert_string_equal(allow, "POST, DELETE");
	arena_free(&a);
}

/* The table's invariants: every route has a handler, and every route that is
 * not open to everybody, or that touches accounts (every public route under
 * /api/ but the API description and the password meter, which touch no
 * data), writes an audit event. */
static bool touches_no_data(const char *pattern)
{
	return strcmp(pattern, "/api/v1/openapi.json") == 0 ||
	       strcmp(pattern, "/api/v1/password-strength") == 0;
}

static void every_route_declares_access_and_audit(void **state)
{
	(void)state;
	for (size_t i = 0; i < kring_route_count; i++) {
		const struct route *r = &kring_routes[i];
		assert_non_null(r->handler);
		assert_non_null(r->summary);
		assert_true((r->roles & ~(unsigned)ROLE_ALL) == 0);
		if (r->roles != ROUTE_PUBLIC ||
		    (strncmp(r->pattern, "/api/", 5) == 0 && !touches_no_data(r->pattern)))
			assert_non_null(r->audit_action);
		for (size_t j = 0; j < i; j++)
			assert_false(strcmp(kring_routes[j].method, r->method) == 0 &&
			             strcmp(kring_routes[j].pattern, r->pattern) == 0);
	}
}

/*
 * A route under a young person's dossier cannot forget its relation check:
 * every signed-in route that names a record by id ({id}) is scoped to a
 * young person's file, unless its resource is one of the few that are about
 * no file (the caller's own account, the organisation's setup, accounts,
 * the privacy officer's requests). So a route on a resource added later is
 * held to it without anyone editing this list.
 */
static void dossier_routes_are_scoped(void **state)
{
	(void)state;
	const char *outside_files[] = {"/api/v1/me/", "/api/v1/organisations/", "/api/v1/teams/",
	                               "/api/v1/users/", "/api/v1/requests/"};
	size_t scoped = 0;
	for (size_t i = 0; i < kring_route_count; i++) {
		const struct route *r = &kring_routes[i];
		bool outside = r->roles == ROUTE_PUBLIC || !strstr(r->pattern, "{id}");
		for (size_t p = 0; p < sizeof(outside_files) / sizeof(outside_files[0]); p++)
			outside |=
			    strncmp(r->pattern, outside_files[p], strlen(outside_files[p])) == 0;
		if (outside)
			continue;
		if (r->scope == SCOPE_NONE || r->relations == 0)
			fail_msg("%s %s has no relation check", r->method, r->pattern);
		/* Admin and researcher never reach dossier content. */
		assert_int_equal(r->roles & (ROLE_ADMIN | ROLE_RESEARCHER), 0);
		scoped++;
	}
	assert_true(scoped > 60); /* the rule reached the dossier's routes */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(captures_ids),
	    cmocka_unit_test(rejects_bad_paths),
	    cmocka_unit_test(wrong_method_lists_allowed),
	    cmocka_unit_test(every_route_declares_access_and_audit),
	    cmocka_unit_test(dossier_routes_are_scoped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
