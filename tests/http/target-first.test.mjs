// Routes flagged target_first (src/http/router.h), generated from the routing
// table: `kring routes --json` says which routes carry the flag, and every one
// of them is called here, so a new route with the flag is covered without
// editing this file (a route whose {id} this file cannot give a refused target
// for fails the first test instead).
//
// On such a route the server does not check the declared body before the
// handler; the handler looks up the target in the path first and checks the
// body after. So a bad body sent to a target that must be refused (a young
// person's own account, which the admin's screens treat as "no such user")
// gets the same refusal as a good one, audited as denied, and never a 422
// that would tell the target is there. Each bad body is also sent to an
// acceptable target, where it must be answered 400/422: that the bodies are
// bad indeed, and that the handler does check them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { kring, api, createUser, dbQuery } from './harness.mjs';
import { setupDossierWorld, signIn, createYouth, youthAccount } from './dossier-fixture.mjs';

// Per collection before the route's {id}: a target that must be refused, with
// the refusal the route answers, and a target it accepts. Another collection
// fails the first test.
const TARGETS = {
  users: {
    refused: (W) => ({ id: W.youthAccount.id, status: 404, code: 'not_found', why: "a young person's own account" }),
    accepted: (W) => W.worker.id,
  },
};

// Signed-in callers of the world by role; a route is called as the first of
// its roles found here.
const callerFor = (W, rt) => rt.roles.map((role) => W.byRole[role]).find(Boolean);

const collectionOf = (rt) => (rt.pattern.match(/\/([a-z_-]+)\/\{id\}/) || [])[1];

// The declared body of the route (its requestBody in openapi.json).
function schemaOf(doc, rt) {
  const op = doc.paths[rt.pattern] && doc.paths[rt.pattern][rt.method.toLowerCase()];
  return op && op.requestBody && op.requestBody.content['application/json'].schema;
}

// A value of none of the JSON types a property schema allows.
function wrongValue(prop) {
  const types = [].concat((prop && prop.type) || []);
  return types.includes('object') ? 7 : { wrong: true };
}

// Bodies the declared check would refuse: none at all, `{}` when fields are
// required, an unknown field, and each declared field of a wrong type.
// `undefined` sends no body. (A body that is not a JSON object is refused
// before anything else, whoever asks and whatever the path: it tells nothing
// of the target.)
function badBodies(schema) {
  const bodies = [
    ['no body', undefined],
    ['an unknown field', { no_such_field_here: 1 }],
  ];
  if ((schema.required || []).length) bodies.push(['{}', {}]);
  for (const [name, prop] of Object.entries(schema.properties || {})) bodies.push([`${name} of a wrong type`, { [name]: wrongValue(prop) }]);
  return bodies;
}

// Whether the answer `r` is the refusal `exp`; null when it is, else why not.
function refusalProblem(r, exp) {
  const code = r.json && r.json.error && r.json.error.code;
  if (r.status === exp.status && code === exp.code) return null;
  return `expected ${exp.status} ${exp.code} (${exp.why}), got ${r.status} ${code || ''}: ${r.text.slice(0, 200)}`;
}

