// GET /api/v1/alerts answers at most 500 alerts, the newest first, and says
// with `more` whether older ones were left out (docs/api-jim-support.md).
// The alerts are real: a check-in with wellbeing 1 and "no" to going on
// raises two (wellbeing_low and wants_to_stop), so 250 check-ins by one JIM
// make 500 and one more makes 501. The very first alert belongs to another
// young person, so the answer without it must not audit a read of them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dbQuery } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, youthWithJim } from './dossier-fixture.mjs';

const CAP = 500;
const BATCH = 10;

describe('the alerts list: at most 500, and whether there are more', { timeout: 300000 }, () => {
  let w;
  let c;
  let first; // the JIM whose single alert is the oldest
  let busy; // the JIM with all the others
  const today = todayAmsterdam();

  const checkin = async (j, body) => {
    const r = await c.post(j.jim, `/jims/${j.jimId}/checkins`, body);
    assert.equal(r.status, 201, `check-in: ${r.status} ${r.text}`);
  };
  // `n` check-ins at once, `BATCH` at a time
  const checkins = async (j, n, body) => {
    for (let done = 0; done < n; done += BATCH)
      await Promise.all(Array.from({ length: Math.min(BATCH, n - done) }, () => checkin(j, body)));
  };
  const lastAudit = () => Number(dbQuery(w.server.db, 'SELECT coalesce(max(id), 0) FROM audit_events;').trim());
  // the young people whose reads the audit log holds for alert lists after event `since`
  const auditedYouths = (since) => new Set(dbQuery(w.server.db,
    `SELECT youth_id FROM audit_events WHERE id > ${since} AND object_type = 'alert' AND youth_id IS NOT NULL;`)
    .split('\n').map((s) => s.trim()).filter(Boolean).map(Number));
  const list = async (q = `?team_id=${w.teamA.id}&state=all`) => {
    const since = lastAudit();
    const r = await c.get(w.tA, `/alerts${q}`);
    assert.equal(r.status, 200, `alerts${q}: ${r.status} ${r.text}`);
    assert.deepEqual(Object.keys(r.json).sort(), ['items', 'more'], r.text.slice(0, 200));
    assert.ok(Array.isArray(r.json.items));
    assert.equal(typeof r.json.more, 'boolean');
    return { ...r.json, audited: auditedYouths(since) };
  };
  const ids = (items) => items.map((a) => a.id);
  const newestFirst = (items, what) => {
    for (let i = 1; i < items.length; i++)
      assert.ok(items[i - 1].id > items[i].id, `${what}: newest first (${items[i - 1].id} before ${items[i].id})`);
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    first = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Jim Eerst', started_on: today });
    busy = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Jim Druk', started_on: today });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('no alerts: an empty list and no more', async () => {
    const l = await list();
    assert.deepEqual(l.items, []);
    assert.equal(l.more, false);
  });

  let all500;
  it('exactly 500 alerts: all of them, newest first, and more is false', async () => {
    await checkin(first, { wellbeing: 1, burden: 3, continue: 'yes' });
    await checkins(busy, (CAP - 2) / 2, { wellbeing: 1, burden: 3, continue: 'no' });
    await checkin(busy, { wellbeing: 1, burden: 3, continue: 'yes' });
    const l = await list();
    assert.equal(l.items.length, CAP);
    assert.equal(l.more, false);
    newestFirst(l.items, '500 alerts');
    const oldest = l.items[CAP - 1];
    assert.equal(oldest.jim_id, first.jimId, 'the oldest alert is the first JIM\'s');
    assert.equal(l.items.filter((a) => a.jim_id === first.jimId).length, 1);
    assert.ok(l.audited.has(first.youth.id) && l.audited.has(busy.youth.id), `both young people read: ${[...l.audited]}`);
    all500 = l.items;
  });

  it('501 alerts: the newest 500, more is true, and the one left out is not audited', async () => {
    await checkin(busy, { wellbeing: 1, burden: 3, continue: 'yes' });
    const l = await list();
    assert.equal(l.items.length, CAP, 'exactly 500 answered');
    assert.equal(l.more, true);
    newestFirst(l.items, '501 alerts');
    assert.ok(l.items[0].id > all500[0].id, 'the new alert comes first');
    assert.equal(l.items[0].jim_id, busy.jimId);
    assert.equal(l.items[0].kind, 'wellbeing_low');
    assert.deepEqual(ids(l.items.slice(1)), ids(all500.slice(0, CAP - 1)), 'then the 499 newest of before');
    assert.ok(!l.items.some((a) => a.jim_id === first.jimId), 'the oldest alert is left out');
    assert.ok(l.audited.has(busy.youth.id), 'the young person whose alerts are answered is audited');
    assert.ok(!l.audited.has(first.youth.id), `the young person whose alert was left out is not: ${[...l.audited]}`);
  });

  it('a filter that leaves 500 or fewer says no more', async () => {
    const open = await list(`?team_id=${w.teamA.id}`);
    assert.equal(open.items.length, CAP);
    assert.equal(open.more, true, 'all 501 are open');
    const acknowledged = await list(`?team_id=${w.teamA.id}&state=acknowledged`);
    assert.deepEqual(acknowledged.items, []);
    assert.equal(acknowledged.more, false);
    const r = await c.post(w.tA, `/alerts/${all500[CAP - 1].id}/acknowledge`, { note: 'Gebeld met de JIM.' });
    assert.equal(r.status, 200, r.text);
    const still = await list(`?team_id=${w.teamA.id}`);
    assert.equal(still.items.length, CAP, 'the 500 open ones');
    assert.equal(still.more, false, 'no open alert left out');
    assert.ok(!still.items.some((a) => a.jim_id === first.jimId));
    const other = await c.get(w.tB, `/alerts?team_id=${w.teamB.id}&state=all`);
    assert.equal(other.status, 200, other.text);
    assert.deepEqual(other.json, { items: [], more: false }, 'another team sees none of them');
  });
});
