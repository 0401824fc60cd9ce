// The file at 360 px, on `kring demo`:
// - "Mijn dossier", the young person's own copy, names its rows by what they
//   are (a goal by its title, an action by its text, a meeting by its
//   moment) and not by a number: no "nummer 1", no "Elke dag naar school
//   (1)"; a number that points at something the file does not hold reads as
//   a plain word, in Dutch and English;
// - the privacy officer's copy has its access log to the minute, and on a
//   phone its table becomes one card per event instead of scrolling
//   sideways in its frame; on a wide screen it stays a table.
// axe-core on each page; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/file-records.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, cli, expect, itEndsCleanly, login, phonePage,
} from './helpers.mjs';

const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));
const EN = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'en.json'), 'utf8'));
// Fields that hold the number of a row or an account.
const NUMBER_FIELD = /(^|_)id$|_by$/;

// The fields of the rows of one part of the page: [{field, text}] per row,
// with the row's heading (or null).
const rowsOf = (page, table) => page.locator(`section.file-table:has(#file-${table}) .file-row`).evaluateAll((rows) => rows.map((r) => ({
	title: r.querySelector('.file-row-title') ? r.querySelector('.file-row-title').innerText.trim() : null,
	fields: Object.fromEntries([...r.querySelectorAll('.file-field')].map((f) => [f.dataset.field, f.querySelector('dd').innerText.trim()])),
})));

