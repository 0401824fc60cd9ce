// Meetings: network meetings, the safety table and evaluations
// (docs/api-jim-support.md). For the team: the list and a new-meeting form
// on the dossier, and the meeting page (#/meetings/{id}) with participants,
// attendance, minutes, decisions (optionally applied to the dossier) and
// actions; a printable summary (#/meetings/{id}/summary) and the .ics
// invitation. For the JIM (consent share_meetings): a plain read-only view.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import {
	html, Field, SelectField, TextArea, CheckField, useData, DataStatus, useCreate, FormMessage, useList, ListStatus, Button, Confirm,
	useDone, DoneMessage, useFocusError, EditConflict, useLoaded,
} from '../ui.js';
import { t, tOr, formatDate, formatTime, formatWhen } from '../i18n.js';
import { post, patch, del, partsMatch } from '../api.js';
import { MEETING_KINDS, DECISION_TYPES, LEGAL_FRAMES, LIVING_SITUATIONS, fullName, isPlainRole } from '../domain.js';
import { MyActions, CalendarFeed } from './support.js';
import { focusLater } from './privacy.js';
import { fieldError, unchangedError, amsterdamToUtc, utcToAmsterdam, formatTimeRange, addDays, today } from '../format.js';

const opts = (values, prefix) => values.map((v) => ({ value: v, label: t(prefix + v) }));
const withChoose = (options) => [{ value: '', label: t('common.choose') }, ...options];
const meetingPath = (id) => '/api/v1/meetings/' + id;

// startEnd turns the form's local date and times into UTC ISO times; an end
// before the start is taken as the next day (an evening meeting past midnight).
function startEnd(form) {
	const starts = amsterdamToUtc(form.date, form.start);
	if (!starts) throw fieldError(form.date ? 'starts_at' : 'date');
	let ends = amsterdamToUtc(form.date, form.end);
	if (!ends) throw fieldError('ends_at');
	if (ends <= starts) ends = amsterdamToUtc(addDays(form.date, 1), form.end);
	return { starts_at: starts, ends_at: ends };
}

function participantName(p) {
	return p.name || (p.user_id ? t('meeting.user_n', { id: p.user_id }) : t('common.unknown'));
}

function ownerName(a, participants) {
	if (a.owner_name) return a.owner_name;
	if (a.owner_user_id) {
		const p = (participants || []).find((x) => x.user_id === a.owner_user_id);
		return p ? participantName(p) : t('meeting.user_n', { id: a.owner_user_id });
	}
	return t('common.none');
}

export function MeetingTimeFields({ p, form, set, err }) {
	return html`<${Field} id=${p + 'date'} name="date" type="date" label=${t('meeting.date')} value=${form.date}
			onValue=${set('date')} err=${err} required />
		<div class="filter-row">
			<${Field} id=${p + 'start'} name="starts_at" type="time" label=${t('meeting.start')} value=${form.start}
				onValue=${set('start')} err=${err} errScope="meeting" required />
			<${Field} id=${p + 'end'} name="ends_at" type="time" label=${t('meeting.end')} value=${form.end}
				onValue=${set('end')} err=${err} errScope="meeting" required />
		</div>
		<p class="hint">${t('meeting.time_hint')}</p>`;
}

// ---- On the dossier: list and new meeting ----------------------------------------

export function MeetingsTab({ id }) {
	const [list, reload] = useList('/api/v1/youths/' + id + '/meetings');
	const now = new Date().toISOString();
	const upcoming = list.items.filter((m) => m.ends_at >= now);
	const past = list.items.filter((m) => m.ends_at < now).reverse();
	const item = (m) => html`<li class="card meeting" key=${m.id} id=${'meeting-' + m.id}>
		<h4><a href=${'#/meetings/' + m.id}>${tOr('meeting_kind.' + m.kind, m.kind)}</a>
			${m.cancelled ? html` <span class="badge badge-ended">${t('meeting.cancelled')}</span>` : null}</h4>
		<p>${formatTimeRange(m.starts_at, m.ends_at)}</p>
		<p class="user-text muted">${m.location}</p>
	</li>`;
	return html`<p>${t('meeting.intro')}</p>
		<${ListStatus} state=${list} emptyKey="meeting.empty" />
		${upcoming.length ? html`<h3 id="meetings-upcoming">${t('meeting.upcoming')}</h3>
			<ul class="cards" aria-labelledby="meetings-upcoming" id="meetings-upcoming-list">${upcoming.map(item)}</ul>` : null}
		${past.length ? html`<h3 id="meetings-past">${t('meeting.past')}</h3>
			<ul class="cards" aria-labelledby="meetings-past" id="meetings-past-list">${past.map(item)}</ul>` : null}
		<${NewMeeting} youthId=${id} onDone=${reload} />`;
}

// The meeting just planned on this page (its id), for the meeting page
// it opens to say so: a module variable, read once by that page.
let justPlanned = null;

