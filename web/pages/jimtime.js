// The JIM's own pages, phone first and in plain language (B1): "Tijd en
// kilometers" (log an activity, see and change recent ones, week and month
// totals), "Onkosten" (other costs, expense statements, CSV download) and
// "Hoe gaat het?" (the check-in). Also the printable expense statement,
// which the team sees too (with approve / reject).
import { useState, useRef, useLayoutEffect } from '../vendor/hooks.module.js';
import {
	html, Field, TextArea, TableWrap, useData, DataStatus, useCreate, FormMessage, useList, ListStatus, DownloadLink, Notice, Button, useDone, DoneMessage,
	Confirm, useFocusError, EditConflict, useLoaded, errorAt,
} from '../ui.js';
import { t, tOr, errorText, formatDate, formatWhen, formatTime } from '../i18n.js';
import { get, post, patch, del, query, tagOf } from '../api.js';
import { ACTIVITY_KINDS, CONTINUE_ANSWERS } from '../domain.js';
import {
	fieldError, parseDecimal, parseEuroCents, formatKm, formatEuro, formatDuration, kmInput, addDays, firstOfMonth,
	previousMonth, periodOf, today,
} from '../format.js';
import { NotLinked } from './youth.js';

const jimBase = (id) => '/api/v1/jims/' + id;

// activityBody checks and converts the form to the API body; throws a
// field error for input the server would refuse anyway. The duration is
// typed as hours and minutes (either may stay empty: "90" minutes alone is
// fine too); the API gets minutes.
export function activityBody(form) {
	const hours = parseDecimal(form.hours, 0);
	if (Number.isNaN(hours) || (hours != null && hours > 24)) throw fieldError('hours');
	const mins = parseDecimal(form.minutes, 0);
	if (hours == null && mins == null) throw fieldError('duration');
	if (Number.isNaN(mins)) throw fieldError('minutes');
	const minutes = (hours || 0) * 60 + (mins || 0);
	if (minutes < 1 || minutes > 1440) throw fieldError('minutes');
	const km = parseDecimal(form.km, 1);
	if (Number.isNaN(km) || (km != null && km > 2000)) throw fieldError('km');
	if (!form.date) throw fieldError('date');
	const body = { date: form.date, minutes, kind: form.kind };
	if (km != null) body.km = km;
	body.note = form.note.trim();
	return body;
}

// ActivityFields: the inputs of one activity (create or edit). p is the id
// prefix. plain: the JIM's own words ("Hoeveel kilometer reed je?"); without
// it the neutral labels of the team, who enter a correction for the JIM.
// editing: the JIM changes a saved entry (the day is not "today" then).
export function ActivityFields({ p, form, set, err, plain, editing }) {
	const scope = 'plain'; // the plain validation texts say what to fill in, without "je": for the team too
	const label = (own, team) => t(plain ? 'hours.' + own : 'jimhours.field_' + team);
	// (a change starts from the entry's own day, not from today)
	const dateHint = plain && editing ? t('hours.date_hint_edit') : label('date_hint', 'date_hint');
	return html`
		<${Field} id=${p + 'date'} name="date" type="date" label=${label('date', 'date')} value=${form.date} onValue=${set('date')}
			max=${today()} min=${addDays(today(), -90)} hint=${dateHint} err=${err} errScope=${scope} required />
		<${DurationFields} p=${p} form=${form} set=${set} err=${err} scope=${scope}
			legend=${label('duration', 'duration')} hint=${label('duration_hint', 'duration_hint')} />
		<${Field} id=${p + 'km'} name="km" label=${label('km', 'km')} hint=${label('km_hint', 'km_hint')} optional value=${form.km}
			onValue=${set('km')} inputmode="decimal" maxlength="7" autocomplete="off" err=${err} errScope=${scope} />
		<${Scale} id=${p + 'kind'} name="kind" legend=${label('kind', 'kind')} values=${ACTIVITY_KINDS} labelKey="activity_kind."
			value=${form.kind} onValue=${set('kind')} err=${err} errScope=${scope} className="choices" />
		<${TextArea} id=${p + 'note'} name="note" label=${label('note', 'note')} optional rows="2" value=${form.note}
			onValue=${set('note')} maxlength="1000" err=${err} errScope=${scope} />`;
}

// DurationFields: "Hoe lang duurde het?" as two small boxes side by side,
// hours and minutes, that fit a 360 px phone. An error (the server names
// "minutes") is said once, under both, and marks the box it is about; both
// left empty ("duration") marks both, and the focus goes to the first, Uur.
// A refusal that names several fields (errorAt) marks these as well.
function DurationFields({ p, form, set, err, scope, legend, hint }) {
	const id = p + 'duration';
	const errorOf = (name) => errorAt(err, name) || errorAt(err, 'duration');
	const wrong = (name) => !!errorOf(name);
	const bad = errorOf('hours') || errorOf('minutes');
	const box = (name, label, maxlength) => html`<div class="field">
		<label for=${p + name}>${label}</label>
		<input id=${p + name} name=${name} type="text" value=${form[name]} onInput=${(e) => set(name)(e.currentTarget.value)}
			inputmode="numeric" maxlength=${maxlength} autocomplete="off" aria-invalid=${wrong(name) ? 'true' : undefined}
			aria-describedby=${[id + '-hint', bad ? id + '-error' : null].filter(Boolean).join(' ')} />
	</div>`;
	return html`<fieldset class="duration" id=${id}>
		<legend>${legend}</legend>
		<p class="hint" id=${id + '-hint'}>${hint}</p>
		<div class="duration-row">
			${box('hours', t('hours.hours_part'), '2')}
			${box('minutes', t('hours.minutes_part'), '4')}
		</div>
		${bad ? html`<p class="field-error" id=${id + '-error'}>${errorText(bad, scope)}</p>` : null}
	</fieldset>`;
}

