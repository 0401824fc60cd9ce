// The login link a caseworker hands over, by keyboard at phone width: after
// "JIM activeren" (the nomination's form is gone then), after "Nieuwe
// inloglink voor de JIM" and after "Inlog maken voor de jongere" and its new
// link, the focus is on the new link, to be copied, rather than lost on the
// page's body. axe-core on the tabs; a clean SIGTERM exit without sanitizer
// output.
//
// Run from the repository root: node --test tests/browser/invite-link-focus.test.mjs

import { describe, it, before, after } from 'node:test';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, assertNoHorizontalScroll, login, expect, browserWorld,
	itEndsCleanly, demoProfessional, apiYouth,
} from './helpers.mjs';

describe('a new login link takes the focus', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('invite-link-focus');
	let server;
	let page;
	let youth;
	let nomination;

	before(async () => {
		server = await w.start();
		const pro = await demoProfessional(server.base);
		youth = await apiYouth(server.base, pro, { given_name: 'Isa', family_name: 'Linkman' });
		nomination = await expect(server.base, 'POST', `/api/v1/youths/${youth.id}/nominations`, 201,
			{ token: pro.token, body: { name: 'Oma Truus', relation: 'oma' } });
		await expect(server.base, 'POST', `/api/v1/nominations/${nomination.id}/assessment`, 201, {
			token: pro.token,
			body: { is_parent: false, adult: true, willing_to_cooperate: true, child_safe: true, own_load_manageable: true, decision: 'approve' },
		});
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('after activating the JIM, and after a new link for the JIM', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('pro'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(`${server.base}/#/youths/${youth.id}/jim`);
		const p = `#n${nomination.id}-`;
		await page.locator(p + 'username').fill('jim.truus');
		await page.locator(p + 'username').press('Enter');
		await page.locator('#current-jim', { hasText: 'Oma Truus' }).waitFor();
		await assertFocus(page, page.locator('#jim-invitation-link'), 'after "JIM activeren" the focus is on the link');

		await page.locator('#jim-relogin-open').focus();
		await page.keyboard.press('Enter');
		await page.locator('#jim-relogin-yes').focus();
		const first = await page.locator('#jim-invitation-link').getAttribute('href');
		await page.keyboard.press('Enter');
		await page.waitForFunction((old) => {
			const a = document.getElementById('jim-invitation-link');
			return a && a.getAttribute('href') !== old;
		}, first, { timeout: 10000 });
		await assertFocus(page, page.locator('#jim-invitation-link'), 'after a new link for the JIM the focus is on it');
		await assertNoHorizontalScroll(page, 'JIM tab with a link');
		await assertAccessible(page, 'JIM tab with a link');
	});

	it('after making the young person\'s login, and a new link for it', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-overview').click();
		await page.locator('#account-open').focus();
		await page.keyboard.press('Enter');
		await page.locator('#account-username').fill('jongere.isa');
		await page.locator('#account-username').press('Enter');
		await page.locator('#youth-account', { hasText: 'heeft een eigen inlog' }).waitFor();
		await assertFocus(page, page.locator('#youth-invitation-link'), 'after making the login the focus is on the link');

		await page.locator('#youth-relogin-open').focus();
		await page.keyboard.press('Enter');
		await page.locator('#youth-relogin-yes').focus();
		const first = await page.locator('#youth-invitation-link').getAttribute('href');
		await page.keyboard.press('Enter');
		await page.waitForFunction((old) => {
			const a = document.getElementById('youth-invitation-link');
			return a && a.getAttribute('href') !== old;
		}, first, { timeout: 10000 });
		await assertFocus(page, page.locator('#youth-invitation-link'), 'after a new link for the young person the focus is on it');
		await assertAccessible(page, 'overview with a link');
	});

	itEndsCleanly(w);
});
