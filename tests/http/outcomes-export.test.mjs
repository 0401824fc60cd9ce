// The pseudonymised research export (docs/api-outcomes.md):
// GET /api/v1/exports/research.csv with `kring serve --research-key FILE`.
// Header, one row per trajectory, no names / BSNs / exact dates / small
// municipalities / free text, stable keyed pseudonyms that change with the
// key, an `export` audit event per export, researchers only.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, kring, loginOk } from './harness.mjs';
import { createYouth, todayAmsterdam, addDays } from './dossier-fixture.mjs';
import {
  startServerWith,
  worldOn,
  researchKeyFile,
  requester,
  moveTo,
  closeTrajectory,
  nominate,
  activateJim,
  validBsn,
  parseCsv,
  getRaw,
} from './outcomes-fixture.mjs';

const T = todayAmsterdam();
const ago = (n) => addDays(T, -n);
const HEADER =
  'pseudonym;birth_year;municipality;team;has_jim;days_to_nomination;followup_days;placement;dropout;satisfaction_youth_T0;satisfaction_youth_T9;satisfaction_parents_T0;satisfaction_parents_T9;goal_realisation_T9;goal_realisation_T15';
const COLS = HEADER.split(';');

// Seven young people with distinct birth years (so rows can be matched), rare
// names, valid BSNs, odd birth days; five in Utrecht, one in Bunnik, one in Houten.
const PEOPLE = [
  { key: 'a', given: 'Zephyrine', family: 'Vlasblom', age: 13, md: '03-17', muni: 'Utrecht', team: 'A', start: 400 },
  { key: 'b', given: 'Quirijn', family: 'Oudshoorn', age: 14, md: '05-09', muni: 'Utrecht', team: 'A', start: 380 },
  { key: 'c', given: 'Jorinde', family: 'Wijnbergen', age: 15, md: '07-23', muni: 'Utrecht', team: 'A', start: 360 },
  { key: 'd', given: 'Ebbo', family: 'Terpstrakamp', age: 16, md: '01-11', muni: 'Utrecht', team: 'A', start: 300 },
  { key: 'e', given: 'Wessel', family: 'Brouwerhaven', age: 17, md: '11-04', muni: 'Utrecht', team: 'B', start: 250 },
  { key: 'f', given: 'Fleurine', family: 'Kalkhoven', age: 18, md: '09-13', muni: 'Bunnik', team: 'B', start: 200 },
  { key: 'g', given: 'Ymkje', family: 'Dorrestijn', age: 19, md: '06-21', muni: 'Houten', team: 'B', start: 150 },
  { key: 'h', given: 'Hidde', family: 'Zandvoortman', age: 20, md: '02-02', muni: 'Utrecht', team: 'A', start: 200, living: 'foster_care' },
];
const SECRET_TEXTS = [
  'GEHEIM-JOURNAAL-7731 ruzie thuis over geld',
  'GEHEIM-GEBEURTENIS-5512 politie aan de deur',
  'GEHEIM-NOMINATIE-8420 goede band met tante',
  'Hendrika Vlasblom-Moederkind',
  '06-98765432',
  'Barend Kuipersma',
];