const emptyActivity = () => ({ date: today(), hours: '', minutes: '', km: '', kind: 'contact', note: '' });
// A saved 90 minutes opens as 1 hour and 30 minutes; under an hour, the hours stay empty.
const activityForm = (a) => ({
	date: a.date, hours: a.minutes >= 60 ? String(Math.floor(a.minutes / 60)) : '', minutes: String(a.minutes % 60),
	km: kmInput(a.km), kind: a.kind, note: a.note || '',
});

// ---- Tijd en kilometers -----------------------------------------------------

// TimeView: #/time/new is the same page, reached to write something down
// (the "Activiteit vastleggen" buttons): the focus then goes to the form's
// first field instead of the page title.
export function TimeView({ user, route }) {
	if (!user.jim_id) return html`<${NotLinked} titleKey="nav.time" textKey="jim.not_linked" />`;
	return html`<${Time} jimId=${user.jim_id} userId=${user.id} toForm=${!!route && route.id === 'new'} />`;
}

function Time({ jimId, userId, toForm }) {
	const from = addDays(today(), -90);
	const [list, reloadList] = useList(jimBase(jimId) + '/activities' + query({ from, to: today() }));
	const [weeks, reloadWeeks] = useData(jimBase(jimId) + '/totals?by=week');
	const [months, reloadMonths] = useData(jimBase(jimId) + '/totals?by=month');
	const reloadAll = () => Promise.all([reloadList(), reloadWeeks(), reloadMonths()]);
	const [listMessage, setListMessage] = useState('');
	// An entry taken away leaves the list: say so, and put the focus on the
	// list heading instead of on a button that is gone.
	async function removed() {
		await reloadAll();
		setListMessage(t('hours.deleted'));
		const h = document.getElementById('activities-title');
		if (h) h.focus();
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.time')}</h1>
		<p class="lead">${t('hours.intro')}</p>
		<${LogForm} jimId=${jimId} onDone=${reloadAll} toForm=${toForm} />
		<${TotalsCard} weeks=${weeks} months=${months} />
		<h2 id="activities-title" tabindex="-1">${t('hours.list')}</h2>
		<p class="notice notice-info" id="lock-explained">${t('hours.lock_explained')}</p>
		<${Notice} id="activities-message" kind="ok">${listMessage}<//>
		<${ListStatus} state=${list} emptyKey="hours.empty" />
		${list.items.length ? html`<ul class="cards" id="activities" aria-labelledby="activities-title">
			${list.items.map((a) => html`<${ActivityItem} key=${a.id} a=${a} userId=${userId} onDone=${reloadAll}
				onRemoved=${removed} onStart=${() => setListMessage('')} />`)}
		</ul>` : null}
		<p><a class="go-link" href="#/expenses">${t('hours.to_expenses')}</a></p>
	</section>`;
}

function TotalsCard({ weeks, months }) {
	const day = today();
	const week = weeks.data ? periodOf(weeks.data.items, day) : null;
	const lastWeek = weeks.data ? periodOf(weeks.data.items, addDays(day, -7)) : null;
	const month = months.data ? periodOf(months.data.items, day) : null;
	const line = (x) => (x ? t('hours.total_line', { time: formatDuration(x.minutes), km: formatKm(x.km) }) : t('hours.total_none'));
	return html`<div class="card totals" id="jim-totals">
		<h2>${t('hours.totals')}</h2>
		<${DataStatus} state=${weeks} />
		<dl class="facts">
			<dt>${t('hours.this_week')}</dt><dd id="total-week">${line(week)}</dd>
			<dt>${t('hours.last_week')}</dt><dd id="total-last-week">${line(lastWeek)}</dd>
			<dt>${t('hours.this_month')}</dt><dd id="total-month">${line(month)}</dd>
		</dl>
		${weeks.data && (weeks.data.items || []).length ? html`<details class="disclosure">
			<summary>${t('hours.per_week')}</summary>
			<${TableWrap} labelId="weeks-caption">
				<table class="data" id="weeks-table">
					<caption id="weeks-caption" class="visually-hidden">${t('hours.per_week')}</caption>
					<thead><tr><th scope="col">${t('hours.week')}</th><th scope="col">${t('hours.time')}</th>
						<th scope="col">${t('hours.km_short')}</th></tr></thead>
					<tbody>${weeks.data.items.slice().reverse().map((x) => html`<tr key=${x.period}>
						<td>${t('hours.week_of', { date: formatDate(x.from, true) })}</td>
						<td>${formatDuration(x.minutes)}</td><td>${formatKm(x.km)}</td></tr>`)}</tbody>
				</table><//>
		</details>` : null}
	</div>`;
}

// LogForm: "Wat deed je?". What was saved is said right under "Opslaan",
// where the JIM looks after tapping it on a phone (the top of the form is
// out of view by then), with the day, the time and the kilometres, and a
// button that takes the entry away again and puts what was typed back in
// the form to correct it. Starting a new entry forgets that button.
function LogForm({ jimId, onDone, toForm }) {
	const c = useCreate();
	const { form, setForm, saved, setSaved, set } = useEntryForm(emptyActivity, c);
	const formRef = useFocusError(c.err);

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = activityBody(form);
			if (!body.note) delete body.note;
			const a = await post(jimBase(jimId) + '/activities', body);
			setOk(t(body.km ? 'hours.saved_time_km' : 'hours.saved_time', {
				date: formatDate(body.date, true), time: formatDuration(body.minutes), km: formatKm(body.km),
			}));
			setSaved({ id: a && a.id, form });
			setForm((f) => ({ ...emptyActivity(), date: f.date, kind: f.kind }));
			await onDone();
			showNearby('log-done');
		});
	}
	const undo = () => undoSaved({ c, saved, setSaved, setForm, onDone, path: '/api/v1/activities/', focusId: 'log-date' });

	return html`<div class="card" id="log-form">
		<h2>${t('hours.new')}</h2>
		<form onSubmit=${submit} novalidate ref=${formRef} data-focus-on-arrival=${toForm ? '' : undefined}>
			<${ActivityFields} p="log-" form=${form} set=${set} err=${c.err} plain />
			<${Button} type="submit" class="primary wide" busy=${c.busy}>${t('hours.save')}<//>
		</form>
		<div id="log-done">
			<${FormMessage} c=${c} id="log-message" scope="plain" />
			${saved && saved.id ? html`<p class="button-row"><${Button} type="button" class="secondary" id="log-undo" busy=${c.busy}
				onClick=${undo}>${t('hours.undo')}<//></p>` : null}
		</div>
	</div>`;
}

// showNearby scrolls the element with that id into view when it is not (a
// message under a button at the bottom of a phone screen), without moving
// the focus; once the page is drawn anew, so that a form's message (shown
// when its c.run is done) is in it.
function showNearby(id) {
	setTimeout(() => {
		const el = document.getElementById(id);
		if (el && el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
	}, 0);
}

// focusById puts the focus on the element with that id, or on the one with
// the fallback id when it is gone (an entry that left the list).
function focusById(id, fallbackId) {
	const el = document.getElementById(id) || (fallbackId && document.getElementById(fallbackId));
	if (el) el.focus();
}

// The state of an entry form (an activity, a cost): the fields (initial()
// at first), the entry just saved ({id, form}, for "Weghalen en
// verbeteren") and set(k)(v), which also forgets that entry and the form's
// message (c, its useCreate) as soon as a new one is typed.
function useEntryForm(initial, c) {
	const [form, setForm] = useState(initial);
	const [saved, setSaved] = useState(null);
	const set = (k) => (v) => {
		if (saved) {
			setSaved(null);
			c.clear();
		}
		setForm((f) => ({ ...f, [k]: v }));
	};
	return { form, setForm, saved, setSaved, set };
}

// "Weghalen en verbeteren": takes the entry just saved (saved: {id, form})
// away again, puts what was typed back in its form and the focus on its
// first field (focusId); c is the form's useCreate.
function undoSaved({ c, saved, setSaved, setForm, onDone, path, focusId }) {
	const was = saved;
	c.run(async (setOk) => {
		setSaved(null);
		await del(path + was.id);
		setForm(was.form);
		setOk(t('hours.undone'));
		await onDone();
		focusById(focusId);
	});
}

// useFocusAfterRender: focusAfter(id, fallbackId) puts the focus on an element
// that the next render shows (the "Weghalen" button back after "Nee").
function useFocusAfterRender() {
	const next = useRef(null);
	useLayoutEffect(() => {
		if (!next.current) return;
		const [id, fallbackId] = next.current;
		next.current = null;
		focusById(id, fallbackId);
	});
	return (id, fallbackId) => {
		next.current = [id, fallbackId];
	};
}

// RemoveConfirm asks "Weet je het zeker?" under an entry or a cost (ui.js
// Confirm: the focus moves to the question; Escape is "Nee, laten staan").
function RemoveConfirm({ p, busy, onYes, onNo }) {
	return html`<${Confirm} id=${p + 'delete'} question=${t('hours.delete_sure')} yes=${t('hours.delete_yes')}
		no=${t('hours.delete_no')} danger busy=${busy} onYes=${onYes} onNo=${onNo} describedBy=${p + 'what'} />`;
}

// enteredByOther: the entry was written down by someone else than this JIM
// (their hulpverlener); the JIM may not change it.
function enteredByOther(a, userId) {
	const by = a.entered_by;
	if (!by) return false;
	if (by.id != null && userId != null) return by.id !== userId;
	return !!by.role && by.role !== 'jim';
}

function ActivityItem({ a, userId, onDone, onRemoved, onStart }) {
	const p = 'a' + a.id + '-';
	const [mode, setMode] = useState('view'); // view | edit | delete
	const [form, setForm] = useState(() => activityForm(a));
	// The change form keeps the entry as it was when it opened (its tag goes
	// with the change); outside it, the entry as shown now.
	const { loaded, adopt, saved, refill } = useLoaded(a,
		(x) => mode !== 'edit' || JSON.stringify(activityForm(x)) === JSON.stringify(form), (x) => setForm(activityForm(x)));
	const c = useCreate();
	const editRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const other = enteredByOther(a, userId);
	const focusAfter = useFocusAfterRender();

	// Changing starts from what is saved now, not from what was typed before "Annuleren".
	// The focus goes into the form that opens (the day is its first field),
	// and back to "Veranderen" when it closes, saved or not: the button that
	// was pressed is gone meanwhile.
	function startEdit() {
		refill(a);
		c.clear();
		onStart();
		focusAfter(p + 'date');
		setMode('edit');
	}
	function cancel() {
		// "Nee, laten staan" gives the focus back to the "Weghalen" that asked
		if (mode === 'delete') focusAfter(p + 'delete', 'activities-title');
		else if (mode === 'edit') focusAfter(p + 'edit', 'activities-title');
		refill(a);
		c.clear();
		setMode('view');
	}

	function save(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = activityBody(form);
			if (body.km == null) body.km = 0;
			if (!body.note) body.note = null; // null clears the note; an empty text is refused
			saved(await patch('/api/v1/activities/' + a.id, body, tagOf(loaded)));
			// the form closes on the entry as it is now stored, not as it was
			await onDone();
			setOk(t('hours.changed'));
			focusAfter(p + 'edit', 'activities-title');
			setMode('view');
		});
	}
	// Taken away: Time puts the focus on the list heading. Refused: the focus
	// stays at the question, next to the message that says why. Changed by
	// someone else since the list was loaded (412, for the change as well):
	// "Nieuwste versie laden" fetches the list again, the entry's new tag
	// with it, and what was typed stays.
	async function remove() {
		await c.run(async () => {
			await del('/api/v1/activities/' + a.id, a.etag);
			await onRemoved();
		});
		focusById(p + 'delete-box', 'activities-title');
	}

	// Every "Veranderen" / "Weghalen" button is described by the day and kind
	// of its entry, so that a screen reader can tell them apart.
	return html`<li class="card activity" id=${'activity-' + a.id}>
		<p class="muted" id=${p + 'what'}>${formatDate(a.date, true)} · ${tOr('activity_kind.' + a.kind, a.kind)}</p>
		<p class="big"><strong>${formatDuration(a.minutes)}</strong>${a.km ? html` · <span class="nowrap">${t('hours.km_n',
			{ km: formatKm(a.km) })}</span>` : ''}</p>
		${a.note ? html`<p class="user-text pre">${a.note}</p>` : null}
		${a.entered_by && a.entered_by.role && a.entered_by.role !== 'jim' ? html`<p class="muted user-text">${t('hours.entered_by',
			{ name: a.entered_by.display_name || '' })}</p>` : null}
		<${FormMessage} c=${c} id=${p + 'message'} scope="plain" />
		<${EditConflict} c=${c} id=${p + 'reload'} onReload=${() => { if (mode === 'edit') adopt(); return onDone(); }}
			focusId=${mode === 'delete' ? p + 'delete-yes' : p + 'save'}
			reloadedText=${mode === 'delete' ? t('hours.delete_reloaded') : null} />
		${a.settled ? html`<p class="notice notice-info" id=${p + 'settled'}>${t('hours.settled_text')}</p>`
		: other ? html`<p class="notice notice-info" id=${p + 'other'}>${t('hours.by_other_text')}</p>`
		: a.locked ? html`<p><span class="badge">${t('hours.locked')}</span></p>`
		: mode === 'edit' ? html`<form onSubmit=${save} novalidate class="edit-form" ref=${editRef}>
			<${ActivityFields} p=${p} form=${form} set=${set} err=${c.err} plain editing />
			<div class="button-row">
				<${Button} type="submit" class="primary" id=${p + 'save'} busy=${c.busy} aria-describedby=${p + 'what'}>${t('hours.save_change')}<//>
				<button type="button" class="secondary" id=${p + 'cancel'} onClick=${cancel}>${t('common.cancel')}</button>
			</div>
		</form>`
		: mode === 'delete' ? html`<${RemoveConfirm} p=${p} busy=${c.busy} onYes=${remove} onNo=${cancel} />`
		: html`<div class="button-row">
			<button type="button" class="secondary" id=${p + 'edit'} onClick=${startEdit} aria-describedby=${p + 'what'}>${t('hours.edit')}</button>
			<button type="button" class="secondary" id=${p + 'delete'} onClick=${() => { c.clear(); onStart(); setMode('delete'); }}
				aria-describedby=${p + 'what'}>${t('hours.delete')}</button>
		</div>`}
	</li>`;
}

// ---- Onkosten -----------------------------------------------------------------

export function ExpensesView({ user }) {
	if (!user.jim_id) return html`<${NotLinked} titleKey="nav.expenses" textKey="jim.not_linked" />`;
	return html`<${Expenses} jimId=${user.jim_id} userId=${user.id} />`;
}

export function csvLink(jimId, from, to) {
	return jimBase(jimId) + '/expenses.csv' + query({ from, to });
}

// The name of that download, as the server gives it: the list of kilometres
// and costs of one JIM over one period (ASCII).
export function csvName(jimId, from, to) {
	return `kilometers-en-kosten-jim-${jimId}-${from}-${to}.csv`;
}

function Expenses({ jimId, userId }) {
	const [costs, reloadCosts] = useList(jimBase(jimId) + '/costs' + query({ from: addDays(today(), -90), to: today() }));
	const [statements, reloadStatements] = useList(jimBase(jimId) + '/statements');
	const [costMessage, setCostMessage] = useState('');
	// as for an activity: say that it is gone, and put the focus on the list heading
	async function removed() {
		await reloadCosts();
		setCostMessage(t('hours.deleted'));
		const h = document.getElementById('costs-title');
		if (h) h.focus();
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.expenses')}</h1>
		<p class="lead">${t('cost.intro')}</p>
		<${CostForm} jimId=${jimId} onDone=${() => { setCostMessage(''); return reloadCosts(); }} />
		<h2 id="costs-title" tabindex="-1">${t('cost.list')}</h2>
		<p class="hint">${t('cost.remove_hint')}</p>
		<${Notice} id="costs-message" kind="ok">${costMessage}<//>
		<${ListStatus} state=${costs} emptyKey="cost.empty" />
		${costs.items.length ? html`<ul class="cards" id="costs" aria-labelledby="costs-title">
			${costs.items.map((x) => html`<${CostItem} key=${x.id} x=${x} userId=${userId} onRemoved=${removed}
				onReload=${reloadCosts} onStart=${() => setCostMessage('')} />`)}
		</ul>` : null}
		<${StatementForm} jimId=${jimId} onDone=${() => Promise.all([reloadStatements(), reloadCosts()])} />
		<h2 id="statements-title" tabindex="-1">${t('stmt.list')}</h2>
		<${ListStatus} state=${statements} emptyKey="stmt.empty" />
		${statements.items.length ? html`<ul class="cards" id="statements" aria-labelledby="statements-title">
			${statements.items.map((s) => html`<${StatementCard} key=${s.id} s=${s} jimId=${jimId} plain />`)}
		</ul>` : null}
	</section>`;
}

// One cost: the JIM may take away a cost they entered wrongly, within 14 days
// and while no expense statement holds its day.
function CostItem({ x, userId, onRemoved, onReload, onStart }) {
	const p = 'c' + x.id + '-';
	const [asking, setAsking] = useState(false);
	const c = useCreate();
	const focusAfter = useFocusAfterRender();
	// as for an activity: the focus on the list heading when the cost is gone,
	// on the question when it is still there
	async function remove() {
		await c.run(async () => {
			try {
				await del('/api/v1/costs/' + x.id);
			} catch (e) {
				await onReload(); // gone or settled meanwhile: show the list as it is now
				throw e;
			}
			await onRemoved();
		});
		focusById(p + 'delete-box', 'costs-title');
	}
	function cancel() {
		focusAfter(p + 'delete', 'costs-title');
		c.clear();
		setAsking(false);
	}
	return html`<li class="card" id=${'cost-' + x.id}>
		<p class="muted" id=${p + 'what'}>${formatDate(x.date, true)}</p>
		<p class="big"><strong>${formatEuro(x.amount_cents)}</strong> · <span class="user-text">${x.description}</span></p>
		${x.receipt_note ? html`<p class="user-text">${t('cost.receipt')}: ${x.receipt_note}</p>` : null}
		<${FormMessage} c=${c} id=${p + 'message'} scope="plain" />
		${x.settled ? html`<p class="notice notice-info" id=${p + 'settled'}>${t('hours.settled_text')}</p>`
		: enteredByOther(x, userId) ? html`<p class="notice notice-info" id=${p + 'other'}>${t('hours.by_other_text')}</p>`
		: x.locked ? html`<p><span class="badge">${t('hours.locked')}</span></p>`
		: asking ? html`<${RemoveConfirm} p=${p} busy=${c.busy} onYes=${remove} onNo=${cancel} />`
		: html`<div class="button-row">
			<button type="button" class="secondary" id=${p + 'delete'} onClick=${() => { c.clear(); onStart(); setAsking(true); }}
				aria-describedby=${p + 'what'}>${t('hours.delete')}</button>
		</div>`}
	</li>`;
}

// CostForm: as the LogForm, what was saved is said under the button, with a
// button that takes the cost away again and puts it back in the form.
function CostForm({ jimId, onDone }) {
	const c = useCreate();
	const { form, setForm, saved, setSaved, set } = useEntryForm(
		() => ({ date: today(), amount: '', description: '', receipt_note: '' }), c);
	const formRef = useFocusError(c.err);

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const cents = parseEuroCents(form.amount);
			if (cents == null || isNaN(cents) || cents < 1 || cents > 100000) throw fieldError('amount_cents');
			if (!form.description.trim()) throw fieldError('description');
			const body = { date: form.date, amount_cents: cents, description: form.description.trim() };
			if (form.receipt_note.trim()) body.receipt_note = form.receipt_note.trim();
			const x = await post(jimBase(jimId) + '/costs', body);
			setOk(t('cost.saved_what', { date: formatDate(body.date, true), amount: formatEuro(cents), description: body.description }));
			setSaved({ id: x && x.id, form });
			setForm((f) => ({ ...f, amount: '', description: '', receipt_note: '' }));
			await onDone();
			showNearby('cost-done');
		});
	}
	const undo = () => undoSaved({ c, saved, setSaved, setForm, onDone, path: '/api/v1/costs/', focusId: 'cost-date' });

	return html`<div class="card" id="cost-form">
		<h2>${t('cost.new')}</h2>
		<p class="hint">${t('cost.new_hint')}</p>
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="cost-date" name="date" type="date" label=${t('cost.date')} value=${form.date} onValue=${set('date')}
				max=${today()} min=${addDays(today(), -90)} err=${c.err} errScope="plain" required />
			<${Field} id="cost-amount" name="amount_cents" label=${t('cost.amount')} hint=${t('cost.amount_hint')} value=${form.amount}
				onValue=${set('amount')} inputmode="decimal" maxlength="8" autocomplete="off" err=${c.err} errScope="plain" required />
			<${Field} id="cost-description" name="description" label=${t('cost.description')} hint=${t('cost.description_hint')}
				value=${form.description} onValue=${set('description')} maxlength="500" autocomplete="off" err=${c.err} errScope="plain" required />
			<${Field} id="cost-receipt" name="receipt_note" label=${t('cost.receipt')} hint=${t('cost.receipt_hint')} optional
				value=${form.receipt_note} onValue=${set('receipt_note')} maxlength="500" autocomplete="off" err=${c.err} errScope="plain" />
			<${Button} type="submit" class="primary wide" busy=${c.busy}>${t('cost.save')}<//>
		</form>
		<div id="cost-done">
			<${FormMessage} c=${c} id="cost-message" scope="plain" />
			${saved && saved.id ? html`<p class="button-row"><${Button} type="button" class="secondary" id="cost-undo" busy=${c.busy}
				onClick=${undo}>${t('hours.undo')}<//></p>` : null}
		</div>
	</div>`;
}

// A refusal of a statement's period as the form shows it: an overlap (409)
// in the JIM's words; an overlap or a period with nothing in it
// (empty_period) is about the period as a whole, said once in the form's
// message: the server names `from`, which would say it again at that field.
function periodError(err) {
	if (err.status === 409) err.code = 'statement_overlap';
	if (err.code === 'statement_overlap' || err.code === 'empty_period') err.field = null;
	return err;
}

// StatementForm: a statement fixes the days of its period for good, so it is
// sent in two steps: "Declaratie maken" asks the server what the period
// holds (statement-preview: the amount, or why it cannot be sent, such as
// an empty period) and shows it with what will happen; "Ja, versturen"
// sends it.
function StatementForm({ jimId, onDone }) {
	const [form, setForm] = useState(previousMonth(today()));
	const [confirming, setConfirming] = useState(false);
	const [preview, setPreview] = useState(null);
	const c = useCreate();
	const focusAfter = useFocusAfterRender();
	const box = useRef(null);
	// The question takes the focus in the render that shows it.
	useLayoutEffect(() => {
		if (confirming && box.current) box.current.focus();
	}, [confirming]);
	const set = (k) => (v) => {
		setConfirming(false);
		setForm((f) => ({ ...f, [k]: v }));
	};

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!form.from) throw fieldError('from');
			if (!form.to || form.to < form.from) throw fieldError('to');
			let p;
			try {
				p = await get(jimBase(jimId) + '/statement-preview' + query({ from: form.from, to: form.to }));
			} catch (err) {
				throw periodError(err);
			}
			setPreview(p);
			setConfirming(true);
		});
	}
	// Sent: the focus on the list of statements, where the new one is. Refused
	// or "Nee, nog niet": back on "Declaratie maken", under the message.
	function send() {
		c.run(async (setOk) => {
			try {
				await post(jimBase(jimId) + '/statements', { from: form.from, to: form.to });
			} catch (err) {
				periodError(err);
				focusAfter('stmt-make', 'statements-title');
				setConfirming(false);
				throw err;
			}
			await onDone();
			focusAfter('statements-title');
			setConfirming(false);
			setOk(t('stmt.made'));
		});
	}
	function notYet() {
		focusAfter('stmt-make');
		setConfirming(false);
	}

	return html`<div class="card" id="statement-form">
		<h2>${t('stmt.new')}</h2>
		<p>${t('stmt.new_intro')}</p>
		<p class="notice notice-warning" id="stmt-lock-warning">${t('stmt.lock_warning')}</p>
		<${FormMessage} c=${c} id="statement-message" scope="stmt" />
		<form onSubmit=${submit} novalidate>
			<div class="filter-row">
				<${Field} id="stmt-from" name="from" type="date" label=${t('stmt.from')} value=${form.from} onValue=${set('from')}
					max=${today()} err=${c.err} errScope="stmt" required />
				<${Field} id="stmt-to" name="to" type="date" label=${t('stmt.to')} value=${form.to} onValue=${set('to')}
					max=${today()} err=${c.err} errScope="stmt" required />
			</div>
			${confirming && preview ? html`<div class="notice notice-warning confirm" id="stmt-confirm-box" tabindex="-1" ref=${box}
				role="group" aria-labelledby="stmt-confirm-q stmt-confirm-lock"
				onKeyDown=${(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); notYet(); } }}>
				<p id="stmt-confirm-q"><strong>${t('stmt.confirm_claim', { total: formatEuro(preview.total_cents),
					from: formatDate(form.from, true), to: formatDate(form.to, true) })}</strong></p>
				<${StatementAmounts} s=${preview} idPrefix="stmt-preview-" />
				<p id="stmt-confirm-lock"><strong>${t('stmt.confirm_lock')}</strong></p>
				<div class="button-row">
					<${Button} type="button" class="primary" id="stmt-confirm" onClick=${send} busy=${c.busy}>${t('stmt.confirm_yes')}<//>
					<button type="button" class="secondary" id="stmt-confirm-no" onClick=${notYet}>
						${t('stmt.confirm_no')}</button>
				</div>
			</div>` : html`<div class="button-row">
				<${Button} type="submit" class="primary" id="stmt-make" busy=${c.busy}>${t('stmt.make')}<//>
				<button type="button" class="secondary" onClick=${() => { setConfirming(false); setForm({ from: firstOfMonth(today()), to: today() }); }}>
					${t('stmt.this_month')}</button>
			</div>`}
		</form>
		<p><${DownloadLink} href=${csvLink(jimId, form.from, form.to)} name=${csvName(jimId, form.from, form.to)} id="csv-link" scope="stmt">${t('stmt.csv')}<//></p>
		<p class="hint">${t('stmt.csv_hint')}</p>
	</div>`;
}

// StatementAmounts: km × rate, other costs and the total.
export function StatementAmounts({ s, idPrefix }) {
	return html`<dl class="facts amounts" id=${idPrefix ? idPrefix + 'amounts' : undefined}>
		<dt>${t('stmt.km_part')}</dt><dd>${t('stmt.km_line', { km: formatKm(s.km), rate: formatEuro(s.rate_cents_per_km),
			amount: formatEuro(s.km_amount_cents) })}</dd>
		<dt>${t('stmt.other_costs')}</dt><dd>${formatEuro(s.other_costs_cents)}</dd>
		<dt>${t('stmt.total')}</dt><dd><strong>${formatEuro(s.total_cents)}</strong></dd>
	</dl>`;
}

export function StatusBadge({ s, plain }) {
	const st = String(s.status || '').replace(/[^a-z_]/g, '');
	return html`<span class=${'badge badge-stmt-' + st}>${tOr((plain ? 'stmt_status_plain.' : 'stmt_status.') + st, st)}</span>`;
}

export function StatementCard({ s, jimId, plain, children }) {
	return html`<li class="card statement" id=${'statement-' + s.id}>
		<h3>${t('stmt.period', { from: formatDate(s.from, plain), to: formatDate(s.to, plain) })}</h3>
		<p><${StatusBadge} s=${s} plain=${plain} /></p>
		<${StatementAmounts} s=${s} />
		${s.decided_by ? html`<p class="user-text statement-decider">${t('stmt.decided_by_name', { name: s.decided_by.display_name })}</p>` : null}
		${s.decision_note ? html`<p class="user-text">${t('stmt.decision_note')}: ${s.decision_note}</p>` : null}
		${plain ? html`<p>${t('stmt_status_text.' + (s.status || 'submitted'))}</p>` : null}
		<p class="link-row"><a href=${'#/statements/' + s.id}>${t('stmt.open')}</a>
			<${DownloadLink} href=${csvLink(jimId || s.jim_id, s.from, s.to)} name=${csvName(jimId || s.jim_id, s.from, s.to)}>${t('stmt.csv_short')}<//></p>
		${children}
	</li>`;
}

// ---- The printable statement: #/statements/{id} ----------------------------------

export function StatementPage({ user, route }) {
	const id = /^\d+$/.test(route.id || '') ? route.id : null;
	const [st, reload] = useData(id ? '/api/v1/statements/' + id : null);
	const done = useDone();
	const s = st.data;
	const plain = user.role === 'jim';
	const team = user.role === 'professional' || user.role === 'teamlead';
	if (!id || (st.err && st.err.status === 404)) {
		return html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('stmt.title')}</h1>
			<p>${t('notfound.text')}</p><p><a class="go-link" href="#/">${t('common.back_home')}</a></p></section>`;
	}
	const lines = (s && s.lines) || [];
	return html`<section aria-labelledby="page-title" class="printable">
		<p class="crumbs no-print">${plain ? html`<a href="#/expenses">${t('common.back')}</a>`
			: html`<button type="button" class="link-button" onClick=${() => window.history.back()}>${t('common.back')}</button>`}</p>
		<h1 id="page-title" tabindex="-1">${t('stmt.title')}</h1>
		<${DataStatus} state=${st} />
		${s ? html`
			<dl class="facts" id="statement-facts">
				<dt>${t('stmt.period_label')}</dt><dd>${t('stmt.period', { from: formatDate(s.from, plain), to: formatDate(s.to, plain) })}</dd>
				${s.jim_name ? html`<dt>${t('stmt.jim')}</dt><dd class="user-text">${s.jim_name}</dd>` : null}
				<dt>${t('stmt.status')}</dt><dd><${StatusBadge} s=${s} plain=${plain} /></dd>
				<dt>${t('stmt.made_on')}</dt><dd>${plain ? formatWhen(s.created_at) : formatTime(s.created_at)}</dd>
				${s.decided_at ? html`<dt>${t('stmt.decided_on')}</dt><dd>${plain ? formatWhen(s.decided_at)
					: formatTime(s.decided_at)}</dd>` : null}
				${s.decided_by ? html`<dt>${t('stmt.decided_by')}</dt><dd class="user-text" id="statement-decider">${s.decided_by.display_name}</dd>` : null}
				${s.decision_note ? html`<dt>${t('stmt.decision_note')}</dt><dd class="user-text">${s.decision_note}</dd>` : null}
			</dl>
			<${StatementAmounts} s=${s} idPrefix="statement-" />
			<h2 id="lines-title">${t('stmt.lines')}</h2>
			${lines.length && plain ? html`<${PlainLines} lines=${lines} />`
			: lines.length ? html`<${TableWrap} labelId="lines-title">
				<table class="data" id="statement-lines">
					<thead><tr><th scope="col">${t('stmt.line_date')}</th><th scope="col">${t('stmt.line_what')}</th>
						<th scope="col">${t('hours.km_short')}</th><th scope="col">${t('stmt.line_amount')}</th></tr></thead>
					<tbody>${lines.map((l, i) => html`<tr key=${i}>
						<td class="nowrap">${formatDate(l.date, plain)}</td>
						<td class="user-text">${lineWhat(l)}</td>
						<td>${l.km != null ? formatKm(l.km) : ''}</td>
						<td class="nowrap">${l.amount_cents != null ? formatEuro(l.amount_cents) : ''}</td></tr>`)}</tbody>
				</table><//>` : html`<p>${t('stmt.no_lines')}</p>`}
			<p class="no-print button-row"><button type="button" class="secondary" id="print-button"
				onClick=${() => window.print()}>${t('common.print')}</button>
				<${DownloadLink} className="button secondary" href=${csvLink(s.jim_id, s.from, s.to)} name=${csvName(s.jim_id, s.from, s.to)}>${t('stmt.csv_short')}<//></p>
			${team ? html`<${DoneMessage} done=${done} id="statement-decided" />` : null}
			${team && s.status === 'submitted' ? html`<${StatementDecision} s=${s} onDone=${reload} onDecided=${done.say} />` : null}
		` : null}
	</section>`;
}

