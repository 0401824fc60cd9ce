#include "store/migrations_sqlite.h"

#include <stddef.h>

/*
 * Append new migrations at the end with the next number; never edit one that
 * has shipped. Each runs in its own transaction together with its row in
 * schema_migrations.
 */
/*
 * Migration 7: every change to what the outcome figures are made of marks
 * the young person in stats_dirty; the figures refresh those rows of
 * youth_facts before they read (src/store/facts.c). A trigger cannot be
 * forgotten by a new code path.
 */
#define FACTS_MARK(youth)                                                                          \
	"INSERT INTO stats_dirty (youth_id, claimed) SELECT " youth ", 0 WHERE " youth             \
	" IS NOT NULL ON CONFLICT (youth_id) DO UPDATE SET claimed = 0;"
#define FACTS_MARK_VIA_JIM(jim)                                                                    \
	"INSERT INTO stats_dirty (youth_id, claimed) SELECT youth_id, 0 FROM jims WHERE id = " jim \
	" ON CONFLICT (youth_id) DO UPDATE SET claimed = 0;"
#define FACTS_TRIGGER_SET(table, mark, col)                                                        \
	"CREATE TRIGGER " table "_facts_insert AFTER INSERT ON " table                             \
	" BEGIN " mark("NEW." col) " END;CREATE TRIGGER " table                                    \
	                           "_facts_update AFTER UPDATE ON " table                          \
	                           " BEGIN " mark("OLD." col)                                      \
	                               mark("NEW." col) " END;CREATE TRIGGER " table               \
	                                                "_facts_delete AFTER DELETE ON " table     \
	                                                " BEGIN " mark("OLD." col) " END;"
#define FACTS_TRIGGERS(table, col)    FACTS_TRIGGER_SET(table, FACTS_MARK, col)
#define FACTS_TRIGGERS_VIA_JIM(table) FACTS_TRIGGER_SET(table, FACTS_MARK_VIA_JIM, "jim_id")

