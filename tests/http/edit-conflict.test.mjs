// Optimistic concurrency with HTTP's own means: the GET of a record that the
// web forms edit sends a strong ETag; its PATCH takes If-Match. A tag that no
// longer matches (someone else saved in between) answers 412 edit_conflict
// and changes nothing, no history either; `*` matches any existing record; a
// malformed If-Match is 400; without If-Match the PATCH works as before. The
// PATCH's answer carries the new tag. (docs/api.md, "Changing a record that
// someone else may change too".)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery, rawRequest } from './harness.mjs';
import { setupDossierWorld, client, createYouth, addNetwork } from './dossier-fixture.mjs';
import { STRONG_TAG, MALFORMED, sendTo } from './if-match-fixture.mjs';

describe('edit conflicts: ETag and If-Match', () => {
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
  const lastAudit = (type, id) =>
    dbQuery(w.server.db, `SELECT action || '|' || outcome FROM audit_events WHERE object_type = '${type}' ` +
      `AND object_id = '${id}' ORDER BY id DESC LIMIT 1;`).trim();

  // A raw request with two If-Match header lines (fetch would join them).
  const twoHeaders = (path, tagA, tagB, body) => {
    const text = JSON.stringify(body);
    return rawRequest(w.base, `PATCH /api/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${w.pA.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nIf-Match: ${tagA}\r\n` +
      `If-Match: ${tagB}\r\nConnection: close\r\n\r\n${text}`);
  };

  describe('a young person\'s dossier: PATCH /api/v1/youths/{id}', () => {
    let y;
    const stored = () => dbQuery(w.server.db, `SELECT given_name || '|' || municipality || '|' || legal_frame || '|' || phase ` +
      `FROM youths WHERE id = ${Number(y.id)};`).trim();
    const history = () => count(`SELECT count(*) FROM youth_history WHERE youth_id = ${Number(y.id)};`);
    const corrections = () => count(`SELECT count(*) FROM youth_corrections WHERE youth_id = ${Number(y.id)};`);
    const tagOf = async () => {
      const g = await send('GET', `/youths/${y.id}`);
      assert.equal(g.status, 200, g.text);
      return g.headers.get('etag');
    };

    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Noor', municipality: 'Utrecht' });
    });

    it('GET sends a strong ETag that stays while nothing changes', async () => {
      const a = await tagOf();
      assert.match(a, STRONG_TAG);
      assert.equal(await tagOf(), a);
      const other = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Noor', municipality: 'Utrecht' });
      const g = await send('GET', `/youths/${other.id}`);
      assert.notEqual(g.headers.get('etag'), a, 'another dossier has another tag');
    });

    it('a matching If-Match saves and answers the new ETag, the one GET sends now', async () => {
      const before = await tagOf();
      const p = await send('PATCH', `/youths/${y.id}`, { body: { municipality: 'Zeist', change_reason: 'verhuisd' }, ifMatch: before });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.municipality, 'Zeist');
      const after = p.headers.get('etag');
      assert.match(after, STRONG_TAG);
      assert.notEqual(after, before);
      assert.equal(lastAudit('youth', y.id), 'update|success');
      assert.equal(await tagOf(), after);
    });

    it('a stale If-Match answers 412 edit_conflict and changes nothing, no history either', async () => {
      const seen = await tagOf(); // caseworker A loads the dossier
      const b = await send('PATCH', `/youths/${y.id}`, {
        body: { legal_frame: 'ots', change_reason: 'uitspraak rechter', given_name: 'Nora' }, ifMatch: seen,
      }); // caseworker B loaded it too, and saves first
      assert.equal(b.status, 200, b.text);
      const was = stored();
      const h = history();
      const k = corrections();
      for (const body of [
        { given_name: 'Noortje' },
        { legal_frame: 'guardianship', change_reason: 'voogdij' },
        { phase: 'collaboration', change_reason: 'JIM gevonden', municipality: 'Houten' },
      ]) {
        const a = await send('PATCH', `/youths/${y.id}`, { body, ifMatch: seen });
        const err = assertError(a, 412, 'edit_conflict');
        assert.ok(err.message.length > 0);
        assert.equal(a.headers.get('etag'), null, 'a refusal carries no tag');
      }
      assert.equal(stored(), was);
      assert.equal(history(), h);
      assert.equal(corrections(), k);
      assert.equal(lastAudit('youth', y.id), 'update|error');
      // a weak tag never matches (If-Match compares strongly)
      assertError(await send('PATCH', `/youths/${y.id}`, { body: { given_name: 'Noortje' }, ifMatch: `W/${await tagOf()}` }),
        412, 'edit_conflict');
      assert.equal(stored(), was);
    });

    it('a change by another route (a network member) leaves the tag; one of the row itself does not', async () => {
      const a = await tagOf();
      await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Jansen' });
      assert.equal(await tagOf(), a);
      const p = await send('PATCH', `/youths/${y.id}`, { body: { living_situation: 'foster_care', change_reason: 'pleeggezin' } });
      assert.equal(p.status, 200, p.text);
      assert.notEqual(await tagOf(), a);
      assertError(await send('PATCH', `/youths/${y.id}`, { body: { municipality: 'Bunnik' }, ifMatch: a }), 412, 'edit_conflict');
    });

    it('a first nomination, which the answer shows as first_nominated_on, leaves the tag', async () => {
      const a = await tagOf();
      const n = await send('POST', `/youths/${y.id}/nominations`, { body: { name: 'Tante Els', relation: 'tante' } });
      assert.equal(n.status, 201, n.text);
      const g = await send('GET', `/youths/${y.id}`);
      assert.ok(g.json.first_nominated_on, `the answer names the first nomination: ${g.text.slice(0, 300)}`);
      assert.equal(g.headers.get('etag'), a, 'no conflict with a change of the young person\'s own fields');
      const p = await send('PATCH', `/youths/${y.id}`, { body: { municipality: 'Houten' }, ifMatch: a });
      assert.equal(p.status, 200, p.text);
    });

    it('* matches the existing dossier', async () => {
      const p = await send('PATCH', `/youths/${y.id}`, { body: { municipality: 'Bunnik' }, ifMatch: '*' });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.municipality, 'Bunnik');
      assert.equal(p.headers.get('etag'), await tagOf());
      assertError(await send('PATCH', '/youths/999999999', { body: { municipality: 'Bunnik' }, ifMatch: '*' }), 404, 'not_found');
    });

    it('a malformed If-Match answers 400 and changes nothing', async () => {
      const was = stored();
      const h = history();
      for (const bad of MALFORMED) {
        const r = await send('PATCH', `/youths/${y.id}`, { body: { municipality: 'Nieuwegein' }, ifMatch: bad });
        assertError(r, 400, 'malformed_if_match');
      }
      const tag = await tagOf();
      const two = await twoHeaders(`/youths/${y.id}`, tag, tag, { municipality: 'Nieuwegein' });
      assert.equal(two.status, 400, two.text);
      assert.equal(JSON.parse(two.text).error.code, 'malformed_if_match');
      assert.equal(stored(), was);
      assert.equal(history(), h);
    });

    it('without If-Match the PATCH works as before, and answers the new ETag', async () => {
      const before = await tagOf();
      const p = await c.patch(w.pA, `/youths/${y.id}`, { municipality: 'Houten' });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.municipality, 'Houten');
      assert.notEqual(p.headers.get('etag'), before);
      // a PATCH that changes nothing keeps the tag
      const same = await c.patch(w.pA, `/youths/${y.id}`, { municipality: 'Houten' });
      assert.equal(same.status, 200, same.text);
      assert.equal(same.headers.get('etag'), p.headers.get('etag'));
    });
  });

  describe('a goal of the plan: PATCH /api/v1/goals/{id}', () => {
    let y;
    let goal;
    const stored = () => dbQuery(w.server.db, `SELECT title || '|' || coalesce(description, '') || '|' || status || '|' || ` +
      `coalesce(ended_on, '') FROM goals WHERE id = ${Number(goal.id)};`).trim();
    // The goal's tag as the plan (the goal's only GET) shows it.
    const tagOf = async () => {
      const g = await send('GET', `/youths/${y.id}/plan`);
      assert.equal(g.status, 200, g.text);
      return g.json.goals.find((x) => x.id === goal.id).etag;
    };

    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sem' });
      const r = await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Een stageplek vinden', author_kind: 'youth' });
      assert.equal(r.status, 201, r.text);
      goal = r.json;
      const other = await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Een stageplek vinden', author_kind: 'youth' });
      assert.equal(other.status, 201, other.text);
    });

    it('the plan shows each goal with a strong tag, the same while nothing changes', async () => {
      const a = await tagOf();
      assert.match(a, STRONG_TAG);
      assert.equal(await tagOf(), a);
      const plan = (await send('GET', `/youths/${y.id}/plan`)).json;
      assert.equal(new Set(plan.goals.map((x) => x.etag)).size, plan.goals.length, 'two goals with the same text, two tags');
    });

    it('a matching If-Match saves and answers the new ETag, the one the plan shows now', async () => {
      const before = await tagOf();
      const p = await send('PATCH', `/goals/${goal.id}`, { body: { description: 'Bij een garage' }, ifMatch: before });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.description, 'Bij een garage');
      const after = p.headers.get('etag');
      assert.match(after, STRONG_TAG);
      assert.notEqual(after, before);
      assert.equal(lastAudit('plan', goal.id), 'update|success');
      assert.equal(await tagOf(), after);
    });

    it('a stale If-Match answers 412 edit_conflict and changes nothing', async () => {
      const seen = await tagOf();
      const b = await send('PATCH', `/goals/${goal.id}`, { body: { title: 'Een stage bij een garage' }, ifMatch: seen });
      assert.equal(b.status, 200, b.text);
      const was = stored();
      for (const body of [{ title: 'Een stage vinden' }, { status: 'reached' }, { description: null }]) {
        assertError(await send('PATCH', `/goals/${goal.id}`, { body, ifMatch: seen }), 412, 'edit_conflict');
      }
      assert.equal(stored(), was);
      assert.equal(lastAudit('plan', goal.id), 'update|error');
    });

    it('* matches the existing goal; a malformed If-Match is 400; without one it works as before', async () => {
      const p = await send('PATCH', `/goals/${goal.id}`, { body: { status: 'reached' }, ifMatch: '*' });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.headers.get('etag'), await tagOf());
      const was = stored();
      for (const bad of MALFORMED) {
        assertError(await send('PATCH', `/goals/${goal.id}`, { body: { status: 'active' }, ifMatch: bad }), 400, 'malformed_if_match');
      }
      const tag = await tagOf();
      const two = await twoHeaders(`/goals/${goal.id}`, tag, tag, { status: 'active' });
      assert.equal(two.status, 400, two.text);
      assert.equal(stored(), was);
      const plain = await c.patch(w.pA, `/goals/${goal.id}`, { status: 'active' });
      assert.equal(plain.status, 200, plain.text);
      assert.equal(plain.json.status, 'active');
      assert.equal(plain.headers.get('etag'), await tagOf());
    });
  });

  describe('a meeting: PATCH /api/v1/meetings/{id}', () => {
    let y;
    let meeting;
    const stored = () => dbQuery(w.server.db, `SELECT location || '|' || coalesce(agenda, '') || '|' || coalesce(minutes, '') || '|' || ` +
      `starts_at || '|' || sequence || '|' || cancelled FROM meetings WHERE id = ${Number(meeting.id)};`).trim();
    const tagOf = async () => {
      const g = await send('GET', `/meetings/${meeting.id}`);
      assert.equal(g.status, 200, g.text);
      return g.headers.get('etag');
    };
    const at = (days, hour) => {
      const d = new Date(Date.now() + days * 86400000);
      d.setUTCHours(hour, 0, 0, 0);
      return d.toISOString().replace('.000Z', 'Z');
    };

    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Lisa' });
      const body = { kind: 'network', starts_at: at(7, 9), ends_at: at(7, 11), location: 'Wijkcentrum De Linde' };
      const r = await c.post(w.pA, `/youths/${y.id}/meetings`, body);
      assert.equal(r.status, 201, r.text);
      assert.match(r.headers.get('etag'), STRONG_TAG, 'a new meeting comes with its tag');
      meeting = r.json;
    });

    it('GET sends a strong ETag that stays while nothing changes', async () => {
      const a = await tagOf();
      assert.match(a, STRONG_TAG);
      assert.equal(await tagOf(), a);
      // a participant is not a field of the PATCH: the tag stays
      const p = await c.post(w.pA, `/meetings/${meeting.id}/participants`, { name: 'Moeder Jansen' });
      assert.equal(p.status, 201, p.text);
      assert.equal(await tagOf(), a);
    });

    it('a matching If-Match saves and answers the new ETag, the one GET sends now', async () => {
      const before = await tagOf();
      const p = await send('PATCH', `/meetings/${meeting.id}`, { body: { agenda: 'Stand van zaken' }, ifMatch: before });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.agenda, 'Stand van zaken');
      const after = p.headers.get('etag');
      assert.match(after, STRONG_TAG);
      assert.notEqual(after, before);
      assert.equal(lastAudit('meeting', meeting.id), 'update|success');
      assert.equal(await tagOf(), after);
    });

    it('a stale If-Match answers 412 edit_conflict and changes nothing', async () => {
      const seen = await tagOf();
      const b = await send('PATCH', `/meetings/${meeting.id}`, { body: { location: 'Buurthuis De Brug' }, ifMatch: seen });
      assert.equal(b.status, 200, b.text);
      const was = stored();
      for (const body of [{ minutes: 'Afgesproken: Lisa belt de school' }, { cancelled: true }, { starts_at: at(8, 9), ends_at: at(8, 10) }]) {
        assertError(await send('PATCH', `/meetings/${meeting.id}`, { body, ifMatch: seen }), 412, 'edit_conflict');
      }
      assert.equal(stored(), was);
      assert.equal(lastAudit('meeting', meeting.id), 'update|error');
    });

    it('* matches the existing meeting; a malformed If-Match is 400; without one it works as before', async () => {
      const p = await send('PATCH', `/meetings/${meeting.id}`, { body: { minutes: 'Kort overleg' }, ifMatch: '*' });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.headers.get('etag'), await tagOf());
      const was = stored();
      for (const bad of MALFORMED) {
        assertError(await send('PATCH', `/meetings/${meeting.id}`, { body: { minutes: null }, ifMatch: bad }), 400, 'malformed_if_match');
      }
      const tag = await tagOf();
      const two = await twoHeaders(`/meetings/${meeting.id}`, tag, tag, { minutes: null });
      assert.equal(two.status, 400, two.text);
      assert.equal(stored(), was);
      const plain = await c.patch(w.pA, `/meetings/${meeting.id}`, { cancelled: true });
      assert.equal(plain.status, 200, plain.text);
      assert.equal(plain.json.cancelled, true);
      assert.notEqual(plain.headers.get('etag'), tag);
      assert.equal(plain.headers.get('etag'), await tagOf());
    });
  });
});