// PlainLines: the lines of a statement for the JIM, one card each, so that
// on a phone the amount of every line shows next to what it was for (a
// table of four columns scrolled sideways at 360 px, the amounts out of view).
function PlainLines({ lines }) {
	return html`<ul class="cards" id="statement-lines" aria-labelledby="lines-title">
		${lines.map((l, i) => html`<li class="card statement-line" key=${i}>
			<p class="muted">${formatDate(l.date, true)}</p>
			<p class="user-text">${lineWhat(l)}</p>
			<p><strong class="nowrap line-amount">${l.amount_cents != null ? formatEuro(l.amount_cents) : ''}</strong>${l.km != null
				? html` · <span class="nowrap">${t('hours.km_n', { km: formatKm(l.km) })}</span>` : null}</p>
		</li>`)}
	</ul>`;
}

function lineWhat(l) {
	const kind = l.kind ? tOr('activity_kind.' + l.kind, l.kind) : l.type ? tOr('stmt_line.' + l.type, l.type) : '';
	const text = l.description || l.note || '';
	return [kind, text, l.receipt_note ? '(' + t('cost.receipt') + ': ' + l.receipt_note + ')' : ''].filter(Boolean).join(' – ');
}

// StatementDecision: approve (note optional) or reject (note required). The
// form is gone once the statement is decided, so onDecided(text) lets the
// page around it say what happened.
export function StatementDecision({ s, onDone, onDecided }) {
	const p = 's' + s.id + '-';
	const [note, setNote] = useState('');
	const c = useCreate();

	function decide(kind) {
		c.run(async () => {
			const text = note.trim();
			if (kind === 'reject' && !text) throw fieldError('note');
			await post('/api/v1/statements/' + s.id + '/' + kind, text ? { note: text } : {});
			await onDone();
			onDecided(t(kind === 'approve' ? 'stmt.approved_ok' : 'stmt.rejected_ok',
				{ from: formatDate(s.from), to: formatDate(s.to) }));
			setNote('');
		});
	}

	return html`<div class="decision no-print">
		<${FormMessage} c=${c} id=${p + 'decide-message'} scope="stmt_decide" />
		<form onSubmit=${(e) => { e.preventDefault(); decide('approve'); }} novalidate>
			<${TextArea} id=${p + 'note'} name="note" label=${t('stmt.decide_note')} hint=${t('stmt.decide_note_hint')} rows="2"
				value=${note} onValue=${setNote} maxlength="2000" err=${c.err} errScope="stmt_decide" />
			<div class="button-row">
				<${Button} type="submit" class="primary" id=${p + 'approve'} busy=${c.busy}>${t('stmt.approve')}<//>
				<${Button} type="button" class="danger" id=${p + 'reject'} onClick=${() => decide('reject')} busy=${c.busy}>
					${t('stmt.reject')}<//>
			</div>
		</form>
	</div>`;
}

