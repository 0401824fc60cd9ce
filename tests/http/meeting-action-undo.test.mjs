// Taking "done" back on a meeting action (docs/api-jim-support.md):
// DELETE /api/v1/meeting-actions/{id}/done opens the action again, for the
// same callers as marking it done (the team, or the action's owner: the JIM
// while meetings may be shared with them, the young person). An action that
// is not done is 409 conflict, an unknown one 404; strangers get 404, other
// roles 403, nobody 401, each as a JSON error. Every call is in the audit
// trail, refusals as denied. Runs on SQLite and on PostgreSQL
// (sh scripts/pg-test.sh node --test tests/http/meeting-action-undo.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, yearsAgo, youthWithJim, youthAccount } from './dossier-fixture.mjs';

describe('taking "done" back on a meeting action', () => {
  let w;
  let c;
  let y; // a 17-year-old of team A with a JIM
  let y2; // another young person of team A with a JIM
  let me; // y's own account
  let m;
  let consent;
  const today = todayAmsterdam();
  const from = new Date().toISOString();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, {
      name: 'Oom Kees',
      youth: { given_name: 'Noor', family_name: 'Veldhuizen', birth_date: yearsAgo(today, 17) },
    });
    y2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els' });
    me = await youthAccount(w.base, w.pA, y.youth.id);
    const s = new Date(`${addDays(today, 7)}T09:00:00Z`);
    const r = await c.post(w.pA, `/youths/${y.youth.id}/meetings`, {
      kind: 'network',
      starts_at: s.toISOString().replace('.000Z', 'Z'),
      ends_at: new Date(+s + 3600000).toISOString().replace('.000Z', 'Z'),
      location: 'Wijkcentrum De Linde',
    });
    assert.equal(r.status, 201, r.text);
    m = r.json;
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const action = async (body) => {
    const r = await c.post(w.pA, `/meetings/${m.id}/actions`, body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const done = async (who, id) => {
    const r = await c.post(who, `/meeting-actions/${id}/done`, {});
    assert.equal(r.status, 200, `done ${id}: ${r.text}`);
    assert.match(r.json.done_at, ISO_UTC);
    return r.json;
  };
  const open = async (who) => {
    const r = await c.get(who, '/my/actions');
    assert.equal(r.status, 200, r.text);
    return r.json.items.map((a) => a.id);
  };
  const onMeeting = async (id) => {
    const r = await c.get(w.pA, `/meetings/${m.id}`);
    assert.equal(r.status, 200, r.text);
    return r.json.actions.find((a) => a.id === id);
  };

  it('the team takes it back: 200 with the action open again, back in the owner\'s list', async () => {
    const a = await action({ description: 'School bellen', owner_user_id: w.pA.id, due_date: addDays(today, 7) });
    await done(w.pA, a.id);
    assert.ok(!(await open(w.pA)).includes(a.id), 'done: not open');
    const r = await c.del(w.tA, `/meeting-actions/${a.id}/done`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ...a, done_at: null }, 'the action as it was before "done"');
    assert.equal((await onMeeting(a.id)).done_at, null, 'stored');
    assert.ok((await open(w.pA)).includes(a.id), 'open again in the owner\'s /my/actions');
    // And done once more.
    await done(w.pA, a.id);
  });

  it('an action that is not done: 409 conflict, nothing changed', async () => {
    const a = await action({ description: 'Verslag rondsturen' });
    assertError(await c.del(w.pA, `/meeting-actions/${a.id}/done`), 409, 'conflict');
    await done(w.pA, a.id);
    assert.equal((await c.del(w.pA, `/meeting-actions/${a.id}/done`)).status, 200);
    const again = await c.del(w.pA, `/meeting-actions/${a.id}/done`);
    assertError(again, 409, 'conflict');
    assert.match(again.json.error.message, /not done/);
    assert.equal((await onMeeting(a.id)).done_at, null);
  });

  it('an unknown action: 404 not_found', async () => {
    assertError(await c.del(w.pA, '/meeting-actions/99999999/done'), 404, 'not_found');
    assertError(await c.del(w.pA, '/meeting-actions/x/done'), 404, 'not_found');
  });

  it('the JIM who owns it, while meetings may be shared with them; not after the consent ends', async () => {
    const a = await action({ description: 'Met Noor naar de sportclub', owner_user_id: y.jim.id });
    await done(w.pA, a.id);
    // Without share_meetings the JIM is a stranger to the meeting.
    assertError(await c.del(y.jim, `/meeting-actions/${a.id}/done`), 404, 'not_found');
    const given = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_meetings', given_by: 'youth' });
    assert.equal(given.status, 201, given.text);
    consent = given.json;
    const r = await c.del(y.jim, `/meeting-actions/${a.id}/done`);
    assert.equal(r.status, 200, `the JIM takes back their own "done": ${r.text}`);
    assert.equal(r.json.done_at, null);
    assert.ok((await open(y.jim)).includes(a.id), 'open again in the JIM\'s list');
    await done(y.jim, a.id);
    assert.equal((await c.del(y.jim, `/meeting-actions/${a.id}/done`)).status, 200, 'done and back again by the JIM alone');
    // Another's action on the same meeting: not theirs to change.
    const b = await action({ description: 'Huiswerk regelen', owner_user_id: w.pA.id });
    await done(w.pA, b.id);
    assertError(await c.del(y.jim, `/meeting-actions/${b.id}/done`), 404, 'not_found');
    await done(y.jim, a.id);
    assert.equal((await c.post(w.pA, `/consents/${consent.id}/withdraw`, {})).status, 200);
    assertError(await c.del(y.jim, `/meeting-actions/${a.id}/done`), 404, 'not_found');
    assert.match((await onMeeting(a.id)).done_at, ISO_UTC, 'still done');
  });

  it('the young person who owns it', async () => {
    const a = await action({ description: 'Rooster opvragen', owner_user_id: me.id });
    await done(me, a.id);
    const r = await c.del(me, `/meeting-actions/${a.id}/done`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.done_at, null);
  });

  it('strangers 404, other roles 403, nobody 401; the action stays done', async () => {
    const a = await action({ description: 'Huisarts bellen', owner_user_id: w.pA.id });
    await done(w.pA, a.id);
    const path = `/meeting-actions/${a.id}/done`;
    assertError(await c.del(w.pB, path), 404, 'not_found');
    assertError(await c.del(w.tB, path), 404, 'not_found');
    assertError(await c.del(y2.jim, path), 404, 'not_found');
    assertError(await c.del(w.po, path), 403, 'forbidden');
    assertError(await c.del(w.rs, path), 403, 'forbidden');
    assertError(await c.del(w.admin, path), 403, 'forbidden');
    assertError(await c.del(null, path), 401, 'not_authenticated');
    assert.match((await onMeeting(a.id)).done_at, ISO_UTC, 'still done');
  });

  it('is in the audit trail: the change with the young person, the refusals as denied', async () => {
    const audit = async (who) => {
      const r = await c.get(w.po, `/api/v1/audit?user_id=${who.id}&limit=1000&from=${encodeURIComponent(from)}`);
      assert.equal(r.status, 200, r.text);
      return r.json.items.filter((e) => e.action === 'update' && e.object_type === 'meeting');
    };
    const byTeam = await audit(w.tA);
    assert.ok(byTeam.some((e) => e.outcome === 'success' && e.youth_id === y.youth.id && e.basis === 'team'),
      `tA's taking back: ${JSON.stringify(byTeam)}`);
    const byJim = await audit(y.jim);
    assert.ok(byJim.some((e) => e.outcome === 'success' && e.youth_id === y.youth.id), `the JIM's: ${JSON.stringify(byJim)}`);
    assert.ok(byJim.some((e) => e.outcome === 'denied' && e.youth_id === y.youth.id), 'the JIM\'s refusals');
    for (const who of [w.pB, w.tB, y2.jim]) {
      const ev = await audit(who);
      assert.ok(ev.some((e) => e.outcome === 'denied' && e.youth_id === y.youth.id), `${who.username}: ${JSON.stringify(ev)}`);
    }
  });
});
