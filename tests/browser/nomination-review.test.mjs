// Headless-browser check of assessing a candidate JIM: the lower bounds are
// yes, no or "nog niet bekend", and "Nog bespreken" keeps an unknown bound
// unknown (null) instead of "nee"; approving with a bound still unknown is
// refused at that bound; when the form comes back it starts from the latest
// assessment. axe-core on the JIM section, no horizontal scroll at 360 px, a
// clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/nomination-review.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, expect, browserWorld, itEndsCleanly,
} from './helpers.mjs';

describe('assessing a candidate JIM in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('nomination-review');
	let server;
	let token; // the professional's
	let youthId;
	let nomId;
	let page;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const nominations = () => expect(server.base, 'GET', `/api/v1/youths/${youthId}/nominations`, 200, { token });

	it('sets up a young person with a candidate through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		({ token } = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'professional', password: DEMO_PASSWORD } }));
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token });
		youthId = (await expect(base, 'POST', '/api/v1/youths', 201, {
			token, body: { given_name: 'Sanne', family_name: 'Visser', birth_date: '2012-03-04', municipality: 'Zwolle', team_id: me.team_ids[0] },
		})).id;
		nomId = (await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name: 'Buurman Piet', relation: 'buurman' } })).id;
	});

	it('"Nog bespreken" keeps a lower bound that is not yet known unknown, not "nee"', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}/jim`);
		const p = '#n' + nomId + '-';
		const card = page.locator('#nomination-' + nomId);
		await card.waitFor();
		for (const b of ['is_parent', 'adult', 'willing_to_cooperate', 'child_safe', 'own_load_manageable'])
			assert.equal(await page.locator(p + b + '-unknown').isChecked(), true, `${b} starts not yet known`);
		await page.locator(p + 'is_parent-no').check();
		await page.locator(p + 'adult-yes').check();
		await page.locator(p + 'decision').selectOption('discuss');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'assess-message', { hasText: 'opgeslagen' }).waitFor();
		await card.locator('.assessment li', { hasText: 'Wil samenwerken' }).filter({ hasText: 'Nog niet bekend' }).waitFor();
		const a = (await nominations()).items.find((n) => n.id === nomId).assessment;
		assert.deepEqual([a.is_parent, a.adult, a.willing_to_cooperate, a.child_safe, a.own_load_manageable], [false, true, null, null, null]);
		assert.equal(a.decision, 'discuss');
		await assertAccessible(page, 'dossier JIM section (assessment)');
		await assertNoHorizontalScroll(page, 'dossier JIM section (assessment)');
	});

	it('the form comes back with the latest answers, and approving needs every bound answered', { timeout: STEP_TIMEOUT }, async () => {
		await page.reload();
		const p = '#n' + nomId + '-';
		const card = page.locator('#nomination-' + nomId);
		await page.locator(p + 'assess-prefilled').waitFor();
		assert.equal(await page.locator(p + 'is_parent-no').isChecked(), true);
		assert.equal(await page.locator(p + 'adult-yes').isChecked(), true);
		assert.equal(await page.locator(p + 'willing_to_cooperate-unknown').isChecked(), true);
		await page.locator(p + 'willing_to_cooperate-yes').check();
		await page.locator(p + 'child_safe-yes').check();
		await page.locator(p + 'decision').selectOption('approve');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'own_load_manageable-error', { hasText: 'Kies ja of nee' }).waitFor();
		assert.equal(await page.getAttribute(p + 'own_load_manageable-unknown', 'aria-invalid'), 'true');
		assert.equal((await nominations()).items.find((n) => n.id === nomId).assessment.decision, 'discuss', 'nothing stored');
		await page.locator(p + 'own_load_manageable-yes').check();
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'status', { hasText: 'Goedgekeurd' }).waitFor();
		await assertAccessible(page, 'dossier JIM section (approved)');
	});

	itEndsCleanly(w);
});
