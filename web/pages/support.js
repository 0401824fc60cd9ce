// Supporting the JIM, for the team (docs/api-jim-support.md): the home-page
// panels (alerts with acknowledgement, my open actions, the team's
// JIM totals), the dossier's "JIM-uren" section, the calendar feed in the
// user's settings, and the admin's organisation settings.
import { useState, useRef, useLayoutEffect, useEffect, useCallback } from '../vendor/hooks.module.js';
import {
	html, Field, SelectField, TextArea, TableWrap, useData, DataStatus, useCreate, FormMessage, useList, ListStatus, DownloadLink, Button, useDone, DoneMessage,
	Pager, pageCount, usePageStepBack, EditConflict, useFocusError,
} from '../ui.js';
import { t, tOr, has, errorText, formatDate, formatTime, formatWhen } from '../i18n.js';
import { get, post, put, del, query } from '../api.js';
import { ORG_SETTINGS, teamOptions, isPlainRole, fullName } from '../domain.js';
import {
	fieldError, formatKm, formatEuro, formatDuration, formatMonth, addDays, firstOfMonth, previousMonth, periodOf, mondayOf, today,
} from '../format.js';
import { PasswordChange } from './password.js';
import { SessionsElsewhere } from './sessions.js';
import { ActivityFields, activityBody, StatementCard, StatementDecision, csvLink, csvName } from './jimtime.js';

const jimBase = (id) => '/api/v1/jims/' + id;

// ---- Home page of professionals and team leads -----------------------------------

export function TeamHome({ user }) {
	// The caller's own open actions first: the alerts of the whole team can
	// be many, and are a compact list that opens one at a time.
	return html`<${MyActions} user=${user} always />
		${user.role === 'teamlead' ? html`<${SecondLookList} />` : null}
		<${Alerts} user=${user} />
		<${TeamTotals} user=${user} />`;
}

// SecondLookList: the teamlead's worklist of declined candidates that wait
// for a second look, oldest first and a page at a time (young people whose
// trajectory is closed are left out), with the young person and a link to
// the JIM section where the decline is confirmed or sent back.
const SECOND_LOOK_PER_PAGE = 10;

function SecondLookList() {
	const [page, setPage] = useState(1);
	const [list] = useData('/api/v1/nominations' + query({ status: 'decline_pending', page, per_page: SECOND_LOOK_PER_PAGE }));
	const items = (list.data && list.data.items) || [];
	const pages = pageCount(list.data, SECOND_LOOK_PER_PAGE);
	const title = useRef(null);
	// declines handled meanwhile, here or by another teamlead
	usePageStepBack(list, page, setPage, SECOND_LOOK_PER_PAGE, title);
	return html`<section class="card" aria-labelledby="second-look-title" id="second-look">
		<h2 id="second-look-title" tabindex="-1" ref=${title}>${t('second_look.title')}</h2>
		<p>${t('second_look.intro')}</p>
		<${DataStatus} state=${list} />
		${list.data && !items.length ? html`<p>${t('second_look.empty')}</p>` : null}
		${items.length ? html`<ul class="cards" id="second-look-list" aria-labelledby="second-look-title"
			aria-busy=${list.loading ? 'true' : 'false'}>
			${items.map((x) => html`<li class="card" key=${x.id} id=${'second-look-' + x.id}>
				<h3 class="user-text">${fullName(x.youth)}</h3>
				<p class="user-text">${t('second_look.candidate')}: <strong>${x.name}</strong>${x.relation ? ' (' + x.relation + ')' : ''}</p>
				${x.reason ? html`<p class="user-text">${t('assess.reason')}: ${x.reason}</p>` : null}
				<p class="muted">${t('second_look.declined_by', {
					name: (x.assessed_by && x.assessed_by.display_name) || t('common.unknown'), time: formatTime(x.assessed_at) })}</p>
				<p><a href=${'#/youths/' + x.youth_id + '/jim'}>${t('second_look.open', { name: fullName(x.youth) })}</a></p>
			</li>`)}
		</ul>` : null}
		${pages > 1 ? html`<${Pager} page=${page} pages=${pages} onPage=${setPage} idPrefix="second-look-page"
			label=${t('second_look.pages')} />` : null}
	</section>`;
}

// JimHome: extra panels on the JIM's home page: a check-in reminder and
// meeting actions the JIM owns (only when there are any).
export function JimHome({ user }) {
	const [st] = useData(user.jim_id ? jimBase(user.jim_id) + '/checkins' : null);
	return html`${st.data && st.data.due ? html`<p class="notice notice-warning" id="checkin-reminder">${t('checkin.reminder')}
		${' '}<a href="#/check-in">${t('checkin.reminder_link')}</a></p>` : null}
		<${MyActions} user=${user} />`;
}

function alertWho(x) {
	const by = x.acknowledged_by;
	if (!by) return '';
	return typeof by === 'object' ? by.display_name || '' : '';
}

