// Correcting an action of a goal that is reached or stopped while its
// "Wijzigen" form is open, in a real browser on a 360 px phone: the goal is
// ended through the API, the caseworker saves, the server refuses (409
// goal_ended) and the form says that the goal was ended so the action can
// no longer be changed (plan.action_edit_goal_ended), not the text of adding
// an action; the action stays as it was and what was typed stays in the
// form. In Dutch and in English; axe, no horizontal scroll.
//
// Run from the repository root: node --test tests/browser/plan-action-edit-ended.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, expect,
	itEndsCleanly, demoProfessional, apiYouth, storedAction, todayAmsterdam, addDays, openDossierTab,
} from './helpers.mjs';

const NL = 'Dit doel is intussen gehaald of gestopt. Daarom kan deze actie niet meer worden gewijzigd. '
	+ 'Werk eerst weer aan het doel om de actie te wijzigen.';
const EN = 'This goal has meanwhile been reached or stopped, so this action can no longer be changed. '
	+ 'Take the goal up again first to change the action.';

describe('an action whose goal ended while its form was open, in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('action-edit-ended');
	const today = todayAmsterdam();
	let server;
	let pro;
	let youthId;
	let goal;
	let action;
	let page;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const stored = () => storedAction(server.base, pro, youthId, action.id);
	const p = () => `#gaction-${action.id}-edit-`;
	const setStatus = (status) => expect(server.base, 'PATCH', `/api/v1/goals/${goal.id}`, 200,
		{ token: pro.token, body: { status } });

	// Opens the action's form, ends the goal through the API, types a new
	// wording and saves: the form must say `text`, and nothing is stored.
	async function saveAfterEnd(status, typed, text) {
		await openDossierTab(page, server.base, youthId, 'plan');
		await page.locator(`#gaction-${action.id}-edit`).click();
		await page.locator(p() + 'description').waitFor();
		await setStatus(status);
		await page.locator(p() + 'description').fill(typed);
		await page.locator(p() + 'save').click();
		const message = page.locator(p() + 'message');
		await message.filter({ hasText: text }).waitFor();
		assert.equal((await message.innerText()).trim(), text);
		assert.doesNotMatch(await message.innerText(), /toe te voegen|to add/, 'not the message of adding an action');
		assert.equal((await stored()).description, 'Cv maken', 'the action is unchanged');
		assert.equal(await page.locator(p() + 'description').inputValue(), typed, 'what was typed stays');
	}

	it('sets up a young person with a goal and an action; the caseworker logs in on a phone', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		youthId = (await apiYouth(server.base, pro, { given_name: 'Noa', family_name: 'Eindig',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, started_on: addDays(today, -30) })).id;
		goal = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
			{ token: pro.token, body: { title: 'Een bijbaan vinden', author_kind: 'youth' } });
		action = await expect(server.base, 'POST', `/api/v1/goals/${goal.id}/actions`, 201,
			{ token: pro.token, body: { description: 'Cv maken', owner: 'Mentor', due_date: addDays(today, 3) } });
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
	});

	it('the goal reached while the form is open: the save says the action can no longer be changed', { timeout: STEP_TIMEOUT }, async () => {
		await saveAfterEnd('reached', 'Cv maken en versturen', NL);
		await assertNoHorizontalScroll(page, 'the refused correction at 360 px');
		await assertAccessible(page, 'the refused correction of an action');
	});

	it('in English, the goal stopped while the form is open: the same in English', { timeout: STEP_TIMEOUT }, async () => {
		await setStatus('active');
		await page.locator('#lang-switch').click();
		await page.locator('#lang-switch').filter({ hasText: 'Nederlands' }).waitFor();
		await saveAfterEnd('stopped', 'Make a CV', EN);
		await assertAccessible(page, 'the refused correction of an action, in English');
		await page.locator('#lang-switch').click();
	});

	itEndsCleanly(w);
});
