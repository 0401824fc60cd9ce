// The plan: goals with author_kind, actions, evaluations with scores 1–10,
// next_evaluation_due two months after the last evaluation (or after
// started_on), views by the young person and the JIM; and the journal.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, addMonths, yearsAgo, youthAccount, makeJim } from './dossier-fixture.mjs';

describe('dossier: plan, evaluations, views and journal', () => {
  let w;
  let c;
  const today = todayAmsterdam();
  // Dates on day 10 of a month, so "two months later" is unambiguous.
  const [ty, tm] = today.split('-').map(Number);
  const day10 = (monthsBack) => addMonths(`${ty}-${String(tm).padStart(2, '0')}-10`, -monthsBack);
  const startedOn = day10(3);
  let y;
  let youth;
  let jim;
  let other; // another team A dossier with its own account and JIM
  let otherYouth;
  let otherJim;
  let g1;
  let g2;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Mees', family_name: 'Planmaker', birth_date: yearsAgo(today, 17), started_on: startedOn });
    youth = await youthAccount(w.base, w.pA, y.id);
    ({ jim } = await makeJim(w.base, w.pA, y.id, 'Opa Wim'));
    const cs = await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(cs.status, 201, cs.text);
    other = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Ilse', family_name: 'Anderplan', birth_date: yearsAgo(today, 17) });
    otherYouth = await youthAccount(w.base, w.pA, other.id);
    ({ jim: otherJim } = await makeJim(w.base, w.pA, other.id, 'Tante Greet'));
    const cs2 = await c.post(w.pA, `/youths/${other.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(cs2.status, 201, cs2.text);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('an empty plan: no goals, next_evaluation_due two months after started_on', async () => {
    const r = await c.get(w.pA, `/youths/${y.id}/plan`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.goals, []);
    assert.deepEqual(r.json.evaluations, []);
    assert.equal(r.json.next_evaluation_due, addMonths(startedOn, 2));
  });

  it('goals with author_kind (youth, parent, jim, professional); a bad author_kind or empty title is 422', async () => {
    // Agreed at the start, so that the evaluations below (a month ago) may score them.
    const r1 = await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Weer naar school', description: 'Minstens 4 dagen per week', author_kind: 'youth', agreed_on: startedOn });
    assert.equal(r1.status, 201, r1.text);
    assert.ok(Number.isInteger(r1.json.id));
    assert.equal(r1.json.author_kind, 'youth');
    assert.equal(r1.json.title, 'Weer naar school');
    assert.match(r1.json.created_at, ISO_UTC);
    assert.equal(r1.json.agreed_on, startedOn);
    g1 = r1.json;
    const r2 = await c.post(w.tA, `/youths/${y.id}/goals`, { title: 'Rust thuis', author_kind: 'parent', agreed_on: startedOn });
    assert.equal(r2.status, 201, r2.text);
    g2 = r2.json;
    for (const k of ['jim', 'professional']) {
      const r = await c.post(w.pA, `/youths/${y.id}/goals`, { title: `Doel van ${k}`, author_kind: k });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.author_kind, k);
    }
    assertError(await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Iets', author_kind: 'teacher' }), 422, 'validation_failed', 'author_kind');
    assertError(await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Iets' }), 422, 'validation_failed', 'author_kind');
    assertError(await c.post(w.pA, `/youths/${y.id}/goals`, { title: '', author_kind: 'youth' }), 422, 'validation_failed', 'title');
    const p = await c.get(w.pA, `/youths/${y.id}/plan`);
    assert.equal(p.json.goals.length, 4, 'the 422s stored nothing');
  });

  it('another team cannot add goals or actions (404); the young person and the JIM cannot add goals (403)', async () => {
    assertError(await c.post(w.pB, `/youths/${y.id}/goals`, { title: 'Stiekem', author_kind: 'youth' }), 404, 'not_found');
    assertError(await c.post(w.pB, `/goals/${g1.id}/actions`, { description: 'Stiekem', owner: 'pB' }), 404, 'not_found');
    assertError(await c.post(youth, `/youths/${y.id}/goals`, { title: 'Eigen doel', author_kind: 'youth' }), 403, 'forbidden');
    assertError(await c.post(jim, `/youths/${y.id}/goals`, { title: 'JIM doel', author_kind: 'jim' }), 403, 'forbidden');
  });

  it('actions on a goal with owner and due date', async () => {
    const due = addDays(today, 14);
    const r = await c.post(w.pA, `/goals/${g1.id}/actions`, { description: 'Gesprek met mentor op school', owner: 'Opa Wim', due_date: due });
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id));
    assert.equal(r.json.owner, 'Opa Wim');
    assert.equal(r.json.due_date, due);
    assertError(await c.post(w.pA, `/goals/${g1.id}/actions`, { description: '', owner: 'Opa Wim' }), 422, 'validation_failed', 'description');
    assertError(await c.post(w.pA, `/goals/${g1.id}/actions`, { description: 'Iets', owner: 'Opa Wim', due_date: '2026-02-30' }), 422, 'validation_failed', 'due_date');
    const p = await c.get(w.pA, `/youths/${y.id}/plan`);
    const g = p.json.goals.find((x) => x.id === g1.id);
    assert.equal(g.actions.length, 1);
    assert.equal(g.actions[0].description, 'Gesprek met mentor op school');
    assert.equal(g.actions[0].due_date, due);
  });

  it('evaluation scores must be 1–10: 0 and 11 are 422, nothing stored', async () => {
    for (const score of [0, 11, 5.5, '7']) {
      const r = await c.post(w.pA, `/youths/${y.id}/evaluations`, {
        held_on: day10(1),
        participants: ['Mees', 'Opa Wim'],
        scores: [{ goal_id: g1.id, score }],
      });
      const e = assertError(r, 422, 'validation_failed');
      assert.match(e.field || '', /score/, `field names the score: ${r.text}`);
    }
    assertError(
      await c.post(w.pA, `/youths/${y.id}/evaluations`, { held_on: day10(1), participants: ['Mees'], scores: [{ goal_id: 987654, score: 5 }] }),
      422,
      'validation_failed',
    );
    const p = await c.get(w.pA, `/youths/${y.id}/plan`);
    assert.deepEqual(p.json.evaluations, []);
    assert.equal(p.json.next_evaluation_due, addMonths(startedOn, 2));
  });

  it('an evaluation with scores 1 and 10: latest_score per goal, next_evaluation_due two months after it', async () => {
    const held = day10(1);
    const r = await c.post(w.pA, `/youths/${y.id}/evaluations`, {
      held_on: held,
      participants: ['Mees', 'Opa Wim', 'Anna Professional'],
      scores: [
        { goal_id: g1.id, score: 1, comment: 'Nog niet naar school' },
        { goal_id: g2.id, score: 10 },
      ],
    });
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id));
    const p = await c.get(w.pA, `/youths/${y.id}/plan`);
    assert.equal(p.json.evaluations.length, 1);
    const ev = p.json.evaluations[0];
    assert.equal(ev.held_on, held);
    assert.deepEqual(ev.participants, ['Mees', 'Opa Wim', 'Anna Professional']);
    assert.deepEqual(
      ev.scores.map((s) => [s.goal_id, s.score]).sort((a, b) => a[0] - b[0]),
      [[g1.id, 1], [g2.id, 10]].sort((a, b) => a[0] - b[0]),
    );
    assert.equal(p.json.goals.find((g) => g.id === g1.id).latest_score, 1);
    assert.equal(p.json.goals.find((g) => g.id === g2.id).latest_score, 10);
    assert.equal(p.json.next_evaluation_due, addMonths(held, 2));
    // A later evaluation moves latest_score and the due date.
    const held2 = addDays(held, 5);
    const r2 = await c.post(w.pA, `/youths/${y.id}/evaluations`, { held_on: held2, participants: ['Mees'], scores: [{ goal_id: g1.id, score: 6 }] });
    assert.equal(r2.status, 201, r2.text);
    const p2 = await c.get(w.pA, `/youths/${y.id}/plan`);
    assert.equal(p2.json.goals.find((g) => g.id === g1.id).latest_score, 6);
    assert.equal(p2.json.next_evaluation_due, addMonths(held2, 2));
  });

  it('the young person and the JIM post their own view on a goal (201), shown with author_kind', async () => {
    const a = await c.post(youth, `/goals/${g1.id}/views`, { text: 'Ik wil wel, maar de ochtend is moeilijk' });
    assert.equal(a.status, 201, a.text);
    const b = await c.post(jim, `/goals/${g1.id}/views`, { text: 'Ik haal hem op dinsdag op' });
    assert.equal(b.status, 201, b.text);
    assertError(await c.post(youth, `/goals/${g1.id}/views`, { text: '' }), 422, 'validation_failed', 'text');
    const p = await c.get(youth, `/youths/${y.id}/plan`);
    assert.equal(p.status, 200, p.text);
    const views = p.json.goals.find((g) => g.id === g1.id).views;
    assert.equal(views.length, 2, JSON.stringify(views));
    assert.ok(views.some((v) => v.author_kind === 'youth' && v.text === 'Ik wil wel, maar de ochtend is moeilijk'));
    assert.ok(views.some((v) => v.author_kind === 'jim' && v.text === 'Ik haal hem op dinsdag op'));
    const jp = await c.get(jim, `/youths/${y.id}/plan`);
    assert.equal(jp.status, 200, jp.text);
  });

  it('a professional (even of another team) may not post a view: 403 by role (contract: youth and jim only)', async () => {
    assertError(await c.post(w.pB, `/goals/${g1.id}/views`, { text: 'Mening van buiten' }), 403, 'forbidden');
    assertError(await c.post(w.pA, `/goals/${g1.id}/views`, { text: 'Mening van binnen' }), 403, 'forbidden');
  });

  it('another young person or another JIM cannot view or post on this plan (404)', async () => {
    assertError(await c.post(otherYouth, `/goals/${g1.id}/views`, { text: 'Niet mijn doel' }), 404, 'not_found');
    assertError(await c.post(otherJim, `/goals/${g1.id}/views`, { text: 'Niet mijn jongere' }), 404, 'not_found');
    assertError(await c.get(otherYouth, `/youths/${y.id}/plan`), 404, 'not_found');
    assertError(await c.get(otherJim, `/youths/${y.id}/plan`), 404, 'not_found');
    assertError(await c.get(w.pB, `/youths/${y.id}/plan`), 404, 'not_found');
    const p = await c.get(w.pA, `/youths/${y.id}/plan`);
    assert.equal(p.json.goals.find((g) => g.id === g1.id).views.length, 2, 'no views added');
  });

  describe('journal', () => {
    it('entries: 201, newest first, author, validation', async () => {
      const e1 = await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: addDays(today, -2), kind: 'home_visit', minutes: 60, text: 'Huisbezoek', shared: false });
      assert.equal(e1.status, 201, e1.text);
      assert.equal(e1.json.kind, 'home_visit');
      assert.equal(e1.json.minutes, 60);
      assert.equal(e1.json.shared, false);
      assert.equal(e1.json.author.id, w.pA.id);
      assert.equal(e1.json.author.display_name, 'Anna Professional');
      const e2 = await c.post(w.tA, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'phone', text: 'Gebeld met school', shared: true });
      assert.equal(e2.status, 201, e2.text);
      const l = await c.get(w.pA, `/youths/${y.id}/journal`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items.map((i) => i.id), [e2.json.id, e1.json.id], 'newest first');
      assertError(await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'gossip', text: 'x', shared: false }), 422, 'validation_failed', 'kind');
      assertError(await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'note', text: '', shared: false }), 422, 'validation_failed', 'text');
      assertError(await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: '2026-02-30', kind: 'note', text: 'x', shared: false }), 422, 'validation_failed', 'occurred_on');
      assertError(await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'note', text: 'x' }), 422, 'validation_failed', 'shared');
      assert.equal((await c.get(w.pA, `/youths/${y.id}/journal`)).json.items.length, 2, 'the 422s stored nothing');
    });

    it('the young person\'s own account has no journal route (403)', async () => {
      assertError(await c.get(youth, `/youths/${y.id}/journal`), 403, 'forbidden');
    });
  });
});
