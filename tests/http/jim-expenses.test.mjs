// Expenses of the JIM: costs, expense statements (a frozen snapshot, km at
// the organisation's rate rounded half up), approval by the team, and the
// CSV for Dutch Excel checked byte by byte.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, youthWithJim, backdate } from './dossier-fixture.mjs';

const STATEMENT_FIELDS = ['id', 'jim_id', 'from', 'to', 'km', 'rate_cents_per_km', 'km_amount_cents', 'other_costs_cents', 'total_cents', 'status', 'decided_by', 'decided_at', 'decision_note', 'created_at', 'lines'];
const DEFAULT_SETTINGS = { km_rate_cents: 23, checkin_interval_days: 14, checkin_grace_days: 7, load_hours_per_week: 20, load_weeks_high: 2, load_weeks_window: 3, inactive_days: 21 };

const nl = (d) => d.split('-').reverse().join('-'); // YYYY-MM-DD → dd-mm-yyyy
// Who decided on a statement: {id, display_name}, as alerts and break-glass grants name a user.
const assertDecidedBy = (s, id, name) => assert.deepEqual(s.decided_by, { id, display_name: name }, JSON.stringify(s));

// A minimal RFC 4180 parser with `;` as separator, for checking the fields.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('JIM expenses', () => {
  let w;
  let c;
  let j;
  let j2;
  const today = todayAmsterdam();
  const d15 = addDays(today, -15);
  const d14 = addDays(today, -14);
  const d13 = addDays(today, -13);
  const d12 = addDays(today, -12);

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    j = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', started_on: addDays(today, -60) });
    j2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els', started_on: addDays(today, -60) });
    const act = async (body) => {
      const r = await c.post(j.jim, `/jims/${j.jimId}/activities`, body);
      assert.equal(r.status, 201, `activity ${JSON.stringify(body)}: ${r.text}`);
    };
    await act({ date: d15, minutes: 90, km: 12.5, kind: 'travel', note: '=1+2' });
    await act({ date: d12, minutes: 30, km: 10, kind: 'travel', note: 'Heen; terug' });
    await act({ date: addDays(today, -5), minutes: 15, km: 3, kind: 'travel', note: 'Buiten de periode' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const cost = (who, body, jimId = j.jimId) => c.post(who, `/jims/${jimId}/costs`, body);
  const costOk = async (who, body) => {
    const r = await cost(who, body);
    assert.equal(r.status, 201, `cost ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const statement = (who, from, to, jimId = j.jimId) => c.post(who, `/jims/${jimId}/statements`, { from, to });

  describe('costs', () => {
    it('validation: amount_cents 1–100000 integer, description required, date rules as activities; nothing stored', async () => {
      const ok = { date: d14, amount_cents: 450, description: 'Parkeren', receipt_note: 'bon 123' };
      assertError(await cost(j.jim, { ...ok, amount_cents: 0 }), 422, 'validation_failed', 'amount_cents');
      assertError(await cost(j.jim, { ...ok, amount_cents: 100001 }), 422, 'validation_failed', 'amount_cents');
      assertError(await cost(j.jim, { ...ok, amount_cents: 4.5 }), 422, 'validation_failed', 'amount_cents');
      assertError(await cost(j.jim, { ...ok, amount_cents: '450' }), 422, 'validation_failed', 'amount_cents');
      assertError(await cost(j.jim, { date: d14, amount_cents: 450 }), 422, 'validation_failed', 'description');
      assertError(await cost(j.jim, { ...ok, date: addDays(today, 1) }), 422, 'validation_failed', 'date');
      assertError(await cost(j.jim, { ...ok, date: addDays(today, -91) }), 422, 'validation_failed', 'date');
      const l = await c.get(j.jim, `/jims/${j.jimId}/costs?from=${addDays(today, -90)}&to=${today}`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items, []);
    });

    it('the JIM and the team record costs; 1 and 100000 cents are allowed', async () => {
      const a = await costOk(j.jim, { date: d14, amount_cents: 450, description: 'Parkeren', receipt_note: 'bon 123' });
      assert.equal(a.amount_cents, 450);
      assert.equal(a.description, 'Parkeren');
      assert.equal(a.receipt_note, 'bon 123');
      assert.equal(a.date, d14);
      const b = await costOk(w.pA, { date: d13, amount_cents: 1000, description: '+31 bellen', receipt_note: 'Zei "ok"' });
      assert.equal(b.description, '+31 bellen');
      await costOk(j.jim, { date: addDays(today, -30), amount_cents: 1, description: 'Een cent' });
      await costOk(j.jim, { date: addDays(today, -30), amount_cents: 100000, description: 'Maximaal bedrag' });
      const l = await c.get(w.pA, `/jims/${j.jimId}/costs?from=${d15}&to=${d12}`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items.map((x) => x.amount_cents).sort((x, y) => x - y), [450, 1000], 'from/to narrow the list');
    });

    it('another JIM and another team get 404; admin 403', async () => {
      assertError(await cost(j2.jim, { date: today, amount_cents: 5, description: 'x' }), 404, 'not_found');
      assertError(await c.get(j2.jim, `/jims/${j.jimId}/costs`), 404, 'not_found');
      assertError(await cost(w.pB, { date: today, amount_cents: 5, description: 'x' }), 404, 'not_found');
      assertError(await c.get(w.pB, `/jims/${j.jimId}/costs`), 404, 'not_found');
      assertError(await c.get(w.admin, `/jims/${j.jimId}/costs`), 403, 'forbidden');
    });
  });

  describe('statements', () => {
    let s1;
    let s2;
    it('a statement for a period: km 12.5 × 23 = 287.5 → 288 cents, plus the costs', async () => {
      const r = await statement(j.jim, d15, d14);
      assert.equal(r.status, 201, r.text);
      s1 = r.json;
      for (const f of STATEMENT_FIELDS) assert.ok(f in s1, `field ${f} in ${r.text}`);
      assert.equal(s1.jim_id, j.jimId);
      assert.equal(s1.from, d15);
      assert.equal(s1.to, d14);
      assert.equal(s1.km, 12.5);
      assert.equal(s1.rate_cents_per_km, 23);
      assert.equal(s1.km_amount_cents, 288, 'round half up of 287.5');
      assert.equal(s1.other_costs_cents, 450);
      assert.equal(s1.total_cents, 738);
      assert.equal(s1.status, 'submitted');
      assert.equal(s1.decided_by, null, 'undecided: null');
      assert.equal(s1.decided_at, null);
      assert.match(s1.created_at, ISO_UTC);
      assert.ok(Array.isArray(s1.lines) && s1.lines.length >= 1, `lines: ${JSON.stringify(s1.lines)}`);
      const g = await c.get(w.pA, `/statements/${s1.id}`);
      assert.equal(g.status, 200, g.text);
      assert.equal(g.json.total_cents, 738);
      assert.ok(Array.isArray(g.json.lines));
    });

    it('a period overlapping a submitted statement is 409 (inclusive bounds)', async () => {
      assertError(await statement(j.jim, d14, d12), 409, 'conflict');
      assertError(await statement(w.pA, addDays(today, -20), d15), 409, 'conflict');
      assertError(await statement(w.pA, addDays(today, -20), today), 409, 'conflict');
      const l = await c.get(j.jim, `/jims/${j.jimId}/statements`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items.map((s) => s.id), [s1.id], 'nothing stored by the 409s');
    });

    it('from/to are validated', async () => {
      assertError(await c.post(j.jim, `/jims/${j.jimId}/statements`, { to: d12 }), 422, 'validation_failed', 'from');
      assertError(await c.post(j.jim, `/jims/${j.jimId}/statements`, { from: d13 }), 422, 'validation_failed', 'to');
      const r = await statement(j.jim, d12, d13);
      assert.equal(r.status, 422, `to before from: ${r.status} ${r.text}`);
    });

    it('the JIM cannot approve or reject (403); another team gets 404; still submitted', async () => {
      assertError(await c.post(j.jim, `/statements/${s1.id}/approve`, {}), 403, 'forbidden');
      assertError(await c.post(j.jim, `/statements/${s1.id}/reject`, { note: 'Nee' }), 403, 'forbidden');
      assertError(await c.post(w.pB, `/statements/${s1.id}/approve`, {}), 404, 'not_found');
      assertError(await c.get(w.pB, `/statements/${s1.id}`), 404, 'not_found');
      assertError(await c.get(j2.jim, `/statements/${s1.id}`), 404, 'not_found');
      assertError(await c.get(w.admin, `/statements/${s1.id}`), 403, 'forbidden');
      assert.equal((await c.get(j.jim, `/statements/${s1.id}`)).json.status, 'submitted');
    });

    it('a rejection needs a note (422)', async () => {
      assertError(await c.post(w.pA, `/statements/${s1.id}/reject`, {}), 422, 'validation_failed', 'note');
      assertError(await c.post(w.pA, `/statements/${s1.id}/reject`, { note: '' }), 422, 'validation_failed', 'note');
      assert.equal((await c.get(w.pA, `/statements/${s1.id}`)).json.status, 'submitted');
    });

    it('a professional of the team approves; approved is final (approve or reject again → 409)', async () => {
      const r = await c.post(w.pA, `/statements/${s1.id}/approve`, { note: 'Akkoord' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'approved');
      assertDecidedBy(r.json, w.pA.id, 'Anna Professional');
      assert.match(r.json.decided_at, ISO_UTC);
      assert.equal(r.json.total_cents, 738);
      assertError(await c.post(w.pA, `/statements/${s1.id}/approve`, {}), 409, 'conflict');
      assertError(await c.post(w.tA, `/statements/${s1.id}/reject`, { note: 'Toch niet' }), 409, 'conflict');
      const g = await c.get(j.jim, `/statements/${s1.id}`);
      assert.equal(g.json.status, 'approved');
      assertDecidedBy(g.json, w.pA.id, 'Anna Professional');
      const listed = (await c.get(w.pA, `/jims/${j.jimId}/statements`)).json.items.find((x) => x.id === s1.id);
      assertDecidedBy(listed, w.pA.id, 'Anna Professional');
      assertError(await statement(j.jim, d14, d14), 409, 'conflict');
    });

    it('a rejected statement frees its period; a rejected one cannot be approved', async () => {
      const r = await statement(j.jim, d13, d12);
      assert.equal(r.status, 201, r.text);
      s2 = r.json;
      assert.equal(s2.km, 10);
      assert.equal(s2.km_amount_cents, 230);
      assert.equal(s2.other_costs_cents, 1000);
      assert.equal(s2.total_cents, 1230);
      const rj = await c.post(w.tA, `/statements/${s2.id}/reject`, { note: 'Bon ontbreekt' });
      assert.equal(rj.status, 200, rj.text);
      assert.equal(rj.json.status, 'rejected');
      assert.equal(rj.json.decision_note, 'Bon ontbreekt');
      assertDecidedBy(rj.json, w.tA.id, 'Ties Teamlead');
      assertError(await c.post(w.pA, `/statements/${s2.id}/approve`, {}), 409, 'conflict');
      assertError(await c.post(w.pA, `/statements/${s2.id}/reject`, { note: 'Nogmaals' }), 409, 'conflict');
      const again = await statement(j.jim, d13, d12);
      assert.equal(again.status, 201, `same period after a rejection: ${again.text}`);
      assert.equal(again.json.total_cents, 1230);
      const l = await c.get(w.pA, `/jims/${j.jimId}/statements`);
      assert.deepEqual(l.json.items.map((s) => s.id).sort((a, b) => a - b), [s1.id, s2.id, again.json.id]);
    });

    it('four eyes: whoever drew up a statement or entered or changed its lines does not approve it (409 own_entries)', async () => {
      const act = async (who, date, km) => {
        const a = await c.post(who, `/jims/${j.jimId}/activities`, { date, minutes: 30, km, kind: 'travel' });
        assert.equal(a.status, 201, a.text);
        return a.json;
      };
      // entered by the professional, submitted by the JIM
      const e = addDays(today, -40);
      await act(w.pA, e, 1500);
      const s3 = (await statement(j.jim, e, e)).json;
      assertError(await c.post(w.pA, `/statements/${s3.id}/approve`, {}), 409, 'own_entries');
      assert.equal((await c.get(w.pA, `/statements/${s3.id}`)).json.status, 'submitted', 'nothing decided');
      const byLead = await c.post(w.tA, `/statements/${s3.id}/approve`, {});
      assert.equal(byLead.status, 200, byLead.text);
      assertDecidedBy(byLead.json, w.tA.id, 'Ties Teamlead');
      // entered by the JIM, changed by the professional
      const f = addDays(today, -42);
      const own = await act(j.jim, f, 2);
      const p = await c.patch(w.pA, `/activities/${own.id}`, { km: 1500 });
      assert.equal(p.status, 200, p.text);
      // the JIM corrects the note afterwards: the professional's change still counts
      const later = await c.patch(j.jim, `/activities/${own.id}`, { note: 'Naar de sportclub' });
      assert.equal(later.status, 200, later.text);
      const s4 = (await statement(j.jim, f, f)).json;
      assertError(await c.post(w.pA, `/statements/${s4.id}/approve`, {}), 409, 'own_entries');
      // drawn up by the professional from the JIM's own lines; rejecting stays open to them
      const g = addDays(today, -44);
      await act(j.jim, g, 3);
      const s5 = await statement(w.pA, g, g);
      assert.equal(s5.status, 201, s5.text);
      assertError(await c.post(w.pA, `/statements/${s5.json.id}/approve`, {}), 409, 'own_entries');
      const rj = await c.post(w.pA, `/statements/${s5.json.id}/reject`, { note: 'Verkeerde periode' });
      assert.equal(rj.status, 200, rj.text);
      // the JIM's own lines and statement: the professional approves
      const h = addDays(today, -46);
      await act(j.jim, h, 4);
      const s6 = (await statement(j.jim, h, h)).json;
      assert.equal((await c.post(w.pA, `/statements/${s6.id}/approve`, {})).status, 200);
    });

    it('four eyes: moving an activity out of a statement\'s period counts as changing its lines (409 own_entries)', async () => {
      const act = async (date, km) => {
        const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date, minutes: 30, km, kind: 'travel' });
        assert.equal(a.status, 201, a.text);
        return a.json;
      };
      // The professional moves one of the JIM's two activities of day x to a day outside the period.
      const x = addDays(today, -47);
      await act(x, 5);
      const moved = await act(x, 600);
      const p = await c.patch(w.pA, `/activities/${moved.id}`, { date: addDays(today, -53) });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.date, addDays(today, -53));
      const s7 = (await statement(j.jim, x, x)).json;
      assert.equal(s7.km, 5, 'the moved activity is not in the statement');
      assertError(await c.post(w.pA, `/statements/${s7.id}/approve`, {}), 409, 'own_entries');
      assert.equal((await c.get(w.pA, `/statements/${s7.id}`)).json.status, 'submitted', 'nothing decided');
      assert.equal((await c.post(w.tA, `/statements/${s7.id}/approve`, {})).status, 200, 'a colleague approves');
      // The JIM moving their own activity out of the period does not stop the professional.
      const y = addDays(today, -49);
      await act(y, 6);
      const own = await act(y, 700);
      const q = await c.patch(j.jim, `/activities/${own.id}`, { date: addDays(today, -51) });
      assert.equal(q.status, 200, q.text);
      const s8 = (await statement(j.jim, y, y)).json;
      assert.equal(s8.km, 6);
      const ok = await c.post(w.pA, `/statements/${s8.id}/approve`, {});
      assert.equal(ok.status, 200, ok.text);
    });

    it('the km amount is rounded once, on the period\'s km (0.5 + 0.5 km → 23 cents, not 12 + 12)', async () => {
      const d = addDays(today, -9);
      for (const km of [0.5, 0.5, 40]) {
        const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: d, minutes: 10, km, kind: 'travel' });
        assert.equal(a.status, 201, a.text);
        if (km === 40) {
          const del = await c.del(j.jim, `/activities/${a.json.id}`);
          assert.equal(del.status, 204, del.text);
        }
      }
      const s = await statement(j.jim, d, d);
      assert.equal(s.status, 201, s.text);
      assert.equal(s.json.km, 1, 'the deleted 40 km do not count');
      assert.equal(s.json.km_amount_cents, 23);
      assert.equal(s.json.total_cents, 23);
    });

    it('another JIM\'s statements do not overlap with this JIM\'s', async () => {
      assertError(await statement(j2.jim, d15, d12, j2.jimId), 422, 'empty_period', 'from');
      const a = await c.post(j2.jim, `/jims/${j2.jimId}/activities`, { date: d13, minutes: 20, km: 2, kind: 'travel' });
      assert.equal(a.status, 201, a.text);
      const r = await statement(j2.jim, d15, d12, j2.jimId);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.jim_id, j2.jimId);
      assert.equal(r.json.total_cents, 46);
    });

    it('a period without activities or costs is no statement (422 empty_period): it would only close the days', async () => {
      const quiet = addDays(today, -60);
      assertError(await statement(j.jim, quiet, addDays(quiet, 2)), 422, 'empty_period', 'from');
      assertError(await statement(w.pA, quiet, quiet), 422, 'empty_period', 'from');
      const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: addDays(quiet, 1), minutes: 30, km: 0, kind: 'phone' });
      assert.equal(a.status, 201, `the days stay open: ${a.text}`);
    });

    it('another JIM cannot make a statement for this JIM (404)', async () => {
      assertError(await statement(j2.jim, addDays(today, -3), addDays(today, -3)), 404, 'not_found');
      assertError(await statement(w.pB, addDays(today, -3), addDays(today, -3)), 404, 'not_found');
      assertError(await c.get(j2.jim, `/jims/${j.jimId}/statements`), 404, 'not_found');
    });

    it('a statement is a frozen snapshot: no later entries in its period (409 settled), and it stays as it was', async () => {
      const d = addDays(today, -5);
      await costOk(j.jim, { date: d, amount_cents: 300, description: 'Lunch' });
      const s = await statement(j.jim, d, d);
      assert.equal(s.status, 201, s.text);
      assert.equal(s.json.km, 3);
      assert.equal(s.json.km_amount_cents, 69);
      assert.equal(s.json.total_cents, 369);
      assertError(await cost(j.jim, { date: d, amount_cents: 200, description: 'Nog een lunch' }), 409, 'settled');
      assertError(await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: d, minutes: 10, km: 5, kind: 'travel' }), 409, 'settled');
      const g = await c.get(j.jim, `/statements/${s.json.id}`);
      assert.equal(g.json.km, 3);
      assert.equal(g.json.other_costs_cents, 300);
      assert.equal(g.json.total_cents, 369);
    });
  });

  describe('CSV for Dutch Excel', () => {
    let res;
    let bytes;
    let text;
    before(async () => {
      res = await fetch(`${w.base}/api/v1/jims/${j.jimId}/expenses.csv?from=${d15}&to=${d12}`, {
        headers: { Authorization: `Bearer ${j.jim.token}` },
        signal: AbortSignal.timeout(20000),
      });
      bytes = Buffer.from(await res.arrayBuffer());
      text = bytes.subarray(3).toString('utf8');
    });

    it('200 text/csv; charset=utf-8, starting with the UTF-8 BOM', () => {
      assert.equal(res.status, 200, bytes.toString('utf8'));
      assert.match(res.headers.get('content-type') || '', /^text\/csv;\s*charset=utf-8$/i);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `BOM: ${bytes.subarray(0, 8).toString('hex')}`);
    });

    it('downloads under a name that says kilometres and costs, with the JIM and the period (ASCII)', () => {
      assert.equal(res.headers.get('content-disposition'),
        `attachment; filename="kilometers-en-kosten-jim-${j.jimId}-${d15}-${d12}.csv"`);
    });

    it('CRLF line ends only, and the exact header row', () => {
      const lines = text.split('\r\n');
      assert.equal(lines[lines.length - 1], '', 'the last row ends with CRLF too');
      for (const l of lines) assert.ok(!l.includes('\n') && !l.includes('\r'), `bare LF or CR in ${JSON.stringify(l)}`);
      assert.equal(lines[0], 'Datum;Soort;Minuten;Kilometers;Bedrag (EUR);Omschrijving;Bon');
    });

    it('one row per activity with km and per cost in the period, dates dd-mm-yyyy, decimal comma', () => {
      const rows = parseCsv(text);
      assert.equal(rows.length, 6, `header, 2 activities, 2 costs, total: ${JSON.stringify(rows)}`);
      for (const r of rows) assert.equal(r.length, 7, `7 columns: ${JSON.stringify(r)}`);
      const body = rows.slice(1, -1);
      const a1 = body.find((r) => r[0] === nl(d15) && r[3] !== '');
      assert.ok(a1, `activity row dated ${nl(d15)}: ${JSON.stringify(body)}`);
      assert.equal(a1[2], '90');
      assert.equal(a1[3], '12,5');
      assert.equal(a1[4], '2,88');
      const a2 = body.find((r) => r[0] === nl(d12));
      assert.ok(a2, `activity row dated ${nl(d12)}`);
      assert.equal(a2[2], '30');
      assert.ok(['10', '10,0'].includes(a2[3]), a2[3]);
      assert.equal(a2[4], '2,30');
      assert.equal(a2[5], 'Heen; terug');
      const c1 = body.find((r) => r[0] === nl(d14));
      assert.ok(c1, `cost row dated ${nl(d14)}`);
      assert.equal(c1[4], '4,50');
      assert.equal(c1[5], 'Parkeren');
      assert.equal(c1[6], 'bon 123');
      const c2 = body.find((r) => r[0] === nl(d13));
      assert.ok(c2, `cost row dated ${nl(d13)}`);
      assert.equal(c2[4], '10,00');
      assert.equal(c2[6], 'Zei "ok"');
      assert.ok(!text.includes('Buiten de periode') && !text.includes('Maximaal bedrag'), 'nothing outside the period');
    });

    it('the kind column (Soort) holds codes in any language: the activity\'s kind, or cost', () => {
      const body = parseCsv(text).slice(1, -1);
      assert.deepEqual(body.map((r) => r[1]).sort(), ['cost', 'cost', 'travel', 'travel'], JSON.stringify(body));
      for (const r of body) assert.equal(r[1] === 'cost', r[3] === '', `a cost has no km, an activity has: ${JSON.stringify(r)}`);
      assert.ok(!text.includes('onkosten'), 'no Dutch word among the codes');
    });

    it('formula injection is defused with a leading apostrophe; ; and " are quoted', () => {
      const rows = parseCsv(text);
      assert.ok(rows.some((r) => r[5] === "'=1+2"), `note '=1+2' as "'=1+2": ${JSON.stringify(rows)}`);
      assert.ok(rows.some((r) => r[5] === "'+31 bellen"), 'description +31 bellen prefixed');
      assert.ok(!/(^|;)=1\+2/m.test(text), 'no cell starts with =');
      assert.ok(!/(^|;)"?\+31/m.test(text), 'no cell starts with +');
      assert.ok(text.includes(';"Heen; terug";') || text.includes(';"Heen; terug"\r\n'), `a note with ; is quoted: ${text}`);
      assert.ok(text.includes('"Zei ""ok"""'), 'a " is doubled inside quotes');
    });

    it('the totals row: Totaal;;<minutes>;<km>;<amount>;;', () => {
      const lines = text.split('\r\n').filter(Boolean);
      // 90 + 30 minutes; 22,5 km; 288 + 230 + 450 + 1000 cents
      assert.equal(lines[lines.length - 1], 'Totaal;;120;22,5;19,68;;');
    });

    it('the team may download it; another JIM and another team get 404', async () => {
      const p = await c.get(w.pA, `/jims/${j.jimId}/expenses.csv?from=${d15}&to=${d12}`);
      assert.equal(p.status, 200);
      assert.ok(p.text.includes('Totaal;;120;22,5;19,68;;'));
      assertError(await c.get(j2.jim, `/jims/${j.jimId}/expenses.csv`), 404, 'not_found');
      assertError(await c.get(w.pB, `/jims/${j.jimId}/expenses.csv`), 404, 'not_found');
    });
  });

  describe('CSV: more quoting and formula cases', () => {
    let rows;
    let text;
    before(async () => {
      const d8 = addDays(today, -8);
      const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: d8, minutes: 40, km: 2, kind: 'travel', note: 'regel één\nregel twee' });
      assert.equal(a.status, 201, a.text);
      const x = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: d8, minutes: 10, km: 7.5, kind: 'travel', note: 'verwijderd' });
      assert.equal(x.status, 201, x.text);
      assert.equal((await c.del(j.jim, `/activities/${x.json.id}`)).status, 204);
      await costOk(j.jim, { date: addDays(today, -7), amount_cents: 100, description: '-5 korting', receipt_note: '@bon' });
      const res = await fetch(`${w.base}/api/v1/jims/${j.jimId}/expenses.csv?from=${d8}&to=${addDays(today, -7)}`, {
        headers: { Authorization: `Bearer ${j.jim.token}` },
        signal: AbortSignal.timeout(20000),
      });
      assert.equal(res.status, 200);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      text = bytes.subarray(3).toString('utf8');
      rows = parseCsv(text);
    });

    it('a field with a line break is quoted and survives; - and @ are prefixed with \'', () => {
      assert.ok(rows.some((r) => r[5] === 'regel één\nregel twee' || r[5] === 'regel één\r\nregel twee'), `note with a line break: ${JSON.stringify(rows)}`);
      assert.ok(text.includes('"regel één'), 'quoted');
      assert.ok(rows.some((r) => r[5] === "'-5 korting"), `description -5 korting prefixed: ${JSON.stringify(rows)}`);
      assert.ok(rows.some((r) => r[6] === "'@bon"), `receipt note @bon prefixed: ${JSON.stringify(rows)}`);
    });

    it('a deleted activity is not exported; the totals row adds up', () => {
      assert.ok(!text.includes('verwijderd'), 'deleted activity absent');
      assert.equal(rows.length, 4, `header, activity, cost, total: ${JSON.stringify(rows)}`);
      assert.deepEqual(rows[rows.length - 1], ['Totaal', '', '40', '2', '1,46', '', ''].map((v, i) => (i === 3 && rows[rows.length - 1][3] === '2,0' ? '2,0' : v)));
    });

  });

  describe('the organisation\'s km rate', () => {
    after(async () => {
      await c.put(w.admin, `/organisations/${w.org.id}/settings`, DEFAULT_SETTINGS);
    });

    it('a statement uses the organisation\'s rate at the time; earlier statements keep theirs', async () => {
      const s = await c.get(w.admin, `/organisations/${w.org.id}/settings`);
      assert.equal(s.status, 200, s.text);
      assert.equal(s.json.km_rate_cents, 23);
      const p = await c.put(w.admin, `/organisations/${w.org.id}/settings`, { ...DEFAULT_SETTINGS, km_rate_cents: 19 });
      assert.equal(p.status, 200, p.text);
      const d = addDays(today, -25);
      const a = await c.post(j2.jim, `/jims/${j2.jimId}/activities`, { date: d, minutes: 60, km: 12.5, kind: 'travel' });
      assert.equal(a.status, 201, a.text);
      const st = await statement(j2.jim, d, d, j2.jimId);
      assert.equal(st.status, 201, st.text);
      assert.equal(st.json.rate_cents_per_km, 19);
      assert.equal(st.json.km_amount_cents, 238, '12.5 × 19 = 237.5 → 238');
      assert.equal(st.json.total_cents, 238);
      const old = (await c.get(j.jim, `/jims/${j.jimId}/statements`)).json.items;
      assert.ok(old.length >= 3 && old.every((x) => x.rate_cents_per_km === 23), 'frozen rate on earlier statements');
    });
  });

  describe('removing a cost', () => {
    it('a wrong cost can be removed: by the JIM their own within 14 days, by the team any; not once settled', async () => {
      const d = addDays(today, -50);
      const listed = async () => (await c.get(j.jim, `/jims/${j.jimId}/costs?from=${d}&to=${d}`)).json.items.map((x) => x.id);
      const typo = await costOk(j.jim, { date: d, amount_cents: 45000, description: 'Parkeren (bedoeld: 4,50)' });
      assert.equal(typo.locked, false);
      assert.equal(typo.settled, false);
      assert.equal(typo.entered_by.id, j.jim.id);
      assertError(await c.del(j2.jim, `/costs/${typo.id}`), 404, 'not_found');
      assertError(await c.del(w.pB, `/costs/${typo.id}`), 404, 'not_found');
      assertError(await c.del(w.admin, `/costs/${typo.id}`), 403, 'forbidden');
      assert.equal((await c.del(j.jim, `/costs/${typo.id}`)).status, 204);
      assertError(await c.del(j.jim, `/costs/${typo.id}`), 404, 'not_found');
      assert.deepEqual(await listed(), [], 'gone from the list');
      // the team's entry is the team's to remove; an old one is no longer the JIM's
      const byTeam = await costOk(w.pA, { date: d, amount_cents: 300, description: 'Bus' });
      assertError(await c.del(j.jim, `/costs/${byTeam.id}`), 403, 'forbidden');
      const old = await costOk(j.jim, { date: d, amount_cents: 700, description: 'Trein' });
      backdate(w.server.db, 'jim_costs', 'created_at', old.id, 15);
      assertError(await c.del(j.jim, `/costs/${old.id}`), 409, 'locked');
      assert.equal((await c.del(w.pA, `/costs/${byTeam.id}`)).status, 204);
      assert.deepEqual(await listed(), [old.id]);
      // a statement holds what is left; then its day is settled for everyone
      const st = await statement(j.jim, d, d);
      assert.equal(st.status, 201, st.text);
      assert.equal(st.json.other_costs_cents, 700, 'the removed costs are not claimed');
      assert.equal((await c.get(j.jim, `/jims/${j.jimId}/costs?from=${d}&to=${d}`)).json.items[0].settled, true);
      assertError(await c.del(w.pA, `/costs/${old.id}`), 409, 'settled');
      assert.deepEqual(await listed(), [old.id]);
      // four eyes: pA removed a cost of that day, so a colleague approves
      assertError(await c.post(w.pA, `/statements/${st.json.id}/approve`, {}), 409, 'own_entries');
      assert.equal((await c.post(w.tA, `/statements/${st.json.id}/approve`, {})).status, 200);
    });
  });
});
