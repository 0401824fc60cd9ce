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
