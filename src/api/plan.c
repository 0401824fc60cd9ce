/* The shared plan: goals with actions, evaluations with scores, and views. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/person_rules.h"
#include "http/etag.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define EVALUATION_MONTHS 2

static const char *const goal_authors[] = {"youth", "parent", "jim", "professional", NULL};

#define TITLE_CHARS 200 /* characters: also the declared .max of its fields */

static const char *check_title(const char *s)
{
	return person_check_text(s, TITLE_CHARS);
}

#define LONG_TEXT_CHARS 2000 /* characters: also the declared .max of its fields */

static const char *check_long_text(const char *s)
{
	return person_check_text(s, LONG_TEXT_CHARS);
}

#define SHORT_TEXT_CHARS 100 /* characters: also the declared .max of its fields */

static const char *check_short_text(const char *s)
{
	return person_check_text(s, SHORT_TEXT_CHARS);
}

#define ACTION_CHARS 500 /* characters: also the declared .max of its fields */

static const char *check_action(const char *s)
{
	return person_check_text(s, ACTION_CHARS);
}

/* Moves each row of `rows` into the array `key` of the goal it names. */
static void group_into_goals(json_t *goals, json_t *rows, const char *key)
{
	size_t i, j;
	json_t *g, *row;
	json_array_foreach(goals, i, g)
	{
		json_int_t id = json_integer_value(json_object_get(g, "id"));
		json_t *list = json_array();
		json_array_foreach(rows, j, row)
		{
			if (json_integer_value(json_object_get(row, "goal_id")) != id)
				continue;
			json_t *copy = json_copy(row);
			json_object_del(copy, "goal_id");
			json_array_append_new(list, copy);
		}
		json_object_set_new(g, key, list);
	}
}

/* Scores grouped by evaluation, and each goal's latest score. */
static void attach_scores(json_t *goals, json_t *evaluations, json_t *scores)
{
	size_t i, j;
	json_t *e, *s, *g;
	json_array_foreach(evaluations, i, e)
	{
		json_int_t id = json_integer_value(json_object_get(e, "id"));
		json_t *list = json_array();
		json_t *participants =
		    json_loads(json_string_value(json_object_get(e, "participants")), 0, NULL);
		json_object_set_new(e, "participants", participants ? participants : json_array());
		json_array_foreach(scores, j, s)
		{
			if (json_integer_value(json_object_get(s, "evaluation_id")) != id)
				continue;
			json_array_append_new(list,
			                      json_pack("{s:O, s:O, s:O}", "goal_id",
			                                json_object_get(s, "goal_id"), "score",
			                                json_object_get(s, "score"), "comment",
			                                json_object_get(s, "comment")));
		}
		json_object_set_new(e, "scores", list);
	}
	json_array_foreach(goals, i, g)
	{
		json_t *latest = json_null();
		json_int_t id = json_integer_value(json_object_get(g, "id"));
		json_array_foreach(scores, j, s) /* ordered by evaluation date */
		    if (json_integer_value(json_object_get(s, "goal_id")) == id) latest =
		        json_object_get(s, "score");
		json_object_set(g, "latest_score", latest);
	}
}

static json_t *next_due(struct request *r, json_t *evaluations)
{
	struct date base;
	json_t *last = json_array_get(evaluations, json_array_size(evaluations) - 1);
	const char *from = last ? json_string_value(json_object_get(last, "held_on")) : NULL;
	json_t *y = NULL;
	if (!from) {
		if (store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &y) !=
		    STORE_OK)
			return NULL;
		from = arena_strdup(&r->arena, json_string_value(json_object_get(y, "started_on")));
		json_decref(y);
	}
	if (!date_parse(from, &base))
		return NULL;
	return json_string(dossier_date_text(r, date_add_months(base, EVALUATION_MONTHS)));
}

/*
 * The entity tag of a goal (http/etag.h), from the fields a PATCH can
 * change: the same for a row of SQ_GOAL_LIST and of SQ_GOAL_GET, so that the
 * tag the plan shows is the one the goal's PATCH checks If-Match against.
 */
static void goal_etag(json_t *goal, char out[ETAG_TEXT_SIZE])
{
	static const char *const fields[] = {"title",  "description", "agreed_on",
	                                     "status", "ended_on",    NULL};
	etag_of_fields("goal", goal, fields, out);
}

/*
 * The entity tag of an action (http/etag.h), from the fields its PATCH can
 * change: the same for a row of SQ_ACTION_LIST and of SQ_ACTION_GET, so that
 * the tag the plan shows is the one the action's PATCH checks If-Match
 * against.
 */
