// The rights of the young person in the web app: the privacy officer's
// requests with their deadlines (close, refuse, approve a destruction), and
// the complete file as a readable page that prints well, for the privacy
// officer (an access request) and for the young person ("Mijn dossier").
import { useState, useRef, useLayoutEffect } from '../vendor/hooks.module.js';
import {
	html, SelectField, TextArea, Field, TableWrap, useList, ListStatus, useCreate, FormMessage, useData, DataStatus, Button, useDone, DoneMessage,
} from '../ui.js';
import { t, tOr, has, formatDate, formatWhen, formatWhenRange, today } from '../i18n.js';
import { fieldError, historyReason, formatEuro, formatKm } from '../format.js';
import { post } from '../api.js';
import { foldOutsideTries, distinctOf, capAccessLog, ACCESS_LOG_TRIES_MAX } from '../domain.js';
import { YouthRights } from './rights.js';

const STATUSES = ['open', 'done', 'refused', 'all'];
const KINDS = ['access', 'statement', 'correction', 'destruction'];
const REQUESTERS = ['youth', 'parent', 'guardian', 'representative'];

function deadlineText(r) {
	if (r.status !== 'open') return tOr('requests.status_' + r.status, r.status);
	if (r.overdue) return t(r.days_left === -1 ? 'requests.overdue_one' : 'requests.overdue', { days: -r.days_left });
	return t(r.days_left === 1 ? 'requests.days_left_one' : 'requests.days_left', { days: r.days_left });
}

// The form to register a request that reached the privacy officer (a letter,
// an e-mail, a phone call): the young person's number, what is asked, by
// whom and when; the deadline follows from the kind and the day received.
// From a dossier (youthId given) the number is that of the dossier and not
// asked. The focus goes to the first field when it opens; onCreated(request)
// (awaited: the form stays busy while it fetches the list again) and
// onCancel close it.
export function NewRequestForm({ youthId, onCreated, onCancel }) {
	const [form, setForm] = useState({ youth_id: youthId ? String(youthId) : '', kind: 'access', requested_by: 'youth',
		received_on: today(), note: '' });
	const c = useCreate();
	const first = useRef(null);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	useLayoutEffect(() => {
		if (first.current) first.current.focus();
	}, []);
	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const youth = form.youth_id.trim();
			if (!/^[1-9]\d{0,17}$/.test(youth)) throw fieldError('youth_id');
			const body = { kind: form.kind, requested_by: form.requested_by };
			if (form.received_on) body.received_on = form.received_on;
			if (form.note.trim()) body.note = form.note.trim();
			let created;
			try {
				created = await post('/api/v1/youths/' + youth + '/requests', body);
			} catch (err) {
				// No file with this number (or none any more): say so at the field.
				if (err.status === 404) throw fieldError('youth_id');
				throw err;
			}
			await onCreated(created);
		});
	}
	function onKeyDown(e) {
		if (e.key !== 'Escape') return;
		e.preventDefault();
		onCancel();
	}
	return html`<form class="card" id="new-request" onSubmit=${submit} onKeyDown=${onKeyDown} novalidate aria-labelledby="new-request-title">
		<h2 id="new-request-title">${t('requests.new_title')}</h2>
		<p>${youthId ? t('requests.new_intro_team') : t('requests.new_intro')}</p>
		<${FormMessage} c=${c} id="new-request-message" scope="requests" />
		${youthId ? null : html`<${Field} id="new-request-youth" name="youth_id" label=${t('requests.new_youth')}
			hint=${t('requests.new_youth_hint')} value=${form.youth_id} onValue=${set('youth_id')} inputmode="numeric"
			autocomplete="off" maxlength="18" err=${c.err} errScope="requests" required inputRef=${first} />`}
		<${SelectField} id="new-request-kind" name="kind" label=${t('requests.kind')} value=${form.kind} onValue=${set('kind')}
			options=${KINDS.map((k) => ({ value: k, label: t('requests.kind_' + k) }))} err=${c.err} errScope="requests"
			inputRef=${youthId ? first : undefined} />
		<${SelectField} id="new-request-by" name="requested_by" label=${t('requests.requested_by')} value=${form.requested_by}
			onValue=${set('requested_by')} options=${REQUESTERS.map((k) => ({ value: k, label: t('requests.by_' + k) }))}
			err=${c.err} errScope="requests" />
		<${Field} id="new-request-received" name="received_on" type="date" label=${t('requests.received')} value=${form.received_on}
			onValue=${set('received_on')} max=${today()} err=${c.err} errScope="requests" required />
		<${TextArea} id="new-request-note" name="note" label=${t('requests.new_note')} hint=${t('requests.new_note_hint')}
			value=${form.note} onValue=${set('note')} maxlength="1000" optional err=${c.err} errScope="requests" />
		<div class="button-row">
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('requests.new_save')}<//>
			<button type="button" class="secondary" id="new-request-cancel" onClick=${onCancel}>${t('common.cancel')}</button>
		</div>
	</form>`;
}

