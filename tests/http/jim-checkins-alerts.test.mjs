// Check-ins of the JIM and the alert rules (docs/api-jim-support.md): each
// rule fires at its boundary and not just short of it; listing filters;
// acknowledging; organisation settings make the day-based rules testable.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim, backdate } from './dossier-fixture.mjs';

const DEFAULT_SETTINGS = { km_rate_cents: 23, checkin_interval_days: 14, checkin_grace_days: 7, load_hours_per_week: 20, load_weeks_high: 2, load_weeks_window: 3, inactive_days: 21 };
const ALERT_FIELDS = ['id', 'kind', 'jim_id', 'jim_name', 'youth_id', 'youth', 'detail', 'facts', 'created_at', 'acknowledged_at', 'acknowledged_by', 'note', 'resolution'];

describe('JIM check-ins and alerts', () => {
  let w;
  let c;
  const today = todayAmsterdam();
  let n = 0;
  const newJim = (started_on, team = 'A') =>
    youthWithJim(w.base, team === 'A' ? w.pA : w.pB, team === 'A' ? w.teamA.id : w.teamB.id, {
      name: `Jim ${'abcdefghijklmnopqrstuvwxyz'[n++ % 26]}`,
      started_on,
    });
  const checkin = (j, body) => c.post(j.jim, `/jims/${j.jimId}/checkins`, body);
  const checkinOk = async (j, body) => {
    const r = await checkin(j, { wellbeing: 4, burden: 2, continue: 'yes', ...body });
    assert.equal(r.status, 201, `check-in ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const log = async (j, date, minutes) => {
    const r = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date, minutes, kind: 'contact' });
    assert.equal(r.status, 201, `activity ${date} ${minutes}: ${r.status} ${r.text}`);
    return r.json;
  };
  const alerts = async (who = w.pA, q = `?team_id=${w.teamA.id}&state=all`) => {
    const r = await c.get(who, `/alerts${q}`);
    assert.equal(r.status, 200, `alerts${q}: ${r.status} ${r.text}`);
    assert.ok(Array.isArray(r.json.items), r.text);
    return r.json.items;
  };
  const kindsOf = async (j) => (await alerts()).filter((a) => a.jim_id === j.jimId).map((a) => a.kind);
  const fires = async (j, kind, what) => {
    const ks = await kindsOf(j);
    assert.ok(ks.includes(kind), `${kind} fires: ${what} (alerts for this JIM: ${JSON.stringify(ks)})`);
  };
  const silent = async (j, kind, what) => {
    const ks = await kindsOf(j);
    assert.ok(!ks.includes(kind), `${kind} does not fire: ${what} (alerts for this JIM: ${JSON.stringify(ks)})`);
  };

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  describe('organisation settings', () => {
    it('the admin reads the defaults', async () => {
      const r = await c.get(w.admin, `/organisations/${w.org.id}/settings`);
      assert.equal(r.status, 200, r.text);
      for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) assert.equal(r.json[k], v, `default ${k}`);
    });

    it('only the admin reads and writes them; PUT needs all fields', async () => {
      assertError(await c.get(w.pA, `/organisations/${w.org.id}/settings`), 403, 'forbidden');
      assertError(await c.put(w.tA, `/organisations/${w.org.id}/settings`, DEFAULT_SETTINGS), 403, 'forbidden');
      const { inactive_days, ...missing } = DEFAULT_SETTINGS;
      assert.equal(inactive_days, 21);
      assertError(await c.put(w.admin, `/organisations/${w.org.id}/settings`, missing), 422, 'validation_failed', 'inactive_days');
      assertError(await c.put(w.admin, `/organisations/${w.org.id}/settings`, { ...DEFAULT_SETTINGS, km_rate_cents: -1 }), 422, 'validation_failed', 'km_rate_cents');
      const r = await c.get(w.admin, `/organisations/${w.org.id}/settings`);
      for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) assert.equal(r.json[k], v, `unchanged ${k}`);
      assertError(await c.get(w.admin, '/organisations/999999/settings'), 404, 'not_found');
    });
  });

  describe('check-ins', () => {
    let j;
    let other;
    before(async () => {
      j = await newJim(addDays(today, -20));
      other = await newJim(addDays(today, -1));
    });

    it('before the first check-in: due since the start + 14 days', async () => {
      const r = await c.get(j.jim, `/jims/${j.jimId}/checkins`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items, []);
      assert.equal(r.json.next_due_on, addDays(today, -6));
      assert.equal(r.json.due, true);
      const o = await c.get(other.jim, `/jims/${other.jimId}/checkins`);
      assert.equal(o.json.next_due_on, addDays(today, 13));
      assert.equal(o.json.due, false);
    });

    it('validation: wellbeing and burden 1–5, continue yes|doubt|no (422 with field; nothing stored)', async () => {
      const ok = { wellbeing: 3, burden: 3, continue: 'yes' };
      assertError(await checkin(j, { ...ok, wellbeing: 0 }), 422, 'validation_failed', 'wellbeing');
      assertError(await checkin(j, { ...ok, wellbeing: 6 }), 422, 'validation_failed', 'wellbeing');
      assertError(await checkin(j, { ...ok, wellbeing: 2.5 }), 422, 'validation_failed', 'wellbeing');
      assertError(await checkin(j, { ...ok, burden: 0 }), 422, 'validation_failed', 'burden');
      assertError(await checkin(j, { ...ok, burden: 6 }), 422, 'validation_failed', 'burden');
      assertError(await checkin(j, { ...ok, continue: 'maybe' }), 422, 'validation_failed', 'continue');
      assertError(await checkin(j, { wellbeing: 3, burden: 3 }), 422, 'validation_failed', 'continue');
      assert.deepEqual((await c.get(j.jim, `/jims/${j.jimId}/checkins`)).json.items, []);
    });

    it('only the JIM checks in: the team 403, another JIM 404', async () => {
      assertError(await c.post(w.pA, `/jims/${j.jimId}/checkins`, { wellbeing: 3, burden: 3, continue: 'yes' }), 403, 'forbidden');
      assertError(await c.post(other.jim, `/jims/${j.jimId}/checkins`, { wellbeing: 3, burden: 3, continue: 'yes' }), 404, 'not_found');
      assertError(await c.get(other.jim, `/jims/${j.jimId}/checkins`), 404, 'not_found');
      assertError(await c.get(w.pB, `/jims/${j.jimId}/checkins`), 404, 'not_found');
    });

    it('after a check-in: next due in 14 days, not due; the team sees it', async () => {
      const ci = await checkinOk(j, { wellbeing: 5, burden: 1, continue: 'yes', note: 'Gaat goed' });
      assert.equal(ci.wellbeing, 5);
      assert.equal(ci.burden, 1);
      assert.equal(ci.continue, 'yes');
      assert.equal(ci.note, 'Gaat goed');
      const r = await c.get(w.pA, `/jims/${j.jimId}/checkins`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.items.length, 1);
      assert.equal(r.json.next_due_on, addDays(today, 14));
      assert.equal(r.json.due, false);
    });
  });

  describe('rules at their boundaries (default settings)', () => {
    it('wellbeing_low: wellbeing 2 fires, 3 does not', async () => {
      const j2 = await newJim(today);
      const j3 = await newJim(today);
      await checkinOk(j2, { wellbeing: 2 });
      await checkinOk(j3, { wellbeing: 3 });
      await fires(j2, 'wellbeing_low', 'wellbeing 2');
      await silent(j3, 'wellbeing_low', 'wellbeing 3');
    });

    it('wants_to_stop: continue no fires, doubt does not', async () => {
      const jn = await newJim(today);
      const jd = await newJim(today);
      await checkinOk(jn, { continue: 'no' });
      await checkinOk(jd, { continue: 'doubt' });
      await fires(jn, 'wants_to_stop', 'continue no');
      await silent(jd, 'wants_to_stop', 'continue doubt');
      await silent(jd, 'doubt_repeated', 'a single doubt');
      const again = (await alerts()).filter((a) => a.jim_id === jn.jimId && a.kind === 'wants_to_stop');
      assert.equal(again.length, 1, 'stored once, however often alerts are listed');
    });

    it('doubt_repeated: doubt, doubt fires; doubt, yes, doubt does not', async () => {
      const jdd = await newJim(today);
      const jdyd = await newJim(today);
      await checkinOk(jdd, { continue: 'doubt' });
      await checkinOk(jdd, { continue: 'doubt' });
      await checkinOk(jdyd, { continue: 'doubt' });
      await checkinOk(jdyd, { continue: 'yes' });
      await checkinOk(jdyd, { continue: 'doubt' });
      await fires(jdd, 'doubt_repeated', 'doubt, doubt');
      await silent(jdyd, 'doubt_repeated', 'doubt, yes, doubt');
    });

    it('load_high: more than 20 h in 2 of the last 3 ISO weeks fires (also with a quiet week between)', async () => {
      const a = await newJim(addDays(today, -60));
      await log(a, today, 1260); // 21 h this week
      await log(a, addDays(today, -7), 1260); // 21 h last week
      await fires(a, 'load_high', '21 h this week and last week');
      const b = await newJim(addDays(today, -60));
      await log(b, today, 1260); // 21 h this week
      await log(b, addDays(today, -14), 700); // 21 h two weeks ago, in two entries
      await log(b, addDays(today, -14), 560);
      await fires(b, 'load_high', '21 h this week and two weeks ago');
    });

    it("each alert carries its figures as facts, for the screen's own words", async () => {
      const quiet = await newJim(addDays(today, -40));
      const low = await newJim(today);
      await checkinOk(low, { wellbeing: 2, continue: 'no' });
      const busy = await newJim(addDays(today, -60));
      await log(busy, today, 1260);
      await log(busy, addDays(today, -7), 1260);
      const all = await alerts();
      const factsOf = (j, kind) => {
        const a = all.find((x) => x.jim_id === j.jimId && x.kind === kind);
        assert.ok(a, `${kind} for ${j.jimId}: ${JSON.stringify(all.filter((x) => x.jim_id === j.jimId))}`);
        assert.ok(!('key' in a), 'the stored key is not part of the answer');
        return a.facts;
      };
      assert.deepEqual(factsOf(quiet, 'inactive'), { days: 40, since: addDays(today, -40) });
      assert.deepEqual(factsOf(quiet, 'checkin_overdue'), { due: addDays(today, -26) });
      assert.deepEqual(factsOf(low, 'wellbeing_low'), { wellbeing: 2 });
      assert.deepEqual(factsOf(low, 'wants_to_stop'), {});
      assert.deepEqual(factsOf(busy, 'load_high'), { hours: 20, weeks: 2, window: 3 });
    });

    it('load_high: exactly 20 h in two weeks does not fire', async () => {
      const j = await newJim(addDays(today, -60));
      await log(j, today, 1200);
      await log(j, addDays(today, -7), 1200);
      await log(j, addDays(today, -14), 1200);
      await silent(j, 'load_high', '20 h in each of three weeks');
      const k = await newJim(addDays(today, -60));
      await log(k, today, 1201);
      await log(k, addDays(today, -7), 1201);
      await fires(k, 'load_high', '20 h 01 in two weeks (more than 20 h)');
    });

    it('load_high: only one week over does not fire', async () => {
      const j = await newJim(addDays(today, -60));
      await log(j, today, 1300); // 21 h 40 this week
      await log(j, addDays(today, -7), 1199); // just under 20 h
      await silent(j, 'load_high', 'one week over 20 h');
    });

    it('load_high: two heavy weeks that are not both in the last three do not fire', async () => {
      const j = await newJim(addDays(today, -60));
      await log(j, addDays(today, -7), 1260); // in the window
      await log(j, addDays(today, -21), 1260); // three weeks ago: outside the window of 3
      await silent(j, 'load_high', '21 h last week and three weeks ago');
    });

    it('checkin_overdue: start 22 days ago without a check-in fires; 21 days ago does not (more than 14 + 7)', async () => {
      const j22 = await newJim(addDays(today, -22));
      const j21 = await newJim(addDays(today, -21));
      await fires(j22, 'checkin_overdue', 'started 22 days ago, no check-in');
      await silent(j21, 'checkin_overdue', 'started 21 days ago, no check-in');
      const withCheckin = await newJim(addDays(today, -40));
      await checkinOk(withCheckin, {});
      await silent(withCheckin, 'checkin_overdue', 'started 40 days ago, checked in today');
    });

    it('inactive: no activity for 22 days fires, 20 days does not (from the start when there is none)', async () => {
      const none22 = await newJim(addDays(today, -22));
      const none20 = await newJim(addDays(today, -20));
      const act22 = await newJim(addDays(today, -60));
      await log(act22, addDays(today, -22), 30);
      const act20 = await newJim(addDays(today, -60));
      await log(act20, addDays(today, -20), 30);
      await fires(none22, 'inactive', 'started 22 days ago, no activity');
      await silent(none20, 'inactive', 'started 20 days ago, no activity');
      await fires(act22, 'inactive', 'last activity 22 days ago');
      await silent(act20, 'inactive', 'last activity 20 days ago');
      const fresh = await newJim(addDays(today, -60));
      await log(fresh, today, 10);
      await silent(fresh, 'inactive', 'activity today');
    });
  });

  describe('rules with small organisation settings', () => {
    const SMALL = { ...DEFAULT_SETTINGS, inactive_days: 5, checkin_interval_days: 3, checkin_grace_days: 2 };
    after(async () => {
      await c.put(w.admin, `/organisations/${w.org.id}/settings`, DEFAULT_SETTINGS);
    });

    it('the admin sets them; they read back', async () => {
      const p = await c.put(w.admin, `/organisations/${w.org.id}/settings`, SMALL);
      assert.equal(p.status, 200, p.text);
      const g = await c.get(w.admin, `/organisations/${w.org.id}/settings`);
      for (const [k, v] of Object.entries(SMALL)) assert.equal(g.json[k], v, `setting ${k}`);
    });

    it('inactive_days 5: 6 days without activity fires, 4 does not', async () => {
      const j6 = await newJim(addDays(today, -6));
      const j4 = await newJim(addDays(today, -4));
      const a6 = await newJim(addDays(today, -30));
      await log(a6, addDays(today, -6), 15);
      const a4 = await newJim(addDays(today, -30));
      await log(a4, addDays(today, -4), 15);
      await fires(j6, 'inactive', 'started 6 days ago, inactive_days 5');
      await silent(j4, 'inactive', 'started 4 days ago, inactive_days 5');
      await fires(a6, 'inactive', 'last activity 6 days ago, inactive_days 5');
      await silent(a4, 'inactive', 'last activity 4 days ago, inactive_days 5');
    });

    it('check-in interval 3 + grace 2: next_due_on and due follow; overdue after more than 5 days', async () => {
      const j6 = await newJim(addDays(today, -6));
      const j5 = await newJim(addDays(today, -5));
      const r = await c.get(j6.jim, `/jims/${j6.jimId}/checkins`);
      assert.equal(r.json.next_due_on, addDays(today, -3));
      assert.equal(r.json.due, true);
      await fires(j6, 'checkin_overdue', 'started 6 days ago, interval 3 + grace 2');
      await silent(j5, 'checkin_overdue', 'started 5 days ago, interval 3 + grace 2');
    });

    it('overdue counts from the last check-in (aged in the database)', async () => {
      const old = await newJim(addDays(today, -40));
      const ci = await checkinOk(old, {});
      const recent = await newJim(addDays(today, -40));
      const ci2 = await checkinOk(recent, {});
      await silent(old, 'checkin_overdue', 'checked in today');
      backdate(w.server.db, 'jim_checkins', 'checked_on', ci.id, 6);
      backdate(w.server.db, 'jim_checkins', 'created_at', ci.id, 6);
      backdate(w.server.db, 'jim_checkins', 'checked_on', ci2.id, 4);
      backdate(w.server.db, 'jim_checkins', 'created_at', ci2.id, 4);
      const g = await c.get(old.jim, `/jims/${old.jimId}/checkins`);
      assert.equal(g.json.next_due_on, addDays(today, -3));
      assert.equal(g.json.due, true);
      await fires(old, 'checkin_overdue', 'last check-in 6 days ago');
      await silent(recent, 'checkin_overdue', 'last check-in 4 days ago');
    });
  });

  describe('listing and acknowledging', () => {
    let jA;
    let jB;
    let alertA;
    before(async () => {
      jA = await newJim(today);
      jB = await newJim(today, 'B');
      await checkinOk(jA, { wellbeing: 1, continue: 'no' });
      await checkinOk(jB, { wellbeing: 1 });
      alertA = (await alerts()).find((a) => a.jim_id === jA.jimId && a.kind === 'wellbeing_low');
      assert.ok(alertA, 'an alert to acknowledge');
    });

    it('the alert object', async () => {
      for (const f of ALERT_FIELDS) assert.ok(f in alertA, `field ${f} in ${JSON.stringify(alertA)}`);
      assert.equal(alertA.jim_id, jA.jimId);
      assert.equal(alertA.youth_id, jA.youth.id);
      assert.equal(alertA.jim_name, jA.activation.jim.name);
      assert.deepEqual(alertA.youth, { id: jA.youth.id, given_name: jA.youth.given_name, family_name: jA.youth.family_name },
        'the young person is named, so the list says whose JIM it is');
      assert.ok(!('given_name' in alertA) && !('family_name' in alertA), 'the names only under youth');
      assert.equal(typeof alertA.detail, 'string');
      assert.match(alertA.created_at, ISO_UTC);
      assert.equal(alertA.acknowledged_at, null);
      assert.equal(alertA.acknowledged_by, null);
      assert.equal(alertA.note, null);
      assert.equal(alertA.resolution, null, 'open: no resolution yet');
    });

    it('naming the young person in the list is an access to their file: in their access log', async () => {
      await alerts(w.pB, '?state=all'); // team B's list names no one of team A
      const r = await c.get(w.tA, `/youths/${jA.youth.id}/access-log`);
      assert.equal(r.status, 200, r.text);
      const reads = r.json.items.filter((i) => i.user && i.user.id === w.pA.id && i.part === 'alert' && i.outcome === 'success');
      assert.ok(reads.length >= 1, `the list's reads in the access log: ${r.text.slice(0, 2000)}`);
      assert.ok(!r.json.items.some((i) => i.user && i.user.id === w.pB.id), 'team B never named them');
    });

    it('newest first; the default state is open; the teamlead sees the same', async () => {
      const all = await alerts(w.pA, '');
      assert.ok(all.length > 0);
      for (const a of all) assert.equal(a.acknowledged_at, null, 'default: open only');
      const times = all.map((a) => a.created_at);
      assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
      const tl = await alerts(w.tA, `?team_id=${w.teamA.id}`);
      assert.ok(tl.some((a) => a.id === alertA.id));
    });

    it('only alerts of the caller\'s teams: team B does not see team A\'s and vice versa', async () => {
      const b = await alerts(w.pB, '?state=all');
      assert.ok(b.some((a) => a.jim_id === jB.jimId), 'team B sees its own');
      assert.ok(!b.some((a) => a.jim_id === jA.jimId || a.id === alertA.id), 'not team A\'s');
      const a = await alerts(w.pA, '?state=all');
      assert.ok(!a.some((x) => x.jim_id === jB.jimId), 'team A does not see team B\'s');
    });

    it('a team the caller is not in is 422 team_id; an unknown state is 422 state', async () => {
      assertError(await c.get(w.pA, `/alerts?team_id=${w.teamB.id}`), 422, 'validation_failed', 'team_id');
      assertError(await c.get(w.pB, `/alerts?team_id=${w.teamA.id}`), 422, 'validation_failed', 'team_id');
      assertError(await c.get(w.pA, '/alerts?state=closed'), 422, 'validation_failed', 'state');
    });

    it('the JIM, the admin and the researcher may not list alerts (403)', async () => {
      assertError(await c.get(jA.jim, '/alerts'), 403, 'forbidden');
      assertError(await c.get(w.admin, '/alerts'), 403, 'forbidden');
      assertError(await c.get(w.rs, '/alerts'), 403, 'forbidden');
    });

    it('acknowledging needs a note of 1–1000 characters; another team 404; the JIM 403', async () => {
      assertError(await c.post(w.pA, `/alerts/${alertA.id}/acknowledge`, { note: '' }), 422, 'validation_failed', 'note');
      assertError(await c.post(w.pA, `/alerts/${alertA.id}/acknowledge`, {}), 422, 'validation_failed', 'note');
      assertError(await c.post(w.pA, `/alerts/${alertA.id}/acknowledge`, { note: 'x'.repeat(1001) }), 422, 'validation_failed', 'note');
      assertError(await c.post(w.pB, `/alerts/${alertA.id}/acknowledge`, { note: 'Gezien' }), 404, 'not_found');
      assertError(await c.post(jA.jim, `/alerts/${alertA.id}/acknowledge`, { note: 'Gezien' }), 403, 'forbidden');
      assertError(await c.post(w.pA, '/alerts/999999/acknowledge', { note: 'Gezien' }), 404, 'not_found');
      assert.ok((await alerts(w.pA, `?team_id=${w.teamA.id}`)).some((a) => a.id === alertA.id), 'still open');
    });

    it('with a note: 200, then no longer open; acknowledging twice is 409', async () => {
      const r = await c.post(w.pA, `/alerts/${alertA.id}/acknowledge`, { note: 'Gebeld, gaat weer' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id, alertA.id);
      assert.match(r.json.acknowledged_at, ISO_UTC);
      // Who acknowledged it, by name (docs/api-jim-support.md).
      const who = { id: w.pA.id, display_name: 'Anna Professional' };
      assert.deepEqual(r.json.acknowledged_by, who);
      assert.equal(r.json.note, 'Gebeld, gaat weer');
      assert.equal(r.json.resolution, 'acknowledged', 'handled by a person');
      assert.ok(!(await alerts(w.pA, `?team_id=${w.teamA.id}&state=open`)).some((a) => a.id === alertA.id), 'not open any more');
      assert.ok(!(await alerts(w.pA, '')).some((a) => a.id === alertA.id), 'not in the default list');
      const ack = await alerts(w.pA, `?team_id=${w.teamA.id}&state=acknowledged`);
      assert.deepEqual((ack.find((a) => a.id === alertA.id) || {}).acknowledged_by, who, 'in the acknowledged list, with who');
      for (const a of ack) assert.notEqual(a.acknowledged_at, null);
      assert.ok((await alerts()).some((a) => a.id === alertA.id), 'in state=all');
      assertError(await c.post(w.tA, `/alerts/${alertA.id}/acknowledge`, { note: 'Nogmaals' }), 409, 'conflict');
      const stop = (await alerts(w.pA, `?team_id=${w.teamA.id}&state=open`)).find((a) => a.jim_id === jA.jimId && a.kind === 'wants_to_stop');
      assert.ok(stop, 'the other alert of the same JIM stays open');
    });
  });
});
