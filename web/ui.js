// Shared building blocks: the htm template tag bound to Preact, form fields
// with labels and error text, live-region notices and scrollable tables.
import { h, createContext } from './vendor/preact.module.js';
import { useEffect, useState, useCallback, useRef, useLayoutEffect, useContext } from './vendor/hooks.module.js';
import htm from './vendor/htm.module.js';
import { t, errorText, formatTime } from './i18n.js';
import { get, download } from './api.js';
import { charCount } from './format.js';

export const html = htm.bind(h);

// What maxlength does, counted as the server counts (charCount: code
// points, where the attribute counts UTF-16 units and so stops a text of
// emoji at half its length): when an edit of el makes its text longer than
// max, only as much of what was typed or pasted is kept as fits, at the
// caret. `before` is the text before the edit. Returns the text kept (also
// put back into el). Left alone while an input method composes (composeEnd
// cuts what it committed).
function keepWithin(el, max, before, composing) {
	const text = el.value;
	if (!max || composing || charCount(text) <= max) return text;
	const a = [...String(before == null ? '' : before)];
	const b = [...text];
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let end = 0;
	while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
	const typed = b.slice(start, b.length - end).slice(0, Math.max(0, Number(max) - start - end));
	const head = b.slice(0, start).join('') + typed.join('');
	const kept = head + b.slice(b.length - end).join('');
	el.value = kept;
	try {
		el.setSelectionRange(head.length, head.length);
	} catch (e) {
		// a type without a caret (none of ours has a maxlength)
	}
	return kept;
}
const keptText = (e, p) => keepWithin(e.currentTarget, p.maxlength, p.value, e.isComposing);

// Before an edit that adds text (typing, pasting, a line break): when it
// would make the text of el longer than max, the browser does not make it,
// and as much of it as fits is inserted instead, as an edit of its own. So
// Ctrl+Z takes it back, as it took back what maxlength cut: a text put
// into el.value, as keepWithin does, empties the browser's undo history.
// An edit without its text here (a spelling suggestion, a drop) and one an
// input method composes are left to keepWithin.
function limitBeforeInput(e, max) {
	const el = e.currentTarget;
	const type = e.inputType || '';
	const data = e.data != null ? e.data : type === 'insertLineBreak' || type === 'insertParagraph' ? '\n' : null;
	if (!max || e.isComposing || !type.startsWith('insert') || data == null) return;
	const start = el.selectionStart;
	const end = el.selectionEnd;
	if (start == null || end == null) return;
	const room = Number(max) - charCount(el.value) + charCount(el.value.slice(start, end));
	const added = [...data];
	if (added.length <= room) return;
	e.preventDefault();
	if (room > 0) document.execCommand('insertText', false, added.slice(0, room).join(''));
}

// An input method (Japanese, Chinese, a phone's word suggestions) composes
// text over several input events and commits it at compositionend, after
// the last of them: keepWithin cuts it then, as maxlength cuts the
// committed text. Its `before` is the text when the composition began
// (the state followed each uncut step of it), kept here per element.
const composedFrom = new WeakMap();
const composeStart = (e) => composedFrom.set(e.currentTarget, e.currentTarget.value);
function composeEnd(e, p) {
	const el = e.currentTarget;
	const before = composedFrom.has(el) ? composedFrom.get(el) : p.value;
	composedFrom.delete(el);
	if (p.maxlength) p.onValue(keepWithin(el, p.maxlength, before, false));
}

