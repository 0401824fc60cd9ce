// The dossier's "Uitkomsten" section (docs/api-outcomes.md): measurements at
// the standard moments with their schedule, dated events and school
// attendance, each as a list with a form to add one.
import { useState } from '../vendor/hooks.module.js';
import {
	html, Field, SelectField, TextArea, TableWrap, useData, DataStatus, useCreate, FormMessage, useList, ListStatus, Notice, Button,
	useFocusError,
} from '../ui.js';
import { t, tOr, formatDate, today } from '../i18n.js';
import { post } from '../api.js';
import { parseDecimal, fieldError, formatNumber, daysBetween } from '../format.js';

export const MOMENTS = ['T0', 'T3', 'T9', 'T15', 'F12', 'F24'];
export const MEASUREMENT_KINDS = ['satisfaction_youth', 'satisfaction_parents', 'goal_realisation', 'instrument'];
export const EVENT_TYPES = ['police_contact', 'ran_away', 'school_dropout', 'school_return', 'hospital', 'work_start'];

const base = (id) => '/api/v1/youths/' + id;
const opts = (values, prefix) => values.map((v) => ({ value: v, label: t(prefix + v) }));

export function OutcomesTab({ id }) {
	return html`<p>${t('outcomes.intro')}</p>
		<${Measurements} id=${id} />
		<${Events} id=${id} />
		<${Attendance} id=${id} />`;
}

// ---- Measurements -------------------------------------------------------------

function scoreText(m) {
	const s = formatNumber(m.score, 2);
	if (m.kind === 'goal_realisation') return t('outcomes.score_percent', { score: s });
	if (m.kind === 'instrument') {
		return t('outcomes.score_scale', { score: s, min: formatNumber(m.scale_min, 2), max: formatNumber(m.scale_max, 2) });
	}
	return t('outcomes.score_of_10', { score: s });
}

function Measurements({ id }) {
	const [st, reload] = useData(base(id) + '/measurements');
	const data = st.data;
	const items = (data && data.items) || [];
	const schedule = (data && data.schedule) || [];
	const late = schedule.filter((s) => s.status === 'overdue').length;
	const due = schedule.filter((s) => s.status === 'due').length;
	return html`<h3 id="measurements-title">${t('outcomes.measurements')}</h3>
		<${DataStatus} state=${st} />
		${data ? html`
		<h4 id="schedule-title">${t('outcomes.schedule')}</h4>
		${late || due ? html`<p class=${'notice ' + (late ? 'notice-warning' : 'notice-info')} id="schedule-alert">${[
			late ? t('outcomes.overdue_n', { n: late }) : '', due ? t('outcomes.due_n', { n: due }) : ''].filter(Boolean).join(' ')}</p>` : null}
		${schedule.length ? html`<ol class="schedule" aria-labelledby="schedule-title" id="schedule">
			${schedule.map((s) => html`<li key=${s.moment} id=${'schedule-' + s.moment} class=${'schedule-item schedule-' + s.status}>
				<span class="schedule-moment">${tOr('moment.' + s.moment, s.moment)}</span>
				<span class="schedule-date">${t('outcomes.due_on', { date: formatDate(s.due_on) })}</span>
				<span class=${'badge badge-' + s.status}>${tOr('mstatus.' + s.status, s.status)}</span>
			</li>`)}
		</ol>` : html`<p>${t('outcomes.no_schedule')}</p>`}
		<p class="hint">${t('outcomes.schedule_hint')}</p>
		<h4 id="measurement-list-title">${t('outcomes.measurement_list')}</h4>
		${items.length ? html`<${TableWrap} labelId="measurement-list-title">
			<table class="data" id="measurement-table">
				<thead><tr><th scope="col">${t('outcomes.moment')}</th><th scope="col">${t('outcomes.measured_on')}</th>
					<th scope="col">${t('outcomes.kind')}</th><th scope="col">${t('outcomes.score')}</th></tr></thead>
				<tbody>${items.map((m) => html`<tr key=${m.id}>
					<td>${m.moment}</td><td class="nowrap">${formatDate(m.measured_on)}</td>
					<td>${tOr('mkind.' + m.kind, m.kind)}${m.instrument ? html`: <span class="user-text">${m.instrument}</span>` : null}</td>
					<td>${scoreText(m)}</td></tr>`)}
				</tbody>
			</table><//>` : html`<p id="measurement-empty">${t('outcomes.no_measurements')}</p>`}
		<${NewMeasurement} id=${id} schedule=${schedule} onDone=${reload} />` : null}`;
}

