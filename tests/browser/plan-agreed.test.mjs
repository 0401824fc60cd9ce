// Headless-browser walk through the day a goal was agreed, against a real
// `kring serve --demo`: the professional adds a goal agreed weeks ago (the
// date field, today by default) and one agreed today, the plan shows
// "Afgesproken op" per goal, a day in the future is refused at the field;
// the evaluation form lists only the goals agreed on or before its date and
// follows the date as it changes, says at the field when there are more
// than 20 participants or a name is longer than 100 characters (which
// one), and saves scores for those goals only;
// the JIM's plan says in plain words when each goal was agreed. axe-core on
// the plan tab and the JIM's page, no horizontal scroll at 360 px, a clean
// SIGTERM exit without sanitizer output.
//
// Run from the repository root: node --test tests/browser/plan-agreed.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, loginWithTotp, expect,
	browserWorld, todayAmsterdam, itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, navTo, openSection,
} from './helpers.mjs';

const JIM_USER = 'jim.afspraak';
const JIM_PASSWORD = 'een lang wachtwoord 2026';

// 2026-03-05 -> 05-03-2026, as the plan tab writes a date (nl).
const dutch = (ymd) => ymd.split('-').reverse().join('-');

describe('the day a goal was agreed, in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('agreed');
	const today = todayAmsterdam();
	let server;
	let pro;
	let youthId;
	let jimTotp;
	let page;
	const goals = {}; // title -> goal as the API answers it

	const plan = () => expect(server.base, 'GET', `/api/v1/youths/${youthId}/plan`, 200, { token: pro.token });
	// The goals the evaluation form offers a score for, by id.
	const offered = async () => (await page.locator('#tab-panel select[id^="ev-score-"]').evaluateAll(
		(els) => els.map((e) => Number(e.id.replace('ev-score-', ''))))).sort((a, b) => a - b);

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a 16-year-old with a JIM, consent to share the plan and a goal of 80 days ago through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		pro = await demoProfessional(base);
		youthId = (await apiYouth(base, pro, { given_name: 'Fenna', family_name: 'Afspraak',
			birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, municipality: 'Zwolle', started_on: addDays(today, -100) })).id;
		jimTotp = (await apiJim(base, pro, youthId, { name: 'Joost Bakker', relation: 'buurman', username: JIM_USER, password: JIM_PASSWORD })).totpSecret;
		await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token: pro.token, body: { scope: 'share_plan', given_by: 'youth', given_on: today } });
		goals.school = await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
			{ token: pro.token, body: { title: 'Elke dag naar school', author_kind: 'youth', agreed_on: addDays(today, -80) } });
		assert.equal(goals.school.agreed_on, addDays(today, -80));
	});

	it('adds a goal agreed weeks ago and one agreed today; a day in the future is refused at the field', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('professional'));
		await page.goto(server.base + `/#/youths/${youthId}/plan`);
		await page.locator('#login-username').waitFor();
		await login(page, 'professional', DEMO_PASSWORD);
		await page.locator(`#goal-${goals.school.id}`).waitFor();
		assert.match(await page.locator(`#goal-${goals.school.id}`).innerText(), new RegExp(`Afgesproken op ${dutch(addDays(today, -80))}`));
		assert.equal(await page.locator('#goal-agreed-on').inputValue(), today, 'the date field starts at today');

		// A day in the future: 422 at the date field, nothing stored.
		await page.locator('#goal-title').fill('Op voetbal');
		await page.locator('#goal-agreed-on').fill(addDays(today, 1));
		await page.locator('#tab-panel button', { hasText: 'Doel toevoegen' }).click();
		await page.locator('#goal-agreed-on-error').waitFor();
		assert.match(await page.locator('#goal-agreed-on-error').innerText(), /niet in de toekomst/);
		assert.equal(await page.getAttribute('#goal-agreed-on', 'aria-invalid'), 'true');
		assert.equal((await plan()).goals.length, 1, 'nothing stored');

		// Agreed 30 days ago.
		await page.locator('#goal-agreed-on').fill(addDays(today, -30));
		await page.locator('#tab-panel button', { hasText: 'Doel toevoegen' }).click();
		await page.locator('#goal-message', { hasText: 'toegevoegd' }).waitFor();
		await page.locator('#goals h4', { hasText: 'Op voetbal' }).waitFor();
		goals.sport = (await plan()).goals.find((g) => g.title === 'Op voetbal');
		assert.equal(goals.sport.agreed_on, addDays(today, -30));
		assert.match(await page.locator(`#goal-${goals.sport.id}`).innerText(), new RegExp(`Afgesproken op ${dutch(addDays(today, -30))}`));

		// Agreed today: the date field set back to today.
		await page.locator('#goal-title').fill('Een bijbaan vinden');
		await page.locator('#goal-agreed-on').fill(today);
		await page.locator('#tab-panel button', { hasText: 'Doel toevoegen' }).click();
		await page.locator('#goals h4', { hasText: 'Een bijbaan vinden' }).waitFor();
		goals.job = (await plan()).goals.find((g) => g.title === 'Een bijbaan vinden');
		assert.equal(goals.job.agreed_on, today);
		assert.match(await page.locator(`#goal-${goals.job.id}`).innerText(), new RegExp(`Afgesproken op ${dutch(today)}`));
		await assertAccessible(page, 'plan tab with the agreed days');
	});

	it('the evaluation form lists only the goals agreed on or before its date, and follows the date', { timeout: STEP_TIMEOUT }, async () => {
		const ids = (...gs) => gs.map((g) => g.id).sort((a, b) => a - b);
		await page.locator('summary', { hasText: 'Evaluatie vastleggen' }).click();
		assert.equal(await page.locator('#ev-held-on').inputValue(), today);
		assert.deepEqual(await offered(), ids(goals.school, goals.sport, goals.job), 'today: every goal');
		assert.equal((await page.locator('#ev-goals-note').innerText()).trim(), '');

		await page.locator('#ev-held-on').fill(addDays(today, -45));
		await page.locator('#ev-goals-note', { hasText: '2 doelen zijn na deze datum afgesproken' }).waitFor();
		assert.deepEqual(await offered(), ids(goals.school), '45 days ago: only the goal agreed 80 days ago');

		await page.locator('#ev-held-on').fill(addDays(today, -90));
		await page.locator('#ev-goals-note', { hasText: 'Op deze datum was nog geen doel afgesproken' }).waitFor();
		assert.deepEqual(await offered(), []);

		await page.locator('#ev-held-on').fill(addDays(today, -30));
		await page.locator('#ev-goals-note', { hasText: '1 doel is na deze datum afgesproken' }).waitFor();
		assert.deepEqual(await offered(), ids(goals.school, goals.sport), 'on the day the sport goal was agreed: it is listed');
		assert.match(await page.locator(`#ev-score-${goals.sport.id}`).locator('xpath=ancestor::fieldset').locator('legend').innerText(),
			new RegExp(`Op voetbal \\(Afgesproken op ${dutch(addDays(today, -30))}\\)`));
		await assertAccessible(page, 'evaluation form of 30 days ago');

		// 1 to 20 participants of at most 100 characters each: said at the
		// field, naming the rule and the name; nothing is sent.
		const participantsError = page.locator('#ev-participants-error');
		await page.locator('#ev-participants').fill(Array.from({ length: 21 }, (_, i) => `Naam ${i + 1}`).join(', '));
		await page.locator('#tab-panel button', { hasText: 'Evaluatie opslaan' }).click();
		await participantsError.filter({ hasText: 'vul 1 tot 20 namen in' }).filter({ hasText: 'Nu zijn het er 21' }).waitFor();
		await page.locator('#ev-participants').fill(`Fenna, ${'Joost'.repeat(20)}x, Sem`);
		await page.locator('#tab-panel button', { hasText: 'Evaluatie opslaan' }).click();
		await participantsError.filter({ hasText: 'naam 2 is te lang (101 tekens)' }).waitFor();
		assert.equal((await plan()).evaluations.length, 0, 'nothing saved');

		await page.locator('#ev-participants').fill('Fenna, Joost Bakker, Demo Hulpverlener');
		await page.locator(`#ev-score-${goals.school.id}`).selectOption('6');
		await page.locator(`#ev-score-${goals.sport.id}`).selectOption('8');
		await page.locator('#tab-panel button', { hasText: 'Evaluatie opslaan' }).click();
		await page.locator('#evaluation-message', { hasText: 'opgeslagen' }).waitFor();
		const saved = (await plan()).evaluations;
		assert.equal(saved.length, 1);
		assert.equal(saved[0].held_on, addDays(today, -30));
		assert.deepEqual(saved[0].scores.map((s) => [s.goal_id, s.score]).sort((a, b) => a[0] - b[0]),
			[[goals.school.id, 6], [goals.sport.id, 8]].sort((a, b) => a[0] - b[0]));
	});

	it('a score given before the date moved past its goal is not sent', { timeout: STEP_TIMEOUT }, async () => {
		await page.locator('#ev-held-on').fill(today);
		await page.locator(`#ev-score-${goals.job.id}`).waitFor();
		await page.locator('#ev-participants').fill('Fenna');
		await page.locator(`#ev-score-${goals.job.id}`).selectOption('5');
		await page.locator(`#ev-score-${goals.school.id}`).selectOption('7');
		await page.locator('#ev-held-on').fill(addDays(today, -1));
		await page.locator('#ev-goals-note', { hasText: '1 doel is na deze datum afgesproken' }).waitFor();
		await page.locator('#tab-panel button', { hasText: 'Evaluatie opslaan' }).click();
		await page.locator('#evaluation-message', { hasText: 'opgeslagen' }).waitFor();
		const last = (await plan()).evaluations.find((e) => e.held_on === addDays(today, -1));
		assert.ok(last, 'saved');
		assert.deepEqual(last.scores.map((s) => [s.goal_id, s.score]), [[goals.school.id, 7]], 'only the goal agreed by then');
	});

	it('marks a goal reached by keyboard, with its day; it moves to the finished goals and out of later evaluations', { timeout: STEP_TIMEOUT }, async () => {
		const sport = goals.sport.id;
		const open = page.locator(`#g${sport}-reached-open`);
		await open.focus();
		await page.keyboard.press('Enter');
		await page.locator(`#g${sport}-reached-q`, { hasText: 'Is ‘Op voetbal’ gehaald?' }).waitFor();
		assert.equal(await page.locator(`#g${sport}-ended-on`).inputValue(), today, 'the day starts at today');
		await page.locator(`#g${sport}-ended-on`).fill(addDays(today, -10));
		await page.locator(`#g${sport}-reached-yes`).focus();
		await page.keyboard.press('Enter');
		const done = page.locator('#goal-changed', { hasText: '‘Op voetbal’ is gehaald.' });
		await done.waitFor();
		assert.equal(await done.evaluate((el) => el === document.activeElement), true, 'the focus is on what happened');
		const finished = page.locator('#ended-goals');
		const summary = finished.locator('> summary');
		assert.match(await summary.innerText(), /Afgeronde doelen \(1\)/);
		await summary.click();
		assert.match(await finished.locator(`#goal-${sport}`).innerText(), new RegExp(`Gehaald op ${dutch(addDays(today, -10))}`));
		assert.equal(await page.locator(`#goals #goal-${sport}`).count(), 0, 'not among the goals worked on');
		const stored = (await plan()).goals.find((g) => g.id === sport);
		assert.deepEqual([stored.status, stored.ended_on], ['reached', addDays(today, -10)]);
		await assertAccessible(page, 'plan with a finished goal');

		// The evaluation form of today leaves it out, and says so.
		await page.locator('#ev-held-on').fill(today);
		await page.locator('#ev-goals-note', { hasText: '1 doel was op deze datum al afgerond' }).waitFor();
		assert.ok(!(await offered()).includes(sport));

		// Stopping the school goal before its last evaluation (yesterday): said at the day, nothing changes.
		const school = goals.school.id;
		await page.locator(`#g${school}-stopped-open`).click();
		await page.locator(`#g${school}-ended-on`).fill(addDays(today, -40));
		await page.locator(`#g${school}-stopped-yes`).click();
		await page.locator(`#g${school}-ended-on-error`, { hasText: 'niet voor de laatste evaluatie' }).waitFor();
		assert.equal((await plan()).goals.find((g) => g.id === school).status, 'active');
		await page.locator(`#g${school}-stopped-no`).click();

		// The wording of a goal put right.
		const job = goals.job.id;
		await page.locator(`#g${job}-edit summary`).click();
		await page.locator(`#g${job}-edit-title`).fill('Een bijbaan zoeken');
		await page.locator(`#g${job}-edit button[type=submit]`).click();
		await page.locator(`#g${job}-edit-message`, { hasText: 'gewijzigd' }).waitFor();
		assert.equal((await plan()).goals.find((g) => g.id === job).title, 'Een bijbaan zoeken');
		await page.locator(`#goal-${job} h4`, { hasText: 'Een bijbaan zoeken' }).waitFor();
	});

	it('offers the plan\'s figure when a goal-realisation measurement is entered', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + `/#/youths/${youthId}/outcomes`);
		await page.locator('#ms-kind').selectOption('goal_realisation');
		// Today: three goals agreed, the sport goal reached ten days ago.
		const hint = page.locator('#ms-from-plan');
		await hint.waitFor();
		assert.match(await hint.innerText(), /1 van de 3 afgesproken doelen gehaald \(33%\)/);
		await page.locator('#ms-from-plan-use').click();
		assert.equal(await page.locator('#ms-score').inputValue(), '33');
		// Twenty days ago: two goals agreed, none reached yet.
		await page.locator('#ms-date').fill(addDays(today, -20));
		await page.locator('#ms-from-plan', { hasText: '0 van de 2 afgesproken doelen gehaald (0%)' }).waitFor();
		await assertAccessible(page, 'measurement form with the plan\'s figure');
	});

	it('the JIM reads in plain words when each goal was agreed', { timeout: STEP_TIMEOUT }, async () => {
		const { page: jp } = await w.newBrowser('jim');
		await jp.setViewportSize({ width: 360, height: 740 });
		await jp.goto(server.base + '/');
		await loginWithTotp(jp, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(jp, 'Mijn jongere');
		await openSection(jp, 'jim-sec-plan');
		const goal = jp.locator(`#goal-${goals.sport.id}`);
		await goal.waitFor();
		const long = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
			.format(new Date(addDays(today, -30) + 'T00:00:00Z'));
		assert.match(await goal.innerText(), new RegExp(`Afgesproken op ${long}\\.`));
		const reachedOn = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })
			.format(new Date(addDays(today, -10) + 'T00:00:00Z'));
		assert.match(await goal.innerText(), new RegExp(`Dit doel is gehaald op ${reachedOn}\\. Goed gedaan!`));
		const order = await jp.locator('#plain-goals > li').evaluateAll((els) => els.map((e) => e.id));
		assert.equal(order[order.length - 1], `goal-${goals.sport.id}`, 'the reached goal comes after the goals worked on');
		await assertAccessible(jp, 'JIM plan with the agreed days');
		await assertNoHorizontalScroll(jp, 'JIM plan with the agreed days');
	});

	itEndsCleanly(w);
});
