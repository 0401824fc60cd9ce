#ifndef KRING_STORE_QUERY_H
#define KRING_STORE_QUERY_H

/*
 * Named queries: the second half of the store interface. A caller names a
 * query and passes typed arguments; each engine keeps its own SQL text for
 * every name (store_sqlite_queries.c for SQLite), prepares it once per
 * connection and binds the arguments. No SQL and no string-built query ever
 * reaches the callers. Rows come back as JSON objects whose keys are the
 * column names; 0/1 columns whose names appear in the query's boolean list
 * come back as JSON booleans.
 */

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/dates.h"
#include "store/store.h"
#include "store/youth_tables.h"

enum store_query {
	/* dossier */
	SQ_YOUTH_INSERT,
	SQ_YOUTH_GET,
	SQ_YOUTH_SEARCH,
	SQ_YOUTH_COUNT,
	SQ_YOUTH_UPDATE_PERSONAL,
	SQ_YOUTH_NAME_KEYS_MISSING,
	SQ_YOUTH_SET_NAME_KEY,
	SQ_YOUTH_SET_LEGAL_FRAME,
	SQ_YOUTH_SET_LIVING,
	SQ_YOUTH_SET_PHASE,
	SQ_YOUTH_SET_USER,
	SQ_YOUTH_RELATION,
	SQ_YOUTH_OF_USER,
	SQ_TEAM_MEMBER,
	SQ_TEAMS_OF_USER,
	SQ_HISTORY_INSERT,
	SQ_HISTORY_LIST,
	SQ_NETWORK_INSERT,
	SQ_NETWORK_LIST,
	SQ_NETWORK_GET,
	SQ_NETWORK_UPDATE,        /* ?1 member, ?2 name, ?3 relation, ?4 contact, ?5 custody */
	SQ_NETWORK_REMOVE,        /* ?1 member, ?2 at, ?3 user, ?4 why: marked removed, kept */
	SQ_NETWORK_REFERENCES,    /* ?1 member: consents and parent agreements resting on it */
	SQ_NETWORK_CHANGE_INSERT, /* the old and new value of a corrected field */
	SQ_NETWORK_LOCK,          /* ?1 member (not removed): its row, FOR UPDATE on PostgreSQL */
	SQ_NETWORK_CHANGE_LIST,   /* ?1 member, ?2 young person: its corrections, newest first */
	SQ_NETWORK_REMOVAL,       /* ?1 member, ?2 young person: when, by whom, why (or null) */
	SQ_NETWORK_REMOVED_LIST,  /* ?1 young person: the removed members, last removed first */
	/* finding the JIM */
	SQ_NOMINATION_INSERT,
	SQ_NOMINATION_LIST,
	SQ_NOMINATION_GET,
	SQ_NOMINATION_SET_STATUS,
	SQ_NOMINATION_FIRST_DATE,
	SQ_ASSESSMENT_INSERT,
	SQ_ASSESSMENT_LIST,
	SQ_ASSESSMENT_CONFIRM_DECLINE,
	SQ_ASSESSMENT_RETURN_DECLINE,
	SQ_NOMINATION_DECLINE_PENDING,
	SQ_NOMINATION_DECLINE_PENDING_COUNT,
	SQ_AGREEMENT_INSERT,
	SQ_AGREEMENT_LIST,
	SQ_JIM_INSERT,
	SQ_JIM_GET,
	SQ_JIM_ACTIVE,
	SQ_JIM_END,
	SQ_JIM_OF_USER,
	SQ_JIM_ENDED_OF_YOUTH, /* ?1 youth, ?2 user: a JIM of theirs who stopped */
	SQ_YOUTH_CIRCLE,       /* ?1 youth: the team's staff, the JIM, the young person */
	SQ_USER_DISABLE,
	SQ_USER_REINVITE, /* ?1 user: invited again, without password or TOTP secret */
	SQ_USER_SESSIONS_END,
	SQ_USER_SET_PASSWORD,       /* ?1 user, ?2 hash: only an active account */
	SQ_USER_OTHER_SESSIONS_END, /* ?1 user, ?2 the session to keep */
	SQ_TOTP_SEALED_LIST,        /* id, username, totp_secret of the sealed secrets */
	SQ_TOTP_PLAIN_LIST,         /* id, username, totp_secret of the secrets not sealed */
	SQ_TOTP_CLEAR,              /* ?1 user, ?2 the secret it must still have */
	SQ_TOTP_ALL_LIST,           /* id, username, totp_secret of every account with one */
	SQ_TOTP_SEAL,               /* ?1 user, ?2 sealed secret, ?3 the secret it replaces */
	/* ?1 user, ?2 the caller's session, ?3 now, ?4 idle limit: the live sessions */
	SQ_MY_SESSIONS,
	/* ?1 session id, ?2 user, ?3 the caller's session, ?4 now, ?5 idle limit: mine, current */
	SQ_MY_SESSION_FIND,
	SQ_MY_SESSION_END,          /* ?1 session id, ?2 user */
	SQ_SESSION_REAUTHENTICATED, /* ?1 token hash, ?2 when: the user gave their password again */
	SQ_TEAM_REMOVE_MEMBER,      /* ?1 team, ?2 user */
	SQ_USER_SET_ROLE,           /* ?1 user, ?2 new role, ?3 the role it must still have */
	SQ_USER_LEAVE_TEAMS,        /* ?1 user: out of every team */
	/* ?1 user: its role and organisation, held until the transaction ends (PostgreSQL) */
	SQ_USER_ROLE_HELD,
	SQ_INVITATIONS_REVOKE,
	SQ_TOTP_STEP_CLAIM,
	/* ?1 token hash, ?2 username, ?3 oldest last use (s): the id of the account's browser */
	SQ_LOGIN_DEVICE_FIND,
	/* ?1 browser id (text), ?2 since (ISO ms): n, oldest (ISO ms) of its failed logins */
	SQ_LOGIN_DEVICE_FAILURES,
	/* ?1 user, ?2 token hash, ?3 now (s) */
	SQ_LOGIN_DEVICE_ADD,
	/* ?1 browser id, ?2 now (s) */
	SQ_LOGIN_DEVICE_TOUCH,
	/* ?1 user, ?2 oldest last use (s) to keep: also all but its 19 last used */
	SQ_LOGIN_DEVICE_PRUNE,
	/* ?1 user: every browser of the account */
	SQ_LOGIN_DEVICES_FORGET,
	/* ?1 oldest last use (s) that still counts: every browser used before it */
	SQ_LOGIN_DEVICES_UNUSED,
	/* operations */
	SQ_METRICS_AUDIT_EVENTS,
	SQ_METRICS_OPEN_ALERTS,
	SQ_DEMO_SEEDED, /* ?1 the demo seed's reason on a create by nobody, among the first 1000
	                   events */
	/* rights of the young person */
	YOUTH_DATA_TABLES(YOUTH_TABLE_QUERY_NAMES, "") SQ_RIGHTS_INSERT,
	SQ_RIGHTS_LIST,
	SQ_RIGHTS_GET,
	SQ_RIGHTS_CLOSE,
	SQ_RIGHTS_FORGET_NOTES,
	SQ_RIGHTS_OF_YOUTH,
	SQ_EXPORT_PEOPLE, /* ?1 JSON array of user ids: their names and roles, in that order */
	SQ_YOUTH_STATEMENT_INSERT,
	SQ_YOUTH_STATEMENT_LIST,
	SQ_DESTROY_ACCOUNTS_OF,
	SQ_DESTROY_USER_INVITATIONS,
	SQ_DESTROY_USER_TEAMS,
	SQ_DESTROY_USER_PARTICIPATION,
	SQ_DESTROY_USER_ACTIONS,
	SQ_FACTS_MARK,
	SQ_DESTROY_USER_VIEWS,
	SQ_DESTROY_USER_ANONYMISE,
	SQ_DESTRUCTION_RECORD,
	SQ_RETENTION_CLOSED,
	SQ_RETENTION_OF, /* ?1 youth: the same columns, for one file */
	SQ_CORRECTION_INSERT,
	SQ_CORRECTION_LIST,
	/* consent */
	SQ_CONSENT_INSERT,
	SQ_CONSENT_STANDING,
	SQ_CONSENT_LIST,
	SQ_CONSENT_GET,
	SQ_CONSENT_WITHDRAW,
	SQ_CONSENT_IN_FORCE,
	/* plan and journal */
	SQ_GOAL_INSERT,
	SQ_GOAL_LIST,
	SQ_GOAL_GET,
	SQ_GOAL_LOCK,   /* ?1 goal: its id, FOR NO KEY UPDATE on PostgreSQL */
	SQ_GOAL_UPDATE, /* ?1 id, ?2 title, ?3 description, ?4 agreed_on, ?5 status, ?6 ended_on */
	SQ_GOAL_SCORED, /* ?1 goal: the first and last day an evaluation scored it */
	SQ_ACTION_INSERT,
	SQ_ACTION_LIST,
	SQ_ACTION_GET,
	SQ_ACTION_DONE,
	SQ_ACTION_UNDONE,
	SQ_ACTION_LOCK,   /* ?1 action: its id; its goal kept as it is, on PostgreSQL */
	SQ_ACTION_UPDATE, /* ?1 id, ?2 description, ?3 owner, ?4 owner_kind, ?5 due_date */
	SQ_VIEW_INSERT,
	SQ_VIEW_LIST,
	SQ_EVALUATION_INSERT,
	SQ_EVALUATION_LIST,
	SQ_EVALUATION_LAST,
	SQ_SCORE_INSERT,
	SQ_SCORE_LIST,
	SQ_JOURNAL_INSERT,
	SQ_JOURNAL_LIST,
	/* break the glass and the access log */
	SQ_BREAK_GLASS_INSERT,
	SQ_BREAK_GLASS_LIST,
	SQ_BREAK_GLASS_GET,
	SQ_BREAK_GLASS_REVIEW,
	SQ_BREAK_GLASS_UNTIL, /* when the caller's emergency access to a dossier ends */
	SQ_ACCESS_LOG,
	SQ_ACCESS_LOG_ALL, /* every event, for the complete export */
	/* which young person an object belongs to */
	SQ_YOUTH_OF_NOMINATION,
	SQ_YOUTH_OF_JIM,
	SQ_YOUTH_OF_CONSENT,
	SQ_YOUTH_OF_GOAL,
	SQ_YOUTH_OF_BREAK_GLASS,
	SQ_YOUTH_OF_ACTIVITY,
	SQ_YOUTH_OF_COST,
	SQ_YOUTH_OF_STATEMENT,
	SQ_YOUTH_OF_MEETING,
	SQ_YOUTH_OF_MEETING_ACTION,
	SQ_YOUTH_OF_ALERT,
	SQ_YOUTH_OF_NETWORK_MEMBER, /* removed ones too: their history stays readable */
	SQ_YOUTH_OF_GOAL_ACTION,
	/* organisation settings */
	SQ_SETTINGS_GET,
	SQ_SETTINGS_PUT,
	SQ_SETTINGS_OF_JIM,
	/* time, travel and expenses */
	SQ_ACTIVITY_INSERT,
	SQ_ACTIVITY_GET,
	SQ_ACTIVITY_LIST,
	SQ_ACTIVITY_UPDATE,
	SQ_ACTIVITY_DELETE,
	SQ_ACTIVITY_RANGE,
	SQ_ACTIVITY_LAST_DATE,
	SQ_TEAM_JIM_TOTALS,
	SQ_COST_INSERT,
	SQ_COST_GET,
	SQ_COST_RANGE,
	SQ_YOUTH_LOCK,           /* ?1 youth: its id, FOR NO KEY UPDATE on PostgreSQL */
	SQ_YOUTH_LOCK_DESTROY,   /* ?1 youth: its id, FOR UPDATE on PostgreSQL (to delete it) */
	SQ_NOMINATION_LOCK,      /* ?1 nomination: its id, FOR UPDATE on PostgreSQL */
	SQ_JIM_LOCK,             /* ?1 jim: its row, FOR UPDATE on PostgreSQL */
	SQ_JIM_LOCK_OF_ACTIVITY, /* ?1 activity: its JIM's row, the same way */
	SQ_JIM_LOCK_OF_COST,     /* ?1 cost: its JIM's row, the same way */
	SQ_COST_DELETE,
	SQ_STATEMENT_OVERLAP,
	SQ_STATEMENT_INSERT,
	SQ_STATEMENT_GET,
	SQ_STATEMENT_LIST,
	SQ_STATEMENT_DECIDE,
	SQ_STATEMENT_OWN_WORK,
	SQ_ACTIVITY_CHANGE_INSERT,
	/* check-ins and alerts */
	SQ_CHECKIN_INSERT,
	SQ_CHECKIN_GET,
	SQ_CHECKIN_LIST,
	SQ_CHECKIN_RECENT,
	SQ_ALERT_RAISED,
	SQ_ALERT_RAISE_LOCK,
	SQ_ALERT_INSERT,
	SQ_ALERT_LIST,
	SQ_ALERT_GET,
	SQ_ALERT_ACK,
	SQ_ALERT_OPEN_OF_HOURS,
	SQ_ALERT_CLOSE_CORRECTED,
	SQ_ALERT_CLEAR_CORRECTED,
	SQ_ACTIVE_JIMS_OF_USER,
	SQ_JIM_WEEK_MINUTES,
	/* meetings */
	SQ_MEETING_INSERT,
	SQ_MEETING_LOCK, /* ?1 meeting: id, cancelled, starts_at; FOR UPDATE on PostgreSQL */
	SQ_MEETING_GET,
	SQ_MEETING_LIST,
	SQ_MEETING_UPDATE,
	SQ_PARTICIPANT_INSERT,
	SQ_PARTICIPANT_GET,
	SQ_PARTICIPANT_LIST,
	SQ_PARTICIPANT_ATTEND,
	SQ_PARTICIPANT_OF_USER,
	SQ_DECISION_INSERT,
	SQ_DECISION_LIST,
	SQ_MACTION_INSERT,
	SQ_MACTION_GET,
	SQ_MACTION_LIST,
	SQ_MACTION_DONE,
	SQ_MACTION_UNDONE,
	SQ_MY_ACTIONS,
	SQ_MY_PLAN_ACTIONS,
	SQ_FEED_PUT,
	SQ_FEED_DELETE,
	SQ_FEED_USER,
	SQ_FEED_OF_USER, /* ?1 user: when their calendar link was made */
	SQ_FEED_MEETINGS,
	SQ_USER_EXISTS,
	/* outcomes */
	SQ_EVENT_INSERT,
	SQ_EVENT_LIST,
	SQ_ATTENDANCE_INSERT,
	SQ_ATTENDANCE_LIST,
	SQ_SHARED_LIVING,
	SQ_SHARED_ATTENDANCE,
	SQ_SHARED_EVENTS,
	SQ_MEASUREMENT_INSERT,
	SQ_MEASUREMENT_LIST,
	SQ_TRAINING_INSERT,
	SQ_TRAINING_LIST,
	SQ_COST_SETTINGS_GET,
	SQ_COST_SETTINGS_PUT,
	SQ_TEAM_ORGANISATION,
	SQ_YOUTH_KNOWN,
	SQ_YOUTH_OF_ACCOUNT,
	SQ_YOUTH_OF_JIM_ACCOUNT,
	SQ_STATS_YOUTHS,
	SQ_STATS_LIVING,
	SQ_STATS_FACTS,
	SQ_STATS_TRAINING,
	/* keeping youth_facts current (src/store/facts.c) */
	SQ_FACTS_PENDING,
	SQ_FACTS_CLAIM,
	SQ_FACTS_YOUTHS,
	SQ_FACTS_LIVING,
	SQ_FACTS_JIMS,
	SQ_FACTS_ATTENDANCE,
	SQ_FACTS_PUT,
	SQ_FACTS_DROP_GONE,
	SQ_FACTS_UNCLAIM,
	SQ_EXPORT_MEASUREMENTS,
	SQ_COUNT
};

