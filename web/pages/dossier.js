// One young person's dossier (#/youths/{id}[/section]) for professionals and
// team leads: overview with changes and history, network, the JIM workflow,
// consent, plan, outcomes, journal and (team lead) the access log.
import { Fragment } from '../vendor/preact.module.js';
import { useState, useLayoutEffect, useEffect, useRef } from '../vendor/hooks.module.js';
import {
	html, Field, SelectField, TextArea, CheckField, TableWrap, useData, DataStatus, useCreate, FormMessage, useList,
	ListStatus, InviteBox, invitationFrom, yesNo, Button, useDone, DoneMessage, Confirm,
	useFocusError, EditConflict, useLoaded, errorAt,
} from '../ui.js';
import { t, tOr, formatDate, formatTime, today, errorText, amsterdamDay } from '../i18n.js';
import { post, patch, del, tagOf } from '../api.js';
import {
	PHASES, LEGAL_FRAMES, LIVING_SITUATIONS, END_REASONS, DECISIONS, AGREEMENT_ANSWERS, JIM_END_REASONS, SCOPES,
	GIVEN_BY, AUTHOR_KINDS, JOURNAL_KINDS, LOWER_BOUNDS, teamOptions, fullName, actionsInOrder, foldOutsideTries, distinctOf,
	ACCESS_LOG_MAX, ACCESS_LOG_TRIES_MAX,
} from '../domain.js';
import { charCount, fieldError, fieldErrors, unchangedError, formatTimeRange, historyReason } from '../format.js';
import { JimHoursTab } from './support.js';
import { MeetingsTab } from './meetings.js';
import { NewRequestForm, focusLater } from './privacy.js';
import { OutcomesTab } from './outcomes.js';

const TABS = ['overview', 'network', 'jim', 'hours', 'meetings', 'consent', 'plan', 'outcomes', 'journal', 'access'];

// Catalogue prefix for the values of a changeable field.
const VALUE_PREFIX = { legal_frame: 'legal_frame.', living_situation: 'living.', phase: 'phase.', end_reason: 'end_reason.' };

function valueText(field, value) {
	if (value == null || value === '') return t('common.none');
	const prefix = VALUE_PREFIX[field];
	return prefix ? tOr(prefix + value, value) : String(value);
}

const opts = (values, prefix) => values.map((v) => ({ value: v, label: t(prefix + v) }));
const withChoose = (options) => [{ value: '', label: t('common.choose') }, ...options];
const base = (id) => '/api/v1/youths/' + id;

export function DossierPage({ user, route }) {
	const id = /^\d+$/.test(route.id || '') ? route.id : null;
	const tab = TABS.includes(route.tab) ? route.tab : 'overview';
	const [st, reload] = useData(id ? base(id) : null);
	const d = st.data;

	if (!id || (st.err && st.err.status === 404)) {
		return html`<section aria-labelledby="page-title">
			<h1 id="page-title" tabindex="-1">${t('dossier.not_found_title')}</h1>
			<p>${t('dossier.not_found_text')}</p>
			<p><a href="#/dossiers">${t('dossier.back')}</a></p>
			<p><a href=${'#/break-glass' + (id ? '/' + id : '')} id="bg-link">${t('bg.link')}</a></p>
		</section>`;
	}
	if (!d) {
		return html`<section aria-labelledby="page-title">
			<h1 id="page-title" tabindex="-1">${t('dossier.title')}</h1>
			<${DataStatus} state=${st} />
		</section>`;
	}

	const tabs = TABS.filter((x) => x !== 'access' || user.role === 'teamlead');
	const props = { d, id, user, reloadDossier: reload };
	let panel;
	if (tab === 'network') panel = html`<${NetworkTab} ...${props} />`;
	else if (tab === 'jim') panel = html`<${JimTab} ...${props} />`;
	else if (tab === 'hours') panel = html`<${JimHoursTab} ...${props} />`;
	else if (tab === 'meetings') panel = html`<${MeetingsTab} ...${props} />`;
	else if (tab === 'consent') panel = html`<${ConsentTab} ...${props} />`;
	else if (tab === 'plan') panel = html`<${PlanTab} ...${props} />`;
	else if (tab === 'outcomes') panel = html`<${OutcomesTab} ...${props} />`;
	else if (tab === 'journal') panel = html`<${JournalTab} ...${props} />`;
	else if (tab === 'access' && user.role === 'teamlead') panel = html`<${AccessTab} ...${props} />`;
	else panel = html`<${OverviewTab} ...${props} />`;

	return html`<section aria-labelledby="page-title">
		<p class="crumbs"><a href="#/dossiers">${t('dossier.back')}</a></p>
		<h1 id="page-title" tabindex="-1" class="user-text">${fullName(d)}</h1>
		<p class="muted">${t('dossier.number', { id: d.id })} · ${tOr('phase.' + d.phase, d.phase)}</p>
		${d.access === 'break_glass' ? html`<p class="notice notice-warning" id="bg-banner">${d.access_expires_at
			? html`<strong id="bg-until">${t('dossier.break_glass_until', { time: formatTime(d.access_expires_at) })}</strong> ` : null}
			${t('dossier.break_glass_banner')}</p>` : null}
		<nav class="tabs" aria-label=${t('dossier.sections')}>
			<ul>${tabs.map((x) => html`<li key=${x}><a id=${'tab-' + x} href=${'#/youths/' + id + '/' + x}
				aria-current=${x === tab ? 'page' : undefined}>${t('tab.' + x)}</a></li>`)}</ul>
		</nav>
		<div class="tab-panel" id="tab-panel">
			<h2 id="tab-title">${t('tab.' + tab)}</h2>
			${panel}
		</div>
	</section>`;
}

// ---- Overview -------------------------------------------------------------

// The overview: facts, the change form and the history (a table; on a phone
// one card per change, each cell with its data-label). A history row names
// no user only when kring wrote it itself (`kring demo`); a request always
// records its user, so such a row says "Kring zelf".
function OverviewTab({ d, id, user, reloadDossier }) {
	const [history, reloadHistory] = useList(base(id) + '/history');
	const team = teamOptions({ team_ids: [d.team_id], teams: user.teams }, t)[0];
	return html`
		<${ComingUp} d=${d} id=${id} />
		<dl class="facts card" id="dossier-facts">
			<dt>${t('dossier.name')}</dt><dd class="user-text">${fullName(d)}</dd>
			<dt>${t('dossier.birth_date')}</dt><dd>${formatDate(d.birth_date)}${d.age != null ? ' ' + t('dossier.age', { age: d.age }) : ''}</dd>
			<dt>${t('dossier.bsn')}</dt><dd>${d.bsn || t('common.none')}</dd>
			<dt>${t('dossier.municipality')}</dt><dd class="user-text">${d.municipality}</dd>
			<dt>${t('dossier.team')}</dt><dd class="user-text">${d.team_name || (team ? team.label : '')}</dd>
			<dt>${t('dossier.started_on')}</dt><dd>${formatDate(d.started_on) || t('common.none')}</dd>
			<dt>${t('dossier.phase')}</dt><dd id="dossier-phase">${tOr('phase.' + d.phase, d.phase)}${d.phase_since
				? ' ' + t('dossier.since', { date: formatDate(d.phase_since) }) : ''}</dd>
			${d.closed_on ? html`<dt>${t('dossier.closed_on')}</dt><dd>${formatDate(d.closed_on)}
				${d.end_reason ? ' (' + tOr('end_reason.' + d.end_reason, d.end_reason) + ')' : ''}</dd>` : null}
			<dt>${t('dossier.legal_frame')}</dt><dd id="dossier-legal-frame">${valueText('legal_frame', d.legal_frame)}</dd>
			<dt>${t('dossier.living_situation')}</dt><dd id="dossier-living">${valueText('living_situation', d.living_situation)}</dd>
			<dt>${t('dossier.first_nominated_on')}</dt><dd>${d.first_nominated_on ? formatDate(d.first_nominated_on) +
				(d.days_to_nomination != null ? ' ' + t(d.days_to_nomination === 1 ? 'dossier.days_to_nomination_one' : 'dossier.days_to_nomination', { days: d.days_to_nomination }) : '')
				: t('dossier.not_yet')}</dd>
			<dt>${t('dossier.jim')}</dt><dd class="user-text">${d.jim ? d.jim.name + (d.jim.relation ? ' (' + d.jim.relation + ')' : '')
				: t('dossier.no_jim')}</dd>
		</dl>
		<${YouthAccount} d=${d} id=${id} user=${user} reloadDossier=${reloadDossier} />
		<${RightsRequest} id=${id} />
		<${ChangeForm} d=${d} id=${id} onDone=${() => Promise.all([reloadDossier(), reloadHistory()])} />
		<h3 id="history-title">${t('history.title')}</h3>
		<${ListStatus} state=${history} emptyKey="history.empty" />
		${history.items.length ? html`<${TableWrap} labelId="history-title">
			<table class="data stack" id="history-table">
				<thead><tr><th scope="col">${t('history.effective_on')}</th><th scope="col">${t('history.field')}</th>
					<th scope="col">${t('history.value')}</th><th scope="col">${t('history.reason')}</th>
					<th scope="col">${t('history.changed_by')}</th></tr></thead>
				<tbody>${history.items.map((h, i) => html`<tr key=${i}>
					<td class="nowrap" data-label=${t('history.effective_on')}>${formatDate(h.effective_on)}</td>
					<td data-label=${t('history.field')}>${tOr('field.' + h.field, h.field)}</td>
					<td class="user-text" data-label=${t('history.value')}>${valueText(h.field, h.value)}</td>
					<td class=${h.cause ? '' : 'user-text'} data-label=${t('history.reason')}>${historyReason(h)}</td>
					<td data-label=${t('history.changed_by')}>${h.changed_by && h.changed_by.display_name
						? html`<span class="user-text">${h.changed_by.display_name}</span>`
						: html`<span class="muted">${t('history.by_kring')}</span>`}<br />
						<span class="muted">${formatTime(h.changed_at)}</span></td></tr>`)}
				</tbody>
			</table><//>` : null}`;
}

// What comes next, first on the overview of a running trajectory: the next
// meeting (not called off), the next evaluation (a warning once its day has
// passed) and, without a JIM, the way to the JIM search; each with a link
// to where it is handled, so that the day's work starts here. A closed
// trajectory has nothing coming, and its plan and meetings are not read
// (each read is in the young person's access log).
function ComingUp({ d, id }) {
	return d.phase === 'closed' ? null : html`<${ComingUpCard} d=${d} id=${id} />`;
}

function ComingUpCard({ d, id }) {
	const [meetings] = useList(base(id) + '/meetings');
	const [plan] = useData(base(id) + '/plan');
	const tab = (x) => '#/youths/' + id + '/' + x;
	const now = new Date().toISOString();
	const next = meetings.items.find((m) => !m.cancelled && m.ends_at >= now);
	const due = plan.data && plan.data.next_evaluation_due;
	const late = !!due && due < today();
	const meeting = meetings.err ? null : meetings.loading && !meetings.items.length ? t('common.loading')
		: next ? html`${t('overview.next_meeting')} <a href=${'#/meetings/' + next.id} id="coming-up-meeting-link">${formatTimeRange(
			next.starts_at, next.ends_at)}</a> (${tOr('meeting_kind.' + next.kind, next.kind)})`
		: html`${t('overview.no_meeting')} <a href=${tab('meetings')}>${t('overview.plan_meeting')}</a>`;
	const evaluation = plan.err ? null : !plan.data ? t('common.loading')
		: html`${due ? t(late ? 'plan.evaluation_overdue' : 'plan.next_evaluation', { date: formatDate(due) })
			: t('plan.no_next_evaluation')} <a href=${tab('plan')}>${t('overview.to_plan')}</a>`;
	return html`<section class="card" id="coming-up" aria-labelledby="coming-up-title">
		<h3 id="coming-up-title">${t('overview.coming_up')}</h3>
		${meeting ? html`<p id="coming-up-meeting">${meeting}</p>` : null}
		${evaluation ? html`<p id="coming-up-evaluation" class=${late ? 'notice notice-warning' : undefined}>${evaluation}</p>` : null}
		${d.jim ? null : html`<p id="coming-up-jim">${t('jim.none')} <a href=${tab('jim')}>${t('overview.to_jim')}</a></p>`}
	</section>`;
}

