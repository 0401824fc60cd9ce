/*
 * The SQL of every named query (store_query.h) for the SQLite engine.
 * Parameters are numbered (?1, ?2, …) in the order the callers pass them.
 */
#include "store/store_sqlite_queries.h"

#define YOUTH_COLUMNS                                                                              \
	"y.id, y.team_id, y.given_name, y.family_name, y.birth_date, y.bsn, y.municipality, "      \
	"y.legal_frame, y.living_situation, y.phase, y.phase_since, y.end_reason, y.started_on, "  \
	"y.closed_on, y.user_id, y.created_at"

#define NOMINATION_COLUMNS                                                                         \
	"id, youth_id, name, relation, contact, note, preference, status, nominated_on, "          \
	"created_at"

#define SEARCH_FILTER                                                                              \
	"FROM youths y WHERE y.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?1) "  \
	"AND (?2 IS NULL OR y.given_name LIKE '%' || ?2 || '%' ESCAPE '\\' "                       \
	"  OR y.family_name LIKE '%' || ?2 || '%' ESCAPE '\\' "                                    \
	"  OR (y.given_name || ' ' || y.family_name) LIKE '%' || ?2 || '%' ESCAPE '\\') "          \
	"AND (?3 IS NULL OR y.team_id = ?3) AND (?4 IS NULL OR y.phase = ?4) "

