/* Expenses: other costs, expense statements (km × rate + costs) and the CSV for Excel. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/csv.h"
#include "api/dossier.h"
#include "api/input.h"
#include "api/jim_support.h"
#include "domain/money.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define AMOUNT_MIN_CENTS 1
#define AMOUNT_MAX_CENTS 100000

#define DESCRIPTION_CHARS 500 /* characters: also the declared .max of its fields */

static const char *check_description(const char *s)
{
	return person_check_text(s, DESCRIPTION_CHARS);
}

/* A team member's note on approving or rejecting a statement, as long as other notes. */
#define DECISION_NOTE_CHARS 2000 /* characters: also the declared .max of its fields */

static const char *check_decision_note(const char *s)
{
	return person_check_text(s, DECISION_NOTE_CHARS);
}

const struct input_field api_cost_body[] = {
    {.name = "date", .type = INPUT_DATE, .required = true, .description = JIM_RECENT_DATE_TEXT},
    {.name = "amount_cents",
     .type = INPUT_INTEGER,
     .required = true,
     .min = AMOUNT_MIN_CENTS,
     .max = AMOUNT_MAX_CENTS},
    {.name = "description",
     .type = INPUT_STRING,
     .max = DESCRIPTION_CHARS,
     .required = true,
     .description = "at most 500 characters"},
    {.name = "receipt_note",
     .type = INPUT_STRING,
     .max = DESCRIPTION_CHARS,
     .description = "at most 500 characters"},
    {0},
};

void api_costs_create(struct request *r)
{
	struct date date;
	int64_t amount, id;
	char at[25];
	json_t *cost = NULL;
	if (!input_need_body(r))
		return;
	struct input_errors e = {0};
	jim_input_recent_date(r, "date", true, &date);
	input_keep(r, &e);
	input_int_range(r, "amount_cents", true, AMOUNT_MIN_CENTS, AMOUNT_MAX_CENTS, &amount);
	input_keep(r, &e);
	const char *description = input_string(r, "description", true, check_description);
	input_keep(r, &e);
	const char *receipt = input_string(r, "receipt_note", false, check_description);
	input_keep(r, &e);
	if (!input_answer_errors(r, &e))
		return;
	const char *date_text = dossier_date_text(r, date);
	if (!http_begin_write(r) || !jim_lock_entries(r, jim_path_id(r)) ||
	    !jim_date_unsettled(r, jim_path_id(r), date_text))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s =
	    store_run(r->conn, SQ_COST_INSERT,
	              STORE_ARGS(SA_INT(jim_path_id(r)), SA_TEXT(date_text), SA_INT(amount),
	                         SA_TEXT(description), SA_TEXT(receipt), SA_INT(r->caller.user_id),
	                         SA_TEXT(at)),
	              &id, NULL);
	if (s == STORE_OK)
		s = store_row(r->conn, SQ_COST_GET, STORE_ARGS(SA_INT(id)), &cost);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	jim_entry_shape(cost);
	http_reply(r, 201, cost);
}

/*
 * DELETE /api/v1/costs/{id}: the JIM removes a cost they entered, within
 * 14 days; the team any cost. Not on a settled day (409 settled). The row
 * stays, marked removed, for the audit.
 */
void api_cost_delete(struct request *r)
{
	int64_t id, changed = 0;
	json_t *cost = NULL;
	char at[25];
	if (!parse_id(http_param(r, 0), &id)) {
		http_error(r, 404, "not_found", "not found", NULL);
		return;
	}
	if (!jim_lock_entries_of_cost(r, id))
		return;
	/* removed by another request meanwhile: 404, as for any removed cost */
	enum store_status s = store_row(r->conn, SQ_COST_GET, STORE_ARGS(SA_INT(id)), &cost);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_NOT_FOUND : STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	bool jim = r->access.basis == REL_JIM;
	bool own = json_integer_value(json_object_get(cost, "entered_by_id")) == r->caller.user_id;
	bool locked = jim_entry_locked(cost);
	int64_t jim_id = json_integer_value(json_object_get(cost, "jim_id"));
	const char *date =
	    arena_strdup(&r->arena, json_string_value(json_object_get(cost, "date")));
	json_decref(cost);
	if (jim && !own) {
		http_error(r, 403, "forbidden", "you can remove only the costs you entered", NULL);
		return;
	}
	if (jim && locked) {
		http_error(r, 409, "locked",
		           "costs older than 14 days are locked; ask your professional", NULL);
		return;
	}
	if (!jim)
		r->audit.reason = locked ? "correction of a locked entry by a professional"
		                         : "correction by a professional";
	if (!jim_date_unsettled(r, jim_id, date))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_COST_DELETE,
	              STORE_ARGS(SA_INT(id), SA_TEXT(at), SA_INT(r->caller.user_id)), NULL,
	              &changed) != STORE_OK ||
	    changed != 1) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 204, NULL);
}