// A moment's window (docs/api-outcomes.md): from 14 days before its date
// until 30 days after it.
const WINDOW_BEFORE = 14;
const WINDOW_AFTER = 30;

function fromDue(s, day) {
	return s && s.due_on && /^\d{4}-\d{2}-\d{2}$/.test(day || '') ? daysBetween(s.due_on, day) : NaN;
}

function inWindow(s, day) {
	const d = fromDue(s, day);
	return d >= -WINDOW_BEFORE && d <= WINDOW_AFTER;
}

// momentFor is the moment a measurement on `day` belongs to: the one whose
// window holds that day (the nearest date when two do), else '' so that the
// user chooses.
export function momentFor(schedule, day) {
	let best = null;
	for (const s of schedule) {
		if (inWindow(s, day) && (!best || Math.abs(fromDue(s, day)) < Math.abs(fromDue(best, day)))) best = s;
	}
	return best ? best.moment : '';
}

function distanceText(days) {
	const n = Math.abs(days);
	return n < 60 ? t(n === 1 ? 'outcomes.n_days_one' : 'outcomes.n_days', { n }) : t('outcomes.n_months', { n: Math.round(n / 30.44) });
}

// momentWarning says in words when the chosen moment's date is far (outside
// its window) from the date of the measurement; '' when it is not.
function momentWarning(schedule, moment, day) {
	const s = schedule.find((x) => x.moment === moment);
	const d = fromDue(s, day);
	if (isNaN(d) || inWindow(s, day)) return '';
	return t(d > 0 ? 'outcomes.moment_far_after' : 'outcomes.moment_far_before',
		{ moment, date: formatDate(s.due_on), distance: distanceText(d) });
}

// What the plan says about goal realisation on `day`: of the goals agreed by
// then, how many were reached by then (a stopped goal counts as not
// reached); null when no goal was agreed yet.
export function planRealisation(plan, day) {
	const agreed = ((plan && plan.goals) || []).filter((g) => g.agreed_on && g.agreed_on <= day);
	if (!agreed.length) return null;
	const reached = agreed.filter((g) => g.status === 'reached' && g.ended_on && g.ended_on <= day).length;
	return { reached, n: agreed.length, percent: Math.round((100 * reached) / agreed.length) };
}

// The plan's figure for a goal-realisation measurement, with a button that
// puts it in the score field.
function FromPlan({ id, day, onUse }) {
	const [st] = useData(base(id) + '/plan');
	const r = st.data ? planRealisation(st.data, day) : null;
	if (!r) return null;
	return html`<p class="hint" id="ms-from-plan">${t('outcomes.from_plan', r)}${' '}
		<button type="button" class="link-button" id="ms-from-plan-use" onClick=${() => onUse(String(r.percent))}>
			${t('outcomes.from_plan_use', r)}</button></p>`;
}

