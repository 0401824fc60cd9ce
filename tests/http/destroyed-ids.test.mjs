// A destroyed young person's records leave no id behind for someone else's
// (issue 8, the right to destruction). SQLite gave a new row max(id) + 1, so
// after the file holding the highest ids was destroyed, the next note,
// meeting, nomination or JIM of another young person took a destroyed
// record's number, which the audit trail, old links and requests still
// name. Migration 22 builds those tables anew with AUTOINCREMENT (SQLite's
// procedure for other schema changes); PostgreSQL's identity columns never
// reused an id. Here: every table a destruction deletes from, on both
// engines; and migration 22 itself on a database with rows (SQLite).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE, dbQuery, kring, sqlite, assertNoSanitizerReport, createUser, startServer } from './harness.mjs';
import { setupDossierWorld, client, createYouth, signIn, makeJim, todayAmsterdam, addDays, yearsAgo } from './dossier-fixture.mjs';

const T = todayAmsterdam();

// Every table of src/store/youth_tables.h with an id of its own, with the
// condition that picks a young person's rows (Y: their id).
const TABLES = {
  goal_views: 'goal_id IN (SELECT id FROM goals WHERE youth_id = Y)',
  goal_actions: 'goal_id IN (SELECT id FROM goals WHERE youth_id = Y)',
  meeting_participants: 'meeting_id IN (SELECT id FROM meetings WHERE youth_id = Y)',
  meeting_decisions: 'meeting_id IN (SELECT id FROM meetings WHERE youth_id = Y)',
  meeting_actions: 'meeting_id IN (SELECT id FROM meetings WHERE youth_id = Y)',
  jim_activity_changes: 'activity_id IN (SELECT id FROM jim_activities WHERE jim_id IN (SELECT id FROM jims WHERE youth_id = Y))',
  jim_activities: 'jim_id IN (SELECT id FROM jims WHERE youth_id = Y)',
  jim_costs: 'jim_id IN (SELECT id FROM jims WHERE youth_id = Y)',
  expense_statements: 'jim_id IN (SELECT id FROM jims WHERE youth_id = Y)',
  jim_checkins: 'jim_id IN (SELECT id FROM jims WHERE youth_id = Y)',
  alerts: 'youth_id = Y',
  assessments: 'nomination_id IN (SELECT id FROM nominations WHERE youth_id = Y)',
  parent_agreements: 'nomination_id IN (SELECT id FROM nominations WHERE youth_id = Y)',
  consents: 'youth_id = Y',
  jims: 'youth_id = Y',
  nominations: 'youth_id = Y',
  network_members: 'youth_id = Y',
  goals: 'youth_id = Y',
  evaluations: 'youth_id = Y',
  meetings: 'youth_id = Y',
  journal_entries: 'youth_id = Y',
  break_glass: 'youth_id = Y',
  youth_events: 'youth_id = Y',
  school_attendance: 'youth_id = Y',
  measurements: 'youth_id = Y',
  youth_history: 'youth_id = Y',
  youth_statements: 'youth_id = Y',
  youth_corrections: 'youth_id = Y',
  youths: 'id = Y',
};

// The audit object types under which a table's ids are recorded for a young
// person (src/http/routes.c and the handlers that name what they made).
const AUDITED_AS = {
  goal_views: ['plan'],
  goal_actions: ['plan'],
  meeting_actions: ['meeting'],
  jim_activities: ['jim_activity'],
  jim_costs: ['jim_expense'],
  expense_statements: ['jim_expense'],
  jim_checkins: ['jim_checkin'],
  alerts: ['alert'],
  consents: ['consent'],
  jims: ['jim', 'jim_activity', 'jim_expense', 'jim_checkin'],
  nominations: ['nomination', 'jim'],
  network_members: ['network'],
  goals: ['plan'],
  evaluations: ['plan'],
  meetings: ['meeting'],
  journal_entries: ['journal'],
  break_glass: ['break_glass', 'youth'],
  youth_events: ['outcome'],
  school_attendance: ['outcome'],
  measurements: ['outcome'],
  youth_statements: ['youth_statement'],
};

const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
const numbers = (text) => lines(text).map(Number);

// The ids of each table's rows of young person `y`.
function idsOf(db, y) {
  const out = {};
  for (const [table, cond] of Object.entries(TABLES)) {
    out[table] = numbers(dbQuery(db, `SELECT id FROM ${table} WHERE ${cond.replaceAll('Y', String(Number(y)))} ORDER BY id;`));
  }
  return out;
}

