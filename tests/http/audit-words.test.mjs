// Every audit action and object type kring records has words in both
// message catalogues, so that the young person's "who looked at my file"
// page (plain_action.*, plain_part.*), the dossier's access log (part.*)
// and the privacy officer's audit trail (action.*, object.*) never show a
// raw code such as "jim_activity". The words come from the routing table
// through the OpenAPI document (tags are object types, x-kring-audit the
// action), so a route added later is covered without editing this test.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, api } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogue = (lang) => JSON.parse(fs.readFileSync(path.join(root, 'web/i18n', `${lang}.json`), 'utf8'));

// Recorded by code outside the routing table: failed logins and lockouts
// (api/session.c; a known browser's as login_device, api/login_limit.c), destruction (api/subject_rights.c, cli/cmd_retention.c),
// backups (cli/cmd_backup.c).
const EXTRA_ACTIONS = ['login_failed', 'destroy', 'export'];
const EXTRA_OBJECTS = ['backup', 'youth', 'login_device'];

describe('audit words in the catalogues', () => {
  let server;
  let actions;
  let objects;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    const r = await api(server.base, 'GET', '/api/v1/openapi.json');
    assert.equal(r.status, 200, r.text);
    actions = new Set(EXTRA_ACTIONS);
    objects = new Set(EXTRA_OBJECTS);
    for (const item of Object.values(r.json.paths))
      for (const op of Object.values(item)) {
        if (!op || typeof op !== 'object') continue;
        if (op['x-kring-audit']) actions.add(op['x-kring-audit']);
        for (const tag of op.tags || []) if (tag !== 'system') objects.add(tag);
      }
  });
  after(async () => {
    if (server) await server.stop();
  });

  it('the routing table gives enough words to check', () => {
    assert.ok(actions.has('read') && actions.has('create') && actions.has('login'), [...actions].join(' '));
    assert.ok(objects.has('jim_activity') && objects.has('meeting') && objects.has('subject_request'), [...objects].join(' '));
  });

  for (const lang of ['nl', 'en']) {
    it(`${lang}: every action and object type has its words`, () => {
      const c = catalogue(lang);
      const missing = [];
      for (const a of actions) for (const k of [`action.${a}`, `plain_action.${a}`]) if (typeof c[k] !== 'string' || !c[k]) missing.push(k);
      for (const o of objects)
        for (const k of [`part.${o}`, `plain_part.${o}`, `object.${o}`]) if (typeof c[k] !== 'string' || !c[k]) missing.push(k);
      assert.deepEqual(missing, [], `missing in web/i18n/${lang}.json`);
    });
  }
});
