// The team lead's alerts panel with more than one page of alerts, on a phone
// (360 px): a demo team whose JIMs of open files have at least 540 synthetic
// open alerts besides their own (shared out over however many JIMs the demo
// made that day). The first answer holds the newest 500 and the panel says
// "Je ziet de nieuwste 500"; "Toon oudere signalen" (by keyboard) loads the next
// page (GET /api/v1/alerts?before=<next>), adds it to the list, none twice,
// and puts the focus on the first alert that was not shown. The count says
// how many are shown, and "Je ziet de nieuwste" only while older ones are
// left out. An older alert that is handled leaves the open list. axe-core
// and no horizontal scroll before and after. Coming back to the page later
// (the home page is fetched again on a return) keeps the older alerts that
// were shown, fresh: one a colleague handled meanwhile leaves, a new one
// shows, and the focus stays where it was.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, browserWorld, cli, itEndsCleanly,
	assertFocus, expect, leaveAndComeBack,
} from './helpers.mjs';

const PAGE = 500;
const SYNTHETIC = 540; // more than a page, with room for the steps below

function sqlite(db, sql) {
	const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
	assert.equal(r.status, 0, `sqlite3: ${r.stderr}`);
	return r.stdout;
}

// The JIMs of the demo team lead's teams whose alerts are listed: active,
// not of a closed file. How many there are depends on the day the demo is
// made (its dates count back from today).
const TEAM_JIMS = `SELECT DISTINCT j.id, j.youth_id FROM jims j JOIN youths y ON y.id = j.youth_id
	JOIN team_members tm ON tm.team_id = y.team_id JOIN users u ON u.id = tm.user_id
	WHERE u.username = 'teamlead' AND j.ended_on IS NULL AND y.phase <> 'closed'`;

