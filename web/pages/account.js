// One account, for the admin (#/users/{id}, loaded with GET /users/{id}):
// who it is, its teams (take someone out of a team), its role (a staff
// member whose work changes: logged out everywhere, and a role without teams
// leaves them), and its lifecycle: end it when someone leaves, or send a new
// invitation when a password or phone is lost (which also starts an ended
// account again). JIM trainings follow for professionals and team leads. A
// JIM's account is ended with the JIM, in the dossier.
import { useState } from '../vendor/hooks.module.js';
import { html, useData, useList, DataStatus, useDone, DoneMessage, Confirm, Button, SelectField, InviteBox, invitationFrom } from '../ui.js';
import { t, tOr, errorText } from '../i18n.js';
import { post, put, del } from '../api.js';
import { fieldError } from '../format.js';
import { TrainingsSection, TRAINED_ROLES } from './admin.js';

// The roles an admin can give a staff member (PUT /users/{id}/role); a JIM's
// and a young person's accounts belong to a dossier.
const STAFF_ROLES = ['professional', 'teamlead', 'privacy_officer', 'researcher', 'admin'];

export function AccountPage({ id, me }) {
	const [st, reload] = useData('/api/v1/users/' + encodeURIComponent(id));
	const done = useDone();
	// A new invitation's link comes right after the message that says so,
	// which takes the focus: Tab reaches the link next. {id, link} of the
	// account it was made for (this page may be drawn for another since).
	const [invite, setInvite] = useState(null);
	const u = st.data;
	const name = u ? u.display_name || u.username : '';
	const own = u && me && String(me.id) === String(u.id);
	return html`<section aria-labelledby="page-title">
		<p class="crumbs"><a href="#/users">${t('acct.back')}</a></p>
		<h1 id="page-title" tabindex="-1">${u ? html`<span class="user-text">${name}</span>` : t('acct.title')}</h1>
		${st.err && st.err.status === 404 ? html`<p class="notice notice-info" id="account-unknown">${t('acct.unknown')}</p>`
			: html`<${DataStatus} state=${st} />`}
		<${DoneMessage} done=${done} id="account-message" />
		${u ? html`<${InviteBox} invite=${invite && String(invite.id) === String(u.id) ? invite.link : null}
			text=${t('acct.invite_text', { name })} id="account-invitation-link" />` : null}
		${u ? html`<${AccountFacts} u=${u} />
			<${AccountTeams} u=${u} onChanged=${reload} say=${done.say} />
			${own ? html`<p class="notice notice-info" id="account-own">${t('acct.own')}</p>`
				: html`<${AccountRole} key=${u.id + ':' + u.role} u=${u} onChanged=${reload} say=${done.say} />
					<${AccountLifecycle} u=${u} onChanged=${reload} say=${done.say}
						onInvite=${(link) => setInvite(link ? { id: u.id, link } : null)} />`}
			${TRAINED_ROLES.includes(u.role) ? html`<${TrainingsSection} id=${id} />` : null}` : null}
	</section>`;
}

function AccountFacts({ u }) {
	return html`<dl class="facts" id="account-facts">
		<dt>${t('user.username')}</dt><dd class="user-text">${u.username}</dd>
		<dt>${t('user.role')}</dt><dd>${tOr('role.' + u.role, u.role)}</dd>
		<dt>${t('user.status')}</dt><dd id="account-status">${tOr('status.' + u.status, u.status)}</dd>
	</dl>`;
}

