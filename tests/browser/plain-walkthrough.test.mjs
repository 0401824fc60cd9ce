// A walk through the young person's and the JIM's screens on a phone
// (360x740), by keyboard, on `kring demo` (the accounts `youth` and `jim`),
// and what it found:
// - a meeting opened from "Meer over dit overleg" (and its printable
//   summary, and the way back) left the focus on <body>: the heading that had
//   it while the meeting loaded was replaced by the loaded page's own. The
//   loaded page's heading now takes the focus;
// - logging in, Enter pressed in the username field (as on a phone, to go to
//   the next field) sent the form with an empty password: "Gebruikersnaam
//   of wachtwoord klopt niet", and a failed attempt counted towards the
//   lock-out (five, and the account waits 15 minutes). An empty field is now
//   asked for at the field, with the focus in it, and nothing is sent;
// - the printable summary of a meeting still to come said "niet aanwezig"
//   after every name (attendance not written down read as absent): it now
//   says present or not only once the team ticked who came;
// - "Mijn dossier" called what the young person and the JIM wrote about a
//   goal "Wie de doelen bekeek" (who looked at the goals), and showed who
//   wrote it as the code `youth` or `jim`: now "Wat jullie van de doelen
//   vinden", by "jij" or "je JIM", as on the plan;
// - the printable summary named the meeting the young person and the JIM
//   had just read as "Overleg met het netwerk" in the team's words:
//   "Verslag: Netwerkberaad", "Terug naar de vergadering", "Besluiten",
//   "Acties". To them it now uses the words of their meeting page;
// - "Wat mag je JIM zien": a yes taken back read "Jij hebt hier nog geen ja
//   op gezegd", as if there had never been one; it now says when it was
//   taken back.
// axe-core on every page visited; a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plain-walkthrough.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	ROOT, DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertFocus, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly,
	login, demoProfessional, expect, todayAmsterdam,
} from './helpers.mjs';

const NL = JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', 'nl.json'), 'utf8'));

async function openPhone(w, server, user) {
	const { page } = await w.newBrowser(user);
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(server.base + '/');
	await login(page, user, DEMO_PASSWORD);
	return page;
}

// Presses Enter on the link or button of `locator` (by keyboard, as a
// phone user with a keyboard or a switch would).
async function press(locator) {
	await locator.focus();
	await locator.press('Enter');
}

