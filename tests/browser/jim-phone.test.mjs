// The JIM's screens on a phone (360x740), four things a review found:
// - the kind of an activity ("Wat was het?") shows every choice in full,
//   inside the screen, not cut off as in a select;
// - every link, button and field on the JIM's pages is at least 24×24 CSS
//   px (WCAG 2.2 SC 2.5.8), the primary buttons 44 px high: measured on
//   each page, so that a new small link fails here;
// - the week totals and the printed meeting summary write dates in words
//   in the user's language ("week van 2 maart 2026", "uiterlijk ...");
// - "Klaar" on an action the JIM owns can be taken back ("Toch niet
//   klaar"): the action is open again, in the list and in the API.
// Set up through the API: the demo professional opens a dossier of a
// 16-year-old, makes an active JIM with every consent, a meeting with two
// actions for the JIM; the JIM has entries in three weeks, a cost and a
// statement. axe-core on the pages it changes; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/jim-phone.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, expect, browserWorld, todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, assertFocus, openSection,
} from './helpers.mjs';

const JIM_USER = 'jim.noor';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));
const KINDS = ['contact', 'phone', 'travel', 'meeting', 'other'];
const NUMERIC_DATE = /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b/;

// A calendar day in words, as the page should write it ("2 maart 2026").
const inWords = (ymd, locale = 'nl-NL') => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
	.format(new Date(ymd + 'T00:00:00Z'));
const mondayOf = (ymd) => addDays(ymd, -((new Date(ymd + 'T00:00:00Z').getUTCDay() + 6) % 7));

// assertKindsFit: the kind choice `id` (a fieldset of radio buttons) lies
// inside the 360 px screen and every kind's text shows in full: on the
// screen without opening anything, not cut off, inside the screen.
async function assertKindsFit(page, id, what) {
	const group = page.locator('#' + id);
	const box = await group.boundingBox();
	assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${what}: the choice lies within the screen (${JSON.stringify(box)})`);
	for (const k of KINDS) {
		const text = NL['activity_kind.' + k];
		const shown = group.getByText(text, { exact: true });
		assert.equal(await shown.count(), 1, `${what}: "${text}" is there once`);
		assert.ok(await shown.isVisible(), `${what}: "${text}" shows without opening anything`);
		const fit = await shown.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return { left: r.left, right: r.right, clipped: el.scrollWidth > el.clientWidth + 1 };
		});
		assert.ok(fit.left >= 0 && fit.right <= 360, `${what}: "${text}" within the screen (${fit.left}–${fit.right})`);
		assert.ok(!fit.clipped, `${what}: "${text}" is not cut off`);
	}
	await assertNoHorizontalScroll(page, what);
}

// smallTargets: every visible link, button, field and other focusable thing
// on the page less than 24×24 CSS px, and every primary button less than
// 44 px high, as "what: size" lines.
function smallTargets(page) {
	return page.evaluate(() => {
		const out = [];
		const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
		for (const el of document.querySelectorAll(sel)) {
			const r = el.getBoundingClientRect();
			const css = getComputedStyle(el);
			if (!r.width || !r.height || css.visibility === 'hidden' || el.closest('[hidden], .visually-hidden')) continue;
			const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.value || '').trim().slice(0, 40)}"`;
			const size = `${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10}`;
			if (r.width < 24 || r.height < 24) out.push(`${name}: ${size}, less than 24×24`);
			else if (el.classList.contains('primary') && r.height < 44) out.push(`${name}: ${size}, a primary action less than 44 high`);
		}
		return out;
	});
}

