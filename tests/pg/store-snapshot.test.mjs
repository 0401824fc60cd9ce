// The read-only snapshot of a GET (store_begin(c, false)) on PostgreSQL: the
// unit test tests/unit/test_store_snapshot.c, which the unit suite runs on
// SQLite, run here against an empty database of the scripts/pg-test.sh
// cluster. It fails if the transaction stops being REPEATABLE READ (a commit
// of another connection would show) or READ ONLY (the write would go through).
import { describe, it } from 'node:test';
import { runUnitProgramOnPostgres } from './unit-program.mjs';

describe('PostgreSQL: a GET reads from a read-only snapshot', () => {
  it('keeps its first read while another connection commits, and refuses to write', () => {
    runUnitProgramOnPostgres('test_store_snapshot');
  });
});