// At least SYNTHETIC alerts shared out over those JIMs, oldest first and
// the JIMs in turn, as a check-in with wellbeing 1 raises them.
function manyAlerts(db) {
	const jims = Number(sqlite(db, `SELECT count(*) FROM (${TEAM_JIMS});`).trim());
	assert.ok(jims > 0, 'the demo team lead\'s teams have an active JIM');
	const perJim = Math.ceil(SYNTHETIC / jims);
	sqlite(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${perJim}),
		team_jims AS (${TEAM_JIMS})
		INSERT INTO alerts (jim_id, youth_id, kind, key, detail, created_at)
		SELECT t.id, t.youth_id, 'wellbeing_low', 'checkin-browser-' || n.i, 'wellbeing 1 of 5',
			strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || (${perJim} - n.i + 1) || ' hours')
		FROM n JOIN team_jims t ORDER BY n.i, t.id;`);
}

describe('older alerts on the team lead home page', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('alerts-older');
	after(() => w.stop(), { timeout: 60000 });
	let server;
	let page;
	// the ids of the open alerts the team lead sees, newest first
	const openIds = () => sqlite(path.join(w.dir, 'k.db'),
		`SELECT al.id FROM alerts al JOIN youths y ON y.id = al.youth_id JOIN team_members tm ON tm.team_id = y.team_id
			JOIN users u ON u.id = tm.user_id WHERE u.username = 'teamlead' AND al.acknowledged_at IS NULL
			AND y.phase <> 'closed' ORDER BY al.id DESC;`)
		.split('\n').map((s) => s.trim()).filter(Boolean).map(Number);
	const shownIds = () => page.locator('#alert-list li.alert').evaluateAll((els) => els.map((el) => Number(el.id.replace('alert-', ''))));

	it('starts a demo whose team has more than 500 open alerts', { timeout: 180000 }, async () => {
		server = await w.start({
			prepare: (db) => {
				cli(['demo', '--db', db, '--youths', '40', '--seed', '3']);
				manyAlerts(db);
			},
		});
	});

	it('"Toon oudere signalen" adds the next page, with the focus on its first alert', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('teamlead'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		const firstAnswer = page.waitForResponse((r) => /\/api\/v1\/alerts\?state=open$/.test(r.url()) && r.ok());
		await login(page, 'teamlead', DEMO_PASSWORD);
		const p1 = await (await firstAnswer).json();
		assert.equal(p1.items.length, PAGE);
		assert.equal(p1.more, true);
		const all = openIds();
		assert.ok(all.length > PAGE + 20, `more than 500 open alerts (${all.length})`);

		const count = page.locator('#alerts-count');
		const rows = page.locator('#alert-list li.alert');
		await count.waitFor();
		const m = /^500 signalen bij (\d+) JIM's\. Je ziet de nieuwste 500\.$/.exec((await count.innerText()).trim());
		assert.ok(m, `the count says the newest 500: ${await count.innerText()}`);
		const jims = Number(m[1]);
		assert.equal(await rows.count(), PAGE);
		assert.deepEqual((await shownIds()).sort((a, b) => b - a), all.slice(0, PAGE), 'the newest 500');
		const older = page.locator('#alerts-older');
		assert.equal((await older.innerText()).trim(), 'Toon oudere signalen');
		await assertAccessible(page, 'team lead home, the newest 500 alerts');
		await assertNoHorizontalScroll(page, 'team lead home, the newest 500 alerts');

		const secondAnswer = page.waitForResponse((r) => /\/api\/v1\/alerts\?state=open&before=\d+$/.test(r.url()) && r.ok());
		await older.focus();
		await page.keyboard.press('Enter');
		const p2 = await (await secondAnswer).json();
		assert.equal(new URL((await secondAnswer).url()).searchParams.get('before'), p1.next);
		assert.equal(p2.more, false);
		await older.waitFor({ state: 'detached' });
		const shown = await shownIds();
		assert.equal(shown.length, all.length, 'every open alert after "Toon oudere signalen"');
		assert.equal(new Set(shown).size, shown.length, 'none twice');
		assert.deepEqual([...shown].sort((a, b) => b - a), all, 'none missing');
		await assertFocus(page, page.locator(`#alert-${all[PAGE]}`), 'the focus is on the first alert that was not shown');
		assert.equal((await count.innerText()).trim(), `${all.length} signalen bij ${jims} JIM's.`, 'the count says all are shown');
		await assertAccessible(page, 'team lead home, every alert');
		await assertNoHorizontalScroll(page, 'team lead home, every alert');

		// Handling an older alert takes it out of the open list, and the count with it.
		const oldest = all[all.length - 1];
		await page.locator(`#alert-${oldest}-details > summary`).click();
		await page.locator(`#alert-${oldest}-note`).fill('JIM gebeld.');
		await page.locator(`#alert-${oldest}-details button[type=submit]`).click();
		await page.locator(`#alert-${oldest}`).waitFor({ state: 'detached' });
		assert.equal((await count.innerText()).trim(), `${all.length - 1} signalen bij ${jims} JIM's.`);
		const left = await shownIds();
		assert.equal(left.length, all.length - 1);
		assert.equal(new Set(left).size, all.length - 1, 'the others, none twice');

		// Another choice under "Toon" starts at the first page again.
		await page.locator('#alerts-state').selectOption('all');
		await page.locator('#alert-list[aria-busy=false]').waitFor();
		await older.waitFor();
		assert.equal(await rows.count(), PAGE);
	});

	it('coming back keeps the older alerts that were shown, fresh, with the focus where it was', { timeout: STEP_TIMEOUT }, async () => {
		await page.reload();
		const count = page.locator('#alerts-count');
		await count.waitFor();
		assert.match((await count.innerText()).trim(), /Je ziet de nieuwste 500\.$/);
		const before = openIds();
		await page.locator('#alerts-older').click();
		await page.locator('#alerts-older').waitFor({ state: 'detached' });
		assert.equal((await shownIds()).length, before.length, 'every open alert is shown');
		// The user is at an older alert, with the focus on it.
		const at = before[PAGE + 5];
		const summary = page.locator(`#alert-${at}-details > summary`);
		await summary.focus();

		// Meanwhile a colleague handles another older alert, and a new one is raised.
		const gone = before[PAGE + 10];
		const { token } = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'teamlead', password: DEMO_PASSWORD } });
		await expect(server.base, 'POST', `/api/v1/alerts/${gone}/acknowledge`, 200, { token, body: { note: 'Al gebeld.' } });
		sqlite(path.join(w.dir, 'k.db'), `INSERT INTO alerts (jim_id, youth_id, kind, key, detail, created_at)
			SELECT jim_id, youth_id, 'wellbeing_low', 'checkin-browser-new', 'wellbeing 1 of 5', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
			FROM alerts WHERE id = ${before[0]};`);
		const now = openIds();
		assert.equal(now.length, before.length, 'one handled, one new');
		assert.ok(now[0] > before[0] && !now.includes(gone));

		const pages = [];
		const seen = (r) => {
			if (/\/api\/v1\/alerts\?/.test(r.url())) pages.push(new URL(r.url()).searchParams.get('before'));
		};
		page.on('request', seen);
		await leaveAndComeBack(page);
		await page.locator(`#alert-${now[0]}`).waitFor({ timeout: 5000 });
		await page.locator(`#alert-${gone}`).waitFor({ state: 'detached', timeout: 5000 });
		page.off('request', seen);
		assert.equal(pages.length, 2, `the first page and the one after it were fetched again (${pages})`);
		const shown = await shownIds();
		assert.deepEqual([...shown].sort((a, b) => b - a), now, 'every open alert, fresh, none twice');
		assert.equal((await count.innerText()).trim(), `${now.length} signalen bij ${/bij (\d+) JIM's/.exec(await count.innerText())[1]} JIM's.`,
			'the count says all are shown');
		assert.equal(await page.locator('#alerts-older').count(), 0, 'nothing older left to load');
		await assertFocus(page, summary, 'the focus stays on the older alert');
		assert.ok(await summary.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return r.bottom > 0 && r.top < window.innerHeight;
		}), 'the older alert stays in view');
		await assertAccessible(page, 'team lead home, every alert fetched again');
	});

	itEndsCleanly(w);
});
