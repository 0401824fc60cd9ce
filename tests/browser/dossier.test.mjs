// Headless-browser walk through the dossier and JIM workflow against a real
// `kring serve --demo` (build-asan/kring, or $KRING_BIN), all through the UI:
// the professional creates a dossier (a 422 shows at the right field), adds a
// custody holder to the network, nominates a JIM, approves the nomination,
// records the parent's agreement and activates the JIM with an invitation
// link; the JIM accepts the invitation in a fresh browser, logs in and sees
// the young person's first name; the professional records consent and
// creates the young person's login; the young person accepts that
// invitation, logs in and finds the professional in "Wie keek in mijn
// dossier". axe-core on the dossier page, the JIM home and the access log;
// no horizontal scroll at 360 px on the JIM and youth pages. The server must
// stop cleanly on SIGTERM without a sanitizer report.
//
// Run from the repository root: node --test tests/browser/
// Runs on Node 18 (Debian 12) and later; uses the system Chromium.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, XSS, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, loginWithTotp,
	browserWorld, expect, todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, addDays, navTo, openSection, assertFocus,
} from './helpers.mjs';

const JIM_USER = 'jim.karim';
const YOUTH_USER = 'zoe.thooft';
const NEW_PASSWORD = 'een lang wachtwoord 2026';

// Accepts an invitation through the page and returns the TOTP secret shown
// (or null); ends on the login page.
async function acceptInvitation(page, href) {
	await page.goto(href);
	await page.locator('h1', { hasText: 'Account activeren' }).waitFor();
	await page.locator('#inv-password').fill(NEW_PASSWORD);
	await page.locator('#inv-confirm').fill(NEW_PASSWORD);
	await page.locator('form button[type=submit]').click();
	await page.locator('h1', { hasText: 'Je account is klaar' }).waitFor();
	const secret = (await page.locator('#totp-secret').count()) ? (await page.locator('#totp-secret').innerText()) : null;
	await page.locator('a', { hasText: 'Naar inloggen' }).click();
	await page.locator('#login-username').waitFor();
	return secret;
}

const loginNew = (page, username, secret) => loginWithTotp(page, username, NEW_PASSWORD, secret);