// What an alert is about, in the reader's language, from the figures the
// server reads back from it (`facts`; null for a text it does not know).
function alertFacts(x) {
	const f = x.facts;
	if (!f || typeof f !== 'object') return '';
	const dates = { since: f.since ? formatDate(f.since) : '', due: f.due ? formatDate(f.due) : '' };
	const key = 'alert_facts.' + String(x.kind || '').replace(/[^a-z_]/g, '');
	return has(key) ? t(key, { ...f, ...dates }) : '';
}

// Alerts of one JIM together, in the order the list came in (newest first).
function alertGroups(items) {
	const groups = [];
	const byJim = new Map();
	for (const x of items) {
		const key = String(x.jim_id != null ? x.jim_id : x.jim_name || '') + '/' + String(x.youth_id || '');
		let g = byJim.get(key);
		if (!g) {
			g = { key, jim_name: x.jim_name, youth_id: x.youth_id, youth_name: fullName(x.youth), items: [] };
			byJim.set(key, g);
			groups.push(g);
		}
		g.items.push(x);
	}
	return groups;
}

const alertKind = (x) => String(x.kind || '').replace(/[^a-z_]/g, '');

// How many JIMs' alerts the panel shows before "Toon alle": a team with many
// JIMs would otherwise fill a phone's home page with screens of alerts.
const ALERT_GROUPS_SHOWN = 10;

// The alerts at `p` (GET /api/v1/alerts, newest first, a page at a time),
// as one answer {items, more, next}: the first page and, while the last
// page loaded still ends above `floorId` (the oldest alert the panel showed;
// null: the first page only), the pages after it, each alert once. So a
// list loaded again holds what was shown, fresh: handled ones left out, new
// ones in.
async function alertPagesDownTo(p, floorId) {
	let d = await get(p);
	const items = ((d && d.items) || []).slice();
	const seen = new Set(items.map((x) => x.id));
	while (floorId != null && d && d.more === true && typeof d.next === 'string' && items.length &&
		items[items.length - 1].id > floorId) {
		d = await get(p + (p.includes('?') ? '&' : '?') + 'before=' + encodeURIComponent(d.next));
		const got = (d && d.items) || [];
		if (!got.length) break;
		for (const x of got) {
			if (!seen.has(x.id)) {
				seen.add(x.id);
				items.push(x);
			}
		}
	}
	return { items, more: !!(d && d.more === true), next: (d && d.next) || null };
}

// The older pages the alerts panel loaded with "Toon oudere signalen" below
// the list's answer `over` (its items when they were loaded): their alerts
// and the cursor after them (null: none older). They count only with that
// answer: the list's next answer (after a handled alert, or on a return)
// holds them itself, as it is loaded down to the oldest alert shown.
const noOlder = () => ({ over: null, items: [], next: null });