static void action_etag(json_t *action, char out[ETAG_TEXT_SIZE])
{
	static const char *const fields[] = {"description", "owner", "owner_kind", "due_date",
	                                     NULL};
	etag_of_fields("goal_action", action, fields, out);
}

/* Each goal of the plan with its "etag", to send as If-Match when changing it. */
static void tag_goals(json_t *goals)
{
	size_t i;
	json_t *g;
	char tag[ETAG_TEXT_SIZE];
	json_array_foreach(goals, i, g)
	{
		goal_etag(g, tag);
		json_object_set_new(g, "etag", json_string(tag));
	}
}

void api_plan_get(struct request *r)
{
	json_t *goals = NULL, *actions = NULL, *views = NULL, *evals = NULL, *scores = NULL;
	int64_t y = r->access.youth_id;
	enum store_status s = store_rows(r->conn, SQ_GOAL_LIST, STORE_ARGS(SA_INT(y)), &goals);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_ACTION_LIST, STORE_ARGS(SA_INT(y)), &actions);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_VIEW_LIST, STORE_ARGS(SA_INT(y)), &views);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_EVALUATION_LIST, STORE_ARGS(SA_INT(y)), &evals);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_SCORE_LIST, STORE_ARGS(SA_INT(y)), &scores);
	json_t *due = s == STORE_OK ? next_due(r, evals) : NULL;
	if (s == STORE_OK && due) {
		size_t i;
		json_t *a;
		char tag[ETAG_TEXT_SIZE];
		json_array_foreach(actions, i, a)
		{
			action_etag(a, tag);
			json_object_set_new(a, "etag", json_string(tag));
			api_nest_person(a, "done_by", "done_by_name");
		}
		group_into_goals(goals, actions, "actions");
		group_into_goals(goals, views, "views");
		attach_scores(goals, evals, scores);
		tag_goals(goals);
		http_reply(r, 200,
		           json_pack("{s:O, s:O, s:o}", "goals", goals, "evaluations", evals,
		                     "next_evaluation_due", due));
	} else {
		http_store_error(r, STORE_ERROR);
	}
	json_decref(goals);
	json_decref(actions);
	json_decref(views);
	json_decref(evals);
	json_decref(scores);
}

const struct input_field api_goal_body[] = {
    {.name = "title",
     .type = INPUT_STRING,
     .max = TITLE_CHARS,
     .required = true,
     .description = "at most 200 characters"},
    {.name = "description",
     .type = INPUT_STRING,
     .max = LONG_TEXT_CHARS,
     .description = "at most 2000 characters"},
    {.name = "author_kind", .type = INPUT_ENUM, .required = true, .allowed = goal_authors},
    {.name = "agreed_on",
     .type = INPUT_DATE,
     .description =
         "the day the goal was agreed; " DOSSIER_PAST_DATE_TEXT ", and within the trajectory"},
    {0},
};

void api_goals_create(struct request *r)
{
	int64_t id;
	char at[25];
	struct date agreed;
	json_t *goal = NULL;
	if (!input_need_body(r))
		return;
	struct input_errors e = {0};
	const char *title = input_string(r, "title", true, check_title);
	input_keep(r, &e);
	const char *description = input_string(r, "description", false, check_long_text);
	input_keep(r, &e);
	const char *author = input_enum(r, "author_kind", true, goal_authors);
	input_keep(r, &e);
	if (dossier_input_past_date(r, "agreed_on", &agreed) && http_begin_write(r))
		dossier_in_trajectory(r, "agreed_on", agreed);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_GOAL_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(title), SA_TEXT(description),
	                         SA_TEXT(author), SA_ID(r->caller.user_id), SA_TEXT(at),
	                         SA_TEXT(dossier_date_text(r, agreed))),
	              &id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_GOAL_GET, STORE_ARGS(SA_INT(id)), &goal);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201, goal);
}

static const char *const goal_statuses[] = {"active", "reached", "stopped", NULL};

const struct input_field api_goal_patch_body[] = {
    {.name = "title",
     .type = INPUT_STRING,
     .not_null = true,
     .max = TITLE_CHARS,
     .description = "at most 200 characters"},
    {.name = "description",
     .type = INPUT_STRING,
     .max = LONG_TEXT_CHARS,
     .description = "at most 2000 characters; null clears it"},
    {.name = "agreed_on",
     .type = INPUT_DATE,
     .not_null = true,
     .description = DOSSIER_PAST_DATE_TEXT ", within the trajectory, not after the first "
                                           "evaluation that scored the goal"},
    {.name = "status", .type = INPUT_ENUM, .not_null = true, .allowed = goal_statuses},
    {.name = "ended_on",
     .type = INPUT_DATE,
     .description = "the day a goal was reached or stopped (absent: today); not before it was "
                    "agreed nor before the last evaluation that scored it"},
    {0},
};

