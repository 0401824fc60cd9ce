// Dossier creation (POST /api/v1/youths): valid Unicode names, every 422 rule
// with its field, nothing stored after a 422; and the search
// (GET /api/v1/youths): q, team_id, phase, pagination, never another team.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, youthBody, createYouth, todayAmsterdam, addDays, yearsAgo } from './dossier-fixture.mjs';

const DOSSIER_FIELDS = [
  'id', 'team_id', 'given_name', 'family_name', 'birth_date', 'age', 'bsn', 'municipality', 'legal_frame',
  'living_situation', 'phase', 'phase_since', 'end_reason', 'started_on', 'closed_on', 'first_nominated_on',
  'days_to_nomination', 'user_id', 'created_at', 'network', 'jim', 'access', 'statements',
];

describe('dossier: create and search', () => {
  let w;
  let c;
  const today = todayAmsterdam();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const total = async (who = w.pA, q = '') => {
    const r = await c.get(who, `/youths?per_page=100${q}`);
    assert.equal(r.status, 200, `search: ${r.status} ${r.text}`);
    return r.json.total;
  };

  it('creates a dossier: 201 with id and the contract fields and defaults', async () => {
    const body = youthBody(w.teamA.id, { given_name: 'Sanne', family_name: 'Jansen', bsn: '111222333', municipality: 'Utrecht' });
    const r = await c.post(w.pA, '/youths', body);
    assert.equal(r.status, 201, r.text);
    const d = r.json;
    for (const f of DOSSIER_FIELDS) assert.ok(f in d, `field ${f} in ${r.text}`);
    assert.ok(Number.isInteger(d.id) && d.id > 0);
    assert.equal(d.team_id, w.teamA.id);
    assert.equal(d.given_name, 'Sanne');
    assert.equal(d.family_name, 'Jansen');
    assert.equal(d.birth_date, body.birth_date);
    assert.equal(d.bsn, '111222333');
    assert.equal(d.municipality, 'Utrecht');
    assert.equal(d.legal_frame, 'voluntary', 'legal_frame defaults to voluntary');
    assert.equal(d.living_situation, 'home', 'living_situation defaults to home');
    assert.equal(d.phase, 'jim_search');
    assert.equal(d.started_on, today, 'started_on defaults to today');
    assert.equal(d.jim, null);
    assert.equal(d.access, 'team');
    assert.ok(Array.isArray(d.network));
    assert.match(d.created_at, ISO_UTC);
    assert.ok(d.age === 14 || d.age === 15, `age ${d.age}`);
    const g = await c.get(w.pA, `/youths/${d.id}`);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.id, d.id);
    assert.equal(g.json.family_name, 'Jansen');
  });

  it('a teamlead of the team may create too; valid BSN 123456782 is accepted', async () => {
    const r = await c.post(w.tA, '/youths', youthBody(w.teamA.id, { bsn: '123456782' }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.bsn, '123456782');
  });

  const validNames = [
    ['Zoë', "'t Hooft"],
    ['Çiğdem', 'Öztürk-de Vries'],
    ['Zoë', "Zoë 't Hooft"],
    ['مريم', 'العلي'],
    ['小明', '王'],
    ['J.P.', 'van den Berg'],
    ['Ōtani', 'Łukasiewicz'],
  ];
  for (const [given, family] of validNames) {
    it(`accepts the Unicode name ${given} ${family} and returns it unchanged`, async () => {
      const r = await c.post(w.pA, '/youths', youthBody(w.teamA.id, { given_name: given, family_name: family }));
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.given_name, given);
      assert.equal(r.json.family_name, family);
      const g = await c.get(w.pA, `/youths/${r.json.id}`);
      assert.equal(g.json.given_name, given);
      assert.equal(g.json.family_name, family);
    });
  }

  it('accepts a name of exactly 100 characters, someone who is 27 today and a baby born yesterday', async () => {
    const r = await c.post(w.pA, '/youths', youthBody(w.teamA.id, { family_name: 'a'.repeat(100), birth_date: yearsAgo(today, 27) }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.age, 27);
    const baby = await c.post(w.pA, '/youths', youthBody(w.teamA.id, { birth_date: addDays(today, -1) }));
    assert.equal(baby.status, 201, `born yesterday (age 0): ${baby.text}`);
    assert.equal(baby.json.age, 0);
  });

  const MARK = 'Weigeringtest';
  const invalid = [
    ['empty given name', { given_name: '' }, 'given_name'],
    ['blank family name', { family_name: '   ' }, 'family_name'],
    ['given name of 101 characters', { given_name: 'a'.repeat(101) }, 'given_name'],
    ['family name of 101 characters', { family_name: 'é'.repeat(101) }, 'family_name'],
    ['name with digits', { given_name: 'R2-D2' }, 'given_name'],
    ['family name with digits', { family_name: 'Jansen3' }, 'family_name'],
    ['name with markup', { given_name: '<b>' }, 'given_name'],
    ['family name with markup', { family_name: 'de <b>Vries</b>' }, 'family_name'],
    ['missing given name', { given_name: undefined }, 'given_name'],
    ['birth date 2026-02-30', { birth_date: '2026-02-30' }, 'birth_date'],
    ['birth date 2011-13-01', { birth_date: '2011-13-01' }, 'birth_date'],
    ['birth date not a date', { birth_date: 'gisteren' }, 'birth_date'],
    ['birth date in the future', { birth_date: addDays(today, 1) }, 'birth_date'],
    ['age over 27 (28 today)', { birth_date: yearsAgo(today, 28) }, 'birth_date'],
    ['age 28 (turned 28 yesterday)', { birth_date: addDays(yearsAgo(today, 28), -1) }, 'birth_date'],
    ['missing birth date', { birth_date: undefined }, 'birth_date'],
    ['BSN of 8 digits', { bsn: '11122233' }, 'bsn'],
    ['BSN of 10 digits', { bsn: '1112223330' }, 'bsn'],
    ['BSN with letters', { bsn: '11122233a' }, 'bsn'],
    ['BSN failing the eleven-test (123456788)', { bsn: '123456788' }, 'bsn'],
    ['BSN as a number', { bsn: 111222333 }, 'bsn'],
    ['empty municipality', { municipality: '' }, 'municipality'],
    ['municipality of 101 characters', { municipality: 'x'.repeat(101) }, 'municipality'],
    ['unknown team', { team_id: 987654 }, 'team_id'],
    ['unknown legal_frame', { legal_frame: 'prison' }, 'legal_frame'],
    ['unknown living_situation', { living_situation: 'castle' }, 'living_situation'],
  ];
  for (const [what, over, field] of invalid) {
    it(`refuses ${what}: 422 field ${field}, nothing stored`, async () => {
      const before = await total();
      const body = youthBody(w.teamA.id, { given_name: MARK, ...over });
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      const r = await c.post(w.pA, '/youths', body);
      assertError(r, 422, 'validation_failed', field);
      assert.equal(await total(), before, 'search total unchanged after the 422');
    });
  }

  // One submit of the new-dossier form shows every field at fault: the 422
  // names the first in `field` and lists them all in `fields`, both for the
  // declared table's checks (required, form, length) and for the handler's
  // own rules (letters in a name, a birth date in the past, the eleven-test).
  it('several fields at fault: one 422 lists each in `fields`, the first also in `field`, nothing stored', async () => {
    const before = await total();
    const fields = (e) => e.fields.map((f) => f.field);
    const empty = await c.post(w.pA, '/youths', { given_name: '', family_name: null, municipality: 'x'.repeat(101), team_id: w.teamA.id, given: 'typo' });
    const e1 = assertError(empty, 422, 'validation_failed', 'family_name');
    assert.deepEqual(fields(e1), ['family_name', 'birth_date', 'municipality', 'given'], empty.text);
    assert.match(e1.message, /required/);
    assert.equal(e1.fields[0].message, e1.message);
    for (const f of e1.fields) assert.ok(typeof f.message === 'string' && f.message.length > 0, empty.text);

    const rules = await c.post(w.pA, '/youths', youthBody(w.teamA.id, {
      given_name: MARK, family_name: 'Jansen3', birth_date: addDays(today, 1), bsn: '123456788', municipality: '  ', started_on: addDays(today, 2),
    }));
    const e2 = assertError(rules, 422, 'validation_failed', 'family_name');
    assert.deepEqual(fields(e2), ['family_name', 'birth_date', 'bsn', 'municipality', 'started_on'], rules.text);
    assert.match(e2.fields.find((f) => f.field === 'birth_date').message, /past/);

    // one field at fault: `fields` has just that one
    const one = await c.post(w.pA, '/youths', youthBody(w.teamA.id, { given_name: MARK, bsn: '123456788' }));
    assert.deepEqual(fields(assertError(one, 422, 'validation_failed', 'bsn')), ['bsn']);
    assert.equal(await total(), before, 'nothing stored');
  });

  it('refuses a team the caller is not a member of: 422 field team_id, nothing stored', async () => {
    const beforeA = await total(w.pA);
    const beforeB = await total(w.pB);
    const r = await c.post(w.pA, '/youths', youthBody(w.teamB.id, { given_name: MARK }));
    assertError(r, 422, 'validation_failed', 'team_id');
    assert.equal(await total(w.pA), beforeA);
    assert.equal(await total(w.pB), beforeB, 'team B did not get a dossier');
  });

  it('nothing named after the refused inputs was stored', async () => {
    const r = await c.get(w.pA, `/youths?q=${encodeURIComponent(MARK)}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 0, r.text);
    assert.deepEqual(r.json.items, []);
  });

  it('admin and researcher may not create or search dossiers (403 forbidden)', async () => {
    for (const who of [w.admin, w.rs, w.po]) {
      assertError(await c.post(who, '/youths', youthBody(w.teamA.id)), 403, 'forbidden');
      assertError(await c.get(who, '/youths'), 403, 'forbidden');
    }
  });

  describe('search', () => {
    let a1;
    let a2;
    let a3;
    let b1;
    const tag = 'Zoekmans';
    before(async () => {
      a1 = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Fleur', family_name: `${tag} Bakker` });
      a2 = await createYouth(w.base, w.pA, w.teamA.id, { given_name: `${tag}a`, family_name: 'Visser' });
      a3 = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Daan', family_name: `${tag} Smit` });
      b1 = await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Fleur', family_name: `${tag} Mulder` });
      const p = await c.patch(w.pA, `/youths/${a3.id}`, { phase: 'aftercare', change_reason: 'JIM neemt het over' });
      assert.equal(p.status, 200, `phase change for the phase filter: ${p.text}`);
    });

    it('q matches family name and given name, only in the caller\'s teams', async () => {
      const r = await c.get(w.pA, `/youths?q=${encodeURIComponent(tag)}&per_page=100`);
      assert.equal(r.status, 200, r.text);
      const ids = r.json.items.map((i) => i.id).sort();
      assert.deepEqual(ids, [a1.id, a2.id, a3.id].sort(), r.text);
      assert.equal(r.json.total, 3);
      const item = r.json.items.find((i) => i.id === a1.id);
      for (const f of ['id', 'given_name', 'family_name', 'birth_date', 'team_id', 'phase', 'jim_name']) assert.ok(f in item, `field ${f}`);
      assert.deepEqual(Object.keys(item).sort(), ['birth_date', 'family_name', 'given_name', 'id', 'jim_name', 'phase', 'team_id'], 'an item has exactly these fields');
      assert.equal(item.jim_name, null);
      const g = await c.get(w.pA, `/youths?q=Fleur&per_page=100`);
      assert.ok(g.json.items.some((i) => i.id === a1.id), 'given name Fleur matches');
      assert.ok(!g.json.items.some((i) => i.id === b1.id), 'team B youth not listed');
    });

    it('a query string that is not UTF-8 is 400 on both engines, never a store error', async () => {
      // PostgreSQL refuses such text (SQLSTATE 22021): it answered 503 there and 200 on SQLite.
      for (const p of ['/youths?q=%FF', `/youths?q=${tag}&%FF=1`, '/youths?q=%C3', '/stats/outcomes?municipality=%C3%28']) {
        assertError(await c.get(w.pA, p), 400, 'bad_request');
      }
      const valid = await c.get(w.pA, `/youths?q=%C3%96zlem`);
      assert.equal(valid.status, 200, valid.text);
      assert.equal((await c.get(w.pA, `/youths?q=${tag}`)).json.total, 3, 'the server serves on');
    });

    it('q with a space matches given and family name together', async () => {
      const full = await c.get(w.pA, `/youths?q=${encodeURIComponent(`Daan ${tag}`)}&per_page=100`);
      assert.equal(full.status, 200, full.text);
      assert.deepEqual(full.json.items.map((i) => i.id), [a3.id], full.text);
      assert.equal(full.json.total, 1);
      const swapped = await c.get(w.pA, `/youths?q=${encodeURIComponent(`${tag} Daan`)}`);
      assert.deepEqual(swapped.json.items, [], 'family name first is not the full name');
      assert.equal(swapped.json.total, 0);
    });

    it('team B sees only its own youth for the same query', async () => {
      const r = await c.get(w.pB, `/youths?q=${tag}&per_page=100`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((i) => i.id), [b1.id]);
      assert.equal(r.json.total, 1);
    });

    it('never lists another team\'s youths, not even with team_id of that team', async () => {
      const all = await c.get(w.pA, '/youths?per_page=100');
      assert.equal(all.status, 200);
      for (const i of all.json.items) assert.equal(i.team_id, w.teamA.id, `only team A: ${JSON.stringify(i)}`);
      const r = await c.get(w.pA, `/youths?team_id=${w.teamB.id}&per_page=100`);
      if (r.status === 200) {
        assert.deepEqual(r.json.items, [], `team B filter by a team A member: ${r.text}`);
        assert.equal(r.json.total, 0);
      } else {
        assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.text}`);
      }
    });

    it('team_id filter for the caller\'s own team', async () => {
      const r = await c.get(w.pA, `/youths?team_id=${w.teamA.id}&q=${tag}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.total, 3);
    });

    it('phase filter', async () => {
      const r = await c.get(w.pA, `/youths?phase=aftercare&q=${tag}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((i) => i.id), [a3.id]);
      assert.equal(r.json.items[0].phase, 'aftercare');
      const s = await c.get(w.pA, `/youths?phase=jim_search&q=${tag}&per_page=100`);
      assert.deepEqual(s.json.items.map((i) => i.id).sort(), [a1.id, a2.id].sort());
    });

    it('phase=active leaves closed trajectories out; no phase and phase=closed still list them', async () => {
      const ctag = 'Sluitmans';
      const open = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Open', family_name: ctag });
      const shut = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Dicht', family_name: ctag });
      const p = await c.patch(w.pA, `/youths/${shut.id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen bereikt' });
      assert.equal(p.status, 200, p.text);
      const ids = async (q) => {
        const r = await c.get(w.pA, `/youths?q=${ctag}&per_page=100${q}`);
        assert.equal(r.status, 200, `${q}: ${r.status} ${r.text}`);
        assert.equal(r.json.total, r.json.items.length, `${q}: total counts the same selection`);
        return r.json.items.map((i) => i.id).sort();
      };
      assert.deepEqual(await ids('&phase=active'), [open.id], 'active: the closed one is left out');
      assert.deepEqual(await ids(''), [open.id, shut.id].sort(), 'no phase: every phase');
      assert.deepEqual(await ids('&phase=closed'), [shut.id], 'closed: only the closed one');
      const past = await c.get(w.pA, `/youths?q=${ctag}&phase=active&per_page=1&page=5`);
      assert.equal(past.json.total, 1, 'a page past the end counts active ones only');
      assertError(await c.get(w.pA, '/youths?phase=ACTIVE'), 422, 'validation_failed', 'phase');
    });

    it('pagination: page, per_page, total; pages do not overlap', async () => {
      const p1 = await c.get(w.pA, `/youths?q=${tag}&per_page=2&page=1`);
      assert.equal(p1.status, 200, p1.text);
      assert.equal(p1.json.page, 1);
      assert.equal(p1.json.per_page, 2);
      assert.equal(p1.json.total, 3);
      assert.equal(p1.json.items.length, 2);
      const p2 = await c.get(w.pA, `/youths?q=${tag}&per_page=2&page=2`);
      assert.equal(p2.status, 200, p2.text);
      assert.equal(p2.json.page, 2);
      assert.equal(p2.json.total, 3);
      assert.equal(p2.json.items.length, 1);
      const ids = [...p1.json.items, ...p2.json.items].map((i) => i.id).sort();
      assert.deepEqual(ids, [a1.id, a2.id, a3.id].sort());
      const p3 = await c.get(w.pA, `/youths?q=${tag}&per_page=2&page=3`);
      assert.equal(p3.status, 200);
      assert.deepEqual(p3.json.items, []);
      assert.equal(p3.json.total, 3, 'a page past the end still counts the matches');
      const def = await c.get(w.pA, `/youths?q=${tag}`);
      assert.equal(def.json.per_page, 25, 'per_page defaults to 25');
      assert.equal(def.json.page, 1, 'page defaults to 1');
    });

    it('per_page outside 1–100 is refused', async () => {
      for (const q of ['per_page=0', 'per_page=101', 'per_page=abc']) {
        const r = await c.get(w.pA, `/youths?${q}`);
        assert.ok(r.status === 400 || r.status === 422, `${q}: ${r.status} ${r.text.slice(0, 200)}`);
      }
    });
  });
});
