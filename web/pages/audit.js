// Privacy officer: the audit trail (NEN 7513), newest first, with filters.
// The filter lives in the address (#/audit?youth_id=12&from=2026-03-01), so
// that it holds when the officer opens a file and comes back, and so that
// other pages can link to "everything about this file". The trail grows by
// millions of events: a page at a time, older ones on request, and the whole
// selection (up to 10000) as a CSV file.
import { useState, useEffect, useRef, useCallback } from '../vendor/hooks.module.js';
import { html, Field, SelectField, TableWrap, Notice, DownloadLink, useRefetch } from '../ui.js';
import { t, tOr, formatTime, errorText } from '../i18n.js';
import { get, query } from '../api.js';
import { addDays, amsterdamToUtc, fieldError, formatNumber } from '../format.js';

const PAGE = 100;
const EMPTY = { youth_id: '', username: '', from: '', to: '', kind: '' };
// The kinds of event to show: [value, the API's parameters].
const KINDS = { '': {}, break_glass: { basis: 'break_glass' }, denied: { outcome: 'denied' } };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Who did it: the username; no user and no client address means the
// server itself (e.g. demo seeding); otherwise someone not logged in.
function whoText(ev) {
	if (ev.username) return ev.username;
	if (ev.user_id != null) return '#' + ev.user_id;
	return ev.client_addr ? t('audit.anonymous') : t('audit.system');
}

// The filter in the address now (empty fields where it names none).
function filterFromHash() {
	const h = window.location.hash;
	const i = h.indexOf('?');
	const q = new URLSearchParams(i >= 0 ? h.slice(i + 1) : '');
	const f = { ...EMPTY };
	for (const k of Object.keys(EMPTY)) f[k] = q.get(k) || '';
	if (!(f.kind in KINDS)) f.kind = '';
	return f;
}

// The address of a filter: #/audit, or #/audit?youth_id=12&...
function hashOf(f) {
	const q = query(Object.fromEntries(Object.keys(EMPTY).map((k) => [k, String(f[k] || '').trim()])));
	return '#/audit' + q;
}

// checked(form) is the filter to apply, or throws the field error a wrong value earns.
function checked(form) {
	const f = { ...form, youth_id: form.youth_id.trim(), username: form.username.trim().toLowerCase() };
	if (f.youth_id && !/^[1-9]\d{0,17}$/.test(f.youth_id)) throw fieldError('youth_id');
	if (f.from && !DATE.test(f.from)) throw fieldError('from');
	if (f.to && !DATE.test(f.to)) throw fieldError('to');
	if (f.from && f.to && f.to < f.from) throw fieldError('to');
	return f;
}

// The API's query of a filter: whole days in Amsterdam time ("to" up to and
// including that day), without the paging.
function apiQuery(f) {
	return query({
		youth_id: f.youth_id, username: f.username,
		from: DATE.test(f.from) ? amsterdamToUtc(f.from, '00:00') : '',
		to: DATE.test(f.to) ? amsterdamToUtc(addDays(f.to, 1), '00:00') : '',
		...KINDS[f.kind],
	});
}

// Loads the events of a filter a page at a time: [state, more()]. Loading
// is true from the first drawing with another filter on, while items still
// hold the events of the filter before. Only the answer to the last load
// asked for is shown: one that a later load overtook (a filter chosen,
// another one, then the first again) is dropped, or the older events would
// replace the newer ones when it arrives last.
function useEvents(q) {
	const [state, setState] = useState({ loading: true, items: [], err: null, end: false, q });
	const current = useRef(q);
	current.current = q;
	const [loaded, latest] = useRefetch(null);
	const load = useCallback((before) => {
		const n = loaded();
		setState((s) => ({ ...s, loading: true, err: null }));
		const sep = q ? '&' : '?';
		return get('/api/v1/audit' + q + sep + 'limit=' + PAGE + (before ? '&before=' + before : '')).then((d) => {
			if (current.current !== q || !latest(n)) return;
			const items = (d && d.items) || [];
			setState((s) => ({ loading: false, err: null, items: before ? [...s.items, ...items] : items, end: items.length < PAGE, q }));
		}, (err) => {
			if (current.current !== q || !latest(n)) return;
			setState((s) => ({ ...s, loading: false, err }));
		});
	}, [q]);
	useEffect(() => {
		setState({ loading: true, items: [], err: null, end: false, q });
		load(0);
	}, [load]);
	const asked = state.q === q ? state : { ...state, loading: true };
	const more = () => {
		if (asked.loading || asked.end || !asked.items.length) return;
		load(asked.items[asked.items.length - 1].id);
	};
	return [asked, more];
}

