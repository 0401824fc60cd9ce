// The text limits of Field and TextArea (ui.js keepWithin) in a real
// browser, for the ways text gets into a field besides typing one key at a
// time: an input method that composes the text (Japanese, Chinese, or a
// phone's word suggestions) and pasting. The limit is the server's, in
// characters; the field never holds more than the server takes, and what a
// cut edit did can be taken back with Ctrl+Z, as the maxlength attribute
// allowed. The form is the professional's "Nieuw dossier" (given name: at
// most 100 characters).
//
// Run from the repository root: node --test tests/browser/text-limit.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	DEMO_PASSWORD, STEP_TIMEOUT, login, browserWorld, expect, itEndsCleanly, demoProfessional,
} from './helpers.mjs';

describe('text limits in a real browser', { timeout: 6 * STEP_TIMEOUT }, () => {
	const w = browserWorld('text-limit');
	let server;
	let page;
	let given; // the given name field of "Nieuw dossier"

	before(async () => {
		server = await w.start();
		({ page } = await w.newBrowser('professional'));
		await page.goto(server.base + '/');
		await login(page, 'professional', DEMO_PASSWORD);
		await page.goto(server.base + '/#/dossiers');
		await page.locator('#new-dossier summary').click();
		given = page.locator('#nd-given-name');
	}, { timeout: 120000 });

	after(() => w.stop(), { timeout: 60000 });

	it('an input method cannot compose past the limit: the field keeps 100 characters, which the server takes', { timeout: STEP_TIMEOUT }, async () => {
		// What an input method does (the DevTools protocol's IME): the text is
		// composed in steps, then committed; maxlength cut the committed text.
		const cdp = await page.context().newCDPSession(page);
		const compose = async () => {
			await given.press('End');
			await cdp.send('Input.imeSetComposition', { text: 'Anne', selectionStart: 4, selectionEnd: 4 });
			await cdp.send('Input.imeSetComposition', { text: 'Anneliesje', selectionStart: 10, selectionEnd: 10 });
			await cdp.send('Input.insertText', { text: 'Anneliesje' });
		};
		// within the limit all of it stays
		await given.fill('a'.repeat(10));
		await compose();
		assert.equal(await given.inputValue(), 'a'.repeat(10) + 'Anneliesje');
		await given.fill('a'.repeat(95));
		await compose();
		await cdp.detach();
		await page.waitForFunction(() => document.getElementById('nd-given-name').value.length <= 100, null, { timeout: 3000 })
			.catch(() => {});
		assert.equal(await given.inputValue(), 'a'.repeat(95) + 'Annel', 'as much as fits of what was composed, at the caret');
		// Saved as it stands: the page does not send more than the server takes.
		await page.locator('#nd-family-name').fill('Jansen');
		await page.locator('#nd-birth-date').fill('2011-05-04');
		await page.locator('#nd-municipality').fill('Utrecht');
		await page.locator('#new-dossier button[type=submit]').click();
		await page.waitForURL(/#\/youths\/\d+$/);
		const id = /#\/youths\/(\d+)/.exec(page.url())[1];
		const pro = await demoProfessional(server.base);
		const d = await expect(server.base, 'GET', `/api/v1/youths/${id}`, 200, { token: pro.token });
		assert.equal(d.given_name, 'a'.repeat(95) + 'Annel');
	});

	it('a paste past the limit keeps what fits, and Ctrl+Z takes it back as with maxlength', { timeout: STEP_TIMEOUT }, async () => {
		await page.goto(server.base + '/#/dossiers');
		await page.locator('#new-dossier summary').click();
		await given.fill('Jan');
		await given.press('End');
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
		await page.evaluate(() => navigator.clipboard.writeText('y'.repeat(150)));
		await given.press('Control+V');
		assert.equal(await given.inputValue(), 'Jan' + 'y'.repeat(97));
		assert.equal(await given.evaluate((el) => el.selectionStart), 100, 'the caret after what was pasted');
		// typing on adds nothing
		await given.press('x');
		assert.equal(await given.inputValue(), 'Jan' + 'y'.repeat(97));
		await given.press('Control+Z');
		assert.equal(await given.inputValue(), 'Jan', 'the paste taken back');
		// and the page's state followed: what is sent is what the field shows
		await given.press('End');
		await page.keyboard.type('ke');
		assert.equal(await given.inputValue(), 'Janke');
	});

	itEndsCleanly(w);
});
