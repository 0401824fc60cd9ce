// Entries on days an expense statement covers are settled: once a statement
// is submitted (a frozen snapshot) or approved (paid out), no activity or
// cost on its days may be added, changed, moved in or out, or removed, by
// the JIM or the team (409 `settled`), so nothing is paid twice and the
// statement keeps agreeing with the entries. Rejecting a submitted statement
// opens its days again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim } from './dossier-fixture.mjs';

describe('settled expense periods', () => {
  let w;
  let c;
  let j;
  const today = todayAmsterdam();
  const started = addDays(today, -60);
  const inPeriod = addDays(today, -30);
  const periodFrom = addDays(today, -35);
  const periodTo = addDays(today, -25);
  const later = addDays(today, -10);
  let settled; // an activity inside the statement's period
  let free; // an activity after it
  let statement;

  const activity = async (who, body) => {
    const r = await c.post(who, `/jims/${j.jimId}/activities`, body);
    assert.equal(r.status, 201, `activity ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const unchanged = async (a) => {
    const r = await c.get(j.jim, `/jims/${j.jimId}/activities?from=${started}&to=${today}`);
    assert.equal(r.status, 200, r.text);
    const now = r.json.items.find((x) => x.id === a.id);
    assert.ok(now, `activity ${a.id} still there`);
    assert.deepEqual({ date: now.date, minutes: now.minutes, km: now.km }, { date: a.date, minutes: a.minutes, km: a.km });
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    j = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', started_on: started });
    settled = await activity(j.jim, { date: inPeriod, minutes: 300, km: 500, kind: 'travel' });
    free = await activity(j.jim, { date: later, minutes: 60, km: 10, kind: 'travel' });
    const s = await c.post(j.jim, `/jims/${j.jimId}/statements`, { from: periodFrom, to: periodTo });
    assert.equal(s.status, 201, s.text);
    statement = s.json;
    assert.equal(statement.km, 500);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('a submitted statement settles its days: no change, move, removal or new entry (409), by the JIM or the team', async () => {
    assertError(await c.patch(j.jim, `/activities/${settled.id}`, { minutes: 30 }), 409, 'settled');
    assertError(await c.patch(j.jim, `/activities/${settled.id}`, { date: later }), 409, 'settled');
    assertError(await c.del(j.jim, `/activities/${settled.id}`), 409, 'settled');
    assertError(await c.patch(w.pA, `/activities/${settled.id}`, { km: 5 }), 409, 'settled');
    assertError(await c.del(w.pA, `/activities/${settled.id}`), 409, 'settled');
    assertError(await c.patch(j.jim, `/activities/${free.id}`, { date: inPeriod }), 409, 'settled');
    assertError(await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: periodTo, minutes: 10, kind: 'phone' }), 409, 'settled');
    assertError(await c.post(j.jim, `/jims/${j.jimId}/costs`, { date: periodFrom, amount_cents: 450, description: 'Bus' }), 409, 'settled');
    await unchanged(settled);
    await unchanged(free);
    const list = await c.get(j.jim, `/jims/${j.jimId}/activities?from=${periodFrom}&to=${periodTo}`);
    assert.deepEqual(list.json.items.map((x) => x.id), [settled.id]);
    // the list says so, for the app to offer no change on those days
    const all = await c.get(j.jim, `/jims/${j.jimId}/activities`);
    assert.deepEqual(all.json.items.map((x) => [x.id, x.settled]).sort(), [[settled.id, true], [free.id, false]].sort());
    assert.equal((await c.get(w.pA, `/jims/${j.jimId}/activities`)).json.items.find((x) => x.id === settled.id).settled, true);
  });

  it('days outside the statement stay open', async () => {
    const r = await c.patch(j.jim, `/activities/${free.id}`, { minutes: 75, date: addDays(periodTo, 1) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.date, addDays(periodTo, 1));
    const back = await c.patch(j.jim, `/activities/${free.id}`, { date: later });
    assert.equal(back.status, 200, back.text);
    free = back.json;
  });

  it('rejecting the statement opens its days again', async () => {
    const rej = await c.post(w.pA, `/statements/${statement.id}/reject`, { note: 'Periode klopt niet' });
    assert.equal(rej.status, 200, rej.text);
    const r = await c.patch(j.jim, `/activities/${settled.id}`, { minutes: 240 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.settled, false);
    settled = r.json;
  });

  it('an approved statement is paid out: its kilometres cannot be moved into a later statement', async () => {
    const s = await c.post(j.jim, `/jims/${j.jimId}/statements`, { from: periodFrom, to: periodTo });
    assert.equal(s.status, 201, s.text);
    const ok = await c.post(w.pA, `/statements/${s.json.id}/approve`, {});
    assert.equal(ok.status, 200, ok.text);
    assertError(await c.patch(j.jim, `/activities/${settled.id}`, { date: later }), 409, 'settled');
    assertError(await c.patch(w.pA, `/activities/${settled.id}`, { date: later }), 409, 'settled');
    const next = await c.post(j.jim, `/jims/${j.jimId}/statements`, { from: addDays(periodTo, 1), to: today });
    assert.equal(next.status, 201, next.text);
    assert.equal(next.json.km, free.km, 'the later statement holds only the later activity');
    await unchanged(settled);
  });

  it('statements and entries made at the same moment agree: each statement holds exactly the entries on its days', async () => {
    const j2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Truus', started_on: addDays(today, -80) });
    const days = Array.from({ length: 12 }, (_, i) => addDays(today, -70 + i));
    const made = await Promise.all(
      days.map((d) => Promise.all([
        c.post(j2.jim, `/jims/${j2.jimId}/activities`, { date: d, minutes: 30, km: 7, kind: 'travel' }),
        c.post(w.pA, `/jims/${j2.jimId}/statements`, { from: d, to: d }),
        c.post(j2.jim, `/jims/${j2.jimId}/activities`, { date: d, minutes: 10, km: 3, kind: 'travel' }),
      ])),
    );
    // A statement that came before both entries of its day had nothing to claim (422).
    const statuses = made.map(([, st]) => st.status);
    for (const [a1, st, a2] of made) {
      assert.ok(st.status === 201 || (st.status === 422 && st.json.error.code === 'empty_period'), st.text);
      if (st.status === 422) assert.deepEqual([a1.status, a2.status], [201, 201], 'an empty period was not settled');
    }
    const acts = (await c.get(j2.jim, `/jims/${j2.jimId}/activities?from=${days[0]}&to=${days[days.length - 1]}`)).json.items;
    const stmts = (await c.get(j2.jim, `/jims/${j2.jimId}/statements`)).json.items;
    assert.equal(stmts.length, statuses.filter((x) => x === 201).length, 'one statement per day that had entries');
    assert.ok(stmts.length > 0, 'some statements came after an entry');
    for (const st of stmts) {
      const km = acts.filter((a) => a.date === st.from).reduce((sum, a) => sum + a.km, 0);
      assert.equal(st.km, km, `statement of ${st.from}: ${st.km} km, entries on that day: ${km} km`);
    }
  });
});
