// Outcome figures ("Cijfers", docs/api-outcomes.md): selection, key figures,
// placement-free survival, trends by quarter and the cost model, for
// professionals and team leads (their teams), admins (per organisation) and
// researchers (overall); and the researcher's pseudonymised export.
import { useState } from '../vendor/hooks.module.js';
import { html, Field, SelectField, CheckField, TableWrap, useData, useList, DataStatus, Notice, DownloadLink } from '../ui.js';
import { t, errorText } from '../i18n.js';
import { query, download, ApiError } from '../api.js';
import { teamOptions } from '../domain.js';
import { formatPercent, formatNumber, formatEuroWhole } from '../format.js';
import { SurvivalChart, BarChart, monthTicks, atRiskAt } from '../charts.js';

const EMPTY = { team_id: '', organisation_id: '', municipality: '', started_from: '', started_to: '', jim: '', network_is_home: false };

// The query parameters of a selection (empty values left out by query()).
function params(sel) {
	return {
		team_id: sel.team_id, organisation_id: sel.organisation_id, municipality: sel.municipality.trim(),
		started_from: sel.started_from, started_to: sel.started_to, jim: sel.jim,
		network_is_home: sel.network_is_home ? 'true' : '',
	};
}

const pct = (v) => formatPercent(v, 0);
const NONE = () => html`<span class="kpi-none">${t('stats.no_figure')}</span>`;
const has = (v) => v != null && !isNaN(Number(v));

export function StatsView({ user }) {
	const [form, setForm] = useState(EMPTY);
	const [applied, setApplied] = useState(EMPTY);
	const qs = query(params(applied));
	const [st] = useData('/api/v1/stats/outcomes' + qs);
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const role = user.role;
	// Researchers and admins see suppressed figures and select whole quarters (docs/api-outcomes.md).
	const quarters = role === 'researcher' || role === 'admin';
	const errScope = quarters ? 'stats_quarters' : 'stats';

	function submit(e) {
		e.preventDefault();
		setApplied({ ...form });
	}
	function reset() {
		setForm(EMPTY);
		setApplied(EMPTY);
	}

	const d = st.data;
	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('stats.title')}</h1>
		<p class="lead">${t('stats.intro.' + (role === 'teamlead' ? 'professional' : role))}</p>
		<form class="card" id="stats-filter" onSubmit=${submit} novalidate aria-labelledby="stats-filter-title">
			<h2 id="stats-filter-title">${t('stats.selection')}</h2>
			<div class="filter-row">
				${role === 'professional' || role === 'teamlead' ? html`<${TeamSelect} user=${user} value=${form.team_id}
					onValue=${set('team_id')} err=${st.err} />` : null}
				${role === 'admin' ? html`<${OrgSelect} value=${form.organisation_id} onValue=${set('organisation_id')} err=${st.err} />` : null}
				<${Field} id="sf-municipality" name="municipality" label=${t('stats.municipality')} optional value=${form.municipality}
					onValue=${set('municipality')} maxlength="100" autocomplete="off" err=${st.err} />
				<${Field} id="sf-from" name="started_from" type="date" label=${t('stats.started_from')} optional
					hint=${quarters ? t('stats.quarter_from_hint') : null} errScope=${errScope}
					value=${form.started_from} onValue=${set('started_from')} err=${st.err} />
				<${Field} id="sf-to" name="started_to" type="date" label=${t('stats.started_to')} optional
					hint=${quarters ? t('stats.quarter_to_hint') : null} errScope=${errScope}
					value=${form.started_to} onValue=${set('started_to')} err=${st.err} />
				<${SelectField} id="sf-jim" name="jim" label=${t('stats.jim')} value=${form.jim} onValue=${set('jim')} err=${st.err}
					options=${[{ value: '', label: t('stats.jim_all') }, { value: 'with', label: t('stats.jim_with') },
						{ value: 'without', label: t('stats.jim_without') }]} />
			</div>
			<${CheckField} id="sf-network-home" name="network_is_home" label=${t('stats.network_is_home')}
				hint=${t('stats.network_is_home_hint')} checked=${form.network_is_home} onValue=${set('network_is_home')} err=${st.err} />
			<div class="button-row">
				<button type="submit" class="primary">${t('stats.apply')}</button>
				<button type="button" class="secondary" onClick=${reset}>${t('stats.reset')}</button>
			</div>
		</form>
		<${Notice} id="stats-status" kind=${st.err ? 'error' : 'info'}>${st.err ? errorText(st.err, errScope)
			: st.loading ? t('common.loading') : ''}<//>
		${d ? html`<${Figures} d=${d} role=${role} qs=${qs} />` : null}
	</section>`;
}

function TeamSelect({ user, value, onValue, err }) {
	const teams = teamOptions(user, t);
	return html`<${SelectField} id="sf-team" name="team_id" label=${t('stats.team')} value=${value} onValue=${onValue} err=${err}
		options=${[{ value: '', label: t('stats.team_all') }, ...teams]} />`;
}

function OrgSelect({ value, onValue, err }) {
	const [orgs] = useList('/api/v1/organisations');
	return html`<${SelectField} id="sf-org" name="organisation_id" label=${t('stats.organisation')} value=${value}
		onValue=${onValue} err=${err}
		options=${[{ value: '', label: t('stats.organisation_all') }, ...orgs.items.map((o) => ({ value: String(o.id), label: o.name }))]} />`;
}

function Figures({ d, role, qs }) {
	const csv = '/api/v1/stats/outcomes.csv' + qs;
	const csvDownload = html`<p class="link-row"><${DownloadLink} className="button secondary" id="stats-csv" href=${csv}
		name="uitkomsten.csv">${t('stats.csv')}<//></p>`;
	if (d.young_people == null) {
		return html`<p class="notice notice-warning" id="stats-suppressed">${t('stats.suppressed_all')}</p>${csvDownload}`;
	}
	return html`
		${d.suppressed ? html`<p class="notice notice-warning" id="stats-suppressed">${t('stats.suppressed')}</p>` : null}
		<${Kpis} d=${d} />
		<${Survival} pf=${d.placement_free || {}} networkIsHome=${d.selection && d.selection.network_is_home} />
		<${Quarters} rows=${d.by_quarter || []} />
		<${Costs} c=${d.costs} role=${role} />
		<h2>${t('stats.download')}</h2>
		<p>${t('stats.csv_text')}</p>
		${csvDownload}`;
}

