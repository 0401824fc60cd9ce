// Time and travel of the JIM (docs/api-jim-support.md): logging activities,
// validation with `field`, who may log and correct, and the 14-day lock for
// the JIM (aged by editing the SQLite file, the server has no clock to move).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim, backdate, youthAccount } from './dossier-fixture.mjs';

const ACTIVITY_FIELDS = ['id', 'jim_id', 'date', 'minutes', 'km', 'kind', 'note', 'created_at', 'locked', 'entered_by'];

describe('JIM activities', () => {
  let w;
  let c;
  let j1; // youth + JIM in team A
  let j2; // another youth + JIM in team A
  const today = todayAmsterdam();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    j1 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', started_on: addDays(today, -100) });
    j2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const add = (who, jimId, body) => c.post(who, `/jims/${jimId}/activities`, body);
  const addOk = async (who, jimId, body) => {
    const r = await add(who, jimId, body);
    assert.equal(r.status, 201, `add activity ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const list = async (who, jimId, q = '') => {
    const r = await c.get(who, `/jims/${jimId}/activities${q}`);
    assert.equal(r.status, 200, `list activities: ${r.status} ${r.text}`);
    assert.ok(Array.isArray(r.json.items), r.text);
    return r.json.items;
  };
  const base = () => ({ date: today, minutes: 60, kind: 'contact' });

  describe('validation (422 with field) and nothing stored', () => {
    const bad = [
      ['date in the future', { date: addDays(todayAmsterdam(), 1) }, 'date'],
      ['date 91 days back', { date: addDays(todayAmsterdam(), -91) }, 'date'],
      ['date not a real date', { date: '2026-02-30' }, 'date'],
      ['date not a date', { date: 'gisteren' }, 'date'],
      ['date missing', { date: undefined }, 'date'],
      ['minutes 0', { minutes: 0 }, 'minutes'],
      ['minutes 1441', { minutes: 1441 }, 'minutes'],
      ['minutes 1.5', { minutes: 1.5 }, 'minutes'],
      ['minutes as a string', { minutes: '60' }, 'minutes'],
      ['minutes missing', { minutes: undefined }, 'minutes'],
      ['km -1', { km: -1 }, 'km'],
      ['km 2000.1', { km: 2000.1 }, 'km'],
      ['km 12.55 (two decimals)', { km: 12.55 }, 'km'],
      ['km as a string', { km: '12,5' }, 'km'],
      ['unknown kind', { kind: 'visit' }, 'kind'],
      ['kind missing', { kind: undefined }, 'kind'],
      ['note of 1001 characters', { note: 'x'.repeat(1001) }, 'note'],
    ];
    for (const [what, over, field] of bad) {
      it(`${what} → 422 field ${field}`, async () => {
        const body = { ...base(), ...over };
        for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
        assertError(await add(j1.jim, j1.jimId, body), 422, 'validation_failed', field);
        // a professional's entry is validated the same way
        assertError(await add(w.pA, j1.jimId, body), 422, 'validation_failed', field);
      });
    }

    it('nothing was stored by the refused entries', async () => {
      assert.deepEqual(await list(j1.jim, j1.jimId, `?from=${addDays(today, -100)}&to=${today}`), []);
      assert.deepEqual(await list(w.pA, j1.jimId), []);
    });

    it('the boundaries that are allowed: exactly 90 days back, minutes 1 and 1440, km 0, 12.5 and 2000, note of 1000', async () => {
      const a90 = await addOk(j1.jim, j1.jimId, { ...base(), date: addDays(today, -90) });
      assert.equal(a90.date, addDays(today, -90));
      assert.equal((await addOk(j1.jim, j1.jimId, { ...base(), minutes: 1 })).minutes, 1);
      assert.equal((await addOk(j1.jim, j1.jimId, { ...base(), minutes: 1440 })).minutes, 1440);
      assert.equal((await addOk(j1.jim, j1.jimId, { ...base(), km: 0, kind: 'travel' })).km, 0);
      assert.equal((await addOk(j1.jim, j1.jimId, { ...base(), km: 12.5, kind: 'travel' })).km, 12.5);
      assert.equal((await addOk(j1.jim, j1.jimId, { ...base(), km: 2000, kind: 'travel' })).km, 2000);
      const n = await addOk(j1.jim, j1.jimId, { ...base(), note: 'é'.repeat(1000), kind: 'other' });
      assert.equal(n.note, 'é'.repeat(1000), '1000 characters (not bytes) are allowed');
      const e = await addOk(j1.jim, j1.jimId, { ...base(), note: '😀'.repeat(1000), kind: 'other' });
      assert.equal(e.note, '😀'.repeat(1000), '1000 emoji (4 bytes each) are 1000 characters');
      for (const kind of ['contact', 'phone', 'travel', 'meeting', 'other']) {
        assert.equal((await addOk(j1.jim, j1.jimId, { ...base(), kind })).kind, kind);
      }
      assert.equal((await list(j1.jim, j1.jimId, `?from=${addDays(today, -90)}&to=${today}`)).length, 13);
    });
  });

  describe('the JIM logs for themself', () => {
    let a;
    it('201 with the activity object: entered_by is the JIM, locked false', async () => {
      a = await addOk(j2.jim, j2.jimId, { date: addDays(today, -2), minutes: 90, km: 23.4, kind: 'travel', note: 'Naar school gereden' });
      for (const f of ACTIVITY_FIELDS) assert.ok(f in a, `field ${f} in ${JSON.stringify(a)}`);
      assert.ok(Number.isInteger(a.id));
      assert.equal(a.jim_id, j2.jimId);
      assert.equal(a.date, addDays(today, -2));
      assert.equal(a.minutes, 90);
      assert.equal(a.km, 23.4);
      assert.equal(a.kind, 'travel');
      assert.equal(a.note, 'Naar school gereden');
      assert.match(a.created_at, ISO_UTC);
      assert.equal(a.locked, false);
      assert.equal(a.entered_by.id, j2.jim.id);
      assert.equal(a.entered_by.role, 'jim');
      assert.equal(typeof a.entered_by.display_name, 'string');
    });

    it('km is optional (0 or null when left out)', async () => {
      const b = await addOk(j2.jim, j2.jimId, { date: today, minutes: 15, kind: 'phone' });
      assert.ok(b.km === 0 || b.km === null, `km without km: ${JSON.stringify(b)}`);
    });

    it('the listing is newest first and from/to narrow it (inclusive)', async () => {
      await addOk(j2.jim, j2.jimId, { date: addDays(today, -10), minutes: 30, kind: 'contact' });
      const items = await list(j2.jim, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`);
      assert.equal(items.length, 3);
      const dates = items.map((i) => i.date);
      assert.deepEqual(dates, [...dates].sort().reverse(), `newest first: ${dates}`);
      assert.equal(dates[0], today);
      const narrow = await list(j2.jim, j2.jimId, `?from=${addDays(today, -10)}&to=${addDays(today, -2)}`);
      assert.deepEqual(narrow.map((i) => i.date).sort(), [addDays(today, -10), addDays(today, -2)]);
      const team = await list(w.pA, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`);
      assert.deepEqual(team.map((i) => i.id), items.map((i) => i.id), 'the team sees the same list');
    });

    it('the JIM corrects and deletes a fresh entry', async () => {
      const p = await c.patch(j2.jim, `/activities/${a.id}`, { minutes: 95, note: 'Heen en terug' });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.minutes, 95);
      assert.equal(p.json.note, 'Heen en terug');
      assert.equal(p.json.km, 23.4, 'unchanged fields stay');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { minutes: 0 }), 422, 'validation_failed', 'minutes');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { km: 12.55 }), 422, 'validation_failed', 'km');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { date: addDays(today, 1) }), 422, 'validation_failed', 'date');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { date: addDays(today, -91) }), 422, 'validation_failed', 'date');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { kind: 'visit' }), 422, 'validation_failed', 'kind');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { note: 'x'.repeat(1001) }), 422, 'validation_failed', 'note');
      const after = (await list(j2.jim, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`)).find((i) => i.id === a.id);
      assert.equal(after.minutes, 95, 'a refused PATCH changes nothing');
      assert.equal(after.km, 23.4);
      const d = await c.del(j2.jim, `/activities/${a.id}`);
      assert.equal(d.status, 204, d.text);
      assert.ok(!(await list(j2.jim, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`)).some((i) => i.id === a.id), 'deleted entry gone');
      assertError(await c.patch(j2.jim, `/activities/${a.id}`, { minutes: 5 }), 404, 'not_found');
      assertError(await c.del(j2.jim, `/activities/${a.id}`), 404, 'not_found');
    });
  });

  describe('who may log and correct', () => {
    let a1;
    before(async () => {
      a1 = await addOk(j1.jim, j1.jimId, { date: addDays(today, -1), minutes: 45, kind: 'contact', note: 'Van J1' });
    });

    it('another JIM gets 404 on this JIM\'s routes and entries', async () => {
      assertError(await add(j2.jim, j1.jimId, base()), 404, 'not_found');
      assertError(await c.get(j2.jim, `/jims/${j1.jimId}/activities`), 404, 'not_found');
      assertError(await c.patch(j2.jim, `/activities/${a1.id}`, { minutes: 1 }), 404, 'not_found');
      assertError(await c.del(j2.jim, `/activities/${a1.id}`), 404, 'not_found');
      const mine = (await list(j1.jim, j1.jimId)).find((i) => i.id === a1.id);
      assert.equal(mine.minutes, 45, 'unchanged');
    });

    it('a professional and a teamlead of the team add entries for the JIM (entered_by shows them)', async () => {
      const p = await addOk(w.pA, j1.jimId, { date: today, minutes: 20, kind: 'phone' });
      assert.equal(p.jim_id, j1.jimId);
      assert.equal(p.entered_by.id, w.pA.id);
      assert.equal(p.entered_by.role, 'professional');
      const t = await addOk(w.tA, j1.jimId, { date: today, minutes: 25, kind: 'meeting' });
      assert.equal(t.entered_by.id, w.tA.id);
      assert.equal(t.entered_by.role, 'teamlead');
      const ids = (await list(j1.jim, j1.jimId)).map((i) => i.id);
      assert.ok(ids.includes(p.id) && ids.includes(t.id), 'the JIM sees entries made by the team');
    });

    it('a professional of the team corrects the JIM\'s entry', async () => {
      const r = await c.patch(w.pA, `/activities/${a1.id}`, { minutes: 50 });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.minutes, 50);
    });

    it('a professional or teamlead of another team gets 404', async () => {
      for (const who of [w.pB, w.tB]) {
        assertError(await add(who, j1.jimId, base()), 404, 'not_found');
        assertError(await c.get(who, `/jims/${j1.jimId}/activities`), 404, 'not_found');
        assertError(await c.patch(who, `/activities/${a1.id}`, { minutes: 2 }), 404, 'not_found');
        assertError(await c.del(who, `/activities/${a1.id}`), 404, 'not_found');
      }
    });

    it('admin, researcher, privacy officer and the young person get 403', async () => {
      const youth = await youthAccount(w.base, w.pA, j1.youth.id);
      for (const who of [w.admin, w.rs, w.po, youth]) {
        assertError(await add(who, j1.jimId, base()), 403, 'forbidden');
        assertError(await c.get(who, `/jims/${j1.jimId}/activities`), 403, 'forbidden');
        assertError(await c.patch(who, `/activities/${a1.id}`, { minutes: 3 }), 403, 'forbidden');
        assertError(await c.del(who, `/activities/${a1.id}`), 403, 'forbidden');
      }
      const mine = (await list(j1.jim, j1.jimId)).find((i) => i.id === a1.id);
      assert.equal(mine.minutes, 50);
    });

    it('without a session: 401', async () => {
      assertError(await add(null, j1.jimId, base()), 401, 'not_authenticated');
      assertError(await c.get(null, `/jims/${j1.jimId}/activities`), 401, 'not_authenticated');
    });

    it('a break-the-glass grant opens the dossier, not the JIM\'s own records (contract: the JIM; team) → 404', async () => {
      const bg = await c.post(w.tB, `/youths/${j1.youth.id}/break-glass`, { reason: 'Crisis in het weekend, niemand van team A bereikbaar' });
      assert.equal(bg.status, 201, bg.text);
      assert.equal((await c.get(w.tB, `/youths/${j1.youth.id}`)).status, 200, 'the grant works on the dossier');
      const refused = [];
      for (const p of ['activities', 'totals?by=week', 'costs', 'checkins', 'statements', 'expenses.csv']) {
        const r = await c.get(w.tB, `/jims/${j1.jimId}/${p}`);
        if (r.status !== 404) refused.push(`GET /jims/{id}/${p} → ${r.status}`);
      }
      const a = await add(w.tB, j1.jimId, base());
      if (a.status !== 404) refused.push(`POST /jims/{id}/activities → ${a.status}`);
      const p = await c.patch(w.tB, `/activities/${a1.id}`, { minutes: 7 });
      if (p.status !== 404) refused.push(`PATCH /activities/{id} → ${p.status}`);
      assert.deepEqual(refused, [], 'break_glass is not a relation on the JIM-support routes');
    });

    it('an unknown JIM or activity id is 404', async () => {
      assertError(await add(w.pA, 999999, base()), 404, 'not_found');
      assertError(await c.patch(w.pA, '/activities/999999', { minutes: 3 }), 404, 'not_found');
    });
  });

  describe('the 14-day lock', () => {
    let old; // entered 15 days ago
    let young; // entered 13 days ago
    let old2;
    let before15;
    before(async () => {
      old = await addOk(j2.jim, j2.jimId, { date: addDays(today, -20), minutes: 120, km: 40, kind: 'travel', note: 'Oud' });
      old2 = await addOk(j2.jim, j2.jimId, { date: addDays(today, -20), minutes: 30, kind: 'contact', note: 'Oud 2' });
      young = await addOk(j2.jim, j2.jimId, { date: addDays(today, -20), minutes: 60, kind: 'contact', note: 'Jong' });
      before15 = backdate(w.server.db, 'jim_activities', 'created_at', old.id, 15);
      backdate(w.server.db, 'jim_activities', 'created_at', old2.id, 15);
      backdate(w.server.db, 'jim_activities', 'created_at', young.id, 13);
    });

    it('the listing shows locked: true after 14 days and false before', async () => {
      const items = await list(j2.jim, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`);
      const o = items.find((i) => i.id === old.id);
      const y = items.find((i) => i.id === young.id);
      assert.equal(o.locked, true, `entered 15 days ago (${before15.after}): ${JSON.stringify(o)}`);
      assert.equal(y.locked, false, `entered 13 days ago: ${JSON.stringify(y)}`);
      const team = (await list(w.pA, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`)).find((i) => i.id === old.id);
      assert.equal(team.locked, true, 'the team sees the lock too');
    });

    it('the JIM cannot change or delete a locked entry: 409 locked, nothing changes', async () => {
      assertError(await c.patch(j2.jim, `/activities/${old.id}`, { minutes: 10 }), 409, 'locked');
      assertError(await c.del(j2.jim, `/activities/${old.id}`), 409, 'locked');
      const o = (await list(j2.jim, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`)).find((i) => i.id === old.id);
      assert.ok(o, 'still there');
      assert.equal(o.minutes, 120);
    });

    it('the JIM can still change an entry made 13 days ago', async () => {
      const r = await c.patch(j2.jim, `/activities/${young.id}`, { minutes: 65 });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.minutes, 65);
      assert.equal(r.json.locked, false);
    });

    it('a professional of the team corrects a locked entry (200), and that correction is audited', async () => {
      const t0 = new Date(Date.now() - 2000).toISOString();
      const r = await c.patch(w.pA, `/activities/${old.id}`, { minutes: 100, note: 'Gecorrigeerd door hulpverlener' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.minutes, 100);
      assert.equal(r.json.note, 'Gecorrigeerd door hulpverlener');
      assert.equal(r.json.locked, true, 'still locked for the JIM');
      const a = await c.get(w.po, `/api/v1/audit?user_id=${w.pA.id}&from=${encodeURIComponent(t0)}&limit=1000`);
      assert.equal(a.status, 200, a.text);
      const ev = a.json.items.filter(
        (e) => e.user_id === w.pA.id && String(e.object_id) === String(old.id) && e.outcome === 'success' && e.action !== 'read',
      );
      assert.ok(ev.length >= 1, `an audit event for pA's correction of activity ${old.id}: ${JSON.stringify(a.json.items.slice(0, 10))}`);
      assert.equal(ev[0].youth_id, j2.youth.id, 'the event names the young person');
    });

    it('a professional of the team may delete a locked entry', async () => {
      const d = await c.del(w.pA, `/activities/${old2.id}`);
      assert.equal(d.status, 204, d.text);
      assert.ok(!(await list(j2.jim, j2.jimId, `?from=${addDays(today, -30)}&to=${today}`)).some((i) => i.id === old2.id));
    });
  });
});
