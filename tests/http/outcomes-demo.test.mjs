// Synthetic data (docs/api-outcomes.md): `kring demo --db DB --youths N
// --seed S` is deterministic for a seed, and its placement-free survival is
// about 90% at one year and 60% at two, as a researcher sees it over HTTP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kring, dbExec, databaseIn, removeDir, assertNoSanitizerReport, startServer, api, login } from './harness.mjs';

const DEMO_PASSWORD = 'kring-demo-2026';
const YOUTHS_SQL = 'select given_name, family_name, birth_date from youths order by id;\n';

function runDemo(db, seed, youths = 300) {
  const r = kring(['demo', '--db', db, '--youths', String(youths), '--seed', String(seed)], undefined, { timeout: 80000 });
  assertNoSanitizerReport(r.stderr, 'kring demo');
  assert.equal(r.status, 0, `kring demo --seed ${seed} exit ${r.status} (${r.signal || ''}): ${r.stderr.slice(-2000)}`);
  return r;
}

describe('kring demo: synthetic data', () => {
  const dirs = [];
  let server;
  // A temp dir and the (not yet initialised) database of it: DIR/k.db, or an
  // empty PostgreSQL database named in DIR (harness databaseIn).
  const mkdb = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'kring-demo5-'));
    dirs.push(d);
    return { dir: d, db: databaseIn(d) };
  };
  let A;
  let dbA;
  let dbB;

  before(() => {
    A = mkdb();
    dbA = A.db;
    dbB = mkdb().db;
  });
  after(async () => {
    if (server) await server.stop({ keepDir: true });
    for (const d of dirs) removeDir(d);
  });

  it('the same seed twice into two fresh databases gives identical data', () => {
    runDemo(dbA, 7);
    runDemo(dbB, 7);
    const a = dbExec(dbA, YOUTHS_SQL);
    const b = dbExec(dbB, YOUTHS_SQL);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    const lines = a.stdout.trim().split('\n');
    // 300 synthetic young people, and Noor de Jong for the demo 'youth' and 'jim'
    assert.equal(lines.length, 301, `300 + 1 young people: ${lines.length}`);
    assert.equal(new Set(lines).size > 250, true, 'the young people differ from each other');
    assert.equal(a.stdout, b.stdout, 'identical young people for seed 7');
    const other = [
      'select count(*) from users;\n',
      'select count(*) from teams;\n',
      'select youth_id, field, value, effective_on from youth_history order by id;\n',
    ];
    for (const q of other) {
      const x = dbExec(dbA, q);
      const y = dbExec(dbB, q);
      if (x.status === 0) assert.equal(x.stdout, y.stdout, `identical: ${q.trim()}`);
    }
  });

  it('another seed gives other young people', () => {
    const dbC = mkdb().db;
    runDemo(dbC, 8);
    assert.notEqual(dbExec(dbC, YOUTHS_SQL).stdout, dbExec(dbA, YOUTHS_SQL).stdout);
  });

  it('a researcher sees placement-free survival of about 90% at one year and 60% at two', async () => {
    server = await startServer({ reuseDir: A.dir, demo: true });
    const l = await login(server.base, 'researcher', DEMO_PASSWORD);
    assert.equal(l.status, 201, `demo researcher login: ${l.text}`);
    const r = await api(server.base, 'GET', '/api/v1/stats/outcomes', { token: l.json.token });
    assert.equal(r.status, 200, r.text.slice(0, 500));
    assert.equal(r.json.young_people, 301);
    const pf = r.json.placement_free;
    const y1 = pf.at_12_months.estimate;
    const y2 = pf.at_24_months.estimate;
    assert.ok(y1 >= 0.8 && y1 <= 0.97, `at 12 months ${y1} in [0.8, 0.97]`);
    assert.ok(y2 >= 0.45 && y2 <= 0.75, `at 24 months ${y2} in [0.45, 0.75]`);
    assert.ok(pf.at_12_months.ci_low < y1 && y1 < pf.at_12_months.ci_high, 'the estimate lies inside its interval');
    assert.ok(pf.at_12_months.at_risk >= 5, 'enough followed a year');
    // the curve never rises
    for (let i = 1; i < pf.curve.length; i++) assert.ok(pf.curve[i].estimate <= pf.curve[i - 1].estimate + 1e-12, `curve non-increasing at ${pf.curve[i].day}`);
    // a demo has the other figures too
    const ind = r.json.indicators;
    assert.ok(ind.with_jim.share > 0 && ind.with_jim.share <= 1, `with_jim ${ind.with_jim.share}`);
    assert.ok(ind.jim_hours.total > 0, 'JIM hours logged');
    assert.ok(ind.satisfaction_youth.n >= 5, 'satisfaction measurements');
    assert.ok(ind.training.share_trained > 0, 'trainings');
  });

  // The dossier says "Naam (relatie)" for the JIM and for the nomination
  // they came from: one person, one relation, as an activation keeps it.
  it('a demo JIM has the relation they were nominated with, not a second one', async () => {
    const l = await login(server.base, 'professional', DEMO_PASSWORD);
    assert.equal(l.status, 201, l.text);
    const get = (p) => api(server.base, 'GET', `/api/v1${p}`, { token: l.json.token });
    const list = await get('/youths?phase=&per_page=100');
    assert.equal(list.status, 200, list.text);
    const withJim = list.json.items.filter((y) => y.jim_name).slice(0, 15);
    assert.ok(withJim.length >= 5, `dossiers with a JIM for the demo professional: ${withJim.length}`);
    for (const y of withJim) {
      const d = (await get(`/youths/${y.id}`)).json;
      const noms = (await get(`/youths/${y.id}/nominations`)).json.items;
      const from = noms.find((n) => n.status === 'active' && n.name === d.jim.name);
      assert.ok(from, `${y.id}: the JIM's nomination: ${JSON.stringify(noms)}`);
      assert.equal(d.jim.relation, from.relation, `${y.id}: ${d.jim.name} (${d.jim.relation}) was nominated as (${from.relation})`);
    }
  });

  it("gives the demo 'youth' and 'jim' one complete dossier that every screen can show", async () => {
    const as = async (username) => {
      const l = await login(server.base, username, DEMO_PASSWORD);
      assert.equal(l.status, 201, `${username}: ${l.text}`);
      return (p) => api(server.base, 'GET', `/api/v1${p}`, { token: l.json.token });
    };
    const pro = await as('professional');
    const found = (await pro('/youths?q=noor%20de%20jong')).json.items;
    assert.equal(found.length, 1, JSON.stringify(found));
    const id = found[0].id;
    for (const username of ['youth', 'jim']) {
      const get = await as(username);
      const me = (await get('/me')).json;
      assert.equal(me.youth_id, id, `${username} is linked to Noor`);
      const plan = await get(`/youths/${id}/plan`);
      assert.equal(plan.status, 200, plan.text);
      assert.deepEqual(plan.json.goals.map((g) => [g.title, g.status]), [['Elke dag naar school', 'active'], ['Rust thuis', 'active'],
        ['Een bijbaan vinden', 'active'], ['Weer naar de sportclub', 'reached']], 'three goals worked on and one reached');
      // one action is Noor's own and one her JIM's: each ticks theirs off
      const own = plan.json.goals.flatMap((g) => g.actions).filter((a) => a.owner_kind === username);
      assert.equal(own.length, 1, `${username} has one action of their own: ${JSON.stringify(plan.json.goals)}`);
      // whose an action is, is owner_kind's to say: no name typed in `owner`
      // beside it, and none that says "(JIM)" in words
      const actions = plan.json.goals.flatMap((g) => g.actions);
      for (const a of actions) {
        assert.ok(!a.owner.includes('(JIM)'), `no "(JIM)" typed as an owner: ${JSON.stringify(a)}`);
        if (a.owner_kind) assert.equal(a.owner, '', `owner_kind ${a.owner_kind} and no name: ${JSON.stringify(a)}`);
      }
      assert.deepEqual(actions.find((a) => a.description === 'Samen een cv maken')?.owner_kind, 'jim', 'the JIM\'s action is the JIM\'s');
      assert.equal(plan.json.evaluations.length, 1);
      const meetings = await get(`/youths/${id}/meetings`);
      assert.equal(meetings.status, 200, meetings.text);
      assert.equal(meetings.json.items.length, 2);
      assert.equal((await get(`/youths/${id}/shared-outcomes`)).status, 200);
      const mine = (await get('/my/actions')).json.items;
      assert.deepEqual(mine.map((a) => a.kind).sort(), ['meeting', 'plan'],
        `${username} has one open action of a meeting and their own of the plan`);
      assert.equal(mine.find((a) => a.kind === 'plan').id, own[0].id);
    }
    const jim = await as('jim');
    const jimId = (await jim('/me')).json.jim_id;
    assert.ok((await jim(`/jims/${jimId}/activities`)).json.items.length >= 5, 'the JIM has logged hours');
    assert.equal((await jim(`/youths/${id}/journal`)).json.items.length, 1, 'the JIM sees the one shared note');
    assert.equal((await pro(`/youths/${id}/journal`)).json.items.length, 2);
    assert.equal((await pro(`/youths/${id}/network`)).json.items.length, 3);
    // the demo accounts take part under their own names, as the API adds kring users
    const names = async (who) => (await who('/me')).json.display_name;
    const meetingId = (await pro(`/youths/${id}/meetings`)).json.items[0].id;
    const parts = (await pro(`/meetings/${meetingId}`)).json.participants;
    const youthGet = await as('youth');
    assert.deepEqual(parts.filter((x) => x.user_id).map((x) => x.name).sort(),
      [await names(pro), await names(jim), await names(youthGet)].sort());
  });
});
