// kring web shell: session bootstrap, hash routing, role-aware navigation.
import { render } from './vendor/preact.module.js';
import { useState, useEffect, useRef } from './vendor/hooks.module.js';
import { html, Button, RefetchOnReturn, forgetKept } from './ui.js';
import { t, tOr, setLang, initialLang, getLang, otherLang, errorText } from './i18n.js';
import { get, del, setCsrfToken, setUnauthorizedHandler, setReauthHandler } from './api.js';
import { LoginPage } from './pages/login.js';
import { ReauthDialog } from './pages/reauth.js';
import { InvitationPage } from './pages/invitation.js';
import { OrganisationsView, TeamsView, UsersView } from './pages/admin.js';
import { AuditView } from './pages/audit.js';
import { DossiersView, BreakGlassView, BreakGlassReviewView } from './pages/dossiers.js';
import { DossierPage } from './pages/dossier.js';
import { MyPlanView, MyJimView, MyMeetingsView, ConsentView, AccessLogView, YouthHome } from './pages/youth.js';
import { JimSummary, MyYouthView } from './pages/jim.js';
import { TimeView, ExpensesView, CheckInView, StatementPage } from './pages/jimtime.js';
import { MeetingPage } from './pages/meetings.js';
import { TeamHome, JimHome, SettingsView } from './pages/support.js';
import { StatsView, ResearchExportView } from './pages/stats.js';
import { RequestsView, ExportPage, MyFileView } from './pages/privacy.js';
import { isPlainRole } from './domain.js';
import { rememberWeakPassword, forgetWeakPassword, passwordIsWeak, WeakPasswordNotice } from './password-reminder.js';

// Navigation per role: [route, catalogue key, view or null = coming soon].
const NAV = {
	professional: [['dossiers', 'nav.dossiers', DossiersView], ['meetings', 'nav.meetings', MeetingPage], ['stats', 'nav.stats', StatsView]],
	teamlead: [['dossiers', 'nav.dossiers', DossiersView], ['break-glass-review', 'nav.break_glass_review', BreakGlassReviewView],
		['meetings', 'nav.meetings', MeetingPage], ['stats', 'nav.stats', StatsView]],
	jim: [['my-youth', 'nav.my_youth', MyYouthView], ['time', 'nav.time', TimeView], ['expenses', 'nav.expenses', ExpensesView],
		['check-in', 'nav.check_in', CheckInView]],
	youth: [['my-plan', 'nav.my_plan', MyPlanView], ['my-jim', 'nav.my_jim', MyJimView],
		['my-meetings', 'nav.my_meetings', MyMeetingsView], ['consent', 'nav.consent', ConsentView],
		['access-log', 'nav.access_log', AccessLogView], ['my-file', 'nav.my_file', MyFileView]],
	privacy_officer: [['audit', 'nav.audit', AuditView], ['requests', 'nav.requests', RequestsView]],
	researcher: [['stats', 'nav.stats', StatsView], ['research-export', 'nav.research_export', ResearchExportView]],
	admin: [['organisations', 'nav.organisations', OrganisationsView], ['teams', 'nav.teams', TeamsView],
		['users', 'nav.users', UsersView], ['stats', 'nav.stats', StatsView]],
};

// Pages reached by links rather than the menu: [route, view].
const HIDDEN = {
	professional: [['youths', DossierPage], ['break-glass', BreakGlassView], ['statements', StatementPage]],
	teamlead: [['youths', DossierPage], ['break-glass', BreakGlassView], ['statements', StatementPage]],
	jim: [['meetings', MeetingPage], ['statements', StatementPage]],
	youth: [['meetings', MeetingPage]],
	privacy_officer: [['export', ExportPage]],
	all: [['settings', SettingsView]],
};

