// Shared helpers for the outcome tests (docs/api-outcomes.md), issue 5.
//
// - startServerWith(): like harness startServer, but passes extra `serve`
//   arguments (e.g. --research-key FILE) and can reuse a database dir;
// - worldOn(server): the same people as dossier-fixture's setupDossierWorld,
//   on a server started here;
// - kaplanMeier(): a small independent Kaplan–Meier with Greenwood variance and
//   the log-log confidence interval, to check the server's figures;
// - parseCsv(), youth / JIM / living-situation helpers.
// Only node built-ins (Node 18).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import {
  KRING,
  ROOT,
  ADMIN_PASSWORD,
  kring,
  parseCliJson,
  assertNoSanitizerReport,
  api,
  loginAdmin,
  createUser,
  databaseIn,
  removeDir,
} from './harness.mjs';
import { signIn, acceptAndSignIn, APPROVE, addDays } from './dossier-fixture.mjs';

let seq = 0;
export const uniq = () => `${process.pid % 100000}${++seq}`;

// ---------------------------------------------------------------- servers

// Writes `n` random bytes to a new temp file; returns {file, cleanup}.
export function researchKeyFile(n = 32) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kring-rkey-'));
  const file = path.join(dir, 'research.key');
  writeFileSync(file, randomBytes(n), { mode: 0o600 });
  return { file, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts `kring serve` with `args` added (no TOTP). With reuseDir, serves that
// dir's database (no init, no admin); otherwise a fresh db with the admin user.
// On PostgreSQL the database is the one harness databaseIn() names for the dir.
// Returns an object shaped like harness startServer's.
export async function startServerWith({ args = [], reuseDir, env = {}, startTimeout = 30000 } = {}) {
  const dir = reuseDir || mkdtempSync(path.join(os.tmpdir(), 'kring-outc-'));
  const db = databaseIn(dir, { reuse: !!reuseDir });
  let admin = null;
  if (!reuseDir) {
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, `kring init: ${init.stderr}`);
    const add = kring(
      ['user', 'add', '--db', db, '--username', 'admin', '--role', 'admin', '--display-name', 'Beheerder', '--password-stdin'],
      ADMIN_PASSWORD + '\n',
    );
    assertNoSanitizerReport(add.stderr, 'kring user add');
    assert.equal(add.status, 0, `kring user add: ${add.stderr}`);
    admin = { ...parseCliJson(add.stdout), password: ADMIN_PASSWORD };
  }
  const full = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-dir', 'web', '--require-totp', 'none', ...args];
  const childEnv = { ...process.env };
  for (const k of Object.keys(childEnv)) if (k.startsWith('KRING_')) delete childEnv[k];
  Object.assign(childEnv, {
    ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0',
    UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1',
    ...env,
  });
  const proc = spawn(KRING, full, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let exited = null;
  const exitPromise = new Promise((resolve) => proc.on('close', (code, signal) => resolve((exited = { code, signal }))));
  proc.stderr.setEncoding('utf8');
  proc.stdout.resume();
  let base;
  try {
    base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in ${startTimeout} ms:\n${stderr}`)), startTimeout);
      proc.stderr.on('data', (d) => {
        stderr += d;
        const m = / msg=listening url=(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      exitPromise.then((e) => {
        clearTimeout(timer);
        reject(new Error(`kring serve ${args.join(' ')} exited early (${JSON.stringify(e)}):\n${stderr}`));
      });
    });
  } catch (e) {
    if (exited === null) proc.kill('SIGKILL');
    if (!reuseDir) removeDir(dir);
    throw e;
  }
  let stopped = false;
  return {
    base,
    db,
    dir,
    admin,
    proc,
    stderr: () => stderr,
    async stop({ keepDir = false } = {}) {
      if (stopped) return;
      stopped = true;
      if (exited === null) proc.kill('SIGTERM');
      const r = await Promise.race([exitPromise, new Promise((res) => setTimeout(() => res(null), 15000))]);
      try {
        if (r === null) {
          proc.kill('SIGKILL');
          assert.fail(`kring serve did not stop within 15 s:\n${stderr.slice(-4000)}`);
        }
        assertNoSanitizerReport(stderr, 'kring serve');
        assert.equal(r.code, 0, `kring serve exit code ${r.code} (signal ${r.signal}):\n${stderr.slice(-4000)}`);
      } finally {
        if (!keepDir) removeDir(dir);
      }
    },
  };
}

// Admin makes an organisation, teams A and B and pA, tA (team A), pB, tB
// (team B), po (privacy officer), rs (researcher); all signed in.
export async function worldOn(server) {
  const admin = await loginAdmin(server);
  const post = async (p, body) => {
    const r = await api(server.base, 'POST', p, { token: admin.token, body });
    assert.equal(r.status, 201, `POST ${p}: ${r.status} ${r.text}`);
    return r.json;
  };
  const u = uniq();
  const org = await post('/api/v1/organisations', { name: `Jeugdteam Oost ${u}` });
  const teamA = await post('/api/v1/teams', { name: `Team Alfa ${u}`, organisation_id: org.id });
  const teamB = await post('/api/v1/teams', { name: `Team Bravo ${u}`, organisation_id: org.id });
  const mk = async (key, role, display, teams) =>
    signIn(
      server.base,
      await createUser(server, admin.token, {
        username: `${key}.${u}`,
        role,
        display_name: display,
        organisation_id: org.id,
        ...(teams ? { team_ids: teams } : {}),
      }),
    );
  const pA = await mk('pa', 'professional', 'Anna Professional', [teamA.id]);
  const tA = await mk('ta', 'teamlead', 'Ties Teamlead', [teamA.id]);
  const pB = await mk('pb', 'professional', 'Bram Professional', [teamB.id]);
  const tB = await mk('tb', 'teamlead', 'Bea Teamlead', [teamB.id]);
  const po = await mk('po', 'privacy_officer', 'Pim Privacy');
  const rs = await mk('rs', 'researcher', 'Rosa Research');
  return { server, base: server.base, admin, org, teamA, teamB, pA, tA, pB, tB, po, rs };
}

// ---------------------------------------------------------------- dossier helpers

// A request helper bound to a base URL: req(who, method, path, body).
export function requester(base) {
  return (who, method, p, body) =>
    api(base, method, p.startsWith('/api/') ? p : `/api/v1${p}`, { token: who && who.token, ...(body !== undefined ? { body } : {}) });
}

// PATCH the living situation with a reason and date; asserts 200.
export async function moveTo(base, who, youthId, living, on) {
  const r = await api(base, 'PATCH', `/api/v1/youths/${youthId}`, {
    token: who.token,
    body: { living_situation: living, change_reason: `verhuizing naar ${living}`, effective_on: on },
  });
  assert.equal(r.status, 200, `move ${youthId} to ${living} on ${on}: ${r.status} ${r.text}`);
  assert.equal(r.json.living_situation, living);
  return r.json;
}

// Closes a trajectory (phase closed) with an end reason on a date; asserts 200.
export async function closeTrajectory(base, who, youthId, endReason, on) {
  const r = await api(base, 'PATCH', `/api/v1/youths/${youthId}`, {
    token: who.token,
    body: { phase: 'closed', end_reason: endReason, change_reason: 'traject afgesloten', effective_on: on },
  });
  assert.equal(r.status, 200, `close ${youthId} (${endReason}) on ${on}: ${r.status} ${r.text}`);
  assert.equal(r.json.phase, 'closed');
  return r.json;
}

// Nominates a candidate (dated today by the server); returns the nomination.
export async function nominate(base, who, youthId, name = 'Tante Els', extra = {}) {
  const r = await api(base, 'POST', `/api/v1/youths/${youthId}/nominations`, {
    token: who.token,
    body: { name, relation: 'tante', ...extra },
  });
  assert.equal(r.status, 201, `nominate: ${r.status} ${r.text}`);
  return r.json;
}

// Nominates, approves and activates a JIM (started_on optional, past), signs
// the JIM in. Returns {nomination, jimId, jim (signed in), activation}.
export async function activateJim(base, who, youthId, name = 'Oom Kees', startedOn) {
  const n = await nominate(base, who, youthId, name);
  const a = await api(base, 'POST', `/api/v1/nominations/${n.id}/assessment`, { token: who.token, body: APPROVE });
  assert.equal(a.status, 201, `approve: ${a.status} ${a.text}`);
  const username = `jim.o${uniq()}`;
  const act = await api(base, 'POST', `/api/v1/nominations/${n.id}/activate`, {
    token: who.token,
    body: { username, ...(startedOn ? { started_on: startedOn } : {}) },
  });
  assert.equal(act.status, 201, `activate: ${act.status} ${act.text}`);
  const jim = await acceptAndSignIn(base, act.json, username);
  return { nomination: n, jimId: act.json.jim.id, jim, activation: act.json };
}

// A valid BSN (eleven-test) from an 8-digit seed.
export function validBsn(seed) {
  const s = String(seed).padStart(8, '0').slice(-8);
  for (let last = 0; last <= 9; last++) {
    const d = (s + last).split('').map(Number);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += d[i] * (9 - i);
    sum -= d[8];
    if (sum % 11 === 0 && d[0] + d[1] + d[2] !== 0) return s + last;
  }
  return validBsn(Number(s) + 1);
}

// Days between two YYYY-MM-DD dates (b - a).
export function daysBetween(a, b) {
  const t = (d) => Date.UTC(...d.split('-').map((x, i) => (i === 1 ? Number(x) - 1 : Number(x))));
  return Math.round((t(b) - t(a)) / 86400000);
}

export { addDays };

// ---------------------------------------------------------------- statistics

// Kaplan–Meier over subjects [{time, event: bool}]. Returns the curve points
// (one per distinct time with an event or a censoring) with Greenwood
// variance and the log-log 95% interval S^exp(±1.96·σ/|ln S|), where
// σ² = Σ d/(n(n−d)) (the Greenwood variance of ln S).
export function kaplanMeier(subjects) {
  const times = [...new Set(subjects.map((s) => s.time))].sort((a, b) => a - b);
  let S = 1;
  let sum = 0;
  const curve = [];
  for (const t of times) {
    const atRisk = subjects.filter((s) => s.time >= t).length;
    const events = subjects.filter((s) => s.time === t && s.event).length;
    const censored = subjects.filter((s) => s.time === t && !s.event).length;
    if (events > 0) {
      S *= (atRisk - events) / atRisk;
      if (atRisk > events) sum += events / (atRisk * (atRisk - events));
    }
    const ci = logLogCI(S, sum);
    curve.push({ day: t, estimate: S, ci_low: ci.low, ci_high: ci.high, at_risk: atRisk, events, censored, greenwood: sum });
  }
  return curve;
}

// The log-log interval for an estimate S with Σ d/(n(n−d)) = sum.
export function logLogCI(S, sum) {
  if (!(S > 0 && S < 1)) return { low: null, high: null };
  const sigma = Math.sqrt(sum);
  const k = (1.96 * sigma) / Math.abs(Math.log(S));
  return { low: S ** Math.exp(k), high: S ** Math.exp(-k) };
}

// Estimate and number at risk at day `day` (the last step at or before it;
// at risk = subjects whose time is ≥ day). null when nobody was followed that long.
export function kmAt(subjects, day) {
  if (!subjects.some((s) => s.time >= day)) return null;
  const curve = kaplanMeier(subjects).filter((p) => p.day <= day);
  const last = curve[curve.length - 1];
  const S = last ? last.estimate : 1;
  const ci = last ? logLogCI(S, last.greenwood) : { low: null, high: null };
  return { estimate: S, ci_low: ci.low, ci_high: ci.high, at_risk: subjects.filter((s) => s.time >= day).length };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return null;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function near(actual, expected, tol, what) {
  assert.ok(typeof actual === 'number' && Number.isFinite(actual), `${what}: a number, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ± ${tol}, got ${actual}`);
}

// ---------------------------------------------------------------- CSV

// Parses `;`-separated CSV (quotes doubled inside quoted fields). Returns
// {bom, rows, crlf}.
export function parseCsv(text, sep = ';') {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (q) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field.length || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { bom, rows, crlf: body.includes('\r\n') };
}

// "0,6" → 0.6 (decimal comma); null for an empty or non-numeric cell.
export function dutchNumber(cell) {
  if (cell === undefined || cell === null) return null;
  const c = cell.trim();
  if (!/^-?\d+(,\d+)?$/.test(c)) return null;
  return Number(c.replace(',', '.'));
}

// GET with a bearer token, keeping the raw bytes (fetch's text() drops a BOM).
// Returns {status, headers, bytes, bom, text (without the BOM), json}.
export async function getRaw(base, who, p) {
  const res = await fetch(base + (p.startsWith('/api/') ? p : `/api/v1${p}`), {
    headers: who && who.token ? { Authorization: `Bearer ${who.token}` } : {},
    redirect: 'manual',
    signal: AbortSignal.timeout(20000),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, bytes, bom, text, json };
}
