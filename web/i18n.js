// Message catalogues (web/i18n/<lang>.json). Every user-facing text comes
// from here. Dutch is the default and the fallback for missing keys; the
// chosen language is remembered in localStorage and set on <html lang>.

export const LANGS = ['nl', 'en'];
const STORAGE_KEY = 'kring.lang';

const catalogues = {};
let current = 'nl';

function stored() {
	try {
		const v = window.localStorage.getItem(STORAGE_KEY);
		return LANGS.includes(v) ? v : null;
	} catch (e) {
		return null;
	}
}

async function fetchCatalogue(lang) {
	if (catalogues[lang]) return catalogues[lang];
	const res = await fetch('/i18n/' + lang + '.json', { credentials: 'same-origin' });
	if (!res.ok) throw new Error('catalogue ' + lang + ': HTTP ' + res.status);
	catalogues[lang] = await res.json();
	return catalogues[lang];
}

// setLang loads the catalogue (and the Dutch fallback), makes it current,
// updates <html lang> and remembers the choice when remember is true.
export async function setLang(lang, remember) {
	if (!LANGS.includes(lang)) lang = 'nl';
	await fetchCatalogue('nl');
	await fetchCatalogue(lang);
	current = lang;
	document.documentElement.lang = lang;
	if (remember) {
		try {
			window.localStorage.setItem(STORAGE_KEY, lang);
		} catch (e) {
			/* private mode: the choice just is not remembered */
		}
	}
}

export function initialLang() {
	return stored() || 'nl';
}

export function getLang() {
	return current;
}

export function otherLang() {
	return current === 'nl' ? 'en' : 'nl';
}

// has(key) tells whether the catalogue (or the fallback) defines key.
export function has(key) {
	return key in (catalogues[current] || {}) || key in (catalogues.nl || {});
}

// t(key, params) returns the text for key with {name} placeholders filled in.
// A missing key shows the key itself, so it is noticed.
export function t(key, params) {
	const cat = catalogues[current] || {};
	let s = key in cat ? cat[key] : (catalogues.nl || {})[key];
	if (typeof s !== 'string') return key;
	if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
	return s;
}

export function locale() {
	return current === 'en' ? 'en-GB' : 'nl-NL';
}

const formatters = {};

// formatTime shows an ISO 8601 UTC time in Europe/Amsterdam time, to the
// minute; with seconds only where they matter (the audit trail and the
// access log, records of what happened in which order).
export function formatTime(iso, seconds) {
	if (!iso) return '';
	const d = new Date(iso);
	if (isNaN(d.getTime())) return String(iso);
	const key = locale() + (seconds ? ':s' : '');
	if (!formatters[key]) {
		formatters[key] = new Intl.DateTimeFormat(locale(), {
			timeZone: 'Europe/Amsterdam',
			year: 'numeric', month: '2-digit', day: '2-digit',
			hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}),
		});
	}
	return formatters[key].format(d);
}

// formatDate shows a calendar date (YYYY-MM-DD) as 04-05-2011 (nl) or
// 04/05/2011 (en); long = true gives "4 mei 2011" for plain-language pages.
export function formatDate(ymd, long) {
	if (!ymd) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(ymd));
	if (!m) return String(ymd);
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	const loc = locale();
	const key = loc + (long ? ':long' : ':date');
	if (!formatters[key]) {
		formatters[key] = new Intl.DateTimeFormat(loc, long ? { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }
			: { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
	}
	return formatters[key].format(d);
}

// The date in words and the hours and minutes of a Date in Europe/Amsterdam.
function whenParts(d) {
	const loc = locale();
	const key = loc + ':when';
	if (!formatters[key]) {
		formatters[key] = [
			new Intl.DateTimeFormat(loc, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }),
			new Intl.DateTimeFormat(loc, { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
		];
	}
	return { date: formatters[key][0].format(d), time: formatters[key][1].format(d) };
}

// formatWhen shows a UTC time as "4 mei 2026 om 14:05" style text in
// Europe/Amsterdam time (date in words, hours and minutes), for plain pages.
export function formatWhen(iso) {
	if (!iso) return '';
	const d = new Date(iso);
	if (isNaN(d.getTime())) return String(iso);
	return t('time.when', whenParts(d));
}

// formatWhenRange(from, to): "30 november 2026 van 10:02 tot 10:15" for two
// moments of one Amsterdam day (formatWhen when they share the minute); two
// days each in full.
export function formatWhenRange(fromIso, toIso) {
	const a = new Date(fromIso), b = new Date(toIso);
	if (isNaN(a.getTime()) || isNaN(b.getTime())) return formatWhen(fromIso);
	const [p, q] = [whenParts(a), whenParts(b)];
	if (p.date !== q.date) return t('time.when_days', { from: t('time.when', p), to: t('time.when', q) });
	return p.time === q.time ? t('time.when', p) : t('time.when_range', { date: p.date, from: p.time, to: q.time });
}

// amsterdamDay(date) is the Europe/Amsterdam calendar day of a Date as
// YYYY-MM-DD (one formatter for every call: a list of visits asks it for
// each of up to 1000 events).
export function amsterdamDay(date) {
	if (!formatters.day) {
		formatters.day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
	}
	const parts = formatters.day.formatToParts(date);
	const get = (type) => (parts.find((p) => p.type === type) || {}).value;
	return get('year') + '-' + get('month') + '-' + get('day');
}

// today() is the current Europe/Amsterdam calendar day as YYYY-MM-DD.
export function today() {
	return amsterdamDay(new Date());
}

// waitText turns a Retry-After number of seconds into "3 minuten" etc.
export function waitText(seconds) {
	if (seconds < 60) return t(seconds === 1 ? 'wait.second' : 'wait.seconds', { n: seconds });
	const minutes = Math.ceil(seconds / 60);
	return t(minutes === 1 ? 'wait.minute' : 'wait.minutes', { n: minutes });
}

// errorText maps an ApiError to a catalogue text: the text the page gave
// the error (err.text: a client-side check's fieldError(field, text), or a
// form's own words for a refusal that means something else there), else a field-specific validation text (validation.<scope>.<field> when a scope is given,
// then validation.<field>), then error.<code>, then the server's message.
export function errorText(err, scope) {
	if (!err) return '';
	if (err.text) return err.text;
	if (err.code === 'too_many_attempts' || err.code === 'too_many_refusals') {
		return err.retryAfter != null ? t('error.' + err.code, { wait: waitText(err.retryAfter) })
			: t('error.' + err.code + '_later');
	}
	if (err.code === 'validation_failed' && err.field && scope && has('validation.' + scope + '.' + err.field)) {
		return t('validation.' + scope + '.' + err.field);
	}
	if (err.code === 'validation_failed' && err.field && has('validation.' + err.field)) {
		return t('validation.' + err.field);
	}
	if (has('error.' + err.code)) return t('error.' + err.code);
	return err.message || t('error.unknown');
}

// tOr(key, fallback) is t(key) when the catalogue has key, else fallback
// (for values from the server such as roles and outcomes).
export function tOr(key, fallback) {
	return has(key) ? t(key) : fallback == null ? '' : String(fallback);
}
