// Someone who knows a username fails on purpose until it is locked
// (docs/SECURITY.md G14). The owner logs in as always in the browser they
// used before: it keeps the kring_device cookie the first login gave it, so
// the lockout that the other person caused does not hold it back. A browser
// that never logged in with that account still meets the lockout and says so
// in plain words. At 360 px, with axe.
//
// Run from the repository root: node --test tests/browser/login-device.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, browserWorld, itEndsCleanly, login, logout, phonePage,
} from './helpers.mjs';

const MAX = 5;

describe('a lockout someone else caused does not hold back the owner’s own browser', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('login-device');
	let server;
	let own;

	before(async () => {
		// 127.0.0.1 is trusted as a proxy so that the other person's tries come
		// from an address of their own (X-Forwarded-For); the browsers send none.
		server = await w.start({ serverOpts: { env: { KRING_LOGIN_MAX_FAILURES: String(MAX), KRING_TRUSTED_PROXY: '127.0.0.1' } } });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('the professional logs in once in their own browser and out again', { timeout: STEP_TIMEOUT }, async () => {
		own = await phonePage(w, 'own');
		await own.goto(server.base + '/');
		await login(own, 'professional', DEMO_PASSWORD);
		const cookies = await own.context().cookies(server.base + '/api/v1/session');
		const device = cookies.find((c) => c.name === 'kring_device');
		assert.ok(device, `the browser keeps a kring_device cookie: ${cookies.map((c) => c.name)}`);
		assert.equal(device.httpOnly, true);
		assert.equal(device.path, '/api/v1/session');
		await logout(own);
	});

	it('someone else locks the username from elsewhere', { timeout: STEP_TIMEOUT }, async () => {
		const statuses = [];
		for (let i = 0; i <= MAX; i++) {
			const r = await fetch(server.base + '/api/v1/session', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.66' },
				body: JSON.stringify({ username: 'professional', password: `geraden-${i}` }),
			});
			statuses.push(r.status);
		}
		assert.deepEqual(statuses, [...Array(MAX).fill(401), 429]);
	});

	it('a browser that never logged in as the professional meets the lockout, in plain words', { timeout: STEP_TIMEOUT }, async () => {
		const other = await phonePage(w, 'other');
		await other.goto(server.base + '/');
		await other.locator('#login-username').fill('professional');
		await other.locator('#login-password').fill(DEMO_PASSWORD);
		await other.locator('form button[type=submit]').click();
		const message = other.locator('#login-message');
		await message.waitFor();
		assert.match(await message.innerText(), /^Te veel mislukte pogingen\. Probeer het over (\d+ minuten|1 minuut) opnieuw\./);
		assert.equal(await other.locator('#me-name').count(), 0);
		await assertAccessible(other, 'login page, locked out');
	});

	it('the professional’s own browser logs in as always', { timeout: STEP_TIMEOUT }, async () => {
		await login(own, 'professional', DEMO_PASSWORD);
		await assertAccessible(own, 'home page after the login');
	});

	itEndsCleanly(w);
});
