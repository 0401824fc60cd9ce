/*
 * The routing table: every route of kring, the roles it admits, the
 * relation to a young person it needs, and the audit action each call
 * writes. The dispatcher refuses a caller before the handler runs (401 when
 * not logged in, 403 for a role not listed, 404 without a relation to the
 * young person, 403 no_consent for a JIM without consent) and audits the
 * refusal. `kring routes` prints this table.
 */
#include "api/api.h"
#include "http/router.h"

#define ADMIN      ROLE_ADMIN
#define PRIVACY    ROLE_PRIVACY_OFFICER
#define TEAM_ROLES (ROLE_PROFESSIONAL | ROLE_TEAMLEAD)
#define DOSSIER    (REL_TEAM | REL_BREAK_GLASS)

#define R(m, p, h, roles_, action, object, sum)                                                    \
	{                                                                                          \
		.method = m, .pattern = p, .handler = h, .roles = roles_, .audit_action = action,  \
		.object_type = object, .summary = sum                                              \
	}
/* A route whose {id} belongs to a young person (found through `scope_`). */
#define RY(m, p, h, roles_, action, object, scope_, rel, consent_, sum)                            \
	{                                                                                          \
		.method = m, .pattern = p, .handler = h, .roles = roles_, .audit_action = action,  \
		.object_type = object, .scope = scope_, .relations = rel, .consent = consent_,     \
		.summary = sum                                                                     \
	}

