#include "domain/jim_bounds.h"

#include <string.h>

#include "util/text.h"

enum jim_decision jim_decision_from_name(const char *name)
{
	if (!name)
		return 0;
	if (!strcmp(name, "approve"))
		return JIM_APPROVE;
	if (!strcmp(name, "decline"))
		return JIM_DECLINE;
	if (!strcmp(name, "discuss"))
		return JIM_DISCUSS;
	return 0;
}

const char *jim_decision_name(enum jim_decision d)
{
	return d == JIM_APPROVE ? "approve" : d == JIM_DECLINE ? "decline" : "discuss";
}

bool jim_ever_approvable(bool is_parent, bool child_safe)
{
	return !is_parent && child_safe;
}

static size_t reason_length(const char *reason)
{
	if (!reason)
		return 0;
	size_t n = utf8_length(reason);
	for (const char *p = reason; *p == ' '; p++)
		n--;
	return n;
}

const char *jim_assessment_problem(const struct jim_assessment *a, const char **field)
{
	*field = "decision";
	switch (a->decision) {
	case JIM_DECLINE:
		*field = "reason";
		return reason_length(a->reason) >= JIM_DECLINE_REASON_MIN
		           ? NULL
		           : "a decline needs a reason of at least 20 characters";
	case JIM_DISCUSS:
		return NULL;
	case JIM_APPROVE:
		if (a->is_parent) {
			*field = "is_parent";
			return "a parent cannot be the JIM";
		}
		if (!a->child_safe) {
			*field = "child_safe";
			return "the child's safety comes first: this candidate cannot be approved";
		}
		if (!a->willing_to_cooperate) {
			*field = "willing_to_cooperate";
			return "a JIM must be willing to cooperate with the professionals";
		}
		if ((!a->adult || !a->own_load_manageable) &&
		    reason_length(a->reason) < JIM_EXCEPTION_REASON_MIN) {
			*field = "reason";
			return "approving a minor or a candidate with a heavy load of their own "
			       "needs a reason";
		}
		return NULL;
	}
	return "decision must be approve, decline or discuss";
}
