// Login, the session cookie, logout, /api/v1/me with bearer and cookie, CSRF.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginOk, loginAdmin, createUser, assertError, assertAlive, assertSecurityHeaders, setCookies, dbQuery, ISO_UTC } from './harness.mjs';
import { youthBody } from './dossier-fixture.mjs';

function cookieAttrs(setCookie) {
  // One cookie is expected; split its attributes.
  const parts = setCookie.split(';').map((s) => s.trim());
  return { first: parts[0], attrs: parts.slice(1).map((a) => a.toLowerCase()) };
}

async function orgNames(server, token) {
  const r = await api(server.base, 'GET', '/api/v1/organisations', { token });
  assert.equal(r.status, 200, r.text);
  return r.json.items.map((o) => o.name).sort();
}

describe('auth: login, cookie, logout, /me, CSRF', () => {
  let server;
  let admin; // a bearer session used for checks

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('login succeeds with 201, token, csrf_token, expires_at (ISO 8601 UTC, future) and the user', async () => {
    const before = Date.now();
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
    const j = r.json;
    assert.equal(typeof j.token, 'string');
    assert.ok(j.token.length >= 16, 'token is long enough to be unguessable');
    assert.equal(typeof j.csrf_token, 'string');
    assert.ok(j.csrf_token.length >= 16);
    assert.notEqual(j.csrf_token, j.token);
    assert.match(j.expires_at, ISO_UTC);
    const exp = Date.parse(j.expires_at);
    assert.ok(exp > before, `expires_at ${j.expires_at} is in the future`);
    assert.ok(exp <= before + 43200 * 1000 + 5000, `expires_at ${j.expires_at} within the default absolute limit`);
    assert.equal(j.user.id, server.admin.id);
    assert.equal(j.user.username, 'admin');
    assert.equal(j.user.display_name, 'Beheerder');
    assert.equal(j.user.role, 'admin');
    assert.equal(j.user.password, undefined);
    assert.equal(j.user.password_hash, undefined);
  });

  it('login sets the kring_session cookie HttpOnly, SameSite=Strict, Path=/, without Secure by default', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201);
    assert.ok(r.setCookie, 'Set-Cookie header present');
    const { first, attrs } = cookieAttrs(r.setCookie);
    assert.match(first, /^kring_session=[^;\s]+$/);
    assert.ok(attrs.includes('httponly'), `HttpOnly in ${r.setCookie}`);
    assert.ok(attrs.includes('samesite=strict'), `SameSite=Strict in ${r.setCookie}`);
    assert.ok(attrs.includes('path=/'), `Path=/ in ${r.setCookie}`);
    assert.ok(!attrs.includes('secure'), `no Secure by default: ${r.setCookie}`);
    // The cookie authenticates.
    const me = await api(server.base, 'GET', '/api/v1/me', { cookie: r.cookie });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'admin');
  });

  it('--require-totp none: the admin logs in without a TOTP code', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
  });

  it('a wrong password is 401 invalid_credentials and sets no cookie', async () => {
    const r = await login(server.base, 'admin', 'not-the-password-1');
    assertError(r, 401, 'invalid_credentials');
    assert.equal(r.cookie, undefined);
    assert.equal(r.json.token, undefined);
  });

  it('an unknown user gets the same 401 invalid_credentials answer as a wrong password', async () => {
    const wrong = await login(server.base, 'admin', 'not-the-password-2');
    const unknown = await login(server.base, 'nobody-here', 'not-the-password-2');
    assertError(unknown, 401, 'invalid_credentials');
    assert.deepEqual(unknown.json, wrong.json, 'same body for unknown user and wrong password');
    assert.equal(unknown.cookie, undefined);
  });

  it('a bogus or malformed Authorization is 401 not_authenticated', async () => {
    assertError(await api(server.base, 'GET', '/api/v1/me'), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { headers: { Authorization: 'Basic YWRtaW46eA==' } }), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { headers: { Authorization: 'Bearer' } }), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { cookie: 'kring_session=garbage' }), 401, 'not_authenticated');
  });

  it('GET /api/v1/me with a bearer token answers the user, team_ids and the csrf_token', async () => {
    const r = await api(server.base, 'GET', '/api/v1/me', { token: admin.token });
    assert.equal(r.status, 200, r.text);
    const j = r.json;
    assert.equal(j.id, server.admin.id);
    assert.equal(j.username, 'admin');
    assert.equal(j.display_name, 'Beheerder');
    assert.equal(j.role, 'admin');
    assert.ok('organisation_id' in j, 'organisation_id present (null for this admin)');
    assert.equal(j.organisation_id, null);
    assert.ok(Array.isArray(j.team_ids));
    assert.equal(j.csrf_token, admin.csrf_token);
  });

  it('GET /api/v1/me with the cookie answers the same user', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    assert.ok(s.cookie, 'cookie set');
    const r = await api(server.base, 'GET', '/api/v1/me', { cookie: s.cookie });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, server.admin.id);
    assert.equal(r.json.csrf_token, s.csrf_token);
  });

  it('cookie POST without X-CSRF-Token is 403 csrf_failed and creates nothing', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const before = await orgNames(server, admin.token);
    const r = await api(server.base, 'POST', '/api/v1/organisations', { cookie: s.cookie, body: { name: 'CSRF zonder token' } });
    assertError(r, 403, 'csrf_failed');
    assert.deepEqual(await orgNames(server, admin.token), before);
  });

  it('cookie POST with a wrong X-CSRF-Token is 403 csrf_failed and creates nothing', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const other = await loginOk(server.base, 'admin', server.admin.password);
    const before = await orgNames(server, admin.token);
    for (const bad of ['wrong', '', other.csrf_token, s.token]) {
      const r = await api(server.base, 'POST', '/api/v1/organisations', { cookie: s.cookie, csrf: bad, body: { name: 'CSRF fout token' } });
      assertError(r, 403, 'csrf_failed');
    }
    assert.deepEqual(await orgNames(server, admin.token), before);
  });

  it('cookie POST with the right X-CSRF-Token is 201', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const r = await api(server.base, 'POST', '/api/v1/organisations', { cookie: s.cookie, csrf: s.csrf_token, body: { name: 'CSRF goed' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, 'CSRF goed');
    assert.ok((await orgNames(server, admin.token)).includes('CSRF goed'));
  });

  it('a bearer POST needs no CSRF header', async () => {
    const r = await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, body: { name: 'Bearer zonder CSRF' } });
    assert.equal(r.status, 201, r.text);
  });

  it('cookie GET needs no CSRF header', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const r = await api(server.base, 'GET', '/api/v1/organisations', { cookie: s.cookie });
    assert.equal(r.status, 200, r.text);
  });

  it('cookie PUT without X-CSRF-Token is 403 csrf_failed and changes nothing; with the token it is 200', async () => {
    const org = await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, body: { name: 'CSRF PUT' } });
    assert.equal(org.status, 201, org.text);
    const p = `/api/v1/organisations/${org.json.id}/cost-settings`;
    const before = await api(server.base, 'GET', p, { token: admin.token });
    assert.equal(before.status, 200, before.text);
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const changed = { placement_year_cents: 7000000, home_year_cents: 1000000, reference_placement_rate: 0.25 };
    assert.notDeepEqual(changed, before.json, 'the PUT would change something');
    assertError(await api(server.base, 'PUT', p, { cookie: s.cookie, body: changed }), 403, 'csrf_failed');
    assertError(await api(server.base, 'PUT', p, { cookie: s.cookie, csrf: 'wrong', body: changed }), 403, 'csrf_failed');
    assert.deepEqual((await api(server.base, 'GET', p, { token: admin.token })).json, before.json, 'refused PUTs change nothing');
    const ok = await api(server.base, 'PUT', p, { cookie: s.cookie, csrf: s.csrf_token, body: changed });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual((await api(server.base, 'GET', p, { token: admin.token })).json, changed);
  });

  it('cookie PATCH without X-CSRF-Token is 403 csrf_failed and changes nothing; with the token it is 200', async () => {
    const post = async (p, body) => {
      const r = await api(server.base, 'POST', p, { token: admin.token, body });
      assert.equal(r.status, 201, `POST ${p}: ${r.status} ${r.text}`);
      return r.json;
    };
    const org = await post('/api/v1/organisations', { name: 'CSRF PATCH' });
    const team = await post('/api/v1/teams', { name: 'CSRF PATCH team', organisation_id: org.id });
    const prof = await createUser(server, admin.token, { username: 'csrf.patch', role: 'professional', organisation_id: org.id, team_ids: [team.id] });
    const s = await loginOk(server.base, prof.username, prof.password);
    const y = await api(server.base, 'POST', '/api/v1/youths', { token: s.token, body: youthBody(team.id, { municipality: 'Utrecht' }) });
    assert.equal(y.status, 201, y.text);
    const p = `/api/v1/youths/${y.json.id}`;
    const get = async () => {
      const g = await api(server.base, 'GET', p, { token: s.token });
      assert.equal(g.status, 200, g.text);
      return g.json;
    };
    const before = await get();
    assert.equal(before.municipality, 'Utrecht');
    assertError(await api(server.base, 'PATCH', p, { cookie: s.cookie, body: { municipality: 'Zeist' } }), 403, 'csrf_failed');
    assertError(await api(server.base, 'PATCH', p, { cookie: s.cookie, csrf: s.token, body: { municipality: 'Zeist' } }), 403, 'csrf_failed');
    assert.equal((await get()).municipality, 'Utrecht', 'refused PATCHes change nothing');
    const ok = await api(server.base, 'PATCH', p, { cookie: s.cookie, csrf: s.csrf_token, body: { municipality: 'Zeist' } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await get()).municipality, 'Zeist');
  });

  it('a refused cookie POST leaves exactly one denied audit event for the user, naming the CSRF check', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const last = Number(dbQuery(server.db, 'SELECT coalesce(max(id), 0) FROM audit_events;').trim());
    assertError(await api(server.base, 'POST', '/api/v1/organisations', { cookie: s.cookie, body: { name: 'CSRF audit' } }), 403, 'csrf_failed');
    const rows = dbQuery(server.db, `SELECT user_id, action, object_type, outcome, reason FROM audit_events WHERE id > ${last} ORDER BY id;`)
      .split('\n')
      .filter(Boolean);
    assert.deepEqual(rows, [`${server.admin.id}|create|organisation|denied|csrf check failed`], `new audit events: ${JSON.stringify(rows)}`);
  });

  it('cookie DELETE /api/v1/session without CSRF is refused and the session stays valid', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    assertError(await api(server.base, 'DELETE', '/api/v1/session', { cookie: s.cookie }), 403, 'csrf_failed');
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { cookie: s.cookie })).status, 200);
  });

  it('logout with bearer: DELETE /api/v1/session is 204, then the token is refused', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { token: s.token })).status, 200);
    const r = await api(server.base, 'DELETE', '/api/v1/session', { token: s.token });
    assert.equal(r.status, 204, r.text);
    assert.equal(r.text, '');
    assertError(await api(server.base, 'GET', '/api/v1/me', { token: s.token }), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { cookie: s.cookie }), 401, 'not_authenticated');
    assertError(await api(server.base, 'POST', '/api/v1/organisations', { token: s.token, body: { name: 'na logout' } }), 401, 'not_authenticated');
    // Other sessions of the same user are unaffected.
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { token: admin.token })).status, 200);
  });

  it('logout with cookie and CSRF is 204, then the cookie is refused', async () => {
    const s = await loginOk(server.base, 'admin', server.admin.password);
    const r = await api(server.base, 'DELETE', '/api/v1/session', { cookie: s.cookie, csrf: s.csrf_token });
    assert.equal(r.status, 204, r.text);
    assertError(await api(server.base, 'GET', '/api/v1/me', { cookie: s.cookie }), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { token: s.token }), 401, 'not_authenticated');
  });

  it('DELETE /api/v1/session without a session is 401', async () => {
    assertError(await api(server.base, 'DELETE', '/api/v1/session'), 401, 'not_authenticated');
    await assertAlive(server.base);
  });
});

