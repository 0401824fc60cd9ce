// A staff member's new role on the admin's account page, in a real browser.
// The page loads the one account (GET /users/{id}), not the whole list. A
// professional becomes team lead (their teams stay) and then moves to
// research: each change is behind a question that says what happens (logged
// out everywhere; the teams named that are left), works by keyboard, and
// logs the person out of their open page. An unknown account says so; a JIM's
// account and the admin's own offer no role change. axe-core on the page, at
// 360 px without sideways scrolling; a clean SIGTERM exit without sanitizer
// output.
//
// Run from the repository root: node --test tests/browser/account-role.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertAccessible, assertNoHorizontalScroll, login, loginWithTotp, expect,
	browserWorld, itEndsCleanly, demoProfessional, apiYouth, apiJim, assertFocus, navTo,
} from './helpers.mjs';

const USERNAME = 'p.wissel';
const NAME = 'Wim Wissel';
const PASSWORD = 'een lang wachtwoord 2026';

describe('the admin gives a staff member another role in a real browser', { timeout: 10 * STEP_TIMEOUT }, () => {
	const w = browserWorld('account-role');
	let server;
	let admin; // the admin's browser page
	let pro; // the professional's browser page
	let user;
	let teams; // the teams of the professional, [{id, name}]
	let third; // a team of the same organisation that they are put in on the page
	let elsewhere; // a team of another organisation, never offered
	const asked = []; // the API paths the admin's page asked for

	before(async () => {
		server = await w.start();
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('sets up a professional in two teams who is logged in', { timeout: STEP_TIMEOUT }, async () => {
		const base = server.base;
		const { token } = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'admin', password: DEMO_PASSWORD } });
		const demoTeam = (await expect(base, 'GET', '/api/v1/teams', 200, { token })).items[0];
		const second = await expect(base, 'POST', '/api/v1/teams', 201,
			{ token, body: { name: 'Team Wijkzorg', organisation_id: demoTeam.organisation_id } });
		teams = [demoTeam, second].map((x) => ({ id: x.id, name: x.name }));
		third = await expect(base, 'POST', '/api/v1/teams', 201,
			{ token, body: { name: 'Team Zuidrand', organisation_id: demoTeam.organisation_id } });
		const otherOrg = await expect(base, 'POST', '/api/v1/organisations', 201, { token, body: { name: 'Andere Stichting' } });
		elsewhere = await expect(base, 'POST', '/api/v1/teams', 201,
			{ token, body: { name: 'Team Elders', organisation_id: otherOrg.id } });
		user = await expect(base, 'POST', '/api/v1/users', 201,
			{ token, body: { username: USERNAME, display_name: NAME, role: 'professional', organisation_id: demoTeam.organisation_id, team_ids: teams.map((x) => x.id) } });
		const secret = (await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(user.invitation.token)}/accept`, 200,
			{ body: { password: PASSWORD } })).totp_secret || null;
		({ page: pro } = await w.newBrowser('pro'));
		await pro.goto(base + '/');
		await loginWithTotp(pro, USERNAME, PASSWORD, secret);
		await pro.locator('nav a', { hasText: 'Dossiers' }).waitFor();
	});

	it('the account page loads the one account, and a professional becomes team lead by keyboard, behind a question', { timeout: STEP_TIMEOUT }, async () => {
		({ page: admin } = await w.newBrowser('admin'));
		await admin.setViewportSize({ width: 360, height: 740 });
		await admin.goto(server.base + '/');
		await login(admin, 'admin', DEMO_PASSWORD);
		await admin.waitForLoadState('networkidle');
		admin.on('request', (req) => {
			const p = new URL(req.url()).pathname;
			if (p.startsWith('/api/')) asked.push(p);
		});
		await admin.goto(`${server.base}/#/users/${user.id}`);
		await admin.locator('h1', { hasText: NAME }).waitFor();
		for (const x of teams) await admin.locator(`#account-team-${x.id}`, { hasText: x.name }).waitFor();
		assert.ok(asked.includes(`/api/v1/users/${user.id}`), `GET /users/{id}: ${asked.join(' ')}`);
		assert.ok(!asked.includes('/api/v1/users'), `not the whole list: ${asked.join(' ')}`);
		await assertAccessible(admin, 'account page with the role');
		await assertNoHorizontalScroll(admin, 'account page with the role');

		// Without a choice, the field says so.
		const open = admin.locator('#account-role-open');
		await open.focus();
		await admin.keyboard.press('Enter');
		await admin.locator('#account-role-select-error', { hasText: 'Nieuwe rol: kies een rol.' }).waitFor();

		// The choice of roles leaves out the one it has, and the JIM's and the young person's.
		const options = await admin.locator('#account-role-select option').evaluateAll((os) => os.map((o) => o.value));
		assert.deepEqual(options, ['', 'teamlead', 'privacy_officer', 'researcher', 'admin']);
		await admin.locator('#account-role-select').focus();
		await admin.keyboard.press('ArrowDown'); // Teamleider
		assert.equal(await admin.locator('#account-role-select').inputValue(), 'teamlead');
		await open.focus();
		await admin.keyboard.press('Enter');
		await admin.locator('#account-role-q', { hasText: `De rol van ${NAME} wijzigen van Hulpverlener naar Teamleider?` }).waitFor();
		const effects = await admin.locator('#account-role-effects').innerText();
		assert.match(effects, /overal uitgelogd/);
		assert.doesNotMatch(effects, /gaat uit deze teams/, 'a team lead keeps the teams');
		await assertAccessible(admin, 'the question');
		await assertNoHorizontalScroll(admin, 'the question');
		await admin.keyboard.press('Escape');
		await assertFocus(admin, admin.locator('#account-role-open'), 'Escape: the focus is back on "Rol wijzigen"');

		await admin.keyboard.press('Enter');
		await admin.locator('#account-role-yes').focus();
		await admin.keyboard.press('Enter');
		const message = admin.locator('#account-message', { hasText: `De rol van ${NAME} is gewijzigd in Teamleider.` });
		await message.waitFor();
		await assertFocus(admin, message, 'the focus is on what happened');
		await admin.locator('#account-facts', { hasText: 'Teamleider' }).waitFor();
		for (const x of teams) await admin.locator(`#account-team-${x.id}`).waitFor();
	});

	it('puts the team lead in one more team of their organisation, by keyboard', { timeout: STEP_TIMEOUT }, async () => {
		const options = await admin.locator('#account-team-select option').evaluateAll((os) => os.map((o) => o.textContent));
		assert.deepEqual(options, ['Kies een team', 'Team Zuidrand'], 'only a team of their organisation that they are not in');
		const add = admin.locator('#account-team-add-button');
		await add.focus();
		await admin.keyboard.press('Enter');
		await admin.locator('#account-team-select-error', { hasText: 'Team: kies een team.' }).waitFor();
		await admin.locator('#account-team-select').selectOption(String(third.id));
		await add.focus();
		await admin.keyboard.press('Enter');
		const message = admin.locator('#account-message', { hasText: `${NAME} werkt nu ook in Team Zuidrand.` });
		await message.waitFor();
		await assertFocus(admin, message, 'the focus is on what happened');
		await admin.locator(`#account-team-${third.id}`, { hasText: 'Team Zuidrand' }).waitFor();
		assert.equal(await admin.locator('#account-team-add').count(), 0, 'no team of the organisation is left to offer');
		const now = await admin.evaluate(async (id) => (await (await fetch('/api/v1/users/' + id)).json()), user.id);
		assert.deepEqual(now.team_ids.slice().sort(), [...teams.map((x) => x.id), third.id].sort());
		assert.ok(!now.team_ids.includes(elsewhere.id));
		teams.push({ id: third.id, name: third.name });
		await assertAccessible(admin, 'account page after adding a team');
	});

	it('the professional\'s open page asks to log in again', { timeout: STEP_TIMEOUT }, async () => {
		await navTo(pro, 'Dossiers');
		await pro.locator('#login-dialog').waitFor();
	});

	it('a team lead who moves to research leaves the teams, which the question names', { timeout: STEP_TIMEOUT }, async () => {
		await admin.locator('#account-role-select').selectOption('researcher');
		await admin.locator('#account-role-open').click();
		await admin.locator('#account-role-q', { hasText: 'van Teamleider naar Onderzoeker?' }).waitFor();
		const effects = admin.locator('#account-role-effects');
		await effects.locator('li', { hasText: `${NAME} gaat uit deze teams` }).waitFor();
		for (const x of teams) await effects.locator('li li', { hasText: x.name }).waitFor();
		await assertAccessible(admin, 'the question with the teams');
		await admin.locator('#account-role-yes').click();
		await admin.locator('#account-message', { hasText: `De rol van ${NAME} is gewijzigd in Onderzoeker. ${NAME} is uit ` }).waitFor();
		const said = await admin.locator('#account-message').innerText();
		for (const x of teams) assert.ok(said.includes(x.name), `${x.name} in "${said}"`);
		await admin.locator('#account-facts', { hasText: 'Onderzoeker' }).waitFor();
		assert.equal(await admin.locator('#account-teams').count(), 0, 'a researcher is in no team');
		const now = await admin.evaluate(async (id) => (await (await fetch('/api/v1/users/' + id)).json()), user.id);
		assert.deepEqual(now.team_ids, []);
		await assertAccessible(admin, 'account page of a researcher');
		await assertNoHorizontalScroll(admin, 'account page of a researcher');
	});

	it('an unknown account says so; a JIM\'s account and the admin\'s own offer no role change', { timeout: STEP_TIMEOUT }, async () => {
		await admin.goto(`${server.base}/#/users/999999`);
		await admin.locator('#account-unknown').waitFor();
		assert.equal(await admin.locator('#account-role').count(), 0);

		const p = await demoProfessional(server.base);
		const y = await apiYouth(server.base, p, { given_name: 'Noor', family_name: 'Smit' });
		await apiJim(server.base, p, y.id, { name: 'Tante Ria', relation: 'tante', username: 'jim.ria', password: 'het wachtwoord van de jim 2026' });
		const jim = (await admin.evaluate(async () => (await (await fetch('/api/v1/users')).json()).items))
			.find((x) => x.username === 'jim.ria');
		await admin.goto(`${server.base}/#/users/${jim.id}`);
		await admin.locator('#account-lifecycle', { hasText: 'JIM' }).waitFor();
		assert.equal(await admin.locator('#account-role').count(), 0, 'not for a JIM');

		const me = await admin.evaluate(async () => (await (await fetch('/api/v1/me')).json()).id);
		await admin.goto(`${server.base}/#/users/${me}`);
		await admin.locator('#account-own', { hasText: 'een andere rol geven' }).waitFor();
		assert.equal(await admin.locator('#account-role').count(), 0, 'not for the admin\'s own account');
		await assertAccessible(admin, 'own account');
	});

	itEndsCleanly(w);
});
