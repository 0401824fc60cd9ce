// A page left open in a tab (the caseworker was in another tab for an hour,
// a colleague changed the dossier meanwhile) fetches its data again when the
// user comes back to it: when the tab is shown again and when the window
// gets the focus back, at most once per 30 seconds. Quietly: what changed
// shows without a reload and without "Even geduld", and what the user was
// doing stays as it was: a half-typed text in an open form, a chosen value,
// an open question ("Weet je het zeker?"), the focus and the scroll
// position. A refetch that fails leaves the page as it was. On a dossier
// (at 360 px) and on the team lead's home page (a decline waiting for the
// second look appears, while a note to an alert is being typed).
//
// Headless Chromium keeps every tab visible and focused, so leaving and
// coming back is simulated: the events the browser sends (visibilitychange,
// with document.visibilityState saying what it would say; blur and focus
// of the window) are sent in the page, and the page's clock is moved on.
//
// Run from the repository root: node --test tests/browser/refetch-on-return.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, login, browserWorld, expect, totp, itEndsCleanly, demoProfessional,
	apiYouth, apiJim, focusedId, loginWithTotp, openSection, leaveAndComeBack,
} from './helpers.mjs';

// How long a test waits for a change to show after coming back: a refetch
// is one request to a local server.
const SHOWS = { timeout: 5000 };

// From now on, the page notes whether "Even geduld" showed anywhere in it
// (loadingShown(page) says so): a quiet refetch shows no loading text.
async function watchLoading(page) {
	await page.evaluate(() => {
		window.loadingShown = false;
		const main = document.getElementById('main');
		new MutationObserver(() => {
			if (main.textContent.includes('Even geduld')) window.loadingShown = true;
		}).observe(main, { subtree: true, childList: true, characterData: true });
	});
}
const loadingShown = (page) => page.evaluate(() => window.loadingShown);

// The GET requests of the page whose path is `path` exactly, counted from now.
function countGets(page, path) {
	const seen = { n: 0 };
	page.on('request', (r) => {
		if (r.method() === 'GET' && new URL(r.url()).pathname === path) seen.n++;
	});
	return seen;
}

