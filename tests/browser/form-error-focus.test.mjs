// The caseworker's forms refused at a field, by keyboard on a 360 px phone:
// a new dossier without a birth date (and with several fields at fault:
// every error at once), emergency access with too short a reason, a
// candidate nominated while already nominated, a measurement without its score, an event without its kind,
// school attendance without its share, and the team's correction of a
// JIM's hours without a duration each put the focus
// on the field to fix (scrolled into view), as the other forms of the
// dossier do, instead of leaving it on the button at the bottom with the
// field out of sight. axe-core on the refused forms; a clean SIGTERM exit
// without sanitizer output.
//
// Run from the repository root: node --test tests/browser/form-error-focus.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, login, browserWorld, itEndsCleanly, demoProfessional, apiYouth,
	apiJim, navTo,
} from './helpers.mjs';

describe('a refused form puts the focus on the field to fix', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('form-error-focus');
	let server;
	let page;
	let youth;

	before(async () => {
		server = await w.start();
		const pro = await demoProfessional(server.base);
		youth = await apiYouth(server.base, pro, { given_name: 'Vera', family_name: 'Veldfout' });
		await apiJim(server.base, pro, youth.id, { name: 'Tante Fem', relation: 'tante', username: 'jim.fem', password: 'het wachtwoord van fem 2026' });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	// Presses the form's submit button by keyboard; the field `id` then has
	// the focus, marked invalid, and is on the screen.
	async function refusedAt(form, id, what) {
		await page.locator(`${form} button[type=submit]`).focus();
		await page.keyboard.press('Enter');
		await page.locator(`#${id}[aria-invalid="true"], #${id} [aria-invalid="true"]`).first().waitFor();
		await assertFocus(page, page.locator('#' + id), what, true);
		const inView = await page.evaluate(() => {
			const r = document.activeElement.getBoundingClientRect();
			return r.bottom > 0 && r.top < window.innerHeight;
		});
		assert.ok(inView, `${what}: the field is on the screen`);
	}

	it('a new dossier without a birth date', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('pro'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('#new-dossier summary').click();
		await page.locator('#nd-given-name').fill('Dirk');
		await page.locator('#nd-family-name').fill('Zonderdatum');
		await page.locator('#nd-municipality').fill('Zwolle');
		await refusedAt('#new-dossier', 'nd-birth-date', 'new dossier without a birth date');
		await assertAccessible(page, 'new dossier refused');
	});

	// One submit shows every field at fault, not one at a time: the empty
	// required fields (checked before sending), then the fields the server's
	// own rules refuse (one 422 listing them all); the focus on the first.
	it('a new dossier with several fields at fault shows each error at once', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/dossiers');
		await page.reload();
		await page.locator('#new-dossier summary').click();
		const invalid = () => page.locator('#new-dossier [aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
		const errors = () => page.locator('#new-dossier .field-error').count();
		await refusedAt('#new-dossier', 'nd-given-name', 'empty new dossier');
		assert.deepEqual(await invalid(), ['nd-given-name', 'nd-family-name', 'nd-birth-date', 'nd-municipality']);
		assert.equal(await errors(), 4);
		assert.match(await page.locator('#new-dossier-message').innerText(), /4 velden/);
		for (const id of ['nd-given-name', 'nd-family-name', 'nd-birth-date', 'nd-municipality']) {
			const error = await page.locator('#' + id).getAttribute('aria-describedby');
			assert.ok(error && error.includes(id + '-error'), `${id} is described by its error`);
		}
		await assertAccessible(page, 'new dossier with four empty fields');

		await page.locator('#nd-given-name').fill('Dirk');
		await page.locator('#nd-family-name').fill('Jansen3');
		const tomorrow = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
		await page.locator('#nd-birth-date').fill(tomorrow);
		await page.locator('#nd-bsn').fill('123456788');
		await page.locator('#nd-municipality').fill('Zwolle');
		await page.locator('#new-dossier button[type=submit]').focus();
		await page.keyboard.press('Enter');
		await page.locator('#nd-bsn[aria-invalid="true"]').waitFor();
		await assertFocus(page, page.locator('#nd-family-name'), 'first field the server refused', true);
		assert.deepEqual(await invalid(), ['nd-family-name', 'nd-birth-date', 'nd-bsn']);
		assert.equal(await errors(), 3);
		assert.match(await page.locator('#nd-bsn-error').innerText(), /elfproef/);
		assert.match(await page.locator('#nd-birth-date-error').innerText(), /verleden/);
	});

	it('emergency access with too short a reason', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(`${server.base}/#/break-glass`);
		await page.locator('#bg-youth').fill(String(youth.id));
		await page.locator('#bg-reason').fill('kort');
		await refusedAt('form:has(#bg-reason)', 'bg-reason', 'emergency access with too short a reason');
	});

	it('a measurement, an event and school attendance left empty', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(`${server.base}/#/youths/${youth.id}/outcomes`);
		await page.locator('#new-measurement').waitFor();
		await refusedAt('#new-measurement', 'ms-score', 'measurement without a score');
		await page.locator('#new-event summary').click();
		await refusedAt('#new-event', 'ev-type', 'event without its kind');
		await page.locator('#new-attendance summary').click();
		await refusedAt('#new-attendance', 'at-share', 'attendance without its share');
		await assertAccessible(page, 'outcome forms refused');
	});

	// The active JIM nominated again: 409 already_nominated, shown at the name.
	it('a candidate who is already nominated: the error is at the name', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(`${server.base}/#/youths/${youth.id}/jim`);
		await page.locator('#nom-name').fill('tante fem');
		await page.locator('#nom-relation').fill('tante');
		await refusedAt('form:has(#nom-name)', 'nom-name', 'the JIM nominated again');
		assert.match(await page.locator('#nom-name-error').innerText(), /al voorgedragen als JIM/);
		await assertAccessible(page, 'nomination refused');
	});

	it('a correction of the JIM\'s hours without a duration', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(`${server.base}/#/youths/${youth.id}/hours`);
		await page.locator('#hours-correction summary').click();
		await refusedAt('#hours-correction', 'cor-hours', 'correction without a duration');
	});

	itEndsCleanly(w);
});
