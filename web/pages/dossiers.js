// Dossiers for professionals and team leads: the search list with a form for
// a new dossier, break the glass, and the team lead's review of emergency
// access.
import { useState, useRef, useEffect } from '../vendor/hooks.module.js';
import {
	html, Field, SelectField, TextArea, TableWrap, useData, DataStatus, useCreate, FormMessage, useList, ListStatus, Button,
	useDone, DoneMessage, Pager, pageCount, usePageStepBack, keptValue, keepValue, useFocusError,
} from '../ui.js';
import { t, tOr, formatDate, formatTime } from '../i18n.js';
import { post, query } from '../api.js';
import { PHASES, LEGAL_FRAMES, LIVING_SITUATIONS, teamOptions, fullName } from '../domain.js';
import { charCount, fieldErrors } from '../format.js';

const PER_PAGE = 25;

function NewDossier({ user }) {
	const teams = teamOptions(user, t);
	const [form, setForm] = useState({
		given_name: '', family_name: '', birth_date: '', bsn: '', municipality: '', team_id: '',
		legal_frame: 'voluntary', living_situation: 'home',
	});
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const teamId = form.team_id || (teams[0] ? teams[0].value : '');

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			// Every required field left empty at once; the server then names
			// every field its own rules refuse in one answer as well.
			const missing = ['given_name', 'family_name', 'birth_date', 'municipality']
				.filter((k) => !form[k].trim());
			if (missing.length) throw fieldErrors(missing);
			const body = {
				given_name: form.given_name.trim(), family_name: form.family_name.trim(), birth_date: form.birth_date,
				municipality: form.municipality.trim(), team_id: parseInt(teamId, 10) || null,
				legal_frame: form.legal_frame, living_situation: form.living_situation,
			};
			const bsn = form.bsn.replace(/\s+/g, '');
			if (bsn) body.bsn = bsn;
			const d = await post('/api/v1/youths', body);
			window.location.hash = '#/youths/' + d.id;
		});
	}

	return html`<details class="card disclosure" id="new-dossier">
		<summary><span class="h2-like">${t('dossier.new')}</span></summary>
		<${FormMessage} c=${c} id="new-dossier-message" />
		${teams.length ? html`<form onSubmit=${submit} novalidate ref=${formRef}>
			<${Field} id="nd-given-name" name="given_name" label=${t('dossier.given_name')} value=${form.given_name}
				onValue=${set('given_name')} maxlength="100" autocomplete="off" err=${c.err} required />
			<${Field} id="nd-family-name" name="family_name" label=${t('dossier.family_name')} value=${form.family_name}
				onValue=${set('family_name')} maxlength="100" autocomplete="off" err=${c.err} required />
			<${Field} id="nd-birth-date" name="birth_date" type="date" label=${t('dossier.birth_date')} value=${form.birth_date}
				onValue=${set('birth_date')} err=${c.err} required />
			<${Field} id="nd-bsn" name="bsn" label=${t('dossier.bsn')} hint=${t('dossier.bsn_hint')} optional
				value=${form.bsn} onValue=${set('bsn')} inputmode="numeric" maxlength="11" autocomplete="off" err=${c.err} />
			<${Field} id="nd-municipality" name="municipality" label=${t('dossier.municipality')} value=${form.municipality}
				onValue=${set('municipality')} maxlength="100" autocomplete="off" err=${c.err} required />
			<${SelectField} id="nd-team" name="team_id" label=${t('dossier.team')} value=${teamId} onValue=${set('team_id')}
				err=${c.err} options=${teams} />
			<${SelectField} id="nd-legal-frame" name="legal_frame" label=${t('dossier.legal_frame')} value=${form.legal_frame}
				onValue=${set('legal_frame')} err=${c.err}
				options=${LEGAL_FRAMES.map((v) => ({ value: v, label: t('legal_frame.' + v) }))} />
			<${SelectField} id="nd-living" name="living_situation" label=${t('dossier.living_situation')}
				value=${form.living_situation} onValue=${set('living_situation')} err=${c.err}
				options=${LIVING_SITUATIONS.map((v) => ({ value: v, label: t('living.' + v) }))} />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('dossier.create')}<//>
		</form>` : html`<p>${t('dossier.no_team')}</p>`}
	</details>`;
}

// "1 dossier gevonden." / "33 dossiers gevonden."
const dossierCount = (total) => t(total === 1 ? 'dossiers.count_one' : 'dossiers.count', { total });

const KEPT = 'dossiers.search';

