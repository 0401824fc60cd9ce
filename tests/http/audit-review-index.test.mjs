// The privacy officer's filters of the audit trail that an index serves
// (store_audit_key: the refusals and errors, the emergency accesses, alone
// and with other filters) give the same events, in the same order and the
// same pages (`before`), as the whole trail filtered by hand; and migration
// 25 makes those indexes on a database that has none.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dbQuery, kring, assertNoSanitizerReport, startServer } from './harness.mjs';
import { setupDossierWorld, createYouth, client } from './dossier-fixture.mjs';

const REASON = 'Crisisdienst; de jongere is vermist';

describe('audit trail filters served by an index', () => {
  let w;
  let c;
  let y1;
  let y2;
  let all; // the whole trail up to `top`, newest first
  let top; // an id above every event of the setup: later reads stay out of the comparison

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y1 = await createYouth(w.base, w.pA, w.teamA.id);
    y2 = await createYouth(w.base, w.pA, w.teamA.id);
    for (const y of [y1, y2]) {
      assert.equal((await c.get(w.pA, `/youths/${y.id}`)).status, 200);
      // Team B: refused twice, then the glass broken, then reads under the grant.
      for (let i = 0; i < 2; i++) assert.equal((await c.get(w.pB, `/youths/${y.id}`)).status, 404);
      assert.equal((await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: REASON })).status, 201);
      for (let i = 0; i < 2; i++) assert.equal((await c.get(w.pB, `/youths/${y.id}`)).status, 200);
      assert.equal((await c.get(w.pA, '/audit')).status, 403);
    }
    const r = await c.get(w.po, '/audit?limit=1000');
    assert.equal(r.status, 200, r.text);
    all = r.json.items;
    top = all[0].id + 1;
    all = all.filter((e) => e.id < top);
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  // Every page of a filter, `limit` at a time from `top` back, joined.
  async function pages(q, limit) {
    const got = [];
    let before = top;
    for (;;) {
      const r = await c.get(w.po, `/audit?${q}${q ? '&' : ''}limit=${limit}&before=${before}`);
      assert.equal(r.status, 200, r.text);
      const items = r.json.items;
      assert.ok(items.length <= limit);
      got.push(...items);
      if (items.length < limit) return got;
      before = items[items.length - 1].id;
    }
  }

  it('each filter gives the events of the whole trail that match it, newest first, page by page', async () => {
    // the time of team B's first try at y2: its refusals and emergency accesses of y1 came before
    const mid = all.filter((e) => e.youth_id === y2.id && e.username === w.pB.username).at(-1).at;
    const cases = [
      ['outcome=denied', (e) => e.outcome === 'denied', 4],
      ['outcome=error', (e) => e.outcome === 'error', 0],
      ['outcome=success', (e) => e.outcome === 'success', 8],
      ['basis=break_glass', (e) => e.basis === 'break_glass', 6],
      ['basis=team', (e) => e.basis === 'team', 2],
      [`outcome=denied&username=${w.pB.username.toUpperCase()}`, (e) => e.outcome === 'denied' && e.username === w.pB.username, 4],
      [`outcome=denied&youth_id=${y1.id}`, (e) => e.outcome === 'denied' && e.youth_id === y1.id, 2],
      [`outcome=denied&user_id=${w.pA.id}`, (e) => e.outcome === 'denied' && e.user_id === w.pA.id, 2],
      [`outcome=denied&from=${mid}`, (e) => e.outcome === 'denied' && e.at >= mid, 1],
      ['outcome=denied&basis=break_glass', () => false, 0],
      [`basis=break_glass&to=${mid}`, (e) => e.basis === 'break_glass' && e.at < mid, 1],
      [`basis=break_glass&youth_id=${y2.id}`, (e) => e.basis === 'break_glass' && e.youth_id === y2.id, 3],
      [`basis=break_glass&outcome=success&username=${w.pB.username}`, (e) => e.basis === 'break_glass' && e.outcome === 'success' && e.username === w.pB.username, 6],
      [`username=${w.pB.username}&from=${all[all.length - 1].at}&to=${mid}`, (e) => e.username === w.pB.username && e.at < mid, 1],
      ['', () => true, 20],
    ];
    for (const [q, match, atLeast] of cases) {
      const want = all.filter(match).map((e) => e.id);
      assert.ok(want.length >= atLeast, `${q}: ${want.length} events in the setup`);
      for (const limit of [1, 2, 1000]) {
        const got = await pages(q, limit);
        assert.deepEqual(got.map((e) => e.id), want, `${q} by ${limit}`);
      }
    }
  });
});

describe('migration 25', () => {
  it('adds the indexes of the refusals and the emergency accesses to a database without them', async () => {
    let server = await startServer({ requireTotp: 'none' });
    const { dir, db } = server;
    await server.stop({ keepDir: true });
    const names = "('audit_events_unsuccessful', 'audit_events_break_glass')";
    const indexes = () => dbQuery(db, {
      sqlite: `SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ${names} ORDER BY name;`,
      postgresql: `SELECT indexname FROM pg_indexes WHERE indexname IN ${names} ORDER BY indexname;`,
    }).split('\n').map((s) => s.trim()).filter(Boolean);
    assert.deepEqual(indexes(), ['audit_events_break_glass', 'audit_events_unsuccessful']);
    // The database as it was before migration 25.
    dbQuery(db, 'DROP INDEX audit_events_unsuccessful; DROP INDEX audit_events_break_glass; DELETE FROM schema_migrations WHERE version = 25;');
    assert.deepEqual(indexes(), []);
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout + init.stderr, /database ready: 1 migration\(s\) applied/);
    assert.deepEqual(indexes(), ['audit_events_break_glass', 'audit_events_unsuccessful']);
    server = await startServer({ requireTotp: 'none', reuseDir: dir });
    await server.stop();
  });
});
