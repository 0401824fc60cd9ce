// kring retention (issue 8): closed files are kept retention-years after the
// trajectory ended (20; 30 under a family supervision order or guardianship)
// and then destroyed the way an approved destruction request destroys them.
// The dry run lists and changes nothing; the real run needs confirmation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dbQuery, kring, KRING } from './harness.mjs';
import { setupDossierWorld, createYouth, todayAmsterdam, addDays } from './dossier-fixture.mjs';
import { requester, closeTrajectory } from './outcomes-fixture.mjs';

const T = todayAmsterdam();
const yearsBack = (n) => `${Number(T.slice(0, 4)) - n}${T.slice(4, 8)}01`;

describe('retention', () => {
  let w;
  let req;
  const Y = {};
  const sql = (text) => dbQuery(w.server.db, { sqlite: text, postgresql: text }).trim();
  const run = (...args) => kring(['retention', '--db', w.server.db, ...args]);

  before(async () => {
    w = await setupDossierWorld();
    req = requester(w.base);
    Y.old = await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(T, -400) });
    Y.oldOts = await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(T, -400), legal_frame: 'ots' });
    Y.recent = await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(T, -400) });
    Y.open = await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(T, -400) });
    Y.reopened = await createYouth(w.base, w.pA, w.teamA.id, { started_on: addDays(T, -400) });
    for (const k of ['old', 'oldOts', 'recent']) await closeTrajectory(w.base, w.pA, Y[k].id, 'planned', addDays(T, -10));
    // The server has no clock to turn: the old trajectories ended 21 years ago.
    for (const k of ['old', 'oldOts'])
      sql(`UPDATE youths SET started_on = '${yearsBack(23)}', closed_on = '${yearsBack(21)}' WHERE id = ${Y[k].id};`);
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  it('lists only the files past their term and changes nothing in a dry run', () => {
    const r = run('--dry-run');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^young person ${Y.old.id}: kept until ${yearsBack(1)}$`, 'm'));
    assert.doesNotMatch(r.stdout, new RegExp(`young person (${Y.oldOts.id}|${Y.recent.id}|${Y.open.id}):`));
    assert.match(r.stdout, /^1 closed files are past their retention period$/m);
    assert.ok(!r.stdout.includes(Y.old.family_name), 'no names in the output');
    assert.equal(sql(`SELECT count(*) FROM youths WHERE id = ${Y.old.id};`), '1');
    const longer = run('--dry-run', '--retention-years-ots', '20');
    assert.match(longer.stdout, new RegExp(`^young person ${Y.oldOts.id}: kept until ${yearsBack(1)}$`, 'm'));
  });

  it('needs confirmation, then destroys what is due and nothing else', async () => {
    const refused = run();
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /pass --yes/);
    assert.equal(sql(`SELECT count(*) FROM youths WHERE id = ${Y.old.id};`), '1');
    const r = run('--yes');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /destroyed 1 files/);
    assert.equal((await req(w.pA, 'GET', `/youths/${Y.old.id}`)).status, 404);
    for (const k of ['oldOts', 'recent', 'open']) assert.equal((await req(w.pA, 'GET', `/youths/${Y[k].id}`)).status, 200, k);
    assert.equal(sql(`SELECT count(*) FROM destructions WHERE youth_id = ${Y.old.id} AND request_id IS NULL;`), '1');
    assert.equal(
      sql(`SELECT count(*) FROM audit_events WHERE action = 'destroy' AND youth_id = ${Y.old.id} AND reason = 'retention period ended';`),
      '1',
    );
    const again = run('--yes');
    assert.equal(again.status, 0);
    assert.match(again.stdout, /^0 closed files/m);
    assert.equal(run('--db').status, 2);
  });

  it('looks at each file again when it destroys: one reopened while the operator read the list is kept', async () => {
    await closeTrajectory(w.base, w.pA, Y.reopened.id, 'planned', addDays(T, -10));
    sql(`UPDATE youths SET started_on = '${yearsBack(23)}', closed_on = '${yearsBack(21)}' WHERE id = ${Y.reopened.id};`);
    // On a terminal (script(1) gives it one), retention lists and asks.
    const sh = (a) => `'${String(a).replace(/'/g, `'\\''`)}'`; // one shell word
    const command = [KRING, 'retention', '--db', w.server.db].map(sh).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise((resolve) => child.on('close', resolve));
    const asked = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no question within 30 s: ${out}`)), 30000);
      child.stdout.on('data', (b) => {
        out += b;
        if (out.includes('Type yes:')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await asked;
    assert.match(out, new RegExp(`young person ${Y.reopened.id}: kept until`));
    // Meanwhile the file is opened again.
    sql(`UPDATE youths SET closed_on = NULL WHERE id = ${Y.reopened.id};`);
    child.stdin.write('yes\n');
    assert.equal(await exited, 0, out);
    assert.match(out, new RegExp(`young person ${Y.reopened.id}: no longer due`));
    assert.match(out, /destroyed 0 files/);
    assert.equal((await req(w.pA, 'GET', `/youths/${Y.reopened.id}`)).status, 200, 'the reopened file stays');
    assert.equal(sql(`SELECT count(*) FROM destructions WHERE youth_id = ${Y.reopened.id};`), '0');
  });
});
