// The audit trail over HTTP (privacy officer only, newest first, filters, no
// secrets) and `kring audit verify` on intact and tampered databases.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginOk, loginAdmin, createUser, assertError, kring, dbExec, copyDatabase, removeDatabase, removeDir, assertNoSanitizerReport, ISO_UTC, ENGINE } from './harness.mjs';

// SQL that drops one of the audit triggers (PostgreSQL names the table too).
const dropTrigger = (name) => ({ sqlite: `DROP TRIGGER ${name};`, postgresql: `DROP TRIGGER ${name} ON audit_events;` });

const EVENT_FIELDS = ['id', 'at', 'user_id', 'username', 'role', 'responsible_user_id', 'action', 'object_type', 'object_id', 'youth_id', 'outcome', 'client_addr', 'reason', 'prev_hash', 'hash'];

describe('audit trail over HTTP and audit verify', () => {
  let server;
  let admin;
  let prof;
  let po;
  const secrets = []; // strings that must never appear in the audit
  let dbPath;
  let dir;
  const copies = []; // tampered copies of the database

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    dbPath = server.db;
    dir = server.dir;
    admin = await loginAdmin(server);
    secrets.push(server.admin.password, admin.token, admin.csrf_token);
    prof = await createUser(server, admin.token, { username: 'prof.gert', role: 'professional' });
    po = await createUser(server, admin.token, { username: 'privacy.hans', role: 'privacy_officer' });
    secrets.push(prof.password, po.password, prof.invitation.token, po.invitation.token);
    prof.session = await loginOk(server.base, 'prof.gert', prof.password);
    po.session = await loginOk(server.base, 'privacy.hans', po.password);
    secrets.push(prof.session.token, prof.session.csrf_token, po.session.token, po.session.csrf_token);
    // Some traffic: a failed login with a recognisable wrong password, a denied request, a logout.
    const wrong = 'geheim-fout-wachtwoord-XYZ';
    secrets.push(wrong);
    assert.equal((await login(server.base, 'prof.gert', wrong)).status, 401);
    assert.equal((await api(server.base, 'GET', '/api/v1/users', { token: prof.session.token })).status, 403);
    const extra = await loginOk(server.base, 'admin', server.admin.password);
    secrets.push(extra.token, extra.csrf_token);
    assert.equal((await api(server.base, 'DELETE', '/api/v1/session', { token: extra.token })).status, 204);
    assert.equal((await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, body: { name: 'Audit org' } })).status, 201);
  });

  after(async () => {
    if (server) await server.stop();
    for (const c of copies) removeDatabase(c);
    if (dir) removeDir(dir);
  });

  const audit = (q = '', token = po.session.token) => api(server.base, 'GET', `/api/v1/audit${q}`, { token });

  it('a privacy officer gets the events newest first with the contract fields', async () => {
    const r = await audit('?limit=1000');
    assert.equal(r.status, 200, r.text);
    const items = r.json.items;
    assert.ok(items.length >= 8, `several events: ${items.length}`);
    for (const e of items) {
      for (const f of EVENT_FIELDS) assert.ok(f in e, `field ${f} in ${JSON.stringify(e)}`);
      assert.ok(Number.isInteger(e.id));
      assert.match(e.at, ISO_UTC);
      assert.equal(typeof e.action, 'string');
      assert.ok(e.action.length > 0);
      assert.equal(typeof e.outcome, 'string');
      assert.equal(typeof e.hash, 'string');
      assert.match(e.hash, /^[0-9a-f]{32,}$/i);
    }
    for (let i = 1; i < items.length; i++) {
      assert.ok(items[i - 1].id > items[i].id, `ids descending at ${i}`);
      assert.ok(items[i - 1].at >= items[i].at, `times non-increasing at ${i}`);
      if (items[i - 1].id === items[i].id + 1) {
        assert.equal(items[i - 1].prev_hash, items[i].hash, `event ${items[i - 1].id} chains to ${items[i].id}`);
      }
    }
    const hashes = new Set(items.map((e) => e.hash));
    assert.equal(hashes.size, items.length, 'hashes are unique');
  });

  it('the events name who did what: login, denied request, login_failed, client address', async () => {
    const items = (await audit('?limit=1000')).json.items;
    const mine = items.filter((e) => e.user_id === prof.id);
    assert.ok(mine.some((e) => e.outcome === 'denied' && e.username === 'prof.gert' && e.role === 'professional'), JSON.stringify(mine));
    assert.ok(items.some((e) => e.action === 'login_failed' && (e.user_id === prof.id || e.username === 'prof.gert')), 'login_failed event');
    assert.ok(items.some((e) => e.client_addr === '127.0.0.1'), 'client_addr recorded');
  });

  it('filter user_id returns only that user\'s events', async () => {
    const r = await audit(`?user_id=${prof.id}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length >= 2, `events for prof: ${r.text.slice(0, 1000)}`);
    for (const e of r.json.items) assert.equal(e.user_id, prof.id);
    const other = await audit(`?user_id=${po.id}&limit=1000`);
    for (const e of other.json.items) assert.equal(e.user_id, po.id);
    const none = await audit('?user_id=999999');
    assert.equal(none.status, 200);
    assert.deepEqual(none.json.items, []);
  });

  it('filter limit returns that many of the newest events', async () => {
    const all = (await audit('?limit=1000')).json.items;
    const r = await audit('?limit=2');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 2);
    assert.ok(r.json.items[0].id > r.json.items[1].id);
    assert.ok(r.json.items[1].id >= all[1].id, 'the newest ones');
    const one = await audit(`?user_id=${prof.id}&limit=1`);
    assert.equal(one.json.items.length, 1);
    assert.equal(one.json.items[0].user_id, prof.id);
  });

  it('a bad limit or user_id is 422 validation_failed naming the parameter', async () => {
    for (const [q, field] of [
      ['?limit=abc', 'limit'],
      ['?limit=-1', 'limit'],
      ['?limit=0', 'limit'],
      ['?limit=1001', 'limit'],
      ['?user_id=abc', 'user_id'],
      ['?user_id=0', 'user_id'],
    ]) {
      assertError(await audit(q), 422, 'validation_failed', field);
    }
    assert.equal((await audit('?limit=1000')).status, 200, 'limit 1000 is the largest allowed');
  });

  it('a professional and an admin are refused (403 forbidden); no session is 401', async () => {
    assertError(await audit('', prof.session.token), 403, 'forbidden');
    assertError(await audit('', admin.token), 403, 'forbidden');
    assertError(await api(server.base, 'GET', '/api/v1/audit'), 401, 'not_authenticated');
  });

  it('the audit contains no passwords, tokens or csrf tokens', async () => {
    const r = await audit('?limit=1000');
    assert.equal(r.status, 200);
    for (const s of secrets) {
      assert.ok(typeof s === 'string' && s.length >= 8, 'secret captured');
      assert.ok(!r.text.includes(s), `audit text must not contain a secret (${s.slice(0, 6)}...)`);
    }
    // Nor the database file itself (checked after the server stopped, below).
  });

  it('the request log on stderr holds no passwords, tokens, names or BSN', async () => {
    // More traffic with personal data and secret URLs: a dossier with names
    // and a BSN, read and changed, and a calendar feed (a token in its path).
    const personal = ['Wilhelmina', 'Zonnebloem-Achterberg', '736194289', 'Geertruida Logboek'];
    const post = async (p, body, token = admin.token) => {
      const r = await api(server.base, 'POST', p, { token, body });
      assert.equal(r.status, 201, `POST ${p}: ${r.status} ${r.text}`);
      return r.json;
    };
    const org = await post('/api/v1/organisations', { name: 'Logboek org' });
    const team = await post('/api/v1/teams', { name: 'Logboek team', organisation_id: org.id });
    const worker = await createUser(server, admin.token, { username: 'prof.logboek', role: 'professional', display_name: 'Geertruida Logboek', organisation_id: org.id, team_ids: [team.id] });
    const ws = await loginOk(server.base, 'prof.logboek', worker.password);
    secrets.push(worker.password, worker.invitation.token, ws.token, ws.csrf_token);
    const y = await post('/api/v1/youths', { given_name: 'Wilhelmina', family_name: 'Zonnebloem-Achterberg', birth_date: '2011-03-01', municipality: 'Utrecht', team_id: team.id, bsn: '736194289' }, ws.token);
    assert.equal((await api(server.base, 'GET', `/api/v1/youths/${y.id}`, { token: ws.token })).status, 200);
    assert.equal((await api(server.base, 'PATCH', `/api/v1/youths/${y.id}`, { cookie: ws.cookie, csrf: ws.csrf_token, body: { bsn: null } })).status, 200);
    assert.equal((await api(server.base, 'PATCH', `/api/v1/youths/${y.id}`, { token: ws.token, body: { bsn: '736194289' } })).status, 200);
    const feed = await post('/api/v1/me/calendar-feed', undefined, ws.token);
    const feedPath = new URL(feed.url).pathname;
    const feedToken = /\/calendar\/([^/]+)\.ics$/.exec(feedPath)[1];
    secrets.push(feedToken);
    assert.equal((await api(server.base, 'GET', feedPath)).status, 200);
    // A wrong password for a real user and an invitation accepted with a password.
    const wrong = 'logboek-fout-wachtwoord-QQQ';
    secrets.push(wrong);
    assert.equal((await login(server.base, 'prof.logboek', wrong)).status, 401);

    const log = server.stderr();
    assert.match(log, / msg=request /, 'the request log is on stderr');
    for (const s of secrets) {
      assert.ok(typeof s === 'string' && s.length >= 8, 'secret captured');
      assert.ok(!log.includes(s), `the request log must not contain a secret (${s.slice(0, 6)}...)`);
    }
    for (const s of personal) assert.ok(!log.includes(s), `the request log must not contain personal data (${s})`);
    assert.match(log, /route=\/api\/v1\/youths\/\{id\}/, 'it names route patterns');
    // The stored audit is checked for these too, below.
    secrets.push(...personal);
  });

  describe('kring audit verify', () => {
    let count;

    before(async () => {
      await server.stop({ keepDir: true });
    });

    it('the stored audit holds no secrets either', () => {
      const r = dbExec(dbPath, 'SELECT * FROM audit_events;');
      assert.equal(r.status, 0, r.stderr);
      for (const s of secrets) assert.ok(!r.stdout.includes(s), `audit table must not contain a secret (${s.slice(0, 6)}...)`);
    });

    it('exits 0 with the event count on an intact database', () => {
      const c = dbExec(dbPath, 'SELECT count(*) FROM audit_events;');
      assert.equal(c.status, 0, c.stderr);
      count = Number(c.stdout.trim());
      assert.ok(count >= 8, `events stored: ${count}`);
      const r = kring(['audit', 'verify', '--db', dbPath]);
      assertNoSanitizerReport(r.stderr, 'kring audit verify');
      assert.equal(r.status, 0, `verify: ${r.stdout} ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`audit chain intact: ${count} events`));
    });

    it('the triggers refuse UPDATE and DELETE through sqlite3 / psql', () => {
      const before = dbExec(dbPath, 'SELECT id, reason, hash FROM audit_events ORDER BY id;').stdout;
      const u = dbExec(dbPath, "UPDATE audit_events SET reason='tampered' WHERE id=2;");
      assert.notEqual(u.status, 0, 'UPDATE refused');
      assert.match(u.stderr, /Error|error|ERROR/);
      assert.match(u.stderr, /append-only/, `the trigger's message: ${u.stderr}`);
      const d = dbExec(dbPath, 'DELETE FROM audit_events WHERE id=3;');
      assert.notEqual(d.status, 0, 'DELETE refused');
      assert.match(d.stderr, /append-only/, `the trigger's message: ${d.stderr}`);
      // Emptying the table in one statement: TRUNCATE on PostgreSQL (which
      // row triggers do not see), DELETE without WHERE on SQLite.
      const all = dbExec(dbPath, { postgresql: 'TRUNCATE audit_events;', sqlite: 'DELETE FROM audit_events;' });
      assert.notEqual(all.status, 0, 'emptying the trail refused');
      assert.match(all.stderr, /append-only/, `the trigger's message: ${all.stderr}`);
      assert.equal(dbExec(dbPath, 'SELECT id, reason, hash FROM audit_events ORDER BY id;').stdout, before, 'rows unchanged');
      const r = kring(['audit', 'verify', '--db', dbPath]);
      assert.equal(r.status, 0, `still intact: ${r.stderr}`);
    });

    // A copy of the (stopped) server's database: a file in its dir, or a
    // PostgreSQL database made from it as a template.
    function copyDb(name) {
      const c = copyDatabase(dbPath, dir, name);
      copies.push(c);
      return c;
    }

    it('a changed event (trigger dropped) is detected: exit 1, stderr names event 2', () => {
      const db = copyDb('tamper-update.db');
      const t = dbExec(db, dropTrigger('audit_events_no_update'));
      assert.equal(t.status, 0, t.stderr);
      const t2 = dbExec(db, "UPDATE audit_events SET reason='tampered' WHERE id=2;");
      assert.equal(t2.status, 0, t2.stderr);
      assert.equal(dbExec(db, 'SELECT reason FROM audit_events WHERE id=2;').stdout.trim(), 'tampered');
      const r = kring(['audit', 'verify', '--db', db]);
      assertNoSanitizerReport(r.stderr, 'kring audit verify');
      assert.equal(r.status, 1, `verify exit: ${r.status} ${r.stdout} ${r.stderr}`);
      assert.match(r.stderr, /event 2\b/, `names event 2: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /intact/);
    });

    it('a changed hash is detected too (event 4, stderr names event 4)', () => {
      const db = copyDb('tamper-hash.db');
      const t = dbExec(db, dropTrigger('audit_events_no_update'));
      assert.equal(t.status, 0, t.stderr);
      const t2 = dbExec(db, 'UPDATE audit_events SET hash=(SELECT hash FROM audit_events WHERE id=3) WHERE id=4;');
      assert.equal(t2.status, 0, t2.stderr);
      assert.equal(dbExec(db, 'SELECT count(*) FROM audit_events WHERE hash=(SELECT hash FROM audit_events WHERE id=3);').stdout.trim(), '2', 'hash of event 4 changed');
      const r = kring(['audit', 'verify', '--db', db]);
      assert.equal(r.status, 1, `verify exit: ${r.status} ${r.stdout} ${r.stderr}`);
      assert.match(r.stderr, /event 4\b/, r.stderr);
    });

    it('a deleted middle event (trigger dropped) is detected: exit 1', () => {
      const db = copyDb('tamper-delete.db');
      const mid = Math.floor(count / 2);
      const t = dbExec(db, dropTrigger('audit_events_no_delete'));
      assert.equal(t.status, 0, t.stderr);
      const t2 = dbExec(db, `DELETE FROM audit_events WHERE id=${mid};`);
      assert.equal(t2.status, 0, t2.stderr);
      assert.equal(dbExec(db, 'SELECT count(*) FROM audit_events;').stdout.trim(), String(count - 1));
      const r = kring(['audit', 'verify', '--db', db]);
      assertNoSanitizerReport(r.stderr, 'kring audit verify');
      assert.equal(r.status, 1, `verify exit: ${r.status} ${r.stdout} ${r.stderr}`);
      const m = /event (\d+)/.exec(r.stderr);
      assert.ok(m, `names an event: ${r.stderr}`);
      assert.ok(Number(m[1]) === mid || Number(m[1]) === mid + 1, `names event ${mid} or ${mid + 1}: ${r.stderr}`);
    });

    it('an id column changed to a value that reads as the same number is detected (SQLite); PostgreSQL refuses the value', () => {
      const db = copyDb('tamper-type.db');
      const t = dbExec(db, dropTrigger('audit_events_no_update'));
      assert.equal(t.status, 0, t.stderr);
      const id = Number(dbExec(db, 'SELECT min(id) FROM audit_events WHERE user_id IS NOT NULL;').stdout.trim());
      assert.ok(id > 0, 'an event with a user');
      // '2x' reads back as 2 through an integer accessor and would hash like the original.
      const u = dbExec(db, `UPDATE audit_events SET user_id = CAST(user_id AS TEXT) || 'x' WHERE id = ${id};`);
      if (ENGINE === 'postgresql') {
        assert.notEqual(u.status, 0, 'a bigint column takes no text');
        return;
      }
      assert.equal(u.status, 0, u.stderr);
      const r = kring(['audit', 'verify', '--db', db]);
      assertNoSanitizerReport(r.stderr, 'kring audit verify');
      assert.equal(r.status, 1, `verify exit: ${r.status} ${r.stdout} ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`event ${id}\\b`), r.stderr);
    });

    it('a head written down before catches the newest events deleted, which the chain alone cannot', () => {
      const first = kring(['audit', 'verify', '--db', dbPath]);
      assert.equal(first.status, 0, first.stderr);
      const m = /^head: (\d+):([0-9a-f]{64})$/m.exec(first.stdout);
      assert.ok(m, `verify prints the head: ${first.stdout}`);
      assert.equal(Number(m[1]), count);
      const head = `${m[1]}:${m[2]}`;
      const ok = kring(['audit', 'verify', '--db', dbPath, '--expect-head', head]);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, new RegExp(`expected head ${m[1]} present`));

      const db = copyDb('tamper-tail.db');
      assert.equal(dbExec(db, dropTrigger('audit_events_no_delete')).status, 0);
      const d = dbExec(db, `DELETE FROM audit_events WHERE id > ${count - 2};`);
      assert.equal(d.status, 0, d.stderr);
      const plain = kring(['audit', 'verify', '--db', db]);
      assert.equal(plain.status, 0, 'the shorter chain is intact by itself');
      const caught = kring(['audit', 'verify', '--db', db, '--expect-head', head]);
      assertNoSanitizerReport(caught.stderr, 'kring audit verify --expect-head');
      assert.equal(caught.status, 1, `${caught.stdout} ${caught.stderr}`);
      assert.match(caught.stderr, new RegExp(`expected head, event ${m[1]}: events were removed`));
      const other = kring(['audit', 'verify', '--db', dbPath, '--expect-head', `${m[1]}:${'0'.repeat(64)}`]);
      assert.equal(other.status, 1, other.stderr);
      assert.match(other.stderr, /another event/);
      for (const bad of ['12', `x:${m[2]}`, `0:${m[2]}`, `${m[1]}:${m[2].slice(1)}`, `${m[1]}:${m[2].toUpperCase()}`])
        assert.equal(kring(['audit', 'verify', '--db', dbPath, '--expect-head', bad]).status, 2, bad);
    });

    it('the original database still verifies', () => {
      const r = kring(['audit', 'verify', '--db', dbPath]);
      assert.equal(r.status, 0, r.stderr);
    });
  });
});
