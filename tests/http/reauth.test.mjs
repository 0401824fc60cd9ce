// Sensitive actions ask for the password again (ASVS 3.7.1, docs/SECURITY.md
// G6): breaking the glass, making and changing accounts and the research
// export answer 403 reauth_required once the caller last gave their password
// longer than reauth-window (900 s) ago; POST /api/v1/session/reauth with the
// password (and the code, when the login needs one) lets them go on for that
// window. The refusal changes nothing and is audited; a wrong password there
// counts as a failed login towards the lockout. "Longer ago" is made by
// setting the session's authenticated_at back in the database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, dbQuery, kring, loginOk, startServer, totp, wrongTotp, createUser, agePasswords } from './harness.mjs';
import { setupDossierWorld, client, createYouth } from './dossier-fixture.mjs';
import { researchKeyFile } from './outcomes-fixture.mjs';

const REASON = 'Crisismelding in de nacht, dienstdoend hulpverlener moet plan inzien';

// Makes every session of the account look `seconds` past its last password.
const ageSessions = (db, userId, seconds) => agePasswords(db, seconds, userId);

// The account id of a signed-in test user (loginOk's answer, or signIn's).
const uid = (who) => (who.session ? who.session.user.id : who.user.id);

function count(db, sql) {
  return Number(dbQuery(db, sql).trim());
}

// The newest audit event of an account: [action, outcome, reason].
function lastEvent(db, userId) {
  return dbQuery(db, `SELECT action, outcome, coalesce(reason, '') FROM audit_events WHERE user_id = ${Number(userId)} ORDER BY id DESC LIMIT 1;`)
    .trim().split('|');
}

