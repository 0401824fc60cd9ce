// The two store engines build the same logical schema: `kring init` on a fresh
// SQLite file and on a fresh PostgreSQL database gives the same tables, the
// same (table, column) pairs and the same audit triggers, and a second init
// changes nothing.
//
// Needs a PostgreSQL server: runs under `sh scripts/pg-test.sh node --test
// tests/http/` (which sets KRING_TEST_PG_SOCKET), and is skipped in a plain
// SQLite run. Under either KRING_TEST_ENGINE it compares both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kring, assertNoSanitizerReport, PG_SOCKET, createPgDatabase, dropPgDatabase, logicalSchema, dbQuery } from './harness.mjs';

// Items of `a` not in `b`.
const minus = (a, b) => a.filter((x) => !b.includes(x));

function init(db) {
  const r = kring(['init', '--db', db]);
  assertNoSanitizerReport(r.stderr, `kring init --db ${db}`);
  assert.equal(r.status, 0, `kring init --db ${db}: exit ${r.status}\n${r.stdout}${r.stderr}`);
  const m = /database ready: (\d+) migration\(s\) applied/.exec(r.stdout + r.stderr);
  assert.ok(m, `kring init --db ${db} says the database is ready: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

// The audit triggers as "table.trigger", sorted.
// Triggers that stand in, on SQLite, for the PostgreSQL check of that name.
const CHECK_STAND_INS = { goals_ended: ['goals.goals_ended_insert', 'goals.goals_ended_update'] };

function triggers(db) {
  return dbQuery(db, {
    sqlite: "SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger' ORDER BY 1;",
    postgresql:
      "SELECT DISTINCT event_object_table || '.' || trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1;",
  })
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}

describe('store engines: SQLite and PostgreSQL have the same logical schema', { skip: PG_SOCKET ? false : 'no PostgreSQL server (run the suite under sh scripts/pg-test.sh)' }, () => {
  let dir;
  let lite;
  let pg;
  let applied;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kring-engines-'));
    lite = path.join(dir, 'k.db');
    pg = createPgDatabase();
    applied = { sqlite: init(lite), postgresql: init(pg) };
  });

  after(() => {
    if (pg) dropPgDatabase(pg);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('both engines apply the same number of migrations to a fresh database', () => {
    assert.ok(applied.sqlite > 0, `SQLite: ${applied.sqlite} migrations`);
    assert.equal(applied.postgresql, applied.sqlite, `migrations applied: PostgreSQL ${applied.postgresql}, SQLite ${applied.sqlite}`);
  });

  it('the same tables', () => {
    const a = logicalSchema(lite).tables;
    const b = logicalSchema(pg).tables;
    assert.ok(a.length > 10, `SQLite has tables: ${a.join(', ')}`);
    assert.deepEqual(
      { missing_on_postgresql: minus(a, b), only_on_postgresql: minus(b, a) },
      { missing_on_postgresql: [], only_on_postgresql: [] },
      'tables differ between the engines',
    );
    assert.deepEqual(b, a);
  });

  it('the same (table, column) pairs', () => {
    const a = logicalSchema(lite).columns;
    const b = logicalSchema(pg).columns;
    assert.ok(a.includes('audit_events.hash'), 'SQLite has audit_events.hash');
    assert.deepEqual(
      { missing_on_postgresql: minus(a, b), only_on_postgresql: minus(b, a) },
      { missing_on_postgresql: [], only_on_postgresql: [] },
      'columns differ between the engines',
    );
    assert.deepEqual(b, a);
  });

  it('the same audit triggers, on audit_events', () => {
    const a = triggers(lite);
    const b = triggers(pg);
    for (const t of ['audit_events.audit_events_no_delete', 'audit_events.audit_events_no_update']) {
      assert.ok(a.includes(t), `SQLite has ${t}: ${a.join(', ')}`);
    }
    // SQLite's stand-ins for a PostgreSQL check constraint that SQLite
    // cannot add to an existing table: PostgreSQL has the constraint.
    for (const [constraint, standIns] of Object.entries(CHECK_STAND_INS)) {
      for (const t of standIns) assert.ok(a.includes(t), `SQLite has ${t}`);
      assert.equal(dbQuery(pg, `SELECT count(*) FROM pg_constraint WHERE conname = '${constraint}';`).trim(), '1',
        `PostgreSQL has the check ${constraint}`);
    }
    const standing = Object.values(CHECK_STAND_INS).flat();
    assert.deepEqual(b, a.filter((t) => !standing.includes(t)));
  });

  it('a second init applies nothing and leaves both schemas as they were', () => {
    const before = { sqlite: logicalSchema(lite), postgresql: logicalSchema(pg) };
    assert.equal(init(lite), 0, 'SQLite: no migration the second time');
    assert.equal(init(pg), 0, 'PostgreSQL: no migration the second time');
    assert.deepEqual(logicalSchema(lite), before.sqlite);
    assert.deepEqual(logicalSchema(pg), before.postgresql);
  });
});