// The form to answer one open request; a destruction asks for the young
// person's number again. The focus goes to its first field when it opens;
// onDone(text) after an answer (awaited: the form stays busy while the list
// is fetched again), onCancel to close it unanswered.
function CloseForm({ req, onDone, onCancel }) {
	const [form, setForm] = useState({ status: 'done', decision: '', confirm: '' });
	const c = useCreate();
	const box = useRef(null);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const destroys = req.kind === 'destruction' && form.status === 'done';
	const id = 'close-' + req.id;
	useLayoutEffect(() => {
		const first = box.current && box.current.querySelector('select');
		if (first) first.focus();
	}, []);
	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const body = { status: form.status };
			if (form.decision.trim() && !destroys) body.decision = form.decision.trim();
			if (destroys) body.confirm_youth_id = /^\d+$/.test(form.confirm.trim()) ? Number(form.confirm.trim()) : 0;
			await post('/api/v1/requests/' + req.id + '/close', body);
			await onDone(destroys ? t('requests.destroyed_n', { id: req.id, youth: req.youth_id })
				: t(form.status === 'refused' ? 'requests.refused_n' : 'requests.closed_n', { id: req.id }));
		});
	}
	function onKeyDown(e) {
		if (e.key !== 'Escape') return;
		e.preventDefault();
		onCancel();
	}
	return html`<form class="card" id=${id} ref=${box} onSubmit=${submit} onKeyDown=${onKeyDown} novalidate aria-labelledby=${id + '-title'}>
		<h3 id=${id + '-title'}>${t('requests.close_title', { id: req.id })}</h3>
		<p class="muted">${tOr('requests.kind_' + req.kind, req.kind)} · ${t('requests.file_of', { id: req.youth_id })} ·
			${t('requests.due')} ${formatDate(req.due_on)}</p>
		<${SelectField} id=${id + '-status'} name="status" label=${t('requests.answer')} value=${form.status} onValue=${set('status')}
			options=${[{ value: 'done', label: t('requests.answer_done') }, { value: 'refused', label: t('requests.answer_refused') }]} err=${c.err} />
		${destroys ? null : html`<${TextArea} id=${id + '-decision'} name="decision" label=${t('requests.decision')} value=${form.decision}
			onValue=${set('decision')} maxlength="1000" optional=${form.status !== 'refused'} err=${c.err} />`}
		${destroys ? html`<p class="notice notice-error">${t('requests.destroy_warning')}</p>
			<${Field} id=${id + '-confirm'} name="confirm_youth_id" label=${t('requests.confirm', { id: req.youth_id })}
				value=${form.confirm} onValue=${set('confirm')} inputmode="numeric" autocomplete="off" err=${c.err} />` : null}
		<div class="button-row">
			<${Button} type="submit" class=${destroys ? 'danger' : 'primary'} busy=${c.busy}>
				${destroys ? t('requests.destroy_button') : t('requests.close_button')}<//>
			<button type="button" class="secondary" id=${id + '-cancel'} onClick=${onCancel}>${t('common.cancel')}</button>
		</div>
		<${FormMessage} c=${c} id=${id + '-message'} />
	</form>`;
}

// Puts the focus on the element with this id once the page is drawn anew.
export function focusLater(id) {
	setTimeout(() => {
		const el = document.getElementById(id);
		if (el) el.focus();
	}, 0);
}

