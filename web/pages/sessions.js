// "Waar je bent ingelogd" on the settings page (GET /api/v1/me/sessions,
// ASVS 3.3.4): the devices where the user is logged in, each with the
// browser and system it began on, since when and when last active (in
// words), this device marked. Another device is logged out with
// "Uitloggen" and a short "are you sure?" (DELETE /api/v1/me/sessions/{id});
// "Overal anders uitloggen" ends all of them at once, and the calendar link
// (DELETE /api/v1/me/sessions). This page stays logged in; what happened is
// said, with the focus on it, and the list is loaded again.
import { useState } from '../vendor/hooks.module.js';
import { html, Button, Confirm, useCreate, FormMessage, useDone, DoneMessage, useData, DataStatus } from '../ui.js';
import { t, formatWhen } from '../i18n.js';
import { del } from '../api.js';

// The device a session began on, in words: "Firefox op Android". The server
// keeps only the browser and the system family; either may be unknown.
export function deviceText(s) {
	if (s.browser && s.os) return t('sessions.device', { browser: s.browser, os: s.os });
	if (s.browser) return s.browser;
	if (s.os) return t('sessions.device_os', { os: s.os });
	return t('sessions.device_unknown');
}

// How long ago an ISO time was, in words: "net nog", "5 minuten geleden".
export function agoText(iso, now = Date.now()) {
	const seconds = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
	if (!(seconds >= 60)) return t('sessions.ago_now');
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return t(minutes === 1 ? 'sessions.ago_minutes_one' : 'sessions.ago_minutes', { n: minutes });
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return t(hours === 1 ? 'sessions.ago_hours_one' : 'sessions.ago_hours', { n: hours });
	const days = Math.floor(hours / 24);
	return t(days === 1 ? 'sessions.ago_days_one' : 'sessions.ago_days', { n: days });
}

// One device of the list; onEnd(s) logs it out after the user said yes.
function SessionRow({ s, asking, setAsking, busy, onEnd }) {
	const base = 'session-' + s.id;
	const open = asking === s.id;
	return html`<li id=${base}>
		<p class="session-device"><strong id=${base + '-device'}>${deviceText(s)}</strong>
			${s.current ? html` <span class="badge" id="session-current">${t('sessions.this_device')}</span>` : null}</p>
		<p class="hint" id=${base + '-when'}>${t('sessions.since', { when: formatWhen(s.created_at) })}<br />
			${t('sessions.last_active', { ago: s.current ? t('sessions.now') : agoText(s.last_seen_at) })}</p>
		${s.current ? null : open
			? html`<${Confirm} id=${base + '-confirm'} question=${t('sessions.confirm', { device: deviceText(s) })}
				yes=${t('sessions.confirm_yes')} busy=${busy} danger returnTo=${base + '-end'}
				describedBy=${base + '-when'} onYes=${() => onEnd(s)} onNo=${() => setAsking(null)} />`
			: html`<p><button type="button" class="secondary small" id=${base + '-end'}
				aria-describedby=${base + '-device ' + base + '-when'} onClick=${() => setAsking(s.id)}>${t('sessions.log_out_device')}</button></p>`}
	</li>`;
}

export function SessionsElsewhere() {
	const [state, reload] = useData('/api/v1/me/sessions');
	const [asking, setAsking] = useState(null);
	const c = useCreate();
	const done = useDone();
	const items = (state.data && state.data.items) || [];
	const link = state.data && state.data.calendar_link;

	function endOne(s) {
		done.clear();
		c.run(async () => {
			try {
				await del('/api/v1/me/sessions/' + s.id);
			} catch (e) {
				// Already logged out there (it ended meanwhile): the list says so.
				if (!e || e.status !== 404) throw e;
			}
			setAsking(null);
			await reload();
			done.say(t('sessions.ended_device', { device: deviceText(s) }));
		});
	}
	function endOthers() {
		done.clear();
		setAsking(null);
		c.run(async () => {
			const r = await del('/api/v1/me/sessions');
			const n = (r && r.ended) || 0;
			await reload();
			done.say(n ? t(n === 1 ? 'sessions.ended_one' : 'sessions.ended', { n }) : t('sessions.none'));
		});
	}
	return html`<section class="card" aria-labelledby="sessions-list-title" id="sessions-elsewhere">
		<h2 id="sessions-list-title">${t('sessions.list_title')}</h2>
		<p>${t('sessions.list_intro')}</p>
		<${DoneMessage} done=${done} id="sessions-done" />
		<${FormMessage} c=${c} id="sessions-message" />
		<${DataStatus} state=${state} />
		${items.length ? html`<ul class="session-list" id="sessions-list" aria-labelledby="sessions-list-title">
			${items.map((s) => html`<${SessionRow} key=${s.id} s=${s} asking=${asking} setAsking=${setAsking} busy=${c.busy} onEnd=${endOne} />`)}
		</ul>` : null}
		${link ? html`<p id="sessions-calendar">${t('sessions.calendar_link', { when: formatWhen(link.created_at) })}</p>` : null}
		<h3 id="sessions-title">${t('sessions.title')}</h3>
		<p>${t('sessions.intro')}</p>
		<${Button} class="secondary" id="sessions-end" onClick=${endOthers} busy=${c.busy}>${t('sessions.end')}<//>
	</section>`;
}
