// The JIM's and the young person's screens on a phone (360x740), what a
// review found:
// - the main menu was one row cut off at the right ("Tijd en kilometers",
//   "Onkosten" half visible): now a "Menu" button (aria-expanded) folds every
//   item open below it, each on the screen and 44 px high; Enter opens it,
//   Escape closes it and gives the focus back, choosing a page closes it;
// - "Mijn jongere" starts with what comes next (the next meeting, the
//   JIM's open actions) and has no empty text box under every goal: a button
//   "Schrijf wat je ervan vindt" opens the form with the focus in it,
//   Annuleren and Escape close it and give the focus back; saved, the thank
//   you takes the focus;
// - an action card on the plain screens says "Naar het overleg", not
//   "Naar de vergadering";
// - hours and minutes both left empty: the focus goes to "Uur", the first.
// On `kring demo` (the accounts `jim` and `youth`). axe-core, no horizontal
// scroll; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plain-phone.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly, login,
	assertFocus, openSection, menuPageLoaded,
} from './helpers.mjs';

const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));

// The boxes of the menu's links that show, as {href, left, right, height}.
const shownLinks = (page) => page.$$eval('.main-nav a[href]', (as) => as.map((a) => {
	const r = a.getBoundingClientRect();
	return { href: a.getAttribute('href'), left: r.left, right: r.right, height: r.height, shown: !!(r.width && r.height) };
}));

async function openPhone(w, server, user) {
	const { page } = await w.newBrowser(user);
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(server.base + '/');
	await login(page, user, DEMO_PASSWORD);
	return page;
}