function NewMeasurement({ id, schedule, onDone }) {
	const [form, setForm] = useState({ moment: '', measured_on: today(), kind: 'satisfaction_youth', score: '', instrument: '',
		scale_min: '', scale_max: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	// Until the user chooses, the moment follows the date of the measurement.
	const moment = form.moment || momentFor(schedule, form.measured_on);
	const warning = momentWarning(schedule, moment, form.measured_on);
	const instrument = form.kind === 'instrument';

	function number(field, text) {
		const s = String(text).trim().replace(/^-/, '');
		const v = parseDecimal(s, 3);
		if (v === null || isNaN(v)) throw fieldError(field);
		return String(text).trim().startsWith('-') ? -v : v;
	}

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			if (!moment) throw fieldError('moment');
			const body = { moment, measured_on: form.measured_on, kind: form.kind, score: number('score', form.score) };
			if (instrument) {
				body.instrument = form.instrument.trim();
				body.scale_min = number('scale_min', form.scale_min);
				body.scale_max = number('scale_max', form.scale_max);
			}
			await post(base(id) + '/measurements', body);
			setOk(t('outcomes.measurement_added', { moment }));
			setForm((f) => ({ ...f, moment: '', score: '' }));
			await onDone();
		});
	}

	return html`<div class="card" id="new-measurement">
		<h4>${t('outcomes.new_measurement')}</h4>
		<${FormMessage} c=${c} id="measurement-message" scope="measurement" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="ms-date" name="measured_on" type="date" label=${t('outcomes.measured_on')} value=${form.measured_on}
				onValue=${set('measured_on')} max=${today()} err=${c.err} required />
			<${SelectField} id="ms-moment" name="moment" label=${t('outcomes.moment')} value=${moment} onValue=${set('moment')}
				err=${c.err} errScope="measurement" describedBy="ms-moment-warning"
				options=${[{ value: '', label: t('common.choose') }, ...MOMENTS.map((m) => ({ value: m, label: tOr('moment.' + m, m) }))]} />
			<${Notice} id="ms-moment-warning" kind="warning">${warning}<//>
			<${SelectField} id="ms-kind" name="kind" label=${t('outcomes.kind')} value=${form.kind} onValue=${set('kind')}
				err=${c.err} options=${opts(MEASUREMENT_KINDS, 'mkind.')} />
			${instrument ? html`
				<${Field} id="ms-instrument" name="instrument" label=${t('outcomes.instrument')} hint=${t('outcomes.instrument_hint')}
					value=${form.instrument} onValue=${set('instrument')} maxlength="100" autocomplete="off" err=${c.err} required />
				<div class="filter-row">
					<${Field} id="ms-scale-min" name="scale_min" label=${t('outcomes.scale_min')} value=${form.scale_min}
						onValue=${set('scale_min')} inputmode="decimal" maxlength="12" autocomplete="off" err=${c.err} errScope="measurement" required />
					<${Field} id="ms-scale-max" name="scale_max" label=${t('outcomes.scale_max')} value=${form.scale_max}
						onValue=${set('scale_max')} inputmode="decimal" maxlength="12" autocomplete="off" err=${c.err} errScope="measurement" required />
				</div>` : null}
			${form.kind === 'goal_realisation' ? html`<${FromPlan} id=${id} day=${form.measured_on || today()} onUse=${set('score')} />` : null}
			<${Field} id="ms-score" name="score" label=${t('outcomes.score')} hint=${t('outcomes.score_hint.' + form.kind)}
				value=${form.score} onValue=${set('score')} inputmode="decimal" maxlength="12" autocomplete="off" err=${c.err}
				errScope="measurement" required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('outcomes.add_measurement')}<//>
		</form>
	</div>`;
}

// ---- Events ---------------------------------------------------------------------

