// The dossier is written straight as JSON text from the rows (no jansson tree:
// the hot path of issue 7; util/json_text's unit test and the writers' fuzzer
// compare its strings and numbers with jansson's). Here, as a client sees it:
// the answer is strict, compact JSON (parsing and writing it again gives the
// same bytes) with exactly the dossier's fields, text that needs escaping comes
// back as it was written, booleans are booleans, and the answer of a change
// (inside its write transaction) is the same bytes as the GET right after it
// (a read-only snapshot) — for a dossier with every part filled (network,
// statements, an active JIM) and for a bare one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, createYouth, youthWithJim, addNetwork } from './dossier-fixture.mjs';

const DOSSIER_FIELDS = [
  'id', 'team_id', 'given_name', 'family_name', 'birth_date', 'bsn', 'municipality', 'legal_frame',
  'living_situation', 'phase', 'phase_since', 'end_reason', 'started_on', 'closed_on', 'user_id', 'created_at',
  'team_name', 'first_nominated_on', 'age', 'days_to_nomination', 'network', 'statements', 'jim', 'access', 'access_expires_at',
];

const HARD_TEXT = 'Zij zei: "ik blijf thuis" \\ niet\tweg\nregel 2 </script><img src=x onerror=alert(1)> é ß 中文 🙂 \u2028 & \'';

describe('dossier: the answer written as JSON text', () => {
  let w;
  let c;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  // The PATCH answer and the GET right after it, as raw bodies; both strict compact JSON.
  const patchThenGet = async (id, change) => {
    const p = await c.patch(w.pA, `/youths/${id}`, change);
    assert.equal(p.status, 200, p.text);
    const g = await c.get(w.pA, `/youths/${id}`);
    assert.equal(g.status, 200, g.text);
    assert.match(g.headers.get('content-type'), /^application\/json; charset=utf-8$/);
    assert.equal(JSON.stringify(JSON.parse(g.text)), g.text, 'compact JSON, written again the same');
    assert.deepEqual(Object.keys(JSON.parse(g.text)), DOSSIER_FIELDS);
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