// Closing the trajectory cannot be taken back (a closed dossier keeps its
// phase): the form asks once more, naming the young person, before it is
// sent; what happened is said with the focus on it (the form's button is
// of no use any more then).
function ChangeForm({ d, id, onDone }) {
	const [form, setForm] = useState({ field: 'phase', value: '', end_reason: '', effective_on: today(), change_reason: '' });
	const [asking, setAsking] = useState(false);
	// A change chosen or a reason typed is a change of the dossier as it was
	// then: a colleague's change since (the page fetched anew) is a conflict.
	const { loaded, adopt, saved } = useLoaded(d, () => !form.value && !form.end_reason && !form.change_reason.trim(), () => {});
	const c = useCreate();
	const closed = useDone();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => {
		setAsking(false);
		setForm((f) => ({ ...f, [k]: v }));
	};
	// The current value is no choice: choosing it would change nothing (and
	// keep nothing of the reason typed).
	const current = d[form.field];
	const closing = form.field === 'phase' && form.value === 'closed';
	const values = (form.field === 'legal_frame' ? opts(LEGAL_FRAMES, 'legal_frame.')
		: form.field === 'living_situation' ? opts(LIVING_SITUATIONS, 'living.') : opts(PHASES, 'phase.'))
		.filter((o) => o.value !== current);

	async function send(setOk) {
		const body = { [form.field]: form.value || null, change_reason: form.change_reason.trim() };
		if (form.effective_on) body.effective_on = form.effective_on;
		if (closing) body.end_reason = form.end_reason || null;
		saved(await patch(base(id), body, tagOf(loaded)));
		await onDone();
		setAsking(false);
		if (closing) closed.say(t('change.closed_done', { name: fullName(d) }));
		else setOk(t('change.done', { field: t('field.' + form.field), value: valueText(form.field, form.value) }));
		setForm((f) => ({ ...f, value: '', end_reason: '', change_reason: '' }));
	}

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			if (!form.value) throw fieldError(form.field);
			if (form.value === current) {
				setOk(t('change.unchanged', { value: valueText(form.field, current) }));
				return;
			}
			if (!closing) {
				await send(setOk);
				return;
			}
			const missing = [!form.end_reason && 'end_reason', !form.change_reason.trim() && 'change_reason'].filter(Boolean);
			if (missing.length) throw fieldErrors(missing);
			closed.clear();
			setAsking(true);
		});
	}

	return html`<details class="card disclosure" id="change-form">
		<summary><span class="h2-like">${t('change.title')}</span></summary>
		<p>${t('change.intro')}</p>
		<${FormMessage} c=${c} id="change-message" />
		<${EditConflict} c=${c} id="change-reload" onReload=${() => { adopt(); return onDone(); }} focusId="ch-submit" />
		<${DoneMessage} done=${closed} id="change-closed-message" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${SelectField} id="ch-field" name="field" label=${t('change.field')} value=${form.field}
				onValue=${(v) => { setAsking(false); setForm((f) => ({ ...f, field: v, value: '' })); }}
				options=${[{ value: 'phase', label: t('dossier.phase') }, { value: 'legal_frame', label: t('dossier.legal_frame') },
					{ value: 'living_situation', label: t('dossier.living_situation') }]} />
			<${SelectField} id="ch-value" name=${form.field} label=${t('change.value')} value=${form.value}
				hint=${t('change.current', { value: valueText(form.field, current) })}
				onValue=${set('value')} err=${c.err} options=${withChoose(values)} />
			${closing ? html`<${SelectField} id="ch-end-reason" name="end_reason"
				label=${t('dossier.end_reason')} value=${form.end_reason} onValue=${set('end_reason')} err=${c.err}
				options=${withChoose(opts(END_REASONS, 'end_reason.'))} />` : null}
			<${Field} id="ch-effective-on" name="effective_on" type="date" label=${t('change.effective_on')}
				hint=${t('change.effective_on_hint')} value=${form.effective_on} onValue=${set('effective_on')} max=${today()} err=${c.err} />
			<${TextArea} id="ch-reason" name="change_reason" label=${t('change.reason')} hint=${t('change.reason_hint')}
				value=${form.change_reason} onValue=${set('change_reason')} maxlength="500" err=${c.err} required />
			<${Button} type="submit" class="primary" id="ch-submit" busy=${c.busy}
				disabled=${d.phase === 'closed' && form.field === 'phase'}>${t('change.submit')}<//>
		</form>
		${asking && closing ? html`<${Confirm} id="ch-close" question=${t('change.close_sure', { name: fullName(d) })}
			yes=${t('change.close_yes')} busy=${c.busy} onYes=${() => c.run(send)}
			onNo=${() => setAsking(false)} returnTo="ch-submit" danger />` : null}
	</details>`;
}

// A request of the young person or a parent that reached the team (to see
// the file, correct it, add a statement, destroy it): registered here, it
// goes to the privacy officer with its deadline.
function RightsRequest({ id }) {
	const [adding, setAdding] = useState(false);
	const done = useDone();
	return html`<div class="card" id="rights-request">
		<h3>${t('requests.team_title')}</h3>
		<${DoneMessage} done=${done} id="rights-request-message" />
		${adding ? html`<${NewRequestForm} youthId=${id} onCancel=${() => { setAdding(false); focusLater('rights-request-open'); }}
			onCreated=${(r) => {
			setAdding(false);
			done.say(t('requests.created_team', { due: formatDate(r.due_on) }));
		}} />` : html`<p>${t('requests.team_intro')}</p>
			<p><button type="button" class="secondary" id="rights-request-open"
				onClick=${() => { done.clear(); setAdding(true); }}>${t('requests.new_button')}</button></p>`}
	</div>`;
}

// A new login link takes the focus once it shows, to be copied and handed
// over: the button or form that asked for it is gone or folded by then
// (the JIM's activation form leaves with the nomination it activated).
function useFocusOnLink(invite, linkId) {
	useEffect(() => {
		const link = invite && document.getElementById(linkId);
		if (link) link.focus();
	}, [invite]);
}

// NewLoginLink: "a new login link" for someone who lost their password or
// phone, behind a question that says the old password stops working; the
// new invitation goes to onInvite (an InviteBox shows it).
function NewLoginLink({ id, path, label, question, onInvite }) {
	const [asking, setAsking] = useState(false);
	const c = useCreate();
	function yes() {
		c.run(async () => {
			const answer = await post(path, {});
			setAsking(false);
			onInvite(invitationFrom(answer));
		});
	}
	return html`${asking ? html`<${Confirm} id=${id} question=${question} yes=${label} busy=${c.busy}
			onYes=${yes} onNo=${() => setAsking(false)} returnTo=${id + '-open'} />`
		: html`<p><button type="button" class="secondary" id=${id + '-open'}
			onClick=${() => { c.clear(); setAsking(true); }}>${label}</button></p>`}
		${c.err ? html`<p class="field-error" role="alert" id=${id + '-error'}>${errorText(c.err)}</p>` : null}`;
}

function YouthAccount({ d, id, user, reloadDossier }) {
	const [open, setOpen] = useState(false);
	const [username, setUsername] = useState('');
	const [invite, setInvite] = useState(null);
	const c = useCreate();
	const formRef = useFocusError(c.err);
	useFocusOnLink(invite, 'youth-invitation-link');

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const u = await post(base(id) + '/account', { username: username.trim() });
			setInvite(invitationFrom(u));
			setOk(t('account.created', { username: u.username }));
			setOpen(false);
			setUsername('');
			await reloadDossier();
		});
	}

	return html`<div class="card" id="youth-account">
		<h3>${t('account.title')}</h3>
		<${FormMessage} c=${c} id="account-message" />
		<${InviteBox} invite=${invite} text=${d.user_id ? t('account.new_link_text') : t('account.invite_text')}
			id="youth-invitation-link" />
		${d.user_id ? html`<p>${t('account.has_login')}</p>
			${user.role === 'professional' ? html`<${NewLoginLink} id="youth-relogin" path=${base(id) + '/account/invitation'}
				label=${t('account.new_link')} question=${t('account.new_link_sure')}
				onInvite=${(i) => { c.clear(); setInvite(i); }} />` : null}`
		: user.role !== 'professional' ? html`<p>${t('account.no_login')}</p>`
		: !open ? html`<p>${t('account.no_login')}</p>
			<button type="button" class="secondary" id="account-open"
				onClick=${() => setOpen(true)}>${t('account.create')}</button>`
		: html`<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="account-username" name="username" label=${t('user.username')} hint=${t('user.username_hint')}
				value=${username} onValue=${setUsername} maxlength="64" autocomplete="off" autocapitalize="none"
				spellcheck=${false} err=${c.err} required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('account.submit')}<//>
			<button type="button" class="link-button" onClick=${() => setOpen(false)}>${t('common.cancel')}</button>
		</form>`}
	</div>`;
}

// ---- Network ----------------------------------------------------------------

