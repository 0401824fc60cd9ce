// GET /api/v1/youths/{id} writes the dossier straight as JSON text (no jansson
// tree: the hot path of issue 7), while creating and changing a dossier still
// answer it through jansson. The two must be the same bytes: after a change,
// the GET answers exactly what the PATCH answered, for a dossier with every
// part filled (network, statements, an active JIM) and text that needs
// escaping, and for a bare one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, createYouth, youthWithJim, addNetwork } from './dossier-fixture.mjs';

const HARD_TEXT = 'Zij zei: "ik blijf thuis" \\ niet\tweg\nregel 2 </script><img src=x onerror=alert(1)> é ß 中文 🙂 \u2028 & \'';

describe('dossier: the GET answer is the same bytes as the JSON path', () => {
  let w;
  let c;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  // The PATCH answer (jansson) and the GET right after it (text) as raw bodies.
  const patchThenGet = async (id, change) => {
    const p = await c.patch(w.pA, `/youths/${id}`, change);
    assert.equal(p.status, 200, p.text);
    const g = await c.get(w.pA, `/youths/${id}`);
    assert.equal(g.status, 200, g.text);
    assert.match(g.headers.get('content-type'), /^application\/json; charset=utf-8$/);
    return { patched: p.text, got: g.text };
  };

  it('a full dossier with text that needs escaping', async () => {
    const { youth } = await youthWithJim(w.base, w.pA, w.teamA.id, { name: "Tante D'Souza-Ærø" });
    await addNetwork(w.base, w.pA, youth.id, { name: "Moeder O'Brien", relation: 'moeder "mam"', contact: HARD_TEXT });
    await addNetwork(w.base, w.pA, youth.id, { name: 'Vader Jansen', relation: 'vader', has_custody: false });
    for (const text of [HARD_TEXT, 'tweede verklaring']) {
      const s = await c.post(w.pA, `/youths/${youth.id}/statements`, { text });
      assert.equal(s.status, 201, s.text);
    }
    const { patched, got } = await patchThenGet(youth.id, { municipality: 'Den Haag' });
    assert.equal(got, patched);
    const d = JSON.parse(got);
    assert.equal(d.network.length, 2);
    assert.equal(d.network.find((m) => m.name === "Moeder O'Brien").contact, HARD_TEXT);
    assert.equal(typeof d.network[0].has_custody, 'boolean');
    assert.equal(d.statements[0].text, HARD_TEXT);
    assert.equal(d.jim.name, "Tante D'Souza-Ærø");
    assert.equal(d.access, 'team');
    assert.ok(Number.isInteger(d.age));
  });

  it('a bare dossier: no network, statements or JIM; nulls where nothing is known', async () => {
    const y = await createYouth(w.base, w.pA, w.teamA.id);
    const { patched, got } = await patchThenGet(y.id, { bsn: null });
    assert.equal(got, patched);
    const d = JSON.parse(got);
    assert.deepEqual(d.network, []);
    assert.deepEqual(d.statements, []);
    assert.equal(d.jim, null);
    assert.equal(d.bsn, null);
    assert.equal(d.days_to_nomination, null);
  });

  it('a dossier that is not there is still a 404 error object', async () => {
    const r = await c.get(w.pA, '/youths/999999');
    assert.equal(r.status, 404);
    assert.equal(r.json.error.code, 'not_found');
  });
});
