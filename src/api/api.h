#ifndef KRING_API_H
#define KRING_API_H

/*
 * The handlers, one file per resource. Each is called by the dispatcher
 * after the routing table's access rule passed; each validates its input,
 * calls domain rules and the store, and answers with http_reply() or
 * http_error(). None of them decides access by role.
 */
#include "api/input.h"
#include "http/http.h"

/*
 * The declared bodies (api/input.h), named by the routing table, each next
 * to its handler. A route without one takes no body.
 */
extern const struct input_field api_session_body[];
extern const struct input_field api_session_reauth_body[];
extern const struct input_field api_my_password_body[];
extern const struct input_field api_organisation_body[];
extern const struct input_field api_team_body[];
extern const struct input_field api_team_member_body[];
extern const struct input_field api_user_body[];
extern const struct input_field api_user_role_body[];
extern const struct input_field api_invitation_accept_body[];
extern const struct input_field api_password_strength_body[];
extern const struct input_field api_youth_body[];
extern const struct input_field api_youth_patch_body[];
extern const struct input_field api_youth_account_body[];
extern const struct input_field api_network_body[];
extern const struct input_field api_break_glass_body[];
extern const struct input_field api_break_glass_review_body[];
extern const struct input_field api_rights_body[];
extern const struct input_field api_rights_close_body[];
extern const struct input_field api_youth_statement_body[];
extern const struct input_field api_nomination_body[];
extern const struct input_field api_assessment_body[];
extern const struct input_field api_agreement_body[];
extern const struct input_field api_activation_body[];
extern const struct input_field api_jim_end_body[];
extern const struct input_field api_consent_body[];
extern const struct input_field api_consent_withdraw_body[];
extern const struct input_field api_goal_body[];
extern const struct input_field api_goal_patch_body[];
extern const struct input_field api_goal_action_body[];
extern const struct input_field api_goal_action_patch_body[];
extern const struct input_field api_evaluation_body[];
extern const struct input_field api_goal_view_body[];
extern const struct input_field api_journal_body[];
extern const struct input_field api_activity_body[];
extern const struct input_field api_activity_patch_body[];
extern const struct input_field api_cost_body[];
extern const struct input_field api_statement_body[];
extern const struct input_field api_statement_approve_body[];
extern const struct input_field api_statement_reject_body[];
extern const struct input_field api_checkin_body[];
extern const struct input_field api_alert_acknowledge_body[];
extern const struct input_field api_settings_body[];
extern const struct input_field api_meeting_body[];
extern const struct input_field api_meeting_patch_body[];
/* The parts of a meeting that If-Match-Parts names, for openapi.json. */
extern const char api_meeting_parts_description[];
extern const struct input_field api_participant_body[];
extern const struct input_field api_meeting_attendance_body[];
extern const struct input_field api_decision_body[];
extern const struct input_field api_meeting_action_body[];
extern const struct input_field api_event_body[];
extern const struct input_field api_school_attendance_body[];
extern const struct input_field api_measurement_body[];
extern const struct input_field api_training_body[];
extern const struct input_field api_cost_settings_body[];

void api_healthz(struct request *r);
/* Rights of the young person (subject_rights.c). */
void api_rights_create(struct request *r);
void api_rights_list(struct request *r);
void api_rights_close(struct request *r);
void api_youth_export(struct request *r);
void api_youth_statement_create(struct request *r);
void api_youth_corrections(struct request *r);
/* The OpenAPI 3.1 description of every route (a new JSON object). */
json_t *openapi_document(void);
void api_openapi(struct request *r);
void api_readyz(struct request *r);
void api_session_create(struct request *r);
void api_session_reauth(struct request *r);
void api_session_delete(struct request *r);
void api_me(struct request *r);
void api_my_password(struct request *r);
void api_my_sessions_end_others(struct request *r);
void api_my_sessions_list(struct request *r);
void api_my_session_end(struct request *r);
void api_organisations_list(struct request *r);
void api_organisations_create(struct request *r);
void api_teams_list(struct request *r);
void api_teams_create(struct request *r);
void api_team_members_list(struct request *r);
void api_team_members_add(struct request *r);
void api_team_members_remove(struct request *r);
void api_users_list(struct request *r);
void api_users_create(struct request *r);
void api_user_get(struct request *r);
void api_user_set_role(struct request *r);
void api_user_disable(struct request *r);
void api_user_reinvite(struct request *r);
void api_youth_account_invitation(struct request *r);
void api_jim_invitation(struct request *r);
void api_invitation_get(struct request *r);
void api_invitation_accept(struct request *r);
void api_password_strength(struct request *r);
void api_audit_list(struct request *r);
void api_audit_csv(struct request *r);
void api_audit_refused(struct request *r);

