// Headless-browser walk through the history of network members on a 360 px
// phone, against a real `kring serve --demo`: the professional reaches the
// network tab through the folded menu, each person has a "Geschiedenis"
// button (a disclosure: aria-expanded, by keyboard) that shows their
// corrections in words, newest first, or says there are none; an open
// history follows a correction made in the tab. The tab's three forms (add,
// correct, remove) say they are done only once the network list shows it:
// with the list's GET held back, the list as it is when the message appears
// already has the change. The history of a person taken out starts with
// their removal (the only line when they were never corrected). axe-core
// with a history open, no horizontal scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/network-history.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, expect,
	browserWorld, itEndsCleanly, demoProfessional, apiYouth, navTo, todayAmsterdam,
} from './helpers.mjs';

// "3 maart 2026" for today in Amsterdam, as the page writes a day.
const longToday = () => new Intl.DateTimeFormat('nl', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
	.format(new Date(todayAmsterdam() + 'T00:00:00Z'));

describe('the history of network members, and messages after the list, at 360 px', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('network-history');
	let server;
	let pro;
	let me;
	let youthId;
	let page;
	let holdNetwork = false; // the network list's GET waits 1.5 s while true
	const m = {};

	const press = async (selector, key = 'Enter') => {
		await page.locator(selector).focus();
		await page.keyboard.press(key);
	};
	const historyLines = (id) => page.locator(`#nw-${id}-history li`).allInnerTexts();
	// Records the network table's text at the moment `selector` first shows
	// text, in the page itself (window.__listAtMessage).
	const watchMessage = (selector) => page.evaluate((sel) => {
		window.__listAtMessage = null;
		const seen = () => {
			const el = document.querySelector(sel);
			if (!el || !el.textContent.trim() || window.__listAtMessage !== null) return;
			const table = document.querySelector('#network-table');
			window.__listAtMessage = table ? table.innerText : '';
			obs.disconnect();
		};
		const obs = new MutationObserver(seen);
		obs.observe(document.body, { subtree: true, childList: true, characterData: true });
	}, selector);
	const listAtMessage = async () => {
		await page.waitForFunction(() => window.__listAtMessage !== null, null, { timeout: 20000 });
		return page.evaluate(() => window.__listAtMessage);
	};

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a dossier with two people, one corrected twice, through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		me = await expect(base, 'GET', '/api/v1/me', 200, { token: pro.token });
		youthId = (await apiYouth(base, pro, { given_name: 'Noor', family_name: 'Geschiedenis' })).id;
		const add = (body) => expect(base, 'POST', `/api/v1/youths/${youthId}/network`, 201, { token: pro.token, body });
		m.els = await add({ name: 'Els Bakker', relation: 'tante', has_custody: false });
		m.piet = await add({ name: 'Buurman Piet', relation: 'buurman', has_custody: false });
		const fix = (body) => expect(base, 'PATCH', `/api/v1/network-members/${m.els.id}`, 200, { token: pro.token, body });
		await fix({ relation: 'oma', change_reason: 'Zij is de oma van moeders kant' });
		await fix({ has_custody: true, change_reason: 'Gezag volgens de beschikking' });
	});

	it('opens the network tab through the phone menu and shows the corrections in words, by keyboard', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('#ds-q').fill('Geschiedenis');
		await page.locator('form[role=search] button[type=submit]').click();
		await page.locator('#dossier-table a', { hasText: 'Noor Geschiedenis' }).click();
		await press('#tab-network');
		const toggle = `#nw-${m.els.id}-history-toggle`;
		await page.locator(toggle).waitFor();

		assert.equal((await page.locator(toggle).innerText()).trim(), 'Geschiedenis');
		assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
		assert.equal(await page.getAttribute(toggle, 'aria-controls'), `nw-${m.els.id}-history`);
		await press(toggle);
		await page.locator(`#nw-${m.els.id}-history li`).first().waitFor();
		assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'true');
		await assertFocus(page, page.locator(toggle), 'the focus stays on the button');
		const day = longToday();
		assert.deepEqual(await historyLines(m.els.id), [
			`Gezag: 'nee' werd 'ja' — reden: Gezag volgens de beschikking, door ${me.display_name} op ${day}`,
			`Relatie: 'tante' werd 'oma' — reden: Zij is de oma van moeders kant, door ${me.display_name} op ${day}`,
		], 'newest first, in words');

		// The neighbour was never corrected: the history says so.
		await press(`#nw-${m.piet.id}-history-toggle`, 'Space');
		await page.locator(`#nw-${m.piet.id}-history`, { hasText: 'De gegevens van Buurman Piet zijn nog nooit gewijzigd.' }).waitFor();
		assert.equal(await page.locator(`#nw-${m.piet.id}-history li`).count(), 0);
		await assertAccessible(page, 'network tab with two histories open');
		await assertNoHorizontalScroll(page, 'network tab with two histories open');

		// Space closes it again.
		await press(`#nw-${m.piet.id}-history-toggle`, 'Space');
		await page.locator(`#nw-${m.piet.id}-history`).waitFor({ state: 'detached' });
		assert.equal(await page.getAttribute(`#nw-${m.piet.id}-history-toggle`, 'aria-expanded'), 'false');
	});

	it('says a person is added once the list shows them', { timeout: STEP_TIMEOUT }, async () => {
		await page.route(`**/api/v1/youths/${youthId}/network`, async (route) => {
			if (holdNetwork && route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1500));
			await route.continue();
		});
		holdNetwork = true;
		await page.locator('#nw-name').fill('Opa Wim');
		await page.locator('#nw-relation').fill('opa');
		await watchMessage('#network-message');
		await page.locator('button[type=submit]', { hasText: 'Toevoegen aan netwerk' }).focus();
		await page.keyboard.press('Enter');
		assert.match(await listAtMessage(), /Opa Wim/, 'the new person is in the list when the message appears');
		assert.match(await page.locator('#network-message').innerText(), /Opa Wim is toegevoegd aan het netwerk/);
	});

	it('says a correction is saved once the list shows it, and the open history has it', { timeout: STEP_TIMEOUT }, async () => {
		await press(`#nw-${m.els.id}-edit`);
		await assertFocus(page, page.locator('#nw-edit-name'), 'the name field takes the focus');
		await page.locator('#nw-edit-relation').fill('grootmoeder');
		await page.locator('#nw-edit-reason').fill('Zo noemt Noor haar');
		await watchMessage('#network-done');
		await press('#nw-edit-save');
		assert.match(await listAtMessage(), /grootmoeder/, 'the corrected relation is in the list when the message appears');
		await assertFocus(page, page.locator('#network-done'), 'the saved message takes the focus');
		assert.match(await page.locator('#network-done').innerText(), /De gegevens van Els Bakker zijn gewijzigd/);
		await page.locator(`#nw-${m.els.id}-history li`, { hasText: 'grootmoeder' }).waitFor();
		assert.equal((await historyLines(m.els.id))[0],
			`Relatie: 'oma' werd 'grootmoeder' — reden: Zo noemt Noor haar, door ${me.display_name} op ${longToday()}`);
		await assertAccessible(page, 'network tab after a correction, history open');
	});

	it('says a person is removed once the list no longer shows them', { timeout: STEP_TIMEOUT }, async () => {
		await press(`#nw-${m.piet.id}-remove`);
		await assertFocus(page, page.locator('#nw-remove-box'), 'the question takes the focus');
		await page.locator('#nw-remove-reason').fill('Piet is verhuisd');
		await watchMessage('#network-done');
		await press('#nw-remove-yes');
		assert.doesNotMatch(await listAtMessage(), /Buurman Piet/, 'the person is gone from the list when the message appears');
		await assertFocus(page, page.locator('#network-done'), 'the removed message takes the focus');
		assert.match(await page.locator('#network-done').innerText(), /Buurman Piet is uit het netwerk verwijderd/);
		holdNetwork = false;
		await assertNoHorizontalScroll(page, 'network tab after the removal');
	});

	it('the history of a person taken out, never corrected, has their removal as its one line', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#network-removed summary').click();
		await press(`#nw-${m.piet.id}-history-toggle`);
		const history = page.locator(`#nw-${m.piet.id}-history`);
		await history.locator('li').first().waitFor();
		assert.deepEqual(await historyLines(m.piet.id),
			[`Uit het netwerk verwijderd op ${longToday()} door ${me.display_name}. Reden: Piet is verhuisd`],
			'the removal, in the words of the list, and nothing else');
		assert.doesNotMatch(await history.innerText(), /nog nooit gewijzigd/, 'not "never changed"');
		await assertAccessible(page, 'the history of a person taken out');
		await assertNoHorizontalScroll(page, 'the history of a person taken out');
	});

	itEndsCleanly(w);
});
