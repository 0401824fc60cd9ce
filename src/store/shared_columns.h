#ifndef KRING_STORE_SHARED_COLUMNS_H
#define KRING_STORE_SHARED_COLUMNS_H

/*
 * Column lists that both engines' SQL texts use word for word (standard
 * SQL only): one definition, so that the engines cannot drift apart.
 */

/*
 * The columns both engines add to a JIM's entry (activity or cost) of table
 * alias `t` (a string literal), joined with users as `u` on its entered_by:
 * who entered it, and `settled` when a submitted or approved expense
 * statement covers its day (as jim_date_unsettled() checks).
 */
#define JIM_ENTRY_COLUMNS(t)                                                                       \
	t ".entered_by AS entered_by_id, u.display_name AS entered_by_name, u.role AS "            \
	  "entered_by_role, EXISTS (SELECT 1 FROM expense_statements s WHERE s.jim_id = " t        \
	  ".jim_id AND s.status IN ('submitted', 'approved') AND " t                               \
	  ".date BETWEEN s.period_from AND s.period_to) AS settled"

/* A JIM's activity and cost rows (SQ_ACTIVITY_*, SQ_COST_*), with their author and settled day. */
#define ACTIVITY_COLUMNS                                                                           \
	"a.id, a.jim_id, a.date, a.minutes, a.km_tenths, a.kind, a.note, "                         \
	"a.created_at, " JIM_ENTRY_COLUMNS(                                                        \
	    "a") " FROM jim_activities a LEFT JOIN users u ON u.id = a.entered_by "
#define COST_COLUMNS                                                                               \
	"c.id, c.jim_id, c.date, c.amount_cents, c.description, c.receipt_note, "                  \
	"c.created_at, " JIM_ENTRY_COLUMNS(                                                        \
	    "c") " FROM jim_costs c LEFT JOIN users u ON u.id = c.entered_by "

/* An expense statement, with the name of whoever decided on it (joined as `du`). */
#define STATEMENT_COLUMNS                                                                          \
	"s.id, s.jim_id, s.period_from AS \"from\", s.period_to AS \"to\", s.km_tenths, "          \
	"s.rate_cents_per_km, s.km_amount_cents, s.other_costs_cents, s.total_cents, s.status, "   \
	"s.decided_by, du.display_name AS decided_by_name, s.decided_at, s.decision_note, "        \
	"s.created_at"
/* The statements with the name of who decided on them (STATEMENT_COLUMNS). */
#define STATEMENT_FROM " FROM expense_statements s LEFT JOIN users du ON du.id = s.decided_by "

/* An alert, with its JIM's name, its young person's name (y), the name of
   whoever acknowledged it, and how it was closed (migration 31): 'acknowledged'
   by a person (with a note), 'corrected' when a correction of the JIM's hours
   made it untrue (SQ_ALERT_CLOSE_CORRECTED), NULL while open. */
#define ALERT_COLUMNS                                                                              \
	"al.id, al.kind, al.jim_id, j.name AS jim_name, al.youth_id, y.given_name, "               \
	"y.family_name, "                                                                          \
	"al.detail, al.key, al.created_at, "                                                       \
	"al.acknowledged_at, al.acknowledged_by, ab.display_name AS acknowledged_by_name, "        \
	"al.note, al.resolution "                                                                  \
	"FROM alerts al JOIN jims j ON j.id = al.jim_id JOIN youths y ON y.id = al.youth_id LEFT " \
	"JOIN users ab ON ab.id = al.acknowledged_by "

/* Every assessment with the names of who assessed, confirmed and sent back
   a decline; the nomination is n. */
#define ASSESSMENT_COLUMNS                                                                         \
	"a.id, a.nomination_id, a.is_parent, a.adult, a.willing_to_cooperate, a.child_safe, "      \
	"a.own_load_manageable, a.reason, a.decision, a.assessed_by, ua.display_name AS "          \
	"assessed_by_name, a.assessed_at, a.decline_confirmed_by, uc.display_name AS "             \
	"decline_confirmed_by_name, a.decline_confirmed_at, a.decline_returned_by, "               \
	"ur.display_name AS decline_returned_by_name, a.decline_returned_at, "                     \
	"a.decline_return_reason FROM assessments a JOIN nominations n ON n.id = "                 \
	"a.nomination_id LEFT JOIN users ua ON ua.id = a.assessed_by LEFT JOIN users uc ON uc.id " \
	"= a.decline_confirmed_by LEFT JOIN users ur ON ur.id = a.decline_returned_by "

/* A goal of the plan, as the plan and a goal's answers show it. */
#define GOAL_COLUMNS "id, title, description, author_kind, agreed_on, status, ended_on, created_at"

/* A meeting, with its stored calendar UID and the young person's first name. */
#define MEETING_COLUMNS                                                                            \
	"m.id, m.youth_id, m.kind, m.starts_at, m.ends_at, m.location, m.agenda, m.minutes, "      \
	"m.sequence, m.cancelled, m.created_at, m.uid, y.given_name FROM meetings m JOIN youths "  \
	"y ON y.id = m.youth_id "

#endif