// The network tab: the people of the network now, the form to add one, and
// (folded away at the bottom) the people taken out of it, with their
// history. Those are nobody's network any more: only this tab fetches them.
function NetworkTab({ id, reloadDossier }) {
	const [list, reloadList] = useList(base(id) + '/network');
	const [former, reloadFormer] = useList(base(id) + '/network?removed=true');
	const [form, setForm] = useState({ name: '', relation: '', contact: '', has_custody: false });
	// The member being changed or taken out: { mode: 'edit' | 'remove', m },
	// and why they are taken out (asked in the question, required).
	const [acting, setActing] = useState(null);
	const [why, setWhy] = useState('');
	// The members whose history is open (by id), and how often the list was
	// fetched again: an open history is fetched again with it.
	const [shown, setShown] = useState({});
	const [round, setRound] = useState(0);
	const c = useCreate();
	const gone = useCreate();
	const done = useDone();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const toggle = (memberId) => setShown((o) => ({ ...o, [memberId]: !o[memberId] }));
	async function reload() {
		await Promise.all([reloadList(), reloadFormer()]);
		setRound((n) => n + 1);
	}
	// The person being changed or taken out as the list shows them now: after
	// "Nieuwste versie laden", their newest version and tag.
	const actingM = acting && (list.items.find((x) => x.id === acting.m.id) || acting.m);

	// Each form says it is done once the list shows it: the list is fetched
	// first, then the message comes (and, saved or removed, takes the focus).
	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { name: form.name.trim(), relation: form.relation.trim(), has_custody: form.has_custody };
			if (form.contact.trim()) body.contact = form.contact.trim();
			const m = await post(base(id) + '/network', body);
			await reload();
			setForm({ name: '', relation: '', contact: '', has_custody: false });
			setOk(t('network.added', { name: m.name }));
			reloadDossier();
		});
	}
	function start(mode, m) {
		gone.clear();
		done.clear();
		setWhy('');
		setActing({ mode, m });
	}
	// "Annuleren" and "Nee": the focus goes back to the button that opened it.
	function close(returnTo) {
		setActing(null);
		if (returnTo) focusLater(returnTo);
	}
	async function saved(m) {
		await reload();
		setActing(null);
		done.say(t('network.saved', { name: m.name }));
		reloadDossier();
	}
	// Taken out: the message takes the focus. The reason refused (empty or
	// too long): it says so at the field, which takes the focus. Refused
	// otherwise (409, or 412 when someone changed the person since the list
	// was loaded): the question stays, with the message that says why, and
	// the focus on it.
	function remove() {
		const m = actingM;
		gone.run(async () => {
			try {
				await del('/api/v1/network-members/' + m.id, m.etag, { reason: why.trim() });
			} catch (err) {
				focusLater(err.field === 'reason' ? 'nw-remove-reason' : 'nw-remove-box');
				throw err;
			}
			await reload();
			setActing(null);
			done.say(t('network.removed', { name: m.name }));
			reloadDossier();
		});
	}

	return html`<p>${t('network.intro')}</p>
		<${ListStatus} state=${list} emptyKey="network.empty" />
		<${DoneMessage} done=${done} id="network-done" />
		${list.items.length ? html`<${TableWrap} labelId="tab-title">
			<table class="data" id="network-table">
				<thead><tr><th scope="col">${t('network.name')}</th><th scope="col">${t('network.relation')}</th>
					<th scope="col">${t('network.contact')}</th><th scope="col">${t('network.has_custody')}</th>
					<th scope="col">${t('network.actions')}</th></tr></thead>
				<tbody>${list.items.map((m) => html`<${Fragment} key=${m.id}><tr>
					<td class="user-text" id=${'nw-' + m.id + '-name'}>${m.name}</td><td class="user-text">${m.relation}</td>
					<td class="user-text">${m.contact || ''}</td><td>${yesNo(m.has_custody)}</td>
					<td><div class="button-row">
						<button type="button" class="secondary" id=${'nw-' + m.id + '-edit'} aria-describedby=${'nw-' + m.id + '-name'}
							onClick=${() => start('edit', m)}>${t('network.edit')}</button>
						<button type="button" class="secondary" id=${'nw-' + m.id + '-remove'} aria-describedby=${'nw-' + m.id + '-name'}
							onClick=${() => start('remove', m)}>${t('network.remove')}</button>
						<button type="button" class="secondary" id=${'nw-' + m.id + '-history-toggle'} aria-describedby=${'nw-' + m.id + '-name'}
							aria-expanded=${shown[m.id] ? 'true' : 'false'} aria-controls=${'nw-' + m.id + '-history'}
							onClick=${() => toggle(m.id)}>${t('network.history')}</button>
					</div></td></tr>
					${shown[m.id] ? html`<tr><td colspan="5"><${NetworkHistory} key=${round} m=${m} /></td></tr>` : null}<//>`)}
				</tbody>
			</table><//>` : null}
		${acting && acting.mode === 'edit' ? html`<${NetworkEdit} key=${acting.m.id} m=${actingM} onSaved=${saved}
			onReload=${reload} onCancel=${() => close('nw-' + acting.m.id + '-edit')} />` : null}
		${acting && acting.mode === 'remove' ? html`<${Confirm} id="nw-remove" className="card"
			question=${t('network.remove_sure', { name: actingM.name })} yes=${t('network.remove_yes')} danger busy=${gone.busy}
			onYes=${remove} onNo=${() => { gone.clear(); setActing(null); }} returnTo=${'nw-' + acting.m.id + '-remove'}>
			<p class="hint">${t('network.remove_hint')}</p>
			<${TextArea} id="nw-remove-reason" name="reason" label=${t('network.remove_reason')} hint=${t('network.remove_reason_hint')}
				value=${why} onValue=${setWhy} maxlength="500" err=${gone.err} errScope="network_remove" required />
			${gone.err && gone.err.field !== 'reason' ? html`<p class="field-error" role="alert" id="nw-remove-error">${errorText(gone.err)}</p>` : null}
			${gone.ok ? html`<p class="notice notice-ok" role="status" id="nw-remove-reloaded">${gone.ok}</p>` : null}
			<${EditConflict} c=${gone} id="nw-remove-reload" onReload=${reload} focusId="nw-remove-yes"
				reloadedText=${t('network.remove_reloaded')} />
		<//>` : null}
		<div class="card">
			<h3>${t('network.new')}</h3>
			<${FormMessage} c=${c} id="network-message" scope="person" />
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${Field} id="nw-name" name="name" label=${t('network.name')} value=${form.name} onValue=${set('name')}
					maxlength="100" autocomplete="off" err=${c.err} errScope="person" required />
				<${Field} id="nw-relation" name="relation" label=${t('network.relation')} hint=${t('network.relation_hint')}
					value=${form.relation} onValue=${set('relation')} maxlength="100" autocomplete="off" err=${c.err} required />
				<${Field} id="nw-contact" name="contact" label=${t('network.contact')} optional value=${form.contact}
					onValue=${set('contact')} maxlength="200" autocomplete="off" err=${c.err} />
				<${CheckField} id="nw-custody" name="has_custody" label=${t('network.has_custody_label')}
					hint=${t('network.has_custody_hint')} checked=${form.has_custody} onValue=${set('has_custody')} err=${c.err} />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('network.add')}<//>
			</form>
		</div>
		<${FormerNetwork} state=${former} shown=${shown} toggle=${toggle} round=${round} />`;
}

// FormerNetwork: the people taken out of the network, last first, under
// their own heading and folded away: who they were to the young person,
// when, by whom and why they were taken out, and their history. Nothing to show
// while there are none.
function FormerNetwork({ state, shown, toggle, round }) {
	if (!state.items.length) return null;
	return html`<section class="card" id="network-removed" aria-labelledby="network-removed-title">
		<h3 id="network-removed-title">${t('network.removed_title')}</h3>
		<p class="hint">${t('network.removed_hint')}</p>
		<details class="disclosure" id="network-removed-list">
			<summary>${t('network.removed_show', { count: state.items.length })}</summary>
			<ul class="plain-list">${state.items.map((m) => html`<li key=${m.id} id=${'nw-' + m.id}>
				<p><strong class="user-text" id=${'nw-' + m.id + '-name'}>${m.name}</strong> · <span class="user-text">${m.relation}</span></p>
				<p class="muted">${t('network.removed_line', {
					date: formatDate(amsterdamDay(new Date(m.removed_at)), true),
					by: (m.removed_by && m.removed_by.display_name) || t('common.unknown'),
				})}</p>
				${m.removed_reason ? html`<p class="user-text" id=${'nw-' + m.id + '-reason'}>${t('network.removed_reason', { reason: m.removed_reason })}</p>` : null}
				<p><button type="button" class="secondary" id=${'nw-' + m.id + '-history-toggle'} aria-describedby=${'nw-' + m.id + '-name'}
					aria-expanded=${shown[m.id] ? 'true' : 'false'} aria-controls=${'nw-' + m.id + '-history'}
					onClick=${() => toggle(m.id)}>${t('network.history')}</button></p>
				${shown[m.id] ? html`<${NetworkHistory} key=${round} m=${m} />` : null}
			</li>`)}</ul>
		</details>
	</section>`;
}

// Words for a stored value of a network member's field (has_custody is kept
// as "true" or "false").
const memberValue = (field, v) => (field === 'has_custody' ? yesNo(v === 'true') : v);

// One correction in plain words: "Relatie: 'tante' werd 'oma' — reden: …,
// door Anna op 3 maart 2026"; a contact added or taken away says so.
function changeText(x) {
	const field = t('network.' + x.field);
	const from = x.old_value == null ? null : memberValue(x.field, x.old_value);
	const to = x.new_value == null ? null : memberValue(x.field, x.new_value);
	const what = from == null ? t('network.change_added', { field, to })
		: to == null ? t('network.change_cleared', { field, from })
			: t('network.change_from_to', { field, from, to });
	return t('network.change_line', {
		what, reason: x.reason,
		by: (x.changed_by && x.changed_by.display_name) || t('common.unknown'),
		date: formatDate(amsterdamDay(new Date(x.changed_at)), true),
	});
}

// The removal of a person taken out of the network, in the words of the
// list of those people: when, by whom and why.
function removalText(removed) {
	const line = t('network.removed_line', {
		date: formatDate(amsterdamDay(new Date(removed.at)), true),
		by: (removed.by && removed.by.display_name) || t('common.unknown'),
	});
	return removed.reason ? line + '. ' + t('network.removed_reason', { reason: removed.reason }) : line;
}

// NetworkHistory shows the history of one person of the network, newest
// first: their removal when they were taken out, then their corrections;
// or that there are none; the region the "Geschiedenis" button opens.
function NetworkHistory({ m }) {
	const [st] = useData('/api/v1/network-members/' + m.id + '/changes');
	const items = st.data ? st.data.items : [];
	const removed = st.data && st.data.removed;
	return html`<div id=${'nw-' + m.id + '-history'} class="network-history" role="region"
		aria-label=${t('network.history_title', { name: m.name })}>
		<${DataStatus} state=${st} />
		${st.data && !items.length && !removed ? html`<p>${t('network.history_empty', { name: m.name })}</p>` : null}
		${items.length || removed ? html`<ul class="plain-list user-text">
			${removed ? html`<li key="removed" id=${'nw-' + m.id + '-history-removed'}>${removalText(removed)}</li>` : null}
			${items.map((x, i) => html`<li key=${i}>${changeText(x)}</li>`)}</ul>` : null}
	</div>`;
}

const memberForm = (m) => ({ name: m.name, relation: m.relation, contact: m.contact || '', has_custody: !!m.has_custody, change_reason: '' });

// NetworkEdit corrects one person of the network: the fields of adding and
// the reason, which is kept with each changed value. The name field takes
// the focus when it opens; saved, onSaved(member) says so. m is the person
// as the list shows them now; the form keeps the version it was filled
// from (useLoaded), whose etag goes with the change: when someone else
// changed them since (412), onReload() fetches the list again while what
// was typed stays.
function NetworkEdit({ m, onSaved, onReload, onCancel }) {
	const [form, setForm] = useState(() => memberForm(m));
	const { loaded, adopt } = useLoaded(m, (x) => JSON.stringify(memberForm(x)) === JSON.stringify(form),
		(x) => setForm(memberForm(x)));
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	useLayoutEffect(() => {
		const el = document.getElementById('nw-edit-name');
		if (el) el.focus();
	}, []);

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!form.change_reason.trim()) throw fieldError('change_reason');
			const body = { name: form.name.trim(), relation: form.relation.trim(), contact: form.contact.trim() || null,
				has_custody: form.has_custody, change_reason: form.change_reason.trim() };
			const saved = await patch('/api/v1/network-members/' + m.id, body, tagOf(loaded));
			await onSaved(saved);
		});
	}
	function onKeyDown(e) {
		if (e.key !== 'Escape') return;
		e.preventDefault();
		onCancel();
	}

	return html`<div class="card" id="network-edit">
		<h3 id="nw-edit-title">${t('network.edit_title', { name: m.name })}</h3>
		<${FormMessage} c=${c} id="nw-edit-message" scope="person" />
		<${EditConflict} c=${c} id="nw-edit-reload" onReload=${() => { adopt(); return onReload(); }} focusId="nw-edit-save" />
		<form onSubmit=${submit} novalidate ref=${formRef} onKeyDown=${onKeyDown} aria-labelledby="nw-edit-title">
			<${Field} id="nw-edit-name" name="name" label=${t('network.name')} value=${form.name} onValue=${set('name')}
				maxlength="100" autocomplete="off" err=${c.err} errScope="person" required />
			<${Field} id="nw-edit-relation" name="relation" label=${t('network.relation')} hint=${t('network.relation_hint')}
				value=${form.relation} onValue=${set('relation')} maxlength="100" autocomplete="off" err=${c.err} required />
			<${Field} id="nw-edit-contact" name="contact" label=${t('network.contact')} optional value=${form.contact}
				onValue=${set('contact')} maxlength="200" autocomplete="off" err=${c.err} />
			<${CheckField} id="nw-edit-custody" name="has_custody" label=${t('network.has_custody_label')}
				hint=${t('network.has_custody_hint')} checked=${form.has_custody} onValue=${set('has_custody')} err=${c.err} />
			<${TextArea} id="nw-edit-reason" name="change_reason" label=${t('change.reason')} hint=${t('network.reason_hint')}
				value=${form.change_reason} onValue=${set('change_reason')} maxlength="500" err=${c.err} required />
			<div class="button-row">
				<${Button} type="submit" class="primary" id="nw-edit-save" busy=${c.busy}>${t('network.save')}<//>
				<button type="button" class="secondary" id="nw-edit-cancel" onClick=${onCancel}>${t('common.cancel')}</button>
			</div>
		</form>
	</div>`;
}

// ---- JIM --------------------------------------------------------------------

function JimTab({ d, id, user, reloadDossier }) {
	const [noms, reload] = useList(base(id) + '/nominations');
	const [network] = useList(base(id) + '/network');
	const [invite, setInvite] = useState(null);
	useFocusOnLink(invite, 'jim-invitation-link');
	const custody = network.items.filter((m) => m.has_custody);
	// Ending the JIM takes the JIM's card and its form away: what happened
	// is said here, with the focus on it.
	const ended = useDone();
	const reloadAll = async () => {
		await reload();
		await reloadDossier();
	};

	return html`
		<${InviteBox} invite=${invite} text=${invite && invite.again ? t('jim.new_link_text') : t('jim.invite_text')}
			id="jim-invitation-link" />
		<${DoneMessage} done=${ended} id="jim-end-message" />
		<${CurrentJim} d=${d} onDone=${reloadAll} onEnded=${ended.say} onInvite=${(i) => setInvite(i && { ...i, again: true })} />
		<h3 id="nominations-title">${t('nom.title')}</h3>
		<p>${t('nom.intro')}</p>
		<${ListStatus} state=${noms} emptyKey="nom.empty" />
		${noms.items.length ? html`<ol class="cards" aria-labelledby="nominations-title" id="nominations">
			${noms.items.map((n) => html`<${Nomination} key=${n.id} n=${n} d=${d} user=${user} custody=${custody}
				onDone=${reloadAll} onInvite=${setInvite} />`)}
		</ol>` : null}
		<${NewNomination} id=${id} onDone=${reloadAll} />`;
}

// The current JIM, with a new login link and the form to end the JIM.
// Ending disables the JIM's account and sends the phase back to the JIM
// search: the form asks once more, naming the JIM, before it is sent.
function CurrentJim({ d, onDone, onEnded, onInvite }) {
	const [form, setForm] = useState({ reason: '', ended_on: today(), note: '' });
	const [asking, setAsking] = useState(false);
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => {
		setAsking(false);
		setForm((f) => ({ ...f, [k]: v }));
	};
	if (!d.jim) return html`<p class="notice notice-info" id="current-jim">${t('jim.none')}</p>`;
	const jim = d.jim;

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!form.reason) throw fieldError('reason');
			setAsking(true);
		});
	}
	function end() {
		c.run(async () => {
			const body = { reason: form.reason || null };
			if (form.ended_on) body.ended_on = form.ended_on;
			if (form.note.trim()) body.note = form.note.trim();
			await post('/api/v1/jims/' + jim.id + '/end', body);
			await onDone();
			setAsking(false);
			onEnded(t('jim.ended', { name: jim.name }));
		});
	}

	return html`<div class="card" id="current-jim">
		<h3>${t('jim.current')}</h3>
		<p class="user-text"><strong>${jim.name}</strong>${jim.relation ? ' (' + jim.relation + ')' : ''}</p>
		<p>${t('jim.since', { date: formatDate(jim.started_on) })}</p>
		<${NewLoginLink} id="jim-relogin" path=${'/api/v1/jims/' + jim.id + '/invitation'} label=${t('jim.new_link')}
			question=${t('jim.new_link_sure', { name: jim.name })} onInvite=${onInvite} />
		<${FormMessage} c=${c} id="jim-end-error" scope="jim_end" />
		<details class="disclosure" id="jim-end">
			<summary>${t('jim.end')}</summary>
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${SelectField} id="jim-end-reason" name="reason" label=${t('jim.end_reason')} value=${form.reason}
					onValue=${set('reason')} err=${c.err} errScope="jim_end" options=${withChoose(opts(JIM_END_REASONS, 'jim_end.'))} />
				<${Field} id="jim-ended-on" name="ended_on" type="date" label=${t('jim.ended_on')} value=${form.ended_on}
					onValue=${set('ended_on')} max=${today()} err=${c.err} />
				<${TextArea} id="jim-end-note" name="note" label=${t('common.note')} optional value=${form.note}
					onValue=${set('note')} maxlength="2000" err=${c.err} />
				<p class="hint">${t('jim.end_hint')}</p>
				<${Button} type="submit" class="primary danger" id="jim-end-submit" busy=${c.busy}>${t('jim.end_submit')}<//>
			</form>
			${asking ? html`<${Confirm} id="jim-end-confirm" question=${t('jim.end_sure', { name: jim.name })}
				yes=${t('jim.end_yes')} busy=${c.busy} onYes=${end} onNo=${() => setAsking(false)}
				returnTo="jim-end-submit" danger />` : null}
		</details>
	</div>`;
}

function NewNomination({ id, onDone }) {
	const [form, setForm] = useState({ name: '', relation: '', contact: '', note: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { name: form.name.trim(), relation: form.relation.trim() };
			if (form.contact.trim()) body.contact = form.contact.trim();
			if (form.note.trim()) body.note = form.note.trim();
			const n = await post(base(id) + '/nominations', body);
			setOk(t('nom.added', { name: n.name }));
			setForm({ name: '', relation: '', contact: '', note: '' });
			await onDone();
		});
	}

	return html`<div class="card">
		<h3>${t('nom.new')}</h3>
		<p class="hint">${t('nom.new_hint')}</p>
		<${FormMessage} c=${c} id="nomination-message" scope="person" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="nom-name" name="name" label=${t('network.name')} value=${form.name} onValue=${set('name')}
				maxlength="100" autocomplete="off" err=${c.err} errScope="person" required />
			<${Field} id="nom-relation" name="relation" label=${t('network.relation')} hint=${t('nom.relation_hint')}
				value=${form.relation} onValue=${set('relation')} maxlength="100" autocomplete="off" err=${c.err} required />
			<${Field} id="nom-contact" name="contact" label=${t('network.contact')} optional value=${form.contact}
				onValue=${set('contact')} maxlength="200" autocomplete="off" err=${c.err} />
			<${TextArea} id="nom-note" name="note" label=${t('common.note')} optional value=${form.note} onValue=${set('note')}
				maxlength="2000" err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('nom.add')}<//>
		</form>
	</div>`;
}

function Nomination({ n, d, user, custody, onDone, onInvite }) {
	const p = 'n' + n.id + '-';
	const a = n.assessment;
	const assessor = a && a.assessed_by && typeof a.assessed_by === 'object' ? a.assessed_by.id : a && a.assessed_by;
	const assessedOwn = assessor != null && assessor === user.id; /* a second teamlead confirms a decline */
	const c = useCreate();
	const done = useDone();
	const agreements = n.parent_agreements || [];
	// the assessments before the latest, newest first: a decline sent back
	// stays visible with the teamlead's reason
	const earlier = (n.assessments || []).filter((x) => !a || x.id !== a.id).reverse();
	const canAgree = !['declined', 'ended'].includes(n.status);

	return html`<li class="card nomination" id=${'nomination-' + n.id}>
		<h4 class="user-text">${n.name}${n.relation ? html` <span class="muted">(${n.relation})</span>` : null}</h4>
		<p><span class=${'badge badge-' + String(n.status).replace(/[^a-z_]/g, '')} id=${p + 'status'}>${tOr('nom_status.' + n.status, n.status)}</span>
			${n.preference != null ? html` <span class="muted">${t('nom.preference', { n: n.preference })}</span>` : null}</p>
		${n.contact || n.note ? html`<dl class="facts">
			${n.contact ? html`<dt>${t('network.contact')}</dt><dd class="user-text">${n.contact}</dd>` : null}
			${n.note ? html`<dt>${t('common.note')}</dt><dd class="user-text">${n.note}</dd>` : null}
		</dl>` : null}
		${a ? html`<div class="assessment">
			<h5>${t('assess.done_title')}</h5>
			<${AssessmentFacts} a=${a} id=${p + 'latest'} />
			${earlier.length ? html`<details class="disclosure" id=${p + 'history'}>
				<summary>${t('assess.history', { n: earlier.length })}</summary>
				<ul class="assessment-history">${earlier.map((x) => html`<li key=${x.id}>
					<${AssessmentFacts} a=${x} id=${p + 'assessment-' + x.id} /></li>`)}</ul>
			</details>` : null}
		</div>` : null}
		<${FormMessage} c=${c} id=${p + 'message'} />
		<${DoneMessage} done=${done} id=${p + 'done'} />
		${n.status === 'decline_pending' ? html`<p class="notice notice-info">${t('nom.decline_pending_text')}</p>
			${user.role === 'teamlead' ? html`<${SecondLook} n=${n} own=${assessedOwn} c=${c} done=${done} onDone=${onDone} />` : null}` : null}
		${n.status === 'open' ? html`<${AssessmentForm} n=${n} onDone=${onDone} onSaved=${done.say} />` : null}
		${agreements.length || canAgree ? html`<div class="agreements">
			<h5>${t('agree.title')}</h5>
			${agreements.length ? html`<ul class="plain-list">${agreements.map((g) => html`<li key=${g.network_member_id} class="user-text">
				${g.name}: <strong>${tOr('agree.' + g.answer, g.answer)}</strong>
				${g.answered_on ? ' (' + formatDate(g.answered_on) + ')' : ''}</li>`)}</ul>` : html`<p>${t('agree.none')}</p>`}
			${canAgree ? (custody.length ? html`<${AgreementForm} n=${n} custody=${custody} onDone=${onDone} />`
				: html`<${NoCustody} youthId=${d.id} id=${p + 'to-network'} />`) : null}
		</div>` : null}
		${n.status === 'approved' ? (d.jim ? html`<p class="hint">${t('activate.has_jim')}</p>`
			: html`<${ActivateForm} n=${n} onDone=${onDone} onInvite=${onInvite} />`) : null}
	</li>`;
}

// No one with custody in the network yet: the way there, a link to the
// network tab (where a custody holder is added), instead of only saying so.
function NoCustody({ youthId, id }) {
	return html`<p class="hint">${t('agree.no_custody')} <a href=${'#/youths/' + youthId + '/network'} id=${id}>${t('agree.to_network')}</a></p>`;
}

const personName = (x) => (x && typeof x === 'object' && x.display_name) || t('common.unknown');

// AssessmentFacts: one assessment of a candidate: the decision, who made it
// and when, the lower bounds, the reason, and the second look on a decline
// (confirmed, or sent back by whom, when and why).
function AssessmentFacts({ a, id }) {
	return html`<div class="assessment-facts" id=${id}>
		<p>${t('assess.decision')}: <strong>${tOr('decision.' + a.decision, a.decision)}</strong></p>
		<p class="muted">${t('assess.by', { name: personName(a.assessed_by), time: a.assessed_at ? formatTime(a.assessed_at) : t('common.unknown') })}</p>
		<ul class="plain-list">${LOWER_BOUNDS.map((b) => html`<li key=${b}>${t('bound.' + b)}: <strong>${answerText(a[b])}</strong></li>`)}</ul>
		${a.reason ? html`<p class="user-text">${t('assess.reason')}: ${a.reason}</p>` : null}
		${a.decline_confirmed_at ? html`<p>${t('assess.decline_confirmed_by', {
			name: personName(a.decline_confirmed_by), time: formatTime(a.decline_confirmed_at) })}</p>` : null}
		${a.decline_returned_at ? html`<p class="returned">${t('assess.decline_returned_by', {
			name: personName(a.decline_returned_by), time: formatTime(a.decline_returned_at) })}</p>
			<p class="user-text">${t('assess.return_reason')}: ${a.decline_return_reason}</p>` : null}
	</div>`;
}

// The text after an assessment says what it led to (the form is gone then).
function assessedText(saved) {
	const status = saved && saved.status;
	const name = (saved && saved.name) || '';
	if (status === 'approved') return t('assess.saved_approved', { name });
	if (status === 'decline_pending') return t('assess.saved_decline_pending', { name });
	if (status === 'declined') return t('assess.saved_declined', { name });
	return t('assess.saved_discuss', { name });
}

// SecondLook: the teamlead's second look on a decline. Confirming makes it
// final (not for the teamlead who assessed it); disagreeing sends the
// candidate back to assessment with a short reason. Both ask once more
// before they are sent, with the focus on the question (Escape: no).
function SecondLook({ n, own, c, done, onDone }) {
	const p = 'n' + n.id + '-';
	const [mode, setMode] = useState(null); // null | 'confirm' | 'return' | 'return-sure'
	const [reason, setReason] = useState('');
	const back = (m) => () => { c.clear(); setMode(m); };

	function confirmDecline() {
		c.run(async () => {
			await post('/api/v1/nominations/' + n.id + '/confirm-decline', {});
			await onDone();
			setMode(null);
			done.say(t('nom.decline_confirmed'));
		});
	}
	function askReturn(e) {
		e.preventDefault();
		c.run(async () => {
			if (charCount(reason.trim()) < 10) throw fieldError('reason');
			setMode('return-sure');
		});
	}
	function returnDecline() {
		c.run(async () => {
			await post('/api/v1/nominations/' + n.id + '/return-decline', { reason: reason.trim() });
			await onDone();
			setMode(null);
			setReason('');
			done.say(t('nom.returned', { name: n.name }));
		});
	}

	if (mode === 'confirm') {
		return html`<${Confirm} id=${p + 'confirm-decline'} question=${t('nom.confirm_decline_sure', { name: n.name })}
			yes=${t('nom.confirm_decline_yes')} busy=${c.busy} onYes=${confirmDecline} onNo=${back(null)}
			returnTo=${p + 'confirm-decline'} danger />`;
	}
	if (mode === 'return-sure') {
		return html`<${Confirm} id=${p + 'return-decline'} question=${t('nom.return_sure', { name: n.name })}
			yes=${t('nom.return_yes')} busy=${c.busy} onYes=${returnDecline} onNo=${back('return')} returnTo=${p + 'return-next'} />`;
	}
	if (mode === 'return') {
		return html`<form class="card return-decline" onSubmit=${askReturn} novalidate id=${p + 'return-form'}>
			<${TextArea} id=${p + 'return-reason'} name="reason" label=${t('nom.return_reason')} hint=${t('nom.return_reason_hint')}
				value=${reason} onValue=${setReason} maxlength="1000" err=${c.err} errScope="second_look" required />
			<div class="button-row">
				<${Button} type="submit" class="primary" id=${p + 'return-next'} busy=${c.busy}>${t('nom.return_next')}<//>
				<button type="button" class="secondary" onClick=${back(null)}>${t('common.cancel')}</button>
			</div>
		</form>`;
	}
	return html`<div class="button-row">
		${own ? html`<p class="muted" id=${p + 'confirm-by-other'}>${t('nom.confirm_by_other')}</p>`
			: html`<${Button} class="primary danger" id=${p + 'confirm-decline'}
				onClick=${back('confirm')} busy=${c.busy}>${t('nom.confirm_decline')}<//>`}
		<${Button} class="secondary" id=${p + 'return-decline'} onClick=${back('return')}
			busy=${c.busy}>${t('nom.return')}<//>
	</div>`;
}

// A lower bound is answered yes, no or "not yet known" (null): only a
// decision to discuss may leave one open.
const ANSWERS = ['yes', 'no', 'unknown'];
const answerOf = (v) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
const answerText = (v) => t('answer.' + answerOf(v));

// A new assessment starts from the latest one (a discussion that left
// bounds open, a decline sent back): its answers, not a fresh "no".
function assessmentStart(a) {
	const form = { reason: '', decision: '' };
	for (const b of LOWER_BOUNDS) form[b] = a ? answerOf(a[b]) : 'unknown';
	return form;
}

// AnswerField: the error shown is this bound's (errorAt), also when one
// refusal names several.
function AnswerField({ id, name, label, value, onValue, err, errScope }) {
	const fe = errorAt(err, name);
	const invalid = !!fe;
	return html`<fieldset class="answer" id=${id} aria-describedby=${invalid ? id + '-error' : undefined}>
		<legend>${label}</legend>
		<div class="answer-options">${ANSWERS.map((v) => html`<div class="check" key=${v}>
			<input type="radio" id=${id + '-' + v} name=${id} value=${v} checked=${value === v}
				onChange=${() => onValue(v)} aria-invalid=${invalid ? 'true' : undefined} />
			<label for=${id + '-' + v}>${t('answer.' + v)}</label>
		</div>`)}</div>
		${invalid ? html`<p class="field-error" id=${id + '-error'}>${errorText(fe, errScope)}</p>` : null}
	</fieldset>`;
}

function AssessmentForm({ n, onDone, onSaved }) {
	const p = 'n' + n.id + '-';
	const [form, setForm] = useState(() => assessmentStart(n.assessment));
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			// every bound still unknown is marked, the focus on the first
			const open = LOWER_BOUNDS.filter((b) => form[b] === 'unknown');
			if (open.length && (form.decision === 'approve' || form.decision === 'decline')) {
				const err = fieldErrors(open);
				err.code = 'bound_unknown';
				throw err;
			}
			const body = { decision: form.decision || null };
			for (const b of LOWER_BOUNDS) body[b] = form[b] === 'unknown' ? null : form[b] === 'yes';
			if (form.reason.trim()) body.reason = form.reason.trim();
			const saved = await post('/api/v1/nominations/' + n.id + '/assessment', body);
			// The form is gone once the nomination is no longer open: the
			// nomination says what happened, with the focus on it.
			await onDone();
			onSaved(assessedText(saved));
		});
	}

	return html`<details class="disclosure assessment-form" open>
		<summary>${t('assess.title')}</summary>
		<p class="hint">${t('assess.rules')}</p>
		${n.assessment ? html`<p class="hint" id=${p + 'assess-prefilled'}>${t('assess.prefilled')}</p>` : null}
		<${FormMessage} c=${c} id=${p + 'assess-message'} scope="assess" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<fieldset class="checks">
				<legend>${t('assess.bounds')}</legend>
				<p class="hint">${t('assess.bounds_hint')}</p>
				${LOWER_BOUNDS.map((b) => html`<${AnswerField} key=${b} id=${p + b} name=${b} label=${t('bound.' + b)}
					value=${form[b]} onValue=${set(b)} err=${c.err} errScope="assess" />`)}
			</fieldset>
			<${SelectField} id=${p + 'decision'} name="decision" label=${t('assess.decision')} value=${form.decision}
				onValue=${set('decision')} err=${c.err} errScope="assess" options=${withChoose(opts(DECISIONS, 'decision.'))} />
			<${TextArea} id=${p + 'reason'} name="reason" label=${t('assess.reason')} hint=${t('assess.reason_hint')}
				value=${form.reason} onValue=${set('reason')} maxlength="2000" err=${c.err} errScope="assess" />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('assess.submit')}<//>
		</form>
	</details>`;
}

function AgreementForm({ n, custody, onDone }) {
	const p = 'n' + n.id + '-';
	const [form, setForm] = useState({ network_member_id: '', answer: '', answered_on: today() });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const member = form.network_member_id || String(custody[0].id);

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { network_member_id: parseInt(member, 10), answer: form.answer || null };
			if (form.answered_on) body.answered_on = form.answered_on;
			await post('/api/v1/nominations/' + n.id + '/parent-agreements', body);
			setOk(t('agree.saved'));
			setForm((f) => ({ ...f, answer: '' }));
			await onDone();
		});
	}

	return html`<details class="disclosure">
		<summary>${t('agree.add')}</summary>
		<${FormMessage} c=${c} id=${p + 'agree-message'} />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${SelectField} id=${p + 'agree-member'} name="network_member_id" label=${t('agree.member')} value=${member}
				onValue=${set('network_member_id')} err=${c.err}
				options=${custody.map((m) => ({ value: String(m.id), label: m.name }))} />
			<${SelectField} id=${p + 'agree-answer'} name="answer" label=${t('agree.answer')} value=${form.answer}
				onValue=${set('answer')} err=${c.err} options=${withChoose(opts(AGREEMENT_ANSWERS, 'agree.'))} />
			<${Field} id=${p + 'agree-date'} name="answered_on" type="date" label=${t('agree.answered_on')}
				value=${form.answered_on} onValue=${set('answered_on')} err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('agree.submit')}<//>
		</form>
	</details>`;
}

function ActivateForm({ n, onDone, onInvite }) {
	const p = 'n' + n.id + '-';
	const [form, setForm] = useState({ username: '', started_on: today() });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const body = { username: form.username.trim() };
			if (form.started_on) body.started_on = form.started_on;
			const u = await post('/api/v1/nominations/' + n.id + '/activate', body);
			await onDone();
			onInvite(invitationFrom(u));
		});
	}

	return html`<div class="activate">
		<h5>${t('activate.title')}</h5>
		<p>${t('activate.intro')}</p>
		<${FormMessage} c=${c} id=${p + 'activate-message'} />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id=${p + 'username'} name="username" label=${t('activate.username')} hint=${t('user.username_hint')}
				value=${form.username} onValue=${set('username')} maxlength="64" autocomplete="off" autocapitalize="none"
				spellcheck=${false} err=${c.err} required />
			<${Field} id=${p + 'started-on'} name="started_on" type="date" label=${t('activate.started_on')}
				value=${form.started_on} onValue=${set('started_on')} err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('activate.submit')}<//>
		</form>
	</div>`;
}

// ---- Consent ------------------------------------------------------------------

function ConsentTab({ id }) {
	const [st, reload] = useData(base(id) + '/consents');
	const [network] = useList(base(id) + '/network');
	const custody = network.items.filter((m) => m.has_custody);
	const [asking, setAsking] = useState(null); // the consent whose withdrawal is being asked
	const done = useDone();
	const data = st.data;

	// "Nee" and Escape: Confirm puts the focus back on the button that asked.
	const closeAsking = () => setAsking(null);

	if (!data) return html`<${DataStatus} state=${st} />`;
	const items = data.items || [];
	const eff = data.effective || {};
	return html`
		<p class="notice notice-info" id="consent-rule">${data.age != null ? t('consent.age', { age: data.age }) + ' ' : ''}${tOr('consent_rule.' + data.rule, data.rule)}</p>
		<h3 id="consent-effective-title">${t('consent.effective')}</h3>
		<ul class="plain-list scope-list" id="consent-effective" aria-labelledby="consent-effective-title">
			${SCOPES.map((s) => html`<li key=${s}><span class=${eff[s] ? 'yes' : 'no'}>${eff[s] ? t('consent.on') : t('consent.off')}</span>
				${' '}${t('scope.' + s)}</li>`)}
		</ul>
		<h3 id="consent-list-title">${t('consent.list')}</h3>
		<${DoneMessage} done=${done} id="consent-withdraw-message" />
		${items.length ? html`<${TableWrap} labelId="consent-list-title">
			<table class="data" id="consent-table">
				<thead><tr><th scope="col">${t('consent.scope')}</th><th scope="col">${t('consent.given_by')}</th>
					<th scope="col">${t('consent.given_on')}</th><th scope="col">${t('consent.withdrawn_on')}</th></tr></thead>
				<tbody>${items.map((x) => html`<tr key=${x.id}>
					<td>${tOr('scope.' + x.scope, x.scope)}</td>
					<td class="user-text">${consentGiver(x)}</td>
					<td class="nowrap">${formatDate(x.given_on)}</td>
					<td>${x.withdrawn_on ? formatDate(x.withdrawn_on) : html`<button type="button" class="secondary small"
						id=${'consent-withdraw-' + x.id} aria-expanded=${asking && asking.id === x.id ? 'true' : 'false'}
						onClick=${() => { done.clear(); setAsking(x); }}>${t('consent.withdraw')}</button>`}</td></tr>`)}
				</tbody>
			</table><//>` : html`<p>${t('consent.empty')}</p>`}
		${asking ? html`<${WithdrawConsent} key=${asking.id} x=${asking} onNo=${closeAsking}
			onDone=${async (text) => { await reload(); setAsking(null); done.say(text); }} />` : null}
		<${NewConsent} id=${id} custody=${custody} onDone=${reload} />`;
}

const consentGiver = (x) => tOr('given_by.' + x.given_by, x.given_by) + (x.network_member_name ? ': ' + x.network_member_name : '');

// WithdrawConsent asks once more, with the day it ends (today unless said
// otherwise), before a consent is withdrawn: what the JIM may see changes
// at once. The focus moves to the question; Escape is "no".
function WithdrawConsent({ x, onNo, onDone }) {
	const [on, setOn] = useState(today());
	const c = useCreate();
	function submit() {
		c.run(async () => {
			if (!on) throw fieldError('withdrawn_on');
			await post('/api/v1/consents/' + x.id + '/withdraw', { withdrawn_on: on });
			await onDone(t('consent.withdrawn_ok', { scope: t('scope.' + x.scope) }));
		});
	}
	const scope = tOr('scope.' + x.scope, x.scope);
	return html`<${Confirm} id="consent-withdraw" className="card" question=${t('consent.withdraw_sure', { scope, who: consentGiver(x) })}
		yes=${t('consent.withdraw_yes')} no=${t('consent.withdraw_no')} busy=${c.busy} onYes=${submit} onNo=${onNo}
		returnTo=${'consent-withdraw-' + x.id} danger>
		<${FormMessage} c=${c} id="consent-withdraw-error" scope="consent" />
		<${Field} id="consent-withdrawn-on" name="withdrawn_on" type="date" label=${t('consent.withdrawn_on_label')}
			value=${on} onValue=${setOn} min=${x.given_on} max=${today()} err=${c.err} errScope="consent" required />
	<//>`;
}

