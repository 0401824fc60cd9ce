// An alert closed by a correction of the hours, in a real browser: a JIM's
// hours were entered too high (22 hours this week and last week), which
// raised "Veel uren"; the professional brings one entry back to 1 hour
// (PATCH /api/v1/activities/{id}), which closes the alert as "corrected".
// The home page's "Aandachtspunten" no longer lists it as open; under
// "Afgehandeld" it shows with who corrected and the catalogue's sentence
// that it was closed because the hours were corrected (and no note, as no
// one wrote one), and in English after the language switch. axe-core on
// the list, at 360 px no horizontal scroll; a clean SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/alerts-corrected.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	DEMO_PASSWORD, ROOT, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, expect, browserWorld, itEndsCleanly,
	demoProfessional, apiYouth, addDays, todayAmsterdam, phonePage,
} from './helpers.mjs';

const catalogue = (lang) => JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', lang + '.json'), 'utf8'));
const NL = catalogue('nl')['alert.corrected'];
const EN = catalogue('en')['alert.corrected'];

// A JIM of a new young person with 22 hours this week and last week,
// entered by the professional; then one entry brought back to 1 hour.
// Returns the id of the load_high alert that raised and was closed.
async function correctedJim(base, pro) {
	const today = todayAmsterdam();
	const y = await apiYouth(base, pro, { given_name: 'Pien', family_name: 'Verbeterd' });
	const { token } = pro;
	const nom = await expect(base, 'POST', `/api/v1/youths/${y.id}/nominations`, 201, { token, body: { name: 'Joop Uren', relation: 'oom' } });
	await expect(base, 'POST', `/api/v1/nominations/${nom.id}/assessment`, 201, {
		token,
		body: { is_parent: false, adult: true, willing_to_cooperate: true, child_safe: true, own_load_manageable: true, decision: 'approve' },
	});
	const act = await expect(base, 'POST', `/api/v1/nominations/${nom.id}/activate`, 201,
		{ token, body: { username: 'jim.joop', started_on: addDays(today, -10) } });
	const jimId = act.jim.id;
	const made = [];
	for (const date of [today, addDays(today, -7)]) {
		for (let i = 0; i < 2; i++) {
			made.push(await expect(base, 'POST', `/api/v1/jims/${jimId}/activities`, 201,
				{ token, body: { date, minutes: 660, kind: 'contact' } }));
		}
	}
	const open = await expect(base, 'GET', `/api/v1/alerts?team_id=${pro.teamId}&state=open`, 200, { token });
	const raised = open.items.find((a) => a.jim_id === jimId && a.kind === 'load_high');
	assert.ok(raised, 'load_high raised by the hours as entered');
	await expect(base, 'PATCH', `/api/v1/activities/${made[0].id}`, 200, { token, body: { minutes: 60 } });
	const all = await expect(base, 'GET', `/api/v1/alerts?team_id=${pro.teamId}&state=all`, 200, { token });
	assert.equal(all.items.find((a) => a.id === raised.id).resolution, 'corrected');
	return raised.id;
}

describe('an alert closed by a correction of the hours', { timeout: 4 * STEP_TIMEOUT }, () => {
	const w = browserWorld('alerts-corrected');
	let server;
	let id;

	before(async () => {
		server = await w.start();
		id = await correctedJim(server.base, await demoProfessional(server.base));
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('shows under "Afgehandeld" with the sentence that the hours were corrected, also in English', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'pro');
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.locator('#alerts-state').waitFor();
		await page.locator('#alerts-count').or(page.locator('#alerts p', { hasText: catalogue('nl')['alert.empty_open'] })).first().waitFor();
		assert.equal(await page.locator(`#alert-${id}`).count(), 0, 'not in the open list');

		await page.locator('#alerts-state').selectOption('acknowledged');
		const item = page.locator(`#alert-${id}`);
		await item.waitFor();
		assert.match(await item.locator('.alert-kind').innerText(), /Veel uren/);
		assert.equal((await item.locator('.alert-corrected').innerText()).trim(), NL);
		assert.match(await item.locator('.ack').innerText(), /Afgehandeld op .*\(.+\)/, 'when, and who corrected');
		assert.equal(await item.locator('.user-text').count(), 0, 'no note: no one wrote one');
		await assertAccessible(page, 'alerts, Afgehandeld, with a corrected alert');
		await assertNoHorizontalScroll(page, 'alerts, Afgehandeld, at 360 px');

		await page.locator('#lang-switch').click();
		await item.locator('.alert-corrected', { hasText: EN }).waitFor();
		assert.equal((await item.locator('.alert-corrected').innerText()).trim(), EN);
	});

	itEndsCleanly(w);
});
