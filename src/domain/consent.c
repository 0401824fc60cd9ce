#include "domain/consent.h"

#include <string.h>

enum consent_rule consent_rule_for_age(int age)
{
	if (age < 12)
		return CONSENT_CUSTODY_ONLY;
	if (age < 16)
		return CONSENT_YOUTH_AND_CUSTODY;
	return CONSENT_YOUTH_ONLY;
}

bool consent_satisfied(int age, bool youth_consents, bool custody_consents)
{
	switch (consent_rule_for_age(age)) {
	case CONSENT_CUSTODY_ONLY:
		return custody_consents;
	case CONSENT_YOUTH_AND_CUSTODY:
		return youth_consents && custody_consents;
	case CONSENT_YOUTH_ONLY:
		return youth_consents;
	}
	return false;
}

static const struct {
	enum consent_scope scope;
	const char *name;
} scope_names[] = {
    {SCOPE_SHARE_PLAN, "share_plan"},
    {SCOPE_SHARE_MEETINGS, "share_meetings"},
    {SCOPE_SHARE_NOTES, "share_notes_marked_shared"},
    {SCOPE_SHARE_OUTCOMES, "share_outcomes"},
};

enum consent_scope consent_scope_from_name(const char *name)
{
	for (size_t i = 0; name && i < sizeof(scope_names) / sizeof(scope_names[0]); i++)
		if (strcmp(scope_names[i].name, name) == 0)
			return scope_names[i].scope;
	return 0;
}

const char *consent_scope_name(enum consent_scope s)
{
	for (size_t i = 0; i < sizeof(scope_names) / sizeof(scope_names[0]); i++)
		if (scope_names[i].scope == s)
			return scope_names[i].name;
	return "unknown";
}
