// Hostile-input sweep: malformed requests of every kind. The server must
// answer each with a JSON error (or 404 for static paths), never 500, never a
// file from outside the web dir, never a 2xx for nonsense, and keep serving.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, makeWebDir, SECRET_MARKER, api, rawRequest, loginAdmin, assertAlive } from './harness.mjs';

const PASSWD = /root:.*:0:0:/;

describe('hostile input sweep', () => {
  let server;
  let web;
  let admin;
  let org;

  before(async () => {
    web = makeWebDir();
    server = await startServer({ requireTotp: 'none', webDir: web.web });
    admin = await loginAdmin(server);
    org = (await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, body: { name: 'Vijandig BV' } })).json;
  });

  after(async () => {
    try {
      if (server) await server.stop();
    } finally {
      if (web) web.cleanup();
    }
  });

  async function snapshot() {
    const out = {};
    for (const p of ['/api/v1/organisations', '/api/v1/teams', '/api/v1/users']) {
      const r = await api(server.base, 'GET', p, { token: admin.token });
      assert.equal(r.status, 200, `${p}: ${r.text}`);
      out[p] = r.json;
    }
    return out;
  }

  function checkAnswer(name, r, allowed, { json = true } = {}) {
    assert.notEqual(r.status, 500, `${name}: no 500: ${r.text && r.text.slice(0, 300)}`);
    assert.ok(allowed.includes(r.status), `${name}: status ${r.status} not in ${allowed}: ${(r.text || '').slice(0, 300)}`);
    const body = r.text || '';
    assert.ok(!body.includes(SECRET_MARKER), `${name}: served a file outside the web dir`);
    assert.ok(!PASSWD.test(body), `${name}: served /etc/passwd`);
    if (json && r.status !== 404 && r.status >= 400) {
      assert.ok(r.json && r.json.error && typeof r.json.error.code === 'string', `${name}: JSON error body: ${body.slice(0, 300)}`);
    }
  }

  function rawGet(target, extra = '') {
    return rawRequest(server.base, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`);
  }

  it('path traversal on static files is 404 or 400, never file content', async () => {
    const targets = [
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/../../../../../../etc/passwd',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/.%2e/secret.txt',
      '/%2e./secret.txt',
      '/sub/../../secret.txt',
      '/sub/%2e%2e/%2e%2e/secret.txt',
      '/sub/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/api/v1/../../secret.txt',
      '/index.html%00.css',
      '/%00',
      'http://127.0.0.1/../secret.txt',
    ];
    const wrong = [];
    for (const t of targets) {
      const r = await rawGet(t);
      // Never a file from outside the web dir, whatever the status.
      assert.ok(!r.text.includes(SECRET_MARKER), `GET ${t}: served a file outside the web dir`);
      assert.ok(!PASSWD.test(r.text), `GET ${t}: served /etc/passwd`);
      assert.notEqual(r.status, 500, `GET ${t}: 500`);
      // None of these names a file of the web dir: 400 or 404 only (a NUL
      // byte must not cut the path short into "/" or "/index.html").
      if (r.status !== 400 && r.status !== 404) wrong.push(`GET ${t} -> ${r.status} ${r.text.slice(0, 60)}`);
    }
    assert.deepEqual(wrong, [], 'traversal and NUL paths answer 400 or 404');
    // Through fetch() too (which normalises dot segments itself).
    for (const t of ['/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const r = await api(server.base, 'GET', t);
      checkAnswer(`fetch ${t}`, r, [400, 404], { json: false });
    }
    await assertAlive(server.base);
  });

  it('invalid UTF-8 and bad escapes in JSON strings are 400', async () => {
    const before = await snapshot();
    const bodies = [
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // UTF-8 surrogate
      Buffer.concat([Buffer.from('{"name":"abc'), Buffer.from([0xe2, 0x82]), Buffer.from('"}')]), // truncated sequence
      Buffer.from('{"name":"\\ud800"}'), // lone surrogate escape
      Buffer.from('{"name":"\\x41"}'),
      Buffer.from('{"name":"\\u00zz"}'),
      Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0x00]), Buffer.from('b"}')]), // raw NUL inside a string
      Buffer.from('{"name":"tab\there"}'), // raw control character
      Buffer.from('\ufeff{"name":"bom"}'),
    ];
    for (const b of bodies) {
      const r = await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, rawBody: b });
      checkAnswer(`body ${JSON.stringify(b.toString('latin1'))}`, r, [400]);
    }
    // Invalid UTF-8 in login fields.
    const l = await api(server.base, 'POST', '/api/v1/session', {
      rawBody: Buffer.concat([Buffer.from('{"username":"adm'), Buffer.from([0xff]), Buffer.from('in","password":"x"}')]),
    });
    checkAnswer('login invalid utf-8', l, [400]);
    assert.deepEqual(await snapshot(), before);
    await assertAlive(server.base);
  });

  it('deeply nested JSON is refused without crashing', async () => {
    const before = await snapshot();
    const cases = [
      '['.repeat(200000),
      '{"a":'.repeat(100000),
      '['.repeat(50000) + ']'.repeat(50000),
      `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      `{"name":"x","extra":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`,
    ];
    for (const c of cases) {
      const r = await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, rawBody: c });
      checkAnswer(`nested ${c.slice(0, 20)}... (${c.length} bytes)`, r, [400, 422]);
    }
    const l = await api(server.base, 'POST', '/api/v1/session', { rawBody: '['.repeat(200000) });
    checkAnswer('nested login', l, [400]);
    assert.deepEqual(await snapshot(), before);
    await assertAlive(server.base);
  });

  it('wrong JSON types (numbers as strings, strings as numbers, nulls, arrays) are 400 or 422', async () => {
    const before = await snapshot();
    const cases = [
      ['/api/v1/organisations', { name: 12345 }],
      ['/api/v1/organisations', { name: null }],
      ['/api/v1/organisations', { name: ['a'] }],
      ['/api/v1/organisations', { name: { a: 1 } }],
      ['/api/v1/organisations', { name: 'a\u0000b' }],
      ['/api/v1/teams', { name: 'T', organisation_id: String(org.id) }],
      ['/api/v1/teams', { name: 'T', organisation_id: org.id + 0.5 }],
      ['/api/v1/teams', { name: 'T', organisation_id: -1 }],
      ['/api/v1/teams', { name: 'T', organisation_id: 1e300 }],
      ['/api/v1/teams', { name: 'T', organisation_id: true }],
      ['/api/v1/users', { username: 'type.test', display_name: 'T', role: 'jim', team_ids: 'abc' }],
      ['/api/v1/users', { username: 'type.test', display_name: 'T', role: 'jim', team_ids: ['1'] }],
      ['/api/v1/users', { username: 'type.test', display_name: 'T', role: 'jim', organisation_id: 'een' }],
      ['/api/v1/users', { username: 123456, display_name: 'T', role: 'jim' }],
      ['/api/v1/users', { username: 'type.test', display_name: 'T', role: ['admin'] }],
      ['/api/v1/users', { username: 'type\u0000x', display_name: 'T', role: 'jim' }],
      ['/api/v1/users', { username: 'x'.repeat(100000), display_name: 'T', role: 'jim' }],
      ['/api/v1/users', { username: 'lang.veld', display_name: 'd'.repeat(100000), role: 'jim' }],
      ['/api/v1/organisations', { name: 'o'.repeat(500000) }],
    ];
    for (const [p, body] of cases) {
      const r = await api(server.base, 'POST', p, { token: admin.token, body });
      checkAnswer(`POST ${p} ${JSON.stringify(body).slice(0, 80)}`, r, [400, 422]);
    }
    // Raw numbers that do not fit.
    for (const raw of [
      `{"name":"T","organisation_id":99999999999999999999999999}`,
      `{"name":"T","organisation_id":1e999}`,
      `{"name":"T","organisation_id":NaN}`,
      `{"name":"T","organisation_id":-0}`,
    ]) {
      const r = await api(server.base, 'POST', '/api/v1/teams', { token: admin.token, rawBody: raw });
      checkAnswer(`POST /api/v1/teams ${raw}`, r, [400, 422]);
    }
    assert.deepEqual(await snapshot(), before);
    await assertAlive(server.base);
  });

  it('login with wrong types or huge fields never logs in', async () => {
    const bodies = [
      { username: 'admin', password: ['x'] },
      { username: 'admin', password: null },
      { username: 'admin', password: true },
      { username: 'admin', password: { $ne: '' } },
      { username: ['admin'], password: server.admin.password },
      { username: 123, password: 'x' },
      { username: 'admin' },
      { password: server.admin.password },
      { username: 'a'.repeat(200000), password: 'x' },
      { username: 'admin', password: 'p'.repeat(500000) },
      { username: 'admin\u0000', password: server.admin.password },
      { username: 'ADMIN', password: 'fout' },
      { username: "admin' OR '1'='1", password: "' OR '1'='1" },
    ];
    for (const b of bodies) {
      const r = await api(server.base, 'POST', '/api/v1/session', { body: b });
      // 429 once the failures add up to the lockout limit is fine too.
      checkAnswer(`login ${JSON.stringify(b).slice(0, 80)}`, r, [400, 401, 422, 429]);
      assert.equal(r.json.token, undefined);
    }
    await assertAlive(server.base);
  });

  it('fields the client may not set are ignored or refused (no mass assignment)', async () => {
    const r = await api(server.base, 'POST', '/api/v1/organisations', {
      token: admin.token,
      body: { name: 'Massa org', id: 424242, created_at: '1999-01-01T00:00:00Z' },
    });
    checkAnswer('org with id', r, [201, 400, 422]);
    if (r.status === 201) {
      assert.notEqual(r.json.id, 424242);
      assert.notEqual(r.json.created_at, '1999-01-01T00:00:00Z');
    }
    const u = await api(server.base, 'POST', '/api/v1/users', {
      token: admin.token,
      body: { username: 'massa.user', display_name: 'M', role: 'jim', status: 'active', password: 'zelf-gekozen-123', id: 1 },
    });
    checkAnswer('user with status/password', u, [201, 400, 422]);
    if (u.status === 201) {
      assert.equal(u.json.status, 'invited');
      assert.notEqual(u.json.id, 1);
      const l = await api(server.base, 'POST', '/api/v1/session', { body: { username: 'massa.user', password: 'zelf-gekozen-123' } });
      checkAnswer('login with injected password', l, [401, 429]);
    }
    // The admin is still the admin.
    const me = await api(server.base, 'GET', '/api/v1/me', { token: admin.token });
    assert.equal(me.json.username, 'admin');
  });

  it('oversized and odd headers are refused or ignored, and the server keeps serving', async () => {
    // 16 KiB header: may be accepted or refused with a 4xx.
    const mid = await rawRequest(server.base, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(16 * 1024)}\r\nConnection: close\r\n\r\n`);
    assert.ok([200, 400, 413, 431].includes(mid.status) || mid.status === 0, `16 KiB header: ${mid.status}`);
    // 256 KiB header: must be refused (or the connection closed), never crash.
    const huge = await rawRequest(server.base, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(256 * 1024)}\r\nConnection: close\r\n\r\n`);
    assert.ok([400, 413, 431].includes(huge.status) || huge.status === 0, `256 KiB header: ${huge.status}`);
    await assertAlive(server.base);
    // Many headers.
    let many = 'GET /healthz HTTP/1.1\r\nHost: x\r\n';
    for (let i = 0; i < 2000; i++) many += `X-H${i}: v\r\n`;
    const m = await rawRequest(server.base, many + 'Connection: close\r\n\r\n');
    assert.ok([200, 400, 413, 431].includes(m.status) || m.status === 0, `many headers: ${m.status}`);
    // A very long URL.
    const longUrl = await rawGet('/api/v1/' + 'a'.repeat(200 * 1024));
    assert.ok([400, 404, 413, 414, 431].includes(longUrl.status) || longUrl.status === 0, `long URL: ${longUrl.status}`);
    // Huge bearer token, cookie and CSRF header: 401/403, JSON.
    const bt = await api(server.base, 'GET', '/api/v1/me', { token: 'A'.repeat(8000) });
    checkAnswer('huge bearer', bt, [401, 400, 431]);
    const ck = await api(server.base, 'GET', '/api/v1/me', { headers: { Cookie: `a=b; kring_session=${'%00'.repeat(1000)}; kring_session=x; =;;;` } });
    checkAnswer('odd cookies', ck, [401, 400]);
    const cs = await api(server.base, 'POST', '/api/v1/organisations', { cookie: 'kring_session=nope', csrf: 'c'.repeat(8000), body: { name: 'x' } });
    checkAnswer('huge csrf', cs, [401, 403, 400]);
    const auth = await api(server.base, 'GET', '/api/v1/me', { headers: { Authorization: 'Bearer ' + '\u00e9'.repeat(10) } }).catch(() => null);
    if (auth) checkAnswer('non-ascii bearer', auth, [400, 401]);
    await assertAlive(server.base);
  });

  it('protocol-level junk is refused without harming the server', async () => {
    // [request, lenient]: lenient ones may be parsed leniently by the HTTP
    // library (any answer but 500); the others must not be answered with 2xx.
    const junk = [
      ['FOO /api/v1/organisations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', false],
      ['GET /healthz HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n', false],
      ['GET /healthz\r\n\r\n', true],
      ['GARBAGE\r\n\r\n', false],
      ['\r\n\r\n\r\n', false],
      ['GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHeader\r\nConnection: close\r\n\r\n', true],
      ['GET /he\x00althz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', false],
      ['POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\nConnection: close\r\n\r\n{}', false],
      ['POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\nConnection: close\r\n\r\n{}', false],
      ['POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}', false],
      ['POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', false],
    ];
    for (const [j, lenient] of junk) {
      const name = JSON.stringify(j.slice(0, 60));
      // Waiting for the rest of a request that never comes is allowed (the
      // connection times out later); answering or closing is too.
      const r = await rawRequest(server.base, j, { timeout: 3000, allowTimeout: true });
      if (r.timedOut) console.log(`hostile: no answer within 3 s (server waits for more bytes): ${name}`);
      assert.notEqual(r.status, 500, `${name}: 500`);
      if (!lenient) assert.ok(r.status === 0 || (r.status >= 400 && r.status < 600), `${name}: status ${r.status}`);
      await assertAlive(server.base);
    }
    // The unknown method on a known API route: an API answer.
    const foo = await rawRequest(server.base, `FOO /api/v1/organisations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\r\nConnection: close\r\n\r\n`);
    assert.ok([400, 405, 501].includes(foo.status), `FOO: ${foo.status}`);
  });

  it('a chunked body over 1 MiB is 413; a truncated body does not hang the server', async () => {
    const chunk = 'a'.repeat(64 * 1024);
    let body = '';
    for (let i = 0; i < 20; i++) body += `${(chunk.length).toString(16)}\r\n${chunk}\r\n`;
    body += '0\r\n\r\n';
    const r = await rawRequest(
      server.base,
      `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n` + body,
    );
    assert.ok(r.status === 413 || r.reset || r.status === 0, `chunked 1.25 MiB: ${r.status} ${r.text.slice(0, 200)}`);
    if (r.status === 413) checkAnswer('chunked too large', r, [413]);

    // Claims 100 bytes, sends 10, then half-closes: the server must not hang on it.
    const trunc = await new Promise((resolve) => {
      const u = new URL(server.base);
      const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
        s.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"usernam');
        setTimeout(() => {
          s.destroy();
          resolve(true);
        }, 300);
      });
      s.on('error', () => resolve(true));
    });
    assert.ok(trunc);
    await assertAlive(server.base);
  });

  it('odd query strings and API paths are JSON errors', async () => {
    const cases = [
      ['/api/v1/teams/1%00/members', [400, 404]],
      ['/api/v1/t%C3%A9ams', [404]],
      ['/api/v1/teams/%2e%2e/members', [400, 404]],
      ['/api/v1/teams//members', [400, 404]],
      ['/api/v1/teams/1/members/', [200, 400, 404]],
      ['/api/v1/organisations?%zz=1', [200, 400]],
      ['/api/v1//organisations', [400, 404]],
      ['/API/V1/ORGANISATIONS', [404]],
    ];
    for (const [p, allowed] of cases) {
      const r = await rawGet(p, `Authorization: Bearer ${admin.token}\r\n`);
      checkAnswer(`GET ${p}`, r, allowed, { json: true });
      if (r.status === 404 && p.startsWith('/api/')) assert.ok(r.json && r.json.error, `GET ${p}: an API 404 is JSON: ${r.text.slice(0, 200)}`);
    }
    await assertAlive(server.base);
  });

  it('after the whole sweep the admin session and stored data are intact', async () => {
    const me = await api(server.base, 'GET', '/api/v1/me', { token: admin.token });
    assert.equal(me.status, 200);
    const orgs = await api(server.base, 'GET', '/api/v1/organisations', { token: admin.token });
    assert.ok(orgs.json.items.some((o) => o.id === org.id && o.name === 'Vijandig BV'));
    for (const o of orgs.json.items) assert.ok(o.name.length <= 200, 'no over-long name stored');
  });
});
