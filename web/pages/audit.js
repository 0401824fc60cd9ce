// Privacy officer: the audit trail (NEN 7513), newest first, with filters.
import { useState } from '../vendor/hooks.module.js';
import { html, Field, TableWrap, useList, ListStatus } from '../ui.js';
import { t, tOr, formatTime } from '../i18n.js';

// dayBound turns a YYYY-MM-DD date into the UTC ISO time of the start (or
// end) of that day in the browser's time zone.
function dayBound(date, end) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
	const d = new Date(date + (end ? 'T23:59:59' : 'T00:00:00'));
	if (isNaN(d.getTime())) return '';
	return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Who did it: the username; no user and no client address means the
// server itself (e.g. demo seeding); otherwise someone not logged in.
function whoText(ev) {
	if (ev.username) return ev.username;
	if (ev.user_id != null) return '#' + ev.user_id;
	return ev.client_addr ? t('audit.anonymous') : t('audit.system');
}

function queryOf(f) {
	const q = new URLSearchParams();
	if (/^\d+$/.test(f.user_id.trim())) q.set('user_id', f.user_id.trim());
	const from = dayBound(f.from, false);
	const to = dayBound(f.to, true);
	if (from) q.set('from', from);
	if (to) q.set('to', to);
	q.set('limit', '200');
	return '/api/v1/audit?' + q.toString();
}

export function AuditView() {
	const empty = { user_id: '', from: '', to: '' };
	const [form, setForm] = useState(empty);
	const [path, setPath] = useState(queryOf(empty));
	const [list, reload] = useList(path);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		const next = queryOf(form);
		if (next === path) reload();
		else setPath(next);
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('audit.title')}</h1>
		<p>${t('audit.intro')}</p>
		<form class="card filters" onSubmit=${submit} novalidate aria-labelledby="audit-filter-title">
			<h2 id="audit-filter-title">${t('audit.filter')}</h2>
			<div class="filter-row">
				<${Field} id="audit-user" name="user_id" label=${t('audit.filter_user')} value=${form.user_id}
					onValue=${set('user_id')} inputmode="numeric" autocomplete="off" optional />
				<${Field} id="audit-from" name="from" type="date" label=${t('audit.filter_from')} value=${form.from}
					onValue=${set('from')} optional />
				<${Field} id="audit-to" name="to" type="date" label=${t('audit.filter_to')} value=${form.to}
					onValue=${set('to')} optional />
			</div>
			<button type="submit" class="primary">${t('audit.apply')}</button>
		</form>
		<h2 id="audit-list-title">${t('audit.events')}</h2>
		<${ListStatus} state=${list} emptyKey="audit.empty" />
		${list.items.length ? html`<${TableWrap} labelId="audit-list-title">
			<table class="data" id="audit-table">
				<thead><tr><th scope="col">${t('audit.time')}</th><th scope="col">${t('audit.user')}</th>
					<th scope="col">${t('audit.action')}</th><th scope="col">${t('audit.object')}</th>
					<th scope="col">${t('audit.outcome')}</th></tr></thead>
				<tbody>${list.items.map((ev) => html`<tr key=${ev.id}>
					<td class="nowrap">${formatTime(ev.at, true)}</td>
					<td class="user-text">${whoText(ev)}
						${ev.role ? html`<br /><span class="muted">${tOr('role.' + ev.role, ev.role)}</span>` : null}</td>
					<td class="user-text">${tOr('action.' + ev.action, ev.action)}
						${ev.reason ? html`<br /><span class="muted">${t('audit.reason')} ${ev.reason}</span>` : null}</td>
					<td class="user-text">${ev.object_type ? tOr('object.' + ev.object_type, ev.object_type) +
						(ev.object_id != null ? ' #' + ev.object_id : '') : ''}</td>
					<td><span class=${'outcome outcome-' + String(ev.outcome).replace(/[^a-z_]/g, '')}>${tOr('outcome.' + ev.outcome, ev.outcome)}</span></td>
				</tr>`)}
				</tbody>
			</table><//>` : null}
	</section>`;
}
