// What a statement of a period would hold, before it is made
// (GET /api/v1/jims/{id}/statement-preview?from=&to=): the JIM sees the
// amount before sending fixes the days for good. The sums are those of the
// statement made right after; the refusals are those of making it; nothing
// is stored or settled by asking.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim } from './dossier-fixture.mjs';

describe('statement preview', () => {
  let w;
  let c;
  let j;
  let j2;
  const today = todayAmsterdam();
  const d20 = addDays(today, -20);
  const d18 = addDays(today, -18);
  const d10 = addDays(today, -10);
  const preview = (who, from, to, jimId = j.jimId) => c.get(who, `/jims/${jimId}/statement-preview?from=${from}&to=${to}`);

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    j = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els', started_on: addDays(today, -60) });
    j2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Buurman Piet', started_on: addDays(today, -60) });
    for (const body of [
      { date: d20, minutes: 90, km: 12.5, kind: 'travel' },
      { date: d18, minutes: 45, kind: 'phone' },
      { date: d10, minutes: 60, km: 30, kind: 'contact' },
    ]) assert.equal((await c.post(j.jim, `/jims/${j.jimId}/activities`, body)).status, 201);
    assert.equal((await c.post(j.jim, `/jims/${j.jimId}/costs`, { date: d18, amount_cents: 450, description: 'Parkeren' })).status, 201);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('sums a period as a statement would, and stores nothing', async () => {
    const r = await preview(j.jim, d20, d18);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, {
      from: d20, to: d18, km: 12.5, rate_cents_per_km: 23, km_amount_cents: 288, other_costs_cents: 450, total_cents: 738,
      minutes: 135, activities: 2, costs: 1,
    });
    const list = await c.get(j.jim, `/jims/${j.jimId}/statements`);
    assert.deepEqual(list.json.items, [], 'no statement made');
    const acts = await c.get(j.jim, `/jims/${j.jimId}/activities?from=${d20}&to=${d18}`);
    assert.ok(acts.json.items.every((a) => !a.settled), 'the days stay open');
    // the team sees the same
    const t = await preview(w.pA, d20, d18);
    assert.equal(t.status, 200, t.text);
    assert.equal(t.json.total_cents, 738);
  });

  it('matches the statement made right after it', async () => {
    const p = (await preview(j.jim, d20, today)).json;
    const s = await c.post(j.jim, `/jims/${j.jimId}/statements`, { from: d20, to: today });
    assert.equal(s.status, 201, s.text);
    for (const k of ['from', 'to', 'km', 'rate_cents_per_km', 'km_amount_cents', 'other_costs_cents', 'total_cents']) {
      assert.equal(p[k], s.json[k], `${k}: preview ${p[k]}, statement ${s.json[k]}`);
    }
    assert.equal(p.total_cents, 288 + 690 + 450, '12.5 km and 30 km, rounded once: 42.5 × 23 = 977.5 → 978');
  });

  it('answers a period that overlaps a sent statement as making it would: 409', async () => {
    assertError(await preview(j.jim, addDays(today, -30), d20), 409, 'conflict', 'from');
  });

  it('answers a period without entries with 422 empty_period', async () => {
    const quiet = addDays(today, -50);
    assertError(await preview(j.jim, quiet, addDays(quiet, 3)), 422, 'empty_period', 'from');
  });

  it('needs both days, in order, at most a year apart (422)', async () => {
    assertError(await c.get(j.jim, `/jims/${j.jimId}/statement-preview?to=${today}`), 422, 'validation_failed', 'from');
    assertError(await c.get(j.jim, `/jims/${j.jimId}/statement-preview?from=${today}`), 422, 'validation_failed', 'to');
    assertError(await c.get(j.jim, `/jims/${j.jimId}/statement-preview`), 422, 'validation_failed', 'from');
    assertError(await preview(j.jim, 'gisteren', today), 422, 'validation_failed', 'from');
    assertError(await preview(j.jim, today, d10), 422, 'validation_failed', 'to');
    assertError(await preview(j.jim, addDays(today, -400), today), 422, 'validation_failed', 'to');
  });

  it('is only for this JIM and their team: another JIM and another team get 404, the admin 403', async () => {
    assertError(await preview(j2.jim, d20, d18), 404, 'not_found');
    assertError(await preview(w.pB, d20, d18), 404, 'not_found');
    assertError(await preview(w.admin, d20, d18), 403, 'forbidden');
  });
});