// ---- Key figures -----------------------------------------------------------

function Kpi({ id, title, value, detail }) {
	return html`<li class="kpi" id=${id}>
		<span class="kpi-title">${title}</span>
		<span class="kpi-value">${value}</span>
		${detail ? html`<span class="kpi-detail">${detail}</span>` : null}
	</li>`;
}

function ciText(x) {
	if (!x || !has(x.ci_low) || !has(x.ci_high)) return '';
	return t('stats.ci', { low: pct(x.ci_low), high: pct(x.ci_high) });
}

function survivalValue(x) {
	return x && has(x.estimate) ? pct(x.estimate) : NONE();
}

function survivalDetail(x) {
	if (!x || !has(x.estimate)) return t('stats.not_followed');
	return [ciText(x), has(x.at_risk) ? t('stats.at_risk_n', { n: x.at_risk }) : ''].filter(Boolean).join(' · ');
}

const nText = (n) => (has(n) ? t('stats.n', { n }) : '');

function Kpis({ d }) {
	const pf = d.placement_free || {};
	const i = d.indicators || {};
	const g = (k) => i[k] || {};
	const att = g('attendance_change');
	const ret = g('jim_retention');
	return html`<h2 id="kpi-title">${t('stats.kpis')}</h2>
		<ul class="kpis" aria-labelledby="kpi-title">
			<${Kpi} id="kpi-young-people" title=${t('stats.young_people')} value=${has(d.young_people) ? formatNumber(d.young_people) : NONE()} />
			<${Kpi} id="kpi-pf-12" title=${t('stats.pf_12')} value=${survivalValue(pf.at_12_months)} detail=${survivalDetail(pf.at_12_months)} />
			<${Kpi} id="kpi-pf-24" title=${t('stats.pf_24')} value=${survivalValue(pf.at_24_months)} detail=${survivalDetail(pf.at_24_months)} />
			<${Kpi} id="kpi-dropout" title=${t('stats.dropout')} value=${has(g('dropout').share) ? pct(g('dropout').share) : NONE()}
				detail=${has(g('dropout').closed) ? t('stats.of_closed', { n: g('dropout').closed }) : ''} />
			<${Kpi} id="kpi-sat-youth" title=${t('stats.satisfaction_youth')}
				value=${has(g('satisfaction_youth').mean) ? t('stats.out_of_10', { v: formatNumber(g('satisfaction_youth').mean, 1) }) : NONE()}
				detail=${nText(g('satisfaction_youth').n)} />
			<${Kpi} id="kpi-sat-parents" title=${t('stats.satisfaction_parents')}
				value=${has(g('satisfaction_parents').mean) ? t('stats.out_of_10', { v: formatNumber(g('satisfaction_parents').mean, 1) }) : NONE()}
				detail=${nText(g('satisfaction_parents').n)} />
			<${Kpi} id="kpi-goals" title=${t('stats.goal_realisation')}
				value=${has(g('goal_realisation').mean) ? pct(g('goal_realisation').mean / 100) : NONE()}
				detail=${nText(g('goal_realisation').n)} />
			<${Kpi} id="kpi-with-jim" title=${t('stats.with_jim')} value=${has(g('with_jim').share) ? pct(g('with_jim').share) : NONE()}
				detail=${nText(g('with_jim').n)} />
			<${Kpi} id="kpi-nomination" title=${t('stats.days_to_nomination')}
				value=${has(g('days_to_nomination').median) ? t(Number(g('days_to_nomination').median) === 1 ? 'stats.days_one' : 'stats.days', { n: formatNumber(g('days_to_nomination').median, 1) }) : NONE()}
				detail=${nText(g('days_to_nomination').n)} />
			<${Kpi} id="kpi-retention" title=${t('stats.jim_retention')}
				value=${has(ret.at_12_months) ? pct(ret.at_12_months) : NONE()}
				detail=${[has(ret.at_6_months) ? t('stats.retention_6', { v: pct(ret.at_6_months) }) : '', nText(ret.n)].filter(Boolean).join(' · ')} />
			<${Kpi} id="kpi-jim-hours" title=${t('stats.jim_hours_km')}
				value=${has(g('jim_hours').total) ? t('stats.hours', { n: formatNumber(g('jim_hours').total, 0) }) : NONE()}
				detail=${has(g('jim_km').total) ? t('stats.km', { n: formatNumber(g('jim_km').total, 0) }) : ''} />
			<${Kpi} id="kpi-attendance" title=${t('stats.attendance_change')}
				value=${has(att.change) ? t('stats.points', { v: (att.change > 0 ? '+' : '') + formatNumber(att.change, 1) }) : NONE()}
				detail=${[has(att.mean_t0) && has(att.mean_t9) ? t('stats.attendance_from_to',
					{ from: pct(att.mean_t0 / 100), to: pct(att.mean_t9 / 100) }) : '', nText(att.n)].filter(Boolean).join(' · ')} />
			<${Kpi} id="kpi-training" title=${t('stats.training')}
				value=${has(g('training').share_trained) ? pct(g('training').share_trained) : NONE()}
				detail=${has(g('training').professionals) ? t('stats.of_professionals', { n: g('training').professionals }) : ''} />
		</ul>`;
}

