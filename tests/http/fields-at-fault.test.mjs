// Several fields at fault in one body, by the handlers' own rules (beyond the
// declared table): one 422 names the first in `field` and lists every one in
// `fields`, so that a form marks them all after one submit; nothing is stored.
// Each body is one a form can send: two fields a person got wrong at once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, createYouth, youthWithJim, todayAmsterdam, addDays } from './dossier-fixture.mjs';

describe('own rules: every field at fault in one 422', () => {
  let w;
  let c;
  let youth;
  let j;
  let goal;
  let meeting;
  let member;
  let activity;
  let action;
  const today = todayAmsterdam();
  const tomorrow = addDays(today, 1);

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    j = await youthWithJim(w.base, w.pA, w.teamA.id, { started_on: addDays(today, -30) });
    youth = await createYouth(w.base, w.pA, w.teamA.id);
    const g = await c.post(w.pA, `/youths/${youth.id}/goals`, { title: 'Naar school gaan', author_kind: 'professional' });
    assert.equal(g.status, 201, g.text);
    goal = g.json;
    const m = await c.post(w.pA, `/youths/${youth.id}/meetings`,
      { kind: 'network', starts_at: '2027-05-12T09:00:00Z', ends_at: '2027-05-12T10:00:00Z', location: 'Buurthuis' });
    assert.equal(m.status, 201, m.text);
    meeting = m.json;
    const n = await c.post(w.pA, `/youths/${youth.id}/network`, { name: 'Karin de Vries', relation: 'tante', has_custody: false });
    assert.equal(n.status, 201, n.text);
    member = n.json;
    const a = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: today, minutes: 45, kind: 'contact' });
    assert.equal(a.status, 201, a.text);
    activity = a.json;
    const act = await c.post(w.pA, `/goals/${goal.id}/actions`, { description: 'Rooster bespreken', owner_kind: 'youth' });
    assert.equal(act.status, 201, act.text);
    action = act.json;
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  // POSTs (or `method`s) `body` as `who` and expects one 422 listing `expected` (in order)
  // with a message each, `field`/`message` the first's, and `list` (a GET
  // path) answering the same before and after.
  const refusedAll = async (who, path, body, expected, list, method = 'post') => {
    const before = await c.get(who, list);
    assert.equal(before.status, 200, before.text);
    const r = await c[method](who, path, body);
    assert.equal(r.status, 422, `${path}: ${r.text}`);
    const e = r.json.error;
    assert.equal(e.code, 'validation_failed', r.text);
    assert.ok(Array.isArray(e.fields), `fields in ${r.text}`);
    assert.deepEqual(e.fields.map((f) => f.field), expected, r.text);
    for (const f of e.fields) assert.ok(typeof f.message === 'string' && f.message.length > 0, r.text);
    assert.equal(e.field, expected[0], r.text);
    assert.equal(e.message, e.fields[0].message, r.text);
    const afterList = await c.get(who, list);
    assert.equal(afterList.text, before.text, `${path}: nothing stored`);
  };

  it('a network member: a name with digits and an empty relation', async () => {
    await refusedAll(w.pA, `/youths/${youth.id}/network`, { name: 'Moeder 2', relation: '   ', has_custody: false },
      ['name', 'relation'], `/youths/${youth.id}/network`);
  });

  it('a nomination: a name with digits and a note of spaces', async () => {
    await refusedAll(w.pA, `/youths/${youth.id}/nominations`, { name: 'Tante 3', relation: 'tante', note: '  ' },
      ['name', 'note'], `/youths/${youth.id}/nominations`);
  });

  it("a JIM's activity: a date in the future and km with two decimals", async () => {
    await refusedAll(j.jim, `/jims/${j.jimId}/activities`, { date: tomorrow, minutes: 60, km: 1.25, kind: 'contact' },
      ['date', 'km'], `/jims/${j.jimId}/activities`);
  });

  it("a JIM's cost: a date in the future and an empty description", async () => {
    await refusedAll(j.jim, `/jims/${j.jimId}/costs`, { date: tomorrow, amount_cents: 450, description: '  ' },
      ['date', 'description'], `/jims/${j.jimId}/costs`);
  });

  it('a meeting: an end before its start and an empty location', async () => {
    await refusedAll(w.pA, `/youths/${youth.id}/meetings`,
      { kind: 'network', starts_at: '2027-05-12T10:00:00Z', ends_at: '2027-05-12T09:00:00Z', location: '  ' },
      ['ends_at', 'location'], `/youths/${youth.id}/meetings`);
  });

  it('a goal: an empty title and an agreed_on in the future', async () => {
    await refusedAll(w.pA, `/youths/${youth.id}/goals`, { title: '  ', author_kind: 'professional', agreed_on: tomorrow },
      ['title', 'agreed_on'], `/youths/${youth.id}/plan`);
  });

  it("a goal's change: an empty title and an agreed_on in the future", async () => {
    await refusedAll(w.pA, `/goals/${goal.id}`, { title: '  ', agreed_on: tomorrow },
      ['title', 'agreed_on'], `/youths/${youth.id}/plan`, 'patch');
  });

  it("a goal's change: reached, agreed and ended after today, and a description of spaces", async () => {
    await refusedAll(w.pA, `/goals/${goal.id}`, { description: '  ', agreed_on: tomorrow, status: 'reached', ended_on: tomorrow },
      ['description', 'agreed_on', 'ended_on'], `/youths/${youth.id}/plan`, 'patch');
  });

  it("a goal's change: still active with an end date, and an empty title", async () => {
    await refusedAll(w.pA, `/goals/${goal.id}`, { title: '', status: 'active', ended_on: today },
      ['title', 'ended_on'], `/youths/${youth.id}/plan`, 'patch');
  });

  it("a meeting's change: an end before its start and an empty location", async () => {
    await refusedAll(w.pA, `/meetings/${meeting.id}`, { ends_at: '2027-05-12T08:00:00Z', location: '  ' },
      ['ends_at', 'location'], `/youths/${youth.id}/meetings`, 'patch');
  });

  it("a meeting's change: more than 24 hours, an empty location and minutes of spaces", async () => {
    await refusedAll(w.pA, `/meetings/${meeting.id}`, { ends_at: '2027-05-14T10:00:00Z', location: '', minutes: '   ' },
      ['ends_at', 'location', 'minutes'], `/youths/${youth.id}/meetings`, 'patch');
  });

  it("a goal's action: an empty description and no owner", async () => {
    await refusedAll(w.pA, `/goals/${goal.id}/actions`, { description: '  ' },
      ['description', 'owner'], `/youths/${youth.id}/plan`);
  });

  it("a network member's change: a name with digits and a relation of spaces", async () => {
    await refusedAll(w.pA, `/network-members/${member.id}`, { name: 'Tante 2', relation: '  ', change_reason: 'verkeerd overgenomen' },
      ['name', 'relation'], `/youths/${youth.id}/network`, 'patch');
  });

  it("a network member's change: an empty relation and a reason of spaces", async () => {
    await refusedAll(w.pA, `/network-members/${member.id}`, { relation: '', change_reason: '   ' },
      ['relation', 'change_reason'], `/youths/${youth.id}/network`, 'patch');
  });

  it("a JIM's activity's change: a date in the future and km with two decimals", async () => {
    await refusedAll(j.jim, `/activities/${activity.id}`, { date: tomorrow, km: 1.25 },
      ['date', 'km'], `/jims/${j.jimId}/activities`, 'patch');
  });

  it("a JIM's activity's change: a date in the future, km with two decimals and a note of spaces", async () => {
    await refusedAll(j.jim, `/activities/${activity.id}`, { date: tomorrow, km: 2.05, note: '   ' },
      ['date', 'km', 'note'], `/jims/${j.jimId}/activities`, 'patch');
  });

  it("a goal's action's change: an empty description and an owner of spaces", async () => {
    await refusedAll(w.pA, `/goal-actions/${action.id}`, { description: '  ', owner: '   ' },
      ['description', 'owner'], `/youths/${youth.id}/plan`, 'patch');
  });

  it("a dossier's change: a reason of spaces and an effective date before the birth", async () => {
    await refusedAll(w.pA, `/youths/${youth.id}`, { living_situation: 'foster_care', change_reason: '   ', effective_on: '1990-01-01' },
      ['change_reason', 'effective_on'], `/youths/${youth.id}`, 'patch');
  });

  it("a dossier's closing: no end reason and a reason of spaces", async () => {
    await refusedAll(w.pA, `/youths/${youth.id}`, { phase: 'closed', change_reason: ' ' },
      ['change_reason', 'end_reason'], `/youths/${youth.id}`, 'patch');
  });

  it("a dossier's personal fields: a BSN that fails the eleven test and a birth date in the future", async () => {
    await refusedAll(w.pA, `/youths/${youth.id}`, { bsn: '123456789', birth_date: tomorrow },
      ['bsn', 'birth_date'], `/youths/${youth.id}`, 'patch');
  });

  it("a dossier's personal fields: a given name with a digit and an empty family name", async () => {
    await refusedAll(w.pA, `/youths/${youth.id}`, { given_name: 'Sam 2', family_name: '  ' },
      ['given_name', 'family_name'], `/youths/${youth.id}`, 'patch');
  });

  // One field right and one wrong: the right one is not stored either (a
  // handler that went on past the refusal would store it).
  const notStored = async (who, method, path, body, field, list, pick) => {
    const before = pick((await c.get(who, list)).json);
    const r = await c[method](who, path, body);
    assert.equal(r.status, 422, `${path}: ${r.text}`);
    assert.deepEqual(r.json.error.fields.map((f) => f.field), [field], r.text);
    assert.deepEqual(pick((await c.get(who, list)).json), before, `${path}: nothing stored`);
  };

  it("a change with one field right and one wrong stores neither (network member, activity, goal's action)", async () => {
    await notStored(w.pA, 'patch', `/network-members/${member.id}`, { name: 'Karin Jansen', relation: '  ', change_reason: 'achternaam' },
      'relation', `/youths/${youth.id}/network`, (b) => b.items.find((x) => x.id === member.id).name);
    await notStored(j.jim, 'patch', `/activities/${activity.id}`, { minutes: 50, note: '   ' },
      'note', `/jims/${j.jimId}/activities`, (b) => b.items.find((x) => x.id === activity.id).minutes);
    await notStored(w.pA, 'patch', `/goal-actions/${action.id}`, { description: 'Rooster en huiswerk bespreken', owner: '   ' },
      'owner', `/youths/${youth.id}/plan`, (b) => b.goals.flatMap((g) => g.actions || []).find((x) => x.id === action.id).description);
  });

  it("a network member's change with only a reason of spaces is refused at the reason", async () => {
    const r = await c.patch(w.pA, `/network-members/${member.id}`, { change_reason: '   ' });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.error.field, 'change_reason', r.text);
    const none = await c.patch(w.pA, `/network-members/${member.id}`, { change_reason: 'niets gewijzigd' });
    assert.equal(none.status, 422, none.text);
    assert.equal(none.json.error.field, undefined, 'a right reason alone: send at least one field');
    assert.match(none.json.error.message, /at least one/);
  });

  it('an account: a username with a space and an empty display name', async () => {
    await refusedAll(w.admin, '/users', { username: 'jan jansen', display_name: '  ', role: 'professional', organisation_id: w.org.id },
      ['username', 'display_name'], '/users');
  });
});
