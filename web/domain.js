// Value lists of the dossier API (docs/api-dossier.md). Every value is shown
// through a catalogue key: <prefix>.<value>.
export const PHASES = ['jim_search', 'collaboration', 'aftercare', 'closed'];
export const LEGAL_FRAMES = ['voluntary', 'ots', 'guardianship', 'youth_probation'];
export const LIVING_SITUATIONS = ['home', 'network_foster_care', 'foster_care', 'residential', 'closed_care', 'independent', 'other'];
export const END_REASONS = ['planned', 'ended_by_client', 'ended_by_provider', 'moved', 'other'];
export const DECISIONS = ['approve', 'decline', 'discuss'];
export const AGREEMENT_ANSWERS = ['agrees', 'agrees_reluctantly', 'refuses'];
export const JIM_END_REASONS = ['dropped_out', 'youth_chose_another', 'unsuitable', 'other'];
export const SCOPES = ['share_plan', 'share_meetings', 'share_notes_marked_shared', 'share_outcomes'];
export const GIVEN_BY = ['youth', 'custody_holder'];
export const AUTHOR_KINDS = ['youth', 'parent', 'jim', 'professional'];
export const JOURNAL_KINDS = ['contact', 'phone', 'home_visit', 'meeting', 'note', 'other'];
// The five lower bounds a JIM candidate is assessed on.
export const LOWER_BOUNDS = ['is_parent', 'adult', 'willing_to_cooperate', 'child_safe', 'own_load_manageable'];

// Team label: a name when the server gives one (me.teams), else the number.
export function teamOptions(me, t) {
	const named = Array.isArray(me && me.teams) ? me.teams : [];
	return ((me && me.team_ids) || []).map((id) => {
		const found = named.find((x) => x && x.id === id);
		return { value: String(id), label: found && found.name ? found.name : t('team.number', { id }) };
	});
}

export function fullName(y) {
	return [y && y.given_name, y && y.family_name].filter(Boolean).join(' ');
}

// Value lists of the JIM-support API (docs/api-jim-support.md).
export const ACTIVITY_KINDS = ['contact', 'phone', 'travel', 'meeting', 'other'];
export const CONTINUE_ANSWERS = ['yes', 'doubt', 'no'];
export const ALERT_KINDS = ['load_high', 'wellbeing_low', 'wants_to_stop', 'doubt_repeated', 'inactive', 'checkin_overdue'];
export const MEETING_KINDS = ['network', 'safety_table', 'evaluation', 'other'];
export const DECISION_TYPES = ['ots_requested', 'ots_withdrawn', 'placement_requested', 'placement_averted', 'plan_changed', 'other'];
export const STATEMENT_STATUSES = ['submitted', 'approved', 'rejected'];
// Organisation settings, in the order of the admin form.
export const ORG_SETTINGS = ['km_rate_cents', 'checkin_interval_days', 'checkin_grace_days', 'load_hours_per_week',
	'load_weeks_high', 'load_weeks_window', 'inactive_days'];

// The roles whose screens use plain language (B1): the JIM and the young person.
export function isPlainRole(role) {
	return role === 'jim' || role === 'youth';
}

// A plan goal's actions: the open ones first, then the done ones (each in the order made).
export function actionsInOrder(actions) {
	const list = actions || [];
	return [...list.filter((a) => !a.done_at), ...list.filter((a) => a.done_at)];
}

// The caps of a file's access log (GET /youths/{id}/access-log): the newest
// ACCESS_LOG_MAX events that are not tries from outside the circle and,
// apart from them, the newest ACCESS_LOG_TRIES_MAX tries; the answer's `more`
// and `more_outside_tries` say that older ones were left out.
export const ACCESS_LOG_MAX = 1000;
export const ACCESS_LOG_TRIES_MAX = 200;

// capAccessLog(items, max, triesMax): of a file's complete access log (items
// newest first, as in its export), the newest `max` events that are not from
// outside the circle and, apart from them, the newest `triesMax` that are,
// newest first: the rule of the access-log API, so that a flood of tries does
// not push the real reads off a page that shows only part of the log.
// Returns {rows, triesLeftOut, hasTries}: whether tries were left out, and
// whether there are any (then the rows are not simply the newest ones).
export function capAccessLog(items, max, triesMax) {
	const rows = [];
	let others = 0;
	let tries = 0;
	for (const x of items || []) {
		if (x.outside_circle === true ? ++tries <= triesMax : ++others <= max) rows.push(x);
	}
	return { rows, triesLeftOut: tries > triesMax, hasTries: tries > 0 };
}

// An event of a file's access log (docs/api-dossier.md) that is a refused try
// from outside the young person's circle: an account that has no business
// with this file tried to open it.
export function isOutsideTry(x) {
	return !!(x && x.outside_circle && x.outcome === 'denied');
}

// Who an access-log event is of, as far as the reader may know: the user's
// id, from the access-log API (user.id) or the file's copy (user_id); null
// when the server hid it (an outside try, for anyone but the privacy officer).
function accessWho(x) {
	const id = x && x.user ? x.user.id : x && x.user_id;
	return id == null ? null : id;
}

// The distinct values of f over rows, in the order first met: what a folded
// run of access-log events did, once each.
export function distinctOf(rows, f) {
	return [...new Set(rows.map(f))];
}

// foldOutsideTries(items) folds each run of consecutive refused tries from
// outside the circle (items newest first, as the server sends them) into one
// item: the newest try's fields, with tries (how many), from (the oldest
// try's at), to (the newest's) and rows (every try, newest first); every
// other event stays as it is. Someone trying a file 200 times is one line,
// not a screen of identical lines above the real visits. Only what the reader
// was sent decides a fold: tries whose user was hidden fold together (two
// people hidden alike are one run, and telling them apart is what was
// hidden); a named user's (the privacy officer's view) only with the same
// user's.
export function foldOutsideTries(items) {
	const out = [];
	for (const x of items || []) {
		const last = out[out.length - 1];
		if (!isOutsideTry(x)) out.push(x);
		else if (last && last.tries && accessWho(last) === accessWho(x)) {
			last.tries++;
			last.from = x.at;
			last.rows.push(x);
		} else out.push({ ...x, tries: 1, from: x.at, to: x.at, rows: [x] });
	}
	return out;
}
