// GET /api/v1/alerts answers at most 500 alerts, the newest first, and says
// with `more` whether older ones were left out (docs/api-jim-support.md);
// `next` is then the cursor of the page after it (`before=<next>`), paged by
// keyset on the alert id: the older page holds exactly the rest, also when
// alerts are raised between the two requests, with the same filters, and
// never another team's alerts. A bad cursor is a 400 that changes nothing.
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

describe('the alerts list: at most 500, whether there are more, and the next page', { timeout: 300000 }, () => {
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
    assert.deepEqual(Object.keys(r.json).sort(), ['items', 'more', 'next'], r.text.slice(0, 200));
    assert.ok(Array.isArray(r.json.items));
    assert.equal(typeof r.json.more, 'boolean');
    if (r.json.more) assert.match(r.json.next, /^[1-9][0-9]*$/, 'more: next is the cursor of the next page');
    else assert.equal(r.json.next, null, 'no more: no next page');
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
    assert.deepEqual(other.json, { items: [], more: false, next: null }, 'another team sees none of them');
  });

  // team A's alert ids in the database, newest first (those the tA sees: tA is only in team A)
  const teamAlertIds = (where = '') => dbQuery(w.server.db,
    `SELECT al.id FROM alerts al JOIN youths y ON y.id = al.youth_id WHERE y.team_id = ${w.teamA.id} ${where} ORDER BY al.id DESC;`)
    .split('\n').map((s) => s.trim()).filter(Boolean).map(Number);
  const noDuplicates = (items, what) => assert.equal(new Set(ids(items)).size, items.length, `${what}: no alert twice`);
  let other; // team B's JIM

  it('the next page holds exactly the rest, also when alerts are raised between the pages', async () => {
    // 4 more check-ins that raise two alerts each: 509 in all, one of them acknowledged
    await checkins(busy, 4, { wellbeing: 1, burden: 3, continue: 'no' });
    const all = teamAlertIds();
    assert.equal(all.length, CAP + 9);
    const p1 = await list(`?team_id=${w.teamA.id}&state=all`);
    assert.equal(p1.items.length, CAP);
    assert.equal(p1.more, true);
    assert.equal(p1.next, String(p1.items[CAP - 1].id), 'the cursor is the last alert answered');
    assert.deepEqual(ids(p1.items), all.slice(0, CAP));

    // Between the two pages: a new alert in team A and one in team B.
    await checkin(busy, { wellbeing: 1, burden: 3, continue: 'no' });
    other = await youthWithJim(w.base, w.pB, w.teamB.id, { name: 'Jim Ander', started_on: today });
    const r = await c.post(other.jim, `/jims/${other.jimId}/checkins`, { wellbeing: 1, burden: 3, continue: 'yes' });
    assert.equal(r.status, 201, r.text);
    assert.equal(teamAlertIds().length, CAP + 11, 'two new alerts in team A');

    const p2 = await list(`?team_id=${w.teamA.id}&state=all&before=${p1.next}`);
    assert.deepEqual(ids(p2.items), all.slice(CAP), 'exactly the 9 older ones: the new alerts do not shift the page');
    assert.equal(p2.more, false);
    newestFirst(p2.items, 'page 2');
    const both = [...p1.items, ...p2.items];
    noDuplicates(both, 'pages 1 and 2');
    assert.deepEqual(ids(both), all, 'none missing');
    assert.equal(p2.items.at(-1).jim_id, first.jimId, 'the oldest alert is last');
    assert.ok(p2.audited.has(first.youth.id) && p2.audited.has(busy.youth.id), `page 2 audits whom it shows: ${[...p2.audited]}`);
    assert.ok(!p2.audited.has(other.youth.id));

    // Without team_id: the caller's teams, the same pages.
    const again = await list(`?state=all&before=${p1.next}`);
    assert.deepEqual(ids(again.items), ids(p2.items));
    // A cursor past the oldest alert: an empty page.
    const none = await list(`?state=all&before=${all[all.length - 1]}`);
    assert.deepEqual(none.items, []);
    assert.equal(none.more, false);
  });

  it('the next page keeps the filters: state, team, and never another team\'s alerts', async () => {
    const open = teamAlertIds('AND al.acknowledged_at IS NULL');
    assert.equal(open.length, CAP + 10, 'all but the first JIM\'s alert are open');
    const o1 = await list(`?team_id=${w.teamA.id}`);
    assert.deepEqual(ids(o1.items), open.slice(0, CAP));
    assert.equal(o1.more, true);
    const o2 = await list(`?team_id=${w.teamA.id}&state=open&before=${o1.next}`);
    assert.deepEqual(ids(o2.items), open.slice(CAP), 'the 10 older open ones');
    assert.ok(o2.items.every((a) => a.acknowledged_at === null));
    assert.ok(!o2.items.some((a) => a.jim_id === first.jimId), 'not the acknowledged one');
    assert.equal(o2.more, false);

    const a2 = await list(`?team_id=${w.teamA.id}&state=acknowledged&before=${o1.next}`);
    assert.deepEqual(ids(a2.items), [all500[CAP - 1].id], 'only the acknowledged one below the cursor');

    // team B's alert is newer than every team A alert of page 1: a cursor
    // above it still answers team A only, to team A's teamlead.
    const bIds = dbQuery(w.server.db, `SELECT al.id FROM alerts al JOIN youths y ON y.id = al.youth_id WHERE y.team_id = ${w.teamB.id} ORDER BY al.id DESC;`)
      .split('\n').map((s) => s.trim()).filter(Boolean).map(Number);
    assert.equal(bIds.length, 1, 'team B has one alert');
    const above = String(bIds[0] + 1);
    const mine = await list(`?state=all&before=${above}`);
    assert.ok(!mine.items.some((a) => a.youth_id === other.youth.id || a.jim_id === other.jimId), 'no team B alert');
    assert.deepEqual(ids(mine.items), teamAlertIds(`AND al.id < ${above}`).slice(0, CAP));
    assert.ok(!mine.audited.has(other.youth.id));
    const theirs = await c.get(w.tB, `/alerts?state=all&before=${above}`);
    assert.equal(theirs.status, 200, theirs.text);
    assert.deepEqual(ids(theirs.json.items), bIds, 'team B sees only its own alert');
    assert.equal(theirs.json.next, null);
    const notMine = await c.get(w.tA, `/alerts?team_id=${w.teamB.id}&state=all&before=${above}`);
    assert.equal(notMine.status, 422, notMine.text);
  });

  it('a bad cursor is a 422 on before, as any id in a query string, and changes nothing', async () => {
    const count = () => dbQuery(w.server.db,
      "SELECT count(*) || '/' || coalesce(max(id), 0) || '/' || count(acknowledged_at) FROM alerts;").trim();
    const before = count();
    const since = lastAudit();
    // as they stand in the query string
    const bad = ['abc', '-1', '-500', '0', '00', '1.5', '1e3', '%2B1', '+1', '%201', '1%20', '0x10', '1,2', 'null',
      '12abc', '99999999999999999999', '9223372036854775807', '9223372036854775808', '18446744073709551616',
      '1'.repeat(300), '%C3%A9', '%00', '1%002'];
    for (const v of bad) {
      const r = await c.get(w.tA, `/alerts?state=all&before=${v}`);
      assert.equal(r.status, 422, `before=${v}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(r.json && r.json.error && typeof r.json.error.message === 'string', `the JSON error object: ${r.text}`);
      assert.equal(r.json.error.code, 'validation_failed');
      assert.equal(r.json.error.field, 'before', 'the cursor is at fault');
      assert.equal(r.json.items, undefined);
    }
    assert.equal(count(), before, 'no alert raised, acknowledged or removed');
    assert.deepEqual([...auditedYouths(since)], [], 'no young person read');
  });
});
