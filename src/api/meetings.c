/* Network meetings and the safety table: participants, attendance, decisions, actions. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/history_cause.h"
#include "domain/person_rules.h"
#include "http/etag.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define MEETING_MAX_SECONDS (24 * 3600)
#define MEETING_UID_BYTES   16

static const char *const meeting_kinds[] = {"network", "safety_table", "evaluation", "other", NULL};
static const char *const decision_types[] = {"ots_requested",
                                             "ots_withdrawn",
                                             "placement_requested",
                                             "placement_averted",
                                             "plan_changed",
                                             "other",
                                             NULL};

#define LOCATION_CHARS 200 /* characters: also the declared .max of its fields */

static const char *check_location(const char *s)
{
	return person_check_text(s, LOCATION_CHARS);
}

#define LONG_CHARS 10000 /* characters: also the declared .max of its fields */

static const char *check_long(const char *s)
{
	return person_check_text(s, LONG_CHARS);
}

#define SHORT_CHARS 100 /* characters: also the declared .max of its fields */

static const char *check_short(const char *s)
{
	return person_check_text(s, SHORT_CHARS);
}

#define ACTION_CHARS 500 /* characters: also the declared .max of its fields */

static const char *check_action(const char *s)
{
	return person_check_text(s, ACTION_CHARS);
}

/* A UTC time field ("2026-03-01T09:30:00Z"); false answered or absent. */
static bool input_time(struct request *r, const char *field, bool required, int64_t *epoch)
{
	int64_t ms;
	const char *s = input_string(r, field, required, NULL);
	if (!s)
		return false;
	if (strlen(s) < 20 || !clock_parse_iso_ms(s, &ms)) {
		http_validation_error(r, field, "must be a UTC time such as 2026-03-01T09:30:00Z");
		return false;
	}
	*epoch = ms / 1000;
	return true;
}

static const char *iso_text(struct request *r, int64_t epoch)
{
	char buf[21];
	clock_format_iso(epoch, buf);
	return arena_strdup(&r->arena, buf);
}

static bool check_span(struct request *r, int64_t starts, int64_t ends)
{
	if (ends <= starts) {
		http_validation_error(r, "ends_at", "must be after starts_at");
		return false;
	}
	if (ends - starts > MEETING_MAX_SECONDS) {
		http_validation_error(r, "ends_at", "a meeting lasts at most 24 hours");
		return false;
	}
	return true;
}

/*
 * Opens the request's write transaction and takes the meeting (its row
 * locked on PostgreSQL), so that what a change reads of it is still so when
 * it writes. Returns its id, cancelled and starts_at (the caller owns it),
 * or NULL answered.
 */
static json_t *take_meeting(struct request *r, int64_t id)
{
	json_t *row = NULL;
	return http_begin_write_taking(r, SQ_MEETING_LOCK, id, &row) ? row : NULL;
}

/* The whole meeting (new reference), or NULL answered. */
static json_t *load_meeting(struct request *r, int64_t id)
{
	json_t *m = NULL, *parts = NULL, *decisions = NULL, *actions = NULL;
	enum store_status s = store_row(r->conn, SQ_MEETING_GET, STORE_ARGS(SA_INT(id)), &m);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_PARTICIPANT_LIST, STORE_ARGS(SA_INT(id)), &parts);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_DECISION_LIST, STORE_ARGS(SA_INT(id)), &decisions);
	if (s == STORE_OK)
		s = store_rows(r->conn, SQ_MACTION_LIST, STORE_ARGS(SA_INT(id)), &actions);
	if (s != STORE_OK) {
		json_decref(m);
		json_decref(parts);
		json_decref(decisions);
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_NOT_FOUND : STORE_ERROR);
		return NULL;
	}
	json_object_del(m, "given_name");
	json_object_del(m, "uid"); /* the invite's business, not the meeting's answer */
	json_object_set_new(m, "participants", parts);
	json_object_set_new(m, "decisions", decisions);
	json_object_set_new(m, "actions", actions);
	return m;
}

/*
 * The entity tag of a meeting (http/etag.h) as load_meeting() answers it:
 * from the fields its PATCH can change and the invite's sequence.
 */
static void meeting_etag(json_t *m, char out[ETAG_TEXT_SIZE])
{
	static const char *const fields[] = {"starts_at", "ends_at",   "location", "agenda",
	                                     "minutes",   "cancelled", "sequence", NULL};
	etag_of_fields("meeting", m, fields, out);
}

/*
 * The parts of a meeting that its PATCH can change each on its own, so that
 * one caseworker's minutes do not conflict with another's agenda (docs/api.md,
 * If-Match-Parts): the schedule (time, place, cancellation and the invite's
 * sequence, which only they raise), the agenda and the minutes. Together
 * their fields are those of meeting_etag().
 */