function NewConsent({ id, custody, onDone }) {
	const [form, setForm] = useState({ scope: '', given_by: 'youth', network_member_id: '', given_on: today() });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const member = form.network_member_id || (custody[0] ? String(custody[0].id) : '');

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { scope: form.scope || null, given_by: form.given_by };
			if (form.given_by === 'custody_holder') body.network_member_id = parseInt(member, 10) || null;
			if (form.given_on) body.given_on = form.given_on;
			await post(base(id) + '/consents', body);
			setOk(t('consent.added', { scope: t('scope.' + form.scope) }));
			setForm((f) => ({ ...f, scope: '' }));
			await onDone();
		});
	}

	return html`<div class="card">
		<h3>${t('consent.new')}</h3>
		<${FormMessage} c=${c} id="consent-message" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${SelectField} id="cs-scope" name="scope" label=${t('consent.scope')} value=${form.scope} onValue=${set('scope')}
				err=${c.err} options=${withChoose(opts(SCOPES, 'scope.'))} />
			<${SelectField} id="cs-given-by" name="given_by" label=${t('consent.given_by')} value=${form.given_by}
				onValue=${set('given_by')} err=${c.err} options=${opts(GIVEN_BY, 'given_by.')} />
			${form.given_by === 'custody_holder' ? (custody.length ? html`<${SelectField} id="cs-member" name="network_member_id"
				label=${t('agree.member')} value=${member} onValue=${set('network_member_id')} err=${c.err}
				options=${custody.map((m) => ({ value: String(m.id), label: m.name }))} />`
				: html`<${NoCustody} youthId=${id} id="cs-to-network" />`) : null}
			<${Field} id="cs-given-on" name="given_on" type="date" label=${t('consent.given_on')} value=${form.given_on}
				onValue=${set('given_on')} err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('consent.submit')}<//>
		</form>
	</div>`;
}

