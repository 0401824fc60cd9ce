// TOTP secrets sealed at rest with `--totp-key FILE` (auth/totp_key.h, ASVS
// 2.8.2, docs/SECURITY.md G5): what the database holds, that the second factor
// still works, the start that refuses a missing or other key, the secrets of
// before the key sealed at start, and a secret the running key cannot open.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer,
  login,
  loginOk,
  loginAdmin,
  createUser,
  totp,
  wrongTotp,
  kring,
  parseCliJson,
  dbQuery,
  assertError,
  removeDir,
  keyFile,
  ADMIN_PASSWORD,
  SEALED_TOTP,
} from './harness.mjs';


// The stored TOTP secret of an account, as the database holds it.
function storedSecret(db, username) {
  return dbQuery(db, `SELECT totp_secret FROM users WHERE username = '${username}';`).trim();
}

// `kring serve` that is expected to refuse to start: its exit status and log.
function serveRefused(db, key) {
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0'];
  if (key) args.push('--totp-key', key);
  const r = kring(args, undefined, { timeout: 30000 });
  assert.equal(r.signal, null, `it stopped by itself, not by the timeout: ${r.stderr}`);
  assert.notEqual(r.status, 0, `kring serve started: ${r.stderr}`);
  return r;
}

describe('TOTP secrets sealed with --totp-key', () => {
  let keys;
  let key;
  let server;
  let adminToken;
  let pro;

  before(async () => {
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-totp-key-'));
    key = keyFile(keys, 'totp.key');
    // KRING_TOTP_KEY reaches `kring user add` (the admin) and `kring serve` alike.
    server = await startServer({ env: { KRING_TOTP_KEY: key } });
    adminToken = (await loginAdmin(server)).token;
  });

  after(async () => {
    if (server) await server.stop();
    removeDir(keys);
  });

  it('kring user add prints the secret for the app but stores it sealed', () => {
    const stored = storedSecret(server.db, 'admin');
    assert.match(stored, SEALED_TOTP);
    assert.ok(!stored.includes(server.admin.totp_secret), 'the base32 secret is not in the database');
  });

  it('the admin logs in with the code of the printed secret; a wrong code is still refused', async () => {
    assertError(await login(server.base, 'admin', server.admin.password, wrongTotp(server.admin.totp_secret)), 401, 'invalid_totp');
    // The next step's code: before() used this step's, and a code is accepted once.
    const r = await login(server.base, 'admin', server.admin.password, totp(server.admin.totp_secret, Date.now() + 30000));
    assert.equal(r.status, 201, r.text);
  });

  it('an accepted invitation shows the secret once and stores it sealed; the code logs in', async () => {
    pro = await createUser(server, adminToken, { role: 'professional' });
    assert.match(pro.totp_secret, /^[A-Z2-7]{32}$/);
    const stored = storedSecret(server.db, pro.username);
    assert.match(stored, SEALED_TOTP);
    assert.ok(!stored.includes(pro.totp_secret));
    await loginOk(server.base, pro.username, pro.password, pro.totp_secret);
  });

  it("a sealed secret copied to another account's row does not open there", async () => {
    // Someone who may write to the database but has no key puts the admin's
    // sealed secret, whose codes they would know, on the professional's row.
    const own = storedSecret(server.db, pro.username);
    dbQuery(server.db, `UPDATE users SET totp_secret = (SELECT totp_secret FROM users WHERE username = 'admin') WHERE username = '${pro.username}';`);
    try {
      const r = await login(server.base, pro.username, pro.password, totp(server.admin.totp_secret, Date.now() + 30000));
      assertError(r, 503, 'totp_unavailable');
      assert.equal(r.cookie, undefined);
    } finally {
      dbQuery(server.db, `UPDATE users SET totp_secret = '${own}' WHERE username = '${pro.username}';`);
    }
  });

  it('a secret sealed with another key gets 503 totp_unavailable at login, with nothing of it in the log', async () => {
    const other = keyFile(keys, 'other.key');
    const add = kring(
      ['user', 'add', '--db', server.db, '--username', 'beheer.twee', '--role', 'admin', '--password-stdin', '--totp-key', other],
      'beheer-twee-wachtwoord-2026\n',
    );
    assert.equal(add.status, 0, add.stderr);
    const secret = parseCliJson(add.stdout).totp_secret;
    assert.match(storedSecret(server.db, 'beheer.twee'), SEALED_TOTP);
    const r = await login(server.base, 'beheer.twee', 'beheer-twee-wachtwoord-2026', totp(secret));
    assertError(r, 503, 'totp_unavailable');
    assert.equal(r.cookie, undefined);
    assert.match(server.stderr(), /a TOTP secret cannot be opened/);
    assert.ok(!server.stderr().includes(secret));
    // The failed login is audited as an error on that account.
    const events = dbQuery(server.db, "SELECT outcome FROM audit_events WHERE action = 'login' AND username = 'beheer.twee';");
    assert.equal(events.trim(), 'error');
    // Everyone else still logs in (the next step's code: this one was used).
    const ok = await login(server.base, pro.username, pro.password, totp(pro.totp_secret, Date.now() + 30000));
    assert.equal(ok.status, 201, ok.text);
  });

  it('kring serve refuses to start without the key, or with another one, and says why', async () => {
    const fresh = await createUser(server, adminToken, { role: 'professional' });
    await server.stop({ keepDir: true });
    let r = serveRefused(server.db, null);
    assert.match(r.stderr, /the TOTP secrets in the database are sealed: start with the TOTP key/);
    r = serveRefused(server.db, keyFile(keys, 'third.key'));
    assert.match(r.stderr, /the TOTP key does not open the TOTP secrets in the database/);
    // With the right key it starts again on the same database, and the code works.
    // With the right key it still refuses while one secret (beheer.twee's,
    // sealed with another key above) does not open: named by number only.
    r = serveRefused(server.db, key);
    assert.match(r.stderr, /level=error msg="TOTP secrets that the TOTP key does not open[^"]*kring totp-key forget[^"]*" count=1\n/);
    assert.ok(!r.stderr.includes('beheer.twee'), 'no username in the log');
    // kring totp-key forget clears that one secret, audited, and nothing else.
    const others = dbQuery(server.db, "SELECT username, totp_secret FROM users WHERE username <> 'beheer.twee' ORDER BY id;");
    const forget = kring(['totp-key', 'forget', '--db', server.db, '--totp-key', key]);
    assert.equal(forget.status, 0, forget.stderr);
    assert.match(forget.stdout, /^cleared 1 TOTP secrets that the key does not open$/m);
    assert.equal(storedSecret(server.db, 'beheer.twee'), '');
    assert.equal(dbQuery(server.db, "SELECT username, totp_secret FROM users WHERE username <> 'beheer.twee' ORDER BY id;"), others);
    assert.match(dbQuery(server.db, "SELECT e.reason FROM audit_events e JOIN users u ON e.object_id = CAST(u.id AS TEXT) " +
      "WHERE u.username = 'beheer.twee' AND e.object_type = 'user' AND e.action = 'update';"), /kring totp-key forget/);
    server = await startServer({ reuseDir: server.dir, env: { KRING_TOTP_KEY: key } });
    await loginOk(server.base, fresh.username, fresh.password, fresh.totp_secret);
    // Without a secret the cleared account cannot log in with a code until it is invited again.
    assertError(await login(server.base, 'beheer.twee', 'beheer-twee-wachtwoord-2026', '123456'), 401, 'invalid_totp');
  });

  it('a key file others may read, or one of fewer than 32 bytes, stops the start', () => {
    let r = serveRefused(server.db, keyFile(keys, 'open.key', { mode: 0o644 }));
    assert.match(r.stderr, /the TOTP key may be read by others/);
    r = serveRefused(server.db, keyFile(keys, 'short.key', { bytes: 31 }));
    assert.match(r.stderr, /the TOTP key must hold at least 32 bytes/);
    r = serveRefused(server.db, path.join(keys, 'missing.key'));
    assert.match(r.stderr, /cannot read the TOTP key/);
  });
});

