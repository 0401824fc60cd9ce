// The read-only snapshot of a GET (store_begin(c, false)) on PostgreSQL: the
// unit test tests/unit/test_store_snapshot.c, which the unit suite runs on
// SQLite, run here against an empty database of the scripts/pg-test.sh
// cluster. It fails if the transaction stops being REPEATABLE READ (a commit
// of another connection would show) or READ ONLY (the write would go through).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE, createPgDatabase } from '../http/harness.mjs';

const BIN = fileURLToPath(new URL('../../build-asan/test_store_snapshot', import.meta.url));

describe('PostgreSQL: a GET reads from a read-only snapshot', () => {
  it('keeps its first read while another connection commits, and refuses to write', () => {
    assert.equal(ENGINE, 'postgresql', 'run as: sh scripts/pg-test.sh node --test tests/pg/');
    assert.ok(existsSync(BIN), `${BIN} is missing: make build-asan`);
    const url = createPgDatabase();
    const r = spawnSync(BIN, [], { env: { ...process.env, KRING_TEST_DB: url }, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, `test_store_snapshot on PostgreSQL:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout + r.stderr, /PASSED.*1 test/);
  });
});
