// Two kring processes on one database (issue 6): a session made on one works
// on the other, login-failure counters are shared, concurrent writes through
// both keep every row, and the audit chain stays one valid chain. Runs on the
// engine of the suite (SQLite file or PostgreSQL database).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, kring, ADMIN_PASSWORD } from './harness.mjs';

describe('two processes on one database', () => {
  let a;
  let b;
  before(async () => {
    a = await startServer({ requireTotp: 'none', env: { KRING_LOGIN_MAX_FAILURES: '3' } });
    b = await startServer({ requireTotp: 'none', env: { KRING_LOGIN_MAX_FAILURES: '3' }, reuseDir: a.dir });
  });
  after(async () => {
    if (b) await b.stop({ keepDir: true });
    if (a) await a.stop();
  });

  it('a session made on the first process works on the second, and logout ends it on both', async () => {
    const r = await login(a.base, 'admin', ADMIN_PASSWORD);
    assert.equal(r.status, 201);
    const token = r.json.token;
    const me = await api(b.base, 'GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.json.username, 'admin');
    const out = await api(b.base, 'DELETE', '/api/v1/session', { token });
    assert.equal(out.status, 204);
    assert.equal((await api(a.base, 'GET', '/api/v1/me', { token })).status, 401);
  });

  it('failed logins are counted across processes', async () => {
    for (let i = 0; i < 3; i++) {
      const target = i % 2 ? b : a;
      assert.equal((await login(target.base, 'admin', 'niet-het-wachtwoord')).status, 401);
    }
    const locked = await login(b.base, 'admin', ADMIN_PASSWORD);
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
  });

  it('concurrent writes through both processes keep every row and one audit chain', async () => {
    // A second admin, so the lockout above does not stand in the way.
    const add = kring(['user', 'add', '--db', a.db, '--username', 'admin2', '--role', 'admin', '--password-stdin'],
      'tweede-beheerder-2026\n', { env: { KRING_REQUIRE_TOTP: 'none' } });
    assert.equal(add.status, 0, add.stderr);
    const ta = (await login(a.base, 'admin2', 'tweede-beheerder-2026')).json.token;
    const tb = (await login(b.base, 'admin2', 'tweede-beheerder-2026')).json.token;
    const names = Array.from({ length: 60 }, (_, i) => `Organisatie ${i}`);
    const answers = await Promise.all(names.map((name, i) =>
      api(i % 2 ? b.base : a.base, 'POST', '/api/v1/organisations', { token: i % 2 ? tb : ta, body: { name } })));
    for (const r of answers) assert.equal(r.status, 201, JSON.stringify(r.json));
    const list = await api(a.base, 'GET', '/api/v1/organisations', { token: ta });
    const have = new Set(list.json.items.map((o) => o.name));
    for (const name of names) assert.ok(have.has(name), `${name} is stored`);
    const ids = new Set(answers.map((r) => r.json.id));
    assert.equal(ids.size, names.length, 'every write got its own id');
    const verify = kring(['audit', 'verify', '--db', a.db]);
    assert.equal(verify.status, 0, verify.stderr);
    const m = /audit chain intact: (\d+) events/.exec(verify.stdout);
    assert.ok(m && Number(m[1]) >= names.length, verify.stdout);
  });
});
