// Numbers, money, durations, calendar days and Europe/Amsterdam wall-clock
// times for the JIM-support screens (docs/api-jim-support.md). Input from
// people is Dutch: "12,5" km and "4,50" euro are accepted as well as "12.5".
import { t, tOr, has, locale, today } from './i18n.js';

// A client-side validation error shaped like the server's 422, so that the
// form shows it at the right field through the same code path. `text`, when
// given, is the message shown (already translated) instead of the field's
// catalogue text.
export function fieldError(field, text) {
	const err = new Error(field);
	err.status = 422;
	err.code = 'validation_failed';
	err.field = field;
	if (text) err.text = text;
	return err;
}

// unchangedError(text): a save refused before it is sent because the form
// changes nothing; FormMessage shows `text` (what to do instead).
export function unchangedError(text) {
	const err = new Error('unchanged');
	err.code = 'validation_failed';
	err.text = text;
	return err;
}

// fieldErrors(['given_name', 'birth_date']): one client-side 422 for
// several fields at once, shaped like the server's: `field` is the first,
// `fields` lists them all, each shown at its field with its catalogue text.
export function fieldErrors(fields) {
	const err = fieldError(fields[0]);
	err.fields = fields.map((field) => ({ field }));
	return err;
}

// charCount(text): the length of a text as kring's server counts it for
// "at most 1000 characters": in Unicode code points. text.length counts
// UTF-16 units, two for an emoji or another character outside the BMP, and
// so does the maxlength attribute of an input.
export const charCount = (text) => [...String(text == null ? '' : text)].length;

// parseDecimal("12,5", 1) -> 12.5; "" -> null; not a number with at most
// `decimals` decimals -> NaN. Spaces are ignored; comma or dot as separator.
export function parseDecimal(text, decimals) {
	const s = String(text == null ? '' : text).replace(/\s+/g, '');
	if (!s) return null;
	const re = decimals > 0 ? new RegExp('^\\d+([.,]\\d{1,' + decimals + '})?$') : /^\d+$/;
	if (!re.test(s)) return NaN;
	return Number(s.replace(',', '.'));
}

// parseEuroCents("4,50") -> 450; "12" -> 1200; invalid -> NaN; empty -> null.
export function parseEuroCents(text) {
	const s = String(text == null ? '' : text).replace(/\s+/g, '').replace(/^€/, '');
	if (!s) return null;
	if (!/^\d+([.,]\d{1,2})?$/.test(s)) return NaN;
	const [whole, frac = ''] = s.split(/[.,]/);
	return parseInt(whole, 10) * 100 + parseInt((frac + '00').slice(0, 2), 10);
}

const nf = {};
function numberFormat(key, opts) {
	const k = locale() + ':' + key;
	if (!nf[k]) nf[k] = new Intl.NumberFormat(locale(), opts);
	return nf[k];
}

// formatKm(12.5) -> "12,5" (nl).
export function formatKm(km) {
	return numberFormat('km', { maximumFractionDigits: 1 }).format(Number(km) || 0);
}

// formatEuro(288) -> "€ 2,88" (nl).
export function formatEuro(cents) {
	return numberFormat('eur', { style: 'currency', currency: 'EUR' }).format((Number(cents) || 0) / 100);
}

// kmInput(12.5) -> "12,5" for an edit field in the current language.
export function kmInput(km) {
	if (km == null || km === '') return '';
	return locale() === 'nl-NL' ? String(km).replace('.', ',') : String(km);
}

// formatDuration(90) -> "1 uur en 30 minuten" style text.
export function formatDuration(minutes) {
	const m = Math.max(0, Math.round(Number(minutes) || 0));
	const h = Math.floor(m / 60);
	const rest = m % 60;
	if (!h) return t(rest === 1 ? 'dur.minute' : 'dur.minutes', { m: rest });
	if (!rest) return t(h === 1 ? 'dur.hour' : 'dur.hours', { h });
	if (rest === 1) return t(h === 1 ? 'dur.hour_minute' : 'dur.hours_minute', { h });
	return t(h === 1 ? 'dur.hour_minutes' : 'dur.hours_minutes', { h, m: rest });
}

