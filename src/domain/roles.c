#include "domain/roles.h"

#include <string.h>

/* In bit order: role_api_names[i] is the name of the role 1 << i. */
const char *const role_api_names[] = {"professional",    "teamlead",   "jim",   "youth",
                                      "privacy_officer", "researcher", "admin", NULL};

enum role role_from_name(const char *name)
{
	if (!name)
		return 0;
	for (unsigned i = 0; role_api_names[i]; i++)
		if (strcmp(role_api_names[i], name) == 0)
			return (enum role)(1u << i);
	return 0;
}

const char *role_name(enum role r)
{
	for (unsigned i = 0; role_api_names[i]; i++)
		if ((unsigned)r == 1u << i)
			return role_api_names[i];
	return "unknown";
}

bool role_is_staff(enum role r)
{
	return r != ROLE_JIM && r != ROLE_YOUTH && r != 0;
}

bool role_works_in_team(enum role r)
{
	return r == ROLE_PROFESSIONAL || r == ROLE_TEAMLEAD;
}

bool role_needs_totp(enum role r, enum totp_policy policy)
{
	switch (policy) {
	case TOTP_NONE:
		return false;
	case TOTP_STAFF:
		return role_is_staff(r);
	case TOTP_ALL:
		return true;
	}
	return true;
}

bool totp_policy_from_name(const char *name, enum totp_policy *out)
{
	if (!name)
		return false;
	if (strcmp(name, "none") == 0)
		*out = TOTP_NONE;
	else if (strcmp(name, "staff") == 0)
		*out = TOTP_STAFF;
	else if (strcmp(name, "all") == 0)
		*out = TOTP_ALL;
	else
		return false;
	return true;
}

const char *totp_policy_name(enum totp_policy p)
{
	return p == TOTP_NONE ? "none" : p == TOTP_STAFF ? "staff" : "all";
}