function parseHash() {
	const h = window.location.hash.replace(/^#\/?/, '');
	const m = /^invitation\/(.+)$/.exec(h);
	if (m) {
		let token = m[1];
		try {
			token = decodeURIComponent(token);
		} catch (e) {
			/* keep it as it is */
		}
		return { name: 'invitation', token };
	}
	// #/youths/12/plan -> {name: 'youths', id: '12', tab: 'plan'}
	const parts = h.split('?')[0].split('/');
	return { name: parts[0] || 'home', id: parts[1] || null, tab: parts[2] || null };
}

function useRoute() {
	const [route, setRoute] = useState(parseHash());
	useEffect(() => {
		const on = () => setRoute(parseHash());
		window.addEventListener('hashchange', on);
		return () => window.removeEventListener('hashchange', on);
	}, []);
	return route;
}

function SkipLink() {
	return html`<a class="skip-link" href="#main" onClick=${(e) => {
		e.preventDefault();
		const main = document.getElementById('main');
		if (main) main.focus();
	}}>${t('skip.link')}</a>`;
}

// A server started with --demo says so on /healthz; every screen then says
// that its data is made up, before anyone types a real name into it.
function useDemoServer() {
	const [demo, setDemo] = useState(false);
	useEffect(() => {
		get('/healthz').then((h) => setDemo(h.demo === true), () => {});
	}, []);
	return demo;
}

function DemoRibbon() {
	return html`<p class="demo-ribbon" id="demo-ribbon">${t('demo.ribbon')}</p>`;
}

function LangSwitch({ onSwitch }) {
	const other = otherLang();
	return html`<button type="button" class="link-button" id="lang-switch" lang=${other}
		onClick=${() => onSwitch(other)}>${t('lang.switch')}</button>`;
}

function Header({ user, onSwitchLang, onLogout, busy, hidden }) {
	return html`<header class="site-header" hidden=${hidden || undefined}>
		<div class="header-inner">
			<a class="brand" href="#/">${t('app.name')}</a>
			${user ? html`<p class="whoami"><span class="visually-hidden">${t('header.signed_in_as')} </span>
				<span class="user-name user-text" id="me-name">${user.display_name || user.username}</span>
				<span class="user-role" id="me-role">${tOr('role.' + user.role, user.role)}</span></p>` : null}
			<div class="header-tools">
				${user ? html`<a class="header-link" href="#/settings" id="settings-link">${t('header.settings')}</a>` : null}
				<${LangSwitch} onSwitch=${onSwitchLang} />
				${user ? html`<${Button} type="button" class="secondary" id="logout" onClick=${onLogout} busy=${busy}>
					${t('header.logout')}<//>` : null}
			</div>
		</div>
	</header>`;
}

// Nav is the main menu. On a phone (max-width 40rem, as in style.css) it is
// folded behind a "Menu" button (a disclosure: aria-expanded, the list below
// it in the page flow) so that every item is reachable and the page starts on
// the first screen; Escape closes it and gives the focus back to the button,
// and choosing a page closes it. On a wider screen the button is hidden and
// the items are one row.
function Nav({ role, current, hidden }) {
	const items = NAV[role] || [];
	const [open, setOpen] = useState(false);
	const toggleRef = useRef(null);
	useEffect(() => setOpen(false), [current, role]);
	// Choosing an item folds the menu at once, also the page already shown
	// (whose route does not change).
	const fold = () => setOpen(false);
	function onKeyDown(e) {
		if (e.key !== 'Escape' || !open) return;
		e.preventDefault();
		setOpen(false);
		if (toggleRef.current) toggleRef.current.focus();
	}
	return html`<nav class="main-nav" aria-label=${t('nav.label')} hidden=${hidden || undefined} onKeyDown=${onKeyDown}>
		<button type="button" class="menu-toggle" id="menu-toggle" ref=${toggleRef} aria-expanded=${open ? 'true' : 'false'}
			aria-controls="main-nav-list" onClick=${() => setOpen(!open)}><span class="menu-icon" aria-hidden="true"></span>${t('nav.menu')}</button>
		<ul id="main-nav-list" class=${open ? 'open' : undefined}>
			<li><a href="#/" aria-current=${current === 'home' ? 'page' : undefined} onClick=${fold}>${t('nav.home')}</a></li>
			${items.map(([route, key]) => html`<li key=${route}><a href=${'#/' + route} onClick=${fold}
				aria-current=${current === route ? 'page' : undefined}>${t(key)}</a></li>`)}
		</ul>
	</nav>`;
}

function textFor(base, role) {
	return tOr(base + '.' + role, t(base));
}

// Home: the JIM's most frequent task, writing down a visit, is a button in
// the first screen of a phone, above what they may see.
function Home({ user }) {
	const items = NAV[user.role] || [];
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('home.title', { name: user.display_name || user.username })}</h1>
		<p class="lead">${textFor('home.intro', user.role)}</p>
		${passwordIsWeak() ? html`<${WeakPasswordNotice} link />` : null}
		${user.role === 'jim' && user.jim_id ? html`<p class="button-row"><a class="button primary" href="#/time/new" id="jim-log-link">${
			t('home.jim_log')}</a></p>` : null}
		${user.role === 'jim' ? html`<${JimSummary} user=${user} /><${JimHome} user=${user} />` : null}
		${user.role === 'youth' ? html`<${YouthHome} user=${user} />` : null}
		${user.role === 'professional' || user.role === 'teamlead' ? html`<${TeamHome} user=${user} />` : null}
		<ul class="tiles">
			${items.map(([route, key]) => html`<li key=${route}><a class="tile" href=${'#/' + route}>
				<span class="tile-title">${t(key)}</span>
				<span class="tile-text">${tOr('tile.' + route + '.' + user.role, tOr('tile.' + route, ''))}</span></a></li>`)}
		</ul>
	</section>`;
}

function ComingSoon({ titleKey, role }) {
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t(titleKey)}</h1>
		<p class="notice notice-info">${isPlainRole(role) ? t('soon.text_plain') : t('soon.text')}</p>
		<p><a href="#/">${t('common.back_home')}</a></p>
	</section>`;
}

function NotFound() {
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('notfound.title')}</h1>
		<p>${t('notfound.text')}</p>
		<p><a href="#/">${t('common.back_home')}</a></p>
	</section>`;
}

