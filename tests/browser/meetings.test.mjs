// Headless-browser walk through the other JIM-support screens
// (docs/api-jim-support.md) against a real `kring serve --demo`: the JIM's
// expenses (a cost with a receipt note, a statement with km × rate, the
// printable statement and the CSV link), the professional's "JIM-uren"
// section (approve the statement), meetings on the dossier (a new meeting
// in Amsterdam time, participants from kring and from outside, attendance,
// minutes, a decision that also updates the dossier, an action with an
// owner and due date, the .ics link and the printable summary), "my open
// actions" on the home page, the calendar feed in the settings, the JIM's
// read-only view of a shared meeting, and the admin's organisation
// settings. axe-core on every page; no horizontal scroll at 360 px on the
// JIM pages; a clean SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import {
	DEMO_PASSWORD, XSS, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, assertFocus, login, call, expect, browserWorld,
	todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, navTo, openSection,
} from './helpers.mjs';

const JIM_USER = 'jim.fatima';
const JIM_NAME = 'Fatima El Amrani';
const JIM_PASSWORD = 'een lang wachtwoord 2026';


// Fetches a same-origin URL inside the page (with its session cookie).
async function fetchInPage(page, href) {
	return page.evaluate(async (u) => {
		const r = await fetch(u, { credentials: 'same-origin' });
		return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
	}, href);
}