export function RequestsView() {
	const [status, setStatus] = useState('open');
	const [list, reload] = useList('/api/v1/requests?status=' + status);
	const [open, setOpen] = useState(null);
	const [adding, setAdding] = useState(false);
	// An answered request leaves the open list, and its form with it: say what happened.
	const done = useDone();
	// Said once the list shows it (the new request, the answered one gone).
	async function created(r) {
		await reload();
		setAdding(false);
		done.say(t('requests.created', { id: r.id, due: formatDate(r.due_on) }));
	}
	async function answered(text) {
		await reload();
		setOpen(null);
		done.say(text);
	}
	const openRow = list.items.find((r) => r.id === open && r.status === 'open');
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('requests.title')}</h1>
		<p class="lead">${t('requests.intro')}</p>
		<${DoneMessage} done=${done} id="requests-message" />
		${adding ? html`<${NewRequestForm} onCreated=${created}
			onCancel=${() => { setAdding(false); focusLater('new-request-open'); }} />`
		: html`<p><button type="button" class="primary" id="new-request-open" aria-expanded="false" aria-controls="new-request"
			onClick=${() => { done.clear(); setAdding(true); }}>${t('requests.new_button')}</button></p>`}
		<div class="card filters">
			<${SelectField} id="requests-status" name="status" label=${t('requests.show')} value=${status}
				onValue=${(v) => { setOpen(null); setStatus(v); }}
				options=${STATUSES.map((s) => ({ value: s, label: t('requests.filter_' + s) }))} />
		</div>
		<h2 id="requests-list-title">${t('requests.list')}</h2>
		<${ListStatus} state=${list} emptyKey="requests.empty" />
		${list.items.length ? html`<${TableWrap} labelId="requests-list-title">
			<table class="data" id="requests-table">
				<thead><tr><th scope="col">${t('requests.number')}</th><th scope="col">${t('requests.youth')}</th>
					<th scope="col">${t('requests.kind')}</th><th scope="col">${t('requests.requested_by')}</th>
					<th scope="col">${t('requests.received')}</th><th scope="col">${t('requests.due')}</th>
					<th scope="col">${t('requests.state')}</th><th scope="col"><span class="visually-hidden">${t('requests.actions')}</span></th></tr></thead>
				<tbody>${list.items.map((r) => html`<tr key=${r.id} class=${r.overdue ? 'overdue' : undefined}>
					<td>${r.id}</td>
					<td>${r.status === 'open' ? html`<a href=${'#/export/' + r.youth_id}>${t('requests.file_of', { id: r.youth_id })}</a>` : '#' + r.youth_id}</td>
					<td>${tOr('requests.kind_' + r.kind, r.kind)}</td>
					<td>${tOr('requests.by_' + r.requested_by, r.requested_by)}</td>
					<td class="nowrap">${formatDate(r.received_on)}</td>
					<td class="nowrap">${formatDate(r.due_on)}</td>
					<td>${r.overdue ? html`<strong class="flag">${deadlineText(r)}</strong>` : deadlineText(r)}</td>
					<td>${r.status === 'open' ? html`<button type="button" class="secondary" id=${'answer-' + r.id}
						aria-expanded=${open === r.id ? 'true' : 'false'} aria-controls=${'close-' + r.id}
						aria-label=${t('requests.close_title', { id: r.id })}
						onClick=${() => { done.clear(); setOpen(open === r.id ? null : r.id); }}>${t('requests.answer_button')}</button>` : null}</td>
				</tr>`)}
				</tbody>
			</table><//>` : null}
		${openRow ? html`<${CloseForm} key=${openRow.id} req=${openRow} onDone=${answered}
			onCancel=${() => { setOpen(null); focusLater('answer-' + openRow.id); }} />` : null}
	</section>`;
}

// The catalogue prefix of the words for a column's stored values
// (legal_frame.voluntary, phase.jim_search ...): first by table and column,
// where a code means something else per table (a status, a kind), then by
// column. Yes/no columns arrive as booleans (the store maps them by name,
// store.c boolean_columns).
const TABLE_VALUE_WORDS = {
	'nominations.status': 'nom_status.', 'jims.end_reason': 'jim_end.', 'goals.author_kind': 'plain_author.',
	'goals.status': 'goal_status.', 'goal_actions.owner_kind': 'plain_author.', 'goal_views.author_kind': 'plain_author.',
	'journal_entries.kind': 'journal_kind.', 'jim_activities.kind': 'activity_kind.',
	'expense_statements.status': 'stmt_status_plain.', 'jim_checkins.wants_to_continue': 'checkin.continue_',
	'alerts.kind': 'alert_kind.', 'alerts.resolution': 'alert_resolution.', 'meetings.kind': 'meeting_kind.', 'meeting_decisions.type': 'decision_type.',
	'youth_events.type': 'event.', 'measurements.kind': 'mkind.', 'parent_agreements.answer': 'agree.',
	'youth_corrections.field': 'file.field.', 'subject_requests.kind': 'requests.kind_',
	'subject_requests.requested_by': 'requests.by_', 'subject_requests.status': 'requests.status_',
};
const VALUE_WORDS = { legal_frame: 'legal_frame.', living_situation: 'living.', phase: 'phase.', end_reason: 'end_reason.',
	scope: 'scope.', given_by: 'given_by.', decision: 'decision.', moment: 'moment.', field: 'field.' };

// The young person's own words for codes that have them ("Notities voor je
// JIM", not the team's "Gedeelde journaalnotities delen met de JIM").
const PLAIN_VALUE_WORDS = { scope: 'plain_scope.' };

// The prefix of the words for row[k] of a table, or undefined; in the young
// person's own file (plain) their words first. A change in the history holds
// a code of the field it names.
function valueWords(table, k, row, plain) {
	if (table === 'youth_history' && k === 'value') return VALUE_WORDS[row.field];
	return (plain && PLAIN_VALUE_WORDS[k]) || TABLE_VALUE_WORDS[table + '.' + k] || VALUE_WORDS[k];
}

// A number in the file that points at a row elsewhere in it, and the words
// that name that row: a score's goal_id 1 reads "Elke dag naar school (1)",
// in the young person's own file "Elke dag naar school".
const REFERENCES = {
	goal_id: ['goals', (r) => r.title],
	evaluation_id: ['evaluations', (r) => formatDate(r.held_on, true)],
	meeting_id: ['meetings', (r) => formatWhen(r.starts_at)],
	jim_id: ['jims', (r) => r.name],
	nomination_id: ['nominations', (r) => r.name],
	network_member_id: ['network_members', (r) => r.name],
	member_id: ['network_members', (r) => r.name],
};

// Columns that hold the number of a person's account: who made, changed or
// decided something, and whose account a row is.
const PERSON_COLUMN = /(_by|^author_id|^owner_user_id|^user_id)$/;

// In the young person's own file, a number that points at something the
// file does not hold, in words: a row of REFERENCES that is not in it ("een
// doel"), the young person ("jij"), their team ("je team"), anything else
// ("iets buiten je dossier"). Never the number itself.
const PLAIN_MISSING = {
	goals: 'plain.file_ref.goal', evaluations: 'plain.file_ref.evaluation', meetings: 'plain.file_ref.meeting',
	jims: 'plain.file_ref.jim', nominations: 'plain.file_ref.nomination', network_members: 'plain.file_ref.network_member',
};
function plainNumber(k) {
	if (Object.hasOwn(REFERENCES, k)) return t(PLAIN_MISSING[REFERENCES[k][0]]);
	if (k === 'youth_id') return t('plain_author.youth');
	if (k === 'team_id') return t('plain.file_ref.team');
	return t('plain.file_ref.other');
}

// What a row of the young person's own file is, by the fields that name it
// (a goal by its title, an action by its text, a meeting by its moment), in
// place of its number: the row's heading. Joined by ", " (a name by " ").
const ROW_NAMES = {
	youths: ['given_name', 'family_name'], goals: ['title'], goal_actions: ['description'], goal_views: ['goal_id', 'created_at'],
	evaluations: ['held_on'], evaluation_scores: ['goal_id'], meetings: ['starts_at'], meeting_participants: ['name'],
	meeting_decisions: ['type'], meeting_actions: ['description'], network_members: ['name'], nominations: ['name'],
	jims: ['name'], consents: ['scope'], youth_events: ['type', 'occurred_on'], measurements: ['kind', 'measured_on'],
	school_attendance: ['period_from', 'period_to'], youth_history: ['field', 'effective_on'],
	youth_statements: ['created_at'], youth_corrections: ['field', 'corrected_at'], subject_requests: ['kind', 'received_on'],
};
const ROW_NAME_JOIN = { youths: ' ', school_attendance: ' – ' };

// The heading of a row of the young person's file (ROW_NAMES), or null for a
// table without one or a row whose naming fields are empty.
function rowName(table, row, refs) {
	const parts = (ROW_NAMES[table] || []).filter((k) => row[k] !== null && row[k] !== undefined && row[k] !== '')
		.map((k) => cellText(table, k, row[k], row, refs))
		.filter((x) => typeof x === 'string' && x);
	return parts.length ? parts.join(ROW_NAME_JOIN[table] || ', ') : null;
}

// The rows of the file that REFERENCES name, by table and id, and the
// accounts the file names by number (`people`: {display_name, role} by id),
// from the file's `people` (every account its rows hold) and its access log:
// the file names only people it already names. plain and me (the reader's
// user id) are for the young person's own file: people by name and role in
// their words, the reader as "jij", no numbers.
function referencedRows(d, plain, me) {
	const people = new Map(d.access_log.filter((x) => x.user_id && x.display_name)
		.map((x) => [x.user_id, { display_name: x.display_name, role: x.role }]));
	for (const p of d.people || []) if (p && p.display_name) people.set(p.id, p);
	const byTable = { people, plain: !!plain, me };
	for (const [table] of Object.values(REFERENCES)) {
		byTable[table] = new Map((d.tables[table] || []).map((r) => [r.id, r]));
	}
	return byTable;
}

// A person of the file in the young person's words: "jij" for the reader,
// else the name with the role ("Anna de Vries (hulpverlener)").
function plainPerson(id, p, me) {
	if (id != null && id === me) return t('plain_author.youth');
	const name = (p && p.display_name) || t('common.unknown');
	return p && p.role ? name + ' (' + tOr('plain_role.' + p.role, tOr('role.' + p.role, p.role)) + ')' : name;
}

// What an event of the access log did, in the young person's words, as the
// access-log page says it: "Bekeken: je plan", a refused one "Wilde bekijken: ...".
const plainAccessWhat = (x) => (x.outcome === 'denied' ? tOr('plain_tried.' + x.action, t('plain_tried.other'))
	: tOr('plain_action.' + x.action, tOr('action.' + x.action, x.action)))
	+ (x.part ? ': ' + tOr('plain_part.' + x.part, tOr('part.' + x.part, x.part)) : '');

// Columns that hold a moment as seconds since 1970 (UTC), not as text.
const EPOCH_COLUMNS = new Set(['break_glass.granted_at', 'break_glass.expires_at']);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

// Columns that hold a day or a moment, by name (received_on, created_at,
// date, due_date, period_from, phase_since ...). Only these are written as
// dates: free text that happens to read "2026-03-01" is shown as typed.
const DATE_COLUMN = /(^|_)(on|at|date)$|^period_(from|to)$|_since$|^first_nomination$/;
// Columns whose value is that of the field the row names (a change in the
// history, a correction): a date when that field is one.
const FIELD_VALUES = { youth_history: ['value'], youth_corrections: ['old_value', 'new_value'],
	network_member_changes: ['old_value', 'new_value'] };
const isDateColumn = (table, k, row) => ((FIELD_VALUES[table] || []).includes(k)
	? DATE_COLUMN.test(String(row.field || '')) : DATE_COLUMN.test(k));

// The figures of an alert, read back from its English detail and its key as
// src/domain/alerts.c writes them (alert_facts_read), or null for a text this
// version does not write; the words are the team lead's (alert_facts.*).
const ALERT_DETAIL = {
	wellbeing_low: [/^wellbeing (\d+) of 5$/, ['wellbeing']],
	load_high: [/^more than (\d+) hours in (\d+) of the last (\d+) weeks$/, ['hours', 'weeks', 'window']],
	inactive: [/^no activity logged for (\d+) days$/, ['days']],
	checkin_overdue: [/^check-in due since (\d{4}-\d{2}-\d{2})$/, ['due']],
	wants_to_stop: [/^answered no to going on$/, []],
	doubt_repeated: [/^doubt in two check-ins in a row$/, []],
};
function alertDetailText(row) {
	const rule = Object.hasOwn(ALERT_DETAIL, row.kind) && ALERT_DETAIL[row.kind];
	const m = rule && rule[0].exec(String(row.detail));
	if (!m || !has('alert_facts.' + row.kind)) return null;
	const facts = Object.fromEntries(rule[1].map((name, i) => [name, m[i + 1]]));
	if (row.kind === 'inactive') {
		const since = /^since-(\d{4}-\d{2}-\d{2})$/.exec(String(row.key));
		if (!since) return null;
		facts.since = formatDate(since[1], true);
	}
	if (facts.due) facts.due = formatDate(facts.due, true);
	return t('alert_facts.' + row.kind, facts);
}

// The lines of an expense statement (stored as JSON text: a km line of an
// activity, a cost with its receipt) as a small table: the day, what it
// was, the amount in euros. Text that is not such a list is shown as stored.
function StatementLines({ text, labelId }) {
	let lines;
	try {
		lines = JSON.parse(text);
	} catch {
		return text;
	}
	if (!Array.isArray(lines) || !lines.every((l) => l && typeof l === 'object')) return text;
	if (!lines.length) return EMPTY();
	const what = (l) => {
		if (l.type === 'km') {
			const km = t('file.line_km', { kind: tOr('activity_kind.' + l.kind, l.kind || ''), km: formatKm(l.km) });
			return l.note ? km + ': ' + l.note : km;
		}
		if (l.type === 'cost') return String(l.description || '') + (l.receipt_note ? ' (' + t('file.line_receipt', { note: l.receipt_note }) + ')' : '');
		return JSON.stringify(l);
	};
	return html`<${TableWrap} labelId=${labelId}><table class="data file-lines">
		<thead><tr><th scope="col">${t('file.line_date')}</th><th scope="col">${t('file.line_what')}</th>
			<th scope="col" class="num">${t('file.line_amount')}</th></tr></thead>
		<tbody>${lines.map((l, i) => html`<tr key=${i}>
			<td>${ISO_DAY.test(String(l.date)) ? formatDate(l.date, true) : String(l.date ?? '')}</td>
			<td class="user-text">${what(l)}</td>
			<td class="num nowrap">${Number.isInteger(l.amount_cents) ? formatEuro(l.amount_cents) : String(l.amount_cents ?? '')}</td>
		</tr>`)}</tbody></table><//>`;
}

