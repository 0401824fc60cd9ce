// The JIM after a visit, on a phone (360x740), by clicks and by keyboard: a
// volunteer reaches the log form from the first screen of the home page,
// logs time and kilometres and a cost and sees what was saved next to the
// button, with 'Weghalen en verbeteren' for a slip; a refused save puts the
// focus on the field to fix; changing an entry keeps the keyboard focus in
// place; a statement says how much is claimed before it fixes the days (and
// an empty period before asking); the statement's lines and the entries fit
// the phone; the young person's outcomes are not named like the JIM's own
// check-in. Set up through the API: the demo professional opens a dossier
// and makes an active JIM (docs/api-jim-support.md). Steps also run axe-core
// and check that nothing is wider than the phone.
//
// Run from the repository root: node --test tests/browser/jim-visit.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, expect, browserWorld, todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, assertFocus, openSection,
} from './helpers.mjs';

const JIM_USER = 'jim.tante';
const JIM_PASSWORD = 'een lang wachtwoord 2026';

// inView: the whole element is inside the 740 px high window as it is now.
async function inView(page, locator) {
	const box = await locator.boundingBox();
	return !!box && box.y >= 0 && box.y + box.height <= 740 && box.x >= 0 && box.x + box.width <= 360;
}

describe('the JIM after a visit, on a phone', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('jim-visit');
	let server;
	let page;
	let jimId;
	let pro;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a dossier with an active JIM and logs the JIM in on a phone', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		const today = todayAmsterdam();
		const youthId = (await apiYouth(base, pro, { given_name: 'Lotte', family_name: 'Visser',
			birth_date: `${Number(today.slice(0, 4)) - 14}-03-01` })).id;
		const jim = await apiJim(base, pro, youthId, { name: 'Els Visser', relation: 'tante', username: JIM_USER, password: JIM_PASSWORD });
		jimId = jim.jimId;
		({ page } = await w.newBrowser('jim'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jim.totpSecret);
	});

	it('has writing down a visit in the first screen: a button on the home page, the form at the top of the page', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#jim-summary').waitFor();
		const link = page.locator('#jim-log-link');
		assert.ok(await inView(page, link), 'the button is on the first screen of the home page');
		assert.equal(await link.innerText(), 'Tijd en kilometers opschrijven');
		const box = await link.boundingBox();
		assert.ok(box.height >= 44, `a finger-size button (${box.height} px high)`);
		await assertAccessible(page, 'JIM home page');
		await assertNoHorizontalScroll(page, 'JIM home page');
		await link.click();
		await page.locator('h1', { hasText: 'Tijd en kilometers' }).waitFor();
		await page.locator('#log-form').waitFor();
		// The boxes to fill in are on the first screen, above the totals.
		assert.ok(await inView(page, page.locator('#log-date')), 'the day is on the first screen');
		assert.ok(await inView(page, page.locator('#log-hours')), 'how long is on the first screen');
		assert.ok(await inView(page, page.locator('#log-minutes')));
	});

	it('says what was saved next to "Opslaan", and takes a slip back into the form to correct it', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/time');
		await page.locator('#log-form').waitFor();
		await page.locator('#log-hours').fill('1');
		await page.locator('#log-minutes').fill('30');
		await page.locator('#log-km').fill('125'); // meant 12,5
		await page.locator('#log-note').fill('Samen naar de bieb');
		await page.locator('#log-form button[type=submit]').click();
		const said = page.locator('#log-message', { hasText: 'Opgeslagen' });
		await said.waitFor();
		const text = await said.innerText();
		assert.match(text, /1 uur en 30 minuten/, 'the message says how long');
		assert.match(text, /125 km/, 'the message says how far');
		assert.ok(await inView(page, said), 'the message is on the screen where "Opslaan" was tapped, not above it out of view');
		const undo = page.locator('#log-undo');
		assert.ok(await inView(page, undo), '"Weghalen en verbeteren" is in view too');
		await assertAccessible(page, 'JIM time page (just saved)');
		await assertNoHorizontalScroll(page, 'JIM time page (just saved)');

		const saved = await expect(server.base, 'GET', `/api/v1/jims/${jimId}/activities`, 200, { token: pro.token });
		assert.deepEqual(saved.items.map((a) => a.km), [125]);

		await undo.click();
		await page.locator('#log-message', { hasText: 'Weggehaald' }).waitFor();
		assert.equal(await page.locator('#log-hours').inputValue(), '1', 'what was typed is back');
		assert.equal(await page.locator('#log-minutes').inputValue(), '30');
		assert.equal(await page.locator('#log-km').inputValue(), '125');
		assert.equal(await page.locator('#log-note').inputValue(), 'Samen naar de bieb');
		assert.equal(await page.locator('#log-undo').count(), 0);
		assert.equal((await expect(server.base, 'GET', `/api/v1/jims/${jimId}/activities`, 200, { token: pro.token })).items.length, 0,
			'the wrong entry is gone');
		assert.equal(await page.locator('#activities li', { hasText: 'Samen naar de bieb' }).count(), 0, 'and gone from the list');

		await page.locator('#log-km').fill('12,5');
		await page.locator('#log-form button[type=submit]').click();
		await page.locator('#log-message', { hasText: '12,5 km' }).waitFor();
		await page.locator('#activities li', { hasText: 'Samen naar de bieb' }).waitFor();
		const now = await expect(server.base, 'GET', `/api/v1/jims/${jimId}/activities`, 200, { token: pro.token });
		assert.deepEqual(now.items.map((a) => [a.minutes, a.km]), [[90, 12.5]]);

		// Starting on the next entry forgets the question about the last one.
		await page.locator('#log-minutes').fill('20');
		assert.equal(await page.locator('#log-undo').count(), 0);
		assert.equal(await page.locator('#log-message').innerText(), '');
	});

	it('does the same for a cost', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/expenses');
		await page.locator('#cost-form').waitFor();
		await page.locator('#cost-amount').fill('450');
		await page.locator('#cost-description').fill('Parkeren');
		await page.locator('#cost-form button[type=submit]').click();
		const said = page.locator('#cost-message', { hasText: 'Opgeslagen' });
		await said.waitFor();
		assert.match(await said.innerText(), /€\s?450,00/);
		assert.ok(await inView(page, said), 'the message is in view');
		await assertAccessible(page, 'JIM expenses page (just saved)');
		await page.locator('#cost-undo').click();
		await page.locator('#cost-message', { hasText: 'Weggehaald' }).waitFor();
		assert.equal(await page.locator('#cost-amount').inputValue(), '450');
		assert.equal(await page.locator('#cost-description').inputValue(), 'Parkeren');
		assert.equal((await expect(server.base, 'GET', `/api/v1/jims/${jimId}/costs`, 200, { token: pro.token })).items.length, 0);
		await page.locator('#cost-amount').fill('4,50');
		await page.locator('#cost-form button[type=submit]').click();
		await page.locator('#cost-message', { hasText: '4,50' }).waitFor();
		await page.locator('#costs li', { hasText: 'Parkeren' }).waitFor();
	});

	it('puts the focus on what needs fixing when "Opslaan" is refused', { timeout: STEP_TIMEOUT }, async () => {
		// The most common slip: how long it took is not filled in. The boxes
		// are far above the button on a phone.
		await page.goto(server.base + '/#/time');
		await page.locator('#log-form').waitFor();
		await page.locator('#log-km').fill('8');
		await page.locator('#log-note').fill('Vergeten hoe lang');
		await page.locator('#log-form button[type=submit]').focus();
		await page.keyboard.press('Enter');
		await page.locator('#log-duration-error').waitFor();
		await assertFocus(page, page.locator('#log-hours'), 'the focus is on the first box that needs filling in, Uur');
		assert.ok(await inView(page, page.locator('#log-hours')), 'and that box is on the screen');
		assert.ok(await inView(page, page.locator('#log-duration-error')), 'with what to do under it');
		assert.equal(await page.locator('#log-km').inputValue(), '8', 'what was typed stays');
		await page.keyboard.press('Tab');
		await page.keyboard.type('40');
		await page.keyboard.press('Enter'); // Enter in a text box sends the form
		await page.locator('#log-message', { hasText: '40 minuten' }).waitFor();

		// A changed entry: the same.
		const item = page.locator('#activities li', { hasText: 'Vergeten hoe lang' });
		await item.locator('button', { hasText: 'Veranderen' }).click();
		const p = '#' + (await item.getAttribute('id')).replace('activity-', 'a') + '-';
		await page.locator(p + 'km').fill('8,25');
		await page.locator(p + 'note').focus();
		await item.locator('button', { hasText: 'Verandering opslaan' }).click();
		await page.locator(p + 'km-error').waitFor();
		await assertFocus(page, page.locator(p + 'km'), 'the focus is on the km of the entry');
		assert.ok(await inView(page, page.locator(p + 'km')));
		await item.locator('button', { hasText: 'Annuleren' }).click();

		// A cost without what it was for.
		await page.goto(server.base + '/#/expenses');
		await page.locator('#cost-form').waitFor();
		await page.locator('#cost-amount').fill('3');
		await page.locator('#cost-form button[type=submit]').click();
		await page.locator('#cost-description-error').waitFor();
		await assertFocus(page, page.locator('#cost-description'), 'the focus is on what it was for');
		assert.ok(await inView(page, page.locator('#cost-description')));

		// The check-in: a question not answered.
		await page.goto(server.base + '/#/check-in');
		await page.locator('#checkin-form').waitFor();
		await page.locator('label[for=ci-wellbeing-4]').click();
		await page.locator('label[for=ci-continue-yes]').click();
		await page.locator('#checkin-form button[type=submit]').click();
		await page.locator('#ci-burden-error').waitFor();
		await assertFocus(page, page.locator('#ci-burden-1'), 'the focus is on the question that was skipped');
		assert.ok(await inView(page, page.locator('#ci-burden-1')));
		assert.ok(await page.locator('#ci-wellbeing-4').isChecked(), 'the answers given stay');
		await assertAccessible(page, 'JIM check-in page (a question skipped)');
	});

	it('keeps the keyboard focus in place while an entry is changed', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/time');
		const item = page.locator('#activities li', { hasText: 'Samen naar de bieb' });
		await item.waitFor();
		const p = '#' + (await item.getAttribute('id')).replace('activity-', 'a') + '-';
		const edit = item.getByRole('button', { name: 'Veranderen', exact: true });
		await edit.focus();
		await page.keyboard.press('Enter');
		await page.locator(p + 'date').waitFor();
		await assertFocus(page, page.locator(p + 'date'), '"Veranderen" puts the focus on the first field of the form');
		assert.doesNotMatch(await page.locator(p + 'date-hint').innerText(), /Vandaag staat al ingevuld/,
			'the hint does not say that today is filled in: the day of the entry is');
		await assertAccessible(page, 'JIM time page (changing an entry)');

		// Annuleren: back on "Veranderen".
		await item.getByRole('button', { name: 'Annuleren', exact: true }).focus();
		await page.keyboard.press('Enter');
		await assertFocus(page, edit, '"Annuleren" gives the focus back to "Veranderen"');

		// Saved: back on "Veranderen", with what happened said in the entry.
		await page.keyboard.press('Enter');
		await assertFocus(page, page.locator(p + 'date'), 'the form opens again with the focus in it');
		await page.locator(p + 'minutes').fill('45');
		await page.locator(p + 'minutes').press('Enter');
		await page.locator(p + 'message', { hasText: 'Veranderd' }).waitFor();
		await assertFocus(page, edit, 'after saving the focus is on "Veranderen" again');
		assert.match(await item.innerText(), /1 uur en 45 minuten/);
	});

	it('shows how much the JIM claims before a statement fixes the days, and an empty period before asking', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/expenses');
		await page.locator('#statement-form').waitFor();
		// The form starts at last month, when this JIM logged nothing: said at
		// once, instead of after "Ja, versturen".
		await page.locator('#stmt-make').click();
		await page.locator('#statement-message', { hasText: 'Er staat niets in deze periode' }).waitFor();
		assert.equal(await page.locator('#stmt-confirm-box').count(), 0, 'no question for a period that cannot be sent');

		// This month: 12,5 + 8 km × € 0,23 = € 4,72 (20,5 km, rounded once), and € 4,50 parking.
		await page.locator('#statement-form button', { hasText: 'Deze maand' }).click();
		await page.locator('#stmt-make').click();
		const box = page.locator('#stmt-confirm-box');
		await box.waitFor();
		const text = await box.innerText();
		assert.match(text, /Je vraagt €\s?9,22 terug/, `the amount is in the question: ${text}`);
		assert.match(text, /20,5 km × €\s?0,23 = €\s?4,72/);
		assert.match(text, /€\s?4,50/);
		assert.match(text, /niet meer veranderen/);
		await assertFocus(page, box, 'the question has the focus');
		assert.ok(await inView(page, page.locator('#stmt-confirm')), '"Ja, versturen" is in view');
		assert.equal((await expect(server.base, 'GET', `/api/v1/jims/${jimId}/statements`, 200, { token: pro.token })).items.length, 0,
			'nothing sent by asking');
		await assertAccessible(page, 'JIM expenses page (statement with its amount)');
		await assertNoHorizontalScroll(page, 'JIM expenses page (statement with its amount)');

		await page.locator('#stmt-confirm').click();
		const card = page.locator('#statements li.statement').first();
		await card.waitFor();
		assert.match(await card.innerText(), /€\s?9,22/, 'the statement holds what was shown');
	});

	it('fits the statement and the entries to a phone: every amount in view, "12,5 km" on one line', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/expenses');
		const card = page.locator('#statements li.statement').first();
		await card.locator('a', { hasText: 'Bekijken en afdrukken' }).click();
		await page.locator('h1', { hasText: 'Declaratie' }).waitFor();
		const lines = page.locator('#statement-lines > li, #statement-lines tbody tr');
		await lines.first().waitFor();
		assert.equal(await lines.count(), 3, 'two entries with km and one cost');
		for (const [amount, what] of [['€\u00a02,88', 'Samen naar de bieb'], ['€\u00a01,84', 'Vergeten hoe lang'], ['€\u00a04,50', 'Parkeren']]) {
			const line = lines.filter({ hasText: what });
			assert.equal(await line.count(), 1, what);
			const cell = line.getByText(amount, { exact: true });
			await cell.scrollIntoViewIfNeeded();
			const box = await cell.boundingBox();
			assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${what}: the amount ${amount} is on the screen (${JSON.stringify(box)})`);
		}
		await assertAccessible(page, 'JIM statement page');
		await assertNoHorizontalScroll(page, 'JIM statement page');

		// The kilometres of an entry do not break between the number and "km".
		await page.goto(server.base + '/#/time');
		const item = page.locator('#activities li', { hasText: 'Samen naar de bieb' });
		await item.waitFor();
		const rows = await item.locator('p.big').evaluate((p) => {
			const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const i = n.data.indexOf('12,5 km');
				if (i < 0) continue;
				const range = document.createRange();
				range.setStart(n, i);
				range.setEnd(n, i + '12,5 km'.length);
				return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
			}
			return -1;
		});
		assert.equal(rows, 1, '"12,5 km" is on one line');
	});

	it('does not give the young person\'s outcomes nearly the name of the JIM\'s own check-in', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/my-youth');
		// the heading of the section with the outcomes (or the notice that they are not shared)
		await openSection(page, 'jim-sec-how');
		const h = page.locator('main h2:has(#jim-sec-how):has(+ .section-panel > #jim-no-outcomes, + .section-panel > #jim-outcomes)');
		await h.waitFor();
		assert.equal(await h.innerText(), 'Hoe het met Lotte gaat', 'the section says whose it is');
		const check = (await page.locator('nav a[href="#/check-in"]').innerText()).trim();
		const words = (x) => x.toLowerCase().replace(/[?]/g, '').split(/\s+/).sort().join(' ');
		assert.notEqual(words(await h.innerText()), words(check), `"${await h.innerText()}" and the menu's "${check}" use the same words`);
		await assertAccessible(page, 'JIM my-youth page');
		await assertNoHorizontalScroll(page, 'JIM my-youth page');
	});

	itEndsCleanly(w);
});
