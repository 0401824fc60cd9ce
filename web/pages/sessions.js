// "Log out everywhere else" on the settings page (DELETE /api/v1/me/sessions):
// for a phone or computer that is lost, or left logged in somewhere. This
// page stays logged in; what happened is said, with the focus on it.
import { html, Button, useCreate, FormMessage, useDone, DoneMessage } from '../ui.js';
import { t } from '../i18n.js';
import { del } from '../api.js';

export function SessionsElsewhere() {
	const c = useCreate();
	const done = useDone();
	function endOthers() {
		done.clear();
		c.run(async () => {
			const r = await del('/api/v1/me/sessions');
			const n = (r && r.ended) || 0;
			done.say(n ? t(n === 1 ? 'sessions.ended_one' : 'sessions.ended', { n }) : t('sessions.none'));
		});
	}
	return html`<section class="card" aria-labelledby="sessions-title" id="sessions-elsewhere">
		<h2 id="sessions-title">${t('sessions.title')}</h2>
		<p>${t('sessions.intro')}</p>
		<${DoneMessage} done=${done} id="sessions-done" />
		<${FormMessage} c=${c} id="sessions-message" />
		<${Button} class="secondary" id="sessions-end" onClick=${endOthers} busy=${c.busy}>${t('sessions.end')}<//>
	</section>`;
}
