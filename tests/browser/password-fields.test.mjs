// Every password field has a button that shows what was typed and hides it
// again (ASVS 2.1.12; on a phone a long password is easily mistyped): it
// controls its own field only, keeps what was typed, is reached by Tab
// right after the field and works with the keyboard, says the new state to
// a screen reader, and the password is hidden again when the form is sent.
// On the login page and the three fields of the password change, at 360 px,
// with axe, in Dutch and English. Where a new password is chosen (the
// invitation, the password change) a meter says how easily it is guessed,
// by the server's own check, while it is typed (ASVS 2.1.8); a new password
// that is easy to guess is refused at its field, in words (ASVS 2.1.7).
//
// Run from the repository root: node --test tests/browser/password-fields.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, itEndsCleanly, login, phonePage,
	demoProfessional, apiYouth, expect,
} from './helpers.mjs';

const typeOf = (page, id) => page.getAttribute('#' + id, 'type');

describe('showing a password while typing it', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('password-fields');
	let server;
	let page;

	before(async () => {
		server = await w.start();
		page = await phonePage(w, 'phone');
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('on the login page: Tonen shows the password, Verbergen hides it, by mouse and keyboard', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await page.locator('#login-password').waitFor();
		const reveal = page.locator('#login-password-reveal');
		assert.equal(await typeOf(page, 'login-password'), 'password');
		assert.equal(await reveal.innerText(), 'Tonen');
		assert.equal(await reveal.getAttribute('type'), 'button', 'not a submit button: Enter in the field still logs in');
		assert.equal(await reveal.getAttribute('aria-controls'), 'login-password');
		// Its name says what it shows: its own text, then the field's label.
		assert.equal(await page.getByRole('button', { name: 'Tonen Wachtwoord', exact: true }).count(), 1);
		await page.locator('#login-password').fill('mijn geheime zin');
		await reveal.click();
		assert.equal(await typeOf(page, 'login-password'), 'text');
		assert.equal(await page.locator('#login-password').inputValue(), 'mijn geheime zin', 'what was typed stays');
		assert.equal(await reveal.innerText(), 'Verbergen');
		assert.equal(await page.locator('#login-password-said').innerText(), 'Je wachtwoord is nu te zien.');
		assert.equal(await page.getAttribute('#login-password', 'spellcheck'), 'false', 'a shown password goes to no spelling checker');
		await assertAccessible(page, 'login page, password shown');
		await assertNoHorizontalScroll(page, 'login page at 360 px');
		// Tab from the field reaches the button; Space hides it again.
		await page.locator('#login-password').focus();
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'login-password-reveal');
		await page.keyboard.press('Space');
		assert.equal(await typeOf(page, 'login-password'), 'password');
		assert.equal(await reveal.innerText(), 'Tonen');
		assert.equal(await page.locator('#login-password-said').innerText(), 'Je wachtwoord is nu verborgen.');
	});

	it('sending the form hides the password again', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#login-username').fill('professional');
		await page.locator('#login-password').fill('niet-het-wachtwoord');
		await page.locator('#login-password-reveal').click();
		assert.equal(await typeOf(page, 'login-password'), 'text');
		await page.locator('#login-password').press('Enter');
		await page.locator('#login-message', { hasText: 'Gebruikersnaam of wachtwoord klopt niet.' }).waitFor();
		assert.equal(await typeOf(page, 'login-password'), 'password');
		assert.equal(await page.locator('#login-password-reveal').innerText(), 'Tonen');
	});

	it('on the password change each of the three fields has its own button', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + '/#/settings');
		await page.locator('#password-change').waitFor();
		const ids = ['pw-current', 'pw-new', 'pw-repeat'];
		for (const id of ids) await page.locator('#' + id).fill(`tekst van ${id}`);
		await page.locator('#pw-new-reveal').click();
		assert.deepEqual(await Promise.all(ids.map((id) => typeOf(page, id))), ['password', 'text', 'password'],
			'only the field of the button pressed is shown');
		assert.equal(await page.locator('#pw-new').inputValue(), 'tekst van pw-new');
		assert.equal(await page.getByRole('button', { name: 'Verbergen Nieuw wachtwoord', exact: true }).count(), 1);
		await assertAccessible(page, 'password change, one password shown');
		await assertNoHorizontalScroll(page, 'settings at 360 px');
		await page.locator('#pw-new-reveal').click();
		assert.equal(await typeOf(page, 'pw-new'), 'password');
	});

	it('the meter under the new password says how easily it is guessed while it is typed, by the server’s check', { timeout: STEP_TIMEOUT }, async () => {
		const meter = page.locator('#pw-meter-text');
		const bars = page.locator('#pw-meter .meter-bars');
		assert.equal(await page.getAttribute('#pw-new', 'aria-describedby'), 'pw-new-hint pw-meter-text', 'the meter describes the field');
		assert.equal(await meter.getAttribute('aria-live'), 'polite');
		await page.locator('#pw-new').fill('welkom123456');
		await page.locator('#pw-meter-text', { hasText: 'Dit wachtwoord is te makkelijk te raden.' }).waitFor();
		assert.equal(await bars.getAttribute('data-strength'), 'weak');
		await page.locator('#pw-new').fill('professional');
		await page.locator('#pw-meter-text', { hasText: 'Dit wachtwoord is je gebruikersnaam.' }).waitFor();
		await page.locator('#pw-new').fill('kort');
		await page.locator('#pw-meter-text', { hasText: 'nog te kort' }).waitFor();
		await page.locator('#pw-new').fill('kring-demo-2026');
		await page.locator('#pw-meter-text', { hasText: 'Dit wachtwoord is goed genoeg.' }).waitFor();
		assert.equal(await bars.getAttribute('data-strength'), 'fair');
		await page.locator('#pw-new').fill('oma van sanne en tim');
		await page.locator('#pw-meter-text', { hasText: 'Dit wachtwoord is sterk.' }).waitFor();
		assert.equal(await bars.getAttribute('data-strength'), 'strong');
		await assertAccessible(page, 'password change with the meter');
		await assertNoHorizontalScroll(page, 'the meter at 360 px');
		await page.locator('#pw-new').fill('');
		await page.waitForFunction(() => document.querySelector('#pw-meter-text').textContent === '');
		assert.equal(await bars.getAttribute('data-strength'), 'none');
	});

	it('a slow answer for an older password never overwrites the answer for the newer one', { timeout: STEP_TIMEOUT }, async () => {
		let delayed = 0;
		await page.route('**/api/v1/password-strength', async (route) => {
			if ((route.request().postData() || '').includes('welkom123456')) {
				delayed++;
				await new Promise((r) => setTimeout(r, 2500));
			}
			await route.continue();
		});
		await page.locator('#pw-new').fill('welkom123456');
		await page.waitForTimeout(700); // the pause has passed: the slow request is on its way
		await page.locator('#pw-new').fill('oma van sanne en tim');
		await page.locator('#pw-meter-text', { hasText: 'Dit wachtwoord is sterk.' }).waitFor();
		await page.waitForTimeout(3000); // the slow answer for welkom123456 has come by now
		assert.equal(delayed, 1, 'the older password was asked about');
		assert.equal(await page.locator('#pw-meter-text').innerText(), 'Dit wachtwoord is sterk.');
		assert.equal(await page.locator('#pw-meter .meter-bars').getAttribute('data-strength'), 'strong');
		await page.unroute('**/api/v1/password-strength');
		await page.locator('#pw-new').fill('');
	});

	it('a new password that is easy to guess is refused at its field, in words (ASVS 2.1.7)', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#pw-current').fill(DEMO_PASSWORD);
		await page.locator('#pw-new').fill('welkom123456');
		await page.locator('#pw-repeat').fill('welkom123456');
		await page.locator('#password-change button[type=submit]').click();
		await page.locator('#pw-new-error', { hasText: 'niet makkelijk te raden' }).waitFor();
		assert.equal(await page.getAttribute('#pw-new', 'aria-invalid'), 'true');
		await assertAccessible(page, 'password change refused as easy to guess');
		// Nothing changed: the demo password still logs in.
		const r = await fetch(server.base + '/api/v1/session', {
			method: 'POST', headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ username: 'professional', password: DEMO_PASSWORD }),
		});
		assert.equal(r.status, 201);
		for (const id of ['pw-current', 'pw-new', 'pw-repeat']) await page.locator('#' + id).fill('');
	});

	it('the invitation page has the meter too, before anyone is logged in, and it weighs the username', { timeout: STEP_TIMEOUT }, async () => {
		const pro = await demoProfessional(server.base);
		const youth = await apiYouth(server.base, pro, { given_name: 'Mila', family_name: 'Smit' });
		const account = await expect(server.base, 'POST', `/api/v1/youths/${youth.id}/account`, 201,
			{ token: pro.token, body: { username: 'jongere.mila.smit' } });
		const other = await phonePage(w, 'invited');
		await other.goto(server.base + '/#/invitation/' + encodeURIComponent(account.invitation.token));
		await other.locator('#inv-username', { hasText: 'jongere.mila.smit' }).waitFor();
		// the page knows the username, so the meter refuses it as the password, as the acceptance would
		await other.locator('#inv-password').fill('jongere.mila.smit');
		await other.locator('#inv-meter-text', { hasText: 'Dit wachtwoord is je gebruikersnaam. Kies iets anders.' }).waitFor();
		await other.locator('#inv-password').fill('qwertyuiopas');
		await other.locator('#inv-meter-text', { hasText: 'Dit wachtwoord is te makkelijk te raden.' }).waitFor();
		await other.locator('#inv-password').fill('het wachtwoord van de jim 2026');
		await other.locator('#inv-meter-text', { hasText: 'Dit wachtwoord is sterk.' }).waitFor();
		assert.equal(await other.getAttribute('#inv-password', 'aria-describedby'), 'inv-password-hint inv-meter-text');
		await assertAccessible(other, 'invitation page with the meter');
	});

	it('in English', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#lang-switch').click();
		const reveal = page.locator('#pw-current-reveal');
		await page.locator('#pw-current-reveal', { hasText: 'Show' }).waitFor();
		await reveal.click();
		assert.equal(await reveal.innerText(), 'Hide');
		assert.equal(await page.locator('#pw-current-said').innerText(), 'Your password is now visible.');
		await reveal.click();
		assert.equal(await typeOf(page, 'pw-current'), 'password');
		await page.locator('#lang-switch').click();
	});

	itEndsCleanly(w);
});