// What a decision changed in the file ("legal_frame=voluntary;living_situation=home")
// in words: "Juridisch kader: Vrijwillig; Woonsituatie: Thuis".
function appliedText(s) {
	return s.split(';').map((part) => {
		const [field, value] = part.split('=');
		if (value === undefined) return part;
		const prefix = VALUE_WORDS[field];
		return tOr('field.' + field, field) + ': ' + (prefix ? tOr(prefix + value, value) : value);
	}).join('; ');
}

// The compact texts of the outcome figures (src/domain/youth_facts.h) in
// words: "2024-01-05h2024-06-01p" is each change of where the young person
// lives with its kind, "2024-02-01,2024-09-01>2024-10-15" each JIM period
// (a second day: it ended early). Any other text is shown as stored.
const LIVING_CHANGE = /^(\d{4}-\d{2}-\d{2})([hnp])/;
function factsText(k, s) {
	if (k === 'living') {
		const parts = [];
		for (let rest = s, m; rest; rest = rest.slice(11)) {
			if (!(m = LIVING_CHANGE.exec(rest))) return s;
			parts.push(formatDate(m[1], true) + ': ' + t('file.facts_living_' + m[2]));
		}
		return parts.join('; ');
	}
	const periods = s.split(',').map((p) => /^(\d{4}-\d{2}-\d{2})(?:>(\d{4}-\d{2}-\d{2}))?$/.exec(p));
	if (periods.some((m) => !m)) return s;
	return periods.map((m) => (m[2] ? t('file.facts_jim_early', { from: formatDate(m[1], true), to: formatDate(m[2], true) })
		: t('file.facts_jim_from', { from: formatDate(m[1], true) }))).join('; ');
}

