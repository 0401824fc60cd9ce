// Headless-browser walk through supporting the JIM (docs/api-jim-support.md)
// against a real `kring serve --demo` (build-asan/kring, or $KRING_BIN).
// Set up through the API (the UI is not the subject there): the demo
// professional creates a dossier, nominates a JIM, approves and activates
// them; the invitation is accepted. Then, on a phone-sized screen (360x740),
// the JIM logs in, logs 1 uur and 30 minuten by keyboard in two boxes side
// by side (25 hours is refused; the API gets 90 minutes; a change starts
// from 1 and 30) and "12,5" km (Dutch decimal comma; a second decimal is
// refused at the field), sees the entry and the week
// total, takes an entry and a cost away by keyboard (the focus moves into
// the question, back to "Weghalen" on "Nee" or Escape, to the list heading
// after "Ja"), and answers the check-in with "nee" (wants to stop). On a desktop
// screen the professional sees the `wants_to_stop` alert on the home page,
// cannot acknowledge it without a note, acknowledges it with one, and it
// leaves the open list. axe-core (no serious/critical) on the JIM's time
// page, the check-in page and the professional's home page; no horizontal
// scroll at 360 px on the JIM pages; a clean SIGTERM exit without sanitizer
// output.
//
// Run from the repository root: node --test tests/browser/
// Runs on Node 18 (Debian 12) and later; uses the system Chromium.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, loginWithTotp, expect, browserWorld,
	todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, assertFocus, navTo,
} from './helpers.mjs';

const JIM_USER = 'jim.karim';
const JIM_NAME = 'Karim Bakker';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const ACK_NOTE = 'JIM gebeld; we spreken donderdag af om te praten.';

// removeByKeyboard walks the "Weghalen" question of an entry or a cost (the
// list item) by keyboard: the focus moves into the question; "Nee, laten
// staan" and Escape give it back to "Weghalen"; "Ja, weghalen" takes the
// entry away and puts the focus on the list heading (#titleId).
async function removeByKeyboard(page, item, titleId, what) {
	const box = item.locator('.confirm');
	const button = (name) => item.getByRole('button', { name, exact: true });
	await button('Weghalen').focus();
	await page.keyboard.press('Enter');
	await box.waitFor();
	await assertFocus(page, box, `${what}: the focus moves into the question when it opens`, true);
	await assertAccessible(page, `${what} (remove? asked)`);
	await assertNoHorizontalScroll(page, `${what} (remove? asked)`);
	await page.keyboard.press('Tab');
	await assertFocus(page, button('Ja, weghalen'), `${what}: Tab from the question goes to "Ja, weghalen"`);
	await page.keyboard.press('Tab');
	await assertFocus(page, button('Nee, laten staan'), `${what}: then to "Nee, laten staan"`);
	await page.keyboard.press('Enter');
	await box.waitFor({ state: 'detached' });
	await assertFocus(page, button('Weghalen'), `${what}: "Nee" gives the focus back to "Weghalen"`);

	await page.keyboard.press('Enter');
	await box.waitFor();
	await assertFocus(page, box, `${what}: the focus is in the question again`, true);
	await page.keyboard.press('Escape');
	await box.waitFor({ state: 'detached' });
	await assertFocus(page, button('Weghalen'), `${what}: Escape gives the focus back to "Weghalen"`);

	await page.keyboard.press('Enter');
	await box.waitFor();
	await assertFocus(page, box, `${what}: and once more`, true);
	await page.keyboard.press('Tab');
	await assertFocus(page, button('Ja, weghalen'), `${what}: "Ja, weghalen"`);
	await page.keyboard.press('Enter');
	await item.waitFor({ state: 'detached' });
	await assertFocus(page, page.locator('#' + titleId), `${what}: after taking it away the focus is on the list heading`);
}

