// GET /api/v1/invitations/{token}: the page where an invited person chooses
// a password asks whose the link is. It answers the username and until when
// the link works, nothing else of the account; a read audited as such; 404
// for a link kring never gave (not audited, as no account was reached), 410
// for a used or expired one or an account no longer invited, with nothing
// changed: the link still works afterwards.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginAdmin, api, assertError, dbQuery } from './harness.mjs';

const PASSWORD = 'de fietsen staan achter het gemeentehuis';

describe('GET /api/v1/invitations/{token} says whose a link is', () => {
  let server;
  let admin;
  let n = 0;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
  });
  after(async () => {
    if (server) await server.stop();
  });

  // A new account of `role` with its invitation: {id, username, invitation}.
  async function invite(role = 'professional') {
    const username = `uitgenodigd.${process.pid}.${++n}`;
    const r = await api(server.base, 'POST', '/api/v1/users', {
      token: admin.token,
      body: { username, display_name: 'Ineke Uitgenodigd', role },
    });
    assert.equal(r.status, 201, r.text);
    return { id: r.json.id, username, invitation: r.json.invitation };
  }
  const read = (token) => api(server.base, 'GET', `/api/v1/invitations/${encodeURIComponent(token)}`);
  // The events about account `id`: "action|outcome|user_id|reason" a line, oldest first.
  const events = (id) => dbQuery(server.db,
    `SELECT action, outcome, coalesce(user_id, 0), coalesce(reason, '') FROM audit_events WHERE object_type = 'user' AND object_id = '${id}' ORDER BY id;`)
    .trim().split('\n').filter(Boolean);

  it('a usable link: the username and until when, nothing else; audited; the link still works', async () => {
    const u = await invite();
    const r = await read(u.invitation.token);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), ['expires_at', 'username']);
    assert.equal(r.json.username, u.username);
    assert.equal(r.json.expires_at, u.invitation.expires_at);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(events(u.id).slice(-1), ['read|success|0|']);
    // a password the rules refuse: 422, audited as an acceptance of this account, and the link still works
    const short = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(u.invitation.token)}/accept`, { body: { password: 'te kort' } });
    assertError(short, 422, 'validation_failed', 'password');
    assert.equal(events(u.id).slice(-1)[0].split('|')[0], 'accept_invitation');
    assert.equal((await read(u.invitation.token)).status, 200);
    const a = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(u.invitation.token)}/accept`, { body: { password: PASSWORD } });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.username, u.username);
    // used: 410, and it tells nothing of the account
    const used = await read(u.invitation.token);
    assertError(used, 410, 'invitation_used');
    assert.ok(!used.text.includes(u.username), used.text);
  });

  it('a link kring never gave: 404, not audited; a malformed one too', async () => {
    const before = dbQuery(server.db, 'SELECT count(*) FROM audit_events;').trim();
    assertError(await read('A'.repeat(43)), 404, 'not_found');
    assertError(await read('geen-echte-link'), 404, 'not_found');
    assertError(await read('%00'), 404, 'not_found');
    assert.equal(dbQuery(server.db, 'SELECT count(*) FROM audit_events;').trim(), before);
  });

  it('an expired link: 410 invitation_expired, and nothing changes', async () => {
    const u = await invite();
    dbQuery(server.db, `UPDATE invitations SET expires_at = ${Math.floor(Date.now() / 1000) - 1} WHERE user_id = ${u.id};`);
    const r = await read(u.invitation.token);
    assertError(r, 410, 'invitation_expired');
    assert.ok(!r.text.includes(u.username), r.text);
    assert.equal(dbQuery(server.db, `SELECT status FROM users WHERE id = ${u.id};`).trim(), 'invited');
  });

  it('the account was ended meanwhile: 410 invitation_used', async () => {
    const u = await invite();
    dbQuery(server.db, `UPDATE users SET status = 'disabled' WHERE id = ${u.id};`);
    assertError(await read(u.invitation.token), 410, 'invitation_used');
  });

  it('an invitation made anew replaces the old link', async () => {
    const u = await invite();
    const again = await api(server.base, 'POST', `/api/v1/users/${u.id}/invitation`, { token: admin.token });
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.json.invitation.token, u.invitation.token);
    const old = await read(u.invitation.token);
    assert.ok(old.status === 404 || old.status === 410, `the old link: ${old.status} ${old.text}`);
    const r = await read(again.json.invitation.token);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.username, u.username);
  });

  it('is in the routing table as public, audited as a read of the account', async () => {
    const doc = await api(server.base, 'GET', '/api/v1/openapi.json');
    const op = doc.json.paths['/api/v1/invitations/{token}'].get;
    assert.equal(op['x-kring-audit'], 'read');
    assert.deepEqual(op.security, []);
  });
});