describe('a page left open is fetched again when its user comes back', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('refetch');
	let server;
	let pro; // the professional's API session
	let youthId;
	let page; // the professional's page
	let jimId;
	let jimToken;
	let jimTotp;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const changeDossier = (body) => expect(server.base, 'PATCH', `/api/v1/youths/${youthId}`, 200, { token: pro.token, body });

	it('sets up a young person with a JIM who wants to stop, through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		youthId = (await apiYouth(base, pro, { given_name: 'Noor', family_name: 'Bakker', living_situation: 'home' })).id;
		const jim = await apiJim(base, pro, youthId, { name: 'Tante Els', relation: 'tante', username: 'jim.els', password: 'een lang wachtwoord 2026' });
		jimId = jim.jimId;
		jimTotp = jim.totpSecret;
		const body = { username: 'jim.els', password: 'een lang wachtwoord 2026' };
		if (jim.totpSecret) body.totp = totp(jim.totpSecret);
		({ token: jimToken } = await expect(base, 'POST', '/api/v1/session', 201, { body }));
		await expect(base, 'POST', `/api/v1/jims/${jimId}/checkins`, 201, { token: jimToken, body: { wellbeing: 3, burden: 4, continue: 'no' } });
	});

	it('shows a colleague\'s change to the dossier when the tab is shown again, and keeps what is being typed', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}`);
		await page.locator('#dossier-living', { hasText: 'Thuis' }).waitFor();

		// Halfway through a change of their own: a value chosen, a reason half typed.
		await page.locator('#change-form summary').click();
		await page.locator('#ch-field').selectOption('living_situation');
		await page.locator('#ch-value').selectOption('residential');
		await page.locator('#ch-reason').fill('Besproken met de jongere en');
		const scrolled = await page.evaluate(() => window.scrollY);
		assert.ok(scrolled > 0, 'the form is down the page at 360 px');
		await watchLoading(page);

		// A colleague changes the dossier meanwhile.
		await changeDossier({ living_situation: 'foster_care', change_reason: 'Opgenomen in een pleeggezin' });
		await leaveAndComeBack(page);

		await page.locator('#dossier-living', { hasText: /^Pleeggezin$/ }).waitFor(SHOWS);
		await page.locator('#history-table tr', { hasText: 'Opgenomen in een pleeggezin' }).waitFor(SHOWS);
		assert.match(await page.locator('#ch-value-hint').innerText(), /Pleeggezin/, 'the form says what the value is now');
		assert.equal(await page.locator('#ch-reason').inputValue(), 'Besproken met de jongere en', 'the half-typed reason stays');
		assert.equal(await page.locator('#ch-value').inputValue(), 'residential', 'the chosen value stays');
		assert.equal(await page.locator('#ch-field').inputValue(), 'living_situation');
		assert.equal(await page.locator('#change-form').getAttribute('open'), '', 'the form stays open');
		assert.equal(await focusedId(page), 'ch-reason', 'the focus stays in the field');
		assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the page stays where it was scrolled to');
		assert.equal(await loadingShown(page), false, 'no loading text in between');
		await assertAccessible(page, 'dossier fetched again');
	});

	it('fetches again at most once per 30 seconds, and also when the window gets the focus back', { timeout: STEP_TIMEOUT }, async () => {
		const gets = countGets(page, `/api/v1/youths/${youthId}`);
		await changeDossier({ living_situation: 'independent', change_reason: 'Zelfstandig gaan wonen' });
		await leaveAndComeBack(page, { away: 5000 });
		await page.waitForTimeout(1000);
		assert.equal(gets.n, 0, 'not fetched again after 5 seconds away');
		assert.equal(await page.locator('#dossier-living').innerText(), 'Pleeggezin');

		await leaveAndComeBack(page, { how: 'window' });
		await page.locator('#dossier-living', { hasText: 'Zelfstandig' }).waitFor(SHOWS);
		assert.equal(gets.n, 1, 'fetched once');
		assert.equal(await page.locator('#ch-reason').inputValue(), 'Besproken met de jongere en');
		assert.equal(await focusedId(page), 'ch-reason');
	});

	it('keeps the page as it was when fetching again fails', { timeout: STEP_TIMEOUT }, async () => {
		const gets = countGets(page, `/api/v1/youths/${youthId}`);
		const dossier = new RegExp(`/api/v1/youths/${youthId}(/.*)?$`);
		await page.route(dossier, (route) => route.abort('connectionfailed'));
		try {
			await changeDossier({ living_situation: 'other', change_reason: 'Anders' });
			const failed = page.waitForEvent('requestfailed',
				(r) => r.method() === 'GET' && new URL(r.url()).pathname === `/api/v1/youths/${youthId}`, { timeout: 5000 });
			await leaveAndComeBack(page);
			await failed;
			assert.equal(gets.n, 1, 'tried to fetch again');
			await page.waitForTimeout(500);
			assert.equal(await page.locator('#dossier-living').innerText(), 'Zelfstandig', 'what was shown stays');
			assert.equal(await page.locator('#main .notice-error').count(), 0, 'no error in place of the page');
			assert.equal(await page.locator('#ch-reason').inputValue(), 'Besproken met de jongere en');
			assert.equal(await focusedId(page), 'ch-reason');
		} finally {
			await page.unroute(dossier);
		}
		// the next return tries again
		await leaveAndComeBack(page);
		await page.locator('#dossier-living', { hasText: 'Anders' }).waitFor(SHOWS);
	});

	it('keeps an open question open, with the focus on it, on the plan', { timeout: STEP_TIMEOUT }, async () => {
		const goal = (title) => expect(server.base, 'POST', `/api/v1/youths/${youthId}/goals`, 201, {
			token: pro.token, body: { title, author_kind: 'youth' },
		});
		const first = await goal('Een bijbaan vinden');
		await page.locator('#tab-plan').click();
		await page.locator('#goal-' + first.id).waitFor();
		await page.locator(`#g${first.id}-reached-open`).click();
		await page.locator(`#g${first.id}-reached-box`).waitFor();
		assert.equal(await focusedId(page), `g${first.id}-reached-box`, 'the focus is on the question');
		await watchLoading(page);

		const second = await goal('Zwemdiploma halen');
		await leaveAndComeBack(page);
		await page.locator('#goal-' + second.id).waitFor(SHOWS);
		assert.equal(await page.locator(`#g${first.id}-reached-box`).count(), 1, 'the question stays open');
		assert.equal(await focusedId(page), `g${first.id}-reached-box`, 'the focus stays on the question');
		assert.equal(await loadingShown(page), false, 'no loading text in between');
		await assertAccessible(page, 'dossier plan fetched again');
	});

	it('shows the team lead a new decline waiting for the second look, and keeps the note being typed to an alert', { timeout: STEP_TIMEOUT }, async () => {
		const { page: lead } = await w.newBrowser('teamlead');
		await lead.goto(server.base + '/');
		await login(lead, 'teamlead', DEMO_PASSWORD);
		const alert = lead.locator('#alert-list li[data-kind=wants_to_stop]');
		await alert.waitFor();
		const id = (await alert.getAttribute('id')).replace('alert-', '');
		await alert.locator('summary').click();
		await lead.locator(`#alert-${id}-note`).fill('Gebeld met Tante Els, ze');
		assert.equal(await lead.locator('#second-look-list').count(), 0, 'nothing waits for the second look yet');
		await watchLoading(lead);

		// A colleague declines a candidate meanwhile.
		const nom = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, {
			token: pro.token, body: { name: 'Buurman Piet', relation: 'buurman' },
		});
		await expect(server.base, 'POST', `/api/v1/nominations/${nom.id}/assessment`, 201, {
			token: pro.token,
			body: { is_parent: false, adult: true, willing_to_cooperate: false, child_safe: true, own_load_manageable: true,
				decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' },
		});
		await leaveAndComeBack(lead);

		await lead.locator('#second-look-' + nom.id, { hasText: 'Buurman Piet' }).waitFor(SHOWS);
		assert.equal(await lead.locator(`#alert-${id}-note`).inputValue(), 'Gebeld met Tante Els, ze', 'the half-typed note stays');
		assert.equal(await lead.locator(`#alert-${id}-details`).getAttribute('open'), '', 'the alert stays unfolded');
		assert.equal(await focusedId(lead), `alert-${id}-note`, 'the focus stays in the note');
		assert.equal(await loadingShown(lead), false, 'no loading text in between');
		await assertAccessible(lead, 'team lead home page fetched again');
	});

	it('shows the JIM a goal added meanwhile on "Mijn jongere", on a phone', { timeout: STEP_TIMEOUT }, async () => {
		// Noor is 15: she and a parent with custody let the JIM see the plan.
		const mother = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/network`, 201,
			{ token: pro.token, body: { name: 'Fatma Bakker', relation: 'moeder', has_custody: true } });
		await expect(server.base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token: pro.token, body: { scope: 'share_plan', given_by: 'youth' } });
		await expect(server.base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token: pro.token, body: { scope: 'share_plan', given_by: 'custody_holder', network_member_id: mother.id } });
		const { page: jim } = await w.newBrowser('jim');
		await jim.setViewportSize({ width: 360, height: 740 });
		await jim.goto(server.base + '/');
		if (jimTotp) await loginWithTotp(jim, 'jim.els', 'een lang wachtwoord 2026', jimTotp);
		else await login(jim, 'jim.els', 'een lang wachtwoord 2026');
		await jim.goto(server.base + '/#/my-youth');
		await openSection(jim, 'jim-sec-plan');
		await jim.locator('#plain-goals').waitFor();
		await watchLoading(jim);
		const goal = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/goals`, 201, {
			token: pro.token, body: { title: 'Op tijd naar bed', author_kind: 'youth' },
		});
		await leaveAndComeBack(jim);
		await jim.locator('#plain-goals', { hasText: 'Op tijd naar bed' }).waitFor(SHOWS);
		assert.equal(await loadingShown(jim), false, 'no loading text in between');
		assert.ok(goal.id);
		await assertAccessible(jim, 'Mijn jongere fetched again');
	});

	it('shows a dossier its user may no longer see as not found, in place of what was shown', { timeout: STEP_TIMEOUT }, async () => {
		// The professional's dossier page is open. The admin takes them out of the team.
		await page.locator('#tab-overview').click();
		await page.locator('#dossier-living').waitFor();
		const me = await expect(server.base, 'GET', '/api/v1/me', 200, { token: pro.token });
		const { token: admin } = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'admin', password: DEMO_PASSWORD } });
		await expect(server.base, 'DELETE', `/api/v1/teams/${pro.teamId}/members/${me.id}`, 204, { token: admin });
		await leaveAndComeBack(page);
		await page.locator('h1', { hasText: 'Dossier niet gevonden' }).waitFor(SHOWS);
		assert.equal(await page.locator('#dossier-living').count(), 0, 'nothing of the dossier stays on the page');
		assert.equal(await page.locator('#tab-plan').count(), 0, 'nor its tabs');
		await assertAccessible(page, 'dossier no longer visible');
	});

	itEndsCleanly(w);
});
