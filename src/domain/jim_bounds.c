#include "domain/jim_bounds.h"

#include <stdlib.h>
#include <string.h>

#include "util/fold.h"
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

const char *const jim_bound_names[JIM_BOUND_COUNT] = {"is_parent", "adult", "willing_to_cooperate",
                                                      "child_safe", "own_load_manageable"};

const char *jim_assessment_problem(const struct jim_assessment *a, const char **field)
{
	const enum jim_answer answers[JIM_BOUND_COUNT] = {
	    a->is_parent, a->adult, a->willing_to_cooperate, a->child_safe, a->own_load_manageable};
	if (a->decision == JIM_APPROVE || a->decision == JIM_DECLINE)
		for (int i = 0; i < JIM_BOUND_COUNT; i++)
			if (answers[i] == JIM_UNKNOWN) {
				*field = jim_bound_names[i];
				return "needs a yes or no: only a decision to discuss may leave a "
				       "lower bound not yet known";
			}
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
		if (a->is_parent == JIM_YES) {
			*field = "is_parent";
			return "a parent cannot be the JIM";
		}
		if (a->child_safe == JIM_NO) {
			*field = "child_safe";
			return "the child's safety comes first: this candidate cannot be approved";
		}
		if (a->willing_to_cooperate == JIM_NO) {
			*field = "willing_to_cooperate";
			return "a JIM must be willing to cooperate with the professionals";
		}
		if ((a->adult == JIM_NO || a->own_load_manageable == JIM_NO) &&
		    reason_length(a->reason) < JIM_EXCEPTION_REASON_MIN) {
			*field = "reason";
			return "approving a minor or a candidate with a heavy load of their own "
			       "needs a reason";
		}
		return NULL;
	}
	return "decision must be approve, decline or discuss";
}

const char *jim_return_reason_problem(const char *reason)
{
	size_t n = reason_length(reason);
	if (n < JIM_RETURN_REASON_MIN)
		return "sending a decline back needs a reason of at least 10 characters";
	if (n > JIM_RETURN_REASON_MAX)
		return "must be at most 1000 characters long";
	return NULL;
}

bool jim_nomination_stands(const char *status)
{
	static const char *const standing[] = {"open", "approved", "decline_pending", "active"};
	for (size_t i = 0; status && i < sizeof(standing) / sizeof(standing[0]); i++)
		if (!strcmp(status, standing[i]))
			return true;
	return false;
}

/* The folded name with its runs of spaces as one and no space at either end; NULL on failure. */
static char *candidate_key(const char *name)
{
	char *f = text_fold(name);
	if (!f)
		return NULL;
	char *o = f;
	for (const char *p = f; *p; p++) {
		if (*p == ' ' && (o == f || o[-1] == ' '))
			continue;
		*o++ = *p;
	}
	if (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

bool jim_same_candidate(const char *a, const char *b, bool *same)
{
	if (!a || !b) {
		*same = false;
		return true;
	}
	char *ka = candidate_key(a), *kb = ka ? candidate_key(b) : NULL;
	bool ok = ka && kb;
	if (ok)
		*same = !strcmp(ka, kb);
	free(ka);
	free(kb);
	return ok;
}
