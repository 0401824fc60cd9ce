// Charts drawn as SVG by Preact: no library, no markup from strings, no inline styles
// (colours come from classes in style.css). The SVG is measured to the width
// of its box so that the text in it stays readable on a 360 px screen. Every
// chart is role="img" with an accessible name and description given by the
// caller; the caller also offers the same figures as a table.
import { useState, useEffect, useRef } from './vendor/hooks.module.js';
import { html } from './ui.js';

// useWidth() -> [ref, width in px of the element the ref is put on].
function useWidth() {
	const ref = useRef(null);
	const [width, setWidth] = useState(0);
	useEffect(() => {
		const el = ref.current;
		if (!el) return undefined;
		let frame = 0;
		const measure = () => {
			cancelAnimationFrame(frame);
			frame = requestAnimationFrame(() => setWidth(Math.floor(el.clientWidth)));
		};
		measure();
		if (typeof ResizeObserver === 'undefined') {
			window.addEventListener('resize', measure);
			return () => window.removeEventListener('resize', measure);
		}
		const ro = new ResizeObserver(measure);
		ro.observe(el);
		return () => {
			cancelAnimationFrame(frame);
			ro.disconnect();
		};
	}, []);
	return [ref, width];
}

const DAYS_PER_MONTH = 365.25 / 12;

// monthTicks(lastDay) -> [0, 6, 12, ...] months, at least up to 24.
export function monthTicks(lastDay) {
	const months = Math.max(24, Math.ceil((lastDay || 0) / DAYS_PER_MONTH / 6) * 6);
	const ticks = [];
	for (let m = 0; m <= months; m += 6) ticks.push(m);
	return ticks;
}

// atRiskAt(curve, day): the number still followed at that day (the at_risk
// of the first curve point on or after it), or null past the curve's end.
export function atRiskAt(curve, day) {
	const p = (curve || []).find((x) => x.day >= day);
	return p ? p.at_risk : null;
}

const num = (v, fallback) => (v == null || isNaN(Number(v)) ? fallback : Number(v));

// Whether young people left follow-up at this point: a count, or null when a
// count of 1–4 is suppressed for researchers and admins.
const isCensored = (p) => p.censored === null || p.censored > 0;

// SurvivalChart: a Kaplan–Meier step function with its confidence band and
// censoring marks. curve: [{day, estimate, ci_low, ci_high, censored}].
// labelledBy / describedBy: ids of the heading and the text alternative.
export function SurvivalChart({ curve, labelledBy, describedBy, id, xLabel, yFormat }) {
	const [ref, width] = useWidth();
	const height = 260;
	const m = { left: 46, right: 14, top: 12, bottom: 46 };
	const pts = [{ day: 0, estimate: 1, ci_low: 1, ci_high: 1, censored: 0 }, ...(curve || []).filter((p) => p && p.day > 0)];
	const last = pts[pts.length - 1].day;
	const ticks = monthTicks(last);
	const maxDay = ticks[ticks.length - 1] * DAYS_PER_MONTH;
	const pw = Math.max(10, width - m.left - m.right);
	const ph = height - m.top - m.bottom;
	const x = (day) => m.left + (day / maxDay) * pw;
	const y = (s) => m.top + (1 - s) * ph;
	const f = (v) => v.toFixed(1);

	let line = '';
	let upper = [];
	let lower = [];
	if (width) {
		line = 'M' + f(x(0)) + ',' + f(y(1));
		for (let i = 1; i < pts.length; i++) {
			line += 'H' + f(x(pts[i].day)) + 'V' + f(y(num(pts[i].estimate, 0)));
		}
		for (let i = 0; i < pts.length; i++) {
			const p = pts[i];
			const est = num(p.estimate, 0);
			const x0 = x(p.day);
			const x1 = i + 1 < pts.length ? x(pts[i + 1].day) : x0;
			upper.push([x0, y(num(p.ci_high, est))], [x1, y(num(p.ci_high, est))]);
			lower.push([x0, y(num(p.ci_low, est))], [x1, y(num(p.ci_low, est))]);
		}
	}
	const band = [...upper, ...lower.reverse()].map(([a, b]) => f(a) + ',' + f(b)).join(' ');
	const everyOther = width && width < 420 && ticks.length > 5;

	return html`<div class="chart-box" ref=${ref}>
		${width ? html`<svg class="chart" id=${id} width=${width} height=${height} viewBox=${'0 0 ' + width + ' ' + height}
			role="img" aria-labelledby=${labelledBy} aria-describedby=${describedBy} focusable="false">
			<g class="chart-grid" aria-hidden="true">
				${[0, 0.25, 0.5, 0.75, 1].map((s) => html`<g key=${'y' + s}>
					<line x1=${m.left} x2=${m.left + pw} y1=${f(y(s))} y2=${f(y(s))} />
					<text class="chart-label" x=${m.left - 6} y=${f(y(s) + 4)} text-anchor="end">${yFormat(s)}</text></g>`)}
				${ticks.map((mo, i) => html`<g key=${'x' + mo}>
					<line class="chart-tick" x1=${f(x(mo * DAYS_PER_MONTH))} x2=${f(x(mo * DAYS_PER_MONTH))}
						y1=${m.top + ph} y2=${m.top + ph + 5} />
					${everyOther && i % 2 ? null : html`<text class="chart-label" x=${f(x(mo * DAYS_PER_MONTH))} y=${m.top + ph + 18}
						text-anchor="middle">${mo}</text>`}</g>`)}
				${[12, 24].map((mo) => html`<line key=${'r' + mo} class="chart-ref" x1=${f(x(mo * DAYS_PER_MONTH))}
					x2=${f(x(mo * DAYS_PER_MONTH))} y1=${m.top} y2=${m.top + ph} />`)}
				<text class="chart-label" x=${m.left + pw / 2} y=${height - 6} text-anchor="middle">${xLabel}</text>
			</g>
			<polygon class="km-band" points=${band} />
			<path class="km-line" d=${line} />
			<g class="km-censor">
				${pts.filter(isCensored).map((p) => html`<line key=${'c' + p.day} x1=${f(x(p.day))} x2=${f(x(p.day))}
					y1=${f(y(num(p.estimate, 0)) - 5)} y2=${f(y(num(p.estimate, 0)) + 5)} />`)}
			</g>
			<line class="chart-axis" x1=${m.left} x2=${m.left + pw} y1=${m.top + ph} y2=${m.top + ph} />
			<line class="chart-axis" x1=${m.left} x2=${m.left} y1=${m.top} y2=${m.top + ph} />
		</svg>` : null}
	</div>`;
}

