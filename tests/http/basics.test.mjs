// /healthz, static files, security headers on every kind of answer, and the
// router's 404/405 answers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, makeWebDir, api, loginAdmin, assertError, assertSecurityHeaders } from './harness.mjs';

describe('basics: healthz, static files, security headers, routing', () => {
  let server;
  let web;
  let admin;

  before(async () => {
    web = makeWebDir();
    server = await startServer({ requireTotp: 'none', webDir: web.web });
    admin = await loginAdmin(server);
  });

  after(async () => {
    try {
      if (server) await server.stop();
    } finally {
      if (web) web.cleanup();
    }
  });

  it('GET /healthz answers 200 {"status":"ok","store":<engine>} as JSON, /readyz {"status":"ready"}', async () => {
    const r = await api(server.base, 'GET', '/healthz');
    assert.equal(r.status, 200);
    const engine = process.env.KRING_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
    assert.deepEqual(r.json, { status: 'ok', store: engine });
    const ready = await api(server.base, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json, { status: 'ready', store: engine });
    assert.match(r.headers.get('content-type') || '', /^application\/json/);
    assertSecurityHeaders(r.headers, { apiAnswer: true, what: '/healthz' });
  });

  it('every answer carries its own X-Request-Id (16 hex digits), as the request log names it, that tells nothing of the traffic', async () => {
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push((await api(server.base, 'GET', '/healthz')).headers.get('x-request-id'));
    ids.push((await api(server.base, 'GET', '/api/v1/no-such-thing')).headers.get('x-request-id'));
    for (const id of ids) assert.match(id || '', /^[0-9a-f]{16}$/);
    assert.equal(new Set(ids).size, ids.length, `distinct: ${ids}`);
    // Not a count that shows how many requests came between two answers:
    // ids of requests in a row lie as far apart as random numbers do.
    const n = ids.map((id) => BigInt('0x' + id));
    for (let i = 1; i < n.length; i++) {
      const gap = n[i] > n[i - 1] ? n[i] - n[i - 1] : n[i - 1] - n[i];
      assert.ok(gap > 1n << 20n, `ids in a row close together: ${ids[i - 1]} ${ids[i]}`);
    }
  });

  it('API answers carry the security headers and Cache-Control: no-store', async () => {
    const r = await api(server.base, 'GET', '/api/v1/me', { token: admin.token });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type') || '', /^application\/json/);
    assertSecurityHeaders(r.headers, { apiAnswer: true, what: 'GET /api/v1/me' });

    const l = await api(server.base, 'GET', '/api/v1/organisations', { token: admin.token });
    assert.equal(l.status, 200, l.text);
    assertSecurityHeaders(l.headers, { apiAnswer: true, what: 'GET /api/v1/organisations' });

    const s = await api(server.base, 'POST', '/api/v1/session', { body: { username: 'admin', password: server.admin.password } });
    assert.equal(s.status, 201, s.text);
    assertSecurityHeaders(s.headers, { apiAnswer: true, what: 'POST /api/v1/session' });
  });

  it('API error answers carry the security headers and no-store', async () => {
    const cases = [
      ['GET', '/api/v1/me', {}, 401, 'not_authenticated'],
      ['GET', '/api/v1/no-such-route', { token: admin.token }, 404, 'not_found'],
      ['PUT', '/api/v1/organisations', { token: admin.token, body: { name: 'x' } }, 405, 'method_not_allowed'],
      ['POST', '/api/v1/organisations', { token: admin.token, rawBody: '{"name":' }, 400, 'malformed_json'],
      ['POST', '/api/v1/session', { body: { username: 'admin', password: 'wrong-password-123' } }, 401, 'invalid_credentials'],
    ];
    for (const [m, p, o, status, code] of cases) {
      const r = await api(server.base, m, p, o);
      assertError(r, status, code);
      assert.match(r.headers.get('content-type') || '', /^application\/json/, `${m} ${p} content-type`);
      assertSecurityHeaders(r.headers, { apiAnswer: true, what: `${m} ${p} -> ${status}` });
    }
  });

  it('GET / serves index.html from the web dir with the security headers', async () => {
    const r = await api(server.base, 'GET', '/');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') || '', /^text\/html/);
    assert.match(r.text, /INDEX-MARKER/);
    assertSecurityHeaders(r.headers, { what: 'GET /' });
  });

  it('other static files are served by path with a fitting Content-Type', async () => {
    const css = await api(server.base, 'GET', '/app.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') || '', /^text\/css/);
    assert.match(css.text, /CSS-MARKER/);
    assertSecurityHeaders(css.headers, { what: 'GET /app.css' });

    const sub = await api(server.base, 'GET', '/sub/page.html');
    assert.equal(sub.status, 200);
    assert.match(sub.text, /SUB-MARKER/);
    assertSecurityHeaders(sub.headers, { what: 'GET /sub/page.html' });
  });

  it('a missing static file is 404 with the security headers', async () => {
    const r = await api(server.base, 'GET', '/no-such-file.html');
    assert.equal(r.status, 404);
    assert.doesNotMatch(r.text, /INDEX-MARKER/);
    assertSecurityHeaders(r.headers, { apiAnswer: true, what: 'GET /no-such-file.html' });
  });

  it('an unknown API route is 404 not_found, also without a session', async () => {
    assertError(await api(server.base, 'GET', '/api/v1/no-such-route', { token: admin.token }), 404, 'not_found');
    assertError(await api(server.base, 'GET', '/api/v2/organisations', { token: admin.token }), 404, 'not_found');
    // The router answers before the login check: 404 without a session too.
    assertError(await api(server.base, 'GET', '/api/v1/no-such-route'), 404, 'not_found');
  });

  it('a wrong method on a known route is 405 method_not_allowed with an Allow header', async () => {
    const r = await api(server.base, 'PUT', '/api/v1/organisations', { token: admin.token, body: { name: 'x' } });
    assertError(r, 405, 'method_not_allowed');
    const allow = (r.headers.get('allow') || '').toUpperCase();
    assert.match(allow, /\bGET\b/, `Allow: ${allow}`);
    assert.match(allow, /\bPOST\b/, `Allow: ${allow}`);
    assert.doesNotMatch(allow, /\bPUT\b/, `Allow: ${allow}`);

    const me = await api(server.base, 'PATCH', '/api/v1/me', { token: admin.token, body: {} });
    assertError(me, 405, 'method_not_allowed');
    assert.match((me.headers.get('allow') || '').toUpperCase(), /\bGET\b/);

    const h = await api(server.base, 'DELETE', '/healthz');
    assertError(h, 405, 'method_not_allowed');
    assert.match((h.headers.get('allow') || '').toUpperCase(), /\bGET\b/);
  });
});
