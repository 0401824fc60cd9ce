#ifndef KRING_POLICY_H
#define KRING_POLICY_H

#include <stdint.h>

#include "auth/caller.h"
#include "domain/consent.h"
#include "domain/dates.h"
#include "store/store.h"

/*
 * The access policy for dossiers. A role opens a route (routing table); a
 * *relation* to the young person opens their dossier. Relations:
 */
enum relation {
	REL_TEAM = 1 << 0,        /* professional/teamlead in the young person's team */
	REL_BREAK_GLASS = 1 << 1, /* professional/teamlead with an unexpired grant */
	REL_SELF = 1 << 2,        /* the young person's own account */
	REL_JIM = 1 << 3,         /* the active JIM's account, within consent */
	REL_PRIVACY = 1 << 4,     /* a privacy officer (access log, export, requests) */
	REL_EXISTS = 1 << 5,      /* any caller the route's roles admit, once the dossier exists */
};

/* What a route's {id} names, and so how to find the young person. */
enum route_scope {
	SCOPE_NONE,
	SCOPE_YOUTH,
	SCOPE_NOMINATION,
	SCOPE_JIM,
	SCOPE_CONSENT,
	SCOPE_GOAL,
	SCOPE_BREAK_GLASS,
	SCOPE_ACTIVITY,
	SCOPE_COST,
	SCOPE_STATEMENT,
	SCOPE_MEETING,
	SCOPE_MEETING_ACTION,
	SCOPE_ALERT,
	SCOPE_NETWORK_MEMBER,
	SCOPE_GOAL_ACTION,
};

struct dossier_access {
	int64_t youth_id;
	int64_t team_id;
	struct date birth_date;
	enum relation basis; /* the relation that granted access */
	bool in_team;
	/* the caller has a relation of their own role to the file, whether or
	 * not this route allows it (team, break-the-glass grant, self, JIM,
	 * privacy officer): a refusal then is no try at someone else's file */
	bool related;
};

enum policy_result {
	POLICY_ALLOWED,
	POLICY_NOT_FOUND,  /* unknown, or no allowed relation: answer 404 */
	POLICY_NO_CONSENT, /* a JIM without consent for this scope today: answer 403 */
	POLICY_STORE_ERROR,
};

/*
 * Finds the young person an object of `scope` belongs to (STORE_NOT_FOUND
 * when none), and the user who owns the object when it has one: the JIM of a
 * JIM record, activity or statement, the owner of a meeting action (else 0).
 */
enum store_status policy_youth_of(struct store_conn *c, enum route_scope scope, int64_t object_id,
                                  int64_t *youth_id, int64_t *owner_user_id);

/*
 * Whether the caller must own the object itself: a JIM reaches only their
 * own JIM record, activities and statements; a caller admitted only because
 * the dossier exists reaches only a meeting action they own.
 */
bool policy_owner_required(enum route_scope scope, enum relation basis);

/*
 * Decides whether `who` may reach young person `youth_id` through one of
 * `relations`; a JIM additionally needs consent in force today for every
 * scope in `consent`. Fills *out when allowed (youth_id is set whenever the
 * young person exists, so refusals can be audited against them).
 */
enum policy_result policy_dossier_access(struct store_conn *c, const struct caller *who,
                                         int64_t youth_id, unsigned relations, unsigned consent,
                                         struct dossier_access *out);

/* Whether consent for `scope` is in force on `day` by the age rules. */
enum store_status policy_consent_in_force(struct store_conn *c, int64_t youth_id,
                                          struct date birth_date, struct date day,
                                          enum consent_scope scope, bool *in_force);

/* Name of a relation for the audit trail ("team", "break_glass", ...). */
const char *policy_relation_name(enum relation r);

#endif
