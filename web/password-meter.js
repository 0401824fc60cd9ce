// PasswordMeter shows, under the field where a new password is chosen, how
// easily it is guessed (ASVS 2.1.8): the server's own check
// (POST /api/v1/password-strength, the function the invitation and the
// password change apply), asked once the typing has paused, so the meter
// and the refusal agree on what the meter is given (the username when the
// page knows it; never the current password). Three bars and a sentence;
// the sentence describes the field (its aria-describedby is id + '-text')
// and is announced politely, only when it changes. While a newer password
// waits for its answer the last one stays, dimmed and marked busy, so the
// meter does not flicker; an answer for an older password is never taken.
import { useEffect, useState } from './vendor/hooks.module.js';
import { html } from './ui.js';
import { t } from './i18n.js';
import { post } from './api.js';

const PAUSE_MS = 400;

function sentenceKey(judged) {
	if (!judged) return '';
	return judged.strength === 'weak' ? 'meter.weak_' + (judged.reason || 'guessable') : 'meter.' + judged.strength;
}

export function PasswordMeter({ id, password, username }) {
	const [judged, setJudged] = useState(null);
	useEffect(() => {
		if (!password) {
			setJudged(null);
			return undefined;
		}
		let current = true;
		const timer = setTimeout(async () => {
			try {
				const r = await post('/api/v1/password-strength', username ? { password, username } : { password });
				if (current) setJudged({ ...r, password });
			} catch (e) {
				if (current) setJudged(null);
			}
		}, PAUSE_MS);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	}, [password, username]);
	const shown = password ? judged : null;
	const pending = !!shown && shown.password !== password;
	const key = sentenceKey(shown);
	return html`<div class=${pending ? 'meter meter-pending' : 'meter'} id=${id}>
		<div class="meter-bars" data-strength=${shown ? shown.strength : 'none'} aria-hidden="true"><span></span><span></span><span></span></div>
		<p class="meter-text" id=${id + '-text'} aria-live="polite" aria-busy=${pending ? 'true' : 'false'}>${key ? t(key) : ''}</p>
	</div>`;
}
