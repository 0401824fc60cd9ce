// Headless-browser walk through the screens of the privacy officer and the
// admin (usability review), on `kring serve --demo` with `kring demo
// --youths 200`:
// - Verzoeken: fits at 360 px; a request that came by letter is registered
//   from the page; answering one says so, with the focus on the message.
// - Audittrail: everything about one file (from the file itself), one user
//   by username, only the emergency accesses; the filter stays in the address
//   (Back); older events a page at a time; the selection as a CSV file.
// - The complete file: every field in words, its values too (days, moments,
//   Ja and Nee); no search keys on the page, but in the JSON.
// - Gebruikers: teams of different organisations told apart; the list can
//   be searched.
// axe-core on each page; no page errors or CSP violations.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, ROOT, cli, assertAccessible, assertNoHorizontalScroll, login, logout, expect, browserWorld,
	itEndsCleanly, navTo, answered,
} from './helpers.mjs';

const OTHER_PASSWORD = 'Een-ander-Wachtwoord-2026!';
const REASON = 'Crisisdienst in de nacht; plan nodig';
const catalogue = (lang) => JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', lang + '.json'), 'utf8'));

async function assertFocus(page, locator, what) {
	const has = () => locator.evaluate((el) => el === document.activeElement).catch(() => false);
	for (let i = 0; i < 30 && !(await has()); i++) await page.waitForTimeout(100);
	const on = await page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));
	assert.ok(await has(), `${what} (the focus is on ${on})`);
}

// The table of the audit trail when its events have come.
const settled = (page) => page.locator('#audit-table[aria-busy="false"]');

// The GET of the audit trail's first page with exactly the API's parameters
// `params` (besides the page size).
const auditAsked = (params) => (u) => u.pathname === '/api/v1/audit' && !u.searchParams.has('before')
	&& [...u.searchParams.keys()].filter((k) => k !== 'limit').sort().join() === Object.keys(params).sort().join()
	&& Object.entries(params).every(([k, v]) => u.searchParams.get(k) === v);

// The texts of one column of the audit table.
const column = (page, n) => page.locator(`#audit-table tbody tr td:nth-child(${n})`).allInnerTexts();

