#ifndef KRING_CONSENT_H
#define KRING_CONSENT_H

#include <stdbool.h>

/*
 * Who must consent to sharing, by the young person's age on the day the
 * consent is checked (Dutch law, WGBO/Jeugdwet): under 12 the custody
 * holders decide; from 12 to 15 both the young person and a custody holder;
 * from 16 the young person alone.
 */
enum consent_rule {
	CONSENT_CUSTODY_ONLY,
	CONSENT_YOUTH_AND_CUSTODY,
	CONSENT_YOUTH_ONLY,
};

enum consent_rule consent_rule_for_age(int age);

/* Whether the consents that are in force today satisfy the rule for this age. */
bool consent_satisfied(int age, bool youth_consents, bool custody_consents);

/* The four things a young person's file can share with the JIM. */
enum consent_scope {
	SCOPE_SHARE_PLAN = 1 << 0,
	SCOPE_SHARE_MEETINGS = 1 << 1,
	SCOPE_SHARE_NOTES = 1 << 2,
	SCOPE_SHARE_OUTCOMES = 1 << 3,
};

/* The API names of the scopes, NULL-terminated, in bit order (validation, docs). */
extern const char *const consent_scope_names[];

/* Scope from its API name ("share_plan"); 0 when unknown. */
enum consent_scope consent_scope_from_name(const char *name);
const char *consent_scope_name(enum consent_scope s);

#endif
