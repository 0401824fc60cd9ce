// A lockout that others cannot hold (docs/SECURITY.md G14, ASVS 2.2.1): a
// login gives the browser a `kring_device` cookie; a later login of the same
// account that shows it is judged by that browser's own failures, not by the
// username's, so whoever fails on purpose with someone's username no longer
// locks them out of the browser they always use. The client address's limit
// still holds for everyone. Addresses come from X-Forwarded-For (the server
// trusts 127.0.0.1 as its proxy), so the victim and the attacker are two
// clients.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginOk, loginAdmin, createUser, assertError, dbQuery, totp } from './harness.mjs';

const VICTIM_ADDR = '203.0.113.10';
const ATTACKER_ADDR = '198.51.100.66';
const MAX = 3;

function from(address) {
  return { 'X-Forwarded-For': address };
}

// The attacker fails with `username` from their own address until it is
// locked (at most MAX failures: fewer when the username had some already).
async function lockUsername(server, username) {
  for (let i = 0; i <= MAX; i++) {
    const r = await login(server.base, username, `fout-wachtwoord-${i}`, undefined, { headers: from(ATTACKER_ADDR) });
    assert.equal(r.deviceSetCookie, '', 'no browser token with a refusal');
    if (r.status === 429) return assertError(r, 429, 'too_many_attempts');
    assertError(r, 401, 'invalid_credentials');
  }
  assert.fail(`${username} is not locked after ${MAX + 1} failures`);
}

// A server with the username limit MAX that trusts 127.0.0.1 as its proxy.
function startLimitedServer(requireTotp) {
  return startServer({ requireTotp, env: { KRING_LOGIN_MAX_FAILURES: String(MAX), KRING_TRUSTED_PROXY: '127.0.0.1' } });
}

// A new professional who logged in once from VICTIM_ADDR (with a TOTP code
// when the server asks for one): the user with `device`, that browser's
// token, and `token`, the session's.
async function newUserWithBrowser(server, admin, username) {
  const u = await createUser(server, admin.token, { username, role: 'professional' });
  const code = u.totp_secret ? totp(u.totp_secret) : undefined;
  const r = await login(server.base, username, u.password, code, { headers: from(VICTIM_ADDR) });
  assert.equal(r.status, 201, r.text);
  assert.ok(r.device);
  return { ...u, device: r.device, token: r.json.token };
}

