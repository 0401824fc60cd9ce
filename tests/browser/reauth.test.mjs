// A sensitive action long after the login asks for the password again: the
// admin invites a user 20 minutes (as set in the database) after logging in;
// the server answers 403 reauth_required and a dialog asks the password,
// over the page, which keeps what was typed. A wrong password says so at the
// field; the right one sends the invitation after all and the focus goes
// back. Cancel (Escape) says that the password was not confirmed and
// invites nobody. On a 360 px phone, by keyboard, axe-core.
//
// Run from the repository root: node --test tests/browser/reauth.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, loginWithTotp, browserWorld,
	itEndsCleanly, navTo, cli, totp,
} from './helpers.mjs';

// Every session of the world's database looks 20 minutes past its password (reauth-window is 15).
function ageSessions(w) {
	const r = spawnSync('sqlite3', [path.join(w.dir, 'k.db')], { encoding: 'utf8',
		input: ".timeout 5000\nUPDATE sessions SET authenticated_at = CAST(strftime('%s', 'now') AS INTEGER) - 1200;\n" });
	assert.equal(r.status, 0, r.stderr);
}

function userCount(w, username) {
	const r = spawnSync('sqlite3', [path.join(w.dir, 'k.db'), `SELECT count(*) FROM users WHERE username = '${username}';`], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return Number(r.stdout.trim());
}

async function invite(page, username, name) {
	await page.locator('#user-username').fill(username);
	await page.locator('#user-display-name').fill(name);
	await page.locator('form button[type=submit]', { hasText: 'Gebruiker uitnodigen' }).focus();
	await page.keyboard.press('Enter');
}

describe('a sensitive action asks for the password again', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('reauth');
	let server;
	let page;

	before(async () => {
		server = await w.start();
		({ page } = await w.newBrowser('admin'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Gebruikers');
		await page.locator('#user-table').waitFor();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('asks with a dialog over the page, focus on the password; a wrong one is said at the field', { timeout: STEP_TIMEOUT }, async () => {
		ageSessions(w);
		await invite(page, 'later.collega', 'Lotte Later');
		const dialog = page.locator('#reauth-dialog');
		await dialog.waitFor();
		assert.equal(await page.locator('#reauth-title').innerText(), 'Bevestig dat jij het bent');
		assert.equal(await page.locator('main').isHidden(), true, 'the page is hidden under the dialog');
		await assertFocus(page, page.locator('#reauth-password'), 'the password field takes the focus');
		await assertAccessible(page, 'the password dialog');
		await assertNoHorizontalScroll(page, 'the password dialog at 360 px');
		assert.equal(userCount(w, 'later.collega'), 0, 'nobody invited yet');

		await page.keyboard.type('niet-het-goede-wachtwoord');
		await page.keyboard.press('Enter');
		const error = page.locator('#reauth-password-error');
		await error.waitFor();
		assert.equal(await error.innerText(), 'Dit wachtwoord klopt niet.');
		await assertFocus(page, page.locator('#reauth-password'), 'the focus stays in the password field');
		assert.equal(await page.locator('#reauth-password').getAttribute('aria-invalid'), 'true');
		assert.equal(userCount(w, 'later.collega'), 0);
	});

	it('the right password sends the invitation after all; the page is back, as it was', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#reauth-password').fill(DEMO_PASSWORD);
		await page.keyboard.press('Enter');
		await page.locator('#invitation-link').waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0, 'the dialog is gone');
		assert.match(await page.locator('#user-message').innerText(), /Lotte Later/);
		await assertFocus(page, page.locator('#user-message'), 'the message of the invitation takes the focus');
		assert.equal(userCount(w, 'later.collega'), 1);
		await assertAccessible(page, 'the users page after confirming');
	});

	it('within the window the next invitation asks nothing', { timeout: STEP_TIMEOUT }, async () => {
		await invite(page, 'direct.collega', 'Daan Direct');
		await page.locator('#user-message', { hasText: 'Daan Direct' }).waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0);
		assert.equal(userCount(w, 'direct.collega'), 1);
	});

	it('Escape cancels: nobody is invited, the form says why and keeps what was typed', { timeout: STEP_TIMEOUT }, async () => {
		ageSessions(w);
		await invite(page, 'niet.collega', 'Nina Niet');
		await page.locator('#reauth-dialog').waitFor();
		await page.keyboard.press('Escape');
		await page.locator('#reauth-dialog').waitFor({ state: 'detached' });
		const message = page.locator('#user-form-message');
		await message.filter({ hasText: 'Bevestig eerst je wachtwoord. Probeer het daarna opnieuw.' }).waitFor();
		assert.equal(await page.locator('#user-username').inputValue(), 'niet.collega', 'what was typed stays');
		await assertFocus(page, page.locator('form button[type=submit]', { hasText: 'Gebruiker uitnodigen' }), 'back on the button that was pressed');
		assert.equal(userCount(w, 'niet.collega'), 0);
		await assertAccessible(page, 'the users page after cancelling');
	});

	it('a session that ends while the dialog is open: the login takes over, the action is not sent after it', { timeout: STEP_TIMEOUT }, async () => {
		ageSessions(w);
		await page.locator('#user-username').fill('');
		await invite(page, 'verlopen.collega', 'Vera Verlopen');
		await page.locator('#reauth-dialog').waitFor();
		// the session ends (as after the idle limit) and another call of the page meets it
		const r = spawnSync('sqlite3', [path.join(w.dir, 'k.db')], { encoding: 'utf8', input: '.timeout 5000\nDELETE FROM sessions;\n' });
		assert.equal(r.status, 0, r.stderr);
		await page.evaluate(async () => {
			const api = await import('/api.js');
			await api.get('/api/v1/teams').catch(() => {});
		});
		await page.locator('#login-dialog').waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0, 'the password dialog is gone');
		await page.locator('#login-dialog #login-username').fill('admin');
		await page.locator('#login-dialog #login-password').fill(DEMO_PASSWORD);
		await page.locator('#login-dialog button[type=submit]').click();
		await page.locator('#login-dialog').waitFor({ state: 'detached' });
		await page.locator('#user-form-message', { hasText: 'Bevestig eerst je wachtwoord' }).waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0, 'and does not come back after the login');
		assert.equal(userCount(w, 'verlopen.collega'), 0, 'nobody invited');
	});

	itEndsCleanly(w);
});

