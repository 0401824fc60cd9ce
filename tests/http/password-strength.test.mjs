// The meter of the screens where a password is chosen (ASVS 2.1.8):
// POST /api/v1/password-strength answers whether a password would be taken
// and how strong it is, by the same check that the invitation and the
// password change apply, so the meter and the refusal agree on what the meter
// is given (the invitation page gives no username). It is
// public (the invitation page has no session), reads and writes nothing, and
// keeps the password out of every log and the audit trail.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, loginAdmin, createUser, assertError, dbQuery } from './harness.mjs';

const PATH = '/api/v1/password-strength';

describe('POST /api/v1/password-strength', () => {
  let server;
  let admin;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
  });

  after(async () => {
    if (server) await server.stop();
  });

  const judge = async (body) => {
    const r = await api(server.base, 'POST', PATH, { body });
    assert.equal(r.status, 200, r.text);
    return r.json;
  };

  it('says weak with the reason, fair or strong, without a session', async () => {
    assert.deepEqual(await judge({ password: 'welkom123456' }), { acceptable: false, strength: 'weak', reason: 'guessable' });
    assert.deepEqual(await judge({ password: 'qwertyuiopas' }), { acceptable: false, strength: 'weak', reason: 'guessable' });
    assert.deepEqual(await judge({ password: 'kort' }), { acceptable: false, strength: 'weak', reason: 'too_short' });
    assert.deepEqual(await judge({ password: 'x'.repeat(1025) }), { acceptable: false, strength: 'weak', reason: 'too_long' });
    assert.deepEqual(await judge({ password: 'kring-demo-2026' }), { acceptable: true, strength: 'fair', reason: null });
    assert.deepEqual(await judge({ password: 'oma van sanne en tim' }), { acceptable: true, strength: 'strong', reason: null });
    assert.deepEqual(await judge({ password: 'Wachtwoord2026!' }), { acceptable: false, strength: 'weak', reason: 'guessable' }, 'a Dutch common password');
  });

  it('weighs the username when the page gives it', async () => {
    assert.deepEqual(await judge({ password: 'anna.devries', username: 'anna.devries' }), { acceptable: false, strength: 'weak', reason: 'username' });
    assert.deepEqual(await judge({ password: 'ANNA.DEVRIES', username: 'anna.devries' }), { acceptable: false, strength: 'weak', reason: 'username' });
    assert.equal((await judge({ password: 'anna.devries2026', username: 'anna.devries' })).reason, 'guessable');
  });

  it('agrees with the refusal at the invitation: what it calls acceptable is taken, what not is refused', async () => {
    // Asked as the invitation page asks it: without the username.
    const candidates = ['welkom123456', 'Password1234!', 'abcdefghijkl', 'Wachtwoord2026!', 'kring-demo-2026', 'oma van sanne en tim', 'mijn.meter2026'];
    let n = 0;
    for (const password of candidates) {
      const username = `meter.${++n}`;
      const meter = await judge({ password });
      const c = await api(server.base, 'POST', '/api/v1/users', { token: admin.token, body: { username, display_name: 'Meter', role: 'professional' } });
      assert.equal(c.status, 201, c.text);
      const a = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(c.json.invitation.token)}/accept`, { body: { password } });
      assert.equal(a.status === 200, meter.acceptable, `${password}: meter ${JSON.stringify(meter)}, accept ${a.status} ${a.text}`);
      if (!meter.acceptable) assertError(a, 422, 'validation_failed', 'password');
    }
  });

  it('refuses bad input with the error object, and changes nothing', async () => {
    const events = () => dbQuery(server.db, 'SELECT count(*) FROM audit_events;').trim();
    const before = events();
    assertError(await api(server.base, 'POST', PATH, {}), 400, 'bad_request');
    assertError(await api(server.base, 'POST', PATH, { body: {} }), 422, 'validation_failed', 'password');
    assertError(await api(server.base, 'POST', PATH, { body: { password: 12 } }), 422, 'validation_failed', 'password');
    assertError(await api(server.base, 'POST', PATH, { body: { password: 'een lang wachtwoord', username: 'Niet Goed!' } }), 422, 'validation_failed', 'username');
    assertError(await api(server.base, 'POST', PATH, { body: { password: 'een lang wachtwoord', extra: 1 } }), 422, 'validation_failed', 'extra');
    assertError(await api(server.base, 'POST', PATH, { rawBody: '{"password":' }), 400, 'malformed_json');
    await judge({ password: 'een-geheim-voor-het-log-2026' });
    assert.equal(events(), before, 'no audit event: nothing was read or written');
    assert.ok(!server.stderr().includes('een-geheim-voor-het-log') && !server.stdout().includes('een-geheim-voor-het-log'), 'the password is in no log');
  });
});