describe('the JIM\'s and the young person\'s screens at 360 px', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('plain-phone');
	let server;
	const pages = {};

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '20', '--seed', '1']) });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('folds the whole menu behind a "Menu" button that the keyboard opens and Escape closes', { timeout: STEP_TIMEOUT }, async () => {
		for (const user of ['jim', 'youth']) {
			const page = await openPhone(w, server, user);
			pages[user] = page;
			const toggle = page.locator('.main-nav #menu-toggle');
			assert.ok(await toggle.isVisible(), `${user}: a menu button shows`);
			assert.equal((await toggle.innerText()).trim(), NL['nav.menu']);
			assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
			assert.equal(await toggle.getAttribute('aria-controls'), 'main-nav-list');
			assert.deepEqual((await shownLinks(page)).filter((a) => a.shown), [], `${user}: folded, no item is cut off at the edge`);
			const box = await toggle.boundingBox();
			assert.ok(box.height >= 44 && box.x >= 0 && box.x + box.width <= 360, `${user}: the button is a finger-size target (${JSON.stringify(box)})`);

			// By keyboard: Enter opens, Tab goes into the list, Escape closes and the focus is back on the button.
			await toggle.focus();
			await page.keyboard.press('Enter');
			assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
			const links = await shownLinks(page);
			assert.ok(links.length >= 5, `${user}: the menu: ${links.map((a) => a.href).join(', ')}`);
			for (const a of links) {
				assert.ok(a.shown && a.left >= 0 && a.right <= 360, `${user}: ${a.href} shows whole on the screen (${a.left}–${a.right})`);
				assert.ok(a.height >= 44, `${user}: ${a.href} is 44 px high (${a.height})`);
			}
			await assertNoHorizontalScroll(page, `${user} menu open`);
			await assertAccessible(page, `${user} menu open`);
			await page.keyboard.press('Tab');
			assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#/', `${user}: Tab goes to the first item`);
			await page.keyboard.press('Escape');
			assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
			await assertFocus(page, toggle, `${user}: Escape gives the focus back to the menu button`);
			assert.deepEqual((await shownLinks(page)).filter((a) => a.shown), []);

			// Choosing a page (the last one, at the far right before) opens it and folds the menu.
			await toggle.click();
			const last = links[links.length - 1].href;
			await page.locator(`.main-nav a[href="${last}"]`).click();
			await page.waitForFunction((h) => location.hash === h, last, { timeout: 10000 });
			await menuPageLoaded(page, last);
			await page.waitForFunction(() => document.getElementById('menu-toggle').getAttribute('aria-expanded') === 'false',
				null, { timeout: 5000 }).catch(() => {});
			assert.equal(await toggle.getAttribute('aria-expanded'), 'false', `${user}: a chosen page folds the menu`);
			// So does the page already shown, whose route does not change.
			await toggle.click();
			await page.locator(`.main-nav a[href="${last}"]`).click();
			await page.waitForFunction(() => document.getElementById('menu-toggle').getAttribute('aria-expanded') === 'false',
				null, { timeout: 5000 }).catch(() => {});
			assert.equal(await toggle.getAttribute('aria-expanded'), 'false', `${user}: the page already shown folds the menu too`);
			await assertNoHorizontalScroll(page, `${user} ${last}`);
		}
	});

	it('starts "Mijn jongere" with what comes next, and opens a goal\'s view form only on request', { timeout: STEP_TIMEOUT }, async () => {
		const page = pages.jim;
		await page.goto(server.base + '/#/my-youth');
		await menuPageLoaded(page, '#/my-youth');
		await openSection(page, 'jim-sec-plan');
		await page.locator('#plain-goals').waitFor();
		await page.locator('#next-meeting').waitFor();
		await page.locator('#my-actions').waitFor();
		const order = await page.locator('main').evaluate((m) => [...m.querySelectorAll('#next-meeting, #my-actions, #plain-goals')].map((e) => e.id));
		assert.deepEqual(order, ['next-meeting', 'my-actions', 'plain-goals'], 'what comes next before the plan');
		const next = await page.locator('#next-meeting').boundingBox();
		assert.ok(next.y < 740, `the next meeting shows in the first screen (${next.y})`);
		assert.equal(await page.locator('main textarea').count(), 0, 'no text box under the goals');

		const goal = page.locator('#plain-goals > li').first();
		const goalId = (await goal.getAttribute('id')).replace('goal-', '');
		const open = page.locator(`#g${goalId}-view-open`);
		const field = page.locator(`#g${goalId}-view`);
		assert.equal((await open.innerText()).trim(), NL['plain.view_open']);
		assert.equal(await open.getAttribute('aria-expanded'), 'false');
		await open.click();
		await field.waitFor();
		assert.equal(await open.getAttribute('aria-expanded'), 'true');
		await assertFocus(page, field, 'the text box takes the focus');
		await assertNoHorizontalScroll(page, 'my youth, view form open');
		await assertAccessible(page, 'my youth, view form open');
		await page.keyboard.press('Escape');
		assert.equal(await field.count(), 0, 'Escape closes the form');
		await assertFocus(page, open, 'Escape gives the focus back to the button');
		await page.keyboard.press('Enter');
		await field.waitFor();
		await assertFocus(page, field, 'opened by keyboard, the focus is in the text box');
		await page.locator(`#g${goalId}-view-cancel`).click();
		assert.equal(await field.count(), 0, 'Annuleren closes the form');
		await assertFocus(page, open, 'Annuleren gives the focus back to the button');

		await open.click();
		await field.fill('Het gaat steeds beter met school.');
		await goal.locator('button[type=submit]').click();
		await goal.locator('li', { hasText: 'Het gaat steeds beter met school.' }).waitFor();
		const saved = page.locator(`#g${goalId}-view-saved`);
		assert.equal((await saved.innerText()).trim(), NL['plain.view_saved']);
		await assertFocus(page, saved, 'the thank-you takes the focus');
		assert.equal(await field.count(), 0, 'saved, the form closes');
		await assertAccessible(page, 'my youth, view saved');
	});

	it('says "overleg" on the action cards of the plain screens', { timeout: STEP_TIMEOUT }, async () => {
		for (const [user, hash] of [['youth', '#/'], ['youth', '#/my-meetings'], ['jim', '#/'], ['jim', '#/my-youth']]) {
			const page = pages[user] || (pages[user] = await openPhone(w, server, user));
			await page.goto(server.base + '/' + hash);
			await menuPageLoaded(page, hash);
			const cards = page.locator('#my-actions li.card');
			await cards.first().waitFor();
			const links = await page.locator('#my-actions li.card a[href^="#/meetings/"]').allInnerTexts();
			assert.ok(links.length >= 1, `${user} ${hash}: an action card links to its meeting`);
			for (const text of links) assert.equal(text.trim(), NL['myactions.to_meeting_plain'], `${user} ${hash}`);
			assert.doesNotMatch(await page.locator('#my-actions').innerText(), /[Vv]ergadering/, `${user} ${hash}: the plain word`);
			await assertNoHorizontalScroll(page, `${user} ${hash}`);
			await assertAccessible(page, `${user} ${hash}`);
		}
	});

	it('puts the focus on "Uur" when hours and minutes are both empty', { timeout: STEP_TIMEOUT }, async () => {
		const page = pages.jim;
		await page.goto(server.base + '/#/time');
		await menuPageLoaded(page, '#/time');
		await page.locator('#log-hours').fill('');
		await page.locator('#log-minutes').fill('');
		await page.locator('#log-form button[type=submit]').click();
		await page.locator('#log-duration-error').waitFor();
		await assertFocus(page, page.locator('#log-hours'), 'the first box, Uur, takes the focus');
		assert.equal(await page.locator('#log-hours').getAttribute('aria-invalid'), 'true');
		assert.equal(await page.locator('#log-minutes').getAttribute('aria-invalid'), 'true');
		assert.equal((await page.locator('#log-duration-error').innerText()).trim(), NL['validation.plain.duration']);
		await assertNoHorizontalScroll(page, 'time form, duration empty');
		await assertAccessible(page, 'time form, duration empty');
		// Minutes alone are still fine for the check.
		await page.locator('#log-minutes').fill('45');
		await page.locator('#log-form button[type=submit]').click();
		await page.locator('#log-undo').waitFor();
	});

	itEndsCleanly(w);
});
