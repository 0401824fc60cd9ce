// PostgreSQL's plan for a file's access log: the tries from outside the
// circle are read by the partial index audit_events_youth_portal (migration
// 32). PostgreSQL uses a partial index only when it can prove the index's
// condition from the query, so without the query's own `role IN (...)`
// conjunct the log still comes out right, only by walking the file's whole
// history. The program tests/unit/test_store_pg_plan.c asks for the plan on
// an empty database of the scripts/pg-test.sh cluster.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE, createPgDatabase } from '../http/harness.mjs';

const BIN = fileURLToPath(new URL('../../build-asan/test_store_pg_plan', import.meta.url));

describe('PostgreSQL: the access log finds the tries by their index', () => {
  it('plans the tries half of SQ_ACCESS_LOG with audit_events_youth_portal', () => {
    assert.equal(ENGINE, 'postgresql', 'run as: sh scripts/pg-test.sh node --test tests/pg/');
    assert.ok(existsSync(BIN), `${BIN} is missing: make build-asan`);
    const url = createPgDatabase();
    const r = spawnSync(BIN, [], { env: { ...process.env, KRING_TEST_DB: url }, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, `test_store_pg_plan on PostgreSQL:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout + r.stderr, /PASSED.*1 test/);
  });
});