export function Alerts() {
	const [state, setState] = useState('open');
	const path = '/api/v1/alerts' + query({ state });
	// the oldest alert shown at a path: a load of that path reaches down to it
	const floor = useRef({ path: null, id: null });
	const loadShown = useCallback((p) => alertPagesDownTo(p, floor.current.path === p ? floor.current.id : null), []);
	const [list, reload] = useList(path, loadShown);
	const [older, setOlder] = useState(noOlder);
	const currentPath = useRef(path);
	currentPath.current = path;
	const listItems = useRef(list.items);
	listItems.current = list.items;
	const [all, setAll] = useState(false);
	const firstMore = useRef(null);
	const c = useCreate();
	const showAll = () => {
		setAll(true);
		// the first group that was not shown takes the focus, where the button was
		setTimeout(() => firstMore.current && firstMore.current.focus(), 0);
	};
	// A handled alert leaves the open list, and its form with it: the panel
	// says what happened, with the focus on that text.
	const handled = useDone();
	const mine = list.path === path;
	const withOlder = mine && older.over === list.items;
	const items = withOlder ? list.items.concat(older.items) : list.items;
	const next = withOlder ? older.next : (list.more && list.next) || null;
	const left = withOlder ? older.next !== null : list.more; // older alerts not shown
	if (mine) floor.current = { path, id: items.length ? items[items.length - 1].id : null };
	const groups = alertGroups(items);
	const shown = all ? groups : groups.slice(0, ALERT_GROUPS_SHOWN);
	function showOlder() {
		const from = path;
		const kept = items.slice(list.items.length);
		c.run(async () => {
			const d = await get('/api/v1/alerts' + query({ state, before: next }));
			const got = (d && d.items) || [];
			if (currentPath.current !== from) return;
			const more = d && d.more === true && typeof d.next === 'string' ? d.next : null;
			// the list may have been loaded again meanwhile (down to the oldest shown then)
			const over = listItems.current;
			const oldest = over.length ? over[over.length - 1].id : Infinity;
			setOlder({ over, items: kept.concat(got).filter((x) => x.id < oldest), next: more });
			setAll(true);
			// the first alert that was not shown takes the focus
			if (got.length) setTimeout(() => {
				const el = document.getElementById('alert-' + got[0].id);
				if (el) el.focus();
			}, 0);
		});
	}
	// An older alert that is handled changes in place (or leaves the open list).
	function done(a) {
		if (a && a.id != null) {
			setOlder((o) => ({ ...o, items: state === 'open' ? o.items.filter((x) => x.id !== a.id) : o.items.map((x) => (x.id === a.id ? a : x)) }));
		}
		return reload();
	}
	return html`<section class="card" aria-labelledby="alerts-title" id="alerts">
		<h2 id="alerts-title">${t('alert.title')}</h2>
		<p>${t('alert.intro')}</p>
		<${SelectField} id="alerts-state" name="state" label=${t('alert.show')} value=${state}
			onValue=${(v) => { setState(v); setAll(false); setOlder(noOlder()); floor.current = { path: null, id: null }; c.clear(); }}
			options=${['open', 'acknowledged', 'all'].map((v) => ({ value: v, label: t('alert.state_' + v) }))} />
		<${DoneMessage} done=${handled} id="alerts-message" />
		<${ListStatus} state=${list} emptyKey=${state === 'open' ? 'alert.empty_open' : 'alert.empty'} />
		${items.length ? html`<p id="alerts-count">${t(items.length === 1 ? 'alert.count_alerts_one' : 'alert.count_alerts', { n: items.length })} ${
			t(groups.length === 1 ? 'alert.count_jims_one' : 'alert.count_jims', { n: groups.length })}${left ? ' ' + t('alert.capped', { n: items.length }) : ''}</p>
		<ul class="alert-groups" id="alert-list" aria-labelledby="alerts-title"
			aria-busy=${list.loading || c.busy ? 'true' : 'false'}>
			${shown.map((g, i) => html`<li class="alert-group" key=${g.key}>
				<h3 class="alert-group-title user-text" id=${'alert-group-' + i} tabindex="-1"
					ref=${i === ALERT_GROUPS_SHOWN ? firstMore : undefined}>${g.youth_name
					? t('alert.group', { jim: g.jim_name || t('common.unknown'), youth: g.youth_name })
					: t('alert.jim') + ': ' + (g.jim_name || t('common.unknown'))}${g.youth_id ? html` · <a href=${'#/youths/' + g.youth_id + '/hours'}
						class="alert-to-dossier">${t('alert.to_dossier')}</a>` : null}</h3>
				<ul class="alert-rows" aria-labelledby=${'alert-group-' + i}>
					${g.items.map((x) => html`<${AlertItem} key=${x.id} x=${x} onDone=${done} onHandled=${handled.say} />`)}
				</ul>
			</li>`)}
		</ul>
		${shown.length < groups.length ? html`<p class="button-row"><button type="button" class="secondary" id="alerts-show-all"
			onClick=${showAll}>${t('alert.show_all', { n: groups.length })}</button></p>` : null}
		<${FormMessage} c=${c} id="alerts-older-message" />
		${next ? html`<p class="button-row"><${Button} type="button" class="secondary" id="alerts-older" busy=${c.busy}
			onClick=${showOlder}>${t('alert.show_older')}<//></p>` : null}` : null}
	</section>`;
}

// AlertItem is one line (what and when); an open alert unfolds to what it is
// about and the note to handle it, a handled one says who handled it, and,
// when a correction of the hours closed it (resolution "corrected", no
// note), that it was closed for that reason.
function AlertItem({ x, onDone, onHandled }) {
	const p = 'alert-' + x.id + '-';
	const [note, setNote] = useState('');
	const c = useCreate();
	const kind = alertKind(x);
	const kindText = tOr('alert_kind.' + kind, kind);

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const text = note.trim();
			if (!text) throw fieldError('note');
			const a = await post('/api/v1/alerts/' + x.id + '/acknowledge', { note: text });
			setNote('');
			await onDone(a);
			onHandled(t('alert.handled', { kind: kindText, jim: x.jim_name || t('common.unknown') }));
		});
	}

	const about = html`<p class="muted">${tOr('alert_kind_text.' + kind, '')}</p>
		${alertFacts(x) ? html`<p class="alert-detail">${t('alert.detail')}: ${alertFacts(x)}</p>` : null}`;
	const when = html`<span class="muted alert-when">${t('alert.since', { time: formatTime(x.created_at) })}</span>`;
	if (x.acknowledged_at) {
		return html`<li class=${'alert alert-' + kind} id=${'alert-' + x.id} data-kind=${kind} tabindex="-1">
			<p class="alert-line"><strong class="alert-kind">${kindText}</strong> · ${when}</p>
			${about}
			<p class="ack">${t('alert.acknowledged', { time: formatTime(x.acknowledged_at) })}${alertWho(x)
				? ' (' + alertWho(x) + ')' : ''}</p>${x.resolution === 'corrected'
				? html`<p class="alert-corrected">${t('alert.corrected')}</p>` : null}${x.note ? html`<p class="user-text pre">${x.note}</p>` : null}
		</li>`;
	}
	return html`<li class=${'alert alert-' + kind} id=${'alert-' + x.id} data-kind=${kind} tabindex="-1">
		<details class="disclosure alert-open" id=${p + 'details'}>
			<summary><span class="alert-kind">${kindText}</span> · ${when}</summary>
			${about}
			<form onSubmit=${submit} novalidate>
				<${FormMessage} c=${c} id=${p + 'message'} scope="alert" />
				<${TextArea} id=${p + 'note'} name="note" label=${t('alert.note')} hint=${t('alert.note_hint')} rows="2" value=${note}
					onValue=${setNote} maxlength="1000" err=${c.err} errScope="alert" required />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('alert.acknowledge')}<//>
			</form>
		</details>
	</li>`;
}

