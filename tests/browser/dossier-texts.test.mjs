// Headless-browser check of the dossier's generic texts against a real
// `kring serve --demo` on a database filled by `kring demo --youths 20
// --seed 1`: a history row that no user wrote (the demo generator writes
// them) says "Kring zelf" under "Door" instead of an empty cell, at 360 px
// with axe-core; the confirmations of the dossier's add forms name what was
// added or changed; and the generic error texts are plain Dutch that says
// what to do next, without jargon such as "sessie", "verzoek" or "database".
//
// Run from the repository root: node --test tests/browser/dossier-texts.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, cli, assertAccessible, assertNoHorizontalScroll, login, expect, browserWorld,
	itEndsCleanly, demoProfessional, apiYouth, todayAmsterdam,
} from './helpers.mjs';

const catalogue = (lang) => JSON.parse(readFileSync(new URL(`../../web/i18n/${lang}.json`, import.meta.url), 'utf8'));

// The texts of the errors that any screen can show, the young person's and
// the JIM's included.
const GENERIC = ['not_authenticated', 'forbidden', 'csrf_failed', 'not_found', 'method_not_allowed', 'conflict',
	'body_too_large', 'unsupported_media_type', 'malformed_json', 'bad_request', 'internal_error', 'store_unavailable',
	'too_many_refusals', 'network', 'unknown'];

describe('the dossier\'s generic texts', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('dossier-texts');
	let server;
	let page;
	let pro;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '20', '--seed', '1']) });
		({ page } = await w.newBrowser('professional'));
		pro = await demoProfessional(server.base);
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('says "Kring zelf" under "Door" for a history row no user wrote, at 360 px', { timeout: STEP_TIMEOUT }, async () => {
		const list = await expect(server.base, 'GET', '/api/v1/youths?limit=100', 200, { token: pro.token });
		let youthId = null;
		let nobody = 0;
		for (const y of list.items) {
			const h = await expect(server.base, 'GET', `/api/v1/youths/${y.id}/history`, 200, { token: pro.token });
			nobody = h.items.filter((x) => !(x.changed_by && x.changed_by.display_name)).length;
			if (nobody) {
				youthId = y.id;
				break;
			}
		}
		assert.ok(youthId, 'a generated dossier with history rows that no user wrote');
		await page.setViewportSize({ width: 360, height: 740 });
		try {
			await page.goto(server.base + '/#/youths/' + youthId);
			await page.locator('#history-table').waitFor();
			const by = await page.locator('#history-table tbody tr td:nth-child(5)').allInnerTexts();
			for (const cell of by) assert.ok(cell.split('\n')[0].trim(), `every "Door" cell names someone: ${JSON.stringify(by)}`);
			assert.equal(by.filter((cell) => cell.startsWith('Kring zelf')).length, nobody, JSON.stringify(by));
			await assertNoHorizontalScroll(page, 'dossier with history at 360 px');
			await assertAccessible(page, 'dossier with history at 360 px');
		} finally {
			await page.setViewportSize({ width: 1024, height: 768 });
		}
		assert.equal(catalogue('en')['history.by_kring'], 'Kring itself');
	});

	it('names what was added or changed in the confirmations of the dossier\'s forms', { timeout: STEP_TIMEOUT }, async () => {
		const y = await apiYouth(server.base, pro, { given_name: 'Tess', family_name: 'Vos' });
		const day = todayAmsterdam().split('-').reverse().join('-');

		await page.goto(server.base + '/#/youths/' + y.id);
		await page.locator('#change-form summary').click();
		await page.locator('#ch-field').selectOption('living_situation');
		await page.locator('#ch-value').selectOption('network_foster_care');
		await page.locator('#ch-reason').fill('Tijdelijk bij oma');
		await page.locator('#change-form button[type=submit]').click();
		await page.locator('#change-message', { hasText: 'De wijziging is opgeslagen. Woonsituatie: Netwerkpleeggezin.' }).waitFor();

		await page.goto(server.base + '/#/youths/' + y.id + '/plan');
		await page.locator('#goal-title').fill('Samen koken');
		await page.locator('#goal-title').press('Enter');
		await page.locator('#goal-message', { hasText: 'Het doel ‘Samen koken’ is toegevoegd.' }).waitFor();

		await page.goto(server.base + '/#/youths/' + y.id + '/consent');
		await page.locator('#cs-scope').selectOption('share_plan');
		await page.locator('#consent-message + form button[type=submit]').click();
		await page.locator('#consent-message', { hasText: 'De toestemming ‘Plan delen met de JIM’ is opgeslagen.' }).waitFor();

		await page.goto(server.base + '/#/youths/' + y.id + '/journal');
		await page.locator('#jr-text').fill('Kennismaking');
		await page.locator('#journal-message + form button[type=submit]').click();
		await page.locator('#journal-message', { hasText: `De journaalregel van ${day} is toegevoegd.` }).waitFor();
		await assertAccessible(page, 'journal with its confirmation');
	});

	it('has generic error texts in plain words that say what to do next', { timeout: STEP_TIMEOUT }, async () => {
		const nl = catalogue('nl');
		const en = catalogue('en');
		for (const code of GENERIC) {
			const text = nl['error.' + code];
			assert.ok(text && en['error.' + code], `error.${code} in both catalogues`);
			assert.doesNotMatch(text, /sessie|verzoek|formaat|database|server|\(meer\)/i, `error.${code}: ${text}`);
			assert.ok(text.split('. ').length >= 2, `error.${code} says what to do next: ${text}`);
			assert.doesNotMatch(en['error.' + code], /session|request|format|database|server/i, `en error.${code}`);
		}
		// A journal entry for a dossier that is gone meanwhile: the form says
		// what happened and what to do (the server's 404 is stood in for).
		const y = await apiYouth(server.base, pro, { given_name: 'Ravi', family_name: 'Dekker' });
		await page.goto(server.base + '/#/youths/' + y.id + '/journal');
		await page.route('**/api/v1/youths/' + y.id + '/journal', (route) => (route.request().method() === 'POST'
			? route.fulfill({ status: 404, contentType: 'application/json',
				body: JSON.stringify({ error: { code: 'not_found', message: 'not found' } }) })
			: route.continue()));
		await page.locator('#jr-text').fill('Kennismaking');
		await page.locator('#journal-message + form button[type=submit]').click();
		await page.locator('#journal-message', { hasText: 'Dit is niet te vinden. Misschien is het weggehaald, of klopt de link niet. Ga terug en kies opnieuw.' }).waitFor();
		await assertAccessible(page, 'a journal form with the not-found text');
		await page.unroute('**/api/v1/youths/' + y.id + '/journal');
	});

	itEndsCleanly(w);
});
