// A login with a password kring would refuse if it were set now (one set
// before kring judged how easy a password is to guess) succeeds, and its
// answer says password_weak: true, so that the web app asks for a new one;
// a password that passes the rules says false, and after a new password the
// flag is gone. Simulated by renaming an account: a password that is fine for
// one username is built on another.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, kring, assertError, dbQuery } from './harness.mjs';

const OLD_PASSWORD = 'beheer-wachtwoord-2026'; // built on the username "beheer"
const NEW_PASSWORD = 'de fietsen staan achter het gemeentehuis';
// A password that passes the rules, for an account later named after it.
const NAME_PASSWORD = 'fietsenstalling.achter.station';

describe('a login tells whether its password would be refused now', () => {
  let server;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    const add = kring(['user', 'add', '--db', server.db, '--username', 'tijdelijk', '--role', 'teamlead', '--password-stdin'],
      OLD_PASSWORD + '\n');
    assert.equal(add.status, 0, add.stderr);
    dbQuery(server.db, "UPDATE users SET username = 'beheer' WHERE username = 'tijdelijk';");
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('the rules refuse this password for this username now', () => {
    const r = kring(['user', 'add', '--db', server.db, '--username', 'beheer2', '--role', 'teamlead', '--password-stdin'],
      'beheer2-wachtwoord-2026\n');
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, /too easy to guess/);
  });

  it('the login with it succeeds and answers password_weak: true', async () => {
    const r = await login(server.base, 'beheer', OLD_PASSWORD);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.password_weak, true);
    assert.equal(r.json.password_weak_reason, 'guessable');
    assert.equal(r.json.user.username, 'beheer');
  });

  it('a password that is the username says so', async () => {
    const add = kring(['user', 'add', '--db', server.db, '--username', 'tijdelijk2', '--role', 'teamlead', '--password-stdin'],
      NAME_PASSWORD + '\n');
    assert.equal(add.status, 0, add.stderr);
    dbQuery(server.db, `UPDATE users SET username = '${NAME_PASSWORD}' WHERE username = 'tijdelijk2';`);
    const r = await login(server.base, NAME_PASSWORD, NAME_PASSWORD);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.password_weak, true);
    assert.equal(r.json.password_weak_reason, 'username');
  });

  it('a password that passes the rules answers password_weak: false', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.password_weak, false);
    assert.ok(!('password_weak_reason' in r.json), r.text);
  });

  it('a wrong password says nothing about weakness', async () => {
    const r = await login(server.base, 'beheer', 'beheer');
    assertError(r, 401, 'invalid_credentials');
    assert.equal(r.json.password_weak, undefined);
  });

  it('after a new password the flag is false', async () => {
    const s = await login(server.base, 'beheer', OLD_PASSWORD);
    const change = await api(server.base, 'PUT', '/api/v1/me/password', {
      token: s.json.token,
      body: { current_password: OLD_PASSWORD, new_password: NEW_PASSWORD },
    });
    assert.equal(change.status, 204, change.text);
    const r = await login(server.base, 'beheer', NEW_PASSWORD);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.password_weak, false);
    assert.ok(!('password_weak_reason' in r.json), r.text);
  });
});
