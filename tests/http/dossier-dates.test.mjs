// Dates that contradict the young person's life are refused (422 on the
// field, nothing stored): a trajectory that starts before their birth, a
// birth-date correction after the start, a consent or a journal entry dated
// before they were born. Such dates distort the outcome figures (days to a
// JIM, follow-up) and the consent rules by age.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, yearsAgo, youthBody, createYouth } from './dossier-fixture.mjs';

describe('dossier dates within the young person\'s life', () => {
  let w;
  let c;
  let y;
  const today = todayAmsterdam();
  const birth = yearsAgo(today, 14).replace(/-\d\d$/, '-01');
  const started = addDays(today, -100);

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: birth, started_on: started });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('a trajectory cannot start before the birth date; on the birth date it can', async () => {
    const body = youthBody(w.teamA.id, { family_name: 'Voorgeboorte', birth_date: birth, started_on: addDays(birth, -1) });
    assertError(await c.post(w.pA, '/youths', body), 422, 'validation_failed', 'started_on');
    const none = await c.get(w.pA, '/youths?q=Voorgeboorte');
    assert.equal(none.json.total, 0, 'nothing stored');
    const ok = await c.post(w.pA, '/youths', { ...body, started_on: birth });
    assert.equal(ok.status, 201, ok.text);
  });

  it('a birth-date correction cannot put the birth after the start of the trajectory', async () => {
    assertError(await c.patch(w.pA, `/youths/${y.id}`, { birth_date: addDays(started, 1), change_reason: 'Typfout' }), 422, 'validation_failed', 'birth_date');
    const g = await c.get(w.pA, `/youths/${y.id}`);
    assert.equal(g.json.birth_date, birth, 'unchanged');
    const fixed = await c.patch(w.pA, `/youths/${y.id}`, { birth_date: addDays(birth, 1), change_reason: 'Typfout' });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.json.birth_date, addDays(birth, 1));
  });

  it('a consent cannot be dated before the birth (it may lie ahead, as before)', async () => {
    const b = (await c.get(w.pA, `/youths/${y.id}`)).json.birth_date;
    const list = async () => (await c.get(w.pA, `/youths/${y.id}/consents`)).json.items.length;
    const n = await list();
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'youth', given_on: '1900-01-01' }), 422, 'validation_failed', 'given_on');
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'youth', given_on: addDays(b, -1) }), 422, 'validation_failed', 'given_on');
    assert.equal(await list(), n, 'nothing stored');
    const ahead = await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'youth', given_on: addDays(today, 3) });
    assert.equal(ahead.status, 201, ahead.text);
  });

  it('a journal entry cannot be dated before the birth', async () => {
    assertError(await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: '1900-01-01', kind: 'phone', text: 'Gebeld', shared: false }), 422, 'validation_failed', 'occurred_on');
    const j = await c.get(w.pA, `/youths/${y.id}/journal`);
    assert.equal(j.status, 200, j.text);
    assert.deepEqual(j.json.items, []);
  });

  it('an evaluation is held within the trajectory, and a change takes effect within it', async () => {
    const evals = async () => (await c.get(w.pA, `/youths/${y.id}/plan`)).json.evaluations.length;
    const n = await evals();
    assertError(await c.post(w.pA, `/youths/${y.id}/evaluations`, { held_on: addDays(started, -1), participants: ['Anna'], scores: [] }), 422, 'validation_failed', 'held_on');
    assert.equal(await evals(), n, 'nothing stored');
    const ok = await c.post(w.pA, `/youths/${y.id}/evaluations`, { held_on: started, participants: ['Anna'], scores: [] });
    assert.equal(ok.status, 201, ok.text);
    assertError(await c.patch(w.pA, `/youths/${y.id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Afgerond', effective_on: addDays(started, -10) }), 422, 'validation_failed', 'effective_on');
    assert.notEqual((await c.get(w.pA, `/youths/${y.id}`)).json.phase, 'closed', 'not closed before it started');
    const closed = await c.patch(w.pA, `/youths/${y.id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Afgerond', effective_on: addDays(today, -10) });
    assert.equal(closed.status, 200, closed.text);
    assertError(await c.post(w.pA, `/youths/${y.id}/evaluations`, { held_on: addDays(today, -5), participants: ['Anna'], scores: [] }), 422, 'validation_failed', 'held_on');
  });
});
