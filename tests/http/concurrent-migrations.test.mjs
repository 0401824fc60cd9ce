// Several kring processes starting at once on one database that lacks
// migrations (`kring serve` while `kring demo` or `kring init` runs, two
// servers): each migration is applied exactly once, by one of them, and
// every process goes on (a `kring serve` without --demo that finds the
// demo's accounts already there refuses the database, as it must). Runs on the engine of the suite (SQLite file or
// PostgreSQL database). Each case is repeated: before migrations were
// checked and applied atomically, four processes on a fresh database failed
// in nearly every round.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ENGINE, KRING, ROOT, assertNoSanitizerReport, copyDatabase, createPgDatabase, dbQuery, kring, kringAsync,
  logicalSchema, pgName, psql, removeDatabase, removeDir,
} from './harness.mjs';

const ROUNDS = 8;
const PROCESSES = 4;

// A new empty database (not created yet on SQLite).
function freshDatabase(dir, name) {
  return ENGINE === 'postgresql' ? createPgDatabase() : path.join(dir, `${name}.db`);
}

// The versions recorded in schema_migrations, in order.
function versions(db) {
  const sql = 'SELECT version FROM schema_migrations ORDER BY version;';
  return dbQuery(db, sql).split('\n').map((s) => s.trim()).filter(Boolean).map(Number);
}

// The names of the database's own indexes, sorted.
function indexes(db) {
  return dbQuery(db, {
    sqlite: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name;",
    postgresql: "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname;",
  }).split('\n').map((s) => s.trim()).filter(Boolean);
}

// How many migrations `kring init` says it applied.
function appliedBy(result) {
  const m = /database ready: (\d+) migration\(s\) applied/.exec(result.stdout);
  assert.ok(m, `kring init printed no count: ${result.stdout}\n${result.stderr}`);
  return Number(m[1]);
}

// Runs `kring serve` on `db` until it listens, then stops it with SIGTERM.
// Resolves to {status, stderr, listened}.
function serveUntilListening(db, timeout = 60000) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('KRING_')) delete env[k];
    const proc = spawn(KRING, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-dir', 'web'], {
      cwd: ROOT,
      env: {
        ...env,
        ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0',
        UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let listened = false;
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeout);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => {
      stderr += d;
      if (!listened && / msg=listening /.test(stderr)) {
        listened = true;
        proc.kill('SIGTERM');
      }
    });
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: signal ? signal : code, stderr, listened });
    });
  });
}

// Each process exited 0 without a sanitizer report.
function assertAllSucceeded(results, what) {
  for (const [i, r] of results.entries()) {
    assertNoSanitizerReport(r.stderr, `${what} ${i}`);
    assert.equal(r.status, 0, `${what} ${i} exit status ${r.status}:\n${r.stderr}`);
  }
}