// ---- Survival --------------------------------------------------------------

function TableToggle({ id, open, onToggle }) {
	return html`<button type="button" class="secondary small no-print" id=${id + '-toggle'} aria-expanded=${open ? 'true' : 'false'}
		aria-controls=${id} onClick=${onToggle}>${open ? t('stats.hide_table') : t('stats.show_table')}</button>`;
}

function survivalSummary(pf) {
	const a = pf.at_12_months;
	const b = pf.at_24_months;
	const part = (x, months) => (x && has(x.estimate)
		? t('stats.survival_at', { months, v: pct(x.estimate), ci: ciText(x) })
		: t('stats.survival_unknown', { months }));
	return t('stats.survival_summary', { a: part(a, 12), b: part(b, 24) });
}

function Survival({ pf, networkIsHome }) {
	const [open, setOpen] = useState(false);
	const curve = (pf.curve || []).filter((p) => p && has(p.day));
	const ticks = monthTicks(curve.length ? curve[curve.length - 1].day : 0);
	return html`<h2 id="survival-title">${t('stats.survival')}</h2>
		<p>${t(networkIsHome ? 'stats.survival_intro_network_home' : 'stats.survival_intro')}</p>
		<p id="survival-summary">${survivalSummary(pf)}</p>
		${curve.length ? html`<figure class="chart-figure card">
			<${SurvivalChart} id="survival-chart" curve=${curve} labelledBy="survival-title" describedBy="survival-summary"
				xLabel=${t('stats.months_since_start')} yFormat=${pct} />
			<figcaption>
				<ul class="legend">
					<li><span class="swatch swatch-line" aria-hidden="true"></span>${t('stats.legend_estimate')}</li>
					<li><span class="swatch swatch-band" aria-hidden="true"></span>${t('stats.legend_band')}</li>
					<li><span class="swatch swatch-censor" aria-hidden="true"></span>${t('stats.legend_censored')}</li>
				</ul>
			</figcaption>
		</figure>
		<h3 id="at-risk-title">${t('stats.at_risk_title')}</h3>
		<${TableWrap} labelId="at-risk-title">
			<table class="data compact" id="at-risk-table">
				<thead><tr><th scope="row">${t('stats.months')}</th>${ticks.map((mo) => html`<th scope="col" key=${mo}>${mo}</th>`)}</tr></thead>
				<tbody><tr><th scope="row">${t('stats.at_risk')}</th>${ticks.map((mo) => {
					const n = atRiskAt(curve, mo * 365.25 / 12);
					return html`<td key=${mo}>${n == null ? '–' : n}</td>`;
				})}</tr></tbody>
			</table><//>
		<p class="hint">${t('stats.at_risk_hint')}</p>
		<${TableToggle} id="survival-table-wrap" open=${open} onToggle=${() => setOpen(!open)} />
		<div id="survival-table-wrap" class="table-view">
			${open ? html`<h3 id="survival-table-title">${t('stats.survival_table')}</h3>
			<${TableWrap} labelId="survival-table-title">
				<table class="data compact" id="survival-table">
					<thead><tr><th scope="col">${t('stats.day')}</th><th scope="col">${t('stats.estimate')}</th>
						<th scope="col">${t('stats.ci_95')}</th><th scope="col">${t('stats.at_risk')}</th>
						<th scope="col">${t('stats.events')}</th><th scope="col">${t('stats.censored')}</th></tr></thead>
					<tbody>${curve.map((p) => html`<tr key=${p.day}>
						<td>${p.day}</td><td>${formatPercent(p.estimate, 1)}</td>
						<td class="nowrap">${has(p.ci_low) && has(p.ci_high) ? formatPercent(p.ci_low, 1) + ' – ' + formatPercent(p.ci_high, 1) : '–'}</td>
						<td>${has(p.at_risk) ? p.at_risk : '–'}</td><td>${has(p.events) ? p.events : '–'}</td>
						<td>${has(p.censored) ? p.censored : '–'}</td></tr>`)}
					</tbody>
				</table><//>` : null}
		</div>` : html`<p>${t('stats.no_curve')}</p>`}`;
}

