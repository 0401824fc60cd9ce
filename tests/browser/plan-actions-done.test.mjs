// Headless-browser walk through ticking off an action of the plan, against a
// real `kring serve --demo`, on a 360 px phone: the professional's plan tab
// shows each action's state in words, marks one done by keyboard ("Klaar"),
// the focus lands on its "Toch niet klaar", a message says what happened,
// and the done action moves after the open ones; "Toch niet klaar" opens it
// again, the focus on its "Klaar". The JIM's plan shows the open actions
// first and says of the done one in plain words that it is done. axe-core
// on both pages, no horizontal scroll at 360 px, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plan-actions-done.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, loginWithTotp, expect,
	browserWorld, todayAmsterdam, itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, navTo, openSection,
} from './helpers.mjs';

const JIM_USER = 'jim.klaar';
const JIM_PASSWORD = 'een lang wachtwoord 2026';

describe('an action of the plan ticked off, in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('actions-done');
	const today = todayAmsterdam();
	let server;
	let pro;
	let youthId;
	let jimTotp;
	let page;
	let goal;
	const acts = {}; // name -> action as the API answers it

	const stored = async (id) => {
		const p = await expect(server.base, 'GET', `/api/v1/youths/${youthId}/plan`, 200, { token: pro.token });
		return p.goals.flatMap((g) => g.actions).find((a) => a.id === id);
	};
	const order = () => page.locator(`#goal-${goal.id} .goal-actions > li`).evaluateAll((els) => els.map((e) => e.id));

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a young person with a JIM, consent to share the plan, a goal and three actions through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		youthId = (await apiYouth(base, pro, { given_name: 'Isa', family_name: 'Klaar',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, municipality: 'Zwolle', started_on: addDays(today, -60) })).id;
		jimTotp = (await apiJim(base, pro, youthId, { name: 'Mila de Vries', relation: 'tante', username: JIM_USER, password: JIM_PASSWORD })).totpSecret;
		await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token: pro.token, body: { scope: 'share_plan', given_by: 'youth', given_on: today } });
		goal = await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
			{ token: pro.token, body: { title: 'Elke dag naar school', author_kind: 'youth' } });
		for (const [k, description, owner] of [['call', 'Mentor bellen', 'Isa'], ['bike', 'Fiets laten maken', 'Mila'], ['alarm', 'Wekker zetten', 'Isa']]) {
			acts[k] = await expect(base, 'POST', `/api/v1/goals/${goal.id}/actions`, 201,
				{ token: pro.token, body: { description, owner, due_date: addDays(today, 7) } });
		}
	});

	it('marks an action done by keyboard on a phone: the focus on "Toch niet klaar", a message, done after the open ones', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + `/#/youths/${youthId}/plan`);
		await page.locator('#login-username').waitFor();
		await login(page, 'professional', DEMO_PASSWORD);
		const first = acts.call.id;
		await page.locator(`#gaction-${first}-done`).waitFor();
		assert.deepEqual(await order(), [acts.call, acts.bike, acts.alarm].map((a) => `gaction-${a.id}`));
		assert.equal((await page.locator(`#gaction-${first}-done`).innerText()).trim(), 'Klaar');
		await assertAccessible(page, 'plan tab with open actions');

		await page.locator(`#gaction-${first}-done`).focus();
		await page.keyboard.press('Enter');
		await page.locator(`#g${goal.id}-actions-message`, { hasText: 'De actie staat op klaar.' }).waitFor();
		const undo = page.locator(`#gaction-${first}-undo`);
		await undo.waitFor();
		await assertFocus(page, undo, 'the focus is on "Toch niet klaar" of the same action');
		assert.equal((await undo.innerText()).trim(), 'Toch niet klaar');
		assert.match(await page.locator(`#gaction-${first}`).innerText(), /Klaar op /, 'done in words, not only in colour');
		assert.deepEqual(await order(), [acts.bike, acts.alarm, acts.call].map((a) => `gaction-${a.id}`), 'the done action after the open ones');
		const s = await stored(first);
		assert.ok(s.done_at, 'stored as done');
		await assertAccessible(page, 'plan tab with a done action');
		await assertNoHorizontalScroll(page, 'plan tab with a done action');
	});

	it('"Toch niet klaar" opens it again: the focus on its "Klaar", back in its place', { timeout: STEP_TIMEOUT }, async () => {
		const first = acts.call.id;
		await page.keyboard.press('Enter');
		await page.locator(`#g${goal.id}-actions-message`, { hasText: 'De actie staat weer open.' }).waitFor();
		const done = page.locator(`#gaction-${first}-done`);
		await done.waitFor();
		await assertFocus(page, done, 'the focus is on "Klaar" of the same action');
		assert.deepEqual(await order(), [acts.call, acts.bike, acts.alarm].map((a) => `gaction-${a.id}`));
		assert.equal((await stored(first)).done_at, null, 'open again');
		// The bike is done for the JIM's page.
		await page.locator(`#gaction-${acts.bike.id}-done`).click();
		await page.locator(`#gaction-${acts.bike.id}-undo`).waitFor();
	});

	it('the JIM sees the open actions first and the done one said done in plain words', { timeout: STEP_TIMEOUT }, async () => {
		const { page: jp } = await w.newBrowser('jim');
		await jp.setViewportSize({ width: 360, height: 740 });
		await jp.goto(server.base + '/');
		await loginWithTotp(jp, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(jp, 'Mijn jongere'); // at 360 px the menu is folded behind its button
		await openSection(jp, 'jim-sec-plan');
		const bike = jp.locator(`#plain-action-${acts.bike.id}`);
		await bike.waitFor();
		const long = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
			.format(new Date(today + 'T00:00:00Z'));
		assert.match(await bike.innerText(), new RegExp(`Dit is klaar \\(${long}\\)`));
		assert.doesNotMatch(await jp.locator(`#plain-action-${acts.call.id}`).innerText(), /klaar/);
		const ids = await jp.locator(`#goal-${goal.id} .plain-actions > li`).evaluateAll((els) => els.map((e) => e.id));
		assert.deepEqual(ids, [acts.call, acts.alarm, acts.bike].map((a) => `plain-action-${a.id}`));
		await assertAccessible(jp, 'JIM plan with a done action');
		await assertNoHorizontalScroll(jp, 'JIM plan with a done action');
	});

	itEndsCleanly(w);
});
