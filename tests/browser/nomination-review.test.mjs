// Headless-browser check of assessing a candidate JIM: the lower bounds are
// yes, no or "nog niet bekend", and "Nog bespreken" keeps an unknown bound
// unknown (null) instead of "nee"; approving with a bound still unknown is
// refused at that bound; when the form comes back it starts from the latest
// assessment. The teamlead's second look: declines waiting for it are listed
// on the teamlead's home page with the young person's name and a link to the
// JIM section, where the teamlead sends one back to assessment with a reason
// or confirms another, each after "Weet je het zeker?" (keyboard: the focus
// on the question, Escape is no); a decline that waits for it cannot be
// assessed again from a form left open. The nomination shows its assessment
// history: after a send-back and a new assessment, the decline that was sent
// back stays under "Eerdere beoordelingen" with who declined it, who sent it
// back and why. The reason to send back counts characters as the server
// does (an emoji is one); the assessment's reason keeps the server's 2000
// characters. The worklist pages by ten, leaves out closed
// trajectories and steps back from a page past its end. axe-core on the
// pages, no horizontal scroll at 360 px, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/nomination-review.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, expect, browserWorld, itEndsCleanly,
	demoProfessional, apiYouth,
} from './helpers.mjs';

describe('assessing a candidate JIM in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('nomination-review');
	let server;
	let token; // the professional's
	let youthId;
	let nomId;
	let page;
	let lead; // the teamlead's page
	let roosId;
	let timId;
	let proName; // display names of the demo professional and teamlead
	let leadName;
	let worklist; // the eleven declines of the paged worklist, oldest first

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	const nominations = () => expect(server.base, 'GET', `/api/v1/youths/${youthId}/nominations`, 200, { token });

	it('sets up a young person with a candidate through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		({ token } = pro);
		proName = (await expect(base, 'GET', '/api/v1/me', 200, { token })).display_name;
		const leadSession = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'teamlead', password: DEMO_PASSWORD } });
		leadName = (await expect(base, 'GET', '/api/v1/me', 200, { token: leadSession.token })).display_name;
		assert.ok(proName && leadName && proName !== leadName);
		youthId = (await apiYouth(base, pro, { given_name: 'Sanne', family_name: 'Visser', birth_date: '2012-03-04', municipality: 'Zwolle' })).id;
		nomId = (await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name: 'Buurman Piet', relation: 'buurman' } })).id;
	});

	it('"Nog bespreken" keeps a lower bound that is not yet known unknown, not "nee"', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}/jim`);
		const p = '#n' + nomId + '-';
		const card = page.locator('#nomination-' + nomId);
		await card.waitFor();
		for (const b of ['is_parent', 'adult', 'willing_to_cooperate', 'child_safe', 'own_load_manageable'])
			assert.equal(await page.locator(p + b + '-unknown').isChecked(), true, `${b} starts not yet known`);
		await page.locator(p + 'is_parent-no').check();
		await page.locator(p + 'adult-yes').check();
		await page.locator(p + 'decision').selectOption('discuss');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		// what it did is said in the nomination, with the focus on it (the form stays for a discussion)
		await page.locator(p + 'done', { hasText: 'wordt nog besproken' }).waitFor();
		await card.locator('.assessment li', { hasText: 'Wil samenwerken' }).filter({ hasText: 'Nog niet bekend' }).waitFor();
		const a = (await nominations()).items.find((n) => n.id === nomId).assessment;
		assert.deepEqual([a.is_parent, a.adult, a.willing_to_cooperate, a.child_safe, a.own_load_manageable], [false, true, null, null, null]);
		assert.equal(a.decision, 'discuss');
		await assertAccessible(page, 'dossier JIM section (assessment)');
		await assertNoHorizontalScroll(page, 'dossier JIM section (assessment)');
	});

	it('the form comes back with the latest answers, and approving needs every bound answered', { timeout: STEP_TIMEOUT }, async () => {
		await page.reload();
		const p = '#n' + nomId + '-';
		const card = page.locator('#nomination-' + nomId);
		await page.locator(p + 'assess-prefilled').waitFor();
		assert.equal(await page.locator(p + 'is_parent-no').isChecked(), true);
		assert.equal(await page.locator(p + 'adult-yes').isChecked(), true);
		assert.equal(await page.locator(p + 'willing_to_cooperate-unknown').isChecked(), true);
		await page.locator(p + 'willing_to_cooperate-yes').check();
		await page.locator(p + 'child_safe-yes').check();
		await page.locator(p + 'decision').selectOption('approve');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'own_load_manageable-error', { hasText: 'Kies ja of nee' }).waitFor();
		assert.equal(await page.getAttribute(p + 'own_load_manageable-unknown', 'aria-invalid'), 'true');
		assert.equal((await nominations()).items.find((n) => n.id === nomId).assessment.decision, 'discuss', 'nothing stored');
		await page.locator(p + 'own_load_manageable-yes').check();
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'status', { hasText: 'Goedgekeurd' }).waitFor();
		await assertAccessible(page, 'dossier JIM section (approved)');
	});

	it('a form left open after the candidate was declined elsewhere says it waits for the second look, and adds nothing', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const n = await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name: 'Opa Wacht', relation: 'opa' } });
		await page.reload();
		const p = '#n' + n.id + '-';
		const card = page.locator('#nomination-' + n.id);
		await page.locator(p + 'decision').waitFor();
		// meanwhile (another tab, a colleague) the candidate is declined: the second look is pending
		await expect(base, 'POST', `/api/v1/nominations/${n.id}/assessment`, 201, { token, body: {
			is_parent: false, adult: true, willing_to_cooperate: false, child_safe: true, own_load_manageable: true,
			decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' } });
		await page.locator(p + 'decision').selectOption('discuss');
		await card.locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'assess-message', { hasText: 'Een teamleider moet daar eerst nog naar kijken' }).waitFor();
		assert.equal(await page.getAttribute(p + 'assess-message', 'role'), 'alert');
		const now = (await nominations()).items.find((x) => x.id === n.id);
		assert.equal(now.status, 'decline_pending');
		assert.equal(now.assessments.length, 1, 'the decline stays alone, waiting for its second look');
		await assertAccessible(page, 'dossier JIM section (assessment refused: second look pending)');
		// the teamlead confirms it, so that the worklist below starts empty
		const leadToken = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'teamlead', password: DEMO_PASSWORD } })).token;
		await expect(base, 'POST', `/api/v1/nominations/${n.id}/confirm-decline`, 200, { token: leadToken, body: {} });
	});

	it('lists the declines waiting for a second look on the teamlead\'s home page, with a link to the JIM section', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const decline = { is_parent: false, adult: true, willing_to_cooperate: false, child_safe: true, own_load_manageable: true,
			decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' };
		for (const [name, relation] of [['Tante Roos', 'tante'], ['Neef Tim', 'neef']]) {
			const n = await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name, relation } });
			await expect(base, 'POST', `/api/v1/nominations/${n.id}/assessment`, 201, { token, body: decline });
			if (name === 'Tante Roos') roosId = n.id;
			else timId = n.id;
		}
		({ page: lead } = await w.newBrowser('teamlead'));
		await lead.setViewportSize({ width: 360, height: 740 });
		await lead.goto(base + '/');
		await login(lead, 'teamlead', DEMO_PASSWORD);
		const item = lead.locator('#second-look-' + roosId);
		await item.waitFor();
		assert.match(await item.innerText(), /Sanne Visser/);
		assert.match(await item.innerText(), /Tante Roos/);
		assert.match(await item.innerText(), /Wil niet samenwerken met de hulpverlening/);
		await lead.locator('#second-look-' + timId).waitFor();
		await assertAccessible(lead, 'teamlead home with the second-look list');
		await assertNoHorizontalScroll(lead, 'teamlead home with the second-look list');
		await item.locator('a', { hasText: 'Naar de JIM van Sanne Visser' }).click();
		await lead.waitForURL(new RegExp(`#/youths/${youthId}/jim$`));
		await lead.locator('#nomination-' + roosId).waitFor();
	});

	it('the teamlead disagrees: a reason, "Weet je het zeker?", and the candidate is open again', { timeout: STEP_TIMEOUT }, async () => {
		const p = '#n' + roosId + '-';
		const card = lead.locator('#nomination-' + roosId);
		await lead.locator(p + 'return-decline').click();
		await lead.locator(p + 'return-next').click();
		await lead.locator(p + 'return-reason-error', { hasText: 'minstens 10 tekens' }).waitFor();
		await lead.locator(p + 'return-reason').fill('Eerst met Roos zelf praten');
		await lead.locator(p + 'return-next').click();
		await lead.locator(p + 'return-decline-box', { hasText: 'Weet je het zeker?' }).waitFor();
		assert.equal(await lead.evaluate(() => document.activeElement && document.activeElement.id), p.slice(1) + 'return-decline-box');
		await assertAccessible(lead, 'second look: sending back, asked once more');
		await lead.keyboard.press('Escape');
		await lead.locator(p + 'return-reason').waitFor();
		assert.equal(await lead.locator(p + 'return-reason').inputValue(), 'Eerst met Roos zelf praten', 'the reason stays after "no"');
		assert.equal((await nominations()).items.find((n) => n.id === roosId).status, 'decline_pending');
		await lead.locator(p + 'return-next').click();
		await lead.locator(p + 'return-decline-yes').click();
		await lead.locator(p + 'status', { hasText: 'Open' }).waitFor();
		await lead.locator(p + 'done', { hasText: 'teruggestuurd' }).waitFor();
		await card.locator('.assessment', { hasText: 'Eerst met Roos zelf praten' }).waitFor();
		await card.locator('.assessment', { hasText: `Afwijzing teruggestuurd naar beoordelen door ${leadName}` }).waitFor();
		await card.locator('.assessment', { hasText: `Beoordeeld door ${proName}` }).waitFor();
		await lead.locator(p + 'assess-prefilled').waitFor();
		assert.equal(await lead.locator(p + 'willing_to_cooperate-no').isChecked(), true, 'the new assessment starts from the decline');
		const a = (await nominations()).items.find((n) => n.id === roosId).assessment;
		assert.equal(a.decline_return_reason, 'Eerst met Roos zelf praten');
		assert.equal(a.decline_confirmed_at, null);
		await assertAccessible(lead, 'dossier JIM section after sending back');
		await assertNoHorizontalScroll(lead, 'dossier JIM section after sending back');
	});

	it('after a new assessment the decline that was sent back stays in the history, with who and why', { timeout: STEP_TIMEOUT }, async () => {
		const p = '#n' + roosId + '-';
		await expect(server.base, 'POST', `/api/v1/nominations/${roosId}/assessment`, 201, { token,
			body: { is_parent: false, adult: true, willing_to_cooperate: null, child_safe: true, own_load_manageable: true, decision: 'discuss' } });
		await lead.reload();
		const card = lead.locator('#nomination-' + roosId);
		await lead.locator(p + 'latest', { hasText: 'Nog bespreken' }).waitFor();
		assert.doesNotMatch(await lead.locator(p + 'latest').innerText(), /Eerst met Roos zelf praten/, 'the latest is the new assessment');
		const history = lead.locator(p + 'history');
		const summary = history.locator('summary');
		assert.match(await summary.innerText(), /Eerdere beoordelingen \(1\)/);
		assert.equal(await history.evaluate((d) => d.open), false, 'older assessments are folded away');
		await summary.focus();
		await lead.keyboard.press('Enter');
		await history.locator('li', { hasText: 'Eerst met Roos zelf praten' }).waitFor();
		const old = await history.innerText();
		assert.match(old, /Afwijzen/);
		assert.match(old, new RegExp(`Beoordeeld door ${proName}`));
		assert.match(old, /Wil niet samenwerken met de hulpverlening/);
		assert.match(old, new RegExp(`Afwijzing teruggestuurd naar beoordelen door ${leadName}`));
		assert.match(old, /Reden van de teamleider: Eerst met Roos zelf praten/);
		assert.match(old, /Wil samenwerken met de hulpverlening en is aanspreekbaar: Nee/);
		await card.locator(p + 'assess-prefilled').waitFor();
		await assertAccessible(lead, 'dossier JIM section with the assessment history open');
		await assertNoHorizontalScroll(lead, 'dossier JIM section with the assessment history open');
	});

	it('confirming a decline asks once more; "Nee, nog niet" leaves it waiting', { timeout: STEP_TIMEOUT }, async () => {
		const p = '#n' + timId + '-';
		await lead.locator(p + 'confirm-decline').click();
		await lead.locator(p + 'confirm-decline-box', { hasText: 'definitief afgewezen' }).waitFor();
		await lead.locator(p + 'confirm-decline-no').click();
		await lead.locator(p + 'confirm-decline').waitFor();
		// the focus is back on the button that asked, not on the page
		const focused = () => lead.evaluate(() => document.activeElement && document.activeElement.id);
		for (let i = 0; i < 30 && (await focused()) !== p.slice(1) + 'confirm-decline'; i++) await lead.waitForTimeout(100);
		assert.equal(await focused(), p.slice(1) + 'confirm-decline');
		assert.equal((await nominations()).items.find((n) => n.id === timId).status, 'decline_pending');
		await lead.locator(p + 'confirm-decline').click();
		await lead.locator(p + 'confirm-decline-yes').click();
		await lead.locator(p + 'status', { hasText: 'Afgewezen' }).waitFor();
		assert.equal((await nominations()).items.find((n) => n.id === timId).status, 'declined');
		await lead.goto(server.base + '/#/');
		await lead.locator('#second-look', { hasText: 'Er wachten geen afwijzingen' }).waitFor();
	});

	it('the reason to send back counts characters as the server does: 1000 emoji fit, 5 are too few', { timeout: STEP_TIMEOUT }, async () => {
		// U+1F331 is one character for the server, two UTF-16 units for String.length and maxlength
		const SPROUT = '\u{1F331}';
		const decline = { is_parent: false, adult: true, willing_to_cooperate: false, child_safe: true, own_load_manageable: true,
			decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' };
		const n = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name: 'Nicht Emoji', relation: 'nicht' } });
		await expect(server.base, 'POST', `/api/v1/nominations/${n.id}/assessment`, 201, { token, body: decline });
		await lead.goto(server.base + `/#/youths/${youthId}/jim`);
		const p = '#n' + n.id + '-';
		await lead.locator(p + 'return-decline').click();
		const reason = lead.locator(p + 'return-reason');
		// five emoji are ten UTF-16 units, but five characters: too few, said before asking "zeker?"
		await reason.fill(SPROUT.repeat(5));
		await lead.locator(p + 'return-next').click();
		await lead.locator(p + 'return-reason-error', { hasText: 'minstens 10 tekens' }).waitFor();
		assert.equal(await lead.locator(p + 'return-decline-box').count(), 0, 'not asked once more');
		// 1001 emoji: the field keeps the 1000 the server takes, not the 500 that fit in 1000 units
		await reason.fill(SPROUT.repeat(1001));
		const sprouts = async () => {
			const v = await reason.inputValue();
			return [...v].every((ch) => ch === SPROUT) ? [...v].length : `not only sprouts: ${JSON.stringify(v.slice(0, 8))}`;
		};
		assert.equal(await sprouts(), 1000);
		// typing on at the limit adds nothing, at the start either, and the caret stays where it was
		await reason.press('Control+Home');
		await lead.keyboard.type('ab');
		assert.equal(await sprouts(), 1000);
		assert.equal(await reason.evaluate((el) => el.selectionStart), 0);
		await lead.locator(p + 'return-next').click();
		await lead.locator(p + 'return-decline-yes').click();
		await lead.locator(p + 'status', { hasText: 'Open' }).waitFor();
		const a = (await nominations()).items.find((x) => x.id === n.id).assessments[0];
		assert.ok(a.decline_return_reason === SPROUT.repeat(1000), `the reason as stored: ${[...a.decline_return_reason].length} characters`);
	});

	it('the worklist shows ten at a time with a pager, oldest first, and leaves out a closed trajectory', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const decline = { is_parent: false, adult: true, willing_to_cooperate: false, child_safe: true, own_load_manageable: true,
			decision: 'decline', reason: 'Wil niet samenwerken met de hulpverlening' };
		const ids = [];
		for (const letter of 'ABCDEFGHIJK') {
			const n = await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name: `Kandidaat ${letter}`, relation: 'buur' } });
			await expect(base, 'POST', `/api/v1/nominations/${n.id}/assessment`, 201, { token, body: decline });
			ids.push(n.id);
		}
		const pro = { token, teamId: (await expect(base, 'GET', '/api/v1/me', 200, { token })).team_ids[0] };
		const gone = (await apiYouth(base, pro, { given_name: 'Lotte', family_name: 'Afgesloten' })).id;
		const closedNom = await expect(base, 'POST', `/api/v1/youths/${gone}/nominations`, 201, { token, body: { name: 'Oom Gesloten', relation: 'oom' } });
		await expect(base, 'POST', `/api/v1/nominations/${closedNom.id}/assessment`, 201, { token, body: decline });
		await expect(base, 'PATCH', `/api/v1/youths/${gone}`, 200, { token, body: { phase: 'closed', end_reason: 'planned', change_reason: 'Traject afgerond' } });
		await lead.goto(base + '/#/');
		await lead.reload(); // the home page was open already
		await lead.locator('#second-look-' + ids[0]).waitFor();
		const shown = () => lead.locator('#second-look-list > li').evaluateAll((lis) => lis.map((li) => li.id));
		assert.deepEqual(await shown(), ids.slice(0, 10).map((id) => 'second-look-' + id), 'the ten oldest first');
		const pager = lead.locator('#second-look nav.pager');
		assert.match(await pager.innerText(), /Pagina 1 van 2/);
		assert.equal(await lead.locator('#second-look-page-prev').isDisabled(), true);
		await assertAccessible(lead, 'teamlead home with a paged second-look list');
		await assertNoHorizontalScroll(lead, 'teamlead home with a paged second-look list');
		await lead.locator('#second-look-page-next').click();
		await lead.locator('#second-look-' + ids[10]).waitFor();
		assert.deepEqual(await shown(), ['second-look-' + ids[10]]);
		assert.match(await pager.innerText(), /Pagina 2 van 2/);
		assert.equal(await lead.locator('#second-look-page-next').isDisabled(), true);
		assert.equal(await lead.locator('#second-look-' + closedNom.id).count(), 0, 'a closed trajectory is not on the worklist');
		await lead.locator('#second-look-page-prev').click();
		await lead.locator('#second-look-' + ids[0]).waitFor();
		worklist = ids;
	});

	it('the worklist steps back to the last page with declines when the list shrank meanwhile', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const leadToken = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'teamlead', password: DEMO_PASSWORD } })).token;
		// page 1 of 2 is open; the only decline on page 2 is handled elsewhere meanwhile
		assert.match(await lead.locator('#second-look nav.pager').innerText(), /Pagina 1 van 2/);
		await expect(base, 'POST', `/api/v1/nominations/${worklist[10]}/confirm-decline`, 200, { token: leadToken, body: {} });
		await lead.locator('#second-look-page-next').click();
		// the pager's button is gone: the focus goes to the list's heading, not lost on the page
		const focused = () => lead.evaluate(() => document.activeElement && document.activeElement.id);
		for (let i = 0; i < 50 && (await focused()) !== 'second-look-title'; i++) await lead.waitForTimeout(100);
		assert.equal(await focused(), 'second-look-title');
		// not "no declines wait" on an empty page 2: page 1 again, with its ten
		const shown = () => lead.locator('#second-look-list > li').evaluateAll((lis) => lis.map((li) => li.id));
		assert.deepEqual(await shown(), worklist.slice(0, 10).map((id) => 'second-look-' + id));
		assert.equal(await lead.locator('#second-look nav.pager').count(), 0, 'one page now: no pager');
		assert.equal(await lead.locator('#second-look', { hasText: 'Er wachten geen afwijzingen' }).count(), 0);
		await assertAccessible(lead, 'teamlead home after the worklist stepped back');
	});

	it('the assessment reason keeps what the server takes: a paste past 1000 characters stays, up to 2000', { timeout: STEP_TIMEOUT }, async () => {
		const n = await expect(server.base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name: 'Tante Lang', relation: 'tante' } });
		await page.goto(server.base + `/#/youths/${youthId}/jim`);
		await page.reload();
		const p = '#n' + n.id + '-';
		const reason = page.locator(p + 'reason');
		await reason.waitFor();
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
		const paste = async (text) => {
			await page.evaluate((t) => navigator.clipboard.writeText(t), text);
			await reason.press('End');
			await reason.press('Control+V');
		};
		// 1500 characters: more than the 1000 the field used to cut at, all of them kept
		await reason.click();
		await paste('b'.repeat(1500));
		assert.equal(await reason.inputValue(), 'b'.repeat(1500));
		// 600 more: as much as fits in the server's 2000
		await paste('c'.repeat(600));
		assert.equal(await reason.inputValue(), 'b'.repeat(1500) + 'c'.repeat(500));
		await page.keyboard.type('x');
		assert.equal((await reason.inputValue()).length, 2000, 'typing on at the limit adds nothing');
		await page.locator(p + 'decision').selectOption('discuss');
		await page.locator('#nomination-' + n.id).locator('button', { hasText: 'Beoordeling opslaan' }).click();
		await page.locator(p + 'done', { hasText: 'wordt nog besproken' }).waitFor();
		const a = (await nominations()).items.find((x) => x.id === n.id).assessment;
		assert.equal(a.reason, 'b'.repeat(1500) + 'c'.repeat(500), 'stored as the field showed it');
	});

	itEndsCleanly(w);
});
