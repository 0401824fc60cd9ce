// Shared setup for the dossier / JIM-workflow tests (docs/api-dossier.md).
//
// setupDossierWorld() starts one server (no TOTP), and as admin creates an
// organisation, teams A and B and the people the tests need:
//   pA (professional) and tA (teamlead) in team A,
//   pB (professional) and tB (teamlead) in team B,
//   po (privacy_officer) and rs (researcher), plus the admin session.
// Every person comes back signed in: person.token is a bearer token.
// The helpers below compute Europe/Amsterdam calendar dates and make
// dossiers, accounts and JIMs through the API.

import assert from 'node:assert/strict';
import { startServer, api, loginOk, loginAdmin, createUser, sqlite, isPgUrl, dbExec } from './harness.mjs';

let seq = 0;
const uniq = () => `${process.pid % 100000}${++seq}`;

// ---------------------------------------------------------------- dates

// Today's calendar date in Europe/Amsterdam, as YYYY-MM-DD.
export function todayAmsterdam(now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const parse = (d) => d.split('-').map(Number);
const fmt = (y, m, d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

// Date arithmetic on YYYY-MM-DD strings (calendar days, no time zone).
export function addDays(date, n) {
  const [y, m, d] = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d) + n * 86400000);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

// Same day n months later (n may be negative); the day must exist in the
// target month (the tests only use days up to 28 or today's day when valid).
export function addMonths(date, n) {
  const [y, m, d] = parse(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  assert.ok(d <= last, `addMonths(${date}, ${n}): day ${d} does not exist in ${ny}-${nm}`);
  return fmt(ny, nm, d);
}

// The same calendar day n years earlier (birth date of someone who turns
// n today). On 29 February the test cannot express that; fail loudly.
export function yearsAgo(date, n) {
  const [y, m, d] = parse(date);
  if (m === 2 && d === 29) throw new Error('yearsAgo on 29 February: rerun tomorrow');
  return fmt(y - n, m, d);
}

export const TODAY = () => todayAmsterdam();

// ---------------------------------------------------------------- world

// Signs a user in and returns {...user, token, csrf_token, session}.
export async function signIn(base, user) {
  const s = await loginOk(base, user.username, user.password);
  return { ...user, token: s.token, csrf_token: s.csrf_token, session: s };
}

export async function setupDossierWorld(opts = {}) {
  const server = await startServer({ requireTotp: 'none', ...opts });
  try {
    const admin = await loginAdmin(server);
    const post = async (p, body) => {
      const r = await api(server.base, 'POST', p, { token: admin.token, body });
      assert.equal(r.status, 201, `POST ${p}: ${r.status} ${r.text}`);
      return r.json;
    };
    const u = uniq();
    const org = await post('/api/v1/organisations', { name: `Jeugdteam Noord ${u}` });
    const teamA = await post('/api/v1/teams', { name: `Team A ${u}`, organisation_id: org.id });
    const teamB = await post('/api/v1/teams', { name: `Team B ${u}`, organisation_id: org.id });
    const mk = async (key, role, display, teams) => {
      const user = await createUser(server, admin.token, {
        username: `${key}.${u}`,
        role,
        display_name: display,
        organisation_id: org.id,
        ...(teams ? { team_ids: teams } : {}),
      });
      return signIn(server.base, user);
    };
    const pA = await mk('pa', 'professional', 'Anna Professional', [teamA.id]);
    const tA = await mk('ta', 'teamlead', 'Ties Teamlead', [teamA.id]);
    const pB = await mk('pb', 'professional', 'Bram Professional', [teamB.id]);
    const tB = await mk('tb', 'teamlead', 'Bea Teamlead', [teamB.id]);
    const po = await mk('po', 'privacy_officer', 'Pim Privacy');
    const rs = await mk('rs', 'researcher', 'Rosa Research');
    return { server, base: server.base, admin, org, teamA, teamB, pA, tA, pB, tB, po, rs };
  } catch (e) {
    await server.stop().catch(() => {});
    throw e;
  }
}

// ---------------------------------------------------------------- dossiers

// A valid dossier body for team `teamId` (a 15-year-old by default).
export function youthBody(teamId, over = {}) {
  const n = uniq();
  return {
    given_name: `Sanne`,
    family_name: `de Vries ${letters(n)}`,
    birth_date: yearsAgo(todayAmsterdam(), 15).replace(/-\d\d$/, '-01'),
    municipality: 'Utrecht',
    team_id: teamId,
    ...over,
  };
}

// Digits → letters, so generated names stay valid person names.
export function letters(n) {
  return String(n)
    .split('')
    .map((c) => 'abcdefghij'[Number(c)])
    .join('');
}

// POST /api/v1/youths as `who`; asserts 201 and returns the dossier.
export async function createYouth(base, who, teamId, over = {}) {
  const body = youthBody(teamId, over);
  const r = await api(base, 'POST', '/api/v1/youths', { token: who.token, body });
  assert.equal(r.status, 201, `create youth ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  assert.ok(Number.isInteger(r.json.id), `dossier id in ${r.text}`);
  return r.json;
}

// Generic call helpers bound to a base URL.
export function client(base) {
  const call = (method) => (who, p, body) =>
    api(base, method, p.startsWith('/api/') ? p : `/api/v1${p}`, { token: who && who.token, ...(body !== undefined ? { body } : {}) });
  return { get: call('GET'), post: call('POST'), patch: call('PATCH'), put: call('PUT'), del: call('DELETE') };
}

// Accepts an invitation with a fresh password and signs the account in.
export async function acceptAndSignIn(base, created, username) {
  assert.ok(created.invitation && typeof created.invitation.token === 'string', `invitation in ${JSON.stringify(created)}`);
  const password = `${username}-Wachtwoord-2026!`;
  const a = await api(base, 'POST', `/api/v1/invitations/${encodeURIComponent(created.invitation.token)}/accept`, {
    body: { password },
  });
  assert.equal(a.status, 200, `accept invitation ${username}: ${a.status} ${a.text}`);
  return signIn(base, { ...created, ...a.json, username, password });
}

// Makes the young person's own account (POST /youths/{id}/account by a team
// professional), accepts it and signs in.
export async function youthAccount(base, pro, youthId) {
  const username = `jongere.${uniq()}`;
  const r = await api(base, 'POST', `/api/v1/youths/${youthId}/account`, { token: pro.token, body: { username } });
  assert.equal(r.status, 201, `youth account: ${r.status} ${r.text}`);
  assert.equal(r.json.role, 'youth');
  return acceptAndSignIn(base, r.json, username);
}

export const APPROVE = {
  is_parent: false,
  adult: true,
  willing_to_cooperate: true,
  child_safe: true,
  own_load_manageable: true,
  decision: 'approve',
};

// Nominates a candidate, approves them, activates them as JIM, accepts the
// invitation and signs the JIM in. Returns {nomination, activation, jim}.
// opts.started_on (YYYY-MM-DD, past) is passed to the activation.
export async function makeJim(base, pro, youthId, name = 'Oom Kees', opts = {}) {
  const n = await api(base, 'POST', `/api/v1/youths/${youthId}/nominations`, {
    token: pro.token,
    body: { name, relation: 'oom' },
  });
  assert.equal(n.status, 201, `nominate: ${n.status} ${n.text}`);
  const a = await api(base, 'POST', `/api/v1/nominations/${n.json.id}/assessment`, { token: pro.token, body: APPROVE });
  assert.equal(a.status, 201, `approve: ${a.status} ${a.text}`);
  const username = `jim.${uniq()}`;
  const actBody = { username, ...(opts.started_on ? { started_on: opts.started_on } : {}) };
  const act = await api(base, 'POST', `/api/v1/nominations/${n.json.id}/activate`, { token: pro.token, body: actBody });
  assert.equal(act.status, 201, `activate: ${act.status} ${act.text}`);
  const jim = await acceptAndSignIn(base, act.json, username);
  return { nomination: n.json, activation: act.json, jim };
}

// Adds a network member (has_custody true by default); returns the member.
export async function addNetwork(base, pro, youthId, over = {}) {
  const body = { name: 'Moeder Ingrid', relation: 'moeder', has_custody: true, ...over };
  const r = await api(base, 'POST', `/api/v1/youths/${youthId}/network`, { token: pro.token, body });
  assert.equal(r.status, 201, `network member: ${r.status} ${r.text}`);
  assert.ok(Number.isInteger(r.json.id));
  return r.json;
}

// ---------------------------------------------------------------- JIM support (issue 4)

// ISO 8601 week of a YYYY-MM-DD date, as "2026-W48".
export function isoWeek(date) {
  const [y, m, d] = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d));
  const dow = t.getUTCDay() || 7; // Monday 1 .. Sunday 7
  t.setUTCDate(t.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${pad(week)}`;
}

// The Monday of the ISO week of a date.
export function mondayOf(date) {
  const [y, m, d] = parse(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  return addDays(date, 1 - dow);
}

// A youth in `teamId` with an active, signed-in JIM. Returns
// {youth, jim (signed-in user), jimId, activation}. opts: youth (dossier
// fields), name (the JIM's name), started_on (the JIM's start date).
export async function youthWithJim(base, pro, teamId, opts = {}) {
  const youth = await createYouth(base, pro, teamId, opts.youth || {});
  const { activation, jim } = await makeJim(base, pro, youthId(youth), opts.name || 'Oom Kees', { started_on: opts.started_on });
  assert.ok(activation.jim && Number.isInteger(activation.jim.id), `jim id in ${JSON.stringify(activation)}`);
  return { youth, jim, jimId: activation.jim.id, activation };
}
const youthId = (y) => y.id;

// Moves a timestamp column of one row `days` days into the past, editing the
// database directly (the server has no clock to fast-forward): the SQLite
// file, or the PostgreSQL database with psql (`db` as passed to --db). Keeps
// the column's format: ISO text (with or without milliseconds), a date, or an
// integer of seconds / milliseconds (on PostgreSQL also a date or timestamp
// column). Returns {before, after}.
export function backdate(db, table, column, id, days) {
  assert.match(table, /^\w+$/);
  assert.match(column, /^\w+$/);
  const pg = isPgUrl(db);
  const q = pg
    ? dbExec(db, `SELECT json_build_object('t', pg_typeof(${column})::text, 'v', ${column}) FROM ${table} WHERE id = ${Number(id)};\n`)
    : sqlite(db, `.timeout 10000\n.mode json\nSELECT typeof(${column}) AS t, ${column} AS v FROM ${table} WHERE id = ${Number(id)};\n`);
  assert.equal(q.status, 0, `${pg ? 'psql' : 'sqlite3'} read ${table}.${column}: ${q.stderr}`);
  const rows = pg
    ? q.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
    : JSON.parse(q.stdout || '[]');
  assert.equal(rows.length, 1, `one row ${table} id ${id}: ${q.stdout}`);
  let { t, v } = rows[0];
  if (pg) {
    // PostgreSQL type names to SQLite's storage classes (the value as text).
    if (['integer', 'bigint', 'smallint'].includes(t)) t = 'integer';
    else if (['text', 'character varying', 'character', 'date'].includes(t)) t = 'text';
    else if (t.startsWith('timestamp')) {
      // json_build_object gives 2026-01-02T03:04:05.123+00:00; move it in SQL.
      const u = dbExec(db, `UPDATE ${table} SET ${column} = ${column} - interval '${Number(days)} days' WHERE id = ${Number(id)};\n`);
      assert.equal(u.status, 0, `psql update ${table}.${column}: ${u.stderr}`);
      return { before: v, after: dbExec(db, `SELECT ${column} FROM ${table} WHERE id = ${Number(id)};`).stdout.trim() };
    }
  }
  let next;
  if (t === 'integer') next = String(v > 1e11 ? v - days * 86400000 : v - days * 86400);
  else if (t === 'text' && /^\d{4}-\d{2}-\d{2}$/.test(v)) next = `'${addDays(v, -days)}'`;
  else if (t === 'text') {
    const ms = Date.parse(v.includes('T') || !v.includes(' ') ? v : v.replace(' ', 'T') + 'Z');
    assert.ok(!Number.isNaN(ms), `parse ${table}.${column} = ${v}`);
    let iso = new Date(ms - days * 86400000).toISOString();
    if (!/\.\d+Z$/.test(v)) iso = iso.replace(/\.\d+Z$/, 'Z');
    if (!v.includes('T')) iso = iso.replace('T', ' ').replace(/Z$/, '');
    next = `'${iso}'`;
  } else assert.fail(`${table}.${column}: unexpected ${t} ${v}`);
  const u = pg
    ? dbExec(db, `UPDATE ${table} SET ${column} = ${next} WHERE id = ${Number(id)};\n`)
    : sqlite(db, `.timeout 10000\nUPDATE ${table} SET ${column} = ${next} WHERE id = ${Number(id)};\n`);
  assert.equal(u.status, 0, `${pg ? 'psql' : 'sqlite3'} update ${table}.${column}: ${u.stderr}`);
  return { before: v, after: next };
}

// Table names of the database (sqlite3 .tables, or the public schema on
// PostgreSQL), to find the real names.
export function tableNames(db) {
  const q = dbExec(db, {
    sqlite: `SELECT name FROM sqlite_master WHERE type = 'table';\n`,
    postgresql: `SELECT tablename FROM pg_tables WHERE schemaname = 'public';\n`,
  });
  assert.equal(q.status, 0, q.stderr);
  return q.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

// Two 16-year-olds of team A of the dossier world `w`, each with a JIM
// (Sem with "Oom Kees", Lotte with "Tante Ria"), their own account and one
// goal of their plan: {y, me, goal} for Sem and {y2, me2, goal2} for Lotte
// (y as youthWithJim answers, me as youthAccount does).
export async function twoYouthsWithGoals(w) {
  const today = todayAmsterdam();
  const one = async (jim, givenName, familyName, title) => {
    const y = await youthWithJim(w.base, w.pA, w.teamA.id, {
      name: jim,
      youth: { given_name: givenName, family_name: familyName, birth_date: yearsAgo(today, 16) },
    });
    const me = await youthAccount(w.base, w.pA, y.youth.id);
    const g = await api(w.base, 'POST', `/api/v1/youths/${y.youth.id}/goals`, { token: w.pA.token, body: { title, author_kind: 'youth' } });
    assert.equal(g.status, 201, g.text);
    return { y, me, goal: g.json };
  };
  const sem = await one('Oom Kees', 'Sem', 'Veldhuizen', 'Naar school');
  const lotte = await one('Tante Ria', 'Lotte', 'Bakker', 'Werk vinden');
  return { ...sem, y2: lotte.y, me2: lotte.me, goal2: lotte.goal };
}
