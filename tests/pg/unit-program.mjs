// Runs a cmocka program of build-asan/ against a new empty database of the
// scripts/pg-test.sh cluster (KRING_TEST_DB) and asserts that its `tests`
// tests passed: for the unit tests that only mean something on PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE, createPgDatabase } from '../http/harness.mjs';

export function runUnitProgramOnPostgres(name, tests = 1) {
  assert.equal(ENGINE, 'postgresql', 'run as: sh scripts/pg-test.sh node --test tests/pg/');
  const bin = fileURLToPath(new URL(`../../build-asan/${name}`, import.meta.url));
  assert.ok(existsSync(bin), `${bin} is missing: make build-asan`);
  const url = createPgDatabase();
  const r = spawnSync(bin, [], { env: { ...process.env, KRING_TEST_DB: url }, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `${name} on PostgreSQL:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout + r.stderr, new RegExp(`PASSED.*${tests} test`));
}