describe('research export', () => {
  let key1;
  let key2;
  let server;
  let w;
  let req;
  const Y = {};
  let dir;

  const birthDate = (p) => `${Number(T.slice(0, 4)) - p.age - 1}-${p.md}`;

  before(async () => {
    key1 = researchKeyFile(32);
    key2 = researchKeyFile(48);
    server = await startServerWith({ args: ['--research-key', key1.file] });
    dir = server.dir;
    w = await worldOn(server);
    req = requester(server.base);
    let seed = 31415926;
    for (const p of PEOPLE) {
      const pro = p.team === 'A' ? w.pA : w.pB;
      Y[p.key] = await createYouth(server.base, pro, p.team === 'A' ? w.teamA.id : w.teamB.id, {
        given_name: p.given,
        family_name: p.family,
        birth_date: birthDate(p),
        bsn: validBsn(seed++),
        municipality: p.muni,
        started_on: ago(p.start),
        ...(p.living ? { living_situation: p.living } : {}),
      });
      Y[p.key].pro = pro;
      p.bsn = Y[p.key].bsn;
      assert.ok(p.bsn && /^\d{9}$/.test(p.bsn), `BSN stored: ${p.bsn}`);
    }
    // a: placed on day 50; b: closed planned on day 100; c: closed ended_by_client on day 120
    await moveTo(server.base, w.pA, Y.a.id, 'foster_care', addDays(ago(400), 50));
    await closeTrajectory(server.base, w.pA, Y.b.id, 'planned', addDays(ago(380), 100));
    await closeTrajectory(server.base, w.pA, Y.c.id, 'ended_by_client', addDays(ago(360), 120));
    // d: a JIM (nominated today → 300 days to nomination); e: only nominated, with a note
    const jd = await activateJim(server.base, w.pA, Y.d.id, SECRET_TEXTS[5]);
    Y.d.jim = jd;
    await nominate(server.base, w.pB, Y.e.id, 'Buurvrouw Aaltje', { note: SECRET_TEXTS[2], contact: SECRET_TEXTS[4] });
    // free text and contact details elsewhere
    const j = await req(w.pA, 'POST', `/youths/${Y.a.id}/journal`, { occurred_on: ago(3), kind: 'note', text: SECRET_TEXTS[0], shared: false });
    assert.equal(j.status, 201, j.text);
    const ev = await req(w.pA, 'POST', `/youths/${Y.a.id}/events`, { type: 'police_contact', occurred_on: ago(30), note: SECRET_TEXTS[1] });
    assert.equal(ev.status, 201, ev.text);
    const nm = await req(w.pA, 'POST', `/youths/${Y.a.id}/network`, { name: SECRET_TEXTS[3], relation: 'moeder', contact: SECRET_TEXTS[4], has_custody: true });
    assert.equal(nm.status, 201, nm.text);
    // d: satisfaction T0 7 and goal realisation T9 60
    for (const body of [
      { moment: 'T0', measured_on: ago(299), kind: 'satisfaction_youth', score: 7 },
      { moment: 'T9', measured_on: ago(30), kind: 'goal_realisation', score: 60 },
      { moment: 'T0', measured_on: ago(299), kind: 'satisfaction_parents', score: 4 },
    ]) {
      const m = await req(w.pA, 'POST', `/youths/${Y.d.id}/measurements`, body);
      assert.equal(m.status, 201, m.text);
    }
  });

  after(async () => {
    if (server) await server.stop();
    key1?.cleanup();
    key2?.cleanup();
  });

  const exportCsv = async (who = w.rs) => {
    const r = await getRaw(server.base, who, '/exports/research.csv');
    assert.equal(r.status, 200, `export: ${r.status} ${r.text.slice(0, 500)}`);
    return r;
  };
  // rows keyed by birth year
  const rowsByYear = (text) => {
    const csv = parseCsv(text);
    const rows = csv.rows.slice(1).filter((r) => r.length > 1);
    const out = {};
    for (const r of rows) {
      const o = Object.fromEntries(COLS.map((c, i) => [c, r[i]]));
      out[o.birth_year] = o;
    }
    return { csv, rows, byYear: out };
  };
  const yearOf = (p) => birthDate(p).slice(0, 4);

  it('kring serve --help names --research-key', () => {
    const h = kring(['serve', '--help']);
    assert.match(h.stdout + h.stderr, /--research-key/);
  });

  it('as a researcher: BOM, the documented header, one row per trajectory', async () => {
    const r = await exportCsv();
    assert.match(r.headers.get('content-type') || '', /^text\/csv/);
    const { csv, rows } = rowsByYear(r.text);
    assert.ok(r.bom, `UTF-8 BOM: ${r.bytes.subarray(0, 8).toString('hex')}`);
    assert.equal(csv.rows[0].join(';'), HEADER);
    assert.equal(rows.length, PEOPLE.length, 'one row per trajectory');
    for (const row of rows) assert.equal(row.length, COLS.length, `columns: ${row.join(';')}`);
  });

  it('contains none of the names, BSNs, exact dates, small municipalities or free texts', async () => {
    const text = (await exportCsv()).text;
    const forbidden = [];
    for (const p of PEOPLE) {
      forbidden.push(p.given, p.family, p.bsn, birthDate(p), `${p.md.slice(3)}-${p.md.slice(0, 2)}-${yearOf(p)}`);
      forbidden.push(Y[p.key].started_on);
    }
    forbidden.push('Bunnik', 'Houten', ...SECRET_TEXTS, 'Aaltje', 'Buurvrouw', w.teamA.name, w.teamB.name, 'Kuipersma', 'Vlasblom');
    for (const s of forbidden) assert.ok(!text.toLowerCase().includes(String(s).toLowerCase()), `export must not contain ${JSON.stringify(s)}`);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no ISO dates');
    assert.doesNotMatch(text, /\d{2}-\d{2}-\d{4}/, 'no Dutch dates');
    assert.doesNotMatch(text, /@/, 'no e-mail addresses');
  });

  it('municipalities under 5 young people are "overig"; birth year and team pseudonyms', async () => {
    const { byYear } = rowsByYear((await exportCsv()).text);
    for (const p of PEOPLE) {
      const row = byYear[yearOf(p)];
      assert.ok(row, `a row with birth_year ${yearOf(p)}: ${JSON.stringify(Object.keys(byYear))}`);
      assert.equal(row.municipality, p.muni === 'Utrecht' ? 'Utrecht' : 'overig', `${p.key} municipality`);
      assert.match(row.pseudonym, /^[0-9a-f]{32}$/, 'pseudonym: hex of BLAKE2b-128');
      assert.notEqual(row.team, String(w.teamA.id));
      assert.notEqual(row.team, String(w.teamB.id));
    }
    const teamOf = (k) => byYear[yearOf(PEOPLE.find((p) => p.key === k))].team;
    assert.equal(teamOf('a'), teamOf('b'), 'same team, same team pseudonym');
    assert.equal(teamOf('e'), teamOf('g'));
    assert.notEqual(teamOf('a'), teamOf('e'), 'different teams, different pseudonyms');
    assert.ok(teamOf('a').length >= 16, `team pseudonym looks keyed: ${teamOf('a')}`);
  });

  it('the figures per trajectory: placement, followup_days, dropout, has_jim, days_to_nomination, measurements', async () => {
    const { byYear } = rowsByYear((await exportCsv()).text);
    const row = (k) => byYear[yearOf(PEOPLE.find((p) => p.key === k))];
    // follow-up in whole 30-day units (rounded down), so that no start date can be derived
    // a: placed on day 50
    assert.equal(row('a').placement, '1');
    assert.equal(row('a').followup_days, '30');
    assert.equal(row('a').dropout, '', 'open: dropout empty');
    // b: closed planned on day 100, c: ended_by_client on day 120
    assert.equal(row('b').placement, '0');
    assert.equal(row('b').followup_days, '90');
    assert.equal(row('b').dropout, '0');
    assert.equal(row('c').dropout, '1');
    assert.equal(row('c').followup_days, '120');
    // d: open 300 days, a JIM, nominated today
    assert.equal(row('d').placement, '0');
    assert.equal(row('d').followup_days, '300');
    assert.equal(row('d').has_jim, '1');
    assert.equal(row('d').days_to_nomination, '300');
    assert.equal(row('d').satisfaction_youth_T0, '7');
    assert.equal(row('d').satisfaction_parents_T0, '4');
    assert.equal(row('d').goal_realisation_T9, '60');
    assert.equal(row('d').satisfaction_youth_T9, '');
    // e: nominated (250 days) without a JIM
    assert.equal(row('e').has_jim, '0');
    assert.equal(row('e').days_to_nomination, '250');
    assert.equal(row('g').days_to_nomination, '', 'no nomination: empty');
    assert.equal(row('g').followup_days, '150');
    // h: already in foster care when the trajectory started: a placement on day 0, not a success
    assert.equal(row('h').placement, '1');
    assert.equal(row('h').followup_days, '0');
    for (const p of PEOPLE) assert.equal(Number(row(p.key).followup_days) % 30, 0, `${p.key}: whole 30-day units`);
  });

  it('the same pseudonym for the same youth across two exports, different ones for different youths', async () => {
    const one = rowsByYear((await exportCsv()).text).byYear;
    const two = rowsByYear((await exportCsv()).text).byYear;
    const ps = new Set();
    for (const p of PEOPLE) {
      assert.equal(one[yearOf(p)].pseudonym, two[yearOf(p)].pseudonym, `${p.key}: stable pseudonym`);
      assert.notEqual(one[yearOf(p)].pseudonym, String(Y[p.key].id));
      ps.add(one[yearOf(p)].pseudonym);
    }
    assert.equal(ps.size, PEOPLE.length, 'distinct pseudonyms');
  });

  it('every export is an audit event with action export', async () => {
    const count = async () => {
      const r = await req(w.po, 'GET', `/audit?user_id=${w.rs.id}&limit=1000`);
      assert.equal(r.status, 200, r.text);
      return r.json.items.filter((e) => e.action === 'export' && e.outcome === 'success').length;
    };
    const before0 = await count();
    assert.ok(before0 >= 5, `the earlier exports are audited (${before0})`);
    await exportCsv();
    assert.equal(await count(), before0 + 1, 'one more export event');
    await exportCsv();
    assert.equal(await count(), before0 + 2);
  });

  it('others than researchers get 403', async () => {
    for (const who of [w.pA, w.tA, w.admin, w.po, Y.d.jim.jim]) assertError(await req(who, 'GET', '/exports/research.csv'), 403, 'forbidden');
  });

  it('restarting with the same key keeps the pseudonyms; another key changes them all', async () => {
    const first = rowsByYear((await exportCsv()).text).byYear;
    await server.stop({ keepDir: true });
    server = await startServerWith({ args: ['--research-key', key1.file], reuseDir: dir });
    let rs = await loginOk(server.base, w.rs.username, w.rs.password);
    req = requester(server.base);
    const same = rowsByYear((await exportCsv(rs)).text).byYear;
    for (const p of PEOPLE) assert.equal(same[yearOf(p)].pseudonym, first[yearOf(p)].pseudonym, `${p.key}: same key, same pseudonym`);
    await server.stop({ keepDir: true });
    server = await startServerWith({ args: ['--research-key', key2.file], reuseDir: dir });
    rs = await loginOk(server.base, w.rs.username, w.rs.password);
    req = requester(server.base);
    const other = rowsByYear((await exportCsv(rs)).text).byYear;
    for (const p of PEOPLE) {
      assert.notEqual(other[yearOf(p)].pseudonym, first[yearOf(p)].pseudonym, `${p.key}: another key, another pseudonym`);
      assert.match(other[yearOf(p)].pseudonym, /^[0-9a-f]{32}$/);
    }
    assert.notEqual(other[yearOf(PEOPLE[0])].team, first[yearOf(PEOPLE[0])].team, 'team pseudonym changes with the key');
  });

  it('without a key the export answers 503 research_key_missing', async () => {
    await server.stop({ keepDir: true });
    server = await startServerWith({ reuseDir: dir });
    const rs = await loginOk(server.base, w.rs.username, w.rs.password);
    req = requester(server.base);
    assertError(await req(rs, 'GET', '/exports/research.csv'), 503, 'research_key_missing');
    const pa = await loginOk(server.base, w.pA.username, w.pA.password);
    assertError(await req(pa, 'GET', '/exports/research.csv'), 403, 'forbidden');
  });

  it('a key file shorter than 32 bytes or missing is not used: start refused, or exports answer 503', async () => {
    await server.stop({ keepDir: true });
    server = null;
    const short = researchKeyFile(16);
    try {
      for (const file of [short.file, `${short.dir}/nope.key`]) {
        let s = null;
        try {
          s = await startServerWith({ args: ['--research-key', file], reuseDir: dir, startTimeout: 20000 });
        } catch (e) {
          assert.match(String(e.message), /exited early/, 'refused at start');
          continue;
        }
        try {
          const rs = await loginOk(s.base, w.rs.username, w.rs.password);
          const r = await requester(s.base)(rs, 'GET', '/exports/research.csv');
          assertError(r, 503, 'research_key_missing');
        } finally {
          await s.stop({ keepDir: true });
        }
      }
    } finally {
      short.cleanup();
    }
    server = await startServerWith({ reuseDir: dir }); // for after(): clean stop and removal
  });
});

