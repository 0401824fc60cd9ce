// Headless-browser check, on a 360 px phone, that a form says what it did
// only once the list it changed shows it: the list's GET after the write is
// held back for a while (page.route), and at the moment the message gets
// its text (a MutationObserver in the page) the list must already hold the
// change. Before, "… is voorgedragen" stood next to a list without the
// candidate, and a screen reader read it so. Covered: a new nomination and
// an assessment (the JIM tab), a training on an account page, and the cost
// assumptions and the organisation settings (whose fields also showed the
// old values again until the settings came back). axe-core on the pages, a
// clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/message-after-reload.test.mjs

import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, login, expect, browserWorld, itEndsCleanly,
	demoProfessional, apiYouth, navTo,
} from './helpers.mjs';

const HOLD_MS = 1500;

// holdGets(page, pattern): GETs of URLs that match pattern are held back
// HOLD_MS once hold.on() is called (the page's first loads are not), until
// hold.off() (or page.unrouteAll()); hold.holding resolves when the first
// one is held back.
async function holdGets(page, pattern) {
	let holding;
	const hold = { armed: false, held: 0, holding: new Promise((ok) => { holding = ok; }) };
	await page.route(pattern, async (route) => {
		if (hold.armed && route.request().method() === 'GET') {
			hold.held++;
			holding();
			await new Promise((ok) => setTimeout(ok, HOLD_MS));
		}
		await route.continue().catch(() => {});
	});
	hold.on = () => {
		hold.armed = true;
	};
	hold.off = () => page.unroute(pattern);
	return hold;
}

// whenSaid(page, message, {list, fields}): from now on, the first time the
// element `message` has text, the page notes in that same moment the text
// of `list` and the values of the `fields` (selectors). Returns a function
// that waits for that note and resolves with {message, list, fields}.
async function whenSaid(page, message, { list = null, fields = [] } = {}) {
	await page.evaluate(({ message, list, fields }) => {
		window.__said = null;
		const note = () => {
			const m = document.querySelector(message);
			if (window.__said || !m || !m.textContent.trim()) return;
			const l = list && document.querySelector(list);
			window.__said = {
				message: m.textContent.trim(),
				list: l ? l.textContent : '',
				fields: Object.fromEntries(fields.map((f) => [f, document.querySelector(f) ? document.querySelector(f).value : null])),
			};
		};
		const seen = new MutationObserver(() => {
			note();
			if (window.__said) seen.disconnect();
		});
		seen.observe(document.body, { subtree: true, childList: true, characterData: true });
	}, { message, list, fields });
	return async () => {
		await page.waitForFunction(() => window.__said, null, { timeout: 15000 });
		return page.evaluate(() => window.__said);
	};
}