enum store_arg_type { STORE_ARG_NULL, STORE_ARG_INT, STORE_ARG_TEXT, STORE_ARG_REAL };

struct store_arg {
	enum store_arg_type type;
	int64_t i;
	const char *s;
	double d;
	/* For NULL: the type it stands for, so that typed engines can say so
	 * (STORE_ARG_NULL: untyped, the database infers it from the column). */
	enum store_arg_type null_as;
};

static inline struct store_arg store_arg_int(int64_t v)
{
	return (struct store_arg){.type = STORE_ARG_INT, .i = v};
}

static inline struct store_arg store_arg_id(int64_t v)
{
	return (struct store_arg){
	    .type = v ? STORE_ARG_INT : STORE_ARG_NULL, .i = v, .null_as = STORE_ARG_INT};
}

static inline struct store_arg store_arg_text(const char *s)
{
	return (struct store_arg){
	    .type = s ? STORE_ARG_TEXT : STORE_ARG_NULL, .s = s, .null_as = STORE_ARG_TEXT};
}

static inline struct store_arg store_arg_real(double v)
{
	return (struct store_arg){.type = STORE_ARG_REAL, .d = v};
}

/* A NULL whose type the database takes from the column it goes into. */
#define SA_NULL ((struct store_arg){.type = STORE_ARG_NULL, .null_as = STORE_ARG_NULL})
/* A floating-point argument. */
#define SA_REAL(v) store_arg_real((double)(v))
/* An integer argument. */
#define SA_INT(v) store_arg_int((int64_t)(v))
/* An id, or SQL NULL when 0. */
#define SA_ID(v) store_arg_id((int64_t)(v))
/* Text, or SQL NULL when the pointer is NULL. */
#define SA_TEXT(v) store_arg_text(v)
#define SA_BOOL(v) SA_INT((v) ? 1 : 0)
/* The argument list of a call: STORE_ARGS(SA_INT(1), SA_TEXT(name)). */
#define STORE_ARGS(...)                                                                            \
	(const struct store_arg[]){__VA_ARGS__},                                                   \
	    sizeof((const struct store_arg[]){__VA_ARGS__}) / sizeof(struct store_arg)

