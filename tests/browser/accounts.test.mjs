// The admin's account page in a real browser (#/users/{id}): a professional
// who leaves has their account ended (by keyboard, behind a question; their
// open page asks them to log in again and their login no longer works), gets
// a new invitation that starts them again (the link sets a new password;
// the message that says so takes the focus, the link is next by Tab),
// and is taken out of a team. The admin's own account offers
// none of this. axe-core on the page, at 360 px without sideways scrolling;
// a clean SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/accounts.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, loginWithTotp, expect, call,
	browserWorld, itEndsCleanly, demoProfessional, apiYouth, apiJim, assertFocus, navTo,
} from './helpers.mjs';

const USERNAME = 'p.lotte';
const NAME = 'Lotte Vertrek';
const PASSWORD = 'een lang wachtwoord 2026';
const NEW_PASSWORD = 'weer een lang wachtwoord 2026';

describe('the admin ends, restarts and moves an account in a real browser', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('accounts');
	let server;
	let admin; // the admin's browser page
	let pro; // the leaving professional's browser page
	let user;
	let teamId;
	let secret;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a professional in the demo team who is logged in', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const { token } = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'admin', password: DEMO_PASSWORD } });
		const team = (await expect(base, 'GET', '/api/v1/teams', 200, { token })).items[0];
		teamId = team.id;
		user = await expect(base, 'POST', '/api/v1/users', 201,
			{ token, body: { username: USERNAME, display_name: NAME, role: 'professional', organisation_id: team.organisation_id, team_ids: [teamId] } });
		secret = (await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(user.invitation.token)}/accept`, 200,
			{ body: { password: PASSWORD } })).totp_secret || null;
		({ page: pro } = await w.newBrowser('pro'));
		await pro.goto(base + '/');
		await loginWithTotp(pro, USERNAME, PASSWORD, secret);
		await pro.locator('nav a', { hasText: 'Dossiers' }).waitFor();
	});

	it('opens the account from the list of users and ends it by keyboard, behind a question', { timeout: STEP_TIMEOUT }, async () => {
		({ page: admin } = await w.newBrowser('admin'));
		await admin.setViewportSize({ width: 360, height: 740 });
		await admin.goto(server.base + '/');
		await login(admin, 'admin', DEMO_PASSWORD);
		await navTo(admin, 'Gebruikers');
		await admin.locator(`#user-link-${user.id}`, { hasText: NAME }).click();
		await admin.locator('h1', { hasText: NAME }).waitFor();
		assert.equal(await admin.locator('#account-status').innerText(), 'Actief');
		await assertAccessible(admin, 'account page');
		await assertNoHorizontalScroll(admin, 'account page');

		// "No" and Escape change nothing and give the focus back.
		const open = admin.locator('#account-disable-open');
		await open.focus();
		await admin.keyboard.press('Enter');
		await admin.locator('#account-disable-q', { hasText: `Het account van ${NAME} beëindigen?` }).waitFor();
		await admin.keyboard.press('Escape');
		await assertFocus(admin, open, 'Escape: the focus is back on "Account beëindigen"');
		assert.equal(await admin.locator('#account-status').innerText(), 'Actief');

		await admin.keyboard.press('Enter');
		await admin.locator('#account-disable-yes').focus();
		await admin.keyboard.press('Enter');
		const message = admin.locator('#account-message', { hasText: `Het account van ${NAME} is beëindigd.` });
		await message.waitFor();
		await assertFocus(admin, message, 'the focus is on what happened');
		await admin.locator('#account-status', { hasText: 'Beëindigd' }).waitFor();
		assert.equal(await admin.locator('#account-disable-open').count(), 0, 'no second "end"');
		await assertAccessible(admin, 'account page, ended');
	});

	it('the professional\'s open page asks to log in again, and the login no longer works', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(pro, 'Dossiers');
		await pro.locator('#login-dialog').waitFor();
		const r = await call(server.base, 'POST', '/api/v1/session', { body: { username: USERNAME, password: PASSWORD } });
		assert.equal(r.status, 401, r.text);
	});

	it('a new invitation starts the account again with a new password, in the same team', { timeout: STEP_TIMEOUT }, async () => {
		await admin.locator('#account-invitation-open').click();
		await admin.locator('#account-invitation-q', { hasText: `Een nieuwe uitnodiging voor ${NAME} maken?` }).waitFor();
		await admin.locator('#account-invitation-yes').focus();
		await admin.keyboard.press('Enter');
		const link = admin.locator('#account-invitation-link');
		await link.waitFor();
		// The focus is on what happened, for a screen reader to read; the link follows by Tab.
		const message = admin.locator('#account-message');
		await assertFocus(admin, message, 'the focus is on the message');
		assert.equal((await message.innerText()).trim(), `Er is een nieuwe uitnodiging voor ${NAME}. Geef de link hieronder door.`);
		await admin.waitForTimeout(300);
		await assertFocus(admin, message, 'the focus stays on the message');
		await admin.keyboard.press('Tab');
		await assertFocus(admin, link, 'Tab: the link');
		await admin.locator('#account-status', { hasText: 'Uitgenodigd' }).waitFor();
		const href = await link.getAttribute('href');
		assert.match(href, /\/#\/invitation\/.+/);
		await assertAccessible(admin, 'account page with a new invitation');

		const { page } = await w.newBrowser('pro-again');
		await page.goto(href);
		await page.locator('#inv-password').fill(NEW_PASSWORD);
		await page.locator('#inv-confirm').fill(NEW_PASSWORD);
		await page.locator('form button[type=submit]').click();
		await page.locator('h1', { hasText: 'Je account is klaar' }).waitFor();
		// The demo server asks no second factor (--demo); that the TOTP secret
		// goes with a new invitation is checked in account-lifecycle.test.mjs.
		assert.equal(secret, null, 'no second factor in demo mode');
		const old = await call(server.base, 'POST', '/api/v1/session', { body: { username: USERNAME, password: PASSWORD } });
		assert.equal(old.status, 401, 'the old password no longer works');
		await page.locator('a', { hasText: 'Naar inloggen' }).click();
		await loginWithTotp(page, USERNAME, NEW_PASSWORD, null);
		await navTo(page, 'Dossiers');
		await page.locator('h1', { hasText: 'Dossiers' }).waitFor();
	});

	it('takes the professional out of the team, behind a question', { timeout: STEP_TIMEOUT }, async () => {
		await admin.reload();
		await admin.locator(`#team-out-${teamId}-open`).click();
		await admin.locator(`#team-out-${teamId}-q`, { hasText: `${NAME} uit` }).waitFor();
		await admin.locator(`#team-out-${teamId}-yes`).click();
		await admin.locator('#account-message', { hasText: `${NAME} is uit` }).waitFor();
		await admin.locator('#account-teams', { hasText: 'Niet in een team.' }).waitFor();
		await assertAccessible(admin, 'account page without teams');
	});

	it('offers the admin nothing of this on their own account', { timeout: STEP_TIMEOUT }, async () => {
		const me = await admin.evaluate(async () => (await (await fetch('/api/v1/me')).json()).id);
		await admin.goto(`${server.base}/#/users/${me}`);
		await admin.locator('#account-own').waitFor();
		assert.equal(await admin.locator('#account-disable-open, #account-invitation-open').count(), 0);
	});

	it('gives a JIM and a young person who lost their password a new login link from the dossier', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const p = await demoProfessional(base);
		const y = await apiYouth(base, p, { given_name: 'Mila', family_name: 'Kok' });
		const jimPassword = 'het wachtwoord van de jim 2026';
		await apiJim(base, p, y.id, { name: 'Oom Rob', relation: 'oom', username: 'jim.rob', password: jimPassword });
		const account = await expect(base, 'POST', `/api/v1/youths/${y.id}/account`, 201, { token: p.token, body: { username: 'jongere.mila' } });
		await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(account.invitation.token)}/accept`, 200,
			{ body: { password: 'het wachtwoord van mila 2026' } });

		const { page } = await w.newBrowser('professional');
		await page.goto(base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(`${base}/#/youths/${y.id}/jim`);
		const open = page.locator('#jim-relogin-open');
		await open.click();
		await page.locator('#jim-relogin-q', { hasText: 'Oom Rob' }).waitFor();
		await page.keyboard.press('Escape');
		await assertFocus(page, open, 'Escape: the focus is back on the button');
		await open.click();
		await page.locator('#jim-relogin-yes').click();
		const link = page.locator('#jim-invitation-link');
		await link.waitFor();
		assert.match(await page.locator('#jim-invitation-link').locator('xpath=../..').innerText(), /nieuwe link/);
		assert.equal((await call(base, 'POST', '/api/v1/session', { body: { username: 'jim.rob', password: jimPassword } })).status, 401,
			'the JIM\'s old password no longer works');
		await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(decodeURIComponent((await link.getAttribute('href')).split('/invitation/')[1]))}/accept`,
			200, { body: { password: 'een nieuw wachtwoord van de jim' } });
		await assertAccessible(page, 'JIM tab with a new login link');

		await page.goto(`${base}/#/youths/${y.id}/overview`);
		await page.locator('#youth-relogin-open').click();
		await page.locator('#youth-relogin-yes').click();
		await page.locator('#youth-invitation-link').waitFor();
		assert.equal((await call(base, 'POST', '/api/v1/session', { body: { username: 'jongere.mila', password: 'het wachtwoord van mila 2026' } })).status,
			401, 'the young person\'s old password no longer works');
		await assertAccessible(page, 'overview with a new login link');
	});

	itEndsCleanly(w);
});
