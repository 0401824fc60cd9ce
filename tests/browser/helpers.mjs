// Shared helpers for the browser tests: start a kring server on a fresh
// database, launch the system Chromium with a fresh profile, run axe-core.
// Every wait has a timeout. Node 18 compatible.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KRING = process.env.KRING_BIN ? path.resolve(process.env.KRING_BIN) : path.join(ROOT, 'build-asan', 'kring');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const DEMO_PASSWORD = 'kring-demo-2026';
export const XSS = '<img src=x onerror=window.__xss=1>';
export const SANITIZER = ['ERROR: AddressSanitizer', 'runtime error:', 'LeakSanitizer'];

export const STEP_TIMEOUT = 90000; // per test; every single wait below is shorter

// Environment for the server: sanitizer options, and none of the caller's
// KRING_* settings.
function serverEnv() {
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (k.startsWith('KRING_')) delete env[k];
	env.ASAN_OPTIONS = env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0';
	env.UBSAN_OPTIONS = env.UBSAN_OPTIONS || 'print_stacktrace=1';
	return env;
}

// withTimeout(promise, ms, what) rejects when promise takes longer than ms.
export function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((resolve, reject) => {
			timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

// cli(args, stdin, env) runs a kring command and returns its stdout; it
// fails on a non-zero exit or a sanitizer report.
export function cli(args, stdin, env = {}) {
	const r = spawnSync(KRING, args, { cwd: ROOT, env: { ...serverEnv(), ...env }, input: stdin || '', encoding: 'utf8', timeout: 60000 });
	if (r.error) throw new Error(`kring ${args[0]}: ${r.error.message}`);
	assert.equal(r.status, 0, `kring ${args.join(' ')} failed: ${r.stderr}`);
	for (const s of SANITIZER) assert.ok(!r.stderr.includes(s), `kring ${args[0]}: sanitizer report:\n${r.stderr}`);
	return r.stdout;
}

// initDb(dir) creates <dir>/k.db with `kring init` and returns its path.
export function initDb(dir) {
	const db = path.join(dir, 'k.db');
	cli(['init', '--db', db]);
	return db;
}

// Starts `kring serve` (with --demo unless demo is false) on db; resolves
// with {base, proc, stderr(), exit} once the listening line is printed.
export async function startServer(db, { demo = true, env = {} } = {}) {
	const args = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web-dir', 'web'];
	if (demo) args.push('--demo');
	const proc = spawn(KRING, args, { cwd: ROOT, env: { ...serverEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	const exit = new Promise((resolve) => proc.on('close', (code, signal) => resolve({ code, signal })));
	proc.stderr.setEncoding('utf8');
	proc.stdout.resume();
	const base = await withTimeout(new Promise((resolve, reject) => {
		proc.on('error', reject);
		proc.stderr.on('data', (d) => {
			stderr += d;
			const m = / msg=listening url=(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
			if (m) resolve(m[1]);
		});
		exit.then((e) => reject(new Error(`kring serve exited early (${JSON.stringify(e)}):\n${stderr}`)));
	}), 30000, 'kring serve start').catch((e) => {
		proc.kill('SIGKILL');
		throw e;
	});
	return { base, proc, exit, stderr: () => stderr };
}

// Runs axe-core in the page and returns the serious and critical violations.
// The source is evaluated through the DevTools protocol, which the page's
// Content-Security-Policy does not apply to (a <script> tag would be blocked).
export async function axeViolations(page) {
	const loaded = await page.evaluate('typeof window.axe');
	if (loaded !== 'object') await page.evaluate(AXE_SOURCE);
	const violations = await page.evaluate(async () => {
		const r = await window.axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
		}));
	});
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function assertAccessible(page, what) {
	const bad = await axeViolations(page);
	assert.deepEqual(bad, [], `${what}: axe-core serious/critical violations:\n${JSON.stringify(bad, null, 2)}`);
}

export async function assertNoHorizontalScroll(page, what) {
	const widths = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth,
	}));
	assert.ok(widths.scroll <= 360, `${what}: page is ${widths.scroll}px wide at a 360px viewport`);
}

export async function login(page, username, password) {
	await page.locator('#login-username').fill(username);
	await page.locator('#login-password').fill(password);
	await page.locator('form button[type=submit]').click();
	await page.locator('#me-name').waitFor();
}

// Logs in through the form, with the TOTP code of `secret` when the account
// has one (the server then asks for it after the password); returns that
// code (a test of its replay needs it), undefined without a secret.
export async function loginWithTotp(page, username, password, secret) {
	if (!secret) return login(page, username, password);
	await page.locator('#login-username').fill(username);
	await page.locator('#login-password').fill(password);
	await page.locator('form button[type=submit]').click();
	await page.locator('#login-totp').waitFor();
	await page.locator('#login-password').fill(password);
	const code = totp(secret);
	await page.locator('#login-totp').fill(code);
	await page.locator('form button[type=submit]').click();
	await page.locator('#me-name').waitFor();
	return code; // the code the login used, which kring takes only once
}

export async function logout(page) {
	await page.locator('#logout').click();
	await page.locator('#login-username').waitFor();
}

// launchBrowser(profileDir) starts the system Chromium headless with a fresh
// profile and returns {context, page, pageErrors, cspErrors}.
export async function launchBrowser(profileDir) {
	const context = await withTimeout(chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--disable-quic'],
		viewport: { width: 1024, height: 768 },
		locale: 'nl-NL',
		timeout: 30000,
	}), 45000, 'chromium launch');
	context.setDefaultTimeout(15000);
	context.setDefaultNavigationTimeout(15000);
	const page = context.pages()[0] || (await context.newPage());
	const pageErrors = [];
	const cspErrors = [];
	page.on('pageerror', (e) => pageErrors.push(String((e && e.stack) || e)));
	page.on('console', (msg) => {
		if (/Content.Security.Policy/i.test(msg.text())) cspErrors.push(msg.text());
	});
	return { context, page, pageErrors, cspErrors };
}

