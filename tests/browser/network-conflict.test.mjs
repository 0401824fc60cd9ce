// Two caseworkers correct the same person of a young person's network, each
// in their own browser, at 360 px. The first correction goes through; the
// second, made on what that caseworker loaded before, is refused (412
// edit_conflict) instead of silently overwriting the first: the form says
// so, keeps what was typed, and loads the newest version with a button;
// saved again from there, it goes through. A removal on an old version is
// refused the same way, as is one without a reason (at the field, which
// takes the focus). Then the person taken out of the network is shown
// under "Niet meer in het netwerk" (folded away), with when, by whom, why
// and their history, and not in the network itself. Last, the JIM changes an
// activity that their professional corrected meanwhile: the same refusal,
// with the JIM's text kept. axe on each.
//
// Run from the repository root: node --test tests/browser/network-conflict.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, loginWithTotp, browserWorld, expect,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, focusedId, todayAmsterdam, EDIT_CONFLICT_TEXT as CONFLICT, openDossierTab,
} from './helpers.mjs';

const REASON = 'Moeder is verhuisd, het contact loopt via de voogd';

describe('two caseworkers correct the same person of the network', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('network-conflict');
	let server;
	let pro;
	let youthId;
	let member;
	let first; // the professional's page
	let second; // the team lead's page

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const stored = async () => (await expect(server.base, 'GET', `/api/v1/youths/${youthId}/network`, 200, { token: pro.token }))
		.items.find((x) => x.id === member.id);

	// The network tab, fetched anew (from the overview: the hash changes).
	async function openNetwork(page) {
		await openDossierTab(page, server.base, youthId, 'network');
		await page.locator('#network-table').waitFor();
	}

	async function openEdit(page) {
		await openNetwork(page);
		await page.locator(`#nw-${member.id}-edit`).click();
		await page.locator('#nw-edit-name').waitFor();
	}

	it('both open the same person of the network to correct them', { timeout: STEP_TIMEOUT }, async () => {
		pro = await demoProfessional(server.base);
		youthId = (await apiYouth(server.base, pro, { given_name: 'Sara', family_name: 'Visser' })).id;
		member = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/network`, 201, {
			token: pro.token, body: { name: 'Moeder Ingrid', relation: 'moeder', has_custody: true },
		});
		for (const [profile, username] of [['first', 'professional'], ['second', 'teamlead']]) {
			const { page } = await w.newBrowser(profile);
			await page.setViewportSize({ width: 360, height: 740 });
			await page.goto(server.base + '/');
			await login(page, username, DEMO_PASSWORD);
			await openEdit(page);
			if (profile === 'first') first = page;
			else second = page;
		}
	});

	it('the first correction goes through; the second, on the old version, is refused and keeps its text', { timeout: STEP_TIMEOUT }, async () => {
		await first.locator('#nw-edit-relation').fill('stiefmoeder');
		await first.locator('#nw-edit-reason').fill('Stond verkeerd in het dossier');
		await first.locator('#nw-edit-save').click();
		await first.locator('#network-done', { hasText: 'Moeder Ingrid' }).waitFor();
		assert.equal((await stored()).relation, 'stiefmoeder');

		await second.locator('#nw-edit-contact').fill('06-12345678');
		await second.locator('#nw-edit-reason').fill('Nieuw telefoonnummer van moeder');
		await second.locator('#nw-edit-save').click();
		await second.locator('#nw-edit-message', { hasText: CONFLICT }).waitFor();
		const now = await stored();
		assert.equal(now.relation, 'stiefmoeder', 'the first correction was not overwritten');
		assert.equal(now.contact, null, 'the second was not stored');
		assert.equal(await second.locator('#nw-edit-contact').inputValue(), '06-12345678', 'the typed contact stays');
		assert.equal(await second.locator('#nw-edit-reason').inputValue(), 'Nieuw telefoonnummer van moeder', 'the typed reason stays');
		await assertNoHorizontalScroll(second, 'the conflict at 360 px');
		await assertAccessible(second, 'the network conflict and its button');

		await second.locator('#nw-edit-reload').focus();
		await second.keyboard.press('Enter');
		await second.locator('#nw-edit-message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		await second.locator('#network-table td', { hasText: 'stiefmoeder' }).waitFor();
		assert.equal(await focusedId(second), 'nw-edit-save', 'the focus is on the button that saves again');
		assert.equal(await second.locator('#nw-edit-reason').inputValue(), 'Nieuw telefoonnummer van moeder');
		// the typed relation was the old one: put the newest back, then save again
		await second.locator('#nw-edit-relation').fill('stiefmoeder');
		await second.locator('#nw-edit-save').click();
		await second.locator('#network-done', { hasText: 'Moeder Ingrid' }).waitFor();
		const saved = await stored();
		assert.equal(saved.contact, '06-12345678');
		assert.equal(saved.relation, 'stiefmoeder');
	});

	it('a removal without a reason or on an old version is refused; with a reason, loaded again, it goes through', { timeout: STEP_TIMEOUT }, async () => {
		await openNetwork(first);
		await openNetwork(second);
		await second.locator(`#nw-${member.id}-remove`).click();
		await second.locator('#nw-remove-yes').waitFor();
		await first.locator(`#nw-${member.id}-edit`).click();
		await first.locator('#nw-edit-custody').uncheck();
		await first.locator('#nw-edit-reason').fill('Gezag ligt bij de voogd');
		await first.locator('#nw-edit-save').click();
		await first.locator('#network-done', { hasText: 'Moeder Ingrid' }).waitFor();

		// Without a reason: refused at the field, which takes the focus.
		await second.locator('#nw-remove-reason').fill('   ');
		await second.locator('#nw-remove-yes').click();
		await second.locator('#nw-remove-reason-error', { hasText: 'Reden: schrijf waarom deze persoon uit het netwerk gaat' }).waitFor();
		assert.equal(await second.locator('#nw-remove-reason').getAttribute('aria-invalid'), 'true');
		assert.match(await second.locator('#nw-remove-reason').getAttribute('aria-describedby'), /nw-remove-reason-error/);
		await second.waitForFunction(() => document.activeElement && document.activeElement.id === 'nw-remove-reason');
		assert.ok(await stored(), 'still in the network');
		await assertNoHorizontalScroll(second, 'the removal question with its reason at 360 px');
		await assertAccessible(second, 'a removal refused without a reason');

		await second.locator('#nw-remove-reason').fill(REASON);
		await second.locator('#nw-remove-yes').click();
		await second.locator('#nw-remove-error', { hasText: CONFLICT }).waitFor();
		assert.equal(await second.locator('#nw-remove-reason-error').count(), 0, 'the reason is fine now');
		assert.ok(await stored(), 'still in the network');
		await assertAccessible(second, 'a removal refused on an old version');
		await second.locator('#nw-remove-reload').click();
		await second.locator('#nw-remove-reloaded').waitFor();
		assert.equal(await focusedId(second), 'nw-remove-yes');
		assert.equal(await second.locator('#nw-remove-reason').inputValue(), REASON, 'the typed reason stays');
		await second.keyboard.press('Enter');
		await second.locator('#network-done', { hasText: 'Moeder Ingrid' }).waitFor();
		assert.equal(await stored(), undefined, 'taken out of the network');
	});

	it('the person taken out is shown under "Niet meer in het netwerk", folded away, with why and their history', { timeout: STEP_TIMEOUT }, async () => {
		const page = second;
		await expect(server.base, 'POST', `/api/v1/youths/${youthId}/network`, 201, {
			token: pro.token, body: { name: 'Vader Karim', relation: 'vader', has_custody: false },
		});
		await openNetwork(page);
		await page.locator('#network-table td', { hasText: 'Vader Karim' }).waitFor();
		assert.equal(await page.locator('#network-table td', { hasText: 'Moeder Ingrid' }).count(), 0, 'not in the network');
		const section = page.locator('#network-removed');
		await section.locator('h3', { hasText: 'Niet meer in het netwerk' }).waitFor();
		assert.equal(await page.locator(`#nw-${member.id}-history-toggle`).isVisible(), false, 'folded away at first');
		await section.locator('summary').click();
		const item = page.locator(`#nw-${member.id}`);
		await item.locator('strong', { hasText: 'Moeder Ingrid' }).waitFor();
		assert.match(await item.innerText(), /stiefmoeder/);
		assert.match(await item.innerText(), /Uit het netwerk verwijderd op .+ door /);
		assert.equal(await page.locator(`#nw-${member.id}-reason`).innerText(), `Reden: ${REASON}`, 'why they were taken out');
		const toggle = page.locator(`#nw-${member.id}-history-toggle`);
		assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
		await toggle.focus();
		await page.keyboard.press('Enter');
		const history = page.locator(`#nw-${member.id}-history`);
		await history.locator('li', { hasText: 'Gezag ligt bij de voogd' }).waitFor();
		assert.equal(await history.locator('li').count(), 4, 'the removal; relation, contact and custody corrected');
		assert.match(await history.locator('li').first().innerText(), new RegExp(`^Uit het netwerk verwijderd op .+ door .+\\. Reden: ${REASON}$`),
			'the removal comes first, newest, in the words of the list');
		assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
		await assertNoHorizontalScroll(page, 'the removed people at 360 px');
		await assertAccessible(page, 'the removed people with a history open');
	});

	it('the JIM changes an activity the professional corrected meanwhile: refused, the note stays, saved again', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const username = 'jim.conflict';
		const password = 'een lang wachtwoord 2026';
		const jim = await apiJim(base, pro, youthId, { name: 'Kees Visser', relation: 'oom', username, password });
		const session = await expect(base, 'POST', '/api/v1/session', 201, { body: { username, password } });
		const act = await expect(base, 'POST', `/api/v1/jims/${jim.jimId}/activities`, 201, {
			token: session.token, body: { date: todayAmsterdam(), minutes: 60, kind: 'contact' },
		});
		await expect(base, 'DELETE', '/api/v1/session', 204, { token: session.token });
		const { page } = await w.newBrowser('jim');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(base + '/');
		await loginWithTotp(page, username, password, jim.totpSecret);
		await page.goto(base + '/#/time');
		const p = `#a${act.id}-`;
		await page.locator(p + 'edit').click();
		await page.locator(p + 'note').waitFor();
		// the professional corrects the time meanwhile
		await expect(base, 'PATCH', `/api/v1/activities/${act.id}`, 200, { token: pro.token, body: { minutes: 45 } });
		await page.locator(p + 'note').fill('Samen naar de voetbalclub');
		await page.locator(p + 'save').click();
		await page.locator(p + 'message', { hasText: CONFLICT }).waitFor();
		const stored = async () => (await expect(base, 'GET', `/api/v1/jims/${jim.jimId}/activities`, 200, { token: pro.token }))
			.items.find((x) => x.id === act.id);
		assert.equal((await stored()).note, null, 'the JIM\'s change is not stored over the correction');
		assert.equal(await page.locator(p + 'note').inputValue(), 'Samen naar de voetbalclub');
		await assertNoHorizontalScroll(page, 'an activity\'s conflict at 360 px');
		await assertAccessible(page, 'an activity\'s conflict');
		await page.locator(p + 'reload').click();
		await page.locator(p + 'message', { hasText: 'De nieuwste versie staat er nu' }).waitFor();
		assert.equal(await focusedId(page), `a${act.id}-save`);
		assert.equal(await page.locator(p + 'note').inputValue(), 'Samen naar de voetbalclub', 'what was typed stays');
		await page.keyboard.press('Enter');
		await page.locator(`#activity-${act.id}`, { hasText: 'Samen naar de voetbalclub' }).waitFor();
		assert.equal((await stored()).note, 'Samen naar de voetbalclub');
	});

	itEndsCleanly(w);
});