// ---- Hoe gaat het? -------------------------------------------------------------------

export function CheckInView({ user }) {
	if (!user.jim_id) return html`<${NotLinked} titleKey="checkin.title" textKey="jim.not_linked" />`;
	return html`<${CheckIn} jimId=${user.jim_id} />`;
}

// Scale: a group of large radio buttons with a text for every value, which
// wraps on a narrow phone (a select cuts a long text off). The error text is
// validation.checkin.<name>, or with errScope the form's (i18n errorText).
// className "choices": smaller, in a form among other fields.
function Scale({ id, name, legend, hint, values, labelKey, value, onValue, err, errScope, className }) {
	const fe = errorAt(err, name);
	const invalid = !!fe;
	return html`<fieldset class=${'scale' + (className ? ' ' + className : '')} id=${id} aria-describedby=${[hint ? id + '-hint' : null, invalid ? id + '-error' : null]
		.filter(Boolean).join(' ') || undefined}>
		<legend>${legend}</legend>
		${hint ? html`<p class="hint" id=${id + '-hint'}>${hint}</p>` : null}
		<div class="scale-options">
			${values.map((v) => html`<label class=${'scale-option' + (String(value) === String(v) ? ' chosen' : '')}
				key=${v} for=${id + '-' + v}>
				<input type="radio" id=${id + '-' + v} name=${name} value=${v} checked=${String(value) === String(v)}
					onChange=${() => onValue(String(v))} aria-invalid=${invalid ? 'true' : undefined} />
				${typeof v === 'number' ? html`<span class="scale-num" aria-hidden="true">${v}</span>` : null}
				<span class="scale-text">${t(labelKey + v)}</span>
			</label>`)}
		</div>
		${invalid ? html`<p class="field-error" id=${id + '-error'}>${errScope ? errorText(fe, errScope)
			: t('validation.checkin.' + name)}</p>` : null}
	</fieldset>`;
}

