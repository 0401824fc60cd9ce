// The reminder after a login with a password kring would refuse now (one set
// before it judged how easy a password is to guess): POST /api/v1/session
// answers password_weak, and password_weak_reason says why ("too_short",
// "username", "guessable"). Kept in this tab's sessionStorage, so that a
// reload still shows it; a new password, logging out or the next login
// without it ends it. Shown on the home page and above the password change.
import { html } from './ui.js';
import { t } from './i18n.js';

const KEY = 'kring.password_weak';

function storage() {
	try {
		return window.sessionStorage;
	} catch (e) {
		return null; /* storage switched off: the reminder shows until the page is left */
	}
}

let weakInMemory = '';

// reason: why the password would be refused now (a login's
// password_weak_reason), or '' when it would not.
export function rememberWeakPassword(reason) {
	weakInMemory = reason || '';
	const s = storage();
	try {
		if (s && weakInMemory) s.setItem(KEY, weakInMemory);
		else if (s) s.removeItem(KEY);
	} catch (e) {
		/* storage full or refused: the reminder lives in this page only */
	}
}

export function forgetWeakPassword() {
	rememberWeakPassword('');
}

// Why the password of this login would be refused now, or '' when it would not.
export function weakPasswordReason() {
	const s = storage();
	return weakInMemory || (s ? s.getItem(KEY) || '' : '');
}

export function passwordIsWeak() {
	return weakPasswordReason() !== '';
}

// The reasons with a text of their own; any other stored value (an older
// app's '1') gets the general one.
const REASONS = ['too_short', 'username', 'guessable'];

// link: whether to point to the settings page (not on the settings page itself).
export function WeakPasswordNotice({ link }) {
	const reason = weakPasswordReason();
	const text = REASONS.includes(reason) ? t('pw.weak_login_' + reason) : t('pw.weak_login');
	return html`<div class="notice notice-warning" id="weak-password" role="status">
		<p>${text}${link ? html` <a href="#/settings" id="weak-password-link">${t('pw.weak_login_link')}</a>` : null}</p>
	</div>`;
}