// MyActions: the caller's open actions with a "done" button: the meeting
// actions they own and, for the young person and the JIM, the actions of the
// plan that are theirs (kind "plan", with the goal and a link to the plan
// page instead of the meeting). With `always` the panel shows also when
// there are none. An action marked done
// leaves the list with its button: the text that says so takes the focus,
// with "Toch niet klaar" under it, which takes "done" back (a tap by
// mistake) and puts the action in the list again.
const isPlanAction = (a) => a.kind === 'plan';
// An action's element id: a meeting action and one of the plan may share a number.
const actionId = (a) => (isPlanAction(a) ? 'myplanaction-' : 'myaction-') + a.id;
const actionDone = (a) => (isPlanAction(a) ? '/api/v1/goal-actions/' : '/api/v1/meeting-actions/') + a.id + '/done';
// Where the plan of an action's young person is: the young person's and the
// JIM's own plan page, else the dossier's plan tab.
const planRoute = (user, a) => (user && user.role === 'youth' ? '#/my-plan'
	: user && user.role === 'jim' ? '#/my-youth' : '#/youths/' + a.youth_id + '/plan');

// usePlanChange: one page shows the plan and "Dit ga jij doen" side by side
// ("Mijn jongere"); a plan action ticked off in one must show in the other.
// change is {n, from}, counted up by the page after each change; `self`
// names this part, which already fetched its own list again; any other
// part's change makes it call reload().
export function usePlanChange(change, self, reload) {
	const n = change ? change.n : 0;
	useEffect(() => {
		if (n && change.from !== self) reload();
	}, [n]);
}

// The one muted line under an action: its goal (a plan action), whose it is
// (not on the young person's own screen), when it is due and a link to its
// plan or meeting; parts to be joined with " · ".
function actionAbout(a, user, plain) {
	const parts = [];
	if (isPlanAction(a) && a.goal_title) parts.push(html`<span class="user-text myaction-goal">${t('myactions.goal', { goal: a.goal_title })}</span>`);
	if (a.youth_given_name && user && user.role !== 'youth') parts.push(html`<span class="user-text myaction-youth">${t('myactions.for', { name: a.youth_given_name })}</span>`);
	if (a.due_date) parts.push(html`<span class=${'myaction-due' + (a.due_date < today() ? ' flag' : '')}>${t(a.due_date < today()
		? 'myactions.overdue' : 'myactions.due', { date: formatDate(a.due_date, plain) })}</span>`);
	parts.push(isPlanAction(a) ? html`<a href=${planRoute(user, a)}>${t('myactions.to_plan')}</a>`
		: html`<a href=${'#/meetings/' + a.meeting_id}>${t(plain ? 'myactions.to_meeting_plain' : 'myactions.to_meeting')}</a>`);
	return parts;
}