describe('the young person\'s and the JIM\'s screens, walked through by keyboard at 360 px', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('plain-walkthrough');
	let server;
	const pages = {};

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '5', '--seed', '1']) });
		pages.youth = await openPhone(w, server, 'youth');
		pages.jim = await openPhone(w, server, 'jim');
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('gives the focus to a meeting\'s heading when it opens, to its summary\'s, and back', { timeout: STEP_TIMEOUT }, async () => {
		for (const user of ['youth', 'jim']) {
			const page = pages[user];
			await page.goto(server.base + (user === 'youth' ? '/#/' : '/#/my-youth'));
			const title = page.locator('#page-title');
			await press(page.locator('#next-meeting-link'));
			await page.locator('#ics-link').waitFor();
			await assertFocus(page, title, `${user}: the meeting's heading has the focus once it loaded`);
			assert.equal(await title.innerText(), NL['jim_meeting_kind.network'], `${user}: the heading is the loaded meeting's`);
			await assertNoHorizontalScroll(page, `${user} meeting`);
			await assertAccessible(page, `${user} meeting`);

			await press(page.locator('main a[href$="/summary"]'));
			await page.locator('#meeting-summary').waitFor();
			await assertFocus(page, title, `${user}: the summary's heading has the focus`);
			await assertNoHorizontalScroll(page, `${user} summary`);
			await assertAccessible(page, `${user} summary`);

			await press(page.locator('#meeting-summary .crumbs a'));
			await page.locator('#ics-link').waitFor();
			await assertFocus(page, title, `${user}: back on the meeting, its heading has the focus`);
		}
	});

	it('asks for an empty username or password at its field, without sending the login', { timeout: STEP_TIMEOUT }, async () => {
		const { page } = await w.newBrowser('login');
		await page.setViewportSize({ width: 360, height: 740 });
		const sent = [];
		page.on('request', (r) => {
			if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session') sent.push(r.url());
		});
		await page.goto(server.base + '/');
		const user = page.locator('#login-username');
		const password = page.locator('#login-password');
		const message = page.locator('#login-message');
		await user.waitFor();
		for (let i = 0; i < 6; i++) {
			await user.press('Enter');
			await assertFocus(page, user, 'empty username: the focus stays in it');
			assert.equal(await user.getAttribute('aria-invalid'), 'true');
			assert.equal(await page.locator('#login-username-error').innerText(), NL['validation.login.username']);
			assert.equal(await message.innerText(), NL['validation.login.username']);
			await user.fill('youth');
			await user.press('Enter');
			await assertFocus(page, password, 'empty password: the focus goes to it');
			assert.equal(await password.getAttribute('aria-invalid'), 'true');
			assert.equal(await page.locator('#login-password-error').innerText(), NL['validation.login.password']);
			assert.equal(await user.getAttribute('aria-invalid'), null, 'the username is no longer marked');
			await assertNoHorizontalScroll(page, 'login with an error');
			await assertAccessible(page, 'login with an error');
			await user.fill('');
		}
		assert.deepEqual(sent, [], 'nothing was sent, so nothing counted as a failed login');
		await user.fill('youth');
		await password.fill(DEMO_PASSWORD);
		await password.press('Enter');
		await page.locator('#me-name').waitFor();
		assert.equal(sent.length, 1, 'filled in, the login is sent and succeeds (not locked out)');
	});

	it('says who was there in a meeting\'s summary only once the team wrote it down', { timeout: STEP_TIMEOUT }, async () => {
		const page = pages.youth;
		await page.goto(server.base + '/#/');
		const href = await page.locator('#next-meeting-link').getAttribute('href');
		const meetingId = href.split('/').pop();
		const lines = () => page.locator('#meeting-summary ul[aria-labelledby="sum-attendance"] li').allInnerTexts();
		await page.goto(server.base + '/' + href + '/summary');
		await page.locator('#meeting-summary').waitFor();
		const before = await lines();
		assert.ok(before.length >= 3, `the participants: ${before.join(' | ')}`);
		for (const l of before) {
			assert.ok(!l.includes(NL['meeting.absent']) && !l.includes(NL['meeting.present']), `still to come, nobody is marked: "${l}"`);
		}

		const pro = await demoProfessional(server.base);
		const m = await expect(server.base, 'GET', `/api/v1/meetings/${meetingId}`, 200, { token: pro.token });
		const youth = m.participants.find((p) => p.role === 'jongere' || /Jongere/.test(p.name || p.display_name || ''));
		assert.ok(youth, JSON.stringify(m.participants));
		await expect(server.base, 'POST', `/api/v1/meetings/${meetingId}/attendance`, 200,
			{ token: pro.token, body: { participant_id: youth.id, attended: true } });
		await page.reload();
		await page.locator('#meeting-summary').waitFor();
		const after = await lines();
		const present = after.filter((l) => l.endsWith(': ' + NL['meeting.present']));
		const absent = after.filter((l) => l.endsWith(': ' + NL['meeting.absent']));
		assert.equal(present.length, 1, `the one ticked is present: ${after.join(' | ')}`);
		assert.equal(absent.length, after.length - 1, 'the others, not ticked, were not there');
		await assertAccessible(page, 'summary with attendance');
	});

	it('names what was said about the goals in "Mijn dossier" in words, and who said it', { timeout: STEP_TIMEOUT }, async () => {
		const page = pages.youth;
		await page.goto(server.base + '/#/my-file');
		const heading = page.locator('#file-goal_views');
		await heading.waitFor();
		assert.ok((await heading.innerText()).startsWith(NL['file.table_goal_views']), await heading.innerText());
		assert.doesNotMatch(NL['file.table_goal_views'], /bekeek/, 'not "who looked at the goals"');
		const who = await page.locator('#file-goal_views ~ .file-row [data-field="author_kind"] dd').allInnerTexts();
		assert.deepEqual(who.sort(), [NL['plain_author.jim'], NL['plain_author.youth']].sort(), `who wrote it: ${who.join(', ')}`);
		const button = page.locator('.file-contents button[data-target="file-goal_views"]');
		assert.equal(await button.innerText(), NL['file.table_goal_views']);
		await press(button);
		await assertFocus(page, heading, 'the contents\' button takes the focus to the part');
	});

	it('names a meeting in its summary as the young person\'s and the JIM\'s meeting page does', { timeout: STEP_TIMEOUT }, async () => {
		for (const user of ['youth', 'jim']) {
			const page = pages[user];
			await page.goto(server.base + (user === 'youth' ? '/#/' : '/#/my-youth'));
			await press(page.locator('#next-meeting-link'));
			await page.locator('#ics-link').waitFor();
			const kind = await page.locator('#page-title').innerText();
			await press(page.locator('main a[href$="/summary"]'));
			await page.locator('#meeting-summary').waitFor();
			assert.equal(await page.locator('#page-title').innerText(), NL['meeting.summary_title'].replace('{kind}', kind));
			assert.equal(await page.locator('#meeting-summary .crumbs a').innerText(), NL['jim_meeting.back_from_summary']);
			const headings = await page.locator('#meeting-summary h2').allInnerTexts();
			for (const k of ['jim_meeting.agenda', 'jim_meeting.decisions', 'jim_meeting.actions']) {
				assert.ok(headings.includes(NL[k]), `${user}: "${NL[k]}" in ${headings.join(' | ')}`);
			}
			const text = await page.locator('#meeting-summary').innerText();
			assert.doesNotMatch(text, /vergadering|Netwerkberaad/i, `${user}: not in the team's words`);
		}
	});

	it('says on "Toestemming" that a yes was taken back, and when', { timeout: STEP_TIMEOUT }, async () => {
		const page = pages.youth;
		await page.goto(server.base + '/#/consent');
		const card = page.locator('#scope-share_outcomes');
		await card.waitFor();
		assert.match(await card.innerText(), new RegExp(NL['plain.you_said_yes'].split('{date}')[0]));
		await press(card.locator('button', { hasText: NL['plain.withdraw'] }));
		await card.locator('button', { hasText: NL['plain.give'] }).waitFor();
		const [y, m, d] = todayAmsterdam().split('-').map(Number);
		const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
			.format(new Date(Date.UTC(y, m - 1, d)));
		const text = await card.innerText();
		assert.ok(text.includes(NL['plain.you_took_back'].replace('{date}', day)), `the card says it was taken back today: ${text}`);
		assert.ok(!text.includes(NL['plain.you_said_nothing']), 'not "never said yes"');
		await assertAccessible(page, 'consent taken back');
		// What was taken back is said in the card, which has the focus there.
		const said = card.locator('#consent-message');
		await assertFocus(page, said, 'the take-back is said in its own card, with the focus');
		assert.equal((await said.innerText()).trim(), NL['plain.consent_withdrawn']);
		await press(card.locator('button', { hasText: NL['plain.give'] }));
		await card.locator('button', { hasText: NL['plain.withdraw'] }).waitFor();
		// The yes too; the focus is off the button, which is now "take back":
		// a second Enter (a double press) undoes nothing.
		await assertFocus(page, said, 'the yes is said in its own card, with the focus');
		assert.equal((await said.innerText()).trim(), NL['plain.consent_given']);
		// A take-back would be sent at the keypress, long before the card
		// changes (after its answer and the list's): watch for the request.
		const writes = [];
		const write = (r) => {
			if (r.method() !== 'GET' && /\/consents\b/.test(new URL(r.url()).pathname)) writes.push(r.url());
		};
		page.on('request', write);
		await page.keyboard.press('Enter');
		await page.waitForTimeout(500);
		page.off('request', write);
		assert.deepEqual(writes, [], 'a second Enter sends nothing');
		assert.equal(await card.locator('button', { hasText: NL['plain.withdraw'] }).count(), 1, 'still a yes after a second Enter');
		assert.match(await card.innerText(), new RegExp(NL['plain.you_said_yes'].split('{date}')[0]));
		await assertAccessible(page, 'consent given again, said in its card');
	});

	itEndsCleanly(w);
});