describe('the dialog asks for the code too when the login needs one', { timeout: 4 * STEP_TIMEOUT }, () => {
	const PASSWORD = 'de sleutels van het kantoor 2026';
	const w = browserWorld('reauth-totp');
	let page;
	let secret;
	let loginCode;

	before(async () => {
		const prepare = (db) => {
			const out = cli(['user', 'add', '--db', db, '--username', 'beheer', '--role', 'admin',
				'--display-name', 'Beheerder Een', '--password-stdin'], PASSWORD + '\n');
			secret = JSON.parse(out.trim().split('\n').filter(Boolean).pop()).totp_secret;
			assert.equal(typeof secret, 'string', out);
		};
		const server = await w.start({ prepare, serverOpts: { demo: false } });
		({ page } = await w.newBrowser('admin'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		loginCode = await loginWithTotp(page, 'beheer', PASSWORD, secret);
		await navTo(page, 'Gebruikers');
		await page.locator('#user-table').waitFor();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('after the password the code field appears, with the focus; the login\'s code is refused', { timeout: STEP_TIMEOUT }, async () => {
		ageSessions(w);
		await invite(page, 'code.collega', 'Cor Code');
		await page.locator('#reauth-dialog').waitFor();
		assert.equal(await page.locator('#reauth-totp').count(), 0, 'no code field before it is asked for');
		await page.keyboard.type(PASSWORD);
		await page.keyboard.press('Enter');
		await page.locator('#reauth-totp').waitFor();
		await assertFocus(page, page.locator('#reauth-totp'), 'the code field takes the focus');
		assert.equal(await page.locator('#reauth-message').innerText(), 'Vul ook de code uit je authenticator-app in.');
		assert.equal(await page.locator('#reauth-totp').getAttribute('autocomplete'), 'one-time-code');
		await assertAccessible(page, 'the password dialog with the code field');
		await page.keyboard.type(loginCode);
		await page.keyboard.press('Enter');
		const error = page.locator('#reauth-totp-error');
		await error.waitFor();
		assert.equal(await error.innerText(), 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code.');
		assert.equal(userCount(w, 'code.collega'), 0);
	});

	it('a fresh code confirms, and the invitation is made', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#reauth-totp').fill(totp(secret, Date.now() + 30000));
		await page.keyboard.press('Enter');
		await page.locator('#invitation-link').waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0);
		assert.equal(userCount(w, 'code.collega'), 1);
	});

	itEndsCleanly(w);
});
