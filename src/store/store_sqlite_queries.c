/*
 * The SQL of every named query (store_query.h) for the SQLite engine.
 * Parameters are numbered (?1, ?2, …) in the order the callers pass them.
 */
#include "store/store_sqlite_queries.h"

#include "store/shared_columns.h"

#define YOUTH_COLUMNS                                                                              \
	"y.id, y.team_id, y.given_name, y.family_name, y.birth_date, y.bsn, y.municipality, "      \
	"y.legal_frame, y.living_situation, y.phase, y.phase_since, y.end_reason, y.started_on, "  \
	"y.closed_on, y.user_id, y.created_at"

#define NOMINATION_COLUMNS                                                                         \
	"id, youth_id, name, relation, contact, note, preference, status, nominated_on, "          \
	"created_at"

#define SEARCH_FILTER                                                                              \
	"FROM youths y WHERE y.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?1) "  \
	"AND ((?2 IS NULL AND ?5 IS NULL) OR y.name_key LIKE '%' || ?2 || '%' ESCAPE '\\' OR "     \
	"y.id = ?5) "                                                                              \
	"AND (?3 IS NULL OR y.team_id = ?3) AND (?4 IS NULL OR y.phase = ?4 OR (?4 = 'active' "    \
	"AND "                                                                                     \
	"y.phase <> 'closed')) "

/* SQ_NOMINATION_DECLINE_PENDING's rows, for its count too. */
#define DECLINE_PENDING_FILTER                                                                     \
	"FROM nominations n JOIN youths y ON y.id = n.youth_id JOIN assessments a ON a.id = "      \
	"(SELECT max(id) FROM assessments WHERE nomination_id = n.id) LEFT JOIN users u ON u.id "  \
	"= a.assessed_by WHERE n.status = 'decline_pending' AND y.team_id IN (SELECT team_id "     \
	"FROM team_members WHERE user_id = ?1) AND (?2 = 1 OR y.phase <> 'closed') "

/* An event of a young person's or a JIM's account other than this young
 * person's own and their JIMs' (a refused try at someone else's file): who
 * that was is not told in the file's access log (api/access_log.c). */
#define ACCESS_LOG_OUTSIDE_CIRCLE                                                                  \
	"(e.role IN ('youth', 'jim') AND e.user_id IS NOT NULL AND e.user_id IS NOT (SELECT "      \
	"y.user_id FROM youths y WHERE y.id = e.youth_id) AND NOT EXISTS (SELECT 1 FROM jims j "   \
	"WHERE j.youth_id = e.youth_id AND j.user_id = e.user_id))"
/* Who accessed a young person's file: the columns of SQ_ACCESS_LOG and SQ_ACCESS_LOG_ALL. */
#define ACCESS_LOG_COLUMNS                                                                         \
	"e.at, e.user_id, u.display_name, e.role, o.name AS organisation, e.action, "              \
	"e.object_type AS part, (e.basis IS 'break_glass') AS break_glass, "                       \
	"e.outcome, " ACCESS_LOG_OUTSIDE_CIRCLE " AS outside_circle "
#define ACCESS_LOG_FROM                                                                            \
	"FROM audit_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN organisations o ON "  \
	"o.id = u.organisation_id "
#define ACCESS_LOG_SELECT "SELECT " ACCESS_LOG_COLUMNS ACCESS_LOG_FROM
/* The events of SQ_ACCESS_LOG and SQ_ACCESS_LOG_ALL: every one about young
 * person ?1, the privacy officer's reads and exports of the audit trail
 * filtered on them too (the young person sees who read their events and who
 * took them out of kring). */
#define ACCESS_LOG_OF_YOUTH "WHERE e.youth_id = ?1 "
/* SQ_ACCESS_LOG's events of young person ?1 from ?2 to ?3 (NULL: open), not
 * of user ?4 (NULL: anyone's), that are (kind "IS 1") or are not ("IS NOT
 * 1") tries from outside the circle, newest first, at most n of them. `only`
 * is a condition the tries meet anyway, stated apart so that their half reads
 * the file's events of young people's and JIMs' accounts alone (the partial
 * index audit_events_youth_portal, migration 32), not all of its history. */
#define ACCESS_LOG_RANGE(kind, only, n)                                                            \
	"SELECT * FROM (SELECT e.id, " ACCESS_LOG_COLUMNS ACCESS_LOG_FROM ACCESS_LOG_OF_YOUTH      \
	"AND (?2 IS NULL OR e.at >= ?2) AND (?3 IS NULL OR e.at < ?3) AND (?4 IS NULL OR "         \
	"e.user_id IS NULL OR e.user_id <> ?4) AND " only ACCESS_LOG_OUTSIDE_CIRCLE " " kind       \
	" ORDER BY e.id DESC LIMIT " n ")"
#define ACCESS_LOG_PORTAL "e.role IN ('youth', 'jim') AND "

/* The selection of STATS_SELECTION over youth_facts, with the same parameters. */
#define FACTS_SELECTION                                                                            \
	"FROM youth_facts f WHERE (?1 IS NULL OR f.team_id IN (SELECT team_id FROM "               \
	"team_members WHERE user_id = ?1)) AND (?2 IS NULL OR f.team_id = ?2) AND (?3 IS "         \
	"NULL OR f.team_id IN (SELECT id FROM teams WHERE organisation_id = ?3)) AND (?4 IS "      \
	"NULL OR f.municipality = ?4) AND (?5 IS NULL OR f.started_on >= ?5) AND (?6 IS NULL "     \
	"OR f.started_on <= ?6) AND (?7 IS NULL OR (?7 = 'with') = (f.had_jim <> 0)) "
/* "col belongs to a young person whose facts are being refreshed". */
#define FACTS_CLAIMED(col) col " IN (SELECT youth_id FROM stats_dirty WHERE claimed = 1) "