/* The goal's new state, read from the body over its current row. */
struct goal_change {
	const char *title, *description, *status;
	struct date agreed, ended;
	bool has_ended;
};

/*
 * The dates of a goal against each other and against the evaluations that
 * scored it: agreed on or before the first, ended on or after the last, and
 * both within the trajectory. Only the dates read (agreed_ok; has_ended and
 * ended_ok) are checked; each refusal (422 on the date at fault, once per
 * date) or store error is kept on `e`.
 */
static void goal_dates_fit(struct request *r, int64_t id, const struct goal_change *g,
                           bool agreed_ok, bool ended_ok, struct input_errors *e)
{
	json_t *scored = NULL, *youth = NULL;
	ended_ok = ended_ok && g->has_ended;
	if ((agreed_ok || ended_ok) &&
	    store_row(r->conn, SQ_YOUTH_GET, STORE_ARGS(SA_INT(r->access.youth_id)), &youth) !=
	        STORE_OK) {
		json_decref(youth);
		http_store_error(r, STORE_ERROR);
		input_keep(r, e);
		return;
	}
	agreed_ok = agreed_ok && dossier_date_in_trajectory(r, youth, "agreed_on", g->agreed);
	input_keep(r, e);
	ended_ok = ended_ok && dossier_date_in_trajectory(r, youth, "ended_on", g->ended);
	json_decref(youth);
	if (ended_ok && agreed_ok && date_compare(g->ended, g->agreed) < 0) {
		http_validation_error(r, "ended_on",
		                      "must not be before the day the goal was agreed");
		ended_ok = false;
	}
	input_keep(r, e);
	if (!agreed_ok && !ended_ok)
		return;
	if (store_row(r->conn, SQ_GOAL_SCORED, STORE_ARGS(SA_INT(id)), &scored) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		input_keep(r, e);
		return;
	}
	const char *first = json_string_value(json_object_get(scored, "first"));
	const char *last = json_string_value(json_object_get(scored, "last"));
	if (agreed_ok && first && strcmp(dossier_date_text(r, g->agreed), first) > 0)
		http_validation_error(r, "agreed_on",
		                      arena_printf(&r->arena,
		                                   "an evaluation of %s scored this goal: it was "
		                                   "agreed on or before that day",
		                                   first));
	input_keep(r, e);
	if (ended_ok && last && strcmp(dossier_date_text(r, g->ended), last) < 0)
		http_validation_error(
		    r, "ended_on",
		    arena_printf(&r->arena,
		                 "an evaluation of %s scored this goal: it ended on "
		                 "or after that day",
		                 last));
	input_keep(r, e);
	json_decref(scored);
}

/*
 * Reads the body over `cur` (the row of SQ_GOAL_GET of goal `id`) into `g`
 * and checks it, dates included (goal_dates_fit()). False answered: one 422
 * that lists every field refused (input_keep()), or a store error.
 */
static bool read_goal_change(struct request *r, int64_t id, json_t *cur, struct goal_change *g)
{
	struct input_errors e = {0};
	g->title = input_given(r, "title") ? input_string(r, "title", true, check_title)
	                                   : json_string_value(json_object_get(cur, "title"));
	input_keep(r, &e);
	g->description = input_has(r, "description")
	                     ? input_string(r, "description", false, check_long_text)
	                     : json_string_value(json_object_get(cur, "description"));
	input_keep(r, &e);
	bool agreed_ok;
	if (input_given(r, "agreed_on"))
		agreed_ok = dossier_input_past_date(r, "agreed_on", &g->agreed);
	else if (!(agreed_ok = date_parse(json_string_value(json_object_get(cur, "agreed_on")),
	                                  &g->agreed)))
		http_store_error(r, STORE_ERROR);
	input_keep(r, &e);
	g->status = input_given(r, "status") ? input_enum(r, "status", true, goal_statuses)
	                                     : json_string_value(json_object_get(cur, "status"));
	input_keep(r, &e);
	/* the end date is read for a goal that ends; a status refused leaves it
	 * unknown whether it does, and a day sent is then checked on its own */
	bool active = g->status && strcmp(g->status, "active") == 0;
	const char *was = json_string_value(json_object_get(cur, "ended_on"));
	bool ended_ok = false;
	g->has_ended = g->status && !active;
	if (active && input_given(r, "ended_on"))
		http_validation_error(r, "ended_on", "an active goal has no end date");
	else if (!g->has_ended && input_given(r, "ended_on"))
		dossier_input_past_date(r, "ended_on", &g->ended);
	else if (g->has_ended && (input_given(r, "ended_on") || !was))
		ended_ok = dossier_input_past_date(r, "ended_on", &g->ended);
	else if (g->has_ended && !(ended_ok = date_parse(was, &g->ended)))
		http_store_error(r, STORE_ERROR);
	input_keep(r, &e);
	goal_dates_fit(r, id, g, agreed_ok, ended_ok, &e);
	return input_answer_errors(r, &e);
}

