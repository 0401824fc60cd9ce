// The professional's list of dossiers, a page of 25 at a time, in a real
// browser: when the list shrank while it was open (a trajectory closed
// meanwhile), going on to a page past its end steps back to the last page
// with dossiers, with the focus on the list's heading, instead of an empty
// page without a pager to go back. axe-core on the page; a clean SIGTERM
// exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/dossier-list.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, login, expect, browserWorld, itEndsCleanly, demoProfessional, apiYouth, navTo,
} from './helpers.mjs';

const PER_PAGE = 25;

describe('the list of dossiers in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('dossier-list');
	let server;
	let page;
	let pro;
	// The pager says `text` and the table shows that page: the pager's number
	// changes as soon as a page is asked for, the rows when it has come.
	const pageShown = async (text) => {
		await page.locator('nav.pager', { hasText: text }).waitFor();
		await page.locator('#dossier-table[aria-busy=false]').waitFor();
	};

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('shows 26 open dossiers on two pages', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		const open = async () => (await expect(base, 'GET', `/api/v1/youths?per_page=${PER_PAGE}`, 200, { token: pro.token })).total;
		for (let n = await open(); n < PER_PAGE + 1; n++) {
			await apiYouth(base, pro, { given_name: 'Lijst', family_name: `Rij ${String.fromCharCode(65 + (n % 26))}` });
		}
		assert.equal(await open(), PER_PAGE + 1);
		({ page } = await w.newBrowser('pro'));
		await page.goto(base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('#dossier-table').waitFor();
		assert.equal(await page.locator('#dossier-table tbody tr').count(), PER_PAGE);
		await page.locator('#page-next').click();
		await page.locator('nav.pager', { hasText: 'Pagina 2 van 2' }).waitFor();
		await page.waitForFunction(() => document.querySelectorAll('#dossier-table tbody tr').length === 1, null, { timeout: 10000 });
		await page.locator('#page-prev').click();
		await pageShown('Pagina 1 van 2');
		assert.equal(await page.locator('#dossier-table tbody tr').count(), PER_PAGE);
	});

	it('steps back to the last page with dossiers when one was closed meanwhile', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const first = (await expect(base, 'GET', `/api/v1/youths?per_page=${PER_PAGE}`, 200, { token: pro.token })).items[0];
		await expect(base, 'PATCH', `/api/v1/youths/${first.id}`, 200,
			{ token: pro.token, body: { phase: 'closed', end_reason: 'planned', change_reason: 'Traject afgerond' } });
		// the page still says two pages; the second one is empty now
		assert.equal(await page.locator('#page-next').isDisabled(), false, 'page 1 of 2 shows a "Volgende"');
		await page.locator('#page-next').focus();
		await page.keyboard.press('Enter');
		// two fetches (the empty page, then the last with dossiers): wait for the
		// second to show before judging the focus, which moves right after it
		await page.locator('nav.pager', { hasText: 'Pagina 1 van 1' }).waitFor({ timeout: 30000 });
		await page.locator('#dossier-table[aria-busy=false]').waitFor();
		const focused = () => page.evaluate(() => document.activeElement && document.activeElement.id);
		for (let i = 0; i < 50 && (await focused()) !== 'dossier-list-title'; i++) await page.waitForTimeout(100);
		assert.equal(await focused(), 'dossier-list-title', 'the focus is on the list, not lost on the page');
		assert.equal(await page.locator('#dossier-table tbody tr').count(), PER_PAGE);
		assert.equal(await page.locator('#dossier-empty').count(), 0, 'not "no dossiers found"');
		await assertAccessible(page, 'dossier list after it stepped back');
	});

	itEndsCleanly(w);
});
