// Correcting and removing a person of the young person's network
// (PATCH/DELETE /api/v1/network-members/{id}): validation as when adding,
// a reason kept with each changed field, no leak to another team, removal
// refused while a consent or parent agreement rests on the person, and the
// audit trail of it all.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, dbQuery, ENGINE, whileHeldInPg } from './harness.mjs';
import { setupDossierWorld, client, createYouth, addNetwork } from './dossier-fixture.mjs';

describe('dossier: correcting and removing network members', () => {
  let w;
  let c;
  let y;
  let other; // a dossier of team B

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id, { given_name: 'Netwerk', family_name: 'Toets' });
    other = await createYouth(w.base, w.pB, w.teamB.id, { given_name: 'Ander', family_name: 'Team' });
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  // Why a person leaves the network: DELETE asks it (required, as a correction's change_reason).
  const GONE = { reason: 'Contact is gestopt' };
  const network = async (youthId = y.id, who = w.pA) => {
    const r = await c.get(who, `/youths/${youthId}/network`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const changes = (memberId) => dbQuery(w.server.db,
    `SELECT field || '|' || coalesce(old_value, '-') || '|' || coalesce(new_value, '-') || '|' || reason || '|' || changed_by FROM network_member_changes WHERE member_id = ${memberId} ORDER BY id;`)
    .trim().split('\n').filter(Boolean);
  const audit = async (youthId) => {
    const r = await c.get(w.po, `/api/v1/audit?youth_id=${youthId}&limit=1000`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  it('corrects the custody tick with a reason: the old value and the reason are kept', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Vader Henk', relation: 'vader', has_custody: false });
    const r = await c.patch(w.pA, `/network-members/${m.id}`, { has_custody: true, change_reason: 'Gezag stond verkeerd aangevinkt' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { id: m.id, name: 'Vader Henk', relation: 'vader', contact: null, has_custody: true });
    assert.equal((await network()).find((x) => x.id === m.id).has_custody, true);
    assert.deepEqual(changes(m.id), [`has_custody|false|true|Gezag stond verkeerd aangevinkt|${w.pA.id}`]);

    const n = await c.patch(w.pA, `/network-members/${m.id}`, { name: 'Vader Hendrik', relation: 'vader', contact: '06-12345678', change_reason: 'Naam voluit' });
    assert.equal(n.status, 200, n.text);
    assert.equal(n.json.name, 'Vader Hendrik');
    assert.equal(n.json.contact, '06-12345678');
    assert.deepEqual(changes(m.id).slice(1), [`name|Vader Henk|Vader Hendrik|Naam voluit|${w.pA.id}`, `contact|-|06-12345678|Naam voluit|${w.pA.id}`],
      'only the fields that changed; relation was sent unchanged');

    const cleared = await c.patch(w.pA, `/network-members/${m.id}`, { contact: null, change_reason: 'Nummer klopt niet meer' });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.json.contact, null, 'contact null removes it');
  });

  it('validates like adding, and bad input changes nothing', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Tante Els', relation: 'tante', has_custody: false, contact: 'els@example.org' });
    const before = await network();
    const bad = [
      [{ has_custody: true }, 'change_reason'],
      [{ has_custody: true, change_reason: '' }, 'change_reason'],
      [{ has_custody: true, change_reason: 'x'.repeat(501) }, 'change_reason'],
      [{ has_custody: 'ja', change_reason: 'x' }, 'has_custody'],
      [{ name: '', change_reason: 'x' }, 'name'],
      [{ name: null, change_reason: 'x' }, 'name'],
      [{ name: 'x'.repeat(101), change_reason: 'x' }, 'name'],
      [{ relation: null, change_reason: 'x' }, 'relation'],
      [{ relation: 'x'.repeat(101), change_reason: 'x' }, 'relation'],
      [{ contact: 'x'.repeat(201), change_reason: 'x' }, 'contact'],
      [{ name: 'Tante Els', change_reason: 'niets anders' }, 'change_reason'],
    ];
    for (const [body, field] of bad) {
      const r = await c.patch(w.pA, `/network-members/${m.id}`, body);
      assert.equal(r.status, 422, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
      assertError(r, 422, 'validation_failed', field);
    }
    assertError(await c.patch(w.pA, `/network-members/${m.id}`, { change_reason: 'alleen een reden' }), 422, 'validation_failed');
    assert.deepEqual(await network(), before, 'nothing changed');
    assert.deepEqual(changes(m.id), [], 'no change kept');
  });

  it('another team, another dossier, an unknown or removed id: 404 without a leak', async () => {
    const theirs = await addNetwork(w.base, w.pB, other.id, { name: 'Moeder Sanne', relation: 'moeder' });
    assertError(await c.patch(w.pA, `/network-members/${theirs.id}`, { name: 'Gewijzigd', change_reason: 'x' }), 404, 'not_found');
    assertError(await c.del(w.pA, `/network-members/${theirs.id}`, GONE), 404, 'not_found');
    assert.deepEqual((await network(other.id, w.pB)).map((x) => x.name), ['Moeder Sanne'], 'their member is untouched');
    assertError(await c.patch(w.pA, '/network-members/999999999', { name: 'Niemand', change_reason: 'x' }), 404, 'not_found');
    assertError(await c.del(w.pA, '/network-members/999999999', GONE), 404, 'not_found');
    // The unknown and the other team's id answer alike.
    const a = await c.del(w.pA, '/network-members/999999998', GONE);
    const b = await c.del(w.pA, `/network-members/${theirs.id}`, GONE);
    assert.deepEqual(a.json, b.json, 'the same answer for an unknown id and another team\'s member');
    // Roles that do not see the network at all.
    assertError(await c.patch(w.rs, `/network-members/${theirs.id}`, { name: 'X', change_reason: 'x' }), 403, 'forbidden');
  });

  it('removes a member nothing rests on: gone from the list, kept in the file; a second time 404', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Buurman Piet', relation: 'buurman', has_custody: false });
    const r = await c.del(w.pA, `/network-members/${m.id}`, GONE);
    assert.equal(r.status, 204, r.text);
    assert.ok(!(await network()).some((x) => x.id === m.id), 'no longer in the network');
    assert.equal(dbQuery(w.server.db, `SELECT name || '|' || removed_by || '|' || removed_reason FROM network_members WHERE id = ${m.id} AND removed_at IS NOT NULL;`).trim(),
      `Buurman Piet|${w.pA.id}|Contact is gestopt`, 'kept, marked removed, with why');
    assertError(await c.del(w.pA, `/network-members/${m.id}`, GONE), 404, 'not_found');
    assertError(await c.patch(w.pA, `/network-members/${m.id}`, { name: 'Terug', change_reason: 'x' }), 404, 'not_found');
  });

  it('removal asks why: the reason is kept and the removed list answers it', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Oom Karel', relation: 'oom', has_custody: false });
    const r = await c.del(w.pA, `/network-members/${m.id}`, { reason: 'Verhuisd naar het buitenland, geen contact meer' });
    assert.equal(r.status, 204, r.text);
    const removed = await c.get(w.pA, `/youths/${y.id}/network?removed=true`);
    assert.equal(removed.status, 200, removed.text);
    const row = removed.json.items.find((x) => x.id === m.id);
    assert.equal(row.removed_reason, 'Verhuisd naar het buitenland, geen contact meer');
    assert.deepEqual(row.removed_by, { id: w.pA.id, display_name: 'Anna Professional' });
    // 500 characters (as the server counts them: code points) is the most.
    const most = await addNetwork(w.base, w.pA, y.id, { name: 'Neef Bram', relation: 'neef' });
    const long = '😀'.repeat(500);
    assert.equal((await c.del(w.pA, `/network-members/${most.id}`, { reason: long })).status, 204);
    assert.equal((await c.get(w.pA, `/youths/${y.id}/network?removed=true`)).json.items.find((x) => x.id === most.id).removed_reason, long);
  });

  it('a removal without a usable reason is refused on reason (422) and changes nothing', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Nicht Eva', relation: 'nicht', has_custody: true });
    const tag = (await network()).find((x) => x.id === m.id).etag;
    const bad = [{}, { reason: null }, { reason: '' }, { reason: '   \n\t ' }, { reason: 'x'.repeat(501) }, { reason: 42 }];
    for (const body of bad) {
      assertError(await c.del(w.pA, `/network-members/${m.id}`, body), 422, 'validation_failed', 'reason');
    }
    // An undeclared field is refused as on every route.
    assertError(await c.del(w.pA, `/network-members/${m.id}`, { reason: 'Weg', why: 'x' }), 422, 'validation_failed', 'why');
    // Without a body at all: a body is needed.
    assertError(await c.del(w.pA, `/network-members/${m.id}`), 400, 'bad_request');
    const now = (await network()).find((x) => x.id === m.id);
    assert.ok(now, 'still in the network');
    assert.equal(now.etag, tag, 'unchanged');
    assert.equal(dbQuery(w.server.db, `SELECT coalesce(removed_at, '-') || '|' || coalesce(removed_reason, '-') FROM network_members WHERE id = ${m.id};`).trim(),
      '-|-', 'not marked removed');
  });

  it('refuses to remove someone a consent or parent agreement rests on (409), and a removed custody holder cannot give consent', async () => {
    const parent = await addNetwork(w.base, w.pA, y.id, { name: 'Moeder Ria', relation: 'moeder', has_custody: true });
    const gave = await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: parent.id });
    assert.equal(gave.status, 201, gave.text);
    const e = assertError(await c.del(w.pA, `/network-members/${parent.id}`, GONE), 409, 'network_member_in_use');
    assert.match(e.message, /consent/);
    // Withdrawn, the consent stays on record: still refused.
    const wd = await c.post(w.pA, `/consents/${gave.json.id}/withdraw`, {});
    assert.ok([200, 201].includes(wd.status), wd.text);
    assertError(await c.del(w.pA, `/network-members/${parent.id}`, GONE), 409, 'network_member_in_use');
    assert.ok((await network()).some((x) => x.id === parent.id), 'still in the network');

    const father = await addNetwork(w.base, w.pA, y.id, { name: 'Vader Kees', relation: 'vader', has_custody: true });
    const nom = await c.post(w.pA, `/youths/${y.id}/nominations`, { name: 'Oom Jan', relation: 'oom' });
    assert.equal(nom.status, 201, nom.text);
    const ag = await c.post(w.pA, `/nominations/${nom.json.id}/parent-agreements`, { network_member_id: father.id, answer: 'agrees' });
    assert.equal(ag.status, 201, ag.text);
    const e2 = assertError(await c.del(w.pA, `/network-members/${father.id}`, GONE), 409, 'network_member_in_use');
    assert.match(e2.message, /JIM candidate/);

    const removed = await addNetwork(w.base, w.pA, y.id, { name: 'Opa Wim', relation: 'opa', has_custody: true });
    assert.equal((await c.del(w.pA, `/network-members/${removed.id}`, GONE)).status, 204);
    assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'custody_holder', network_member_id: removed.id }),
      422, 'validation_failed', 'network_member_id');
  });

  it('the audit trail has the corrections, removals and refusals, with the young person', async () => {
    const m = await addNetwork(w.base, w.pA, y.id, { name: 'Zus Lotte', relation: 'zus', has_custody: false });
    assert.equal((await c.patch(w.pA, `/network-members/${m.id}`, { relation: 'halfzus', change_reason: 'Halfzus' })).status, 200);
    assert.equal((await c.del(w.pA, `/network-members/${m.id}`, GONE)).status, 204);
    const theirs = await addNetwork(w.base, w.pB, other.id, { name: 'Broer Tim', relation: 'broer' });
    await c.del(w.pA, `/network-members/${theirs.id}`, GONE);
    const mine = (await audit(y.id)).filter((e) => e.object_type === 'network' && e.object_id === String(m.id));
    assert.ok(mine.some((e) => e.action === 'update' && e.outcome === 'success' && e.user_id === w.pA.id), 'update audited');
    assert.ok(mine.some((e) => e.action === 'delete' && e.outcome === 'success' && e.user_id === w.pA.id), 'delete audited');
    const denied = (await audit(other.id)).filter((e) => e.user_id === w.pA.id && e.outcome === 'denied');
    assert.ok(denied.length >= 1, 'the refusal on the other team\'s member is audited as denied');
  });


  // SQLite has one writer, and the custody check runs inside the consent's
  // write. PostgreSQL reads committed data: a removal under way in another
  // transaction must not let a consent on that person slip in between the
  // check and the insert; the check takes the member's row and waits.
  it('a consent waits for a removal of its custody holder under way, and is refused (PostgreSQL)',
    { skip: ENGINE !== 'postgresql' && 'SQLite has one writer' }, async () => {
      const m = await addNetwork(w.base, w.pA, y.id, { name: 'Tante Roos', relation: 'tante', has_custody: true });
      await whileHeldInPg(w.server.db, `UPDATE network_members SET removed_at = '2026-01-01T00:00:00.000Z', removed_by = ${w.pA.id} WHERE id = ${m.id}`, async () => {
        assertError(await c.post(w.pA, `/youths/${y.id}/consents`, { scope: 'share_plan', given_by: 'custody_holder', network_member_id: m.id }),
          422, 'validation_failed', 'network_member_id');
      });
      assert.equal(dbQuery(w.server.db, `SELECT count(*) FROM consents WHERE network_member_id = ${m.id};`).trim(), '0',
        'no consent rests on a person taken out of the network');
    });
});