// BarChart: one group of bars per category. rows: [{label, values: [..]}],
// one value per series (null: not shown, e.g. suppressed); seriesClass gives
// each series its colour class.
export function BarChart({ rows, seriesClass, labelledBy, describedBy, id, format }) {
	const [ref, width] = useWidth();
	const height = 240;
	const m = { left: 40, right: 10, top: 12, bottom: 34 };
	const pw = Math.max(10, width - m.left - m.right);
	const ph = height - m.top - m.bottom;
	const max = Math.max(1, ...rows.flatMap((r) => r.values.filter((v) => v != null).map(Number)));
	const step = Math.max(1, niceStep(max)); // counts: whole steps
	const top = Math.ceil(max / step) * step;
	const gridValues = [];
	for (let v = 0; v <= top + 1e-9; v += step) gridValues.push(v);
	const y = (v) => m.top + (1 - v / top) * ph;
	const band = rows.length ? pw / rows.length : pw;
	const nSeries = seriesClass.length;
	const barW = Math.max(2, (band * 0.8) / nSeries);
	const labelEvery = Math.max(1, Math.ceil((rows.length * 52) / Math.max(pw, 1)));
	const f = (v) => v.toFixed(1);

	return html`<div class="chart-box" ref=${ref}>
		${width ? html`<svg class="chart" id=${id} width=${width} height=${height} viewBox=${'0 0 ' + width + ' ' + height}
			role="img" aria-labelledby=${labelledBy} aria-describedby=${describedBy} focusable="false">
			<g class="chart-grid" aria-hidden="true">
				${gridValues.map((v) => html`<g key=${'y' + v}>
					<line x1=${m.left} x2=${m.left + pw} y1=${f(y(v))} y2=${f(y(v))} />
					<text class="chart-label" x=${m.left - 6} y=${f(y(v) + 4)} text-anchor="end">${format(v)}</text></g>`)}
				${rows.map((r, i) => (i % labelEvery ? null : html`<text key=${'l' + i} class="chart-label"
					x=${f(m.left + band * i + band / 2)} y=${m.top + ph + 18} text-anchor="middle">${r.label}</text>`))}
			</g>
			${rows.map((r, i) => html`<g key=${'b' + i}>
				${r.values.map((v, s) => (v == null ? null : html`<rect key=${s} class=${seriesClass[s]}
					x=${f(m.left + band * i + band * 0.1 + barW * s)} y=${f(y(Number(v)))} width=${f(barW)}
					height=${f(Math.max(0, m.top + ph - y(Number(v))))} />`))}
			</g>`)}
			<line class="chart-axis" x1=${m.left} x2=${m.left + pw} y1=${m.top + ph} y2=${m.top + ph} />
		</svg>` : null}
	</div>`;
}

function niceStep(max) {
	const raw = max / 4;
	const pow = Math.pow(10, Math.floor(Math.log10(raw)));
	for (const k of [1, 2, 2.5, 5, 10]) if (raw <= k * pow) return k * pow;
	return 10 * pow;
}
