// Message catalogues: Dutch and English have the same keys and placeholders,
// no empty texts, every literal key the web app asks for exists, and an
// expense statement has one name per language; a count of 1 reads in the
// singular.
// Runs without a server or browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = path.join(ROOT, 'web');
const load = (lang) => JSON.parse(readFileSync(path.join(WEB, 'i18n', lang + '.json'), 'utf8'));
const placeholders = (s) => (s.match(/\{\w+\}/g) || []).sort();

function jsFiles(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const p = path.join(dir, name);
		if (name === 'vendor') continue;
		if (statSync(p).isDirectory()) out.push(...jsFiles(p));
		else if (name.endsWith('.js')) out.push(p);
	}
	return out;
}

test('nl and en catalogues have the same keys and placeholders', () => {
	const nl = load('nl');
	const en = load('en');
	assert.deepEqual(Object.keys(en).sort(), Object.keys(nl).sort());
	for (const [k, v] of Object.entries(nl)) {
		assert.equal(typeof v, 'string', `nl ${k}`);
		assert.ok(v.trim() && en[k].trim(), `empty text for ${k}`);
		assert.deepEqual(placeholders(en[k]), placeholders(v), `placeholders of ${k}`);
	}
});

test('every literal catalogue key used by the web app exists', () => {
	const nl = load('nl');
	const missing = [];
	for (const file of jsFiles(WEB)) {
		const src = readFileSync(file, 'utf8');
		for (const m of src.matchAll(/\b(?:t|tOr)\('([a-z0-9_.-]+)'[,)]/g)) {
			if (!m[1].endsWith('.') && !(m[1] in nl)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
		}
		for (const m of src.matchAll(/'(nav\.[a-z0-9_]+)'/g)) {
			if (!(m[1] in nl)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
		}
	}
	assert.deepEqual(missing, []);
});

test('the web app sets no inline script, style or raw HTML', () => {
	const html = readFileSync(path.join(WEB, 'index.html'), 'utf8');
	assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline <script> in index.html');
	assert.doesNotMatch(html, /<style|\sstyle=/i, 'inline style in index.html');
	for (const file of jsFiles(WEB)) {
		const src = readFileSync(file, 'utf8');
		assert.doesNotMatch(src, /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\bstyle=/,
			`${path.relative(ROOT, file)} builds markup from strings or uses inline styles`);
	}
});

test('every page in a menu has a tile text on the home page, in both languages', () => {
	// app.js NAV: [route, 'nav.key', View]; the home page shows tile.<route>.
	const app = readFileSync(path.join(WEB, 'app.js'), 'utf8');
	const nav = app.slice(app.indexOf('const NAV = {'), app.indexOf('};', app.indexOf('const NAV = {')));
	const routes = [...nav.matchAll(/\['([a-z-]+)', 'nav\./g)].map((m) => m[1]);
	assert.ok(routes.length >= 15, `menu routes found: ${routes.join(', ')}`);
	for (const lang of ['nl', 'en']) {
		const cat = load(lang);
		const missing = routes.filter((r) => !Object.keys(cat).some((k) => k === 'tile.' + r || k.startsWith('tile.' + r + '.')));
		assert.deepEqual(missing, [], `${lang}: menu pages without a tile text`);
	}
});

test('one word for an expense statement: declaratie in Dutch, expense statement in English', () => {
	const nl = load('nl');
	const en = load('en');
	// Dutch: "declaratie", never "onkostenoverzicht" for the same thing.
	assert.deepEqual(Object.keys(nl).filter((k) => /onkostenoverzicht/i.test(nl[k])), [], 'nl: onkostenoverzicht instead of declaratie');
	// English: a "statement" is an "expense statement"; an "own statement"
	// (the young person's own text in the file) is another thing.
	const bare = (s) => /\bstatements?\b/i.test(s.replace(/\b(expense|own) statements?\b/gi, ''));
	assert.deepEqual(Object.keys(en).filter((k) => bare(en[k])), [], 'en: a bare "statement" (or "expenses statement")');
	// Both languages name it in the same texts.
	const mismatched = Object.keys(nl).filter((k) => /declaratie/i.test(nl[k]) !== /expense statement/i.test(en[k]));
	assert.deepEqual(mismatched, [], 'texts that say declaratie in one language but not expense statement in the other');
});

test('a due date is "uiterlijk" (en: due), never "klaar op", which is for the day a thing was done', () => {
	const nl = load('nl');
	const en = load('en');
	const dueKeys = Object.keys(nl).filter((k) => /due/.test(k) && !/^(outcomes|mstatus)\./.test(k));
	assert.ok(dueKeys.includes('myactions.due') && dueKeys.includes('plan.due_date'), dueKeys.join(', '));
	for (const k of dueKeys) {
		assert.doesNotMatch(nl[k].replace(/uiterlijk klaar op/i, ''), /klaar op/i, `nl ${k}: ${nl[k]}`);
		assert.doesNotMatch(en[k], /done (by|on)/i, `en ${k}: ${en[k]}`);
	}
	for (const k of ['myactions.due', 'myactions.overdue', 'plan.due_date', 'plain.action_when']) {
		assert.match(nl[k], /uiterlijk/i, `nl ${k}: ${nl[k]}`);
		assert.match(en[k], /\bdue\b/i, `en ${k}: ${en[k]}`);
	}
	assert.match(nl['myactions.done_at'], /^Klaar op/);
	assert.match(en['myactions.done_at'], /^Done on/);
});

test('wording from the usability review', () => {
	const nl = load('nl');
	const en = load('en');
	assert.doesNotMatch(nl['validation.minutes'], /heel aantal/);
	assert.match(nl['validation.minutes'], /heel getal/);
	assert.match(nl['orgset.checkin_grace_days'], /voordat een check-in te laat is/);
	for (const cat of [nl, en]) for (const k of Object.keys(cat)) assert.doesNotMatch(cat[k], /\(s\)/, `${k}: ${cat[k]}`);
	// The download of kilometres and costs has one name everywhere.
	for (const k of ['stmt.csv', 'stmt.csv_short', 'jimhours.csv_90']) {
		assert.match(nl[k], /^Download de lijst met kilometers en kosten\b.*\(Excel\)$/, `nl ${k}: ${nl[k]}`);
		assert.match(en[k], /^Download the list of kilometres and costs\b.*\(Excel\)$/, `en ${k}: ${en[k]}`);
	}
});

// Counted texts that a count of 1 can fill, and their singular form: the
// page picks the _one key for 1, as dossiers.count_one does.
const SINGULARS = {
	'dossiers.count': 'dossiers.count_one',
	'stats.quarters_summary': 'stats.quarters_summary_one',
	'stats.days': 'stats.days_one',
	'dossier.days_to_nomination': 'dossier.days_to_nomination_one',
	'jim.times_late': 'jim.times_late_one',
	'outcomes.n_days': 'outcomes.n_days_one',
	'requests.overdue': 'requests.overdue_one',
	'requests.days_left': 'requests.days_left_one',
	'alert.count_alerts': 'alert.count_alerts_one',
	'alert.count_jims': 'alert.count_jims_one',
};

test('a count of 1 reads in the singular: "1 kwartaal", not "1 kwartalen"', () => {
	const fill = (s, n) => s.replace(/\{(n|total|days)\}/g, String(n));
	const plural = { nl: /\b1 (kwartalen|dagen|dossiers)\b/, en: /\b1 (quarters|days|case files|times)\b/ };
	const src = jsFiles(WEB).map((f) => readFileSync(f, 'utf8')).join('\n');
	for (const lang of ['nl', 'en']) {
		const cat = load(lang);
		for (const [many, one] of Object.entries(SINGULARS)) {
			assert.ok(one in cat, `${lang}: ${many} has a singular form ${one}`);
			assert.doesNotMatch(fill(cat[one], 1), plural[lang], `${lang} ${one}: ${cat[one]}`);
			assert.match(fill(cat[many], 2), /\b2 /, `${lang} ${many} still counts`);
		}
	}
	assert.equal(fill(load('nl')['stats.quarters_summary_one'], 1).split(':')[0], '1 kwartaal');
	// Every singular form is chosen somewhere in the web app, next to its plural.
	for (const k of Object.keys(load('nl')).filter((x) => x.endsWith('_one'))) {
		const many = k.slice(0, -4);
		assert.ok(src.includes(`'${k}' : '${many}'`), `the web app picks ${k} for 1 and ${many} otherwise`);
	}
});

test('a duration of 1 minute past the hour reads "1 minuut"', async () => {
	const cats = { nl: load('nl'), en: load('en') };
	globalThis.document = { documentElement: {} };
	globalThis.fetch = async (url) => ({ ok: true, json: async () => cats[/(\w+)\.json$/.exec(url)[1]] });
	const { setLang } = await import('../../web/i18n.js');
	const { formatDuration } = await import('../../web/format.js');
	await setLang('nl', false);
	assert.equal(formatDuration(61), '1 uur en 1 minuut');
	assert.equal(formatDuration(121), '2 uur en 1 minuut');
	assert.equal(formatDuration(122), '2 uur en 2 minuten');
	assert.equal(formatDuration(1), '1 minuut');
	await setLang('en', false);
	assert.equal(formatDuration(61), '1 hour and 1 minute');
	assert.equal(formatDuration(121), '2 hours and 1 minute');
});