// stopServer(server) sends SIGTERM and asserts a clean exit 0 without a
// sanitizer report on stderr.
export async function stopServer(server) {
	server.proc.kill('SIGTERM');
	const result = await withTimeout(server.exit, 20000, 'kring serve stop');
	const stderr = server.stderr();
	for (const s of SANITIZER) assert.ok(!stderr.includes(s), `sanitizer report (${s}) on stderr:\n${stderr.slice(-8000)}`);
	assert.deepEqual(result, { code: 0, signal: null }, `kring serve exit; stderr:\n${stderr.slice(-4000)}`);
}

// killServer(server) is for after hooks: SIGKILL if still running.
export async function killServer(server) {
	if (server && server.proc.exitCode === null && server.proc.signalCode === null) {
		server.proc.kill('SIGKILL');
		await withTimeout(server.exit, 5000, 'kring kill').catch(() => {});
	}
}

// browserWorld(name) is a test file's world: a temporary directory, a kring
// server on a fresh database in it, and the Chromium browsers the tests open.
// start() belongs in `before` (prepare(db) runs between `kring init` and the
// server's start, serverOpts go to startServer) and resolves with the
// server; stop() in `after` closes every browser, kills the server and
// removes the directory.
export function browserWorld(name) {
	const w = {
		dir: null,
		server: null,
		browsers: [],
		async start({ prepare, serverOpts } = {}) {
			assert.ok(existsSync(KRING), `${KRING} not found: build it first (make build-asan)`);
			assert.ok(existsSync(path.join(ROOT, 'web', 'vendor', 'preact.module.js')),
				'web/vendor/ is missing: run sh scripts/npm-deps.sh');
			w.dir = mkdtempSync(path.join(os.tmpdir(), `kring-browser-${name}-`));
			const db = initDb(w.dir);
			if (prepare) await prepare(db);
			w.server = await startServer(db, serverOpts);
			return w.server;
		},
		async newBrowser(profile) {
			const b = await launchBrowser(path.join(w.dir, 'profile-' + profile));
			w.browsers.push(b);
			return b;
		},
		async stop() {
			for (const b of w.browsers) await withTimeout(b.context.close(), 15000, 'chromium close').catch(() => {});
			w.browsers.length = 0;
			await killServer(w.server);
			if (w.dir) rmSync(w.dir, { recursive: true, force: true });
		},
	};
	return w;
}