enum meeting_part { PART_SCHEDULE, PART_AGENDA, PART_MINUTES, PART_COUNT };

static const char *const part_names[PART_COUNT + 1] = {"schedule", "agenda", "minutes", NULL};
static const char *const schedule_fields[] = {"starts_at", "ends_at",  "location",
                                              "cancelled", "sequence", NULL};
static const char *const agenda_fields[] = {"agenda", NULL};
static const char *const minutes_fields[] = {"minutes", NULL};
static const char *const *const part_fields[PART_COUNT] = {schedule_fields, agenda_fields,
                                                           minutes_fields};
static const char *const part_kinds[PART_COUNT] = {"meeting/schedule", "meeting/agenda",
                                                   "meeting/minutes"};

const char api_meeting_parts_description[] =
    "a precondition on parts of the meeting instead of (or as well as) If-Match on all of it: "
    "part=\"tag\", comma-separated, with the tags that the meeting's part_etags gave; the parts "
    "are "
    "schedule (starts_at, ends_at, location, cancelled, and the sequence they raise), agenda "
    "and minutes. It holds when every part named still has that tag (else 412 edit_conflict); "
    "it must name every part the body changes, and each part at most once (else 400 "
    "malformed_if_match)";

/* The entity tag of one part of the meeting `m` (as load_meeting() answers it) into out. */
static void meeting_part_etag(json_t *m, enum meeting_part part, char out[ETAG_TEXT_SIZE])
{
	etag_of_fields(part_kinds[part], m, part_fields[part], out);
}

/*
 * Whether the PATCH body names a field of `part`, which then counts as a part
 * it changes (null clears the agenda or the minutes; for the schedule's
 * fields the declared body has refused it already).
 */
static bool body_names_part(struct request *r, enum meeting_part part)
{
	switch (part) {
	case PART_SCHEDULE:
		return input_has(r, "starts_at") || input_has(r, "ends_at") ||
		       input_has(r, "location") || input_has(r, "cancelled");
	case PART_AGENDA:
		return input_has(r, "agenda");
	case PART_MINUTES:
		return input_has(r, "minutes");
	default:
		return false;
	}
}

/* Answers the whole meeting with its ETag, and the tags of its parts as part_etags. */
static void reply_meeting(struct request *r, int status, int64_t id)
{
	char tag[ETAG_TEXT_SIZE];
	json_t *m = load_meeting(r, id);
	if (!m)
		return;
	json_t *parts = json_object();
	for (int i = 0; i < PART_COUNT; i++) {
		meeting_part_etag(m, (enum meeting_part)i, tag);
		json_object_set_new(parts, part_names[i], json_string(tag));
	}
	meeting_etag(m, tag);
	json_object_set_new(m, "part_etags", parts);
	http_reply(r, status, m);
	http_set_etag(r, tag);
}

static int64_t path_id(struct request *r)
{
	int64_t id = 0;
	if (!parse_id(http_param(r, 0), &id))
		return 0;
	return id;
}

const struct input_field api_meeting_body[] = {
    {.name = "kind", .type = INPUT_ENUM, .required = true, .allowed = meeting_kinds},
    {.name = "starts_at", .type = INPUT_TIME, .required = true},
    {.name = "ends_at",
     .type = INPUT_TIME,
     .required = true,
     .description = "after starts_at, at most 24 hours later"},
    {.name = "location",
     .type = INPUT_STRING,
     .max = LOCATION_CHARS,
     .required = true,
     .description = "at most 200 characters"},
    {.name = "agenda",
     .type = INPUT_STRING,
     .max = LONG_CHARS,
     .description = "at most 10000 characters"},
    {0},
};

