// When the session ends while a page is open (idle timeout, a phone left
// aside), the next request brings up a login dialog over the page: what was
// typed stays, and after logging in again it can be sent. Someone else
// logging in starts on their own home page. Against `kring serve --demo`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, STEP_TIMEOUT, cli, assertAccessible, login, expect, browserWorld, menuPageLoaded } from './helpers.mjs';

describe('an expired session keeps the page', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('session-expiry');
	let server;
	let browser;
	let page;
	let youthId;
	const NOTE = 'Gesprek met moeder over de terugkeer naar school';

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '20', '--seed', '3']) });
		const pro = (await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'professional', password: DEMO_PASSWORD } })).token;
		youthId = (await expect(server.base, 'GET', '/api/v1/youths?per_page=1', 200, { token: pro })).items[0].id;
		browser = await w.newBrowser('expiry');
		page = browser.page;
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('asks to log in again over the page and keeps what was typed', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(`${server.base}/#/youths/${youthId}/journal`);
		await page.locator('#jr-text').waitFor();
		await page.locator('#jr-minutes').fill('45');
		await page.locator('#jr-text').fill(NOTE);
		// the session ends: the cookie is gone, as after the idle timeout
		await browser.context.clearCookies();
		await page.locator('#jr-text').locator('xpath=ancestor::form').locator('button[type=submit]').click();
		const dialog = page.locator('#login-dialog[role=dialog]');
		await dialog.waitFor();
		assert.match(await dialog.innerText(), /Log opnieuw in[\s\S]*blijft staan/);
		assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'login-username');
		// the file is not readable on a screen left alone, but what was typed is kept
		assert.equal(await page.locator('main').isVisible(), false, 'the page is hidden');
		assert.equal(await page.locator('header').isVisible(), false, 'the header (who is logged in) too');
		assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(NOTE), 'nothing of the page readable');
		assert.equal(await page.locator('#jr-text').inputValue(), NOTE, 'what was typed is still there');
		await assertAccessible(page, 'the login dialog over an expired page');
		await dialog.locator('#login-username').fill('professional');
		await dialog.locator('#login-password').fill(DEMO_PASSWORD);
		await dialog.locator('button[type=submit]').click();
		await dialog.waitFor({ state: 'detached' });
		await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body
			&& document.activeElement.closest('main'), null, { timeout: 5000 });
		assert.equal(await page.locator('#jr-text').inputValue(), NOTE);
		assert.equal(await page.locator('#jr-minutes').inputValue(), '45');
		assert.equal(new URL(page.url()).hash, `#/youths/${youthId}/journal`);
		await page.locator('#jr-text').locator('xpath=ancestor::form').locator('button[type=submit]').click();
		await page.locator('#journal li', { hasText: NOTE }).waitFor();
		assert.deepEqual(browser.pageErrors, []);
	});

	it('someone else logging in over it gets their own page, built anew', { timeout: STEP_TIMEOUT }, async () => {
		// On the home page itself: its lists were fetched for the one who was logged in.
		await page.goto(server.base + '/#/');
		await menuPageLoaded(page, '#/');
		await page.evaluate(() => { document.querySelector('main > *').dataset.builtFor = 'professional'; });
		await browser.context.clearCookies();
		// the next request of the app finds the session gone
		await page.evaluate(async () => { await (await import('/api.js')).get('/api/v1/alerts?state=open').catch(() => {}); });
		const dialog = page.locator('#login-dialog');
		await dialog.waitFor();
		await dialog.locator('#login-username').fill('teamlead');
		await dialog.locator('#login-password').fill(DEMO_PASSWORD);
		await dialog.locator('button[type=submit]').click();
		await dialog.waitFor({ state: 'detached' });
		assert.equal(new URL(page.url()).hash, '#/');
		await page.locator('#me-name', { hasText: 'Gedragswetenschapper' }).waitFor();
		assert.equal(await page.evaluate(() => document.querySelector('main > *').dataset.builtFor), undefined,
			'the page was built anew for the teamlead, not kept from the professional');
		assert.deepEqual(browser.pageErrors, []);
	});
});
