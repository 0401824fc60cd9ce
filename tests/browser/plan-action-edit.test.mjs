// Correcting an action of the plan, in a real browser on a 360 px phone:
// the caseworker opens an action's "Wijzigen" (the focus on its first
// field), puts right the day it is due and whose it is (the JIM's, without
// a name), saves, and sees the message and the action as it is now in the
// list; "Annuleren" and Escape close the form with the focus back on
// "Wijzigen". A second browser (the team lead) had the same action open:
// its change, made on the old version, is refused (412) with the conflict
// message, keeps what was typed, and loads the newest version with a
// button; saved again, it goes through. axe on each, no horizontal scroll.
//
// Run from the repository root: node --test tests/browser/plan-action-edit.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, expect,
	itEndsCleanly, demoProfessional, apiYouth, storedAction, assertFocus, todayAmsterdam, addDays, EDIT_CONFLICT_TEXT as CONFLICT, openDossierTab,
} from './helpers.mjs';

const dutch = (ymd) => `${ymd.slice(8, 10)}-${ymd.slice(5, 7)}-${ymd.slice(0, 4)}`;

describe('an action of the plan corrected, in a real browser', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('action-edit');
	const today = todayAmsterdam();
	let server;
	let pro;
	let youthId;
	let goal;
	let action;
	let first; // the professional's page
	let second; // the team lead's page

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const stored = () => storedAction(server.base, pro, youthId, action.id);
	const p = () => `#gaction-${action.id}-edit-`;

	async function openPlan(page) {
		await openDossierTab(page, server.base, youthId, 'plan');
		await page.locator(`#gaction-${action.id}-edit`).waitFor();
	}

	it('sets up a young person with a goal and an action; both open the plan on a phone', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		youthId = (await apiYouth(server.base, pro, { given_name: 'Noa', family_name: 'Wijzer',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, started_on: addDays(today, -30) })).id;
		goal = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
			{ token: pro.token, body: { title: 'Een bijbaan vinden', author_kind: 'youth' } });
		action = await expect(server.base, 'POST', `/api/v1/goals/${goal.id}/actions`, 201,
			{ token: pro.token, body: { description: 'Cv maken', owner: 'Mentor', due_date: addDays(today, 3) } });
		for (const [profile, username] of [['first', 'professional'], ['second', 'teamlead']]) {
			const { page } = await w.newBrowser(profile);
			await page.setViewportSize({ width: 360, height: 740 });
			await page.goto(server.base + '/');
			await login(page, username, DEMO_PASSWORD);
			await openPlan(page);
			if (profile === 'first') first = page;
			else second = page;
		}
	});

	it('"Wijzigen" opens the form with the focus on its first field; Escape and "Annuleren" go back to "Wijzigen"', { timeout: STEP_TIMEOUT }, async () => {
		const edit = `gaction-${action.id}-edit`;
		await first.locator('#' + edit).focus();
		await first.keyboard.press('Enter');
		await first.locator(p() + 'description').waitFor();
		await assertFocus(first, first.locator('#' + `gaction-${action.id}-edit-description`), '"Wijzigen": the focus on the first field');
		assert.equal(await first.locator(p() + 'description').inputValue(), 'Cv maken');
		assert.equal(await first.locator(p() + 'owner').inputValue(), 'Mentor');
		assert.equal(await first.locator(p() + 'due').inputValue(), addDays(today, 3));
		await first.keyboard.press('Escape');
		await first.locator(p() + 'description').waitFor({ state: 'detached' });
		await assertFocus(first, first.locator('#' + edit), 'Escape: the focus back on "Wijzigen"');
		await first.locator('#' + edit).click();
		await first.locator(p() + 'cancel').click();
		await first.locator(p() + 'description').waitFor({ state: 'detached' });
		await assertFocus(first, first.locator('#' + edit), '"Annuleren": the focus back on "Wijzigen"');
	});

	it('"Opslaan" with nothing changed says so and sends nothing', { timeout: STEP_TIMEOUT }, async () => {
		const before = await stored();
		const sent = [];
		const onRequest = (r) => {
			if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
		};
		await first.locator(`#gaction-${action.id}-edit`).click();
		await first.locator(p() + 'description').waitFor();
		first.on('request', onRequest);
		await first.locator(p() + 'save').click();
		await first.getByText('Je hebt niets veranderd. Pas iets aan of kies Annuleren.').waitFor();
		first.off('request', onRequest);
		assert.deepEqual(sent, [], 'no request');
		assert.deepEqual(await stored(), before, 'nothing changed');
		await first.locator(p() + 'cancel').click();
		await first.locator(p() + 'description').waitFor({ state: 'detached' });
	});

	it('the caseworker corrects the day and whose it is, and sees it in the list', { timeout: STEP_TIMEOUT }, async () => {
		await second.locator(`#gaction-${action.id}-edit`).click(); // the team lead opens the old version
		await second.locator(p() + 'description').waitFor();

		await first.locator(`#gaction-${action.id}-edit`).click();
		await first.locator(p() + 'due').fill(addDays(today, 10));
		await first.locator(p() + 'owner-kind').selectOption('jim');
		await first.locator(p() + 'owner').fill('');
		await assertNoHorizontalScroll(first, 'the correction of an action at 360 px');
		await assertAccessible(first, 'the correction of an action');
		await first.locator(p() + 'save').click();
		const done = first.locator(`#g${goal.id}-actions-done`, { hasText: 'De actie ‘Cv maken’ is gewijzigd.' });
		await done.waitFor();
		await assertFocus(first, first.locator('#' + `g${goal.id}-actions-done`), 'the message takes the focus');
		await first.locator(p() + 'description').waitFor({ state: 'detached' });
		const line = await first.locator(`#gaction-${action.id}`).innerText();
		assert.match(line, /De JIM/);
		assert.match(line, new RegExp(`uiterlijk ${dutch(addDays(today, 10))}`));
		assert.doesNotMatch(line, /Mentor/);
		const now = await stored();
		assert.equal(now.owner_kind, 'jim');
		assert.equal(now.owner, '');
		assert.equal(now.due_date, addDays(today, 10));
		await assertAccessible(first, 'the plan after the correction');
	});

	it('a stale edit from the second browser shows the conflict, keeps the text, and saves once loaded again', { timeout: STEP_TIMEOUT }, async () => {
		await second.locator(p() + 'description').fill('Cv maken en versturen');
		await second.locator(p() + 'save').click();
		await second.locator(p() + 'message', { hasText: CONFLICT }).waitFor();
		const now = await stored();
		assert.equal(now.description, 'Cv maken', 'the stale change was not stored');
		assert.equal(now.owner_kind, 'jim', 'the first correction stays');
		assert.equal(await second.locator(p() + 'description').inputValue(), 'Cv maken en versturen', 'the typed text stays');
		await assertNoHorizontalScroll(second, 'the conflict at 360 px');
		await assertAccessible(second, 'the conflict of an action');

		await second.locator(p() + 'reload').click();
		await second.locator(p() + 'message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		await second.locator(`#gaction-${action.id}`, { hasText: 'De JIM' }).waitFor();
		await assertFocus(second, second.locator('#' + `gaction-${action.id}-edit-save`), 'loaded again: the focus on "Opslaan"');
		assert.equal(await second.locator(p() + 'description').inputValue(), 'Cv maken en versturen');
		// what the team lead had typed elsewhere was the old version: put the newest back
		await second.locator(p() + 'owner-kind').selectOption('jim');
		await second.locator(p() + 'owner').fill('');
		await second.locator(p() + 'due').fill(addDays(today, 10));
		await second.locator(p() + 'save').click();
		await second.locator(`#g${goal.id}-actions-done`, { hasText: 'is gewijzigd' }).waitFor();
		const saved = await stored();
		assert.equal(saved.description, 'Cv maken en versturen');
		assert.equal(saved.owner_kind, 'jim');
	});

	itEndsCleanly(w);
});
