// PostgreSQL's plan for a file's access log: the tries from outside the
// circle are read by the partial index audit_events_youth_portal (migration
// 32). PostgreSQL uses a partial index only when it can prove the index's
// condition from the query, so without the query's own `role IN (...)`
// conjunct the log still comes out right, only by walking the file's whole
// history. The program tests/unit/test_store_pg_plan.c asks for the plan on
// an empty database of the scripts/pg-test.sh cluster.
import { describe, it } from 'node:test';
import { runUnitProgramOnPostgres } from './unit-program.mjs';

describe('PostgreSQL: the access log finds the tries by their index', () => {
  it('plans the tries half of SQ_ACCESS_LOG with audit_events_youth_portal', () => {
    runUnitProgramOnPostgres('test_store_pg_plan');
  });
});
