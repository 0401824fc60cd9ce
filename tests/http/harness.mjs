// Shared harness for the HTTP black-box tests (node:test + global fetch).
// Run from the repo root: node --test --test-concurrency=1 tests/http/  (KRING_BIN=path overrides build-asan/kring).
//
// Only node built-ins are used, so the suite runs on Node 18 (Debian 12) and
// Node 20 alike. Every wait has a timeout; every server a test starts is
// stopped in an `after` hook, and stop() fails the run when the server did not
// exit cleanly or printed a sanitizer report.

import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, mkdirSync, writeFileSync, readFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KRING = process.env.KRING_BIN
  ? path.resolve(process.env.KRING_BIN)
  : path.join(ROOT, 'build-asan', 'kring');

// Sanitizer settings for every kring process we start: report leaks, print
// stack traces for UBSan findings. The reports go to stderr, which we scan.
const SANITIZER_ENV = {
  ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0',
  UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1',
};

// What a sanitizer report looks like on stderr. "==PID==ERROR: " is how
// ASan/LSan/UBSan start their reports; the others catch the rest.
const SANITIZER_PATTERNS = [
  /ERROR: AddressSanitizer/,
  /LeakSanitizer/,
  /runtime error:/,
  /AddressSanitizer/,
  /UndefinedBehaviorSanitizer/,
  /==\d+==\s*ERROR: /,
  /^ERROR: \w+Sanitizer/m,
];

// Fails when `stderr` holds a sanitizer report.
export function assertNoSanitizerReport(stderr, what = 'kring') {
  for (const p of SANITIZER_PATTERNS) {
    if (p.test(stderr)) {
      assert.fail(`${what}: sanitizer report on stderr (matched ${p}):\n${stderr.slice(-8000)}`);
    }
  }
}

function childEnv(extra = {}) {
  const env = { ...process.env, ...SANITIZER_ENV };
  // The caller's own KRING_* settings must not leak into the servers we start.
  for (const k of Object.keys(env)) if (k.startsWith('KRING_')) delete env[k];
  // Tests that walk routes as the wrong account (the authorization matrix)
  // are refused far more often than the limit on refused requests for files
  // allows (file-refusals-max, 100): high here; refusal-limit.test.mjs sets its own.
  // A test that keeps one session for longer than reauth-window (900 s) on a
  // slow run would be asked for the password again: a day here;
  // reauth.test.mjs sets the default.
  return { ...env, KRING_FILE_REFUSALS_MAX: '1000000', KRING_REAUTH_WINDOW: '86400', ...extra };
}

