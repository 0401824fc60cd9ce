// The JIM's "Mijn jongere" and the caseworker's tables on a 360 px phone:
// - "Mijn jongere" starts with what the JIM needs now (the name, the next
//   meeting, "Activiteit vastleggen", their own open actions); the plan, how
//   it goes, the meetings and the shared notes are sections with a heading
//   button (aria-expanded) that are closed at first, so that the page at
//   360×740 is less than PAGE_MAX high (it was 3,288 px with everything
//   stacked); each opens and closes by keyboard, in turn with Tab, with a
//   visible focus, and shows its content; the headings go down one level at
//   a time; the texts are the catalogue's, in Dutch and English; an open
//   section stays open when the JIM comes back from a meeting;
// - every link and button in the data tables of the caseworker (the dossier
//   list, the team lead's hours of the JIMs of a team, the network of a
//   dossier) is at least 24×24 px (WCAG 2.2 SC 2.5.8), at 360 px and on a
//   desktop, where a row of the dossier list stays one line;
// - the history of a dossier at 360 px is one card per change (label:
//   value), without scrolling sideways in its box or the page; the browser's
//   accessibility tree still has the table with its column headers and cells;
//   on a desktop it is a table with its header row.
// On `kring demo` (the dossier list and the team's JIMs) with a young person
// set up through the API: every consent, three goals, two meetings with two
// actions for the JIM, three shared notes, outcomes and three changes in the
// dossier. axe-core on every page; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/phone-layout.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, login, expect, browserWorld,
	todayAmsterdam, itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, assertFocus, cli, menuPageLoaded,
} from './helpers.mjs';

const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));
const EN = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'en.json'), 'utf8'));
const JIM_USER = 'jim.sara';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
// The page with its sections closed: the header and the folded menu (about
// 200 px with the demo ribbon), the name, the next meeting, "Activiteit
// vastleggen", two open actions (some 250 px each) and four section headings
// come to about 1,520 px at 360 px wide.
// Less than 1,600 px is a little over two screens of 740 px, where the same
// page with everything stacked was 3,288 px (four and a half screens).
const PAGE_MAX = 1600;
// The sections: the id of their heading button and what shows once open.
const SECTIONS = [
	['jim-sec-plan', '#plain-goals'],
	['jim-sec-how', '#jim-outcomes'],
	['jim-sec-meetings', '#jim-meetings'],
	['jim-sec-notes', '#jim-notes'],
];

// tabTo presses Tab until the element with that id has the focus (at most
// `max` times) and says whether it got there.
async function tabTo(page, id, max = 60) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate(() => document.activeElement && document.activeElement.id) === id) return true;
	}
	return false;
}

// The links and buttons inside table.data elements of the page that are
// visible and less than 24×24 px, as "what: size" lines, and how many were
// measured.
function smallTableTargets(page) {
	return page.evaluate(() => {
		const out = [];
		let n = 0;
		for (const el of document.querySelectorAll('main table.data a[href], main table.data button')) {
			const r = el.getBoundingClientRect();
			if (!r.width || !r.height || el.closest('[hidden], .visually-hidden')) continue;
			n++;
			if (r.width < 24 || r.height < 24) {
				out.push(`${el.closest('table').id} ${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}": ${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10}`);
			}
		}
		return { out, n };
	});
}

// The roles Chromium gives the history table in its accessibility tree:
// {table, columnheaders: [names], cells}.
async function historyTree(page) {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { nodes } = await cdp.send('Accessibility.getFullAXTree');
		const role = (n) => n.role && n.role.value;
		const name = (n) => (n.name && n.name.value) || '';
		return {
			tables: nodes.filter((n) => role(n) === 'table').length,
			columnheaders: nodes.filter((n) => role(n) === 'columnheader').map(name),
			cells: nodes.filter((n) => role(n) === 'cell').length,
		};
	} finally {
		await cdp.detach();
	}
}

