// "Log out everywhere else" (DELETE /api/v1/me/sessions, ASVS 3.3.4 in part):
// every other session of the caller's account ends, and its calendar link
// (a lost phone's calendar would go on showing the meetings); this session
// goes on, and nobody else's session is touched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, api, loginAdmin, loginOk, createUser, assertError, dbQuery, kring, assertNoSanitizerReport, ISO_UTC,
} from './harness.mjs';

describe('logging out everywhere else', () => {
  let server;
  let user;
  let other;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    const admin = await loginAdmin(server);
    user = await createUser(server, admin.token, { username: 'p.overal', role: 'professional' });
    other = await createUser(server, admin.token, { username: 'p.ander', role: 'professional' });
  });
  after(async () => {
    if (server) await server.stop();
  });

  const me = (s) => api(server.base, 'GET', '/api/v1/me', { token: s.token });

  it('ends the caller\'s other sessions and counts them; this one and other people\'s go on', async () => {
    const here = await loginOk(server.base, user.username, user.password);
    const phone = await loginOk(server.base, user.username, user.password);
    const laptop = await loginOk(server.base, user.username, user.password);
    const someoneElse = await loginOk(server.base, other.username, other.password);
    const feed = await api(server.base, 'POST', '/api/v1/me/calendar-feed', { token: phone.token, body: {} });
    assert.equal(feed.status, 201, feed.text);
    const r = await api(server.base, 'DELETE', '/api/v1/me/sessions', { token: here.token });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ended: 2 });
    assert.equal((await me(here)).status, 200, 'this session goes on');
    assertError(await me(phone), 401, 'not_authenticated');
    assertError(await me(laptop), 401, 'not_authenticated');
    assert.equal((await me(someoneElse)).status, 200, 'someone else\'s session is untouched');
    const cal = await fetch(new URL(new URL(feed.json.url).pathname, server.base));
    assert.equal(cal.status, 404, 'the calendar link of the lost phone ends too');
    const again = await api(server.base, 'DELETE', '/api/v1/me/sessions', { token: here.token });
    assert.deepEqual(again.json, { ended: 0 }, 'nothing left to end');
  });

  it('needs a session', async () => {
    assertError(await api(server.base, 'DELETE', '/api/v1/me/sessions', {}), 401, 'not_authenticated');
  });
});