describe('kring processes that start together on one database', () => {
  let dir;
  let reference; // a database that one `kring init` made: {db, versions, schema, indexes}
  const made = [];

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kring-migrate-'));
    const db = freshDatabase(dir, 'reference');
    made.push(db);
    const init = kring(['init', '--db', db]);
    assertAllSucceeded([init], 'kring init');
    reference = { db, count: appliedBy(init), versions: versions(db), schema: logicalSchema(db), indexes: indexes(db) };
    assert.equal(reference.versions.length, reference.count);
  });
  after(() => {
    for (const db of made) removeDatabase(db);
    if (dir) removeDir(dir);
  });

  // The database has every migration recorded once and the reference's
  // tables, columns and indexes.
  function assertComplete(db, round) {
    assert.deepEqual(versions(db), reference.versions, `round ${round}: every migration recorded once`);
    assert.deepEqual(logicalSchema(db), reference.schema, `round ${round}: tables and columns`);
    assert.deepEqual(indexes(db), reference.indexes, `round ${round}: indexes`);
  }

  it('apply every migration of a fresh database exactly once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const db = freshDatabase(dir, `fresh${round}`);
      made.push(db);
      const results = await Promise.all(Array.from({ length: PROCESSES }, () => kringAsync(['init', '--db', db])));
      assertAllSucceeded(results, `round ${round}: kring init`);
      const total = results.reduce((sum, r) => sum + appliedBy(r), 0);
      assert.equal(total, reference.count, `round ${round}: the processes applied ${total} migrations together`);
      assertComplete(db, round);
    }
  });

  it('apply the migrations a database stopped at an older one lacks exactly once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const db = copyDatabase(reference.db, dir, `older${round}.db`);
      made.push(db);
      // The database as it was before migrations 25, 28 and 30.
      dbQuery(db,
        'DROP INDEX audit_events_unsuccessful; DROP INDEX audit_events_break_glass; DROP INDEX alerts_youth_id; ' +
        'ALTER TABLE network_members DROP COLUMN removed_reason; DELETE FROM schema_migrations WHERE version IN (25, 28, 30);');
      const results = await Promise.all(Array.from({ length: PROCESSES }, () => kringAsync(['init', '--db', db])));
      assertAllSucceeded(results, `round ${round}: kring init`);
      const total = results.reduce((sum, r) => sum + appliedBy(r), 0);
      assert.equal(total, 3, `round ${round}: the processes applied ${total} migrations together`);
      assertComplete(db, round);
    }
  });

  it('kring serve, kring demo and kring init started together on a fresh database all go on', async () => {
    for (let round = 0; round < ROUNDS / 2; round++) {
      const db = freshDatabase(dir, `mixed${round}`);
      made.push(db);
      const [serve, demo, ...inits] = await Promise.all([
        serveUntilListening(db),
        kringAsync(['demo', '--db', db, '--youths', '1']),
        kringAsync(['init', '--db', db]),
        kringAsync(['init', '--db', db]),
      ]);
      // kring serve (without --demo) refuses a database the demo made, by
      // design: when the demo's accounts were committed before serve looked,
      // it stops after its migrations with that one message, which is going
      // on as well as listening is.
      const refusedDemo = !serve.listened && serve.status === 1 &&
        /msg="this database was made by the demo/.test(serve.stderr) && !/level=error msg="(?!this database was made by the demo)/.test(serve.stderr);
      assert.ok(serve.listened || refusedDemo, `round ${round}: kring serve did not listen:\n${serve.stderr}`);
      if (serve.listened) assertAllSucceeded([serve], `round ${round}: kring serve`);
      else assertNoSanitizerReport(serve.stderr, `round ${round}: kring serve`);
      assertAllSucceeded([demo], `round ${round}: kring demo`);
      assertAllSucceeded(inits, `round ${round}: kring init`);
      assertComplete(db, round);
    }
  });

  // The race above in slow motion: the switch of a new database to WAL
  // needs its write lock, and SQLite answered "database is locked" at once
  // (its busy handler is not asked then) when another process held the lock
  // for its own switch or first migration. Here sqlite3 holds it for a
  // moment on a database that is still in rollback mode.
  it('kring init waits for another process that holds the write lock of a new database (SQLite)',
    { skip: ENGINE !== 'sqlite' && 'SQLite only' }, async () => {
      const db = path.join(dir, 'held.db');
      made.push(db);
      dbQuery(db, 'PRAGMA page_size = 4096; VACUUM;');
      const holder = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'inherit'] });
      const closed = new Promise((resolve) => holder.on('close', resolve));
      await new Promise((resolve) => {
        holder.stdout.on('data', (d) => { if (String(d).includes('held')) resolve(); });
        holder.stdin.write("BEGIN IMMEDIATE;\nSELECT 'held';\n");
      });
      const init = kringAsync(['init', '--db', db]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      holder.stdin.end('COMMIT;\n');
      await closed;
      assertAllSucceeded([await init], 'kring init');
      assertComplete(db, 'held');
    });

  it('apply each migration once on PostgreSQL when the database defaults to REPEATABLE READ',
    { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const db = freshDatabase(dir, `rr${round}`);
        made.push(db);
        const set = psql('postgres', `ALTER DATABASE "${pgName(db)}" SET default_transaction_isolation = 'repeatable read';\n`);
        assert.equal(set.status, 0, set.stderr);
        const results = await Promise.all(Array.from({ length: PROCESSES }, () => kringAsync(['init', '--db', db])));
        assertAllSucceeded(results, `round ${round}: kring init`);
        const total = results.reduce((sum, r) => sum + appliedBy(r), 0);
        assert.equal(total, reference.count, `round ${round}: the processes applied ${total} migrations together`);
        assertComplete(db, round);
      }
    });
});
