// The limit on refused requests for files (file-refusals-max, here 5 within
// file-refusals-window, here 4 s; auth/refusal_gate.h): an account that asks
// for files it has no relation to, or that do not exist, is answered 429 on
// every file route once it reached the limit, with Retry-After, until the
// window has passed; each of those answers is audited without naming a
// young person (youth_id; object_id keeps the number the path had), so the
// files it tried get no further entries in their access logs. Other
// accounts, and the account's routes that are not about a file, go on. A
// refusal of a caller with a relation of their own to the file does not
// count: a JIM without consent, a break-the-glass grant on a route for the
// team only (the dossier's JIM tab asks for six of those).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery } from './harness.mjs';
import { setupDossierWorld, client, createYouth, youthWithJim } from './dossier-fixture.mjs';

const MAX = 5;
const WINDOW_S = 4;
const REASON = 'too many refused requests for files';

describe('the limit on refused requests for files', () => {
  let w;
  let c;
  let yA; // team A's file
  let yB; // team B's file
  let withJim;
  const count = (sql) => Number(dbQuery(w.server.db, sql).trim());

  before(async () => {
    w = await setupDossierWorld({ env: { KRING_FILE_REFUSALS_MAX: String(MAX), KRING_FILE_REFUSALS_WINDOW: String(WINDOW_S) } });
    c = client(w.base);
    yA = await createYouth(w.base, w.pA, w.teamA.id);
    yB = await createYouth(w.base, w.pB, w.teamB.id);
    withJim = await youthWithJim(w.base, w.pA, w.teamA.id);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('holds an account off on file routes after it was refused as not found MAX times, audited without a young person', async () => {
    const waitForWindow = Date.now();
    // another team's file and a number no file has: both count
    for (let i = 0; i < MAX - 1; i++) assertError(await c.get(w.pB, `/youths/${yA.id}`), 404, 'not_found');
    assertError(await c.get(w.pB, '/youths/987654321/plan'), 404, 'not_found');
    const held = await c.get(w.pB, `/youths/${yA.id}`);
    assertError(held, 429, 'too_many_refusals');
    const wait = Number(held.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= WINDOW_S, `Retry-After ${held.headers.get('retry-after')}`);
    // the account's own file is a file route too; its routes without a file are not
    assertError(await c.get(w.pB, `/youths/${yB.id}`), 429, 'too_many_refusals');
    assertError(await c.patch(w.pB, `/youths/${yB.id}`, { municipality: 'Zwolle' }), 429, 'too_many_refusals');
    assert.equal((await c.get(w.pB, '/me')).status, 200);
    // another account goes on
    assert.equal((await c.get(w.pA, `/youths/${yA.id}`)).status, 200);
    // the file tried has only the refusals that counted; the answers 429 name no young person
    assert.equal(count(`SELECT count(*) FROM audit_events WHERE youth_id = ${yA.id} AND user_id = ${w.pB.id};`), MAX - 1);
    assert.equal(count(`SELECT count(*) FROM audit_events WHERE user_id = ${w.pB.id} AND reason = '${REASON}' AND outcome = 'denied' AND youth_id IS NULL;`), 3);
    assert.equal(count(`SELECT count(*) FROM audit_events WHERE user_id = ${w.pB.id} AND reason = '${REASON}' AND object_id = '${yA.id}';`), 1);
    assert.equal((await c.get(w.pB, `/youths/${yB.id}`)).status, 429, 'still held off: a refused request does not end the hold');
    // after the window the account goes on, and is counted afresh
    await new Promise((res) => setTimeout(res, Math.max(0, waitForWindow + WINDOW_S * 1000 + 300 - Date.now())));
    const own = await c.get(w.pB, `/youths/${yB.id}`);
    assert.equal(own.status, 200, own.text);
    assert.notEqual(own.json.municipality, 'Zwolle');
    assertError(await c.get(w.pB, `/youths/${yA.id}`), 404, 'not_found');
  });

  it('does not count refusals for want of consent', async () => {
    for (let i = 0; i < MAX + 2; i++)
      assertError(await c.get(withJim.jim, `/youths/${withJim.youth.id}/plan`), 403, 'no_consent');
    const summary = await c.get(withJim.jim, `/youths/${withJim.youth.id}/summary`);
    assert.equal(summary.status, 200, summary.text);
  });

  it('does not count refusals of a break-the-glass grant on routes for the team only', async () => {
    const grant = await c.post(w.pB, `/youths/${withJim.youth.id}/break-glass`, { reason: 'Crisis in de nacht, team A niet bereikbaar' });
    assert.equal(grant.status, 201, grant.text);
    for (let i = 0; i < MAX + 2; i++)
      assertError(await c.get(w.pB, `/jims/${withJim.jimId}/activities`), 404, 'not_found');
    const dossier = await c.get(w.pB, `/youths/${withJim.youth.id}`);
    assert.equal(dossier.status, 200, dossier.text);
    assert.equal((await c.get(w.pB, `/youths/${yB.id}`)).status, 200);
  });
});
