// "Mijn dossier" (and the privacy officer's copy of a file) opens with what
// the file holds: a list of its parts with their numbers of rows, each a
// button that takes the focus, and the screen, to that part. On a phone the
// file is tens of thousands of pixels long; nothing is folded away. Its
// values read as words (days, moments, Ja and Nee, a dash for nothing), in
// Dutch and English, without the search keys, which the JSON still holds.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly, login, navTo,
} from './helpers.mjs';

// The parts the page shows, in its order: [heading id, number in brackets].
const sections = (page) => page.$$eval('section.file-table > h2, #file-access-title', (hs) =>
	hs.map((h) => [h.id, Number(/\((\d+)\)\s*$/.exec(h.innerText)[1])]));
// The contents list: [target id, number in brackets].
const contents = (page) => page.$$eval('.file-contents li', (lis) =>
	lis.map((li) => [li.querySelector('button').dataset.target, Number(/\((\d+)\)\s*$/.exec(li.innerText)[1])]));

// A day (YYYY-MM-DD) as "10 januari 2010"; a moment (ISO, UTC) as "30
// november 2026 om 18:05" in Amsterdam time.
const inWords = (ymd, loc = 'nl-NL') => new Intl.DateTimeFormat(loc, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
	.format(new Date(ymd + 'T00:00:00Z'));
function momentInWords(iso, loc = 'nl-NL', at = 'om') {
	const d = new Date(iso);
	const day = new Intl.DateTimeFormat(loc, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
	const time = new Intl.DateTimeFormat(loc, { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
	return `${day} ${at} ${time}`;
}

describe('what a file holds, at its top', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('file-contents');
	let server;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '20', '--seed', '1']) });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('lists every part of "Mijn dossier" in order, and a button takes the focus and the screen there', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('youth');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await navTo(page, '#/my-file');
		await page.locator('.file-contents').waitFor();
		await page.locator('#file-access-title').waitFor();

		const shown = await sections(page);
		assert.ok(shown.length >= 8, `the demo file has many parts: ${JSON.stringify(shown)}`);
		assert.deepEqual(await contents(page), shown, 'every part, in the order of the page, with its number');
		assert.equal(await page.locator('.file-contents h2').innerText(), 'Wat staat erin');

		// By keyboard: a part far down the page.
		const [target] = shown[shown.length - 2];
		await page.locator(`.file-contents button[data-target="${target}"]`).focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, target);
		const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, target);
		assert.ok(top >= 0 && top < 740, `the part's heading is on screen (top ${top})`);
		assert.ok(await page.evaluate(() => window.scrollY) > 740, 'the page moved down to it');
		// The access log, last.
		await page.locator('.file-contents button[data-target="file-access-title"]').click();
		await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'file-access-title');
		await assertAccessible(page, 'Mijn dossier with its contents');
		await assertNoHorizontalScroll(page, 'Mijn dossier with its contents');
	});

	it('gives the privacy officer\'s copy of a file the same list', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('privacy');
		await page.goto(server.base + '/');
		await login(page, 'privacy', DEMO_PASSWORD);
		await page.goto(server.base + '/#/export/1');
		await page.locator('.file-contents').waitFor();
		await page.locator('#file-access-title').waitFor();
		assert.deepEqual(await contents(page), await sections(page));
	});

	it('writes "Mijn dossier" in words: days, moments, Ja and Nee, no search keys; the JSON keeps everything', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('youth-words');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await navTo(page, '#/my-file');
		await page.locator('#file-access-title').waitFor();
		// The file as the page has it, from the same session: the download.
		const file = await page.evaluate(async () => {
			const get = async (p) => (await fetch(p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })).json();
			const me = await get('/api/v1/me');
			return get('/api/v1/youths/' + me.youth_id + '/export');
		});
		const youth = file.tables.youths[0];
		const meeting = file.tables.meetings[0];
		assert.ok(youth.name_key && youth.sort_key && meeting.uid, 'the JSON keeps the search keys and the calendar identifier');

		const main = page.locator('main');
		const labels = await main.locator('.file-field dt').allInnerTexts();
		const values = (await main.locator('.file-field dd').allInnerTexts()).map((v) => v.trim());
		let text = await main.innerText();
		assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no date as 2026-03-03');
		assert.doesNotMatch(text, /\b(true|false)\b/, 'no true or false');
		assert.deepEqual(labels.filter((l) => /_|zoeken|sorteren|kenmerk/.test(l)), [], 'no search key or calendar column');
		for (const v of [youth.name_key, youth.sort_key, meeting.uid]) assert.ok(!values.includes(v), `not on the page: ${v}`);

		// Days and moments in words, in Amsterdam time.
		assert.ok(values.includes(inWords(youth.birth_date)), `the birth date in words: ${inWords(youth.birth_date)}`);
		assert.ok(values.includes(momentInWords(youth.created_at)), `a moment in words: ${momentInWords(youth.created_at)}`);
		// Yes and no in words: one Ja or Nee for each yes/no value of the file.
		const shown = Object.entries(file.tables).flatMap(([, rows]) => rows.flatMap((r) => Object.values(r)));
		const booleans = shown.filter((v) => typeof v === 'boolean').length;
		assert.ok(booleans > 0, 'the demo file has yes/no values');
		assert.equal(values.filter((v) => v === 'Ja' || v === 'Nee').length, booleans, 'every yes/no as Ja or Nee');
		// An empty value: a dash, and words for a screen reader.
		const empty = main.locator('.file-field dd', { hasText: '—' }).first();
		assert.equal(await empty.locator('[aria-hidden="true"]').innerText(), '—');
		assert.equal(await empty.locator('.visually-hidden').innerText(), 'niet ingevuld');
		await assertAccessible(page, 'Mijn dossier in words');
		await assertNoHorizontalScroll(page, 'Mijn dossier in words');

		await page.locator('#lang-switch').click();
		await page.locator('h1', { hasText: 'My file' }).waitFor();
		text = await main.innerText();
		assert.ok(text.includes(inWords(youth.birth_date, 'en-GB')), 'the birth date in English words');
		assert.ok(text.includes(momentInWords(youth.created_at, 'en-GB', 'at')), 'a moment in English words');
		assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
		const english = (await main.locator('.file-field dd').allInnerTexts()).map((v) => v.trim());
		assert.equal(english.filter((v) => v === 'Yes' || v === 'No').length, booleans);
		await page.locator('#lang-switch').click();
		await page.locator('h1', { hasText: 'Mijn dossier' }).waitFor();
	});

	itEndsCleanly(w);
});
