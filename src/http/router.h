#ifndef KRING_ROUTER_H
#define KRING_ROUTER_H

#include <stddef.h>

#include "http/http.h"

struct input_field;

typedef void (*route_handler)(struct request *r);

/*
 * One line of the routing table. `roles` is the mask of roles admitted;
 * ROUTE_PUBLIC routes need no login at all. `audit_action` names the audit
 * event every call writes (NULL: not audited, only for routes that touch no
 * personal data such as /healthz). Routes whose {id} belongs to a young
 * person name it in `scope`; the caller then also needs one of `relations`
 * to that young person (auth/policy.h), and a JIM needs consent in force for
 * every scope in `consent`. Nothing else in kring decides access. A route
 * that takes a body declares its fields in `body`.
 */
struct route {
	const char *method;
	const char *pattern; /* "/api/v1/teams/{id}/members"; {id} matches a positive integer */
	route_handler handler;
	unsigned roles;
	const char *audit_action;
	const char *object_type;
	enum route_scope scope;
	unsigned relations;
	unsigned consent;
	const char *summary; /* one line for `kring routes` */
	/* the declared JSON body (api/input.h), checked before the handler; NULL: none */
	const struct input_field *body;
	/* the handler checks `body` itself (input_check_body()) once it has found
	 * its target, so that a refusal about the target comes first, whatever
	 * the body (tests/http/target-first.test.mjs, every route with the flag) */
	bool target_first;
	/* the handler takes If-Match and answers the record's ETag (a DELETE: none; http/etag.h):
	 * openapi.json describes the header and its 412 for it */
	bool if_match;
	/* the handler also takes If-Match-Parts, a precondition on parts of the
	 * record (http/etag.h): what its parts are, for openapi.json. NULL: none */
	const char *if_match_parts;
	/* for a caller refused by role or CSRF check: names the young person the
	 * request was about when its path does not (a query parameter), in
	 * r->audit.youth_id; it must not change the answer. NULL: none */
	route_handler on_refused;
	/* a sensitive action (ASVS 3.7.1): refused with 403 reauth_required when
	 * the caller last gave their password longer than reauth-window ago (the
	 * login, or POST /api/v1/session/reauth); after the dispatcher's checks
	 * (role, file, declared body), before the handler's own */
	bool recent_login;
};

#define ROUTE_PUBLIC 0u

enum route_match { ROUTE_MATCHED, ROUTE_NOT_FOUND, ROUTE_WRONG_METHOD };

/*
 * Finds the route for method and path. On ROUTE_MATCHED, *out and the
 * captured params (pointers into arena copies) are set. On
 * ROUTE_WRONG_METHOD, *allow lists the methods the path has ("GET, POST").
 */
enum route_match router_match(const struct route *table, size_t n, const char *method,
                              const char *path, struct arena *a, const struct route **out,
                              const char *params[HTTP_MAX_PARAMS], int *param_count,
                              const char **allow);

/* The routing table of kring (routes.c). */
extern const struct route kring_routes[];
extern const size_t kring_route_count;

#endif
