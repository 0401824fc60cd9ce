// Recording outcomes (docs/api-outcomes.md): events, school attendance and
// measurements with their validation (422 with field, nothing stored), and the
// measurement schedule: T0 done once recorded, T3 upcoming / due / overdue by
// the start date, F12/F24 only after the trajectory closed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, createYouth, todayAmsterdam, addDays, addMonths } from './dossier-fixture.mjs';
import { requester, closeTrajectory, daysBetween } from './outcomes-fixture.mjs';

const T = todayAmsterdam();
const ago = (n) => addDays(T, -n);
const dayOf = (d) => Number(d.slice(8, 10));

describe('recording outcomes', () => {
  let w;
  let req;
  let y; // started 20 days ago
  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(20) });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  describe('events', () => {
    const post = (body, who) => req(who || w.pA, 'POST', `/youths/${y.id}/events`, body);
    it('records every type with and without a note; GET lists them oldest first', async () => {
      const types = ['police_contact', 'ran_away', 'school_dropout', 'school_return', 'hospital', 'work_start'];
      const made = [];
      for (let i = 0; i < types.length; i++) {
        const body = { type: types[i], occurred_on: ago(10 - i) };
        if (i % 2 === 0) body.note = `notitie ${types[i]}`;
        const r = await post(body);
        assert.equal(r.status, 201, `${types[i]}: ${r.status} ${r.text}`);
        assert.ok(Number.isInteger(r.json.id));
        assert.equal(r.json.type, types[i]);
        assert.equal(r.json.occurred_on, body.occurred_on);
        assert.equal(r.json.note ?? null, body.note ?? null);
        assert.ok(typeof r.json.created_at === 'string');
        made.push(r.json);
      }
      // an earlier event recorded last still lists first
      const early = await post({ type: 'hospital', occurred_on: ago(15), note: 'eerste' });
      assert.equal(early.status, 201, early.text);
      const list = await req(w.pA, 'GET', `/youths/${y.id}/events`);
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(
        list.json.items.map((e) => e.id),
        [early.json.id, ...made.map((e) => e.id)],
        'oldest first by occurred_on',
      );
      for (const e of list.json.items) for (const k of ['id', 'type', 'occurred_on', 'note', 'created_at']) assert.ok(k in e, `${k} in ${JSON.stringify(e)}`);
    });

    it('refuses unknown types, future dates, dates before the birth date, missing fields (422, nothing stored)', async () => {
      const n0 = (await req(w.pA, 'GET', `/youths/${y.id}/events`)).json.items.length;
      assertError(await post({ type: 'arrested', occurred_on: T }), 422, 'validation_failed', 'type');
      assertError(await post({ type: '', occurred_on: T }), 422, 'validation_failed', 'type');
      assertError(await post({ occurred_on: T }), 422, 'validation_failed', 'type');
      assertError(await post({ type: 'police_contact', occurred_on: addDays(T, 1) }), 422, 'validation_failed', 'occurred_on');
      assertError(await post({ type: 'police_contact', occurred_on: addDays(y.birth_date, -1) }), 422, 'validation_failed', 'occurred_on');
      assertError(await post({ type: 'police_contact', occurred_on: '2024-02-30' }), 422, 'validation_failed', 'occurred_on');
      assertError(await post({ type: 'police_contact' }), 422, 'validation_failed', 'occurred_on');
      assertError(await post({ type: 'police_contact', occurred_on: T, note: 'x'.repeat(20000) }), 422, 'validation_failed', 'note');
      assert.equal((await req(w.pA, 'GET', `/youths/${y.id}/events`)).json.items.length, n0, 'nothing stored by refused requests');
    });

    it('a professional of another team gets 404; a researcher 403', async () => {
      assertError(await req(w.pB, 'GET', `/youths/${y.id}/events`), 404, 'not_found');
      assertError(await post({ type: 'hospital', occurred_on: T }, w.pB), 404, 'not_found');
      assertError(await req(w.rs, 'GET', `/youths/${y.id}/events`), 403, 'forbidden');
      assertError(await post({ type: 'hospital', occurred_on: T }, w.rs), 403, 'forbidden');
      assertError(await req(w.tA, 'GET', `/youths/999999/events`), 404, 'not_found');
    });
  });

  describe('attendance', () => {
    const post = (body) => req(w.pA, 'POST', `/youths/${y.id}/attendance`, body);
    it('records a period and lists it', async () => {
      const r = await post({ period_from: ago(20), period_to: ago(10), share_attended: 85, times_late: 3 });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.share_attended, 85);
      assert.equal(r.json.times_late, 3);
      assert.equal(r.json.period_from, ago(20));
      assert.equal(r.json.period_to, ago(10));
      const edge = await post({ period_from: ago(5), period_to: ago(5), share_attended: 0 });
      assert.equal(edge.status, 201, `one-day period, 0 %, no times_late: ${edge.text}`);
      const full = await post({ period_from: ago(4), period_to: T, share_attended: 100, times_late: 1000 });
      assert.equal(full.status, 201, `100 %, 1000 times late, ending today: ${full.text}`);
      const list = await req(w.pA, 'GET', `/youths/${y.id}/attendance`);
      assert.equal(list.status, 200);
      assert.equal(list.json.items.length, 3);
      for (const a of list.json.items) for (const k of ['id', 'period_from', 'period_to', 'share_attended', 'times_late']) assert.ok(k in a, k);
    });
    it('refuses shares outside 0–100 or not whole, times_late over 1000, reversed or future periods (422)', async () => {
      const ok = { period_from: ago(20), period_to: ago(10), share_attended: 50 };
      assertError(await post({ ...ok, share_attended: 101 }), 422, 'validation_failed', 'share_attended');
      assertError(await post({ ...ok, share_attended: -1 }), 422, 'validation_failed', 'share_attended');
      assertError(await post({ ...ok, share_attended: 50.5 }), 422, 'validation_failed', 'share_attended');
      assertError(await post({ ...ok, share_attended: '50' }), 422, 'validation_failed', 'share_attended');
      assertError(await post({ ...ok, times_late: 1001 }), 422, 'validation_failed', 'times_late');
      assertError(await post({ ...ok, times_late: -1 }), 422, 'validation_failed', 'times_late');
      assertError(await post({ ...ok, period_to: ago(21) }), 422, 'validation_failed', 'period_to');
      assertError(await post({ ...ok, period_to: addDays(T, 1) }), 422, 'validation_failed', 'period_to');
      assertError(await post({ ...ok, period_from: addDays(T, 1), period_to: addDays(T, 2) }), 422, 'validation_failed');
      assertError(await post({ period_to: ago(10), share_attended: 50 }), 422, 'validation_failed', 'period_from');
      assert.equal((await req(w.pA, 'GET', `/youths/${y.id}/attendance`)).json.items.length, 3, 'nothing stored');
    });
  });

  describe('measurements', () => {
    const post = (body, yy = y) => req(w.pA, 'POST', `/youths/${yy.id}/measurements`, body);
    const base = { moment: 'T0', measured_on: ago(19), kind: 'satisfaction_youth', score: 7 };

    it('refuses unknown moments and kinds, future dates, satisfaction 0/11/7.5, goals over 100 (422, nothing stored)', async () => {
      assertError(await post({ ...base, moment: 'T6' }), 422, 'validation_failed', 'moment');
      assertError(await post({ ...base, moment: 't0' }), 422, 'validation_failed', 'moment');
      assertError(await post({ ...base, kind: 'happiness' }), 422, 'validation_failed', 'kind');
      assertError(await post({ ...base, measured_on: addDays(T, 1) }), 422, 'validation_failed', 'measured_on');
      assertError(await post({ ...base, measured_on: 'gisteren' }), 422, 'validation_failed', 'measured_on');
      assertError(await post({ ...base, score: 0 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, score: 11 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, score: 7.5 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, kind: 'satisfaction_parents', score: 0 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, kind: 'satisfaction_parents', score: 11 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, kind: 'goal_realisation', score: 101 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, kind: 'goal_realisation', score: -1 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...base, score: undefined }), 422, 'validation_failed', 'score');
      const r = await req(w.pA, 'GET', `/youths/${y.id}/measurements`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.items.length, 0, 'nothing stored');
    });

    it('an instrument needs a name (1–100), scale_min < scale_max and a score within the scale', async () => {
      const inst = { moment: 'T0', measured_on: ago(19), kind: 'instrument', instrument: 'SDQ totaal', scale_min: 0, scale_max: 40, score: 17.5 };
      const { instrument, ...noName } = inst;
      void instrument;
      assertError(await post(noName), 422, 'validation_failed', 'instrument');
      assertError(await post({ ...inst, instrument: '' }), 422, 'validation_failed', 'instrument');
      assertError(await post({ ...inst, score: 41 }), 422, 'validation_failed', 'score');
      assertError(await post({ ...inst, score: -0.5 }), 422, 'validation_failed', 'score');
      const bad = await post({ ...inst, scale_min: 40, scale_max: 40 });
      assertError(bad, 422, 'validation_failed');
      assert.ok(['scale_min', 'scale_max'].includes(bad.json.error.field), `field scale_min/scale_max: ${bad.text}`);
      const rev = await post({ ...inst, scale_min: 50, scale_max: 10, score: 20 });
      assertError(rev, 422, 'validation_failed');
      assert.ok(['scale_min', 'scale_max'].includes(rev.json.error.field), rev.text);
      const noScale = await post({ ...inst, scale_min: undefined, scale_max: undefined });
      assertError(noScale, 422, 'validation_failed');
      assert.ok(['scale_min', 'scale_max'].includes(noScale.json.error.field), noScale.text);
      const ok = await post(inst);
      assert.equal(ok.status, 201, `a valid instrument with a fractional score: ${ok.text}`);
      assert.equal(ok.json.instrument, 'SDQ totaal');
      assert.equal(ok.json.score, 17.5);
      const edge = await post({ ...inst, moment: 'T3', measured_on: ago(1), instrument: 'y'.repeat(100), score: 40 });
      assert.equal(edge.status, 201, `100-character name, score at scale_max: ${edge.text}`);
      const neg = await post({ ...inst, instrument: 'Schaal', scale_min: -3, scale_max: 3, score: -3 });
      assert.equal(neg.status, 201, `negative scale, score at scale_min: ${neg.text}`);
    });

    it('an instrument name of 101 characters is refused (422 instrument; 1–100 characters)', async () => {
      const yy = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(5) });
      const inst = { moment: 'T0', measured_on: ago(1), kind: 'instrument', instrument: 'x'.repeat(101), scale_min: 0, scale_max: 40, score: 10 };
      assertError(await post(inst, yy), 422, 'validation_failed', 'instrument');
      assert.equal((await req(w.pA, 'GET', `/youths/${yy.id}/measurements`)).json.items.length, 0, 'nothing stored');
      const multi = await post({ ...inst, instrument: 'ë'.repeat(100) }, yy);
      assert.equal(multi.status, 201, `100 characters (200 bytes in UTF-8) allowed: ${multi.text}`);
    });

    it('T0 is done once recorded; T3/T9/T15 upcoming for a trajectory that started 20 days ago; no F12/F24 while open', async () => {
      const fresh = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(20) });
      let r = await req(w.pA, 'GET', `/youths/${fresh.id}/measurements`);
      assert.equal(r.status, 200, r.text);
      const byMoment = (s) => Object.fromEntries(s.map((x) => [x.moment, x]));
      let sch = byMoment(r.json.schedule);
      assert.deepEqual(Object.keys(sch).sort(), ['T0', 'T15', 'T3', 'T9'], `schedule while open: ${JSON.stringify(r.json.schedule)}`);
      assert.equal(sch.T0.due_on, fresh.started_on);
      assert.equal(sch.T0.status, 'due', 'T0 20 days after its date, not recorded: due (until 30 days after)');
      assert.equal(sch.T3.status, 'upcoming');
      assert.equal(sch.T9.status, 'upcoming');
      assert.equal(sch.T15.status, 'upcoming');
      if (dayOf(fresh.started_on) <= 28) {
        assert.equal(sch.T3.due_on, addMonths(fresh.started_on, 3));
        assert.equal(sch.T9.due_on, addMonths(fresh.started_on, 9));
        assert.equal(sch.T15.due_on, addMonths(fresh.started_on, 15));
      }
      const m = await post({ moment: 'T0', measured_on: ago(18), kind: 'goal_realisation', score: 30 }, fresh);
      assert.equal(m.status, 201, m.text);
      r = await req(w.pA, 'GET', `/youths/${fresh.id}/measurements`);
      sch = byMoment(r.json.schedule);
      assert.equal(sch.T0.status, 'done');
      assert.equal(sch.T3.status, 'upcoming', 'a T0 measurement does not make T3 done');
      assert.equal(r.json.items.length, 1);
      const item = r.json.items[0];
      assert.equal(item.moment, 'T0');
      assert.equal(item.kind, 'goal_realisation');
      assert.equal(item.score, 30);
      assert.equal(item.measured_on, ago(18));
    });

    it('T3 is due near its date and overdue 31+ days after it (started in the past)', async () => {
      // due: started 3 months − 5 days ago → T3 in 5 days
      const statusFor = async (start) => {
        const yy = await createYouth(w.base, w.pA, w.teamA.id, { started_on: start });
        const r = await req(w.pA, 'GET', `/youths/${yy.id}/measurements`);
        assert.equal(r.status, 200, r.text);
        const s = Object.fromEntries(r.json.schedule.map((x) => [x.moment, x]));
        return { s, yy };
      };
      // Pick starts whose day of month ≤ 28 so "3 months later" is unambiguous.
      const startFor = (daysFromToday) => {
        // T3 due_on = today + daysFromToday; its start is 3 months earlier
        const due = addDays(T, daysFromToday);
        if (dayOf(due) > 28) return null;
        return addMonths(due, -3);
      };
      const cases = [
        [5, 'due'],
        [14, 'due'],
        [15, 'upcoming'],
        [-30, 'due'],
        [-31, 'overdue'],
        [-200, 'overdue'],
      ];
      let checked = 0;
      for (const [d, want] of cases) {
        const start = startFor(d);
        if (!start) continue; // this boundary is not expressible today
        const { s } = await statusFor(start);
        assert.equal(s.T3.due_on, addDays(T, d), `T3 due_on for start ${start}`);
        assert.equal(s.T3.status, want, `T3 ${d} days from today: ${want}`);
        checked += 1;
      }
      assert.ok(checked >= 3, `at least three T3 cases checked (${checked})`);
      // T0 boundaries need no month arithmetic: 30 days after → due, 31 → overdue
      assert.equal((await statusFor(ago(30))).s.T0.status, 'due', 'T0 30 days ago: due');
      assert.equal((await statusFor(ago(31))).s.T0.status, 'overdue', 'T0 31 days ago: overdue');
      assert.equal((await statusFor(T)).s.T0.status, 'due', 'T0 today: due');
      // long ago: T0, T3, T9 overdue, recorded T3 done
      const { s: old, yy } = await statusFor(ago(400));
      assert.equal(old.T0.status, 'overdue');
      assert.equal(old.T3.status, 'overdue');
      assert.equal(old.T9.status, 'overdue');
      assert.ok(['upcoming', 'due', 'overdue'].includes(old.T15.status));
      const m = await post({ moment: 'T3', measured_on: ago(300), kind: 'satisfaction_youth', score: 6 }, yy);
      assert.equal(m.status, 201, m.text);
      const after3 = Object.fromEntries((await req(w.pA, 'GET', `/youths/${yy.id}/measurements`)).json.schedule.map((x) => [x.moment, x]));
      assert.equal(after3.T3.status, 'done');
      assert.equal(after3.T0.status, 'overdue', 'T0 still overdue');
    });

    it('F12/F24 appear after the trajectory closed, 12 and 24 months after the close', async () => {
      const yy = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(500) });
      let s = (await req(w.pA, 'GET', `/youths/${yy.id}/measurements`)).json.schedule;
      assert.ok(!s.some((x) => x.moment === 'F12' || x.moment === 'F24'), `no follow-ups while open: ${JSON.stringify(s)}`);
      const closedOn = ago(100);
      await closeTrajectory(w.base, w.pA, yy.id, 'planned', closedOn);
      s = Object.fromEntries((await req(w.pA, 'GET', `/youths/${yy.id}/measurements`)).json.schedule.map((x) => [x.moment, x]));
      assert.ok(s.F12 && s.F24, `F12 and F24 scheduled after closing: ${JSON.stringify(s)}`);
      assert.equal(s.F12.status, 'upcoming');
      assert.equal(s.F24.status, 'upcoming');
      if (dayOf(closedOn) <= 28) {
        assert.equal(s.F12.due_on, addMonths(closedOn, 12));
        assert.equal(s.F24.due_on, addMonths(closedOn, 24));
      } else {
        assert.ok(Math.abs(daysBetween(closedOn, s.F12.due_on) - 365) <= 4, s.F12.due_on);
      }
      // an F12 measurement can be recorded (not in the future) and marks F12 done
      const m = await post({ moment: 'F12', measured_on: T, kind: 'satisfaction_youth', score: 8 }, yy);
      assert.equal(m.status, 201, m.text);
      s = Object.fromEntries((await req(w.pA, 'GET', `/youths/${yy.id}/measurements`)).json.schedule.map((x) => [x.moment, x]));
      assert.equal(s.F12.status, 'done');
    });

    it('measurements: other team 404, researcher 403', async () => {
      assertError(await req(w.pB, 'GET', `/youths/${y.id}/measurements`), 404, 'not_found');
      assertError(await req(w.pB, 'POST', `/youths/${y.id}/measurements`, base), 404, 'not_found');
      assertError(await req(w.rs, 'GET', `/youths/${y.id}/measurements`), 403, 'forbidden');
      assertError(await req(w.rs, 'POST', `/youths/${y.id}/attendance`, { period_from: ago(3), period_to: ago(2), share_attended: 5 }), 403, 'forbidden');
    });
  });
});
