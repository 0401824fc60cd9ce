// PasswordMeter shows, under the field where a new password is chosen, how
// easily it is guessed (ASVS 2.1.8): the server's own check
// (POST /api/v1/password-strength, the one the invitation and the password
// change apply), asked once the typing has paused, so the meter and the
// refusal never disagree. Three bars and a sentence; the sentence is
// announced politely and describes the field (aria-describedby of the
// field = id + '-text'). An answer for an older password is never shown.
import { useEffect, useState } from './vendor/hooks.module.js';
import { html } from './ui.js';
import { t } from './i18n.js';
import { post } from './api.js';

const PAUSE_MS = 400;

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
	const shown = judged && judged.password === password ? judged : null;
	const key = !shown ? '' : shown.strength === 'weak' ? 'meter.weak_' + (shown.reason || 'guessable') : 'meter.' + shown.strength;
	return html`<div class="meter" id=${id}>
		<div class="meter-bars" data-strength=${shown ? shown.strength : 'none'} aria-hidden="true"><span></span><span></span><span></span></div>
		<p class="meter-text" id=${id + '-text'} aria-live="polite">${key ? t(key) : ''}</p>
	</div>`;
}