/*
 * PATCH /api/v1/goals/{id}: the wording, the day it was agreed, and whether
 * it is still worked on: reached or stopped on a day (today when absent), or
 * taken up again (active, which clears that day). 200 with the goal.
 */
void api_goal_patch(struct request *r)
{
	int64_t id;
	struct goal_change g;
	json_t *cur = NULL, *goal = NULL;
	if (!input_need_body(r))
		return;
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "no such goal", NULL);
		return;
	}
	const char *if_match;
	char tag[ETAG_TEXT_SIZE];
	/* the goal is taken first: If-Match holds for it until the commit */
	if (!http_if_match(r, &if_match) || !http_begin_write_taking(r, SQ_GOAL_LOCK, id, NULL))
		return;
	if (store_row(r->conn, SQ_GOAL_GET, STORE_ARGS(SA_INT(id)), &cur) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	goal_etag(cur, tag);
	if (http_if_match_holds(r, if_match, tag) && read_goal_change(r, id, cur, &g)) {
		enum store_status s = store_run(
		    r->conn, SQ_GOAL_UPDATE,
		    STORE_ARGS(SA_INT(id), SA_TEXT(g.title), SA_TEXT(g.description),
		               SA_TEXT(dossier_date_text(r, g.agreed)), SA_TEXT(g.status),
		               SA_TEXT(g.has_ended ? dossier_date_text(r, g.ended) : NULL)),
		    NULL, NULL);
		if (s == STORE_OK)
			s = store_row(r->conn, SQ_GOAL_GET, STORE_ARGS(SA_INT(id)), &goal);
		if (s == STORE_OK) {
			goal_etag(goal, tag);
			http_reply(r, 200, goal);
			http_set_etag(r, tag);
		} else
			http_store_error(r, STORE_ERROR);
	}
	json_decref(cur);
}

static const char *const action_owner_kinds[] = {"youth", "jim", NULL};

const struct input_field api_goal_action_body[] = {
    {.name = "description",
     .type = INPUT_STRING,
     .max = ACTION_CHARS,
     .required = true,
     .description = "at most 500 characters"},
    {.name = "owner",
     .type = INPUT_STRING,
     .max = SHORT_TEXT_CHARS,
     .description = "who does it, at most 100 characters; required unless owner_kind names "
                    "the young person or the JIM (absent: answered as \"\", the plan says "
                    "whose it is)"},
    {.name = "due_date", .type = INPUT_DATE},
    {.name = "owner_kind",
     .type = INPUT_ENUM,
     .allowed = action_owner_kinds,
     .description = "whose action it is: the young person's or the JIM's, who may then mark it "
                    "done themselves; null or absent: someone else's (owner names them)"},
    {0},
};

/* An action is added to (or corrected in) a goal that is still worked on:
 * 409 goal_ended for one reached or stopped, `message` saying so. False
 * answered. */