const char *const sqlite_query_sql[SQ_COUNT] = {
    /* youths.id is AUTOINCREMENT, its sequence started above every destroyed
       file's id (migration 22): a destroyed file's number is never given to the
       next young person. */
    [SQ_YOUTH_INSERT] =
        "INSERT INTO youths (team_id, given_name, family_name, birth_date, bsn, municipality, "
        "legal_frame, living_situation, phase, phase_since, started_on, created_by, "
        "created_at, name_key, sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'jim_search', "
        "?9, ?9, ?10, ?11, ?12, ?13)",
    [SQ_YOUTH_GET] = "SELECT " YOUTH_COLUMNS ", t.name AS team_name, "
                     "(SELECT min(nominated_on) FROM nominations n WHERE n.youth_id = y.id) "
                     "AS first_nominated_on FROM youths y JOIN teams t ON t.id = y.team_id "
                     "WHERE y.id = ?1",
    [SQ_YOUTH_SEARCH] = "SELECT y.id, y.given_name, y.family_name, y.birth_date, y.team_id, "
                        "y.phase, (SELECT j.name FROM jims j WHERE j.youth_id = y.id AND "
                        "j.ended_on IS NULL) AS jim_name, count(*) OVER () AS total " SEARCH_FILTER
                        "ORDER BY y.sort_key, y.id LIMIT ?6 OFFSET ?7",
    [SQ_YOUTH_COUNT] = "SELECT count(*) AS total " SEARCH_FILTER,
    [SQ_YOUTH_UPDATE_PERSONAL] = "UPDATE youths SET given_name = ?2, family_name = ?3, "
                                 "birth_date = ?4, bsn = ?5, municipality = ?6, name_key = ?7, "
                                 "sort_key = ?8 WHERE id = ?1",
    [SQ_YOUTH_NAME_KEYS_MISSING] =
        "SELECT id, given_name, family_name FROM youths WHERE name_key IS NULL OR sort_key IS "
        "NULL ORDER BY id",
    [SQ_YOUTH_SET_NAME_KEY] = "UPDATE youths SET name_key = ?2, sort_key = ?3 WHERE id = ?1",
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
                        "network_members WHERE youth_id = ?1 AND removed_at IS NULL ORDER BY id",
    [SQ_NETWORK_GET] = "SELECT id, youth_id, name, relation, contact, has_custody FROM "
                       "network_members WHERE id = ?1 AND removed_at IS NULL",
    [SQ_NETWORK_UPDATE] = "UPDATE network_members SET name = ?2, relation = ?3, contact = ?4, "
                          "has_custody = ?5 WHERE id = ?1 AND removed_at IS NULL",
    [SQ_NETWORK_REMOVE] = "UPDATE network_members SET removed_at = ?2, removed_by = ?3, "
                          "removed_reason = ?4 WHERE id = ?1 AND removed_at IS NULL",
    [SQ_NETWORK_REFERENCES] =
        "SELECT (SELECT count(*) FROM consents WHERE network_member_id = ?1) AS consents, "
        "(SELECT count(*) FROM parent_agreements WHERE network_member_id = ?1) AS agreements",
    [SQ_NETWORK_CHANGE_INSERT] =
        "INSERT INTO network_member_changes (youth_id, member_id, field, old_value, new_value, "
        "reason, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
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
    /* Every assessment of each nomination of a young person, oldest first (the
     * latest of a nomination is its max(id)), with the names of the people in it. */
    [SQ_ASSESSMENT_LIST] =
        "SELECT " ASSESSMENT_COLUMNS "WHERE n.youth_id = ?1 ORDER BY a.nomination_id, a.id",
    [SQ_ASSESSMENT_CONFIRM_DECLINE] =
        "UPDATE assessments SET decline_confirmed_by = ?2, decline_confirmed_at = ?3 WHERE "
        "id = (SELECT max(id) FROM assessments WHERE nomination_id = ?1)",
    [SQ_ASSESSMENT_RETURN_DECLINE] =
        "UPDATE assessments SET decline_returned_by = ?2, decline_returned_at = ?3, "
        "decline_return_reason = ?4 WHERE id = (SELECT max(id) FROM assessments WHERE "
        "nomination_id = ?1)",
    /* Declines waiting for a teamlead's second look, on the teams of user ?1;
     * young people whose trajectory is closed only when ?2 is 1; oldest first,
     * ?3 rows from row ?4, each with the number of rows over all pages. */
    [SQ_NOMINATION_DECLINE_PENDING] =
        "SELECT n.id, n.youth_id, y.given_name, y.family_name, y.team_id, n.name, n.relation, "
        "a.reason, a.assessed_at, a.assessed_by, u.display_name AS assessed_by_name, count(*) "
        "OVER () AS total " DECLINE_PENDING_FILTER "ORDER BY a.assessed_at, n.id LIMIT ?3 "
        "OFFSET ?4",
    [SQ_NOMINATION_DECLINE_PENDING_COUNT] = "SELECT count(*) AS total " DECLINE_PENDING_FILTER,
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
    [SQ_JIM_ENDED_OF_YOUTH] = "SELECT id FROM jims WHERE youth_id = ?1 AND user_id = ?2 AND "
                              "ended_on IS NOT NULL LIMIT 1",
    /* The accounts circle_user() in api/meetings.c takes as a participant. */
    [SQ_YOUTH_CIRCLE] =
        "SELECT u.id, u.display_name, u.role FROM users u WHERE u.status IN "
        "('active','invited') AND ((u.role IN ('professional','teamlead') AND u.id IN (SELECT "
        "m.user_id FROM team_members m JOIN youths y ON y.team_id = m.team_id WHERE y.id = ?1)) "
        "OR (u.role = 'jim' AND u.id IN (SELECT j.user_id FROM jims j WHERE j.youth_id = ?1 "
        "AND j.ended_on IS NULL)) OR (u.role = 'youth' AND u.id IN (SELECT y.user_id FROM "
        "youths y WHERE y.id = ?1))) ORDER BY u.display_name, u.id",
    [SQ_USER_DISABLE] = "UPDATE users SET status = 'disabled' WHERE id = ?1",
    [SQ_USER_REINVITE] = "UPDATE users SET status = 'invited', password_hash = NULL, "
                         "totp_secret = NULL, totp_last_step = NULL WHERE id = ?1",
    [SQ_USER_SESSIONS_END] = "DELETE FROM sessions WHERE user_id = ?1",
    [SQ_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ?2 WHERE id = ?1 AND status = "
                             "'active'",
    [SQ_USER_OTHER_SESSIONS_END] = "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2",
    [SQ_TOTP_SEALED_LIST] =
        "SELECT id, username, totp_secret FROM users WHERE substr(totp_secret, 1, 3) = "
        "'k1:' ORDER BY id",
    [SQ_TOTP_PLAIN_LIST] =
        "SELECT id, username, totp_secret FROM users WHERE totp_secret IS NOT NULL AND "
        "substr(totp_secret, 1, 3) <> 'k1:' ORDER BY id",
    [SQ_TOTP_SEAL] = "UPDATE users SET totp_secret = ?2 WHERE id = ?1 AND totp_secret = ?3",
    [SQ_TOTP_CLEAR] = "UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = "
                      "?1 AND totp_secret = ?2",
    [SQ_TOTP_ALL_LIST] = "SELECT id, username, totp_secret FROM users WHERE totp_secret IS NOT "
                         "NULL ORDER BY id",
    /* Live: as session_resolve() decides, neither past the absolute nor the idle limit. */
    [SQ_MY_SESSIONS] = "SELECT id, created_at, last_seen_at, device_browser AS browser, "
                       "device_os AS os, token_hash = ?2 AS current FROM sessions WHERE "
                       "user_id = ?1 AND expires_at > ?3 AND last_seen_at > ?3 - ?4 ORDER BY "
                       "token_hash = ?2 DESC, last_seen_at DESC, id DESC",
    [SQ_MY_SESSION_FIND] = "SELECT user_id = ?2 AS mine, token_hash = ?3 AS current FROM "
                           "sessions WHERE id = ?1 AND expires_at > ?4 AND last_seen_at > ?4 - "
                           "?5",
    [SQ_MY_SESSION_END] = "DELETE FROM sessions WHERE id = ?1 AND user_id = ?2",
    [SQ_SESSION_REAUTHENTICATED] =
        "UPDATE sessions SET authenticated_at = ?2 WHERE token_hash = ?1",
    [SQ_TEAM_REMOVE_MEMBER] = "DELETE FROM team_members WHERE team_id = ?1 AND user_id = ?2",
    [SQ_USER_SET_ROLE] = "UPDATE users SET role = ?2 WHERE id = ?1 AND role = ?3",
    [SQ_USER_LEAVE_TEAMS] = "DELETE FROM team_members WHERE user_id = ?1",
    /* a write transaction holds the whole database: no other change comes between */
    [SQ_USER_ROLE_HELD] = "SELECT role, organisation_id FROM users WHERE id = ?1",
    /* Claims a TOTP time step for a user: changes a row only if it is newer than the last. */
    [SQ_TOTP_STEP_CLAIM] = "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND "
                           "(totp_last_step IS NULL OR totp_last_step < ?2)",
    [SQ_LOGIN_DEVICE_FIND] = "SELECT d.id FROM login_devices d JOIN users u ON u.id = d.user_id "
                             "WHERE d.token_hash = ?1 AND u.username = ?2 AND d.last_used_at >= ?3",
    [SQ_LOGIN_DEVICE_FAILURES] =
        "SELECT count(*) AS n, min(at) AS oldest FROM audit_events WHERE action = 'login_failed' "
        "AND object_type = 'login_device' AND object_id = ?1 AND at >= ?2",
    [SQ_LOGIN_DEVICE_ADD] = "INSERT INTO login_devices (user_id, token_hash, created_at, "
                            "last_used_at) VALUES (?1, ?2, ?3, ?3)",
    [SQ_LOGIN_DEVICE_TOUCH] = "UPDATE login_devices SET last_used_at = ?2 WHERE id = ?1",
    [SQ_LOGIN_DEVICE_PRUNE] =
        "DELETE FROM login_devices WHERE user_id = ?1 AND (last_used_at < ?2 OR id NOT IN "
        "(SELECT id FROM login_devices WHERE user_id = ?1 ORDER BY last_used_at DESC, id DESC "
        "LIMIT 19))",
    [SQ_LOGIN_DEVICES_FORGET] = "DELETE FROM login_devices WHERE user_id = ?1",
    [SQ_LOGIN_DEVICES_UNUSED] = "DELETE FROM login_devices WHERE last_used_at < ?1",
    [SQ_METRICS_AUDIT_EVENTS] = "SELECT coalesce(max(id), 0) AS n FROM audit_events",
    [SQ_METRICS_OPEN_ALERTS] =
        "SELECT count(*) AS n FROM alerts al JOIN youths y ON y.id = al.youth_id WHERE "
        "al.acknowledged_at IS NULL AND y.phase <> 'closed'",
    YOUTH_DATA_TABLES(YOUTH_TABLE_QUERY_SQL, "?1")[SQ_RIGHTS_INSERT] =
        "INSERT INTO subject_requests (youth_id, kind, requested_by, received_on, due_on, note, "
        "status, registered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "'open', ?7, ?8)",
    [SQ_RIGHTS_LIST] =
        "SELECT id, youth_id, kind, requested_by, received_on, due_on, note, status, closed_on, "
        "decision FROM subject_requests WHERE (?1 IS NULL OR status = ?1) ORDER BY "
        "status <> 'open', due_on, id",
    [SQ_RIGHTS_GET] = "SELECT id, youth_id, kind, requested_by, received_on, due_on, note, status "
                      "FROM subject_requests WHERE id = ?1",
    [SQ_RIGHTS_CLOSE] = "UPDATE subject_requests SET status = ?2, closed_on = ?3, closed_by "
                        "= ?4, decision = ?5 WHERE id = ?1 AND status = 'open'",
    [SQ_DEMO_SEEDED] =
        "SELECT count(*) AS n FROM (SELECT action, user_id, reason FROM audit_events "
        "ORDER BY id LIMIT 1000) WHERE action = 'create' AND user_id IS NULL AND reason = ?1",
    [SQ_RIGHTS_FORGET_NOTES] =
        "UPDATE subject_requests SET note = NULL, decision = NULL WHERE youth_id = ?1",
    [SQ_YOUTH_STATEMENT_INSERT] =
        "INSERT INTO youth_statements (youth_id, text, written_by, created_at) "
        "VALUES (?1, ?2, ?3, ?4)",
    [SQ_YOUTH_STATEMENT_LIST] =
        "SELECT s.id, s.text, s.created_at, u.display_name AS written_by FROM youth_statements s "
        "LEFT JOIN users u ON u.id = s.written_by WHERE s.youth_id = ?1 ORDER BY s.created_at, "
        "s.id",
    [SQ_DESTROY_ACCOUNTS_OF] = "SELECT user_id FROM youths WHERE id = ?1 AND user_id IS NOT NULL "
                               "UNION SELECT user_id FROM jims WHERE youth_id = ?1",
    [SQ_DESTROY_USER_INVITATIONS] = "DELETE FROM invitations WHERE user_id = ?1",
    [SQ_DESTROY_USER_TEAMS] = "DELETE FROM team_members WHERE user_id = ?1",
    [SQ_DESTROY_USER_PARTICIPATION] =
        "UPDATE meeting_participants SET user_id = NULL, name = 'verwijderd' WHERE user_id = ?1",
    [SQ_DESTROY_USER_ACTIONS] = "UPDATE meeting_actions SET owner_user_id = NULL, owner_name = "
                                "'verwijderd' WHERE owner_user_id = ?1",
    [SQ_FACTS_MARK] = "INSERT INTO stats_dirty (youth_id, claimed) VALUES (?1, 0) ON CONFLICT "
                      "(youth_id) DO UPDATE SET claimed = 0",
    [SQ_DESTROY_USER_VIEWS] = "UPDATE goal_views SET user_id = NULL WHERE user_id = ?1",
    [SQ_DESTROY_USER_ANONYMISE] =
        "UPDATE users SET username = 'removed-' || id, display_name = 'verwijderd', status = "
        "'disabled', password_hash = NULL, totp_secret = NULL WHERE id = ?1",
    [SQ_DESTRUCTION_RECORD] = "INSERT INTO destructions (youth_id, destroyed_on, request_id, "
                              "approved_by) VALUES (?1, ?2, ?3, ?4)",
    [SQ_RETENTION_CLOSED] =
        "SELECT id, legal_frame, closed_on FROM youths WHERE closed_on IS NOT NULL ORDER BY id",
    [SQ_RETENTION_OF] = "SELECT id, legal_frame, closed_on FROM youths WHERE id = ?1",
    [SQ_CORRECTION_INSERT] =
        "INSERT INTO youth_corrections (youth_id, field, old_value, new_value, "
        "reason, corrected_by, corrected_at) VALUES (?1, ?2, "
        "?3, ?4, ?5, ?6, ?7)",
    [SQ_CORRECTION_LIST] =
        "SELECT c.field, c.old_value, c.new_value, c.reason, c.corrected_at, u.display_name AS "
        "corrected_by FROM youth_corrections c LEFT JOIN users u ON u.id = c.corrected_by WHERE "
        "c.youth_id = ?1 ORDER BY c.corrected_at, c.id",
    [SQ_RIGHTS_OF_YOUTH] =
        "SELECT id, kind, requested_by, received_on, due_on, note, status, registered_by, "
        "created_at, closed_on, closed_by, decision FROM subject_requests WHERE youth_id = ?1 "
        "ORDER BY id",
    [SQ_EXPORT_PEOPLE] = "SELECT u.id, u.display_name, u.role FROM json_each(?1) j JOIN users u ON "
                         "u.id = j.value ORDER BY j.key",
    [SQ_INVITATIONS_REVOKE] =
        "UPDATE invitations SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
    [SQ_CONSENT_INSERT] = "INSERT INTO consents (youth_id, scope, given_by, network_member_id, "
                          "given_on, recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                          "?7)",
    /* ?1 youth, ?2 scope, ?3 given_by, ?4 network member or NULL, ?5 given_on */
    [SQ_CONSENT_STANDING] = "SELECT id FROM consents WHERE youth_id = ?1 AND scope = ?2 AND "
                            "given_by = ?3 AND network_member_id IS ?4 AND given_on = ?5 AND "
                            "withdrawn_on IS NULL LIMIT 1",
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
                       "created_by, created_at, agreed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQ_GOAL_LIST] = "SELECT " GOAL_COLUMNS " FROM goals WHERE youth_id = ?1 ORDER BY id",
    [SQ_GOAL_GET] = "SELECT youth_id, " GOAL_COLUMNS " FROM goals WHERE id = ?1",
    [SQ_GOAL_LOCK] = "SELECT id FROM goals WHERE id = ?1",
    [SQ_GOAL_UPDATE] = "UPDATE goals SET title = ?2, description = ?3, agreed_on = ?4, status = "
                       "?5, ended_on = ?6 WHERE id = ?1",
    [SQ_GOAL_SCORED] = "SELECT min(e.held_on) AS first, max(e.held_on) AS last FROM "
                       "evaluation_scores s JOIN evaluations e ON e.id = s.evaluation_id WHERE "
                       "s.goal_id = ?1",
    [SQ_ACTION_INSERT] = "INSERT INTO goal_actions (goal_id, description, owner, due_date, "
                         "created_by, created_at, owner_kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [SQ_ACTION_LIST] = "SELECT a.id, a.goal_id, a.description, a.owner, a.owner_kind, a.due_date, "
                       "a.done_at, a.done_by, u.display_name AS done_by_name FROM goal_actions a "
                       "JOIN goals g ON g.id = a.goal_id LEFT JOIN users u ON u.id = a.done_by "
                       "WHERE g.youth_id = ?1 ORDER BY a.id",
    [SQ_ACTION_GET] = "SELECT a.id, a.goal_id, a.description, a.owner, a.owner_kind, a.due_date, "
                      "a.done_at, a.done_by, u.display_name AS done_by_name FROM goal_actions a "
                      "LEFT JOIN users u ON u.id = a.done_by WHERE a.id = ?1",
    [SQ_ACTION_DONE] = "UPDATE goal_actions SET done_at = ?2, done_by = ?3 WHERE id = ?1 AND "
                       "done_at IS NULL",
    [SQ_ACTION_UNDONE] = "UPDATE goal_actions SET done_at = NULL, done_by = NULL WHERE id = ?1 "
                         "AND done_at IS NOT NULL",
    [SQ_ACTION_LOCK] = "SELECT id FROM goal_actions WHERE id = ?1",
    [SQ_ACTION_UPDATE] = "UPDATE goal_actions SET description = ?2, owner = ?3, owner_kind = ?4, "
                         "due_date = ?5 WHERE id = ?1",
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
        "SELECT b.id, b.youth_id, y.given_name || ' ' || y.family_name AS youth_name, b.user_id, "
        "u.display_name, u.role, b.reason, "
        "b.granted_at, b.expires_at, b.reviewed_at, b.reviewed_by, r.display_name AS "
        "reviewed_by_name, b.review_note FROM break_glass b JOIN "
        "youths y ON y.id = b.youth_id JOIN users u ON u.id = b.user_id LEFT JOIN users r ON r.id "
        "= b.reviewed_by WHERE y.team_id IN "
        "(SELECT team_id FROM team_members WHERE user_id = ?1) AND (?2 = 0 OR "
        "b.reviewed_at IS NULL) ORDER BY b.id DESC",
    [SQ_BREAK_GLASS_GET] =
        "SELECT b.id, b.youth_id, b.user_id, u.display_name, u.role, "
        "b.reason, b.granted_at, b.expires_at, b.reviewed_at, b.reviewed_by, r.display_name AS "
        "reviewed_by_name, b.review_note FROM break_glass b JOIN users u ON u.id = b.user_id LEFT "
        "JOIN users r ON r.id = b.reviewed_by WHERE b.id = ?1",
    [SQ_BREAK_GLASS_REVIEW] = "UPDATE break_glass SET reviewed_by = ?2, reviewed_at = ?3, "
                              "review_note = ?4 WHERE id = ?1 AND reviewed_at IS NULL",
    /* ?1 youth, ?2 caller, ?3 now (epoch seconds) */
    [SQ_BREAK_GLASS_UNTIL] = "SELECT MAX(expires_at) AS expires_at FROM break_glass WHERE "
                             "youth_id = ?1 AND user_id = ?2 AND expires_at > ?3",
    /* ?1 youth, ?2 from, ?3 to (ISO ms text or NULL), ?4 user left out or NULL.
       The newest 1001 events that are not tries from outside the circle and,
       apart from them, the newest 201 tries, newest first: a flood of tries
       cannot push the reads out. One row of each past the caps of
       api/access_log.c (1000, 200) says whether some were left out. */
    [SQ_ACCESS_LOG] =
        "SELECT at, user_id, display_name, role, organisation, action, part, "
        "break_glass, outcome, outside_circle FROM (" ACCESS_LOG_RANGE(
            "IS NOT 1", "", "1001") " UNION ALL " ACCESS_LOG_RANGE("IS 1", ACCESS_LOG_PORTAL,
                                                                   "201") ") ORDER BY id DESC",
    [SQ_ACCESS_LOG_ALL] = ACCESS_LOG_SELECT ACCESS_LOG_OF_YOUTH "ORDER BY e.id DESC",
    [SQ_YOUTH_OF_NOMINATION] = "SELECT youth_id FROM nominations WHERE id = ?1",
    [SQ_YOUTH_OF_JIM] = "SELECT youth_id, user_id AS jim_user_id FROM jims WHERE id = ?1",
    [SQ_YOUTH_OF_CONSENT] = "SELECT youth_id FROM consents WHERE id = ?1",
    [SQ_YOUTH_OF_GOAL] = "SELECT youth_id FROM goals WHERE id = ?1",
    [SQ_YOUTH_OF_BREAK_GLASS] = "SELECT youth_id FROM break_glass WHERE id = ?1",
};

