// Pages for the young person, in plain language (B1): my plan, my JIM,
// consent, and who looked at my dossier.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, TextArea, useData, DataStatus, useCreate, FormMessage, useList, ListStatus, CheckField, Button, useFocusError,
	useDone, DoneMessage } from '../ui.js';
import { t, tOr, formatDate, formatWhenRange, amsterdamDay, today } from '../i18n.js';
import { post, del } from '../api.js';
import { fieldError, formatTimeRange } from '../format.js';
import { SCOPES, actionsInOrder, foldOutsideTries, distinctOf, ACCESS_LOG_MAX, ACCESS_LOG_TRIES_MAX } from '../domain.js';
import { JimMeetingList } from './meetings.js';
import { MyActions, CalendarFeed } from './support.js';
import { focusLater } from './privacy.js';

const base = (id) => '/api/v1/youths/' + id;

// NotLinked: the account is not (yet) tied to a dossier.
export function NotLinked({ titleKey, textKey }) {
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t(titleKey)}</h1>
		<p class="notice notice-info" id="not-linked">${t(textKey)}</p>
		<p><a class="go-link" href="#/">${t('common.back_home')}</a></p>
	</section>`;
}

// ViewForm lets the young person or the JIM add their own view of a goal;
// the text field is described by the goal's title (the fields of all goals
// have the same label). An empty text is refused here, in plain words at the
// field, which takes the focus. onSaved() is called once the view is saved
// and onDone() has fetched the plan again, onCancel() by "Annuleren" and Escape.
function ViewForm({ goal, onDone, onSaved, onCancel, labelKey }) {
	const [text, setText] = useState('');
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const p = 'g' + goal.id + '-';

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!text.trim()) throw fieldError('text');
			await post('/api/v1/goals/' + goal.id + '/views', { text: text.trim() });
			setText('');
			await onDone();
			onSaved();
		});
	}
	function onKeyDown(e) {
		if (e.key !== 'Escape') return;
		e.preventDefault();
		onCancel();
	}

	return html`<form onSubmit=${submit} novalidate class="view-form" ref=${formRef} id=${p + 'view-form'} onKeyDown=${onKeyDown}>
		<${FormMessage} c=${c} id=${p + 'view-message'} scope="view" />
		<${TextArea} id=${p + 'view'} name="text" label=${t(labelKey)} hint=${t('plain.view_hint')} value=${text}
			onValue=${setText} maxlength="2000" err=${c.err} errScope="view" required describedBy=${'goal-' + goal.id + '-title'} />
		<p class="button-row">
			<${Button} type="submit" class="primary" busy=${c.busy} aria-describedby=${'goal-' + goal.id + '-title'}>
				${t('plain.view_submit')}<//>
			<button type="button" class="secondary" id=${p + 'view-cancel'} onClick=${onCancel}>${t('common.cancel')}</button>
		</p>
	</form>`;
}

// GoalView: under a goal a button "Schrijf wat je ervan vindt" that folds
// ViewForm open (a disclosure) with the focus in its text field; Annuleren
// or Escape folds it again and gives the focus back to the button. Saved,
// the form folds and the thank-you text takes the focus.
function GoalView({ goal, onDone, labelKey }) {
	const [open, setOpen] = useState(false);
	const said = useDone();
	const buttonRef = useRef(null);
	const p = 'g' + goal.id + '-';
	useEffect(() => {
		const field = open && document.getElementById(p + 'view');
		if (field) field.focus();
	}, [open]);
	function close() {
		setOpen(false);
		if (buttonRef.current) buttonRef.current.focus();
	}
	function toggle() {
		said.clear();
		setOpen(!open);
	}
	return html`<div class="goal-view">
		<${DoneMessage} done=${said} id=${p + 'view-saved'} />
		<p class="button-row"><button type="button" class="secondary" id=${p + 'view-open'} ref=${buttonRef}
			aria-expanded=${open ? 'true' : 'false'} aria-controls=${p + 'view-form'} aria-describedby=${'goal-' + goal.id + '-title'}
			onClick=${toggle}>${t('plain.view_open')}</button></p>
		${open ? html`<${ViewForm} goal=${goal} onDone=${onDone} labelKey=${labelKey} onCancel=${close}
			onSaved=${() => { setOpen(false); said.say(t('plain.view_saved')); }} />` : null}
	</div>`;
}

// PlainNextEvaluation: when the plan is talked about again, in plain words;
// a warning once that date has passed (as the staff dossier shows it).
export function PlainNextEvaluation({ due }) {
	if (!due) return null;
	const late = due < today();
	return html`<p class=${'notice ' + (late ? 'notice-warning' : 'notice-info')} id="plain-next-evaluation">${t(
		late ? 'plain.evaluation_overdue' : 'plain.next_evaluation', { date: formatDate(due, true) })}</p>`;
}

// The day in Amsterdam of an ISO time (done_at), or '' for a bad one.
function doneDay(iso) {
	const at = new Date(iso);
	return isNaN(at) ? '' : amsterdamDay(at);
}

// "Dit is klaar (3 maart)" of a done action, with who did it: "door jou"
// when done_by is the reader (user id `me`), else done_by's name; without
// done_by (the account is gone) only the day.
function doneText(a, me) {
	const date = formatDate(doneDay(a.done_at), true);
	const by = a.done_by;
	if (by && me != null && by.id === me) return t('plain.action_done_by_me', { date });
	if (by && by.display_name) return t('plain.action_done_by', { date, name: by.display_name });
	return t('plain.action_done', { date });
}

// The actions of a goal in plain words: what, who (the reader's own as
// "jij"), by when, and done or not. An action that is the reader's own
// (owner_kind `mine`: 'youth' for the young person, 'jim' for the JIM) has a
// button, "Ik heb dit gedaan" while open and "Toch nog niet klaar" once done,
// when onDone can fetch the plan again: the message comes after that, and
// the focus goes to the button that takes the other's place for the action.
// A done action says who ticked it off (done_by): "jou" when that is the
// reader (the user id `me`), else their name.
function PlainActions({ goal, onDone, mine, who, me }) {
	const c = useCreate();
	const actions = actionsInOrder(goal.actions);
	if (!actions.length) return null;
	const id = (a, what) => 'plain-action-' + a.id + '-' + what;
	function toggle(a, done) {
		c.run(async (setOk) => {
			const path = '/api/v1/goal-actions/' + a.id + '/done';
			if (done) await post(path, {});
			else await del(path);
			setOk(t(done ? 'plain.action_done_ok' : 'plain.action_undone_ok'));
			await onDone();
			focusLater(id(a, done ? 'undo' : 'done'));
		});
	}
	const own = (a) => onDone && mine && a.owner_kind === mine;
	return html`<h4>${t('plain.actions')}</h4>
		${onDone ? html`<${FormMessage} c=${c} id=${'g' + goal.id + '-plain-actions-message'} />` : null}
		<ul class="plain-list plain-actions">${actions.map((a) => html`<li key=${a.id} id=${'plain-action-' + a.id}
			class=${a.done_at ? 'action-done' : 'action-open'}><span class="user-text" id=${id(a, 'what')}>${a.description}</span>
			<br />${a.done_at ? html`<span class="badge badge-approved">${doneText(a, me)}</span>`
			: html`<span class="muted user-text">${t('plain.action_who', { who: a.owner_kind ? who(a.owner_kind) : a.owner })}${a.due_date
				? ' ' + t('plain.action_when', { date: formatDate(a.due_date, true) }) : ''}</span>`}
			${own(a) ? html`<br /><${Button} type="button" class=${a.done_at ? 'link-button' : 'secondary'} id=${id(a, a.done_at ? 'undo' : 'done')}
				aria-describedby=${id(a, 'what')} busy=${c.busy} onClick=${() => toggle(a, !a.done_at)}>${t(a.done_at
					? 'plain.action_not_yet' : 'plain.action_i_did')}<//>` : null}</li>`)}</ul>`;
}

// PlainGoals shows goals with actions and views in plain language. An action
// that is done says so in words, after the open ones. viewer is
// who reads them: 'youth' (the default: "jij", "je JIM") or 'jim' (the JIM is
// "jij", the young person is named by `name`, their first name). With onDone
// the reader adds views and ticks off their own actions (PlainActions). me
// is the reader's user id, to say "door jou" of what they ticked off.
export function PlainGoals({ plan, onDone, labelKey, viewer, name, me }) {
	const goals = (plan && plan.goals) || [];
	const jim = viewer === 'jim';
	const who = (kind) => {
		const key = (jim ? 'jim_author.' : 'plain_author.') + kind;
		return tOr(key, '') ? t(key, { name: name || t('jim.the_youth') }) : String(kind || '');
	};
	if (!goals.length) return html`<p>${jim ? t('jim.no_goals', { name: name || t('jim.the_youth') }) : t('plain.no_goals')}</p>`;
	// The goals still worked on first; a reached or stopped one says so.
	const ended = (g) => g.status === 'reached' || g.status === 'stopped';
	const ordered = [...goals.filter((g) => !ended(g)), ...goals.filter(ended)];
	return html`<ul class="cards" id="plain-goals">
		${ordered.map((g) => html`<li class="card" key=${g.id} id=${'goal-' + g.id}>
			<h3 class="user-text" id=${'goal-' + g.id + '-title'}>${g.title}</h3>
			${ended(g) ? html`<p class=${'goal-status goal-' + g.status}>${t('plain.goal_' + g.status,
				{ date: formatDate(g.ended_on, true) })}</p>` : null}
			${g.description ? html`<p class="user-text">${g.description}</p>` : null}
			<p class="muted">${t('plain.goal_by', { who: who(g.author_kind) })}${g.agreed_on
				? html`<br />${t('plain.goal_agreed', { date: formatDate(g.agreed_on, true) })}` : null}</p>
			${g.latest_score != null ? html`<p>${t('plain.latest_score', { score: g.latest_score })}</p>` : null}
			<${PlainActions} goal=${g} onDone=${onDone} mine=${jim ? 'jim' : 'youth'} who=${who} me=${me} />
			${(g.views || []).length ? html`<h4>${t('plain.views')}</h4>
				<ul class="plain-list">${g.views.map((v, i) => html`<li key=${i}><span class="muted">${who(v.author_kind)}:</span>
					${' '}<span class="user-text">${v.text}</span></li>`)}</ul>` : null}
			${onDone ? html`<${GoalView} goal=${g} onDone=${onDone} labelKey=${labelKey} />` : null}
		</li>`)}
	</ul>`;
}

// YouthHome: what comes next for the young person, first on their home
// page: their next meeting (or that none is planned) and what they said they
// would do. Nothing when the account has no dossier yet.
export function YouthHome({ user }) {
	if (!user.youth_id) return null;
	return html`<${NextMeeting} youthId=${user.youth_id} /><${MyActions} user=${user} />`;
}

// The first meeting to come that is not called off, as a card with a link
// to it; a plain line when none is planned. Nothing while loading or when the
// list cannot be read (the Afspraken page says why). titleKey: its heading.
export function NextMeeting({ youthId, titleKey = 'plain.next_meeting' }) {
	const [list] = useList(base(youthId) + '/meetings');
	if (list.err || (list.loading && !list.items.length)) return null;
	const now = new Date().toISOString();
	const next = list.items.find((m) => m.ends_at >= now && !m.cancelled);
	return html`<section class="card" id="next-meeting" aria-labelledby="next-meeting-title">
		<h2 id="next-meeting-title">${t(titleKey)}</h2>
		${next ? html`<p class="big">${formatTimeRange(next.starts_at, next.ends_at)}</p>
			<p class="user-text">${t('jim_meeting.where', { place: next.location })}</p>
			<p><a href=${'#/meetings/' + next.id} id="next-meeting-link">${t('plain.next_meeting_link')}</a></p>`
		: html`<p>${t('plain.no_next_meeting')}</p>`}
	</section>`;
}

export function MyPlanView({ user }) {
	if (!user.youth_id) return html`<${NotLinked} titleKey="nav.my_plan" textKey="plain.youth_not_linked" />`;
	return html`<${MyPlan} youthId=${user.youth_id} me=${user.id} />`;
}

function MyPlan({ youthId, me }) {
	const [st, reload] = useData(base(youthId) + '/plan');
	const plan = st.data;
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.my_plan')}</h1>
		<p class="lead">${t('plain.plan_intro')}</p>
		<${DataStatus} state=${st} />
		${plan ? html`<${PlainNextEvaluation} due=${plan.next_evaluation_due} />
			<h2>${t('plain.goals')}</h2>
			<${PlainGoals} plan=${plan} onDone=${reload} labelKey="plain.view_label_youth" me=${me} />` : null}
	</section>`;
}

export function MyJimView({ user }) {
	if (!user.youth_id) return html`<${NotLinked} titleKey="nav.my_jim" textKey="plain.youth_not_linked" />`;
	return html`<${MyJim} youthId=${user.youth_id} />`;
}

function MyJim({ youthId }) {
	const [st] = useData(base(youthId) + '/summary');
	const s = st.data;
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.my_jim')}</h1>
		<p class="lead">${t('plain.jim_what')}</p>
		<${DataStatus} state=${st} />
		${s ? (s.jim ? html`<div class="card" id="my-jim">
			<p class="big user-text">${t('plain.your_jim_is', { name: s.jim.name })}</p>
			${s.jim.relation ? html`<p class="user-text">${t('plain.jim_relation', { relation: s.jim.relation })}</p>` : null}
			<p>${t('plain.jim_sees')}</p>
			<p><a class="go-link" href="#/consent">${t('plain.to_consent')}</a></p>
		</div>` : html`<div class="card" id="my-jim">
			<p>${t('plain.no_jim')}</p>
			<p>${t('plain.no_jim_next')}</p>
		</div>`) : null}
		${s && s.team_name ? html`<p class="muted user-text">${t('plain.your_team', { team: s.team_name })}</p>` : null}
	</section>`;
}

export function MyMeetingsView({ user }) {
	if (!user.youth_id) return html`<${NotLinked} titleKey="nav.my_meetings" textKey="plain.youth_not_linked" />`;
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('jim_meeting.title')}</h1>
		<p class="lead">${t('plain.meetings_intro')}</p>
		<h2 id="my-meetings-title">${t('jim_meeting.list_title')}</h2>
		<${JimMeetingList} youthId=${user.youth_id} level=${3} />
		<${MyActions} user=${user} />
		<${CalendarFeed} plain />
	</section>`;
}

export function ConsentView({ user }) {
	if (!user.youth_id) return html`<${NotLinked} titleKey="nav.consent" textKey="plain.youth_not_linked" />`;
	return html`<${Consent} youthId=${user.youth_id} />`;
}

function Consent({ youthId }) {
	const [st, reload] = useData(base(youthId) + '/consents');
	const c = useCreate();
	// What a yes or a take-back did is said in its own card, which takes the
	// focus: on the button, now the opposite one, a second Enter undid it, and
	// a message above the list was off-screen for the lower cards.
	const done = useDone();
	const [doneScope, setDoneScope] = useState(null);
	const data = st.data;

	function answer(scope, send, text) {
		done.clear();
		c.run(async () => {
			await send();
			await reload();
			setDoneScope(scope);
			done.say(text);
		});
	}
	// The answer is saved in every case, but it only decides from 16. Under
	// 12 the parents with custody decide; from 12 to 15 they must say yes too.
	const give = (scope, parentSaidYes) => answer(scope,
		() => post(base(youthId) + '/consents', { scope, given_by: 'youth', given_on: today() }),
		givenText(data.rule, parentSaidYes));
	const withdraw = (x) => answer(x.scope,
		() => post('/api/v1/consents/' + x.id + '/withdraw', { withdrawn_on: today() }),
		t('plain.consent_withdrawn'));

	const items = (data && data.items) || [];
	const active = (x) => !x.withdrawn_on || x.withdrawn_on > today();
	// The young person's latest yes for a scope that they took back: the card
	// says so and when, not that they never said yes.
	const tookBack = (scope) => items.filter((x) => x.scope === scope && x.given_by === 'youth' && !active(x))
		.reduce((last, x) => (!last || x.withdrawn_on > last.withdrawn_on ? x : last), null);
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.consent')}</h1>
		<p class="lead">${t('plain.consent_intro')}</p>
		<${DataStatus} state=${st} />
		${data ? html`<div class="notice notice-info" id="consent-rule">
			<p><strong>${t('plain.who_decides')}</strong></p>
			<p>${tOr('plain_rule.' + data.rule, '')}</p>
			<p>${t('plain.withdraw_any_time')}</p>
		</div>
		<${FormMessage} c=${c} id="consent-error" />
		<ul class="cards" id="consent-scopes">
			${SCOPES.map((scope) => {
				const own = items.find((x) => x.scope === scope && x.given_by === 'youth' && active(x));
				const parent = items.find((x) => x.scope === scope && x.given_by === 'custody_holder' && active(x));
				const on = data.effective && data.effective[scope];
				return html`<li class="card" key=${scope} id=${'scope-' + scope}>
					<h2 id=${'scope-' + scope + '-title'}>${t('plain_scope.' + scope)}</h2>
					<p>${t('plain_scope_text.' + scope)}</p>
					<p class=${'status ' + (on ? 'yes' : 'no')}><strong>${on ? t('plain.jim_may') : t('plain.jim_may_not')}</strong></p>
					${data.rule !== 'youth_only' ? html`<p>${parent ? t('plain.parent_yes') : t('plain.parent_not_yet')}</p>` : null}
					${doneScope === scope ? html`<${DoneMessage} done=${done} id="consent-message" />` : null}
					${own ? html`<p>${t('plain.you_said_yes', { date: formatDate(own.given_on, true) })}</p>
						<${Button} type="button" class="secondary" onClick=${() => withdraw(own)} busy=${c.busy}
							aria-describedby=${'scope-' + scope + '-title'}>${t('plain.withdraw')}<//>`
					: html`<p>${tookBack(scope) ? t('plain.you_took_back', { date: formatDate(tookBack(scope).withdrawn_on, true) })
						: t('plain.you_said_nothing')}</p>
						<${Button} type="button" class="primary" onClick=${() => give(scope, !!parent)} busy=${c.busy}
							aria-describedby=${'scope-' + scope + '-title'}>${t(data.rule === 'custody_only' ? 'plain.give_opinion' : 'plain.give')}<//>`}
				</li>`;
			})}
		</ul>` : null}
	</section>`;
}

// givenText: what a "yes" of the young person did, by the rule of their age.
function givenText(rule, parentSaidYes) {
	if (rule === 'custody_only') return t('plain.consent_noted_custody_decides');
	if (rule === 'youth_and_custody' && !parentSaidYes) return t('plain.consent_noted_parent_too');
	return t('plain.consent_given');
}

export function AccessLogView({ user }) {
	if (!user.youth_id) return html`<${NotLinked} titleKey="plain.access_title" textKey="plain.youth_not_linked" />`;
	return html`<${AccessLog} youthId=${user.youth_id} />`;
}

// How many visits the page shows at first, and more at each press: a phone
// shows a long list slowly.
const ACCESS_PAGE = 50;
// Events of one person at most this far apart read as one visit.
const VISIT_GAP_MS = 30 * 60000;

// What an event did, in plain words: "Bekeken: je plan"; what a refused
// one tried to do: "Wilde bekijken: wie wat deed met je dossier" (nothing
// was seen or done).
const accessWhat = (x) => (x.outcome === 'denied' ? tOr('plain_tried.' + x.action, t('plain_tried.other'))
	: tOr('plain_action.' + x.action, tOr('action.' + x.action, x.action))) + ': '
	+ tOr('plain_part.' + x.part, tOr('part.' + x.part, x.part));

// accessVisits groups the events (newest first) into visits: one person's
// events on one Amsterdam day, each within VISIT_GAP_MS of the next, with
// the same outcome, all with emergency access or none. Opening a file reads
// several parts of it at once, and a list of "Bekeken" lines a screen long
// hides who looked; a visit says who, when, how many times and what. A
// request for emergency access is a visit of its own. A run of refused tries
// from outside the circle is one visit (tried), exactly as foldOutsideTries
// folds it: their user is hidden, so a flood of them would be a flood of
// identical lines pushing the real visits off the page.
const visitWho = (x) => (x.user && x.user.id != null ? x.user.id : null);

function accessVisits(items) {
	const visits = [];
	for (const x of foldOutsideTries(items)) {
		if (x.tries) {
			visits.push({ who: visitWho(x), user: x.user, outside: !!x.outside_circle, tried: true, outcome: x.outcome,
				break_glass: !!x.break_glass, request: false, day: '', oldest: Date.parse(x.from), from: x.from, to: x.to,
				count: x.tries, what: distinctOf(x.rows, accessWhat) });
			continue;
		}
		const who = visitWho(x);
		const at = Date.parse(x.at);
		const day = isNaN(at) ? '' : amsterdamDay(new Date(at));
		const what = accessWhat(x);
		const v = visits[visits.length - 1];
		const joins = v && who !== null && !v.tried && v.who === who && v.outcome === x.outcome
			&& v.break_glass === !!x.break_glass && !v.request && x.action !== 'break_glass' && v.day === day
			&& v.oldest - at <= VISIT_GAP_MS;
		if (joins) {
			v.count++;
			v.oldest = at;
			v.from = x.at;
			if (!v.what.includes(what)) v.what.push(what);
		} else {
			visits.push({ who, user: x.user, outside: !!x.outside_circle, tried: false, outcome: x.outcome, break_glass: !!x.break_glass,
				request: x.action === 'break_glass', day, oldest: at, from: x.at, to: x.at, count: 1, what: [what] });
		}
	}
	return visits;
}

// "Who looked at my file": other people's views first; the young person's
// own reads and changes only when asked for. Under the list, what the server
// left out: older events (more) and older tries from outside the circle
// (more_outside_tries), both in "Mijn dossier".
function AccessLog({ youthId }) {
	const [own, setOwn] = useState(false);
	// without their own clicks, left out by the server before its caps apply
	const [list] = useList(base(youthId) + '/access-log' + (own ? '' : '?others=true'));
	const triesLeftOut = !!(list.answer && list.answer.more_outside_tries === true);
	const [shown, setShown] = useState(ACCESS_PAGE);
	const visits = accessVisits(list.items);
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('plain.access_title')}</h1>
		<p class="lead">${t('plain.access_intro')}</p>
		<details class="card disclosure">
			<summary>${t('plain.break_glass_what')}</summary>
			<p>${t('plain.break_glass_text1')}</p>
			<p>${t('plain.break_glass_text2')}</p>
		</details>
		<h2 id="access-list-title">${t('plain.access_list')}</h2>
		<${CheckField} id="access-own" name="own" label=${t('plain.access_own')} checked=${own}
			onValue=${(v) => { setOwn(v); setShown(ACCESS_PAGE); }} />
		<${ListStatus} state=${list} emptyKey="plain.access_empty" />
		${visits.length ? html`<ul class="cards" id="access-log" aria-labelledby="access-list-title" aria-busy=${list.loading ? 'true' : 'false'}>
			${visits.slice(0, shown).map((v, i) => html`<li class="card access-item" key=${i}>
				<p class="muted access-when">${formatWhenRange(v.from, v.to)}${v.count > 1
					? html` · <span class="access-times">${t(v.tried ? 'plain.access_tries' : 'plain.access_times', { n: v.count })}</span>` : null}</p>
				<p><strong class="user-text access-who">${v.outside ? t('plain.access_outside')
					: (v.user && v.user.display_name) || t('common.unknown')}</strong>
					${v.user && v.user.role ? html` <span class="muted">(${tOr('plain_role.' + v.user.role, tOr('role.' + v.user.role, v.user.role))}${v.user.organisation
						? ', ' + v.user.organisation : ''})</span>` : null}</p>
				${v.tried && v.count > 1 && v.who === null ? html`<p class="access-many">${t('plain.access_outside_many')}</p>` : null}
				${v.what.length === 1 ? html`<p class="access-what">${v.what[0]}</p>`
					: html`<ul class="access-what">${v.what.map((w) => html`<li key=${w}>${w}</li>`)}</ul>`}
				${v.break_glass && !v.request ? html`<p><strong class="flag">${t('plain.break_glass')}</strong></p>` : null}
				${v.outcome === 'denied' ? html`<p class="muted">${t(v.tried && v.count > 1 ? 'plain.refused_tries' : 'plain.refused')}</p>`
					: v.outcome && v.outcome !== 'success' && v.outcome !== 'ok' ? html`<p class="muted">${t('plain.failed')}</p>` : null}
			</li>`)}
		</ul>` : null}
		${visits.length > shown ? html`<p><button type="button" class="secondary" id="access-more"
			onClick=${() => setShown(shown + ACCESS_PAGE)}>${t('plain.access_more', { n: Math.min(ACCESS_PAGE, visits.length - shown) })}</button></p>` : null}
		${list.more ? html`<p class="muted" id="access-newest">${t('plain.access_newest', { n: ACCESS_LOG_MAX })}</p>` : null}
		${triesLeftOut ? html`<p class="muted" id="access-tries-left-out">${t('plain.access_tries_left_out', { n: ACCESS_LOG_TRIES_MAX })}</p>` : null}
	</section>`;
}
