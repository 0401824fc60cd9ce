// The reminder after a login with a password kring would refuse now (one set
// before it judged how easy a password is to guess): POST /api/v1/session
// answers password_weak. Kept in this tab's sessionStorage, so that a reload
// still shows it; a new password, logging out or the next login without it
// ends it. Shown on the home page and above the password change.
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

let weakInMemory = false;

export function rememberWeakPassword(weak) {
	weakInMemory = !!weak;
	const s = storage();
	try {
		if (s && weak) s.setItem(KEY, '1');
		else if (s) s.removeItem(KEY);
	} catch (e) {
		/* storage full or refused: the reminder lives in this page only */
	}
}

export function forgetWeakPassword() {
	rememberWeakPassword(false);
}

export function passwordIsWeak() {
	const s = storage();
	return weakInMemory || (s ? s.getItem(KEY) === '1' : false);
}

// link: whether to point to the settings page (not on the settings page itself).
export function WeakPasswordNotice({ link }) {
	return html`<div class="notice notice-warning" id="weak-password" role="status">
		<p>${t('pw.weak_login')}${link ? html` <a href="#/settings" id="weak-password-link">${t('pw.weak_login_link')}</a>` : null}</p>
	</div>`;
}
