// Session lifetimes: the idle limit (KRING_SESSION_IDLE) and the absolute
// limit (KRING_SESSION_MAX), which activity does not extend.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, loginAdmin, assertError, sleep } from './harness.mjs';

describe('session idle limit (KRING_SESSION_IDLE=2)', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_SESSION_IDLE: '2' } });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('activity within the idle limit keeps the session; 3 s idle ends it (401)', async () => {
    const s = await loginAdmin(server);
    // Activity every 0.7 s for ~3.5 s: more than the idle limit in total, but
    // never 2 s idle (0.7 s leaves room for servers that count whole seconds).
    for (let i = 0; i < 5; i++) {
      const r = await api(server.base, 'GET', '/api/v1/me', { token: s.token });
      assert.equal(r.status, 200, `request ${i} within the idle limit: ${r.text}`);
      await sleep(700);
    }
    assert.equal((await api(server.base, 'GET', '/api/v1/me', { token: s.token })).status, 200, 'still valid after steady activity');
    await sleep(3200);
    assertError(await api(server.base, 'GET', '/api/v1/me', { token: s.token }), 401, 'not_authenticated');
    assertError(await api(server.base, 'GET', '/api/v1/me', { cookie: s.cookie }), 401, 'not_authenticated');
  });
});

describe('session absolute limit (KRING_SESSION_MAX=3)', () => {
  let server;
  before(async () => {
    server = await startServer({ requireTotp: 'none', env: { KRING_SESSION_MAX: '3' } });
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('the session is refused after the absolute limit despite activity every second', async () => {
    const t0 = Date.now();
    const s = await loginAdmin(server);
    const statuses = [];
    let firstRefusal = null;
    while (Date.now() - t0 < 6500) {
      const r = await api(server.base, 'GET', '/api/v1/me', { token: s.token });
      const t = Date.now() - t0;
      statuses.push([t, r.status]);
      if (r.status === 401) {
        assert.equal(r.json.error.code, 'not_authenticated');
        if (firstRefusal === null) firstRefusal = t;
      } else {
        assert.equal(r.status, 200, r.text);
        assert.equal(firstRefusal, null, `a refused session must stay refused: ${JSON.stringify(statuses)}`);
      }
      await sleep(1000);
    }
    assert.ok(statuses[0][1] === 200, `the fresh session works: ${JSON.stringify(statuses)}`);
    assert.notEqual(firstRefusal, null, `refused after the absolute limit: ${JSON.stringify(statuses)}`);
    assert.ok(firstRefusal >= 1500, `not refused long before 3 s: ${JSON.stringify(statuses)}`);
    assert.ok(firstRefusal <= 5500, `refused soon after 3 s: ${JSON.stringify(statuses)}`);
  });
});
