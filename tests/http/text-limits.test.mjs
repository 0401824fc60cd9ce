// Text limits that real use needs room for, tried at the limit and one past
// it: a network member's or nominee's relation (100 characters, as a
// participant's role), the note on approving or rejecting an expense
// statement (2000, as other notes), and the participants of an evaluation:
// 1 to 20 names of at most 100 characters each, a wrong name refused on
// "participants[i]" (its place in the list, from 0), not on the list as a
// whole. Refused input changes nothing. Limits count code points.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, youthWithJim } from './dossier-fixture.mjs';

const CHAR = '\u{1F331}'; // one code point, two UTF-16 units, four bytes
const LONG_RELATION = 'buurvrouw van oma, kent de familie al sinds de basisschool';

describe('text limits of relations, statement notes and evaluation participants', () => {
  let w;
  let c;
  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  describe('relation: at most 100 characters', () => {
    let y;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id);
    });

    // each nomination of another person: the same one twice is 409 already_nominated
    const candidates = ['Truus Bakker', 'Els Bakker', 'Ria Bakker'];
    let candidate = 0;
    for (const [what, path, body] of [
      ['network member', (id) => `/youths/${id}/network`, (relation) => ({ name: 'Truus Bakker', relation, has_custody: false })],
      ['nomination', (id) => `/youths/${id}/nominations`, (relation) => ({ name: candidates[candidate++ % candidates.length], relation })],
    ]) {
      it(`a ${what}: a relation told in a sentence and one of 100 characters are taken, 101 is 422 on relation`, async () => {
        assert.ok(LONG_RELATION.length > 50);
        const told = await c.post(w.pA, path(y.id), body(LONG_RELATION));
        assert.equal(told.status, 201, told.text);
        assert.equal(told.json.relation, LONG_RELATION);
        const fits = await c.post(w.pA, path(y.id), body(CHAR.repeat(100)));
        assert.equal(fits.status, 201, fits.text);
        assert.equal(fits.json.relation, CHAR.repeat(100));
        const before = (await c.get(w.pA, `/youths/${y.id}`)).text;
        assertError(await c.post(w.pA, path(y.id), body(CHAR.repeat(101))), 422, 'validation_failed', 'relation');
        assert.equal((await c.get(w.pA, `/youths/${y.id}`)).text, before, 'nothing stored by the 422');
      });
    }

    it('openapi.json publishes the limit', async () => {
      const doc = (await c.get(null, '/openapi.json')).json;
      for (const p of ['/api/v1/youths/{id}/network', '/api/v1/youths/{id}/nominations']) {
        assert.equal(doc.paths[p].post.requestBody.content['application/json'].schema.properties.relation.maxLength, 100, p);
      }
    });
  });

  describe('the note on deciding on an expense statement: at most 2000 characters', () => {
    let j;
    const today = todayAmsterdam();
    const statementOf = async (day) => {
      const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: day, minutes: 60, km: 4, kind: 'travel' });
      assert.equal(a.status, 201, a.text);
      const s = await c.post(j.jim, `/jims/${j.jimId}/statements`, { from: day, to: day });
      assert.equal(s.status, 201, s.text);
      return s.json;
    };
    before(async () => {
      j = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', started_on: addDays(today, -30) });
    });

    it('reject: 2001 characters is 422 on note and the statement stays submitted; 2000 is taken', async () => {
      const s = await statementOf(addDays(today, -3));
      assertError(await c.post(w.pA, `/statements/${s.id}/reject`, { note: CHAR.repeat(2001) }), 422, 'validation_failed', 'note');
      assert.equal((await c.get(w.pA, `/statements/${s.id}`)).json.status, 'submitted');
      const r = await c.post(w.pA, `/statements/${s.id}/reject`, { note: CHAR.repeat(2000) });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'rejected');
      assert.equal(r.json.decision_note, CHAR.repeat(2000));
    });

    it('approve: 2001 characters is 422 on note and the statement stays submitted; 2000 is taken', async () => {
      const s = await statementOf(addDays(today, -2));
      assertError(await c.post(w.pA, `/statements/${s.id}/approve`, { note: CHAR.repeat(2001) }), 422, 'validation_failed', 'note');
      assert.equal((await c.get(w.pA, `/statements/${s.id}`)).json.status, 'submitted');
      const r = await c.post(w.pA, `/statements/${s.id}/approve`, { note: CHAR.repeat(2000) });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'approved');
      assert.equal(r.json.decision_note, CHAR.repeat(2000));
    });
  });

  describe('the participants of an evaluation: 1 to 20 names of at most 100 characters each', () => {
    let y;
    const evaluate = (participants) => c.post(w.pA, `/youths/${y.id}/evaluations`, { participants, scores: [] });
    const evaluations = async () => (await c.get(w.pA, `/youths/${y.id}/plan`)).json.evaluations.length;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id);
    });

    it('20 names of 100 characters are taken, as sent', async () => {
      const names = Array.from({ length: 20 }, (_, i) => String.fromCodePoint(0x1F331 + i).repeat(100));
      const r = await evaluate(names);
      assert.equal(r.status, 201, r.text.slice(0, 300));
      assert.deepEqual(r.json.participants, names);
    });

    it('21 names, none or no list are 422 on participants; a wrong count says how many names are allowed', async () => {
      const n = await evaluations();
      for (const [participants, message] of [
        [Array.from({ length: 21 }, (_, i) => `Naam ${i}`), /has 21 names: give 1 to 20 names/],
        [[], /has 0 names: give 1 to 20 names/],
        ['Anna, Sem', /list/],
        [undefined, /required/],
      ]) {
        const r = await evaluate(participants);
        assertError(r, 422, 'validation_failed', 'participants');
        assert.match(r.json.error.message, message, r.text);
      }
      assert.equal(await evaluations(), n, 'nothing stored by the 422s');
    });

    it('a wrong name is 422 on participants[i], i its place in the list, with the rule it breaks', async () => {
      const n = await evaluations();
      const cases = [
        [['Anna', 'Sem', CHAR.repeat(101)], 'participants[2]', /too long.*100 characters/],
        [['Anna', '  '], 'participants[1]', /empty/],
        [[42, 'Sem'], 'participants[0]', /text/],
        [['Anna', 'Sem', 'Joost', 'Ti\u0007m'], 'participants[3]', /control characters/],
      ];
      for (const [participants, field, message] of cases) {
        const r = await evaluate(participants);
        assertError(r, 422, 'validation_failed', field);
        assert.match(r.json.error.message, message, r.text);
      }
      assert.equal(await evaluations(), n, 'nothing stored by the 422s');
    });
  });
});