function NewMeeting({ youthId, onDone }) {
	const [form, setForm] = useState({ kind: 'network', date: today(), start: '', end: '', location: '', agenda: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const body = { kind: form.kind, ...startEnd(form), location: form.location.trim() };
			if (form.agenda.trim()) body.agenda = form.agenda.trim();
			const m = await post('/api/v1/youths/' + youthId + '/meetings', body);
			await onDone();
			justPlanned = String(m.id);
			window.location.hash = '#/meetings/' + m.id;
		});
	}

	return html`<details class="card disclosure" id="new-meeting">
		<summary><span class="h2-like">${t('meeting.new')}</span></summary>
		<${FormMessage} c=${c} id="new-meeting-message" scope="meeting" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${SelectField} id="mt-kind" name="kind" label=${t('meeting.kind')} value=${form.kind} onValue=${set('kind')}
				err=${c.err} options=${opts(MEETING_KINDS, 'meeting_kind.')} />
			<${MeetingTimeFields} p="mt-" form=${form} set=${set} err=${c.err} />
			<${Field} id="mt-location" name="location" label=${t('meeting.location')} value=${form.location}
				onValue=${set('location')} maxlength="200" autocomplete="off" err=${c.err} errScope="meeting" required />
			<${TextArea} id="mt-agenda" name="agenda" label=${t('meeting.agenda')} optional rows="4" value=${form.agenda}
				onValue=${set('agenda')} maxlength="10000" err=${c.err} errScope="meeting" />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('meeting.create')}<//>
		</form>
	</details>`;
}

// ---- The meeting page (team) --------------------------------------------------------

// The page's heading keeps the focus when the page puts a new heading in
// its place: in-app navigation focuses the heading of the page while it
// loads, and the loaded meeting (a section of its own) replaces it, which
// would leave the focus on <body>. A switch between the meeting and its
// summary (`view`, the same route for the app) focuses the new heading too.
// Read during the render, before the old heading is gone.
function useHeadingFocus(view) {
	const hadFocus = useRef(false);
	const shownView = useRef(view);
	if (document.activeElement && document.activeElement.id === 'page-title') hadFocus.current = true;
	useEffect(() => {
		const switched = shownView.current !== view;
		shownView.current = view;
		const lost = !document.activeElement || document.activeElement === document.body;
		const heading = document.getElementById('page-title');
		if (heading && (switched || (hadFocus.current && lost))) heading.focus();
		hadFocus.current = false;
	});
}

export function MeetingPage({ user, route }) {
	const id = /^\d+$/.test(route.id || '') ? route.id : null;
	const [st, reload] = useData(id ? meetingPath(id) : null);
	const m = st.data;
	useHeadingFocus(route.tab || '');
	// The JIM and the young person see the meeting in plain words, without the dossier.
	const plain = isPlainRole(user.role);
	const [dossier] = useData(m && !plain ? '/api/v1/youths/' + m.youth_id : null);
	// Opened right after it was planned: the page says so, and what comes
	// next (the heading, which has the focus, refers to it).
	const [planned] = useState(() => {
		const p = justPlanned;
		justPlanned = null;
		return p;
	});
	const isNew = !!id && planned === id;
	if (!id) return html`<${MeetingsHome} user=${user} />`;
	// The young person (or the parents) took back the consent to share meetings.
	if (plain && st.err && st.err.status === 403 && st.err.code === 'no_consent') {
		return html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('jim_meeting.no_consent_title')}</h1>
			<p class="notice notice-info" id="meeting-no-consent">${t('jim.consent_gone')}</p>
			<p><a class="go-link" href=${user.role === 'youth' ? '#/my-meetings' : '#/my-youth'}>${t('common.back')}</a></p></section>`;
	}
	if (plain && st.err && (st.err.status === 404 || st.err.status === 403)) {
		return html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('jim_meeting.not_found_title')}</h1>
			<p id="meeting-not-found">${t('jim_meeting.not_found_text')}</p>
			<p><a href=${user.role === 'youth' ? '#/my-meetings' : '#/my-youth'} id="meeting-not-found-link">${
				t(user.role === 'youth' ? 'jim_meeting.not_found_link_youth' : 'jim_meeting.not_found_link_jim')}</a></p></section>`;
	}
	if (st.err && (st.err.status === 404 || st.err.status === 403)) {
		return html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('meeting.not_found')}</h1>
			<p>${t('notfound.text')}</p><p><a class="go-link" href="#/">${t('common.back_home')}</a></p></section>`;
	}
	if (!m) {
		return html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('meeting.title')}</h1>
			<${DataStatus} state=${st} /></section>`;
	}
	if (route.tab === 'summary') return html`<${MeetingSummary} m=${m} d=${dossier.data} plain=${plain} />`;
	if (plain) return html`<${JimMeeting} m=${m} back=${user.role === 'youth' ? '#/my-meetings' : '#/my-youth'} />`;
	const d = dossier.data;
	return html`<section aria-labelledby="page-title">
		<p class="crumbs"><a href=${'#/youths/' + m.youth_id + '/meetings'}>${d ? t('meeting.back_to', { name: fullName(d) })
			: t('meeting.back')}</a></p>
		<h1 id="page-title" tabindex="-1" aria-describedby=${isNew ? 'meeting-planned' : undefined}>${tOr('meeting_kind.' + m.kind, m.kind)}</h1>
		${isNew ? html`<p class="notice notice-ok" id="meeting-planned">${t('meeting.planned_ok', { when: formatTimeRange(m.starts_at, m.ends_at) })}</p>` : null}
		${m.cancelled ? html`<p class="notice notice-warning" id="meeting-cancelled">${t('meeting.is_cancelled')}</p>` : null}
		<dl class="facts card" id="meeting-facts">
			<dt>${t('meeting.when')}</dt><dd>${formatTimeRange(m.starts_at, m.ends_at)}</dd>
			<dt>${t('meeting.location')}</dt><dd class="user-text">${m.location}</dd>
			${d ? html`<dt>${t('meeting.youth')}</dt><dd class="user-text">${fullName(d)}</dd>` : null}
			<dt>${t('meeting.agenda')}</dt><dd class="user-text pre">${m.agenda || t('common.none')}</dd>
		</dl>
		<p class="link-row">
			<a href=${meetingPath(m.id) + '.ics'} download id="ics-link">${t('meeting.ics')}</a>
			<a href=${'#/meetings/' + m.id + '/summary'} id="summary-link">${t('meeting.summary')}</a>
		</p>
		<${EditMeeting} m=${m} onDone=${reload} />
		<h2 id="participants-title">${t('meeting.participants')}</h2>
		<${Participants} m=${m} d=${d} user=${user} onDone=${reload} />
		<h2>${t('meeting.minutes')}</h2>
		<${Minutes} m=${m} onDone=${reload} />
		<h2 id="decisions-title">${t('meeting.decisions')}</h2>
		<${Decisions} m=${m} onDone=${reload} />
		<h2 id="actions-title">${t('meeting.actions')}</h2>
		<${Actions} m=${m} onDone=${reload} />
	</section>`;
}

