// Headless-browser checks of findings from a usability review, against a
// real `kring serve --demo` (build-asan/kring, or $KRING_BIN). Set up
// through the API: a 15-year-old with an active JIM in the demo team. Then,
// by keyboard and with the mouse, the professional:
// - sends the nomination and consent forms with Enter on the submit button
//   and keeps the focus on that button (a disabled button would drop it to
//   the page);
// - approves a nomination, an expense statement (in the dossier's JIM-uren
//   and on the statement page) and handles an alert: the form disappears,
//   and the text that says what happened stays, with the focus on it;
// - sees who handled an alert; the team lead sees who reviewed an emergency
//   access (break the glass) and with which note, under "Alles";
// - enters a correction of the JIM's hours with neutral labels ("Gereden
//   kilometers", not the JIM's "Hoeveel kilometer reed je?");
// - reads "1 dossier gevonden", times to the minute (seconds only in the
//   audit trail), months in words, and a meeting past midnight with its
//   end day in words.
// Axe-core on the pages touched; a clean SIGTERM exit without sanitizer
// output.
//
// Run from the repository root: node --test tests/browser/usability.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, login, expect, browserWorld, todayAmsterdam, itEndsCleanly,
	demoProfessional, apiYouth, apiJim, addDays, assertFocus,
} from './helpers.mjs';

const JIM_USER = 'jim.karim';
const JIM_NAME = 'Karim Bakker';
const JIM_PASSWORD = 'een lang wachtwoord 2026';

// submitByKeyboard focuses the submit button, presses Enter, waits for the
// text in the message region and for `shows` (what the list behind the
// form shows once it is fetched again), and checks the focus stays on the
// button.
async function submitByKeyboard(page, button, message, text, shows, what) {
	await button.focus();
	await page.keyboard.press('Enter');
	await page.locator(message, { hasText: text }).waitFor();
	await shows.waitFor();
	await assertFocus(page, button, `${what}: the focus stays on the submit button`);
}

