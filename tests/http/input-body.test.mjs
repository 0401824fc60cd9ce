// Declared request bodies (issue 8): before a handler runs, the dispatcher
// checks the body against the route's declared fields (src/api/input.h,
// input_check_body). A field of the wrong form is answered 422 naming that
// field (the first wrong one in the declared order); the request then
// changes nothing and is in the audit trail. A body the handler took before
// is still taken.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError } from './harness.mjs';
import { setupDossierWorld, createYouth, makeJim, client, todayAmsterdam } from './dossier-fixture.mjs';

describe('declared request bodies', () => {
  let w;
  let c;
  let youth;
  let jim;
  let jimId;
  let t0;
  const today = todayAmsterdam();
  const activity = (over = {}) => ({ date: today, minutes: 30, kind: 'phone', ...over });

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    youth = await createYouth(w.base, w.pA, w.teamA.id);
    const made = await makeJim(w.base, w.pA, youth.id);
    jim = made.jim;
    jimId = made.activation.jim.id;
    t0 = new Date(Date.now() - 1000).toISOString();
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  const activities = async () => {
    const r = await c.get(jim, `/jims/${jimId}/activities`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  describe('an activity of the wrong form is refused on its field, and nothing is stored', () => {
    const cases = [
      ['a string for an integer', { minutes: '30' }, 'minutes', /whole number from 1 to 1440/],
      ['an integer out of range', { minutes: 1441 }, 'minutes', /whole number from 1 to 1440/],
      ['a fraction for an integer', { minutes: 12.5 }, 'minutes', /whole number/],
      ['an unknown enum value', { kind: 'walk' }, 'kind', /allowed values/],
      ['a number for a string', { note: 42 }, 'note', /text/],
      ['a number out of range', { km: 2001 }, 'km', /0 to 2000/],
      ['a string for a number', { km: '12' }, 'km', /number/],
      ['null for a required field', { date: null }, 'date', /required/],
      ['a number for a date', { date: 20260301 }, 'date', /text/],
      ['a date that does not exist', { date: '2026-02-30' }, 'date', /real date/],
    ];
    let stored;
    let refused = 0; // requests refused after the caller was known: each audited

    it('each wrong form → 422 naming the field', async () => {
      stored = await activities();
      for (const [what, over, field, message] of cases) {
        const r = await c.post(jim, `/jims/${jimId}/activities`, activity(over));
        const e = assertError(r, 422, 'validation_failed', field);
        assert.match(e.message, message, `${what}: ${r.text}`);
        refused++;
      }
    });

    it('two wrong fields: the first in the declared order (date, minutes, km, kind, note) is named', async () => {
      // JSON order kind, minutes: the declared order names minutes first.
      const r = await c.post(jim, `/jims/${jimId}/activities`, { kind: 'walk', minutes: 0, date: today });
      const e = assertError(r, 422, 'validation_failed', 'minutes');
      // every field at fault is listed, in the declared order
      assert.deepEqual(e.fields.map((f) => f.field), ['minutes', 'kind'], r.text);
      refused++;
    });

    it('no body at all → 400; a body that is not an object → 400', async () => {
      assertError(await c.post(jim, `/jims/${jimId}/activities`), 400, 'bad_request');
      refused++;
      // (refused while reading the body, before the caller is looked up: not audited)
      assertError(await api(w.base, 'POST', `/api/v1/jims/${jimId}/activities`, { token: jim.token, rawBody: '[1]' }), 400, 'bad_request');
    });

    it('nothing was stored', async () => {
      assert.deepEqual(await activities(), stored);
    });

    it('each refusal is in the audit trail, as an error of the route, on the young person', async () => {
      const a = await c.get(w.po, `/api/v1/audit?user_id=${jim.id}&from=${encodeURIComponent(t0)}&limit=1000`);
      assert.equal(a.status, 200, a.text);
      const events = a.json.items.filter((e) => e.action === 'create' && e.object_type === 'jim_activity' && e.outcome === 'error');
      assert.equal(events.length, refused, JSON.stringify(a.json.items.slice(0, 5)));
      for (const e of events) assert.equal(e.youth_id, youth.id);
    });

    it('a field the route does not declare is refused by its name, and nothing is stored', async () => {
      const before = await activities();
      // A misspelt field (kms for km) would otherwise be dropped without a word.
      const e = assertError(await c.post(jim, `/jims/${jimId}/activities`, activity({ kms: 12.5 })), 422, 'validation_failed', 'kms');
      assert.match(e.message, /not a field of this request/);
      // Declared fields are judged first, in their order; then the strangers.
      const both = assertError(await c.post(jim, `/jims/${jimId}/activities`, activity({ something_else: [1], minutes: 0 })), 422, 'validation_failed', 'minutes');
      assert.deepEqual(both.fields.map((f) => f.field), ['minutes', 'something_else']);
      assertError(await c.post(jim, `/jims/${jimId}/activities`, activity({ km: 3, '': 1 })), 422, 'validation_failed', '');
      assert.deepEqual(await activities(), before);
    });

    it('the same body of the right form is stored', async () => {
      const r = await c.post(jim, `/jims/${jimId}/activities`, activity({ km: 12.5, note: 'Naar de sportclub' }));
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.km, 12.5);
    });
  });

  it('a route that takes no body refuses any field, and takes an empty object', async () => {
    const g = await c.post(w.pA, `/youths/${youth.id}/goals`, { title: 'Naar school', author_kind: 'youth' });
    assert.equal(g.status, 201, g.text);
    const a = await c.post(w.pA, `/goals/${g.json.id}/actions`, { description: 'Mentor bellen', owner: 'Sem' });
    assert.equal(a.status, 201, a.text);
    const done = async () => {
      const plan = await c.get(w.pA, `/youths/${youth.id}/plan`);
      assert.equal(plan.status, 200, plan.text);
      return plan.json.goals.find((x) => x.id === g.json.id).actions.find((x) => x.id === a.json.id).done_at;
    };
    // Who ticked it off is the caller, not something a body can say.
    const e = assertError(await c.post(w.pA, `/goal-actions/${a.json.id}/done`, { done_by: w.pB.id }), 422, 'validation_failed', 'done_by');
    assert.match(e.message, /not a field of this request/);
    assert.equal(await done(), null, 'still open');
    const ok = await c.post(w.pA, `/goal-actions/${a.json.id}/done`, {});
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.done_by.id, w.pA.id);
  });

  it('a note of 600 non-ASCII characters (1200 bytes) is taken: the handler allows 1000 characters', async () => {
    const note = 'é'.repeat(600);
    const r = await c.post(jim, `/jims/${jimId}/activities`, activity({ note }));
    assert.equal(r.status, 201, r.text.slice(0, 300));
    assert.equal(r.json.note, note);
    assertError(await c.post(jim, `/jims/${jimId}/activities`, activity({ note: 'é'.repeat(1001) })), 422, 'validation_failed', 'note');
  });

  it('a PATCH checks only what it is sent; null counts as not sent for an optional field', async () => {
    const made = await c.post(jim, `/jims/${jimId}/activities`, activity({ minutes: 20 }));
    assert.equal(made.status, 201, made.text);
    assertError(await c.patch(jim, `/activities/${made.json.id}`, { minutes: 'veel' }), 422, 'validation_failed', 'minutes');
    assertError(await c.patch(jim, `/activities/${made.json.id}`, { kind: 'walk' }), 422, 'validation_failed', 'kind');
    const ok = await c.patch(jim, `/activities/${made.json.id}`, { minutes: 25 });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.minutes, 25);
    assert.equal(ok.json.kind, 'phone');
  });

  // The declared rule: null for an optional field is the same as not sending
  // it. These POST fields answered 422 "this field is required" to a null
  // before, although openapi.json says they may be null. A PATCH's field for
  // a value the record always has (an activity's date, minutes and kind, a
  // meeting's start and end) is declared without null instead, and refuses
  // it on its name (patch-null.test.mjs).
  it('null for an optional field is not sent: participant and action owner; a PATCH refuses null for what is always there', async () => {
    const made = await c.post(jim, `/jims/${jimId}/activities`, activity({ minutes: 20, km: 3 }));
    assert.equal(made.status, 201, made.text);
    for (const field of ['date', 'kind', 'minutes']) {
      assertError(await c.patch(jim, `/activities/${made.json.id}`, { [field]: null, note: 'Alleen de notitie' }), 422, 'validation_failed', field);
    }
    const p = await c.patch(jim, `/activities/${made.json.id}`, { note: 'Alleen de notitie' });
    assert.equal(p.status, 200, p.text);
    assert.deepEqual([p.json.date, p.json.kind, p.json.minutes, p.json.km, p.json.note], [today, 'phone', 20, 3, 'Alleen de notitie']);
    // null km is 0 and null note clears it, as before
    const cleared = await c.patch(jim, `/activities/${made.json.id}`, { km: null, note: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual([cleared.json.km, cleared.json.note], [0, null]);

    const start = new Date(Date.now() + 2 * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const end = new Date(Date.now() + 2 * 86400000 + 3600000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const m = await c.post(w.pA, `/youths/${youth.id}/meetings`, { kind: 'network', starts_at: start, ends_at: end, location: 'Buurthuis' });
    assert.equal(m.status, 201, m.text);
    assertError(await c.patch(w.pA, `/meetings/${m.json.id}`, { starts_at: null, location: 'Wijkcentrum' }), 422, 'validation_failed', 'starts_at');
    assertError(await c.patch(w.pA, `/meetings/${m.json.id}`, { ends_at: null, location: 'Wijkcentrum' }), 422, 'validation_failed', 'ends_at');
    const mp = await c.patch(w.pA, `/meetings/${m.json.id}`, { location: 'Wijkcentrum' });
    assert.equal(mp.status, 200, mp.text);
    assert.deepEqual([mp.json.starts_at, mp.json.location], [m.json.starts_at, 'Wijkcentrum']);
    const part = await c.post(w.pA, `/meetings/${m.json.id}/participants`, { user_id: null, name: 'Oma Truus' });
    assert.equal(part.status, 201, part.text);
    assert.equal(part.json.name, 'Oma Truus');
    const act = await c.post(w.pA, `/meetings/${m.json.id}/actions`, { description: 'School bellen', owner_user_id: null, owner_name: 'Oma Truus' });
    assert.equal(act.status, 201, act.text);
    assert.equal(act.json.owner_name, 'Oma Truus');
  });

  it('a new user: too long a username is refused by its declared limit, and no account is made', async () => {
    const users = async () => (await c.get(w.admin, '/users')).json.items.map((u) => u.username);
    const count = (await users()).length;
    const long = 'a'.repeat(65);
    const r = await c.post(w.admin, '/users', { username: long, display_name: 'Lang', role: 'professional' });
    const e = assertError(r, 422, 'validation_failed', 'username');
    // The declared check's own sentence: it answered before the handler's rule.
    assert.match(e.message, /at most 64/);
    assertError(await c.post(w.admin, '/users', { username: 'kort.genoeg', display_name: 'Kort', role: 'boss' }), 422, 'validation_failed', 'role');
    assertError(await c.post(w.admin, '/users', { username: 'kort.genoeg', display_name: 7, role: 'professional' }), 422, 'validation_failed', 'display_name');
    assertError(await c.post(w.admin, '/users', { username: 'kort.genoeg', display_name: 'Kort', role: 'professional', organisation_id: '1' }), 422, 'validation_failed', 'organisation_id');
    assertError(await c.post(w.admin, '/users', { username: 'kort.genoeg', display_name: 'Kort', role: 'professional', team_ids: 3 }), 422, 'validation_failed', 'team_ids');
    const after = await users();
    assert.equal(after.length, count);
    assert.ok(!after.includes(long) && !after.includes('kort.genoeg'));
    const a = await c.get(w.po, `/api/v1/audit?user_id=${w.server.admin.id}&from=${encodeURIComponent(t0)}&limit=1000`);
    assert.equal(a.status, 200, a.text);
    const events = a.json.items.filter((ev) => ev.action === 'create' && ev.object_type === 'user' && ev.outcome === 'error');
    assert.ok(events.length >= 5, `the refused creations are audited: ${JSON.stringify(a.json.items.slice(0, 5))}`);
  });

  it('a journal entry: a string for a boolean, and an integer out of range', async () => {
    const list = async () => (await c.get(w.pA, `/youths/${youth.id}/journal`)).json.items.length;
    const n = await list();
    const body = { kind: 'phone', text: 'Gebeld met school', shared: false };
    assertError(await c.post(w.pA, `/youths/${youth.id}/journal`, { ...body, shared: 'no' }), 422, 'validation_failed', 'shared');
    assertError(await c.post(w.pA, `/youths/${youth.id}/journal`, { ...body, minutes: 0 }), 422, 'validation_failed', 'minutes');
    assertError(await c.post(w.pA, `/youths/${youth.id}/journal`, { ...body, text: null }), 422, 'validation_failed', 'text');
    assert.equal(await list(), n);
    const ok = await c.post(w.pA, `/youths/${youth.id}/journal`, { ...body, minutes: null });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.minutes, null);
  });

  it('settings: a value out of its range is refused and the settings stay as they were', async () => {
    const path = `/organisations/${w.org.id}/settings`;
    const was = (await c.get(w.admin, path)).json;
    assertError(await c.put(w.admin, path, { ...was, km_rate_cents: 101 }), 422, 'validation_failed', 'km_rate_cents');
    assertError(await c.put(w.admin, path, { ...was, inactive_days: '30' }), 422, 'validation_failed', 'inactive_days');
    const { load_weeks_window: _, ...missing } = was;
    assertError(await c.put(w.admin, path, missing), 422, 'validation_failed', 'load_weeks_window');
    assert.deepEqual((await c.get(w.admin, path)).json, was);
  });

  it('a meeting: a time that is not a time, and a body without the required fields', async () => {
    const start = new Date(Date.now() + 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const end = new Date(Date.now() + 90000000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const body = { kind: 'network', starts_at: start, ends_at: end, location: 'Buurthuis' };
    const list = async () => (await c.get(w.pA, `/youths/${youth.id}/meetings`)).json.items.length;
    const n = await list();
    assertError(await c.post(w.pA, `/youths/${youth.id}/meetings`, { ...body, starts_at: 'morgen' }), 422, 'validation_failed', 'starts_at');
    assertError(await c.post(w.pA, `/youths/${youth.id}/meetings`, { ...body, kind: 'party' }), 422, 'validation_failed', 'kind');
    assertError(await c.post(w.pA, `/youths/${youth.id}/meetings`, {}), 422, 'validation_failed', 'kind');
    assert.equal(await list(), n);
    const ok = await c.post(w.pA, `/youths/${youth.id}/meetings`, body);
    assert.equal(ok.status, 201, ok.text);
  });
});
