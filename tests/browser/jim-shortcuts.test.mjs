// The JIM's shortcuts on a 360 px phone, against a real `kring serve --demo`:
// - "Dit ga jij doen" is a compact list: with a few open actions of the plan
//   each takes at most ACTION_MAX px, its "Klaar" (finger size) on the row
//   of its text, and the list does not push "Mijn jongere" down a screen;
// - "Activiteit vastleggen" on "Mijn jongere" (and "Tijd en kilometers
//   opschrijven" on the home page) lands on the hours page with the focus
//   in the first field of the form, by keyboard; reached through the menu,
//   the same page still puts the focus on its title.
// axe-core on every page, no horizontal scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/jim-shortcuts.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, loginWithTotp, expect,
	browserWorld, itEndsCleanly, navTo, youthWithOwnActions, todayAmsterdam, addDays,
} from './helpers.mjs';

const JIM_USER = 'jim.snel';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const ACTION_MAX = 130; // px per action at 360 px (a card was about 250)

describe('the JIM\'s shortcuts: compact actions and straight to the form, at 360 px', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('jim-shortcuts');
	let server;
	let page;
	const ids = [];

	// Each open action of the list: its height, and its "Klaar" button's box
	// against the box of its text.
	const measure = () => page.locator('#my-actions li').evaluateAll((items) => items.map((li) => {
		const box = li.getBoundingClientRect();
		const button = li.querySelector('button').getBoundingClientRect();
		const what = li.querySelector('strong').getBoundingClientRect(); // the description
		return { id: li.id, height: box.height, button: { top: button.top, bottom: button.bottom, width: button.width, height: button.height },
			what: { top: what.top, bottom: what.bottom } };
	}));

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a young person whose JIM has four open actions of the plan, through the API', { timeout: STEP_TIMEOUT }, async () => {
		const made = await youthWithOwnActions(server.base, { givenName: 'Lotte', familyName: 'Snel', jimName: 'Ria Snel',
			jimUser: JIM_USER, jimPassword: JIM_PASSWORD, youthUser: 'jongere.lotte', youthPassword: 'Mijn-eigen-Wachtwoord-2026!' });
		ids.push(made.acts.jims.id);
		for (const [description, days] of [['Bellen met de voetbaltrainer', 3], ['Fiets laten maken', -2], ['Samen de stage-brief schrijven', 10]]) {
			const a = await expect(server.base, 'POST', `/api/v1/goals/${made.goal.id}/actions`, 201, { token: made.pro.token,
				body: { description, owner: 'Ria', owner_kind: 'jim', due_date: addDays(todayAmsterdam(), days) } });
			ids.push(a.id);
		}
		({ page } = await w.newBrowser('jim'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, made.jimTotp);
	});

	for (const [where, go] of [['the home page', null], ['"Mijn jongere"', 'Mijn jongere']]) {
		it(`lists the actions compactly on ${where}, "Klaar" beside the text`, { timeout: STEP_TIMEOUT }, async () => {
			if (go) await navTo(page, go);
			for (const id of ids) await page.locator(`#myplanaction-${id}`).waitFor();
			const rows = await measure();
			assert.equal(rows.length, ids.length);
			for (const r of rows) {
				assert.ok(r.height <= ACTION_MAX, `${r.id} is ${r.height} px high, at most ${ACTION_MAX}`);
				assert.ok(r.button.height >= 44 && r.button.width >= 44, `${r.id}: "Klaar" is finger size (${r.button.width}×${r.button.height})`);
				assert.ok(r.button.top < r.what.bottom + 24, `${r.id}: "Klaar" is on the row of the text (${r.button.top} / ${r.what.bottom})`);
			}
			const first = page.locator(`#myplanaction-${ids[0]}`);
			const text = await first.innerText();
			assert.match(text, /Samen naar school fietsen/);
			assert.match(text, /Bij het doel: Elke dag naar school · Voor Lotte · Uiterlijk .+ · Naar het plan/, 'one line about it');
			assert.equal(await first.locator('button').getAttribute('aria-describedby'), `myplanaction-${ids[0]}-what`,
				'"Klaar" says which action');
			await assertNoHorizontalScroll(page, `the actions on ${where}`);
			await assertAccessible(page, `the actions on ${where}`);
		});
	}

	it('"Activiteit vastleggen" puts the focus in the first field of the form, by keyboard', { timeout: STEP_TIMEOUT }, async () => {
		const link = page.locator('#jim-log-time');
		await link.focus();
		await page.keyboard.press('Enter');
		await page.locator('#log-form').waitFor();
		await assertFocus(page, page.locator('#log-date'), 'the day, the form\'s first field, has the focus');
		assert.equal((await page.locator('h1').innerText()).trim(), 'Tijd en kilometers');
		// typing goes on from there
		await page.keyboard.press('Tab');
		await assertFocus(page, page.locator('#log-form'), 'Tab stays in the form', true);
		await assertNoHorizontalScroll(page, 'the hours page, reached to write something down');
		await assertAccessible(page, 'the hours page, reached to write something down');
	});

	it('reached through the menu, the hours page puts the focus on its title as before', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(page, 'Mijn jongere');
		await page.locator('#jim-log-time').waitFor();
		await navTo(page, 'Tijd en kilometers');
		await page.locator('#log-form').waitFor();
		await assertFocus(page, page.locator('#page-title'), 'the title has the focus');
	});

	it('the home page\'s "Tijd en kilometers opschrijven" goes to the form as well', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/');
		const link = page.locator('#jim-log-link');
		await link.waitFor();
		await link.focus();
		await page.keyboard.press('Enter');
		await page.locator('#log-form').waitFor();
		await assertFocus(page, page.locator('#log-date'), 'the day has the focus');
	});

	itEndsCleanly(w);
});