// ---- Plan -------------------------------------------------------------------------

export function GoalViews({ goal }) {
	const views = goal.views || [];
	if (!views.length) return null;
	return html`<div class="views">
		<h5>${t('plan.views')}</h5>
		<ul class="plain-list">${views.map((v, i) => html`<li key=${i}><span class="muted">${tOr('author.' + v.author_kind, v.author_kind)},
			${' '}${formatDate(String(v.created_at || '').slice(0, 10))}:</span> <span class="user-text">${v.text}</span></li>`)}</ul>
	</div>`;
}

// When a goal was reached or stopped, in words ("" while it is worked on).
export function goalEnded(g) {
	return g.status === 'reached' || g.status === 'stopped'
		? t('plan.ended_' + g.status, { date: formatDate(g.ended_on) }) : '';
}

function PlanTab({ id }) {
	const [st, reload] = useData(base(id) + '/plan');
	// A goal that is reached or stopped moves to its own list: what happened
	// is said here, with the focus on it.
	const changed = useDone();
	// what was typed in a goal's edit form and not saved, by goal id (GoalChange)
	const drafts = useRef(new Map()).current;
	const data = st.data;
	if (!data) return html`<${DataStatus} state=${st} />`;
	const goals = data.goals || [];
	const current = goals.filter((g) => !goalEnded(g));
	const ended = goals.filter((g) => goalEnded(g));
	const evaluations = data.evaluations || [];
	const card = (g) => html`<li class="card" key=${g.id} id=${'goal-' + g.id}>
		<h4 class="user-text">${g.title}</h4>
		${goalEnded(g) ? html`<p class=${'goal-status goal-' + g.status}>${goalEnded(g)}</p>` : null}
		${g.description ? html`<p class="user-text">${g.description}</p>` : null}
		<p class="muted">${t('plan.author', { author: tOr('author.' + g.author_kind, g.author_kind) })}
			${g.agreed_on ? html` · <span class="goal-agreed">${t('plan.agreed', { date: formatDate(g.agreed_on) })}</span>` : ''}
			${g.latest_score != null ? ' · ' + t('plan.latest_score', { score: g.latest_score }) : ''}</p>
		<${GoalActions} goal=${g} onDone=${reload} />
		<${GoalViews} goal=${g} />
		<${GoalChange} goal=${g} onDone=${reload} say=${changed.say} drafts=${drafts} />
		${goalEnded(g) ? null : html`<${NewAction} goal=${g} onDone=${reload} />`}
	</li>`;
	return html`
		<${NextEvaluation} due=${data.next_evaluation_due} />
		<${DoneMessage} done=${changed} id="goal-changed" />
		<h3 id="goals-title">${t('plan.goals')}</h3>
		${current.length ? html`<ul class="cards" aria-labelledby="goals-title" id="goals">${current.map(card)}</ul>`
			: html`<p>${goals.length ? t('plan.no_current_goals') : t('plan.no_goals')}</p>`}
		${ended.length ? html`<details class="disclosure" id="ended-goals">
			<summary>${t('plan.ended_goals', { n: ended.length })}</summary>
			<ul class="cards">${ended.map(card)}</ul>
		</details>` : null}
		<${NewGoal} id=${id} onDone=${reload} />
		<h3 id="evaluations-title">${t('plan.evaluations')}</h3>
		${evaluations.length ? html`<ul class="cards" aria-labelledby="evaluations-title">
			${evaluations.map((ev) => html`<li class="card" key=${ev.id}>
				<h4>${t('plan.evaluation_on', { date: formatDate(ev.held_on) })}</h4>
				${(ev.participants || []).length ? html`<p class="user-text">${t('plan.participants')}: ${ev.participants.join(', ')}</p>` : null}
				<ul class="plain-list">${(ev.scores || []).map((s) => {
					const g = goals.find((x) => x.id === s.goal_id);
					return html`<li key=${s.goal_id} class="user-text">${g ? g.title : '#' + s.goal_id}: <strong>${s.score}</strong>
						${s.comment ? ' – ' + s.comment : ''}</li>`;
				})}</ul>
			</li>`)}
		</ul>` : html`<p>${t('plan.no_evaluations')}</p>`}
		${goals.length ? html`<${NewEvaluation} id=${id} goals=${goals} onDone=${reload} />` : null}`;
}

