// A signed-in user changes their own password (PUT /api/v1/me/password,
// ASVS 2.1.5, 2.1.6, 3.3.3): only with the current password; a wrong one
// counts as a failed login of the account and meets the same lockout; the new
// one follows the password rules; afterwards the old password no longer logs
// in, every other session of the account has ended and this one goes on.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginAdmin, loginOk, createUser, assertError, dbQuery } from './harness.mjs';

describe('changing one\'s own password', () => {
  let server;
  let user; // {username, password}
  let s1; // the session that changes the password
  let s2; // another session of the same account

  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_LOGIN_MAX_FAILURES: '3' } });
    const admin = await loginAdmin(server);
    user = await createUser(server, admin.token, { username: 'p.wissel', role: 'professional' });
    s1 = await loginOk(server.base, user.username, user.password);
    s2 = await loginOk(server.base, user.username, user.password);
  });
  after(async () => {
    if (server) await server.stop();
  });

  const change = (session, body) => api(server.base, 'PUT', '/api/v1/me/password', { token: session.token, body });
  const failures = () => Number(dbQuery(server.db,
    `SELECT count(*) FROM audit_events WHERE action = 'login_failed' AND username = '${user.username}';`).trim());

  it('refuses a wrong current password (422 current_password), counted as a failed login; nothing changes', async () => {
    const before = failures();
    assertError(await change(s1, { current_password: 'niet mijn wachtwoord', new_password: 'een heel nieuw wachtwoord' }),
      422, 'validation_failed', 'current_password');
    assert.equal(failures(), before + 1, 'the wrong password is a login_failed event of the account');
    // a refusal of a signed-in caller, as a wrong password at the login is:
    // the privacy officer finds it among the refusals (outcome=denied)
    assert.equal(dbQuery(server.db, `SELECT outcome FROM audit_events WHERE action = 'login_failed' AND username = '${user.username}' ` +
      'ORDER BY id DESC LIMIT 1;').trim(), 'denied');
    assert.equal((await login(server.base, user.username, user.password)).status, 201, 'the password is unchanged');
  });

  it('applies the password rules to the new one, and it must differ from the current one', async () => {
    assertError(await change(s1, { current_password: user.password, new_password: 'kort' }), 422, 'validation_failed', 'new_password');
    assertError(await change(s1, { current_password: user.password, new_password: user.username }), 422, 'validation_failed', 'new_password');
    // Long enough but easy to guess (ASVS 2.1.7): a common password, a keyboard row, the username with a year.
    for (const easy of ['welkom123456', 'qwertyuiopas', 'Password1234!', `${user.username}2026`]) {
      const r = await change(s1, { current_password: user.password, new_password: easy });
      assertError(r, 422, 'validation_failed', 'new_password');
      assert.match(r.json.error.message, /too easy to guess/, easy);
    }
    assertError(await change(s1, { current_password: user.password, new_password: user.password }), 422, 'validation_failed', 'new_password');
    assertError(await change(s1, { current_password: user.password }), 422, 'validation_failed', 'new_password');
    assertError(await api(server.base, 'PUT', '/api/v1/me/password', { body: { current_password: user.password, new_password: 'x'.repeat(20) } }),
      401, 'not_authenticated');
  });

  it('changes it: the old password fails, the new one logs in, the other session has ended and this one goes on', async () => {
    const fresh = 'mijn nieuwe lange wachtwoord';
    const feed = await api(server.base, 'POST', '/api/v1/me/calendar-feed', { token: s2.token, body: {} });
    assert.equal(feed.status, 201, feed.text);
    const r = await change(s1, { current_password: user.password, new_password: fresh });
    assert.equal(r.status, 204, r.text);
    assert.equal((await login(server.base, user.username, user.password)).status, 401, 'the old password');
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { token: s1.token })).status, 200, 'this session goes on');
    assertError(await api(server.base, 'GET', '/api/v1/me', { token: s2.token }), 401, 'not_authenticated');
    const cal = await fetch(new URL(new URL(feed.json.url).pathname, server.base));
    assert.equal(cal.status, 404, 'the calendar link ends too');
    const next = await login(server.base, user.username, fresh);
    assert.equal(next.status, 201, next.text);
    const ev = dbQuery(server.db, `SELECT action || '|' || outcome || '|' || object_id FROM audit_events WHERE object_type = 'user' ` +
      `AND action = 'update' AND user_id = ${s1.user.id} ORDER BY id DESC LIMIT 1;`).trim();
    assert.equal(ev, `update|success|${s1.user.id}`, 'the change is audited');
    assert.doesNotMatch(dbQuery(server.db, 'SELECT coalesce(reason, \'\') FROM audit_events;'), new RegExp(fresh), 'no password in the audit trail');
    user.password = fresh;
  });

  it('guessing the current password meets the login lockout (429), and so does logging in', async () => {
    const s3 = await loginOk(server.base, user.username, user.password);
    let last;
    for (let i = 0; i < 4; i++) last = await change(s3, { current_password: `geraden wachtwoord ${i}`, new_password: 'nog een nieuw wachtwoord' });
    assertError(last, 429, 'too_many_attempts');
    assertError(await change(s3, { current_password: user.password, new_password: 'nog een nieuw wachtwoord' }), 429, 'too_many_attempts');
    assert.equal((await login(server.base, user.username, user.password)).status, 429, 'logging in is locked too');
  });
});
