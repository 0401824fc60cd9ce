// A list asked for twice, whose first answer reaches the page last: the
// network tab's people are fetched when it opens, and again after a person
// is added. On a loaded machine (or a slow line) the first answer, made
// before the person was added, can come in after the second: it must not
// put the list back as it was, so that the new person's row vanishes while
// the page says that they were added (useList and useData drop the answer
// of a load that a later one overtook).
//
// Run from the repository root: node --test tests/browser/answer-order.test.mjs

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, STEP_TIMEOUT, login, browserWorld, demoProfessional, apiYouth, itEndsCleanly } from './helpers.mjs';

describe('an answer that was overtaken', { timeout: 4 * STEP_TIMEOUT }, () => {
	const w = browserWorld('answer-order');
	after(() => w.stop(), { timeout: 60000 });

	it('does not replace the newer list when it arrives last', { timeout: STEP_TIMEOUT }, async () => {
		const server = await w.start();
		const pro = await demoProfessional(server.base);
		const youthId = (await apiYouth(server.base, pro, { given_name: 'Lotte', family_name: 'Jansen' })).id;
		const { page } = await w.newBrowser('pro');
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}`);
		await page.locator('#tab-network').waitFor();
		// The first GET .../network is answered by the server at once (before
		// the POST), and that answer is handed to the page only once the
		// answer of the GET after the POST is shown.
		const network = /\/youths\/\d+\/network$/;
		let asked = 0;
		let release;
		const shown = new Promise((r) => { release = r; });
		await page.route(network, async (route) => {
			asked += 1;
			if (asked !== 1) return route.continue();
			const answer = await route.fetch();
			await shown;
			return route.fulfill({ response: answer });
		});
		let held = null;
		let heldDone;
		const heldFinished = new Promise((r) => { heldDone = r; });
		page.on('request', (r) => {
			if (!held && network.test(r.url())) held = r;
		});
		page.on('requestfinished', (r) => {
			if (r === held) heldDone();
		});
		await page.locator('#tab-network').click();
		await page.locator('#tab-title', { hasText: 'Netwerk' }).waitFor();
		await page.locator('#nw-name').fill("Anna 't Hooft");
		await page.locator('#nw-relation').fill('moeder');
		await page.locator('#tab-panel form button[type=submit]').click();
		const row = page.locator('#network-table tr', { hasText: "Anna 't Hooft" });
		await row.waitFor();
		release();
		await heldFinished;
		// a frame after the old answer came in: the page has taken it in
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
		assert.ok(asked >= 2, `the list was asked for again (${asked})`);
		assert.equal(await row.count(), 1, 'the row of the newer answer stays');
	});

	itEndsCleanly(w);
});
