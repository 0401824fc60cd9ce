// Login with the second factor in a real browser, against `kring serve`
// without --demo (default policy: staff roles need TOTP): the code field
// appears after username and password, a wrong code gives a catalogue text,
// the right code logs in; repeated failures show the wait time from
// Retry-After. The server must stop cleanly on SIGTERM.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, withTimeout, cli, stopServer, assertAccessible, totp, browserWorld,
} from './helpers.mjs';

const PASSWORD = 'de sleutels van het kantoor 2026'; // not built on the username: 'beheer-wachtwoord-2026' is easy to guess (ASVS 2.1.7)
const MAX_FAILURES = 3;

describe('two-factor login in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('totp');
	let server;
	let context;
	let page;
	let pageErrors;
	let cspErrors;
	let secret;

	before(async () => {
		const prepare = (db) => {
			const out = cli(['user', 'add', '--db', db, '--username', 'beheer', '--role', 'admin',
				'--display-name', 'Beheerder Een', '--password-stdin'], PASSWORD + '\n');
			const user = JSON.parse(out.trim().split('\n').filter(Boolean).pop());
			assert.equal(typeof user.totp_secret, 'string', `user add prints a totp_secret for an admin: ${out}`);
			secret = user.totp_secret;
		};
		server = await w.start({ prepare, serverOpts: { demo: false, env: { KRING_LOGIN_MAX_FAILURES: String(MAX_FAILURES) } } });
		({ context, page, pageErrors, cspErrors } = await w.newBrowser('chromium'));
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 30000 });

	it('asks for the code after username and password, then logs in', { timeout: STEP_TIMEOUT }, async () => {
		// the web app asks /healthz whether this is a demo server; only after its answer can "no ribbon" be told
		const health = page.waitForResponse((r) => new URL(r.url()).pathname === '/healthz', { timeout: 10000 });
		await page.goto(server.base + '/');
		await health;
		await page.locator('#login-username').fill('beheer');
		await page.locator('#login-password').fill(PASSWORD);
		assert.equal(await page.locator('#login-totp').count(), 0, 'no code field before it is asked for');
		await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
		assert.equal(await page.locator('#demo-ribbon').count(), 0, 'a real server shows no demo ribbon');
		await page.locator('form button[type=submit]').click();

		const code = page.locator('#login-totp');
		await code.waitFor();
		assert.equal(await code.getAttribute('inputmode'), 'numeric');
		assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'login-totp', 'focus moves to the code field');
		await page.locator('#login-message', { hasText: 'authenticator-app' }).waitFor();
		await assertAccessible(page, 'login page with code field');

		const good = totp(secret);
		const wrong = String((parseInt(good, 10) + 500000) % 1000000).padStart(6, '0');
		await code.fill(wrong);
		await page.locator('form button[type=submit]').click();
		await page.locator('#login-message', { hasText: 'De code klopt niet.' }).waitFor();

		// A fresh code (the previous step may have crossed a 30 s boundary).
		await code.fill(totp(secret));
		await page.locator('form button[type=submit]').click();
		await page.locator('#me-name', { hasText: 'Beheerder Een' }).waitFor();
		assert.equal(await page.locator('#me-role').innerText(), 'Beheerder');
		await page.locator('#logout').click();
		await page.locator('#login-username').waitFor();
	});

	it('shows the wait time after too many failed attempts', { timeout: STEP_TIMEOUT }, async () => {
		let status = 0;
		for (let i = 0; i < MAX_FAILURES + 3 && status !== 429; i++) {
			await page.locator('#login-username').fill('beheer');
			await page.locator('#login-password').fill('wrong-password-' + i);
			const [res] = await Promise.all([
				page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
				page.locator('form button[type=submit]').click(),
			]);
			status = res.status();
			if (status !== 429) {
				assert.equal(status, 401);
				await page.locator('#login-message', { hasText: 'Gebruikersnaam of wachtwoord klopt niet.' }).waitFor();
			}
		}
		assert.equal(status, 429, `no 429 after ${MAX_FAILURES + 3} failed logins`);
		const message = page.locator('#login-message', { hasText: 'Te veel mislukte pogingen' });
		await message.waitFor();
		assert.match(await message.innerText(),
			/^Te veel mislukte pogingen\. Probeer het over \d+ (minuten|minuut|seconden|seconde) opnieuw\.\nWachtwoord vergeten\? /);
	});

	it('ran without page errors or CSP violations', { timeout: STEP_TIMEOUT }, async () => {
		assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
		assert.deepEqual(cspErrors, [], 'Content-Security-Policy violations');
	});

	it('stops the server cleanly on SIGTERM', { timeout: STEP_TIMEOUT }, async () => {
		await withTimeout(context.close(), 15000, 'chromium close');
		context = null;
		await stopServer(server);
	});
});
