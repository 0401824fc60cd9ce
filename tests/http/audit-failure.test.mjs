// No answer without its audit event (issue 7). An audited read hands its
// event to the group committer and its connection waits, suspended, until the
// commit; when the event cannot be stored, the caller gets 503
// store_unavailable and none of the data it asked for. The database is made
// to refuse audit events with a trigger added from outside, on SQLite and on
// PostgreSQL, and the same reads succeed again once it is dropped.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery, ENGINE } from './harness.mjs';
import { setupDossierWorld, createYouth, client } from './dossier-fixture.mjs';

const REFUSE = {
  sqlite:
    "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
  postgresql:
    "CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;\n" +
    'CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();',
};
const ALLOW = {
  sqlite: 'DROP TRIGGER test_refuse_audit;',
  postgresql: 'DROP TRIGGER test_refuse_audit ON audit_events; DROP FUNCTION test_refuse_audit();',
};

describe('a read whose audit event cannot be stored', () => {
  let w;
  let c;
  let youth;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    youth = await createYouth(w.base, w.pA, w.teamA.id);
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  it('is answered 503 without the data, by every one of many at once, and succeeds again afterwards', async () => {
    const ok = await c.get(w.pA, `/youths/${youth.id}`);
    assert.equal(ok.status, 200, ok.text);
    const events = () => Number(dbQuery(w.server.db, 'SELECT count(*) FROM audit_events;').trim());
    const before = events();
    dbQuery(w.server.db, REFUSE);
    try {
      // many at once, so that they share a group and the committer's fallback
      // (each ticket on its own) runs as well
      const reads = await Promise.all(Array.from({ length: 12 }, () => c.get(w.pA, `/youths/${youth.id}`)));
      for (const r of reads) {
        assertError(r, 503, 'store_unavailable');
        assert.ok(!r.text.includes(youth.family_name), `no dossier data in ${r.text}`);
      }
      const list = await c.get(w.pA, `/youths?q=${encodeURIComponent(youth.family_name)}`);
      assertError(list, 503, 'store_unavailable');
      assert.ok(!list.text.includes(youth.family_name), 'no search result without its audit events');
      assert.equal(events(), before, 'nothing was stored');
    } finally {
      dbQuery(w.server.db, ALLOW);
    }
    const again = await c.get(w.pA, `/youths/${youth.id}`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.family_name, youth.family_name);
    assert.equal(events(), before + 1, 'the read after is audited');
  });

  it('logs the failure without the data', () => {
    const log = w.server.stderr();
    assert.ok(log.includes('msg="database error"'), 'the failure is in the log');
    assert.ok(!log.includes(youth.family_name), 'no name in the log');
    // PostgreSQL's message (which can quote a row) is not logged, only its SQLSTATE
    if (ENGINE === 'postgresql') {
      assert.ok(!log.includes('refused by the test'), 'no PostgreSQL message text in the log');
      assert.match(log, /msg="database error" engine=postgresql during=\S+ sqlstate=P0001/);
    }
  });
});