void api_meetings_create(struct request *r)
{
	int64_t starts = 0, ends = 0, id;
	char at[25];
	if (!input_need_body(r))
		return;
	struct input_errors e = {0};
	const char *kind = input_enum(r, "kind", true, meeting_kinds);
	input_keep(r, &e);
	bool starts_ok = input_time(r, "starts_at", true, &starts);
	input_keep(r, &e);
	if (input_time(r, "ends_at", true, &ends) && starts_ok)
		check_span(r, starts, ends);
	input_keep(r, &e);
	const char *location = input_string(r, "location", true, check_location);
	input_keep(r, &e);
	const char *agenda = input_string(r, "agenda", false, check_long);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e) || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	/* The invite's UID: random, never derived from the id (which SQLite
	 * hands out again after a destruction). */
	char hex[2 * MEETING_UID_BYTES + 1];
	random_hex(MEETING_UID_BYTES, hex);
	const char *uid = arena_printf(&r->arena, "%s@kring", hex);
	if (store_run(r->conn, SQ_MEETING_INSERT,
	              STORE_ARGS(SA_INT(r->access.youth_id), SA_TEXT(kind),
	                         SA_TEXT(iso_text(r, starts)), SA_TEXT(iso_text(r, ends)),
	                         SA_TEXT(location), SA_TEXT(agenda), SA_INT(r->caller.user_id),
	                         SA_TEXT(at), SA_TEXT(uid)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	/* The team member who plans it takes part, so that it is in their own
	 * calendar feed. Someone in by break-the-glass is not of the circle. */
	if (r->access.basis == REL_TEAM &&
	    store_run(r->conn, SQ_PARTICIPANT_INSERT,
	              STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id),
	                         SA_TEXT(r->caller.display_name), SA_TEXT(NULL), SA_TEXT(NULL)),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	reply_meeting(r, 201, id);
}

void api_meetings_list(struct request *r)
{
	json_t *rows = NULL, *row;
	size_t i;
	if (store_rows(r->conn, SQ_MEETING_LIST, STORE_ARGS(SA_INT(r->access.youth_id)), &rows) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		json_object_del(row, "given_name");
		json_object_del(row, "uid");
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

void api_meeting_get(struct request *r)
{
	reply_meeting(r, 200, path_id(r));
}

struct meeting_patch {
	int64_t starts, ends;
	const char *location, *agenda, *minutes;
	bool cancelled, moved;
};

/* Each optional: only those sent change (null clears agenda or minutes, and is refused for
 * the others). */
const struct input_field api_meeting_patch_body[] = {
    {.name = "starts_at", .type = INPUT_TIME, .not_null = true},
    {.name = "ends_at",
     .type = INPUT_TIME,
     .not_null = true,
     .description = "after starts_at, at most 24 hours later"},
    {.name = "location",
     .type = INPUT_STRING,
     .not_null = true,
     .max = LOCATION_CHARS,
     .description = "at most 200 characters"},
    {.name = "agenda",
     .type = INPUT_STRING,
     .max = LONG_CHARS,
     .description = "at most 10000 characters; null clears it"},
    {.name = "minutes",
     .type = INPUT_STRING,
     .max = LONG_CHARS,
     .description = "the minutes of the meeting: at most 10000 characters; null clears them"},
    {.name = "cancelled", .type = INPUT_BOOLEAN, .not_null = true},
    {0},
};

/*
 * Reads the PATCH body over the meeting `cur` into `p`. False answered: one
 * 422 that lists every field refused (input_keep()).
 */
static bool read_patch(struct request *r, json_t *cur, struct meeting_patch *p)
{
	int64_t ms;
	bool cancelled = false;
	struct input_errors e = {0};
	clock_parse_iso_ms(json_string_value(json_object_get(cur, "starts_at")), &ms);
	p->starts = ms / 1000;
	clock_parse_iso_ms(json_string_value(json_object_get(cur, "ends_at")), &ms);
	p->ends = ms / 1000;
	p->location = json_string_value(json_object_get(cur, "location"));
	p->agenda = json_string_value(json_object_get(cur, "agenda"));
	p->minutes = json_string_value(json_object_get(cur, "minutes"));
	p->cancelled = json_is_true(json_object_get(cur, "cancelled"));
	int64_t s0 = p->starts, e0 = p->ends;
	bool starts_ok =
	    !input_given(r, "starts_at") || input_time(r, "starts_at", true, &p->starts);
	input_keep(r, &e);
	if ((!input_given(r, "ends_at") || input_time(r, "ends_at", true, &p->ends)) && starts_ok)
		check_span(r, p->starts, p->ends);
	input_keep(r, &e);
	const char *loc = input_string(r, "location", false, check_location);
	input_keep(r, &e);
	const char *agenda = input_string(r, "agenda", false, check_long);
	input_keep(r, &e);
	const char *minutes = input_string(r, "minutes", false, check_long);
	input_keep(r, &e);
	bool has_cancel = input_bool(r, "cancelled", false, &cancelled);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return false;
	p->moved = p->starts != s0 || p->ends != e0 || (loc && strcmp(loc, p->location) != 0) ||
	           (has_cancel && cancelled != p->cancelled);
	if (loc)
		p->location = loc;
	if (agenda || input_has(r, "agenda")) /* null clears */
		p->agenda = agenda;
	if (minutes || input_has(r, "minutes"))
		p->minutes = minutes;
	if (has_cancel)
		p->cancelled = cancelled;
	return true;
}

/*
 * The If-Match-Parts header of a PATCH into tags (per enum meeting_part;
 * *given whether it was sent): false, 400 malformed_if_match answered, when
 * it is malformed or leaves out a part the body changes.
 */
static bool read_part_tags(struct request *r, const char *tags[PART_COUNT], bool *given)
{
	if (!http_if_match_parts(r, part_names, tags, given))
		return false;
	for (int i = 0; *given && i < PART_COUNT; i++) {
		if (!tags[i] && body_names_part(r, (enum meeting_part)i)) {
			http_error(r, 400, "malformed_if_match",
			           arena_printf(&r->arena,
			                        "If-Match-Parts must name each part this change "
			                        "changes: %s is missing",
			                        part_names[i]),
			           NULL);
			return false;
		}
	}
	return true;
}

/*
 * Whether the preconditions hold for the meeting `cur`: If-Match against the
 * whole meeting's tag, and each part If-Match-Parts names against that
 * part's. False, 412 edit_conflict answered, when one does not.
 */
static bool meeting_preconditions_hold(struct request *r, json_t *cur, const char *if_match,
                                       const char *const part_tags[PART_COUNT])
{
	char tag[ETAG_TEXT_SIZE];
	meeting_etag(cur, tag);
	if (!http_if_match_holds(r, if_match, tag))
		return false;
	for (int i = 0; i < PART_COUNT; i++) {
		if (!part_tags[i])
			continue;
		meeting_part_etag(cur, (enum meeting_part)i, tag);
		if (!http_if_match_holds(r, part_tags[i], tag))
			return false;
	}
	return true;
}

void api_meeting_patch(struct request *r)
{
	struct meeting_patch p;
	char at[25];
	const char *if_match, *part_tags[PART_COUNT];
	bool parts_given;
	int64_t id = path_id(r);
	/* taken first: the preconditions hold for the meeting until the commit */
	json_t *taken = input_need_body(r) && http_if_match(r, &if_match) &&
	                        read_part_tags(r, part_tags, &parts_given)
	                    ? take_meeting(r, id)
	                    : NULL;
	if (!taken)
		return;
	json_decref(taken);
	json_t *cur = load_meeting(r, id);
	if (!cur)
		return;
	int64_t sequence = json_integer_value(json_object_get(cur, "sequence"));
	bool ok = meeting_preconditions_hold(r, cur, if_match, part_tags) && read_patch(r, cur, &p);
	if (ok) {
		clock_format_iso_ms(clock_now_ms(), at);
		ok = store_run(r->conn, SQ_MEETING_UPDATE,
		               STORE_ARGS(SA_INT(id), SA_TEXT(iso_text(r, p.starts)),
		                          SA_TEXT(iso_text(r, p.ends)), SA_TEXT(p.location),
		                          SA_TEXT(p.agenda), SA_TEXT(p.minutes),
		                          SA_INT(sequence + (p.moved ? 1 : 0)),
		                          SA_BOOL(p.cancelled), SA_TEXT(at)),
		               NULL, NULL) == STORE_OK;
		if (!ok)
			http_store_error(r, STORE_ERROR);
	}
	json_decref(cur);
	if (ok)
		reply_meeting(r, 200, id);
}

/*
 * A kring user may be a participant or an action's owner only when they
 * belong to this young person's circle: staff of the team, the active JIM,
 * or the young person's own account. An account that is still invited (a
 * JIM who has not accepted yet) counts: the meeting is in their calendar
 * once they log in. Anyone else is "no such user" (422), so that the answer
 * reveals nothing about users elsewhere. An account of the circle that has
 * ended (disabled, or a JIM of this young person who stopped) is 409
 * `account_ended`. On success *name is the user's display name.
 */
static bool circle_user(struct request *r, const char *field, int64_t user_id, const char **name)
{
	struct store_user u;
	struct dossier_access access;
	bool in_circle = false, ended = false;
	enum store_status s = store_user_by_id(r->conn, &r->arena, user_id, &u);
	if (s == STORE_OK) {
		struct caller who = {.user_id = u.id, .role = role_from_name(u.role)};
		enum policy_result p = policy_dossier_access(
		    r->conn, &who, r->access.youth_id, REL_TEAM | REL_JIM | REL_SELF, 0, &access);
		if (p == POLICY_STORE_ERROR)
			s = STORE_ERROR;
		in_circle = p == POLICY_ALLOWED;
		ended = in_circle && (!u.status || !strcmp(u.status, "disabled"));
		if (s == STORE_OK && !in_circle && who.role == ROLE_JIM) {
			json_t *row = NULL;
			s = store_row(r->conn, SQ_JIM_ENDED_OF_YOUTH,
			              STORE_ARGS(SA_INT(r->access.youth_id), SA_INT(u.id)), &row);
			json_decref(row);
			ended = s == STORE_OK;
			if (s == STORE_NOT_FOUND)
				s = STORE_OK;
		}
	}
	if (s != STORE_OK && s != STORE_NOT_FOUND) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	if (ended) {
		http_error(r, 409, "account_ended",
		           "this user's account has ended: they can no longer take part as a kring "
		           "user",
		           field);
		return false;
	}
	if (in_circle && (!strcmp(u.status, "active") || !strcmp(u.status, "invited"))) {
		*name = u.display_name;
		return true;
	}
	http_validation_error(r, field, "no such user in this young person's circle");
	return false;
}

const struct input_field api_participant_body[] = {
    {.name = "user_id",
     .type = INPUT_ID,
     .description = "a kring user of the young person's circle (the team, the JIM, the young "
                    "person); without it, name is required"},
    {.name = "name",
     .type = INPUT_STRING,
     .max = SHORT_CHARS,
     .description = "an outside person, when there is no user_id: at most 100 characters"},
    {.name = "organisation",
     .type = INPUT_STRING,
     .max = SHORT_CHARS,
     .description = "at most 100 characters"},
    {.name = "role",
     .type = INPUT_STRING,
     .max = SHORT_CHARS,
     .description = "at most 100 characters"},
    {0},
};

/*
 * Opens the write transaction with the meeting taken (so that two requests
 * cannot both add the same user) and checks that the kring user `user_id`
 * (0: an outside person) is not a participant yet: 409 `already_participant`.
 * Returns false answered.
 */
static bool take_participant_place(struct request *r, int64_t meeting, int64_t user_id)
{
	json_t *taken = take_meeting(r, meeting);
	if (!taken)
		return false;
	json_decref(taken);
	if (!user_id)
		return true;
	json_t *row = NULL;
	enum store_status s = store_row(r->conn, SQ_PARTICIPANT_OF_USER,
	                                STORE_ARGS(SA_INT(meeting), SA_INT(user_id)), &row);
	json_decref(row);
	if (s == STORE_NOT_FOUND)
		return true;
	if (s == STORE_OK)
		http_error(r, 409, "already_participant",
		           "this user is already a participant of the meeting", "user_id");
	else
		http_store_error(r, STORE_ERROR);
	return false;
}

void api_meeting_participants_add(struct request *r)
{
	int64_t user_id = 0, id, meeting = path_id(r);
	json_t *part = NULL;
	const char *name = NULL, *org = NULL, *role = NULL;
	if (!input_need_body(r))
		return;
	if (input_given(r, "user_id")) {
		if (!input_id(r, "user_id", true, &user_id))
			return;
		if (!circle_user(r, "user_id", user_id, &name))
			return;
	} else if (!(name = input_string(r, "name", true, check_short))) {
		return;
	}
	org = input_string(r, "organisation", false, check_short);
	role = r->status ? NULL : input_string(r, "role", false, check_short);
	if (r->status || !take_participant_place(r, meeting, user_id))
		return;
	enum store_status s = store_run(
	    r->conn, SQ_PARTICIPANT_INSERT,
	    STORE_ARGS(SA_INT(meeting), SA_ID(user_id), SA_TEXT(name), SA_TEXT(org), SA_TEXT(role)),
	    &id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_PARTICIPANT_GET, STORE_ARGS(SA_INT(id)), &part);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_object_del(part, "meeting_id");
	http_reply(r, 201, part);
}

const struct input_field api_meeting_attendance_body[] = {
    {.name = "participant_id", .type = INPUT_ID, .required = true},
    {.name = "attended", .type = INPUT_BOOLEAN, .required = true},
    {0},
};

void api_meeting_attendance(struct request *r)
{
	int64_t participant, changed = 0, meeting = path_id(r);
	bool attended;
	json_t *part = NULL;
	if (!input_need_body(r) || !input_id(r, "participant_id", true, &participant) ||
	    !input_bool(r, "attended", true, &attended) || !http_begin_write(r))
		return;
	if (store_run(r->conn, SQ_PARTICIPANT_ATTEND,
	              STORE_ARGS(SA_INT(participant), SA_INT(meeting), SA_BOOL(attended)), NULL,
	              &changed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!changed) {
		http_validation_error(r, "participant_id", "not a participant of this meeting");
		return;
	}
	if (store_row(r->conn, SQ_PARTICIPANT_GET, STORE_ARGS(SA_INT(participant)), &part) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_object_del(part, "meeting_id");
	http_reply(r, 200, part);
}

struct decision_apply {
	const char *legal_frame, *living, *effective_on;
	struct date effective; /* effective_on as a date */
};

/* Reads the optional "apply" object of a decision. */
static bool read_apply(struct request *r, struct decision_apply *a)
{
	json_t *apply = json_object_get(r->input, "apply");
	memset(a, 0, sizeof(*a));
	if (!apply || json_is_null(apply))
		return true;
	if (!json_is_object(apply)) {
		http_validation_error(r, "apply", "must be an object");
		return false;
	}
	json_t *saved = r->input;
	r->input = apply; /* the validators read fields of r->input */
	a->legal_frame = input_enum(r, "legal_frame", false, dossier_legal_frames);
	a->living =
	    r->status ? NULL : input_enum(r, "living_situation", false, dossier_living_situations);
	bool ok = !r->status && dossier_input_past_date(r, "effective_on", &a->effective);
	r->input = saved;
	if (!ok) {
		json_t *err = json_object_get(r->reply, "error");
		const char *f = json_string_value(json_object_get(err, "field"));
		if (f)
			json_object_set_new(err, "field",
			                    json_string(arena_printf(&r->arena, "apply.%s", f)));
		return false;
	}
	a->effective_on = dossier_date_text(r, a->effective);
	return true;
}

/* Applies a decision to the dossier's dated history; returns the "applied" text. */
static const char *apply_decision(struct request *r, const struct decision_apply *a,
                                  int64_t meeting, const char *type)
{
	int64_t y = r->access.youth_id;
	const char *reason = arena_printf(&r->arena, HISTORY_DECISION, (long long)meeting, type);
	const char *applied = NULL;
	if (a->legal_frame) {
		if (store_run(r->conn, SQ_YOUTH_SET_LEGAL_FRAME,
		              STORE_ARGS(SA_INT(y), SA_TEXT(a->legal_frame)), NULL,
		              NULL) != STORE_OK ||
		    !dossier_add_history(r, y, "legal_frame", a->legal_frame, a->effective_on,
		                         reason))
			return NULL;
		applied = arena_printf(&r->arena, "legal_frame=%s", a->legal_frame);
	}
	if (a->living) {
		if (store_run(r->conn, SQ_YOUTH_SET_LIVING,
		              STORE_ARGS(SA_INT(y), SA_TEXT(a->living)), NULL, NULL) != STORE_OK ||
		    !dossier_add_history(r, y, "living_situation", a->living, a->effective_on,
		                         reason))
			return NULL;
		applied = arena_printf(&r->arena, "%s%sliving_situation=%s", applied ? applied : "",
		                       applied ? ";" : "", a->living);
	}
	return applied ? applied : "";
}

const struct input_field api_decision_body[] = {
    {.name = "type", .type = INPUT_ENUM, .required = true, .allowed = decision_types},
    {.name = "text",
     .type = INPUT_STRING,
     .max = LONG_CHARS,
     .required = true,
     .description = "at most 10000 characters"},
    {.name = "apply",
     .type = INPUT_OBJECT,
     .description = "changes the dossier in one step: {legal_frame, living_situation, "
                    "effective_on}, each optional; effective_on not in the future and within "
                    "the trajectory, absent: today"},
    {0},
};

/*
 * Whether the meeting (the row of take_meeting) can take this decision: not
 * when it was cancelled (409 cancelled), and a decision that changes the
 * dossier (`apply`) only once the meeting has begun (409 not_held). False
 * answered.
 */
static bool meeting_decides(struct request *r, json_t *m, const struct decision_apply *a)
{
	int64_t starts = 0;
	bool ahead =
	    clock_parse_iso_ms(json_string_value(json_object_get(m, "starts_at")), &starts) &&
	    starts > clock_now_ms();
	if (json_is_true(json_object_get(m, "cancelled"))) {
		http_error(r, 409, "cancelled", "this meeting was cancelled; it takes no decisions",
		           NULL);
		return false;
	}
	if (ahead && (a->legal_frame || a->living)) {
		http_error(r, 409, "not_held",
		           "a decision changes the dossier only once the meeting has begun",
		           "apply");
		return false;
	}
	return true;
}

/*
 * A decision that changes the dossier takes effect within the trajectory, as
 * a change by PATCH /youths/{id} does: 422 on apply.effective_on otherwise.
 * Call inside the write (the young person locked). False answered.
 */
static bool apply_in_trajectory(struct request *r, const struct decision_apply *a)
{
	if (!a->legal_frame && !a->living)
		return true;
	return dossier_in_trajectory(r, "apply.effective_on", a->effective);
}

void api_meeting_decisions_add(struct request *r)
{
	struct decision_apply a;
	int64_t id, meeting = path_id(r);
	char at[25];
	if (!input_need_body(r))
		return;
	const char *type = input_enum(r, "type", true, decision_types);
	const char *text = type ? input_string(r, "text", true, check_long) : NULL;
	/* the young person first, as every change of the file does: a decision may
	 * change it, and a destruction takes the young person before the meeting */
	if (!text || !read_apply(r, &a) ||
	    !http_begin_write_taking(r, SQ_YOUTH_LOCK, r->access.youth_id, NULL))
		return;
	json_t *m = take_meeting(r, meeting);
	bool decides = m && meeting_decides(r, m, &a);
	json_decref(m);
	if (!decides || !apply_in_trajectory(r, &a))
		return;
	const char *applied = apply_decision(r, &a, meeting, type);
	if (!applied) {
		if (!r->status)
			http_store_error(r, STORE_ERROR);
		return;
	}
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_DECISION_INSERT,
	              STORE_ARGS(SA_INT(meeting), SA_TEXT(type), SA_TEXT(text),
	                         SA_TEXT(*applied ? applied : NULL), SA_INT(r->caller.user_id),
	                         SA_TEXT(at)),
	              &id, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, meeting);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)id, "type", type,
	                     "text", text, "applied", *applied ? json_string(applied) : json_null(),
	                     "created_at", at));
}

const struct input_field api_meeting_action_body[] = {
    {.name = "description",
     .type = INPUT_STRING,
     .max = ACTION_CHARS,
     .required = true,
     .description = "at most 500 characters"},
    {.name = "owner_user_id",
     .type = INPUT_ID,
     .description = "a kring user of the young person's circle"},
    {.name = "owner_name",
     .type = INPUT_STRING,
     .max = SHORT_CHARS,
     .description = "an owner outside kring, when there is no owner_user_id: at most 100 "
                    "characters"},
    {.name = "due_date", .type = INPUT_DATE},
    {0},
};

void api_meeting_actions_add(struct request *r)
{
	int64_t owner = 0, id, meeting = path_id(r);
	struct date due;
	char at[25];
	json_t *action = NULL;
	if (!input_need_body(r))
		return;
	const char *description = input_string(r, "description", true, check_action);
	if (!description)
		return;
	const char *owner_name = NULL;
	if (input_given(r, "owner_user_id")) {
		if (!input_id(r, "owner_user_id", true, &owner))
			return;
		if (!circle_user(r, "owner_user_id", owner, &owner_name))
			return;
	} else {
		owner_name = input_string(r, "owner_name", false, check_short);
		if (r->status)
			return;
	}
	bool has_due = input_date(r, "due_date", false, &due);
	if (r->status || !http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(
	    r->conn, SQ_MACTION_INSERT,
	    STORE_ARGS(SA_INT(meeting), SA_TEXT(description), SA_ID(owner), SA_TEXT(owner_name),
	               SA_TEXT(has_due ? dossier_date_text(r, due) : NULL),
	               SA_INT(r->caller.user_id), SA_TEXT(at)),
	    &id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_MACTION_GET, STORE_ARGS(SA_INT(id)), &action);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, meeting);
	http_reply(r, 201, action);
}

/*
 * Marks the action of the path done (done = true, at the time of now) or
 * open again (done = false), and answers 200 with the action; 409 conflict
 * when it already is so. The router admits the team and, on basis
 * REL_EXISTS, only the action's owner: that owner must still be the young
 * person's JIM with consent to share meetings, or the young person, else
 * 404 as for a stranger (a refusal, so audited as denied).
 */
static void action_set_done(struct request *r, bool done)
{
	int64_t id = path_id(r), changed = 0;
	char at[25];
	struct dossier_access access;
	if (r->access.basis == REL_EXISTS) {
		/* An owner outside the team: still the JIM (with consent) or the young person? */
		enum policy_result p =
		    policy_dossier_access(r->conn, &r->caller, r->access.youth_id,
		                          REL_JIM | REL_SELF, SCOPE_SHARE_MEETINGS, &access);
		if (p != POLICY_ALLOWED) {
			if (p == POLICY_STORE_ERROR)
				http_store_error(r, STORE_ERROR);
			else
				http_error(r, 404, "not_found", "not found", NULL);
			r->refused = p != POLICY_STORE_ERROR;
			return;
		}
	}
	if (!http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    done ? store_run(r->conn, SQ_MACTION_DONE, STORE_ARGS(SA_INT(id), SA_TEXT(at)), NULL,
	                     &changed)
	         : store_run(r->conn, SQ_MACTION_UNDONE, STORE_ARGS(SA_INT(id)), NULL, &changed);
	api_answer_done(r, s, changed, done, SQ_MACTION_GET, id);
}

void api_meeting_action_done(struct request *r)
{
	action_set_done(r, true);
}

/* DELETE .../done: takes "done" back (a tap on "Klaar" by mistake). */
void api_meeting_action_undone(struct request *r)
{
	action_set_done(r, false);
}

/*
 * Appends to `out` each row of `query` (for the caller) whose young person
 * the policy lets the caller reach through `relations`, with `consent` for a
 * JIM, as an item of `kind`; a row with "owner_kind" (a plan action) is kept
 * only when it names the relation the caller has (the young person's own
 * actions for the young person, the JIM's for the JIM), as may_tick_off() in
 * plan.c decides. Each young person shown is recorded in the audit trail,
 * their event naming `kind` ("meeting" or "plan": what of theirs was read).
 * False, with a 503 answered, on a store error.
 */
static bool add_my_actions(struct request *r, enum store_query query, unsigned relations,
                           unsigned consent, const char *kind, json_t *out)
{
	json_t *rows = NULL, *row;
	size_t i;
	if (store_rows(r->conn, query, STORE_ARGS(SA_INT(r->caller.user_id)), &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	json_array_foreach(rows, i, row)
	{
		struct dossier_access access;
		int64_t youth = json_integer_value(json_object_get(row, "youth_id"));
		enum policy_result p =
		    policy_dossier_access(r->conn, &r->caller, youth, relations, consent, &access);
		if (p == POLICY_STORE_ERROR) {
			json_decref(rows);
			http_store_error(r, STORE_ERROR);
			return false;
		}
		if (p != POLICY_ALLOWED)
			continue;
		json_t *owner = json_object_get(row, "owner_kind");
		if (owner) {
			const char *need = access.basis == REL_SELF  ? "youth"
			                   : access.basis == REL_JIM ? "jim"
			                                             : NULL;
			if (!need || !json_is_string(owner) ||
			    strcmp(json_string_value(owner), need) != 0)
				continue;
		}
		if (json_object_set_new(row, "kind", json_string(kind)) != 0 ||
		    json_array_append(out, row) != 0) {
			json_decref(rows);
			http_store_error(r, STORE_ERROR);
			return false;
		}
		http_audit_youth_as(r, youth, kind);
	}
	json_decref(rows);
	return true;
}

/* Open actions by due date (those without one last), meeting actions first on a tie. */
static int by_due_date(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *dx = json_string_value(json_object_get(x, "due_date"));
	const char *dy = json_string_value(json_object_get(y, "due_date"));
	if (!dx != !dy)
		return dx ? -1 : 1;
	int c = dx ? strcmp(dx, dy) : 0;
	if (c)
		return c;
	c = strcmp(json_string_value(json_object_get(x, "kind")),
	           json_string_value(json_object_get(y, "kind")));
	if (c)
		return c;
	json_int_t ix = json_integer_value(json_object_get(x, "id"));
	json_int_t iy = json_integer_value(json_object_get(y, "id"));
	return (ix > iy) - (ix < iy);
}

/*
 * The caller's open actions, only on young people they still may see. The
 * meeting actions they own ("kind": "meeting"): in the team (or a grant),
 * their own file, or as the JIM with consent to share meetings. For the
 * young person and the JIM also the actions of the plan that are theirs
 * ("kind": "plan", with the goal's title): the young person's own plan, and
 * the plan of the young person they are the JIM of, with consent to share the
 * plan (the rule that lets them read it). Ordered by due date. Each young
 * person shown is recorded in the audit trail.
 */
void api_my_actions(struct request *r)
{
	json_t *out = json_array();
	bool ok = add_my_actions(r, SQ_MY_ACTIONS, REL_TEAM | REL_BREAK_GLASS | REL_JIM | REL_SELF,
	                         SCOPE_SHARE_MEETINGS, "meeting", out);
	if (ok && (r->caller.role == ROLE_YOUTH || r->caller.role == ROLE_JIM))
		ok = add_my_actions(r, SQ_MY_PLAN_ACTIONS, REL_JIM | REL_SELF, SCOPE_SHARE_PLAN,
		                    "plan", out);
	if (!ok) {
		json_decref(out);
		return;
	}
	size_t n = json_array_size(out), i;
	/* an array of pointers to json_t, sorted as pointers: sizeof a pointer is meant */
	// NOLINTNEXTLINE(bugprone-sizeof-expression)
	json_t **items = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*items));
	for (i = 0; i < n; i++)
		items[i] = json_incref(json_array_get(out, i));
	// NOLINTNEXTLINE(bugprone-sizeof-expression): as above
	qsort(items, n, sizeof(*items), by_due_date);
	json_array_clear(out);
	for (i = 0; i < n; i++)
		json_array_append_new(out, items[i]);
	http_reply(r, 200, json_pack("{s:o}", "items", out));
}
