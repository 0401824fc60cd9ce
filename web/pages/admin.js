// Admin views: organisations (with their settings and cost assumptions),
// teams and users (list + create; JIM trainings per professional). The admin
// sees no dossier content, only this structure.
import { useState } from '../vendor/hooks.module.js';
import { OrgSettings } from './support.js';
import { AccountPage } from './account.js';
import {
	html, Field, SelectField, TableWrap, useList, ListStatus, useCreate, FormMessage, useData, DataStatus, Button, InviteBox, invitationFrom, useDone,
	DoneMessage, errorAt, useFocusError,
} from '../ui.js';
import { t, tOr, errorText, formatTime, formatDate, today } from '../i18n.js';
import { post, put } from '../api.js';
import { parseEuroCents, parseDecimal, fieldError, formatNumber } from '../format.js';

export const ROLES = ['professional', 'teamlead', 'jim', 'youth', 'privacy_officer', 'researcher', 'admin'];

function nameOf(items, id) {
	const found = items.find((x) => x.id === id);
	return found ? found.name : id == null ? t('common.none') : '#' + id;
}

export function OrganisationsView({ route }) {
	if (route && /^\d+$/.test(route.id || '')) return html`<${OrgSettings} id=${route.id} /><${CostSettings} id=${route.id} />`;
	return html`<${OrganisationList} />`;
}

