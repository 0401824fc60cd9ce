// An edit form that is open while its page fetches its data anew (the user
// came back to the page) keeps the version it was filled from, and its save
// sends that version's tag: a colleague's change made in between is then a
// conflict ("Nieuwste versie laden"), not silently overwritten by what was
// typed on top of the older version. With no change in between the save goes
// through, and a form with nothing typed yet is filled anew with what the
// page shows now. A goal of the plan (changed by a colleague through the
// API), a person of the network (changed by a colleague in their own
// browser), an action of the plan, the dossier's change form and a JIM's
// activity, at 360 px, with axe.
//
// Headless Chromium keeps every tab visible, so leaving the page and coming
// back is simulated as in refetch-on-return.test.mjs.
//
// Run from the repository root: node --test tests/browser/form-after-refetch.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, expect, itEndsCleanly,
	demoProfessional, apiYouth, apiJim, loginWithTotp, todayAmsterdam, focusedId, EDIT_CONFLICT_TEXT as CONFLICT, openDossierTab,
	assertValue,
} from './helpers.mjs';

const SHOWS = { timeout: 5000 };

// The user leaves the page (the tab is hidden) and comes back after more
// than the 30 seconds within which a page is not fetched again.
async function leaveAndComeBack(page) {
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 31000);
	await page.evaluate(() => {
		delete document.visibilityState;
		document.dispatchEvent(new Event('visibilitychange'));
	});
}