describe('supporting the JIM in a real browser', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('jim');
	let server;
	let youthId;
	let totpSecret = null;
	let jimPage;
	let jimId;
	let proToken;

	const newBrowser = (name) => w.newBrowser(name);

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a dossier with an active JIM through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		assert.ok(pro.teamId, 'the demo professional is in a team');
		const today = todayAmsterdam();
		youthId = (await apiYouth(base, pro, { given_name: 'Sanne', family_name: 'de Vries',
			birth_date: `${Number(today.slice(0, 4)) - 15}-${today.slice(5, 7)}-01` })).id;
		const jim = await apiJim(base, pro, youthId, { name: JIM_NAME, relation: 'oom', username: JIM_USER, password: JIM_PASSWORD });
		jimId = jim.jimId;
		proToken = pro.token;
		totpSecret = jim.totpSecret;
	});

	it('lets the JIM log time and kilometres on a phone, with a Dutch decimal comma', { timeout: STEP_TIMEOUT }, async () => {
		({ page: jimPage } = await newBrowser('jim'));
		const page = jimPage;
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, totpSecret);
		assert.equal(await page.locator('#me-role').innerText(), 'JIM');

		await navTo(page, 'Tijd en kilometers');
		await page.locator('h1', { hasText: 'Tijd en kilometers' }).waitFor();
		await page.locator('#lock-explained', { hasText: '14 dagen' }).waitFor();
		assert.equal(await page.locator('#log-date').inputValue(), todayAmsterdam(), 'the date defaults to today');
		await assertAccessible(page, 'JIM time page (empty)');
		await assertNoHorizontalScroll(page, 'JIM time page (empty)');

		// How long: hours and minutes side by side on a phone, typed by keyboard.
		const hoursBox = await page.locator('#log-hours').boundingBox();
		const minutesBox = await page.locator('#log-minutes').boundingBox();
		assert.ok(Math.abs(hoursBox.y - minutesBox.y) < 2 && hoursBox.x < minutesBox.x, 'Uur and Minuten side by side at 360 px');
		await page.locator('#log-hours').focus();
		await page.keyboard.type('25');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'log-minutes', 'Tab goes from Uur to Minuten');
		await page.keyboard.type('30');
		await page.locator('#log-form button[type=submit]').click();
		await page.locator('#log-duration-error').waitFor();
		assert.equal(await page.getAttribute('#log-hours', 'aria-invalid'), 'true', 'more than 24 hours: the hours are wrong');
		assert.match(await page.getAttribute('#log-hours', 'aria-describedby'), /log-duration-error/);
		await assertAccessible(page, 'JIM time page (hours refused)');
		await page.locator('#log-hours').fill('');
		await page.locator('#log-hours').focus();
		await page.keyboard.type('1');

		// Two decimals are refused at the km field, before anything is saved.
		await page.locator('#log-km').fill('12,55');
		await page.locator('#log-kind-contact').check();
		await page.locator('#log-form button[type=submit]').click();
		await page.locator('#log-km-error').waitFor();
		assert.equal(await page.getAttribute('#log-km', 'aria-invalid'), 'true');
		assert.match(await page.getAttribute('#log-km', 'aria-describedby'), /log-km-error/);

		await page.locator('#log-km').fill('12,5');
		await page.locator('#log-note').fill('Samen naar de voetbal');
		await page.locator('#log-form button[type=submit]').click();
		await page.locator('#log-message', { hasText: 'Opgeslagen' }).waitFor();

		const item = page.locator('#activities li', { hasText: 'Samen naar de voetbal' });
		await item.waitFor();
		const text = await item.innerText();
		assert.match(text, /1 uur en 30 minuten/);
		assert.match(text, /12,5 km/);
		await item.locator('button', { hasText: 'Veranderen' }).waitFor(); // not locked yet
		const saved = await expect(server.base, 'GET', `/api/v1/jims/${jimId}/activities`, 200, { token: proToken });
		assert.deepEqual(saved.items.map((a) => a.minutes), [90], 'the API got 1 uur en 30 minuten as 90 minutes');
		// A change starts from the saved time, split in hours and minutes.
		await item.locator('button', { hasText: 'Veranderen' }).click();
		const a = '#' + (await item.getAttribute('id')).replace('activity-', 'a') + '-';
		assert.equal(await page.locator(a + 'hours').inputValue(), '1');
		assert.equal(await page.locator(a + 'minutes').inputValue(), '30');
		await assertNoHorizontalScroll(page, 'JIM time page (changing an entry)');
		await item.locator('button', { hasText: 'Annuleren' }).click();
		await page.locator('#total-week', { hasText: '1 uur en 30 minuten · 12,5 km' }).waitFor();
		await page.locator('#total-month', { hasText: '12,5 km' }).waitFor();

		await assertAccessible(page, 'JIM time page (with an entry)');
		await assertNoHorizontalScroll(page, 'JIM time page (with an entry)');
	});

	it('starts a change from what is saved, forgets it on Annuleren, and says when an entry is taken away', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		await page.locator('#log-minutes').fill('30');
		await page.locator('#log-km').fill('');
		await page.locator('#log-note').fill('Even gebeld');
		await page.locator('#log-form button[type=submit]').click();
		const item = page.locator('#activities li', { hasText: 'Even gebeld' });
		await item.waitFor();
		const p = '#' + (await item.getAttribute('id')).replace('activity-', 'a') + '-';
		// The buttons of an entry tell a screen reader which entry they are for.
		const edit = item.locator('button', { hasText: 'Veranderen' });
		assert.equal(await edit.getAttribute('aria-describedby'), p.slice(1) + 'what');
		assert.match(await page.locator(p + 'what').innerText(), /\d{4}/);

		await edit.click();
		await page.locator(p + 'minutes').fill('abc');
		await item.locator('button', { hasText: 'Verandering opslaan' }).click();
		await page.locator(p + 'duration-error').waitFor();
		await item.locator('button', { hasText: 'Annuleren' }).click();
		assert.equal(await page.locator(p + 'message').innerText(), '', 'the error is gone after Annuleren');
		await item.locator('button', { hasText: 'Veranderen' }).click();
		assert.equal(await page.locator(p + 'minutes').inputValue(), '30', 'the form starts from the saved entry');
		assert.equal(await page.locator(p + 'duration-error').count(), 0);
		await item.locator('button', { hasText: 'Annuleren' }).click();

		await removeByKeyboard(page, item, 'activities-title', 'JIM time page');
		await page.locator('#activities-message', { hasText: 'Weggehaald.' }).waitFor();
		await item.waitFor({ state: 'detached' });
		await assertAccessible(page, 'JIM time page (entry taken away)');

		// An entry the hulpverlener wrote down: no buttons, and who to ask.
		await expect(server.base, 'POST', `/api/v1/jims/${jimId}/activities`, 201, {
			token: proToken, body: { date: todayAmsterdam(), minutes: 20, kind: 'contact', note: 'Door de hulpverlener' },
		});
		await navTo(page, 'Hoe gaat het');
		await navTo(page, 'Tijd en kilometers');
		const other = page.locator('#activities li', { hasText: 'Door de hulpverlener' });
		await other.waitFor();
		assert.match(await other.innerText(), /Je hulpverlener heeft dit opgeschreven/);
		assert.equal(await other.locator('button').count(), 0, 'no Veranderen / Weghalen for an entry of someone else');
		await page.locator('#activities li', { hasText: 'Samen naar de voetbal' }).locator('button', { hasText: 'Veranderen' }).waitFor();
		await assertAccessible(page, 'JIM time page (entry of the hulpverlener)');
		await assertNoHorizontalScroll(page, 'JIM time page (entry of the hulpverlener)');
	});

	it('lets the JIM answer the check-in: wil je doorgaan? nee', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		await navTo(page, 'Hoe gaat het');
		await page.locator('h1', { hasText: 'Hoe gaat het?' }).waitFor();
		await page.locator('#checkin-due').waitFor();
		await assertAccessible(page, 'JIM check-in page');
		await assertNoHorizontalScroll(page, 'JIM check-in page');

		// Large radio buttons with a text label each.
		assert.equal(await page.locator('#ci-wellbeing input[type=radio]').count(), 5);
		assert.equal(await page.locator('label[for=ci-wellbeing-1]').innerText().then((s) => s.replace(/\s+/g, ' ').trim()), '1 Heel slecht');
		await page.locator('label[for=ci-wellbeing-3]').click();
		await page.locator('label[for=ci-burden-4]').click();
		await page.locator('label[for=ci-continue-no]').click();
		assert.ok(await page.locator('#ci-continue-no').isChecked());
		await page.locator('#ci-note').fill('Het wordt me te veel naast mijn werk.');
		await page.locator('#checkin-form button[type=submit]').click();
		await page.locator('#checkin-thanks', { hasText: 'Je wilt stoppen' }).waitFor();
		await page.locator('#checkins li', { hasText: 'Het wordt me te veel' }).waitFor();
		await assertAccessible(page, 'JIM check-in page (after sending)');
		await assertNoHorizontalScroll(page, 'JIM check-in page (after sending)');
	});

	it('shows the professional the wants_to_stop alert and lets them acknowledge it with a note', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await newBrowser('professional');
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		// The alerts are a compact list per JIM, under the caller's own open actions.
		const group = page.locator('#alert-list li.alert-group', { hasText: JIM_NAME });
		const alert = group.locator('li[data-kind=wants_to_stop]');
		await alert.waitFor();
		assert.ok(await page.locator('#my-actions ~ #alerts').count(), 'my open actions come before the alerts');
		assert.match(await alert.locator('.alert-kind').innerText(), /JIM wil stoppen/);
		assert.equal(await group.locator(`a[href="#/youths/${youthId}/hours"]`).count(), 1, 'a link to the dossier');
		assert.match(await group.locator('h3').innerText(), new RegExp(`^${JIM_NAME}, JIM van Sanne de Vries · Naar het dossier$`),
			'the group says whose JIM it is');
		const id = (await alert.getAttribute('id')).replace('alert-', '');
		assert.equal(await page.locator(`#alert-${id}-note`).isVisible(), false, 'the note field is folded away');
		// It opens by keyboard, to what it is about and the note field.
		await alert.locator('summary').focus();
		await page.keyboard.press('Enter');
		await page.locator(`#alert-${id}-note`).waitFor({ state: 'visible' });
		// What it is about, in Dutch: no English text from the server on any alert.
		assert.equal(await alert.locator('.alert-detail').innerText(), 'Toelichting: De JIM zei bij de check-in ‘nee’ op de vraag of hij of zij door wil gaan.');
		for (const text of await page.locator('#alert-list').allInnerTexts())
			assert.doesNotMatch(text, /answered|logged|due since|wellbeing|more than/, 'English alert text in the Dutch page');
		// The team's JIM totals show this month's entry.
		const totals = page.locator('#team-totals tr', { hasText: JIM_NAME }).filter({ hasText: '12,5' });
		await totals.waitFor();
		// the young person by name, not "Dossier 12"
		assert.equal(await totals.locator(`a[href="#/youths/${youthId}/hours"]`).innerText(), 'Sanne de Vries');
		await assertAccessible(page, 'professional home page');

		// A note is required.
		await alert.locator('button', { hasText: 'Afhandelen' }).click();
		await page.locator(`#alert-${id}-note-error`).waitFor();
		assert.equal(await page.getAttribute(`#alert-${id}-note`, 'aria-invalid'), 'true');

		await page.locator(`#alert-${id}-note`).fill(ACK_NOTE);
		await alert.locator('button', { hasText: 'Afhandelen' }).click();
		await page.locator(`#alert-${id}`).waitFor({ state: 'detached' });
		assert.equal(await page.locator('#alert-list li[data-kind=wants_to_stop]').count(), 0, 'gone from the open list');

		// It is kept, with the note, among the acknowledged ones.
		await page.locator('#alerts-state').selectOption('acknowledged');
		const done = page.locator(`#alert-${id}`);
		await done.waitFor();
		assert.match(await done.innerText(), /Afgehandeld op/);
		assert.match(await done.innerText(), /JIM gebeld/);
		await assertAccessible(page, 'professional home page (acknowledged alerts)');
	});

	it('lets the JIM take a wrongly typed cost away by keyboard, with the focus where it belongs', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		await navTo(page, 'Onkosten');
		await page.locator('#cost-form').waitFor();
		await page.locator('#cost-amount').fill('450');
		await page.locator('#cost-description').fill('Verkeerd bedrag');
		await page.locator('#cost-form button[type=submit]').click();
		const wrong = page.locator('#costs li', { hasText: 'Verkeerd bedrag' });
		await wrong.waitFor();
		await removeByKeyboard(page, wrong, 'costs-title', 'JIM expenses page');
		await page.locator('#costs-message', { hasText: 'Weggehaald.' }).waitFor();
		await wrong.waitFor({ state: 'detached' });
		await assertAccessible(page, 'JIM expenses page (cost taken away)');
	});

	it('warns before a statement fixes its days, and then says the day is on a declaratie', { timeout: STEP_TIMEOUT }, async () => {
		const today = todayAmsterdam();
		const page = jimPage;
		await navTo(page, 'Onkosten');
		await page.locator('#statement-form').waitFor();
		assert.match(await page.locator('#stmt-lock-warning').innerText(), /niet meer veranderen/);
		await page.locator('#stmt-from').fill(today);
		await page.locator('#stmt-to').fill(today);
		await page.locator('#statement-form button[type=submit]').click();
		// Nothing is sent before "Ja, versturen".
		const box = page.locator('#stmt-confirm-box');
		await box.waitFor();
		assert.match(await box.innerText(), /niet meer veranderen/);
		await assertFocus(page, box, 'the question has the focus');
		assert.equal((await expect(server.base, 'GET', `/api/v1/jims/${jimId}/statements`, 200, { token: proToken })).items.length, 0);
		await assertAccessible(page, 'JIM expenses page (confirm the statement)');
		await assertNoHorizontalScroll(page, 'JIM expenses page (confirm the statement)');
		// By keyboard: "Nee, nog niet" gives the focus back to "Declaratie maken";
		// after "Ja, versturen" it is on the list of statements.
		await page.keyboard.press('Tab');
		await assertFocus(page, page.locator('#stmt-confirm'), 'Tab from the question goes to "Ja, versturen"');
		await page.keyboard.press('Tab');
		await assertFocus(page, page.locator('#stmt-confirm-no'), 'then to "Nee, nog niet"');
		await page.keyboard.press('Enter');
		await box.waitFor({ state: 'detached' });
		await assertFocus(page, page.locator('#statement-form button[type=submit]'), '"Nee, nog niet" gives the focus back to "Declaratie maken"');
		await page.keyboard.press('Enter');
		await box.waitFor();
		await assertFocus(page, box, 'the question has the focus again');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		const card = page.locator('#statements li.statement').first();
		await card.waitFor();
		await page.locator('#statement-message', { hasText: 'gestuurd' }).waitFor();
		await assertFocus(page, page.locator('#statements-title'), 'after sending the focus is on the list of statements');
		assert.equal(await card.locator('a[download]').getAttribute('download'), `kilometers-en-kosten-jim-${jimId}-${today}-${today}.csv`,
			'the download is named for what its link says, with the period');

		// The statement page writes dates and times out in words.
		await card.locator('a', { hasText: 'Bekijken en afdrukken' }).click();
		const facts = page.locator('#statement-facts');
		await facts.waitFor();
		const factsText = await facts.innerText();
		assert.doesNotMatch(factsText, /\d{2}-\d{2}-\d{4}|\d{2}:\d{2}:\d{2}/, `plain dates and times: ${factsText}`);
		assert.match(factsText, / om \d{2}:\d{2}/);
		await assertAccessible(page, 'JIM statement page');
		await assertNoHorizontalScroll(page, 'JIM statement page');

		await navTo(page, 'Tijd en kilometers');
		const item = page.locator('#activities li', { hasText: 'Samen naar de voetbal' });
		await item.waitFor();
		assert.match(await item.innerText(), /Deze dag staat op een declaratie/);
		assert.equal(await item.locator('button').count(), 0, 'no Veranderen / Weghalen on a settled day');
		await assertAccessible(page, 'JIM time page (settled entry)');

		// A download of a period that ends before it starts is answered in
		// words next to the link, not saved as a file.
		await navTo(page, 'Onkosten');
		await page.locator('#statement-form').waitFor();
		await page.locator('#stmt-from').fill(today);
		await page.locator('#stmt-to').fill('2020-01-01');
		const downloads = [];
		page.on('download', (d) => downloads.push(d));
		await page.locator('#csv-link').click();
		const err = page.locator('#csv-link-error');
		await err.waitFor();
		assert.match(await err.innerText(), /laatste dag/);
		assert.equal(downloads.length, 0, 'nothing saved');
		await assertAccessible(page, 'JIM expenses page (download refused)');
	});

	itEndsCleanly(w);
});