// An empty value: a dash to the eye, words to a screen reader.
const EMPTY = () => html`<span aria-hidden="true">—</span><span class="visually-hidden">${t('file.empty')}</span>`;

// A value of the file in words: in a column that holds dates
// (isDateColumn) a day as "3 maart 2026", a moment as "3 maart 2026 om
// 14:05" (Amsterdam time); an amount in cents in euros, tenths of a km in
// km; Ja or Nee; the words of a known code; an alert's detail in the
// reader's words; a statement's lines as a table; the name of a row or
// person it points at (with its number, but not in the young person's own
// file, where what it does not hold is a plain word: plainNumber); an empty
// value as a dash; everything else, free text above all, as stored
// (nothing is left out).
// labelId: the id of the field's label, for a table in the value.
function cellText(table, k, v, row, refs, labelId) {
	if (table === 'youth_history' && k === 'reason' && row.cause) return historyReason(row);
	if (v === null || v === undefined || v === '') return EMPTY();
	if (table === 'expense_statements' && k === 'lines' && typeof v === 'string') return html`<${StatementLines} text=${v} labelId=${labelId} />`;
	if (table === 'alerts' && k === 'detail') return alertDetailText(row) ?? String(v);
	if (typeof v === 'number' && /_cents($|_)/.test(k)) return formatEuro(v);
	if (typeof v === 'number' && /(^|_)km_tenths$/.test(k)) return t('file.km', { km: formatKm(v / 10) });
	if (typeof v === 'boolean') return t(v ? 'file.yes' : 'file.no');
	if (typeof v === 'object') return JSON.stringify(v);
	if (typeof v === 'number' && EPOCH_COLUMNS.has(table + '.' + k)) return formatWhen(new Date(v * 1000).toISOString());
	const ref = Object.hasOwn(REFERENCES, k) && refs[REFERENCES[k][0]].get(v);
	const person = !ref && PERSON_COLUMN.test(k) && refs.people.get(v);
	if (refs.plain && typeof v === 'number' && !ref && PERSON_COLUMN.test(k)) return plainPerson(v, person, refs.me);
	const words = ref ? REFERENCES[k][1](ref) : person && person.display_name;
	if (words) return refs.plain ? words : words + ' (' + v + ')';
	if (refs.plain && typeof v === 'number' && /(^|_)id$/.test(k)) return plainNumber(k);
	const s = String(v);
	if (table === 'youth_facts' && (k === 'living' || k === 'jims')) return factsText(k, s);
	if (ISO_DAY.test(s) && isDateColumn(table, k, row)) return formatDate(s, true);
	if (ISO_TIME.test(s) && isDateColumn(table, k, row)) return formatWhen(s);
	if (table === 'meeting_decisions' && k === 'applied') return appliedText(s);
	const prefix = valueWords(table, k, row, refs.plain);
	return prefix ? tOr(prefix + s, s) : s;
}