const struct route kring_routes[] = {
    R("GET", "/healthz", api_healthz, ROUTE_PUBLIC, NULL, NULL,
      "liveness: the process and its database answer"),
    R("GET", "/readyz", api_readyz, ROUTE_PUBLIC, NULL, NULL,
      "readiness for a load balancer: 503 while the database is unreachable"),
    R("GET", "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC, NULL, NULL,
      "this API described in OpenAPI 3.1, generated from the routing table"),
    R("POST", "/api/v1/session", api_session_create, ROUTE_PUBLIC, "login", "session",
      "log in with username, password and (when required) a TOTP code"),
    R("DELETE", "/api/v1/session", api_session_delete, ROLE_ALL, "logout", "session", "log out"),
    R("GET", "/api/v1/me", api_me, ROLE_ALL, "read", "user", "the signed-in user"),

    /* Administration. */
    R("GET", "/api/v1/organisations", api_organisations_list, ADMIN, "read", "organisation",
      "list organisations"),
    R("POST", "/api/v1/organisations", api_organisations_create, ADMIN, "create", "organisation",
      "create an organisation"),
    R("GET", "/api/v1/teams", api_teams_list, ADMIN, "read", "team", "list teams"),
    R("POST", "/api/v1/teams", api_teams_create, ADMIN, "create", "team",
      "create a team in an organisation"),
    R("GET", "/api/v1/teams/{id}/members", api_team_members_list, ADMIN, "read", "team",
      "list a team's members"),
    R("POST", "/api/v1/teams/{id}/members", api_team_members_add, ADMIN, "update", "team",
      "add a user to a team"),
    R("GET", "/api/v1/users", api_users_list, ADMIN, "read", "user", "list users"),
    R("POST", "/api/v1/users", api_users_create, ADMIN, "create", "user",
      "create a user with a one-time invitation"),
    R("POST", "/api/v1/invitations/{token}/accept", api_invitation_accept, ROUTE_PUBLIC,
      "accept_invitation", "user", "accept an invitation by setting a password"),
    R("GET", "/api/v1/audit", api_audit_list, PRIVACY, "read", "audit_log",
      "the audit trail, filtered by user, young person and time"),

    /* The young person's dossier. */
    R("POST", "/api/v1/youths", api_youths_create, TEAM_ROLES, "create", "youth",
      "open a dossier in one of the caller's teams"),
    R("GET", "/api/v1/youths", api_youths_search, TEAM_ROLES, "search", "youth",
      "search the dossiers of the caller's teams"),
    RY("GET", "/api/v1/youths/{id}", api_youth_get, TEAM_ROLES, "read", "youth", SCOPE_YOUTH,
       DOSSIER, 0, "a dossier"),
    RY("PATCH", "/api/v1/youths/{id}", api_youth_patch, TEAM_ROLES, "update", "youth", SCOPE_YOUTH,
       DOSSIER, 0, "change a dossier; legal frame, living situation and phase keep history"),
    RY("GET", "/api/v1/youths/{id}/history", api_youth_history, TEAM_ROLES, "read", "history",
       SCOPE_YOUTH, DOSSIER, 0, "dated history of legal frame, living situation and phase"),
    RY("GET", "/api/v1/youths/{id}/summary", api_youth_summary, TEAM_ROLES | ROLE_YOUTH | ROLE_JIM,
       "read", "summary", SCOPE_YOUTH, DOSSIER | REL_SELF | REL_JIM, 0,
       "what the young person's and the JIM's portals show first"),
    RY("POST", "/api/v1/youths/{id}/account", api_youth_account, ROLE_PROFESSIONAL, "create",
       "account", SCOPE_YOUTH, REL_TEAM, 0, "the young person's own login, with an invitation"),
    RY("GET", "/api/v1/youths/{id}/network", api_network_list, TEAM_ROLES, "read", "network",
       SCOPE_YOUTH, DOSSIER, 0, "parents, custody holders and other important people"),
    RY("POST", "/api/v1/youths/{id}/network", api_network_add, TEAM_ROLES, "create", "network",
       SCOPE_YOUTH, DOSSIER, 0, "add a person to the network"),

    /* Break the glass, and who looked. */
    RY("POST", "/api/v1/youths/{id}/break-glass", api_break_glass_create, TEAM_ROLES, "break_glass",
       "youth", SCOPE_YOUTH, REL_EXISTS, 0,
       "emergency access for 24 hours to a dossier of another team, with a reason"),
    R("GET", "/api/v1/break-glass", api_break_glass_list, ROLE_TEAMLEAD, "read", "break_glass",
      "break-the-glass grants on the teamlead's teams, for review"),
    RY("POST", "/api/v1/break-glass/{id}/review", api_break_glass_review, ROLE_TEAMLEAD, "update",
       "break_glass", SCOPE_BREAK_GLASS, REL_TEAM, 0, "mark a grant reviewed"),
    RY("GET", "/api/v1/youths/{id}/access-log", api_access_log,
       ROLE_YOUTH | ROLE_TEAMLEAD | PRIVACY, "read", "access_log", SCOPE_YOUTH,
       REL_SELF | REL_TEAM | REL_PRIVACY, 0, "who accessed this dossier (NEN 7513 client view)"),

    /* Finding the JIM. */
    RY("GET", "/api/v1/youths/{id}/nominations", api_nominations_list, TEAM_ROLES, "read",
       "nomination", SCOPE_YOUTH, DOSSIER, 0, "the candidates the young person named"),
    RY("POST", "/api/v1/youths/{id}/nominations", api_nominations_create, TEAM_ROLES, "create",
       "nomination", SCOPE_YOUTH, DOSSIER, 0, "record a candidate JIM"),
    RY("POST", "/api/v1/nominations/{id}/assessment", api_nomination_assess, TEAM_ROLES, "update",
       "nomination", SCOPE_NOMINATION, REL_TEAM, 0, "suitability check against the lower bounds"),
    RY("POST", "/api/v1/nominations/{id}/confirm-decline", api_nomination_confirm_decline,
       ROLE_TEAMLEAD, "update", "nomination", SCOPE_NOMINATION, REL_TEAM, 0,
       "second look: a teamlead confirms a decline"),
    RY("POST", "/api/v1/nominations/{id}/parent-agreements", api_nomination_agreement, TEAM_ROLES,
       "update", "nomination", SCOPE_NOMINATION, REL_TEAM, 0,
       "a custody holder's agreement with the candidate"),
    RY("POST", "/api/v1/nominations/{id}/activate", api_nomination_activate, TEAM_ROLES, "create",
       "jim", SCOPE_NOMINATION, REL_TEAM, 0,
       "make the approved candidate the JIM, with a login invitation"),
    RY("POST", "/api/v1/jims/{id}/end", api_jim_end, TEAM_ROLES, "update", "jim", SCOPE_JIM,
       REL_TEAM, 0, "end a JIM; the search opens again"),

    /* Consent. */
    RY("GET", "/api/v1/youths/{id}/consents", api_consents_list, TEAM_ROLES | ROLE_YOUTH, "read",
       "consent", SCOPE_YOUTH, DOSSIER | REL_SELF, 0,
       "consents, the rule for today's age, and what is in force"),
    RY("POST", "/api/v1/youths/{id}/consents", api_consents_create, TEAM_ROLES | ROLE_YOUTH,
       "create", "consent", SCOPE_YOUTH, DOSSIER | REL_SELF, 0, "record a consent"),
    RY("POST", "/api/v1/consents/{id}/withdraw", api_consent_withdraw, TEAM_ROLES | ROLE_YOUTH,
       "update", "consent", SCOPE_CONSENT, DOSSIER | REL_SELF, 0, "withdraw a consent"),

    /* Plan and journal. */
    RY("GET", "/api/v1/youths/{id}/plan", api_plan_get, TEAM_ROLES | ROLE_YOUTH | ROLE_JIM, "read",
       "plan", SCOPE_YOUTH, DOSSIER | REL_SELF | REL_JIM, SCOPE_SHARE_PLAN,
       "goals, actions, evaluations and views"),
    RY("POST", "/api/v1/youths/{id}/goals", api_goals_create, TEAM_ROLES, "create", "plan",
       SCOPE_YOUTH, DOSSIER, 0, "add a goal"),
    RY("POST", "/api/v1/goals/{id}/actions", api_goal_actions_create, TEAM_ROLES, "create", "plan",
       SCOPE_GOAL, DOSSIER, 0, "add an action to a goal"),
    RY("POST", "/api/v1/youths/{id}/evaluations", api_evaluations_create, TEAM_ROLES, "create",
       "plan", SCOPE_YOUTH, DOSSIER, 0, "record an evaluation with a score per goal"),
    RY("POST", "/api/v1/goals/{id}/views", api_goal_views_create, ROLE_YOUTH | ROLE_JIM, "create",
       "plan", SCOPE_GOAL, REL_SELF | REL_JIM, SCOPE_SHARE_PLAN,
       "the young person's or the JIM's own view of a goal"),
    RY("GET", "/api/v1/youths/{id}/journal", api_journal_list, TEAM_ROLES | ROLE_JIM, "read",
       "journal", SCOPE_YOUTH, DOSSIER | REL_JIM, SCOPE_SHARE_NOTES,
       "contacts and notes; a JIM sees only shared notes"),
    RY("POST", "/api/v1/youths/{id}/journal", api_journal_create, TEAM_ROLES, "create", "journal",
       SCOPE_YOUTH, DOSSIER, 0, "add a contact or note"),
    /* Supporting the JIM: time, travel and expenses. */
    RY("POST", "/api/v1/jims/{id}/activities", api_activities_create, TEAM_ROLES | ROLE_JIM,
       "create", "jim_activity", SCOPE_JIM, REL_TEAM | REL_JIM, 0,
       "the JIM logs time and kilometres (a professional may enter one)"),
    RY("GET", "/api/v1/jims/{id}/activities", api_activities_list, TEAM_ROLES | ROLE_JIM, "read",
       "jim_activity", SCOPE_JIM, REL_TEAM | REL_JIM, 0, "the JIM's logged activities"),
    RY("PATCH", "/api/v1/activities/{id}", api_activity_patch, TEAM_ROLES | ROLE_JIM, "update",
       "jim_activity", SCOPE_ACTIVITY, REL_TEAM | REL_JIM, 0,
       "change an activity: the JIM for 14 days, the team any time"),
    RY("DELETE", "/api/v1/activities/{id}", api_activity_delete, TEAM_ROLES | ROLE_JIM, "delete",
       "jim_activity", SCOPE_ACTIVITY, REL_TEAM | REL_JIM, 0,
       "delete an activity: the JIM for 14 days, the team any time"),
    RY("GET", "/api/v1/jims/{id}/totals", api_activities_totals, TEAM_ROLES | ROLE_JIM, "read",
       "jim_activity", SCOPE_JIM, REL_TEAM | REL_JIM, 0, "minutes and kilometres by week or month"),
    R("GET", "/api/v1/teams/{id}/jim-totals", api_team_jim_totals, TEAM_ROLES, "read",
      "jim_activity", "minutes and kilometres per JIM of a team"),
    RY("POST", "/api/v1/jims/{id}/costs", api_costs_create, TEAM_ROLES | ROLE_JIM, "create",
       "jim_expense", SCOPE_JIM, REL_TEAM | REL_JIM, 0, "other costs with a receipt note"),
    RY("GET", "/api/v1/jims/{id}/costs", api_costs_list, TEAM_ROLES | ROLE_JIM, "read",
       "jim_expense", SCOPE_JIM, REL_TEAM | REL_JIM, 0, "the JIM's other costs"),
    RY("POST", "/api/v1/jims/{id}/statements", api_statements_create, TEAM_ROLES | ROLE_JIM,
       "create", "jim_expense", SCOPE_JIM, REL_TEAM | REL_JIM, 0,
       "an expense statement for a period, frozen as submitted"),
    RY("GET", "/api/v1/jims/{id}/statements", api_statements_list, TEAM_ROLES | ROLE_JIM, "read",
       "jim_expense", SCOPE_JIM, REL_TEAM | REL_JIM, 0, "the JIM's expense statements"),
    RY("GET", "/api/v1/statements/{id}", api_statement_get, TEAM_ROLES | ROLE_JIM, "read",
       "jim_expense", SCOPE_STATEMENT, REL_TEAM | REL_JIM, 0, "one statement with its lines"),
    RY("POST", "/api/v1/statements/{id}/approve", api_statement_approve, TEAM_ROLES, "update",
       "jim_expense", SCOPE_STATEMENT, REL_TEAM, 0, "approve: final, counted as paid out"),
    RY("POST", "/api/v1/statements/{id}/reject", api_statement_reject, TEAM_ROLES, "update",
       "jim_expense", SCOPE_STATEMENT, REL_TEAM, 0, "reject, with a note"),
    RY("GET", "/api/v1/jims/{id}/expenses.csv", api_expenses_csv, TEAM_ROLES | ROLE_JIM, "export",
       "jim_expense", SCOPE_JIM, REL_TEAM | REL_JIM, 0,
       "the expenses of a period as CSV for Dutch Excel"),

    /* Check-ins and alerts. */
    RY("POST", "/api/v1/jims/{id}/checkins", api_checkins_create, ROLE_JIM, "create", "jim_checkin",
       SCOPE_JIM, REL_JIM, 0, "how is it going: wellbeing, burden, going on"),
    RY("GET", "/api/v1/jims/{id}/checkins", api_checkins_list, TEAM_ROLES | ROLE_JIM, "read",
       "jim_checkin", SCOPE_JIM, REL_TEAM | REL_JIM, 0, "check-ins and when the next is due"),
    R("GET", "/api/v1/alerts", api_alerts_list, TEAM_ROLES, "read", "alert",
      "alerts on the JIMs of the caller's teams"),
    RY("POST", "/api/v1/alerts/{id}/acknowledge", api_alert_acknowledge, TEAM_ROLES, "update",
       "alert", SCOPE_ALERT, REL_TEAM, 0, "acknowledge an alert with a note"),
    R("GET", "/api/v1/organisations/{id}/settings", api_settings_get, ADMIN, "read", "organisation",
      "an organisation's thresholds and km rate"),
    R("PUT", "/api/v1/organisations/{id}/settings", api_settings_put, ADMIN, "update",
      "organisation", "set an organisation's thresholds and km rate"),

    /* Meetings and the safety table. */
    RY("POST", "/api/v1/youths/{id}/meetings", api_meetings_create, TEAM_ROLES, "create", "meeting",
       SCOPE_YOUTH, DOSSIER, 0, "plan a network meeting or safety table"),
    RY("GET", "/api/v1/youths/{id}/meetings", api_meetings_list, TEAM_ROLES | ROLE_JIM, "read",
       "meeting", SCOPE_YOUTH, DOSSIER | REL_JIM, SCOPE_SHARE_MEETINGS,
       "the young person's meetings"),
    RY("GET", "/api/v1/meetings/{id}", api_meeting_get, TEAM_ROLES | ROLE_JIM, "read", "meeting",
       SCOPE_MEETING, DOSSIER | REL_JIM, SCOPE_SHARE_MEETINGS,
       "a meeting with participants, decisions and actions"),
    RY("PATCH", "/api/v1/meetings/{id}", api_meeting_patch, TEAM_ROLES, "update", "meeting",
       SCOPE_MEETING, DOSSIER, 0, "change time, place, agenda, minutes or cancel"),
    RY("POST", "/api/v1/meetings/{id}/participants", api_meeting_participants_add, TEAM_ROLES,
       "update", "meeting", SCOPE_MEETING, DOSSIER, 0, "add a kring user or an outside person"),
    RY("POST", "/api/v1/meetings/{id}/attendance", api_meeting_attendance, TEAM_ROLES, "update",
       "meeting", SCOPE_MEETING, DOSSIER, 0, "record who was there"),
    RY("POST", "/api/v1/meetings/{id}/decisions", api_meeting_decisions_add, TEAM_ROLES, "update",
       "meeting", SCOPE_MEETING, DOSSIER, 0,
       "a decision; may update the legal frame or living situation in one step"),
    RY("POST", "/api/v1/meetings/{id}/actions", api_meeting_actions_add, TEAM_ROLES, "update",
       "meeting", SCOPE_MEETING, DOSSIER, 0, "an action item with owner and due date"),
    RY("POST", "/api/v1/meeting-actions/{id}/done", api_meeting_action_done,
       TEAM_ROLES | ROLE_JIM | ROLE_YOUTH, "update", "meeting", SCOPE_MEETING_ACTION,
       DOSSIER | REL_EXISTS, 0, "mark an action done (the team, or the action's owner)"),
    R("GET", "/api/v1/my/actions", api_my_actions, ROLE_ALL, "read", "meeting",
      "the caller's open action items"),
    RY("GET", "/api/v1/meetings/{id}.ics", api_meeting_ics, TEAM_ROLES | ROLE_JIM, "export",
       "meeting", SCOPE_MEETING, DOSSIER | REL_JIM, SCOPE_SHARE_MEETINGS,
       "the meeting as an iCalendar invite"),
    R("POST", "/api/v1/me/calendar-feed", api_calendar_feed_create, ROLE_ALL, "create",
      "calendar_feed", "a new secret calendar feed URL (replaces the old one)"),
    R("DELETE", "/api/v1/me/calendar-feed", api_calendar_feed_delete, ROLE_ALL, "delete",
      "calendar_feed", "revoke the calendar feed"),
    R("GET", "/api/v1/calendar/{token}.ics", api_calendar_feed_get, ROUTE_PUBLIC, "read",
      "calendar_feed", "a user's meetings, for a calendar program (secret URL)"),
    /* Outcomes and evidence. */
    RY("GET", "/api/v1/youths/{id}/events", api_events_list, TEAM_ROLES, "read", "outcome",
       SCOPE_YOUTH, DOSSIER, 0, "dated outcome events"),
    RY("POST", "/api/v1/youths/{id}/events", api_events_create, TEAM_ROLES, "create", "outcome",
       SCOPE_YOUTH, DOSSIER, 0, "record an event (police contact, school return, ...)"),
    RY("GET", "/api/v1/youths/{id}/attendance", api_attendance_list, TEAM_ROLES, "read", "outcome",
       SCOPE_YOUTH, DOSSIER, 0, "school attendance per period"),
    RY("POST", "/api/v1/youths/{id}/attendance", api_attendance_create, TEAM_ROLES, "create",
       "outcome", SCOPE_YOUTH, DOSSIER, 0, "record school attendance for a period"),
    RY("GET", "/api/v1/youths/{id}/measurements", api_measurements_list, TEAM_ROLES, "read",
       "outcome", SCOPE_YOUTH, DOSSIER, 0, "measurements and which are due or overdue"),
    RY("POST", "/api/v1/youths/{id}/measurements", api_measurements_create, TEAM_ROLES, "create",
       "outcome", SCOPE_YOUTH, DOSSIER, 0, "record a measurement at a standard moment"),
    R("GET", "/api/v1/stats/outcomes", api_stats_outcomes, TEAM_ROLES | ROLE_RESEARCHER | ADMIN,
      "read", "statistics", "placement-free survival, indicators and costs for a selection"),
    R("GET", "/api/v1/stats/outcomes.csv", api_stats_outcomes_csv,
      TEAM_ROLES | ROLE_RESEARCHER | ADMIN, "export", "statistics", "the same figures as CSV"),
    R("GET", "/api/v1/exports/research.csv", api_research_export, ROLE_RESEARCHER, "export",
      "research_export", "pseudonymised trajectories for research"),
    R("GET", "/api/v1/users/{id}/trainings", api_trainings_list, ADMIN, "read", "training",
      "a professional's JIM trainings"),
    R("POST", "/api/v1/users/{id}/trainings", api_trainings_create, ADMIN, "create", "training",
      "record a training"),
    R("GET", "/api/v1/organisations/{id}/cost-settings", api_cost_settings_get, ADMIN, "read",
      "organisation", "the cost model's assumptions"),
    R("PUT", "/api/v1/organisations/{id}/cost-settings", api_cost_settings_put, ADMIN, "update",
      "organisation", "set the cost model's assumptions"),
};

const size_t kring_route_count = sizeof(kring_routes) / sizeof(kring_routes[0]);
