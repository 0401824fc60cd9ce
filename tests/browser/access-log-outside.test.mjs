// A young person's and a JIM's account of another file try to open the demo
// young person's file, and are refused. "Wie keek in mijn dossier" shows each
// try as someone without access, and names neither, and so does "Mijn
// dossier"; the team lead's access tab says the same in the team's words.
// At 360 px, with axe.
//
// Run from the repository root: node --test tests/browser/access-log-outside.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly,
	login, navTo, call, expect, youthWithOwnActions, phonePage,
} from './helpers.mjs';

const JIM_PASSWORD = 'het wachtwoord van de jim 2026';
const YOUTH_PASSWORD = 'het wachtwoord van de jongere 2026';
const OUTSIDERS = ['Fleurine', 'Wilhelmina'];

describe('tries from outside the young person\'s circle, in the access log', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('access-log-outside');
	let server;
	let youthId; // the demo young person's file

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '5', '--seed', '1']) });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up another file whose young person and JIM try to open the demo young person\'s file', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const youth = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'youth', password: DEMO_PASSWORD } })).token;
		youthId = (await expect(base, 'GET', '/api/v1/me', 200, { token: youth })).youth_id;
		assert.ok(Number.isInteger(youthId), 'the demo young person has a file');
		const made = await youthWithOwnActions(base, {
			givenName: 'Fleurine', familyName: 'Buiten', jimName: 'Tante Wilhelmina', jimUser: 'jim.wilhelmina',
			jimPassword: JIM_PASSWORD, youthUser: 'fleurine.buiten', youthPassword: YOUTH_PASSWORD,
		});
		assert.equal(made.jimTotp, null, 'a JIM signs in with a password alone in this set-up');
		for (const [username, password] of [['fleurine.buiten', YOUTH_PASSWORD], ['jim.wilhelmina', JIM_PASSWORD]]) {
			const token = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username, password } })).token;
			const r = await call(base, 'GET', `/api/v1/youths/${youthId}`, { token });
			assert.ok(r.status === 403 || r.status === 404, `${username}: ${r.status}`);
		}
	});

	it('the young person reads "someone without access", twice, and no name', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'youth');
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await navTo(page, 'Wie keek in mijn dossier');
		await page.locator('#access-log[aria-busy=false]').waitFor();
		const who = page.locator('#access-log .access-who', { hasText: 'Iemand zonder toegang tot je dossier' });
		await who.nth(1).waitFor();
		assert.equal(await who.count(), 2, 'each try on its own');
		const item = page.locator('#access-log li', { hasText: 'Iemand zonder toegang tot je dossier' }).first();
		assert.match(await item.innerText(), /Wilde bekijken/);
		assert.match(await item.innerText(), /Dit mocht niet/);
		const text = await page.locator('main').innerText();
		for (const name of OUTSIDERS) assert.ok(!text.includes(name), `${name} is not named`);
		assert.doesNotMatch(text, /\(onbekend\)/);
		await assertAccessible(page, 'access log with tries from outside');
		await assertNoHorizontalScroll(page, 'access log with tries from outside');

		// "Mijn dossier", the copy of the file, says the same.
		await page.goto(server.base + '/#/my-file');
		const inCopy = page.locator('#file-access .access-who', { hasText: 'Iemand zonder toegang tot je dossier' });
		await inCopy.nth(1).waitFor();
		const copy = await page.locator('main').innerText();
		for (const name of OUTSIDERS) assert.ok(!copy.includes(name), `${name} is not named in the copy`);
	});

	it('the team lead\'s access tab says someone outside the circle, without a name', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'teamlead');
		await page.goto(server.base + '/');
		await login(page, 'teamlead', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}/access`);
		const row = page.locator('#access-table tbody tr', { hasText: 'Iemand buiten de kring van deze jongere (naam niet getoond)' });
		await row.nth(1).waitFor();
		assert.match(await row.first().innerText(), /Geweigerd/i);
		const text = await page.locator('#access-table').innerText();
		for (const name of OUTSIDERS) assert.ok(!text.includes(name), `${name} is not named`);
		await assertAccessible(page, 'team lead\'s access tab with tries from outside');
	});

	itEndsCleanly(w);
});