// The last two steps of a browser test on a browserWorld: no page errors or
// CSP violations in any of its browsers, then the browsers closed and the
// server stopped with SIGTERM, which must end without a sanitizer report.
export function itEndsCleanly(w) {
	it('ran without page errors or CSP violations', { timeout: STEP_TIMEOUT }, async () => {
		for (const b of w.browsers) {
			assert.deepEqual(b.pageErrors, [], 'uncaught errors in the page');
			assert.deepEqual(b.cspErrors, [], 'Content-Security-Policy violations');
		}
	});

	it('stops the server cleanly on SIGTERM', { timeout: STEP_TIMEOUT }, async () => {
		for (const b of w.browsers) await withTimeout(b.context.close(), 15000, 'chromium close');
		w.browsers.length = 0;
		await stopServer(w.server);
	});
}

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) for a base32 secret at time `at` (ms).
export function totp(secret, at = Date.now()) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) {
		const v = alphabet.indexOf(c);
		assert.ok(v >= 0, `bad base32 character ${c}`);
		bits += v.toString(2).padStart(5, '0');
	}
	const key = Buffer.alloc(Math.floor(bits.length / 8));
	for (let i = 0; i < key.length; i++) key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
	const mac = createHmac('sha1', key).update(counter).digest();
	const off = mac[mac.length - 1] & 0xf;
	return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// A JSON API call outside the browser: {status, json (null when not JSON), text, headers}.
export async function call(base, method, p, { token, body } = {}) {
	const headers = { Accept: 'application/json' };
	if (token) headers.Authorization = 'Bearer ' + token;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await withTimeout(fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
		15000, `${method} ${p}`);
	const text = await res.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch (e) {
		json = null;
	}
	return { status: res.status, json, text, headers: res.headers };
}

// call() that asserts the status and returns the JSON body.
export async function expect(base, method, p, status, opts) {
	const r = await call(base, method, p, opts);
	assert.equal(r.status, status, `${method} ${p}: ${r.status} ${r.text}`);
	return r.json;
}

// The calendar day n days after a YYYY-MM-DD day (n < 0: before).
export function addDays(ymd, n) {
	const [y, m, d] = ymd.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d) + n * 86400000).toISOString().slice(0, 10);
}

// Today in Amsterdam as YYYY-MM-DD (the server's calendar day).
export function todayAmsterdam() {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
		.formatToParts(new Date());
	const get = (type) => parts.find((p) => p.type === type).value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

// The demo professional's API session, for setting up a test through the
// API: {token, teamId} (their first team).
export async function demoProfessional(base) {
	const { token } = await expect(base, 'POST', '/api/v1/session', 201, { body: { username: 'professional', password: DEMO_PASSWORD } });
	const me = await expect(base, 'GET', '/api/v1/me', 200, { token });
	return { token, teamId: me.team_ids[0] };
}

// Opens a dossier in the professional's team through the API; `fields` are
// added to a 15-year-old in Utrecht. Returns the dossier.
export async function apiYouth(base, pro, fields) {
	const born = `${Number(todayAmsterdam().slice(0, 4)) - 15}-01-01`;
	return expect(base, 'POST', '/api/v1/youths', 201, {
		token: pro.token,
		body: { birth_date: born, municipality: 'Utrecht', team_id: pro.teamId, ...fields },
	});
}

// Nominates `name`, approves the candidate and activates them as the young
// person's JIM with `username`, then accepts the invitation with `password`.
// Returns {jimId, nominationId, totpSecret (null when the server asks none)}.
export async function apiJim(base, pro, youthId, { name, relation, username, password }) {
	const { token } = pro;
	const nom = await expect(base, 'POST', `/api/v1/youths/${youthId}/nominations`, 201, { token, body: { name, relation } });
	await expect(base, 'POST', `/api/v1/nominations/${nom.id}/assessment`, 201, {
		token,
		body: { is_parent: false, adult: true, willing_to_cooperate: true, child_safe: true, own_load_manageable: true, decision: 'approve' },
	});
	const act = await expect(base, 'POST', `/api/v1/nominations/${nom.id}/activate`, 201, { token, body: { username } });
	const accepted = await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(act.invitation.token)}/accept`, 200,
		{ body: { password } });
	return { jimId: act.jim.id, nominationId: nom.id, totpSecret: accepted.totp_secret || null };
}

// navTo(page, item) opens a page through the main menu; item is the text of
// its link or its href ('#/...'). On a phone the menu is folded behind its
// "Menu" button, which is pressed first then (again, when the menu folds
// while the page chosen just before opens). When the page was not the one
// shown, it then waits until the app has put the focus on the new page (its
// heading, or the first field of a form reached to be filled in): that
// happens just after the page is drawn, so a field filled or a key pressed
// before it would lose the focus to the heading. (When the session has
// ended, the login dialog that opens instead will do.)
export async function navTo(page, item) {
	const toggle = page.locator('.main-nav #menu-toggle');
	const link = item.startsWith('#/') ? page.locator(`.main-nav a[href="${item}"]`) : page.locator('.main-nav a', { hasText: item });
	const shown = (await link.getAttribute('aria-current').catch(() => null)) === 'page';
	let clicked = false;
	for (let i = 0; i < 20 && !clicked; i++) {
		if (await toggle.isVisible() && await toggle.getAttribute('aria-expanded') !== 'true') await toggle.click();
		try {
			await link.click({ timeout: 1000 });
			clicked = true;
		} catch {
			/* folded meanwhile: unfold and try again */
		}
	}
	if (!clicked) await link.click();
	if (shown) return;
	await link.and(page.locator('[aria-current="page"]')).waitFor({ state: 'attached' });
	await page.waitForFunction(() => {
		const main = document.querySelector('main');
		return (!!main && main.contains(document.activeElement) && document.activeElement !== main)
			|| !!document.getElementById('login-dialog');
	}, null, { timeout: 10000 });
}

// answered(page, match, action) runs action (a click, a goto that changes
// only the # of the address) and resolves with the answer to the GET whose
// URL matches (match(url) is true, url a URL) that came after it: the wait
// is set up before the action, and an answer the page had before it does
// not count. Then the page has the new view's data on its way; wait for the
// view to show it (its list no longer aria-busy, its text).
export async function answered(page, match, action, timeout = 15000) {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'GET' && match(new URL(r.url())), { timeout }),
		action(),
	]);
	return response;
}

// openDossierTab(page, base, youthId, tab) opens a tab of a dossier with
// its data fetched anew, also when that tab shows already: a hash change to
// the address shown changes nothing, so it goes by the overview. Each step
// waits until the page marks its own tab as the current one (the page
// before does not), so that what shows after is a new panel with its own
// fetch: wait for an element the tab shows once its data has come.
export async function openDossierTab(page, base, youthId, tab) {
	assert.notEqual(tab, 'overview');
	const current = (x) => page.locator(`#tab-${x}[aria-current="page"][href="#/youths/${youthId}/${x}"]`);
	await page.goto(`${base}/#/youths/${youthId}`);
	await current('overview').waitFor();
	await page.goto(`${base}/#/youths/${youthId}/${tab}`);
	await current(tab).waitFor();
}

