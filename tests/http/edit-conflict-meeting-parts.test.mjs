// A meeting's parts can be changed at the same time without false conflicts
// (docs/api.md, "Changing a record that someone else may change too"): the
// meeting's answer carries part_etags (schedule: time, place, cancellation,
// sequence; agenda; minutes) next to its whole ETag, and its PATCH takes
// If-Match-Parts, `part="tag", ...`, which holds when every part it names
// still has that tag. So minutes saved on an old version go through after
// someone else changed the agenda (both changes stay), but not after someone
// else changed the minutes (412, nothing changes). A part the body changes
// must be named; a malformed header is 400. If-Match on the whole meeting
// works as before, and both must hold when both are sent.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, dbQuery, rawRequest } from './harness.mjs';
import { setupDossierWorld, client, createYouth } from './dossier-fixture.mjs';
import { STRONG_TAG, sendTo } from './if-match-fixture.mjs';

describe('edit conflicts: the parts of a meeting', () => {
  let w;
  let c;
  let y;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sanne' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const send = sendTo(() => w);
  // A PATCH of the meeting with the If-Match-Parts header `parts` (and If-Match `ifMatch`, when given).
  const patchParts = (id, body, parts, ifMatch) => {
    const headers = { 'If-Match-Parts': parts };
    if (ifMatch) headers['If-Match'] = ifMatch;
    return api(w.base, 'PATCH', `/api/v1/meetings/${id}`, { token: w.pA.token, body, headers });
  };
  const lastAudit = (id) =>
    dbQuery(w.server.db, `SELECT action || '|' || outcome FROM audit_events WHERE object_type = 'meeting' ` +
      `AND object_id = '${id}' ORDER BY id DESC LIMIT 1;`).trim();
  const at = (days, hour) => {
    const d = new Date(Date.now() + days * 86400000);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString().replace('.000Z', 'Z');
  };
  let n = 0;
  const newMeeting = async () => {
    n++;
    const r = await c.post(w.pA, `/youths/${y.id}/meetings`, {
      kind: 'network', starts_at: at(7 + n, 9), ends_at: at(7 + n, 10), location: 'Wijkcentrum De Linde', agenda: 'Stand van zaken',
    });
    assert.equal(r.status, 201, r.text);
    assert.ok(r.json.part_etags, 'a new meeting comes with the tags of its parts');
    return r.json;
  };
  const load = async (id) => {
    const g = await send('GET', `/meetings/${id}`);
    assert.equal(g.status, 200, g.text);
    return { m: g.json, tag: g.headers.get('etag'), parts: g.json.part_etags };
  };
  const stored = (id) => dbQuery(w.server.db, `SELECT location || '|' || coalesce(agenda, '') || '|' || coalesce(minutes, '') || '|' || ` +
    `starts_at || '|' || sequence || '|' || cancelled FROM meetings WHERE id = ${Number(id)};`).trim();

  it('the answer carries a strong tag per part, next to the whole ETag; each changes only with its own part', async () => {
    const m = await newMeeting();
    const a = await load(m.id);
    assert.match(a.tag, STRONG_TAG);
    assert.deepEqual(Object.keys(a.parts).sort(), ['agenda', 'minutes', 'schedule']);
    for (const t of Object.values(a.parts)) {
      assert.match(t, STRONG_TAG);
      assert.notEqual(t, a.tag);
    }
    assert.equal(new Set(Object.values(a.parts)).size, 3, 'three different tags');
    assert.deepEqual((await load(m.id)).parts, a.parts, 'they stay while nothing changes');
    const p = await c.post(w.pA, `/meetings/${m.id}/participants`, { name: 'Vader Smit' });
    assert.equal(p.status, 201, p.text);
    assert.deepEqual((await load(m.id)).parts, a.parts, 'a participant is no part of the PATCH');

    const b = await send('PATCH', `/meetings/${m.id}`, { body: { agenda: 'School en werk' } });
    assert.equal(b.status, 200, b.text);
    assert.equal(b.json.part_etags.schedule, a.parts.schedule);
    assert.equal(b.json.part_etags.minutes, a.parts.minutes);
    assert.notEqual(b.json.part_etags.agenda, a.parts.agenda);
    assert.deepEqual((await load(m.id)).parts, b.json.part_etags, 'the PATCH answers the tags GET gives now');
    const s = await send('PATCH', `/meetings/${m.id}`, { body: { location: 'Buurthuis De Brug' } });
    assert.equal(s.status, 200, s.text);
    assert.notEqual(s.json.part_etags.schedule, b.json.part_etags.schedule);
    assert.equal(s.json.part_etags.agenda, b.json.part_etags.agenda);
    assert.equal(s.json.part_etags.minutes, b.json.part_etags.minutes);
  });

  it('agenda changed by B, minutes saved by A with A\'s old tag: 200, both changes stay', async () => {
    const m = await newMeeting();
    const seenByA = await load(m.id);
    const seenByB = await load(m.id);
    const b = await patchParts(m.id, { agenda: 'Wonen en school' }, `agenda=${seenByB.parts.agenda}`);
    assert.equal(b.status, 200, b.text);
    const a = await patchParts(m.id, { minutes: 'Sanne belt de mentor.' }, `minutes=${seenByA.parts.minutes}`);
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.agenda, 'Wonen en school');
    assert.equal(a.json.minutes, 'Sanne belt de mentor.');
    assert.equal(lastAudit(m.id), 'update|success');
    assert.equal(a.headers.get('etag'), (await load(m.id)).tag, 'the answer carries the new whole ETag');
    const now = await load(m.id);
    assert.equal(now.m.agenda, 'Wonen en school');
    assert.equal(now.m.minutes, 'Sanne belt de mentor.');
  });

  it('minutes changed by B, minutes saved by A with A\'s old tag: 412 edit_conflict, nothing changes', async () => {
    const m = await newMeeting();
    const seenByA = await load(m.id);
    const b = await patchParts(m.id, { minutes: 'Verslag van B' }, `minutes=${seenByA.parts.minutes}`);
    assert.equal(b.status, 200, b.text);
    const was = stored(m.id);
    for (const [body, parts] of [
      [{ minutes: 'Verslag van A' }, `minutes=${seenByA.parts.minutes}`],
      [{ minutes: null }, `minutes=${seenByA.parts.minutes}`],
      // every part named must hold, also with a fresh tag for another
      [{ minutes: 'Verslag van A', agenda: 'Nieuw' }, `agenda=${seenByA.parts.agenda}, minutes=${seenByA.parts.minutes}`],
      [{ agenda: 'Nieuw' }, `agenda=${seenByA.parts.agenda},minutes=${seenByA.parts.minutes}`],
      // a weak tag never matches
      [{ agenda: 'Nieuw' }, `agenda=W/${seenByA.parts.agenda}`],
    ]) {
      const a = await patchParts(m.id, body, parts);
      assertError(a, 412, 'edit_conflict');
      assert.equal(a.headers.get('etag'), null, 'a refusal carries no tag');
    }
    assert.equal(stored(m.id), was);
    assert.equal(lastAudit(m.id), 'update|error');
  });

  it('the schedule is one part: a moved time keeps the agenda free, not a cancellation', async () => {
    const m = await newMeeting();
    const seen = await load(m.id);
    const b = await patchParts(m.id, { starts_at: at(20, 13), ends_at: at(20, 14) }, `schedule=${seen.parts.schedule}`);
    assert.equal(b.status, 200, b.text);
    assert.equal(b.json.sequence, seen.m.sequence + 1);
    const a = await patchParts(m.id, { agenda: null }, `agenda=${seen.parts.agenda}`);
    assert.equal(a.status, 200, a.text);
    assert.equal(a.json.agenda, null);
    assert.equal(a.json.starts_at, at(20, 13), 'B\'s new time stays');
    assert.equal(a.json.sequence, seen.m.sequence + 1);
    const was = stored(m.id);
    for (const body of [{ cancelled: true }, { location: 'Thuis' }, { starts_at: at(21, 9), ends_at: at(21, 10) }]) {
      assertError(await patchParts(m.id, body, `schedule=${seen.parts.schedule}`), 412, 'edit_conflict');
    }
    assert.equal(stored(m.id), was);
  });

  it('If-Match on the whole meeting works as before, and with If-Match-Parts both must hold', async () => {
    const m = await newMeeting();
    const seen = await load(m.id);
    const b = await patchParts(m.id, { agenda: 'Door B' }, `agenda=${seen.parts.agenda}`);
    assert.equal(b.status, 200, b.text);
    const was = stored(m.id);
    // the whole tag covers the agenda too: still a conflict for the minutes
    assertError(await send('PATCH', `/meetings/${m.id}`, { body: { minutes: 'Door A' }, ifMatch: seen.tag }), 412, 'edit_conflict');
    assertError(await patchParts(m.id, { minutes: 'Door A' }, `minutes=${seen.parts.minutes}`, seen.tag), 412, 'edit_conflict');
    assert.equal(stored(m.id), was);
    const fresh = await load(m.id);
    const ok = await patchParts(m.id, { minutes: 'Door A' }, `minutes=${seen.parts.minutes}`, fresh.tag);
    assert.equal(ok.status, 200, ok.text);
    const whole = await send('PATCH', `/meetings/${m.id}`, { body: { minutes: 'Weer A' }, ifMatch: ok.headers.get('etag') });
    assert.equal(whole.status, 200, whole.text);
    assert.equal(whole.json.minutes, 'Weer A');
    assert.equal(whole.json.agenda, 'Door B');
  });

  it('a malformed If-Match-Parts, or one without a part the body changes, is 400 and changes nothing', async () => {
    const m = await newMeeting();
    const { parts } = await load(m.id);
    const was = stored(m.id);
    const bad = [
      '', ' ', '*', 'minutes', 'minutes=', 'minutes=*', 'minutes=abc', `minutes=${parts.minutes.slice(0, -1)}`,
      `minutes=${parts.minutes} agenda=${parts.agenda}`, `minutes=${parts.minutes},`, `,minutes=${parts.minutes}`,
      `notes=${parts.minutes}`, `Minutes=${parts.minutes}`, `minutes=${parts.minutes}, minutes=${parts.minutes}`,
      `minutes = ${parts.minutes}`, `minutes=${parts.minutes};agenda=${parts.agenda}`, `minutes="${'a'.repeat(400)}"`,
    ];
    for (const value of bad) {
      assertError(await patchParts(m.id, { minutes: 'Kort' }, value), 400, 'malformed_if_match');
    }
    // the body changes a part the header leaves out
    for (const [body, value] of [
      [{ agenda: 'Ander' }, `minutes=${parts.minutes}`],
      [{ minutes: 'Kort', agenda: null }, `minutes=${parts.minutes}`],
      [{ minutes: 'Kort', cancelled: true }, `minutes=${parts.minutes}, agenda=${parts.agenda}`],
      [{ location: 'Thuis' }, `agenda=${parts.agenda}`],
    ]) {
      const r = await patchParts(m.id, body, value);
      assertError(r, 400, 'malformed_if_match');
    }
    // two header lines (fetch would join them)
    const text = JSON.stringify({ minutes: 'Kort' });
    const two = await rawRequest(w.base, `PATCH /api/v1/meetings/${m.id} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Authorization: Bearer ${w.pA.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `If-Match-Parts: minutes=${parts.minutes}\r\nIf-Match-Parts: minutes=${parts.minutes}\r\nConnection: close\r\n\r\n${text}`);
    assert.equal(two.status, 400, two.text);
    assert.equal(stored(m.id), was);
    // null for a field of the schedule is refused at the field before any precondition
    assertError(await patchParts(m.id, { minutes: 'Kort', location: null }, ` minutes=${parts.minutes} `),
      422, 'validation_failed', 'location');
    assert.equal(stored(m.id), was);
    // spaces around the list are allowed
    const ok = await patchParts(m.id, { minutes: 'Kort' }, ` minutes=${parts.minutes} `);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.minutes, 'Kort');
  });
});
