// Changing one's own password on the settings page (PUT /api/v1/me/password),
// for every role, in plain words. The current password is asked first; the
// new one twice. Afterwards other devices are logged out, and the page says
// so, with the focus on that text.
import { useState } from '../vendor/hooks.module.js';
import { html, Field, Button, useCreate, FormMessage, useDone, DoneMessage } from '../ui.js';
import { t } from '../i18n.js';
import { put } from '../api.js';
import { PasswordMeter } from '../password-meter.js';
import { passwordIsWeak, forgetWeakPassword, WeakPasswordNotice } from '../password-reminder.js';

const MIN_LENGTH = 12; // as account_check_password (src/domain/account_rules.c), in code points

// A problem with the new password that the browser can tell before asking
// the server: an error object like the server's, or null.
function newPasswordProblem(form, username) {
	if ([...form.fresh].length < MIN_LENGTH || form.fresh === username || form.fresh === form.current) {
		return { code: 'validation_failed', field: 'new_password' };
	}
	if (form.repeat !== form.fresh) return { code: 'password_mismatch', field: 'repeat', message: t('pw.mismatch') };
	return null;
}

export function PasswordChange({ user }) {
	const empty = { current: '', fresh: '', repeat: '' };
	const [form, setForm] = useState(empty);
	const [local, setLocal] = useState(null);
	const c = useCreate();
	const done = useDone();
	const set = (k) => (v) => setForm((f) => ({ ...f, [k]: v }));
	const err = local || c.err;

	function submit(e) {
		e.preventDefault();
		done.clear();
		const problem = form.current ? newPasswordProblem(form, user.username) : { code: 'validation_failed', field: 'current_password' };
		setLocal(problem);
		if (problem) return;
		c.run(async () => {
			await put('/api/v1/me/password', { current_password: form.current, new_password: form.fresh });
			setForm(empty);
			forgetWeakPassword();
			done.say(t('pw.changed'));
		});
	}

	return html`<section class="card" aria-labelledby="pw-title" id="password-change">
		<h2 id="pw-title">${t('pw.title')}</h2>
		<p>${t('pw.intro')}</p>
		${passwordIsWeak() ? html`<${WeakPasswordNotice} />` : null}
		<${DoneMessage} done=${done} id="pw-done" />
		<${FormMessage} c=${{ err, ok: '' }} id="pw-message" scope="pw" />
		<form onSubmit=${submit} novalidate>
			<${Field} id="pw-current" name="current_password" type="password" label=${t('pw.current')}
				value=${form.current} onValue=${set('current')} autocomplete="current-password" err=${err} errScope="pw" required />
			<${Field} id="pw-new" name="new_password" type="password" label=${t('pw.new')} hint=${t('inv.password_hint')}
				value=${form.fresh} onValue=${set('fresh')} autocomplete="new-password" err=${err} errScope="pw" required
				describedBy="pw-meter-text" />
			<${PasswordMeter} id="pw-meter" password=${form.fresh} username=${user.username} />
			<${Field} id="pw-repeat" name="repeat" type="password" label=${t('pw.repeat')}
				value=${form.repeat} onValue=${set('repeat')} autocomplete="new-password" err=${err} required />
			<${Button} type="submit" class="primary" busy=${c.busy}>${t('pw.submit')}<//>
		</form>
	</section>`;
}
