// kring backup and kring restore (issue 8): a backup taken while young people
// are being created through the API is one consistent snapshot that restores
// with its audit chain intact and as a prefix of the live one; encrypted
// backups need their key; a damaged, tampered or chain-broken backup is
// refused and the database it would replace stays as it was.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGINE, kring, kringAsync, sqlite, removeDir } from './harness.mjs';
import { setupDossierWorld, createYouth } from './dossier-fixture.mjs';

const sha = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const one = (db, sql) => {
  const r = sqlite(db, sql);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

describe('backup and restore', { skip: ENGINE !== 'sqlite' && 'SQLite only: PostgreSQL is checked below' }, () => {
  let w;
  let dir;
  let key;
  const loadCount = { started: 0, done: 0 };
  const at = {};

  before(async () => {
    w = await setupDossierWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-backup-'));
    key = path.join(dir, 'backup.key');
    fs.writeFileSync(key, randomBytes(32), { mode: 0o600 });
    for (let i = 0; i < 3; i++) await createYouth(w.base, w.pA, w.teamA.id);
    const before = Number(one(w.server.db, 'SELECT count(*) FROM youths;'));
    // Writes keep coming while both backups are taken.
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        loadCount.started++;
        await createYouth(w.base, w.pA, w.teamA.id);
        loadCount.done++;
      }
    })();
    while (loadCount.done < 5) await new Promise((r) => setTimeout(r, 10));
    at.plainFrom = before + loadCount.done;
    const plain = await kringAsync(['backup', '--db', w.server.db, '--out', path.join(dir, 'plain.db')]);
    at.plainTo = before + loadCount.started;
    at.sealedFrom = before + loadCount.done;
    const sealed = await kringAsync(['backup', '--db', w.server.db, '--out', path.join(dir, 'sealed.kbk'), '--key-file', key]);
    at.sealedTo = before + loadCount.started;
    stop = true;
    await writer;
    at.plain = plain;
    at.sealed = sealed;
  });

  after(async () => {
    if (w) await w.server.stop();
    if (dir) removeDir(dir);
  });

  // The restored database holds a count between the writes finished before the
  // backup started and those started before it ended, and its chain is a
  // prefix of the live chain.
  const assertSnapshot = (restored, from, to) => {
    const n = Number(one(restored, 'SELECT count(*) FROM youths;'));
    assert.ok(n >= from && n <= to, `young people in the backup: ${n}, expected ${from}..${to}`);
    assert.ok(n > 3, 'the backup was taken while the writes went on');
    const v = kring(['audit', 'verify', '--db', restored]);
    assert.equal(v.status, 0, v.stderr);
    const [id, hash] = one(restored, 'SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1;').split('|');
    assert.equal(one(w.server.db, `SELECT hash FROM audit_events WHERE id = ${Number(id)};`), hash, 'the chain is a prefix of the live one');
  };

  it('a plain backup under write load restores as a consistent snapshot', () => {
    assert.equal(at.plain.status, 0, at.plain.stderr);
    const file = path.join(dir, 'plain.db');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'readable by its owner only');
    const target = path.join(dir, 'restored-plain.db');
    const r = kring(['restore', '--db', target, '--from', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /audit chain intact/);
    assertSnapshot(target, at.plainFrom, at.plainTo);
  });

  it('an encrypted backup restores only with its key', () => {
    assert.equal(at.sealed.status, 0, at.sealed.stderr);
    const file = path.join(dir, 'sealed.kbk');
    assert.equal(fs.readFileSync(file).subarray(0, 8).toString(), 'KRINGBK1');
    assert.ok(!fs.readFileSync(file).includes(Buffer.from('SQLite format 3')), 'no plain SQLite inside');
    const target = path.join(dir, 'restored-sealed.db');
    const noKey = kring(['restore', '--db', target, '--from', file]);
    assert.equal(noKey.status, 1);
    assert.match(noKey.stderr, /encrypted; give its --key-file/);
    const wrong = path.join(dir, 'wrong.key');
    fs.writeFileSync(wrong, randomBytes(32));
    const bad = kring(['restore', '--db', target, '--from', file, '--key-file', wrong]);
    assert.equal(bad.status, 1);
    assert.ok(!fs.existsSync(target), 'nothing written with a wrong key');
    const r = kring(['restore', '--db', target, '--from', file, '--key-file', key]);
    assert.equal(r.status, 0, r.stderr);
    assertSnapshot(target, at.sealedFrom, at.sealedTo);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => /restore-|partial-/.test(f)), [], 'no temporary files left');
  });

  it('refuses a tampered, cut or chain-broken backup and leaves the database as it was', () => {
    const target = path.join(dir, 'restored-plain.db');
    const before = sha(target);
    // one byte changed in the middle of the encrypted file
    const sealed = fs.readFileSync(path.join(dir, 'sealed.kbk'));
    sealed[Math.floor(sealed.length / 2)] ^= 0x01;
    fs.writeFileSync(path.join(dir, 'tampered.kbk'), sealed);
    let r = kring(['restore', '--db', target, '--from', path.join(dir, 'tampered.kbk'), '--key-file', key]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /changed or cut short/);
    // the encrypted file cut short at a chunk boundary
    fs.writeFileSync(path.join(dir, 'cut.kbk'), fs.readFileSync(path.join(dir, 'sealed.kbk')).subarray(0, 8 + 24 + 65536 + 17));
    r = kring(['restore', '--db', target, '--from', path.join(dir, 'cut.kbk'), '--key-file', key]);
    assert.equal(r.status, 1);
    // a plain backup cut in half
    const plain = fs.readFileSync(path.join(dir, 'plain.db'));
    fs.writeFileSync(path.join(dir, 'half.db'), plain.subarray(0, Math.floor(plain.length / 2 / 4096) * 4096));
    r = kring(['restore', '--db', target, '--from', path.join(dir, 'half.db')]);
    assert.equal(r.status, 1, r.stdout);
    // an audit event changed behind kring's back
    fs.copyFileSync(path.join(dir, 'plain.db'), path.join(dir, 'forged.db'));
    one(path.join(dir, 'forged.db'), "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET reason = 'vervalst' WHERE id = 2;");
    r = kring(['restore', '--db', target, '--from', path.join(dir, 'forged.db')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /audit chain is BROKEN at event 2/);
    assert.equal(sha(target), before, 'the database was not touched');
  });

  it('refuses a database in use, an existing backup file and a missing option; the backup is audited', () => {
    const r = kring(['restore', '--db', w.server.db, '--from', path.join(dir, 'plain.db')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /looks in use/);
    const again = kring(['backup', '--db', w.server.db, '--out', path.join(dir, 'plain.db')]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists/);
    assert.equal(kring(['backup', '--db', w.server.db]).status, 2);
    const typo = kring(['backup', '--db', path.join(dir, 'no-such.db'), '--out', path.join(dir, 'typo.db')]);
    assert.equal(typo.status, 1);
    assert.match(typo.stderr, /there is no database/);
    assert.ok(!fs.existsSync(path.join(dir, 'no-such.db')) && !fs.existsSync(path.join(dir, 'typo.db')), 'nothing made');
    assert.equal(kring(['restore', '--from', path.join(dir, 'plain.db')]).status, 2);
    const events = one(w.server.db, "SELECT count(*) FROM audit_events WHERE action = 'export' AND object_type = 'backup';");
    assert.equal(Number(events), 2, 'the two backups are in the audit trail; the refused one is not');
  });
});

describe('backup on PostgreSQL', { skip: ENGINE !== 'postgresql' && 'PostgreSQL only' }, () => {
  it('checks the connection and points to pg_dump; restore points to pg_restore', async () => {
    const w = await setupDossierWorld();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-backup-'));
    try {
      const out = path.join(dir, 'x.db');
      const r = kring(['backup', '--db', w.server.db, '--out', out]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /answers; back it up with pg_dump/);
      assert.ok(!fs.existsSync(out));
      const s = kring(['restore', '--db', w.server.db, '--from', out]);
      assert.equal(s.status, 1);
      assert.match(s.stderr, /pg_restore/);
    } finally {
      await w.server.stop();
      removeDir(dir);
    }
  });
});
