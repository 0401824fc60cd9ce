#include "auth/policy.h"

#include <string.h>

#include "store/store_query.h"
#include "util/clock.h"

static const enum store_query youth_of_query[] = {
    [SCOPE_NOMINATION] = SQ_YOUTH_OF_NOMINATION,
    [SCOPE_JIM] = SQ_YOUTH_OF_JIM,
    [SCOPE_CONSENT] = SQ_YOUTH_OF_CONSENT,
    [SCOPE_GOAL] = SQ_YOUTH_OF_GOAL,
    [SCOPE_BREAK_GLASS] = SQ_YOUTH_OF_BREAK_GLASS,
    [SCOPE_ACTIVITY] = SQ_YOUTH_OF_ACTIVITY,
    [SCOPE_STATEMENT] = SQ_YOUTH_OF_STATEMENT,
    [SCOPE_MEETING] = SQ_YOUTH_OF_MEETING,
    [SCOPE_MEETING_ACTION] = SQ_YOUTH_OF_MEETING_ACTION,
    [SCOPE_ALERT] = SQ_YOUTH_OF_ALERT,
};

enum store_status policy_youth_of(struct store_conn *c, enum route_scope scope, int64_t object_id,
                                  int64_t *youth_id, int64_t *owner_user_id)
{
	json_t *row = NULL;
	*owner_user_id = 0;
	if (scope == SCOPE_YOUTH) {
		*youth_id = object_id;
		return STORE_OK;
	}
	enum store_status s =
	    store_row(c, youth_of_query[scope], STORE_ARGS(SA_INT(object_id)), &row);
	if (s == STORE_OK) {
		*youth_id = json_integer_value(json_object_get(row, "youth_id"));
		json_t *owner = json_object_get(row, "jim_user_id");
		if (!owner)
			owner = json_object_get(row, "owner_user_id");
		*owner_user_id = json_integer_value(owner);
	}
	json_decref(row);
	return s;
}

bool policy_owner_required(enum route_scope scope, enum relation basis)
{
	if (basis == REL_JIM)
		return scope == SCOPE_JIM || scope == SCOPE_ACTIVITY || scope == SCOPE_STATEMENT;
	if (basis == REL_EXISTS)
		return scope == SCOPE_MEETING_ACTION;
	return false;
}

const char *policy_relation_name(enum relation r)
{
	switch (r) {
	case REL_TEAM:
		return "team";
	case REL_BREAK_GLASS:
		return "break_glass";
	case REL_SELF:
		return "self";
	case REL_JIM:
		return "jim";
	case REL_PRIVACY:
		return "privacy";
	case REL_EXISTS:
		return "exists";
	}
	return "none";
}

enum store_status policy_consent_in_force(struct store_conn *c, int64_t youth_id,
                                          struct date birth_date, struct date day,
                                          enum consent_scope scope, bool *in_force)
{
	char today[11];
	json_t *row = NULL;
	date_format(day, today);
	enum store_status s = store_row(
	    c, SQ_CONSENT_IN_FORCE,
	    STORE_ARGS(SA_INT(youth_id), SA_TEXT(consent_scope_name(scope)), SA_TEXT(today)), &row);
	if (s != STORE_OK)
		return s;
	*in_force = consent_satisfied(date_age_on(birth_date, day),
	                              json_is_true(json_object_get(row, "youth_ok")),
	                              json_is_true(json_object_get(row, "custody_ok")));
	json_decref(row);
	return STORE_OK;
}

static bool is_team_role(enum role r)
{
	return r == ROLE_PROFESSIONAL || r == ROLE_TEAMLEAD;
}

/* The first relation (in order of strength) that the caller has and the route allows. */
static enum relation pick_relation(const struct caller *who, json_t *facts, unsigned allowed)
{
	bool staff = is_team_role(who->role);
	if ((allowed & REL_TEAM) && staff && json_is_true(json_object_get(facts, "in_team")))
		return REL_TEAM;
	if ((allowed & REL_SELF) && who->role == ROLE_YOUTH &&
	    json_is_true(json_object_get(facts, "is_self")))
		return REL_SELF;
	if ((allowed & REL_JIM) && who->role == ROLE_JIM &&
	    json_is_true(json_object_get(facts, "is_jim")))
		return REL_JIM;
	if ((allowed & REL_PRIVACY) && who->role == ROLE_PRIVACY_OFFICER)
		return REL_PRIVACY;
	if ((allowed & REL_BREAK_GLASS) && staff &&
	    json_is_true(json_object_get(facts, "has_grant")))
		return REL_BREAK_GLASS;
	if (allowed & REL_EXISTS)
		return REL_EXISTS;
	return 0;
}

static enum policy_result check_consent(struct store_conn *c, const struct dossier_access *a,
                                        unsigned consent)
{
	for (unsigned bit = 1; bit <= SCOPE_SHARE_OUTCOMES; bit <<= 1) {
		bool ok = false;
		if (!(consent & bit))
			continue;
		if (policy_consent_in_force(c, a->youth_id, a->birth_date, date_today(),
		                            (enum consent_scope)bit, &ok) != STORE_OK)
			return POLICY_STORE_ERROR;
		if (!ok)
			return POLICY_NO_CONSENT;
	}
	return POLICY_ALLOWED;
}

enum policy_result policy_dossier_access(struct store_conn *c, const struct caller *who,
                                         int64_t youth_id, unsigned relations, unsigned consent,
                                         struct dossier_access *out)
{
	json_t *facts = NULL;
	memset(out, 0, sizeof(*out));
	enum store_status s = store_row(
	    c, SQ_YOUTH_RELATION,
	    STORE_ARGS(SA_INT(youth_id), SA_INT(who->user_id), SA_INT(clock_now())), &facts);
	if (s == STORE_NOT_FOUND)
		return POLICY_NOT_FOUND;
	if (s != STORE_OK)
		return POLICY_STORE_ERROR;
	out->youth_id = youth_id;
	out->team_id = json_integer_value(json_object_get(facts, "team_id"));
	out->in_team = is_team_role(who->role) && json_is_true(json_object_get(facts, "in_team"));
	if (!date_parse(json_string_value(json_object_get(facts, "birth_date")),
	                &out->birth_date)) {
		json_decref(facts);
		return POLICY_STORE_ERROR;
	}
	out->basis = pick_relation(who, facts, relations);
	json_decref(facts);
	if (!out->basis)
		return POLICY_NOT_FOUND;
	if (out->basis == REL_JIM && consent)
		return check_consent(c, out, consent);
	return POLICY_ALLOWED;
}
