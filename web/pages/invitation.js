// Invitation accept page (#/invitation/<token>): the invited user chooses a
// password; when the server returns a TOTP secret, it is shown once with a
// plain explanation of how to put it in an authenticator app.
import { useState, useRef } from '../vendor/hooks.module.js';
import { html, Field, Notice, Button } from '../ui.js';
import { t, errorText } from '../i18n.js';
import { post } from '../api.js';
import { PasswordMeter } from '../password-meter.js';

// groups of four make a base32 secret easier to type over
function grouped(secret) {
	return String(secret).replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export function InvitationPage({ token }) {
	const [password, setPassword] = useState('');
	const [confirm, setConfirm] = useState('');
	const [busy, setBusy] = useState(false);
	const [err, setErr] = useState(null);
	const [mismatch, setMismatch] = useState(false);
	const [done, setDone] = useState(null);
	const confirmRef = useRef(null);

	async function submit(e) {
		e.preventDefault();
		if (busy) return;
		setErr(null);
		if (password !== confirm) {
			setMismatch(true);
			if (confirmRef.current) confirmRef.current.focus();
			return;
		}
		setMismatch(false);
		setBusy(true);
		try {
			const res = await post('/api/v1/invitations/' + encodeURIComponent(token) + '/accept', { password });
			setPassword('');
			setConfirm('');
			setDone(res || {});
		} catch (error) {
			setErr(error);
		} finally {
			setBusy(false);
		}
	}

	if (done) {
		return html`<section class="card narrow" aria-labelledby="page-title">
			<h1 id="page-title" tabindex="-1">${t('inv.done_title')}</h1>
			<${Notice} kind="ok">${done.username ? t('inv.done', { username: done.username }) : t('inv.done_plain')}<//>
			${done.totp_secret ? html`<div class="totp-box">
				<h2>${t('inv.totp_title')}</h2>
				<p>${t('inv.totp_text1')}</p>
				<p>${t('inv.totp_text2')}</p>
				<p class="secret" id="totp-secret">${grouped(done.totp_secret)}</p>
				<p>${t('inv.totp_text3')}</p>
			</div>` : null}
			<p><a class="button primary" href="#/">${t('inv.to_login')}</a></p>
		</section>`;
	}

	// An unknown link (404) is, for the person holding it, the same as a used
	// or expired one: they need a new link.
	const gone = err && (err.code === 'gone' || err.status === 410 || err.status === 404);
	return html`<section class="card narrow" aria-labelledby="page-title">
		<h1 id="page-title" tabindex="-1">${t('inv.title')}</h1>
		<p>${t('inv.intro')}</p>
		<${Notice} kind="error" id="inv-message">${mismatch ? t('inv.mismatch') : gone ? t('inv.gone') : err ? errorText(err) : ''}<//>
		${gone ? html`<p><a href="#/">${t('inv.to_login')}</a></p>` : html`
		<form onSubmit=${submit} novalidate>
			<${Field} id="inv-password" name="password" type="password" label=${t('inv.password')} hint=${t('inv.password_hint')}
				value=${password} onValue=${setPassword} autocomplete="new-password" err=${err} required
				describedBy="inv-meter-text" />
			<${PasswordMeter} id="inv-meter" password=${password} />
			<${Field} id="inv-confirm" name="confirm" type="password" label=${t('inv.confirm')}
				value=${confirm} onValue=${setConfirm} autocomplete="new-password" required inputRef=${confirmRef}
				err=${mismatch ? { field: 'confirm', code: 'password_mismatch', message: t('inv.mismatch_field') } : null} />
			<${Button} type="submit" class="primary" busy=${busy}>${t('inv.submit')}<//>
		</form>`}
	</section>`;
}
