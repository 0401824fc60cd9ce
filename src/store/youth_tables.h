#ifndef KRING_STORE_YOUTH_TABLES_H
#define KRING_STORE_YOUTH_TABLES_H

/*
 * Every table that holds data of one young person, with the condition that
 * picks their rows (P is the engine's text for the young person's id,
 * parameter 1). Children come before their parents: the order in which
 * destruction deletes, and the order of the complete export. A table added
 * later that holds a young person's data belongs here; the privacy test
 * searches the database file for a destroyed person's name and BSN. With an
 * id of its own it is made INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, so
 * that a destroyed row's id is never given out again (migration 22).
 */
#define YOUTH_DATA_TABLES(X, P)                                                                    \
	X(evaluation_scores,                                                                       \
	  "evaluation_id IN (SELECT id FROM evaluations WHERE youth_id = " P ")")                  \
	X(goal_views, "goal_id IN (SELECT id FROM goals WHERE youth_id = " P ")")                  \
	X(goal_actions, "goal_id IN (SELECT id FROM goals WHERE youth_id = " P ")")                \
	X(meeting_participants, "meeting_id IN (SELECT id FROM meetings WHERE youth_id = " P ")")  \
	X(meeting_decisions, "meeting_id IN (SELECT id FROM meetings WHERE youth_id = " P ")")     \
	X(meeting_actions, "meeting_id IN (SELECT id FROM meetings WHERE youth_id = " P ")")       \
	X(jim_activity_changes,                                                                    \
	  "activity_id IN (SELECT id FROM jim_activities WHERE jim_id IN (SELECT id FROM jims "    \
	  "WHERE youth_id = " P "))")                                                              \
	X(jim_activities, "jim_id IN (SELECT id FROM jims WHERE youth_id = " P ")")                \
	X(jim_costs, "jim_id IN (SELECT id FROM jims WHERE youth_id = " P ")")                     \
	X(expense_statements, "jim_id IN (SELECT id FROM jims WHERE youth_id = " P ")")            \
	X(jim_checkins, "jim_id IN (SELECT id FROM jims WHERE youth_id = " P ")")                  \
	X(alerts, "youth_id = " P)                                                                 \
	X(assessments, "nomination_id IN (SELECT id FROM nominations WHERE youth_id = " P ")")     \
	X(parent_agreements,                                                                       \
	  "nomination_id IN (SELECT id FROM nominations WHERE youth_id = " P ")")                  \
	X(consents, "youth_id = " P)                                                               \
	X(jims, "youth_id = " P)                                                                   \
	X(nominations, "youth_id = " P)                                                            \
	X(network_member_changes, "youth_id = " P)                                                 \
	X(network_members, "youth_id = " P)                                                        \
	X(goals, "youth_id = " P)                                                                  \
	X(evaluations, "youth_id = " P)                                                            \
	X(meetings, "youth_id = " P)                                                               \
	X(journal_entries, "youth_id = " P)                                                        \
	X(break_glass, "youth_id = " P)                                                            \
	X(youth_events, "youth_id = " P)                                                           \
	X(school_attendance, "youth_id = " P)                                                      \
	X(measurements, "youth_id = " P)                                                           \
	X(youth_history, "youth_id = " P)                                                          \
	X(youth_statements, "youth_id = " P)                                                       \
	X(youth_corrections, "youth_id = " P)                                                      \
	X(youth_facts, "youth_id = " P)                                                            \
	X(youths, "id = " P)

/* The named queries of each table: SQ_EXPORT_<table> and SQ_DESTROY_<table>. */
#define YOUTH_TABLE_QUERY_NAMES(table, cond) SQ_EXPORT_##table, SQ_DESTROY_##table,
#define YOUTH_TABLE_QUERY_SQL(table, cond)                                                         \
	[SQ_EXPORT_##table] = "SELECT * FROM " #table " WHERE " cond " ORDER BY 1",                \
	[SQ_DESTROY_##table] = "DELETE FROM " #table " WHERE " cond,

#endif
