// Alerts about the JIM of a young person whose trajectory is closed
// (docs/api-jim-support.md): the team no longer works with that JIM, so the
// alerts list (open, acknowledged or all) leaves them out and nothing raises
// new ones for them: not listing, not the JIM's own check-ins and hours, not
// a professional's entry; the open-alerts gauge of /metrics counts what the
// list shows. An ended JIM gets no new alerts either. The JIMs of open files
// are listed as before.
// Without this a closed file's JIM kept "check-in overdue" and "inactive"
// on the team's home page for ever, with no way to make them stop, and
// their posts after the close kept storing alerts that nobody saw.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dbQuery } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim } from './dossier-fixture.mjs';

const require = createRequire(import.meta.url);
const parsePrometheus = require('parse-prometheus-text-format');
const TOKEN = 'metrics-token-for-alert-tests-0123456789';

describe('alerts of a closed file', () => {
  let w;
  let c;
  const today = todayAmsterdam();
  const alerts = async (state) => {
    const r = await c.get(w.pA, `/alerts?team_id=${w.teamA.id}&state=${state}`);
    assert.equal(r.status, 200, `alerts ${state}: ${r.status} ${r.text}`);
    return r.json.items;
  };
  const kindsOf = async (state, j) => (await alerts(state)).filter((a) => a.jim_id === j.jimId).map((a) => a.kind).sort();
  // Every alert row of a JIM as stored, listed or not.
  const storedKinds = (j) =>
    dbQuery(w.server.db, `SELECT kind FROM alerts WHERE jim_id = ${Number(j.jimId)} ORDER BY kind;`)
      .split('\n').filter((l) => l.trim()).map((l) => l.trim());
  const openAlertsGauge = async () => {
    const r = await fetch(`${w.base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 200);
    const f = parsePrometheus(await r.text()).find((m) => m.name === 'kring_open_alerts');
    assert.ok(f, 'kring_open_alerts in the scrape');
    return Number(f.metrics[0].value);
  };
  const close = async (y) => {
    const r = await c.patch(w.pA, `/youths/${y.youth.id}`,
      { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen gehaald' });
    assert.equal(r.status, 200, r.text);
  };

  before(async () => {
    w = await setupDossierWorld({ env: { KRING_METRICS_TOKEN: TOKEN } });
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('lists a quiet JIM until the file is closed, then no longer', async () => {
    const youthStart = { started_on: addDays(today, -60) };
    const closing = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Closed', started_on: addDays(today, -40), youth: youthStart });
    const open = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Open', started_on: addDays(today, -40), youth: youthStart });
    assert.deepEqual(await kindsOf('open', closing), ['checkin_overdue', 'inactive']);
    // one of the two acknowledged: it is in "acknowledged" and "all" while the file is open
    const ack = (await alerts('open')).find((a) => a.jim_id === closing.jimId && a.kind === 'inactive');
    const r = await c.post(w.pA, `/alerts/${ack.id}/acknowledge`, { note: 'Gebeld, het gaat goed.' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await kindsOf('acknowledged', closing), ['inactive']);

    const closed = await c.patch(w.pA, `/youths/${closing.youth.id}`,
      { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen gehaald' });
    assert.equal(closed.status, 200, closed.text);
    for (const state of ['open', 'acknowledged', 'all']) {
      assert.deepEqual(await kindsOf(state, closing), [], `no ${state} alerts of the closed file`);
    }
    assert.deepEqual(await kindsOf('open', open), ['checkin_overdue', 'inactive'], 'the open file is listed as before');
    assert.deepEqual(await kindsOf('all', open), ['checkin_overdue', 'inactive']);
  });

  it('the open-alerts gauge counts the open alerts the list shows, not those of a closed file', async () => {
    const youthStart = { started_on: addDays(today, -60) };
    const closing = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Gauge', started_on: addDays(today, -40), youth: youthStart });
    const listed = async () => (await alerts('open')).length; // listing raises first
    assert.deepEqual(await kindsOf('open', closing), ['checkin_overdue', 'inactive']);
    assert.equal(await openAlertsGauge(), await listed(), 'while the file is open');
    await close(closing);
    const after = await listed();
    assert.equal(await openAlertsGauge(), after, 'after the close: the two of the closed file are no longer counted');
    assert.equal(dbQuery(w.server.db, `SELECT count(*) FROM alerts WHERE jim_id = ${Number(closing.jimId)} AND acknowledged_at IS NULL;`).trim(), '2',
      'they are kept as they were, not acknowledged in anyone\'s name');
    const id = dbQuery(w.server.db, `SELECT min(id) FROM alerts WHERE jim_id = ${Number(closing.jimId)};`).trim();
    const ack = await c.post(w.pA, `/alerts/${id}/acknowledge`, { note: 'Dossier is gesloten.' });
    assert.equal(ack.status, 200, `one can still be acknowledged by its id: ${ack.text}`);
    assert.equal(await openAlertsGauge(), await listed());
  });

  it('a closed file\'s JIM raises no alerts through their own check-ins and hours, nor a professional\'s entry', async () => {
    const y = await youthWithJim(w.base, w.pA, w.teamA.id,
      { name: 'Oom Gesloten', started_on: addDays(today, -40), youth: { started_on: addDays(today, -60) } });
    await close(y); // before any listing: no alert of this JIM is stored yet
    assert.deepEqual(storedKinds(y), []);
    // for a JIM of an open file these raise wellbeing_low, wants_to_stop,
    // inactive (the last activity 29 days ago) and checkin_overdue
    let r = await c.post(y.jim, `/jims/${y.jimId}/checkins`, { wellbeing: 1, burden: 5, continue: 'no' });
    assert.equal(r.status, 201, `the JIM may still check in: ${r.text}`);
    r = await c.post(y.jim, `/jims/${y.jimId}/activities`, { date: addDays(today, -30), minutes: 600, kind: 'contact' });
    assert.equal(r.status, 201, `the JIM may still log hours: ${r.text}`);
    r = await c.post(w.pA, `/jims/${y.jimId}/activities`, { date: addDays(today, -29), minutes: 600, kind: 'phone' });
    assert.equal(r.status, 201, `a professional may still enter them: ${r.text}`);
    await alerts('all');
    assert.deepEqual(storedKinds(y), [], 'no alert stored for the closed file');
  });

  it('an ended JIM raises no new alerts through a professional\'s late entry', async () => {
    const y = await youthWithJim(w.base, w.pA, w.teamA.id,
      { name: 'Buurvrouw Gestopt', started_on: addDays(today, -40), youth: { started_on: addDays(today, -60) } });
    const end = await c.post(w.pA, `/jims/${y.jimId}/end`, { reason: 'other' });
    assert.equal(end.status, 200, end.text);
    const r = await c.post(w.pA, `/jims/${y.jimId}/activities`, { date: addDays(today, -30), minutes: 60, kind: 'contact' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(storedKinds(y), [], 'no "inactive" or "check-in overdue" for a JIM who stopped');
    assert.deepEqual(await kindsOf('all', y), []);
  });
});
