// The team lead's "Uren en kilometers van de JIM's" on a phone (360 px) with
// a team of dozens of JIMs (`kring demo --youths 300`): the table shows the
// ten JIMs with the most time, says so, and "Toon alle N JIM's" shows the
// rest by keyboard with the focus on the first JIM that was not shown.
// Another period starts at ten again. axe-core and no horizontal scroll with
// the table short and long. The table is of the active JIMs of open files:
// the demo's closed files keep a JIM who was never ended, and none of them is
// in it.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, cli, itEndsCleanly,
	assertFocus,
} from './helpers.mjs';

const SHOWN = 10;

describe('the hours of many JIMs on the team lead home page', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('team-totals-many');
	let server;
	let page;
	let db;

	after(() => w.stop(), { timeout: 60000 });

	it('starts a demo with 300 young people', { timeout: 180000 }, async () => {
		server = await w.start({ prepare: (path) => {
			db = path;
			return cli(['demo', '--db', db, '--youths', '300', '--seed', '3']);
		} });
	});

	it('shows the ten JIMs with the most time, and all of them by keyboard', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('teamlead'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		const answered = page.waitForResponse((r) => /\/api\/v1\/teams\/\d+\/jim-totals\?/.test(r.url()) && r.ok());
		await login(page, 'teamlead', DEMO_PASSWORD);
		const response = await answered;
		const totals = await response.json();
		const teamId = Number(/\/teams\/(\d+)\//.exec(response.url())[1]);
		const n = totals.items.length;
		assert.ok(n > SHOWN, `the demo team has more than ten active JIMs (${n})`);
		const byTime = totals.items.slice().sort((a, b) => b.minutes - a.minutes);
		assert.ok(byTime[0].minutes > 0, 'some JIM logged time this month');

		const table = page.locator('#team-totals table.team-totals-table');
		const rows = table.locator('tbody tr');
		await rows.first().waitFor();
		assert.equal(await rows.count(), SHOWN, 'ten JIMs at first');
		// each row by its dossier link (names may repeat in the demo)
		const minutesShown = (await table.locator('tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
			.map((href) => totals.items.find((x) => href === `#/youths/${x.youth_id}/hours`))
			.map((x) => x && x.minutes);
		assert.deepEqual(minutesShown, byTime.slice(0, SHOWN).map((x) => x.minutes), 'the ten with the most time, most first');
		const order = page.locator('#team-totals [id^=team-totals-order-]');
		assert.equal((await order.innerText()).trim(), "De JIM's met de meeste tijd staan bovenaan.");
		assert.equal(await table.getAttribute('aria-describedby'), await order.getAttribute('id'));
		const more = page.locator('#team-totals [id^=team-totals-show-all-]');
		assert.equal((await more.innerText()).trim(), `Toon alle ${n} JIM's`);
		await assertAccessible(page, 'team lead home, ten JIMs in the hours table');
		await assertNoHorizontalScroll(page, 'team lead home, ten JIMs in the hours table');

		await more.focus();
		await page.keyboard.press('Enter');
		await more.waitFor({ state: 'detached' });
		assert.equal(await rows.count(), n, 'every JIM after "Toon alle"');
		// none of them is the JIM of a closed file
		const closed = execFileSync('sqlite3', [db, 'SELECT y.id FROM youths y JOIN jims j ON j.youth_id = y.id WHERE ' +
			`y.team_id = ${teamId} AND y.phase = 'closed' AND j.ended_on IS NULL;`], { encoding: 'utf8' })
			.split('\n').filter((l) => l.trim()).map((l) => `#/youths/${l.trim()}/hours`);
		assert.ok(closed.length > 0, 'the demo team has closed files whose JIM was never ended');
		const hrefs = await table.locator('tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert.deepEqual(hrefs.filter((h) => closed.includes(h)), [], 'no JIM of a closed file in the table');
		await assertFocus(page, rows.nth(SHOWN).locator('th'), 'the focus is on the first JIM that was not shown');
		await assertAccessible(page, 'team lead home, every JIM in the hours table');
		await assertNoHorizontalScroll(page, 'team lead home, every JIM in the hours table');

		// Another period starts at ten again.
		// (the month's rows stay shown while that period's are fetched)
		await page.locator('#tt-period').selectOption('last_12_weeks');
		await page.locator('#team-totals table.team-totals-table[aria-busy=false]').waitFor();
		await more.waitFor();
		assert.equal(await rows.count(), SHOWN, 'ten JIMs again after another period');
	});

	itEndsCleanly(w);
});
