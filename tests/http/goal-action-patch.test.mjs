// The team corrects an action of the plan (docs/api-dossier.md): PATCH
// /api/v1/goal-actions/{id} changes any of description, owner, owner_kind
// and due_date (null clears owner, owner_kind and due_date), the rules of
// adding one holding for the row that results. At least one field, and not
// only the current values (422). An action of a goal reached or stopped is
// 409 goal_ended, as adding one is. If-Match takes the action's "etag" from
// the plan: 412 edit_conflict when stale, and nothing changes. Whose it is
// decides who may tick it off. Another team's action is 404 (denied in the
// audit trail); the young person and the JIM are 403. Runs on SQLite and on
// PostgreSQL (sh scripts/pg-test.sh node --test tests/http/goal-action-patch.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, twoYouthsWithGoals } from './dossier-fixture.mjs';
import { STRONG_TAG, MALFORMED, sendTo } from './if-match-fixture.mjs';

const addDays = (iso, n) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe('actions of the plan: the team corrects one', () => {
  const today = todayAmsterdam();
  const from = new Date().toISOString();
  let w;
  let c;
  let y; // a 16-year-old of team A with a JIM (y.jim), consent to share the plan
  let me; // y's own account
  let goal;

  const send = sendTo(() => w);
  const action = async (body = {}, goalId = goal.id, who = w.pA) => {
    const r = await c.post(who, `/goals/${goalId}/actions`, { description: 'Mentor bellen', owner: 'Sem', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const stored = (id) =>
    dbQuery(
      w.server.db,
      `SELECT description || '|' || owner || '|' || coalesce(owner_kind, '-') || '|' || coalesce(due_date, '-') || '|' || ` +
        `coalesce(done_at, '-') FROM goal_actions WHERE id = ${Number(id)};`,
    ).trim();
  const inPlan = async (id, who = w.pA, youthId = y.youth.id) => {
    const r = await c.get(who, `/youths/${youthId}/plan`);
    assert.equal(r.status, 200, r.text);
    for (const g of r.json.goals) for (const a of g.actions) if (a.id === id) return a;
    return undefined;
  };
  const patch = (id, body, opts = {}) => send('PATCH', `/goal-actions/${id}`, { body, ...opts });

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    ({ y, me, goal } = await twoYouthsWithGoals(w));
    const consent = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(consent.status, 201, consent.text);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('each field corrected on its own, the others kept; the answer is the action with its new ETag', async () => {
    const a = await action({ due_date: today });
    let r = await patch(a.id, { description: 'De mentor mailen' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ...a, description: 'De mentor mailen' });
    assert.match(r.headers.get('etag'), STRONG_TAG);
    assert.equal(stored(a.id), `De mentor mailen|Sem|-|${today}|-`);
    r = await patch(a.id, { owner: 'Mentor Jansen' }, { who: w.tA });
    assert.equal(r.status, 200, r.text);
    assert.equal(stored(a.id), `De mentor mailen|Mentor Jansen|-|${today}|-`);
    r = await patch(a.id, { due_date: addDays(today, 7) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.due_date, addDays(today, 7));
    r = await patch(a.id, { due_date: null });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.due_date, null);
    assert.equal(stored(a.id), 'De mentor mailen|Mentor Jansen|-|-|-');
    r = await patch(a.id, { owner_kind: 'jim' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.owner_kind, 'jim');
    r = await patch(a.id, { owner: null });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.owner, '', 'the JIM\'s action needs no name');
    r = await patch(a.id, { owner: 'Oom Kees', owner_kind: null, due_date: today });
    assert.equal(r.status, 200, r.text);
    assert.equal(stored(a.id), `De mentor mailen|Oom Kees|-|${today}|-`);
    const seen = await inPlan(a.id);
    assert.equal(seen.description, 'De mentor mailen');
    assert.equal(seen.etag, r.headers.get('etag'), 'the plan shows the tag the answer sent');
  });

  it('a done action stays done when corrected', async () => {
    const a = await action();
    const done = await c.post(w.pA, `/goal-actions/${a.id}/done`);
    assert.equal(done.status, 200, done.text);
    const r = await patch(a.id, { description: 'Mentor gebeld' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.done_at, done.json.done_at);
    assert.deepEqual(r.json.done_by, done.json.done_by);
  });

  it('whose it is decides who may tick it off: the young person, then the JIM, then back', async () => {
    const a = await action();
    const path = `/goal-actions/${a.id}/done`;
    assertError(await c.post(me, path), 403, 'forbidden');
    assert.equal((await patch(a.id, { owner_kind: 'youth' })).status, 200);
    assertError(await c.post(y.jim, path), 403, 'forbidden');
    assert.equal((await c.post(me, path)).status, 200, 'the young person ticks off their own');
    assert.equal((await c.del(me, path)).status, 200);
    assert.equal((await patch(a.id, { owner_kind: 'jim' })).status, 200);
    assertError(await c.post(me, path), 403, 'forbidden');
    assert.equal((await c.post(y.jim, path)).status, 200, 'the JIM ticks off theirs');
    assert.equal((await c.del(y.jim, path)).status, 200);
    assert.equal((await patch(a.id, { owner_kind: null })).status, 200);
    assertError(await c.post(me, path), 403, 'forbidden');
    assertError(await c.post(y.jim, path), 403, 'forbidden');
    assert.equal(stored(a.id), 'Mentor bellen|Sem|-|-|-');
  });

  it('validation: 422 at the field, and nothing changes', async () => {
    const a = await action({ due_date: today });
    const before = stored(a.id);
    const cases = [
      [{}, null],
      [{ description: 'Mentor bellen', owner: 'Sem', owner_kind: null, due_date: today }, null],
      [{ description: 'Mentor bellen' }, null],
      [{ description: '' }, 'description'],
      [{ description: null }, 'description'],
      [{ description: '   ' }, 'description'],
      [{ description: 'x'.repeat(501) }, 'description'],
      [{ description: 7 }, 'description'],
      [{ owner: '' }, 'owner'],
      [{ owner: 'x'.repeat(101) }, 'owner'],
      [{ owner: null }, 'owner'],
      [{ owner_kind: 'parent' }, 'owner_kind'],
      [{ owner_kind: '' }, 'owner_kind'],
      [{ due_date: '2026-02-30' }, 'due_date'],
      [{ due_date: 'morgen' }, 'due_date'],
      [{ done_at: null }, 'done_at'],
      [{ goal_id: goal.id }, 'goal_id'],
    ];
    for (const [body, field] of cases) {
      const r = await patch(a.id, body);
      if (field) assertError(r, 422, 'validation_failed', field);
      else assertError(r, 422, 'validation_failed');
      assert.equal(stored(a.id), before, JSON.stringify(body));
    }
    // someone else's action needs a name: the young person's does not
    const mine = await action({ owner_kind: 'youth', owner: undefined });
    assert.equal(mine.owner, '');
    assertError(await patch(mine.id, { owner_kind: null }), 422, 'validation_failed', 'owner');
    assert.equal(stored(mine.id), 'Mentor bellen||youth|-|-');
  });

  it('an action of a goal reached or stopped: 409 goal_ended, as adding one; again when taken up', async () => {
    const g = await c.post(w.pA, `/youths/${y.youth.id}/goals`, { title: 'Zwemdiploma', author_kind: 'youth' });
    assert.equal(g.status, 201, g.text);
    const a = await action({}, g.json.id);
    for (const status of ['reached', 'stopped']) {
      assert.equal((await c.patch(w.pA, `/goals/${g.json.id}`, { status })).status, 200);
      assertError(await c.post(w.pA, `/goals/${g.json.id}/actions`, { description: 'Nog een', owner: 'Sem' }), 409, 'goal_ended');
      assertError(await patch(a.id, { description: 'Les boeken' }), 409, 'goal_ended');
      assert.equal(stored(a.id), 'Mentor bellen|Sem|-|-|-');
    }
    assert.equal((await c.patch(w.pA, `/goals/${g.json.id}`, { status: 'active' })).status, 200);
    assert.equal((await patch(a.id, { description: 'Les boeken' })).status, 200);
  });

  it('If-Match: the plan\'s tag matches, a stale one is 412 and changes nothing, * matches, malformed is 400', async () => {
    const a = await action();
    const seen = (await inPlan(a.id)).etag;
    assert.match(seen, STRONG_TAG);
    assert.equal((await inPlan(a.id)).etag, seen, 'the tag stays while nothing changes');
    const ok = await patch(a.id, { due_date: today }, { ifMatch: seen });
    assert.equal(ok.status, 200, ok.text);
    const now = ok.headers.get('etag');
    assert.notEqual(now, seen);
    assert.equal((await inPlan(a.id)).etag, now);
    const before = stored(a.id);
    const stale = await patch(a.id, { description: 'Iets anders' }, { ifMatch: seen });
    assertError(stale, 412, 'edit_conflict');
    assert.equal(stored(a.id), before);
    assertError(await patch(a.id, { description: 'Iets anders' }, { ifMatch: `W/${now}` }), 412, 'edit_conflict');
    // ticking off does not change the tag: it is not what PATCH changes
    assert.equal((await c.post(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
    assert.equal((await inPlan(a.id)).etag, now);
    assert.equal((await c.del(w.pA, `/goal-actions/${a.id}/done`)).status, 200);
    for (const bad of MALFORMED) {
      assertError(await patch(a.id, { description: 'Iets anders' }, { ifMatch: bad }), 400, 'malformed_if_match');
      assert.equal(stored(a.id), before);
    }
    const star = await patch(a.id, { description: 'Iets anders' }, { ifMatch: '*' });
    assert.equal(star.status, 200, star.text);
    const later = await patch(a.id, { owner: 'Juf' }, { ifMatch: star.headers.get('etag') });
    assert.equal(later.status, 200, later.text);
  });

  it('another team\'s action: 404 as an unknown one, audited as denied; unchanged', async () => {
    const other = await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Lotte' });
    const og = await c.post(w.pB, `/youths/${other.id}/goals`, { title: 'Werk vinden', author_kind: 'youth' });
    assert.equal(og.status, 201, og.text);
    const theirs = await action({}, og.json.id, w.pB);
    const unknown = await patch(99999999, { description: 'Weg' });
    assertError(unknown, 404, 'not_found');
    const r = await patch(theirs.id, { description: 'Weg' });
    assertError(r, 404, 'not_found');
    assert.deepEqual(r.json, unknown.json);
    assertError(await patch(theirs.id, { description: 'Weg' }, { who: w.tA, ifMatch: '*' }), 404, 'not_found');
    assert.equal(stored(theirs.id), 'Mentor bellen|Sem|-|-|-');
    const denied = dbQuery(
      w.server.db,
      `SELECT count(*) FROM audit_events WHERE object_type = 'plan' AND action = 'update' AND outcome = 'denied' AND ` +
        `object_id = '${theirs.id}' AND user_id = ${Number(w.pA.id)};`,
    ).trim();
    assert.equal(denied, '1');
    for (const id of ['x', '0', '-1', '1.5']) assertError(await patch(id, { description: 'Weg' }), 404, 'not_found');
  });

  it('the young person, the JIM and other roles may not (403), nobody 401; the action stays', async () => {
    const a = await action({ owner_kind: 'youth' });
    for (const who of [me, y.jim, w.po, w.rs, w.admin]) {
      assertError(await patch(a.id, { description: 'Zelf anders' }, { who }), 403, 'forbidden');
    }
    assert.equal(stored(a.id), 'Mentor bellen|Sem|youth|-|-');
  });

  it('is in the audit trail as an update of the plan naming the action and the young person', async () => {
    const a = await action();
    assert.equal((await patch(a.id, { description: 'Verslag schrijven' })).status, 200);
    const r = await c.get(w.po, `/api/v1/audit?user_id=${w.pA.id}&limit=1000&from=${encodeURIComponent(from)}`);
    assert.equal(r.status, 200, r.text);
    const ev = r.json.items.filter((e) => e.action === 'update' && e.object_type === 'plan' && e.object_id === String(a.id));
    assert.equal(ev.length, 1, JSON.stringify(ev));
    assert.equal(ev[0].outcome, 'success');
    assert.equal(ev[0].youth_id, y.youth.id);
    assert.equal(ev[0].basis, 'team');
  });
});
