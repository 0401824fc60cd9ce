// Files that hold dossiers or keys are their owner's only (docs/SECURITY.md
// G19): every file kring makes (the SQLite database and its -wal and -shm, a
// backup) has mode 0600 whatever the caller's umask, and a key file that its
// group or others may read is refused, like ssh refuses such a private key,
// with a message that says how to mend it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, loginAdmin, kring, ENGINE, assertAlive, keyFile } from './harness.mjs';

const mode = (file) => fs.statSync(file).mode & 0o777;

describe('modes of the files kring makes and reads', () => {
  let server;
  let dir;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-modes-'));
  });

  after(async () => {
    if (server) await server.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the database, its write-ahead log and shared memory are 0600', { skip: ENGINE !== 'sqlite' && 'SQLite only: PostgreSQL keeps its own files' }, async () => {
    const admin = await loginAdmin(server);
    assert.ok(admin.token);
    for (const file of [server.db, `${server.db}-wal`, `${server.db}-shm`]) {
      assert.ok(fs.existsSync(file), `${file} exists`);
      assert.equal(mode(file).toString(8), '600', file);
    }
  });

  it('a backup is 0600, made with a key of mode 0400 (a systemd credential)', { skip: ENGINE !== 'sqlite' && 'SQLite only: kring backup copies a SQLite file' }, () => {
    const key = keyFile(dir, 'credential.key', { mode: 0o400 });
    const out = path.join(dir, 'copy.kbk');
    const r = kring(['backup', '--db', server.db, '--out', out, '--key-file', key]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(mode(out).toString(8), '600');
  });

  it('a backup key that others may read is refused, and nothing is written', { skip: ENGINE !== 'sqlite' && 'SQLite only: kring backup copies a SQLite file' }, () => {
    for (const m of [0o644, 0o640, 0o604, 0o620]) {
      const key = keyFile(dir, `open-${m.toString(8)}.key`, { mode: m });
      const out = path.join(dir, `refused-${m.toString(8)}.kbk`);
      const r = kring(['backup', '--db', server.db, '--out', out, '--key-file', key]);
      assert.equal(r.status, 1, `mode ${m.toString(8)}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /may be read by others: make it its owner's only \(chmod 600 /);
      assert.ok(!fs.existsSync(out), `no backup with mode ${m.toString(8)}`);
    }
  });

  it('a research key that others may read stops kring serve at its start, saying why', async () => {
    // A key of printable text, so that any part of it in the log would show.
    const secret = randomBytes(32).toString('hex');
    const key = keyFile(dir, 'research.key', { mode: 0o644, content: secret });
    const r = kring(['serve', '--db', server.db, '--listen', '127.0.0.1:0', '--research-key', key], undefined, { timeout: 30000 });
    assert.equal(r.signal, null, 'it stopped by itself, not by the timeout');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /the research key may be read by others/);
    for (let i = 0; i + 8 <= secret.length; i += 8) {
      assert.ok(!(r.stdout + r.stderr).includes(secret.slice(i, i + 8)), `no part of the key in the log: ${r.stderr}`);
    }
    // The same file made its owner's only is taken (outcomes-export uses such keys).
    fs.chmodSync(key, 0o600);
    const ok = await startServer({ requireTotp: 'none', env: { KRING_RESEARCH_KEY: key } });
    await assertAlive(ok.base);
    await ok.stop();
    await assertAlive(server.base);
  });
});
