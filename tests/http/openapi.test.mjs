// GET /api/v1/openapi.json (issue 8): a valid OpenAPI 3.1 document, checked
// by a real validator (@apidevtools/swagger-parser), that describes exactly
// the routes of `kring routes --json`, with who may call each, and the body
// each route declares (api/input.h): the same table the server checks a body
// against before the handler runs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startServer, kring, api } from './harness.mjs';
import { setupDossierWorld, createYouth, makeJim, todayAmsterdam } from './dossier-fixture.mjs';

// The POST/PUT/PATCH routes that read no body, and why. Every other one must
// declare its body; one listed here must not (a body it would ignore).
const BODYLESS = [
  // A teamlead's second look: the path names the nomination, nothing else is asked.
  'POST /api/v1/nominations/{id}/confirm-decline',
  // Marking an action done: the path is all.
  'POST /api/v1/meeting-actions/{id}/done',
  'POST /api/v1/goal-actions/{id}/done',
  // A new secret feed URL for the caller: nothing to choose.
  'POST /api/v1/me/calendar-feed',
  // Ending an account, and a new invitation for it: the path names the account.
  'POST /api/v1/users/{id}/disable',
  'POST /api/v1/users/{id}/invitation',
  // A new login link for a young person or a JIM: the path names whose.
  'POST /api/v1/youths/{id}/account/invitation',
  'POST /api/v1/jims/{id}/invitation',
];

// The DELETE routes that take a body, and why: a removal that asks something.
const DELETE_WITH_BODY = [
  // Why the person leaves the network, kept with the removal.
  'DELETE /api/v1/network-members/{id}',
];