function OrganisationList() {
	const [list, reload] = useList('/api/v1/organisations');
	const [name, setName] = useState('');
	const c = useCreate();

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const org = await post('/api/v1/organisations', { name: name.trim() });
			setName('');
			setOk(t('org.created', { name: org.name }));
			await reload();
		});
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('org.title')}</h1>
		<div class="card">
			<h2>${t('org.new')}</h2>
			<${FormMessage} c=${c} id="org-message" />
			<form onSubmit=${submit} novalidate>
				<${Field} id="org-name" name="name" label=${t('org.name')} value=${name} onValue=${setName}
					maxlength="200" autocomplete="organization" err=${c.err} required />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('org.create')}<//>
			</form>
		</div>
		<h2 id="org-list-title">${t('org.list')}</h2>
		<${ListStatus} state=${list} emptyKey="org.empty" />
		${list.items.length ? html`<${TableWrap} labelId="org-list-title">
			<table class="data" id="org-table">
				<thead><tr><th scope="col">${t('org.name')}</th><th scope="col">${t('common.id')}</th>
					<th scope="col">${t('common.created')}</th><th scope="col">${t('orgset.title')}</th></tr></thead>
				<tbody>${list.items.map((o) => html`<tr key=${o.id}>
					<td class="user-text">${o.name}</td><td>${o.id}</td><td>${formatTime(o.created_at)}</td>
					<td><a href=${'#/organisations/' + o.id} id=${'org-settings-' + o.id}>${t('orgset.link')}</a></td></tr>`)}
				</tbody>
			</table><//>` : null}
	</section>`;
}

export function TeamsView() {
	const [teams, reload] = useList('/api/v1/teams');
	const [orgs] = useList('/api/v1/organisations');
	const [name, setName] = useState('');
	const [orgId, setOrgId] = useState('');
	const c = useCreate();
	const chosenOrg = orgId || (orgs.items[0] ? String(orgs.items[0].id) : '');

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const team = await post('/api/v1/teams', { name: name.trim(), organisation_id: parseInt(chosenOrg, 10) || null });
			setName('');
			setOk(t('team.created', { name: team.name }));
			await reload();
		});
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('team.title')}</h1>
		<div class="card">
			<h2>${t('team.new')}</h2>
			<${FormMessage} c=${c} id="team-message" />
			${!orgs.loading && !orgs.items.length ? html`<p>${t('team.need_org')}</p>` : html`
			<form onSubmit=${submit} novalidate>
				<${Field} id="team-name" name="name" label=${t('team.name')} value=${name} onValue=${setName}
					maxlength="200" autocomplete="off" err=${c.err} required />
				<${SelectField} id="team-org" name="organisation_id" label=${t('team.organisation')} value=${chosenOrg}
					onValue=${setOrgId} err=${c.err}
					options=${orgs.items.map((o) => ({ value: String(o.id), label: o.name }))} />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('team.create')}<//>
			</form>`}
		</div>
		<h2 id="team-list-title">${t('team.list')}</h2>
		<${ListStatus} state=${teams} emptyKey="team.empty" />
		${teams.items.length ? html`<${TableWrap} labelId="team-list-title">
			<table class="data">
				<thead><tr><th scope="col">${t('team.name')}</th><th scope="col">${t('team.organisation')}</th>
					<th scope="col">${t('common.id')}</th><th scope="col">${t('common.created')}</th></tr></thead>
				<tbody>${teams.items.map((x) => html`<tr key=${x.id}>
					<td class="user-text">${x.name}</td><td class="user-text">${nameOf(orgs.items, x.organisation_id)}</td>
					<td>${x.id}</td><td>${formatTime(x.created_at)}</td></tr>`)}
				</tbody>
			</table><//>` : null}
	</section>`;
}

export function UsersView({ route, user }) {
	if (route && /^\d+$/.test(route.id || '')) return html`<${AccountPage} id=${route.id} me=${user} />`;
	return html`<${UserList} />`;
}

// Whether a user fits the list's filter: every word of the text in the
// name, username, organisation or a team (case and accents ignored), and
// the role.
function userMatches(u, filter, orgs, teams) {
	if (filter.role && u.role !== filter.role) return false;
	const words = fold(filter.text).split(/\s+/).filter(Boolean);
	if (!words.length) return true;
	const hay = fold([u.display_name, u.username, u.organisation_id == null ? '' : nameOf(orgs, u.organisation_id),
		...(u.team_ids || []).map((id) => nameOf(teams, id))].join(' '));
	return words.every((w) => hay.includes(w));
}

function fold(s) {
	return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// Roles that work in teams and that JIM trainings are recorded for.
export const TRAINED_ROLES = ['professional', 'teamlead'];

function UserList() {
	const [users, reload] = useList('/api/v1/users');
	const [orgs] = useList('/api/v1/organisations');
	const [teams] = useList('/api/v1/teams');
	const [form, setForm] = useState({ username: '', display_name: '', role: 'professional', organisation_id: '', team_ids: [] });
	const [invite, setInvite] = useState(null);
	const [filter, setFilter] = useState({ text: '', role: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	// the role of the last body sent, which a refusal of team_ids is about
	const [sentRole, setSentRole] = useState('');
	// A created user: the message that says so takes the focus (a screen
	// reader reads it), the link to hand over follows it, next by Tab.
	const created = useDone();
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function toggleTeam(id, on) {
		setForm((f) => ({ ...f, team_ids: on ? [...f.team_ids, id] : f.team_ids.filter((x) => x !== id) }));
	}

	function submit(e) {
		e.preventDefault();
		setInvite(null);
		created.clear();
		c.run(async () => {
			const body = { username: form.username.trim(), display_name: form.display_name.trim(), role: form.role };
			setSentRole(form.role);
			if (form.organisation_id) body.organisation_id = parseInt(form.organisation_id, 10);
			if (form.team_ids.length) body.team_ids = form.team_ids;
			const user = await post('/api/v1/users', body);
			setForm({ username: '', display_name: '', role: form.role, organisation_id: form.organisation_id, team_ids: [] });
			// the message and the link come once the list has the new user
			await reload();
			setInvite(invitationFrom(user));
			created.say(t('user.created', { name: user.display_name || user.username }));
		});
	}

	// only someone of a team's organisation works in it (docs/SECURITY.md G10)
	// the teams' error, also when the refusal names other fields too
	const teamsErr = errorAt(c.err, 'team_ids');
	// teams for a role that works in none: the server's reason, not the
	// catalogue's general "teams of the chosen organisation"
	const teamsText = teamsErr && !TRAINED_ROLES.includes(sentRole) ? t('user.teams_role') : errorText(teamsErr);
	const visibleTeams = form.organisation_id ? teams.items.filter((x) => String(x.organisation_id) === form.organisation_id) : [];
	const shown = users.items.filter((u) => userMatches(u, filter, orgs.items, teams.items));
	const filtering = filter.text.trim() !== '' || filter.role !== '';

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('user.title')}</h1>
		<div class="card">
			<h2>${t('user.new')}</h2>
			<${FormMessage} c=${c} id="user-form-message" />
			<${DoneMessage} done=${created} id="user-message" />
			<${InviteBox} invite=${invite} text=${t('user.invite_text')} id="invitation-link" />
			<form onSubmit=${submit} novalidate ref=${formRef} id="user-form">
				<${Field} id="user-username" name="username" label=${t('user.username')} hint=${t('user.username_hint')}
					value=${form.username} onValue=${set('username')} maxlength="64" autocomplete="off"
					autocapitalize="none" spellcheck=${false} err=${c.err} required />
				<${Field} id="user-display-name" name="display_name" label=${t('user.display_name')}
					value=${form.display_name} onValue=${set('display_name')} maxlength="100" autocomplete="off" err=${c.err} required />
				<${SelectField} id="user-role" name="role" label=${t('user.role')} value=${form.role} onValue=${set('role')}
					err=${c.err} options=${ROLES.map((r) => ({ value: r, label: t('role.' + r) }))} />
				<${SelectField} id="user-org" name="organisation_id" label=${t('user.organisation')} optional
					value=${form.organisation_id} onValue=${(v) => setForm((f) => ({ ...f, organisation_id: v, team_ids: [] }))}
					err=${c.err} options=${[{ value: '', label: t('common.none') }, ...orgs.items.map((o) => ({ value: String(o.id), label: o.name }))]} />
				${visibleTeams.length ? html`<fieldset class="checks">
					<legend>${t('user.teams')} <span class="optional">${t('form.optional')}</span></legend>
					${visibleTeams.map((x) => html`<div class="check" key=${x.id}>
						<input type="checkbox" id=${'user-team-' + x.id} checked=${form.team_ids.includes(x.id)}
							onChange=${(e) => toggleTeam(x.id, e.currentTarget.checked)}
							aria-invalid=${teamsErr ? 'true' : undefined} aria-describedby=${teamsErr ? 'user-teams-error' : undefined} />
						<label for=${'user-team-' + x.id} class="user-text">${x.name}</label></div>`)}
					${teamsErr ? html`<p class="field-error" id="user-teams-error">${teamsText}</p>` : null}
				</fieldset>` : !form.organisation_id && teams.items.length ? html`<p class="hint" id="user-teams-hint">${t('user.teams_need_org')}</p>` : null}
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('user.create')}<//>
			</form>
		</div>
		<h2 id="user-list-title">${t('user.list')}</h2>
		<${ListStatus} state=${users} emptyKey="user.empty" />
		${users.items.length ? html`<form class="card filters" id="user-filter" role="search" aria-label=${t('user.filter')}
			onSubmit=${(e) => e.preventDefault()}>
			<div class="filter-row">
				<${Field} id="user-filter-text" name="q" type="search" label=${t('user.filter_text')} hint=${t('user.filter_text_hint')}
					value=${filter.text} onValue=${(v) => setFilter((f) => ({ ...f, text: v }))} autocomplete="off" spellcheck=${false} />
				<${SelectField} id="user-filter-role" name="role" label=${t('user.role')} value=${filter.role}
					onValue=${(v) => setFilter((f) => ({ ...f, role: v }))}
					options=${[{ value: '', label: t('user.filter_all_roles') }, ...ROLES.filter((r) => r !== 'youth')
						.map((r) => ({ value: r, label: t('role.' + r) }))]} />
			</div>
		</form>
		<p id="user-count" role="status">${filtering ? t('user.count_filtered', { n: shown.length, total: users.items.length })
			: t('user.count', { total: users.items.length })}</p>` : null}
		${users.items.length && !shown.length ? html`<p id="user-none">${t('user.none_match')}</p>` : null}
		${shown.length ? html`<${TableWrap} labelId="user-list-title">
			<table class="data" id="user-table">
				<thead><tr><th scope="col">${t('user.display_name')}</th><th scope="col">${t('user.username')}</th>
					<th scope="col">${t('user.role')}</th><th scope="col">${t('user.organisation')}</th>
					<th scope="col">${t('user.teams')}</th><th scope="col">${t('user.status')}</th>
					<th scope="col">${t('training.title')}</th></tr></thead>
				<tbody>${shown.map((u) => html`<tr key=${u.id}>
					<td class="user-text"><a href=${'#/users/' + u.id} id=${'user-link-' + u.id}>${u.display_name || u.username}</a></td>
					<td class="user-text">${u.username}</td>
					<td>${tOr('role.' + u.role, u.role)}</td><td class="user-text">${u.organisation_id == null ? t('common.none') : nameOf(orgs.items, u.organisation_id)}</td>
					<td class="user-text">${(u.team_ids || []).map((id) => nameOf(teams.items, id)).join(', ')}</td>
					<td>${tOr('status.' + u.status, u.status)}</td>
					<td>${TRAINED_ROLES.includes(u.role) ? html`<a href=${'#/users/' + u.id} id=${'user-trainings-' + u.id}
						aria-label=${t('training.link_for', { name: u.display_name || u.username })}>${t('training.link')}</a>` : ''}</td></tr>`)}
				</tbody>
			</table><//>` : null}
	</section>`;
}

// ---- JIM trainings of one professional (on the account page) ---------------------

export function TrainingsSection({ id }) {
	const [list, reload] = useList('/api/v1/users/' + id + '/trainings');
	const [form, setForm] = useState({ course: '', trained_on: today(), provider: '' });
	const c = useCreate();
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			await post('/api/v1/users/' + id + '/trainings', { course: form.course.trim(), trained_on: form.trained_on,
				provider: form.provider.trim() });
			setOk(t('training.added'));
			setForm({ course: '', trained_on: form.trained_on, provider: form.provider });
			await reload();
		});
	}

	return html`<section aria-labelledby="training-title" id="account-trainings">
		<h2 id="training-title">${t('training.title')}</h2>
		<p>${t('training.intro')}</p>
		<h3 id="training-list-title">${t('training.list')}</h3>
		<${ListStatus} state=${list} emptyKey="training.empty" />
		${list.items.length ? html`<${TableWrap} labelId="training-list-title">
			<table class="data" id="training-table">
				<thead><tr><th scope="col">${t('training.course')}</th><th scope="col">${t('training.trained_on')}</th>
					<th scope="col">${t('training.provider')}</th></tr></thead>
				<tbody>${list.items.map((x) => html`<tr key=${x.id}>
					<td class="user-text">${x.course}</td><td class="nowrap">${formatDate(x.trained_on)}</td>
					<td class="user-text">${x.provider}</td></tr>`)}
				</tbody>
			</table><//>` : null}
		<div class="card">
			<h3>${t('training.new')}</h3>
			<${FormMessage} c=${c} id="training-message" scope="training" />
			<form onSubmit=${submit} novalidate>
				<${Field} id="tr-course" name="course" label=${t('training.course')} value=${form.course} onValue=${set('course')}
					maxlength="200" autocomplete="off" err=${c.err} required />
				<${Field} id="tr-date" name="trained_on" type="date" label=${t('training.trained_on')} value=${form.trained_on}
					onValue=${set('trained_on')} max=${today()} err=${c.err} required />
				<${Field} id="tr-provider" name="provider" label=${t('training.provider')} value=${form.provider}
					onValue=${set('provider')} maxlength="200" autocomplete="off" err=${c.err} required />
				<${Button} type="submit" class="primary" busy=${c.busy}>${t('training.add')}<//>
			</form>
		</div>
	</section>`;
}

// ---- Cost assumptions of an organisation ----------------------------------------

// Whole euros or euros and cents for an edit field: 9000000 -> "90000".
function euroInput(cents) {
	if (cents == null) return '';
	const whole = Math.floor(cents / 100);
	const rest = cents % 100;
	return rest ? whole + ',' + String(rest).padStart(2, '0') : String(whole);
}

export function CostSettings({ id }) {
	const path = '/api/v1/organisations/' + id + '/cost-settings';
	const [st, reload] = useData(path);
	const [form, setForm] = useState(null);
	const c = useCreate();
	const data = st.data;
	const values = form || (data ? {
		placement_year_cents: euroInput(data.placement_year_cents),
		home_year_cents: euroInput(data.home_year_cents),
		reference_placement_rate: data.reference_placement_rate == null ? ''
			: formatNumber(data.reference_placement_rate * 100, 2).replace(/\s/g, ''),
	} : null);
	const set = (k) => (v) => setForm({ ...values, [k]: v });

	function submit(e) {
		e.preventDefault();
		c.run(async (setOk) => {
			const body = {};
			for (const k of ['placement_year_cents', 'home_year_cents']) {
				const cents = parseEuroCents(String(values[k]).replace(/\.(?=\d{3}(\D|$))/g, ''));
				if (cents == null || isNaN(cents)) throw fieldError(k);
				body[k] = cents;
			}
			const rate = parseDecimal(values.reference_placement_rate, 2);
			if (rate == null || isNaN(rate) || rate > 100) throw fieldError('reference_placement_rate');
			body.reference_placement_rate = Math.round(rate * 100) / 10000;
			await put(path, body);
			// the fields show what is stored once it is fetched again, not the old values meanwhile
			await reload();
			setForm(null);
			setOk(t('costset.saved'));
		});
	}

	return html`<section aria-labelledby="costset-title" class="card" id="cost-settings">
		<h2 id="costset-title">${t('costset.title')}</h2>
		<p>${t('costset.intro')}</p>
		<${DataStatus} state=${st} />
		${values ? html`<form onSubmit=${submit} novalidate>
			<${FormMessage} c=${c} id="costset-message" scope="costset" />
			<${Field} id="cs-placement-year" name="placement_year_cents" label=${t('costset.placement_year')}
				hint=${t('costset.placement_year_hint')} value=${values.placement_year_cents} onValue=${set('placement_year_cents')}
				inputmode="decimal" maxlength="14" autocomplete="off" err=${c.err} errScope="costset" required />
			<${Field} id="cs-home-year" name="home_year_cents" label=${t('costset.home_year')}
				hint=${t('costset.home_year_hint')} value=${values.home_year_cents} onValue=${set('home_year_cents')}
				inputmode="decimal" maxlength="14" autocomplete="off" err=${c.err} errScope="costset" required />
			<${Field} id="cs-rate" name="reference_placement_rate" label=${t('costset.rate')}
				hint=${t('costset.rate_hint')} value=${values.reference_placement_rate} onValue=${set('reference_placement_rate')}
				inputmode="decimal" maxlength="6" autocomplete="off" err=${c.err} errScope="costset" required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('costset.save')}<//>
		</form>` : null}
	</section>`;
}