describe('target_first routes: the target is refused before the body is checked', () => {
  let routes;
  let flagged;
  let W;

  before(async () => {
    const out = kring(['routes', '--json']);
    assert.equal(out.status, 0, `kring routes --json: ${out.stderr}`);
    routes = JSON.parse(out.stdout);
    flagged = routes.filter((rt) => rt.target_first === true);
    const w = await setupDossierWorld();
    try {
      const y = await createYouth(w.base, w.pA, w.teamA.id);
      const worker = await createUser(w.server, w.admin.token, {
        username: `doel.${process.pid}`,
        role: 'professional',
        display_name: 'Dirk Doel',
        organisation_id: w.org.id,
        team_ids: [w.teamA.id],
      });
      const d = await api(w.base, 'GET', '/api/v1/openapi.json');
      assert.equal(d.status, 200, d.text);
      W = {
        ...w,
        doc: d.json,
        worker: await signIn(w.base, worker),
        youthAccount: await youthAccount(w.base, w.pA, y.id),
        byRole: { admin: w.admin, professional: w.pA, teamlead: w.tA, privacy_officer: w.po, researcher: w.rs },
      };
    } catch (e) {
      await w.server.stop().catch(() => {});
      throw e;
    }
  }, { timeout: 120000 });

  after(async () => {
    if (W) await W.server.stop();
  });

  it('every route with the flag has a declared body, a caller and a target this test knows', () => {
    assert.ok(routes.every((rt) => typeof rt.target_first === 'boolean'), 'kring routes --json says target_first for every route');
    // the two of the time of writing, so that losing the flag is noticed
    for (const key of ['PUT /api/v1/users/{id}/role', 'POST /api/v1/users/{id}/trainings']) {
      assert.ok(flagged.some((rt) => `${rt.method} ${rt.pattern}` === key), `${key} is target_first`);
    }
    const problems = flagged.flatMap((rt) => {
      const key = `${rt.method} ${rt.pattern}`;
      const p = [];
      if (!schemaOf(W.doc, rt)) p.push(`${key}: target_first without a declared body`);
      if (!TARGETS[collectionOf(rt)]) p.push(`${key}: no refused target known for collection ${collectionOf(rt)} (add one to TARGETS)`);
      if (!callerFor(W, rt)) p.push(`${key}: no caller for roles ${rt.roles.join(', ')}`);
      if (!rt.audit) p.push(`${key}: not audited`);
      return p;
    });
    assert.deepEqual(problems, []);
    // The guard itself: a flagged route of another collection is not skipped.
    assert.equal(TARGETS[collectionOf({ pattern: '/api/v1/invoices/{id}/lines' })], undefined);
  });

  it('the refusal check refuses a 422', () => {
    const exp = { status: 404, code: 'not_found', why: 'test' };
    assert.equal(refusalProblem({ status: 404, json: { error: { code: 'not_found' } }, text: '' }, exp), null);
    assert.match(refusalProblem({ status: 422, json: { error: { code: 'validation_failed' } }, text: '' }, exp), /expected 404/);
  });

  it('a bad body to a refused target: the refusal, audited as denied; to an accepted target: 400/422', async () => {
    const failures = [];
    let calls = 0;
    for (const rt of flagged) {
      const kind = TARGETS[collectionOf(rt)];
      const caller = callerFor(W, rt);
      const refused = kind.refused(W);
      const accepted = kind.accepted(W);
      const events = (id) => dbQuery(W.server.db,
        `SELECT outcome FROM audit_events WHERE action = '${rt.audit}' AND object_type = '${rt.object_type}' ` +
        `AND object_id = '${id}' AND user_id = ${(caller.user || caller).id} ORDER BY id;`)
        .split('\n').map((s) => s.trim()).filter(Boolean);
      const before = events(refused.id).length;
      const bodies = badBodies(schemaOf(W.doc, rt));
      for (const [what, body] of bodies) {
        const call = (id) => api(W.base, rt.method, rt.pattern.replace('{id}', String(id)), { token: caller.token, ...(body !== undefined ? { body } : {}) });
        const key = `${rt.method} ${rt.pattern} with ${what}`;
        const bad = await call(refused.id);
        calls++;
        const problem = refusalProblem(bad, refused);
        if (problem) failures.push(`${key} to ${refused.why}: ${problem}`);
        const ok = await call(accepted);
        if (ok.status !== 400 && ok.status !== 422) failures.push(`${key} to an accepted target: expected 400 or 422, got ${ok.status}: ${ok.text.slice(0, 200)}`);
      }
      const after = events(refused.id).slice(before);
      if (after.length !== bodies.length || !after.every((o) => o === 'denied')) {
        failures.push(`${rt.method} ${rt.pattern}: ${bodies.length} refusals audited as ${JSON.stringify(after)}, expected all denied`);
      }
    }
    assert.ok(calls >= 2 * 4, `calls: ${calls}`);
    assert.deepEqual(failures, []);
  });
});
