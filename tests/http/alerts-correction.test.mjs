// A corrected activity reruns the alert rules (docs/api-jim-support.md,
// "Corrections"): a PATCH or DELETE of an activity closes an open load_high
// or inactive alert that it makes untrue, in the corrector's name, without a
// note, answered as resolution "corrected" (never deleted), and raises what
// now holds, in the same transaction. An alert a person handled stays as it
// was; one that still holds stays open; a refused change changes nothing.
// Runs on SQLite, and on PostgreSQL under scripts/pg-test.sh.
// Without this a wrongly entered 22 hours raised "Veel uren", and bringing it
// back to 1 hour left the alert open for ever; removing the only recent
// activity raised nothing until someone listed the alerts.
// The stored rows are read before any list of alerts: listing runs the rules
// for the whole team, which would hide whether the correction itself did.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, dbQuery } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim } from './dossier-fixture.mjs';

describe('alerts after a corrected activity', () => {
  let w;
  let c;
  const today = todayAmsterdam();
  let n = 0;
  const newJim = (started_on) =>
    youthWithJim(w.base, w.pA, w.teamA.id, { name: `Jim ${'abcdefghijklmnopqrstuvwxyz'[n++ % 26]} Correctie`, started_on });
  const log = async (j, date, minutes, who = j.jim) => {
    const r = await c.post(who, `/jims/${j.jimId}/activities`, { date, minutes, kind: 'contact' });
    assert.equal(r.status, 201, `activity ${date} ${minutes}: ${r.status} ${r.text}`);
    return r.json;
  };
  const patch = async (who, a, body) => {
    const r = await c.patch(who, `/activities/${a.id}`, body);
    assert.equal(r.status, 200, `PATCH ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const remove = async (who, a) => {
    const r = await c.del(who, `/activities/${a.id}`);
    assert.equal(r.status, 204, `DELETE: ${r.status} ${r.text}`);
  };
  // 22 hours this week and last week: two heavy weeks of the last three.
  const heavy = async (j) => {
    const made = [];
    for (const d of [today, addDays(today, -7)]) for (const m of [660, 660]) made.push(await log(j, d, m));
    return made;
  };
  // The stored alerts of one kind of a JIM, with who closed them, straight from the database.
  const stored = (j, kind) =>
    dbQuery(w.server.db, `SELECT al.id, CASE WHEN al.acknowledged_at IS NULL THEN 'open' ELSE 'closed' END, `
      + `coalesce(u.username, '-'), coalesce(al.note, '-'), coalesce(al.resolution, '-') FROM alerts al LEFT JOIN users u ON u.id = al.acknowledged_by `
      + `WHERE al.jim_id = ${Number(j.jimId)} AND al.kind = '${kind}' ORDER BY al.id;`)
      .split('\n').map((l) => l.trim()).filter(Boolean)
      .map((l) => { const [id, state, by, note, resolution] = l.split('|'); return { id: Number(id), state, by, note, resolution }; });
  const listed = async (id) => {
    const r = await c.get(w.pA, `/alerts?team_id=${w.teamA.id}&state=all`);
    assert.equal(r.status, 200, r.text);
    const a = r.json.items.find((x) => x.id === id);
    assert.ok(a, `alert ${id} listed`);
    return a;
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('load_high closes as corrected when a PATCH brings the hours down, in the corrector\'s name', async () => {
    const j = await newJim(addDays(today, -10));
    const [a] = await heavy(j);
    const [raised] = stored(j, 'load_high');
    assert.equal(raised.state, 'open', 'raised by the heavy weeks');
    await patch(w.pA, a, { minutes: 60 });
    assert.deepEqual(stored(j, 'load_high'), [{ id: raised.id, state: 'closed', by: w.pA.username, note: '-', resolution: 'corrected' }],
      'closed (not deleted), by the professional who corrected, without a note');
    const shown = await listed(raised.id);
    assert.equal(shown.resolution, 'corrected');
    assert.equal(shown.note, null);
    assert.equal(shown.acknowledged_by.display_name, 'Anna Professional');
    assert.ok(shown.acknowledged_at, 'acknowledged_at is when it was closed');
    const open = await c.get(w.pA, `/alerts?team_id=${w.teamA.id}&state=open`);
    assert.ok(!open.json.items.some((x) => x.id === raised.id), 'no longer in the open list');
  });

  it('the JIM correcting their own entry closes it in their name', async () => {
    const j = await newJim(addDays(today, -10));
    const [a] = await heavy(j);
    await patch(j.jim, a, { minutes: 30 });
    const [closed] = stored(j, 'load_high');
    assert.deepEqual({ state: closed.state, by: closed.by }, { state: 'closed', by: j.jim.username });
  });

  it('load_high closes as corrected after a DELETE', async () => {
    const j = await newJim(addDays(today, -10));
    const made = await heavy(j);
    await remove(w.pA, made[3]);
    const [closed] = stored(j, 'load_high');
    assert.deepEqual({ state: closed.state, by: closed.by, note: closed.note, resolution: closed.resolution },
      { state: 'closed', by: w.pA.username, note: '-', resolution: 'corrected' });
    assert.equal((await listed(closed.id)).resolution, 'corrected');
  });

  it('an alert a person handled is left as it was', async () => {
    const j = await newJim(addDays(today, -10));
    const [a] = await heavy(j);
    const [raised] = stored(j, 'load_high');
    const ack = await c.post(w.tA, `/alerts/${raised.id}/acknowledge`, { note: 'Gebeld, uren waren fout.' });
    assert.equal(ack.status, 200, ack.text);
    const before = dbQuery(w.server.db, `SELECT acknowledged_by, acknowledged_at, note, resolution FROM alerts WHERE id = ${raised.id};`);
    assert.match(before, /\|acknowledged$/m, 'stored as acknowledged by a person');
    await patch(w.pA, a, { minutes: 60 });
    assert.equal(dbQuery(w.server.db, `SELECT acknowledged_by, acknowledged_at, note, resolution FROM alerts WHERE id = ${raised.id};`), before);
    const shown = await listed(raised.id);
    assert.equal(shown.resolution, 'acknowledged');
    assert.equal(shown.note, 'Gebeld, uren waren fout.');
    assert.equal(shown.acknowledged_by.display_name, 'Ties Teamlead');
  });

  it('a correction that keeps the hours too high keeps it open; the one that brings them down closes it', async () => {
    const j = await newJim(addDays(today, -10));
    const [a, b] = await heavy(j);
    await patch(w.pA, a, { minutes: 600 }); // 21 h this week: still more than 20
    const [raised] = stored(j, 'load_high');
    assert.equal(raised.state, 'open', 'still more than 20 hours in two weeks');
    assert.equal((await listed(raised.id)).resolution, null);
    await patch(w.pA, b, { date: addDays(today, -14) }); // this week 10 h, two weeks ago 11 h
    assert.deepEqual(stored(j, 'load_high').map((x) => [x.state, x.by]), [['closed', w.pA.username]],
      'moved out of this week: one week over, closed');
  });

  it('an alert a correction closed is raised anew when the hours go back up, by PATCH or by a new entry', async () => {
    const j = await newJim(addDays(today, -10));
    const [a] = await heavy(j);
    const [raised] = stored(j, 'load_high');
    const createdAt = (id) => dbQuery(w.server.db, `SELECT created_at FROM alerts WHERE id = ${Number(id)};`).trim();
    const first = createdAt(raised.id);
    await patch(j.jim, a, { minutes: 60 });
    assert.equal(stored(j, 'load_high')[0].resolution, 'corrected', 'closed by the JIM\'s own correction');
    await patch(j.jim, a, { minutes: 660 });
    const [again] = stored(j, 'load_high');
    assert.deepEqual(stored(j, 'load_high'), [{ id: again.id, state: 'open', by: '-', note: '-', resolution: '-' }],
      'open again: the JIM cannot silence it for the week by correcting down and back up');
    // A new alert, with a new id: the list is newest first and paged by id, so
    // an alert that came back must come after every one answered before.
    assert.ok(again.id > raised.id, `a new id (${again.id} after ${raised.id})`);
    assert.ok(createdAt(again.id) > first, `raised at the moment it holds again (${createdAt(again.id)} after ${first})`);
    const page = await c.get(w.pA, `/alerts?team_id=${w.teamA.id}&state=open`);
    assert.equal(page.status, 200, page.text);
    const shown = page.json.items.find((x) => x.id === again.id);
    assert.ok(shown, 'on the first page of the open ones');
    assert.deepEqual([shown.resolution, shown.acknowledged_by, shown.acknowledged_at], [null, null, null]);
    await patch(w.pA, a, { minutes: 60 });
    const [closed] = stored(j, 'load_high');
    assert.deepEqual([closed.id, closed.state, closed.resolution], [again.id, 'closed', 'corrected'], 'closed again by the next correction');
    await log(j, today, 600);
    const [third] = stored(j, 'load_high');
    assert.deepEqual(stored(j, 'load_high').map((x) => [x.state, x.resolution]), [['open', '-']],
      'a new entry that makes it hold again raises it too');
    assert.ok(third.id > again.id);
    // One a person acknowledged stays closed when it holds again (stored once per key).
    const ack = await c.post(w.tA, `/alerts/${third.id}/acknowledge`, { note: 'Besproken met de JIM.' });
    assert.equal(ack.status, 200, ack.text);
    await log(j, today, 30);
    assert.deepEqual(stored(j, 'load_high').map((x) => [x.id, x.state, x.resolution]), [[third.id, 'closed', 'acknowledged']]);
  });

  it('a correction that makes the load too high raises load_high at once', async () => {
    const j = await newJim(addDays(today, -10));
    await log(j, today, 660);
    const small = await log(j, today, 60);
    for (const m of [660, 660]) await log(j, addDays(today, -7), m);
    assert.deepEqual(stored(j, 'load_high'), [], '12 h this week: not yet');
    await patch(w.pA, small, { minutes: 600 });
    assert.deepEqual(stored(j, 'load_high').map((x) => x.state), ['open'], 'raised by the PATCH itself');
  });

  it('inactive closes as corrected when the date is put right; deleting the only recent activity raises it', async () => {
    const j = await newJim(addDays(today, -40));
    const wrong = await log(j, addDays(today, -30), 60); // meant for today
    const [quiet] = stored(j, 'inactive');
    assert.equal(quiet.state, 'open', 'no activity for 30 days, as entered');
    await patch(j.jim, wrong, { date: today });
    assert.deepEqual(stored(j, 'inactive'), [{ id: quiet.id, state: 'closed', by: j.jim.username, note: '-', resolution: 'corrected' }]);
    assert.equal((await listed(quiet.id)).resolution, 'corrected');

    const k = await newJim(addDays(today, -40));
    const only = await log(k, today, 60);
    assert.deepEqual(stored(k, 'inactive'), [], 'active today');
    await remove(w.pA, only);
    assert.deepEqual(stored(k, 'inactive').map((x) => x.state), ['open'], 'raised by the DELETE itself');
  });

  it('a refused or invalid PATCH changes nothing; the valid one then closes it', async () => {
    const j = await newJim(addDays(today, -10));
    const [a] = await heavy(j);
    const [raised] = stored(j, 'load_high');
    const state = () => dbQuery(w.server.db, `SELECT al.acknowledged_by, al.acknowledged_at, al.note, ac.minutes, ac.date `
      + `FROM alerts al, jim_activities ac WHERE al.id = ${raised.id} AND ac.id = ${Number(a.id)};`);
    const was = state();
    assertError(await c.patch(w.pA, `/activities/${a.id}`, { minutes: 0 }), 422, 'validation_failed', 'minutes');
    assertError(await c.patch(w.pA, `/activities/${a.id}`, { minutes: 60, date: addDays(today, 1) }), 422, 'validation_failed', 'date');
    const other = await newJim(addDays(today, -10));
    assertError(await c.patch(other.jim, `/activities/${a.id}`, { minutes: 60 }), 404, 'not_found');
    const stale = await api(w.base, 'PATCH', `/api/v1/activities/${a.id}`,
      { token: w.pA.token, body: { minutes: 60 }, headers: { 'If-Match': '"not-the-tag"' } });
    assert.equal(stale.status, 412, stale.text);
    assertError(await c.del(other.jim, `/activities/${a.id}`), 404, 'not_found');
    assert.equal(state(), was, 'the alert and the activity as they were');
    assert.equal(stored(j, 'load_high')[0].state, 'open');
    await patch(w.pA, a, { minutes: 60 });
    assert.equal(stored(j, 'load_high')[0].state, 'closed');
  });
});