describe('the JIM\'s page and the caseworker\'s tables on a phone', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('phone-layout');
	let server;
	let pro;
	let youthId;
	let meetingId;
	let jim;
	const today = todayAmsterdam();

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '20', '--seed', '1']) });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a young person with a JIM, a plan, meetings, notes, outcomes and changes', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		const { token } = pro;
		youthId = (await apiYouth(base, pro, { given_name: 'Sara', family_name: 'Veldhuizen-Oosterbroek',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, started_on: addDays(today, -200) })).id;
		jim = await apiJim(base, pro, youthId, { name: 'Ria Oosterbroek', relation: 'tante', username: JIM_USER, password: JIM_PASSWORD });
		for (const scope of ['share_plan', 'share_meetings', 'share_notes_marked_shared', 'share_outcomes']) {
			await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201, { token, body: { scope, given_by: 'youth', given_on: today } });
		}
		for (const title of ['Elke dag naar school', 'Een bijbaan vinden', 'Weer voetballen bij de club']) {
			await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201, { token, body: { title, author_kind: 'youth' } });
		}
		for (const [days, text] of [[-1, 'Sara had een goede week op school.'], [-5, 'Gesprek over de bijbaan bij de bakker.'],
			[-9, 'Samen naar de training geweest.']]) {
			await expect(base, 'POST', `/api/v1/youths/${youthId}/journal`, 201,
				{ token, body: { occurred_on: addDays(today, days), kind: 'note', text, shared: true } });
		}
		await expect(base, 'POST', `/api/v1/youths/${youthId}/events`, 201, { token, body: { type: 'hospital', occurred_on: addDays(today, -20) } });
		for (const [field, value, reason] of [['living_situation', 'network_foster_care', 'Verhuisd naar haar tante in Zwolle-Zuid'],
			['legal_frame', 'ots', 'Uitspraak van de kinderrechter'], ['living_situation', 'home', 'Weer thuis bij moeder']]) {
			await expect(base, 'PATCH', `/api/v1/youths/${youthId}`, 200,
				{ token, body: { [field]: value, change_reason: reason, effective_on: addDays(today, -30) } });
		}
		for (const [name, relation] of [['Ria Oosterbroek', 'tante'], ['Henk Veldhuizen', 'vader']]) {
			await expect(base, 'POST', `/api/v1/youths/${youthId}/network`, 201, { token, body: { name, relation, has_custody: false } });
		}
		const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
		const session = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: JIM_USER, password: JIM_PASSWORD } });
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token: session.token });
		await expect(base, 'DELETE', '/api/v1/session', 204, { token: session.token });
		for (const days of [2, 16]) {
			const start = new Date(Date.now() + days * 86400000);
			start.setUTCHours(9, 0, 0, 0);
			const id = (await expect(base, 'POST', `/api/v1/youths/${youthId}/meetings`, 201, { token, body: {
				kind: 'network', starts_at: iso(start), ends_at: iso(new Date(+start + 3600000)), location: 'Wijkcentrum De Kring',
				agenda: 'Hoe gaat het op school',
			} })).id;
			meetingId = meetingId || id;
		}
		for (const description of ['Met Sara naar de sportclub', 'Rooster van school opvragen']) {
			await expect(base, 'POST', `/api/v1/meetings/${meetingId}/actions`, 201,
				{ token, body: { description, owner_user_id: me.id, due_date: addDays(today, 12) } });
		}
	});

	it('starts "Mijn jongere" with what the JIM needs now, the rest in closed sections', { timeout: STEP_TIMEOUT }, async (t) => {
		const { page } = await w.newBrowser('jim');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jim.totpSecret);
		await page.goto(server.base + '/#/my-youth');
		await menuPageLoaded(page, '#/my-youth');
		await page.locator('#next-meeting').waitFor();
		await page.locator('#my-actions li', { hasText: 'Rooster van school opvragen' }).waitFor();
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		t.diagnostic(`"Mijn jongere" at 360×740 with the sections closed: ${height} px high`);
		assert.ok(height < PAGE_MAX, `the page is ${height} px high at 360 px, less than ${PAGE_MAX}`);
		const log = page.locator('#jim-log-time');
		await log.waitFor();
		assert.equal((await log.innerText()).trim(), NL['jim.log_time']);
		assert.equal(await log.getAttribute('href'), '#/time/new', 'to the form on the hours page');
		const logBox = await log.boundingBox();
		assert.ok(logBox.y + logBox.height <= 740, `"Activiteit vastleggen" on the first screen (${logBox.y})`);
		assert.ok(logBox.height >= 44, `"Activiteit vastleggen" is finger size (${logBox.height})`);
		// the order: what now, then the sections
		const order = await page.locator('main').evaluate((m) => [...m.querySelectorAll('#next-meeting, #jim-log-time, #my-actions, [id^=jim-sec-]')]
			.map((e) => e.id).filter((id) => !id.endsWith('-panel')));
		assert.deepEqual(order, ['next-meeting', 'jim-log-time', 'my-actions', ...SECTIONS.map(([id]) => id)]);
		for (const [id, content] of SECTIONS) {
			const button = page.locator('#' + id);
			assert.equal(await button.getAttribute('aria-expanded'), 'false', `${id} is closed at first`);
			assert.equal(await button.evaluate((b) => b.parentElement.tagName), 'H2', `${id} is a heading`);
			assert.ok(!(await page.locator(content).isVisible()), `${content} is not shown while ${id} is closed`);
		}
		await assertNoHorizontalScroll(page, 'my youth, sections closed');
		await assertAccessible(page, 'my youth, sections closed');

		// By keyboard: Tab to each heading button in turn, Enter or Space opens it.
		await page.locator('#page-title').focus();
		for (const [i, [id, content]] of SECTIONS.entries()) {
			assert.ok(await tabTo(page, id), `Tab reaches ${id}`);
			const outline = await page.locator('#' + id).evaluate((b) => getComputedStyle(b).outlineStyle);
			assert.notEqual(outline, 'none', `${id}: the focus is visible`);
			await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
			await page.locator(content).waitFor();
			assert.equal(await page.locator('#' + id).getAttribute('aria-expanded'), 'true', `${id} is open`);
			await assertFocus(page, page.locator('#' + id), `${id} keeps the focus`);
		}
		assert.match(await page.locator('#plain-goals').innerText(), /Een bijbaan vinden/);
		assert.match(await page.locator('#jim-outcomes').innerText(), /Ziekenhuisopname/);
		assert.equal(await page.locator('#jim-meetings > li').count(), 2);
		assert.match(await page.locator('#jim-notes').innerText(), /Samen naar de training geweest\./);
		const levels = await page.locator('main').evaluate((m) => [...m.querySelectorAll('h1, h2, h3, h4, h5, h6')]
			.filter((h) => h.getClientRects().length).map((h) => Number(h.tagName[1])));
		for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `headings in order: ${levels.join(' ')}`);
		await assertNoHorizontalScroll(page, 'my youth, sections open');
		await assertAccessible(page, 'my youth, sections open');

		// In English from the catalogue too.
		await page.locator('#lang-switch').click();
		await page.locator('#jim-log-time', { hasText: EN['jim.log_time'] }).waitFor();
		assert.equal((await page.locator('#jim-sec-plan').innerText()).trim(), EN['jim.plan']);
		assert.equal((await page.locator('#jim-sec-how').innerText()).trim(), EN['jim.how_it_goes_name'].replace('{name}', 'Sara'));
		await page.locator('#lang-switch').click();
		await page.locator('#jim-log-time', { hasText: NL['jim.log_time'] }).waitFor();

		// Enter closes a section again.
		await page.locator('#jim-sec-notes').focus();
		await page.keyboard.press('Enter');
		await page.locator('#jim-notes').waitFor({ state: 'hidden' });
		assert.equal(await page.locator('#jim-sec-notes').getAttribute('aria-expanded'), 'false');

		// Back from a meeting, the meetings are still open.
		await page.locator(`#jim-meetings a[href="#/meetings/${meetingId}"]`).click();
		await page.locator('#ics-link').waitFor();
		await page.goBack();
		await page.locator('#jim-meetings').waitFor();
		assert.equal(await page.locator('#jim-sec-meetings').getAttribute('aria-expanded'), 'true');
		assert.equal(await page.locator('#jim-sec-notes').getAttribute('aria-expanded'), 'false');
	});

	it('gives every link and button in the caseworker\'s tables 24×24 px, on a phone and a desktop', { timeout: STEP_TIMEOUT }, async () => {
		const pages = [
			['professional', '#/dossiers', '#dossier-table tbody a'],
			['professional', `#/youths/${youthId}/network`, '#network-table tbody button'],
			['teamlead', '#/', 'table.team-totals-table tbody a'],
			['teamlead', '#/dossiers', '#dossier-table tbody a'],
		];
		const problems = [];
		let measured = 0;
		const browsers = {};
		for (const [user, hash, ready] of pages) {
			if (!browsers[user]) {
				const { page } = await w.newBrowser('tables-' + user);
				await page.goto(server.base + '/');
				await login(page, user, DEMO_PASSWORD);
				browsers[user] = page;
			}
			const page = browsers[user];
			for (const width of [360, 1280]) {
				await page.setViewportSize({ width, height: 740 });
				await page.goto(server.base + '/' + hash);
				await page.locator(ready).first().waitFor();
				const { out, n } = await smallTableTargets(page);
				measured += n;
				for (const p of out) problems.push(`${user} ${hash} at ${width}: ${p}`);
				if (width === 360) await assertNoHorizontalScroll(page, `${user} ${hash}`);
				if (hash === '#/dossiers' && width === 1280) {
					// a row of the dossier list stays one line high on a desktop
					const heights = await page.locator('#dossier-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
					assert.ok(Math.max(...heights) < 56, `rows of the dossier list at 1280 px: ${Math.max(...heights)} px high`);
				}
				await assertAccessible(page, `${user} ${hash} at ${width}`);
			}
		}
		assert.deepEqual(problems, []);
		assert.ok(measured >= 30, `links and buttons measured in the tables: ${measured}`);
	});

	it('shows the history of a dossier as cards at 360 px, without scrolling sideways', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('history');
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + `/#/youths/${youthId}`);
		const table = page.locator('#history-table');
		await table.locator('tbody tr').first().waitFor();
		const rows = await table.locator('tbody tr').count();
		assert.ok(rows >= 3, `changes in the history: ${rows}`);
		const box = await table.evaluate((t) => {
			const wrap = t.closest('.table-wrap');
			return { scroll: wrap.scrollWidth, client: wrap.clientWidth };
		});
		assert.ok(box.scroll <= box.client, `the history's box scrolls sideways: ${box.scroll} > ${box.client}`);
		await assertNoHorizontalScroll(page, 'history at 360 px');
		// each cell says what it is: its label before its value, on the screen
		const labels = ['history.effective_on', 'history.field', 'history.value', 'history.reason', 'history.changed_by'].map((k) => NL[k]);
		const cells = await table.locator('tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => ({
			label: td.getAttribute('data-label'),
			before: getComputedStyle(td, '::before').content,
			left: td.getBoundingClientRect().left,
		})));
		assert.deepEqual(cells.map((c) => c.label), labels, 'every cell has its label');
		for (const c of cells) assert.match(c.before, new RegExp(c.label), `"${c.label}" shows before the value`);
		assert.equal(new Set(cells.map((c) => Math.round(c.left))).size, 1, 'the cells of a change are stacked, one under the other');
		assert.ok(!(await table.locator('thead').isVisible()) || (await table.locator('thead').boundingBox()).height <= 1,
			'the header row is not shown on a phone');
		const tree = await historyTree(page);
		assert.ok(tree.tables >= 1, 'a table for screen readers');
		for (const l of labels) assert.ok(tree.columnheaders.includes(l), `column header "${l}" for screen readers (${tree.columnheaders})`);
		assert.ok(tree.cells >= rows * labels.length, `cells for screen readers: ${tree.cells}`);
		await assertAccessible(page, 'history at 360 px');

		// On a desktop it is a table with its header row.
		await page.setViewportSize({ width: 1280, height: 800 });
		await table.locator('thead').waitFor();
		const lefts = await table.locator('tbody tr').first().locator('td')
			.evaluateAll((tds) => tds.map((td) => Math.round(td.getBoundingClientRect().left)));
		assert.equal(new Set(lefts).size, labels.length, 'side by side on a desktop');
		assert.equal(await table.locator('tbody tr').first().locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content), 'none',
			'no label in the cell on a desktop');
	});

	itEndsCleanly(w);
});
