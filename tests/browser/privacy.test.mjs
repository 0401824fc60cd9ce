// Headless-browser walk through the rights of the young person
// (docs/api-privacy.md) on `kring serve --demo` with `kring demo --youths 200`:
// the privacy officer's requests with their deadlines (an overdue one
// flagged), the complete file as a readable page with a print button, the
// destruction of a file from the answer form (the young person's number typed
// again), the young person's own "Mijn dossier" at 360 px, and in their
// access log the privacy officer's read and export of the audit trail about
// them in plain words. axe-core on each page; no page errors or CSP
// violations.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, cli, assertAccessible, assertNoHorizontalScroll, login, logout, call, expect, browserWorld, navTo,
} from './helpers.mjs';

const YOUTH_USER = 'jongere.dossier';
const YOUTH_PASSWORD = 'Mijn-eigen-Wachtwoord-2026!';
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

describe('rights of the young person in a real browser', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('privacy');
	let server;
	let browser;
	let page;
	const ids = {};

	const token = async (username) =>
		(await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username, password: DEMO_PASSWORD } })).token;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '200', '--seed', '7']) });
		const po = await token('privacy');
		const pro = await token('professional');
		const list = await expect(server.base, 'GET', '/api/v1/youths?per_page=50', 200, { token: pro });
		// The young person of the first file gets an account of their own.
		ids.own = list.items[0].id;
		const account = await expect(server.base, 'POST', `/api/v1/youths/${ids.own}/account`, 201,
			{ token: pro, body: { username: YOUTH_USER } });
		await expect(server.base, 'POST', `/api/v1/invitations/${encodeURIComponent(account.invitation.token)}/accept`, 200,
			{ body: { password: YOUTH_PASSWORD } });
		// A goal reached and one still worked on: the file holds the state of each (a code).
		const own = await expect(server.base, 'GET', `/api/v1/youths/${ids.own}`, 200, { token: pro });
		const day = own.closed_on || own.started_on;
		const reached = await expect(server.base, 'POST', `/api/v1/youths/${ids.own}/goals`, 201,
			{ token: pro, body: { title: 'Elke dag op tijd op school', author_kind: 'youth', agreed_on: day } });
		await expect(server.base, 'PATCH', `/api/v1/goals/${reached.id}`, 200,
			{ token: pro, body: { status: 'reached', ended_on: day } });
		const cooking = await expect(server.base, 'POST', `/api/v1/youths/${ids.own}/goals`, 201,
			{ token: pro, body: { title: 'Samen koken met mijn moeder', author_kind: 'parent', agreed_on: day } });
		ids.cooking = cooking.id;
		// An action of that goal: the file names the goal it belongs to.
		await expect(server.base, 'POST', `/api/v1/goals/${cooking.id}/actions`, 201,
			{ token: pro, body: { description: 'Een boodschappenlijst maken', owner: 'Moeder' } });
		// Enough reads of the own file that the page shows the newest 1000 of its access log:
		// ten at a time by the professional and the team lead in turns, so that the young person
		// sees 101 visits (one person's reads close together are one visit).
		const lead = await token('teamlead');
		for (let i = 0; i < 1010; i += 10)
			await Promise.all(Array.from({ length: 10 }, () => expect(server.base, 'GET', `/api/v1/youths/${ids.own}`, 200,
				{ token: i % 20 ? lead : pro })));
		const other = list.items.find((y) => y.id !== ids.own);
		const dossier = await expect(server.base, 'GET', `/api/v1/youths/${other.id}`, 200, { token: pro });
		ids.other = other.id;
		ids.family = dossier.family_name;
		ids.access = (await expect(server.base, 'POST', `/api/v1/youths/${ids.own}/requests`, 201,
			{ token: po, body: { kind: 'access', requested_by: 'youth', received_on: daysAgo(40) } })).id;
		ids.destruction = (await expect(server.base, 'POST', `/api/v1/youths/${ids.other}/requests`, 201,
			{ token: po, body: { kind: 'destruction', requested_by: dossier.age >= 12 ? 'youth' : 'parent' } })).id;
		browser = await w.newBrowser('privacy');
		page = browser.page;
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('shows the privacy officer the open requests with their deadlines and the complete file', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await login(page, 'privacy', DEMO_PASSWORD);
		await navTo(page, 'Verzoeken');
		await page.locator('h1', { hasText: 'Verzoeken' }).waitFor();
		const rows = page.locator('#requests-table tbody tr');
		await rows.first().waitFor();
		assert.equal(await rows.count(), 2);
		const late = page.locator('#requests-table tr.overdue');
		assert.equal(await late.count(), 1, 'the access request received 40 days ago is overdue');
		assert.match(await late.innerText(), /Inzage en kopie[\s\S]*dagen te laat/);
		await assertAccessible(page, 'requests');
		await late.locator('a', { hasText: `Dossier ${ids.own}` }).click();
		await page.locator('h1', { hasText: `Dossier ${ids.own}: alles wat is vastgelegd` }).waitFor();
		await page.locator('#file-youths').waitFor();
		assert.ok(await page.locator('#file-print').isVisible(), 'a print button');
		// The newest 1000 of the access log, the rest on request.
		assert.equal(await page.locator('#file-access tbody tr').count(), 1000, 'the newest 1000 accesses');
		assert.match(await page.locator('#file-access-shown').innerText(), /1000 nieuwste van \d{4,}/);
		await page.locator('#file-access-all').click();
		await page.waitForFunction(() => document.querySelectorAll('#file-access tbody tr').length > 1000, null, { timeout: 15000 });
		assert.equal(await page.locator('#file-access-shown').count(), 0);
		await assertAccessible(page, 'the complete file');
	});

	it('destroys a file from the answer form after the number is typed again', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/requests');
		await page.locator('#requests-table tbody tr').first().waitFor();
		const row = page.locator('#requests-table tbody tr', { hasText: 'Vernietiging' });
		await row.locator('button', { hasText: 'Afhandelen' }).click();
		const form = page.locator(`#close-${ids.destruction}`);
		await form.waitFor();
		await assertAccessible(page, 'the answer form');
		// the request outlives the file: no decision text that could name the person
		assert.equal(await form.locator(`#close-${ids.destruction}-decision`).count(), 0, 'no decision field for a destruction');
		await form.locator(`#close-${ids.destruction}-status`).selectOption('refused');
		await form.locator(`#close-${ids.destruction}-decision`).waitFor();
		await form.locator(`#close-${ids.destruction}-status`).selectOption('done');
		await form.locator(`#close-${ids.destruction}-decision`).waitFor({ state: 'detached' });
		await form.locator(`#close-${ids.destruction}-confirm`).fill(String(ids.own));
		await form.locator('button[type=submit]').click();
		await form.locator('.field-error').waitFor();
		await form.locator(`#close-${ids.destruction}-confirm`).fill(String(ids.other));
		await form.locator('button', { hasText: 'Dossier vernietigen' }).click();
		await page.locator('#requests-table tbody tr', { hasText: 'Vernietiging' }).waitFor({ state: 'detached' });
		const po = await token('privacy');
		assert.equal((await call(server.base, 'GET', `/api/v1/youths/${ids.other}/export`, { token: po })).status, 404);
		assert.equal((await call(server.base, 'GET', `/api/v1/youths/${ids.own}/export`, { token: po })).status, 200);
		await logout(page);
	});

	it('shows the young person their own file in plain words at 360 px', { timeout: STEP_TIMEOUT }, async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		await login(page, YOUTH_USER, YOUTH_PASSWORD);
		await navTo(page, '#/my-file');
		await page.locator('h1', { hasText: 'Mijn dossier' }).waitFor();
		await page.locator('#file-youths').waitFor();
		assert.match(await page.locator('main').innerText(), /Je kunt het afdrukken/);
		// Headings and field names in words, dates written out: no column names.
		const headings = await page.locator('.file-table h2').allInnerTexts();
		// The file itself first, then the people around the young person, the plan, ...
		const order = await page.locator('.file-table h2').evaluateAll((hs) => hs.map((h) => h.id.slice('file-'.length)));
		assert.equal(order[0], 'youths', order.join(', '));
		assert.ok(order.indexOf('goals') < order.indexOf('goal_actions'), order.join(', '));
		// A number that points at a goal reads as the goal's title, without
		// the number, which means nothing to the young person.
		const action = page.locator('.file-table', { has: page.locator('#file-goal_actions') }).locator('.file-row', { hasText: 'Een boodschappenlijst maken' });
		assert.equal((await action.locator('.file-field', { hasText: /^doel/ }).locator('dd').innerText()).trim(),
			'Samen koken met mijn moeder');
		// Who made it: the name, with the role in the young person's words (not the account's number).
		assert.equal((await action.locator('.file-field', { hasText: /^gemaakt door/ }).locator('dd').innerText()).trim(),
			'Demo Hulpverlener (hulpverlener)');
		// (a table without words would show its lower-case database name)
		for (const h of headings) assert.match(h, /^[A-Z]/, `a table heading in words: ${h}`);
		const labels = await page.locator('.file-field dt').allInnerTexts();
		assert.ok(labels.includes('geboortedatum'), labels.join(', '));
		for (const l of labels) assert.doesNotMatch(l, /_| id$/, `a field name in words: ${l}`);
		const birth = page.locator('.file-table', { has: page.locator('#file-youths') }).locator('.file-field', { hasText: 'geboortedatum' }).locator('dd');
		assert.match(await birth.innerText(), /^\d{1,2} [a-z]+ \d{4}$/, 'a date in Dutch words');
		const youthField = (label) => page.locator('.file-table', { has: page.locator('#file-youths') }).locator('.file-field', { hasText: label }).locator('dd');
		assert.match(await youthField('juridisch kader').innerText(), /^[A-Z][a-z]+/, 'the words of a code such as ots');
		const values = await page.locator('.file-field dd').allInnerTexts();
		for (const v of values) assert.doesNotMatch(v, /^\d{4}-\d{2}-\d{2}T\d{2}:/, `a time written out: ${v}`);
		// Every code of the file (a status, a kind, an answer) in words: none as stored.
		// (A relation is written by the professional, in words already.)
		const FREE_TEXT = ['relation'];
		const file = await expect(server.base, 'GET', `/api/v1/youths/${ids.own}/export`, 200, {
			token: (await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: YOUTH_USER, password: YOUTH_PASSWORD } })).token,
		});
		const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.file-table')].map((sec) =>
			[sec.querySelector('h2').id.slice('file-'.length), [...sec.querySelectorAll('dl')].map((dl) => Object.fromEntries([...dl.querySelectorAll('.file-field')]
				.map((f) => [f.dataset.field, f.querySelector('dd').textContent])))])));
		const raw = [];
		let codes = 0;
		for (const [table, rows] of Object.entries(file.tables)) {
			rows.forEach((row, i) => Object.entries(row).forEach(([k, v]) => {
				if (typeof v !== 'string' || !/^[a-z]+(_[a-z]+)*$/.test(v) || FREE_TEXT.includes(k)) return;
				codes++;
				if (shown[table][i][k] === v) raw.push(`${table}.${k} = ${v}`);
			}));
		}
		assert.ok(codes >= 10, `the file holds codes to show in words (${codes})`);
		assert.deepEqual(raw, [], 'codes shown as stored');
		// A reason kring wrote itself in the history ("dossier opened", in English
		// in the database) reads in the reader's words; the file says which it is.
		const history = file.tables.youth_history;
		const written = history.filter((h) => h.cause);
		assert.ok(written.length >= 1, 'the history holds a reason kring wrote');
		const historyText = await page.locator('.file-table', { has: page.locator('#file-youth_history') }).innerText();
		for (const h of written) assert.ok(!historyText.includes(h.reason), `an English reason on the page: ${h.reason}`);
		assert.match(historyText, /reden\s+Dossier geopend/);
		assert.doesNotMatch(historyText, /\{|"code"/, 'no raw data of the reason');
		await assertNoHorizontalScroll(page, 'my file at 360 px');
		await assertAccessible(page, 'my file');
		assert.deepEqual(browser.pageErrors, []);
		assert.deepEqual(browser.cspErrors, []);
	});

	it('lets the young person ask for a correction, add their own words and ask for destruction', { timeout: STEP_TIMEOUT }, async () => {
		const inWords = (ymd) => new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
			.format(new Date(ymd + 'T00:00:00Z'));
		const rights = page.locator('#youth-rights');
		await rights.waitFor();
		// Nothing written: said at the field, nothing sent.
		await page.locator('#rights-correction button[type=submit]').click();
		await page.locator('#rights-correction-text-error', { hasText: 'Schrijf op wat er niet klopt' }).waitFor();
		await page.locator('#rights-correction-text').fill('Mijn achternaam schrijf je met een y.');
		await page.locator('#rights-correction button[type=submit]').click();
		const done = page.locator('#rights-done', { hasText: 'We hebben je vraag gekregen.' });
		await done.waitFor();
		assert.equal(await done.evaluate((el) => el === document.activeElement), true, 'the focus is on what happened');
		await page.locator('#rights-requests li', { hasText: /^Iets verbeteren, gevraagd op .*: we zijn ermee bezig, je krijgt uiterlijk .* antwoord\.$/ }).waitFor();
		assert.equal(await page.locator('#rights-correction-text').inputValue(), '');

		await page.locator('#rights-statement-text').fill('Ik ben het niet eens met het verslag van 3 maart.');
		await page.locator('#rights-statement button[type=submit]').click();
		await page.locator('#rights-done', { hasText: 'Je tekst staat nu in je dossier.' }).waitFor();
		await page.locator('.file-table', { hasText: 'Ik ben het niet eens met het verslag van 3 maart.' }).waitFor();

		// Destruction: behind a question; Escape takes it back.
		const open = page.locator('#rights-destruction-open');
		await open.click();
		await page.locator('#rights-destruction-q', { hasText: 'nooit meer terugkrijgen' }).waitFor();
		await page.keyboard.press('Escape');
		await open.waitFor();
		await open.click();
		await page.locator('#rights-destruction-yes').click();
		await page.locator('#rights-requests li', { hasText: 'Je dossier vernietigen' }).waitFor();
		const open2 = await expect(server.base, 'GET', '/api/v1/requests?status=open', 200, { token: await token('privacy') });
		const mine = open2.items.filter((q) => q.youth_id === ids.own && q.requested_by === 'youth');
		assert.ok(mine.some((q) => q.kind === 'correction' && q.note === 'Mijn achternaam schrijf je met een y.'), JSON.stringify(mine));
		const destruction = mine.find((q) => q.kind === 'destruction');
		assert.match(await page.locator('#rights-done').innerText(), new RegExp(`uiterlijk ${inWords(destruction.due_on)} antwoord`));
		assert.equal(destruction.requested_by, 'youth');
		await assertNoHorizontalScroll(page, 'my file with my rights at 360 px');
		await assertAccessible(page, 'my file with my rights');
	});

	it('shows the young person who looked, 50 visits at a time, and says the list holds the newest 1000', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(page, '#/access-log');
		await page.locator('h1', { hasText: 'Wie heeft jouw dossier bekeken?' }).waitFor();
		const items = page.locator('#access-log > li');
		await items.first().waitFor();
		assert.equal(await items.count(), 50);
		// The reads of the set-up: ten at a time by one person, in turns. Each is one visit that
		// says who, when, how often and what.
		const visits = [];
		for (const item of await items.all()) {
			visits.push({ times: (await item.locator('.access-times').allInnerTexts()).join(''),
				what: (await item.locator('.access-what').innerText()).trim(),
				when: await item.locator('.access-when').innerText(),
				who: (await item.locator('.access-who').innerText()).trim() });
		}
		const reads = visits.filter((v) => v.times === '10 keer');
		assert.ok(reads.length >= 45, JSON.stringify(visits.slice(0, 5)));
		for (const [i, v] of reads.entries()) {
			assert.equal(v.what, 'Bekeken: je gegevens');
			assert.match(v.when, /^\d{1,2} [a-z]+ \d{4} (om \d{2}:\d{2}|van \d{2}:\d{2} tot \d{2}:\d{2})/);
			if (i) assert.notEqual(v.who, reads[i - 1].who, 'the professional and the team lead in turns');
		}
		await page.locator('#access-more', { hasText: 'Laat er nog 50 zien' }).click();
		await page.waitForFunction(() => document.querySelectorAll('#access-log > li').length === 100);
		assert.match(await page.locator('#access-newest').innerText(), /nieuwste 1000/);
		await assertNoHorizontalScroll(page, 'access log at 360 px');
		await assertAccessible(page, 'access log, 100 shown');
	});

	it('shows the young person, in plain words, that the privacy officer read and copied who did what with their file', { timeout: STEP_TIMEOUT }, async () => {
		const po = await token('privacy');
		await expect(server.base, 'GET', `/api/v1/audit?youth_id=${ids.own}`, 200, { token: po });
		const csv = await call(server.base, 'GET', `/api/v1/audit.csv?youth_id=${ids.own}`, { token: po });
		assert.equal(csv.status, 200);
		await navTo(page, '#/my-file');
		await navTo(page, '#/access-log');
		const first = page.locator('#access-log > li').first();
		await first.locator('.access-who', { hasText: 'Demo Privacy Officer' }).waitFor();
		// one visit (the privacy officer's earlier reads of this file may be in it too), newest first
		const what = (await first.locator('.access-what li').allInnerTexts()).map((x) => x.trim());
		assert.deepEqual(what.slice(0, 2), ['Een kopie gemaakt: wie wat deed met je dossier', 'Bekeken: wie wat deed met je dossier'],
			JSON.stringify(what));
		assert.match(await first.innerText(), /controleert de privacy/);
		await assertNoHorizontalScroll(page, 'access log with the privacy officer at 360 px');
		await assertAccessible(page, 'access log with the privacy officer');
	});

	it('shows the young person their meetings in plain words at 360 px', { timeout: STEP_TIMEOUT }, async () => {
		const starts = new Date(Date.now() + 3 * 86400000);
		starts.setUTCHours(14, 0, 0, 0);
		const meeting = await expect(server.base, 'POST', `/api/v1/youths/${ids.own}/meetings`, 201, {
			token: await token('professional'),
			body: { kind: 'network', starts_at: starts.toISOString().replace('.000Z', 'Z'),
				ends_at: new Date(+starts + 3600000).toISOString().replace('.000Z', 'Z'), location: 'Buurthuis De Brug' },
		});
		await navTo(page, '#/my-meetings');
		await page.locator('h1', { hasText: 'Afspraken en overleg' }).waitFor();
		const card = page.locator('#jim-meetings li', { hasText: 'Buurthuis De Brug' });
		await card.waitFor();
		await assertNoHorizontalScroll(page, 'my meetings at 360 px');
		await assertAccessible(page, 'my meetings');
		await card.locator('a').click();
		await page.locator('h1', { hasText: 'Overleg met het netwerk' }).waitFor();
		assert.equal(new URL(page.url()).hash, `#/meetings/${meeting.id}`);
		assert.match(await page.locator('main').innerText(), /Waar: Buurthuis De Brug/);
		await assertAccessible(page, 'a meeting for the young person');
		await page.locator('.crumbs a').click();
		await page.locator('h1', { hasText: 'Afspraken en overleg' }).waitFor();
		assert.deepEqual(browser.pageErrors, []);
	});
});