static bool goal_worked_on_now(struct request *r, int64_t goal_id, const char *message)
{
	json_t *goal = NULL;
	if (store_row(r->conn, SQ_GOAL_GET, STORE_ARGS(SA_INT(goal_id)), &goal) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	const char *status = json_string_value(json_object_get(goal, "status"));
	bool active = !status || strcmp(status, "active") == 0;
	json_decref(goal);
	if (!active)
		http_error(r, 409, "goal_ended", message, NULL);
	return active;
}

/* The action `id` as the API answers it: who marked it done as a person, and
 * its tag as the ETag header. */
static void reply_action(struct request *r, int status, int64_t id)
{
	json_t *action = NULL;
	char tag[ETAG_TEXT_SIZE];
	if (store_row(r->conn, SQ_ACTION_GET, STORE_ARGS(SA_INT(id)), &action) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	action_etag(action, tag);
	api_nest_person(action, "done_by", "done_by_name");
	http_reply(r, status, action);
	http_set_etag(r, tag);
}

void api_goal_actions_create(struct request *r)
{
	int64_t goal_id, id;
	struct date due;
	char at[25];
	if (!input_need_body(r))
		return;
	struct input_errors e = {0};
	const char *description = input_string(r, "description", true, check_action);
	input_keep(r, &e);
	const char *owner_kind = input_enum(r, "owner_kind", false, action_owner_kinds);
	bool kind_ok = !r->status;
	input_keep(r, &e);
	/* the young person's or the JIM's action needs no name: whose it is says it */
	const char *owner = input_string(r, "owner", kind_ok && !owner_kind, check_short_text);
	input_keep(r, &e);
	bool has_due = input_date(r, "due_date", false, &due);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e) || !parse_id(http_param(r, 0), &goal_id) ||
	    !http_begin_write(r) ||
	    !goal_worked_on_now(
	        r, goal_id, "this goal was reached or stopped; take it up again to add an action"))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_ACTION_INSERT,
	              STORE_ARGS(SA_INT(goal_id), SA_TEXT(description), SA_TEXT(owner ? owner : ""),
	                         SA_TEXT(has_due ? dossier_date_text(r, due) : NULL),
	                         SA_ID(r->caller.user_id), SA_TEXT(at), SA_TEXT(owner_kind)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	reply_action(r, 201, id);
}

const struct input_field api_goal_action_patch_body[] = {
    {.name = "description",
     .type = INPUT_STRING,
     .not_null = true,
     .max = ACTION_CHARS,
     .description = "at most 500 characters"},
    {.name = "owner",
     .type = INPUT_STRING,
     .max = SHORT_TEXT_CHARS,
     .description = "who does it, at most 100 characters; null clears it, which only an action "
                    "of the young person or the JIM may be without (owner_kind)"},
    {.name = "due_date", .type = INPUT_DATE, .description = "null clears it"},
    {.name = "owner_kind",
     .type = INPUT_ENUM,
     .allowed = action_owner_kinds,
     .description = "whose action it is: the young person's or the JIM's; null: someone "
                    "else's, and then owner must name them"},
    {0},
};

/* The action's new state, read from the body over its current row. */
struct action_change {
	const char *description, *owner, *owner_kind, *due_date;
};

/*
 * Reads the fields of the body into `a` and which were sent (null too) into
 * `sent`, in the order description, owner, owner_kind, due_date: at least
 * one, each in its form; null clears owner, owner_kind and due_date, never
 * description. Whether the resulting row holds is the caller's. False
 * answered (422).
 */
static bool read_action_change(struct request *r, struct action_change *a, bool sent[4])
{
	static const char *const names[] = {"description", "owner", "owner_kind", "due_date"};
	struct date due;
	bool any = false;
	for (int i = 0; i < 4; i++)
		any = (sent[i] = input_has(r, names[i])) || any;
	if (!any) {
		http_error(r, 422, "validation_failed",
		           "send at least one of description, owner, owner_kind and due_date",
		           NULL);
		return false;
	}
	struct input_errors e = {0};
	a->description = sent[0] ? input_string(r, "description", true, check_action) : NULL;
	input_keep(r, &e);
	a->owner = sent[1] ? input_string(r, "owner", false, check_short_text) : NULL;
	input_keep(r, &e);
	a->owner_kind = sent[2] ? input_enum(r, "owner_kind", false, action_owner_kinds) : NULL;
	input_keep(r, &e);
	a->due_date =
	    sent[3] && input_date(r, "due_date", false, &due) ? dossier_date_text(r, due) : NULL;
	input_keep(r, &e);
	return input_answer_errors(r, &e);
}

/*
 * PATCH /api/v1/goal-actions/{id}: the team corrects an action of the plan
 * (its wording, who does it, whose it is, the day it is due), the rules of
 * adding one holding for the row that results: an owner named unless it is
 * the young person's or the JIM's. At least one field, and not only the
 * current values (422). An action of a goal reached or stopped is not
 * corrected, as none is added to it (409 goal_ended). With If-Match (the
 * action's etag in the plan), 412 edit_conflict when it changed since; the
 * answer's ETag is the new tag. Done or not stays as it was.
 */
void api_goal_action_patch(struct request *r)
{
	int64_t id;
	bool sent[4];
	struct action_change a;
	json_t *cur = NULL;
	if (!input_need_body(r) || !read_action_change(r, &a, sent))
		return;
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return;
	}
	const char *if_match;
	char tag[ETAG_TEXT_SIZE];
	/* the action is taken first: If-Match holds for it until the commit */
	if (!http_if_match(r, &if_match) || !http_begin_write_taking(r, SQ_ACTION_LOCK, id, NULL))
		return;
	if (store_row(r->conn, SQ_ACTION_GET, STORE_ARGS(SA_INT(id)), &cur) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	action_etag(cur, tag);
	const char *was[4];
	static const char *const names[] = {"description", "owner", "owner_kind", "due_date"};
	for (int i = 0; i < 4; i++) {
		const char *v = json_string_value(json_object_get(cur, names[i]));
		was[i] = v ? arena_strdup(&r->arena, v) : NULL;
	}
	int64_t goal_id = json_integer_value(json_object_get(cur, "goal_id"));
	json_decref(cur);
	if (!http_if_match_holds(r, if_match, tag) ||
	    !goal_worked_on_now(
	        r, goal_id,
	        "this goal was reached or stopped; take it up again to change an action"))
		return;
	const char *now[4] = {sent[0] ? a.description : was[0], sent[1] ? a.owner : was[1],
	                      sent[2] ? a.owner_kind : was[2], sent[3] ? a.due_date : was[3]};
	if (!now[1])
		now[1] = "";
	if (!now[2] && !*now[1]) {
		http_validation_error(
		    r, "owner",
		    "name who does it, or make it the young person's or the JIM's "
		    "(owner_kind)");
		return;
	}
	bool changed = false;
	for (int i = 0; i < 4; i++)
		changed = changed || !text_same(was[i] ? was[i] : (i == 1 ? "" : NULL), now[i]);
	if (!changed) {
		http_error(r, 422, "validation_failed",
		           "nothing changed: the values sent are the current ones", NULL);
		return;
	}
	if (store_run(r->conn, SQ_ACTION_UPDATE,
	              STORE_ARGS(SA_INT(id), SA_TEXT(now[0]), SA_TEXT(now[1]), SA_TEXT(now[2]),
	                         SA_TEXT(now[3])),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	reply_action(r, 200, id);
}

/*
 * Whether the caller may tick off (or open again) the action `id`: the team
 * (or an emergency access) any action; the young person only one that is
 * theirs (owner_kind 'youth'), their JIM only one that is the JIM's ('jim').
 * The router has already admitted the caller to the young person's plan
 * (for the JIM: with consent to share it). Any other action is 403
 * forbidden, a refusal audited as denied; the action stays as it was.
 * False answered.
 */
static bool may_tick_off(struct request *r, int64_t id)
{
	const char *need = r->access.basis == REL_SELF  ? "youth"
	                   : r->access.basis == REL_JIM ? "jim"
	                                                : NULL;
	json_t *action = NULL;
	if (!need)
		return true;
	if (store_row(r->conn, SQ_ACTION_GET, STORE_ARGS(SA_INT(id)), &action) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	const char *kind = json_string_value(json_object_get(action, "owner_kind"));
	bool ok = kind && strcmp(kind, need) == 0;
	json_decref(action);
	if (!ok)
		http_error(r, 403, "forbidden",
		           r->access.basis == REL_SELF
		               ? "you can mark done only the actions that are yours"
		               : "you can mark done only the actions that are the JIM's",
		           NULL);
	return ok;
}

/*
 * Marks the action of the path done (done = true: now, by the caller) or
 * open again (done = false: both cleared), and answers 200 with the action
 * (done_at, done_by as {id, display_name}); 409 conflict when it already is
 * so, and nothing changes. The router has found the young person through the
 * action and admitted their team (or an emergency access), the young person
 * and their JIM: an unknown action, or one of another young person, is 404
 * before this runs; may_tick_off() decides which actions the young person
 * and the JIM may change. The goal's state does not matter: an action of a
 * reached goal may still be ticked off.
 */
static void goal_action_set_done(struct request *r, bool done)
{
	int64_t id, changed = 0;
	char at[25];
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return;
	}
	if (!http_begin_write(r) || !may_tick_off(r, id))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    done ? store_run(r->conn, SQ_ACTION_DONE,
	                     STORE_ARGS(SA_INT(id), SA_TEXT(at), SA_ID(r->caller.user_id)), NULL,
	                     &changed)
	         : store_run(r->conn, SQ_ACTION_UNDONE, STORE_ARGS(SA_INT(id)), NULL, &changed);
	if (s != STORE_OK)
		http_store_error(r, STORE_ERROR);
	else if (!changed)
		http_error(r, 409, "conflict",
		           done ? "this action is already done" : "this action is not done", NULL);
	else
		reply_action(r, 200, id);
}

void api_goal_action_done(struct request *r)
{
	goal_action_set_done(r, true);
}

/* DELETE .../done: the action is open again (done by mistake, or not after all). */
void api_goal_action_undone(struct request *r)
{
	goal_action_set_done(r, false);
}

#define PARTICIPANTS_MAX 20

/*
 * Validates "participants": a list of 1 to PARTICIPANTS_MAX names, each a
 * short text (at most SHORT_TEXT_CHARS characters). A wrong list is 422 on
 * "participants"; a wrong name 422 on "participants[i]", i its place in the
 * list counted from 0, with the rule it breaks. Returns the list as a JSON
 * text for storage, or NULL answered.
 */
static const char *input_participants(struct request *r)
{
	json_t *list = json_object_get(r->input, "participants"), *v;
	size_t i;
	if (!json_is_array(list)) {
		http_validation_error(
		    r, "participants",
		    arena_printf(&r->arena, "must be a list of 1 to %d names", PARTICIPANTS_MAX));
		return NULL;
	}
	if (json_array_size(list) < 1 || json_array_size(list) > PARTICIPANTS_MAX) {
		http_validation_error(r, "participants",
		                      arena_printf(&r->arena, "has %zu names: give 1 to %d names",
		                                   json_array_size(list), PARTICIPANTS_MAX));
		return NULL;
	}
	json_array_foreach(list, i, v)
	{
		const char *why = !json_is_string(v) ? "must be a text"
		                  : strlen(json_string_value(v)) != json_string_length(v)
		                      ? "must not contain control characters"
		                      : check_short_text(json_string_value(v));
		if (why) {
			http_validation_error(r, arena_printf(&r->arena, "participants[%zu]", i),
			                      arena_printf(&r->arena,
			                                   "%s: a name is 1 to %d characters", why,
			                                   SHORT_TEXT_CHARS));
			return NULL;
		}
	}
	char *text = json_dumps(list, JSON_COMPACT);
	const char *out = arena_strdup(&r->arena, text ? text : "[]");
	free(text);
	return out;
}

/*
 * Whether goal `g` (a row of SQ_GOAL_LIST), named by the i-th score, was
 * worked on at `held` (YYYY-MM-DD), the day of the evaluation: agreed on or
 * before it and not ended before it. Otherwise 422 on "scores[i].goal_id"
 * with the goal's day in the message, and false.
 */
static bool goal_worked_on(struct request *r, size_t i, json_t *g, const char *held)
{
	const char *agreed = json_string_value(json_object_get(g, "agreed_on"));
	const char *ended = json_string_value(json_object_get(g, "ended_on"));
	long long id = (long long)json_integer_value(json_object_get(g, "id"));
	const char *message = NULL;
	if (ended && strcmp(ended, held) < 0)
		message =
		    arena_printf(&r->arena,
		                 "goal %lld ended on %s, before the evaluation (held_on %s): an "
		                 "evaluation scores only goals still worked on at its date",
		                 id, ended, held);
	else if (agreed && strcmp(agreed, held) > 0)
		message =
		    arena_printf(&r->arena,
		                 "goal %lld was agreed on %s, after the evaluation (held_on %s): "
		                 "an evaluation scores only goals agreed on or before its date",
		                 id, agreed, held);
	if (message)
		http_validation_error(r, arena_printf(&r->arena, "scores[%zu].goal_id", i),
		                      message);
	return !message;
}

/*
 * Validates "scores": goal ids of this young person, once each, scores 1–10,
 * and each goal worked on at `held` (YYYY-MM-DD), the day of the evaluation:
 * agreed on or before it and not reached or stopped before it (422 on
 * "scores[i].goal_id" otherwise, goal_worked_on). Returns the list (borrowed
 * from the body), NULL answered.
 */
static json_t *input_scores(struct request *r, const char *held)
{
	json_t *list = json_object_get(r->input, "scores"), *v, *goals = NULL;
	size_t i, j;
	if (!json_is_array(list) || json_array_size(list) > 100) {
		http_validation_error(r, "scores", "must be a list of scores");
		return NULL;
	}
	if (store_rows(r->conn, SQ_GOAL_LIST, STORE_ARGS(SA_INT(r->access.youth_id)), &goals) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return NULL;
	}
	json_array_foreach(list, i, v)
	{
		json_t *goal = json_object_get(v, "goal_id"), *score = json_object_get(v, "score");
		json_t *comment = json_object_get(v, "comment"), *g, *found = NULL;
		bool repeated = false;
		json_array_foreach(goals, j, g)
		{
			if (json_equal(json_object_get(g, "id"), goal))
				found = g;
		}
		for (j = 0; j < i; j++)
			repeated |=
			    json_equal(json_object_get(json_array_get(list, j), "goal_id"), goal);
		bool ok =
		    json_is_object(v) && json_is_integer(goal) && found && !repeated &&
		    json_is_integer(score) && json_integer_value(score) >= 1 &&
		    json_integer_value(score) <= 10 &&
		    (!comment || json_is_null(comment) ||
		     (json_is_string(comment) && !check_long_text(json_string_value(comment)) &&
		      strlen(json_string_value(comment)) == json_string_length(comment)));
		if (!ok) {
			json_decref(goals);
			http_validation_error(r, "scores",
			                      "each score names a goal of this plan once and is a "
			                      "whole number from 1 to 10");
			return NULL;
		}
		if (!goal_worked_on(r, i, found, held)) {
			json_decref(goals);
			return NULL;
		}
	}
	json_decref(goals);
	return list;
}

const struct input_field api_evaluation_body[] = {
    {.name = "held_on", .type = INPUT_DATE, .description = DOSSIER_PAST_DATE_TEXT},
    {.name = "participants",
     .type = INPUT_ARRAY,
     .required = true,
     .description = "1 to 20 names, each at most 100 characters; a wrong name is 422 on "
                    "participants[i], i its place in the list counted from 0"},
    {.name = "scores",
     .type = INPUT_ARRAY,
     .required = true,
     .description = "at most 100 objects {goal_id, score, comment}: each a goal of this plan "
                    "agreed on or before held_on and not ended before it, once, score a whole "
                    "number from 1 to 10, "
                    "comment at most 2000 characters"},
    {0},
};

void api_evaluations_create(struct request *r)
{
	struct date held;
	int64_t id;
	char at[25];
	json_t *scores, *v;
	size_t i;
	if (!input_need_body(r) || !dossier_input_past_date(r, "held_on", &held))
		return;
	const char *participants = input_participants(r);
	/* scores is borrowed from the request body */
	if (!participants || !(scores = input_scores(r, dossier_date_text(r, held))) ||
	    !http_begin_write(r) || !dossier_in_trajectory(r, "held_on", held))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_EVALUATION_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(dossier_date_text(r, held)),
	                         SA_TEXT(participants), SA_ID(r->caller.user_id), SA_TEXT(at)),
	              &id, NULL);
	json_array_foreach(scores, i, v)
	{
		json_t *comment = json_object_get(v, "comment");
		if (s == STORE_OK)
			s = store_run(
			    r->conn, SQ_SCORE_INSERT,
			    STORE_ARGS(SA_INT(id),
			               SA_INT(json_integer_value(json_object_get(v, "goal_id"))),
			               SA_INT(json_integer_value(json_object_get(v, "score"))),
			               SA_TEXT(json_is_string(comment) ? json_string_value(comment)
			                                               : NULL)),
			    NULL, NULL);
	}
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:o, s:O}", "id", (json_int_t)id, "held_on",
	                     dossier_date_text(r, held), "participants",
	                     json_loads(participants, 0, NULL), "scores", scores));
}

const struct input_field api_goal_view_body[] = {
    {.name = "text",
     .type = INPUT_STRING,
     .max = LONG_TEXT_CHARS,
     .required = true,
     .description = "at most 2000 characters"},
    {0},
};

void api_goal_views_create(struct request *r)
{
	int64_t goal_id, id;
	char at[25];
	if (!input_need_body(r))
		return;
	const char *text = input_string(r, "text", true, check_long_text);
	if (!text || !parse_id(http_param(r, 0), &goal_id) || !http_begin_write(r))
		return;
	const char *author = r->access.basis == REL_JIM ? "jim" : "youth";
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_VIEW_INSERT,
	              STORE_ARGS(SA_INT(goal_id), SA_TEXT(author), SA_INT(r->caller.user_id),
	                         SA_TEXT(text), SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "goal_id",
	                     (json_int_t)goal_id, "author_kind", author, "text", text, "created_at",
	                     at));
}