// Fields the server adds to a row to explain another field of it (a history
// row's `cause` is its `reason` as data): shown through that field.
// An alert's key (which check-in, week or day it fired for) is its detail's
// data: shown through that detail.
const EXPLAINS = { youth_history: ['cause'], alerts: ['key'] };

// Columns kring keeps for itself, not data about the person: the name as the
// search reads it and as lists sort it (both made from the name, which is
// shown), and a meeting's calendar identifier and revision count. The page
// leaves them out; the export (the JSON the page is drawn from) keeps them.
const TECHNICAL_COLUMNS = new Set(['youths.name_key', 'youths.sort_key', 'meetings.uid', 'meetings.sequence']);

// An alert's key only when its detail was read: otherwise the key is shown as stored.
const explained = (table, k, row) => (EXPLAINS[table] || []).includes(k) && (table !== 'alerts' || alertDetailText(row) !== null);
// The young person's own file leaves out a row's number too: its heading
// names it (rowName).
const shownFields = (table, row, plain) => Object.entries(row).filter(([k]) =>
	!explained(table, k, row) && !TECHNICAL_COLUMNS.has(table + '.' + k) && !(plain && k === 'id'));

// The words of a column whose name means something else in one table: a
// meeting's minutes are its written report, not a number of minutes.
const TABLE_FIELD_WORDS = { 'meetings.minutes': 'file.field.meeting_minutes' };
const fieldLabel = (table, k) => tOr(TABLE_FIELD_WORDS[table + '.' + k] || 'file.field.' + k, k.replace(/_/g, ' '));