/* The teams of user ?1 (and only team ?2 when not NULL). */
#define CALLER_TEAMS                                                                               \
	"(SELECT team_id FROM team_members WHERE user_id = ?1 AND (?2 IS NULL OR team_id = ?2))"

const char *const sqlite_query_sql_jim[SQ_COUNT] = {
    [SQ_YOUTH_OF_ACTIVITY] = "SELECT j.youth_id, j.user_id AS jim_user_id FROM jim_activities a "
                             "JOIN jims j ON j.id = a.jim_id WHERE a.id = ?1 AND a.deleted_at IS "
                             "NULL",
    [SQ_YOUTH_OF_COST] = "SELECT j.youth_id, j.user_id AS jim_user_id FROM jim_costs c JOIN "
                         "jims j ON j.id = c.jim_id WHERE c.id = ?1 AND c.deleted_at IS NULL",
    [SQ_YOUTH_OF_STATEMENT] = "SELECT j.youth_id, j.user_id AS jim_user_id FROM "
                              "expense_statements s JOIN jims j ON j.id = s.jim_id WHERE s.id = ?1",
    [SQ_YOUTH_OF_MEETING] = "SELECT youth_id FROM meetings WHERE id = ?1",
    [SQ_YOUTH_OF_MEETING_ACTION] = "SELECT m.youth_id, a.owner_user_id FROM meeting_actions a "
                                   "JOIN meetings m ON m.id = a.meeting_id WHERE a.id = ?1",
    [SQ_YOUTH_OF_ALERT] = "SELECT youth_id FROM alerts WHERE id = ?1",
    [SQ_YOUTH_OF_NETWORK_MEMBER] = "SELECT youth_id FROM network_members WHERE id = ?1",
    [SQ_YOUTH_OF_GOAL_ACTION] = "SELECT g.youth_id FROM goal_actions a JOIN goals g ON g.id = "
                                "a.goal_id WHERE a.id = ?1",
    [SQ_SETTINGS_GET] = "SELECT km_rate_cents, checkin_interval_days, checkin_grace_days, "
                        "load_hours_per_week, load_weeks_high, load_weeks_window, inactive_days "
                        "FROM organisation_settings WHERE organisation_id = ?1",
    [SQ_SETTINGS_PUT] =
        "INSERT INTO organisation_settings (organisation_id, km_rate_cents, "
        "checkin_interval_days, checkin_grace_days, load_hours_per_week, load_weeks_high, "
        "load_weeks_window, inactive_days, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9) ON CONFLICT (organisation_id) DO UPDATE SET km_rate_cents = ?2, "
        "checkin_interval_days = ?3, checkin_grace_days = ?4, load_hours_per_week = ?5, "
        "load_weeks_high = ?6, load_weeks_window = ?7, inactive_days = ?8, updated_at = ?9",
    [SQ_SETTINGS_OF_JIM] =
        "SELECT t.organisation_id, s.km_rate_cents, s.checkin_interval_days, "
        "s.checkin_grace_days, s.load_hours_per_week, s.load_weeks_high, "
        "s.load_weeks_window, s.inactive_days, j.started_on, j.youth_id, j.name, "
        "j.ended_on, y.phase FROM jims j JOIN youths y ON y.id = j.youth_id "
        "JOIN teams t ON t.id = y.team_id LEFT JOIN organisation_settings s "
        "ON s.organisation_id = t.organisation_id "
        "WHERE j.id = ?1",
    [SQ_ACTIVITY_INSERT] = "INSERT INTO jim_activities (jim_id, date, minutes, km_tenths, kind, "
                           "note, entered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [SQ_ACTIVITY_GET] = "SELECT " ACTIVITY_COLUMNS "WHERE a.id = ?1 AND a.deleted_at IS NULL",
    [SQ_ACTIVITY_LIST] = "SELECT " ACTIVITY_COLUMNS
                         "WHERE a.jim_id = ?1 AND a.deleted_at IS NULL AND (?2 IS NULL OR "
                         "a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3) ORDER BY a.date DESC, "
                         "a.id DESC LIMIT 1000",
    [SQ_ACTIVITY_UPDATE] = "UPDATE jim_activities SET date = ?2, minutes = ?3, km_tenths = ?4, "
                           "kind = ?5, note = ?6, updated_at = ?7, changed_by = ?8 WHERE id = ?1 "
                           "AND deleted_at IS NULL",
    [SQ_ACTIVITY_DELETE] = "UPDATE jim_activities SET deleted_at = ?2, changed_by = ?3 WHERE id = "
                           "?1 AND deleted_at IS NULL",
    [SQ_ACTIVITY_RANGE] = "SELECT id, date, minutes, km_tenths, kind, note FROM jim_activities "
                          "WHERE jim_id = ?1 AND deleted_at IS NULL AND date >= ?2 AND date <= "
                          "?3 ORDER BY date, id",
    [SQ_ACTIVITY_LAST_DATE] = "SELECT max(date) AS last FROM jim_activities WHERE jim_id = ?1 "
                              "AND deleted_at IS NULL",
    [SQ_TEAM_JIM_TOTALS] =
        "SELECT j.id AS jim_id, j.name AS jim_name, j.youth_id, y.given_name || ' ' || "
        "y.family_name AS youth_name, coalesce(sum(a.minutes), 0) AS minutes, "
        "coalesce(sum(a.km_tenths), 0) AS km_tenths, count(a.id) AS "
        "activities FROM jims j JOIN youths y ON y.id = j.youth_id LEFT JOIN jim_activities "
        "a ON a.jim_id = j.id AND a.deleted_at IS NULL AND a.date >= ?2 AND a.date <= ?3 "
        "WHERE y.team_id = ?1 AND j.ended_on IS NULL AND y.phase <> 'closed' GROUP BY j.id, y.id "
        "ORDER BY j.name, j.id",
    [SQ_COST_INSERT] = "INSERT INTO jim_costs (jim_id, date, amount_cents, description, "
                       "receipt_note, entered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                       "?7)",
    [SQ_COST_GET] = "SELECT " COST_COLUMNS "WHERE c.id = ?1 AND c.deleted_at IS NULL",
    [SQ_COST_RANGE] = "SELECT " COST_COLUMNS "WHERE c.jim_id = ?1 AND c.deleted_at IS NULL AND "
                      "c.date >= ?2 AND c.date <= ?3 ORDER BY c.date, c.id",
    [SQ_COST_DELETE] = "UPDATE jim_costs SET deleted_at = ?2, deleted_by = ?3 WHERE id = ?1 AND "
                       "deleted_at IS NULL",
    /* SQLite: the write transaction (BEGIN IMMEDIATE) already holds the database */
    [SQ_YOUTH_LOCK] = "SELECT id FROM youths WHERE id = ?1",
    [SQ_YOUTH_LOCK_DESTROY] = "SELECT id FROM youths WHERE id = ?1",
    [SQ_NOMINATION_LOCK] = "SELECT id FROM nominations WHERE id = ?1",
    [SQ_NETWORK_LOCK] = "SELECT id, youth_id, name, relation, contact, has_custody FROM "
                        "network_members WHERE id = ?1 AND removed_at IS NULL",
    [SQ_NETWORK_CHANGE_LIST] =
        "SELECT c.field, c.old_value, c.new_value, c.reason, c.changed_at, c.changed_by, "
        "u.display_name AS changed_by_name FROM network_member_changes c LEFT "
        "JOIN users u ON u.id = c.changed_by WHERE c.member_id = ?1 AND c.youth_id = ?2 ORDER BY "
        "c.id DESC",
    [SQ_NETWORK_REMOVAL] =
        "SELECT m.removed_at, m.removed_by, u.display_name AS removed_by_name, m.removed_reason "
        "FROM network_members m LEFT JOIN users u ON u.id = m.removed_by WHERE m.id = ?1 AND "
        "m.youth_id = ?2",
    [SQ_NETWORK_REMOVED_LIST] =
        "SELECT m.id, m.name, m.relation, m.contact, m.has_custody, m.removed_at, m.removed_by, "
        "u.display_name AS removed_by_name, m.removed_reason FROM network_members m LEFT JOIN "
        "users u ON u.id = m.removed_by WHERE m.youth_id = ?1 AND m.removed_at IS NOT NULL "
        "ORDER BY m.removed_at DESC, m.id DESC",
    [SQ_JIM_LOCK] = "SELECT id FROM jims WHERE id = ?1",
    [SQ_JIM_LOCK_OF_ACTIVITY] = "SELECT jim_id AS id FROM jim_activities WHERE id = ?1",
    [SQ_JIM_LOCK_OF_COST] = "SELECT jim_id AS id FROM jim_costs WHERE id = ?1",
    [SQ_STATEMENT_OVERLAP] = "SELECT count(*) AS n FROM expense_statements WHERE jim_id = ?1 "
                             "AND status IN ('submitted','approved') AND NOT (period_to < ?2 OR "
                             "period_from > ?3)",
    [SQ_STATEMENT_INSERT] =
        "INSERT INTO expense_statements (jim_id, period_from, period_to, km_tenths, "
        "rate_cents_per_km, km_amount_cents, other_costs_cents, total_cents, lines, status, "
        "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'submitted', "
        "?10, ?11)",
    [SQ_STATEMENT_GET] = "SELECT " STATEMENT_COLUMNS ", s.lines" STATEMENT_FROM "WHERE s.id = ?1",
    [SQ_STATEMENT_LIST] = "SELECT " STATEMENT_COLUMNS STATEMENT_FROM
                          "WHERE s.jim_id = ?1 ORDER BY s.period_from DESC, s.id DESC",
    [SQ_STATEMENT_DECIDE] = "UPDATE expense_statements SET status = ?2, decided_by = ?3, "
                            "decided_at = ?4, decision_note = ?5 WHERE id = ?1 AND status = "
                            "'submitted'",
    [SQ_STATEMENT_OWN_WORK] =
        "SELECT s.created_by = ?2 OR EXISTS (SELECT 1 FROM jim_activities a WHERE a.jim_id = "
        "s.jim_id AND a.date BETWEEN s.period_from AND s.period_to AND (a.entered_by = ?2 OR "
        "EXISTS (SELECT 1 FROM jim_activity_changes ch WHERE ch.activity_id = a.id AND "
        "ch.changed_by = ?2))) OR EXISTS (SELECT 1 FROM jim_activity_changes ch JOIN "
        "jim_activities a ON a.id = ch.activity_id WHERE a.jim_id = s.jim_id AND ch.changed_by "
        "= ?2 AND ch.old_date BETWEEN s.period_from AND s.period_to) OR EXISTS (SELECT 1 FROM "
        "jim_costs c WHERE c.jim_id = s.jim_id "
        "AND ((c.entered_by = ?2 AND c.deleted_at IS NULL) OR c.deleted_by = ?2) "
        "AND c.date BETWEEN s.period_from AND s.period_to) AS own, "
        "s.status FROM expense_statements s WHERE s.id = ?1",
    [SQ_ACTIVITY_CHANGE_INSERT] = "INSERT INTO jim_activity_changes (activity_id, changed_by, "
                                  "changed_at, old_date, new_date) VALUES (?1, ?2, ?3, ?4, ?5)",
    [SQ_CHECKIN_INSERT] = "INSERT INTO jim_checkins (jim_id, checked_on, wellbeing, burden, "
                          "wants_to_continue, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                          "?7)",
    [SQ_CHECKIN_GET] = "SELECT id, jim_id, checked_on, wellbeing, burden, wants_to_continue AS "
                       "\"continue\", note, created_at FROM jim_checkins WHERE id = ?1",
    [SQ_CHECKIN_LIST] = "SELECT id, jim_id, checked_on, wellbeing, burden, wants_to_continue AS "
                        "\"continue\", note, created_at FROM jim_checkins WHERE jim_id = ?1 "
                        "ORDER BY checked_on DESC, id DESC LIMIT 200",
    [SQ_CHECKIN_RECENT] = "SELECT id, checked_on, wellbeing, wants_to_continue AS \"continue\" "
                          "FROM jim_checkins WHERE jim_id = ?1 ORDER BY checked_on DESC, id "
                          "DESC LIMIT 20",
    [SQ_ALERT_RAISED] =
        "SELECT id, resolution FROM alerts WHERE jim_id = ?1 AND kind = ?2 AND key = ?3",
    /* SQLite: the write transaction (BEGIN IMMEDIATE) already holds the database, so
     * alert ids are given out in the order their transactions commit */
    [SQ_ALERT_RAISE_LOCK] = "SELECT 1 AS locked",
    [SQ_ALERT_INSERT] = "INSERT INTO alerts (jim_id, youth_id, kind, key, detail, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (jim_id, kind, key) DO "
                        "NOTHING",
    /* ?1 caller, ?2 team or NULL, ?3 'open' | 'acknowledged' | 'all', ?4 most rows,
     * ?5 only ids below it (keyset paging: a page's cursor, INT64_MAX for the first);
     * not the alerts of a closed trajectory's JIM, whom the team no longer supports */
    [SQ_ALERT_LIST] = "SELECT " ALERT_COLUMNS "WHERE "
                      "y.team_id IN " CALLER_TEAMS " AND y.phase <> 'closed' AND (?3 = 'all' "
                      "OR (?3 = 'open' AND "
                      "al.acknowledged_at IS NULL) OR (?3 = 'acknowledged' AND "
                      "al.acknowledged_at IS NOT NULL)) AND al.id < ?5 ORDER BY al.id DESC "
                      "LIMIT ?4",
    [SQ_ALERT_GET] = "SELECT " ALERT_COLUMNS "WHERE al.id = ?1",
    [SQ_ALERT_ACK] = "UPDATE alerts SET acknowledged_by = ?2, acknowledged_at = ?3, note = ?4, "
                     "resolution = 'acknowledged' WHERE id = ?1 AND acknowledged_at IS NULL",
    /* ?1 jim: the open alerts that an activity's correction can make untrue */
    [SQ_ALERT_OPEN_OF_HOURS] = "SELECT id, kind, key, detail FROM alerts WHERE jim_id = ?1 AND "
                               "acknowledged_at IS NULL AND kind IN ('load_high', 'inactive') "
                               "ORDER BY id",
    /* closed by ?2 at ?3 as no longer true after a correction, without a note */
    [SQ_ALERT_CLOSE_CORRECTED] = "UPDATE alerts SET acknowledged_by = ?2, acknowledged_at = ?3, "
                                 "note = NULL, resolution = 'corrected' WHERE id = ?1 AND "
                                 "acknowledged_at IS NULL",
    /* an alert a correction closed that holds again, to be raised anew */
    [SQ_ALERT_CLEAR_CORRECTED] = "DELETE FROM alerts WHERE id = ?1 AND resolution = 'corrected'",
    [SQ_ACTIVE_JIMS_OF_USER] = "SELECT j.id FROM jims j JOIN youths y ON y.id = j.youth_id "
                               "WHERE j.ended_on IS NULL AND y.phase <> 'closed' AND "
                               "y.team_id IN " CALLER_TEAMS,
    /* ?1 jim, ?2 first day, ?3 last day: minutes per day, for bucketing by week */
    [SQ_JIM_WEEK_MINUTES] = "SELECT date, sum(minutes) AS minutes FROM jim_activities WHERE "
                            "jim_id = ?1 AND deleted_at IS NULL AND date >= ?2 AND date <= ?3 "
                            "GROUP BY date ORDER BY date",
    [SQ_MEETING_INSERT] = "INSERT INTO meetings (youth_id, kind, starts_at, ends_at, location, "
                          "agenda, created_by, created_at, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                          "?7, ?8, ?9)",
    /* SQLite: the write transaction (BEGIN IMMEDIATE) already holds the database */
    [SQ_MEETING_LOCK] = "SELECT id, cancelled, starts_at FROM meetings WHERE id = ?1",
    [SQ_MEETING_GET] = "SELECT " MEETING_COLUMNS "WHERE m.id = ?1",
    [SQ_MEETING_LIST] = "SELECT " MEETING_COLUMNS "WHERE m.youth_id = ?1 ORDER BY "
                        "m.starts_at, m.id",
    [SQ_MEETING_UPDATE] = "UPDATE meetings SET starts_at = ?2, ends_at = ?3, location = ?4, "
                          "agenda = ?5, minutes = ?6, sequence = ?7, cancelled = ?8, updated_at "
                          "= ?9 WHERE id = ?1",
    [SQ_PARTICIPANT_INSERT] = "INSERT INTO meeting_participants (meeting_id, user_id, name, "
                              "organisation, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    [SQ_PARTICIPANT_GET] = "SELECT id, meeting_id, user_id, name, organisation, role, attended "
                           "FROM meeting_participants WHERE id = ?1",
    [SQ_PARTICIPANT_LIST] = "SELECT id, user_id, name, organisation, role, attended FROM "
                            "meeting_participants WHERE meeting_id = ?1 ORDER BY id",
    [SQ_PARTICIPANT_ATTEND] = "UPDATE meeting_participants SET attended = ?3 WHERE id = ?1 AND "
                              "meeting_id = ?2",
    [SQ_PARTICIPANT_OF_USER] = "SELECT id FROM meeting_participants WHERE meeting_id = ?1 AND "
                               "user_id = ?2",
    [SQ_DECISION_INSERT] = "INSERT INTO meeting_decisions (meeting_id, type, text, applied, "
                           "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQ_DECISION_LIST] = "SELECT id, type, text, applied, created_at FROM meeting_decisions "
                         "WHERE meeting_id = ?1 ORDER BY id",
    [SQ_MACTION_INSERT] = "INSERT INTO meeting_actions (meeting_id, description, owner_user_id, "
                          "owner_name, due_date, created_by, created_at) VALUES (?1, ?2, ?3, "
                          "?4, ?5, ?6, ?7)",
    [SQ_MACTION_GET] = "SELECT id, meeting_id, description, owner_user_id, owner_name, "
                       "due_date, done_at FROM meeting_actions WHERE id = ?1",
    [SQ_MACTION_LIST] = "SELECT id, description, owner_user_id, owner_name, due_date, done_at "
                        "FROM meeting_actions WHERE meeting_id = ?1 ORDER BY id",
    [SQ_MACTION_DONE] = "UPDATE meeting_actions SET done_at = ?2 WHERE id = ?1 AND done_at IS "
                        "NULL",
    [SQ_MACTION_UNDONE] = "UPDATE meeting_actions SET done_at = NULL WHERE id = ?1 AND done_at "
                          "IS NOT NULL",
    [SQ_MY_ACTIONS] = "SELECT a.id, a.meeting_id, m.youth_id, y.given_name AS youth_given_name, "
                      "a.description, a.due_date, a.done_at FROM meeting_actions a JOIN meetings "
                      "m ON m.id = a.meeting_id JOIN youths y ON y.id = m.youth_id WHERE "
                      "a.owner_user_id = ?1 AND a.done_at IS NULL ORDER BY a.due_date IS "
                      "NULL, a.due_date, a.id",
    /* Candidates only: api_my_actions() keeps those the policy lets the caller see. */
    [SQ_MY_PLAN_ACTIONS] =
        "SELECT a.id, a.goal_id, g.title AS goal_title, g.youth_id, y.given_name AS "
        "youth_given_name, a.description, a.owner_kind, a.due_date, a.done_at FROM goal_actions "
        "a JOIN goals g ON g.id = a.goal_id JOIN youths y ON y.id = g.youth_id WHERE a.done_at "
        "IS NULL AND coalesce(g.status, 'active') = 'active' AND ((a.owner_kind = 'youth' AND "
        "y.user_id = ?1) OR (a.owner_kind = 'jim' AND "
        "EXISTS (SELECT 1 FROM jims j WHERE j.youth_id = y.id AND j.user_id = ?1 AND "
        "j.ended_on IS NULL))) ORDER BY a.due_date IS NULL, a.due_date, a.id",
    [SQ_FEED_PUT] = "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?1, "
                    "?2, ?3) ON CONFLICT (user_id) DO UPDATE SET token_hash = ?2, created_at = "
                    "?3",
    [SQ_FEED_DELETE] = "DELETE FROM calendar_feeds WHERE user_id = ?1",
    [SQ_FEED_OF_USER] = "SELECT created_at FROM calendar_feeds WHERE user_id = ?1",
    [SQ_FEED_USER] = "SELECT f.user_id, u.username, u.role FROM calendar_feeds f JOIN users u "
                     "ON u.id = f.user_id WHERE f.token_hash = ?1 AND u.status = 'active'",
    [SQ_FEED_MEETINGS] = "SELECT " MEETING_COLUMNS "WHERE m.id IN (SELECT meeting_id FROM "
                         "meeting_participants WHERE user_id = ?1) AND m.ends_at >= ?2 ORDER "
                         "BY m.starts_at LIMIT 500",
    [SQ_USER_EXISTS] = "SELECT id, display_name FROM users WHERE id = ?1",
};

