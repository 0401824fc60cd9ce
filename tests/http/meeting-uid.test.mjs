// A meeting's iCalendar UID is stored with the meeting: random for a new
// meeting, the same in every invite, after a change and in the calendar feed;
// it does not come back after a young person's file is destroyed (nor,
// since migration 22, does the id on SQLite); and migration 17 gives the
// meetings that existed before it exactly the UID their invites already
// carry (meeting-<id>@kring), so calendars keep matching them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dbQuery, kring, assertNoSanitizerReport, startServer, removeDir } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, yearsAgo } from './dossier-fixture.mjs';

const RANDOM_UID = /^[0-9a-f]{32}@kring$/;

// The UID lines of an iCalendar text, unfolded.
function uids(text) {
  return [...text.replace(/\r\n[ \t]/g, '').matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
}

describe('meeting calendar UIDs', () => {
  const today = todayAmsterdam();
  let w;
  let server; // the running server (a new one after the migration)
  let c;
  let y;
  let m1;
  let m2;

  const storedUid = (id) => dbQuery(server.db, `SELECT uid FROM meetings WHERE id = ${Number(id)};`).trim();
  const icsUids = async (id, who = w.pA) => {
    const res = await fetch(`${server.base}/api/v1/meetings/${id}.ics`, { headers: { Authorization: `Bearer ${who.token}` }, signal: AbortSignal.timeout(20000) });
    const text = await res.text();
    assert.equal(res.status, 200, `GET ${id}.ics: ${text}`);
    return uids(text);
  };
  const meeting = async (youthId, body = {}) => {
    const r = await c.post(w.pA, `/youths/${youthId}/meetings`, {
      kind: 'network',
      starts_at: '2027-05-12T09:00:00Z',
      ends_at: '2027-05-12T10:00:00Z',
      location: 'Wijkcentrum',
      ...body,
    });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };

  before(async () => {
    w = await setupDossierWorld();
    server = w.server;
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sem', birth_date: yearsAgo(today, 16) });
    m1 = await meeting(y.id);
    m2 = await meeting(y.id, { kind: 'safety_table', location: 'Gemeentehuis' });
    // pA made both, so both are in pA's feed.
    for (const m of [m1, m2]) assert.ok(m.participants.some((p) => p.user_id === w.pA.id), JSON.stringify(m.participants));
  });
  after(async () => {
    if (server) await server.stop();
    else if (w) removeDir(w.server.dir);
  });

  it('a new meeting has a random UID, stored with it: the same in every invite, after a change and in the feed', async () => {
    const uid1 = storedUid(m1.id);
    const uid2 = storedUid(m2.id);
    assert.match(uid1, RANDOM_UID);
    assert.match(uid2, RANDOM_UID);
    assert.notEqual(uid1, uid2);
    assert.notEqual(uid1, `meeting-${m1.id}@kring`, 'not derived from the id');
    assert.equal('uid' in m1, false, 'the meeting answer does not carry the UID');
    assert.deepEqual(await icsUids(m1.id), [uid1]);
    assert.deepEqual(await icsUids(m1.id), [uid1], 'a second export: the same UID');
    const p = await c.patch(w.pA, `/meetings/${m1.id}`, { location: 'Bibliotheek' });
    assert.equal(p.status, 200, p.text);
    assert.deepEqual(await icsUids(m1.id), [uid1], 'after a change: the same UID');
    assert.equal(storedUid(m1.id), uid1);
    const f = await c.post(w.pA, '/me/calendar-feed', {});
    assert.equal(f.status, 201, f.text);
    const feed = await fetch(new URL(new URL(f.json.url).pathname, server.base), { signal: AbortSignal.timeout(20000) });
    assert.equal(feed.status, 200);
    assert.deepEqual(uids(await feed.text()).sort(), [uid1, uid2].sort(), 'the feed carries the stored UIDs');
  });

  it('a destroyed young person’s meeting UID does not come back, nor its id', async () => {
    const gone = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Vera', birth_date: yearsAgo(today, 16) });
    const mg = await meeting(gone.id, { location: 'Bij Vera thuis' });
    const [goneUid] = await icsUids(mg.id);
    const ask = await c.post(w.po, `/youths/${gone.id}/requests`, { kind: 'destruction', requested_by: 'youth' });
    assert.equal(ask.status, 201, ask.text);
    const closed = await c.post(w.po, `/requests/${ask.json.id}/close`, { status: 'done', confirm_youth_id: gone.id });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.destroyed, true);
    const next = await meeting(y.id, { location: 'Kantoor' });
    assert.notEqual(next.id, mg.id, 'the new meeting does not take the destroyed meeting\'s id (migration 22)');
    const [nextUid] = await icsUids(next.id);
    assert.notEqual(nextUid, goneUid, 'the new meeting does not take the destroyed meeting\'s UID');
    assert.match(nextUid, RANDOM_UID);
  });

  it('migration 17 gives the meetings that existed before it exactly their old UID, meeting-<id>@kring', async () => {
    const dir = server.dir;
    const db = server.db;
    const before = dbQuery(db, 'SELECT id FROM meetings ORDER BY id;').split('\n').map((s) => s.trim()).filter(Boolean).map(Number);
    assert.ok(before.length >= 3, `meetings: ${before}`);
    await server.stop({ keepDir: true });
    server = null;
    // The database without migration 17: no uid column and no index on it.
    // Each migration the database lacks runs by itself, so only 17 runs.
    dbQuery(db, 'DROP INDEX meetings_uid; ALTER TABLE meetings DROP COLUMN uid; DELETE FROM schema_migrations WHERE version = 17;');
    const init = kring(['init', '--db', db]);
    assertNoSanitizerReport(init.stderr, 'kring init');
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout + init.stderr, /database ready: 1 migration\(s\) applied/);
    const rows = dbQuery(db, 'SELECT id, uid FROM meetings ORDER BY id;').split('\n').map((s) => s.trim()).filter(Boolean);
    assert.deepEqual(rows, before.map((id) => `${id}|meeting-${id}@kring`), 'each existing meeting keeps the UID its invites carry');
    server = await startServer({ requireTotp: 'none', reuseDir: dir });
    c = client(server.base);
    assert.deepEqual(await icsUids(m1.id), [`meeting-${m1.id}@kring`], 'the invite of an existing meeting, as before');
    const fresh = await meeting(y.id, { location: 'Na de migratie' });
    assert.match(storedUid(fresh.id), RANDOM_UID, 'a meeting made after the migration gets a random UID');
  });
});