// ---- Quarters --------------------------------------------------------------

const quarterKey = (q) => {
	const m = /^(\d{4})-Q([1-4])$/.exec(q || '');
	return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : NaN;
};
const quarterName = (k) => Math.floor(k / 4) + '-Q' + ((k % 4) + 1);
// "2024-Q1" as the screen says it, in the text, the table and the chart alike ("K1 2024").
function quarterLabel(q) {
	const m = /^(\d{4})-Q([1-4])$/.exec(q || '');
	return m ? t('stats.quarter_label', { q: m[2], year: m[1] }) : String(q || '');
}

// fillQuarters gives every quarter from the first to the last: the answer
// leaves out a quarter in which nobody started, so that one gets zeros. A
// quarter with a count of null is hidden (fewer than 5 young people), not
// empty, and stays as it is.
export function fillQuarters(rows) {
	const known = new Map(rows.map((r) => [quarterKey(r.quarter), r]));
	const keys = [...known.keys()].filter((k) => !isNaN(k)).sort((a, b) => a - b);
	if (!keys.length || known.size !== rows.length) return rows;
	const out = [];
	for (let k = keys[0]; k <= keys[keys.length - 1]; k++) {
		out.push(known.get(k) || { quarter: quarterName(k), started: 0, placements_12m: 0, with_jim: 0, empty: true });
	}
	return out;
}

