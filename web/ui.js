// Shared building blocks: the htm template tag bound to Preact, form fields
// with labels and error text, live-region notices and scrollable tables.
import { h } from './vendor/preact.module.js';
import { useEffect, useState, useCallback } from './vendor/hooks.module.js';
import htm from './vendor/htm.module.js';
import { t, errorText } from './i18n.js';
import { get } from './api.js';

export const html = htm.bind(h);

// Field renders a labelled input. err is the ApiError of the last submit; the
// field is marked invalid when the server named it.
export function Field(p) {
	const invalid = p.err && p.err.field === p.name;
	const describedBy = [p.hint ? p.id + '-hint' : null, invalid ? p.id + '-error' : null]
		.filter(Boolean).join(' ') || undefined;
	return html`<div class="field">
		<label for=${p.id}>${p.label}${p.optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>
		${p.hint ? html`<p class="hint" id=${p.id + '-hint'}>${p.hint}</p>` : null}
		<input id=${p.id} name=${p.name} type=${p.type || 'text'} value=${p.value}
			onInput=${(e) => p.onValue(e.currentTarget.value)}
			autocomplete=${p.autocomplete} inputmode=${p.inputmode} maxlength=${p.maxlength}
			pattern=${p.pattern} spellcheck=${p.spellcheck} autocapitalize=${p.autocapitalize}
			required=${p.required} aria-invalid=${invalid ? 'true' : undefined}
			aria-describedby=${describedBy} ref=${p.inputRef} />
		${invalid ? html`<p class="field-error" id=${p.id + '-error'}>${errorText(p.err)}</p>` : null}
	</div>`;
}

export function SelectField(p) {
	const invalid = p.err && p.err.field === p.name;
	return html`<div class="field">
		<label for=${p.id}>${p.label}${p.optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>
		<select id=${p.id} name=${p.name} value=${p.value} onChange=${(e) => p.onValue(e.currentTarget.value)}
			aria-invalid=${invalid ? 'true' : undefined} aria-describedby=${invalid ? p.id + '-error' : undefined}>
			${p.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
		</select>
		${invalid ? html`<p class="field-error" id=${p.id + '-error'}>${errorText(p.err)}</p>` : null}
	</div>`;
}

// Notice is a polite live region that is always present, so that screen
// readers announce text put into it later. kind: "error" | "ok" | "info".
export function Notice({ kind, children, id }) {
	return html`<div id=${id} class=${'notice' + (children ? ' notice-' + (kind || 'info') : '')}
		role=${kind === 'error' ? 'alert' : 'status'} aria-live=${kind === 'error' ? 'assertive' : 'polite'}>${children}</div>`;
}

// TableWrap lets a wide table scroll inside its own box on small screens
// instead of widening the page; the box is focusable for keyboard scrolling.
export function TableWrap({ labelId, children }) {
	return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${labelId}>${children}</div>`;
}

// useList loads GET path -> {items}; returns [state, reload].
export function useList(path) {
	const [state, setState] = useState({ loading: true, items: [], err: null });
	const reload = useCallback(() => {
		setState((s) => ({ ...s, loading: true }));
		return get(path).then(
			(d) => setState({ loading: false, items: (d && d.items) || [], err: null }),
			(err) => setState({ loading: false, items: [], err }));
	}, [path]);
	useEffect(() => {
		reload();
	}, [reload]);
	return [state, reload];
}

// ListStatus shows loading / error / empty text for a useList state.
export function ListStatus({ state, emptyKey }) {
	if (state.loading && !state.items.length) return html`<p>${t('common.loading')}</p>`;
	if (state.err) return html`<p class="notice notice-error">${errorText(state.err)}</p>`;
	if (!state.items.length) return html`<p>${t(emptyKey)}</p>`;
	return null;
}
