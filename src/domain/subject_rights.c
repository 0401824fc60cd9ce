#include "domain/subject_rights.h"

#include <string.h>

const char *const rights_kinds[] = {"access", "statement", "correction", "destruction", NULL};
const char *const rights_requesters[] = {"youth", "parent", "guardian", "representative", NULL};

#define DESTRUCTION_OWN_AGE 12

static bool one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

bool rights_kind_known(const char *kind)
{
	return one_of(kind, rights_kinds);
}

bool rights_requester_known(const char *who)
{
	return one_of(who, rights_requesters);
}

struct date rights_due_on(const char *kind, struct date received)
{
	return date_add_months(received, kind && !strcmp(kind, "destruction") ? 3 : 1);
}

struct date rights_retention_end(const struct retention_terms *t, const char *legal_frame,
                                 struct date closed)
{
	int years = t->years;
	if (legal_frame && !strcmp(legal_frame, "ots"))
		years = t->years_ots;
	else if (legal_frame && !strcmp(legal_frame, "guardianship"))
		years = t->years_guardianship;
	return date_add_months(closed, 12 * years);
}

const char *rights_destruction_requester(int age, const char *who)
{
	bool own = who && (!strcmp(who, "youth") || !strcmp(who, "representative"));
	if (age >= DESTRUCTION_OWN_AGE && !own)
		return "from 12 the young person asks for destruction (or someone acting for them)";
	if (age < DESTRUCTION_OWN_AGE && own)
		return "below 12 a parent or guardian asks for destruction";
	return NULL;
}
