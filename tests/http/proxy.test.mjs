// Behind nginx (docs/deploy.md): with --trusted-proxy, the client address in
// the audit trail and the per-address login limit come from the proxy's
// X-Forwarded-For; without it (or from any other peer) the header is ignored.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginOk, createUser, rawRequest, ADMIN_PASSWORD } from './harness.mjs';

// A privacy officer's token, to read the audit trail.
async function privacyToken(server) {
  const admin = (await login(server.base, 'admin', ADMIN_PASSWORD)).json.token;
  const po = await createUser(server, admin, { username: `po${Date.now()}`, role: 'privacy_officer', display_name: 'Privacy' });
  return (await loginOk(server.base, po.username, po.password)).token;
}

async function lastLoginFailure(server, token) {
  const r = await api(server.base, 'GET', '/api/v1/audit?limit=20', { token });
  assert.equal(r.status, 200);
  return r.json.items.find((e) => e.action === 'login_failed');
}

function failLogin(server, address) {
  return api(server.base, 'POST', '/api/v1/session', {
    body: { username: 'niemand', password: 'verkeerd-wachtwoord' },
    headers: { 'X-Forwarded-For': `198.51.100.1, ${address}` },
  });
}

describe('client address behind a trusted proxy', () => {
  let trusting;
  let plain;
  before(async () => {
    trusting = await startServer({ requireTotp: 'none', env: { KRING_TRUSTED_PROXY: '127.0.0.1', KRING_LOGIN_MAX_FAILURES_ADDR: '3' } });
    plain = await startServer({ requireTotp: 'none' });
  });
  after(async () => {
    if (trusting) await trusting.stop();
    if (plain) await plain.stop();
  });

  it('takes the address the proxy added last, and limits logins per real client', async () => {
    const token = await privacyToken(trusting);
    assert.equal((await failLogin(trusting, '203.0.113.7')).status, 401);
    const ev = await lastLoginFailure(trusting, token);
    assert.equal(ev.client_addr, '203.0.113.7');
    for (let i = 0; i < 2; i++) await failLogin(trusting, '203.0.113.7');
    assert.equal((await failLogin(trusting, '203.0.113.7')).status, 429, 'the third failure locks that client');
    assert.equal((await failLogin(trusting, '203.0.113.8')).status, 401, 'another client behind the same proxy is not locked');
  });

  it('ignores X-Forwarded-For when no proxy is trusted, and garbage in it', async () => {
    const token = await privacyToken(plain);
    await failLogin(plain, '203.0.113.9');
    assert.equal((await lastLoginFailure(plain, token)).client_addr, '127.0.0.1');
    // From the trusted proxy, a last entry that is no address is ignored: the
    // peer's address is recorded, never the header's text.
    const trustingToken = await privacyToken(trusting);
    for (const [username, xff] of [
      ['iemand-anders', 'not-an-address'],
      ['nog-iemand', '203.0.113.70, 203.0.113.999'],
    ]) {
      const r = await api(trusting.base, 'POST', '/api/v1/session', {
        body: { username, password: 'verkeerd-wachtwoord' },
        headers: { 'X-Forwarded-For': xff },
      });
      assert.equal(r.status, 401, r.text);
      const ev = await lastLoginFailure(trusting, trustingToken);
      assert.equal(ev.username, username, `the event of this attempt: ${JSON.stringify(ev)}`);
      assert.equal(ev.client_addr, '127.0.0.1', `X-Forwarded-For ${xff}: ${JSON.stringify(ev)}`);
    }
  });

  it('reads the last of several X-Forwarded-For lines (the one a proxy appended)', async () => {
    const token = await privacyToken(trusting);
    const body = JSON.stringify({ username: 'twee-regels', password: 'verkeerd-wachtwoord' });
    const { port } = new URL(trusting.base);
    const r = await rawRequest(trusting.base,
      `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `X-Forwarded-For: 203.0.113.50\r\nX-Forwarded-For: 203.0.113.51\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    assert.equal(r.status, 401, r.text);
    assert.equal((await lastLoginFailure(trusting, token)).client_addr, '203.0.113.51');
  });
});

describe('a trusted proxy written in another spelling', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_TRUSTED_PROXY: '::ffff:127.0.0.1' } });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('::ffff:127.0.0.1 is the IPv4 peer 127.0.0.1', async () => {
    const token = await privacyToken(server);
    assert.equal((await failLogin(server, '203.0.113.60')).status, 401);
    assert.equal((await lastLoginFailure(server, token)).client_addr, '203.0.113.60');
  });
});