/* The selection of young people for the figures: ?1 caller whose teams limit
 * it (NULL: everyone), ?2 team, ?3 organisation, ?4 municipality, ?5/?6 start
 * from/to, ?7 'with' | 'without' a JIM (NULL: both). */
#define STATS_SELECTION                                                                            \
	"FROM youths y JOIN teams t ON t.id = y.team_id WHERE (?1 IS NULL OR y.team_id IN "        \
	"(SELECT team_id FROM team_members WHERE user_id = ?1)) AND (?2 IS NULL OR y.team_id = "   \
	"?2) AND (?3 IS NULL OR t.organisation_id = ?3) AND (?4 IS NULL OR y.municipality = ?4) "  \
	"AND (?5 IS NULL OR y.started_on >= ?5) AND (?6 IS NULL OR y.started_on <= ?6) AND (?7 "   \
	"IS NULL OR (?7 = 'with') = EXISTS (SELECT 1 FROM jims j WHERE j.youth_id = y.id)) "
/* "col is in the selection", true for everyone when no filter is set. */
#define IN_STATS(col)                                                                              \
	"(" col " IN (SELECT y.id " STATS_SELECTION ") OR (?1 IS NULL AND ?2 IS NULL AND ?3 IS "   \
	"NULL AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL)) "

const char *const sqlite_query_sql_outcomes[SQ_COUNT] = {
    [SQ_EVENT_INSERT] = "INSERT INTO youth_events (youth_id, type, occurred_on, note, "
                        "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQ_EVENT_LIST] = "SELECT id, type, occurred_on, note, created_at FROM youth_events WHERE "
                      "youth_id = ?1 ORDER BY occurred_on, id",
    [SQ_ATTENDANCE_INSERT] = "INSERT INTO school_attendance (youth_id, period_from, period_to, "
                             "share_attended, times_late, created_by, created_at) VALUES (?1, "
                             "?2, ?3, ?4, ?5, ?6, ?7)",
    [SQ_ATTENDANCE_LIST] = "SELECT id, period_from, period_to, share_attended, times_late FROM "
                           "school_attendance WHERE youth_id = ?1 ORDER BY period_from, id",
    /* the dossier's living situation, since the latest day it was set to that */
    [SQ_SHARED_LIVING] = "SELECT y.living_situation AS value, (SELECT max(h.effective_on) FROM "
                         "youth_history h WHERE h.youth_id = y.id AND h.field = "
                         "'living_situation' AND h.value = y.living_situation) AS since FROM "
                         "youths y WHERE y.id = ?1",
    [SQ_SHARED_ATTENDANCE] = "SELECT period_from, period_to, share_attended, times_late FROM "
                             "school_attendance WHERE youth_id = ?1 ORDER BY period_from DESC, "
                             "id DESC LIMIT ?2",
    [SQ_SHARED_EVENTS] = "SELECT type, occurred_on FROM youth_events WHERE youth_id = ?1 AND "
                         "type IN ('school_dropout', 'school_return', 'hospital') AND "
                         "occurred_on >= ?2 ORDER BY occurred_on DESC, id DESC LIMIT ?3",
    [SQ_MEASUREMENT_INSERT] = "INSERT INTO measurements (youth_id, moment, measured_on, kind, "
                              "score, instrument, scale_min, scale_max, created_by, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [SQ_MEASUREMENT_LIST] = "SELECT id, moment, measured_on, kind, score, instrument, "
                            "scale_min, scale_max, created_at FROM measurements WHERE "
                            "youth_id = ?1 ORDER BY measured_on, id",
    [SQ_TRAINING_INSERT] = "INSERT INTO trainings (user_id, course, trained_on, provider, "
                           "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQ_TRAINING_LIST] = "SELECT id, course, trained_on, provider FROM trainings WHERE user_id "
                         "= ?1 ORDER BY trained_on, id",
    [SQ_COST_SETTINGS_GET] = "SELECT placement_year_cents, home_year_cents, "
                             "reference_placement_rate FROM cost_settings WHERE "
                             "organisation_id = ?1",
    [SQ_COST_SETTINGS_PUT] =
        "INSERT INTO cost_settings (organisation_id, placement_year_cents, home_year_cents, "
        "reference_placement_rate, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
        "(organisation_id) DO UPDATE SET placement_year_cents = ?2, home_year_cents = ?3, "
        "reference_placement_rate = ?4, updated_at = ?5",
    [SQ_TEAM_ORGANISATION] = "SELECT organisation_id FROM teams WHERE id = ?1",
    /* a row when young person ?1 is in kring or ever was (its events name it) */
    [SQ_YOUTH_KNOWN] = "SELECT 1 AS known WHERE EXISTS (SELECT 1 FROM youths WHERE id = ?1) OR "
                       "EXISTS (SELECT 1 FROM audit_events WHERE youth_id = ?1)",
    /* the young people whose own account is user ?1 (NULL: any) with username
     * ?2 in any case (NULL: any), as the audit trail's filter matches them */
    [SQ_YOUTH_OF_ACCOUNT] = "SELECT y.id FROM youths y JOIN users u ON u.id = y.user_id WHERE "
                            "(?1 IS NULL OR u.id = ?1) AND (?2 IS NULL OR lower(u.username) = "
                            "lower(?2)) ORDER BY y.id",
    /* the young people account ?1 (NULL: any) with username ?2 in any case
     * (NULL: any) is or was JIM for, as the audit trail's filter matches it */
    [SQ_YOUTH_OF_JIM_ACCOUNT] = "SELECT DISTINCT j.youth_id AS id FROM jims j JOIN users u ON "
                                "u.id = j.user_id WHERE (?1 IS NULL OR u.id = ?1) AND (?2 IS "
                                "NULL OR lower(u.username) = lower(?2)) ORDER BY j.youth_id",
    /* One row per young person of the selection; the living-situation facts
     * come from SQ_STATS_LIVING, merged in by id. */
    [SQ_STATS_YOUTHS] =
        "SELECT y.id, y.team_id, y.birth_date, y.municipality, y.started_on, y.closed_on, "
        "y.end_reason, n.first_nomination, (j.youth_id IS NOT NULL) AS had_jim "
        "FROM youths y JOIN teams t ON t.id = y.team_id LEFT JOIN (SELECT youth_id, "
        "min(nominated_on) AS first_nomination FROM nominations GROUP BY youth_id) n ON "
        "n.youth_id = y.id LEFT JOIN (SELECT DISTINCT youth_id FROM jims) j ON j.youth_id = "
        "y.id WHERE (?1 IS NULL OR y.team_id IN (SELECT team_id FROM team_members WHERE "
        "user_id = ?1)) AND (?2 IS NULL OR y.team_id = ?2) AND (?3 IS NULL OR "
        "t.organisation_id = ?3) AND (?4 IS NULL OR y.municipality = ?4) AND (?5 IS NULL OR "
        "y.started_on >= ?5) AND (?6 IS NULL OR y.started_on <= ?6) AND (?7 IS NULL OR (?7 = "
        "'with') = (j.youth_id IS NOT NULL)) ORDER BY y.id",
    [SQ_STATS_LIVING] = "SELECT h.youth_id, h.value, h.effective_on FROM youth_history h WHERE "
                        "h.field = 'living_situation' AND " IN_STATS(
                            "h.youth_id") "ORDER BY h.youth_id, h.effective_on, h.id",
    [SQ_STATS_TRAINING] =
        "SELECT count(DISTINCT m.user_id) AS professionals, count(DISTINCT tr.user_id) AS "
        "trained FROM team_members m JOIN users u ON u.id = m.user_id AND u.role IN "
        "('professional','teamlead') LEFT JOIN trainings tr ON tr.user_id = m.user_id "
        "WHERE m.team_id IN (SELECT DISTINCT f.team_id " FACTS_SELECTION ")",
    [SQ_STATS_FACTS] =
        "SELECT f.youth_id, f.started_on, f.closed_on, f.end_reason, f.first_nomination, "
        "f.had_jim, f.living, f.jims, f.satisfaction_youth, f.satisfaction_parents, "
        "f.goal_realisation, f.jim_minutes, f.jim_km_tenths, f.attendance_t0, "
        "f.attendance_t9 " FACTS_SELECTION,
    [SQ_FACTS_PENDING] = "SELECT count(*) AS pending FROM (SELECT 1 FROM stats_dirty LIMIT 1) d",
    [SQ_FACTS_CLAIM] = "UPDATE stats_dirty SET claimed = 1",
    [SQ_FACTS_YOUTHS] =
        "SELECT y.id, y.team_id, y.municipality, y.started_on, y.closed_on, y.end_reason, "
        "(SELECT min(n.nominated_on) FROM nominations n WHERE n.youth_id = y.id) AS "
        "first_nomination, (SELECT count(*) FROM jims j WHERE j.youth_id = y.id) AS jims, "
        "(SELECT m.score FROM measurements m WHERE m.youth_id = y.id AND m.kind = "
        "'satisfaction_youth' "
        "ORDER BY m.measured_on DESC, m.id DESC LIMIT 1) AS satisfaction_youth, "
        "(SELECT m.score FROM measurements m WHERE m.youth_id = y.id AND m.kind = "
        "'satisfaction_parents' "
        "ORDER BY m.measured_on DESC, m.id DESC LIMIT 1) AS satisfaction_parents, "
        "(SELECT m.score FROM measurements m WHERE m.youth_id = y.id AND m.kind = "
        "'goal_realisation' "
        "ORDER BY m.measured_on DESC, m.id DESC LIMIT 1) AS goal_realisation, "
        "(SELECT coalesce(sum(a.minutes), 0) FROM jim_activities a JOIN jims j ON j.id = "
        "a.jim_id WHERE j.youth_id = y.id AND a.deleted_at IS NULL) AS jim_minutes, "
        "(SELECT coalesce(sum(a.km_tenths), 0) FROM jim_activities a JOIN jims j ON j.id = "
        "a.jim_id WHERE j.youth_id = y.id AND a.deleted_at IS NULL) AS jim_km_tenths "
        "FROM youths y WHERE " FACTS_CLAIMED("y.id") "ORDER BY y.id",
    [SQ_FACTS_LIVING] = "SELECT h.youth_id, h.value, h.effective_on FROM youth_history h WHERE "
                        "h.field = 'living_situation' AND " FACTS_CLAIMED(
                            "h.youth_id") "ORDER BY "
                                          "h.youth_id, h.effective_on, h.id",
    [SQ_FACTS_JIMS] =
        "SELECT j.youth_id, j.started_on, j.ended_on, j.end_reason FROM jims j "
        "WHERE " FACTS_CLAIMED("j.youth_id") "ORDER BY j.youth_id, j.started_on, j.id",
    [SQ_FACTS_ATTENDANCE] =
        "SELECT a.youth_id, a.period_from, a.share_attended FROM school_attendance a "
        "WHERE " FACTS_CLAIMED("a.youth_id") "ORDER BY a.youth_id, a.period_from, a.id",
    [SQ_FACTS_PUT] =
        "INSERT INTO youth_facts (youth_id, team_id, municipality, started_on, closed_on, "
        "end_reason, first_nomination, had_jim, living, jims, satisfaction_youth, "
        "satisfaction_parents, goal_realisation, jim_minutes, jim_km_tenths, attendance_t0, "
        "attendance_t9) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17) ON CONFLICT (youth_id) DO UPDATE SET team_id = excluded.team_id, municipality = "
        "excluded.municipality, started_on = excluded.started_on, closed_on = excluded.closed_on, "
        "end_reason = excluded.end_reason, first_nomination = excluded.first_nomination, had_jim = "
        "excluded.had_jim, living = excluded.living, jims = excluded.jims, satisfaction_youth = "
        "excluded.satisfaction_youth, satisfaction_parents = excluded.satisfaction_parents, "
        "goal_realisation = excluded.goal_realisation, jim_minutes = excluded.jim_minutes, "
        "jim_km_tenths = excluded.jim_km_tenths, attendance_t0 = excluded.attendance_t0, "
        "attendance_t9 = excluded.attendance_t9",
    [SQ_FACTS_DROP_GONE] =
        "DELETE FROM youth_facts WHERE " FACTS_CLAIMED("youth_id") "AND youth_id NOT IN "
                                                                   "(SELECT id FROM youths)",
    [SQ_FACTS_UNCLAIM] = "DELETE FROM stats_dirty WHERE claimed = 1",
    [SQ_EXPORT_MEASUREMENTS] =
        "SELECT youth_id, moment, kind, score FROM (SELECT youth_id, moment, kind, score, "
        "row_number() OVER (PARTITION BY youth_id, kind, moment ORDER BY measured_on DESC, "
        "id DESC) AS latest FROM measurements WHERE kind <> 'instrument' AND " IN_STATS(
            "youth_id") ") WHERE latest = 1 ORDER BY youth_id",
};

const char *sqlite_sql_for(enum store_query q)
{
	if ((unsigned)q >= (unsigned)SQ_COUNT)
		return NULL;
	if (sqlite_query_sql[q])
		return sqlite_query_sql[q];
	return sqlite_query_sql_jim[q] ? sqlite_query_sql_jim[q] : sqlite_query_sql_outcomes[q];
}