// Every table's largest id.
function maxIds(db) {
  const out = {};
  for (const table of Object.keys(TABLES)) out[table] = Number(dbQuery(db, `SELECT coalesce(max(id), 0) FROM ${table};`).trim());
  return out;
}

// A new young person of team A, 17 (their own consent is enough).
function newYouth(w, given) {
  return createYouth(w.base, w.pA, w.teamA.id, { given_name: given, birth_date: yearsAgo(T, 17).replace(/-\d\d$/, '-01'), started_on: addDays(T, -60) });
}

// One record of every kind that a destruction deletes, for young person
// `youth` (of newYouth): a JIM with activities (one changed), a cost, a
// statement and check-ins (one raises an alert, acknowledged); network, nomination,
// assessment and a custody holder's agreement; consents; goals with an
// action, the JIM's view and an evaluation; a note; a meeting with a
// participant, a decision and an action; outcome records; a statement of
// their own, a correction, a history line; another team's break-the-glass.
async function fillFile(w, gB, youth) {
  const c = client(w.base);
  const ok = async (r, what) => {
    const res = await r;
    assert.ok(res.status === 200 || res.status === 201, `${what}: ${res.status} ${res.text}`);
    return res.json;
  };
  const y = youth.id;
  const made = { youth: y };
  const custody = await ok(c.post(w.pA, `/youths/${y}/network`, { name: 'Moeder Ingrid', relation: 'moeder', has_custody: true }), 'network');
  made.network = custody.id;
  const { nomination, activation, jim } = await makeJim(w.base, w.pA, y, 'Oom Kees', { started_on: addDays(T, -30) });
  made.nomination = nomination.id;
  made.jim = activation.jim.id;
  const other = await ok(c.post(w.pA, `/youths/${y}/nominations`, { name: 'Tante Els', relation: 'tante' }), 'second nomination');
  await ok(c.post(w.pA, `/nominations/${other.id}/parent-agreements`, { network_member_id: custody.id, answer: 'agrees', answered_on: T }), 'parent agreement');
  for (const scope of ['share_plan', 'share_meetings', 'share_notes_marked_shared', 'share_outcomes'])
    made.consent = (await ok(c.post(w.pA, `/youths/${y}/consents`, { scope, given_by: 'youth' }), `consent ${scope}`)).id;
  const j = made.jim;
  made.activity = (await ok(c.post(jim, `/jims/${j}/activities`, { date: addDays(T, -3), minutes: 45, km: 6, kind: 'travel' }), 'activity')).id;
  const changed = await ok(c.post(jim, `/jims/${j}/activities`, { date: T, minutes: 60, kind: 'contact' }), 'activity to change');
  await ok(c.patch(w.pA, `/activities/${changed.id}`, { minutes: 50 }), 'activity change');
  made.cost = (await ok(c.post(jim, `/jims/${j}/costs`, { date: addDays(T, -3), amount_cents: 450, description: 'Bioscoop' }), 'cost')).id;
  made.statement = (await ok(c.post(jim, `/jims/${j}/statements`, { from: addDays(T, -7), to: addDays(T, -1) }), 'statement')).id;
  made.checkin = (await ok(c.post(jim, `/jims/${j}/checkins`, { wellbeing: 1, burden: 3, continue: 'yes' }), 'checkin')).id;
  const alerts = await ok(c.get(w.pA, '/alerts?state=all'), 'alerts');
  made.alert = alerts.items.find((a) => a.youth_id === y && a.kind === 'wellbeing_low').id;
  await ok(c.post(w.pA, `/alerts/${made.alert}/acknowledge`, { note: 'Gebeld met de JIM' }), 'acknowledge');
  const goal = await ok(c.post(w.pA, `/youths/${y}/goals`, { title: 'Naar school gaan', author_kind: 'professional' }), 'goal');
  made.goal = goal.id;
  made.goal_action = (await ok(c.post(w.pA, `/goals/${goal.id}/actions`, { description: 'Mentor bellen', owner: 'Oom Kees' }), 'goal action')).id;
  made.goal_view = (await ok(c.post(jim, `/goals/${goal.id}/views`, { text: 'Het gaat al beter' }), 'goal view')).id;
  made.evaluation = (await ok(c.post(w.pA, `/youths/${y}/evaluations`, { held_on: T, participants: ['Anna'], scores: [{ goal_id: goal.id, score: 6 }] }), 'evaluation')).id;
  made.note = (await ok(c.post(w.pA, `/youths/${y}/journal`, { occurred_on: T, kind: 'note', text: 'Gesprek op school', shared: false }), 'note')).id;
  const meeting = await ok(
    c.post(w.pA, `/youths/${y}/meetings`, { kind: 'network', starts_at: '2027-05-12T09:00:00Z', ends_at: '2027-05-12T10:00:00Z', location: 'Wijkcentrum' }),
    'meeting',
  );
  made.meeting = meeting.id;
  made.participant = (await ok(c.post(w.pA, `/meetings/${meeting.id}/participants`, { user_id: null, name: 'Oma Truus' }), 'participant')).id;
  made.decision = (await ok(c.post(w.pA, `/meetings/${meeting.id}/decisions`, { type: 'plan_changed', text: 'Doel school aangescherpt' }), 'decision')).id;
  made.meeting_action = (await ok(c.post(w.pA, `/meetings/${meeting.id}/actions`, { description: 'School bellen', owner_user_id: jim.id }), 'meeting action')).id;
  made.event = (await ok(c.post(w.pA, `/youths/${y}/events`, { type: 'school_return', occurred_on: addDays(T, -10) }), 'event')).id;
  made.attendance = (await ok(c.post(w.pA, `/youths/${y}/attendance`, { period_from: addDays(T, -50), period_to: addDays(T, -20), share_attended: 80 }), 'attendance')).id;
  made.measurement = (await ok(c.post(w.pA, `/youths/${y}/measurements`, { moment: 'T0', measured_on: addDays(T, -59), kind: 'satisfaction_youth', score: 7 }), 'measurement')).id;
  made.youth_statement = (await ok(c.post(w.pA, `/youths/${y}/statements`, { text: 'Ik ben het niet eens met het verslag.' }), 'youth statement')).id;
  await ok(c.patch(w.pA, `/youths/${y}`, { family_name: `${youth.family_name} Jansen`, change_reason: 'schrijffout' }), 'correction');
  await ok(c.patch(w.pA, `/youths/${y}`, { legal_frame: 'ots', change_reason: 'Uitspraak kinderrechter' }), 'history');
  made.break_glass = (await ok(c.post(gB, `/youths/${y}/break-glass`, { reason: 'Crisis in de nacht, dossier nodig voor de wachtdienst' }), 'break glass')).id;
  for (const [k, v] of Object.entries(made)) assert.ok(Number.isInteger(v), `${k} id: ${v}`);
  return made;
}

