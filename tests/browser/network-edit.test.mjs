// Headless-browser walk through correcting and removing network members on
// a 360 px phone, by keyboard only, against a real `kring serve --demo`:
// "Wijzigen" opens a form whose name field takes the focus, a missing reason
// is refused at its field, the custody tick is corrected with a reason, the
// saved message takes the focus; a name and a relation refused at once are
// both marked; Escape gives the focus back to the button;
// "Verwijderen" asks first, a person who gave consent cannot be removed (the
// question says why), another one is removed. axe-core with the form and
// with the question open, no horizontal scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/network-edit.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, expect,
	browserWorld, itEndsCleanly, demoProfessional, apiYouth,
} from './helpers.mjs';

describe('correcting and removing network members by keyboard at 360 px', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('network');
	let server;
	let pro;
	let youthId;
	let page;
	const m = {};

	const network = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}/network`, 200, { token: pro.token })).items;
	const press = async (selector, key = 'Enter') => {
		await page.locator(selector).focus();
		await page.keyboard.press(key);
	};

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a dossier with three people, one of whom gave consent, through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		youthId = (await apiYouth(base, pro, { given_name: 'Noor', family_name: 'Netwerk' })).id;
		const add = (body) => expect(base, 'POST', `/api/v1/youths/${youthId}/network`, 201, { token: pro.token, body });
		m.father = await add({ name: 'Vader Henk', relation: 'vader', has_custody: false });
		m.mother = await add({ name: 'Moeder Ria', relation: 'moeder', has_custody: true });
		m.neighbour = await add({ name: 'Buurman Piet', relation: 'buurman', has_custody: false });
		await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token: pro.token, body: { scope: 'share_meetings', given_by: 'custody_holder', network_member_id: m.mother.id } });
	});

	it('corrects the custody tick with a reason, by keyboard', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + `/#/youths/${youthId}/network`);
		await page.locator('#login-username').waitFor();
		await login(page, 'professional', DEMO_PASSWORD);
		await page.locator(`#nw-${m.father.id}-edit`).waitFor();

		await press(`#nw-${m.father.id}-edit`);
		await assertFocus(page, page.locator('#nw-edit-name'), 'the name field takes the focus');
		assert.equal(await page.locator('#nw-edit-name').inputValue(), 'Vader Henk');
		await assertAccessible(page, 'network tab with the edit form');
		await assertNoHorizontalScroll(page, 'network tab with the edit form');

		// Custody ticked, no reason: refused at the reason, which takes the focus.
		await press('#nw-edit-custody', 'Space');
		assert.equal(await page.locator('#nw-edit-custody').isChecked(), true);
		await press('#nw-edit-save');
		await assertFocus(page, page.locator('#nw-edit-reason'), 'the reason field is marked and focused');
		assert.equal(await page.getAttribute('#nw-edit-reason', 'aria-invalid'), 'true');
		assert.equal((await network()).find((x) => x.id === m.father.id).has_custody, false, 'nothing stored');

		await page.keyboard.type('Gezag stond verkeerd aangevinkt');
		await press('#nw-edit-save');
		await assertFocus(page, page.locator('#network-done'), 'the saved message takes the focus');
		assert.match(await page.locator('#network-done').innerText(), /Vader Henk zijn gewijzigd/);
		assert.equal(await page.locator('#network-edit').count(), 0, 'the form is closed');
		assert.equal((await network()).find((x) => x.id === m.father.id).has_custody, true, 'custody corrected');
		assert.match(await page.locator('#network-table tbody tr', { hasText: 'Vader Henk' }).innerText(), /ja/);

		// Escape closes the form and gives the focus back to its button.
		await press(`#nw-${m.neighbour.id}-edit`);
		await assertFocus(page, page.locator('#nw-edit-name'), 'the form opens again');

		// A name with a digit and a relation of spaces: one refusal of the
		// server marks both fields, the focus on the first; nothing stored.
		await page.locator('#nw-edit-name').fill('Buurman 2');
		await page.locator('#nw-edit-relation').fill('   ');
		await page.locator('#nw-edit-reason').fill('Naam verkeerd overgenomen');
		await press('#nw-edit-save');
		await page.locator('#nw-edit-relation[aria-invalid="true"]').waitFor();
		assert.equal(await page.getAttribute('#nw-edit-name', 'aria-invalid'), 'true', 'the name is marked too');
		await assertFocus(page, page.locator('#nw-edit-name'), 'the first field refused takes the focus');
		assert.match(await page.locator('#nw-edit-message').innerText(), /2 velden/);
		await assertAccessible(page, 'network correction refused at two fields');
		assert.equal((await network()).find((x) => x.id === m.neighbour.id).name, 'Buurman Piet', 'nothing stored');
		await page.keyboard.press('Escape');
		await assertFocus(page, page.locator(`#nw-${m.neighbour.id}-edit`), 'Escape gives the focus back to Wijzigen');
		assert.equal(await page.locator('#network-edit').count(), 0);
	});

	it('refuses to remove the mother who gave consent, and removes the neighbour', { timeout: STEP_TIMEOUT }, async () => {
		await press(`#nw-${m.mother.id}-remove`);
		await assertFocus(page, page.locator('#nw-remove-box'), 'the question takes the focus');
		assert.match(await page.locator('#nw-remove-q').innerText(), /Moeder Ria uit het netwerk verwijderen/);
		await page.locator('#nw-remove-reason').fill('Moeder is verhuisd');
		await press('#nw-remove-yes');
		await page.locator('#nw-remove-error').waitFor();
		assert.match(await page.locator('#nw-remove-error').innerText(), /kan niet uit het netwerk.*toestemming/);
		await assertFocus(page, page.locator('#nw-remove-box'), 'the refusal keeps the focus at the question', true);
		await assertAccessible(page, 'network tab with the refused removal');
		await assertNoHorizontalScroll(page, 'network tab with the question');
		await page.keyboard.press('Escape');
		await assertFocus(page, page.locator(`#nw-${m.mother.id}-remove`), 'Escape gives the focus back to Verwijderen');
		assert.ok((await network()).some((x) => x.id === m.mother.id), 'the mother stays');

		await press(`#nw-${m.neighbour.id}-remove`);
		await assertFocus(page, page.locator('#nw-remove-box'), 'the question takes the focus');
		assert.equal(await page.locator('#nw-remove-reason').inputValue(), '', 'a new question asks anew');
		await page.locator('#nw-remove-reason').fill('Buurman is verhuisd');
		await press('#nw-remove-yes');
		await assertFocus(page, page.locator('#network-done'), 'the removed message takes the focus');
		assert.match(await page.locator('#network-done').innerText(), /Buurman Piet is uit het netwerk verwijderd/);
		await page.locator('#network-table tbody tr', { hasText: 'Buurman Piet' }).waitFor({ state: 'detached' });
		assert.deepEqual((await network()).map((x) => x.name), ['Vader Henk', 'Moeder Ria']);
	});

	itEndsCleanly(w);
});
