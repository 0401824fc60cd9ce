// A goal of the shared plan has the day it was agreed with the young person
// and the JIM (agreed_on): by default today, otherwise a real date that is
// not in the future and lies within the trajectory, like an evaluation's
// held_on. An evaluation scores only goals agreed on or before the day it
// was held (422 on scores[i].goal_id), so a team can still enter past
// evaluations for goals it has just typed in, if it gives the day they were
// agreed. Migration 21 gives the goals that existed before it the
// Amsterdam day they were entered, or the day of the first evaluation that
// scored them when that is earlier: every stored score stays valid.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, assertNoSanitizerReport, dbQuery, kring, removeDir, startServer } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, yearsAgo } from './dossier-fixture.mjs';

describe('goals: the day they were agreed', () => {
  const today = todayAmsterdam();
  const started = addDays(today, -120);
  let w;
  let server; // the running server (a new one after the migration)
  let c;
  let y;

  const plan = async (youthId = y.id) => {
    const r = await c.get(w.pA, `/youths/${youthId}/plan`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const goal = async (body, youthId = y.id) => {
    const r = await c.post(w.pA, `/youths/${youthId}/goals`, { author_kind: 'youth', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const evaluate = (held, scores, youthId = y.id) =>
    c.post(w.pA, `/youths/${youthId}/evaluations`, { held_on: held, participants: ['Sem', 'Anna'], scores });

  before(async () => {
    w = await setupDossierWorld();
    server = w.server;
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sem', family_name: 'Afspraak', birth_date: yearsAgo(today, 16), started_on: started });
  });
  after(async () => {
    if (server) await server.stop();
    else if (w) removeDir(w.server.dir);
  });

  it('a goal without agreed_on was agreed today; the answer and the plan carry it', async () => {
    const g = await goal({ title: 'Vandaag afgesproken' });
    assert.equal(g.agreed_on, today);
    const p = await plan();
    assert.equal(p.goals.find((x) => x.id === g.id).agreed_on, today);
  });

  it('a goal agreed earlier in the trajectory keeps that day', async () => {
    const day = addDays(today, -60);
    const g = await goal({ title: 'Twee maanden geleden afgesproken', agreed_on: day });
    assert.equal(g.agreed_on, day);
    assert.equal((await plan()).goals.find((x) => x.id === g.id).agreed_on, day);
    const first = await goal({ title: 'Op de eerste dag afgesproken', agreed_on: started });
    assert.equal(first.agreed_on, started, 'the first day of the trajectory is within it');
  });

  it('agreed_on in the future, not a real date, or before the trajectory is 422 on agreed_on, nothing stored', async () => {
    const n = (await plan()).goals.length;
    const refused = async (agreed_on, message) => {
      const e = assertError(await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Niet zo', author_kind: 'youth', agreed_on }), 422, 'validation_failed', 'agreed_on');
      if (message) assert.match(e.message, message);
    };
    await refused(addDays(today, 1), /future/);
    await refused('2026-02-30', /YYYY-MM-DD/);
    await refused('morgen');
    await refused(addDays(started, -1), /start of the trajectory/);
    await refused(addDays(yearsAgo(today, 16), -1), /birth/);
    assert.equal((await plan()).goals.length, n, 'the 422s stored nothing');
  });

  it('an evaluation held before a goal was agreed cannot score it: 422 on that score, nothing stored', async () => {
    const agreed = addDays(today, -30);
    const early = await goal({ title: 'Werk zoeken', agreed_on: agreed });
    const old = await goal({ title: 'Naar school', agreed_on: addDays(today, -90) });
    const n = (await plan()).evaluations.length;
    const e = assertError(await evaluate(addDays(agreed, -1), [{ goal_id: early.id, score: 6 }]), 422, 'validation_failed', 'scores[0].goal_id');
    assert.match(e.message, new RegExp(`goal ${early.id} was agreed on ${agreed}, after the evaluation`));
    // The field names the score that is refused, not the first one.
    assertError(
      await evaluate(addDays(agreed, -10), [{ goal_id: old.id, score: 7 }, { goal_id: early.id, score: 4, comment: 'Te vroeg' }]),
      422, 'validation_failed', 'scores[1].goal_id',
    );
    assert.equal((await plan()).evaluations.length, n, 'nothing stored');
  });

  it('an evaluation on or after the day a goal was agreed scores it (201)', async () => {
    const agreed = addDays(today, -20);
    const g = await goal({ title: 'Sporten', agreed_on: agreed });
    const on = await evaluate(agreed, [{ goal_id: g.id, score: 5 }]);
    assert.equal(on.status, 201, on.text);
    const later = await evaluate(addDays(agreed, 7), [{ goal_id: g.id, score: 8 }]);
    assert.equal(later.status, 201, later.text);
    const p = await plan();
    assert.equal(p.goals.find((x) => x.id === g.id).latest_score, 8);
    // held_on left out is today, on or after every goal's day.
    const todays = await evaluate(undefined, [{ goal_id: (await goal({ title: 'Vandaag' })).id, score: 6 }]);
    assert.equal(todays.status, 201, todays.text);
  });

  it('in a closed trajectory a goal is agreed on or before its last day', async () => {
    const closedY = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Lot', family_name: 'Afgesloten', birth_date: yearsAgo(today, 16), started_on: started });
    const closed = await c.patch(w.pA, `/youths/${closedY.id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Afgerond', effective_on: addDays(today, -10) });
    assert.equal(closed.status, 200, closed.text);
    assertError(await c.post(w.pA, `/youths/${closedY.id}/goals`, { title: 'Na afloop', author_kind: 'youth' }), 422, 'validation_failed', 'agreed_on');
    const g = await goal({ title: 'Nog vastgelegd', agreed_on: addDays(today, -10) }, closedY.id);
    assert.equal(g.agreed_on, addDays(today, -10));
  });

  it('migration 21 gives existing goals their Amsterdam day, or the day of the first evaluation that scored them', async () => {
    // Four goals entered before the migration, each with its own created_at:
    const summerLate = await goal({ title: 'Zomeravond' }); // 22:30 UTC in July: 00:30 the next day in Amsterdam
    const winterLate = await goal({ title: 'Winteravond' }); // 23:30 UTC in January: 00:30 the next day
    const winterEarly = await goal({ title: 'Winterochtend' }); // 22:30 UTC in January: 23:30 the same day
    const scored = await goal({ title: 'Al geëvalueerd', agreed_on: addDays(today, -50) }); // entered today, scored 45 days ago
    const held = addDays(today, -45);
    const ev = await evaluate(held, [{ goal_id: scored.id, score: 7 }]);
    assert.equal(ev.status, 201, ev.text);
    const later = await evaluate(addDays(today, -5), [{ goal_id: scored.id, score: 8 }]);
    assert.equal(later.status, 201, later.text);
    const dir = server.dir;
    const db = server.db;
    await server.stop({ keepDir: true });
    server = null;
    const createdAt = { [summerLate.id]: '2025-07-01T22:30:00.000Z', [winterLate.id]: '2026-01-14T23:30:00.000Z', [winterEarly.id]: '2026-01-14T22:30:00.000Z' };
    for (const [id, at] of Object.entries(createdAt)) dbQuery(db, `UPDATE goals SET created_at = '${at}' WHERE id = ${Number(id)};`);
    // The database without migration 21; each migration the database lacks
    // runs by itself, so only 21 runs.
    dbQuery(db, 'ALTER TABLE goals DROP COLUMN agreed_on; DELETE FROM schema_migrations WHERE version = 21;');
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout + init.stderr, /database ready: 1 migration\(s\) applied/);
    const agreed = (id) => dbQuery(db, `SELECT agreed_on FROM goals WHERE id = ${Number(id)};`).trim();
    assert.equal(agreed(summerLate.id), '2025-07-02', 'summer time: UTC + 2');
    assert.equal(agreed(winterLate.id), '2026-01-15', 'winter time: UTC + 1');
    assert.equal(agreed(winterEarly.id), '2026-01-14');
    assert.equal(agreed(scored.id), held, 'scored before it was entered: the day of its first evaluation');
    assert.equal(dbQuery(db, 'SELECT count(*) FROM goals WHERE agreed_on IS NULL;').trim(), '0', 'every goal has a day');
    server = await startServer({ requireTotp: 'none', reuseDir: dir });
    c = client(server.base);
    const p = await plan();
    assert.equal(p.goals.find((x) => x.id === scored.id).agreed_on, held);
    assert.equal(p.goals.find((x) => x.id === summerLate.id).agreed_on, '2025-07-02');
    const again = await evaluate(held, [{ goal_id: scored.id, score: 6 }]);
    assert.equal(again.status, 201, `an evaluation on the day of the first one still scores the goal: ${again.text}`);
    assertError(await evaluate(addDays(held, -1), [{ goal_id: scored.id, score: 6 }]), 422, 'validation_failed', 'scores[0].goal_id');
  });
});
