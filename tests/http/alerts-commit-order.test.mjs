// GET /api/v1/alerts pages by keyset on the alert id, newest first
// (`before=<next>`), and so passes over each id once: an alert must not
// commit after a newer one (a higher id) was answered, or a client paging
// down would never see it. On PostgreSQL two transactions can take ids from
// the sequence in one order and commit in the other; kring gives out the ids
// of new alerts one transaction at a time (src/api/jim_support.c), so they
// follow commit order. Here a JIM's check-in is held up after its alert took
// an id (another connection holds the young person's row, which the alert
// refers to) while a second JIM checks in and the team lead lists the
// alerts: whatever that list left out is, once all is committed, newer than
// every alert it answered. SQLite has one writer, so ids follow commit order
// there anyway.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE, dbQuery, sleep, whileHeldInPg } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, youthWithJim } from './dossier-fixture.mjs';

const LOW = { wellbeing: 1, burden: 3, continue: 'yes' }; // raises one alert: wellbeing_low

describe('alert ids follow commit order, so paging skips none', { timeout: 120000 }, () => {
  let w;
  let c;
  let first; // the JIM whose check-in is held up
  let second; // the JIM who checks in meanwhile
  const today = todayAmsterdam();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    first = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Jim Eerst', started_on: today });
    second = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Jim Later', started_on: today });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const list = async () => {
    const r = await c.get(w.tA, `/alerts?team_id=${w.teamA.id}&state=all`);
    assert.equal(r.status, 200, `alerts: ${r.status} ${r.text}`);
    assert.equal(r.json.more, false);
    return r.json.items.map((a) => a.id);
  };
  // connections of this database that wait for a lock (a row, an advisory lock)
  const waiting = () => Number(dbQuery(w.server.db,
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';").trim());
  const until = async (what, ok) => {
    for (let i = 0; !ok(); i++) {
      assert.ok(i < 150, what);
      await sleep(20);
    }
  };

  it('an alert held up before its commit is not passed over by a list of newer ones (PostgreSQL)',
    { skip: ENGINE !== 'postgresql' && 'SQLite has one writer' }, async () => {
      const r0 = await c.post(second.jim, `/jims/${second.jimId}/checkins`, LOW);
      assert.equal(r0.status, 201, r0.text);
      let held;
      let meanwhile;
      let listed;
      await whileHeldInPg(w.server.db, `SELECT id FROM youths WHERE id = ${Number(first.youth.id)} FOR UPDATE`, async () => {
        held = c.post(first.jim, `/jims/${first.jimId}/checkins`, LOW);
        await until('the first check-in waits for the young person\'s row', () => waiting() >= 1);
        // The second check-in is answered, or waits for the first to commit.
        let answered = false;
        meanwhile = c.post(second.jim, `/jims/${second.jimId}/checkins`, LOW).then((r) => {
          answered = true;
          return r;
        });
        await until('the second check-in is answered or waits', () => answered || waiting() >= 2);
        listed = await list();
      });
      const [r1, r2] = await Promise.all([held, meanwhile]);
      assert.equal(r1.status, 201, r1.text);
      assert.equal(r2.status, 201, r2.text);
      assert.ok(listed.length >= 1, 'the alert of the check-in before');
      const top = Math.max(...listed);
      const now = await list();
      assert.equal(now.length, 3, 'three check-ins, three alerts');
      for (const id of now) {
        if (!listed.includes(id)) assert.ok(id > top, `alert ${id}, left out of the list, is newer than all it answered (${listed})`);
      }
    });
});