describe('expenses, meetings, calendar feed and settings in a real browser', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('meet');
	let server;
	let youthId;
	let jimPage;
	let proPage;
	let meetingId;

	const newBrowser = (name) => w.newBrowser(name);

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a 16-year-old with an active JIM who may see meetings', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		const { token } = pro;
		const today = todayAmsterdam();
		youthId = (await apiYouth(base, pro, { given_name: 'Daan', family_name: 'Jansen',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, municipality: 'Zwolle' })).id;
		await apiJim(base, pro, youthId, { name: JIM_NAME, relation: 'buurvrouw', username: JIM_USER, password: JIM_PASSWORD });
		// 16 and over: the young person's own consent is enough.
		await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token, body: { scope: 'share_meetings', given_by: 'youth', given_on: today } });
	});

	it('lets the JIM add a cost, make a statement and open it to print', { timeout: STEP_TIMEOUT }, async () => {
		({ page: jimPage } = await newBrowser('jim'));
		const page = jimPage;
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, JIM_USER, JIM_PASSWORD);

		// Kilometres first, so that the statement has a km part.
		await navTo(page, 'Tijd en kilometers');
		await page.locator('#log-minutes').fill('45');
		await page.locator('#log-km').fill('10');
		await page.locator('#log-kind-travel').check();
		await page.locator('#log-form button[type=submit]').click();
		const entry = page.locator('#activities li', { hasText: '45 minuten' });
		await entry.waitFor();
		// Changing an entry without a note (an empty note is sent as null).
		await entry.locator('button', { hasText: 'Veranderen' }).click();
		const id = (await entry.getAttribute('id')).replace('activity-', '');
		await page.locator(`#a${id}-minutes`).fill('50');
		await entry.locator('button', { hasText: 'Verandering opslaan' }).click();
		await page.locator(`#activity-${id}`, { hasText: '50 minuten' }).waitFor();

		await navTo(page, 'Onkosten');
		await page.locator('h1', { hasText: 'Onkosten' }).waitFor();
		await page.locator('#cost-amount').fill('4,5x');
		await page.locator('#cost-description').fill('Parkeren bij school');
		await page.locator('#cost-form button[type=submit]').click();
		await page.locator('#cost-amount-error').waitFor();
		await page.locator('#cost-amount').fill('4,50');
		await page.locator('#cost-receipt').fill('foto op mijn telefoon ' + XSS);
		await page.locator('#cost-form button[type=submit]').click();
		await page.locator('#costs li', { hasText: 'Parkeren bij school' }).waitFor();
		assert.match(await page.locator('#costs li').first().innerText(), /€\s?4,50/);
		assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
		await assertAccessible(page, 'JIM expenses page');
		await assertNoHorizontalScroll(page, 'JIM expenses page');

		// A cost typed wrongly (450 euro instead of 4,50) is taken away again.
		await page.locator('#cost-amount').fill('450');
		await page.locator('#cost-description').fill('Verkeerd bedrag');
		await page.locator('#cost-form button[type=submit]').click();
		const wrong = page.locator('#costs li', { hasText: 'Verkeerd bedrag' });
		await wrong.waitFor();
		await wrong.locator('button', { hasText: 'Weghalen' }).click();
		await wrong.locator('button', { hasText: 'Ja, weghalen' }).click();
		await page.locator('#costs-message', { hasText: 'Weggehaald.' }).waitFor();
		await wrong.waitFor({ state: 'detached' });
		assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'costs-title');
		await page.locator('#costs li', { hasText: 'Parkeren bij school' }).waitFor();

		// A statement for this month: 10 km × € 0,23 = € 2,30, plus € 4,50.
		await page.locator('#statement-form button', { hasText: 'Deze maand' }).click();
		await page.locator('#statement-form button[type=submit]').click();
		await page.locator('#stmt-confirm').click();
		const card = page.locator('#statements li.statement').first();
		await card.waitFor();
		const text = await card.innerText();
		assert.match(text, /10 km × €\s?0,23 = €\s?2,30/);
		assert.match(text, /€\s?6,80/);
		assert.match(text, /Verstuurd/);
		// The same period again overlaps: a plain message before anything is
		// asked (the preview answers as sending would), no second statement.
		await page.locator('#statement-form button[type=submit]').click();
		await page.locator('#statement-message', { hasText: 'al een declaratie' }).waitFor();
		assert.equal(await page.locator('#stmt-confirm-box').count(), 0);
		assert.equal(await page.locator('#statements li.statement').count(), 1);
		const csv = await fetchInPage(page, await page.locator('#csv-link').getAttribute('href'));
		assert.equal(csv.status, 200, 'the CSV link works with the session cookie');
		assert.match(csv.type, /text\/csv/);
		assert.match(csv.text, /Datum;Soort;Minuten;Kilometers/);

		await card.locator('a', { hasText: 'Bekijken en afdrukken' }).click();
		await page.locator('h1', { hasText: 'Declaratie' }).waitFor();
		await page.locator('#statement-lines li', { hasText: 'Parkeren bij school' }).waitFor();
		await page.locator('#print-button').waitFor();
		await page.emulateMedia({ media: 'print' });
		assert.equal(await page.locator('.main-nav').isVisible(), false, 'print hides the navigation');
		assert.equal(await page.locator('#print-button').isVisible(), false, 'print hides the buttons');
		await page.emulateMedia({ media: 'screen' });
		await assertAccessible(page, 'JIM statement page');
		await assertNoHorizontalScroll(page, 'JIM statement page');
	});

	it('lets the professional approve the statement in the dossier\'s JIM hours', { timeout: STEP_TIMEOUT }, async () => {
		({ page: proPage } = await newBrowser('professional'));
		const page = proPage;
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}/hours`);
		await page.locator('#tab-title', { hasText: 'JIM-uren' }).waitFor();
		await page.locator('#hours-activities td', { hasText: '50 minuten' }).waitFor();
		const card = page.locator('#hours-statements li.statement').first();
		await card.waitFor();
		await assertAccessible(page, 'dossier JIM hours');
		await card.locator('button', { hasText: 'Afkeuren' }).click();
		await card.locator('.field-error').waitFor(); // rejecting needs a note
		await card.locator('button', { hasText: 'Goedkeuren' }).click();
		await card.locator('.badge', { hasText: 'Goedgekeurd' }).waitFor();
	});

	it('plans a meeting with participants, a decision that updates the dossier and an action', { timeout: STEP_TIMEOUT }, async () => {
		const page = proPage;
		await page.locator('#tab-meetings').click();
		await page.locator('#tab-title', { hasText: 'Vergaderingen' }).waitFor();
		await page.locator('#new-meeting summary').click();
		await page.locator('#mt-kind').selectOption('safety_table');
		// Today from 00:00 to 23:59: it has begun (a decision may change the
		// dossier) and is still upcoming for the JIM.
		await page.locator('#mt-date').fill(todayAmsterdam());
		await page.locator('#mt-start').fill('00:00');
		await page.locator('#mt-end').fill('23:59');
		await page.locator('#mt-location').fill('Stadhuis Zwolle, zaal 2');
		await page.locator('#mt-agenda').fill('1. Veiligheid thuis\n2. School');
		await assertAccessible(page, 'dossier meetings with the form open');
		await page.locator('#new-meeting button[type=submit]').click();
		await page.waitForURL(/#\/meetings\/\d+$/);
		meetingId = /#\/meetings\/(\d+)/.exec(page.url())[1];
		await page.locator('h1', { hasText: 'Veiligheidstafel' }).waitFor();
		await page.locator('#meeting-facts', { hasText: '00:00 – 23:59' }).waitFor();
		const meeting = await page.evaluate(async (id) => (await fetch('/api/v1/meetings/' + id)).json(), meetingId);
		const local = (iso) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23' }).slice(0, 16);
		assert.match(meeting.starts_at, /Z$/, 'start sent as UTC');
		assert.equal(local(meeting.starts_at), `${todayAmsterdam()} 00:00`, 'start is 00:00 in Amsterdam');
		assert.equal(local(meeting.ends_at), `${todayAmsterdam()} 23:59`);

		// Participants: I planned it, so I take part already; then the JIM and
		// someone from outside.
		await page.locator('#participants label', { hasText: 'Demo Hulpverlener' }).waitFor();
		await page.locator('#add-participant summary').click();
		assert.equal(await page.locator('#pt-who option[value=me]').count(), 0, 'no "myself" to add: I take part already');
		await page.locator('#pt-who').selectOption('jim');
		await page.locator('#add-participant button[type=submit]').click();
		await page.locator('#participants label', { hasText: JIM_NAME }).waitFor();
		// a colleague is chosen by name, from the young person's team only
		await page.locator('#pt-who').selectOption('user');
		const colleague = page.locator('#pt-user');
		await colleague.waitFor();
		const names = await colleague.locator('option').allInnerTexts();
		assert.ok(names.includes('Demo Gedragswetenschapper'), `the team lead of the team: ${names}`);
		assert.ok(!names.includes('Demo Hulpverlener'), 'not me: I take part already');
		assert.ok(!names.includes(JIM_NAME), 'the JIM has a choice of their own');
		await page.locator('#add-participant button[type=submit]').click();
		await page.locator('#pt-user-error').waitFor();
		await assertFocus(page, colleague, 'nobody chosen: the focus is on the list');
		await colleague.selectOption({ label: 'Demo Gedragswetenschapper' });
		await page.locator('#add-participant button[type=submit]').click();
		await page.locator('#participants label', { hasText: 'Demo Gedragswetenschapper' }).waitFor();
		await page.locator('#pt-who').selectOption('outside');
		await page.locator('#pt-name').fill('Joke de Raad');
		await page.locator('#pt-organisation').fill('Raad voor de Kinderbescherming');
		await page.locator('#pt-role').fill('raadsonderzoeker');
		await page.locator('#add-participant button[type=submit]').click();
		const joke = page.locator('#participants .check', { hasText: 'Joke de Raad' });
		await joke.waitFor();
		await joke.locator('input').check();
		await page.locator('#attendance-message', { hasText: 'Joke de Raad staat op aanwezig' }).waitFor();
		const saved = await page.evaluate(async (id) => (await fetch('/api/v1/meetings/' + id)).json(), meetingId);
		assert.equal(saved.participants.find((p) => p.name === 'Joke de Raad').attended, true, 'attendance saved');
		assert.ok(await joke.locator('input').isChecked());

		await page.locator('#mt-minutes').fill('Goed gesprek. Iedereen was op tijd.');
		await page.locator('#minutes-form button[type=submit]').click();
		await page.locator('#minutes-message', { hasText: 'opgeslagen' }).waitFor();

		await page.locator('#new-decision summary').click();
		await page.locator('#dc-type').selectOption('placement_averted');
		await page.locator('#dc-text').fill('Daan blijft thuis wonen, met steun van de JIM.');
		await page.locator('#dc-apply').check();
		await page.locator('#dc-legal-frame').selectOption('voluntary');
		await page.locator('#dc-living').selectOption('home');
		await page.locator('#new-decision button[type=submit]').click();
		await page.locator('#decisions li', { hasText: 'Uithuisplaatsing voorkomen' }).waitFor();
		await page.locator('#decisions li .badge', { hasText: 'Dossier bijgewerkt' }).waitFor();

		await page.locator('#new-action summary').click();
		await page.locator('#ma-description').fill('School bellen over rooster');
		const me = await page.locator('#ma-owner option', { hasText: 'Demo Hulpverlener' }).getAttribute('value');
		await page.locator('#ma-owner').selectOption(me);
		await page.locator('#ma-due').fill(addDays(todayAmsterdam(), 14));
		await page.locator('#new-action button[type=submit]').click();
		await page.locator('#meeting-actions li', { hasText: 'School bellen over rooster' }).waitFor();
		await assertAccessible(page, 'meeting page');

		const ics = await fetchInPage(page, await page.locator('#ics-link').getAttribute('href'));
		assert.equal(ics.status, 200);
		assert.match(ics.type, /text\/calendar/);
		assert.match(ics.text, /BEGIN:VCALENDAR/);

		await page.locator('#summary-link').click();
		await page.locator('#meeting-summary h1', { hasText: 'Verslag' }).waitFor();
		const summary = await page.locator('#meeting-summary').innerText();
		assert.match(summary, /Joke de Raad.*aanwezig/);
		assert.match(summary, /Uithuisplaatsing voorkomen/);
		assert.match(summary, /School bellen over rooster/);
		assert.match(summary, /Veiligheid thuis/);
		await page.emulateMedia({ media: 'print' });
		assert.equal(await page.locator('.site-header').isVisible(), false, 'print hides the header');
		await page.emulateMedia({ media: 'screen' });
		await assertAccessible(page, 'meeting summary');
	});

	it('adds a JIM who has not logged in yet, and applies a decision of yesterday\'s meeting as of that day', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		const { token } = pro;
		const today = todayAmsterdam();
		const yesterday = addDays(today, -1);
		const youth = await apiYouth(base, pro, { given_name: 'Lotte', family_name: 'Gisteren', municipality: 'Zwolle',
			living_situation: 'residential', started_on: addDays(today, -40) });
		const nom = await expect(base, 'POST', `/api/v1/youths/${youth.id}/nominations`, 201,
			{ token, body: { name: 'Oom Bram', relation: 'oom' } });
		await expect(base, 'POST', `/api/v1/nominations/${nom.id}/assessment`, 201, {
			token,
			body: { is_parent: false, adult: true, willing_to_cooperate: true, child_safe: true, own_load_manageable: true, decision: 'approve' },
		});
		// Activated today; Oom Bram has not accepted the invitation yet.
		await expect(base, 'POST', `/api/v1/nominations/${nom.id}/activate`, 201, { token, body: { username: 'jim.bram.gisteren' } });
		// Yesterday 10:00-11:00 in Amsterdam (08:00Z or 09:00Z: either is that day).
		const m = await expect(base, 'POST', `/api/v1/youths/${youth.id}/meetings`, 201, {
			token, body: { kind: 'safety_table', starts_at: `${yesterday}T09:00:00Z`, ends_at: `${yesterday}T10:00:00Z`, location: 'Stadhuis' },
		});

		const page = proPage;
		await page.goto(server.base + `/#/meetings/${m.id}`);
		await page.locator('h1', { hasText: 'Veiligheidstafel' }).waitFor();
		await page.locator('#participants label', { hasText: 'Demo Hulpverlener' }).waitFor();
		await page.locator('#add-participant summary').click();
		await page.locator('#pt-who').selectOption('jim');
		await page.locator('#add-participant button[type=submit]').click();
		await page.locator('#participant-message', { hasText: 'toegevoegd' }).waitFor();
		await page.locator('#participants label', { hasText: 'Oom Bram' }).waitFor();

		await page.locator('#new-decision summary').click();
		await page.locator('#dc-type').selectOption('placement_averted');
		await page.locator('#dc-text').fill('Uithuisplaatsing voorkomen: Lotte woont weer thuis.');
		await page.locator('#dc-apply').check();
		assert.equal(await page.locator('#dc-effective-on').inputValue(), yesterday, 'the day of the meeting, not today');
		await page.locator('#dc-effective-on-hint', { hasText: 'dag van de vergadering' }).waitFor();
		await page.locator('#dc-living').selectOption('home');
		// a day before the trajectory began: refused at the date field, nothing changes
		await page.locator('#dc-effective-on').fill(addDays(today, -41));
		await page.locator('#new-decision button[type=submit]').click();
		await page.locator('#dc-effective-on-error', { hasText: 'binnen het traject' }).waitFor();
		assert.equal(await page.locator('#dc-effective-on').getAttribute('aria-invalid'), 'true');
		assert.equal(await page.locator('#decisions li').count(), 0, 'no decision stored');
		await page.locator('#dc-effective-on').fill(yesterday);
		await page.locator('#new-decision button[type=submit]').click();
		await page.locator('#decisions li .badge', { hasText: 'Dossier bijgewerkt' }).waitFor();
		const history = await expect(base, 'GET', `/api/v1/youths/${youth.id}/history`, 200, { token });
		const row = history.items.filter((h) => h.field === 'living_situation' && h.value === 'home').pop();
		assert.ok(row, JSON.stringify(history.items));
		assert.equal(row.effective_on, yesterday);
		await assertAccessible(page, 'meeting page with a decision form');
	});

	it('asks once more before it calls a meeting off: focus on the question, Escape is no, back to the button', { timeout: STEP_TIMEOUT }, async () => {
		const page = proPage; // still on yesterday's safety table
		const focused = async (id) => {
			for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement && document.activeElement.id)) !== id; i++)
				await page.waitForTimeout(100);
			return page.evaluate(() => document.activeElement && document.activeElement.id);
		};
		await page.locator('#edit-meeting summary').click();
		const button = page.locator('#cancel-meeting');
		const box = page.locator('#cancel-meeting-confirm-box');
		await button.click();
		await box.waitFor();
		assert.equal(await focused('cancel-meeting-confirm-box'), 'cancel-meeting-confirm-box', 'the focus is on the question');
		assert.match(await box.innerText(), /echt afgelasten/);
		await assertAccessible(page, 'meeting page (asking to call it off)');
		await page.keyboard.press('Escape');
		await box.waitFor({ state: 'detached' });
		assert.equal(await focused('cancel-meeting'), 'cancel-meeting', 'Escape: the focus is back on the button');
		assert.equal(await page.locator('#meeting-cancelled').count(), 0, 'not called off');
		await button.click();
		await page.locator('#cancel-meeting-confirm-no').click();
		await box.waitFor({ state: 'detached' });
		assert.equal(await focused('cancel-meeting'), 'cancel-meeting', 'No: the focus is back on the button');
		assert.equal(await page.locator('#meeting-cancelled').count(), 0, 'still not called off');

		await button.click();
		await page.locator('#cancel-meeting-confirm-yes').click();
		await page.locator('#meeting-cancelled').waitFor();
		const said = page.locator('#cancel-meeting-message', { hasText: 'De vergadering is afgelast.' });
		await said.waitFor();
		assert.equal(await focused('cancel-meeting-message'), 'cancel-meeting-message', 'the focus is on what happened');
	});

	it('shows my open action on the home page and marks it done', { timeout: STEP_TIMEOUT }, async () => {
		const page = proPage;
		await navTo(page, 'Vergaderingen');
		await page.locator('h1', { hasText: 'Vergaderingen' }).waitFor();
		await page.locator('#my-actions li', { hasText: 'School bellen over rooster' }).waitFor();
		await page.locator('#calendar-feed').waitFor();
		await assertAccessible(page, 'meetings overview');
		await navTo(page, 'Start');
		const action = page.locator('#my-actions li', { hasText: 'School bellen over rooster' });
		await action.waitFor();
		assert.equal(await action.locator('.myaction-youth').innerText(), 'Voor Daan', 'whose action it is');
		await action.locator('button', { hasText: 'Klaar' }).click();
		await action.waitFor({ state: 'detached' });
		// The button went with the action: the text that says so has the focus.
		const said = page.locator('#myactions-message', { hasText: 'De actie staat op klaar.' });
		await said.waitFor();
		for (let i = 0; i < 30 && !(await said.evaluate((el) => el === document.activeElement)); i++) await page.waitForTimeout(100);
		assert.ok(await said.evaluate((el) => el === document.activeElement), 'the focus is on the text that says the action is done');
		await assertAccessible(page, 'professional home');
	});

	it('takes "done" back on the meeting page: "Toch niet klaar"', { timeout: STEP_TIMEOUT }, async () => {
		const page = proPage;
		await page.goto(server.base + `/#/meetings/${meetingId}`);
		const action = page.locator('#meeting-actions li', { hasText: 'School bellen over rooster' });
		await action.locator('.badge', { hasText: 'Klaar op' }).waitFor();
		// By keyboard: the button pressed goes, and the focus goes to the one
		// that takes its place for the same action, not to the page.
		const focusedText = async (text) => {
			const now = () => page.evaluate(() => {
				const el = document.activeElement;
				return el && el.tagName === 'BUTTON' && el.closest('#meeting-actions li') ? el.closest('li').innerText + '|' + el.innerText : null;
			});
			for (let i = 0; i < 30 && !((await now()) || '').endsWith('|' + text); i++) await page.waitForTimeout(100);
			return now();
		};
		await action.locator('button', { hasText: 'Toch niet klaar' }).focus();
		await page.keyboard.press('Enter');
		await page.locator('#actions-message', { hasText: 'De actie staat weer open.' }).waitFor();
		await action.locator('button', { hasText: 'Klaar' }).waitFor();
		assert.equal(await action.locator('.badge').count(), 0, 'no "Klaar op" any more');
		// a screen reader hears which action a "Klaar" is for
		const described = await action.locator('button', { hasText: 'Klaar' }).evaluate((b) =>
			(b.getAttribute('aria-describedby') || '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
		assert.equal(described, 'School bellen over rooster');
		assert.match(await focusedText('Klaar') || 'the page', /^School bellen over rooster[^]*\|Klaar$/, 'the focus is on "Klaar" of the same action');
		await page.keyboard.press('Enter');
		await action.locator('.badge', { hasText: 'Klaar op' }).waitFor();
		assert.match(await focusedText('Toch niet klaar') || 'the page', /^School bellen over rooster[^]*\|Toch niet klaar$/,
			'the focus is on "Toch niet klaar" of the same action');
		await page.keyboard.press('Enter');
		await action.locator('button', { hasText: 'Klaar' }).waitFor();
		const m = await page.evaluate(async (id) => (await fetch('/api/v1/meetings/' + id)).json(), meetingId);
		const a = m.actions.find((x) => x.description === 'School bellen over rooster');
		assert.equal(a.done_at, null, 'the action is open again');
		await assertAccessible(page, 'meeting page after taking done back');
	});

	it('creates and revokes a calendar feed in the settings', { timeout: STEP_TIMEOUT }, async () => {
		const page = proPage;
		await page.locator('#settings-link').click();
		await page.locator('h1', { hasText: 'Instellingen' }).waitFor();
		await page.locator('#feed-create').click();
		const url = await page.locator('#feed-url').inputValue();
		assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/.+\.ics$/);
		const feed = await call(server.base, 'GET', url.slice(server.base.length));
		assert.equal(feed.status, 200, 'the feed URL works without a session');
		assert.match(feed.text, /Stadhuis Zwolle/);
		await assertAccessible(page, 'settings with a feed URL');
		await page.locator('#feed-revoke').click();
		await page.locator('#feed-message', { hasText: 'werkt niet meer' }).waitFor();
		assert.equal((await call(server.base, 'GET', url.slice(server.base.length))).status, 404, 'a revoked feed answers 404');
	});

	it('shows the JIM the shared meeting in plain Dutch', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-meetings');
		const link = page.locator('#jim-meetings a', { hasText: 'Veiligheidstafel' });
		await link.waitFor();
		await assertNoHorizontalScroll(page, 'JIM my young person with meetings');
		await link.click();
		await page.locator('h1', { hasText: 'Veiligheidstafel' }).waitFor();
		await page.locator('main', { hasText: 'Waar: Stadhuis Zwolle' }).waitFor();
		await page.locator('#ics-link').waitFor();
		assert.equal(await page.locator('main form').count(), 0, 'read only for the JIM');
		await assertAccessible(page, 'JIM meeting page');
		await assertNoHorizontalScroll(page, 'JIM meeting page');
	});

	it('lets the admin change the organisation settings', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await newBrowser('admin');
		await page.goto(server.base + '/');
		await login(page, 'admin', DEMO_PASSWORD);
		await navTo(page, 'Organisaties');
		await page.locator('#org-table a', { hasText: 'Instellingen' }).first().click();
		await page.locator('h1', { hasText: 'Instellingen' }).waitFor();
		assert.equal(await page.locator('#os-km_rate_cents').inputValue(), '23');
		await page.locator('#os-km_rate_cents').fill('21');
		await page.locator('#org-settings button[type=submit]').click();
		await page.locator('#orgset-message', { hasText: 'opgeslagen' }).waitFor();
		await assertAccessible(page, 'organisation settings');
	});

	itEndsCleanly(w);
});
