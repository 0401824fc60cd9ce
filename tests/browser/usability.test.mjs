// Headless-browser checks of findings from a usability review, against a
// real `kring serve --demo` (build-asan/kring, or $KRING_BIN). Set up
// through the API: a 15-year-old with an active JIM in the demo team. Then,
// by keyboard and with the mouse, the professional:
// - sends the nomination and consent forms with Enter on the submit button
//   and keeps the focus on that button (a disabled button would drop it to
//   the page);
// Axe-core on the pages touched; a clean SIGTERM exit without sanitizer
// output.
//
// Run from the repository root: node --test tests/browser/usability.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, login, expect, browserWorld, todayAmsterdam, itEndsCleanly,
} from './helpers.mjs';

const JIM_USER = 'jim.karim';
const JIM_NAME = 'Karim Bakker';
const JIM_PASSWORD = 'een lang wachtwoord 2026';

// The id (or else the tag) of the element with the focus.
const focusedId = (page) => page.evaluate(() => (document.activeElement && (document.activeElement.id || document.activeElement.tagName)));

// assertFocus: the focus is on the element of the locator, waiting a moment
// for a render that moves it.
async function assertFocus(page, locator, what) {
	const has = () => locator.evaluate((el) => el === document.activeElement).catch(() => false);
	for (let i = 0; i < 30 && !(await has()); i++) await page.waitForTimeout(100);
	assert.ok(await has(), `${what} (the focus is on ${await focusedId(page)})`);
}

// submitByKeyboard focuses the submit button, presses Enter, waits for the
// text in the message region and checks the focus stays on the button.
async function submitByKeyboard(page, button, message, text, what) {
	await button.focus();
	await page.keyboard.press('Enter');
	await page.locator(message, { hasText: text }).waitFor();
	await page.waitForTimeout(300); // the list behind the form reloads
	await assertFocus(page, button, `${what}: the focus stays on the submit button`);
}

describe('usability review findings in a real browser', { timeout: 12 * STEP_TIMEOUT }, () => {
	const w = browserWorld('usability');
	let server;
	let page;
	let youthId;
	let jimId;
	let proToken;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a dossier with an active JIM through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const session = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'professional', password: DEMO_PASSWORD } });
		proToken = session.token;
		const token = proToken;
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token });
		const today = todayAmsterdam();
		const youth = await expect(base, 'POST', '/api/v1/youths', 201, {
			token,
			body: {
				given_name: 'Sanne', family_name: 'de Vries', birth_date: `${Number(today.slice(0, 4)) - 15}-${today.slice(5, 7)}-01`,
				municipality: 'Utrecht', team_id: me.team_ids[0],
			},
		});
		youthId = youth.id;
		const nom = await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201,
			{ token, body: { name: JIM_NAME, relation: 'oom' } });
		await expect(base, 'POST', `/api/v1/nominations/${nom.id}/assessment`, 201, {
			token,
			body: { is_parent: false, adult: true, willing_to_cooperate: true, child_safe: true, own_load_manageable: true, decision: 'approve' },
		});
		const act = await expect(base, 'POST', `/api/v1/nominations/${nom.id}/activate`, 201, { token, body: { username: JIM_USER } });
		jimId = act.jim.id;
		await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(act.invitation.token)}/accept`, 200,
			{ body: { password: JIM_PASSWORD } });
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
		await submitByKeyboard(page, nomButton, '#nomination-message', 'Els de Boer', 'nomination form');
		await page.locator('li.nomination', { hasText: 'Els de Boer' }).waitFor();

		await page.locator('#tab-consent').click();
		await page.locator('#cs-scope').selectOption('share_plan');
		const consentButton = page.locator('#tab-panel button', { hasText: 'Toestemming opslaan' });
		await submitByKeyboard(page, consentButton, '#consent-message', 'opgeslagen', 'consent form');
		await page.locator('#consent-table td', { hasText: 'Jongere' }).waitFor();
		await assertAccessible(page, 'dossier consent tab (after saving)');
	});

	itEndsCleanly(w);
});