// The next evaluation: a warning in words once its date has passed.
function NextEvaluation({ due }) {
	if (!due) return html`<p class="notice notice-info" id="next-evaluation">${t('plan.no_next_evaluation')}</p>`;
	const late = due < today();
	return html`<p class=${'notice ' + (late ? 'notice-warning' : 'notice-info')} id="next-evaluation">${t(
		late ? 'plan.evaluation_overdue' : 'plan.next_evaluation', { date: formatDate(due) })}</p>`;
}

const goalForm = (g) => ({ title: g.title, description: g.description || '', agreed_on: g.agreed_on || '' });

// What can change about a goal after it was agreed: reached or stopped on a
// day (behind a question, with the day), taken up again, or its wording and
// the day it was agreed put right (folded away). `say` tells the plan what
// happened when the goal moves between the lists. A goal that moves is shown
// anew in the other list, so what was typed in its edit form and not saved
// is kept in `drafts` (the plan's, by goal id, with the version it was
// filled from): the form opens again with it there.
function GoalChange({ goal, onDone, say, drafts }) {
	const p = 'g' + goal.id + '-';
	const [kept] = useState(() => drafts.get(goal.id));
	const [asking, setAsking] = useState('');
	const [endedOn, setEndedOn] = useState(today());
	const [form, setForm] = useState(() => (kept ? kept.form : goalForm(goal)));
	const { loaded, adopt, saved } = useLoaded(goal, (x) => JSON.stringify(goalForm(x)) === JSON.stringify(form),
		(x) => setForm(goalForm(x)), kept ? kept.loaded : goal);
	const c = useCreate();
	const edit = useCreate();
	const formRef = useFocusError(edit.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	useEffect(() => {
		if (JSON.stringify(form) === JSON.stringify(goalForm(loaded))) drafts.delete(goal.id);
		else drafts.set(goal.id, { form, loaded });
	}, [form, loaded]);
	// A status change of one's own changes the goal's tag but not what the
	// form edits: the draft goes on from the goal as it is after it, so that
	// its save is no conflict with it.
	const change = (body, text) => c.run(async () => {
		const after = await patch('/api/v1/goals/' + goal.id, body, goal.etag);
		const draft = drafts.get(goal.id);
		if (draft && JSON.stringify(goalForm(after)) === JSON.stringify(goalForm(draft.loaded))) {
			drafts.set(goal.id, { form: draft.form, loaded: after });
			adopt();
		}
		await onDone();
		setAsking('');
		say(text);
	});
	function saveEdit(e) {
		e.preventDefault();
		edit.run(async (setOk) => {
			const body = { title: form.title.trim(), description: form.description.trim() || null };
			if (form.agreed_on) body.agreed_on = form.agreed_on;
			saved(await patch('/api/v1/goals/' + goal.id, body, tagOf(loaded)));
			setOk(t('plan.goal_saved', { title: body.title }));
			await onDone();
		});
	}
	const open = (kind) => () => {
		c.clear();
		setEndedOn(today());
		setAsking(kind);
	};
	return html`<div class="goal-change">
		${c.err && !asking ? html`<p class="field-error" role="alert" id=${p + 'status-error'}>${errorText(c.err, 'goal')}</p>` : null}
		${!asking ? html`<${EditConflict} c=${c} id=${p + 'status-reload'} onReload=${onDone} />` : null}
		${goalEnded(goal) ? html`<p><button type="button" class="secondary" id=${p + 'resume'}
				onClick=${() => change({ status: 'active' }, t('plan.goal_resumed', { title: goal.title }))}>${t('plan.resume')}</button></p>`
		: asking ? html`<${Confirm} id=${p + asking} question=${t('plan.end_sure_' + asking, { title: goal.title })}
				yes=${t('plan.end_' + asking)} busy=${c.busy} returnTo=${p + asking + '-open'} onNo=${() => setAsking('')}
				onYes=${() => change({ status: asking, ended_on: endedOn },
					t('plan.goal_ended_' + asking, { title: goal.title }))}>
				<${Field} id=${p + 'ended-on'} name="ended_on" type="date" label=${t('plan.ended_on')} value=${endedOn}
					onValue=${setEndedOn} max=${today()} err=${c.err} errScope="goal" required />
			<//>`
		: html`<div class="button-row">
				<button type="button" class="secondary" id=${p + 'reached-open'} onClick=${open('reached')}>${t('plan.end_reached')}</button>
				<button type="button" class="secondary" id=${p + 'stopped-open'} onClick=${open('stopped')}>${t('plan.end_stopped')}</button>
			</div>`}
		<details class="disclosure" id=${p + 'edit'} open=${!!kept}>
			<summary>${t('plan.edit_goal')}</summary>
			<${FormMessage} c=${edit} id=${p + 'edit-message'} scope="goal" />
			<${EditConflict} c=${edit} id=${p + 'edit-reload'} onReload=${() => { adopt(); return onDone(); }} focusId=${p + 'edit-save'} />
			<form onSubmit=${saveEdit} novalidate ref=${formRef}>
				<${Field} id=${p + 'edit-title'} name="title" label=${t('plan.goal_title')} value=${form.title} onValue=${set('title')}
					maxlength="200" autocomplete="off" err=${edit.err} required />
				<${TextArea} id=${p + 'edit-description'} name="description" label=${t('plan.description')} optional
					value=${form.description} onValue=${set('description')} maxlength="2000" err=${edit.err} />
				<${Field} id=${p + 'edit-agreed-on'} name="agreed_on" type="date" label=${t('plan.agreed_on')}
					value=${form.agreed_on} onValue=${set('agreed_on')} max=${today()} err=${edit.err} errScope="goal" />
				<${Button} type="submit" class="primary" id=${p + 'edit-save'} busy=${edit.busy}>${t('plan.save_goal')}<//>
			</form>
		</details>
	</div>`;
}

// A new goal, agreed today unless an earlier day is chosen (kept for the next
// goal, as whose goal it is: a team often enters several goals of one talk).
function NewGoal({ id, onDone }) {
	const [form, setForm] = useState({ title: '', description: '', author_kind: 'youth', agreed_on: today() });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { title: form.title.trim(), author_kind: form.author_kind };
			if (form.description.trim()) body.description = form.description.trim();
			if (form.agreed_on) body.agreed_on = form.agreed_on;
			await post(base(id) + '/goals', body);
			setOk(t('plan.goal_added', { title: body.title }));
			setForm({ title: '', description: '', author_kind: form.author_kind, agreed_on: form.agreed_on });
			await onDone();
		});
	}

	return html`<div class="card">
		<h3>${t('plan.new_goal')}</h3>
		<${FormMessage} c=${c} id="goal-message" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="goal-title" name="title" label=${t('plan.goal_title')} value=${form.title} onValue=${set('title')}
				maxlength="200" autocomplete="off" err=${c.err} required />
			<${TextArea} id="goal-description" name="description" label=${t('plan.description')} optional
				value=${form.description} onValue=${set('description')} maxlength="2000" err=${c.err} />
			<${SelectField} id="goal-author" name="author_kind" label=${t('plan.author_kind')} value=${form.author_kind}
				onValue=${set('author_kind')} err=${c.err} options=${opts(AUTHOR_KINDS, 'author.')} />
			<${Field} id="goal-agreed-on" name="agreed_on" type="date" label=${t('plan.agreed_on')} hint=${t('plan.agreed_on_hint')}
				value=${form.agreed_on} onValue=${set('agreed_on')} max=${today()} err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('plan.add_goal')}<//>
		</form>
	</div>`;
}

// Whose an action is (goal_actions.owner_kind): the young person and the
// JIM tick off their own; 'other' is someone else (sent as null).
const OWNER_KINDS = ['youth', 'jim'];

// Whether a name already says whose the action is: it holds the kind's word
// (plan.owner_kind_word: "JIM", "jongere") as a word of its own, as in
// "Ria (JIM)", typed before the plan said it by itself.
function namesKind(name, kind) {
	const word = t('plan.owner_kind_word.' + kind).toLocaleLowerCase();
	const words = String(name).toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u);
	return word.split(/\s+/).every((w) => words.includes(w));
}

// Who does an action: the name the plan shows, and whose it is when it is
// the young person's or the JIM's ("Sem (de jongere)"), once: a name that
// says it already ("Ria (JIM)") is shown as it is; the kind's word
// alone, in the reader's language, when no name was given (or the name is
// that word: the form stored it so on the day owner_kind came).
function ownerText(a) {
	if (!OWNER_KINDS.includes(a.owner_kind)) return a.owner;
	if (!a.owner) return t('plan.owner_kind.' + a.owner_kind);
	const kind = t('plan.owner_kind_short.' + a.owner_kind);
	return a.owner === t('plan.owner_kind.' + a.owner_kind) || namesKind(a.owner, a.owner_kind) ? a.owner
		: t('plan.owner_with_kind', { name: a.owner, kind });
}

// A goal's actions, each with its state in words and a toggle: "Klaar", or
// "Klaar op …" with "Toch niet klaar". The two take each other's place, and
// the action moves between the open and the done ones: the focus goes to
// the control that comes, for the same action, and the message says what
// happened. While the goal is worked on, "Wijzigen" opens an action's
// correction under it (one at a time); saved, the form closes once the plan
// is fetched again and the message takes the focus; cancelled, the focus
// goes back to "Wijzigen".
function GoalActions({ goal, onDone }) {
	const c = useCreate();
	const done = useDone();
	const [editing, setEditing] = useState(null);
	const actions = actionsInOrder(goal.actions);
	if (!actions.length) return null;
	const id = (a, what) => 'gaction-' + a.id + '-' + what;
	const open = !goalEnded(goal);
	function toggle(a, isDone) {
		done.clear();
		c.run(async (setOk) => {
			const path = '/api/v1/goal-actions/' + a.id + '/done';
			if (isDone) await post(path, {});
			else await del(path);
			setOk(t(isDone ? 'myactions.done_ok' : 'myactions.undone_ok'));
			await onDone();
			focusLater(id(a, isDone ? 'undo' : 'done'));
		});
	}
	function edit(a) {
		c.clear();
		done.clear();
		setEditing(a.id);
	}
	function cancel(a) {
		setEditing(null);
		focusLater(id(a, 'edit'));
	}
	async function saved(a) {
		await onDone();
		setEditing(null);
		done.say(t('plan.action_saved', { what: a.description }));
	}
	return html`<h5 id=${'g' + goal.id + '-actions-title'}>${t('plan.actions')}</h5>
		<${FormMessage} c=${c} id=${'g' + goal.id + '-actions-message'} />
		<${DoneMessage} done=${done} id=${'g' + goal.id + '-actions-done'} />
		<ul class="plain-list goal-actions" aria-labelledby=${'g' + goal.id + '-actions-title'}>${actions.map((a) => html`<li key=${a.id}
			id=${'gaction-' + a.id} class=${a.done_at ? 'action-done' : 'action-open'}>
			<span class="user-text" id=${id(a, 'what')}>${a.description}</span>
			<span class="muted user-text"> · ${ownerText(a)}${a.due_date ? ' · ' + t('plan.due', { date: formatDate(a.due_date) }) : ''}</span>
			${a.done_at ? html`<br /><span class="badge badge-approved">${a.done_by && a.done_by.display_name
				? t('plan.action_done_by', { time: formatTime(a.done_at), name: a.done_by.display_name })
				: t('myactions.done_at', { time: formatTime(a.done_at) })}</span>${' '}
				<${Button} type="button" class="link-button" id=${id(a, 'undo')} aria-describedby=${id(a, 'what')}
					onClick=${() => toggle(a, false)} busy=${c.busy}>${t('myactions.undo')}<//>`
			: html`<br /><${Button} type="button" class="secondary small" id=${id(a, 'done')} aria-describedby=${id(a, 'what')}
					onClick=${() => toggle(a, true)} busy=${c.busy}>${t('myactions.done')}<//>`}
			${open && editing !== a.id ? html`${' '}<button type="button" class="link-button" id=${id(a, 'edit')}
				aria-describedby=${id(a, 'what')} onClick=${() => edit(a)}>${t('plan.edit_action')}</button>` : null}
			${open && editing === a.id ? html`<${ActionEdit} a=${a} onSaved=${saved} onReload=${onDone}
				onCancel=${() => cancel(a)} />` : null}
		</li>`)}</ul>`;
}

