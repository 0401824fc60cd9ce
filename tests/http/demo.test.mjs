// `kring serve --demo`: seeds an organisation, a team and one user per role
// (password kring-demo-2026, no TOTP), once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, login, removeDir, kring, dbQuery } from './harness.mjs';
import { setupDossierWorld, createYouth } from './dossier-fixture.mjs';

const DEMO_PASSWORD = 'kring-demo-2026';
const DEMO_USERS = {
  admin: 'admin',
  professional: 'professional',
  teamlead: 'teamlead',
  jim: 'jim',
  youth: 'youth',
  privacy: 'privacy_officer',
  researcher: 'researcher',
};

describe('serve --demo', () => {
  let server;
  let dir;
  let adminToken;
  let firstSeed;

  before(async () => {
    server = await startServer({ demo: true });
    dir = server.dir;
  });

  after(async () => {
    if (server) await server.stop({ keepDir: true });
    if (dir) removeDir(dir);
  });

  it('every demo user logs in with the demo password and no TOTP, with the right role', async () => {
    for (const [username, role] of Object.entries(DEMO_USERS)) {
      const r = await login(server.base, username, DEMO_PASSWORD);
      assert.equal(r.status, 201, `${username}: ${r.text}`);
      assert.equal(r.json.user.role, role, username);
      if (username === 'admin') adminToken = r.json.token;
    }
  });

  it('says on /healthz that it is a demo, so the web app can mark every screen', async () => {
    const h = await api(server.base, 'GET', '/healthz');
    assert.equal(h.status, 200, h.text);
    assert.equal(h.json.demo, true, h.text);
  });

  it('seeds "Demo Jeugdhulp" with "Team Noord"', async () => {
    const orgs = await api(server.base, 'GET', '/api/v1/organisations', { token: adminToken });
    assert.equal(orgs.status, 200, orgs.text);
    const org = orgs.json.items.find((o) => o.name === 'Demo Jeugdhulp');
    assert.ok(org, orgs.text);
    const teams = await api(server.base, 'GET', '/api/v1/teams', { token: adminToken });
    const team = teams.json.items.find((t) => t.name === 'Team Noord');
    assert.ok(team, teams.text);
    assert.equal(team.organisation_id, org.id);
    const users = await api(server.base, 'GET', '/api/v1/users', { token: adminToken });
    assert.deepEqual(users.json.items.map((u) => u.username).sort(), Object.keys(DEMO_USERS).sort());
    firstSeed = { orgs: orgs.json, teams: teams.json, users: users.json };
  });

  it('a second start with --demo on the same database seeds nothing new', async () => {
    await server.stop({ keepDir: true });
    server = await startServer({ demo: true, reuseDir: dir });
    const t = await login(server.base, 'admin', DEMO_PASSWORD);
    assert.equal(t.status, 201, t.text);
    const token = t.json.token;
    const orgs = await api(server.base, 'GET', '/api/v1/organisations', { token });
    const teams = await api(server.base, 'GET', '/api/v1/teams', { token });
    const users = await api(server.base, 'GET', '/api/v1/users', { token });
    assert.deepEqual({ orgs: orgs.json, teams: teams.json, users: users.json }, firstSeed);
  });

  it('the same database does not start without --demo: its accounts share a published password', async () => {
    const db = server.db;
    await server.stop({ keepDir: true });
    server = null;
    for (const totp of ['none', 'staff']) {
      const serve = kring(['serve', '--db', db, '--listen', '127.0.0.1:0', '--require-totp', totp],
        undefined, { timeout: 20000 });
      assert.notEqual(serve.status, 0, `serve without --demo must not run: ${serve.stderr}`);
      assert.match(serve.stderr, /made by the demo/);
    }
  });
});

describe('demo mode refuses a database with real accounts', () => {
  let server;
  let dir;

  before(async () => {
    server = await startServer({ requireTotp: 'staff' }); // kring init + kring user add admin
    dir = server.dir;
    await server.stop({ keepDir: true });
  });

  after(() => {
    if (dir) removeDir(dir);
  });

  it('kring serve --demo and kring demo stop instead of switching two-factor login off', () => {
    const serve = kring(['serve', '--db', server.db, '--listen', '127.0.0.1:0', '--demo'], undefined, { timeout: 20000 });
    assert.notEqual(serve.status, 0, `serve --demo must not run: ${serve.stderr}`);
    assert.match(serve.stderr, /accounts that the demo did not make/);
    assert.doesNotMatch(serve.stderr, /listening/);
    const demo = kring(['demo', '--db', server.db, '--youths', '1'], undefined, { timeout: 20000 });
    assert.notEqual(demo.status, 0, demo.stderr);
    const sql = "SELECT count(*) FROM users WHERE username IN ('professional', 'jim');";
    assert.equal(dbQuery(server.db, { sqlite: sql, postgresql: sql }).trim(), '0', 'no demo accounts were added');
  });
});

describe('demo mode is not fooled by a user who types the seed\'s words', () => {
  let w;
  let dir;

  before(async () => {
    w = await setupDossierWorld();
    const y = await createYouth(w.base, w.pA, w.teamA.id);
    const g = await api(w.base, 'POST', `/api/v1/youths/${y.id}/break-glass`, { token: w.pB.token, body: { reason: 'demo data (kring serve --demo)' } });
    assert.equal(g.status, 201, g.text);
    dir = w.server.dir;
    await w.server.stop({ keepDir: true });
  });

  after(() => {
    if (dir) removeDir(dir);
  });

  it('a break-the-glass reason with the seed\'s text does not make a real database a demo', () => {
    const sql = "SELECT count(*) FROM audit_events WHERE reason = 'demo data (kring serve --demo)';";
    assert.notEqual(dbQuery(w.server.db, { sqlite: sql, postgresql: sql }).trim(), '0', 'the text is in the trail');
    const serve = kring(['serve', '--db', w.server.db, '--listen', '127.0.0.1:0', '--demo'], undefined, { timeout: 20000 });
    assert.notEqual(serve.status, 0, `serve --demo must not run: ${serve.stderr}`);
    assert.match(serve.stderr, /accounts that the demo did not make/);
  });
});