// The teams of a professional or team lead, each with "take out of the team"
// behind a question that says what it means: no more access to its young people.
function AccountTeams({ u, onChanged, say }) {
	const [asking, setAsking] = useState(null);
	const [state, setState] = useState({ busy: false, err: null });
	if (!TRAINED_ROLES.includes(u.role)) return null;
	const name = u.display_name || u.username;
	const teamName = (tid) => ((u.teams || []).find((x) => x.id === tid) || { name: '#' + tid }).name;
	async function remove(tid) {
		setState({ busy: true, err: null });
		try {
			await del('/api/v1/teams/' + tid + '/members/' + u.id);
			await onChanged();
			setAsking(null);
			setState({ busy: false, err: null });
			say(t('acct.team_removed', { name, team: teamName(tid) }));
		} catch (err) {
			setState({ busy: false, err });
		}
	}
	return html`<div class="card" id="account-teams">
		<h2 id="account-teams-title">${t('user.teams')}</h2>
		${(u.team_ids || []).length ? html`<ul class="plain-list" aria-labelledby="account-teams-title">
			${u.team_ids.map((tid) => html`<li key=${tid} id=${'account-team-' + tid}>
				<span class="user-text">${teamName(tid)}</span>${' '}
				${asking === tid ? html`<${Confirm} id=${'team-out-' + tid} danger busy=${state.busy}
					question=${t('acct.team_remove_sure', { name, team: teamName(tid) })} yes=${t('acct.team_remove')}
					onYes=${() => remove(tid)} onNo=${() => setAsking(null)} returnTo=${'team-out-' + tid + '-open'} />
					${state.err ? html`<p class="field-error" role="alert">${errorText(state.err)}</p>` : null}`
				: html`<button type="button" class="link-button" id=${'team-out-' + tid + '-open'}
					onClick=${() => { setState({ busy: false, err: null }); setAsking(tid); }}>${t('acct.team_remove')}</button>`}
			</li>`)}
		</ul>` : html`<p>${t('acct.no_teams')}</p>`}
		<${AccountTeamAdd} u=${u} onChanged=${onChanged} say=${say} />
	</div>`;
}

// Puts a professional or team lead in one more team of their organisation
// (POST /teams/{id}/members): from then on they see its young people.
function AccountTeamAdd({ u, onChanged, say }) {
	const [teams] = useList('/api/v1/teams');
	const [chosen, setChosen] = useState('');
	const [state, setState] = useState({ busy: false, err: null });
	const name = u.display_name || u.username;
	// someone without an organisation works in no team (docs/SECURITY.md G10)
	const open = teams.items.filter((x) => !(u.team_ids || []).includes(x.id) &&
		u.organisation_id != null && x.organisation_id === u.organisation_id);
	if (!open.length) return null;
	async function add(e) {
		e.preventDefault();
		const team = open.find((x) => String(x.id) === chosen);
		if (!team) {
			setState({ busy: false, err: fieldError('team') });
			return;
		}
		setState({ busy: true, err: null });
		try {
			await post('/api/v1/teams/' + team.id + '/members', { user_id: u.id });
			await onChanged();
			setChosen('');
			setState({ busy: false, err: null });
			say(t('acct.team_added', { name, team: team.name }));
		} catch (err) {
			setState({ busy: false, err });
		}
	}
	const fieldErr = state.err && state.err.field === 'team' ? state.err : null;
	return html`<form onSubmit=${add} novalidate id="account-team-add">
		${state.err && !fieldErr ? html`<p class="notice notice-error" role="alert" id="account-team-add-error">${errorText(state.err)}</p>` : null}
		<${SelectField} id="account-team-select" name="team" label=${t('acct.team_add_label')} value=${chosen}
			hint=${t('acct.team_add_hint', { name })} err=${fieldErr} errScope="acct_team"
			onValue=${(v) => { setChosen(v); setState({ busy: false, err: null }); }}
			options=${[{ value: '', label: t('acct.team_choose') }, ...open.map((x) => ({ value: String(x.id), label: x.name }))]} />
		<p><${Button} type="submit" class="secondary" id="account-team-add-button" busy=${state.busy}>${t('acct.team_add')}<//></p>
	</form>`;
}

