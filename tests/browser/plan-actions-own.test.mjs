// Headless-browser walk through the young person and the JIM ticking off
// their own actions of the plan, against a real `kring serve --demo`, on a
// 360 px phone. The young person's plan has "Ik heb dit gedaan" only on
// their own open action (owner_kind 'youth'), not on the JIM's nor on
// someone else's; pressed by keyboard, the message "Gelukt!" comes only once
// the plan was fetched again (the action already shows done then), the
// focus on its "Toch nog niet klaar", which opens it again. The JIM ticks
// off the JIM's action on "Mijn jongere". The caseworker's plan says "Klaar
// op … door <naam>", and the caseworker adds an action of the JIM's through
// the form ("Van wie is deze actie?"). axe-core on every page, no horizontal
// scroll at 360 px, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plan-actions-own.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, loginWithTotp, expect,
	browserWorld, itEndsCleanly, navTo, openSection, youthWithOwnActions, storedAction,
} from './helpers.mjs';

const JIM_USER = 'jim.eigen';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const YOUTH_USER = 'jongere.isa';
const YOUTH_PASSWORD = 'Mijn-eigen-Wachtwoord-2026!';

describe('the young person and the JIM tick off their own actions, in a real browser', { timeout: 7 * STEP_TIMEOUT }, () => {
	const w = browserWorld('actions-own');
	let server;
	let pro;
	let youthId;
	let jimTotp;
	let youthTotp;
	let goal;
	let acts; // name -> action as the API answers it

	const stored = (id) => storedAction(server.base, pro, youthId, id);

	// Records, the moment the message region first says `text`, whether the
	// action's item already shows it done (`done` true) or open: the message
	// must come after the plan was fetched again, not before.
	const watchMessage = (page, messageId, actionId, text) => page.evaluate(({ messageId, actionId, text }) => {
		window.__seen = null;
		const check = () => {
			const m = document.getElementById(messageId);
			if (window.__seen || !m || !m.textContent.includes(text)) return;
			const li = document.getElementById('plain-action-' + actionId);
			window.__seen = { done: !!li && li.classList.contains('action-done') };
		};
		new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
	}, { messageId, actionId, text });

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a young person with an account, a JIM, consent to share the plan, a goal and three actions', { timeout: STEP_TIMEOUT }, async () => {
		({ pro, youthId, jimTotp, youthTotp, goal, acts } = await youthWithOwnActions(server.base, { givenName: 'Isa', familyName: 'Eigen',
			jimName: 'Mila de Vries', jimUser: JIM_USER, jimPassword: JIM_PASSWORD, youthUser: YOUTH_USER, youthPassword: YOUTH_PASSWORD }));
	});

	it('the young person ticks off their own action by keyboard: the message after the plan is fetched again', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('youth');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, YOUTH_USER, YOUTH_PASSWORD, youthTotp);
		await navTo(page, '#/my-plan');
		const mine = acts.mine.id;
		const button = page.locator(`#plain-action-${mine}-done`);
		await button.waitFor();
		assert.equal((await button.innerText()).trim(), 'Ik heb dit gedaan');
		assert.equal(await page.locator(`#plain-action-${acts.jims.id} button`).count(), 0, 'no button on the JIM\'s action');
		assert.equal(await page.locator(`#plain-action-${acts.other.id} button`).count(), 0, 'no button on someone else\'s action');
		assert.match(await page.locator(`#plain-action-${mine}`).innerText(), /Wie: jij/);
		assert.match(await page.locator(`#plain-action-${acts.jims.id}`).innerText(), /Wie: je JIM/);
		await assertAccessible(page, 'young person\'s plan with an own open action');
		await assertNoHorizontalScroll(page, 'young person\'s plan with an own open action');

		const message = `g${goal.id}-plain-actions-message`;
		await watchMessage(page, message, mine, 'Gelukt!');
		await button.focus();
		await page.keyboard.press('Enter');
		await page.locator(`#${message}`, { hasText: 'Gelukt! Deze actie staat nu op klaar.' }).waitFor();
		assert.deepEqual(await page.evaluate(() => window.__seen), { done: true }, 'the message came once the list showed the action done');
		const undo = page.locator(`#plain-action-${mine}-undo`);
		await undo.waitFor();
		await assertFocus(page, undo, 'the focus on "Toch nog niet klaar" of the same action');
		assert.equal((await undo.innerText()).trim(), 'Toch nog niet klaar');
		assert.match(await page.locator(`#plain-action-${mine}`).innerText(), /Dit is klaar/);
		const s = await stored(mine);
		assert.ok(s.done_at, 'stored as done');
		assert.equal(s.done_by.display_name.length > 0, true);
		await assertAccessible(page, 'young person\'s plan with an own done action');
		await assertNoHorizontalScroll(page, 'young person\'s plan with an own done action');

		await watchMessage(page, message, mine, 'weer open');
		await page.keyboard.press('Enter');
		await page.locator(`#${message}`, { hasText: 'Deze actie staat weer open.' }).waitFor();
		assert.deepEqual(await page.evaluate(() => window.__seen), { done: false }, 'the message came once the list showed it open');
		await assertFocus(page, page.locator(`#plain-action-${mine}-done`), 'the focus on "Ik heb dit gedaan" again');
		assert.equal((await stored(mine)).done_at, null, 'open again');
		// Done once more, for the caseworker's page.
		await page.keyboard.press('Enter');
		await page.locator(`#plain-action-${mine}-undo`).waitFor();
	});

	it('the JIM ticks off the JIM\'s action on "Mijn jongere", not the young person\'s', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('jim');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-plan');
		const button = page.locator(`#plain-action-${acts.jims.id}-done`);
		await button.waitFor();
		assert.equal(await page.locator(`#plain-action-${acts.other.id} button`).count(), 0);
		assert.equal(await page.locator(`#plain-action-${acts.mine.id} button`).count(), 0, 'no button on the young person\'s action');
		assert.match(await page.locator(`#plain-action-${acts.jims.id}`).innerText(), /Wie: jij/);
		await button.click();
		await page.locator(`#g${goal.id}-plain-actions-message`, { hasText: 'Gelukt!' }).waitFor();
		await page.locator(`#plain-action-${acts.jims.id}-undo`).waitFor();
		assert.equal((await stored(acts.jims.id)).done_by.display_name, 'Mila de Vries');
		await assertAccessible(page, 'JIM plan with a done action of the JIM');
		await assertNoHorizontalScroll(page, 'JIM plan with a done action of the JIM');
	});

	it('the caseworker sees who ticked each off, and adds an action of the JIM\'s', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('professional');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + `/#/youths/${youthId}/plan`);
		await page.locator('#login-username').waitFor();
		await login(page, 'professional', DEMO_PASSWORD);
		const youthName = (await stored(acts.mine.id)).done_by.display_name;
		const mine = page.locator(`#gaction-${acts.mine.id}`);
		await mine.waitFor();
		assert.match(await mine.innerText(), new RegExp(`Klaar op .+ door ${youthName}`));
		assert.match(await mine.innerText(), /Isa \(de jongere\)/);
		assert.match(await page.locator(`#gaction-${acts.jims.id}`).innerText(), /Klaar op .+ door Mila de Vries/);

		const p = `g${goal.id}-`;
		await page.locator(`#goal-${goal.id} details.disclosure summary`, { hasText: 'Actie toevoegen' }).click();
		await page.locator(`#${p}action-description`).fill('Huiswerk samen plannen');
		await page.locator(`#${p}action-owner-kind`).selectOption('jim');
		assert.match(await page.locator(`label[for="${p}action-owner"]`).innerText(), /niet verplicht/);
		await assertAccessible(page, 'plan tab with the new action form, whose: the JIM');
		await page.locator(`#${p}action-owner`).press('Enter');
		await page.locator(`#${p}action-message`, { hasText: 'De actie is toegevoegd.' }).waitFor();
		const plan = await expect(server.base, 'GET', `/api/v1/youths/${youthId}/plan`, 200, { token: pro.token });
		const added = plan.goals.flatMap((g) => g.actions).find((a) => a.description === 'Huiswerk samen plannen');
		assert.equal(added.owner_kind, 'jim');
		assert.equal(added.owner, '', 'no name typed: none stored, the plan says whose in its reader\'s language');
		await page.locator(`#gaction-${added.id}`, { hasText: 'De JIM' }).waitFor();
		await assertNoHorizontalScroll(page, 'plan tab with done actions');
	});

	itEndsCleanly(w);
});
