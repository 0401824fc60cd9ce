// The code from the authenticator app, asked for after the password when the
// account's login needs one: the login (login.js) and the dialog that asks
// for the password again (reauth.js) both show the field once the server
// asks for it.
import { useState, useRef, useEffect } from '../vendor/hooks.module.js';
import { html, Field } from '../ui.js';
import { t } from '../i18n.js';

// useTotpStep() → {need, reveal, code, setCode, ref, value}: `need` from the
// moment reveal() is called, when the field takes the focus; value() is the
// code typed without spaces, or undefined while it is not needed.
export function useTotpStep() {
	const [need, setNeed] = useState(false);
	const [code, setCode] = useState('');
	const ref = useRef(null);
	useEffect(() => {
		if (need && ref.current) ref.current.focus();
	}, [need]);
	const value = () => (need ? code.replace(/\s+/g, '') : undefined);
	return { need, reveal: () => setNeed(true), code, setCode, ref, value };
}

// The field of a useTotpStep, its input's id `id`; nothing while not needed.
export function TotpField({ step, id, err, errScope }) {
	return step.need ? html`<${Field} id=${id} name="totp" label=${t('login.totp')} hint=${t('login.totp_hint')}
		value=${step.code} onValue=${step.setCode} inputmode="numeric" autocomplete="one-time-code"
		maxlength="10" required inputRef=${step.ref} err=${err} errScope=${errScope} />` : null;
}
