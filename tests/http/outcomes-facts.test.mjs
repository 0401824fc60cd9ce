// The outcome figures read youth_facts, one row per young person that
// triggers mark stale on every change and the next read refreshes
// (src/store/facts.c). These tests change each thing the figures are made of,
// one at a time, between two reads, and check that the second read shows it
// and that no mark is left behind: a trigger missing on one table would show
// here as a stale figure.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dbQuery } from './harness.mjs';
import { setupDossierWorld, createYouth, todayAmsterdam, addDays } from './dossier-fixture.mjs';
import { requester, moveTo, closeTrajectory, nominate, activateJim, near } from './outcomes-fixture.mjs';

const T = todayAmsterdam();
const ago = (n) => addDays(T, -n);

describe('outcome figures follow every change', () => {
  let w;
  let req;
  let y1;
  let j;
  const dirty = () =>
    Number(dbQuery(w.server.db, { sqlite: 'SELECT count(*) FROM stats_dirty;', postgresql: 'SELECT count(*) FROM stats_dirty;' }).trim());
  const figures = async () => {
    const r = await req(w.pA, 'GET', `/stats/outcomes?team_id=${w.teamA.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(dirty(), 0, 'a read leaves no stale young person behind');
    return r.json;
  };

  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    y1 = await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(400) });
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  it('a new young person and a placement show at the next read', async () => {
    let s = await figures();
    assert.equal(s.young_people, 1);
    assert.equal(s.costs.placements_observed, 0);
    await createYouth(w.base, w.pA, w.teamA.id, { started_on: ago(300) });
    assert.ok(dirty() > 0, 'the change marked the young person');
    s = await figures();
    assert.equal(s.young_people, 2);
    await moveTo(w.base, w.pA, y1.id, 'foster_care', ago(100));
    s = await figures();
    assert.equal(s.costs.placements_observed, 1, 'the living-situation change counts');
    const days = s.placement_free.curve.filter((p) => p.events > 0).map((p) => p.day);
    assert.deepEqual(days, [300], 'placed on day 300 of the trajectory');
  });

  it('a nomination, a JIM and the JIM’s hours show at the next read', async () => {
    await nominate(w.base, w.pA, y1.id, 'Buurvrouw Ans');
    let s = await figures();
    assert.equal(s.indicators.days_to_nomination.n, 1);
    j = await activateJim(w.base, w.pA, y1.id, 'Oom Wim', ago(200));
    s = await figures();
    assert.equal(s.indicators.with_jim.n, 1);
    const r = await req(j.jim, 'POST', `/jims/${j.jimId}/activities`, { date: T, kind: 'contact', minutes: 90, km: 4.5 });
    assert.equal(r.status, 201, r.text);
    s = await figures();
    near(s.indicators.jim_hours.total, 1.5, 1e-9, 'hours after logging');
    near(s.indicators.jim_km.total, 4.5, 1e-9, 'km after logging');
    const p = await req(j.jim, 'PATCH', `/activities/${r.json.id}`, { minutes: 30 });
    assert.equal(p.status, 200, p.text);
    s = await figures();
    near(s.indicators.jim_hours.total, 0.5, 1e-9, 'hours after a correction');
    const d = await req(j.jim, 'DELETE', `/activities/${r.json.id}`);
    assert.equal(d.status, 204, d.text);
    s = await figures();
    assert.equal(s.indicators.jim_hours.total, 0, 'hours after a deletion');
  });

  it('measurements, attendance, the JIM ending early and the close show at the next read', async () => {
    const add = async (p, body) => {
      const r = await req(w.pA, 'POST', `/youths/${y1.id}/${p}`, body);
      assert.equal(r.status, 201, r.text);
    };
    await add('measurements', { moment: 'T0', measured_on: ago(399), kind: 'satisfaction_youth', score: 6 });
    let s = await figures();
    assert.equal(s.indicators.satisfaction_youth.mean, 6);
    await add('measurements', { moment: 'T3', measured_on: ago(300), kind: 'satisfaction_youth', score: 9 });
    s = await figures();
    assert.equal(s.indicators.satisfaction_youth.mean, 9, 'the latest measurement counts');
    await add('attendance', { period_from: ago(400), period_to: ago(370), share_attended: 40, times_late: 0 });
    await add('attendance', { period_from: ago(130), period_to: ago(100), share_attended: 70, times_late: 0 });
    s = await figures();
    assert.equal(s.indicators.attendance_change.n, 1);
    near(s.indicators.attendance_change.change, 30, 1e-9, 'attendance T0 -> T9');
    assert.equal(s.indicators.jim_retention.at_6_months, 1, 'the JIM is still there after 6 months');
    const e = await req(w.pA, 'POST', `/jims/${j.jimId}/end`, { reason: 'dropped_out', ended_on: ago(150) });
    assert.equal(e.status, 200, e.text);
    s = await figures();
    assert.equal(s.indicators.jim_retention.at_6_months, 0, 'the JIM dropped out after 50 days');
    assert.equal(s.indicators.dropout.closed, 0);
    await closeTrajectory(w.base, w.pA, y1.id, 'ended_by_client', T);
    s = await figures();
    assert.equal(s.indicators.dropout.closed, 1);
    assert.equal(s.indicators.dropout.share, 1);
  });
});
