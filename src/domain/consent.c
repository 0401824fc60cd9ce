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

/* In bit order: consent_scope_names[i] is the name of the scope 1 << i. */
const char *const consent_scope_names[] = {"share_plan", "share_meetings",
                                           "share_notes_marked_shared", "share_outcomes", NULL};

enum consent_scope consent_scope_from_name(const char *name)
{
	for (unsigned i = 0; name && consent_scope_names[i]; i++)
		if (strcmp(consent_scope_names[i], name) == 0)
			return (enum consent_scope)(1u << i);
	return 0;
}

const char *consent_scope_name(enum consent_scope s)
{
	for (unsigned i = 0; consent_scope_names[i]; i++)
		if ((unsigned)s == 1u << i)
			return consent_scope_names[i];
	return "unknown";
}