describe('the privacy officer\'s and the admin\'s screens in a real browser', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('privacy-officer');
	let server;
	let page;
	let db;
	const ids = {};

	const token = async (username, password = DEMO_PASSWORD) =>
		(await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username, password } })).token;

	before(async () => {
		server = await w.start({ prepare: (file) => { db = file; cli(['demo', '--db', file, '--youths', '200', '--seed', '11']); } });
		const base = server.base;
		const po = await token('privacy');
		const pro = await token('professional');
		const list = await expect(base, 'GET', '/api/v1/youths?per_page=50', 200, { token: pro });
		// A file with a JIM (so with a candidate's assessment), and another one.
		const withJim = list.items.find((y) => y.jim_name);
		ids.a = withJim.id;
		ids.b = list.items.find((y) => y.id !== ids.a).id;
		ids.request = (await expect(base, 'POST', `/api/v1/youths/${ids.a}/requests`, 201,
			{ token: po, body: { kind: 'access', requested_by: 'youth' } })).id;
		// A professional of another team breaks the glass on file a.
		const admin = await token('admin');
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token: pro });
		const org = me.organisation_id;
		const team = await expect(base, 'POST', '/api/v1/teams', 201, { token: admin, body: { name: 'Team Nood', organisation_id: org } });
		const user = await expect(base, 'POST', '/api/v1/users', 201, {
			token: admin,
			body: { username: 'bram.nood', display_name: 'Bram Nood', role: 'professional', organisation_id: org, team_ids: [team.id] },
		});
		await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(user.invitation.token)}/accept`, 200,
			{ body: { password: OTHER_PASSWORD } });
		const bram = await token('bram.nood', OTHER_PASSWORD);
		await expect(base, 'POST', `/api/v1/youths/${ids.a}/break-glass`, 201, { token: bram, body: { reason: REASON } });
		await expect(base, 'GET', `/api/v1/youths/${ids.a}`, 200, { token: bram });
		// More than two pages of events in the trail.
		for (let i = 0; i < 250; i += 10)
			await Promise.all(Array.from({ length: 10 }, () => expect(base, 'GET', `/api/v1/youths/${ids.b}`, 200, { token: pro })));
		const b = await w.newBrowser('po');
		page = b.page;
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('shows the requests at 360 px without widening the page', { timeout: STEP_TIMEOUT }, async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'privacy', DEMO_PASSWORD);
		await navTo(page, 'Verzoeken');
		await page.locator('#requests-table tbody tr').first().waitFor();
		await assertNoHorizontalScroll(page, 'requests at 360 px');
		await page.setViewportSize({ width: 1280, height: 900 });
	});

	it('registers a request that came by letter, with the errors at the field', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#new-request-open').click();
		const youth = page.locator('#new-request-youth');
		await assertFocus(page, youth, 'the form opens at its first field');
		await assertAccessible(page, 'the form to register a request');
		// Nothing typed, then a number of no file: said at the field, by keyboard.
		await youth.press('Enter');
		await page.locator('#new-request-youth-error', { hasText: 'bestaand dossier' }).waitFor();
		await assertFocus(page, youth, 'the focus stays at the field');
		await youth.fill('987654321');
		await page.locator('#new-request button[type=submit]').click();
		await page.locator('#new-request-youth-error', { hasText: 'bestaand dossier' }).waitFor();
		await youth.fill(String(ids.b));
		await page.locator('#new-request-kind').selectOption('correction');
		await page.locator('#new-request-by').selectOption('parent');
		await page.locator('#new-request-note').fill('Brief van moeder, ontvangen per post');
		await page.locator('#new-request button[type=submit]').click();
		const message = page.locator('#requests-message');
		await message.locator('text=/Verzoek \\d+ is vastgelegd\\. Beantwoord het uiterlijk \\d{2}-\\d{2}-\\d{4}\\./').waitFor();
		await assertFocus(page, message, 'the focus is on what happened');
		const row = page.locator('#requests-table tbody tr', { hasText: `Dossier ${ids.b}` });
		await row.waitFor();
		assert.match(await row.innerText(), /Correctie[\s\S]*Ouder[\s\S]*Nog 3\d dagen/);
		assert.equal(await page.locator('#new-request').count(), 0, 'the form is closed');
	});

	it('answers a request: the form takes the focus, and the page says what was done', { timeout: STEP_TIMEOUT }, async () => {
		const id = ids.request;
		const opener = page.locator(`#answer-${id}`);
		await opener.click();
		const status = page.locator(`#close-${id}-status`);
		await assertFocus(page, status, 'the answer form opens at its first field');
		await assertAccessible(page, 'the answer form');
		// Escape closes it and puts the focus back.
		await status.press('Escape');
		await assertFocus(page, opener, 'back on the button after Escape');
		await opener.click();
		await page.locator(`#close-${id}-status`).selectOption('refused');
		await page.locator(`#close-${id} button[type=submit]`).click();
		await page.locator(`#close-${id}-decision-error`).waitFor();
		await page.locator(`#close-${id}-decision`).fill('Het verzoek is ingetrokken door de jongere.');
		await page.locator(`#close-${id} button[type=submit]`).click();
		const message = page.locator('#requests-message', { hasText: `Verzoek ${id} is afgewezen.` });
		await message.waitFor();
		await assertFocus(page, message, 'the focus is on what happened');
		await page.locator(`#answer-${id}`).waitFor({ state: 'detached' });
		await assertAccessible(page, 'requests after an answer');
	});

	it('shows every field of the complete file in words', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + `/#/export/${ids.a}`);
		await page.locator('#file-assessments').waitFor();
		const labels = await page.locator('.file-field dt').allInnerTexts();
		const raw = labels.filter((l) => /_/.test(l) || /\b(declined?|returned|reason|by|at)\b/.test(l));
		assert.deepEqual([...new Set(raw)], [], 'field names not in Dutch');
		// Values in words: no 2026-03-03 or seconds since 1970 (the emergency
		// access), yes and no as Ja and Nee; the JSON keeps the search keys.
		const text = await page.locator('main').innerText();
		assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}|\b(true|false)\b/, 'no raw dates or booleans');
		assert.doesNotMatch(await page.locator('section[aria-labelledby="file-break_glass"]').innerText(), /\d{9}/,
			'the emergency access at a moment in words');
		const values = (await page.locator('.file-field dd').allInnerTexts()).map((v) => v.trim());
		assert.ok(values.includes('Ja') && !values.includes('ja') && !values.includes('nee'), 'yes and no as Ja and Nee');
		const file = await expect(server.base, 'GET', `/api/v1/youths/${ids.a}/export`, 200, { token: await token('privacy') });
		const youth = file.tables.youths[0];
		assert.ok(youth.name_key && youth.sort_key, 'the JSON keeps the search keys');
		assert.ok(!values.includes(youth.name_key) && !values.includes(youth.sort_key), 'the page leaves them out');
		assert.ok(!labels.some((l) => /zoeken|sorteren/.test(l)), 'and their names');
		// And every column of every table of a file has its words, in both languages.
		const header = readFileSync(path.join(ROOT, 'src', 'store', 'youth_tables.h'), 'utf8');
		const tables = [...header.matchAll(/\bX\((\w+),/g)].map((m) => m[1]);
		assert.ok(tables.length >= 25, tables.join(', '));
		const r = spawnSync('sqlite3', [db, ...tables.map((t) => `SELECT '${t}.' || name FROM pragma_table_info('${t}');`)], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		// The columns the page leaves out (search keys and the like) need no words.
		const source = readFileSync(path.join(ROOT, 'web', 'pages', 'privacy.js'), 'utf8');
		const technical = [...(/TECHNICAL_COLUMNS = new Set\(\[([^\]]*)\]/.exec(source)[1]).matchAll(/'([\w.]+)'/g)].map((m) => m[1]);
		assert.ok(technical.includes('youths.name_key'), technical.join(', '));
		const columns = r.stdout.split('\n').filter((c) => c && !technical.includes(c));
		for (const lang of ['nl', 'en']) {
			const cat = catalogue(lang);
			assert.deepEqual(columns.filter((c) => !(`file.field.${c.split('.')[1]}` in cat)), [], `${lang}: columns without words`);
		}
	});

	it('finds everything about one file from the file itself, with the emergency access marked', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#file-audit-link').click();
		await page.locator('h1', { hasText: 'Audittrail' }).waitFor();
		assert.equal(new URL(page.url()).hash, `#/audit?youth_id=${ids.a}`);
		assert.equal(await page.locator('#audit-youth').inputValue(), String(ids.a));
		await page.locator('#audit-table tbody tr').first().waitFor();
		const files = await column(page, 5);
		assert.ok(files.length > 3);
		assert.deepEqual([...new Set(files)], [`Dossier ${ids.a}`]);
		const glass = page.locator('#audit-table tbody tr', { hasText: 'met noodtoegang' });
		assert.ok(await glass.count() >= 2, 'the grant and the read under it');
		assert.match(await glass.last().innerText(), new RegExp(`bram\\.nood[\\s\\S]*noodtoegang[\\s\\S]*${REASON}`));
		await assertAccessible(page, 'the audit trail of one file');
		// Away and Back: the filter is still there.
		await navTo(page, 'Verzoeken');
		await page.locator('h1', { hasText: 'Verzoeken' }).waitFor();
		await page.goBack();
		await page.locator('h1', { hasText: 'Audittrail' }).waitFor();
		await page.locator('#audit-table tbody tr').first().waitFor();
		assert.equal(await page.locator('#audit-youth').inputValue(), String(ids.a));
		assert.deepEqual([...new Set(await column(page, 5))], [`Dossier ${ids.a}`]);
	});

	it('filters by username and kind, and says a wrong number at its field', { timeout: STEP_TIMEOUT }, async () => {
		// The reset changes the address; its hashchange sets the form again
		// and asks for the events, so wait for that before typing, or it
		// wipes what was typed.
		await answered(page, auditAsked({}), () => page.locator('#audit-reset').click());
		// The address changes before its hashchange sets the filter, so the
		// table may not even be busy yet: wait for the answer of the new
		// filter, then until it is shown.
		await answered(page, auditAsked({ username: 'professional' }), () => page.locator('#audit-username').fill('Professional')
			.then(() => page.locator('#audit-username').press('Enter')));
		await settled(page).waitFor();
		assert.equal(new URL(page.url()).hash, '#/audit?username=professional');
		await page.locator('#audit-status', { hasText: /gebeurtenissen met dit filter/ }).waitFor();
		const users = await column(page, 2);
		assert.ok(users.length > 10);
		for (const u of users) assert.match(u, /^professional\n/, u);
		// Only the emergency accesses, of everyone.
		await answered(page, auditAsked({}), () => page.locator('#audit-reset').click());
		await page.locator('#audit-kind').selectOption('break_glass');
		await answered(page, auditAsked({ basis: 'break_glass' }), () => page.locator('form.filters button[type=submit]').click());
		await settled(page).waitFor();
		assert.equal(new URL(page.url()).hash, '#/audit?kind=break_glass');
		await page.locator('#audit-status', { hasText: /Alle gebeurtenissen met dit filter: [2-9]/ }).waitFor();
		for (const a of await column(page, 3)) assert.match(a, /met noodtoegang/);
		// A number that is no number.
		await page.locator('#audit-youth').fill('12a');
		await page.locator('#audit-youth').press('Enter');
		await page.locator('#audit-youth-error', { hasText: 'heel getal' }).waitFor();
		await assertFocus(page, page.locator('#audit-youth'), 'the focus is on the wrong field');
		assert.equal(new URL(page.url()).hash, '#/audit?kind=break_glass', 'the filter shown is still the last good one');
		await assertAccessible(page, 'audit trail with a field error');
	});

	it('shows older events a page at a time, and downloads the selection as CSV', { timeout: STEP_TIMEOUT }, async () => {
		await answered(page, auditAsked({}), () => page.locator('#audit-reset').click());
		await settled(page).waitFor();
		const rows = page.locator('#audit-table tbody tr');
		await page.waitForFunction(() => document.querySelectorAll('#audit-table tbody tr').length === 100);
		await page.locator('#audit-more').click();
		await page.waitForFunction(() => document.querySelectorAll('#audit-table tbody tr').length === 200);
		assert.equal(await rows.count(), 200);
		assert.match(await page.locator('#audit-status').innerText(), /nieuwste 200/);
		const times = await column(page, 1);
		const key = (s) => s.replace(/^(\d\d)-(\d\d)-(\d{4}),? /, '$3-$2-$1 ');
		for (let i = 1; i < times.length; i++) assert.ok(key(times[i - 1]) >= key(times[i]), `newest first at ${i}`);
		await page.locator('#audit-youth').fill(String(ids.a));
		await page.locator('#audit-youth').press('Enter');
		await page.locator('#audit-status', { hasText: /Alle gebeurtenissen met dit filter/ }).waitFor();
		const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#audit-csv').click()]);
		assert.equal(download.suggestedFilename(), 'audittrail.csv');
		const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
		const lines = text.trimEnd().split('\r\n');
		assert.match(lines[0], /^id;time_amsterdam;time_utc;user_id;username;role;action;/);
		for (const l of lines.slice(1)) assert.equal(l.split(';')[9], String(ids.a), l);
		assert.ok(lines.some((l) => l.includes('bram.nood') && l.includes(';break_glass;')), 'the emergency access is in the file');
		await page.setViewportSize({ width: 360, height: 740 });
		await assertNoHorizontalScroll(page, 'audit trail at 360 px');
		await page.setViewportSize({ width: 1280, height: 900 });
		await logout(page);
	});

	it('offers only the chosen organisation\'s teams, and finds a user in the list', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Gebruikers');
		await page.locator('table.data tbody tr').first().waitFor();
		// Someone without an organisation is put in no team (docs/SECURITY.md G10).
		await page.locator('#user-teams-hint', { hasText: 'Kies een organisatie' }).waitFor();
		assert.equal(await page.locator('fieldset.checks').count(), 0, 'no teams without an organisation');
		// The demo has "Team Oost" in two organisations: each shows its own.
		const orgs = (await page.locator('#user-org option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
		assert.ok(orgs.length >= 2, orgs.join(', '));
		const teamsOf = [];
		for (const org of orgs.slice(0, 2)) {
			await page.locator('#user-org').selectOption(org);
			await page.locator('fieldset.checks label').first().waitFor();
			const teams = await page.locator('fieldset.checks label').allInnerTexts();
			assert.equal(new Set(teams).size, teams.length, `every team told apart: ${teams.join(', ')}`);
			assert.equal(await page.locator('#user-teams-hint').count(), 0);
			teamsOf.push(await page.locator('fieldset.checks input').evaluateAll((is) => is.map((i) => i.id)));
		}
		assert.ok(teamsOf[0].every((id) => !teamsOf[1].includes(id)), `different teams: ${teamsOf.join(' / ')}`);
		await assertAccessible(page, 'users, teams of one organisation');
		await page.locator('#user-org').selectOption('');
		await page.locator('#user-teams-hint').waitFor();
		const all = await page.locator('#user-table tbody tr').count();
		assert.ok(all > 100, `${all} users`);
		await page.locator('#user-filter-text').fill('demo privacy');
		await page.locator('#user-count', { hasText: `Gevonden: 1 van de ${all}.` }).waitFor();
		assert.match(await page.locator('#user-table tbody').innerText(), /^Demo Privacy Officer\tprivacy\t/);
		await page.locator('#user-filter-text').fill('');
		await page.locator('#user-filter-role').selectOption('teamlead');
		await page.waitForFunction((n) => document.querySelectorAll('#user-table tbody tr').length < n, all);
		for (const r of await page.locator('#user-table tbody tr td:nth-child(3)').allInnerTexts()) assert.equal(r, 'Teamleider');
		await page.locator('#user-filter-text').fill('niemand-heet-zo');
		await page.locator('#user-none').waitFor();
		await assertAccessible(page, 'users, nobody found');
		await logout(page);
	});

	itEndsCleanly(w);
});
