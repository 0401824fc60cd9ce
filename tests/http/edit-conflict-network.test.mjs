// Edit conflicts of the network and of the JIM's activities (as
// tests/http/edit-conflict.test.mjs for the dossier, goals and meetings):
// each person of the network list and each activity of the activities list
// carries an "etag"; their PATCH and DELETE take If-Match. A stale tag
// answers 412 edit_conflict and changes nothing (no correction kept, nothing
// removed); `*` matches; a malformed If-Match is 400; without one they work
// as before. And the removed people of the network
// (GET /youths/{id}/network?removed=true): only the team's own, never in the
// current list, another team's the policy's 404.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery } from './harness.mjs';
import { setupDossierWorld, client, createYouth, addNetwork, youthWithJim, todayAmsterdam, addDays } from './dossier-fixture.mjs';
import { STRONG_TAG, MALFORMED, sendTo } from './if-match-fixture.mjs';

describe('edit conflicts: the network and the JIM\'s activities', () => {
  let w;
  let c;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const send = sendTo(() => w);
  const count = (sql) => Number(dbQuery(w.server.db, sql).trim());
  // Why a person leaves the network (DELETE asks it).
  const GONE = { reason: 'Geen contact meer' };
  const lastAudit = (type, id) =>
    dbQuery(w.server.db, `SELECT action || '|' || outcome FROM audit_events WHERE object_type = '${type}' ` +
      `AND object_id = '${id}' ORDER BY id DESC LIMIT 1;`).trim();

  describe('a person of the network: PATCH and DELETE /api/v1/network-members/{id}', () => {
    let y;
    let m;
    const stored = (id = m.id) => dbQuery(w.server.db, `SELECT name || '|' || relation || '|' || coalesce(contact, '') || '|' || ` +
      `has_custody || '|' || coalesce(removed_at, '-') FROM network_members WHERE id = ${Number(id)};`).trim();
    const changes = (id = m.id) => count(`SELECT count(*) FROM network_member_changes WHERE member_id = ${Number(id)};`);
    const listed = async () => {
      const r = await send('GET', `/youths/${y.id}/network`);
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    const tagOf = async (id = m.id) => {
      const x = (await listed()).find((i) => i.id === id);
      assert.ok(x, `member ${id} is in the list`);
      return x.etag;
    };

    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Mila' });
      m = await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Anja', relation: 'moeder' });
      await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Anja', relation: 'moeder' });
    });

    it('the list shows each person with a strong tag, the same while nothing changes', async () => {
      const a = await tagOf();
      assert.match(a, STRONG_TAG);
      assert.equal(await tagOf(), a);
      const items = await listed();
      assert.equal(new Set(items.map((x) => x.etag)).size, items.length, 'two people with the same fields, two tags');
    });

    it('a matching If-Match corrects and answers the new ETag, the one the list shows now', async () => {
      const before = await tagOf();
      const p = await send('PATCH', `/network-members/${m.id}`, { body: { contact: '06-12345678', change_reason: 'Nieuw nummer' }, ifMatch: before });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.contact, '06-12345678');
      assert.equal(lastAudit('network', m.id), 'update|success');
      const after = p.headers.get('etag');
      assert.match(after, STRONG_TAG);
      assert.notEqual(after, before);
      assert.equal(await tagOf(), after);
    });

    it('a stale If-Match answers 412 edit_conflict: no correction kept, nothing removed', async () => {
      const seen = await tagOf();
      const b = await send('PATCH', `/network-members/${m.id}`, { body: { relation: 'stiefmoeder', change_reason: 'Rechtbank' }, ifMatch: seen });
      assert.equal(b.status, 200, b.text);
      const was = stored();
      const k = changes();
      for (const body of [{ name: 'Anja de Vries', change_reason: 'Achternaam' }, { has_custody: false, change_reason: 'Gezag kwijt' },
        { contact: null, change_reason: 'Nummer klopt niet' }]) {
        const r = await send('PATCH', `/network-members/${m.id}`, { body, ifMatch: seen });
        assertError(r, 412, 'edit_conflict');
        assert.equal(r.headers.get('etag'), null, 'a refusal carries no tag');
      }
      assertError(await send('DELETE', `/network-members/${m.id}`, { body: GONE, ifMatch: seen }), 412, 'edit_conflict');
      assert.equal(lastAudit('network', m.id), 'delete|error');
      assertError(await send('PATCH', `/network-members/${m.id}`, { body: { name: 'Anja', change_reason: 'x' }, ifMatch: `W/${await tagOf()}` }),
        412, 'edit_conflict');
      assert.equal(stored(), was);
      assert.equal(changes(), k);
      assert.ok((await listed()).some((x) => x.id === m.id), 'still in the network');
    });

    it('a malformed If-Match is 400 and changes nothing; * matches; without one it works as before', async () => {
      const was = stored();
      const k = changes();
      for (const bad of MALFORMED) {
        assertError(await send('PATCH', `/network-members/${m.id}`, { body: { name: 'Anja', change_reason: 'x' }, ifMatch: bad }),
          400, 'malformed_if_match');
        assertError(await send('DELETE', `/network-members/${m.id}`, { body: GONE, ifMatch: bad }), 400, 'malformed_if_match');
      }
      assert.equal(stored(), was);
      assert.equal(changes(), k);
      const star = await send('PATCH', `/network-members/${m.id}`, { body: { name: 'Anja Jansen', change_reason: 'Volledige naam' }, ifMatch: '*' });
      assert.equal(star.status, 200, star.text);
      assert.equal(star.headers.get('etag'), await tagOf());
      const plain = await c.patch(w.pA, `/network-members/${m.id}`, { relation: 'moeder', change_reason: 'Toch moeder' });
      assert.equal(plain.status, 200, plain.text);
      assert.equal(plain.json.relation, 'moeder');
      assert.equal(plain.headers.get('etag'), await tagOf());
      assertError(await send('PATCH', '/network-members/999999999', { body: { name: 'Anja', change_reason: 'x' }, ifMatch: '*' }), 404, 'not_found');
    });

    it('DELETE with the matching tag, with *, or without one takes the person out', async () => {
      const a = await addNetwork(w.base, w.pA, y.id, { name: 'Oom Piet', relation: 'oom', has_custody: false });
      const b = await addNetwork(w.base, w.pA, y.id, { name: 'Tante Joke', relation: 'tante', has_custody: false });
      const d = await addNetwork(w.base, w.pA, y.id, { name: 'Buurman Ali', relation: 'buurman', has_custody: false });
      const r1 = await send('DELETE', `/network-members/${a.id}`, { body: GONE, ifMatch: await tagOf(a.id) });
      assert.equal(r1.status, 204, r1.text);
      assert.equal(lastAudit('network', a.id), 'delete|success');
      assert.equal((await send('DELETE', `/network-members/${b.id}`, { body: GONE, ifMatch: '*' })).status, 204);
      assert.equal((await c.del(w.pA, `/network-members/${d.id}`, GONE)).status, 204);
      const ids = (await listed()).map((x) => x.id);
      for (const x of [a, b, d]) {
        assert.ok(!ids.includes(x.id));
        assert.notEqual(stored(x.id).split('|')[4], '-');
      }
      // once removed: * matches nothing
      assertError(await send('DELETE', `/network-members/${a.id}`, { body: GONE, ifMatch: '*' }), 404, 'not_found');
    });
  });

  describe('the removed people: GET /api/v1/youths/{id}/network?removed=true', () => {
    let y;
    let other;

    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Daan' });
      other = await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Ander' });
    });

    it('lists only this dossier\'s removed people, last removed first, with when, by whom and why; the current list never shows them', async () => {
      const stays = await addNetwork(w.base, w.pA, y.id, { name: 'Vader Kees', relation: 'vader' });
      const first = await addNetwork(w.base, w.pA, y.id, { name: 'Stiefvader Rob', relation: 'stiefvader', has_custody: true });
      const second = await addNetwork(w.base, w.pA, y.id, { name: 'Buurvrouw Ria', relation: 'buurvrouw', has_custody: false });
      const theirs = await addNetwork(w.base, w.pB, other.id, { name: 'Oma Truus', relation: 'oma' });
      assert.equal((await c.del(w.pB, `/network-members/${theirs.id}`, GONE)).status, 204);
      const empty = await c.get(w.pA, `/youths/${y.id}/network?removed=true`);
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(empty.json, { items: [] });
      assert.equal((await c.del(w.pA, `/network-members/${first.id}`, GONE)).status, 204);
      assert.equal((await c.del(w.pA, `/network-members/${second.id}`, { reason: 'Verhuisd' })).status, 204);

      const r = await c.get(w.pA, `/youths/${y.id}/network?removed=true`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((x) => x.id), [second.id, first.id]);
      const x = r.json.items[1];
      assert.equal(x.name, 'Stiefvader Rob');
      assert.equal(x.relation, 'stiefvader');
      assert.equal(x.has_custody, true);
      assert.match(x.removed_at, /^\d{4}-\d{2}-\d{2}T/);
      assert.deepEqual(x.removed_by, { id: w.pA.id, display_name: x.removed_by.display_name });
      assert.ok(x.removed_by.display_name);
      assert.equal(x.etag, undefined, 'a removed person cannot be changed: no tag');
      assert.deepEqual(r.json.items.map((i) => i.removed_reason), ['Verhuisd', 'Geen contact meer'], 'each with why');

      const current = await c.get(w.pA, `/youths/${y.id}/network`);
      assert.deepEqual(current.json.items.map((i) => i.id), [stays.id]);
      for (const q of ['', '?removed=false']) {
        const again = await c.get(w.pA, `/youths/${y.id}/network${q}`);
        assert.deepEqual(again.json.items.map((i) => i.id), [stays.id], q);
      }
      // their own team sees theirs
      const own = await c.get(w.pB, `/youths/${other.id}/network?removed=true`);
      assert.deepEqual(own.json.items.map((i) => i.id), [theirs.id]);
    });

    it('another team\'s dossier: the policy\'s 404, audited denied; a bad value is 422', async () => {
      const r = await c.get(w.pA, `/youths/${other.id}/network?removed=true`);
      assertError(r, 404, 'not_found');
      const plain = await c.get(w.pA, `/youths/${other.id}/network`);
      assert.deepEqual(r.json, plain.json);
      assert.equal(count(`SELECT count(*) FROM audit_events WHERE user_id = ${Number(w.pA.id)} AND youth_id = ${Number(other.id)} ` +
        `AND object_type = 'network' AND action = 'read' AND outcome = 'denied';`), 2);
      assertError(await c.get(w.rs, `/youths/${y.id}/network?removed=true`), 403, 'forbidden');
      const bad = await c.get(w.pA, `/youths/${y.id}/network?removed=yes`);
      assertError(bad, 422, 'validation_failed');
      assert.equal(bad.json.error.field, 'removed');
    });

    it('the read is audited as a read of the dossier\'s network', async () => {
      const before = count(`SELECT count(*) FROM audit_events WHERE user_id = ${Number(w.pA.id)} AND youth_id = ${Number(y.id)} ` +
        `AND object_type = 'network' AND action = 'read' AND outcome = 'success';`);
      assert.equal((await c.get(w.pA, `/youths/${y.id}/network?removed=true`)).status, 200);
      assert.equal(count(`SELECT count(*) FROM audit_events WHERE user_id = ${Number(w.pA.id)} AND youth_id = ${Number(y.id)} ` +
        `AND object_type = 'network' AND action = 'read' AND outcome = 'success';`), before + 1);
    });
  });

  describe('an activity of the JIM: PATCH and DELETE /api/v1/activities/{id}', () => {
    let j;
    let act;
    const today = todayAmsterdam();
    const stored = (id = act.id) => dbQuery(w.server.db, `SELECT date || '|' || minutes || '|' || km_tenths || '|' || kind || '|' || ` +
      `coalesce(note, '') || '|' || coalesce(deleted_at, '-') FROM jim_activities WHERE id = ${Number(id)};`).trim();
    const listed = async () => {
      const r = await send('GET', `/jims/${j.jimId}/activities`, { who: j.jim });
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    const tagOf = async (id = act.id) => {
      const x = (await listed()).find((i) => i.id === id);
      assert.ok(x, `activity ${id} is in the list`);
      return x.etag;
    };
    const addAct = async (body = {}) => {
      const r = await c.post(j.jim, `/jims/${j.jimId}/activities`, { date: today, minutes: 60, kind: 'contact', ...body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    };

    before(async () => {
      j = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees' });
      act = await addAct({ note: 'Samen gesport' });
      await addAct({ note: 'Samen gesport' });
    });

    it('the list shows each activity with a strong tag, the same for the team and while nothing changes', async () => {
      const a = await tagOf();
      assert.match(a, STRONG_TAG);
      assert.equal(await tagOf(), a);
      const items = await listed();
      assert.equal(new Set(items.map((x) => x.etag)).size, items.length);
      const team = await send('GET', `/jims/${j.jimId}/activities`);
      assert.equal(team.json.items.find((x) => x.id === act.id).etag, a);
    });

    it('a matching If-Match saves and answers the new ETag, the one the list shows now', async () => {
      const before = await tagOf();
      const p = await send('PATCH', `/activities/${act.id}`, { body: { km: 12.5 }, ifMatch: before, who: j.jim });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.km, 12.5);
      assert.equal(lastAudit('jim_activity', act.id), 'update|success');
      const after = p.headers.get('etag');
      assert.match(after, STRONG_TAG);
      assert.notEqual(after, before);
      assert.equal(await tagOf(), after);
    });

    it('a stale If-Match answers 412 edit_conflict and changes nothing, nor deletes', async () => {
      const seen = await tagOf();
      // the professional corrects it first
      const b = await send('PATCH', `/activities/${act.id}`, { body: { minutes: 45 }, ifMatch: seen });
      assert.equal(b.status, 200, b.text);
      const was = stored();
      const k = count(`SELECT count(*) FROM jim_activity_changes WHERE activity_id = ${Number(act.id)};`);
      for (const body of [{ minutes: 90 }, { note: null }, { date: addDays(today, -1), kind: 'phone' }]) {
        const r = await send('PATCH', `/activities/${act.id}`, { body, ifMatch: seen, who: j.jim });
        assertError(r, 412, 'edit_conflict');
        assert.equal(r.headers.get('etag'), null);
      }
      assertError(await send('DELETE', `/activities/${act.id}`, { ifMatch: seen, who: j.jim }), 412, 'edit_conflict');
      assert.equal(lastAudit('jim_activity', act.id), 'delete|error');
      assert.equal(stored(), was);
      assert.equal(count(`SELECT count(*) FROM jim_activity_changes WHERE activity_id = ${Number(act.id)};`), k);
    });

    it('a malformed If-Match is 400 and changes nothing; * matches; without one it works as before', async () => {
      const was = stored();
      for (const bad of MALFORMED) {
        assertError(await send('PATCH', `/activities/${act.id}`, { body: { minutes: 30 }, ifMatch: bad, who: j.jim }), 400, 'malformed_if_match');
        assertError(await send('DELETE', `/activities/${act.id}`, { ifMatch: bad, who: j.jim }), 400, 'malformed_if_match');
      }
      assert.equal(stored(), was);
      const star = await send('PATCH', `/activities/${act.id}`, { body: { minutes: 30 }, ifMatch: '*', who: j.jim });
      assert.equal(star.status, 200, star.text);
      assert.equal(star.headers.get('etag'), await tagOf());
      const plain = await c.patch(j.jim, `/activities/${act.id}`, { note: 'Gevoetbald' });
      assert.equal(plain.status, 200, plain.text);
      assert.equal(plain.json.note, 'Gevoetbald');
      assert.equal(plain.headers.get('etag'), await tagOf());
    });

    it('DELETE with the matching tag, with *, or without one deletes', async () => {
      const a = await addAct({ minutes: 10 });
      const b = await addAct({ minutes: 20 });
      const d = await addAct({ minutes: 30 });
      assert.equal((await send('DELETE', `/activities/${a.id}`, { ifMatch: await tagOf(a.id), who: j.jim })).status, 204);
      assert.equal(lastAudit('jim_activity', a.id), 'delete|success');
      assert.equal((await send('DELETE', `/activities/${b.id}`, { ifMatch: '*', who: j.jim })).status, 204);
      assert.equal((await c.del(j.jim, `/activities/${d.id}`)).status, 204);
      const ids = (await listed()).map((x) => x.id);
      for (const x of [a, b, d]) {
        assert.ok(!ids.includes(x.id));
        assert.notEqual(stored(x.id).split('|')[5], '-');
      }
    });
  });
});
