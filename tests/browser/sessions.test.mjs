// "Waar je bent ingelogd" on the settings page, in a real browser against
// `kring serve --demo` (ASVS 3.3.4): a JIM logged in on two devices (two
// browsers, each with its own cookies) sees both in the list, this one
// marked "Dit apparaat", each by browser and system; logs the other one out
// by keyboard behind a short "are you sure?", and that browser is logged
// out at its next step. "Overal anders uitloggen" empties the list but for
// this device. axe-core, no horizontal scroll at 360 px, a clean SIGTERM
// exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/sessions.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, expect, call, browserWorld,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, navTo,
} from './helpers.mjs';

const JIM_USER = 'jim.sessies';
const JIM_PASSWORD = 'een lang wachtwoord 2026';

describe('where you are logged in, in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('sessions');
	let server;
	let phone; // the browser the JIM uses the list in, at 360 px
	let laptop; // the other device

	before(async () => {
		server = await w.start();
		const pro = await demoProfessional(server.base);
		const youthId = (await apiYouth(server.base, pro, { given_name: 'Sem', family_name: 'Jansen' })).id;
		await apiJim(server.base, pro, youthId, { name: 'Kees Bakker', relation: 'oom', username: JIM_USER, password: JIM_PASSWORD });
		laptop = await w.newBrowser('laptop');
		phone = await w.newBrowser('phone');
		await phone.page.setViewportSize({ width: 360, height: 740 });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const rows = (page) => page.locator('#sessions-list > li');

	it('lists both devices, this one marked, each by browser and system', { timeout: STEP_TIMEOUT }, async () => {
		await laptop.page.goto(server.base + '/');
		await login(laptop.page, JIM_USER, JIM_PASSWORD);
		const page = phone.page;
		await page.goto(server.base + '/');
		await login(page, JIM_USER, JIM_PASSWORD);
		await page.locator('#settings-link').click();
		await page.locator('#sessions-list').waitFor();
		assert.equal(await rows(page).count(), 2);
		const first = rows(page).first();
		assert.match(await first.innerText(), /Dit apparaat/);
		assert.match(await first.innerText(), /Chrome op Linux/, 'the headless Chromium, by family only');
		assert.match(await first.innerText(), /Ingelogd sinds .+ om \d\d:\d\d/);
		assert.match(await first.innerText(), /Laatst gebruikt: nu/);
		assert.equal(await first.locator('button').count(), 0, 'no "Uitloggen" for this device');
		const second = rows(page).nth(1);
		assert.doesNotMatch(await second.innerText(), /Dit apparaat/);
		assert.match(await second.innerText(), /Laatst gebruikt: (net nog|\d+ minuten? geleden)/);
		assert.equal(await second.locator('button', { hasText: 'Uitloggen' }).count(), 1);
		assert.match(await page.locator('#sessions-elsewhere h2').innerText(), /Waar je bent ingelogd/);
		await assertAccessible(page, 'settings with the list of devices');
		await assertNoHorizontalScroll(page, 'settings with the list of devices');
	});

	it('logs the other device out by keyboard, after a short "are you sure?"', { timeout: STEP_TIMEOUT }, async () => {
		const page = phone.page;
		const button = rows(page).nth(1).locator('button', { hasText: 'Uitloggen' });
		const buttonId = await button.getAttribute('id');
		await button.focus();
		await page.keyboard.press('Enter');
		const box = page.locator('.confirm', { hasText: 'Chrome op Linux uitloggen?' });
		await box.waitFor();
		await assertFocus(page, box, 'the focus is on the question');
		await assertAccessible(page, 'the question before logging out a device');
		await assertNoHorizontalScroll(page, 'the question before logging out a device');
		// Escape: nothing happens, the focus is back on the button.
		await page.keyboard.press('Escape');
		await box.waitFor({ state: 'detached' });
		await assertFocus(page, page.locator('#' + buttonId), 'the focus is back on "Uitloggen"');
		assert.equal(await rows(page).count(), 2);
		await page.keyboard.press('Enter');
		await box.waitFor();
		await page.keyboard.press('Tab');
		await assertFocus(page, box.locator('button', { hasText: 'Ja, uitloggen' }), 'Tab goes to "Ja, uitloggen"');
		await page.keyboard.press('Enter');
		const done = page.locator('#sessions-done', { hasText: 'Chrome op Linux is uitgelogd.' });
		await done.waitFor();
		await assertFocus(page, done, 'the focus is on what happened');
		await page.waitForFunction(() => document.querySelectorAll('#sessions-list > li').length === 1);
		assert.match(await rows(page).first().innerText(), /Dit apparaat/);
		await assertAccessible(page, 'settings after logging out a device');
		// This browser goes on.
		assert.equal(await page.locator('#login-dialog').count(), 0);
	});

	it('the other browser is logged out at its next step', { timeout: STEP_TIMEOUT }, async () => {
		const page = laptop.page;
		await page.reload();
		await page.locator('#login-username').waitFor();
		assert.equal(await page.locator('#me-name').count(), 0, 'nobody is logged in there');
	});

	it('"Overal anders uitloggen" leaves only this device in the list', { timeout: STEP_TIMEOUT }, async () => {
		const page = phone.page;
		const other = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: JIM_USER, password: JIM_PASSWORD } });
		await navTo(page, '#/');
		await page.locator('#settings-link').click();
		await page.waitForFunction(() => document.querySelectorAll('#sessions-list > li').length === 2);
		assert.match(await rows(page).nth(1).innerText(), /Onbekend apparaat/, 'a program without a known browser');
		await page.locator('#sessions-end').click();
		await page.locator('#sessions-done', { hasText: 'Je bent op 1 ander apparaat uitgelogd.' }).waitFor();
		await page.waitForFunction(() => document.querySelectorAll('#sessions-list > li').length === 1);
		assert.equal((await call(server.base, 'GET', '/api/v1/me', { token: other.token })).status, 401);
	});

	itEndsCleanly(w);
});