describe('auth: KRING_COOKIE_SECURE=true', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_COOKIE_SECURE: 'true' } });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('the session cookie is __Host-kring_session: Secure, Path=/, no Domain (and keeps HttpOnly, SameSite=Strict)', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
    const { first, attrs } = cookieAttrs(r.setCookie);
    assert.match(first, /^__Host-kring_session=[^;\s]+$/, r.setCookie);
    assert.ok(attrs.includes('secure'), `Secure in ${r.setCookie}`);
    assert.ok(attrs.includes('httponly'));
    assert.ok(attrs.includes('samesite=strict'));
    assert.ok(attrs.includes('path=/'));
    assert.ok(!attrs.some((a) => a.startsWith('domain')), `no Domain in ${r.setCookie}`);
    // and the browser's token for later logins (login_device.h): __Secure-, as
    // its path (/api/v1/session) rules out __Host-
    const device = cookieAttrs(r.deviceSetCookie);
    assert.match(device.first, /^__Secure-kring_device=[^;\s]+$/, r.deviceSetCookie);
    assert.ok(device.attrs.includes('secure'), `Secure in ${r.deviceSetCookie}`);
  });

  it('only the prefixed cookies count: a plain kring_session (one a neighbouring site or plain HTTP could plant) is not a session', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
    const me = await api(server.base, 'GET', '/api/v1/me', { cookie: `__Host-kring_session=${r.cookie}` });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'admin');
    assertError(await api(server.base, 'GET', '/api/v1/me', { cookie: `kring_session=${r.cookie}` }), 401, 'not_authenticated');
    // The logout clears the prefixed cookie, with the same attributes.
    const out = await api(server.base, 'DELETE', '/api/v1/session', { token: r.json.token });
    assert.equal(out.status, 204, out.text);
    const cleared = setCookies(out.headers).find((l) => l.startsWith('__Host-kring_session=')) || '';
    assert.match(cleared, /^__Host-kring_session=;/, `the logout clears the cookie: ${setCookies(out.headers)}`);
    assert.match(cleared, /Max-Age=0/);
    assert.match(cleared, /Path=\//);
    assert.match(cleared, /Secure/);
  });

  it('the login browser\'s token is read only from __Secure-kring_device: the same browser keeps its token, a plain cookie gets a new one', async () => {
    const first = await login(server.base, 'admin', server.admin.password);
    assert.equal(first.status, 201, first.text);
    assert.ok(first.device, first.deviceSetCookie);
    const again = await login(server.base, 'admin', server.admin.password, undefined, { device: first.device, deviceCookie: '__Secure-kring_device' });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.device, first.device, 'the same browser keeps its token');
    const plain = await login(server.base, 'admin', server.admin.password, undefined, { device: first.device });
    assert.equal(plain.status, 201, plain.text);
    assert.ok(plain.device && plain.device !== first.device, 'a plain kring_device cookie is not read: a new token');
  });

  it('API answers, successes and errors, and the web app\'s files carry Strict-Transport-Security and the other security headers', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
    assertSecurityHeaders(r.headers, { apiAnswer: true, hsts: true, what: 'POST /api/v1/session (cookie-secure)' });
    const me = await api(server.base, 'GET', '/api/v1/me', { token: r.json.token });
    assert.equal(me.status, 200, me.text);
    assertSecurityHeaders(me.headers, { apiAnswer: true, hsts: true, what: 'GET /api/v1/me (cookie-secure)' });
    const anon = await api(server.base, 'GET', '/api/v1/me');
    assertError(anon, 401, 'not_authenticated');
    assertSecurityHeaders(anon.headers, { apiAnswer: true, hsts: true, what: 'GET /api/v1/me 401 (cookie-secure)' });
    const health = await api(server.base, 'GET', '/healthz');
    assert.equal(health.status, 200);
    assertSecurityHeaders(health.headers, { apiAnswer: true, hsts: true, what: '/healthz (cookie-secure)' });
    // the web app's own files too: the first page load is the one HSTS has to cover
    for (const p of ['/', '/app.js']) {
      const page = await fetch(server.base + p);
      assert.equal(page.status, 200, p);
      assertSecurityHeaders(page.headers, { apiAnswer: false, hsts: true, what: `GET ${p} (cookie-secure)` });
    }
  });
});

describe('auth: no user enumeration through timing', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none' });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('an unknown username takes about as long as a wrong password (the hash is computed anyway)', async () => {
    const time = async (username) => {
      const t0 = process.hrtime.bigint();
      const r = await login(server.base, username, 'fout-wachtwoord-timing');
      assertError(r, 401, 'invalid_credentials');
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const wrong = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      wrong.push(await time('admin'));
      unknown.push(await time(`niemand.${i}`));
    }
    const median = (xs) => [...xs].sort((x, y) => x - y)[1];
    assert.ok(
      median(unknown) >= 0.3 * median(wrong),
      `unknown user ${median(unknown).toFixed(1)} ms vs wrong password ${median(wrong).toFixed(1)} ms (${unknown} / ${wrong})`,
    );
  });
});
