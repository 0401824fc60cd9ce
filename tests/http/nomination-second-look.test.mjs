// The teamlead's second look on a declined candidate JIM (DESIGN.md rule 2),
// as the team meets it: the people in an assessment are {id, display_name};
// a nomination carries its whole assessment history, so a decline that was
// sent back stays visible with who sent it back, when and why; the worklist
// of declines waiting for a second look is paged like the youth list, leaves
// out young people whose trajectory is closed unless asked, is oldest first,
// and audits exactly the young people on the page it answers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, createYouth, APPROVE } from './dossier-fixture.mjs';

const DECLINE = { ...APPROVE, willing_to_cooperate: false, decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' };
const RETURN = 'Eerst zelf met de kandidaat praten';

describe('the second look on a declined candidate JIM', () => {
  let w;
  let c;
  let anna; // {id, display_name} of the professional who assesses
  let ties; // {id, display_name} of the teamlead who looks a second time

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    anna = { id: w.pA.id, display_name: 'Anna Professional' };
    ties = { id: w.tA.id, display_name: 'Ties Teamlead' };
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const nominate = async (youthId, name) => {
    const r = await c.post(w.pA, `/youths/${youthId}/nominations`, { name, relation: 'oom' });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const decline = async (nid) => {
    const r = await c.post(w.pA, `/nominations/${nid}/assessment`, DECLINE);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'decline_pending');
    return r.json;
  };
  const nominationOf = async (youthId, nid) =>
    (await c.get(w.pA, `/youths/${youthId}/nominations`)).json.items.find((n) => n.id === nid);
  const pending = (query = '') => c.get(w.tA, `/nominations?status=decline_pending${query}`);

  describe('the people in an assessment, and its history', () => {
    let y;
    let n;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Noor', family_name: 'Geschiedenis' });
      n = await nominate(y.id, 'Oom Karel');
    });

    it('decline_returned_by, assessed_by and decline_confirmed_by are {id, display_name}', async () => {
      const declined = await decline(n.id);
      assert.deepEqual(declined.assessment.assessed_by, anna);
      assert.equal(declined.assessment.decline_returned_by, null);
      assert.equal(declined.assessment.decline_confirmed_by, null);
      const r = await c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason: RETURN });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.assessment.decline_returned_by, ties);
      assert.deepEqual(r.json.assessment.assessed_by, anna);
      const listed = await nominationOf(y.id, n.id);
      assert.deepEqual(listed.assessment.decline_returned_by, ties, 'the same shape in the list');
      // a confirmed decline names the teamlead who confirmed it the same way
      const other = await nominate(y.id, 'Buurman Frits');
      await decline(other.id);
      const cf = await c.post(w.tA, `/nominations/${other.id}/confirm-decline`, {});
      assert.equal(cf.status, 200, cf.text);
      assert.deepEqual(cf.json.assessment.decline_confirmed_by, ties);
      assert.equal(cf.json.assessment.decline_returned_by, null);
    });

    it('the nomination keeps every assessment, oldest first: the decline that was sent back, with who, when and why', async () => {
      const again = await c.post(w.pA, `/nominations/${n.id}/assessment`, { ...APPROVE, willing_to_cooperate: null, decision: 'discuss' });
      assert.equal(again.status, 201, again.text);
      for (const got of [again.json, await nominationOf(y.id, n.id)]) {
        assert.ok(Array.isArray(got.assessments), JSON.stringify(got));
        assert.equal(got.assessments.length, 2, JSON.stringify(got.assessments));
        const [first, latest] = got.assessments;
        assert.equal(first.decision, 'decline');
        assert.equal(first.reason, DECLINE.reason);
        assert.equal(first.willing_to_cooperate, false);
        assert.equal(first.adult, true);
        assert.deepEqual(first.assessed_by, anna);
        assert.match(first.assessed_at, ISO_UTC);
        assert.deepEqual(first.decline_returned_by, ties);
        assert.match(first.decline_returned_at, ISO_UTC);
        assert.equal(first.decline_return_reason, RETURN);
        assert.equal(first.decline_confirmed_by, null);
        assert.equal(latest.decision, 'discuss');
        assert.equal(latest.willing_to_cooperate, null);
        assert.equal(latest.decline_returned_by, null);
        assert.ok(first.id < latest.id);
        assert.deepEqual(got.assessment, latest, 'assessment is the latest of the history');
        assert.ok(!('ever_unsafe' in got), 'kring\'s own check is not in the answer');
        assert.ok(!('assessed_by_name' in first) && !('decline_returned_by_name' in first));
      }
      const fresh = await nominate(y.id, 'Tante Mies');
      assert.deepEqual(fresh.assessments, []);
      assert.equal(fresh.assessment, null);
    });

    it('an unsafe answer in an earlier assessment still stops an approval', async () => {
      const m = await nominate(y.id, 'Vader Kees');
      const first = await c.post(w.pA, `/nominations/${m.id}/assessment`, { ...APPROVE, is_parent: true, willing_to_cooperate: null, decision: 'discuss' });
      assert.equal(first.status, 201, first.text);
      const second = await c.post(w.pA, `/nominations/${m.id}/assessment`, { ...APPROVE, willing_to_cooperate: null, decision: 'discuss' });
      assert.equal(second.status, 201, second.text);
      assert.equal(second.json.assessments.length, 2);
      assertError(await c.post(w.pA, `/nominations/${m.id}/assessment`, { ...APPROVE, reason: 'Toch de beste keuze voor Noor' }), 422,
        'validation_failed', 'decision');
    });
  });

  describe('a decline waiting for the second look cannot be assessed again meanwhile', () => {
    let y;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Ilse', family_name: 'Wachtrij' });
    });

    it('409 second_look_pending for every decision and anyone of the team; once sent back it can', async () => {
      const n = await nominate(y.id, 'Buurvrouw Els');
      await decline(n.id);
      for (const [who, body] of [
        [w.pA, { ...APPROVE, willing_to_cooperate: null, decision: 'discuss' }],
        [w.pA, { ...APPROVE }],
        [w.tA, DECLINE],
      ]) {
        const r = await c.post(who, `/nominations/${n.id}/assessment`, body);
        assertError(r, 409, 'second_look_pending');
        assert.match(r.json.error.message, /second look/);
      }
      // nothing was added: the decline waits, alone, for its second look
      const still = await nominationOf(y.id, n.id);
      assert.equal(still.status, 'decline_pending');
      assert.equal(still.assessments.length, 1);
      assert.equal((await pending()).json.items.filter((x) => x.id === n.id).length, 1, 'still on the worklist');
      // a wrong body is still a 422 first (the body is checked before the state)
      assertError(await c.post(w.pA, `/nominations/${n.id}/assessment`, { ...APPROVE, decision: 'maybe' }), 422, 'validation_failed', 'decision');
      // sent back, the candidate is open for a new assessment
      assert.equal((await c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason: RETURN })).status, 200);
      const again = await c.post(w.pA, `/nominations/${n.id}/assessment`, { ...APPROVE, willing_to_cooperate: null, decision: 'discuss' });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.json.assessments.length, 2);
      assert.ok(again.json.assessments[0].decline_returned_at, 'the decline has its second look');
    });
  });

  describe('the reason to send a decline back counts characters as the web page does (code points)', () => {
    // U+1F331 takes two UTF-16 units (what maxlength and String.length count) and four UTF-8 bytes
    const SPROUT = '\u{1F331}';
    let y;
    before(async () => {
      y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Lena', family_name: 'Tekens' });
    });

    it('1000 characters outside the BMP pass, 1001 do not; 10 pass the minimum, 9 do not', async () => {
      const n = await nominate(y.id, 'Tante Emoji');
      await decline(n.id);
      const send = (reason) => c.post(w.tA, `/nominations/${n.id}/return-decline`, { reason });
      assertError(await send(SPROUT.repeat(1001)), 422, 'validation_failed', 'reason');
      assertError(await send(SPROUT.repeat(9)), 422, 'validation_failed', 'reason');
      const r = await send(SPROUT.repeat(1000));
      assert.equal(r.status, 200, r.text.slice(0, 300));
      assert.equal(r.json.assessment.decline_return_reason, SPROUT.repeat(1000));
      const m = await nominate(y.id, 'Oom Kort');
      await decline(m.id);
      const short = await c.post(w.tA, `/nominations/${m.id}/return-decline`, { reason: SPROUT.repeat(10) });
      assert.equal(short.status, 200, short.text);
    });
  });

  describe('the worklist: paged, oldest first, closed trajectories left out, each young person on the page audited', () => {
    const youths = [];
    const noms = [];
    before(async () => {
      // the worklist of this world's team A starts empty: a confirmed and a
      // sent-back decline above are off it
      assert.equal((await pending()).json.items.length, 0, 'nothing else waits in this world');
      for (const [given, family] of [['Aya', 'Eerste'], ['Bo', 'Tweede'], ['Cas', 'Derde']]) {
        const y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: given, family_name: family });
        const n = await nominate(y.id, `Kandidaat van ${given}`);
        await decline(n.id);
        youths.push(y);
        noms.push(n);
      }
    });

    it('answers page, per_page and total; per_page sets the page size; oldest first', async () => {
      const all = await pending();
      assert.equal(all.status, 200, all.text);
      assert.equal(all.json.page, 1);
      assert.equal(all.json.per_page, 25);
      assert.equal(all.json.total, 3);
      assert.deepEqual(all.json.items.map((i) => i.id), noms.map((n) => n.id), 'oldest first');
      assert.ok(all.json.items.every((i) => !('total' in i)), 'the count is not on the items');
      const p1 = await pending('&per_page=2');
      assert.deepEqual([p1.json.page, p1.json.per_page, p1.json.total], [1, 2, 3]);
      assert.deepEqual(p1.json.items.map((i) => i.id), [noms[0].id, noms[1].id]);
      const p2 = await pending('&per_page=2&page=2');
      assert.deepEqual([p2.json.page, p2.json.per_page, p2.json.total], [2, 2, 3]);
      assert.deepEqual(p2.json.items.map((i) => i.id), [noms[2].id]);
      const past = await pending('&per_page=2&page=5');
      assert.equal(past.status, 200, past.text);
      assert.deepEqual(past.json.items, []);
      assert.equal(past.json.total, 3, 'a page past the end still counts them all');
      for (const [q, field] of [['&per_page=0', 'per_page'], ['&per_page=101', 'per_page'], ['&page=0', 'page'], ['&page=twee', 'page']])
        assertError(await pending(q), 422, 'validation_failed', field);
    });

    it('leaves out a young person whose trajectory is closed, unless include_closed=true', async () => {
      const closed = await c.patch(w.pA, `/youths/${youths[1].id}`, { phase: 'closed', end_reason: 'planned', change_reason: 'Traject afgerond' });
      assert.equal(closed.status, 200, closed.text);
      assert.equal(closed.json.phase, 'closed');
      const open = await pending();
      assert.deepEqual(open.json.items.map((i) => i.id), [noms[0].id, noms[2].id]);
      assert.equal(open.json.total, 2);
      assert.equal((await pending('&include_closed=false')).json.total, 2);
      const paged = await pending('&per_page=1&page=2');
      assert.deepEqual(paged.json.items.map((i) => i.id), [noms[2].id], 'paging counts without the closed one');
      const withClosed = await pending('&include_closed=true');
      assert.deepEqual(withClosed.json.items.map((i) => i.id), noms.map((n) => n.id));
      assert.equal(withClosed.json.total, 3);
      assertError(await pending('&include_closed=yes'), 422, 'validation_failed', 'include_closed');
    });

    it('audits a read of each young person on the answered page, and of no one else', async () => {
      const newest = async () => (await c.get(w.po, `/audit?user_id=${w.tA.id}&limit=1`)).json.items[0].id;
      // the request's own event, and one per young person the answer names
      const eventsAfter = async (id) => {
        const got = (await c.get(w.po, `/audit?user_id=${w.tA.id}&limit=1000`)).json.items.filter((e) => e.id > id);
        assert.equal(got.filter((e) => e.youth_id == null).length, 1, JSON.stringify(got));
        return got.filter((e) => e.youth_id != null);
      };
      let mark = await newest();
      const page2 = await pending('&per_page=1&page=2');
      assert.deepEqual(page2.json.items.map((i) => i.youth_id), [youths[2].id]);
      let events = await eventsAfter(mark);
      assert.ok(events.every((e) => e.action === 'read' && e.object_type === 'nomination' && e.outcome === 'success'), JSON.stringify(events));
      assert.deepEqual(events.map((e) => e.youth_id), [youths[2].id], 'one event, for the young person on the page');
      mark = await newest();
      const all = await pending();
      assert.equal(all.json.items.length, 2);
      events = await eventsAfter(mark);
      assert.deepEqual(events.map((e) => e.youth_id).sort((a, b) => a - b), [youths[0].id, youths[2].id].sort((a, b) => a - b),
        'each young person on the page, not the closed one left out');
      mark = await newest();
      await pending('&include_closed=true');
      events = await eventsAfter(mark);
      assert.deepEqual(events.map((e) => e.youth_id).sort((a, b) => a - b), youths.map((y) => y.id).sort((a, b) => a - b));
    });
  });
});
