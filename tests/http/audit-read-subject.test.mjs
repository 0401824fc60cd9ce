// The privacy officer's reads of the audit trail name the young person they
// read about: GET /api/v1/audit?youth_id= (the list) and GET
// /api/v1/audit.csv?youth_id= (the export) are audited with that young
// person's youth_id and the filter as the reason, so that they show in the
// young person's "who looked at my file", in the team lead's and the privacy
// officer's view of it and in the complete file's access_log. A filter on a
// young person's own account (user_id, username) reads what they did and
// names them too. A read over many young people (no filter, a staff member,
// a period) names none and shows in no young person's access log; a filter
// on a number kring never gave out is answered as any filter (200, nothing
// found) and audited without a young person, and a refused read on a young
// person names them; a young person of another
// organisation is no different (the privacy officer reads every
// organisation's trail, SECURITY.md G10).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from './harness.mjs';
import { setupDossierWorld, createYouth, client, youthAccount, signIn } from './dossier-fixture.mjs';

describe('the privacy officer\'s reads of the trail about one young person', () => {
  let w;
  let c;
  let y1;
  let y2;
  let self1;
  let self2;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y1 = await createYouth(w.base, w.pA, w.teamA.id);
    y2 = await createYouth(w.base, w.pA, w.teamA.id);
    self1 = await youthAccount(w.base, w.pA, y1.id);
    self2 = await youthAccount(w.base, w.pA, y2.id);
    assert.equal((await c.get(w.pA, `/youths/${y1.id}`)).status, 200);
    assert.equal((await c.get(w.pA, `/youths/${y2.id}`)).status, 200);
  });

  after(async () => {
    if (w) await w.server.stop();
  });

  // The privacy officer's own events in the trail, newest first.
  const poEvents = async () => (await c.get(w.po, `/audit?user_id=${w.po.id}&limit=50`)).json.items;
  // The events of the audit trail in a young person's access log as `who` sees it.
  const trailReads = async (who, youthId, q = '') => {
    const r = await c.get(who, `/youths/${youthId}/access-log${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.filter((e) => e.part === 'audit_log');
  };

  it('the list filtered on a young person is their read: in the trail filtered on them, with the filter', async () => {
    const r = await c.get(w.po, `/audit?youth_id=${y1.id}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length >= 2, r.text.slice(0, 300));
    const ev = (await poEvents()).find((e) => e.object_type === 'audit_log' && e.action === 'read'
      && e.reason === `filter: youth_id=${y1.id}`);
    assert.ok(ev, 'the read is audited with its filter');
    assert.equal(ev.youth_id, y1.id);
    assert.equal(ev.outcome, 'success');
    const about = (await c.get(w.po, `/audit?youth_id=${y1.id}&limit=1000`)).json.items;
    assert.ok(about.some((e) => e.id === ev.id), 'the trail filtered on the young person finds the read');
  });

  it('the young person sees the read and the export in their own access log, others too', async () => {
    assert.equal((await c.get(w.po, `/audit.csv?youth_id=${y1.id}`)).status, 200);
    for (const q of ['', '?others=true']) {
      const mine = await trailReads(self1, y1.id, q);
      assert.ok(mine.some((e) => e.action === 'read'), `the list read (${q}): ${JSON.stringify(mine)}`);
      assert.ok(mine.some((e) => e.action === 'export'), `the export (${q}): ${JSON.stringify(mine)}`);
      for (const e of mine) {
        assert.equal(e.user.role, 'privacy_officer');
        assert.equal(e.user.display_name, 'Pim Privacy');
        assert.equal(e.break_glass, false);
        assert.equal(e.outcome, 'success');
      }
    }
    // the team lead's and the privacy officer's view of the same list, and the complete file
    for (const who of [w.tA, w.po]) {
      assert.ok((await trailReads(who, y1.id)).some((e) => e.action === 'read'), 'in the access log');
    }
    const file = await c.get(w.po, `/youths/${y1.id}/export`);
    assert.equal(file.status, 200, file.text.slice(0, 300));
    assert.ok(file.json.access_log.some((e) => e.part === 'audit_log' && e.action === 'read'), 'in the complete file');
    // the other young person's file was not read about
    assert.deepEqual(await trailReads(self2, y2.id), []);
  });

  it('a read over many young people names none: nothing new in any access log', async () => {
    const before1 = (await trailReads(self1, y1.id)).length;
    const before2 = (await trailReads(self2, y2.id)).length;
    for (const q of ['', `?user_id=${w.pA.id}`, `?username=${w.pA.username}`, '?outcome=denied', '?basis=team&limit=5']) {
      assert.equal((await c.get(w.po, `/audit${q}`)).status, 200, q);
      assert.equal((await c.get(w.po, `/audit.csv${q}`)).status, 200, q);
    }
    assert.equal((await trailReads(self1, y1.id)).length, before1);
    assert.equal((await trailReads(self2, y2.id)).length, before2);
    const reads = (await poEvents()).filter((e) => e.object_type === 'audit_log').slice(0, 10);
    assert.equal(reads.length, 10);
    for (const e of reads) assert.equal(e.youth_id, null, JSON.stringify(e));
    assert.ok(reads.some((e) => e.action === 'read' && e.reason === 'filter: none'), JSON.stringify(reads));
    assert.ok(reads.some((e) => e.action === 'read' && e.reason === `filter: user_id=${w.pA.id}`), JSON.stringify(reads));
  });

  it('a filter on a number kring never gave out finds nothing and is audited naming nobody; so are a refused and a wrong read', async () => {
    const never = 987654321;
    for (const path of ['/audit', '/audit.csv']) {
      const r = await c.get(w.po, `${path}?youth_id=${never}`);
      assert.equal(r.status, 200, r.text);
      if (path === '/audit') assert.deepEqual(r.json.items, []);
    }
    const evs = (await poEvents()).filter((e) => e.reason === `filter: youth_id=${never}`);
    assert.deepEqual(evs.map((e) => [e.action, e.youth_id, e.outcome]).sort(),
      [['export', null, 'success'], ['read', null, 'success']]);
    // wrong (a limit of 0): audited naming nobody; refused (a professional): naming the young person
    assert.equal((await c.get(w.pA, `/audit?youth_id=${y1.id}`)).status, 403);
    assert.equal((await c.get(w.po, `/audit?youth_id=${y1.id}&limit=0`)).status, 422);
    const wrong = (await poEvents()).find((e) => e.object_type === 'audit_log' && e.outcome === 'error');
    assert.ok(wrong, 'the 422 is in the trail');
    assert.equal(wrong.youth_id, null);
    const denied = (await c.get(w.po, `/audit?user_id=${w.pA.id}&outcome=denied&limit=5`)).json.items
      .find((e) => e.object_type === 'audit_log');
    assert.ok(denied, 'the refusal is in the trail');
    assert.equal(denied.youth_id, y1.id, 'the attempt was about y1 (tests/http/audit-subject-gaps.test.mjs)');
  });

  it('a young person of another organisation is read about and named like any other', async () => {
    const u = `${process.pid % 100000}x${Date.now() % 100000}`;
    const post = async (p, body) => {
      const r = await c.post(w.admin, p, body);
      assert.equal(r.status, 201, r.text);
      return r.json;
    };
    const org = await post('/organisations', { name: `Jeugdteam Zuid ${u}` });
    const team = await post('/teams', { name: `Team Z ${u}`, organisation_id: org.id });
    const pz = await signIn(w.base, await createUser(w.server, w.admin.token, {
      username: `pz.${u}`, role: 'professional', display_name: 'Zeno Zuid', organisation_id: org.id, team_ids: [team.id],
    }));
    const yz = await createYouth(w.base, pz, team.id);
    const r = await c.get(w.po, `/audit?youth_id=${yz.id}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((e) => e.action === 'create'), 'the file\'s creation');
    const ev = (await poEvents()).find((e) => e.reason === `filter: youth_id=${yz.id}`);
    assert.equal(ev.youth_id, yz.id);
    assert.ok((await trailReads(w.po, yz.id)).some((e) => e.action === 'read'));
  });


  it('a filter on a young person\'s own account reads what they did: that young person is named', async () => {
    const before1 = (await trailReads(self1, y1.id)).filter((e) => e.action === 'read').length;
    for (const q of [`?user_id=${self1.id}`, `?username=${encodeURIComponent(self1.username.toUpperCase())}`]) {
      const r = await c.get(w.po, `/audit${q}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((e) => e.user_id === self1.id), 'the young person\'s own events');
      const ev = (await poEvents()).find((e) => e.object_type === 'audit_log' && e.reason === `filter: ${q.slice(1)}`.replace(/%[0-9A-F]{2}/g, decodeURIComponent));
      assert.ok(ev, `the read of ${q}`);
      assert.equal(ev.youth_id, y1.id, q);
    }
    assert.equal((await trailReads(self1, y1.id)).filter((e) => e.action === 'read').length, before1 + 2);
    // filtered on one young person's file and another's account: both are read about
    const q = `?youth_id=${y2.id}&user_id=${self1.id}`;
    assert.equal((await c.get(w.po, `/audit.csv${q}`)).status, 200);
    const both = (await poEvents()).filter((e) => e.reason === `filter: youth_id=${y2.id} user_id=${self1.id}`);
    assert.deepEqual(both.map((e) => e.youth_id).sort(), [y1.id, y2.id].sort());
    assert.ok((await trailReads(self2, y2.id)).some((e) => e.action === 'export'));
    assert.ok((await trailReads(self1, y1.id)).some((e) => e.action === 'export' && e.at === both[0].at));
  });
});
