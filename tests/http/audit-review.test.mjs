// The privacy officer's review of the audit trail (NEN 7513) over HTTP:
// everything about one young person's file, one user by username, the
// emergency accesses (break the glass) and the refusals, a page at a time
// (`before`), and the same selection as a CSV file (GET /api/v1/audit.csv),
// itself audited as an export.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError } from './harness.mjs';
import { setupDossierWorld, createYouth, client, youthAccount } from './dossier-fixture.mjs';

const REASON = 'Crisisdienst; de jongere is vermist';

describe('audit trail review by the privacy officer', () => {
  let w;
  let c;
  let y1;
  let y2;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y1 = await createYouth(w.base, w.pA, w.teamA.id);
    y2 = await createYouth(w.base, w.pA, w.teamA.id);
    for (let i = 0; i < 3; i++) assert.equal((await c.get(w.pA, `/youths/${y1.id}`)).status, 200);
    assert.equal((await c.get(w.pA, `/youths/${y2.id}`)).status, 200);
    // Team B: refused first, then the glass broken with a reason, then a read under the grant.
    assert.equal((await c.get(w.pB, `/youths/${y1.id}`)).status, 404);
    assert.equal((await c.post(w.pB, `/youths/${y1.id}/break-glass`, { reason: REASON })).status, 201);
    assert.equal((await c.get(w.pB, `/youths/${y1.id}`)).status, 200);
    // A refused call (a professional asks for the audit trail).
    assert.equal((await c.get(w.pA, '/audit')).status, 403);
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  const audit = (q) => c.get(w.po, `/audit${q}`);

  it('youth_id gives every event about one file, newest first', async () => {
    const r = await audit(`?youth_id=${y1.id}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    const items = r.json.items;
    assert.ok(items.length >= 7, `events about the file: ${items.length}`);
    for (const e of items) assert.equal(e.youth_id, y1.id);
    assert.ok(items.some((e) => e.username === w.pB.username && e.action === 'break_glass'), 'the grant');
    assert.ok(items.some((e) => e.username === w.pB.username && e.outcome !== 'success'), 'the refusal before it');
  });

  it('username gives one user\'s events, a failed login under that name too', async () => {
    assert.equal((await api(w.base, 'POST', '/api/v1/session', { body: { username: w.pB.username, password: 'niet-het-goede-wachtwoord' } })).status, 401);
    const r = await audit(`?username=${encodeURIComponent(w.pB.username)}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length >= 4, r.text.slice(0, 500));
    for (const e of r.json.items) assert.equal(e.username.toLowerCase(), w.pB.username);
    assert.ok(r.json.items.some((e) => e.action === 'login_failed'), 'the failed login');
    assert.deepEqual((await audit('?username=niemand.hier')).json.items, []);
    // A login attempt typed with capitals is stored as typed; the filter finds it, in any case.
    const shouted = w.pB.username.toUpperCase();
    assert.equal((await api(w.base, 'POST', '/api/v1/session', { body: { username: shouted, password: 'niet-het-goede-wachtwoord' } })).status, 401);
    const any = await audit(`?username=${encodeURIComponent(w.pB.username)}&outcome=denied&limit=1000`);
    assert.ok(any.json.items.some((e) => e.username === shouted && e.action === 'login_failed'), 'the attempt in capitals');
    const typed = await audit(`?username=${encodeURIComponent(shouted)}&limit=1000`);
    assert.ok(typed.json.items.some((e) => e.username === w.pB.username && e.action !== 'login_failed'), 'and the other way round');
  });

  it('basis=break_glass gives the emergency accesses, outcome=denied the refusals', async () => {
    const bg = (await audit('?basis=break_glass&limit=1000')).json.items;
    assert.ok(bg.length >= 2, `the grant and the read under it: ${JSON.stringify(bg)}`);
    for (const e of bg) {
      assert.equal(e.basis, 'break_glass');
      assert.equal(e.username, w.pB.username);
    }
    assert.ok(bg.some((e) => e.action === 'break_glass' && e.reason === REASON), 'the grant with its reason');
    const denied = (await audit('?outcome=denied&limit=1000')).json.items;
    assert.ok(denied.some((e) => e.username === w.pA.username && e.object_type === 'audit_log'), JSON.stringify(denied));
    for (const e of denied) assert.equal(e.outcome, 'denied');
  });

  it('before pages through older events without gaps or repeats', async () => {
    const all = (await audit('?limit=30')).json.items;
    assert.equal(all.length, 30);
    const first = (await audit('?limit=10')).json.items;
    const second = (await audit(`?limit=10&before=${first[9].id}`)).json.items;
    const third = (await audit(`?limit=10&before=${second[9].id}`)).json.items;
    // The first page may have grown by the reads of this test: compare ids from the second page on.
    const ids = [...second, ...third].map((e) => e.id);
    const start = all.findIndex((e) => e.id === second[0].id);
    assert.ok(start > 0, 'the second page continues the first');
    assert.deepEqual(ids, all.slice(start, start + 20).map((e) => e.id));
    for (const e of second) assert.ok(e.id < first[9].id);
    // with a filter too
    const mine = (await audit(`?youth_id=${y1.id}&limit=2`)).json.items;
    const older = (await audit(`?youth_id=${y1.id}&limit=2&before=${mine[1].id}`)).json.items;
    assert.equal(older.length, 2);
    for (const e of older) {
      assert.equal(e.youth_id, y1.id);
      assert.ok(e.id < mine[1].id);
    }
  });

  it('a wrong filter value is 422 naming the parameter', async () => {
    for (const [q, field] of [
      ['?before=abc', 'before'],
      ['?before=0', 'before'],
      ['?basis=everything', 'basis'],
      ['?outcome=ok', 'outcome'],
      [`?username=${'x'.repeat(201)}`, 'username'],
      ['?youth_id=-3', 'youth_id'],
    ]) {
      assertError(await audit(q), 422, 'validation_failed', field);
      assertError(await c.get(w.po, `/audit.csv${q}`), 422, 'validation_failed', field);
    }
    assertError(await c.get(w.po, '/audit.csv?limit=10001'), 422, 'validation_failed', 'limit');
  });

  it('the username filter counts its 200 characters as the audit page does (code points, not bytes)', async () => {
    // "é" is one character, two UTF-8 bytes; U+1F331 one character, two UTF-16 units, four bytes
    for (const ch of ['\u00e9', '\u{1F331}']) {
      for (const path of ['/audit', '/audit.csv']) {
        const ok = await c.get(w.po, `${path}?username=${encodeURIComponent(ch.repeat(200))}`);
        assert.equal(ok.status, 200, `${path} 200 x ${ch}: ${ok.text.slice(0, 200)}`);
        assertError(await c.get(w.po, `${path}?username=${encodeURIComponent(ch.repeat(201))}`), 422, 'validation_failed', 'username');
      }
    }
  });

  it('audit.csv holds the same selection for a spreadsheet, and is audited as an export', async () => {
    const json = (await audit(`?youth_id=${y1.id}&limit=1000`)).json.items;
    const r = await c.get(w.po, `/audit.csv?youth_id=${y1.id}`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="audittrail\.csv"/);
    const lines = r.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(lines[0], 'id;time_amsterdam;time_utc;user_id;username;role;action;object_type;object_id;youth_id;outcome;basis;client_addr;reason');
    // The CSV's own read of the file list came after the JSON above: at least as many.
    assert.ok(lines.length - 1 >= json.length, `${lines.length - 1} rows for ${json.length} events`);
    const rows = lines.slice(1).map((l) => l.split(';'));
    for (const row of rows) assert.equal(row[9], String(y1.id), `youth_id column: ${row.join(';')}`);
    const grant = lines.find((l) => l.split(';')[6] === 'break_glass');
    assert.ok(grant, 'the grant is in the file');
    // A reason with ";" is quoted; the time is Amsterdam's as well as UTC.
    assert.ok(grant.endsWith(`"${REASON}"`), grant);
    const [, local, utc] = grant.split(';');
    assert.match(local, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' })
      .format(new Date(utc));
    assert.equal(local, wall);
    // Only the privacy officer; the download itself is in the trail.
    assertError(await c.get(w.pA, '/audit.csv'), 403, 'forbidden');
    assertError(await c.get(w.admin, '/audit.csv'), 403, 'forbidden');
    const exports = (await audit('?limit=20')).json.items.filter((e) => e.action === 'export' && e.object_type === 'audit_log');
    assert.ok(exports.some((e) => e.username === w.po.username && e.outcome === 'success'), 'the export is audited');
    assert.ok(exports.some((e) => e.username === w.pA.username && e.outcome === 'denied'), 'so is a refused one');
  });

  it('the export\'s audit event keeps the filter it exported, in the trail and in the CSV, and no log line names it', async () => {
    const exportsOf = async () => (await audit('?limit=50')).json.items
      .filter((e) => e.action === 'export' && e.object_type === 'audit_log' && e.username === w.po.username && e.outcome === 'success');
    // everything: "filter: none"
    assert.equal((await c.get(w.po, '/audit.csv')).status, 200);
    assert.equal((await exportsOf())[0].reason, 'filter: none');
    // one file, one user, a period, the emergency accesses only
    const from = '2026-02-28T23:00:00.000Z';
    const to = '2099-03-01T23:00:00.000Z';
    const q = `?youth_id=${y1.id}&username=${encodeURIComponent(w.pB.username)}&from=${from}&to=${to}&basis=break_glass&limit=500`;
    assert.equal((await c.get(w.po, `/audit.csv${q}`)).status, 200);
    let ev = (await exportsOf())[0];
    assert.equal(ev.reason, `filter: youth_id=${y1.id} username=${w.pB.username} from=${from} to=${to} basis=break_glass limit=500`);
    assert.equal(ev.youth_id, y1.id, 'filtered on one young person: the export is about them');
    // the refusals only, under a username typed with a space and a quote: quoted, as typed
    const typed = 'Jan "de" Vries';
    assert.equal((await c.get(w.po, `/audit.csv?outcome=denied&username=${encodeURIComponent(typed)}`)).status, 200);
    ev = (await exportsOf())[0];
    assert.equal(ev.reason, 'filter: username="Jan \\"de\\" Vries" outcome=denied');
    // the next export of the trail shows that filter in its reason column
    const csv = (await c.get(w.po, '/audit.csv?limit=50')).text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const row = csv.find((l) => l.startsWith(`${ev.id};`));
    assert.ok(row, `event ${ev.id} in the CSV`);
    assert.ok(row.endsWith(';"filter: username=""Jan \\""de\\"" Vries"" outcome=denied"'), row);
    // the server's log has the route, never the name typed
    assert.ok(!w.server.stderr().includes('Vries'), 'no log line names the filter');
  });

  it('an export filtered on one young person is found by the trail filtered on them and in their own access log', async () => {
    const self = await youthAccount(w.base, w.pA, y2.id);
    assert.equal((await c.get(w.po, `/audit.csv?youth_id=${y2.id}`)).status, 200);
    const about = (await audit(`?youth_id=${y2.id}&limit=1000`)).json.items
      .filter((e) => e.action === 'export' && e.object_type === 'audit_log');
    assert.equal(about.length, 1, JSON.stringify(about));
    assert.equal(about[0].youth_id, y2.id);
    assert.equal(about[0].username, w.po.username);
    assert.equal(about[0].reason, `filter: youth_id=${y2.id}`);
    // A user is not a young person: that export is about no file.
    assert.equal((await c.get(w.po, `/audit.csv?user_id=${w.pA.id}`)).status, 200);
    const byUser = (await audit('?limit=20')).json.items
      .find((e) => e.action === 'export' && e.object_type === 'audit_log' && e.reason === `filter: user_id=${w.pA.id}`);
    assert.ok(byUser, 'the export filtered on a user');
    assert.equal(byUser.youth_id, null);
    // "Who looked at my file": the young person sees that the privacy officer took their
    // events out of kring, in their own view, the privacy officer's view of it and the complete file.
    const exported = (e) => e.part === 'audit_log' && e.action === 'export'
      && (e.user?.role ?? e.role) === 'privacy_officer' && e.break_glass === false;
    for (const who of [self, w.po]) {
      const log = await c.get(who, `/youths/${y2.id}/access-log`);
      assert.equal(log.status, 200, log.text);
      assert.ok(log.json.items.some((e) => e.part === 'youth'), 'the reads of the file are there');
      assert.equal(log.json.items.filter(exported).length, 1, JSON.stringify(log.json.items));
    }
    const file = await c.get(w.po, `/youths/${y2.id}/export`);
    assert.equal(file.status, 200, file.text.slice(0, 300));
    assert.equal(file.json.access_log.filter(exported).length, 1, JSON.stringify(file.json.access_log));
  });

  it('an export filtered on a number kring never gave a young person names nobody', async () => {
    // A young person who gets that number later must not find this export in their access log.
    const never = 987654321;
    assert.equal((await c.get(w.po, `/audit.csv?youth_id=${never}`)).status, 200);
    const ev = (await audit('?limit=20')).json.items
      .find((e) => e.action === 'export' && e.object_type === 'audit_log' && e.reason === `filter: youth_id=${never}`);
    assert.ok(ev, 'the export is in the trail, with its filter');
    assert.equal(ev.youth_id, null);
  });
});
