// Consent by age (under 12 custody holder; 12–15 both; 16+ the young person
// alone), on the day of the check; future and withdrawn consents; and what
// the JIM may see because of it (plan, journal entries marked shared).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, yearsAgo, addNetwork, youthAccount, makeJim } from './dossier-fixture.mjs';

const SCOPES = ['share_plan', 'share_meetings', 'share_notes_marked_shared', 'share_outcomes'];

describe('dossier: consent by age and what the JIM sees', () => {
  let w;
  let c;
  const today = todayAmsterdam();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const consent = async (who, youthId, body, status = 201) => {
    const r = await c.post(who, `/youths/${youthId}/consents`, body);
    assert.equal(r.status, status, `consent ${JSON.stringify(body)}: ${r.status} ${r.text}`);
    return r.json;
  };
  const consents = async (youthId, who = w.pA) => {
    const r = await c.get(who, `/youths/${youthId}/consents`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };

  // Per age: share_plan by the young person only, share_meetings by a custody
  // holder only, share_outcomes by both, share_notes_marked_shared by nobody.
  const cases = [
    { what: '12 tomorrow (11 today)', birth: () => addDays(yearsAgo(today, 12), 1), age: 11, rule: 'custody_only', youthOnly: false, custodyOnly: true },
    { what: 'exactly 12 today', birth: () => yearsAgo(today, 12), age: 12, rule: 'youth_and_custody', youthOnly: false, custodyOnly: false },
    { what: '16 tomorrow (15 today)', birth: () => addDays(yearsAgo(today, 16), 1), age: 15, rule: 'youth_and_custody', youthOnly: false, custodyOnly: false },
    { what: 'exactly 16 today', birth: () => yearsAgo(today, 16), age: 16, rule: 'youth_only', youthOnly: true, custodyOnly: false },
  ];
  const made = {};

  for (const k of cases) {
    it(`${k.what}: rule ${k.rule}; youth alone ${k.youthOnly ? 'suffices' : 'does not'}, custody alone ${k.custodyOnly ? 'suffices' : 'does not'}; both always`, async () => {
      const y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Leeftijd', family_name: `Toets ${'abcd'[cases.indexOf(k)]}`, birth_date: k.birth() });
      assert.equal(y.age, k.age, `dossier age for birth ${k.birth()}`);
      const parent = await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Joyce', relation: 'moeder', has_custody: true });
      made[k.age] = { y, parent };

      const none = await consents(y.id);
      assert.equal(none.age, k.age);
      assert.equal(none.rule, k.rule);
      for (const s of SCOPES) assert.equal(none.effective[s], false, `${s} without consents`);

      await consent(w.pA, y.id, { scope: 'share_plan', given_by: 'youth' });
      await consent(w.pA, y.id, { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: parent.id });
      await consent(w.pA, y.id, { scope: 'share_outcomes', given_by: 'youth' });
      await consent(w.pA, y.id, { scope: 'share_outcomes', given_by: 'custody_holder', network_member_id: parent.id });

      const r = await consents(y.id);
      assert.equal(r.rule, k.rule);
      assert.equal(r.age, k.age);
      assert.equal(r.effective.share_plan, k.youthOnly, `youth alone (share_plan): ${JSON.stringify(r)}`);
      assert.equal(r.effective.share_meetings, k.custodyOnly, `custody holder alone (share_meetings): ${JSON.stringify(r)}`);
      assert.equal(r.effective.share_outcomes, true, `both (share_outcomes): ${JSON.stringify(r)}`);
      assert.equal(r.effective.share_notes_marked_shared, false);
      assert.equal(r.items.length, 4);
      const m = r.items.find((i) => i.scope === 'share_meetings');
      assert.equal(m.given_by, 'custody_holder');
      assert.equal(m.network_member_id, parent.id);
      assert.equal(m.network_member_name, 'Moeder Joyce');
      assert.equal(m.given_on, today, 'given_on defaults to today');
      assert.equal(m.withdrawn_on, null);
    });
  }

  it('a custody-holder consent needs a network member with custody of this young person (422 network_member_id)', async () => {
    const { y } = made[12];
    const step = await addNetwork(w.base, w.pA, y.id, { name: 'Stiefvader Ron', relation: 'stiefvader', has_custody: false });
    const before = (await consents(y.id)).items.length;
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'custody_holder' }), 422, 'validation_failed', 'network_member_id');
    assertError(
      await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'custody_holder', network_member_id: step.id }),
      422,
      'validation_failed',
      'network_member_id',
    );
    assertError(
      await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'custody_holder', network_member_id: made[16].parent.id }),
      422,
      'validation_failed',
      'network_member_id',
    );
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_everything', given_by: 'youth' }), 422, 'validation_failed', 'scope');
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'buurman' }), 422, 'validation_failed', 'given_by');
    assert.equal((await consents(y.id)).items.length, before, 'nothing stored by the 422s');
  });

  it('a consent with given_on in the future does not count yet', async () => {
    const { y } = made[16];
    const r = await consent(w.pA, y.id, { scope: 'share_notes_marked_shared', given_by: 'youth', given_on: addDays(today, 1) });
    assert.equal(r.given_on, addDays(today, 1));
    const l = await consents(y.id);
    assert.ok(l.items.some((i) => i.id === r.id), 'listed');
    assert.equal(l.effective.share_notes_marked_shared, false, 'future consent not in force today');
  });

  it('the same consent twice on one day is 409 already_given and changes nothing; after a withdrawal it may be given again', async () => {
    const y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Dubbel', birth_date: yearsAgo(today, 16) });
    const parent = await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Joyce', relation: 'moeder', has_custody: true });
    await consent(w.pA, y.id, { scope: 'share_plan', given_by: 'youth' });
    await consent(w.pA, y.id, { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: parent.id });
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'youth' }), 409, 'already_given', 'scope');
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: parent.id }), 409, 'already_given', 'scope');
    assert.equal((await consents(y.id)).items.length, 2, 'no row added');
    // another person, or another day, is another consent
    const father = await addNetwork(w.base, w.pA, y.id, { name: 'Vader Ruud', relation: 'vader', has_custody: true });
    await consent(w.pA, y.id, { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: father.id });
    await consent(w.pA, y.id, { scope: 'share_plan', given_by: 'youth', given_on: addDays(today, -1) });
    const fresh = await consent(w.pA, y.id, { scope: 'share_notes_marked_shared', given_by: 'youth' });
    assert.equal((await c.post(w.pA, `/consents/${fresh.id}/withdraw`, {})).status, 200);
    await consent(w.pA, y.id, { scope: 'share_notes_marked_shared', given_by: 'youth' });
    assert.equal((await consents(y.id)).items.length, 6);
  });

  it('a withdrawn consent stops counting; withdrawing twice is 409', async () => {
    const { y } = made[16];
    const plan = (await consents(y.id)).items.find((i) => i.scope === 'share_plan' && i.given_by === 'youth');
    assert.equal((await consents(y.id)).effective.share_plan, true);
    const r = await c.post(w.pA, `/consents/${plan.id}/withdraw`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.withdrawn_on, today);
    assert.equal((await consents(y.id)).effective.share_plan, false);
    assertError(await c.post(w.pA, `/consents/${plan.id}/withdraw`, {}), 409, 'conflict');
    assertError(await c.post(w.pB, `/consents/${plan.id}/withdraw`, {}), 404, 'not_found');
    // 12–15: withdrawing the custody half breaks "both".
    const k = made[12];
    const cust = (await consents(k.y.id)).items.find((i) => i.scope === 'share_outcomes' && i.given_by === 'custody_holder');
    assert.equal((await c.post(w.pA, `/consents/${cust.id}/withdraw`, {})).status, 200);
    assert.equal((await consents(k.y.id)).effective.share_outcomes, false);
  });

  it('the young person records and withdraws their own consent, only as given_by youth', async () => {
    const { y, parent } = made[16];
    const youth = await youthAccount(w.base, w.pA, y.id);
    const own = await consents(y.id, youth);
    assert.equal(own.rule, 'youth_only');
    const r = await consent(youth, y.id, { scope: 'share_plan', given_by: 'youth' });
    assert.equal(r.given_by, 'youth');
    assert.equal((await consents(y.id)).effective.share_plan, true);
    assertError(
      await c.post(youth, `/youths/${y.id}/consents`, { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: parent.id }),
      422,
      'validation_failed',
      'given_by',
    );
    // Not someone else's consent: the custody holder's consent on share_outcomes.
    const cust = (await consents(y.id)).items.find((i) => i.given_by === 'custody_holder' && !i.withdrawn_on);
    const x = await c.post(youth, `/consents/${cust.id}/withdraw`, {});
    assert.ok(x.status === 403 || x.status === 404, `youth withdrawing a custody holder's consent: ${x.status} ${x.text}`);
    assert.equal((await consents(y.id)).items.find((i) => i.id === cust.id).withdrawn_on, null);
    const wd = await c.post(youth, `/consents/${r.id}/withdraw`, {});
    assert.equal(wd.status, 200, wd.text);
    assert.equal((await consents(y.id)).effective.share_plan, false);
    // Another young person's consents: 404.
    assertError(await c.get(youth, `/youths/${made[12].y.id}/consents`), 404, 'not_found');
    assertError(await c.post(youth, `/youths/${made[12].y.id}/consents`, { scope: 'share_plan', given_by: 'youth' }), 404, 'not_found');
  });

  describe('what the JIM may see', () => {
    let y;
    let jim;
    let goal;
    let planConsent;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Kevin', family_name: 'Zichtbaar', birth_date: yearsAgo(today, 17) });
      ({ jim } = await makeJim(w.base, w.pA, y.id, 'Tante Wilma'));
      const g = await c.post(w.pA, `/youths/${y.id}/goals`, { title: 'Elke dag naar school', author_kind: 'youth' });
      assert.equal(g.status, 201, g.text);
      goal = g.json;
      for (const [text, shared] of [
        ['Gedeeld: goed gesprek over school', true],
        ['Alleen team: zorgen over thuissituatie', false],
        ['Gedeeld: JIM was bij het overleg', true],
      ]) {
        const j = await c.post(w.pA, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'contact', minutes: 30, text, shared });
        assert.equal(j.status, 201, j.text);
      }
    });

    it('without consent the JIM gets 403 no_consent on the plan and the journal; the summary shares nothing', async () => {
      assertError(await c.get(jim, `/youths/${y.id}/plan`), 403, 'no_consent');
      assertError(await c.get(jim, `/youths/${y.id}/journal`), 403, 'no_consent');
      const s = await c.get(jim, `/youths/${y.id}/summary`);
      assert.equal(s.status, 200, s.text);
      assert.deepEqual(s.json.shared_scopes, []);
    });

    it('with share_plan consent the JIM reads the plan (200) and sees the goal', async () => {
      planConsent = await consent(w.pA, y.id, { scope: 'share_plan', given_by: 'youth' });
      const r = await c.get(jim, `/youths/${y.id}/plan`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.goals.some((g) => g.id === goal.id && g.title === 'Elke dag naar school'), r.text);
      const s = await c.get(jim, `/youths/${y.id}/summary`);
      assert.deepEqual(s.json.shared_scopes, ['share_plan']);
      // share_plan does not open the journal.
      assertError(await c.get(jim, `/youths/${y.id}/journal`), 403, 'no_consent');
    });

    it('after the consent is withdrawn the same GET is 403 no_consent', async () => {
      const r = await c.post(w.pA, `/consents/${planConsent.id}/withdraw`, {});
      assert.equal(r.status, 200, r.text);
      assertError(await c.get(jim, `/youths/${y.id}/plan`), 403, 'no_consent');
      assertError(await c.post(jim, `/goals/${goal.id}/views`, { text: 'Ik vind dit belangrijk' }), 403, 'no_consent');
    });

    it('with share_notes_marked_shared the JIM sees only the journal entries marked shared', async () => {
      await consent(w.pA, y.id, { scope: 'share_notes_marked_shared', given_by: 'youth' });
      const r = await c.get(jim, `/youths/${y.id}/journal`);
      assert.equal(r.status, 200, r.text);
      const texts = r.json.items.map((i) => i.text);
      assert.equal(r.json.items.length, 2, r.text);
      for (const i of r.json.items) assert.equal(i.shared, true);
      assert.ok(!texts.some((t) => t.includes('Alleen team')), `team-only note leaked: ${r.text}`);
      assert.ok(!r.text.includes('zorgen over thuissituatie'), 'team-only text nowhere in the answer');
      const team = await c.get(w.pA, `/youths/${y.id}/journal`);
      assert.equal(team.json.items.length, 3, 'the team sees all three');
      // Still no plan without share_plan.
      assertError(await c.get(jim, `/youths/${y.id}/plan`), 403, 'no_consent');
    });

    it('the JIM cannot write the journal (403) nor read another young person\'s (404)', async () => {
      assertError(await c.post(jim, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'note', text: 'x', shared: true }), 403, 'forbidden');
      assertError(await c.get(jim, `/youths/${made[16].y.id}/journal`), 404, 'not_found');
      assertError(await c.get(jim, `/youths/${made[16].y.id}/plan`), 404, 'not_found');
    });
  });
});
