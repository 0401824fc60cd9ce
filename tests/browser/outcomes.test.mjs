// Headless-browser walk through the outcome screens (docs/api-outcomes.md)
// against a real `kring serve --demo` on a database filled by
// `kring demo --youths 300 --seed 5`: the researcher's "Cijfers" (young
// people, placement-free at 12 months, the survival chart with its text
// alternative and table view, numbers at risk, the suppression notice, the
// cost panel with its assumptions, the CSV link following the selection, a
// filter, 360 px) and the research export's plain message when the server
// has no research key; the professional's "Uitkomsten" section of a new
// dossier (T0 due, a measurement with an instrument and scale recorded, T0
// done, an event with markup in its note shown as text and
// a confirmation that names it; the team selector
// of the professional's figures); the admin's cost
// assumptions and a professional's training. axe-core on the dashboard and
// the outcomes section; no page errors or CSP violations; a clean SIGTERM
// exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
	DEMO_PASSWORD, XSS, STEP_TIMEOUT, withTimeout, cli, stopServer, assertAccessible, assertNoHorizontalScroll, login, logout, browserWorld,
	expect, todayAmsterdam, demoProfessional, apiYouth, addDays, navTo,
} from './helpers.mjs';

describe('outcome figures and recording in a real browser', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('outcomes');
	let server;
	let browser;
	let page;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '300', '--seed', '5']) });
		browser = await w.newBrowser('researcher');
		page = browser.page;
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('shows the researcher the figures, the survival chart with its table and the cost assumptions', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await login(page, 'researcher', DEMO_PASSWORD);
		await navTo(page, 'Cijfers');
		await page.locator('h1', { hasText: 'Cijfers' }).waitFor();

		const young = page.locator('#kpi-young-people .kpi-value');
		await young.waitFor();
		const n = Number((await young.innerText()).replace(/\D/g, ''));
		assert.ok(n >= 5, `young people: ${await young.innerText()}`);
		const pf12 = (await page.locator('#kpi-pf-12 .kpi-value').innerText()).trim();
		assert.match(pf12, /^\d{1,3}\s?%$/, 'placement-free at 12 months as a percentage');
		assert.match(await page.locator('#kpi-pf-12 .kpi-detail').innerText(), /95%-BI \d{1,3}\s?% – \d{1,3}\s?%/);
		// The demo data has small cells (for instance parents' satisfaction): the notice says so.
		await page.locator('#stats-suppressed', { hasText: 'minder dan 5 jongeren' }).waitFor();

		// The chart: an SVG image named by its heading and described by the text alternative.
		const chart = page.getByRole('img', { name: 'Zonder uithuisplaatsing in de tijd' });
		await chart.waitFor();
		assert.equal(await chart.evaluate((el) => el.tagName.toLowerCase()), 'svg');
		assert.ok(await page.locator('#survival-chart path.km-line').count() === 1, 'a step line');
		assert.ok(await page.locator('#survival-chart polygon.km-band').count() === 1, 'a confidence band');
		assert.ok(await page.locator('#survival-chart .km-censor line').count() > 0, 'censoring marks');
		assert.match(await page.locator('#survival-summary').innerText(), /Na 12 maanden was \d{1,3}\s?% nog niet uit huis geplaatst/);
		const desc = await chart.getAttribute('aria-describedby');
		assert.equal(desc, 'survival-summary');
		assert.equal(await page.locator('#at-risk-table tbody td').first().innerText(), String(n),
			'everybody is followed at month 0 (the demo places nobody at the start)');

		// The table view.
		const toggle = page.locator('#survival-table-wrap-toggle');
		assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
		await toggle.click();
		assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
		await page.locator('#survival-table tbody tr').first().waitFor();
		assert.ok(await page.locator('#survival-table tbody tr').count() > 10, 'rows in the survival table');
		await page.locator('#quarters-table-wrap-toggle').click();
		await page.locator('#quarters-table tbody tr').first().waitFor();
		await page.getByRole('img', { name: 'Per kwartaal' }).waitFor();

		// Costs always with their assumptions next to them.
		const assumptions = page.locator('#cost-assumptions');
		await assumptions.waitFor();
		const text = await assumptions.innerText();
		assert.match(text, /Een jaar uithuisplaatsing\s+€\s?90\.000/);
		assert.match(text, /Een jaar hulp thuis\s+€\s?30\.000/);
		assert.match(text, /50\s?% binnen 24 maanden/);
		assert.match(await page.locator('#cost-figures').innerText(), /Niet uitgegeven/);

		await assertAccessible(page, 'outcome dashboard (researcher, tables open)');
	});

	it('follows the selection in the figures and the CSV link', { timeout: STEP_TIMEOUT }, async () => {
		const before = await page.locator('#kpi-young-people .kpi-value').innerText();
		await page.locator('#sf-jim').selectOption('with');
		await page.locator('#sf-network-home').check();
		await page.locator('#stats-filter button[type=submit]').click();
		await page.waitForFunction((b) => {
			const el = document.querySelector('#kpi-young-people .kpi-value');
			return el && el.textContent !== b;
		}, before, { timeout: 15000 });
		const href = await page.locator('#stats-csv').getAttribute('href');
		assert.match(href, /^\/api\/v1\/stats\/outcomes\.csv\?/);
		assert.match(href, /jim=with/);
		assert.match(href, /network_is_home=true/);
		const csv = await page.evaluate((h) => fetch(h).then(async (r) => ({ status: r.status, text: await r.text() })), href);
		assert.equal(csv.status, 200);
		assert.match(csv.text, /^\uFEFF?section;measure;value/);
		assert.match(csv.text, /selection;jim;with/);
		await page.locator('#survival-summary', { hasText: 'Na 12 maanden' }).waitFor();
	});

	it('asks the researcher for whole quarters and says so in words', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#sf-from-hint', { hasText: '1 april' }).waitFor();
		await page.locator('#sf-from').fill('2025-02-15');
		await page.locator('#stats-filter button[type=submit]').click();
		const error = page.locator('#sf-from-error');
		await error.waitFor();
		assert.match(await error.innerText(), /eerste dag van een kwartaal/);
		assert.equal(await page.locator('#sf-from').getAttribute('aria-invalid'), 'true');
		await page.locator('#sf-from').fill('2025-01-01');
		await page.locator('#stats-filter button[type=submit]').click();
		await error.waitFor({ state: 'detached' });
		await page.locator('#kpi-young-people .kpi-value').waitFor();
		await page.locator('#stats-filter button[type=button]').click();
	});

	it('shows every quarter from the first to the last: one without starts as zero, a hidden one as hidden', { timeout: STEP_TIMEOUT }, async () => {
		// The server's answer, with a quarter in the middle left out (nobody
		// started in it: the answer then has no row for it) and another one
		// hidden by small-cell suppression.
		const key = (q) => Number(q.slice(0, 4)) * 4 + Number(q.slice(-1)) - 1;
		const name = (k) => `${Math.floor(k / 4)}-Q${(k % 4) + 1}`;
		// the one form the screen says a quarter in: text, table and chart
		const label = (q) => `K${q.slice(-1)} ${q.slice(0, 4)}`;
		let seen = null;
		const pattern = /\/api\/v1\/stats\/outcomes(\?|$)/;
		await page.route(pattern, async (route) => {
			const res = await route.fetch();
			const body = await res.json();
			const q = body.by_quarter;
			assert.ok(q.length >= 6, `quarters in the demo: ${JSON.stringify(q)}`);
			const gone = q.splice(2, 1)[0];
			Object.assign(q[3], { started: null, with_jim: null, placements_12m: null });
			body.suppressed = true;
			seen = { gone: gone.quarter, hidden: q[3].quarter, first: q[0].quarter, last: q[q.length - 1].quarter };
			await route.fulfill({ response: res, json: body });
		});
		await page.reload();
		for (let i = 0; !seen && i < 150; i++) await new Promise((ok) => setTimeout(ok, 100));
		assert.ok(seen, 'the figures were asked for again');
		const n = key(seen.last) - key(seen.first) + 1;
		const summary = page.locator('#quarters-summary');
		await summary.waitFor(); // the page was loaded again: only this answer
		const text = await summary.innerText();
		assert.match(text, new RegExp(`^${n} kwartalen, van ${label(seen.first)} tot en met ${label(seen.last)}\\.`), 'the count of the range');
		assert.match(text, new RegExp(`Zonder nieuwe trajecten: ${label(seen.gone)}\\.`));
		assert.match(text, new RegExp(`Verborgen omdat het om minder dan 5 jongeren gaat: ${label(seen.hidden)}\\.`));
		assert.match(text, /De meeste trajecten begonnen in K[1-4] \d{4} \(/);
		if (await page.locator('#quarters-table-wrap-toggle').getAttribute('aria-expanded') !== 'true') {
			await page.locator('#quarters-table-wrap-toggle').click();
		}
		await page.locator('#quarters-table tbody tr').first().waitFor();
		const quarters = await page.locator('#quarters-table tbody th').allInnerTexts();
		assert.deepEqual(quarters, Array.from({ length: n }, (_, i) => label(name(key(seen.first) + i))), 'no quarter skipped');
		// the chart's axis says them as the text and the table do
		const axis = await page.locator('#quarters-chart .chart-grid > text.chart-label').allTextContents();
		assert.ok(axis.length > 0 && axis.every((a) => quarters.includes(a)), `chart labels ${axis.join(', ')} as in the table`);
		assert.deepEqual(await page.locator(`#quarter-${seen.gone} td`).allInnerTexts(), ['0', '0', '0']);
		assert.deepEqual(await page.locator(`#quarter-${seen.hidden} td`).allInnerTexts(), ['verborgen', 'verborgen', 'verborgen']);
		// One place on the axis per quarter.
		assert.equal(await page.locator('#quarters-chart > g:not(.chart-grid)').count(), n);
		await assertAccessible(page, 'quarters with an empty and a hidden quarter');
		await page.unroute(pattern);
		await page.reload();
		await page.locator('#quarters-summary').waitFor();
	});

	it('fits a 360 px wide phone', { timeout: STEP_TIMEOUT }, async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.waitForFunction(() => {
			const svg = document.querySelector('#survival-chart');
			return svg && Number(svg.getAttribute('width')) <= 360;
		}, null, { timeout: 10000 });
		await assertNoHorizontalScroll(page, 'outcome dashboard');
		await assertAccessible(page, 'outcome dashboard at 360 px');
		await page.setViewportSize({ width: 1024, height: 768 });
	});

	it('says plainly that the research export has no key on this server', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(page, 'Onderzoeksexport');
		await page.locator('h1', { hasText: 'Onderzoeksexport' }).waitFor();
		await page.locator('#export-columns th', { hasText: 'followup_days' }).waitFor();
		await page.locator('#export-download').click();
		await page.locator('#export-message', { hasText: 'niet ingesteld' }).waitFor();
		await assertAccessible(page, 'research export page');
		await logout(page);
	});

	it('lets the professional record a measurement in the dossier and marks T0 done', { timeout: STEP_TIMEOUT }, async () => {
		await login(page, 'professional', DEMO_PASSWORD);
		await navTo(page, 'Dossiers');
		await page.locator('h1', { hasText: 'Dossiers' }).waitFor();
		await page.locator('#new-dossier summary').click();
		await page.locator('#nd-given-name').fill('Noor');
		await page.locator('#nd-family-name').fill('de Meetlat');
		await page.locator('#nd-birth-date').fill('2010-03-14');
		await page.locator('#nd-municipality').fill('Zwolle');
		await page.locator('#new-dossier button[type=submit]').click();
		await page.waitForURL(/#\/youths\/\d+$/);
		await page.locator('h1', { hasText: 'Noor de Meetlat' }).waitFor();

		await page.locator('#tab-outcomes').click();
		await page.locator('#tab-title', { hasText: 'Uitkomsten' }).waitFor();
		await page.locator('#schedule-T0', { hasText: 'Nu doen' }).waitFor();
		await page.locator('#measurement-empty').waitFor();
		assert.equal(await page.locator('#ms-moment').inputValue(), 'T0', 'the due moment is chosen');

		// A score outside the scale is refused at the field.
		await page.locator('#ms-kind').selectOption('instrument');
		await page.locator('#ms-instrument').fill('SDQ');
		await page.locator('#ms-scale-min').fill('0');
		await page.locator('#ms-scale-max').fill('40');
		await page.locator('#ms-score').fill('41');
		await page.locator('#new-measurement button[type=submit]').click();
		await page.locator('#ms-score-error').waitFor();
		assert.equal(await page.getAttribute('#ms-score', 'aria-invalid'), 'true');

		await page.locator('#ms-score').fill('12,5');
		await page.locator('#new-measurement button[type=submit]').click();
		await page.locator('#measurement-message', { hasText: 'T0 is opgeslagen' }).waitFor();
		const row = page.locator('#measurement-table tbody tr', { hasText: 'SDQ' });
		await row.waitFor();
		assert.match(await row.innerText(), /T0/);
		assert.match(await row.innerText(), /12,5 \(schaal 0 – 40\)/);
		await page.locator('#schedule-T0', { hasText: 'Gedaan' }).waitFor();
		assert.match(await page.locator('#schedule-T0').getAttribute('class'), /schedule-done/);

		// An event; its note is shown as text.
		await page.locator('#new-event summary').click();
		await page.locator('#ev-type').selectOption('school_return');
		await page.locator('#ev-note').fill('Terug op school ' + XSS);
		await page.locator('#new-event button[type=submit]').click();
		await page.locator('#event-table td', { hasText: 'Terug op school ' + XSS }).waitFor();
		// The confirmation names the event and its day.
		const day = todayAmsterdam().split('-').reverse().join('-');
		await page.locator('#event-message', { hasText: `De gebeurtenis ‘Weer naar school’ van ${day} is opgeslagen.` }).waitFor();
		assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');

		await assertAccessible(page, 'dossier outcomes section');
		await page.setViewportSize({ width: 360, height: 740 });
		await assertNoHorizontalScroll(page, 'dossier outcomes section');
		await page.setViewportSize({ width: 1024, height: 768 });

		// The professional's figures are for their own teams, with a team selector.
		await navTo(page, 'Cijfers');
		await page.locator('#sf-team option', { hasText: 'Team Noord' }).waitFor({ state: 'attached' });
		assert.equal(await page.locator('#sf-team').inputValue(), '', 'all my teams by default');
		await page.locator('#kpi-young-people .kpi-value').waitFor();
		await page.locator('#sf-team').selectOption({ label: 'Team Noord' });
		await page.locator('#stats-filter button[type=submit]').click();
		await page.waitForFunction(() => /team_id=1\b/.test(document.querySelector('#stats-csv').getAttribute('href')), null,
			{ timeout: 15000 });
		await logout(page);
	});

	it('chooses the moment whose window holds the date of a measurement, and warns in words when a chosen one is far off', { timeout: STEP_TIMEOUT }, async () => {
		// Care started 95 days ago: T0 is long overdue, T3 is due now.
		const base = server.base;
		const pro = await demoProfessional(base);
		const { token } = pro;
		const today = todayAmsterdam();
		const youth = await apiYouth(base, pro, { given_name: 'Sem', family_name: 'Momentjes', municipality: 'Zwolle', started_on: addDays(today, -95) });
		const { schedule } = await expect(base, 'GET', `/api/v1/youths/${youth.id}/measurements`, 200, { token });
		const due = Object.fromEntries(schedule.map((x) => [x.moment, x]));
		assert.equal(due.T0.status, 'overdue', JSON.stringify(schedule));
		assert.equal(due.T3.status, 'due', JSON.stringify(schedule));

		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youth.id}/outcomes`);
		await page.locator('#tab-title', { hasText: 'Uitkomsten' }).waitFor();
		await page.locator('#ms-moment').waitFor();
		assert.equal(await page.locator('#ms-date').inputValue(), today);
		assert.equal(await page.locator('#ms-moment').inputValue(), 'T3', 'measured today: T3, not the overdue T0');
		assert.equal((await page.locator('#ms-moment-warning').innerText()).trim(), '');

		// A date in T0's window: T0.
		await page.locator('#ms-date').fill(addDays(due.T0.due_on, 2));
		await page.waitForFunction(() => document.querySelector('#ms-moment').value === 'T0', null, { timeout: 10000 });
		// A date in no window: nothing chosen, and saving asks for a moment.
		await page.locator('#ms-date').fill(addDays(due.T0.due_on, 60));
		await page.waitForFunction(() => document.querySelector('#ms-moment').value === '', null, { timeout: 10000 });
		await page.locator('#ms-score').fill('8');
		await page.locator('#new-measurement button[type=submit]').click();
		await page.locator('#ms-moment-error', { hasText: 'Kies een moment' }).waitFor();
		assert.equal(await page.getAttribute('#ms-moment', 'aria-invalid'), 'true');
		await page.locator('#measurement-empty').waitFor();

		// A moment far from the date: a warning in words, read with the field.
		await page.locator('#ms-moment').selectOption('T9');
		const warning = page.locator('#ms-moment-warning');
		await warning.waitFor();
		assert.match(await warning.innerText(), /T9 staat gepland op \d{2}-\d{2}-\d{4}\. Deze meting is \d+ maanden eerder\./);
		assert.match(await page.getAttribute('#ms-moment', 'aria-describedby'), /ms-moment-warning/);
		await page.locator('#ms-date').fill(today);
		await page.locator('#ms-moment').selectOption('T0');
		await page.locator('#ms-moment-warning', { hasText: /T0 staat gepland op .* Deze meting is 3 maanden later/ }).waitFor();
		await assertAccessible(page, 'a measurement with a far-off moment');
		await page.locator('#ms-moment').selectOption('T3');
		await page.waitForFunction(() => !document.querySelector('#ms-moment-warning').textContent.trim(), null, { timeout: 10000 });
		await page.locator('#new-measurement button[type=submit]').click();
		await page.locator('#measurement-message', { hasText: 'T3 is opgeslagen' }).waitFor();
		const saved = await expect(base, 'GET', `/api/v1/youths/${youth.id}/measurements`, 200, { token });
		assert.deepEqual(saved.items.map((m) => [m.moment, m.measured_on]), [['T3', today]]);
		await logout(page);
	});

	it('lets the admin change the cost assumptions and record a training', { timeout: STEP_TIMEOUT }, async () => {
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Organisaties');
		await page.locator('#org-settings-1').click();
		await page.locator('#cost-settings').waitFor();
		await page.locator('#cs-rate').waitFor();
		assert.equal(await page.locator('#cs-placement-year').inputValue(), '90000');
		assert.equal(await page.locator('#cs-rate').inputValue(), '50');
		await page.locator('#cs-rate').fill('40');
		await page.locator('#cost-settings button[type=submit]').click();
		await page.locator('#costset-message', { hasText: 'opgeslagen' }).waitFor();
		await assertAccessible(page, 'organisation settings with cost assumptions');

		await navTo(page, 'Cijfers');
		await page.locator('#sf-org').selectOption('1');
		await page.locator('#stats-filter button[type=submit]').click();
		await page.locator('#cost-assumptions', { hasText: '40' }).waitFor();

		await navTo(page, 'Gebruikers');
		await page.locator('a[id^=user-trainings-]', { hasText: 'Trainingen' }).first().waitFor();
		const link = page.getByRole('link', { name: 'Trainingen van Demo Hulpverlener' });
		await link.click();
		await page.locator('h1', { hasText: 'Demo Hulpverlener' }).waitFor();
		await page.locator('#tr-course').fill('JIM-basistraining');
		await page.locator('#tr-date').fill('2026-01-15');
		await page.locator('#tr-provider').fill('JIM-academie');
		await page.locator('#account-trainings button[type=submit]').click();
		await page.locator('#training-table td', { hasText: 'JIM-basistraining' }).waitFor();
		await assertAccessible(page, 'trainings page');
	});

	it('ran without page errors or CSP violations', { timeout: STEP_TIMEOUT }, async () => {
		assert.deepEqual(browser.pageErrors, [], 'uncaught errors in the page');
		assert.deepEqual(browser.cspErrors, [], 'Content-Security-Policy violations');
	});

	it('stops the server cleanly on SIGTERM', { timeout: STEP_TIMEOUT }, async () => {
		await withTimeout(browser.context.close(), 15000, 'chromium close');
		browser = null;
		await stopServer(server);
	});
});