// Field renders a labelled input. err is the ApiError of the last submit; the
// field is marked invalid when the server named it. maxlength is in
// characters as the server counts them (keepWithin), not the attribute's.
// describedBy names extra context (an element id), such as a password meter.
// A password field (type "password") has a button that shows what was typed
// and hides it again (ASVS 2.1.12); it says the new state to a screen
// reader, and the password is hidden again when its form is sent, so that a
// password manager sees a password field.
export function Field(p) {
	const fe = errorAt(p.err, p.name);
	const invalid = !!fe;
	const describedBy = [p.hint ? p.id + '-hint' : null, invalid ? p.id + '-error' : null, p.describedBy || null]
		.filter(Boolean).join(' ') || undefined;
	const secret = p.type === 'password';
	const [shown, setShown] = useState(false);
	const [said, setSaid] = useState('');
	const box = useRef(null);
	useEffect(() => {
		const form = secret && box.current ? box.current.closest('form') : null;
		if (!form) return undefined;
		const hide = () => { setShown(false); setSaid(''); };
		form.addEventListener('submit', hide);
		return () => form.removeEventListener('submit', hide);
	}, [secret]);
	const toggle = () => {
		setSaid(t(shown ? 'form.secret_hidden' : 'form.secret_shown'));
		setShown(!shown);
	};
	const input = html`<input id=${p.id} name=${p.name} type=${secret && shown ? 'text' : p.type || 'text'} value=${p.value}
			onbeforeinput=${(e) => limitBeforeInput(e, p.maxlength)} onInput=${(e) => p.onValue(keptText(e, p))}
			oncompositionstart=${composeStart} oncompositionend=${(e) => composeEnd(e, p)}
			autocomplete=${p.autocomplete} inputmode=${p.inputmode}
			pattern=${p.pattern} min=${p.min} max=${p.max} spellcheck=${secret ? false : p.spellcheck}
			autocapitalize=${secret ? 'off' : p.autocapitalize} autocorrect=${secret ? 'off' : undefined}
			required=${p.required} aria-invalid=${invalid ? 'true' : undefined}
			aria-describedby=${describedBy} ref=${p.inputRef} />`;
	return html`<div class="field" ref=${box}>
		<label for=${p.id} id=${p.id + '-label'}>${p.label}${p.optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>
		${p.hint ? html`<p class="hint" id=${p.id + '-hint'}>${p.hint}</p>` : null}
		${secret ? html`<div class="secret-input">
			${input}
			<button type="button" class="secondary" id=${p.id + '-reveal'} aria-controls=${p.id}
				aria-labelledby=${p.id + '-reveal ' + p.id + '-label'} onClick=${toggle}>${t(shown ? 'form.secret_hide' : 'form.secret_show')}</button>
			<span class="visually-hidden" aria-live="polite" id=${p.id + '-said'}>${said}</span>
		</div>` : input}
		${invalid ? html`<p class="field-error" id=${p.id + '-error'}>${errorText(fe, p.errScope)}</p>` : null}
	</div>`;
}

// errorAt(err, name) is the error to show at the field `name`: err when it
// names that field, else that field's entry of err.fields (one 422 that
// refuses several fields at once, from the server or fieldErrors()) as an
// error of its own, else null.
export function errorAt(err, name) {
	if (!err) return null;
	if (err.field === name) return err;
	const f = Array.isArray(err.fields) ? err.fields.find((x) => x && x.field === name) : null;
	return f ? { status: err.status, code: err.code, field: name, message: f.message || '', text: f.text } : null;
}

// TextArea is Field for longer text (maxlength as in Field); describedBy
// names extra context (an element id) for screen readers, such as the goal
// a text is about.
export function TextArea(p) {
	const fe = errorAt(p.err, p.name);
	const invalid = !!fe;
	const describedBy = [p.hint ? p.id + '-hint' : null, invalid ? p.id + '-error' : null, p.describedBy || null]
		.filter(Boolean).join(' ') || undefined;
	return html`<div class="field">
		<label for=${p.id}>${p.label}${p.optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>
		${p.hint ? html`<p class="hint" id=${p.id + '-hint'}>${p.hint}</p>` : null}
		<textarea id=${p.id} name=${p.name} rows=${p.rows || 3} value=${p.value}
			onbeforeinput=${(e) => limitBeforeInput(e, p.maxlength)} onInput=${(e) => p.onValue(keptText(e, p))} required=${p.required}
			oncompositionstart=${composeStart} oncompositionend=${(e) => composeEnd(e, p)}
			aria-invalid=${invalid ? 'true' : undefined} aria-describedby=${describedBy}></textarea>
		${invalid ? html`<p class="field-error" id=${p.id + '-error'}>${errorText(fe, p.errScope)}</p>` : null}
	</div>`;
}

