// "How it is going" for the JIM (GET /youths/{id}/shared-outcomes): only with
// the consent share_outcomes in force, and only what that consent names —
// where the young person lives, school attendance and school events, hospital
// admissions. Never the team's notes, police contacts or running away.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, addMonths, yearsAgo, youthAccount, makeJim } from './dossier-fixture.mjs';
import { moveTo } from './outcomes-fixture.mjs';

const T = todayAmsterdam();
const ago = (n) => addDays(T, -n);
const SECRET_NOTE = 'Geheime notitie van het team';

describe('shared outcomes: what the JIM sees under share_outcomes', () => {
  let w;
  let c;
  let y;
  let youth;
  let jim;
  let otherJim;
  let consent;
  const path = () => `/youths/${y.id}/shared-outcomes`;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: yearsAgo(T, 17), started_on: ago(500) });
    youth = await youthAccount(w.base, w.pA, y.id);
    ({ jim } = await makeJim(w.base, w.pA, y.id, 'Tante Ans'));
    const other = await createYouth(w.base, w.pA, w.teamA.id, { birth_date: yearsAgo(T, 17) });
    ({ jim: otherJim } = await makeJim(w.base, w.pA, other.id, 'Oom Piet'));
    const oc = await c.post(w.pA, `/youths/${other.id}/consents`, { scope: 'share_outcomes', given_by: 'youth' });
    assert.equal(oc.status, 201, oc.text);
    await moveTo(w.base, w.pA, y.id, 'network_foster_care', ago(100));
    const post = async (p, body) => {
      const r = await c.post(w.pA, p, body);
      assert.equal(r.status, 201, `${p} ${JSON.stringify(body)}: ${r.text}`);
    };
    for (const [type, days] of [
      ['police_contact', 10],
      ['ran_away', 15],
      ['hospital', 20],
      ['school_return', 30],
      ['work_start', 40],
      ['school_dropout', 420],
    ])
      await post(`/youths/${y.id}/events`, { type, occurred_on: ago(days), note: SECRET_NOTE });
    for (let i = 5; i >= 1; i--)
      await post(`/youths/${y.id}/attendance`, { period_from: ago(i * 60), period_to: ago(i * 60 - 59), share_attended: 50 + i, times_late: i });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  it('without the consent the JIM is refused (403 no_consent)', async () => {
    assertError(await c.get(jim, path()), 403, 'no_consent');
  });

  it('with the consent the JIM sees living situation, school and hospital, newest first', async () => {
    const r = await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_outcomes', given_by: 'youth' });
    assert.equal(r.status, 201, r.text);
    consent = r.json;
    const s = await c.get(jim, path());
    assert.equal(s.status, 200, s.text);
    assert.deepEqual(s.json, {
      living_situation: { value: 'network_foster_care', since: ago(100) },
      events_since: addMonths(T, -12),
      school: {
        attendance: [1, 2, 3, 4].map((i) => ({ period_from: ago(i * 60), period_to: ago(i * 60 - 59), share_attended: 50 + i, times_late: i })),
        events: [{ type: 'school_return', occurred_on: ago(30) }],
      },
      health: { events: [{ type: 'hospital', occurred_on: ago(20) }] },
    });
  });

  it('never the notes, police contacts, running away or work', async () => {
    const s = await c.get(jim, path());
    for (const word of [SECRET_NOTE, 'police_contact', 'ran_away', 'work_start', 'note', 'created_by'])
      assert.ok(!s.text.includes(word), `${word} in ${s.text}`);
  });

  it('the young person and their team see the same; others do not', async () => {
    const own = await c.get(jim, path());
    for (const who of [youth, w.pA, w.tA]) {
      const r = await c.get(who, path());
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, own.json);
    }
    assertError(await c.get(otherJim, path()), 404, 'not_found');
    assertError(await c.get(w.pB, path()), 404, 'not_found');
    assertError(await c.get(w.rs, path()), 403, 'forbidden');
    assertError(await c.get(null, path()), 401, 'not_authenticated');
  });

  it("the JIM's read is in the young person's audit trail", async () => {
    const r = await c.get(w.po, `/api/v1/audit?youth_id=${y.id}&user_id=${jim.id}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    const reads = r.json.items.filter((e) => e.outcome === 'success' && e.object_type === 'outcome' && e.action === 'read');
    assert.ok(reads.length >= 1, r.text.slice(0, 2000));
  });

  it('says where the dossier says the young person lives, also after a change dated back', async () => {
    // A placement recorded for five days ago, then a return home recorded
    // later but dated fifty days back: the dossier holds the last one written.
    await moveTo(w.base, w.pA, y.id, 'foster_care', ago(5));
    await moveTo(w.base, w.pA, y.id, 'home', ago(50));
    const dossier = await c.get(w.pA, `/youths/${y.id}`);
    assert.equal(dossier.json.living_situation, 'home');
    const s = await c.get(jim, path());
    assert.deepEqual(s.json.living_situation, { value: 'home', since: ago(50) });
  });

  it('a withdrawn consent closes it again', async () => {
    const r = await c.post(w.pA, `/consents/${consent.id}/withdraw`, {});
    assert.equal(r.status, 200, r.text);
    assertError(await c.get(jim, path()), 403, 'no_consent');
    assert.equal((await c.get(youth, path())).status, 200, 'the young person still sees their own');
  });
});
