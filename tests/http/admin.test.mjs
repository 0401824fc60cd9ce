// Administration: organisations, teams, users, team members, invitations, and
// the role check on admin routes (403 + a "denied" audit event).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, loginOk, loginAdmin, createUser, assertError, dbQuery, kring, ISO_UTC } from './harness.mjs';

const USER_FIELDS = ['id', 'username', 'display_name', 'role', 'organisation_id', 'status', 'team_ids', 'created_at'];

function assertUserShape(u, what) {
  for (const f of USER_FIELDS) assert.ok(f in u, `${what}: field ${f} in ${JSON.stringify(u)}`);
  assert.ok(Number.isInteger(u.id));
  assert.ok(Array.isArray(u.team_ids));
  assert.match(u.created_at, ISO_UTC);
  assert.ok(['invited', 'active'].includes(u.status), `status ${u.status}`);
  for (const secret of ['password', 'password_hash', 'totp_secret', 'hash']) {
    assert.equal(u[secret], undefined, `${what}: no ${secret} in a user listing`);
  }
}

describe('admin: organisations, teams, users, members, invitations', () => {
  let server;
  let admin;
  let org;
  let team;
  let prof; // created with team_ids
  let second; // added to the team later

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
  });

  after(async () => {
    if (server) await server.stop();
  });

  const get = (p) => api(server.base, 'GET', p, { token: admin.token });
  const post = (p, body) => api(server.base, 'POST', p, { token: admin.token, body });

  it('creates an organisation (201) and lists it', async () => {
    const r = await post('/api/v1/organisations', { name: 'Jeugdhulp Oost' });
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id));
    assert.equal(r.json.name, 'Jeugdhulp Oost');
    assert.match(r.json.created_at, ISO_UTC);
    org = r.json;
    const l = await get('/api/v1/organisations');
    assert.equal(l.status, 200);
    assert.ok(Array.isArray(l.json.items));
    assert.deepEqual(l.json.items.find((o) => o.id === org.id), org);
  });

  it('creates a team in the organisation (201) and lists it', async () => {
    const r = await post('/api/v1/teams', { name: 'Team Oost 1', organisation_id: org.id });
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.json.id));
    assert.equal(r.json.name, 'Team Oost 1');
    assert.equal(r.json.organisation_id, org.id);
    assert.match(r.json.created_at, ISO_UTC);
    team = r.json;
    const l = await get('/api/v1/teams');
    assert.equal(l.status, 200);
    assert.deepEqual(l.json.items.find((t) => t.id === team.id), team);
  });

  it('a team with an unknown organisation is 422 with field organisation_id, and nothing is stored', async () => {
    const before = await get('/api/v1/teams');
    const r = await post('/api/v1/teams', { name: 'Spookteam', organisation_id: 999999 });
    assertError(r, 422, 'validation_failed', 'organisation_id');
    assert.deepEqual((await get('/api/v1/teams')).json, before.json);
  });

  it('creates an invited user with team_ids; the answer has the user and an invitation', async () => {
    const r = await post('/api/v1/users', {
      username: 'prof.bram',
      display_name: 'Bram de Vries',
      role: 'professional',
      organisation_id: org.id,
      team_ids: [team.id],
    });
    assert.equal(r.status, 201, r.text);
    const { invitation, ...user } = r.json;
    assertUserShape(user, 'POST /api/v1/users');
    assert.equal(user.username, 'prof.bram');
    assert.equal(user.display_name, 'Bram de Vries');
    assert.equal(user.role, 'professional');
    assert.equal(user.organisation_id, org.id);
    assert.equal(user.status, 'invited');
    assert.deepEqual(user.team_ids, [team.id]);
    assert.equal(typeof invitation.token, 'string');
    assert.ok(invitation.token.length >= 16, 'invitation token unguessable');
    assert.match(invitation.expires_at, ISO_UTC);
    assert.ok(Date.parse(invitation.expires_at) > Date.now());
    prof = { ...user, invitation };
  });

  it('only professionals and team leads are put in a team (422 team_ids, nobody created)', async () => {
    for (const role of ['jim', 'youth', 'researcher', 'privacy_officer', 'admin']) {
      const username = `geen.team.${role.replace('_', '.')}`;
      assertError(await post('/api/v1/users', { username, display_name: 'Geen Team', role, team_ids: [team.id] }), 422, 'validation_failed', 'team_ids');
      assert.ok(!(await get('/api/v1/users')).json.items.some((u) => u.username === username), `${role}: no account made`);
    }
  });

  it('a team id listed twice adds the user to that team once (same on every engine)', async () => {
    const other = await post('/api/v1/teams', { name: 'Team Dubbel', organisation_id: org.id });
    assert.equal(other.status, 201, other.text);
    const r = await post('/api/v1/users', {
      username: 'prof.dubbel',
      display_name: 'Dubbel Lid',
      role: 'professional',
      organisation_id: org.id,
      team_ids: [other.json.id, other.json.id],
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.team_ids, [other.json.id]);
  });

  it('the user list shows the new user as invited, and no secrets', async () => {
    const l = await get('/api/v1/users');
    assert.equal(l.status, 200);
    for (const u of l.json.items) assertUserShape(u, 'GET /api/v1/users');
    const u = l.json.items.find((x) => x.id === prof.id);
    assert.ok(u, 'new user listed');
    assert.equal(u.status, 'invited');
    assert.deepEqual(u.team_ids, [team.id]);
    assert.ok(l.json.items.some((x) => x.username === 'admin' && x.status === 'active'));
    assert.ok(!l.text.includes(prof.invitation.token), 'the list does not leak invitation tokens');
  });

  it('the team members listing shows the user', async () => {
    const r = await get(`/api/v1/teams/${team.id}/members`);
    assert.equal(r.status, 200, r.text);
    const m = r.json.items.find((x) => x.id === prof.id);
    assert.ok(m, `member listed: ${r.text}`);
    assert.equal(m.username, 'prof.bram');
    assert.equal(r.json.items.length, 1);
  });

  it('the invitation cannot be used to log in before acceptance', async () => {
    assertError(await login(server.base, 'prof.bram', 'whatever-password-1'), 401, 'invalid_credentials');
  });

  it('accepting the invitation once is 200 with the user; a second time is 410 gone', async () => {
    const path = `/api/v1/invitations/${encodeURIComponent(prof.invitation.token)}/accept`;
    const r = await api(server.base, 'POST', path, { body: { password: 'bram-kiest-dit-1' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, prof.id);
    assert.equal(r.json.username, 'prof.bram');
    assert.equal(r.json.role, 'professional');
    assert.equal(r.json.totp_secret, undefined, 'no totp_secret under --require-totp none');
    const again = await api(server.base, 'POST', path, { body: { password: 'iemand-anders-1' } });
    assertError(again, 410, 'invitation_used');
    // The second attempt did not change the password.
    assertError(await login(server.base, 'prof.bram', 'iemand-anders-1'), 401, 'invalid_credentials');
  });

  it('an unknown invitation token is 404 not_found, malformed or well-formed', async () => {
    // 32 characters: not the shape of a token (43 base64url characters)
    const r = await api(server.base, 'POST', '/api/v1/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/accept', { body: { password: 'wat-dan-ook-123' } });
    assertError(r, 404, 'not_found');
    // 43 characters: looked up, and not there
    const w = await api(server.base, 'POST', `/api/v1/invitations/${'A'.repeat(43)}/accept`, { body: { password: 'wat-dan-ook-123' } });
    assertError(w, 404, 'not_found');
  });

  it('an invitation expires 7 days after it was made: then 410 invitation_expired, and no login', async () => {
    const t0 = Date.now();
    const c = await post('/api/v1/users', { username: 'prof.laat', display_name: 'Laat Lid', role: 'professional', organisation_id: org.id });
    const t1 = Date.now();
    assert.equal(c.status, 201, c.text);
    const week = 7 * 24 * 3600 * 1000;
    const expires = Date.parse(c.json.invitation.expires_at);
    // expires_at is written in whole seconds
    assert.ok(expires >= t0 + week - 1000 && expires <= t1 + week, `expires_at ${c.json.invitation.expires_at} is 7 days after ${new Date(t0).toISOString()}`);
    // Age the invitation: it ran out a second ago.
    const now = Math.floor(Date.now() / 1000);
    dbQuery(server.db, `UPDATE invitations SET expires_at = ${now - 1} WHERE user_id = ${c.json.id};`);
    const path = `/api/v1/invitations/${encodeURIComponent(c.json.invitation.token)}/accept`;
    assertError(await api(server.base, 'POST', path, { body: { password: 'laat-kiest-dit-1' } }), 410, 'invitation_expired');
    assertError(await login(server.base, 'prof.laat', 'laat-kiest-dit-1'), 401, 'invalid_credentials');
    const u = (await get('/api/v1/users')).json.items.find((x) => x.id === c.json.id);
    assert.equal(u.status, 'invited', 'the account stays invited');
  });

  it('the new user logs in with the chosen password and is active with the team', async () => {
    const s = await loginOk(server.base, 'prof.bram', 'bram-kiest-dit-1');
    assert.equal(s.user.role, 'professional');
    prof.token = s.token;
    const me = await api(server.base, 'GET', '/api/v1/me', { token: s.token });
    assert.equal(me.status, 200);
    assert.deepEqual(me.json.team_ids, [team.id]);
    assert.equal(me.json.organisation_id, org.id);
    const u = (await get('/api/v1/users')).json.items.find((x) => x.id === prof.id);
    assert.equal(u.status, 'active');
  });

  it('POST /api/v1/teams/{id}/members adds a member (201 {team_id,user_id})', async () => {
    second = await createUser(server, admin.token, { username: 'lead.carla', role: 'teamlead', organisation_id: org.id });
    assert.deepEqual(second.created.team_ids, []);
    const r = await post(`/api/v1/teams/${team.id}/members`, { user_id: second.id });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json, { team_id: team.id, user_id: second.id });
    const m = await get(`/api/v1/teams/${team.id}/members`);
    assert.deepEqual(m.json.items.map((x) => x.id).sort((a, b) => a - b), [prof.id, second.id].sort((a, b) => a - b));
    const u = (await get('/api/v1/users')).json.items.find((x) => x.id === second.id);
    assert.deepEqual(u.team_ids, [team.id]);
  });

  it('adding an unknown user to a team is refused and changes nothing', async () => {
    const before = (await get(`/api/v1/teams/${team.id}/members`)).json;
    const r = await post(`/api/v1/teams/${team.id}/members`, { user_id: 999999 });
    assert.ok(r.status === 422 || r.status === 404, `status ${r.status}: ${r.text}`);
    if (r.status === 422) assertError(r, 422, 'validation_failed', 'user_id');
    assert.deepEqual((await get(`/api/v1/teams/${team.id}/members`)).json, before);
  });

  // A team belongs to one organisation, and so does a professional: the
  // admin's page offers only the person's own organisation's teams, and the
  // API and the command line hold to the same.
  describe('team membership stays within the organisation', () => {
    let elsewhere; // a team of another organisation
    before(async () => {
      const o = await post('/api/v1/organisations', { name: 'Jeugdhulp West' });
      assert.equal(o.status, 201, o.text);
      const t = await post('/api/v1/teams', { name: 'Team West 1', organisation_id: o.json.id });
      assert.equal(t.status, 201, t.text);
      elsewhere = t.json;
    });

    it('POST /teams/{id}/members: a professional of another organisation is 422 on user_id, and nothing changes', async () => {
      const before = (await get(`/api/v1/teams/${elsewhere.id}/members`)).json;
      const r = await post(`/api/v1/teams/${elsewhere.id}/members`, { user_id: second.id });
      const e = assertError(r, 422, 'validation_failed', 'user_id');
      assert.match(JSON.stringify(e), /another organisation/);
      assert.deepEqual((await get(`/api/v1/teams/${elsewhere.id}/members`)).json, before);
      assert.deepEqual((await get('/api/v1/users')).json.items.find((x) => x.id === second.id).team_ids, [team.id]);
    });

    it('POST /users with a team of another organisation is 422 on team_ids, and nobody is made', async () => {
      for (const team_ids of [[elsewhere.id], [team.id, elsewhere.id]]) {
        const r = await post('/api/v1/users', { username: 'prof.overal', display_name: 'Overal Lid', role: 'professional', organisation_id: org.id, team_ids });
        const e = assertError(r, 422, 'validation_failed', 'team_ids');
        assert.match(JSON.stringify(e), /another organisation/);
        assert.ok(!(await get('/api/v1/users')).json.items.some((u) => u.username === 'prof.overal'), `${team_ids}: no account made`);
      }
    });

    it('POST /users with a team that does not exist is 422 on team_ids, and nobody is made', async () => {
      const r = await post('/api/v1/users', { username: 'prof.geen.team', display_name: 'Geen Team', role: 'professional', organisation_id: org.id, team_ids: [team.id, 999999] });
      const e = assertError(r, 422, 'validation_failed', 'team_ids');
      assert.match(JSON.stringify(e), /no such team/);
      assert.ok(!(await get('/api/v1/users')).json.items.some((u) => u.username === 'prof.geen.team'), 'no account made');
    });

    it('kring user add --team with a team of another organisation fails, and nobody is made', () => {
      const r = kring(['user', 'add', '--db', server.db, '--username', 'cli.overal', '--role', 'professional',
        '--organisation', String(org.id), '--team', String(elsewhere.id), '--password-stdin'], 'cli-overal-wachtwoord-1\n');
      assert.notEqual(r.status, 0, r.stdout);
      assert.match(r.stderr, /another organisation/);
      assert.equal(dbQuery(server.db, "SELECT count(*) FROM users WHERE username = 'cli.overal';").trim(), '0');
    });

    it('kring user add refuses a password that is easy to guess, and nobody is made', () => {
      const r = kring(['user', 'add', '--db', server.db, '--username', 'cli.zwak', '--role', 'professional',
        '--password-stdin'], 'welkom123456\n');
      assert.notEqual(r.status, 0, r.stdout);
      assert.match(r.stderr, /too easy to guess/);
      assert.ok(!r.stderr.includes('welkom123456'), 'the password is not repeated in the message');
      assert.equal(dbQuery(server.db, "SELECT count(*) FROM users WHERE username = 'cli.zwak';").trim(), '0');
    });

    it('kring user add --team for a role without teams fails, and nobody is made', () => {
      const r = kring(['user', 'add', '--db', server.db, '--username', 'cli.onderzoek', '--role', 'researcher',
        '--organisation', String(org.id), '--team', String(team.id), '--password-stdin'], 'cli-onderzoek-wachtwoord-1\n');
      assert.notEqual(r.status, 0, r.stdout);
      assert.match(r.stderr, /only professionals and team leads work in a team/);
      assert.equal(dbQuery(server.db, "SELECT count(*) FROM users WHERE username = 'cli.onderzoek';").trim(), '0');
    });

    // Someone without an organisation (an account made without one, as the
    // first admin is) works for no organisation, so in no team: refused on
    // every way in, 422 and audited as the other refusals here (G10).
    describe('someone without an organisation is put in no team', () => {
      // The last audit event of the admin: action|object_type|outcome.
      const lastEvent = () => dbQuery(server.db,
        `SELECT action || '|' || object_type || '|' || outcome FROM audit_events WHERE user_id = ${admin.user.id} ORDER BY id DESC LIMIT 1;`).trim();
      let loose; // a professional without an organisation

      before(async () => {
        const r = await post('/api/v1/users', { username: 'prof.zonder.org', display_name: 'Zonder Org', role: 'professional' });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.organisation_id, null);
        loose = r.json;
      });

      it('POST /teams/{id}/members is 422 on user_id for a team of any organisation, audited, and nothing changes', async () => {
        for (const t of [team, elsewhere]) {
          const before = (await get(`/api/v1/teams/${t.id}/members`)).json;
          const e = assertError(await post(`/api/v1/teams/${t.id}/members`, { user_id: loose.id }), 422, 'validation_failed', 'user_id');
          assert.match(e.message, /without an organisation/);
          assert.equal(lastEvent(), 'update|team|error', 'audited as the refusal of another organisation');
          assert.deepEqual((await get(`/api/v1/teams/${t.id}/members`)).json, before);
        }
        assert.deepEqual((await get('/api/v1/users')).json.items.find((x) => x.id === loose.id).team_ids, []);
      });

      it('POST /users without organisation_id but with team_ids is 422 on team_ids, audited, and nobody is made', async () => {
        for (const team_ids of [[team.id], [elsewhere.id]]) {
          const r = await post('/api/v1/users', { username: 'prof.los', display_name: 'Los Lid', role: 'teamlead', team_ids });
          const e = assertError(r, 422, 'validation_failed', 'team_ids');
          assert.match(e.message, /without an organisation/);
          assert.equal(lastEvent(), 'create|user|error');
          assert.ok(!(await get('/api/v1/users')).json.items.some((u) => u.username === 'prof.los'), `${team_ids}: no account made`);
        }
        const r = await post('/api/v1/users', { username: 'prof.los', display_name: 'Los Lid', role: 'teamlead', team_ids: [] });
        assert.equal(r.status, 201, `no teams is fine: ${r.text}`);
      });

      it('an account of the team\'s organisation may be put in it', async () => {
        const r = await post('/api/v1/users', { username: 'prof.met.org', display_name: 'Met Org', role: 'professional', organisation_id: org.id });
        assert.equal(r.status, 201, r.text);
        assert.equal((await post(`/api/v1/teams/${team.id}/members`, { user_id: r.json.id })).status, 201);
      });

      it('kring user add --team without --organisation fails, and nobody is made', () => {
        const r = kring(['user', 'add', '--db', server.db, '--username', 'cli.zonder.org', '--role', 'professional',
          '--team', String(team.id), '--password-stdin'], 'cli-zonder-org-wachtwoord-1\n');
        assert.notEqual(r.status, 0, r.stdout);
        assert.match(r.stderr, /without an organisation/);
        assert.equal(dbQuery(server.db, "SELECT count(*) FROM users WHERE username = 'cli.zonder.org';").trim(), '0');
      });

      it('kring user add --team with the team\'s --organisation works', () => {
        const r = kring(['user', 'add', '--db', server.db, '--username', 'cli.met.org', '--role', 'professional',
          '--organisation', String(org.id), '--team', String(team.id), '--password-stdin'], 'cli-met-org-wachtwoord-1\n');
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()).team_ids, [team.id]);
      });
    });
  });

  it('members of an unknown team: 404 not_found', async () => {
    assertError(await get('/api/v1/teams/999999/members'), 404, 'not_found');
    assertError(await post('/api/v1/teams/999999/members', { user_id: prof.id }), 404, 'not_found');
  });
});

