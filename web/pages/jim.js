// The JIM's portal, phone first and in plain language (B1): on the home page
// the young person's first name and what is shared; "Mijn jongere" shows what
// comes next and, one section at a time, the plan, how it is going, the
// meetings and the shared notes as far as consent allows today.
import { useState } from '../vendor/hooks.module.js';
import { html, useData, DataStatus, useList, ListStatus } from '../ui.js';
import { t, tOr, formatDate } from '../i18n.js';
import { SCOPES } from '../domain.js';
import { NotLinked, PlainGoals, PlainNextEvaluation, NextMeeting } from './youth.js';
import { MyActions, usePlanChange } from './support.js';
import { JimMeetingList } from './meetings.js';

const base = (id) => '/api/v1/youths/' + id;

// JimSummary is shown on the JIM's home page, above the tiles.
export function JimSummary({ user }) {
	const [st] = useData(user.youth_id ? base(user.youth_id) + '/summary' : null);
	if (!user.youth_id) return html`<p class="notice notice-info" id="not-linked">${t('jim.not_linked')}</p>`;
	const s = st.data;
	if (!s) return html`<${DataStatus} state=${st} />`;
	const shared = s.shared_scopes || [];
	return html`<div class="card" id="jim-summary">
		<p class="big">${t('jim.you_are_jim_of')} <strong class="user-text" id="jim-youth-name">${s.given_name}</strong>.</p>
		<h2 id="jim-shared-title">${t('jim.what_shared')}</h2>
		${shared.length ? html`<ul class="plain-list scope-list" aria-labelledby="jim-shared-title" id="jim-shared">
			${SCOPES.filter((x) => shared.includes(x)).map((x) => html`<li key=${x}><span class="yes">${t('consent.on')}</span>
				${' '}${t('jim_scope.' + x)}</li>`)}
		</ul>` : html`<p id="jim-shared">${t('jim.nothing_shared', { name: s.given_name })}</p>`}
		${shared.length && shared.length < SCOPES.length ? html`<p class="muted">${t('jim.more_later', { name: s.given_name })}</p>` : null}
	</div>`;
}

export function MyYouthView({ user }) {
	if (!user.youth_id) return html`<${NotLinked} titleKey="nav.my_youth" textKey="jim.not_linked" />`;
	return html`<${MyYouth} youthId=${user.youth_id} user=${user} />`;
}

