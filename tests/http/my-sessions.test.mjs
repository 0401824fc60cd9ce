// "Log out everywhere else" (DELETE /api/v1/me/sessions, ASVS 3.3.4 in part):
// every other session of the caller's account ends, and its calendar link
// (a lost phone's calendar would go on showing the meetings); this session
// goes on, and nobody else's session is touched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, loginAdmin, loginOk, createUser, assertError } from './harness.mjs';

describe('logging out everywhere else', () => {
  let server;
  let user;
  let other;

  before(async () => {
    server = await startServer({ requireTotp: 'none' });
    const admin = await loginAdmin(server);
    user = await createUser(server, admin.token, { username: 'p.overal', role: 'professional' });
    other = await createUser(server, admin.token, { username: 'p.ander', role: 'professional' });
  });
  after(async () => {
    if (server) await server.stop();
  });

  const me = (s) => api(server.base, 'GET', '/api/v1/me', { token: s.token });

  it('ends the caller\'s other sessions and counts them; this one and other people\'s go on', async () => {
    const here = await loginOk(server.base, user.username, user.password);
    const phone = await loginOk(server.base, user.username, user.password);
    const laptop = await loginOk(server.base, user.username, user.password);
    const someoneElse = await loginOk(server.base, other.username, other.password);
    const feed = await api(server.base, 'POST', '/api/v1/me/calendar-feed', { token: phone.token, body: {} });
    assert.equal(feed.status, 201, feed.text);
    const r = await api(server.base, 'DELETE', '/api/v1/me/sessions', { token: here.token });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { ended: 2 });
    assert.equal((await me(here)).status, 200, 'this session goes on');
    assertError(await me(phone), 401, 'not_authenticated');
    assertError(await me(laptop), 401, 'not_authenticated');
    assert.equal((await me(someoneElse)).status, 200, 'someone else\'s session is untouched');
    const cal = await fetch(new URL(new URL(feed.json.url).pathname, server.base));
    assert.equal(cal.status, 404, 'the calendar link of the lost phone ends too');
    const again = await api(server.base, 'DELETE', '/api/v1/me/sessions', { token: here.token });
    assert.deepEqual(again.json, { ended: 0 }, 'nothing left to end');
  });

  it('needs a session', async () => {
    assertError(await api(server.base, 'DELETE', '/api/v1/me/sessions', {}), 401, 'not_authenticated');
  });
});
