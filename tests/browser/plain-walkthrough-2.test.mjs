// A second walk through the young person's and the JIM's screens on a phone
// (360x740), on `kring demo` (the accounts `youth`, `jim`, `professional`),
// and what it found:
// - "Mijn dossier" named who made or changed something by their account's
//   number ("gemaakt door 2") when they were not in the access log; the
//   consent to share notes read as the team's "Gedeelde journaalnotities";
//   the access log was a table wider than the phone, with times to the
//   second. Now every person has their name and role in the young person's
//   words (the export names them: `people`), the consents use the young
//   person's words, and the access log is a list that fits, to the minute;
// - a wrong password said "klopt niet" and nothing about a forgotten one:
//   it now says whom to ask for a new login link (nothing is e-mailed);
// - the JIM's declaration form, on a month with nothing in it, said so twice
//   (in the form's message and again at "Van"): now once;
// - the team's plan read "Ria (JIM) (de JIM)" for an action whose owner was
//   typed as "Ria (JIM)": whose an action is is now said once (and the demo
//   no longer types a name beside owner_kind: its actions read "De JIM").
// axe-core on every page visited; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plain-walkthrough-2.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly,
	login, loginWithTotp, demoProfessional, expect, youthWithOwnActions, addDays, todayAmsterdam, phonePage,
} from './helpers.mjs';

const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));
const JIM_PASSWORD = 'het wachtwoord van de jim 2026';
const YOUTH_PASSWORD = 'het wachtwoord van de jongere 2026';
// The columns of the file that hold a person's account number (as pages/privacy.js reads them).
const PERSON_COLUMN = /(_by|^author_id|^owner_user_id|^user_id)$/;

