// kring backup and kring restore (issue 8): a backup taken while young people
// are being created through the API is one consistent snapshot that restores
// with its audit chain intact and as a prefix of the live one; encrypted
// backups need their key; a damaged, tampered or chain-broken backup is
// refused and the database it would replace stays as it was. A restore over a
// database that crashed with its write-ahead log flushes the restored file
// and its directory before it removes the old log, and one that cannot put
// the backup in place leaves the database and its log as they were.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGINE, KRING, ROOT, kring, kringAsync, sqlite, removeDir, startServer } from './harness.mjs';
import { setupDossierWorld, createYouth } from './dossier-fixture.mjs';

const sha = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const one = (db, sql) => {
  const r = sqlite(db, sql);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

// Whether strace can trace a child here (it is installed and ptrace is allowed).
const STRACE = spawnSync('strace', ['-o', '/dev/null', 'true']).status === 0;

// A kring database whose server was killed (a crash): its -wal and -shm are
// left, and the log holds a user committed after the server opened the file.
async function crashedDatabase() {
  const server = await startServer({ requireTotp: 'none' });
  const add = kring(['user', 'add', '--db', server.db, '--username', 'na-de-crash', '--role', 'admin', '--password-stdin'],
    'nog-een-wachtwoord-2026\n', { env: { KRING_REQUIRE_TOTP: 'none' } });
  assert.equal(add.status, 0, add.stderr);
  const closed = new Promise((resolve) => server.proc.once('close', resolve));
  server.proc.kill('SIGKILL');
  await closed;
  assert.ok(fs.existsSync(`${server.db}-wal`) && fs.existsSync(`${server.db}-shm`), 'the crash left the log and its index');
  return server;
}

// The file system calls of `strace -o FILE` output, in order: fsync (of a
// path, by its descriptor), rename and unlink, each that succeeded.
function fileCalls(trace) {
  const fds = new Map();
  const calls = [];
  for (const line of trace.split('\n')) {
    const m = /^(\w+)\((.*)\)\s+=\s+(-?\d+)/.exec(line);
    if (!m || Number(m[3]) < 0) continue;
    const [, name, args, result] = m;
    const paths = [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((q) => q[1]);
    if (name === 'open' || name === 'openat') fds.set(Number(result), paths[0]);
    else if (name === 'fsync' || name === 'fdatasync') calls.push({ op: 'fsync', path: fds.get(Number(args)) });
    else if (name.startsWith('rename')) calls.push({ op: 'rename', from: paths[0], to: paths[1] });
    else if (name.startsWith('unlink')) calls.push({ op: 'unlink', path: paths[0] });
  }
  return calls;
}

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

  it('a restore that cannot put the backup in place leaves a crashed database and its log as they were', async () => {
    const s = await crashedDatabase();
    try {
      const files = { db: sha(s.db), wal: sha(`${s.db}-wal`), shm: sha(`${s.db}-shm`) };
      // A directory where the log's index would be moved aside: the move fails.
      fs.mkdirSync(`${s.db}-shm.before-restore`);
      fs.writeFileSync(path.join(`${s.db}-shm.before-restore`, 'in-de-weg'), '');
      const r = kring(['restore', '--db', s.db, '--from', path.join(dir, 'plain.db'), '--force']);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /cannot replace/);
      assert.deepEqual({ db: sha(s.db), wal: sha(`${s.db}-wal`), shm: sha(`${s.db}-shm`) }, files, 'the database, its log and index are as they were');
      assert.ok(!fs.existsSync(`${s.db}-wal.before-restore`), 'the log is back in its place');
      assert.deepEqual(fs.readdirSync(s.dir).filter((f) => /restore-/.test(f)), [], 'no temporary files left');
      fs.rmSync(`${s.db}-shm.before-restore`, { recursive: true });
      assert.equal(one(s.db, "SELECT count(*) FROM users WHERE username = 'na-de-crash';"), '1', 'what the log held is still there');
      assert.equal(kring(['audit', 'verify', '--db', s.db]).status, 0);
    } finally {
      s.cleanup();
    }
  });

  it('keeps an old log left by an earlier restore that failed, and says why a long path is refused', async () => {
    const s = await crashedDatabase();
    try {
      const files = { db: sha(s.db), wal: sha(`${s.db}-wal`) };
      fs.writeFileSync(`${s.db}-wal.before-restore`, 'het log van de vorige poging');
      const r = kring(['restore', '--db', s.db, '--from', path.join(dir, 'plain.db'), '--force']);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /-wal\.before-restore is left from an earlier restore/);
      assert.equal(fs.readFileSync(`${s.db}-wal.before-restore`, 'utf8'), 'het log van de vorige poging', 'not overwritten');
      assert.deepEqual({ db: sha(s.db), wal: sha(`${s.db}-wal`) }, files, 'the database and its log are as they were');
      fs.rmSync(`${s.db}-wal.before-restore`);
    } finally {
      s.cleanup();
    }
    const long = kring(['restore', '--db', path.join(dir, 'x'.repeat(4001)), '--from', path.join(dir, 'plain.db')]);
    assert.equal(long.status, 2);
    assert.match(long.stderr, /longer than 4000 characters/);
  });

  it('restore --force flushes the restored file and its directory before it removes the old log', { skip: !STRACE && 'needs strace' }, async () => {
    const s = await crashedDatabase();
    try {
      const db = path.resolve(s.db);
      const traceFile = path.join(s.dir, 'restore.strace');
      const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' }; // LeakSanitizer does not work under ptrace
      for (const k of Object.keys(env)) if (k.startsWith('KRING_')) delete env[k];
      const r = spawnSync('strace', ['-o', traceFile, '-qq', '-s', '4096', '-e', 'trace=open,openat,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat',
        KRING, 'restore', '--db', db, '--from', path.join(dir, 'plain.db'), '--force'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      const calls = fileCalls(fs.readFileSync(traceFile, 'utf8'));
      const put = calls.findIndex((c) => c.op === 'rename' && c.to === db);
      assert.ok(put >= 0, `the backup is renamed into place: ${JSON.stringify(calls)}`);
      const tmp = calls[put].from;
      assert.ok(calls.slice(0, put).some((c) => c.op === 'fsync' && c.path === tmp), 'the restored file is flushed before it is put in place');
      const gone = calls.findIndex((c) => c.op === 'unlink' && c.path === `${db}-wal.before-restore`);
      assert.ok(gone > put, `the old log is removed after the rename: ${JSON.stringify(calls)}`);
      assert.ok(calls.slice(put + 1, gone).some((c) => c.op === 'fsync' && c.path === path.dirname(db)),
        `the directory is flushed after the rename and before the old log is removed: ${JSON.stringify(calls.slice(put))}`);
      assert.equal(one(db, "SELECT count(*) FROM users WHERE username = 'na-de-crash';"), '0', 'the backup replaced the database');
      assert.equal(kring(['audit', 'verify', '--db', db]).status, 0);
    } finally {
      s.cleanup();
    }
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