function CheckIn({ jimId }) {
	const [st, reload] = useData(jimBase(jimId) + '/checkins');
	const [form, setForm] = useState({ wellbeing: '', burden: '', continue: '', note: '' });
	const [sent, setSent] = useState(null);
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const data = st.data;

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			for (const k of ['wellbeing', 'burden', 'continue']) if (!form[k]) throw fieldError(k);
			const body = { wellbeing: parseInt(form.wellbeing, 10), burden: parseInt(form.burden, 10), continue: form.continue };
			if (form.note.trim()) body.note = form.note.trim();
			await post(jimBase(jimId) + '/checkins', body);
			setForm({ wellbeing: '', burden: '', continue: '', note: '' });
			// thanked once the list below shows the answer, with the focus on the thanks
			await reload();
			setSent(body.continue);
			setTimeout(() => focusById('checkin-thanks'), 0);
		});
	}

	const items = (data && data.items) || [];
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('checkin.title')}</h1>
		<p class="lead">${t('checkin.intro')}</p>
		<${DataStatus} state=${st} />
		${data ? html`<p class=${'notice ' + (data.due ? 'notice-warning' : 'notice-info')} id="checkin-due">${data.due
			? t('checkin.due_now') : data.next_due_on ? t('checkin.next_due', { date: formatDate(data.next_due_on, true) }) : t('checkin.any_time')}</p>` : null}
		${sent ? html`<div class="notice notice-ok" id="checkin-thanks" tabindex="-1" role="status">
			<p><strong>${t('checkin.thanks')}</strong></p>
			${sent !== 'yes' ? html`<p>${t('checkin.thanks_' + sent)}</p>` : null}
		</div>` : null}
		<div class="card" id="checkin-form">
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${Scale} id="ci-wellbeing" name="wellbeing" legend=${t('checkin.q_wellbeing')} values=${[1, 2, 3, 4, 5]}
					labelKey="checkin.wellbeing_" value=${form.wellbeing} onValue=${set('wellbeing')} err=${c.err} />
				<${Scale} id="ci-burden" name="burden" legend=${t('checkin.q_burden')} hint=${t('checkin.q_burden_hint')}
					values=${[1, 2, 3, 4, 5]} labelKey="checkin.burden_" value=${form.burden} onValue=${set('burden')} err=${c.err} />
				<${Scale} id="ci-continue" name="continue" legend=${t('checkin.q_continue')} values=${CONTINUE_ANSWERS}
					labelKey="checkin.continue_" value=${form.continue} onValue=${set('continue')} err=${c.err} />
				<${TextArea} id="ci-note" name="note" label=${t('checkin.note')} hint=${t('checkin.note_hint')} optional rows="3"
					value=${form.note} onValue=${set('note')} maxlength="1000" err=${c.err} errScope="checkin" />
				<${Button} type="submit" class="primary wide" busy=${c.busy}>${t('checkin.send')}<//>
			</form>
			<${FormMessage} c=${c} id="checkin-message" scope="checkin" />
		</div>
		${items.length ? html`<h2 id="checkins-title">${t('checkin.earlier')}</h2>
		<ul class="cards" id="checkins" aria-labelledby="checkins-title">
			${items.slice(0, 6).map((x) => html`<li class="card" key=${x.id}>
				<p class="muted">${formatWhen(x.created_at)}</p>
				<p>${t('checkin.q_wellbeing_short')}: <strong>${t('checkin.wellbeing_' + x.wellbeing)}</strong></p>
				<p>${t('checkin.q_burden_short')}: <strong>${t('checkin.burden_' + x.burden)}</strong></p>
				<p>${t('checkin.q_continue_short')}: <strong>${tOr('checkin.continue_' + x.continue, x.continue)}</strong></p>
				${x.note ? html`<p class="user-text pre">${x.note}</p>` : null}
			</li>`)}
		</ul>` : null}
	</section>`;
}