describe('the young person\'s and the JIM\'s screens at 360 px, a second walk', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('plain-walkthrough-2');
	let server;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '5', '--seed', '1']) });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('names every person in "Mijn dossier", in plain words, and its access log fits a phone', { timeout: STEP_TIMEOUT }, async () => {
		const pro = await demoProfessional(server.base);
		const proName = (await expect(server.base, 'GET', '/api/v1/me', 200, { token: pro.token })).display_name;
		const page = await phonePage(w, 'youth');
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await page.goto(server.base + '/#/my-file');
		await page.locator('#file-access').waitFor();
		const people = await page.locator('.file-field').evaluateAll((els, re) => els
			.filter((el) => new RegExp(re).test(el.dataset.field))
			.map((el) => ({ field: el.dataset.field, text: el.querySelector('dd').innerText.trim() })), PERSON_COLUMN.source);
		assert.ok(people.length >= 5, `people in the file: ${JSON.stringify(people)}`);
		for (const p of people) {
			assert.doesNotMatch(p.text, /^\d+$|\(\d+\)$/, `${p.field} is a name, not a number: "${p.text}"`);
		}
		const byPro = `${proName} (${NL['plain_role.professional']})`;
		assert.ok(people.some((p) => p.field === 'created_by' && p.text === byPro), `"gemaakt door ${byPro}" in ${JSON.stringify(people)}`);

		const text = await page.locator('main').innerText();
		assert.ok(!text.includes(NL['scope.share_notes_marked_shared']), 'not the team\'s "Gedeelde journaalnotities"');
		assert.doesNotMatch(text, /journaalnotities/i);
		const scopes = await page.locator('#file-consents ~ .file-row [data-field="scope"] dd').allInnerTexts();
		assert.ok(scopes.includes(NL['plain_scope.share_notes_marked_shared']), `the consents in plain words: ${scopes.join(', ')}`);

		// The access log: a list within the phone's width, times to the minute.
		const log = page.locator('#file-access');
		assert.equal(await log.evaluate((el) => el.tagName), 'UL', 'a list, not a table');
		const box = await log.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return { right: r.right, scroll: el.scrollWidth, client: el.clientWidth, wrapped: !!el.closest('.table-wrap') };
		});
		assert.ok(box.right <= 360 && box.scroll <= box.client && !box.wrapped, `the access log fits: ${JSON.stringify(box)}`);
		const times = await log.locator('.access-when').allInnerTexts();
		assert.ok(times.length > 0);
		for (const when of times) assert.doesNotMatch(when, /\d{1,2}:\d{2}:\d{2}/, `no seconds: ${when}`);
		const who = await log.locator('.access-who').allInnerTexts();
		assert.ok(who.includes(NL['plain_author.youth']), `the young person's own visits are "jij": ${[...new Set(who)].join(', ')}`);
		for (const x of who) assert.doesNotMatch(x, /^\d+$/);
		await assertNoHorizontalScroll(page, 'Mijn dossier');
		await assertAccessible(page, 'Mijn dossier');
	});

	it('says after a wrong password whom to ask for a new login link', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'login');
		await page.goto(server.base + '/');
		await page.locator('#login-username').fill('jim');
		await page.locator('#login-password').fill('niet het goede wachtwoord');
		await page.locator('#login-password').press('Enter');
		const message = page.locator('#login-message');
		await message.locator('#login-forgot').waitFor();
		const said = await message.innerText();
		assert.ok(said.includes(NL['error.invalid_credentials']), said);
		assert.equal((await page.locator('#login-forgot').innerText()).trim(), NL['login.forgot']);
		assert.match(NL['login.forgot'], /hulpverlener/);
		assert.equal(await message.getAttribute('role'), 'alert', 'read out with the error');
		await assertNoHorizontalScroll(page, 'login refused');
		await assertAccessible(page, 'login refused');
		// An empty field is asked for at the field: no hint about a forgotten password there.
		await page.locator('#login-password').fill('');
		await page.locator('#login-password').press('Enter');
		await page.locator('#login-password-error').waitFor();
		assert.equal(await page.locator('#login-forgot').count(), 0);
	});

	it('says once that a month with nothing in it cannot be declared', { timeout: STEP_TIMEOUT }, async () => {
		const made = await youthWithOwnActions(server.base, { givenName: 'Lotte', familyName: 'Snel', jimName: 'Ria Snel',
			jimUser: 'jim.leeg', jimPassword: JIM_PASSWORD, youthUser: 'jongere.leeg', youthPassword: YOUTH_PASSWORD });
		const page = await phonePage(w, 'jim-empty');
		await page.goto(server.base + '/');
		await loginWithTotp(page, 'jim.leeg', JIM_PASSWORD, made.jimTotp);
		await page.goto(server.base + '/#/expenses');
		// It opens on last month (a statement is made for a month that is over).
		const from = page.locator('#stmt-from');
		await from.waitFor();
		const first = todayAmsterdam().slice(0, 8) + '01';
		assert.equal(await from.inputValue(), addDays(first, -1).slice(0, 8) + '01');
		assert.equal(await page.locator('#stmt-to').inputValue(), addDays(first, -1));
		await page.locator('#stmt-make').focus();
		await page.keyboard.press('Enter');
		const message = page.locator('#statement-message');
		await message.filter({ hasText: NL['error.empty_period'] }).waitFor();
		const form = await page.locator('#statement-form').innerText();
		assert.equal(form.split(NL['error.empty_period']).length - 1, 1, `said once:\n${form}`);
		assert.equal(await page.locator('#stmt-from-error').count(), 0, 'not again at "Van"');
		assert.equal(await from.getAttribute('aria-invalid'), null);
		await assertNoHorizontalScroll(page, 'empty declaration');
		await assertAccessible(page, 'empty declaration');
	});

	it('says once in the team\'s plan that an action is the JIM\'s', { timeout: STEP_TIMEOUT }, async () => {
		const youth = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: 'youth', password: DEMO_PASSWORD } });
		const youthId = (await expect(server.base, 'GET', '/api/v1/me', 200, { token: youth.token })).youth_id;
		const page = await phonePage(w, 'professional');
		await page.goto(server.base + `/#/youths/${youthId}/plan`);
		await page.locator('#login-username').waitFor();
		await login(page, 'professional', DEMO_PASSWORD);
		const cv = page.locator('.goal-actions li', { hasText: 'Samen een cv maken' });
		await cv.waitFor();
		const text = await cv.innerText();
		assert.ok(text.includes(NL['plan.owner_kind.jim']), text);
		assert.ok(!text.includes('(JIM)') && !text.includes(`(${NL['plan.owner_kind_short.jim']})`), `the JIM is said once: ${text}`);
		const alarm = await page.locator('.goal-actions li', { hasText: 'Wekker om 7 uur' }).innerText();
		assert.ok(alarm.includes(NL['plan.owner_kind.youth']), `whose: ${alarm}`);
		await assertAccessible(page, 'the team\'s plan');
	});

	itEndsCleanly(w);
});
