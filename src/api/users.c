/* Accounts (admin): list, create with a one-time invitation, end, invite again. */
#include <string.h>

#include "api/api.h"
#include "api/accounts.h"
#include "api/input.h"
#include "api/login_device.h"
#include "auth/token.h"
#include "domain/account_rules.h"
#include "util/clock.h"
#include "util/text.h"

#define INVITATION_DAYS 7

void api_users_list(struct request *r)
{
	json_t *items = NULL;
	enum store_status s = store_user_list(r->conn, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", items));
}

static const char *check_role(const char *role)
{
	return role_from_name(role) ? NULL
	                            : "must be one of professional, teamlead, jim, youth, "
	                              "privacy_officer, researcher, admin";
}

#define MAX_TEAM_IDS 50

/* Validates "team_ids": an array of at most 50 positive ids, or absent. */
static json_t *input_team_ids(struct request *r)
{
	json_t *ids = json_object_get(r->input, "team_ids");
	size_t i;
	json_t *v;
	if (!ids || json_is_null(ids))
		return NULL;
	if (!json_is_array(ids) || json_array_size(ids) > MAX_TEAM_IDS) {
		http_validation_error(r, "team_ids", "must be a list of at most 50 team ids");
		return NULL;
	}
	json_array_foreach(ids, i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			http_validation_error(r, "team_ids", "must be a list of team ids");
			return NULL;
		}
	}
	return ids;
}

static bool listed_before(json_t *ids, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (json_integer_value(json_array_get(ids, j)) ==
		    json_integer_value(json_array_get(ids, i)))
			return true;
	return false;
}

/*
 * Answers 422 on "team_ids" unless the team exists and the new user, of
 * organisation `org_id` (else 0), may be put in it (store_team_fit()): as for
 * POST /teams/{id}/members.
 */
static bool team_of_organisation(struct request *r, int64_t team_id, int64_t org_id)
{
	enum team_fit fit;
	enum store_status s = store_team_fit(r->conn, team_id, org_id, &fit);
	if (s == STORE_NOT_FOUND) {
		http_validation_error(r, "team_ids", "no such team");
		return false;
	}
	if (s != STORE_OK) {
		http_store_error(r, s);
		return false;
	}
	if (fit == TEAM_PERSON_WITHOUT_ORGANISATION) {
		http_validation_error(r, "team_ids",
		                      "someone without an organisation cannot be put in a team");
		return false;
	}
	if (fit == TEAM_OF_ANOTHER_ORGANISATION) {
		http_validation_error(r, "team_ids", "this team belongs to another organisation");
		return false;
	}
	return true;
}

/*
 * Adds the new user (of organisation `org_id`, or 0) to each team once. A
 * repeated id is skipped rather than inserted twice: on PostgreSQL a failed
 * INSERT would abort the transaction.
 */
static bool add_to_teams(struct request *r, int64_t user_id, int64_t org_id, json_t *team_ids)
{
	size_t i;
	json_t *v;
	json_array_foreach(team_ids, i, v)
	{
		if (listed_before(team_ids, i))
			continue;
		/* answers 422 for a team that does not exist (teams are never removed) */
		if (!team_of_organisation(r, json_integer_value(v), org_id))
			return false;
		enum store_status s =
		    store_team_add_member(r->conn, json_integer_value(v), user_id);
		if (s != STORE_OK && s != STORE_CONFLICT) {
			http_store_error(r, s);
			return false;
		}
	}
	return true;
}

static bool check_organisation(struct request *r, int64_t org_id)
{
	json_t *org = NULL;
	if (!org_id)
		return true;
	enum store_status s = store_org_get(r->conn, org_id, &org);
	json_decref(org);
	if (s == STORE_NOT_FOUND)
		http_validation_error(r, "organisation_id", "no such organisation");
	else if (s != STORE_OK)
		http_store_error(r, s);
	return s == STORE_OK;
}

json_t *api_new_invitation(struct request *r, int64_t user_id)
{
	char token[TOKEN_CHARS + 1], hash[TOKEN_HASH_CHARS + 1], expires[21];
	int64_t expires_at = clock_now() + INVITATION_DAYS * 24 * 3600;
	token_new(token);
	token_hash(token, hash);
	enum store_status s = store_invitation_create(r->conn, hash, user_id, expires_at);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_CONFLICT ? STORE_ERROR : s);
		return NULL;
	}
	clock_format_iso(expires_at, expires);
	return json_pack("{s:s, s:s}", "token", token, "expires_at", expires);
}

