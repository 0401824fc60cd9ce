#include "domain/roles.h"

#include <string.h>

static const struct {
	enum role role;
	const char *name;
} role_names[] = {
    {ROLE_PROFESSIONAL, "professional"},
    {ROLE_TEAMLEAD, "teamlead"},
    {ROLE_JIM, "jim"},
    {ROLE_YOUTH, "youth"},
    {ROLE_PRIVACY_OFFICER, "privacy_officer"},
    {ROLE_RESEARCHER, "researcher"},
    {ROLE_ADMIN, "admin"},
};

enum role role_from_name(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (strcmp(role_names[i].name, name) == 0)
			return role_names[i].role;
	return 0;
}

const char *role_name(enum role r)
{
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (role_names[i].role == r)
			return role_names[i].name;
	return "unknown";
}

bool role_is_staff(enum role r)
{
	return r != ROLE_JIM && r != ROLE_YOUTH && r != 0;
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
