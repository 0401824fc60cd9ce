// Headless-browser checks of the professional's daily flow on a dossier
// against a real `kring serve --demo`: the overview starts with what comes
// next (meeting, evaluation, the JIM search), the steps that cannot be taken back
// ask first (closing the trajectory, ending the JIM), "no custody holder
// yet" links to the network tab instead of a dead end, a refused form puts
// the focus on the field to fix, and a meeting just planned says so on the
// page it opens. axe-core on the questions asked; no horizontal scroll at
// 360 px; a clean SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, expect, browserWorld,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, todayAmsterdam,
} from './helpers.mjs';

// The element is (wholly) inside the viewport.
const inView = (locator) => locator.evaluate((el) => {
	const r = el.getBoundingClientRect();
	return r.top >= 0 && r.bottom <= window.innerHeight;
});

describe('the professional\'s dossier flow in a real browser', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('caseworker');
	let server;
	let page;
	let pro;
	let closedId;

	before(async () => {
		server = await w.start();
		({ page } = await w.newBrowser('professional'));
		pro = await demoProfessional(server.base);
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const dossier = (id) => expect(server.base, 'GET', `/api/v1/youths/${id}`, 200, { token: pro.token });

	it('asks before a trajectory is closed, and says it was closed', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Sanne', family_name: 'Afsluiter' });
		closedId = y.id;
		await page.goto(`${server.base}/#/youths/${y.id}`);
		await page.locator('#change-form summary').click();
		await page.locator('#ch-value').selectOption('closed');
		// Neither the end reason nor the reason: both said at once, the focus on the first.
		await page.locator('#ch-submit').click();
		await page.locator('#ch-reason-error').waitFor();
		assert.equal(await page.getAttribute('#ch-end-reason', 'aria-invalid'), 'true', 'the end reason is marked too');
		await assertFocus(page, page.locator('#ch-end-reason'), 'the focus on the end reason, the first of the two');
		assert.match(await page.locator('#change-message').innerText(), /2 velden/);
		await page.locator('#ch-end-reason').selectOption('planned');
		// The reason is missing: said at the field, with the focus on it.
		await page.locator('#ch-submit').click();
		await page.locator('#ch-reason-error').waitFor();
		await assertFocus(page, page.locator('#ch-reason'), 'a refused change puts the focus on the reason');
		assert.equal(await page.locator('#ch-close-box').count(), 0, 'no question before the form is complete');
		await page.locator('#ch-reason').fill('Doelen bereikt, traject klaar');
		await page.locator('#ch-submit').click();
		const box = page.locator('#ch-close-box');
		await box.waitFor();
		assert.match(await box.innerText(), /Sanne Afsluiter afsluiten\?/);
		await assertFocus(page, box, 'the focus is on the question');
		await assertAccessible(page, 'dossier overview, closing asked');
		assert.notEqual((await dossier(y.id)).phase, 'closed', 'nothing is closed before the answer');

		// "Nee": nothing happens, the focus goes back to the button.
		await page.locator('#ch-close-no').click();
		await box.waitFor({ state: 'detached' });
		await assertFocus(page, page.locator('#ch-submit'), 'no puts the focus back on the button');
		assert.notEqual((await dossier(y.id)).phase, 'closed');

		await page.locator('#ch-submit').click();
		await page.locator('#ch-close-yes').click();
		const said = page.locator('#change-closed-message');
		await said.filter({ hasText: 'Het dossier van Sanne Afsluiter is afgesloten.' }).waitFor();
		await assertFocus(page, said, 'the focus is on what happened');
		await page.locator('#dossier-phase', { hasText: 'Afgesloten' }).waitFor();
		assert.equal((await dossier(y.id)).phase, 'closed');
		assert.equal((await dossier(y.id)).end_reason, 'planned');
	});

	it('asks before the JIM is ended', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Tim', family_name: 'Eindhoven' });
		await apiJim(server.base, pro, y.id, { name: 'Joke Stopper', relation: 'tante', username: 'jim.joke', password: 'een lang wachtwoord 2026' });
		await page.goto(`${server.base}/#/youths/${y.id}/jim`);
		await page.locator('#current-jim', { hasText: 'Joke Stopper' }).waitFor();
		await page.locator('#jim-end summary').click();
		// Without a reason: said at the field, with the focus on it.
		await page.locator('#jim-end-submit').click();
		await page.locator('#jim-end-reason-error', { hasText: 'kies waarom de JIM stopt' }).waitFor();
		await assertFocus(page, page.locator('#jim-end-reason'), 'a refused end puts the focus on the reason');
		assert.equal(await page.locator('#jim-end-confirm-box').count(), 0);

		await page.locator('#jim-end-reason').selectOption('dropped_out');
		await page.locator('#jim-end-submit').click();
		const box = page.locator('#jim-end-confirm-box');
		await box.waitFor();
		assert.match(await box.innerText(), /Joke Stopper stoppen als JIM\?/);
		await assertFocus(page, box, 'the focus is on the question');
		await assertAccessible(page, 'JIM tab, ending asked');
		await page.keyboard.press('Escape');
		await box.waitFor({ state: 'detached' });
		await assertFocus(page, page.locator('#jim-end-submit'), 'Escape puts the focus back on the button');
		assert.ok((await dossier(y.id)).jim, 'the JIM is still active after "no"');

		await page.locator('#jim-end-submit').click();
		await page.locator('#jim-end-confirm-yes').click();
		await page.locator('#jim-end-message', { hasText: 'Joke Stopper is niet langer de JIM.' }).waitFor();
		assert.equal((await dossier(y.id)).jim, null);
	});

	it('links to the network tab when nobody with custody is in it yet', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Lotte', family_name: 'Zondergezag' });
		const nom = await expect(server.base, 'POST', `/api/v1/youths/${y.id}/nominations`, 201,
			{ token: pro.token, body: { name: 'Bram Kandidaat', relation: 'buurman' } });
		await page.goto(`${server.base}/#/youths/${y.id}/jim`);
		const link = page.locator(`#n${nom.id}-to-network`);
		await link.waitFor();
		assert.equal(await link.getAttribute('href'), `#/youths/${y.id}/network`);
		await link.click();
		await page.locator('#tab-network[aria-current=page]').waitFor();
		await page.locator('#nw-name').waitFor();

		await page.goto(`${server.base}/#/youths/${y.id}/consent`);
		await page.locator('#cs-given-by').selectOption('custody_holder');
		const link2 = page.locator('#cs-to-network');
		await link2.waitFor();
		assert.equal(await link2.getAttribute('href'), `#/youths/${y.id}/network`);
		await assertAccessible(page, 'consent tab without a custody holder');
	});

	it('puts the focus on the field to fix after a refused form, also on a phone', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Femke', family_name: 'Foutveld' });
		await page.setViewportSize({ width: 360, height: 740 });
		try {
			await page.goto(`${server.base}/#/youths/${y.id}/plan`);
			await page.locator('#goal-title').waitFor();
			await page.locator('form:has(#goal-title) button[type=submit]').click();
			await page.locator('#goal-title-error').waitFor();
			await assertFocus(page, page.locator('#goal-title'), 'an empty goal puts the focus on its title');

			await page.goto(`${server.base}/#/youths/${y.id}/network`);
			await page.locator('#nw-name').fill('Ans Visser');
			await page.locator('form:has(#nw-name) button[type=submit]').click();
			await page.locator('#nw-relation-error').waitFor();
			await assertFocus(page, page.locator('#nw-relation'), 'a person without a relation puts the focus on it');

			await page.goto(`${server.base}/#/youths/${y.id}/meetings`);
			await page.locator('#new-meeting summary').click();
			await page.locator('#mt-location').fill('Wijkteam');
			await page.locator('#new-meeting button[type=submit]').click();
			await page.locator('#mt-start-error').waitFor();
			await assertFocus(page, page.locator('#mt-start'), 'a meeting without a time puts the focus on the start');
			assert.ok(await inView(page.locator('#mt-start')), 'the field to fix is on the screen');
			await assertNoHorizontalScroll(page, 'new meeting with an error');
		} finally {
			await page.setViewportSize({ width: 1024, height: 768 });
		}
	});

	it('says that a meeting is planned on the page it opens, once', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Mila', family_name: 'Vergaderzaal' });
		await page.goto(`${server.base}/#/youths/${y.id}/meetings`);
		await page.locator('#new-meeting summary').click();
		await page.locator('#mt-start').fill('14:00');
		await page.locator('#mt-end').fill('15:00');
		await page.locator('#mt-location').fill('Wijkteam kantoor');
		await page.locator('#new-meeting button[type=submit]').click();
		const said = page.locator('#meeting-planned');
		await said.waitFor();
		assert.match(await said.innerText(), /De vergadering is gepland: .*14:00 – 15:00\. Jij staat bij de deelnemers\./);
		assert.equal(await page.locator('#page-title').getAttribute('aria-describedby'), 'meeting-planned');
		await assertFocus(page, page.locator('#page-title'), 'the focus is on the heading that refers to it');
		await assertAccessible(page, 'meeting just planned');
		const url = page.url();
		// Opened again later, the meeting page does not say it anew.
		await page.goto(`${server.base}/#/youths/${y.id}/meetings`);
		await page.locator(`#meeting-${url.replace(/.*#\/meetings\//, '')} a`).click();
		await page.locator('#meeting-facts').waitFor();
		assert.equal(page.url(), url);
		assert.equal(await page.locator('#meeting-planned').count(), 0);
	});

	it('starts the overview with what comes next, each with the way to it', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Noah', family_name: 'Vooruit' });
		await page.goto(`${server.base}/#/youths/${y.id}`);
		const box = page.locator('#coming-up');
		await box.waitFor();
		// First on the tab, before the facts.
		assert.ok(await page.evaluate(() => {
			const a = document.getElementById('coming-up');
			const b = document.getElementById('dossier-facts');
			return !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
		}), 'what comes next is above the facts');
		await page.locator('#coming-up-meeting', { hasText: 'Er is geen vergadering gepland.' }).waitFor();
		assert.equal(await page.locator('#coming-up-meeting a').getAttribute('href'), `#/youths/${y.id}/meetings`);
		await page.locator('#coming-up-evaluation', { hasText: 'Volgende evaluatie uiterlijk' }).waitFor();
		assert.match(await page.locator('#coming-up-evaluation').innerText(), /uiterlijk \d{2}-\d{2}-\d{4}\./, 'a Dutch date');
		assert.equal(await page.locator('#coming-up-evaluation a').getAttribute('href'), `#/youths/${y.id}/plan`);
		assert.equal(await page.locator('#coming-up-jim a').getAttribute('href'), `#/youths/${y.id}/jim`);

		// A meeting tomorrow (and one called off before it) while the page is open.
		const day = addDays(todayAmsterdam(), 1);
		const off = await expect(server.base, 'POST', `/api/v1/youths/${y.id}/meetings`, 201, { token: pro.token,
			body: { kind: 'safety_table', starts_at: `${day}T08:00:00Z`, ends_at: `${day}T09:00:00Z`, location: 'Stadhuis' } });
		await expect(server.base, 'PATCH', `/api/v1/meetings/${off.id}`, 200, { token: pro.token, body: { cancelled: true } });
		const m = await expect(server.base, 'POST', `/api/v1/youths/${y.id}/meetings`, 201, { token: pro.token,
			body: { kind: 'network', starts_at: `${day}T13:00:00Z`, ends_at: `${day}T14:00:00Z`, location: 'Wijkteam' } });
		await page.goto(`${server.base}/#/youths/${y.id}/network`);
		await page.locator('#tab-overview').click();
		const link = page.locator('#coming-up-meeting-link');
		await link.waitFor();
		assert.equal(await link.getAttribute('href'), `#/meetings/${m.id}`);
		assert.match(await page.locator('#coming-up-meeting').innerText(), /Volgende vergadering: .*\d{2}:00 – \d{2}:00 \(Netwerkberaad\)/);
		await assertAccessible(page, 'dossier overview with what comes next');
		await page.setViewportSize({ width: 360, height: 740 });
		try {
			await assertNoHorizontalScroll(page, 'dossier overview');
		} finally {
			await page.setViewportSize({ width: 1024, height: 768 });
		}

		// A closed trajectory has nothing coming, and the card reads nothing
		// for it: each read of the plan or the meetings would be in the young
		// person's access log as something looked at.
		const asked = [];
		const onRequest = (r) => asked.push(new URL(r.url()).pathname);
		page.on('request', onRequest);
		try {
			const history = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/youths/${closedId}/history`);
			await page.goto(`${server.base}/#/youths/${closedId}`);
			await page.locator('#dossier-facts').waitFor();
			await history;
		} finally {
			page.off('request', onRequest);
		}
		assert.equal(await box.count(), 0);
		assert.deepEqual(asked.filter((p) => /\/(meetings|plan)$/.test(p)), [], 'no plan or meetings read for a closed trajectory');
	});

	itEndsCleanly(w);
});
