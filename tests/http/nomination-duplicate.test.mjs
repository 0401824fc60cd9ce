// The same person nominated twice (POST /api/v1/youths/{id}/nominations):
// while a nomination of that person still stands for the young person
// (open, approved, waiting for the second look at a decline, or active as
// the JIM), another is 409 already_nominated at the field `name`, however
// the name is typed (case, accents, spaces), and nothing is stored. A
// declined or ended nomination does not stand in the way; another young
// person's nomination of the same person does not either.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './harness.mjs';
import { setupDossierWorld, client, createYouth, makeJim, APPROVE } from './dossier-fixture.mjs';

describe('a person nominated twice for the same young person', () => {
  let w;
  let c;
  let y;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Noor', family_name: 'Dubbel' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const nominate = (youthId, name, relation = 'tante') => c.post(w.pA, `/youths/${youthId}/nominations`, { name, relation });
  const nominations = async (youthId) => {
    const r = await c.get(w.pA, `/youths/${youthId}/nominations`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const refused = async (youthId, name, relation) => {
    const before = await nominations(youthId);
    const e = assertError(await nominate(youthId, name, relation), 409, 'already_nominated', 'name');
    assert.match(e.message, /already nominated/);
    assert.deepEqual(await nominations(youthId), before, `nothing stored for ${name}`);
  };

  it('an open nomination: the same name again is 409 already_nominated at name, however typed', async () => {
    const first = await nominate(y.id, 'Tante Els');
    assert.equal(first.status, 201, first.text);
    await refused(y.id, 'Tante Els', 'tante');
    await refused(y.id, 'tante  ELS ', 'tante');
    await refused(y.id, 'Tänte Éls', 'tante');
    await refused(y.id, 'Tante Els', 'buurvrouw');
    const other = await nominate(y.id, 'Tante Elsa');
    assert.equal(other.status, 201, 'another name is another person: ' + other.text);
  });

  it('the refusal is in the audit trail, on the young person', async () => {
    const a = await c.get(w.po, `/audit?user_id=${w.pA.id}&limit=1000`);
    assert.equal(a.status, 200, a.text);
    assert.ok(a.json.items.some((e) => e.action === 'create' && e.object_type === 'nomination' && e.youth_id === y.id && e.outcome !== 'success'),
      JSON.stringify(a.json.items.slice(0, 3)));
  });

  it('another young person may nominate the same person', async () => {
    const other = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sem', family_name: 'Dubbel' });
    const r = await nominate(other.id, 'Tante Els');
    assert.equal(r.status, 201, r.text);
  });

  it('approved and waiting for the second look still stand; a confirmed decline does not', async () => {
    const approved = await nominate(y.id, 'Buurman Henk', 'buurman');
    assert.equal(approved.status, 201, approved.text);
    const a = await c.post(w.pA, `/nominations/${approved.json.id}/assessment`, APPROVE);
    assert.equal(a.json.status, 'approved', a.text);
    await refused(y.id, 'Buurman Henk', 'buurman');

    const n = await nominate(y.id, 'Oom Joost', 'oom');
    assert.equal(n.status, 201, n.text);
    const d = await c.post(w.pA, `/nominations/${n.json.id}/assessment`,
      { ...APPROVE, willing_to_cooperate: false, decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' });
    assert.equal(d.json.status, 'decline_pending', d.text);
    await refused(y.id, 'Oom Joost', 'oom');
    const cf = await c.post(w.tA, `/nominations/${n.json.id}/confirm-decline`, {});
    assert.equal(cf.json.status, 'declined', cf.text);
    const again = await nominate(y.id, 'Oom Joost', 'oom');
    assert.equal(again.status, 201, 'after a decline the person may be nominated again: ' + again.text);
    assert.equal(again.json.status, 'open');
  });

  it('the active JIM stands; once the JIM has ended, the person may be nominated again', async () => {
    const z = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Lotte', family_name: 'Dubbel' });
    const made = await makeJim(w.base, w.pA, z.id, 'Oom Kees');
    await refused(z.id, 'oom kees', 'oom');
    const end = await c.post(w.pA, `/jims/${made.activation.jim.id}/end`, { reason: 'dropped_out' });
    assert.equal(end.status, 200, end.text);
    assert.equal((await nominations(z.id)).find((x) => x.id === made.nomination.id).status, 'ended');
    const again = await nominate(z.id, 'Oom Kees', 'oom');
    assert.equal(again.status, 201, again.text);
  });
});
