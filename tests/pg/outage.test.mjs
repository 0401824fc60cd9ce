// PostgreSQL outage (issue 6): with two kring processes on one PostgreSQL
// database, stopping PostgreSQL turns requests into 503 with Retry-After and
// /healthz, /readyz into 503; starting it again brings both processes back
// without a restart. Run through scripts/pg-test.sh, which exports where the
// cluster lives and how to stop and start it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, api, login, ADMIN_PASSWORD, ENGINE, sleep } from '../http/harness.mjs';

const DATA = process.env.KRING_TEST_PG_DATA;
const BINDIR = process.env.KRING_TEST_PG_BINDIR;
const RUNAS = process.env.KRING_TEST_PG_RUNAS || '';
const SOCKET = process.env.KRING_TEST_PG_SOCKET;

function pgCtl(...args) {
  const cmd = [`${BINDIR}/pg_ctl`, '-D', DATA, ...args];
  const full = RUNAS ? ['runuser', '-u', RUNAS, '--', ...cmd] : cmd;
  const r = spawnSync(full[0], full.slice(1), { cwd: '/tmp', encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `pg_ctl ${args.join(' ')}: ${r.stderr}${r.stdout}`);
}

describe('PostgreSQL outage and recovery', () => {
  let a;
  let b;
  let token;
  before(async () => {
    assert.equal(ENGINE, 'postgresql', 'run as: sh scripts/pg-test.sh node --test tests/pg/');
    assert.ok(DATA && BINDIR && SOCKET, 'scripts/pg-test.sh exports KRING_TEST_PG_DATA and _BINDIR');
    a = await startServer({ requireTotp: 'none' });
    b = await startServer({ requireTotp: 'none', reuseDir: a.dir });
    token = (await login(a.base, 'admin', ADMIN_PASSWORD)).json.token;
  });
  after(async () => {
    if (b) await b.stop({ keepDir: true });
    if (a) await a.stop();
  });

  it('answers 503 with Retry-After while the database is down, and recovers by itself', async () => {
    assert.equal((await api(b.base, 'GET', '/api/v1/me', { token })).status, 200);
    pgCtl('-m', 'fast', '-w', 'stop');
    try {
      for (const s of [a, b]) {
        const me = await api(s.base, 'GET', '/api/v1/me', { token });
        assert.equal(me.status, 503, JSON.stringify(me.json));
        assert.equal(me.json.error.code, 'store_unavailable');
        assert.ok(Number(me.headers.get('retry-after')) > 0);
        assert.equal((await api(s.base, 'GET', '/healthz')).status, 503);
        assert.equal((await api(s.base, 'GET', '/readyz')).status, 503);
        const write = await api(s.base, 'POST', '/api/v1/organisations', { token, body: { name: 'Tijdens de storing' } });
        assert.equal(write.status, 503);
      }
    } finally {
      pgCtl('-w', '-l', `${SOCKET}/restart.log`, '-o', `-c listen_addresses='' -k ${SOCKET}`, 'start');
    }
    for (const s of [a, b]) {
      let health;
      for (let i = 0; i < 50; i++) {
        health = await api(s.base, 'GET', '/healthz');
        if (health.status === 200) break;
        await sleep(200);
      }
      assert.equal(health.status, 200, 'healthz recovers without a restart');
      assert.equal((await api(s.base, 'GET', '/api/v1/me', { token })).status, 200, 'the session survived');
    }
    const list = await api(a.base, 'GET', '/api/v1/organisations', { token });
    assert.ok(!list.json.items.some((o) => o.name === 'Tijdens de storing'), 'nothing was written half');
  });
});