export function MyActions({ user, always, planChange, onPlanChanged }) {
	const [list, reload] = useList('/api/v1/my/actions');
	const c = useCreate();
	const said = useDone();
	const [undoable, setUndoable] = useState(null); // the action just marked done
	const plain = user && isPlainRole(user.role);
	usePlanChange(planChange, 'actions', reload);
	if (!always && !list.items.length && !said.text) return null;

	// After a plan action changed here, the plan shown beside this list
	// (onPlanChanged) is fetched again too.
	const told = (a) => {
		if (onPlanChanged && isPlanAction(a)) onPlanChanged('actions');
	};
	function done(a) {
		c.run(async () => {
			await post(actionDone(a), {});
			await reload();
			told(a);
			setUndoable(a);
			said.say(t('myactions.done_ok'));
		});
	}
	function undo() {
		const a = undoable;
		c.run(async () => {
			await del(actionDone(a));
			await reload();
			told(a);
			setUndoable(null);
			said.say(t('myactions.undone_ok'));
		});
	}

	const open = list.items.filter((a) => !a.done_at);
	return html`<section class="card" aria-labelledby="myactions-title" id="my-actions">
		<h2 id="myactions-title">${plain ? t('myactions.title_plain') : t('myactions.title')}</h2>
		<${FormMessage} c=${c} id="myactions-error" />
		<${DoneMessage} done=${said} id="myactions-message" />
		${undoable && said.text ? html`<p class="button-row"><${Button} type="button" class="secondary" id="myactions-undo"
			busy=${c.busy} onClick=${undo}>${t('myactions.undo')}<//></p>` : null}
		<${ListStatus} state=${list} emptyKey="myactions.empty" />
		${open.length ? html`<ul class="cards myactions" aria-labelledby="myactions-title">
			${open.map((a) => html`<li class="card myaction" key=${actionId(a)} id=${actionId(a)} data-kind=${isPlanAction(a) ? 'plan' : 'meeting'}>
				<p class="user-text myaction-what" id=${actionId(a) + '-what'}><strong>${a.description}</strong></p>
				<${Button} type="button" class="secondary small" id=${actionId(a) + '-done'} onClick=${() => done(a)}
					aria-describedby=${actionId(a) + '-what'} busy=${c.busy}>${t('myactions.done')}<//>
				<p class="muted myaction-about">${actionAbout(a, user, plain).map((part, i) => html`${i ? ' · ' : ''}${part}`)}</p>
			</li>`)}
		</ul>` : null}
	</section>`;
}

function periodRange(which) {
	const day = today();
	if (which === 'last_month') return previousMonth(day);
	if (which === 'last_12_weeks') return { from: addDays(mondayOf(day), -77), to: day };
	return { from: firstOfMonth(day), to: day };
}

export function TeamTotals({ user }) {
	const [which, setWhich] = useState('this_month');
	const teams = teamOptions(user, t);
	if (!teams.length) return null;
	const range = periodRange(which);
	return html`<section class="card" aria-labelledby="team-totals-title" id="team-totals">
		<h2 id="team-totals-title">${t('teamtotals.title')}</h2>
		<p>${t('teamtotals.intro')}</p>
		<${SelectField} id="tt-period" name="period" label=${t('teamtotals.period')} value=${which} onValue=${setWhich}
			options=${['this_month', 'last_month', 'last_12_weeks'].map((v) => ({ value: v, label: t('teamtotals.' + v) }))} />
		<p class="muted">${t('stmt.period', { from: formatDate(range.from), to: formatDate(range.to) })}</p>
		${teams.map((team) => html`<${TeamTotalsTable} key=${team.value} team=${team} range=${range} />`)}
	</section>`;
}

// How many JIMs a team's table shows before "Toon alle": a team has dozens,
// which fill screens of a phone. The JIMs with the most time come first (they
// may need a word), the others in the answer's order (by name).
const TEAM_TOTALS_SHOWN = 10;

const mostTimeFirst = (items) => items.slice().sort((a, b) => (Number(b.minutes) || 0) - (Number(a.minutes) || 0));

function TeamTotalsTable({ team, range }) {
	const path = '/api/v1/teams/' + team.value + '/jim-totals' + query(range);
	const [list] = useList(path);
	const [all, setAll] = useState(false);
	const firstMore = useRef(null);
	// another period starts at ten again
	useLayoutEffect(() => setAll(false), [path]);
	const showAll = () => {
		setAll(true);
		// the first JIM that was not shown takes the focus, where the button was
		setTimeout(() => firstMore.current && firstMore.current.focus(), 0);
	};
	const title = 'tt-title-' + team.value;
	const rows = mostTimeFirst(list.items);
	const shown = all ? rows : rows.slice(0, TEAM_TOTALS_SHOWN);
	return html`<h3 id=${title} class="user-text">${team.label}</h3>
		<${ListStatus} state=${list} emptyKey="teamtotals.empty" />
		${rows.length ? html`<p class="muted" id=${'team-totals-order-' + team.value}>${t('teamtotals.order')}</p>
			<${TableWrap} labelId=${title}>
			<table class="data team-totals-table" id=${'team-totals-' + team.value} aria-describedby=${'team-totals-order-' + team.value}
				aria-busy=${list.loading ? 'true' : 'false'}>
				<thead><tr><th scope="col">${t('teamtotals.jim')}</th><th scope="col">${t('hours.time')}</th>
					<th scope="col">${t('hours.km_short')}</th><th scope="col">${t('teamtotals.activities')}</th>
					<th scope="col">${t('teamtotals.dossier')}</th></tr></thead>
				<tbody>${shown.map((x, i) => html`<tr key=${x.jim_id}>
					<th scope="row" class="user-text" tabindex=${i === TEAM_TOTALS_SHOWN ? '-1' : undefined}
						ref=${i === TEAM_TOTALS_SHOWN ? firstMore : undefined}>${x.jim_name}</th>
					<td>${formatDuration(x.minutes)}</td><td>${formatKm(x.km)}</td>
					<td>${x.activities}</td>
					<td><a class="user-text" href=${'#/youths/' + x.youth_id + '/hours'}>${x.youth_name || t('teamtotals.open', { id: x.youth_id })}</a></td></tr>`)}
				</tbody>
			</table><//>
			${shown.length < rows.length ? html`<p class="button-row"><button type="button" class="secondary"
				id=${'team-totals-show-all-' + team.value} onClick=${showAll}>${t('teamtotals.show_all', { n: rows.length })}</button></p>` : null}` : null}`;
}

// ---- Dossier: "JIM-uren" ---------------------------------------------------------

export function JimHoursTab({ d }) {
	if (!d.jim) return html`<p class="notice notice-info" id="hours-no-jim">${t('jimhours.no_jim')}</p>`;
	return html`<${JimHours} jim=${d.jim} />`;
}

function JimHours({ jim }) {
	const jimId = jim.id;
	const [acts, reloadActs] = useList(jimBase(jimId) + '/activities' + query({ from: addDays(today(), -90), to: today() }));
	const [months, reloadMonths] = useData(jimBase(jimId) + '/totals?by=month');
	const [weeks, reloadWeeks] = useData(jimBase(jimId) + '/totals?by=week');
	const [checkins] = useData(jimBase(jimId) + '/checkins');
	const [costs] = useList(jimBase(jimId) + '/costs' + query({ from: addDays(today(), -90), to: today() }));
	const [statements, reloadStatements] = useList(jimBase(jimId) + '/statements');
	const reloadAll = () => Promise.all([reloadActs(), reloadMonths(), reloadWeeks()]);
	const day = today();
	const week = weeks.data ? periodOf(weeks.data.items, day) : null;
	const month = months.data ? periodOf(months.data.items, day) : null;
	const line = (x) => (x ? t('hours.total_line', { time: formatDuration(x.minutes), km: formatKm(x.km) }) : t('hours.total_none'));
	const ci = checkins.data;
	const decided = useDone();
	const removed = useDone();

	return html`<p class="user-text">${t('jimhours.intro', { name: jim.name })}</p>
		<dl class="facts card" id="hours-totals">
			<dt>${t('hours.this_week')}</dt><dd>${line(week)}</dd>
			<dt>${t('hours.this_month')}</dt><dd>${line(month)}</dd>
			${ci ? html`<dt>${t('jimhours.next_checkin')}</dt><dd>${ci.due ? t('jimhours.checkin_due')
				: ci.next_due_on ? formatDate(ci.next_due_on) : t('common.none')}</dd>` : null}
		</dl>
		${months.data && (months.data.items || []).length ? html`<h3 id="months-title">${t('jimhours.per_month')}</h3>
			<${TableWrap} labelId="months-title">
				<table class="data" id="months-table">
					<thead><tr><th scope="col">${t('jimhours.month')}</th><th scope="col">${t('hours.time')}</th>
						<th scope="col">${t('hours.km_short')}</th><th scope="col">${t('teamtotals.activities')}</th></tr></thead>
					<tbody>${months.data.items.slice().reverse().slice(0, 6).map((x) => html`<tr key=${x.period}>
						<td class="nowrap">${formatMonth(x.period)}</td><td>${formatDuration(x.minutes)}</td><td>${formatKm(x.km)}</td>
						<td>${x.activities}</td></tr>`)}</tbody>
				</table><//>` : null}
		<h3 id="acts-title">${t('jimhours.activities')}</h3>
		<${DoneMessage} done=${removed} id="activities-message" />
		<${ListStatus} state=${acts} emptyKey="jimhours.no_activities" />
		${acts.items.length ? html`<${TableWrap} labelId="acts-title">
			<table class="data" id="hours-activities">
				<thead><tr><th scope="col">${t('hours.date')}</th><th scope="col">${t('jimhours.kind')}</th>
					<th scope="col">${t('hours.time')}</th><th scope="col">${t('hours.km_short')}</th>
					<th scope="col">${t('common.note')}</th><th scope="col">${t('jimhours.entered')}</th></tr></thead>
				<tbody>${acts.items.map((a) => html`<${ActivityRow} key=${a.id} a=${a} onDone=${reloadAll}
					onRemoved=${removed.say} />`)}</tbody>
			</table><//>` : null}
		<${Correction} jimId=${jimId} onDone=${reloadAll} />
		<h3 id="ci-title">${t('jimhours.checkins')}</h3>
		<${DataStatus} state=${checkins} />
		${ci && (ci.items || []).length ? html`<ul class="cards" id="hours-checkins" aria-labelledby="ci-title">
			${ci.items.slice(0, 5).map((x) => html`<li class="card" key=${x.id}>
				<p class="muted">${formatWhen(x.created_at)}</p>
				<p>${t('jimhours.checkin_line', { wellbeing: x.wellbeing, burden: x.burden,
					cont: tOr('checkin.continue_' + x.continue, x.continue) })}</p>
				${x.note ? html`<p class="user-text pre">${x.note}</p>` : null}
			</li>`)}
		</ul>` : ci ? html`<p>${t('jimhours.no_checkins')}</p>` : null}
		<h3 id="costs-title">${t('jimhours.costs')}</h3>
		<${ListStatus} state=${costs} emptyKey="cost.empty" />
		${costs.items.length ? html`<ul class="plain-list" aria-labelledby="costs-title">
			${costs.items.map((x) => html`<li key=${x.id} class="user-text">${formatDate(x.date)}: ${formatEuro(x.amount_cents)} – ${x.description}
				${x.receipt_note ? ' (' + t('cost.receipt') + ': ' + x.receipt_note + ')' : ''}</li>`)}
		</ul>` : null}
		<h3 id="stmts-title">${t('stmt.list_team')}</h3>
		<${DoneMessage} done=${decided} id="statements-decided" />
		<p><${DownloadLink} href=${csvLink(jimId, addDays(today(), -90), today())} name=${csvName(jimId, addDays(today(), -90), today())}>${t('jimhours.csv_90')}<//></p>
		<${ListStatus} state=${statements} emptyKey="stmt.empty_team" />
		${statements.items.length ? html`<ul class="cards" id="hours-statements" aria-labelledby="stmts-title">
			${statements.items.map((s) => html`<${StatementCard} key=${s.id} s=${s} jimId=${jimId}>
				${s.status === 'submitted' ? html`<${StatementDecision} s=${s} onDone=${reloadStatements} onDecided=${decided.say} />` : null}
			<//>`)}
		</ul>` : null}`;
}

// ActivityRow: "Verwijderen" asks once more in the row (the focus goes to
// "Zeker verwijderen", back to "Verwijderen" on "Annuleren"); once the row
// is gone, the table's message says so and takes the focus. The activity's
// etag goes with it: changed since the list was loaded (412), a button
// loads the newest version, and "Zeker verwijderen" asks again.
function ActivityRow({ a, onDone, onRemoved }) {
	const [confirm, setConfirm] = useState(false);
	const c = useCreate();
	const p = 'act-' + a.id + '-';
	const asked = useRef(false);
	useLayoutEffect(() => {
		const b = confirm || asked.current ? document.getElementById(p + (confirm ? 'sure' : 'delete')) : null;
		if (b) b.focus();
		asked.current = confirm;
	}, [confirm]);
	function remove() {
		c.run(async () => {
			await del('/api/v1/activities/' + a.id, a.etag);
			await onDone();
			onRemoved(t('jimhours.deleted', { date: formatDate(a.date) }));
		});
	}
	return html`<tr>
		<td class="nowrap">${formatDate(a.date)}</td>
		<td>${tOr('activity_kind.' + a.kind, a.kind)}</td>
		<td>${formatDuration(a.minutes)}</td>
		<td>${formatKm(a.km)}</td>
		<td class="user-text">${a.note || ''}</td>
		<td class="user-text">${(a.entered_by && a.entered_by.display_name) || ''}
			${a.locked ? html`<br /><span class="muted">${t('jimhours.locked')}</span>` : null}
			<br />${confirm ? html`<${Button} type="button" class="danger small" id=${p + 'sure'}
					onClick=${remove} busy=${c.busy}>${t('jimhours.delete_sure')}<//>
				<button type="button" class="link-button" onClick=${() => setConfirm(false)}>${t('common.cancel')}</button>`
			: html`<button type="button" class="secondary small" id=${p + 'delete'}
				onClick=${() => setConfirm(true)}>${t('jimhours.delete')}</button>`}
			${c.err ? html`<span class="field-error" role="alert">${errorText(c.err)}</span>` : null}
			${c.ok ? html`<span class="notice-ok" role="status">${c.ok}</span>` : null}
			<${EditConflict} c=${c} id=${p + 'reload'} onReload=${onDone} focusId=${p + 'sure'} reloadedText=${t('hours.delete_reloaded')} /></td>
	</tr>`;
}

function Correction({ jimId, onDone }) {
	const [form, setForm] = useState({ date: today(), hours: '', minutes: '', km: '', kind: 'contact', note: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = activityBody(form);
			if (!body.note) delete body.note;
			await post(jimBase(jimId) + '/activities', body);
			setOk(t('jimhours.correction_saved'));
			setForm({ date: today(), hours: '', minutes: '', km: '', kind: 'contact', note: '' });
			await onDone();
		});
	}
	return html`<details class="card disclosure" id="hours-correction">
		<summary><span class="h2-like">${t('jimhours.correction')}</span></summary>
		<p class="hint">${t('jimhours.correction_hint')}</p>
		<${FormMessage} c=${c} id="correction-message" scope="plain" />
		<form onSubmit=${submit} novalidate ref=${formRef}>
			<${ActivityFields} p="cor-" form=${form} set=${set} err=${c.err} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('jimhours.correction_save')}<//>
		</form>
	</details>`;
}

