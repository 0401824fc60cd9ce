// Network meetings and the safety table (docs/api-jim-support.md): creating
// with validation, participants from kring and from outside, attendance,
// decisions that change the dossier, actions with an owner, the JIM's access
// by consent, and `sequence` on a change of time, place or cancellation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, todayAmsterdam, addDays, yearsAgo, youthWithJim, youthAccount, createYouth, acceptAndSignIn, APPROVE } from './dossier-fixture.mjs';

const MEETING_FIELDS = ['id', 'youth_id', 'kind', 'starts_at', 'ends_at', 'location', 'agenda', 'minutes', 'sequence', 'cancelled', 'created_at', 'participants', 'decisions', 'actions'];
const sameInstant = (a, b) => Date.parse(a) === Date.parse(b);

describe('meetings', () => {
  let w;
  let c;
  let y; // {youth, jim, jimId}: 17 years old, OTS, residential
  let y2; // another young person with a JIM, team A
  const today = todayAmsterdam();
  const slot = (dayOffset, hourUtc = 9, hours = 1.5) => {
    const s = new Date(`${addDays(today, dayOffset)}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
    return { starts_at: s.toISOString().replace('.000Z', 'Z'), ends_at: new Date(+s + hours * 3600000).toISOString().replace('.000Z', 'Z') };
  };
  const meetingBody = (over = {}) => ({ kind: 'network', ...slot(7), location: 'Wijkcentrum De Linde', agenda: 'Stand van zaken', ...over });

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, {
      name: 'Oom Kees',
      youth: { given_name: 'Noor', family_name: 'Veldhuizen', birth_date: yearsAgo(today, 17), legal_frame: 'ots', living_situation: 'residential', started_on: addDays(today, -60) },
    });
    y2 = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Els' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const create = (who, body, youthId = y.youth.id) => c.post(who, `/youths/${youthId}/meetings`, body);
  const createOk = async (who, body) => {
    const r = await create(who, body);
    assert.equal(r.status, 201, `create meeting ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const getMeeting = async (id, who = w.pA) => {
    const r = await c.get(who, `/meetings/${id}`);
    assert.equal(r.status, 200, `GET meeting ${id}: ${r.status} ${r.text}`);
    return r.json;
  };

  describe('creating', () => {
    it('validation (422 with field) and nothing stored', async () => {
      const s = slot(3);
      const cases = [
        [{ ends_at: new Date(Date.parse(s.starts_at) - 60000).toISOString().replace('.000Z', 'Z'), starts_at: s.starts_at }, 'ends_at', 'ends before it starts'],
        [{ ends_at: s.starts_at, starts_at: s.starts_at }, 'ends_at', 'ends when it starts'],
        [{ ...slot(3, 9, 24.5) }, 'ends_at', 'longer than 24 hours'],
        [{ starts_at: 'morgen om negen' }, 'starts_at', 'not a time'],
        [{ kind: 'party' }, 'kind', 'unknown kind'],
        [{ location: '' }, 'location', 'empty location'],
        [{ location: 'x'.repeat(201) }, 'location', 'location of 201 characters'],
        [{ agenda: 'x'.repeat(10001) }, 'agenda', 'agenda over 10 000 characters'],
      ];
      for (const [over, field, what] of cases) {
        const r = await create(w.pA, meetingBody(over));
        assert.equal(r.status, 422, `${what}: ${r.status} ${r.text}`);
        assertError(r, 422, 'validation_failed', field);
      }
      const { location, ...noLocation } = meetingBody();
      assert.ok(location);
      assertError(await create(w.pA, noLocation), 422, 'validation_failed', 'location');
      const l = await c.get(w.pA, `/youths/${y.youth.id}/meetings`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items, []);
    });

    it('a meeting of exactly 24 hours and one with a 200-character location are allowed', async () => {
      const m = await createOk(w.pA, meetingBody({ ...slot(40, 8, 24), location: 'L'.repeat(200), kind: 'other' }));
      assert.equal(m.location.length, 200);
      assert.ok(sameInstant(m.ends_at, slot(41, 8, 0).starts_at), `24 hours later: ${m.ends_at}`);
    });

    it('201 with the meeting object', async () => {
      const body = meetingBody({ kind: 'safety_table', ...slot(10, 13, 2), location: 'Gemeentehuis, zaal 2', agenda: 'OTS of niet' });
      const m = await createOk(w.tA, body);
      for (const f of MEETING_FIELDS) assert.ok(f in m, `field ${f} in ${JSON.stringify(m)}`);
      assert.equal(m.youth_id, y.youth.id);
      assert.equal(m.kind, 'safety_table');
      assert.ok(sameInstant(m.starts_at, body.starts_at) && ISO_UTC.test(m.starts_at), m.starts_at);
      assert.ok(sameInstant(m.ends_at, body.ends_at) && ISO_UTC.test(m.ends_at), m.ends_at);
      assert.equal(m.location, 'Gemeentehuis, zaal 2');
      assert.equal(m.agenda, 'OTS of niet');
      assert.ok(Number.isInteger(m.sequence), 'sequence is an integer');
      assert.equal(m.cancelled, false);
      assert.match(m.created_at, ISO_UTC);
      // Whoever of the team plans it takes part in it.
      assert.equal(m.participants.length, 1, JSON.stringify(m.participants));
      assert.equal(m.participants[0].user_id, w.tA.id);
      assert.equal(m.participants[0].name, 'Ties Teamlead');
      assert.ok(!m.participants[0].attended, 'attendance not yet recorded');
      assert.deepEqual(m.decisions, []);
      assert.deepEqual(m.actions, []);
    });

    it('the listing is by start time', async () => {
      await createOk(w.pA, meetingBody({ ...slot(5) }));
      await createOk(w.pA, meetingBody({ ...slot(2) }));
      const l = await c.get(w.pA, `/youths/${y.youth.id}/meetings`);
      const starts = l.json.items.map((m) => Date.parse(m.starts_at));
      assert.ok(starts.length >= 3);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'ascending start time');
    });

    it('another team 404; admin and researcher 403; a break-the-glass grant opens it', async () => {
      assertError(await create(w.pB, meetingBody()), 404, 'not_found');
      assertError(await c.get(w.pB, `/youths/${y.youth.id}/meetings`), 404, 'not_found');
      assertError(await create(w.admin, meetingBody()), 403, 'forbidden');
      assertError(await c.get(w.rs, `/youths/${y.youth.id}/meetings`), 403, 'forbidden');
      const bg = await c.post(w.tB, `/youths/${y.youth.id}/break-glass`, { reason: 'Crisis in het weekend, niemand van team A bereikbaar' });
      assert.equal(bg.status, 201, bg.text);
      const l = await c.get(w.tB, `/youths/${y.youth.id}/meetings`);
      assert.equal(l.status, 200, `break_glass may read meetings: ${l.text}`);
      const m = await create(w.tB, meetingBody({ ...slot(12), location: 'Crisisoverleg' }));
      assert.equal(m.status, 201, `break_glass may create a meeting: ${m.text}`);
      assert.deepEqual(m.json.participants, [], 'someone in by break-the-glass is not of the circle: not a participant');
    });
  });

  describe('changes and sequence', () => {
    let m;
    before(async () => {
      m = await createOk(w.pA, meetingBody({ ...slot(14) }));
    });

    it('an agenda or minutes change leaves sequence alone', async () => {
      const r = await c.patch(w.pA, `/meetings/${m.id}`, { agenda: 'Nieuwe agenda', minutes: 'Verslag volgt' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.agenda, 'Nieuwe agenda');
      assert.equal(r.json.minutes, 'Verslag volgt');
      assert.equal(r.json.sequence, m.sequence);
    });

    it('a change of time raises sequence; so do place and cancellation', async () => {
      const s = slot(15, 10, 2);
      const t = await c.patch(w.pA, `/meetings/${m.id}`, s);
      assert.equal(t.status, 200, t.text);
      assert.ok(sameInstant(t.json.starts_at, s.starts_at));
      assert.ok(t.json.sequence > m.sequence, `time change: ${m.sequence} → ${t.json.sequence}`);
      const p = await c.patch(w.pA, `/meetings/${m.id}`, { location: 'Bij oom Kees thuis' });
      assert.equal(p.status, 200, p.text);
      assert.ok(p.json.sequence > t.json.sequence, `place change: ${t.json.sequence} → ${p.json.sequence}`);
      const x = await c.patch(w.pA, `/meetings/${m.id}`, { cancelled: true });
      assert.equal(x.status, 200, x.text);
      assert.equal(x.json.cancelled, true);
      assert.ok(x.json.sequence > p.json.sequence, `cancellation: ${p.json.sequence} → ${x.json.sequence}`);
      assert.equal((await getMeeting(m.id)).sequence, x.json.sequence);
    });

    it('a PATCH that makes it end before it starts is 422 and changes nothing', async () => {
      const before = await getMeeting(m.id);
      assertError(await c.patch(w.pA, `/meetings/${m.id}`, { ends_at: before.starts_at }), 422, 'validation_failed', 'ends_at');
      assertError(await c.patch(w.pA, `/meetings/${m.id}`, { location: '' }), 422, 'validation_failed', 'location');
      const after = await getMeeting(m.id);
      assert.equal(after.ends_at, before.ends_at);
      assert.equal(after.sequence, before.sequence);
      assertError(await c.patch(w.pB, `/meetings/${m.id}`, { location: 'Elders' }), 404, 'not_found');
      assertError(await c.get(w.pB, `/meetings/${m.id}`), 404, 'not_found');
      assertError(await c.post(w.pB, `/meetings/${m.id}/participants`, { name: 'Indringer' }), 404, 'not_found');
      assertError(await c.post(w.pB, `/meetings/${m.id}/actions`, { description: 'x', owner_name: 'y' }), 404, 'not_found');
      assertError(await c.get(w.admin, `/meetings/${m.id}`), 403, 'forbidden');
      assertError(await c.get(w.pA, '/meetings/999999'), 404, 'not_found');
      const g = await getMeeting(m.id);
      assert.equal(g.location, before.location);
      assert.deepEqual(g.participants.map((p) => p.user_id), [w.pA.id], 'only the one who planned it');
      assert.deepEqual(g.actions, []);
    });
  });

  describe('participants and attendance', () => {
    let m;
    let pUser;
    let pOutside;
    before(async () => {
      m = await createOk(w.pA, meetingBody({ kind: 'safety_table', ...slot(20) }));
    });

    it('a kring user and an outside person (name, organisation, role)', async () => {
      const u = await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: w.tA.id });
      assert.equal(u.status, 201, u.text);
      pUser = u.json;
      assert.equal(pUser.user_id, w.tA.id);
      assert.equal(pUser.name, 'Ties Teamlead', 'a kring user is named by display name');
      assert.ok(pUser.attended === null || pUser.attended === false, `attendance not yet recorded: ${u.text}`);
      const o = await c.post(w.pA, `/meetings/${m.id}/participants`, { name: 'Mevr. Jansen', organisation: 'Raad voor de Kinderbescherming', role: 'raadsonderzoeker' });
      assert.equal(o.status, 201, o.text);
      pOutside = o.json;
      assert.equal(pOutside.user_id, null);
      assert.equal(pOutside.name, 'Mevr. Jansen');
      assert.equal(pOutside.organisation, 'Raad voor de Kinderbescherming');
      assert.equal(pOutside.role, 'raadsonderzoeker');
      const g = await getMeeting(m.id);
      const creator = g.participants.find((p) => p.user_id === w.pA.id);
      assert.ok(creator, `the one who planned it takes part: ${JSON.stringify(g.participants)}`);
      assert.deepEqual(g.participants.map((p) => p.id).sort((a, b) => a - b), [creator.id, pUser.id, pOutside.id].sort((a, b) => a - b));
    });

    it('a participant needs a user_id or a name (422)', async () => {
      const r = await c.post(w.pA, `/meetings/${m.id}/participants`, { organisation: 'Gemeente' });
      assert.equal(r.status, 422, r.text);
      assertError(await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: 999999 }), 422, 'validation_failed', 'user_id');
      assert.equal((await getMeeting(m.id)).participants.length, 3);
    });

    it('the same kring user is a participant once (409 already_participant); outside names may repeat', async () => {
      assertError(await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: w.tA.id }), 409, 'already_participant', 'user_id');
      // at once, as two tabs would: one of them is added
      const other = await createOk(w.pA, meetingBody({ ...slot(22) }));
      const both = await Promise.all([1, 2].map(() => c.post(w.pA, `/meetings/${other.id}/participants`, { user_id: w.tA.id })));
      assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], both.map((r) => r.text).join(' '));
      assert.equal((await getMeeting(other.id)).participants.filter((p) => p.user_id === w.tA.id).length, 1);
      const g = await getMeeting(m.id);
      assert.equal(g.participants.filter((p) => p.user_id === w.tA.id).length, 1);
      const twin = await c.post(w.pA, `/meetings/${m.id}/participants`, { name: 'Mevr. Jansen' });
      assert.equal(twin.status, 201, `two outside people may share a name: ${twin.text}`);
      assert.equal((await getMeeting(m.id)).participants.length, 4);
    });

    it('the one who planned it is a participant once: adding them again is 409, and it is in their calendar feed', async () => {
      assertError(await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: w.pA.id }), 409, 'already_participant', 'user_id');
      const feed = await c.post(w.pA, '/me/calendar-feed', {});
      assert.equal(feed.status, 201, feed.text);
      const r = await fetch(new URL(feed.json.url, w.base));
      assert.equal(r.status, 200);
      const text = (await r.text()).replace(/\r\n[ \t]/g, '');
      assert.ok(text.includes(`UID:`) && (text.match(/BEGIN:VEVENT/g) || []).length >= 1, text);
      assert.match(text, /LOCATION:Wijkcentrum De Linde/, 'the planned meeting is in the feed of the one who planned it');
    });

    it('attendance is recorded per participant', async () => {
      const a = await c.post(w.pA, `/meetings/${m.id}/attendance`, { participant_id: pOutside.id, attended: true });
      assert.equal(a.status, 200, a.text);
      assert.equal(a.json.id, pOutside.id);
      assert.equal(a.json.attended, true);
      const b = await c.post(w.pA, `/meetings/${m.id}/attendance`, { participant_id: pUser.id, attended: false });
      assert.equal(b.status, 200, b.text);
      assert.equal(b.json.attended, false);
      assertError(await c.post(w.pA, `/meetings/${m.id}/attendance`, { participant_id: pUser.id, attended: 'ja' }), 422, 'validation_failed', 'attended');
      const g = await getMeeting(m.id);
      assert.equal(g.participants.find((p) => p.id === pOutside.id).attended, true);
      assert.equal(g.participants.find((p) => p.id === pUser.id).attended, false);
    });

    it('a participant of another meeting is refused', async () => {
      const other = await createOk(w.pA, meetingBody({ ...slot(21) }));
      const r = await c.post(w.pA, `/meetings/${other.id}/attendance`, { participant_id: pOutside.id, attended: false });
      assert.ok([404, 422].includes(r.status), `participant of another meeting: ${r.status} ${r.text}`);
      assert.equal((await getMeeting(m.id)).participants.find((p) => p.id === pOutside.id).attended, true);
    });
  });


  describe('who may take part: a new JIM before their first login, not an ended account', () => {
    let y3; // a young person whose JIM was just activated and has not accepted yet
    let invited; // the activation answer: the JIM's user, still invited
    let username;
    let m; // a meeting of Noor, whose circle the new JIM is not in
    before(async () => {
      y3 = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sara', birth_date: yearsAgo(today, 17) });
      const n = await c.post(w.pA, `/youths/${y3.id}/nominations`, { name: 'Buurvrouw Anja', relation: 'buurvrouw' });
      assert.equal(n.status, 201, n.text);
      assert.equal((await c.post(w.pA, `/nominations/${n.json.id}/assessment`, APPROVE)).status, 201);
      username = `jim.anja.${Date.now()}`;
      const act = await c.post(w.pA, `/nominations/${n.json.id}/activate`, { username });
      assert.equal(act.status, 201, act.text);
      invited = act.json;
      const given = await c.post(w.pA, `/youths/${y3.id}/consents`, { scope: 'share_meetings', given_by: 'youth' });
      assert.equal(given.status, 201, given.text);
      m = await createOk(w.pA, meetingBody({ ...slot(9) }));
    });
    const createFor = async (youthId, body) => {
      const r = await c.post(w.pA, `/youths/${youthId}/meetings`, body);
      assert.equal(r.status, 201, r.text);
      return r.json;
    };

    it('the JIM who has not accepted the invitation yet is added, and sees it in their calendar after logging in', async () => {
      const mine = await createFor(y3.id, meetingBody({ ...slot(9), location: 'Buurthuis De Vaart' }));
      const p = await c.post(w.pA, `/meetings/${mine.id}/participants`, { user_id: invited.id });
      assert.equal(p.status, 201, `an invited JIM takes part: ${p.status} ${p.text}`);
      assert.equal(p.json.user_id, invited.id);
      assert.equal(p.json.name, 'Buurvrouw Anja');
      const action = await c.post(w.pA, `/meetings/${mine.id}/actions`, { description: 'Sara ophalen', owner_user_id: invited.id });
      assert.equal(action.status, 201, `an invited JIM may own an action: ${action.text}`);
      const jim = await acceptAndSignIn(w.base, invited, username);
      const feed = await c.post(jim, '/me/calendar-feed', {});
      assert.equal(feed.status, 201, feed.text);
      const r = await fetch(new URL(feed.json.url, w.base));
      assert.equal(r.status, 200);
      assert.match(await r.text(), /Buurthuis De Vaart/, 'the meeting is in the JIM\'s calendar');
    });

    it('an ended JIM is refused with 409 account_ended, and nothing is stored', async () => {
      const jimRow = invited.jim;
      const end = await c.post(w.pA, `/jims/${jimRow.id}/end`, { reason: 'dropped_out' });
      assert.equal(end.status, 200, end.text);
      const later = await createFor(y3.id, meetingBody({ ...slot(11) }));
      assertError(await c.post(w.pA, `/meetings/${later.id}/participants`, { user_id: invited.id }), 409, 'account_ended', 'user_id');
      assertError(await c.post(w.pA, `/meetings/${later.id}/actions`, { description: 'x', owner_user_id: invited.id }), 409, 'account_ended', 'owner_user_id');
      const g = await getMeeting(later.id);
      assert.ok(!g.participants.some((x) => x.user_id === invited.id), JSON.stringify(g.participants));
      assert.deepEqual(g.actions, []);
      // Someone who never was in this circle stays "no such user" (422): another
      // young person's JIM, and this one for Noor's meeting.
      assertError(await c.post(w.pA, `/meetings/${later.id}/participants`, { user_id: y2.jim.id }), 422, 'validation_failed', 'user_id');
      assertError(await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: invited.id }), 422, 'validation_failed', 'user_id');
    });
  });

  describe('decisions', () => {
    let m;
    before(async () => {
      m = await createOk(w.pA, meetingBody({ kind: 'safety_table', ...slot(-1) }));
    });
    const dossier = async () => (await c.get(w.pA, `/youths/${y.youth.id}`)).json;
    const history = async () => {
      const r = await c.get(w.pA, `/youths/${y.youth.id}/history`);
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    // The history row names the meeting: a meeting_id, or a reason that says
    // which meeting (its id next to a word for meeting).
    const namesMeeting = (row) =>
      row.meeting_id === m.id ||
      (new RegExp(`(^|\\D)${m.id}(\\D|$)`).test(String(row.reason || '')) && /meeting|overleg|tafel/i.test(String(row.reason || '')));

    it('validation: type, text, apply values (422) and nothing changes', async () => {
      const hBefore = (await history()).length;
      assertError(await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'ots_forever', text: 'x' }), 422, 'validation_failed', 'type');
      assertError(await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'other' }), 422, 'validation_failed', 'text');
      const bad = await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS', apply: { legal_frame: 'strafrecht' } });
      assert.equal(bad.status, 422, bad.text);
      assert.match(bad.json.error.field || '', /legal_frame/);
      const fut = await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS', apply: { legal_frame: 'voluntary', effective_on: addDays(today, 3) } });
      assert.equal(fut.status, 422, `effective_on in the future: ${fut.text}`);
      // the trajectory began 60 days ago: a change cannot take effect before it
      assertError(
        await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS', apply: { legal_frame: 'voluntary', effective_on: addDays(today, -61) } }),
        422, 'validation_failed', 'apply.effective_on',
      );
      const d = await dossier();
      assert.equal(d.legal_frame, 'ots');
      assert.equal(d.living_situation, 'residential');
      assert.equal((await history()).length, hBefore);
      assert.deepEqual((await getMeeting(m.id)).decisions, []);
    });

    it('a decision without apply changes nothing in the dossier', async () => {
      const r = await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'plan_changed', text: 'Doel school aangescherpt' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.type, 'plan_changed');
      assert.equal(r.json.text, 'Doel school aangescherpt');
      assert.ok(!r.json.applied, `applied is false/null: ${r.text}`);
      assert.equal((await dossier()).legal_frame, 'ots');
    });

    it('ots_withdrawn with apply: the legal frame changes, and the history names the meeting', async () => {
      const r = await c.post(w.pA, `/meetings/${m.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS: het netwerk draagt', apply: { legal_frame: 'voluntary' } });
      assert.equal(r.status, 201, r.text);
      assert.ok(r.json.applied, `applied: ${r.text}`);
      assert.equal((await dossier()).legal_frame, 'voluntary');
      const row = (await history()).filter((h) => h.field === 'legal_frame').pop();
      assert.ok(row, 'a history row for legal_frame');
      assert.equal(row.value, 'voluntary');
      assert.equal(row.effective_on, today);
      assert.equal(row.changed_by.id, w.pA.id);
      assert.ok(namesMeeting(row), `the history row names the meeting: ${JSON.stringify(row)}`);
      assert.deepEqual(row.cause, { code: 'meeting_decision', value: 'ots_withdrawn', meeting_id: m.id });
    });

    it('placement_averted with apply: the living situation changes on effective_on', async () => {
      const r = await c.post(w.tA, `/meetings/${m.id}/decisions`, {
        type: 'placement_averted',
        text: 'Uithuisplaatsing voorkomen, Noor woont weer thuis',
        apply: { living_situation: 'home', effective_on: addDays(today, -1) },
      });
      assert.equal(r.status, 201, r.text);
      assert.equal((await dossier()).living_situation, 'home', `dossier after ${r.text}; history ${JSON.stringify(await history())}`);
      const row = (await history()).filter((h) => h.field === 'living_situation' && h.value === 'home').pop();
      assert.ok(row, 'a history row for living_situation home');
      assert.equal(row.effective_on, addDays(today, -1));
      assert.ok(namesMeeting(row), `the history row names the meeting: ${JSON.stringify(row)}`);
      const g = await getMeeting(m.id);
      assert.equal(g.decisions.length, 3);
      assert.deepEqual(g.decisions.map((d) => d.type).sort(), ['ots_withdrawn', 'placement_averted', 'plan_changed']);
    });

    it('a closed trajectory: a decision that changes the dossier is refused at apply.effective_on, one that only writes down is taken', async () => {
      const youth = await createYouth(w.base, w.pA, w.teamA.id, { legal_frame: 'ots', living_situation: 'residential', started_on: addDays(today, -40) });
      const r = await c.post(w.pA, `/youths/${youth.id}/meetings`, { ...meetingBody(), ...slot(-20) });
      assert.equal(r.status, 201, r.text);
      const closing = await c.patch(w.pA, `/youths/${youth.id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen gehaald', effective_on: addDays(today, -10) });
      assert.equal(closing.status, 200, closing.text);
      const frame = async () => (await c.get(w.pA, `/youths/${youth.id}`)).json.legal_frame;
      assertError(
        await c.post(w.pA, `/meetings/${r.json.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS', apply: { legal_frame: 'voluntary' } }),
        422, 'validation_failed', 'apply.effective_on',
      );
      assertError(
        await c.post(w.pA, `/meetings/${r.json.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS', apply: { legal_frame: 'voluntary', effective_on: addDays(today, -9) } }),
        422, 'validation_failed', 'apply.effective_on',
      );
      assert.equal(await frame(), 'ots', 'the legal frame stays');
      assert.deepEqual((await getMeeting(r.json.id)).decisions, [], 'no decision stored');
      const within = await c.post(w.pA, `/meetings/${r.json.id}/decisions`, { type: 'ots_withdrawn', text: 'Geen OTS', apply: { legal_frame: 'voluntary', effective_on: addDays(today, -15) } });
      assert.equal(within.status, 201, within.text);
      assert.equal(await frame(), 'voluntary');
    });

    it('another team cannot record a decision (404)', async () => {
      assertError(await c.post(w.pB, `/meetings/${m.id}/decisions`, { type: 'other', text: 'x' }), 404, 'not_found');
    });

    it('a meeting that has not begun cannot change the dossier (409 not_held); a cancelled one takes no decisions (409 cancelled)', async () => {
      const ahead = await createOk(w.pA, meetingBody({ kind: 'safety_table', ...slot(3) }));
      const before = await dossier();
      const rows = (await history()).length;
      assertError(await c.post(w.pA, `/meetings/${ahead.id}/decisions`, { type: 'ots_requested', text: 'OTS aanvragen', apply: { legal_frame: 'ots' } }), 409, 'not_held', 'apply');
      const note = await c.post(w.pA, `/meetings/${ahead.id}/decisions`, { type: 'plan_changed', text: 'Voorbereiding: agenda rond' });
      assert.equal(note.status, 201, 'a decision without apply may be written down ahead');
      const cancel = await c.patch(w.pA, `/meetings/${ahead.id}`, { cancelled: true });
      assert.equal(cancel.status, 200, cancel.text);
      assertError(await c.post(w.pA, `/meetings/${ahead.id}/decisions`, { type: 'other', text: 'Toch iets' }), 409, 'cancelled');
      assertError(await c.post(w.pA, `/meetings/${ahead.id}/decisions`, { type: 'ots_requested', text: 'OTS', apply: { legal_frame: 'ots' } }), 409, 'cancelled');
      assert.equal((await dossier()).legal_frame, before.legal_frame, 'the legal frame stays');
      assert.equal((await history()).length, rows, 'no history row');
      assert.equal((await getMeeting(ahead.id)).decisions.length, 1);
    });
  });

  describe('actions', () => {
    let m;
    let aPro;
    let aJim;
    let aName;
    before(async () => {
      m = await createOk(w.pA, meetingBody({ ...slot(-2) }));
    });
    const myActions = async (who) => {
      const r = await c.get(who, '/my/actions');
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };

    it('validation: a description is needed', async () => {
      assertError(await c.post(w.pA, `/meetings/${m.id}/actions`, { owner_user_id: w.pA.id }), 422, 'validation_failed', 'description');
      assertError(await c.post(w.pA, `/meetings/${m.id}/actions`, { description: 'x', owner_name: 'Oma Truus', due_date: 'volgende week' }), 422, 'validation_failed', 'due_date');
      assertError(await c.post(w.pA, `/meetings/${m.id}/actions`, { description: 'x', owner_user_id: 999999 }), 422, 'validation_failed', 'owner_user_id');
      assert.deepEqual((await getMeeting(m.id)).actions, [], 'nothing stored');
    });

    it('the owner is optional (owner_user_id? | owner_name?)', async () => {
      const r = await c.post(w.pA, `/meetings/${m.id}/actions`, { description: 'Verslag rondsturen' });
      assert.equal(r.status, 201, `an action without an owner: ${r.status} ${r.text}`);
      assert.equal(r.json.owner_user_id, null);
      assert.equal(r.json.owner_name, null);
      const d = await c.post(w.pA, `/meeting-actions/${r.json.id}/done`, {});
      assert.equal(d.status, 200, d.text);
    });

    it('an action with an owner appears in the owner\'s /my/actions', async () => {
      const r = await c.post(w.tA, `/meetings/${m.id}/actions`, { description: 'School bellen', owner_user_id: w.pA.id, due_date: addDays(today, 7) });
      assert.equal(r.status, 201, r.text);
      aPro = r.json;
      assert.equal(aPro.owner_user_id, w.pA.id);
      assert.equal(aPro.done_at, null);
      const mine = await myActions(w.pA);
      const it = mine.find((a) => a.id === aPro.id);
      assert.ok(it, `in pA's actions: ${JSON.stringify(mine)}`);
      assert.equal(it.meeting_id, m.id);
      assert.equal(it.youth_id, y.youth.id);
      assert.equal(it.youth_given_name, y.youth.given_name, 'whose action it is, by first name');
      assert.equal(it.description, 'School bellen');
      assert.equal(it.due_date, addDays(today, 7));
      assert.equal(it.done_at, null);
      assert.ok(!(await myActions(w.tA)).some((a) => a.id === aPro.id), 'not in the creator\'s list');
    });

    it('an action for the JIM and one for an outside person', async () => {
      const j = await c.post(w.pA, `/meetings/${m.id}/actions`, { description: 'Met Noor naar de sportclub', owner_user_id: y.jim.id });
      assert.equal(j.status, 201, j.text);
      aJim = j.json;
      const n = await c.post(w.pA, `/meetings/${m.id}/actions`, { description: 'Huiswerkbegeleiding regelen', owner_name: 'Oma Truus' });
      assert.equal(n.status, 201, n.text);
      aName = n.json;
      assert.equal(aName.owner_name, 'Oma Truus');
      assert.equal(aName.owner_user_id, null);
      // A JIM sees their action only while meetings may be shared with them.
      assert.ok(!(await myActions(y.jim)).some((a) => a.id === aJim.id), 'hidden without share_meetings consent');
      const given = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_meetings', given_by: 'youth' });
      assert.equal(given.status, 201, given.text);
      assert.ok((await myActions(y.jim)).some((a) => a.id === aJim.id), 'in the JIM\'s actions');
      const gone = await c.post(w.pA, `/consents/${given.json.id}/withdraw`, {});
      assert.equal(gone.status, 200, gone.text);
      assert.ok(!(await myActions(y.jim)).some((a) => a.id === aJim.id), 'hidden again after withdrawal');
      assert.ok(!(await myActions(w.pA)).some((a) => a.id === aName.id));
      const g = await getMeeting(m.id);
      for (const a of [aPro, aJim, aName]) assert.ok(g.actions.some((x) => x.id === a.id), `action ${a.id} on the meeting`);
    });

    it('done: by the owner (also the JIM), then no longer open; another team 404', async () => {
      assertError(await c.post(w.pB, `/meeting-actions/${aPro.id}/done`, {}), 404, 'not_found');
      assertError(await c.post(y2.jim, `/meeting-actions/${aPro.id}/done`, {}), 404, 'not_found');
      const d = await c.post(w.pA, `/meeting-actions/${aPro.id}/done`, {});
      assert.equal(d.status, 200, d.text);
      assert.match(d.json.done_at, ISO_UTC);
      assert.ok(!(await myActions(w.pA)).some((a) => a.id === aPro.id), 'done → gone from /my/actions');
      assertError(await c.post(y.jim, `/meeting-actions/${aJim.id}/done`, {}), 404, 'not_found');
      const given = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_meetings', given_by: 'youth' });
      assert.equal(given.status, 201, given.text);
      const dj = await c.post(y.jim, `/meeting-actions/${aJim.id}/done`, {});
      assert.equal(dj.status, 200, `the JIM marks their own action done: ${dj.text}`);
      assert.ok(!(await myActions(y.jim)).some((a) => a.id === aJim.id));
      assert.equal((await c.post(w.pA, `/consents/${given.json.id}/withdraw`, {})).status, 200);
      const dn = await c.post(w.tA, `/meeting-actions/${aName.id}/done`, {});
      assert.equal(dn.status, 200, `the team marks an outside person's action done: ${dn.text}`);
      const g = await getMeeting(m.id);
      for (const a of g.actions) assert.match(a.done_at || '', ISO_UTC, `done_at on ${a.id}`);
    });

    it('/my/actions needs a session', async () => {
      assertError(await c.get(null, '/my/actions'), 401, 'not_authenticated');
      assert.ok(Array.isArray(await myActions(w.admin)));
    });
  });

  describe('the JIM sees meetings only with share_meetings consent', () => {
    let m;
    let consent;
    before(async () => {
      m = await createOk(w.pA, meetingBody({ ...slot(30), location: 'Bibliotheek' }));
    });

    it('without consent: 403 no_consent on the list, the meeting and the invite', async () => {
      assertError(await c.get(y.jim, `/youths/${y.youth.id}/meetings`), 403, 'no_consent');
      assertError(await c.get(y.jim, `/meetings/${m.id}`), 403, 'no_consent');
      assertError(await c.get(y.jim, `/meetings/${m.id}.ics`), 403, 'no_consent');
    });

    it('with the young person\'s consent (17): the JIM reads them', async () => {
      const r = await c.post(w.pA, `/youths/${y.youth.id}/consents`, { scope: 'share_meetings', given_by: 'youth' });
      assert.equal(r.status, 201, r.text);
      consent = r.json;
      const l = await c.get(y.jim, `/youths/${y.youth.id}/meetings`);
      assert.equal(l.status, 200, l.text);
      assert.ok(l.json.items.some((x) => x.id === m.id));
      const g = await c.get(y.jim, `/meetings/${m.id}`);
      assert.equal(g.status, 200, g.text);
      assert.equal(g.json.location, 'Bibliotheek');
      const ics = await c.get(y.jim, `/meetings/${m.id}.ics`);
      assert.equal(ics.status, 200, ics.text);
    });

    it('the JIM still cannot create or change meetings (403), nor read another young person\'s (404)', async () => {
      assertError(await create(y.jim, meetingBody()), 403, 'forbidden');
      assertError(await c.patch(y.jim, `/meetings/${m.id}`, { location: 'Elders' }), 403, 'forbidden');
      assertError(await c.post(y.jim, `/meetings/${m.id}/decisions`, { type: 'other', text: 'x' }), 403, 'forbidden');
      assertError(await c.get(y2.jim, `/youths/${y.youth.id}/meetings`), 404, 'not_found');
      assertError(await c.get(y2.jim, `/meetings/${m.id}`), 404, 'not_found');
    });

    it('after withdrawal: 403 no_consent again', async () => {
      const r = await c.post(w.pA, `/consents/${consent.id}/withdraw`, {});
      assert.equal(r.status, 200, r.text);
      assertError(await c.get(y.jim, `/meetings/${m.id}`), 403, 'no_consent');
    });
  });
  describe('the young person sees their own meetings, without consent', () => {
    let me;
    let m;
    let other;
    before(async () => {
      me = await youthAccount(w.base, w.pA, y.youth.id);
      m = await createOk(w.pA, meetingBody({ ...slot(31), location: 'Jongerencentrum' }));
      other = await c.post(w.pA, `/youths/${y2.youth.id}/meetings`, meetingBody({ ...slot(31), location: 'Elders' }));
      assert.equal(other.status, 201, other.text);
    });

    it('the list, the meeting and the invite of their own; another young person’s 404; no changes (403)', async () => {
      const l = await c.get(me, `/youths/${y.youth.id}/meetings`);
      assert.equal(l.status, 200, l.text);
      assert.ok(l.json.items.some((x) => x.id === m.id), l.text);
      const g = await c.get(me, `/meetings/${m.id}`);
      assert.equal(g.status, 200, g.text);
      assert.equal(g.json.location, 'Jongerencentrum');
      assert.equal((await c.get(me, `/meetings/${m.id}.ics`)).status, 200);
      assertError(await c.get(me, `/youths/${y2.youth.id}/meetings`), 404, 'not_found');
      assertError(await c.get(me, `/meetings/${other.json.id}`), 404, 'not_found');
      assertError(await c.get(me, `/meetings/${other.json.id}.ics`), 404, 'not_found');
      assertError(await create(me, meetingBody()), 403, 'forbidden');
      assertError(await c.patch(me, `/meetings/${m.id}`, { location: 'Elders' }), 403, 'forbidden');
    });

    it('as a participant, the meeting is in their calendar feed', async () => {
      const p = await c.post(w.pA, `/meetings/${m.id}/participants`, { user_id: me.id });
      assert.equal(p.status, 201, p.text);
      const feed = await c.post(me, '/me/calendar-feed', {});
      assert.equal(feed.status, 201, feed.text);
      const r = await fetch(new URL(feed.json.url, w.base));
      assert.equal(r.status, 200);
      assert.match(await r.text(), /Jongerencentrum/);
    });
  });
});
