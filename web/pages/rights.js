// "Je rechten" on the young person's own file ("Mijn dossier"): what the
// law lets them do with it, in plain words (Jeugdwet, AVG): ask for a
// correction, put their own words in the file, ask for its destruction
// (behind a question), and see what became of what they asked.
import { useState } from '../vendor/hooks.module.js';
import { html, TextArea, Button, Confirm, useCreate, FormMessage, useDone, DoneMessage } from '../ui.js';
import { t, tOr, formatDate } from '../i18n.js';
import { post } from '../api.js';
import { fieldError } from '../format.js';

const base = (id) => '/api/v1/youths/' + id;

// One of the young person's requests, in words.
function requestLine(q) {
	const status = q.status === 'open' ? t('rights.status.open', { due: formatDate(q.due_on, true) })
		: t('rights.status.' + (q.status === 'done' ? 'done' : 'refused'), { closed: formatDate(q.closed_on, true) });
	return t('rights.request_line', { kind: tOr('rights.kind.' + q.kind, q.kind), received: formatDate(q.received_on, true), status });
}

export function YouthRights({ youthId, requests, onDone }) {
	const done = useDone();
	const said = async (text) => {
		await onDone();
		done.say(text);
	};
	return html`<section aria-labelledby="rights-title" id="youth-rights" class="no-print">
		<h2 id="rights-title">${t('rights.title')}</h2>
		<p>${t('rights.intro')}</p>
		<${DoneMessage} done=${done} id="rights-done" />
		${(requests || []).length ? html`<h3 id="rights-requests-title">${t('rights.requests_title')}</h3>
			<ul class="plain-list" id="rights-requests" aria-labelledby="rights-requests-title">
				${requests.map((q) => html`<li key=${q.id}>${requestLine(q)}</li>`)}</ul>` : null}
		<${AskCorrection} youthId=${youthId} onAsked=${said} />
		<${OwnStatement} youthId=${youthId} onAdded=${said} />
		<${AskDestruction} youthId=${youthId} onAsked=${said} />
	</section>`;
}

// A card with one text to write and send: `send(text)` posts it and
// resolves with what to say once it is done. `field` is the body field the
// server checks (its error is shown at the text), `max` its length.
function TextCard({ id, title, intro, label, submit: submitLabel, field, max, rows, send, onDone }) {
	const [text, setText] = useState('');
	const c = useCreate();
	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!text.trim()) throw fieldError(field);
			const said = await send(text.trim());
			setText('');
			await onDone(said);
		});
	}
	return html`<div class="card" id=${id}>
		<h3>${title}</h3>
		${intro ? html`<p>${intro}</p>` : null}
		<${FormMessage} c=${c} id=${id + '-message'} scope="rights" />
		<form onSubmit=${submit} novalidate>
			<${TextArea} id=${id + '-text'} name=${field} label=${label} value=${text}
				onValue=${setText} maxlength=${String(max)} rows=${rows} err=${c.err} errScope="rights" required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${submitLabel}<//>
		</form>
	</div>`;
}

function AskCorrection({ youthId, onAsked }) {
	return html`<${TextCard} id="rights-correction" title=${t('rights.correction_title')} label=${t('rights.correction_label')}
		submit=${t('rights.correction_submit')} field="note" max=${1000} rows="3" onDone=${onAsked}
		send=${async (text) => {
			const q = await post(base(youthId) + '/requests', { kind: 'correction', note: text });
			return t('rights.asked', { date: formatDate(q.due_on, true) });
		}} />`;
}

function OwnStatement({ youthId, onAdded }) {
	return html`<${TextCard} id="rights-statement" title=${t('rights.statement_title')} intro=${t('rights.statement_intro')}
		label=${t('rights.statement_label')} submit=${t('rights.statement_submit')} field="text" max=${5000} rows="4"
		onDone=${onAdded} send=${async (text) => {
			await post(base(youthId) + '/statements', { text });
			return t('rights.statement_done');
		}} />`;
}

function AskDestruction({ youthId, onAsked }) {
	const [asking, setAsking] = useState(false);
	const c = useCreate();
	function yes() {
		c.run(async () => {
			const q = await post(base(youthId) + '/requests', { kind: 'destruction' });
			setAsking(false);
			await onAsked(t('rights.asked', { date: formatDate(q.due_on, true) }));
		});
	}
	return html`<div class="card" id="rights-destruction">
		<h3>${t('rights.destruction_title')}</h3>
		<p>${t('rights.destruction_intro')}</p>
		<${FormMessage} c=${c} id="rights-destruction-message" scope="rights" />
		${asking ? html`<${Confirm} id="rights-destruction" danger question=${t('rights.destruction_sure')}
				yes=${t('rights.destruction_yes')} busy=${c.busy} onYes=${yes} onNo=${() => setAsking(false)}
				returnTo="rights-destruction-open" />`
			: html`<p><button type="button" class="secondary" id="rights-destruction-open"
				onClick=${() => { c.clear(); setAsking(true); }}>${t('rights.destruction_open')}</button></p>`}
	</div>`;
}
