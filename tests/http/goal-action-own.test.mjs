// The young person and the JIM tick off their own actions of the plan
// (docs/api-dossier.md): an action has owner_kind 'youth', 'jim' or null
// (someone else, named by the free-text owner). POST/DELETE
// /api/v1/goal-actions/{id}/done admits, besides the team, the young person
// for an action of their own plan with owner_kind 'youth', and their active
// JIM (with consent to share the plan) for one with 'jim'. Any other action
// of that plan is 403 forbidden; one of another young person 404 as an
// unknown one; a JIM without consent 403 no_consent. Refusals change
// nothing and are audited as denied. The plan and the answers carry
// owner_kind and done_by as {id, display_name}. Runs on SQLite and on
// PostgreSQL (sh scripts/pg-test.sh node --test tests/http/goal-action-own.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, twoYouthsWithGoals } from './dossier-fixture.mjs';

describe('actions of the plan: the young person and the JIM tick off their own', () => {
  const today = todayAmsterdam();
  const from = new Date().toISOString();
  let w;
  let c;
  let y; // a 16-year-old of team A with a JIM (y.jim)
  let me; // y's own account
  let y2; // another young person of team A with a JIM (y2.jim) and an account
  let me2;
  let goal;
  let goal2;

  const action = async (body, goalId = goal.id) => {
    const r = await c.post(w.pA, `/goals/${goalId}/actions`, { description: 'Iets doen', owner: 'Sem', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const stored = (id) =>
    dbQuery(
      w.server.db,
      `SELECT coalesce(owner_kind, '-') || '|' || coalesce(done_at, '-') || '|' || coalesce(CAST(done_by AS TEXT), '-') FROM goal_actions WHERE id = ${Number(id)};`,
    ).trim();
  const inPlan = async (id, who = w.pA, youthId = y.youth.id) => {
    const r = await c.get(who, `/youths/${youthId}/plan`);
    assert.equal(r.status, 200, r.text);
    for (const g of r.json.goals) for (const a of g.actions) if (a.id === id) return a;
    return undefined;
  };
  const audit = async (who, id) => {
    const r = await c.get(w.po, `/api/v1/audit?user_id=${who.id}&limit=1000&from=${encodeURIComponent(from)}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.filter((e) => e.action === 'update' && e.object_type === 'plan' && e.object_id === String(id));
  };
  const sharePlan = async (youth) => {
    const r = await c.post(w.pA, `/youths/${youth.youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(r.status, 201, r.text);
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    ({ y, me, goal, y2, me2, goal2 } = await twoYouthsWithGoals(w));
    await sharePlan(y2); // y2's JIM may read y2's plan: refused on y's all the same
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('owner_kind: youth, jim, null or absent; anything else 422 on owner_kind and nothing is added', async () => {
    const mine = await action({ description: 'Rooster ophalen', owner: 'Sem', owner_kind: 'youth' });
    assert.equal(mine.owner_kind, 'youth');
    assert.equal(mine.owner, 'Sem');
    assert.equal(mine.done_at, null);
    assert.equal(mine.done_by, null);
    assert.equal(stored(mine.id), 'youth|-|-');
    assert.equal((await action({ owner: 'Oom Kees', owner_kind: 'jim' })).owner_kind, 'jim');
    const none = await action({ owner: 'Mentor', owner_kind: null });
    assert.equal(none.owner_kind, null);
    assert.equal(stored(none.id), '-|-|-');
    assert.equal((await action({ owner: 'Mentor' })).owner_kind, null);
    const count = () => dbQuery(w.server.db, `SELECT count(*) FROM goal_actions WHERE goal_id = ${Number(goal.id)};`).trim();
    const before = count();
    for (const bad of ['parent', 'YOUTH', '', 'professional', 1, true, ['youth'], { kind: 'youth' }]) {
      const r = await c.post(w.pA, `/goals/${goal.id}/actions`, { description: 'Fout', owner: 'Sem', owner_kind: bad });
      assertError(r, 422, 'validation_failed', 'owner_kind');
    }
    assert.equal(count(), before, 'no action added by a bad owner_kind');
    // the young person's or the JIM's action needs no name; anyone else's does
    for (const kind of ['youth', 'jim']) {
      const r = await c.post(w.pA, `/goals/${goal.id}/actions`, { description: 'Zonder naam', owner_kind: kind });
      assert.equal(r.status, 201, r.text);
      const unnamed = r.json;
      assert.equal(unnamed.owner, '', `${kind}: no name stored, the plan says whose it is`);
      assert.equal(unnamed.owner_kind, kind);
    }
    const afterUnnamed = count();
    for (const body of [{ description: 'Van wie?' }, { description: 'Van wie?', owner_kind: null }]) {
      const r = await c.post(w.pA, `/goals/${goal.id}/actions`, body);
      assertError(r, 422, 'validation_failed', 'owner');
    }
    assert.equal(count(), afterUnnamed, 'no action without a name and without whose it is');
    const p = await inPlan(mine.id);
    assert.equal(p.owner_kind, 'youth', 'the plan carries owner_kind');
    assert.equal(p.done_by, null);
  });

  it('the young person ticks off their own action and opens it again; done_by names them', async () => {
    const a = await action({ description: 'Wekker zetten', owner: 'Sem', owner_kind: 'youth' });
    const r = await c.post(me, `/goal-actions/${a.id}/done`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.done_at, ISO_UTC);
    assert.equal(r.json.done_by.id, me.id);
    assert.equal(typeof r.json.done_by.display_name, 'string');
    assert.equal(r.json.owner_kind, 'youth');
    assert.equal(stored(a.id), `youth|${r.json.done_at}|${me.id}`);
    const seen = await inPlan(a.id, w.pA);
    assert.deepEqual(seen.done_by, r.json.done_by, 'the team sees who ticked it off');
    assert.deepEqual((await inPlan(a.id, me)).done_by, r.json.done_by);
    assertError(await c.post(me, `/goal-actions/${a.id}/done`), 409, 'conflict');
    const open = await c.del(me, `/goal-actions/${a.id}/done`);
    assert.equal(open.status, 200, open.text);
    assert.equal(open.json.done_at, null);
    assert.equal(open.json.done_by, null);
    assert.equal(stored(a.id), 'youth|-|-');
    // Done by the team, the young person may open their own action again.
    assert.equal((await c.post(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
    assert.equal((await c.del(me, `/goal-actions/${a.id}/done`)).status, 200);
    const events = await audit(me, a.id);
    assert.equal(events.filter((e) => e.outcome === 'success').length, 3, JSON.stringify(events));
    for (const e of events.filter((x) => x.outcome === 'success')) {
      assert.equal(e.basis, 'self');
      assert.equal(e.youth_id, y.youth.id);
    }
  });

  it('the young person may not tick off the JIM\'s action nor someone else\'s: 403, nothing changes, audited denied', async () => {
    const jims = await action({ owner: 'Oom Kees', owner_kind: 'jim' });
    const others = await action({ owner: 'Mentor' });
    const doneByTeam = await action({ owner: 'Mentor' });
    assert.equal((await c.post(w.pA, `/goal-actions/${doneByTeam.id}/done`)).status, 200);
    const before = stored(doneByTeam.id);
    for (const a of [jims, others]) {
      assertError(await c.post(me, `/goal-actions/${a.id}/done`), 403, 'forbidden');
      assert.equal(stored(a.id), `${a.owner_kind || '-'}|-|-`);
    }
    assertError(await c.del(me, `/goal-actions/${doneByTeam.id}/done`), 403, 'forbidden');
    assert.equal(stored(doneByTeam.id), before, 'still done, by the team');
    for (const a of [jims, others, doneByTeam]) {
      const denied = (await audit(me, a.id)).filter((e) => e.outcome === 'denied');
      assert.equal(denied.length, 1, `${a.id}: ${JSON.stringify(denied)}`);
      assert.equal(denied[0].youth_id, y.youth.id);
    }
  });

  it('another young person\'s action: 404 as an unknown one, nothing changes, audited denied', async () => {
    const theirs = await action({ owner: 'Lotte', owner_kind: 'youth' }, goal2.id);
    const unknown = await c.post(me, '/goal-actions/99999999/done');
    const r = await c.post(me, `/goal-actions/${theirs.id}/done`);
    assertError(r, 404, 'not_found');
    assert.deepEqual(r.json, unknown.json);
    assertError(await c.del(me, `/goal-actions/${theirs.id}/done`), 404, 'not_found');
    assert.equal(stored(theirs.id), 'youth|-|-');
    const denied = (await audit(me, theirs.id)).filter((e) => e.outcome === 'denied');
    assert.equal(denied.length, 2, JSON.stringify(denied));
    // Its own young person may.
    assert.equal((await c.post(me2, `/goal-actions/${theirs.id}/done`)).status, 200);
  });

  it('the JIM: not without consent to share the plan; then the JIM\'s own action only', async () => {
    const a = await action({ description: 'Samen naar de bieb', owner: 'Oom Kees', owner_kind: 'jim' });
    const youths = await action({ owner: 'Sem', owner_kind: 'youth' });
    const others = await action({ owner: 'Mentor' });
    assertError(await c.post(y.jim, `/goal-actions/${a.id}/done`), 403, 'no_consent');
    assert.equal(stored(a.id), 'jim|-|-');
    await sharePlan(y);
    const r = await c.post(y.jim, `/goal-actions/${a.id}/done`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.done_by.id, y.jim.id);
    assert.equal(stored(a.id), `jim|${r.json.done_at}|${y.jim.id}`);
    assert.deepEqual((await inPlan(a.id, y.jim)).done_by, r.json.done_by);
    const open = await c.del(y.jim, `/goal-actions/${a.id}/done`);
    assert.equal(open.status, 200, open.text);
    assert.equal(stored(a.id), 'jim|-|-');
    for (const o of [youths, others]) {
      assertError(await c.post(y.jim, `/goal-actions/${o.id}/done`), 403, 'forbidden');
      assert.equal(stored(o.id), `${o.owner_kind || '-'}|-|-`);
      const denied = (await audit(y.jim, o.id)).filter((e) => e.outcome === 'denied');
      assert.equal(denied.length, 1, JSON.stringify(denied));
    }
    const ok = (await audit(y.jim, a.id)).filter((e) => e.outcome === 'success');
    assert.equal(ok.length, 2, JSON.stringify(ok));
    for (const e of ok) assert.equal(e.basis, 'jim');
  });

  it('the JIM of another young person: 404, nothing changes, audited denied', async () => {
    const a = await action({ owner: 'Oom Kees', owner_kind: 'jim' });
    assertError(await c.post(y2.jim, `/goal-actions/${a.id}/done`), 404, 'not_found');
    assertError(await c.del(y2.jim, `/goal-actions/${a.id}/done`), 404, 'not_found');
    assert.equal(stored(a.id), 'jim|-|-');
    const denied = (await audit(y2.jim, a.id)).filter((e) => e.outcome === 'denied');
    assert.equal(denied.length, 2, JSON.stringify(denied));
  });
});