// The "loading" text of the pages, in both languages.
const LOADING = ['nl', 'en'].map((lang) => JSON.parse(readFileSync(path.join(ROOT, 'web', 'i18n', lang + '.json'), 'utf8'))['common.loading']);

// menuPageLoaded(page, hash) waits until the page of the menu item `hash`
// ('#/', '#/time') is the one drawn, not the page before: its menu link is
// marked as the current page (also while the menu is folded), and then
// until it has loaded: no "loading" text in <main> and no part of it
// aria-busy (the page's first drawing already says it loads).
export async function menuPageLoaded(page, hash) {
	await page.locator(`.main-nav a[href="${hash}"][aria-current="page"]`).waitFor({ state: 'attached' });
	await page.waitForFunction((loading) => {
		const main = document.querySelector('main');
		return !!main && !loading.some((l) => main.innerText.includes(l)) && !main.querySelector('[aria-busy="true"]');
	}, LOADING, { timeout: 10000 });
}

// assertValue: the field of the locator holds value, waiting a moment for the
// render that fills it (a form refilled from a refetched record is filled in
// an effect after the record's heading shows); fails with what it held.
export async function assertValue(locator, value, what, timeout = 5000) {
	const until = Date.now() + timeout;
	let held = await locator.inputValue();
	while (held !== value && Date.now() < until) {
		await new Promise((r) => setTimeout(r, 50));
		held = await locator.inputValue();
	}
	assert.equal(held, value, what);
}

// The id (or else the tag) of the element with the focus.
export const focusedId = (page) => page.evaluate(() => (document.activeElement && (document.activeElement.id || document.activeElement.tagName)));

// assertFocus: the focus is on (inside: within) the element of the locator,
// waiting a moment for a render that moves it.
export async function assertFocus(page, locator, what, within = false) {
	const has = () => locator.evaluate((el, w) => !!document.activeElement && (el === document.activeElement
		|| (w && el.contains(document.activeElement))), within).catch(() => false);
	for (let i = 0; i < 30 && !(await has()); i++) await page.waitForTimeout(100);
	assert.ok(await has(), `${what} (the focus is on ${await focusedId(page)})`);
}

