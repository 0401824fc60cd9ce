// Requests at the same moment that decide on what they read: each change
// takes its row first (http_begin_write_taking), so that on PostgreSQL (READ
// COMMITTED) as on SQLite the second one sees what the first one wrote.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, createYouth, todayAmsterdam, yearsAgo, APPROVE, youthWithJim } from './dossier-fixture.mjs';

const ROUNDS = 20;
const UNSAFE = {
  is_parent: false,
  adult: true,
  willing_to_cooperate: true,
  child_safe: false,
  own_load_manageable: true,
  decision: 'decline',
  reason: 'Uit het gesprek blijkt dat het niet veilig is voor het kind.',
};

describe('requests at the same moment', () => {
  let w;
  let c;
  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('candidates nominated at once get preferences 1, 2, 3 … once each', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const y = await createYouth(w.base, w.pA, w.teamA.id);
      const made = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        c.post(w.pA, `/youths/${y.id}/nominations`, { name: `Kandidaat ${'ABCDEFGH'[i]}`, relation: 'buur' })));
      for (const r of made) assert.equal(r.status, 201, r.text);
      const list = await c.get(w.pA, `/youths/${y.id}/nominations`);
      assert.equal(list.status, 200, list.text);
      const prefs = list.json.items.map((n) => n.preference).sort((a, b) => a - b);
      assert.deepEqual(prefs, [1, 2, 3, 4, 5, 6, 7, 8], `round ${round}`);
    }
  });

  it('an approval at the same moment as an unsafe decline never leaves the candidate approved', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const y = await createYouth(w.base, w.pA, w.teamA.id);
      const n = await c.post(w.pA, `/youths/${y.id}/nominations`, { name: 'Buurman Gerrit', relation: 'buurman' });
      assert.equal(n.status, 201, n.text);
      const [approve, decline] = await Promise.all([
        c.post(w.pA, `/nominations/${n.json.id}/assessment`, APPROVE),
        c.post(w.tA, `/nominations/${n.json.id}/assessment`, UNSAFE),
      ]);
      assert.equal(decline.status, 201, decline.text);
      // after the decline the approval is refused: 409 second_look_pending (the decline waits for a teamlead)
      assert.ok([201, 409, 422].includes(approve.status), approve.text);
      if (approve.status === 409) assert.equal(approve.json.error.code, 'second_look_pending');
      const list = await c.get(w.pA, `/youths/${y.id}/nominations`);
      assert.equal(list.status, 200, list.text);
      const now = list.json.items.find((x) => x.id === n.json.id);
      assert.notEqual(now.status, 'approved', `round ${round}: approved after an unsafe assessment: ${JSON.stringify(now)}`);
    }
  });

  it('two destructions of one file at once: one destroys it, the other finds it gone', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const y = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: yearsAgo(todayAmsterdam(), 15) });
      const asks = [];
      for (let i = 0; i < 2; i++) {
        const a = await c.post(w.po, `/youths/${y.id}/requests`, { kind: 'destruction', requested_by: 'youth' });
        assert.equal(a.status, 201, a.text);
        asks.push(a.json.id);
      }
      const closed = await Promise.all(asks.map((id) => c.post(w.po, `/requests/${id}/close`, { status: 'done', confirm_youth_id: y.id })));
      for (const r of closed) assert.equal(r.status, 200, `round ${round}: ${r.text}`);
      assert.deepEqual(closed.map((r) => r.json.destroyed).sort(), [false, true], `round ${round}`);
    }
  });

  it('a cost removed twice at once: once 204, once 404, never 503', async () => {
    const y = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Roos' });
    for (let round = 0; round < ROUNDS; round++) {
      const made = await c.post(y.jim, `/jims/${y.jimId}/costs`, { date: todayAmsterdam(), amount_cents: 100 + round, description: 'Bus' });
      assert.equal(made.status, 201, made.text);
      const both = await Promise.all([c.del(y.jim, `/costs/${made.json.id}`), c.del(w.pA, `/costs/${made.json.id}`)]);
      assert.deepEqual(both.map((r) => r.status).sort(), [204, 404], `round ${round}: ${both.map((r) => r.text).join(' ')}`);
    }
  });
});