// Destroys young person `y` the way an approved destruction request does.
async function destroy(w, y) {
  const c = client(w.base);
  const ask = await c.post(w.po, `/youths/${y}/requests`, { kind: 'destruction', requested_by: 'youth' });
  assert.equal(ask.status, 201, ask.text);
  const closed = await c.post(w.po, `/requests/${ask.json.id}/close`, { status: 'done', confirm_youth_id: y });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.destroyed, true);
}

function auditVerify(db) {
  const r = kring(['audit', 'verify', '--db', db]);
  assertNoSanitizerReport(r.stderr, 'kring audit verify');
  assert.equal(r.status, 0, `kring audit verify: ${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /audit chain intact/);
}

// Asserts that no id of `fresh` (per table) is one of `gone`.
function assertNoneReused(fresh, gone, what) {
  const reused = {};
  for (const table of Object.keys(gone)) {
    const again = (fresh[table] || []).filter((id) => gone[table].includes(id));
    if (again.length) reused[table] = again;
  }
  assert.deepEqual(reused, {}, `${what}: destroyed ids given out again`);
}

async function breakGlassUser(w) {
  const gB = await createUser(w.server, w.admin.token, {
    username: `gb.${process.pid}.${Date.now() % 100000}`,
    role: 'professional',
    display_name: 'Gert Glas',
    organisation_id: w.org.id,
    team_ids: [w.teamB.id],
  });
  return signIn(w.base, gB);
}

describe('a destroyed young person’s ids are never given to another’s records', () => {
  let w;
  let gB;
  before(async () => {
    w = await setupDossierWorld();
    gB = await breakGlassUser(w);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('A held the highest id of every kind; after A is destroyed, B’s new records take none of them', async () => {
    const db = w.server.db;
    const b = await newYouth(w, 'Bente');
    const a = await fillFile(w, gB, await newYouth(w, 'Anouk'));
    const gone = idsOf(db, a.youth);
    const top = maxIds(db);
    for (const [table, ids] of Object.entries(gone)) {
      assert.ok(ids.length > 0, `A has a row in ${table}`);
      assert.equal(Math.max(...ids), top[table], `A holds the highest id of ${table}`);
    }
    await destroy(w, a.youth);
    for (const [table, ids] of Object.entries(idsOf(db, a.youth))) assert.deepEqual(ids, [], `A's ${table} destroyed`);
    auditVerify(db);

    // B, made before A, now gets records of every kind; and a new young person comes.
    const made = await fillFile(w, gB, b);
    const fresh = idsOf(db, b.id);
    fresh.youths = [(await newYouth(w, 'Cas')).id];
    for (const table of Object.keys(TABLES)) assert.ok(fresh[table].length > 0, `new rows in ${table}`);
    assertNoneReused(fresh, gone, 'the records made after the destruction');
    // The ids the API answered with.
    const tableOf = { note: 'journal_entries', meeting: 'meetings', nomination: 'nominations', goal: 'goals', jim: 'jims', activity: 'jim_activities', consent: 'consents', alert: 'alerts' };
    for (const [kind, table] of Object.entries(tableOf)) assert.ok(!gone[table].includes(made[kind]), `B's new ${kind} ${made[kind]} was A's`);
    auditVerify(db);
  });
});