const hiddenQuarter = (r) => !has(r.started);

function Quarters({ rows: given }) {
	const [open, setOpen] = useState(false);
	if (!given.length) return html`<h2>${t('stats.quarters')}</h2><p>${t('stats.no_quarters')}</p>`;
	const rows = fillQuarters(given);
	const started = rows.filter((r) => has(r.started));
	const busiest = started.reduce((a, r) => (!a || r.started > a.started ? r : a), null);
	const list = (pick) => rows.filter(pick).map((r) => quarterLabel(r.quarter)).join(', ');
	const empty = list((r) => r.empty);
	const hidden = list(hiddenQuarter);
	const summary = [t(rows.length === 1 ? 'stats.quarters_summary_one' : 'stats.quarters_summary', {
		n: rows.length, from: quarterLabel(rows[0].quarter), to: quarterLabel(rows[rows.length - 1].quarter),
		max_q: busiest ? quarterLabel(busiest.quarter) : '–', max: busiest ? busiest.started : '–',
	}), empty ? t('stats.quarters_empty', { list: empty }) : '', hidden ? t('stats.quarters_hidden', { list: hidden }) : '']
		.filter(Boolean).join(' ');
	const cell = (v) => (has(v) ? v : t('stats.q_hidden'));
	const chartRows = rows.map((r) => ({ label: quarterLabel(r.quarter), values: [r.started, r.with_jim, r.placements_12m] }));
	return html`<h2 id="quarters-title">${t('stats.quarters')}</h2>
		<p id="quarters-summary">${summary}</p>
		<figure class="chart-figure card">
			<${BarChart} id="quarters-chart" rows=${chartRows} seriesClass=${['bar-a', 'bar-b', 'bar-c']}
				labelledBy="quarters-title" describedBy="quarters-summary" format=${(v) => formatNumber(v)} />
			<figcaption><ul class="legend">
				<li><span class="swatch swatch-a" aria-hidden="true"></span>${t('stats.q_started')}</li>
				<li><span class="swatch swatch-b" aria-hidden="true"></span>${t('stats.q_with_jim')}</li>
				<li><span class="swatch swatch-c" aria-hidden="true"></span>${t('stats.q_placements_12m')}</li>
			</ul></figcaption>
		</figure>
		<${TableToggle} id="quarters-table-wrap" open=${open} onToggle=${() => setOpen(!open)} />
		<div id="quarters-table-wrap" class="table-view">
			${open ? html`<h3 id="quarters-table-title">${t('stats.quarters_table')}</h3>
			<${TableWrap} labelId="quarters-table-title">
				<table class="data compact" id="quarters-table">
					<thead><tr><th scope="col">${t('stats.quarter')}</th><th scope="col">${t('stats.q_started')}</th>
						<th scope="col">${t('stats.q_with_jim')}</th><th scope="col">${t('stats.q_placements_12m')}</th></tr></thead>
					<tbody>${rows.map((r) => html`<tr key=${r.quarter} id=${'quarter-' + r.quarter}><th scope="row">${quarterLabel(r.quarter)}</th>
						<td>${cell(r.started)}</td><td>${cell(r.with_jim)}</td><td>${cell(r.placements_12m)}</td></tr>`)}
					</tbody>
				</table><//>` : null}
		</div>
		<p class="hint">${t('stats.dash_means')}</p>`;
}

// ---- Costs -----------------------------------------------------------------

function Costs({ c, role }) {
	if (!c) return null;
	const a = c.assumptions || {};
	const v = (x, fmt) => (has(x) ? fmt(x) : t('stats.no_figure'));
	const n1 = (x) => formatNumber(x, 1);
	return html`<h2 id="costs-title">${t('stats.costs')}</h2>
		<div class="cost-panel">
			<div class="card" id="cost-assumptions">
				<h3>${t('stats.assumptions')}</h3>
				<dl class="facts">
					<dt>${t('stats.placement_year')}</dt><dd>${v(a.placement_year_cents, formatEuroWhole)}</dd>
					<dt>${t('stats.home_year')}</dt><dd>${v(a.home_year_cents, formatEuroWhole)}</dd>
					<dt>${t('stats.reference_rate')}</dt><dd>${has(a.reference_placement_rate)
						? t('stats.reference_rate_value', { v: pct(a.reference_placement_rate) }) : t('stats.no_figure')}</dd>
				</dl>
				<p class="hint">${t(role === 'admin' ? 'stats.assumptions_admin' : 'stats.assumptions_hint')}</p>
			</div>
			<div class="card" id="cost-figures">
				<h3>${t('stats.cost_figures')}</h3>
				<dl class="facts">
					<dt>${t('stats.cohort_24_months')}</dt><dd>${v(c.cohort_24_months, String)}</dd>
					<dt>${t('stats.placements_expected')}</dt><dd>${v(c.placements_expected, n1)}</dd>
					<dt>${t('stats.placements_observed')}</dt><dd>${v(c.placements_observed, n1)}</dd>
					<dt>${t('stats.placements_averted')}</dt><dd>${v(c.placements_averted, n1)}</dd>
					<dt>${t('stats.money_not_spent')}</dt><dd>${v(c.money_not_spent_cents, formatEuroWhole)}</dd>
					<dt>${t('stats.placement_years')}</dt><dd>${v(c.placement_years_observed, n1)}</dd>
					<dt>${t('stats.top5_share')}</dt><dd>${v(c.top5_share, pct)}</dd>
				</dl>
			</div>
		</div>
		<p class="hint">${t('stats.costs_explained')}</p>`;
}

// ---- Research export ---------------------------------------------------------

const EXPORT_COLUMNS = ['pseudonym', 'birth_year', 'municipality', 'team', 'has_jim', 'days_to_nomination', 'followup_days',
	'placement', 'dropout', 'satisfaction_youth_T0', 'satisfaction_youth_T9', 'satisfaction_parents_T0',
	'satisfaction_parents_T9', 'goal_realisation_T9', 'goal_realisation_T15'];

export function ResearchExportView() {
	const [state, setState] = useState({ busy: false, err: null, ok: '' });
	const href = '/api/v1/exports/research.csv';

	// The link is followed by fetch, so that an error (such as a server
	// without a research key) is shown here instead of being saved as a file.
	async function onDownload(e) {
		e.preventDefault();
		if (state.busy) return;
		setState({ busy: true, err: null, ok: '' });
		try {
			await download(href, 'onderzoek.csv');
			setState({ busy: false, err: null, ok: t('export.done') });
		} catch (err) {
			setState({ busy: false, err: err instanceof ApiError ? err : new ApiError(0, 'network', String(err && err.message), null, null), ok: '' });
		}
	}

	return html`<section aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('export.title')}</h1>
		<p class="lead">${t('export.intro')}</p>
		<div class="card">
			<h2>${t('export.what_title')}</h2>
			<p>${t('export.what')}</p>
			<h3 id="export-columns-title">${t('export.columns')}</h3>
			<${TableWrap} labelId="export-columns-title">
				<table class="data" id="export-columns">
					<thead><tr><th scope="col">${t('export.column')}</th><th scope="col">${t('export.meaning')}</th></tr></thead>
					<tbody>${EXPORT_COLUMNS.map((c) => html`<tr key=${c}><th scope="row"><code>${c}</code></th>
						<td>${t('export.col.' + c)}</td></tr>`)}</tbody>
				</table><//>
		</div>
		<div class="card">
			<h2>${t('export.not_title')}</h2>
			<ul class="plain-list">
				<li>${t('export.not_names')}</li>
				<li>${t('export.not_dates')}</li>
				<li>${t('export.not_text')}</li>
				<li>${t('export.not_contact')}</li>
			</ul>
			<p>${t('export.small')}</p>
			<p>${t('export.pseudonyms')}</p>
			<p>${t('export.logged')}</p>
		</div>
		<${Notice} id="export-message" kind=${state.err ? 'error' : 'ok'}>${state.err
			? (state.err.code === 'research_key_missing' ? t('export.key_missing') : errorText(state.err)) : state.ok}<//>
		<p><a class="button primary" id="export-download" href=${href} download="onderzoek.csv" onClick=${onDownload}
			aria-disabled=${state.busy ? 'true' : undefined}>${state.busy ? t('export.busy') : t('export.download')}</a></p>
	</section>`;
}
