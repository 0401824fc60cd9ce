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
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, browserWorld, itEndsCleanly, navTo,
} from './helpers.mjs';

describe('a sensitive action asks for the password again', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('reauth');
	let server;
	let page;

	// Every session looks 20 minutes past its password (reauth-window is 15).
	const ageSessions = () => {
		const r = spawnSync('sqlite3', [path.join(w.dir, 'k.db')], { encoding: 'utf8',
			input: ".timeout 5000\nUPDATE sessions SET authenticated_at = CAST(strftime('%s', 'now') AS INTEGER) - 1200;\n" });
		assert.equal(r.status, 0, r.stderr);
	};
	const userCount = (username) => {
		const r = spawnSync('sqlite3', [path.join(w.dir, 'k.db'), `SELECT count(*) FROM users WHERE username = '${username}';`], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		return Number(r.stdout.trim());
	};
	const invite = async (username, name) => {
		await page.locator('#user-username').fill(username);
		await page.locator('#user-display-name').fill(name);
		await page.locator('form button[type=submit]', { hasText: 'Gebruiker uitnodigen' }).focus();
		await page.keyboard.press('Enter');
	};

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
		ageSessions();
		await invite('later.collega', 'Lotte Later');
		const dialog = page.locator('#reauth-dialog');
		await dialog.waitFor();
		assert.equal(await page.locator('#reauth-title').innerText(), 'Bevestig dat jij het bent');
		assert.equal(await page.locator('main').isHidden(), true, 'the page is hidden under the dialog');
		await assertFocus(page, page.locator('#reauth-password'), 'the password field takes the focus');
		await assertAccessible(page, 'the password dialog');
		await assertNoHorizontalScroll(page, 'the password dialog at 360 px');
		assert.equal(userCount('later.collega'), 0, 'nobody invited yet');

		await page.keyboard.type('niet-het-goede-wachtwoord');
		await page.keyboard.press('Enter');
		const error = page.locator('#reauth-password-error');
		await error.waitFor();
		assert.equal(await error.innerText(), 'Dit wachtwoord klopt niet.');
		await assertFocus(page, page.locator('#reauth-password'), 'the focus stays in the password field');
		assert.equal(await page.locator('#reauth-password').getAttribute('aria-invalid'), 'true');
		assert.equal(userCount('later.collega'), 0);
	});

	it('the right password sends the invitation after all; the page is back, as it was', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#reauth-password').fill(DEMO_PASSWORD);
		await page.keyboard.press('Enter');
		await page.locator('#invitation-link').waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0, 'the dialog is gone');
		assert.match(await page.locator('#user-message').innerText(), /Lotte Later/);
		await assertFocus(page, page.locator('#user-message'), 'the message of the invitation takes the focus');
		assert.equal(userCount('later.collega'), 1);
		await assertAccessible(page, 'the users page after confirming');
	});

	it('within the window the next invitation asks nothing', { timeout: STEP_TIMEOUT }, async () => {
		await invite('direct.collega', 'Daan Direct');
		await page.locator('#user-message', { hasText: 'Daan Direct' }).waitFor();
		assert.equal(await page.locator('#reauth-dialog').count(), 0);
		assert.equal(userCount('direct.collega'), 1);
	});

	it('Escape cancels: nobody is invited, the form says why and keeps what was typed', { timeout: STEP_TIMEOUT }, async () => {
		ageSessions();
		await invite('niet.collega', 'Nina Niet');
		await page.locator('#reauth-dialog').waitFor();
		await page.keyboard.press('Escape');
		await page.locator('#reauth-dialog').waitFor({ state: 'detached' });
		const message = page.locator('#user-form-message');
		await message.filter({ hasText: 'Bevestig eerst je wachtwoord. Probeer het daarna opnieuw.' }).waitFor();
		assert.equal(await page.locator('#user-username').inputValue(), 'niet.collega', 'what was typed stays');
		await assertFocus(page, page.locator('form button[type=submit]', { hasText: 'Gebruiker uitnodigen' }), 'back on the button that was pressed');
		assert.equal(userCount('niet.collega'), 0);
		await assertAccessible(page, 'the users page after cancelling');
	});

	itEndsCleanly(w);
});