describe('sensitive actions ask for the password again after reauth-window', () => {
  let w;
  let c;
  let key;
  let y; // a dossier of team A, for pB to break the glass on

  before(async () => {
    key = researchKeyFile(32);
    w = await setupDossierWorld({ env: { KRING_RESEARCH_KEY: key.file, KRING_REAUTH_WINDOW: '900' } });
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Lotte', family_name: 'Bevestigd' });
  });
  after(async () => {
    if (w) await w.server.stop();
    if (key) key.cleanup();
  });

  it('openapi.json marks exactly the sensitive routes, with their 403', async () => {
    const r = await api(w.base, 'GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    const marked = [];
    for (const [p, item] of Object.entries(r.json.paths))
      for (const [m, op] of Object.entries(item))
        if (op['x-kring-recent-login'] === true) {
          marked.push(`${m.toUpperCase()} ${p}`);
          assert.match(op.responses['403'].description, /reauth_required/);
        }
    assert.deepEqual(marked.sort(), [
      'GET /api/v1/audit.csv',
      'GET /api/v1/exports/research.csv',
      'GET /api/v1/youths/{id}/export',
      'POST /api/v1/jims/{id}/invitation',
      'POST /api/v1/nominations/{id}/activate',
      'POST /api/v1/requests/{id}/close',
      'POST /api/v1/teams/{id}/members',
      'POST /api/v1/users',
      'POST /api/v1/users/{id}/disable',
      'POST /api/v1/users/{id}/invitation',
      'POST /api/v1/youths/{id}/account',
      'POST /api/v1/youths/{id}/account/invitation',
      'POST /api/v1/youths/{id}/break-glass',
      'PUT /api/v1/users/{id}/role',
    ]);
    assert.equal(r.json.paths['/api/v1/session/reauth'].post['x-kring-audit'], 'reauthenticate');
    // and `kring routes --json` says the same of each route
    const routes = JSON.parse(kring(['routes', '--json']).stdout);
    assert.deepEqual(routes.filter((rt) => rt.recent_login === true).map((rt) => `${rt.method} ${rt.pattern}`).sort(), marked);
    assert.ok(routes.every((rt) => typeof rt.recent_login === 'boolean'));
  });

  it('within the window after the login they go on without asking', async () => {
    ageSessions(w.server.db, uid(w.admin), 600);
    const r = await c.post(w.admin, '/api/v1/users', { username: `binnen${process.pid}`, display_name: 'Binnen Venster', role: 'researcher' });
    assert.equal(r.status, 201, r.text);
  });

  it('past the window each is refused with 403 reauth_required, audited, and changes nothing', async () => {
    const db = w.server.db;
    ageSessions(db, uid(w.pB), 901);
    const grants = count(db, 'SELECT count(*) FROM break_glass;');
    assertError(await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: REASON }), 403, 'reauth_required');
    assert.equal(count(db, 'SELECT count(*) FROM break_glass;'), grants);
    assert.deepEqual(lastEvent(db, uid(w.pB)), ['break_glass', 'denied', 'password not confirmed recently']);
    // the dossier's own access log shows the refused try
    assert.equal(count(db, `SELECT count(*) FROM audit_events WHERE user_id = ${uid(w.pB)} AND youth_id = ${y.id} AND action = 'break_glass' AND outcome = 'denied';`), 1);
    assertError(await c.get(w.pB, `/youths/${y.id}`), 404, 'not_found');

    ageSessions(db, uid(w.admin), 901);
    const users = count(db, 'SELECT count(*) FROM users;');
    assertError(await c.post(w.admin, '/api/v1/users', { username: `buiten${process.pid}`, display_name: 'Buiten Venster', role: 'researcher' }), 403, 'reauth_required');
    assert.equal(count(db, 'SELECT count(*) FROM users;'), users);
    assertError(await c.put(w.admin, `/api/v1/users/${uid(w.rs)}/role`, { role: 'admin' }), 403, 'reauth_required');
    assert.equal(dbQuery(db, `SELECT role FROM users WHERE id = ${uid(w.rs)};`).trim(), 'researcher');
    const hash = dbQuery(db, `SELECT password_hash FROM users WHERE id = ${uid(w.rs)};`);
    assertError(await c.post(w.admin, `/api/v1/users/${uid(w.rs)}/invitation`), 403, 'reauth_required');
    assert.equal(dbQuery(db, `SELECT password_hash FROM users WHERE id = ${uid(w.rs)};`), hash);
    assert.deepEqual(lastEvent(db, uid(w.admin)), ['update', 'denied', 'password not confirmed recently']);

    const members = count(db, `SELECT count(*) FROM team_members WHERE team_id = ${w.teamA.id};`);
    assertError(await c.post(w.admin, `/api/v1/teams/${w.teamA.id}/members`, { user_id: uid(w.pB) }), 403, 'reauth_required');
    assert.equal(count(db, `SELECT count(*) FROM team_members WHERE team_id = ${w.teamA.id};`), members);
    assertError(await c.get(w.pB, `/youths/${y.id}`), 404, 'not_found');

    ageSessions(db, uid(w.rs), 901);
    assertError(await c.get(w.rs, '/api/v1/exports/research.csv'), 403, 'reauth_required');
    assert.deepEqual(lastEvent(db, uid(w.rs)), ['export', 'denied', 'password not confirmed recently']);

    ageSessions(db, uid(w.po), 901);
    assertError(await c.get(w.po, '/api/v1/audit.csv'), 403, 'reauth_required');
    assert.deepEqual(lastEvent(db, uid(w.po)), ['export', 'denied', 'password not confirmed recently']);
    const req = await c.post(w.pA, `/youths/${y.id}/requests`, { kind: 'access', requested_by: 'youth' });
    assert.equal(req.status, 201, req.text);
    assertError(await c.post(w.po, `/api/v1/requests/${req.json.id}/close`, { status: 'done' }), 403, 'reauth_required');
    assert.equal(dbQuery(db, `SELECT status FROM subject_requests WHERE id = ${req.json.id};`).trim(), 'open');
    assertError(await c.get(w.po, `/youths/${y.id}/export`), 403, 'reauth_required');
    // a refused audit export names the young person its query names, in their access log
    assertError(await c.get(w.po, `/api/v1/audit.csv?youth_id=${y.id}`), 403, 'reauth_required');
    assert.equal(dbQuery(db, `SELECT coalesce(youth_id, 0) FROM audit_events WHERE user_id = ${uid(w.po)} ORDER BY id DESC LIMIT 1;`).trim(), String(y.id));

    ageSessions(db, uid(w.pA), 901);
    assertError(await c.post(w.pA, `/youths/${y.id}/account`, { username: `lotte${process.pid}` }), 403, 'reauth_required');
    assert.equal(count(db, `SELECT count(*) FROM users WHERE username = 'lotte${process.pid}';`), 0);
  });

  it('a session from before migration 34 (no authenticated_at) counts from its login', async () => {
    const db = w.server.db;
    const now = Math.floor(Date.now() / 1000);
    const body = () => ({ username: `oud${process.pid}x${Math.random().toString(36).slice(2, 8)}`, display_name: 'Oude Sessie', role: 'researcher' });
    dbQuery(db, `UPDATE sessions SET authenticated_at = NULL, created_at = ${now - 60} WHERE user_id = ${uid(w.admin)};`);
    assert.equal((await c.post(w.admin, '/api/v1/users', body())).status, 201);
    dbQuery(db, `UPDATE sessions SET authenticated_at = NULL, created_at = ${now - 901} WHERE user_id = ${uid(w.admin)};`);
    assertError(await c.post(w.admin, '/api/v1/users', body()), 403, 'reauth_required');
  });

  it('the other routes do not ask, however old the password', async () => {
    ageSessions(w.server.db, uid(w.admin), 5000);
    const r = await c.get(w.admin, '/api/v1/users');
    assert.equal(r.status, 200, r.text);
    const me = await c.get(w.pB, '/api/v1/me');
    assert.equal(me.status, 200, me.text);
  });

  it('the dispatcher\'s refusals come first: role 403, unknown file 404, a bad body 422', async () => {
    ageSessions(w.server.db, uid(w.po), 901);
    assertError(await c.post(w.po, `/youths/${y.id}/break-glass`, { reason: REASON }), 403, 'forbidden');
    ageSessions(w.server.db, uid(w.pB), 901);
    assertError(await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: 12 }), 422, 'validation_failed', 'reason');
    assertError(await c.post(w.pB, '/youths/9876543/break-glass', { reason: REASON }), 404, 'not_found');
  });

  it('reauth refuses a bad body: no body, no password, a number', async () => {
    assertError(await api(w.base, 'POST', '/api/v1/session/reauth', { token: w.pB.token }), 400);
    assertError(await c.post(w.pB, '/api/v1/session/reauth', {}), 422, 'validation_failed', 'password');
    assertError(await c.post(w.pB, '/api/v1/session/reauth', { password: 12 }), 422, 'validation_failed', 'password');
    assertError(await api(w.base, 'POST', '/api/v1/session/reauth', { body: { password: w.pB.password } }), 401, 'not_authenticated');
  });

  it('a wrong password is 422 on password, a failed login, and the window stays shut', async () => {
    ageSessions(w.server.db, uid(w.pB), 901);
    assertError(await c.post(w.pB, '/api/v1/session/reauth', { password: 'niet-mijn-wachtwoord-2026' }), 422, 'validation_failed', 'password');
    assert.deepEqual(lastEvent(w.server.db, uid(w.pB)), ['login_failed', 'denied', 'wrong password']);
    assertError(await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: REASON }), 403, 'reauth_required');
  });

  it('with the cookie the reauth needs the CSRF header, as every change', async () => {
    const s = await loginOk(w.base, w.pB.username, w.pB.password);
    const refused = await api(w.base, 'POST', '/api/v1/session/reauth', { cookie: s.cookie, body: { password: w.pB.password } });
    assertError(refused, 403, 'csrf_failed');
    const ok = await api(w.base, 'POST', '/api/v1/session/reauth', { cookie: s.cookie, csrf: s.csrf_token, body: { password: w.pB.password } });
    assert.equal(ok.status, 204, ok.text);
  });

  it('a session that ended meanwhile is not confirmed: 401, denied', async () => {
    // A trigger skips the update of tB's sessions, as if the session had been
    // ended (logged out elsewhere) just after this request found it.
    const id = uid(w.tB);
    dbQuery(w.server.db, {
      sqlite: `CREATE TRIGGER session_gone BEFORE UPDATE OF authenticated_at ON sessions WHEN OLD.user_id = ${id} BEGIN SELECT RAISE(IGNORE); END;`,
      postgresql: 'CREATE FUNCTION session_gone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;' +
        `CREATE TRIGGER session_gone BEFORE UPDATE OF authenticated_at ON sessions FOR EACH ROW WHEN (OLD.user_id = ${id}) EXECUTE FUNCTION session_gone();`,
    });
    try {
      assertError(await c.post(w.tB, '/api/v1/session/reauth', { password: w.tB.password }), 401, 'not_authenticated');
      assert.deepEqual(lastEvent(w.server.db, id), ['reauthenticate', 'denied', '']);
    } finally {
      dbQuery(w.server.db, { sqlite: 'DROP TRIGGER session_gone;', postgresql: 'DROP TRIGGER session_gone ON sessions; DROP FUNCTION session_gone();' });
    }
  });

  it('the right password: 204, audited, and the action goes on; only for this session', async () => {
    const other = await loginOk(w.base, w.pB.username, w.pB.password);
    const second = { token: other.token };
    ageSessions(w.server.db, uid(w.pB), 901);
    const r = await c.post(w.pB, '/api/v1/session/reauth', { password: w.pB.password });
    assert.equal(r.status, 204, r.text);
    assert.deepEqual(lastEvent(w.server.db, uid(w.pB)), ['reauthenticate', 'success', '']);
    assertError(await c.post(second, `/youths/${y.id}/break-glass`, { reason: REASON }), 403, 'reauth_required');
    const g = await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: REASON });
    assert.equal(g.status, 201, g.text);
    assert.equal((await c.get(w.pB, `/youths/${y.id}`)).status, 200);
  });

  it('the researcher and the admin go on after confirming', async () => {
    ageSessions(w.server.db, uid(w.rs), 901);
    assert.equal((await c.post(w.rs, '/api/v1/session/reauth', { password: w.rs.password })).status, 204);
    const csv = await c.get(w.rs, '/api/v1/exports/research.csv');
    assert.equal(csv.status, 200, csv.text.slice(0, 300));
    ageSessions(w.server.db, uid(w.admin), 901);
    assert.equal((await c.post(w.admin, '/api/v1/session/reauth', { password: w.server.admin.password })).status, 204);
    const r = await c.post(w.admin, '/api/v1/users', { username: `bevestigd${process.pid}`, display_name: 'Na Bevestiging', role: 'researcher' });
    assert.equal(r.status, 201, r.text);
  });

  it('guessing the password there meets the lockout: 429 after login-max-failures (5)', async () => {
    const u = await createUser(w.server, w.admin.token, { username: `raden${process.pid}`, role: 'professional', organisation_id: w.org.id, team_ids: [w.teamB.id] });
    const s = await loginOk(w.base, u.username, u.password);
    const who = { token: s.token };
    for (let i = 0; i < 5; i++)
      assertError(await c.post(who, '/api/v1/session/reauth', { password: `fout-${i}-wachtwoord-2026` }), 422, 'validation_failed', 'password');
    const locked = await c.post(who, '/api/v1/session/reauth', { password: u.password });
    assertError(locked, 429, 'too_many_attempts');
    // and so is a login of the account from elsewhere
    const again = await api(w.base, 'POST', '/api/v1/session', { body: { username: u.username, password: u.password } });
    assertError(again, 429, 'too_many_attempts');
  });
});

