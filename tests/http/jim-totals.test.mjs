// Totals of the JIM's time and travel by ISO week and by month, with empty
// periods as zeros, and the team view with one row per active JIM of an open
// file (not an ended JIM, nor the JIM of a closed file).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, assertAlive } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim, isoWeek, mondayOf } from './dossier-fixture.mjs';

const tenths = (km) => Math.round(km * 10);
const monthOf = (d) => d.slice(0, 7);
const lastDayOfMonth = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

// Expected periods between two dates (inclusive), ascending, with zero sums.
function weeksBetween(from, to) {
  const out = [];
  for (let d = mondayOf(from); d <= to; d = addDays(d, 7)) out.push({ period: isoWeek(d), from: d, to: addDays(d, 6) });
  return out;
}
function monthsBetween(from, to) {
  const out = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    if (`${ym}-01` > to) break;
    out.push({ period: ym, from: `${ym}-01`, to: lastDayOfMonth(ym) });
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
function expectedSums(periods, acts, keyOf) {
  return periods.map((p) => {
    const mine = acts.filter((a) => keyOf(a.date) === p.period && a.date >= p.from && a.date <= p.to);
    return {
      period: p.period,
      minutes: mine.reduce((s, a) => s + a.minutes, 0),
      kmTenths: mine.reduce((s, a) => s + tenths(a.km || 0), 0),
      activities: mine.length,
    };
  });
}

describe('JIM totals by week and month', () => {
  let w;
  let c;
  let j; // team A, with activities
  let j2; // team A, none
  let jEnded; // team A, ended
  let jB; // team B
  let jClosed; // team A, active, but the young person's file is closed
  const today = todayAmsterdam();
  const acts = [
    { date: today, minutes: 60, km: 10, kind: 'travel' },
    { date: today, minutes: 5, km: 0.1, kind: 'travel' },
    { date: today, minutes: 5, km: 0.2, kind: 'travel' },
    { date: addDays(today, -7), minutes: 30, km: 2.5, kind: 'travel' },
    { date: addDays(today, -8), minutes: 45, kind: 'phone' },
    { date: addDays(today, -40), minutes: 120, km: 7.3, kind: 'contact' },
  ];

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    j = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', started_on: addDays(today, -60) });
    j2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els' });
    jEnded = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Buurman Henk' });
    jB = await youthWithJim(w.base, w.pB, w.teamB.id, { name: 'Neef Bert' });
    for (const a of acts) {
      const r = await c.post(j.jim, `/jims/${j.jimId}/activities`, a);
      assert.equal(r.status, 201, `log ${JSON.stringify(a)}: ${r.text}`);
    }
    const rb = await c.post(jB.jim, `/jims/${jB.jimId}/activities`, { date: today, minutes: 77, km: 1, kind: 'contact' });
    assert.equal(rb.status, 201, rb.text);
    const re = await c.post(jEnded.jim, `/jims/${jEnded.jimId}/activities`, { date: today, minutes: 33, kind: 'contact' });
    assert.equal(re.status, 201, re.text);
    const end = await c.post(w.pA, `/jims/${jEnded.jimId}/end`, { reason: 'other' });
    assert.equal(end.status, 200, end.text);
    jClosed = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Gesloten' });
    const rc = await c.post(jClosed.jim, `/jims/${jClosed.jimId}/activities`, { date: today, minutes: 44, kind: 'contact' });
    assert.equal(rc.status, 201, rc.text);
    const close = await c.patch(w.pA, `/youths/${jClosed.youth.id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen gehaald' });
    assert.equal(close.status, 200, close.text);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const totals = async (who, q) => {
    const r = await c.get(who, `/jims/${j.jimId}/totals${q}`);
    assert.equal(r.status, 200, `totals${q}: ${r.status} ${r.text}`);
    return r.json;
  };
  const checkPeriods = (got, expected, what) => {
    assert.ok(Array.isArray(got.items), what);
    const items = [...got.items].sort((a, b) => (a.period < b.period ? -1 : 1));
    assert.deepEqual(items.map((i) => i.period), expected.map((e) => e.period), `${what}: the periods, zero periods included`);
    for (let i = 0; i < expected.length; i++) {
      assert.equal(items[i].minutes, expected[i].minutes, `${what} ${expected[i].period} minutes`);
      assert.equal(items[i].km, expected[i].kmTenths / 10, `${what} ${expected[i].period} km (at most one decimal)`);
      assert.equal(items[i].activities, expected[i].activities, `${what} ${expected[i].period} activities`);
    }
    return items;
  };

  it('by week: per-week sums of minutes and km, empty weeks as zeros, ISO week labels and Monday–Sunday bounds', async () => {
    const from = mondayOf(addDays(today, -28));
    const t = await totals(j.jim, `?by=week&from=${from}&to=${today}`);
    assert.equal(t.by, 'week');
    const periods = weeksBetween(from, today);
    assert.equal(periods.length, 5);
    const items = checkPeriods(t, expectedSums(periods, acts, isoWeek), 'by week');
    for (let i = 0; i < periods.length; i++) {
      assert.match(items[i].period, /^\d{4}-W\d{2}$/);
      assert.equal(items[i].from, periods[i].from, `${periods[i].period} starts on Monday`);
      if (i < periods.length - 1) assert.equal(items[i].to, periods[i].to, `${periods[i].period} ends on Sunday`);
      else assert.ok([periods[i].to, today].includes(items[i].to), `last week ends on Sunday or on to: ${items[i].to}`);
    }
    assert.ok(items.some((i) => i.minutes === 0 && i.activities === 0 && i.km === 0), 'at least one empty week is listed with zeros');
    const inRange = acts.filter((a) => a.date >= from);
    assert.deepEqual(t.total, {
      minutes: inRange.reduce((s, a) => s + a.minutes, 0),
      km: inRange.reduce((s, a) => s + tenths(a.km || 0), 0) / 10,
      activities: inRange.length,
    });
  });

  it('km sums stay exact to one decimal (0.1 + 0.2 + 10 = 10.3)', async () => {
    const t = await totals(j.jim, `?by=week&from=${today}&to=${today}`);
    assert.equal(t.items.length, 1);
    assert.equal(t.items[0].period, isoWeek(today));
    assert.equal(t.items[0].km, 10.3);
    assert.equal(t.items[0].minutes, 70);
    assert.equal(t.total.km, 10.3);
  });

  it('by month: per-month sums and the month bounds', async () => {
    const [y, m] = today.split('-').map(Number);
    const back = new Date(Date.UTC(y, m - 1 - 2, 1));
    const from = `${back.getUTCFullYear()}-${String(back.getUTCMonth() + 1).padStart(2, '0')}-01`;
    const t = await totals(w.pA, `?by=month&from=${from}&to=${today}`);
    assert.equal(t.by, 'month');
    const periods = monthsBetween(from, today);
    assert.equal(periods.length, 3);
    const items = checkPeriods(t, expectedSums(periods, acts, monthOf), 'by month');
    for (let i = 0; i < periods.length; i++) {
      assert.match(items[i].period, /^\d{4}-\d{2}$/);
      assert.equal(items[i].from, periods[i].from);
      if (i < periods.length - 1) assert.equal(items[i].to, periods[i].to);
    }
    assert.equal(t.total.activities, acts.filter((a) => a.date >= from).length);
  });

  it('without from/to: the last 12 weeks (or months), the current one included', async () => {
    const wk = await totals(j.jim, '?by=week');
    assert.equal(wk.items.length, 12, `12 weeks: ${wk.items.map((i) => i.period)}`);
    const wkItems = [...wk.items].sort((a, b) => (a.period < b.period ? -1 : 1));
    assert.equal(wkItems[11].period, isoWeek(today));
    assert.equal(wkItems[0].period, isoWeek(addDays(today, -77)));
    assert.equal(wk.total.activities, acts.length, 'all six activities are within 12 weeks');
    const mo = await totals(j.jim, '?by=month');
    assert.equal(mo.items.length, 12);
    const moItems = [...mo.items].sort((a, b) => (a.period < b.period ? -1 : 1));
    assert.equal(moItems[11].period, monthOf(today));
    assert.equal(mo.total.minutes, acts.reduce((s, a) => s + a.minutes, 0));
  });

  it('a deleted activity no longer counts', async () => {
    const before = await totals(j.jim, `?by=week&from=${today}&to=${today}`);
    const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: today, minutes: 500, km: 99.9, kind: 'travel' });
    assert.equal(a.status, 201, a.text);
    const mid = await totals(j.jim, `?by=week&from=${today}&to=${today}`);
    assert.equal(mid.total.minutes, before.total.minutes + 500);
    const d = await c.del(j.jim, `/activities/${a.json.id}`);
    assert.equal(d.status, 204, d.text);
    const after = await totals(j.jim, `?by=week&from=${today}&to=${today}`);
    assert.deepEqual(after.total, before.total, 'back to the totals before');
    const team = await c.get(w.pA, `/teams/${w.teamA.id}/jim-totals?from=${today}&to=${today}`);
    assert.equal(team.json.items.find((x) => x.jim_id === j.jimId).minutes, before.total.minutes, 'the team view ignores it too');
  });

  it('an unknown `by` is 422 field by', async () => {
    assertError(await c.get(j.jim, `/jims/${j.jimId}/totals?by=day`), 422, 'validation_failed', 'by');
    assertError(await c.get(j.jim, `/jims/${j.jimId}/totals?by=week&from=gisteren`), 422, 'validation_failed', 'from');
    assertError(await c.get(j.jim, `/jims/${j.jimId}/totals?by=week&to=2026-02-30`), 422, 'validation_failed', 'to');
    const rev = await c.get(j.jim, `/jims/${j.jimId}/totals?by=week&from=${today}&to=${addDays(today, -30)}`);
    assert.equal(rev.status, 422, `to before from: ${rev.status} ${rev.text}`);
  });

  it('an absurdly long period is refused or answered, quickly, and the server lives on', async () => {
    for (const by of ['week', 'month']) {
      const t0 = Date.now();
      const r = await c.get(j.jim, `/jims/${j.jimId}/totals?by=${by}&from=1900-01-01&to=2199-12-31`);
      assert.ok([200, 422].includes(r.status), `by=${by} over 300 years: ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(Date.now() - t0 < 10000, 'answered within 10 s');
    }
    await assertAlive(w.base);
  });

  it('another JIM and another team get 404; admin and researcher 403', async () => {
    assertError(await c.get(j2.jim, `/jims/${j.jimId}/totals?by=week`), 404, 'not_found');
    assertError(await c.get(w.pB, `/jims/${j.jimId}/totals?by=week`), 404, 'not_found');
    assertError(await c.get(w.admin, `/jims/${j.jimId}/totals?by=week`), 403, 'forbidden');
    assertError(await c.get(w.rs, `/jims/${j.jimId}/totals?by=week`), 403, 'forbidden');
  });

  describe('team view', () => {
    it('one row per active JIM of the team, with its sums for the period', async () => {
      const from = addDays(today, -8);
      const r = await c.get(w.tA, `/teams/${w.teamA.id}/jim-totals?from=${from}&to=${today}`);
      assert.equal(r.status, 200, r.text);
      const rows = r.json.items;
      assert.deepEqual(rows.map((x) => x.jim_id).sort((a, b) => a - b), [j.jimId, j2.jimId].sort((a, b) => a - b),
        `active JIMs of team A's open files only (not the ended one, nor the closed file's): ${r.text}`);
      const row = rows.find((x) => x.jim_id === j.jimId);
      const mine = acts.filter((a) => a.date >= from);
      assert.equal(row.jim_name, 'Oom Kees');
      assert.equal(row.youth_id, j.youth.id);
      assert.equal(row.youth_name, `${j.youth.given_name} ${j.youth.family_name}`, 'the young person by name, not a number');
      assert.equal(row.minutes, mine.reduce((s, a) => s + a.minutes, 0));
      assert.equal(row.km, mine.reduce((s, a) => s + tenths(a.km || 0), 0) / 10);
      assert.equal(row.activities, mine.length);
      const zero = rows.find((x) => x.jim_id === j2.jimId);
      assert.equal(zero.jim_name, 'Tante Els');
      assert.equal(zero.minutes, 0);
      assert.equal(zero.km, 0);
      assert.equal(zero.activities, 0);
      const pa = await c.get(w.pA, `/teams/${w.teamA.id}/jim-totals?from=${from}&to=${today}`);
      assert.equal(pa.status, 200, 'a professional of the team too');
      assert.equal(pa.json.items.length, 2);
    });

    it('leaves out the JIM of a closed file, whose own totals are still there', async () => {
      const r = await c.get(w.pA, `/teams/${w.teamA.id}/jim-totals?from=${today}&to=${today}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(!r.json.items.some((x) => x.jim_id === jClosed.jimId), `no row for the closed file's JIM: ${r.text}`);
      assert.ok(!r.text.includes('Tante Gesloten'));
      const own = await c.get(w.pA, `/jims/${jClosed.jimId}/totals?by=week&from=${today}&to=${today}`);
      assert.equal(own.status, 200, own.text);
      assert.equal(own.json.total.minutes, 44, 'the file keeps what the JIM logged');
    });

    it('the team B view holds only team B\'s JIM', async () => {
      const r = await c.get(w.pB, `/teams/${w.teamB.id}/jim-totals?from=${today}&to=${today}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((x) => x.jim_id), [jB.jimId]);
      assert.equal(r.json.items[0].minutes, 77);
    });

    it('a member of another team, a JIM and the admin cannot read team A\'s view', async () => {
      const r = await c.get(w.pB, `/teams/${w.teamA.id}/jim-totals`);
      assert.ok([403, 404].includes(r.status), `pB on team A: ${r.status} ${r.text}`);
      assert.ok(!r.text.includes('Oom Kees'));
      assertError(await c.get(j.jim, `/teams/${w.teamA.id}/jim-totals`), 403, 'forbidden');
      assertError(await c.get(w.admin, `/teams/${w.teamA.id}/jim-totals`), 403, 'forbidden');
    });
  });
});