export function DossiersView({ user }) {
	// Closed trajectories stay out of the list unless asked for. The search,
	// phase and page are kept when a dossier is opened from the list, so that
	// "Terug naar dossiers" and the back button return to the same list.
	const [filter, setFilter] = useState(() => keptValue(KEPT) || { q: '', phase: 'active', page: 1 });
	const [draft, setDraft] = useState({ q: filter.q, phase: filter.phase });
	useEffect(() => {
		keepValue(KEPT, filter);
	}, [filter]);
	const [list] = useData('/api/v1/youths' + query({ q: filter.q, phase: filter.phase, page: filter.page, per_page: PER_PAGE }));
	const data = list.data || { items: [], total: 0 };
	const items = data.items || [];
	const pages = pageCount(data, PER_PAGE);
	const listTitle = useRef(null);
	// dossiers closed or moved meanwhile: the list and its pager would be gone
	usePageStepBack(list, filter.page, (page) => setFilter((f) => ({ ...f, page })), PER_PAGE, listTitle);

	function search(e) {
		e.preventDefault();
		setFilter({ q: draft.q.trim(), phase: draft.phase, page: 1 });
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.dossiers')}</h1>
		<p class="lead">${t('dossiers.intro')}</p>
		<${NewDossier} user=${user} />
		<form class="card" onSubmit=${search} role="search" aria-labelledby="dossier-search-title" novalidate>
			<h2 id="dossier-search-title">${t('dossiers.search')}</h2>
			<div class="filter-row">
				<${Field} id="ds-q" name="q" type="search" label=${t('dossiers.q')} value=${draft.q}
					onValue=${(v) => setDraft((d) => ({ ...d, q: v }))} maxlength="100" autocomplete="off" err=${list.err} />
				<${SelectField} id="ds-phase" name="phase" label=${t('dossier.phase')} value=${draft.phase}
					onValue=${(v) => setDraft((d) => ({ ...d, phase: v }))} err=${list.err}
					options=${[{ value: 'active', label: t('dossiers.active_phases') }, { value: '', label: t('dossiers.all_phases') }, ...PHASES.map((p) => ({ value: p, label: t('phase.' + p) }))]} />
			</div>
			<button type="submit" class="primary">${t('dossiers.search_button')}</button>
		</form>
		<h2 id="dossier-list-title" tabindex="-1" ref=${listTitle}>${t('dossiers.list')}</h2>
		<${DataStatus} state=${list} />
		${!list.loading && !list.err && !items.length ? html`<p id="dossier-empty">${t('dossiers.empty')}${filter.phase === 'active'
			? ' ' + t('dossiers.empty_active') : ''}</p>` : null}
		${items.length ? html`<p class="muted" aria-live="polite">${dossierCount(data.total || items.length)}</p>
		<${TableWrap} labelId="dossier-list-title">
			<table class="data" id="dossier-table" aria-busy=${list.loading ? 'true' : 'false'}>
				<thead><tr><th scope="col">${t('dossier.name')}</th><th scope="col">${t('dossier.birth_date')}</th>
					<th scope="col">${t('dossier.phase')}</th><th scope="col">${t('dossier.jim')}</th>
					<th scope="col">${t('dossier.team')}</th></tr></thead>
				<tbody>${items.map((y) => html`<tr key=${y.id}>
					<td class="user-text"><a href=${'#/youths/' + y.id}>${fullName(y)}</a></td>
					<td class="nowrap">${formatDate(y.birth_date)}</td>
					<td>${tOr('phase.' + y.phase, y.phase)}</td>
					<td class="user-text">${y.jim_name || t('common.none')}</td>
					<td>${(teamOptions({ team_ids: [y.team_id], teams: user.teams }, t)[0] || {}).label}</td></tr>`)}
				</tbody>
			</table><//>
		<${Pager} page=${filter.page} pages=${pages} onPage=${(page) => setFilter((f) => ({ ...f, page }))} />` : null}
		<p class="break-glass-link"><a href="#/break-glass">${t('bg.link')}</a></p>
	</section>`;
}

// Break the glass: emergency access to a dossier outside the caller's team;
// #/break-glass/{id} (from "Dossier niet gevonden") fills in the number.
export function BreakGlassView({ route }) {
	const given = route && /^\d+$/.test(route.id || '') ? route.id : '';
	const [form, setForm] = useState({ youth_id: given, reason: '' });
	const c = useCreate();
	const formRef = useFocusError(c.err);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));

	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			const id = parseInt(form.youth_id.trim(), 10);
			if (!(id > 0)) {
				const err = new Error('youth_id');
				err.code = 'validation_failed';
				err.field = 'youth_id';
				err.status = 422;
				throw err;
			}
			if (charCount(form.reason.trim()) < 10) {
				const err = new Error('reason');
				err.code = 'validation_failed';
				err.field = 'reason';
				err.status = 422;
				throw err;
			}
			try {
				await post('/api/v1/youths/' + id + '/break-glass', { reason: form.reason.trim() });
			} catch (error) {
				// Already in the team: no emergency access needed, just open it.
				if (error.status === 409) {
					window.location.hash = '#/youths/' + id;
					return;
				}
				throw error;
			}
			window.location.hash = '#/youths/' + id;
		});
	}

	return html`<section aria-labelledby="page-title" class="narrow-wide">
		<h1 id="page-title" tabindex="-1">${t('bg.title')}</h1>
		<div class="notice notice-warning" id="bg-warning">
			<p><strong>${t('bg.warning_title')}</strong></p>
			<p>${t('bg.warning_text')}</p>
		</div>
		<div class="card">
			<${FormMessage} c=${c} id="bg-message" scope="bg" />
			<form onSubmit=${submit} novalidate ref=${formRef}>
				<${Field} id="bg-youth" name="youth_id" label=${t('bg.youth_id')} hint=${t('bg.youth_id_hint')} value=${form.youth_id}
					onValue=${set('youth_id')} inputmode="numeric" autocomplete="off" err=${c.err} errScope="bg" required />
				<${TextArea} id="bg-reason" name="reason" label=${t('bg.reason')} hint=${t('bg.reason_hint')} value=${form.reason}
					onValue=${set('reason')} maxlength="1000" err=${c.err} errScope="bg" required />
				<${Button} type="submit" class="primary danger" busy=${c.busy}>${t('bg.submit')}<//>
			</form>
		</div>
		<p><a href="#/dossiers">${t('bg.back')}</a></p>
	</section>`;
}

// Team lead: review the emergency accesses to the team's young people.
export function BreakGlassReviewView() {
	const [status, setStatus] = useState('open');
	const [list, reload] = useList('/api/v1/break-glass' + query({ status }));
	const [notes, setNotes] = useState({});
	const c = useCreate();
	// A reviewed grant leaves the open list, with its button: say so, with the focus on it.
	const done = useDone();

	function review(g) {
		c.run(async () => {
			const body = {};
			const note = (notes[g.id] || '').trim();
			if (note) body.note = note;
			await post('/api/v1/break-glass/' + g.id + '/review', body);
			await reload();
			setNotes((n) => ({ ...n, [g.id]: '' }));
			done.say(t('bgr.reviewed', { name: (g.user && g.user.display_name) || '' }));
		});
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('nav.break_glass_review')}</h1>
		<p class="lead">${t('bgr.intro')}</p>
		<${SelectField} id="bgr-status" name="status" label=${t('bgr.show')} value=${status} onValue=${setStatus}
			options=${[{ value: 'open', label: t('bgr.status_open') }, { value: 'all', label: t('bgr.status_all') }]} />
		<${FormMessage} c=${c} id="bgr-error" />
		<${DoneMessage} done=${done} id="bgr-message" />
		<h2 id="bgr-list-title">${t('bgr.list')}</h2>
		<${ListStatus} state=${list} emptyKey="bgr.empty" />
		${list.items.length ? html`<ul class="cards" aria-labelledby="bgr-list-title">
			${list.items.map((g) => html`<li class="card" key=${g.id} id=${'bgr-' + g.id}>
				<h3 class="user-text">${(g.user && g.user.display_name) || t('common.unknown')}
					${g.user && g.user.role ? html` <span class="muted">(${tOr('role.' + g.user.role, g.user.role)})</span>` : null}</h3>
				<dl class="facts">
					<dt>${t('bgr.dossier')}</dt><dd><a class="user-text" href=${'#/youths/' + g.youth_id}>${g.youth_name || t('bgr.dossier_number', { id: g.youth_id })}</a></dd>
					<dt>${t('bgr.reason')}</dt><dd class="user-text">${g.reason}</dd>
					<dt>${t('bgr.granted')}</dt><dd>${formatTime(g.granted_at)}</dd>
					<dt>${t('bgr.expires')}</dt><dd>${formatTime(g.expires_at)}</dd>
					${g.reviewed_at ? html`<dt>${t('bgr.reviewed_at')}</dt><dd>${formatTime(g.reviewed_at)}</dd>` : null}
					${g.reviewed_by && g.reviewed_by.display_name ? html`<dt>${t('bgr.reviewed_by')}</dt>
						<dd class="user-text bgr-reviewer">${g.reviewed_by.display_name}</dd>` : null}
					${g.review_note ? html`<dt>${t('bgr.review_note')}</dt><dd class="user-text bgr-note">${g.review_note}</dd>` : null}
				</dl>
				${g.reviewed_at ? null : html`<form onSubmit=${(e) => { e.preventDefault(); review(g); }} novalidate>
					<${TextArea} id=${'bgr-note-' + g.id} name="note" label=${t('bgr.note')} optional rows="2"
						value=${notes[g.id] || ''} onValue=${(v) => setNotes((n) => ({ ...n, [g.id]: v }))} maxlength="1000" />
					<${Button} type="submit" class="primary" busy=${c.busy}>${t('bgr.review')}<//>
				</form>`}
			</li>`)}
		</ul>` : null}
	</section>`;
}