describe('secrets stored before the key are sealed when kring starts with it', () => {
  let keys;
  let server;

  after(async () => {
    if (server) await server.stop();
    if (keys) removeDir(keys);
  });

  it('the admin made without a key is sealed at the start with one, and still logs in', async () => {
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-totp-key-'));
    server = await startServer({});
    const secret = server.admin.totp_secret;
    assert.equal(storedSecret(server.db, 'admin'), secret, 'without a key the secret is stored as it is');
    const token = (await loginAdmin(server)).token;
    const pro = await createUser(server, token, { role: 'professional' });
    assert.equal(storedSecret(server.db, pro.username), pro.totp_secret);
    const dir = server.dir;
    await server.stop({ keepDir: true });

    const key = keyFile(keys, 'totp.key');
    server = await startServer({ reuseDir: dir, env: { KRING_TOTP_KEY: key } });
    assert.match(server.stderr(), /sealed TOTP secrets with the TOTP key.* count=2/);
    assert.match(storedSecret(server.db, 'admin'), SEALED_TOTP);
    assert.match(storedSecret(server.db, pro.username), SEALED_TOTP);
    // The next step's code for the admin, whose code of this step was used before the restart.
    const r = await login(server.base, 'admin', ADMIN_PASSWORD, totp(secret, Date.now() + 30000));
    assert.equal(r.status, 201, r.text);
    await loginOk(server.base, pro.username, pro.password, pro.totp_secret);
  });
});

