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
    [SCOPE_COST] = SQ_YOUTH_OF_COST,
    [SCOPE_STATEMENT] = SQ_YOUTH_OF_STATEMENT,
    [SCOPE_MEETING] = SQ_YOUTH_OF_MEETING,
    [SCOPE_MEETING_ACTION] = SQ_YOUTH_OF_MEETING_ACTION,
    [SCOPE_ALERT] = SQ_YOUTH_OF_ALERT,
    [SCOPE_NETWORK_MEMBER] = SQ_YOUTH_OF_NETWORK_MEMBER,
    [SCOPE_GOAL_ACTION] = SQ_YOUTH_OF_GOAL_ACTION,
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
		return scope == SCOPE_JIM || scope == SCOPE_ACTIVITY || scope == SCOPE_COST ||
		       scope == SCOPE_STATEMENT;
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

/* SQ_YOUTH_RELATION's row: the young person and the caller's relations to them. */
struct relation_facts {
	bool found, well_formed;
	int64_t youth_id, team_id;
	struct date birth_date;
	bool in_team, is_self, is_jim, has_grant;
};

enum {
	FACT_YOUTH_ID,
	FACT_TEAM_ID,
	FACT_BIRTH_DATE,
	FACT_IN_TEAM,
	FACT_IS_SELF,
	FACT_IS_JIM,
	FACT_HAS_GRANT,
	FACT_COLUMNS
};

/* Reads the row by column position (the query's SELECT list, in the same order on both engines)
 * without building JSON: this runs for every dossier request. */
static bool read_relation_facts(const struct store_value *v, size_t n, void *ctx)
{
	struct relation_facts *f = ctx;
	f->found = true;
	f->well_formed = n == FACT_COLUMNS && v[FACT_YOUTH_ID].type == STORE_ARG_INT &&
	                 v[FACT_TEAM_ID].type == STORE_ARG_INT &&
	                 store_value_date(&v[FACT_BIRTH_DATE], &f->birth_date);
	if (!f->well_formed)
		return false;
	f->youth_id = v[FACT_YOUTH_ID].i;
	f->team_id = v[FACT_TEAM_ID].i;
	f->in_team = v[FACT_IN_TEAM].type == STORE_ARG_INT && v[FACT_IN_TEAM].i != 0;
	f->is_self = v[FACT_IS_SELF].type == STORE_ARG_INT && v[FACT_IS_SELF].i != 0;
	f->is_jim = v[FACT_IS_JIM].type == STORE_ARG_INT && v[FACT_IS_JIM].i != 0;
	f->has_grant = v[FACT_HAS_GRANT].type == STORE_ARG_INT && v[FACT_HAS_GRANT].i != 0;
	return false; /* one row */
}

/* The first relation (in order of strength) that the caller has and the route allows. */
static enum relation pick_relation(const struct caller *who, const struct relation_facts *f,
                                   unsigned allowed)
{
	bool staff = is_team_role(who->role);
	if ((allowed & REL_TEAM) && staff && f->in_team)
		return REL_TEAM;
	if ((allowed & REL_SELF) && who->role == ROLE_YOUTH && f->is_self)
		return REL_SELF;
	if ((allowed & REL_JIM) && who->role == ROLE_JIM && f->is_jim)
		return REL_JIM;
	if ((allowed & REL_PRIVACY) && who->role == ROLE_PRIVACY_OFFICER)
		return REL_PRIVACY;
	if ((allowed & REL_BREAK_GLASS) && staff && f->has_grant)
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
	struct relation_facts f = {0};
	memset(out, 0, sizeof(*out));
	enum store_status s =
	    store_each(c, SQ_YOUTH_RELATION,
	               STORE_ARGS(SA_INT(youth_id), SA_INT(who->user_id), SA_INT(clock_now())),
	               read_relation_facts, &f);
	if (s != STORE_OK || (f.found && !f.well_formed))
		return POLICY_STORE_ERROR;
	if (!f.found)
		return POLICY_NOT_FOUND;
	out->youth_id = youth_id;
	out->team_id = f.team_id;
	out->in_team = is_team_role(who->role) && f.in_team;
	out->birth_date = f.birth_date;
	out->related =
	    pick_relation(who, &f, REL_TEAM | REL_BREAK_GLASS | REL_SELF | REL_JIM | REL_PRIVACY) !=
	    0;
	out->basis = pick_relation(who, &f, relations);
	if (!out->basis)
		return POLICY_NOT_FOUND;
	if (out->basis == REL_JIM && consent)
		return check_consent(c, out, consent);
	return POLICY_ALLOWED;
}