const char *const sqlite_query_sql[SQ_COUNT] = {
    [SQ_YOUTH_INSERT] =
        "INSERT INTO youths (team_id, given_name, family_name, birth_date, bsn, "
        "municipality, legal_frame, living_situation, phase, phase_since, started_on, "
        "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'jim_search', ?9, "
        "?9, ?10, ?11)",
    [SQ_YOUTH_GET] = "SELECT " YOUTH_COLUMNS ", t.name AS team_name, "
                     "(SELECT min(nominated_on) FROM nominations n WHERE n.youth_id = y.id) "
                     "AS first_nominated_on FROM youths y JOIN teams t ON t.id = y.team_id "
                     "WHERE y.id = ?1",
    [SQ_YOUTH_SEARCH] = "SELECT y.id, y.given_name, y.family_name, y.birth_date, y.team_id, "
                        "y.phase, (SELECT j.name FROM jims j WHERE j.youth_id = y.id AND "
                        "j.ended_on IS NULL) AS jim_name " SEARCH_FILTER
                        "ORDER BY y.family_name, y.given_name, y.id LIMIT ?5 OFFSET ?6",
    [SQ_YOUTH_COUNT] = "SELECT count(*) AS total " SEARCH_FILTER,
    [SQ_YOUTH_UPDATE_PERSONAL] = "UPDATE youths SET given_name = ?2, family_name = ?3, "
                                 "birth_date = ?4, bsn = ?5, municipality = ?6 WHERE id = ?1",
    [SQ_YOUTH_SET_LEGAL_FRAME] = "UPDATE youths SET legal_frame = ?2 WHERE id = ?1",
    [SQ_YOUTH_SET_LIVING] = "UPDATE youths SET living_situation = ?2 WHERE id = ?1",
    [SQ_YOUTH_SET_PHASE] = "UPDATE youths SET phase = ?2, phase_since = ?3, end_reason = ?4, "
                           "closed_on = ?5 WHERE id = ?1",
    [SQ_YOUTH_SET_USER] = "UPDATE youths SET user_id = ?2 WHERE id = ?1 AND user_id IS NULL",
    /* ?1 youth, ?2 caller, ?3 now (epoch seconds) */
    [SQ_YOUTH_RELATION] =
        "SELECT y.id AS youth_id, y.team_id, y.birth_date, "
        "EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = y.team_id AND m.user_id = "
        "?2) AS in_team, "
        "(y.user_id IS NOT NULL AND y.user_id = ?2) AS is_self, "
        "EXISTS (SELECT 1 FROM jims j WHERE j.youth_id = y.id AND j.user_id = ?2 AND "
        "j.ended_on IS NULL) AS is_jim, "
        "EXISTS (SELECT 1 FROM break_glass b WHERE b.youth_id = y.id AND b.user_id = ?2 "
        "AND b.expires_at > ?3) AS has_grant FROM youths y WHERE y.id = ?1",
    [SQ_YOUTH_OF_USER] = "SELECT id AS youth_id FROM youths WHERE user_id = ?1",
    [SQ_TEAMS_OF_USER] = "SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id "
                         "WHERE m.user_id = ?1 ORDER BY t.name, t.id",
    [SQ_TEAM_MEMBER] =
        "SELECT t.id, t.organisation_id, EXISTS (SELECT 1 FROM team_members m WHERE "
        "m.team_id = t.id AND m.user_id = ?2) AS in_team FROM teams t WHERE t.id = ?1",
    [SQ_HISTORY_INSERT] = "INSERT INTO youth_history (youth_id, field, value, effective_on, "
                          "reason, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQ_HISTORY_LIST] = "SELECT h.field, h.value, h.effective_on, h.reason, h.changed_at, "
                        "h.changed_by AS changed_by_id, u.display_name AS changed_by_name "
                        "FROM youth_history h LEFT JOIN users u ON u.id = h.changed_by "
                        "WHERE h.youth_id = ?1 ORDER BY h.effective_on, h.id",
    [SQ_NETWORK_INSERT] = "INSERT INTO network_members (youth_id, name, relation, contact, "
                          "has_custody, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQ_NETWORK_LIST] = "SELECT id, name, relation, contact, has_custody FROM "
                        "network_members WHERE youth_id = ?1 ORDER BY id",
    [SQ_NETWORK_GET] = "SELECT id, youth_id, name, relation, contact, has_custody FROM "
                       "network_members WHERE id = ?1",
    [SQ_NOMINATION_INSERT] =
        "INSERT INTO nominations (youth_id, name, relation, contact, note, preference, "
        "status, nominated_on, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
        "(SELECT coalesce(max(preference), 0) + 1 FROM nominations WHERE youth_id = ?1), "
        "'open', ?6, ?7, ?8)",
    [SQ_NOMINATION_LIST] = "SELECT " NOMINATION_COLUMNS " FROM nominations WHERE youth_id = ?1 "
                           "ORDER BY preference",
    [SQ_NOMINATION_GET] = "SELECT " NOMINATION_COLUMNS " FROM nominations WHERE id = ?1",
    [SQ_NOMINATION_SET_STATUS] = "UPDATE nominations SET status = ?2 WHERE id = ?1",
    [SQ_NOMINATION_FIRST_DATE] = "SELECT min(nominated_on) AS first FROM nominations WHERE "
                                 "youth_id = ?1",
    [SQ_ASSESSMENT_INSERT] =
        "INSERT INTO assessments (nomination_id, is_parent, adult, willing_to_cooperate, "
        "child_safe, own_load_manageable, reason, decision, assessed_by, assessed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    /* The latest assessment of each nomination of a young person. */
    [SQ_ASSESSMENT_LIST] =
        "SELECT a.id, a.nomination_id, a.is_parent, a.adult, a.willing_to_cooperate, "
        "a.child_safe, a.own_load_manageable, a.reason, a.decision, a.assessed_by, "
        "a.assessed_at, a.decline_confirmed_by, a.decline_confirmed_at, "
        "(SELECT count(*) FROM assessments x WHERE x.nomination_id = a.nomination_id AND "
        "(x.is_parent = 1 OR x.child_safe = 0)) AS ever_unsafe "
        "FROM assessments a JOIN nominations n ON n.id = a.nomination_id WHERE n.youth_id "
        "= ?1 AND a.id = (SELECT max(id) FROM assessments WHERE nomination_id = "
        "a.nomination_id)",
    [SQ_ASSESSMENT_CONFIRM_DECLINE] =
        "UPDATE assessments SET decline_confirmed_by = ?2, decline_confirmed_at = ?3 WHERE "
        "id = (SELECT max(id) FROM assessments WHERE nomination_id = ?1)",
    [SQ_AGREEMENT_INSERT] = "INSERT INTO parent_agreements (nomination_id, network_member_id, "
                            "answer, answered_on, recorded_by, recorded_at) VALUES (?1, ?2, ?3, "
                            "?4, ?5, ?6)",
    [SQ_AGREEMENT_LIST] = "SELECT p.nomination_id, p.network_member_id, m.name, p.answer, "
                          "p.answered_on FROM parent_agreements p JOIN network_members m ON "
                          "m.id = p.network_member_id JOIN nominations n ON n.id = "
                          "p.nomination_id WHERE n.youth_id = ?1 ORDER BY p.id",
    [SQ_JIM_INSERT] = "INSERT INTO jims (youth_id, nomination_id, user_id, name, relation, "
                      "started_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQ_JIM_GET] = "SELECT id, youth_id, nomination_id, user_id, name, relation, started_on, "
                   "ended_on, end_reason FROM jims WHERE id = ?1",
    [SQ_JIM_ACTIVE] = "SELECT id, youth_id, nomination_id, user_id, name, relation, started_on "
                      "FROM jims WHERE youth_id = ?1 AND ended_on IS NULL",
    [SQ_JIM_END] = "UPDATE jims SET ended_on = ?2, end_reason = ?3, end_note = ?4 WHERE id = "
                   "?1 AND ended_on IS NULL",
    [SQ_JIM_OF_USER] = "SELECT id AS jim_id, youth_id FROM jims WHERE user_id = ?1 AND "
                       "ended_on IS NULL",
    [SQ_USER_DISABLE] = "UPDATE users SET status = 'disabled' WHERE id = ?1",
    [SQ_CONSENT_INSERT] = "INSERT INTO consents (youth_id, scope, given_by, network_member_id, "
                          "given_on, recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                          "?7)",
    [SQ_CONSENT_LIST] = "SELECT c.id, c.scope, c.given_by, c.network_member_id, m.name AS "
                        "network_member_name, c.given_on, c.withdrawn_on FROM consents c LEFT "
                        "JOIN network_members m ON m.id = c.network_member_id WHERE c.youth_id = "
                        "?1 ORDER BY c.id",
    [SQ_CONSENT_GET] = "SELECT id, youth_id, scope, given_by, network_member_id, given_on, "
                       "withdrawn_on FROM consents WHERE id = ?1",
    [SQ_CONSENT_WITHDRAW] = "UPDATE consents SET withdrawn_on = ?2 WHERE id = ?1 AND "
                            "withdrawn_on IS NULL",
    /* ?1 youth, ?2 scope, ?3 today: which consents are in force today. */
    [SQ_CONSENT_IN_FORCE] =
        "SELECT EXISTS (SELECT 1 FROM consents c WHERE c.youth_id = ?1 AND c.scope = ?2 "
        "AND c.given_by = 'youth' AND c.given_on <= ?3 AND (c.withdrawn_on IS NULL OR "
        "c.withdrawn_on > ?3)) AS youth_ok, "
        "EXISTS (SELECT 1 FROM consents c JOIN network_members m ON m.id = "
        "c.network_member_id WHERE c.youth_id = ?1 AND c.scope = ?2 AND c.given_by = "
        "'custody_holder' AND m.has_custody = 1 AND c.given_on <= ?3 AND (c.withdrawn_on "
        "IS NULL OR c.withdrawn_on > ?3)) AS custody_ok",
    [SQ_GOAL_INSERT] = "INSERT INTO goals (youth_id, title, description, author_kind, "
                       "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQ_GOAL_LIST] = "SELECT id, title, description, author_kind, created_at FROM goals WHERE "
                     "youth_id = ?1 ORDER BY id",
    [SQ_GOAL_GET] = "SELECT id, youth_id, title, description, author_kind, created_at FROM "
                    "goals WHERE id = ?1",
    [SQ_ACTION_INSERT] = "INSERT INTO goal_actions (goal_id, description, owner, due_date, "
                         "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQ_ACTION_LIST] = "SELECT a.id, a.goal_id, a.description, a.owner, a.due_date FROM "
                       "goal_actions a JOIN goals g ON g.id = a.goal_id WHERE g.youth_id = ?1 "
                       "ORDER BY a.id",
    [SQ_VIEW_INSERT] = "INSERT INTO goal_views (goal_id, author_kind, user_id, text, "
                       "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    [SQ_VIEW_LIST] = "SELECT v.id, v.goal_id, v.author_kind, v.text, v.created_at FROM "
                     "goal_views v JOIN goals g ON g.id = v.goal_id WHERE g.youth_id = ?1 "
                     "ORDER BY v.id",
    [SQ_EVALUATION_INSERT] = "INSERT INTO evaluations (youth_id, held_on, participants, "
                             "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    [SQ_EVALUATION_LIST] = "SELECT id, held_on, participants FROM evaluations WHERE youth_id "
                           "= ?1 ORDER BY held_on, id",
    [SQ_EVALUATION_LAST] = "SELECT max(held_on) AS last FROM evaluations WHERE youth_id = ?1",
    [SQ_SCORE_INSERT] = "INSERT INTO evaluation_scores (evaluation_id, goal_id, score, "
                        "comment) VALUES (?1, ?2, ?3, ?4)",
    [SQ_SCORE_LIST] = "SELECT s.evaluation_id, s.goal_id, s.score, s.comment FROM "
                      "evaluation_scores s JOIN evaluations e ON e.id = s.evaluation_id WHERE "
                      "e.youth_id = ?1 ORDER BY e.held_on, e.id, s.goal_id",
    [SQ_JOURNAL_INSERT] = "INSERT INTO journal_entries (youth_id, occurred_on, kind, minutes, "
                          "text, shared, author_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                          "?6, ?7, ?8)",
    [SQ_JOURNAL_LIST] = "SELECT j.id, j.occurred_on, j.kind, j.minutes, j.text, j.shared, "
                        "j.author_id, u.display_name AS author_name, j.created_at FROM "
                        "journal_entries j LEFT JOIN users u ON u.id = j.author_id WHERE "
                        "j.youth_id = ?1 AND (?2 = 0 OR j.shared = 1) ORDER BY j.occurred_on "
                        "DESC, j.id DESC",
    [SQ_BREAK_GLASS_INSERT] = "INSERT INTO break_glass (youth_id, user_id, reason, granted_at, "
                              "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    /* ?1 teamlead, ?2 1 = only open */
    [SQ_BREAK_GLASS_LIST] =
        "SELECT b.id, b.youth_id, b.user_id, u.display_name, u.role, b.reason, "
        "b.granted_at, b.expires_at, b.reviewed_at, b.reviewed_by FROM break_glass b JOIN "
        "youths y ON y.id = b.youth_id JOIN users u ON u.id = b.user_id WHERE y.team_id IN "
        "(SELECT team_id FROM team_members WHERE user_id = ?1) AND (?2 = 0 OR "
        "b.reviewed_at IS NULL) ORDER BY b.id DESC",
    [SQ_BREAK_GLASS_GET] = "SELECT b.id, b.youth_id, b.user_id, u.display_name, u.role, "
                           "b.reason, b.granted_at, b.expires_at, b.reviewed_at, b.reviewed_by "
                           "FROM break_glass b JOIN users u ON u.id = b.user_id WHERE b.id = ?1",
    [SQ_BREAK_GLASS_REVIEW] = "UPDATE break_glass SET reviewed_by = ?2, reviewed_at = ?3, "
                              "review_note = ?4 WHERE id = ?1 AND reviewed_at IS NULL",
    /* ?1 youth, ?2 from, ?3 to (ISO ms text or NULL) */
    [SQ_ACCESS_LOG] =
        "SELECT e.at, e.user_id, u.display_name, e.role, o.name AS organisation, e.action, "
        "e.object_type AS part, (e.basis = 'break_glass') AS break_glass, e.outcome FROM "
        "audit_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN organisations o ON "
        "o.id = u.organisation_id WHERE e.youth_id = ?1 AND (?2 IS NULL OR e.at >= ?2) AND "
        "(?3 IS NULL OR e.at < ?3) ORDER BY e.id DESC LIMIT 1000",
    [SQ_YOUTH_OF_NOMINATION] = "SELECT youth_id FROM nominations WHERE id = ?1",
    [SQ_YOUTH_OF_JIM] = "SELECT youth_id FROM jims WHERE id = ?1",
    [SQ_YOUTH_OF_CONSENT] = "SELECT youth_id FROM consents WHERE id = ?1",
    [SQ_YOUTH_OF_GOAL] = "SELECT youth_id FROM goals WHERE id = ?1",
    [SQ_YOUTH_OF_BREAK_GLASS] = "SELECT youth_id FROM break_glass WHERE id = ?1",
};