// A staff member's new role, behind a question that says what happens: they
// are logged out everywhere (their calendar link stops too), and a role
// without teams takes them out of the teams named. Not for a JIM's account.
function AccountRole({ u, onChanged, say }) {
	const [to, setTo] = useState('');
	const [asking, setAsking] = useState(false);
	const [state, setState] = useState({ busy: false, err: null });
	if (!STAFF_ROLES.includes(u.role)) return null;
	const name = u.display_name || u.username;
	const roleName = (r) => tOr('role.' + r, r);
	const leaving = to && !TRAINED_ROLES.includes(to) ? u.teams || [] : [];
	function open(e) {
		e.preventDefault();
		if (!to) {
			setState({ busy: false, err: fieldError('role') });
			return;
		}
		setState({ busy: false, err: null });
		setAsking(true);
	}
	async function change() {
		setState({ busy: true, err: null });
		try {
			const answer = await put('/api/v1/users/' + u.id + '/role', { role: to });
			const left = answer.left_teams || [];
			await onChanged();
			setAsking(false);
			setState({ busy: false, err: null });
			say([t('acct.role_changed', { name, role: roleName(answer.role) }),
				left.length ? t('acct.role_left', { name, teams: left.map((x) => x.name).join(', ') }) : ''].join(' ').trim());
		} catch (err) {
			setState({ busy: false, err });
		}
	}
	const fieldErr = state.err && state.err.field === 'role' ? state.err : null;
	return html`<div class="card" id="account-role">
		<h2 id="account-role-title">${t('acct.role')}</h2>
		<p>${t('acct.role_text', { name })}</p>
		${state.err && !fieldErr ? html`<p class="notice notice-error" role="alert" id="account-role-error">${errorText(state.err)}</p>` : null}
		${asking ? html`<${Confirm} id="account-role" busy=${state.busy}
			question=${t('acct.role_sure', { name, from: roleName(u.role), to: roleName(to) })} yes=${t('acct.role_change')}
			onYes=${change} onNo=${() => setAsking(false)} returnTo="account-role-open">
			<ul class="plain-list" id="account-role-effects">
				<li>${t('acct.role_logout', { name })}</li>
				${leaving.length ? html`<li>${t('acct.role_leaves', { name })}
					<ul>${leaving.map((x) => html`<li key=${x.id} class="user-text">${x.name}</li>`)}</ul></li>` : null}
			</ul>
		<//>` : html`<form onSubmit=${open} novalidate>
			<${SelectField} id="account-role-select" name="role" label=${t('acct.role_new')} value=${to}
				onValue=${(v) => { setTo(v); setState({ busy: false, err: null }); }} err=${fieldErr} errScope="acct_role"
				options=${[{ value: '', label: t('acct.role_choose') },
					...STAFF_ROLES.filter((r) => r !== u.role).map((r) => ({ value: r, label: roleName(r) }))]} />
			<p><${Button} type="submit" class="secondary" id="account-role-open">${t('acct.role_change')}<//></p>
		</form>`}
	</div>`;
}

// Ending the account and a new invitation, each behind a question; the new
// invitation (null after an ending) goes to onInvite, for the page to show
// under its message.
function AccountLifecycle({ u, onChanged, say, onInvite }) {
	const [asking, setAsking] = useState('');
	const [state, setState] = useState({ busy: false, err: null });
	const name = u.display_name || u.username;
	if (u.role === 'jim') {
		return html`<div class="card" id="account-lifecycle"><h2>${t('acct.lifecycle')}</h2>
			<p>${t('acct.jim_in_dossier')}</p></div>`;
	}
	async function act(kind) {
		setState({ busy: true, err: null });
		try {
			const answer = await post('/api/v1/users/' + u.id + '/' + kind, {});
			await onChanged();
			setAsking('');
			setState({ busy: false, err: null });
			onInvite(kind === 'invitation' ? invitationFrom(answer) : null);
			say(t(kind === 'disable' ? 'acct.ended' : 'acct.invited', { name }));
		} catch (err) {
			setState({ busy: false, err });
		}
	}
	const open = (kind) => () => {
		setState({ busy: false, err: null });
		setAsking(kind);
	};
	const question = (kind, key, yes) => html`<${Confirm} id=${'account-' + kind} danger=${kind === 'disable'} busy=${state.busy}
		question=${t(key, { name })} yes=${yes} onYes=${() => act(kind)} onNo=${() => setAsking('')}
		returnTo=${'account-' + kind + '-open'} />`;
	return html`<div class="card" id="account-lifecycle">
		<h2>${t('acct.lifecycle')}</h2>
		${state.err ? html`<p class="notice notice-error" role="alert" id="account-error">${errorText(state.err)}</p>` : null}
		${u.status !== 'disabled' ? html`<p>${t('acct.end_text')}</p>
			${asking === 'disable' ? question('disable', 'acct.end_sure', t('acct.end'))
				: html`<p><${Button} class="secondary" id="account-disable-open" onClick=${open('disable')}>${t('acct.end')}<//></p>`}`
			: html`<p>${t('acct.ended_text', { name })}</p>`}
		<p>${t('acct.invite_again_text', { name })}</p>
		${asking === 'invitation' ? question('invitation', 'acct.invite_sure', t('acct.invite_again'))
			: html`<p><${Button} class="secondary" id="account-invitation-open" onClick=${open('invitation')}>${t('acct.invite_again')}<//></p>`}
	</div>`;
}
