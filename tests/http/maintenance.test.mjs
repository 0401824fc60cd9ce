// kring serve's upkeep every maintenance-interval seconds (60 by default, 1
// here), while it runs and not only at its start: a session idle too long
// and one past its end are removed, a browser unused for 180 days is
// forgotten, and a TOTP secret that `kring user add` stored as it is (run
// without the key) is sealed with the key kring serve holds. An interval out
// of range is refused at start.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, login, kring, parseCliJson, dbQuery, removeDir, keyFile, sleep, SEALED_TOTP } from './harness.mjs';

const DAY = 86400;

// Polls `read` until `done(value)` or `ms` pass; the last value.
async function within(ms, read, done) {
  const end = Date.now() + ms;
  let v = read();
  while (!done(v) && Date.now() < end) {
    await sleep(100);
    v = read();
  }
  return v;
}

describe('kring serve keeps house every maintenance-interval seconds', () => {
  let server;
  let keys;
  const now = () => Math.floor(Date.now() / 1000);
  const count = (sql) => Number(dbQuery(server.db, sql).trim());

  before(async () => {
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-maintenance-'));
    server = await startServer({
      requireTotp: 'none',
      env: { KRING_MAINTENANCE_INTERVAL: '1', KRING_TOTP_KEY: keyFile(keys, 'totp.key') },
    });
  });
  after(async () => {
    if (server) await server.stop();
    if (keys) removeDir(keys);
  });

  it('a session idle too long and one past its end go while it runs; one in use stays', async () => {
    const idle = await login(server.base, 'admin', server.admin.password);
    const ended = await login(server.base, 'admin', server.admin.password);
    const kept = await login(server.base, 'admin', server.admin.password);
    for (const s of [idle, ended, kept]) assert.equal(s.status, 201, s.text);
    const sessions = () => count('SELECT count(*) FROM sessions;');
    const before = sessions();
    assert.ok(before >= 3, `sessions: ${before}`);
    // the newest two by id are `ended` and `kept`: set the older ones back
    const ids = dbQuery(server.db, 'SELECT id FROM sessions ORDER BY id DESC LIMIT 3;').trim().split('\n').map(Number);
    dbQuery(server.db, `UPDATE sessions SET last_seen_at = ${now() - DAY} WHERE id = ${ids[2]};`);
    dbQuery(server.db, `UPDATE sessions SET expires_at = ${now() - 1} WHERE id = ${ids[1]};`);
    const left = await within(10000, () => sessions(), (n) => n <= before - 2);
    assert.equal(left, before - 2, 'both removed within seconds, not at the next start');
    assert.equal(count(`SELECT count(*) FROM sessions WHERE id = ${ids[0]};`), 1, 'the session in use stays');
    assert.equal((await fetch(server.base + '/healthz')).status, 200, 'still running');
  });

  it('a browser unused for 180 days is forgotten while it runs', async () => {
    const s = await login(server.base, 'admin', server.admin.password);
    assert.equal(s.status, 201, s.text);
    const devices = () => count('SELECT count(*) FROM login_devices;');
    const before = devices();
    assert.ok(before >= 1, `browsers: ${before}`);
    dbQuery(server.db, `UPDATE login_devices SET last_used_at = ${now() - 181 * DAY} WHERE id = (SELECT max(id) FROM login_devices);`);
    assert.equal(await within(10000, devices, (n) => n === before - 1), before - 1);
  });

  it('a TOTP secret stored as it is, by kring user add without the key, is sealed while it runs', async () => {
    const add = kring(['user', 'add', '--db', server.db, '--username', 'beheer.zonder.sleutel', '--role', 'admin', '--password-stdin'],
      'beheer-zonder-sleutel-2026\n');
    assert.equal(add.status, 0, add.stderr);
    assert.ok(parseCliJson(add.stdout).totp_secret, 'an admin gets a secret');
    const stored = () => dbQuery(server.db, "SELECT totp_secret FROM users WHERE username = 'beheer.zonder.sleutel';").trim();
    assert.match(await within(10000, stored, (v) => SEALED_TOTP.test(v)), SEALED_TOTP);
  });

  it('an interval out of range is refused at start', () => {
    for (const bad of ['0', '3601', 'een']) {
      const r = kring(['serve', '--db', server.db, '--listen', '127.0.0.1:0', '--maintenance-interval', bad]);
      assert.notEqual(r.status, 0, `--maintenance-interval ${bad}: ${r.stderr}`);
      assert.match(r.stderr, /--maintenance-interval must be a whole number from 1 to 3600/);
    }
  });
});
