// Invitation accept page (#/invitation/<token>): the invited user chooses a
// password; when the server returns a TOTP secret, it is shown once with a
// plain explanation of how to put it in an authenticator app. The page asks
// first whose the link is (GET /api/v1/invitations/{token}): it shows the
// username and until when the link works, the meter weighs the password
// against the username, a password manager stores it with the password, and
// a link that no longer works says so before a password is chosen.
import { useState, useRef, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Notice, Button } from '../ui.js';
import { t, errorText, formatWhen } from '../i18n.js';
import { get, post } from '../api.js';
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
	const [link, setLink] = useState(null); // {username, expires_at} of a link that works
	const confirmRef = useRef(null);

	// The page is made anew for every token (app.js keys it), so nothing typed
	// for one link is sent with another.
	useEffect(() => {
		let current = true;
		get('/api/v1/invitations/' + encodeURIComponent(token)).then(
			(res) => { if (current && res && res.username) setLink(res); },
			// a link that does not work (404, 410) says so now; on any other
			// failure the form stays, and sending it tells what is wrong
			(error) => { if (current && (error.status === 404 || error.status === 410)) setErr(error); },
		);
		return () => { current = false; };
	}, [token]);

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
		<div id="inv-link" aria-live="polite">${link && !gone ? html`<p id="inv-username">${t('inv.username', { username: link.username })}</p>
			<p id="inv-until">${t('inv.until', { when: formatWhen(link.expires_at) })}</p>` : null}</div>
		<${Notice} kind="error" id="inv-message">${mismatch ? t('inv.mismatch') : gone ? t('inv.gone') : err ? errorText(err) : ''}<//>
		${gone ? html`<p><a href="#/">${t('inv.to_login')}</a></p>` : html`
		<form onSubmit=${submit} novalidate>
			${link ? html`<input type="text" name="username" autocomplete="username" value=${link.username} readonly hidden />` : null}
			<${Field} id="inv-password" name="password" type="password" label=${t('inv.password')} hint=${t('inv.password_hint')}
				value=${password} onValue=${setPassword} autocomplete="new-password" err=${err} required
				describedBy="inv-meter-text" />
			<${PasswordMeter} id="inv-meter" password=${password} username=${link ? link.username : undefined} />
			<${Field} id="inv-confirm" name="confirm" type="password" label=${t('inv.confirm')}
				value=${confirm} onValue=${setConfirm} autocomplete="new-password" required inputRef=${confirmRef}
				err=${mismatch ? { field: 'confirm', code: 'password_mismatch', message: t('inv.mismatch_field') } : null} />
			<${Button} type="submit" class="primary" busy=${busy}>${t('inv.submit')}<//>
		</form>`}
	</section>`;
}