const tableTitle = (name) => tOr('file.table_' + name, name.replace(/_/g, ' '));

// What the file holds, as a list at its top: each part with its number of
// rows, a button that moves the focus (and the screen) to that part's
// heading. Buttons, not links: the address is the page's route. A file is
// long (tens of thousands of pixels on a phone); nothing is folded away, so
// a printed copy and a search in the page still find everything.
function FileContents({ tables, accessCount }) {
	const go = (id) => {
		const h = document.getElementById(id);
		if (h) h.focus();
	};
	const parts = [...tables.map(([name, rows]) => ({ id: 'file-' + name, title: tableTitle(name), n: rows.length })),
		{ id: 'file-access-title', title: t('file.access_log'), n: accessCount }];
	return html`<nav class="card no-print file-contents" aria-labelledby="file-contents-title">
		<h2 id="file-contents-title">${t('file.contents')}</h2>
		<ul class="plain-list">${parts.map((p) => html`<li key=${p.id}>
			<button type="button" class="link-button go-link" data-target=${p.id} onClick=${() => go(p.id)}>${p.title}</button>
			${' '}<span class="muted">(${p.n})</span></li>`)}</ul>
	</nav>`;
}

// One table of the file: every row as a list of its fields, nothing left
// out; in the young person's own file (refs.plain) each row under a heading
// that says what it is (rowName) instead of its number.
function FileTable({ name, rows, refs }) {
	const id = 'file-' + name;
	const fields = (row, i) => shownFields(name, row, refs.plain).map(([k, v]) => html`<div class="file-field" key=${k} data-field=${k}>
		<dt id=${id + '-' + i + '-' + k}>${fieldLabel(name, k)}</dt>
		<dd class="user-text">${cellText(name, k, v, row, refs, id + '-' + i + '-' + k)}</dd></div>`);
	const plainRow = (row, i) => {
		const title = rowName(name, row, refs);
		return html`<div class="card file-row" key=${i}>
			${title ? html`<h3 class="file-row-title user-text">${title}</h3>` : null}
			<dl class="file-fields">${fields(row, i)}</dl></div>`;
	};
	return html`<section class="file-table" aria-labelledby=${id}>
		<h2 id=${id} tabindex="-1">${tableTitle(name)} <span class="muted">(${rows.length})</span></h2>
		${rows.map((row, i) => (refs.plain ? plainRow(row, i) : html`<dl class="card file-row" key=${i}>${fields(row, i)}</dl>`))}
	</section>`;
}

// The order a reader looks for things in: the file itself, the people around
// the young person and the JIM, the plan, what happened, the meetings, the
// JIM's work, and the rest. A table not named here comes after them, so that
// nothing is left out.
const TABLE_ORDER = ['youths', 'youth_history', 'youth_corrections', 'youth_statements', 'network_members', 'network_member_changes', 'nominations',
	'assessments', 'parent_agreements', 'jims', 'consents', 'goals', 'goal_actions', 'goal_views', 'evaluations',
	'evaluation_scores', 'measurements', 'youth_events', 'school_attendance', 'meetings', 'meeting_participants',
	'meeting_decisions', 'meeting_actions', 'journal_entries', 'jim_activities', 'jim_activity_changes', 'jim_costs',
	'expense_statements', 'jim_checkins', 'alerts', 'break_glass', 'youth_facts', 'subject_requests'];
const tableRank = (name) => (TABLE_ORDER.includes(name) ? TABLE_ORDER.indexOf(name) : TABLE_ORDER.length);

// The page shows the newest ACCESS_ROWS events of the access log until asked
// for all: a file read for years holds tens of thousands, too many for a phone.
// Of tries from outside the circle it shows the newest ACCESS_LOG_TRIES_MAX
// apart from them (capAccessLog), as the access-log page does: someone who
// tried the file thousands of times does not push the reads off the page.
// With tries among them the rows shown are not simply the newest, so the
// note then says only how many of all are shown (file.access_shown_part).
const ACCESS_ROWS = 1000;

