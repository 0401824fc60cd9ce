// The corrections of a person of the network, readable by the team
// (GET /api/v1/network-members/{id}/changes): every changed field with its
// old and new value, the reason, who (by name) and when, newest first, and
// the removal (when, by whom, why) once the person is taken out. The access rules and the audit
// of reading the dossier's network: another team's member answers the
// policy's 404 and is audited denied; the read is a dossier access.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, createUser } from './harness.mjs';
import { setupDossierWorld, client, createYouth, addNetwork, signIn } from './dossier-fixture.mjs';

describe('dossier: the corrections of a network member', () => {
  let w;
  let c;
  let y;
  let other; // a dossier of team B
  let colleague; // a second professional of team A

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Geschiedenis', family_name: 'Toets' });
    other = await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Ander', family_name: 'Team' });
    colleague = await signIn(w.base, await createUser(w.server, w.admin.token, {
      username: `pa2.${process.pid}.${Date.now()}`,
      role: 'professional',
      display_name: 'Carla Collega',
      organisation_id: w.org.id,
      team_ids: [w.teamA.id],
    }));
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const changesOf = async (id, who = w.pA) => {
    const r = await c.get(who, `/network-members/${id}/changes`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const audit = async (youthId) => {
    const r = await c.get(w.po, `/api/v1/audit?youth_id=${youthId}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const strip = (x) => ({ ...x, changed_at: undefined });
  const GONE = { reason: 'Het contact met haar is gestopt' };

  it('a member never corrected: no items, not removed', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Oom Bert', relation: 'oom' });
    assert.deepEqual(await changesOf(m.id), { items: [], removed: null });
  });

  it('two corrections and a removal: each changed field, newest first, who by name, then the removal', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Els', relation: 'tante', has_custody: false });
    const first = await c.patch(w.pA, `/network-members/${m.id}`, { relation: 'oma', change_reason: 'Zij is de oma, niet de tante' });
    assert.equal(first.status, 200, first.text);
    const second = await c.patch(colleague, `/network-members/${m.id}`,
      { name: 'Els de Boer', contact: '06-11112222', has_custody: true, change_reason: 'Gegevens van de rechtbank' });
    assert.equal(second.status, 200, second.text);

    const before = await changesOf(m.id);
    assert.equal(before.removed, null);
    const pA = { id: w.pA.id, display_name: 'Anna Professional' };
    const cc = { id: colleague.id, display_name: 'Carla Collega' };
    assert.deepEqual(before.items.map(strip), [
      { field: 'has_custody', old_value: 'false', new_value: 'true', reason: 'Gegevens van de rechtbank', changed_by: cc, changed_at: undefined },
      { field: 'contact', old_value: null, new_value: '06-11112222', reason: 'Gegevens van de rechtbank', changed_by: cc, changed_at: undefined },
      { field: 'name', old_value: 'Els', new_value: 'Els de Boer', reason: 'Gegevens van de rechtbank', changed_by: cc, changed_at: undefined },
      { field: 'relation', old_value: 'tante', new_value: 'oma', reason: 'Zij is de oma, niet de tante', changed_by: pA, changed_at: undefined },
    ]);
    for (const x of before.items) assert.match(x.changed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const at = before.items.map((x) => x.changed_at);
    assert.deepEqual([...at].sort().reverse(), at, 'newest first');

    // The team lead of the team reads it too.
    assert.deepEqual(await changesOf(m.id, w.tA), before);

    const gone = await c.del(colleague, `/network-members/${m.id}`, GONE);
    assert.equal(gone.status, 204, gone.text);
    const after = await changesOf(m.id);
    assert.deepEqual(after.items, before.items, 'the corrections stay readable after the removal');
    assert.deepEqual(after.removed.by, cc);
    assert.equal(after.removed.reason, 'Het contact met haar is gestopt', 'the removal says why');
    assert.match(after.removed.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(after.removed.at >= at[0], 'removed after the last correction');
    // Removed, the person still cannot be corrected or removed again.
    assertError(await c.patch(w.pA, `/network-members/${m.id}`, { name: 'Terug', change_reason: 'x' }), 404, 'not_found');
    assertError(await c.del(w.pA, `/network-members/${m.id}`, GONE), 404, 'not_found');
  });

  it('another team\'s member, or an unknown one: the policy\'s 404, the same answer, audited denied', async () => {
    const theirs = await addNetwork(w.base, w.pB, other.id, { name: 'Moeder Sanne', relation: 'moeder' });
    assert.equal((await c.patch(w.pB, `/network-members/${theirs.id}`, { relation: 'stiefmoeder', change_reason: 'Stiefmoeder' })).status, 200);
    const r = await c.get(w.pA, `/network-members/${theirs.id}/changes`);
    assertError(r, 404, 'not_found');
    const unknown = await c.get(w.pA, '/network-members/999999999/changes');
    assertError(unknown, 404, 'not_found');
    assert.deepEqual(r.json, unknown.json, 'the same answer for an unknown id and another team\'s member');
    assertError(await c.get(w.tA, `/network-members/${theirs.id}/changes`), 404, 'not_found');
    // Their own team reads it.
    assert.equal((await changesOf(theirs.id, w.pB)).items.length, 1);
    const denied = (await audit(other.id)).filter((e) => e.user_id === w.pA.id && e.object_type === 'network' &&
      e.object_id === String(theirs.id) && e.action === 'read');
    assert.deepEqual(denied.map((e) => e.outcome), ['denied'], 'the refusal is audited as denied, with their young person');
    // Roles that do not see the network at all; no session.
    assertError(await c.get(w.rs, `/network-members/${theirs.id}/changes`), 403, 'forbidden');
    assertError(await c.get(w.po, `/network-members/${theirs.id}/changes`), 403, 'forbidden');
    assertError(await c.get(null, `/network-members/${theirs.id}/changes`), 401);
  });

  it('a malformed or impossible id: 404 not_found as JSON, where a real one answers', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Broer Tim', relation: 'broer' });
    assert.deepEqual(await changesOf(m.id), { items: [], removed: null });
    for (const id of ['0', '-1', 'x', 'abc', '1.5', '99999999999999999999999', '9223372036854775808']) {
      const r = await c.get(w.pA, `/network-members/${id}/changes`);
      assertError(r, 404, 'not_found');
      assert.match(r.headers.get('content-type'), /^application\/json/, id);
    }
  });

  it('the read is audited as an access to the dossier\'s network, with the member and the basis', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Opa Wim', relation: 'opa' });
    const mark = new Date().toISOString();
    await changesOf(m.id, w.tA);
    const mine = (await audit(y.id)).filter((e) => e.user_id === w.tA.id && e.at >= mark);
    assert.deepEqual(mine.map((e) => [e.action, e.object_type, e.object_id, e.outcome, e.basis, e.youth_id]),
      [['read', 'network', String(m.id), 'success', 'team', y.id]]);
  });
});