describe('a form says what it did once its list shows it', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('message-after-reload');
	let server;
	let pro;
	let youthId;
	let page;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });
	// nothing held back from one test into the next, also when one fails
	afterEach(async () => {
		if (page && !page.isClosed()) await page.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
	});

	it('sets up a dossier through the API and logs the professional in on a phone', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		youthId = (await apiYouth(server.base, pro, { given_name: 'Lotte', family_name: 'Laadtijd' })).id;
		({ page } = await w.newBrowser('phone'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
	});

	it('says a candidate is nominated once the nominations show them', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(page, 'Dossiers');
		await page.locator('#ds-q').fill('Laadtijd');
		await page.locator('#ds-q').press('Enter');
		await page.locator(`a[href="#/youths/${youthId}"]`).click();
		await page.locator('#tab-jim').click();
		await page.locator('#nom-name').waitFor();

		const hold = await holdGets(page, new RegExp(`/api/v1/youths/${youthId}/nominations$`));
		const said = await whenSaid(page, '#nomination-message', { list: '#tab-panel' });
		await page.locator('#nom-name').fill('Tante Truus');
		await page.locator('#nom-relation').fill('tante');
		hold.on();
		await page.locator('#nom-name').press('Enter');
		const at = await said();
		assert.match(at.message, /Tante Truus is voorgedragen/);
		assert.ok(hold.held >= 1, 'the nominations were fetched again (and held back)');
		assert.ok(at.list.includes('(tante)'), `the nominations show the candidate when the message comes: ${at.list.slice(0, 400)}`);
		await hold.off();
		await assertAccessible(page, 'JIM tab after a nomination');
	});

	it('says an assessment is saved, with the focus on it, once the nomination shows it', { timeout: STEP_TIMEOUT }, async () => {
		const nom = (await expect(server.base, 'GET', `/api/v1/youths/${youthId}/nominations`, 200, { token: pro.token }))
			.items.find((n) => n.name === 'Tante Truus');
		const p = `#n${nom.id}-`;
		const hold = await holdGets(page, new RegExp(`/api/v1/youths/${youthId}/nominations$`));
		const said = await whenSaid(page, p + 'done', { list: p + 'latest' });
		await page.locator(p + 'decision').selectOption('discuss');
		hold.on();
		await page.locator(`#nomination-${nom.id} .assessment-form button[type=submit]`).click();
		const at = await said();
		assert.match(at.message, /Tante Truus wordt nog besproken/);
		assert.ok(hold.held >= 1, 'the nominations were fetched again (and held back)');
		assert.ok(at.list.includes('Nog bespreken'), `the nomination shows the assessment when the message comes: ${at.list.slice(0, 400)}`);
		await assertFocus(page, page.locator(p + 'done'), 'the message takes the focus');
		await hold.off();
	});

	it('says a training is saved once the trainings show it', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('admin'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Gebruikers');
		await page.getByRole('link', { name: 'Trainingen van Demo Hulpverlener' }).click();
		await page.locator('#tr-course').waitFor();
		const user = page.url().match(/#\/users\/(\d+)/)[1];

		const hold = await holdGets(page, new RegExp(`/api/v1/users/${user}/trainings$`));
		const said = await whenSaid(page, '#training-message', { list: '#account-trainings' });
		await page.locator('#tr-course').fill('Gesprekstraining netwerk');
		await page.locator('#tr-date').fill('2026-01-15');
		await page.locator('#tr-provider').fill('JIM-academie');
		hold.on();
		await page.locator('#account-trainings button[type=submit]').click();
		const at = await said();
		assert.match(at.message, /training is opgeslagen/);
		assert.ok(hold.held >= 1, 'the trainings were fetched again (and held back)');
		assert.ok(at.list.includes('Gesprekstraining netwerk'), `the trainings show the new one when the message comes: ${at.list.slice(0, 400)}`);
		await hold.off();
		await assertAccessible(page, 'account page after a training');
	});

	it('says the cost assumptions and settings are saved once the fields show what is stored', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(page, 'Organisaties');
		await page.locator('#org-settings-1').click();
		await page.locator('#cs-rate').waitFor();
		await page.locator('#os-km_rate_cents').waitFor();

		let hold = await holdGets(page, /\/api\/v1\/organisations\/1\/cost-settings$/);
		let said = await whenSaid(page, '#costset-message', { fields: ['#cs-rate'] });
		const rate = await page.locator('#cs-rate').inputValue();
		const next = rate === '40' ? '45' : '40';
		await page.locator('#cs-rate').fill(next);
		hold.on();
		await page.locator('#cost-settings button[type=submit]').click();
		// while the stored values are fetched again, the field keeps the new one (not the old one back)
		await hold.holding;
		assert.equal(await page.locator('#cs-rate').inputValue(), next, 'the rate while the assumptions are fetched again');
		let at = await said();
		assert.match(at.message, /uitgangspunten zijn opgeslagen/);
		assert.ok(hold.held >= 1, 'the cost assumptions were fetched again (and held back)');
		assert.equal(at.fields['#cs-rate'], next, 'the field shows the stored rate when the message comes');
		assert.equal(await page.locator('#cs-rate').inputValue(), next);
		await hold.off();

		hold = await holdGets(page, /\/api\/v1\/organisations\/1\/settings$/);
		said = await whenSaid(page, '#orgset-message', { fields: ['#os-km_rate_cents'] });
		const km = await page.locator('#os-km_rate_cents').inputValue();
		const nextKm = km === '23' ? '25' : '23';
		await page.locator('#os-km_rate_cents').fill(nextKm);
		hold.on();
		await page.locator('#org-settings button[type=submit]').click();
		await hold.holding;
		assert.equal(await page.locator('#os-km_rate_cents').inputValue(), nextKm, 'the kilometre rate while the settings are fetched again');
		at = await said();
		assert.match(at.message, /instellingen zijn opgeslagen/);
		assert.ok(hold.held >= 1, 'the settings were fetched again (and held back)');
		assert.equal(at.fields['#os-km_rate_cents'], nextKm, 'the field shows the stored kilometre rate when the message comes');
		await hold.off();
		await assertAccessible(page, 'organisation settings after saving');
		const stored = await expect(server.base, 'GET', '/api/v1/organisations/1/settings', 200,
			{ token: (await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'admin', password: DEMO_PASSWORD } })).token });
		assert.equal(stored.km_rate_cents, Number(nextKm));
	});

	itEndsCleanly(w);
});