void api_costs_list(struct request *r)
{
	struct date today = date_today(), from, to;
	json_t *rows = NULL;
	if (!jim_query_period(r, date_add_days(today, -3650), today, &from, &to))
		return;
	if (store_rows(r->conn, SQ_COST_RANGE,
	               STORE_ARGS(SA_INT(jim_path_id(r)), SA_TEXT(dossier_date_text(r, from)),
	                          SA_TEXT(dossier_date_text(r, to))),
	               &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_t *row;
	size_t i;
	json_array_foreach(rows, i, row) jim_entry_shape(row);
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

/* Activities with km and costs of a period, for a statement or the CSV. */
static bool load_period(struct request *r, int64_t jim_id, struct date from, struct date to,
                        json_t **activities, json_t **costs)
{
	const char *f = dossier_date_text(r, from), *t = dossier_date_text(r, to);
	*activities = *costs = NULL;
	if (store_rows(r->conn, SQ_ACTIVITY_RANGE,
	               STORE_ARGS(SA_INT(jim_id), SA_TEXT(f), SA_TEXT(t)),
	               activities) == STORE_OK &&
	    store_rows(r->conn, SQ_COST_RANGE, STORE_ARGS(SA_INT(jim_id), SA_TEXT(f), SA_TEXT(t)),
	               costs) == STORE_OK)
		return true;
	json_decref(*activities);
	http_store_error(r, STORE_ERROR);
	return false;
}

struct statement_sums {
	int64_t km_tenths, km_amount, costs, minutes;
};

/* Builds the statement lines (new array) and sums them. */
static json_t *statement_lines(json_t *activities, json_t *costs, int rate,
                               struct statement_sums *sum)
{
	json_t *lines = json_array(), *row;
	size_t i;
	memset(sum, 0, sizeof(*sum));
	json_array_foreach(activities, i, row)
	{
		int64_t tenths = json_integer_value(json_object_get(row, "km_tenths"));
		sum->minutes += json_integer_value(json_object_get(row, "minutes"));
		if (!tenths)
			continue;
		sum->km_tenths += tenths;
		json_array_append_new(lines, json_pack("{s:s, s:O, s:O, s:f, s:I, s:O}", "type",
		                                       "km", "date", json_object_get(row, "date"),
		                                       "kind", json_object_get(row, "kind"), "km",
		                                       (double)tenths / 10.0, "amount_cents",
		                                       (json_int_t)money_km_amount(tenths, rate),
		                                       "note", json_object_get(row, "note")));
	}
	json_array_foreach(costs, i, row)
	{
		sum->costs += json_integer_value(json_object_get(row, "amount_cents"));
		json_array_append_new(lines,
		                      json_pack("{s:s, s:O, s:O, s:O, s:O}", "type", "cost", "date",
		                                json_object_get(row, "date"), "amount_cents",
		                                json_object_get(row, "amount_cents"), "description",
		                                json_object_get(row, "description"), "receipt_note",
		                                json_object_get(row, "receipt_note")));
	}
	/* The km amount is computed once over the period total: rounding per line
	 * could differ by a cent from the sum the professional checks. */
	sum->km_amount = money_km_amount(sum->km_tenths, rate);
	return lines;
}

static void shape_statement(json_t *s)
{
	int64_t tenths = json_integer_value(json_object_get(s, "km_tenths"));
	json_object_del(s, "km_tenths");
	json_object_set_new(s, "km", json_real((double)tenths / 10.0));
	api_nest_person(s, "decided_by", "decided_by_name"); /* null while undecided */
	json_t *lines = json_object_get(s, "lines");
	if (json_is_string(lines)) {
		json_t *parsed = json_loads(json_string_value(lines), 0, NULL);
		json_object_set_new(s, "lines", parsed ? parsed : json_array());
	}
}

static void reply_statement(struct request *r, int status, int64_t id)
{
	json_t *s = NULL;
	if (store_row(r->conn, SQ_STATEMENT_GET, STORE_ARGS(SA_INT(id)), &s) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	shape_statement(s);
	http_reply(r, status, s);
}

const struct input_field api_statement_body[] = {
    {.name = "from", .type = INPUT_DATE, .required = true},
    {.name = "to",
     .type = INPUT_DATE,
     .required = true,
     .description = "not before from; a statement covers at most a year"},
    {0},
};

static bool input_period(struct request *r, struct date *from, struct date *to)
{
	if (!input_need_body(r) || !input_date(r, "from", true, from) ||
	    !input_date(r, "to", true, to))
		return false;
	if (date_compare(*from, *to) > 0) {
		http_validation_error(r, "to", "must not be before from");
		return false;
	}
	if (date_days_between(*from, *to) > 366) {
		http_validation_error(r, "to", "a statement covers at most a year");
		return false;
	}
	return true;
}

/*
 * The checks a statement of from..to must pass, shared by making one and by
 * the preview: the period must not overlap a submitted or approved statement
 * of this JIM (409 conflict, field from) and must hold an activity or a cost
 * (422 empty_period). On true *acts and *costs hold the period's entries
 * (the caller decrefs them); on false the answer is written.
 */
static bool statement_period(struct request *r, int64_t jim_id, struct date from, struct date to,
                             json_t **acts, json_t **costs)
{
	json_t *overlap = NULL;
	const char *f = dossier_date_text(r, from), *t = dossier_date_text(r, to);
	if (store_row(r->conn, SQ_STATEMENT_OVERLAP,
	              STORE_ARGS(SA_INT(jim_id), SA_TEXT(f), SA_TEXT(t)), &overlap) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return false;
	}
	bool overlaps = json_integer_value(json_object_get(overlap, "n")) > 0;
	json_decref(overlap);
	if (overlaps) {
		http_error(r, 409, "conflict",
		           "this period overlaps a statement that is submitted or approved",
		           "from");
		return false;
	}
	if (!load_period(r, jim_id, from, to, acts, costs))
		return false;
	/* a statement settles its days: one without entries would only close them */
	if (!json_array_size(*acts) && !json_array_size(*costs)) {
		json_decref(*acts);
		json_decref(*costs);
		*acts = *costs = NULL;
		http_error(r, 422, "empty_period",
		           "there are no activities or costs in this period", "from");
		return false;
	}
	return true;
}

void api_statements_create(struct request *r)
{
	struct date from, to;
	struct jim_context j;
	struct statement_sums sum;
	json_t *acts = NULL, *costs = NULL;
	int64_t id;
	char at[25];
	if (!input_period(r, &from, &to) || !http_begin_write(r) ||
	    !jim_context_load(r, jim_path_id(r), &j) || !jim_lock_entries(r, j.jim_id) ||
	    !statement_period(r, j.jim_id, from, to, &acts, &costs))
		return;
	const char *f = dossier_date_text(r, from), *t = dossier_date_text(r, to);
	json_t *lines = statement_lines(acts, costs, j.km_rate_cents, &sum);
	char *lines_text = json_dumps(lines, JSON_COMPACT);
	json_decref(lines);
	json_decref(acts);
	json_decref(costs);
	clock_format_iso_ms(clock_now_ms(), at);
	enum store_status s = store_run(
	    r->conn, SQ_STATEMENT_INSERT,
	    STORE_ARGS(SA_INT(j.jim_id), SA_TEXT(f), SA_TEXT(t), SA_INT(sum.km_tenths),
	               SA_INT(j.km_rate_cents), SA_INT(sum.km_amount), SA_INT(sum.costs),
	               SA_INT(sum.km_amount + sum.costs), SA_TEXT(lines_text ? lines_text : "[]"),
	               SA_INT(r->caller.user_id), SA_TEXT(at)),
	    &id, NULL);
	free(lines_text);
	if (s != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	reply_statement(r, 201, id);
}

/*
 * GET /api/v1/jims/{id}/statement-preview?from=&to=: what a statement of
 * that period would hold, without making it, so that the JIM sees the
 * amount before sending fixes the days for good. Both dates are required;
 * the answers are those of POST .../statements (422 on the period, 409 when
 * it overlaps, 422 empty_period) and the sums are computed the same way.
 * Nothing is written.
 */
void api_statement_preview(struct request *r)
{
	struct date from, to;
	struct jim_context j;
	struct statement_sums sum;
	json_t *acts = NULL, *costs = NULL;
	static const char *const required[] = {"from", "to"};
	for (size_t i = 0; i < 2; i++) {
		const char *v = http_query(r, required[i]);
		if (!v || !*v) {
			http_validation_error(r, required[i],
			                      "required: a date written as YYYY-MM-DD");
			return;
		}
	}
	if (!jim_query_period(r, date_today(), date_today(), &from, &to))
		return;
	if (date_days_between(from, to) > 366) {
		http_validation_error(r, "to", "a statement covers at most a year");
		return;
	}
	if (!jim_context_load(r, jim_path_id(r), &j) ||
	    !statement_period(r, j.jim_id, from, to, &acts, &costs))
		return;
	size_t activities = json_array_size(acts), n_costs = json_array_size(costs);
	json_decref(statement_lines(acts, costs, j.km_rate_cents, &sum));
	json_decref(acts);
	json_decref(costs);
	http_reply(r, 200,
	           json_pack("{s:s, s:s, s:f, s:i, s:I, s:I, s:I, s:I, s:I, s:I}", "from",
	                     dossier_date_text(r, from), "to", dossier_date_text(r, to), "km",
	                     (double)sum.km_tenths / 10.0, "rate_cents_per_km", j.km_rate_cents,
	                     "km_amount_cents", (json_int_t)sum.km_amount, "other_costs_cents",
	                     (json_int_t)sum.costs, "total_cents",
	                     (json_int_t)sum.km_amount + (json_int_t)sum.costs, "minutes",
	                     (json_int_t)sum.minutes, "activities", (json_int_t)activities, "costs",
	                     (json_int_t)n_costs));
}

void api_statements_list(struct request *r)
{
	json_t *rows = NULL, *row;
	size_t i;
	if (store_rows(r->conn, SQ_STATEMENT_LIST, STORE_ARGS(SA_INT(jim_path_id(r))), &rows) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	json_array_foreach(rows, i, row) shape_statement(row);
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

void api_statement_get(struct request *r)
{
	int64_t id;
	if (parse_id(http_param(r, 0), &id))
		reply_statement(r, 200, id);
}

/* Approving takes an optional body, rejecting needs the note. */
const struct input_field api_statement_approve_body[] = {
    {.name = "note",
     .type = INPUT_STRING,
     .max = DECISION_NOTE_CHARS,
     .description = "at most 2000 characters"},
    {0},
};

const struct input_field api_statement_reject_body[] = {
    {.name = "note",
     .type = INPUT_STRING,
     .max = DECISION_NOTE_CHARS,
     .required = true,
     .description = "why: at most 2000 characters"},
    {0},
};

/*
 * Whether the caller drew up the submitted statement `id` or entered or
 * changed one of the entries of its period: then someone else approves it
 * (four eyes). False answered (409 own_entries, or 503); a statement that is
 * not submitted is left to the decision's own 409.
 */
static bool approver_is_other(struct request *r, int64_t id)
{
	json_t *row = NULL;
	enum store_status s = store_row(r->conn, SQ_STATEMENT_OWN_WORK,
	                                STORE_ARGS(SA_INT(id), SA_INT(r->caller.user_id)), &row);
	const char *status = json_string_value(json_object_get(row, "status"));
	bool own = s == STORE_OK && json_integer_value(json_object_get(row, "own")) != 0 &&
	           status && !strcmp(status, "submitted");
	json_decref(row);
	if (s == STORE_ERROR) {
		http_store_error(r, s);
		return false;
	}
	if (own)
		http_error(r, 409, "own_entries",
		           "a statement is approved by someone other than who drew it up or "
		           "entered, changed, moved or removed its lines",
		           NULL);
	return !own;
}

static void decide(struct request *r, const char *status, bool note_required)
{
	int64_t id, changed = 0;
	char at[25];
	const char *note = NULL;
	if (note_required && !input_need_body(r))
		return;
	if (r->input) {
		note = input_string(r, "note", note_required, check_decision_note);
		if (r->status)
			return;
	}
	if (!parse_id(http_param(r, 0), &id) || !http_begin_write(r))
		return;
	if (!strcmp(status, "approved") && !approver_is_other(r, id))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_STATEMENT_DECIDE,
	              STORE_ARGS(SA_INT(id), SA_TEXT(status), SA_INT(r->caller.user_id),
	                         SA_TEXT(at), SA_TEXT(note)),
	              NULL, &changed) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	if (!changed) {
		http_error(r, 409, "conflict", "only a submitted statement can be decided on",
		           NULL);
		return;
	}
	reply_statement(r, 200, id);
}

void api_statement_approve(struct request *r)
{
	decide(r, "approved", false);
}

void api_statement_reject(struct request *r)
{
	decide(r, "rejected", true);
}

/* "dd-mm-yyyy" for a stored "yyyy-mm-dd". */
static void dutch_date(const char *iso, char out[11])
{
	struct date d;
	if (iso && date_parse(iso, &d))
		snprintf(out, 11, "%02u-%02u-%04u", (unsigned)d.day % 100u,
		         (unsigned)d.month % 100u, (unsigned)d.year % 10000u);
	else
		out[0] = '\0';
}

static void csv_numbers(struct csv *c, int64_t minutes, int64_t tenths, int64_t cents)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", (long long)minutes);
	csv_raw(c, minutes ? buf : "");
	money_format_km(tenths, buf);
	csv_raw(c, tenths ? buf : "");
	money_format_euro(cents, buf);
	csv_raw(c, buf);
}

/*
 * The rows of the expenses CSV: one per activity with kilometres, then one
 * per cost, adding to the totals. The kind column ("Soort") holds codes
 * whatever the reader's language, as kring's other CSV files do: the
 * activity's kind (contact, phone, travel, meeting, other), or "cost".
 */
static void csv_rows(struct csv *c, json_t *acts, json_t *costs, int rate, int64_t *tm, int64_t *tk,
                     int64_t *tc)
{
	char day[11];
	size_t i;
	json_t *row;
	json_array_foreach(acts, i, row)
	{
		int64_t tenths = json_integer_value(json_object_get(row, "km_tenths"));
		if (!tenths)
			continue;
		int64_t minutes = json_integer_value(json_object_get(row, "minutes"));
		int64_t cents = money_km_amount(tenths, rate);
		dutch_date(json_string_value(json_object_get(row, "date")), day);
		csv_raw(c, day);
		csv_text(c, json_string_value(json_object_get(row, "kind")));
		csv_numbers(c, minutes, tenths, cents);
		csv_text(c, json_string_value(json_object_get(row, "note")));
		csv_text(c, NULL);
		csv_end_row(c);
		*tm += minutes;
		*tk += tenths;
		*tc += cents;
	}
	json_array_foreach(costs, i, row)
	{
		int64_t cents = json_integer_value(json_object_get(row, "amount_cents"));
		dutch_date(json_string_value(json_object_get(row, "date")), day);
		csv_raw(c, day);
		csv_text(c, "cost"); /* a code, as a statement line's type */
		csv_numbers(c, 0, 0, cents);
		csv_text(c, json_string_value(json_object_get(row, "description")));
		csv_text(c, json_string_value(json_object_get(row, "receipt_note")));
		csv_end_row(c);
		*tc += cents;
	}
}

void api_expenses_csv(struct request *r)
{
	struct date today = date_today(), from, to;
	struct jim_context j;
	json_t *acts = NULL, *costs = NULL;
	int64_t minutes = 0, tenths = 0, cents = 0;
	struct csv c;
	if (!jim_query_period(r, (struct date){today.year, today.month, 1}, today, &from, &to) ||
	    !jim_context_load(r, jim_path_id(r), &j) ||
	    !load_period(r, j.jim_id, from, to, &acts, &costs))
		return;
	csv_init(&c);
	static const char *const header[] = {
	    "Datum", "Soort", "Minuten", "Kilometers", "Bedrag (EUR)", "Omschrijving", "Bon"};
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		csv_text(&c, header[i]);
	csv_end_row(&c);
	csv_rows(&c, acts, costs, j.km_rate_cents, &minutes, &tenths, &cents);
	csv_raw(&c, "Totaal");
	csv_raw(&c, "");
	csv_numbers(&c, minutes, tenths, cents);
	csv_raw(&c, "");
	csv_raw(&c, "");
	csv_end_row(&c);
	json_decref(acts);
	json_decref(costs);
	const char *disposition = arena_printf(
	    &r->arena, "attachment; filename=\"kilometers-en-kosten-jim-%lld-%s-%s.csv\"",
	    (long long)j.jim_id, dossier_date_text(r, from), dossier_date_text(r, to));
	http_reply_raw(r, 200, "text/csv; charset=utf-8", disposition, c.data, c.len);
}
