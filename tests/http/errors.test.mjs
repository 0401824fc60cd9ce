// Every error status of the contract, each followed by: the server still
// answers /healthz, and stored data is unchanged.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, loginOk, loginAdmin, createUser, assertError, assertAlive, sendLargeBody } from './harness.mjs';

describe('errors: every status, and bad input changes nothing', () => {
  let server;
  let admin;
  let org;
  let team;
  let prof;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    admin = await loginAdmin(server);
    org = (await api(server.base, 'POST', '/api/v1/organisations', { token: admin.token, body: { name: 'Fouten BV' } })).json;
    team = (await api(server.base, 'POST', '/api/v1/teams', { token: admin.token, body: { name: 'Team Fout', organisation_id: org.id } })).json;
    prof = await createUser(server, admin.token, { username: 'prof.fout', role: 'professional', organisation_id: org.id, team_ids: [team.id] });
    prof.session = await loginOk(server.base, 'prof.fout', prof.password);
  });

  after(async () => {
    if (server) await server.stop();
  });

  async function snapshot() {
    const out = {};
    for (const p of ['/api/v1/organisations', '/api/v1/teams', '/api/v1/users', `/api/v1/teams/${team.id}/members`]) {
      const r = await api(server.base, 'GET', p, { token: admin.token });
      assert.equal(r.status, 200, `${p}: ${r.text}`);
      out[p] = r.json;
    }
    return out;
  }

  // Runs `fn` (which sends bad requests and checks their answers), then
  // checks the server is alive and nothing stored changed.
  async function unchanged(fn) {
    const before = await snapshot();
    await fn();
    await assertAlive(server.base);
    assert.deepEqual(await snapshot(), before, 'stored data unchanged by bad requests');
  }

  const post = (p, o) => api(server.base, 'POST', p, { token: admin.token, ...o });

  it('400 malformed_json for broken JSON', async () => {
    await unchanged(async () => {
      for (const raw of ['{"name":', '{name: "x"}', "{'name':'x'}", '{"name":"x",}', '{"name":"x"} trailing', '\u0000', '{"name":"x"']) {
        const r = await post('/api/v1/organisations', { rawBody: raw });
        assertError(r, 400, 'malformed_json');
      }
      // An empty body is no JSON object either: 400 (malformed_json or bad_request).
      const empty = await post('/api/v1/organisations', { rawBody: '' });
      assertError(empty, 400);
      // Login too (no auth needed to reach the parser).
      assertError(await api(server.base, 'POST', '/api/v1/session', { rawBody: '{"username":"admin",' }), 400, 'malformed_json');
    });
  });

  it('400 bad_request for JSON that is not an object', async () => {
    await unchanged(async () => {
      const wrong = [];
      for (const raw of ['[]', '[{"name":"x"}]', '"Fouten BV 2"', '42', 'null', 'true']) {
        const r = await post('/api/v1/organisations', { rawBody: raw });
        assertError(r, 400);
        if (r.json.error.code !== 'bad_request') wrong.push(`${raw} -> ${r.json.error.code}`);
      }
      assert.deepEqual(wrong, [], 'valid JSON that is not an object is 400 bad_request');
      assertError(await api(server.base, 'POST', '/api/v1/session', { rawBody: '["admin","x"]' }), 400, 'bad_request');
    });
  });

  it('401 not_authenticated without a session', async () => {
    await unchanged(async () => {
      assertError(await api(server.base, 'GET', '/api/v1/organisations'), 401, 'not_authenticated');
      assertError(await api(server.base, 'POST', '/api/v1/organisations', { body: { name: 'anoniem' } }), 401, 'not_authenticated');
      assertError(await api(server.base, 'GET', '/api/v1/me'), 401, 'not_authenticated');
    });
  });

  it('403 forbidden for the wrong role', async () => {
    await unchanged(async () => {
      assertError(await api(server.base, 'POST', '/api/v1/organisations', { token: prof.session.token, body: { name: 'prof-org' } }), 403, 'forbidden');
      assertError(await api(server.base, 'GET', '/api/v1/audit', { token: prof.session.token }), 403, 'forbidden');
    });
  });

  it('404 not_found for unknown routes and unknown ids', async () => {
    await unchanged(async () => {
      assertError(await api(server.base, 'GET', '/api/v1/nope', { token: admin.token }), 404, 'not_found');
      assertError(await api(server.base, 'GET', '/api/v1/teams/999999/members', { token: admin.token }), 404, 'not_found');
      assertError(await post('/api/v1/teams/999999/members', { body: { user_id: prof.id } }), 404, 'not_found');
      for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999999']) {
        const r = await api(server.base, 'GET', `/api/v1/teams/${id}/members`, { token: admin.token });
        assert.ok(r.status === 404 || r.status === 400, `/teams/${id}/members: ${r.status} ${r.text}`);
        assert.ok(r.json && r.json.error, `JSON error for /teams/${id}/members`);
      }
    });
  });

  it('405 method_not_allowed with an Allow header', async () => {
    await unchanged(async () => {
      const r = await api(server.base, 'PUT', '/api/v1/organisations', { token: admin.token, body: { name: 'PUT org' } });
      assertError(r, 405, 'method_not_allowed');
      assert.match(r.headers.get('allow') || '', /GET/);
      assert.match(r.headers.get('allow') || '', /POST/);
      const d = await api(server.base, 'DELETE', '/api/v1/users', { token: admin.token });
      assertError(d, 405, 'method_not_allowed');
      assert.ok(d.headers.get('allow'), 'Allow header on 405');
    });
  });

  it('409 username_taken for a duplicate username (docs/api.md)', async () => {
    await unchanged(async () => {
      for (const username of ['admin', 'prof.fout']) {
        const r = await post('/api/v1/users', { body: { username, display_name: 'Dubbel', role: 'professional' } });
        assertError(r, 409, 'username_taken');
        assert.equal(r.json.error.field, 'username');
      }
    });
  });

  it('410 invitation_used for a used invitation', async () => {
    await unchanged(async () => {
      const r = await api(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(prof.invitation.token)}/accept`, {
        body: { password: 'nog-een-wachtwoord-1' },
      });
      assertError(r, 410, 'invitation_used');
    });
    // The old password still works, the new one does not.
    await loginOk(server.base, 'prof.fout', prof.password);
  });

  it('413 body_too_large for a body over 1 MiB', async () => {
    const large = (p, body, auth) =>
      sendLargeBody(
        server.base,
        `POST ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth ? `Authorization: Bearer ${auth}\r\n` : ''}` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
        body,
      );
    await unchanged(async () => {
      const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 16) });
      assertError(await large('/api/v1/organisations', big, admin.token), 413, 'body_too_large');
      const login = JSON.stringify({ username: 'admin', password: 'p'.repeat(2 * 1024 * 1024) });
      assertError(await large('/api/v1/session', login), 413, 'body_too_large');
    });
  });

  it('a body just under 1 MiB is parsed (and the over-long name is 422, not 413)', async () => {
    await unchanged(async () => {
      const body = JSON.stringify({ name: 'x'.repeat(1024 * 1024 - 64) });
      assert.ok(Buffer.byteLength(body) < 1024 * 1024);
      assertError(await post('/api/v1/organisations', { rawBody: body }), 422, 'validation_failed', 'name');
    });
  });

  it('415 unsupported_media_type for a non-JSON Content-Type', async () => {
    await unchanged(async () => {
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const r = await post('/api/v1/organisations', { rawBody: '{"name":"Platte tekst org"}', headers: { 'Content-Type': ct } });
        assertError(r, 415, 'unsupported_media_type');
      }
      const l = await api(server.base, 'POST', '/api/v1/session', {
        rawBody: JSON.stringify({ username: 'admin', password: server.admin.password }),
        headers: { 'Content-Type': 'text/plain' },
      });
      assertError(l, 415, 'unsupported_media_type');
    });
  });

  it('application/json with a charset parameter is accepted', async () => {
    const r = await post('/api/v1/organisations', { rawBody: '{"name":"Charset org"}', headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(r.status, 201, r.text);
  });

  it('422 validation_failed with field: organisations and teams', async () => {
    await unchanged(async () => {
      assertError(await post('/api/v1/organisations', { body: { name: '' } }), 422, 'validation_failed', 'name');
      assertError(await post('/api/v1/organisations', { body: {} }), 422, 'validation_failed', 'name');
      assertError(await post('/api/v1/organisations', { body: { name: 'x'.repeat(201) } }), 422, 'validation_failed', 'name');
      assertError(await post('/api/v1/teams', { body: { name: '', organisation_id: org.id } }), 422, 'validation_failed', 'name');
      assertError(await post('/api/v1/teams', { body: { name: 'Team zonder org' } }), 422, 'validation_failed', 'organisation_id');
      assertError(await post('/api/v1/teams', { body: { name: 'Team Spook', organisation_id: 999999 } }), 422, 'validation_failed', 'organisation_id');
    });
  });

  it('a name of exactly 200 characters is accepted', async () => {
    const r = await post('/api/v1/organisations', { body: { name: 'n'.repeat(200) } });
    assert.equal(r.status, 201, r.text);
  });

  it('422 validation_failed with field: users', async () => {
    await unchanged(async () => {
      const good = { username: 'goede.naam', display_name: 'Goed', role: 'professional' };
      const cases = [
        [{ ...good, role: 'superuser' }, 'role'],
        [{ ...good, role: 'Admin' }, 'role'],
        [{ ...good, role: '' }, 'role'],
        [{ username: 'goede.naam', display_name: 'Goed' }, 'role'],
        [{ ...good, username: 'Hoofd.Letters' }, 'username'],
        [{ ...good, username: 'met spatie' }, 'username'],
        [{ ...good, username: 'uitroep!' }, 'username'],
        [{ ...good, username: 'ab' }, 'username'],
        [{ ...good, username: 'a'.repeat(65) }, 'username'],
        [{ ...good, username: 'caf\u00e9' }, 'username'],
        [{ ...good, username: '../admin' }, 'username'],
        [{ ...good, username: '' }, 'username'],
        [{ display_name: 'Goed', role: 'professional' }, 'username'],
        [{ ...good, display_name: '' }, 'display_name'],
        [{ ...good, display_name: 'd'.repeat(101) }, 'display_name'],
        [{ ...good, organisation_id: 999999 }, 'organisation_id'],
        [{ ...good, team_ids: [999999] }, 'team_ids'],
      ];
      for (const [body, field] of cases) {
        assertError(await post('/api/v1/users', { body }), 422, 'validation_failed', field);
      }
    });
  });

  it('usernames at the length limits (3 and 64) with . _ - are accepted', async () => {
    for (const username of ['a.b', 'a_b-c.d' + 'x'.repeat(57)]) {
      const r = await post('/api/v1/users', { body: { username, display_name: 'Grens', role: 'jim' } });
      assert.equal(r.status, 201, `${username}: ${r.text}`);
    }
  });

  it('422 validation_failed field password on invitation acceptance; the invitation stays usable', async () => {
    const c = await post('/api/v1/users', { body: { username: 'nieuw.wachtwoord', display_name: 'NW', role: 'professional' } });
    assert.equal(c.status, 201, c.text);
    const path = `/api/v1/invitations/${encodeURIComponent(c.json.invitation.token)}/accept`;
    await unchanged(async () => {
      for (const password of ['kort', '12345678901', 'nieuw.wachtwoord', '123456789012', 'welkom123456', 'nieuw.wachtwoord1', '', undefined]) {
        const body = password === undefined ? {} : { password };
        assertError(await api(server.base, 'POST', path, { body }), 422, 'validation_failed', 'password');
      }
    });
    // None of the bad attempts used up the invitation.
    const ok = await api(server.base, 'POST', path, { body: { password: 'twaalf tekens of meer' } });
    assert.equal(ok.status, 200, ok.text);
    await loginOk(server.base, 'nieuw.wachtwoord', 'twaalf tekens of meer');
  });

  it('the admin session still works after all of the above', async () => {
    const r = await api(server.base, 'GET', '/api/v1/me', { token: admin.token });
    assert.equal(r.status, 200);
  });
});