// The access log of the file, each event's time to the minute: for the
// privacy officer a table, whose rows become "label: value" cards on a
// phone (table.data.stack) instead of scrolling sideways; in the young
// person's own file (plain) a list that fits a phone, who (plainPerson)
// and what in their words, where tries one after another from someone
// without access are one line (foldOutsideTries): how many, from when to
// when, and what they tried.
function FileAccess({ rows, plain, me }) {
	if (!rows.length) return null;
	if (plain) {
		const tried = (x) => distinctOf(x.rows, plainAccessWhat).join('; ');
		return html`<ul class="plain-list file-access-list" id="file-access" aria-labelledby="file-access-title">
			${foldOutsideTries(rows).map((x, i) => (x.tries > 1 ? html`<li key=${i} class="access-tries">
				<span class="muted access-when">${formatWhenRange(x.from, x.to)} · <span class="access-times">${t('plain.access_tries', { n: x.tries })}</span></span><br />
				<strong class="user-text access-who">${t('plain.access_outside')}</strong>:
				${' '}<span class="access-what">${tried(x)}</span><br />
				<span class="access-many">${t('plain.access_outside_many')}</span></li>`
			: html`<li key=${i}><span class="muted access-when">${formatWhen(x.at)}</span><br />
				<strong class="user-text access-who">${x.outside_circle ? t('plain.access_outside')
					: plainPerson(x.user_id, x.display_name ? { display_name: x.display_name, role: x.role } : null, me)}</strong>:
				${' '}<span class="access-what">${plainAccessWhat(x)}</span></li>`))}
		</ul>`;
	}
	return html`<${TableWrap} labelId="file-access-title"><table class="data stack" id="file-access">
		<thead><tr><th scope="col">${t('audit.time')}</th><th scope="col">${t('audit.user')}</th><th scope="col">${t('audit.action')}</th></tr></thead>
		<tbody>${rows.map((x, i) => html`<tr key=${i}><td class="nowrap" data-label=${t('audit.time')}>${formatWhen(x.at)}</td>
			<td class="user-text" data-label=${t('audit.user')}>${x.outside_circle ? t('access.outside_circle')
				: x.display_name || t('common.unknown')}</td>
			<td data-label=${t('audit.action')}>${tOr('action.' + x.action, x.action)}</td></tr>`)}</tbody></table><//>`;
}

function FileView({ youthId, plain, me }) {
	const [allAccess, setAllAccess] = useState(false);
	const [state, reload] = useData(/^\d+$/.test(String(youthId || '')) ? '/api/v1/youths/' + youthId + '/export' : null);
	const d = state.data;
	const tables = d ? Object.entries(d.tables).filter(([, rows]) => rows.length).sort(([a], [b]) => tableRank(a) - tableRank(b)) : [];
	const refs = d ? referencedRows(d, plain, me) : null;
	const access = d && !allAccess ? capAccessLog(d.access_log, ACCESS_ROWS, ACCESS_LOG_TRIES_MAX) : { rows: d ? d.access_log : [], triesLeftOut: false };
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${plain ? t('plain.file_title') : t('file.title', { id: youthId })}</h1>
		<p class="lead">${plain ? t('plain.file_intro') : t('file.intro')}</p>
		<${DataStatus} state=${state} errorKey="file.not_found" />
		${d ? html`<p class="no-print button-row"><button type="button" class="primary" id="file-print" onClick=${() => window.print()}>${t('file.print')}</button>
			${plain ? null : html`<a href=${'#/audit?youth_id=' + d.youth_id} id="file-audit-link">${t('file.audit_link')}</a>`}</p>
			<p class="muted">${t('file.made', { when: formatWhen(d.exported_at) })}</p>
			${plain ? html`<${YouthRights} youthId=${d.youth_id} requests=${d.tables.subject_requests} onDone=${reload} />` : null}
			<${FileContents} tables=${tables} accessCount=${d.access_log.length} />
			${tables.map(([name, rows]) => html`<${FileTable} key=${name} name=${name} rows=${rows} refs=${refs} />`)}
			<section aria-labelledby="file-access-title">
				<h2 id="file-access-title" tabindex="-1">${t('file.access_log')} <span class="muted">(${d.access_log.length})</span></h2>
				${access.rows.length < d.access_log.length ? html`<p id="file-access-shown">${t(access.hasTries ? 'file.access_shown_part' : 'file.access_shown',
					{ shown: access.rows.length, total: d.access_log.length })}${access.triesLeftOut ? html` <span id="file-access-tries-left-out">${t('file.access_tries_left_out',
					{ n: ACCESS_LOG_TRIES_MAX })}</span>` : null} <button type="button" class="link-button" id="file-access-all"
					onClick=${() => setAllAccess(true)}>${t('file.access_all')}</button></p>` : null}
				<${FileAccess} rows=${access.rows} plain=${plain} me=${me} />
			</section>` : null}
	</section>`;
}

// #/export/ID for the privacy officer.
export function ExportPage({ route }) {
	return html`<${FileView} youthId=${route.id} />`;
}

// "Mijn dossier" for the young person.
export function MyFileView({ user }) {
	if (!user.youth_id) {
		return html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('plain.file_title')}</h1>
			<p>${t('plain.youth_not_linked')}</p></section>`;
	}
	return html`<${FileView} youthId=${user.youth_id} plain=${true} me=${user.id} />`;
}