const struct store_migration sqlite_migrations[] = {
    {1, "core platform",
     "CREATE TABLE organisations ("
     "  id INTEGER PRIMARY KEY,"
     "  name TEXT NOT NULL UNIQUE,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE teams ("
     "  id INTEGER PRIMARY KEY,"
     "  organisation_id INTEGER NOT NULL REFERENCES organisations(id),"
     "  name TEXT NOT NULL,"
     "  created_at TEXT NOT NULL,"
     "  UNIQUE (organisation_id, name));"
     "CREATE TABLE users ("
     "  id INTEGER PRIMARY KEY,"
     "  username TEXT NOT NULL UNIQUE,"
     "  display_name TEXT NOT NULL,"
     "  role TEXT NOT NULL CHECK (role IN ('professional','teamlead','jim','youth',"
     "    'privacy_officer','researcher','admin')),"
     "  organisation_id INTEGER REFERENCES organisations(id),"
     "  status TEXT NOT NULL CHECK (status IN ('invited','active','disabled')),"
     "  password_hash TEXT,"
     "  totp_secret TEXT,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE team_members ("
     "  team_id INTEGER NOT NULL REFERENCES teams(id),"
     "  user_id INTEGER NOT NULL REFERENCES users(id),"
     "  added_at TEXT NOT NULL,"
     "  PRIMARY KEY (team_id, user_id));"
     "CREATE INDEX team_members_user ON team_members(user_id);"
     "CREATE TABLE invitations ("
     "  token_hash TEXT PRIMARY KEY,"
     "  user_id INTEGER NOT NULL REFERENCES users(id),"
     "  expires_at INTEGER NOT NULL,"
     "  used_at INTEGER);"
     "CREATE TABLE sessions ("
     "  token_hash TEXT PRIMARY KEY,"
     "  user_id INTEGER NOT NULL REFERENCES users(id),"
     "  csrf_token TEXT NOT NULL,"
     "  created_at INTEGER NOT NULL,"
     "  last_seen_at INTEGER NOT NULL,"
     "  expires_at INTEGER NOT NULL);"
     "CREATE INDEX sessions_user ON sessions(user_id);"
     "CREATE TABLE audit_events ("
     "  id INTEGER PRIMARY KEY,"
     "  at TEXT NOT NULL,"
     "  user_id INTEGER,"
     "  username TEXT,"
     "  role TEXT,"
     "  responsible_user_id INTEGER,"
     "  action TEXT NOT NULL,"
     "  object_type TEXT,"
     "  object_id TEXT,"
     "  youth_id INTEGER,"
     "  outcome TEXT NOT NULL CHECK (outcome IN ('success','denied','error')),"
     "  client_addr TEXT,"
     "  reason TEXT,"
     "  prev_hash TEXT NOT NULL,"
     "  hash TEXT NOT NULL);"
     "CREATE INDEX audit_events_user ON audit_events(user_id, id);"
     "CREATE INDEX audit_events_youth ON audit_events(youth_id, id);"
     "CREATE INDEX audit_events_at ON audit_events(at);"
     "CREATE INDEX audit_login_failed_user ON audit_events(username, at)"
     "  WHERE action = 'login_failed';"
     "CREATE INDEX audit_login_failed_addr ON audit_events(client_addr, at)"
     "  WHERE action = 'login_failed';"
     "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events"
     "  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
     "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events"
     "  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"},
    {2, "dossier and JIM workflow",
     "ALTER TABLE audit_events ADD COLUMN basis TEXT;"
     "CREATE TABLE youths ("
     "  id INTEGER PRIMARY KEY,"
     "  team_id INTEGER NOT NULL REFERENCES teams(id),"
     "  given_name TEXT NOT NULL,"
     "  family_name TEXT NOT NULL,"
     "  birth_date TEXT NOT NULL,"
     "  bsn TEXT,"
     "  municipality TEXT NOT NULL,"
     "  legal_frame TEXT NOT NULL CHECK (legal_frame IN ('voluntary','ots','guardianship',"
     "    'youth_probation')),"
     "  living_situation TEXT NOT NULL CHECK (living_situation IN ('home',"
     "    'network_foster_care','foster_care','residential','closed_care','independent',"
     "    'other')),"
     "  phase TEXT NOT NULL CHECK (phase IN ('jim_search','collaboration','aftercare',"
     "    'closed')),"
     "  phase_since TEXT NOT NULL,"
     "  end_reason TEXT CHECK (end_reason IN ('planned','ended_by_client',"
     "    'ended_by_provider','moved','other')),"
     "  started_on TEXT NOT NULL,"
     "  closed_on TEXT,"
     "  user_id INTEGER UNIQUE REFERENCES users(id),"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX youths_team ON youths(team_id, family_name);"
     "CREATE TABLE youth_history ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  field TEXT NOT NULL CHECK (field IN ('legal_frame','living_situation','phase')),"
     "  value TEXT NOT NULL,"
     "  effective_on TEXT NOT NULL,"
     "  reason TEXT,"
     "  changed_by INTEGER REFERENCES users(id),"
     "  changed_at TEXT NOT NULL);"
     "CREATE INDEX youth_history_youth ON youth_history(youth_id, effective_on);"
     "CREATE TABLE network_members ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  name TEXT NOT NULL,"
     "  relation TEXT NOT NULL,"
     "  contact TEXT,"
     "  has_custody INTEGER NOT NULL CHECK (has_custody IN (0,1)),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX network_members_youth ON network_members(youth_id);"
     "CREATE TABLE nominations ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  name TEXT NOT NULL,"
     "  relation TEXT NOT NULL,"
     "  contact TEXT,"
     "  note TEXT,"
     "  preference INTEGER NOT NULL,"
     "  status TEXT NOT NULL CHECK (status IN ('open','approved','decline_pending',"
     "    'declined','active','ended')),"
     "  nominated_on TEXT NOT NULL,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX nominations_youth ON nominations(youth_id, preference);"
     "CREATE TABLE assessments ("
     "  id INTEGER PRIMARY KEY,"
     "  nomination_id INTEGER NOT NULL REFERENCES nominations(id),"
     "  is_parent INTEGER NOT NULL,"
     "  adult INTEGER NOT NULL,"
     "  willing_to_cooperate INTEGER NOT NULL,"
     "  child_safe INTEGER NOT NULL,"
     "  own_load_manageable INTEGER NOT NULL,"
     "  reason TEXT,"
     "  decision TEXT NOT NULL CHECK (decision IN ('approve','decline','discuss')),"
     "  assessed_by INTEGER REFERENCES users(id),"
     "  assessed_at TEXT NOT NULL,"
     "  decline_confirmed_by INTEGER REFERENCES users(id),"
     "  decline_confirmed_at TEXT);"
     "CREATE INDEX assessments_nomination ON assessments(nomination_id, id);"
     "CREATE TABLE parent_agreements ("
     "  id INTEGER PRIMARY KEY,"
     "  nomination_id INTEGER NOT NULL REFERENCES nominations(id),"
     "  network_member_id INTEGER NOT NULL REFERENCES network_members(id),"
     "  answer TEXT NOT NULL CHECK (answer IN ('agrees','agrees_reluctantly','refuses')),"
     "  answered_on TEXT NOT NULL,"
     "  recorded_by INTEGER REFERENCES users(id),"
     "  recorded_at TEXT NOT NULL);"
     "CREATE TABLE jims ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  nomination_id INTEGER NOT NULL REFERENCES nominations(id),"
     "  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),"
     "  name TEXT NOT NULL,"
     "  relation TEXT NOT NULL,"
     "  started_on TEXT NOT NULL,"
     "  ended_on TEXT,"
     "  end_reason TEXT CHECK (end_reason IN ('dropped_out','youth_chose_another',"
     "    'unsuitable','other')),"
     "  end_note TEXT,"
     "  created_at TEXT NOT NULL);"
     "CREATE UNIQUE INDEX jims_one_active ON jims(youth_id) WHERE ended_on IS NULL;"
     "CREATE TABLE consents ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  scope TEXT NOT NULL CHECK (scope IN ('share_plan','share_meetings',"
     "    'share_notes_marked_shared','share_outcomes')),"
     "  given_by TEXT NOT NULL CHECK (given_by IN ('youth','custody_holder')),"
     "  network_member_id INTEGER REFERENCES network_members(id),"
     "  given_on TEXT NOT NULL,"
     "  withdrawn_on TEXT,"
     "  recorded_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX consents_youth ON consents(youth_id, scope);"
     "CREATE TABLE goals ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  title TEXT NOT NULL,"
     "  description TEXT,"
     "  author_kind TEXT NOT NULL CHECK (author_kind IN ('youth','parent','jim',"
     "    'professional')),"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX goals_youth ON goals(youth_id);"
     "CREATE TABLE goal_actions ("
     "  id INTEGER PRIMARY KEY,"
     "  goal_id INTEGER NOT NULL REFERENCES goals(id),"
     "  description TEXT NOT NULL,"
     "  owner TEXT NOT NULL,"
     "  due_date TEXT,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE goal_views ("
     "  id INTEGER PRIMARY KEY,"
     "  goal_id INTEGER NOT NULL REFERENCES goals(id),"
     "  author_kind TEXT NOT NULL,"
     "  user_id INTEGER REFERENCES users(id),"
     "  text TEXT NOT NULL,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE evaluations ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  held_on TEXT NOT NULL,"
     "  participants TEXT NOT NULL,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE evaluation_scores ("
     "  evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),"
     "  goal_id INTEGER NOT NULL REFERENCES goals(id),"
     "  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),"
     "  comment TEXT,"
     "  PRIMARY KEY (evaluation_id, goal_id));"
     "CREATE TABLE journal_entries ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  occurred_on TEXT NOT NULL,"
     "  kind TEXT NOT NULL CHECK (kind IN ('contact','phone','home_visit','meeting','note',"
     "    'other')),"
     "  minutes INTEGER,"
     "  text TEXT NOT NULL,"
     "  shared INTEGER NOT NULL CHECK (shared IN (0,1)),"
     "  author_id INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX journal_youth ON journal_entries(youth_id, occurred_on);"
     "CREATE TABLE break_glass ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  user_id INTEGER NOT NULL REFERENCES users(id),"
     "  reason TEXT NOT NULL,"
     "  granted_at INTEGER NOT NULL,"
     "  expires_at INTEGER NOT NULL,"
     "  reviewed_by INTEGER REFERENCES users(id),"
     "  reviewed_at TEXT,"
     "  review_note TEXT);"
     "CREATE INDEX break_glass_grant ON break_glass(youth_id, user_id, expires_at);"},
    {3, "supporting the JIM, alerts and meetings",
     "CREATE TABLE organisation_settings ("
     "  organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),"
     "  km_rate_cents INTEGER NOT NULL,"
     "  checkin_interval_days INTEGER NOT NULL,"
     "  checkin_grace_days INTEGER NOT NULL,"
     "  load_hours_per_week INTEGER NOT NULL,"
     "  load_weeks_high INTEGER NOT NULL,"
     "  load_weeks_window INTEGER NOT NULL,"
     "  inactive_days INTEGER NOT NULL,"
     "  updated_at TEXT NOT NULL);"
     "CREATE TABLE jim_activities ("
     "  id INTEGER PRIMARY KEY,"
     "  jim_id INTEGER NOT NULL REFERENCES jims(id),"
     "  date TEXT NOT NULL,"
     "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
     "  km_tenths INTEGER NOT NULL CHECK (km_tenths BETWEEN 0 AND 20000),"
     "  kind TEXT NOT NULL CHECK (kind IN ('contact','phone','travel','meeting','other')),"
     "  note TEXT,"
     "  entered_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL,"
     "  updated_at TEXT,"
     "  deleted_at TEXT);"
     "CREATE INDEX jim_activities_jim ON jim_activities(jim_id, date);"
     "CREATE TABLE jim_costs ("
     "  id INTEGER PRIMARY KEY,"
     "  jim_id INTEGER NOT NULL REFERENCES jims(id),"
     "  date TEXT NOT NULL,"
     "  amount_cents INTEGER NOT NULL CHECK (amount_cents BETWEEN 1 AND 100000),"
     "  description TEXT NOT NULL,"
     "  receipt_note TEXT,"
     "  entered_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX jim_costs_jim ON jim_costs(jim_id, date);"
     "CREATE TABLE expense_statements ("
     "  id INTEGER PRIMARY KEY,"
     "  jim_id INTEGER NOT NULL REFERENCES jims(id),"
     "  period_from TEXT NOT NULL,"
     "  period_to TEXT NOT NULL,"
     "  km_tenths INTEGER NOT NULL,"
     "  rate_cents_per_km INTEGER NOT NULL,"
     "  km_amount_cents INTEGER NOT NULL,"
     "  other_costs_cents INTEGER NOT NULL,"
     "  total_cents INTEGER NOT NULL,"
     "  lines TEXT NOT NULL,"
     "  status TEXT NOT NULL CHECK (status IN ('submitted','approved','rejected')),"
     "  decided_by INTEGER REFERENCES users(id),"
     "  decided_at TEXT,"
     "  decision_note TEXT,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX expense_statements_jim ON expense_statements(jim_id, period_from);"
     "CREATE TABLE jim_checkins ("
     "  id INTEGER PRIMARY KEY,"
     "  jim_id INTEGER NOT NULL REFERENCES jims(id),"
     "  checked_on TEXT NOT NULL,"
     "  wellbeing INTEGER NOT NULL CHECK (wellbeing BETWEEN 1 AND 5),"
     "  burden INTEGER NOT NULL CHECK (burden BETWEEN 1 AND 5),"
     "  wants_to_continue TEXT NOT NULL CHECK (wants_to_continue IN ('yes','doubt','no')),"
     "  note TEXT,"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX jim_checkins_jim ON jim_checkins(jim_id, id);"
     "CREATE TABLE alerts ("
     "  id INTEGER PRIMARY KEY,"
     "  jim_id INTEGER NOT NULL REFERENCES jims(id),"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('load_high','wellbeing_low','wants_to_stop',"
     "    'doubt_repeated','inactive','checkin_overdue')),"
     "  key TEXT NOT NULL,"
     "  detail TEXT NOT NULL,"
     "  created_at TEXT NOT NULL,"
     "  acknowledged_by INTEGER REFERENCES users(id),"
     "  acknowledged_at TEXT,"
     "  note TEXT,"
     "  UNIQUE (jim_id, kind, key));"
     "CREATE INDEX alerts_youth ON alerts(youth_id, acknowledged_at);"
     "CREATE TABLE meetings ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('network','safety_table','evaluation','other')),"
     "  starts_at TEXT NOT NULL,"
     "  ends_at TEXT NOT NULL,"
     "  location TEXT NOT NULL,"
     "  agenda TEXT,"
     "  minutes TEXT,"
     "  sequence INTEGER NOT NULL DEFAULT 0,"
     "  cancelled INTEGER NOT NULL DEFAULT 0,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL,"
     "  updated_at TEXT);"
     "CREATE INDEX meetings_youth ON meetings(youth_id, starts_at);"
     "CREATE TABLE meeting_participants ("
     "  id INTEGER PRIMARY KEY,"
     "  meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
     "  user_id INTEGER REFERENCES users(id),"
     "  name TEXT NOT NULL,"
     "  organisation TEXT,"
     "  role TEXT,"
     "  attended INTEGER CHECK (attended IN (0,1)));"
     "CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id);"
     "CREATE INDEX meeting_participants_user ON meeting_participants(user_id);"
     "CREATE TABLE meeting_decisions ("
     "  id INTEGER PRIMARY KEY,"
     "  meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
     "  type TEXT NOT NULL CHECK (type IN ('ots_requested','ots_withdrawn',"
     "    'placement_requested','placement_averted','plan_changed','other')),"
     "  text TEXT NOT NULL,"
     "  applied TEXT,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE meeting_actions ("
     "  id INTEGER PRIMARY KEY,"
     "  meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
     "  description TEXT NOT NULL,"
     "  owner_user_id INTEGER REFERENCES users(id),"
     "  owner_name TEXT,"
     "  due_date TEXT,"
     "  done_at TEXT,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX meeting_actions_owner ON meeting_actions(owner_user_id, done_at);"
     "CREATE TABLE calendar_feeds ("
     "  user_id INTEGER PRIMARY KEY REFERENCES users(id),"
     "  token_hash TEXT NOT NULL UNIQUE,"
     "  created_at TEXT NOT NULL);"},
    {4, "outcomes and evidence",
     "CREATE TABLE youth_events ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  type TEXT NOT NULL CHECK (type IN ('police_contact','ran_away','school_dropout',"
     "    'school_return','hospital','work_start')),"
     "  occurred_on TEXT NOT NULL,"
     "  note TEXT,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX youth_events_youth ON youth_events(youth_id, occurred_on);"
     "CREATE TABLE school_attendance ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  period_from TEXT NOT NULL,"
     "  period_to TEXT NOT NULL,"
     "  share_attended INTEGER NOT NULL CHECK (share_attended BETWEEN 0 AND 100),"
     "  times_late INTEGER,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX school_attendance_youth ON school_attendance(youth_id, period_from);"
     "CREATE TABLE measurements ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  moment TEXT NOT NULL CHECK (moment IN ('T0','T3','T9','T15','F12','F24')),"
     "  measured_on TEXT NOT NULL,"
     "  kind TEXT NOT NULL CHECK (kind IN ('satisfaction_youth','satisfaction_parents',"
     "    'goal_realisation','instrument')),"
     "  score REAL NOT NULL,"
     "  instrument TEXT,"
     "  scale_min REAL,"
     "  scale_max REAL,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX measurements_youth ON measurements(youth_id, kind, moment);"
     "CREATE TABLE trainings ("
     "  id INTEGER PRIMARY KEY,"
     "  user_id INTEGER NOT NULL REFERENCES users(id),"
     "  course TEXT NOT NULL,"
     "  trained_on TEXT NOT NULL,"
     "  provider TEXT NOT NULL,"
     "  created_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX trainings_user ON trainings(user_id);"
     "CREATE TABLE cost_settings ("
     "  organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),"
     "  placement_year_cents INTEGER NOT NULL,"
     "  home_year_cents INTEGER NOT NULL,"
     "  reference_placement_rate REAL NOT NULL,"
     "  updated_at TEXT NOT NULL);"
     "CREATE INDEX youth_history_field ON youth_history(youth_id, field, effective_on);"
     "CREATE INDEX youths_started ON youths(started_on);"
     "CREATE INDEX jims_youth ON jims(youth_id);"},
    {5, "faster outcome figures",
     "CREATE INDEX measurements_latest ON measurements(youth_id, kind, measured_on, id);"
     "CREATE INDEX nominations_first ON nominations(youth_id, nominated_on);"},
    {6, "one use per TOTP code", "ALTER TABLE users ADD COLUMN totp_last_step INTEGER;"},
    {7, "outcome facts per young person",
     "CREATE TABLE youth_facts ("
     "  youth_id INTEGER PRIMARY KEY,"
     "  team_id INTEGER NOT NULL,"
     "  municipality TEXT NOT NULL,"
     "  started_on TEXT NOT NULL,"
     "  closed_on TEXT,"
     "  end_reason TEXT,"
     "  first_nomination TEXT,"
     "  had_jim INTEGER NOT NULL,"
     "  living TEXT NOT NULL,"
     "  jims TEXT NOT NULL,"
     "  satisfaction_youth REAL,"
     "  satisfaction_parents REAL,"
     "  goal_realisation REAL,"
     "  jim_minutes INTEGER NOT NULL,"
     "  jim_km_tenths INTEGER NOT NULL,"
     "  attendance_t0 INTEGER,"
     "  attendance_t9 INTEGER);"
     "CREATE INDEX youth_facts_team ON youth_facts(team_id);"
     "CREATE TABLE stats_dirty ("
     "  youth_id INTEGER PRIMARY KEY,"
     "  claimed INTEGER NOT NULL);" FACTS_TRIGGERS("youths", "id")
         FACTS_TRIGGERS("youth_history", "youth_id") FACTS_TRIGGERS("nominations", "youth_id")
             FACTS_TRIGGERS("jims", "youth_id") FACTS_TRIGGERS("school_attendance", "youth_id")
                 FACTS_TRIGGERS("measurements", "youth_id")
                     FACTS_TRIGGERS_VIA_JIM("jim_activities") "INSERT INTO stats_dirty (youth_id, "
                                                              "claimed) SELECT id, 0 FROM youths;"},
    {8, "rights of the young person",
     "CREATE TABLE subject_requests ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL,"
     "  kind TEXT NOT NULL CHECK (kind IN ('access','statement','correction','destruction')),"
     "  requested_by TEXT NOT NULL CHECK (requested_by IN ('youth','parent','guardian',"
     "    'representative')),"
     "  received_on TEXT NOT NULL,"
     "  due_on TEXT NOT NULL,"
     "  note TEXT,"
     "  status TEXT NOT NULL CHECK (status IN ('open','done','refused')),"
     "  registered_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL,"
     "  closed_on TEXT,"
     "  closed_by INTEGER REFERENCES users(id),"
     "  decision TEXT);"
     "CREATE INDEX subject_requests_open ON subject_requests(status, due_on);"
     "CREATE INDEX subject_requests_youth ON subject_requests(youth_id);"
     "CREATE TABLE youth_statements ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  text TEXT NOT NULL,"
     "  written_by INTEGER REFERENCES users(id),"
     "  created_at TEXT NOT NULL);"
     "CREATE INDEX youth_statements_youth ON youth_statements(youth_id);"
     "CREATE TABLE destructions ("
     "  youth_id INTEGER PRIMARY KEY,"
     "  destroyed_on TEXT NOT NULL,"
     "  request_id INTEGER,"
     "  approved_by INTEGER REFERENCES users(id));"},
    {9, "corrections keep the old value",
     "CREATE TABLE youth_corrections ("
     "  id INTEGER PRIMARY KEY,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  field TEXT NOT NULL CHECK (field IN ('given_name','family_name','birth_date','bsn',"
     "    'municipality')),"
     "  old_value TEXT,"
     "  new_value TEXT,"
     "  reason TEXT,"
     "  corrected_by INTEGER REFERENCES users(id),"
     "  corrected_at TEXT NOT NULL);"
     "CREATE INDEX youth_corrections_youth ON youth_corrections(youth_id);"},
    /* Name search and listings read a team's young people from this index
     * alone (it holds every column they show or filter on), not from the
     * table's rows spread over the whole file. */
    {10, "name search from an index",
     "CREATE INDEX youths_search ON youths(team_id, family_name, given_name, birth_date, phase);"
     "DROP INDEX youths_team;"},
    /* A JIM's minutes per day (the load alerts after every activity) and the
     * date of the last activity are read from this index alone. */
    {11, "JIM minutes from an index",
     "CREATE INDEX jim_activities_minutes ON jim_activities(jim_id, date, minutes, deleted_at);"
     "DROP INDEX jim_activities_jim;"},
    /* PostgreSQL's migration 12 refuses TRUNCATE on the audit trail. SQLite
     * has no TRUNCATE (a DELETE without WHERE meets the row trigger of
     * migration 1); the number keeps both engines at the same version. */
    {12, "the audit trail cannot be truncated", "SELECT 1;"},
    /* Who last changed or removed an activity: approving a statement is for
     * someone other than who entered or changed its lines (four eyes). */
    {13, "who changed a JIM activity",
     "ALTER TABLE jim_activities ADD COLUMN changed_by INTEGER REFERENCES users(id);"},
    /* Everyone who ever changed or removed an activity, not only the last:
     * a JIM's later correction must not hide a professional's change. */
    {14, "every change of a JIM activity",
     "CREATE TABLE jim_activity_changes ("
     "  id INTEGER PRIMARY KEY,"
     "  activity_id INTEGER NOT NULL REFERENCES jim_activities(id),"
     "  changed_by INTEGER REFERENCES users(id),"
     "  changed_at TEXT NOT NULL);"
     "CREATE INDEX jim_activity_changes_activity ON jim_activity_changes(activity_id);"
     "INSERT INTO jim_activity_changes (activity_id, changed_by, changed_at) SELECT id, "
     "changed_by, coalesce(deleted_at, updated_at, created_at) FROM jim_activities WHERE "
     "changed_by IS NOT NULL;"},
    /* A cost entered wrongly can be removed (kept, marked, for the audit). */
    {15, "JIM costs can be removed",
     "ALTER TABLE jim_costs ADD COLUMN deleted_at TEXT;"
     "ALTER TABLE jim_costs ADD COLUMN deleted_by INTEGER REFERENCES users(id);"},
    /* Name search finds a name however it is typed, and lists put "de Vries"
     * under V: name_key and sort_key are folded forms of the name
     * (domain/name_order.h), written by kring with every name and filled
     * for the existing rows when the database opens. */
    {16, "name search without case or accents, Dutch surname order",
     "ALTER TABLE youths ADD COLUMN name_key TEXT;"
     "ALTER TABLE youths ADD COLUMN sort_key TEXT;"
     "DROP INDEX youths_search;"
     "CREATE INDEX youths_search ON youths(team_id, sort_key, family_name, given_name, "
     "birth_date, phase, name_key);"},
    /* A meeting's iCalendar UID, stored: derived from the id it would come
     * back after a destruction (a row id is max(id) + 1), and a calendar that
     * holds the destroyed person's invite would merge the two. New meetings
     * get a random one; existing ones keep exactly the UID their invites
     * carry (meeting-<id>@kring, as calendar.c wrote it before). */
    {17, "meetings keep their calendar UID",
     "ALTER TABLE meetings ADD COLUMN uid TEXT;"
     "UPDATE meetings SET uid = 'meeting-' || id || '@kring';"
     "CREATE UNIQUE INDEX meetings_uid ON meetings(uid);"},
    /* The activity's date before and after each change (new_date NULL: it
     * was removed), so that moving an activity out of a statement's period
     * still counts as changing that period's lines (four eyes). Changes
     * recorded before this migration have neither. */
    {18, "the dates of a JIM activity change",
     "ALTER TABLE jim_activity_changes ADD COLUMN old_date TEXT;"
     "ALTER TABLE jim_activity_changes ADD COLUMN new_date TEXT;"},
    /* A decision to discuss may leave a lower bound not yet known (NULL);
     * approving and declining still answer all five. A teamlead who does
     * not confirm a decline sends it back to assessment: who, when and why
     * stay with the declining assessment, as a confirmation does. SQLite
     * cannot drop NOT NULL, so the table is built anew. */
    {19, "lower bounds not yet known; a decline sent back",
     "CREATE TABLE assessments_new ("
     "  id INTEGER PRIMARY KEY,"
     "  nomination_id INTEGER NOT NULL REFERENCES nominations(id),"
     "  is_parent INTEGER,"
     "  adult INTEGER,"
     "  willing_to_cooperate INTEGER,"
     "  child_safe INTEGER,"
     "  own_load_manageable INTEGER,"
     "  reason TEXT,"
     "  decision TEXT NOT NULL CHECK (decision IN ('approve','decline','discuss')),"
     "  assessed_by INTEGER REFERENCES users(id),"
     "  assessed_at TEXT NOT NULL,"
     "  decline_confirmed_by INTEGER REFERENCES users(id),"
     "  decline_confirmed_at TEXT,"
     "  decline_returned_by INTEGER REFERENCES users(id),"
     "  decline_returned_at TEXT,"
     "  decline_return_reason TEXT,"
     "  CHECK (decision = 'discuss' OR (is_parent IS NOT NULL AND adult IS NOT NULL AND "
     "    willing_to_cooperate IS NOT NULL AND child_safe IS NOT NULL AND "
     "    own_load_manageable IS NOT NULL)));"
     "INSERT INTO assessments_new (id, nomination_id, is_parent, adult, willing_to_cooperate, "
     "child_safe, own_load_manageable, reason, decision, assessed_by, assessed_at, "
     "decline_confirmed_by, decline_confirmed_at) SELECT id, nomination_id, is_parent, adult, "
     "willing_to_cooperate, child_safe, own_load_manageable, reason, decision, assessed_by, "
     "assessed_at, decline_confirmed_by, decline_confirmed_at FROM assessments;"
     "DROP TABLE assessments;"
     "ALTER TABLE assessments_new RENAME TO assessments;"
     "CREATE INDEX assessments_nomination ON assessments(nomination_id, id);"},
    /* The young people whose name keys are still to be written (none, once
     * the database has opened after migration 16): every start asks, and
     * this keeps the question from reading the whole table. */
    {20, "young people without name keys, found at once",
     "CREATE INDEX youths_unkeyed ON youths(id) WHERE name_key IS NULL OR sort_key IS NULL;"},
    /* The day a goal was agreed with the young person and the JIM: an
     * evaluation scores only goals agreed on or before the day it was held.
     * An existing goal gets the Amsterdam calendar day it was entered
     * (created_at is UTC; the EU summer-time rule, in force since 1996,
     * gives the offset), or the day of the first evaluation that scored it when that
     * is earlier, so that every stored score stays valid. kring always
     * writes it; SQLite cannot add NOT NULL to a filled table. */
    {21, "the day a goal was agreed",
     "ALTER TABLE goals ADD COLUMN agreed_on TEXT;"
     "UPDATE goals SET agreed_on = min("
     "  date(created_at, CASE WHEN created_at >= date(substr(created_at, 1, 4) || '-03-31',"
     "    '-6 days', 'weekday 0') || 'T01:00' AND created_at < "
     "    date(substr(created_at, 1, 4) || '-10-31', '-6 days', 'weekday 0') || 'T01:00'"
     "    THEN '+2 hours' ELSE '+1 hours' END),"
     "  coalesce((SELECT min(e.held_on) FROM evaluation_scores s JOIN evaluations e"
     "    ON e.id = s.evaluation_id WHERE s.goal_id = goals.id), '9999-12-31'));"},
    /* A new row's id was max(id) + 1: once a young person's file was
     * destroyed, the next note, meeting or JIM of someone else could take a
     * destroyed record's number, which the audit trail, old links and
     * requests still name. The tables of sqlite_rebuilds (below) are built
     * anew with AUTOINCREMENT before this runs; PostgreSQL's identity
     * columns never gave an id out twice. */
    {22, "a destroyed record's id is never given out again", "SELECT 1;"},
    /* A goal is reached or stopped on a day (and may be taken up again):
     * evaluations after that day no longer score it. Only an active goal has
     * no end day: PostgreSQL's goals_ended, here as triggers (SQLite adds no
     * table constraint to a table that exists). */
    {23, "goals that are reached or stopped",
     "ALTER TABLE goals ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
     "  CHECK (status IN ('active','reached','stopped'));"
     "ALTER TABLE goals ADD COLUMN ended_on TEXT;"
     "CREATE TRIGGER goals_ended_insert BEFORE INSERT ON goals"
     "  WHEN (NEW.status = 'active') <> (NEW.ended_on IS NULL)"
     "  BEGIN SELECT RAISE(ABORT, 'only an active goal has no end day'); END;"
     "CREATE TRIGGER goals_ended_update BEFORE UPDATE OF status, ended_on ON goals"
     "  WHEN (NEW.status = 'active') <> (NEW.ended_on IS NULL)"
     "  BEGIN SELECT RAISE(ABORT, 'only an active goal has no end day'); END;"},
    /* A user sees where they are logged in and can end one session there
     * (GET and DELETE /api/v1/me/sessions): each session gets a number that
     * is not its token (nor the token's hash), never given out twice, and
     * the coarse device it was started on (domain/device.h: browser and OS
     * family only, never the User-Agent or the address). SQLite adds no
     * such column to a filled table: the table is built anew, and the
     * sessions that are open keep going, numbered in the order they began,
     * without a device (not known). */
    {24, "a user's sessions have a number and a coarse device",
     "CREATE TABLE sessions_new ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  token_hash TEXT NOT NULL UNIQUE,"
     "  user_id INTEGER NOT NULL REFERENCES users(id),"
     "  csrf_token TEXT NOT NULL,"
     "  created_at INTEGER NOT NULL,"
     "  last_seen_at INTEGER NOT NULL,"
     "  expires_at INTEGER NOT NULL,"
     "  device_browser TEXT,"
     "  device_os TEXT);"
     "INSERT INTO sessions_new (token_hash, user_id, csrf_token, created_at, last_seen_at, "
     "expires_at) SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at "
     "FROM sessions ORDER BY created_at, token_hash;"
     "DROP TABLE sessions;"
     "ALTER TABLE sessions_new RENAME TO sessions;"
     "CREATE INDEX sessions_user ON sessions(user_id);"},
    /* The privacy officer's review of the rare events (GET /api/v1/audit,
     * the variants of store_audit_key) without reading the whole trail
     * back: the refusals and errors and the emergency accesses in partial
     * indexes, which a successful read under a team's access never enters.
     * Not a username: an index of every event would cost each audited read
     * an insert (docs/BENCHMARKS.md). */
    {25, "the audit trail's refusals and emergency accesses, found at once",
     "CREATE INDEX audit_events_unsuccessful ON audit_events(outcome, id)"
     "  WHERE outcome <> 'success';"
     "CREATE INDEX audit_events_break_glass ON audit_events(id) WHERE basis = 'break_glass';"},
    /* A network member can be corrected and removed
     * (PATCH/DELETE /api/v1/network-members/{id}): each corrected field
     * keeps its old value, the new one and why (a custody tick decides whose
     * consent counts), and a removed member stays in the file, marked, for
     * the record the Jeugdwet keeps. */
    {26, "network members can be corrected and removed",
     "ALTER TABLE network_members ADD COLUMN removed_at TEXT;"
     "ALTER TABLE network_members ADD COLUMN removed_by INTEGER REFERENCES users(id);"
     "CREATE TABLE network_member_changes ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  youth_id INTEGER NOT NULL REFERENCES youths(id),"
     "  member_id INTEGER NOT NULL REFERENCES network_members(id),"
     "  field TEXT NOT NULL CHECK (field IN ('name','relation','contact','has_custody')),"
     "  old_value TEXT,"
     "  new_value TEXT,"
     "  reason TEXT NOT NULL,"
     "  changed_by INTEGER REFERENCES users(id),"
     "  changed_at TEXT NOT NULL);"
     "CREATE INDEX network_member_changes_member ON network_member_changes(member_id);"},
    /* An action of the plan is marked done, by whom and when, and may be
     * opened again (which clears both): the plan shows what was done. */
    {27, "actions of the plan that are done",
     "ALTER TABLE goal_actions ADD COLUMN done_at TEXT;"
     "ALTER TABLE goal_actions ADD COLUMN done_by INTEGER REFERENCES users(id);"},
    /* The alerts list pages by id, newest first (GET /api/v1/alerts?before=):
     * per young person of the caller's teams the index seeks straight to the
     * alerts below a page's cursor, so an older page does not read the newer
     * ones again. */
    {28, "the alerts of a young person by id, for paging the alerts list",
     "CREATE INDEX alerts_youth_id ON alerts(youth_id, id);"},
    /* Whose action of the plan it is: the young person's ('youth') or their
     * JIM's ('jim'), who may then tick it off themselves, or NULL for
     * someone else. The free-text owner stays the name the plan shows. The
     * column goes with its row when a file is destroyed (youth_tables.h). */
    {29, "whose action of the plan it is: the young person's, the JIM's or someone else's",
     "ALTER TABLE goal_actions ADD COLUMN owner_kind TEXT"
     "  CHECK (owner_kind IN ('youth','jim'));"},
    /* Why a person was taken out of the network (DELETE
     * /api/v1/network-members/{id} asks it), for the record the Jeugdwet
     * keeps; NULL for those removed before it was asked. The column goes
     * with its row when a file is destroyed (youth_tables.h). */
    {30, "why a person was taken out of the network",
     "ALTER TABLE network_members ADD COLUMN removed_reason TEXT;"},
    /* How an alert was closed: 'acknowledged' by a person (with a note), or
     * 'corrected' when a correction of the JIM's hours made it untrue (no
     * note); NULL while open. Every alert closed before was acknowledged:
     * nothing else closed one. The column goes with its row when a file is
     * destroyed. */
    {31, "how an alert was closed: acknowledged by a person or corrected hours",
     "ALTER TABLE alerts ADD COLUMN resolution TEXT"
     "  CHECK (resolution IN ('acknowledged','corrected'));"
     "UPDATE alerts SET resolution = 'acknowledged' WHERE acknowledged_at IS NOT NULL;"},
    /* A file's access log keeps the newest tries from outside the circle
     * apart from its other events (SQ_ACCESS_LOG); such a try is always by a
     * young person's or a JIM's account, so this index lets that half read
     * only those accounts' events of the file instead of its whole history. */
    {32, "an index of the events by young people's and JIMs' accounts, per file",
     "CREATE INDEX audit_events_youth_portal ON audit_events(youth_id, id)"
     "  WHERE role IN ('youth', 'jim');"},
    /* Browsers where an account logged in before (ASVS 2.2.1, docs/SECURITY.md
     * G14): a login that shows one of their tokens is not held back by a
     * lockout of its username that someone else's failures caused. Only the
     * token's hash is kept; a row is the account's, not a young person's.
     * The failures of a login from such a browser are counted from the audit
     * trail by the browser's id (object type 'login_device'). */
    {33, "the browsers where an account logged in, for a lockout that others cannot hold",
     "CREATE TABLE login_devices ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
     "  token_hash TEXT NOT NULL UNIQUE,"
     "  created_at INTEGER NOT NULL,"
     "  last_used_at INTEGER NOT NULL);"
     "CREATE INDEX login_devices_user ON login_devices(user_id, last_used_at);"
     "CREATE INDEX audit_login_failed_device ON audit_events(object_id, at)"
     "  WHERE action = 'login_failed' AND object_type = 'login_device';"},
    /* When the session's user last gave their password (ASVS 3.7.1,
     * docs/SECURITY.md G6): at the login, or confirmed since with POST
     * /api/v1/session/reauth. NULL in sessions from before: their login. */
    {34, "when a session's user last gave their password, for the routes that ask it again",
     "ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER"},
};

const int sqlite_migration_count = sizeof(sqlite_migrations) / sizeof(sqlite_migrations[0]);

/*
 * The highest id the audit trail names for a destroyed young person under
 * the object types whose ids can be rows of the table (the id of a request's
 * path, or of what it made); only whole numbers as kring writes them. An
 * object type may also name other tables' ids: the sequence then starts a
 * little higher than needed, never lower.
 */
#define AUDITED_IDS(types)                                                                         \
	"SELECT max(CAST(e.object_id AS INTEGER)) FROM destructions d JOIN audit_events e ON "     \
	"e.youth_id = d.youth_id WHERE e.object_type IN (" types ") AND CAST(CAST(e.object_id "    \
	"AS INTEGER) AS TEXT) = e.object_id"

/*
 * Migration 22: every table that a destruction deletes rows of
 * (youth_tables.h) and that has an id of its own. Its ids are in API
 * answers, links and the complete export, and many in the audit trail.
 * Records destroyed before the migration are known only by the ids the
 * audit trail names (and young people by destructions): a table's sequence
 * starts above those. A youth data table made later is made with
 * AUTOINCREMENT (test_store_sqlite.c checks).
 */
const struct sqlite_rebuild sqlite_rebuilds[] = {
    {22, "goal_views", AUDITED_IDS("'plan'")},
    {22, "goal_actions", AUDITED_IDS("'plan'")},
    {22, "meeting_participants", NULL},
    {22, "meeting_decisions", NULL},
    {22, "meeting_actions", AUDITED_IDS("'meeting'")},
    {22, "jim_activity_changes", NULL},
    {22, "jim_activities", AUDITED_IDS("'jim_activity'")},
    {22, "jim_costs", AUDITED_IDS("'jim_expense'")},
    {22, "expense_statements", AUDITED_IDS("'jim_expense'")},
    {22, "jim_checkins", AUDITED_IDS("'jim_checkin'")},
    {22, "alerts", AUDITED_IDS("'alert'")},
    {22, "assessments", NULL},
    {22, "parent_agreements", NULL},
    {22, "consents", AUDITED_IDS("'consent'")},
    {22, "jims", AUDITED_IDS("'jim', 'jim_activity', 'jim_expense', 'jim_checkin'")},
    {22, "nominations", AUDITED_IDS("'nomination', 'jim'")},
    {22, "network_members", AUDITED_IDS("'network'")},
    {22, "goals", AUDITED_IDS("'plan'")},
    {22, "evaluations", AUDITED_IDS("'plan'")},
    {22, "meetings", AUDITED_IDS("'meeting'")},
    {22, "journal_entries", AUDITED_IDS("'journal'")},
    {22, "break_glass", AUDITED_IDS("'break_glass', 'youth'")},
    {22, "youth_events", AUDITED_IDS("'outcome'")},
    {22, "school_attendance", AUDITED_IDS("'outcome'")},
    {22, "measurements", AUDITED_IDS("'outcome'")},
    {22, "youth_history", NULL},
    {22, "youth_statements", AUDITED_IDS("'youth_statement'")},
    {22, "youth_corrections", NULL},
    {22, "youths", "SELECT max(youth_id) FROM destructions"},
};

const int sqlite_rebuild_count = sizeof(sqlite_rebuilds) / sizeof(sqlite_rebuilds[0]);