// Pages that are left open in a tab and read again later, whose data is
// fetched again when the user comes back (RefetchOnReturn): the home page,
// a dossier, the meetings page with the user's open actions and the JIM's
// "Mijn jongere" (a phone keeps it open for days). Not the pages that are
// mostly forms, such as a meeting or a statement, nor the dossier list,
// whose every fetch audits a read of each young person it lists.
const refetchedOnReturn = (route) => ['home', 'login', 'youths', 'my-youth'].includes(route.name) || (route.name === 'meetings' && !route.id);

function Page({ route, user }) {
	const page = html`<${PageView} route=${route} user=${user} />`;
	return refetchedOnReturn(route) ? html`<${RefetchOnReturn}>${page}<//>` : page;
}

function PageView({ route, user }) {
	if (route.name === 'home' || route.name === 'login') return html`<${Home} user=${user} />`;
	const hidden = [...(HIDDEN[user.role] || []), ...HIDDEN.all].find(([r]) => r === route.name);
	if (hidden) {
		const Hidden = hidden[1];
		return html`<${Hidden} user=${user} route=${route} />`;
	}
	const item = (NAV[user.role] || []).find(([r]) => r === route.name);
	if (!item) return html`<${NotFound} />`;
	const View = item[2];
	return View ? html`<${View} user=${user} route=${route} />` : html`<${ComingSoon} titleKey=${item[1]} role=${user.role} />`;
}

