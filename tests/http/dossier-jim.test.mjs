// Finding the JIM: nominations in order of preference, days to nomination,
// the lower bounds in the assessment, decline with a teamlead's second look,
// parent agreements, activation of the JIM account and ending a JIM.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC, login } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, addNetwork, acceptAndSignIn, APPROVE } from './dossier-fixture.mjs';

const NOMINATION_FIELDS = ['id', 'youth_id', 'name', 'relation', 'contact', 'note', 'preference', 'status', 'created_at', 'assessment', 'assessments', 'parent_agreements'];

describe('dossier: nominations, assessment and the JIM', () => {
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

  const nominate = async (youthId, name, extra = {}, who = w.pA) => {
    const r = await c.post(who, `/youths/${youthId}/nominations`, { name, relation: 'tante', ...extra });
    assert.equal(r.status, 201, `nominate ${name}: ${r.text}`);
    return r.json;
  };
  const assess = (who, nid, body) => c.post(who, `/nominations/${nid}/assessment`, body);
  const statusOf = async (youthId, nid) => (await c.get(w.pA, `/youths/${youthId}/nominations`)).json.items.find((n) => n.id === nid).status;

  describe('nominations', () => {
    let y;
    let n1;
    let n2;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Jesse', family_name: 'Nominatie', started_on: addDays(today, -10) });
      assert.equal(y.first_nominated_on, null);
      assert.equal(y.days_to_nomination, null);
    });

    it('two nominations keep their order of preference', async () => {
      n1 = await nominate(y.id, 'Tante Els', { contact: '06-12345678', note: 'Ziet haar wekelijks' });
      for (const f of NOMINATION_FIELDS) assert.ok(f in n1, `field ${f} in ${JSON.stringify(n1)}`);
      assert.equal(n1.youth_id, y.id);
      assert.equal(n1.name, 'Tante Els');
      assert.equal(n1.status, 'open');
      assert.equal(n1.assessment, null);
      assert.deepEqual(n1.parent_agreements, []);
      assert.match(n1.created_at, ISO_UTC);
      n2 = await nominate(y.id, 'Buurman Henk', { relation: 'buurman' });
      assert.ok(n2.preference > n1.preference, `second preference after first: ${n1.preference}, ${n2.preference}`);
      const l = await c.get(w.pA, `/youths/${y.id}/nominations`);
      assert.equal(l.status, 200, l.text);
      assert.deepEqual(l.json.items.map((n) => n.id), [n1.id, n2.id]);
      assert.deepEqual(l.json.items.map((n) => n.name), ['Tante Els', 'Buurman Henk']);
    });

    it('the first nomination date gives first_nominated_on and days_to_nomination on the dossier', async () => {
      const d = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(d.status, 200, d.text);
      assert.equal(d.json.first_nominated_on, today);
      assert.equal(d.json.days_to_nomination, 10);
    });

    it('a nomination needs a name and relation (422); another team gets 404', async () => {
      assertError(await c.post(w.pA, `/youths/${y.id}/nominations`, { relation: 'tante' }), 422, 'validation_failed', 'name');
      assertError(await c.post(w.pA, `/youths/${y.id}/nominations`, { name: '', relation: 'tante' }), 422, 'validation_failed', 'name');
      assertError(await c.post(w.pA, `/youths/${y.id}/nominations`, { name: 'Oom Piet' }), 422, 'validation_failed', 'relation');
      assertError(await c.get(w.pB, `/youths/${y.id}/nominations`), 404, 'not_found');
      assertError(await assess(w.pB, n1.id, APPROVE), 404, 'not_found');
      assert.equal((await c.get(w.pA, `/youths/${y.id}/nominations`)).json.items.length, 2);
    });
  });

  describe('the teamlead\'s second look: a worklist, and sending a decline back', () => {
    let y;
    let n;
    const DECLINE = { ...APPROVE, willing_to_cooperate: false, decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' };
    const RETURN = 'Eerst zelf met oom Joost praten';
    const pending = (who) => c.get(who, '/nominations?status=decline_pending');
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Mila', family_name: 'Tweedeblik' });
      n = await nominate(y.id, 'Oom Joost', { relation: 'oom' });
      const r = await assess(w.pA, n.id, DECLINE);
      assert.equal(r.json.status, 'decline_pending', r.text);
    });

    it('GET /nominations?status=decline_pending lists the declines of the teamlead\'s teams with the young person, audited', async () => {
      const r = await pending(w.tA);
      assert.equal(r.status, 200, r.text);
      const item = r.json.items.find((i) => i.id === n.id);
      assert.ok(item, `nomination ${n.id} listed: ${r.text}`);
      assert.equal(item.youth_id, y.id);
      assert.deepEqual(item.youth, { id: y.id, given_name: 'Mila', family_name: 'Tweedeblik', team_id: w.teamA.id });
      assert.equal(item.name, 'Oom Joost');
      assert.equal(item.relation, 'oom');
      assert.equal(item.reason, DECLINE.reason);
      assert.equal(item.assessed_by.id, w.pA.id);
      assert.equal(typeof item.assessed_by.display_name, 'string');
      assert.equal(item.own, false);
      assert.match(item.assessed_at, ISO_UTC);
      assert.ok(!(await pending(w.tB)).json.items.some((i) => i.id === n.id), 'not for the teamlead of another team');
      assertError(await pending(w.pA), 403, 'forbidden');
      assertError(await c.get(w.tA, '/nominations'), 422, 'validation_failed', 'status');
      assertError(await c.get(w.tA, '/nominations?status=open'), 422, 'validation_failed', 'status');
      const audit = await c.get(w.po, `/audit?user_id=${w.tA.id}&limit=1000`);
      assert.ok(audit.json.items.some((e) => e.action === 'read' && e.object_type === 'nomination' && e.youth_id === y.id && e.outcome === 'success'),
        'the worklist read is audited with the young person');
    });

    it('return-decline: the teamlead disagrees with a reason; the candidate is open again and the reason is kept and audited', async () => {
      assertError(await c.post(w.tA, `/nominations/${n.id}/return-decline`, {}), 422, 'validation_failed', 'reason');
      assertError(await c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason: 'Nee' }), 422, 'validation_failed', 'reason');
      assertError(await c.post(w.pA, `/nominations/${n.id}/return-decline`, { reason: RETURN }), 403, 'forbidden');
      assertError(await c.post(w.tB, `/nominations/${n.id}/return-decline`, { reason: RETURN }), 404, 'not_found');
      assert.equal(await statusOf(y.id, n.id), 'decline_pending');
      const r = await c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason: RETURN });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'open');
      assert.equal(r.json.assessment.decision, 'decline', 'the declining assessment stays, with the return on it');
      assert.deepEqual(r.json.assessment.decline_returned_by, { id: w.tA.id, display_name: 'Ties Teamlead' });
      assert.equal(r.json.assessment.decline_return_reason, RETURN);
      assert.match(r.json.assessment.decline_returned_at, ISO_UTC);
      assert.equal(r.json.assessment.decline_confirmed_at, null);
      assert.ok(!(await pending(w.tA)).json.items.some((i) => i.id === n.id), 'off the worklist');
      assertError(await c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason: RETURN }), 409, 'conflict');
      assertError(await c.post(w.tA, `/nominations/${n.id}/confirm-decline`, {}), 409, 'conflict');
      const audit = await c.get(w.po, `/audit?user_id=${w.tA.id}&limit=1000`);
      const ev = audit.json.items.find((e) => e.action === 'update' && e.object_type === 'nomination' && e.object_id === String(n.id) && e.outcome === 'success');
      assert.ok(ev, `return audited: ${audit.text.slice(0, 1500)}`);
      assert.equal(ev.youth_id, y.id);
      // kring's own phrase: the typed reason, which names people, stays on the
      // assessment (removed with a destruction), not in the audit trail
      assert.equal(ev.reason, 'decline sent back to assessment');
      assert.ok(!audit.text.includes(RETURN), 'the typed reason is not in the audit trail');
      const again = await assess(w.pA, n.id, { ...APPROVE, decision: 'approve' });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.json.status, 'approved');
    });
  });

  describe('assessment: the lower bounds', () => {
    let y;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Ravi', family_name: 'Ondergrens' });
    });

    it('approving a parent is 422 field is_parent; the nomination stays open', async () => {
      const n = await nominate(y.id, 'Vader Kees', { relation: 'vader' });
      assertError(await assess(w.pA, n.id, { ...APPROVE, is_parent: true }), 422, 'validation_failed', 'is_parent');
      assertError(await assess(w.tA, n.id, { ...APPROVE, is_parent: true, reason: 'Vader is echt de beste keuze' }), 422, 'validation_failed', 'is_parent');
      assert.equal(await statusOf(y.id, n.id), 'open');
    });

    it('approving someone the child is not safe with is 422 field child_safe', async () => {
      const n = await nominate(y.id, 'Neef Bert', { relation: 'neef' });
      assertError(await assess(w.pA, n.id, { ...APPROVE, child_safe: false }), 422, 'validation_failed', 'child_safe');
      assert.equal(await statusOf(y.id, n.id), 'open');
    });

    it('approving someone unwilling to cooperate is 422', async () => {
      const n = await nominate(y.id, 'Oom Gerrit', { relation: 'oom' });
      const e = assertError(await assess(w.pA, n.id, { ...APPROVE, willing_to_cooperate: false }), 422, 'validation_failed');
      assert.equal(e.field, 'willing_to_cooperate');
      assert.equal(await statusOf(y.id, n.id), 'open');
    });

    it('a missing boolean or unknown decision is 422', async () => {
      const n = await nominate(y.id, 'Oma Truus', { relation: 'oma' });
      const { adult, ...noAdult } = APPROVE;
      assert.equal(adult, true);
      assertError(await assess(w.pA, n.id, noAdult), 422, 'validation_failed', 'adult');
      assertError(await assess(w.pA, n.id, { ...APPROVE, child_safe: 'yes' }), 422, 'validation_failed', 'child_safe');
      assertError(await assess(w.pA, n.id, { ...APPROVE, decision: 'maybe' }), 422, 'validation_failed', 'decision');
    });

    it('discuss may leave lower bounds not yet known (stored as null); approve and decline need every answer', async () => {
      const n = await nominate(y.id, 'Buurvrouw Ans', { relation: 'buurvrouw' });
      const r = await assess(w.pA, n.id, { is_parent: false, adult: true, willing_to_cooperate: null, decision: 'discuss' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'open');
      const expected = { is_parent: false, adult: true, willing_to_cooperate: null, child_safe: null, own_load_manageable: null };
      for (const [k, v] of Object.entries(expected)) assert.equal(r.json.assessment[k], v, `${k} in ${r.text}`);
      const listed = (await c.get(w.pA, `/youths/${y.id}/nominations`)).json.items.find((x) => x.id === n.id);
      for (const [k, v] of Object.entries(expected)) assert.equal(listed.assessment[k], v, `${k} listed`);
      assertError(await assess(w.pA, n.id, { ...APPROVE, child_safe: null }), 422, 'validation_failed', 'child_safe');
      const { willing_to_cooperate, ...noWilling } = APPROVE;
      assert.equal(willing_to_cooperate, true);
      assertError(await assess(w.pA, n.id, { ...noWilling, decision: 'decline', reason: 'Kent de jongere eigenlijk niet goed' }), 422,
        'validation_failed', 'willing_to_cooperate');
      const after = (await c.get(w.pA, `/youths/${y.id}/nominations`)).json.items.find((x) => x.id === n.id);
      assert.equal(after.status, 'open');
      assert.equal(after.assessment.id, listed.assessment.id, 'the refused assessments stored nothing');
    });

    it('approving a minor needs a reason of 10+ characters; with it the nomination is approved', async () => {
      const n = await nominate(y.id, 'Grote broer Sem', { relation: 'broer' });
      assertError(await assess(w.pA, n.id, { ...APPROVE, adult: false }), 422, 'validation_failed', 'reason');
      assertError(await assess(w.pA, n.id, { ...APPROVE, adult: false, reason: 'Is 17 jr' }), 422, 'validation_failed', 'reason');
      assert.equal(await statusOf(y.id, n.id), 'open');
      const r = await assess(w.pA, n.id, { ...APPROVE, adult: false, reason: 'Bijna 18, zeer betrokken broer' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'approved');
      assert.equal(r.json.assessment.decision, 'approve');
      assert.equal(r.json.assessment.adult, false);
      assert.equal(r.json.assessment.reason, 'Bijna 18, zeer betrokken broer');
      assert.deepEqual(r.json.assessment.assessed_by, { id: w.pA.id, display_name: 'Anna Professional' });
      assert.match(r.json.assessment.assessed_at, ISO_UTC);
    });

    it('approving someone whose own load is not manageable needs a reason too', async () => {
      const n = await nominate(y.id, 'Tante Fatima', { relation: 'tante' });
      assertError(await assess(w.pA, n.id, { ...APPROVE, own_load_manageable: false }), 422, 'validation_failed', 'reason');
      const r = await assess(w.pA, n.id, { ...APPROVE, own_load_manageable: false, reason: 'Steun via lotgenotengroep' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'approved');
    });

    it('the reason holds at most 2000 characters, counted as code points: 2001 is 422 reason, nothing stored', async () => {
      const n = await nominate(y.id, 'Zus Lange', { relation: 'zus' });
      const discuss = { is_parent: false, adult: true, decision: 'discuss' };
      assertError(await assess(w.pA, n.id, { ...discuss, reason: 'a'.repeat(2001) }), 422, 'validation_failed', 'reason');
      assertError(await assess(w.pA, n.id, { ...discuss, reason: '\u{1F331}'.repeat(2001) }), 422, 'validation_failed', 'reason');
      assert.equal((await c.get(w.pA, `/youths/${y.id}/nominations`)).json.items.find((x) => x.id === n.id).assessment, null);
      // 2000 emoji are 4000 UTF-16 units, and 2000 characters: kept whole
      const r = await assess(w.pA, n.id, { ...discuss, reason: '\u{1F331}'.repeat(2000) });
      assert.equal(r.status, 201, r.text.slice(0, 300));
      assert.equal(r.json.assessment.reason, '\u{1F331}'.repeat(2000));
    });

    it('decline: a short reason is 422; 20+ characters makes it decline_pending; pA cannot confirm; tA confirms', async () => {
      const n = await nominate(y.id, 'Buurvrouw Ria', { relation: 'buurvrouw' });
      const decline = { ...APPROVE, willing_to_cooperate: false, decision: 'decline' };
      assertError(await assess(w.pA, n.id, { ...decline, reason: 'Niet geschikt' }), 422, 'validation_failed', 'reason');
      assertError(await assess(w.pA, n.id, decline), 422, 'validation_failed', 'reason');
      assert.equal(await statusOf(y.id, n.id), 'open');
      const r = await assess(w.pA, n.id, { ...decline, reason: 'Wil niet samenwerken met de hulpverlening' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'decline_pending');
      assert.equal(r.json.assessment.decision, 'decline');

      assertError(await c.post(w.pA, `/nominations/${n.id}/confirm-decline`, {}), 403, 'forbidden');
      assertError(await c.post(w.tB, `/nominations/${n.id}/confirm-decline`, {}), 404, 'not_found');
      assert.equal(await statusOf(y.id, n.id), 'decline_pending');
      assertError(await c.post(w.pA, `/nominations/${n.id}/activate`, { username: 'ria.jim' }), 409, 'conflict');

      const cf = await c.post(w.tA, `/nominations/${n.id}/confirm-decline`, {});
      assert.equal(cf.status, 200, cf.text);
      assert.equal(cf.json.status, 'declined');
      assert.deepEqual(cf.json.assessment.decline_confirmed_by, { id: w.tA.id, display_name: 'Ties Teamlead' });
      assert.match(cf.json.assessment.decline_confirmed_at, ISO_UTC);
      assertError(await c.post(w.tA, `/nominations/${n.id}/confirm-decline`, {}), 409, 'conflict');
      assertError(await c.post(w.pA, `/nominations/${n.id}/activate`, { username: 'ria.jim2' }), 409, 'conflict');
    });

    it('a teamlead cannot confirm their own decline (409 own_decision): a decline needs a second look', async () => {
      const n = await nominate(y.id, 'Buurman Henk', { relation: 'buurman' });
      const decline = { ...APPROVE, willing_to_cooperate: false, decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' };
      const r = await assess(w.tA, n.id, decline);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'decline_pending');
      assertError(await c.post(w.tA, `/nominations/${n.id}/confirm-decline`, {}), 409, 'own_decision');
      assert.equal(await statusOf(y.id, n.id), 'decline_pending');
      // nor can it be passed by a new assessment while it waits (409 second_look_pending) …
      assertError(await assess(w.pA, n.id, decline), 409, 'second_look_pending');
      assert.equal(await statusOf(y.id, n.id), 'decline_pending');
      // … only sent back: then a new decline by someone else is the teamlead's to confirm
      assert.equal((await c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason: 'Laat Anna dit beoordelen' })).status, 200);
      const again = await assess(w.pA, n.id, decline);
      assert.equal(again.status, 201, again.text);
      const cf = await c.post(w.tA, `/nominations/${n.id}/confirm-decline`, {});
      assert.equal(cf.status, 200, cf.text);
      assert.equal(cf.json.status, 'declined');
    });

    it('confirm-decline on an open nomination is 409', async () => {
      const n = await nominate(y.id, 'Oom Joop', { relation: 'oom' });
      assertError(await c.post(w.tA, `/nominations/${n.id}/confirm-decline`, {}), 409, 'conflict');
    });

    it('activate on an open nomination (no decision, or discuss) is 409', async () => {
      const n = await nominate(y.id, 'Tante Joke', { relation: 'tante' });
      assertError(await c.post(w.pA, `/nominations/${n.id}/activate`, { username: 'joke.jim' }), 409, 'conflict');
      const d = await assess(w.pA, n.id, { ...APPROVE, decision: 'discuss' });
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.status, 'open');
      assertError(await c.post(w.pA, `/nominations/${n.id}/activate`, { username: 'joke.jim' }), 409, 'conflict');
    });

    it('a candidate assessed as a parent can never be activated', async () => {
      const n = await nominate(y.id, 'Moeder Sandra', { relation: 'moeder' });
      const d = await assess(w.pA, n.id, { ...APPROVE, is_parent: true, decision: 'discuss' });
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.status, 'open');
      assert.equal(d.json.assessment.is_parent, true);
      assertError(await c.post(w.pA, `/nominations/${n.id}/activate`, { username: 'sandra.jim' }), 409, 'conflict');
      assertError(await assess(w.tA, n.id, { ...APPROVE, is_parent: true, reason: 'Teamlead vindt het toch goed' }), 422, 'validation_failed', 'is_parent');
      assertError(await c.post(w.tA, `/nominations/${n.id}/activate`, { username: 'sandra.jim' }), 409, 'conflict');
      const me = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(me.json.jim, null, 'no JIM');
    });
  });

  describe('parent agreements', () => {
    let y;
    let n;
    let custody;
    let nonCustody;
    let otherCustody;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Amira', family_name: 'Ouders' });
      const o = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Thijs', family_name: 'Anderkind' });
      custody = await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Yasmina', relation: 'moeder', has_custody: true });
      nonCustody = await addNetwork(w.base, w.pA, y.id, { name: 'Stiefvader Rob', relation: 'stiefvader', has_custody: false });
      otherCustody = await addNetwork(w.base, w.pA, o.id, { name: 'Vader Thijs sr', relation: 'vader', has_custody: true });
      n = await nominate(y.id, 'Tante Nadia', { relation: 'tante' });
    });

    it('the network lists the members with has_custody', async () => {
      const r = await c.get(w.pA, `/youths/${y.id}/network`);
      assert.equal(r.status, 200, r.text);
      const m = r.json.items.find((i) => i.id === custody.id);
      assert.equal(m.name, 'Moeder Yasmina');
      assert.equal(m.has_custody, true);
      assert.equal(r.json.items.find((i) => i.id === nonCustody.id).has_custody, false);
      assert.ok(!r.json.items.some((i) => i.id === otherCustody.id), 'not the other child\'s network');
      const d = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(d.json.network.length, 2);
    });

    it('a custody holder agrees reluctantly: 201 nomination with the agreement', async () => {
      const r = await c.post(w.pA, `/nominations/${n.id}/parent-agreements`, { network_member_id: custody.id, answer: 'agrees_reluctantly', answered_on: today });
      assert.equal(r.status, 201, r.text);
      const a = r.json.parent_agreements.find((p) => p.network_member_id === custody.id);
      assert.ok(a, r.text);
      assert.equal(a.answer, 'agrees_reluctantly');
      assert.equal(a.name, 'Moeder Yasmina');
      assert.equal(a.answered_on, today);
      const l = await c.get(w.pA, `/youths/${y.id}/nominations`);
      assert.equal(l.json.items.find((x) => x.id === n.id).parent_agreements[0].answer, 'agrees_reluctantly');
    });

    it('a member without custody, or of another child, is 422 field network_member_id; an unknown answer 422', async () => {
      assertError(
        await c.post(w.pA, `/nominations/${n.id}/parent-agreements`, { network_member_id: nonCustody.id, answer: 'agrees' }),
        422,
        'validation_failed',
        'network_member_id',
      );
      assertError(
        await c.post(w.pA, `/nominations/${n.id}/parent-agreements`, { network_member_id: otherCustody.id, answer: 'agrees' }),
        422,
        'validation_failed',
        'network_member_id',
      );
      assertError(
        await c.post(w.pA, `/nominations/${n.id}/parent-agreements`, { network_member_id: custody.id, answer: 'whatever' }),
        422,
        'validation_failed',
        'answer',
      );
      const l = await c.get(w.pA, `/youths/${y.id}/nominations`);
      assert.equal(l.json.items.find((x) => x.id === n.id).parent_agreements.length, 1, 'nothing added by the 422s');
      assertError(
        await c.post(w.pB, `/nominations/${n.id}/parent-agreements`, { network_member_id: custody.id, answer: 'refuses' }),
        404,
        'not_found',
      );
    });
  });

  describe('activation and ending', () => {
    let y;
    let first;
    let second;
    let act;
    let jim;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Elif', family_name: 'Activatie' });
      first = await nominate(y.id, 'Oom Mehmet', { relation: 'oom' });
      second = await nominate(y.id, 'Juf Karin', { relation: 'oud-juf' });
      for (const n of [first, second]) {
        const r = await assess(w.pA, n.id, APPROVE);
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.status, 'approved');
      }
    });

    it('activate needs a username (422); another team 404; admin 403', async () => {
      assertError(await c.post(w.pA, `/nominations/${first.id}/activate`, {}), 422, 'validation_failed', 'username');
      assertError(await c.post(w.pB, `/nominations/${first.id}/activate`, { username: 'mehmet.b' }), 404, 'not_found');
      assertError(await c.post(w.admin, `/nominations/${first.id}/activate`, { username: 'mehmet.c' }), 403, 'forbidden');
      assert.equal(await statusOf(y.id, first.id), 'approved');
    });

    it('activate: 201 user (role jim) with invitation and jim', async () => {
      const r = await c.post(w.pA, `/nominations/${first.id}/activate`, { username: `mehmet.${process.pid}` });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.role, 'jim');
      assert.equal(typeof r.json.invitation.token, 'string');
      assert.match(r.json.invitation.expires_at, ISO_UTC);
      assert.ok(Number.isInteger(r.json.jim.id), r.text);
      assert.equal(r.json.jim.youth_id, y.id);
      assert.equal(r.json.jim.name, 'Oom Mehmet');
      assert.equal(r.json.jim.relation, 'oom');
      assert.equal(r.json.jim.user_id, r.json.id);
      assert.equal(r.json.jim.started_on, today);
      act = r.json;
      assert.equal(await statusOf(y.id, first.id), 'active');
    });

    it('the JIM accepts the invitation, logs in; /me shows jim_id and youth_id', async () => {
      jim = await acceptAndSignIn(w.base, act, `mehmet.${process.pid}`);
      const me = await c.get(jim, '/me');
      assert.equal(me.status, 200, me.text);
      assert.equal(me.json.role, 'jim');
      assert.equal(me.json.jim_id, act.jim.id);
      assert.equal(me.json.youth_id, y.id);
    });

    it('the dossier is in phase collaboration and shows the JIM; the search shows jim_name', async () => {
      const d = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(d.json.phase, 'collaboration');
      assert.ok(d.json.jim, d.text);
      assert.equal(d.json.jim.id, act.jim.id);
      assert.equal(d.json.jim.name, 'Oom Mehmet');
      assert.equal(d.json.jim.user_id, act.id);
      const s = await c.get(w.pA, `/youths?q=Activatie`);
      assert.equal(s.json.items.find((i) => i.id === y.id).jim_name, 'Oom Mehmet');
      const sum = await c.get(jim, `/youths/${y.id}/summary`);
      assert.equal(sum.status, 200, sum.text);
      assert.equal(sum.json.jim.id, act.jim.id);
    });

    it('a JIM may not use staff routes (403) nor see another dossier', async () => {
      assertError(await c.get(jim, `/youths/${y.id}`), 403, 'forbidden');
      assertError(await c.get(jim, '/youths'), 403, 'forbidden');
      const other = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Niet', family_name: 'Zijnkind' });
      assertError(await c.get(jim, `/youths/${other.id}/summary`), 404, 'not_found');
    });

    it('a second activation while a JIM is active is 409', async () => {
      assertError(await c.post(w.pA, `/nominations/${second.id}/activate`, { username: `karin.${process.pid}` }), 409, 'conflict');
      assert.equal(await statusOf(y.id, second.id), 'approved');
      assertError(await c.post(w.pA, `/nominations/${first.id}/activate`, { username: `mehmet2.${process.pid}` }), 409, 'conflict');
    });

    it('the phase cannot go back to jim_search by hand while the JIM is active (409 jim_active, nothing stored)', async () => {
      const before = (await c.get(w.pA, `/youths/${y.id}/history`)).json.items.length;
      const r = await c.patch(w.pA, `/youths/${y.id}`, { phase: 'jim_search', change_reason: 'Toch opnieuw zoeken' });
      assertError(r, 409, 'jim_active', 'phase');
      assert.match(r.json.error.message, /active JIM/);
      // aftercare keeps the JIM, and from there too the search reopens only when the JIM ends
      const after = await c.patch(w.pA, `/youths/${y.id}`, { phase: 'aftercare', change_reason: 'Nazorg begint' });
      assert.equal(after.status, 200, after.text);
      assertError(await c.patch(w.pA, `/youths/${y.id}`, { phase: 'jim_search', change_reason: 'Toch opnieuw zoeken' }), 409, 'jim_active', 'phase');
      const back = await c.patch(w.pA, `/youths/${y.id}`, { phase: 'collaboration', change_reason: 'Toch nog geen nazorg' });
      assert.equal(back.status, 200, back.text);
      const d = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(d.json.phase, 'collaboration');
      const history = (await c.get(w.pA, `/youths/${y.id}/history`)).json.items;
      assert.equal(history.length, before + 2, 'only aftercare and back: the refused changes left no line');
      assert.ok(!history.some((h) => h.reason === 'Toch opnieuw zoeken'), JSON.stringify(history));
    });

    it('ending the JIM: bad reason 422; another team 404; dropped_out → 200', async () => {
      assertError(await c.post(w.pA, `/jims/${act.jim.id}/end`, { reason: 'moe' }), 422, 'validation_failed', 'reason');
      assertError(await c.post(w.pB, `/jims/${act.jim.id}/end`, { reason: 'dropped_out' }), 404, 'not_found');
      assert.equal((await c.get(jim, '/me')).status, 200, 'JIM still active after refused ends');
      const r = await c.post(w.pA, `/jims/${act.jim.id}/end`, { reason: 'dropped_out', note: 'Te zwaar naast eigen werk' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id, act.jim.id);
    });

    it('the ended JIM can no longer use the API or log in (401); phase back to jim_search', async () => {
      assertError(await c.get(jim, '/me'), 401);
      assertError(await c.get(jim, `/youths/${y.id}/summary`), 401);
      const l = await login(w.base, jim.username, jim.password);
      assertError(l, 401, 'account_disabled');
      // only with the right password: otherwise as for any wrong one
      assertError(await login(w.base, jim.username, 'Niet-het-wachtwoord-2026'), 401, 'invalid_credentials');
      const d = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(d.json.phase, 'jim_search');
      assert.equal(d.json.jim, null);
      assert.equal(await statusOf(y.id, first.id), 'ended');
      // The history says why, as data a screen can put in its own words.
      const phases = (await c.get(w.pA, `/youths/${y.id}/history`)).json.items.filter((h) => h.field === 'phase');
      // (the rows in between are phase changes a person typed a reason for: no cause)
      assert.deepEqual(phases.map((h) => h.cause).filter(Boolean), [{ code: 'opened' }, { code: 'jim_activated' }, { code: 'jim_ended', value: 'dropped_out' }]);
      assert.ok(phases.filter((h) => !h.cause).every((h) => h.reason && !/JIM|dossier opened/.test(h.reason)), JSON.stringify(phases));
    });

    it('then another approved nomination can be activated', async () => {
      const r = await c.post(w.tA, `/nominations/${second.id}/activate`, { username: `karin.${process.pid}` });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.jim.name, 'Juf Karin');
      const j2 = await acceptAndSignIn(w.base, r.json, `karin.${process.pid}`);
      const me = await c.get(j2, '/me');
      assert.equal(me.json.jim_id, r.json.jim.id);
      assert.equal(me.json.youth_id, y.id);
      const d = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(d.json.phase, 'collaboration');
      assert.equal(d.json.jim.id, r.json.jim.id);
    });
  });
});
