// GET /api/v1/my/actions also answers the caller's open actions of the plan
// (docs/api-jim-support.md): for the young person the actions of their own
// plan with owner_kind 'youth'; for the JIM those with owner_kind 'jim' of the
// young person they are the active JIM of, while consent to share the plan
// holds (the rule that lets the JIM read that plan). Each item says its
// "kind" ("meeting" or "plan"); a plan action carries goal_id and
// goal_title. Done actions are not listed; a professional's answer has only
// meeting actions. Every young person whose actions are answered is named in
// the audit trail. Runs on SQLite and on PostgreSQL
// (sh scripts/pg-test.sh node --test tests/http/my-actions-plan.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, todayAmsterdam, addDays, twoYouthsWithGoals } from './dossier-fixture.mjs';

describe('/my/actions: the actions of the plan that are the caller\'s own', () => {
  const today = todayAmsterdam();
  let w;
  let c;
  let y; // Sem, 16, of team A, with a JIM (y.jim) and an account (me)
  let me;
  let y2; // Lotte, of team A, with a JIM (y2.jim) and an account (me2)
  let me2;
  let goal;
  let goal2;
  let consent; // y's share_plan consent
  const acts = {};

  const action = async (goalId, body) => {
    const r = await c.post(w.pA, `/goals/${goalId}/actions`, { owner: 'iemand', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const myActions = async (who) => {
    const r = await c.get(who, '/my/actions');
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const planIds = (items) => items.filter((a) => a.kind === 'plan').map((a) => a.id).sort((a, b) => a - b);
  // The read events of /my/actions by `who` since `from` that name a young
  // person, as "youth_id:object_type" (what of theirs was read).
  const eventsOf = async (who, from) => {
    const r = await c.get(w.po, `/audit?user_id=${who.id}&limit=1000&from=${encodeURIComponent(from)}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.filter((e) => e.action === 'read' && e.outcome === 'success' && e.youth_id != null)
      .map((e) => `${e.youth_id}:${e.object_type}`).sort();
  };
  // The youth_id of each such event.
  const readsOf = async (who, from) => (await eventsOf(who, from)).map((e) => Number(e.split(':')[0]));

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    ({ y, me, goal, y2, me2, goal2 } = await twoYouthsWithGoals(w));
    acts.youth = await action(goal.id, { description: 'Rooster ophalen', owner: 'Sem', owner_kind: 'youth', due_date: addDays(today, 3) });
    acts.youthLater = await action(goal.id, { description: 'Wekker zetten', owner: 'Sem', owner_kind: 'youth' });
    acts.jim = await action(goal.id, { description: 'Mee naar de mentor', owner: 'Oom Kees', owner_kind: 'jim', due_date: addDays(today, 5) });
    acts.none = await action(goal.id, { description: 'School bellen', owner: 'Mentor' });
    acts.youth2 = await action(goal2.id, { description: 'Cv maken', owner: 'Lotte', owner_kind: 'youth' });
    acts.jim2 = await action(goal2.id, { description: 'Vacatures zoeken', owner: 'Tante Ria', owner_kind: 'jim' });
    const s = await c.post(w.pA, `/youths/${y2.youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(s.status, 201, s.text);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('the young person sees their own plan actions, not the JIM\'s, nobody\'s, nor another young person\'s', async () => {
    const items = await myActions(me);
    assert.deepEqual(planIds(items), [acts.youth.id, acts.youthLater.id].sort((a, b) => a - b), JSON.stringify(items));
    const it = items.find((a) => a.kind === 'plan' && a.id === acts.youth.id);
    assert.equal(it.goal_id, goal.id);
    assert.equal(it.goal_title, 'Naar school');
    assert.equal(it.youth_id, y.youth.id);
    assert.equal(it.youth_given_name, 'Sem');
    assert.equal(it.description, 'Rooster ophalen');
    assert.equal(it.due_date, addDays(today, 3));
    assert.equal(it.done_at, null);
    const later = items.findIndex((a) => a.kind === 'plan' && a.id === acts.youthLater.id);
    assert.ok(items.indexOf(it) < later, 'by due date: one without a date last');
    assert.deepEqual(planIds(await myActions(me2)), [acts.youth2.id], 'Lotte sees only hers');
  });

  it('the JIM sees the JIM\'s actions only with consent to share the plan, and only of their own young person', async () => {
    assert.deepEqual(planIds(await myActions(y.jim)), [], 'no share_plan consent: nothing of the plan');
    const s = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(s.status, 201, s.text);
    consent = s.json;
    const items = await myActions(y.jim);
    assert.deepEqual(planIds(items), [acts.jim.id], JSON.stringify(items));
    const it = items.find((a) => a.kind === 'plan');
    assert.equal(it.goal_title, 'Naar school');
    assert.equal(it.youth_given_name, 'Sem');
    assert.equal(it.due_date, addDays(today, 5));
    assert.deepEqual(planIds(await myActions(y2.jim)), [acts.jim2.id], 'Tante Ria sees only Lotte\'s');
    const gone = await c.post(w.pA, `/consents/${consent.id}/withdraw`, {});
    assert.equal(gone.status, 200, gone.text);
    assert.deepEqual(planIds(await myActions(y.jim)), [], 'consent withdrawn: gone');
    const again = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(again.status, 201, again.text);
    consent = again.json;
  });

  it('an open action of a goal reached or stopped is not listed; the goal taken up again, it is back', async () => {
    const g = await c.post(w.pA, `/youths/${y.youth.id}/goals`, { title: 'Sporten', author_kind: 'youth' });
    assert.equal(g.status, 201, g.text);
    const a = await action(g.json.id, { description: 'Lid worden', owner: 'Sem', owner_kind: 'youth' });
    assert.ok(planIds(await myActions(me)).includes(a.id), 'listed while the goal is worked on');
    for (const status of ['reached', 'stopped']) {
      const r = await c.patch(w.pA, `/goals/${g.json.id}`, { status });
      assert.equal(r.status, 200, r.text);
      assert.ok(!planIds(await myActions(me)).includes(a.id), `goal ${status}: not listed`);
    }
    const back = await c.patch(w.pA, `/goals/${g.json.id}`, { status: 'active' });
    assert.equal(back.status, 200, back.text);
    assert.ok(planIds(await myActions(me)).includes(a.id), 'taken up again: listed');
  });

  it('a done action is not listed; opened again, it is back', async () => {
    const d = await c.post(me, `/goal-actions/${acts.youth.id}/done`);
    assert.equal(d.status, 200, d.text);
    assert.ok(!planIds(await myActions(me)).includes(acts.youth.id), 'done: not listed');
    const j = await c.post(y.jim, `/goal-actions/${acts.jim.id}/done`);
    assert.equal(j.status, 200, j.text);
    assert.deepEqual(planIds(await myActions(y.jim)), []);
    assert.equal((await c.del(me, `/goal-actions/${acts.youth.id}/done`)).status, 200);
    assert.ok(planIds(await myActions(me)).includes(acts.youth.id), 'open again: listed');
    assert.equal((await c.del(y.jim, `/goal-actions/${acts.jim.id}/done`)).status, 200);
  });

  it('a meeting action says kind "meeting"; the answer of a professional has no plan actions', async () => {
    const m = await c.post(w.pA, `/youths/${y.youth.id}/meetings`, {
      kind: 'network',
      starts_at: `${addDays(today, 7)}T09:00:00Z`,
      ends_at: `${addDays(today, 7)}T10:30:00Z`,
      location: 'Wijkcentrum De Linde',
    });
    assert.equal(m.status, 201, m.text);
    const a = await c.post(w.pA, `/meetings/${m.json.id}/actions`, { description: 'Verslag sturen', owner_user_id: w.pA.id });
    assert.equal(a.status, 201, a.text);
    const b = await c.post(w.pA, `/meetings/${m.json.id}/actions`, { description: 'Rooster meenemen', owner_user_id: me.id });
    assert.equal(b.status, 201, b.text);
    const pro = await myActions(w.pA);
    assert.ok(pro.length >= 1);
    for (const x of pro) {
      assert.equal(x.kind, 'meeting', JSON.stringify(x));
      assert.deepEqual(Object.keys(x).sort(),
        ['description', 'done_at', 'due_date', 'id', 'kind', 'meeting_id', 'youth_given_name', 'youth_id'], 'the old shape plus kind');
    }
    for (const who of [w.tA, w.pB, w.admin]) assert.ok((await myActions(who)).every((x) => x.kind === 'meeting'));
    const from = new Date().toISOString();
    const mine = await myActions(me);
    assert.ok(mine.some((x) => x.kind === 'meeting' && x.id === b.json.id && x.meeting_id === m.json.id), 'the young person\'s meeting action too');
    assert.deepEqual(await eventsOf(me, from), [`${y.youth.id}:meeting`, `${y.youth.id}:plan`],
      'one event for what of the meetings and one for what of the plan was read');
    assert.ok(mine.some((x) => x.kind === 'plan' && x.id === acts.youth.id));
  });

  it('each young person whose plan actions are answered is named in the audit trail', async () => {
    let from = new Date().toISOString();
    await myActions(y.jim);
    assert.deepEqual(await eventsOf(y.jim, from), [`${y.youth.id}:plan`], 'the JIM\'s read names Sem, and that it was his plan');
    from = new Date().toISOString();
    await myActions(me2);
    assert.deepEqual(await readsOf(me2, from), [y2.youth.id], 'Lotte\'s read names Lotte');
    // without consent nothing of Sem is answered, and Sem is not named
    assert.equal((await c.post(w.pA, `/consents/${consent.id}/withdraw`, {})).status, 200);
    from = new Date().toISOString();
    await myActions(y.jim);
    assert.deepEqual(await readsOf(y.jim, from), []);
  });
});
