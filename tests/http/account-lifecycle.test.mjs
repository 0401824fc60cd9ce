// Accounts after they were made (admin): someone leaves (their account is
// ended: no login, every session and calendar link ends at once), someone
// loses their password or phone (a new one-time invitation: the old password
// and TOTP secret no longer work), someone leaves a team (they no longer see
// its young people, on their very next request). The admin cannot do this to
// their own account, to a young person's account (not in their list) or to a
// JIM's (that goes with the JIM in the dossier); every change is audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, login, dbQuery, ENGINE } from './harness.mjs';
import { setupDossierWorld, client, createYouth, acceptAndSignIn, youthWithJim, youthAccount } from './dossier-fixture.mjs';

describe('account lifecycle: end, invite again, leave a team', () => {
  let w;
  let c;
  let y; // a young person of team A

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  // The audit events of admin changes to `type` `id`: outcome and reason.
  const auditOf = (type, id) => dbQuery(w.server.db,
    `SELECT outcome || '|' || coalesce(reason, '') FROM audit_events WHERE action = 'update' AND object_type = '${type}' ` +
    `AND object_id = '${id}' AND user_id = ${w.admin.user.id} ORDER BY id;`)
    .split('\n').map((s) => s.trim()).filter(Boolean);

  it('ends an account: the next request of its session is 401, and it cannot log in again', async () => {
    const leaver = await acceptAndSignIn(w.base, (await c.post(w.admin, '/users',
      { username: 'p.leaver', display_name: 'Lotte Vertrekt', role: 'professional', organisation_id: w.org.id, team_ids: [w.teamA.id] })).json, 'p.leaver');
    assert.equal((await c.get(leaver, `/youths/${y.id}`)).status, 200, 'in team A: reads the dossier');
    const feed = await c.post(leaver, '/me/calendar-feed', {});
    assert.equal(feed.status, 201, feed.text);

    const r = await c.post(w.admin, `/users/${leaver.id}/disable`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'disabled');
    assert.deepEqual(r.json.team_ids, [w.teamA.id], 'the teams stay, for a new start');
    assertError(await c.get(leaver, `/youths/${y.id}`), 401, 'not_authenticated');
    const again = await login(w.base, 'p.leaver', leaver.password);
    assert.equal(again.status, 401, again.text);
    const cal = await fetch(new URL(new URL(feed.json.url).pathname, w.base));
    assert.equal(cal.status, 404, 'the calendar link ends too');
    assert.equal(dbQuery(w.server.db, `SELECT count(*) FROM sessions WHERE user_id = ${leaver.id};`).trim(), '0', 'no session left');
    const listed = (await c.get(w.admin, '/users')).json.items.find((u) => u.id === leaver.id);
    assert.equal(listed.status, 'disabled');
    assertError(await c.post(w.admin, `/users/${leaver.id}/disable`, {}), 409, 'already_disabled');
    assert.deepEqual(auditOf('user', leaver.id), ['success|', 'error|'], 'the end, and the refused second one');
  });

  it('a new invitation: the old password and second factor go, the link sets a new one, and access comes back', async () => {
    const user = await acceptAndSignIn(w.base, (await c.post(w.admin, '/users',
      { username: 'p.kwijt', display_name: 'Kees Kwijt', role: 'professional', organisation_id: w.org.id, team_ids: [w.teamA.id] })).json, 'p.kwijt');
    await c.post(w.admin, `/users/${user.id}/disable`, {});
    const r = await c.post(w.admin, `/users/${user.id}/invitation`, {});
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'invited');
    assert.equal(typeof r.json.invitation.token, 'string');
    assert.equal(dbQuery(w.server.db, `SELECT coalesce(password_hash, 'none') || '|' || coalesce(totp_secret, 'none') FROM users WHERE id = ${user.id};`).trim(),
      'none|none', 'no password, no TOTP secret');
    assert.equal((await login(w.base, 'p.kwijt', user.password)).status, 401, 'the old password no longer works');
    // A second invitation makes the first one useless.
    const second = await c.post(w.admin, `/users/${user.id}/invitation`, {});
    assert.equal(second.status, 201, second.text);
    const stale = await c.post(null, `/invitations/${encodeURIComponent(r.json.invitation.token)}/accept`, { password: 'Een-nieuw-Wachtwoord-2026!' });
    assert.equal(stale.status, 410, stale.text);
    const back = await acceptAndSignIn(w.base, { ...second.json }, 'p.kwijt');
    assert.equal(back.status, 'active');
    assert.equal((await c.get(back, `/youths/${y.id}`)).status, 200, 'the same team, the same access');
  });

  it('taking someone out of a team ends their access to its young people on the next request', async () => {
    const mover = await acceptAndSignIn(w.base, (await c.post(w.admin, '/users',
      { username: 'p.verhuist', display_name: 'Vera Verhuist', role: 'professional', organisation_id: w.org.id, team_ids: [w.teamB.id] })).json, 'p.verhuist');
    assert.equal((await c.post(w.admin, `/teams/${w.teamA.id}/members`, { user_id: mover.id })).status, 201);
    const yB = await createYouth(w.base, w.pB, w.teamB.id);
    assert.equal((await c.get(mover, `/youths/${y.id}`)).status, 200);
    const r = await c.del(w.admin, `/teams/${w.teamA.id}/members/${mover.id}`);
    assert.equal(r.status, 204, r.text);
    assertError(await c.get(mover, `/youths/${y.id}`), 404, 'not_found');
    assert.equal((await c.get(mover, `/youths/${yB.id}`)).status, 200, 'team B stays');
    const members = (await c.get(w.admin, `/teams/${w.teamA.id}/members`)).json.items;
    assert.ok(!members.some((m) => (m.id ?? m.user_id) === mover.id), JSON.stringify(members));
    assertError(await c.del(w.admin, `/teams/${w.teamA.id}/members/${mover.id}`), 404, 'not_found');
    assertError(await c.del(w.admin, `/teams/999999/members/${mover.id}`), 404, 'not_found');
    assert.deepEqual(auditOf('team', w.teamA.id), [`success|user ${mover.id} added`, `success|user ${mover.id} taken out`, `error|user ${mover.id} taken out`]);
  });

  it('refuses the admin\'s own account, a JIM\'s and a young person\'s, and unknown ids, changing nothing', async () => {
    assertError(await c.post(w.admin, `/users/${w.admin.user.id}/disable`, {}), 403, 'own_account');
    assertError(await c.post(w.admin, `/users/${w.admin.user.id}/invitation`, {}), 403, 'own_account');
    const j = await youthWithJim(w.base, w.pA, w.teamA.id);
    const jimUser = Number(dbQuery(w.server.db, `SELECT user_id FROM jims WHERE id = ${j.jimId};`).trim());
    assertError(await c.post(w.admin, `/users/${jimUser}/disable`, {}), 409, 'managed_in_dossier');
    assertError(await c.post(w.admin, `/users/${jimUser}/invitation`, {}), 409, 'managed_in_dossier');
    const account = await c.post(w.pA, `/youths/${y.id}/account`, { username: 'jongere.eigen' });
    assert.equal(account.status, 201, account.text);
    const youthUser = Number(dbQuery(w.server.db, `SELECT user_id FROM youths WHERE id = ${y.id};`).trim());
    assertError(await c.post(w.admin, `/users/${youthUser}/disable`, {}), 404, 'not_found');
    assertError(await c.post(w.admin, `/users/${youthUser}/invitation`, {}), 404, 'not_found');
    assertError(await c.post(w.admin, '/users/999999/disable', {}), 404, 'not_found');
    const statuses = dbQuery(w.server.db, `SELECT status FROM users WHERE id IN (${w.admin.user.id}, ${jimUser}, ${youthUser}) ORDER BY id;`);
    assert.doesNotMatch(statuses, /disabled/, 'nothing ended');
    // refusals of a signed-in caller, found by the privacy officer among the
    // refusals: an admin who tries to take over a young person's or a JIM's
    // login, or to renew their own without its password and second factor
    for (const id of [w.admin.user.id, jimUser, youthUser]) {
      assert.deepEqual(auditOf('user', id), ['denied|', 'denied|'], `the admin's two attempts on user ${id}`);
    }
  });

  it('answers 503 and changes nothing when the database refuses the change, as every handler does', async () => {
    const user = await acceptAndSignIn(w.base, (await c.post(w.admin, '/users',
      { username: 'p.storing', display_name: 'Sam Storing', role: 'professional', organisation_id: w.org.id, team_ids: [w.teamA.id] })).json, 'p.storing');
    const j = await youthWithJim(w.base, w.pA, w.teamA.id);
    const refuse = {
      sqlite: "CREATE TRIGGER test_refuse_users BEFORE UPDATE ON users BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
      postgresql: "CREATE FUNCTION test_refuse_users() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;\n" +
        'CREATE TRIGGER test_refuse_users BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION test_refuse_users();',
    }[ENGINE];
    const allow = {
      sqlite: 'DROP TRIGGER test_refuse_users;',
      postgresql: 'DROP TRIGGER test_refuse_users ON users; DROP FUNCTION test_refuse_users();',
    }[ENGINE];
    dbQuery(w.server.db, refuse);
    try {
      assertError(await c.post(w.admin, `/users/${user.id}/disable`, {}), 503, 'store_unavailable');
      assertError(await c.post(w.admin, `/users/${user.id}/invitation`, {}), 503, 'store_unavailable');
      assertError(await c.post(w.pA, `/jims/${j.jimId}/invitation`, {}), 503, 'store_unavailable');
    } finally {
      dbQuery(w.server.db, allow);
    }
    assert.equal((await c.get(user, '/me')).status, 200, 'the session goes on');
    assert.equal((await c.get(j.jim, '/me')).status, 200, 'the JIM\'s session goes on');
    assert.equal(dbQuery(w.server.db, `SELECT status FROM users WHERE id = ${user.id};`).trim(), 'active');
  });

  it('is for the admin only: a team lead or privacy officer gets 403', async () => {
    for (const who of [w.tA, w.po, w.pA]) {
      assertError(await c.post(who, `/users/${w.pB.id}/disable`, {}), 403, 'forbidden');
      assertError(await c.post(who, `/users/${w.pB.id}/invitation`, {}), 403, 'forbidden');
      assertError(await c.del(who, `/teams/${w.teamB.id}/members/${w.pB.id}`), 403, 'forbidden');
    }
    assert.equal((await c.get(w.pB, '/me')).status, 200, 'pB untouched');
  });

  describe('a new login link for a young person or a JIM, from the dossier', () => {
    it('the young person\'s: by a professional of the team; the old password and session end; 409 without a login', async () => {
      const yy = await createYouth(w.base, w.pA, w.teamA.id);
      assertError(await c.post(w.pA, `/youths/${yy.id}/account/invitation`, {}), 409, 'no_account');
      const youth = await youthAccount(w.base, w.pA, yy.id);
      assertError(await c.post(w.pB, `/youths/${yy.id}/account/invitation`, {}), 404, 'not_found');
      assertError(await c.post(w.tA, `/youths/${yy.id}/account/invitation`, {}), 403, 'forbidden');
      assertError(await c.post(youth, `/youths/${yy.id}/account/invitation`, {}), 403, 'forbidden');
      const r = await c.post(w.pA, `/youths/${yy.id}/account/invitation`, {});
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'invited');
      assert.equal(r.json.id, youth.id);
      assertError(await c.get(youth, '/me'), 401, 'not_authenticated');
      assert.equal((await login(w.base, youth.username, youth.password)).status, 401, 'the old password');
      const back = await acceptAndSignIn(w.base, r.json, youth.username);
      assert.equal((await c.get(back, `/youths/${yy.id}/plan`)).status, 200, 'their own plan again');
    });

    it('the JIM\'s: by the team; the old password and session end; 409 once the JIM stopped', async () => {
      const j = await youthWithJim(w.base, w.pA, w.teamA.id);
      assertError(await c.post(w.pB, `/jims/${j.jimId}/invitation`, {}), 404, 'not_found');
      assertError(await c.post(j.jim, `/jims/${j.jimId}/invitation`, {}), 403, 'forbidden');
      const r = await c.post(w.tA, `/jims/${j.jimId}/invitation`, {});
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.role, 'jim');
      assertError(await c.get(j.jim, '/me'), 401, 'not_authenticated');
      assert.equal((await login(w.base, j.jim.username, j.jim.password)).status, 401, 'the old password');
      const back = await acceptAndSignIn(w.base, r.json, j.jim.username);
      assert.equal((await c.get(back, `/jims/${j.jimId}/activities`)).status, 200, 'the JIM\'s own hours again');
      const end = await c.post(w.pA, `/jims/${j.jimId}/end`, { reason: 'dropped_out' });
      assert.equal(end.status, 200, end.text);
      assertError(await c.post(w.pA, `/jims/${j.jimId}/invitation`, {}), 409, 'jim_ended');
      assert.equal(dbQuery(w.server.db, `SELECT status FROM users WHERE id = ${back.id};`).trim(), 'disabled', 'stays ended');
    });
  });
});
