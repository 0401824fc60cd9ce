// A caseworker closes a young person's file whose JIM has gone quiet, in a
// real browser: the home page's "Aandachtspunten" named that JIM before;
// after the file is closed (through the dossier's own form) the home page no
// longer asks to call a JIM the team no longer works with, and its count
// says one JIM fewer. A JIM of a file still open stays listed. axe-core on
// the home page; a clean SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/alerts-closed-file.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, login, expect, browserWorld, itEndsCleanly, demoProfessional, apiYouth,
	addDays, todayAmsterdam, navTo,
} from './helpers.mjs';

// A young person who started 60 days ago with a JIM since 40 days ago who
// logged nothing and never checked in: "inactive" and "check-in overdue".
async function quietJim(base, pro, givenName, jimName, username) {
	const today = todayAmsterdam();
	const y = await apiYouth(base, pro, { given_name: givenName, family_name: 'Stilte', started_on: addDays(today, -60) });
	const { token } = pro;
	const nom = await expect(base, 'POST', `/api/v1/youths/${y.id}/nominations`, 201, { token, body: { name: jimName, relation: 'buurvrouw' } });
	await expect(base, 'POST', `/api/v1/nominations/${nom.id}/assessment`, 201, {
		token,
		body: { is_parent: false, adult: true, willing_to_cooperate: true, child_safe: true, own_load_manageable: true, decision: 'approve' },
	});
	await expect(base, 'POST', `/api/v1/nominations/${nom.id}/activate`, 201, { token, body: { username, started_on: addDays(today, -40) } });
	return y;
}

describe('alerts of a file that is closed', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('alerts-closed-file');
	let server;
	let page;
	let closing;

	before(async () => {
		server = await w.start();
		const pro = await demoProfessional(server.base);
		closing = await quietJim(server.base, pro, 'Fenna', 'Greet Afsluit', 'jim.greet');
		await quietJim(server.base, pro, 'Gijs', 'Henk Blijft', 'jim.henk');
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const group = (name) => page.locator('#alert-list .alert-group-title', { hasText: name });

	it('no longer names the JIM of a file once it is closed', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('pro'));
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await group('Greet Afsluit').waitFor();
		await group('Henk Blijft').waitFor();
		const before = await page.locator('#alerts-count').innerText();

		await page.goto(`${server.base}/#/youths/${closing.id}`);
		await page.locator('#change-form summary').click();
		await page.locator('#ch-value').selectOption('closed');
		await page.locator('#ch-end-reason').selectOption('planned');
		await page.locator('#ch-reason').fill('Doelen bereikt, traject klaar');
		await page.locator('#ch-submit').click();
		await page.locator('#ch-close-yes').click();
		await page.locator('#change-closed-message', { hasText: 'is afgesloten' }).waitFor();

		await navTo(page, '#/');
		await group('Henk Blijft').waitFor();
		assert.equal(await group('Greet Afsluit').count(), 0, 'the closed file\'s JIM is not on the home page');
		const after = await page.locator('#alerts-count').innerText();
		assert.notEqual(after, before, 'the count changed');
		assert.doesNotMatch(await page.locator('#alerts').innerText(), /Fenna Stilte/);
		await assertAccessible(page, 'home page after a file was closed');
	});

	itEndsCleanly(w);
});
