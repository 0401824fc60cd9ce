// A PostgreSQL database whose default isolation is REPEATABLE READ (set per
// database or role by its administrator; here through libpq's PGOPTIONS for
// every connection kring makes): kring's write transactions still run at
// READ COMMITTED, as they are written for. They lock what they change and
// then read it; at REPEATABLE READ the second of two concurrent changes of
// one row failed once the first committed ("could not serialize access due
// to concurrent update") and was answered 503. Concurrent changes of one
// dossier, and concurrent activity posts of one JIM, all succeed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE } from './harness.mjs';
import { setupDossierWorld, client, createYouth, youthWithJim, todayAmsterdam } from './dossier-fixture.mjs';

const ROUNDS = 6;
const AT_ONCE = 8;

describe('writes on a database that defaults to REPEATABLE READ', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, () => {
  let w;
  let c;

  before(async () => {
    w = await setupDossierWorld({ env: { PGOPTIONS: '-c default_transaction_isolation=repeatable\\ read' } });
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('the connections do default to REPEATABLE READ (the set-up works)', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('psql', ['-X', '-At', '-c', 'SHOW default_transaction_isolation'], {
      env: { ...process.env, PGOPTIONS: '-c default_transaction_isolation=repeatable\\ read',
        PGHOST: process.env.KRING_TEST_PG_SOCKET, PGUSER: process.env.KRING_TEST_PG_USER || 'postgres', PGDATABASE: 'postgres' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'repeatable read');
  });

  it('concurrent changes of one dossier all succeed', async () => {
    const y = await createYouth(w.base, w.pA, w.teamA.id);
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) =>
        c.patch(w.pA, `/youths/${y.id}`, { municipality: `Gemeente ${round}-${i}` })));
      for (const r of answers) assert.equal(r.status, 200, `round ${round}: ${r.status} ${r.text}`);
    }
    const last = await c.get(w.pA, `/youths/${y.id}`);
    assert.match(last.json.municipality, /^Gemeente 5-\d$/);
  });

  it('concurrent activity posts of one JIM all succeed', async () => {
    const { jim, jimId } = await youthWithJim(w.base, w.pA, w.teamA.id);
    const today = todayAmsterdam();
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all(Array.from({ length: AT_ONCE }, () =>
        c.post(jim, `/jims/${jimId}/activities`, { date: today, kind: 'phone', minutes: 5 })));
      for (const r of answers) assert.equal(r.status, 201, `round ${round}: ${r.status} ${r.text}`);
    }
  });
});
