// Headless-browser walk through "Dit ga jij doen" with the actions of the
// plan that are the reader's own, against a real `kring serve --demo`, on a
// 360 px phone. The young person's home page lists their own open action of
// the plan (owner_kind 'youth') with its goal and a link to "Mijn plan", not
// the JIM's nor someone else's; "Klaar" pressed by keyboard: the message
// comes only once the list was fetched again (the action is gone from it
// then), and "Toch niet klaar" puts it back. The JIM's home page lists the
// JIM's action (consent to share the plan) for the young person by first
// name, with a link to "Mijn jongere". axe-core on every page, no horizontal
// scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/my-actions-plan.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, loginWithTotp,
	browserWorld, itEndsCleanly, navTo, openSection, youthWithOwnActions, storedAction,
} from './helpers.mjs';

const JIM_USER = 'jim.lijst';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const YOUTH_USER = 'jongere.noa';
const YOUTH_PASSWORD = 'Mijn-eigen-Wachtwoord-2026!';

describe('"Dit ga jij doen" holds the plan actions that are the reader\'s own, in a real browser', { timeout: 7 * STEP_TIMEOUT }, () => {
	const w = browserWorld('my-actions-plan');
	let server;
	let pro;
	let youthId;
	let jimTotp;
	let youthTotp;
	let goal;
	let acts; // name -> action as the API answers it

	const stored = (id) => storedAction(server.base, pro, youthId, id);

	// Records, the moment #myactions-message first says `text`, whether the
	// action's item is in the list: the message must come after the list was
	// fetched again, not before.
	const watchMessage = (page, itemId, text) => page.evaluate(({ itemId, text }) => {
		if (window.__watch) window.__watch.disconnect(); // the watch of an earlier message
		window.__seen = null;
		const check = () => {
			const m = document.getElementById('myactions-message');
			if (window.__seen || !m || !m.textContent.includes(text)) return;
			window.__seen = { listed: !!document.getElementById(itemId) };
		};
		window.__watch = new MutationObserver(check);
		window.__watch.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
	}, { itemId, text });

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a young person with an account, a JIM, consent to share the plan, a goal and three actions', { timeout: STEP_TIMEOUT }, async () => {
		({ pro, youthId, jimTotp, youthTotp, goal, acts } = await youthWithOwnActions(server.base, { givenName: 'Noa', familyName: 'Lijst',
			jimName: 'Mila de Vries', jimUser: JIM_USER, jimPassword: JIM_PASSWORD, youthUser: YOUTH_USER, youthPassword: YOUTH_PASSWORD }));
	});

	it('the young person ticks off their own plan action on the home page, by keyboard, and takes it back', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('youth');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, YOUTH_USER, YOUTH_PASSWORD, youthTotp);
		const itemId = `myplanaction-${acts.mine.id}`;
		const item = page.locator(`#${itemId}`);
		await item.waitFor();
		assert.equal((await page.locator('#myactions-title').innerText()).trim(), 'Dit ga jij doen');
		const text = await item.innerText();
		assert.match(text, /Wekker zetten/);
		assert.match(text, /Bij het doel: Elke dag naar school/);
		assert.equal(await item.locator('a', { hasText: 'Naar het plan' }).getAttribute('href'), '#/my-plan');
		assert.equal(await page.locator(`#myplanaction-${acts.jims.id}`).count(), 0, 'not the JIM\'s action');
		assert.equal(await page.locator(`#myplanaction-${acts.other.id}`).count(), 0, 'not someone else\'s action');
		await assertAccessible(page, 'young person\'s home with an own plan action');
		await assertNoHorizontalScroll(page, 'young person\'s home with an own plan action');

		await watchMessage(page, itemId, 'De actie staat op klaar.');
		const button = page.locator(`#${itemId}-done`);
		assert.equal((await button.innerText()).trim(), 'Klaar');
		await button.focus();
		await page.keyboard.press('Enter');
		const said = page.locator('#myactions-message', { hasText: 'De actie staat op klaar.' });
		await said.waitFor();
		assert.deepEqual(await page.evaluate(() => window.__seen), { listed: false }, 'the message came once the list was fetched again');
		await assertFocus(page, said, 'the focus is on what was saved');
		const s = await stored(acts.mine.id);
		assert.ok(s.done_at, 'stored as done');
		await assertAccessible(page, 'young person\'s home, plan action done, with undo');
		await assertNoHorizontalScroll(page, 'young person\'s home, plan action done, with undo');

		await watchMessage(page, itemId, 'De actie staat weer open.');
		await page.keyboard.press('Tab');
		await assertFocus(page, page.locator('#myactions-undo'), 'Tab from the message goes to "Toch niet klaar"');
		await page.keyboard.press('Enter');
		await page.locator('#myactions-message', { hasText: 'De actie staat weer open.' }).waitFor();
		assert.deepEqual(await page.evaluate(() => window.__seen), { listed: true }, 'the message came once the action was listed again');
		assert.equal((await stored(acts.mine.id)).done_at, null, 'open again');
	});

	it('the JIM sees the JIM\'s plan action on the home page, for the young person, and ticks it off', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('jim');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jimTotp);
		const itemId = `myplanaction-${acts.jims.id}`;
		const item = page.locator(`#${itemId}`);
		await item.waitFor();
		const text = await item.innerText();
		assert.match(text, /Samen naar school fietsen/);
		assert.match(text, /Voor Noa/);
		assert.match(text, /Bij het doel: Elke dag naar school/);
		assert.equal(await item.locator('a', { hasText: 'Naar het plan' }).getAttribute('href'), '#/my-youth');
		assert.equal(await page.locator(`#myplanaction-${acts.mine.id}`).count(), 0, 'not the young person\'s action');
		assert.equal(await page.locator(`#myplanaction-${acts.other.id}`).count(), 0);
		await assertAccessible(page, 'JIM home with a plan action of the JIM');
		await assertNoHorizontalScroll(page, 'JIM home with a plan action of the JIM');

		await watchMessage(page, itemId, 'De actie staat op klaar.');
		await page.locator(`#${itemId}-done`).click();
		await page.locator('#myactions-message', { hasText: 'De actie staat op klaar.' }).waitFor();
		assert.deepEqual(await page.evaluate(() => window.__seen), { listed: false }, 'the message came once the list was fetched again');
		assert.equal((await stored(acts.jims.id)).done_by.display_name, 'Mila de Vries');
		await page.locator('#myactions-undo').waitFor();
		await assertAccessible(page, 'JIM home, plan action done');
		await assertNoHorizontalScroll(page, 'JIM home, plan action done');
	});

	it('on "Mijn jongere" an action ticked off in the plan leaves "Dit ga jij doen" at once, and back', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('jim-youth-page');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-plan');
		const listed = page.locator(`#myplanaction-${acts.jims.id}`);
		// done in the step before: not in the list, "Toch nog niet klaar" in the plan
		await page.locator(`#plain-action-${acts.jims.id}-undo`).click();
		await listed.waitFor();
		await page.locator(`#plain-action-${acts.jims.id}-done`).waitFor();
		await listed.locator(`#myplanaction-${acts.jims.id}-done`).click();
		await page.locator('#myactions-message', { hasText: 'De actie staat op klaar.' }).waitFor();
		await page.locator(`#plain-action-${acts.jims.id}-undo`).waitFor();
		assert.equal(await listed.count(), 0);
		assert.ok((await stored(acts.jims.id)).done_at, 'done as the page shows');
		await assertAccessible(page, 'Mijn jongere after ticking off in both places');
	});

	itEndsCleanly(w);
});
