// The young person's and the JIM's screens on a phone (360x740), what a
// product review found:
// - the young person's home page starts with what comes next: their next
//   meeting (not one called off, not one that is over) with a link to it,
//   and what they said they would do; a plain line when no meeting is
//   planned;
// - a view of a goal sent empty is refused in plain words at the field,
//   which takes the focus (not "Tekst: vul iets in (niet te lang).");
// - a meeting that is not there (removed, or no longer to be seen) says so
//   in the words of the plain screens ("overleg", not "Vergadering niet
//   gevonden") and links to the young person's meetings.
// Set up through the API: the demo professional opens a dossier of a
// 16-year-old with an account, a goal and three meetings (one past, one
// called off, one to come with an action for the young person). axe-core on
// the pages it changes, no horizontal scroll; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plain-next.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, expect, browserWorld, todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, addDays, assertFocus,
} from './helpers.mjs';

const YOUTH_USER = 'jongere.sem';
const YOUTH_PASSWORD = 'Mijn-eigen-Wachtwoord-2026!';
const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3600000;
const DAY = 24 * HOUR;

describe('what comes next on the plain screens at 360 px', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('plain-next');
	let server;
	let token;
	let youthId;
	let goalId;
	let youthTotp = null;
	const meetings = {};
	let page;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a 16-year-old with an account, a goal, meetings and an action through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		({ token } = pro);
		const today = todayAmsterdam();
		youthId = (await apiYouth(base, pro, { given_name: 'Sem', family_name: 'Bakker',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, started_on: addDays(today, -30) })).id;
		const account = await expect(base, 'POST', `/api/v1/youths/${youthId}/account`, 201, { token, body: { username: YOUTH_USER } });
		youthTotp = (await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(account.invitation.token)}/accept`, 200,
			{ body: { password: YOUTH_PASSWORD } })).totp_secret || null;
		goalId = (await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
			{ token, body: { title: 'Elke dag naar school', author_kind: 'youth' } })).id;
		const meeting = async (startMs, location) => (await expect(base, 'POST', `/api/v1/youths/${youthId}/meetings`, 201, {
			token, body: { kind: 'network', starts_at: iso(startMs), ends_at: iso(startMs + HOUR), location },
		})).id;
		const at = (days, hour) => {
			const d = new Date(Date.now() + days * DAY);
			d.setUTCHours(hour, 0, 0, 0);
			return +d;
		};
		meetings.past = await meeting(at(-3, 9), 'School De Vonk');
		meetings.off = await meeting(at(2, 9), 'Stadhuis');
		meetings.next = await meeting(at(6, 13), 'Buurthuis De Brug');
		await expect(base, 'PATCH', `/api/v1/meetings/${meetings.off}`, 200, { token, body: { cancelled: true } });
		const session = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: YOUTH_USER, password: YOUTH_PASSWORD } });
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token: session.token });
		await expect(base, 'DELETE', '/api/v1/session', 204, { token: session.token });
		await expect(base, 'POST', `/api/v1/meetings/${meetings.next}/actions`, 201,
			{ token, body: { description: 'Mijn rooster meenemen', owner_user_id: me.id, due_date: addDays(today, 5) } });
	});

	it('starts the young person\'s home page with the next meeting and what they would do', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('youth'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, YOUTH_USER, YOUTH_PASSWORD, youthTotp);
		const next = page.locator('#next-meeting');
		await next.waitFor();
		assert.equal((await next.locator('h2').innerText()).trim(), NL['plain.next_meeting']);
		const text = await next.innerText();
		assert.match(text, /Buurthuis De Brug/, 'the meeting to come');
		assert.doesNotMatch(text, /Stadhuis|School De Vonk/, 'not one called off, not one that is over');
		assert.match(await next.locator('#next-meeting-link').getAttribute('href'), new RegExp(`#/meetings/${meetings.next}$`));
		// Written in words, as the rest of the plain screens: "woensdag 3 december 2026, 14:00 – 15:00".
		assert.match(text, /[a-z]+dag \d{1,2} [a-z]+ \d{4}, \d{2}:\d{2} – \d{2}:\d{2}/, text);
		const todo = page.locator('#myactions-title');
		await todo.waitFor();
		assert.equal((await todo.innerText()).trim(), NL['myactions.title_plain']);
		assert.match(await page.locator('main').innerText(), /Mijn rooster meenemen/);
		// First on the page: before the tiles to the other pages, in the first screen of the phone.
		const order = await page.locator('main').evaluate((m) => {
			const all = [...m.querySelectorAll('#next-meeting, #myactions-title, .tiles')];
			return all.map((el) => el.id || el.className);
		});
		assert.deepEqual(order, ['next-meeting', 'myactions-title', 'tiles']);
		const box = await next.boundingBox();
		assert.ok(box && box.y < 740, `the next meeting shows in the first screen (${JSON.stringify(box)})`);
		await page.locator('#next-meeting-link').click();
		await page.locator('h1', { hasText: NL['jim_meeting_kind.network'] || 'Overleg' }).waitFor();
		await page.goto(server.base + '/#/');
		await next.waitFor();
		await assertNoHorizontalScroll(page, 'youth home');
		await assertAccessible(page, 'youth home');
	});

	it('says so in plain words when no meeting is planned', { timeout: STEP_TIMEOUT }, async () => {
		await expect(server.base, 'PATCH', `/api/v1/meetings/${meetings.next}`, 200, { token, body: { cancelled: true } });
		await page.goto(server.base + '/#/my-plan');
		await page.locator('#plain-goals').waitFor();
		await page.goto(server.base + '/#/');
		const next = page.locator('#next-meeting');
		await next.waitFor();
		await next.getByText(NL['plain.no_next_meeting']).waitFor();
		assert.equal(await page.locator('#next-meeting-link').count(), 0);
	});

	it('refuses an empty view of a goal in plain words, with the focus at the field', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/my-plan');
		const goal = page.locator(`#goal-${goalId}`);
		await goal.waitFor();
		await page.locator(`#g${goalId}-view-open`).click();
		await page.locator(`#g${goalId}-view`).fill('   ');
		await goal.locator('button[type=submit]').click();
		const error = page.locator(`#g${goalId}-view-error`);
		await error.waitFor();
		assert.equal((await error.innerText()).trim(), NL['validation.view.text']);
		assert.doesNotMatch(await goal.innerText(), /Tekst:|niet te lang/, 'no generic text about a "Tekst" field');
		await assertFocus(page, page.locator(`#g${goalId}-view`), 'the text field takes the focus');
		assert.equal(await page.locator(`#g${goalId}-view`).getAttribute('aria-invalid'), 'true');
		await assertNoHorizontalScroll(page, 'my plan with an error');
		await assertAccessible(page, 'my plan with an error');
		// Written, it is saved and the field is empty again.
		await page.locator(`#g${goalId}-view`).fill('Het gaat beter.');
		await goal.locator('button[type=submit]').click();
		await goal.locator('li', { hasText: 'Het gaat beter.' }).waitFor();
		assert.equal(await page.locator(`#g${goalId}-view-error`).count(), 0);
	});

	it('tells the young person in plain words that a meeting is not there, and where to look', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/meetings/999999');
		const h1 = page.locator('h1#page-title');
		await page.locator('#meeting-not-found').waitFor();
		assert.equal((await h1.innerText()).trim(), NL['jim_meeting.not_found_title']);
		assert.doesNotMatch(await page.locator('main').innerText(), /[Vv]ergadering/, 'the plain screens say "overleg"');
		const link = page.locator('#meeting-not-found-link');
		assert.equal(await link.getAttribute('href'), '#/my-meetings');
		await assertAccessible(page, 'a meeting that is not there');
		await link.click();
		await page.locator('h1', { hasText: NL['jim_meeting.title'] }).waitFor();
	});

	itEndsCleanly(w);
});