describe('usability review findings in a real browser', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('usability');
	let server;
	let page;
	let youthId;
	let jimId;
	let proToken;
	let jimToken;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a dossier with an active JIM through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		proToken = pro.token;
		const today = todayAmsterdam();
		youthId = (await apiYouth(base, pro, { given_name: 'Sanne', family_name: 'de Vries',
			birth_date: `${Number(today.slice(0, 4)) - 15}-${today.slice(5, 7)}-01` })).id;
		({ jimId } = await apiJim(base, pro, youthId, { name: JIM_NAME, relation: 'oom', username: JIM_USER, password: JIM_PASSWORD }));
		jimToken = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: JIM_USER, password: JIM_PASSWORD } })).token;
		// Two statements to decide, of two days with an activity each, and a
		// check-in that wants to stop (an alert).
		for (const date of [addDays(today, -2), addDays(today, -1)]) {
			await expect(base, 'POST', `/api/v1/jims/${jimId}/activities`, 201,
				{ token: jimToken, body: { date, minutes: 90, km: 12.5, kind: 'contact' } });
			await expect(base, 'POST', `/api/v1/jims/${jimId}/statements`, 201, { token: jimToken, body: { from: date, to: date } });
		}
		await expect(base, 'POST', `/api/v1/jims/${jimId}/checkins`, 201,
			{ token: jimToken, body: { wellbeing: 3, burden: 4, continue: 'no' } });
	});

	it('keeps the focus on the submit button after Enter (nomination, consent)', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + '/#/youths/' + youthId + '/jim');
		await page.locator('#tab-title', { hasText: 'JIM' }).waitFor();
		await page.locator('#nom-name').fill('Els de Boer');
		await page.locator('#nom-relation').fill('buurvrouw');
		const nomButton = page.locator('#tab-panel button', { hasText: 'Voordracht toevoegen' });
		await submitByKeyboard(page, nomButton, '#nomination-message', 'Els de Boer',
			page.locator('li.nomination', { hasText: 'Els de Boer' }), 'nomination form');

		await page.locator('#tab-consent').click();
		await page.locator('#cs-scope').selectOption('share_plan');
		const consentButton = page.locator('#tab-panel button', { hasText: 'Toestemming opslaan' });
		await submitByKeyboard(page, consentButton, '#consent-message', 'opgeslagen',
			page.locator('#consent-table td', { hasText: 'Jongere' }), 'consent form');
		await assertAccessible(page, 'dossier consent tab (after saving)');
	});

	it('says what an assessment did once its form is gone, with the focus on it', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-jim').click();
		const card = page.locator('li.nomination', { hasText: 'Els de Boer' });
		await card.waitFor();
		const p = '#' + (await card.getAttribute('id')).replace('nomination-', 'n') + '-';
		await page.locator(p + 'is_parent-no').check();
		for (const b of ['adult', 'willing_to_cooperate', 'child_safe', 'own_load_manageable']) await page.locator(p + b + '-yes').check();
		await page.locator(p + 'decision').selectOption('approve');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'status', { hasText: 'Goedgekeurd' }).waitFor();
		assert.equal(await card.locator('.assessment-form').count(), 0, 'the form is gone');
		const done = page.locator(p + 'done');
		await done.waitFor();
		assert.match(await done.innerText(), /beoordeling is opgeslagen: Els de Boer is goedgekeurd/);
		assert.equal(await done.getAttribute('role'), 'status');
		await assertFocus(page, done, 'the focus is on the text that says what the assessment did');
		await assertAccessible(page, 'dossier JIM tab (assessment saved)');
	});

	it('says an expense statement is approved once its form is gone (JIM-uren and the statement page)', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#tab-hours').click();
		const cards = page.locator('#hours-statements li.statement');
		await cards.first().waitFor();
		assert.equal(await cards.count(), 2);
		const card = cards.first();
		const sid = (await card.getAttribute('id')).replace('statement-', '');
		await page.locator(`#s${sid}-approve`).focus();
		await page.keyboard.press('Enter');
		await card.locator('.badge', { hasText: 'Goedgekeurd' }).waitFor();
		assert.equal(await page.locator(`#s${sid}-approve`).count(), 0, 'the form is gone');
		await card.locator('.statement-decider', { hasText: 'Beoordeeld door Demo Hulpverlener.' }).waitFor();
		const done = page.locator('#statements-decided');
		assert.match(await done.innerText(), /De declaratie van .+ tot en met .+ is goedgekeurd/);
		await assertFocus(page, done, 'JIM-uren: the focus is on the text that says the statement is approved');
		await assertAccessible(page, 'dossier JIM-uren (statement approved)');

		// The other one on its own page.
		const other = cards.nth(1);
		await other.locator('a', { hasText: 'Bekijken en afdrukken' }).click();
		await page.locator('#statement-facts').waitFor();
		const oid = /#\/statements\/(\d+)/.exec(page.url())[1];
		await page.locator(`#s${oid}-approve`).click();
		await page.locator('#statement-facts .badge', { hasText: 'Goedgekeurd' }).waitFor();
		assert.equal(await page.locator('#statement-decider').innerText(), 'Demo Hulpverlener', 'Beoordeeld door, by name');
		const pageDone = page.locator('#statement-decided');
		assert.match(await pageDone.innerText(), /is goedgekeurd en geldt als uitbetaald/);
		await assertFocus(page, pageDone, 'statement page: the focus is on the text that says it is approved');
		await assertAccessible(page, 'statement page (approved)');
	});

	it('says an alert is handled once it leaves the open list, with the focus on it', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/');
		const alert = page.locator('#alert-list li.alert-group', { hasText: JIM_NAME }).locator('li[data-kind=wants_to_stop]');
		await alert.waitFor();
		const id = (await alert.getAttribute('id')).replace('alert-', '');
		await alert.locator('summary').click();
		await page.locator(`#alert-${id}-note`).fill('JIM gebeld, we spreken donderdag af.');
		await alert.locator('button', { hasText: 'Afhandelen' }).click();
		await alert.waitFor({ state: 'detached' });
		const done = page.locator('#alerts-message');
		assert.match(await done.innerText(), new RegExp('Afgehandeld: JIM wil stoppen \\(' + JIM_NAME + '\\)'));
		await assertFocus(page, done, 'the focus is on the text that says the alert is handled');
		await assertAccessible(page, 'home page (alert handled)');

		// Who handled it shows with the handled ones.
		await page.locator('#alerts-state').selectOption('acknowledged');
		const ack = page.locator(`#alert-${id} .ack`);
		await ack.waitFor();
		assert.match(await ack.innerText(), /Afgehandeld op .+ \(Demo Hulpverlener\)/);
	});

	it('shows the team lead who reviewed an emergency access, and the note, under "Alles"', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		// A professional of another team breaks the glass on the dossier.
		const admin = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'admin', password: DEMO_PASSWORD } })).token;
		const org = (await expect(base, 'GET', '/api/v1/organisations', 200, { token: admin })).items[0];
		const team = await expect(base, 'POST', '/api/v1/teams', 201, { token: admin, body: { name: 'Team Zuid', organisation_id: org.id } });
		const user = await expect(base, 'POST', '/api/v1/users', 201, {
			token: admin,
			body: { username: 'bram.zuid', display_name: 'Bram Zuid', role: 'professional', organisation_id: org.id, team_ids: [team.id] },
		});
		await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(user.invitation.token)}/accept`, 200,
			{ body: { password: JIM_PASSWORD } });
		const bram = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'bram.zuid', password: JIM_PASSWORD } })).token;
		const grant = await expect(base, 'POST', `/api/v1/youths/${youthId}/break-glass`, 201,
			{ token: bram, body: { reason: 'Crisisdienst in de nacht, plan nodig' } });

		const { page: lead } = await w.newBrowser('teamlead');
		await lead.goto(base + '/');
		await login(lead, 'teamlead', DEMO_PASSWORD);
		await lead.goto(base + '/#/break-glass-review');
		const item = lead.locator(`#bgr-${grant.id}`);
		await item.waitFor();
		// the team lead reviews a named dossier, not "Dossier 12"
		assert.equal(await item.locator(`a[href="#/youths/${youthId}"]`).innerText(), 'Sanne de Vries');
		await lead.locator(`#bgr-note-${grant.id}`).fill('Terecht: crisisdienst, nagebeld');
		await item.locator('button', { hasText: 'Markeer als beoordeeld' }).click();
		await item.waitFor({ state: 'detached' });
		const done = lead.locator('#bgr-message');
		assert.match(await done.innerText(), /Bram Zuid is beoordeeld/);
		await assertFocus(lead, done, 'the focus is on the text that says the access is reviewed');

		await lead.locator('#bgr-status').selectOption('all');
		await item.waitFor();
		assert.equal((await item.locator('.bgr-reviewer').innerText()).trim(), 'Demo Gedragswetenschapper');
		assert.equal((await item.locator('.bgr-note').innerText()).trim(), 'Terecht: crisisdienst, nagebeld');
		await assertAccessible(lead, 'break-glass review (all)');
	});

	it('gives the professional neutral labels in the correction of the JIM\'s hours', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/youths/' + youthId + '/hours');
		await page.locator('#hours-correction summary').click();
		const form = page.locator('#hours-correction');
		// The fields speak about the JIM's activity, not to the JIM.
		const text = await form.locator('form').innerText();
		assert.doesNotMatch(text, /\b(je|jij)\b/i, `no "je" of the JIM for the professional: ${text}`);
		assert.equal((await page.locator('label[for=cor-km]').innerText()).trim().replace(/\s+/g, ' '), 'Gereden kilometers (niet verplicht)');
		assert.equal((await page.locator('#cor-duration legend').innerText()).trim(), 'Duur');
		await page.locator('#cor-hours').fill('1');
		await page.locator('#cor-minutes').fill('15');
		await page.locator('#cor-km').fill('8');
		await form.locator('button', { hasText: 'Correctie opslaan' }).click();
		await page.locator('#correction-message', { hasText: 'De correctie is opgeslagen' }).waitFor();
		await page.locator('#hours-activities td', { hasText: '1 uur en 15 minuten' }).first().waitFor();
		await assertAccessible(page, 'dossier JIM-uren (correction)');

		// Taken away again by keyboard: the focus goes to "Zeker verwijderen",
		// and once the row is gone to the text that says so.
		const row = page.locator('#hours-activities tbody tr', { hasText: '1 uur en 15 minuten' }).first();
		const before = await page.locator('#hours-activities tbody tr').count();
		await row.locator('button', { hasText: 'Verwijderen' }).focus();
		await page.keyboard.press('Enter');
		await assertFocus(page, row.locator('button', { hasText: 'Zeker verwijderen' }), 'the focus is on "Zeker verwijderen"');
		await page.keyboard.press('Enter');
		const said = page.locator('#activities-message', { hasText: 'is verwijderd' });
		await said.waitFor();
		await assertFocus(page, said, 'the focus is on the text that says the activity is deleted');
		assert.equal(await page.locator('#hours-activities tbody tr').count(), before - 1, 'one row less');

		// The JIM keeps the own words.
		const { page: jp } = await w.newBrowser('jim');
		await jp.goto(server.base + '/');
		await login(jp, JIM_USER, JIM_PASSWORD);
		await jp.goto(server.base + '/#/time');
		await jp.locator('label[for=log-km]', { hasText: 'Hoeveel kilometer reed je?' }).waitFor();
	});

	it('writes counts, times, months and meetings past midnight in words', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/dossiers');
		const count = page.locator('p.muted', { hasText: 'gevonden' });
		await count.waitFor();
		assert.equal((await count.innerText()).trim(), '1 dossier gevonden.');

		// Times to the minute: "Gesignaleerd op 30-11-2026 05:47", not 05:47:34.
		await page.goto(server.base + '/#/');
		await page.locator('#alerts-state').selectOption('acknowledged');
		const since = page.locator('#alert-list li .muted', { hasText: 'Gesignaleerd op' }).first();
		await since.waitFor();
		assert.match(await since.innerText(), /^Gesignaleerd op \d{2}-\d{2}-\d{4},? \d{2}:\d{2}$/);

		// JIM-uren per month: "november 2026", not "2026-11".
		await page.goto(server.base + '/#/youths/' + youthId + '/hours');
		const month = page.locator('#months-table tbody td').first();
		await month.waitFor();
		assert.match((await month.innerText()).trim(), /^(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/);

		const shown = await page.evaluate(async () => {
			const f = await import('/format.js');
			return [f.formatTimeRange('2026-11-28T19:00:00Z', '2026-11-28T23:30:00Z'),
				f.formatTimeRange('2026-11-28T13:00:00Z', '2026-11-28T14:30:00Z'), f.formatMonth('2026-11')];
		});
		assert.deepEqual(shown, ['zaterdag 28 november 2026, 20:00 – zondag 29 november 2026, 00:30',
			'zaterdag 28 november 2026, 14:00 – 15:30', 'november 2026']);
	});

	it('carries the dossier number to the emergency access, and says until when the access lasts', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		// A dossier of the demo team that Bram Zuid (made above) has no access to yet.
		const other = await apiYouth(base, await demoProfessional(base), { given_name: 'Noor', family_name: 'Jansen', birth_date: '2010-03-01' });
		const { page: bram } = await w.newBrowser('bram');
		await bram.goto(base + '/');
		await login(bram, 'bram.zuid', JIM_PASSWORD);
		await bram.goto(base + '/#/youths/' + other.id);
		await bram.locator('h1', { hasText: 'Dossier niet gevonden' }).waitFor();
		await bram.locator('a', { hasText: 'Noodtoegang tot een dossier' }).click();
		await bram.locator('h1', { hasText: 'Noodtoegang' }).waitFor();
		assert.equal(await bram.locator('#bg-youth').inputValue(), String(other.id), 'the dossier number is filled in');
		await bram.locator('#bg-reason').fill('Crisisdienst belt, moeder onbereikbaar');
		await bram.locator('form button[type=submit]').click();
		await bram.locator('h1', { hasText: 'Noor Jansen' }).waitFor();
		const until = bram.locator('#bg-banner #bg-until');
		await until.waitFor();
		assert.match(await until.innerText(), /^Noodtoegang tot \d{2}-\d{2}-\d{4},? \d{2}:\d{2}\.$/);
		await assertAccessible(bram, 'dossier under emergency access');
	});

	itEndsCleanly(w);
});
