// An action of the plan marked done, and opened again (docs/api-dossier.md):
// POST /api/v1/goal-actions/{id}/done records when and by whom, DELETE on
// the same path clears both. The young person's team (and an emergency
// access) may for every action; the young person and the JIM only for an
// action that is theirs (owner_kind, goal-action-own.test.mjs), not for one
// of someone else, as here; they see the state in their plan. An action already so is 409 conflict; an unknown one, or one
// of a young person of another team, 404 with the same answer (nothing
// leaks); other roles 403, nobody 401. Bad calls change nothing. Every call
// is in the audit trail, refusals as denied. Runs on SQLite and on
// PostgreSQL (sh scripts/pg-test.sh node --test tests/http/goal-action-done.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, yearsAgo, youthWithJim, youthAccount } from './dossier-fixture.mjs';

describe('actions of the plan: done and open again', () => {
  const today = todayAmsterdam();
  const from = new Date().toISOString();
  let w;
  let c;
  let y; // a 16-year-old of team A with a JIM
  let me; // y's own account
  let other; // a young person of team B
  let goal;

  const action = async (body, goalId = goal.id, who = w.pA) => {
    const r = await c.post(who, `/goals/${goalId}/actions`, { owner: 'Sem', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const stored = (id) =>
    dbQuery(w.server.db, `SELECT coalesce(done_at, '-') || '|' || coalesce(CAST(done_by AS TEXT), '-') FROM goal_actions WHERE id = ${Number(id)};`).trim();
  const inPlan = async (id, who = w.pA, youthId = y.youth.id) => {
    const r = await c.get(who, `/youths/${youthId}/plan`);
    assert.equal(r.status, 200, r.text);
    for (const g of r.json.goals) for (const a of g.actions) if (a.id === id) return a;
    return undefined;
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, {
      name: 'Oom Kees',
      youth: { given_name: 'Sem', family_name: 'Veldhuizen', birth_date: yearsAgo(today, 16) },
    });
    me = await youthAccount(w.base, w.pA, y.youth.id);
    const g = await c.post(w.pA, `/youths/${y.youth.id}/goals`, { title: 'Naar school', author_kind: 'youth' });
    assert.equal(g.status, 201, g.text);
    goal = g.json;
    other = await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Lotte' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('a new action is open: done_at null, in the answer and in the plan', async () => {
    const a = await action({ description: 'Mentor bellen' });
    assert.equal(a.done_at, null);
    assert.equal((await inPlan(a.id)).done_at, null);
    assert.equal(stored(a.id), '-|-');
  });

  it('the team marks it done: when and by whom, in the plan for the young person and the JIM too', async () => {
    const a = await action({ description: 'Rooster ophalen', due_date: today });
    const r = await c.post(w.pA, `/goal-actions/${a.id}/done`, {});
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.done_at, ISO_UTC);
    assert.deepEqual(r.json.done_by, { id: w.pA.id, display_name: w.pA.display_name });
    assert.deepEqual({ ...r.json, done_at: null, done_by: undefined }, { ...a, done_at: null, done_by: undefined }, 'the rest as it was');
    assert.equal(stored(a.id), `${r.json.done_at}|${w.pA.id}`);
    assert.equal((await inPlan(a.id)).done_at, r.json.done_at);
    assert.equal((await inPlan(a.id, me)).done_at, r.json.done_at, 'the young person sees it done');
    const consent = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(consent.status, 201, consent.text);
    const seen = await inPlan(a.id, y.jim);
    assert.equal(seen.done_at, r.json.done_at, 'the JIM sees it done');
    assert.deepEqual(seen.done_by, { id: w.pA.id, display_name: w.pA.display_name }, 'the plan names who ticked it off');
  });

  it('the teamlead opens it again: both cleared; done once more', async () => {
    const a = await action({ description: 'Fiets maken' });
    assert.equal((await c.post(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
    const r = await c.del(w.tA, `/goal-actions/${a.id}/done`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, a, 'the action as it was before "done"');
    assert.equal(stored(a.id), '-|-');
    assert.equal((await inPlan(a.id)).done_at, null);
    const again = await c.post(w.tA, `/goal-actions/${a.id}/done`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.done_by.id, w.tA.id);
  });

  it('already so: 409 conflict, and nothing changes', async () => {
    const a = await action({ description: 'Verslag lezen' });
    assertError(await c.del(w.pA, `/goal-actions/${a.id}/done`), 409, 'conflict');
    assert.equal(stored(a.id), '-|-');
    const done = await c.post(w.pA, `/goal-actions/${a.id}/done`);
    assert.equal(done.status, 200, done.text);
    const before = stored(a.id);
    const twice = await c.post(w.tA, `/goal-actions/${a.id}/done`);
    assertError(twice, 409, 'conflict');
    assert.match(twice.json.error.message, /already done/);
    assert.equal(stored(a.id), before, 'the first "done" stays: when, and by whom');
  });

  it('an action of a reached goal can still be ticked off', async () => {
    const g = await c.post(w.pA, `/youths/${y.youth.id}/goals`, { title: 'Zwemdiploma', author_kind: 'youth' });
    const a = await action({ description: 'Les boeken' }, g.json.id);
    assert.equal((await c.patch(w.pA, `/goals/${g.json.id}`, { status: 'reached' })).status, 200);
    assert.equal((await c.post(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
  });

  it('an unknown action, or a malformed id: 404 not_found', async () => {
    for (const id of ['99999999', 'x', '0', '-1', '1.5', '99999999999999999999999']) {
      assertError(await c.post(w.pA, `/goal-actions/${id}/done`), 404, 'not_found');
      assertError(await c.del(w.pA, `/goal-actions/${id}/done`), 404, 'not_found');
    }
  });

  it('another team\'s action: 404 exactly as an unknown one, and it stays open', async () => {
    const og = await c.post(w.pB, `/youths/${other.id}/goals`, { title: 'Werk vinden', author_kind: 'youth' });
    assert.equal(og.status, 201, og.text);
    const theirs = await action({ description: 'Cv schrijven' }, og.json.id, w.pB);
    const unknown = await c.post(w.pA, '/goal-actions/99999999/done');
    const r = await c.post(w.pA, `/goal-actions/${theirs.id}/done`);
    assertError(r, 404, 'not_found');
    assert.deepEqual(r.json, unknown.json, 'the same answer as for an action that does not exist');
    assertError(await c.del(w.tA, `/goal-actions/${theirs.id}/done`), 404, 'not_found');
    assert.equal(stored(theirs.id), '-|-');
    // Team B's own professional may.
    assert.equal((await c.post(w.pB, `/goal-actions/${theirs.id}/done`)).status, 200);
  });

  it('the young person, the JIM and other roles may not; nobody 401; the action stays open', async () => {
    const a = await action({ description: 'Huiswerk maken' });
    const path = `/goal-actions/${a.id}/done`;
    for (const call of [c.post, c.del]) {
      assertError(await call(me, path), 403, 'forbidden');
      assertError(await call(y.jim, path), 403, 'forbidden');
      assertError(await call(w.pB, path), 404, 'not_found');
      assertError(await call(w.tB, path), 404, 'not_found');
      assertError(await call(w.po, path), 403, 'forbidden');
      assertError(await call(w.rs, path), 403, 'forbidden');
      assertError(await call(w.admin, path), 403, 'forbidden');
      assertError(await call(null, path), 401, 'not_authenticated');
    }
    assert.equal(stored(a.id), '-|-');
  });

  it('is in the audit trail: each change with the young person and the action, the refusals as denied', async () => {
    const audit = async (who) => {
      const r = await c.get(w.po, `/api/v1/audit?user_id=${who.id}&limit=1000&from=${encodeURIComponent(from)}`);
      assert.equal(r.status, 200, r.text);
      return r.json.items.filter((e) => e.action === 'update' && e.object_type === 'plan');
    };
    const a = await action({ description: 'Afspraak maken' });
    assert.equal((await c.post(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
    assert.equal((await c.del(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
    const byPA = (await audit(w.pA)).filter((e) => e.object_id === String(a.id));
    assert.equal(byPA.length, 2, JSON.stringify(byPA));
    for (const e of byPA) {
      assert.equal(e.outcome, 'success');
      assert.equal(e.youth_id, y.youth.id);
      assert.equal(e.basis, 'team');
    }
    for (const who of [me, y.jim, w.pB]) {
      const ev = await audit(who);
      assert.ok(ev.some((e) => e.outcome === 'denied'), `${who.username}: ${JSON.stringify(ev)}`);
    }
    const pB = await audit(w.pB);
    assert.ok(pB.some((e) => e.outcome === 'denied' && e.youth_id === y.youth.id), `team B's refusal names Y: ${JSON.stringify(pB)}`);
  });
});
