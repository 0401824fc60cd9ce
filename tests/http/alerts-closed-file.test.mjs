// Alerts about the JIM of a young person whose trajectory is closed
// (docs/api-jim-support.md): the team no longer works with that JIM, so the
// alerts list (open, acknowledged or all) leaves them out and listing raises
// no new ones for them, while the JIMs of open files are listed as before.
// Without this a closed file's JIM kept "check-in overdue" and "inactive"
// on the team's home page for ever, with no way to make them stop.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim } from './dossier-fixture.mjs';

describe('alerts of a closed file', () => {
  let w;
  let c;
  const today = todayAmsterdam();
  const alerts = async (state) => {
    const r = await c.get(w.pA, `/alerts?team_id=${w.teamA.id}&state=${state}`);
    assert.equal(r.status, 200, `alerts ${state}: ${r.status} ${r.text}`);
    return r.json.items;
  };
  const kindsOf = async (state, j) => (await alerts(state)).filter((a) => a.jim_id === j.jimId).map((a) => a.kind).sort();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('lists a quiet JIM until the file is closed, then no longer', async () => {
    const youthStart = { started_on: addDays(today, -60) };
    const closing = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Closed', started_on: addDays(today, -40), youth: youthStart });
    const open = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Open', started_on: addDays(today, -40), youth: youthStart });
    assert.deepEqual(await kindsOf('open', closing), ['checkin_overdue', 'inactive']);
    // one of the two acknowledged: it is in "acknowledged" and "all" while the file is open
    const ack = (await alerts('open')).find((a) => a.jim_id === closing.jimId && a.kind === 'inactive');
    const r = await c.post(w.pA, `/alerts/${ack.id}/acknowledge`, { note: 'Gebeld, het gaat goed.' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await kindsOf('acknowledged', closing), ['inactive']);

    const closed = await c.patch(w.pA, `/youths/${closing.youth.id}`,
      { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen gehaald' });
    assert.equal(closed.status, 200, closed.text);
    for (const state of ['open', 'acknowledged', 'all']) {
      assert.deepEqual(await kindsOf(state, closing), [], `no ${state} alerts of the closed file`);
    }
    assert.deepEqual(await kindsOf('open', open), ['checkin_overdue', 'inactive'], 'the open file is listed as before');
    assert.deepEqual(await kindsOf('all', open), ['checkin_overdue', 'inactive']);
  });
});