describe('admin routes are admin-only', () => {
  let server;
  let admin;
  let prof;
  let po;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
    prof = await createUser(server, admin.token, { username: 'prof.dirk', role: 'professional' });
    prof.session = await loginOk(server.base, 'prof.dirk', prof.password);
    po = await createUser(server, admin.token, { username: 'privacy.eva', role: 'privacy_officer' });
    po.session = await loginOk(server.base, 'privacy.eva', po.password);
  });

  after(async () => {
    if (server) await server.stop();
  });

  const adminRoutes = [
    ['GET', '/api/v1/organisations'],
    ['POST', '/api/v1/organisations', { name: 'Verboden org' }],
    ['GET', '/api/v1/teams'],
    ['POST', '/api/v1/teams', { name: 'Verboden team', organisation_id: 1 }],
    ['GET', '/api/v1/users'],
    ['POST', '/api/v1/users', { username: 'verboden', display_name: 'V', role: 'admin' }],
    ['GET', '/api/v1/teams/1/members'],
    ['POST', '/api/v1/teams/1/members', { user_id: 1 }],
  ];

  it('a professional gets 403 forbidden on every admin route, and nothing is created', async () => {
    const snapshot = async () => ({
      orgs: (await api(server.base, 'GET', '/api/v1/organisations', { token: admin.token })).json,
      teams: (await api(server.base, 'GET', '/api/v1/teams', { token: admin.token })).json,
      users: (await api(server.base, 'GET', '/api/v1/users', { token: admin.token })).json,
    });
    const before = await snapshot();
    for (const [m, p, body] of adminRoutes) {
      const r = await api(server.base, m, p, { token: prof.session.token, body });
      // /teams/1/members may not exist: 404 is as good as 403 for a non-admin, but never 2xx.
      if (p.includes('/members')) assert.ok(r.status === 403 || r.status === 404, `${m} ${p}: ${r.status}`);
      else assertError(r, 403, 'forbidden');
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('a privacy officer gets 403 on admin routes too', async () => {
    assertError(await api(server.base, 'GET', '/api/v1/users', { token: po.session.token }), 403, 'forbidden');
    assertError(await api(server.base, 'POST', '/api/v1/organisations', { token: po.session.token, body: { name: 'x' } }), 403, 'forbidden');
  });

  it('without a session the admin routes are 401 not_authenticated', async () => {
    for (const [m, p, body] of adminRoutes) {
      assertError(await api(server.base, m, p, { body }), 401, 'not_authenticated');
    }
  });

  it('the refusals are in the audit trail with outcome "denied" for that user', async () => {
    const r = await api(server.base, 'GET', `/api/v1/audit?user_id=${prof.id}`, { token: po.session.token });
    assert.equal(r.status, 200, r.text);
    const denied = r.json.items.filter((e) => e.outcome === 'denied');
    assert.ok(denied.length >= 1, `a denied event for user ${prof.id}: ${r.text.slice(0, 2000)}`);
    for (const e of r.json.items) assert.equal(e.user_id, prof.id);
    assert.ok(denied.every((e) => e.username === 'prof.dirk' && e.role === 'professional'), JSON.stringify(denied));
  });
});
