// GET /api/v1/openapi.json (issue 8): a valid OpenAPI 3.1 document, checked
// by a real validator (@apidevtools/swagger-parser), that describes exactly
// the routes of `kring routes --json`, with who may call each.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startServer, kring } from './harness.mjs';

describe('the published API description', () => {
  let server;
  let doc;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    const r = await fetch(`${server.base}/api/v1/openapi.json`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    doc = await r.json();
  });

  after(async () => {
    if (server) await server.stop();
  });

  it('is valid OpenAPI 3.1', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const api = await SwaggerParser.validate(structuredClone(doc));
    assert.equal(api.info.title, 'kring');
  });

  it('holds every route of the routing table and nothing else', () => {
    const routes = JSON.parse(kring(['routes', '--json']).stdout);
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    const expected = routes.map((r) => `${r.method} ${r.pattern}`);
    assert.deepEqual([...documented].sort(), [...expected].sort());
    for (const r of routes) {
      const op = doc.paths[r.pattern][r.method.toLowerCase()];
      assert.equal(op.summary, r.summary);
      if (r.public) assert.deepEqual(op.security, [], `${r.method} ${r.pattern} is public`);
      else assert.deepEqual(op['x-kring-roles'], r.roles, `${r.method} ${r.pattern} roles`);
      const names = [...r.pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual((op.parameters || []).map((p) => p.name), names, `${r.method} ${r.pattern}: every path parameter declared`);
    }
  });
});