function App() {
	const route = useRoute();
	const [, setLangState] = useState(getLang());
	// session.status: loading | out | in | expired (the page kept under a login dialog)
	const [session, setSession] = useState({ status: 'loading', user: null, notice: '' });
	const [busy, setBusy] = useState(false);
	const [fatal, setFatal] = useState(null);
	const prevKey = useRef(null);
	const returnFocus = useRef(null);
	const demo = useDemoServer();

	useEffect(() => {
		get('/api/v1/me').then((me) => {
			setCsrfToken(me.csrf_token);
			setSession({ status: 'in', user: me, notice: '' });
		}, (err) => {
			if (err.status === 401) setSession({ status: 'out', user: null, notice: '' });
			else setFatal(err);
		});
	}, []);

	// Title, and focus on the page heading after in-app navigation.
	// (a session that expired and came back is the same page: focus stays put)
	const key = (session.status === 'expired' ? 'in' : session.status) + ':' + route.name + '/' + (route.id || '');
	useEffect(() => {
		const h1 = document.getElementById('page-title');
		document.title = (h1 && h1.textContent ? h1.textContent + ' – ' : '') + t('app.name');
		// Not on the first page shown after loading: keyboard users then
		// start at the top, with the skip link.
		const prev = prevKey.current;
		prevKey.current = key;
		if (prev === null || prev.startsWith('loading:')) return;
		// A page reached to fill in a form (#/time/new) marks that form with
		// data-focus-on-arrival: the focus then goes to its first field.
		const form = document.querySelector('main [data-focus-on-arrival]');
		const field = form && form.querySelector('input, select, textarea');
		if (field) field.focus();
		else if (h1) h1.focus();
	}, [key]);
	useEffect(() => {
		const h1 = document.getElementById('page-title');
		document.title = (h1 && h1.textContent ? h1.textContent + ' – ' : '') + t('app.name');
	});

	// A sensitive action asked for the password again (403 reauth_required):
	// the page stays, hidden, under a dialog that asks it; the action is sent
	// again once it is given (api.js), and focus goes back to where it was.
	const [reauth, setReauth] = useState(false); // the dialog is open
	const reauthAnswer = useRef(null); // resolves the action's ask: given or not
	const reauthReturn = useRef(null);
	useEffect(() => {
		setReauthHandler(() => new Promise((resolve) => {
			const active = document.activeElement;
			reauthReturn.current = active && active !== document.body ? active : null;
			reauthAnswer.current = resolve;
			setReauth(true);
		}));
		return () => setReauthHandler(null);
	}, []);
	function onReauthDone(given) {
		const answer = reauthAnswer.current;
		const back = reauthReturn.current;
		reauthAnswer.current = null;
		reauthReturn.current = null;
		setReauth(false);
		if (answer) answer(given);
		setTimeout(() => {
			const to = back && document.contains(back) ? back : document.getElementById('page-title');
			if (to) to.focus();
		}, 0);
	}

	// Any 401 not_authenticated from a later API call means the session ended.
	// The page stays as it is under a login dialog, so that what was typed is
	// still there after logging in again (a JIM's phone left aside for a while).
	useEffect(() => {
		setUnauthorizedHandler(() => {
			setCsrfToken(null);
			// A password dialog open at that moment is answered "not given": its
			// action stays refused, and nobody else's login sends it later.
			const answer = reauthAnswer.current;
			reauthAnswer.current = null;
			reauthReturn.current = null;
			setReauth(false);
			if (answer) answer(false);
			const active = document.activeElement;
			if (active && active !== document.body && !active.closest('#login-dialog')) returnFocus.current = active;
			setSession((s) => (s.status === 'in' || s.status === 'expired'
				? { status: 'expired', user: s.user, notice: t('login.session_expired_kept') }
				: { status: 'out', user: null, notice: t('login.session_expired') }));
		});
		return () => setUnauthorizedHandler(null);
	}, []);

	async function onLogin(res) {
		setCsrfToken(res.csrf_token);
		rememberWeakPassword(res.password_weak === true ? res.password_weak_reason || 'guessable' : '');
		let user = res.user;
		try {
			const me = await get('/api/v1/me');
			user = me;
			if (me.csrf_token) setCsrfToken(me.csrf_token);
		} catch (e) {
			/* the login answer's user is enough to go on */
		}
		if (window.location.hash === '#/login') window.location.hash = '#/';
		// Someone else logging in over an expired session starts on their own home page.
		const same = session.status === 'expired' && session.user && session.user.id === user.id;
		if (session.status === 'expired' && !same) window.location.hash = '#/';
		if (!same) forgetKept();
		setSession({ status: 'in', user, notice: '' });
		// back to where they were, e.g. the button they pressed when the session had ended
		const back = returnFocus.current;
		returnFocus.current = null;
		// (or to the page's heading when nothing had focus, e.g. a button disabled while it sent)
		if (same) {
			setTimeout(() => {
				const to = back && document.contains(back) ? back : document.getElementById('page-title');
				if (to) to.focus();
			}, 0);
		}
	}

	async function onLogout() {
		setBusy(true);
		try {
			await del('/api/v1/session');
		} catch (e) {
			/* the session may already be gone; log out locally anyway */
		}
		setBusy(false);
		setCsrfToken(null);
		forgetKept();
		forgetWeakPassword();
		if (window.location.hash && window.location.hash !== '#/') window.location.hash = '#/';
		setSession({ status: 'out', user: null, notice: t('login.logged_out') });
	}

	async function onSwitchLang(lang) {
		await setLang(lang, true);
		setLangState(lang);
	}

	const expired = session.status === 'expired';
	const asking = reauth && session.status === 'in';
	const covered = expired || asking;
	const user = session.status === 'in' || expired ? session.user : null;
	let content;
	if (fatal) content = html`<section aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">${t('app.name')}</h1>
		<p class="notice notice-error" role="alert">${errorText(fatal)}</p></section>`;
	else if (route.name === 'invitation') content = html`<${InvitationPage} token=${route.token} key=${'invitation/' + route.token} />`;
	else if (session.status === 'loading') content = html`<p>${t('common.loading')}</p>`;
	else if (!user) content = html`<${LoginPage} onLogin=${onLogin} notice=${session.notice} />`;
	else content = html`<${Page} route=${route} user=${user} key=${user.id + ':' + route.name + '/' + (route.id || '')} />`;

	// While expired the page is kept (what was typed stays) but hidden: the
	// timeout is also what keeps a file on a screen left alone from being read.
	return html`${covered ? null : html`<${SkipLink} />`}
		${demo && !covered ? html`<${DemoRibbon} />` : null}
		<${Header} user=${user} onSwitchLang=${onSwitchLang} onLogout=${onLogout} busy=${busy} hidden=${covered} />
		${user && route.name !== 'invitation' ? html`<${Nav} role=${user.role} current=${route.name} hidden=${covered} />` : null}
		<main id="main" tabindex="-1" class=${user && isPlainRole(user.role) ? 'plain' : ''} hidden=${covered || undefined}>${content}</main>
		${asking ? html`<${ReauthDialog} username=${user && user.username} onDone=${onReauthDone} />` : null}
		${expired ? html`<div class="dialog-backdrop">
			<div class="dialog" role="dialog" aria-modal="true" aria-labelledby="login-dialog-title" id="login-dialog">
				<${LoginPage} onLogin=${onLogin} notice=${session.notice} dialog />
			</div>
		</div>` : null}`;
}

setLang(initialLang(), false).then(() => {
	render(html`<${App} />`, document.getElementById('app'));
}, (err) => {
	// Without a catalogue there is no text to show but the error itself.
	const p = document.createElement('p');
	p.textContent = String(err && err.message);
	document.getElementById('app').appendChild(p);
});
