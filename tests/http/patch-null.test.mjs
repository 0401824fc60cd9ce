// null for a value a record always has (docs/api.md, "Request bodies"): a
// PATCH may leave such a field out, but null, which would clear it, is
// refused with 422 validation_failed naming the field, and nothing changes,
// whatever else the body sends. So for a goal's title, agreed_on and
// status, an action's description, a dossier's names, municipality, birth
// date, legal frame, living situation and phase, a network member's name,
// relation and has_custody, an activity's date, minutes and kind, and a
// meeting's start, end, location and cancelled. openapi.json declares these
// fields without null; a field where null means something (a goal's
// description: clears it) keeps null. Runs on SQLite and on PostgreSQL
// (sh scripts/pg-test.sh node --test tests/http/patch-null.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, createYouth, makeJim, addNetwork, todayAmsterdam } from './dossier-fixture.mjs';

describe('PATCH: null for a value the record always has is refused', () => {
  const today = todayAmsterdam();
  let w;
  let c;
  let youth;
  let jim;
  let jimId;
  let goal;
  let action;
  let member;
  let activity;
  let meeting;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    youth = await createYouth(w.base, w.pA, w.teamA.id);
    const made = await makeJim(w.base, w.pA, youth.id);
    jim = made.jim;
    jimId = made.activation.jim.id;
    const g = await c.post(w.pA, `/youths/${youth.id}/goals`, { title: 'Naar school', description: 'Elke dag', author_kind: 'youth' });
    assert.equal(g.status, 201, g.text);
    goal = g.json;
    const a = await c.post(w.pA, `/goals/${goal.id}/actions`, { description: 'Mentor bellen', owner: 'Sem' });
    assert.equal(a.status, 201, a.text);
    action = a.json;
    member = await addNetwork(w.base, w.pA, youth.id);
    const act = await c.post(jim, `/jims/${jimId}/activities`, { date: today, minutes: 30, kind: 'phone' });
    assert.equal(act.status, 201, act.text);
    activity = act.json;
    const start = new Date(Date.now() + 2 * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const end = new Date(Date.now() + 2 * 86400000 + 3600000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const m = await c.post(w.pA, `/youths/${youth.id}/meetings`, { kind: 'network', starts_at: start, ends_at: end, location: 'Buurthuis' });
    assert.equal(m.status, 201, m.text);
    meeting = m.json;
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const get = async (who, p) => {
    const r = await c.get(who, p);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const goalNow = async () => (await get(w.pA, `/youths/${youth.id}/plan`)).goals.find((g) => g.id === goal.id);
  const activityNow = async () => (await get(jim, `/jims/${jimId}/activities`)).items.find((x) => x.id === activity.id);
  const memberNow = async () => (await get(w.pA, `/youths/${youth.id}/network`)).items.find((x) => x.id === member.id);
  // The youth's dossier without what a read changes (none of the fields a PATCH can).
  const youthNow = () => get(w.pA, `/youths/${youth.id}`);
  const meetingNow = () => get(w.pA, `/meetings/${meeting.id}`);

  // Each route, what reads the record, a change that is fine on its own
  // (sent beside the null: nothing of it may be kept either), and its fields.
  const routes = () => [
    ['goal', `/goals/${goal.id}`, w.pA, goalNow, { description: 'Elke dag op tijd' }, ['title', 'agreed_on', 'status']],
    ['goal action', `/goal-actions/${action.id}`, w.pA,
      async () => (await goalNow()).actions.find((x) => x.id === action.id), { owner: 'Oom Kees' }, ['description']],
    ['dossier', `/youths/${youth.id}`, w.pA, youthNow, { bsn: '111222333', change_reason: 'Verkeerd overgenomen' },
      ['given_name', 'family_name', 'municipality', 'birth_date', 'legal_frame', 'living_situation', 'phase']],
    ['network member', `/network-members/${member.id}`, w.pA, memberNow, { contact: '06-12345678', change_reason: 'Verkeerd' },
      ['name', 'relation', 'has_custody']],
    ['activity', `/activities/${activity.id}`, jim, activityNow, { note: 'Gebeld' }, ['date', 'minutes', 'kind']],
    ['meeting', `/meetings/${meeting.id}`, w.pA, meetingNow, { agenda: 'Wie doet wat' }, ['starts_at', 'ends_at', 'location', 'cancelled']],
  ];

  it('each such field null → 422 naming it, alone and beside a change that is fine, and nothing changes', async () => {
    for (const [what, path, who, now, fine, fields] of routes()) {
      const before = await now();
      assert.ok(before, `${what} found`);
      for (const field of fields) {
        for (const body of [{ [field]: null }, { ...fine, [field]: null }]) {
          const r = await c.patch(who, path, body);
          const e = assertError(r, 422, 'validation_failed', field);
          assert.match(e.message, /not be null/, `${what} ${JSON.stringify(body)}: ${r.text}`);
        }
      }
      assert.deepEqual(await now(), before, `${what}: nothing changed`);
    }
  });

  it('the same changes without the null go through: only the null was refused', async () => {
    for (const [what, path, who, , fine] of routes()) {
      const r = await c.patch(who, path, fine);
      assert.equal(r.status, 200, `${what}: ${r.text}`);
    }
    assert.equal((await goalNow()).description, 'Elke dag op tijd');
  });

  it('null still clears where it means so: a goal\'s description, an activity\'s note', async () => {
    const g = await c.patch(w.pA, `/goals/${goal.id}`, { description: null, title: 'Naar school gaan' });
    assert.equal(g.status, 200, g.text);
    assert.deepEqual([g.json.title, g.json.description], ['Naar school gaan', null]);
    const a = await c.patch(jim, `/activities/${activity.id}`, { note: null });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.note, null);
  });

  it('openapi.json declares these fields without null, and the clearing ones with it', async () => {
    const doc = await get(null, '/api/v1/openapi.json');
    const props = (p) => doc.paths[`/api/v1${p}`].patch.requestBody.content['application/json'].schema.properties;
    const types = (schema) => [].concat(schema.type);
    const check = [
      ['/goals/{id}', ['title', 'agreed_on', 'status'], ['description', 'ended_on']],
      ['/goal-actions/{id}', ['description'], ['owner', 'owner_kind', 'due_date']],
      ['/youths/{id}', ['given_name', 'family_name', 'municipality', 'birth_date', 'legal_frame', 'living_situation', 'phase'],
        ['bsn', 'end_reason', 'change_reason', 'effective_on']],
      ['/network-members/{id}', ['name', 'relation', 'has_custody'], ['contact']],
      ['/activities/{id}', ['date', 'minutes', 'kind'], ['km', 'note']],
      ['/meetings/{id}', ['starts_at', 'ends_at', 'location', 'cancelled'], ['agenda', 'minutes']],
    ];
    for (const [path, notNull, nullable] of check) {
      const p = props(path);
      for (const f of notNull) {
        assert.ok(!types(p[f]).includes('null'), `${path} ${f}: ${JSON.stringify(p[f])}`);
        if (p[f].enum) assert.ok(!p[f].enum.includes(null), `${path} ${f} enum`);
      }
      for (const f of nullable) assert.ok(types(p[f]).includes('null'), `${path} ${f} may be null: ${JSON.stringify(p[f])}`);
    }
  });
});