// CheckField is one labelled checkbox; checked is a boolean.
export function CheckField(p) {
	const fe = errorAt(p.err, p.name);
	const invalid = !!fe;
	return html`<div class="check-field">
		<div class="check">
			<input type="checkbox" id=${p.id} name=${p.name} checked=${p.checked}
				onChange=${(e) => p.onValue(e.currentTarget.checked)}
				aria-invalid=${invalid ? 'true' : undefined}
				aria-describedby=${[p.hint ? p.id + '-hint' : null, invalid ? p.id + '-error' : null].filter(Boolean).join(' ') || undefined} />
			<label for=${p.id}>${p.label}</label>
		</div>
		${p.hint ? html`<p class="hint check-hint" id=${p.id + '-hint'}>${p.hint}</p>` : null}
		${invalid ? html`<p class="field-error" id=${p.id + '-error'}>${errorText(fe, p.errScope)}</p>` : null}
	</div>`;
}

// SelectField: describedBy names extra context (an element id) for screen
// readers, such as a warning about the choice.
export function SelectField(p) {
	const fe = errorAt(p.err, p.name);
	const invalid = !!fe;
	const describedBy = [p.hint ? p.id + '-hint' : null, invalid ? p.id + '-error' : null, p.describedBy || null]
		.filter(Boolean).join(' ') || undefined;
	return html`<div class="field">
		<label for=${p.id}>${p.label}${p.optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>
		${p.hint ? html`<p class="hint" id=${p.id + '-hint'}>${p.hint}</p>` : null}
		<select id=${p.id} name=${p.name} value=${p.value} onChange=${(e) => p.onValue(e.currentTarget.value)}
			aria-invalid=${invalid ? 'true' : undefined} aria-describedby=${describedBy} ref=${p.inputRef}>
			${p.options.map((o) => html`<option value=${o.value} key=${o.value}>${o.label}</option>`)}
		</select>
		${invalid ? html`<p class="field-error" id=${p.id + '-error'}>${errorText(fe, p.errScope)}</p>` : null}
	</div>`;
}

// Notice is a polite live region that is always present, so that screen
// readers announce text put into it later. kind: "error" | "ok" | "info".
export function Notice({ kind, children, id }) {
	return html`<div id=${id} class=${'notice' + (children ? ' notice-' + (kind || 'info') : '')}
		role=${kind === 'error' ? 'alert' : 'status'} aria-live=${kind === 'error' ? 'assertive' : 'polite'}>${children}</div>`;
}

// Button is a button that stays in the tab order while its form is busy. A
// focused button that becomes disabled drops keyboard focus to the page, so a
// busy button is only marked aria-disabled and ignores clicks (for a submit
// button that also stops the form's submit, from a click or Enter) until the
// work is done. disabled is for a button that cannot be used at all.
export function Button({ busy, onClick, type, children, ...rest }) {
	function click(e) {
		if (busy) {
			e.preventDefault();
			return;
		}
		if (onClick) onClick(e);
	}
	return html`<button type=${type || 'button'} ...${rest} aria-disabled=${busy ? 'true' : undefined}
		onClick=${click}>${children}</button>`;
}

