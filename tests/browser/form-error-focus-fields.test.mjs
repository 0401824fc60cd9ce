// A refusal that names several fields (`fields` of one 422) marks every one
// of them at once, with its own text and aria-invalid, and the focus goes to
// the first: the admin's new account with a username of the wrong form and
// teams for a role that works in none (both only the server refuses); the
// team's correction of a JIM's hours (duration boxes and the kind's choices)
// and a candidate's assessment (the lower bounds' choices), answered by an
// intercepted 422 since no other combination of their fields gets past the
// page's own checks; and the page's own check of that assessment, which
// marks every bound still unknown, not only the first. 360 px phone, by keyboard, axe-core; a clean exit.
//
// Run from the repository root: node --test tests/browser/form-error-focus-fields.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, login, browserWorld, itEndsCleanly, demoProfessional, apiYouth,
	apiJim, navTo, expect,
} from './helpers.mjs';

describe('one refusal of several fields marks them all', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('form-error-focus-fields');
	let server;
	let page;
	let youth;
	let nomId;
	let pro;

	before(async () => {
		server = await w.start();
		pro = await demoProfessional(server.base);
		youth = await apiYouth(server.base, pro, { given_name: 'Vera', family_name: 'Velden' });
		await apiJim(server.base, pro, youth.id, { name: 'Tante Fem', relation: 'tante', username: 'jim.fem', password: 'het wachtwoord van fem 2026' });
		nomId = (await expect(server.base, 'POST', `/api/v1/youths/${youth.id}/nominations`, 201,
			{ token: pro.token, body: { name: 'Buurman Piet', relation: 'buurman' } })).id;
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const invalidIn = (form) => page.locator(`${form} [aria-invalid="true"]`).evaluateAll((els) => els.map((e) => e.id));

	// Submits `form` by keyboard; waits until `last` is marked invalid.
	async function submitAndWait(form, last) {
		await page.locator(`${form} button[type=submit]`).focus();
		await page.keyboard.press('Enter');
		await page.locator(`#${last}[aria-invalid="true"]`).waitFor();
	}

	// The 422 the server answers when it refuses these fields of a body.
	const refusal = (fields) => ({
		status: 422,
		contentType: 'application/json',
		body: JSON.stringify({ error: {
			code: 'validation_failed', field: fields[0], message: 'refused',
			fields: fields.map((field) => ({ field, message: 'refused' })),
		} }),
	});

	it('a new account: the username and the teams, both refused by the server', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('admin'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Gebruikers');
		await page.locator('#user-table').waitFor();
		const users = await page.locator('#user-table tbody tr').count();
		await page.locator('#user-username').fill('Jan Jansen');
		await page.locator('#user-display-name').fill('Jan Jansen');
		await page.locator('#user-role').selectOption('researcher');
		const org = await page.locator('#user-org option').nth(1).getAttribute('value');
		await page.locator('#user-org').selectOption(org);
		const team = page.locator('#user-form input[type=checkbox]').first();
		await team.check();
		const teamId = await team.getAttribute('id');
		await submitAndWait('#user-form', teamId);
		assert.deepEqual(await invalidIn('#user-form'), ['user-username', ...await page.locator('#user-form input[type=checkbox]')
			.evaluateAll((els) => els.map((e) => e.id))]);
		await assertFocus(page, page.locator('#user-username'), 'the first field the server refused');
		assert.match(await page.locator('#user-username-error').innerText(), /kleine letters/);
		// the server's reason (this role works in no team), not "teams of the chosen organisation"
		assert.match(await page.locator('#user-teams-error').innerText(), /Alleen hulpverleners en teamleiders werken in een team/);
		assert.equal(await team.getAttribute('aria-describedby'), 'user-teams-error');
		assert.match(await page.locator('#user-form-message').innerText(), /2 velden/);
		assert.equal(await page.locator('#user-table tbody tr').count(), users, 'no account made');
		await assertAccessible(page, 'new account refused at two fields');
	});

	it("the team's correction of a JIM's hours: the duration and the kind", { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('pro'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.route('**/api/v1/jims/*/activities', (route) => (route.request().method() === 'POST'
			? route.fulfill(refusal(['minutes', 'kind'])) : route.continue()));
		await page.goto(`${server.base}/#/youths/${youth.id}/hours`);
		await page.locator('#hours-correction summary').click();
		await page.locator('#cor-minutes').fill('30');
		await submitAndWait('#hours-correction', 'cor-kind-contact');
		const invalid = await invalidIn('#hours-correction');
		assert.ok(invalid.includes('cor-minutes') && invalid.includes('cor-kind-contact'), `both marked: ${invalid}`);
		assert.ok(!invalid.includes('cor-date') && !invalid.includes('cor-km'), `only those: ${invalid}`);
		await assertFocus(page, page.locator('#cor-minutes'), 'the duration, the first refused');
		await page.locator('#cor-duration-error').waitFor();
		await page.locator('#cor-kind-error').waitFor();
		assert.match(await page.locator('#cor-kind-error').innerText(), /Kies wat het was/);
		await assertAccessible(page, 'correction refused at two fields');
		await page.unroute('**/api/v1/jims/*/activities');
	});

	it("a candidate's assessment: two lower bounds", { timeout: STEP_TIMEOUT }, async () => {
		await page.route('**/api/v1/nominations/*/assessment', (route) => (route.request().method() === 'POST'
			? route.fulfill(refusal(['is_parent', 'child_safe'])) : route.continue()));
		await page.goto(`${server.base}/#/youths/${youth.id}/jim`);
		const p = 'n' + nomId + '-';
		await page.locator(`#${p}decision`).selectOption('discuss');
		await submitAndWait(`#nomination-${nomId} .assessment-form`, `${p}child_safe-unknown`);
		const invalid = await invalidIn(`#nomination-${nomId} .assessment-form`);
		assert.deepEqual([...new Set(invalid.map((id) => id.replace(/-(yes|no|unknown)$/, '')))], [p + 'is_parent', p + 'child_safe']);
		await assertFocus(page, page.locator(`#${p}is_parent-yes`), 'the first bound refused');
		assert.match(await page.locator(`#${p}is_parent-error`).innerText(), /ouder/);
		assert.match(await page.locator(`#${p}child_safe-error`).innerText(), /veilig/);
		await assertAccessible(page, 'assessment refused at two bounds');
		await page.unroute('**/api/v1/nominations/*/assessment');
	});

	it("a candidate's assessment: approving with four bounds still unknown marks all four (the page's own check)", { timeout: STEP_TIMEOUT }, async () => {
		await page.reload();
		const p = 'n' + nomId + '-';
		await page.locator(`#${p}decision`).waitFor();
		await page.locator(`#${p}is_parent-no`).check();
		await page.locator(`#${p}decision`).selectOption('approve');
		const open = ['adult', 'willing_to_cooperate', 'child_safe', 'own_load_manageable'];
		await submitAndWait(`#nomination-${nomId} .assessment-form`, `${p}own_load_manageable-unknown`);
		const invalid = await invalidIn(`#nomination-${nomId} .assessment-form`);
		assert.deepEqual([...new Set(invalid.map((id) => id.replace(/-(yes|no|unknown)$/, '')))], open.map((b) => p + b));
		await assertFocus(page, page.locator(`#${p}adult-yes`), 'the first bound still unknown');
		for (const b of open) {
			assert.match(await page.locator(`#${p}${b}-error`).innerText(), /Kies ja of nee/, b);
			assert.equal(await page.locator(`#${p}${b}`).getAttribute('aria-describedby'), `${p}${b}-error`, b);
		}
		assert.equal(await page.locator(`#${p}is_parent-error`).count(), 0, 'the answered bound is not marked');
		assert.match(await page.locator(`#${p}assess-message`).innerText(), /4 velden/);
		const noms = await expect(server.base, 'GET', `/api/v1/youths/${youth.id}/nominations`, 200, { token: pro.token });
		assert.equal(noms.items.find((x) => x.id === nomId).assessment ?? null, null, 'nothing sent');
		await assertAccessible(page, 'assessment with four bounds unknown');
	});

	itEndsCleanly(w);
});
