// Small fetch wrapper for the kring JSON API.
//
// The session lives in the HttpOnly cookie kring_session; unsafe methods also
// need the X-CSRF-Token header, whose value comes from POST /api/v1/session
// or GET /api/v1/me and is kept here in memory only.

let csrfToken = null;
let onUnauthorized = null;

// setUnauthorizedHandler(fn): fn() runs when an API call other than login
// and /me answers 401 not_authenticated, i.e. the session has ended.
export function setUnauthorizedHandler(fn) {
	onUnauthorized = fn;
}

// setReauthHandler(fn): fn() runs when a sensitive action answers 403
// reauth_required (the password was given too long ago); it resolves true
// once the user gave it again (POST /api/v1/session/reauth), and the action
// is then sent once more, or false when they did not (the action's promise
// then rejects with that error). Calls at the same moment share one ask.
let onReauth = null;
let reauthAsking = null;
export function setReauthHandler(fn) {
	onReauth = fn;
}

function askReauth() {
	if (!reauthAsking) reauthAsking = Promise.resolve(onReauth()).finally(() => { reauthAsking = null; });
	return reauthAsking;
}

// Whether an answer asks for the password first, and the user gave it.
async function reauthGiven(res, data) {
	const code = data && data.error && data.error.code;
	return res.status === 403 && code === 'reauth_required' && onReauth !== null && (await askReauth()) === true;
}

export function setCsrfToken(token) {
	csrfToken = token || null;
}

// ApiError carries the server's {"error":{"code","message","field"}} (and
// `fields` when a 422 refuses several fields) plus the
// HTTP status and, for 429, the Retry-After value in seconds (or null).
export class ApiError extends Error {
	constructor(status, code, message, field, retryAfter) {
		super(message || code);
		this.status = status;
		this.code = code;
		this.field = field || null;
		this.retryAfter = retryAfter;
	}
}

function parseRetryAfter(value) {
	if (!value) return null;
	if (/^\d+$/.test(value.trim())) return parseInt(value, 10);
	const when = Date.parse(value);
	if (isNaN(when)) return null;
	return Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

// The ETag each answer object came with (a record a form may change).
const etags = new WeakMap();

// etagOf(data) is the ETag of the answer that gave data (from get() or
// patch()), or null: sent back as If-Match, the server refuses the change
// (412 edit_conflict) when someone else changed the record since.
export function etagOf(data) {
	return (data && typeof data === 'object' && etags.get(data)) || null;
}

// tagOf(record) is the tag to send as If-Match for a record: the ETag of the
// answer that gave it (a record fetched or saved on its own), else the
// "etag" a list or plan gave with it; null when there is neither.
export function tagOf(record) {
	return etagOf(record) || (record && typeof record.etag === 'string' ? record.etag : null);
}

// partsMatch(data, names) is the precondition on the parts `names` of a
// record whose answer gave their tags as part_etags (a meeting), for patch():
// the server then refuses the change (412 edit_conflict) only when someone
// else changed one of those parts since, not another. null when no part is
// named or the answer gave no tag for one (the change is then made as it is).
export function partsMatch(data, names) {
	const tags = (data && data.part_etags) || {};
	if (!names.length || names.some((n) => typeof tags[n] !== 'string')) return null;
	return { parts: names.map((n) => n + '=' + tags[n]).join(', ') };
}

// api(method, path, body?, ifMatch?) resolves with the parsed JSON answer
// (or null for 204) and rejects with ApiError; a network failure is code
// "network". ifMatch (an ETag) is sent as If-Match; {parts} (partsMatch())
// as If-Match-Parts instead. A sensitive action refused with 403
// reauth_required is sent once more after the user gave their password again
// (setReauthHandler).
export async function api(method, path, body, ifMatch) {
	return send(method, path, body, ifMatch, false);
}

async function send(method, path, body, ifMatch, again) {
	const headers = { Accept: 'application/json' };
	if (typeof ifMatch === 'string' && ifMatch) headers['If-Match'] = ifMatch;
	else if (ifMatch && ifMatch.parts) headers['If-Match-Parts'] = ifMatch.parts;
	const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
	let res;
	try {
		res = await fetch(path, init);
	} catch (e) {
		throw new ApiError(0, 'network', e && e.message, null, null);
	}
	let data = null;
	const text = await res.text().catch(() => '');
	if (text) {
		try {
			data = JSON.parse(text);
		} catch (e) {
			data = null;
		}
	}
	if (!res.ok && !again && await reauthGiven(res, data)) return send(method, path, body, ifMatch, true);
	if (!res.ok) throw failure(res, data, path);
	const tag = res.headers.get('ETag');
	if (tag && data && typeof data === 'object') etags.set(data, tag);
	return data;
}

// failure(res, data, path) is the ApiError of an answer that is not ok, with
// the server's error object (data.error) when there is one; a 401 outside
// logging in tells the app that the session ended.
function failure(res, data, path) {
	const err = (data && data.error) || {};
	if (res.status === 401 && err.code === 'not_authenticated' && onUnauthorized &&
		path !== '/api/v1/session' && path !== '/api/v1/me') onUnauthorized();
	const e = new ApiError(res.status, err.code || 'http_' + res.status, err.message || '',
		err.field, parseRetryAfter(res.headers.get('Retry-After')));
	// a 422 that refuses several fields lists each: [{field, message}]
	if (Array.isArray(err.fields)) e.fields = err.fields;
	return e;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
// del(path, ifMatch?, body?): as patch, a removal refused with 412
// edit_conflict when the record changed since ifMatch was shown; body for a
// removal that asks something (why a person leaves the network).
export const del = (path, ifMatch, body) => api('DELETE', path, body, ifMatch);
// patch(path, body, ifMatch?): with ifMatch (etagOf the record shown), the
// change is refused with 412 edit_conflict if the record changed meanwhile;
// with partsMatch(record, names), if one of those parts did.
export const patch = (path, body, ifMatch) => api('PATCH', path, body, ifMatch);
export const put = (path, body) => api('PUT', path, body);

// query({a: 1, b: ''}) -> "?a=1" (empty values left out).
export function query(params) {
	const q = Object.entries(params).filter(([, v]) => v !== '' && v != null)
		.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
	return q ? '?' + q : '';
}

function filenameFrom(res, fallback) {
	const m = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') || '');
	return m ? m[1] : fallback;
}

// download(path, fallbackName) fetches a file (a CSV) and saves it under the
// name the server gives (or fallbackName); it rejects with ApiError like
// api(), so that an error answer is shown instead of being saved as a file.
export function download(path, fallbackName) {
	return save(path, fallbackName, false);
}

async function save(path, fallbackName, again) {
	let res;
	try {
		res = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
	} catch (e) {
		throw new ApiError(0, 'network', e && e.message, null, null);
	}
	if (!res.ok) {
		const data = await res.json().catch(() => null);
		if (!again && await reauthGiven(res, data)) return save(path, fallbackName, true);
		throw failure(res, data, path);
	}
	const url = URL.createObjectURL(await res.blob());
	const a = document.createElement('a');
	a.href = url;
	a.download = filenameFrom(res, fallbackName);
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}
