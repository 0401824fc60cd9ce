// A goal of the shared plan after it was agreed (PATCH /api/v1/goals/{id}):
// its wording and the day it was agreed can be put right; it is reached or
// stopped on a day (today by default) and can be taken up again. The dates
// hold against each other and against the evaluations that scored it: an
// evaluation scores a goal only while it is worked on (agreed on or before,
// ended on or after the day it was held), and a change that would leave a
// stored score outside that is refused. Team only; the JIM and the young
// person see the status in their plan.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery, dbExec } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, yearsAgo, youthWithJim } from './dossier-fixture.mjs';

describe('goals: reached, stopped, put right', () => {
  const today = todayAmsterdam();
  const started = addDays(today, -120);
  let w;
  let c;
  let y;

  const goal = async (body, youthId = y.id) => {
    const r = await c.post(w.pA, `/youths/${youthId}/goals`, { author_kind: 'youth', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const patch = (id, body, who = w.pA) => c.patch(who, `/goals/${id}`, body);
  const evaluate = (held, scores, youthId = y.id) =>
    c.post(w.pA, `/youths/${youthId}/evaluations`, { held_on: held, participants: ['Sem'], scores });
  const stored = (id) => dbQuery(w.server.db, `SELECT title || '|' || coalesce(description, '') || '|' || agreed_on || '|' || status || '|' || coalesce(ended_on, '') FROM goals WHERE id = ${Number(id)};`).trim();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sem', birth_date: yearsAgo(today, 16), started_on: started });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('a new goal is active, without an end date; the plan says so', async () => {
    const g = await goal({ title: 'Naar school', agreed_on: addDays(today, -90) });
    assert.equal(g.status, 'active');
    assert.equal(g.ended_on, null);
    const p = await c.get(w.pA, `/youths/${y.id}/plan`);
    const listed = p.json.goals.find((x) => x.id === g.id);
    assert.equal(listed.status, 'active');
    assert.equal(listed.ended_on, null);
  });

  it('puts the wording right and clears the description; the day it was agreed moves', async () => {
    const g = await goal({ title: 'Zwemdiploma halen', description: 'A en B', agreed_on: addDays(today, -60) });
    const r = await patch(g.id, { title: 'Zwemdiploma A halen', description: null, agreed_on: addDays(today, -70) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.title, 'Zwemdiploma A halen');
    assert.equal(r.json.description, null);
    assert.equal(r.json.agreed_on, addDays(today, -70));
    assert.equal(stored(g.id), `Zwemdiploma A halen||${addDays(today, -70)}|active|`);
  });

  it('reached today by default, or on a given day; taken up again clears the day', async () => {
    const g = await goal({ title: 'Vrienden maken', agreed_on: addDays(today, -50) });
    const reached = await patch(g.id, { status: 'reached' });
    assert.equal(reached.status, 200, reached.text);
    assert.equal(reached.json.status, 'reached');
    assert.equal(reached.json.ended_on, today);
    const moved = await patch(g.id, { ended_on: addDays(today, -5) });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.ended_on, addDays(today, -5), 'the day is put right, the status stays');
    const stopped = await patch(g.id, { status: 'stopped' });
    assert.equal(stopped.json.status, 'stopped');
    assert.equal(stopped.json.ended_on, addDays(today, -5), 'reached → stopped keeps the day');
    assertError(await c.post(w.pA, `/goals/${g.id}/actions`, { description: 'Naar de club', owner: 'Sem' }), 409, 'goal_ended');
    const again = await patch(g.id, { status: 'active' });
    assert.equal(again.json.status, 'active');
    assert.equal(again.json.ended_on, null);
    const action = await c.post(w.pA, `/goals/${g.id}/actions`, { description: 'Naar de club', owner: 'Sem' });
    assert.equal(action.status, 201, 'taken up again: actions may be added');
  });

  it('the database itself keeps an end day with a finished goal only (both engines)', async () => {
    const g = await goal({ title: 'Fietsen', agreed_on: addDays(today, -10) });
    const bad = [
      `UPDATE goals SET status = 'reached' WHERE id = ${g.id};`,
      `UPDATE goals SET ended_on = '${today}' WHERE id = ${g.id};`,
      `INSERT INTO goals (youth_id, title, author_kind, created_at, agreed_on, status) VALUES (${y.id}, 'x', 'youth', '${today}T00:00:00Z', '${today}', 'stopped');`,
    ];
    for (const sql of bad) assert.notEqual(dbExec(w.server.db, sql).status, 0, `refused: ${sql}`);
    assert.equal(stored(g.id), `Fietsen||${addDays(today, -10)}|active|`);
  });

  it('refuses impossible dates and values at their field, changing nothing', async () => {
    const g = await goal({ title: 'Rijbewijs', agreed_on: addDays(today, -40) });
    const before = stored(g.id);
    assertError(await patch(g.id, { status: 'reached', ended_on: addDays(today, -41) }), 422, 'validation_failed', 'ended_on');
    assertError(await patch(g.id, { status: 'reached', ended_on: addDays(today, 2) }), 422, 'validation_failed', 'ended_on');
    assertError(await patch(g.id, { status: 'active', ended_on: today }), 422, 'validation_failed', 'ended_on');
    assertError(await patch(g.id, { status: 'gehaald' }), 422, 'validation_failed', 'status');
    assertError(await patch(g.id, { agreed_on: addDays(started, -1) }), 422, 'validation_failed', 'agreed_on');
    assertError(await patch(g.id, { title: '' }), 422, 'validation_failed', 'title');
    assertError(await patch(g.id, { title: 'x'.repeat(201) }), 422, 'validation_failed', 'title');
    assert.equal(stored(g.id), before);
  });

  it('keeps every stored score valid, and an evaluation scores only goals worked on at its date', async () => {
    const g = await goal({ title: 'Op tijd opstaan', agreed_on: addDays(today, -80) });
    const e = await evaluate(addDays(today, -30), [{ goal_id: g.id, score: 7 }]);
    assert.equal(e.status, 201, e.text);
    // Scored 30 days ago: agreed no later, ended no earlier.
    assertError(await patch(g.id, { agreed_on: addDays(today, -29) }), 422, 'validation_failed', 'agreed_on');
    assertError(await patch(g.id, { status: 'reached', ended_on: addDays(today, -31) }), 422, 'validation_failed', 'ended_on');
    const reached = await patch(g.id, { status: 'reached', ended_on: addDays(today, -20) });
    assert.equal(reached.status, 200, reached.text);
    // An evaluation after it was reached does not score it; one before still does.
    assertError(await evaluate(addDays(today, -10), [{ goal_id: g.id, score: 9 }]), 422, 'validation_failed', 'scores[0].goal_id');
    assert.equal((await evaluate(addDays(today, -20), [{ goal_id: g.id, score: 9 }])).status, 201, 'on the day it was reached');
  });

  it('is for the team: the JIM, the young person\'s other team and the researcher cannot change a goal', async () => {
    const j = await youthWithJim(w.base, w.pA, w.teamA.id);
    const g = await goal({ title: 'Sporten' }, j.youth.id);
    const before = stored(g.id);
    assertError(await patch(g.id, { status: 'reached' }, j.jim), 403, 'forbidden');
    assertError(await patch(g.id, { status: 'reached' }, w.pB), 404, 'not_found');
    assertError(await patch(g.id, { status: 'reached' }, w.rs), 403, 'forbidden');
    assertError(await patch(999999, { status: 'reached' }), 404, 'not_found');
    assert.equal(stored(g.id), before);
    const ok = await patch(g.id, { status: 'reached' }, w.tA);
    assert.equal(ok.status, 200, 'the team lead may');
  });
});
