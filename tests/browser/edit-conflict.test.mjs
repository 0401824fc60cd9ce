// Two caseworkers open the same young person's dossier, each in their own
// browser, and both change it. The first save goes through; the second,
// made on what that caseworker loaded before, is refused (412 edit_conflict)
// instead of silently overwriting the first: the form says so in plain
// Dutch, keeps what was typed and chosen, and offers a button that loads
// the newest version; saved again from there, the change goes through. At
// 360 px, by keyboard where it matters, with axe. Then the same for a goal
// of the plan and for a meeting's minutes.
//
// Run from the repository root: node --test tests/browser/edit-conflict.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, expect, itEndsCleanly,
	demoProfessional, apiYouth, focusedId, EDIT_CONFLICT_TEXT as CONFLICT,
} from './helpers.mjs';


describe('two caseworkers change the same dossier', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('edit-conflict');
	let server;
	let pro;
	let youthId;
	let first; // the professional's page
	let second; // the team lead's page

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const stored = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}`, 200, { token: pro.token })).living_situation;

	async function openDossier(profile, username) {
		const { page } = await w.newBrowser(profile);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, username, DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}`);
		await page.locator('#dossier-living', { hasText: 'Thuis' }).waitFor();
		await page.locator('#change-form summary').click();
		await page.locator('#ch-field').selectOption('living_situation');
		return page;
	}

	it('both open the dossier of the same young person', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		youthId = (await apiYouth(server.base, pro, { given_name: 'Noor', family_name: 'Bakker', living_situation: 'home' })).id;
		first = await openDossier('first', 'professional');
		second = await openDossier('second', 'teamlead');
	});

	it('the first save goes through', { timeout: STEP_TIMEOUT }, async () => {
		await first.locator('#ch-value').selectOption('foster_care');
		await first.locator('#ch-reason').fill('Opgenomen in een pleeggezin');
		await first.locator('#ch-submit').click();
		await first.locator('#dossier-living', { hasText: /^Pleeggezin$/ }).waitFor();
		assert.equal(await stored(), 'foster_care');
	});

	it('the second, on the old version, is refused: the text stays, and the newest version is a button away', { timeout: STEP_TIMEOUT }, async () => {
		await second.locator('#ch-value').selectOption('residential');
		await second.locator('#ch-reason').fill('Besproken met Noor en haar moeder');
		await second.locator('#ch-submit').click();
		await second.locator('#change-message', { hasText: CONFLICT }).waitFor();
		assert.equal(await stored(), 'foster_care', 'the first change was not overwritten');
		assert.equal(await second.locator('#ch-reason').inputValue(), 'Besproken met Noor en haar moeder', 'the typed reason stays');
		assert.equal(await second.locator('#ch-value').inputValue(), 'residential', 'the chosen value stays');
		assert.equal(await second.locator('#dossier-living').innerText(), 'Thuis', 'the page still shows what was loaded');
		await second.locator('#change-reload').waitFor();
		await assertNoHorizontalScroll(second, 'the conflict at 360 px');
		await assertAccessible(second, 'the conflict message and its button');

		await second.locator('#change-reload').focus();
		await second.keyboard.press('Enter');
		await second.locator('#dossier-living', { hasText: /^Pleeggezin$/ }).waitFor();
		await second.locator('#history-table tr', { hasText: 'Opgenomen in een pleeggezin' }).waitFor();
		await second.locator('#change-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		assert.equal(await second.locator('#change-reload').count(), 0);
		assert.equal(await second.locator('#ch-reason').inputValue(), 'Besproken met Noor en haar moeder');
		assert.equal(await second.locator('#ch-value').inputValue(), 'residential');
		assert.equal(await focusedId(second), 'ch-submit', 'the focus is on the button that saves again');
		await assertAccessible(second, 'the newest version loaded');
	});

	it('saved again on the newest version, the change goes through', { timeout: STEP_TIMEOUT }, async () => {
		await second.keyboard.press('Enter');
		await second.locator('#dossier-living', { hasText: 'Residentiële jeugdhulp' }).waitFor();
		assert.equal(await stored(), 'residential');
		await second.locator('#history-table tr', { hasText: 'Besproken met Noor en haar moeder' }).waitFor();
		await assertAccessible(second, 'saved after the conflict');
	});

	it('a goal of the plan: the same, in its edit form', { timeout: STEP_TIMEOUT }, async () => {
		const goal = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/goals`, 201, {
			token: pro.token, body: { title: 'Een stageplek vinden', author_kind: 'youth' },
		});
		const p = `#g${goal.id}-`;
		for (const page of [first, second]) {
			await page.goto(server.base + `/#/youths/${youthId}/plan`);
			await page.locator(p + 'edit summary').click();
			await page.locator(p + 'edit-title').waitFor();
		}
		await first.locator(p + 'edit-title').fill('Een stage bij een garage');
		await first.locator(p + 'edit-save').click();
		await first.locator(p + 'edit-message', { hasText: 'Een stage bij een garage' }).waitFor();

		await second.locator(p + 'edit-description').fill('Samen met de JIM zoeken');
		await second.locator(p + 'edit-save').click();
		await second.locator(p + 'edit-message', { hasText: CONFLICT }).waitFor();
		const stored = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}/plan`, 200, { token: pro.token }))
			.goals.find((g) => g.id === goal.id);
		assert.equal((await stored()).description, null, 'the first change stands, the second is not stored');
		assert.equal(await second.locator(p + 'edit-description').inputValue(), 'Samen met de JIM zoeken');
		await assertAccessible(second, 'a goal\'s conflict');
		await second.locator(p + 'edit-reload').click();
		await second.locator(p + 'edit-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		assert.equal(await focusedId(second), `g${goal.id}-edit-save`);
		// what was typed stays, the title too: saving again sends it as typed
		await second.locator(p + 'edit-title').fill('Een stage bij een garage');
		await second.keyboard.press('Enter');
		await second.locator(p + 'edit-message', { hasText: 'Een stage bij een garage' }).waitFor();
		const now = await stored();
		assert.equal(now.title, 'Een stage bij een garage');
		assert.equal(now.description, 'Samen met de JIM zoeken');
	});

	it('a meeting\'s minutes: the same', { timeout: STEP_TIMEOUT }, async () => {
		const start = new Date(Date.now() - 2 * 86400000);
		start.setUTCHours(9, 0, 0, 0);
		const iso = (d) => d.toISOString().replace('.000Z', 'Z');
		const meeting = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/meetings`, 201, {
			token: pro.token,
			body: { kind: 'network', starts_at: iso(start), ends_at: iso(new Date(+start + 3600000)), location: 'Wijkcentrum De Linde' },
		});
		for (const page of [first, second]) {
			await page.goto(server.base + `/#/meetings/${meeting.id}`);
			await page.locator('#mt-minutes').waitFor();
		}
		await first.locator('#mt-minutes').fill('Noor gaat naar school. Moeder belt de mentor.');
		await first.locator('#mt-save').click();
		await first.locator('#minutes-message', { hasText: 'Het verslag is opgeslagen.' }).waitFor();

		await second.locator('#mt-minutes').fill('Afgesproken: Noor zoekt een bijbaan.');
		await second.locator('#mt-save').click();
		await second.locator('#minutes-message', { hasText: CONFLICT }).waitFor();
		const minutes = async () => (await expect(server.base, 'GET', `/api/v1/meetings/${meeting.id}`, 200, { token: pro.token })).minutes;
		assert.equal(await minutes(), 'Noor gaat naar school. Moeder belt de mentor.');
		assert.equal(await second.locator('#mt-minutes').inputValue(), 'Afgesproken: Noor zoekt een bijbaan.');
		await assertNoHorizontalScroll(second, 'a meeting\'s conflict at 360 px');
		await assertAccessible(second, 'a meeting\'s conflict');
		await second.locator('#minutes-reload').click();
		await second.locator('#minutes-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		assert.equal(await focusedId(second), 'mt-save');
		assert.equal(await second.locator('#mt-minutes').inputValue(), 'Afgesproken: Noor zoekt een bijbaan.', 'what was typed stays');
		await second.keyboard.press('Enter');
		await second.locator('#minutes-message', { hasText: 'Het verslag is opgeslagen.' }).waitFor();
		assert.equal(await minutes(), 'Afgesproken: Noor zoekt een bijbaan.');
	});

	itEndsCleanly(w);
});
