// Regressions for the findings of a security review: who may own a meeting
// action or be a participant, an ended JIM's invitation, consent withdrawn
// in the future, a JIM editing a professional's entry, unknown tokens in the
// audit trail, and listings recorded in each young person's access log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError } from './harness.mjs';
import { setupDossierWorld, client, createYouth, youthWithJim, addDays, TODAY } from './dossier-fixture.mjs';

describe('review fixes', () => {
  let w;
  let c;
  let y;
  let meeting;
  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id);
    const start = new Date(Date.now() + 86400000);
    const m = await c.post(w.pA, `/youths/${y.youth.id}/meetings`, {
      kind: 'network',
      starts_at: start.toISOString().replace(/\.\d+Z$/, 'Z'),
      ends_at: new Date(start.getTime() + 3600000).toISOString().replace(/\.\d+Z$/, 'Z'),
      location: 'Buurthuis',
    });
    assert.equal(m.status, 201, m.text);
    meeting = m.json;
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('only the young person\'s circle can own an action or be a participant (no names of others leak)', async () => {
    for (const who of [w.admin, w.rs, w.pB]) {
      const me = await c.get(who, '/me');
      assert.equal(me.status, 200);
      const outsider = me.json;
      assert.ok(Number.isInteger(outsider.id));
      const own = await c.post(w.pA, `/meetings/${meeting.id}/actions`, { description: 'Bellen', owner_user_id: outsider.id });
      assertError(own, 422, 'validation_failed', 'owner_user_id');
      const part = await c.post(w.pA, `/meetings/${meeting.id}/participants`, { user_id: outsider.id });
      assertError(part, 422, 'validation_failed', 'user_id');
      assert.ok(!part.text.includes(outsider.display_name || '@@'), 'the refusal does not name the user');
    }
    assert.equal((await c.post(w.pA, `/meetings/${meeting.id}/participants`, { user_id: y.jim.id })).status, 201);
    assert.equal((await c.post(w.pA, `/meetings/${meeting.id}/participants`, { user_id: w.tA.id })).status, 201);
  });

  it('an ended JIM cannot switch their account back on with the old invitation', async () => {
    const ended = await c.post(w.pA, `/jims/${y.jimId}/end`, { reason: 'dropped_out' });
    assert.equal(ended.status, 200, ended.text);
    const again = await api(w.base, 'POST', `/api/v1/invitations/${encodeURIComponent(y.activation.invitation.token)}/accept`, {
      body: { password: 'een-nieuw-wachtwoord-2026' },
    });
    assert.equal(again.status, 410, again.text);
    const login = await api(w.base, 'POST', '/api/v1/session', { body: { username: y.jim.username, password: 'een-nieuw-wachtwoord-2026' } });
    assert.equal(login.status, 401);
  });

  it('a consent cannot be withdrawn with a date in the future', async () => {
    const youth = await createYouth(w.base, w.pA, w.teamA.id);
    const given = await c.post(w.pA, `/youths/${youth.id}/consents`, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(given.status, 201, given.text);
    assertError(await c.post(w.pA, `/consents/${given.json.id}/withdraw`, { withdrawn_on: addDays(TODAY(), 30) }), 422, 'validation_failed', 'withdrawn_on');
    assert.equal((await c.post(w.pA, `/consents/${given.json.id}/withdraw`, {})).status, 200, 'withdrawing today still works');
  });

  it('a JIM changes only the entries they made', async () => {
    const other = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els' });
    const byPro = await c.post(w.pA, `/jims/${other.jimId}/activities`, { date: TODAY(), minutes: 30, kind: 'phone' });
    assert.equal(byPro.status, 201, byPro.text);
    assertError(await c.patch(other.jim, `/activities/${byPro.json.id}`, { minutes: 600 }), 403, 'forbidden');
    assertError(await c.del(other.jim, `/activities/${byPro.json.id}`), 403, 'forbidden');
    const own = await c.post(other.jim, `/jims/${other.jimId}/activities`, { date: TODAY(), minutes: 45, kind: 'contact' });
    assert.equal(own.status, 201);
    assert.equal((await c.patch(other.jim, `/activities/${own.json.id}`, { minutes: 50 })).status, 200);
  });

  it('unknown tokens do not write audit events; a search shows up in each young person\'s access log', async () => {
    const before = await c.get(w.po, '/audit?limit=1');
    for (let i = 0; i < 5; i++) {
      await api(w.base, 'GET', `/api/v1/calendar/${'x'.repeat(43)}.ics`);
      await api(w.base, 'POST', `/api/v1/invitations/${'y'.repeat(43)}/accept`, { body: { password: 'iets-van-twaalf' } });
    }
    const afterTokens = await c.get(w.po, '/audit?limit=1');
    // Only the privacy officer's own read of the audit trail was added.
    assert.equal(afterTokens.json.items[0].id, before.json.items[0].id + 1);
    const youth = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Zoë' });
    const search = await c.get(w.tA, `/youths?q=${encodeURIComponent('Zoë')}`);
    assert.equal(search.status, 200);
    assert.ok(search.json.items.some((i) => i.id === youth.id));
    const log = await c.get(w.tA, `/youths/${youth.id}/access-log`);
    assert.ok(log.json.items.some((e) => e.action === 'search' && e.user.id === w.tA.id), 'the search is in the access log');
  });
});
