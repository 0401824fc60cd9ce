// The privacy officer's audit trail, whose filter changes quickly: the
// events of one file, then of everyone, then of that file again. The first
// answer about the file, made before a newer event about it, reaches the
// page last: it must not replace the events of the filter shown by then
// (pages/audit.js useEvents drops the answer of a load that a later one
// overtook, as useList and useData do).
//
// Run from the repository root: node --test tests/browser/audit-answer-order.test.mjs

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, login, browserWorld, demoProfessional, apiYouth, expect, itEndsCleanly, answered,
} from './helpers.mjs';

describe('an audit trail answer that was overtaken', { timeout: 4 * STEP_TIMEOUT }, () => {
	const w = browserWorld('audit-answer-order');
	after(() => w.stop(), { timeout: 60000 });

	it('does not replace the events of the filter shown when it arrives last', { timeout: STEP_TIMEOUT }, async () => {
		const server = await w.start();
		const pro = await demoProfessional(server.base);
		const youthId = (await apiYouth(server.base, pro, { given_name: 'Lotte', family_name: 'Jansen' })).id;
		const { page } = await w.newBrowser('privacy');
		await page.goto(server.base + '/');
		await login(page, 'privacy', DEMO_PASSWORD);
		const settled = page.locator('#audit-table[aria-busy="false"]');
		const all = (u) => u.pathname === '/api/v1/audit' && !u.searchParams.has('youth_id');
		const file = (u) => u.pathname === '/api/v1/audit' && u.searchParams.get('youth_id') === String(youthId);
		await answered(page, all, () => page.goto(server.base + '/#/audit'));
		await settled.waitFor();

		// The first GET of the file's events is answered by the server at
		// once, and handed to the page only after the second one is shown.
		let asked = 0;
		let release;
		const shown = new Promise((r) => { release = r; });
		let heldCount = null;
		let gotHeld;
		const heldAnswer = new Promise((r) => { gotHeld = r; });
		await page.route((u) => file(u), async (route) => {
			asked += 1;
			if (asked !== 1) return route.continue();
			const answer = await route.fetch();
			heldCount = (await answer.json()).items.length;
			gotHeld();
			await shown;
			return route.fulfill({ response: answer });
		});
		let held = null;
		let heldDone;
		const heldFinished = new Promise((r) => { heldDone = r; });
		page.on('request', (r) => {
			if (!held && file(new URL(r.url()))) held = r;
		});
		page.on('requestfinished', (r) => {
			if (r === held) heldDone();
		});

		// The file's events (held), then everyone's, shown.
		await page.goto(server.base + `/#/audit?youth_id=${youthId}`);
		await heldAnswer;
		await answered(page, all, () => page.goto(server.base + '/#/audit'));
		await settled.waitFor();
		assert.equal(await page.locator('#audit-youth').inputValue(), '');
		// A newer event about the file, then its events again: shown.
		await expect(server.base, 'GET', `/api/v1/youths/${youthId}`, 200, { token: pro.token });
		const second = await answered(page, file, () => page.goto(server.base + `/#/audit?youth_id=${youthId}`));
		const secondCount = (await second.json()).items.length;
		await settled.waitFor();
		const rows = page.locator('#audit-table tbody tr');
		assert.equal(await rows.count(), secondCount, 'the second answer about the file is shown');
		assert.ok(heldCount !== null && heldCount < secondCount, `the held answer is older (${heldCount} < ${secondCount} events)`);

		release();
		await heldFinished;
		// a frame after the old answer came in: the page has taken it in
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
		assert.equal(asked, 2, 'the file\'s events were asked for twice');
		assert.equal(await rows.count(), secondCount, 'the events of the newer answer stay');
		assert.equal(await page.locator('#audit-youth').inputValue(), String(youthId));
	});

	itEndsCleanly(w);
});