// The fields of an action, the same when adding and correcting one: what,
// whose (the young person's, the JIM's or someone else's), who by name (for
// the young person or the JIM the name may stay empty: then the plan says
// "De jongere" or "De JIM") and by when. p starts each field's id.
function ActionFields({ p, form, set, err }) {
	const own = OWNER_KINDS.includes(form.owner_kind);
	return html`<${Field} id=${p + 'description'} name="description" label=${t('plan.action')} value=${form.description}
			onValue=${set('description')} maxlength="500" autocomplete="off" err=${err} required />
		<${SelectField} id=${p + 'owner-kind'} name="owner_kind" label=${t('plan.owner_kind')}
			hint=${t('plan.owner_kind_hint')} value=${form.owner_kind} onValue=${set('owner_kind')} err=${err}
			options=${opts([...OWNER_KINDS, 'other'], 'plan.owner_kind.')} />
		<${Field} id=${p + 'owner'} name="owner" label=${t(own ? 'plan.owner_name' : 'plan.owner')} optional=${own}
			hint=${t(own ? 'plan.owner_name_hint_' + form.owner_kind : 'plan.owner_hint')} value=${form.owner}
			onValue=${set('owner')} maxlength="100" autocomplete="off" err=${err} required=${!own} />
		<${Field} id=${p + 'due'} name="due_date" type="date" label=${t('plan.due_date')} optional
			value=${form.due_date} onValue=${set('due_date')} err=${err} />`;
}

// The form of ActionFields as the API takes it: owner_kind null for
// someone else's; a name left empty for the young person's or the JIM's
// action is no name (null), for someone else's it is sent and refused.
function actionBody(form) {
	const own = OWNER_KINDS.includes(form.owner_kind);
	return {
		description: form.description.trim(),
		owner_kind: own ? form.owner_kind : null,
		owner: form.owner.trim() || own ? form.owner.trim() || null : '',
		due_date: form.due_date || null,
	};
}

// A new action of a goal (ActionFields). Whose it is stays for the next
// action, as a team enters several at once.
function NewAction({ goal, onDone }) {
	const p = 'g' + goal.id + '-';
	const [form, setForm] = useState({ description: '', owner_kind: 'other', owner: '', due_date: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = actionBody(form);
			if (body.owner === null) delete body.owner;
			if (!body.due_date) delete body.due_date;
			await post('/api/v1/goals/' + goal.id + '/actions', body);
			setOk(t('plan.action_added'));
			setForm({ description: '', owner_kind: form.owner_kind, owner: '', due_date: '' });
			await onDone();
		});
	}

	return html`<details class="disclosure">
		<summary>${t('plan.new_action')}</summary>
		<${FormMessage} c=${c} id=${p + 'action-message'} />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${ActionFields} p=${p + 'action-'} form=${form} set=${set} err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('plan.add_action')}<//>
		</form>
	</details>`;
}

const actionForm = (a) => ({
	description: a.description,
	owner_kind: OWNER_KINDS.includes(a.owner_kind) ? a.owner_kind : 'other',
	owner: a.owner || '',
	due_date: a.due_date || '',
});

// ActionEdit corrects one action of the plan (ActionFields, filled in with
// what it says now); its first field takes the focus when it opens, Escape
// or "Annuleren" calls onCancel(). a is the action as the plan shows it now;
// the form keeps the version it was filled from (useLoaded), whose etag goes
// with the change: when someone else changed it since (412), onReload()
// fetches the plan again while what was typed stays.
// Saved, onSaved(action) is called. A form that changes nothing says so
// rather than sending it; one refused as its goal was reached or stopped
// meanwhile (409 goal_ended) says that the action can no longer be changed.
function ActionEdit({ a, onSaved, onReload, onCancel }) {
	const p = 'gaction-' + a.id + '-edit-';
	const [form, setForm] = useState(() => actionForm(a));
	const { loaded, adopt } = useLoaded(a, (x) => JSON.stringify(actionForm(x)) === JSON.stringify(form),
		(x) => setForm(actionForm(x)));
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	useLayoutEffect(() => {
		const el = document.getElementById(p + 'description');
		if (el) el.focus();
	}, []);

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const body = actionBody(form);
			const now = { description: loaded.description, owner_kind: loaded.owner_kind || null, owner: loaded.owner || null,
				due_date: loaded.due_date || null };
			const changed = Object.keys(body).some((k) => (body[k] || null) !== now[k]);
			if (!changed) throw unchangedError(t('plan.action_unchanged'));
			let saved;
			try {
				saved = await patch('/api/v1/goal-actions/' + a.id, body, tagOf(loaded));
			} catch (err) {
				// error.goal_ended speaks of adding an action
				if (err.code === 'goal_ended') err.text = t('plan.action_edit_goal_ended');
				throw err;
			}
			await onSaved(saved);
		});
	}
	function onKeyDown(e) {
		if (e.key !== 'Escape') return;
		e.preventDefault();
		onCancel();
	}

	return html`<div class="action-edit" id=${p + 'box'}>
		<h6 id=${p + 'title'}>${t('plan.edit_action_title')}</h6>
		<${FormMessage} c=${c} id=${p + 'message'} />
		<${EditConflict} c=${c} id=${p + 'reload'} onReload=${() => { adopt(); return onReload(); }} focusId=${p + 'save'} />
		<form onSubmit=${submit} novalidate ref=${formRef} onKeyDown=${onKeyDown} aria-labelledby=${p + 'title'}>
			<${ActionFields} p=${p} form=${form} set=${set} err=${c.err} />
			<div class="button-row">
				<${Button} type="submit" class="primary" id=${p + 'save'} busy=${c.busy}>${t('plan.save_action')}<//>
				<button type="button" class="secondary" id=${p + 'cancel'} onClick=${onCancel}>${t('common.cancel')}</button>
			</div>
		</form>
	</div>`;
}

