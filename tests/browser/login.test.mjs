// Headless-browser test of the web shell against a real `kring serve --demo`
// (build-asan/kring, or $KRING_BIN): Dutch login page, login through the
// form, role-aware home page, axe-core accessibility scan, language switch,
// 360 px layout, keyboard access, logout, and that user-supplied text is
// rendered as text (no script injection). The server must stop cleanly on
// SIGTERM without a sanitizer report.
//
// Run from the repository root: node --test --test-concurrency=1 tests/browser/
// Runs on Node 18 (Debian 12) and later; uses the system Chromium.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, XSS, STEP_TIMEOUT, withTimeout, stopServer, assertAccessible, assertNoHorizontalScroll, login, logout, browserWorld, navTo, menuPageLoaded,
} from './helpers.mjs';

describe('web shell in a real browser', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('login');
	let server;
	let context;
	let page;
	let pageErrors;
	let cspErrors;

	before(async () => {
		server = await w.start();
		({ context, page, pageErrors, cspErrors } = await w.newBrowser('chromium'));
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 30000 });

	it('shows the Dutch login page', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await page.locator('h1', { hasText: 'Inloggen' }).waitFor();
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');
		assert.equal(await page.getAttribute('#login-username', 'autocomplete'), 'username');
		assert.equal(await page.getAttribute('#login-password', 'autocomplete'), 'current-password');
		assert.equal(await page.locator('label[for=login-username]').innerText(), 'Gebruikersnaam');
		assert.equal(await page.locator('label[for=login-password]').innerText(), 'Wachtwoord');
		assert.equal(await page.locator('header').count(), 1);
		assert.equal(await page.locator('main').count(), 1);
		assert.equal(await page.locator('#demo-ribbon').innerText(),
			'Demo: alle gegevens hier zijn verzonnen. Vul nooit echte gegevens in.',
			'a demo server says so before anyone logs in');
		await assertAccessible(page, 'login page');
	});

	it('shows a catalogue text for wrong credentials', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#login-username').fill('professional');
		await page.locator('#login-password').fill('not-the-password');
		await page.locator('form button[type=submit]').click();
		await page.locator('#login-message', { hasText: 'Gebruikersnaam of wachtwoord klopt niet.' }).waitFor();
		await page.reload();
		await page.locator('#login-username').waitFor();
	});

	it('is keyboard usable: skip link first, then the username field', { timeout: STEP_TIMEOUT }, async () => {
		// a fresh load, so that sequential focus navigation starts at the top
		await page.goto('about:blank');
		await page.goto(server.base + '/');
		await page.locator('#login-username').waitFor();
		await page.keyboard.press('Tab');
		const first = await page.evaluate(() => ({
			tag: document.activeElement.tagName,
			cls: document.activeElement.className,
			text: document.activeElement.textContent,
			top: document.activeElement.getBoundingClientRect().top,
		}));
		assert.equal(first.cls, 'skip-link', `first Tab stop: ${JSON.stringify(first)}`);
		assert.equal(first.text, 'Naar de inhoud');
		assert.ok(first.top >= 0, 'the focused skip link is visible on screen');
		await page.keyboard.press('Enter');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'login-username');
		const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
		assert.notEqual(outline, 'none', 'focused field has a visible outline');
	});

	it('logs in as professional through the form, with the keyboard', { timeout: STEP_TIMEOUT }, async () => {
		// focus is on the username field (previous step)
		await page.keyboard.type('professional');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'login-password');
		await page.keyboard.type(DEMO_PASSWORD);
		await page.keyboard.press('Enter');
		await page.locator('#me-name').waitFor();

		const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
		assert.equal(me.username, 'professional');
		assert.equal(me.role, 'professional');
		assert.equal(await page.locator('#me-name').innerText(), me.display_name || me.username);
		assert.equal(await page.locator('#me-role').innerText(), 'Hulpverlener');
		assert.ok(await page.locator('#demo-ribbon').isVisible(), 'the demo ribbon stays after logging in');
		assert.equal(await page.locator('h1').innerText(), `Welkom, ${me.display_name || me.username}`);
		const nav = await page.locator('nav a').allInnerTexts();
		assert.deepEqual(nav.map((s) => s.trim()), ['Start', 'Dossiers', 'Vergaderingen', 'Cijfers']);
		assert.equal(await page.locator('nav[aria-label=Hoofdmenu]').count(), 1);
		await assertAccessible(page, 'home page (professional)');

		// A section that is not built yet, and a reload keeps the session.
		await navTo(page, 'Dossiers');
		await page.locator('h1', { hasText: 'Dossiers' }).waitFor();
		await page.reload();
		await page.locator('h1', { hasText: 'Dossiers' }).waitFor();
		await page.locator('#me-name').waitFor();
	});

	it('switches to English and remembers it', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#lang-switch').click();
		await page.locator('#logout', { hasText: 'Log out' }).waitFor();
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
		const nav = await page.locator('nav a').allInnerTexts();
		assert.deepEqual(nav.map((s) => s.trim()), ['Home', 'Case files', 'Meetings', 'Figures']);
		assert.equal(await page.locator('#me-role').innerText(), 'Care professional');
		await page.reload();
		await page.locator('#logout', { hasText: 'Log out' }).waitFor();
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
		await assertAccessible(page, 'section page in English');
		await page.locator('#lang-switch').click();
		await page.locator('#logout', { hasText: 'Uitloggen' }).waitFor();
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');
	});

	it('fits a 360 px wide phone', { timeout: STEP_TIMEOUT }, async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/#/');
		await menuPageLoaded(page, '#/');
		await assertNoHorizontalScroll(page, 'home page');
		await assertAccessible(page, 'home page at 360px');
	});

	it('logs out and shows the login page again', { timeout: STEP_TIMEOUT }, async () => {
		await logout(page);
		await page.locator('h1', { hasText: 'Inloggen' }).waitFor();
		await page.locator('#login-message', { hasText: 'Je bent uitgelogd.' }).waitFor();
		assert.equal(await page.locator('#me-name').count(), 0);
		const status = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
		assert.equal(status, 401, 'the session is gone on the server');
		await assertNoHorizontalScroll(page, 'login page');
		await page.setViewportSize({ width: 1024, height: 768 });
	});

	it('renders user-supplied text as text, never as markup', { timeout: STEP_TIMEOUT }, async () => {
		await login(page, 'admin', DEMO_PASSWORD);
		const nav = await page.locator('nav a').allInnerTexts();
		assert.deepEqual(nav.map((s) => s.trim()), ['Start', 'Organisaties', 'Teams', 'Gebruikers', 'Cijfers']);
		await navTo(page, 'Organisaties');
		await page.locator('h1', { hasText: 'Organisaties' }).waitFor();
		await page.locator('#org-name').fill(XSS);
		await page.locator('form button[type=submit]').click();
		await page.locator('#org-message', { hasText: 'is toegevoegd' }).waitFor();
		await page.locator('#org-table td', { hasText: XSS }).waitFor();

		// Load the list fresh from the server as well.
		await page.reload();
		const cell = page.locator('#org-table td', { hasText: XSS });
		await cell.waitFor();
		assert.equal(await cell.innerText(), XSS);
		await page.waitForTimeout(300); // give a would-be onerror handler time to run
		assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
		assert.equal(await page.locator('main img').count(), 0);
		await assertAccessible(page, 'organisations page');
		await page.setViewportSize({ width: 360, height: 740 });
		await assertNoHorizontalScroll(page, 'organisations page');
		await page.setViewportSize({ width: 1024, height: 768 });
	});

	it('lets the admin invite a user who then activates the account', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(page, 'Gebruikers');
		await page.locator('h1', { hasText: 'Gebruikers' }).waitFor();
		await page.locator('#user-username').fill('nieuwe.jongere');
		await page.locator('#user-display-name').fill('Sam ' + XSS);
		await page.locator('#user-role').selectOption('youth');
		await page.locator('form button[type=submit]').click();
		const link = page.locator('#invitation-link');
		await link.waitFor();
		const href = await link.getAttribute('href');
		assert.match(href, /\/#\/invitation\/.+/);
		await page.locator('main td', { hasText: 'Sam ' + XSS }).first().waitFor();
		assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
		await assertAccessible(page, 'users page');
		await logout(page);

		await page.goto(href);
		await page.locator('h1', { hasText: 'Account activeren' }).waitFor();
		await page.locator('#inv-password').fill('een lang wachtwoord 2026');
		await page.locator('#inv-confirm').fill('een lang wachtwoord 2026');
		await page.locator('form button[type=submit]').click();
		await page.locator('h1', { hasText: 'Je account is klaar' }).waitFor();
		await assertAccessible(page, 'invitation accepted page');
		await page.locator('a', { hasText: 'Naar inloggen' }).click();
		await login(page, 'nieuwe.jongere', 'een lang wachtwoord 2026');
		const nav = await page.locator('nav a').allInnerTexts();
		assert.deepEqual(nav.map((s) => s.trim()), ['Start', 'Mijn plan', 'Mijn JIM', 'Afspraken', 'Toestemming', 'Wie keek in mijn dossier', 'Mijn dossier']);
		assert.equal(await page.locator('#me-role').innerText(), 'Jongere');
		await logout(page);
	});

	it('shows the audit trail to the privacy officer', { timeout: STEP_TIMEOUT }, async () => {
		await login(page, 'privacy', DEMO_PASSWORD);
		await navTo(page, 'Audittrail');
		await page.locator('h1', { hasText: 'Audittrail' }).waitFor();
		await page.locator('#audit-table tbody tr').first().waitFor();
		const rows = await page.locator('#audit-table tbody tr').count();
		assert.ok(rows > 0, 'audit events are listed');
		const time = await page.locator('#audit-table tbody tr td').first().innerText();
		assert.match(time, /^\d{2}-\d{2}-\d{4},? \d{2}:\d{2}:\d{2}$/, `time shown in Dutch format: ${time}`);
		// UTC from the server is shown in Europe/Amsterdam time, summer and winter.
		const shown = await page.evaluate(async () => {
			const i18n = await import('/i18n.js');
			return [i18n.formatTime('2026-07-01T10:00:00Z', true), i18n.formatTime('2026-01-15T10:00:00Z', true),
				i18n.formatTime('2026-11-30T04:47:34Z')];
		});
		// Seconds in the audit trail; elsewhere hours and minutes.
		assert.deepEqual(shown.map((x) => x.replace(',', '')), ['01-07-2026 12:00:00', '15-01-2026 11:00:00', '30-11-2026 05:47']);
		await assertAccessible(page, 'audit page');
		await logout(page);
	});

	it('ran without page errors or CSP violations', { timeout: STEP_TIMEOUT }, async () => {
		assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
		assert.deepEqual(cspErrors, [], 'Content-Security-Policy violations');
	});

	it('stops the server cleanly on SIGTERM', { timeout: STEP_TIMEOUT }, async () => {
		await withTimeout(context.close(), 15000, 'chromium close');
		context = null;
		await stopServer(server);
	});
});
