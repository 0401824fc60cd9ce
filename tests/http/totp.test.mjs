// Two-factor login under the policies: staff (the default), none and all.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, totp, wrongTotp, kring, parseCliJson, base32Decode, assertError, createUser } from './harness.mjs';

const B32 = /^[A-Z2-7]+=*$/;

describe('TOTP under the default policy (staff)', () => {
  let server;
  let adminToken;

  before(async () => {
    server = await startServer({}); // no --require-totp: the default policy applies
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('kring user add printed a base32 totp_secret for the admin (a staff role)', () => {
    assert.equal(typeof server.admin.totp_secret, 'string', `totp_secret in ${JSON.stringify(server.admin)}`);
    assert.match(server.admin.totp_secret, B32);
    assert.ok(base32Decode(server.admin.totp_secret).length >= 10, 'secret of at least 80 bits');
  });

  it('an admin without a TOTP code gets 401 totp_required', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assertError(r, 401, 'totp_required');
    assert.equal(r.cookie, undefined);
    assert.equal(r.json.token, undefined);
  });

  it('an admin with a wrong TOTP code gets 401 invalid_totp', async () => {
    const r = await login(server.base, 'admin', server.admin.password, wrongTotp(server.admin.totp_secret));
    assertError(r, 401, 'invalid_totp');
    assert.equal(r.cookie, undefined);
  });

  it('an admin with the right TOTP code logs in (201)', async () => {
    const r = await login(server.base, 'admin', server.admin.password, totp(server.admin.totp_secret));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.user.role, 'admin');
    adminToken = r.json.token;
  });

  it('a right TOTP code with a wrong password is 401 invalid_credentials', async () => {
    const r = await login(server.base, 'admin', 'not-the-password-9', totp(server.admin.totp_secret));
    assertError(r, 401, 'invalid_credentials');
  });

  it('a jim user gets no totp_secret and logs in without TOTP', async () => {
    assert.ok(adminToken, 'admin logged in');
    const jim = await createUser(server, adminToken, { username: 'mentor.jan', role: 'jim' });
    assert.equal(jim.accepted.totp_secret, undefined, `no totp_secret for jim: ${JSON.stringify(jim.accepted)}`);
    const r = await login(server.base, 'mentor.jan', jim.password);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.user.role, 'jim');
  });

  it('a youth user logs in without TOTP', async () => {
    const y = await createUser(server, adminToken, { username: 'jongere.sam', role: 'youth' });
    assert.equal(y.accepted.totp_secret, undefined);
    const r = await login(server.base, 'jongere.sam', y.password);
    assert.equal(r.status, 201, r.text);
  });

  it('an invited professional gets a totp_secret on acceptance, and needs it to log in', async () => {
    const p = await createUser(server, adminToken, { username: 'prof.anna', role: 'professional' });
    assert.equal(typeof p.accepted.totp_secret, 'string', `totp_secret in ${JSON.stringify(p.accepted)}`);
    assert.match(p.accepted.totp_secret, B32);
    assert.equal(p.accepted.username, 'prof.anna');
    assertError(await login(server.base, 'prof.anna', p.password), 401, 'totp_required');
    const r = await login(server.base, 'prof.anna', p.password, totp(p.accepted.totp_secret));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.user.role, 'professional');
    // The invitation cannot be used a second time.
    const again = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(p.invitation.token)}/accept`, {
      body: { password: 'een-ander-wachtwoord-1' },
    });
    assertError(again, 410, 'invitation_used');
    assert.equal(again.json.totp_secret, undefined);
  });

  it('a lost phone: a new invitation revokes the secret at once, and its acceptance enrols a new one', async () => {
    const p = await createUser(server, adminToken, { username: 'prof.bram', role: 'professional' });
    const old = p.accepted.totp_secret;
    const before = await login(server.base, 'prof.bram', p.password, totp(old));
    assert.equal(before.status, 201, before.text);
    const again = await api(server.base, 'POST', `/api/v1/users/${p.created.id}/invitation`, { token: adminToken });
    assert.equal(again.status, 201, again.text);
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { token: before.json.token })).status, 401, 'the session ended');
    // the old password and secret no longer log in: the password is refused first
    assertError(await login(server.base, 'prof.bram', p.password, totp(old, Date.now() + 30000)), 401, 'invalid_credentials');
    const a = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(again.json.invitation.token)}/accept`, {
      body: { password: 'een-nieuw-wachtwoord-2026' },
    });
    assert.equal(a.status, 200, a.text);
    assert.match(a.json.totp_secret, B32);
    assert.notEqual(a.json.totp_secret, old, 'a new secret');
    assertError(await login(server.base, 'prof.bram', 'een-nieuw-wachtwoord-2026', totp(old, Date.now() + 30000)), 401, 'invalid_totp');
    const r = await login(server.base, 'prof.bram', 'een-nieuw-wachtwoord-2026', totp(a.json.totp_secret));
    assert.equal(r.status, 201, r.text);
  });

  it('a TOTP code is accepted once: a replay, or an older code, gets 401 invalid_totp', async () => {
    // The next step's code is within the accepted window and newer than any used so far.
    const next = totp(server.admin.totp_secret, Date.now() + 30000);
    const first = await login(server.base, 'admin', server.admin.password, next);
    assert.equal(first.status, 201, first.text);
    const replay = await login(server.base, 'admin', server.admin.password, next);
    assertError(replay, 401, 'invalid_totp');
    assert.equal(replay.cookie, undefined);
    assert.equal(replay.json.token, undefined);
    const older = await login(server.base, 'admin', server.admin.password, totp(server.admin.totp_secret));
    assertError(older, 401, 'invalid_totp');
  });

  it('kring user add --role jim prints no totp_secret', () => {
    const r = kring(['user', 'add', '--db', server.db, '--username', 'cli.jim', '--role', 'jim', '--display-name', 'CLI JIM', '--password-stdin'], 'cli-jim-wachtwoord-1\n');
    assert.equal(r.status, 0, r.stderr);
    const j = parseCliJson(r.stdout);
    assert.equal(j.username, 'cli.jim');
    assert.equal(j.role, 'jim');
    assert.equal(j.totp_secret, undefined);
  });
});

describe('TOTP under --require-totp none', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none' });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('the admin logs in with password only', async () => {
    const r = await login(server.base, 'admin', server.admin.password);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.user.role, 'admin');
  });
});

describe('TOTP under --require-totp all', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'all' });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('even a jim user gets a totp_secret and needs the code', async () => {
    const a = await login(server.base, 'admin', server.admin.password, totp(server.admin.totp_secret));
    assert.equal(a.status, 201, a.text);
    const jim = await createUser(server, a.json.token, { username: 'mentor.piet', role: 'jim' });
    assert.equal(typeof jim.accepted.totp_secret, 'string', `totp_secret in ${JSON.stringify(jim.accepted)}`);
    assertError(await login(server.base, 'mentor.piet', jim.password), 401, 'totp_required');
    const r = await login(server.base, 'mentor.piet', jim.password, totp(jim.accepted.totp_secret));
    assert.equal(r.status, 201, r.text);
  });
});