// Confirm asks "are you sure?" before a step that cannot simply be taken
// back. The focus moves to the question when it opens; "no" and Escape call
// onNo and put the focus back on the button that opened it (returnTo, its
// id; the opener may be drawn anew meanwhile). Yes submits, so children may
// be fields that go with the answer (a date). The ids: {id}-box, {id}-q,
// {id}-yes, {id}-no. describedBy names what the question is about (an
// element id, such as the day of the entry), for screen readers.
export function Confirm({ id, question, yes, no, busy, danger, onYes, onNo, returnTo, className, describedBy, children }) {
	const box = useRef(null);
	useLayoutEffect(() => {
		if (box.current) box.current.focus();
	}, []);
	function answerNo() {
		onNo();
		if (returnTo) {
			setTimeout(() => {
				const b = document.getElementById(returnTo);
				if (b) b.focus();
			}, 0);
		}
	}
	function onKeyDown(e) {
		if (e.key !== 'Escape') return;
		e.preventDefault();
		e.stopPropagation();
		answerNo();
	}
	function submit(e) {
		e.preventDefault();
		onYes();
	}
	return html`<form class=${'notice notice-warning confirm' + (className ? ' ' + className : '')} id=${id + '-box'} ref=${box}
		tabindex="-1" role="group" aria-labelledby=${id + '-q' + (describedBy ? ' ' + describedBy : '')} onKeyDown=${onKeyDown}
		onSubmit=${submit} novalidate>
		<p id=${id + '-q'}>${question}</p>
		${children}
		<div class="button-row">
			<${Button} type="submit" class=${danger ? 'danger' : 'primary'} id=${id + '-yes'} busy=${busy}
				aria-describedby=${describedBy}>${yes}<//>
			<button type="button" class="secondary" id=${id + '-no'} onClick=${answerNo}
				aria-describedby=${describedBy}>${no || t('confirm.no')}</button>
		</div>
	</form>`;
}