describe('an open edit form and a colleague\'s change fetched meanwhile', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('form-after-refetch');
	let server;
	let pro;
	let lead; // the colleague's API session
	let youthId;
	let goal;
	let member;
	let first; // the professional's page
	let second; // the colleague's (team lead's) page

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const storedGoal = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}/plan`, 200, { token: pro.token }))
		.goals.find((g) => g.id === goal.id);
	const storedMember = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}/network`, 200, { token: pro.token }))
		.items.find((x) => x.id === member.id);

	async function browser(profile, username) {
		const { page } = await w.newBrowser(profile);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, username, DEMO_PASSWORD);
		return page;
	}

	// leaveAndComeBack, then wait until the page has its quiet refetch of
	// GET `pathRe` (nothing to see when nothing changed): its answer has
	// come, and a frame after it, the page has taken it in.
	async function comeBackRefetched(page, pathRe) {
		const fetched = page.waitForEvent('requestfinished',
			(r) => r.method() === 'GET' && pathRe.test(new URL(r.url()).pathname), { timeout: 10000 });
		await leaveAndComeBack(page);
		await fetched;
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
	}

	async function openGoalEdit(page) {
		const p = `#g${goal.id}-`;
		await openDossierTab(page, server.base, youthId, 'plan');
		await page.locator(p + 'edit summary').click();
		await page.locator(p + 'edit-title').waitFor();
	}

	async function openMemberEdit(page) {
		await openDossierTab(page, server.base, youthId, 'network');
		await page.locator(`#nw-${member.id}-edit`).click();
		await page.locator('#nw-edit-name').waitFor();
	}

	it('sets up a dossier with a goal and a person of the network', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		({ token: lead } = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'teamlead', password: DEMO_PASSWORD } }));
		youthId = (await apiYouth(server.base, pro, { given_name: 'Lotte', family_name: 'Jansen' })).id;
		goal = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/goals`, 201, {
			token: pro.token, body: { title: 'Een bijbaan vinden', author_kind: 'youth' },
		});
		member = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/network`, 201, {
			token: pro.token, body: { name: 'Oom Peter', relation: 'oom', has_custody: false },
		});
		first = await browser('first', 'professional');
		second = await browser('second', 'teamlead');
	});

	it('a goal: the colleague\'s new title, fetched while the form is open, is not overwritten', { timeout: STEP_TIMEOUT }, async () => {
		const p = `#g${goal.id}-`;
		await openGoalEdit(first);
		await first.locator(p + 'edit-description').fill('Samen met oom Peter zoeken');

		const g = await storedGoal();
		await expect(server.base, 'PATCH', `/api/v1/goals/${goal.id}`, 200, { token: lead, body: { title: 'Een bijbaan in de buurt vinden' } });
		assert.ok(g.etag);
		await leaveAndComeBack(first);
		await first.locator(`#goal-${goal.id} h4`, { hasText: 'Een bijbaan in de buurt vinden' }).waitFor(SHOWS);
		assert.equal(await first.locator(p + 'edit-description').inputValue(), 'Samen met oom Peter zoeken', 'what was typed stays');
		assert.equal(await first.locator(p + 'edit-title').inputValue(), 'Een bijbaan vinden', 'the form shows the version it was filled from');

		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: CONFLICT }).waitFor();
		let now = await storedGoal();
		assert.equal(now.title, 'Een bijbaan in de buurt vinden', 'the colleague\'s title is not overwritten');
		assert.equal(now.description, null);
		await assertNoHorizontalScroll(first, 'a goal\'s conflict at 360 px');
		await assertAccessible(first, 'a goal\'s conflict after a refetch');

		await first.locator(p + 'edit-reload').click();
		await first.locator(p + 'edit-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		assert.equal(await focusedId(first), `g${goal.id}-edit-save`);
		assert.equal(await first.locator(p + 'edit-description').inputValue(), 'Samen met oom Peter zoeken');
		await first.locator(p + 'edit-title').fill('Een bijbaan in de buurt vinden');
		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: 'Een bijbaan in de buurt vinden' }).waitFor();
		now = await storedGoal();
		assert.equal(now.title, 'Een bijbaan in de buurt vinden');
		assert.equal(now.description, 'Samen met oom Peter zoeken');
	});

	it('a goal: with no change in between the save goes through; a form with nothing typed shows the newest version', { timeout: STEP_TIMEOUT }, async () => {
		const p = `#g${goal.id}-`;
		await openGoalEdit(first);
		await first.locator(p + 'edit-description').fill('Samen met oom Peter en de JIM zoeken');
		await comeBackRefetched(first, /\/youths\/\d+\/plan$/);
		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: 'Een bijbaan in de buurt vinden' }).waitFor();
		assert.equal(await first.locator(p + 'edit-reload').count(), 0, 'no conflict');
		assert.equal((await storedGoal()).description, 'Samen met oom Peter en de JIM zoeken');

		// nothing typed: the refetched goal fills the form, and saves on it
		await openGoalEdit(first);
		await expect(server.base, 'PATCH', `/api/v1/goals/${goal.id}`, 200, { token: lead, body: { title: 'Een bijbaan bij de bakker' } });
		await leaveAndComeBack(first);
		await first.locator(`#goal-${goal.id} h4`, { hasText: 'Een bijbaan bij de bakker' }).waitFor(SHOWS);
		await assertValue(first.locator(p + 'edit-title'), 'Een bijbaan bij de bakker', 'filled anew');
		await first.locator(p + 'edit-description').fill('Bij de bakker op zaterdag');
		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: 'Een bijbaan bij de bakker' }).waitFor();
		const now = await storedGoal();
		assert.equal(now.title, 'Een bijbaan bij de bakker');
		assert.equal(now.description, 'Bij de bakker op zaterdag');
	});

	it('a goal: what was typed stays when the goal is marked reached and moves to the ended goals, and saves without a conflict', { timeout: STEP_TIMEOUT }, async () => {
		const p = `#g${goal.id}-`;
		await openGoalEdit(first);
		await first.locator(p + 'edit-description').fill('Op zaterdag, met oom Peter');
		await first.locator(p + 'reached-open').click();
		await first.locator(p + 'reached-yes').click();
		await first.locator(`#ended-goals #goal-${goal.id}`).waitFor({ ...SHOWS, state: 'attached' });
		assert.equal((await storedGoal()).status, 'reached');
		await first.locator('#ended-goals > summary').click();
		assert.equal(await first.locator(p + 'edit').getAttribute('open'), '', 'the edit form is open again in the other list');
		assert.equal(await first.locator(p + 'edit-description').inputValue(), 'Op zaterdag, met oom Peter', 'what was typed stays');
		assert.equal(await first.locator(p + 'edit-title').inputValue(), 'Een bijbaan bij de bakker');
		await assertAccessible(first, 'a reached goal with its edit form kept');
		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: 'Een bijbaan bij de bakker' }).waitFor();
		assert.equal(await first.locator(p + 'edit-reload').count(), 0, 'its own status change is no conflict');
		const now = await storedGoal();
		assert.equal(now.description, 'Op zaterdag, met oom Peter');
		assert.equal(now.status, 'reached', 'the save keeps the status');

		// taken up again with nothing typed: the form shows the goal as it is, folded away
		await first.locator(p + 'resume').click();
		await first.locator(`#goals #goal-${goal.id}`).waitFor(SHOWS);
		assert.equal(await first.locator(p + 'edit').getAttribute('open'), null, 'nothing kept, nothing opened');
		assert.equal(await first.locator(p + 'edit-description').inputValue(), 'Op zaterdag, met oom Peter');
		assert.equal((await storedGoal()).status, 'active');
	});

	it('a person of the network: the colleague\'s correction, fetched while the form is open, is not overwritten', { timeout: STEP_TIMEOUT }, async () => {
		await openMemberEdit(first);
		await first.locator('#nw-edit-contact').fill('06-11223344');
		await first.locator('#nw-edit-reason').fill('Nieuw nummer van oom Peter');

		// the colleague corrects the relation in their own browser
		await openMemberEdit(second);
		await second.locator('#nw-edit-relation').fill('oom (van moederskant)');
		await second.locator('#nw-edit-reason').fill('Stond onvolledig in het dossier');
		await second.locator('#nw-edit-save').click();
		await second.locator('#network-done', { hasText: 'Oom Peter' }).waitFor();

		await leaveAndComeBack(first);
		await first.locator('#network-table td', { hasText: 'oom (van moederskant)' }).waitFor(SHOWS);
		assert.equal(await first.locator('#nw-edit-contact').inputValue(), '06-11223344', 'what was typed stays');
		assert.equal(await first.locator('#nw-edit-relation').inputValue(), 'oom', 'the form shows the version it was filled from');
		await first.locator('#nw-edit-save').click();
		await first.locator('#nw-edit-message', { hasText: CONFLICT }).waitFor();
		let now = await storedMember();
		assert.equal(now.relation, 'oom (van moederskant)', 'the colleague\'s correction is not overwritten');
		assert.equal(now.contact, null);
		await assertNoHorizontalScroll(first, 'the network conflict at 360 px');
		await assertAccessible(first, 'the network conflict after a refetch');

		await first.locator('#nw-edit-reload').click();
		await first.locator('#nw-edit-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		assert.equal(await focusedId(first), 'nw-edit-save');
		await first.locator('#nw-edit-relation').fill('oom (van moederskant)');
		await first.locator('#nw-edit-save').click();
		await first.locator('#network-done', { hasText: 'Oom Peter' }).waitFor();
		now = await storedMember();
		assert.equal(now.relation, 'oom (van moederskant)');
		assert.equal(now.contact, '06-11223344');
	});

	it('a person of the network: with no change in between the save goes through', { timeout: STEP_TIMEOUT }, async () => {
		await openMemberEdit(first);
		await first.locator('#nw-edit-contact').fill('06-55667788');
		await first.locator('#nw-edit-reason').fill('Weer een nieuw nummer');
		await comeBackRefetched(first, /\/youths\/\d+\/network$/);
		await first.locator('#nw-edit-save').click();
		await first.locator('#network-done', { hasText: 'Oom Peter' }).waitFor();
		assert.equal((await storedMember()).contact, '06-55667788');
	});

	it('an action of the plan: the same', { timeout: STEP_TIMEOUT }, async () => {
		const action = await expect(server.base, 'POST', `/api/v1/goals/${goal.id}/actions`, 201,
			{ token: pro.token, body: { description: 'Cv maken', owner: 'Mentor' } });
		const p = `#gaction-${action.id}-`;
		await openGoalEdit(first);
		await first.locator(p + 'edit').click();
		await first.locator(p + 'edit-owner').fill('Mentor Jan');
		await expect(server.base, 'PATCH', `/api/v1/goal-actions/${action.id}`, 200, { token: lead, body: { description: 'Cv maken en versturen' } });
		await leaveAndComeBack(first);
		await first.locator(p + 'what', { hasText: 'Cv maken en versturen' }).waitFor(SHOWS);
		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: CONFLICT }).waitFor();
		const stored = async () => (await storedGoal()).actions.find((a) => a.id === action.id);
		assert.equal((await stored()).description, 'Cv maken en versturen', 'the colleague\'s change is not overwritten');
		assert.equal((await stored()).owner, 'Mentor');
		await first.locator(p + 'edit-reload').click();
		await first.locator(p + 'edit-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		await first.locator(p + 'edit-description').fill('Cv maken en versturen');
		await first.locator(p + 'edit-save').click();
		await first.locator(`#g${goal.id}-actions-done`, { hasText: 'is gewijzigd' }).waitFor();
		assert.equal((await stored()).owner, 'Mentor Jan');
	});

	it('the dossier\'s change form: a change chosen before a colleague\'s change was fetched is refused', { timeout: STEP_TIMEOUT }, async () => {
		const living = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}`, 200, { token: pro.token })).living_situation;
		await first.goto(server.base + `/#/youths/${youthId}`);
		await first.locator('#change-form summary').click();
		await first.locator('#ch-field').selectOption('living_situation');
		await first.locator('#ch-value').selectOption('residential');
		await first.locator('#ch-reason').fill('Besproken met Lotte');
		await expect(server.base, 'PATCH', `/api/v1/youths/${youthId}`, 200,
			{ token: lead, body: { living_situation: 'foster_care', change_reason: 'Opgenomen in een pleeggezin' } });
		await leaveAndComeBack(first);
		await first.locator('#dossier-living', { hasText: /^Pleeggezin$/ }).waitFor(SHOWS);
		await first.locator('#ch-submit').click();
		await first.locator('#change-message', { hasText: CONFLICT }).waitFor();
		assert.equal(await living(), 'foster_care', 'the colleague\'s change is not overwritten');
		await first.locator('#change-reload').click();
		await first.locator('#change-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		await first.locator('#ch-submit').click();
		await first.locator('#dossier-living', { hasText: 'Residentiële jeugdhulp' }).waitFor();
		assert.equal(await living(), 'residential');
	});

	// The JIM's "Mijn uren" is not fetched again on a return; it is after a
	// save: the JIM corrects another entry meanwhile.
	it('a JIM\'s activity: the professional\'s correction, fetched while the JIM\'s form is open, is not overwritten', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const username = 'jim.refetch';
		const password = 'een lang wachtwoord 2026';
		const jim = await apiJim(base, pro, youthId, { name: 'Tante Mies', relation: 'tante', username, password });
		const session = await expect(base, 'POST', '/api/v1/session', 201, { body: { username, password } });
		const log = (minutes) => expect(base, 'POST', `/api/v1/jims/${jim.jimId}/activities`, 201, {
			token: session.token, body: { date: todayAmsterdam(), minutes, kind: 'contact' },
		});
		const act = await log(60);
		const other = await log(30);
		await expect(base, 'DELETE', '/api/v1/session', 204, { token: session.token });
		const { page } = await w.newBrowser('jim');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(base + '/');
		await loginWithTotp(page, username, password, jim.totpSecret);
		await page.goto(base + '/#/time');
		const p = `#a${act.id}-`;
		const q = `#a${other.id}-`;
		await page.locator(p + 'edit').click();
		await page.locator(p + 'note').fill('Samen naar de markt');
		await expect(base, 'PATCH', `/api/v1/activities/${act.id}`, 200, { token: pro.token, body: { minutes: 45 } });

		await page.locator(q + 'edit').click();
		await page.locator(q + 'note').fill('Gebeld');
		await page.locator(q + 'save').click();
		await page.locator(`#activity-${other.id}`, { hasText: 'Gebeld' }).waitFor();
		assert.equal(await page.locator(p + 'note').inputValue(), 'Samen naar de markt', 'what was typed stays');

		await page.locator(p + 'save').click();
		await page.locator(p + 'message', { hasText: CONFLICT }).waitFor();
		const stored = async () => (await expect(base, 'GET', `/api/v1/jims/${jim.jimId}/activities`, 200, { token: pro.token }))
			.items.find((x) => x.id === act.id);
		assert.equal((await stored()).minutes, 45, 'the correction is not overwritten');
		assert.equal((await stored()).note, null);
		assert.equal(await page.locator(p + 'note').inputValue(), 'Samen naar de markt', 'what was typed stays');
		await assertAccessible(page, 'an activity\'s conflict after a refetch');
	});

	itEndsCleanly(w);
});
