// Crash durability (issue 7): concurrent writes while the server is killed
// with SIGKILL at random moments, 20 times. After each restart every write
// that was answered 2xx is there, every stored change has its audit event
// (nothing half-written), and `kring audit verify` passes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, kring, ADMIN_PASSWORD, assertNoSanitizerReport, dbQuery } from './harness.mjs';

const ROUNDS = 20;

describe('crash durability', () => {
  let first;
  let last;
  before(async () => {
    first = await startServer({ requireTotp: 'none' });
  });
  after(async () => {
    if (last && last !== first) await last.stop({ keepDir: true }).catch(() => {});
    if (first) first.cleanup();
  });

  it(`keeps every acknowledged write through ${ROUNDS} kills`, async () => {
    const acknowledged = new Map(); // name -> id
    let server = first;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) server = await startServer({ requireTotp: 'none', reuseDir: first.dir });
      last = server;
      const token = (await login(server.base, 'admin', ADMIN_PASSWORD)).json.token;
      assert.ok(token, 'logged in after the restart');
      // Everything acknowledged so far survived the last kill.
      const list = await api(server.base, 'GET', '/api/v1/organisations', { token });
      assert.equal(list.status, 200);
      const stored = new Map(list.json.items.map((o) => [o.name, o.id]));
      for (const [name, id] of acknowledged) assert.equal(stored.get(name), id, `round ${round}: ${name} survived`);
      // Writers keep going until the kill.
      let alive = true;
      const writer = async (w) => {
        for (let k = 0; alive; k++) {
          const name = `Crash ${round}.${w}.${k}`;
          try {
            const r = await api(server.base, 'POST', '/api/v1/organisations', { token, body: { name } });
            if (r.status === 201) acknowledged.set(name, r.json.id);
          } catch {
            return; // the connection died with the server: not acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 400)));
      server.proc.kill('SIGKILL');
      alive = false;
      await Promise.all(writers);
      if (server.exited() === null) await new Promise((resolve) => server.proc.once('close', resolve));
      assertNoSanitizerReport(server.stderr(), `round ${round}`);
    }
    assert.ok(acknowledged.size >= ROUNDS, `writes were acknowledged (${acknowledged.size})`);
    // After the last kill: a clean start, every write there, and one audit event per stored row.
    const final = await startServer({ requireTotp: 'none', reuseDir: first.dir });
    last = final;
    const token = (await login(final.base, 'admin', ADMIN_PASSWORD)).json.token;
    const list = await api(final.base, 'GET', '/api/v1/organisations', { token });
    const stored = new Map(list.json.items.map((o) => [o.name, o.id]));
    for (const [name, id] of acknowledged) assert.equal(stored.get(name), id, `${name} survived the last kill`);
    await final.stop({ keepDir: true });
    last = null;
    const unaudited = dbQuery(first.db,
      "SELECT count(*) FROM organisations o WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.object_type = 'organisation' AND e.action = 'create' AND e.object_id = CAST(o.id AS TEXT));").trim();
    assert.equal(unaudited, '0', 'every stored organisation has its audit event (nothing half-written)');
    const verify = kring(['audit', 'verify', '--db', first.db]);
    assert.equal(verify.status, 0, `audit verify after the kills: ${verify.stdout}${verify.stderr}`);
  });
});