// openSection(page, id) opens a closed section of the JIM's "Mijn jongere"
// (pages/jim.js Section: its heading button has that id, e.g. 'jim-sec-plan')
// and waits until its part shows; an open section stays as it is (it stays
// open in a browser tab once opened).
export async function openSection(page, id) {
	const button = page.locator('#' + id);
	await button.waitFor();
	if (await button.getAttribute('aria-expanded') !== 'true') await button.click();
	await page.locator('#' + id + '-panel').waitFor();
}

// A new browser of profile `name` (browserWorld's newBrowser), its page at
// the size of a 360 px phone.
export async function phonePage(w, name) {
	const b = await w.newBrowser(name);
	await b.page.setViewportSize({ width: 360, height: 740 });
	return b.page;
}

// A young person with an account (youthUser/youthPassword), a JIM with a
// login (jimUser/jimPassword), consent to share the plan, one goal and three
// actions due in a week: acts.mine the young person's (owner_kind 'youth'),
// acts.jims the JIM's ('jim'), acts.other someone else's (null). Made by
// the demo professional through the API. Returns {pro, youthId, jimTotp,
// youthTotp, goal, acts}; the TOTP secrets are null when none is asked.
export async function youthWithOwnActions(base, { givenName, familyName, jimName, jimUser, jimPassword, youthUser, youthPassword }) {
	const today = todayAmsterdam();
	const pro = await demoProfessional(base);
	const youthId = (await apiYouth(base, pro, { given_name: givenName, family_name: familyName,
		birth_date: `${Number(today.slice(0, 4)) - 16}-01-01`, municipality: 'Zwolle', started_on: addDays(today, -60) })).id;
	const jimTotp = (await apiJim(base, pro, youthId, { name: jimName, relation: 'tante', username: jimUser, password: jimPassword })).totpSecret;
	const account = await expect(base, 'POST', `/api/v1/youths/${youthId}/account`, 201, { token: pro.token, body: { username: youthUser } });
	const youthTotp = (await expect(base, 'POST', `/api/v1/invitations/${encodeURIComponent(account.invitation.token)}/accept`, 200,
		{ body: { password: youthPassword } })).totp_secret || null;
	await expect(base, 'POST', `/api/v1/youths/${youthId}/consents`, 201,
		{ token: pro.token, body: { scope: 'share_plan', given_by: 'youth', given_on: today } });
	const goal = await expect(base, 'POST', `/api/v1/youths/${youthId}/goals`, 201,
		{ token: pro.token, body: { title: 'Elke dag naar school', author_kind: 'youth' } });
	const acts = {};
	for (const [k, description, owner, kind] of [['mine', 'Wekker zetten', givenName, 'youth'],
		['jims', 'Samen naar school fietsen', jimName.split(' ')[0], 'jim'], ['other', 'Mentor bellen', 'Mentor', null]]) {
		acts[k] = await expect(base, 'POST', `/api/v1/goals/${goal.id}/actions`, 201,
			{ token: pro.token, body: { description, owner, owner_kind: kind, due_date: addDays(today, 7) } });
	}
	return { pro, youthId, jimTotp, youthTotp, goal, acts };
}

// The action `id` of the young person's plan as the team reads it.
export async function storedAction(base, pro, youthId, id) {
	const p = await expect(base, 'GET', `/api/v1/youths/${youthId}/plan`, 200, { token: pro.token });
	return p.goals.flatMap((g) => g.actions).find((a) => a.id === id);
}

// What the edit-conflict message (ui.js EditConflict, error.edit_conflict)
// says in Dutch, as the edit-conflict tests expect to read it.
export const EDIT_CONFLICT_TEXT = 'Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe versie en sla dan opnieuw op.';

// Headless Chromium keeps every tab visible and focused: the events the
// browser would send are sent in the page, and its clock is moved on.
// The user leaves the page and comes back `away` ms later: the tab is
// hidden and shown again (how 'tab'), or the window loses the focus and
// gets it back (how 'window').
export async function leaveAndComeBack(page, { how = 'tab', away = 31000 } = {}) {
	if (how === 'tab') {
		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
			document.dispatchEvent(new Event('visibilitychange'));
		});
	} else {
		await page.evaluate(() => window.dispatchEvent(new Event('blur')));
	}
	await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + away);
	if (how === 'tab') {
		await page.evaluate(() => {
			delete document.visibilityState; // the browser's own again: "visible"
			document.dispatchEvent(new Event('visibilitychange'));
		});
	} else {
		await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	}
}