// Tables that a later migration made with AUTOINCREMENT, not migration 22:
// the undo below leaves them as they are.
const LATER_AUTOINCREMENT = [
  'sessions', // migration 24: a session's number is never given out again
  'network_member_changes', // migration 26: the corrections of network members
  'login_devices', // migration 33: a browser's number is never given out again (its failures are counted by it)
];
const NOT_LATER = `name NOT IN (${LATER_AUTOINCREMENT.map((t) => `'${t}'`).join(', ')})`;

// Builds the tables of migration 22 back as they were before it (without
// AUTOINCREMENT, every row, index and trigger kept) and forgets the
// migration: a database of before migration 22 with its rows.
function undoMigration22(db) {
  const read = (q) => {
    const r = sqlite(db, `.mode json\n${q}\n`);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout || '[]');
  };
  const tables = read(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%' AND ${NOT_LATER};`);
  assert.equal(tables.length, Object.keys(TABLES).length, `AUTOINCREMENT tables: ${tables.map((t) => t.name)}`);
  let script = 'PRAGMA foreign_keys = OFF;\nBEGIN;\n';
  for (const { name, sql } of tables) {
    const kept = read(`SELECT sql FROM sqlite_schema WHERE tbl_name = '${name}' AND type IN ('index', 'trigger') AND sql IS NOT NULL;`);
    const def = sql.replace(/^CREATE TABLE "?\w+"? \(/, `CREATE TABLE ${name}_undo (`).replace('id INTEGER PRIMARY KEY AUTOINCREMENT,', 'id INTEGER PRIMARY KEY,');
    assert.notEqual(def, sql);
    script += `${def};\nINSERT INTO ${name}_undo SELECT * FROM ${name};\nDROP TABLE ${name};\n`;
    script += `PRAGMA legacy_alter_table = ON;\nALTER TABLE ${name}_undo RENAME TO ${name};\nPRAGMA legacy_alter_table = OFF;\n`;
    for (const k of kept) script += `${k.sql};\n`;
  }
  script += `DELETE FROM sqlite_sequence WHERE ${NOT_LATER};\nDELETE FROM schema_migrations WHERE version = 22;\nCOMMIT;\n`;
  const r = sqlite(db, `.bail on\n${script}`);
  assert.equal(r.status, 0, `undo migration 22: ${r.stderr}`);
}

describe('migration 22 on a database with rows (SQLite)', { skip: ENGINE !== 'sqlite' && 'SQLite only: PostgreSQL has nothing to build anew' }, () => {
  let w;
  let server;
  let gB;
  before(async () => {
    w = await setupDossierWorld();
    server = w.server;
    gB = await breakGlassUser(w);
  });
  after(async () => {
    if (server) await server.stop();
  });

  const schemaRows = (db, types) =>
    JSON.parse(sqlite(db, `.mode json\nSELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN (${types}) ORDER BY type, name;\n`).stdout || '[]');
  // Every table's rows, as text, by table name.
  const contents = (db) => {
    const out = {};
    for (const t of lines(dbQuery(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name;")))
      out[t] = dbQuery(db, `SELECT * FROM "${t}" ORDER BY rowid;`);
    return out;
  };
  const plainDefinition = (sql) => sql.replace(/^CREATE TABLE "(\w+)"/, 'CREATE TABLE $1').replace(' AUTOINCREMENT', '');

  it('keeps every row, id, index and trigger; the ids the audit trail names for files destroyed before it do not come back', async () => {
    const db = server.db;
    await fillFile(w, gB, await newYouth(w, 'Bas'));
    // D holds the highest ids and is destroyed before the migration.
    const d = await fillFile(w, gB, await newYouth(w, 'Dirk'));
    const gone = idsOf(db, d.youth);
    await destroy(w, d.youth);
    const dir = server.dir;
    await server.stop({ keepDir: true });
    server = null;

    undoMigration22(db);
    assert.equal(dbQuery(db, `SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%AUTOINCREMENT%' AND ${NOT_LATER};`).trim(), '0');
    const before = {
      indexes: schemaRows(db, "'index', 'trigger'"),
      tables: schemaRows(db, "'table'").filter((t) => t.name !== 'sqlite_sequence'),
      rows: contents(db),
    };
    assert.ok(before.indexes.filter((r) => r.type === 'trigger').length >= 20, 'the facts triggers');
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout + init.stderr, /database ready: 1 migration\(s\) applied/);

    assert.deepEqual(schemaRows(db, "'index', 'trigger'"), before.indexes, 'the same indexes and triggers, word for word');
    const tables = schemaRows(db, "'table'").filter((t) => t.name !== 'sqlite_sequence');
    assert.deepEqual(
      tables.map((t) => ({ ...t, sql: plainDefinition(t.sql) })),
      before.tables.map((t) => ({ ...t, sql: plainDefinition(t.sql) })),
      'the same tables, columns and constraints',
    );
    for (const t of tables) {
      assert.equal(t.sql.includes('id INTEGER PRIMARY KEY AUTOINCREMENT,'), t.name in TABLES || LATER_AUTOINCREMENT.includes(t.name), `${t.name}: AUTOINCREMENT`);
    }
    const rows = contents(db);
    assert.deepEqual(rows.schema_migrations.replace(/^22\|.*\n/m, ''), before.rows.schema_migrations, 'only 22 added');
    assert.deepEqual({ ...rows, schema_migrations: '' }, { ...before.rows, schema_migrations: '' }, 'every row, with its id');
    assert.equal(dbQuery(db, 'PRAGMA integrity_check;').trim(), 'ok');
    assert.equal(dbQuery(db, 'PRAGMA foreign_key_check;').trim(), '');
    auditVerify(db);

    // What is known of D's records after the undo: D's id (destructions)
    // and the ids the audit trail names for D under each table's types.
    const known = { youths: [d.youth] };
    for (const [table, types] of Object.entries(AUDITED_AS)) {
      const ofTypes = new Set(numbers(dbQuery(db, `SELECT object_id FROM audit_events WHERE youth_id = ${d.youth} AND object_type IN (${types.map((t) => `'${t}'`).join(', ')});`)));
      known[table] = gone[table].filter((id) => ofTypes.has(id));
    }
    for (const k of ['journal_entries', 'meetings', 'goals', 'jims', 'nominations', 'jim_activities', 'consents', 'network_members', 'alerts'])
      assert.ok(known[k].length > 0, `the audit trail names D's ${k}`);

    server = await startServer({ requireTotp: 'none', reuseDir: dir });
    w = { ...w, server, base: server.base };
    const e = await fillFile(w, gB, await newYouth(w, 'Eva'));
    const fresh = idsOf(db, e.youth);
    assertNoneReused(fresh, known, 'records made after the migration');
    auditVerify(db);
  });

  it('runs on a database that already held a broken reference elsewhere, and leaves it as it was', async () => {
    // A row whose reference was broken before the upgrade (made with the
    // sqlite3 tool, where foreign keys are off by default), in a table
    // migration 22 does not touch: kring ran with it, and must start after
    // the upgrade too; the check after the rebuild is for what the rebuild
    // breaks.
    const db = server.db;
    const dir = server.dir;
    await server.stop({ keepDir: true });
    server = null;
    undoMigration22(db);
    dbQuery(db, `INSERT INTO team_members (team_id, user_id, added_at) VALUES (${w.teamA.id}, 987654, '2026-01-05T09:00:00.000Z');`);
    const broken = dbQuery(db, 'PRAGMA foreign_key_check;').trim();
    assert.match(broken, /^team_members\|\d+\|users\|\d+$/);
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout + init.stderr, /database ready: 1 migration\(s\) applied/);
    assert.equal(dbQuery(db, `SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%id INTEGER PRIMARY KEY AUTOINCREMENT,%' AND ${NOT_LATER};`).trim(),
      String(Object.keys(TABLES).length), 'every table built anew');
    assert.equal(dbQuery(db, 'PRAGMA foreign_key_check;').trim(), broken, 'the broken reference as it was, and no other');
    server = await startServer({ requireTotp: 'none', reuseDir: dir });
  });
});
