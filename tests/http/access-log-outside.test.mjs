// Someone outside a young person's circle who tries to open their file: a
// young person's or a JIM's account of another file. The try is refused and
// audited, and it shows up in the file's access log, but it names nobody to
// the young person, to their team lead or in the young person's copy of
// their file (GET /youths/{id}/export): naming them would tell that someone
// else has a file or a JIM in kring. Only the privacy officer is told who.
// A professional of another team is still named (a professional's access is
// what the log is for), and so are the young person's own JIM and the
// young person themselves.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, client, youthWithJim, youthAccount } from './dossier-fixture.mjs';

describe('the access log and tries from outside the young person\'s circle', () => {
  let w;
  let c;
  let y; // Noor with JIM Oom Kees, team A
  let other; // Fleurine with JIM Tante Wilhelmina, team A
  let self; // Noor's own account
  let otherSelf; // Fleurine's own account
  const OUTSIDERS = ['Fleurine', 'Wilhelmina'];

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Oom Kees', youth: { given_name: 'Noor' } });
    other = await youthWithJim(w.base, w.pA, w.teamA.id, { name: 'Tante Wilhelmina', youth: { given_name: 'Fleurine' } });
    self = await youthAccount(w.base, w.pA, y.youth.id);
    otherSelf = await youthAccount(w.base, w.pA, other.youth.id);

    // The tries: each refused, none sees anything.
    for (const who of [otherSelf, other.jim, w.pB]) {
      const r = await c.get(who, `/youths/${y.youth.id}`);
      assert.ok(r.status === 403 || r.status === 404, `${who.username}: ${r.status} ${r.text}`);
      assert.ok(!/Noor/.test(r.text), 'nothing of the file in the refusal');
    }
    // Noor's own JIM, refused a part he may not read (the access log).
    const own = await c.get(y.jim, `/youths/${y.youth.id}/access-log`);
    assert.equal(own.status, 403, own.text);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const log = async (who) => {
    const r = await c.get(who, `/youths/${y.youth.id}/access-log`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const refusedBy = (items, id) => items.filter((e) => e.outcome === 'denied' && e.user && e.user.id === id);

  for (const [reader, pick] of [['the young person', () => self], ['the team lead', () => w.tA]]) {
    it(`names nobody outside the circle to ${reader}`, async () => {
      const items = await log(pick());
      const hidden = items.filter((e) => e.outside_circle);
      assert.ok(hidden.length >= 2, `the two tries are there: ${JSON.stringify(items.slice(0, 8))}`);
      for (const e of hidden) {
        assert.equal(e.outcome, 'denied');
        assert.deepEqual(e.user, { id: null, display_name: null, role: null, organisation: null }, JSON.stringify(e));
      }
      const text = JSON.stringify(items);
      for (const name of OUTSIDERS) assert.ok(!text.includes(name), `${name} is not named: ${text.slice(0, 400)}`);
      assert.equal(refusedBy(items, otherSelf.id).length, 0);
      assert.equal(refusedBy(items, other.jim.id).length, 0);
      for (const e of items.filter((x) => !x.outside_circle)) assert.equal(e.outside_circle, false);
    });
  }

  it('still names a professional of another team, and the young person\'s own JIM', async () => {
    const items = await log(self);
    const pro = refusedBy(items, w.pB.id);
    assert.ok(pro.length >= 1, JSON.stringify(items.slice(0, 8)));
    assert.equal(pro[0].outside_circle, false);
    assert.equal(pro[0].user.role, 'professional');
    const jim = refusedBy(items, y.jim.id);
    assert.ok(jim.length >= 1, 'the own JIM\'s refused try is named');
    assert.equal(jim[0].user.display_name, 'Oom Kees');
    assert.equal(jim[0].outside_circle, false);
  });

  it('tells the privacy officer who tried', async () => {
    const items = await log(w.po);
    for (const [who, role] of [[otherSelf, 'youth'], [other.jim, 'jim']]) {
      const tries = refusedBy(items, who.id);
      assert.ok(tries.length >= 1, `${who.username} named: ${JSON.stringify(items.slice(0, 8))}`);
      assert.equal(tries[0].outside_circle, true);
      assert.equal(tries[0].user.role, role);
    }
    assert.ok(JSON.stringify(items).includes('Wilhelmina'));
  });

  for (const [reader, pick] of [['the young person\'s own copy', () => self], ['the privacy officer\'s export', () => w.po]]) {
    it(`${reader} of the file names nobody outside the circle`, async () => {
      const r = await c.get(pick(), `/youths/${y.youth.id}/export`);
      assert.equal(r.status, 200, r.text);
      const hidden = r.json.access_log.filter((e) => e.outside_circle === true);
      assert.ok(hidden.length >= 2, JSON.stringify(r.json.access_log.slice(0, 8)));
      for (const e of hidden) {
        assert.equal(e.user_id, null);
        assert.equal(e.display_name, null);
        assert.equal(e.role, null);
        assert.equal(e.organisation, null);
      }
      for (const name of OUTSIDERS) assert.ok(!r.text.includes(name), `${name} is not named`);
      assert.ok(!r.json.access_log.some((e) => e.user_id === otherSelf.id || e.user_id === other.jim.id));
      assert.ok(r.json.access_log.some((e) => e.user_id === w.pB.id && e.outside_circle === false), 'the professional stays');
    });
  }
});
