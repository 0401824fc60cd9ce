// "Mijn dossier" (and the privacy officer's copy of a file) opens with what
// the file holds: a list of its parts with their numbers of rows, each a
// button that takes the focus, and the screen, to that part. On a phone the
// file is tens of thousands of pixels long; nothing is folded away.
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

	itEndsCleanly(w);
});