describe('dossier and JIM workflow in a real browser', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('dossier');
	let server;
	let page; // the professional's page
	let youthId;
	let nominationId;
	let jimLink;
	let youthLink;

	const newBrowser = (name) => w.newBrowser(name);

	before(async () => {
		server = await w.start();
		({ page } = await newBrowser('professional'));
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('lets the professional create a dossier, with field errors at the right input', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('h1', { hasText: 'Dossiers' }).waitFor();
		await page.locator('#dossier-empty').waitFor();

		await page.locator('#new-dossier summary').click();
		await page.locator('#nd-given-name').fill('Zoë');
		await page.locator('#nd-family-name').fill("'t Hooft");
		await page.locator('#nd-birth-date').fill('2011-05-04');
		await page.locator('#nd-bsn').fill('123456789'); // fails the eleven-test
		await page.locator('#nd-municipality').fill('Groningen');
		assert.ok((await page.locator('#nd-team option').count()) >= 1, 'a team to choose');
		await page.locator('#new-dossier button[type=submit]').click();
		await page.locator('#nd-bsn-error').waitFor();
		assert.equal(await page.getAttribute('#nd-bsn', 'aria-invalid'), 'true');
		assert.match(await page.getAttribute('#nd-bsn', 'aria-describedby'), /nd-bsn-error/);

		await page.locator('#nd-bsn').fill('');
		await page.locator('#new-dossier button[type=submit]').click();
		await page.waitForURL(/#\/youths\/\d+$/);
		youthId = /#\/youths\/(\d+)/.exec(page.url())[1];
		await page.locator('h1', { hasText: "Zoë 't Hooft" }).waitFor();
		await page.locator('#dossier-facts', { hasText: 'Groningen' }).waitFor();
		await page.locator('#dossier-phase', { hasText: 'JIM zoeken' }).waitFor();
		await assertAccessible(page, 'dossier page (overview)');

		// The list finds it by name.
		await page.locator('a', { hasText: 'Terug naar dossiers' }).click();
		await page.locator('#ds-q').fill('zoë');
		await page.locator('form[role=search] button[type=submit]').click();
		await page.locator('#dossier-table a', { hasText: "Zoë 't Hooft" }).click();
		await page.locator('h1', { hasText: "Zoë 't Hooft" }).waitFor();
	});

	it('changes the living situation with a reason and shows it in the history', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#change-form summary').click();
		await page.locator('#ch-field').selectOption('living_situation');
		await page.locator('#ch-value').selectOption('network_foster_care');
		await page.locator('#ch-reason').fill('Tijdelijk bij tante ' + XSS);
		await page.locator('#change-form button[type=submit]').click();
		await page.locator('#change-message', { hasText: 'opgeslagen' }).waitFor();
		await page.locator('#dossier-living', { hasText: 'Netwerkpleeggezin' }).waitFor();
		await page.locator('#history-table td', { hasText: 'Tijdelijk bij tante ' + XSS }).waitFor();
		assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
		// What kring wrote itself is in Dutch; what a person typed stays as typed.
		const history = await page.locator('#history-table').innerText();
		assert.equal(await page.locator('#history-table td', { hasText: 'Dossier geopend' }).count(), 3, history);
		assert.doesNotMatch(history, /dossier opened/);

		// The current value is no choice (choosing it would store nothing and drop the reason).
		await page.locator('#ch-value-hint', { hasText: 'Nu: Netwerkpleeggezin' }).waitFor();
		assert.equal(await page.locator('#ch-value option[value=network_foster_care]').count(), 0);
		// No value chosen: said at the field, not "opgeslagen".
		await page.locator('#ch-reason').fill('Niets gekozen');
		await page.locator('#change-form button[type=submit]').click();
		await page.locator('#ch-value-error', { hasText: 'Kies een woonsituatie' }).waitFor();
		assert.doesNotMatch(await page.locator('#change-message').innerText(), /opgeslagen/);
		assert.equal(await page.locator('#history-table td', { hasText: 'Niets gekozen' }).count(), 0);
		await page.locator('#ch-reason').fill('');
	});

	it('shows every tab at 360 px: the tabs wrap to rows, nothing scrolls sideways, the section is on the first screen', { timeout: STEP_TIMEOUT }, async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		try {
			await page.goto(server.base + '/#/youths/' + youthId + '/journal');
			await page.locator('#tab-title', { hasText: 'Journaal' }).waitFor();
			const box = (sel) => page.locator(sel).boundingBox();
			// Every tab is whole in sight, none hidden in a row that scrolls.
			const ids = await page.locator('nav.tabs a').evaluateAll((as) => as.map((a) => a.id));
			assert.equal(ids.length, 9, ids.join());
			for (const tabId of ids) {
				const b = await box('#' + tabId);
				assert.ok(b.x >= 0 && b.x + b.width <= 360, `${tabId} is whole in sight (x ${b.x}, width ${b.width})`);
			}
			const row = await page.locator('nav.tabs ul').evaluate((u) => ({ scroll: u.scrollWidth, client: u.clientWidth }));
			assert.ok(row.scroll <= row.client, `the row of tabs does not scroll sideways (${row.scroll} > ${row.client})`);
			const title = await box('#tab-title');
			assert.ok(title.y + title.height < 740 * 0.8, `the section title is on the first screen (at ${title.y}px)`);
			await assertNoHorizontalScroll(page, 'dossier page at 360 px');
			// By keyboard: the tabs are links in reading order.
			await page.locator('#tab-overview').focus();
			await page.keyboard.press('Tab');
			assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-network');
			await page.keyboard.press('Shift+Tab');
			await page.keyboard.press('Enter');
			await page.locator('#tab-title', { hasText: 'Overzicht' }).waitFor();
			assert.equal(await page.getAttribute('#tab-overview', 'aria-current'), 'page');
			await assertAccessible(page, 'dossier page at 360 px');
		} finally {
			await page.setViewportSize({ width: 1024, height: 768 });
		}
	});

	it('adds a custody holder to the network', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-network').click();
		await page.locator('#tab-title', { hasText: 'Netwerk' }).waitFor();
		await page.locator('#nw-name').fill("Anna 't Hooft");
		await page.locator('#nw-relation').fill('moeder');
		await page.locator('#nw-custody').check();
		await page.locator('#tab-panel form button[type=submit]').click();
		const row = page.locator('#network-table tr', { hasText: "Anna 't Hooft" });
		await row.waitFor();
		assert.match(await row.innerText(), /moeder/);
		assert.match(await row.innerText(), /\bja\b/);
	});

	it('nominates a JIM, approves, records the parent agreement and activates', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-jim').click();
		await page.locator('#tab-title', { hasText: 'JIM' }).waitFor();
		await page.locator('#current-jim', { hasText: 'nog geen actieve JIM' }).waitFor();
		await page.locator('#nom-name').fill('Karim Bakker');
		// The fields keep what the server takes: a relation of 100 characters
		// (not 200), a note of 2000 (not 1000).
		await page.locator('#nom-relation').fill('r'.repeat(110));
		assert.equal(await page.locator('#nom-relation').inputValue(), 'r'.repeat(100));
		await page.locator('#nom-note').fill('n'.repeat(2100));
		assert.equal(await page.locator('#nom-note').inputValue(), 'n'.repeat(2000));
		await page.locator('#nom-note').fill('');
		await page.locator('#nom-relation').fill('oom');
		await page.locator('#nom-contact').fill('06-12345678');
		await page.locator('#tab-panel button', { hasText: 'Voordracht toevoegen' }).click();
		const card = page.locator('li.nomination', { hasText: 'Karim Bakker' });
		await card.waitFor();
		nominationId = (await card.getAttribute('id')).replace('nomination-', '');
		const p = '#n' + nominationId + '-';
		assert.equal(await page.locator(p + 'status').innerText(), 'Open');

		// The five lower bounds, each yes, no or not yet known; a parent may not be approved.
		await page.locator(p + 'is_parent-yes').check();
		await page.locator(p + 'adult-yes').check();
		await page.locator(p + 'willing_to_cooperate-yes').check();
		await page.locator(p + 'child_safe-yes').check();
		await page.locator(p + 'own_load_manageable-yes').check();
		await page.locator(p + 'decision').selectOption('approve');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'is_parent-error').waitFor();
		assert.equal(await page.getAttribute(p + 'is_parent-yes', 'aria-invalid'), 'true');
		await page.locator(p + 'is_parent-no').check();
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'status', { hasText: 'Goedgekeurd' }).waitFor();

		await card.locator('summary', { hasText: 'Antwoord van een gezagdrager' }).click();
		await page.locator(p + 'agree-answer').selectOption('agrees_reluctantly');
		await card.locator('button', { hasText: 'Antwoord opslaan' }).click();
		await card.locator('li', { hasText: "Anna 't Hooft: Akkoord, met tegenzin" }).waitFor();

		await page.locator(p + 'username').fill(JIM_USER);
		await card.locator('button', { hasText: 'JIM activeren' }).click();
		const link = page.locator('#jim-invitation-link');
		await link.waitFor();
		jimLink = await link.getAttribute('href');
		assert.match(jimLink, /\/#\/invitation\/.+/);
		await page.locator('#current-jim', { hasText: 'Karim Bakker' }).waitFor();
		await page.locator(p + 'status', { hasText: 'Is de JIM' }).waitFor();
		await assertAccessible(page, 'dossier page (JIM)');
	});

	it('refuses the phase back to "JIM zoeken" by hand while the JIM is active, in words', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-overview').click();
		await page.locator('#dossier-phase', { hasText: 'Samenwerken' }).waitFor();
		if (!(await page.locator('#change-form').evaluate((e) => e.open))) await page.locator('#change-form summary').click();
		await page.locator('#ch-field').selectOption('phase');
		await page.locator('#ch-value-hint', { hasText: 'Nu: Samenwerken' }).waitFor();
		assert.equal(await page.locator('#ch-value option[value=collaboration]').count(), 0);
		await page.locator('#ch-value').selectOption('jim_search');
		await page.locator('#ch-reason').fill('Toch opnieuw zoeken');
		await page.locator('#change-form button[type=submit]').click();
		await page.locator('#change-message', { hasText: 'actieve JIM' }).waitFor();
		await page.locator('#ch-value-error', { hasText: 'JIM beëindigen' }).waitFor();
		assert.equal(await page.getAttribute('#ch-value', 'aria-invalid'), 'true');
		await page.locator('#dossier-phase', { hasText: 'Samenwerken' }).waitFor();
		assert.equal(await page.locator('#history-table td', { hasText: 'Toch opnieuw zoeken' }).count(), 0);
		await page.locator('#tab-jim').click();
		await page.locator('#current-jim', { hasText: 'Karim Bakker' }).waitFor();
	});

	it('records consent to share the plan (young person and custody holder)', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-consent').click();
		await page.locator('#consent-rule', { hasText: '12 tot en met 15' }).waitFor();
		await page.locator('#cs-scope').selectOption('share_plan');
		await page.locator('#cs-given-by').selectOption('youth');
		await page.locator('#tab-panel button', { hasText: 'Toestemming opslaan' }).click();
		await page.locator('#consent-table td', { hasText: 'Jongere' }).waitFor();
		// 12–15: the young person alone is not enough yet.
		await page.locator('#consent-effective li', { hasText: 'Plan delen met de JIM' }).locator('.no').waitFor();
		await page.locator('#cs-scope').selectOption('share_plan');
		await page.locator('#cs-given-by').selectOption('custody_holder');
		await page.locator('#cs-member').waitFor();
		await page.locator('#tab-panel button', { hasText: 'Toestemming opslaan' }).click();
		await page.locator('#consent-table td', { hasText: "Anna 't Hooft" }).waitFor();
		await page.locator('#consent-effective li', { hasText: 'Plan delen met de JIM' }).locator('.yes').waitFor();

		// Withdrawing asks once more, with the day it ends; Escape keeps the consent.
		await page.locator('#cs-scope').selectOption('share_outcomes');
		await page.locator('#cs-given-by').selectOption('youth');
		await page.locator('#tab-panel button', { hasText: 'Toestemming opslaan' }).click();
		const row = page.locator('#consent-table tr', { hasText: 'Uitkomsten delen' });
		await row.waitFor();
		const withdrawButton = row.locator('button', { hasText: 'Intrekken' });
		await withdrawButton.click();
		await page.locator('#consent-withdraw-box').waitFor();
		assert.equal(await page.evaluate(() => document.activeElement.id), 'consent-withdraw-box', 'the focus is on the question');
		assert.equal(await page.locator('#consent-withdrawn-on').inputValue(), todayAmsterdam());
		await assertAccessible(page, 'dossier consent (withdraw question)');
		await page.keyboard.press('Escape');
		await page.locator('#consent-withdraw-box').waitFor({ state: 'detached' });
		await page.waitForFunction(() => document.activeElement && document.activeElement.textContent === 'Intrekken');
		assert.equal(await withdrawButton.count(), 1, 'Escape withdrew nothing');
		await withdrawButton.click();
		await page.locator('#consent-withdraw-yes').click();
		await page.locator('#consent-withdraw-message', { hasText: 'is ingetrokken' }).waitFor();
		// (the focus moves after the text is drawn: wait a moment for it)
		for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement.id)) !== 'consent-withdraw-message'; i++)
			await page.waitForTimeout(100);
		assert.equal(await page.evaluate(() => document.activeElement.id), 'consent-withdraw-message');
		assert.equal(await withdrawButton.count(), 0, 'withdrawn: a date instead of the button');

		// A goal, so that there is a plan to see.
		await page.locator('#tab-plan').click();
		await page.locator('#goal-title').fill('Weer naar school');
		await page.locator('#goal-author').selectOption('youth');
		await page.locator('#tab-panel button', { hasText: 'Doel toevoegen' }).click();
		await page.locator('#goals h4', { hasText: 'Weer naar school' }).waitFor();
		await assertAccessible(page, 'dossier page (plan)');
	});

	it('lets the JIM accept the invitation and see the home page with the first name', { timeout: STEP_TIMEOUT }, async () => {
		const { page: jp } = await newBrowser('jim');
		await jp.setViewportSize({ width: 360, height: 740 });
		const secret = await acceptInvitation(jp, jimLink);
		await loginNew(jp, JIM_USER, secret);
		assert.equal(await jp.locator('#me-role').innerText(), 'JIM');
		await jp.locator('#jim-youth-name', { hasText: 'Zoë' }).waitFor();
		assert.equal(await jp.locator('#jim-youth-name').innerText(), 'Zoë');
		assert.doesNotMatch(await jp.locator('main').innerText(), /Hooft/, 'the JIM home shows the first name only');
		await jp.locator('#jim-shared', { hasText: 'Het plan' }).waitFor();
		await assertAccessible(jp, 'JIM home');
		await assertNoHorizontalScroll(jp, 'JIM home');

		await navTo(jp, 'Mijn jongere');
		await jp.locator('h1', { hasText: 'Samen met Zoë' }).waitFor();
		await openSection(jp, 'jim-sec-plan');
		await jp.locator('#plain-goals h3', { hasText: 'Weer naar school' }).waitFor();
		await openSection(jp, 'jim-sec-notes');
		await jp.locator('#jim-no-notes').waitFor();
		await assertAccessible(jp, 'JIM plan page');
		await assertNoHorizontalScroll(jp, 'JIM plan page');
	});

	it('creates the young person\'s login from the dossier', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/youths/' + youthId + '/overview');
		await page.locator('h1', { hasText: "Zoë 't Hooft" }).waitFor();
		await page.locator('#account-open').click();
		await page.locator('#account-username').fill(YOUTH_USER);
		await page.locator('#youth-account button[type=submit]').click();
		const link = page.locator('#youth-invitation-link');
		await link.waitFor();
		youthLink = await link.getAttribute('href');
		assert.match(youthLink, /\/#\/invitation\/.+/);
		await page.locator('#youth-account', { hasText: 'heeft een eigen inlog' }).waitFor();
	});

	it('records a parent\'s request about the file for the privacy officer, from the overview', { timeout: STEP_TIMEOUT }, async () => {
		const open = page.locator('#rights-request-open');
		await open.click();
		const kind = page.locator('#rights-request #new-request-kind');
		await kind.waitFor();
		assert.equal(await kind.evaluate((el) => el === document.activeElement), true, 'the focus is on the first field');
		assert.equal(await page.locator('#rights-request #new-request-youth').count(), 0, 'the number is that of this dossier');
		await page.keyboard.press('Escape');
		await open.waitFor();
		await assertFocus(page, open, 'Escape: the focus is back on the button');
		await open.click();
		await kind.selectOption('access');
		await page.locator('#rights-request #new-request-by').selectOption('parent');
		await page.locator('#rights-request #new-request-note').fill('Moeder belde: wil het dossier lezen.');
		await page.locator('#rights-request button[type=submit]').click();
		await page.locator('#rights-request-message', { hasText: 'De privacy officer beantwoordt het uiterlijk' }).waitFor();
		const po = (await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'privacy', password: DEMO_PASSWORD } })).token;
		const open2 = await expect(server.base, 'GET', '/api/v1/requests?status=open', 200, { token: po });
		const q = open2.items.find((x) => x.youth_id === Number(youthId));
		assert.ok(q, JSON.stringify(open2.items));
		assert.deepEqual([q.kind, q.requested_by, q.note], ['access', 'parent', 'Moeder belde: wil het dossier lezen.']);
		await assertAccessible(page, 'overview after recording a request');
	});

	it('shows the young person who looked at the dossier, in plain Dutch', { timeout: STEP_TIMEOUT }, async () => {
		const { page: yp } = await newBrowser('youth');
		await yp.setViewportSize({ width: 360, height: 740 });
		const secret = await acceptInvitation(yp, youthLink);
		await loginNew(yp, YOUTH_USER, secret);
		assert.equal(await yp.locator('#me-role').innerText(), 'Jongere');
		const nav = await yp.locator('nav a').allInnerTexts();
		assert.deepEqual(nav.map((s) => s.trim()), ['Start', 'Mijn plan', 'Mijn JIM', 'Afspraken', 'Toestemming', 'Wie keek in mijn dossier', 'Mijn dossier']);

		await navTo(yp, 'Wie keek in mijn dossier');
		await yp.locator('h1', { hasText: 'Wie heeft jouw dossier bekeken?' }).waitFor();
		const who = yp.locator('#access-log .access-who', { hasText: 'Demo Hulpverlener' }).first();
		await who.waitFor();
		const item = yp.locator('#access-log li', { hasText: 'Demo Hulpverlener' }).first();
		// One moment, or a range when the reads above span a minute's turn
		// (any run can cross one; a loaded machine spreads them over several).
		assert.match(await item.innerText(), /\d{1,2} [a-z]+ \d{4} (om \d{2}:\d{2}|van \d{2}:\d{2} tot \d{2}:\d{2})/, 'Dutch date and time');
		// Every line in words, none a raw code such as jim_activity or meeting.
		const lines = await yp.locator('#access-log li').allInnerTexts();
		assert.ok(lines.length > 3, `several accesses: ${lines.length}`);
		for (const line of lines) assert.doesNotMatch(line, /\b[a-z]+_[a-z_]+\b|: (meeting|outcome|alert|youth|jim|session|search|export)\b/, line);
		await assertAccessible(yp, 'youth access log');
		await assertNoHorizontalScroll(yp, 'youth access log');

		await navTo(yp, 'Mijn JIM');
		await yp.locator('#my-jim', { hasText: 'Karim Bakker' }).waitFor();
		await navTo(yp, 'Toestemming');
		await yp.locator('#scope-share_plan', { hasText: 'Je JIM mag dit nu zien.' }).waitFor();
		await assertAccessible(yp, 'youth consent page');
		await assertNoHorizontalScroll(yp, 'youth consent page');
		await navTo(yp, 'Mijn plan');
		await yp.locator('#plain-goals h3', { hasText: 'Weer naar school' }).waitFor();
		await assertNoHorizontalScroll(yp, 'youth plan page');
		// Their own reads (their JIM, consent, plan) only when asked for.
		await navTo(yp, 'Wie keek in mijn dossier');
		await yp.locator('#access-log .access-who', { hasText: 'Demo Hulpverlener' }).first().waitFor();
		const me = (await yp.locator('#me-name').innerText()).trim();
		const whoAll = async () => (await yp.locator('#access-log .access-who').allInnerTexts()).map((x) => x.trim());
		assert.ok(!(await whoAll()).includes(me), `own reads hidden: ${me}`);
		await yp.locator('#access-own').check();
		await yp.waitForFunction((name) => [...document.querySelectorAll('#access-log .access-who')].some((e) => e.textContent.trim() === name), me);
		await yp.locator('#access-own').uncheck();
		await yp.waitForFunction((name) => ![...document.querySelectorAll('#access-log .access-who')].some((e) => e.textContent.trim() === name), me);
		await assertAccessible(yp, 'youth access log with the own-reads choice');
		// A slow answer to an earlier choice does not replace the answer to the later one.
		await yp.locator('#access-own').check();
		await yp.waitForFunction((name) => [...document.querySelectorAll('#access-log .access-who')].some((e) => e.textContent.trim() === name), me);
		// The earlier answer is held until the later one is shown (the list
		// shows the own reads from before the untick all along, so only a
		// list that is no longer busy says the later answer has come), and
		// the page has handled the earlier one before the list is read.
		const slow = /access-log\?others=true/;
		let release;
		const held = new Promise((r) => { release = r; });
		await yp.route(slow, async (route) => { await held; await route.continue(); });
		await yp.locator('#access-own').uncheck();
		await yp.locator('#access-own').check();
		await yp.locator('#access-log[aria-busy=false]').waitFor();
		const slowDone = yp.waitForEvent('requestfinished', (r) => slow.test(r.url()));
		release();
		await slowDone;
		await yp.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
		await yp.unroute(slow);
		assert.equal(await yp.locator('#access-own').isChecked(), true);
		assert.ok((await whoAll()).includes(me), 'the list still holds the own reads the ticked box asks for');
		await yp.locator('#access-own').uncheck();
	});

	it('warns when the plan evaluation is overdue, and flags a comment without a score instead of dropping it', { timeout: STEP_TIMEOUT }, async () => {
		// Care started 100 days ago and nobody evaluated: the evaluation was due
		// two months after the start.
		const base = server.base;
		const pro = await demoProfessional(base);
		const { token } = pro;
		const today = todayAmsterdam();
		const youth = await apiYouth(base, pro, { given_name: 'Mees', family_name: 'Laat',
			birth_date: `${Number(today.slice(0, 4)) - 14}-02-02`, municipality: 'Groningen', started_on: addDays(today, -100) });
		const school = await expect(base, 'POST', `/api/v1/youths/${youth.id}/goals`, 201, { token, body: { title: 'Elke dag naar school', author_kind: 'youth' } });
		const sport = await expect(base, 'POST', `/api/v1/youths/${youth.id}/goals`, 201, { token, body: { title: 'Op voetbal', author_kind: 'youth' } });
		const plan = await expect(base, 'GET', `/api/v1/youths/${youth.id}/plan`, 200, { token });
		assert.ok(plan.next_evaluation_due < today, `due before today: ${plan.next_evaluation_due}`);

		await page.goto(server.base + `/#/youths/${youth.id}/plan`);
		// this dossier's plan (not the page before), or the login when run on its own
		await page.locator(`#login-username, #tab-plan[aria-current="page"][href="#/youths/${youth.id}/plan"]`).first().waitFor();
		if (await page.locator('#login-username').count()) await login(page, 'professional', DEMO_PASSWORD); // run on its own
		const next = page.locator('#next-evaluation');
		await next.filter({ hasText: 'Evaluatie te laat' }).waitFor();
		assert.match(await next.getAttribute('class'), /notice-warning/);
		const [y, m, d] = plan.next_evaluation_due.split('-');
		assert.match(await next.innerText(), new RegExp(`uiterlijk ${d}-${m}-${y}`));

		await page.locator('summary', { hasText: 'Evaluatie vastleggen' }).click();
		await page.locator('#ev-participants').fill('Mees, Demo Hulpverlener');
		await page.locator(`#ev-score-${school.id}`).selectOption('7');
		await page.locator(`#ev-comment-${school.id}`).fill('Bijna elke dag');
		await page.locator(`#ev-comment-${sport.id}`).fill('Nog niet begonnen, wel aangemeld');
		await page.locator('#tab-panel button', { hasText: 'Evaluatie opslaan' }).click();
		const error = page.locator(`#ev-comment-${sport.id}-error`);
		await error.filter({ hasText: 'geef ook een cijfer, of laat de toelichting leeg' }).waitFor();
		assert.equal(await page.getAttribute(`#ev-comment-${sport.id}`, 'aria-invalid'), 'true');
		assert.match(await page.getAttribute(`#ev-comment-${sport.id}`, 'aria-describedby'), new RegExp(`ev-comment-${sport.id}-error`));
		assert.equal(await page.locator(`#ev-comment-${school.id}-error`).count(), 0, 'only the field at fault');
		assert.deepEqual((await expect(base, 'GET', `/api/v1/youths/${youth.id}/plan`, 200, { token })).evaluations, [], 'nothing saved');
		await assertAccessible(page, 'evaluation form with a comment without a score');

		await page.locator(`#ev-score-${sport.id}`).selectOption('4');
		await page.locator('#tab-panel button', { hasText: 'Evaluatie opslaan' }).click();
		await page.locator('#evaluation-message', { hasText: 'opgeslagen' }).waitFor();
		const saved = (await expect(base, 'GET', `/api/v1/youths/${youth.id}/plan`, 200, { token })).evaluations;
		assert.equal(saved.length, 1);
		assert.deepEqual(saved[0].scores.map((x) => [x.goal_id, x.score, x.comment]).sort((a, b) => a[0] - b[0]),
			[[school.id, 7, 'Bijna elke dag'], [sport.id, 4, 'Nog niet begonnen, wel aangemeld']].sort((a, b) => a[0] - b[0]));
		// Evaluated today: the next one is two months ahead, plain information again.
		await next.filter({ hasText: 'Volgende evaluatie uiterlijk' }).waitFor();
		assert.match(await next.getAttribute('class'), /notice-info/);
	});

	it('lists open dossiers by default; all phases or only closed ones on request', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		const { token } = pro;
		const make = (given) => apiYouth(base, pro, { given_name: given, family_name: 'Fasenberg', municipality: 'Assen' });
		await make('Lopend');
		const shut = await make('Gesloten');
		await expect(base, 'PATCH', `/api/v1/youths/${shut.id}`, 200, { token, body: { phase: 'closed', end_reason: 'planned', change_reason: 'Doelen bereikt' } });

		await page.goto(base + '/#/dossiers');
		await page.locator('#login-username, #ds-phase').first().waitFor();
		if (await page.locator('#login-username').count()) await login(page, 'professional', DEMO_PASSWORD); // run on its own
		await page.locator('#ds-phase').waitFor();
		assert.equal(await page.locator('#ds-phase').inputValue(), 'active', 'open dossiers are the default choice');
		assert.equal(await page.locator('#ds-phase option:checked').innerText(), 'Lopende dossiers (niet afgesloten)');
		const names = async () => {
			await page.locator('#dossier-table, #dossier-empty').first().waitFor();
			return (await page.locator('#dossier-table tbody a').allInnerTexts()).filter((n) => n.includes('Fasenberg')).sort();
		};
		const search = async (phase) => {
			await page.locator('#ds-q').fill('Fasenberg');
			await page.locator('#ds-phase').selectOption(phase);
			const answer = page.waitForResponse((r) => r.url().includes('/api/v1/youths?') && r.url().includes('Fasenberg'));
			await page.locator('form[role=search] button[type=submit]').click();
			await answer;
		};
		// (the list keeps the search of an earlier test, "zoë": search anew)
		await search('active');
		await page.locator('#dossier-table tbody a', { hasText: 'Lopend Fasenberg' }).waitFor();
		assert.deepEqual(await names(), ['Lopend Fasenberg'], 'the closed dossier is not in the default list');
		await search('');
		await page.locator('#dossier-table tbody a', { hasText: 'Gesloten Fasenberg' }).waitFor();
		assert.deepEqual(await names(), ['Gesloten Fasenberg', 'Lopend Fasenberg'], 'all phases');
		await search('closed');
		await page.waitForFunction(() => ![...document.querySelectorAll('#dossier-table tbody a')].some((a) => a.textContent.includes('Lopend')));
		assert.deepEqual(await names(), ['Gesloten Fasenberg'], 'only closed');
		await assertAccessible(page, 'dossier list with the phase filter');
		// Nothing open under that name: the page says closed ones are left out, and how to see them.
		await page.locator('#ds-q').fill('Gesloten Fasenberg');
		await page.locator('#ds-phase').selectOption('active');
		await page.locator('form[role=search] button[type=submit]').click();
		await page.locator('#dossier-empty', { hasText: 'Afgesloten dossiers staan hier niet bij' }).waitFor();
	});

	it('says the JIM is ended once the JIM\'s card is gone, with the focus on it', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/youths/' + youthId + '/jim');
		await page.locator('#current-jim', { hasText: 'Karim Bakker' }).waitFor();
		await page.locator('#current-jim details summary').click();
		await page.locator('#jim-end-reason').selectOption('youth_chose_another');
		await page.locator('#jim-end-submit').click();
		await page.locator('#jim-end-confirm-yes').click();
		await page.locator('#current-jim', { hasText: 'nog geen actieve JIM' }).waitFor();
		const said = page.locator('#jim-end-message');
		await said.filter({ hasText: 'Karim Bakker is niet langer de JIM.' }).waitFor();
		for (let i = 0; i < 30 && !(await said.evaluate((el) => el === document.activeElement)); i++) await page.waitForTimeout(100);
		assert.ok(await said.evaluate((el) => el === document.activeElement), 'the focus is on the text that says the JIM is ended');
		await assertAccessible(page, 'dossier JIM tab (JIM ended)');
	});

	itEndsCleanly(w);
});