describe('reauth with a second factor, and the window setting', () => {
  let server;
  let admin;
  let loginCode; // the code the login took
  let loginAt;

  before(async () => {
    server = await startServer({ env: { KRING_REAUTH_WINDOW: '60' } }); // the admin needs a code
    loginAt = Date.now();
    loginCode = totp(server.admin.totp_secret, loginAt);
    const r = await api(server.base, 'POST', '/api/v1/session', { body: { username: 'admin', password: server.admin.password, totp: loginCode } });
    assert.equal(r.status, 201, r.text);
    admin = r.json;
  });
  after(async () => {
    if (server) await server.stop();
  });

  const create = (name) => api(server.base, 'POST', '/api/v1/users', {
    token: admin.token,
    body: { username: `${name}${process.pid}`, display_name: 'Een Account', role: 'researcher' },
  });

  it('reauth-window 60: 30 s after the login goes on, 61 s asks', async () => {
    ageSessions(server.db, uid(admin), 30);
    assert.equal((await create('dertig')).status, 201);
    ageSessions(server.db, uid(admin), 61);
    assertError(await create('eenenzestig'), 403, 'reauth_required');
  });

  it('without the code: 422 on totp, not counted as a failure', async () => {
    const failures = count(server.db, `SELECT count(*) FROM audit_events WHERE action = 'login_failed';`);
    const r = await api(server.base, 'POST', '/api/v1/session/reauth', { token: admin.token, body: { password: server.admin.password } });
    assertError(r, 422, 'validation_failed', 'totp');
    assert.deepEqual(lastEvent(server.db, uid(admin)), ['reauthenticate', 'error', 'second factor required']);
    assert.equal(count(server.db, `SELECT count(*) FROM audit_events WHERE action = 'login_failed';`), failures);
  });

  it('a wrong code, or the login\'s own code again: 422 on totp, failed logins', async () => {
    const wrong = wrongTotp(server.admin.totp_secret);
    assertError(await api(server.base, 'POST', '/api/v1/session/reauth', { token: admin.token, body: { password: server.admin.password, totp: wrong } }), 422, 'validation_failed', 'totp');
    assert.deepEqual(lastEvent(server.db, uid(admin)), ['login_failed', 'denied', 'wrong totp code']);
    // the code the login used is taken: replaying it is refused
    const used = await api(server.base, 'POST', '/api/v1/session/reauth', { token: admin.token, body: { password: server.admin.password, totp: loginCode } });
    assertError(used, 422, 'validation_failed', 'totp');
    // Within 30 s of the login its code is still in the window (±1 step of
    // 30 s), so it is refused as taken, not as wrong. The tests before this
    // one take a few requests; a run that stalled longer fails here, saying so.
    assert.ok(Date.now() - loginAt < 30000, `the replay was tried ${Date.now() - loginAt} ms after the login: its code may be out of the window`);
    assert.deepEqual(lastEvent(server.db, uid(admin)), ['login_failed', 'denied', 'totp code replayed']);
    assertError(await create('nogniet'), 403, 'reauth_required');
  });

  it('the password with a fresh code: 204, and the action goes on', async () => {
    const next = totp(server.admin.totp_secret, Date.now() + 30000);
    const r = await api(server.base, 'POST', '/api/v1/session/reauth', { token: admin.token, body: { password: server.admin.password, totp: next } });
    assert.equal(r.status, 204, r.text);
    assert.equal((await create('welnu')).status, 201);
  });
});
