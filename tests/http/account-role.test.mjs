// One account for the admin (GET /users/{id}) and a staff member's new role
// (PUT /users/{id}/role). The account answers as the list gives it, with its
// teams by name; a young person's own account is missing, as from the list.
// A new role is one of the staff roles; the account's sessions and calendar
// link end (no session outlives the permissions it was opened with), and a
// role without teams (privacy officer, researcher, admin) leaves every team
// in the same transaction. The admin's own account, a JIM's and a young
// person's are refused, and so is making someone a JIM or young person;
// every change and refusal is audited with the old and the new role.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, login, dbQuery, ENGINE, whileHeldInPg } from './harness.mjs';
import { setupDossierWorld, client, createYouth, acceptAndSignIn, youthWithJim, youthAccount } from './dossier-fixture.mjs';

describe('one account, and a new role for a staff member', () => {
  let w;
  let c;
  let y; // a young person of team A
  let n = 0;

  before(async () => {
    w = await setupDossierWorld();
    c = client(w.base);
    y = await createYouth(w.base, w.pA, w.teamA.id);
  });
  after(async () => {
    if (w) await w.server.stop();
  });

  // A new signed-in account of `role` in `teams`.
  async function staff(role, teams = [], name = 'Mo Wissel') {
    const username = `wissel.${++n}`;
    const created = await c.post(w.admin, '/users', { username, display_name: name, role, organisation_id: w.org.id, team_ids: teams });
    assert.equal(created.status, 201, created.text);
    return acceptAndSignIn(w.base, created.json, username);
  }

  // The audit events of the admin on user `id` with `action`: outcome|reason.
  const auditOf = (id, action = 'update') => dbQuery(w.server.db,
    `SELECT outcome || '|' || coalesce(reason, '') FROM audit_events WHERE action = '${action}' AND object_type = 'user' ` +
    `AND object_id = '${id}' AND user_id = ${w.admin.user.id} ORDER BY id;`)
    .split('\n').map((s) => s.trim()).filter(Boolean);
  const roleOf = (id) => dbQuery(w.server.db, `SELECT role FROM users WHERE id = ${id};`).trim();
  const teamsOf = (id) => dbQuery(w.server.db, `SELECT team_id FROM team_members WHERE user_id = ${id} ORDER BY team_id;`)
    .split('\n').map((s) => s.trim()).filter(Boolean).map(Number);

  describe('GET /users/{id}', () => {
    it('answers the account as the list gives it, with its teams by name, audited as a read', async () => {
      const u = await staff('professional', [w.teamB.id, w.teamA.id], 'Lies Lijst');
      const r = await c.get(w.admin, `/users/${u.id}`);
      assert.equal(r.status, 200, r.text);
      const listed = (await c.get(w.admin, '/users')).json.items.find((x) => x.id === u.id);
      const { teams, ...fields } = r.json;
      assert.deepEqual(fields, listed, 'the same fields as the list');
      assert.deepEqual(teams.map((t) => t.id).sort(), [w.teamA.id, w.teamB.id].sort());
      assert.deepEqual(teams.map((t) => t.name), [w.teamA.name, w.teamB.name], 'by name');
      assert.equal(r.json.password_hash, undefined);
      assert.equal(r.json.totp_secret, undefined);
      assert.deepEqual(auditOf(u.id, 'read'), ['success|']);
      // A JIM's account is in the list, and so here.
      const j = await youthWithJim(w.base, w.pA, w.teamA.id);
      const jim = await c.get(w.admin, `/users/${j.jim.id}`);
      assert.equal(jim.status, 200, jim.text);
      assert.equal(jim.json.role, 'jim');
      assert.deepEqual(jim.json.teams, []);
    });

    it('404 for an unknown id and for a young person\'s own account (missing from the list), the latter audited as denied', async () => {
      assertError(await c.get(w.admin, '/users/999999'), 404, 'not_found');
      assertError(await c.get(w.admin, '/users/abc'), 404, 'not_found');
      const youth = await youthAccount(w.base, w.pA, y.id);
      assert.ok(!(await c.get(w.admin, '/users')).json.items.some((x) => x.id === youth.id), 'not in the list');
      assertError(await c.get(w.admin, `/users/${youth.id}`), 404, 'not_found');
      assert.deepEqual(auditOf(youth.id, 'read'), ['denied|']);
    });

    it('is for the admin only', async () => {
      for (const who of [w.tA, w.po, w.pA, w.rs]) assertError(await c.get(who, `/users/${w.pB.id}`), 403, 'forbidden');
    });
  });

  describe('PUT /users/{id}/role', () => {
    it('a professional becomes team lead: the teams stay, every session and the calendar link end, the new role counts at the next login', async () => {
      const u = await staff('professional', [w.teamA.id]);
      const other = await login(w.base, u.username, u.password);
      assert.equal(other.status, 201, other.text);
      const feed = await c.post(u, '/me/calendar-feed', {});
      assert.equal(feed.status, 201, feed.text);
      assertError(await c.get(u, '/break-glass'), 403, 'forbidden');

      const r = await c.put(w.admin, `/users/${u.id}/role`, { role: 'teamlead' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.role, 'teamlead');
      assert.deepEqual(r.json.team_ids, [w.teamA.id], 'a team lead works in teams');
      assert.deepEqual(r.json.teams.map((t) => t.id), [w.teamA.id]);
      assert.deepEqual(r.json.left_teams, []);
      assertError(await c.get(u, '/me'), 401, 'not_authenticated');
      assert.equal(dbQuery(w.server.db, `SELECT count(*) FROM sessions WHERE user_id = ${u.id};`).trim(), '0', 'no session left');
      const cal = await fetch(new URL(new URL(feed.json.url).pathname, w.base));
      assert.equal(cal.status, 404, 'the calendar link ends too');
      assert.deepEqual(auditOf(u.id), ['success|role professional -> teamlead']);

      const back = await login(w.base, u.username, u.password);
      assert.equal(back.status, 201, back.text);
      const lead = { token: back.json.token };
      const me = await c.get(lead, '/me');
      assert.equal(me.json.role, 'teamlead');
      assert.equal((await c.get(lead, '/break-glass')).status, 200, 'a team lead\'s own screen');
      assert.equal((await c.get(lead, `/youths/${y.id}`)).status, 200, 'the same team, the same dossiers');
      assert.equal((await c.get(w.admin, `/users/${u.id}`)).json.role, 'teamlead');
    });

    it('a team lead moves to research: out of every team in the same change, named in the answer and the audit event', async () => {
      const u = await staff('teamlead', [w.teamA.id, w.teamB.id]);
      assert.equal((await c.get(u, `/youths/${y.id}`)).status, 200);
      const r = await c.put(w.admin, `/users/${u.id}/role`, { role: 'researcher' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.role, 'researcher');
      assert.deepEqual(r.json.team_ids, []);
      assert.deepEqual(r.json.teams, []);
      assert.deepEqual(r.json.left_teams.map((t) => t.name), [w.teamA.name, w.teamB.name]);
      assert.deepEqual(teamsOf(u.id), []);
      const members = (await c.get(w.admin, `/teams/${w.teamA.id}/members`)).json.items;
      assert.ok(!members.some((m) => (m.id ?? m.user_id) === u.id), 'not among team A\'s members');
      const ids = [w.teamA.id, w.teamB.id]; // by team name
      assert.deepEqual(auditOf(u.id), [`success|role teamlead -> researcher; left teams ${ids.join(', ')}`]);

      const back = await login(w.base, u.username, u.password);
      assert.equal(back.status, 201, back.text);
      const researcher = { token: back.json.token };
      assertError(await c.get(researcher, `/youths/${y.id}`), 403, 'forbidden');
      assert.equal((await c.get(researcher, '/stats/outcomes')).status, 200, 'the researcher\'s figures');

      // and back: a professional again, in no team until the admin adds one
      const again = await c.put(w.admin, `/users/${u.id}/role`, { role: 'professional' });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.json.team_ids, []);
      assert.equal((await c.post(w.admin, `/teams/${w.teamA.id}/members`, { user_id: u.id })).status, 201);
    });

    it('the other staff roles: privacy officer to admin and back, without teams', async () => {
      const u = await staff('privacy_officer');
      for (const role of ['admin', 'researcher', 'privacy_officer', 'teamlead', 'admin']) {
        const r = await c.put(w.admin, `/users/${u.id}/role`, { role });
        assert.equal(r.status, 200, `${role}: ${r.text}`);
        assert.equal(r.json.role, role);
      }
      assert.equal(roleOf(u.id), 'admin');
    });

    it('an invited account keeps its invitation and starts in its new role', async () => {
      const created = await c.post(w.admin, '/users', { username: 'wissel.uitgenodigd', display_name: 'Ivo Invite', role: 'researcher' });
      assert.equal(created.status, 201, created.text);
      const r = await c.put(w.admin, `/users/${created.json.id}/role`, { role: 'professional' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'invited');
      const u = await acceptAndSignIn(w.base, created.json, 'wissel.uitgenodigd');
      assert.equal((await c.get(u, '/me')).json.role, 'professional');
    });

    it('refuses the admin\'s own account, a JIM\'s, a young person\'s, and making someone a JIM or young person: 403/404, audited as denied, nothing changes', async () => {
      const u = await staff('professional', [w.teamA.id]);
      const j = await youthWithJim(w.base, w.pA, w.teamA.id);
      const yy = await createYouth(w.base, w.pA, w.teamA.id);
      const youth = await youthAccount(w.base, w.pA, yy.id);

      assertError(await c.put(w.admin, `/users/${w.admin.user.id}/role`, { role: 'researcher' }), 403, 'own_account');
      assertError(await c.put(w.admin, `/users/${j.jim.id}/role`, { role: 'professional' }), 403, 'not_staff');
      assertError(await c.put(w.admin, `/users/${youth.id}/role`, { role: 'professional' }), 404, 'not_found');
      assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 'jim' }), 403, 'not_staff', 'role');
      assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 'youth' }), 403, 'not_staff', 'role');

      assert.equal(roleOf(w.admin.user.id), 'admin');
      assert.equal(roleOf(j.jim.id), 'jim');
      assert.equal(roleOf(youth.id), 'youth');
      assert.equal(roleOf(u.id), 'professional');
      assert.deepEqual(teamsOf(u.id), [w.teamA.id]);
      for (const who of [w.admin, j.jim, youth, u]) assert.equal((await c.get(who, '/me')).status, 200, 'sessions go on');
      assert.deepEqual(auditOf(w.admin.user.id), ['denied|role admin -> researcher']);
      assert.deepEqual(auditOf(j.jim.id), ['denied|role jim -> professional']);
      assert.deepEqual(auditOf(youth.id), ['denied|']);
      assert.deepEqual(auditOf(u.id), ['denied|role professional -> jim', 'denied|role professional -> youth']);
    });

    // The target is refused first, as for the other account actions: a bad
    // body to an account that may not be changed gets the same refusal as a
    // good one, audited as denied (the reason names the new role only when
    // the body has one).
    it('a bad body to the admin\'s own, a JIM\'s or a young person\'s account: the same refusal as a good one, audited as denied', async () => {
      const j = await youthWithJim(w.base, w.pA, w.teamA.id);
      const yy = await createYouth(w.base, w.pA, w.teamA.id);
      const youth = await youthAccount(w.base, w.pA, yy.id);
      const bad = [{ role: 'boss' }, { role: 7 }, {}, undefined];
      for (const body of bad) {
        assertError(await c.put(w.admin, `/users/${youth.id}/role`, body), 404, 'not_found');
        assertError(await c.put(w.admin, `/users/${j.jim.id}/role`, body), 403, 'not_staff');
        assertError(await c.put(w.admin, `/users/${w.admin.user.id}/role`, body), 403, 'own_account');
        assertError(await c.put(w.admin, '/users/999999/role', body), 404, 'not_found');
      }
      assert.deepEqual(auditOf(youth.id), bad.map(() => 'denied|'));
      assert.deepEqual(auditOf(j.jim.id), bad.map(() => 'denied|role jim'));
      assert.deepEqual(auditOf(w.admin.user.id).slice(-bad.length), bad.map(() => 'denied|role admin'));
      assert.equal(roleOf(youth.id), 'youth');
      assert.equal(roleOf(j.jim.id), 'jim');
    });

    it('an unknown role, no role, the same role or an unknown account change nothing', async () => {
      const u = await staff('professional', [w.teamA.id]);
      assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 'boss' }), 422, 'validation_failed', 'role');
      assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 7 }), 422, 'validation_failed', 'role');
      assertError(await c.put(w.admin, `/users/${u.id}/role`, {}), 422, 'validation_failed', 'role');
      assertError(await c.put(w.admin, `/users/${u.id}/role`, undefined), 400);
      assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 'professional' }), 409, 'same_role');
      assertError(await c.put(w.admin, '/users/999999/role', { role: 'teamlead' }), 404, 'not_found');
      assert.equal(roleOf(u.id), 'professional');
      assert.equal((await c.get(u, '/me')).status, 200, 'the session goes on');
      assert.deepEqual(auditOf(u.id).map((e) => e.split('|')[0]), ['error', 'error', 'error', 'error', 'error'], 'errors, not refusals');
    });

    it('is for the admin only', async () => {
      for (const who of [w.tA, w.po, w.pA, w.rs]) assertError(await c.put(who, `/users/${w.pB.id}/role`, { role: 'teamlead' }), 403, 'forbidden');
      assert.equal(roleOf(w.pB.id), 'professional');
      assert.equal((await c.get(w.pB, '/me')).status, 200, 'pB untouched');
    });

    it('answers 503 and changes nothing when leaving the teams fails: one transaction', async () => {
      const u = await staff('teamlead', [w.teamA.id]);
      const refuse = {
        sqlite: "CREATE TRIGGER test_refuse_members BEFORE DELETE ON team_members BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        postgresql: "CREATE FUNCTION test_refuse_members() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;\n" +
          'CREATE TRIGGER test_refuse_members BEFORE DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION test_refuse_members();',
      }[ENGINE];
      const allow = {
        sqlite: 'DROP TRIGGER test_refuse_members;',
        postgresql: 'DROP TRIGGER test_refuse_members ON team_members; DROP FUNCTION test_refuse_members();',
      }[ENGINE];
      dbQuery(w.server.db, refuse);
      try {
        assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 'admin' }), 503, 'store_unavailable');
      } finally {
        dbQuery(w.server.db, allow);
      }
      assert.equal(roleOf(u.id), 'teamlead', 'the role stays');
      assert.deepEqual(teamsOf(u.id), [w.teamA.id], 'the team stays');
      assert.equal((await c.get(u, '/me')).status, 200, 'the session goes on');
    });

    const whileHeld = (sql, during) => whileHeldInPg(w.server.db, sql, during);

    // On SQLite one writer at a time: the change reads the role inside its
    // write transaction, so another change cannot come between. PostgreSQL
    // reads committed data: here another transaction changes the role after
    // the request read it and before it writes.
    it('409 role_changed when the role was changed meanwhile (PostgreSQL)', { skip: ENGINE !== 'postgresql' && 'SQLite has one writer' }, async () => {
      const u = await staff('professional', [w.teamA.id]);
      await whileHeld(`UPDATE users SET role = 'researcher' WHERE id = ${u.id}`, async () => {
        assertError(await c.put(w.admin, `/users/${u.id}/role`, { role: 'teamlead' }), 409, 'role_changed');
      });
      assert.equal(roleOf(u.id), 'researcher', 'the other change stands');
      assert.equal(dbQuery(w.server.db, `SELECT count(*) FROM sessions WHERE user_id = ${u.id};`).trim(), '1', 'this request ended nothing');
    });

    // A team membership added while a role change to a role without teams
    // is on its way: the membership waits for the change and sees the new
    // role, so nobody ends up a researcher in a team.
    it('adding to a team waits for a role change under way, and refuses the new role (PostgreSQL)', { skip: ENGINE !== 'postgresql' && 'SQLite has one writer' }, async () => {
      const u = await staff('professional', [w.teamA.id], 'Ruud Rolwissel');
      await whileHeld(`UPDATE users SET role = 'researcher' WHERE id = ${u.id}; DELETE FROM team_members WHERE user_id = ${u.id}`, async () => {
        assertError(await c.post(w.admin, `/teams/${w.teamB.id}/members`, { user_id: u.id }), 422, 'validation_failed', 'user_id');
      });
      assert.equal(roleOf(u.id), 'researcher');
      assert.equal(dbQuery(w.server.db, `SELECT count(*) FROM team_members WHERE user_id = ${u.id};`).trim(), '0', 'a researcher is in no team');
    });
  });
});