/*
 * Runs a query that returns no rows. *last_id (may be NULL) receives the id
 * of an inserted row; *changed (may be NULL) the number of rows changed.
 * Unique violations give STORE_CONFLICT, foreign-key violations
 * STORE_NOT_FOUND.
 */
enum store_status store_run(struct store_conn *c, enum store_query q, const struct store_arg *args,
                            size_t nargs, int64_t *last_id, int64_t *changed);

/* All rows as a new JSON array of objects. */
enum store_status store_rows(struct store_conn *c, enum store_query q, const struct store_arg *args,
                             size_t nargs, json_t **rows);

/* The first row as a new JSON object; STORE_NOT_FOUND when there is none. */
enum store_status store_row(struct store_conn *c, enum store_query q, const struct store_arg *args,
                            size_t nargs, json_t **row);

/* One column of a row handed to a visitor; `s` is valid only during the call. */
struct store_value {
	enum store_arg_type type; /* NULL, INT, TEXT or REAL */
	int64_t i;
	double d;
	const char *s;
	bool boolean; /* INT from a column the engine knows as boolean (i is 0 or 1) */
};

/* Called for each row; return false to stop. */
typedef bool (*store_row_visit)(const struct store_value *cols, size_t ncols, void *ctx);

/* Whether a column is text that reads as a "YYYY-MM-DD" date (into *out). */
bool store_value_date(const struct store_value *v, struct date *out);

