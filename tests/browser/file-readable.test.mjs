// The privacy officer's copy of a file reads as words in the parts that were
// left as stored: an alert says its kind and its figures in the reader's
// words (the team lead's words for them), not its machine key or English
// detail; an expense statement's lines are a small table (day, what, amount
// in euros); an amount in cents is in euros. Free text that looks like a date
// stays as typed: only columns that hold dates are written as dates. A
// request about the file names who registered it. On a
// 360 px phone, without horizontal scrolling, and axe finds nothing serious.
// The JSON the page is drawn from keeps every stored value. And a
// professional's refused look at the audit trail about a young person shows
// in that young person's "Wie keek in mijn dossier", as what they wanted to
// do and that it was not allowed.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly, login,
	expect, demoProfessional, apiYouth, apiJim, totp, todayAmsterdam, addDays,
} from './helpers.mjs';

const JIM_PASSWORD = 'een lang wachtwoord 2026';
// A note the JIM typed that reads like a day: it must stay as typed.
const DATE_LIKE_NOTE = '2025-12-31';
const euro = (cents) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const inWords = (ymd) => new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
	.format(new Date(ymd + 'T00:00:00Z'));

describe('the privacy officer\'s copy of a file: alerts, expense lines and free text', { timeout: 5 * STEP_TIMEOUT }, () => {
	const w = browserWorld('file-readable');
	let server;
	let youthId;
	let file;
	let poName;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '5', '--seed', '3']) });
		const base = server.base;
		const pro = await demoProfessional(base);
		const youth = await apiYouth(base, pro, { given_name: 'Sanne', family_name: 'Vos' });
		youthId = youth.id;
		const jim = await apiJim(base, pro, youthId, { name: 'Tante Ria', relation: 'tante', username: 'jim.ria', password: JIM_PASSWORD });
		const body = { username: 'jim.ria', password: JIM_PASSWORD };
		if (jim.totpSecret) body.totp = totp(jim.totpSecret);
		const { token } = await expect(base, 'POST', '/api/v1/session', 201, { body });
		const day = todayAmsterdam();
		await expect(base, 'POST', `/api/v1/jims/${jim.jimId}/activities`, 201,
			{ token, body: { date: day, minutes: 60, km: 12.5, kind: 'travel', note: DATE_LIKE_NOTE } });
		await expect(base, 'POST', `/api/v1/jims/${jim.jimId}/costs`, 201,
			{ token, body: { date: day, amount_cents: 450, description: 'Parkeren', receipt_note: 'bon 123' } });
		await expect(base, 'POST', `/api/v1/jims/${jim.jimId}/statements`, 201, { token, body: { from: addDays(day, -1), to: day } });
		// wellbeing 1 and "no": two alerts, wellbeing_low and wants_to_stop
		await expect(base, 'POST', `/api/v1/jims/${jim.jimId}/checkins`, 201,
			{ token, body: { wellbeing: 1, burden: 4, continue: 'no', note: 'Zwaar' } });
		const po = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'privacy', password: DEMO_PASSWORD } });
		poName = po.user.display_name;
		await expect(base, 'POST', `/api/v1/youths/${youthId}/requests`, 201,
			{ token: po.token, body: { kind: 'access', requested_by: 'youth', note: 'Gebeld door Sanne' } });
		file = await expect(base, 'GET', `/api/v1/youths/${youthId}/export`, 200, { token: po.token });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('keeps every stored value in the JSON', { timeout: STEP_TIMEOUT }, () => {
		const kinds = file.tables.alerts.map((a) => a.kind).sort();
		assert.deepEqual(kinds, ['wants_to_stop', 'wellbeing_low']);
		for (const a of file.tables.alerts) assert.ok(a.key && a.detail, JSON.stringify(a));
		const [st] = file.tables.expense_statements;
		assert.equal(typeof st.lines, 'string', 'the lines as stored');
		assert.equal(JSON.parse(st.lines).length, 2);
	});

	it('shows alert kinds and details in Dutch, the lines of a statement as a table in euros, free text as typed', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('privacy');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'privacy', DEMO_PASSWORD);
		await page.goto(server.base + '/#/export/' + youthId);
		await page.locator('#file-access-title').waitFor();

		// a request about the file: its kind in words, the note, who registered it by name
		const requests = page.locator('section.file-table:has(#file-subject_requests) .file-row');
		assert.equal(await requests.count(), 1);
		assert.equal((await requests.locator('[data-field="kind"] dd').innerText()).trim(), 'Inzage en kopie');
		assert.equal((await requests.locator('[data-field="note"] dd').innerText()).trim(), 'Gebeld door Sanne');
		assert.equal((await requests.locator('[data-field="registered_by"] dt').innerText()).trim(), 'geregistreerd door');
		assert.match(await requests.locator('[data-field="registered_by"] dd').innerText(), new RegExp(`^${poName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\)$`));

		// alerts: the kind and its facts in words; no key, no English detail
		const alerts = page.locator('section.file-table:has(#file-alerts)');
		const kindTexts = (await alerts.locator('[data-field="kind"] dd').allInnerTexts()).map((s) => s.trim()).sort();
		assert.deepEqual(kindTexts, ['Het gaat niet goed met de JIM', 'JIM wil stoppen']);
		const details = (await alerts.locator('[data-field="detail"] dd').allInnerTexts()).map((s) => s.trim()).sort();
		assert.deepEqual(details, ['Bij de check-in gaf de JIM een 1 van 5 voor hoe het gaat.',
			'De JIM zei bij de check-in ‘nee’ op de vraag of hij of zij door wil gaan.']);
		const alertText = await alerts.innerText();
		for (const raw of ['wellbeing_low', 'wants_to_stop', 'of 5', 'going on', 'checkin-']) {
			assert.ok(!alertText.includes(raw), `no stored "${raw}" on the page`);
		}

		// the statement's lines: a table with a header, a row per line, amounts in euros
		const [st] = file.tables.expense_statements;
		const lines = JSON.parse(st.lines);
		const table = page.locator('#file-expense_statements').locator('xpath=..').locator('table.file-lines');
		assert.deepEqual((await table.locator('thead th').allInnerTexts()).map((s) => s.trim()), ['Datum', 'Wat', 'Bedrag']);
		const plain = (rs) => rs.map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()));
		const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText)));
		const km = lines.find((l) => l.type === 'km');
		assert.deepEqual(plain(rows), plain([
			[inWords(km.date), `Reizen, 12,5 km: ${DATE_LIKE_NOTE}`, euro(km.amount_cents)],
			[inWords(todayAmsterdam()), 'Parkeren (bonnetje: bon 123)', euro(450)],
		]));
		const stText = await page.locator('section.file-table:has(#file-expense_statements)').innerText();
		assert.ok(!stText.includes('"amount_cents"'), 'no JSON on the page');
		assert.ok(stText.includes(euro(st.total_cents)), `the total in euros: ${euro(st.total_cents)}`);

		// free text that reads like a day, as typed; a date column in words
		const notes = (await page.locator('section.file-table:has(#file-jim_activities) [data-field="note"] dd').allInnerTexts())
			.map((s) => s.trim());
		assert.ok(notes.includes(DATE_LIKE_NOTE), `the note as typed: ${JSON.stringify(notes)}`);
		const dates = (await page.locator('section.file-table:has(#file-jim_activities) [data-field="date"] dd').allInnerTexts())
			.map((s) => s.trim());
		assert.ok(dates.includes(inWords(todayAmsterdam())), `the day in words: ${JSON.stringify(dates)}`);

		await page.locator('#file-expense_statements').scrollIntoViewIfNeeded();
		await assertNoHorizontalScroll(page, 'the privacy officer\'s copy at 360 px');
		await assertAccessible(page, 'the privacy officer\'s copy with alerts and an expense statement');
	});

	it('shows the young person a professional\'s refused look at the trail about them, in plain words', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const me = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'youth', password: DEMO_PASSWORD } });
		const { youth_id: own } = await expect(base, 'GET', '/api/v1/me', 200, { token: me.token });
		const pro = await demoProfessional(base);
		await expect(base, 'GET', `/api/v1/audit?youth_id=${own}`, 403, { token: pro.token });
		const { page } = await w.newBrowser('youth');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await page.goto(server.base + '/#/access-log');
		const item = page.locator('#access-log li.access-item', { hasText: 'wie wat deed met je dossier' });
		await item.first().waitFor();
		assert.equal(await item.count(), 1, 'one refused attempt');
		assert.equal((await item.locator('.access-what').innerText()).trim(), 'Wilde bekijken: wie wat deed met je dossier');
		assert.ok((await item.innerText()).includes('Dit mocht niet.'), 'it says it was not allowed');
		await assertNoHorizontalScroll(page, 'Wie keek in mijn dossier with a refused attempt');
		await assertAccessible(page, 'Wie keek in mijn dossier with a refused attempt');
	});

	itEndsCleanly(w);
});