describe('login from a known browser (kring_device)', () => {
  let server;
  let admin;
  let victim;
  let colleague;
  let po;
  let device;

  before(async () => {
    server = await startServer({
      requireTotp: 'none',
      env: { KRING_LOGIN_MAX_FAILURES: String(MAX), KRING_LOGIN_MAX_FAILURES_ADDR: '12', KRING_TRUSTED_PROXY: '127.0.0.1' },
    });
    admin = await loginAdmin(server);
    victim = await createUser(server, admin.token, { username: 'vaste.gebruiker', role: 'professional' });
    colleague = await createUser(server, admin.token, { username: 'collega', role: 'professional' });
    const p = await createUser(server, admin.token, { username: 'privacy', role: 'privacy_officer' });
    po = await loginOk(server.base, 'privacy', p.password);
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('a login gives the browser a token: HttpOnly, SameSite=Strict, only for the login path, 180 days; only its hash is stored', async () => {
    const r = await login(server.base, victim.username, victim.password, undefined, { headers: from(VICTIM_ADDR) });
    assert.equal(r.status, 201, r.text);
    assert.match(r.device || '', /^[A-Za-z0-9_-]{43}$/, `a token in ${r.deviceSetCookie}`);
    const attrs = r.deviceSetCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    for (const a of ['path=/api/v1/session', 'httponly', 'samesite=strict', `max-age=${180 * 24 * 3600}`]) {
      assert.ok(attrs.includes(a), `${a} in ${r.deviceSetCookie}`);
    }
    assert.ok(!attrs.includes('secure'), `no Secure without cookie-secure: ${r.deviceSetCookie}`);
    assert.match(r.setCookie, /^kring_session=/, 'the session cookie is still set');
    device = r.device;
    const stored = dbQuery(server.db, `SELECT d.token_hash FROM login_devices d JOIN users u ON u.id = d.user_id WHERE u.username = '${victim.username}';`).trim();
    assert.match(stored, /^[0-9a-f]{64}$/, 'one hash is stored');
    assert.ok(!stored.includes(device), 'not the token itself');
  });

  it('the same browser keeps its token, for 180 days from this login; a browser without one gets a new one', async () => {
    const again = await login(server.base, victim.username, victim.password, undefined, { device, headers: from(VICTIM_ADDR) });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.device, device, `the same token again: ${again.deviceSetCookie}`);
    assert.ok(again.deviceSetCookie.includes(`Max-Age=${180 * 24 * 3600}`), again.deviceSetCookie);
    const other = await login(server.base, victim.username, victim.password, undefined, { headers: from(VICTIM_ADDR) });
    assert.equal(other.status, 201, other.text);
    assert.ok(other.device && other.device !== device, 'another browser, another token');
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices d JOIN users u ON u.id = d.user_id WHERE u.username = '${victim.username}';`).trim(), '2');
  });

  it("someone else's failures lock the username for unknown browsers, not for the owner's own browser", async () => {
    await lockUsername(server, victim.username);
    // The victim, from their own address, in a browser without the token: held back.
    assertError(await login(server.base, victim.username, victim.password, undefined, { headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
    // A token that is no token, or one nobody has, is an unknown browser.
    for (const bad of ['kapot', 'A'.repeat(43), `${device}x`]) {
      assertError(await login(server.base, victim.username, victim.password, undefined, { device: bad, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
    }
    // A refusal hands out no token.
    const refused = await login(server.base, victim.username, victim.password, undefined, { headers: from(VICTIM_ADDR) });
    assertError(refused, 429, 'too_many_attempts');
    assert.equal(refused.deviceSetCookie, '');
    // Their own browser logs in, and a session is made.
    const r = await login(server.base, victim.username, victim.password, undefined, { device, headers: from(VICTIM_ADDR) });
    assert.equal(r.status, 201, r.text);
    const me = await api(server.base, 'GET', '/api/v1/me', { token: r.json.token });
    assert.equal(me.json.username, victim.username);
  });

  it("a browser's token counts only for the account that logged in with it", async () => {
    await lockUsername(server, colleague.username);
    assertError(await login(server.base, colleague.username, colleague.password, undefined, { device, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
  });

  it("failures from the owner's browser count for that browser: after the limit it is held back like any other", async () => {
    const before = Number(dbQuery(server.db, 'SELECT coalesce(max(id), 0) FROM audit_events;').trim());
    for (let i = 0; i < MAX; i++) {
      assertError(await login(server.base, victim.username, `geraden-${i}`, undefined, { device, headers: from(VICTIM_ADDR) }), 401, 'invalid_credentials');
    }
    // Now the username's lockout (which the attacker holds) applies to it too.
    const r = await login(server.base, victim.username, victim.password, undefined, { device, headers: from(VICTIM_ADDR) });
    assertError(r, 429, 'too_many_attempts');
    assert.match(r.headers.get('retry-after') || '', /^[1-9]\d*$/);
    // the browser of the first login: the first of the account's two
    const id = dbQuery(server.db, `SELECT id FROM login_devices WHERE user_id = ${victim.id} ORDER BY id LIMIT 1;`).trim();
    const events = await api(server.base, 'GET', `/api/v1/audit?username=${victim.username}&limit=50`, { token: po.token });
    assert.equal(events.status, 200, events.text);
    const mine = events.json.items.filter((e) => e.id > before && e.action === 'login_failed');
    assert.deepEqual(
      mine.map((e) => [e.username, e.object_type, e.object_id, e.reason, e.client_addr]).reverse(),
      [
        ...Array.from({ length: MAX }, () => [victim.username, 'login_device', id, 'wrong password', VICTIM_ADDR]),
        // held back by the username's lockout: no longer the browser's
        [victim.username, 'user', null, 'locked out', VICTIM_ADDR],
      ],
      JSON.stringify(mine),
    );
    for (const e of mine) assert.ok(!JSON.stringify(e).includes(device), 'the token is not in the audit trail');
  });

  it("the address's limit holds for the owner's browser too", async () => {
    const third = await createUser(server, admin.token, { username: 'derde', role: 'professional' });
    const own = await login(server.base, 'derde', third.password, undefined, { headers: from('203.0.113.30') });
    assert.equal(own.status, 201, own.text);
    const busy = '203.0.113.31';
    let statuses = [];
    for (let i = 0; i < 20; i++) {
      const r = await login(server.base, `onbekend.${i}`, 'fout', undefined, { headers: from(busy) });
      statuses.push(r.status);
      if (r.status === 429) break;
    }
    assert.equal(statuses.at(-1), 429, `the address is locked: ${statuses}`);
    assertError(await login(server.base, 'derde', third.password, undefined, { device: own.device, headers: from(busy) }), 429, 'too_many_attempts');
    assert.equal((await login(server.base, 'derde', third.password, undefined, { device: own.device, headers: from('203.0.113.30') })).status, 201);
  });
});

describe('logging out everywhere else, a new password or a new invitation forgets the browsers', () => {
  let server;
  let admin;

  before(async () => {
    server = await startLimitedServer('none');
    admin = await loginAdmin(server);
  });

  after(async () => {
    if (server) await server.stop();
  });

  const userWithBrowser = (username) => newUserWithBrowser(server, admin, username);

  it('DELETE /api/v1/me/sessions: the lost phone no longer passes a lockout of the username', async () => {
    const u = await userWithBrowser('telefoon.kwijt');
    const r = await api(server.base, 'DELETE', '/api/v1/me/sessions', { token: u.token });
    assert.equal(r.status, 200, r.text);
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices WHERE user_id = ${u.id};`).trim(), '0');
    await lockUsername(server, u.username);
    assertError(await login(server.base, u.username, u.password, undefined, { device: u.device, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
  });

  it('PUT /api/v1/me/password forgets them too; a refused change forgets nothing', async () => {
    const u = await userWithBrowser('nieuw.wachtwoord');
    const refused = await api(server.base, 'PUT', '/api/v1/me/password', {
      token: u.token,
      body: { current_password: 'niet het wachtwoord', new_password: 'een heel nieuw wachtwoord 1' },
    });
    assertError(refused, 422, 'validation_failed', 'current_password');
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices WHERE user_id = ${u.id};`).trim(), '1');
    const r = await api(server.base, 'PUT', '/api/v1/me/password', {
      token: u.token,
      body: { current_password: u.password, new_password: 'een heel nieuw wachtwoord 2' },
    });
    assert.equal(r.status, 204, r.text);
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices WHERE user_id = ${u.id};`).trim(), '0');
    // the old token no longer passes a lockout, also with the new password
    await lockUsername(server, u.username);
    assertError(await login(server.base, u.username, 'een heel nieuw wachtwoord 2', undefined, { device: u.device, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
  });

  it('ending the account (disable) forgets them too', async () => {
    const u = await userWithBrowser('vertrokken');
    const r = await api(server.base, 'POST', `/api/v1/users/${u.id}/disable`, { token: admin.token });
    assert.equal(r.status, 200, r.text);
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices WHERE user_id = ${u.id};`).trim(), '0');
  });

  it('an account keeps its 20 last used browsers: an API client that logs in without the cookie does not pile them up', async () => {
    const u = await userWithBrowser('script');
    for (let i = 0; i < 20; i++) {
      const r = await login(server.base, u.username, u.password, undefined, { headers: from(VICTIM_ADDR) });
      assert.equal(r.status, 201, r.text);
    }
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices WHERE user_id = ${u.id};`).trim(), '20');
    // the first browser, least recently used, was forgotten
    await lockUsername(server, u.username);
    assertError(await login(server.base, u.username, u.password, undefined, { device: u.device, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
  });

  it('a new invitation from the admin (a lost password or phone) forgets them, like the sessions', async () => {
    const u = await userWithBrowser('opnieuw.uitgenodigd');
    const r = await api(server.base, 'POST', `/api/v1/users/${u.id}/invitation`, { token: admin.token });
    assert.equal(r.status, 201, r.text);
    assert.equal(dbQuery(server.db, `SELECT count(*) FROM login_devices WHERE user_id = ${u.id};`).trim(), '0');
  });
});

describe('a browser not used to log in for 180 days', () => {
  let server;
  let admin;
  let u;
  let recent;

  before(async () => {
    server = await startLimitedServer('none');
    admin = await loginAdmin(server);
    u = await newUserWithBrowser(server, admin, 'lang.weg');
    const r = await login(server.base, u.username, u.password, undefined, { headers: from(VICTIM_ADDR) });
    assert.equal(r.status, 201, r.text);
    recent = r.device;
    // The first browser last logged in 181 days ago.
    dbQuery(server.db, `UPDATE login_devices SET last_used_at = last_used_at - ${181 * 24 * 3600} WHERE id = (SELECT min(id) FROM login_devices WHERE user_id = ${u.id});`);
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('no longer passes a lockout of the username; a browser used since does', async () => {
    await lockUsername(server, u.username);
    assertError(await login(server.base, u.username, u.password, undefined, { device: u.device, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
    const r = await login(server.base, u.username, u.password, undefined, { device: recent, headers: from(VICTIM_ADDR) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.device, recent);
  });

  it('is forgotten by the server (at its start and once a minute): its row goes, the recent one stays', async () => {
    const rows = () => dbQuery(server.db, `SELECT id FROM login_devices WHERE user_id = ${u.id} ORDER BY id;`).trim().split('\n').map((s) => s.trim());
    const [oldId, recentId] = rows();
    assert.ok(oldId && recentId, 'both rows before the restart');
    await server.stop({ keepDir: true });
    server = await startServer({ requireTotp: 'none', reuseDir: server.dir, env: { KRING_LOGIN_MAX_FAILURES: String(MAX), KRING_TRUSTED_PROXY: '127.0.0.1' } });
    assert.deepEqual(rows(), [recentId]);
  });
});

describe('a burst of guesses from one browser, and its TOTP codes', () => {
  let server;
  let admin;

  before(async () => {
    server = await startLimitedServer('staff');
    admin = await loginAdmin(server);
  });

  after(async () => {
    if (server) await server.stop();
  });

  const userWithBrowser = (username) => newUserWithBrowser(server, admin, username);

  it('parallel guesses with a stolen token check no more passwords than the limit, each from its own address', async () => {
    const u = await userWithBrowser('gestolen.token');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      login(server.base, u.username, `geraden-${i}`, undefined, { device: u.device, headers: from(`192.0.2.${100 + i}`) })));
    const checked = answers.filter((r) => r.status === 401);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(checked.length + refused.length, answers.length, `only 401 and 429: ${answers.map((r) => r.status)}`);
    assert.ok(checked.length >= 1 && checked.length <= MAX, `at most ${MAX} passwords checked, got ${checked.length}: ${answers.map((r) => r.status)}`);
    for (const r of refused) assertError(r, 429, 'too_many_attempts');
  });

  it("wrong TOTP codes from the owner's browser count for it: a lockout of the username does not give them unlimited tries", async () => {
    const u = await userWithBrowser('tweede.factor');
    await lockUsername(server, u.username);
    const right = totp(u.totp_secret);
    const wrong = String((Number(right) + 500000) % 1000000).padStart(6, '0');
    for (let i = 0; i < MAX; i++) {
      const r = await login(server.base, u.username, u.password, wrong, { device: u.device, headers: from(VICTIM_ADDR) });
      assertError(r, 401, 'invalid_totp');
    }
    assertError(await login(server.base, u.username, u.password, totp(u.totp_secret), { device: u.device, headers: from(VICTIM_ADDR) }), 429, 'too_many_attempts');
  });
});