// "Where you are logged in" (GET /api/v1/me/sessions, DELETE
// /api/v1/me/sessions/{id}, ASVS 3.3.4): the caller's own live sessions, each
// with a number that is not its token, when it began and was last used, and
// a coarse device (browser and OS family only: the User-Agent itself is not
// kept); one of them can be ended. Another account's session is a 404 like a
// number that is no session, and nothing of it ends.
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('where you are logged in', () => {
  let server;
  let admin;
  let user;
  let other;
  let po;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
    user = await createUser(server, admin.token, { username: 'p.lijst', role: 'professional' });
    other = await createUser(server, admin.token, { username: 'p.buur', role: 'professional' });
    const poUser = await createUser(server, admin.token, { username: 'po.lijst', role: 'privacy_officer' });
    po = await loginOk(server.base, poUser.username, poUser.password);
  });
  after(async () => {
    if (server) await server.stop();
  });

  // Logs `who` in from a browser with this User-Agent (undefined: node's own).
  async function loginFrom(who, userAgent) {
    const r = await api(server.base, 'POST', '/api/v1/session', {
      body: { username: who.username, password: who.password },
      headers: userAgent ? { 'User-Agent': userAgent } : {},
    });
    assert.equal(r.status, 201, r.text);
    const m = /kring_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
    return { ...r.json, cookie: m && m[1] };
  }
  const list = async (s) => {
    const r = await api(server.base, 'GET', '/api/v1/me/sessions', { token: s.token });
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const end = (s, id, opts = {}) => api(server.base, 'DELETE', `/api/v1/me/sessions/${id}`, { token: s.token, ...opts });
  const me = (s) => api(server.base, 'GET', '/api/v1/me', { token: s.token });
  const auditOf = async (who) => {
    const r = await api(server.base, 'GET', `/api/v1/audit?user_id=${who.id}&limit=1000`, { token: po.token });
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  it('lists the caller\'s live sessions: this one first, a number that is not the token, a coarse device', async () => {
    const old = await loginFrom(user, SAFARI_IPHONE);
    const phone = await loginFrom(user, FIREFOX_ANDROID);
    const here = await loginFrom(user);
    const theirs = await loginFrom(other, FIREFOX_ANDROID);
    const l = await list(here);
    assert.equal(l.items.length, 3, JSON.stringify(l));
    assert.deepEqual(l.items.map((s) => s.current), [true, false, false]);
    for (const s of l.items) {
      assert.deepEqual(Object.keys(s).sort(), ['browser', 'created_at', 'current', 'id', 'last_seen_at', 'os']);
      assert.ok(Number.isInteger(s.id) && s.id > 0, `a number: ${s.id}`);
      assert.match(s.created_at, ISO_UTC);
      assert.match(s.last_seen_at, ISO_UTC);
      assert.ok(s.last_seen_at >= s.created_at);
    }
    assert.equal(new Set(l.items.map((s) => s.id)).size, 3);
    // By last use (all in the same second here: the newest first).
    assert.deepEqual(l.items.map((s) => [s.browser, s.os]), [[null, null], ['Firefox', 'Android'], ['Safari', 'iOS']],
      'a device only by browser and OS family; node\'s own User-Agent is not known');
    assert.equal(l.calendar_link, null);
    // Neither a token nor a token's hash is in the answer, and no other account's session.
    const text = JSON.stringify(l);
    for (const s of [old, phone, here, theirs]) assert.ok(!text.includes(s.token) && !text.includes(s.csrf_token));
    const hashes = dbQuery(server.db, 'SELECT token_hash FROM sessions;').split('\n').map((x) => x.trim()).filter(Boolean);
    assert.ok(hashes.length >= 5);
    for (const h of hashes) assert.ok(!text.includes(h), 'no token hash in the list');
    const theirsList = await list(theirs);
    assert.equal(theirsList.items.length, 1, 'the other account sees only its own');
    assert.ok(!l.items.some((s) => s.id === theirsList.items[0].id));
    // The same list from another of the caller's sessions marks that one.
    const fromPhone = await list(phone);
    assert.deepEqual(fromPhone.items.map((s) => s.current), [true, false, false]);
    assert.equal(fromPhone.items[0].browser, 'Firefox');
  });

  it('keeps only the coarse device: no User-Agent, version or address in the database', () => {
    const rows = dbQuery(server.db, {
      sqlite: "SELECT coalesce(device_browser, '-') || '|' || coalesce(device_os, '-') FROM sessions ORDER BY id;",
      postgresql: "SELECT coalesce(device_browser, '-') || '|' || coalesce(device_os, '-') FROM sessions ORDER BY id;",
    });
    assert.match(rows, /Firefox\|Android/);
    assert.match(rows, /Safari\|iOS/);
    const all = dbQuery(server.db, 'SELECT * FROM sessions;');
    for (const bit of ['Mozilla', '126.0', '17_5', 'iPhone', 'Gecko', '127.0.0.1']) assert.ok(!all.includes(bit), `${bit} is not stored`);
  });

  it('ends one other session of the caller\'s own; it no longer works and is no longer listed', async () => {
    const here = await loginFrom(user);
    const laptop = await loginFrom(user, FIREFOX_ANDROID);
    const keep = await loginFrom(user, SAFARI_IPHONE);
    const before = await list(here);
    const target = (await list(laptop)).items[0].id;
    const r = await end(here, target);
    assert.equal(r.status, 204, r.text);
    assertError(await me(laptop), 401, 'not_authenticated');
    assert.equal((await me(keep)).status, 200, 'the other sessions go on');
    assert.equal((await me(here)).status, 200, 'this one goes on');
    const after = await list(here);
    assert.equal(after.items.length, before.items.length - 1);
    assert.ok(!after.items.some((s) => s.id === target));
    assertError(await end(here, target), 404, 'not_found');
    // Audited like the other session routes: delete session, with its number.
    const events = (await auditOf(user)).filter((e) => e.action === 'delete' && e.object_type === 'session' && e.object_id === String(target));
    assert.deepEqual(events.map((e) => e.outcome).sort(), ['error', 'success'], JSON.stringify(events));
  });

  // An event's object type says what its object id is: logging in, the
  // list and "log out everywhere else" are about the caller's account (its
  // user id), ending one session is about that session (its number).
  it('audits logging in, the list and ending all others on the user, ending one on the session number', async () => {
    const since = Math.max(0, ...(await auditOf(user)).map((e) => e.id));
    const here = await loginFrom(user);
    const phone = await loginFrom(user, FIREFOX_ANDROID);
    const phoneId = (await list(phone)).items[0].id;
    assert.equal((await end(here, phoneId)).status, 204);
    const all = await api(server.base, 'DELETE', '/api/v1/me/sessions', { token: here.token });
    assert.equal(all.status, 200, all.text);
    const events = (await auditOf(user)).filter((e) => e.id > since).sort((a, b) => a.id - b.id);
    assert.deepEqual(events.map((e) => [e.action, e.object_type, e.object_id, e.outcome]), [
      ['login', 'user', String(user.id), 'success'],
      ['login', 'user', String(user.id), 'success'],
      ['read', 'user', String(user.id), 'success'],
      ['delete', 'session', String(phoneId), 'success'],
      ['delete', 'user', String(user.id), 'success'],
    ]);
  });

  it('another account\'s session is 404 like an unknown number; nothing ends; the attempt is audited as denied', async () => {
    const mine = await loginFrom(user);
    const theirs = await loginFrom(other, FIREFOX_ANDROID);
    const theirId = (await list(theirs)).items[0].id;
    const beforeTheirs = await list(theirs);
    const r = await end(mine, theirId);
    assertError(r, 404, 'not_found');
    const unknown = await end(mine, theirId + 100000);
    assertError(unknown, 404, 'not_found');
    assert.deepEqual(r.json, unknown.json, 'the same answer as for a number that is no session');
    assert.equal((await me(theirs)).status, 200, 'their session goes on');
    assert.deepEqual((await list(theirs)).items.map((s) => s.id), beforeTheirs.items.map((s) => s.id));
    const denied = (await auditOf(user)).filter((e) => e.object_type === 'session' && e.object_id === String(theirId));
    assert.equal(denied.length, 1, JSON.stringify(denied));
    assert.equal(denied[0].outcome, 'denied');
    assert.equal(denied[0].action, 'delete');
  });

  it('refuses to end this session by its number: 409, and it goes on', async () => {
    const here = await loginFrom(user);
    const id = (await list(here)).items[0].id;
    assertError(await end(here, id), 409, 'current_session');
    assert.equal((await me(here)).status, 200);
  });

  it('leaves out sessions past their absolute or idle limit, and does not end them by number', async () => {
    const here = await loginFrom(user);
    const expired = await loginFrom(user, FIREFOX_ANDROID);
    const idle = await loginFrom(user, SAFARI_IPHONE);
    const expiredId = (await list(expired)).items[0].id;
    const idleId = (await list(idle)).items[0].id;
    const now = Math.floor(Date.now() / 1000);
    dbQuery(server.db, `UPDATE sessions SET expires_at = ${now - 1} WHERE id = ${expiredId};`);
    dbQuery(server.db, `UPDATE sessions SET last_seen_at = ${now - 24 * 3600} WHERE id = ${idleId};`);
    const ids = (await list(here)).items.map((s) => s.id);
    assert.ok(!ids.includes(expiredId) && !ids.includes(idleId), `${expiredId}, ${idleId} not in ${ids}`);
    assertError(await end(here, expiredId), 404, 'not_found');
    assertError(await end(here, idleId), 404, 'not_found');
  });

  it('answers a number that is no session, or no number, with a JSON 404', async () => {
    const here = await loginFrom(user);
    for (const id of ['0', '-1', 'abc', '1e3', '99999999999999999999999', '%00']) {
      assertError(await end(here, id), 404, 'not_found');
    }
  });

  it('needs a session, and the CSRF token when the session is a cookie', async () => {
    assertError(await api(server.base, 'GET', '/api/v1/me/sessions', {}), 401, 'not_authenticated');
    assertError(await api(server.base, 'DELETE', '/api/v1/me/sessions/1', {}), 401, 'not_authenticated');
    const browser = await loginFrom(user, FIREFOX_ANDROID);
    const other = await loginFrom(user, SAFARI_IPHONE);
    const id = (await list(other)).items[0].id;
    const noCsrf = await api(server.base, 'DELETE', `/api/v1/me/sessions/${id}`, { cookie: browser.cookie });
    assertError(noCsrf, 403, 'csrf_failed');
    assert.equal((await me(other)).status, 200, 'nothing ended without the CSRF token');
    const withCsrf = await api(server.base, 'DELETE', `/api/v1/me/sessions/${id}`, { cookie: browser.cookie, csrf: browser.csrf_token });
    assert.equal(withCsrf.status, 204, withCsrf.text);
    assertError(await me(other), 401, 'not_authenticated');
    // A read needs no CSRF token.
    assert.equal((await api(server.base, 'GET', '/api/v1/me/sessions', { cookie: browser.cookie })).status, 200);
  });

  it('says since when there is a calendar link', async () => {
    const here = await loginFrom(user);
    const feed = await api(server.base, 'POST', '/api/v1/me/calendar-feed', { token: here.token, body: {} });
    assert.equal(feed.status, 201, feed.text);
    const l = await list(here);
    assert.ok(l.calendar_link && typeof l.calendar_link.created_at === 'string', JSON.stringify(l));
    assert.ok(!JSON.stringify(l).includes(new URL(feed.json.url).pathname.split('/').pop().replace(/\.ics$/, '')), 'not the link itself');
  });

  it('migration 24 numbers the sessions that were open, which go on', async () => {
    const a = await loginFrom(user);
    const b = await loginFrom(user);
    const dir = server.dir;
    const db = server.db;
    await server.stop({ keepDir: true });
    server = null;
    // The database as it was before migration 24 (and so before 34, which
    // adds a column to the table that this rebuilds).
    dbQuery(db, {
      sqlite:
        'CREATE TABLE sessions_old (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), ' +
        'csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);' +
        'INSERT INTO sessions_old SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions;' +
        'DROP TABLE sessions; ALTER TABLE sessions_old RENAME TO sessions; CREATE INDEX sessions_user ON sessions(user_id);' +
        'DELETE FROM schema_migrations WHERE version IN (24, 34);',
      postgresql:
        'ALTER TABLE sessions DROP COLUMN id, DROP COLUMN device_browser, DROP COLUMN device_os, DROP COLUMN authenticated_at;' +
        'DELETE FROM schema_migrations WHERE version IN (24, 34);',
    });
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout + init.stderr, /database ready: 2 migration\(s\) applied/);
    server = await startServer({ requireTotp: 'none', reuseDir: dir });
    const l = await list(a);
    const ids = l.items.map((s) => s.id);
    assert.ok(ids.length >= 2 && ids.every((id) => Number.isInteger(id) && id > 0), JSON.stringify(l));
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(l.items.every((s) => s.browser === null && s.os === null), 'the device of an older session is not known');
    const bId = (await list(b)).items[0].id;
    assert.equal((await end(a, bId)).status, 204);
    assertError(await me(b), 401, 'not_authenticated');
    // A new session gets a number no older one had.
    const c = await loginFrom(user, FIREFOX_ANDROID);
    const cId = (await list(c)).items[0].id;
    assert.ok(cId > Math.max(...ids), `${cId} after ${ids}`);
  });
});