describe('the file\'s rows by what they are, and the privacy officer\'s access log, at 360 px', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('file-records');
	let server;
	let youthId;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '3', '--seed', '1']) });
		const youth = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'youth', password: DEMO_PASSWORD } });
		youthId = (await expect(server.base, 'GET', '/api/v1/me', 200, { token: youth.token })).youth_id;
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('"Mijn dossier" names each row by what it is, never by its number', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'youth');
		// One score and one action point at a goal and an account the file
		// does not hold (as a row of an older file could): the page still
		// says no number.
		await page.route('**/api/v1/youths/*/export', async (route) => {
			const res = await route.fetch();
			const file = await res.json();
			file.tables.evaluation_scores.push({ ...file.tables.evaluation_scores[0], goal_id: 9999 });
			file.tables.goal_actions.push({ ...file.tables.goal_actions[0], id: 9998, description: 'Een actie bij een weg doel', goal_id: 9999, created_by: 9997 });
			await route.fulfill({ response: res, json: file });
		});
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await page.goto(server.base + '/#/my-file');
		await page.locator('#file-access-title').waitFor();

		const labels = await page.locator('.file-field dt').allInnerTexts();
		assert.ok(!labels.includes(NL['file.field.id']), `no "${NL['file.field.id']}" field`);
		const numbers = await page.locator('.file-field').evaluateAll((els, re) => els
			.filter((el) => new RegExp(re).test(el.dataset.field))
			.map((el) => ({ field: el.dataset.field, text: el.querySelector('dd').innerText.trim() })), NUMBER_FIELD.source);
		assert.ok(numbers.length >= 20, `fields that hold a number: ${numbers.length}`);
		for (const n of numbers) assert.doesNotMatch(n.text, /^\d+$|\(\d+\)$/, `${n.field} in words, not a number: "${n.text}"`);

		// Goals by their title, actions by their text, meetings by their moment.
		const goals = await rowsOf(page, 'goals');
		assert.deepEqual(goals.map((g) => g.title), goals.map((g) => g.fields.title));
		assert.ok(goals.some((g) => g.title === 'Elke dag naar school'), JSON.stringify(goals.map((g) => g.title)));
		const actions = await rowsOf(page, 'goal_actions');
		assert.ok(actions.some((a) => a.title === 'Samen een cv maken'), JSON.stringify(actions.map((a) => a.title)));
		for (const a of actions) assert.equal(a.title, a.fields.description);
		const meetings = await rowsOf(page, 'meetings');
		assert.ok(meetings.length >= 1);
		for (const m of meetings) assert.equal(m.title, m.fields.starts_at, 'a meeting by its moment');
		// A score names its goal as the goal does: "Elke dag naar school", not "... (1)".
		const scores = await rowsOf(page, 'evaluation_scores');
		assert.ok(scores.some((s) => s.fields.goal_id === 'Elke dag naar school'), JSON.stringify(scores));
		// Every row of the file has a heading.
		const untitled = await page.locator('.file-row:not(:has(.file-row-title))').count();
		assert.equal(untitled, 0, 'every row says what it is');

		// What the file does not hold, in plain words.
		const lost = (await rowsOf(page, 'goal_actions')).find((a) => a.title === 'Een actie bij een weg doel');
		assert.equal(lost.fields.goal_id, NL['plain.file_ref.goal']);
		assert.equal(lost.fields.created_by, NL['common.unknown']);
		assert.equal(scores.at(-1).fields.goal_id, NL['plain.file_ref.goal']);
		const youth = (await rowsOf(page, 'youths'))[0];
		assert.equal(youth.title, 'Noor de Jong');
		assert.equal(youth.fields.team_id, NL['plain.file_ref.team']);
		assert.equal(youth.fields.user_id, NL['plain_author.youth']);
		const consents = await rowsOf(page, 'consents');
		assert.ok(consents.length > 0 && consents.every((c) => c.fields.youth_id === NL['plain_author.youth']), JSON.stringify(consents));
		await assertNoHorizontalScroll(page, 'Mijn dossier');
		await assertAccessible(page, 'Mijn dossier');

		await page.locator('#lang-switch').click();
		await page.locator('h1', { hasText: 'My file' }).waitFor();
		const english = await rowsOf(page, 'youths');
		assert.equal(english[0].fields.team_id, EN['plain.file_ref.team']);
		const lostEn = (await rowsOf(page, 'goal_actions')).find((a) => a.title === 'Een actie bij een weg doel');
		assert.equal(lostEn.fields.goal_id, EN['plain.file_ref.goal']);
		assert.ok(!(await page.locator('.file-field dt').allInnerTexts()).includes(EN['file.field.id']));
		await assertAccessible(page, 'My file');
	});

	it('fits the privacy officer\'s access log on a phone, to the minute, and keeps it a table on a wide screen', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'privacy');
		await page.goto(server.base + '/');
		await login(page, 'privacy', DEMO_PASSWORD);
		await page.goto(server.base + `/#/export/${youthId}`);
		const log = page.locator('#file-access');
		await log.waitFor();
		assert.ok(await log.locator('tbody tr').count() > 0, 'the demo file has been read');
		const box = await log.evaluate((el) => {
			const frame = el.closest('.table-wrap') || el;
			const r = el.getBoundingClientRect();
			return { right: r.right, scroll: frame.scrollWidth, client: frame.clientWidth,
				docScroll: document.documentElement.scrollWidth, docClient: document.documentElement.clientWidth };
		});
		assert.ok(box.scroll <= box.client, `no sideways scroll in the frame: ${JSON.stringify(box)}`);
		assert.ok(box.docScroll <= box.docClient && box.right <= 360, `the page does not widen: ${JSON.stringify(box)}`);
		const times = await log.locator('tbody tr td:first-child').allInnerTexts();
		assert.ok(times.length > 0);
		for (const when of times) {
			assert.doesNotMatch(when, /\d{1,2}:\d{2}:\d{2}/, `no seconds: ${when}`);
			assert.match(when, /\d{1,2}:\d{2}/, `to the minute: ${when}`);
		}
		await assertNoHorizontalScroll(page, 'the privacy officer\'s file');
		await assertAccessible(page, 'the privacy officer\'s file at 360 px');

		// A wide screen: a table with its column headers, for a screen reader.
		await page.setViewportSize({ width: 1280, height: 900 });
		assert.equal(await log.evaluate((el) => getComputedStyle(el).display), 'table');
		assert.equal(await log.getByRole('columnheader').count(), 3);
		assert.ok(await log.getByRole('row').count() > 1);
		await assertAccessible(page, 'the privacy officer\'s file, wide');
	});

	itEndsCleanly(w);
});