/*
 * Runs a query and hands each row to `visit` without building JSON: for
 * the large scans behind the outcome figures.
 */
enum store_status store_each(struct store_conn *c, enum store_query q, const struct store_arg *args,
                             size_t nargs, store_row_visit visit, void *ctx);

struct json_text;

/* Shown each column of a row written as text (name and value valid only during the call). */
typedef void (*store_column_seen)(const char *name, const struct store_value *v, void *ctx);

/*
 * The first row written as a JSON object onto `out`: the same bytes as
 * json_dumps(row, JSON_COMPACT) of store_row()'s object, without building it
 * (the query's column names must be distinct, as they are for store_row).
 * `seen` (may be NULL) is shown each column. STORE_NOT_FOUND, with nothing
 * written, when there is no row. On an error `out` may hold part of a row:
 * the caller discards it.
 */
enum store_status store_row_text(struct store_conn *c, enum store_query q,
                                 const struct store_arg *args, size_t nargs, struct json_text *out,
                                 store_column_seen seen, void *ctx);

/* All rows written as a JSON array of objects onto `out`, like store_rows(); as
 * store_row_text. */
enum store_status store_rows_text(struct store_conn *c, enum store_query q,
                                  const struct store_arg *args, size_t nargs, struct json_text *out,
                                  store_column_seen seen, void *ctx);

/* For the engines: a column's value as a new JSON value (booleans as such; null for text that
 * is not valid UTF-8, which jansson refuses). */
json_t *store_value_json(const struct store_value *v);

/* For the engines: writes one row as a JSON object, booleans as store_row answers them. */
void store_text_row(struct json_text *out, const char *const *names, const struct store_value *v,
                    size_t n, store_column_seen seen, void *ctx);

#endif
