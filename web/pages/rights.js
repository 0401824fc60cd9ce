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
		done.say(text);
		await onDone();
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

function AskCorrection({ youthId, onAsked }) {
	const [text, setText] = useState('');
	const c = useCreate();
	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!text.trim()) throw fieldError('note');
			const q = await post(base(youthId) + '/requests', { kind: 'correction', note: text.trim() });
			setText('');
			await onAsked(t('rights.asked', { date: formatDate(q.due_on, true) }));
		});
	}
	return html`<div class="card" id="rights-correction">
		<h3>${t('rights.correction_title')}</h3>
		<${FormMessage} c=${c} id="rights-correction-message" scope="rights" />
		<form onSubmit=${submit} novalidate>
			<${TextArea} id="rights-correction-text" name="note" label=${t('rights.correction_label')} value=${text}
				onValue=${setText} maxlength="1000" rows="3" err=${c.err} errScope="rights" required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('rights.correction_submit')}<//>
		</form>
	</div>`;
}

function OwnStatement({ youthId, onAdded }) {
	const [text, setText] = useState('');
	const c = useCreate();
	function submit(e) {
		e.preventDefault();
		c.run(async () => {
			if (!text.trim()) throw fieldError('text');
			await post(base(youthId) + '/statements', { text: text.trim() });
			setText('');
			await onAdded(t('rights.statement_done'));
		});
	}
	return html`<div class="card" id="rights-statement">
		<h3>${t('rights.statement_title')}</h3>
		<p>${t('rights.statement_intro')}</p>
		<${FormMessage} c=${c} id="rights-statement-message" scope="rights" />
		<form onSubmit=${submit} novalidate>
			<${TextArea} id="rights-statement-text" name="text" label=${t('rights.statement_label')} value=${text}
				onValue=${setText} maxlength="5000" rows="4" err=${c.err} errScope="rights" required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('rights.statement_submit')}<//>
		</form>
	</div>`;
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