function meetingForm(m) {
	const s = utcToAmsterdam(m.starts_at);
	const e = utcToAmsterdam(m.ends_at);
	return { date: s.date, start: s.time, end: e.time, location: m.location || '', agenda: m.agenda || '' };
}

function EditMeeting({ m, onDone }) {
	const [form, setForm] = useState(() => meetingForm(m));
	const { loaded, adopt, saved } = useLoaded(m, (x) => JSON.stringify(meetingForm(x)) === JSON.stringify(form),
		(x) => setForm(meetingForm(x)));
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	// Only the parts changed in the form are sent, each with its tag as
	// loaded: the time and place need not be sent back over a colleague's
	// change of them when only the agenda was changed here, and the reverse.
	function submit(ev) {
		ev.preventDefault();
		c.run(async (setOk) => {
			const schedule = { ...startEnd(form), location: form.location.trim() };
			const agenda = form.agenda.trim() || null;
			const same = (a, b) => Date.parse(a) === Date.parse(b);
			const body = {};
			const parts = [];
			if (!same(schedule.starts_at, loaded.starts_at) || !same(schedule.ends_at, loaded.ends_at) ||
				schedule.location !== (loaded.location || '')) {
				Object.assign(body, schedule);
				parts.push('schedule');
			}
			if (agenda !== (loaded.agenda || null)) {
				body.agenda = agenda;
				parts.push('agenda');
			}
			if (!parts.length) throw unchangedError(t('meeting.unchanged'));
			saved(await patch(meetingPath(m.id), body, partsMatch(loaded, parts)));
			setOk(t('meeting.changed'));
			await onDone();
		});
	}
	// Calling a meeting off asks once more; what happened is said with the
	// focus on it (the button that was pressed changes).
	const [asking, setAsking] = useState(false);
	const done = useDone();
	function cancel(value) {
		c.run(async () => {
			await patch(meetingPath(m.id), { cancelled: value }, partsMatch(m, ['schedule']));
			await onDone();
			setAsking(false);
			done.say(value ? t('meeting.cancelled_ok') : t('meeting.uncancelled_ok'));
		});
	}

	return html`<details class="card disclosure" id="edit-meeting">
		<summary><span class="h2-like">${t('meeting.edit')}</span></summary>
		<p class="hint">${t('meeting.edit_hint')}</p>
		<${FormMessage} c=${c} id="edit-meeting-message" scope="meeting" />
		<${EditConflict} c=${c} id="edit-meeting-reload" onReload=${() => { adopt(); return onDone(); }} focusId="em-save" />
		<${DoneMessage} done=${done} id="cancel-meeting-message" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${MeetingTimeFields} p="em-" form=${form} set=${set} err=${c.err} />
			<${Field} id="em-location" name="location" label=${t('meeting.location')} value=${form.location}
				onValue=${set('location')} maxlength="200" autocomplete="off" err=${c.err} errScope="meeting" required />
			<${TextArea} id="em-agenda" name="agenda" label=${t('meeting.agenda')} optional rows="4" value=${form.agenda}
				onValue=${set('agenda')} maxlength="10000" err=${c.err} errScope="meeting" />
			<div class="button-row">
				<${Button} type="submit" class="primary" id="em-save" busy=${c.busy}>${t('meeting.save')}<//>
				${m.cancelled ? html`<${Button} type="button" class="secondary" onClick=${() => cancel(false)} busy=${c.busy}>
					${t('meeting.uncancel')}<//>`
				: html`<${Button} type="button" class="danger" id="cancel-meeting" aria-expanded=${asking ? 'true' : 'false'}
					onClick=${() => { c.clear(); done.clear(); setAsking(true); }} busy=${c.busy}>${t('meeting.cancel')}<//>`}
			</div>
		</form>
		${asking && !m.cancelled ? html`<${Confirm} id="cancel-meeting-confirm" question=${t('meeting.cancel_sure')}
			yes=${t('meeting.cancel_yes')} no=${t('meeting.cancel_no')} busy=${c.busy} onYes=${() => cancel(true)}
			onNo=${() => setAsking(false)} returnTo="cancel-meeting" danger />` : null}
	</details>`;
}

function Participants({ m, d, user, onDone }) {
	const participants = m.participants || [];
	const c = useCreate();
	// The box shows the new state at once; it goes back when saving fails.
	const [shown, setShown] = useState({});
	const isChecked = (p) => (p.id in shown ? shown[p.id] : !!p.attended);

	function attend(p, attended) {
		setShown((s) => ({ ...s, [p.id]: attended }));
		c.run(async (setOk) => {
			try {
				await post(meetingPath(m.id) + '/attendance', { participant_id: p.id, attended });
			} catch (e) {
				setShown((s) => ({ ...s, [p.id]: !attended }));
				throw e;
			}
			setOk(t(attended ? 'meeting.attended_ok' : 'meeting.not_attended_ok', { name: participantName(p) }));
			await onDone();
		});
	}

	return html`<${FormMessage} c=${c} id="attendance-message" />
		${participants.length ? html`<div class="card"><fieldset class="checks" id="participants">
			<legend>${t('meeting.attendance')}</legend>
			${participants.map((p) => html`<div class="check" key=${p.id}>
				<input type="checkbox" id=${'att-' + p.id} checked=${isChecked(p)}
					onChange=${(e) => attend(p, e.currentTarget.checked)} />
				<label for=${'att-' + p.id} class="user-text">${participantName(p)}${p.role || p.organisation
					? html` <span class="muted">(${[p.role, p.organisation].filter(Boolean).join(', ')})</span>` : null}</label>
			</div>`)}
		</fieldset></div>` : html`<p>${t('meeting.no_participants')}</p>`}
		<${AddParticipant} m=${m} d=${d} user=${user} onDone=${onDone} />`;
}

function AddParticipant({ m, d, user, onDone }) {
	const [form, setForm] = useState({ who: 'outside', user_id: '', name: '', organisation: '', role: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const known = new Set((m.participants || []).map((p) => p.user_id).filter(Boolean));
	const choices = [];
	if (!known.has(user.id)) choices.push({ value: 'me', label: t('meeting.who_me') });
	if (d && d.jim && d.jim.user_id && !known.has(d.jim.user_id)) choices.push({ value: 'jim', label: t('meeting.who_jim', { name: d.jim.name }) });
	if (d && d.user_id && !known.has(d.user_id)) choices.push({ value: 'youth', label: t('meeting.who_youth', { name: d.given_name }) });
	choices.push({ value: 'user', label: t('meeting.who_user') }, { value: 'outside', label: t('meeting.who_outside') });
	// the team's other staff, by name: asked for only when "a colleague" is chosen
	const [circle] = useData(form.who === 'user' ? '/api/v1/youths/' + m.youth_id + '/circle' : null);
	const colleagues = ((circle.data && circle.data.items) || [])
		.filter((u) => (u.role === 'professional' || u.role === 'teamlead') && u.id !== user.id && !known.has(u.id));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			let body;
			if (form.who === 'me') body = { user_id: user.id };
			else if (form.who === 'jim') body = { user_id: d.jim.user_id };
			else if (form.who === 'youth') body = { user_id: d.user_id };
			else if (form.who === 'user') {
				const colleague = colleagues.find((u) => String(u.id) === form.user_id);
				if (!colleague) throw fieldError('user_id');
				body = { user_id: colleague.id };
			} else {
				if (!form.name.trim()) throw fieldError('name');
				body = { name: form.name.trim() };
				if (form.organisation.trim()) body.organisation = form.organisation.trim();
				if (form.role.trim()) body.role = form.role.trim();
			}
			await post(meetingPath(m.id) + '/participants', body);
			setOk(t('meeting.participant_added'));
			setForm({ who: 'outside', user_id: '', name: '', organisation: '', role: '' });
			await onDone();
		});
	}

	return html`<details class="card disclosure" id="add-participant">
		<summary><span class="h2-like">${t('meeting.add_participant')}</span></summary>
		<${FormMessage} c=${c} id="participant-message" scope="participant" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${SelectField} id="pt-who" name="who" label=${t('meeting.who')} value=${form.who} onValue=${set('who')} options=${choices} />
			${form.who === 'user' ? html`<${DataStatus} state=${circle} />
				${circle.data && !circle.loading && !colleagues.length ? html`<p id="pt-no-colleagues">${t('meeting.no_colleagues')}</p>` : null}
				${colleagues.length ? html`<${SelectField} id="pt-user" name="user_id" label=${t('meeting.user_id')} value=${form.user_id}
					onValue=${set('user_id')} err=${c.err} errScope="participant" required
					options=${[{ value: '', label: t('meeting.user_choose') }, ...colleagues.map((u) => ({ value: String(u.id), label: u.display_name }))]} />` : null}` : null}
			${form.who === 'outside' ? html`
				<${Field} id="pt-name" name="name" label=${t('meeting.p_name')} value=${form.name} onValue=${set('name')}
					maxlength="100" autocomplete="off" err=${c.err} errScope="participant" required />
				<${Field} id="pt-organisation" name="organisation" label=${t('meeting.p_organisation')} hint=${t('meeting.p_organisation_hint')}
					optional value=${form.organisation} onValue=${set('organisation')} maxlength="100" autocomplete="off" err=${c.err} errScope="participant" />
				<${Field} id="pt-role" name="role" label=${t('meeting.p_role')} hint=${t('meeting.p_role_hint')} optional
					value=${form.role} onValue=${set('role')} maxlength="100" autocomplete="off" err=${c.err} errScope="participant" />` : null}
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('meeting.add')}<//>
		</form>
	</details>`;
}

function Minutes({ m, onDone }) {
	const [text, setText] = useState(m.minutes || '');
	const { loaded, adopt, saved } = useLoaded(m, (x) => text === (x.minutes || ''), (x) => setText(x.minutes || ''));
	const c = useCreate();
	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			saved(await patch(meetingPath(m.id), { minutes: text.trim() || null }, partsMatch(loaded, ['minutes'])));
			setOk(t('meeting.minutes_saved'));
			await onDone();
		});
	}
	return html`<form onSubmit=${submit} novalidate class="card" id="minutes-form">
		<${FormMessage} c=${c} id="minutes-message" scope="meeting" />
		<${EditConflict} c=${c} id="minutes-reload" onReload=${() => { adopt(); return onDone(); }} focusId="mt-save" />
		<${TextArea} id="mt-minutes" name="minutes" label=${t('meeting.minutes_label')} hint=${t('meeting.minutes_hint')} rows="6"
			value=${text} onValue=${setText} maxlength="10000" err=${c.err} errScope="meeting" />
		<${Button} type="submit" class="primary" id="mt-save" busy=${c.busy}>${t('meeting.minutes_save')}<//>
	</form>`;
}

// The day a decision applied to the dossier takes effect, unless the user
// says otherwise: the day of the meeting (in Amsterdam) when that has passed,
// else today.
function meetingEffectiveOn(m) {
	const day = utcToAmsterdam(m.starts_at).date;
	const now = today();
	return day && day < now ? day : now;
}

function Decisions({ m, onDone }) {
	const decisions = m.decisions || [];
	const empty = () => ({ type: '', text: '', apply: false, legal_frame: '', living_situation: '', effective_on: meetingEffectiveOn(m) });
	const [form, setForm] = useState(empty);
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			if (!form.type) throw fieldError('type');
			if (!form.text.trim()) throw fieldError('text');
			const body = { type: form.type, text: form.text.trim() };
			if (form.apply) {
				if (!form.legal_frame && !form.living_situation) throw fieldError('apply');
				body.apply = {};
				if (form.legal_frame) body.apply.legal_frame = form.legal_frame;
				if (form.living_situation) body.apply.living_situation = form.living_situation;
				if (form.effective_on) body.apply.effective_on = form.effective_on;
			}
			await post(meetingPath(m.id) + '/decisions', body).catch((e) => {
				// the server names the fields of `apply` as apply.<name>; the form shows them at <name>
				if (e && typeof e.field === 'string' && e.field.startsWith('apply.')) e.field = e.field.slice(6);
				throw e;
			});
			setOk(form.apply ? t('meeting.decision_applied') : t('meeting.decision_added'));
			setForm(empty());
			await onDone();
		});
	}

	return html`${decisions.length ? html`<ul class="cards" id="decisions" aria-labelledby="decisions-title">
			${decisions.map((x) => html`<li class="card" key=${x.id}>
				<h3>${tOr('decision_type.' + x.type, x.type)}</h3>
				<p class="user-text pre">${x.text}</p>
				${x.applied ? html`<p><span class="badge badge-approved">${t('meeting.applied')}</span></p>` : null}
			</li>`)}
		</ul>` : html`<p>${t('meeting.no_decisions')}</p>`}
		<details class="card disclosure" id="new-decision">
			<summary><span class="h2-like">${t('meeting.new_decision')}</span></summary>
			<${FormMessage} c=${c} id="decision-message" scope="decision" />
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${SelectField} id="dc-type" name="type" label=${t('meeting.decision_type')} value=${form.type} onValue=${set('type')}
					err=${c.err} options=${withChoose(opts(DECISION_TYPES, 'decision_type.'))} />
				<${TextArea} id="dc-text" name="text" label=${t('meeting.decision_text')} rows="3" value=${form.text}
					onValue=${set('text')} maxlength="10000" err=${c.err} errScope="decision" required />
				<${CheckField} id="dc-apply" name="apply" label=${t('meeting.apply')} hint=${t('meeting.apply_hint')}
					checked=${form.apply} onValue=${set('apply')} err=${c.err} errScope="decision" />
				${form.apply ? html`
					<${SelectField} id="dc-legal-frame" name="legal_frame" label=${t('dossier.legal_frame')} optional
						value=${form.legal_frame} onValue=${set('legal_frame')} err=${c.err}
						options=${[{ value: '', label: t('meeting.no_change') }, ...opts(LEGAL_FRAMES, 'legal_frame.')]} />
					<${SelectField} id="dc-living" name="living_situation" label=${t('dossier.living_situation')} optional
						value=${form.living_situation} onValue=${set('living_situation')} err=${c.err}
						options=${[{ value: '', label: t('meeting.no_change') }, ...opts(LIVING_SITUATIONS, 'living.')]} />
					<${Field} id="dc-effective-on" name="effective_on" type="date" label=${t('change.effective_on')}
						hint=${t('meeting.effective_on_hint')} value=${form.effective_on} onValue=${set('effective_on')} max=${today()} err=${c.err} />` : null}
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('meeting.add_decision')}<//>
			</form>
		</details>`;
}

function Actions({ m, onDone }) {
	const actions = m.actions || [];
	const participants = m.participants || [];
	const [form, setForm] = useState({ description: '', owner: '', owner_name: '', due_date: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	// "Klaar" and "Toch niet klaar" (a tap on "Klaar" by mistake, here or on
	// someone's home page) take each other's place: the focus goes to the one
	// that comes, for the same action, instead of to the page.
	function done(a) {
		c.run(async (setOk) => {
			await post('/api/v1/meeting-actions/' + a.id + '/done', {});
			setOk(t('myactions.done_ok'));
			await onDone();
			focusLater('maction-' + a.id + '-undo');
		});
	}
	function undone(a) {
		c.run(async (setOk) => {
			await del('/api/v1/meeting-actions/' + a.id + '/done');
			setOk(t('myactions.undone_ok'));
			await onDone();
			focusLater('maction-' + a.id + '-done');
		});
	}
	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			if (!form.description.trim()) throw fieldError('description');
			const body = { description: form.description.trim() };
			if (form.owner === 'other') {
				if (form.owner_name.trim()) body.owner_name = form.owner_name.trim();
			} else if (form.owner) {
				const p = participants.find((x) => String(x.id) === form.owner);
				if (p && p.user_id) body.owner_user_id = p.user_id;
				else if (p) body.owner_name = participantName(p);
			}
			if (form.due_date) body.due_date = form.due_date;
			await post(meetingPath(m.id) + '/actions', body);
			setOk(t('meeting.action_added'));
			setForm({ description: '', owner: '', owner_name: '', due_date: '' });
			await onDone();
		});
	}

	const ownerOptions = [{ value: '', label: t('meeting.owner_none') },
		...participants.map((p) => ({ value: String(p.id), label: participantName(p) })),
		{ value: 'other', label: t('meeting.owner_other') }];
	return html`<${FormMessage} c=${c} id="actions-message" scope="action" />
		${actions.length ? html`<ul class="cards" id="meeting-actions" aria-labelledby="actions-title">
			${actions.map((a) => html`<li class="card" key=${a.id} id=${'maction-' + a.id}>
				<p class="user-text" id=${'maction-' + a.id + '-what'}><strong>${a.description}</strong></p>
				<p class="muted user-text">${t('meeting.action_owner', { who: ownerName(a, participants) })}${a.due_date
					? ' · ' + t('plan.due', { date: formatDate(a.due_date) }) : ''}</p>
				${a.done_at ? html`<p><span class="badge badge-approved">${t('myactions.done_at', { time: formatTime(a.done_at) })}</span>${' '}
					<${Button} type="button" class="link-button" id=${'maction-' + a.id + '-undo'} aria-describedby=${'maction-' + a.id + '-what'} onClick=${() => undone(a)}
						busy=${c.busy}>${t('myactions.undo')}<//></p>`
				: html`<${Button} type="button" class="secondary small" id=${'maction-' + a.id + '-done'} aria-describedby=${'maction-' + a.id + '-what'} onClick=${() => done(a)}
					busy=${c.busy}>${t('myactions.done')}<//>`}
			</li>`)}
		</ul>` : html`<p>${t('meeting.no_actions')}</p>`}
		<details class="card disclosure" id="new-action">
			<summary><span class="h2-like">${t('meeting.new_action')}</span></summary>
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${Field} id="ma-description" name="description" label=${t('meeting.action_description')} value=${form.description}
					onValue=${set('description')} maxlength="500" autocomplete="off" err=${c.err} errScope="action" required />
				<${SelectField} id="ma-owner" name="owner_user_id" label=${t('meeting.owner')} value=${form.owner} onValue=${set('owner')}
					err=${c.err} options=${ownerOptions} />
				${form.owner === 'other' ? html`<${Field} id="ma-owner-name" name="owner_name" label=${t('meeting.owner_name')}
					value=${form.owner_name} onValue=${set('owner_name')} maxlength="100" autocomplete="off" err=${c.err} errScope="action" />` : null}
				<${Field} id="ma-due" name="due_date" type="date" label=${t('plan.due_date')} optional value=${form.due_date}
					onValue=${set('due_date')} err=${c.err} />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('meeting.add_action')}<//>
			</form>
		</details>`;
}

// ---- Printable summary: #/meetings/{id}/summary ------------------------------------------

// What the summary says after a participant's name: present or not, once
// the team ticked who came (`kept`: someone's attendance is written down;
// then one not ticked was not there). Nothing while nobody's is, as for a
// meeting still to come: not "niet aanwezig" for everyone.
function attendanceWords(attended, kept) {
	if (!kept) return null;
	return html`: <strong>${t(attended ? 'meeting.present' : 'meeting.absent')}</strong>`;
}

// Dates in words ("16 december 2026"), for every reader: the summary is
// printed and handed to the young person, the JIM and others at the table.
// To the young person and the JIM (`plain`) it names the meeting and its
// parts as their meeting page does ("Overleg met het netwerk", "Wie doet
// wat?"), not in the team's words ("Netwerkberaad", "vergadering").
function MeetingSummary({ m, d, plain }) {
	const words = (team, own) => t(plain ? own : team);
	const kind = plain ? tOr('jim_meeting_kind.' + m.kind, tOr('meeting_kind.' + m.kind, m.kind)) : tOr('meeting_kind.' + m.kind, m.kind);
	const participants = m.participants || [];
	const participants2 = participants.map((p) => ({ ...p, label: participantName(p) }));
	const kept = participants.some((p) => p.attended === true || p.attended === false);
	return html`<section aria-labelledby="page-title" class="printable" id="meeting-summary">
		<p class="crumbs no-print"><a href=${'#/meetings/' + m.id}>${words('meeting.back_to_meeting', 'jim_meeting.back_from_summary')}</a></p>
		<h1 id="page-title" tabindex="-1">${t('meeting.summary_title', { kind })}</h1>
		<dl class="facts">
			<dt>${t('meeting.when')}</dt><dd>${formatTimeRange(m.starts_at, m.ends_at)}</dd>
			<dt>${t('meeting.location')}</dt><dd class="user-text">${m.location}</dd>
			${d ? html`<dt>${t('meeting.youth')}</dt><dd class="user-text">${plain ? d.given_name : fullName(d)}</dd>` : null}
			${m.cancelled ? html`<dt>${t('meeting.status')}</dt><dd>${t('meeting.cancelled')}</dd>` : null}
		</dl>
		<h2>${words('meeting.agenda', 'jim_meeting.agenda')}</h2>
		<p class="user-text pre">${m.agenda || t('common.none')}</p>
		<h2 id="sum-attendance">${t('meeting.participants')}</h2>
		${participants2.length ? html`<ul class="plain-list" aria-labelledby="sum-attendance">
			${participants2.map((p) => html`<li key=${p.id} class="user-text">${p.label}${p.role || p.organisation
				? ' (' + [p.role, p.organisation].filter(Boolean).join(', ') + ')' : ''}${attendanceWords(p.attended, kept)}</li>`)}
		</ul>` : html`<p>${t('meeting.no_participants')}</p>`}
		${m.minutes ? html`<h2>${t('meeting.minutes')}</h2><p class="user-text pre">${m.minutes}</p>` : null}
		<h2 id="sum-decisions">${words('meeting.decisions', 'jim_meeting.decisions')}</h2>
		${(m.decisions || []).length ? html`<ol class="plain-list" aria-labelledby="sum-decisions">
			${m.decisions.map((x) => html`<li key=${x.id}><strong>${tOr('decision_type.' + x.type, x.type)}</strong>:
				${' '}<span class="user-text pre">${x.text}</span>${x.applied ? ' (' + t('meeting.applied') + ')' : ''}</li>`)}
		</ol>` : html`<p>${t('meeting.no_decisions')}</p>`}
		<h2 id="sum-actions">${words('meeting.actions', 'jim_meeting.actions')}</h2>
		${(m.actions || []).length ? html`<ul class="plain-list" aria-labelledby="sum-actions">
			${m.actions.map((a) => html`<li key=${a.id} class="user-text">${a.description} – ${ownerName(a, participants)}${a.due_date
				? ', ' + t('plan.due', { date: formatDate(a.due_date, true) }) : ''}${a.done_at ? ' (' + t('myactions.done_short') + ')' : ''}</li>`)}
		</ul>` : html`<p>${t('meeting.no_actions')}</p>`}
		<p class="muted">${t('meeting.printed', { time: formatWhen(new Date().toISOString()) })}</p>
		<p class="no-print"><button type="button" class="primary" id="print-button" onClick=${() => window.print()}>${t('common.print')}</button></p>
	</section>`;
}

// ---- The JIM's view (plain language) ----------------------------------------------------

// JimMeetingCard: one meeting in the plain list; `level` is its heading level.
function JimMeetingCard({ m, level }) {
	const H = 'h' + level;
	return html`<li class="card" id=${'jim-meeting-' + m.id}>
		<${H}><a href=${'#/meetings/' + m.id}>${tOr('jim_meeting_kind.' + m.kind, tOr('meeting_kind.' + m.kind, m.kind))}</a><//>
		${m.cancelled ? html`<p><span class="badge badge-cancelled">${t('jim_meeting.cancelled_short')}</span></p>` : null}
		<p>${formatTimeRange(m.starts_at, m.ends_at)}</p>
		<p class="user-text">${t('jim_meeting.where', { place: m.location })}</p>
	</li>`;
}

// JimMeetingList: the meetings to come and, folded away, those of the last
// three months (to read what was decided). `level` is the heading level of
// a card: one below the heading the list sits under (default 3).
export function JimMeetingList({ youthId, level = 3 }) {
	const [list] = useList('/api/v1/youths/' + youthId + '/meetings');
	if (list.err && list.err.code === 'no_consent') return html`<p class="notice notice-info">${t('jim.consent_gone')}</p>`;
	const now = new Date().toISOString();
	const since = addDays(today(), -91);
	const upcoming = list.items.filter((m) => m.ends_at >= now);
	const past = list.items.filter((m) => m.ends_at < now && utcToAmsterdam(m.starts_at).date >= since).reverse();
	return html`<${ListStatus} state=${list} emptyKey="jim_meeting.empty" />
		${list.items.length && !upcoming.length ? html`<p>${t('jim_meeting.none_upcoming')}</p>` : null}
		${upcoming.length ? html`<ul class="cards" id="jim-meetings">
			${upcoming.map((m) => html`<${JimMeetingCard} key=${m.id} m=${m} level=${level} />`)}
		</ul>` : null}
		${past.length ? html`<details class="disclosure" id="jim-meetings-past-box">
			<summary>${t('jim_meeting.past_title')}</summary>
			<p class="hint">${t('jim_meeting.past_hint')}</p>
			<ul class="cards" id="jim-meetings-past">
				${past.map((m) => html`<${JimMeetingCard} key=${m.id} m=${m} level=${level} />`)}
			</ul>
		</details>` : null}`;
}

// A meeting for the JIM or the young person; `back` is the page they came from.
function JimMeeting({ m, back }) {
	const participants = m.participants || [];
	return html`<section aria-labelledby="page-title">
		<p class="crumbs"><a href=${back}>${t('common.back')}</a></p>
		<h1 id="page-title" tabindex="-1">${tOr('jim_meeting_kind.' + m.kind, tOr('meeting_kind.' + m.kind, m.kind))}</h1>
		${m.cancelled ? html`<p class="notice notice-warning">${t('jim_meeting.cancelled')}</p>` : null}
		<div class="card">
			<p class="big">${formatTimeRange(m.starts_at, m.ends_at)}</p>
			<p class="user-text">${t('jim_meeting.where', { place: m.location })}</p>
			<p><a class="button secondary" href=${meetingPath(m.id) + '.ics'} download id="ics-link">${t('jim_meeting.ics')}</a></p>
		</div>
		${m.agenda ? html`<h2>${t('jim_meeting.agenda')}</h2><p class="user-text pre">${m.agenda}</p>` : null}
		<h2>${t('jim_meeting.who')}</h2>
		${participants.length ? html`<ul class="plain-list">${participants.map((p) => html`<li key=${p.id} class="user-text">
			${participantName(p)}${p.role ? ' (' + p.role + ')' : ''}</li>`)}</ul>` : html`<p>${t('jim_meeting.who_unknown')}</p>`}
		${(m.decisions || []).length ? html`<h2>${t('jim_meeting.decisions')}</h2>
			<ul class="plain-list" id="jim-decisions">${m.decisions.map((x) => html`<li key=${x.id}><strong>${tOr('decision_type.' + x.type, x.type)}</strong>:
				${' '}<span class="user-text">${x.text}</span>
				${tOr('jim_decision_type.' + x.type, '') ? html`<br /><span class="muted decision-explained">${t('jim_decision_type.' + x.type)}</span>`
					: null}</li>`)}</ul>` : null}
		${(m.actions || []).length ? html`<h2>${t('jim_meeting.actions')}</h2>
			<ul class="plain-list">${m.actions.map((a) => html`<li key=${a.id} class="user-text">${a.description}
				<br /><span class="muted">${t('plain.action_who', { who: ownerName(a, participants) })}${a.due_date
					? ' ' + t('plain.action_when', { date: formatDate(a.due_date, true) }) : ''}</span></li>`)}</ul>` : null}
		<p><a class="go-link" href=${'#/meetings/' + m.id + '/summary'}>${t('jim_meeting.print')}</a></p>
	</section>`;
}

// ---- #/meetings without an id: my actions and the calendar feed --------------------------


function MeetingsHome({ user }) {
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.meetings')}</h1>
		<p class="lead">${t('meeting.home_intro')}</p>
		<${MyActions} user=${user} always />
		<${CalendarFeed} />
		<p><a href="#/dossiers">${t('meeting.to_dossiers')}</a></p>
	</section>`;
}