function Events({ id }) {
	const [list, reload] = useList(base(id) + '/events');
	const [form, setForm] = useState({ type: '', occurred_on: today(), note: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { type: form.type || null, occurred_on: form.occurred_on };
			if (form.note.trim()) body.note = form.note.trim();
			await post(base(id) + '/events', body);
			setOk(t('outcomes.event_added', { type: tOr('event.' + body.type, body.type), date: formatDate(body.occurred_on) }));
			setForm((f) => ({ ...f, type: '', note: '' }));
			await reload();
		});
	}

	return html`<h3 id="events-title">${t('outcomes.events')}</h3>
		<${ListStatus} state=${list} emptyKey="outcomes.no_events" />
		${list.items.length ? html`<${TableWrap} labelId="events-title">
			<table class="data" id="event-table">
				<thead><tr><th scope="col">${t('outcomes.occurred_on')}</th><th scope="col">${t('outcomes.event_type')}</th>
					<th scope="col">${t('common.note')}</th></tr></thead>
				<tbody>${list.items.map((x) => html`<tr key=${x.id}>
					<td class="nowrap">${formatDate(x.occurred_on)}</td><td>${tOr('event.' + x.type, x.type)}</td>
					<td class="user-text">${x.note || ''}</td></tr>`)}
				</tbody>
			</table><//>` : null}
		<details class="card disclosure" id="new-event">
			<summary><span class="h2-like">${t('outcomes.new_event')}</span></summary>
			<${FormMessage} c=${c} id="event-message" scope="event" />
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${SelectField} id="ev-type" name="type" label=${t('outcomes.event_type')} value=${form.type} onValue=${set('type')}
					err=${c.err} options=${[{ value: '', label: t('common.choose') }, ...opts(EVENT_TYPES, 'event.')]} />
				<${Field} id="ev-date" name="occurred_on" type="date" label=${t('outcomes.occurred_on')} value=${form.occurred_on}
					onValue=${set('occurred_on')} max=${today()} err=${c.err} errScope="event" required />
				<${TextArea} id="ev-note" name="note" label=${t('common.note')} optional value=${form.note} onValue=${set('note')}
					maxlength="2000" err=${c.err} />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('outcomes.add_event')}<//>
			</form>
		</details>`;
}

// ---- School attendance --------------------------------------------------------------

function Attendance({ id }) {
	const [list, reload] = useList(base(id) + '/attendance');
	const [form, setForm] = useState({ period_from: '', period_to: today(), share_attended: '', times_late: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function whole(field, text, optional) {
		const s = String(text).trim();
		if (!s && optional) return undefined;
		if (!/^\d+$/.test(s)) throw fieldError(field);
		return parseInt(s, 10);
	}

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = { period_from: form.period_from || null, period_to: form.period_to || null,
				share_attended: whole('share_attended', form.share_attended.replace(/%$/, '')) };
			const late = whole('times_late', form.times_late, true);
			if (late !== undefined) body.times_late = late;
			await post(base(id) + '/attendance', body);
			setOk(t('outcomes.attendance_added', { from: formatDate(body.period_from), to: formatDate(body.period_to) }));
			setForm({ period_from: '', period_to: today(), share_attended: '', times_late: '' });
			await reload();
		});
	}

	return html`<h3 id="attendance-title">${t('outcomes.attendance')}</h3>
		<${ListStatus} state=${list} emptyKey="outcomes.no_attendance" />
		${list.items.length ? html`<${TableWrap} labelId="attendance-title">
			<table class="data" id="attendance-table">
				<thead><tr><th scope="col">${t('outcomes.period')}</th><th scope="col">${t('outcomes.share_attended')}</th>
					<th scope="col">${t('outcomes.times_late')}</th></tr></thead>
				<tbody>${list.items.map((x) => html`<tr key=${x.id}>
					<td class="nowrap">${t('outcomes.period_range', { from: formatDate(x.period_from), to: formatDate(x.period_to) })}</td>
					<td>${t('outcomes.score_percent', { score: x.share_attended })}</td>
					<td>${x.times_late == null ? '–' : x.times_late}</td></tr>`)}
				</tbody>
			</table><//>` : null}
		<details class="card disclosure" id="new-attendance">
			<summary><span class="h2-like">${t('outcomes.new_attendance')}</span></summary>
			<${FormMessage} c=${c} id="attendance-message" scope="attendance" />
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<div class="filter-row">
					<${Field} id="at-from" name="period_from" type="date" label=${t('outcomes.period_from')} value=${form.period_from}
						onValue=${set('period_from')} max=${today()} err=${c.err} errScope="attendance" required />
					<${Field} id="at-to" name="period_to" type="date" label=${t('outcomes.period_to')} value=${form.period_to}
						onValue=${set('period_to')} max=${today()} err=${c.err} errScope="attendance" required />
				</div>
				<${Field} id="at-share" name="share_attended" label=${t('outcomes.share_attended')} hint=${t('outcomes.share_hint')}
					value=${form.share_attended} onValue=${set('share_attended')} inputmode="numeric" maxlength="4" autocomplete="off"
					err=${c.err} errScope="attendance" required />
				<${Field} id="at-late" name="times_late" label=${t('outcomes.times_late')} optional value=${form.times_late}
					onValue=${set('times_late')} inputmode="numeric" maxlength="4" autocomplete="off" err=${c.err} errScope="attendance" />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('outcomes.add_attendance')}<//>
			</form>
		</details>`;
}
