// A team lead's home page with the alerts of many JIMs, on a phone (360 px):
// `kring demo --youths 300` leaves dozens of JIMs with open alerts (check-ins
// too late, nothing logged for weeks). The panel says how many alerts and
// JIMs there are and shows the first ten JIMs; "Toon alle N JIM's" shows the
// rest by keyboard, with the focus on the first JIM that was not shown. A
// new choice under "Toon" starts again at ten. axe-core and no horizontal
// scroll with the list short and long. "Je ziet de nieuwste N" only when the
// answer says there are more.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, cli, itEndsCleanly,
	assertFocus,
} from './helpers.mjs';

describe('many alerts on the team lead home page', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('alerts-many');
	let server;
	let page;

	after(() => w.stop(), { timeout: 60000 });

	it('starts a demo with 300 young people', { timeout: 180000 }, async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '300', '--seed', '3']) });
	});

	it('shows the first ten JIMs, and all of them by keyboard', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('teamlead'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'teamlead', DEMO_PASSWORD);
		const groups = page.locator('#alert-list > li.alert-group');
		const count = page.locator('#alerts-count');
		await count.waitFor();
		const m = /^(\d+) signalen bij (\d+) JIM's\.$/.exec((await count.innerText()).trim());
		assert.ok(m, `the count says how many: ${await count.innerText()}`);
		const [alerts, jims] = [Number(m[1]), Number(m[2])];
		assert.ok(jims > 10, `the demo has more than ten JIMs with open alerts (${jims})`);
		assert.ok(alerts >= jims);
		assert.equal(await groups.count(), 10, 'ten JIMs at first');
		const more = page.locator('#alerts-show-all');
		assert.equal((await more.innerText()).trim(), `Toon alle ${jims} JIM's`);
		await assertAccessible(page, 'team lead home, ten JIMs');
		await assertNoHorizontalScroll(page, 'team lead home, ten JIMs');

		await more.focus();
		await page.keyboard.press('Enter');
		await more.waitFor({ state: 'detached' });
		assert.equal(await groups.count(), jims, 'every JIM after "Toon alle"');
		assert.equal(await page.locator('#alert-list li.alert').count(), alerts, 'with every alert');
		await assertFocus(page, groups.nth(10).locator('h3'), 'the focus is on the first JIM that was not shown');
		await assertAccessible(page, 'team lead home, every JIM');
		await assertNoHorizontalScroll(page, 'team lead home, every JIM');

		// Another choice under "Toon" starts at ten again: with the alerts of
		// that choice (the open ones stay shown while those are fetched).
		await page.locator('#alerts-state').selectOption('all');
		await page.locator('#alert-list[aria-busy=false]').waitFor();
		await page.locator('#alerts-show-all').waitFor();
		assert.equal(await groups.count(), 10, 'ten JIMs again after another choice');
	});

	// The demo has fewer than 500 alerts, and the count above says nothing
	// more. The server's `more` (tests/http/alerts-cap.test.mjs) is what says
	// that older alerts were left out: here the real answer with more: true.
	it('says that it shows only the newest when the answer has more', { timeout: STEP_TIMEOUT }, async () => {
		let answered = -1;
		await page.route(/\/api\/v1\/alerts\?/, async (route) => {
			const real = await route.fetch();
			const json = await real.json();
			answered = json.items.length;
			await route.fulfill({ response: real, json: { ...json, more: true } });
		});
		await page.reload();
		const count = page.locator('#alerts-count');
		await count.waitFor();
		const text = (await count.innerText()).trim();
		assert.ok(answered > 0, 'the page asked for the alerts');
		assert.equal(text, `${answered} signalen bij ${/bij (\d+) JIM's/.exec(text)?.[1]} JIM's. Je ziet de nieuwste ${answered}.`);
		await page.unroute(/\/api\/v1\/alerts\?/);
	});

	itEndsCleanly(w);
});
