// Behind HTTPS (cookie-secure = true) kring's cookies carry the prefixes that
// make a browser keep them only when they came Secure and, for the session,
// only from this very host for the whole site (docs/SECURITY.md, ASVS
// 3.4.4). In a real Chromium: the login stores __Host-kring_session and
// __Secure-kring_device (Chromium treats 127.0.0.1 as a secure origin), the
// web app keeps working across a reload on that cookie alone, and the
// logout removes it. A plain kring_session cookie, as a neighbouring site or
// a plain-HTTP answer could plant one, does not sign the browser in.
//
// Run from the repository root: node --test tests/browser/secure-cookies.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, browserWorld, itEndsCleanly, login, logout } from './helpers.mjs';

describe('with cookie-secure the browser keeps prefixed cookies and works on them', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('secure-cookies');
	let server;
	let page;

	before(async () => {
		server = await w.start({ serverOpts: { env: { KRING_COOKIE_SECURE: 'true' } } });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	// The browser's cookies that it would send to the path p of kring. (Playwright's
	// own URL filter leaves Secure cookies out for http://127.0.0.1, which
	// Chromium itself counts as a secure origin, so the paths are matched here.)
	const cookiesFor = async (p) => (await page.context().cookies())
		.filter((c) => c.domain === '127.0.0.1' && (p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : c.path + '/')));
	const cookieNames = async (p) => (await cookiesFor(p)).map((c) => c.name).sort();

	it('the login stores __Host-kring_session for the whole site and __Secure-kring_device for the login path', { timeout: STEP_TIMEOUT }, async () => {
		page = (await w.newBrowser('own')).page;
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		const all = await cookiesFor('/api/v1/session');
		const session = all.find((c) => c.name === '__Host-kring_session');
		assert.ok(session, `a __Host-kring_session cookie: ${all.map((c) => c.name)}`);
		assert.equal(session.secure, true);
		assert.equal(session.httpOnly, true);
		assert.equal(session.path, '/');
		assert.equal(session.sameSite, 'Strict');
		const device = all.find((c) => c.name === '__Secure-kring_device');
		assert.ok(device, `a __Secure-kring_device cookie: ${all.map((c) => c.name)}`);
		assert.equal(device.secure, true);
		assert.equal(device.path, '/api/v1/session');
		assert.deepEqual(all.filter((c) => !c.name.startsWith('__')), [], 'no unprefixed cookie');
		assert.deepEqual(await cookieNames('/api/v1/youths'), ['__Host-kring_session']);
	});

	it('a reload keeps the professional signed in on that cookie, and the app works', { timeout: STEP_TIMEOUT }, async () => {
		await page.reload();
		await page.locator('#me-name').waitFor();
		const list = await page.evaluate(async () => (await fetch('/api/v1/youths')).status);
		assert.equal(list, 200, 'the app\u2019s own request, on the cookie');
		await assertAccessible(page, 'home page with cookie-secure');
	});

	it('the logout removes the session cookie; the browser token stays', { timeout: STEP_TIMEOUT }, async () => {
		await logout(page);
		assert.deepEqual(await cookieNames('/api/v1/session'), ['__Secure-kring_device']);
		await page.reload();
		await page.locator('#login-username').waitFor();
	});

	it('a plain kring_session cookie with a valid token does not sign the browser in', { timeout: STEP_TIMEOUT }, async () => {
		const r = await fetch(server.base + '/api/v1/session', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ username: 'professional', password: DEMO_PASSWORD }),
		});
		assert.equal(r.status, 201);
		const { token } = await r.json();
		const planted = (await w.newBrowser('planted')).page;
		await planted.context().addCookies([{ name: 'kring_session', value: token, url: server.base + '/' }]);
		await planted.goto(server.base + '/');
		await planted.locator('#login-username').waitFor();
		assert.equal(await planted.locator('#me-name').count(), 0);
		const status = await planted.evaluate(async () => (await fetch('/api/v1/me')).status);
		assert.equal(status, 401);
	});

	itEndsCleanly(w);
});
