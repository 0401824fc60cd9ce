// The caseworker's list of dossiers as a working day uses it, in a real
// browser at phone width and by keyboard: a search (a name, a phase, a page)
// is still there after opening a dossier and coming back, by its "Terug naar
// dossiers" link and by the browser's back button, and it is forgotten at
// logout; and paging to the last (or first) page, where the button just
// pressed is switched off, leaves the focus on the pager's other button
// rather than on the page's body. axe-core on the list; a clean SIGTERM exit
// without sanitizer output.
//
// Run from the repository root: node --test tests/browser/dossier-list-return.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, assertNoHorizontalScroll, login, logout, expect, browserWorld,
	itEndsCleanly, demoProfessional, apiYouth, navTo, answered,
} from './helpers.mjs';

const PER_PAGE = 25;

describe('the list of dossiers keeps its search on return', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('dossier-list-return');
	let server;
	let page;

	before(async () => {
		server = await w.start();
		const base = server.base;
		const pro = await demoProfessional(base);
		const total = async (q) => (await expect(base, 'GET', `/api/v1/youths?phase=&per_page=1${q}`, 200, { token: pro.token })).total;
		// 27 dossiers named "Terugkeer …": two pages when searched for
		for (let n = await total('&q=terugkeer'); n < PER_PAGE + 2; n++) {
			await apiYouth(base, pro, { given_name: 'Terugkeer', family_name: `Rij ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + Math.floor(n / 26))}` });
		}
		assert.equal(await total('&q=terugkeer'), PER_PAGE + 2);
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	// The pager says `text` and the table shows that page: the pager's number
	// changes as soon as a page is asked for, the rows when it has come.
	const pagerSays = async (text) => {
		await page.locator('nav.pager', { hasText: text }).waitFor();
		await page.locator('#dossier-table[aria-busy=false]').waitFor();
	};
	// The GET of the list searched for "terugkeer" in `phase` ('': all): the
	// pager of the list before may say the same as the new one's.
	const searched = (phase) => (u) => u.pathname === '/api/v1/youths' && u.searchParams.get('q') === 'terugkeer'
		&& (u.searchParams.get('phase') || '') === phase;

	it('pages by keyboard to the last page and back without losing the focus', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('pro'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('#ds-q').fill('terugkeer');
		await answered(page, searched('active'), () => page.keyboard.press('Enter'));
		await pagerSays('Pagina 1 van 2');
		await page.locator('#page-next').focus();
		await page.keyboard.press('Enter');
		await pagerSays('Pagina 2 van 2');
		await page.waitForFunction(() => document.querySelectorAll('#dossier-table tbody tr').length === 2, null, { timeout: 10000 });
		assert.equal(await page.locator('#page-next').isDisabled(), true);
		await assertFocus(page, page.locator('#page-prev'), 'on the last page the focus is on "Vorige"');
		await page.keyboard.press('Enter');
		await pagerSays('Pagina 1 van 2');
		await assertFocus(page, page.locator('#page-next'), 'back on the first page the focus is on "Volgende"');
		await assertNoHorizontalScroll(page, 'dossier list at 360 px');
		await assertAccessible(page, 'dossier list, searched');
	});

	it('keeps the search, phase and page after opening a dossier and going back', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#ds-phase').selectOption('');
		await page.locator('form[role=search] button[type=submit]').focus();
		await answered(page, searched(''), () => page.keyboard.press('Enter'));
		await pagerSays('Pagina 1 van 2');
		await page.locator('#page-next').click();
		await pagerSays('Pagina 2 van 2');
		await page.waitForFunction(() => document.querySelectorAll('#dossier-table tbody tr').length === 2, null, { timeout: 10000 });
		const name = (await page.locator('#dossier-table tbody tr a').first().innerText()).trim();
		await page.locator('#dossier-table tbody tr a').first().click();
		await page.locator('h1', { hasText: name }).waitFor();
		await page.locator('.crumbs a', { hasText: 'Terug naar dossiers' }).click();
		await pagerSays('Pagina 2 van 2');
		assert.equal(await page.locator('#ds-q').inputValue(), 'terugkeer', 'the search term is still in the field');
		assert.equal(await page.locator('#ds-phase').inputValue(), '', 'still "Alle fasen"');
		assert.equal(await page.locator('#dossier-table tbody tr a').first().innerText(), name);

		await page.locator('#dossier-table tbody tr a').first().click();
		await page.locator('h1', { hasText: name }).waitFor();
		await page.goBack();
		await pagerSays('Pagina 2 van 2');
		assert.equal(await page.locator('#ds-q').inputValue(), 'terugkeer', 'the search term is there after the back button');
	});

	it('forgets the search at logout', { timeout: STEP_TIMEOUT }, async () => {
		await logout(page);
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('#dossier-table').waitFor();
		assert.equal(await page.locator('#ds-q').inputValue(), '');
		assert.equal(await page.locator('#ds-phase').inputValue(), 'active');
		await pagerSays('Pagina 1 van');
	});

	itEndsCleanly(w);
});
