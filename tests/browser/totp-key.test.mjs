// Login in a real browser on a server that seals TOTP secrets (`--totp-key`,
// auth/totp_key.h): an admin whose secret the server's key opens logs in
// with the code; an admin whose secret was sealed with another key gets the
// catalogue's words for 503 totp_unavailable at the code field, not "the
// code is wrong", and stays on the login page.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { STEP_TIMEOUT, cli, assertAccessible, totp, browserWorld, itEndsCleanly } from './helpers.mjs';

const PASSWORD = 'de sleutels van het kantoor 2026';

function keyFile(dir, name) {
	const file = path.join(dir, name);
	writeFileSync(file, randomBytes(32), { mode: 0o600 });
	return file;
}

// Adds an admin with `kring user add --totp-key key` and returns its base32 secret.
function addAdmin(db, username, displayName, key) {
	const out = cli(['user', 'add', '--db', db, '--username', username, '--role', 'admin',
		'--display-name', displayName, '--password-stdin', '--totp-key', key], PASSWORD + '\n');
	return JSON.parse(out.trim().split('\n').filter(Boolean).pop()).totp_secret;
}

// Fills username and password, waits for the code field, enters the code and sends it.
async function loginWithCode(page, username, code) {
	await page.locator('#login-username').fill(username);
	await page.locator('#login-password').fill(PASSWORD);
	await page.locator('form button[type=submit]').click();
	await page.locator('#login-totp').waitFor();
	await page.locator('#login-totp').fill(code);
	await page.locator('form button[type=submit]').click();
}

describe('login with sealed TOTP secrets in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('totp-key');
	let page;
	const secrets = {};

	before(async () => {
		const env = {}; // filled by prepare, which runs before the server starts
		let db;
		const prepare = (path) => {
			db = path;
			env.KRING_TOTP_KEY = keyFile(w.dir, 'totp.key');
			secrets.good = addAdmin(db, 'beheer', 'Beheerder Een', env.KRING_TOTP_KEY);
		};
		await w.start({ prepare, serverOpts: { demo: false, env } });
		// Sealed with another key while the server runs (at its start it would refuse).
		secrets.other = addAdmin(db, 'beheer.twee', 'Beheerder Twee', keyFile(w.dir, 'other.key'));
		({ page } = await w.newBrowser('chromium'));
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 30000 });

	it('an account whose secret was sealed with another key is told to ask the administrator', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(w.server.base + '/');
		await loginWithCode(page, 'beheer.twee', totp(secrets.other));
		await page.locator('#login-message', { hasText: 'Inloggen met een code lukt nu niet. Vraag de beheerder om hulp.' }).waitFor();
		assert.equal(await page.locator('#me-name').count(), 0, 'not logged in');
		await assertAccessible(page, 'login page with the totp_unavailable message');
	});

	it('an account whose secret the key opens logs in with its code', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(w.server.base + '/');
		await loginWithCode(page, 'beheer', totp(secrets.good));
		await page.locator('#me-name', { hasText: 'Beheerder Een' }).waitFor();
	});

	itEndsCleanly(w);
});
