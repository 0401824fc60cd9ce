// A walk through the young person's and the JIM's screens on a phone
// (360x740), by keyboard, on `kring demo` (the accounts `youth` and `jim`),
// and what it found:
// - a meeting opened from "Meer over dit overleg" (and its printable
//   summary, and the way back) left the focus on <body>: the heading that had
//   it while the meeting loaded was replaced by the loaded page's own. The
//   loaded page's heading now takes the focus.
// axe-core on every page visited; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plain-walkthrough.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly,
	login,
} from './helpers.mjs';

const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));

async function openPhone(w, server, user) {
	const { page } = await w.newBrowser(user);
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(server.base + '/');
	await login(page, user, DEMO_PASSWORD);
	return page;
}

// Presses Enter on the link or button of `locator` (by keyboard, as a
// phone user with a keyboard or a switch would).
async function press(locator) {
	await locator.focus();
	await locator.press('Enter');
}

describe('the young person\'s and the JIM\'s screens, walked through by keyboard at 360 px', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('plain-walkthrough');
	let server;
	const pages = {};

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '5', '--seed', '1']) });
		pages.youth = await openPhone(w, server, 'youth');
		pages.jim = await openPhone(w, server, 'jim');
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('gives the focus to a meeting\'s heading when it opens, to its summary\'s, and back', { timeout: STEP_TIMEOUT }, async () => {
		for (const user of ['youth', 'jim']) {
			const page = pages[user];
			await page.goto(server.base + (user === 'youth' ? '/#/' : '/#/my-youth'));
			const title = page.locator('#page-title');
			await press(page.locator('#next-meeting-link'));
			await page.locator('#ics-link').waitFor();
			await assertFocus(page, title, `${user}: the meeting's heading has the focus once it loaded`);
			assert.equal(await title.innerText(), NL['jim_meeting_kind.network'], `${user}: the heading is the loaded meeting's`);
			await assertNoHorizontalScroll(page, `${user} meeting`);
			await assertAccessible(page, `${user} meeting`);

			await press(page.locator('main a[href$="/summary"]'));
			await page.locator('#meeting-summary').waitFor();
			await assertFocus(page, title, `${user}: the summary's heading has the focus`);
			await assertNoHorizontalScroll(page, `${user} summary`);
			await assertAccessible(page, `${user} summary`);

			await press(page.locator('#meeting-summary .crumbs a'));
			await page.locator('#ics-link').waitFor();
			await assertFocus(page, title, `${user}: back on the meeting, its heading has the focus`);
		}
	});

	itEndsCleanly(w);
});
