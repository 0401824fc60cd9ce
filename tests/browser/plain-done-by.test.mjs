// Headless-browser walk through who ticked off an action of the plan, as the
// young person's plan ("Mijn plan") and the JIM's ("Mijn jongere") say it on
// a 360 px phone, against a real `kring serve --demo`. Three actions: the
// young person ticks off their own, the JIM the JIM's, the caseworker the
// one of someone else. Each reader reads "Gedaan door jou" on what they did
// themselves and the name of whoever did the others (the young person's,
// the JIM's, the caseworker's), in Dutch and in English. axe-core on both
// pages, no horizontal scroll, a clean SIGTERM exit.
//
// Run from the repository root: node --test tests/browser/plain-done-by.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, loginWithTotp, expect,
	browserWorld, itEndsCleanly, navTo, openSection, youthWithOwnActions,
} from './helpers.mjs';

const JIM_USER = 'jim.wie';
const JIM_PASSWORD = 'een lang wachtwoord 2026';
const YOUTH_USER = 'jongere.noor';
const YOUTH_PASSWORD = 'Mijn-eigen-Wachtwoord-2026!';

describe('the young person and the JIM read who ticked off an action, in a real browser', { timeout: 8 * STEP_TIMEOUT }, () => {
	const w = browserWorld('done-by');
	let server;
	let pro;
	let proName;
	let youthId;
	let jimTotp;
	let youthTotp;
	let acts;
	let youthPage;
	let jimPage;

	// The text of the badge of a done action on a plain plan.
	const badge = (page, id) => page.locator(`#plain-action-${id} .badge`).innerText();

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a young person with an account, a JIM, a shared plan; the caseworker ticks off someone else\'s action', { timeout: STEP_TIMEOUT }, async () => {
		({ pro, youthId, jimTotp, youthTotp, acts } = await youthWithOwnActions(server.base, { givenName: 'Noor', familyName: 'Wiedan',
			jimName: 'Mila de Vries', jimUser: JIM_USER, jimPassword: JIM_PASSWORD, youthUser: YOUTH_USER, youthPassword: YOUTH_PASSWORD }));
		proName = (await expect(server.base, 'GET', '/api/v1/me', 200, { token: pro.token })).display_name;
		assert.ok(proName);
		await expect(server.base, 'POST', `/api/v1/goal-actions/${acts.other.id}/done`, 200, { token: pro.token, body: {} });
	});

	it('the young person ticks off their own action and reads "door jou", and the caseworker\'s name on theirs', { timeout: STEP_TIMEOUT }, async () => {
		({ page: youthPage } = await w.newBrowser('youth'));
		const page = youthPage;
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, YOUTH_USER, YOUTH_PASSWORD, youthTotp);
		await navTo(page, '#/my-plan');
		await page.locator(`#plain-action-${acts.mine.id}-done`).click();
		await page.locator(`#plain-action-${acts.mine.id}-undo`).waitFor();
		assert.match(await badge(page, acts.mine.id), /^Dit is klaar \(.+\)\. Gedaan door jou\.$/);
		assert.match(await badge(page, acts.other.id), new RegExp(`^Dit is klaar \\(.+\\)\\. Gedaan door ${proName}\\.$`));
		await assertAccessible(page, 'young person\'s plan with who did what');
		await assertNoHorizontalScroll(page, 'young person\'s plan with who did what');
	});

	it('the JIM ticks off the JIM\'s action: "door jou", the young person\'s name and the caseworker\'s, also in English', { timeout: STEP_TIMEOUT }, async () => {
		({ page: jimPage } = await w.newBrowser('jim'));
		const page = jimPage;
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(server.base + '/');
		await loginWithTotp(page, JIM_USER, JIM_PASSWORD, jimTotp);
		await navTo(page, 'Mijn jongere');
		await openSection(page, 'jim-sec-plan');
		await page.locator(`#plain-action-${acts.jims.id}-done`).click();
		await page.locator(`#plain-action-${acts.jims.id}-undo`).waitFor();
		assert.match(await badge(page, acts.jims.id), /^Dit is klaar \(.+\)\. Gedaan door jou\.$/);
		assert.match(await badge(page, acts.mine.id), /^Dit is klaar \(.+\)\. Gedaan door Noor\.$/);
		assert.match(await badge(page, acts.other.id), new RegExp(`Gedaan door ${proName}\\.$`));
		await assertAccessible(page, 'JIM\'s plan with who did what');
		await assertNoHorizontalScroll(page, 'JIM\'s plan with who did what');

		await page.locator('#lang-switch').click();
		await page.locator(`#plain-action-${acts.jims.id}`, { hasText: 'Done by you.' }).waitFor();
		assert.match(await badge(page, acts.jims.id), /^This is done \(.+\)\. Done by you\.$/);
		assert.match(await badge(page, acts.mine.id), /^This is done \(.+\)\. Done by Noor\.$/);
		assert.match(await badge(page, acts.other.id), new RegExp(`Done by ${proName}\\.$`));
		await assertNoHorizontalScroll(page, 'JIM\'s plan with who did what, in English');
		await page.locator('#lang-switch').click();
		await page.locator(`#plain-action-${acts.jims.id}`, { hasText: 'Gedaan door jou.' }).waitFor();
	});

	it('the young person, the plan fetched again, reads the JIM\'s name on the JIM\'s action, also in English', { timeout: STEP_TIMEOUT }, async () => {
		const page = youthPage;
		await page.reload();
		await page.locator(`#plain-action-${acts.jims.id}`, { hasText: 'Gedaan door Mila de Vries.' }).waitFor();
		assert.match(await badge(page, acts.jims.id), /^Dit is klaar \(.+\)\. Gedaan door Mila de Vries\.$/);
		assert.match(await badge(page, acts.mine.id), /Gedaan door jou\.$/);
		await assertAccessible(page, 'young person\'s plan with all three done');

		await page.locator('#lang-switch').click();
		await page.locator(`#plain-action-${acts.mine.id}`, { hasText: 'Done by you.' }).waitFor();
		assert.match(await badge(page, acts.mine.id), /^This is done \(.+\)\. Done by you\.$/);
		assert.match(await badge(page, acts.jims.id), /^This is done \(.+\)\. Done by Mila de Vries\.$/);
		assert.match(await badge(page, acts.other.id), new RegExp(`^This is done \\(.+\\)\\. Done by ${proName}\\.$`));
		await assertNoHorizontalScroll(page, 'young person\'s plan with all three done, in English');
		await page.locator('#lang-switch').click();
		await page.locator(`#plain-action-${acts.mine.id}`, { hasText: 'Gedaan door jou.' }).waitFor();
	});

	itEndsCleanly(w);
});
