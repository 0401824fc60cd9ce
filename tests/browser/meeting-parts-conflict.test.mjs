// Two caseworkers work on the same meeting at once, each in their own
// browser: one changes the agenda, the other writes the minutes. Each form
// sends only its own part's tag (If-Match-Parts, docs/api.md "A meeting's
// parts"), so the minutes are saved without a conflict and both changes
// stay. The same part changed by both still conflicts: the message, what was
// typed kept, "Nieuwste versie laden", then saved again. A new time set by
// one leaves the other's agenda free too. At 360 px, with axe.
//
// Run from the repository root: node --test tests/browser/meeting-parts-conflict.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, expect, itEndsCleanly,
	demoProfessional, apiYouth, focusedId, EDIT_CONFLICT_TEXT as CONFLICT,
} from './helpers.mjs';

const CHANGED = 'De vergadering is bijgewerkt.';
const MINUTES_SAVED = 'Het verslag is opgeslagen.';

describe('two caseworkers change different parts of the same meeting', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('meeting-parts-conflict');
	let server;
	let pro;
	let meeting;
	let first; // the professional's page
	let second; // the team lead's page

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const stored = () => expect(server.base, 'GET', `/api/v1/meetings/${meeting.id}`, 200, { token: pro.token });

	async function openMeeting(profile, username) {
		const { page } = await w.newBrowser(profile);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, username, DEMO_PASSWORD);
		await page.goto(server.base + `/#/meetings/${meeting.id}`);
		await page.locator('#mt-minutes').waitFor();
		await page.locator('#edit-meeting summary').click();
		await page.locator('#em-agenda').waitFor();
		return page;
	}

	it('both open the same meeting', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		const youthId = (await apiYouth(server.base, pro, { given_name: 'Sanne', family_name: 'de Vries' })).id;
		const start = new Date(Date.now() + 3 * 86400000);
		start.setUTCHours(9, 0, 0, 0);
		const iso = (d) => d.toISOString().replace('.000Z', 'Z');
		meeting = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/meetings`, 201, {
			token: pro.token,
			body: {
				kind: 'network', starts_at: iso(start), ends_at: iso(new Date(+start + 3600000)), location: 'Wijkcentrum De Linde',
				agenda: 'Stand van zaken',
			},
		});
		first = await openMeeting('first', 'professional');
		second = await openMeeting('second', 'teamlead');
	});

	it('one changes the agenda; the other then saves the minutes without a conflict, and both stay', { timeout: STEP_TIMEOUT }, async () => {
		// the team lead starts on the agenda too, on the version loaded before
		await second.locator('#em-agenda').fill('School, werk en wonen');

		await first.locator('#em-agenda').fill('School en werk');
		await first.locator('#em-save').click();
		await first.locator('#edit-meeting-message', { hasText: CHANGED }).waitFor();
		assert.equal((await stored()).agenda, 'School en werk');

		await second.locator('#mt-minutes').fill('Sanne belt de mentor. Moeder komt de volgende keer ook.');
		await second.locator('#mt-save').click();
		await second.locator('#minutes-message', { hasText: MINUTES_SAVED }).waitFor();
		assert.equal(await second.locator('#minutes-reload').count(), 0, 'no conflict');
		const now = await stored();
		assert.equal(now.agenda, 'School en werk', 'the agenda stays as the other saved it');
		assert.equal(now.minutes, 'Sanne belt de mentor. Moeder komt de volgende keer ook.');
		assert.equal(await second.locator('#em-agenda').inputValue(), 'School, werk en wonen', 'what was typed in the agenda stays');
		await assertAccessible(second, 'the minutes saved');
	});

	it('the same part changed by both still conflicts: the message, the newest version a button away', { timeout: STEP_TIMEOUT }, async () => {
		await second.locator('#em-save').click();
		await second.locator('#edit-meeting-message', { hasText: CONFLICT }).waitFor();
		assert.equal((await stored()).agenda, 'School en werk', 'the first agenda is not overwritten');
		assert.equal(await second.locator('#em-agenda').inputValue(), 'School, werk en wonen', 'the text stays');
		await assertNoHorizontalScroll(second, 'the agenda\'s conflict at 360 px');
		await assertAccessible(second, 'the agenda\'s conflict');

		await second.locator('#edit-meeting-reload').click();
		await second.locator('#edit-meeting-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		await second.locator('#meeting-facts', { hasText: 'School en werk' }).waitFor();
		assert.equal(await focusedId(second), 'em-save');
		assert.equal(await second.locator('#em-agenda').inputValue(), 'School, werk en wonen', 'what was typed stays');
		await second.keyboard.press('Enter');
		await second.locator('#edit-meeting-message', { hasText: CHANGED }).waitFor();
		const now = await stored();
		assert.equal(now.agenda, 'School, werk en wonen');
		assert.equal(now.minutes, 'Sanne belt de mentor. Moeder komt de volgende keer ook.', 'the minutes stay');
	});

	it('a new place set by one leaves the other\'s agenda free, and the place stays', { timeout: STEP_TIMEOUT }, async () => {
		await second.locator('#em-agenda').fill('School, werk, wonen en geld');
		await first.locator('#em-location').fill('Buurthuis De Brug');
		await first.locator('#em-save').click();
		await first.locator('#edit-meeting-message', { hasText: CHANGED }).waitFor();

		await second.locator('#em-save').click();
		await second.locator('#edit-meeting-message', { hasText: CHANGED }).waitFor();
		assert.equal(await second.locator('#edit-meeting-reload').count(), 0, 'no conflict');
		const now = await stored();
		assert.equal(now.location, 'Buurthuis De Brug', 'the other\'s new place stays');
		assert.equal(now.agenda, 'School, werk, wonen en geld');
		await second.locator('#meeting-facts', { hasText: 'Buurthuis De Brug' }).waitFor();

		// the minutes, changed by both: still the conflict
		await first.locator('#mt-minutes').fill('Verslag van de professional');
		await second.locator('#mt-minutes').fill('Verslag van de teamleider');
		await first.locator('#mt-save').click();
		await first.locator('#minutes-message', { hasText: MINUTES_SAVED }).waitFor();
		await second.locator('#mt-save').click();
		await second.locator('#minutes-message', { hasText: CONFLICT }).waitFor();
		await second.locator('#minutes-reload').waitFor();
		assert.equal((await stored()).minutes, 'Verslag van de professional');
		await assertAccessible(second, 'the minutes\' conflict');
	});

	it('saving the form with nothing changed says so and sends nothing', { timeout: STEP_TIMEOUT }, async () => {
		await first.reload();
		await first.locator('#mt-minutes').waitFor();
		await first.locator('#edit-meeting summary').click();
		await first.locator('#em-agenda').waitFor();
		const before = await stored();
		const sent = [];
		const onRequest = (r) => {
			if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
		};
		first.on('request', onRequest);
		await first.locator('#em-save').click();
		await first.locator('#edit-meeting-message', { hasText: 'Je hebt niets veranderd' }).waitFor();
		first.off('request', onRequest);
		assert.deepEqual(sent, [], 'no request');
		assert.deepEqual(await stored(), before, 'nothing changed');
	});

	itEndsCleanly(w);
});