/* The dossier (youths.c, network.c). */
void api_youths_create(struct request *r);
void api_youths_search(struct request *r);
void api_youth_get(struct request *r);
void api_youth_patch(struct request *r);
void api_youth_history(struct request *r);
void api_youth_summary(struct request *r);
void api_youth_account(struct request *r);
void api_network_list(struct request *r);
void api_network_add(struct request *r);
extern const struct input_field api_network_patch_body[];
extern const struct input_field api_network_remove_body[];
void api_network_patch(struct request *r);
void api_network_remove(struct request *r);
void api_network_changes(struct request *r);

/* Break the glass and the access log (break_glass.c, access_log.c). */
void api_break_glass_create(struct request *r);
void api_break_glass_list(struct request *r);
void api_break_glass_review(struct request *r);
void api_access_log(struct request *r);
void access_log_hide_outside_circle(json_t *row);

/* Finding the JIM (nominations.c, jims.c). */
void api_nominations_list(struct request *r);
void api_nominations_create(struct request *r);
void api_nomination_assess(struct request *r);
void api_nomination_confirm_decline(struct request *r);
void api_nomination_return_decline(struct request *r);
extern const struct input_field api_return_decline_body[];
void api_nominations_pending(struct request *r);
void api_nomination_agreement(struct request *r);
void api_nomination_activate(struct request *r);
void api_jim_end(struct request *r);

/* Consent (consents.c). */
void api_consents_list(struct request *r);
void api_consents_create(struct request *r);
void api_consent_withdraw(struct request *r);

/* Plan and journal (plan.c, journal.c). */
void api_plan_get(struct request *r);
void api_goals_create(struct request *r);
void api_goal_patch(struct request *r);
void api_goal_actions_create(struct request *r);
void api_goal_action_patch(struct request *r);
/* POST and DELETE /api/v1/goal-actions/{id}/done: an action of the plan is
 * done, or open again. */
void api_goal_action_done(struct request *r);
void api_goal_action_undone(struct request *r);
void api_evaluations_create(struct request *r);
void api_goal_views_create(struct request *r);
void api_journal_list(struct request *r);
void api_journal_create(struct request *r);

/* Supporting the JIM (activities.c, expenses.c, checkins.c, settings.c). */
void api_activities_create(struct request *r);
void api_activities_list(struct request *r);
void api_activity_patch(struct request *r);
void api_activity_delete(struct request *r);
void api_activities_totals(struct request *r);
void api_team_jim_totals(struct request *r);
void api_costs_create(struct request *r);
void api_costs_list(struct request *r);
void api_cost_delete(struct request *r);
void api_statements_create(struct request *r);
void api_statement_preview(struct request *r);
void api_statements_list(struct request *r);
void api_statement_get(struct request *r);
void api_statement_approve(struct request *r);
void api_statement_reject(struct request *r);
void api_expenses_csv(struct request *r);
void api_checkins_create(struct request *r);
void api_checkins_list(struct request *r);
void api_alerts_list(struct request *r);
void api_alert_acknowledge(struct request *r);
void api_settings_get(struct request *r);
void api_settings_put(struct request *r);

/* Meetings and the calendar (meetings.c, calendar.c). */
void api_meetings_create(struct request *r);
void api_meetings_list(struct request *r);
void api_meeting_get(struct request *r);
void api_meeting_patch(struct request *r);
void api_meeting_participants_add(struct request *r);
void api_youth_circle(struct request *r);
void api_meeting_attendance(struct request *r);
void api_meeting_decisions_add(struct request *r);
void api_meeting_actions_add(struct request *r);
void api_meeting_action_done(struct request *r);
void api_meeting_action_undone(struct request *r);
void api_my_actions(struct request *r);
void api_meeting_ics(struct request *r);
void api_calendar_feed_create(struct request *r);
void api_calendar_feed_delete(struct request *r);
void api_calendar_feed_get(struct request *r);

/* Outcomes (outcome_records.c, stats.c, research_export.c, trainings.c). */
void api_events_list(struct request *r);
void api_events_create(struct request *r);
void api_attendance_list(struct request *r);
void api_shared_outcomes_get(struct request *r);
void api_attendance_create(struct request *r);
void api_measurements_list(struct request *r);
void api_measurements_create(struct request *r);
void api_stats_outcomes(struct request *r);
void api_stats_outcomes_csv(struct request *r);
void api_research_export(struct request *r);
void api_trainings_list(struct request *r);
void api_trainings_create(struct request *r);
void api_cost_settings_get(struct request *r);
void api_cost_settings_put(struct request *r);

#endif