// Calendar-day arithmetic on YYYY-MM-DD strings (no time zone involved).
function ymdToUtc(ymd) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
	return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
}
function utcToYmd(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}
export function addDays(ymd, n) {
	return utcToYmd(ymdToUtc(ymd) + n * 86400000);
}
// daysBetween(a, b) is the number of days from date a to date b (negative
// when b is earlier); NaN when either is not a YYYY-MM-DD date.
export function daysBetween(a, b) {
	return Math.round((ymdToUtc(b) - ymdToUtc(a)) / 86400000);
}
export function firstOfMonth(ymd) {
	return ymd.slice(0, 8) + '01';
}
// Monday of the ISO week that holds ymd.
export function mondayOf(ymd) {
	const day = new Date(ymdToUtc(ymd)).getUTCDay(); // 0 = Sunday
	return addDays(ymd, -((day + 6) % 7));
}
// The first and last day of the month before the one that holds ymd.
export function previousMonth(ymd) {
	const last = addDays(firstOfMonth(ymd), -1);
	return { from: firstOfMonth(last), to: last };
}

// periodOf(items, day) finds the totals item whose from..to holds day.
export function periodOf(items, day) {
	return (items || []).find((x) => x && x.from <= day && day <= x.to) || null;
}

// Offset of Europe/Amsterdam from UTC in minutes at the instant ms.
function amsterdamOffset(ms) {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Amsterdam', hourCycle: 'h23',
		year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
	}).formatToParts(new Date(ms));
	const v = (type) => parseInt((parts.find((p) => p.type === type) || {}).value, 10);
	const wall = Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'), v('second'));
	return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

// amsterdamToUtc("2026-12-03", "14:30") -> "2026-12-03T13:30:00Z"; null when
// the date or time is not valid.
export function amsterdamToUtc(ymd, hm) {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
	const h = /^(\d{1,2}):(\d{2})$/.exec(hm || '');
	if (!d || !h || +h[1] > 23 || +h[2] > 59) return null;
	const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +h[1], +h[2]);
	if (isNaN(wall)) return null;
	let utc = wall - amsterdamOffset(wall) * 60000;
	utc = wall - amsterdamOffset(utc) * 60000; // the offset at the real instant (DST change days)
	return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// utcToAmsterdam(iso) -> {date: "YYYY-MM-DD", time: "HH:MM"} in Amsterdam.
export function utcToAmsterdam(iso) {
	const ms = Date.parse(iso);
	if (isNaN(ms)) return { date: '', time: '' };
	const local = new Date(ms + amsterdamOffset(ms) * 60000).toISOString();
	return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

// formatTimeRange(starts, ends) -> "3 december 2026, 14:30 – 15:30".
export function formatTimeRange(startsAt, endsAt) {
	const s = utcToAmsterdam(startsAt);
	const e = utcToAmsterdam(endsAt);
	if (!s.date) return '';
	const words = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	const dayText = words.format(new Date(ymdToUtc(s.date)));
	// A meeting past midnight ends on another day: that day in words too.
	const end = e.date && e.date !== s.date ? t('meeting.range_end_day', { day: words.format(new Date(ymdToUtc(e.date))), time: e.time })
		: e.time;
	return t('meeting.range', { day: dayText, start: s.time, end });
}

// formatMonth("2026-11") -> "november 2026" (en: "November 2026").
export function formatMonth(ym) {
	const m = /^(\d{4})-(\d{2})$/.exec(ym || '');
	if (!m) return ym || '';
	return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', month: 'long', year: 'numeric' })
		.format(new Date(Date.UTC(+m[1], +m[2] - 1, 1)));
}

export { today };

// formatPercent(0.9126) -> "91%" (nl: "91%"); digits decimals; null -> "".
export function formatPercent(share, digits = 0) {
	if (share == null || isNaN(Number(share))) return '';
	return numberFormat('pct' + digits, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })
		.format(Number(share));
}

// formatNumber(7.1089, 1) -> "7,1" (nl); null -> "".
export function formatNumber(n, digits = 0) {
	if (n == null || isNaN(Number(n))) return '';
	return numberFormat('num' + digits, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(Number(n));
}

// formatEuroWhole(9000000) -> "€ 90.000" (nl): cents shown as whole euros.
export function formatEuroWhole(cents) {
	if (cents == null || isNaN(Number(cents))) return '';
	return numberFormat('eur0', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 })
		.format(Math.round(Number(cents) / 100));
}

// A history row's reason: what kring wrote itself (`cause`, as the history
// and the file of a young person give it) in the reader's language,
// otherwise the text a person typed.
const CAUSE_VALUE_PREFIX = { jim_ended: 'jim_end.', meeting_decision: 'decision_type.' };
export function historyReason(h) {
	const c = h.cause;
	if (!c || !has('history_cause.' + c.code)) return h.reason || '';
	const prefix = CAUSE_VALUE_PREFIX[c.code];
	return t('history_cause.' + c.code, { value: prefix ? tOr(prefix + c.value, c.value) : '' });
}