// ---- Settings: the calendar feed ----------------------------------------------------

export function SettingsView({ user }) {
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('settings.title')}</h1>
		<p class="lead">${isPlainRole(user.role) ? t('settings.intro_plain') : t('settings.intro')}</p>
		<${CalendarFeed} plain=${isPlainRole(user.role)} />
		<${PasswordChange} user=${user} />
		<${SessionsElsewhere} />
	</section>`;
}

// CalendarFeed: make, copy and revoke the secret calendar link. plain: the
// JIM's and the young person's texts. The server does not say whether an
// older link exists, so revoking one is offered folded away until a link is
// made here.
export function CalendarFeed({ plain }) {
	const [url, setUrl] = useState('');
	const c = useCreate();
	const text = (key) => (plain && tOr(key + '_plain', '') ? t(key + '_plain') : t(key));

	function create() {
		c.run(async (setOk) => {
			const r = await post('/api/v1/me/calendar-feed', {});
			const u = (r && r.url) || '';
			setUrl(u.startsWith('/') ? window.location.origin + u : u);
			setOk(text('feed.created'));
		});
	}
	function revoke() {
		c.run(async (setOk) => {
			await del('/api/v1/me/calendar-feed');
			setUrl('');
			setOk(text('feed.revoked'));
		});
	}
	async function copy() {
		try {
			await navigator.clipboard.writeText(url);
			c.run(async (setOk) => setOk(t('feed.copied')));
		} catch (e) {
			const input = document.getElementById('feed-url');
			if (input) input.select();
		}
	}

	return html`<section class="card" aria-labelledby="feed-title" id="calendar-feed">
		<h2 id="feed-title">${t('feed.title')}</h2>
		<p>${text('feed.intro')}</p>
		<p class="notice notice-warning">${text('feed.secret')}</p>
		<${FormMessage} c=${c} id="feed-message" />
		${url ? html`<div class="field">
			<label for="feed-url">${text('feed.url')}</label>
			<p class="hint" id="feed-url-hint">${text('feed.url_hint')}</p>
			<input id="feed-url" type="text" readonly value=${url} aria-describedby="feed-url-hint"
				onFocus=${(e) => e.currentTarget.select()} />
		</div>
		<p><button type="button" class="secondary" id="feed-copy" onClick=${copy}>${t('feed.copy')}</button></p>` : null}
		<div class="button-row">
			<${Button} type="button" class="primary" id="feed-create" onClick=${create} busy=${c.busy}>
				${url ? t('feed.renew') : t('feed.create')}<//>
			${url ? html`<${Button} type="button" class="danger" id="feed-revoke" onClick=${revoke} busy=${c.busy}>
				${text('feed.revoke')}<//>` : null}
		</div>
		<p class="hint">${text('feed.renew_hint')}</p>
		${url ? null : html`<details class="disclosure" id="feed-old">
			<summary>${text('feed.old_link')}</summary>
			<p>${text('feed.old_link_text')}</p>
			<p><${Button} type="button" class="danger" id="feed-revoke-old" onClick=${revoke} busy=${c.busy}>${text('feed.revoke')}<//></p>
		</details>`}
	</section>`;
}

// ---- Admin: organisation settings (#/organisations/{id}) ---------------------------------

export function OrgSettings({ id }) {
	const [st, reload] = useData('/api/v1/organisations/' + id + '/settings');
	const [form, setForm] = useState(null);
	const c = useCreate();
	const data = st.data;
	const values = form || (data ? Object.fromEntries(ORG_SETTINGS.map((k) => [k, data[k] == null ? '' : String(data[k])])) : null);

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = {};
			for (const k of ORG_SETTINGS) {
				const v = String(values[k]).trim();
				if (!/^\d+$/.test(v)) throw fieldError(k);
				body[k] = parseInt(v, 10);
			}
			await put('/api/v1/organisations/' + id + '/settings', body);
			// the fields show what is stored once it is fetched again, not the old values meanwhile
			await reload();
			setForm(null);
			setOk(t('orgset.saved'));
		});
	}

	return html`<section aria-labelledby="page-title">
		<p class="crumbs"><a href="#/organisations">${t('orgset.back')}</a></p>
		<h1 id="page-title" tabindex="-1">${t('orgset.title')}</h1>
		<p class="lead">${t('orgset.intro')}</p>
		<${DataStatus} state=${st} />
		${values ? html`<form class="card" onSubmit=${submit} novalidate id="org-settings">
			<${FormMessage} c=${c} id="orgset-message" scope="orgset" />
			${ORG_SETTINGS.map((k) => html`<${Field} key=${k} id=${'os-' + k} name=${k} label=${t('orgset.' + k)}
				hint=${t('orgset.' + k + '_hint')} value=${values[k]} inputmode="numeric" maxlength="6" autocomplete="off"
				onValue=${(v) => setForm({ ...values, [k]: v })} err=${c.err} errScope="orgset" required />`)}
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('orgset.save')}<//>
		</form>` : null}
	</section>`;
}