const schemaOf = (op) => op.requestBody && op.requestBody.content['application/json'].schema;

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
      assert.deepEqual((op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name), names, `${r.method} ${r.pattern}: every path parameter declared`);
    }
  });

  it('every POST/PUT/PATCH route (and DELETE_WITH_BODY) that reads a body declares it, with its fields; no other route has one', () => {
    const routes = JSON.parse(kring(['routes', '--json']).stdout);
    const problems = [];
    for (const r of routes) {
      const key = `${r.method} ${r.pattern}`;
      const op = doc.paths[r.pattern][r.method.toLowerCase()];
      const schema = schemaOf(op);
      const writes = ['POST', 'PUT', 'PATCH'].includes(r.method) || DELETE_WITH_BODY.includes(key);
      if (!writes || BODYLESS.includes(key)) {
        if (op.requestBody) problems.push(`${key}: has a requestBody but reads no body`);
        continue;
      }
      if (!schema) {
        problems.push(`${key}: no requestBody (declare one next to the handler, or list it in BODYLESS with a reason)`);
        continue;
      }
      if (schema.type !== 'object' || !schema.properties || !Object.keys(schema.properties).length) problems.push(`${key}: a requestBody without properties`);
      for (const f of schema.required || []) if (!(f in schema.properties)) problems.push(`${key}: required ${f} is not a property`);
      // The server refuses a field it does not declare (422 on that field).
      if (schema.additionalProperties !== false) problems.push(`${key}: additionalProperties is not false`);
      // requestBody.required says whether a body must be sent at all: when a
      // field is required, and always for a PATCH (it changes what it says).
      if (op.requestBody.required !== (Boolean(schema.required && schema.required.length) || r.method === 'PATCH')) problems.push(`${key}: requestBody.required does not follow the required fields`);
    }
    for (const key of BODYLESS) if (!routes.some((r) => `${r.method} ${r.pattern}` === key)) problems.push(`BODYLESS ${key}: no such route any more`);
    for (const key of DELETE_WITH_BODY) if (!routes.some((r) => `${r.method} ${r.pattern}` === key)) problems.push(`DELETE_WITH_BODY ${key}: no such route any more`);
    assert.deepEqual(problems, []);
  });

  // The records with edit conflicts (tests/http/edit-conflict.test.mjs,
  // edit-conflict-network.test.mjs): their PATCH (and DELETE) takes If-Match,
  // the PATCH answers the new ETag, and either may answer 412.
  it('says which changes take If-Match, with the ETag they answer and their 412', () => {
    const taking = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${p}`;
        const header = (op.parameters || []).find((x) => x.in === 'header' && x.name === 'If-Match');
        if (!header) {
          assert.equal(op.responses['412'], undefined, `${key}: a 412 without If-Match`);
          continue;
        }
        taking.push(key);
        assert.equal(header.required, false, `${key}: If-Match is optional`);
        assert.match(header.description, /\*/, `${key}: says that * matches`);
        assert.deepEqual(op.responses['412'].content['application/json'].schema, { $ref: '#/components/schemas/Error' });
        assert.match(op.responses['412'].description, /edit_conflict/);
        if (method === 'delete') assert.equal(op.responses['2XX'].headers, undefined, `${key}: a removal has no new tag`);
        else assert.equal(op.responses['2XX'].headers.ETag.schema.type, 'string', `${key}: answers the new ETag`);
      }
    }
    assert.deepEqual(taking.sort(), [
      'DELETE /api/v1/activities/{id}', 'DELETE /api/v1/network-members/{id}',
      'PATCH /api/v1/activities/{id}', 'PATCH /api/v1/goal-actions/{id}', 'PATCH /api/v1/goals/{id}', 'PATCH /api/v1/meetings/{id}',
      'PATCH /api/v1/network-members/{id}', 'PATCH /api/v1/youths/{id}',
    ]);
  });

  // A meeting's parts (tests/http/edit-conflict-meeting-parts.test.mjs): only
  // its PATCH takes If-Match-Parts, which names the parts and their 412 and 400.
  it('says which change takes If-Match-Parts, and what its parts are', () => {
    const taking = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if ((op.parameters || []).some((x) => x.in === 'header' && x.name === 'If-Match-Parts')) taking.push(`${method.toUpperCase()} ${p}`);
      }
    }
    assert.deepEqual(taking, ['PATCH /api/v1/meetings/{id}']);
    const op = doc.paths['/api/v1/meetings/{id}'].patch;
    const header = op.parameters.find((x) => x.name === 'If-Match-Parts');
    assert.equal(header.required, false);
    for (const word of ['part_etags', 'schedule', 'agenda', 'minutes', 'edit_conflict', 'malformed_if_match']) {
      assert.ok(header.description.includes(word), `If-Match-Parts says ${word}`);
    }
    assert.match(op.responses['412'].description, /If-Match-Parts/);
  });

  it('describes the activity body as the handler takes it', () => {
    const s = schemaOf(doc.paths['/api/v1/jims/{id}/activities'].post);
    assert.deepEqual(s.required, ['date', 'minutes', 'kind']);
    assert.deepEqual(Object.keys(s.properties), ['date', 'minutes', 'km', 'kind', 'note']);
    assert.deepEqual(s.properties.date, { type: 'string', format: 'date', description: s.properties.date.description });
    assert.match(s.properties.date.description, /90 days/);
    assert.equal(s.properties.minutes.type, 'integer');
    assert.equal(s.properties.minutes.minimum, 1);
    assert.equal(s.properties.minutes.maximum, 1440);
    assert.deepEqual(s.properties.km.type, ['number', 'null']);
    assert.equal(s.properties.km.maximum, 2000);
    assert.deepEqual(s.properties.note.type, ['string', 'null']);
    // A limit in characters is published as maxLength (code points, as JSON Schema counts).
    assert.equal(s.properties.note.maxLength, 1000);
    // The PATCH: the same fields, none required; null clears km and note,
    // and is no value of the ones an activity always has (date, minutes, kind).
    const p = schemaOf(doc.paths['/api/v1/activities/{id}'].patch);
    assert.deepEqual(Object.keys(p.properties), Object.keys(s.properties));
    assert.equal(p.required, undefined);
    assert.equal(doc.paths['/api/v1/activities/{id}'].patch.requestBody.required, true, 'a PATCH needs a body');
    assert.deepEqual(p.properties.kind.enum, s.properties.kind.enum);
    assert.deepEqual(p.properties.kind.type, 'string');
    assert.deepEqual(p.properties.note.type, ['string', 'null']);
  });

  it('describes a new user with the roles of the routing table and the username limit', () => {
    const s = schemaOf(doc.paths['/api/v1/users'].post);
    assert.deepEqual(s.required, ['username', 'display_name', 'role']);
    const roles = new Set(JSON.parse(kring(['routes', '--json']).stdout).flatMap((r) => r.roles));
    assert.deepEqual([...s.properties.role.enum].sort(), [...roles].sort());
    assert.equal(s.properties.username.maxLength, 64);
    // The password's limit is in bytes, which a maxLength (characters) cannot say.
    const pw = schemaOf(doc.paths['/api/v1/invitations/{token}/accept'].post).properties.password;
    assert.equal(pw.maxLength, undefined, JSON.stringify(pw));
    assert.match(pw.description, /1024 bytes/);
    assert.deepEqual(s.properties.organisation_id.type, ['integer', 'null']);
    assert.deepEqual(s.properties.team_ids.type, ['array', 'null']);
  });
});

// The declared enums and objects against the running API: each listed value
// is accepted, and what a GET gives back is what the PUT takes.
describe('the declared bodies agree with the handlers', () => {
  let w;
  let doc;
  let jimId;
  let jim;

  before(async () => {
    w = await setupDossierWorld();
    const r = await api(w.base, 'GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200);
    doc = r.json;
    const y = await createYouth(w.base, w.pA, w.teamA.id);
    const made = await makeJim(w.base, w.pA, y.id);
    jim = made.jim;
    jimId = made.activation.jim.id;
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  it('the activity kinds in the description are exactly the ones the API accepts', async () => {
    const kinds = schemaOf(doc.paths['/api/v1/jims/{id}/activities'].post).properties.kind.enum;
    assert.ok(kinds.length >= 3, JSON.stringify(kinds));
    for (const kind of kinds) {
      const r = await api(w.base, 'POST', `/api/v1/jims/${jimId}/activities`, { token: jim.token, body: { date: todayAmsterdam(), minutes: 10, kind } });
      assert.equal(r.status, 201, `${kind}: ${r.text}`);
      assert.equal(r.json.kind, kind);
    }
    const bad = await api(w.base, 'POST', `/api/v1/jims/${jimId}/activities`, { token: jim.token, body: { date: todayAmsterdam(), minutes: 10, kind: 'walk' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.field, 'kind');
  });

  it('the settings PUT takes exactly the fields its GET gives', async () => {
    const s = schemaOf(doc.paths['/api/v1/organisations/{id}/settings'].put);
    const got = await api(w.base, 'GET', `/api/v1/organisations/${w.org.id}/settings`, { token: w.admin.token });
    assert.equal(got.status, 200, got.text);
    const names = Object.keys(s.properties);
    // A new organisation has no settings row yet: the GET gives the defaults, field for field.
    assert.deepEqual([...names].sort(), Object.keys(got.json).sort());
    assert.deepEqual(s.required, names);
    const put = await api(w.base, 'PUT', `/api/v1/organisations/${w.org.id}/settings`, { token: w.admin.token, body: got.json });
    assert.equal(put.status, 200, put.text);
    for (const n of names) assert.ok(got.json[n] >= s.properties[n].minimum && got.json[n] <= s.properties[n].maximum, `${n} ${got.json[n]} within its declared range`);
  });
});