bool api_create_invited_user(struct request *r, const char *username, const char *display_name,
                             const char *role, int64_t organisation_id, int64_t *user_id)
{
	struct store_user u = {.username = username,
	                       .display_name = display_name,
	                       .role = role,
	                       .organisation_id = organisation_id,
	                       .status = "invited"};
	enum store_status s = store_user_create(r->conn, &u, user_id);
	if (s == STORE_CONFLICT) {
		http_error(r, 409, "username_taken", "this username is taken", "username");
		return false;
	}
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_ERROR : s);
		return false;
	}
	return true;
}

json_t *api_invited_user_json(struct request *r, int64_t user_id)
{
	json_t *invitation = api_new_invitation(r, user_id);
	json_t *user = NULL;
	if (!invitation)
		return NULL;
	if (store_user_json(r->conn, user_id, &user) != STORE_OK) {
		json_decref(invitation);
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	json_object_set_new(user, "invitation", invitation);
	return user;
}

const struct input_field api_user_body[] = {
    {.name = "username",
     .type = INPUT_STRING,
     .required = true,
     .max = ACCOUNT_USERNAME_MAX,
     .description = ACCOUNT_USERNAME_TEXT},
    {.name = "display_name",
     .type = INPUT_STRING,
     .max = ACCOUNT_DISPLAY_NAME_MAX,
     .required = true,
     .description = "1 to 100 characters"},
    {.name = "role", .type = INPUT_ENUM, .required = true, .allowed = role_api_names},
    {.name = "organisation_id", .type = INPUT_ID},
    {.name = "team_ids", .type = INPUT_ARRAY, .description = "at most 50 team ids"},
    {0},
};

void api_users_create(struct request *r)
{
	int64_t org_id = 0, id;
	if (!input_need_body(r))
		return;
	struct input_errors e = {0};
	const char *username = input_string(r, "username", true, account_check_username);
	input_keep(r, &e);
	const char *display_name =
	    input_string(r, "display_name", true, account_check_display_name);
	input_keep(r, &e);
	const char *role = input_string(r, "role", true, check_role);
	input_keep(r, &e);
	input_id(r, "organisation_id", false, &org_id);
	input_keep(r, &e);
	json_t *team_ids = input_team_ids(r);
	if (json_array_size(team_ids) && role && !role_works_in_team(role_from_name(role)))
		/* as for POST /teams/{id}/members */
		http_validation_error(r, "team_ids",
		                      "only professionals and team leads work in a team");
	input_keep(r, &e);
	if (!input_answer_errors(r, &e) || !http_begin_write(r) || !check_organisation(r, org_id))
		return;
	if (!api_create_invited_user(r, username, display_name, role, org_id, &id))
		return;
	r->audit.object_id = api_id_text(r, id);
	if (team_ids && !add_to_teams(r, id, org_id, team_ids))
		return;
	json_t *user = api_invited_user_json(r, id);
	if (user)
		http_reply(r, 201, user);
}

bool api_path_account(struct request *r, int64_t *id, struct store_user *u)
{
	enum store_status s = STORE_NOT_FOUND;
	if (parse_id(http_param(r, 0), id))
		s = store_user_by_id(r->conn, &r->arena, *id, u);
	if (s == STORE_ERROR) {
		http_store_error(r, s);
		return false;
	}
	enum role role = s == STORE_OK ? role_from_name(u->role) : 0;
	if (s == STORE_NOT_FOUND || role == ROLE_YOUTH) {
		http_error(r, 404, "not_found", "no such user", NULL);
		r->refused = role == ROLE_YOUTH;
		return false;
	}
	r->audit.object_id = api_id_text(r, *id);
	return true;
}

/*
 * The user object as GET /api/v1/users lists it, with its teams
 * ("teams": [{"id","name"}], ordered by name). NULL answered (503).
 */
static json_t *user_with_teams(struct request *r, int64_t id)
{
	json_t *user = NULL, *teams = NULL;
	if (store_user_json(r->conn, id, &user) != STORE_OK ||
	    store_rows(r->conn, SQ_TEAMS_OF_USER, STORE_ARGS(SA_INT(id)), &teams) != STORE_OK) {
		json_decref(user);
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	json_object_set_new(user, "teams", teams);
	return user;
}

/* GET /api/v1/users/{id}: one account of the list, with its teams. */
void api_user_get(struct request *r)
{
	int64_t id;
	struct store_user u;
	if (!api_path_account(r, &id, &u))
		return;
	json_t *user = user_with_teams(r, id);
	if (user)
		http_reply(r, 200, user);
}

/*
 * The account in the path, for an admin's change to it. 404 as
 * api_path_account(); 409 managed_in_dossier for a JIM's, which ends and starts
 * with the JIM in the young person's dossier (and an invitation for it would
 * let the admin in as the JIM); 403 own_account for the caller's own (a new
 * invitation would renew it without its password and second factor). Each
 * of these is a refusal, audited as denied. False answered.
 */
static bool account_to_change(struct request *r, int64_t *id, struct store_user *u)
{
	if (!api_path_account(r, id, u))
		return false;
	if (role_from_name(u->role) == ROLE_JIM) {
		http_error(r, 409, "managed_in_dossier",
		           "a JIM's account is ended or renewed with the JIM in the dossier", NULL);
		r->refused = true;
		return false;
	}
	if (*id == r->caller.user_id) {
		http_error(r, 403, "own_account", "you cannot do this to your own account", NULL);
		r->refused = true;
		return false;
	}
	return true;
}

/*
 * Ends every way in of the account: sessions, open invitations, its calendar
 * link, and the browsers it logged in from (login_device.h). False on a
 * database error, answered.
 */
static bool close_ways_in(struct request *r, int64_t id)
{
	if (store_run(r->conn, SQ_USER_SESSIONS_END, STORE_ARGS(SA_INT(id)), NULL, NULL) !=
	        STORE_OK ||
	    store_run(r->conn, SQ_INVITATIONS_REVOKE, STORE_ARGS(SA_INT(id), SA_INT(clock_now())),
	              NULL, NULL) != STORE_OK ||
	    store_run(r->conn, SQ_FEED_DELETE, STORE_ARGS(SA_INT(id)), NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	return api_login_devices_forget(r, id);
}

/*
 * POST /api/v1/users/{id}/disable: someone leaves. The account can no longer
 * log in, and what it had open ends at once; its teams stay, so that a new
 * invitation (below) gives the same access back.
 */
void api_user_disable(struct request *r)
{
	int64_t id;
	struct store_user u;
	json_t *user = NULL;
	if (!http_begin_write(r) || !account_to_change(r, &id, &u))
		return;
	if (strcmp(u.status, "disabled") == 0) {
		http_error(r, 409, "already_disabled", "this account was already ended", NULL);
		return;
	}
	if (store_run(r->conn, SQ_USER_DISABLE, STORE_ARGS(SA_INT(id)), NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!close_ways_in(r, id))
		return;
	if (store_user_json(r->conn, id, &user) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 200, user);
}

void api_reinvite(struct request *r, int64_t user_id)
{
	if (store_run(r->conn, SQ_USER_REINVITE, STORE_ARGS(SA_INT(user_id)), NULL, NULL) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!close_ways_in(r, user_id))
		return;
	json_t *user = api_invited_user_json(r, user_id);
	if (user)
		http_reply(r, 201, user);
}

/* POST /api/v1/users/{id}/invitation: api_reinvite() for a staff account. */
void api_user_reinvite(struct request *r)
{
	int64_t id;
	struct store_user u;
	if (!http_begin_write(r) || !account_to_change(r, &id, &u))
		return;
	api_reinvite(r, id);
}

const struct input_field api_user_role_body[] = {
    {.name = "role",
     .type = INPUT_ENUM,
     .required = true,
     .allowed = role_api_names,
     .description = "professional, teamlead, privacy_officer, researcher or admin; a JIM's or "
                    "young person's account is made in the dossier (403)"},
    {0},
};

/* "3, 5": the ids of the teams, for the audit event's reason. */
static const char *team_id_list(struct request *r, json_t *teams)
{
	const char *out = "";
	size_t i;
	json_t *t;
	json_array_foreach(teams, i, t)
	{
		out = arena_printf(&r->arena, "%s%s%lld", out, i ? ", " : "",
		                   (long long)json_integer_value(json_object_get(t, "id")));
	}
	return out;
}

/* 403 not_staff, audited as denied: `field` is "role" when the new role is the reason. */
static void not_staff(struct request *r, const char *field)
{
	http_error(r, 403, "not_staff",
	           "a JIM's or young person's account is made and ended in the dossier", field);
	r->refused = true;
}

/*
 * PUT /api/v1/users/{id}/role: a staff member's work changes (a professional
 * becomes team lead, or moves to research). Only between the staff roles;
 * refused, 403 and audited as denied, for the caller's own account
 * (own_account: an admin does not take their own rights away, nor hand them
 * on by accident), for a JIM's account and to make someone a JIM or young
 * person (not_staff: those accounts belong to a dossier); a young person's
 * own account is 404 as everywhere on this screen. The target is refused
 * before the body is checked (the route is target_first), as for the other
 * account actions: a bad body to such an account is the same refusal. 409
 * same_role when it already has the role; 409 role_changed when another
 * change to its role came first (the update holds only while the role is
 * the one read).
 *
 * The change ends every session of the account and its calendar link, so
 * that no session outlives the permissions it was opened with; an open
 * invitation stays (the account starts in its new role). On a role without
 * teams the account leaves every team in the same transaction. 200: the
 * user as GET /users/{id} answers it, with "left_teams" [{"id","name"}].
 * The audit event names the old and the new role, and the teams left.
 */
void api_user_set_role(struct request *r)
{
	int64_t id, changed = 0;
	struct store_user u;
	json_t *left = NULL;
	if (!http_begin_write(r) || !api_path_account(r, &id, &u))
		return;
	enum role from = role_from_name(u.role);
	/* the body is not checked yet: it names the new role only when it is a role */
	const char *asked = json_string_value(json_object_get(r->input, "role"));
	r->audit.reason = role_from_name(asked)
	                      ? arena_printf(&r->arena, "role %s -> %s", u.role, asked)
	                      : arena_printf(&r->arena, "role %s", u.role);
	if (id == r->caller.user_id) {
		http_error(r, 403, "own_account", "you cannot change the role of your own account",
		           NULL);
		r->refused = true;
		return;
	}
	if (!role_is_staff(from)) {
		not_staff(r, NULL);
		return;
	}
	const char *to = input_check_body(r, api_user_role_body)
	                     ? input_enum(r, "role", true, role_api_names)
	                     : NULL;
	if (!to)
		return;
	enum role role = role_from_name(to);
	if (!role_is_staff(role)) {
		not_staff(r, "role");
		return;
	}
	if (from == role) {
		http_error(r, 409, "same_role", "this account already has this role", "role");
		return;
	}
	if (store_run(r->conn, SQ_USER_SET_ROLE,
	              STORE_ARGS(SA_INT(id), SA_TEXT(to), SA_TEXT(u.role)), NULL,
	              &changed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!changed) {
		http_error(r, 409, "role_changed",
		           "the role of this account was changed meanwhile: look again", NULL);
		return;
	}
	if (!role_works_in_team(role)) {
		if (store_rows(r->conn, SQ_TEAMS_OF_USER, STORE_ARGS(SA_INT(id)), &left) !=
		        STORE_OK ||
		    store_run(r->conn, SQ_USER_LEAVE_TEAMS, STORE_ARGS(SA_INT(id)), NULL, NULL) !=
		        STORE_OK) {
			json_decref(left);
			http_store_error(r, STORE_ERROR);
			return;
		}
		if (json_array_size(left))
			r->audit.reason = arena_printf(&r->arena, "%s; left teams %s",
			                               r->audit.reason, team_id_list(r, left));
	}
	if (store_run(r->conn, SQ_USER_SESSIONS_END, STORE_ARGS(SA_INT(id)), NULL, NULL) !=
	        STORE_OK ||
	    store_run(r->conn, SQ_FEED_DELETE, STORE_ARGS(SA_INT(id)), NULL, NULL) != STORE_OK) {
		json_decref(left);
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_t *user = user_with_teams(r, id);
	if (!user) {
		json_decref(left);
		return;
	}
	json_object_set_new(user, "left_teams", left ? left : json_array());
	http_reply(r, 200, user);
}
