// The dialog that asks for the password again before a sensitive action
// (breaking the glass, accounts, the research export: 403 reauth_required,
// api.js setReauthHandler). A code field appears when the account logs in
// with one (the server answers 422 on "totp"). onDone(true) once POST
// /api/v1/session/reauth accepted it, onDone(false) on Cancel or Escape.
import { useState, useRef, useLayoutEffect } from '../vendor/hooks.module.js';
import { html, Field, Notice, Button } from '../ui.js';
import { t, errorText } from '../i18n.js';
import { post } from '../api.js';
import { fieldError } from '../format.js';
import { useTotpStep, TotpField } from './totp-field.js';

// `username` goes in a hidden field, so that a password manager knows whose
// password to fill in.
export function ReauthDialog({ username, onDone }) {
	const [password, setPassword] = useState('');
	const code = useTotpStep();
	const [busy, setBusy] = useState(false);
	const [err, setErr] = useState(null);
	const [info, setInfo] = useState('');
	const passwordRef = useRef(null);

	useLayoutEffect(() => { // the password field has the focus when the dialog shows
		if (passwordRef.current) passwordRef.current.focus();
	}, []);

	async function submit(e) {
		e.preventDefault();
		if (busy) return;
		const body = { password };
		if (code.need) body.totp = code.value();
		const empty = !password ? ['password', passwordRef, 'validation.login.password']
			: code.need && !body.totp ? ['totp', code.ref, 'validation.login.totp'] : null;
		if (empty) {
			setInfo('');
			setErr(fieldError(empty[0], t(empty[2])));
			if (empty[1].current) empty[1].current.focus();
			return;
		}
		setBusy(true);
		setErr(null);
		setInfo('');
		try {
			await post('/api/v1/session/reauth', body);
			onDone(true);
		} catch (error) {
			setBusy(false);
			if (error.status === 401) {
				onDone(false); // the session ended: the login dialog takes over
				return;
			}
			if (error.field === 'totp' && !code.need) {
				code.reveal();
				setInfo(t('reauth.totp_needed'));
				return;
			}
			code.setCode('');
			setErr(error);
			const at = error.field === 'totp' ? code.ref : passwordRef;
			if (at.current) at.current.focus();
		}
	}

	// Escape cancels wherever the focus is (also after a click on the backdrop),
	// from the moment the dialog shows: a layout effect, run before the paint.
	const busyRef = useRef(busy);
	busyRef.current = busy;
	useLayoutEffect(() => {
		const onKeyDown = (e) => {
			if (e.key === 'Escape' && !busyRef.current) onDone(false);
		};
		document.addEventListener('keydown', onKeyDown);
		return () => document.removeEventListener('keydown', onKeyDown);
	}, [onDone]);

	return html`<div class="dialog-backdrop">
		<div class="dialog" role="dialog" aria-modal="true" aria-labelledby="reauth-title" aria-describedby="reauth-intro" id="reauth-dialog">
			<section class="card narrow">
				<h2 id="reauth-title">${t('reauth.title')}</h2>
				<p id="reauth-intro">${t('reauth.intro')}</p>
				<${Notice} kind=${err ? 'error' : 'info'} id="reauth-message">${err ? errorText(err, 'reauth') : info}<//>
				<form onSubmit=${submit} novalidate>
					<input type="text" name="username" autocomplete="username" value=${username || ''} readonly hidden />
					<${Field} id="reauth-password" name="password" type="password" label=${t('login.password')}
						value=${password} onValue=${setPassword} autocomplete="current-password" required
						inputRef=${passwordRef} err=${err} errScope="reauth" />
					<${TotpField} step=${code} id="reauth-totp" err=${err} errScope="reauth" />
					<div class="button-row">
						<${Button} type="submit" class="primary" busy=${busy}>${busy ? t('reauth.busy') : t('reauth.submit')}<//>
						<button type="button" class="secondary" id="reauth-cancel" onClick=${() => onDone(false)} disabled=${busy}>${t('common.cancel')}</button>
					</div>
				</form>
			</section>
		</div>
	</div>`;
}