// The names of an evaluation's participants, typed separated by commas, as
// the server takes them: 1 to PARTICIPANTS_MAX names of at most
// PARTICIPANT_CHARS characters each. Otherwise throws a field error on
// "participants" that says which rule (and which name) is broken.
const PARTICIPANTS_MAX = 20;
const PARTICIPANT_CHARS = 100;
function evaluationParticipants(text) {
	const names = text.split(',').map((x) => x.trim()).filter(Boolean);
	if (names.length < 1 || names.length > PARTICIPANTS_MAX) {
		throw fieldError('participants', t('validation.evaluation.participants_count', { count: names.length }));
	}
	const long = names.findIndex((x) => charCount(x) > PARTICIPANT_CHARS);
	if (long >= 0) {
		throw fieldError('participants', t('validation.evaluation.participant_long',
			{ n: long + 1, count: charCount(names[long]) }));
	}
	return names;
}

// An evaluation scores only the goals agreed on or before its day: the list
// follows the date field (no date yet: today, as the server takes it).
function NewEvaluation({ id, goals, onDone }) {
	const [form, setForm] = useState({ held_on: today(), participants: '' });
	const [scores, setScores] = useState({});
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const setScore = (gid, k) => (v) => setScores((s) => ({ ...s, [gid]: { ...(s[gid] || {}), [k]: v } }));
	const day = /^\d{4}-\d{2}-\d{2}$/.test(form.held_on) ? form.held_on : today();
	const endedBefore = (g) => g.ended_on && g.ended_on < day;
	const listed = goals.filter((g) => (!g.agreed_on || g.agreed_on <= day) && !endedBefore(g));
	const later = goals.filter((g) => g.agreed_on && g.agreed_on > day).length;
	const over = goals.filter(endedBefore).length;

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			// A comment needs a score: say so at the field rather than drop it.
			const unscored = listed.find((g) => scores[g.id] && !scores[g.id].score && (scores[g.id].comment || '').trim());
			if (unscored) {
				const err = fieldError('comment');
				err.goal = unscored.id;
				throw err;
			}
			const participants = evaluationParticipants(form.participants);
			const body = {
				held_on: form.held_on,
				participants,
				scores: listed.filter((g) => scores[g.id] && scores[g.id].score).map((g) => {
					const s = { goal_id: g.id, score: parseInt(scores[g.id].score, 10) };
					if ((scores[g.id].comment || '').trim()) s.comment = scores[g.id].comment.trim();
					return s;
				}),
			};
			await post(base(id) + '/evaluations', body).catch((error) => {
				// the server names a wrong name by its place: participants[i]
				const at = /^participants\[(\d+)\]$/.exec(error.field || '');
				throw at ? fieldError('participants', t('validation.evaluation.participant_n',
					{ n: Number(at[1]) + 1, name: participants[Number(at[1])] || '' })) : error;
			});
			setOk(t('plan.evaluation_added', { date: formatDate(body.held_on) }));
			setScores({});
			setForm({ held_on: today(), participants: '' });
			await onDone();
		});
	}

	const scoreOptions = [{ value: '', label: t('plan.no_score') },
		...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: String(n), label: String(n) }))];
	return html`<details class="card disclosure">
		<summary><span class="h2-like">${t('plan.new_evaluation')}</span></summary>
		<${FormMessage} c=${c} id="evaluation-message" scope="evaluation" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="ev-held-on" name="held_on" type="date" label=${t('plan.held_on')} value=${form.held_on}
				onValue=${set('held_on')} err=${c.err} required />
			<${Field} id="ev-participants" name="participants" label=${t('plan.participants')} hint=${t('plan.participants_hint')}
				value=${form.participants} onValue=${set('participants')} maxlength="2100" autocomplete="off" err=${c.err} />
			<p class="muted" id="ev-goals-note" aria-live="polite">${!listed.length ? t('plan.no_goals_agreed_yet')
				: later ? t(later === 1 ? 'plan.goals_agreed_later_one' : 'plan.goals_agreed_later', { n: later }) : ''}
				${listed.length && over ? ' ' + t(over === 1 ? 'plan.goals_ended_before_one' : 'plan.goals_ended_before', { n: over }) : ''}</p>
			${listed.map((g) => html`<fieldset class="score-set" key=${g.id}>
				<legend><span class="user-text">${g.title}</span>${g.agreed_on
					? html` <span class="muted">(${t('plan.agreed', { date: formatDate(g.agreed_on) })})</span>` : null}</legend>
				<${SelectField} id=${'ev-score-' + g.id} name="score" label=${t('plan.score')} value=${(scores[g.id] || {}).score || ''}
					onValue=${setScore(g.id, 'score')} options=${scoreOptions} />
				<${Field} id=${'ev-comment-' + g.id} name="comment" label=${t('plan.comment')} optional
					value=${(scores[g.id] || {}).comment || ''} onValue=${setScore(g.id, 'comment')} maxlength="2000" autocomplete="off"
					err=${c.err && c.err.goal === g.id ? c.err : null} errScope="evaluation" />
			</fieldset>`)}
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('plan.add_evaluation')}<//>
		</form>
	</details>`;
}

// ---- Journal ------------------------------------------------------------------------

function JournalTab({ id }) {
	const [list, reload] = useList(base(id) + '/journal');
	const [form, setForm] = useState({ occurred_on: today(), kind: 'contact', minutes: '', text: '', shared: false });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { occurred_on: form.occurred_on, kind: form.kind, text: form.text.trim(), shared: form.shared };
			if (String(form.minutes).trim()) body.minutes = /^\d+$/.test(form.minutes.trim()) ? parseInt(form.minutes, 10) : form.minutes;
			await post(base(id) + '/journal', body);
			setOk(t('journal.added', { date: formatDate(body.occurred_on) }));
			setForm((f) => ({ ...f, minutes: '', text: '', shared: false }));
			await reload();
		});
	}

	return html`<div class="card">
			<h3>${t('journal.new')}</h3>
			<${FormMessage} c=${c} id="journal-message" />
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${Field} id="jr-date" name="occurred_on" type="date" label=${t('journal.occurred_on')} value=${form.occurred_on}
					onValue=${set('occurred_on')} err=${c.err} required />
				<${SelectField} id="jr-kind" name="kind" label=${t('journal.kind')} value=${form.kind} onValue=${set('kind')}
					err=${c.err} options=${opts(JOURNAL_KINDS, 'journal_kind.')} />
				<${Field} id="jr-minutes" name="minutes" label=${t('journal.minutes')} optional inputmode="numeric"
					value=${form.minutes} onValue=${set('minutes')} maxlength="4" autocomplete="off" err=${c.err} />
				<${TextArea} id="jr-text" name="text" label=${t('journal.text')} value=${form.text} onValue=${set('text')}
					rows="4" maxlength="10000" err=${c.err} required />
				<${CheckField} id="jr-shared" name="shared" label=${t('journal.shared_label')} hint=${t('journal.shared_hint')}
					checked=${form.shared} onValue=${set('shared')} err=${c.err} />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('journal.add')}<//>
			</form>
		</div>
		<h3 id="journal-list-title">${t('journal.list')}</h3>
		<${ListStatus} state=${list} emptyKey="journal.empty" />
		${list.items.length ? html`<ul class="cards" aria-labelledby="journal-list-title" id="journal">
			${list.items.map((x) => html`<li class="card" key=${x.id}>
				<p class="muted">${formatDate(x.occurred_on)} · ${tOr('journal_kind.' + x.kind, x.kind)}${x.minutes
					? ' · ' + t('journal.minutes_n', { n: x.minutes }) : ''}${x.shared ? ' · ' + t('journal.shared') : ''}</p>
				<p class="user-text pre">${x.text}</p>
				<p class="muted user-text">${(x.author && x.author.display_name) || ''}</p>
			</li>`)}
		</ul>` : null}`;
}

// ---- Access log (team lead) -----------------------------------------------------------

// The distinct values of field k over rows, in the catalogue's words, in the
// order first met.
const distinctWords = (rows, k, prefix) => distinctOf(rows, (x) => x[k]).map((v) => tOr(prefix + v, v)).join(', ');

// The file's access log for the team lead, newest first. A run of refused
// tries from outside the circle is one row (foldOutsideTries) that says how
// many and from when to when: whoever tried 200 times does not push the
// team's own reads off the screen. Under the table, what the server left
// out: older events (more), older tries from outside the circle
// (more_outside_tries).
function AccessTab({ id }) {
	const [list] = useList(base(id) + '/access-log');
	const triesLeftOut = !!(list.answer && list.answer.more_outside_tries === true);
	const rows = foldOutsideTries(list.items);
	const many = (x) => x.tries > 1;
	const span = (x) => {
		const [from, to] = [formatTime(x.from), formatTime(x.to)];
		return from === to ? from : html`${from}<br />${t('access.until', { to })}`;
	};
	return html`<p>${t('access.intro')}</p>
		<${ListStatus} state=${list} emptyKey="access.empty" />
		${list.items.length ? html`<${TableWrap} labelId="tab-title">
			<table class="data" id="access-table">
				<thead><tr><th scope="col">${t('audit.time')}</th><th scope="col">${t('audit.user')}</th>
					<th scope="col">${t('audit.action')}</th><th scope="col">${t('access.part')}</th>
					<th scope="col">${t('audit.outcome')}</th></tr></thead>
				<tbody>${rows.map((x, i) => html`<tr key=${i} class=${many(x) ? 'access-tries' : null}>
					<td class="nowrap">${many(x) ? span(x) : formatTime(x.at)}</td>
					<td class="user-text">${x.outside_circle ? t('access.outside_circle')
						: (x.user && x.user.display_name) || t('common.unknown')}
						${x.user && x.user.role ? html`<br /><span class="muted">${tOr('role.' + x.user.role, x.user.role)}${x.user.organisation
							? ', ' + x.user.organisation : ''}</span>` : null}
						${many(x) ? html`<br /><strong class="access-times">${t('access.tries', { n: x.tries })}</strong>` : null}</td>
					<td>${many(x) ? distinctWords(x.rows, 'action', 'action.') : tOr('action.' + x.action, x.action)}${x.break_glass && x.action !== 'break_glass'
						? html`<br /><strong class="flag">${t('access.break_glass')}</strong>` : null}</td>
					<td>${many(x) ? distinctWords(x.rows, 'part', 'part.') : tOr('part.' + x.part, x.part)}</td>
					<td><span class=${'outcome outcome-' + String(x.outcome).replace(/[^a-z_]/g, '')}>${tOr('outcome.' + x.outcome, x.outcome)}</span></td>
				</tr>`)}
				</tbody>
			</table><//>` : null}
		${list.more ? html`<p class="muted" id="access-newest">${t('access.newest', { n: ACCESS_LOG_MAX })}</p>` : null}
		${triesLeftOut ? html`<p class="muted" id="access-tries-left-out">${t('access.tries_left_out', { n: ACCESS_LOG_TRIES_MAX })}</p>` : null}`;
}
