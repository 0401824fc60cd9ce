// A young person's and a JIM's account of another file try to open the demo
// young person's file, and are refused: twice, then the demo professional
// reads the file, then FLOOD more tries. "Wie keek in mijn dossier" shows each
// run of tries as one line (how many, from when to when) from someone without
// access, and names neither, so the professional's visit stays at the top of
// the list; so does "Mijn dossier"; the team lead's access tab says the same
// in the team's words. Then 200 more tries: the server sends only the newest
// 200 tries and says that it left older ones out, and both screens say so,
// as does "Mijn dossier" (which shows the newest 200 tries apart from the
// rest until asked for all). At 360 px, with axe.
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
// More tries than the young person's list shows visits at first (50).
const FLOOD = 60;
// How many tries from outside the circle the server sends at most.
const TRIES_MAX = 200;

describe('tries from outside the young person\'s circle, in the access log', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('access-log-outside');
	let server;
	let youthId; // the demo young person's file

	before(async () => {
		// each outsider tries more often than the limit on refused requests for
		// files allows one account (file-refusals-max, 100): raised here
		server = await w.start({
			prepare: (db) => cli(['demo', '--db', db, '--youths', '5', '--seed', '1']),
			serverOpts: { env: { KRING_FILE_REFUSALS_MAX: '1000' } },
		});
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
		const outsiders = [];
		for (const [username, password] of [['fleurine.buiten', YOUTH_PASSWORD], ['jim.wilhelmina', JIM_PASSWORD]]) {
			outsiders.push((await expect(base, 'POST', '/api/v1/session', 201, { body: { username, password } })).token);
		}
		const tryOpen = async (i, path) => {
			const r = await call(base, 'GET', `/api/v1/youths/${youthId}${path}`, { token: outsiders[i % 2] });
			assert.ok(r.status === 403 || r.status === 404, `try ${i}: ${r.status}`);
		};
		for (let i = 0; i < 2; i++) await tryOpen(i, '');
		const professional = (await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'professional', password: DEMO_PASSWORD } })).token;
		await expect(base, 'GET', `/api/v1/youths/${youthId}`, 200, { token: professional });
		// two people, taking turns, at two parts of the file
		for (let i = 0; i < FLOOD; i++) await tryOpen(i, i % 3 ? '' : '/journal');
	});

	it('the young person reads "someone without access" once for each run of tries, with how many, and no name', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'youth');
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await navTo(page, 'Wie keek in mijn dossier');
		await page.locator('#access-log[aria-busy=false]').waitFor();
		const items = page.locator('#access-log > li');
		await items.nth(2).waitFor();
		const outside = page.locator('#access-log > li', { hasText: 'Iemand zonder toegang tot je dossier' });
		assert.equal(await outside.count(), 2, 'one line for each run of tries');
		// newest first: the flood, the professional's visit, the first two tries
		const flood = await items.nth(0).innerText();
		assert.match(flood, /Iemand zonder toegang tot je dossier/);
		assert.match(flood, new RegExp(`${FLOOD} keer geprobeerd`));
		// from when to when: here all in one minute, so once
		assert.match(flood, /^\d{1,2} \w+ \d{4} (om \d\d:\d\d|van \d\d:\d\d tot \d\d:\d\d) · /, 'when');
		assert.match(flood, /Het kan om één persoon gaan, of om meer mensen\./);
		assert.match(flood, /Wilde bekijken: je gegevens/);
		assert.match(flood, /Wilde bekijken: de notities over jou/);
		assert.match(flood, /Dit mocht niet\. Niemand kreeg je gegevens te zien\./);
		assert.match(await items.nth(1).innerText(), /Demo Hulpverlener/, 'the real visit is not pushed down');
		const first = await items.nth(2).innerText();
		assert.match(first, /Iemand zonder toegang tot je dossier/);
		assert.match(first, /2 keer geprobeerd/);
		const text = await page.locator('main').innerText();
		for (const name of OUTSIDERS) assert.ok(!text.includes(name), `${name} is not named`);
		assert.doesNotMatch(text, /\(onbekend\)/);
		await assertAccessible(page, 'access log with tries from outside');
		await assertNoHorizontalScroll(page, 'access log with tries from outside');

		// "Mijn dossier", the copy of the file, says the same.
		await page.goto(server.base + '/#/my-file');
		const inCopy = page.locator('#file-access > li', { hasText: 'Iemand zonder toegang tot je dossier' });
		await inCopy.nth(1).waitFor();
		assert.equal(await inCopy.count(), 2, 'one line for each run of tries in the copy');
		assert.match(await inCopy.nth(0).innerText(), new RegExp(`${FLOOD} keer geprobeerd`));
		assert.match(await inCopy.nth(1).innerText(), /2 keer geprobeerd/);
		const copy = await page.locator('main').innerText();
		for (const name of OUTSIDERS) assert.ok(!copy.includes(name), `${name} is not named in the copy`);
	});

	// The server's clock cannot be moved: the answer is rewritten in the page,
	// to times minutes and days apart, as the server would send them.
	it('a run of tries says from when to when, across midnight too', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'youth-times');
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		const hidden = { id: null, display_name: null, role: null, organisation: null };
		const tried = (at, part) => ({ at, user: hidden, action: 'read', part, break_glass: false, outcome: 'denied', outside_circle: true });
		const items = [
			tried('2026-11-30T13:05:00Z', 'youth'), tried('2026-11-30T13:03:30Z', 'plan'), tried('2026-11-30T13:02:10Z', 'youth'),
			{ at: '2026-11-30T12:00:00Z', user: { id: 2, display_name: 'Demo Hulpverlener', role: 'professional', organisation: 'Demo' },
				action: 'read', part: 'youth', break_glass: false, outcome: 'success', outside_circle: false },
			tried('2026-11-29T23:10:00Z', 'youth'), tried('2026-11-29T22:50:00Z', 'youth'),
		];
		await page.route(/\/access-log\?others=true$/, (route) => route.fulfill({ json: { items } }));
		await navTo(page, 'Wie keek in mijn dossier');
		const list = page.locator('#access-log > li');
		await list.nth(2).waitFor();
		assert.equal(await list.count(), 3);
		const minutes = await list.nth(0).innerText();
		assert.match(minutes, /^30 november 2026 van 14:02 tot 14:05 · 3 keer geprobeerd/);
		assert.match(minutes, /Wilde bekijken: je gegevens/);
		assert.match(minutes, /Wilde bekijken: je plan/);
		assert.match(await list.nth(2).innerText(),
			/^van 29 november 2026 om 23:50 tot 30 november 2026 om 00:10 · 2 keer geprobeerd/);
		await assertAccessible(page, 'access log with runs of tries');
		await assertNoHorizontalScroll(page, 'access log with runs of tries');
		await page.locator('#lang-switch').click();
		await page.locator('#access-log > li', { hasText: 'tried 3 times' }).waitFor();
		const en = await page.locator('#access-log > li').nth(0).innerText();
		assert.match(en, /30 November 2026 from 14:02 to 14:05 · tried 3 times/);
		assert.match(en, /This may be one person, or more people\./);
		assert.match(en, /This was not allowed\. Nobody got to see your details\./);

		// The rule itself (web/domain.js): hidden tries fold together, named
		// ones (the privacy officer's view) only with the same person's, and
		// anything else, a refused professional too, breaks a run.
		const runs = await page.evaluate(async () => {
			const { foldOutsideTries } = await import('/domain.js');
			const ev = (id, outcome, outside) => ({ at: 't' + id, user: { id }, outcome, outside_circle: outside });
			return foldOutsideTries([ev(null, 'denied', true), ev(null, 'denied', true), ev(7, 'denied', true), ev(7, 'denied', true),
				ev(8, 'denied', true), ev(3, 'denied', false), ev(null, 'denied', true), ev(null, 'success', true), ev(null, 'denied', true)])
				.map((x) => (x.tries ? x.tries + ':' + x.user.id : '-'));
		});
		assert.deepEqual(runs, ['2:null', '2:7', '1:8', '-', '1:null', '-', '1:null']);
	});

	it('the team lead\'s access tab says someone outside the circle, without a name', { timeout: STEP_TIMEOUT }, async () => {
		const page = await phonePage(w, 'teamlead');
		await page.goto(server.base + '/');
		await login(page, 'teamlead', DEMO_PASSWORD);
		await page.goto(server.base + `/#/youths/${youthId}/access`);
		const row = page.locator('#access-table tbody tr', { hasText: 'Iemand buiten de kring van deze jongere (naam niet getoond)' });
		await row.nth(1).waitFor();
		assert.equal(await row.count(), 2, 'one row for each run of tries');
		const flood = await row.first().innerText();
		assert.match(flood, /Geweigerd/i);
		assert.match(flood, new RegExp(`${FLOOD} pogingen`));
		assert.match(flood, /^\d\d-\d\d-\d{4}, \d\d:\d\d\s/, 'when: here all in one minute, so once');
		assert.match(await row.nth(1).innerText(), /2 pogingen/);
		// the professional's read is the row right after the flood
		const rows = page.locator('#access-table tbody tr');
		const all = await rows.allInnerTexts();
		const at = all.findIndex((x) => x.includes(`${FLOOD} pogingen`));
		assert.match(all[at + 1], /Demo Hulpverlener/);
		await assertNoHorizontalScroll(page, 'team lead\'s access tab with tries from outside');
		const text = await page.locator('#access-table').innerText();
		for (const name of OUTSIDERS) assert.ok(!text.includes(name), `${name} is not named`);
		await assertAccessible(page, 'team lead\'s access tab with tries from outside');

		// tries minutes apart, rewritten in the page as in the young person's step
		const hidden = { id: null, display_name: null, role: null, organisation: null };
		const tried = (at, part) => ({ at, user: hidden, action: 'read', part, break_glass: false, outcome: 'denied', outside_circle: true });
		await page.route(/\/access-log$/, (route) => route.fulfill({ json: { items: [
			tried('2026-11-30T13:05:00Z', 'youth'), tried('2026-11-30T13:03:30Z', 'plan'), tried('2026-11-30T13:02:10Z', 'youth')] } }));
		await page.reload();
		const one = page.locator('#access-table tbody tr');
		await one.first().waitFor();
		assert.equal(await one.count(), 1);
		const times = await one.first().innerText();
		assert.match(times, /^30-11-2026, 14:02\s+tot 30-11-2026, 14:05\s/);
		assert.match(times, /3 pogingen/);
		assert.match(times, /persoonsgegevens, plan/, 'each part tried, once');
	});

	// More than the server sends of them (the newest 200, apart from the
	// other events): the young person's list and the team lead's tab say
	// that older tries were left out, and the real visit is still there.
	it('says so when older tries were left out', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const outsider = (await expect(base, 'POST', '/api/v1/session', 201,
			{ body: { username: 'fleurine.buiten', password: YOUTH_PASSWORD } })).token;
		for (let i = 0; i < TRIES_MAX; i++) {
			const r = await call(base, 'GET', `/api/v1/youths/${youthId}`, { token: outsider });
			assert.ok(r.status === 403 || r.status === 404, `try ${i}: ${r.status}`);
		}
		const page = await phonePage(w, 'youth-left-out');
		await page.goto(server.base + '/');
		await login(page, 'youth', DEMO_PASSWORD);
		await navTo(page, 'Wie keek in mijn dossier');
		const note = page.locator('#access-tries-left-out');
		await note.waitFor();
		assert.equal(await note.innerText(),
			`Iemand zonder toegang probeerde nog vaker in je dossier te kijken. Hier staan alleen de nieuwste ${TRIES_MAX} pogingen. Alles staat in "Mijn dossier".`);
		assert.equal(await page.locator('#access-newest').count(), 0, 'no other events were left out');
		const items = page.locator('#access-log > li');
		assert.match(await items.nth(0).innerText(), new RegExp(`${TRIES_MAX} keer geprobeerd`), 'the newest 200 tries, one run');
		await page.locator('#access-log > li', { hasText: 'Demo Hulpverlener' }).first().waitFor();
		await assertAccessible(page, 'access log with tries left out');
		await assertNoHorizontalScroll(page, 'access log with tries left out');

		// "Mijn dossier" holds every event, and shows the newest 200 tries
		// apart from the rest until asked for all.
		await page.goto(server.base + '/#/my-file');
		const copyNote = page.locator('#file-access-tries-left-out');
		await copyNote.waitFor();
		assert.equal(await copyNote.innerText(), `Van de pogingen door iemand zonder toegang staan hier alleen de nieuwste ${TRIES_MAX}.`);
		// Not "the newest N": with the tries apart, the rows shown are not simply the newest.
		assert.match(await page.locator('#file-access-shown').innerText(), /^Hier staan \d+ van de \d+ keer dat iemand in het dossier keek\. Van de pogingen/);
		const copyTries = page.locator('#file-access > li', { hasText: 'Iemand zonder toegang tot je dossier' });
		assert.equal(await copyTries.count(), 1, 'the newest 200 tries are one run');
		assert.match(await copyTries.first().innerText(), new RegExp(`${TRIES_MAX} keer geprobeerd`));
		await page.locator('#file-access-all').click();
		await copyNote.waitFor({ state: 'detached' });
		await page.locator('#file-access > li', { hasText: `${FLOOD} keer geprobeerd` }).waitFor();

		await page.goto(server.base + '/#/access-log');
		await page.locator('#lang-switch').click();
		await page.locator('#access-tries-left-out', { hasText: 'Someone without access' }).waitFor();

		const lead = await phonePage(w, 'teamlead-left-out');
		await lead.goto(server.base + '/');
		await login(lead, 'teamlead', DEMO_PASSWORD);
		await lead.goto(server.base + `/#/youths/${youthId}/access`);
		const leadNote = lead.locator('#access-tries-left-out');
		await leadNote.waitFor();
		assert.match(await leadNote.innerText(), new RegExp(`Er waren meer pogingen van buiten de kring van deze jongere\\. Hier staan de nieuwste ${TRIES_MAX}`));
		await assertAccessible(lead, 'team lead\'s access tab with tries left out');
	});

	itEndsCleanly(w);
});
