#include "api/api.h"
#include "api/input.h"
#include "domain/account_rules.h"
#include "util/text.h"

void api_teams_list(struct request *r)
{
	json_t *items = NULL;
	enum store_status s = store_team_list(r->conn, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", items));
}

/* Answers 422 on `field` unless the organisation exists. */
static bool organisation_exists(struct request *r, int64_t id, const char *field)
{
	json_t *org = NULL;
	enum store_status s = store_org_get(r->conn, id, &org);
	json_decref(org);
	if (s == STORE_NOT_FOUND)
		http_validation_error(r, field, "no such organisation");
	else if (s != STORE_OK)
		http_store_error(r, s);
	return s == STORE_OK;
}

const struct input_field api_team_body[] = {
    {.name = "name",
     .type = INPUT_STRING,
     .max = ACCOUNT_NAME_MAX,
     .required = true,
     .description = "1 to 200 characters"},
    {.name = "organisation_id", .type = INPUT_ID, .required = true},
    {0},
};

void api_teams_create(struct request *r)
{
	int64_t org_id, id;
	json_t *team = NULL;
	if (!input_need_body(r))
		return;
	const char *name = input_string(r, "name", true, account_check_name);
	if (!name || !input_id(r, "organisation_id", true, &org_id))
		return;
	if (!http_begin_write(r) || !organisation_exists(r, org_id, "organisation_id"))
		return;
	enum store_status s = store_team_create(r->conn, org_id, name, &id);
	if (s == STORE_CONFLICT) {
		http_error(r, 409, "conflict", "this organisation has a team with this name",
		           "name");
		return;
	}
	if (s == STORE_OK)
		s = store_team_get(r->conn, id, &team);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_ERROR : s);
		return;
	}
	r->audit.object_id = arena_printf(&r->arena, "%lld", (long long)id);
	http_reply(r, 201, team);
}

/*
 * The team in the path, and its organisation when `org` is not NULL;
 * answers 404 when there is none.
 */
static bool path_team(struct request *r, int64_t *team_id, int64_t *org)
{
	json_t *team = NULL;
	if (!parse_id(http_param(r, 0), team_id)) {
		http_error(r, 404, "not_found", "no such team", NULL);
		return false;
	}
	enum store_status s = store_team_get(r->conn, *team_id, &team);
	if (org)
		*org = json_integer_value(json_object_get(team, "organisation_id"));
	json_decref(team);
	if (s == STORE_NOT_FOUND)
		http_error(r, 404, "not_found", "no such team", NULL);
	else if (s != STORE_OK)
		http_store_error(r, s);
	return s == STORE_OK;
}

void api_team_members_list(struct request *r)
{
	int64_t team_id;
	json_t *items = NULL;
	if (!path_team(r, &team_id, NULL))
		return;
	enum store_status s = store_team_members(r->conn, team_id, &items);
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", items));
}

const struct input_field api_team_member_body[] = {
    {.name = "user_id", .type = INPUT_ID, .required = true},
    {0},
};

/*
 * Only professionals and team leads work in a team, and only in a team of
 * their own organisation (`team_org`, account_team_fit(): someone without
 * an organisation works in none). A young person's own account is "no such user", as it is
 * missing from the list of users: its name would tell the admin who is in
 * care. The role is read held until the transaction ends, so a role change
 * at the same moment (PUT /users/{id}/role, which leaves every team for a
 * role without one) either comes after this membership and takes it away,
 * or before and is seen here; neither a user's nor a team's organisation
 * changes. False answered (422 or 503).
 */
static bool team_worker(struct request *r, int64_t user_id, int64_t team_org)
{
	json_t *row = NULL;
	enum store_status s =
	    store_row(r->conn, SQ_USER_ROLE_HELD, STORE_ARGS(SA_INT(user_id)), &row);
	if (s != STORE_OK && s != STORE_NOT_FOUND) {
		http_store_error(r, s);
		return false;
	}
	enum role role =
	    s == STORE_OK ? role_from_name(json_string_value(json_object_get(row, "role"))) : 0;
	int64_t org = json_integer_value(json_object_get(row, "organisation_id"));
	json_decref(row);
	if (s == STORE_NOT_FOUND || role == ROLE_YOUTH) {
		http_validation_error(r, "user_id", "no such user");
		return false;
	}
	if (!role_works_in_team(role)) {
		http_validation_error(r, "user_id",
		                      "only professionals and team leads work in a team");
		return false;
	}
	enum team_fit fit = account_team_fit(org, team_org);
	if (fit == TEAM_PERSON_WITHOUT_ORGANISATION) {
		http_validation_error(r, "user_id",
		                      "someone without an organisation cannot be put in a team");
		return false;
	}
	if (fit == TEAM_OF_ANOTHER_ORGANISATION) {
		http_validation_error(r, "user_id", "this person belongs to another organisation");
		return false;
	}
	return true;
}

void api_team_members_add(struct request *r)
{
	int64_t team_id, user_id, team_org;
	if (!input_need_body(r) || !input_id(r, "user_id", true, &user_id))
		return;
	if (!http_begin_write(r) || !path_team(r, &team_id, &team_org) ||
	    !team_worker(r, user_id, team_org))
		return;
	r->audit.reason = arena_printf(&r->arena, "user %lld added", (long long)user_id);
	enum store_status s = store_team_add_member(r->conn, team_id, user_id);
	if (s == STORE_NOT_FOUND) {
		http_validation_error(r, "user_id", "no such user");
		return;
	}
	if (s == STORE_CONFLICT) {
		http_error(r, 409, "conflict", "this user is already in the team", "user_id");
		return;
	}
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 201,
	           json_pack("{s:I, s:I}", "team_id", (json_int_t)team_id, "user_id",
	                     (json_int_t)user_id));
}

/*
 * DELETE /api/v1/teams/{id}/members/{user_id}: someone stops working in the
 * team, and with that sees its young people no more (access follows team
 * membership on every request). 404 when they were not in it.
 */
void api_team_members_remove(struct request *r)
{
	int64_t team_id, user_id, removed = 0;
	if (!http_begin_write(r) || !path_team(r, &team_id, NULL))
		return;
	if (!parse_id(http_param(r, 1), &user_id)) {
		http_error(r, 404, "not_found", "this user is not in the team", NULL);
		return;
	}
	r->audit.reason = arena_printf(&r->arena, "user %lld taken out", (long long)user_id);
	if (store_run(r->conn, SQ_TEAM_REMOVE_MEMBER, STORE_ARGS(SA_INT(team_id), SA_INT(user_id)),
	              NULL, &removed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!removed) {
		http_error(r, 404, "not_found", "this user is not in the team", NULL);
		return;
	}
	http_reply(r, 204, NULL);
}
