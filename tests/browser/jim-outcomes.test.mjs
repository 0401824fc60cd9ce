// Headless-browser check of "Hoe het gaat" on the JIM's "Mijn jongere" page at
// 360 px: without the consent share_outcomes a plain notice names the young
// person; with it, where they live and since when, school attendance and
// hospital stays, and never a police contact or the team's note. axe-core
// on both states, no horizontal scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/jim-outcomes.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, expect,
	browserWorld, todayAmsterdam, itEndsCleanly, demoProfessional, apiYouth, apiJim, addDays, navTo, openSection,
} from './helpers.mjs';

const JIM_USER = 'jim.noor';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const NOTE = 'Notitie alleen voor het team';

const daysAgo = (n) => addDays(todayAmsterdam(), -n);

describe('"Hoe het gaat" for the JIM in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('jim-outcomes');
	let server;
	let token;
	let youthId;
	let jimTotp = null;
	let page;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a 16-year-old with a JIM, a move, school attendance and events through the API', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		({ token } = pro);
		youthId = (await apiYouth(base, pro, { given_name: 'Noor', family_name: 'Bakker',
			birth_date: `${Number(todayAmsterdam().slice(0, 4)) - 16}-01-01`, municipality: 'Deventer', started_on: daysAgo(200) })).id;
		jimTotp = (await apiJim(base, pro, youthId, { name: 'Karin de Wit', relation: 'buurvrouw', username: JIM_USER, password: JIM_PASSWORD })).totpSecret;
		await expect(base, 'PATCH', `/api/v1/youths/${youthId}`, 200,
			{ token, body: { living_situation: 'network_foster_care', change_reason: 'verhuisd', effective_on: daysAgo(90) } });
		await expect(base, 'POST', `/api/v1/youths/${youthId}/attendance`, 201,
			{ token, body: { period_from: daysAgo(60), period_to: daysAgo(1), share_attended: 85, times_late: 2 } });
		for (const type of ['hospital', 'police_contact'])
			await expect(base, 'POST', `/api/v1/youths/${youthId}/events`, 201, { token, body: { type, occurred_on: daysAgo(20), note: NOTE } });
	});

	it('tells the JIM in words that it is not shared', { timeout: STEP_TIMEOUT }, async () => {
		({ page } = await w.newBrowser('jim'));
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-how');
		await page.locator('#jim-no-outcomes', { hasText: 'Noor' }).waitFor();
		assert.equal(await page.locator('#jim-outcomes').count(), 0);
		await assertAccessible(page, 'JIM my young person (outcomes not shared)');
	});

	it('shows where Noor lives, school and hospital once she shares it, and nothing else', { timeout: STEP_TIMEOUT }, async () => {
		await expect(server.base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
			{ token, body: { scope: 'share_outcomes', given_by: 'youth', given_on: todayAmsterdam() } });
		await page.reload();
		await openSection(page, 'jim-sec-how');
		await page.locator('#jim-outcomes').waitFor();
		assert.match(await page.locator('#jim-living').innerText(), /^Noor woont nu hier: Netwerkpleeggezin\. Sinds .+\.$/);
		const school = await page.locator('#jim-attendance').innerText();
		assert.match(school, /85% van de schooldagen op school\./);
		assert.match(school, /Te laat: 2 keer\./);
		assert.match(await page.locator('#jim-health').innerText(), /Ziekenhuisopname/);
		assert.equal(await page.locator('#jim-school-events').count(), 0, 'no school events recorded');
		const main = await page.locator('main').innerText();
		assert.ok(!main.includes(NOTE), 'the team note is not shown');
		assert.doesNotMatch(main, /politie/i);
		assert.equal(await page.locator('#jim-no-outcomes').count(), 0);
		await assertAccessible(page, 'JIM my young person (how it is going)');
		await assertNoHorizontalScroll(page, 'JIM my young person (how it is going)');
	});

	itEndsCleanly(w);
});
