// Login throttling: KRING_LOGIN_MAX_FAILURES failures lock the username out
// (429 too_many_attempts with Retry-After), even for the right password; the
// failures are in the audit trail.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginAdmin, loginOk, createUser, assertError } from './harness.mjs';

describe('login lockout (KRING_LOGIN_MAX_FAILURES=3)', () => {
  let server;
  let admin;
  let victim;
  let po;
  const wrongPasswords = ['fout-wachtwoord-AAA1', 'fout-wachtwoord-BBB2', 'fout-wachtwoord-CCC3'];

  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_LOGIN_MAX_FAILURES: '3' } });
    admin = await loginAdmin(server);
    victim = await createUser(server, admin.token, { username: 'slachtoffer', role: 'professional' });
    po = await createUser(server, admin.token, { username: 'privacy', role: 'privacy_officer' });
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('the first failures are 401 invalid_credentials', async () => {
    for (const pw of wrongPasswords) {
      assertError(await login(server.base, 'slachtoffer', pw), 401, 'invalid_credentials');
    }
  });

  it('the next attempt is 429 too_many_attempts with Retry-After, even with the right password', async () => {
    const r = await login(server.base, 'slachtoffer', victim.password);
    assertError(r, 429, 'too_many_attempts');
    const ra = r.headers.get('retry-after');
    assert.ok(ra, 'Retry-After header present');
    assert.match(ra, /^\d+$/, `Retry-After is an integer number of seconds: ${ra}`);
    assert.ok(Number(ra) > 0, `Retry-After > 0: ${ra}`);
    assert.ok(Number(ra) <= 900 + 5, `Retry-After within the default window: ${ra}`);
    assert.equal(r.cookie, undefined);
    assert.equal(r.json.token, undefined);
    // And again with a wrong password.
    assertError(await login(server.base, 'slachtoffer', 'fout-wachtwoord-DDD4'), 429, 'too_many_attempts');
  });

  it('the lockout is per username: another user still logs in', async () => {
    const s = await loginOk(server.base, 'privacy', po.password);
    assert.equal(s.user.role, 'privacy_officer');
    po.token = s.token;
  });

  it('the failed logins are in the audit trail as login_failed, without the passwords tried', async () => {
    const r = await api(server.base, 'GET', '/api/v1/audit?limit=500', { token: po.token });
    assert.equal(r.status, 200, r.text);
    const failed = r.json.items.filter((e) => e.action === 'login_failed');
    const forVictim = failed.filter((e) => e.user_id === victim.id || e.username === 'slachtoffer');
    // 3 wrong passwords, then the 2 attempts refused by the lockout (the
    // right password and a fourth wrong one), newest first.
    assert.deepEqual(
      forVictim.map((e) => [e.username, e.outcome, e.reason]),
      [
        ['slachtoffer', 'denied', 'locked out'],
        ['slachtoffer', 'denied', 'locked out'],
        ['slachtoffer', 'denied', 'wrong password'],
        ['slachtoffer', 'denied', 'wrong password'],
        ['slachtoffer', 'denied', 'wrong password'],
      ],
      `the login_failed events for the user: ${JSON.stringify(failed)}`,
    );
    assert.equal(failed.length, forVictim.length, `no login_failed events for anyone else: ${JSON.stringify(failed)}`);
    for (const pw of [...wrongPasswords, 'fout-wachtwoord-DDD4', victim.password]) {
      assert.ok(!r.text.includes(pw), `audit must not contain a password tried (${pw})`);
    }
  });

  it('20 failures from one client address lock out every username from it (429 with Retry-After)', async () => {
    // Earlier tests in this file stored exactly 5 login_failed events from
    // 127.0.0.1 (3 wrong passwords, 2 refused by the lockout, which count
    // too). The default per-address limit is 20 (src/cli/config.c), so the
    // 15 next failures are checked and the 16th attempt is refused.
    const statuses = [];
    let locked = null;
    for (let i = 0; i < 25 && !locked; i++) {
      const r = await login(server.base, `onbekend.${i}`, 'fout-wachtwoord-EEE5');
      statuses.push(r.status);
      if (r.status === 429) locked = r;
      else assertError(r, 401, 'invalid_credentials');
    }
    assert.ok(locked, `a 429 within 25 more failures: ${statuses}`);
    assert.deepEqual(statuses, [...Array(15).fill(401), 429], `the 16th attempt is the first refused: ${statuses}`);
    assertError(locked, 429, 'too_many_attempts');
    assert.match(locked.headers.get('retry-after') || '', /^[1-9]\d*$/);
    // The address lock holds for a user with the right password too.
    const admin2 = await login(server.base, 'admin', server.admin.password);
    assertError(admin2, 429, 'too_many_attempts');
    // Sessions that exist keep working.
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { token: admin.token })).status, 200);
  });
});

describe('login lockout under a burst of parallel guesses', () => {
  let server;
  let admin;
  let victim;

  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_LOGIN_MAX_FAILURES: '5' } });
    admin = await loginAdmin(server);
    victim = await createUser(server, admin.token, { username: 'doelwit', role: 'professional' });
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('checks no more passwords than the limit, however many attempts arrive at once', async () => {
    // Every attempt that passed the count before the others' failures were
    // stored used to check its password: 12 of 19 on two cores. (12 here:
    // the refusals count for the address too, whose limit is 20.)
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(server.base, 'doelwit', `fout-wachtwoord-${i}`)));
    const checked = answers.filter((r) => r.status === 401);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(checked.length + refused.length, answers.length, `only 401 and 429: ${answers.map((r) => r.status)}`);
    assert.ok(checked.length >= 1 && checked.length <= 5, `at most 5 passwords checked, got ${checked.length}: ${answers.map((r) => r.status)}`);
    for (const r of refused) assertError(r, 429, 'too_many_attempts');
    assertError(await login(server.base, 'doelwit', victim.password), 429, 'too_many_attempts');
  });

  it('in-flight attempts are given back: a user without failures logs in as before, also in parallel', async () => {
    const other = await createUser(server, admin.token, { username: 'collega', role: 'professional' });
    const answers = await Promise.all(Array.from({ length: 3 }, () => login(server.base, 'collega', other.password)));
    for (const r of answers) assert.equal(r.status, 201, r.text);
    assert.equal((await login(server.base, 'collega', other.password)).status, 201);
  });
});