describe('kring totp-key rekey seals every secret with a new key', () => {
  let keys;
  let server;
  let pro;
  let storedBefore;

  after(async () => {
    if (server) await server.stop();
    if (keys) removeDir(keys);
  });

  // Every account's stored secret, "username|stored" a line.
  const allStored = () => dbQuery(server.db, 'SELECT username, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id;');
  // The rekeys' audit events: "outcome|reason|user_id" a line.
  const rekeyEvents = () => dbQuery(server.db, "SELECT outcome, reason, coalesce(user_id, 0) FROM audit_events WHERE object_type = 'totp_key' ORDER BY id;").trim();
  const rekey = (args) => kring(['totp-key', 'rekey', '--db', server.db, ...args]);

  it('refuses, changing nothing, without the current key, with another one, or with a new key others may read', async () => {
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-totp-key-'));
    const old = keyFile(keys, 'old.key');
    server = await startServer({ env: { KRING_TOTP_KEY: old } });
    const token = (await loginAdmin(server)).token;
    pro = await createUser(server, token, { role: 'professional' });
    await server.stop({ keepDir: true });
    storedBefore = allStored();
    assert.equal(storedBefore.trim().split('\n').length, 2);

    const fresh = keyFile(keys, 'new.key');
    for (const args of [
      ['--new-key', fresh],
      ['--totp-key', keyFile(keys, 'other.key'), '--new-key', fresh],
    ]) {
      const r = rekey(args);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /does not open with the current TOTP key/);
      assert.match(r.stderr, /nothing was changed/);
      assert.equal(allStored(), storedBefore);
    }
    const r = rekey(['--totp-key', old, '--new-key', keyFile(keys, 'open.key', { mode: 0o644 })]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the TOTP key may be read by others/);
    assert.equal(allStored(), storedBefore);
    assert.equal(rekey(['--totp-key', old]).status, 2, 'no --new-key: wrong use');
    // kring user add with that key file: nobody is made, and it is not wrong use (exit 1, not 2).
    const add = (args) => kring(['user', 'add', '--db', server.db, '--username', 'beheer.open', '--password-stdin', ...args],
      'beheer-open-wachtwoord-2026\n');
    const unusable = add(['--role', 'admin', '--totp-key', path.join(keys, 'open.key')]);
    assert.equal(unusable.status, 1, unusable.stderr);
    assert.match(unusable.stderr, /the TOTP key may be read by others/);
    assert.equal(add(['--role', 'koning', '--totp-key', old]).status, 2, 'an unknown role: wrong use');
    assert.equal(dbQuery(server.db, "SELECT count(*) FROM users WHERE username = 'beheer.open';").trim(), '0');
    assert.equal(rekeyEvents(), '', 'a refused rekey leaves no audit event');
  });

  it('with the current key it reseals every secret; serve then needs the new key, and the codes work', async () => {
    const old = path.join(keys, 'old.key');
    const fresh = path.join(keys, 'new.key');
    const r = rekey(['--totp-key', old, '--new-key', fresh]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^sealed 2 TOTP secrets with the new key$/m);
    // Audited in the same transaction, naming nobody (the command line has no account).
    assert.equal(rekeyEvents(), 'success|kring totp-key rekey (command line): 2 TOTP secrets sealed with a new key|0');
    const verify = kring(['audit', 'verify', '--db', server.db]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    const after = allStored().trim().split('\n');
    const was = storedBefore.trim().split('\n');
    assert.equal(after.length, 2);
    for (let i = 0; i < 2; i++) {
      const [name, stored] = after[i].split('|');
      assert.equal(name, was[i].split('|')[0]);
      assert.match(stored, SEALED_TOTP);
      assert.notEqual(stored, was[i].split('|')[1]);
    }
    const refused = serveRefused(server.db, old);
    assert.match(refused.stderr, /the TOTP key does not open the TOTP secrets in the database/);
    server = await startServer({ reuseDir: server.dir, env: { KRING_TOTP_KEY: fresh } });
    await loginOk(server.base, pro.username, pro.password, pro.totp_secret);
  });

  it('a lost key: forget clears every sealed secret, audited; a new admin with a new key; kring starts with it', async () => {
    await server.stop({ keepDir: true });
    const r = kring(['totp-key', 'forget', '--db', server.db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^cleared 2 TOTP secrets that the key does not open$/m);
    assert.equal(allStored(), '');
    assert.equal(Number(dbQuery(server.db, "SELECT count(*) FROM audit_events WHERE object_type = 'user' AND action = 'update' " +
      "AND reason LIKE 'kring totp-key forget%';").trim()), 2);
    const newest = keyFile(keys, 'newest.key');
    const add = kring(['user', 'add', '--db', server.db, '--username', 'nieuw.beheer', '--role', 'admin', '--password-stdin',
      '--totp-key', newest], 'nieuw-beheer-wachtwoord-2026\n');
    assert.equal(add.status, 0, add.stderr);
    server = await startServer({ reuseDir: server.dir, env: { KRING_TOTP_KEY: newest } });
    await loginOk(server.base, 'nieuw.beheer', 'nieuw-beheer-wachtwoord-2026', parseCliJson(add.stdout).totp_secret);
    assertError(await login(server.base, pro.username, pro.password, totp(pro.totp_secret, Date.now() + 30000)), 401, 'invalid_totp');
  });
});
