// Access to a dossier: relation checks (404 for another team, the same answer
// as for an unknown id), role checks (403 for admin/researcher), the denied
// access in the audit trail; PATCH with change reasons and the history;
// closing; the young person's own account.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC, dbQuery } from './harness.mjs';
import { setupDossierWorld, client, createYouth, todayAmsterdam, addDays, youthAccount } from './dossier-fixture.mjs';

describe('dossier: access, PATCH and history', () => {
  let w;
  let c;
  let y; // team A dossier
  const today = todayAmsterdam();

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Mila', family_name: 'Toegangstest', started_on: addDays(today, -30) });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const UNKNOWN = 9876543;
  const subGets = (id) => [
    `/youths/${id}`,
    `/youths/${id}/history`,
    `/youths/${id}/summary`,
    `/youths/${id}/network`,
    `/youths/${id}/nominations`,
    `/youths/${id}/consents`,
    `/youths/${id}/plan`,
    `/youths/${id}/journal`,
  ];

  it('team members (professional and teamlead) can read the dossier with access "team"', async () => {
    for (const who of [w.pA, w.tA]) {
      const r = await c.get(who, `/youths/${y.id}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id, y.id);
      assert.equal(r.json.access, 'team');
      assert.equal(r.json.access_expires_at, null);
    }
  });

  it('a professional and a teamlead of another team get 404 on GET of the dossier and every sub-resource', async () => {
    for (const who of [w.pB, w.tB]) {
      for (const p of subGets(y.id)) assertError(await c.get(who, p), 404, 'not_found');
    }
  });

  it('another team gets 404 on PATCH and on the write sub-resources, and nothing changes', async () => {
    assertError(await c.patch(w.pB, `/youths/${y.id}`, { municipality: 'Zwolle' }), 404, 'not_found');
    assertError(await c.patch(w.pB, `/youths/${y.id}`, { legal_frame: 'ots', change_reason: 'rechter' }), 404, 'not_found');
    assertError(await c.post(w.pB, `/youths/${y.id}/network`, { name: 'Tante Els', relation: 'tante', has_custody: false }), 404, 'not_found');
    assertError(await c.post(w.pB, `/youths/${y.id}/nominations`, { name: 'Tante Els', relation: 'tante' }), 404, 'not_found');
    assertError(await c.post(w.pB, `/youths/${y.id}/goals`, { title: 'Naar school', author_kind: 'youth' }), 404, 'not_found');
    assertError(
      await c.post(w.pB, `/youths/${y.id}/journal`, { occurred_on: today, kind: 'note', text: 'x', shared: false }),
      404,
      'not_found',
    );
    assertError(await c.post(w.pB, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'youth' }), 404, 'not_found');
    assertError(await c.post(w.pB, `/youths/${y.id}/account`, { username: 'stiekem.account' }), 404, 'not_found');
    const g = await c.get(w.pA, `/youths/${y.id}`);
    assert.equal(g.json.municipality, y.municipality, 'municipality unchanged');
    assert.equal(g.json.legal_frame, 'voluntary');
    assert.deepEqual(g.json.network, [], 'no network member added');
    const n = await c.get(w.pA, `/youths/${y.id}/nominations`);
    assert.deepEqual(n.json.items, [], 'no nomination added');
  });

  it('an unknown id gives 404 with the same body as an existing dossier of another team', async () => {
    for (const [pOther, pUnknown] of subGets(y.id).map((p, i) => [p, subGets(UNKNOWN)[i]])) {
      const other = await c.get(w.pB, pOther);
      const unknown = await c.get(w.pB, pUnknown);
      assertError(unknown, 404, 'not_found');
      assert.equal(other.status, unknown.status);
      assert.deepEqual(other.json, unknown.json, `${pOther} vs ${pUnknown}: bodies differ`);
    }
    const po = await c.patch(w.pB, `/youths/${y.id}`, { municipality: 'Zwolle' });
    const pu = await c.patch(w.pB, `/youths/${UNKNOWN}`, { municipality: 'Zwolle' });
    assertError(pu, 404, 'not_found');
    assert.deepEqual(po.json, pu.json);
    // And the team member gets the same 404 for an unknown id.
    assertError(await c.get(w.pA, `/youths/${UNKNOWN}`), 404, 'not_found');
  });

  it('admin, researcher and privacy officer get 403 forbidden (role) on /youths routes', async () => {
    for (const who of [w.admin, w.rs, w.po]) {
      assertError(await c.get(who, `/youths/${y.id}`), 403, 'forbidden');
      assertError(await c.patch(who, `/youths/${y.id}`, { municipality: 'Zwolle' }), 403, 'forbidden');
      assertError(await c.get(who, `/youths/${y.id}/history`), 403, 'forbidden');
      assertError(await c.get(who, `/youths/${y.id}/network`), 403, 'forbidden');
      assertError(await c.get(who, `/youths/${y.id}/nominations`), 403, 'forbidden');
      assertError(await c.get(who, `/youths/${UNKNOWN}`), 403, 'forbidden');
    }
  });

  it('without a session: 401', async () => {
    assertError(await c.get(null, `/youths/${y.id}`), 401, 'not_authenticated');
    assertError(await c.get(null, '/youths'), 401, 'not_authenticated');
  });

  it('the refusal of pB is in the audit trail: outcome denied with the youth_id', async () => {
    const r = await c.get(w.po, `/api/v1/audit?user_id=${w.pB.id}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    const denied = r.json.items.filter((e) => e.outcome === 'denied' && e.youth_id === y.id);
    assert.ok(denied.length >= 1, `a denied event with youth_id ${y.id} for pB: ${r.text.slice(0, 2000)}`);
    for (const e of denied) assert.equal(e.user_id, w.pB.id);
    const byYouth = await c.get(w.po, `/api/v1/audit?youth_id=${y.id}&limit=1000`);
    assert.ok(byYouth.json.items.some((e) => e.user_id === w.pB.id && e.outcome === 'denied'), 'found by youth_id filter too');
    // The successful reads by pA are there as well, with the youth id.
    assert.ok(byYouth.json.items.some((e) => e.user_id === w.pA.id && e.outcome === 'success'), 'pA reads audited with the youth id');
  });

  describe('PATCH and history', () => {
    it('a plain field change needs no reason', async () => {
      const r = await c.patch(w.pA, `/youths/${y.id}`, { municipality: 'Amersfoort', bsn: '111222333' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.municipality, 'Amersfoort');
      assert.equal(r.json.bsn, '111222333');
      const n = await c.patch(w.pA, `/youths/${y.id}`, { bsn: null });
      assert.equal(n.status, 200, n.text);
      assert.equal(n.json.bsn, null, 'bsn null clears');
    });

    it('PATCH validates like creation (422 with field), and changes nothing then', async () => {
      assertError(await c.patch(w.pA, `/youths/${y.id}`, { bsn: '123456788' }), 422, 'validation_failed', 'bsn');
      assertError(await c.patch(w.pA, `/youths/${y.id}`, { given_name: '<b>' }), 422, 'validation_failed', 'given_name');
      assertError(await c.patch(w.pA, `/youths/${y.id}`, { birth_date: '2026-02-30' }), 422, 'validation_failed', 'birth_date');
      assertError(await c.patch(w.pA, `/youths/${y.id}`, { municipality: '' }), 422, 'validation_failed', 'municipality');
      assertError(
        await c.patch(w.pA, `/youths/${y.id}`, { legal_frame: 'prison', change_reason: 'rechter zegt het' }),
        422,
        'validation_failed',
        'legal_frame',
      );
      assertError(
        await c.patch(w.pA, `/youths/${y.id}`, { phase: 'nowhere', change_reason: 'x' }),
        422,
        'validation_failed',
        'phase',
      );
      const g = await c.get(w.pA, `/youths/${y.id}`);
      assert.equal(g.json.given_name, 'Mila');
      assert.equal(g.json.legal_frame, 'voluntary');
      assert.equal(g.json.municipality, 'Amersfoort');
    });

    for (const [field, value] of [
      ['legal_frame', 'ots'],
      ['living_situation', 'network_foster_care'],
      ['phase', 'collaboration'],
    ]) {
      it(`changing ${field} without change_reason is 422 field change_reason, and nothing changes`, async () => {
        const before = (await c.get(w.pA, `/youths/${y.id}`)).json;
        assertError(await c.patch(w.pA, `/youths/${y.id}`, { [field]: value }), 422, 'validation_failed', 'change_reason');
        assertError(await c.patch(w.pA, `/youths/${y.id}`, { [field]: value, change_reason: '' }), 422, 'validation_failed', 'change_reason');
        assertError(
          await c.patch(w.pA, `/youths/${y.id}`, { [field]: value, change_reason: 'r'.repeat(501) }),
          422,
          'validation_failed',
          'change_reason',
        );
        const after = (await c.get(w.pA, `/youths/${y.id}`)).json;
        assert.equal(after[field], before[field]);
      });
    }

    it('effective_on in the future is refused (422 effective_on)', async () => {
      assertError(
        await c.patch(w.pA, `/youths/${y.id}`, { legal_frame: 'ots', change_reason: 'Uitspraak kinderrechter', effective_on: addDays(today, 1) }),
        422,
        'validation_failed',
        'effective_on',
      );
    });

    it('changes with a reason are recorded in /history with who, when, why and effective_on', async () => {
      const eff = addDays(today, -3);
      const r1 = await c.patch(w.pA, `/youths/${y.id}`, { legal_frame: 'ots', change_reason: 'Uitspraak kinderrechter', effective_on: eff });
      assert.equal(r1.status, 200, r1.text);
      assert.equal(r1.json.legal_frame, 'ots');
      const r2 = await c.patch(w.tA, `/youths/${y.id}`, { living_situation: 'network_foster_care', change_reason: 'Woont nu bij oom' });
      assert.equal(r2.status, 200, r2.text);
      assert.equal(r2.json.living_situation, 'network_foster_care');
      const r3 = await c.patch(w.pA, `/youths/${y.id}`, { phase: 'collaboration', change_reason: 'JIM gevonden' });
      assert.equal(r3.status, 200, r3.text);
      assert.equal(r3.json.phase, 'collaboration');
      assert.equal(r3.json.phase_since, today);

      const h = await c.get(w.pA, `/youths/${y.id}/history`);
      assert.equal(h.status, 200, h.text);
      const items = h.json.items;
      const lf = items.find((i) => i.field === 'legal_frame' && i.value === 'ots');
      assert.ok(lf, `legal_frame change in history: ${h.text}`);
      assert.equal(lf.reason, 'Uitspraak kinderrechter');
      assert.equal(lf.effective_on, eff);
      assert.equal(lf.changed_by.id, w.pA.id);
      assert.equal(lf.changed_by.display_name, 'Anna Professional');
      assert.match(lf.changed_at, ISO_UTC);
      const ls = items.find((i) => i.field === 'living_situation' && i.value === 'network_foster_care');
      assert.ok(ls, `living_situation change in history: ${h.text}`);
      assert.equal(ls.reason, 'Woont nu bij oom');
      assert.equal(ls.effective_on, today, 'effective_on defaults to today');
      assert.equal(ls.changed_by.id, w.tA.id);
      assert.equal(ls.changed_by.display_name, 'Ties Teamlead');
      const ph = items.find((i) => i.field === 'phase' && i.value === 'collaboration');
      assert.ok(ph, `phase change in history: ${h.text}`);
      assert.equal(ph.reason, 'JIM gevonden');
      for (const typed of [lf, ls, ph]) assert.equal(typed.cause, null, 'a reason a person typed has no cause');
      // Oldest first.
      const order = [lf, ls, ph].map((e) => items.indexOf(e));
      assert.deepEqual([...order].sort((a, b) => a - b), order, 'history is oldest first');
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].changed_at <= items[i].changed_at, 'changed_at ascending');
    });

    it('a reason with values that change nothing is 409 unchanged, not a "saved" that keeps the reason nowhere', async () => {
      const z = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Sem', family_name: 'Ongewijzigd', started_on: addDays(today, -30) });
      const d = (await c.get(w.pA, `/youths/${z.id}`)).json;
      const count = async (what) => (await c.get(w.pA, `/youths/${z.id}/${what}`)).json.items.length;
      const history = await count('history');
      // a tracked field with its current value, with a reason and a date
      const r1 = await c.patch(w.pA, `/youths/${z.id}`, { legal_frame: d.legal_frame, change_reason: 'Uitspraak rechter', effective_on: addDays(today, -1) });
      assertError(r1, 409, 'unchanged', 'legal_frame');
      assert.match(r1.json.error.message, /nothing changed/);
      // a personal field with its current value
      assertError(await c.patch(w.pA, `/youths/${z.id}`, { family_name: 'Ongewijzigd', change_reason: 'Typfout hersteld' }), 409, 'unchanged', 'family_name');
      assertError(await c.patch(w.pA, `/youths/${z.id}`, { municipality: d.municipality, bsn: d.bsn, change_reason: 'Klopt nu' }), 409, 'unchanged', 'bsn');
      // a reason alone
      assertError(await c.patch(w.pA, `/youths/${z.id}`, { change_reason: 'Zomaar' }), 409, 'unchanged', 'change_reason');
      assert.equal(await count('history'), history, 'no history row');
      assert.equal(await count('corrections'), 0, 'no correction');
      // without a reason nothing is lost: still 200
      const quiet = await c.patch(w.pA, `/youths/${z.id}`, { family_name: 'Ongewijzigd', legal_frame: d.legal_frame });
      assert.equal(quiet.status, 200, quiet.text);
      // one field that changes keeps the reason, next to one that does not
      const r2 = await c.patch(w.pA, `/youths/${z.id}`, { legal_frame: d.legal_frame, family_name: 'Gewijzigd', change_reason: 'Typfout hersteld' });
      assert.equal(r2.status, 200, r2.text);
      const corr = (await c.get(w.pA, `/youths/${z.id}/corrections`)).json.items;
      assert.deepEqual(corr.map((x) => [x.field, x.old_value, x.new_value, x.reason]), [['family_name', 'Ongewijzigd', 'Gewijzigd', 'Typfout hersteld']]);
      assert.equal(await count('history'), history);
    });

    it('a PATCH without a reason that changes nothing is 200 with the dossier as it is, audited as a read, not an update', async () => {
      const z = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Roos', family_name: 'Herhaald', started_on: addDays(today, -30) });
      const d = (await c.get(w.pA, `/youths/${z.id}`)).json;
      const count = async (what) => (await c.get(w.pA, `/youths/${z.id}/${what}`)).json.items.length;
      const history = await count('history');
      // the file's events, without the privacy officer's own reads of them (each names the young person too)
      const events = async () => (await c.get(w.po, `/audit?youth_id=${z.id}&limit=1000`)).json.items
        .filter((e) => e.object_type !== 'audit_log');
      const last = (await events())[0].id;
      // every field with its current value: a retry of a PATCH whose answer was lost
      const same = {};
      for (const k of ['legal_frame', 'living_situation', 'phase', 'given_name', 'family_name', 'birth_date', 'bsn', 'municipality']) same[k] = d[k];
      const r = await c.patch(w.pA, `/youths/${z.id}`, same);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, d, 'the dossier as it is');
      const after = (await events()).filter((e) => e.id > last);
      assert.deepEqual(after.map((e) => [e.username, e.action, e.object_type, e.outcome]), [[w.pA.username, 'read', 'youth', 'success']], JSON.stringify(after));
      assert.equal(await count('history'), history, 'no history row');
      assert.equal(await count('corrections'), 0, 'no correction');
      // a change is still an update
      const mark = (await events())[0].id;
      assert.equal((await c.patch(w.pA, `/youths/${z.id}`, { family_name: 'Veranderd' })).status, 200);
      assert.ok((await events()).some((e) => e.id > mark && e.action === 'update' && e.username === w.pA.username), 'the update is audited');
    });

    it('another team cannot read the history (404)', async () => {
      assertError(await c.get(w.pB, `/youths/${y.id}/history`), 404, 'not_found');
    });

    it('closing needs end_reason (422 end_reason); a valid one closes', async () => {
      assertError(await c.patch(w.pA, `/youths/${y.id}`, { phase: 'closed', change_reason: 'Traject klaar' }), 422, 'validation_failed', 'end_reason');
      assertError(
        await c.patch(w.pA, `/youths/${y.id}`, { phase: 'closed', change_reason: 'Traject klaar', end_reason: 'bored' }),
        422,
        'validation_failed',
        'end_reason',
      );
      assert.equal((await c.get(w.pA, `/youths/${y.id}`)).json.phase, 'collaboration', 'still open after the 422s');
      const r = await c.patch(w.pA, `/youths/${y.id}`, { phase: 'closed', change_reason: 'Traject klaar', end_reason: 'planned' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.phase, 'closed');
      assert.equal(r.json.end_reason, 'planned');
      assert.equal(r.json.closed_on, today);
    });

    it('a closed dossier cannot change phase (409 conflict)', async () => {
      for (const phase of ['collaboration', 'jim_search', 'aftercare']) {
        assertError(await c.patch(w.pA, `/youths/${y.id}`, { phase, change_reason: 'Toch weer open' }), 409, 'conflict');
      }
      assert.equal((await c.get(w.pA, `/youths/${y.id}`)).json.phase, 'closed');
    });
  });

  describe('the young person\'s account', () => {
    let y2;
    let youth;
    before(async () => {
      y2 = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Noor', family_name: 'Accounttest' });
    });

    it('a team professional makes the account (201, role youth, invitation); /me shows youth_id', async () => {
      youth = await youthAccount(w.base, w.pA, y2.id);
      const me = await c.get(youth, '/me');
      assert.equal(me.status, 200, me.text);
      assert.equal(me.json.role, 'youth');
      assert.equal(me.json.youth_id, y2.id);
      const d = await c.get(w.pA, `/youths/${y2.id}`);
      assert.equal(d.json.user_id, youth.id, 'dossier user_id is the account');
    });

    it('the admin’s list of users leaves the young person’s own account out (it would tell who is in care)', async () => {
      const list = await c.get(w.admin, '/users');
      assert.equal(list.status, 200, list.text);
      assert.ok(list.json.items.length > 3, 'staff are listed');
      assert.ok(list.json.items.some((u) => u.id === w.pA.id), 'a professional is listed');
      assert.deepEqual(list.json.items.filter((u) => u.id === youth.id || u.display_name === 'Noor'), [], list.text);
      // nor through a team: the account cannot be added, and a team's members leave it out
      assertError(await c.post(w.admin, `/teams/${w.teamA.id}/members`, { user_id: youth.id }), 422, 'validation_failed', 'user_id');
      const members = await c.get(w.admin, `/teams/${w.teamA.id}/members`);
      assert.equal(members.status, 200, members.text);
      assert.ok(members.json.items.some((u) => u.id === w.pA.id));
      assert.deepEqual(members.json.items.filter((u) => u.id === youth.id), []);
      dbQuery(w.server.db, {
        sqlite: `INSERT INTO team_members (team_id, user_id, added_at) VALUES (${w.teamA.id}, ${youth.id}, '2026-01-01T00:00:00Z');`,
        postgresql: `INSERT INTO team_members (team_id, user_id, added_at) VALUES (${w.teamA.id}, ${youth.id}, '2026-01-01T00:00:00Z');`,
      });
      const again = await c.get(w.admin, `/teams/${w.teamA.id}/members`);
      assert.deepEqual(again.json.items.filter((u) => u.id === youth.id || u.display_name === 'Noor'), [], 'a membership from before is not shown either');
      dbQuery(w.server.db, {
        sqlite: `DELETE FROM team_members WHERE user_id = ${youth.id};`,
        postgresql: `DELETE FROM team_members WHERE user_id = ${youth.id};`,
      });
    });

    it('a second account is 409 conflict; a teamlead (role) gets 403; another team 404', async () => {
      assertError(await c.post(w.pA, `/youths/${y2.id}/account`, { username: 'tweede.account' }), 409, 'conflict');
      assertError(await c.post(w.tA, `/youths/${y2.id}/account`, { username: 'teamlead.account' }), 403, 'forbidden');
      assertError(await c.post(w.pB, `/youths/${y2.id}/account`, { username: 'ander.team' }), 404, 'not_found');
    });

    it('the young person may read their summary but not the dossier routes of staff', async () => {
      const s = await c.get(youth, `/youths/${y2.id}/summary`);
      assert.equal(s.status, 200, s.text);
      assert.equal(s.json.id, y2.id);
      assert.deepEqual([...s.json.shared_scopes].sort(), ['share_meetings', 'share_notes_marked_shared', 'share_outcomes', 'share_plan']);
      assertError(await c.get(youth, `/youths/${y2.id}`), 403, 'forbidden');
      assertError(await c.get(youth, `/youths/${y2.id}/history`), 403, 'forbidden');
      assertError(await c.get(youth, `/youths/${y.id}/summary`), 404, 'not_found');
      assertError(await c.get(youth, `/youths/${y2.id}/network`), 403, 'forbidden');
    });
  });
});
