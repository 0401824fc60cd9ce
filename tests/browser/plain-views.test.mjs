// Headless-browser walk through the plain (B1) screens the JIM and the young
// person share, against a real `kring serve --demo`: the plan seen by the
// JIM (the JIM is "jij", the young person is named) with a late evaluation
// as a plain warning (the young person's plan too), the meetings list with
// those of the last three months (a cancelled one marked), a decision with a
// plain explanation, the calendar feed without a revoke button before a
// link exists, what the JIM sees when the consent to share meetings is
// taken back, the young person's "Afspraken" page (no skipped heading
// level) and consent buttons that name their subject, what a yes of a young
// person under 12 (and of 14, without a parent's yes) does, and invitation
// links: an unknown one, and one that works (its username). axe-core on every page, no horizontal scroll at 360 px,
// a clean SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/plain-views.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, expect, call,
	browserWorld,
	todayAmsterdam,
	itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, navTo, openSection, menuPageLoaded,
} from './helpers.mjs';

const JIM_USER = 'jim.ilse';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const YOUTH_USER = 'jongere.daan';
const YOUTH_PASSWORD = 'Mijn-eigen-Wachtwoord-2026!';


// The plain notice of the next talk about the plan: a warning in words once
// its date has passed, plain information otherwise.
async function assertNextEvaluation(page, late, what) {
	const next = page.locator('#plain-next-evaluation');
	await next.waitFor();
	const text = await next.innerText();
	if (late) {
		assert.match(await next.getAttribute('class'), /notice-warning/, `${what}: a warning`);
		assert.match(text, /Dat is nog niet gebeurd\. Vraag de hulpverlener wanneer dat gesprek komt\./, `${what}: ${text}`);
	} else {
		assert.match(await next.getAttribute('class'), /notice-info/, `${what}: information`);
		assert.match(text, /^Jullie praten weer over het plan rond /, `${what}: ${text}`);
	}
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// The heading levels in <main>, in order; no level may be skipped going down.
async function assertHeadingOrder(page, what) {
	const levels = await page.locator('main').evaluate((m) => [...m.querySelectorAll('h1, h2, h3, h4, h5, h6')]
		.filter((h) => h.offsetParent !== null || h.closest('details')).map((h) => Number(h.tagName[1])));
	for (let i = 1; i < levels.length; i++) {
		assert.ok(levels[i] <= levels[i - 1] + 1, `${what}: heading levels ${levels.join(' ')} skip a level`);
	}
}

describe('plain screens of the JIM and the young person in a real browser', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('plain');
	let server;
	let token;
	let youthId;
	let goalId;
	let jimTotp = null;
	let youthTotp = null;
	let meetingsConsentId;
	const meetings = {};
	let jimPage;
	let youthPage;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a 16-year-old with a JIM, an account, a goal and meetings through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		({ token } = pro);
		const today = todayAmsterdam();
		// care began 100 days ago and nobody evaluated: the evaluation is late
		youthId = (await apiYouth(base, pro, { given_name: 'Daan', family_name: 'Visser',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, municipality: 'Zwolle', started_on: addDays(today, -100) })).id;
		jimTotp = (await apiJim(base, pro, youthId, { name: 'Ilse de Boer', relation: 'tante', username: JIM_USER, password: JIM_PASSWORD })).totpSecret;
		const account = await expect(base, 'POST', `/api/v1/youths/${youthId}/account`, 201, { token, body: { username: YOUTH_USER } });
		youthTotp = (await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(account.invitation.token)}/accept`, 200,
			{ body: { password: YOUTH_PASSWORD } })).totp_secret || null;
		await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token, body: { scope: 'share_plan', given_by: 'youth', given_on: today } });
		meetingsConsentId = (await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token, body: { scope: 'share_meetings', given_by: 'youth', given_on: today } })).id;
		goalId = (await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
			{ token, body: { title: 'Elke dag naar school', author_kind: 'youth' } })).id;

		const day = 86400000;
		const at = (offset, hour) => {
			const d = new Date(Date.now() + offset * day);
			d.setUTCHours(hour, 0, 0, 0);
			return +d;
		};
		const meeting = async (offset, location, kind = 'network') => (await expect(base, 'POST', `/api/v1/youths/${youthId}/meetings`, 201, {
			token, body: { kind, starts_at: iso(at(offset, 13)), ends_at: iso(at(offset, 14)), location },
		})).id;
		meetings.next = await meeting(5, 'Buurthuis De Brug');
		meetings.past = await meeting(-20, 'School De Vonk', 'evaluation');
		meetings.cancelled = await meeting(-10, 'Stadhuis Zwolle');
		meetings.old = await meeting(-120, 'Oud overleg');
		await expect(base, 'PATCH', `/api/v1/meetings/${meetings.cancelled}`, 200, { token, body: { cancelled: true } });
		await expect(base, 'POST', `/api/v1/meetings/${meetings.past}/decisions`, 201,
			{ token, body: { type: 'plan_changed', text: 'Daan krijgt huiswerkbegeleiding.' } });
	});

	it('shows the JIM the plan with the JIM as "jij" and the young person by name', { timeout: STEP_TIMEOUT }, async () => {
		({ page: jimPage } = await w.newBrowser('jim'));
		const page = jimPage;
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-plan');
		const goal = page.locator(`#goal-${goalId}`);
		await goal.waitFor();
		assert.match(await goal.innerText(), /Dit doel komt van: Daan/);
		await page.locator(`#g${goalId}-view-open`).click();
		assert.match(await page.getAttribute(`#g${goalId}-view`, 'aria-describedby'), new RegExp(`goal-${goalId}-title`));
		await page.locator(`#g${goalId}-view`).fill('Ik breng hem op dinsdag.');
		await goal.locator('button[type=submit]').click();
		await goal.locator('li', { hasText: 'Ik breng hem op dinsdag.' }).waitFor();
		const view = await goal.locator('li', { hasText: 'Ik breng hem op dinsdag.' }).innerText();
		assert.match(view, /^jij:/, `the JIM's own view is "jij": ${view}`);
		assert.doesNotMatch(await goal.innerText(), /je JIM/);
		await assertNextEvaluation(page, true, 'JIM plan, evaluation late');
		await assertAccessible(page, 'JIM my young person (plan)');
	});

	it('lists the JIM the meetings to come and of the last three months, with plain decisions', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		await openSection(page, 'jim-sec-meetings');
		await page.locator(`#jim-meetings a[href="#/meetings/${meetings.next}"]`).waitFor();
		const box = page.locator('#jim-meetings-past-box');
		await box.locator('summary').click();
		await page.locator(`#jim-meeting-${meetings.past}`).waitFor();
		assert.match(await page.locator(`#jim-meeting-${meetings.cancelled}`).innerText(), /Gaat niet door/);
		assert.equal(await page.locator(`#jim-meeting-${meetings.old}`).count(), 0, 'older than three months: not listed');
		assert.equal(await page.locator(`#jim-meeting-${meetings.next}`).locator('text=Gaat niet door').count(), 0);
		await assertHeadingOrder(page, 'JIM my young person');
		await assertAccessible(page, 'JIM my young person (meetings)');
		await assertNoHorizontalScroll(page, 'JIM my young person (meetings)');
		await page.locator(`#jim-meeting-${meetings.past} a`).click();
		await page.locator('#jim-decisions li', { hasText: 'huiswerkbegeleiding' }).waitFor();
		assert.match(await page.locator('#jim-decisions .decision-explained').innerText(), /Het plan is veranderd/);
		await assertAccessible(page, 'JIM past meeting');
		await assertNoHorizontalScroll(page, 'JIM past meeting');
	});

	it('offers the JIM no revoke button before a calendar link exists', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		await page.locator('#settings-link').click();
		await page.locator('#calendar-feed').waitFor();
		assert.match(await page.locator('#calendar-feed').innerText(), /agenda op je telefoon/);
		assert.equal(await page.locator('#feed-revoke').count(), 0, 'no "Link intrekken" without a link');
		await assertAccessible(page, 'JIM settings (no link)');
		await page.locator('#feed-create').click();
		await page.locator('#feed-url').waitFor();
		await page.locator('#feed-revoke').waitFor();
		await page.locator('#feed-revoke').click();
		await page.locator('#feed-message', { hasText: 'werkt niet meer' }).waitFor();
		await assertNoHorizontalScroll(page, 'JIM settings');
	});

	it('lets the JIM change the password on the settings page, and log out everywhere else', { timeout: STEP_TIMEOUT }, async () => {
		const page = jimPage;
		const other = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: JIM_USER, password: JIM_PASSWORD } });
		const NEW = 'mijn nieuwe wachtwoord 2026';
		await page.locator('#password-change').waitFor();
		// A wrong current password: said at that field, in words.
		await page.locator('#pw-current').fill('niet mijn wachtwoord');
		await page.locator('#pw-new').fill(NEW);
		await page.locator('#pw-repeat').fill(NEW);
		await page.locator('#password-change button[type=submit]').click();
		await page.locator('#pw-current-error', { hasText: 'huidige wachtwoord' }).waitFor();
		// Two different new ones: said at the second, before asking the server.
		await page.locator('#pw-current').fill(JIM_PASSWORD);
		await page.locator('#pw-repeat').fill(NEW + '!');
		await page.locator('#password-change button[type=submit]').click();
		await page.locator('#pw-repeat-error', { hasText: 'precies hetzelfde' }).waitFor();
		await page.locator('#pw-repeat').fill(NEW);
		await page.locator('#pw-repeat').press('Enter');
		const done = page.locator('#pw-done', { hasText: 'Je wachtwoord is gewijzigd' });
		await done.waitFor();
		assert.equal(await done.evaluate((el) => el === document.activeElement), true, 'the focus is on what happened');
		assert.equal(await page.locator('#pw-current').inputValue(), '', 'the fields are empty again');
		await assertAccessible(page, 'JIM settings after a password change');
		await assertNoHorizontalScroll(page, 'JIM settings after a password change');
		// The other session has ended; this page goes on; the new password logs in.
		assert.equal((await call(server.base, 'GET', '/api/v1/me', { token: other.token })).status, 401);
		await navTo(page, 'Mijn jongere');
		await page.locator('#page-title').waitFor();
		assert.equal(await page.locator('#login-dialog').count(), 0, 'still logged in here');
		const phone = await expect(server.base, 'POST', '/api/v1/session', 201, { body: { username: JIM_USER, password: NEW } });
		// Logged in on a phone that is lost: "Overal anders uitloggen" ends it, and this page goes on.
		await page.locator('#settings-link').click();
		await page.locator('#sessions-end').click();
		const ended = page.locator('#sessions-done', { hasText: 'Je bent op 1 ander apparaat uitgelogd.' });
		await ended.waitFor();
		assert.equal(await ended.evaluate((el) => el === document.activeElement), true, 'the focus is on what happened');
		assert.equal((await call(server.base, 'GET', '/api/v1/me', { token: phone.token })).status, 401, 'the phone is logged out');
		await assertAccessible(page, 'JIM settings after logging out elsewhere');
	});

	it('tells the JIM in words when the consent to share meetings is taken back', { timeout: STEP_TIMEOUT }, async () => {
		await expect(server.base, 'POST', `/api/v1/consents/${meetingsConsentId}/withdraw`, 200,
			{ token, body: { withdrawn_on: todayAmsterdam() } });
		const page = jimPage;
		await page.goto(server.base + `/#/meetings/${meetings.next}`);
		await page.locator('#meeting-no-consent', { hasText: 'toestemming' }).waitFor();
		assert.doesNotMatch(await page.locator('main').innerText(), /niet gevonden/i);
		await assertAccessible(page, 'JIM meeting without consent');
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-meetings');
		await page.locator('#jim-no-meetings', { hasText: 'Daan' }).waitFor();
		await assertAccessible(page, 'JIM my young person (no meetings consent)');
	});

	it('gives the young person an Afspraken page without skipped headings and consent buttons that say what they are for', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('youth');
		youthPage = page;
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, YOUTH_USER, YOUTH_PASSWORD, youthTotp);
		await navTo(page, '#/my-meetings');
		await page.locator('#my-meetings-title').waitFor();
		await page.locator(`#jim-meetings a[href="#/meetings/${meetings.next}"]`).waitFor();
		await assertHeadingOrder(page, 'my meetings');
		assert.equal(await page.locator('#feed-revoke').count(), 0, 'no "Link intrekken" without a link');
		assert.match(await page.locator('#calendar-feed').innerText(), /agenda op je telefoon/);
		await assertAccessible(page, 'my meetings');
		await assertNoHorizontalScroll(page, 'my meetings');

		await navTo(page, '#/consent');
		const buttons = page.locator('#consent-scopes button');
		await buttons.first().waitFor();
		const described = await buttons.evaluateAll((bs) => bs.map((b) => {
			const id = b.getAttribute('aria-describedby');
			return id && document.getElementById(id) ? document.getElementById(id).textContent.trim() : '';
		}));
		assert.ok(described.length >= 2 && described.every(Boolean), `every consent button names its subject: ${JSON.stringify(described)}`);
		assert.equal(new Set(described).size, described.length, 'each button a different subject');
		await assertAccessible(page, 'consent page');

		await navTo(page, '#/my-plan');
		await page.locator(`#goal-${goalId}`).waitFor();
		await assertNextEvaluation(page, true, 'my plan, evaluation late');
		await assertAccessible(page, 'my plan with a late evaluation');
		await assertNoHorizontalScroll(page, 'my plan with a late evaluation');
		// Evaluated today: the next talk is two months ahead, plain information again.
		await expect(server.base, 'POST', `/api/v1/youths/${youthId}/evaluations`, 201,
			{ token, body: { held_on: todayAmsterdam(), participants: ['Daan'], scores: [{ goal_id: goalId, score: 6 }] } });
		await page.reload();
		await page.locator(`#goal-${goalId}`).waitFor();
		await assertNextEvaluation(page, false, 'my plan, evaluated today');
	});

	it('starts the page on the first screen at 360 px: a short header, the navigation one "Menu" button that unfolds every item', { timeout: STEP_TIMEOUT }, async () => {
		const page = youthPage;
		await page.goto(server.base + '/#/access-log');
		await menuPageLoaded(page, '#/access-log');
		const box = (sel) => page.locator(sel).first().boundingBox();
		const [header, nav, title, toggle] = [await box('.site-header'), await box('nav.main-nav'), await box('#page-title'),
			await box('#menu-toggle')];
		assert.ok(header.height <= 110, `the header is two short rows at most (${header.height}px high)`);
		assert.ok(nav.height < toggle.height * 1.6, `the navigation is one row (${nav.height}px high)`);
		assert.ok(title.y < 740 * 0.3, `the page title is high on the first screen (at ${title.y}px)`);
		await page.locator('#menu-toggle').click();
		for (const a of await page.locator('nav.main-nav a').all()) {
			const b = await a.boundingBox();
			assert.ok(b && b.x >= 0 && b.x + b.width <= 360, `${await a.getAttribute('href')} shows whole on the screen`);
		}
		assert.equal(await page.locator('nav.main-nav a[aria-current="page"]').getAttribute('href'), '#/access-log');
		await page.keyboard.press('Escape');
		for (const sel of ['#me-name', '#settings-link', '#lang-switch', '#logout']) {
			const b = await box(sel);
			assert.ok(b.x >= 0 && b.x + b.width <= 360 && b.y + b.height <= header.y + header.height, `${sel} is in the header, on screen`);
		}
		await assertNoHorizontalScroll(page, 'access log at 360 px');
		await assertAccessible(page, 'access log at 360 px');
	});

	it('tells a young person under 12 that their yes is written down but their parents decide; at 14 that a parent must say yes too', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const me = await expect(base, 'GET', '/api/v1/me', 200, { token });
		const today = todayAmsterdam();
		const young = (await expect(base, 'POST', '/api/v1/youths', 201, {
			token,
			body: { given_name: 'Mila', family_name: 'Jansen', birth_date: `${Number(today.slice(0, 4)) - 11}-01-01`,
				municipality: 'Zwolle', team_id: me.team_ids[0] },
		})).id;
		const account = await expect(base, 'POST', `/api/v1/youths/${young}/account`, 201, { token, body: { username: 'jongere.mila' } });
		const secret = (await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(account.invitation.token)}/accept`, 200,
			{ body: { password: YOUTH_PASSWORD } })).totp_secret || null;
		const { page } = await w.newBrowser('youth-under-12');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(base + '/');
		await loginWithTotp(page, 'jongere.mila', YOUTH_PASSWORD, secret);
		await navTo(page, '#/consent');
		await page.locator('#consent-rule', { hasText: 'jonger dan 12' }).waitFor();

		// Under 12: the button asks for an opinion, and the answer says who decides.
		const plan = page.locator('#scope-share_plan');
		assert.equal((await plan.locator('button').innerText()).trim(), 'Ik vind het goed');
		await plan.locator('button').click();
		const message = page.locator('#consent-message');
		await message.filter({ hasText: 'opgeschreven' }).waitFor();
		const said = await message.innerText();
		assert.doesNotMatch(said, /Gelukt/, `no "Gelukt" when the parents decide: ${said}`);
		assert.match(said, /ouders met gezag/);
		await plan.locator('text=Jij hebt ja gezegd').waitFor();
		assert.match(await plan.innerText(), /Je JIM mag dit nu niet zien/);
		let consents = await expect(base, 'GET', `/api/v1/youths/${young}/consents`, 200, { token });
		assert.equal(consents.rule, 'custody_only');
		assert.ok(consents.items.some((x) => x.scope === 'share_plan' && x.given_by === 'youth'), 'the answer is recorded');
		assert.equal(consents.effective.share_plan, false, 'and does not count');
		await assertAccessible(page, 'consent page (under 12, answer noted)');
		await assertNoHorizontalScroll(page, 'consent page (under 12, answer noted)');

		// 14 (the birth date corrected): both must say yes; no parent has yet.
		await expect(base, 'PATCH', `/api/v1/youths/${young}`, 200,
			{ token, body: { birth_date: `${Number(today.slice(0, 4)) - 14}-01-01` } });
		await page.reload();
		await page.locator('#consent-rule', { hasText: '12, 13, 14 of 15' }).waitFor();
		const meetingsScope = page.locator('#scope-share_meetings');
		assert.equal((await meetingsScope.locator('button').innerText()).trim(), 'Ja, dat mag');
		await meetingsScope.locator('button').click();
		await message.filter({ hasText: 'ook ja zeggen' }).waitFor();
		assert.doesNotMatch(await message.innerText(), /Gelukt/);
		consents = await expect(base, 'GET', `/api/v1/youths/${young}/consents`, 200, { token });
		assert.equal(consents.effective.share_meetings, false, 'no parent has said yes');
		await assertAccessible(page, 'consent page (14, a parent must say yes too)');
	});

	it('says at once that an unknown invitation link does not work; a real one names the username and marks a mistyped password', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('invite');
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/#/invitation/bestaat-niet-123');
		await page.locator('#inv-message', { hasText: 'hulpverlener' }).waitFor();
		assert.equal(await page.locator('#inv-password').count(), 0, 'no form for a link that does not work');
		assert.equal(await page.locator('#inv-username').count(), 0);
		await assertAccessible(page, 'invitation (unknown link)');
		await assertNoHorizontalScroll(page, 'invitation (unknown link)');
		// a link that works, opened in the same page: the username, no message
		const pro = await demoProfessional(server.base);
		const sanne = await apiYouth(server.base, pro, { given_name: 'Sanne', family_name: 'Bakker' });
		const account = await expect(server.base, 'POST', `/api/v1/youths/${sanne.id}/account`, 201,
			{ token: pro.token, body: { username: 'jongere.sanne' } });
		await page.goto(server.base + '/#/invitation/' + encodeURIComponent(account.invitation.token));
		await page.locator('#inv-username', { hasText: 'Je gebruikersnaam is jongere.sanne. Die heb je nodig om in te loggen.' }).waitFor();
		assert.match(await page.locator('#inv-until').innerText(), /^Deze link werkt tot \d{1,2} [a-z]+ \d{4} om \d\d:\d\d\.$/);
		assert.equal((await page.locator('#inv-message').innerText()).trim(), '', 'the message of the unknown link is gone');
		assert.equal(await page.locator('input[autocomplete="username"]').inputValue(), 'jongere.sanne', 'for a password manager');
		await page.locator('#inv-password').fill(JIM_PASSWORD);
		await page.locator('#inv-confirm').fill('een ander wachtwoord 2026');
		await page.locator('form button[type=submit]').click();
		await page.locator('#inv-confirm-error').waitFor();
		assert.equal(await page.getAttribute('#inv-confirm', 'aria-invalid'), 'true');
		assert.match(await page.getAttribute('#inv-confirm', 'aria-describedby'), /inv-confirm-error/);
		assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'inv-confirm');
		await assertAccessible(page, 'invitation (passwords differ)');
		await assertNoHorizontalScroll(page, 'invitation (passwords differ)');
		// accepted; then another link in the same page shows its own form, not this one's result
		await page.locator('#inv-confirm').fill(JIM_PASSWORD);
		await page.locator('form button[type=submit]').click();
		await page.locator('h1#page-title', { hasText: 'Je account is klaar' }).waitFor();
		const lotte = await apiYouth(server.base, pro, { given_name: 'Lotte', family_name: 'Bakker' });
		const second = await expect(server.base, 'POST', `/api/v1/youths/${lotte.id}/account`, 201,
			{ token: pro.token, body: { username: 'jongere.lotte' } });
		await page.goto(server.base + '/#/invitation/' + encodeURIComponent(second.invitation.token));
		await page.locator('#inv-username', { hasText: 'jongere.lotte' }).waitFor();
		assert.equal(await page.locator('#inv-password').inputValue(), '', 'nothing typed for the first link');
		assert.equal(await page.locator('#totp-secret').count(), 0);
	});

	itEndsCleanly(w);
});
