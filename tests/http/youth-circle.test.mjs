// GET /api/v1/youths/{id}/circle: the kring accounts a meeting can name (the
// team's staff, the active JIM, the young person's own account), by name, so
// that a caseworker picks a colleague instead of typing a user number. The
// list is exactly what POST /meetings/{id}/participants accepts: every
// account on it is taken, the others are refused. Another team, the JIM and
// the young person are refused; the read is audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, createUser } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim, youthAccount, signIn } from './dossier-fixture.mjs';

describe('the circle of a young person', () => {
  let w;
  let c;
  let y; // Noor with JIM Oom Kees, team A
  let other; // another young person with a JIM, team A
  let self; // Noor's own account
  let colleague; // a second professional of team A, disabled later

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', youth: { given_name: 'Noor' } });
    other = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els' });
    self = await youthAccount(w.base, w.pA, y.youth.id);
    colleague = await signIn(w.base, await createUser(w.server, w.admin.token, {
      username: `pc.${Date.now()}`, role: 'professional', display_name: 'Chris Collega', organisation_id: w.org.id, team_ids: [w.teamA.id],
    }));
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const circle = async (who = w.pA, youthId = y.youth.id) => {
    const r = await c.get(who, `/youths/${youthId}/circle`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const meeting = async () => {
    const starts = new Date(`${addDays(todayAmsterdam(), 7)}T09:00:00Z`);
    const r = await c.post(w.pA, `/youths/${y.youth.id}/meetings`, {
      kind: 'network', starts_at: starts.toISOString().replace('.000Z', 'Z'),
      ends_at: new Date(+starts + 3600000).toISOString().replace('.000Z', 'Z'), location: 'Wijkcentrum',
    });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };

  it('names the team\'s staff, the JIM and the young person, nobody else', async () => {
    const items = await circle();
    for (const item of items) {
      assert.deepEqual(Object.keys(item).sort(), ['display_name', 'id', 'role'], JSON.stringify(item));
    }
    const ids = items.map((i) => i.id).sort((a, b) => a - b);
    const expected = [w.pA.id, w.tA.id, colleague.id, y.jim.id, self.id].sort((a, b) => a - b);
    assert.deepEqual(ids, expected, JSON.stringify(items));
    const byId = new Map(items.map((i) => [i.id, i]));
    assert.equal(byId.get(y.jim.id).display_name, 'Oom Kees');
    assert.equal(byId.get(y.jim.id).role, 'jim');
    assert.equal(byId.get(colleague.id).display_name, 'Chris Collega');
    assert.equal(byId.get(self.id).role, 'youth');
    for (const stranger of [w.pB, w.tB, w.po, w.rs, other.jim]) {
      assert.ok(!byId.has(stranger.id), `${stranger.username} is not of Noor's circle`);
    }
  });

  it('is exactly what a meeting takes as a participant', async () => {
    const m = await meeting();
    const already = new Set(m.participants.map((p) => p.user_id));
    assert.ok(already.has(w.pA.id), 'the one who plans it takes part');
    for (const item of (await circle()).filter((i) => !already.has(i.id))) {
      const r = await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: item.id });
      assert.equal(r.status, 201, `${item.display_name}: ${r.status} ${r.text}`);
      assert.equal(r.json.name, item.display_name);
    }
    for (const stranger of [w.pB, other.jim]) {
      assertError(await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: stranger.id }), 422, 'validation_failed', 'user_id');
    }
  });

  it('leaves out a disabled account and a JIM who stopped', async () => {
    const d = await c.post(w.admin, `/users/${colleague.id}/disable`, {});
    assert.equal(d.status, 200, d.text);
    const end = await c.post(w.pA, `/jims/${other.jimId}/end`, { reason: 'dropped_out' });
    assert.equal(end.status, 200, end.text);
    assert.ok(!(await circle()).some((i) => i.id === colleague.id), 'the disabled colleague is gone');
    assert.ok(!(await circle(w.pA, other.youth.id)).some((i) => i.id === other.jim.id), 'the JIM who stopped is gone');
    assert.ok((await circle(w.pA, other.youth.id)).some((i) => i.id === w.pA.id), 'the team is still there');
  });

  it('refuses another team (404), the JIM and the young person (403), and an unknown young person (404)', async () => {
    assertError(await c.get(w.pB, `/youths/${y.youth.id}/circle`), 404, 'not_found');
    assertError(await c.get(y.jim, `/youths/${y.youth.id}/circle`), 403, 'forbidden');
    assertError(await c.get(self, `/youths/${y.youth.id}/circle`), 403, 'forbidden');
    assertError(await c.get(w.pA, '/youths/999999999/circle'), 404, 'not_found');
  });

  it('audits the read in the young person\'s access log', async () => {
    await circle(w.tA);
    const log = await c.get(self, `/youths/${y.youth.id}/access-log`);
    assert.equal(log.status, 200, log.text);
    assert.ok(log.json.items.some((e) => e.part === 'circle' && e.action === 'read' && e.user && e.user.id === w.tA.id),
      JSON.stringify(log.json.items.slice(0, 5)));
  });
});