// Runs the kring CLI synchronously. Returns {status, stdout, stderr}.
export function kring(args, stdin, { env = {}, timeout = 60000 } = {}) {
  if (!existsSync(KRING)) throw new Error(`${KRING} not found: build it first (make build-asan)`);
  const r = spawnSync(KRING, args, {
    cwd: ROOT,
    input: stdin === undefined ? '' : stdin,
    env: childEnv(env),
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`kring ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// Runs the kring CLI without blocking the event loop (so requests can go on
// meanwhile). Resolves to {status, stdout, stderr}.
export function kringAsync(args, { env = {}, timeout = 120000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(KRING, args, { cwd: ROOT, env: childEnv(env), encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(new Error(`kring ${args.join(' ')}: ${err.message}`));
      else resolve({ status: err ? err.code : 0, stdout, stderr });
    });
  });
}

// Parses the JSON object a CLI command printed on stdout (the last non-empty
// line that parses, or the whole text).
export function parseCliJson(stdout) {
  const text = stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        return JSON.parse(lines[i]);
      } catch {
        /* next */
      }
    }
  }
  throw new Error(`no JSON object on stdout: ${JSON.stringify(stdout)}`);
}

// ---------------------------------------------------------------- engines
//
// The suite runs on SQLite (default) or, with KRING_TEST_ENGINE=postgresql, on
// the PostgreSQL server that scripts/pg-test.sh starts (KRING_TEST_PG_SOCKET:
// its Unix socket dir, KRING_TEST_PG_USER: its superuser). A database is named
// by the string passed as `--db`: a file path on SQLite, a
// postgresql:///NAME?host=SOCKETDIR&user=USER URI on PostgreSQL, so tests can
// hand `server.db` to the kring CLI on either engine.

export const ENGINE = process.env.KRING_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
if (process.env.KRING_TEST_ENGINE && process.env.KRING_TEST_ENGINE !== 'postgresql' && process.env.KRING_TEST_ENGINE !== 'sqlite') {
  throw new Error(`KRING_TEST_ENGINE=${process.env.KRING_TEST_ENGINE}: expected sqlite or postgresql`);
}
export const PG_SOCKET = process.env.KRING_TEST_PG_SOCKET || '';
export const PG_USER = process.env.KRING_TEST_PG_USER || 'postgres';
if (ENGINE === 'postgresql' && !PG_SOCKET) {
  throw new Error('KRING_TEST_ENGINE=postgresql needs KRING_TEST_PG_SOCKET: run the suite as `sh scripts/pg-test.sh node --test tests/http/`');
}

// The marker file in a server's temp dir that names its PostgreSQL database,
// so that reuseDir finds the same database again.
const PG_MARKER = 'k.pg';

export function isPgUrl(db) {
  return typeof db === 'string' && /^postgres(ql)?:\/\//.test(db);
}

// The `--db` URI of PostgreSQL database `name` on the test server.
export function pgUrl(name) {
  return `postgresql:///${name}?host=${PG_SOCKET}&user=${PG_USER}`;
}

// The database name in a URI made by pgUrl().
export function pgName(url) {
  const m = /^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/.exec(url);
  if (!m) throw new Error(`no database name in ${url}`);
  return decodeURIComponent(m[1]);
}

// psql on database `name` of the test server: stops at the first error,
// unaligned output with `|` between columns, no psqlrc.
export function psql(name, sql, { timeout = 20000 } = {}) {
  if (!PG_SOCKET) throw new Error('psql: no KRING_TEST_PG_SOCKET');
  const r = spawnSync('psql', ['-X', '-q', '-h', PG_SOCKET, '-U', PG_USER, '-d', name, '-v', 'ON_ERROR_STOP=1', '-At'], {
    input: sql,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
  });
  if (r.error) throw new Error(`psql: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Databases created here and not dropped yet; dropped when the process exits.
const pgCreated = new Set();
process.on('exit', () => {
  if (!pgCreated.size) return;
  const sql = [...pgCreated].map((n) => `DROP DATABASE IF EXISTS "${n}" WITH (FORCE);`).join('\n');
  try {
    spawnSync('psql', ['-X', '-q', '-h', PG_SOCKET, '-U', PG_USER, '-d', 'postgres'], { input: sql, encoding: 'utf8', timeout: 20000 });
  } catch {
    /* best effort */
  }
});

// Creates an empty PostgreSQL database (optionally a copy of `template`,
// which must have no open connections) and returns its URI.
export function createPgDatabase({ template } = {}) {
  const name = `kring_t${randomBytes(6).toString('hex')}`;
  const tpl = template ? ` TEMPLATE "${template}"` : '';
  const r = psql('postgres', `CREATE DATABASE "${name}"${tpl};\n`);
  assert.equal(r.status, 0, `create database ${name}${tpl}: ${r.stderr}`);
  pgCreated.add(name);
  return pgUrl(name);
}

// Drops a PostgreSQL database (best effort: a failure is only reported).
export function dropPgDatabase(url) {
  const name = pgName(url);
  const r = psql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE);\n`);
  if (r.status === 0) pgCreated.delete(name);
  else process.stderr.write(`harness: drop database ${name}: ${r.stderr}\n`);
}

// The database of a server's temp dir, for `--db`: DIR/k.db on SQLite; on
// PostgreSQL a fresh database, named in DIR/k.pg (with reuse, the one named
// there). The dir must exist.
export function databaseIn(dir, { reuse = false } = {}) {
  if (ENGINE !== 'postgresql') return path.join(dir, 'k.db');
  const marker = path.join(dir, PG_MARKER);
  if (reuse) {
    assert.ok(existsSync(marker), `${dir} has no PostgreSQL database (${PG_MARKER})`);
    return readFileSync(marker, 'utf8').trim();
  }
  const url = createPgDatabase();
  writeFileSync(marker, url + '\n');
  return url;
}

// Removes a server's temp dir and, on PostgreSQL, the database named in it.
export function removeDir(dir) {
  const marker = path.join(dir, PG_MARKER);
  if (existsSync(marker)) {
    try {
      dropPgDatabase(readFileSync(marker, 'utf8').trim());
    } catch (e) {
      process.stderr.write(`harness: ${e.message}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// A copy of database `db` (which must not be in use): a file `name` in `dir`
// on SQLite (sqlite3 .backup), a database made from it as template on
// PostgreSQL. Returns the copy's `--db` string.
export function copyDatabase(db, dir, name) {
  if (isPgUrl(db)) return createPgDatabase({ template: pgName(db) });
  const copy = path.join(dir, name);
  rmSync(copy, { force: true });
  const r = sqlite(db, `.backup '${copy}'`);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(copy), `${copy} written`);
  return copy;
}

// Removes a database named as for `--db`: drops it, or deletes the file.
export function removeDatabase(db) {
  if (isPgUrl(db)) dropPgDatabase(db);
  else rmSync(db, { force: true });
}

// Runs SQL on a database named as for `--db`: `sqlite3 FILE` (with a busy
// timeout) or psql. `sql` is one string when both engines take it, or
// {sqlite, postgresql}. Output: one row a line, columns separated by `|`,
// NULL as empty. Returns {status, stdout, stderr}.
export function dbExec(db, sql, opts = {}) {
  const pg = isPgUrl(db);
  const text = typeof sql === 'string' ? sql : pg ? sql.postgresql : sql.sqlite;
  if (typeof text !== 'string') throw new Error(`dbExec: no ${pg ? 'postgresql' : 'sqlite'} variant`);
  if (pg) return psql(pgName(db), text.endsWith('\n') ? text : text + '\n', opts);
  return sqlite(db, `.timeout 10000\n${text}${text.endsWith('\n') ? '' : '\n'}`, opts);
}

// dbExec that asserts success and returns stdout.
export function dbQuery(db, sql, opts = {}) {
  const r = dbExec(db, sql, opts);
  assert.equal(r.status, 0, `${isPgUrl(db) ? 'psql' : 'sqlite3'}: ${r.stderr}\n${typeof sql === 'string' ? sql : JSON.stringify(sql)}`);
  return r.stdout;
}

// The sorted table names and "table.column" pairs of a database.
export function logicalSchema(db) {
  const tables = dbQuery(db, {
    sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;",
    postgresql: "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name;",
  })
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const columns = dbQuery(db, {
    sqlite:
      "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1;",
    postgresql:
      "SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1;",
  })
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const byte = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return { tables: tables.sort(byte), columns: columns.sort(byte) };
}

export const ADMIN_PASSWORD = 'beheer-wachtwoord-2026';

// Starts a fresh kring server on its own database in a temp dir.
// Options: requireTotp ('none'|'staff'|'all'; omitted = server default),
// env (extra environment), demo (--demo; then no admin is added, so the demo
// seed runs), webDir (default: repo's web/), reuseDir (serve the database of a
// previous server's dir, kept with stop({keepDir: true}); no init, no admin).
// `db` is the `--db` string: DIR/k.db, or a postgresql:// URI (see databaseIn).
// Returns {base, port, db, dir, admin, proc, stderr(), stop()}.
export async function startServer({ requireTotp, env = {}, demo = false, webDir, reuseDir, startTimeout = 30000 } = {}) {
  const dir = reuseDir || mkdtempSync(path.join(os.tmpdir(), 'kring-http-'));
  let db;
  const cliEnv = requireTotp ? { ...env, KRING_REQUIRE_TOTP: requireTotp } : { ...env };
  try {
    db = databaseIn(dir, { reuse: !!reuseDir });
    let admin = null;
    if (!reuseDir) {
      const init = kring(['init', '--db', db], undefined, { env: cliEnv });
      assertNoSanitizerReport(init.stderr, 'kring init');
      assert.equal(init.status, 0, `kring init failed: ${init.stderr}`);
    }
    if (!reuseDir && !demo) {
      const add = kring(
        ['user', 'add', '--db', db, '--username', 'admin', '--role', 'admin', '--display-name', 'Beheerder', '--password-stdin'],
        ADMIN_PASSWORD + '\n',
        { env: cliEnv },
      );
      assertNoSanitizerReport(add.stderr, 'kring user add');
      assert.equal(add.status, 0, `kring user add failed: ${add.stderr}`);
      admin = { ...parseCliJson(add.stdout), password: ADMIN_PASSWORD };
      assert.equal(admin.username, 'admin');
      assert.equal(admin.role, 'admin');
      assert.ok(Number.isInteger(admin.id), 'user add prints an integer id');
    }

    const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-dir', webDir || 'web'];
    if (requireTotp) args.push('--require-totp', requireTotp);
    if (demo) args.push('--demo');
    const proc = spawn(KRING, args, { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let exited = null;
    const exitPromise = new Promise((resolve) => {
      proc.on('close', (code, signal) => {
        exited = { code, signal };
        resolve(exited);
      });
    });
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (d) => (stdout += d));
    const base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`kring serve did not print its listening line within ${startTimeout} ms; stderr:\n${stderr}`));
      }, startTimeout);
      proc.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      proc.stderr.on('data', (d) => {
        stderr += d;
        const m = / msg=listening url=(http:\/\/127\.0\.0\.1:(\d+))/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      exitPromise.then((e) => {
        clearTimeout(timer);
        reject(new Error(`kring serve exited early (${JSON.stringify(e)}); stderr:\n${stderr}`));
      });
    }).catch((e) => {
      if (exited === null) proc.kill('SIGKILL');
      throw e;
    });

    let stopped = false;
    const server = {
      base,
      port: Number(new URL(base).port),
      db,
      dir,
      admin,
      proc,
      stderr: () => stderr,
      stdout: () => stdout,
      exited: () => exited,
      // Stops the server with SIGTERM and checks it exited 0 without a
      // sanitizer report. Removes the temp dir unless keepDir is set.
      async stop({ keepDir = false, timeout = 15000 } = {}) {
        if (stopped) return;
        stopped = true;
        if (exited === null) proc.kill('SIGTERM');
        let timer;
        const result = await Promise.race([
          exitPromise,
          new Promise((resolve) => {
            timer = setTimeout(() => resolve(null), timeout);
          }),
        ]);
        clearTimeout(timer);
        if (result === null) {
          proc.kill('SIGKILL');
          await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 3000))]);
          if (!keepDir) removeDir(dir);
          assert.fail(`kring serve did not exit within ${timeout} ms of SIGTERM; stderr:\n${stderr.slice(-8000)}`);
        }
        try {
          assertNoSanitizerReport(stderr, 'kring serve');
          assert.equal(result.signal, null, `kring serve died of signal ${result.signal}; stderr:\n${stderr.slice(-8000)}`);
          assert.equal(result.code, 0, `kring serve exit code ${result.code}; stderr:\n${stderr.slice(-8000)}`);
        } finally {
          if (!keepDir) removeDir(dir);
        }
      },
      cleanup() {
        removeDir(dir);
      },
    };
    return server;
  } catch (e) {
    removeDir(dir);
    throw e;
  }
}

// Writes a key file DIR/NAME (`bytes` random bytes, or `content`) with the
// given mode, its owner's only by default, as kring wants its key files
// (research, TOTP, backup keys); returns its path.
export function keyFile(dir, name, { mode = 0o600, bytes = 32, content } = {}) {
  const file = path.join(dir, name);
  writeFileSync(file, content ?? randomBytes(bytes));
  chmodSync(file, mode);
  return file;
}

// Makes a web dir for static-file tests: DIR/web/{index.html,app.css,sub/page.html}
// and a file DIR/secret.txt outside it that must never be served.
export const SECRET_MARKER = 'KRING-SECRET-OUTSIDE-WEBROOT-7f3a';
export function makeWebDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kring-web-'));
  const web = path.join(dir, 'web');
  mkdirSync(path.join(web, 'sub'), { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>kring test index</title><p>INDEX-MARKER</p>\n');
  writeFileSync(path.join(web, 'app.css'), 'body { color: black; } /* CSS-MARKER */\n');
  writeFileSync(path.join(web, 'sub', 'page.html'), '<!doctype html><p>SUB-MARKER</p>\n');
  writeFileSync(path.join(dir, 'secret.txt'), SECRET_MARKER + '\n');
  return { dir, web, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------- TOTP

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// RFC 4648 base32 decode (case-insensitive, padding and spaces ignored).
export function base32Decode(s) {
  const clean = s.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// RFC 4226 HOTP over a raw key.
export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeUInt32BE(Math.floor(counter / 0x100000000), 0);
  msg.writeUInt32BE(counter >>> 0, 4);
  const h = createHmac('sha1', key).update(msg).digest();
  const off = h[h.length - 1] & 0x0f;
  const bin = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

// RFC 6238 TOTP: HMAC-SHA1, 30 s step, 6 digits; `time` in milliseconds.
export function totp(base32secret, time = Date.now()) {
  return hotp(base32Decode(base32secret), Math.floor(time / 1000 / 30), 6);
}

// A 6-digit code that is certainly wrong for this secret around now.
export function wrongTotp(base32secret, time = Date.now()) {
  const near = new Set();
  for (let i = -3; i <= 3; i++) near.add(totp(base32secret, time + i * 30000));
  for (let n = 0; ; n++) {
    const c = String((123456 + n * 7919) % 1000000).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}

// ---------------------------------------------------------------- HTTP

const REQUEST_TIMEOUT = 20000;

// One API request. opts: {token, cookie, csrf, body, rawBody, headers, contentType}.
// `body` is sent as JSON; `rawBody` as given (string or Buffer), with the
// Content-Type from headers/contentType (default application/json).
// Returns {status, headers, json, text}.
export async function api(base, method, p, opts = {}) {
  const { token, cookie, csrf, body, rawBody, headers = {}, contentType } = opts;
  const h = { ...headers };
  if (token) h['Authorization'] = `Bearer ${token}`;
  if (cookie) h['Cookie'] = cookie.includes('=') ? cookie : `kring_session=${cookie}`;
  if (csrf !== undefined) h['X-CSRF-Token'] = csrf;
  let payload;
  if (rawBody !== undefined) {
    payload = rawBody;
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = contentType || 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = contentType || 'application/json';
  }
  const res = await fetch(base + p, {
    method,
    headers: h,
    body: payload,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT),
  });
  const text = await res.text();
  let json;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

// The Set-Cookie lines of an answer, one string per cookie (kring's cookies
// carry Max-Age, never an Expires date with a comma in it).
export function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  return joined ? joined.split(/,\s*(?=[A-Za-z_]+=)/) : [];
}

// POST /api/v1/session. Returns the api() result plus `cookie` (the
// session cookie's value from Set-Cookie, if any), `setCookie` (that cookie's
// raw line), `device` (the login browser's cookie value: its token for
// logins from it, see login_device.h) and `deviceSetCookie` (its raw line).
// The cookies are found under their plain names (kring_session,
// kring_device) or, with cookie-secure, their prefixed ones (__Host-,
// __Secure-). opts.device sends that browser token with the login, in the
// cookie opts.deviceCookie (default kring_device).
export async function login(base, username, password, totpCode, opts = {}) {
  const body = { username, password };
  if (totpCode !== undefined) body.totp = totpCode;
  const deviceCookie = opts.deviceCookie || 'kring_device';
  const r = await api(base, 'POST', '/api/v1/session', {
    body,
    headers: { ...(opts.device ? { Cookie: `${deviceCookie}=${opts.device}` } : {}), ...(opts.headers || {}) },
  });
  const lines = setCookies(r.headers);
  r.setCookie = lines.find((l) => /^(__Host-)?kring_session=/.test(l)) || '';
  r.deviceSetCookie = lines.find((l) => /^(__Secure-)?kring_device=/.test(l)) || '';
  const m = /^(?:__Host-)?kring_session=([^;\s]*)/.exec(r.setCookie);
  r.cookie = m ? m[1] : undefined;
  const d = /^(?:__Secure-)?kring_device=([^;\s]*)/.exec(r.deviceSetCookie);
  r.device = d ? d[1] : undefined;
  return r;
}

// Logs in and asserts 201; computes a TOTP code when `secret` is given.
export async function loginOk(base, username, password, secret) {
  const r = await login(base, username, password, secret ? totp(secret) : undefined);
  assert.equal(r.status, 201, `login ${username}: ${r.status} ${r.text}`);
  assert.equal(typeof r.json.token, 'string');
  return { ...r.json, cookie: r.cookie, setCookie: r.setCookie, device: r.device };
}

// Logs the server's admin in (with TOTP when the admin has a secret and the
// policy needs it) and returns the session JSON.
export async function loginAdmin(server) {
  return loginOk(server.base, 'admin', server.admin.password, server.admin.totp_secret);
}

let userCounter = 0;

// Creates a user through the API as admin and accepts the invitation.
// fields: {username, role, display_name?, organisation_id?, team_ids?, password?}.
// Returns {...user, password, totp_secret, invitation, created, accepted}.
export async function createUser(server, adminToken, fields) {
  const username = fields.username || `user${process.pid}x${++userCounter}`;
  const password = fields.password || `${username}-Wachtwoord-2026!`;
  const body = {
    username,
    display_name: fields.display_name || `Test ${username}`,
    role: fields.role,
  };
  if (fields.organisation_id !== undefined) body.organisation_id = fields.organisation_id;
  if (fields.team_ids !== undefined) body.team_ids = fields.team_ids;
  const c = await api(server.base, 'POST', '/api/v1/users', { token: adminToken, body });
  assert.equal(c.status, 201, `create user ${username}: ${c.status} ${c.text}`);
  assert.ok(c.json.invitation && typeof c.json.invitation.token === 'string', `invitation in ${c.text}`);
  const a = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(c.json.invitation.token)}/accept`, {
    body: { password },
  });
  assert.equal(a.status, 200, `accept invitation ${username}: ${a.status} ${a.text}`);
  return {
    ...c.json,
    ...a.json,
    password,
    totp_secret: a.json.totp_secret,
    invitation: c.json.invitation,
    created: c.json,
    accepted: a.json,
  };
}

// Asserts the contract's error shape and returns the error object.
export function assertError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status} ${code || ''}, got ${r.status}: ${r.text.slice(0, 500)}`);
  assert.ok(r.json && typeof r.json === 'object' && r.json.error, `error body is JSON {"error":...}: ${r.text.slice(0, 500)}`);
  assert.equal(typeof r.json.error.code, 'string');
  assert.equal(typeof r.json.error.message, 'string');
  if (code !== undefined) assert.equal(r.json.error.code, code, `error code in ${r.text}`);
  if (field !== undefined) assert.equal(r.json.error.field, field, `error field in ${r.text}`);
  return r.json.error;
}

// The Content-Security-Policy kring sends (src/http/server.c), directive by directive.
export const CSP_DIRECTIVES = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

// The Strict-Transport-Security value sent with cookie-secure.
export const HSTS = 'max-age=31536000';

// A CSP header as {directive: 'source list'}; a directive given twice fails.
export function parseCsp(csp) {
  const out = {};
  for (const part of csp.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    assert.ok(!(name.toLowerCase() in out), `CSP directive ${name} given twice: ${csp}`);
    out[name.toLowerCase()] = sources.join(' ');
  }
  return out;
}

// The contract: every answer carries these, with these values; API answers
// are no-store, other answers no-cache. `hsts`: true when the server runs with
// cookie-secure (then the header must be there), false when it must be absent,
// undefined to leave it unchecked.
export function assertSecurityHeaders(headers, { apiAnswer = false, what = '', hsts = false } = {}) {
  const get = (k) => (typeof headers.get === 'function' ? headers.get(k) : headers[k]);
  const csp = get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy header present`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP without 'unsafe-inline' or 'unsafe-eval': ${csp}`);
  assert.deepEqual(parseCsp(csp), CSP_DIRECTIVES, `${what}: CSP directives: ${csp}`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
  assert.equal(get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.equal(get('cross-origin-opener-policy'), 'same-origin', `${what}: Cross-Origin-Opener-Policy`);
  assert.equal(get('cross-origin-resource-policy'), 'same-origin', `${what}: Cross-Origin-Resource-Policy`);
  assert.equal(get('permissions-policy'), 'camera=(), microphone=(), geolocation=()', `${what}: Permissions-Policy`);
  assert.equal(get('cache-control'), apiAnswer ? 'no-store' : 'no-cache', `${what}: Cache-Control`);
  if (hsts === true) assert.equal(get('strict-transport-security'), HSTS, `${what}: Strict-Transport-Security with cookie-secure`);
  else if (hsts === false) assert.equal(get('strict-transport-security') ?? null, null, `${what}: no Strict-Transport-Security without cookie-secure`);
}

// Asserts the server still answers /healthz (which names the store engine).
export async function assertAlive(base) {
  const r = await api(base, 'GET', '/healthz');
  assert.equal(r.status, 200, `healthz after bad input: ${r.status} ${r.text}`);
  assert.deepEqual(r.json, { status: 'ok', store: ENGINE });
}

// Sends raw bytes over TCP (for requests fetch() would normalise or refuse)
// and parses the answer. Returns {status, headers (lower-cased keys), text,
// json, raw, closed} or {status: 0} when the server closed without answering.
// With allowTimeout, a server that is still waiting for more bytes after
// `timeout` ms gives {status: 0, timedOut: true} instead of an error.
export function rawRequest(base, bytes, { timeout = REQUEST_TIMEOUT, allowTimeout = false } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sock = net.connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => {
      sock.destroy();
      if (allowTimeout) resolve({ ...parseRawResponse(Buffer.concat(chunks)), timedOut: true });
      else reject(new Error(`raw request timed out after ${timeout} ms`));
    }, timeout);
    sock.on('connect', () => {
      sock.write(bytes);
    });
    sock.on('data', (d) => chunks.push(d));
    const finish = () => {
      clearTimeout(timer);
      resolve(parseRawResponse(Buffer.concat(chunks)));
    };
    sock.on('end', finish);
    sock.on('error', (e) => {
      clearTimeout(timer);
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') resolve({ ...parseRawResponse(Buffer.concat(chunks)), reset: true });
      else reject(e);
    });
  });
}

// Sends a request with a large body the way a careful client does: the head
// first; if the server answers early (e.g. 413 on Content-Length alone) that
// answer is taken and the body never sent; otherwise the body follows in
// chunks, stopping as soon as an answer arrives. Needed because a server that
// refuses a large body early may close while fetch() is still writing, and
// fetch() then fails instead of showing the answer.
export function sendLargeBody(base, head, body, { timeout = REQUEST_TIMEOUT, earlyWait = 1500 } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let done = false;
    const sock = net.connect({ host: hostname, port: Number(port) });
    const finish = (extra = {}) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ ...parseRawResponse(Buffer.concat(chunks)), ...extra });
    };
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      sock.destroy();
      reject(new Error(`large-body request timed out after ${timeout} ms`));
    }, timeout);
    sock.on('data', (d) => {
      chunks.push(d);
      const got = parseRawResponse(Buffer.concat(chunks));
      if (got.status && (got.headers['content-length'] === undefined || Buffer.byteLength(got.text) >= Number(got.headers['content-length']))) finish();
    });
    sock.on('end', () => finish());
    sock.on('error', () => finish({ reset: true }));
    sock.on('connect', async () => {
      sock.write(head);
      await new Promise((r) => setTimeout(r, earlyWait));
      const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
      for (let off = 0; off < buf.length && !done && chunks.length === 0; off += 65536) {
        if (!sock.write(buf.subarray(off, off + 65536))) await new Promise((r) => sock.once('drain', r));
      }
    });
  });
}

function parseRawResponse(buf) {
  const raw = buf.toString('latin1');
  const sep = raw.indexOf('\r\n\r\n');
  if (!raw.startsWith('HTTP/') || sep < 0) return { status: 0, headers: {}, text: raw, json: undefined, raw };
  const head = raw.slice(0, sep).split('\r\n');
  const status = Number(head[0].split(' ')[1]);
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let bodyBuf = buf.subarray(Buffer.byteLength(raw.slice(0, sep + 4), 'latin1'));
  if ((headers['transfer-encoding'] || '').toLowerCase().includes('chunked')) {
    const parts = [];
    let pos = 0;
    while (pos < bodyBuf.length) {
      const eol = bodyBuf.indexOf('\r\n', pos);
      if (eol < 0) break;
      const size = parseInt(bodyBuf.subarray(pos, eol).toString('latin1'), 16);
      if (!size) break;
      parts.push(bodyBuf.subarray(eol + 2, eol + 2 + size));
      pos = eol + 2 + size + 2;
    }
    bodyBuf = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    bodyBuf = bodyBuf.subarray(0, Number(headers['content-length']));
  }
  const text = bodyBuf.toString('utf8');
  let json;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, headers, text, json, raw };
}

// The sqlite3 command-line tool on a database file.
export function sqlite(db, sql, { timeout = 20000 } = {}) {
  const r = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8', timeout });
  if (r.error) throw new Error(`sqlite3: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// A TOTP secret as kring stores it sealed with totp-key (auth/totp_key.h).
export const SEALED_TOTP = /^k1:[A-Za-z0-9_-]{96}$/;

// Makes sessions look `seconds` past the moment their password was last
// given (sessions.authenticated_at), those of account `userId` or, without
// it, every one: how a test meets reauth-window without waiting for it.
export function agePasswords(db, seconds, userId) {
  const where = userId === undefined ? '' : ` WHERE user_id = ${Number(userId)}`;
  dbQuery(db, `UPDATE sessions SET authenticated_at = ${Math.floor(Date.now() / 1000) - seconds}${where};`);
}

// Runs `sql` in a PostgreSQL transaction of its own (psql) that holds its rows
// for 1.5 s, and `during` while it does; waits for that transaction's commit.
// How a test shows that a request waits for, or refuses, a change another
// connection has under way (read committed; SQLite has one writer).
export async function whileHeldInPg(db, sql, during) {
  const holder = spawn('psql', ['-X', '-q', '-h', PG_SOCKET, '-U', PG_USER, '-d', pgName(db), '-v', 'ON_ERROR_STOP=1'],
    { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  holder.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise((resolve) => holder.on('close', resolve));
  holder.stdin.end(`BEGIN; ${sql}; SELECT pg_sleep(1.5); COMMIT;\n`);
  try {
    // until the other transaction holds the rows
    for (let i = 0; ; i++) {
      const busy = dbQuery(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(1.5)%' AND state = 'active';").trim();
      if (busy === '1') break;
      assert.ok(i < 100, 'the other transaction did not start');
      await sleep(20);
    }
    await during();
  } finally {
    assert.equal(await done, 0, stderr);
  }
}