describe('the JIM\'s screens on a phone', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('jim-phone');
	let server;
	let page;
	let pro;
	let jimId;
	let statementId;
	let meetingId;
	let due;
	let undoAction;
	const today = todayAmsterdam();

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a JIM with entries, a cost, a statement and a meeting with actions', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		const { token } = pro;
		const youthId = (await apiYouth(base, pro, { given_name: 'Noor', family_name: 'Smit',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01` })).id;
		const jim = await apiJim(base, pro, youthId, { name: 'Kees Smit', relation: 'oom', username: JIM_USER, password: JIM_PASSWORD });
		jimId = jim.jimId;
		for (const scope of ['share_plan', 'share_meetings', 'share_notes_marked_shared', 'share_outcomes']) {
			await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201, { token, body: { scope, given_by: 'youth', given_on: today } });
		}
		await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201, { token, body: { title: 'Elke dag naar school', author_kind: 'youth' } });
		const session = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: JIM_USER, password: JIM_PASSWORD } });
		const jt = session.token;
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token: jt });
		for (const [days, minutes, kind] of [[0, 30, 'phone'], [-8, 60, 'contact'], [-15, 45, 'travel']]) {
			await expect(base, 'POST', `/api/v1/jims/${jimId}/activities`, 201, { token: jt, body: { date: addDays(today, days), minutes, km: 5, kind } });
		}
		await expect(base, 'POST', `/api/v1/jims/${jimId}/costs`, 201, { token: jt, body: { date: addDays(today, -8), amount_cents: 450, description: 'Parkeren' } });
		statementId = (await expect(base, 'POST', `/api/v1/jims/${jimId}/statements`, 201,
			{ token: jt, body: { from: addDays(today, -16), to: addDays(today, -7) } })).id;
		const start = new Date(Date.now() + 2 * 86400000);
		start.setUTCHours(9, 0, 0, 0);
		const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
		meetingId = (await expect(base, 'POST', `/api/v1/youths/${youthId}/meetings`, 201, { token, body: {
			kind: 'network', starts_at: iso(start), ends_at: iso(new Date(+start + 3600000)), location: 'Wijkcentrum De Kring', agenda: 'Hoe gaat het op school',
		} })).id;
		due = addDays(today, 12);
		await expect(base, 'POST', `/api/v1/meetings/${meetingId}/actions`, 201,
			{ token, body: { description: 'Met Noor naar de sportclub', owner_user_id: me.id, due_date: due } });
		undoAction = await expect(base, 'POST', `/api/v1/meetings/${meetingId}/actions`, 201,
			{ token, body: { description: 'Rooster van school opvragen', owner_user_id: me.id } });
		await expect(base, 'DELETE', '/api/v1/session', 204, { token: jt });

		({ page } = await w.newBrowser('jim'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jim.totpSecret);
	});

	it('shows every kind of activity in full at 360 px, in the new entry and in a change', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/time');
		await page.locator('#log-form').waitFor();
		await assertKindsFit(page, 'log-kind', 'new entry');
		// Chosen by its text (a tap on it), and saved with that kind.
		await page.locator('#log-minutes').fill('20');
		await page.locator('#log-kind').getByText(NL['activity_kind.meeting'], { exact: true }).click();
		assert.ok(await page.locator('#log-kind-meeting').isChecked(), 'the tapped kind is chosen');
		await page.locator('#log-note').fill('Overleg met school');
		await page.locator('#log-form button[type=submit]').click();
		const item = page.locator('#activities li', { hasText: 'Overleg met school' });
		await item.waitFor();
		const saved = await expect(server.base, 'GET', `/api/v1/jims/${jimId}/activities?from=${today}&to=${today}`, 200, { token: pro.token });
		assert.equal(saved.items.find((a) => a.note === 'Overleg met school').kind, 'meeting');
		await assertAccessible(page, 'JIM time page');

		await item.locator('button', { hasText: 'Veranderen' }).click();
		const p = (await item.getAttribute('id')).replace('activity-', 'a') + '-';
		await page.locator('#' + p + 'kind').waitFor();
		assert.ok(await page.locator('#' + p + 'kind-meeting').isChecked(), 'a change starts from the saved kind');
		await assertKindsFit(page, p + 'kind', 'changing an entry');
		await assertAccessible(page, 'JIM time page (changing an entry)');
		await item.locator('button', { hasText: 'Annuleren' }).click();
	});

	it('has no link, button or field smaller than 24×24 px on the JIM\'s pages, primary buttons 44 px high', { timeout: STEP_TIMEOUT }, async () => {
		const pages = [
			['#/', '#my-actions li'],
			['#/my-youth', '#jim-meetings a'],
			['#/time', '#activities li'],
			['#/expenses', '#statements li'],
			['#/check-in', '#checkin-form'],
			[`#/statements/${statementId}`, '#statement-lines'],
			[`#/meetings/${meetingId}`, '#ics-link'],
			[`#/meetings/${meetingId}/summary`, '#meeting-summary h1'],
		];
		const problems = [];
		let measured = 0;
		for (const [hash, ready] of pages) {
			await page.goto(server.base + '/' + hash);
			// "Mijn jongere": the meetings are in a section, closed at first
			if (hash === '#/my-youth') await openSection(page, 'jim-sec-meetings');
			await page.locator(ready).first().waitFor();
			// Folded parts too (the sections, the weeks, earlier meetings): open every disclosure.
			await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
			const closed = page.locator('main .section-toggle[aria-expanded=false]');
			while (await closed.count()) await closed.first().click();
			measured += await page.locator('main a[href], main button').count();
			for (const p of await smallTargets(page)) problems.push(`${hash}: ${p}`);
		}
		assert.ok(measured >= 30, `links and buttons measured in the pages: ${measured}`);
		assert.deepEqual(problems, []);
	});

	it('writes the dates of the week totals in words', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/time');
		const rows = page.locator('#weeks-table tbody tr');
		await rows.first().waitFor({ state: 'attached' });
		await page.locator('#jim-totals summary').click();
		const weeks = await rows.evaluateAll((trs) => trs.map((tr) => tr.cells[0].innerText.trim()));
		assert.ok(weeks.length >= 3, `weeks: ${weeks}`);
		assert.equal(weeks[0], `week van ${inWords(mondayOf(today))}`, 'this week first, its Monday in words');
		assert.ok(weeks.includes(`week van ${inWords(mondayOf(addDays(today, -15)))}`), `the week of 15 days ago in ${weeks}`);
		const table = await page.locator('#weeks-table').innerText();
		assert.doesNotMatch(table, NUMERIC_DATE, 'no date as numbers');
		await assertNoHorizontalScroll(page, 'JIM time page with the weeks open');
		await assertAccessible(page, 'JIM time page with the weeks open');
	});

	it('writes the dates of the printed meeting summary in words, in Dutch and in English', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + `/#/meetings/${meetingId}`);
		await page.locator('main a', { hasText: 'Verslag bekijken of afdrukken' }).click();
		const summary = page.locator('#meeting-summary');
		await summary.locator('h1', { hasText: 'Verslag' }).waitFor();
		let text = await summary.innerText();
		assert.match(text, new RegExp(`Met Noor naar de sportclub – .*, uiterlijk ${inWords(due)}`), 'the due date in words');
		assert.match(text, new RegExp(`Gemaakt op ${inWords(today)} om \\d{2}:\\d{2}`), 'the day it was made in words');
		assert.doesNotMatch(text, NUMERIC_DATE, 'no date as numbers');
		await assertAccessible(page, 'meeting summary (JIM)');
		await assertNoHorizontalScroll(page, 'meeting summary (JIM)');

		await page.locator('#lang-switch').click();
		await summary.locator('h1', { hasText: 'Summary' }).waitFor();
		text = await summary.innerText();
		assert.match(text, new RegExp(`due ${inWords(due, 'en-GB')}`), 'the due date in English words');
		assert.match(text, new RegExp(`${inWords(today, 'en-GB')} at \\d{2}:\\d{2}`));
		assert.doesNotMatch(text, NUMERIC_DATE);
		await page.locator('#lang-switch').click();
		await summary.locator('h1', { hasText: 'Verslag' }).waitFor();
	});

	it('takes "Klaar" on an action back with "Toch niet klaar"', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/');
		const action = page.locator('#my-actions li', { hasText: 'Rooster van school opvragen' });
		await action.waitFor();
		await action.locator('button', { hasText: 'Klaar' }).click();
		await action.waitFor({ state: 'detached' });
		const said = page.locator('#myactions-message', { hasText: 'De actie staat op klaar.' });
		await said.waitFor();
		await assertFocus(page, said, 'the focus is on what was saved');
		const undo = page.locator('#myactions-undo');
		assert.equal(await undo.innerText(), 'Toch niet klaar');
		const box = await undo.boundingBox();
		assert.ok(box.height >= 44 && box.width >= 44, `a finger-size button (${box.width}×${box.height})`);
		let m = await expect(server.base, 'GET', `/api/v1/meetings/${meetingId}`, 200, { token: pro.token });
		assert.ok(m.actions.find((a) => a.id === undoAction.id).done_at, 'done in the API');
		await assertAccessible(page, 'JIM home (action done, with undo)');
		await assertNoHorizontalScroll(page, 'JIM home (action done, with undo)');

		// By keyboard: from the message to "Toch niet klaar".
		await page.keyboard.press('Tab');
		await assertFocus(page, undo, 'Tab from the message goes to "Toch niet klaar"');
		await page.keyboard.press('Enter');
		await page.locator('#myactions-message', { hasText: 'De actie staat weer open.' }).waitFor();
		await action.waitFor();
		assert.equal(await undo.count(), 0, 'nothing more to take back');
		m = await expect(server.base, 'GET', `/api/v1/meetings/${meetingId}`, 200, { token: pro.token });
		assert.equal(m.actions.find((a) => a.id === undoAction.id).done_at, null, 'open again in the API');
		await assertAccessible(page, 'JIM home (action open again)');

		// And done once more, for real.
		await action.locator('button', { hasText: 'Klaar' }).click();
		await action.waitFor({ state: 'detached' });
		await page.locator('#myactions-undo').waitFor();
	});

	itEndsCleanly(w);
});
