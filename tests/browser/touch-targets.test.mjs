// Touch targets on a phone (360x740) for the JIM and the young person, on
// the home page and every page of their menu: each visible link, button,
// field and select (a, button, input, select, [role=button]) in the header
// and the menu is at least 44 px high (WCAG 2.5.5, AAA: the header is
// tapped on every page), every other one in the page at least 24×24 px
// (WCAG 2.5.8, AA). A link inside running text is exempt, as WCAG exempts
// it: a link whose line holds other text as well. The page does not scroll
// sideways. The menu is measured unfolded (on a phone it is folded behind
// its "Menu" button, which is measured too). The demo accounts `jim` and
// `youth` of `kring demo`.
//
// Run from the repository root: node --test tests/browser/touch-targets.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, assertNoHorizontalScroll, browserWorld, cli, itEndsCleanly, login, menuPageLoaded,
} from './helpers.mjs';

const HEADER_MIN = 44;
const OTHER_MIN = 24;

// The targets of the page as {where: 'header'|'main', name, width, height}:
// the visible a, button, input, select and [role=button] of the site header,
// the menu and <main>, less links in running text (an inline link whose
// block holds more text than the link's own).
function targets(page) {
	return page.evaluate(() => {
		const sel = 'a[href], button, input:not([type=hidden]), select, [role=button]';
		const scopes = [...document.querySelectorAll('header.site-header, nav.main-nav, main')];
		const out = [];
		const isBlock = (el) => !/^inline/.test(getComputedStyle(el).display) || getComputedStyle(el).display === 'inline-block';
		for (const scope of scopes) {
			for (const el of scope.querySelectorAll(sel)) {
				const r = el.getBoundingClientRect();
				if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden' || el.closest('[hidden], .visually-hidden')) continue;
				if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
					let block = el.parentElement;
					while (block && !isBlock(block)) block = block.parentElement;
					const own = el.textContent.replace(/\s+/g, ' ').trim();
					if (block && block.textContent.replace(/\s+/g, ' ').trim() !== own) continue;
				}
				out.push({
					where: scope.tagName === 'MAIN' ? 'main' : 'header',
					name: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : ''} "${(el.textContent || el.value || '').trim().slice(0, 40)}"`,
					width: Math.round(r.width * 10) / 10,
					height: Math.round(r.height * 10) / 10,
				});
			}
		}
		return out;
	});
}

// Unfolds the menu when it is folded behind its button (on a phone).
async function unfoldMenu(page) {
	const toggle = page.locator('.main-nav #menu-toggle');
	if (await toggle.isVisible() && await toggle.getAttribute('aria-expanded') !== 'true') await toggle.click();
}

// Opens `hash` through the menu (or the brand for home) and waits until
// that page shows and is no longer loading (menuPageLoaded); the menu is
// unfolded then, so that its items are measured too.
async function open(page, hash) {
	if (hash === '#/') await page.locator('header .brand').click();
	else {
		await unfoldMenu(page);
		await page.locator(`.main-nav a[href="${hash}"]`).click();
	}
	await menuPageLoaded(page, hash);
	await unfoldMenu(page);
}

describe('touch targets on a phone for the JIM and the young person', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('touch-targets');
	let server;

	before(async () => {
		server = await w.start({ prepare: (db) => cli(['demo', '--db', db, '--youths', '20', '--seed', '1']) });
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	for (const user of ['jim', 'youth']) {
		it(`${user}: header and menu targets are 44 px high, the others 24×24, on every page of the menu`, { timeout: STEP_TIMEOUT }, async () => {
			const { page } = await w.newBrowser(user);
			await page.setViewportSize({ width: 360, height: 740 });
			await page.goto(server.base + '/');
			await login(page, user, DEMO_PASSWORD);
			const hashes = await page.$$eval('.main-nav a[href]', (as) => as.map((a) => a.getAttribute('href')));
			assert.ok(hashes.includes('#/') && hashes.length >= 4, `the menu: ${hashes.join(', ')}`);
			const problems = [];
			for (const hash of hashes) {
				await open(page, hash);
				const found = await targets(page);
				const header = found.filter((x) => x.where === 'header');
				assert.ok(header.length >= hashes.length + 4, `${hash}: the brand, settings, language, logout and the menu are measured (${header.length})`);
				for (const x of found) {
					if (x.where === 'header' && x.height < HEADER_MIN) problems.push(`${hash} header ${x.name}: ${x.width}×${x.height}, less than ${HEADER_MIN} high`);
					if (x.where === 'main' && (x.width < OTHER_MIN || x.height < OTHER_MIN)) problems.push(`${hash} ${x.name}: ${x.width}×${x.height}, less than ${OTHER_MIN}×${OTHER_MIN}`);
				}
				await assertNoHorizontalScroll(page, `${user} ${hash}`);
			}
			assert.deepEqual(problems, []);
		});
	}

	itEndsCleanly(w);
});