// "Mijn jongere", phone first: on top what the JIM needs now (the next
// meeting, when the young person shares meetings, "Activiteit vastleggen"
// and the JIM's own open actions); below it the plan, how it goes, all
// meetings and the shared notes, each a Section that is closed at first.
function MyYouth({ youthId, user }) {
	const [st] = useData(base(youthId) + '/summary');
	// A plan action ticked off in "Dit ga jij doen" or in the plan shows in both.
	const [planChange, setPlanChange] = useState({ n: 0, from: null });
	const planChanged = (from) => setPlanChange((p) => ({ n: p.n + 1, from }));
	const s = st.data;
	const shared = (s && s.shared_scopes) || [];
	const name = s && s.given_name;
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1" class="user-text">${s ? t('jim.youth_title', { name }) : t('nav.my_youth')}</h1>
		<${DataStatus} state=${st} />
		${s ? html`
			${shared.includes('share_meetings') ? html`<${NextMeeting} youthId=${youthId} titleKey="jim.next_meeting" />` : null}
			<p class="log-time-row"><a class="button primary wide" href="#/time/new" id="jim-log-time"
				aria-describedby="jim-log-time-hint">${t('jim.log_time')}</a></p>
			<p class="hint" id="jim-log-time-hint">${t('jim.log_time_hint')}</p>
			<${MyActions} user=${user} planChange=${planChange} onPlanChanged=${planChanged} />
			<p class="user-text" id="jim-sections-hint">${t('jim.sections_hint', { name })}</p>
			<${Section} id="jim-sec-plan" title=${t('jim.plan')}>
				${shared.includes('share_plan') ? html`<${JimPlan} youthId=${youthId} name=${name} me=${user.id}
					planChange=${planChange} onPlanChanged=${planChanged} />`
					: html`<p class="notice notice-info" id="jim-no-plan">${t('jim.no_consent_plan', { name })}</p>`}
			<//>
			<${Section} id="jim-sec-how" headingId="jim-how-title" title=${t('jim.how_it_goes_name', { name })}>
				${shared.includes('share_outcomes') ? html`<${JimOutcomes} youthId=${youthId} name=${name} />`
					: html`<p class="notice notice-info" id="jim-no-outcomes">${t('jim.no_consent_outcomes', { name })}</p>`}
			<//>
			<${Section} id="jim-sec-meetings" title=${t('jim_meeting.title')}>
				${shared.includes('share_meetings') ? html`<${JimMeetingList} youthId=${youthId} level=${3} />`
					: html`<p class="notice notice-info" id="jim-no-meetings">${t('jim.no_consent_meetings', { name })}</p>`}
			<//>
			<${Section} id="jim-sec-notes" title=${t('jim.notes')}>
				${shared.includes('share_notes_marked_shared') ? html`<${JimNotes} youthId=${youthId} />`
					: html`<p class="notice notice-info" id="jim-no-notes">${t('jim.no_consent_notes', { name })}</p>`}
			<//>
		` : null}
	</section>`;
}

const OPEN_KEY = 'kring.jim_open_sections';

// The ids of the sections of "Mijn jongere" that are open in this browser
// tab; none when the tab has not opened one (or storage is not available).
function openSections() {
	try {
		const v = JSON.parse(window.sessionStorage.getItem(OPEN_KEY) || '[]');
		return Array.isArray(v) ? v : [];
	} catch {
		return [];
	}
}

function rememberOpen(id, open) {
	try {
		const ids = openSections().filter((x) => x !== id);
		if (open) ids.push(id);
		window.sessionStorage.setItem(OPEN_KEY, JSON.stringify(ids));
	} catch {
		/* not remembered: the section is closed next time */
	}
}

// Section: a part of "Mijn jongere" under an h2 that holds a button
// (aria-expanded, aria-controls) which opens and closes the part below it
// (the WAI-ARIA disclosure pattern; Enter and Space work as on any button).
// Closed at first; once opened it stays open in this browser tab, so that
// the JIM who comes back from a meeting finds the page as they left it.
// While closed the part stays in the page, hidden: its data is fetched at
// once, as before, and a form that was opened in it keeps what was typed.
function Section({ id, headingId, title, children }) {
	const [open, setOpen] = useState(() => openSections().includes(id));
	function toggle() {
		rememberOpen(id, !open);
		setOpen(!open);
	}
	return html`<h2 class="section-heading user-text" id=${headingId}>
			<button type="button" class="section-toggle" id=${id} aria-expanded=${open ? 'true' : 'false'}
				aria-controls=${id + '-panel'} onClick=${toggle}>${title}</button></h2>
		<div class="section-panel" id=${id + '-panel'} role="region" aria-labelledby=${id} hidden=${!open}>${children}</div>`;
}

function JimPlan({ youthId, name, me, planChange, onPlanChanged }) {
	const [st, reload] = useData(base(youthId) + '/plan');
	usePlanChange(planChange, 'plan', reload);
	const done = () => reload().then(() => onPlanChanged && onPlanChanged('plan'));
	if (st.err && st.err.code === 'no_consent') return html`<p class="notice notice-info">${t('jim.consent_gone')}</p>`;
	if (!st.data) return html`<${DataStatus} state=${st} />`;
	return html`<${PlainNextEvaluation} due=${st.data.next_evaluation_due} />
		<${PlainGoals} plan=${st.data} onDone=${done} labelKey="plain.view_label_jim" viewer="jim" name=${name} me=${me} />`;
}

// What the consent share_outcomes lets the JIM see: where the young person
// lives, school and hospital stays (GET .../shared-outcomes).
function JimOutcomes({ youthId, name }) {
	const [st] = useData(base(youthId) + '/shared-outcomes');
	if (st.err && st.err.code === 'no_consent') return html`<p class="notice notice-info">${t('jim.consent_gone')}</p>`;
	const o = st.data;
	if (!o) return html`<${DataStatus} state=${st} />`;
	const living = o.living_situation;
	const events = (list, id) => (list.length ? html`<ul class="plain-list" id=${id}>
		${list.map((e, i) => html`<li key=${i}>${formatDate(e.occurred_on, true)}: ${tOr('event.' + e.type, e.type)}</li>`)}
	</ul>` : null);
	return html`<div id="jim-outcomes">
		<h3>${t('jim.outcomes_home')}</h3>
		<p id="jim-living">${living ? t('jim.living_now', { name, where: tOr('living.' + living.value, living.value), date: formatDate(living.since, true) })
			: t('jim.living_unknown', { name })}</p>
		<h3>${t('jim.outcomes_school')}</h3>
		${o.school.attendance.length ? html`<ul class="plain-list" id="jim-attendance">
			${o.school.attendance.map((a) => html`<li key=${a.period_from + a.period_to}>
				${t('jim.attendance_line', { from: formatDate(a.period_from, true), to: formatDate(a.period_to, true), share: a.share_attended })}
				${a.times_late ? ' ' + t(a.times_late === 1 ? 'jim.times_late_one' : 'jim.times_late', { n: a.times_late }) : null}</li>`)}
		</ul>` : html`<p id="jim-attendance">${t('jim.no_attendance')}</p>`}
		${events(o.school.events, 'jim-school-events')}
		<h3>${t('jim.outcomes_health')}</h3>
		${events(o.health.events, 'jim-health') || html`<p id="jim-health">${t('jim.no_hospital')}</p>`}
	</div>`;
}

function JimNotes({ youthId }) {
	const [list] = useList(base(youthId) + '/journal');
	if (list.err && list.err.code === 'no_consent') return html`<p class="notice notice-info">${t('jim.consent_gone')}</p>`;
	return html`<${ListStatus} state=${list} emptyKey="jim.no_notes" />
		${list.items.length ? html`<ul class="cards" id="jim-notes">
			${list.items.map((x) => html`<li class="card" key=${x.id}>
				<p class="muted">${formatDate(x.occurred_on, true)} · ${tOr('journal_kind.' + x.kind, x.kind)}</p>
				<p class="user-text pre">${x.text}</p>
				<p class="muted user-text">${(x.author && x.author.display_name) || ''}</p>
			</li>`)}
		</ul>` : null}`;
}
