#ifndef KRING_ROLES_H
#define KRING_ROLES_H

#include <stdbool.h>

/*
 * The roles of DESIGN.md §2. Each is one bit so that a route can list the
 * roles it admits as a mask.
 */
enum role {
	ROLE_PROFESSIONAL = 1 << 0,
	ROLE_TEAMLEAD = 1 << 1,
	ROLE_JIM = 1 << 2,
	ROLE_YOUTH = 1 << 3,
	ROLE_PRIVACY_OFFICER = 1 << 4,
	ROLE_RESEARCHER = 1 << 5,
	ROLE_ADMIN = 1 << 6,
};

#define ROLE_ALL                                                                                   \
	(ROLE_PROFESSIONAL | ROLE_TEAMLEAD | ROLE_JIM | ROLE_YOUTH | ROLE_PRIVACY_OFFICER |        \
	 ROLE_RESEARCHER | ROLE_ADMIN)

/* Which accounts must give a TOTP code at login. */
enum totp_policy { TOTP_NONE, TOTP_STAFF, TOTP_ALL };

/* The API names of the roles, NULL-terminated, in bit order (validation, docs). */
extern const char *const role_api_names[];

/* Role from its API name ("teamlead"); 0 when unknown. */
enum role role_from_name(const char *name);

/* API name of a single role; "unknown" for anything else. Static storage. */
const char *role_name(enum role r);

/* Staff are every role except the JIM and the young person. */
bool role_is_staff(enum role r);

/* Professionals and team leads work in teams; no other role is a team member. */
bool role_works_in_team(enum role r);

/* Whether a user of this role must pass TOTP under the given policy. */
bool role_needs_totp(enum role r, enum totp_policy policy);

/* Policy from "none" | "staff" | "all"; false when unknown. */
bool totp_policy_from_name(const char *name, enum totp_policy *out);
const char *totp_policy_name(enum totp_policy p);

#endif
