// Break the glass (reason, 24 h grant, 409 for team members, audit event,
// teamlead review) and the access log the young person sees (NEN 7513):
// who read which part, with role, organisation and the break-the-glass flag.
// Expiry is in dossier-breakglass-expiry.test.mjs (a server with short grants).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, ISO_UTC } from './harness.mjs';
import { setupDossierWorld, client, createYouth, youthAccount } from './dossier-fixture.mjs';

describe('dossier: break the glass and the access log', () => {
  let w;
  let c;
  let y; // team A dossier
  let other; // another team A dossier with its own account
  let youth; // y's own account
  let otherYouth;
  let grant;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Lotte', family_name: 'Noodgeval' });
    other = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Bas', family_name: 'Anderedossier' });
    youth = await youthAccount(w.base, w.pA, y.id);
    otherYouth = await youthAccount(w.base, w.pA, other.id);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  const REASON = 'Crisismelding in de nacht, dienstdoend hulpverlener moet plan inzien';

  it('before breaking the glass pB gets 404', async () => {
    assertError(await c.get(w.pB, `/youths/${y.id}`), 404, 'not_found');
  });

  it('a reason of 9 characters is 422 field reason; a missing reason too; no grant then', async () => {
    assertError(await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: '123456789' }), 422, 'validation_failed', 'reason');
    assertError(await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: '' }), 422, 'validation_failed', 'reason');
    assertError(await c.post(w.pB, `/youths/${y.id}/break-glass`, {}), 422, 'validation_failed', 'reason');
    assertError(await c.get(w.pB, `/youths/${y.id}`), 404, 'not_found');
  });

  it('an unknown id is 404; a team member is 409; admin/researcher/privacy officer/youth 403', async () => {
    assertError(await c.post(w.pB, '/youths/9876543/break-glass', { reason: REASON }), 404, 'not_found');
    assertError(await c.post(w.pA, `/youths/${y.id}/break-glass`, { reason: REASON }), 409, 'conflict');
    assertError(await c.post(w.tA, `/youths/${y.id}/break-glass`, { reason: REASON }), 409, 'conflict');
    for (const who of [w.admin, w.rs, w.po, youth]) {
      assertError(await c.post(who, `/youths/${y.id}/break-glass`, { reason: REASON }), 403, 'forbidden');
    }
  });

  it('pB with a good reason: 201 {id, youth_id, expires_at ~24 h ahead}', async () => {
    const t0 = Date.now();
    const r = await c.post(w.pB, `/youths/${y.id}/break-glass`, { reason: REASON });
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id), r.text);
    assert.equal(r.json.youth_id, y.id);
    assert.match(r.json.expires_at, ISO_UTC);
    const ahead = Date.parse(r.json.expires_at) - t0;
    assert.ok(Math.abs(ahead - 24 * 3600 * 1000) < 5 * 60 * 1000, `expires_at ${r.json.expires_at} is ~24 h ahead (${ahead / 3600000} h)`);
    grant = r.json;
  });

  it('pB can now read the dossier with access "break_glass", and its parts', async () => {
    const r = await c.get(w.pB, `/youths/${y.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, y.id);
    assert.equal(r.json.access, 'break_glass');
    // When the emergency access ends, for the banner on the dossier.
    assert.equal(r.json.access_expires_at, grant.expires_at);
    for (const p of ['history', 'network', 'nominations', 'plan', 'journal', 'consents']) {
      const s = await c.get(w.pB, `/youths/${y.id}/${p}`);
      assert.equal(s.status, 200, `${p}: ${s.text}`);
    }
    // The grant is for this young person only.
    assertError(await c.get(w.pB, `/youths/${other.id}`), 404, 'not_found');
    // And only for pB: pB's teamlead has no access.
    assertError(await c.get(w.tB, `/youths/${y.id}`), 404, 'not_found');
  });

  it('the grant is an audit event with action break_glass and the youth id', async () => {
    const r = await c.get(w.po, `/api/v1/audit?user_id=${w.pB.id}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    const ev = r.json.items.find((e) => e.action === 'break_glass' && e.outcome === 'success');
    assert.ok(ev, `break_glass event: ${r.text.slice(0, 2000)}`);
    assert.equal(ev.youth_id, y.id);
    assert.equal(ev.user_id, w.pB.id);
  });

  it('tA sees the grant in GET /break-glass (open by default) with user and reason; tB does not', async () => {
    const r = await c.get(w.tA, '/break-glass');
    assert.equal(r.status, 200, r.text);
    const g = r.json.items.find((i) => i.id === grant.id);
    assert.ok(g, `grant ${grant.id} listed: ${r.text}`);
    assert.equal(g.youth_id, y.id);
    assert.equal(g.youth_name, 'Lotte Noodgeval', 'the team lead reviews a named dossier');
    assert.equal(g.user.id, w.pB.id);
    assert.equal(g.user.display_name, 'Bram Professional');
    assert.equal(g.user.role, 'professional');
    assert.equal(g.reason, REASON);
    assert.match(g.granted_at, ISO_UTC);
    assert.equal(g.expires_at, grant.expires_at);
    assert.equal(g.reviewed_at, null);
    assert.equal(g.reviewed_by, null);
    assert.equal(g.review_note, null);
    const open = await c.get(w.tA, '/break-glass?status=open');
    assert.ok(open.json.items.some((i) => i.id === grant.id));
    const b = await c.get(w.tB, '/break-glass?status=all');
    assert.equal(b.status, 200, b.text);
    assert.ok(!b.json.items.some((i) => i.id === grant.id), 'tB (other team) does not see grants on team A youths');
  });

  it('professionals, admin and privacy officer may not list grants (403)', async () => {
    for (const who of [w.pA, w.pB, w.admin]) assertError(await c.get(who, '/break-glass'), 403, 'forbidden');
  });

  it('only a teamlead of the young person\'s team may review', async () => {
    assertError(await c.post(w.pA, `/break-glass/${grant.id}/review`, { note: 'ok' }), 403, 'forbidden');
    const tb = await c.post(w.tB, `/break-glass/${grant.id}/review`, { note: 'ok' });
    assert.notEqual(tb.status, 200, `tB reviewing a team A grant: ${tb.text}`);
    assert.ok(tb.status === 403 || tb.status === 404, `tB review: ${tb.status} ${tb.text}`);
    const still = await c.get(w.tA, '/break-glass');
    assert.ok(still.json.items.some((i) => i.id === grant.id), 'still open after refused reviews');
  });

  it('tA reviews it (200); a second review is 409; it leaves the open list but stays in status=all', async () => {
    const r = await c.post(w.tA, `/break-glass/${grant.id}/review`, { note: 'Terecht, crisisdienst' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, grant.id);
    assert.match(r.json.reviewed_at, ISO_UTC);
    // Who reviewed it, by name, and their note (docs/api-dossier.md).
    const reviewer = { id: w.tA.id, display_name: 'Ties Teamlead' };
    assert.deepEqual(r.json.reviewed_by, reviewer);
    assert.equal(r.json.review_note, 'Terecht, crisisdienst');
    assertError(await c.post(w.tA, `/break-glass/${grant.id}/review`, {}), 409, 'conflict');
    const open = await c.get(w.tA, '/break-glass');
    assert.ok(!open.json.items.some((i) => i.id === grant.id), `reviewed grant not open any more: ${open.text}`);
    const all = await c.get(w.tA, '/break-glass?status=all');
    const g = all.json.items.find((i) => i.id === grant.id);
    assert.ok(g, 'reviewed grant in status=all');
    assert.match(g.reviewed_at, ISO_UTC);
    assert.deepEqual(g.reviewed_by, reviewer, 'the list says who reviewed it');
    assert.equal(g.review_note, 'Terecht, crisisdienst', 'and with which note');
  });

  it('a teamlead of another team may break the glass too; with a grant pB may also write (PATCH)', async () => {
    const r = await c.post(w.tB, `/youths/${y.id}/break-glass`, { reason: 'Waarneming voor collega, crisis' });
    assert.equal(r.status, 201, r.text);
    const g = await c.get(w.tB, `/youths/${y.id}`);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.access, 'break_glass');
    const p = await c.patch(w.pB, `/youths/${y.id}`, { municipality: 'Nieuwegein' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.municipality, 'Nieuwegein');
    assert.equal(p.json.access, 'break_glass');
  });

  it('a review does not end the grant: pB can still read within 24 h', async () => {
    const r = await c.get(w.pB, `/youths/${y.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.access, 'break_glass');
  });

  describe('access log', () => {
    before(async () => {
      // pA reads the dossier and some parts; pB reads it through the glass.
      assert.equal((await c.get(w.pA, `/youths/${y.id}`)).status, 200);
      assert.equal((await c.get(w.pA, `/youths/${y.id}/network`)).status, 200);
      assert.equal((await c.get(w.pA, `/youths/${y.id}/nominations`)).status, 200);
      assert.equal((await c.get(w.pA, `/youths/${y.id}/consents`)).status, 200);
      assert.equal((await c.get(w.pB, `/youths/${y.id}/plan`)).status, 200);
    });

    it('the young person sees pA\'s read: display name, role, organisation, part youth, break_glass false', async () => {
      const r = await c.get(youth, `/youths/${y.id}/access-log`);
      assert.equal(r.status, 200, r.text);
      const items = r.json.items;
      const e = items.find((i) => i.user && i.user.id === w.pA.id && i.part === 'youth');
      assert.ok(e, `an entry for pA reading part youth: ${r.text.slice(0, 3000)}`);
      assert.equal(e.user.display_name, 'Anna Professional');
      assert.equal(e.user.role, 'professional');
      const org = e.user.organisation;
      assert.ok(org === w.org.name || (org && org.name === w.org.name), `organisation name ${w.org.name}: ${JSON.stringify(org)}`);
      assert.equal(e.break_glass, false);
      assert.match(e.at, ISO_UTC);
      assert.equal(typeof e.action, 'string');
      assert.equal(e.outcome, 'success');
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].at >= items[i].at, 'newest first');
    });

    it('each part read is logged as that part (network, nomination, consent)', async () => {
      const r = await c.get(youth, `/youths/${y.id}/access-log`);
      const parts = new Set(r.json.items.filter((i) => i.user && i.user.id === w.pA.id).map((i) => i.part));
      for (const p of ['youth', 'network', 'nomination', 'consent']) assert.ok(parts.has(p), `part ${p} among ${[...parts]}`);
    });

    it('pB\'s break-the-glass reads show break_glass true, and pB\'s denied attempt is not a read', async () => {
      const r = await c.get(youth, `/youths/${y.id}/access-log`);
      const pb = r.json.items.filter((i) => i.user && i.user.id === w.pB.id);
      assert.ok(pb.length >= 1, `pB entries: ${r.text.slice(0, 3000)}`);
      const reads = pb.filter((i) => i.outcome === 'success');
      assert.ok(reads.some((i) => i.part === 'youth' && i.break_glass === true), 'pB read of part youth via the glass');
      assert.ok(reads.some((i) => i.part === 'plan' && i.break_glass === true), 'pB read of part plan via the glass');
      for (const i of reads) assert.equal(i.break_glass, true, `every successful pB access is break_glass: ${JSON.stringify(i)}`);
      assert.equal(pb[0].user.display_name, 'Bram Professional');
    });

    it('the teamlead of the team and the privacy officer may read it; from/to filter', async () => {
      for (const who of [w.tA, w.po]) {
        const r = await c.get(who, `/youths/${y.id}/access-log`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.items.some((i) => i.user && i.user.id === w.pA.id), 'pA read listed');
      }
      const future = await c.get(w.po, `/youths/${y.id}/access-log?from=2999-01-01`);
      assert.equal(future.status, 200, future.text);
      assert.deepEqual(future.json.items, [], 'from in the far future: nothing');
      const past = await c.get(w.po, `/youths/${y.id}/access-log?to=2000-01-01`);
      assert.equal(past.status, 200, past.text);
      assert.deepEqual(past.json.items, [], 'to in the past: nothing');
    });

    it('a professional (even of the team) gets 403; admin 403; another team\'s teamlead 404', async () => {
      assertError(await c.get(w.pA, `/youths/${y.id}/access-log`), 403, 'forbidden');
      assertError(await c.get(w.pB, `/youths/${y.id}/access-log`), 403, 'forbidden');
      assertError(await c.get(w.admin, `/youths/${y.id}/access-log`), 403, 'forbidden');
      assertError(await c.get(w.tB, `/youths/${y.id}/access-log`), 404, 'not_found');
    });

    it('a young person cannot read another young person\'s log (404, same as unknown)', async () => {
      const r = await c.get(otherYouth, `/youths/${y.id}/access-log`);
      assertError(r, 404, 'not_found');
      const u = await c.get(otherYouth, '/youths/9876543/access-log');
      assertError(u, 404, 'not_found');
      assert.deepEqual(r.json, u.json);
      const own = await c.get(otherYouth, `/youths/${other.id}/access-log`);
      assert.equal(own.status, 200, own.text);
      // pB tried the other dossier (404) but never read it.
      assert.ok(!own.json.items.some((i) => i.user && i.user.id === w.pB.id && i.outcome === 'success'), `pB never read the other dossier: ${own.text.slice(0, 2000)}`);
    });
  });
});
