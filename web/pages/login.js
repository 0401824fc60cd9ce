// Login page: username + password; a TOTP code field appears when the server
// answers 401 totp_required (or invalid_totp), and the form is sent again.
import { useState, useRef, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Notice, Button } from '../ui.js';
import { t, errorText } from '../i18n.js';
import { post } from '../api.js';
import { fieldError } from '../format.js';
import { useTotpStep, TotpField } from './totp-field.js';

// The refusals after which a password may have been forgotten: the message
// says whom to ask for a new login link (kring sends no e-mail).
const FORGOT_HINT = ['invalid_credentials', 'too_many_attempts'];

// With `dialog` it is the login over a page whose session ended: a heading of
// its own (the page keeps its h1) and the username field focused.
export function LoginPage({ onLogin, notice, dialog }) {
	const [username, setUsername] = useState('');
	const [password, setPassword] = useState('');
	const code = useTotpStep();
	const [busy, setBusy] = useState(false);
	const [err, setErr] = useState(null);
	const [info, setInfo] = useState(notice || '');
	const userRef = useRef(null);
	const passwordRef = useRef(null);

	useEffect(() => {
		if (dialog && userRef.current) userRef.current.focus();
	}, [dialog]);

	async function submit(e) {
		e.preventDefault();
		if (busy) return;
		const body = { username: username.trim(), password };
		if (code.need) body.totp = code.value();
		// A field left empty (Enter pressed in the username field on a phone)
		// is asked for here: sent, it would count as a failed login towards
		// the lock-out and read "klopt niet".
		const empty = !body.username ? ['username', userRef] : !password ? ['password', passwordRef]
			: code.need && !body.totp ? ['totp', code.ref] : null;
		if (empty) {
			setInfo('');
			setErr(fieldError(empty[0]));
			if (empty[1].current) empty[1].current.focus();
			return;
		}
		setBusy(true);
		setErr(null);
		setInfo('');
		try {
			const res = await post('/api/v1/session', body);
			setPassword('');
			code.setCode('');
			await onLogin(res);
		} catch (error) {
			if (error.code === 'totp_required' || error.code === 'invalid_totp') {
				const first = !code.need;
				code.reveal();
				code.setCode('');
				if (first && error.code === 'totp_required') setInfo(t('login.totp_needed'));
				else setErr(error);
			} else {
				setErr(error);
			}
		} finally {
			setBusy(false);
		}
	}

	const titleId = dialog ? 'login-dialog-title' : 'page-title';
	return html`<section class="card narrow" aria-labelledby=${titleId}>
		${dialog ? html`<h2 id=${titleId}>${t('login.again_title')}</h2>`
			: html`<h1 id=${titleId} tabindex="-1">${t('login.title')}</h1><p>${t('login.intro')}</p>`}
		<${Notice} kind=${err ? 'error' : 'info'} id="login-message">${err ? errorText(err, 'login') : info}${err && FORGOT_HINT.includes(err.code)
			? html`<span class="notice-more" id="login-forgot">${t('login.forgot')}</span>` : null}<//>
		<form onSubmit=${submit} novalidate>
			<${Field} id="login-username" name="username" label=${t('login.username')} value=${username}
				onValue=${setUsername} autocomplete="username" autocapitalize="none" spellcheck=${false} required
				inputRef=${userRef} err=${err} errScope="login" />
			<${Field} id="login-password" name="password" type="password" label=${t('login.password')}
				value=${password} onValue=${setPassword} autocomplete="current-password" required inputRef=${passwordRef}
				err=${err} errScope="login" />
			<${TotpField} step=${code} id="login-totp" err=${err} errScope="login" />
			<${Button} type="submit" class="primary" busy=${busy}>
				${busy ? t('login.busy') : t('login.submit')}<//>
		</form>
	</section>`;
}
