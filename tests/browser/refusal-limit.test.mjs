// An account that asked for 100 files that do not exist or are not its own
// (the default file-refusals-max) is held off on every file for a while: the
// professional's own dossier then says so in plain words, with how long to
// wait, instead of "not found" or a login message; their list of dossiers,
// not a file, still opens. At 360 px, with axe.
//
// Run from the repository root: node --test tests/browser/refusal-limit.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, browserWorld, call, itEndsCleanly, login, phonePage,
	demoProfessional, apiYouth,
} from './helpers.mjs';

const LIMIT = 100; // the default

describe('held off after many refused requests for files', { timeout: 4 * STEP_TIMEOUT }, () => {
	const w = browserWorld('refusal-limit');
	let server;
	let youthId;

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('tells the professional why their own dossier does not open, and for how long', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const pro = await demoProfessional(base);
		youthId = (await apiYouth(base, pro, { given_name: 'Mila', family_name: 'Wachten' })).id;
		for (let i = 0; i < LIMIT; i++) {
			const r = await call(base, 'GET', `/api/v1/youths/${900000000 + i}`, { token: pro.token });
			assert.equal(r.status, 404, `try ${i}: ${r.status}`);
		}
		const page = await phonePage(w, 'professional');
		await page.goto(base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(base + '/#/youths/' + youthId);
		const notice = page.locator('.notice-error');
		await notice.waitFor();
		assert.match(await notice.innerText(),
			/^Je hebt vaak iets opgevraagd dat er niet is of niet voor jou is\. Probeer het over (\d+ minuten|1 minuut) opnieuw\.$/);
		assert.equal(await page.locator('h1', { hasText: 'niet gevonden' }).count(), 0, 'not the page for a file that is not there');
		await assertAccessible(page, 'dossier page, held off');
		await page.goto(base + '/#/dossiers');
		await page.locator('a', { hasText: 'Mila' }).first().waitFor();
	});

	itEndsCleanly(w);
});
