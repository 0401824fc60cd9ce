// The admin creates a user on a 360 px phone, against a real
// `kring serve --demo`: the invitation link (and the message) appear only
// once the user list has been fetched again, so the list shows the new user
// at that moment (the list's GET is held back 1.5 s to tell). The message
// that says what happened takes the focus, for a screen reader to read; the
// link, described by the text that says what it is for, is next by Tab.
// By keyboard; axe-core, no horizontal scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/admin-invite.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, browserWorld, itEndsCleanly, navTo,
} from './helpers.mjs';

describe('the admin\'s invitation link comes after the user list, the focus on its message', { timeout: 4 * STEP_TIMEOUT }, () => {
	const w = browserWorld('admin-invite');
	let server;
	let page;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('creates a user: the link shows once the list has them, the focus on the message before it', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('admin'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Gebruikers');
		await page.locator('#user-table').waitFor();
		let hold = false;
		await page.route('**/api/v1/users', async (route) => {
			if (hold && route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1500));
			await route.continue();
		});
		// the user table's text at the moment the link first shows
		await page.evaluate(() => {
			window.__listAtLink = null;
			const obs = new MutationObserver(() => {
				if (window.__listAtLink !== null || !document.getElementById('invitation-link')) return;
				const table = document.getElementById('user-table');
				window.__listAtLink = table ? table.innerText : '';
				obs.disconnect();
			});
			obs.observe(document.body, { subtree: true, childList: true });
		});
		hold = true;
		await page.locator('#user-username').fill('nieuwe.collega');
		await page.locator('#user-display-name').fill('Noor Nieuwenhuis');
		await page.locator('form button[type=submit]', { hasText: 'Gebruiker uitnodigen' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => window.__listAtLink !== null, null, { timeout: 20000 });
		assert.match(await page.evaluate(() => window.__listAtLink), /Noor Nieuwenhuis/, 'the list has the new user when the link appears');
		hold = false;
		const link = page.locator('#invitation-link');
		assert.match(await link.getAttribute('href'), /\/#\/invitation\/.+/);
		const message = page.locator('#user-message');
		await assertFocus(page, message, 'the message takes the focus');
		assert.match(await message.innerText(), /Noor Nieuwenhuis/);
		await page.waitForTimeout(300);
		await assertFocus(page, message, 'the focus stays on the message');
		await page.keyboard.press('Tab');
		await assertFocus(page, link, 'Tab: the link');
		assert.equal(await link.getAttribute('aria-describedby'), 'invitation-link-text');
		assert.match(await page.locator('#invitation-link-text').innerText(), /Stuur deze link naar de nieuwe gebruiker/);
		await assertNoHorizontalScroll(page, 'users page with an invitation link');
		await assertAccessible(page, 'users page with an invitation link');
	});

	itEndsCleanly(w);
});