export function AuditView() {
	const [applied, setApplied] = useState(filterFromHash);
	const [form, setForm] = useState(applied);
	const [formErr, setFormErr] = useState(null);
	const q = apiQuery(applied);
	const [list, more] = useEvents(q);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	// A server refusal of a filter value names the field too.
	const err = formErr || (list.err && list.err.field ? list.err : null);

	// The address changed (a link to one file's events, Back): show that filter.
	useEffect(() => {
		const on = () => {
			if (!/^#\/?audit(\?|$)/.test(window.location.hash)) return;
			const f = filterFromHash();
			setApplied(f);
			setForm(f);
			setFormErr(null);
			// A link that was followed is gone with the old rows: go on at the list.
			setTimeout(() => {
				const a = document.activeElement;
				if (!a || a === document.body) {
					const h = document.getElementById('audit-list-title');
					if (h) h.focus();
				}
			}, 0);
		};
		window.addEventListener('hashchange', on);
		return () => window.removeEventListener('hashchange', on);
	}, []);

	function go(f) {
		const next = hashOf(f);
		setFormErr(null);
		if (window.location.hash === next) {
			setApplied({ ...f });
			return;
		}
		window.location.hash = next;
	}

	function submit(e) {
		e.preventDefault();
		try {
			go(checked(form));
		} catch (error) {
			setFormErr(error);
			setTimeout(() => {
				const el = document.getElementById(({ youth_id: 'audit-youth', from: 'audit-from', to: 'audit-to' })[error.field]);
				if (el) el.focus();
			}, 0);
		}
	}

	function reset() {
		setForm(EMPTY);
		go(EMPTY);
	}

	const filtered = Object.values(applied).some(Boolean);
	const statusText = list.err && !list.err.field ? errorText(list.err, 'audit')
		: list.loading ? t('common.loading')
			: list.items.length ? t(list.end ? 'audit.shown_all' : 'audit.shown', { n: formatNumber(list.items.length) }) : '';

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('audit.title')}</h1>
		<p>${t('audit.intro')}</p>
		<form class="card filters" onSubmit=${submit} novalidate aria-labelledby="audit-filter-title">
			<h2 id="audit-filter-title">${t('audit.filter')}</h2>
			<div class="filter-row">
				<${Field} id="audit-youth" name="youth_id" label=${t('audit.filter_youth')}
					value=${form.youth_id} onValue=${set('youth_id')} inputmode="numeric" autocomplete="off" maxlength="18"
					optional err=${err} errScope="audit" />
				<${Field} id="audit-username" name="username" label=${t('audit.filter_username')} value=${form.username}
					onValue=${set('username')} autocomplete="off" autocapitalize="none" spellcheck=${false} maxlength="200"
					optional err=${err} errScope="audit" />
				<${Field} id="audit-from" name="from" type="date" label=${t('audit.filter_from')} value=${form.from}
					onValue=${set('from')} optional err=${err} errScope="audit" />
				<${Field} id="audit-to" name="to" type="date" label=${t('audit.filter_to')} value=${form.to}
					onValue=${set('to')} optional err=${err} errScope="audit" />
				<${SelectField} id="audit-kind" name="kind" label=${t('audit.filter_kind')} value=${form.kind} onValue=${set('kind')}
					options=${Object.keys(KINDS).map((k) => ({ value: k, label: t('audit.kind_' + (k || 'all')) }))} />
			</div>
			<div class="button-row">
				<button type="submit" class="primary">${t('audit.apply')}</button>
				<button type="button" class="secondary" id="audit-reset" onClick=${reset}>${t('audit.reset')}</button>
			</div>
		</form>
		<h2 id="audit-list-title" tabindex="-1">${t('audit.events')}</h2>
		<${Notice} id="audit-status" kind=${list.err && !list.err.field ? 'error' : 'info'}>${statusText}<//>
		${!list.loading && !list.err && !list.items.length ? html`<p id="audit-empty">${t(filtered ? 'audit.empty_filtered' : 'audit.empty')}</p>` : null}
		${list.items.length ? html`<p class="link-row"><${DownloadLink} className="button secondary" id="audit-csv"
			href=${'/api/v1/audit.csv' + q} name="audittrail.csv" scope="audit">${t('audit.csv')}<//></p>
			<p class="hint">${t('audit.csv_hint')}</p>
			<${TableWrap} labelId="audit-list-title">
			<table class="data" id="audit-table" aria-busy=${list.loading ? 'true' : 'false'}>
				<thead><tr><th scope="col">${t('audit.time')}</th><th scope="col">${t('audit.user')}</th>
					<th scope="col">${t('audit.action')}</th><th scope="col">${t('audit.object')}</th>
					<th scope="col">${t('audit.youth')}</th><th scope="col">${t('audit.outcome')}</th></tr></thead>
				<tbody>${list.items.map((ev) => html`<tr key=${ev.id}>
					<td class="nowrap">${formatTime(ev.at, true)}</td>
					<td class="user-text">${whoText(ev)}
						${ev.role ? html`<br /><span class="muted">${tOr('role.' + ev.role, ev.role)}</span>` : null}</td>
					<td class="user-text">${tOr('action.' + ev.action, ev.action)}
						${ev.basis === 'break_glass' ? html`<br /><strong class="flag">${t('audit.break_glass')}</strong>` : null}
						${ev.reason ? html`<br /><span class="muted">${t('audit.reason')} ${ev.reason}</span>` : null}</td>
					<td class="user-text">${ev.object_type ? tOr('object.' + ev.object_type, ev.object_type) +
						(ev.object_id != null ? ' #' + ev.object_id : '') : ''}</td>
					<td>${ev.youth_id != null && String(ev.youth_id) === applied.youth_id ? t('requests.file_of', { id: ev.youth_id })
						: ev.youth_id != null ? html`<a href=${hashOf({ ...EMPTY, youth_id: String(ev.youth_id) })}
						aria-label=${t('audit.youth_link', { id: ev.youth_id })}>${t('requests.file_of', { id: ev.youth_id })}</a>` : ''}</td>
					<td><span class=${'outcome outcome-' + String(ev.outcome).replace(/[^a-z_]/g, '')}>${tOr('outcome.' + ev.outcome, ev.outcome)}</span></td>
				</tr>`)}
				</tbody>
			</table><//>
			${list.end ? null : html`<p><button type="button" class="secondary" id="audit-more" onClick=${more}
				aria-disabled=${list.loading ? 'true' : undefined}>${t('audit.more', { n: PAGE })}</button></p>`}` : null}
	</section>`;
}
