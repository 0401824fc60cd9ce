// Two reads of the audit trail that named no young person, and whom they
// are about:
// - a caller who may not read the trail (a professional, a JIM) asking for
//   GET /api/v1/audit(.csv)?youth_id=X: the refusal is audited as denied
//   with youth_id X when kring gave X out, so that the young person's own
//   "who looked at my file" and the trail filtered on X show the attempt;
//   the refused caller gets the same answer for an existing and a
//   non-existing X (and for no X at all).
// - the privacy officer's filter on a JIM's account (user_id or username):
//   what the JIM did is about the one young person they are or were JIM
//   for, so the read names that young person; a filter on an account that
//   is JIM for nobody names nobody.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setupDossierWorld, createYouth, client, youthAccount, youthWithJim } from './dossier-fixture.mjs';

describe('whom a refused read of the trail and a filter on a JIM\'s account are about', () => {
  let w;
  let c;
  let y1;
  let self1;
  let withJim;
  let self2;
  const never = 987654321;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y1 = await createYouth(w.base, w.pA, w.teamA.id);
    self1 = await youthAccount(w.base, w.pA, y1.id);
    withJim = await youthWithJim(w.base, w.pA, w.teamA.id);
    self2 = await youthAccount(w.base, w.pA, withJim.youth.id);
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  // The newest events of `who` on the audit trail itself, as the privacy officer finds them.
  const trailEventsOf = async (who, q = '') => {
    const r = await c.get(w.po, `/audit?user_id=${who.id}&limit=100${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.filter((e) => e.object_type === 'audit_log');
  };
  const accessLog = async (who, youthId) => {
    const r = await c.get(who, `/youths/${youthId}/access-log`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  it('a professional\'s refused read of the trail on a young person names them; the answer does not tell', async () => {
    const answers = [];
    for (const path of ['/audit', '/audit.csv']) {
      for (const q of [`?youth_id=${y1.id}`, `?youth_id=${never}`, '?youth_id=abc', '']) {
        const r = await c.get(w.pA, path + q);
        answers.push([path, q, r.status, r.text]);
      }
    }
    for (const [path, q, status, text] of answers) {
      assert.equal(status, 403, `${path}${q}`);
      assert.equal(text, answers[0][3], `the same answer for ${path}${q}`);
    }
    const denied = await trailEventsOf(w.pA, '&outcome=denied');
    assert.equal(denied.length, 8, JSON.stringify(denied));
    // newest first: csv '', abc, never, y1; then the list's
    const named = denied.map((e) => [e.action, e.youth_id]);
    assert.deepEqual(named, [['export', null], ['export', null], ['export', null], ['export', y1.id],
      ['read', null], ['read', null], ['read', null], ['read', y1.id]]);
    for (const e of denied) {
      assert.equal(e.outcome, 'denied');
      assert.equal(e.role, 'professional');
    }
  });

  it('the refused attempt shows in the young person\'s own access log and in the trail filtered on them', async () => {
    const mine = (await accessLog(self1, y1.id)).filter((e) => e.part === 'audit_log' && e.outcome === 'denied');
    assert.deepEqual(mine.map((e) => e.action).sort(), ['export', 'read']);
    for (const e of mine) {
      assert.equal(e.user.display_name, 'Anna Professional');
      assert.equal(e.user.role, 'professional');
      assert.equal(e.break_glass, false);
    }
    const about = (await c.get(w.po, `/audit?youth_id=${y1.id}&outcome=denied`)).json.items;
    assert.equal(about.filter((e) => e.object_type === 'audit_log' && e.user_id === w.pA.id).length, 2);
  });

  it('a JIM refused the trail on their young person is named with them too', async () => {
    const r = await c.get(withJim.jim, `/audit?youth_id=${withJim.youth.id}`);
    assert.equal(r.status, 403);
    const [ev] = await trailEventsOf(withJim.jim, '&outcome=denied');
    assert.equal(ev.youth_id, withJim.youth.id);
    assert.ok((await accessLog(self2, withJim.youth.id)).some((e) => e.part === 'audit_log' && e.outcome === 'denied'
      && e.user.role === 'jim'));
  });

  it('the privacy officer\'s filter on a JIM\'s account names the young person they are JIM for', async () => {
    const jim = withJim.jim;
    const y = withJim.youth.id;
    const before = (await accessLog(self2, y)).filter((e) => e.part === 'audit_log' && e.user.role === 'privacy_officer').length;
    for (const q of [`user_id=${jim.id}`, `username=${jim.username.toUpperCase()}`]) {
      const r = await c.get(w.po, `/audit?${q}`);
      assert.equal(r.status, 200, r.text);
      assert.equal((await c.get(w.po, `/audit.csv?${q}`)).status, 200);
      const evs = (await trailEventsOf(w.po)).filter((e) => e.reason === `filter: ${q}`);
      assert.deepEqual(evs.map((e) => [e.action, e.youth_id]), [['export', y], ['read', y]], q);
    }
    const after = (await accessLog(self2, y)).filter((e) => e.part === 'audit_log' && e.user.role === 'privacy_officer');
    assert.equal(after.length, before + 4);
    // with a youth_id filter on another young person: both are read about
    assert.equal((await c.get(w.po, `/audit?youth_id=${y1.id}&user_id=${jim.id}`)).status, 200);
    const both = (await trailEventsOf(w.po)).filter((e) => e.reason === `filter: youth_id=${y1.id} user_id=${jim.id}`);
    assert.deepEqual(both.map((e) => e.youth_id).sort(), [y1.id, y].sort());
  });

  it('once the JIM\'s period ended the filter still names that young person; a staff account names nobody', async () => {
    const end = await c.post(w.pA, `/jims/${withJim.jimId}/end`, { reason: 'dropped_out' });
    assert.equal(end.status, 200, end.text);
    assert.equal((await c.get(w.po, `/audit?user_id=${withJim.jim.id}&limit=7`)).status, 200);
    const [ev] = (await trailEventsOf(w.po)).filter((e) => e.reason === `filter: user_id=${withJim.jim.id} limit=7`);
    assert.equal(ev.youth_id, withJim.youth.id);
    assert.equal((await c.get(w.po, `/audit?username=${w.tA.username}`)).status, 200);
    const [staff] = (await trailEventsOf(w.po)).filter((e) => e.reason === `filter: username=${w.tA.username}`);
    assert.equal(staff.youth_id, null);
  });
});