// TableWrap lets a wide table scroll inside its own box on small screens
// instead of widening the page; the box is focusable for keyboard scrolling.
export function TableWrap({ labelId, children }) {
	return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${labelId}>${children}</div>`;
}

// The path a component asks for now: an answer for an earlier path that
// arrives late (a filter changed twice quickly) must not replace it.
function useCurrentPath(path) {
	const current = useRef(path);
	current.current = path;
	return current;
}

// The state a hook answers while it asks for `path`: loading from the first
// drawing with a new path on, while the state still holds the answer for the
// path before (the fetch starts in an effect, after that drawing).
const asked = (state, path) => (state.path === path || state.loading ? state : { ...state, loading: true });

// set(x), unless the component asks for another path by now.
const ifCurrent = (current, path, set) => (x) => {
	if (current.current === path) set(x);
};

// A page that is left open in a tab while its user is elsewhere, and read
// again later (a dossier, the home page), is drawn inside <RefetchOnReturn>:
// its useList and useData fetch their data again when the user comes back
// to it (useRefetch), so that a colleague's change shows without reloading.
const Returning = createContext(false);
export const RefetchOnReturn = ({ children }) => html`<${Returning.Provider} value=${true}>${children}<//>`;

// Data fetched this long ago or less is not fetched again on a return.
const FRESH_MS = 30000;

// useRefetch(path, apply, gone) fetches GET path again when the user comes
// back to a page drawn inside <RefetchOnReturn>: the tab is shown again or
// the window gets the focus back, and the data was fetched FRESH_MS or
// longer ago. Quietly: apply(answer) puts the answer in the state, without a
// loading state in between, so that nothing on the page is drawn anew but
// what changed (the components, with what is typed in their forms, the
// focus and the scroll position stay). A refusal (403) or a 404 means the
// user may no longer see it (an emergency access ended, they left the
// team, the file was destroyed): gone(error) puts the error in the state in
// place of what was shown. Any other failure leaves what is shown (the next
// return tries again; an ended session still shows the login dialog).
// Returns [loaded, latest]: loaded(), for the hook's own loads to call when
// they start, gives the load's number: they count as fresh, and a quiet
// answer that arrives after one is dropped. latest(n) says whether load n is
// still the last one asked for: the answer to a load that was overtaken (a
// list fetched again after a save, while its first load was still on its
// way) is dropped too, or it would put the older data back when it arrives
// last. `load(path)` fetches (default: one GET). With path null it fetches
// nothing again and only numbers the loads (the audit trail's pages).
export function useRefetch(path, apply, gone, load = get) {
	const on = useContext(Returning);
	const last = useRef({ at: Date.now(), n: 0 });
	const loaded = useCallback(() => {
		last.current = { at: Date.now(), n: last.current.n + 1 };
		return last.current.n;
	}, []);
	const latest = useCallback((n) => last.current.n === n, []);
	const again = useRef(null);
	again.current = () => {
		if (!path || Date.now() - last.current.at < FRESH_MS) return;
		const n = loaded();
		load(path).then((d) => {
			if (last.current.n === n) apply(d);
		}, (err) => {
			if (last.current.n === n && err && (err.status === 403 || err.status === 404)) gone(err);
		});
	};
	useEffect(() => {
		if (!on) return undefined;
		const back = () => {
			if (document.visibilityState === 'visible') again.current();
		};
		document.addEventListener('visibilitychange', back);
		window.addEventListener('focus', back);
		return () => {
			document.removeEventListener('visibilitychange', back);
			window.removeEventListener('focus', back);
		};
	}, [on]);
	return [loaded, latest];
}

// then(latest, n, set): set(x), unless a load after load n was asked for.
const ifLatest = (latest, n, set) => (x) => {
	if (latest(n)) set(x);
};

// useList loads GET path -> {items, more?, next?} (again on a return:
// useRefetch); returns [state, reload]; state.more is true when the answer
// says that it left items out, and state.next is then the cursor of the
// next page when the answer gives one (else null); state.answer is the
// whole answer, for what else it says (null before the first and on an
// error); state.path is the path whose answer state.items holds (null
// before the first). A list that
// holds more than one page passes `load(path)`, which fetches what it
// shows (the pages it loaded) as one answer of that shape: the first load,
// reload() and the refetch on a return all use it. `load` is made once
// (useCallback): reload() keeps the one it had when the path changed.
// Loading is true from the first drawing with a new path on, while items
// still hold the answer for the path before (another choice of a filter).
export function useList(path, load = get) {
	const [state, setState] = useState({ loading: true, items: [], more: false, next: null, answer: null, err: null, path: null });
	const current = useCurrentPath(path);
	const show = (d) => setState({
		loading: false, items: (d && d.items) || [], more: !!(d && d.more === true), next: (d && typeof d.next === 'string' && d.next) || null,
		answer: d || null, err: null, path,
	});
	const fail = (err) => setState({ loading: false, items: [], more: false, next: null, answer: null, err, path });
	const [loaded, latest] = useRefetch(path, ifCurrent(current, path, show), ifCurrent(current, path, fail), load);
	const reload = useCallback(() => {
		const n = loaded();
		setState((s) => ({ ...s, loading: true }));
		return load(path).then(
			ifLatest(latest, n, ifCurrent(current, path, show)),
			ifLatest(latest, n, ifCurrent(current, path, fail)));
	}, [path]);
	useEffect(() => {
		reload();
	}, [reload]);
	return [asked(state, path), reload];
}

// Memory for as long as one login lasts: what a page keeps when it is left
// and opened again (the dossier list's search, phase and page), forgotten
// at logout and at every new login (forgetKept, from app.js). Held in
// this tab's memory only, never in storage: a search can be a name.
const kept = new Map();
export const keptValue = (key) => kept.get(key);
export const keepValue = (key, value) => kept.set(key, value);
export const forgetKept = () => kept.clear();

// Pager: "Vorige", "Pagina 2 van 5", "Volgende" under a paged list (an
// answer with page, per_page and total); onPage(n) asks for page n. The
// buttons are `${idPrefix}-prev` and `${idPrefix}-next`. A button pressed
// to reach the last (first) page is switched off there, which would drop
// the focus on the page's body: it goes to the pager's other button then.
export function Pager({ page, pages, onPage, idPrefix = 'page', label }) {
	const prev = useRef(null);
	const next = useRef(null);
	const pressed = useRef(null);
	useEffect(() => {
		const was = pressed.current;
		pressed.current = null;
		if (!was || !was.current || !was.current.disabled) return;
		const focused = document.activeElement;
		if (focused && focused !== document.body && focused !== was.current) return;
		const other = was === next ? prev : next;
		if (other.current && !other.current.disabled) other.current.focus();
	}, [page, pages]);
	const go = (button, n) => () => {
		pressed.current = button;
		onPage(n);
	};
	return html`<nav class="pager" aria-label=${label || t('pager.label')}>
		<button type="button" class="secondary" id=${idPrefix + '-prev'} ref=${prev} disabled=${page <= 1}
			onClick=${go(prev, page - 1)}>${t('pager.prev')}</button>
		<span>${t('pager.page', { page, pages })}</span>
		<button type="button" class="secondary" id=${idPrefix + '-next'} ref=${next} disabled=${page >= pages}
			onClick=${go(next, page + 1)}>${t('pager.next')}</button>
	</nav>`;
}

// The number of pages of a paged answer (at least 1).
export const pageCount = (data, perPage) => Math.max(1, Math.ceil(((data && data.total) || 0) / ((data && data.per_page) || perPage)));

// A paged list that shrank while it was open (items handled or closed
// meanwhile, here or by someone else): an answer without items on a page
// after the first steps back to the last page that has any (the total the
// answer gives), instead of saying the list is empty with no pager to go
// back. The focus, on a pager button that may be gone, goes to `heading`
// (a ref to an element with tabindex="-1") then.
export function usePageStepBack(state, page, setPage, perPage, heading) {
	const steppedBack = useRef(false);
	useEffect(() => {
		if (!state.data || state.loading) return;
		if (!(state.data.items || []).length && page > 1) {
			steppedBack.current = true;
			setPage(Math.min(page - 1, pageCount(state.data, perPage)));
			return;
		}
		if (!steppedBack.current) return;
		steppedBack.current = false;
		// A pager button switched off on the last page still holds the focus
		// until the browser drops it on the page: lost all the same.
		const focused = document.activeElement;
		if ((!focused || focused === document.body || focused.disabled) && heading.current) heading.current.focus();
	}, [state.data]);
}

// ListStatus shows loading / error / empty text for a useList state.
export function ListStatus({ state, emptyKey }) {
	if (state.loading && !state.items.length) return html`<p>${t('common.loading')}</p>`;
	if (state.err) return html`<p class="notice notice-error">${errorText(state.err)}</p>`;
	if (!state.items.length) return html`<p>${t(emptyKey)}</p>`;
	return null;
}

// useCreate runs a POST (or any write) and keeps the busy / error / success
// state of a form: c.run(async (setOk) => { ... }). The success text that fn
// gives setOk is shown only once fn is done, so a form that awaits its
// list's reload in fn (await reload() / await onDone()) says "is
// toegevoegd" when the list shows it, not before: a screen reader that
// reads the message, and anyone who looks, finds the change there. A
// clear() meanwhile (a new entry typed while the list is fetched) drops
// the text.
export function useCreate() {
	const [busy, setBusy] = useState(false);
	const [err, setErr] = useState(null);
	const [ok, setOk] = useState('');
	const said = useRef(null);
	async function run(fn) {
		if (busy) return;
		setBusy(true);
		setErr(null);
		setOk('');
		const mine = { text: '' };
		said.current = mine;
		try {
			await fn((text) => {
				mine.text = text;
			});
		} catch (error) {
			setErr(error);
		} finally {
			if (said.current === mine && mine.text) setOk(mine.text);
			setBusy(false);
		}
	}
	// clear forgets the last error and success text (a form closed with "Annuleren").
	function clear() {
		said.current = null;
		setErr(null);
		setOk('');
	}
	return { busy, err, ok, run, clear };
}

// useFocusError returns a ref for a <form>: after a submit that is refused
// at a field (err names it, so the field is marked aria-invalid), the first
// invalid field is scrolled to the middle of the screen and takes the focus.
// On a phone the button is at the bottom and the field that needs fixing is
// often out of view. An error without a field is left to the form's message.
export function useFocusError(err) {
	const ref = useRef(null);
	useEffect(() => {
		const form = ref.current;
		if (!err || !form) return;
		const bad = form.querySelector('[aria-invalid="true"]');
		if (!bad) return;
		if (bad.scrollIntoView) bad.scrollIntoView({ block: 'center' });
		bad.focus({ preventScroll: true });
	}, [err]);
	return ref;
}

// FormMessage is the live region of a form: the error of the last submit,
// or its success text. scope picks form-specific validation texts.
// A refusal of several fields says how many; each field shows its own text.
export function FormMessage({ c, id, scope }) {
	const many = c.err && Array.isArray(c.err.fields) && c.err.fields.length > 1;
	return html`<${Notice} id=${id} kind=${c.err ? 'error' : 'ok'}>${c.err
		? (many ? t('error.fields_to_fix', { n: c.err.fields.length }) : errorText(c.err, scope)) : c.ok}<//>`;
}

// EditConflict goes under a form's FormMessage: after a save refused because
// someone else changed the record since it was loaded (412 edit_conflict,
// whose text FormMessage shows), a button that loads the newest version.
// What was typed stays in the form; once loaded, the form's message says so
// (reloadedText, when there was nothing to type: a removal asked again)
// and the focus goes to focusId (the form's save button), to save again.
export function EditConflict({ c, id, onReload, focusId, reloadedText }) {
	if (!c.err || c.err.code !== 'edit_conflict') return null;
	function reload() {
		c.run(async (setOk) => {
			await onReload();
			setOk(reloadedText || t('conflict.reloaded'));
			setTimeout(() => {
				const el = focusId && document.getElementById(focusId);
				if (el) el.focus();
			}, 0);
		});
	}
	return html`<p><${Button} type="button" class="secondary" id=${id} busy=${c.busy} onClick=${reload}>${t('conflict.reload')}<//></p>`;
}

// useLoaded(record, untouched, fill) keeps the version of a record that an
// edit form was filled from: `loaded`, whose tag (tagOf in api.js, or its
// part_etags) the form's save sends as its precondition, so that the save
// is refused (412 edit_conflict) when someone else changed the record since
// the form was filled, however often the page fetched the record anew
// meanwhile (on a return to the page, after another save). A newer record
// becomes it when untouched(loaded) says nothing was typed (the form is then
// filled anew: fill(record)), or once after adopt() (call it as "Nieuwste
// versie laden" fetches the newest version: what was typed stays).
// saved(answer) after a save, or refill(record) as the form is opened anew:
// the form is filled from that version, which becomes `loaded`. `from` is
// the version a form kept from before it was shown anew was filled from
// (default: record).
export function useLoaded(record, untouched, fill, from = record) {
	const [loaded, setLoaded] = useState(from);
	const adopting = useRef(false);
	const refill = (x) => {
		setLoaded(x);
		fill(x);
	};
	useEffect(() => {
		if (record === loaded) return;
		if (adopting.current) {
			adopting.current = false;
			setLoaded(record);
		} else if (untouched(loaded)) {
			setLoaded(record);
			fill(record);
		}
	}, [record]);
	return {
		loaded,
		adopt: () => { adopting.current = true; },
		saved: refill,
		refill,
	};
}

// useDone keeps the success text of a form in a component that outlives the
// form: a form that is done often disappears (an assessed nomination, a
// decided statement, a handled alert), and its own message with it.
// done.say(text) shows the text in <DoneMessage done=${done} /> and moves the
// focus there, so that keyboard and screen-reader users hear what happened
// instead of landing on the page. Say it once the page shows it: await the
// reload of what changed first (await reload(); done.say(text)), or the
// message stands next to a list without the change, and is heard so.
export function useDone() {
	const [state, setState] = useState({ text: '', n: 0 });
	const say = useCallback((text) => setState((s) => ({ text, n: s.n + 1 })), []);
	const clear = useCallback(() => setState((s) => ({ text: '', n: s.n })), []);
	return { text: state.text, n: state.n, say, clear };
}

// DoneMessage is the status region of useDone; it takes the focus whenever
// something new is said, and a screen reader reads it then (so it is not
// also a live region, which would read it twice).
export function DoneMessage({ done, id }) {
	const ref = useRef(null);
	useEffect(() => {
		if (done.n && done.text && ref.current) ref.current.focus();
	}, [done.n]);
	return html`<div id=${id} ref=${ref} tabindex="-1" class=${'notice' + (done.text ? ' notice-ok' : '')}
		role="status" aria-live="off">${done.text}</div>`;
}

// DownloadLink is a link to a file (a CSV) that is fetched first, so that an
// error answer (a wrong period, an expired session) is shown next to it in
// words instead of being saved as a file.
export function DownloadLink({ href, name, id, className, scope, children }) {
	const [state, setState] = useState({ busy: false, err: null });
	async function onClick(e) {
		e.preventDefault();
		if (state.busy) return;
		setState({ busy: true, err: null });
		try {
			await download(href, name);
			setState({ busy: false, err: null });
		} catch (err) {
			setState({ busy: false, err });
		}
	}
	return html`<a href=${href} download=${name} id=${id} class=${className} onClick=${onClick}
		aria-disabled=${state.busy ? 'true' : undefined}>${children}</a>${state.err
		? html` <span class="field-error" role="alert" id=${id ? id + '-error' : undefined}>${errorText(state.err, scope)}</span>` : null}`;
}

// useCurrentInView returns a ref for a row of links that scrolls sideways
// on a small screen; whenever a dependency changes, the row's current link
// (aria-current="page") is scrolled to its middle when it is out of view. A
// focused link scrolls into view by itself.
export function useCurrentInView(deps) {
	const ref = useRef(null);
	useLayoutEffect(() => {
		const row = ref.current;
		const a = row && row.querySelector('[aria-current="page"]');
		if (!a || row.scrollWidth <= row.clientWidth) return;
		const r = row.getBoundingClientRect();
		const b = a.getBoundingClientRect();
		if (b.left < r.left || b.right > r.right) row.scrollLeft += b.left - r.left - (r.width - b.width) / 2;
	}, deps);
	return ref;
}

// useData loads GET path -> any JSON (again on a return: useRefetch); path
// null loads nothing. Returns [{loading, data, err}, reload]. Loading is
// true from the first drawing with a new path on, while data still holds
// the answer for the path before (a list's next page is asked for).
export function useData(path) {
	const [state, setState] = useState({ loading: !!path, data: null, err: null, path: null });
	const current = useCurrentPath(path);
	const show = (d) => setState({ loading: false, data: d, err: null, path });
	const fail = (err) => setState({ loading: false, data: null, err, path });
	const [loaded, latest] = useRefetch(path, ifCurrent(current, path, show), ifCurrent(current, path, fail));
	const reload = useCallback(() => {
		if (!path) {
			setState({ loading: false, data: null, err: null, path });
			return Promise.resolve();
		}
		const n = loaded();
		setState((s) => ({ ...s, loading: true }));
		return get(path).then(
			ifLatest(latest, n, ifCurrent(current, path, show)),
			ifLatest(latest, n, ifCurrent(current, path, fail)));
	}, [path]);
	useEffect(() => {
		reload();
	}, [reload]);
	return [asked(state, path), reload];
}

// DataStatus shows loading / error text for a useData state (null when loaded).
export function DataStatus({ state, errorKey }) {
	if (state.loading && !state.data) return html`<p>${t('common.loading')}</p>`;
	if (state.err) {
		return html`<p class="notice notice-error">${errorKey && state.err.status === 404 ? t(errorKey) : errorText(state.err)}</p>`;
	}
	return null;
}

// invitationFrom turns a created user with an invitation into
// {link, expires, username}, or null.
export function invitationFrom(user) {
	if (!user || !user.invitation || !user.invitation.token) return null;
	return {
		link: window.location.origin + '/#/invitation/' + encodeURIComponent(user.invitation.token),
		expires: user.invitation.expires_at,
		username: user.username,
	};
}

// InviteBox shows an invitation link to hand over, with its expiry time; the
// text says what the link is for, also to one who reaches the link itself.
export function InviteBox({ invite, text, id }) {
	if (!invite) return null;
	const linkId = id || 'invitation-link';
	return html`<div class="invite">
		<p id=${linkId + '-text'}>${text}</p>
		<p><a class="user-text invitation-link" id=${linkId} href=${invite.link} aria-describedby=${linkId + '-text'}>${invite.link}</a></p>
		${invite.expires ? html`<p>${t('user.invite_expires', { time: formatTime(invite.expires) })}</p>` : null}
	</div>`;
}

// Yes / no text for a boolean.
export function yesNo(v) {
	return v ? t('common.yes') : t('common.no');
}
